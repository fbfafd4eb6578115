//! load, save, images, rmi, tag.

use super::{for_each_name, ExitCode};
use crate::format::filter::{path_match, Filters};
use crate::format::time::{ago, go_time};
use crate::format::{human_size, human_size_precision};
use crate::image::archive::{self, Loaded, SaveFormat};
use crate::image::{ImageRecord, ImageStore, Reference};
use crate::store::time::parse_rfc3339;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct LoadArgs {
    /// Read from tar archive file (or OCI layout directory), instead of STDIN
    #[arg(short = 'i', long)]
    pub input: Option<PathBuf>,
    /// Suppress the load output
    #[arg(short = 'q', long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct SaveArgs {
    /// Write to a file, instead of STDOUT
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Archive format: docker-archive (default) or oci-archive
    #[arg(long, default_value = "docker-archive")]
    pub format: String,
    #[arg(required = true)]
    pub images: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ImagesArgs {
    /// Show all images
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Only show image IDs
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Don't truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Filter output based on conditions provided (dangling, reference, label, before, since)
    #[arg(short = 'f', long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Format output using a Go template, `json`, or `table TEMPLATE`
    #[arg(long)]
    pub format: Option<String>,
    /// Only images of this repository[:tag] (globs as in --filter reference=...)
    pub reference: Option<String>,
}

#[derive(Args, Debug)]
pub struct RmiArgs {
    /// Force removal of the image
    #[arg(short = 'f', long)]
    pub force: bool,
    #[arg(required = true)]
    pub images: Vec<String>,
}

#[derive(Args, Debug)]
pub struct TagArgs {
    pub source: String,
    pub target: String,
}

pub fn load(paths: &Paths, a: LoadArgs) -> Result<i32> {
    let store = ImageStore::new(paths);
    let loaded = archive::load(&store, a.input.as_deref())?;
    if !a.quiet {
        for l in loaded {
            match l {
                Loaded::Tagged(t) => println!("Loaded image: {t}"),
                Loaded::Untagged(id) => println!("Loaded image ID: {id}"),
            }
        }
    }
    Ok(0)
}

pub fn save(paths: &Paths, a: SaveArgs) -> Result<i32> {
    let store = ImageStore::new(paths);
    let format = match a.format.as_str() {
        "docker-archive" | "docker" => SaveFormat::DockerArchive,
        "oci-archive" | "oci" => SaveFormat::OciArchive,
        f => bail!("unknown archive format {f:?}: use docker-archive or oci-archive"),
    };
    let mut images = Vec::new();
    for name in &a.images {
        let img = store.resolve(name)?;
        // Named by tag: record that tag; by id: all of the image's tags.
        let names: Vec<Reference> = match Reference::parse(name) {
            Ok(r) if r.tagged().is_some_and(|t| img.repo_tags.contains(&t)) => vec![r],
            _ => img
                .repo_tags
                .iter()
                .filter_map(|t| Reference::parse(t).ok())
                .collect(),
        };
        images.push((img, names));
    }
    match &a.output {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let tmp = dir.join(format!(
                ".{}.berth-tmp",
                path.file_name().and_then(|n| n.to_str()).unwrap_or("save")
            ));
            let res = (|| -> Result<()> {
                let f = std::fs::File::create(&tmp)
                    .with_context(|| format!("creating {}", tmp.display()))?;
                let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
                archive::save(&store, &images, format, &mut w)?;
                let f = w.into_inner().map_err(|e| e.into_error())?;
                f.sync_all()?;
                std::fs::rename(&tmp, path)
                    .with_context(|| format!("writing {}", path.display()))?;
                Ok(())
            })();
            if res.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            res?;
        }
        None => {
            if nix::unistd::isatty(1).unwrap_or(false) {
                bail!("cowardly refusing to save to a terminal. Use the -o flag or redirect");
            }
            let out = std::io::stdout();
            archive::save(
                &store,
                &images,
                format,
                std::io::BufWriter::with_capacity(1 << 20, out.lock()),
            )?;
        }
    }
    Ok(0)
}

