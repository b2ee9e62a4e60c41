//! Writing a file whole or not at all, and never over something that is not a file.
//!
//! Both writers of shengao go through here: `batch --output FILE` and `fix --write`.
//! - The text goes into a new hidden file beside the target,
//!   `.NAME.shengao-PID-N.tmp`, which is synced and then renamed over the target. Readers
//!   see the old file or the whole new one, never a part.
//! - Only a regular file is replaced, or a new one created. A folder, a device, a named
//!   pipe or a socket is refused, so `--output /dev/null` run by root cannot replace the
//!   system's /dev/null. A symbolic link is followed, and the file it points to is replaced
//!   (the link stays a link).
//! - A replaced file keeps its permissions, owner and group. Where the owner cannot be kept
//!   (a user may not give a file away), the write is refused rather than done.
//! - [`AtomicFile::commit_unchanged`] refuses to rename when the target changed since it
//!   was read (length, modification time or inode), so text another program appended
//!   meanwhile is not lost.
//! - A temporary file is removed when the write fails, when the value is dropped, and when
//!   the process gets SIGINT, SIGTERM or SIGHUP. A SIGKILL cannot be caught: the next write
//!   beside the same target removes the temporary files of processes that are gone
//!   ([`sweep_stale`]).
//!
//! Extended attributes and ACLs are not copied to the new file.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};
use std::time::SystemTime;

/// What identifies a file's state: taken when it is read, compared before it is replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

impl Snapshot {
    pub fn of(meta: &Metadata) -> Snapshot {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Snapshot {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: (meta.dev(), meta.ino()),
        }
    }

    /// Checks that `target` is still as this snapshot saw it: [`CHANGED`] if not.
    fn still_holds(&self, target: &Path) -> io::Result<()> {
        let now = fs::metadata(target).map_err(|e| named(target, e))?;
        if Snapshot::of(&now) != *self {
            return Err(named(target, CHANGED));
        }
        Ok(())
    }
}

/// The error of a target that changed since it was read.
pub const CHANGED: &str = "changed while shengao worked on it (another program wrote to it); \
                           left as that program left it, nothing written";

/// A file being written: the temporary file, renamed over the target by [`commit`].
///
/// [`commit`]: AtomicFile::commit
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    file: File,
    committed: bool,
}

/// What kind of thing a path is, in words, for a refusal: `a named pipe (FIFO)`.
pub fn kind_of(meta: &Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    if kind.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
    }
    if kind.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

fn named(path: &Path, reason: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("{}: {reason}", path.display()))
}

/// The file a write to `path` replaces or creates, with its metadata when it exists: a
/// symbolic link is followed to its target; anything but a regular file is refused.
fn resolve(path: &Path) -> io::Result<(PathBuf, Option<Metadata>)> {
    if path.file_name().is_none() {
        return Err(named(path, "not a file name"));
    }
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let dir = folder_of(path);
            if !dir.is_dir() {
                // Name the folder, not the temporary file that could not be made in it.
                return Err(named(dir, "no such folder"));
            }
            Ok((path.to_path_buf(), None))
        }
        Err(e) => Err(named(path, e)),
        Ok(link) if link.file_type().is_symlink() => {
            let real = fs::canonicalize(path)
                .map_err(|e| named(path, format!("a symbolic link that leads nowhere ({e})")))?;
            let meta = fs::metadata(&real).map_err(|e| named(&real, e))?;
            refuse_unless_file(&real, &meta)?;
            Ok((real, Some(meta)))
        }
        Ok(meta) => {
            refuse_unless_file(path, &meta)?;
            Ok((path.to_path_buf(), Some(meta)))
        }
    }
}

fn refuse_unless_file(path: &Path, meta: &Metadata) -> io::Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    Err(named(
        path,
        format!(
            "is {}, not a regular file; shengao writes only regular files",
            kind_of(meta)
        ),
    ))
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

