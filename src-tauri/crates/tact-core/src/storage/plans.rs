//! Payment calendars, their invoices and instalments.

use super::rows::*;
use crate::error::Result;
use crate::model::{ClientId, InvoiceId, JournalId};
use crate::money::Money;
use crate::plans::{Frequency, Instalment, PenaltyTreatment, Plan, PlanId, PlanInvoice};
use chrono::NaiveDate;
use rusqlite::Transaction;
use rusqlite::{params, Connection, OptionalExtension, Row};

const PLAN_COLS: &str = "id, client_id, version, replaces_id, created_on, penalty_treatment, frequency, shift_days_off, notice_days, principal_cents, penalties_cents, indemnities_cents, total_cents, last_payment_id, proposed_journal_id, signed_on, signed_journal_id, replaced_on, broken_on";

fn plan_row(r: &Row<'_>) -> rusqlite::Result<Plan> {
    Ok(Plan {
        id: r.get(0)?,
        client_id: r.get(1)?,
        version: r.get(2)?,
        replaces: r.get(3)?,
        created_on: r.get(4)?,
        treatment: code(r, 5, "penalty_treatment", PenaltyTreatment::from_code)?,
        frequency: opt_code(r, 6, "frequency", Frequency::from_code)?,
        shift_days_off: r.get(7)?,
        notice_days: r.get(8)?,
        principal: money(r, 9)?,
        penalties: money(r, 10)?,
        indemnities: money(r, 11)?,
        total: money(r, 12)?,
        last_payment_id: r.get(13)?,
        proposed_journal_id: r.get(14)?,
        signed_on: r.get(15)?,
        signed_journal_id: r.get(16)?,
        replaced_on: r.get(17)?,
        broken_on: r.get(18)?,
        invoices: Vec::new(),
        instalments: Vec::new(),
    })
}

/// Insert a calendar with its invoices and instalments (inside the caller's transaction); `id` keeps an
/// imported calendar's id.
pub(crate) fn plan_insert(conn: &Transaction<'_>, p: &Plan, id: Option<PlanId>) -> Result<PlanId> {
    conn.execute(
        "INSERT INTO plans (id, client_id, version, replaces_id, created_on, penalty_treatment, frequency, shift_days_off,
                            notice_days, principal_cents, penalties_cents, indemnities_cents, total_cents,
                            last_payment_id, proposed_journal_id, signed_on, signed_journal_id, replaced_on, broken_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        params![
            id,
            p.client_id,
            p.version,
            p.replaces,
            p.created_on,
            p.treatment.code(),
            p.frequency.map(Frequency::code),
            p.shift_days_off,
            p.notice_days,
            p.principal.cents(),
            p.penalties.cents(),
            p.indemnities.cents(),
            p.total.cents(),
            p.last_payment_id,
            p.proposed_journal_id,
            p.signed_on,
            p.signed_journal_id,
            p.replaced_on,
            p.broken_on,
        ],
    )?;
    let id = conn.last_insert_rowid();
    for i in &p.invoices {
        conn.execute(
            "INSERT INTO plan_invoices (plan_id, invoice_id, balance_cents, penalties_cents, indemnity_cents)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, i.invoice_id, i.balance.cents(), i.penalties.cents(), i.indemnity.cents()],
        )?;
    }
    for i in &p.instalments {
        conn.execute(
            "INSERT INTO plan_instalments (plan_id, number, due_on, amount_cents, down_payment)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, i.number, i.due_on, i.amount.cents(), i.down_payment],
        )?;
    }
    Ok(id)
}

