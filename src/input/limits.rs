//! How much shengao agrees to read, so that a hostile or broken file cannot exhaust memory.
//!
//! Every limit is checked twice where a file can lie: against what the file declares (a
//! file's size, a zip entry's uncompressed size, the entry count in the zip's end record)
//! before any work, and against what actually arrives while reading, which stops one byte
//! past the limit. A zip bomb that declares 1 KB and inflates to 1 GB is cut off at the limit.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The limits one read works under. [`Limits::default`] is what the command line uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest input file in bytes (a .docx may hold photographs).
    pub max_input_bytes: u64,
    /// The largest text file in bytes.
    pub max_text_bytes: u64,
    /// The largest uncompressed XML part of a .docx (document, numbering, styles) in bytes.
    pub max_part_bytes: u64,
    /// The most entries a .docx (a zip archive) may list.
    pub max_entries: u64,
}

/// 256 MiB: far above any real report, even a .docx full of photographs.
pub const MAX_INPUT_BYTES: u64 = 256 << 20;

/// 64 MiB of text: above the largest draft we test (50 MB on one line), and a bound on
/// memory, which is up to 30 times the text for one long sentence (jieba's lattice).
pub const MAX_TEXT_BYTES: u64 = 64 << 20;

/// 64 MiB of XML: the document.xml of a 1,000-page report is around 10 MB.
pub const MAX_PART_BYTES: u64 = 64 << 20;

/// A report's .docx has 10 to 50 entries, a few hundred with many images.
pub const MAX_ENTRIES: u64 = 10_000;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: MAX_INPUT_BYTES,
            max_text_bytes: MAX_TEXT_BYTES,
            max_part_bytes: MAX_PART_BYTES,
            max_entries: MAX_ENTRIES,
        }
    }
}

