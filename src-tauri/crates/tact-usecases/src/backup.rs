//! Automatic backups: a copy of the database and of the archived letters, at most once a day when something was
//! written, kept 7 days and 8 weeks, in `backups/` beside the database and, if the user chose one, in a second
//! folder (a synced folder, a USB key). A restore first backs up the current state.
//!
//! A backup is one zip file, `tact-AAAA-MM-JJ.zip` (`-2`, `-3`… for more the same day):
//! - `tact.sqlite3`, a consistent copy of the database (SQLite's `VACUUM INTO`, taken while the app may write);
//! - `letters/…`, the archived PDFs its letters' records point to;
//! - `manifest.json`: `{"format": "tact-backup", "version": 1, "date", "schema", "fingerprint"}`, the fingerprint
//!   being the SHA-256 of the ledger's export document: equal fingerprints, same books.
//!
//! Only files named so, in those folders, are ever pruned.

use crate::books::Books;
use crate::exchange;
use crate::zipfile;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tact_core::files;
use tact_core::ledger::sha256_hex;
use tact_core::{Error, ErrorCode, Result};

pub const FORMAT_NAME: &str = "tact-backup";
pub const FORMAT_VERSION: u32 = 1;
const DB_ENTRY: &str = "tact.sqlite3";
const MANIFEST: &str = "manifest.json";
/// Kept: every backup of the last 7 days that have one, and the latest of each of the last 8 weeks.
pub const KEEP_DAYS: usize = 7;
pub const KEEP_WEEKS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: u32,
    date: NaiveDate,
    schema: u32,
    fingerprint: String,
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupInfo {
    /// Full path of the file.
    pub path: String,
    /// File name (`tact-2026-12-02.zip`).
    pub name: String,
    pub date: NaiveDate,
    /// In the second folder rather than beside the database.
    pub second_copy: bool,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    #[serde(serialize_with = "as_string")]
    pub bytes: u64,
}

/// A byte count as a decimal string across the IPC (a JS number cannot hold every u64).
pub(crate) fn as_string<S: serde::Serializer>(
    n: &u64,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&n.to_string())
}

/// Where the backups are and which exist, newest first (Réglages › Sauvegardes, `tact backup list`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupStatus {
    pub folder: String,
    pub second_folder: Option<String>,
    pub latest: Option<BackupInfo>,
    pub backups: Vec<BackupInfo>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestoreOutcome {
    pub restored: BackupInfo,
    /// The backup of the state before the restore.
    pub before: BackupInfo,
    pub letter_files: usize,
}

/// `backups/` beside the database.
pub fn folder(books: &Books) -> Result<PathBuf> {
    let db = books.path().ok_or_else(|| {
        Error::new(
            ErrorCode::Io,
            "Les sauvegardes demandent un registre enregistré sur le disque.",
        )
    })?;
    Ok(db
        .parent()
        .map_or_else(|| PathBuf::from("backups"), |d| d.join("backups")))
}

/// The date a backup's file name carries, if it is one of ours: `tact-AAAA-MM-JJ.zip` or `tact-AAAA-MM-JJ-N.zip`.
pub fn date_of(name: &str) -> Option<(NaiveDate, u32)> {
    let rest = name.strip_prefix("tact-")?.strip_suffix(".zip")?;
    let date = NaiveDate::parse_from_str(rest.get(..10)?, "%Y-%m-%d").ok()?;
    match rest.get(10..)? {
        "" => Some((date, 1)),
        n => {
            let n = n.strip_prefix('-')?;
            (n.chars().all(|c| c.is_ascii_digit()) && !n.starts_with('0'))
                .then(|| n.parse().ok())
                .flatten()
                .map(|n| (date, n))
        }
    }
}

fn scan(dir: &Path, second_copy: bool) -> Vec<BackupInfo> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(NaiveDate, u32, BackupInfo)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (date, n) = date_of(&name)?;
            let bytes = e.metadata().ok().filter(|m| m.is_file())?.len();
            Some((
                date,
                n,
                BackupInfo {
                    path: e.path().display().to_string(),
                    name,
                    date,
                    second_copy,
                    bytes,
                },
            ))
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse((f.0, f.1)));
    found.into_iter().map(|(_, _, i)| i).collect()
}

/// Every backup, newest first, and where they are.
pub fn status(books: &Books) -> Result<BackupStatus> {
    let dir = folder(books)?;
    let second = books.read(|l| l.backup_folder())?;
    let mut backups = scan(&dir, false);
    if let Some(s) = &second {
        backups.extend(scan(s, true));
    }
    backups.sort_by(|a, b| {
        (b.date, date_of(&b.name).map(|d| d.1))
            .cmp(&(a.date, date_of(&a.name).map(|d| d.1)))
            .then(a.second_copy.cmp(&b.second_copy))
    });
    Ok(BackupStatus {
        folder: dir.display().to_string(),
        second_folder: second.map(|s| s.display().to_string()),
        latest: backups.first().cloned(),
        backups,
    })
}

