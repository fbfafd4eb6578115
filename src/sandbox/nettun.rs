//! The container's network interfaces: `lo`, and on the default network a TUN device created in
//! the container's own network namespace (by the sandbox child, which holds
//! CAP_NET_ADMIN there), addressed and routed, its fd handed to the supervisor, which
//! translates its packets. Virtio-net headers with checksum and TCP segmentation
//! offload let 64 KiB segments pass at an MTU of 1500 with no software checksums.

use anyhow::{Context, Result};
use nix::sys::socket::{socket, AddressFamily, SockFlag, SockType};
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;

/// The interface to create (addresses chosen by the caller).
#[derive(Debug, Clone)]
pub struct TunConfig {
    pub name: String,
    pub addr: Ipv4Addr,
    pub prefix: u8,
    pub gateway: Ipv4Addr,
    /// An IPv6 address and prefix length (where the host has IPv6), with a default
    /// route through the interface.
    pub addr6: Option<(Ipv6Addr, u8)>,
    pub mtu: u32,
    /// TCP sockets to make in the namespace and hand over with the device (the
    /// supervisor connects them to the container's loopback for published ports).
    pub sockets: usize,
}

/// `struct rtentry` (glibc's layout on 64-bit Linux; libc only has it for musl).
#[repr(C)]
struct RtEntry {
    rt_pad1: libc::c_ulong,
    rt_dst: libc::sockaddr,
    rt_gateway: libc::sockaddr,
    rt_genmask: libc::sockaddr,
    rt_flags: libc::c_ushort,
    rt_pad2: libc::c_short,
    rt_pad3: libc::c_ulong,
    rt_pad4: *mut libc::c_void,
    rt_metric: libc::c_short,
    rt_dev: *mut libc::c_char,
    rt_mtu: libc::c_ulong,
    rt_window: libc::c_ulong,
    rt_irtt: libc::c_ushort,
}

fn ifreq(name: &str) -> Result<libc::ifreq> {
    // SAFETY: struct ifreq is plain C data for which all-zero bytes are a valid value.
    let mut ifr: libc::ifreq = unsafe { std::mem::zeroed() };
    let b = name.as_bytes();
    if b.is_empty() || b.len() >= ifr.ifr_name.len() || b.contains(&0) {
        anyhow::bail!("bad interface name {name:?}");
    }
    for (i, c) in b.iter().enumerate() {
        ifr.ifr_name[i] = *c as libc::c_char;
    }
    Ok(ifr)
}

fn sockaddr_in(ip: Ipv4Addr) -> libc::sockaddr {
    let sin = libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: 0,
        sin_addr: libc::in_addr {
            s_addr: u32::from(ip).to_be(),
        },
        sin_zero: [0; 8],
    };
    // SAFETY: sockaddr_in and sockaddr have the same size (16 bytes) and sockaddr is
    // plain bytes; this is the C idiom for passing an IPv4 address where a sockaddr is
    // expected.
    unsafe { std::mem::transmute::<libc::sockaddr_in, libc::sockaddr>(sin) }
}

