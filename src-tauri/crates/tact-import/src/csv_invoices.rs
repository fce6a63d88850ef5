//! CSV exports of invoicing tools: one invoice (or credit note) a row. French conventions are detected: `;`, `,`
//! or tab as separator, decimal comma, dd/mm/yyyy, UTF-8 with or without BOM, or Windows-1252. Columns are
//! recognised by their header (French or English); a [`Mapping`] names them when the headers are unusual (the
//! mapping screen saves it as a preset).
//!
//! A CSV export is the user's own: its seller is not stated, and is taken to be her business.

use crate::{file_error, Document, DocumentKind, Format, Party};
use serde::{Deserialize, Serialize};
use tact_core::money::Money;
use tact_core::{Error, ErrorCode, Result};

/// The fields a CSV column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CsvField {
    Number,
    IssueDate,
    DueDate,
    Terms,
    Client,
    AmountTtc,
    AmountHt,
    Vat,
    AmountDue,
    Siren,
    VatNumber,
    Email,
    Address,
    Postcode,
    City,
    Country,
    Kind,
    CitedInvoice,
    Description,
    Currency,
}

impl CsvField {
    pub fn label_fr(self) -> &'static str {
        match self {
            CsvField::Number => "Numéro",
            CsvField::IssueDate => "Date",
            CsvField::DueDate => "Échéance",
            CsvField::Terms => "Conditions de paiement",
            CsvField::Client => "Client",
            CsvField::AmountTtc => "Montant TTC",
            CsvField::AmountHt => "Montant HT",
            CsvField::Vat => "TVA",
            CsvField::AmountDue => "Reste à payer",
            CsvField::Siren => "SIREN / SIRET",
            CsvField::VatNumber => "N° de TVA intracommunautaire",
            CsvField::Email => "E-mail",
            CsvField::Address => "Adresse",
            CsvField::Postcode => "Code postal",
            CsvField::City => "Ville",
            CsvField::Country => "Pays",
            CsvField::Kind => "Type (facture ou avoir)",
            CsvField::CitedInvoice => "Facture d'origine (avoir)",
            CsvField::Description => "Objet",
            CsvField::Currency => "Devise",
        }
    }

    /// Header names that mean this column, normalised (lowercase, no accents, no punctuation).
    fn names(self) -> &'static [&'static str] {
        match self {
            CsvField::Number => &[
                "numero",
                "numero de facture",
                "n facture",
                "no facture",
                "num facture",
                "facture",
                "reference",
                "ref",
                "invoice number",
                "invoice no",
                "invoice",
                "number",
                "n",
            ],
            CsvField::IssueDate => &[
                "date",
                "date de facture",
                "date facture",
                "date d emission",
                "date emission",
                "emise le",
                "issue date",
                "invoice date",
                "date of issue",
            ],
            CsvField::DueDate => &[
                "echeance",
                "date d echeance",
                "date echeance",
                "date limite de paiement",
                "a payer avant le",
                "due date",
                "due",
                "payment due",
            ],
            CsvField::Terms => &[
                "conditions de paiement",
                "conditions",
                "delai de paiement",
                "payment terms",
                "terms",
            ],
            CsvField::Client => &[
                "client",
                "nom du client",
                "nom client",
                "raison sociale",
                "societe",
                "customer",
                "customer name",
                "client name",
                "buyer",
                "destinataire",
            ],
            CsvField::AmountTtc => &[
                "montant ttc",
                "total ttc",
                "ttc",
                "montant",
                "total",
                "amount",
                "total amount",
                "total incl vat",
                "amount incl vat",
                "gross amount",
            ],
            CsvField::AmountHt => &[
                "montant ht",
                "total ht",
                "ht",
                "subtotal",
                "net amount",
                "amount excl vat",
                "total excl vat",
            ],
            CsvField::Vat => &[
                "tva",
                "montant tva",
                "total tva",
                "vat",
                "vat amount",
                "tax",
            ],
            CsvField::AmountDue => &[
                "reste a payer",
                "net a payer",
                "montant du",
                "solde",
                "amount due",
                "balance due",
                "due amount",
            ],
            CsvField::Siren => &[
                "siren",
                "siret",
                "siren client",
                "siret client",
                "company id",
            ],
            CsvField::VatNumber => &[
                "tva intracommunautaire",
                "n tva",
                "numero de tva",
                "tva intra",
                "vat number",
                "vat id",
            ],
            CsvField::Email => &[
                "email",
                "e mail",
                "courriel",
                "mail",
                "adresse e mail",
                "email client",
            ],
            CsvField::Address => &["adresse", "adresse client", "address", "street"],
            CsvField::Postcode => &["code postal", "cp", "postcode", "zip", "postal code"],
            CsvField::City => &["ville", "city", "commune"],
            CsvField::Country => &["pays", "country"],
            CsvField::Kind => &["type", "type de document", "nature", "document type"],
            CsvField::CitedInvoice => &[
                "facture d origine",
                "facture liee",
                "facture concernee",
                "original invoice",
                "related invoice",
            ],
            CsvField::Description => &[
                "objet",
                "description",
                "libelle",
                "intitule",
                "designation",
                "subject",
            ],
            CsvField::Currency => &["devise", "currency", "monnaie"],
        }
    }

    pub const ALL: [CsvField; 20] = [
        CsvField::Number,
        CsvField::IssueDate,
        CsvField::DueDate,
        CsvField::Terms,
        CsvField::Client,
        CsvField::AmountTtc,
        CsvField::AmountHt,
        CsvField::Vat,
        CsvField::AmountDue,
        CsvField::Siren,
        CsvField::VatNumber,
        CsvField::Email,
        CsvField::Address,
        CsvField::Postcode,
        CsvField::City,
        CsvField::Country,
        CsvField::Kind,
        CsvField::CitedInvoice,
        CsvField::Description,
        CsvField::Currency,
    ];
}

