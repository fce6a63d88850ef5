//! What users send: raw text exactly as typed in a form or on the command line. The domain parses and validates
//! it here, once, for every entry point (desktop app, CLI, import). A failed validation names the field in
//! French and nothing is written.

use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    Business, CallOutcome, Channel, Client, ClientId, ClientKind, CollectiveProcedure,
    ContactChannel, CreditNote, Invoice, InvoiceId, JournalEntry, JournalId, JournalKind, Language,
    PaymentMethod, PaymentTerms, PostalContact, MAX_TERM_DAYS,
};
use crate::money::{parse_positive_amount, parse_rate, Money};
use crate::text::{self, fr_quote, optional_text, required_text, LINE, NAME, NOTES, SHORT};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

fn choice<T: Copy>(
    field: &str,
    label: &str,
    input: Option<&str>,
    default: T,
    from_code: fn(&str) -> Option<T>,
    codes: fn() -> String,
) -> Result<T> {
    match input.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(s) => from_code(s).ok_or_else(|| {
            Error::field(
                ErrorCode::InvalidChoice,
                field,
                format!(
                    "{label}\u{a0}: {} n'est pas une valeur possible (valeurs\u{a0}: {}).",
                    fr_quote(s),
                    codes()
                ),
            )
        }),
    }
}

/// Parse payment terms: `on_receipt` (or "à réception", "comptant"), `30` / `30j` / `30 jours`,
/// `45fdm` / `45 jours fin de mois`, or an explicit date (`15/12/2026`, `2026-12-15`).
pub fn parse_terms(field: &str, label: &str, input: &str) -> Result<PaymentTerms> {
    let s = input
        .trim()
        .to_lowercase()
        .replace(['\u{a0}', '\u{202f}'], " ");
    let err = || {
        Error::field(
            ErrorCode::InvalidTerms,
            field,
            format!(
                "{label}\u{a0}: {} n'est pas compris (ex.\u{a0}: «\u{a0}à réception\u{a0}», «\u{a0}30\u{a0}» pour 30\u{a0}jours, «\u{a0}45fdm\u{a0}» pour 45\u{a0}jours fin de mois, ou une date).",
                fr_quote(input.trim())
            ),
        )
    };
    if s.is_empty() {
        return Err(err());
    }
    if matches!(
        s.as_str(),
        "on_receipt" | "reception" | "réception" | "à réception" | "a reception" | "comptant" | "0"
    ) {
        return Ok(PaymentTerms::OnReceipt);
    }
    if s.contains('/') || (s.len() == 10 && s.as_bytes().get(4) == Some(&b'-')) {
        let date = text::parse_date(field, label, &s)?;
        return Ok(PaymentTerms::Date { date });
    }
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = compact.chars().take_while(char::is_ascii_digit).collect();
    let rest = &compact[digits.len()..];
    let end_of_month = match rest {
        "" | "j" | "jours" | "jour" | "d" | "days" => false,
        "fdm" | "jfdm" | "joursfindemois" | "jfindemois" | "findemois" | "eom" => true,
        _ => return Err(err()),
    };
    let days: u16 = digits.parse().map_err(|_| err())?;
    if days == 0 || days > MAX_TERM_DAYS {
        return Err(Error::field(
            ErrorCode::InvalidTerms,
            field,
            format!(
                "{label}\u{a0}: le délai doit être compris entre 1 et {MAX_TERM_DAYS}\u{a0}jours."
            ),
        ));
    }
    Ok(if end_of_month {
        PaymentTerms::DaysEndOfMonth { days }
    } else {
        PaymentTerms::Days { days }
    })
}

/// Postal address, email and phone as typed; shared by the business profile and the client form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct PostalContactInput {
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    /// Empty means France.
    pub country: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl PostalContactInput {
    pub fn validate(&self) -> Result<PostalContact> {
        let country = optional_text("country", "Pays", opt(&self.country), SHORT)?
            .unwrap_or_else(|| "France".into());
        Ok(PostalContact {
            address_line1: optional_text(
                "address_line1",
                "Adresse",
                opt(&self.address_line1),
                LINE,
            )?,
            address_line2: optional_text(
                "address_line2",
                "Complément d'adresse",
                opt(&self.address_line2),
                LINE,
            )?,
            postcode: opt(&self.postcode)
                .map(|p| text::parse_postcode("postcode", p, &country))
                .transpose()?,
            city: optional_text("city", "Ville", opt(&self.city), SHORT)?,
            email: opt(&self.email)
                .map(|e| text::parse_email("email", e))
                .transpose()?,
            phone: opt(&self.phone)
                .map(|p| text::parse_phone("phone", p))
                .transpose()?,
            country,
        })
    }
}