/// ioctl with a pointer to `arg`, as an io::Result.
fn ioctl_ptr<T>(fd: RawFd, req: libc::c_ulong, arg: &mut T) -> io::Result<()> {
    // SAFETY: every request used here (TUNSETIFF, SIOCSIF*, SIOCGIF*, SIOCADDRT) reads (and for
    // some writes back) exactly one struct of the type the kernel expects for it, which
    // the callers pass as `arg`: ours, live and writable for the call.
    let r = unsafe { libc::ioctl(fd, req as _, arg as *mut T) };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Bring `lo` up in a fresh network namespace (docker's `none` network still has it).
pub fn loopback_up() -> Result<()> {
    let s = socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    let mut ifr = ifreq("lo")?;
    ioctl_ptr(s.as_raw_fd(), libc::SIOCGIFFLAGS, &mut ifr)?;
    // SAFETY: after SIOCGIFFLAGS the union holds ifru_flags (a c_short, valid for any
    // bits).
    let flags = unsafe { ifr.ifr_ifru.ifru_flags };
    ifr.ifr_ifru.ifru_flags = flags | (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
    ioctl_ptr(s.as_raw_fd(), libc::SIOCSIFFLAGS, &mut ifr)?;
    Ok(())
}

/// In the sandbox child (in the container's network namespace, before pivot_root:
/// /dev/net/tun is the host's): create and configure the interface, return the TUN fd.
pub fn create(cfg: &TunConfig) -> Result<OwnedFd> {
    let tun = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_CLOEXEC | libc::O_NONBLOCK)
        .open("/dev/net/tun")
        .context("opening /dev/net/tun (the default network needs it usable by the user)")?;
    let tfd = tun.as_raw_fd();
    let mut ifr = ifreq(&cfg.name)?;
    ifr.ifr_ifru.ifru_flags = (libc::IFF_TUN | libc::IFF_NO_PI | libc::IFF_VNET_HDR) as _;
    ioctl_ptr(tfd, libc::TUNSETIFF as _, &mut ifr).context("creating the TUN device")?;
    let offload = libc::TUN_F_CSUM | libc::TUN_F_TSO4 | libc::TUN_F_TSO6;
    // SAFETY: TUNSETOFFLOAD takes its argument by value (an unsigned int of flags), no
    // memory is passed.
    if unsafe { libc::ioctl(tfd, libc::TUNSETOFFLOAD as _, offload as libc::c_ulong) } < 0 {
        return Err(io::Error::last_os_error()).context("enabling TUN offloads");
    }

    let s = socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .context("socket")?;
    let sfd = s.as_raw_fd();
    let mut r = ifreq(&cfg.name)?;
    r.ifr_ifru.ifru_addr = sockaddr_in(cfg.addr);
    ioctl_ptr(sfd, libc::SIOCSIFADDR, &mut r).context("setting the container's address")?;
    let mask = if cfg.prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(cfg.prefix.min(32)))
    };
    let mut r = ifreq(&cfg.name)?;
    r.ifr_ifru.ifru_netmask = sockaddr_in(Ipv4Addr::from(mask));
    ioctl_ptr(sfd, libc::SIOCSIFNETMASK, &mut r).context("setting the netmask")?;
    let mut r = ifreq(&cfg.name)?;
    r.ifr_ifru.ifru_mtu = cfg.mtu as libc::c_int;
    ioctl_ptr(sfd, libc::SIOCSIFMTU, &mut r).context("setting the MTU")?;
    // A deep queue: a burst of the container's (up to its window) must not overflow
    // the TUN's ring while the supervisor is busy (a drop costs the flow a
    // retransmission round). Memory is used only while packets wait.
    let index = ifindex(&cfg.name)?;
    set_txqlen(index, 8192).context("setting the queue length")?;
    let mut r = ifreq(&cfg.name)?;
    r.ifr_ifru.ifru_flags = (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
    ioctl_ptr(sfd, libc::SIOCSIFFLAGS, &mut r).context("bringing the interface up")?;

    let mut dev: Vec<u8> = cfg.name.as_bytes().to_vec();
    dev.push(0);
    let mut rt = RtEntry {
        rt_pad1: 0,
        rt_dst: sockaddr_in(Ipv4Addr::UNSPECIFIED),
        rt_gateway: sockaddr_in(cfg.gateway),
        rt_genmask: sockaddr_in(Ipv4Addr::UNSPECIFIED),
        rt_flags: (libc::RTF_UP | libc::RTF_GATEWAY) as libc::c_ushort,
        rt_pad2: 0,
        rt_pad3: 0,
        rt_pad4: std::ptr::null_mut(),
        rt_metric: 0,
        rt_dev: dev.as_mut_ptr().cast(),
        rt_mtu: 0,
        rt_window: 0,
        rt_irtt: 0,
    };
    ioctl_ptr(sfd, libc::SIOCADDRT, &mut rt).context("adding the default route")?;
    drop(dev);
    if let Some((a, len)) = cfg.addr6 {
        add_addr6(index, a, len).context("setting the container's IPv6 address")?;
        add_default_route6(index).context("adding the IPv6 default route")?;
    }
    Ok(OwnedFd::from(tun))
}

/// The interface's index (SIOCGIFINDEX needs no capability).
fn ifindex(name: &str) -> Result<i32> {
    let s = socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    let mut r = ifreq(name)?;
    ioctl_ptr(s.as_raw_fd(), libc::SIOCGIFINDEX, &mut r).context("SIOCGIFINDEX")?;
    // SAFETY: after SIOCGIFINDEX the union holds ifru_ifindex (a c_int).
    Ok(unsafe { r.ifr_ifru.ifru_ifindex })
}

/// An rtnetlink attribute: length, type, value, padded to 4 bytes.
fn rtattr(m: &mut Vec<u8>, kind: u16, value: &[u8]) {
    m.extend_from_slice(&((4 + value.len()) as u16).to_ne_bytes());
    m.extend_from_slice(&kind.to_ne_bytes());
    m.extend_from_slice(value);
    while !m.len().is_multiple_of(4) {
        m.push(0);
    }
}

/// Send one rtnetlink request (`body`: what follows the nlmsghdr) and wait for its
/// acknowledgement. The ioctls that set interface attributes want CAP_NET_ADMIN in the
/// initial namespace; netlink only over the interface's network namespace. A few
/// fixed messages, so no netlink crate.
fn rtnl(kind: u16, flags: u16, body: &[u8]) -> Result<()> {
    use rustix::net::{RecvFlags, SendFlags, SocketFlags, SocketType};
    let mut m: Vec<u8> = Vec::with_capacity(16 + body.len());
    m.extend_from_slice(&((16 + body.len()) as u32).to_ne_bytes()); // nlmsg_len
    m.extend_from_slice(&kind.to_ne_bytes()); // nlmsg_type
    m.extend_from_slice(&(flags | (libc::NLM_F_REQUEST | libc::NLM_F_ACK) as u16).to_ne_bytes());
    m.extend_from_slice(&1u32.to_ne_bytes()); // nlmsg_seq
    m.extend_from_slice(&0u32.to_ne_bytes()); // nlmsg_pid
    m.extend_from_slice(body);
    // NETLINK_ROUTE is protocol 0, the default.
    let s = rustix::net::socket_with(
        rustix::net::AddressFamily::NETLINK,
        SocketType::RAW,
        SocketFlags::CLOEXEC,
        None,
    )?;
    rustix::net::send(&s, &m, SendFlags::empty())?;
    let mut buf = [0u8; 512];
    let (n, _) = rustix::net::recv(&s, &mut buf[..], RecvFlags::empty())?;
    // NLMSG_ERROR carries the errno (0: the acknowledgement).
    if n >= 20 && u16::from_ne_bytes([buf[4], buf[5]]) == libc::NLMSG_ERROR as u16 {
        let err = i32::from_ne_bytes([buf[16], buf[17], buf[18], buf[19]]);
        if err != 0 {
            return Err(io::Error::from_raw_os_error(-err).into());
        }
        return Ok(());
    }
    anyhow::bail!("no acknowledgement from rtnetlink")
}

/// The interface's queue length (RTM_NEWLINK, IFLA_TXQLEN).
fn set_txqlen(index: i32, qlen: u32) -> Result<()> {
    let mut b = Vec::new();
    b.extend_from_slice(&[libc::AF_UNSPEC as u8, 0]); // ifi_family, pad
    b.extend_from_slice(&0u16.to_ne_bytes()); // ifi_type
    b.extend_from_slice(&index.to_ne_bytes()); // ifi_index
    b.extend_from_slice(&0u32.to_ne_bytes()); // ifi_flags
    b.extend_from_slice(&0u32.to_ne_bytes()); // ifi_change
    rtattr(&mut b, libc::IFLA_TXQLEN, &qlen.to_ne_bytes());
    rtnl(libc::RTM_NEWLINK, 0, &b)
}

/// An IPv6 address without duplicate address detection (RTM_NEWADDR, IFA_F_NODAD):
/// usable at once, where DAD would keep it "tentative" for a second.
fn add_addr6(index: i32, a: Ipv6Addr, len: u8) -> Result<()> {
    let mut b = Vec::new();
    // ifa_family, ifa_prefixlen, ifa_flags, ifa_scope (universe), ifa_index
    b.extend_from_slice(&[libc::AF_INET6 as u8, len, libc::IFA_F_NODAD as u8, 0]);
    b.extend_from_slice(&(index as u32).to_ne_bytes());
    rtattr(&mut b, libc::IFA_LOCAL, &a.octets());
    rtattr(&mut b, libc::IFA_ADDRESS, &a.octets());
    rtattr(&mut b, libc::IFA_FLAGS, &libc::IFA_F_NODAD.to_ne_bytes());
    let create = (libc::NLM_F_CREATE | libc::NLM_F_EXCL) as u16;
    rtnl(libc::RTM_NEWADDR, create, &b)
}

/// `default dev IFACE` for IPv6 (a TUN needs no neighbour to route through).
fn add_default_route6(index: i32) -> Result<()> {
    let mut b = Vec::new();
    // rtm_family, dst_len, src_len, tos, table, protocol, scope, type; rtm_flags
    b.extend_from_slice(&[
        libc::AF_INET6 as u8,
        0,
        0,
        0,
        libc::RT_TABLE_MAIN,
        libc::RTPROT_BOOT,
        libc::RT_SCOPE_UNIVERSE,
        libc::RTN_UNICAST,
    ]);
    b.extend_from_slice(&0u32.to_ne_bytes());
    rtattr(&mut b, libc::RTA_OIF, &(index as u32).to_ne_bytes());
    let create = (libc::NLM_F_CREATE | libc::NLM_F_EXCL) as u16;
    rtnl(libc::RTM_NEWROUTE, create, &b)
}
