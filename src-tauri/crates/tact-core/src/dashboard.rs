//! « Tableau de bord » (issue 18): where the user stands on a date — what is owed and in what state, the aging by
//! client, the DSO and its trend, the riskiest balances, the cash-in forecast and each client's payer profile.
//! Pure: the ledger gathers the same facts as for the agenda (one read of the books) and this module computes
//! everything from them in one pass per concern; nothing here reads the clock or the database.
//!
//! Every figure carries a [`Selection`]: the invoices behind it, which the screen opens ([`selected`]).

mod dso;
mod export;
mod forecast;

pub use dso::*;
pub use export::*;
pub use forecast::*;

use crate::calendar::Calendar;
use crate::error::Result;
use crate::model::{
    in_force, Client, ClientId, InvoiceId, InvoiceStatus, JournalEntry, JournalKind,
};
use crate::money::Money;
use crate::payers::{self, GoodPayerRule, PayerCase, PayerProfile};
use crate::plans::PlanState;
use crate::standing::{ClientStanding, Facts, FlagEvent, InvoiceState};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// What the dashboard is computed from: the books as the agenda reads them.
pub struct DashboardFacts<'a> {
    pub today: NaiveDate,
    /// Every client (an archived client may still owe).
    pub clients: &'a [Client],
    pub facts: &'a Facts,
    /// The invoices' states as of `today`, in the order of `facts.invoices`.
    pub states: &'a [InvoiceState],
    /// The clients' standings as of `today`.
    pub standings: &'a [ClientStanding],
    /// Each client's history, in date order.
    pub journal: &'a HashMap<ClientId, Vec<JournalEntry>>,
    /// Each client's calendars that were not replaced, followed to `today`.
    pub plans: &'a HashMap<ClientId, Vec<PlanState>>,
    /// Invoice numbers, at least of the invoices [`numbered`] gives.
    pub numbers: &'a HashMap<InvoiceId, String>,
    pub rule: GoodPayerRule,
    /// The policy's grace after a promised date, in working days.
    pub promise_grace: u32,
    pub cal: &'a Calendar,
}

/// In what state an amount owed is; each invoice owed is in exactly one, so the four add up to the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Owing {
    /// Not yet due.
    NotDue,
    /// Past its due date, neither disputed nor under a calendar in force.
    Overdue,
    /// Covered by a signed calendar that is still in force: the calendar's dates count, not the invoice's.
    UnderPlan,
    /// Contested: out of the reminders until the disagreement is settled.
    Disputed,
}

crate::model::labelled_enum!(
    /// The columns of the aging report: days past the due date.
    AgeBucket {
        NotDue = "not_due" / "Non échu",
        Days1To30 = "1_30" / "1 à 30 jours",
        Days31To60 = "31_60" / "31 à 60 jours",
        Days61To90 = "61_90" / "61 à 90 jours",
        Over90 = "over_90" / "Plus de 90 jours",
    }
);

impl AgeBucket {
    pub fn of(days_late: Option<i64>) -> AgeBucket {
        match days_late.unwrap_or(0) {
            ..=0 => AgeBucket::NotDue,
            1..=30 => AgeBucket::Days1To30,
            31..=60 => AgeBucket::Days31To60,
            61..=90 => AgeBucket::Days61To90,
            _ => AgeBucket::Over90,
        }
    }

    fn index(self) -> usize {
        match self {
            AgeBucket::NotDue => 0,
            AgeBucket::Days1To30 => 1,
            AgeBucket::Days31To60 => 2,
            AgeBucket::Days61To90 => 3,
            AgeBucket::Over90 => 4,
        }
    }
}

/// Which invoices a figure stands for; every field given must match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Selection {
    /// Only invoices with something owed in this state (`None` with `written_off`: every invoice owed).
    pub owing: Option<Owing>,
    pub bucket: Option<AgeBucket>,
    pub client_id: Option<ClientId>,
    /// The invoices written off this year, instead of those owed.
    pub written_off: bool,
}

/// An amount, how many invoices make it, and which they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Figure {
    pub amount: Money,
    pub count: u32,
    pub selection: Selection,
}

impl Figure {
    fn new(selection: Selection) -> Figure {
        Figure {
            amount: Money::ZERO,
            count: 0,
            selection,
        }
    }

    fn add(&mut self, amount: Money) -> Result<()> {
        self.amount = self.amount.checked_add(amount)?;
        self.count = self.count.saturating_add(1);
        Ok(())
    }
}

