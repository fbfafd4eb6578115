//! Images: references, the content-addressed store, layer unpacking, and the
//! docker-archive / OCI archive formats.

pub mod archive;
pub mod config;
pub mod digest;
pub mod layer;
pub mod pull;
pub mod reference;
pub mod store;
pub mod tarend;

pub use reference::Reference;
pub use store::{ImageRecord, ImageStore};