impl From<&PostalContact> for PostalContactInput {
    fn from(c: &PostalContact) -> Self {
        PostalContactInput {
            address_line1: c.address_line1.clone(),
            address_line2: c.address_line2.clone(),
            postcode: c.postcode.clone(),
            city: c.city.clone(),
            country: Some(c.country.clone()),
            email: c.email.clone(),
            phone: c.phone.clone(),
        }
    }
}

/// The business profile as typed in "Réglages → Mon entreprise".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct BusinessInput {
    pub legal_name: String,
    pub trade_name: Option<String>,
    pub legal_form: Option<String>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub vat_number: Option<String>,
    #[serde(flatten)]
    pub contact: PostalContactInput,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub signatory_name: Option<String>,
    pub signatory_title: Option<String>,
    pub signing_city: Option<String>,
    pub default_terms: Option<String>,
    /// Empty means the legal default rate.
    pub penalty_rate: Option<String>,
}

impl BusinessInput {
    pub fn validate(&self) -> Result<Business> {
        let legal_name = required_text(
            "legal_name",
            "Nom ou raison sociale",
            &self.legal_name,
            NAME,
        )?;
        let siret = opt(&self.siret)
            .map(|s| text::parse_siret("siret", s))
            .transpose()?;
        let mut siren = opt(&self.siren)
            .map(|s| text::parse_siren("siren", s))
            .transpose()?;
        if let Some(siret) = &siret {
            match &siren {
                Some(siren) if !siret.starts_with(siren.as_str()) => {
                    return Err(Error::field(
                        ErrorCode::InvalidSiret,
                        "siret",
                        "SIRET\u{a0}: il doit commencer par les 9 chiffres du SIREN.",
                    ))
                }
                Some(_) => {}
                None => siren = Some(siret[..9].to_owned()),
            }
        }
        let vat_number = opt(&self.vat_number)
            .map(|s| text::parse_vat_number("vat_number", s))
            .transpose()?;
        if let (Some(vat), Some(siren)) = (&vat_number, &siren) {
            if vat.starts_with("FR") && !vat.ends_with(siren.as_str()) {
                return Err(Error::field(
                    ErrorCode::InvalidVatNumber,
                    "vat_number",
                    "Numéro de TVA\u{a0}: un numéro français se termine par le SIREN de l'entreprise.",
                ));
            }
        }
        let contact = self.contact.validate()?;
        let default_terms = match opt(&self.default_terms) {
            Some(t) => parse_terms("default_terms", "Délai de paiement par défaut", t)?,
            // C. com. L441-10 I: without an agreement, 30 days.
            None => PaymentTerms::Days { days: 30 },
        };
        if let PaymentTerms::Date { .. } = default_terms {
            return Err(Error::field(
                ErrorCode::InvalidTerms,
                "default_terms",
                "Délai de paiement par défaut\u{a0}: indiquez un délai (ex.\u{a0}: 30 jours), pas une date.",
            ));
        }
        Ok(Business {
            legal_name,
            trade_name: optional_text("trade_name", "Nom commercial", opt(&self.trade_name), NAME)?,
            legal_form: optional_text(
                "legal_form",
                "Forme juridique",
                opt(&self.legal_form),
                SHORT,
            )?,
            siren,
            siret,
            vat_number,
            contact,
            iban: opt(&self.iban)
                .map(|i| text::parse_iban("iban", i))
                .transpose()?,
            bic: opt(&self.bic)
                .map(|b| text::parse_bic("bic", b))
                .transpose()?,
            signatory_name: optional_text(
                "signatory_name",
                "Signataire",
                opt(&self.signatory_name),
                NAME,
            )?,
            signatory_title: optional_text(
                "signatory_title",
                "Qualité du signataire",
                opt(&self.signatory_title),
                SHORT,
            )?,
            signing_city: optional_text(
                "signing_city",
                "Ville de signature",
                opt(&self.signing_city),
                SHORT,
            )?,
            default_terms,
            penalty_rate: opt(&self.penalty_rate)
                .map(|r| parse_rate("penalty_rate", "Taux des pénalités de retard", r))
                .transpose()?,
        })
    }
}

