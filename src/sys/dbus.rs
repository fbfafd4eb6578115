//! A minimal D-Bus client, written by hand (no dependency), for one call: asking the
//! user's systemd manager for a transient scope with `Delegate=yes` around one process,
//! as podman and crun do, so that process gets a delegated cgroup v2 subtree. Blocking,
//! no threads (it runs in a forked child of a process that later clones namespaces),
//! little-endian only. Everything read from the socket is range-checked: a broken or
//! hostile peer gets an error, never a panic or an unbounded allocation.

use anyhow::{bail, ensure, Context, Result};
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Larger messages are refused (ours and systemd's replies are a few hundred bytes).
const MAX_MESSAGE: usize = 1 << 20;
/// Nesting of arrays, structs and variants we follow (the spec allows 64 in all).
const MAX_DEPTH: u32 = 32;
/// Messages that are not our reply (signals such as NameAcquired) skipped before giving up.
const MAX_SKIPPED: usize = 1000;
const TIMEOUT: Duration = Duration::from_secs(5);

const METHOD_CALL: u8 = 1;
const METHOD_RETURN: u8 = 2;
const ERROR: u8 = 3;

/// The user's session bus socket path: `$DBUS_SESSION_BUS_ADDRESS` if it is
/// `unix:path=...`, else `$XDG_RUNTIME_DIR/bus` if it exists, else None.
pub fn session_bus_path() -> Option<PathBuf> {
    let addr = std::env::var("DBUS_SESSION_BUS_ADDRESS").ok();
    let runtime = std::env::var("XDG_RUNTIME_DIR").ok();
    bus_path_from(addr.as_deref(), runtime.as_deref(), |p| p.exists())
}

fn bus_path_from(
    addr: Option<&str>,
    runtime_dir: Option<&str>,
    exists: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    if let Some(addr) = addr.filter(|a| !a.is_empty()) {
        // A set address is what the user's session uses: no falling back to another bus.
        let keys = addr.strip_prefix("unix:")?;
        let path = keys.split(',').find_map(|kv| kv.strip_prefix("path="))?;
        return unescape(path).filter(|p| !p.is_empty()).map(PathBuf::from);
    }
    let bus = Path::new(runtime_dir.filter(|d| !d.is_empty())?).join("bus");
    exists(&bus).then_some(bus)
}

/// D-Bus address values escape bytes as `%XX`.
fn unescape(s: &str) -> Option<String> {
    let (mut out, mut bytes) = (Vec::new(), s.bytes());
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hex = [bytes.next()?, bytes.next()?];
            out.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).ok()
}

/// The D-Bus values we send or read.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Byte(u8),
    Bool(bool),
    U32(u32),
    Str(String),
    Path(String),
    Sig(String),
    /// Element signature (needed for empty arrays), elements.
    Array(String, Vec<Value>),
    Struct(Vec<Value>),
    Variant(Box<Value>),
}

impl Value {
    fn signature(&self) -> String {
        match self {
            Value::Byte(_) => "y".into(),
            Value::Bool(_) => "b".into(),
            Value::U32(_) => "u".into(),
            Value::Str(_) => "s".into(),
            Value::Path(_) => "o".into(),
            Value::Sig(_) => "g".into(),
            Value::Array(elem, _) => format!("a{elem}"),
            Value::Struct(vs) => {
                format!("({})", vs.iter().map(Value::signature).collect::<String>())
            }
            Value::Variant(_) => "v".into(),
        }
    }

    fn str(&self) -> Option<&str> {
        match self {
            Value::Str(s) | Value::Path(s) | Value::Sig(s) => Some(s),
            _ => None,
        }
    }
}

fn alignment(code: u8) -> usize {
    match code {
        b'b' | b'u' | b's' | b'o' | b'a' => 4,
        b'(' => 8,
        _ => 1,
    }
}

fn pad(buf: &mut Vec<u8>, align: usize) {
    buf.resize(buf.len().next_multiple_of(align), 0);
}

