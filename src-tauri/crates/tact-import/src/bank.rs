//! Bank statements: OFX (1.x SGML and 2.x XML, by the `ofx-rs` crate), CAMT.053 (ISO 20022 bank-to-customer
//! statement, versions 001.02 to 001.08), CFONB 120 (the French banks' fixed-width statement: records 01, 04 and
//! their 05 complements, 07) and the CSV exports of French banks (`;` or `,`, decimal comma,
//! dd/mm/yyyy, one signed amount or separate debit and credit columns, UTF-8 or Windows-1252).
//!
//! Only credits matter to Tact (money coming in); debits are counted and otherwise ignored. A statement in another
//! currency than the euro is refused.

use crate::xml::{at, child, children, text_at};
use crate::{file_error, text};
use chrono::NaiveDate;
use serde::Serialize;
use tact_core::money::Money;
use tact_core::{Error, ErrorCode, Result};

/// The format a statement was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StatementFormat {
    Ofx,
    Camt053,
    Csv,
    /// The French fixed-width statement (CFONB 120 characters).
    Cfonb120,
}

/// One credit on a statement, as the bank states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BankCredit {
    /// The account credited (IBAN or account number), when the statement says.
    pub account: String,
    /// Booking date.
    pub date: NaiveDate,
    /// Always positive.
    pub amount: Money,
    /// What the statement shows: the label, the payer's name and the remittance information, as one text.
    pub label: String,
    /// The payer (OFX NAME, CAMT Dbtr/Nm).
    pub payer: Option<String>,
    pub payer_iban: Option<String>,
    /// Remittance information (structured reference or free text).
    pub reference: Option<String>,
    /// The bank's own id for the transaction (OFX FITID, CAMT AcctSvcrRef / TxId), when given.
    pub bank_id: Option<String>,
    /// The payment method Tact records: `virement`, `prelevement`, `carte`, `cheque`, `especes` or `autre`.
    pub method: String,
}

/// A statement: its credits, and how many debits it skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Statement {
    pub format: StatementFormat,
    pub account: String,
    pub credits: Vec<BankCredit>,
    pub debits: usize,
    /// The named bank whose CSV layout was recognised, if any.
    pub bank: Option<String>,
}

fn eur(file: &str, currency: &str) -> Result<()> {
    if currency.trim().eq_ignore_ascii_case("EUR") || currency.trim().is_empty() {
        Ok(())
    } else {
        Err(Error::field(
            ErrorCode::UnsupportedCurrency,
            "currency",
            format!(
                "{file}\u{a0}: relevé d'un compte en {}\u{a0}; Tact ne suit pour l'instant que les comptes en euros (EUR).",
                currency.trim()
            ),
        ))
    }
}

fn join_label(parts: &[Option<&str>]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for p in parts.iter().flatten() {
        let p = p.trim();
        if !p.is_empty() && !out.contains(&p) {
            out.push(p);
        }
    }
    out.join(" · ")
}

/// Reads a statement (by its content): OFX, CAMT.053 or CSV.
pub fn read_statement(file: &str, bytes: &[u8]) -> Result<Statement> {
    read_statement_with(file, bytes, &[])
}

/// Reads a statement; a CSV file is read with the first of `mappings` that fits its columns, else a named
/// bank's layout, else its headers' names.
pub fn read_statement_with(
    file: &str,
    bytes: &[u8],
    mappings: &[StatementMapping],
) -> Result<Statement> {
    crate::check_size(file, u64::try_from(bytes.len()).unwrap_or(u64::MAX))?;
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"%PDF")
        || bytes.starts_with(b"\xD0\xCF\x11\xE0")
    {
        return Err(file_error(
            ErrorCode::UnreadableFile,
            file,
            "ce n'est pas un relevé (OFX, CAMT.053 ou CSV) mais un classeur ou un PDF\u{a0}: exportez le relevé depuis votre banque au format CSV, OFX ou CAMT.053.",
        ));
    }
    let head = String::from_utf8_lossy(bytes.get(..512).unwrap_or(bytes)).to_uppercase();
    if head.contains("OFXHEADER") || head.contains("<OFX>") {
        read_ofx(file, bytes)
    } else if head
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
    {
        read_camt(file, bytes)
    } else if is_cfonb(bytes) {
        read_cfonb(file, bytes)
    } else {
        read_csv(file, bytes, mappings)
    }
}