impl From<&Business> for BusinessInput {
    fn from(b: &Business) -> Self {
        BusinessInput {
            legal_name: b.legal_name.clone(),
            trade_name: b.trade_name.clone(),
            legal_form: b.legal_form.clone(),
            siren: b.siren.clone(),
            siret: b.siret.clone(),
            vat_number: b.vat_number.clone(),
            contact: PostalContactInput::from(&b.contact),
            iban: b.iban.clone(),
            bic: b.bic.clone(),
            signatory_name: b.signatory_name.clone(),
            signatory_title: b.signatory_title.clone(),
            signing_city: b.signing_city.clone(),
            default_terms: Some(b.default_terms.code()),
            penalty_rate: b.penalty_rate.map(|r| r.to_string()),
        }
    }
}

/// A client as typed in the client form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ClientInput {
    /// `professional` or `consumer`.
    pub kind: String,
    pub name: String,
    pub siren: Option<String>,
    pub contact_name: Option<String>,
    #[serde(flatten)]
    pub contact: PostalContactInput,
    pub preferred_channel: Option<String>,
    pub language: Option<String>,
    pub notes: Option<String>,
    pub client_since: Option<String>,
    pub collective_procedure: Option<String>,
}

impl ClientInput {
    /// A valid client record (id 0, not archived: storage assigns the id).
    pub fn validate(&self) -> Result<Client> {
        let kind = match self.kind.trim() {
            "" => {
                return Err(Error::field(
                    ErrorCode::Required,
                    "kind",
                    "Type de client\u{a0}: choisissez professionnel ou particulier.",
                ))
            }
            k => choice(
                "kind",
                "Type de client",
                Some(k),
                ClientKind::Professional,
                ClientKind::from_code,
                ClientKind::codes_fr,
            )?,
        };
        let name = required_text("name", "Nom", &self.name, NAME)?;
        let siren = opt(&self.siren)
            .map(|s| text::parse_siren("siren", s))
            .transpose()?;
        if siren.is_some() && kind == ClientKind::Consumer {
            return Err(Error::field(
                ErrorCode::InvalidSiren,
                "siren",
                "SIREN\u{a0}: un particulier n'a pas de numéro SIREN.",
            ));
        }
        let collective_procedure = choice(
            "collective_procedure",
            "Procédure collective",
            opt(&self.collective_procedure),
            CollectiveProcedure::None,
            CollectiveProcedure::from_code,
            CollectiveProcedure::codes_fr,
        )?;
        if collective_procedure != CollectiveProcedure::None && kind == ClientKind::Consumer {
            return Err(Error::field(
                ErrorCode::InvalidChoice,
                "collective_procedure",
                "Procédure collective\u{a0}: sauvegarde, redressement et liquidation ne concernent que les professionnels.",
            ));
        }
        let contact = self.contact.validate()?;
        Ok(Client {
            id: 0,
            kind,
            name,
            siren,
            contact_name: optional_text("contact_name", "Contact", opt(&self.contact_name), NAME)?,
            contact,
            preferred_channel: choice(
                "preferred_channel",
                "Canal préféré",
                opt(&self.preferred_channel),
                Channel::Email,
                Channel::from_code,
                Channel::codes_fr,
            )?,
            language: choice(
                "language",
                "Langue",
                opt(&self.language),
                Language::French,
                Language::from_code,
                Language::codes_fr,
            )?,
            notes: optional_text("notes", "Notes", opt(&self.notes), NOTES)?,
            client_since: text::parse_optional_date(
                "client_since",
                "Client depuis",
                opt(&self.client_since),
            )?,
            collective_procedure,
            archived: false,
        })
    }
}

impl From<&Client> for ClientInput {
    fn from(c: &Client) -> Self {
        ClientInput {
            kind: c.kind.code().into(),
            name: c.name.clone(),
            siren: c.siren.clone(),
            contact_name: c.contact_name.clone(),
            contact: PostalContactInput::from(&c.contact),
            preferred_channel: Some(c.preferred_channel.code().into()),
            language: Some(c.language.code().into()),
            notes: c.notes.clone(),
            client_since: c.client_since.map(|d| d.to_string()),
            collective_procedure: Some(c.collective_procedure.code().into()),
        }
    }
}

