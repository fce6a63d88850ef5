//! The journal (append-only: triggers refuse any change).

use super::rows::*;
use crate::error::Result;
use crate::model::{CallOutcome, ClientId, ContactChannel, JournalEntry, JournalId, JournalKind};
use crate::money::Money;
use rusqlite::Transaction;
use rusqlite::{params, Connection, OptionalExtension, Row};

const JOURNAL_COLS: &str =
    "id, client_id, invoice_id, date, kind, channel, call_outcome, promise_date, \
    promise_amount_cents, text, payment_id, corrects_id";

fn journal_row(r: &Row<'_>) -> rusqlite::Result<JournalEntry> {
    Ok(JournalEntry {
        id: r.get(0)?,
        client_id: r.get(1)?,
        invoice_id: r.get(2)?,
        date: r.get(3)?,
        kind: code(r, 4, "un type d'entrée", JournalKind::from_code)?,
        channel: opt_code(r, 5, "un canal", ContactChannel::from_code)?,
        call_outcome: opt_code(r, 6, "un résultat d'appel", CallOutcome::from_code)?,
        promise_date: r.get(7)?,
        promise_amount: opt_money(r, 8)?,
        text: r.get(9)?,
        payment_id: r.get(10)?,
        corrects: r.get(11)?,
    })
}

pub(crate) fn journal_insert(
    conn: &Transaction<'_>,
    j: &JournalEntry,
    id: Option<JournalId>,
) -> Result<JournalId> {
    let sql = format!("INSERT INTO journal ({JOURNAL_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    conn.execute(
        &sql,
        params![
            id,
            j.client_id,
            j.invoice_id,
            j.date,
            j.kind.code(),
            j.channel.map(ContactChannel::code),
            j.call_outcome.map(CallOutcome::code),
            j.promise_date,
            j.promise_amount.map(Money::cents),
            j.text,
            j.payment_id,
            j.corrects,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn journal_get(conn: &Connection, id: JournalId) -> Result<Option<JournalEntry>> {
    let sql = format!("SELECT {JOURNAL_COLS} FROM journal WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], journal_row).optional()?)
}

/// The entry that corrects `id`, if any.
pub(crate) fn journal_corrected_by(conn: &Connection, id: JournalId) -> Result<Option<JournalId>> {
    Ok(conn
        .query_row("SELECT id FROM journal WHERE corrects_id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The « Règlement reçu » entry written with a payment.
pub(crate) fn journal_recording(conn: &Connection, payment_id: i64) -> Result<Option<JournalId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM journal WHERE payment_id = ?1 AND kind = 'payment_recorded' ORDER BY id LIMIT 1",
            [payment_id],
            |r| r.get(0),
        )
        .optional()?)
}

pub(crate) fn journal_of_client(
    conn: &Connection,
    client_id: ClientId,
) -> Result<Vec<JournalEntry>> {
    let sql = format!("SELECT {JOURNAL_COLS} FROM journal WHERE client_id = ?1 ORDER BY date, id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([client_id], journal_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(crate) fn journal_all(conn: &Connection) -> Result<Vec<JournalEntry>> {
    let sql = format!("SELECT {JOURNAL_COLS} FROM journal ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], journal_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The promises to pay an amount, still in force (not corrected), whose date is on or after `since`.
pub(crate) fn promises_since(
    conn: &Connection,
    since: chrono::NaiveDate,
) -> Result<Vec<JournalEntry>> {
    let sql = format!(
        "SELECT {JOURNAL_COLS} FROM journal j
          WHERE kind = 'promise' AND promise_amount_cents IS NOT NULL AND promise_date >= ?1
            AND NOT EXISTS (SELECT 1 FROM journal c WHERE c.corrects_id = j.id)
          ORDER BY date, id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([since], journal_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
