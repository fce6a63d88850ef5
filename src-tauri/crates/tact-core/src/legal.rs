//! Legal amounts, to the cent (legal-fr.md A.2 to A.5). Pure: data in, amounts and their breakdown out.
//!
//! - B2B late penalties (C. com. L441-10 II): from the day after the due date, no reminder needed; the stipulated
//!   rate, floored at 3 × the legal rate « tous les autres cas » of the half-year (with a warning), or else the ECB
//!   main refinancing rate in force on 1 January / 1 July plus 10 points. Simple interest on a 365-day year, split
//!   by half-year, on the unpaid principal day by day (a payment or credit note lowers the base after its date);
//!   each segment rounded to the cent, half away from zero. Plus the 40 € indemnity per late invoice (D441-5),
//!   never for a debtor in sauvegarde, redressement or liquidation.
//! - B2C: no indemnity, no fees (CPCE L111-8); legal interest « tous les autres cas » only from the mise en
//!   demeure (C. civ. 1231-6, 1344-1), counted from its receipt (AR) when known, else its sending date.
//! - Rates are data ([`RateTables`], shipped in `data/rates.json`). A half-year the tables do not cover is never
//!   guessed silently: the last known rate is used and a warning asks the user to confirm it.

use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    Client, ClientId, ClientKind, CollectiveProcedure, Invoice, InvoiceId, InvoiceStatus,
    JournalEntry, JournalId, JournalKind, Warning,
};
use crate::money::{format_rate_fr, Money};
use crate::standing::InvoiceState;
use crate::text::format_date_fr;
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// The ECB main refinancing rate from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EcbRate {
    pub from: NaiveDate,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub rate: Decimal,
}

/// The taux de l'intérêt légal of a half-year (CMF L313-2), both columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LegalRate {
    pub year: i32,
    /// 1 (January–June) or 2 (July–December).
    pub half: u8,
    /// Column A: the creditor is a private person.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub private_creditor: Decimal,
    /// Column B: « tous les autres cas » (a business creditor, as Tact's users are).
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub other: Decimal,
}

/// The rate tables the computations read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RateTables {
    /// The last day the ECB table is known to be complete: a reference day after it is unconfirmed.
    pub ecb_known_until: NaiveDate,
    pub ecb: Vec<EcbRate>,
    pub legal: Vec<LegalRate>,
}

const BUILTIN_RATES: &str = include_str!("../data/rates.json");

impl RateTables {
    /// The tables Tact ships with (legal-fr.md B §2.1, §3.1).
    pub fn builtin() -> RateTables {
        // The file is part of the crate and checked by a test; a parse failure would be a build defect.
        serde_json::from_str(BUILTIN_RATES).unwrap_or(RateTables {
            ecb_known_until: NaiveDate::MIN,
            ecb: Vec::new(),
            legal: Vec::new(),
        })
    }

    /// The ECB rate in force on `day`, and whether the table is known to cover that day.
    fn ecb_on(&self, day: NaiveDate) -> Option<(Decimal, bool)> {
        self.ecb
            .iter()
            .filter(|r| r.from <= day)
            .max_by_key(|r| r.from)
            .map(|r| (r.rate, day <= self.ecb_known_until))
    }

    /// The legal rate « autres cas » of a half-year, or the last one known before it (flagged as not published).
    fn legal_other(&self, year: i32, half: u8) -> Option<(Decimal, bool)> {
        if let Some(r) = self.legal.iter().find(|r| r.year == year && r.half == half) {
            return Some((r.other, true));
        }
        self.legal
            .iter()
            .filter(|r| (r.year, r.half) < (year, half))
            .max_by_key(|r| (r.year, r.half))
            .map(|r| (r.other, false))
    }
}

/// How a segment's rate was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RateBasis {
    /// ECB rate on 1 January / 1 July + 10 points (L441-10 II, nothing stipulated).
    EcbPlusTen,
    /// The rate stipulated in the contract or on the invoice.
    Stipulated,
    /// The stipulated rate was below 3 × the legal rate: the floor applies.
    Floor,
    /// Legal interest « tous les autres cas » (B2C, from the mise en demeure).
    LegalInterest,
}

