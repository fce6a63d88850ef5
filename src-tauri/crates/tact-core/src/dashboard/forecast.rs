//! The cash-in forecast: what will likely come in, week by week for 8 weeks and month by month for 6.
//!
//! Each amount expected is placed at its likely date:
//! - an invoice not yet due: its due date plus the client's own average delay (from the invoices it paid); the
//!   range runs from its due date plus the client's shortest delay to its due date plus the longest;
//! - an instalment of a signed calendar in force: its date (the calendar was agreed for it), up to the day it
//!   would count as missed; the calendar's invoices are not counted again;
//! - a promise to pay still running: the promised date, for the amount promised (or what the client has
//!   overdue), up to the end of its grace.
//!
//! What is overdue with no promise nor calendar (and the instalments missed) has no date to place it on: it is
//! shown apart. Disputed invoices are left out. « Au mieux » adds each amount at the early end of its range.

use super::*;
use crate::text::{format_date_fr, format_date_long_fr, MONTHS_FR};

const WEEKS: u32 = 8;
const MONTHS: u32 = 6;

/// What an expected amount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Expected {
    Invoice,
    Instalment,
    Promise,
}

/// An amount expected, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ForecastItem {
    pub client_id: ClientId,
    pub client_name: String,
    pub kind: Expected,
    /// « F-2026-049 », « ECH-3, échéance n° 2 », « Promesse de paiement ».
    pub what: String,
    pub amount: Money,
    /// The due date, the instalment's date or the promised date.
    pub due: NaiveDate,
    /// The early end of the range.
    pub earliest: NaiveDate,
    pub likely: NaiveDate,
    pub latest: NaiveDate,
}

/// A week or a month of the forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// « Sem. du 30/11 », « Décembre 2026 ».
    pub label: String,
    /// The amounts whose likely date falls in it.
    pub likely: Money,
    /// The amounts whose early date falls in it.
    pub best: Money,
    pub count: u32,
}

/// The forecast as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Forecast {
    /// « D'ici le 15 décembre, vous pouvez raisonnablement compter sur … € (… € au mieux). »
    pub sentence: String,
    /// The next 15th (the URSSAF's and the rent's day), the sentence's horizon.
    pub horizon: NaiveDate,
    pub likely_by_horizon: Money,
    pub best_by_horizon: Money,
    pub weeks: Vec<Period>,
    pub months: Vec<Period>,
    /// Every amount expected, by likely date.
    pub items: Vec<ForecastItem>,
    /// Overdue with no date to count on: no promise, no calendar (and the instalments missed).
    pub overdue: Figure,
    /// Payments received since the 1st of the month.
    pub received_this_month: Money,
}

/// The next 15th after `today` (today's month while before the 15th).
pub fn next_fifteenth(today: NaiveDate) -> NaiveDate {
    let this = today.with_day(15).unwrap_or(today);
    if today < this {
        this
    } else {
        today
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.with_day(15))
            .unwrap_or(this)
    }
}

fn plus(d: NaiveDate, days: i64) -> NaiveDate {
    d.checked_add_signed(chrono::TimeDelta::days(days))
        .unwrap_or(d)
}

/// Each client's delays on the invoices it paid (days after the due date, 0 when on time): shortest, average
/// (rounded), longest.
fn delays(facts: &Facts, states: &[InvoiceState]) -> HashMap<ClientId, (i64, i64, i64)> {
    let mut acc: HashMap<ClientId, (i64, i64, i64, i64)> = HashMap::new();
    for (f, s) in facts.invoices.iter().zip(states) {
        let Some(on) = s
            .settled_on
            .filter(|_| s.paid.is_positive() && !s.balance.is_positive())
        else {
            continue;
        };
        let late = on.signed_duration_since(f.due_date).num_days().max(0);
        let e = acc.entry(f.client_id).or_insert((i64::MAX, 0, 0, 0));
        e.0 = e.0.min(late);
        e.1 = e.1.saturating_add(late);
        e.2 = e.2.max(late);
        e.3 = e.3.saturating_add(1);
    }
    acc.into_iter()
        .map(|(c, (min, sum, max, n))| {
            // Rounded half up: 2,5 days is 3.
            let avg = sum
                .saturating_mul(2)
                .saturating_add(n)
                .checked_div(n.saturating_mul(2))
                .unwrap_or(0);
            (c, (min, avg, max))
        })
        .collect()
}

