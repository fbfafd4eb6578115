//! The default network (docker's `bridge`, built in): every container gets its own
//! network namespace with a TUN device, and its supervisor translates the container's
//! flows into host sockets (pasta's approach, no TCP stack of ours). Also the network
//! settings around it: published ports, the container's /etc files.

pub mod etc;
pub mod flags;
pub mod mode;
pub mod ports;
pub mod settings;

pub use mode::NetworkMode;

use std::net::{Ipv4Addr, Ipv6Addr};

/// The container's address on the default network (the same in every container:
/// each has its own namespace).
pub const CONTAINER_IP: Ipv4Addr = Ipv4Addr::new(10, 0, 2, 100);
/// The gateway; with `--add-host NAME:host-gateway` it also reaches the host's loopback.
pub const GATEWAY_IP: Ipv4Addr = Ipv4Addr::new(10, 0, 2, 2);
/// The DNS forwarder to the host's resolvers.
pub const DNS_IP: Ipv4Addr = Ipv4Addr::new(10, 0, 2, 3);
pub const PREFIX_LEN: u8 = 24;
/// IPv6, where the host has it: the container's address in a prefix of ours (unique
/// local, so the container prefers IPv4 for destinations IPv4 also reaches), the
/// gateway (the host's loopback with `host-gateway`, as 10.0.2.2).
pub const PREFIX6: Ipv6Addr = Ipv6Addr::new(0xfd00, 0x10, 0, 2, 0, 0, 0, 0);
pub const CONTAINER_IP6: Ipv6Addr = Ipv6Addr::new(0xfd00, 0x10, 0, 2, 0, 0, 0, 0x100);
pub const GATEWAY_IP6: Ipv6Addr = Ipv6Addr::new(0xfd00, 0x10, 0, 2, 0, 0, 0, 2);
pub const PREFIX6_LEN: u8 = 64;
/// The container's interface MTU (large segments still pass: TSO through vnet headers).
pub const MTU: u32 = 1500;
/// The container's interface name.
pub const IFACE: &str = "eth0";
/// What `--add-host NAME:host-gateway` resolves to.
pub const HOST_GATEWAY: Ipv4Addr = GATEWAY_IP;

pub mod builtin;
pub mod dns;
pub mod icmp;
pub mod listen;
pub mod packet;
pub mod splice;
pub mod tcp;
pub mod translator;
pub mod udp;
pub mod wire;

pub use translator::{NetOptions, Translator};

/// The TUN interface the sandbox creates for a container on the default network.
pub fn tun_config() -> crate::sandbox::nettun::TunConfig {
    crate::sandbox::nettun::TunConfig {
        name: IFACE.into(),
        addr: CONTAINER_IP,
        prefix: PREFIX_LEN,
        gateway: GATEWAY_IP,
        addr6: host_has_ipv6().then_some((CONTAINER_IP6, PREFIX6_LEN)),
        mtu: MTU,
        sockets: translator::POOL,
    }
}

/// Whether the kernel has IPv6 at all (a kernel booted with ipv6.disable=1 has not):
/// IPv6 listeners and the hosts file's IPv6 lines.
pub fn ipv6_enabled() -> bool {
    std::path::Path::new("/proc/net/if_inet6").exists()
}

/// Whether the host has IPv6 beyond loopback and link-local addresses (then the
/// container gets IPv6 too; without it, an IPv6 address would only lead to resets).
pub fn host_has_ipv6() -> bool {
    // /proc/net/if_inet6: address, index, prefix length, scope (00: global), flags, name.
    std::fs::read_to_string("/proc/net/if_inet6").is_ok_and(|t| {
        t.lines()
            .any(|l| l.split_whitespace().nth(3) == Some("00") && !l.ends_with(" lo"))
    })
}
