//! Bank statements: OFX (1.x SGML and 2.x XML, by the `ofx-rs` crate), CAMT.053 (ISO 20022 bank-to-customer
//! statement, versions 001.02 to 001.08) and the CSV exports of French banks (`;` or `,`, decimal comma,
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
    crate::check_size(file, u64::try_from(bytes.len()).unwrap_or(u64::MAX))?;
    let head = String::from_utf8_lossy(bytes.get(..512).unwrap_or(bytes)).to_uppercase();
    if head.contains("OFXHEADER") || head.contains("<OFX>") {
        read_ofx(file, bytes)
    } else if head
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
    {
        read_camt(file, bytes)
    } else {
        read_csv(file, bytes)
    }
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

fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    names
        .iter()
        .find_map(|n| headers.iter().position(|h| norm(h) == *n))
}

fn csv_amount(file: &str, line: usize, what: &str, s: &str) -> Result<Money> {
    let t = s
        .trim()
        .trim_end_matches('€')
        .trim()
        .replace(['\u{a0}', '\u{202f}'], " ");
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

fn read_csv(file: &str, bytes: &[u8]) -> Result<Statement> {
    let text = crate::csv_invoices::decode(bytes);
    // Some banks put a few lines of account information before the table: start at the first line that has a
    // date header.
    let start = text
        .lines()
        .position(|l| norm(l).contains("date"))
        .unwrap_or(0);
    let body: String = text.lines().skip(start).collect::<Vec<_>>().join("\n");
    let head = body.lines().next().unwrap_or("");
    let sep = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|c| head.matches(char::from(*c)).count())
        .unwrap_or(b';');
    let mut r = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(body.as_bytes());
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
    let date = find(
        &hs,
        &[
            "date operation",
            "date d operation",
            "date",
            "date comptable",
            "date de comptabilisation",
            "settlement date utc",
            "operation date utc",
            "date de valeur",
        ],
    );
    let label = find(
        &hs,
        &[
            "libelle",
            "libelle operation",
            "libelle de l operation",
            "description",
            "label",
            "intitule",
            "nature de l operation",
            "counterparty name",
            "detail",
        ],
    );
    let amount = find(
        &hs,
        &[
            "montant",
            "montant eur",
            "montant en euros",
            "amount",
            "total amount incl vat",
            "amount incl vat",
            "somme",
        ],
    );
    let credit = find(
        &hs,
        &[
            "credit",
            "credit eur",
            "credits",
            "montant credit",
            "credit euros",
        ],
    );
    let debit = find(
        &hs,
        &[
            "debit",
            "debit eur",
            "debits",
            "montant debit",
            "debit euros",
        ],
    );
    let currency = find(&hs, &["devise", "currency"]);
    let reference = find(
        &hs,
        &[
            "reference",
            "ref",
            "informations complementaires",
            "reference",
        ],
    );
    let id = find(
        &hs,
        &["transaction id", "id", "identifiant", "numero d operation"],
    );
    let (Some(date), Some(label)) = (date, label) else {
        return Err(Error::field(
            ErrorCode::NotAnInvoice,
            "mapping",
            format!(
                "{file}\u{a0}: colonnes du relevé non reconnues (il faut au moins une date, un libellé et un montant)\u{a0}; en-têtes\u{a0}: {}.",
                hs.iter().map(|h| format!("«\u{a0}{h}\u{a0}»")).collect::<Vec<_>>().join(", ")
            ),
        ));
    };
    if amount.is_none() && credit.is_none() {
        return Err(Error::field(
            ErrorCode::NotAnInvoice,
            "mapping",
            format!("{file}\u{a0}: aucune colonne de montant ni de crédit dans ce relevé."),
        ));
    }
    let mut credits = Vec::new();
    let mut debits = 0usize;
    for (i, rec) in r.records().enumerate() {
        let line = i.saturating_add(start).saturating_add(2);
        let rec = rec.map_err(|e| {
            file_error(
                ErrorCode::UnreadableFile,
                file,
                format!("ligne {line} illisible ({e})."),
            )
        })?;
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let Some(d) = get(Some(date)) else { continue };
        if let Some(c) = get(currency) {
            eur(file, c)?;
        }
        let value = match (get(credit), get(amount)) {
            (Some(c), _) => csv_amount(file, line, "Crédit", c)?,
            (None, Some(a)) => csv_amount(file, line, "Montant", a)?,
            (None, None) => {
                if get(debit).is_some() {
                    debits = debits.saturating_add(1);
                }
                continue;
            }
        };
        if !value.is_positive() {
            debits = debits.saturating_add(1);
            continue;
        }
        let date =
            tact_core::text::parse_date("date", "Date", d.get(..10).unwrap_or(d)).map_err(|e| {
                Error::field(
                    e.code,
                    "date",
                    format!("{file}, ligne {line}\u{a0}: {}", e.message),
                )
            })?;
        let lab = get(Some(label)).unwrap_or_default();
        let up = lab.to_uppercase();
        let method =
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
            };
        credits.push(BankCredit {
            account: String::new(),
            date,
            amount: value,
            label: join_label(&[Some(lab), get(reference)]),
            payer: None,
            payer_iban: None,
            reference: get(reference).map(str::to_owned),
            bank_id: get(id).map(str::to_owned),
            method: method.into(),
        });
    }
    Ok(Statement {
        format: StatementFormat::Csv,
        account: String::new(),
        credits,
        debits,
    })
}
