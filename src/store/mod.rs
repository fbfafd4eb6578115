//! Per-user state on disk: where it lives, how it is written (atomically), how it is
//! locked, and how objects get ids and names.

pub mod atomic;
pub mod events;
pub mod ids;
pub mod lock;
pub mod owner;
pub mod paths;
pub mod scratch;
pub mod time;

pub use atomic::{read_json, write_json_atomic};
pub use lock::Lock;
pub use paths::Paths;
