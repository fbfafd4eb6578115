//! One registry's HTTP client: scheme choice (https, or http for insecure registries),
//! the auth challenge (anonymous, basic, bearer tokens cached per scope set), retries
//! with backoff on transport errors, 5xx and 429, and errors users understand.
//!
//! Redirects (blob CDNs) are followed by ureq for GET/HEAD, which never forwards the
//! Authorization header to the redirect target (`RedirectAuthHeaders::Never`).

use super::auth::{self, Credential};
use super::config::RegistriesConf;
use super::tls::{self, Mode};
use super::{Options, RegistryError};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};
use ureq::http::{self, Method, Response};
use ureq::{Agent, Body, SendBody};

/// Attempts for one request (first try + retries) on transport errors, 5xx and 429.
const ATTEMPTS: u32 = 4;
const BACKOFF: Duration = Duration::from_millis(500);

pub enum ReqBody<'a> {
    Empty,
    Bytes(&'a [u8]),
    /// `len` bytes of a file from `offset` (re-read on retry).
    File {
        path: &'a Path,
        offset: u64,
        len: u64,
    },
    /// A stream sent with chunked transfer encoding; cannot be retried.
    Stream(&'a mut dyn Read),
}

pub struct Req<'a> {
    pub method: Method,
    /// `/v2/...` (on this registry) or an absolute URL (e.g. an upload Location).
    pub url: String,
    /// Token scopes, e.g. `repository:library/busybox:pull`.
    pub scopes: &'a [String],
    pub headers: Vec<(&'static str, String)>,
    pub body: ReqBody<'a>,
}

impl<'a> Req<'a> {
    pub fn new(method: Method, url: impl Into<String>, scopes: &'a [String]) -> Req<'a> {
        Req {
            method,
            url: url.into(),
            scopes,
            headers: Vec::new(),
            body: ReqBody::Empty,
        }
    }
    pub fn header(mut self, k: &'static str, v: impl Into<String>) -> Self {
        self.headers.push((k, v.into()));
        self
    }
    pub fn body(mut self, b: ReqBody<'a>) -> Self {
        self.body = b;
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Challenge {
    None,
    Basic,
    Bearer {
        realm: String,
        service: Option<String>,
    },
}

struct AuthState {
    challenge: Challenge,
    /// Space-joined sorted scopes → (token, expiry).
    tokens: HashMap<String, (String, Instant)>,
}

pub struct Client {
    /// The registry as references name it (`docker.io`, `127.0.0.1:5000`).
    pub host: String,
    /// Host on the wire (`registry-1.docker.io` for docker.io).
    api: String,
    /// `https://api` or `http://api`, chosen by the ping.
    base: String,
    agent: Agent,
    /// Looked up only when the registry asks for credentials (a credential helper
    /// may be slow or interactive).
    cred: OnceLock<Option<Credential>>,
    repo: Option<String>,
    state: Mutex<AuthState>,
    opts: Options,
    conf: RegistriesConf,
}

fn make_agent(host: &str, opts: &Options, verify: bool) -> Result<Agent> {
    let cfg = Agent::config_builder()
        .http_status_as_error(false)
        .user_agent(concat!("berth/", env!("CARGO_PKG_VERSION")))
        .tls_config(tls::tls_config(host, opts, verify)?)
        // No resolve/global/per-call timeout: with one, ureq resolves names on a
        // detached thread, and no thread may outlive a pull (callers fork afterwards).
        .timeout_resolve(None)
        .timeout_global(None)
        .timeout_per_call(None)
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_recv_response(Some(Duration::from_secs(300)))
        .timeout_per_read(Some(Duration::from_secs(60)))
        .max_idle_connections_per_host(6)
        .max_redirects(10)
        .build();
    Ok(Agent::new_with_config(cfg))
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?']).next().unwrap_or(rest)
}

/// Is this transport error worth another try?
fn retriable(e: &ureq::Error) -> bool {
    if let ureq::Error::Io(io) = e {
        if io.kind() == std::io::ErrorKind::ConnectionRefused {
            return false;
        }
    }
    matches!(
        e,
        ureq::Error::Io(_)
            | ureq::Error::Timeout(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::Protocol(_)
    ) && !tls::is_cert_error(e)
        && !tls::is_not_tls(e)
}

/// A user-facing error for a transport failure talking to `host`.
pub fn transport_error(host: &str, e: &ureq::Error) -> anyhow::Error {
    let detail = e.to_string();
    let detail = detail.strip_prefix("io: ").unwrap_or(&detail).to_string();
    if tls::is_cert_error(e) {
        return RegistryError::Tls(tls::explain(host, &detail)).into();
    }
    if tls::is_not_tls(e) {
        return RegistryError::Tls(format!(
            "TLS handshake with {host} failed: it does not speak https (a plain-http registry?); \
             to allow plain http use --tls-verify=false or mark it insecure in registries.conf"
        ))
        .into();
    }
    let why = match e {
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".to_string()
        }
        ureq::Error::Timeout(_) => "timed out".to_string(),
        _ => detail,
    };
    RegistryError::Unreachable(format!("cannot reach registry {host}: {why}")).into()
}

fn backoff(attempt: u32, resp: Option<&Response<Body>>) -> Duration {
    if let Some(s) = resp
        .and_then(|r| r.headers().get("retry-after"))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        return Duration::from_secs(s.min(10));
    }
    BACKOFF * 2u32.pow(attempt.min(4))
}

/// Parse `Bearer realm="...",service="...",scope="..."` (quoted values may hold commas).
fn parse_challenge(h: &str) -> Option<(String, HashMap<String, String>)> {
    let h = h.trim();
    let (scheme, rest) = h.split_once(char::is_whitespace).unwrap_or((h, ""));
    let mut params = HashMap::new();
    let mut chars = rest.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' {
                break;
            }
            key.push(c);
            chars.next();
        }
        if chars.next().is_none() {
            break;
        }
        let mut val = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => val.extend(chars.next()),
                    '"' => break,
                    c => val.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' {
                    break;
                }
                val.push(c);
                chars.next();
            }
        }
        params.insert(key.trim().to_ascii_lowercase(), val.trim().to_string());
    }
    Some((scheme.to_ascii_lowercase(), params))
}