/// Appends `v`, aligned relative to the start of `buf` (a message or a body: both start
/// 8-aligned in the message).
fn put(buf: &mut Vec<u8>, v: &Value) {
    let put_u32 = |buf: &mut Vec<u8>, n: u32| {
        pad(buf, 4);
        buf.extend_from_slice(&n.to_le_bytes());
    };
    match v {
        Value::Byte(b) => buf.push(*b),
        Value::Bool(b) => put_u32(buf, u32::from(*b)),
        Value::U32(n) => put_u32(buf, *n),
        Value::Str(s) | Value::Path(s) => {
            put_u32(buf, s.len() as u32);
            buf.extend_from_slice(s.as_bytes());
            buf.push(0);
        }
        Value::Sig(s) => {
            buf.push(s.len() as u8);
            buf.extend_from_slice(s.as_bytes());
            buf.push(0);
        }
        Value::Array(elem, items) => {
            put_u32(buf, 0);
            let at = buf.len() - 4;
            // The padding to the first element is not part of the array's length.
            pad(
                buf,
                alignment(elem.as_bytes().first().copied().unwrap_or(b'y')),
            );
            let start = buf.len();
            items.iter().for_each(|i| put(buf, i));
            let len = (buf.len() - start) as u32;
            buf[at..at + 4].copy_from_slice(&len.to_le_bytes());
        }
        Value::Struct(vs) => {
            pad(buf, 8);
            vs.iter().for_each(|v| put(buf, v));
        }
        Value::Variant(v) => {
            put(buf, &Value::Sig(v.signature()));
            put(buf, v);
        }
    }
}

/// Length of the first complete type in `sig`: an unsupported or malformed signature
/// is an error.
fn type_len(sig: &[u8], depth: u32) -> Result<usize> {
    ensure!(depth < MAX_DEPTH, "D-Bus signature nested too deeply");
    match sig.first() {
        Some(b'a') => Ok(1 + type_len(&sig[1..], depth + 1)?),
        Some(b'(') => {
            let mut n = 1;
            loop {
                match sig.get(n) {
                    Some(b')') if n > 1 => return Ok(n + 1),
                    Some(_) => n += type_len(&sig[n..], depth + 1)?,
                    None => bail!("unterminated struct in D-Bus signature"),
                }
            }
        }
        Some(c) if b"ybusogv".contains(c) => Ok(1),
        Some(c) => bail!("unsupported D-Bus type {:?}", *c as char),
        None => bail!("truncated D-Bus signature"),
    }
}

/// Reads values from `buf` (a body, or a header up to its end), alignment relative to its start.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        let end = end.context("truncated D-Bus message")?;
        let bytes = &self.buf[self.pos..end];
        self.pos = end;
        Ok(bytes)
    }

    fn align(&mut self, align: usize) -> Result<()> {
        self.take(self.pos.next_multiple_of(align) - self.pos)
            .map(drop)
    }

    fn u32(&mut self) -> Result<u32> {
        self.align(4)?;
        Ok(u32::from_le_bytes(self.take(4)?.try_into()?))
    }

    /// A string (`s`, `o`: u32 length) or a signature (`g`: u8 length), NUL-terminated.
    fn string(&mut self, short: bool) -> Result<String> {
        let len = if short {
            usize::from(self.take(1)?[0])
        } else {
            self.u32()? as usize
        };
        let bytes = self.take(len)?;
        ensure!(self.take(1)? == [0], "D-Bus string without its NUL");
        Ok(std::str::from_utf8(bytes)
            .context("D-Bus string not UTF-8")?
            .to_owned())
    }

    /// One value of `sig`, a single complete type already checked by `type_len`.
    fn value(&mut self, sig: &[u8], depth: u32) -> Result<Value> {
        ensure!(depth < MAX_DEPTH, "D-Bus value nested too deeply");
        Ok(match sig[0] {
            b'y' => Value::Byte(self.take(1)?[0]),
            b'b' => match self.u32()? {
                n @ 0..=1 => Value::Bool(n == 1),
                n => bail!("D-Bus boolean {n}"),
            },
            b'u' => Value::U32(self.u32()?),
            b's' => Value::Str(self.string(false)?),
            b'o' => Value::Path(self.string(false)?),
            b'g' => Value::Sig(self.string(true)?),
            b'a' => {
                let len = self.u32()? as usize;
                let elem = &sig[1..];
                self.align(alignment(elem[0]))?;
                let end = self.pos.checked_add(len).filter(|&e| e <= self.buf.len());
                let end = end.context("D-Bus array longer than its message")?;
                let mut items = Vec::new();
                // Every element takes at least one byte, so this ends.
                while self.pos < end {
                    items.push(self.value(elem, depth + 1)?);
                }
                ensure!(
                    self.pos == end,
                    "D-Bus array element crosses the array's end"
                );
                Value::Array(String::from_utf8_lossy(elem).into_owned(), items)
            }
            b'(' => {
                self.align(8)?;
                let (mut rest, mut fields) = (&sig[1..sig.len() - 1], Vec::new());
                while !rest.is_empty() {
                    let n = type_len(rest, depth + 1)?;
                    fields.push(self.value(&rest[..n], depth + 1)?);
                    rest = &rest[n..];
                }
                Value::Struct(fields)
            }
            b'v' => {
                let inner = self.string(true)?;
                let n = type_len(inner.as_bytes(), depth + 1)?;
                ensure!(n == inner.len(), "D-Bus variant of more than one type");
                Value::Variant(Box::new(self.value(inner.as_bytes(), depth + 1)?))
            }
            c => bail!("unsupported D-Bus type {:?}", c as char),
        })
    }
}

