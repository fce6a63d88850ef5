//! Building a calendar from the client's invoices (pure): which invoices it may cover, what it adds up to, its
//! schedule. The ledger gathers the facts and writes the result; the rules are here.

use super::{schedule, Dates, PenaltyTreatment, Plan, PlanId, PlanInvoice, Terms};
use crate::calendar::Calendar;
use crate::error::{Error, ErrorCode, Result};
use crate::legal::ClientPenalties;
use crate::model::{Client, Invoice, InvoiceId, InvoiceStatus};
use crate::money::Money;
use crate::standing::InvoiceState;
use crate::text::format_date_fr;
use chrono::NaiveDate;

/// « 2 400,00 € en 3 échéances, du 05/12/2026 au 05/02/2027 ».
pub fn summary(p: &Plan) -> String {
    let n = p.instalments.len();
    let first = p.instalments.first().map(|i| i.due_on);
    let last = p.instalments.last().map(|i| i.due_on);
    let span = match (first, last) {
        (Some(a), Some(b)) if n > 1 => {
            format!(", du {} au {}", format_date_fr(a), format_date_fr(b))
        }
        (Some(a), _) => format!(", le {}", format_date_fr(a)),
        _ => String::new(),
    };
    format!(
        "{} en {n} échéance{}{span}",
        p.total.format_fr(),
        if n > 1 { "s" } else { "" }
    )
}

/// The invoices a calendar may cover, as the user picked them.
pub struct InvoiceChoice<'a> {
    pub client: &'a Client,
    /// The ids picked (or, for a revision without a choice, those of the calendar revised).
    pub chosen: &'a [InvoiceId],
    /// The client's invoices and their states as of the calendar's date.
    pub invoices: &'a [(Invoice, InvoiceState)],
    /// Invoices already in another open calendar of the client, with that calendar's reference.
    pub taken: &'a [(InvoiceId, String)],
    /// The client's penalties to date (each invoice's share goes into the calendar).
    pub penalties: &'a ClientPenalties,
}

/// The calendar's invoices, oldest due first, each checked: the client's, still owed, not disputed, not written
/// off, not in another open calendar, not picked twice. `exists` tells an unknown id from another client's.
pub fn choose_invoices(
    c: &InvoiceChoice<'_>,
    exists: impl Fn(InvoiceId) -> Result<bool>,
) -> Result<Vec<PlanInvoice>> {
    let mut out: Vec<PlanInvoice> = Vec::with_capacity(c.chosen.len());
    for (n, id) in c.chosen.iter().enumerate() {
        let at = format!("invoices[{n}]");
        let Some((inv, st)) = c.invoices.iter().find(|(i, _)| i.id == *id) else {
            let known = exists(*id)?;
            return Err(Error::field(
                if known {
                    ErrorCode::ClientMismatch
                } else {
                    ErrorCode::InvoiceNotFound
                },
                "invoices",
                if known {
                    format!(
                        "Factures\u{a0}: la facture n°\u{a0}{id} n'est pas une facture de {}.",
                        c.client.name
                    )
                } else {
                    format!("Factures\u{a0}: la facture n°\u{a0}{id} est introuvable.")
                },
            )
            .within(&at));
        };
        let refuse = |why: &str| {
            Err(Error::field(
                ErrorCode::InvalidPlan,
                "invoices",
                format!("Factures\u{a0}: la facture {} {why}.", inv.number),
            )
            .within(&at))
        };
        match st.status {
            _ if !st.balance.is_positive() => return refuse("est déjà réglée"),
            InvoiceStatus::Disputed => {
                return refuse("est en litige\u{a0}: réglez d'abord le désaccord")
            }
            InvoiceStatus::WrittenOff => return refuse("est passée en perte"),
            _ => {}
        }
        if let Some((_, r)) = c.taken.iter().find(|(i, _)| i == id) {
            return refuse(&format!(
                "fait déjà partie de l'échéancier {r}\u{a0}: révisez-le plutôt"
            ));
        }
        if out.iter().any(|p| p.invoice_id == *id) {
            return refuse("est choisie deux fois");
        }
        // Penalties the user waived (« J'y renonce ») are not put back by a calendar.
        let accrual = c
            .penalties
            .invoices
            .iter()
            .find(|p| p.invoice_id == *id && p.waived_on.is_none());
        out.push(PlanInvoice {
            invoice_id: inv.id,
            number: inv.number.clone(),
            issue_date: inv.issue_date,
            due_date: inv.due_date,
            amount: inv.amount,
            balance: st.balance,
            penalties: accrual.map_or(Money::ZERO, |a| a.accrual.interest),
            indemnity: accrual.map_or(Money::ZERO, |a| a.accrual.indemnity),
        });
    }
    out.sort_by_key(|i| (i.due_date, i.number.clone()));
    Ok(out)
}

/// Where a new calendar stands among the client's calendars.
#[derive(Debug, Clone, Copy)]
pub struct Lineage {
    /// 1 for a first calendar, the revised one's + 1 for a revision.
    pub version: u32,
    pub replaces: Option<PlanId>,
    /// Payments recorded after this id count towards the calendar.
    pub last_payment_id: i64,
}

/// The calendar over `invoices` with `terms`, as of `today`: principal, penalties and indemnities as the terms
/// treat them (kept in the instalments, deferred to the last one, or waived), and the schedule to the cent.
pub fn assemble(
    client: &Client,
    invoices: Vec<PlanInvoice>,
    terms: &Terms,
    notice_days: u32,
    lineage: Lineage,
    today: NaiveDate,
    cal: &Calendar,
) -> Result<Plan> {
    let principal = Money::sum(invoices.iter().map(|i| i.balance))?;
    let pen = Money::sum(invoices.iter().map(|i| i.penalties))?;
    let ind = Money::sum(invoices.iter().map(|i| i.indemnity))?;
    let extras = pen.checked_add(ind)?;
    let (spread, deferred) = match terms.penalties {
        PenaltyTreatment::Kept => (principal.checked_add(extras)?, Money::ZERO),
        PenaltyTreatment::Deferred => (principal, extras),
        PenaltyTreatment::Waived => (principal, Money::ZERO),
    };
    let instalments = schedule(spread, deferred, terms, today, cal)?;
    let total = spread.checked_add(deferred)?;
    Ok(Plan {
        id: 0,
        client_id: client.id,
        version: lineage.version,
        replaces: lineage.replaces,
        created_on: today,
        invoices,
        principal,
        penalties: pen,
        indemnities: ind,
        treatment: terms.penalties,
        frequency: match terms.dates {
            Dates::Every { frequency, .. } => Some(frequency),
            Dates::Explicit(_) => None,
        },
        shift_days_off: terms.shift_days_off,
        notice_days,
        total,
        instalments,
        last_payment_id: lineage.last_payment_id,
        proposed_journal_id: 0,
        signed_on: None,
        signed_journal_id: None,
        replaced_on: None,
        broken_on: None,
    })
}