fn challenge_of(resp: &Response<Body>) -> (Challenge, Option<String>) {
    let mut best = (Challenge::None, None);
    for v in resp.headers().get_all("www-authenticate") {
        let Some((scheme, p)) = v.to_str().ok().and_then(parse_challenge) else {
            continue;
        };
        match scheme.as_str() {
            "bearer" => {
                if let Some(realm) = p.get("realm") {
                    return (
                        Challenge::Bearer {
                            realm: realm.clone(),
                            service: p.get("service").cloned(),
                        },
                        p.get("scope").cloned(),
                    );
                }
            }
            "basic" => best = (Challenge::Basic, None),
            _ => {}
        }
    }
    best
}

/// `CODE: message` from a registry error body, else the HTTP status.
pub fn error_text(resp: Response<Body>) -> String {
    let status = resp.status();
    let body = resp
        .into_body()
        .with_config()
        .limit(64 << 10)
        .read_to_vec()
        .unwrap_or_default();
    #[derive(serde::Deserialize)]
    struct Errs {
        errors: Vec<E>,
    }
    #[derive(serde::Deserialize)]
    struct E {
        #[serde(default)]
        code: String,
        #[serde(default)]
        message: String,
    }
    if let Ok(e) = serde_json::from_slice::<Errs>(&body) {
        if let Some(first) = e.errors.first() {
            let code = first.code.to_ascii_lowercase().replace('_', " ");
            return if first.message.is_empty() || first.message.eq_ignore_ascii_case(&code) {
                code
            } else {
                format!("{code}: {}", first.message)
            };
        }
    }
    let reason = status.canonical_reason().unwrap_or("");
    format!("{} {reason}", status.as_u16()).trim().to_string()
}

