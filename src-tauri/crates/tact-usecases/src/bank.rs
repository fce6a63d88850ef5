//! Payments that come in by themselves: a bank statement read (books free), its credits stored once each in one
//! transaction, then reviewed: each with the invoices it most likely pays and why (`tact_core::reconcile`), and
//! the user's decision — accept (a payment, its allocations and its journal entry, in one transaction), ignore,
//! or a rule « ce libellé = ce client ».

use crate::books::Books;
use chrono::NaiveDate;
use serde::Serialize;
use std::path::Path;
use tact_core::ledger::bank::{BankImportReport, BankReviewLine, CreditInput};
use tact_core::{Error, ErrorCode, Result};
use tact_import::bank::{Statement, StatementFormat};
pub use tact_import::bank::{StatementField, StatementMapping};

/// What an import of a statement did (or, with `dry_run`, would do), and the credits left to review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatementImport {
    pub file: String,
    pub format: StatementFormat,
    /// The named bank whose CSV layout was recognised.
    pub bank: Option<String>,
    pub account: String,
    pub credits: usize,
    /// Debits on the statement: counted, otherwise ignored.
    pub debits: usize,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub stored: BankImportReport,
    pub dry_run: bool,
    /// Credits accepted on import because the user turned on automatic acceptance (Réglages) and their match was
    /// sure.
    pub auto_accepted: usize,
    /// The open credits after the import, with their proposals.
    pub review: Vec<BankReviewLine>,
}

/// The statement CSVs' column mappings saved by earlier imports (an unreadable setting counts as none).
pub fn csv_presets(books: &Books) -> Result<Vec<StatementMapping>> {
    Ok(books
        .read(|l| l.bank_csv_presets())?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The columns of a statement CSV Tact could not read, for the mapping screen.
pub fn columns(path: &Path) -> Result<Vec<String>> {
    let (_, bytes) = bytes_of(path)?;
    Ok(tact_import::bank::statement_headers(&bytes))
}

fn bytes_of(path: &Path) -> Result<(String, Vec<u8>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let len = std::fs::metadata(path)
        .map_err(|e| Error::new(ErrorCode::Io, format!("{name}\u{a0}: illisible ({e}).")))?
        .len();
    tact_import::check_size(&name, len)?;
    let bytes = std::fs::read(path)
        .map_err(|e| Error::new(ErrorCode::Io, format!("{name}\u{a0}: illisible ({e}).")))?;
    Ok((name, bytes))
}

/// Reads a statement file (size checked first), without the books; a CSV with the first of `mappings` that
/// fits its columns, else a named bank's layout, else its headers' names.
pub fn read(path: &Path, mappings: &[StatementMapping]) -> Result<(String, Statement)> {
    let (name, bytes) = bytes_of(path)?;
    let s = tact_import::bank::read_statement_with(&name, &bytes, mappings)?;
    Ok((name, s))
}

/// Imports a statement: its credits stored once each (an overlapping statement creates nothing twice), then the
/// review of every open credit. `dry_run`: nothing kept.
pub fn import(
    books: &Books,
    path: &Path,
    today: NaiveDate,
    dry_run: bool,
) -> Result<StatementImport> {
    import_mapped(books, path, today, dry_run, None)
}

/// [`import`], a CSV read with `mapping` (the user's answer on the mapping screen) before the saved ones; once the
/// import is written, the mapping is saved for the next statements with the same columns.
pub fn import_mapped(
    books: &Books,
    path: &Path,
    today: NaiveDate,
    dry_run: bool,
    mapping: Option<StatementMapping>,
) -> Result<StatementImport> {
    let saved = csv_presets(books)?;
    let mut mappings: Vec<StatementMapping> = mapping.iter().cloned().collect();
    mappings.extend(saved.iter().cloned());
    let (file, s) = read(path, &mappings)?;
    let credits: Vec<CreditInput> = s
        .credits
        .iter()
        .map(|c| CreditInput {
            account: if c.account.is_empty() {
                s.account.clone()
            } else {
                c.account.clone()
            },
            date: c.date,
            amount: c.amount,
            label: c.label.clone(),
            payer: c.payer.clone(),
            payer_iban: c.payer_iban.clone(),
            reference: c.reference.clone(),
            bank_id: c.bank_id.clone(),
            method: c.method.clone(),
        })
        .collect();
    let (stored, auto_accepted) = books.write(|l| {
        if dry_run {
            return Ok((l.try_import_bank_credits(&credits, today)?, 0));
        }
        let stored = l.import_bank_credits(&credits, today)?;
        let auto = if l.policy()?.auto_accept_bank {
            l.accept_sure_bank_lines(today)?.len()
        } else {
            0
        };
        Ok((stored, auto))
    })?;
    if let (Some(m), false) = (mapping, dry_run) {
        let mut presets = saved;
        presets.retain(|p| p != &m);
        presets.insert(0, m);
        presets.truncate(20);
        let json = serde_json::to_string(&presets)
            .map_err(|e| Error::new(ErrorCode::Io, format!("Préréglage de relevé\u{a0}: {e}.")))?;
        books.write(|l| l.set_bank_csv_presets(&json))?;
    }
    let review = books.read(|l| l.bank_review(today))?;
    Ok(StatementImport {
        file,
        format: s.format,
        bank: s.bank,
        account: s.account,
        credits: s.credits.len(),
        debits: s.debits,
        stored,
        dry_run,
        auto_accepted,
        review,
    })
}
