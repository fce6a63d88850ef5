//! The emails of a payment calendar: the proposal (and its follow-up until the signed copy comes back), the
//! courtesy note before an instalment, the reminders about a missed instalment only, and the memo that points to
//! the déchéance letter.

use super::{in_eight_days, DraftContext, Lang};
use crate::engine::Action;
use crate::error::{Error, ErrorCode, Result};
use crate::model::ClientKind;
use crate::money::Money;
use crate::plans::{InstalmentStatus, PenaltyTreatment, PlanState, PlanStatus};
use crate::text::format_iban;

/// The schedule as lines of text: « – Échéance n° 1 : 800,00 € le 05/12/2026 (réglée) ».
fn schedule(st: &PlanState, l: Lang, with_state: bool) -> String {
    st.instalments
        .iter()
        .map(|i| {
            let label = if l.en() {
                if i.instalment.down_payment {
                    "Down payment".to_owned()
                } else {
                    format!("Instalment {}", i.instalment.number)
                }
            } else {
                i.label.clone()
            };
            let state = if with_state {
                match (l.en(), i.status) {
                    (_, InstalmentStatus::Upcoming) => String::new(),
                    (false, s) => format!(" ({})", s.label_fr().to_lowercase()),
                    (true, InstalmentStatus::Paid) => " (paid)".into(),
                    (true, InstalmentStatus::PartlyPaid) => " (partly paid)".into(),
                    (true, InstalmentStatus::Late) => " (late)".into(),
                }
            } else {
                String::new()
            };
            format!(
                "– {label}{} {} {} {}{state}",
                l.colon(),
                l.money(i.instalment.amount),
                l.t("le", "on"),
                l.date(i.instalment.due_on)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn pay(ctx: &DraftContext<'_>, st: &PlanState, l: Lang) -> String {
    let Some(iban) = ctx.business.iban.as_deref() else {
        return String::new();
    };
    let numbers: Vec<String> = st.plan.invoices.iter().map(|i| i.number.clone()).collect();
    format!(
        "{}{}\nIBAN{} {}\n{}{} {} {}",
        l.t("Pour le règlement par virement", "To pay by bank transfer"),
        l.colon(),
        l.colon(),
        format_iban(iban),
        l.t("Référence à indiquer", "Reference"),
        l.colon(),
        st.plan.reference(),
        numbers.join(" ")
    )
}

/// Subject, paragraphs, the amount the email is about, and whether it is sent (the déchéance is a letter).
pub(super) fn paragraphs(
    ctx: &DraftContext<'_>,
    action: Action,
    l: Lang,
) -> Result<(String, Vec<String>, Money, bool)> {
    let st = ctx.plan.ok_or_else(|| {
        Error::new(
            ErrorCode::PlanNotFound,
            format!("{} n'a pas d'échéancier en cours.", ctx.client.name),
        )
    })?;
    let plan = &st.plan;
    let b2b = ctx.client.kind == ClientKind::Professional;
    let subject_ref = format!(
        "{} {}",
        l.t("Échéancier", "Payment calendar"),
        plan.reference()
    );
    Ok(match action {
        Action::PlanSignature => {
            let first_time = ctx.today == plan.created_on && st.status == PlanStatus::Proposed;
            let mut p = vec![if first_time {
                l.t(
                    "Comme convenu, voici l'échéancier que je vous propose pour le règlement",
                    "As agreed, here is the payment calendar I propose for",
                )
                .to_owned()
            } else {
                format!(
                    "{} {} {}",
                    l.t(
                        "Je reviens vers vous au sujet de l'échéancier proposé le",
                        "I am following up on the payment calendar proposed on"
                    ),
                    l.long_date(plan.created_on),
                    l.t("pour le règlement", "for")
                )
            }];
            let numbers: Vec<String> = plan.invoices.iter().map(|i| i.number.clone()).collect();
            if let Some(first) = p.first_mut() {
                first.push_str(&format!(
                    " {} {} ({}){}",
                    if numbers.len() > 1 {
                        l.t("des factures", "of invoices")
                    } else {
                        l.t("de la facture", "of invoice")
                    },
                    numbers.join(", "),
                    l.money(plan.principal),
                    l.colon()
                ));
            }
            p.push(schedule(st, l, false));
            match plan.treatment {
                PenaltyTreatment::Waived if plan.waived()?.is_positive() => p.push(
                    if b2b {
                        l.t(
                            "Si cet échéancier est respecté, je renonce aux pénalités de retard et à l'indemnité forfaitaire de 40\u{a0}€.",
                            "If this calendar is honoured, I waive the late-payment penalties and the €40 fixed indemnity.",
                        )
                    } else {
                        l.t(
                            "Si cet échéancier est respecté, je renonce aux intérêts de retard.",
                            "If this calendar is honoured, I waive the late interest.",
                        )
                    }
                    .to_owned(),
                ),
                PenaltyTreatment::Deferred if plan.penalties.checked_add(plan.indemnities)?.is_positive() => p.push(format!(
                    "{} {}.",
                    l.t(
                        "Les pénalités et l'indemnité arrêtées à ce jour sont ajoutées à la dernière échéance, soit",
                        "The penalties and indemnity to date are added to the last instalment, that is"
                    ),
                    l.money(plan.penalties.checked_add(plan.indemnities)?)
                )),
                _ => {}
            }
            p.push(l.t(
                "Vous trouverez l'échéancier en pièce jointe, en deux exemplaires. Pourriez-vous m'en retourner un exemplaire daté et signé, avec la mention «\u{a0}Bon pour accord\u{a0}»\u{a0}? Dès réception, les relances s'arrêtent tant que le calendrier est suivi. S'il faut l'ajuster, dites-moi ce qui serait tenable pour vous.",
                "Please find the calendar attached, in two copies. Could you return one copy, dated and signed with the words “Bon pour accord”? Once I receive it, no further reminders will be sent as long as the calendar is followed. If it needs adjusting, tell me what would work for you.",
            ).into());
            p.push(pay(ctx, st, l));
            (
                format!("{subject_ref} – {}", l.t("à signer", "for signature")),
                p,
                plan.total,
                true,
            )
        }
        Action::PlanCourtesy => {
            let next = st.next.as_ref().ok_or_else(|| nothing(ctx))?;
            let p = vec![
                format!(
                    "{} {} {} {}{}",
                    l.t(
                        "Un petit mot pour vous rappeler que la prochaine échéance de notre échéancier,",
                        "A short note to remind you that the next instalment of our payment calendar,"
                    ),
                    l.money(next.left),
                    l.t("tombe le", "falls on"),
                    l.long_date(next.instalment.due_on),
                    // Thanks for the regularity of payments only once a payment has come.
                    if st.instalments.iter().any(|i| i.status == InstalmentStatus::Paid) {
                        l.t(". Merci pour la régularité de vos règlements jusqu'ici.", ". Thank you for your regular payments so far.")
                    } else {
                        l.t(".", ".")
                    }
                ),
                schedule(st, l, true),
                pay(ctx, st, l),
            ];
            (
                format!(
                    "{subject_ref} – {} {}",
                    l.t("échéance du", "instalment due"),
                    l.long_date(next.instalment.due_on)
                ),
                p,
                next.left,
                true,
            )
        }
        Action::PlanReminder | Action::PlanFirmReminder => {
            let late: Vec<_> = st
                .instalments
                .iter()
                .filter(|i| i.status == InstalmentStatus::Late)
                .collect();
            let first = late.first().ok_or_else(|| nothing(ctx))?;
            let firm = action == Action::PlanFirmReminder;
            let mut p = vec![format!(
                "{} {} {} ({}) {}",
                l.t(
                    "Sauf erreur de ma part, le règlement de l'échéance du",
                    "Unless I am mistaken, the payment of the instalment due on"
                ),
                l.long_date(first.instalment.due_on),
                l.t("de notre échéancier", "under our payment calendar"),
                l.money(first.left),
                match late.len() {
                    0 | 1 => l.t("ne m'est pas parvenu.", "has not reached me."),
                    2 => l.t(
                        "ne m'est pas parvenu, pas plus que celui de l'échéance suivante.",
                        "has not reached me, nor has that of the next instalment.",
                    ),
                    _ => l.t(
                        "ne m'est pas parvenu, pas plus que ceux des échéances suivantes.",
                        "has not reached me, nor have those of the following instalments.",
                    ),
                }
            )];
            p.push(schedule(st, l, true));
            p.push(if firm {
                format!(
                    "{} {} {} {}. {} {} {}",
                    l.t("Je vous remercie de régler", "Please pay"),
                    l.money(st.late_amount),
                    l.t("au plus tard le", "by"),
                    l.long_date(in_eight_days(ctx.today)),
                    l.t(
                        "À défaut, je devrai appliquer la clause de déchéance du terme de l'échéancier\u{a0}: après une mise en demeure restée sans effet pendant",
                        "Otherwise, I will have to apply the calendar's acceleration clause: after a formal notice left unanswered for"
                    ),
                    plan.notice_days,
                    l.t(
                        "jours, la totalité du solde deviendrait exigible.",
                        "days, the whole balance would become due."
                    )
                )
            } else {
                format!(
                    "{} {} {}",
                    l.t(
                        "Il s'agit sans doute d'un oubli\u{a0}: pourriez-vous procéder au règlement de",
                        "It is probably an oversight: could you pay"
                    ),
                    l.money(st.late_amount),
                    l.t(
                        "dans les prochains jours\u{a0}? Les échéances suivantes restent inchangées. Si une difficulté nouvelle se présente, dites-le-moi\u{a0}: nous pouvons ajuster le calendrier.",
                        "in the next few days? The following instalments are unchanged. If a new difficulty has come up, tell me: we can adjust the calendar."
                    )
                )
            });
            p.push(pay(ctx, st, l));
            (
                format!(
                    "{subject_ref} – {} {}",
                    l.t("échéance du", "instalment due"),
                    l.long_date(first.instalment.due_on)
                ),
                p,
                st.late_amount,
                true,
            )
        }
        _ => {
            // PlanDefault: the mise en demeure is a registered letter (« Préparer la lettre »).
            let p = vec![
                format!(
                    "{} {} {} {}",
                    l.t(
                        "L'échéancier n'est plus suivi malgré les relances. Prochaine étape\u{a0}: la mise en demeure par lettre recommandée, qui invoque la clause de déchéance du terme, pour",
                        "The calendar is no longer followed despite the reminders. Next step: the formal notice by registered letter invoking the acceleration clause, for"
                    ),
                    l.money(st.late_amount),
                    l.t("en retard\u{a0}; préavis de", "late; notice of"),
                    format!("{} {}.", plan.notice_days, l.t("jours", "days"))
                ),
                schedule(st, l, true),
            ];
            (
                format!(
                    "{subject_ref} – {}",
                    l.t("déchéance du terme", "acceleration")
                ),
                p,
                st.late_amount,
                false,
            )
        }
    })
}

fn nothing(ctx: &DraftContext<'_>) -> Error {
    Error::new(
        ErrorCode::NothingToDraft,
        format!(
            "Rien à rédiger pour {}\u{a0}: l'échéancier est à jour.",
            ctx.client.name
        ),
    )
}