/// One message: the header fields we use and the body, undecoded until asked for (the
/// signals we skip may carry types this decoder does not know).
#[derive(Debug, Default, Clone)]
struct Message {
    kind: u8,
    serial: u32,
    path: Option<String>,
    interface: Option<String>,
    member: Option<String>,
    error_name: Option<String>,
    reply_serial: Option<u32>,
    destination: Option<String>,
    signature: String,
    body: Vec<u8>,
}

impl Message {
    fn call(dest: &str, path: &str, interface: &str, member: &str, body: &[Value]) -> Message {
        let mut m = Message {
            kind: METHOD_CALL,
            path: Some(path.into()),
            interface: Some(interface.into()),
            member: Some(member.into()),
            destination: Some(dest.into()),
            ..Message::default()
        };
        m.set_body(body);
        m
    }

    fn set_body(&mut self, values: &[Value]) {
        self.signature = values.iter().map(Value::signature).collect();
        self.body.clear();
        values.iter().for_each(|v| put(&mut self.body, v));
    }

    fn encode(&self) -> Vec<u8> {
        let mut buf = vec![b'l', self.kind, 0, 1];
        buf.extend_from_slice(&(self.body.len() as u32).to_le_bytes());
        buf.extend_from_slice(&self.serial.to_le_bytes());
        let text = |code: u8, v: &Option<String>, wrap: fn(String) -> Value| {
            v.clone().map(|s| (code, wrap(s)))
        };
        let sig = (!self.signature.is_empty()).then(|| (8, Value::Sig(self.signature.clone())));
        let fields = [
            text(1, &self.path, Value::Path),
            text(2, &self.interface, Value::Str),
            text(3, &self.member, Value::Str),
            text(4, &self.error_name, Value::Str),
            self.reply_serial.map(|n| (5, Value::U32(n))),
            text(6, &self.destination, Value::Str),
            sig,
        ];
        let fields = fields
            .into_iter()
            .flatten()
            .map(|(code, v)| Value::Struct(vec![Value::Byte(code), Value::Variant(Box::new(v))]));
        put(&mut buf, &Value::Array("(yv)".into(), fields.collect()));
        pad(&mut buf, 8);
        buf.extend_from_slice(&self.body);
        buf
    }

    fn read(r: &mut impl Read) -> Result<Message> {
        let mut fixed = [0u8; 16];
        r.read_exact(&mut fixed)
            .context("reading a D-Bus message header")?;
        ensure!(fixed[0] == b'l', "D-Bus message not little-endian");
        ensure!(fixed[3] == 1, "D-Bus protocol version {}", fixed[3]);
        let word = |at: usize| u32::from_le_bytes(fixed[at..at + 4].try_into().unwrap()) as usize;
        let (body_len, fields_len) = (word(4), word(12));
        let fields_end = 16 + fields_len.min(MAX_MESSAGE);
        let total = fields_end.next_multiple_of(8) + body_len.min(MAX_MESSAGE);
        ensure!(
            fields_len < MAX_MESSAGE && body_len < MAX_MESSAGE && total <= MAX_MESSAGE,
            "D-Bus message larger than {MAX_MESSAGE} bytes"
        );
        let mut buf = vec![0u8; total];
        buf[..16].copy_from_slice(&fixed);
        r.read_exact(&mut buf[16..])
            .context("reading a D-Bus message")?;

        let mut m = Message {
            kind: fixed[1],
            serial: word(8) as u32,
            ..Message::default()
        };
        let mut header = Reader {
            buf: &buf[..fields_end],
            pos: 12,
        };
        let Value::Array(_, fields) = header.value(b"a(yv)", 0)? else {
            unreachable!()
        };
        for field in fields {
            let Value::Struct(f) = field else { continue };
            let (Some(Value::Byte(code)), Some(Value::Variant(v))) = (f.first(), f.get(1)) else {
                continue;
            };
            let text = v.str().map(str::to_owned);
            match (code, &**v) {
                (1, _) => m.path = text,
                (2, _) => m.interface = text,
                (3, _) => m.member = text,
                (4, _) => m.error_name = text,
                (5, Value::U32(n)) => m.reply_serial = Some(*n),
                (6, _) => m.destination = text,
                (8, _) => m.signature = text.unwrap_or_default(),
                _ => {}
            }
        }
        m.body = buf.split_off(fields_end.next_multiple_of(8));
        Ok(m)
    }

