//! The ladder for the invoices owed (practice.md): dispute first, then friendly reminder, firm reminder, call, last reminder, mise en demeure, and what comes after; a promise or a difficulty answered first; the preventive note before the due date.

use super::*;

#[allow(clippy::too_many_arguments)]
pub(super) fn suggest_owed(
    case: &ClientCase<'_>,
    journal: &[&JournalEntry],
    owed: &[&(crate::model::Invoice, InvoiceState)],
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
    nothing: &impl Fn(Vec<Reason>, NaiveDate) -> Step,
) -> Result<Suggestion> {
    let client = case.client;
    let consumer = client.kind == ClientKind::Consumer;
    let working_today = cal.on_or_after(today);
    if owed.is_empty() {
        let step = nothing(vec![reason(Fact::NothingOwed)], today);
        return Ok(Suggestion {
            client_id: client.id,
            step,
            alongside: None,
        });
    }
    let disputed: Vec<_> = owed
        .iter()
        .filter(|(_, s)| s.status == crate::model::InvoiceStatus::Disputed)
        .collect();
    let overdue: Vec<_> = owed
        .iter()
        .filter(|(_, s)| s.status == crate::model::InvoiceStatus::Overdue)
        .collect();
    fn sum<T: std::ops::Deref<Target = (crate::model::Invoice, InvoiceState)>>(
        items: &[T],
    ) -> Result<Money> {
        Money::sum(items.iter().map(|x| x.1.balance))
    }

    // The ladder for the undisputed invoices.
    let overdue: Vec<&(crate::model::Invoice, InvoiceState)> =
        overdue.iter().map(|x| **x).collect();
    let ladder_step = ladder(
        case,
        journal,
        &overdue,
        sum(&overdue)?,
        policy,
        cal,
        today,
        consumer,
    );

    // 2. Dispute first.
    if !disputed.is_empty() {
        let numbers: Vec<&str> = disputed.iter().map(|(i, _)| i.number.as_str()).collect();
        let opened = journal.iter().rev().find(|e| {
            e.kind == JournalKind::DisputeOpened
                || (e.kind == JournalKind::Call && e.call_outcome == Some(CallOutcome::Dispute))
        });
        let why = opened.and_then(|e| e.text.clone());
        let (date, waited) = match opened {
            Some(e) => follow_up(journal, e, policy, cal, today),
            None => (working_today, None),
        };
        let mut reasons = vec![reason(Fact::Dispute {
            invoices: numbers.iter().map(|n| (*n).to_owned()).collect(),
        })];
        if let Some(text) = why {
            reasons.push(reason(Fact::DisputeReason { text }));
        }
        reasons.extend(waited);
        let step = Step {
            action: Action::SettleDispute,
            action_label: Action::SettleDispute.label_fr().into(),
            tone: Action::SettleDispute.tone(),
            done_as: done_kind(Action::SettleDispute),
            channel: Some(ContactChannel::Phone),
            date,
            optional: false,
            invoices: disputed.iter().map(|(i, _)| i.id).collect(),
            amount: sum(&disputed.iter().map(|x| **x).collect::<Vec<_>>())?,
            reasons,
            then: None,
            then_fact: None,
        }
        .then(Fact::ThenDispute);
        let alongside = ladder_step.filter(|s| s.action != Action::Nothing);
        return Ok(Suggestion {
            client_id: client.id,
            step,
            alongside,
        });
    }

    let step = match ladder_step {
        Some(step) => step,
        None => {
            // 5. Not yet due.
            let next_due = owed.iter().map(|(i, _)| i.due_date).min().unwrap_or(today);
            let new_client = client.client_since.is_none_or(|since| {
                today.signed_duration_since(since).num_days() < policy.preventive_new_client_days
            });
            let large = owed
                .iter()
                .any(|(i, _)| i.amount >= policy.preventive_min_amount);
            let good = good_payer(&case.standing.history, policy);
            // A note already sent for this due date (within the 45 days before it) is not sent again.
            let window_start = next_due.checked_sub_days(Days::new(45)).unwrap_or(next_due);
            let sent = journal
                .iter()
                .any(|e| e.kind == JournalKind::PreventiveNote && e.date >= window_start);
            if (new_client || large) && !good && !sent {
                let d = cal.working_days_before(next_due, policy.preventive_working_days);
                let why = if new_client {
                    PreventiveWhy::NewClient
                } else {
                    PreventiveWhy::LargeAmount
                };
                Step {
                    action: Action::PreventiveNote,
                    action_label: Action::PreventiveNote.label_fr().into(),
                    tone: Action::PreventiveNote.tone(),
                    done_as: done_kind(Action::PreventiveNote),
                    channel: Some(ContactChannel::Email),
                    date: d.max(working_today),
                    optional: true,
                    invoices: owed.iter().map(|(i, _)| i.id).collect(),
                    amount: sum(owed)?,
                    reasons: vec![reason(Fact::Preventive { why, due: next_due })],
                    then: None,
                    then_fact: None,
                }
                .then(Fact::ThenPreventive { due: next_due })
            } else {
                nothing(vec![reason(Fact::NotDue { due: next_due })], next_due)
            }
        }
    };
    Ok(Suggestion {
        client_id: client.id,
        step,
        alongside: None,
    })
}

