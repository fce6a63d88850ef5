//! A journal entry as typed: a note, a call and its outcome, a promise, a dispute, a write-off.

use super::*;

/// A journal entry as typed: a note, a call and its outcome, a promise, a dispute…
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct JournalInput {
    pub client_id: ClientId,
    pub invoice_id: Option<InvoiceId>,
    pub date: String,
    pub kind: String,
    pub channel: Option<String>,
    pub call_outcome: Option<String>,
    pub promise_date: Option<String>,
    pub promise_amount: Option<String>,
    pub text: Option<String>,
    pub corrects: Option<JournalId>,
}

impl JournalInput {
    /// Validate. `allow_system` lets an import carry `payment_recorded` entries, which users never type.
    pub fn validate(&self, allow_system: bool) -> Result<JournalEntry> {
        if self.client_id <= 0 {
            return Err(Error::field(
                ErrorCode::Required,
                "client_id",
                "Client\u{a0}: choisissez le client concerné.",
            ));
        }
        let kind = match self.kind.trim() {
            "" => {
                return Err(Error::field(
                    ErrorCode::Required,
                    "kind",
                    "Type d'entrée\u{a0}: choisissez ce que vous notez.",
                ))
            }
            k => choice(
                "kind",
                "Type d'entrée",
                Some(k),
                JournalKind::Note,
                JournalKind::from_code,
                JournalKind::codes_fr,
            )?,
        };
        if kind == JournalKind::PaymentRecorded && !allow_system {
            return Err(Error::field(
                ErrorCode::InvalidChoice,
                "kind",
                "Type d'entrée\u{a0}: «\u{a0}Règlement reçu\u{a0}» est noté automatiquement quand vous enregistrez un règlement.",
            ));
        }
        if matches!(kind, JournalKind::PlanProposed | JournalKind::PlanSigned) && !allow_system {
            return Err(Error::field(
                ErrorCode::InvalidChoice,
                "kind",
                format!(
                    "Type d'entrée\u{a0}: «\u{a0}{}\u{a0}» est noté automatiquement depuis l'échéancier du client.",
                    kind.label_fr()
                ),
            ));
        }
        let date = text::parse_date("date", "Date", &self.date)?;
        let default_channel = match kind {
            JournalKind::Call => Some(ContactChannel::Phone),
            JournalKind::FormalNotice => Some(ContactChannel::RegisteredLetter),
            JournalKind::Letter => Some(ContactChannel::Letter),
            JournalKind::PreventiveNote
            | JournalKind::FriendlyReminder
            | JournalKind::FirmReminder
            | JournalKind::LastReminder => Some(ContactChannel::Email),
            _ => None,
        };
        let channel = match opt(&self.channel) {
            None => default_channel,
            Some(c) => Some(choice(
                "channel",
                "Canal",
                Some(c),
                ContactChannel::Other,
                ContactChannel::from_code,
                ContactChannel::codes_fr,
            )?),
        };
        let call_outcome = opt(&self.call_outcome)
            .map(|o| {
                choice(
                    "call_outcome",
                    "Résultat de l'appel",
                    Some(o),
                    CallOutcome::Reached,
                    CallOutcome::from_code,
                    CallOutcome::codes_fr,
                )
            })
            .transpose()?;
        if kind == JournalKind::Call && call_outcome.is_none() {
            return Err(Error::field(
                ErrorCode::Required,
                "call_outcome",
                "Résultat de l'appel\u{a0}: indiquez joint, pas de réponse, promesse, litige ou difficulté.",
            ));
        }
        if kind != JournalKind::Call && call_outcome.is_some() {
            return Err(Error::field(
                ErrorCode::InvalidChoice,
                "call_outcome",
                "Résultat de l'appel\u{a0}: ne s'indique que pour un appel.",
            ));
        }
        let promise_date =
            text::parse_optional_date("promise_date", "Date promise", opt(&self.promise_date))?;
        let promise_amount = opt(&self.promise_amount)
            .map(|a| parse_positive_amount("promise_amount", "Montant promis", a))
            .transpose()?;
        let is_promise = kind == JournalKind::Promise || call_outcome == Some(CallOutcome::Promise);
        if is_promise && promise_date.is_none() {
            return Err(Error::field(
                ErrorCode::Required,
                "promise_date",
                "Date promise\u{a0}: indiquez la date à laquelle le client s'engage à payer.",
            ));
        }
        if !is_promise && (promise_date.is_some() || promise_amount.is_some()) {
            let field = if promise_date.is_some() {
                "promise_date"
            } else {
                "promise_amount"
            };
            return Err(Error::field(
                ErrorCode::InvalidChoice,
                field,
                "Promesse de paiement\u{a0}: la date et le montant promis ne s'indiquent que pour une promesse.",
            ));
        }
        if let Some(pd) = promise_date {
            if pd < date {
                return Err(Error::field(
                    ErrorCode::InvalidDate,
                    "promise_date",
                    "Date promise\u{a0}: elle ne peut pas précéder la date de l'entrée.",
                ));
            }
        }
        let text = optional_text("text", "Texte", opt(&self.text), NOTES)?;
        let needs_invoice = matches!(
            kind,
            JournalKind::DisputeOpened
                | JournalKind::DisputeSettled
                | JournalKind::WriteOff
                | JournalKind::PenaltiesWaived
        ) || call_outcome == Some(CallOutcome::Dispute);
        if needs_invoice && self.invoice_id.is_none() {
            return Err(Error::field(
                ErrorCode::Required,
                "invoice_id",
                format!(
                    "Facture\u{a0}: indiquez la facture concernée ({}).",
                    kind.label_fr().to_lowercase()
                ),
            ));
        }
        let is_dispute =
            kind == JournalKind::DisputeOpened || call_outcome == Some(CallOutcome::Dispute);
        if (is_dispute || kind == JournalKind::Note) && text.is_none() {
            let what = if is_dispute {
                "ce que le client conteste"
            } else {
                "le texte de la note"
            };
            return Err(Error::field(
                ErrorCode::Required,
                "text",
                format!("Texte\u{a0}: indiquez {what}."),
            ));
        }
        Ok(JournalEntry {
            id: 0,
            payment_id: None,
            client_id: self.client_id,
            invoice_id: self.invoice_id,
            date,
            kind,
            channel,
            call_outcome,
            promise_date,
            promise_amount,
            text,
            corrects: self.corrects,
        })
    }
}

impl From<&JournalEntry> for JournalInput {
    fn from(j: &JournalEntry) -> Self {
        JournalInput {
            client_id: j.client_id,
            invoice_id: j.invoice_id,
            date: j.date.to_string(),
            kind: j.kind.code().into(),
            channel: j.channel.map(|c| c.code().into()),
            call_outcome: j.call_outcome.map(|c| c.code().into()),
            promise_date: j.promise_date.map(|d| d.to_string()),
            promise_amount: j.promise_amount.map(Money::to_canonical),
            text: j.text.clone(),
            corrects: j.corrects,
        }
    }
}