/// An invoice as typed in the invoice form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct InvoiceInput {
    pub number: String,
    pub client_id: ClientId,
    pub issue_date: String,
    pub delivery_date: Option<String>,
    /// Payment terms (see [`parse_terms`]); empty means the business's default terms.
    pub terms: Option<String>,
    /// An explicit due date; when given it takes precedence over `terms`.
    pub due_date: Option<String>,
    /// Total including VAT.
    pub amount: String,
    pub amount_ht: Option<String>,
    pub vat: Option<String>,
    pub description: Option<String>,
    pub penalty_rate: Option<String>,
}

impl InvoiceInput {
    /// A valid invoice record (id 0: storage assigns it).
    pub fn validate(&self, default_terms: PaymentTerms) -> Result<Invoice> {
        let number = required_text("number", "Numéro de facture", &self.number, SHORT)?;
        if self.client_id <= 0 {
            return Err(Error::field(
                ErrorCode::Required,
                "client_id",
                "Client\u{a0}: choisissez le client de la facture.",
            ));
        }
        let issue_date = text::parse_date("issue_date", "Date d'émission", &self.issue_date)?;
        let delivery_date = text::parse_optional_date(
            "delivery_date",
            "Date de livraison",
            opt(&self.delivery_date),
        )?;
        let terms = match (opt(&self.due_date), opt(&self.terms)) {
            (Some(d), _) => PaymentTerms::Date {
                date: text::parse_date("due_date", "Échéance", d)?,
            },
            (None, Some(t)) => parse_terms("terms", "Délai de paiement", t)?,
            (None, None) => default_terms,
        };
        let due_date = terms.due_date(issue_date);
        if due_date < issue_date {
            let field = if opt(&self.due_date).is_some() {
                "due_date"
            } else {
                "terms"
            };
            return Err(Error::field(
                ErrorCode::DueBeforeIssue,
                field,
                format!(
                    "Échéance\u{a0}: l'échéance ({}) ne peut pas précéder la date d'émission ({}).",
                    text::format_date_fr(due_date),
                    text::format_date_fr(issue_date)
                ),
            ));
        }
        let amount = parse_positive_amount("amount", "Montant TTC", &self.amount)?;
        let amount_ht = opt(&self.amount_ht)
            .map(|a| crate::money::parse_amount("amount_ht", "Montant HT", a))
            .transpose()?;
        let vat = opt(&self.vat)
            .map(|a| crate::money::parse_amount("vat", "TVA", a))
            .transpose()?;
        if let Some(ht) = amount_ht {
            if ht > amount {
                return Err(Error::field(
                    ErrorCode::InvalidAmount,
                    "amount_ht",
                    "Montant HT\u{a0}: il ne peut pas dépasser le montant TTC.",
                ));
            }
            if let Some(v) = vat {
                if ht.checked_add(v)? != amount {
                    return Err(Error::field(
                        ErrorCode::InvalidAmount,
                        "vat",
                        format!(
                            "TVA\u{a0}: HT + TVA ({}) doit être égal au montant TTC ({}).",
                            ht.checked_add(v)?.format_fr(),
                            amount.format_fr()
                        ),
                    ));
                }
            }
        }
        Ok(Invoice {
            id: 0,
            currency: "EUR".into(),
            number,
            client_id: self.client_id,
            issue_date,
            delivery_date,
            terms,
            due_date,
            amount,
            amount_ht,
            vat,
            description: optional_text(
                "description",
                "Description",
                opt(&self.description),
                NOTES,
            )?,
            penalty_rate: opt(&self.penalty_rate)
                .map(|r| parse_rate("penalty_rate", "Taux des pénalités de retard", r))
                .transpose()?,
        })
    }
}

impl From<&Invoice> for InvoiceInput {
    fn from(i: &Invoice) -> Self {
        let (terms, due_date) = match i.terms {
            PaymentTerms::Date { date } => (None, Some(date.to_string())),
            t => (Some(t.code()), None),
        };
        InvoiceInput {
            number: i.number.clone(),
            client_id: i.client_id,
            issue_date: i.issue_date.to_string(),
            delivery_date: i.delivery_date.map(|d| d.to_string()),
            terms,
            due_date,
            amount: i.amount.to_canonical(),
            amount_ht: i.amount_ht.map(Money::to_canonical),
            vat: i.vat.map(Money::to_canonical),
            description: i.description.clone(),
            penalty_rate: i.penalty_rate.map(|r| r.to_string()),
        }
    }
}

/// One line of a payment's allocation: which invoice, how much of the payment goes to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct AllocationInput {
    pub invoice_id: InvoiceId,
    pub amount: String,
}