/// What is owed, in its four states, and what was let go this year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Owed {
    pub total: Figure,
    pub not_due: Figure,
    pub overdue: Figure,
    pub under_plan: Figure,
    pub disputed: Figure,
    /// Written off (« passées en perte ») since 1 January.
    pub written_off_this_year: Figure,
    /// Invoices whose late-payment penalties were waived (« J'y renonce ») since 1 January.
    pub penalties_waived_this_year: u32,
    /// Payments received and held as credit (not allocated to an invoice).
    pub credit: Money,
}

/// One client's line of the aging report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgingRow {
    pub client_id: ClientId,
    pub client_name: String,
    /// In the order of [`AgeBucket::ALL`].
    pub buckets: Vec<Figure>,
    pub total: Figure,
}

/// The aging report: by client, largest balance first, and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Aging {
    pub rows: Vec<AgingRow>,
    pub totals: Vec<Figure>,
    pub total: Figure,
}

/// A balance at risk, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Risk {
    pub client_id: ClientId,
    pub client_name: String,
    /// Overdue, disputed, or due on a calendar instalment missed.
    pub at_risk: Figure,
    pub profile: PayerProfile,
}

/// The whole dashboard as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dashboard {
    pub today: NaiveDate,
    pub owed: Owed,
    pub aging: Aging,
    pub dso: Dso,
    /// The three riskiest balances.
    pub risks: Vec<Risk>,
    pub forecast: Forecast,
    /// Every active client that has been invoiced, weakest first.
    pub payers: Vec<PayerProfile>,
}

/// Where an invoice owed stands on the dashboard.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place {
    pub index: usize,
    pub owing: Owing,
    pub bucket: AgeBucket,
}

/// The invoices of calendars in force (their dates replace the invoices' own).
fn under_plan(plans: &HashMap<ClientId, Vec<PlanState>>) -> HashSet<InvoiceId> {
    plans
        .values()
        .flatten()
        .filter(|p| p.in_force())
        .flat_map(|p| p.plan.invoice_ids())
        .collect()
}

/// Each invoice with something owed on `today` (issued by then, not written off), with its state and bucket.
pub(crate) fn places(
    facts: &Facts,
    states: &[InvoiceState],
    plans: &HashMap<ClientId, Vec<PlanState>>,
    today: NaiveDate,
) -> Vec<Place> {
    let planned = under_plan(plans);
    facts
        .invoices
        .iter()
        .zip(states)
        .enumerate()
        .filter(|(_, (f, s))| f.issue_date <= today && s.balance.is_positive())
        .filter_map(|(index, (f, s))| {
            let owing = match s.status {
                InvoiceStatus::Disputed => Owing::Disputed,
                InvoiceStatus::WrittenOff | InvoiceStatus::Paid | InvoiceStatus::Cancelled => {
                    return None
                }
                _ if planned.contains(&f.id) => Owing::UnderPlan,
                InvoiceStatus::Overdue => Owing::Overdue,
                _ => Owing::NotDue,
            };
            Some(Place {
                index,
                owing,
                bucket: AgeBucket::of(s.days_late),
            })
        })
        .collect()
}

/// Per client, the invoice overdue the longest (outside calendars in force and disputes), with its days late.
/// The invoices whose number the dashboard writes — those expected in the forecast and each client's most late
/// one —, so that the ledger reads only these.
pub fn numbered(
    facts: &Facts,
    states: &[InvoiceState],
    plans: &HashMap<ClientId, Vec<PlanState>>,
    today: NaiveDate,
) -> Vec<InvoiceId> {
    let places = places(facts, states, plans, today);
    let mut ids: Vec<InvoiceId> = places
        .iter()
        .filter(|p| p.owing == Owing::NotDue)
        .filter_map(|p| facts.invoices.get(p.index).map(|f| f.id))
        .collect();
    ids.extend(
        worst_of(&places, facts, states)
            .into_values()
            .map(|(id, _)| id),
    );
    ids.sort_unstable();
    ids.dedup();
    ids
}

pub fn worst_late(
    facts: &Facts,
    states: &[InvoiceState],
    plans: &HashMap<ClientId, Vec<PlanState>>,
    today: NaiveDate,
) -> HashMap<ClientId, (InvoiceId, i64)> {
    worst_of(&places(facts, states, plans, today), facts, states)
}

