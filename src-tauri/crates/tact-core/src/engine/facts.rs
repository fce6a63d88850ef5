//! What the engine says about a step, as data: each reason behind a step and what comes next if nothing happens
//! is a [`Fact`] — a stable code and the values it speaks of (amounts, dates, invoice numbers, what was done).
//! The French sentence is worded here, once ([`Fact::text_fr`]): the command line, the drafts and the French
//! interface show it. The interface's other languages word the same fact from its values
//! (`ui/src/lib/i18n/en.ts`, section `facts`), so no sentence is parsed and none is translated after the fact.
//! Amounts and short dates are the values themselves: each language formats them its own way.

use super::Action;
use crate::model::JournalKind;
use crate::money::Money;
use crate::plans::Instalment;
use crate::text::{format_date_fr, plural_fr};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A contact already made about the overdue invoices: what and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Contact {
    pub kind: JournalKind,
    pub date: NaiveDate,
}

/// A calendar as the reasons name it: « Échéancier ECH-2026-001 (1 600,00 € en 4 échéances) ».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanSummary {
    pub reference: String,
    pub total: Money,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub instalments: usize,
}

/// An instalment not paid in time, and what is left on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Missed {
    pub instalment: Instalment,
    pub left: Money,
}

/// Why the preventive note is suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PreventiveWhy {
    NewClient,
    LargeAmount,
}

/// One thing the engine says: a reason behind a step, or what comes next (`then_*`). The serde tag is the
/// reason's stable code (the interface and the drafts test it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Fact {
    // ── Reasons ──
    NothingOwed,
    Dispute {
        invoices: Vec<String>,
    },
    DisputeReason {
        text: String,
    },
    ExchangeNoted {
        date: NaiveDate,
    },
    Preventive {
        why: PreventiveWhy,
        due: NaiveDate,
    },
    NotDue {
        due: NaiveDate,
    },
    Overdue {
        amount: Money,
        since: NaiveDate,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        days: i64,
    },
    Contacts {
        done: Vec<Contact>,
    },
    Difficulty {
        date: NaiveDate,
        text: Option<String>,
    },
    Promise {
        date: NaiveDate,
    },
    PromiseBroken {
        date: NaiveDate,
    },
    /// A good payer: a call first (`claim: false`), or a gentle word about an isolated delay (`claim: true`).
    GoodPayer {
        claim: bool,
    },
    AlwaysCallFirst,
    /// Too small for a procedure; `formal_notice_dropped` when it replaces the mise en demeure.
    SmallAmount {
        amount: Money,
        formal_notice_dropped: bool,
    },
    ConsumerLimit,
    ConsumerNoFees,
    Paused {
        until: NaiveDate,
    },
    CreditToReview {
        amount: Money,
        date: NaiveDate,
        label: String,
        invoices: Vec<String>,
    },
    HeldForCredit {
        action: Action,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        credits: usize,
    },
    StatementOld {
        date: NaiveDate,
    },
    PrescriptionSoon {
        invoice: String,
        on: NaiveDate,
    },
    TimeBarred {
        invoices: Vec<String>,
    },
    PlanProposed {
        plan: PlanSummary,
        on: NaiveDate,
    },
    PlanLate {
        plan: PlanSummary,
        signed: NaiveDate,
        missed: Vec<Missed>,
    },
    PlanReminders {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        count: usize,
    },
    PlanHonoured {
        plan: PlanSummary,
        signed: NaiveDate,
        next_due: NaiveDate,
        next_left: Money,
    },
    PaidLate {
        invoice: String,
        settled: NaiveDate,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        days: i64,
        due: NaiveDate,
        amount: Money,
    },
    ClaimOptional,
    // ── What comes next ──
    ThenDispute,
    ThenPreventive {
        due: NaiveDate,
    },
    ThenCalendar,
    ThenPromise {
        until: NaiveDate,
    },
    ThenFriendly,
    ThenFirm,
    ThenCall {
        small: bool,
    },
    ThenLastReminder {
        small: bool,
    },
    ThenFormalNotice,
    ThenCheckCredit {
        action: Action,
    },
    ThenPlanSignature,
    ThenPlanReminder,
    ThenPlanFirmReminder {
        notice_days: u32,
    },
    ThenPlanDefault {
        notice_days: u32,
        left: Money,
    },
    ThenPlanCourtesy {
        late_from: NaiveDate,
    },
    ThenClaim,
}

