//! Invoices.

use super::rows::*;
use crate::error::Result;
use crate::model::{ClientId, Invoice, InvoiceId, PaymentTerms};
use crate::money::Money;
use rusqlite::types::Value;
use rusqlite::Transaction;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};

pub(super) const INVOICE_COLS: &str =
    "id, number, client_id, issue_date, delivery_date, terms, due_date, amount_cents, \
    amount_ht_cents, vat_cents, currency, description, penalty_rate";

pub(super) fn invoice_row(r: &Row<'_>) -> rusqlite::Result<Invoice> {
    Ok(Invoice {
        id: r.get(0)?,
        number: r.get(1)?,
        client_id: r.get(2)?,
        issue_date: r.get(3)?,
        delivery_date: r.get(4)?,
        terms: code(r, 5, "un délai de paiement", PaymentTerms::from_code)?,
        due_date: r.get(6)?,
        amount: money(r, 7)?,
        amount_ht: opt_money(r, 8)?,
        vat: opt_money(r, 9)?,
        currency: r.get(10)?,
        description: r.get(11)?,
        penalty_rate: rate(r, 12)?,
    })
}

/// The invoice's columns in `INVOICE_COLS` order, `id` first.
fn invoice_values(id: Option<InvoiceId>, i: &Invoice) -> [Value; 13] {
    let text = |s: &Option<String>| s.clone().map_or(Value::Null, Value::Text);
    let cents = |m: Option<Money>| m.map_or(Value::Null, |m| Value::Integer(m.cents()));
    [
        id.map_or(Value::Null, Value::Integer),
        Value::Text(i.number.clone()),
        Value::Integer(i.client_id),
        Value::Text(i.issue_date.to_string()),
        i.delivery_date
            .map_or(Value::Null, |d| Value::Text(d.to_string())),
        Value::Text(i.terms.code()),
        Value::Text(i.due_date.to_string()),
        Value::Integer(i.amount.cents()),
        cents(i.amount_ht),
        cents(i.vat),
        Value::Text(i.currency.clone()),
        text(&i.description),
        i.penalty_rate
            .map_or(Value::Null, |r| Value::Text(r.to_string())),
    ]
}

pub(crate) fn invoice_insert(
    conn: &Transaction<'_>,
    i: &Invoice,
    id: Option<InvoiceId>,
) -> Result<InvoiceId> {
    let sql = format!("INSERT INTO invoices ({INVOICE_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    conn.execute(&sql, params_from_iter(invoice_values(id, i)))?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn invoice_update(conn: &Transaction<'_>, i: &Invoice) -> Result<()> {
    let columns = INVOICE_COLS.trim_start_matches("id, ");
    let sql = format!("UPDATE invoices SET ({columns}) = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) WHERE id = ?1");
    conn.execute(&sql, params_from_iter(invoice_values(Some(i.id), i)))?;
    Ok(())
}

pub(crate) fn invoice_get(conn: &Connection, id: InvoiceId) -> Result<Option<Invoice>> {
    let sql = format!("SELECT {INVOICE_COLS} FROM invoices WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], invoice_row).optional()?)
}

/// Invoice numbers are unique regardless of case ("F-1" and "f-1" are the same number).
pub(crate) fn invoice_by_number(conn: &Connection, number: &str) -> Result<Option<Invoice>> {
    let sql = format!("SELECT {INVOICE_COLS} FROM invoices WHERE number = ?1");
    Ok(conn.query_row(&sql, [number], invoice_row).optional()?)
}

/// The number of the latest invoice issued (the latest issue date, then the last added): the sequence to follow.
pub(crate) fn latest_invoice_number(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT number FROM invoices ORDER BY issue_date DESC, id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// The invoice numbers that start with `prefix` (a numbering series).
pub(crate) fn invoice_numbers_starting(conn: &Connection, prefix: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT number FROM invoices WHERE substr(number, 1, length(?1)) = ?1")?;
    let rows = stmt
        .query_map([prefix], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(rows)
}

pub(crate) fn invoices_all(conn: &Connection) -> Result<Vec<Invoice>> {
    let sql = format!("SELECT {INVOICE_COLS} FROM invoices ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], invoice_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(crate) fn invoices_of_client(conn: &Connection, client_id: ClientId) -> Result<Vec<Invoice>> {
    let sql =
        format!("SELECT {INVOICE_COLS} FROM invoices WHERE client_id = ?1 ORDER BY due_date, id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([client_id], invoice_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What has been settled on an invoice so far, over all time: (paid by allocations, credited by credit notes).
pub(crate) fn invoice_settled(conn: &Connection, id: InvoiceId) -> Result<(Money, Money)> {
    let (paid, credited): (i64, i64) = conn.query_row(
        "SELECT (SELECT coalesce(sum(amount_cents), 0) FROM allocations WHERE invoice_id = ?1),
                (SELECT coalesce(sum(amount_cents), 0) FROM credit_notes WHERE invoice_id = ?1)",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((Money::from_cents(paid), Money::from_cents(credited)))
}
