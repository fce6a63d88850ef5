//! Each client's payer profile: a score from 0 to 100, a grade from A to E, and one French sentence saying why
//! (issue 18). The engine's good-payer rule ([`good_payer`]) is part of the same computation, so the profile
//! shown to the user and the engine's softer ladder never disagree. Pure: the facts are gathered by the ledger.
//!
//! The score, stated so a user can check it by hand:
//! - start from the share of invoices paid on time (70 when no invoice was paid yet: nothing known);
//! - minus half the average delay of the invoices paid late, in days (at most 25);
//! - minus what is late now: 5 up to 15 days, 10 up to 30, 20 up to 60, 30 up to 90, 40 beyond;
//! - minus 15 per promise to pay not kept in the last 12 months (at most 30), 5 per dispute opened in that time
//!   (at most 10: a dispute is not always the client's fault), 15 per calendar whose instalment was missed or that
//!   was broken (at most 30);
//! - plus 5 per calendar honoured to the end (at most 10); kept between 0 and 100.
//!
//! Grades: A from 85, B from 70, C from 50, D from 30, E below. A client with nothing paid, nothing late and no
//! history of promises or disputes has no grade yet.

use crate::calendar::Calendar;
use crate::model::{in_force, ClientId, JournalEntry, JournalKind};
use crate::plans::{PlanState, PlanStatus};
use crate::standing::{ClientStanding, PaymentHistory};
use crate::text::{format_date_long_fr, join_fr, plural_fr};
use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// When a client counts as a good payer: enough invoices paid, and enough of them on time (the policy's
/// « Bon payeur » settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoodPayerRule {
    pub min_invoices: u32,
    pub min_on_time_percent: u32,
}

/// Practice.md « History matters »: a long-standing client who always paid on time gets a call before anything
/// firm. The one rule the engine and the payer profile share.
pub fn good_payer(history: &PaymentHistory, rule: GoodPayerRule) -> bool {
    history.paid_invoices >= rule.min_invoices
        && history
            .on_time_percent
            .is_some_and(|p| p >= Decimal::from(rule.min_on_time_percent))
}

crate::model::labelled_enum!(
    /// A payer's grade.
    Grade {
        A = "A" / "Paie à l'heure",
        B = "B" / "Paie bien",
        C = "C" / "Paie irrégulièrement",
        D = "D" / "Paie difficilement",
        E = "E" / "À surveiller de près",
    }
);

impl Grade {
    pub fn of(score: u8) -> Grade {
        match score {
            85.. => Grade::A,
            70..=84 => Grade::B,
            50..=69 => Grade::C,
            30..=49 => Grade::D,
            _ => Grade::E,
        }
    }
}

/// What the profile of one client is made from.
pub struct PayerCase<'a> {
    pub client_id: ClientId,
    pub client_name: &'a str,
    pub standing: &'a ClientStanding,
    /// The invoice late the longest now, by number, with its days late.
    pub worst_late: Option<(&'a str, i64)>,
    /// The client's history, in date order (corrected entries are skipped here).
    pub journal: &'a [JournalEntry],
    /// The client's calendars that were not replaced, followed to today.
    pub plans: &'a [PlanState],
}

/// A client's payer profile as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PayerProfile {
    pub client_id: ClientId,
    pub client_name: String,
    /// 0 to 100; `None` while nothing is known.
    pub score: Option<u8>,
    pub grade: Option<Grade>,
    pub grade_label: String,
    /// Why, in one French sentence.
    pub why: String,
    /// The engine's rule: a call before anything firm.
    pub good_payer: bool,
    pub paid_invoices: u32,
    pub paid_on_time: u32,
    pub max_days_late_now: Option<i64>,
    pub promises_kept: u32,
    pub promises_broken: u32,
    pub disputes: u32,
    pub plans_honoured: u32,
    pub plans_missed: u32,
    /// The average delay of the invoices paid late (not of every paid one), in days, as the sentence says it.
    pub late_delay_days: Option<i64>,
    /// The invoice most overdue now, which the sentence names.
    pub worst_late_invoice: Option<String>,
    /// The date of the last promise not kept in the year.
    pub last_broken_promise: Option<NaiveDate>,
}

/// How far back promises and disputes count.
const RECENT_DAYS: u64 = 365;

