//! Storage work: the id-mapped storage child (layers, upper dirs). Overlay planning and
//! volumes live here as they grow.

pub mod difftar;
pub mod driver;
pub mod layered;
pub mod mapped;
pub mod usage;
pub mod volume;
