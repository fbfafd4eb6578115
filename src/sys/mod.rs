//! Kernel helpers below everything else: user namespace id maps and opening paths
//! inside a root (openat2 RESOLVE_IN_ROOT). Used by storage/ and sandbox/ alike; knows
//! nothing of containers or images.

pub mod idmap;
pub mod resolve;
pub mod signal;
