//! Payments and their allocations.

use super::rows::*;
use crate::error::{Error, Result};
use crate::model::{Allocation, ClientId, Payment, PaymentId, PaymentMethod};
use rusqlite::Transaction;
use rusqlite::{params, params_from_iter, Connection};

pub(crate) fn payment_insert(
    conn: &Transaction<'_>,
    p: &Payment,
    id: Option<PaymentId>,
) -> Result<PaymentId> {
    conn.execute(
        "INSERT INTO payments (id, client_id, date, amount_cents, method, reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, p.client_id, p.date, p.amount.cents(), p.method.code(), p.reference],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn allocation_insert(
    conn: &Transaction<'_>,
    payment: PaymentId,
    a: &Allocation,
) -> Result<()> {
    conn.execute(
        "INSERT INTO allocations (payment_id, invoice_id, amount_cents) VALUES (?1, ?2, ?3)
         ON CONFLICT (payment_id, invoice_id) DO UPDATE SET amount_cents = amount_cents + excluded.amount_cents",
        params![payment, a.invoice_id, a.amount.cents()],
    )
    .map_err(|e| match &e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) if msg.contains("allocation_exceeds") => {
            Error::database(format!("répartition refusée ({msg})"))
        }
        _ => Error::from(e),
    })?;
    Ok(())
}

/// Payments with their allocations; `filter` is a WHERE clause on `payments` using `?1` when `arg` is given.
fn payments_where(conn: &Connection, filter: &str, arg: Option<i64>) -> Result<Vec<Payment>> {
    let args: Vec<i64> = arg.into_iter().collect();
    let sql = format!("SELECT id, client_id, date, amount_cents, method, reference FROM payments {filter} ORDER BY date, id");
    let mut stmt = conn.prepare(&sql)?;
    let mut payments = stmt
        .query_map(params_from_iter(&args), |r| {
            Ok(Payment {
                id: r.get(0)?,
                client_id: r.get(1)?,
                date: r.get(2)?,
                amount: money(r, 3)?,
                method: code(r, 4, "un moyen de paiement", PaymentMethod::from_code)?,
                reference: r.get(5)?,
                allocations: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let scope = if filter.is_empty() {
        String::new()
    } else {
        format!("WHERE payment_id IN (SELECT id FROM payments {filter})")
    };
    let sql = format!("SELECT payment_id, invoice_id, amount_cents FROM allocations {scope} ORDER BY payment_id, invoice_id");
    let mut stmt = conn.prepare(&sql)?;
    let allocs = stmt
        .query_map(params_from_iter(&args), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Allocation {
                    invoice_id: r.get(1)?,
                    amount: money(r, 2)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let index: std::collections::HashMap<i64, usize> = payments
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    for (pid, a) in allocs {
        if let Some(p) = index.get(&pid).and_then(|&i| payments.get_mut(i)) {
            p.allocations.push(a);
        }
    }
    Ok(payments)
}

pub(crate) fn payment_get(conn: &Connection, id: PaymentId) -> Result<Option<Payment>> {
    Ok(payments_where(conn, "WHERE id = ?1", Some(id))?
        .into_iter()
        .next())
}

pub(crate) fn payments_all(conn: &Connection) -> Result<Vec<Payment>> {
    payments_where(conn, "", None)
}

pub(crate) fn payments_of_client(conn: &Connection, client_id: ClientId) -> Result<Vec<Payment>> {
    payments_where(conn, "WHERE client_id = ?1", Some(client_id))
}
