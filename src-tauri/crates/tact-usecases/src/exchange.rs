//! The whole ledger to and from a file (docs/data-format.md): the JSON document alone, or the archive that holds
//! it with every archived letter's PDF (`.zip`: `tact-ledger.json` and `letters/…`).
//!
//! An import reads and checks everything first — the document, and each letter's PDF against the SHA-256 of its
//! record — writes the PDFs under temporary names, then imports the records in one transaction, and puts the PDFs
//! in place only once it has committed. Nothing is half-written.

use crate::books::Books;
use crate::zipfile;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tact_core::exchange::{ImportReport, LedgerExport};
use tact_core::files::{self, PendingFile};
use tact_core::ledger::sha256_hex;
use tact_core::{Error, ErrorCode, Result};

/// The document's name inside an archive.
pub const ARCHIVE_DOCUMENT: &str = "tact-ledger.json";
/// The folder of the letters' PDFs inside an archive.
pub const ARCHIVE_LETTERS: &str = "letters/";
/// The folder of the imported invoices' source files inside an archive, each named by its SHA-256.
pub const ARCHIVE_SOURCES: &str = "sources/";

/// What an import wrote: the records, and the letters' PDFs put in the letters folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestoreReport {
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub records: ImportReport,
    /// PDFs written to the letters folder.
    pub letter_files: usize,
    /// Letters whose PDF was not beside the document (a JSON file alone): the records are kept, the copies are
    /// missing.
    pub letter_files_missing: Vec<String>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportReport {
    pub path: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    #[serde(serialize_with = "crate::backup::as_string")]
    pub bytes: u64,
    pub letter_files: usize,
    /// Letters whose archived copy is missing or was modified: not in the archive, named here.
    pub letter_files_missing: Vec<String>,
}

/// The whole ledger, every record with its id.
pub fn export(books: &Books) -> Result<LedgerExport> {
    books.read(|l| l.export())
}

/// The whole ledger and its letters as one archive's bytes, always the same bytes for the same books (entries in
/// a fixed order, no timestamps), with the letters whose copy could not be read.
pub fn archive(books: &Books) -> Result<(Vec<u8>, usize, Vec<String>)> {
    let (data, dir, sources) = books.read(|l| {
        let data = l.export()?;
        let mut sources = Vec::with_capacity(data.sources.len());
        for s in &data.sources {
            if let Some(bytes) = l.source_content(&s.file.sha256)? {
                sources.push((s.file.sha256.clone(), bytes));
            }
        }
        Ok((data, l.letters_dir().ok(), sources))
    })?;
    let (pdfs, missing) = letter_copies(dir.as_deref(), &data.letters);
    let count = pdfs.len();
    Ok((archive_bytes(&data, &pdfs, &sources)?, count, missing))
}

/// The archived copies of `letters` found in `dir` that still match their SHA-256, by file name, and the names of
/// the others (missing, or modified since they were printed).
pub(crate) fn letter_copies(
    dir: Option<&Path>,
    letters: &[tact_core::letters::LetterRecord],
) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for rec in letters {
        match dir
            .and_then(|d| std::fs::read(d.join(&rec.file)).ok())
            .filter(|b| sha256_hex(b) == rec.sha256)
        {
            Some(b) => found.push((rec.file.clone(), b)),
            None => missing.push(rec.file.clone()),
        }
    }
    (found, missing)
}

fn archive_bytes(
    data: &LedgerExport,
    pdfs: &[(String, Vec<u8>)],
    sources: &[(String, Vec<u8>)],
) -> Result<Vec<u8>> {
    let mut zip = zipfile::Writer::new("l'archive");
    zip.deflated(ARCHIVE_DOCUMENT, to_json(data)?.as_bytes())?;
    for (name, bytes) in pdfs {
        zip.stored(&format!("{ARCHIVE_LETTERS}{name}"), bytes)?;
    }
    for (sha, bytes) in sources {
        zip.deflated(&format!("{ARCHIVE_SOURCES}{sha}"), bytes)?;
    }
    zip.finish()
}

/// The document as `tact export --json` prints it (pretty, ending with a newline).
pub fn to_json(data: &LedgerExport) -> Result<String> {
    serde_json::to_string_pretty(data)
        .map(|s| s + "\n")
        .map_err(|e| Error::new(ErrorCode::Io, format!("Export\u{a0}: {e}.")))
}

/// « Exporter tout »: the archive (`.zip`) or the document alone (`.json`), written whole at `dest`.
pub fn export_to(books: &Books, dest: &Path) -> Result<ExportReport> {
    let is_json = dest
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let (bytes, letter_files, missing) = if is_json {
        let data = export(books)?;
        let names = data.letters.iter().map(|l| l.file.clone()).collect();
        (to_json(&data)?.into_bytes(), 0, names)
    } else {
        archive(books)?
    };
    files::write_atomic(dest, &bytes)?;
    Ok(ExportReport {
        path: dest.display().to_string(),
        bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        letter_files,
        letter_files_missing: missing,
    })
}

