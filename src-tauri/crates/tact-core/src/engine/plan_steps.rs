//! The steps for a client with a payment calendar: its invoices follow the calendar (signature, courtesy note, instalment reminders, déchéance), the others the ladder.

use super::*;

/// A client with a payment calendar: its invoices follow the calendar (not chased while it is honoured), the
/// others follow the ladder; the step that needs doing comes first, the other alongside.
#[allow(clippy::too_many_arguments)]
pub(super) fn with_plan(
    case: &ClientCase<'_>,
    plan: &PlanState,
    journal: &[&JournalEntry],
    owed: &[&(crate::model::Invoice, InvoiceState)],
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
    nothing: &impl Fn(Vec<Reason>, NaiveDate) -> Step,
) -> Result<Suggestion> {
    let ids = plan.plan.invoice_ids();
    let (covered, rest): (Vec<_>, Vec<_>) = owed.iter().partition(|(i, _)| ids.contains(&i.id));
    let Some(step) = plan_step(plan, journal, &covered, policy, cal, today) else {
        // A proposal never signed after two follow-ups: the ladder resumes on every invoice.
        return suggest_owed(case, journal, owed, policy, cal, today, nothing);
    };
    if rest.is_empty() {
        return Ok(Suggestion {
            client_id: case.client.id,
            step,
            alongside: None,
        });
    }
    let mut others = suggest_owed(case, journal, &rest, policy, cal, today, nothing)?;
    if step.action == Action::Nothing {
        others.step.reasons.extend(step.reasons);
        return Ok(others);
    }
    if step.optional && others.step.action != Action::Nothing {
        // A courtesy note does not come before what must be done about the other invoices.
        return Ok(Suggestion {
            client_id: case.client.id,
            step: others.step,
            alongside: Some(step),
        });
    }
    Ok(Suggestion {
        client_id: case.client.id,
        step,
        alongside: Some(others.step).filter(|s| s.action != Action::Nothing),
    })
}