// ---------------------------------------------------------------------------------------------------- CFONB 120

/// A CFONB 120 statement: its first line a record 01 (or 04) of 120 characters, and its lines of at most 120
/// characters (some banks drop the trailing blanks) starting with a two-digit record code.
fn is_cfonb(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes)).into_owned();
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let coded = |l: &&str| {
        l.chars().count() <= 120
            && l.get(..2)
                .is_some_and(|c| c.chars().all(|x| x.is_ascii_digit()))
    };
    lines
        .first()
        .is_some_and(|l| (l.starts_with("01") || l.starts_with("04")) && l.chars().count() == 120)
        && lines.iter().all(coded)
}

/// A CFONB amount: 13 digits and a last character giving the last digit and the sign ({ A–I positive, } J–R
/// negative), with `decimals` decimals; in cents.
fn cfonb_amount(field: &str, decimals: u32) -> Option<Money> {
    let digits: String = field.get(..13)?.to_owned();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let last = field.chars().nth(13)?;
    let (d, negative) = match last {
        '{' => (0, false),
        '}' => (0, true),
        'A'..='I' => ("ABCDEFGHI".find(last)?.saturating_add(1), false),
        'J'..='R' => ("JKLMNOPQR".find(last)?.saturating_add(1), true),
        _ => return None,
    };
    let whole: i64 = format!("{digits}{d}").parse().ok()?;
    let cents = match decimals {
        0 => whole.checked_mul(100)?,
        1 => whole.checked_mul(10)?,
        2 => whole,
        3 => whole.checked_div(10)?,
        _ => return None,
    };
    Some(Money::from_cents(if negative {
        cents.checked_neg()?
    } else {
        cents
    }))
}

fn cfonb_date(field: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(field, "%d%m%y").ok()
}

fn read_cfonb(file: &str, bytes: &[u8]) -> Result<Statement> {
    let text = crate::csv_invoices::decode(bytes);
    let bad = |n: usize, what: &str| {
        file_error(
            ErrorCode::UnreadableFile,
            file,
            format!("relevé CFONB 120, ligne {n}\u{a0}: {what}."),
        )
    };
    let mut account = String::new();
    let mut credits: Vec<BankCredit> = Vec::new();
    let mut debits = 0usize;
    // The last movement read was a credit: its complement lines (05) belong to it.
    let mut last_is_credit = false;
    for (i, raw) in text.lines().enumerate() {
        let n = i.saturating_add(1);
        let line: String = format!("{:<120}", raw.trim_end_matches('\r'));
        let at = |a: usize, b: usize| line.get(a..b).unwrap_or("").trim().to_owned();
        match line.get(..2).unwrap_or("") {
            "01" => {
                eur(file, &at(16, 19))?;
                account = at(21, 32);
            }
            "04" => {
                eur(file, &at(16, 19))?;
                let decimals: u32 = at(19, 20).parse().unwrap_or(2);
                let amount = cfonb_amount(line.get(90..104).unwrap_or(""), decimals)
                    .ok_or_else(|| bad(n, "montant illisible"))?;
                if !amount.is_positive() {
                    debits = debits.saturating_add(1);
                    last_is_credit = false;
                    continue;
                }
                let date = cfonb_date(&at(34, 40))
                    .or_else(|| cfonb_date(&at(42, 48)))
                    .ok_or_else(|| bad(n, "date illisible"))?;
                let label = at(48, 79);
                let reference = Some(at(104, 120)).filter(|r| !r.is_empty());
                let entry = at(81, 88);
                credits.push(BankCredit {
                    account: at(21, 32),
                    date,
                    method: method_of_label(&label).into(),
                    label: join_label(&[Some(&label), reference.as_deref()]),
                    payer: None,
                    payer_iban: None,
                    reference,
                    bank_id: (!entry.is_empty()).then(|| format!("{date}-{entry}")),
                    amount,
                });
                last_is_credit = true;
            }
            "05" => {
                let Some(c) = credits.last_mut().filter(|_| last_is_credit) else {
                    continue;
                };
                let info = at(48, 118);
                if info.is_empty() {
                    continue;
                }
                match at(45, 48).as_str() {
                    "NPY" => c.payer = Some(info.clone()),
                    "RCN" | "REF" => c.reference = Some(info.clone()),
                    _ => {}
                }
                c.label = join_label(&[Some(&c.label), Some(&info)]);
            }
            "07" | "" => {}
            other => {
                return Err(bad(
                    n,
                    &format!("type d'enregistrement «\u{a0}{other}\u{a0}» inconnu"),
                ))
            }
        }
    }
    Ok(Statement {
        format: StatementFormat::Cfonb120,
        account,
        credits,
        debits,
        bank: None,
    })
}

