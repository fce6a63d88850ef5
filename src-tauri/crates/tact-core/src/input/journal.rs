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
    /// Every field is checked: the error names the first field in error and lists the others (`Error::also`);
    /// the rules that depend on the type are checked once the type is known.
    pub fn validate(&self, allow_system: bool) -> Result<JournalEntry> {
        let mut all = Checks::default();
        if self.client_id <= 0 {
            all.push(Error::field(
                ErrorCode::Required,
                "client_id",
                "Client\u{a0}: choisissez le client concerné.",
            ));
        }
        let kind = match self.kind.trim() {
            "" => {
                all.push(Error::field(
                    ErrorCode::Required,
                    "kind",
                    "Type d'entrée\u{a0}: choisissez ce que vous notez.",
                ));
                None
            }
            k => all.take(choice(
                "kind",
                "Type d'entrée",
                Some(k),
                JournalKind::Note,
                JournalKind::from_code,
                JournalKind::codes_fr,
            )),
        };
        if kind == Some(JournalKind::PaymentRecorded) && !allow_system {
            all.push(Error::field(
                ErrorCode::InvalidChoice,
                "kind",
                "Type d'entrée\u{a0}: «\u{a0}Règlement reçu\u{a0}» est noté automatiquement quand vous enregistrez un règlement.",
            ));
        }
        if let Some(k @ (JournalKind::PlanProposed | JournalKind::PlanSigned)) = kind {
            if !allow_system {
                all.push(Error::field(
                    ErrorCode::InvalidChoice,
                    "kind",
                    format!(
                        "Type d'entrée\u{a0}: «\u{a0}{}\u{a0}» est noté automatiquement depuis l'échéancier du client.",
                        k.label_fr()
                    ),
                ));
            }
        }
        let date = all.take(text::parse_date("date", "Date", &self.date));
        let default_channel = match kind {
            Some(JournalKind::Call) => Some(ContactChannel::Phone),
            Some(JournalKind::FormalNotice) => Some(ContactChannel::RegisteredLetter),
            Some(JournalKind::Letter) => Some(ContactChannel::Letter),
            Some(
                JournalKind::PreventiveNote
                | JournalKind::FriendlyReminder
                | JournalKind::FirmReminder
                | JournalKind::LastReminder,
            ) => Some(ContactChannel::Email),
            _ => None,
        };
        let channel = match opt(&self.channel) {
            None => default_channel,
            Some(c) => all.take(choice(
                "channel",
                "Canal",
                Some(c),
                ContactChannel::Other,
                ContactChannel::from_code,
                ContactChannel::codes_fr,
            )),
        };
        let call_outcome = all
            .take(
                opt(&self.call_outcome)
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
                    .transpose(),
            )
            .flatten();
        let is_call = kind == Some(JournalKind::Call);
        if is_call && call_outcome.is_none() && !all.failed("call_outcome") {
            all.push(Error::field(
                ErrorCode::Required,
                "call_outcome",
                "Résultat de l'appel\u{a0}: indiquez joint, pas de réponse, promesse, litige ou difficulté.",
            ));
        }
        if kind.is_some() && !is_call && call_outcome.is_some() {
            all.push(Error::field(
                ErrorCode::InvalidChoice,
                "call_outcome",
                "Résultat de l'appel\u{a0}: ne s'indique que pour un appel.",
            ));
        }
        let promise_date = all
            .take(text::parse_optional_date(
                "promise_date",
                "Date promise",
                opt(&self.promise_date),
            ))
            .flatten();
        let promise_amount = all
            .take(
                opt(&self.promise_amount)
                    .map(|a| parse_positive_amount("promise_amount", "Montant promis", a))
                    .transpose(),
            )
            .flatten();
        let is_promise =
            kind == Some(JournalKind::Promise) || call_outcome == Some(CallOutcome::Promise);
        if is_promise && promise_date.is_none() && !all.failed("promise_date") {
            all.push(Error::field(
                ErrorCode::Required,
                "promise_date",
                "Date promise\u{a0}: indiquez la date à laquelle le client s'engage à payer.",
            ));
        }
        if kind.is_some() && !is_promise && (promise_date.is_some() || promise_amount.is_some()) {
            let field = if promise_date.is_some() {
                "promise_date"
            } else {
                "promise_amount"
            };
            all.push(Error::field(
                ErrorCode::InvalidChoice,
                field,
                "Promesse de paiement\u{a0}: la date et le montant promis ne s'indiquent que pour une promesse.",
            ));
        }
        if let (Some(pd), Some(date)) = (promise_date, date) {
            if pd < date {
                all.push(Error::field(
                    ErrorCode::InvalidDate,
                    "promise_date",
                    "Date promise\u{a0}: elle ne peut pas précéder la date de l'entrée.",
                ));
            }
        }
        let text = all
            .take(optional_text("text", "Texte", opt(&self.text), NOTES))
            .flatten();
        let needs_invoice = matches!(
            kind,
            Some(
                JournalKind::DisputeOpened
                    | JournalKind::DisputeSettled
                    | JournalKind::WriteOff
                    | JournalKind::PenaltiesWaived
            )
        ) || call_outcome == Some(CallOutcome::Dispute);
        if let (true, None, Some(k)) = (needs_invoice, self.invoice_id, kind) {
            all.push(Error::field(
                ErrorCode::Required,
                "invoice_id",
                format!(
                    "Facture\u{a0}: indiquez la facture concernée ({}).",
                    k.label_fr().to_lowercase()
                ),
            ));
        }
        let is_dispute =
            kind == Some(JournalKind::DisputeOpened) || call_outcome == Some(CallOutcome::Dispute);
        if (is_dispute || kind == Some(JournalKind::Note)) && text.is_none() && !all.failed("text")
        {
            let what = if is_dispute {
                "ce que le client conteste"
            } else {
                "le texte de la note"
            };
            all.push(Error::field(
                ErrorCode::Required,
                "text",
                format!("Texte\u{a0}: indiquez {what}."),
            ));
        }
        all.done()?;
        // Every check passed, so every value was read: the defaults below are never used.
        Ok(JournalEntry {
            id: 0,
            payment_id: None,
            client_id: self.client_id,
            invoice_id: self.invoice_id,
            date: date.unwrap_or_default(),
            kind: kind.unwrap_or(JournalKind::Note),
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
