//! Payments and their allocations.

use super::rows::*;
use crate::error::{Error, Result};
use crate::model::{Allocation, ClientId, Payment, PaymentId, PaymentMethod, PaymentReversal};
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

/// Which payments a read returns.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Those that count: without a reversal.
    Live,
    /// Every payment, a reversed one with its reversal and what it had settled.
    WithReversed,
}

/// Payments with their allocations; `filter` is a condition on `payments p` using `?1` when `arg` is given.
fn payments_where(
    conn: &Connection,
    filter: &str,
    arg: Option<i64>,
    scope: Scope,
) -> Result<Vec<Payment>> {
    let args: Vec<i64> = arg.into_iter().collect();
    let mut conditions: Vec<&str> = Vec::new();
    if !filter.is_empty() {
        conditions.push(filter);
    }
    if scope == Scope::Live {
        conditions.push("r.payment_id IS NULL");
    }
    let clause = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let sql = format!(
        "SELECT p.id, p.client_id, p.date, p.amount_cents, p.method, p.reference, r.date, r.reason
           FROM payments p LEFT JOIN payment_reversals r ON r.payment_id = p.id {clause} ORDER BY p.date, p.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut payments = stmt
        .query_map(params_from_iter(&args), |r| {
            let reversed_on: Option<chrono::NaiveDate> = r.get(6)?;
            Ok(Payment {
                id: r.get(0)?,
                client_id: r.get(1)?,
                date: r.get(2)?,
                amount: money(r, 3)?,
                method: code(r, 4, "un moyen de paiement", PaymentMethod::from_code)?,
                reference: r.get(5)?,
                allocations: Vec::new(),
                reversed: match reversed_on {
                    Some(date) => Some(PaymentReversal {
                        date,
                        reason: r.get(7)?,
                    }),
                    None => None,
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let of_payments = format!(
        "payment_id IN (SELECT p.id FROM payments p LEFT JOIN payment_reversals r ON r.payment_id = p.id {clause})"
    );
    // A reversed payment's allocations were moved to `reversed_allocations` (schema 0012).
    let sql = match scope {
        Scope::Live => format!(
            "SELECT payment_id, invoice_id, amount_cents FROM allocations WHERE {of_payments} ORDER BY payment_id, invoice_id"
        ),
        Scope::WithReversed => format!(
            "SELECT payment_id, invoice_id, amount_cents FROM allocations WHERE {of_payments}
             UNION ALL
             SELECT payment_id, invoice_id, amount_cents FROM reversed_allocations WHERE {of_payments}
             ORDER BY payment_id, invoice_id"
        ),
    };
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

/// A payment, reversed or not.
pub(crate) fn payment_get(conn: &Connection, id: PaymentId) -> Result<Option<Payment>> {
    Ok(
        payments_where(conn, "p.id = ?1", Some(id), Scope::WithReversed)?
            .into_iter()
            .next(),
    )
}

/// The payments that count.
pub(crate) fn payments_all(conn: &Connection) -> Result<Vec<Payment>> {
    payments_where(conn, "", None, Scope::Live)
}

/// Every payment, the reversed ones too (an export).
pub(crate) fn payments_all_with_reversed(conn: &Connection) -> Result<Vec<Payment>> {
    payments_where(conn, "", None, Scope::WithReversed)
}

/// The client's payments that count.
pub(crate) fn payments_of_client(conn: &Connection, client_id: ClientId) -> Result<Vec<Payment>> {
    payments_where(conn, "p.client_id = ?1", Some(client_id), Scope::Live)
}

/// Reverse a payment recorded by mistake (schema 0012): the reversal row, its allocations moved aside (the
/// invoices they settled are owed again, its client credit is gone), and a bank credit it came from open again,
/// to be matched anew.
pub(crate) fn payment_reverse(
    conn: &Transaction<'_>,
    id: PaymentId,
    r: &PaymentReversal,
) -> Result<()> {
    conn.execute(
        "INSERT INTO payment_reversals (payment_id, date, reason) VALUES (?1, ?2, ?3)",
        params![id, r.date, r.reason],
    )?;
    conn.execute(
        "INSERT INTO reversed_allocations (payment_id, invoice_id, amount_cents)
         SELECT payment_id, invoice_id, amount_cents FROM allocations WHERE payment_id = ?1",
        [id],
    )?;
    conn.execute("DELETE FROM allocations WHERE payment_id = ?1", [id])?;
    conn.execute(
        "UPDATE bank_lines SET state = 'open', payment_id = NULL WHERE payment_id = ?1",
        [id],
    )?;
    Ok(())
}

/// An imported reversed payment's reversal, with what it had settled (the payment row is already in).
pub(crate) fn reversal_restore(
    conn: &Transaction<'_>,
    p: &Payment,
    r: &PaymentReversal,
) -> Result<()> {
    conn.execute(
        "INSERT INTO payment_reversals (payment_id, date, reason) VALUES (?1, ?2, ?3)",
        params![p.id, r.date, r.reason],
    )?;
    for a in &p.allocations {
        conn.execute(
            "INSERT INTO reversed_allocations (payment_id, invoice_id, amount_cents) VALUES (?1, ?2, ?3)",
            params![p.id, a.invoice_id, a.amount.cents()],
        )?;
    }
    Ok(())
}
