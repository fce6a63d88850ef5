//! Archived letters and their posting details.

use super::rows::*;
use crate::error::Result;
use crate::letters::{LetterKind, LetterRecord};
use crate::model::ClientId;
use crate::money::Money;
use rusqlite::Transaction;
use rusqlite::{params, Connection, OptionalExtension, Row};

const LETTER_COLS: &str = "id, client_id, kind, date, file, sha256, size, total_cents, journal_id, registered_number, posted_on, received_on, plan_id";

fn letter_row(r: &Row<'_>) -> rusqlite::Result<LetterRecord> {
    Ok(LetterRecord {
        id: r.get(0)?,
        client_id: r.get(1)?,
        kind: code(r, 2, "kind", LetterKind::from_code)?,
        date: r.get(3)?,
        file: r.get(4)?,
        sha256: r.get(5)?,
        size: r.get(6)?,
        total: Money::from_cents(r.get(7)?),
        journal_id: r.get(8)?,
        registered_number: r.get(9)?,
        posted_on: r.get(10)?,
        received_on: r.get(11)?,
        plan_id: r.get(12)?,
        invoice_ids: Vec::new(),
    })
}

/// Insert an archive record; `id` keeps an imported letter's id.
pub(crate) fn letter_insert(
    conn: &Transaction<'_>,
    l: &LetterRecord,
    id: Option<i64>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO letters (id, client_id, kind, date, file, sha256, size, total_cents, journal_id, registered_number, posted_on, received_on, plan_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            id,
            l.client_id,
            l.kind.code(),
            l.date,
            l.file,
            l.sha256,
            l.size,
            l.total.cents(),
            l.journal_id,
            l.registered_number,
            l.posted_on,
            l.received_on,
            l.plan_id
        ],
    )?;
    let id = conn.last_insert_rowid();
    for invoice in &l.invoice_ids {
        conn.execute(
            "INSERT OR IGNORE INTO letter_invoices (letter_id, invoice_id) VALUES (?1, ?2)",
            params![id, invoice],
        )?;
    }
    Ok(id)
}

/// Each letter's invoices, read after its row.
fn with_invoices(conn: &Connection, mut letters: Vec<LetterRecord>) -> Result<Vec<LetterRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT invoice_id FROM letter_invoices WHERE letter_id = ?1 ORDER BY invoice_id",
    )?;
    for l in &mut letters {
        l.invoice_ids = stmt
            .query_map([l.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(letters)
}

/// Every archived letter, by id (the export).
pub(crate) fn letters_all(conn: &Connection) -> Result<Vec<LetterRecord>> {
    let sql = format!("SELECT {LETTER_COLS} FROM letters ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], letter_row)?;
    with_invoices(conn, rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn letter_get(conn: &Connection, id: i64) -> Result<Option<LetterRecord>> {
    let sql = format!("SELECT {LETTER_COLS} FROM letters WHERE id = ?1");
    let found = conn.query_row(&sql, [id], letter_row).optional()?;
    Ok(with_invoices(conn, found.into_iter().collect())?.pop())
}

/// A client's letters, newest first.
pub(crate) fn letters_of_client(
    conn: &Connection,
    client_id: ClientId,
) -> Result<Vec<LetterRecord>> {
    let sql = format!(
        "SELECT {LETTER_COLS} FROM letters WHERE client_id = ?1 ORDER BY date DESC, id DESC"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([client_id], letter_row)?;
    with_invoices(conn, rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn letter_set_mailing(conn: &Transaction<'_>, l: &LetterRecord) -> Result<()> {
    conn.execute(
        "UPDATE letters SET registered_number = ?2, posted_on = ?3, received_on = ?4 WHERE id = ?1",
        params![l.id, l.registered_number, l.posted_on, l.received_on],
    )?;
    Ok(())
}

/// Per client, the latest AR date of its mises en demeure (the clients that have one).
pub(crate) fn formal_notices_received(
    conn: &Connection,
) -> Result<std::collections::HashMap<ClientId, chrono::NaiveDate>> {
    let mut stmt = conn.prepare(
        "SELECT client_id, max(received_on) FROM letters
         WHERE kind IN ('mise-en-demeure', 'decheance') AND received_on IS NOT NULL GROUP BY client_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
