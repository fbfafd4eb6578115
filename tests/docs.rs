//! man/ and completions/ are generated from the clap definitions; this fails when the
//! checked-in copies are stale. Regenerate with: BERTH_UPDATE_DOCS=1 cargo test --test docs

use std::path::Path;

#[test]
fn man_pages_and_completions_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = berth::docs::render().expect("rendering docs");
    if std::env::var_os("BERTH_UPDATE_DOCS").is_some() {
        for dir in ["man", "completions"] {
            let _ = std::fs::remove_dir_all(root.join(dir));
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        for (name, data) in &files {
            std::fs::write(root.join(name), data).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (name, data) in &files {
        if std::fs::read(root.join(name)).ok().as_deref() != Some(data.as_slice()) {
            stale.push(name.clone());
        }
    }
    for dir in ["man", "completions"] {
        for e in std::fs::read_dir(root.join(dir)).expect("man/ and completions/ exist") {
            let rel = format!("{dir}/{}", e.unwrap().file_name().to_string_lossy());
            if !files.contains_key(&rel) {
                stale.push(format!("{rel} (no longer generated)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated docs: {stale:?}\nrun: BERTH_UPDATE_DOCS=1 cargo test --test docs"
    );
}
