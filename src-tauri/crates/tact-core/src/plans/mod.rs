//! Payment calendars (« échéanciers »): a client in difficulty spreads what it owes over dated instalments
//! (legal-fr A.9 and B §6). Pure: the terms the user chose, the debt and **today** in, the schedule out; and, given
//! what the client has paid since, each instalment's state and the calendar's.
//!
//! Rules:
//! - The debt is the balance of the chosen invoices; penalties and the 40 € indemnity (B2B) are **kept** (spread
//!   over the instalments), **deferred** (added to the last one) or **waived** on condition the calendar is
//!   honoured — a case-by-case waiver in the agreement, never in general terms (CJUE 20 Oct 2022, C-406/21;
//!   Directive 2011/7 art. 7).
//! - Remainder rule: the amount to spread (after any down payment) is divided into equal instalments rounded down
//!   to the cent; the cents left over go on the **last** instalment. With an instalment amount instead of a count,
//!   every instalment is that amount and the last one is what is left. The instalments always sum to the total.
//! - Dates strictly increase: every week, every two weeks or every month from the first date (months are added to
//!   the first date, so 31/01 gives 28/02 then 31/03), or explicit dates; optionally moved to the next working
//!   day when one falls on a weekend or a public holiday.
//! - The signature is the debtor's acknowledgment of the debt: it restarts prescription (C. civ. 2240).
//! - The déchéance du terme needs a notice after a mise en demeure that stayed without effect (Cass. 1re civ.
//!   15 June 2016, n° 15-16.173): at least 8 days between businesses, 30 days by default for a consumer (a shorter
//!   notice has been held abusive, Cass. 1re civ. 22 Mar 2023, n° 21-16.044).

use crate::calendar::Calendar;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{ClientId, ClientKind, InvoiceId, JournalId};
use crate::money::{parse_amount, Money};
use crate::text::{format_date_fr, parse_date};
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

mod build;
pub use build::{assemble, choose_invoices, summary, InvoiceChoice, Lineage};

mod follow;
mod schedule;
pub use follow::*;
pub use schedule::*;

pub type PlanId = i64;

/// Most instalments a calendar may have (five years of monthly payments).
pub const MAX_INSTALMENTS: u32 = 60;
/// An instalment counts as missed this many working days after its date (transfers take a day or two).
pub const GRACE_WORKING_DAYS: u32 = 2;
/// Déchéance notice between businesses: at least 8 days (legal-fr A.9).
pub const MIN_NOTICE_DAYS_B2B: u32 = 8;
/// Déchéance notice for a consumer: 30 days by default, never less than 15.
pub const DEFAULT_NOTICE_DAYS_B2C: u32 = 30;
pub const MIN_NOTICE_DAYS_B2C: u32 = 15;
pub const MAX_NOTICE_DAYS: u32 = 90;

crate::model::labelled_enum!(
    /// How often instalments fall.
    Frequency {
        Weekly = "week" / "Chaque semaine",
        Fortnightly = "fortnight" / "Toutes les deux semaines",
        Monthly = "month" / "Chaque mois",
    }
);

crate::model::labelled_enum!(
    /// What happens to the penalties and the 40 € indemnity (legal-fr A.9).
    PenaltyTreatment {
        Kept = "keep" / "Réparties sur les échéances",
        Deferred = "defer" / "Ajoutées à la dernière échéance",
        Waived = "waive" / "Abandonnées si l'échéancier est respecté",
    }
);

crate::model::labelled_enum!(
    /// Where a calendar stands (words.md: proposé, signé, respecté, en retard, rompu, soldé).
    PlanStatus {
        Proposed = "proposed" / "Proposé",
        Honoured = "honoured" / "Respecté",
        Late = "late" / "En retard",
        Broken = "broken" / "Rompu",
        Completed = "completed" / "Soldé",
        Replaced = "replaced" / "Remplacé",
    }
);

