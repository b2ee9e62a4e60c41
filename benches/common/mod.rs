//! The texts the benches time: the `.txt` files of the given folders, or of
//! ../shared/corpus's three folders when it is there, or of `samples/` without it.

use std::path::{Path, PathBuf};

/// A label for the texts (`corpus`, `samples` or `folders`) and the texts, in path order.
pub fn texts(folders: &[String]) -> (&'static str, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    let (label, dirs): (_, Vec<PathBuf>) = if !folders.is_empty() {
        ("folders", folders.iter().map(PathBuf::from).collect())
    } else if corpus.is_dir() {
        (
            "corpus",
            ["gwr_national", "gwr_prov2026", "policy_docs"]
                .iter()
                .map(|d| corpus.join(d))
                .collect(),
        )
    } else {
        eprintln!("../shared/corpus not found: timing the samples only");
        ("samples", vec![root.join("samples")])
    };
    let mut paths: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let texts = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    (label, texts)
}