/// A payment as typed in the payment form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct PaymentInput {
    pub client_id: ClientId,
    /// Date the funds became available.
    pub date: String,
    pub amount: String,
    /// virement, cheque, carte, especes, prelevement, autre.
    pub method: String,
    pub reference: Option<String>,
    /// `None`: Tact allocates to the client's open invoices, overdue first then oldest due date
    /// (C. civ. 1342-10). `Some(vec![])`: nothing allocated, all of it stays as client credit.
    pub allocations: Option<Vec<AllocationInput>>,
}

/// A validated payment, allocations parsed but not yet checked against the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPayment {
    pub client_id: ClientId,
    pub date: NaiveDate,
    pub amount: Money,
    pub method: PaymentMethod,
    pub reference: Option<String>,
    pub allocations: Option<Vec<(InvoiceId, Money)>>,
}

/// Parse allocation lines; each line is named `allocations[i]` in errors.
pub fn validate_allocations(lines: &[AllocationInput]) -> Result<Vec<(InvoiceId, Money)>> {
    let mut out: Vec<(InvoiceId, Money)> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let at = format!("allocations[{i}]");
        if line.invoice_id <= 0 {
            return Err(Error::field(
                ErrorCode::Required,
                "invoice_id",
                "Facture\u{a0}: choisissez la facture réglée.",
            )
            .within(&at));
        }
        let amount = parse_positive_amount("amount", "Montant affecté", &line.amount)
            .map_err(|e| e.within(&at))?;
        if out.iter().any(|(id, _)| *id == line.invoice_id) {
            return Err(Error::field(
                ErrorCode::DuplicateAllocation,
                "invoice_id",
                "Facture\u{a0}: cette facture apparaît deux fois dans la répartition.",
            )
            .within(&at));
        }
        out.push((line.invoice_id, amount));
    }
    Ok(out)
}

impl PaymentInput {
    pub fn validate(&self) -> Result<ValidPayment> {
        if self.client_id <= 0 {
            return Err(Error::field(
                ErrorCode::Required,
                "client_id",
                "Client\u{a0}: choisissez le client qui a payé.",
            ));
        }
        let date = text::parse_date("date", "Date de valeur", &self.date)?;
        let amount = parse_positive_amount("amount", "Montant", &self.amount)?;
        let method = match self.method.trim() {
            "" => {
                return Err(Error::field(
                    ErrorCode::Required,
                    "method",
                    "Moyen de paiement\u{a0}: choisissez virement, chèque, carte, espèces, prélèvement ou autre.",
                ))
            }
            m => choice("method", "Moyen de paiement", Some(m), PaymentMethod::Other, PaymentMethod::from_code, PaymentMethod::codes_fr)?,
        };
        let allocations = self
            .allocations
            .as_deref()
            .map(validate_allocations)
            .transpose()?;
        if let Some(lines) = &allocations {
            let total = Money::sum(lines.iter().map(|(_, a)| *a))?;
            if total > amount {
                return Err(Error::field(
                    ErrorCode::AllocationExceedsPayment,
                    "allocations",
                    format!(
                        "Répartition\u{a0}: {} réparti pour un règlement de {}\u{a0}; réduisez les montants affectés.",
                        total.format_fr(),
                        amount.format_fr()
                    ),
                ));
            }
        }
        Ok(ValidPayment {
            client_id: self.client_id,
            date,
            amount,
            method,
            reference: optional_text("reference", "Référence", opt(&self.reference), LINE)?,
            allocations,
        })
    }
}

/// A credit note as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct CreditNoteInput {
    pub number: String,
    pub invoice_id: InvoiceId,
    pub date: String,
    pub amount: String,
    pub reason: Option<String>,
}