crate::model::labelled_enum!(
    /// Where an instalment stands.
    InstalmentStatus {
        Upcoming = "upcoming" / "À venir",
        PartlyPaid = "partly_paid" / "Partiellement réglée",
        Paid = "paid" / "Réglée",
        Late = "late" / "En retard",
    }
);

/// A calendar as the user fills it in (screen or CLI): raw text, validated by [`PlanInput::terms`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct PlanInput {
    pub client_id: ClientId,
    /// The invoices it covers; empty: all of the client's overdue, undisputed invoices.
    pub invoices: Vec<InvoiceId>,
    /// Optional down payment (« acompte »), due on the first date.
    pub down_payment: String,
    /// Number of instalments (after the down payment)…
    pub instalments: String,
    /// …or the amount of each instalment (the last one takes what is left).
    pub instalment_amount: String,
    /// « week », « fortnight » or « month » (default).
    pub frequency: String,
    /// The first date (the down payment's, when there is one).
    pub first_date: String,
    /// Explicit dates instead of a frequency, one per line of the schedule (the down payment's first).
    pub dates: Vec<String>,
    /// Move a date that falls on a weekend or a public holiday to the next working day.
    pub shift_days_off: bool,
    /// « keep », « defer » or « waive » (default).
    pub penalties: String,
    /// Days of notice before the déchéance du terme; empty: 8 (business) or 30 (consumer).
    pub notice_days: String,
    /// The calendar this one revises.
    pub replaces: Option<PlanId>,
}

/// How the amount is divided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Count(u32),
    Amount(Money),
}

/// When the instalments fall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dates {
    Every {
        frequency: Frequency,
        first: NaiveDate,
    },
    Explicit(Vec<NaiveDate>),
}

/// Validated terms of a calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub down_payment: Money,
    pub split: Split,
    pub dates: Dates,
    pub shift_days_off: bool,
    pub penalties: PenaltyTreatment,
    /// `None`: the default for the client's kind.
    pub notice_days: Option<u32>,
}

fn invalid(field: &str, message: impl Into<String>) -> Error {
    Error::field(ErrorCode::InvalidPlan, field, message)
}

impl PlanInput {
    /// Parse the terms; every error names its field.
    pub fn terms(&self) -> Result<Terms> {
        let down_payment = if self.down_payment.trim().is_empty() {
            Money::ZERO
        } else {
            let m = parse_amount("down_payment", "Acompte", &self.down_payment)?;
            if m.is_negative() {
                return Err(invalid(
                    "down_payment",
                    "Acompte\u{a0}: le montant ne peut pas être négatif.",
                ));
            }
            m
        };
        let count = self.instalments.trim();
        let amount = self.instalment_amount.trim();
        let dates: Vec<NaiveDate> = self
            .dates
            .iter()
            .filter(|d| !d.trim().is_empty())
            .enumerate()
            .map(|(i, d)| {
                parse_date("dates", &format!("Date n°\u{a0}{}", i.saturating_add(1)), d)
                    .map_err(|e| e.within(&format!("dates[{i}]")))
            })
            .collect::<Result<_>>()?;
        let split = match (count.is_empty(), amount.is_empty()) {
            (false, false) => {
                return Err(invalid(
                    "instalments",
                    "Indiquez soit le nombre d'échéances, soit le montant de chaque échéance, pas les deux.",
                ))
            }
            (false, true) => Split::Count(parse_count(count)?),
            (true, false) => {
                let m = parse_amount("instalment_amount", "Montant de chaque échéance", amount)?;
                if !m.is_positive() {
                    return Err(invalid(
                        "instalment_amount",
                        "Montant de chaque échéance\u{a0}: il doit être supérieur à zéro.",
                    ));
                }
                Split::Amount(m)
            }
            (true, true) if !dates.is_empty() => {
                let lines = u32::try_from(dates.len()).unwrap_or(u32::MAX);
                let n = if down_payment.is_positive() {
                    lines.saturating_sub(1)
                } else {
                    lines
                };
                Split::Count(check_count(n)?)
            }
            (true, true) => {
                return Err(Error::field(
                    ErrorCode::Required,
                    "instalments",
                    "Nombre d'échéances\u{a0}: indiquez combien d'échéances (ex.\u{a0}: 3), ou le montant de chacune.",
                ))
            }
        };
        let dates = if dates.is_empty() {
            let frequency = match self.frequency.trim() {
                "" => Frequency::Monthly,
                f => Frequency::from_code(f).ok_or_else(|| {
                    Error::field(
                        ErrorCode::InvalidChoice,
                        "frequency",
                        format!("Périodicité\u{a0}: choisissez {}.", Frequency::codes_fr()),
                    )
                })?,
            };
            Dates::Every {
                frequency,
                first: parse_date("first_date", "Première échéance", &self.first_date)?,
            }
        } else {
            Dates::Explicit(dates)
        };
        let penalties = match self.penalties.trim() {
            "" => PenaltyTreatment::Waived,
            p => PenaltyTreatment::from_code(p).ok_or_else(|| {
                Error::field(
                    ErrorCode::InvalidChoice,
                    "penalties",
                    format!(
                        "Pénalités\u{a0}: choisissez {}.",
                        PenaltyTreatment::codes_fr()
                    ),
                )
            })?,
        };
        let notice_days = match self.notice_days.trim() {
            "" => None,
            n => Some(n.parse::<u32>().map_err(|_| {
                invalid(
                    "notice_days",
                    format!(
                        "Préavis avant déchéance\u{a0}: {} n'est pas un nombre de jours.",
                        crate::text::fr_quote(n)
                    ),
                )
            })?),
        };
        Ok(Terms {
            down_payment,
            split,
            dates,
            shift_days_off: self.shift_days_off,
            penalties,
            notice_days,
        })
    }
}