// ---------------------------------------------------------------------------------------------------- OFX

fn ofx_method(t: &str) -> &'static str {
    match t {
        "CHECK" => "cheque",
        "DIRECTDEBIT" | "DIRECTDEP" | "DIRECTDEPOSIT" => "prelevement",
        "POS" | "ATM" => "carte",
        "CASH" => "especes",
        "XFER" | "TRANSFER" | "CREDIT" | "DEP" | "DEPOSIT" | "PAYMENT" => "virement",
        _ => "autre",
    }
}

fn read_ofx(file: &str, bytes: &[u8]) -> Result<Statement> {
    let content = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    };
    let doc = ofx_rs::parse(&content).map_err(|e| {
        file_error(
            ErrorCode::UnreadableFile,
            file,
            format!("relevé OFX illisible ou incomplet ({e})."),
        )
    })?;
    let banking = doc.banking().ok_or_else(|| {
        file_error(
            ErrorCode::NotAnInvoice,
            file,
            "ce fichier OFX ne contient pas de relevé de compte bancaire.",
        )
    })?;
    let mut credits = Vec::new();
    let mut debits = 0usize;
    let mut account = String::new();
    for wrapper in banking.statement_responses() {
        let Some(stmt) = wrapper.response() else {
            continue;
        };
        eur(file, stmt.currency_default().as_str())?;
        account = stmt.bank_account().account_id().as_str().to_owned();
        let Some(list) = stmt.transaction_list() else {
            continue;
        };
        for t in list.transactions() {
            let amount = Money::from_decimal(t.amount().as_decimal()).map_err(|_| {
                file_error(
                    ErrorCode::InvalidAmount,
                    file,
                    "montant d'opération illisible.",
                )
            })?;
            if !amount.is_positive() {
                debits = debits.saturating_add(1);
                continue;
            }
            let d = t.date_posted().as_offset_date_time().date();
            let date = NaiveDate::from_ymd_opt(
                d.year(),
                u32::from(u8::from(d.month())),
                u32::from(d.day()),
            )
            .ok_or_else(|| {
                file_error(ErrorCode::InvalidDate, file, "date d'opération illisible.")
            })?;
            let kind = format!("{:?}", t.transaction_type()).to_uppercase();
            credits.push(BankCredit {
                account: account.clone(),
                date,
                amount,
                label: join_label(&[t.name(), t.memo()]),
                payer: text(t.name()),
                payer_iban: None,
                reference: text(t.memo()),
                bank_id: Some(t.fit_id().as_str().to_owned()),
                method: ofx_method(&kind).into(),
            });
        }
    }
    Ok(Statement {
        format: StatementFormat::Ofx,
        account,
        credits,
        debits,
        bank: None,
    })
}

// ---------------------------------------------------------------------------------------------------- CAMT.053

const CAMT_PREFIX: &str = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.";

fn camt_method(family: Option<&str>, sub: Option<&str>) -> &'static str {
    match (family, sub) {
        (Some("RDDT"), _) | (_, Some("PMDD")) | (_, Some("BBDD")) => "prelevement",
        (Some("RCCN"), _) | (_, Some("CCHQ")) => "cheque",
        (Some("CCRD"), _) | (_, Some("POSD")) => "carte",
        (Some("RCDT"), _) | (Some("ICDT"), _) => "virement",
        _ => "virement",
    }
}