/// Which header holds which field. Auto-detected from the headers, or given (a preset saved by the user).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Mapping {
    /// (field, header as written in the file).
    pub columns: Vec<(CsvField, String)>,
}

impl Mapping {
    /// Every header it names is in the file, and it names the columns an invoice needs.
    pub fn fits(&self, headers: &[String]) -> bool {
        let has = |c: CsvField| self.columns.iter().any(|(k, _)| *k == c);
        self.columns.iter().all(|(_, h)| headers.contains(h))
            && has(CsvField::Number)
            && has(CsvField::IssueDate)
            && has(CsvField::Client)
            && (has(CsvField::AmountTtc) || has(CsvField::AmountDue))
    }
}

/// Lowercase, accents and punctuation removed, spaces collapsed: « N° Facture » → « n facture ».
fn normalise(s: &str) -> String {
    let folded: String = s
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The mapping the headers suggest: each field to the first header among its names (the more specific names
/// first: « montant ttc » before « montant »).
pub fn detect(headers: &[String]) -> Mapping {
    let norm: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let mut taken = vec![false; headers.len()];
    let mut columns = Vec::new();
    // Specific fields before the generic ones that share words with them.
    let order = [
        CsvField::AmountDue,
        CsvField::AmountHt,
        CsvField::VatNumber,
        CsvField::Vat,
        CsvField::AmountTtc,
        CsvField::DueDate,
        CsvField::CitedInvoice,
        CsvField::Number,
        CsvField::IssueDate,
        CsvField::Terms,
        CsvField::Client,
        CsvField::Siren,
        CsvField::Email,
        CsvField::Address,
        CsvField::Postcode,
        CsvField::City,
        CsvField::Country,
        CsvField::Kind,
        CsvField::Description,
        CsvField::Currency,
    ];
    for col in order {
        for name in col.names() {
            if let Some(i) = norm
                .iter()
                .enumerate()
                .position(|(i, h)| h == name && !taken.get(i).copied().unwrap_or(true))
            {
                if let Some(t) = taken.get_mut(i) {
                    *t = true;
                }
                if let Some(h) = headers.get(i) {
                    columns.push((col, h.clone()));
                }
                break;
            }
        }
    }
    columns.sort();
    Mapping { columns }
}

/// The text of the file: UTF-8 (with or without BOM), else Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    // A byte-order mark says UTF-16 (some spreadsheet exports): decoded as such.
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc != encoding_rs::UTF_8 {
            return enc.decode_with_bom_removal(bytes).0.into_owned();
        }
    }
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(b) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(b).0.into_owned(),
    }
}

/// The separator: the one of `;`, tab and `,` most frequent on the header line.
fn separator(text: &str) -> u8 {
    let head = text.lines().next().unwrap_or("");
    let count = |c: char| head.matches(c).count();
    [(b';', count(';')), (b'\t', count('\t')), (b',', count(','))]
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or(b';', |(c, _)| c)
}

/// The headers of a CSV file (for the mapping screen).
pub fn headers(file: &str, bytes: &[u8]) -> Result<Vec<String>> {
    let text = decode(bytes);
    let mut r = reader(&text);
    r.headers()
        .map(|h| h.iter().map(str::to_owned).collect())
        .map_err(|e| {
            file_error(
                ErrorCode::UnreadableFile,
                file,
                format!("CSV illisible ({e})."),
            )
        })
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
}

/// The documents of a CSV export, columns recognised by their headers.
pub fn read(file: &str, bytes: &[u8]) -> Result<Vec<Document>> {
    let hs = headers(file, bytes)?;
    let mapping = detect(&hs);
    read_with(file, bytes, &mapping)
}