/// The backup's bytes for the books as they are now, and its fingerprint.
fn build(books: &Books, today: NaiveDate) -> Result<(Vec<u8>, String)> {
    let dir = tempfile::tempdir().map_err(|e| files::write_error(&std::env::temp_dir(), &e))?;
    let copy = dir.path().join(DB_ENTRY);
    // A connection of its own: the copy is taken without holding the books (the app stays usable), and SQLite
    // makes it consistent while others write.
    let db_path = books.path().ok_or_else(|| {
        Error::new(
            ErrorCode::Io,
            "Les sauvegardes demandent un registre enregistré sur le disque.",
        )
    })?;
    let own = tact_core::Ledger::open(db_path)?;
    own.snapshot_to(&copy)?;
    let letters_dir = own.letters_dir().ok();
    drop(own);
    let db = std::fs::read(&copy).map_err(|e| files::write_error(&copy, &e))?;
    // The fingerprint and the letters come from the copy itself, so they describe exactly what it holds.
    let data = tact_core::Ledger::open(&copy)?.export()?;
    let fingerprint = sha256_hex(exchange::to_json(&data)?.as_bytes());
    let manifest = Manifest {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        date: today,
        schema: tact_core::storage::latest_version(),
        fingerprint: fingerprint.clone(),
    };
    let mut zip = zipfile::Writer::new("la sauvegarde");
    let m = serde_json::to_vec_pretty(&manifest).map_err(|e| {
        Error::new(
            ErrorCode::Io,
            format!("Création de la sauvegarde\u{a0}: {e}."),
        )
    })?;
    zip.deflated(MANIFEST, &m)?;
    zip.deflated(DB_ENTRY, &db)?;
    // A copy missing or modified is left out: the record stays in the database copy.
    for (name, b) in exchange::letter_copies(letters_dir.as_deref(), &data.letters).0 {
        zip.stored(&format!("{}{name}", exchange::ARCHIVE_LETTERS), &b)?;
    }
    let bytes = zip.finish()?;
    Ok((bytes, fingerprint))
}

/// The next free name for a backup made `today` in `dir`.
fn next_name(dir: &Path, today: NaiveDate) -> PathBuf {
    let base = format!("tact-{}", today.format("%Y-%m-%d"));
    let mut n = 1u32;
    loop {
        let name = if n == 1 {
            format!("{base}.zip")
        } else {
            format!("{base}-{n}.zip")
        };
        let p = dir.join(name);
        if !p.exists() || n == u32::MAX {
            return p;
        }
        n = n.saturating_add(1);
    }
}

fn write_backup(
    dir: &Path,
    today: NaiveDate,
    bytes: &[u8],
    second_copy: bool,
) -> Result<BackupInfo> {
    std::fs::create_dir_all(dir).map_err(|e| files::write_error(dir, &e))?;
    // Two Tact processes backing up at once each take their own name.
    let path = files::PendingFile::write(&next_name(dir, today), bytes)?
        .persist_unique(|| next_name(dir, today))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(BackupInfo {
        path: path.display().to_string(),
        name,
        date: today,
        second_copy,
        bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
    })
}

/// « Sauvegarder maintenant », `tact backup create`: a backup now, in each folder, then the old ones pruned.
pub fn create(books: &Books, today: NaiveDate) -> Result<BackupInfo> {
    let (bytes, _) = build(books, today)?;
    store(books, today, &bytes, Prune::Yes)
}

/// Whether writing a backup prunes the old ones (not while restoring one of them).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prune {
    Yes,
    No,
}

fn store(books: &Books, today: NaiveDate, bytes: &[u8], prune_old: Prune) -> Result<BackupInfo> {
    let dir = folder(books)?;
    let made = write_backup(&dir, today, bytes, false)?;
    if prune_old == Prune::Yes {
        prune(&dir, today);
    }
    if let Some(second) = books.read(|l| l.backup_folder())? {
        // The second copy is a convenience: a USB key not plugged in does not stop the first.
        if write_backup(&second, today, bytes, true).is_ok() && prune_old == Prune::Yes {
            prune(&second, today);
        }
    }
    Ok(made)
}