fn read_camt(file: &str, bytes: &[u8]) -> Result<Statement> {
    let content = crate::xml::decode(file, bytes)?;
    let tree = crate::xml::parse(file, &content)?;
    let root = tree.root_element();
    let ns = root.tag_name().namespace().unwrap_or("");
    let version = ns.strip_prefix(CAMT_PREFIX).ok_or_else(|| {
        file_error(
            ErrorCode::NotAnInvoice,
            file,
            format!("ce XML n'est pas un relevé CAMT.053 (espace de noms «\u{a0}{ns}\u{a0}»)."),
        )
    })?;
    if !matches!(version, "02" | "03" | "04" | "05" | "06" | "07" | "08") {
        return Err(file_error(
            ErrorCode::NotAnInvoice,
            file,
            format!("relevé CAMT.053 en version 001.{version}, que Tact ne lit pas (versions 001.02 à 001.08)."),
        ));
    }
    let n = |name: &'static str| (ns, name);
    let report = child(root, ns, "BkToCstmrStmt")
        .ok_or_else(|| crate::missing(file, "BkToCstmrStmt", "le relevé"))?;
    let mut credits = Vec::new();
    let mut debits = 0usize;
    let mut account = String::new();
    for stmt in children(report, ns, "Stmt") {
        account = text_at(stmt, &[n("Acct"), n("Id"), n("IBAN")])
            .or_else(|| text_at(stmt, &[n("Acct"), n("Id"), n("Othr"), n("Id")]))
            .unwrap_or_default();
        if let Some(c) = text_at(stmt, &[n("Acct"), n("Ccy")]) {
            eur(file, &c)?;
        }
        for entry in children(stmt, ns, "Ntry") {
            let credit = text_at(entry, &[n("CdtDbtInd")]).as_deref() == Some("CRDT");
            if !credit {
                debits = debits.saturating_add(1);
                continue;
            }
            if let Some(c) = at(entry, &[n("Amt")]).and_then(|a| a.attribute("Ccy")) {
                eur(file, c)?;
            }
            let amount = text_at(entry, &[n("Amt")])
                .ok_or_else(|| crate::missing(file, "Amt", "le montant d'une opération"))
                .and_then(|s| crate::xml_amount(file, "Amt", "Montant", &s))?;
            let date_text = text_at(entry, &[n("BookgDt"), n("Dt")])
                .or_else(|| text_at(entry, &[n("BookgDt"), n("DtTm")]))
                .or_else(|| text_at(entry, &[n("ValDt"), n("Dt")]))
                .ok_or_else(|| crate::missing(file, "BookgDt", "la date d'une opération"))?;
            let date =
                NaiveDate::parse_from_str(date_text.get(..10).unwrap_or(&date_text), "%Y-%m-%d")
                    .map_err(|_| {
                        file_error(
                            ErrorCode::InvalidDate,
                            file,
                            format!("date «\u{a0}{date_text}\u{a0}» illisible."),
                        )
                    })?;
            let family = text_at(entry, &[n("BkTxCd"), n("Domn"), n("Fmly"), n("Cd")]);
            let sub = text_at(entry, &[n("BkTxCd"), n("Domn"), n("Fmly"), n("SubFmlyCd")]);
            let tx = at(entry, &[n("NtryDtls"), n("TxDtls")]);
            let t = |path: &[(&str, &'static str)]| tx.and_then(|x| text_at(x, path));
            let payer = t(&[n("RltdPties"), n("Dbtr"), n("Nm")])
                .or_else(|| t(&[n("RltdPties"), n("Dbtr"), n("Pty"), n("Nm")]));
            let payer_iban = t(&[n("RltdPties"), n("DbtrAcct"), n("Id"), n("IBAN")]);
            let ustrd: Vec<String> = tx
                .and_then(|x| at(x, &[n("RmtInf")]))
                .map(|r| {
                    children(r, ns, "Ustrd")
                        .filter_map(|u| text(u.text()))
                        .collect()
                })
                .unwrap_or_default();
            let strd = t(&[n("RmtInf"), n("Strd"), n("CdtrRefInf"), n("Ref")]);
            let reference = strd
                .clone()
                .or_else(|| (!ustrd.is_empty()).then(|| ustrd.join(" ")));
            let info = text_at(entry, &[n("AddtlNtryInf")]);
            credits.push(BankCredit {
                account: account.clone(),
                date,
                amount,
                label: join_label(&[info.as_deref(), payer.as_deref(), reference.as_deref()]),
                payer,
                payer_iban,
                reference,
                bank_id: text_at(entry, &[n("AcctSvcrRef")])
                    .or_else(|| t(&[n("Refs"), n("AcctSvcrRef")]))
                    .or_else(|| t(&[n("Refs"), n("TxId")]))
                    .or_else(|| t(&[n("Refs"), n("EndToEndId")]).filter(|e| e != "NOTPROVIDED")),
                method: camt_method(family.as_deref(), sub.as_deref()).into(),
            });
        }
    }
    Ok(Statement {
        format: StatementFormat::Camt053,
        account,
        credits,
        debits,
        bank: None,
    })
}

// ---------------------------------------------------------------------------------------------------- CSV

fn norm(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            'à' | 'â' => 'a',
            'ô' => 'o',
            'û' | 'ù' => 'u',
            'ç' => 'c',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A column of a statement CSV, for the mapping of an unknown layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StatementField {
    Date,
    Label,
    /// A second label column (the detail of the operation), joined to the first.
    Detail,
    /// One signed amount (credits positive).
    Amount,
    Credit,
    Debit,
    Reference,
    Id,
    Currency,
}

/// Which column holds which field, for a statement layout Tact does not know; saved as a preset once used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatementMapping {
    /// (field, header as written in the file; « Colonne 3 » for a file without headers).
    pub columns: Vec<(StatementField, String)>,
}

impl StatementMapping {
    /// Every header it names is in the file, and it names a date, a label and an amount or a credit.
    pub fn fits(&self, headers: &[String]) -> bool {
        let has = |f: StatementField| self.columns.iter().any(|(k, _)| *k == f);
        self.columns.iter().all(|(_, h)| headers.contains(h))
            && has(StatementField::Date)
            && has(StatementField::Label)
            && (has(StatementField::Amount) || has(StatementField::Credit))
    }
}

/// A named bank's export: its columns by their headers (normalised) or, for a file without headers, by
/// « colonne N ». Layouts as these banks export them from their web banking (the headers users publish with
/// their exports); anything else is read by header names, or mapped once by the user.
struct Preset {
    bank: &'static str,
    columns: &'static [(StatementField, &'static str)],
}