fn worst_of(
    places: &[Place],
    facts: &Facts,
    states: &[InvoiceState],
) -> HashMap<ClientId, (InvoiceId, i64)> {
    let mut worst: HashMap<ClientId, (InvoiceId, i64)> = HashMap::new();
    for p in places.iter().filter(|p| p.owing == Owing::Overdue) {
        let (Some(f), Some(s)) = (facts.invoices.get(p.index), states.get(p.index)) else {
            continue;
        };
        let days = s.days_late.unwrap_or(0);
        let w = worst.entry(f.client_id).or_insert((f.id, days));
        if days > w.1 {
            *w = (f.id, days);
        }
    }
    worst
}

/// The invoices written off since 1 January of `today`'s year, by index in `facts.invoices`.
fn written_off_this_year(facts: &Facts, states: &[InvoiceState], today: NaiveDate) -> Vec<usize> {
    let start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let ids: HashSet<InvoiceId> = facts
        .flags
        .iter()
        .filter(|f| f.event == FlagEvent::WrittenOff && f.date >= start && f.date <= today)
        .map(|f| f.invoice_id)
        .collect();
    facts
        .invoices
        .iter()
        .zip(states)
        .enumerate()
        .filter(|(_, (f, s))| ids.contains(&f.id) && s.status == InvoiceStatus::WrittenOff)
        .map(|(i, _)| i)
        .collect()
}

/// The invoices behind a figure, in due-date order.
pub fn selected(
    selection: &Selection,
    facts: &Facts,
    states: &[InvoiceState],
    plans: &HashMap<ClientId, Vec<PlanState>>,
    today: NaiveDate,
) -> Vec<InvoiceId> {
    let of_client = |i: usize| {
        selection
            .client_id
            .is_none_or(|c| facts.invoices.get(i).is_some_and(|f| f.client_id == c))
    };
    let mut chosen: Vec<usize> = if selection.written_off {
        written_off_this_year(facts, states, today)
            .into_iter()
            .filter(|i| of_client(*i))
            .collect()
    } else {
        places(facts, states, plans, today)
            .into_iter()
            .filter(|p| selection.owing.is_none_or(|o| o == p.owing))
            .filter(|p| selection.bucket.is_none_or(|b| b == p.bucket))
            .filter(|p| of_client(p.index))
            .map(|p| p.index)
            .collect()
    };
    chosen.sort_by_key(|i| facts.invoices.get(*i).map(|f| (f.due_date, f.id)));
    chosen
        .into_iter()
        .filter_map(|i| facts.invoices.get(i).map(|f| f.id))
        .collect()
}

