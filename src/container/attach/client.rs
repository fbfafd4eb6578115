//! The CLI's side of attach: copy our stdin to the container (watching a terminal's
//! input for the detach keys), its output to our stdout/stderr, window size changes
//! to its terminal, and (without a terminal) our signals to its process.

use super::keys::Matcher;
use super::{frame, resize_frame, FrameBuf, EXIT, STDERR, STDIN, STDIN_EOF, STDOUT};
use anyhow::Result;
use nix::poll::{PollFd, PollFlags, PollTimeout};
use std::io::{Read, Write};
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;

pub struct ClientOptions<'a> {
    /// Send our stdin to the container.
    pub stdin: bool,
    /// The container has a terminal (then our stdin is one too, in raw mode).
    pub tty: bool,
    /// With a terminal: the detach sequence.
    pub detach_keys: Option<Vec<u8>>,
    pub stdout: bool,
    pub stderr: bool,
    /// Without a terminal: where our signals go (docker's --sig-proxy).
    pub proxy: Option<&'a dyn Fn(i32)>,
}

#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// The process exited with this code.
    Exited(i32),
    /// The user typed the detach keys; the container runs on.
    Detached,
    /// The supervisor hung up without an exit code (it was killed).
    Lost,
    /// A signal asked us to go (with a terminal, signals are not proxied).
    Signaled(i32),
}

pub fn relay(mut sock: UnixStream, o: &ClientOptions) -> Result<Outcome> {
    let sfd = crate::container::poll::signalfd(&[])?;
    let stdin_is_tty = nix::unistd::isatty(0).unwrap_or(false);
    let send_size = |sock: &mut UnixStream| {
        if let (true, Some((r, c))) = (o.tty, crate::sandbox::tty::winsize(0)) {
            let _ = sock.write_all(&resize_frame(r, c));
        }
    };
    send_size(&mut sock);
    let mut matcher = o
        .detach_keys
        .clone()
        .filter(|_| o.tty && stdin_is_tty)
        .map(Matcher::new);
    let stdin = std::io::stdin();
    let mut reading_stdin = o.stdin;
    let mut frames = FrameBuf::default();
    let mut buf = vec![0u8; 64 * 1024];
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    loop {
        let mut fds = vec![
            PollFd::new(sfd.as_fd(), PollFlags::POLLIN),
            PollFd::new(sock.as_fd(), PollFlags::POLLIN),
        ];
        if reading_stdin {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        let rev = crate::container::poll::wait(fds, PollTimeout::NONE)?;
        let ready = crate::container::poll::READY;
        if rev[1].intersects(ready) {
            let n = match sock.read(&mut buf) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => 0,
            };
            if n == 0 {
                return Ok(Outcome::Lost);
            }
            frames.push(&buf[..n]);
            while let Some((kind, p)) = frames.next_frame()? {
                match kind {
                    STDOUT if o.stdout => {
                        let _ = out.write_all(&p);
                        let _ = out.flush();
                    }
                    STDERR if o.stderr => {
                        let _ = err.write_all(&p);
                    }
                    EXIT if p.len() == 4 => {
                        return Ok(Outcome::Exited(i32::from_le_bytes([
                            p[0], p[1], p[2], p[3],
                        ])));
                    }
                    _ => {}
                }
            }
        }
        if reading_stdin && rev.get(2).is_some_and(|r| r.intersects(ready)) {
            match stdin.lock().read(&mut buf) {
                Ok(0) | Err(_) => {
                    reading_stdin = false;
                    let _ = sock.write_all(&frame(STDIN_EOF, &[]));
                }
                Ok(n) => {
                    let (data, detach) = match matcher.as_mut() {
                        Some(m) => m.feed(&buf[..n]),
                        None => (buf[..n].to_vec(), false),
                    };
                    if !data.is_empty() {
                        let _ = sock.write_all(&frame(STDIN, &data));
                    }
                    if detach {
                        return Ok(Outcome::Detached);
                    }
                }
            }
        }
        if rev[0].contains(PollFlags::POLLIN) {
            while let Ok(Some(si)) = sfd.read_signal() {
                let sig = si.ssi_signo as i32;
                if sig == libc::SIGWINCH {
                    send_size(&mut sock);
                } else if let (false, Some(p)) = (o.tty, o.proxy) {
                    p(sig);
                } else if sig != libc::SIGUSR1 && sig != libc::SIGUSR2 {
                    return Ok(Outcome::Signaled(sig));
                }
            }
        }
    }
}