/// The step for a calendar's invoices; `None` when a proposal is left unsigned after two follow-ups.
pub(super) fn plan_step(
    st: &PlanState,
    journal: &[&JournalEntry],
    covered: &[&(crate::model::Invoice, InvoiceState)],
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> Option<Step> {
    let plan = &st.plan;
    let working_today = cal.on_or_after(today);
    let ids: Vec<InvoiceId> = covered.iter().map(|(i, _)| i.id).collect();
    let step = |action: Action, date: NaiveDate, amount: Money, reasons: Vec<Reason>| Step {
        action,
        action_label: action.label_fr().into(),
        tone: action.tone(),
        done_as: done_kind(action),
        channel: match action {
            Action::Nothing => None,
            Action::PlanDefault => Some(ContactChannel::RegisteredLetter),
            _ => Some(ContactChannel::Email),
        },
        date,
        optional: action == Action::PlanCourtesy,
        invoices: ids.clone(),
        amount,
        reasons,
        then: None,
    };
    let summary = format!(
        "Échéancier {} ({} en {} échéance{})",
        plan.reference(),
        plan.total.format_fr(),
        plan.instalments.len(),
        if plan.instalments.len() > 1 { "s" } else { "" }
    );
    match (st.status, plan.signed_on) {
        (PlanStatus::Proposed, _) => {
            // Written after the proposal: the agreement sent, the follow-ups (noted as done).
            let after: Vec<_> = journal
                .iter()
                .filter(|e| e.id > plan.proposed_journal_id)
                .filter(|e| is_contact(e.kind) || e.kind == JournalKind::Note)
                .collect();
            if after.iter().filter(|e| e.kind == JournalKind::Note).count() >= 2 {
                return None;
            }
            let last = after
                .iter()
                .map(|e| e.date)
                .max()
                .unwrap_or(plan.created_on)
                .max(plan.created_on);
            let mut s = step(
                Action::PlanSignature,
                cal.on_or_after(plus_days(last, policy.min_gap_days))
                    .max(working_today),
                st.left,
                vec![reason(
                    "plan_proposed",
                    format!(
                        "{summary} proposé le {}\u{a0}: en attente de la signature du client.",
                        format_date_fr(plan.created_on)
                    ),
                )],
            );
            s.then = Some(
                "Une fois l'échéancier signé, les relances s'arrêtent tant qu'il est respecté."
                    .into(),
            );
            Some(s)
        }
        (PlanStatus::Late, Some(signed)) => {
            let late = st.first_late()?;
            let reminders = journal
                .iter()
                .filter(|e| {
                    e.date >= signed
                        && matches!(
                            e.kind,
                            JournalKind::FriendlyReminder
                                | JournalKind::FirmReminder
                                | JournalKind::LastReminder
                        )
                })
                .count();
            let rung = reminders.max(usize::try_from(st.late_count.saturating_sub(1)).unwrap_or(0));
            let action = match rung {
                0 => Action::PlanReminder,
                1 => Action::PlanFirmReminder,
                _ => Action::PlanDefault,
            };
            let last_contact = journal
                .iter()
                .filter(|e| e.date >= signed && (is_contact(e.kind) || e.kind == JournalKind::Note))
                .map(|e| e.date)
                .max();
            let earliest = match last_contact {
                Some(d) => late.late_from.max(plus_days(d, policy.min_gap_days)),
                None => late.late_from,
            };
            let missed: Vec<String> = st
                .instalments
                .iter()
                .filter(|i| i.status == InstalmentStatus::Late)
                .map(|i| {
                    format!(
                        "{} du {} ({} restant{})",
                        i.label.to_lowercase(),
                        format_date_fr(i.instalment.due_on),
                        i.left.format_fr(),
                        if i.left.cents() > 100 { "s" } else { "" }
                    )
                })
                .collect();
            let mut reasons = vec![reason(
                "plan_late",
                format!(
                    "{} signé le {}\u{a0}: {} non réglée{}.",
                    summary,
                    format_date_fr(signed),
                    missed.join(", "),
                    if missed.len() > 1 { "s" } else { "" }
                ),
            )];
            if reminders > 0 {
                reasons.push(reason(
                    "plan_reminders",
                    format!("Déjà relancé {} fois depuis la signature.", reminders),
                ));
            }
            let mut s = step(
                action,
                cal.on_or_after(earliest).max(working_today),
                st.late_amount,
                reasons,
            );
            s.then = Some(match action {
                Action::PlanReminder => "Sans règlement, une relance ferme, puis la mise en demeure qui invoque la déchéance du terme.".into(),
                Action::PlanFirmReminder => format!(
                    "Ensuite, la mise en demeure qui invoque la déchéance du terme (préavis de {} jours).",
                    plan.notice_days
                ),
                _ => format!(
                    "Sans règlement dans les {} jours suivant sa réception, tout le solde ({}) devient exigible.",
                    plan.notice_days,
                    st.left.format_fr()
                ),
            });
            Some(s)
        }
        (_, Some(signed)) => {
            // Honoured: nothing is chased; a courtesy note before the next instalment, if wanted.
            let next = st.next.as_ref()?;
            let honoured = reason(
                "plan_honoured",
                format!(
                    "{summary} signé le {} et respecté\u{a0}: prochaine échéance le {} ({}).",
                    format_date_fr(signed),
                    format_date_fr(next.instalment.due_on),
                    next.left.format_fr()
                ),
            );
            let previous_due = st
                .instalments
                .iter()
                .filter(|i| i.instalment.due_on < next.instalment.due_on)
                .map(|i| i.instalment.due_on)
                .max()
                .unwrap_or(signed);
            let sent = journal
                .iter()
                .any(|e| e.kind == JournalKind::PreventiveNote && e.date > previous_due);
            let note_on =
                cal.working_days_before(next.instalment.due_on, policy.preventive_working_days);
            if policy.plan_courtesy_note && !sent && next.instalment.due_on >= today {
                let mut s = step(
                    Action::PlanCourtesy,
                    note_on.max(working_today),
                    next.left,
                    vec![honoured],
                );
                s.then = Some(format!(
                    "Une relance sur l'échéance seulement si elle n'est pas réglée le {}.",
                    format_date_fr(next.late_from)
                ));
                Some(s)
            } else {
                Some(step(
                    Action::Nothing,
                    next.late_from,
                    next.left,
                    vec![honoured],
                ))
            }
        }
        _ => None,
    }
}
