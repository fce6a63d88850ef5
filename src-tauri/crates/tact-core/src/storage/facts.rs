//! Whole-ledger reads: the compact facts the derived state is computed from, the list searches.

use super::invoices::{invoice_row, INVOICE_COLS};
use super::rows::*;
use crate::error::Result;
use crate::model::{ClientId, Invoice, InvoiceId};
use crate::money::Money;
use crate::standing::{
    CreditFact, Facts, FlagEvent, FlagFact, InvoiceFact, Settlement, SettlementKind,
};
use rusqlite::{params_from_iter, Connection};

/// True when the ledger holds no record at all (business profile included).
pub(crate) fn ledger_is_empty(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT NOT (EXISTS (SELECT 1 FROM business) OR EXISTS (SELECT 1 FROM clients)
                  OR EXISTS (SELECT 1 FROM invoices) OR EXISTS (SELECT 1 FROM payments)
                  OR EXISTS (SELECT 1 FROM journal))",
        [],
        |r| r.get(0),
    )?)
}

/// What the database was when facts were read: the rows this connection changed, and SQLite's counter of commits
/// by other connections. Equal keys, same facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FactsKey {
    own_changes: u64,
    others: i64,
}

pub(crate) fn facts_key(conn: &Connection) -> Result<FactsKey> {
    Ok(FactsKey {
        own_changes: conn.total_changes(),
        others: conn.query_row("PRAGMA data_version", [], |r| r.get(0))?,
    })
}

/// The facts the derived computations read ([`crate::standing`]), in a few sequential scans.
pub(crate) fn load_facts(conn: &Connection) -> Result<Facts> {
    load_facts_scoped(conn, None)
}

/// The facts of one client only (its invoices, payments, credit notes and journal), through the client indexes.
pub(crate) fn load_client_facts(conn: &Connection, client_id: ClientId) -> Result<Facts> {
    load_facts_scoped(conn, Some(client_id))
}

