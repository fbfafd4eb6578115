//! Bring the loopback interface up in a fresh network namespace (docker's `none`
//! network still has `lo`).

use nix::sys::socket::{socket, AddressFamily, SockFlag, SockType};
use std::io;
use std::os::fd::AsRawFd;

pub fn loopback_up() -> io::Result<()> {
    let s = socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    // SAFETY: struct ifreq is plain C data (a name array and a union of integers and
    // addresses) for which all-zero bytes are a valid value.
    let mut ifr: libc::ifreq = unsafe { std::mem::zeroed() };
    // "lo" and its NUL, inside the zeroed IFNAMSIZ name.
    for (i, b) in b"lo\0".iter().enumerate() {
        ifr.ifr_name[i] = *b as libc::c_char;
    }
    // No wrapper in nix or rustix sets interface flags.
    // SAFETY: SIOCGIFFLAGS reads the NUL-terminated name from and writes the flags into
    // one struct ifreq through the pointer; `ifr` is ours, live and writable, and `s`
    // is an open socket owned above.
    let mut r = unsafe { libc::ioctl(s.as_raw_fd(), libc::SIOCGIFFLAGS, &mut ifr) };
    if r == 0 {
        // SAFETY: after SIOCGIFFLAGS the union holds ifru_flags (a c_short, valid for
        // any bits).
        let flags = unsafe { ifr.ifr_ifru.ifru_flags };
        ifr.ifr_ifru.ifru_flags = flags | (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
        // SAFETY: SIOCSIFFLAGS only reads one struct ifreq through the pointer; `ifr` is
        // ours and live, `s` open.
        r = unsafe { libc::ioctl(s.as_raw_fd(), libc::SIOCSIFFLAGS, &ifr) };
    }
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}
