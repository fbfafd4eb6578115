//! What every layer needs to know about OCI content: image references (names, tags,
//! digests) and sha256 digests. A leaf: registry/ and image/ both build on it.

pub mod digest;
pub mod reference;