fn load_facts_scoped(conn: &Connection, client: Option<ClientId>) -> Result<Facts> {
    // Each query gets its WHERE clause only when scoped, so the full load stays a plain scan and the scoped one
    // uses the client indexes.
    let scope = |clause: &str| {
        if client.is_some() {
            clause.to_owned()
        } else {
            String::new()
        }
    };
    let args: Vec<ClientId> = client.into_iter().collect();
    let args = || params_from_iter(args.iter());
    // The whole ledger's vectors are sized from the tables' counts: grown by doubling, they would need up to
    // twice the room while loading, and keep it (the first screen's memory, scripts/bench-desktop).
    let rows = |table: &str| -> Result<usize> {
        if client.is_some() {
            return Ok(0);
        }
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    };
    let mut facts = Facts {
        invoices: Vec::with_capacity(rows("invoices")?),
        settlements: Vec::with_capacity(rows("allocations")?.saturating_add(rows("credit_notes")?)),
        ..Facts::default()
    };

    let sql = format!(
        "SELECT id FROM clients {} ORDER BY id",
        scope("WHERE id = ?1")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    facts.client_ids = stmt
        .query_map(args(), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let sql = format!(
        "SELECT id, client_id, issue_date, due_date, amount_cents FROM invoices {} ORDER BY id",
        scope("WHERE client_id = ?1")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let invoices = stmt.query_map(args(), |r| {
        Ok(InvoiceFact {
            id: r.get(0)?,
            client_id: r.get(1)?,
            issue_date: iso_date(r, 2)?,
            due_date: iso_date(r, 3)?,
            amount: money(r, 4)?,
        })
    })?;
    for f in invoices {
        facts.invoices.push(f?);
    }

    // Payments and allocations, both read sequentially in payment-id order (allocations is a WITHOUT ROWID table
    // keyed by payment_id) and merged here: two scans instead of one index seek per payment. The merge gives the
    // settlements and each payment's unallocated part (client credit).
    let sql = format!(
        "SELECT id, client_id, date, amount_cents FROM payments
          WHERE {} id NOT IN (SELECT payment_id FROM payment_reversals) ORDER BY id",
        scope("client_id = ?1 AND")
    );
    let mut pay_stmt = conn.prepare_cached(&sql)?;
    let sql = if client.is_some() {
        "SELECT a.payment_id, a.invoice_id, a.amount_cents FROM allocations a JOIN payments p ON p.id = a.payment_id
         WHERE p.client_id = ?1 ORDER BY a.payment_id"
    } else {
        "SELECT payment_id, invoice_id, amount_cents FROM allocations ORDER BY payment_id"
    };
    let mut alloc_stmt = conn.prepare_cached(sql)?;
    let mut allocs = alloc_stmt.query(args())?;
    let mut pending = next_allocation(&mut allocs)?;
    let mut payments = pay_stmt.query(args())?;
    while let Some(r) = payments.next()? {
        let (payment_id, client_id, date, amount): (i64, i64, chrono::NaiveDate, i64) =
            (r.get(0)?, r.get(1)?, iso_date(r, 2)?, r.get(3)?);
        let mut allocated = 0i64;
        while let Some((pid, invoice_id, cents)) = pending {
            if pid > payment_id {
                break;
            }
            if pid == payment_id {
                allocated = allocated.saturating_add(cents);
                facts.settlements.push(Settlement {
                    invoice_id,
                    date,
                    amount: Money::from_cents(cents),
                    kind: SettlementKind::Payment,
                });
            }
            pending = next_allocation(&mut allocs)?;
        }
        let unallocated = amount.saturating_sub(allocated);
        if unallocated > 0 {
            facts.credits.push(CreditFact {
                client_id,
                date,
                unallocated: Money::from_cents(unallocated),
            });
        }
    }

    let sql = if client.is_some() {
        "SELECT c.invoice_id, c.date, c.amount_cents FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id
         WHERE i.client_id = ?1"
    } else {
        "SELECT invoice_id, date, amount_cents FROM credit_notes"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let credit_notes = stmt.query_map(args(), |r| {
        Ok(Settlement {
            invoice_id: r.get(0)?,
            date: iso_date(r, 1)?,
            amount: money(r, 2)?,
            kind: SettlementKind::CreditNote,
        })
    })?;
    for c in credit_notes {
        facts.settlements.push(c?);
    }

    // Journal events that change an invoice's status, ignoring entries replaced by a correction. A call whose
    // outcome is a dispute opens one, like a "dispute opened" entry.
    let sql = format!(
        "SELECT j.invoice_id, j.date, j.kind, j.call_outcome FROM journal j
         WHERE j.invoice_id IS NOT NULL {}
           AND (j.kind IN ('dispute_opened', 'dispute_settled', 'write_off')
                OR (j.kind = 'call' AND j.call_outcome = 'dispute'))
           AND NOT EXISTS (SELECT 1 FROM journal c WHERE c.corrects_id = j.id)
         ORDER BY j.date, j.id",
        scope("AND j.client_id = ?1")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    facts.flags = stmt
        .query_map(args(), |r| {
            let kind: String = r.get(2)?;
            let event = match kind.as_str() {
                "dispute_settled" => FlagEvent::DisputeSettled,
                "write_off" => FlagEvent::WrittenOff,
                _ => FlagEvent::DisputeOpened,
            };
            Ok(FlagFact {
                invoice_id: r.get(0)?,
                date: iso_date(r, 1)?,
                event,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(facts)
}

/// Ids of the invoices whose number, client name or description contains `needle` (case-insensitive for
/// unaccented letters, SQLite's LIKE).
pub(crate) fn search_invoice_ids(
    conn: &Connection,
    needle: &str,
) -> Result<std::collections::HashSet<InvoiceId>> {
    let escaped = needle
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let pattern = format!("%{escaped}%");
    let mut stmt = conn.prepare_cached(
        "SELECT i.id FROM invoices i JOIN clients c ON c.id = i.client_id
         WHERE i.number LIKE ?1 ESCAPE '\\' OR c.name LIKE ?1 ESCAPE '\\' OR i.description LIKE ?1 ESCAPE '\\'",
    )?;
    let ids = stmt
        .query_map([pattern], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The numbers of these invoices (those owed, on the dashboard), by id.
pub(crate) fn invoice_numbers_of(
    conn: &Connection,
    ids: impl IntoIterator<Item = InvoiceId>,
) -> Result<std::collections::HashMap<InvoiceId, String>> {
    let mut stmt = conn.prepare_cached("SELECT number FROM invoices WHERE id = ?1")?;
    let mut out = std::collections::HashMap::new();
    for id in ids {
        let number: String = stmt.query_row([id], |r| r.get(0))?;
        out.insert(id, number);
    }
    Ok(out)
}

/// Invoice numbers by id (for sorting by number).
pub(crate) fn invoice_numbers(
    conn: &Connection,
) -> Result<std::collections::HashMap<InvoiceId, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, number FROM invoices")?;
    let map = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(map)
}

/// Client names by id.
pub(crate) fn client_names(
    conn: &Connection,
) -> Result<std::collections::HashMap<ClientId, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM clients")?;
    let map = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(map)
}

/// Full invoice records for the given ids (one page), in any order.
pub(crate) fn invoices_by_ids(conn: &Connection, ids: &[InvoiceId]) -> Result<Vec<Invoice>> {
    // In chunks, well under SQLite's limit on bound parameters.
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(5_000) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!("SELECT {INVOICE_COLS} FROM invoices WHERE id IN ({marks})");
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(chunk.iter()), invoice_row)?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

/// The number and stated penalty rate of each invoice in `ids`, in id order: the two columns the penalties need
/// beyond the facts. Read in one pass between the smallest and the largest id, decoding only the rows asked for:
/// for the tens of thousands of late-paid invoices of a large ledger, a scan costs a quarter of a seek per id.
pub(crate) fn penalty_records(
    conn: &Connection,
    ids: &[InvoiceId],
) -> Result<Vec<(InvoiceId, String, Option<rust_decimal::Decimal>)>> {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let (Some(&first), Some(&last)) = (sorted.first(), sorted.last()) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(sorted.len());
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, penalty_rate FROM invoices WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
    )?;
    let mut rows = stmt.query([first, last])?;
    let mut wanted = sorted.into_iter().peekable();
    while let Some(row) = rows.next()? {
        let id: InvoiceId = row.get(0)?;
        while wanted.next_if(|&w| w < id).is_some() {}
        if wanted.next_if_eq(&id).is_some() {
            out.push((id, row.get(1)?, rate(row, 2)?));
        }
        if wanted.peek().is_none() {
            break;
        }
    }
    Ok(out)
}