/// The automatic backup: made when none was made today and the books changed since the latest one. Returns it
/// when one was made.
pub fn auto(books: &Books, today: NaiveDate) -> Result<Option<BackupInfo>> {
    let dir = folder(books)?;
    let existing = scan(&dir, false);
    if existing.iter().any(|b| b.date == today) {
        return Ok(None);
    }
    if books.read(|l| l.is_empty())? {
        return Ok(None);
    }
    let (bytes, fingerprint) = build(books, today)?;
    let unchanged = existing
        .first()
        .and_then(|b| read_manifest(Path::new(&b.path)).ok())
        .is_some_and(|m| m.fingerprint == fingerprint);
    if unchanged {
        return Ok(None);
    }
    store(books, today, &bytes, Prune::Yes).map(Some)
}

/// Which backups of `names` (dates) retention keeps: every one of the `KEEP_DAYS` latest days that have one, and
/// the latest of each of the `KEEP_WEEKS` latest ISO weeks. Pure, for the tests.
pub fn kept(mut backups: Vec<(NaiveDate, u32)>) -> Vec<(NaiveDate, u32)> {
    backups.sort_by(|a, b| b.cmp(a));
    let mut days: Vec<NaiveDate> = backups.iter().map(|b| b.0).collect();
    days.dedup();
    days.truncate(KEEP_DAYS);
    let mut weeks: Vec<(i32, u32)> = Vec::new();
    let mut keep = Vec::new();
    for b in &backups {
        let w = b.0.iso_week();
        let week = (w.year(), w.week());
        let latest_of_week = !weeks.contains(&week);
        if latest_of_week && weeks.len() < KEEP_WEEKS {
            weeks.push(week);
            keep.push(*b);
        } else if days.contains(&b.0) {
            keep.push(*b);
        }
    }
    keep.sort_by(|a, b| b.cmp(a));
    keep
}

/// Remove the backups retention no longer keeps (only files named as ours, in `dir`); never today's.
fn prune(dir: &Path, today: NaiveDate) {
    let all = scan(dir, false);
    let keep = kept(all.iter().filter_map(|b| date_of(&b.name)).collect());
    for b in all {
        if b.date >= today {
            continue;
        }
        if date_of(&b.name).is_some_and(|d| !keep.contains(&d)) {
            let _ = std::fs::remove_file(&b.path);
        }
    }
}

fn bad(path: &Path, what: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::ImportFormat,
        format!(
            "{} n'est pas une sauvegarde Tact lisible\u{a0}: {what}.",
            path.display()
        ),
    )
}

fn open_zip(path: &Path) -> Result<zipfile::Reader> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::new(
            ErrorCode::Io,
            format!("Lecture de {}\u{a0}: {e}.", path.display()),
        )
    })?;
    let shown = path.to_owned();
    zipfile::Reader::new(bytes, move |what| bad(&shown, what))
}

fn read_manifest(path: &Path) -> Result<Manifest> {
    let mut zip = open_zip(path)?;
    let m = zip
        .entry(MANIFEST)?
        .ok_or_else(|| bad(path, "le manifeste manque"))?;
    let m: Manifest = serde_json::from_slice(&m).map_err(|e| bad(path, e))?;
    if m.format != FORMAT_NAME {
        return Err(bad(path, format!("format {:?}", m.format)));
    }
    if m.version > FORMAT_VERSION {
        return Err(Error::new(
            ErrorCode::ImportFormat,
            format!("{} vient d'une version plus récente de Tact\u{a0}: mettez Tact à jour pour la restaurer.", path.display()),
        ));
    }
    Ok(m)
}