/// Interest on one base, at one rate, over consecutive days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Segment {
    /// First day counted.
    pub from: NaiveDate,
    /// Last day counted.
    pub to: NaiveDate,
    pub days: i64,
    /// Percent per year.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub rate: Decimal,
    pub basis: RateBasis,
    pub base: Money,
    pub amount: Money,
}

/// What one invoice owes beyond its principal, as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceAccrual {
    pub segments: Vec<Segment>,
    /// Sum of the rounded segments.
    pub interest: Money,
    /// The 40 € indemnity (B2B, late, no collective procedure), else zero.
    pub indemnity: Money,
    pub warnings: Vec<Warning>,
}

/// One invoice, for the computation.
#[derive(Debug, Clone)]
pub struct AccrualInput<'a> {
    pub debtor: ClientKind,
    /// Sauvegarde, redressement or liquidation: no 40 €.
    pub collective_procedure: bool,
    /// The principal (TTC).
    pub amount: Money,
    pub due_date: NaiveDate,
    /// Payments and credit notes on the invoice: (date the funds were available, amount), any order.
    pub settlements: &'a [(NaiveDate, Money)],
    /// A stipulated annual rate, in percent (invoice, else the business's default terms).
    pub stipulated_rate: Option<Decimal>,
    /// B2C: the mise en demeure's AR date when known, else its sending date; `None` means no interest yet.
    pub formal_notice: Option<NaiveDate>,
    /// Count up to this day (included).
    pub until: NaiveDate,
}

/// 40 € (D441-5).
pub const INDEMNITY: Money = Money::from_cents(4_000);

fn half_of(d: NaiveDate) -> (i32, u8) {
    (d.year(), if d.month() <= 6 { 1 } else { 2 })
}

/// The last day of `d`'s half-year.
fn half_end(d: NaiveDate) -> NaiveDate {
    let (y, h) = half_of(d);
    let (m, day) = if h == 1 { (6, 30) } else { (12, 31) };
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or(d)
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).unwrap_or(d)
}

fn warn(out: &mut Vec<Warning>, code: &str, message: String) {
    if !out.iter().any(|w| w.code == code && w.message == message) {
        out.push(Warning {
            code: code.into(),
            message,
        });
    }
}

fn half_label(year: i32, half: u8) -> String {
    format!(
        "{} {year}",
        if half == 1 {
            "1er semestre"
        } else {
            "2nd semestre"
        }
    )
}

/// The annual rate for a half-year, its basis, and any warning.
fn rate_for(
    input: &AccrualInput<'_>,
    tables: &RateTables,
    year: i32,
    half: u8,
    warnings: &mut Vec<Warning>,
) -> Result<(Decimal, RateBasis)> {
    let mut legal = || -> Result<Decimal> {
        let (rate, published) = tables.legal_other(year, half).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidRate,
                format!(
                    "Aucun taux d'intérêt légal connu pour le {}\u{a0}: ajoutez-le dans Réglages.",
                    half_label(year, half)
                ),
            )
        })?;
        if !published {
            warn(warnings, "legal_rate_unconfirmed", format!(
                "Taux d'intérêt légal du {} non renseigné\u{a0}: Tact utilise le dernier connu ({}). Vérifiez le taux publié et saisissez-le dans Réglages.",
                half_label(year, half),
                format_rate_fr(rate)
            ));
        }
        Ok(rate)
    };
    match input.debtor {
        ClientKind::Consumer => Ok((legal()?, RateBasis::LegalInterest)),
        ClientKind::Professional => match input.stipulated_rate {
            Some(stipulated) => {
                let floor = legal()?
                    .checked_mul(Decimal::from(3))
                    .ok_or_else(Error::overflow)?;
                if stipulated < floor {
                    warn(warnings, "stipulated_below_floor", format!(
                        "Le taux prévu ({}) est inférieur au minimum légal de 3 fois le taux d'intérêt légal ({} au {})\u{a0}: c'est ce minimum qui s'applique (C. com. L441-10).",
                        format_rate_fr(stipulated),
                        format_rate_fr(floor),
                        half_label(year, half)
                    ));
                    Ok((floor, RateBasis::Floor))
                } else {
                    Ok((stipulated, RateBasis::Stipulated))
                }
            }
            None => {
                let reference = NaiveDate::from_ymd_opt(year, if half == 1 { 1 } else { 7 }, 1)
                    .unwrap_or(input.until);
                let (ecb, known) = tables.ecb_on(reference).ok_or_else(|| {
                    Error::new(
                        ErrorCode::InvalidRate,
                        format!(
                            "Aucun taux BCE connu au {}\u{a0}: ajoutez-le dans Réglages.",
                            format_date_fr(reference)
                        ),
                    )
                })?;
                if !known {
                    warn(warnings, "ecb_rate_unconfirmed", format!(
                        "Taux BCE en vigueur au {} non confirmé\u{a0}: Tact utilise le dernier connu ({}). Vérifiez-le et, s'il a changé, saisissez-le dans Réglages.",
                        format_date_fr(reference),
                        format_rate_fr(ecb)
                    ));
                }
                Ok((
                    ecb.checked_add(Decimal::TEN).ok_or_else(Error::overflow)?,
                    RateBasis::EcbPlusTen,
                ))
            }
        },
    }
}