fn parse_count(s: &str) -> Result<u32> {
    let n = s.parse::<u32>().map_err(|_| {
        invalid(
            "instalments",
            format!(
                "Nombre d'échéances\u{a0}: {} n'est pas un nombre entier.",
                crate::text::fr_quote(s)
            ),
        )
    })?;
    check_count(n)
}

fn check_count(n: u32) -> Result<u32> {
    if n == 0 {
        return Err(invalid(
            "instalments",
            "Nombre d'échéances\u{a0}: il en faut au moins une.",
        ));
    }
    if n > MAX_INSTALMENTS {
        return Err(invalid(
            "instalments",
            format!("Nombre d'échéances\u{a0}: {n}, c'est plus que les {MAX_INSTALMENTS} qu'un échéancier peut compter (cinq ans de mensualités)."),
        ));
    }
    Ok(n)
}

/// The déchéance notice for a client of `kind`: the user's choice, checked, or the default.
pub fn notice_days(kind: ClientKind, chosen: Option<u32>) -> Result<u32> {
    let (min, default) = match kind {
        ClientKind::Professional => (MIN_NOTICE_DAYS_B2B, MIN_NOTICE_DAYS_B2B),
        ClientKind::Consumer => (MIN_NOTICE_DAYS_B2C, DEFAULT_NOTICE_DAYS_B2C),
    };
    let n = chosen.unwrap_or(default);
    if n < min || n > MAX_NOTICE_DAYS {
        let why = match kind {
            ClientKind::Professional => "8 jours au moins entre professionnels",
            ClientKind::Consumer => {
                "un préavis raisonnable pour un particulier\u{a0}: 30 jours conseillés, 15 au moins"
            }
        };
        return Err(invalid(
            "notice_days",
            format!(
                "Préavis avant déchéance\u{a0}: entre {min} et {MAX_NOTICE_DAYS} jours ({why})."
            ),
        ));
    }
    Ok(n)
}

/// One invoice a calendar covers, as it stood when the calendar was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanInvoice {
    pub invoice_id: InvoiceId,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Money,
    /// What was left to pay on it.
    pub balance: Money,
    /// Penalties (B2B) or legal interest (B2C) accrued to the calendar's date.
    pub penalties: Money,
    /// The 40 € indemnity (B2B).
    pub indemnity: Money,
}

