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

/// What an import of a statement did (or, with `dry_run`, would do), and the credits left to review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatementImport {
    pub file: String,
    pub format: StatementFormat,
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

/// Reads a statement file (size checked first), without the books.
pub fn read(path: &Path) -> Result<(String, Statement)> {
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
    let s = tact_import::bank::read_statement(&name, &bytes)?;
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
    let (file, s) = read(path)?;
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
    let review = books.read(|l| l.bank_review(today))?;
    Ok(StatementImport {
        file,
        format: s.format,
        account: s.account,
        credits: s.credits.len(),
        debits: s.debits,
        stored,
        dry_run,
        auto_accepted,
        review,
    })
}