/// Interest (B2B penalties or B2C legal interest) and the indemnity for one invoice, as of `input.until`.
pub fn accrual(input: &AccrualInput<'_>, tables: &RateTables) -> Result<InvoiceAccrual> {
    let mut warnings = Vec::new();
    let mut settlements: Vec<(NaiveDate, Money)> = input.settlements.to_vec();
    settlements.sort_by_key(|(d, _)| *d);
    // Interest runs from the day after `start`.
    let start = match input.debtor {
        ClientKind::Professional => Some(input.due_date),
        ClientKind::Consumer => input.formal_notice.map(|d| d.max(input.due_date)),
    };
    let paid_by = |day: NaiveDate| -> Result<Money> {
        Money::sum(
            settlements
                .iter()
                .filter(|(d, _)| *d <= day)
                .map(|(_, m)| *m),
        )
    };
    let mut segments = Vec::new();
    if let Some(start) = start {
        let mut cursor = start;
        while cursor < input.until {
            let base = input.amount.checked_sub(paid_by(cursor)?)?;
            if !base.is_positive() {
                break;
            }
            let first = next_day(cursor);
            // The segment ends at the half-year's end, a settlement's date, or `until`, whichever comes first.
            let mut end = half_end(first).min(input.until);
            if let Some((d, _)) = settlements.iter().find(|(d, _)| *d > cursor && *d < end) {
                end = *d;
            }
            let (year, half) = half_of(first);
            let (rate, basis) = rate_for(input, tables, year, half, &mut warnings)?;
            let days = end.signed_duration_since(cursor).num_days();
            let amount = base
                .to_decimal()
                .checked_mul(rate)
                .and_then(|x| x.checked_mul(Decimal::from(days)))
                .and_then(|x| x.checked_div(Decimal::from(36_500)))
                .ok_or_else(Error::overflow)?
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            segments.push(Segment {
                from: first,
                to: end,
                days,
                rate,
                basis,
                base,
                amount: Money::from_decimal(amount)?,
            });
            cursor = end;
        }
    }
    let interest = Money::sum(segments.iter().map(|s| s.amount))?;
    let late = {
        let settled_on = settlements
            .iter()
            .scan(Money::ZERO, |acc, (d, m)| {
                *acc = acc.checked_add(*m).unwrap_or(*acc);
                Some((*d, *acc))
            })
            .find(|(_, total)| *total >= input.amount)
            .map(|(d, _)| d);
        settled_on.map_or(input.until, |d| d.min(input.until)) > input.due_date
    };
    let indemnity =
        if input.debtor == ClientKind::Professional && !input.collective_procedure && late {
            INDEMNITY
        } else {
            Money::ZERO
        };
    if input.debtor == ClientKind::Professional && input.collective_procedure && late {
        warn(&mut warnings, "collective_procedure", "Débiteur en procédure collective\u{a0}: l'indemnité de 40\u{a0}€ n'est pas due (C. com. D441-5).".into());
    }
    Ok(InvoiceAccrual {
        segments,
        interest,
        indemnity,
        warnings,
    })
}

