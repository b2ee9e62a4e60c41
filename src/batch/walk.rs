//! Finding the documents under the paths given to `batch`.
//!
//! Paths named on the command line are always taken (whatever their extension or name).
//! Folders are walked recursively; in them, names starting with `.` are skipped (files and
//! folders), only regular files whose extension is in `--ext` are taken, and symbolic links are
//! followed. A folder reached a second time (a symbolic-link loop, a link to a folder already
//! walked, or a folder named twice) is not walked again, so every loop ends and no file is read
//! twice through the same folder. A link that leads nowhere, or to itself, is taken like a file
//! when its name has a wanted extension, so it yields an error record instead of vanishing;
//! a folder that cannot be listed yields one too.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The `--ext` filter: lower-case extensions without the dot, or every file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extensions {
    All,
    Only(Vec<String>),
}

impl Extensions {
    /// From `--ext` values such as `txt`, `.MD`, `*`.
    pub fn new(list: &[String]) -> Extensions {
        let exts: Vec<String> = list
            .iter()
            .map(|e| e.trim().trim_start_matches('.').to_lowercase())
            .filter(|e| !e.is_empty())
            .collect();
        if exts.iter().any(|e| e == "*") {
            Extensions::All
        } else {
            Extensions::Only(exts)
        }
    }

    /// What a search under `paths` that found no file says.
    pub fn none_found(&self, paths: &[PathBuf]) -> String {
        let under: Vec<_> = paths.iter().map(|p| p.to_string_lossy()).collect();
        let under = under.join(", ");
        match self {
            Extensions::All => format!("no file under {under}"),
            Extensions::Only(exts) if exts.is_empty() => {
                "--ext names no extension: nothing to review".to_string()
            }
            Extensions::Only(exts) => {
                format!(
                    "no file under {under} ends in .{} (--ext)",
                    exts.join(", .")
                )
            }
        }
    }

    pub fn matches(&self, path: &Path) -> bool {
        match self {
            Extensions::All => true,
            Extensions::Only(exts) => path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e))),
        }
    }
}

/// One input to review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Size in bytes when known (0 otherwise), for the progress bar.
    pub size: u64,
    /// Why it cannot be read, when that is known already (a folder that could not be listed).
    pub problem: Option<String>,
}

/// Every input under `paths`, sorted by path (component by component, so a folder's files come
/// together), each once.
pub fn find(paths: &[PathBuf], extensions: &Extensions) -> Vec<Found> {
    let mut roots: Vec<PathBuf> = paths.to_vec();
    roots.sort();
    let mut found = Vec::new();
    let mut walked = HashSet::new();
    for root in roots {
        match fs::metadata(&root) {
            Ok(meta) if meta.is_dir() => walk(root, extensions, &mut walked, &mut found),
            // A named file, or a path that will fail to read and so yield its error record.
            meta => found.push(Found {
                size: meta.map_or(0, |m| m.len()),
                path: root,
                problem: None,
            }),
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found.dedup_by(|a, b| a.path == b.path);
    found
}

fn walk(
    root: PathBuf,
    extensions: &Extensions,
    walked: &mut HashSet<PathBuf>,
    found: &mut Vec<Found>,
) {
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        // `None`: walked already, under this name or another.
        let listing = fs::canonicalize(&dir)
            .and_then(|real| walked.insert(real).then(|| fs::read_dir(&dir)).transpose());
        let entries = match listing {
            Ok(Some(entries)) => entries,
            Ok(None) => continue,
            Err(e) => {
                found.push(problem(dir, &e));
                continue;
            }
        };
        let mut folders = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    found.push(problem(dir.clone(), &e));
                    continue;
                }
            };
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            // Follows a symbolic link; a broken or looping one counts as a file.
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => folders.push(path),
                Ok(meta) if meta.is_file() && extensions.matches(&path) => found.push(Found {
                    path,
                    size: meta.len(),
                    problem: None,
                }),
                Ok(_) => {} // another extension, or a device, socket or pipe
                Err(_) if extensions.matches(&path) => found.push(Found {
                    path,
                    size: 0,
                    problem: None,
                }),
                Err(_) => {}
            }
        }
        folders.sort();
        stack.extend(folders.into_iter().rev());
    }
}

