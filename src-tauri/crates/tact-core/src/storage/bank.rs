//! Bank statements' credits and the rules « ce libellé = ce client ».

use super::rows::money;
use crate::error::Result;
use crate::model::{BankLine, ClientId, PaymentId};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

const COLUMNS: &str =
    "id, identity, account, date, amount_cents, label, payer, payer_iban, reference, bank_id, method, \
                       imported_on, state, payment_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<BankLine> {
    Ok(BankLine {
        id: r.get(0)?,
        identity: r.get(1)?,
        account: r.get(2)?,
        date: r.get(3)?,
        amount: money(r, 4)?,
        label: r.get(5)?,
        payer: r.get(6)?,
        payer_iban: r.get(7)?,
        reference: r.get(8)?,
        bank_id: r.get(9)?,
        method: r.get(10)?,
        imported_on: r.get(11)?,
        state: r.get(12)?,
        payment_id: r.get(13)?,
    })
}

/// Inserts a credit unless one with its identity is already there; `true` when inserted.
pub(crate) fn bank_line_insert(tx: &Transaction<'_>, l: &BankLine) -> Result<bool> {
    let n = tx.execute(
        "INSERT OR IGNORE INTO bank_lines (identity, account, date, amount_cents, label, payer, payer_iban, reference,
                                           bank_id, method, imported_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            l.identity,
            l.account,
            l.date,
            l.amount.cents(),
            l.label,
            l.payer,
            l.payer_iban,
            l.reference,
            l.bank_id,
            l.method,
            l.imported_on
        ],
    )?;
    Ok(n == 1)
}

pub(crate) fn bank_lines(conn: &Connection, state: Option<&str>) -> Result<Vec<BankLine>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM bank_lines WHERE ?1 IS NULL OR state = ?1 ORDER BY date, id"
    ))?;
    let rows = stmt.query_map([state], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn bank_line_get(conn: &Connection, id: i64) -> Result<Option<BankLine>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM bank_lines WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?)
}

/// Sets a credit's state (`accepted` with its payment, or `ignored`).
pub(crate) fn bank_line_settle(
    tx: &Transaction<'_>,
    id: i64,
    state: &str,
    payment_id: Option<PaymentId>,
) -> Result<()> {
    tx.execute(
        "UPDATE bank_lines SET state = ?2, payment_id = ?3 WHERE id = ?1",
        params![id, state, payment_id],
    )?;
    Ok(())
}

/// The IBANs seen on accepted credits, with the client whose payment each became.
pub(crate) fn known_ibans(conn: &Connection) -> Result<Vec<(String, ClientId)>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT b.payer_iban, p.client_id FROM bank_lines b JOIN payments p ON p.id = b.payment_id
          WHERE b.payer_iban IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn bank_rules(conn: &Connection) -> Result<Vec<(String, ClientId)>> {
    let mut stmt = conn.prepare("SELECT pattern, client_id FROM bank_rules ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn bank_rule_put(
    tx: &Transaction<'_>,
    pattern: &str,
    client_id: ClientId,
) -> Result<()> {
    tx.execute(
        "INSERT INTO bank_rules (pattern, client_id) VALUES (?1, ?2)
         ON CONFLICT (pattern) DO UPDATE SET client_id = excluded.client_id",
        params![pattern, client_id],
    )?;
    Ok(())
}

/// The date of the latest import of a statement, if any.
pub(crate) fn last_bank_import(conn: &Connection) -> Result<Option<chrono::NaiveDate>> {
    Ok(conn.query_row("SELECT max(imported_on) FROM bank_lines", [], |r| r.get(0))?)
}

/// A credit as an export holds it: its id, state and payment kept.
pub(crate) fn bank_line_restore(tx: &Transaction<'_>, l: &BankLine) -> Result<()> {
    tx.execute(
        "INSERT INTO bank_lines (id, identity, account, date, amount_cents, label, payer, payer_iban, reference,
                                 bank_id, method, imported_on, state, payment_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            l.id,
            l.identity,
            l.account,
            l.date,
            l.amount.cents(),
            l.label,
            l.payer,
            l.payer_iban,
            l.reference,
            l.bank_id,
            l.method,
            l.imported_on,
            l.state,
            l.payment_id
        ],
    )?;
    Ok(())
}

/// How many credits wait for the user's review.
pub(crate) fn bank_lines_open_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM bank_lines WHERE state = 'open'",
        [],
        |r| r.get(0),
    )?)
}