/// How long a creditor may act: 5 years between businesses (C. com. L110-4), 2 years against a consumer
/// (C. conso. L218-2), from the due date or the last partial payment or acknowledgment of the debt (which
/// restarts it, C. civ. 2240).
pub fn prescription_date(
    kind: ClientKind,
    due: NaiveDate,
    last_paid_on: Option<NaiveDate>,
) -> NaiveDate {
    let months = match kind {
        ClientKind::Professional => 60,
        ClientKind::Consumer => 24,
    };
    let from = last_paid_on.map_or(due, |p| p.max(due));
    from.checked_add_months(chrono::Months::new(months))
        .unwrap_or(from)
}

/// The date B2C legal interest on one invoice runs from (C. civ. 1231-6, 1344-1; legal-fr A.3): the first mise en
/// demeure in force written by `today` that `covers` the invoice, counted from its AR date once known, else its
/// posting date (`delivered`: the archived letter's dates, by journal entry), else the day it was written. None
/// when no formal notice covered it: then no interest runs.
pub fn formal_notice_start(
    journal: &[JournalEntry],
    delivered: impl Fn(JournalId) -> Option<NaiveDate>,
    covers: impl Fn(&JournalEntry) -> bool,
    today: NaiveDate,
) -> Option<NaiveDate> {
    crate::model::in_force(journal)
        .filter(|e| e.kind == JournalKind::FormalNotice && e.date <= today && covers(e))
        .map(|e| delivered(e.id).filter(|d| *d <= today).unwrap_or(e.date))
        .min()
}

/// What a client owes beyond the principal, invoice by invoice (« Pénalités de retard »).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientPenalties {
    pub client_id: ClientId,
    pub as_of: NaiveDate,
    /// The mise en demeure B2C interest runs from, if one was sent.
    pub formal_notice: Option<NaiveDate>,
    pub invoices: Vec<InvoicePenalty>,
    /// The overdue principal.
    pub principal: Money,
    pub interest: Money,
    pub indemnities: Money,
    pub total: Money,
    pub warnings: Vec<Warning>,
}

/// One overdue invoice's penalties and prescription date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoicePenalty {
    pub invoice_id: InvoiceId,
    pub number: String,
    pub due_date: NaiveDate,
    pub balance: Money,
    /// After this date, payment can no longer be claimed in court (C. com. L110-4, C. conso. L218-2).
    pub prescription: NaiveDate,
    pub accrual: InvoiceAccrual,
    /// Paid in full on this date, after its due date: only its penalties (and 40 €) are left to claim.
    pub settled_on: Option<NaiveDate>,
    /// The user waived them on this date (« J'y renonce »): listed, not counted.
    pub waived_on: Option<NaiveDate>,
}

/// What the penalties read of an invoice: its number, dates, amount and stipulated rate, nothing else (the first
/// screen costs tens of thousands of late-paid invoices and reads only these columns of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PenaltyTerms<'a> {
    pub id: InvoiceId,
    pub number: &'a str,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Money,
    /// The rate stated on the invoice, if any (else the business's default applies).
    pub penalty_rate: Option<Decimal>,
}

impl<'a> From<&'a Invoice> for PenaltyTerms<'a> {
    fn from(i: &'a Invoice) -> Self {
        PenaltyTerms {
            id: i.id,
            number: &i.number,
            issue_date: i.issue_date,
            due_date: i.due_date,
            amount: i.amount,
            penalty_rate: i.penalty_rate,
        }
    }
}

