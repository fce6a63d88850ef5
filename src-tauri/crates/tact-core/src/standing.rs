//! Derived state, as of any date D: each invoice's balance, status and lateness; each client's balance, overdue
//! total, oldest overdue date and payment history. Pure functions of the ledger's facts and D: no clock, no I/O,
//! so the engine and the tests can ask "what did the books say on 23/11/2026?".
//!
//! Rules:
//! - A settlement (payment allocation or credit note) counts from its date: a payment from the date its funds
//!   became available (legal-fr B §1.2), a credit note from its date.
//! - An invoice is overdue on D when D is after its due date and something is still owed; days late = D − due
//!   date (the first day of lateness is the day after the due date, C. com. L441-10 II).
//! - Status precedence: cancelled (fully credited) > paid > written off > disputed > overdue > partially paid >
//!   open. A disputed or written-off invoice is not counted as overdue: it leaves the reminder ladder.
//! - A client's standing counts invoices issued on or before D.

use crate::error::Result;
use crate::model::{ClientId, InvoiceId, InvoiceStatus};
use crate::money::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The invoice facts the computation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceFact {
    pub id: InvoiceId,
    pub client_id: ClientId,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettlementKind {
    Payment,
    CreditNote,
}

/// Money that reduced an invoice's balance on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    pub invoice_id: InvoiceId,
    pub date: NaiveDate,
    pub amount: Money,
    pub kind: SettlementKind,
}

/// A payment's unallocated part, which the client holds as credit from the payment's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditFact {
    pub client_id: ClientId,
    pub date: NaiveDate,
    pub unallocated: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagEvent {
    DisputeOpened,
    DisputeSettled,
    WrittenOff,
}

/// A journal event that changes an invoice's status (only entries not superseded by a correction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagFact {
    pub invoice_id: InvoiceId,
    pub date: NaiveDate,
    pub event: FlagEvent,
}

/// Everything the derived computations read. Settlements and flags may come in any order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub client_ids: Vec<ClientId>,
    pub invoices: Vec<InvoiceFact>,
    pub settlements: Vec<Settlement>,
    pub credits: Vec<CreditFact>,
    pub flags: Vec<FlagFact>,
}

/// An invoice's derived state as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceState {
    pub invoice_id: InvoiceId,
    pub client_id: ClientId,
    pub status: InvoiceStatus,
    /// Paid by payments up to D.
    pub paid: Money,
    /// Reduced by credit notes up to D.
    pub credited: Money,
    /// What is still owed on D ("reste dû").
    pub balance: Money,
    /// Days past the due date while something is owed (also for a disputed invoice); `None` when not late.
    pub days_late: Option<i64>,
    /// The date the balance reached zero, when it did on or before D.
    pub settled_on: Option<NaiveDate>,
    /// The last payment received on it up to D (a partial payment restarts prescription, C. civ. 2240).
    pub last_paid_on: Option<NaiveDate>,
}

impl InvoiceState {
    /// What payments and credit notes have settled so far (« déjà réglé »).
    pub fn paid_and_credited(&self) -> Result<Money> {
        self.paid.checked_add(self.credited)
    }
}

/// How a client has paid in the past: the engine softens escalation for good payers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentHistory {
    /// Invoices fully settled by payments on or before D.
    pub paid_invoices: u32,
    /// Of those, settled on or before their due date.
    pub paid_on_time: u32,
    /// Average days late over settled invoices (0 for those paid on time), one decimal.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub average_days_late: Option<Decimal>,
    /// Share paid on time, in percent, no decimals.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub on_time_percent: Option<Decimal>,
}