/// The track record in words: « 7 factures sur 8 réglées à l'heure, l'autre avec 8 jours de retard ».
fn record_fr(h: &PaymentHistory) -> String {
    let (n, k) = (h.paid_invoices, h.paid_on_time);
    if n == 0 {
        return "Aucune facture encore réglée".to_owned();
    }
    let late = n.saturating_sub(k);
    let delay = late_delay(h);
    let days = |x: i64| plural_fr(u64::try_from(x).unwrap_or(0), "jour", "jours");
    match (k, delay) {
        (0, None) if n == 1 => "La seule facture réglée l'a été en retard".to_owned(),
        (0, Some(x)) if n == 1 => format!("La seule facture réglée l'a été avec {} de retard", days(x)),
        (0, None) => format!("Aucune des {n}\u{a0}factures réglées ne l'a été à l'heure"),
        (0, Some(x)) => format!(
            "Aucune des {n}\u{a0}factures réglées ne l'a été à l'heure\u{a0}: {} de retard en moyenne",
            days(x)
        ),
        _ => {
            let mut s = format!(
                "{} sur {n} {} à l'heure",
                plural_fr(u64::from(k), "facture", "factures"),
                if k > 1 { "réglées" } else { "réglée" }
            );
            match delay {
                Some(x) if late == 1 => s.push_str(&format!(", l'autre avec {} de retard", days(x))),
                Some(x) => s.push_str(&format!(", les autres avec {} de retard en moyenne", days(x))),
                None => {}
            }
            s
        }
    }
}

/// The average delay of the invoices paid late, in whole days: the history's average is over every paid invoice
/// (0 for those on time), so it is brought back to the late ones.
fn late_delay(h: &PaymentHistory) -> Option<i64> {
    let late = h.paid_invoices.saturating_sub(h.paid_on_time);
    h.average_days_late
        .filter(|a| !a.is_zero() && late > 0)
        .and_then(|a| {
            a.checked_mul(Decimal::from(h.paid_invoices))?
                .checked_div(Decimal::from(late))
        })
        .map(|x| x.round().to_i64().unwrap_or(0))
        .filter(|x| *x > 0)
}

/// What late now takes off the score.
fn lateness_penalty(days: i64) -> i64 {
    match days {
        ..=0 => 0,
        1..=15 => 5,
        16..=30 => 10,
        31..=60 => 20,
        61..=90 => 30,
        _ => 40,
    }
}

