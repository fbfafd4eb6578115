//! `import -c/--change`: Dockerfile instructions applied to a new image's config, the
//! ones docker's engine accepts there (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER,
//! WORKDIR, VOLUME, STOPSIGNAL). ONBUILD is refused: berth has no builder to run it.

use super::config::RunConfig;
use anyhow::{bail, Result};

/// Apply one change line.
pub fn apply(cfg: &mut RunConfig, line: &str) -> Result<()> {
    let line = line.trim();
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "cmd" => cfg.cmd = Some(command(rest)),
        "entrypoint" => cfg.entrypoint = Some(command(rest)),
        "env" => {
            let env = cfg.env.get_or_insert_with(Vec::new);
            for (k, v) in pairs(rest, "ENV")? {
                env.retain(|e| e.split('=').next() != Some(k.as_str()));
                env.push(format!("{k}={v}"));
            }
        }
        "label" => {
            let labels = cfg.labels.get_or_insert_with(Default::default);
            for (k, v) in pairs(rest, "LABEL")? {
                labels.insert(k, v);
            }
        }
        "expose" => {
            let ports = cfg.exposed_ports.get_or_insert_with(Default::default);
            for p in rest.split_whitespace() {
                let key = if p.contains('/') {
                    p.to_string()
                } else {
                    format!("{p}/tcp")
                };
                let (num, proto) = key.split_once('/').unwrap_or((&key, "tcp"));
                if num.parse::<u16>().is_err() || !["tcp", "udp", "sctp"].contains(&proto) {
                    bail!("Error response from daemon: invalid containerPort: {p}");
                }
                ports.insert(key, serde_json::json!({}));
            }
        }
        "user" => cfg.user = Some(rest.to_string()),
        "workdir" => cfg.working_dir = Some(rest.to_string()),
        "stopsignal" => cfg.stop_signal = Some(rest.to_string()),
        "volume" => {
            let vols = cfg.volumes.get_or_insert_with(Default::default);
            let list = match serde_json::from_str::<Vec<String>>(rest) {
                Ok(v) if rest.starts_with('[') => v,
                _ => rest.split_whitespace().map(String::from).collect(),
            };
            for v in list {
                vols.insert(v, serde_json::json!({}));
            }
        }
        "onbuild" => bail!(
            "ONBUILD is not supported by berth import: berth has no builder to run ONBUILD triggers"
        ),
        _ => bail!("Error response from daemon: {lower} is not a valid change command"),
    }
    Ok(())
}

/// Exec form (a JSON array) or shell form (`/bin/sh -c ...`), as a Dockerfile reads it.
fn command(rest: &str) -> Vec<String> {
    if rest.starts_with('[') {
        if let Ok(v) = serde_json::from_str::<Vec<String>>(rest) {
            return v;
        }
    }
    vec!["/bin/sh".into(), "-c".into(), rest.to_string()]
}

/// `k=v k2="v 2"` pairs, or the old `KEY value` form.
fn pairs(rest: &str, what: &str) -> Result<Vec<(String, String)>> {
    if rest.is_empty() {
        bail!("{what} requires at least one argument");
    }
    let words = split_words(rest);
    if !words[0].contains('=') {
        let (k, v) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        return Ok(vec![(k.to_string(), v.trim().to_string())]);
    }
    words
        .into_iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => bail!("{what} names must be followed by '=': {w}"),
        })
        .collect()
}

/// Words split on whitespace, double and single quotes grouping (and removed).
fn split_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (_, '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            (_, c) => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_as_a_dockerfile_reads_them() {
        let mut c = RunConfig::default();
        apply(&mut c, r#"CMD ["/bin/echo", "hi"]"#).unwrap();
        assert_eq!(c.cmd.as_deref().unwrap(), ["/bin/echo", "hi"]);
        apply(&mut c, "entrypoint echo a b").unwrap();
        assert_eq!(
            c.entrypoint.as_deref().unwrap(),
            ["/bin/sh", "-c", "echo a b"]
        );
        apply(&mut c, r#"ENV A=1 B="two words""#).unwrap();
        apply(&mut c, "ENV C three words").unwrap();
        assert_eq!(
            c.env.as_deref().unwrap(),
            ["A=1", "B=two words", "C=three words"]
        );
        apply(&mut c, "EXPOSE 80 53/udp").unwrap();
        assert_eq!(c.exposed_ports.as_ref().unwrap().len(), 2);
        apply(&mut c, "LABEL a=b").unwrap();
        apply(&mut c, "VOLUME [\"/data\"]").unwrap();
        apply(&mut c, "WORKDIR /w").unwrap();
        apply(&mut c, "USER 1000").unwrap();
        assert_eq!(c.working_dir.as_deref(), Some("/w"));
        assert_eq!(
            apply(&mut c, "FROM x").unwrap_err().to_string(),
            "Error response from daemon: from is not a valid change command"
        );
        assert!(apply(&mut c, "ONBUILD RUN x").is_err());
    }
}
