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
        then_fact: None,
    };
    let summary = PlanSummary {
        reference: plan.reference(),
        total: plan.total,
        instalments: plan.instalments.len(),
    };
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
            let s = step(
                Action::PlanSignature,
                cal.on_or_after(plus_days(last, policy.min_gap_days))
                    .max(working_today),
                st.left,
                vec![reason(Fact::PlanProposed {
                    plan: summary,
                    on: plan.created_on,
                })],
            );
            Some(s.then(Fact::ThenPlanSignature))
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
            let missed: Vec<Missed> = st
                .instalments
                .iter()
                .filter(|i| i.status == InstalmentStatus::Late)
                .map(|i| Missed {
                    instalment: i.instalment.clone(),
                    left: i.left,
                })
                .collect();
            let mut reasons = vec![reason(Fact::PlanLate {
                plan: summary,
                signed,
                missed,
            })];
            if reminders > 0 {
                reasons.push(reason(Fact::PlanReminders { count: reminders }));
            }
            let s = step(
                action,
                cal.on_or_after(earliest).max(working_today),
                st.late_amount,
                reasons,
            );
            Some(s.then(match action {
                Action::PlanReminder => Fact::ThenPlanReminder,
                Action::PlanFirmReminder => Fact::ThenPlanFirmReminder {
                    notice_days: plan.notice_days,
                },
                _ => Fact::ThenPlanDefault {
                    notice_days: plan.notice_days,
                    left: st.left,
                },
            }))
        }
        (_, Some(signed)) => {
            // Honoured: nothing is chased; a courtesy note before the next instalment, if wanted.
            let next = st.next.as_ref()?;
            let honoured = reason(Fact::PlanHonoured {
                plan: summary,
                signed,
                next_due: next.instalment.due_on,
                next_left: next.left,
            });
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
                let s = step(
                    Action::PlanCourtesy,
                    note_on.max(working_today),
                    next.left,
                    vec![honoured],
                );
                Some(s.then(Fact::ThenPlanCourtesy {
                    late_from: next.late_from,
                }))
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
