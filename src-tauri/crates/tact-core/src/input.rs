//! What users send: raw text exactly as typed in a form or on the command line. The domain parses and validates
//! it here, once, for every entry point (desktop app, CLI, import). A failed validation names the field in
//! French and nothing is written.

use crate::error::{Checks, Error, ErrorCode, Result};
use crate::model::{
    Business, CallOutcome, Channel, Civility, Client, ClientId, ClientKind, CollectiveProcedure,
    ContactChannel, CreditNote, Invoice, InvoiceId, JournalEntry, JournalId, JournalKind, Language,
    PaymentMethod, PaymentTerms, PostalContact, MAX_TERM_DAYS,
};
use crate::money::{parse_positive_amount, parse_rate, Money};
use crate::text::{self, fr_quote, optional_text, required_text, LINE, NAME, NOTES, SHORT};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod invoices;
mod journal;
mod payments;
pub use invoices::*;
pub use journal::*;
pub use payments::*;

fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// « madame », « Mme », « monsieur », « M. », in any case.
fn civility_from(s: &str) -> Option<Civility> {
    match s.trim().to_lowercase().as_str() {
        "madame" | "mme" => Some(Civility::Madame),
        "monsieur" | "m" | "m." => Some(Civility::Monsieur),
        _ => None,
    }
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
        let mut all = Checks::default();
        let c = self.check(&mut all);
        all.done()?;
        Ok(c)
    }

    /// Every field checked, the errors kept in `all` (the value returned is then not to be used).
    pub(crate) fn check(&self, all: &mut Checks) -> PostalContact {
        let country = all
            .take(optional_text("country", "Pays", opt(&self.country), SHORT))
            .flatten()
            .unwrap_or_else(|| "France".into());
        PostalContact {
            address_line1: all
                .take(optional_text(
                    "address_line1",
                    "Adresse",
                    opt(&self.address_line1),
                    LINE,
                ))
                .flatten(),
            address_line2: all
                .take(optional_text(
                    "address_line2",
                    "Complément d'adresse",
                    opt(&self.address_line2),
                    LINE,
                ))
                .flatten(),
            postcode: all
                .take(
                    opt(&self.postcode)
                        .map(|p| text::parse_postcode("postcode", p, &country))
                        .transpose(),
                )
                .flatten(),
            city: all
                .take(optional_text("city", "Ville", opt(&self.city), SHORT))
                .flatten(),
            email: all
                .take(
                    opt(&self.email)
                        .map(|e| text::parse_email("email", e))
                        .transpose(),
                )
                .flatten(),
            phone: all
                .take(
                    opt(&self.phone)
                        .map(|p| text::parse_phone("phone", p))
                        .transpose(),
                )
                .flatten(),
            country,
        }
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
    /// Every field is checked: the error names the first field in error and lists the others (`Error::also`).
    pub fn validate(&self) -> Result<Business> {
        let mut all = Checks::default();
        let legal_name = all
            .take(required_text(
                "legal_name",
                "Nom ou raison sociale",
                &self.legal_name,
                NAME,
            ))
            .unwrap_or_default();
        let siret = all
            .take(
                opt(&self.siret)
                    .map(|s| text::parse_siret("siret", s))
                    .transpose(),
            )
            .flatten();
        let mut siren = all
            .take(
                opt(&self.siren)
                    .map(|s| text::parse_siren("siren", s))
                    .transpose(),
            )
            .flatten();
        if let Some(siret) = &siret {
            match &siren {
                Some(siren) if !siret.starts_with(siren.as_str()) => all.push(Error::field(
                    ErrorCode::InvalidSiret,
                    "siret",
                    "SIRET\u{a0}: il doit commencer par les 9 chiffres du SIREN.",
                )),
                Some(_) => {}
                None if !all.failed("siren") => siren = siret.get(..9).map(str::to_owned),
                None => {}
            }
        }
        let vat_number = all
            .take(
                opt(&self.vat_number)
                    .map(|s| text::parse_vat_number("vat_number", s))
                    .transpose(),
            )
            .flatten();
        if let (Some(vat), Some(siren)) = (&vat_number, &siren) {
            if vat.starts_with("FR") && !vat.ends_with(siren.as_str()) {
                all.push(Error::field(
                    ErrorCode::InvalidVatNumber,
                    "vat_number",
                    "Numéro de TVA\u{a0}: un numéro français se termine par le SIREN de l'entreprise.",
                ));
            }
        }
        let contact = self.contact.check(&mut all);
        let default_terms = match opt(&self.default_terms) {
            Some(t) => all
                .take(parse_terms(
                    "default_terms",
                    "Délai de paiement par défaut",
                    t,
                ))
                .unwrap_or(PaymentTerms::DEFAULT),
            // C. com. L441-10 I: without an agreement, 30 days.
            None => PaymentTerms::DEFAULT,
        };
        if let PaymentTerms::Date { .. } = default_terms {
            all.push(Error::field(
                ErrorCode::InvalidTerms,
                "default_terms",
                "Délai de paiement par défaut\u{a0}: indiquez un délai (ex.\u{a0}: 30 jours), pas une date.",
            ));
        }
        let free = |all: &mut Checks, field: &str, label: &str, value: &Option<String>, max| {
            all.take(optional_text(field, label, opt(value), max))
                .flatten()
        };
        let business = Business {
            legal_name,
            trade_name: free(
                &mut all,
                "trade_name",
                "Nom commercial",
                &self.trade_name,
                NAME,
            ),
            legal_form: free(
                &mut all,
                "legal_form",
                "Forme juridique",
                &self.legal_form,
                SHORT,
            ),
            siren,
            siret,
            vat_number,
            contact,
            iban: all
                .take(
                    opt(&self.iban)
                        .map(|i| text::parse_iban("iban", i))
                        .transpose(),
                )
                .flatten(),
            bic: all
                .take(
                    opt(&self.bic)
                        .map(|b| text::parse_bic("bic", b))
                        .transpose(),
                )
                .flatten(),
            signatory_name: free(
                &mut all,
                "signatory_name",
                "Signataire",
                &self.signatory_name,
                NAME,
            ),
            signatory_title: free(
                &mut all,
                "signatory_title",
                "Qualité du signataire",
                &self.signatory_title,
                SHORT,
            ),
            signing_city: free(
                &mut all,
                "signing_city",
                "Ville de signature",
                &self.signing_city,
                SHORT,
            ),
            default_terms,
            penalty_rate: all
                .take(
                    opt(&self.penalty_rate)
                        .map(|r| parse_rate("penalty_rate", "Taux des pénalités de retard", r))
                        .transpose(),
                )
                .flatten(),
        };
        all.done()?;
        Ok(business)
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
    /// `madame`, `monsieur`, or empty when not given.
    pub civility: Option<String>,
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
    /// Every field is checked: the error names the first field in error and lists the others (`Error::also`).
    /// The name's label is the form's: « Raison sociale » for a professional, « Nom et prénom » for a consumer.
    pub fn validate(&self) -> Result<Client> {
        let mut all = Checks::default();
        let kind = match self.kind.trim() {
            "" => {
                all.push(Error::field(
                    ErrorCode::Required,
                    "kind",
                    "Type de client\u{a0}: choisissez professionnel ou particulier.",
                ));
                ClientKind::Professional
            }
            k => all
                .take(choice(
                    "kind",
                    "Type de client",
                    Some(k),
                    ClientKind::Professional,
                    ClientKind::from_code,
                    ClientKind::codes_fr,
                ))
                .unwrap_or(ClientKind::Professional),
        };
        let name_label = match kind {
            ClientKind::Professional => "Raison sociale",
            ClientKind::Consumer => "Nom et prénom",
        };
        let name = all
            .take(required_text("name", name_label, &self.name, NAME))
            .unwrap_or_default();
        let siren = all
            .take(
                opt(&self.siren)
                    .map(|s| text::parse_siren("siren", s))
                    .transpose(),
            )
            .flatten();
        if opt(&self.siren).is_some() && kind == ClientKind::Consumer && !all.failed("kind") {
            all.push(Error::field(
                ErrorCode::InvalidSiren,
                "siren",
                "SIREN\u{a0}: un particulier n'a pas de numéro SIREN.",
            ));
        }
        let collective_procedure = all
            .take(choice(
                "collective_procedure",
                "Procédure collective",
                opt(&self.collective_procedure),
                CollectiveProcedure::None,
                CollectiveProcedure::from_code,
                CollectiveProcedure::codes_fr,
            ))
            .unwrap_or(CollectiveProcedure::None);
        if collective_procedure != CollectiveProcedure::None && kind == ClientKind::Consumer {
            all.push(Error::field(
                ErrorCode::InvalidChoice,
                "collective_procedure",
                "Procédure collective\u{a0}: sauvegarde, redressement et liquidation ne concernent que les professionnels.",
            ));
        }
        let contact_name = all
            .take(optional_text(
                "contact_name",
                "Contact",
                opt(&self.contact_name),
                NAME,
            ))
            .flatten();
        let civility = all
            .take(
                opt(&self.civility)
                    .map(|c| {
                        choice(
                            "civility",
                            "Civilité",
                            Some(c),
                            Civility::Madame,
                            civility_from,
                            Civility::codes_fr,
                        )
                    })
                    .transpose(),
            )
            .flatten();
        let contact = self.contact.check(&mut all);
        let preferred_channel = all
            .take(choice(
                "preferred_channel",
                "Canal préféré",
                opt(&self.preferred_channel),
                Channel::Email,
                Channel::from_code,
                Channel::codes_fr,
            ))
            .unwrap_or(Channel::Email);
        let language = all
            .take(choice(
                "language",
                "Langue",
                opt(&self.language),
                Language::French,
                Language::from_code,
                Language::codes_fr,
            ))
            .unwrap_or(Language::French);
        let notes = all
            .take(optional_text("notes", "Notes", opt(&self.notes), NOTES))
            .flatten();
        let client_since = all
            .take(text::parse_optional_date(
                "client_since",
                "Client depuis",
                opt(&self.client_since),
            ))
            .flatten();
        all.done()?;
        Ok(Client {
            id: 0,
            kind,
            name,
            siren,
            contact_name,
            civility,
            contact,
            preferred_channel,
            language,
            notes,
            client_since,
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
            civility: c.civility.map(|v| v.code().into()),
            contact: PostalContactInput::from(&c.contact),
            preferred_channel: Some(c.preferred_channel.code().into()),
            language: Some(c.language.code().into()),
            notes: c.notes.clone(),
            client_since: c.client_since.map(|d| d.to_string()),
            collective_procedure: Some(c.collective_procedure.code().into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_form_reports_every_field_in_error_at_once_under_the_forms_labels() {
        let input = ClientInput {
            kind: "professional".into(),
            name: "  ".into(),
            siren: Some("123".into()),
            contact: PostalContactInput {
                email: Some("pas-une-adresse".into()),
                ..Default::default()
            },
            client_since: Some("31/02/2026".into()),
            ..Default::default()
        };
        let e = input.validate().expect_err("several fields in error");
        assert_eq!(e.field.as_deref(), Some("name"));
        assert!(e.message.starts_with("Raison sociale"), "{}", e.message);
        let others: Vec<&str> = e.also.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(others, ["siren", "email", "client_since"]);
        assert!(e.also[0].message.starts_with("SIREN"), "{:?}", e.also);
        let consumer = ClientInput {
            kind: "consumer".into(),
            ..Default::default()
        };
        let e = consumer.validate().expect_err("no name");
        assert!(e.message.starts_with("Nom et prénom"), "{}", e.message);
        assert!(e.also.is_empty());
    }

    #[test]
    fn the_business_form_reports_every_field_in_error_at_once() {
        let input = BusinessInput {
            legal_name: String::new(),
            siret: Some("1234".into()),
            iban: Some("FR00".into()),
            ..Default::default()
        };
        let e = input.validate().expect_err("several fields in error");
        assert_eq!(e.field.as_deref(), Some("legal_name"));
        let others: Vec<&str> = e.also.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(others, ["siret", "iban"]);
    }

    fn fields(e: &Error) -> Vec<&str> {
        e.field
            .iter()
            .map(String::as_str)
            .chain(e.also.iter().map(|f| f.field.as_str()))
            .collect()
    }

    #[test]
    fn the_invoice_payment_credit_note_and_history_forms_report_every_field_at_once() {
        let bad_invoice = InvoiceInput {
            number: String::new(),
            client_id: 0,
            issue_date: "32/10/2026".into(),
            amount: "douze".into(),
            penalty_rate: Some("beaucoup".into()),
            ..Default::default()
        };
        let e = bad_invoice
            .validate(PaymentTerms::Days { days: 30 })
            .expect_err("several fields in error");
        assert_eq!(
            fields(&e),
            [
                "number",
                "client_id",
                "issue_date",
                "amount",
                "penalty_rate"
            ]
        );
        // A rule between fields is checked beside the fields' own errors.
        let e = InvoiceInput {
            number: String::new(),
            amount_ht: Some("2 500".into()),
            ..invoice()
        }
        .validate(PaymentTerms::Days { days: 30 })
        .expect_err("no number, HT over TTC");
        assert_eq!(fields(&e), ["number", "amount_ht"]);

        let e = PaymentInput {
            client_id: 1,
            date: String::new(),
            amount: "-5".into(),
            method: String::new(),
            ..Default::default()
        }
        .validate()
        .expect_err("several fields in error");
        assert_eq!(fields(&e), ["date", "amount", "method"]);
        assert!(
            e.also[1].message.starts_with("Moyen de paiement"),
            "{:?}",
            e.also
        );

        let e = CreditNoteInput {
            number: String::new(),
            invoice_id: 3,
            date: "hier".into(),
            amount: "0".into(),
            reason: None,
        }
        .validate()
        .expect_err("several fields in error");
        assert_eq!(fields(&e), ["number", "date", "amount"]);

        let e = JournalInput {
            client_id: 1,
            kind: "promise".into(),
            date: "bientôt".into(),
            promise_amount: Some("beaucoup".into()),
            ..Default::default()
        }
        .validate(false)
        .expect_err("several fields in error");
        assert_eq!(fields(&e), ["date", "promise_amount", "promise_date"]);
        // An unknown type does not also report the rules that depend on it.
        let e = JournalInput {
            client_id: 1,
            kind: "hurlement".into(),
            date: "01/12/2026".into(),
            ..Default::default()
        }
        .validate(false)
        .expect_err("unknown kind");
        assert_eq!(fields(&e), ["kind"]);
    }

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
