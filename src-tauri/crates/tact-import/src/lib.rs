//! The files a user's other tools hand her, read into neutral documents Tact can preview and import: e-invoices
//! (Factur-X / ZUGFeRD 2.x PDF, CII XML, UBL 2.1 Invoice and CreditNote, profiles MINIMUM to EXTENDED) and the CSV
//! exports of invoicing tools.
//!
//! Pure: bytes in, [`Document`]s or a French error naming the file and the field out. Nothing here knows the
//! ledger: matching the buyer to a client, spotting a document already imported and writing in one transaction
//! belong to the use case (`tact_usecases::invoices`).
//!
//! | module | reads |
//! |---|---|
//! | [`facturx`] | the CII XML embedded in a Factur-X / ZUGFeRD PDF |
//! | [`cii`] | UN/CEFACT Cross Industry Invoice (EN 16931 business terms) |
//! | [`ubl`] | OASIS UBL 2.1 Invoice and CreditNote |
//! | [`csv_invoices`] | CSV exports: French conventions, columns recognised by their headers |
//! | [`terms`] | the payment delay stated in words in the payment terms (BT-20) |
//!
//! Real files carry mistakes: an identifier that fails its check (a SIREN's key, a VAT number's key) or an
//! unknown country code is set aside with a warning, never a reason to refuse the debt.

use chrono::NaiveDate;
use serde::Serialize;
use tact_core::money::Money;
use tact_core::{Error, ErrorCode, Result};

pub mod bank;
pub mod cii;
pub mod csv_invoices;
pub mod facturx;
pub mod terms;
#[cfg(feature = "test-inputs")]
pub mod test_inputs;
pub mod ubl;
mod xml;

/// Above this size a file is refused before it is read: an e-invoice weighs a few hundred kilobytes, a CSV
/// export of five years a few megabytes.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Facturx,
    Cii,
    Ubl,
    Csv,
}

impl Format {
    /// Stable code (database, JSON).
    pub fn code(self) -> &'static str {
        match self {
            Format::Facturx => "facturx",
            Format::Cii => "cii",
            Format::Ubl => "ubl",
            Format::Csv => "csv",
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Format::Facturx => "Factur-X (PDF)",
            Format::Cii => "CII (XML)",
            Format::Ubl => "UBL (XML)",
            Format::Csv => "CSV",
        }
    }
}

/// What a document is (BT-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Invoice,
    CreditNote,
}

impl DocumentKind {
    pub fn label_fr(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "Facture",
            DocumentKind::CreditNote => "Avoir",
        }
    }
}

/// Where the due date came from: the preview says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DueFrom {
    /// The due date stated in the file (BT-9).
    DueDate,
    /// A delay stated in the payment terms (BT-20).
    Terms,
    /// Nothing stated: the business's default terms apply.
    Default,
}

/// The seller or the buyer (BG-4, BG-7).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Party {
    /// Legal name (BT-27, BT-44), else the trade name.
    pub name: String,
    pub trade_name: Option<String>,
    /// SIREN, checked (from BT-30 / BT-47, or the first 9 digits of a SIRET).
    pub siren: Option<String>,
    pub siret: Option<String>,
    /// VAT number (BT-31, BT-48), checked.
    pub vat_number: Option<String>,
    pub contact_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2 code (BT-40, BT-55), when known.
    pub country: Option<String>,
    /// The file named a SIREN, SIRET or VAT number, even one set aside for a wrong key: a business.
    pub ids_given: bool,
}

impl Party {
    /// A business has a SIREN, a SIRET or a VAT number (even one whose key is wrong); without any, the preview
    /// asks.
    pub fn has_identifier(&self) -> bool {
        self.ids_given || self.siren.is_some() || self.siret.is_some() || self.vat_number.is_some()
    }
}