/// A size in words: `256 MiB`, `64 KiB`, `300 bytes`.
pub fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes % (1 << 10) == 0 {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads all of `reader`, but fails with `None` as soon as more than `limit` bytes arrive.
/// `Err` is a read error of the underlying reader.
pub fn read_at_most(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Why a file was not read by [`read_regular`].
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    Folder,
    /// Something other than a regular file or a folder, in words: `a named pipe (FIFO)`.
    NotAFile(&'static str),
    TooLarge,
}

impl ReadError {
    /// The reason in words, for a file of at most `limit` bytes: `no such file`,
    /// `is a named pipe (FIFO), not a regular file`, …
    pub fn reason(&self, limit: u64) -> String {
        match self {
            ReadError::Io(e) => io_reason(e),
            ReadError::Folder => "is a directory".to_string(),
            ReadError::NotAFile(kind) => format!("is {kind}, not a regular file"),
            ReadError::TooLarge => format!("is larger than {}, the most it may be", human(limit)),
        }
    }
}

/// An I/O error's reason in plain words for the usual cases.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Reads the regular file at `path`, at most `limit` bytes, and gives its metadata as
/// opened. What is not a regular file is refused before it is read: a named pipe would
/// block the run until a writer came, and a device such as /dev/zero never ends. The file
/// is opened without blocking (O_NONBLOCK) and checked again once open, in case it was
/// swapped for a pipe in between.
pub fn read_regular(path: &Path, limit: u64) -> Result<(Vec<u8>, Metadata), ReadError> {
    let check = |meta: &Metadata| {
        if meta.is_dir() {
            Err(ReadError::Folder)
        } else if !meta.is_file() {
            Err(ReadError::NotAFile(crate::safe_write::kind_of(meta)))
        } else if meta.len() > limit {
            Err(ReadError::TooLarge)
        } else {
            Ok(())
        }
    };
    check(&std::fs::metadata(path).map_err(ReadError::Io)?)?;
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file: File = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    check(&meta)?;
    // The file may have grown since: read no more than the limit anyway.
    let bytes = read_at_most(file, limit)
        .map_err(ReadError::Io)?
        .ok_or(ReadError::TooLarge)?;
    Ok((bytes, meta))
}

/// The number of entries a zip archive declares in its end-of-central-directory records
/// (the largest, if several records or a zip64 record are found), or `None` if no end record
/// is there. Read before the archive is opened, so that a forged count costs nothing.
pub fn declared_zip_entries(bytes: &[u8]) -> Option<u64> {
    const END: &[u8] = b"PK\x05\x06";
    const END_LEN: usize = 22;
    // The end record is the last thing in the file, followed by a comment of at most 64 KiB.
    let search_from = bytes.len().saturating_sub(END_LEN + u16::MAX as usize);
    let mut most = None;
    let tail = &bytes[search_from..];
    let mut at = 0;
    while let Some(found) = find(&tail[at..], END) {
        let pos = search_from + at + found;
        at += found + 1;
        let Some(record) = bytes.get(pos..pos + END_LEN) else {
            continue;
        };
        let mut count = u64::from(u16::from_le_bytes([record[10], record[11]]));
        if count == u64::from(u16::MAX) {
            count = zip64_entries(bytes, pos).unwrap_or(count);
        }
        most = Some(most.map_or(count, |m: u64| m.max(count)));
    }
    most
}

/// The entry count of the zip64 end record that the locator just before `end` points to.
fn zip64_entries(bytes: &[u8], end: usize) -> Option<u64> {
    let locator = bytes.get(end.checked_sub(20)?..end)?;
    if &locator[..4] != b"PK\x06\x07" {
        return None;
    }
    let offset = usize::try_from(u64::from_le_bytes(locator[8..16].try_into().ok()?)).ok()?;
    let record = bytes.get(offset..offset.checked_add(56)?)?;
    if &record[..4] != b"PK\x06\x06" {
        return None;
    }
    Some(u64::from_le_bytes(record[32..40].try_into().ok()?))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_words() {
        assert_eq!(human(MAX_INPUT_BYTES), "256 MiB");
        assert_eq!(human(64 << 10), "64 KiB");
        assert_eq!(human(1000), "1000 bytes");
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        assert_eq!(
            read_at_most(&b"abcd"[..], 4).unwrap(),
            Some(b"abcd".to_vec())
        );
        assert_eq!(read_at_most(&b"abcde"[..], 4).unwrap(), None);
        // An endless reader is cut off, not read to the end.
        assert_eq!(read_at_most(std::io::repeat(b'x'), 1000).unwrap(), None);
    }

    fn end_record(entries: u16, comment: &[u8]) -> Vec<u8> {
        let mut record = b"PK\x05\x06\0\0\0\0".to_vec();
        record.extend(entries.to_le_bytes());
        record.extend(entries.to_le_bytes());
        record.extend([0; 8]);
        record.extend((comment.len() as u16).to_le_bytes());
        record.extend(comment);
        record
    }

    #[cfg(unix)]
    #[test]
    fn what_is_not_a_regular_file_is_refused_unread() {
        let kind = |path: &str| match read_regular(Path::new(path), 1 << 20) {
            Err(ReadError::NotAFile(kind)) => kind,
            other => panic!("{path}: {other:?}"),
        };
        assert_eq!(kind("/dev/zero"), "a character device");
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_regular(dir.path(), 10),
            Err(ReadError::Folder)
        ));
        let fifo = dir.path().join("pipe");
        if std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
        {
            // No writer: opening it for reading the usual way would block for ever.
            assert_eq!(kind(fifo.to_str().unwrap()), "a named pipe (FIFO)");
        }
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "12345").unwrap();
        assert!(matches!(read_regular(&file, 4), Err(ReadError::TooLarge)));
        assert_eq!(read_regular(&file, 5).unwrap().0, b"12345");
    }

    #[test]
    fn the_declared_entry_count_is_read_from_the_end_record() {
        let mut bytes = b"PK\x03\x04 some data".to_vec();
        bytes.extend(end_record(12, b"a comment"));
        assert_eq!(declared_zip_entries(&bytes), Some(12));
        assert_eq!(declared_zip_entries(b"PK\x03\x04 no end"), None);
        assert_eq!(declared_zip_entries(b""), None);
        // A truncated end record is not read past the end.
        assert_eq!(declared_zip_entries(b"xxPK\x05\x06\0\0"), None);
    }

    #[test]
    fn a_zip64_count_is_followed() {
        let mut bytes = b"PK\x03\x04".to_vec();
        let zip64_at = bytes.len() as u64;
        let mut record = b"PK\x06\x06".to_vec();
        record.extend([0; 28]);
        record.extend(5_000_000u64.to_le_bytes());
        record.extend([0; 16]);
        bytes.extend(&record);
        bytes.extend(b"PK\x06\x07\0\0\0\0");
        bytes.extend(zip64_at.to_le_bytes());
        bytes.extend(1u32.to_le_bytes());
        bytes.extend(end_record(u16::MAX, b""));
        assert_eq!(declared_zip_entries(&bytes), Some(5_000_000));
    }
}