    fn values(&self) -> Result<Vec<Value>> {
        let (mut sig, mut values) = (self.signature.as_bytes(), Vec::new());
        let mut r = Reader {
            buf: &self.body,
            pos: 0,
        };
        while !sig.is_empty() {
            let n = type_len(sig, 0)?;
            values.push(r.value(&sig[..n], 0)?);
            sig = &sig[n..];
        }
        Ok(values)
    }
}

/// Reads one SASL line (up to "\r\n") a byte at a time: the binary protocol follows it.
fn read_line(r: &mut impl Read) -> Result<String> {
    let mut line = Vec::new();
    while !line.ends_with(b"\r\n") {
        ensure!(line.len() < 1024, "D-Bus authentication line too long");
        let mut b = [0u8];
        r.read_exact(&mut b)
            .context("reading the bus's authentication reply")?;
        line.push(b[0]);
    }
    line.truncate(line.len() - 2);
    Ok(String::from_utf8_lossy(&line).into_owned())
}

/// A connected, authenticated bus.
pub struct Bus {
    stream: UnixStream,
    serial: u32,
}

impl Bus {
    pub fn connect(path: &Path) -> Result<Bus> {
        let stream = UnixStream::connect(path)
            .with_context(|| format!("connecting to the session bus at {}", path.display()))?;
        Bus::from_stream(stream)
    }

    /// Authenticates (SASL EXTERNAL as our euid) and says Hello on `stream`.
    pub fn from_stream(mut stream: UnixStream) -> Result<Bus> {
        stream
            .set_read_timeout(Some(TIMEOUT))
            .context("setting the bus timeout")?;
        stream
            .set_write_timeout(Some(TIMEOUT))
            .context("setting the bus timeout")?;
        let uid = nix::unistd::geteuid().as_raw().to_string();
        let hex: String = uid.bytes().map(|b| format!("{b:02x}")).collect();
        stream
            .write_all(format!("\0AUTH EXTERNAL {hex}\r\n").as_bytes())
            .context("writing to the session bus")?;
        let reply = read_line(&mut stream)?;
        ensure!(
            reply.starts_with("OK "),
            "the session bus refused EXTERNAL authentication as uid {uid}: {reply:?}"
        );
        stream
            .write_all(b"BEGIN\r\n")
            .context("writing to the session bus")?;
        let mut bus = Bus { stream, serial: 0 };
        let hello = Message::call(
            "org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "Hello",
            &[],
        );
        match bus.call(hello)? {
            Ok(v) if v.first().and_then(Value::str).is_some() => Ok(bus),
            Ok(_) => bail!("the session bus answered Hello without a name"),
            Err(e) => bail!("the session bus refused Hello: {e}"),
        }
    }

    /// Sends `msg` and waits for its reply, skipping any other message: the reply's
    /// values, or the error as "NAME: message".
    fn call(&mut self, mut msg: Message) -> Result<std::result::Result<Vec<Value>, String>> {
        self.serial += 1;
        msg.serial = self.serial;
        self.stream
            .write_all(&msg.encode())
            .context("writing to the session bus")?;
        for _ in 0..MAX_SKIPPED {
            let reply = Message::read(&mut self.stream)?;
            if reply.reply_serial != Some(msg.serial) {
                continue;
            }
            return match reply.kind {
                METHOD_RETURN => Ok(Ok(reply.values()?)),
                ERROR => {
                    let name = reply.error_name.as_deref().unwrap_or("(no error name)");
                    let values = if reply.signature.starts_with('s') {
                        reply.values()?
                    } else {
                        vec![]
                    };
                    let text = values.first().and_then(Value::str).unwrap_or("");
                    Ok(Err(format!("{name}: {text}")))
                }
                _ => continue,
            };
        }
        bail!("no reply from the session bus among {MAX_SKIPPED} messages")
    }