impl AtomicFile {
    /// Starts a write to `path`: refuses what is not a regular file, and makes the temporary
    /// file beside the file the path leads to, with that file's permissions, owner and group.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let (target, existing) = resolve(path)?;
        let dir = folder_of(&target).to_path_buf();
        let name = target.file_name().expect("resolved").to_string_lossy();
        sweep_stale(&dir, &name);
        watch_signals();
        let mut attempt = 0u32;
        let (temp, file) = loop {
            let temp = dir.join(temp_name(&name, std::process::id(), attempt));
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&temp) {
                Ok(file) => break (temp, file),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(named(&temp, e)),
            }
        };
        lock(&TEMPS).push(temp.clone());
        let atomic = AtomicFile {
            target,
            temp,
            file,
            committed: false,
        };
        if let Some(meta) = existing {
            atomic.take_access_of(&meta)?;
        }
        Ok(atomic)
    }

    /// Gives the temporary file the permissions, owner and group of the file it replaces.
    fn take_access_of(&self, meta: &Metadata) -> io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let own = self.file.metadata().map_err(|e| named(&self.temp, e))?;
            if (own.uid(), own.gid()) != (meta.uid(), meta.gid()) {
                std::os::unix::fs::fchown(&self.file, Some(meta.uid()), Some(meta.gid())).map_err(
                    |e| {
                        named(
                            &self.target,
                            format!(
                                "cannot keep its owner and group (uid {}, gid {}) in a new copy: \
                                 {e}; nothing written",
                                meta.uid(),
                                meta.gid()
                            ),
                        )
                    },
                )?;
            }
        }
        self.file
            .set_permissions(meta.permissions())
            .map_err(|e| named(&self.temp, e))
    }

    /// Syncs the data and renames the temporary file over the target.
    pub fn commit(self) -> io::Result<()> {
        self.finish(None)
    }

    /// [`commit`](Self::commit), but only when the target is still as `read` saw it;
    /// otherwise the target is left alone and the error says why ([`CHANGED`]).
    pub fn commit_unchanged(self, read: &Snapshot) -> io::Result<()> {
        self.finish(Some(read))
    }

    fn finish(mut self, read: Option<&Snapshot>) -> io::Result<()> {
        self.file.sync_all().map_err(|e| named(&self.temp, e))?;
        if let Some(read) = read {
            read.still_holds(&self.target)?;
        }
        fs::rename(&self.temp, &self.target).map_err(|e| named(&self.target, e))?;
        self.committed = true;
        lock(&TEMPS).retain(|t| *t != self.temp);
        // The rename itself is durable once the folder is synced; not every system can.
        if let Ok(dir) = File::open(folder_of(&self.target)) {
            let _ = dir.sync_all();
        }
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
            lock(&TEMPS).retain(|t| *t != self.temp);
        }
    }
}

/// Writes `bytes` into the file at `path` itself (truncating it), for a file whose hard links
/// must stay joined: not atomic, so only when asked. Refuses when the file changed since
/// `read`.
pub fn write_in_place(path: &Path, bytes: &[u8], read: &Snapshot) -> io::Result<()> {
    let (target, _) = resolve(path)?;
    read.still_holds(&target)?;
    let mut file = OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&target)
        .map_err(|e| named(&target, e))?;
    file.write_all(bytes).map_err(|e| named(&target, e))?;
    file.sync_all().map_err(|e| named(&target, e))
}

/// The name of the temporary file for the target named `name`.
fn temp_name(name: &str, pid: u32, attempt: u32) -> String {
    format!(".{name}.shengao-{pid}-{attempt}.tmp")
}

/// The target's name and the process id in a temporary file name, if it is one.
fn temp_parts(file: &str) -> Option<(&str, u32)> {
    let rest = file.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (name, rest) = rest.rsplit_once(".shengao-")?;
    let (pid, attempt) = rest.split_once('-')?;
    attempt.parse::<u32>().ok()?;
    Some((name, pid.parse().ok()?))
}

/// The process id in a temporary file name of the target named `name`, if it is one.
#[cfg(test)]
fn temp_pid(file: &str, name: &str) -> Option<u32> {
    temp_parts(file)
        .filter(|&(n, _)| n == name)
        .map(|(_, pid)| pid)
}

/// The stale temporary files of each folder this process writes in, by target name: a
/// folder is listed once, however many files in it one run writes (`fix --write *.txt`).
type Stale = Vec<(PathBuf, Vec<(String, PathBuf)>)>;
static STALE: Mutex<Stale> = Mutex::new(Vec::new());