/// A calendar as stored: what it covers, its terms, its schedule, its signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Plan {
    pub id: PlanId,
    pub client_id: ClientId,
    /// 1 for the first calendar, 2 for its revision…
    pub version: u32,
    pub replaces: Option<PlanId>,
    pub created_on: NaiveDate,
    pub invoices: Vec<PlanInvoice>,
    pub principal: Money,
    pub penalties: Money,
    pub indemnities: Money,
    pub treatment: PenaltyTreatment,
    /// `None` for explicit dates.
    pub frequency: Option<Frequency>,
    pub shift_days_off: bool,
    pub notice_days: u32,
    /// What the schedule adds up to.
    pub total: Money,
    pub instalments: Vec<Instalment>,
    /// Payments recorded after this one count towards the calendar.
    pub last_payment_id: i64,
    pub proposed_journal_id: JournalId,
    pub signed_on: Option<NaiveDate>,
    pub signed_journal_id: Option<JournalId>,
    /// Replaced by a revision on this date.
    pub replaced_on: Option<NaiveDate>,
    /// The déchéance du terme was invoked (mise en demeure) on this date.
    pub broken_on: Option<NaiveDate>,
}

impl Plan {
    /// What the calendar waives when honoured (penalties and indemnity), zero unless waived.
    pub fn waived(&self) -> Result<Money> {
        match self.treatment {
            PenaltyTreatment::Waived => self.penalties.checked_add(self.indemnities),
            _ => Ok(Money::ZERO),
        }
    }

    pub fn invoice_ids(&self) -> Vec<InvoiceId> {
        self.invoices.iter().map(|i| i.invoice_id).collect()
    }