/// One invoice or credit note as a file states it, its amounts in cents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Document {
    pub format: Format,
    /// The profile (BT-24), when stated: `urn:…:minimum`, `…:en16931`, `…:extended`…
    pub profile: Option<String>,
    pub kind: DocumentKind,
    /// The type code as written (BT-3: 380, 381, 384, 389…).
    pub type_code: String,
    /// BT-1.
    pub number: String,
    /// BT-2.
    pub issue_date: NaiveDate,
    /// BT-9, when stated.
    pub due_date: Option<NaiveDate>,
    /// The payment terms as written (BT-20).
    pub terms_text: Option<String>,
    /// The delay read from the terms, in Tact's terms syntax (`30`, `45fdm`, `à réception`).
    pub terms: Option<String>,
    pub due_from: DueFrom,
    /// BT-5.
    pub currency: String,
    /// Total without VAT (BT-109).
    pub total_ht: Option<Money>,
    /// VAT total (BT-110).
    pub vat: Option<Money>,
    /// Total with VAT (BT-112).
    pub grand_total: Option<Money>,
    /// Paid in advance (BT-113).
    pub prepaid: Option<Money>,
    /// **What is owed**: the amount due for payment (BT-115), positive (a credit note's amount is its own).
    pub amount_due: Money,
    pub seller: Party,
    pub buyer: Party,
    /// The invoice a credit note cites (BT-25).
    pub cited_invoice: Option<String>,
    /// What the invoice is for: its first lines' names, or a note.
    pub description: Option<String>,
    /// Things set aside, in French (an identifier failing its check, an unknown country code…).
    pub warnings: Vec<String>,
}

/// The source of a document: the file as received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceFile {
    pub file_name: String,
    pub sha256: String,
    pub format: Format,
}

/// What one file held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadFile {
    pub source: SourceFile,
    pub documents: Vec<Document>,
}

/// The error of a file: its message starts with the file's name.
pub(crate) fn file_error(code: ErrorCode, file: &str, message: impl AsRef<str>) -> Error {
    Error::new(code, format!("{file}\u{a0}: {}", message.as_ref()))
}

/// A required field missing, named by its business term.
pub(crate) fn missing(file: &str, field: &str, what: &str) -> Error {
    Error::field(
        ErrorCode::Required,
        field,
        format!("{file}\u{a0}: il manque {what} ({field})."),
    )
}