/// The profile of one client on `today`. `promise_grace` is the policy's grace after a promised date, in working
/// days: a promise is broken when that grace has passed without a payment recorded since it was made (the
/// engine's own reading, practice.md « A promise is a pause »).
pub fn profile(
    case: &PayerCase<'_>,
    rule: GoodPayerRule,
    promise_grace: u32,
    cal: &Calendar,
    today: NaiveDate,
) -> PayerProfile {
    let h = &case.standing.history;
    let since = today
        .checked_sub_days(chrono::Days::new(RECENT_DAYS))
        .unwrap_or(today);
    let entries: Vec<&JournalEntry> = in_force(case.journal).collect();
    let paid_since = |d: NaiveDate| {
        entries
            .iter()
            .any(|e| e.kind == JournalKind::PaymentRecorded && e.date >= d)
    };
    let (mut kept, mut broken, mut last_broken) = (0u32, 0u32, None::<NaiveDate>);
    for e in entries.iter().filter(|e| e.date >= since) {
        let Some(promised) = e.promise_date else {
            continue;
        };
        let until = cal.add_working_days(promised, promise_grace);
        if paid_since(e.date) {
            kept = kept.saturating_add(1);
        } else if until < today {
            broken = broken.saturating_add(1);
            last_broken = last_broken.max(Some(promised));
        }
    }
    let disputes = u32::try_from(
        entries
            .iter()
            .filter(|e| e.kind == JournalKind::DisputeOpened && e.date >= since)
            .count(),
    )
    .unwrap_or(u32::MAX);
    let honoured = u32::try_from(
        case.plans
            .iter()
            .filter(|p| p.status == PlanStatus::Completed)
            .count(),
    )
    .unwrap_or(u32::MAX);
    let missed = u32::try_from(
        case.plans
            .iter()
            .filter(|p| {
                p.status == PlanStatus::Broken || p.status == PlanStatus::Late || p.late_count > 0
            })
            .count(),
    )
    .unwrap_or(u32::MAX);
    let late_now = case.worst_late.map(|(_, d)| d).filter(|d| *d > 0);
    let known =
        h.paid_invoices > 0 || late_now.is_some() || broken > 0 || disputes > 0 || missed > 0;

    let score = known.then(|| {
        let base = h
            .on_time_percent
            .and_then(|p| p.round().to_i64())
            .unwrap_or(70);
        // The average is over every paid invoice (0 for those on time); the delay of the late ones is what counts.
        let late_paid = h.paid_invoices.saturating_sub(h.paid_on_time);
        let delay = h
            .average_days_late
            .filter(|_| late_paid > 0)
            .and_then(|a| {
                a.checked_mul(Decimal::from(h.paid_invoices))?
                    .checked_div(Decimal::from(late_paid))
            })
            .and_then(|x| x.round().to_i64())
            .unwrap_or(0)
            .max(0);
        let s = base
            .saturating_sub(delay.checked_div(2).unwrap_or(0).min(25))
            .saturating_sub(late_now.map_or(0, lateness_penalty))
            .saturating_sub(i64::from(broken).saturating_mul(15).min(30))
            .saturating_sub(i64::from(disputes).saturating_mul(5).min(10))
            .saturating_sub(i64::from(missed).saturating_mul(15).min(30))
            .saturating_add(i64::from(honoured).saturating_mul(5).min(10));
        u8::try_from(s.clamp(0, 100)).unwrap_or(0)
    });
    let grade = score.map(Grade::of);
    let good = good_payer(h, rule);

    // The sentence: the track record first, then what goes against it now.
    let record = record_fr(h);
    let mut against = Vec::new();
    if let (Some(days), Some((number, _))) = (late_now, case.worst_late) {
        against.push(format!(
            "la facture {number} a {} de retard",
            plural_fr(u64::try_from(days).unwrap_or(0), "jour", "jours")
        ));
    }
    if let Some(on) = last_broken {
        against.push(if broken > 1 {
            format!(
                "{broken}\u{a0}promesses de paiement n'ont pas été tenues (la dernière pour le {})",
                format_date_long_fr(on)
            )
        } else {
            format!(
                "la promesse de payer le {} n'a pas été tenue",
                format_date_long_fr(on)
            )
        });
    }
    if missed > 0 {
        against.push(if missed > 1 {
            format!("{missed}\u{a0}échéanciers n'ont pas été respectés")
        } else {
            "une échéance de l'échéancier a été manquée".to_owned()
        });
    }
    if disputes > 0 {
        against.push(if disputes > 1 {
            format!("{disputes}\u{a0}litiges ont été ouverts dans l'année")
        } else {
            "un litige a été ouvert dans l'année".to_owned()
        });
    }
    let mut pro = Vec::new();
    if kept > 0 {
        pro.push(plural_fr(
            u64::from(kept),
            "promesse tenue",
            "promesses tenues",
        ));
    }
    if honoured > 0 {
        pro.push(plural_fr(
            u64::from(honoured),
            "échéancier respecté jusqu'au bout",
            "échéanciers respectés jusqu'au bout",
        ));
    }
    let mut why = record;
    if !pro.is_empty() {
        why.push_str(", ");
        why.push_str(&join_fr(&pro));
    }
    if !against.is_empty() {
        let good_record = h.paid_invoices > 0 && h.paid_on_time == h.paid_invoices;
        why.push_str(if good_record || !pro.is_empty() {
            "\u{a0}; mais "
        } else {
            "\u{a0}; "
        });
        why.push_str(&join_fr(&against));
    }
    why.push('.');
    if good {
        why.push_str(" Bon payeur\u{a0}: un appel avant toute relance ferme.");
    }
    PayerProfile {
        client_id: case.client_id,
        client_name: case.client_name.to_owned(),
        score,
        grade,
        grade_label: grade
            .map_or("Pas encore d'historique", |g| g.label_fr())
            .to_owned(),
        why,
        good_payer: good,
        paid_invoices: h.paid_invoices,
        paid_on_time: h.paid_on_time,
        max_days_late_now: late_now,
        promises_kept: kept,
        promises_broken: broken,
        disputes,
        plans_honoured: honoured,
        plans_missed: missed,
        late_delay_days: late_delay(h),
        worst_late_invoice: late_now
            .and(case.worst_late)
            .map(|(number, _)| number.to_owned()),
        last_broken_promise: last_broken,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use crate::model::JournalEntry;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const RULE: GoodPayerRule = GoodPayerRule {
        min_invoices: 3,
        min_on_time_percent: 90,
    };

    fn history(paid: u32, on_time: u32, avg: &str) -> PaymentHistory {
        PaymentHistory {
            paid_invoices: paid,
            paid_on_time: on_time,
            average_days_late: (paid > 0).then(|| avg.parse().unwrap()),
            on_time_percent: PaymentHistory::share_on_time(on_time, paid),
        }
    }

    fn entry(date: &str, kind: JournalKind) -> JournalEntry {
        JournalEntry::new(2, d(date), kind, String::new())
    }

    fn run(
        h: PaymentHistory,
        worst: Option<(&str, i64)>,
        journal: &[JournalEntry],
        today: &str,
    ) -> PayerProfile {
        let standing = ClientStanding {
            client_id: 2,
            history: h,
            ..Default::default()
        };
        profile(
            &PayerCase {
                client_id: 2,
                client_name: "Boulangerie Petitjean",
                standing: &standing,
                worst_late: worst,
                journal,
                plans: &[],
            },
            RULE,
            2,
            &Calendar::france(),
            d(today),
        )
    }

    #[test]
    fn a_punctual_client_late_now_with_a_broken_promise_is_not_shown_as_punctual() {
        // Boulangerie Petitjean on 23/11/2026: its one paid invoice on time, F-2026-028 69 days late, the promise of
        // 31/10 not kept (no payment since).
        let mut promise = entry("2026-10-20", JournalKind::Call);
        promise.promise_date = Some(d("2026-10-31"));
        let p = run(
            history(1, 1, "0.0"),
            Some(("F-2026-028", 69)),
            &[promise],
            "2026-11-23",
        );
        // 100 − 30 (69 days late) − 15 (one broken promise).
        assert_eq!((p.score, p.grade), (Some(55), Some(Grade::C)));
        assert_eq!(p.promises_broken, 1);
        // What the sentence names, as values (the interface's English says them from these).
        assert_eq!(p.worst_late_invoice.as_deref(), Some("F-2026-028"));
        assert_eq!(p.last_broken_promise, Some(d("2026-10-31")));
        assert_eq!(p.late_delay_days, None);
        assert!(!p.good_payer, "one invoice is not a track record");
        assert_eq!(
            p.why,
            "1\u{a0}facture sur 1 réglée à l'heure\u{a0}; mais la facture F-2026-028 a 69\u{a0}jours de retard et la promesse de payer le 31\u{a0}octobre 2026 n'a pas été tenue."
        );
    }

    #[test]
    fn the_good_payer_rule_of_the_engine_is_the_profiles() {
        let p = run(
            history(8, 8, "0.0"),
            Some(("F-2026-041", 23)),
            &[],
            "2026-11-23",
        );
        assert!(p.good_payer);
        // 100 − 10 (23 days late now).
        assert_eq!((p.score, p.grade), (Some(90), Some(Grade::A)));
        assert!(
            p.why
                .ends_with("Bon payeur\u{a0}: un appel avant toute relance ferme."),
            "{}",
            p.why
        );
        let p = run(history(8, 7, "1.0"), None, &[], "2026-11-23");
        // 7 of 8 = 88 % < 90 %: not a good payer for the engine; 88 − 4 (the one paid 8 days late, halved) = 84.
        assert!(!p.good_payer);
        assert_eq!((p.score, p.grade), (Some(84), Some(Grade::B)));
        assert_eq!(
            p.why,
            "7\u{a0}factures sur 8 réglées à l'heure, l'autre avec 8\u{a0}jours de retard."
        );
    }

    #[test]
    fn a_kept_promise_and_a_dispute() {
        let mut promise = entry("2026-10-20", JournalKind::Call);
        promise.promise_date = Some(d("2026-10-31"));
        let paid = entry("2026-10-30", JournalKind::PaymentRecorded);
        let dispute = entry("2026-10-05", JournalKind::DisputeOpened);
        let p = run(
            history(4, 2, "10.0"),
            None,
            &[dispute, promise, paid],
            "2026-11-23",
        );
        assert_eq!((p.promises_kept, p.promises_broken, p.disputes), (1, 0, 1));
        assert_eq!(
            (p.late_delay_days, p.worst_late_invoice.as_deref()),
            (Some(20), None)
        );
        // 50 − 10 (20 days on the late ones, halved) − 5 (a dispute).
        assert_eq!((p.score, p.grade), (Some(35), Some(Grade::D)));
        assert_eq!(
            p.why,
            "2\u{a0}factures sur 4 réglées à l'heure, les autres avec 20\u{a0}jours de retard en moyenne, 1\u{a0}promesse tenue\u{a0}; mais un litige a été ouvert dans l'année."
        );
    }

    #[test]
    fn a_promise_still_running_counts_neither_way_and_a_new_client_has_no_grade() {
        let mut promise = entry("2026-11-20", JournalKind::Call);
        promise.promise_date = Some(d("2026-11-30"));
        let p = run(history(0, 0, "0"), None, &[promise], "2026-11-23");
        assert_eq!((p.promises_kept, p.promises_broken), (0, 0));
        assert_eq!((p.score, p.grade), (None, None));
        assert_eq!(p.grade_label, "Pas encore d'historique");
        assert_eq!(p.why, "Aucune facture encore réglée.");
    }
}