/// The documents of a CSV export, with the first of `mappings` that fits its headers, else by its headers' names.
pub fn read_using(file: &str, bytes: &[u8], mappings: &[Mapping]) -> Result<Vec<Document>> {
    let hs = headers(file, bytes)?;
    match mappings.iter().find(|m| m.fits(&hs)) {
        Some(m) => read_with(file, bytes, m),
        None => read_with(file, bytes, &detect(&hs)),
    }
}

/// The documents of a CSV export, with the given mapping.
pub fn read_with(file: &str, bytes: &[u8], mapping: &Mapping) -> Result<Vec<Document>> {
    let text = decode(bytes);
    let mut r = reader(&text);
    let hs: Vec<String> = r
        .headers()
        .map_err(|e| {
            file_error(
                ErrorCode::UnreadableFile,
                file,
                format!("CSV illisible ({e})."),
            )
        })?
        .iter()
        .map(str::to_owned)
        .collect();
    let index = |col: CsvField| {
        mapping
            .columns
            .iter()
            .find(|(c, _)| *c == col)
            .and_then(|(_, h)| hs.iter().position(|x| x == h))
    };
    let needed = [
        CsvField::Number,
        CsvField::IssueDate,
        CsvField::Client,
        CsvField::AmountTtc,
    ];
    let absent: Vec<&str> = needed
        .iter()
        .filter(|c| {
            index(**c).is_none()
                && !(**c == CsvField::AmountTtc && index(CsvField::AmountDue).is_some())
        })
        .map(|c| c.label_fr())
        .collect();
    if !absent.is_empty() {
        return Err(Error::field(
            ErrorCode::NotAnInvoice,
            "mapping",
            format!(
                "{file}\u{a0}: colonnes non reconnues — il manque {} (en-têtes du fichier\u{a0}: {}). Indiquez quelle colonne contient quoi.",
                absent.join(", "),
                hs.iter().map(|h| format!("«\u{a0}{h}\u{a0}»")).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let line = i.saturating_add(2);
        let rec = rec.map_err(|e| {
            file_error(
                ErrorCode::UnreadableFile,
                file,
                format!("ligne {line} illisible ({e})."),
            )
        })?;
        if rec.iter().all(str::is_empty) {
            continue;
        }
        let get = |col: CsvField| {
            index(col)
                .and_then(|i| rec.get(i))
                .and_then(|s| crate::text(Some(s)))
        };
        out.push(row(file, line, &get)?);
    }
    if out.is_empty() {
        return Err(file_error(
            ErrorCode::NotAnInvoice,
            file,
            "aucune ligne de facture dans ce CSV.",
        ));
    }
    Ok(out)
}

/// A signed amount as a French export writes it: `1 234,56`, `-120,00`, `(120,00)`.
fn amount(file: &str, line: usize, col: CsvField, s: &str) -> Result<Money> {
    let t = s.trim().trim_end_matches('€').trim();
    let (neg, t) = if let Some(r) = t.strip_prefix('-') {
        (true, r)
    } else if let Some(r) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        (true, r)
    } else {
        (false, t)
    };
    let m = tact_core::money::parse_amount(col_field(col), col.label_fr(), t).map_err(|e| {
        Error::field(
            e.code,
            col_field(col),
            format!("{file}, ligne {line}\u{a0}: {}", e.message),
        )
    })?;
    Ok(if neg {
        Money::from_cents(m.cents().saturating_neg())
    } else {
        m
    })
}

fn col_field(col: CsvField) -> &'static str {
    match col {
        CsvField::AmountTtc => "amount",
        CsvField::AmountHt => "amount_ht",
        CsvField::Vat => "vat",
        CsvField::AmountDue => "amount_due",
        CsvField::IssueDate => "issue_date",
        CsvField::DueDate => "due_date",
        _ => "csv",
    }
}

fn row(file: &str, line: usize, get: &dyn Fn(CsvField) -> Option<String>) -> Result<Document> {
    let mut warnings = Vec::new();
    let need = |col: CsvField| {
        get(col).ok_or_else(|| {
            Error::field(
                ErrorCode::Required,
                col_field(col),
                format!(
                    "{file}, ligne {line}\u{a0}: «\u{a0}{}\u{a0}» est vide.",
                    col.label_fr()
                ),
            )
        })
    };
    let number = need(CsvField::Number)?;
    let date = |col: CsvField, s: &str| {
        tact_core::text::parse_date(col_field(col), col.label_fr(), s).map_err(|e| {
            Error::field(
                e.code,
                col_field(col),
                format!("{file}, ligne {line}\u{a0}: {}", e.message),
            )
        })
    };
    let issue_date = date(CsvField::IssueDate, &need(CsvField::IssueDate)?)?;
    let due_date = get(CsvField::DueDate)
        .map(|s| date(CsvField::DueDate, &s))
        .transpose()?;
    let currency = get(CsvField::Currency).unwrap_or_else(|| "EUR".into());
    crate::check_currency(&format!("{file}, ligne {line}"), &currency)?;
    let ttc = get(CsvField::AmountTtc)
        .map(|s| amount(file, line, CsvField::AmountTtc, &s))
        .transpose()?;
    let due = get(CsvField::AmountDue)
        .map(|s| amount(file, line, CsvField::AmountDue, &s))
        .transpose()?;
    let amount_due = due.or(ttc).ok_or_else(|| {
        Error::field(
            ErrorCode::Required,
            "amount",
            format!("{file}, ligne {line}\u{a0}: le montant TTC est vide."),
        )
    })?;
    let ht = get(CsvField::AmountHt)
        .map(|s| amount(file, line, CsvField::AmountHt, &s))
        .transpose()?;
    let vat = get(CsvField::Vat)
        .map(|s| amount(file, line, CsvField::Vat, &s))
        .transpose()?;
    let kind_text = get(CsvField::Kind)
        .map(|k| normalise(&k))
        .unwrap_or_default();
    let kind = if kind_text.contains("avoir")
        || kind_text.contains("credit")
        || amount_due.is_negative()
    {
        DocumentKind::CreditNote
    } else {
        DocumentKind::Invoice
    };
    let terms_text = get(CsvField::Terms);
    let (terms, due_from) = crate::terms::due_from(due_date, terms_text.as_deref());
    let mut buyer = Party {
        name: need(CsvField::Client)?,
        email: get(CsvField::Email),
        address_line1: get(CsvField::Address),
        postcode: get(CsvField::Postcode),
        city: get(CsvField::City),
        ..Party::default()
    };
    buyer.country = get(CsvField::Country).and_then(|c| {
        if c.len() == 2 {
            crate::country(&mut warnings, Some(c))
        } else if normalise(&c) == "france" {
            Some("FR".into())
        } else {
            warnings.push(format!("Pays «\u{a0}{c}\u{a0}» gardé tel quel."));
            None
        }
    });
    let legal = get(CsvField::Siren).map(|s| (s, None));
    crate::identify(
        &mut warnings,
        "client",
        legal,
        get(CsvField::VatNumber),
        &mut buyer,
    );
    Ok(Document {
        format: Format::Csv,
        profile: None,
        kind,
        type_code: if kind == DocumentKind::CreditNote {
            "381"
        } else {
            "380"
        }
        .into(),
        number,
        issue_date,
        due_date,
        terms_text,
        terms,
        due_from,
        currency: currency.to_uppercase(),
        total_ht: ht.map(crate::abs),
        vat: vat.map(crate::abs),
        grand_total: ttc.map(crate::abs),
        prepaid: None,
        amount_due: crate::abs(amount_due),
        seller: Party::default(),
        buyer,
        cited_invoice: get(CsvField::CitedInvoice),
        description: get(CsvField::Description),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DueFrom;

    #[test]
    fn a_french_export_in_windows_1252_with_semicolons_and_decimal_commas() {
        let text = "N° Facture;Date;Échéance;Client;SIRET;Montant HT;TVA;Montant TTC\r\nF-2026-050;02/11/2026;02/12/2026;Boulangerie Petitjean;552 100 554 00005;375,00;75,00;450,00\r\nAV-2026-003;05/11/2026;;Studio Nova SAS;;-100,00;-20,00;-120,00\r\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let docs = read("export.csv", &bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(docs.len(), 2);
        let f = &docs[0];
        assert_eq!(f.number, "F-2026-050");
        assert_eq!(f.amount_due, Money::from_cents(45_000));
        assert_eq!(f.total_ht, Some(Money::from_cents(37_500)));
        assert_eq!(f.due_from, DueFrom::DueDate);
        assert_eq!(f.buyer.siren.as_deref(), Some("552100554"));
        let av = &docs[1];
        assert_eq!(
            (av.kind, av.amount_due),
            (DocumentKind::CreditNote, Money::from_cents(12_000))
        );
        assert_eq!(av.due_from, DueFrom::Default);
    }

    #[test]
    fn unknown_headers_are_named_in_the_error() {
        let err = read("x.csv", b"foo,bar\n1,2\n")
            .err()
            .map(|e| e.message)
            .unwrap_or_default();
        assert!(
            err.contains("«\u{a0}foo\u{a0}»") && err.contains("Numéro"),
            "{err}"
        );
    }
}