/// One of the client's invoices, as the penalties read it.
#[derive(Debug, Clone)]
pub struct PenaltyInvoice<'a> {
    pub invoice: PenaltyTerms<'a>,
    pub state: &'a InvoiceState,
    /// Payments and credit notes on it: (date, amount).
    pub settlements: Vec<(NaiveDate, Money)>,
    /// The signature of a payment calendar that acknowledged it (C. civ. 2240).
    pub acknowledged_on: Option<NaiveDate>,
    /// For a consumer, the start of legal interest on this invoice: see [`formal_notice_start`].
    pub formal_notice: Option<NaiveDate>,
    /// Its penalties were waived on this date (a journal entry « Pénalités abandonnées »).
    pub waived_on: Option<NaiveDate>,
}

/// What a client's penalties are computed from.
#[derive(Debug, Clone)]
pub struct PenaltyCase<'a> {
    pub client: &'a Client,
    /// The business's default stipulated rate, for invoices that state none.
    pub default_rate: Option<Decimal>,
    /// The first formal notice of the client's (the summary; each invoice has its own start).
    pub formal_notice: Option<NaiveDate>,
    pub invoices: &'a [PenaltyInvoice<'a>],
}

/// Penalties (B2B) or legal interest (B2C) and the 40 € indemnity accrued to `today` on each of a client's
/// overdue invoices, with their breakdown and prescription date (pure: everything comes in `case`).
pub fn client_penalties(
    case: &PenaltyCase<'_>,
    tables: &RateTables,
    today: NaiveDate,
) -> Result<ClientPenalties> {
    let client = case.client;
    let mut lines = Vec::new();
    for p in case.invoices {
        let (inv, st) = (p.invoice, p.state);
        // Overdue and not disputed: a contested invoice is settled first, not charged. Paid after its due date:
        // its penalties and its 40 € are still owed, « pour tout retard de paiement » (C. com. L441-10 II, D441-5).
        let owed = st.status == InvoiceStatus::Overdue && inv.issue_date <= today;
        let settled_on = st.last_paid_on.filter(|paid| {
            st.status == InvoiceStatus::Paid && *paid > inv.due_date && *paid <= today
        });
        if !(owed || settled_on.is_some()) || inv.due_date >= today {
            continue;
        }
        let accrual = accrual(
            &AccrualInput {
                debtor: client.kind,
                collective_procedure: client.collective_procedure != CollectiveProcedure::None,
                amount: inv.amount,
                due_date: inv.due_date,
                settlements: &p.settlements,
                stipulated_rate: inv.penalty_rate.or(case.default_rate),
                formal_notice: p.formal_notice,
                until: today,
            },
            tables,
        )?;
        lines.push(InvoicePenalty {
            invoice_id: inv.id,
            number: inv.number.to_owned(),
            due_date: inv.due_date,
            balance: st.balance,
            prescription: prescription_date(
                client.kind,
                inv.due_date,
                st.last_paid_on.max(p.acknowledged_on),
            ),
            accrual,
            settled_on,
            waived_on: p.waived_on,
        });
    }
    // A paid invoice that owes nothing more (a consumer without a formal notice before the payment) is not listed.
    lines.retain(|l| {
        l.settled_on.is_none()
            || l.accrual.interest.is_positive()
            || l.accrual.indemnity.is_positive()
    });
    let counted = || lines.iter().filter(|l| l.waived_on.is_none());
    let interest = Money::sum(counted().map(|l| l.accrual.interest))?;
    let indemnities = Money::sum(counted().map(|l| l.accrual.indemnity))?;
    let principal = Money::sum(lines.iter().map(|l| l.balance))?;
    let mut warnings: Vec<Warning> = Vec::new();
    for w in lines.iter().flat_map(|l| l.accrual.warnings.iter()) {
        if !warnings.contains(w) {
            warnings.push(w.clone());
        }
    }
    Ok(ClientPenalties {
        client_id: client.id,
        as_of: today,
        formal_notice: case.formal_notice,
        total: principal.checked_add(interest)?.checked_add(indemnities)?,
        principal,
        interest,
        indemnities,
        invoices: lines,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }
    fn eur(cents: i64) -> Money {
        Money::from_cents(cents)
    }
    fn run(input: AccrualInput<'_>) -> InvoiceAccrual {
        accrual(&input, &RateTables::builtin()).unwrap_or_else(|e| panic!("{e}"))
    }
    fn b2b<'a>(
        amount: i64,
        due: &str,
        settlements: &'a [(NaiveDate, Money)],
        until: &str,
    ) -> AccrualInput<'a> {
        AccrualInput {
            debtor: ClientKind::Professional,
            collective_procedure: false,
            amount: eur(amount),
            due_date: d(due),
            settlements,
            stipulated_rate: None,
            formal_notice: None,
            until: d(until),
        }
    }
    fn amounts(a: &InvoiceAccrual) -> Vec<(i64, String, i64)> {
        a.segments
            .iter()
            .map(|s| (s.days, s.rate.to_string(), s.amount.cents()))
            .collect()
    }

    #[test]
    fn the_builtin_tables_parse() {
        let t = RateTables::builtin();
        assert!(t.ecb.len() >= 19 && t.legal.len() >= 13);
    }

    #[test]
    fn worked_example_b2b_of_legal_fr_a5() {
        // 1 200 € due 15/03/2025, paid 20/08/2025: 107 d at 13,15 % = 46,26 € + 51 d at 12,15 % = 20,37 €.
        let paid = [(d("2025-08-20"), eur(120_000))];
        let a = run(b2b(120_000, "2025-03-15", &paid, "2025-11-23"));
        assert_eq!(
            amounts(&a),
            [(107, "13.15".into(), 4_626), (51, "12.15".into(), 2_037)]
        );
        assert_eq!((a.interest, a.indemnity), (eur(6_663), eur(4_000)));
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn worked_example_b2c_of_legal_fr_a5() {
        // 1 200 €, mise en demeure received 02/05/2025, paid 20/08/2025: 7,20 € + 4,63 € = 11,83 €, no 40 €.
        let paid = [(d("2025-08-20"), eur(120_000))];
        let a = run(AccrualInput {
            debtor: ClientKind::Consumer,
            formal_notice: Some(d("2025-05-02")),
            ..b2b(120_000, "2025-03-15", &paid, "2025-11-23")
        });
        assert_eq!(
            amounts(&a),
            [(59, "3.71".into(), 720), (51, "2.76".into(), 463)]
        );
        assert_eq!((a.interest, a.indemnity), (eur(1_183), Money::ZERO));
        // Before any mise en demeure: nothing at all.
        let none = run(AccrualInput {
            debtor: ClientKind::Consumer,
            ..b2b(120_000, "2025-03-15", &paid, "2025-11-23")
        });
        assert_eq!(
            (none.interest, none.indemnity, none.segments.len()),
            (Money::ZERO, Money::ZERO, 0)
        );
    }

    #[test]
    fn a_consumer_claim_of_2019_uses_that_years_legal_rates() {
        // Arrêtés of 21/12/2018 (2019 H1: 3,40 % / 0,86 %) and 24/06/2019 (2019 H2: 3,26 % / 0,87 %).
        // 1 000 €, mise en demeure received 31/01/2019, paid 31/12/2019: 150 days at 0,86 %, 184 days at 0,87 %.
        let paid = [(d("2019-12-31"), eur(100_000))];
        let a = run(AccrualInput {
            debtor: ClientKind::Consumer,
            formal_notice: Some(d("2019-01-31")),
            ..b2b(100_000, "2018-12-31", &paid, "2020-01-15")
        });
        assert_eq!(
            amounts(&a),
            [(150, "0.86".into(), 353), (184, "0.87".into(), 439)]
        );
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    }

    #[test]
    fn a_partial_payment_lowers_the_base_after_its_date() {
        // 1 000 € due 31/01/2025; 400 € on 10/02/2025; 600 € on 20/02/2025. H1 2025: 13,15 %.
        let paid = [
            (d("2025-02-20"), eur(60_000)),
            (d("2025-02-10"), eur(40_000)),
        ];
        let a = run(b2b(100_000, "2025-01-31", &paid, "2025-06-30"));
        // 10 d on 1 000 € = 3,60 €; 10 d on 600 € = 2,16 €.
        assert_eq!(
            amounts(&a),
            [(10, "13.15".into(), 360), (10, "13.15".into(), 216)]
        );
        assert_eq!(a.segments[1].base, eur(60_000));
    }

    #[test]
    fn a_delay_straddling_1_january_is_split() {
        // 500 € due 15/12/2024, paid 15/01/2025: 16 d at 14,25 % (H2 2024) + 15 d at 13,15 % (H1 2025).
        let paid = [(d("2025-01-15"), eur(50_000))];
        let a = run(b2b(50_000, "2024-12-15", &paid, "2025-03-01"));
        assert_eq!(
            amounts(&a),
            [(16, "14.25".into(), 312), (15, "13.15".into(), 270)]
        );
    }

    #[test]
    fn a_leap_year_still_counts_365_days() {
        // 36 500 € due 31/01/2024, unpaid, counted to 29/02/2024: 29 days at 14,50 % on a 365-day year.
        let a = run(b2b(3_650_000, "2024-01-31", &[], "2024-02-29"));
        assert_eq!(amounts(&a), [(29, "14.50".into(), 42_050)]);
    }

    #[test]
    fn a_stipulated_rate_below_the_floor_is_raised_with_a_warning() {
        // 2024 H1: floor 3 × 5,07 % = 15,21 %; a stipulated 10 % is raised; 20 % is kept.
        let low = run(AccrualInput {
            stipulated_rate: Some(Decimal::TEN),
            ..b2b(100_000, "2024-01-31", &[], "2024-03-01")
        });
        assert_eq!(low.segments[0].rate.to_string(), "15.21");
        assert_eq!(low.segments[0].basis, RateBasis::Floor);
        assert_eq!(low.warnings[0].code, "stipulated_below_floor");
        let high = run(AccrualInput {
            stipulated_rate: Some(Decimal::from(20)),
            ..b2b(100_000, "2024-01-31", &[], "2024-03-01")
        });
        assert_eq!(
            (high.segments[0].basis, high.warnings.len()),
            (RateBasis::Stipulated, 0)
        );
    }

    #[test]
    fn an_unknown_half_year_uses_the_last_known_rate_and_says_so() {
        // Boulangerie Petitjean, 450 € due 15/09/2026, on 23/11/2026: 69 days in 2026 H2, ECB of 1 July 2026 not
        // confirmed: 2,15 % + 10 = 12,15 % with a warning. 450 × 12,15 % × 69 / 365 = 10,34 €.
        let a = run(b2b(45_000, "2026-09-15", &[], "2026-11-23"));
        assert_eq!(amounts(&a), [(69, "12.15".into(), 1_034)]);
        assert_eq!(a.warnings[0].code, "ecb_rate_unconfirmed");
        assert!(
            a.warnings[0].message.contains("01/07/2026"),
            "{}",
            a.warnings[0].message
        );
        // A consumer in 2026 H2: the legal rate is not published yet either.
        let c = run(AccrualInput {
            debtor: ClientKind::Consumer,
            formal_notice: Some(d("2026-11-24")),
            ..b2b(32_000, "2026-11-20", &[], "2026-12-04")
        });
        assert_eq!(c.warnings[0].code, "legal_rate_unconfirmed");
        assert_eq!(c.segments[0].days, 10);
    }

    #[test]
    fn no_indemnity_for_a_debtor_in_collective_procedure_nor_for_an_invoice_paid_on_time() {
        let a = run(AccrualInput {
            collective_procedure: true,
            ..b2b(100_000, "2025-01-31", &[], "2025-03-01")
        });
        assert_eq!(a.indemnity, Money::ZERO);
        assert!(a.interest.is_positive());
        assert_eq!(a.warnings[0].code, "collective_procedure");
        let on_time = [(d("2025-01-31"), eur(100_000))];
        let b = run(b2b(100_000, "2025-01-31", &on_time, "2025-03-01"));
        assert_eq!((b.interest, b.indemnity), (Money::ZERO, Money::ZERO));
    }
}

