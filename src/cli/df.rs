//! `system df [-v] [--format]`: docker's rows (Images, Containers, Local Volumes, Build
//! Cache) and its arithmetic for ACTIVE and RECLAIMABLE (moby's disk_usage formatter).

use crate::container::record::Status;
use crate::container::Containers;
use crate::format::time::ago;
use crate::format::{human_size, human_size_precision};
use crate::image::ImageStore;
use crate::store::Paths;
use anyhow::Result;
use clap::Args;
use serde_json::{json, Value};
use std::collections::HashMap;

#[derive(Args, Debug)]
pub struct DfArgs {
    /// Show detailed information on space usage
    #[arg(short = 'v', long)]
    pub verbose: bool,
    /// Format output using a custom template: 'table', 'table TEMPLATE', 'json', 'TEMPLATE'
    #[arg(long, value_name = "STRING")]
    pub format: Option<String>,
}

const HEADERS: [(&str, &str); 5] = [
    ("Type", "TYPE"),
    ("TotalCount", "TOTAL"),
    ("Active", "ACTIVE"),
    ("Size", "SIZE"),
    ("Reclaimable", "RECLAIMABLE"),
];

/// units.HumanSize (4 significant digits), as the df rows print sizes.
fn size4(n: u64) -> String {
    human_size_precision(n, 4)
}

/// `1.985MB (100%)`; the percentage only when there is anything at all.
fn reclaimable(r: u64, total: u64) -> String {
    match (r * 100).checked_div(total) {
        Some(pct) => format!("{} ({pct}%)", size4(r)),
        None => size4(r),
    }
}

struct ImageUse {
    rec: crate::image::store::ImageRecord,
    shared: u64,
    containers: usize,
}

pub fn df(paths: &Paths, a: DfArgs) -> Result<i32> {
    let ctrs = Containers::new(paths);
    let listed = ctrs.list()?;
    // Volumes: (name, containers using it, size).
    let vols = crate::storage::volume::Volumes::new(paths);
    let links = crate::container::volumes::users(paths)?;
    let volumes: Vec<(String, usize, u64)> = vols
        .list()?
        .iter()
        .map(|v| {
            let n = links.get(&v.name).map_or(0, Vec::len);
            (v.name.clone(), n, vols.size(v))
        })
        .collect();
    let vol_total: u64 = volumes.iter().map(|v| v.2).sum();
    let vol_unused: u64 = volumes.iter().filter(|v| v.1 == 0).map(|v| v.2).sum();
    let all_images = ImageStore::new(paths).list()?;
    // The build's intermediate images are build cache, not images (docker lists neither).
    let images: Vec<_> = all_images
        .iter()
        .filter(|i| !i.build_cache)
        .cloned()
        .collect();
    // Layers shared between images count once in the total, and as "shared" per image.
    let mut users: HashMap<&str, usize> = HashMap::new();
    let mut layer_size: HashMap<&str, u64> = HashMap::new();
    for i in &images {
        for l in &i.layers {
            *users.entry(&l.chain_id).or_default() += 1;
            layer_size.insert(&l.chain_id, l.shown_size());
        }
    }
    let layers_total: u64 = layer_size.values().sum();
    // Build cache: intermediate images, the layers no listed image has, the cache dir.
    let cache: Vec<_> = all_images.iter().filter(|i| i.build_cache).collect();
    let cache_count = cache.len();
    let mut cache_layers: HashMap<&str, u64> = HashMap::new();
    for i in &cache {
        for l in &i.layers {
            if !layer_size.contains_key(l.chain_id.as_str()) {
                cache_layers.insert(&l.chain_id, l.shown_size());
            }
        }
    }
    let cache_dir = paths.root.join("build-cache");
    let cache_size: u64 = cache_layers.values().sum::<u64>()
        + if cache_dir.exists() {
            crate::storage::usage::dir_size(&cache_dir)
        } else {
            0
        };
    let per_image: Vec<ImageUse> = images
        .iter()
        .map(|i| ImageUse {
            shared: i
                .layers
                .iter()
                .filter(|l| users.get(l.chain_id.as_str()).copied().unwrap_or(0) > 1)
                .map(|l| l.shown_size())
                .sum(),
            containers: listed.iter().filter(|c| c.rec.image_id == i.id).count(),
            rec: i.clone(),
        })
        .collect();
    let used: u64 = per_image
        .iter()
        .filter(|i| i.containers > 0)
        .map(|i| i.rec.size.saturating_sub(i.shared))
        .sum();
    let active = |s: Status| matches!(s, Status::Running | Status::Paused | Status::Restarting);
    let sizes: Vec<u64> = listed
        .iter()
        .map(|c| crate::storage::usage::dir_size(&ctrs.dir(&c.rec.id).upper()))
        .collect();
    let ctr_total: u64 = sizes.iter().sum();
    let ctr_reclaimable: u64 = listed
        .iter()
        .zip(&sizes)
        .filter(|(c, _)| !active(c.state.status))
        .map(|(_, s)| *s)
        .sum();
    let rows = vec![
        json!({
            "Type": "Images",
            "TotalCount": images.len().to_string(),
            "Active": per_image.iter().filter(|i| i.containers > 0).count().to_string(),
            "Size": size4(layers_total),
            "Reclaimable": reclaimable(layers_total.saturating_sub(used), layers_total),
        }),
        json!({
            "Type": "Containers",
            "TotalCount": listed.len().to_string(),
            "Active": listed.iter().filter(|c| active(c.state.status)).count().to_string(),
            "Size": size4(ctr_total),
            "Reclaimable": reclaimable(ctr_reclaimable, ctr_total),
        }),
        // docker: ACTIVE = volumes some container uses, RECLAIMABLE = the others' size.
        json!({
            "Type": "Local Volumes",
            "TotalCount": volumes.len().to_string(),
            "Active": volumes.iter().filter(|v| v.1 > 0).count().to_string(),
            "Size": size4(vol_total),
            "Reclaimable": reclaimable(vol_unused, vol_total),
        }),
        // The build's intermediate images (their own layers) and its cache dir.
        json!({
            "Type": "Build Cache",
            "TotalCount": cache_count.to_string(),
            "Active": "0",
            "Size": size4(cache_size),
            "Reclaimable": size4(cache_size),
        }),
    ];
    if !a.verbose {
        let format = match a.format.as_deref() {
            None | Some("") | Some("table") => {
                "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"
            }
            Some(f) => f,
        };
        print!(
            "{}",
            crate::format::listing::render(format, &HEADERS, &rows)?
        );
        return Ok(0);
    }
    verbose(&listed, &sizes, &per_image, &volumes)
}

