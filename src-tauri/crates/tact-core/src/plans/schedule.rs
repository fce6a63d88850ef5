//! The schedule to the cent: equal instalments rounded down with the cents left over on the last one, by count, amount or explicit dates, days off shifted; the calendar suggested for a debt.

use super::*;

/// One line of a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Instalment {
    /// 1, 2, 3… in date order (the down payment, when there is one, is number 1).
    pub number: u32,
    pub due_on: NaiveDate,
    pub amount: Money,
    pub down_payment: bool,
}

impl Instalment {
    /// « Acompte » or « Échéance n° 2 ».
    pub fn label_fr(&self) -> String {
        if self.down_payment {
            "Acompte".into()
        } else {
            format!("Échéance n°\u{a0}{}", self.number)
        }
    }
}

/// The `k`-th date from `first` (k = 0 is `first`).
pub(super) fn nth_date(frequency: Frequency, first: NaiveDate, k: u32) -> Option<NaiveDate> {
    match frequency {
        Frequency::Weekly => first.checked_add_days(Days::new(u64::from(k).checked_mul(7)?)),
        Frequency::Fortnightly => first.checked_add_days(Days::new(u64::from(k).checked_mul(14)?)),
        Frequency::Monthly => first.checked_add_months(Months::new(k)),
    }
}