/// The dashboard as of `d.today`.
pub fn dashboard(d: &DashboardFacts<'_>) -> Result<Dashboard> {
    let (facts, states, today) = (d.facts, d.states, d.today);
    let names: HashMap<ClientId, &Client> = d.clients.iter().map(|c| (c.id, c)).collect();
    let places = places(facts, states, d.plans, today);

    // What is owed, and the aging by client.
    let sel = |owing: Option<Owing>| Selection {
        owing,
        ..Default::default()
    };
    let mut owed = Owed {
        total: Figure::new(sel(None)),
        not_due: Figure::new(sel(Some(Owing::NotDue))),
        overdue: Figure::new(sel(Some(Owing::Overdue))),
        under_plan: Figure::new(sel(Some(Owing::UnderPlan))),
        disputed: Figure::new(sel(Some(Owing::Disputed))),
        written_off_this_year: Figure::new(Selection {
            written_off: true,
            ..Default::default()
        }),
        penalties_waived_this_year: 0,
        credit: Money::sum(d.standings.iter().map(|s| s.credit))?,
    };
    let bucket_figure = |bucket: Option<AgeBucket>, client_id: Option<ClientId>| {
        Figure::new(Selection {
            owing: None,
            bucket,
            client_id,
            written_off: false,
        })
    };
    let mut rows: HashMap<ClientId, AgingRow> = HashMap::new();
    let mut totals: Vec<Figure> = AgeBucket::ALL
        .iter()
        .map(|b| bucket_figure(Some(*b), None))
        .collect();
    // Per client: what is at risk, and the invoice late the longest.
    let mut at_risk: HashMap<ClientId, Figure> = HashMap::new();
    let worst = worst_of(&places, facts, states);
    for p in &places {
        let (Some(f), Some(s)) = (facts.invoices.get(p.index), states.get(p.index)) else {
            continue;
        };
        let amount = s.balance;
        owed.total.add(amount)?;
        match p.owing {
            Owing::NotDue => owed.not_due.add(amount)?,
            Owing::Overdue => owed.overdue.add(amount)?,
            Owing::UnderPlan => owed.under_plan.add(amount)?,
            Owing::Disputed => owed.disputed.add(amount)?,
        }
        let row = rows.entry(f.client_id).or_insert_with(|| AgingRow {
            client_id: f.client_id,
            client_name: names
                .get(&f.client_id)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            buckets: AgeBucket::ALL
                .iter()
                .map(|b| bucket_figure(Some(*b), Some(f.client_id)))
                .collect(),
            total: bucket_figure(None, Some(f.client_id)),
        });
        if let Some(cell) = row.buckets.get_mut(p.bucket.index()) {
            cell.add(amount)?;
        }
        row.total.add(amount)?;
        if let Some(t) = totals.get_mut(p.bucket.index()) {
            t.add(amount)?;
        }
        if matches!(p.owing, Owing::Overdue | Owing::Disputed) {
            at_risk
                .entry(f.client_id)
                .or_insert_with(|| {
                    Figure::new(Selection {
                        client_id: Some(f.client_id),
                        owing: Some(p.owing),
                        ..Default::default()
                    })
                })
                .add(amount)?;
        }
    }
    for i in written_off_this_year(facts, states, today) {
        if let Some(s) = states.get(i) {
            owed.written_off_this_year.add(s.balance)?;
        }
    }
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    owed.penalties_waived_this_year = u32::try_from(
        d.journal
            .values()
            .flat_map(|j| in_force(j))
            .filter(|e| {
                e.kind == JournalKind::PenaltiesWaived && e.date >= year_start && e.date <= today
            })
            .count(),
    )
    .unwrap_or(u32::MAX);
    let mut rows: Vec<AgingRow> = rows.into_values().collect();
    rows.sort_by(|a, b| {
        b.total
            .amount
            .cmp(&a.total.amount)
            .then_with(|| a.client_name.cmp(&b.client_name))
    });
    let aging = Aging {
        rows,
        totals,
        total: owed.total.clone(),
    };

    // The payer profiles: every active client that has been invoiced.
    let invoiced: HashSet<ClientId> = facts.invoices.iter().map(|f| f.client_id).collect();
    let standing_of: HashMap<ClientId, &ClientStanding> =
        d.standings.iter().map(|s| (s.client_id, s)).collect();
    let empty = ClientStanding::default();
    let mut profiles: Vec<PayerProfile> = d
        .clients
        .iter()
        .filter(|c| !c.archived && invoiced.contains(&c.id))
        .map(|c| {
            let worst_late = worst
                .get(&c.id)
                .and_then(|(id, days)| d.numbers.get(id).map(|n| (n.as_str(), *days)));
            payers::profile(
                &PayerCase {
                    client_id: c.id,
                    client_name: &c.name,
                    standing: standing_of.get(&c.id).copied().unwrap_or(&empty),
                    worst_late,
                    journal: d.journal.get(&c.id).map_or(&[], Vec::as_slice),
                    plans: d.plans.get(&c.id).map_or(&[], Vec::as_slice),
                },
                d.rule,
                d.promise_grace,
                d.cal,
                today,
            )
        })
        .collect();
    profiles.sort_by(|a, b| {
        a.score
            .unwrap_or(u8::MAX)
            .cmp(&b.score.unwrap_or(u8::MAX))
            .then_with(|| a.client_name.cmp(&b.client_name))
    });

    // The riskiest balances: what is at risk, weighed by how weak the payer is.
    let profile_of: HashMap<ClientId, &PayerProfile> =
        profiles.iter().map(|p| (p.client_id, p)).collect();
    let mut risks: Vec<Risk> = at_risk
        .into_iter()
        .filter_map(|(client_id, figure)| {
            let profile = (*profile_of.get(&client_id)?).clone();
            Some(Risk {
                client_id,
                client_name: profile.client_name.clone(),
                at_risk: figure,
                profile,
            })
        })
        .collect();
    let weight = |r: &Risk| {
        let weakness = i128::from(100u8.saturating_sub(r.profile.score.unwrap_or(50)));
        i128::from(r.at_risk.amount.cents()).saturating_mul(weakness.max(1))
    };
    risks.sort_by(|a, b| {
        weight(b)
            .cmp(&weight(a))
            .then_with(|| a.client_name.cmp(&b.client_name))
    });
    risks.truncate(3);

    Ok(Dashboard {
        today,
        owed,
        aging,
        dso: dso::dso(facts, states, today)?,
        risks,
        forecast: forecast::forecast(d, &places)?,
        payers: profiles,
    })
}
