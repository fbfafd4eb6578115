//! Images: the content-addressed store, layer unpacking, and the docker-archive / OCI
//! archive formats (references and digests live in oci/).

pub mod archive;
pub mod change;
pub mod config;
pub mod import;
pub mod layer;
pub mod prune;
pub mod pull;
pub mod store;
pub mod tarend;

pub use crate::oci::reference::Reference;
pub use store::{ImageRecord, ImageStore};