fn plan_details(conn: &Connection, mut p: Plan) -> Result<Plan> {
    let mut stmt = conn.prepare_cached(
        "SELECT pi.invoice_id, i.number, i.issue_date, i.due_date, i.amount_cents, pi.balance_cents,
                pi.penalties_cents, pi.indemnity_cents
         FROM plan_invoices pi JOIN invoices i ON i.id = pi.invoice_id
         WHERE pi.plan_id = ?1 ORDER BY i.due_date, i.number",
    )?;
    p.invoices = stmt
        .query_map([p.id], |r| {
            Ok(PlanInvoice {
                invoice_id: r.get(0)?,
                number: r.get(1)?,
                issue_date: r.get(2)?,
                due_date: r.get(3)?,
                amount: money(r, 4)?,
                balance: money(r, 5)?,
                penalties: money(r, 6)?,
                indemnity: money(r, 7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT number, due_on, amount_cents, down_payment FROM plan_instalments WHERE plan_id = ?1 ORDER BY number",
    )?;
    p.instalments = stmt
        .query_map([p.id], |r| {
            Ok(Instalment {
                number: r.get(0)?,
                due_on: r.get(1)?,
                amount: money(r, 2)?,
                down_payment: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(p)
}

pub(crate) fn plan_get(conn: &Connection, id: PlanId) -> Result<Option<Plan>> {
    let sql = format!("SELECT {PLAN_COLS} FROM plans WHERE id = ?1");
    match conn.query_row(&sql, [id], plan_row).optional()? {
        Some(p) => Ok(Some(plan_details(conn, p)?)),
        None => Ok(None),
    }
}

/// A client's calendars, newest first (revisions included).
pub(crate) fn plans_of_client(conn: &Connection, client_id: ClientId) -> Result<Vec<Plan>> {
    let sql = format!("SELECT {PLAN_COLS} FROM plans WHERE client_id = ?1 ORDER BY id DESC");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([client_id], plan_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|p| plan_details(conn, p)).collect()
}

/// Every calendar, revisions included, by id (the export).
pub(crate) fn plans_all(conn: &Connection) -> Result<Vec<Plan>> {
    let sql = format!("SELECT {PLAN_COLS} FROM plans ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], plan_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|p| plan_details(conn, p)).collect()
}

/// Every calendar not replaced by a revision, oldest first.
pub(crate) fn plans_current(conn: &Connection) -> Result<Vec<Plan>> {
    let sql = format!("SELECT {PLAN_COLS} FROM plans WHERE replaced_on IS NULL ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], plan_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|p| plan_details(conn, p)).collect()
}

/// Per client and invoice, the latest date a calendar covering it was signed (an acknowledgment of the debt).
pub(crate) fn plan_acknowledgments(
    conn: &Connection,
) -> Result<Vec<(ClientId, InvoiceId, NaiveDate)>> {
    let mut stmt = conn.prepare(
        "SELECT p.client_id, pi.invoice_id, max(p.signed_on) FROM plan_invoices pi JOIN plans p ON p.id = pi.plan_id
         WHERE p.signed_on IS NOT NULL GROUP BY p.client_id, pi.invoice_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Paid towards a calendar by `as_of`: the client's payments recorded after it was made, their part allocated to
/// its invoices and their unallocated part (client credit).
pub(crate) fn plan_paid(conn: &Connection, p: &Plan, as_of: NaiveDate) -> Result<Money> {
    let cents: i64 = conn.query_row(
        "SELECT coalesce(sum(
                (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a
                  WHERE a.payment_id = pay.id
                    AND a.invoice_id IN (SELECT invoice_id FROM plan_invoices WHERE plan_id = ?1))
              + pay.amount_cents
              - (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a WHERE a.payment_id = pay.id)
            ), 0)
         FROM payments pay WHERE pay.client_id = ?2 AND pay.id > ?3 AND pay.date <= ?4
          AND pay.id NOT IN (SELECT payment_id FROM payment_reversals)",
        params![p.id, p.client_id, p.last_payment_id, as_of],
        |r| r.get(0),
    )?;
    Ok(Money::from_cents(cents))
}

pub(crate) fn last_payment_id(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) FROM payments", [], |r| {
            r.get(0)
        })?,
    )
}

pub(crate) fn plan_set_signed(
    conn: &Transaction<'_>,
    id: PlanId,
    on: NaiveDate,
    journal_id: JournalId,
) -> Result<()> {
    conn.execute(
        "UPDATE plans SET signed_on = ?2, signed_journal_id = ?3 WHERE id = ?1",
        params![id, on, journal_id],
    )?;
    Ok(())
}

pub(crate) fn plan_set_replaced(conn: &Transaction<'_>, id: PlanId, on: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE plans SET replaced_on = ?2 WHERE id = ?1",
        params![id, on],
    )?;
    Ok(())
}

pub(crate) fn plan_set_broken(conn: &Transaction<'_>, id: PlanId, on: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE plans SET broken_on = ?2 WHERE id = ?1 AND broken_on IS NULL",
        params![id, on],
    )?;
    Ok(())
}
