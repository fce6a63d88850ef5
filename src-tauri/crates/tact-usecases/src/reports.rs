//! « Tableau de bord » out of the app: the dashboard read from the books, and each report written whole (a
//! temporary file beside the destination, flushed, then put in place) as CSV for a French Excel or as a one-page
//! PDF for the accountant or the bank.

use crate::books::Books;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tact_core::dashboard::{self, Dashboard, ReportKind};
use tact_core::files::PendingFile;
use tact_core::{Error, ErrorCode, Result};

/// The file a report is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// For a French Excel.
    Csv,
    /// One page, for the accountant or the bank.
    Pdf,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Csv => "csv",
            ReportFormat::Pdf => "pdf",
        }
    }
}

/// A report written to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedReport {
    pub kind: ReportKind,
    pub format: ReportFormat,
    pub path: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    #[serde(serialize_with = "crate::backup::as_string")]
    pub bytes: u64,
    /// The PDF's pages (one); `None` for a CSV.
    pub pages: Option<u32>,
}

/// The dashboard as of `today`.
pub fn dashboard(books: &Books, today: NaiveDate) -> Result<Dashboard> {
    books.read(|l| l.dashboard(today))
}

/// The name offered when saving: « Balance âgée – 2026-11-23.csv ».
pub fn file_name(kind: ReportKind, format: ReportFormat, today: NaiveDate) -> String {
    format!(
        "{} – {}.{}",
        kind.label_fr(),
        today.format("%Y-%m-%d"),
        format.extension()
    )
}

/// The report's bytes: the dashboard and the business are read under the lock, the PDF laid out outside it.
pub fn render(
    books: &Books,
    kind: ReportKind,
    format: ReportFormat,
    today: NaiveDate,
) -> Result<(Vec<u8>, Option<u32>)> {
    let (board, business) = books.read(|l| Ok((l.dashboard(today)?, l.business()?)))?;
    match format {
        ReportFormat::Csv => Ok((dashboard::csv(kind, &board).into_bytes(), None)),
        ReportFormat::Pdf => {
            let business = business.ok_or_else(|| {
                Error::new(
                    ErrorCode::Required,
                    "Renseignez d'abord votre entreprise (Réglages)\u{a0}: elle figure en tête du rapport.",
                )
            })?;
            let letter = dashboard::report(kind, &board, &business)?;
            let pages = u32::try_from(tact_letters::page_count(&letter)?).unwrap_or(u32::MAX);
            Ok((tact_letters::render(&letter)?, Some(pages)))
        }
    }
}

/// Write the report to `dest`, whole or not at all.
pub fn save(
    books: &Books,
    kind: ReportKind,
    format: ReportFormat,
    today: NaiveDate,
    dest: &Path,
) -> Result<SavedReport> {
    let (bytes, pages) = render(books, kind, format, today)?;
    PendingFile::write(dest, &bytes)?.persist()?;
    Ok(SavedReport {
        kind,
        format,
        path: dest.display().to_string(),
        bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        pages,
    })
}