/// images --format fields and their table headers, as docker names them.
const IMAGES_HEADERS: [(&str, &str); 11] = [
    ("ID", "IMAGE ID"),
    ("Repository", "REPOSITORY"),
    ("Tag", "TAG"),
    ("Digest", "DIGEST"),
    ("CreatedSince", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("Size", "SIZE"),
    ("VirtualSize", "SIZE"),
    ("SharedSize", "SHARED SIZE"),
    ("UniqueSize", "UNIQUE SIZE"),
    ("Containers", "CONTAINERS"),
];

/// `images --filter`: docker's keys and rules (the engine's, which docker applies).
struct ImageFilter {
    /// Some(true): untagged images only; Some(false): tagged only.
    dangling: Option<bool>,
    /// Patterns (Go path.Match) against `name:tag` or `name`, familiar forms.
    references: Vec<String>,
    filters: Filters,
    /// Created strictly before / after these images.
    before: Option<std::time::SystemTime>,
    since: Option<std::time::SystemTime>,
}

impl ImageFilter {
    fn new(store: &ImageStore, a: &ImagesArgs) -> Result<ImageFilter> {
        let mut filters = Filters::parse(
            &a.filter,
            &["dangling", "reference", "label", "before", "since"],
        )
        .map_err(|e| {
            if e.downcast_ref::<crate::format::filter::BadFilterFormat>().is_some() {
                // A usage error, with the usage hint, as docker's CLI says it.
                eprintln!("{e}\n\nUsage:  berth images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'berth images --help' for more information");
                ExitCode(125).into()
            } else {
                e
            }
        })?;
        // docker's CLI turns the positional argument into a reference filter.
        if let Some(r) = &a.reference {
            filters.add("reference", r);
        }
        let created_of = |key: &str| -> Result<Option<std::time::SystemTime>> {
            let mut t = None;
            for v in filters.get(key) {
                let img = store.resolve(v).map_err(|_| {
                    let shown = Reference::parse(v)
                        .map(|r| r.to_string())
                        .unwrap_or(v.clone());
                    anyhow::anyhow!("No such image: {shown}")
                })?;
                t = Some(created_time(&img));
            }
            Ok(t)
        };
        Ok(ImageFilter {
            dangling: filters.bool("dangling")?,
            references: filters.get("reference").to_vec(),
            before: created_of("before")?,
            since: created_of("since")?,
            filters,
        })
    }

    /// Whether the image passes the filters that look at the whole image.
    fn image(&self, store: &ImageStore, img: &ImageRecord) -> bool {
        let created = created_time(img);
        if self.before.is_some_and(|b| created >= b) || self.since.is_some_and(|s| created <= s) {
            return false;
        }
        if self.filters.contains("label") {
            let labels = store
                .config(img)
                .ok()
                .and_then(|c| c.config.labels)
                .unwrap_or_default();
            if !self.filters.labels_match(&labels) {
                return false;
            }
        }
        true
    }

    /// docker's reference.FamiliarMatch: the pattern against `name:tag`, then `name`.
    fn reference(&self, r: &Reference) -> bool {
        self.references.is_empty()
            || self.references.iter().any(|p| {
                r.familiar_tagged().is_some_and(|t| path_match(p, &t))
                    || path_match(p, &r.familiar_name())
            })
    }
}

fn created_time(img: &ImageRecord) -> std::time::SystemTime {
    img.created
        .as_deref()
        .and_then(parse_rfc3339)
        .unwrap_or(std::time::UNIX_EPOCH)
}

pub fn images(paths: &Paths, a: ImagesArgs) -> Result<i32> {
    let store = ImageStore::new(paths);
    let list = store.list()?;
    let filter = ImageFilter::new(&store, &a)?;
    let mut rows: Vec<(String, String, &ImageRecord)> = Vec::new();
    for img in &list {
        if let Some(why) = &img.broken {
            eprintln!("WARNING: image {}: damaged record: {why} (remove it with `berth rmi -f {}`, or run `berth system check --repair`)", img.short_id(), img.short_id());
        }
        // Build steps' intermediate images are cache, not images (docker hides them too).
        if !filter.image(&store, img) || img.build_cache && img.repo_tags.is_empty() {
            continue;
        }
        let tags: Vec<Reference> = img
            .repo_tags
            .iter()
            .filter_map(|t| Reference::parse(t).ok())
            .collect();
        if tags.is_empty() {
            // Dangling: shown unless tagged images only, or names, are asked for.
            if filter.dangling != Some(false) && filter.references.is_empty() {
                let repo = if img.broken.is_some() {
                    "<damaged>"
                } else {
                    "<none>"
                };
                rows.push((repo.into(), "<none>".into(), img));
            }
            continue;
        }
        if filter.dangling == Some(true) {
            continue;
        }
        for r in tags.iter().filter(|r| filter.reference(r)) {
            rows.push((r.familiar_name(), r.tag.clone().unwrap_or_default(), img));
        }
    }
    if a.quiet {
        let mut seen = std::collections::HashSet::new();
        for (_, _, img) in rows {
            if seen.insert(&img.id) {
                println!(
                    "{}",
                    if a.no_trunc {
                        img.id.clone()
                    } else {
                        img.short_id().to_string()
                    }
                );
            }
        }
        return Ok(0);
    }
    let items: Vec<serde_json::Value> = rows
        .iter()
        .map(|(repo, tag, img)| {
            // The digest this repository had when pulled or pushed.
            let digest = img
                .repo_digests
                .iter()
                .find(|d| {
                    d.split('@')
                        .next()
                        .and_then(|n| Reference::parse(n).ok())
                        .is_some_and(|r| r.familiar_name() == *repo)
                })
                .and_then(|d| d.split('@').nth(1))
                .unwrap_or("<none>");
            serde_json::json!({
                "Containers": "N/A",
                "CreatedAt": img.created.as_deref().map(go_time).unwrap_or_default(),
                "CreatedSince": img.created.as_deref().map(ago).unwrap_or_else(|| "N/A".into()),
                "Digest": digest,
                "ID": if a.no_trunc { img.id.clone() } else { img.short_id().to_string() },
                "Repository": repo,
                "SharedSize": "N/A",
                "Size": human_size(img.size),
                "Tag": tag,
                "UniqueSize": "N/A",
                "VirtualSize": human_size_precision(img.size, 4),
            })
        })
        .collect();
    let format = match a.format.as_deref() {
        None | Some("") | Some("table") if a.digests => {
            "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
        }
        None | Some("") | Some("table") => {
            "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
        }
        Some(f) => f,
    };
    print!(
        "{}",
        crate::format::listing::render(format, &IMAGES_HEADERS, &items)?
    );
    Ok(0)
}

pub fn rmi(paths: &Paths, a: RmiArgs) -> Result<i32> {
    let store = ImageStore::new(paths);
    let ctrs = crate::container::Containers::new(paths);
    for_each_name(&a.images, |name| {
        let _lock = store.lock()?;
        let img = store.resolve(name)?;
        let by_tag = Reference::parse(name)
            .ok()
            .and_then(|r| r.tagged())
            .filter(|t| img.repo_tags.contains(t));
        let users: Vec<String> = ctrs
            .list()?
            .into_iter()
            .filter(|c| c.rec.image_id == img.id)
            .map(|c| c.rec.id[..12].to_string())
            .collect();
        match by_tag {
            Some(tag) if img.repo_tags.len() > 1 || (!users.is_empty() && a.force) => {
                store.untag(&img.id, &tag)?;
                println!("Untagged: {}", crate::oci::reference::familiar(&tag));
                return Ok(());
            }
            _ => {}
        }
        if let Some(c) = users.first() {
            if !a.force {
                bail!("conflict: unable to remove repository reference \"{name}\" (must force) - container {c} is using its referenced image {}", img.short_id());
            }
            bail!("conflict: unable to delete {} (cannot be forced) - image is being used by running container {c}", img.short_id());
        }
        if by_tag.is_none() && img.repo_tags.len() > 1 && !a.force {
            bail!("conflict: unable to delete {} (must be forced) - image is referenced in multiple repositories", img.short_id());
        }
        for t in &img.repo_tags {
            println!("Untagged: {}", crate::oci::reference::familiar(t));
            let name = [("name", img.id.clone())];
            crate::store::events::record(paths, "image", "untag", &img.id, &name);
        }
        store.delete(&img.id)?;
        println!("Deleted: {}", img.id);
        Ok(())
    })
}

pub fn tag(paths: &Paths, a: TagArgs) -> Result<i32> {
    let store = ImageStore::new(paths);
    let img = store.resolve(&a.source)?;
    let target = Reference::parse(&a.target).map_err(|e| {
        let why = e.to_string();
        let why = why
            .strip_suffix(&format!(": {:?}", a.target))
            .unwrap_or(&why);
        anyhow::anyhow!(
            "Error parsing reference: {:?} is not a valid repository/tag: {why}",
            a.target
        )
    })?;
    if target.digest.is_some() {
        bail!("refusing to create a tag with a digest reference");
    }
    store.tag(&img.id, &target)?;
    Ok(0)
}