/// The SHA-256 of a file, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Refuses a file too large to be an invoice, before reading it.
pub fn check_size(file: &str, len: u64) -> Result<()> {
    if len > MAX_FILE_BYTES {
        #[allow(clippy::arithmetic_side_effects)] // display only, no overflow on u64 / constant
        let mb = len / (1024 * 1024);
        return Err(file_error(
            ErrorCode::FileTooLarge,
            file,
            format!(
                "fichier trop volumineux ({mb}\u{a0}Mo) pour une facture\u{a0}; la limite est de {}\u{a0}Mo.",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// Reads one file: a Factur-X PDF, a CII or UBL XML, or a CSV export (by its content, not its name). `file` is
/// the name shown in messages.
pub fn read(file: &str, bytes: &[u8]) -> Result<ReadFile> {
    read_with(file, bytes, &[])
}

/// Like [`read`], a CSV export read with the first of these column mappings that fits its headers (the one the
/// user just gave, then the presets saved from earlier imports), else by its headers' names.
pub fn read_with(
    file: &str,
    bytes: &[u8],
    csv_mappings: &[csv_invoices::Mapping],
) -> Result<ReadFile> {
    check_size(file, u64::try_from(bytes.len()).unwrap_or(u64::MAX))?;
    let (format, documents) = if bytes.starts_with(b"%PDF-") {
        (Format::Facturx, vec![facturx::read(file, bytes)?])
    } else if looks_like_xml(bytes) {
        xml::read_invoice_xml(file, bytes)?
    } else if file.to_lowercase().ends_with(".pdf") {
        return Err(file_error(
            ErrorCode::UnreadableFile,
            file,
            "ce n'est pas un PDF lisible (le début du fichier ne correspond pas à un PDF).",
        ));
    } else {
        (
            Format::Csv,
            csv_invoices::read_using(file, bytes, csv_mappings)?,
        )
    };
    Ok(ReadFile {
        source: SourceFile {
            file_name: file.to_owned(),
            sha256: sha256_hex(bytes),
            format,
        },
        documents,
    })
}

fn looks_like_xml(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    b.iter()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|c| *c == b'<')
}

/// Checks an identifier the way the forms do, keeping it when valid and setting it aside with a warning when not.
pub(crate) fn checked(
    warnings: &mut Vec<String>,
    what: &str,
    value: Option<String>,
    check: fn(&str, &str) -> Result<String>,
) -> Option<String> {
    let v = value?;
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    match check("id", v) {
        Ok(ok) => Some(ok),
        Err(_) => {
            warnings.push(format!(
                "{what} «\u{a0}{v}\u{a0}» mis de côté\u{a0}: sa clé de contrôle est fausse (la facture est lue quand même)."
            ));
            None
        }
    }
}

/// The SIREN and SIRET of a party from its legal identifier (`0002` SIREN, `0009` SIRET, or by length) and VAT
/// number, each checked.
pub(crate) fn identify(
    warnings: &mut Vec<String>,
    role: &str,
    legal_id: Option<(String, Option<String>)>,
    vat: Option<String>,
    party: &mut Party,
) {
    party.ids_given = legal_id.is_some() || vat.as_deref().is_some_and(|v| !v.trim().is_empty());
    if let Some((id, scheme)) = legal_id {
        let digits: String = id.chars().filter(|c| !c.is_whitespace()).collect();
        let is_siret = scheme.as_deref() == Some("0009") || digits.len() == 14;
        let is_siren = scheme.as_deref() == Some("0002") || digits.len() == 9;
        if is_siret {
            party.siret = checked(
                warnings,
                &format!("SIRET du {role}"),
                Some(digits),
                tact_core::text::parse_siret,
            );
            party.siren = party
                .siret
                .as_ref()
                .and_then(|s| s.get(..9))
                .map(str::to_owned);
        } else if is_siren {
            party.siren = checked(
                warnings,
                &format!("SIREN du {role}"),
                Some(digits),
                tact_core::text::parse_siren,
            );
        }
    }
    party.vat_number = checked(
        warnings,
        &format!("Numéro de TVA du {role}"),
        vat,
        tact_core::text::parse_vat_number,
    );
    // A French VAT number holds the SIREN.
    if party.siren.is_none() {
        party.siren = party
            .vat_number
            .as_deref()
            .and_then(|v| v.strip_prefix("FR"))
            .and_then(|rest| rest.get(2..))
            .map(str::to_owned);
    }
}

/// ISO 3166-1 alpha-2 codes, for the country of an address.
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// The country code when it is a known one; an unknown code is set aside with a warning.
pub(crate) fn country(warnings: &mut Vec<String>, code: Option<String>) -> Option<String> {
    let c = code?.trim().to_uppercase();
    if c.is_empty() {
        return None;
    }
    if c.len() == 2 && COUNTRIES.split(' ').any(|k| k == c) {
        Some(c)
    } else {
        warnings.push(format!(
            "Code pays «\u{a0}{c}\u{a0}» inconnu, mis de côté (l'adresse est gardée sans pays)."
        ));
        None
    }
}

/// The country's name for a postal address (French names of the codes Tact's users meet; else the code).
pub fn country_name(code: &str) -> String {
    match code {
        "FR" => "France",
        "BE" => "Belgique",
        "CH" => "Suisse",
        "LU" => "Luxembourg",
        "DE" => "Allemagne",
        "ES" => "Espagne",
        "IT" => "Italie",
        "GB" => "Royaume-Uni",
        "NL" => "Pays-Bas",
        "PT" => "Portugal",
        "MC" => "Monaco",
        "CA" => "Canada",
        "US" => "États-Unis",
        other => other,
    }
    .to_owned()
}

/// An amount as XML writes it (`1234.56`, `-12.5`): at most two decimals once trailing zeros are dropped.
pub(crate) fn xml_amount(file: &str, field: &str, what: &str, s: &str) -> Result<Money> {
    let err = || {
        Error::field(
            ErrorCode::InvalidAmount,
            field,
            format!(
                "{file}\u{a0}: {what} ({field}) illisible\u{a0}: «\u{a0}{}\u{a0}».",
                s.trim()
            ),
        )
    };
    let d: rust_decimal::Decimal = s.trim().parse().map_err(|_| err())?;
    let m = Money::from_decimal(d).map_err(|_| err())?;
    if m.cents().abs() > tact_core::money::MAX_CENTS {
        return Err(err());
    }
    Ok(m)
}

/// The absolute value of an amount (a credit note's amounts are its own, positive).
pub(crate) fn abs(m: Money) -> Money {
    Money::from_cents(m.cents().saturating_abs())
}

/// Text as a field: trimmed, `None` when empty.
pub(crate) fn text(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Checks what every reader must find: a number, an amount in euros. A currency other than EUR is refused for
/// now, clearly.
pub(crate) fn check_currency(file: &str, currency: &str) -> Result<()> {
    if currency.eq_ignore_ascii_case("EUR") {
        Ok(())
    } else {
        Err(Error::field(
            ErrorCode::UnsupportedCurrency,
            "BT-5",
            format!(
                "{file}\u{a0}: facture en {currency}\u{a0}; Tact ne suit pour l'instant que les factures en euros (EUR)."
            ),
        ))
    }
}
