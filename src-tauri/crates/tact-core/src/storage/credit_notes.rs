//! Credit notes.

use super::rows::*;
use crate::error::Result;
use crate::model::{ClientId, CreditNote, CreditNoteId};
use rusqlite::Transaction;
use rusqlite::{params, Connection, OptionalExtension, Row};

fn credit_note_row(r: &Row<'_>) -> rusqlite::Result<CreditNote> {
    Ok(CreditNote {
        id: r.get(0)?,
        number: r.get(1)?,
        invoice_id: r.get(2)?,
        date: r.get(3)?,
        amount: money(r, 4)?,
        reason: r.get(5)?,
    })
}

pub(crate) fn credit_note_insert(
    conn: &Transaction<'_>,
    c: &CreditNote,
    id: Option<CreditNoteId>,
) -> Result<CreditNoteId> {
    conn.execute(
        "INSERT INTO credit_notes (id, number, invoice_id, date, amount_cents, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, c.number, c.invoice_id, c.date, c.amount.cents(), c.reason],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn credit_note_get(conn: &Connection, id: CreditNoteId) -> Result<Option<CreditNote>> {
    Ok(conn
        .query_row(
            "SELECT id, number, invoice_id, date, amount_cents, reason FROM credit_notes WHERE id = ?1",
            [id],
            credit_note_row,
        )
        .optional()?)
}

pub(crate) fn credit_note_number_taken(conn: &Connection, number: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM credit_notes WHERE number = ?1)",
        [number],
        |r| r.get(0),
    )?)
}

pub(crate) fn credit_notes_all(conn: &Connection) -> Result<Vec<CreditNote>> {
    let mut stmt =
        conn.prepare("SELECT id, number, invoice_id, date, amount_cents, reason FROM credit_notes ORDER BY date, id")?;
    let rows = stmt
        .query_map([], credit_note_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(crate) fn credit_notes_of_client(
    conn: &Connection,
    client_id: ClientId,
) -> Result<Vec<CreditNote>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.number, c.invoice_id, c.date, c.amount_cents, c.reason FROM credit_notes c
         JOIN invoices i ON i.id = c.invoice_id WHERE i.client_id = ?1 ORDER BY c.date, c.id",
    )?;
    let rows = stmt
        .query_map([client_id], credit_note_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
