//! The ledger's records as the rest of the app sees them, and the small enums that name their kinds.
//!
//! Records come out of storage already valid. What users send in are the `*Input` types of [`crate::input`]:
//! raw text, parsed and validated by the domain (never by the front end).

use crate::money::Money;
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub type ClientId = i64;
pub type InvoiceId = i64;
pub type PaymentId = i64;
pub type CreditNoteId = i64;
pub type JournalId = i64;

/// Defines a string-backed enum with its stable code (database, JSON, CLI) and its French label (screens).
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal / $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Stable code stored in the database and used in JSON and on the command line.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// French label shown to the user.
            pub fn label_fr(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The accepted codes, for error messages: `"a", "b" ou "c"`.
            pub fn codes_fr() -> String {
                let codes: Vec<String> = Self::ALL.iter().map(|v| format!("«\u{a0}{}\u{a0}»", v.code())).collect();
                match codes.split_last() {
                    Some((last, rest)) if !rest.is_empty() => format!("{} ou {}", rest.join(", "), last),
                    _ => codes.join(""),
                }
            }
        }
    };
}

pub(crate) use labelled_enum;

labelled_enum!(
    /// Who the client is in law: it drives penalties, the 40 € indemnity, wording and prescription
    /// (legal-fr A.1).
    ClientKind {
        Professional = "professional" / "Professionnel",
        Consumer = "consumer" / "Particulier",
    }
);

labelled_enum!(
    /// How the client prefers to be contacted.
    Channel {
        Email = "email" / "E-mail",
        Phone = "phone" / "Téléphone",
        Letter = "letter" / "Courrier",
    }
);

labelled_enum!(
    /// Language of drafts and letters for this client.
    Language {
        French = "fr" / "Français",
        English = "en" / "Anglais",
    }
);

labelled_enum!(
    /// How the person addressed is greeted: the consumer, or a business's contact person. Not given, letters say
    /// « Madame, Monsieur, » and emails « Bonjour, ».
    Civility {
        Madame = "madame" / "Madame",
        Monsieur = "monsieur" / "Monsieur",
    }
);

labelled_enum!(
    /// Collective insolvency procedure the debtor is under (legal-fr A.2: no 40 € indemnity then).
    CollectiveProcedure {
        None = "none" / "Aucune",
        Sauvegarde = "sauvegarde" / "Sauvegarde",
        Redressement = "redressement" / "Redressement judiciaire",
        Liquidation = "liquidation" / "Liquidation judiciaire",
    }
);

labelled_enum!(
    /// How a payment reached the business.
    PaymentMethod {
        Transfer = "virement" / "Virement",
        Cheque = "cheque" / "Chèque",
        Card = "carte" / "Carte",
        Cash = "especes" / "Espèces",
        DirectDebit = "prelevement" / "Prélèvement",
        Other = "autre" / "Autre",
    }
);

labelled_enum!(
    /// What a journal entry records.
    JournalKind {
        PreventiveNote = "preventive_note" / "Rappel avant échéance",
        FriendlyReminder = "friendly_reminder" / "Relance amiable",
        FirmReminder = "firm_reminder" / "Relance ferme",
        LastReminder = "last_reminder" / "Dernière relance",
        Call = "call" / "Appel",
        Letter = "letter" / "Courrier",
        FormalNotice = "formal_notice" / "Mise en demeure",
        Promise = "promise" / "Promesse de paiement",
        DisputeOpened = "dispute_opened" / "Litige ouvert",
        DisputeSettled = "dispute_settled" / "Litige réglé",
        Note = "note" / "Note",
        PaymentRecorded = "payment_recorded" / "Règlement reçu",
        WriteOff = "write_off" / "Passage en perte",
        PlanProposed = "plan_proposed" / "Échéancier proposé",
        PlanSigned = "plan_signed" / "Échéancier signé",
        PenaltiesWaived = "penalties_waived" / "Pénalités abandonnées",
        PenaltiesClaimed = "penalties_claimed" / "Pénalités réclamées",
    }
);

labelled_enum!(
    /// The channel an exchange went through.
    ContactChannel {
        Email = "email" / "E-mail",
        Phone = "phone" / "Téléphone",
        Letter = "letter" / "Courrier",
        RegisteredLetter = "registered_letter" / "Lettre recommandée avec AR",
        InPerson = "in_person" / "En personne",
        Sms = "sms" / "SMS",
        Other = "other" / "Autre",
    }
);