impl CreditNoteInput {
    /// A valid credit note record (id 0: storage assigns it).
    pub fn validate(&self) -> Result<CreditNote> {
        let number = required_text("number", "Numéro d'avoir", &self.number, SHORT)?;
        if self.invoice_id <= 0 {
            return Err(Error::field(
                ErrorCode::Required,
                "invoice_id",
                "Facture\u{a0}: choisissez la facture concernée par l'avoir.",
            ));
        }
        Ok(CreditNote {
            id: 0,
            number,
            invoice_id: self.invoice_id,
            date: text::parse_date("date", "Date de l'avoir", &self.date)?,
            amount: parse_positive_amount("amount", "Montant de l'avoir", &self.amount)?,
            reason: optional_text("reason", "Motif", opt(&self.reason), NOTES)?,
        })
    }
}

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
            JournalKind::DisputeOpened | JournalKind::DisputeSettled | JournalKind::WriteOff
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_syntax() {
        let t = |s: &str| parse_terms("terms", "Délai", s);
        assert_eq!(t("à réception"), Ok(PaymentTerms::OnReceipt));
        assert_eq!(t("30"), Ok(PaymentTerms::Days { days: 30 }));
        assert_eq!(t("30 jours"), Ok(PaymentTerms::Days { days: 30 }));
        assert_eq!(t("45fdm"), Ok(PaymentTerms::DaysEndOfMonth { days: 45 }));
        assert_eq!(
            t("45 jours fin de mois"),
            Ok(PaymentTerms::DaysEndOfMonth { days: 45 })
        );
        assert!(matches!(t("15/12/2026"), Ok(PaymentTerms::Date { .. })));
        assert_eq!(
            t("trente").map_err(|e| e.code),
            Err(ErrorCode::InvalidTerms)
        );
        assert_eq!(t("400").map_err(|e| e.code), Err(ErrorCode::InvalidTerms));
    }

    fn invoice() -> InvoiceInput {
        InvoiceInput {
            number: "F-1".into(),
            client_id: 1,
            issue_date: "01/10/2026".into(),
            amount: "2 400,00".into(),
            ..Default::default()
        }
    }

    #[test]
    fn invoice_validation() {
        let default = PaymentTerms::Days { days: 30 };
        let v = invoice().validate(default).ok();
        assert_eq!(
            v.as_ref().map(|v| v.due_date.to_string()),
            Some("2026-10-31".into())
        );
        let mut bad = invoice();
        bad.due_date = Some("30/09/2026".into());
        let e = bad.validate(default).expect_err("due before issue");
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::DueBeforeIssue, Some("due_date"))
        );
        let mut bad = invoice();
        bad.amount = "-3".into();
        assert_eq!(
            bad.validate(default).map_err(|e| e.code),
            Err(ErrorCode::AmountNegative)
        );
        let mut bad = invoice();
        bad.amount_ht = Some("2000".into());
        bad.vat = Some("300".into());
        assert_eq!(
            bad.validate(default).map_err(|e| e.field),
            Err(Some("vat".into()))
        );
    }

    #[test]
    fn payment_allocations_are_checked_line_by_line() {
        let p = PaymentInput {
            client_id: 1,
            date: "12/10/2026".into(),
            amount: "300".into(),
            method: "virement".into(),
            allocations: Some(vec![
                AllocationInput {
                    invoice_id: 1,
                    amount: "200".into(),
                },
                AllocationInput {
                    invoice_id: 2,
                    amount: "200".into(),
                },
            ]),
            ..Default::default()
        };
        assert_eq!(
            p.validate().map_err(|e| e.code),
            Err(ErrorCode::AllocationExceedsPayment)
        );
        let mut p2 = p.clone();
        p2.allocations = Some(vec![AllocationInput {
            invoice_id: 1,
            amount: "0".into(),
        }]);
        assert_eq!(
            p2.validate().map_err(|e| e.field),
            Err(Some("allocations[0].amount".into()))
        );
        let mut p3 = p;
        p3.method = "bitcoin".into();
        assert_eq!(
            p3.validate().map_err(|e| e.code),
            Err(ErrorCode::InvalidChoice)
        );
    }

    #[test]
    fn journal_rules() {
        let base = JournalInput {
            client_id: 1,
            date: "19/10/2026".into(),
            kind: "call".into(),
            ..Default::default()
        };
        assert_eq!(
            base.validate(false).map_err(|e| e.field),
            Err(Some("call_outcome".into()))
        );
        let mut promise = base.clone();
        promise.call_outcome = Some("promise".into());
        assert_eq!(
            promise.validate(false).map_err(|e| e.field),
            Err(Some("promise_date".into()))
        );
        promise.promise_date = Some("31/10/2026".into());
        assert!(promise.validate(false).is_ok());
        let sys = JournalInput {
            kind: "payment_recorded".into(),
            ..base.clone()
        };
        assert!(sys.validate(false).is_err());
        let dispute = JournalInput {
            kind: "dispute_opened".into(),
            invoice_id: Some(3),
            ..base
        };
        assert_eq!(
            dispute.validate(false).map_err(|e| e.field),
            Err(Some("text".into()))
        );
    }
}