    /// systemd's StartTransientUnit(name, "fail", properties, []) for a scope holding
    /// `pid`, delegated, gone once inactive; returns the job's object path.
    pub fn start_transient_scope(
        &mut self,
        name: &str,
        pid: u32,
        slice: Option<&str>,
        description: &str,
    ) -> Result<String> {
        let prop = |key: &str, v: Value| {
            Value::Struct(vec![Value::Str(key.into()), Value::Variant(Box::new(v))])
        };
        let mut props = vec![
            prop("Description", Value::Str(description.into())),
            prop("PIDs", Value::Array("u".into(), vec![Value::U32(pid)])),
            prop("Delegate", Value::Bool(true)),
        ];
        props.extend(slice.map(|s| prop("Slice", Value::Str(s.into()))));
        props.push(prop("CollectMode", Value::Str("inactive-or-failed".into())));
        props.push(prop("DefaultDependencies", Value::Bool(false)));
        let call = Message::call(
            "org.freedesktop.systemd1",
            "/org/freedesktop/systemd1",
            "org.freedesktop.systemd1.Manager",
            "StartTransientUnit",
            &[
                Value::Str(name.into()),
                Value::Str("fail".into()),
                Value::Array("(sv)".into(), props),
                Value::Array("(sa(sv))".into(), vec![]),
            ],
        );
        match self
            .call(call)
            .with_context(|| format!("asking systemd for scope {name}"))?
        {
            Ok(v) => match v.first() {
                Some(Value::Path(job)) => Ok(job.clone()),
                _ => bail!("systemd answered StartTransientUnit for {name} without a job path"),
            },
            Err(e) => bail!("systemd refused scope {name}: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::thread::{self, JoinHandle};

    const JOB: &str = "/org/freedesktop/systemd1/job/42";
    const SCOPE: &str = "berth-abc.scope";

    fn uid_hex() -> String {
        let uid = nix::unistd::geteuid().as_raw().to_string();
        uid.bytes().map(|b| format!("{b:02x}")).collect()
    }

    /// A message from the bus answering `to` (no reply serial: a signal).
    fn send(
        s: &mut UnixStream,
        kind: u8,
        to: Option<&Message>,
        body: &[Value],
        error: Option<&str>,
    ) {
        let mut m = Message {
            kind,
            serial: 900,
            reply_serial: to.map(|m| m.serial),
            error_name: error.map(Into::into),
            ..Message::default()
        };
        m.set_body(body);
        s.write_all(&m.encode()).unwrap();
    }

    /// Plays the session bus: authentication, Hello, then hands the next call to
    /// `answer`; the thread returns that call.
    fn fake_bus(
        answer: impl FnOnce(&mut UnixStream, &Message) + Send + 'static,
    ) -> (UnixStream, JoinHandle<Message>) {
        let (client, mut server) = UnixStream::pair().unwrap();
        let thread = thread::spawn(move || {
            let mut nul = [1u8];
            server.read_exact(&mut nul).unwrap();
            assert_eq!(nul, [0]);
            assert_eq!(
                read_line(&mut server).unwrap(),
                format!("AUTH EXTERNAL {}", uid_hex())
            );
            server.write_all(b"OK 1234deadbeef\r\n").unwrap();
            assert_eq!(read_line(&mut server).unwrap(), "BEGIN");
            let hello = Message::read(&mut server).unwrap();
            assert_eq!((hello.member.as_deref(), hello.serial), (Some("Hello"), 1));
            assert_eq!(hello.destination.as_deref(), Some("org.freedesktop.DBus"));
            send(
                &mut server,
                METHOD_RETURN,
                Some(&hello),
                &[Value::Str(":1.7".into())],
                None,
            );
            let call = Message::read(&mut server).unwrap();
            answer(&mut server, &call);
            call
        });
        (client, thread)
    }

    fn returns_job(s: &mut UnixStream, call: &Message) {
        send(
            s,
            METHOD_RETURN,
            Some(call),
            &[Value::Path(JOB.into())],
            None,
        );
    }

    #[test]
    fn start_transient_scope_asks_for_a_delegated_scope() {
        for slice in [None, Some("user.slice")] {
            let (client, server) = fake_bus(returns_job);
            let mut bus = Bus::from_stream(client).unwrap();
            let job = bus.start_transient_scope(SCOPE, 4242, slice, "berth container abc");
            assert_eq!(job.unwrap(), JOB);
            let call = server.join().unwrap();
            assert_eq!(call.serial, 2);
            assert_eq!(call.member.as_deref(), Some("StartTransientUnit"));
            assert_eq!(
                call.interface.as_deref(),
                Some("org.freedesktop.systemd1.Manager")
            );
            assert_eq!(call.path.as_deref(), Some("/org/freedesktop/systemd1"));
            assert_eq!(
                call.destination.as_deref(),
                Some("org.freedesktop.systemd1")
            );
            assert_eq!(call.signature, "ssa(sv)a(sa(sv))");
            let v = call.values().unwrap();
            assert_eq!(
                v[..2],
                [Value::Str(SCOPE.into()), Value::Str("fail".into())]
            );
            assert_eq!(v[3], Value::Array("(sa(sv))".into(), vec![]));
            let Value::Array(_, props) = &v[2] else {
                panic!("{:?}", v[2])
            };
            let props: HashMap<&str, &Value> = props
                .iter()
                .map(|p| match p {
                    Value::Struct(f) => match &f[..] {
                        [Value::Str(k), Value::Variant(v)] => (k.as_str(), &**v),
                        _ => panic!("{p:?}"),
                    },
                    _ => panic!("{p:?}"),
                })
                .collect();
            assert_eq!(
                props["PIDs"],
                &Value::Array("u".into(), vec![Value::U32(4242)])
            );
            assert_eq!(props["Delegate"], &Value::Bool(true));
            assert_eq!(props["DefaultDependencies"], &Value::Bool(false));
            assert_eq!(
                props["CollectMode"],
                &Value::Str("inactive-or-failed".into())
            );
            assert_eq!(
                props["Description"],
                &Value::Str("berth container abc".into())
            );
            let want_slice = slice.map(|s| Value::Str(s.into()));
            assert_eq!(props.get("Slice").copied(), want_slice.as_ref());
            assert_eq!(props.len(), 5 + usize::from(slice.is_some()));
        }
    }

    #[test]
    fn wire_layout_matches_the_spec() {
        // Hand-laid bytes, independent of the decoder the fake bus shares with the client.
        let hello = Message {
            serial: 1,
            ..Message::call(
                "org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus",
                "Hello",
                &[],
            )
        };
        let mut want = b"l\x01\x00\x01\x00\x00\x00\x00\x01\x00\x00\x00\x6d\x00\x00\x00".to_vec();
        want.extend(b"\x01\x01o\x00\x15\x00\x00\x00/org/freedesktop/DBus\x00\x00\x00");
        want.extend(b"\x02\x01s\x00\x14\x00\x00\x00org.freedesktop.DBus\x00\x00\x00\x00");
        want.extend(b"\x03\x01s\x00\x05\x00\x00\x00Hello\x00\x00\x00");
        want.extend(b"\x06\x01s\x00\x14\x00\x00\x00org.freedesktop.DBus\x00\x00\x00\x00");
        assert_eq!(hello.encode(), want);
        // a(sv) holding ("PIDs", <au [4242]>): the padding after the array length is not counted.
        let pids = Value::Array("u".into(), vec![Value::U32(4242)]);
        let prop = Value::Struct(vec![
            Value::Str("PIDs".into()),
            Value::Variant(Box::new(pids)),
        ]);
        let mut body = Vec::new();
        put(&mut body, &Value::Array("(sv)".into(), vec![prop]));
        let mut want = b"\x18\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00PIDs\x00".to_vec();
        want.extend(b"\x02au\x00\x00\x00\x00\x04\x00\x00\x00\x92\x10\x00\x00");
        assert_eq!(body, want);
    }

    #[test]
    fn an_error_reply_is_the_error_text() {
        let (client, server) = fake_bus(|s, call| {
            let text = Value::Str("Unit berth-abc.scope already exists.".into());
            send(
                s,
                ERROR,
                Some(call),
                &[text],
                Some("org.freedesktop.systemd1.UnitExists"),
            );
        });
        let mut bus = Bus::from_stream(client).unwrap();
        let err = bus
            .start_transient_scope(SCOPE, 4242, None, "x")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "systemd refused scope berth-abc.scope: org.freedesktop.systemd1.UnitExists: \
             Unit berth-abc.scope already exists."
        );
        server.join().unwrap();
    }

    #[test]
    fn signals_and_other_replies_before_ours_are_skipped() {
        let (client, server) = fake_bus(|s, call| {
            send(
                s,
                4,
                None,
                &[Value::U32(7), Value::Path("/j/7".into())],
                None,
            );
            // A body this decoder cannot read (a{sv}) is never decoded when skipped.
            let signal = Message {
                kind: 4,
                signature: "a{sv}".into(),
                body: vec![0; 8],
                ..Message::default()
            };
            s.write_all(&signal.encode()).unwrap();
            let other = Message {
                serial: call.serial + 5,
                ..call.clone()
            };
            send(
                s,
                METHOD_RETURN,
                Some(&other),
                &[Value::Path("/wrong".into())],
                None,
            );
            returns_job(s, call);
        });
        let mut bus = Bus::from_stream(client).unwrap();
        assert_eq!(
            bus.start_transient_scope(SCOPE, 4242, None, "x").unwrap(),
            JOB
        );
        server.join().unwrap();
    }

    #[test]
    fn garbage_or_truncated_replies_are_errors() {
        let mut truncated = Message {
            kind: METHOD_RETURN,
            reply_serial: Some(2),
            ..Message::default()
        };
        truncated.set_body(&[Value::Path(JOB.into())]);
        let truncated = truncated.encode()[..40].to_vec();
        let cases: [(Vec<u8>, &str); 5] = [
            (b"l\x02\x00\x01\x00\x00\x00\x00\x01\x00\x00\x00\xff\xff\xff\xff".to_vec(), "larger than"),
            (b"l\x02\x00\x01\xff\xff\xff\xff\x01\x00\x00\x00\x00\x00\x00\x00".to_vec(), "larger than"),
            (b"l\x02\x00\x01\x00\x00\x00\x00\x01\x00\x00\x00\x08\x00\x00\x00\x05\x01z\x00\x00\x00\x00\x00".to_vec(), "unsupported D-Bus type 'z'"),
            (b"HTTP/1.1 400 Bad Request\r\n\r\n".to_vec(), "not little-endian"),
            (truncated, "reading a D-Bus message: failed to fill whole buffer"),
        ];
        for (bytes, want) in cases {
            let (client, server) = fake_bus(move |s, _| s.write_all(&bytes).unwrap());
            let mut bus = Bus::from_stream(client).unwrap();
            let err = bus
                .start_transient_scope(SCOPE, 4242, None, "x")
                .unwrap_err();
            assert!(format!("{err:#}").contains(want), "{err:#}");
            server.join().unwrap();
        }
    }

    #[test]
    fn the_decoder_survives_every_truncation_and_corrupted_byte() {
        let mut m = Message {
            kind: ERROR,
            reply_serial: Some(2),
            error_name: Some("a.B".into()),
            ..Message::default()
        };
        let nested = Value::Variant(Box::new(Value::Array(
            "(sv)".into(),
            vec![Value::Struct(vec![
                Value::Str("k".into()),
                Value::Variant(Box::new(Value::Bool(true))),
            ])],
        )));
        m.set_body(&[Value::Str("msg".into()), nested, Value::Sig("a(yv)".into())]);
        let bytes = m.encode();
        assert_eq!(
            Message::read(&mut &bytes[..])
                .unwrap()
                .values()
                .unwrap()
                .len(),
            3
        );
        for n in 0..bytes.len() {
            assert!(Message::read(&mut &bytes[..n]).is_err());
        }
        for i in 0..bytes.len() {
            for b in [0x00, 0x01, 0x28, 0x61, 0x7f, 0xff] {
                let mut bad = bytes.clone();
                bad[i] = b;
                let _ = Message::read(&mut &bad[..]).and_then(|m| m.values());
            }
        }
    }

    #[test]
    fn a_rejected_authentication_is_a_clear_error() {
        let (client, mut server) = UnixStream::pair().unwrap();
        let thread = thread::spawn(move || {
            let mut nul = [1u8];
            server.read_exact(&mut nul).unwrap();
            read_line(&mut server).unwrap();
            server.write_all(b"REJECTED EXTERNAL\r\n").unwrap();
        });
        let err = Bus::from_stream(client).err().unwrap().to_string();
        assert!(err.contains("refused EXTERNAL authentication"), "{err}");
        assert!(err.contains("REJECTED EXTERNAL"), "{err}");
        thread.join().unwrap();
    }

    #[test]
    fn session_bus_path_from_the_environment() {
        let yes = |_: &Path| true;
        let no = |_: &Path| false;
        let path = |a, r, e: &dyn Fn(&Path) -> bool| bus_path_from(a, r, e);
        let p = |s: &str| Some(PathBuf::from(s));
        assert_eq!(
            path(Some("unix:path=/run/user/1000/bus"), Some("/x"), &yes),
            p("/run/user/1000/bus")
        );
        assert_eq!(
            path(Some("unix:path=/tmp/a%20b,guid=12ab"), None, &no),
            p("/tmp/a b")
        );
        assert_eq!(
            path(Some("unix:guid=12ab,path=/tmp/bus"), None, &no),
            p("/tmp/bus")
        );
        assert_eq!(
            path(
                Some("unix:abstract=/tmp/dbus-x,guid=1"),
                Some("/run/user/1"),
                &yes
            ),
            None
        );
        assert_eq!(path(Some("tcp:host=localhost,port=1"), None, &yes), None);
        assert_eq!(path(Some("unix:path=/tmp/%zz"), None, &yes), None);
        assert_eq!(
            path(None, Some("/run/user/1000"), &yes),
            p("/run/user/1000/bus")
        );
        assert_eq!(
            path(Some(""), Some("/run/user/1000"), &yes),
            p("/run/user/1000/bus")
        );
        assert_eq!(path(None, Some("/run/user/1000"), &no), None);
        assert_eq!(path(None, None, &yes), None);
    }
}

/// A one-call session bus on a socket path, for tests of callers that connect by path
/// (`sandbox::cgroup::systemd`): answers Hello, then StartTransientUnit with a job or
/// the given error; returns the unit name, PIDs and Slice it was asked for.
#[cfg(test)]
pub(crate) mod fake {
    use super::*;
    use std::os::unix::net::UnixListener;

    pub(crate) struct Asked {
        pub name: String,
        pub pids: Vec<u32>,
        pub slice: Option<String>,
    }

    pub(crate) fn serve(
        listener: UnixListener,
        error: Option<(&'static str, &'static str)>,
    ) -> std::thread::JoinHandle<Asked> {
        std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut nul = [1u8];
            s.read_exact(&mut nul).unwrap();
            read_line(&mut s).unwrap();
            s.write_all(b"OK 1234deadbeef\r\n").unwrap();
            read_line(&mut s).unwrap();
            let reply =
                |s: &mut UnixStream, to: &Message, kind: u8, body: &[Value], err: Option<&str>| {
                    let mut m = Message {
                        kind,
                        serial: 900,
                        reply_serial: Some(to.serial),
                        error_name: err.map(Into::into),
                        ..Message::default()
                    };
                    m.set_body(body);
                    s.write_all(&m.encode()).unwrap();
                };
            let hello = Message::read(&mut s).unwrap();
            reply(
                &mut s,
                &hello,
                METHOD_RETURN,
                &[Value::Str(":1.9".into())],
                None,
            );
            let call = Message::read(&mut s).unwrap();
            match error {
                Some((name, text)) => {
                    reply(&mut s, &call, ERROR, &[Value::Str(text.into())], Some(name))
                }
                None => reply(
                    &mut s,
                    &call,
                    METHOD_RETURN,
                    &[Value::Path("/org/freedesktop/systemd1/job/7".into())],
                    None,
                ),
            }
            let v = call.values().unwrap();
            let name = v[0].str().unwrap().to_string();
            let mut asked = Asked {
                name,
                pids: vec![],
                slice: None,
            };
            if let Value::Array(_, props) = &v[2] {
                for p in props {
                    if let Value::Struct(f) = p {
                        if let [Value::Str(k), Value::Variant(val)] = &f[..] {
                            match (k.as_str(), &**val) {
                                ("PIDs", Value::Array(_, ps)) => {
                                    asked.pids = ps
                                        .iter()
                                        .filter_map(|p| match p {
                                            Value::U32(n) => Some(*n),
                                            _ => None,
                                        })
                                        .collect()
                                }
                                ("Slice", Value::Str(sl)) => asked.slice = Some(sl.clone()),
                                _ => {}
                            }
                        }
                    }
                }
            }
            asked
        })
    }
}