pub(super) fn good_payer(history: &crate::standing::PaymentHistory, policy: &Policy) -> bool {
    crate::payers::good_payer(history, policy.good_payer_rule())
}

/// The ladder step for the overdue (undisputed) invoices, or `None` when none is overdue.
#[allow(clippy::too_many_arguments)]
pub(super) fn ladder(
    case: &ClientCase<'_>,
    journal: &[&JournalEntry],
    overdue: &[&(crate::model::Invoice, InvoiceState)],
    amount: Money,
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
    consumer: bool,
) -> Option<Step> {
    if overdue.is_empty() {
        return None;
    }
    let ids: Vec<InvoiceId> = overdue.iter().map(|(i, _)| i.id).collect();
    let oldest_due = overdue
        .iter()
        .map(|(i, _)| i.due_date)
        .min()
        .unwrap_or(today);
    let max_late = overdue
        .iter()
        .filter_map(|(_, s)| s.days_late)
        .max()
        .unwrap_or(0);
    // Contacts about this episode: since the oldest overdue invoice fell due.
    let episode: Vec<&&JournalEntry> = journal.iter().filter(|e| e.date > oldest_due).collect();
    // The rungs climbed for these invoices: a call about a dispute is not the ladder's call.
    let done = episode
        .iter()
        .filter(|e| e.call_outcome != Some(CallOutcome::Dispute))
        .filter_map(|e| rung(e.kind))
        .max();
    // The minimum gap counts from the last exchange of any kind: a dispute raised or answered, a note sent.
    let last_contact = episode
        .iter()
        .filter(|e| is_exchange(e))
        .map(|e| e.date)
        .max();
    let mut reasons = vec![reason(Fact::Overdue {
        amount,
        since: oldest_due,
        days: max_late,
    })];
    let contacts = episode.iter().filter(|e| is_contact(e.kind)).count();
    if contacts > 0 {
        reasons.push(reason(Fact::Contacts {
            done: episode
                .iter()
                .filter(|e| is_contact(e.kind))
                .map(|e| Contact {
                    kind: e.kind,
                    date: e.date,
                })
                .collect(),
        }));
    }

    // 3. Difficulty: the client said it cannot pay now.
    let payment_after = |d: NaiveDate| {
        journal
            .iter()
            .any(|e| e.kind == JournalKind::PaymentRecorded && e.date >= d)
    };
    if let Some(call) = episode
        .iter()
        .rev()
        .find(|e| e.kind == JournalKind::Call && e.call_outcome == Some(CallOutcome::Difficulty))
    {
        let answered = case.last_plan_on.is_some_and(|d| d >= call.date);
        if !payment_after(call.date) && !answered {
            let (date, waited) = follow_up(journal, call, policy, cal, today);
            reasons.push(reason(Fact::Difficulty {
                date: call.date,
                text: call.text.clone(),
            }));
            return Some(
                Step {
                    action: Action::ProposeCalendar,
                    action_label: Action::ProposeCalendar.label_fr().into(),
                    tone: Action::ProposeCalendar.tone(),
                    done_as: done_kind(Action::ProposeCalendar),
                    channel: Some(ContactChannel::Phone),
                    date,
                    optional: false,
                    invoices: ids,
                    amount,
                    reasons: reasons.into_iter().chain(waited).collect(),
                    then: None,
                    then_fact: None,
                }
                .then(Fact::ThenCalendar),
            );
        }
    }

    // 4. A promise holds until its date plus a grace; broken, it moves the client one step further.
    let mut extra = 0usize;
    if let Some(p) = episode.iter().rev().find(|e| e.promise_date.is_some()) {
        let promised = p.promise_date.unwrap_or(p.date);
        let until = cal.add_working_days(promised, policy.promise_grace_working_days);
        if today <= until {
            reasons.push(reason(Fact::Promise { date: promised }));
            return Some(
                Step {
                    action: Action::Nothing,
                    action_label: Action::Nothing.label_fr().into(),
                    tone: Action::Nothing.tone(),
                    done_as: done_kind(Action::Nothing),
                    channel: None,
                    date: cal.on_or_after(plus_days(until, 1)),
                    optional: false,
                    invoices: ids,
                    amount,
                    reasons,
                    then: None,
                    then_fact: None,
                }
                .then(Fact::ThenPromise { until }),
            );
        }
        if !payment_after(p.date) {
            extra = 1;
            reasons.push(reason(Fact::PromiseBroken { date: promised }));
        }
    }

    let good = good_payer(&case.standing.history, policy);
    let mut next = done
        .map_or(0, |r| r.saturating_add(1).saturating_add(extra))
        .min(LADDER.len());
    if good && next == 1 {
        // A long-standing good payer gets a call before anything firm.
        next = 2;
        reasons.push(reason(Fact::GoodPayer { claim: false }));
    }
    let called = episode.iter().any(|e| e.kind == JournalKind::Call);
    if case.overrides.always_call_first && next < 2 && !called {
        next = 2;
        reasons.push(reason(Fact::AlwaysCallFirst));
    }
    let mut action = LADDER.get(next).copied().unwrap_or(Action::AfterDeadline);
    if action == Action::FormalNotice && max_late < policy.formal_min_days_late {
        action = Action::LastReminder;
    }
    // Below the small amount there is no formal route: every step that says what comes next says so, from the
    // call on (the drafts read this reason too).
    let small = amount < policy.small_amount;
    if small && matches!(action, Action::PhoneCall | Action::LastReminder) {
        reasons.push(reason(Fact::SmallAmount {
            amount,
            formal_notice_dropped: false,
        }));
    }
    if action == Action::FormalNotice && small {
        action = Action::ConsiderWriteOff;
        reasons.push(reason(Fact::SmallAmount {
            amount,
            formal_notice_dropped: true,
        }));
    }

    // When: the rung's own delay, the minimum gap after the last contact, a working day, not before today.
    let earliest = match (action, last_contact) {
        // The first contact after the due date, whatever it is, waits the friendly reminder's delay.
        (_, None) => cal.add_working_days(oldest_due, policy.friendly_after_working_days),
        (Action::AfterDeadline, Some(last)) => plus_days(
            case.formal_notice_received
                .filter(|r| *r >= last)
                .unwrap_or(last),
            policy.after_formal_days,
        ),
        (_, Some(last)) => plus_days(last, policy.min_gap_days),
    };
    let mut date = cal.on_or_after(earliest.max(today));
    if consumer {
        // At most N attempts per 30 days: wait for the oldest of them to leave the window.
        let window: Vec<NaiveDate> = journal
            .iter()
            .filter(|e| {
                is_contact(e.kind)
                    && e.date > today.checked_sub_days(Days::new(30)).unwrap_or(today)
            })
            .map(|e| e.date)
            .collect();
        if window.len() >= policy.consumer_max_attempts_per_30_days {
            if let Some(first) = window.iter().min() {
                date = date.max(cal.on_or_after(plus_days(*first, 30)));
                reasons.push(reason(Fact::ConsumerLimit));
            }
        }
        reasons.push(reason(Fact::ConsumerNoFees));
    }
    let channel = match action {
        Action::PhoneCall => Some(ContactChannel::Phone),
        Action::FormalNotice => Some(ContactChannel::RegisteredLetter),
        Action::LastReminder => Some(ContactChannel::Letter),
        Action::AfterDeadline | Action::ConsiderWriteOff => None,
        _ => Some(ContactChannel::Email),
    };
    let then = match action {
        Action::FriendlyReminder => Some(Fact::ThenFriendly),
        Action::FirmReminder => Some(Fact::ThenFirm),
        Action::PhoneCall => Some(Fact::ThenCall { small }),
        Action::LastReminder => Some(Fact::ThenLastReminder { small }),
        Action::FormalNotice => Some(Fact::ThenFormalNotice),
        _ => None,
    };
    Some(Step {
        action,
        action_label: action.label_fr().into(),
        tone: action.tone(),
        done_as: done_kind(action),
        channel,
        date,
        optional: false,
        invoices: ids,
        amount,
        reasons,
        then: then.as_ref().map(Fact::text_fr),
        then_fact: then,
    })
}
