//! What berth's processes tell each other while one sets up another (the container's
//! first process, an exec, a monitor, the storage child): one typed message per event,
//! over a pipe, framed as `[len u32 LE][JSON]`. A pipe closed with nothing on it says
//! "no message" (for the setup pipes, which are close-on-exec: the exec happened).

use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};

/// One event of a setup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Message {
    /// Go on: the peer has done its part (id maps written, user namespace made).
    Proceed,
    /// The child is ready (a monitor's container is running).
    Ready,
    /// The pid of a process the sender started (an exec'd command).
    Pid(i32),
    /// Setup failed: docker's exit code (125 engine, 126 cannot exec, 127 not found) and
    /// one line for the user.
    Failed { code: i32, message: String },
}

/// Frames larger than this are refused (a message is a line of text, at most).
const MAX_FRAME: u32 = 1 << 20;

impl Message {
    /// Write this message as one frame.
    pub fn send(&self, w: &mut impl Write) -> io::Result<()> {
        let body = serde_json::to_vec(self)?;
        let mut frame = Vec::with_capacity(4 + body.len());
        frame.extend_from_slice(&(body.len() as u32).to_le_bytes());
        frame.extend_from_slice(&body);
        w.write_all(&frame)
    }

    /// Read the next message; None when the pipe closed before one began.
    pub fn recv(r: &mut impl Read) -> io::Result<Option<Message>> {
        let mut len = [0u8; 4];
        let mut got = 0;
        while got < 4 {
            match r.read(&mut len[got..]) {
                Ok(0) if got == 0 => return Ok(None),
                Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let len = u32::from_le_bytes(len);
        if len > MAX_FRAME {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("setup message of {len} bytes"),
            ));
        }
        let mut body = vec![0u8; len as usize];
        r.read_exact(&mut body)?;
        serde_json::from_slice(&body).map_err(io::Error::other)
    }
}

#[cfg(test)]
mod tests {
    use super::Message;

    #[test]
    fn frames_round_trip_and_end_cleanly() {
        let mut buf = Vec::new();
        let msgs = [
            Message::Proceed,
            Message::Pid(42),
            Message::Failed {
                code: 127,
                message: "exec: \"x\": not found\nsecond line".into(),
            },
            Message::Ready,
        ];
        for m in &msgs {
            m.send(&mut buf).unwrap();
        }
        let mut r = &buf[..];
        for m in &msgs {
            assert_eq!(Message::recv(&mut r).unwrap().as_ref(), Some(m));
        }
        assert_eq!(Message::recv(&mut r).unwrap(), None);
        // A cut frame is an error, not "no message".
        assert!(Message::recv(&mut &buf[..6]).is_err());
        assert!(Message::recv(&mut &buf[2..3]).is_err());
        // A frame that claims to be huge is refused before allocating.
        let huge = u32::MAX.to_le_bytes();
        assert!(Message::recv(&mut &huge[..]).is_err());
    }
}
