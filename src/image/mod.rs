//! Images: the content-addressed store, layer unpacking, and the docker-archive / OCI
//! archive formats (references and digests live in oci/).
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod archive;
pub mod config;
pub mod layer;
pub mod pull;
pub mod store;
pub mod tarend;

pub use crate::oci::reference::Reference;
pub use store::{ImageRecord, ImageStore};