fn week_label(start: NaiveDate) -> String {
    format!("Sem. du {}", start.format("%d/%m"))
}

fn month_label(start: NaiveDate) -> String {
    crate::text::capitalize(&format!(
        "{} {}",
        MONTHS_FR
            .get(start.month0() as usize)
            .copied()
            .unwrap_or(""),
        start.year()
    ))
}

pub(super) fn forecast(d: &DashboardFacts<'_>, places: &[Place]) -> Result<Forecast> {
    let (facts, states, today) = (d.facts, d.states, d.today);
    let names: HashMap<ClientId, &str> =
        d.clients.iter().map(|c| (c.id, c.name.as_str())).collect();
    let name = |c: ClientId| names.get(&c).copied().unwrap_or_default().to_owned();
    let delays = delays(facts, states);
    let mut items = Vec::new();
    let mut overdue = Figure::new(Selection {
        owing: Some(Owing::Overdue),
        ..Default::default()
    });
    // What each client has overdue (outside calendars), for its promise.
    let mut overdue_of: HashMap<ClientId, Money> = HashMap::new();

    for p in places {
        let (Some(f), Some(s)) = (facts.invoices.get(p.index), states.get(p.index)) else {
            continue;
        };
        match p.owing {
            Owing::NotDue => {
                let (min, avg, max) = delays.get(&f.client_id).copied().unwrap_or((0, 0, 0));
                items.push(ForecastItem {
                    client_id: f.client_id,
                    client_name: name(f.client_id),
                    kind: Expected::Invoice,
                    what: d.numbers.get(&f.id).cloned().unwrap_or_default(),
                    amount: s.balance,
                    due: f.due_date,
                    earliest: plus(f.due_date, min).max(today),
                    likely: plus(f.due_date, avg).max(today),
                    latest: plus(f.due_date, max).max(today),
                });
            }
            Owing::Overdue => {
                let e = overdue_of.entry(f.client_id).or_default();
                *e = e.checked_add(s.balance)?;
            }
            Owing::UnderPlan | Owing::Disputed => {}
        }
    }

    // Promises still running take what they cover out of the overdue mass.
    for (client, journal) in d.journal {
        let entries: Vec<&JournalEntry> = in_force(journal).collect();
        let Some(p) = entries.iter().rev().find(|e| e.promise_date.is_some()) else {
            continue;
        };
        let promised = p.promise_date.unwrap_or(p.date);
        let until = d.cal.add_working_days(promised, d.promise_grace);
        let paid_since = entries
            .iter()
            .any(|e| e.kind == JournalKind::PaymentRecorded && e.date >= p.date);
        let owed = overdue_of.get(client).copied().unwrap_or_default();
        if today > until || paid_since || !owed.is_positive() {
            continue;
        }
        let amount = p.promise_amount.map_or(owed, |a| a.min(owed));
        if let Some(o) = overdue_of.get_mut(client) {
            *o = o.checked_sub(amount)?;
        }
        items.push(ForecastItem {
            client_id: *client,
            client_name: name(*client),
            kind: Expected::Promise,
            what: format!("Promesse de paiement du {}", format_date_fr(p.date)),
            amount,
            due: promised,
            earliest: promised.max(today),
            likely: promised.max(today),
            latest: until.max(today),
        });
    }
    for amount in overdue_of.values().filter(|a| a.is_positive()) {
        overdue.amount = overdue.amount.checked_add(*amount)?;
    }
    overdue.count = u32::try_from(places.iter().filter(|p| p.owing == Owing::Overdue).count())
        .unwrap_or(u32::MAX);

    // The instalments of the calendars in force.
    for plan in d.plans.values().flatten().filter(|p| p.in_force()) {
        for i in plan.instalments.iter().filter(|i| i.left.is_positive()) {
            if i.status == crate::plans::InstalmentStatus::Late {
                overdue.amount = overdue.amount.checked_add(i.left)?;
                continue;
            }
            let due = i.instalment.due_on;
            items.push(ForecastItem {
                client_id: plan.plan.client_id,
                client_name: name(plan.plan.client_id),
                kind: Expected::Instalment,
                what: format!("{}, {}", plan.plan.reference(), i.label.to_lowercase()),
                amount: i.left,
                due,
                earliest: due.max(today),
                likely: due.max(today),
                latest: i.late_from.max(today),
            });
        }
    }
    items.sort_by(|a, b| {
        (a.likely, &a.client_name, &a.what).cmp(&(b.likely, &b.client_name, &b.what))
    });

    // Weeks from today's Monday, months from today's.
    let monday = plus(
        today,
        0i64.saturating_sub(i64::from(today.weekday().num_days_from_monday())),
    );
    let fill = |start: NaiveDate, end: NaiveDate, label: String| -> Result<Period> {
        let within = |x: NaiveDate| x >= start && x <= end;
        let mut p = Period {
            start,
            end,
            label,
            likely: Money::ZERO,
            best: Money::ZERO,
            count: 0,
        };
        for i in &items {
            if within(i.likely) {
                p.likely = p.likely.checked_add(i.amount)?;
                p.count = p.count.saturating_add(1);
            }
            if within(i.earliest) {
                p.best = p.best.checked_add(i.amount)?;
            }
        }
        Ok(p)
    };
    let weeks = (0..i64::from(WEEKS))
        .map(|k| {
            let start = plus(monday, k.saturating_mul(7));
            fill(start, plus(start, 6), week_label(start))
        })
        .collect::<Result<Vec<_>>>()?;
    let first = today.with_day(1).unwrap_or(today);
    let months = (0..MONTHS)
        .map(|k| {
            let start = first
                .checked_add_months(chrono::Months::new(k))
                .unwrap_or(first);
            let end = start
                .checked_add_months(chrono::Months::new(1))
                .and_then(|x| x.pred_opt())
                .unwrap_or(start);
            fill(start, end, month_label(start))
        })
        .collect::<Result<Vec<_>>>()?;

    let horizon = next_fifteenth(today);
    let likely_by = Money::sum(
        items
            .iter()
            .filter(|i| i.likely <= horizon)
            .map(|i| i.amount),
    )?;
    let best_by = Money::sum(
        items
            .iter()
            .filter(|i| i.earliest <= horizon)
            .map(|i| i.amount),
    )?;
    let by = format!("D'ici le {}", format_date_long_fr(horizon));
    let by = by
        .strip_suffix(&format!(" {}", horizon.year()))
        .map(str::to_owned)
        .filter(|_| horizon.year() == today.year())
        .unwrap_or(by);
    let mut sentence = if best_by.is_positive() {
        let best = if best_by > likely_by {
            format!(" ({} au mieux)", best_by.format_fr())
        } else {
            String::new()
        };
        format!(
            "{by}, vous pouvez raisonnablement compter sur {}{best}.",
            likely_by.format_fr()
        )
    } else {
        format!("{by}, aucun règlement n'est attendu à son échéance.")
    };
    if overdue.amount.is_positive() {
        sentence.push_str(&format!(
            " En dehors de ce montant, {} sont en retard sans date de paiement convenue.",
            overdue.amount.format_fr()
        ));
    }

    // What came in since the 1st: payments allocated, and what they left as credit.
    let received = Money::sum(
        facts
            .settlements
            .iter()
            .filter(|x| {
                x.kind == crate::standing::SettlementKind::Payment
                    && x.date >= first
                    && x.date <= today
            })
            .map(|x| x.amount)
            .chain(
                facts
                    .credits
                    .iter()
                    .filter(|c| c.date >= first && c.date <= today)
                    .map(|c| c.unallocated),
            ),
    )?;

    Ok(Forecast {
        sentence,
        horizon,
        likely_by_horizon: likely_by,
        best_by_horizon: best_by,
        weeks,
        months,
        items,
        overdue,
        received_this_month: received,
    })
}
