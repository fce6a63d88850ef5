//! The optional step « Réclamer les pénalités de retard »: a business invoice paid after its due date still owes
//! its penalties up to the day of payment and its 40 € (C. com. L441-10 II; D441-5: « pour tout retard de
//! paiement »). Claiming them is the user's right, waiving them (« J'y renonce ») her choice to keep a client; so
//! the engine only offers the claim:
//! - never to a consumer, who owes neither (the ledger passes no late settlement for one, and this checks again);
//! - only when nothing else is going on with the client (no balance chased, no dispute, no calendar);
//! - for payments of the last [`CLAIM_WINDOW_DAYS`] days, and once: a claim noted (email, letter, or by hand)
//!   answers every invoice settled by its date; the penalties stay listed on the client page afterwards;
//! - as an optional step, after the minimum gap since the last exchange, with a gentler reason for a good payer.

use super::ladder::good_payer;
use super::*;

/// Invoices settled more than this many days ago are no longer offered for a claim (they stay claimable by hand).
pub const CLAIM_WINDOW_DAYS: i64 = 60;

/// An invoice paid after its due date, with the penalties and indemnity still owed on it (not waived).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateSettlement {
    pub invoice_id: InvoiceId,
    pub number: String,
    pub due_date: NaiveDate,
    /// The day the invoice was settled in full.
    pub settled_on: NaiveDate,
    /// Penalties accrued up to that day plus the 40 € indemnity.
    pub amount: Money,
}

impl LateSettlement {
    /// From an invoice's penalties: `None` unless it was paid late and its penalties were not waived.
    pub fn of(p: crate::legal::InvoicePenalty) -> Option<LateSettlement> {
        if p.waived_on.is_some() {
            return None;
        }
        Some(LateSettlement {
            settled_on: p.settled_on?,
            amount: p.accrual.interest.checked_add(p.accrual.indemnity).ok()?,
            invoice_id: p.invoice_id,
            number: p.number,
            due_date: p.due_date,
        })
    }
}

/// The claim step, when one is in order on `today`.
pub(super) fn claim_step(
    case: &ClientCase<'_>,
    journal: &[&JournalEntry],
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<Option<Step>> {
    if case.client.kind != ClientKind::Professional {
        return Ok(None);
    }
    let owed: Vec<&LateSettlement> = case
        .late_settlements
        .iter()
        .filter(|l| l.amount.is_positive() && l.settled_on <= today)
        .collect();
    let last_claim = journal
        .iter()
        .filter(|e| e.kind == JournalKind::PenaltiesClaimed)
        .map(|e| e.date)
        .max();
    let fresh: Vec<&&LateSettlement> = owed
        .iter()
        .filter(|l| last_claim.is_none_or(|c| l.settled_on > c))
        .filter(|l| today.signed_duration_since(l.settled_on).num_days() <= CLAIM_WINDOW_DAYS)
        .collect();
    if fresh.is_empty() {
        return Ok(None);
    }
    let mut reasons: Vec<Reason> = fresh
        .iter()
        .map(|l| {
            let late = l.settled_on.signed_duration_since(l.due_date).num_days();
            reason(Fact::PaidLate {
                invoice: l.number.clone(),
                settled: l.settled_on,
                days: late,
                due: l.due_date,
                amount: l.amount,
            })
        })
        .collect();
    // Judged on the other invoices: is this delay the exception?
    let apart = u32::try_from(fresh.len()).unwrap_or(u32::MAX);
    if good_payer(&case.standing.history.apart_from_late(apart), policy) {
        reasons.push(reason(Fact::GoodPayer { claim: true }));
    }
    reasons.push(reason(Fact::ClaimOptional));
    // A contact like any other: the minimum gap after the last exchange.
    let working_today = cal.on_or_after(today);
    let date = match journal
        .iter()
        .filter(|e| is_exchange(e))
        .map(|e| e.date)
        .max()
    {
        Some(last) => cal
            .on_or_after(plus_days(last, policy.min_gap_days))
            .max(working_today),
        None => working_today,
    };
    let action = Action::ClaimPenalties;
    Ok(Some(
        Step {
            action,
            action_label: action.label_fr().into(),
            channel: Some(ContactChannel::Email),
            tone: action.tone(),
            done_as: done_kind(action),
            date,
            optional: true,
            // What the claim email asks for: every invoice paid late whose penalties are still owed.
            invoices: owed.iter().map(|l| l.invoice_id).collect(),
            amount: Money::sum(owed.iter().map(|l| l.amount))?,
            reasons,
            then: None,
            then_fact: None,
        }
        .then(Fact::ThenClaim),
    ))
}
