//! Sending through the user's mailbox, on the ledger's side: the mailbox settings, what a message to send is
//! (its draft, attachments, identity, the history entries it will write), and the states of a send. The
//! network is never touched here: the use case (`tact-usecases::mail`) calls [`Ledger::begin_send`], talks to
//! the server with the books free, then [`Ledger::finish_send`] or [`Ledger::fail_send`].

use super::Ledger;
use crate::calendar::Calendar;
use crate::drafts::Draft;
use crate::engine::{self, Action};
use crate::error::{Error, ErrorCode, Result};
use crate::mail::{self, MailSettings, SendTiming, SentMessage, SentState};
use crate::model::{ClientId, ContactChannel, JournalEntry, JournalId, JournalKind};
use crate::plans::PlanId;
use crate::storage as db;
use crate::text::{format_date_fr, fr_quote};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

const MAIL_KEY: &str = "mail";

/// What is sent: the client's current step, the confirmation of a call, a calendar to sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outgoing {
    Step {
        client_id: ClientId,
    },
    CallConfirmation {
        journal_id: JournalId,
    },
    Plan {
        plan_id: PlanId,
    },
    /// The courtesy copy of an archived letter sent by registered post, with its PDF.
    LetterCopy {
        letter_id: i64,
    },
}

/// Where an attachment's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AttachmentSource {
    /// The invoice's own PDF, as imported (Factur-X).
    Invoice { sha256: String },
    /// The calendar's agreement, rendered for signature.
    PlanAgreement { plan_id: PlanId },
    /// An archived letter, the very PDF of the archive.
    Letter { letter_id: i64 },
}

/// A file joined to the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttachmentRef {
    pub name: String,
    pub source: AttachmentSource,
}

/// A message ready to leave: its draft (to edit), its attachments, whether today allows it, and what was
/// already done for the same step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutgoingMessage {
    pub key: String,
    pub client_id: ClientId,
    /// The name beside the recipient's address: the contact person, else the client.
    pub to_name: String,
    pub draft: Draft,
    pub attachments: Vec<AttachmentRef>,
    pub timing: SendTiming,
    /// The same step's message, when a send was already tried (sent, failed, or not confirmed).
    pub previous: Option<SentMessage>,
    /// The history entries the send writes once the server accepts it; each text is completed with the subject.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub entries: Vec<JournalEntry>,
}

impl OutgoingMessage {
    /// The history entries, saying what was sent: « Relance ferme : « subject » ».
    pub fn entries_for(&self, subject: &str) -> Vec<JournalEntry> {
        let subject: String = subject.trim().chars().take(1_500).collect();
        self.entries
            .iter()
            .cloned()
            .map(|mut e| {
                if !subject.is_empty() {
                    e.text = Some(format!(
                        "{}\u{a0}: {}",
                        e.text.unwrap_or_default(),
                        fr_quote(&subject)
                    ));
                }
                e
            })
            .collect()
    }
}

/// A note of the history, by email.
fn note(client_id: ClientId, today: NaiveDate, text: String) -> JournalEntry {
    JournalEntry {
        channel: Some(ContactChannel::Email),
        ..JournalEntry::new(client_id, today, JournalKind::Note, text)
    }
}

/// Today as a day to send on, for a message that is not a step of the ladder.
fn day_timing(today: NaiveDate, cal: &Calendar) -> SendTiming {
    mail::send_timing(cal.on_or_after(today), today, cal)
}

impl Ledger {
    /// The mailbox settings, `None` until « Réglages → Messagerie » is filled in.
    pub fn mail_settings(&self) -> Result<Option<MailSettings>> {
        match db::setting_get(self.conn(), MAIL_KEY)? {
            None => Ok(None),
            Some(json) => serde_json::from_str(&json).map(Some).map_err(|e| {
                Error::new(
                    ErrorCode::InvalidSetting,
                    format!("Réglages de la messagerie illisibles ({e})\u{a0}: saisissez-les de nouveau."),
                )
            }),
        }
    }

    /// Store the mailbox settings after checking each field.
    pub fn set_mail_settings(&mut self, settings: MailSettings) -> Result<MailSettings> {
        let s = settings.checked()?;
        let json =
            serde_json::to_string(&s).map_err(|e| Error::new(ErrorCode::Io, e.to_string()))?;
        self.store
            .write(|tx| db::setting_put(tx, MAIL_KEY, &json))?;
        Ok(s)
    }

