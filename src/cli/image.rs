//! load, save, images, rmi, tag.

use super::for_each_name;
use crate::format::table::Table;
use crate::format::{human_size, time::ago};
use crate::image::archive::{self, Loaded, SaveFormat};
use crate::image::{ImageStore, Reference};
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
    /// Only images of this repository[:tag]
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

pub fn images(paths: &Paths, a: ImagesArgs) -> Result<i32> {
    let store = ImageStore::new(paths);
    let list = store.list()?;
    let filter = a.reference.as_deref().map(Reference::parse).transpose()?;
    let mut rows: Vec<(String, String, &crate::image::ImageRecord)> = Vec::new();
    for img in &list {
        if let Some(why) = &img.broken {
            eprintln!("WARNING: image {}: damaged record: {why} (remove it with `berth rmi -f {}`, or run `berth system check --repair`)", img.short_id(), img.short_id());
        }
        if img.repo_tags.is_empty() {
            if filter.is_none() {
                let repo = if img.broken.is_some() {
                    "<damaged>"
                } else {
                    "<none>"
                };
                rows.push((repo.into(), "<none>".into(), img));
            }
            continue;
        }
        for t in &img.repo_tags {
            let Ok(r) = Reference::parse(t) else { continue };
            if let Some(f) = &filter {
                if f.name() != r.name()
                    || (a.reference.as_deref().is_some_and(|s| s.contains(':')) && f.tag != r.tag)
                {
                    continue;
                }
            }
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
    let mut header = vec!["REPOSITORY", "TAG"];
    if a.digests {
        header.push("DIGEST");
    }
    header.extend(["IMAGE ID", "CREATED", "SIZE"]);
    let mut t = Table::new(&header);
    for (repo, tag, img) in rows {
        let mut cells = vec![repo.clone(), tag];
        if a.digests {
            // The digest this repository had when pulled or pushed.
            let d = img
                .repo_digests
                .iter()
                .find(|d| {
                    d.split('@')
                        .next()
                        .and_then(|n| Reference::parse(n).ok())
                        .is_some_and(|r| r.familiar_name() == repo)
                })
                .and_then(|d| d.split('@').nth(1))
                .unwrap_or("<none>");
            cells.push(d.to_string());
        }
        cells.push(if a.no_trunc {
            img.id.clone()
        } else {
            img.short_id().to_string()
        });
        cells.push(
            img.created
                .as_deref()
                .map(ago)
                .unwrap_or_else(|| "N/A".into()),
        );
        cells.push(human_size(img.size));
        t.row(cells);
    }
    print!("{}", t.render());
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
                println!("Untagged: {}", crate::image::reference::familiar(&tag));
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
            println!("Untagged: {}", crate::image::reference::familiar(t));
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
