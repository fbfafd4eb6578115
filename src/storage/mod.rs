//! Storage work: the id-mapped storage child (layers, upper dirs). Overlay planning and
//! volumes live here as they grow.
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod driver;
pub mod layered;
pub mod mapped;
