//! The host side of published ports: sockets bound by the supervisor before the
//! container starts (a port in use fails the start, nothing left listening), kept
//! across restarts, gone with the supervisor (they are its fds, close-on-exec).

use super::ports::{BoundPort, PortBinding, Proto};
use anyhow::{bail, Result};
use rustix::net::{AddressFamily, SocketFlags, SocketType};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::OwnedFd;

pub struct Listener {
    pub sock: OwnedFd,
    pub port: BoundPort,
}

fn bind_one(proto: Proto, addr: SocketAddr) -> std::io::Result<OwnedFd> {
    let family = match addr {
        SocketAddr::V4(_) => AddressFamily::INET,
        SocketAddr::V6(_) => AddressFamily::INET6,
    };
    let ty = match proto {
        Proto::Tcp => SocketType::STREAM,
        Proto::Udp => SocketType::DGRAM,
    };
    let s = rustix::net::socket_with(
        family,
        ty,
        SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
        None,
    )?;
    if addr.is_ipv6() {
        rustix::net::sockopt::set_ipv6_v6only(&s, true)?;
    }
    if proto == Proto::Tcp {
        rustix::net::sockopt::set_socket_reuseaddr(&s, true)?;
    }
    rustix::net::bind(&s, &addr)?;
    if proto == Proto::Tcp {
        rustix::net::listen(&s, 511)?;
    }
    Ok(s)
}

fn bound_port(s: &OwnedFd) -> u16 {
    rustix::net::getsockname(s)
        .ok()
        .and_then(|a| SocketAddr::try_from(a).ok())
        .map_or(0, |a| a.port())
}

fn bind_error(proto: Proto, addr: SocketAddr, e: std::io::Error) -> anyhow::Error {
    let why = match e.raw_os_error() {
        Some(libc::EADDRINUSE) => "address already in use".to_string(),
        Some(libc::EACCES) => "permission denied (ports below 1024 need root, or a lower net.ipv4.ip_unprivileged_port_start)".to_string(),
        Some(libc::EADDRNOTAVAIL) => "cannot assign requested address".to_string(),
        _ => e.to_string(),
    };
    anyhow::anyhow!(
        "failed to bind host port {}/{}: {why}",
        display(addr),
        proto.as_str()
    )
}

fn display(a: SocketAddr) -> String {
    match a {
        SocketAddr::V4(v) => v.to_string(),
        SocketAddr::V6(v) => format!("[{}]:{}", v.ip(), v.port()),
    }
}

/// Bind every published port. No address: all IPv4 and (where the host has it) all
/// IPv6 addresses, on the same port. Port 0: a free port, the same for both.
pub fn bind_all(bindings: &[PortBinding]) -> Result<Vec<Listener>> {
    let mut out = Vec::new();
    for b in bindings {
        let addrs: Vec<IpAddr> = match b.host_ip {
            Some(ip) => vec![ip],
            None if super::ipv6_enabled() => {
                vec![Ipv4Addr::UNSPECIFIED.into(), Ipv6Addr::UNSPECIFIED.into()]
            }
            None => vec![Ipv4Addr::UNSPECIFIED.into()],
        };
        // A free port chosen for the first address may be taken on the second: retry.
        let mut tries = 0;
        'again: loop {
            tries += 1;
            let mut port = b.host_port;
            let mut group = Vec::new();
            for ip in &addrs {
                let addr = SocketAddr::new(*ip, port);
                match bind_one(b.proto, addr) {
                    Ok(s) => {
                        if port == 0 {
                            port = bound_port(&s);
                        }
                        group.push(Listener {
                            sock: s,
                            port: BoundPort {
                                proto: b.proto,
                                container_port: b.container_port,
                                host_ip: *ip,
                                host_port: port,
                            },
                        });
                    }
                    Err(e)
                        if b.host_port == 0
                            && tries < 20
                            && e.raw_os_error() == Some(libc::EADDRINUSE) =>
                    {
                        continue 'again;
                    }
                    Err(e) => return Err(bind_error(b.proto, addr, e)),
                }
            }
            out.extend(group);
            break;
        }
    }
    if out.len() > 4096 {
        bail!("too many published ports ({})", out.len());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_in_use_is_an_error_naming_it() {
        let first = bind_all(&[PortBinding {
            proto: Proto::Tcp,
            container_port: 80,
            host_ip: Some(Ipv4Addr::LOCALHOST.into()),
            host_port: 0,
        }])
        .unwrap();
        let port = first[0].port.host_port;
        assert_ne!(port, 0);
        let e = bind_all(&[PortBinding {
            proto: Proto::Tcp,
            container_port: 80,
            host_ip: Some(Ipv4Addr::LOCALHOST.into()),
            host_port: port,
        }])
        .err()
        .unwrap();
        assert_eq!(
            e.to_string(),
            format!("failed to bind host port 127.0.0.1:{port}/tcp: address already in use")
        );
    }

    #[test]
    fn any_address_binds_both_families_on_one_port() {
        let l = bind_all(&[PortBinding {
            proto: Proto::Udp,
            container_port: 53,
            host_ip: None,
            host_port: 0,
        }])
        .unwrap();
        assert!(!l.is_empty());
        assert!(l.iter().all(|x| x.port.host_port == l[0].port.host_port));
    }
}
