//! Letter → render → archive. The document is built from the books (under the lock), laid out and rendered to
//! PDF outside it, then archived (copy + SHA-256 + journal entry, one transaction) under the lock again.

use crate::books::Books;
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tact_core::legal::ClientPenalties;
use tact_core::letters::{Letter, LetterKind, LetterOptions, LetterRecord};
use tact_core::model::ClientId;
use tact_core::{Error, ErrorCode, Result};

/// A letter as it will print: the document (its texts and amounts), its pages rendered as SVG for the preview,
/// and the penalties behind its amounts (with their warnings).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterPreview {
    pub letter: Letter,
    /// One SVG document per page, drawn from the same layout as the PDF.
    pub pages: Vec<String>,
    pub penalties: ClientPenalties,
}

/// The letter for a client as of `today` and the penalties behind it, read together.
fn gather(
    books: &Books,
    client_id: ClientId,
    kind: LetterKind,
    opts: &LetterOptions,
    today: NaiveDate,
) -> Result<(Letter, ClientPenalties)> {
    books.read(|l| {
        Ok((
            l.letter(client_id, kind, opts, today)?,
            l.penalties(client_id, today)?,
        ))
    })
}

/// The preview: the letter and its pages as SVG (nothing written).
pub fn preview(
    books: &Books,
    client_id: ClientId,
    kind: LetterKind,
    opts: &LetterOptions,
    today: NaiveDate,
) -> Result<LetterPreview> {
    let (letter, penalties) = gather(books, client_id, kind, opts, today)?;
    Ok(LetterPreview {
        pages: tact_letters::svg_pages(&letter)?,
        penalties,
        letter,
    })
}

/// The final version: rendered, archived (copy + SHA-256) and logged in the client's history. The same letter
/// twice is archived once.
pub fn finalize(
    books: &Books,
    client_id: ClientId,
    kind: LetterKind,
    opts: &LetterOptions,
    today: NaiveDate,
) -> Result<LetterRecord> {
    let letter = books.read(|l| l.letter(client_id, kind, opts, today))?;
    let pdf = tact_letters::render(&letter)?;
    books.write(|l| l.archive_letter(&letter, &pdf))
}

/// A letter written to a PDF file (`tact letter …`): what was written, and its archive record when final.
#[derive(Debug, Clone)]
pub struct PrintedLetter {
    pub letter: Letter,
    pub penalties: ClientPenalties,
    pub pages: usize,
    pub bytes: usize,
    pub archived: Option<LetterRecord>,
}

/// Render the letter into `out`; with `final_version`, also archive it and log it in the history.
pub fn print(
    books: &Books,
    client_id: ClientId,
    kind: LetterKind,
    opts: &LetterOptions,
    today: NaiveDate,
    out: &Path,
    final_version: bool,
) -> Result<PrintedLetter> {
    let letter = books.read(|l| l.letter(client_id, kind, opts, today))?;
    let pdf = tact_letters::render(&letter)?;
    let pages = tact_letters::page_count(&letter)?;
    std::fs::write(out, &pdf).map_err(|e| write_error(out, &e))?;
    let archived = if final_version {
        Some(books.write(|l| l.archive_letter(&letter, &pdf))?)
    } else {
        None
    };
    // Read after archiving, as the CLI always reported it: a final mise en demeure starts consumer interest.
    let penalties = books.read(|l| l.penalties(client_id, today))?;
    Ok(PrintedLetter {
        letter,
        penalties,
        pages,
        bytes: pdf.len(),
        archived,
    })
}

/// The archived copy of a letter (checked against its SHA-256) and the file name to offer when saving it:
/// « Mise en demeure de payer – Boulangerie Petitjean – 2026-11-23.pdf ».
pub fn archived(books: &Books, letter_id: i64) -> Result<(PathBuf, String)> {
    books.read(|l| {
        let path = l.letter_file(letter_id)?;
        let rec = l.letter_record(letter_id)?;
        let client = l.client(rec.client_id)?.name;
        // « Mise en demeure de payer – Boulangerie Petitjean – 2026-12-01.pdf »: the client says whose it is.
        let name = format!(
            "{} – {client} – {}",
            rec.kind.label_fr(),
            rec.date.format("%Y-%m-%d")
        );
        Ok((path, crate::mail::file_name(&name) + ".pdf"))
    })
}

/// « Enregistrer le PDF »: a copy of the archived letter at `dest`.
pub fn save_copy(books: &Books, letter_id: i64, dest: &Path) -> Result<()> {
    let (source, _) = archived(books, letter_id)?;
    std::fs::copy(&source, dest)
        .map(|_| ())
        .map_err(|e| save_error(dest, &e))
}

fn write_error(path: &Path, e: &std::io::Error) -> Error {
    Error::new(
        ErrorCode::Io,
        format!("Écriture de {}\u{a0}: {e}.", path.display()),
    )
}

pub(crate) fn save_error(path: &Path, e: &std::io::Error) -> Error {
    Error::new(
        ErrorCode::Io,
        format!("Impossible d'enregistrer {}\u{a0}: {e}.", path.display()),
    )
}