/// The schedule: `spread` divided as the terms say, `deferred` added to the last instalment.
pub fn schedule(
    spread: Money,
    deferred: Money,
    terms: &Terms,
    today: NaiveDate,
    cal: &Calendar,
) -> Result<Vec<Instalment>> {
    let total = spread.checked_add(deferred)?;
    if !spread.is_positive() {
        return Err(invalid(
            "invoices",
            "Il ne reste rien à étaler sur les factures choisies.",
        ));
    }
    if terms.down_payment >= spread {
        return Err(invalid(
            "down_payment",
            format!(
                "Acompte\u{a0}: {} couvre toute la somme à étaler ({})\u{a0}; un échéancier n'est alors pas nécessaire.",
                terms.down_payment.format_fr(),
                spread.format_fr()
            ),
        ));
    }
    let rest = spread.checked_sub(terms.down_payment)?;
    let amounts: Vec<Money> = match terms.split {
        Split::Count(n) => {
            let n = check_count(n)?;
            let n64 = i64::from(n);
            let base = rest.cents().checked_div(n64).ok_or_else(Error::overflow)?;
            if base == 0 {
                return Err(invalid(
                    "instalments",
                    format!(
                        "Nombre d'échéances\u{a0}: {n} échéances pour {}, c'est moins d'un centime chacune.",
                        rest.format_fr()
                    ),
                ));
            }
            let others = base
                .checked_mul(n64.checked_sub(1).ok_or_else(Error::overflow)?)
                .ok_or_else(Error::overflow)?;
            let last = rest
                .cents()
                .checked_sub(others)
                .ok_or_else(Error::overflow)?;
            (1..=n)
                .map(|k| Money::from_cents(if k == n { last } else { base }))
                .collect()
        }
        Split::Amount(each) => {
            if !each.is_positive() {
                return Err(invalid(
                    "instalment_amount",
                    "Montant de chaque échéance\u{a0}: il doit être supérieur à zéro.",
                ));
            }
            if each > rest {
                return Err(invalid(
                    "instalment_amount",
                    format!(
                        "Montant de chaque échéance\u{a0}: {} dépasse la somme à étaler ({}).",
                        each.format_fr(),
                        rest.format_fr()
                    ),
                ));
            }
            let full = rest
                .cents()
                .checked_div(each.cents())
                .ok_or_else(Error::overflow)?;
            let left = rest
                .cents()
                .checked_rem(each.cents())
                .ok_or_else(Error::overflow)?;
            let n = if left > 0 {
                full.checked_add(1).ok_or_else(Error::overflow)?
            } else {
                full
            };
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            if n > MAX_INSTALMENTS {
                return Err(invalid(
                    "instalment_amount",
                    format!(
                        "Montant de chaque échéance\u{a0}: à {} par échéance, il en faudrait {n}, plus que les {MAX_INSTALMENTS} permises. Augmentez le montant.",
                        each.format_fr()
                    ),
                ));
            }
            (1..=n)
                .map(|k| {
                    if k == n && left > 0 {
                        Money::from_cents(left)
                    } else {
                        each
                    }
                })
                .collect()
        }
    };
    let mut lines: Vec<(Money, bool)> = Vec::with_capacity(amounts.len().saturating_add(1));
    if terms.down_payment.is_positive() {
        lines.push((terms.down_payment, true));
    }
    lines.extend(amounts.into_iter().map(|m| (m, false)));
    if let Some(last) = lines.last_mut() {
        last.0 = last.0.checked_add(deferred)?;
    }
    let count = u32::try_from(lines.len()).unwrap_or(u32::MAX);
    let raw: Vec<NaiveDate> = match &terms.dates {
        Dates::Every { frequency, first } => (0..count)
            .map(|k| nth_date(*frequency, *first, k).ok_or_else(Error::overflow))
            .collect::<Result<_>>()?,
        Dates::Explicit(list) => {
            if list.len() != lines.len() {
                return Err(invalid(
                    "dates",
                    format!(
                        "Dates\u{a0}: {} date{} pour {} ligne{} d'échéancier{}.",
                        list.len(),
                        if list.len() > 1 { "s" } else { "" },
                        lines.len(),
                        if lines.len() > 1 { "s" } else { "" },
                        if terms.down_payment.is_positive() {
                            " (l'acompte compris)"
                        } else {
                            ""
                        }
                    ),
                ));
            }
            list.clone()
        }
    };
    if let Some(first) = raw.first() {
        if *first < today {
            return Err(invalid(
                match terms.dates {
                    Dates::Every { .. } => "first_date",
                    Dates::Explicit(_) => "dates",
                },
                format!(
                    "Première échéance\u{a0}: le {} est déjà passé. Choisissez une date à partir du {}.",
                    format_date_fr(*first),
                    format_date_fr(today)
                ),
            ));
        }
    }
    let dates: Vec<NaiveDate> = if terms.shift_days_off {
        raw.iter().map(|d| cal.on_or_after(*d)).collect()
    } else {
        raw
    };
    for pair in dates.windows(2) {
        if let [a, b] = pair {
            if b <= a {
                return Err(invalid(
                    "dates",
                    format!(
                        "Dates\u{a0}: chaque échéance doit suivre la précédente (le {} vient après le {}).",
                        format_date_fr(*b),
                        format_date_fr(*a)
                    ),
                ));
            }
        }
    }
    let out: Vec<Instalment> = lines
        .into_iter()
        .zip(dates)
        .zip(1u32..)
        .map(|(((amount, down_payment), due_on), number)| Instalment {
            number,
            due_on,
            amount,
            down_payment,
        })
        .collect();
    debug_assert_eq!(
        Money::sum(out.iter().map(|i| i.amount)).ok(),
        Some(total),
        "the instalments sum to the total"
    );
    Ok(out)
}

/// A calendar sized to the debt, as a starting point (the engine's « propose a payment calendar »): monthly on
/// the 5th, the first at least ten days away; two instalments under 300 €, else one per 1 000 € (three to six);
/// penalties waived if honoured.
pub fn suggested_terms(total: Money, today: NaiveDate) -> Terms {
    let n = if total < Money::from_cents(30_000) {
        2
    } else {
        let thousands = total
            .cents()
            .saturating_add(99_999)
            .checked_div(100_000)
            .unwrap_or(3);
        u32::try_from(thousands.clamp(3, 6)).unwrap_or(3)
    };
    let fifth = |months: u32| {
        today
            .with_day(1)
            .and_then(|x| x.checked_add_months(Months::new(months)))
            .and_then(|x| x.with_day(5))
    };
    let mut first = fifth(1).unwrap_or(today);
    if first.signed_duration_since(today).num_days() < 10 {
        first = fifth(2).unwrap_or(first);
    }
    Terms {
        down_payment: Money::ZERO,
        split: Split::Count(n),
        dates: Dates::Every {
            frequency: Frequency::Monthly,
            first,
        },
        shift_days_off: false,
        penalties: PenaltyTreatment::Waived,
        notice_days: None,
    }
}