labelled_enum!(
    /// Outcome of a phone call (words.md).
    CallOutcome {
        Reached = "reached" / "Joint",
        NoAnswer = "no_answer" / "Pas de réponse",
        Promise = "promise" / "Promesse",
        Dispute = "dispute" / "Litige",
        Difficulty = "difficulty" / "Difficulté",
    }
);

labelled_enum!(
    /// An invoice's status, always derived as of a date (see [`crate::standing`]), never stored by hand.
    InvoiceStatus {
        Open = "open" / "À échoir",
        PartiallyPaid = "partially_paid" / "Partiellement réglée",
        Paid = "paid" / "Réglée",
        Overdue = "overdue" / "En retard",
        Disputed = "disputed" / "En litige",
        WrittenOff = "written_off" / "Passée en perte",
        Cancelled = "cancelled" / "Annulée par avoir",
    }
);

/// Payment terms of an invoice and the due date they give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PaymentTerms {
    /// Due on the issue date ("à réception").
    OnReceipt,
    /// Due N days after the issue date.
    Days { days: u16 },
    /// "N jours fin de mois": N days after the issue date, then the end of that month. This is the reading most
    /// invoicing tools use (legal-fr B §1.1 method (b)); the DGCCRF tolerates both readings.
    DaysEndOfMonth { days: u16 },
    /// An explicit due date.
    Date { date: NaiveDate },
}

/// Longest "N days" term Tact accepts at all (a typo guard, far above any legal cap).
pub const MAX_TERM_DAYS: u16 = 365;

impl PaymentTerms {
    /// The terms of a business that has not chosen any, and of an invoice that states none: 30 days (the legal
    /// default between businesses, C. com. L441-10 I).
    pub const DEFAULT: PaymentTerms = PaymentTerms::Days { days: 30 };

    /// The due date for an invoice issued on `issue`. Saturates at the calendar's end rather than panicking.
    pub fn due_date(self, issue: NaiveDate) -> NaiveDate {
        match self {
            PaymentTerms::OnReceipt => issue,
            PaymentTerms::Days { days } => issue
                .checked_add_days(Days::new(days.into()))
                .unwrap_or(NaiveDate::MAX),
            PaymentTerms::DaysEndOfMonth { days } => {
                let d = issue
                    .checked_add_days(Days::new(days.into()))
                    .unwrap_or(NaiveDate::MAX);
                end_of_month(d)
            }
            PaymentTerms::Date { date } => date,
        }
    }

    /// Parse the storage code written by [`PaymentTerms::code`].
    pub fn from_code(code: &str) -> Option<PaymentTerms> {
        if code == "on_receipt" {
            return Some(PaymentTerms::OnReceipt);
        }
        if let Some(days) = code.strip_suffix("fdm") {
            return days
                .parse()
                .ok()
                .map(|days| PaymentTerms::DaysEndOfMonth { days });
        }
        if code.contains('-') {
            return code.parse().ok().map(|date| PaymentTerms::Date { date });
        }
        code.parse().ok().map(|days| PaymentTerms::Days { days })
    }

    /// French wording: "À réception", "30 jours", "45 jours fin de mois", "Le 15/12/2026".
    pub fn label_fr(self) -> String {
        match self {
            PaymentTerms::OnReceipt => "À réception".to_owned(),
            PaymentTerms::Days { days } => format!("{days}\u{a0}jours"),
            PaymentTerms::DaysEndOfMonth { days } => format!("{days}\u{a0}jours fin de mois"),
            PaymentTerms::Date { date } => format!("Le {}", crate::text::format_date_fr(date)),
        }
    }

    /// Short code for storage and the CLI: `on_receipt`, `30`, `45fdm`, `2026-12-15`.
    pub fn code(self) -> String {
        match self {
            PaymentTerms::OnReceipt => "on_receipt".to_owned(),
            PaymentTerms::Days { days } => days.to_string(),
            PaymentTerms::DaysEndOfMonth { days } => format!("{days}fdm"),
            PaymentTerms::Date { date } => date.format("%Y-%m-%d").to_string(),
        }
    }

    /// The legal cap this term breaks between professionals, if any (C. com. L441-10 I: at most 60 days from the
    /// issue date, or 45 days end of month). A warning, not an error: the user records the invoice as issued.
    pub fn legal_cap_warning(self, issue: NaiveDate) -> Option<String> {
        match self {
            PaymentTerms::DaysEndOfMonth { days } if days > 45 => Some(format!(
                "Délai de {days}\u{a0}jours fin de mois\u{a0}: au-delà du plafond légal de 45\u{a0}jours fin de mois entre professionnels (C.\u{a0}com. L441-10 I)."
            )),
            PaymentTerms::DaysEndOfMonth { .. } => None,
            other => {
                let days = other.due_date(issue).signed_duration_since(issue).num_days();
                (days > 60).then(|| {
                    format!(
                        "Délai de {days}\u{a0}jours après l'émission\u{a0}: au-delà du plafond légal de 60\u{a0}jours entre professionnels (C.\u{a0}com. L441-10 I)."
                    )
                })
            }
        }
    }
}