const PRESETS: &[Preset] = {
    use StatementField::*;
    &[
        Preset {
            bank: "Qonto",
            columns: &[
                (Date, "settlement date utc"),
                (Label, "counterparty name"),
                (Amount, "total amount incl vat"),
                (Currency, "currency"),
                (Reference, "reference"),
                (Id, "transaction id"),
            ],
        },
        Preset {
            bank: "Qonto",
            columns: &[
                (Date, "date de reglement utc"),
                (Label, "nom de la contrepartie"),
                (Amount, "montant total ttc"),
                (Currency, "devise"),
                (Reference, "reference"),
                (Id, "id de la transaction"),
            ],
        },
        Preset {
            bank: "Shine",
            columns: &[
                (Date, "date de la transaction"),
                (Label, "libelle"),
                (Detail, "nom de la contrepartie"),
                (Amount, "montant"),
                (Currency, "devise"),
                (Id, "identifiant de la transaction"),
            ],
        },
        Preset {
            bank: "BNP Paribas",
            columns: &[
                (Date, "date operation"),
                (Label, "libelle court"),
                (Detail, "libelle operation"),
                (Amount, "montant operation"),
            ],
        },
        Preset {
            bank: "Crédit Agricole",
            columns: &[
                (Date, "date"),
                (Label, "libelle"),
                (Debit, "debit euros"),
                (Credit, "credit euros"),
            ],
        },
        Preset {
            bank: "Société Générale",
            columns: &[
                (Date, "date de l operation"),
                (Label, "libelle"),
                (Detail, "detail de l ecriture"),
                (Amount, "montant de l operation"),
                (Currency, "devise"),
            ],
        },
        Preset {
            bank: "La Banque Postale",
            columns: &[
                (Date, "date"),
                (Label, "libelle"),
                (Amount, "montant euros"),
            ],
        },
        Preset {
            bank: "Boursorama",
            columns: &[
                (Date, "dateop"),
                (Label, "label"),
                (Amount, "amount"),
                (Reference, "comment"),
            ],
        },
        Preset {
            bank: "Crédit Mutuel / CIC",
            columns: &[
                (Date, "date"),
                (Label, "libelle"),
                (Debit, "debit"),
                (Credit, "credit"),
            ],
        },
        // LCL: no header line; date, signed amount, type, cheque number, label, detail.
        Preset {
            bank: "LCL",
            columns: &[
                (Date, "colonne 1"),
                (Amount, "colonne 2"),
                (Reference, "colonne 4"),
                (Label, "colonne 5"),
                (Detail, "colonne 6"),
            ],
        },
    ]
};

