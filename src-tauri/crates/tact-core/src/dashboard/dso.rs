//! DSO (days sales outstanding) by the countback method, and the average delay of the invoices paid each month.
//!
//! Countback, as of a date E: take what is owed on E (invoices issued by E, less payments and credit notes up to
//! E, less what was written off by E); walk back month by month from E's month — its days up to E, then whole
//! months — subtracting each month's sales (invoices issued that month, less the credit notes dated that
//! month); a month whose sales exceed what is left counts for the fraction left ÷ sales of its days. The DSO is
//! the days counted. At most 48 months are walked; a month without sales counts whole.

use super::*;
use rust_decimal::{Decimal, RoundingStrategy};

/// How many months back the countback walks at most.
const WINDOW: u32 = 48;
/// How many closed months the trend shows.
const TREND_MONTHS: u32 = 12;

/// The DSO on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DsoPoint {
    pub on: NaiveDate,
    /// Days, one decimal; `None` when nothing was ever invoiced by then.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub days: Option<Decimal>,
    /// What was owed on that date.
    pub receivables: Money,
}

/// The invoices settled in a month and their average delay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LateMonth {
    /// The month's first day.
    pub month: NaiveDate,
    /// Invoices paid off that month.
    pub paid: u32,
    /// Days after the due date, 0 for those on time, one decimal; `None` when none was paid.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub average_days_late: Option<Decimal>,
}

/// The DSO today, at the end of each of the last 12 months, and the average delay per month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dso {
    pub current: DsoPoint,
    /// Oldest first.
    pub months: Vec<DsoPoint>,
    /// The last 12 months, the current one included, oldest first.
    pub late: Vec<LateMonth>,
    /// The method, in one sentence, for the screen and the reports.
    pub method: String,
}

pub const DSO_METHOD: &str = "Méthode de l'épuisement du chiffre d'affaires («\u{a0}countback\u{a0}»)\u{a0}: l'encours du jour est comparé aux factures émises, mois par mois en remontant, jusqu'à l'épuiser\u{a0}; le DSO est le nombre de jours ainsi couverts.";

/// Months since year 0 (January of year 0 is 0).
fn month_number(d: NaiveDate) -> i64 {
    i64::from(d.year())
        .saturating_mul(12)
        .saturating_add(i64::from(d.month0()))
}

fn first_of(month: i64) -> Option<NaiveDate> {
    let year = i32::try_from(month.div_euclid(12)).ok()?;
    let m0 = u32::try_from(month.rem_euclid(12)).ok()?;
    NaiveDate::from_ymd_opt(year, m0.checked_add(1)?, 1)
}

fn last_of(month: i64) -> Option<NaiveDate> {
    first_of(month.checked_add(1)?)?.pred_opt()
}

fn days_in(month: i64) -> u32 {
    last_of(month).map_or(30, |d| d.day())
}

/// One decimal, always shown (« 45,5 », « 30,0 »).
pub(crate) fn one_decimal(x: Decimal) -> Decimal {
    let mut x = x.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    x.rescale(1);
    x
}

