//! Files around the database, written so that a crash, a full disk or a second process never leaves half a file
//! under its real name, and never removes a file another process wrote.
//!
//! A file is written under a temporary name in its final folder (`.<stem>.<random>.tmp`), flushed to the disk,
//! and only then put in place by a rename (atomic on one file system), the folder itself flushed after. A pending
//! file dropped without being put in place is removed: it is this process's own temporary file, and only that.

use crate::error::{Error, ErrorCode, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file written and flushed under a temporary name beside `dest`, not yet in place.
#[derive(Debug)]
pub struct PendingFile {
    tmp: tempfile::NamedTempFile,
    dest: PathBuf,
}

impl PendingFile {
    /// Write `bytes` to a temporary file beside `dest` and flush it to the disk.
    pub fn write(dest: &Path, bytes: &[u8]) -> Result<PendingFile> {
        let dir = parent(dest);
        let stem = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{stem}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| write_error(dest, &e))?;
        tmp.write_all(bytes)
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| write_error(dest, &e))?;
        Ok(PendingFile {
            tmp,
            dest: dest.to_owned(),
        })
    }

    /// Put the file in place, replacing what was there.
    pub fn persist(self) -> Result<()> {
        let dest = self.dest;
        self.tmp
            .persist(&dest)
            .map_err(|e| write_error(&dest, &e.error))?;
        sync_dir(parent(&dest));
        Ok(())
    }

    /// Put the file in place unless a file already has that name (left as it is). Returns whether this one was
    /// put in place.
    pub fn persist_new(self) -> Result<bool> {
        let dest = self.dest;
        match self.tmp.persist_noclobber(&dest) {
            Ok(_) => {
                sync_dir(parent(&dest));
                Ok(true)
            }
            Err(e) if dest.exists() => {
                drop(e);
                Ok(false)
            }
            Err(e) => Err(write_error(&dest, &e.error)),
        }
    }
}

impl PendingFile {
    /// Put the file in place under the first name `next` gives that no file has yet (another process may take a
    /// name between two tries: the next one is asked for). Returns the name used.
    pub fn persist_unique(self, mut next: impl FnMut() -> PathBuf) -> Result<PathBuf> {
        let mut tmp = self.tmp;
        let mut last = self.dest;
        for _ in 0..100 {
            last = next();
            match tmp.persist_noclobber(&last) {
                Ok(_) => {
                    sync_dir(parent(&last));
                    return Ok(last);
                }
                Err(e) if last.exists() => tmp = e.file,
                Err(e) => return Err(write_error(&last, &e.error)),
            }
        }
        Err(write_error(
            &last,
            &std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        ))
    }
}

/// Write a whole file: under a temporary name, flushed, then renamed over `dest`. Someone reading `dest` sees the
/// old file or the new one, never half of it.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<()> {
    PendingFile::write(dest, bytes)?.persist()
}

/// Temporary files this module left beside `dest` when a process was killed between writing and renaming
/// (`.<name>.<random>.tmp`), oldest first.
pub fn leftovers(dest: &Path) -> Vec<PathBuf> {
    let Some(name) = dest.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(parent(dest)) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix) && n.ends_with(".tmp")
        })
        .map(|e| {
            let when = e
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (when, e.path())
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

/// Flush a folder's entries (a rename survives a power cut only once its folder is flushed). Best effort: not
/// every platform can open a folder for this.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A write that failed, in words the user can act on: a read-only folder, a full disk, a missing folder.
pub fn write_error(path: &Path, e: &std::io::Error) -> Error {
    let why = match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            "Tact n'a pas le droit d'écrire dans ce dossier (lecture seule ou droits insuffisants)"
                .to_owned()
        }
        std::io::ErrorKind::StorageFull => {
            "le disque est plein\u{a0}; libérez de la place puis recommencez".to_owned()
        }
        std::io::ErrorKind::NotFound => "le dossier n'existe pas".to_owned(),
        _ => e.to_string(),
    };
    Error::new(
        ErrorCode::Io,
        format!("Impossible d'écrire {}\u{a0}: {why}.", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pending_file_is_invisible_until_put_in_place_and_removed_if_dropped() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dest = dir.path().join("lettre.pdf");
        let p = PendingFile::write(&dest, b"%PDF-1.7 a").unwrap_or_else(|e| panic!("{e}"));
        assert!(!dest.exists());
        assert_eq!(leftovers(&dest).len(), 1);
        drop(p);
        assert!(leftovers(&dest).is_empty(), "the temporary file is removed");
        assert!(!dest.exists());

        let p = PendingFile::write(&dest, b"%PDF-1.7 a").unwrap_or_else(|e| panic!("{e}"));
        p.persist().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&dest).unwrap_or_default(), b"%PDF-1.7 a");
        assert!(leftovers(&dest).is_empty());
    }

    #[test]
    fn persist_new_never_replaces_a_file_someone_else_put_there() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dest = dir.path().join("lettre.pdf");
        write_atomic(&dest, b"first").unwrap_or_else(|e| panic!("{e}"));
        let p = PendingFile::write(&dest, b"second").unwrap_or_else(|e| panic!("{e}"));
        assert!(!p.persist_new().unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(std::fs::read(&dest).unwrap_or_default(), b"first");
        assert!(leftovers(&dest).is_empty());
    }

    #[test]
    fn a_failed_write_says_what_the_user_can_do() {
        let at = Path::new("/media/cle/tact");
        let e = |k| write_error(at, &std::io::Error::from(k)).message;
        assert!(e(std::io::ErrorKind::PermissionDenied)
            .contains("n'a pas le droit d'écrire dans ce dossier"));
        assert!(e(std::io::ErrorKind::ReadOnlyFilesystem).contains("lecture seule"));
        assert!(e(std::io::ErrorKind::StorageFull).contains("le disque est plein"));
        assert!(e(std::io::ErrorKind::StorageFull).contains("/media/cle/tact"));
    }
}