/// The rates the user entered in Réglages, kept apart from the shipped tables so a newer Tact's tables still
/// apply: newer ECB values (or the confirmation that the rate in force is unchanged) and newer half-years of the
/// legal rate (legal-fr A.4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RateAdditions {
    #[serde(default)]
    pub ecb: Vec<EcbRate>,
    #[serde(default)]
    pub legal: Vec<LegalRate>,
}

/// An ECB rate as typed: « en vigueur au » a date, the rate in percent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EcbRateInput {
    pub from: String,
    pub rate: String,
}

/// A half-year's legal rate as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LegalRateInput {
    pub year: String,
    /// "1" or "2".
    pub half: String,
    pub private_creditor: String,
    pub other: String,
}

impl EcbRateInput {
    pub fn validate(&self) -> Result<EcbRate> {
        let from = crate::text::parse_date("from", "En vigueur au", &self.from)?;
        if from.year() < 1999 || from.year() > 2100 {
            return Err(Error::field(
                ErrorCode::InvalidDate,
                "from",
                "En vigueur au\u{a0}: une date depuis 1999 (création de l'euro).",
            ));
        }
        let rate = crate::money::parse_rate("rate", "Taux BCE", &self.rate)?;
        if rate > Decimal::from(20) {
            return Err(Error::field(
                ErrorCode::InvalidRate,
                "rate",
                "Taux BCE\u{a0}: le taux de refinancement n'a jamais dépassé 5\u{a0}%\u{a0}; vérifiez la saisie (ex.\u{a0}: 2,15\u{a0}%).",
            ));
        }
        Ok(EcbRate { from, rate })
    }
}