pub fn end_of_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year().saturating_add(1), 1)
    } else {
        (d.year(), d.month().saturating_add(1))
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// A non-blocking remark on an accepted request (e.g. terms beyond the legal cap).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    pub code: String,
    pub message: String,
}

/// A postal address with email and phone, as the business and each client have. Flattened in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PostalContact {
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub country: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl PostalContact {
    /// One line for lists and tables: "14 rue des Tanneurs, 69001 Lyon".
    pub fn one_line(&self) -> Option<String> {
        let mut parts: Vec<String> = [&self.address_line1, &self.address_line2]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        let town = [&self.postcode, &self.city]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        if !town.is_empty() {
            parts.push(town);
        }
        if !crate::text::is_france(&self.country) {
            parts.push(self.country.clone());
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// The user's own business: the sender of every letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Business {
    pub legal_name: String,
    pub trade_name: Option<String>,
    pub legal_form: Option<String>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub vat_number: Option<String>,
    #[serde(flatten)]
    pub contact: PostalContact,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub signatory_name: Option<String>,
    pub signatory_title: Option<String>,
    /// City written after "Fait à" in letters.
    pub signing_city: Option<String>,
    pub default_terms: PaymentTerms,
    /// Contractual late-penalty rate in percent per year; `None` means the legal default (ECB rate + 10 points,
    /// C. com. L441-10 II).
    #[serde(with = "rust_decimal::serde::str_option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub penalty_rate: Option<Decimal>,
}

/// A client of the business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Client {
    pub id: ClientId,
    pub kind: ClientKind,
    pub name: String,
    pub siren: Option<String>,
    pub contact_name: Option<String>,
    /// The civility of the person addressed: the consumer, or the contact person of a business.
    #[serde(default)]
    pub civility: Option<Civility>,
    #[serde(flatten)]
    pub contact: PostalContact,
    pub preferred_channel: Channel,
    pub language: Language,
    pub notes: Option<String>,
    pub client_since: Option<NaiveDate>,
    pub collective_procedure: CollectiveProcedure,
    pub archived: bool,
}

/// An invoice as issued. Its status and balance are derived (see [`crate::standing`]), never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Invoice {
    pub id: InvoiceId,
    pub number: String,
    pub client_id: ClientId,
    pub issue_date: NaiveDate,
    /// Date of delivery or performance of the service, when it differs from the issue date.
    pub delivery_date: Option<NaiveDate>,
    pub terms: PaymentTerms,
    pub due_date: NaiveDate,
    /// Total including VAT: what the client owes.
    pub amount: Money,
    pub amount_ht: Option<Money>,
    pub vat: Option<Money>,
    pub currency: String,
    pub description: Option<String>,
    /// Late-penalty rate stipulated for this invoice, in percent per year; overrides the business default.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub penalty_rate: Option<Decimal>,
}

/// Part of a payment applied to one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Allocation {
    pub invoice_id: InvoiceId,
    pub amount: Money,
}

/// Money received from a client. What is not allocated stays with the client as credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Payment {
    pub id: PaymentId,
    pub client_id: ClientId,
    /// Date the funds became available (date de valeur): what counts for lateness (legal-fr B §1.2).
    pub date: NaiveDate,
    pub amount: Money,
    pub method: PaymentMethod,
    pub reference: Option<String>,
    /// What the payment settles; for a reversed payment, what it had settled before its reversal.
    pub allocations: Vec<Allocation>,
    /// Set when the payment was recorded by mistake and reversed: it then counts for nothing (schema 0012).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reversed: Option<PaymentReversal>,
}

/// The reversal of a payment recorded by mistake: the day it was made and why. The payment and its « Règlement
/// reçu » entry stay in the books; a note in the history corrects that entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentReversal {
    pub date: NaiveDate,
    pub reason: Option<String>,
}