    /// The message for `target` on `today`: refused when there is nothing to send by email.
    pub fn outgoing(&self, target: &Outgoing, today: NaiveDate) -> Result<OutgoingMessage> {
        let cal = Calendar::france();
        let (client_id, key, draft, attachments, timing, entries) = match target {
            Outgoing::Step { client_id } => {
                let policy = self.policy()?;
                let s = self.suggestion(*client_id, today, &policy)?;
                if matches!(s.step.action, Action::FormalNotice | Action::PlanDefault) {
                    return Err(Error::new(
                        ErrorCode::NothingToDraft,
                        "Une mise en demeure part par lettre recommandée avec accusé de réception\u{a0}: imprimez-la \
                         depuis « Lettre »\u{a0}; un e-mail ne la remplace pas.",
                    ));
                }
                let draft = self.draft(*client_id, today)?;
                if !draft.sendable || draft.call_sheet.is_some() {
                    return Err(Error::new(
                        ErrorCode::NothingToDraft,
                        format!(
                            "L'étape « {} » n'est pas un e-mail\u{a0}: rien à envoyer.",
                            s.step.action_label
                        ),
                    ));
                }
                let timing = mail::send_timing(s.step.date, today, &cal);
                // On a day off the user confirmed, the step is done today.
                let mut done = s.clone();
                done.step.date = done.step.date.min(today);
                if let Some(a) = done.alongside.as_mut() {
                    a.date = a.date.min(today);
                }
                let entries: Vec<JournalEntry> =
                    engine::done_entries(&done, *client_id, today, None)?;
                let last = db::journal_of_client(self.conn(), *client_id)?
                    .iter()
                    .map(|e| e.id)
                    .max();
                let key = mail::step_key(*client_id, s.step.action.code(), &s.step.invoices, last);
                let mut attachments = Vec::new();
                for id in &s.step.invoices {
                    if let Some((src, _)) = db::invoice_source(self.conn(), *id)? {
                        if src.format == "facturx"
                            && !attachments.iter().any(|a: &AttachmentRef| {
                                a.source
                                    == AttachmentSource::Invoice {
                                        sha256: src.sha256.clone(),
                                    }
                            })
                        {
                            attachments.push(AttachmentRef {
                                name: src.file_name.clone(),
                                source: AttachmentSource::Invoice { sha256: src.sha256 },
                            });
                        }
                    }
                }
                (*client_id, key, draft, attachments, timing, entries)
            }
            Outgoing::CallConfirmation { journal_id } => {
                let draft = self.call_confirmation(*journal_id, today)?;
                let call = db::journal_get(self.conn(), *journal_id)?;
                let date = call.map_or(today, |c| c.date);
                let entries = vec![note(
                    draft.client_id,
                    today,
                    format!(
                        "Confirmation de l'appel du {} envoyée",
                        format_date_fr(date)
                    ),
                )];
                (
                    draft.client_id,
                    format!("call/{journal_id}"),
                    draft,
                    Vec::new(),
                    day_timing(today, &cal),
                    entries,
                )
            }
            Outgoing::Plan { plan_id } => {
                let draft = self.plan_draft(*plan_id, today)?;
                let last = db::journal_of_client(self.conn(), draft.client_id)?
                    .iter()
                    .map(|e| e.id)
                    .max();
                let key = mail::step_key(draft.client_id, "plan", &[*plan_id], last);
                let entries = vec![note(
                    draft.client_id,
                    today,
                    "Échéancier envoyé pour signature".to_owned(),
                )];
                let attachments = vec![AttachmentRef {
                    name: "Échéancier de paiement.pdf".to_owned(),
                    source: AttachmentSource::PlanAgreement { plan_id: *plan_id },
                }];
                (
                    draft.client_id,
                    key,
                    draft,
                    attachments,
                    day_timing(today, &cal),
                    entries,
                )
            }
            Outgoing::LetterCopy { letter_id } => {
                let record = self.letter_record(*letter_id)?;
                let draft = self.with_draft_context(record.client_id, today, None, |ctx| {
                    crate::drafts::letter_copy(ctx, &record)
                })?;
                let entries = vec![note(
                    record.client_id,
                    today,
                    format!(
                        "Copie par e-mail de la lettre du {} ({})",
                        format_date_fr(record.date),
                        record.kind.label_fr()
                    ),
                )];
                let attachments = vec![AttachmentRef {
                    name: format!(
                        "{} {}.pdf",
                        record.kind.label_fr(),
                        record.date.format("%Y-%m-%d")
                    ),
                    source: AttachmentSource::Letter {
                        letter_id: *letter_id,
                    },
                }];
                (
                    record.client_id,
                    format!("letter/{letter_id}"),
                    draft,
                    attachments,
                    day_timing(today, &cal),
                    entries,
                )
            }
        };
        let client = self.client(client_id)?;
        Ok(OutgoingMessage {
            to_name: client.contact_name.unwrap_or(client.name),
            previous: db::sent_by_key(self.conn(), &key)?,
            key,
            client_id,
            draft,
            attachments,
            timing,
            entries,
        })
    }

