//! Embeds dyad's own dictionaries (`../../dictionaries/**/*.txt`) into the
//! library, so the `dyad` binary works from any directory and under Spark's
//! `rdd.pipe` without the folder. The file list is whatever exists at build
//! time; cargo re-runs this script when the folder changes.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, rel: &str, out: &mut Vec<(String, PathBuf)>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        let rel_name = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, &rel_name, out);
        } else if name.ends_with(".txt") {
            println!("cargo:rerun-if-changed={}", path.display());
            out.push((rel_name, path));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let dir = manifest.join("../../dictionaries");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    collect(&dir, "", &mut files);
    // Load order matters (hand-kept people after generated ones): follow the
    // library's DYAD_FILES order (the same file), then the rest alphabetically.
    const ORDER: &[&str] = include!("src/dyad_files.rs");
    files.retain(|(n, _)| n.starts_with("actors/") || ORDER.contains(&n.as_str()));
    files.sort_by_key(|(n, _)| {
        (
            ORDER.iter().position(|o| o == n).unwrap_or(ORDER.len()),
            n.clone(),
        )
    });
    let mut code = String::from("&[\n");
    for (rel, path) in &files {
        let abs = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    fs::write(out.join("embedded_dictionaries.rs"), code).expect("write OUT_DIR");
}