fn problem(dir: PathBuf, e: &io::Error) -> Found {
    let reason = match e.kind() {
        io::ErrorKind::NotFound => "no such folder".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    Found {
        path: dir,
        size: 0,
        problem: Some(format!("cannot list the folder: {reason}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(found: &[Found], root: &Path) -> Vec<String> {
        found
            .iter()
            .map(|f| {
                let rel = f.path.strip_prefix(root).unwrap_or(&f.path);
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect()
    }

    fn touch(root: &Path, rel: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "文字。").unwrap();
    }

    #[test]
    fn extensions_parse_and_match_in_any_case() {
        let ext = Extensions::new(&["txt".into(), ".MD".into(), " docx ".into()]);
        assert!(ext.matches(Path::new("a/b.TXT")));
        assert!(ext.matches(Path::new("b.md")));
        assert!(ext.matches(Path::new("c.docx")));
        assert!(!ext.matches(Path::new("c.doc")));
        assert!(!ext.matches(Path::new("README")));
        assert_eq!(Extensions::new(&["*".into()]), Extensions::All);
        assert!(Extensions::All.matches(Path::new("README")));
    }

    #[test]
    fn folders_are_walked_sorted_skipping_hidden_and_other_extensions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in [
            "b.txt",
            "a/z.txt",
            "a/b/c.md",
            "a-b.txt",
            "a/image.png",
            ".hidden.txt",
            ".git/x.txt",
            "a/.draft/y.txt",
        ] {
            touch(root, rel);
        }
        let ext = Extensions::new(&["txt".into(), "md".into()]);
        let found = find(&[root.to_path_buf()], &ext);
        assert_eq!(
            names(&found, root),
            ["a/b/c.md", "a/z.txt", "a-b.txt", "b.txt"]
        );
        assert!(found.iter().all(|f| f.problem.is_none() && f.size == 9));
    }

    #[test]
    fn named_files_are_taken_whatever_their_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(root, ".hidden.png");
        let named = root.join(".hidden.png");
        let ext = Extensions::new(&["txt".into()]);
        let found = find(&[named.clone(), "/no/such/file".into(), named], &ext);
        assert_eq!(names(&found, root), ["/no/such/file", ".hidden.png"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end_and_broken_links_are_kept() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(root, "a/doc.txt");
        symlink(root.join("a"), root.join("a/loop")).unwrap();
        symlink(root, root.join("a/up")).unwrap();
        symlink(root.join("nowhere.txt"), root.join("a/broken.txt")).unwrap();
        symlink(root.join("a/self.txt"), root.join("a/self.txt")).unwrap();
        symlink(root.join("a/doc.txt"), root.join("link.txt")).unwrap();
        let found = find(&[root.to_path_buf()], &Extensions::new(&["txt".into()]));
        assert_eq!(
            names(&found, root),
            ["a/broken.txt", "a/doc.txt", "a/self.txt", "link.txt"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_unlistable_folder_is_a_problem_not_a_silence() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(root, "locked/a.txt");
        let locked = root.join("locked");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let found = find(&[root.to_path_buf()], &Extensions::new(&["txt".into()]));
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        if fs::read_dir(&locked).is_ok() && found.len() == 1 && found[0].problem.is_none() {
            return; // running as root: the folder was readable after all
        }
        assert_eq!(names(&found, root), ["locked"]);
        assert_eq!(
            found[0].problem.as_deref(),
            Some("cannot list the folder: permission denied")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_in_a_folder_is_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(root, "a.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(root.join("pipe.txt"))
            .status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let found = find(&[root.to_path_buf()], &Extensions::new(&["txt".into()]));
        assert_eq!(names(&found, root), ["a.txt"]);
    }
}
