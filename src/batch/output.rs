//! `--output FILE`, written atomically: into a new hidden file in FILE's folder, synced, then
//! renamed over FILE. Readers see the old FILE or the whole new one, never a part; a run that
//! fails leaves FILE as it was and removes its temporary file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    file: File,
    committed: bool,
}

fn named(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

impl AtomicFile {
    /// Creates the temporary file for `target`.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let name = target
            .file_name()
            .ok_or_else(|| named(target, io::Error::other("not a file name")))?;
        if target.is_dir() {
            return Err(named(target, io::Error::other("is a folder")));
        }
        let dir = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            // Name the folder, not the temporary file that could not be made in it.
            return Err(named(dir, io::Error::other("no such folder")));
        }
        let mut attempt = 0u32;
        loop {
            let temp = dir.join(format!(
                ".{}.{}-{attempt}.tmp",
                name.to_string_lossy(),
                std::process::id()
            ));
            match OpenOptions::new().write(true).create_new(true).open(&temp) {
                Ok(file) => {
                    return Ok(AtomicFile {
                        target: target.to_path_buf(),
                        temp,
                        file,
                        committed: false,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(named(&temp, e)),
            }
        }
    }

    /// Syncs the data and renames the temporary file over the target, keeping the target's
    /// permissions when it existed.
    pub fn commit(mut self) -> io::Result<()> {
        self.file.sync_all().map_err(|e| named(&self.temp, e))?;
        if let Ok(meta) = fs::metadata(&self.target) {
            fs::set_permissions(&self.temp, meta.permissions())
                .map_err(|e| named(&self.temp, e))?;
        }
        fs::rename(&self.temp, &self.target).map_err(|e| named(&self.target, e))?;
        self.committed = true;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_target_changes_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        fs::write(&target, "old\n").unwrap();
        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"new\n").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "old\n");
        assert_eq!(listing(dir.path()).len(), 2);
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new\n");
        assert_eq!(listing(dir.path()), ["out.jsonl"]);
    }

    #[test]
    fn an_abandoned_file_leaves_the_target_and_no_litter() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        fs::write(&target, "old\n").unwrap();
        {
            let mut file = AtomicFile::create(&target).unwrap();
            file.write_all(b"half").unwrap();
        }
        assert_eq!(fs::read_to_string(&target).unwrap(), "old\n");
        assert_eq!(listing(dir.path()), ["out.csv"]);
    }

    #[test]
    fn a_folder_or_a_missing_folder_is_refused_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let err = AtomicFile::create(dir.path()).err().unwrap();
        assert!(err.to_string().contains("is a folder"), "{err}");
        let missing = dir.path().join("no/such/out.jsonl");
        let err = AtomicFile::create(&missing).err().unwrap();
        assert!(
            err.to_string().ends_with("no/such: no such folder"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_targets_permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        fs::write(&target, "old\n").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        let file = AtomicFile::create(&target).unwrap();
        file.commit().unwrap();
        let mode = fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
}