pub fn repo_scope(repo: &str, actions: &str) -> String {
    format!("repository:{repo}:{actions}")
}

impl Client {
    /// Ping `/v2/` to choose the scheme and learn the auth challenge. `cred` overrides
    /// the stored credentials (login); `repo` picks namespaced auth.json keys.
    pub fn connect(
        host: &str,
        opts: &Options,
        conf: &RegistriesConf,
        cred: Option<Credential>,
    ) -> Result<Client> {
        Self::connect_repo(host, None, opts, conf, cred)
    }

    pub fn connect_repo(
        host: &str,
        repo: Option<&str>,
        opts: &Options,
        conf: &RegistriesConf,
        cred: Option<Credential>,
    ) -> Result<Client> {
        let api = if host == crate::oci::reference::DEFAULT_REGISTRY {
            "registry-1.docker.io".to_string()
        } else {
            host.to_string()
        };
        let name = match repo {
            Some(r) => format!("{host}/{r}"),
            None => host.to_string(),
        };
        if conf.blocked(&name) {
            return Err(RegistryError::Unsupported(format!(
                "registry {name} is blocked in registries.conf"
            ))
            .into());
        }
        let cred_cell = OnceLock::new();
        if let Some(c) = cred {
            let _ = cred_cell.set(Some(c));
        }
        let mode = tls::mode(host, &name, opts, conf);
        let agent = make_agent(host, opts, mode == Mode::Verify)?;
        let mut client = Client {
            host: host.to_string(),
            api: api.clone(),
            base: format!("https://{api}"),
            agent,
            cred: cred_cell,
            repo: repo.map(String::from),
            state: Mutex::new(AuthState {
                challenge: Challenge::None,
                tokens: HashMap::new(),
            }),
            opts: opts.clone(),
            conf: conf.clone(),
        };
        let https_err = match client.ping(mode == Mode::Verify) {
            Ok(()) => return Ok(client),
            Err(e) if mode == Mode::Insecure && e.downcast_ref::<ureq::Error>().is_some() => e,
            Err(e) => {
                return Err(match e.downcast::<ureq::Error>() {
                    Ok(ue) => transport_error(host, &ue),
                    Err(e) => e,
                })
            }
        };
        client.base = format!("http://{api}");
        match client.ping(true) {
            Ok(()) => Ok(client),
            Err(e) => match e.downcast::<ureq::Error>() {
                Ok(ue) => {
                    let https = https_err.downcast::<ureq::Error>().expect("checked above");
                    let (a, b) = (short_err(&https), short_err(&ue));
                    Err(RegistryError::Unreachable(if a == b {
                        format!("cannot reach registry {host}: {a}")
                    } else {
                        format!("cannot reach registry {host} over https ({a}) nor http ({b})")
                    })
                    .into())
                }
                Err(e) => Err(e),
            },
        }
    }

    /// GET /v2/. Transport errors come back as `ureq::Error` (so connect can fall back).
    /// `retry_transport`: also retry connection errors (not for the https probe of an
    /// insecure registry, which falls back to http instead).
    fn ping(&self, retry_transport: bool) -> Result<()> {
        let url = format!("{}/v2/", self.base);
        let mut attempt = 0;
        let resp = loop {
            match self.agent.get(&url).call() {
                Ok(r)
                    if (r.status().is_server_error() || r.status() == 429)
                        && attempt + 1 < ATTEMPTS =>
                {
                    std::thread::sleep(backoff(attempt, Some(&r)));
                }
                Ok(r) => break r,
                Err(e) if retry_transport && retriable(&e) && attempt + 1 < ATTEMPTS => {
                    std::thread::sleep(backoff(attempt, None));
                }
                Err(e) => return Err(e.into()),
            }
            attempt += 1;
        };
        let status = resp.status().as_u16();
        match status {
            200..=299 => Ok(()),
            401 => {
                let (ch, _) = challenge_of(&resp);
                self.state.lock().unwrap().challenge = ch;
                Ok(())
            }
            _ => Err(RegistryError::Unreachable(format!(
                "{} does not answer as a registry: GET {url} returned {}",
                self.host,
                error_text(resp)
            ))
            .into()),
        }
    }

