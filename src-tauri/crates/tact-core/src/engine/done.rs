//! What the history records when the user acts on a step: « Marquer comme fait » and « Reporter ».

use super::*;
use crate::error::{Error, ErrorCode};
use crate::model::ClientId;

/// « Marquer comme fait »: the history entries for the step due on `today`, and for the step alongside it when it
/// is due too (one message covered both). `text` says what was sent (its subject, at most 2 000 characters). A
/// phone call is not marked done: it is noted with its outcome.
pub fn done_entries(
    s: &Suggestion,
    client_id: ClientId,
    today: NaiveDate,
    text: Option<&str>,
) -> Result<Vec<JournalEntry>> {
    let text = text
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().take(2_000).collect::<String>());
    let entries: Vec<JournalEntry> = [Some(&s.step), s.alongside.as_ref()]
        .into_iter()
        .flatten()
        .filter(|st| st.date <= today)
        .filter_map(|st| {
            let kind = st.done_as.filter(|k| *k != JournalKind::Call)?;
            let channel = match st.channel {
                // A conversation step marked done from its email draft.
                Some(ContactChannel::Phone) | None => Some(ContactChannel::Email),
                other => other,
            };
            Some(JournalEntry {
                id: 0,
                client_id,
                invoice_id: match st.invoices.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                },
                date: today,
                kind,
                channel,
                call_outcome: None,
                promise_date: None,
                promise_amount: None,
                text: Some(match &text {
                    Some(t) => format!("{}\u{a0}: {}", st.action_label, crate::text::fr_quote(t)),
                    None => st.action_label.clone(),
                }),
                payment_id: None,
                corrects: None,
            })
        })
        .collect();
    if entries.is_empty() {
        return Err(Error::new(
            ErrorCode::NothingToDraft,
            "Rien à marquer comme fait aujourd'hui pour ce client (un appel se note avec son résultat).",
        ));
    }
    Ok(entries)
}

/// « Annuler » just after « Marquer comme fait »: the note that corrects one of the entries it wrote (the history
/// stays append-only; the engine skips a corrected entry, so the step comes back). Only a step marked done today
/// is undone this way; an older entry is corrected from the history. A payment, a calendar and a call are never
/// undone here.
pub fn undo_entry(
    old: &JournalEntry,
    client_id: ClientId,
    today: NaiveDate,
) -> Result<JournalEntry> {
    let refuse = |message: String| {
        Err(Error::field(
            ErrorCode::InvalidCorrection,
            "corrects",
            message,
        ))
    };
    if old.client_id != client_id {
        return refuse("Annulation\u{a0}: cette entrée concerne un autre client.".into());
    }
    if matches!(
        old.kind,
        JournalKind::PaymentRecorded
            | JournalKind::PlanProposed
            | JournalKind::PlanSigned
            | JournalKind::Call
    ) {
        return refuse(format!(
            "Annulation\u{a0}: «\u{a0}{}\u{a0}» n'est pas une étape marquée comme faite.",
            old.kind.label_fr()
        ));
    }
    if old.date != today {
        return refuse(format!(
            "Annulation\u{a0}: seule une étape marquée comme faite aujourd'hui s'annule\u{a0}; corrigez l'entrée du {} dans l'historique.",
            format_date_fr(old.date)
        ));
    }
    Ok(JournalEntry {
        id: 0,
        client_id,
        invoice_id: old.invoice_id,
        date: today,
        kind: JournalKind::Note,
        channel: None,
        call_outcome: None,
        promise_date: None,
        promise_amount: None,
        text: Some(format!(
            "«\u{a0}{}\u{a0}» marqué comme fait par erreur, annulé.",
            old.kind.label_fr()
        )),
        payment_id: None,
        corrects: Some(old.id),
    })
}

/// « Reporter » the client's `step` to `until` (typed by the user: a date after today, within the year): the
/// date, and the note the history keeps.
pub fn postponement(
    step: &Step,
    client_id: ClientId,
    until: &str,
    today: NaiveDate,
) -> Result<(NaiveDate, JournalEntry)> {
    let until = crate::text::parse_date("until", "Reporter au", until)?;
    if until <= today {
        return Err(Error::field(
            ErrorCode::InvalidDate,
            "until",
            format!(
                "Reporter au\u{a0}: choisissez une date après aujourd'hui ({}).",
                format_date_fr(today)
            ),
        ));
    }
    if until.signed_duration_since(today).num_days() > 366 {
        return Err(Error::field(
            ErrorCode::InvalidDate,
            "until",
            "Reporter au\u{a0}: choisissez une date dans l'année qui vient.",
        ));
    }
    let what = if step.action == Action::Nothing {
        "Relances suspendues".to_owned()
    } else {
        format!("{} reportée", step.action_label)
    };
    Ok((
        until,
        JournalEntry::new(
            client_id,
            today,
            JournalKind::Note,
            format!("{what} au {}.", format_date_fr(until)),
        ),
    ))
}