impl LegalRateInput {
    pub fn validate(&self) -> Result<LegalRate> {
        let year: i32 = self
            .year
            .trim()
            .parse()
            .ok()
            .filter(|y| (1999..=2100).contains(y))
            .ok_or_else(|| {
                Error::field(
                    ErrorCode::InvalidChoice,
                    "year",
                    "Année\u{a0}: par exemple 2026.",
                )
            })?;
        let half: u8 = match self.half.trim() {
            "1" => 1,
            "2" => 2,
            _ => {
                return Err(Error::field(
                    ErrorCode::InvalidChoice,
                    "half",
                    "Semestre\u{a0}: 1 (janvier à juin) ou 2 (juillet à décembre).",
                ))
            }
        };
        Ok(LegalRate {
            year,
            half,
            private_creditor: crate::money::parse_rate(
                "private_creditor",
                "Taux légal, créancier particulier",
                &self.private_creditor,
            )?,
            other: crate::money::parse_rate("other", "Taux légal, autres cas", &self.other)?,
        })
    }
}

impl RateAdditions {
    /// Adds or replaces the value for the same date (ECB) or half-year (legal rate).
    pub fn put_ecb(&mut self, r: EcbRate) {
        self.ecb.retain(|x| x.from != r.from);
        self.ecb.push(r);
        self.ecb.sort_by_key(|x| x.from);
    }

    pub fn put_legal(&mut self, r: LegalRate) {
        self.legal.retain(|x| (x.year, x.half) != (r.year, r.half));
        self.legal.push(r);
        self.legal.sort_by_key(|x| (x.year, x.half));
    }
}

impl RateTables {
    /// The shipped tables with the user's values laid over them. An ECB value entered for a date also confirms the
    /// table up to that date.
    pub fn with(mut self, add: &RateAdditions) -> RateTables {
        for r in &add.ecb {
            self.ecb.retain(|x| x.from != r.from);
            self.ecb.push(r.clone());
            self.ecb_known_until = self.ecb_known_until.max(r.from);
        }
        self.ecb.sort_by_key(|x| x.from);
        for r in &add.legal {
            self.legal.retain(|x| (x.year, x.half) != (r.year, r.half));
            self.legal.push(r.clone());
        }
        self.legal.sort_by_key(|x| (x.year, x.half));
        self
    }
}