    fn cred(&self) -> Result<Option<&Credential>> {
        if self.cred.get().is_none() {
            let c = auth::lookup(&self.host, self.repo.as_deref(), &self.opts)?;
            let _ = self.cred.set(c);
        }
        Ok(self.cred.get().and_then(|c| c.as_ref()))
    }

    fn absolute(&self, url: &str) -> String {
        if url.starts_with("http://") || url.starts_with("https://") {
            url.to_string()
        } else if url.starts_with('/') {
            format!("{}{url}", self.base)
        } else {
            format!("{}/{url}", self.base)
        }
    }

    fn scope_key(scopes: &[String]) -> String {
        let mut v: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
        v.sort();
        v.dedup();
        v.join(" ")
    }

    /// The Authorization header for a request needing `scopes` (None: anonymous).
    fn auth_header(&self, scopes: &[String], force: bool) -> Result<Option<String>> {
        let mut st = self.state.lock().unwrap();
        match st.challenge.clone() {
            Challenge::None => Ok(None),
            Challenge::Basic => Ok(match self.cred()? {
                Some(Credential::Basic { user, pass }) => {
                    Some(Credential::basic_header(user, pass))
                }
                _ => None,
            }),
            Challenge::Bearer { realm, service } => {
                let key = Self::scope_key(scopes);
                if !force {
                    if let Some((t, exp)) = st.tokens.get(&key) {
                        if Instant::now() < *exp {
                            return Ok(Some(format!("Bearer {t}")));
                        }
                    }
                }
                let (tok, exp) = self.fetch_token(&realm, service.as_deref(), scopes)?;
                st.tokens.insert(key, (tok.clone(), exp));
                Ok(Some(format!("Bearer {tok}")))
            }
        }
    }