impl Payment {
    /// The history's « Règlement reçu » entry for this payment: « 800,00 € reçu par virement (500,00 € sur
    /// F-2026-041, 300,00 € en avoir client). » `number` gives an allocated invoice's number.
    pub fn journal_entry(
        &self,
        number: impl Fn(InvoiceId) -> String,
    ) -> crate::Result<JournalEntry> {
        let parts = self.settled(
            |amount, invoice| format!("{amount} sur {}", number(invoice)),
            |rest| format!("{rest} en avoir client"),
        )?;
        Ok(JournalEntry {
            date: self.date,
            kind: JournalKind::PaymentRecorded,
            text: Some(format!(
                "{} reçu par {} ({parts}).",
                self.amount.format_fr(),
                self.method.label_fr().to_lowercase(),
            )),
            corrects: None,
            ..self.entry_base()
        })
    }

    /// The note that reverses this payment, recorded by mistake, correcting its « Règlement reçu » entry
    /// `recorded` (the history stays append-only): « Règlement de 300,00 € reçu par virement le 12/10/2026
    /// annulé (saisi deux fois) : 300,00 € de nouveau dus sur F-2026-033. » `number` gives an invoice's number.
    pub fn reversal_entry(
        &self,
        recorded: Option<JournalId>,
        reversal: &PaymentReversal,
        number: impl Fn(InvoiceId) -> String,
    ) -> crate::Result<JournalEntry> {
        let parts = self.settled(
            |amount, invoice| format!("{amount} de nouveau dus sur {}", number(invoice)),
            |rest| format!("{rest} retirés de l'avoir client"),
        )?;
        let why = reversal
            .reason
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        Ok(JournalEntry {
            date: reversal.date,
            kind: JournalKind::Note,
            text: Some(format!(
                "Règlement de {} reçu par {} le {} annulé{why}\u{a0}: {parts}.",
                self.amount.format_fr(),
                self.method.label_fr().to_lowercase(),
                crate::text::format_date_fr(self.date),
            )),
            corrects: recorded,
            ..self.entry_base()
        })
    }

    /// What the payment settles, in words: one phrase per allocation, then its client credit, if any.
    fn settled(
        &self,
        allocation: impl Fn(String, InvoiceId) -> String,
        credit: impl Fn(String) -> String,
    ) -> crate::Result<String> {
        let mut parts: Vec<String> = self
            .allocations
            .iter()
            .map(|a| allocation(a.amount.format_fr(), a.invoice_id))
            .collect();
        let rest = self.unallocated()?;
        if rest.is_positive() {
            parts.push(credit(rest.format_fr()));
        }
        Ok(parts.join(", "))
    }

    /// The fields every entry about this payment shares: its client, its one invoice if it settles only one, the
    /// payment itself; nothing said to the client (no channel).
    fn entry_base(&self) -> JournalEntry {
        JournalEntry {
            id: 0,
            client_id: self.client_id,
            invoice_id: match self.allocations.as_slice() {
                [one] => Some(one.invoice_id),
                _ => None,
            },
            date: self.date,
            kind: JournalKind::Note,
            channel: None,
            call_outcome: None,
            promise_date: None,
            promise_amount: None,
            text: None,
            payment_id: Some(self.id),
            corrects: None,
        }
    }

    /// The part of the payment not applied to any invoice (client credit).
    pub fn unallocated(&self) -> crate::Result<Money> {
        self.amount
            .checked_sub(Money::sum(self.allocations.iter().map(|a| a.amount))?)
    }
}

/// A credit note (avoir) reducing what is owed on one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreditNote {
    pub id: CreditNoteId,
    pub number: String,
    pub invoice_id: InvoiceId,
    pub date: NaiveDate,
    pub amount: Money,
    pub reason: Option<String>,
}

/// One dated entry of a client's history. Append-only: a correction is a new entry whose `corrects` points at
/// the entry it replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JournalEntry {
    pub id: JournalId,
    pub client_id: ClientId,
    pub invoice_id: Option<InvoiceId>,
    pub date: NaiveDate,
    pub kind: JournalKind,
    pub channel: Option<ContactChannel>,
    pub call_outcome: Option<CallOutcome>,
    pub promise_date: Option<NaiveDate>,
    pub promise_amount: Option<Money>,
    /// What was said or sent, the reason of a dispute, the note itself.
    pub text: Option<String>,
    pub payment_id: Option<PaymentId>,
    pub corrects: Option<JournalId>,
}

impl JournalEntry {
    /// A new entry (not yet stored: id 0) of `kind` on `date` saying `text`, with no channel, invoice or promise.
    pub fn new(
        client_id: ClientId,
        date: NaiveDate,
        kind: JournalKind,
        text: String,
    ) -> JournalEntry {
        JournalEntry {
            id: 0,
            client_id,
            invoice_id: None,
            date,
            kind,
            channel: None,
            call_outcome: None,
            promise_date: None,
            promise_amount: None,
            text: Some(text),
            payment_id: None,
            corrects: None,
        }
    }
}