impl PaymentHistory {
    /// The share of `paid` invoices settled on time, in percent, no decimals (`None` when none was paid).
    pub fn share_on_time(paid_on_time: u32, paid: u32) -> Option<Decimal> {
        (paid > 0).then(|| {
            Decimal::from(paid_on_time)
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_div(Decimal::from(paid)))
                .unwrap_or_default()
                .round_dp(0)
        })
    }

    /// The history leaving aside `late` invoices paid late: was their delay the exception? (The average delay is
    /// not recomputed.)
    pub fn apart_from_late(&self, late: u32) -> PaymentHistory {
        let paid = self.paid_invoices.saturating_sub(late);
        PaymentHistory {
            paid_invoices: paid,
            paid_on_time: self.paid_on_time.min(paid),
            average_days_late: None,
            on_time_percent: Self::share_on_time(self.paid_on_time.min(paid), paid),
        }
    }
}

/// A client's derived standing as of a date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientStanding {
    pub client_id: ClientId,
    /// Owed on invoices issued up to D, except written-off ones.
    pub balance: Money,
    /// Owed on overdue invoices (not disputed, not written off).
    pub overdue_total: Money,
    pub disputed_total: Money,
    pub written_off_total: Money,
    /// Payments received and not allocated to any invoice, held as credit.
    pub credit: Money,
    pub open_invoices: u32,
    pub overdue_invoices: u32,
    pub oldest_overdue_due_date: Option<NaiveDate>,
    pub max_days_late: Option<i64>,
    pub history: PaymentHistory,
}

#[derive(Default, Clone, Copy)]
struct Acc {
    paid: Money,
    credited: Money,
    last_settlement: Option<NaiveDate>,
    last_payment: Option<NaiveDate>,
    disputed: bool,
    written_off: bool,
}

/// Position of each id in a list. Ids are SQLite rowids, usually dense: then a plain vector beats hashing.
enum IdIndex {
    Dense(Vec<u32>),
    Sparse(HashMap<i64, usize>),
}

impl IdIndex {
    fn new(ids: impl ExactSizeIterator<Item = i64> + Clone) -> IdIndex {
        let n = ids.len();
        let max = ids.clone().max().unwrap_or(0);
        let dense_limit = i64::try_from(n)
            .unwrap_or(i64::MAX)
            .saturating_mul(4)
            .saturating_add(1024);
        let min = ids.clone().min().unwrap_or(0);
        if min >= 0 && max <= dense_limit && u32::try_from(n).is_ok() {
            let mut v = vec![u32::MAX; usize::try_from(max).unwrap_or(0).saturating_add(1)];
            for (i, id) in ids.enumerate() {
                if let (Some(slot), Ok(i)) = (
                    v.get_mut(usize::try_from(id).unwrap_or(usize::MAX)),
                    u32::try_from(i),
                ) {
                    *slot = i;
                }
            }
            IdIndex::Dense(v)
        } else {
            IdIndex::Sparse(ids.enumerate().map(|(i, id)| (id, i)).collect())
        }
    }

    fn get(&self, id: i64) -> Option<usize> {
        match self {
            IdIndex::Dense(v) => {
                let i = *v.get(usize::try_from(id).ok()?)?;
                (i != u32::MAX).then_some(i as usize)
            }
            IdIndex::Sparse(m) => m.get(&id).copied(),
        }
    }
}