    /// Ask the token server for a bearer token (with our credentials if any).
    fn fetch_token(
        &self,
        realm: &str,
        service: Option<&str>,
        scopes: &[String],
    ) -> Result<(String, Instant)> {
        let realm_host = host_of(realm).to_string();
        let agent = if realm_host == self.api || realm.starts_with("http://") {
            self.agent.clone()
        } else {
            make_agent(
                &realm_host,
                &self.opts,
                tls::mode(&realm_host, &realm_host, &self.opts, &self.conf) == Mode::Verify,
            )?
        };
        let mut scope_list: Vec<&String> = scopes.iter().collect();
        scope_list.sort();
        scope_list.dedup();
        let enc = |s: &str| -> String {
            let mut o = String::new();
            for b in s.bytes() {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                    o.push(b as char);
                } else {
                    o.push_str(&format!("%{b:02X}"));
                }
            }
            o
        };
        let cred = self.cred()?;
        let result = match cred {
            Some(Credential::IdentityToken(t)) => {
                let mut form = format!(
                    "grant_type=refresh_token&client_id=berth&refresh_token={}",
                    enc(t)
                );
                if let Some(s) = service {
                    form += &format!("&service={}", enc(s));
                }
                if !scope_list.is_empty() {
                    let joined: Vec<&str> = scope_list.iter().map(|s| s.as_str()).collect();
                    form += &format!("&scope={}", enc(&joined.join(" ")));
                }
                agent
                    .post(realm)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .send(form.as_bytes())
            }
            cred => {
                let mut url = realm.to_string();
                let mut q = Vec::new();
                if let Some(s) = service {
                    q.push(format!("service={}", enc(s)));
                }
                for s in &scope_list {
                    q.push(format!("scope={}", enc(s)));
                }
                if let Some(Credential::Basic { user, .. }) = cred {
                    q.push(format!("account={}", enc(user)));
                }
                if !q.is_empty() {
                    url.push(if url.contains('?') { '&' } else { '?' });
                    url.push_str(&q.join("&"));
                }
                let mut r = agent.get(&url);
                if let Some(Credential::Basic { user, pass }) = cred {
                    r = r.header("Authorization", Credential::basic_header(user, pass));
                }
                r.call()
            }
        };
        let resp = result.map_err(|e| transport_error(&realm_host, &e))?;
        let status = resp.status().as_u16();
        if status == 401 || status == 403 {
            let detail = error_text(resp);
            return Err(RegistryError::Unauthorized(if cred.is_some() {
                format!(
                    "unauthorized: incorrect username or password for {} ({detail})",
                    self.host
                )
            } else {
                format!(
                    "unauthorized: authentication required by {} ({detail})",
                    self.host
                )
            })
            .into());
        }
        if !(200..300).contains(&status) {
            return Err(RegistryError::Unreachable(format!(
                "token server of {} failed: {}",
                self.host,
                error_text(resp)
            ))
            .into());
        }
        #[derive(serde::Deserialize)]
        struct Tok {
            #[serde(default)]
            token: String,
            #[serde(default)]
            access_token: String,
            #[serde(default)]
            expires_in: Option<u64>,
        }
        let body = resp
            .into_body()
            .with_config()
            .limit(1 << 20)
            .read_to_vec()
            .map_err(|e| transport_error(&realm_host, &e))?;
        let t: Tok = serde_json::from_slice(&body).with_context(|| {
            format!(
                "the token server of {} answered something else than a token",
                self.host
            )
        })?;
        let tok = if t.token.is_empty() {
            t.access_token
        } else {
            t.token
        };
        if tok.is_empty() {
            anyhow::bail!("the token server of {} sent no token", self.host);
        }
        // Tokens live at least 60 s (the spec's default); renew a little early.
        let life = Duration::from_secs(t.expires_in.unwrap_or(60).max(60))
            .saturating_sub(Duration::from_secs(5));
        Ok((tok, Instant::now() + life))
    }

    /// Send a request with auth, retrying transport errors, 5xx and 429 with backoff
    /// and a 401 once with a fresh token. Any final HTTP status is returned as is.
    pub fn send(&self, mut req: Req<'_>) -> Result<Response<Body>> {
        let url = self.absolute(&req.url);
        let ours = host_of(&url) == self.api;
        let mut scopes: Vec<String> = req.scopes.to_vec();
        let mut attempt = 0;
        let mut force_token = false;
        let mut auth_retried = false;
        loop {
            let authz = if ours {
                self.auth_header(&scopes, force_token)?
            } else {
                None
            };
            force_token = false;
            let mut b = http::Request::builder()
                .method(req.method.clone())
                .uri(&url);
            for (k, v) in &req.headers {
                b = b.header(*k, v);
            }
            if let Some(a) = &authz {
                b = b.header("Authorization", a);
            }
            let streaming = matches!(req.body, ReqBody::Stream(_));
            let res = match &mut req.body {
                ReqBody::Empty => self.agent.run(b.body(())?),
                ReqBody::Bytes(d) => self.agent.run(b.body(*d)?),
                ReqBody::File { path, offset, len } => {
                    let mut f = std::fs::File::open(*path)
                        .with_context(|| format!("opening {}", path.display()))?;
                    f.seek(SeekFrom::Start(*offset))?;
                    let mut take = f.take(*len);
                    let b = b.header("Content-Length", len.to_string());
                    self.agent.run(b.body(SendBody::from_reader(&mut take))?)
                }
                ReqBody::Stream(r) => self.agent.run(b.body(SendBody::from_reader(&mut **r))?),
            };
            match res {
                Ok(resp) if resp.status() == 401 && ours && !auth_retried && !streaming => {
                    let (ch, scope) = challenge_of(&resp);
                    if ch == Challenge::None {
                        return Ok(resp);
                    }
                    auth_retried = true;
                    force_token = true;
                    self.state.lock().unwrap().challenge = ch;
                    // The registry may want more than we asked for (e.g. a mount source).
                    for one in scope.iter().flat_map(|s| s.split(' ')) {
                        if !one.is_empty() && !scopes.iter().any(|x| x == one) {
                            scopes.push(one.to_string());
                        }
                    }
                }
                Ok(resp)
                    if (resp.status().is_server_error() || resp.status() == 429)
                        && attempt + 1 < ATTEMPTS
                        && !streaming =>
                {
                    std::thread::sleep(backoff(attempt, Some(&resp)));
                    attempt += 1;
                }
                Ok(resp) => return Ok(resp),
                Err(e) if retriable(&e) && attempt + 1 < ATTEMPTS && !streaming => {
                    std::thread::sleep(backoff(attempt, None));
                    attempt += 1;
                }
                Err(e) => return Err(transport_error(&self.host, &e)),
            }
        }
    }

    /// The error for a 401/403 answer while pulling (`pushing` false) or pushing `r`.
    pub fn auth_failure(
        &self,
        resp: Response<Body>,
        pushing: bool,
        r: &crate::oci::reference::Reference,
    ) -> anyhow::Error {
        let status = resp.status().as_u16();
        let mut text = error_text(resp);
        if text.starts_with("401") {
            text = "unauthorized: authentication required".into();
        } else if text.starts_with("403") {
            text = "denied: requested access to the resource is denied".into();
        }
        let basic = self.state.lock().unwrap().challenge == Challenge::Basic;
        let has_cred = matches!(self.cred.get(), Some(Some(_)));
        let msg = if status == 401 && basic && has_cred {
            format!(
                "unauthorized: incorrect username or password for {}",
                self.host
            )
        } else if pushing {
            if has_cred {
                format!("{text} (pushing to {})", r.name())
            } else {
                format!(
                    "{text} (pushing to {}: log in with 'berth login {}')",
                    r.name(),
                    r.registry
                )
            }
        } else {
            format!(
                "pull access denied for {}, repository does not exist or may require 'berth login': {text}",
                r.familiar_name()
            )
        };
        RegistryError::Unauthorized(msg).into()
    }

    /// Login check: the credentials given to `connect` open the registry.
    pub fn verify_login(&self) -> Result<()> {
        let ch = self.state.lock().unwrap().challenge.clone();
        match ch {
            Challenge::None => Ok(()),
            Challenge::Basic => {
                let resp = self.send(Req::new(Method::GET, "/v2/", &[]))?;
                match resp.status().as_u16() {
                    200..=299 => Ok(()),
                    401 | 403 => Err(RegistryError::Unauthorized(format!(
                        "unauthorized: incorrect username or password for {}",
                        self.host
                    ))
                    .into()),
                    _ => Err(anyhow::anyhow!(
                        "login to {} failed: {}",
                        self.host,
                        error_text(resp)
                    )),
                }
            }
            Challenge::Bearer { realm, service } => {
                self.fetch_token(&realm, service.as_deref(), &[])?;
                Ok(())
            }
        }
    }
}

fn short_err(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".into()
        }
        other => {
            let s = other.to_string();
            s.strip_prefix("io: ").unwrap_or(&s).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges() {
        let (s, p) = parse_challenge(
            r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a/b:pull,push""#,
        )
        .unwrap();
        assert_eq!(s, "bearer");
        assert_eq!(p["realm"], "https://auth.docker.io/token");
        assert_eq!(p["service"], "registry.docker.io");
        assert_eq!(p["scope"], "repository:a/b:pull,push");
        let (s, p) = parse_challenge(r#"Basic realm="berth-test""#).unwrap();
        assert_eq!((s.as_str(), p["realm"].as_str()), ("basic", "berth-test"));
        assert_eq!(host_of("https://a.b:5000/v2/x?y"), "a.b:5000");
        assert_eq!(host_of("http://h?x"), "h");
    }
}
