//! Kernel helpers below everything else: user namespace id maps, opening paths inside a
//! root (openat2 RESOLVE_IN_ROOT), and the few syscalls no wrapper crate covers
//! (close_range, mount_setattr), signals by positive pid only, and the typed messages
//! setup processes exchange over pipes, and sockets made in another process's network
//! namespace, and a minimal D-Bus client for a systemd transient scope. Used by
//! storage/, sandbox/ and container/; knows nothing of containers or images.

pub mod dbus;
pub mod fd;
pub mod idmap;
pub mod msg;
pub mod ns;
pub mod nsock;
pub mod process;
pub mod resolve;
pub mod signal;