/// A file to import, read and checked, nothing written yet.
struct Incoming {
    data: LedgerExport,
    /// The letters' PDFs found, by file name, each matching its record's SHA-256.
    pdfs: BTreeMap<String, Vec<u8>>,
    /// The source files' bytes found, by SHA-256 (checked again by the ledger's import).
    sources: BTreeMap<String, Vec<u8>>,
    missing: Vec<String>,
}

/// Is this an archive (zip) rather than a JSON document?
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn read_incoming(path: &Path) -> Result<Incoming> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::new(
            ErrorCode::Io,
            format!("Lecture de {}\u{a0}: {e}.", path.display()),
        )
    })?;
    if is_zip(&bytes) {
        return read_archive(bytes);
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::new(
            ErrorCode::ImportFormat,
            format!(
                "{} n'est ni une archive Tact (.zip) ni un document JSON en UTF-8.",
                path.display()
            ),
        )
    })?;
    let data = tact_core::exchange::parse(&text)?;
    // A document alone: its letters' PDFs, if they are in a `letters` folder beside it.
    let beside = path.parent().map(|d| d.join("letters"));
    let (pdfs, missing) = letter_copies(beside.as_deref(), &data.letters);
    Ok(Incoming {
        data,
        pdfs: pdfs.into_iter().collect(),
        sources: BTreeMap::new(),
        missing,
    })
}

fn read_archive(bytes: Vec<u8>) -> Result<Incoming> {
    let bad = |what: String| {
        Error::new(
            ErrorCode::ImportFormat,
            format!("Archive illisible\u{a0}: {what}."),
        )
    };
    let mut zip = zipfile::Reader::new(bytes, bad)?;
    let json = zip
        .entry(ARCHIVE_DOCUMENT)?
        .ok_or_else(|| bad(format!("elle ne contient pas {ARCHIVE_DOCUMENT}")))?;
    let text = String::from_utf8(json)
        .map_err(|_| bad(format!("{ARCHIVE_DOCUMENT} n'est pas en UTF-8")))?;
    let data = tact_core::exchange::parse(&text)?;
    let mut pdfs = BTreeMap::new();
    for rec in &data.letters {
        if !tact_core::exchange::is_archive_file_name(&rec.file) {
            continue; // refused with its field path by the import itself
        }
        let name = format!("{ARCHIVE_LETTERS}{}", rec.file);
        let b = zip
            .entry(&name)?
            .ok_or_else(|| bad(format!("la copie de la lettre {} manque", rec.file)))?;
        if sha256_hex(&b) != rec.sha256 {
            return Err(bad(format!(
                "la copie de la lettre {} ne correspond pas à son empreinte (fichier modifié ou abîmé)",
                rec.file
            )));
        }
        pdfs.insert(rec.file.clone(), b);
    }
    let mut sources = BTreeMap::new();
    for rec in &data.sources {
        let sha = &rec.file.sha256;
        if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad(format!(
                "l'empreinte du fichier source {} est invalide",
                rec.file.file_name
            )));
        }
        let b = zip
            .entry(&format!("{ARCHIVE_SOURCES}{sha}"))?
            .ok_or_else(|| bad(format!("le fichier source {} manque", rec.file.file_name)))?;
        if &sha256_hex(&b) != sha {
            return Err(bad(format!(
                "le fichier source {} ne correspond pas à son empreinte (fichier modifié ou abîmé)",
                rec.file.file_name
            )));
        }
        sources.insert(sha.clone(), b);
    }
    Ok(Incoming {
        data,
        pdfs,
        sources,
        missing: Vec::new(),
    })
}

/// Import a whole-ledger file — an archive (`.zip`) or a JSON document — into empty books, all or nothing. The
/// file is read and checked before the books are touched.
pub fn import_file(books: &Books, path: &Path) -> Result<RestoreReport> {
    let incoming = read_incoming(path)?;
    let dir: Option<PathBuf> = if incoming.pdfs.is_empty() {
        None
    } else {
        Some(books.read(|l| l.letters_dir())?)
    };
    let mut pending = Vec::new();
    if let Some(dir) = &dir {
        std::fs::create_dir_all(dir).map_err(|e| files::write_error(dir, &e))?;
        for (name, bytes) in &incoming.pdfs {
            pending.push(PendingFile::write(&dir.join(name), bytes)?);
        }
    }
    // If the import fails, the pending PDFs are dropped: only their temporary files are removed.
    let records = books.write(|l| l.import_with_sources(&incoming.data, &incoming.sources))?;
    let mut letter_files = 0usize;
    for p in pending {
        // A copy already there under its name (the name carries the SHA-256) is the same letter: left as it is.
        p.persist_new()?;
        letter_files = letter_files.saturating_add(1);
    }
    Ok(RestoreReport {
        records,
        letter_files,
        letter_files_missing: incoming.missing,
    })
}