/// « 1 jour », « 2 jours ».
fn days_fr(n: i64) -> String {
    plural_fr(u64::try_from(n).unwrap_or(0), "jour", "jours")
}

fn plural(n: usize) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

impl PlanSummary {
    fn fr(&self) -> String {
        format!(
            "Échéancier {} ({} en {} échéance{})",
            self.reference,
            self.total.format_fr(),
            self.instalments,
            plural(self.instalments)
        )
    }
}

impl Fact {
    /// The stable code (the serde tag).
    pub fn code(&self) -> &'static str {
        match self {
            Fact::NothingOwed => "nothing_owed",
            Fact::Dispute { .. } => "dispute",
            Fact::DisputeReason { .. } => "dispute_reason",
            Fact::ExchangeNoted { .. } => "exchange_noted",
            Fact::Preventive { .. } => "preventive",
            Fact::NotDue { .. } => "not_due",
            Fact::Overdue { .. } => "overdue",
            Fact::Contacts { .. } => "contacts",
            Fact::Difficulty { .. } => "difficulty",
            Fact::Promise { .. } => "promise",
            Fact::PromiseBroken { .. } => "promise_broken",
            Fact::GoodPayer { .. } => "good_payer",
            Fact::AlwaysCallFirst => "always_call_first",
            Fact::SmallAmount { .. } => "small_amount",
            Fact::ConsumerLimit => "consumer_limit",
            Fact::ConsumerNoFees => "consumer_no_fees",
            Fact::Paused { .. } => "paused",
            Fact::CreditToReview { .. } => "credit_to_review",
            Fact::HeldForCredit { .. } => "held_for_credit",
            Fact::StatementOld { .. } => "statement_old",
            Fact::PrescriptionSoon { .. } => "prescription_soon",
            Fact::TimeBarred { .. } => "time_barred",
            Fact::PlanProposed { .. } => "plan_proposed",
            Fact::PlanLate { .. } => "plan_late",
            Fact::PlanReminders { .. } => "plan_reminders",
            Fact::PlanHonoured { .. } => "plan_honoured",
            Fact::PaidLate { .. } => "paid_late",
            Fact::ClaimOptional => "claim_optional",
            Fact::ThenDispute => "then_dispute",
            Fact::ThenPreventive { .. } => "then_preventive",
            Fact::ThenCalendar => "then_calendar",
            Fact::ThenPromise { .. } => "then_promise",
            Fact::ThenFriendly => "then_friendly",
            Fact::ThenFirm => "then_firm",
            Fact::ThenCall { .. } => "then_call",
            Fact::ThenLastReminder { .. } => "then_last_reminder",
            Fact::ThenFormalNotice => "then_formal_notice",
            Fact::ThenCheckCredit { .. } => "then_check_credit",
            Fact::ThenPlanSignature => "then_plan_signature",
            Fact::ThenPlanReminder => "then_plan_reminder",
            Fact::ThenPlanFirmReminder { .. } => "then_plan_firm_reminder",
            Fact::ThenPlanDefault { .. } => "then_plan_default",
            Fact::ThenPlanCourtesy { .. } => "then_plan_courtesy",
            Fact::ThenClaim => "then_claim",
        }
    }

    /// The French sentence, as a careful professional would write it.
    pub fn text_fr(&self) -> String {
        let d = |d: &NaiveDate| format_date_fr(*d);
        match self {
            Fact::NothingOwed => "Aucune somme due.".into(),
            Fact::Dispute { invoices } => match invoices.as_slice() {
                [one] => format!("La facture {one} est contestée\u{a0}: elle sort des relances tant que le désaccord n'est pas réglé."),
                _ => format!(
                    "Les factures {} sont contestées\u{a0}: elles sortent des relances tant que le désaccord n'est pas réglé.",
                    invoices.join(", ")
                ),
            },
            Fact::DisputeReason { text } => format!("Motif noté\u{a0}: {text}"),
            Fact::ExchangeNoted { date } => format!(
                "Dernier échange noté le {}\u{a0}: on laisse au client le temps de répondre.",
                d(date)
            ),
            Fact::Preventive { why, due } => format!(
                "{}\u{a0}: un mot avant l'échéance du {} permet de vérifier que tout est en ordre.",
                match why {
                    PreventiveWhy::NewClient => "Nouveau client",
                    PreventiveWhy::LargeAmount => "Montant important",
                },
                d(due)
            ),
            Fact::NotDue { due } => format!("Prochaine échéance le {}.", d(due)),
            Fact::Overdue {
                amount,
                since,
                days,
            } => format!(
                "{} en retard depuis le {} ({}).",
                amount.format_fr(),
                d(since),
                days_fr(*days)
            ),
            Fact::Contacts { done } => {
                let list: Vec<String> = done
                    .iter()
                    .map(|c| format!("{} le {}", c.kind.label_fr().to_lowercase(), d(&c.date)))
                    .collect();
                format!("Déjà fait\u{a0}: {}.", list.join(", "))
            }
            Fact::Difficulty { date, text } => format!(
                "Le {}, le client a fait part de difficultés{}",
                d(date),
                text.as_ref()
                    .map(|t| format!("\u{a0}: {t}"))
                    .unwrap_or_else(|| ".".into())
            ),
            Fact::Promise { date } => format!("Promesse de paiement pour le {}.", d(date)),
            Fact::PromiseBroken { date } => format!(
                "La promesse de payer avant le {} n'a pas été tenue.",
                d(date)
            ),
            Fact::GoodPayer { claim: false } => {
                "Client qui paie habituellement à l'heure\u{a0}: un appel d'abord, pour comprendre.".into()
            }
            Fact::GoodPayer { claim: true } => "Client qui paie habituellement à l'heure\u{a0}: un retard isolé ne justifie pas forcément une réclamation.".into(),
            Fact::AlwaysCallFirst => "Pour ce client, un appel avant toute relance écrite.".into(),
            Fact::SmallAmount {
                amount,
                formal_notice_dropped: false,
            } => format!(
                "Pour {}, pas de mise en demeure\u{a0}: une procédure coûterait plus qu'elle ne rapporterait.",
                amount.format_fr()
            ),
            Fact::SmallAmount {
                amount,
                formal_notice_dropped: true,
            } => format!(
                "Pour {}, une procédure coûterait plus qu'elle ne rapporterait.",
                amount.format_fr()
            ),
            Fact::ConsumerLimit => {
                "Particulier\u{a0}: quatre tentatives au plus sur trente jours.".into()
            }
            Fact::ConsumerNoFees => "Particulier\u{a0}: aucun frais de recouvrement ni indemnité de 40\u{a0}€ (CPCE L111-8).".into(),
            Fact::Paused { until } => format!("Reporté au {}.", d(until)),
            Fact::CreditToReview {
                amount,
                date,
                label,
                invoices,
            } => format!(
                "Un crédit de {} reçu le {} («\u{a0}{}\u{a0}») n'est pas encore rapproché\u{a0}: il pourrait régler {}.",
                amount.format_fr(),
                d(date),
                label,
                invoices.join(", ")
            ),
            Fact::HeldForCredit { action, credits } => format!(
                "«\u{a0}{}\u{a0}» attend que vous ayez examiné {}\u{a0}: on ne relance pas un client qui a peut-être déjà payé.",
                action.label_fr(),
                if *credits > 1 { "ces crédits" } else { "ce crédit" }
            ),
            Fact::StatementOld { date } => format!(
                "Dernier relevé importé le {}\u{a0}: vérifiez qu'il n'a pas réglé.",
                d(date)
            ),
            Fact::PrescriptionSoon { invoice, on } => format!(
                "La facture {} sera prescrite le {}\u{a0}: au-delà, son paiement ne pourra plus être exigé en justice.",
                invoice,
                d(on)
            ),
            Fact::TimeBarred { invoices } => match invoices.as_slice() {
                [one] => format!("La facture {one} est prescrite\u{a0}: elle n'est plus relancée."),
                _ => format!(
                    "Les factures {} sont prescrites\u{a0}: elles ne sont plus relancées.",
                    invoices.join(", ")
                ),
            },
            Fact::PlanProposed { plan, on } => format!(
                "{} proposé le {}\u{a0}: en attente de la signature du client.",
                plan.fr(),
                d(on)
            ),
            Fact::PlanLate {
                plan,
                signed,
                missed,
            } => {
                let list: Vec<String> = missed
                    .iter()
                    .map(|m| {
                        format!(
                            "{} du {} ({} restant{})",
                            m.instalment.label_fr().to_lowercase(),
                            d(&m.instalment.due_on),
                            m.left.format_fr(),
                            if m.left.cents() > 100 { "s" } else { "" }
                        )
                    })
                    .collect();
                format!(
                    "{} signé le {}\u{a0}: {} non réglée{}.",
                    plan.fr(),
                    d(signed),
                    list.join(", "),
                    plural(missed.len())
                )
            }
            Fact::PlanReminders { count } => {
                format!("Déjà relancé {count} fois depuis la signature.")
            }
            Fact::PlanHonoured {
                plan,
                signed,
                next_due,
                next_left,
            } => format!(
                "{} signé le {} et respecté\u{a0}: prochaine échéance le {} ({}).",
                plan.fr(),
                d(signed),
                d(next_due),
                next_left.format_fr()
            ),
            Fact::PaidLate {
                invoice,
                settled,
                days,
                due,
                amount,
            } => format!(
                "La facture {} a été réglée le {}, {} après son échéance du {}\u{a0}: {} de pénalités et d'indemnité forfaitaire restent dus (C. com. L441-10 II, D441-5).",
                invoice,
                d(settled),
                days_fr(*days),
                d(due),
                amount.format_fr()
            ),
            Fact::ClaimOptional => "Étape facultative\u{a0}: réclamer est votre droit, y renoncer aussi pour garder le client («\u{a0}J'y renonce\u{a0}» sur la fiche du client le note dans l'historique).".into(),
            Fact::ThenDispute => "Rassembler les éléments, proposer un échange\u{a0}; un avoir si la contestation est fondée.".into(),
            Fact::ThenPreventive { due } => {
                format!("Relance amiable si rien n'arrive après le {}.", d(due))
            }
            Fact::ThenCalendar => {
                "Un échéancier signé suspend les relances tant qu'il est respecté.".into()
            }
            Fact::ThenPromise { until } => format!(
                "Sans paiement, reprise des relances après le {}.",
                d(until)
            ),
            Fact::ThenFriendly => "Relance ferme une semaine plus tard si rien ne bouge.".into(),
            Fact::ThenFirm => "Un appel pour comprendre, une semaine plus tard.".into(),
            Fact::ThenCall { small: true } => {
                "Une dernière relance écrite\u{a0}; pour cette somme, pas de mise en demeure.".into()
            }
            Fact::ThenCall { small: false } => {
                "Une dernière relance écrite, puis la mise en demeure.".into()
            }
            Fact::ThenLastReminder { small: true } => "Sans réponse, décider de passer la somme en perte ou de la garder en suivi\u{a0}: pas de mise en demeure pour ce montant.".into(),
            Fact::ThenLastReminder { small: false } => {
                "La mise en demeure par lettre recommandée.".into()
            }
            Fact::ThenFormalNotice => {
                "Sans paiement dans le délai\u{a0}: injonction de payer, ou conciliateur de justice."
                    .into()
            }
            Fact::ThenCheckCredit { action } => format!(
                "S'il ne s'agit pas de son règlement\u{a0}: {}.",
                action.label_fr().to_lowercase()
            ),
            Fact::ThenPlanSignature => {
                "Une fois l'échéancier signé, les relances s'arrêtent tant qu'il est respecté.".into()
            }
            Fact::ThenPlanReminder => "Sans règlement, une relance ferme, puis la mise en demeure qui invoque la déchéance du terme.".into(),
            Fact::ThenPlanFirmReminder { notice_days } => format!(
                "Ensuite, la mise en demeure qui invoque la déchéance du terme (préavis de {notice_days} jours)."
            ),
            Fact::ThenPlanDefault { notice_days, left } => format!(
                "Sans règlement dans les {notice_days} jours suivant sa réception, tout le solde ({}) devient exigible.",
                left.format_fr()
            ),
            Fact::ThenPlanCourtesy { late_from } => format!(
                "Une relance sur l'échéance seulement si elle n'est pas réglée le {}.",
                d(late_from)
            ),
            Fact::ThenClaim => "Une seule demande, sans relance\u{a0}: les pénalités restent dues et figurent sur la fiche du client.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One fact of every code: `code()` (what a `Reason` carries, and what the drafts and the interface test) is
    /// the serde tag (what the interface's English dispatches on). `code()`'s match is exhaustive, so a new code
    /// cannot be forgotten there; this list must grow with it.
    fn one_of_each() -> Vec<Fact> {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        let m = Money::from_cents(160_000);
        let plan = PlanSummary {
            reference: "ECH-2026-001".into(),
            total: m,
            instalments: 4,
        };
        let n = || vec!["F-1".to_owned()];
        vec![
            Fact::NothingOwed,
            Fact::Dispute { invoices: n() },
            Fact::DisputeReason { text: "x".into() },
            Fact::ExchangeNoted { date: day },
            Fact::Preventive {
                why: PreventiveWhy::NewClient,
                due: day,
            },
            Fact::NotDue { due: day },
            Fact::Overdue {
                amount: m,
                since: day,
                days: 31,
            },
            Fact::Contacts {
                done: vec![Contact {
                    kind: JournalKind::Call,
                    date: day,
                }],
            },
            Fact::Difficulty {
                date: day,
                text: None,
            },
            Fact::Promise { date: day },
            Fact::PromiseBroken { date: day },
            Fact::GoodPayer { claim: false },
            Fact::AlwaysCallFirst,
            Fact::SmallAmount {
                amount: m,
                formal_notice_dropped: false,
            },
            Fact::ConsumerLimit,
            Fact::ConsumerNoFees,
            Fact::Paused { until: day },
            Fact::CreditToReview {
                amount: m,
                date: day,
                label: "VIR".into(),
                invoices: n(),
            },
            Fact::HeldForCredit {
                action: Action::FriendlyReminder,
                credits: 2,
            },
            Fact::StatementOld { date: day },
            Fact::PrescriptionSoon {
                invoice: "F-1".into(),
                on: day,
            },
            Fact::TimeBarred { invoices: n() },
            Fact::PlanProposed {
                plan: plan.clone(),
                on: day,
            },
            Fact::PlanLate {
                plan: plan.clone(),
                signed: day,
                missed: vec![Missed {
                    instalment: Instalment {
                        number: 2,
                        due_on: day,
                        amount: m,
                        down_payment: false,
                    },
                    left: m,
                }],
            },
            Fact::PlanReminders { count: 1 },
            Fact::PlanHonoured {
                plan,
                signed: day,
                next_due: day,
                next_left: m,
            },
            Fact::PaidLate {
                invoice: "F-1".into(),
                settled: day,
                days: 12,
                due: day,
                amount: m,
            },
            Fact::ClaimOptional,
            Fact::ThenDispute,
            Fact::ThenPreventive { due: day },
            Fact::ThenCalendar,
            Fact::ThenPromise { until: day },
            Fact::ThenFriendly,
            Fact::ThenFirm,
            Fact::ThenCall { small: true },
            Fact::ThenLastReminder { small: false },
            Fact::ThenFormalNotice,
            Fact::ThenCheckCredit {
                action: Action::FirmReminder,
            },
            Fact::ThenPlanSignature,
            Fact::ThenPlanReminder,
            Fact::ThenPlanFirmReminder { notice_days: 8 },
            Fact::ThenPlanDefault {
                notice_days: 8,
                left: m,
            },
            Fact::ThenPlanCourtesy { late_from: day },
            Fact::ThenClaim,
        ]
    }

    #[test]
    fn the_code_is_the_serde_tag_for_every_fact() {
        let facts = one_of_each();
        let codes: std::collections::BTreeSet<&str> = facts.iter().map(Fact::code).collect();
        for f in &facts {
            let v = serde_json::to_value(f).unwrap_or_default();
            assert_eq!(v["code"], f.code(), "{f:?}");
            assert!(!f.text_fr().trim().is_empty(), "{f:?}");
        }
        assert_eq!(codes.len(), 44, "one sample of each of the 44 codes");
    }

    #[test]
    fn french_plurals_and_typography() {
        let on = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
        let overdue = |days| Fact::Overdue {
            amount: Money::from_cents(123_456),
            since: on(2),
            days,
        };
        assert_eq!(
            overdue(1).text_fr(),
            "1\u{202f}234,56\u{a0}€ en retard depuis le 02/11/2026 (1\u{a0}jour)."
        );
        assert!(overdue(21).text_fr().ends_with("(21\u{a0}jours)."));
        let barred = Fact::TimeBarred {
            invoices: vec!["F-1".into(), "F-2".into()],
        };
        assert_eq!(
            barred.text_fr(),
            "Les factures F-1, F-2 sont prescrites\u{a0}: elles ne sont plus relancées."
        );
    }
}
