//! The `created_by` texts BuildKit writes into image history, which come from Go's fmt
//! verbs: `CMD %q` of a string slice (`CMD ["sh" "-c" "x"]`), `SHELL %v` (`SHELL [a b]`),
//! `HEALTHCHECK %q` of docker's HealthcheckConfig (`&{["CMD" "true"] "5s" "0s" "0s" "0s"
//! '\x03'}`: durations as Go prints them, the retry count as a quoted rune), and RUN's
//! `|N K=V ...` prefix naming the build args in scope.

/// Go's strconv.Quote (ASCII and printable text as is, the usual escapes).
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `%q` of a []string.
pub fn quoted_list(v: &[String]) -> String {
    let items: Vec<String> = v.iter().map(|s| go_quote(s)).collect();
    format!("[{}]", items.join(" "))
}

/// `%v` of a []string.
pub fn plain_list(v: &[String]) -> String {
    format!("[{}]", v.join(" "))
}

/// Go's strconv.QuoteRune of an integer (what `%q` does to an int).
pub fn go_quote_rune(n: i64) -> String {
    let Some(c) = u32::try_from(n).ok().and_then(char::from_u32) else {
        return "'\u{fffd}'".into();
    };
    match c {
        '\'' => "'\\''".into(),
        '\\' => "'\\\\'".into(),
        '\n' => "'\\n'".into(),
        '\t' => "'\\t'".into(),
        '\r' => "'\\r'".into(),
        '\x07' => "'\\a'".into(),
        '\x08' => "'\\b'".into(),
        '\x0b' => "'\\v'".into(),
        '\x0c' => "'\\f'".into(),
        c if (c as u32) < 0x20 || c as u32 == 0x7f => format!("'\\x{:02x}'", c as u32),
        c => format!("'{c}'"),
    }
}

/// Go's time.Duration.String.
pub fn go_duration(ns: u64) -> String {
    if ns == 0 {
        return "0s".into();
    }
    let frac = |v: u64, unit: u64| -> String {
        let whole = v / unit;
        let rest = v % unit;
        if rest == 0 {
            return whole.to_string();
        }
        let digits = unit.to_string().len() - 1;
        let f = format!("{rest:0digits$}");
        format!("{whole}.{}", f.trim_end_matches('0'))
    };
    if ns < 1_000 {
        return format!("{ns}ns");
    }
    if ns < 1_000_000 {
        return format!("{}µs", frac(ns, 1_000));
    }
    if ns < 1_000_000_000 {
        return format!("{}ms", frac(ns, 1_000_000));
    }
    let h = ns / 3_600_000_000_000;
    let m = (ns / 60_000_000_000) % 60;
    let s = ns % 60_000_000_000;
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if h > 0 || m > 0 {
        out.push_str(&format!("{m}m"));
    }
    out.push_str(&format!("{}s", frac(s, 1_000_000_000)));
    out
}

/// `HEALTHCHECK %q` of the config built (its JSON form, durations in ns).
pub fn healthcheck(hc: &serde_json::Value) -> String {
    let test: Vec<String> = hc["Test"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let d = |k: &str| go_quote(&go_duration(hc[k].as_u64().unwrap_or(0)));
    format!(
        "HEALTHCHECK &{{{} {} {} {} {} {}}}",
        quoted_list(&test),
        d("Interval"),
        d("Timeout"),
        d("StartPeriod"),
        d("StartInterval"),
        go_quote_rune(hc["Retries"].as_i64().unwrap_or(0))
    )
}

/// RUN's text: `|N K=V ... argv` when build args are declared in the stage.
pub fn run(argv: &[String], args: &[(String, String)]) -> String {
    let mut parts = Vec::new();
    if !args.is_empty() {
        parts.push(format!("|{}", args.len()));
        parts.extend(args.iter().map(|(k, v)| format!("{k}={v}")));
    }
    parts.extend(argv.iter().cloned());
    format!("RUN {} # buildkit", parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_formats() {
        assert_eq!(
            quoted_list(&["cat".into(), "a \"b\"\n".into()]),
            r#"["cat" "a \"b\"\n"]"#
        );
        assert_eq!(
            plain_list(&["/bin/bash".into(), "-c".into()]),
            "[/bin/bash -c]"
        );
        assert_eq!(go_duration(5_000_000_000), "5s");
        assert_eq!(go_duration(90_000_000_000), "1m30s");
        assert_eq!(go_duration(3_600_000_000_000), "1h0m0s");
        assert_eq!(go_duration(1_500_000_000), "1.5s");
        assert_eq!(go_duration(100_000_000), "100ms");
        assert_eq!(go_duration(1_500), "1.5µs");
        assert_eq!(go_quote_rune(3), "'\\x03'");
        assert_eq!(go_quote_rune(65), "'A'");
        assert_eq!(go_quote_rune(0), "'\\x00'");
        let hc = serde_json::json!({"Test": ["CMD-SHELL", "true"], "Interval": 5_000_000_000u64, "Retries": 2});
        assert_eq!(
            healthcheck(&hc),
            r#"HEALTHCHECK &{["CMD-SHELL" "true"] "5s" "0s" "0s" "0s" '\x02'}"#
        );
        assert_eq!(
            run(
                &["/bin/sh".into(), "-c".into(), "x".into()],
                &[("A".into(), "1".into())]
            ),
            "RUN |1 A=1 /bin/sh -c x # buildkit"
        );
    }
}