/// Every invoice's state as of `as_of`, in the order of `facts.invoices`.
pub fn invoice_states(facts: &Facts, as_of: NaiveDate) -> Result<Vec<InvoiceState>> {
    let index = IdIndex::new(facts.invoices.iter().map(|f| f.id));
    let mut acc = vec![Acc::default(); facts.invoices.len()];

    for s in facts.settlements.iter().filter(|s| s.date <= as_of) {
        let Some(a) = index.get(s.invoice_id).and_then(|i| acc.get_mut(i)) else {
            continue;
        };
        match s.kind {
            SettlementKind::Payment => {
                a.paid = a.paid.checked_add(s.amount)?;
                a.last_payment = a.last_payment.max(Some(s.date));
            }
            SettlementKind::CreditNote => a.credited = a.credited.checked_add(s.amount)?,
        }
        a.last_settlement = a.last_settlement.max(Some(s.date));
    }

    // Flags are few; apply them in date order (stable, so same-day entries keep their journal order).
    let mut flags: Vec<&FlagFact> = facts.flags.iter().filter(|f| f.date <= as_of).collect();
    flags.sort_by_key(|f| f.date);
    for f in flags {
        let Some(a) = index.get(f.invoice_id).and_then(|i| acc.get_mut(i)) else {
            continue;
        };
        match f.event {
            FlagEvent::DisputeOpened => a.disputed = true,
            FlagEvent::DisputeSettled => a.disputed = false,
            FlagEvent::WrittenOff => a.written_off = true,
        }
    }

    // Sized once: one state per invoice (collecting a `Result` would grow the vector by doubling).
    let mut states = Vec::with_capacity(facts.invoices.len());
    for (inv, a) in facts.invoices.iter().zip(acc) {
        states.push({
            let settled = a.paid.checked_add(a.credited)?;
            let balance = inv.amount.checked_sub(settled)?.max(Money::ZERO);
            let late_days = as_of.signed_duration_since(inv.due_date).num_days();
            let days_late = (balance.is_positive() && late_days > 0).then_some(late_days);
            let status = if a.credited >= inv.amount {
                InvoiceStatus::Cancelled
            } else if !balance.is_positive() {
                InvoiceStatus::Paid
            } else if a.written_off {
                InvoiceStatus::WrittenOff
            } else if a.disputed {
                InvoiceStatus::Disputed
            } else if days_late.is_some() {
                InvoiceStatus::Overdue
            } else if settled.is_positive() {
                InvoiceStatus::PartiallyPaid
            } else {
                InvoiceStatus::Open
            };
            InvoiceState {
                invoice_id: inv.id,
                client_id: inv.client_id,
                status,
                paid: a.paid,
                credited: a.credited,
                balance,
                days_late,
                // Settlements never exceed an invoice (the ledger refuses it), so the balance reaches zero exactly
                // on the last settlement.
                last_paid_on: a.last_payment,
                settled_on: if balance.is_positive() {
                    None
                } else {
                    a.last_settlement
                },
            }
        });
    }
    Ok(states)
}

/// Every client's standing as of `as_of`, in the order of `facts.client_ids`.
pub fn client_standings(facts: &Facts, as_of: NaiveDate) -> Result<Vec<ClientStanding>> {
    client_standings_from(facts, &invoice_states(facts, as_of)?, as_of)
}

/// [`client_standings`] from states already computed by [`invoice_states`] on the same facts and date.
pub fn client_standings_from(
    facts: &Facts,
    states: &[InvoiceState],
    as_of: NaiveDate,
) -> Result<Vec<ClientStanding>> {
    let index = IdIndex::new(facts.client_ids.iter().copied());
    let mut out: Vec<ClientStanding> = facts
        .client_ids
        .iter()
        .map(|&client_id| ClientStanding {
            client_id,
            ..Default::default()
        })
        .collect();
    // Total days late over settled invoices, per client, for the average.
    let mut days_late_sum: Vec<i64> = vec![0; out.len()];

    for (inv, st) in facts.invoices.iter().zip(states) {
        if inv.issue_date > as_of {
            continue;
        }
        let Some(ci) = index.get(inv.client_id) else {
            continue;
        };
        let (Some(c), Some(days_sum)) = (out.get_mut(ci), days_late_sum.get_mut(ci)) else {
            continue;
        };
        match st.status {
            InvoiceStatus::WrittenOff => {
                c.written_off_total = c.written_off_total.checked_add(st.balance)?
            }
            InvoiceStatus::Paid | InvoiceStatus::Cancelled => {
                if st.paid.is_positive() {
                    if let Some(on) = st.settled_on {
                        c.history.paid_invoices = c.history.paid_invoices.saturating_add(1);
                        let late = on.signed_duration_since(inv.due_date).num_days();
                        if late <= 0 {
                            c.history.paid_on_time = c.history.paid_on_time.saturating_add(1);
                        } else {
                            *days_sum = days_sum.saturating_add(late);
                        }
                    }
                }
            }
            _ => {
                c.balance = c.balance.checked_add(st.balance)?;
                c.open_invoices = c.open_invoices.saturating_add(1);
                if st.status == InvoiceStatus::Disputed {
                    c.disputed_total = c.disputed_total.checked_add(st.balance)?;
                }
                if st.status == InvoiceStatus::Overdue {
                    c.overdue_total = c.overdue_total.checked_add(st.balance)?;
                    c.overdue_invoices = c.overdue_invoices.saturating_add(1);
                    c.oldest_overdue_due_date = Some(
                        c.oldest_overdue_due_date
                            .map_or(inv.due_date, |d| d.min(inv.due_date)),
                    );
                    c.max_days_late = c.max_days_late.max(st.days_late);
                }
            }
        }
    }

    for credit in facts.credits.iter().filter(|c| c.date <= as_of) {
        if let Some(c) = index.get(credit.client_id).and_then(|i| out.get_mut(i)) {
            c.credit = c.credit.checked_add(credit.unallocated)?;
        }
    }

    for (c, days_sum) in out.iter_mut().zip(days_late_sum) {
        let n = c.history.paid_invoices;
        if n > 0 {
            let n = Decimal::from(n);
            let avg = Decimal::from(days_sum).checked_div(n).unwrap_or_default();
            let mut avg = avg.round_dp(1);
            avg.rescale(1);
            c.history.average_days_late = Some(avg);
            c.history.on_time_percent =
                PaymentHistory::share_on_time(c.history.paid_on_time, c.history.paid_invoices);
        }
    }
    Ok(out)
}