/// « Restaurer », `tact backup restore FILE`: the books become what the backup holds. The backup is read and
/// checked whole first (its database opened on its own, migrated if older, checked page by page; each letter's
/// PDF against its SHA-256); the current state is backed up; then the database is replaced in one step and the
/// letters' PDFs put in place (a letter's file already there is the same letter and is left).
pub fn restore(books: &Books, path: &Path, today: NaiveDate) -> Result<RestoreOutcome> {
    let manifest = read_manifest(path)?;
    let mut zip = open_zip(path)?;
    let db = zip
        .entry(DB_ENTRY)?
        .ok_or_else(|| bad(path, "la copie de la base manque"))?;
    let work = tempfile::tempdir().map_err(|e| files::write_error(&std::env::temp_dir(), &e))?;
    let copy = work.path().join(DB_ENTRY);
    std::fs::write(&copy, &db).map_err(|e| files::write_error(&copy, &e))?;
    // Open on its own: refuses a foreign or newer file, migrates an older one, then read what it holds.
    let records = {
        let candidate = tact_core::Ledger::open(&copy)?;
        let data = candidate.export()?;
        data.letters
    };
    let mut pdfs = Vec::new();
    for rec in &records {
        if let Some(b) = zip.entry(&format!("{}{}", exchange::ARCHIVE_LETTERS, rec.file))? {
            if sha256_hex(&b) != rec.sha256 {
                return Err(bad(
                    path,
                    format!(
                        "la copie de la lettre {} ne correspond pas à son empreinte",
                        rec.file
                    ),
                ));
            }
            pdfs.push((rec.file.clone(), b));
        }
    }
    // The state before, backed up without pruning: the backup being restored, however old, stays where it is.
    let before =
        match build(books, today).and_then(|(bytes, _)| store(books, today, &bytes, Prune::No)) {
            Ok(b) => b,
            // A damaged database cannot be copied through SQLite: its file is kept as it is, beside the backups.
            Err(e) if e.code == ErrorCode::DatabaseDamaged || e.code == ErrorCode::Io => {
                raw_copy(books, today)?
            }
            Err(e) => return Err(e),
        };
    let letters_dir = books.read(|l| l.letters_dir())?;
    let mut pending = Vec::new();
    if !pdfs.is_empty() {
        std::fs::create_dir_all(&letters_dir).map_err(|e| files::write_error(&letters_dir, &e))?;
        for (name, b) in &pdfs {
            pending.push(files::PendingFile::write(&letters_dir.join(name), b)?);
        }
    }
    books.write(|l| l.restore_from(&copy))?;
    let mut letter_files = 0usize;
    for p in pending {
        let _ = p.persist_new()?;
        letter_files = letter_files.saturating_add(1);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(RestoreOutcome {
        restored: BackupInfo {
            path: path.display().to_string(),
            name,
            date: manifest.date,
            second_copy: false,
            bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        },
        before,
        letter_files,
    })
}

/// The database file copied as it is (when SQLite can no longer read it whole), `tact-AAAA-MM-JJ-endommagee.sqlite3`.
fn raw_copy(books: &Books, today: NaiveDate) -> Result<BackupInfo> {
    let db = books
        .path()
        .ok_or_else(|| Error::new(ErrorCode::Io, "Aucun fichier de base à copier."))?;
    let dir = folder(books)?;
    std::fs::create_dir_all(&dir).map_err(|e| files::write_error(&dir, &e))?;
    let name = format!("tact-{}-endommagee.sqlite3", today.format("%Y-%m-%d"));
    let dest = dir.join(&name);
    let bytes = std::fs::read(db).map_err(|e| files::write_error(db, &e))?;
    files::write_atomic(&dest, &bytes)?;
    Ok(BackupInfo {
        path: dest.display().to_string(),
        name,
        date: today,
        second_copy: false,
        bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn names_are_ours_or_ignored() {
        assert_eq!(date_of("tact-2026-12-02.zip"), Some((d("2026-12-02"), 1)));
        assert_eq!(date_of("tact-2026-12-02-3.zip"), Some((d("2026-12-02"), 3)));
        for other in [
            "tact-2026-12-02-03.zip",
            "tact-2026-13-02.zip",
            "photos.zip",
            "tact-2026-12-02.zip.tmp",
            "tact-2026-12-02-x.zip",
        ] {
            assert_eq!(date_of(other), None, "{other}");
        }
    }

    #[test]
    fn retention_keeps_seven_days_and_eight_weeks() {
        // A backup every day for 120 days, two on the last day.
        let last = d("2026-12-02");
        let mut all: Vec<(NaiveDate, u32)> = (0..120u64)
            .filter_map(|i| last.checked_sub_days(chrono::Days::new(i)))
            .map(|day| (day, 1))
            .collect();
        all.push((last, 2));
        let keep = kept(all);
        let days: std::collections::BTreeSet<NaiveDate> = keep.iter().map(|k| k.0).collect();
        // The 7 latest days, both of the last day's backups.
        for i in 0..7u64 {
            let day = last.checked_sub_days(chrono::Days::new(i)).unwrap_or(last);
            assert!(days.contains(&day), "{day}");
        }
        assert!(keep.contains(&(last, 2)) && keep.contains(&(last, 1)));
        // One per week for 8 weeks, nothing older.
        let weeks: std::collections::BTreeSet<(i32, u32)> = keep
            .iter()
            .map(|k| (k.0.iso_week().year(), k.0.iso_week().week()))
            .collect();
        assert_eq!(weeks.len(), 8, "{keep:?}");
        let oldest = keep.iter().map(|k| k.0).min().unwrap_or(last);
        assert!(
            last.signed_duration_since(oldest).num_days() < 8 * 7,
            "{oldest}"
        );
        // 7 days (8 files) plus the 7 older weeks' latest, beyond the current week.
        assert!(keep.len() <= 8 + 8, "{}", keep.len());
    }
}