/// Where each field is in a CSV file's records.
#[derive(Debug, Default)]
struct Layout {
    date: usize,
    label: usize,
    detail: Option<usize>,
    amount: Option<usize>,
    credit: Option<usize>,
    debit: Option<usize>,
    reference: Option<usize>,
    id: Option<usize>,
    currency: Option<usize>,
}

impl Layout {
    /// From (field, column) pairs: a date, a label and an amount or a credit are required.
    fn of(pairs: &[(StatementField, usize)]) -> Option<Layout> {
        let get = |f: StatementField| pairs.iter().find(|(k, _)| *k == f).map(|(_, c)| *c);
        let l = Layout {
            date: get(StatementField::Date)?,
            label: get(StatementField::Label)?,
            detail: get(StatementField::Detail),
            amount: get(StatementField::Amount),
            credit: get(StatementField::Credit),
            debit: get(StatementField::Debit),
            reference: get(StatementField::Reference),
            id: get(StatementField::Id),
            currency: get(StatementField::Currency),
        };
        (l.amount.is_some() || l.credit.is_some()).then_some(l)
    }
}

/// The headers' names Tact recognises in any bank's export, by field.
const SYNONYMS: &[(StatementField, &[&str])] = {
    use StatementField::*;
    &[
        (
            Date,
            &[
                "date operation",
                "date d operation",
                "date de l operation",
                "date",
                "date comptable",
                "date de comptabilisation",
                "settlement date utc",
                "operation date utc",
                "date de la transaction",
                "dateop",
                "date de valeur",
            ],
        ),
        (
            Label,
            &[
                "libelle",
                "libelle operation",
                "libelle de l operation",
                "libelle court",
                "description",
                "label",
                "intitule",
                "nature de l operation",
                "counterparty name",
                "nom de la contrepartie",
                "detail",
            ],
        ),
        (
            Amount,
            &[
                "montant",
                "montant eur",
                "montant euros",
                "montant en euros",
                "montant operation",
                "montant de l operation",
                "amount",
                "total amount incl vat",
                "amount incl vat",
                "montant total ttc",
                "somme",
            ],
        ),
        (
            Credit,
            &[
                "credit",
                "credit eur",
                "credits",
                "montant credit",
                "credit euros",
            ],
        ),
        (
            Debit,
            &[
                "debit",
                "debit eur",
                "debits",
                "montant debit",
                "debit euros",
            ],
        ),
        (Currency, &["devise", "currency"]),
        (
            Reference,
            &[
                "reference",
                "ref",
                "informations complementaires",
                "comment",
            ],
        ),
        (
            Id,
            &[
                "transaction id",
                "id",
                "identifiant",
                "identifiant de la transaction",
                "numero d operation",
            ],
        ),
    ]
};

/// How the file's headers are read: a mapping the user gave (or saved), a named bank's preset, or the headers'
/// names; `None` when nothing fits (the mapping screen then asks).
fn layout_of(
    headers: &[String],
    mappings: &[StatementMapping],
) -> Option<(Layout, Option<&'static str>)> {
    for m in mappings.iter().filter(|m| m.fits(headers)) {
        let pairs: Vec<(StatementField, usize)> = m
            .columns
            .iter()
            .filter_map(|(f, h)| headers.iter().position(|x| x == h).map(|c| (*f, c)))
            .collect();
        if let Some(l) = Layout::of(&pairs) {
            return Some((l, None));
        }
    }
    let normed: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    for p in PRESETS {
        let pairs: Option<Vec<(StatementField, usize)>> = p
            .columns
            .iter()
            .map(|(f, h)| normed.iter().position(|x| x == h).map(|c| (*f, c)))
            .collect();
        if let Some(l) = pairs.as_deref().and_then(Layout::of) {
            return Some((l, Some(p.bank)));
        }
    }
    let mut pairs = Vec::new();
    for (field, names) in SYNONYMS {
        let taken: Vec<usize> = pairs.iter().map(|(_, c)| *c).collect();
        if let Some(c) = names.iter().find_map(|n| {
            normed
                .iter()
                .enumerate()
                .position(|(i, h)| h == n && !taken.contains(&i))
        }) {
            pairs.push((*field, c));
        }
    }
    Layout::of(&pairs).map(|l| (l, None))
}