/// How a payment without explicit allocations settles the client's open invoices (C. civ. 1342-10: the debts
/// already due first, then the oldest): those due by the payment date, then by due date, then in issue order.
/// `open` holds each invoice with what is still owed on it; returns the allocation lines (what is left of the
/// payment stays as client credit).
pub fn imputation(
    amount: Money,
    open: &[(crate::model::Invoice, Money)],
    date: NaiveDate,
) -> Vec<(InvoiceId, Money)> {
    let mut order: Vec<&(crate::model::Invoice, Money)> =
        open.iter().filter(|(_, left)| left.is_positive()).collect();
    order.sort_by_key(|(i, _)| (i.due_date >= date, i.due_date, i.id));
    let balances: Vec<(InvoiceId, Money)> = order.iter().map(|(i, m)| (i.id, *m)).collect();
    crate::money::allocate_in_order(amount, &balances).0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    fn inv(id: i64, client: i64, issue: &str, due: &str, cents: i64) -> InvoiceFact {
        InvoiceFact {
            id,
            client_id: client,
            issue_date: d(issue),
            due_date: d(due),
            amount: Money::from_cents(cents),
        }
    }

    fn pay(invoice: i64, date: &str, cents: i64) -> Settlement {
        Settlement {
            invoice_id: invoice,
            date: d(date),
            amount: Money::from_cents(cents),
            kind: SettlementKind::Payment,
        }
    }

    /// Studio Nova, from scenario.md: one disputed invoice, one partly paid and overdue.
    fn studio_nova() -> Facts {
        Facts {
            client_ids: vec![4],
            invoices: vec![
                inv(39, 4, "2026-09-25", "2026-10-25", 115_000),
                inv(33, 4, "2026-08-31", "2026-09-30", 60_000),
            ],
            settlements: vec![pay(33, "2026-10-12", 30_000)],
            credits: vec![],
            flags: vec![FlagFact {
                invoice_id: 39,
                date: d("2026-11-02"),
                event: FlagEvent::DisputeOpened,
            }],
        }
    }

    #[test]
    fn scenario_studio_nova_on_23_november() {
        let facts = studio_nova();
        let states = invoice_states(&facts, d("2026-11-23")).unwrap_or_default();
        assert_eq!(states[0].status, InvoiceStatus::Disputed);
        assert_eq!(states[0].days_late, Some(29));
        assert_eq!(states[1].status, InvoiceStatus::Overdue);
        assert_eq!(states[1].balance, Money::from_cents(30_000));
        assert_eq!(states[1].days_late, Some(54));
        let c = &client_standings(&facts, d("2026-11-23")).unwrap_or_default()[0];
        assert_eq!(c.balance, Money::from_cents(145_000));
        assert_eq!(c.overdue_total, Money::from_cents(30_000));
        assert_eq!(c.disputed_total, Money::from_cents(115_000));
        assert_eq!(c.oldest_overdue_due_date, Some(d("2026-09-30")));
    }

    #[test]
    fn as_of_a_past_date_ignores_later_events() {
        let facts = studio_nova();
        // On 01/11 the dispute was not yet raised: F-2026-039 is simply overdue.
        let states = invoice_states(&facts, d("2026-11-01")).unwrap_or_default();
        assert_eq!(states[0].status, InvoiceStatus::Overdue);
        // On 11/10 the 300 € had not arrived: the whole 600 € is owed.
        let states = invoice_states(&facts, d("2026-10-11")).unwrap_or_default();
        assert_eq!(states[1].balance, Money::from_cents(60_000));
    }

    #[test]
    fn lateness_boundaries() {
        let facts = Facts {
            client_ids: vec![1],
            invoices: vec![inv(1, 1, "2026-10-01", "2026-10-31", 100)],
            ..Default::default()
        };
        let status = |day: &str| invoice_states(&facts, d(day)).unwrap_or_default()[0].clone();
        assert_eq!(status("2026-10-31").status, InvoiceStatus::Open);
        assert_eq!(status("2026-10-31").days_late, None);
        assert_eq!(status("2026-11-01").status, InvoiceStatus::Overdue);
        assert_eq!(status("2026-11-01").days_late, Some(1));
    }

    #[test]
    fn credit_notes_paid_and_cancelled() {
        let mut facts = Facts {
            client_ids: vec![1],
            invoices: vec![
                inv(1, 1, "2026-01-01", "2026-01-31", 10_000),
                inv(2, 1, "2026-01-01", "2026-01-31", 10_000),
            ],
            ..Default::default()
        };
        facts.settlements = vec![
            Settlement {
                invoice_id: 1,
                date: d("2026-01-10"),
                amount: Money::from_cents(10_000),
                kind: SettlementKind::CreditNote,
            },
            Settlement {
                invoice_id: 2,
                date: d("2026-01-10"),
                amount: Money::from_cents(4_000),
                kind: SettlementKind::CreditNote,
            },
            pay(2, "2026-02-05", 6_000),
        ];
        let s = invoice_states(&facts, d("2026-03-01")).unwrap_or_default();
        assert_eq!(s[0].status, InvoiceStatus::Cancelled);
        assert_eq!(s[1].status, InvoiceStatus::Paid);
        assert_eq!(s[1].settled_on, Some(d("2026-02-05")));
        let c = &client_standings(&facts, d("2026-03-01")).unwrap_or_default()[0];
        assert_eq!(c.history.paid_invoices, 1);
        assert_eq!(c.history.paid_on_time, 0);
        assert_eq!(
            c.history.average_days_late.map(|x| x.to_string()),
            Some("5.0".into())
        );
        assert_eq!(
            c.history.on_time_percent.map(|x| x.to_string()),
            Some("0".into())
        );
    }

    #[test]
    fn dispute_settled_and_write_off() {
        let mut facts = studio_nova();
        facts.flags.push(FlagFact {
            invoice_id: 39,
            date: d("2026-11-20"),
            event: FlagEvent::DisputeSettled,
        });
        facts.flags.push(FlagFact {
            invoice_id: 33,
            date: d("2026-11-21"),
            event: FlagEvent::WrittenOff,
        });
        let s = invoice_states(&facts, d("2026-11-23")).unwrap_or_default();
        assert_eq!(s[0].status, InvoiceStatus::Overdue);
        assert_eq!(s[1].status, InvoiceStatus::WrittenOff);
        let c = &client_standings(&facts, d("2026-11-23")).unwrap_or_default()[0];
        assert_eq!(c.balance, Money::from_cents(115_000));
        assert_eq!(c.written_off_total, Money::from_cents(30_000));
    }
}