pub(super) fn dso(facts: &Facts, states: &[InvoiceState], today: NaiveDate) -> Result<Dso> {
    let now = month_number(today);
    // The dates the DSO is computed on: the end of each of the last 12 closed months, then today.
    let mut on: Vec<NaiveDate> = (1..=i64::from(TREND_MONTHS))
        .rev()
        .filter_map(|k| last_of(now.checked_sub(k)?))
        .collect();
    on.push(today);
    let slot = |d: NaiveDate| on.partition_point(|e| *e < d);

    // Sales per month (index: months before today's), and the receivables on each date by difference.
    let mut sales = vec![Money::ZERO; WINDOW as usize];
    let month_slot = |d: NaiveDate| {
        usize::try_from(now.checked_sub(month_number(d))?)
            .ok()
            .filter(|k| *k < WINDOW as usize)
    };
    let mut delta = vec![0i64; on.len().saturating_add(1)];
    let mut shift = |d: NaiveDate, cents: i64| {
        if let Some(x) = delta.get_mut(slot(d)) {
            *x = x.saturating_add(cents);
        }
    };
    let issued: HashMap<InvoiceId, NaiveDate> = facts
        .invoices
        .iter()
        .map(|f| (f.id, f.issue_date))
        .collect();
    for f in facts.invoices.iter().filter(|f| f.issue_date <= today) {
        shift(f.issue_date, f.amount.cents());
        if let Some(s) = month_slot(f.issue_date).and_then(|k| sales.get_mut(k)) {
            *s = s.checked_add(f.amount)?;
        }
    }
    for x in facts
        .settlements
        .iter()
        .filter(|x| x.date <= today && issued.get(&x.invoice_id).is_some_and(|i| *i <= today))
    {
        shift(x.date, x.amount.cents().saturating_neg());
        if x.kind == crate::standing::SettlementKind::CreditNote {
            if let Some(s) = month_slot(x.date).and_then(|k| sales.get_mut(k)) {
                *s = s.checked_sub(x.amount)?;
            }
        }
    }
    let balance_of: HashMap<InvoiceId, Money> = facts
        .invoices
        .iter()
        .zip(states)
        .filter(|(_, s)| s.status == InvoiceStatus::WrittenOff)
        .map(|(f, s)| (f.id, s.balance))
        .collect();
    for flag in facts
        .flags
        .iter()
        .filter(|x| x.event == FlagEvent::WrittenOff && x.date <= today)
    {
        if let Some(b) = balance_of.get(&flag.invoice_id) {
            shift(flag.date, b.cents().saturating_neg());
        }
    }
    let mut running = 0i64;
    let receivables: Vec<Money> = on
        .iter()
        .zip(&delta)
        .map(|(_, x)| {
            running = running.saturating_add(*x);
            Money::from_cents(running.max(0))
        })
        .collect();
    let first_sale = facts
        .invoices
        .iter()
        .map(|f| f.issue_date)
        .filter(|d| *d <= today)
        .min();

    let countback = |e: NaiveDate, owed: Money| -> Result<Option<Decimal>> {
        if first_sale.is_none_or(|f| f > e) {
            return Ok(None);
        }
        let start = now.saturating_sub(month_number(e));
        let (mut days, mut left) = (Decimal::ZERO, owed.cents());
        for k in start..i64::from(WINDOW) {
            if left <= 0 {
                break;
            }
            let month = now.saturating_sub(k);
            let length = if k == start { e.day() } else { days_in(month) };
            let sold = usize::try_from(k)
                .ok()
                .and_then(|k| sales.get(k))
                .map_or(0, |s| s.cents().max(0));
            if left >= sold {
                days = days.checked_add(Decimal::from(length)).unwrap_or(days);
                left = left.saturating_sub(sold);
            } else {
                let part = Decimal::from(length)
                    .checked_mul(Decimal::from(left))
                    .and_then(|x| x.checked_div(Decimal::from(sold)))
                    .unwrap_or_default();
                days = days.checked_add(part).unwrap_or(days);
                left = 0;
            }
        }
        Ok(Some(one_decimal(days)))
    };
    let mut points = on
        .iter()
        .zip(&receivables)
        .map(|(e, r)| {
            Ok(DsoPoint {
                on: *e,
                days: countback(*e, *r)?,
                receivables: *r,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let current = points.pop().unwrap_or(DsoPoint {
        on: today,
        days: None,
        receivables: Money::ZERO,
    });

    // The delay of the invoices paid off each month.
    let mut late: Vec<(u32, i64)> = vec![(0, 0); TREND_MONTHS as usize];
    for (f, s) in facts.invoices.iter().zip(states) {
        let Some(on) = s.settled_on.filter(|_| s.paid.is_positive()) else {
            continue;
        };
        if on > today || s.balance.is_positive() {
            continue;
        }
        let Some(slot) = usize::try_from(now.saturating_sub(month_number(on)))
            .ok()
            .filter(|k| *k < TREND_MONTHS as usize)
        else {
            continue;
        };
        if let Some((n, sum)) = late.get_mut(slot) {
            *n = n.saturating_add(1);
            *sum = sum.saturating_add(on.signed_duration_since(f.due_date).num_days().max(0));
        }
    }
    let late = late
        .into_iter()
        .enumerate()
        .rev()
        .filter_map(|(k, (n, sum))| {
            let month = first_of(now.checked_sub(i64::try_from(k).ok()?)?)?;
            Some(LateMonth {
                month,
                paid: n,
                average_days_late: (n > 0).then(|| {
                    one_decimal(
                        Decimal::from(sum)
                            .checked_div(Decimal::from(n))
                            .unwrap_or_default(),
                    )
                }),
            })
        })
        .collect();
    Ok(Dso {
        current,
        months: points,
        late,
        method: DSO_METHOD.to_owned(),
    })
}