/// The entries of a history still in force: those no other entry corrects. The journal is append-only, so a
/// correction is a new entry pointing at the one it replaces; every reader of the ladder (engine, drafts,
/// letters, penalties) skips the replaced ones through this one rule.
pub fn in_force(journal: &[JournalEntry]) -> impl Iterator<Item = &JournalEntry> {
    let corrected: std::collections::HashSet<JournalId> =
        journal.iter().filter_map(|e| e.corrects).collect();
    journal.iter().filter(move |e| !corrected.contains(&e.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn due_dates() {
        assert_eq!(
            PaymentTerms::OnReceipt.due_date(d(2026, 10, 1)),
            d(2026, 10, 1)
        );
        assert_eq!(
            PaymentTerms::Days { days: 30 }.due_date(d(2026, 10, 1)),
            d(2026, 10, 31)
        );
        assert_eq!(
            PaymentTerms::Days { days: 30 }.due_date(d(2026, 8, 16)),
            d(2026, 9, 15)
        );
        // 45 days end of month: 15/01 + 45 d = 01/03, end of that month 31/03.
        assert_eq!(
            PaymentTerms::DaysEndOfMonth { days: 45 }.due_date(d(2026, 1, 15)),
            d(2026, 3, 31)
        );
        assert_eq!(
            PaymentTerms::DaysEndOfMonth { days: 30 }.due_date(d(2028, 1, 30)),
            d(2028, 2, 29)
        );
        assert_eq!(end_of_month(d(2026, 12, 5)), d(2026, 12, 31));
    }

    #[test]
    fn legal_caps() {
        let issue = d(2026, 1, 1);
        assert!(PaymentTerms::Days { days: 60 }
            .legal_cap_warning(issue)
            .is_none());
        assert!(PaymentTerms::Days { days: 61 }
            .legal_cap_warning(issue)
            .is_some());
        assert!(PaymentTerms::DaysEndOfMonth { days: 45 }
            .legal_cap_warning(issue)
            .is_none());
        assert!(PaymentTerms::DaysEndOfMonth { days: 46 }
            .legal_cap_warning(issue)
            .is_some());
        // 01/01 + 60 days = 02/03: the last day within the cap.
        assert!(PaymentTerms::Date {
            date: d(2026, 3, 2)
        }
        .legal_cap_warning(issue)
        .is_none());
        assert!(PaymentTerms::Date {
            date: d(2026, 3, 3)
        }
        .legal_cap_warning(issue)
        .is_some());
    }

    #[test]
    fn enum_codes_round_trip() {
        for k in JournalKind::ALL {
            assert_eq!(JournalKind::from_code(k.code()), Some(*k));
        }
        assert_eq!(
            ClientKind::codes_fr(),
            "«\u{a0}professional\u{a0}» ou «\u{a0}consumer\u{a0}»"
        );
    }
}

/// A file an invoice or credit note was imported from, kept whole in the books (its bytes are read apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceFile {
    pub id: i64,
    pub sha256: String,
    pub file_name: String,
    /// `facturx`, `cii`, `ubl` or `csv`.
    pub format: String,
    pub imported_on: NaiveDate,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: i64,
}

/// What one document read from a source file said of its buyer, and the record it became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportedDocument {
    pub invoice_id: Option<InvoiceId>,
    pub credit_note_id: Option<CreditNoteId>,
    pub buyer_name: String,
    pub buyer_siren: Option<String>,
    pub buyer_vat: Option<String>,
}

/// A source file in an export: its record and the documents read from it (its bytes travel beside the JSON,
/// `sources/<sha256>` in an archive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceRecord {
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub file: SourceFile,
    pub documents: Vec<ImportedDocument>,
}

/// A credit from a bank statement, imported once, open until accepted (it became a payment) or ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BankLine {
    pub id: i64,
    /// What makes it the same credit in the next statement (the bank's id, else account, date, amount, label
    /// and occurrence).
    pub identity: String,
    pub account: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub label: String,
    pub payer: Option<String>,
    pub payer_iban: Option<String>,
    pub reference: Option<String>,
    pub bank_id: Option<String>,
    /// The payment method a payment from it gets (`virement`, `prelevement`…).
    pub method: String,
    pub imported_on: NaiveDate,
    /// `open`, `accepted` or `ignored`.
    pub state: String,
    pub payment_id: Option<PaymentId>,
}
