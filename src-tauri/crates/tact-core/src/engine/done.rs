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