/// Whether a field looks like a date (a file without a header line starts with one).
fn looks_like_date(s: &str) -> bool {
    csv_date(s).is_some()
}

/// A statement's date: dd/mm/yyyy, yyyy-mm-dd, dd-mm-yyyy, dd.mm.yyyy or dd/mm/yy, a time after it ignored.
fn csv_date(s: &str) -> Option<NaiveDate> {
    let d = s.trim().split([' ', 'T']).next().unwrap_or("");
    ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(d, f).ok())
        .filter(|x| {
            use chrono::Datelike;
            (1990..=2999).contains(&x.year())
        })
}

/// The file's decimal separator, from its amounts: a comma unless they are written with a dot before two final
/// digits (« 300.00 ») and never with a comma so placed.
fn decimal_of<'a>(values: impl Iterator<Item = &'a str>) -> char {
    let (mut comma, mut dot) = (0usize, 0usize);
    for v in values {
        let v = v.trim().trim_end_matches('€').trim();
        let tail = |sep: char| {
            v.rfind(sep).is_some_and(|p| {
                v.len().saturating_sub(p) == 3
                    && v[p.saturating_add(1)..].chars().all(|c| c.is_ascii_digit())
            })
        };
        if tail(',') {
            comma = comma.saturating_add(1);
        } else if tail('.') {
            dot = dot.saturating_add(1);
        }
    }
    if dot > 0 && comma == 0 {
        '.'
    } else {
        ','
    }
}

fn csv_amount(file: &str, line: usize, what: &str, s: &str, decimal: char) -> Result<Money> {
    let thousands = if decimal == ',' { '.' } else { ',' };
    let t: String = s
        .trim()
        .trim_end_matches('€')
        .trim()
        .replace(['\u{a0}', '\u{202f}'], " ")
        .chars()
        .filter(|c| *c != thousands)
        .collect();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r.trim().to_owned()),
        None => (false, t.trim_start_matches('+').to_owned()),
    };
    let m = tact_core::money::parse_amount("amount", what, &t).map_err(|e| {
        Error::field(
            e.code,
            "amount",
            format!("{file}, ligne {line}\u{a0}: {}", e.message),
        )
    })?;
    Ok(if neg {
        Money::from_cents(m.cents().saturating_neg())
    } else {
        m
    })
}

/// The payment method a bank's label says: PRLV (prélèvement), CHQ or REM (chèque), CB (carte), else virement.
fn method_of_label(label: &str) -> &'static str {
    let up = label.to_uppercase();
    if up.contains("PRLV") || up.contains("PRELEVEMENT") || up.contains("PRÉLÈVEMENT") {
        "prelevement"
    } else if up.contains("CHQ")
        || up.contains("CHEQUE")
        || up.contains("CHÈQUE")
        || up.starts_with("REM")
    {
        "cheque"
    } else if up.contains("CB ") || up.starts_with("CB") || up.contains("CARTE") {
        "carte"
    } else {
        "virement"
    }
}

/// The separator of a line: the most frequent of `;`, tab and `,`.
fn separator(line: &str) -> u8 {
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|c| line.matches(char::from(*c)).count())
        .unwrap_or(b';')
}