    /// The message's send begins (before the server is contacted), in one transaction with the check that the
    /// same step was not sent already: `resend` is the user's « renvoyer » after an unconfirmed send. The
    /// Message-ID is fixed here and kept by a resend.
    pub fn begin_send(
        &mut self,
        out: &OutgoingMessage,
        from_address: &str,
        recipients: &str,
        subject: &str,
        now: NaiveDateTime,
        resend: bool,
    ) -> Result<SentMessage> {
        let now = now.with_nanosecond_zero();
        self.store.write(|tx| {
            let previous = db::sent_by_key(tx, &out.key)?;
            match &previous {
                Some(p) if p.state == SentState::Sent => return Err(p.already_sent()),
                Some(p)
                    if !resend && matches!(p.state, SentState::Sending | SentState::Uncertain) =>
                {
                    return Err(p.uncertain())
                }
                _ => {}
            }
            let m = SentMessage {
                id: 0,
                step_key: out.key.clone(),
                client_id: out.client_id,
                message_id: previous
                    .map(|p| p.message_id)
                    .unwrap_or_else(|| mail::message_id(&out.key, now, from_address)),
                recipients: recipients.to_owned(),
                subject: subject.to_owned(),
                state: SentState::Sending,
                started_at: now,
                sent_at: None,
                error: None,
            };
            db::sent_begin(tx, &m)?;
            db::sent_by_key(tx, &out.key)?.ok_or_else(|| {
                Error::new(ErrorCode::Database, "Envoi introuvable après son début.")
            })
        })
    }

    /// The server accepted the message (or the user saw it in her sent messages): the history entries and the
    /// message's state, in one transaction.
    pub fn finish_send(
        &mut self,
        key: &str,
        entries: Vec<JournalEntry>,
        at: NaiveDateTime,
    ) -> Result<Vec<JournalEntry>> {
        self.store.write(|tx| {
            let m = db::sent_by_key(tx, key)?
                .ok_or_else(|| Error::new(ErrorCode::Database, "Envoi introuvable."))?;
            if m.state == SentState::Sent {
                return Err(m.already_sent());
            }
            let written: Vec<JournalEntry> = entries
                .into_iter()
                .map(|mut e| {
                    e.text = Some(match e.text.take() {
                        Some(t) => format!("{t} (envoyé à {})", m.recipients),
                        None => format!("Envoyé à {}", m.recipients),
                    });
                    e.id = db::journal_insert(tx, &e, None)?;
                    Ok(e)
                })
                .collect::<Result<_>>()?;
            let ids: Vec<JournalId> = written.iter().map(|e| e.id).collect();
            db::sent_done(tx, key, at.with_nanosecond_zero(), &ids)?;
            Ok(written)
        })
    }

    /// The send failed: `Failed` when the server surely did not take it (a retry is safe), `Uncertain` when the
    /// connection broke after the message was handed over. Nothing is written in the history.
    pub fn fail_send(&mut self, key: &str, state: SentState, error: &str) -> Result<()> {
        self.store
            .write(|tx| db::sent_failed(tx, key, state, error))
    }

    /// The message of a step, by its key.
    pub fn sent_message(&self, key: &str) -> Result<Option<SentMessage>> {
        db::sent_by_key(self.conn(), key)
    }

    /// A client's messages sent through the mailbox, oldest first.
    pub fn sent_messages(&self, client_id: ClientId) -> Result<Vec<SentMessage>> {
        db::sent_of_client(self.conn(), client_id)
    }
}

trait NoNanos {
    fn with_nanosecond_zero(self) -> Self;
}

impl NoNanos for NaiveDateTime {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike as _;
        self.with_nanosecond(0).unwrap_or(self)
    }
}
