//! Kernel helpers below everything else: user namespace id maps, opening paths inside a
//! root (openat2 RESOLVE_IN_ROOT), and the few syscalls no wrapper crate covers
//! (close_range, mount_setattr). Used by storage/ and sandbox/ alike; knows nothing of
//! containers or images.

pub mod fd;
pub mod idmap;
pub mod process;
pub mod resolve;
pub mod signal;
