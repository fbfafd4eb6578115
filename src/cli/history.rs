//! `berth history`: an image's history, newest first, in docker's columns — the top row
//! is the image, older ones `<missing>`; a row that made a layer shows its size.

use crate::format::human_size;
use crate::format::time::ago;
use crate::image::ImageStore;
use crate::store::Paths;
use anyhow::{bail, Result};
use clap::Args;
use serde_json::{json, Value};

#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// Print sizes and dates in human readable format
    #[arg(short = 'H', long, default_value = "true", action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true")]
    pub human: bool,
    /// Don't truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Only show image IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Format output using a custom template: table, table TEMPLATE, json, TEMPLATE
    #[arg(long)]
    pub format: Option<String>,
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

const HEADERS: [(&str, &str); 6] = [
    ("ID", "IMAGE"),
    ("CreatedSince", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("CreatedBy", "CREATED BY"),
    ("Size", "SIZE"),
    ("Comment", "COMMENT"),
];

/// docker's Ellipsis: at most `max` characters, the last one `…`.
fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

pub fn history(paths: &Paths, a: HistoryArgs) -> Result<i32> {
    let images = ImageStore::new(paths);
    let Some(img) = images.find(&a.image)? else {
        let shown = crate::image::Reference::parse(&a.image)
            .map(|r| r.to_string())
            .unwrap_or(a.image.clone());
        bail!("No such image: {shown}");
    };
    let cfg = images.config(&img)?;
    // Layers are consumed from the top as the history is walked from its end.
    let mut sizes: Vec<u64> = img.layers.iter().map(|l| l.shown_size()).collect();
    let n = cfg.history.len();
    let mut rows = Vec::with_capacity(n);
    for (i, h) in cfg.history.iter().enumerate().rev() {
        let empty = h
            .get("empty_layer")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let size = if empty { 0 } else { sizes.pop().unwrap_or(0) };
        let created = h.get("created").and_then(Value::as_str).unwrap_or_default();
        let by = h
            .get("created_by")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .replace('\t', " ");
        let id = if i + 1 == n {
            if a.no_trunc {
                img.id.clone()
            } else {
                img.short_id().to_string()
            }
        } else {
            "<missing>".to_string()
        };
        let created_at = crate::store::time::parse_rfc3339(created)
            .map(|t| humantime::format_rfc3339_seconds(t).to_string())
            .unwrap_or_default();
        rows.push(json!({
            "Comment": h.get("comment").and_then(Value::as_str).unwrap_or_default(),
            "CreatedAt": created_at,
            "CreatedBy": if a.no_trunc { by } else { ellipsis(&by, 45) },
            "CreatedSince": if a.human { ago(created) } else { created_at.clone() },
            "ID": id,
            "Size": if a.human { human_size(size) } else { size.to_string() },
        }));
    }
    if a.quiet {
        for r in &rows {
            println!("{}", r["ID"].as_str().unwrap_or_default());
        }
        return Ok(0);
    }
    let format = match a.format.as_deref() {
        None | Some("") | Some("table") if a.human => {
            "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
        }
        None | Some("") | Some("table") => {
            "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
        }
        Some(f) => f,
    };
    print!(
        "{}",
        crate::format::listing::render(format, &HEADERS, &rows)?
    );
    Ok(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ellipsis_as_docker() {
        assert_eq!(super::ellipsis("short", 45), "short");
        let long = "mkimages.py: busybox rootfs (static busybox + applet symlinks)";
        assert_eq!(
            super::ellipsis(long, 45),
            "mkimages.py: busybox rootfs (static busybox …"
        );
    }
}