fn verbose(
    listed: &[crate::container::Listed],
    sizes: &[u64],
    images: &[ImageUse],
    volumes: &[(String, usize, u64)],
) -> Result<i32> {
    let render = crate::format::listing::render;
    let mut rows: Vec<Value> = Vec::new();
    for i in images {
        let tags = crate::image::store::familiar_tags(&i.rec);
        let names: Vec<(String, String)> = if tags.is_empty() {
            vec![("<none>".into(), "<none>".into())]
        } else {
            tags.iter()
                .map(|t| match t.rsplit_once(':') {
                    Some((r, t)) if !t.contains('/') => (r.to_string(), t.to_string()),
                    _ => (t.clone(), "<none>".into()),
                })
                .collect()
        };
        for (repo, tag) in names {
            rows.push(json!({
                "Repository": repo,
                "Tag": tag,
                "ID": i.rec.short_id(),
                "CreatedSince": i.rec.created.as_deref().map(ago).unwrap_or_default(),
                "Size": human_size(i.rec.size),
                "SharedSize": size4(i.shared),
                "UniqueSize": size4(i.rec.size.saturating_sub(i.shared)),
                "Containers": i.containers.to_string(),
            }));
        }
    }
    println!("Images space usage:\n");
    print!(
        "{}",
        render(
            "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}",
            &[
                ("Repository", "REPOSITORY"),
                ("Tag", "TAG"),
                ("ID", "IMAGE ID"),
                ("CreatedSince", "CREATED"),
                ("Size", "SIZE"),
                ("SharedSize", "SHARED SIZE"),
                ("UniqueSize", "UNIQUE SIZE"),
                ("Containers", "CONTAINERS"),
            ],
            &rows,
        )?
    );
    let rows: Vec<Value> = listed
        .iter()
        .zip(sizes)
        .map(|(l, s)| {
            let cmd = std::iter::once(l.rec.path.clone())
                .chain(l.rec.args.iter().cloned())
                .collect::<Vec<_>>()
                .join(" ");
            let cmd = if cmd.chars().count() <= 20 {
                cmd
            } else {
                cmd.chars().take(19).collect::<String>() + "…"
            };
            json!({
                "ID": &l.rec.id[..12],
                "Image": l.rec.image_name,
                "Command": format!("\"{cmd}\""),
                "LocalVolumes": "0",
                "Size": human_size(*s),
                "RunningFor": ago(&l.rec.created),
                "Status": crate::format::status::status_text(&l.state),
                "Names": l.rec.name,
            })
        })
        .collect();
    println!("\nContainers space usage:\n");
    print!(
        "{}",
        render(
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}",
            &[
                ("ID", "CONTAINER ID"),
                ("Image", "IMAGE"),
                ("Command", "COMMAND"),
                ("LocalVolumes", "LOCAL VOLUMES"),
                ("Size", "SIZE"),
                ("RunningFor", "CREATED"),
                ("Status", "STATUS"),
                ("Names", "NAMES"),
            ],
            &rows,
        )?
    );
    let vol_rows: Vec<Value> = volumes
        .iter()
        .map(|(name, n, size)| json!({"Name": name, "Links": n.to_string(), "Size": size4(*size)}))
        .collect();
    println!("\nLocal Volumes space usage:\n");
    print!(
        "{}",
        render(
            "table {{.Name}}\t{{.Links}}\t{{.Size}}",
            &[
                ("Name", "VOLUME NAME"),
                ("Links", "LINKS"),
                ("Size", "SIZE")
            ],
            &vol_rows,
        )?
    );
    println!("\nBuild cache usage: 0B\n");
    print!(
        "{}",
        render(
            "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}",
            &[
                ("ID", "CACHE ID"),
                ("CacheType", "CACHE TYPE"),
                ("Size", "SIZE"),
                ("CreatedSince", "CREATED"),
                ("LastUsedSince", "LAST USED"),
                ("UsageCount", "USAGE"),
                ("Shared", "SHARED"),
            ],
            &[],
        )?
    );
    Ok(0)
}