    /// The reference printed on the agreement and asked for with each transfer: « ECH-3 ».
    pub fn reference(&self) -> String {
        format!("ECH-{}", self.id)
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn terms(n: u32, first: &str) -> Terms {
        Terms {
            down_payment: Money::ZERO,
            split: Split::Count(n),
            dates: Dates::Every {
                frequency: Frequency::Monthly,
                first: d(first),
            },
            shift_days_off: false,
            penalties: PenaltyTreatment::Waived,
            notice_days: None,
        }
    }

    fn amounts(s: &[Instalment]) -> Vec<i64> {
        s.iter().map(|i| i.amount.cents()).collect()
    }

    #[test]
    fn agence_lumiere_three_times_800() {
        let cal = Calendar::france();
        let s = schedule(
            Money::from_cents(240_000),
            Money::ZERO,
            &terms(3, "2026-12-05"),
            d("2026-11-23"),
            &cal,
        )
        .unwrap();
        assert_eq!(amounts(&s), [80_000, 80_000, 80_000]);
        let dates: Vec<String> = s.iter().map(|i| i.due_on.to_string()).collect();
        assert_eq!(dates, ["2026-12-05", "2027-01-05", "2027-02-05"]);
    }

    #[test]
    fn the_remainder_goes_on_the_last_instalment() {
        let cal = Calendar::france();
        let s = schedule(
            Money::from_cents(100_000),
            Money::ZERO,
            &terms(3, "2026-12-05"),
            d("2026-11-23"),
            &cal,
        )
        .unwrap();
        assert_eq!(amounts(&s), [33_333, 33_333, 33_334]);
        // An amount per instalment: the last one takes what is left.
        let mut t = terms(1, "2026-12-05");
        t.split = Split::Amount(Money::from_cents(40_000));
        let s = schedule(
            Money::from_cents(100_000),
            Money::ZERO,
            &t,
            d("2026-11-23"),
            &cal,
        )
        .unwrap();
        assert_eq!(amounts(&s), [40_000, 40_000, 20_000]);
        // A down payment first, then the instalments; the deferred penalties on the last one.
        let mut t = terms(2, "2026-12-05");
        t.down_payment = Money::from_cents(50_000);
        let s = schedule(
            Money::from_cents(240_000),
            Money::from_cents(5_034),
            &t,
            d("2026-11-23"),
            &cal,
        )
        .unwrap();
        assert_eq!(amounts(&s), [50_000, 95_000, 100_034]);
        assert!(s[0].down_payment && !s[1].down_payment);
        assert_eq!(s[0].label_fr(), "Acompte");
        assert_eq!(s[2].label_fr(), "Échéance n°\u{a0}3");
    }

    #[test]
    fn months_from_the_first_date_and_days_off_shifted() {
        let cal = Calendar::france();
        let s = schedule(
            Money::from_cents(300_000),
            Money::ZERO,
            &terms(3, "2027-01-31"),
            d("2026-11-23"),
            &cal,
        )
        .unwrap();
        let dates: Vec<String> = s.iter().map(|i| i.due_on.to_string()).collect();
        assert_eq!(dates, ["2027-01-31", "2027-02-28", "2027-03-31"]);
        // 25/12/2026 is a Friday holiday, 25/01/2027 a Monday: shifted, Christmas goes to Monday 28/12.
        let mut t = terms(2, "2026-12-25");
        t.shift_days_off = true;
        let s = schedule(
            Money::from_cents(1_000),
            Money::ZERO,
            &t,
            d("2026-11-23"),
            &cal,
        )
        .unwrap();
        assert_eq!(s[0].due_on, d("2026-12-28"));
        assert_eq!(s[1].due_on, d("2027-01-25"));
        // Weekly and fortnightly.
        let mut t = terms(3, "2026-12-01");
        t.dates = Dates::Every {
            frequency: Frequency::Fortnightly,
            first: d("2026-12-01"),
        };
        let s = schedule(
            Money::from_cents(900),
            Money::ZERO,
            &t,
            d("2026-11-23"),
            &cal,
        )
        .unwrap();
        assert_eq!(s[2].due_on, d("2026-12-29"));
    }

    #[test]
    fn bad_terms_get_a_clear_error_naming_the_field() {
        let cal = Calendar::france();
        let today = d("2026-11-23");
        let total = Money::from_cents(240_000);
        let err = |t: &Terms| schedule(total, Money::ZERO, t, today, &cal).unwrap_err();
        let e = err(&terms(0, "2026-12-05"));
        assert_eq!(e.field.as_deref(), Some("instalments"));
        assert!(e.message.contains("au moins une"), "{}", e.message);
        let e = err(&terms(61, "2026-12-05"));
        assert!(e.message.contains("60"), "{}", e.message);
        let e = err(&terms(3, "2026-11-22"));
        assert_eq!(e.field.as_deref(), Some("first_date"));
        assert!(e.message.contains("22/11/2026"), "{}", e.message);
        // Today itself is allowed.
        assert!(schedule(total, Money::ZERO, &terms(3, "2026-11-23"), today, &cal).is_ok());
        let mut t = terms(3, "2026-12-05");
        t.split = Split::Amount(Money::from_cents(240_001));
        let e = err(&t);
        assert_eq!(e.field.as_deref(), Some("instalment_amount"));
        assert!(e.message.contains("dépasse"), "{}", e.message);
        let mut t = terms(3, "2026-12-05");
        t.split = Split::Amount(Money::from_cents(1_000));
        assert!(
            err(&t).message.contains("240"),
            "240 instalments are too many"
        );
        let mut t = terms(3, "2026-12-05");
        t.down_payment = total;
        assert_eq!(err(&t).field.as_deref(), Some("down_payment"));
        let mut t = terms(2, "2026-12-05");
        t.dates = Dates::Explicit(vec![d("2026-12-05"), d("2026-12-05")]);
        assert_eq!(err(&t).field.as_deref(), Some("dates"));
        t.dates = Dates::Explicit(vec![d("2026-12-05")]);
        assert!(err(&t).message.contains("1 date pour 2 lignes"));
        // From the raw input.
        let input = |f: &dyn Fn(&mut PlanInput)| {
            let mut i = PlanInput {
                client_id: 1,
                instalments: "3".into(),
                first_date: "05/12/2026".into(),
                ..PlanInput::default()
            };
            f(&mut i);
            i.terms()
        };
        assert_eq!(input(&|_| {}).unwrap(), terms(3, "2026-12-05"));
        let e = input(&|i| i.instalments = "trois".into()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("instalments"));
        assert!(e.message.contains("«\u{a0}trois\u{a0}»"), "{}", e.message);
        let e = input(&|i| i.frequency = "daily".into()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("frequency"));
        let e = input(&|i| i.instalment_amount = "800".into()).unwrap_err();
        assert!(e.message.contains("pas les deux"), "{}", e.message);
        let e = input(&|i| i.first_date = "31/02/2027".into()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("first_date"));
        let e = input(&|i| i.down_payment = "-5".into()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("down_payment"));
        let e = input(&|i| {
            i.instalments.clear();
            i.dates = vec!["05/12/2026".into(), "05/01/2027".into()];
        })
        .unwrap();
        assert_eq!(e.split, Split::Count(2));
        // The notice before the déchéance.
        assert_eq!(notice_days(ClientKind::Professional, None).unwrap(), 8);
        assert_eq!(notice_days(ClientKind::Consumer, None).unwrap(), 30);
        assert!(notice_days(ClientKind::Professional, Some(5)).is_err());
        assert!(notice_days(ClientKind::Consumer, Some(8)).is_err());
    }

    #[test]
    fn the_suggested_calendar_is_sized_to_the_debt() {
        let today = d("2026-11-23");
        let t = suggested_terms(Money::from_cents(240_000), today);
        assert_eq!(t, terms(3, "2026-12-05"));
        assert_eq!(
            suggested_terms(Money::from_cents(25_000), today).split,
            Split::Count(2)
        );
        assert_eq!(
            suggested_terms(Money::from_cents(1_000_000), today).split,
            Split::Count(6)
        );
        // Too close to the 5th of next month: the month after.
        let t = suggested_terms(Money::from_cents(240_000), d("2026-11-28"));
        assert_eq!(
            t.dates,
            Dates::Every {
                frequency: Frequency::Monthly,
                first: d("2027-01-05")
            }
        );
    }

    fn plan(instalments: Vec<Instalment>, signed: Option<&str>) -> Plan {
        let total = Money::sum(instalments.iter().map(|i| i.amount)).unwrap();
        Plan {
            id: 1,
            client_id: 1,
            version: 1,
            replaces: None,
            created_on: d("2026-11-23"),
            invoices: Vec::new(),
            principal: total,
            penalties: Money::ZERO,
            indemnities: Money::ZERO,
            treatment: PenaltyTreatment::Waived,
            frequency: Some(Frequency::Monthly),
            shift_days_off: false,
            notice_days: 8,
            total,
            instalments,
            last_payment_id: 0,
            proposed_journal_id: 1,
            signed_on: signed.map(d),
            signed_journal_id: None,
            replaced_on: None,
            broken_on: None,
        }
    }

    #[test]
    fn payments_fill_the_instalments_in_order() {
        let cal = Calendar::france();
        let s = schedule(
            Money::from_cents(240_000),
            Money::ZERO,
            &terms(3, "2026-12-05"),
            d("2026-11-23"),
            &cal,
        )
        .unwrap();
        let p = plan(s, Some("2026-11-25"));
        let at = |paid: i64, day: &str| follow(&p, Money::from_cents(paid), d(day), &cal).unwrap();
        assert_eq!(at(0, "2026-11-24").status, PlanStatus::Proposed);
        assert_eq!(at(0, "2026-11-25").status, PlanStatus::Honoured);
        // 05/12/2026 is a Saturday: two working days later is Tuesday 08/12, missed from Wednesday 09/12.
        let st = at(0, "2026-12-08");
        assert_eq!(st.status, PlanStatus::Honoured);
        assert_eq!(st.instalments[0].late_from, d("2026-12-09"));
        let st = at(0, "2026-12-09");
        assert_eq!((st.status, st.late_count), (PlanStatus::Late, 1));
        assert_eq!(st.late_amount, Money::from_cents(80_000));
        let st = at(50_000, "2026-12-07");
        assert_eq!(st.instalments[0].status, InstalmentStatus::PartlyPaid);
        let st = at(80_000, "2027-01-06");
        assert_eq!(st.instalments[0].status, InstalmentStatus::Paid);
        assert_eq!(st.instalments[1].status, InstalmentStatus::Upcoming);
        assert_eq!(st.next.as_ref().map(|n| n.instalment.number), Some(2));
        let st = at(100_000, "2027-01-08");
        assert_eq!(st.instalments[1].paid, Money::from_cents(20_000));
        assert_eq!((st.status, st.late_count), (PlanStatus::Late, 1));
        assert_eq!(at(240_000, "2027-06-01").status, PlanStatus::Completed);
        let mut broken = p.clone();
        broken.broken_on = Some(d("2027-01-20"));
        assert_eq!(
            follow(&broken, Money::from_cents(80_000), d("2027-01-20"), &cal)
                .unwrap()
                .status,
            PlanStatus::Broken
        );
    }

    fn frequency() -> impl Strategy<Value = Frequency> {
        prop_oneof![
            Just(Frequency::Weekly),
            Just(Frequency::Fortnightly),
            Just(Frequency::Monthly)
        ]
    }

    proptest! {
        /// For any valid terms, the instalments sum to the total, dates strictly increase, nothing is zero.
        #[test]
        fn schedules_are_exact_and_dated_in_order(
            spread in 1i64..2_000_000_000,
            deferred in 0i64..10_000_000,
            down_share in 0u32..50,
            count in 1u32..=60,
            by_amount in any::<bool>(),
            frequency in frequency(),
            first_offset in 0u64..800,
            shift in any::<bool>(),
        ) {
            let cal = Calendar::france();
            let today = d("2026-11-23");
            let spread_m = Money::from_cents(spread);
            let down = spread * i64::from(down_share) / 100;
            let rest = spread - down;
            let split = if by_amount {
                // An amount that needs at most 60 instalments.
                Split::Amount(Money::from_cents(((rest + 59) / 60).max(rest / i64::from(count))))
            } else {
                Split::Count(count)
            };
            let t = Terms {
                down_payment: Money::from_cents(down),
                split,
                dates: Dates::Every { frequency, first: today + Days::new(first_offset) },
                shift_days_off: shift,
                penalties: PenaltyTreatment::Deferred,
                notice_days: None,
            };
            match schedule(spread_m, Money::from_cents(deferred), &t, today, &cal) {
                Ok(s) => {
                    let sum: i64 = s.iter().map(|i| i.amount.cents()).sum();
                    prop_assert_eq!(sum, spread + deferred);
                    prop_assert!(s.iter().all(|i| i.amount.is_positive()));
                    prop_assert!(s.windows(2).all(|w| w[0].due_on < w[1].due_on));
                    prop_assert!(s[0].due_on >= today);
                    let n = s.iter().filter(|i| !i.down_payment).count();
                    prop_assert!((1..=60).contains(&n));
                    if shift {
                        prop_assert!(s.iter().all(|i| cal.is_working_day(i.due_on)));
                    }
                    if let Split::Count(c) = t.split {
                        prop_assert_eq!(n, c as usize);
                        // Equal instalments; only the last one differs, by less than the count in cents.
                        let regular: Vec<i64> = s.iter().filter(|i| !i.down_payment).map(|i| i.amount.cents()).collect();
                        let last_principal = regular[regular.len() - 1] - deferred;
                        let base = if regular.len() > 1 { regular[0] } else { last_principal };
                        prop_assert!(regular[..regular.len() - 1].iter().all(|a| *a == base));
                        prop_assert!(last_principal >= base && last_principal - base < i64::from(c));
                    }
                }
                Err(e) => {
                    // The only refusals for these inputs: a down payment covering everything, or less than a
                    // cent per instalment.
                    prop_assert!(down >= spread || rest < i64::from(count), "{:?}", e);
                }
            }
        }
    }
}