/// Removes the temporary files beside `dir/name` left by shengao processes that are gone
/// (killed with SIGKILL, or by a power cut). Where the system cannot tell whether a
/// process lives (no /proc), nothing is removed.
fn sweep_stale(dir: &Path, name: &str) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let mut stale = lock(&STALE);
    let at = match stale.iter().position(|(d, _)| d == dir) {
        Some(at) => at,
        None => {
            stale.push((dir.to_path_buf(), stale_in(dir, proc)));
            stale.len() - 1
        }
    };
    stale[at].1.retain(|(target, path)| {
        if target != name {
            return true;
        }
        let _ = fs::remove_file(path);
        false
    });
}

/// The temporary files in `dir` of processes that are gone, with their targets' names.
fn stale_in(dir: &Path, proc: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let own = std::process::id();
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some((name, pid)) = file.to_str().and_then(temp_parts) else {
            continue;
        };
        if pid != own && !proc.join(pid.to_string()).exists() {
            out.push((name.to_string(), entry.path()));
        }
    }
    out
}

/// The temporary files of this process not yet committed or removed.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// From the first write on, SIGINT, SIGTERM and SIGHUP remove the temporary files and end
/// the process with 128 + the signal's number, as the shell reports a death by signal.
fn watch_signals() {
    static WATCHING: Once = Once::new();
    WATCHING.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    for temp in lock(&TEMPS).drain(..) {
                        let _ = fs::remove_file(temp);
                    }
                    std::process::exit(128 + signal);
                }
            });
        }
    });
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
            assert!(lock(&TEMPS).iter().any(|t| t.starts_with(dir.path())));
        }
        assert_eq!(fs::read_to_string(&target).unwrap(), "old\n");
        assert_eq!(listing(dir.path()), ["out.csv"]);
        assert!(lock(&TEMPS).iter().all(|t| !t.starts_with(dir.path())));
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
    fn a_fifo_is_refused_and_left_a_fifo() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let err = AtomicFile::create(&fifo).err().unwrap();
        assert!(err.to_string().contains("a named pipe (FIFO)"), "{err}");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(listing(dir.path()), ["pipe"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut file = AtomicFile::create(&link).unwrap();
        file.write_all(b"new").unwrap();
        file.commit().unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let dangling = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink(dir.path().join("gone"), &dangling).unwrap();
        let err = AtomicFile::create(&dangling).err().unwrap();
        assert!(err.to_string().contains("leads nowhere"), "{err}");
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

    #[test]
    fn a_target_changed_meanwhile_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("draft.txt");
        fs::write(&target, "old\n").unwrap();
        let read = Snapshot::of(&fs::metadata(&target).unwrap());
        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"fixed\n").unwrap();
        OpenOptions::new()
            .append(true)
            .open(&target)
            .unwrap()
            .write_all("新段落\n".as_bytes())
            .unwrap();
        let err = file.commit_unchanged(&read).unwrap_err();
        assert!(err.to_string().contains("changed while"), "{err}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "old\n新段落\n");
        assert_eq!(listing(dir.path()), ["draft.txt"]);
    }

    #[test]
    fn temporary_names_are_read_back() {
        assert_eq!(temp_pid(&temp_name("a.txt", 42, 3), "a.txt"), Some(42));
        assert_eq!(temp_pid(".a.txt.shengao-42-x.tmp", "a.txt"), None);
        assert_eq!(temp_pid(&temp_name("a.txt", 42, 0), "b.txt"), None);
        assert_eq!(temp_pid(".a.txt.7-0.tmp", "a.txt"), None);
    }

    #[test]
    fn stale_temporary_files_of_dead_processes_are_swept() {
        if !Path::new("/proc/self").exists() {
            eprintln!("skipped: no /proc");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        // No process has pid 4194304 or more (Linux's pid_max is at most 2^22).
        let stale = dir.path().join(temp_name("out.jsonl", 4_194_305, 0));
        let live = dir
            .path()
            .join(temp_name("out.jsonl", std::process::id(), 7));
        let other = dir.path().join(temp_name("other.txt", 4_194_305, 0));
        for path in [&stale, &live, &other] {
            fs::write(path, "x").unwrap();
        }
        let file = AtomicFile::create(&target).unwrap();
        drop(file);
        assert!(!stale.exists(), "a dead process's file is swept");
        assert!(live.exists() && other.exists(), "{:?}", listing(dir.path()));
    }
}