fn split_line(line: &str, sep: u8) -> Vec<String> {
    csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .and_then(|r| r.ok())
        .map(|r| r.iter().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The table of a statement CSV: the line its header is on (or its first record, without one), its headers, and
/// how it is read.
struct Table {
    start: usize,
    headers: Vec<String>,
    has_header: bool,
    layout: Layout,
    bank: Option<&'static str>,
}

/// Where the table starts and its headers: the first of the first 40 lines whose headers a layout reads (banks
/// put account details above it), else a file without headers (« Colonne 1 », « Colonne 2 »…) when its first line
/// starts with a date. `Err` with the best candidate headers, for the mapping screen.
fn table_start(
    text: &str,
    mappings: &[StatementMapping],
) -> std::result::Result<Table, Vec<String>> {
    let mut candidate: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate().take(40) {
        let fields = split_line(line, separator(line));
        if fields.len() < 3 {
            continue;
        }
        if fields.first().is_some_and(|f| looks_like_date(f)) {
            // Data reached under a header line no layout reads: that line's headers, for the mapping.
            if !candidate.is_empty() {
                break;
            }
            let synthetic: Vec<String> = (1..=fields.len().max(6))
                .map(|n| format!("Colonne {n}"))
                .collect();
            if let Some((l, bank)) = layout_of(&synthetic, mappings) {
                return Ok(Table {
                    start: i,
                    headers: synthetic,
                    has_header: false,
                    layout: l,
                    bank,
                });
            }
            if candidate.is_empty() {
                candidate = synthetic;
            }
            break;
        }
        if let Some((l, bank)) = layout_of(&fields, mappings) {
            return Ok(Table {
                start: i,
                headers: fields,
                has_header: true,
                layout: l,
                bank,
            });
        }
        if candidate.is_empty() {
            candidate = fields;
        }
    }
    Err(candidate)
}

/// The headers of a statement CSV that Tact could not read, for the mapping screen (« Colonne N » for a file
/// without headers).
pub fn statement_headers(bytes: &[u8]) -> Vec<String> {
    let text = crate::csv_invoices::decode(bytes);
    match table_start(&text, &[]) {
        Ok(t) => t.headers,
        Err(h) => h,
    }
}

fn read_csv(file: &str, bytes: &[u8], mappings: &[StatementMapping]) -> Result<Statement> {
    let text = crate::csv_invoices::decode(bytes);
    let Table {
        start,
        has_header,
        layout,
        bank,
        ..
    } = table_start(&text, mappings).map_err(|hs| {
        Error::field(
            ErrorCode::NotAnInvoice,
            "mapping",
            format!(
                "{file}\u{a0}: colonnes du relevé non reconnues (il faut au moins une date, un libellé et un montant)\u{a0}; en-têtes\u{a0}: {}.",
                hs.iter().map(|h| format!("«\u{a0}{h}\u{a0}»")).collect::<Vec<_>>().join(", ")
            ),
        )
    })?;
    let body: String = text.lines().skip(start).collect::<Vec<_>>().join("\n");
    let sep = separator(body.lines().next().unwrap_or(""));
    let mut r = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(has_header)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(body.as_bytes());
    let mut records = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let line = i
            .saturating_add(start)
            .saturating_add(if has_header { 2 } else { 1 });
        let rec = rec.map_err(|e| {
            file_error(
                ErrorCode::UnreadableFile,
                file,
                format!("ligne {line} illisible ({e})."),
            )
        })?;
        records.push((line, rec));
    }
    let decimal = decimal_of(records.iter().flat_map(|(_, rec)| {
        [layout.amount, layout.credit, layout.debit]
            .into_iter()
            .flatten()
            .filter_map(|c| rec.get(c))
    }));
    let mut credits = Vec::new();
    let mut debits = 0usize;
    for (line, rec) in &records {
        let line = *line;
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let Some(d) = get(Some(layout.date)) else {
            continue;
        };
        if let Some(c) = get(layout.currency) {
            eur(file, c)?;
        }
        let value = match (get(layout.credit), get(layout.amount)) {
            (Some(c), _) => csv_amount(file, line, "Crédit", c, decimal)?,
            (None, Some(a)) => csv_amount(file, line, "Montant", a, decimal)?,
            (None, None) => {
                if get(layout.debit).is_some() {
                    debits = debits.saturating_add(1);
                }
                continue;
            }
        };
        if !value.is_positive() {
            debits = debits.saturating_add(1);
            continue;
        }
        let date = csv_date(d).ok_or_else(|| {
            Error::field(
                ErrorCode::InvalidDate,
                "date",
                format!(
                    "{file}, ligne {line}\u{a0}: «\u{a0}{d}\u{a0}» n'est pas une date (ex.\u{a0}: 23/11/2026)."
                ),
            )
        })?;
        let lab = get(Some(layout.label)).unwrap_or_default();
        let method = method_of_label(lab);
        credits.push(BankCredit {
            account: String::new(),
            date,
            amount: value,
            label: join_label(&[Some(lab), get(layout.detail), get(layout.reference)]),
            payer: None,
            payer_iban: None,
            reference: get(layout.reference).map(str::to_owned),
            bank_id: get(layout.id).map(str::to_owned),
            method: method.into(),
        });
    }
    Ok(Statement {
        format: StatementFormat::Csv,
        account: String::new(),
        credits,
        debits,
        bank: bank.map(str::to_owned),
    })
}
