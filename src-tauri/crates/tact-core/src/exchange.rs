//! The whole ledger as one JSON document: the user's way out, backups, and our test fixtures.
//! The format is documented in docs/data-format.md; `format` and `version` identify it.
//!
//! An import goes into an empty ledger only, keeps every id, runs every record through the same validation as
//! the app's forms and the same ledger checks, and happens in one transaction: all or nothing.

use crate::error::{Error, ErrorCode, Result};
use crate::input::{BusinessInput, ClientInput, CreditNoteInput, InvoiceInput, JournalInput};
use crate::ledger::{checks, Ledger};
use crate::letters::{LetterRecord, MailingInput};
use crate::model::{Business, Client, CreditNote, Invoice, JournalEntry, JournalKind, Payment};
use crate::money::Money;
use crate::plans::Plan;
use crate::storage as db;
use serde::{Deserialize, Serialize};

pub const FORMAT_NAME: &str = "tact-ledger";
/// 2: the payment calendars and the archived letters' records are part of the ledger (version 1 files, without
/// them, still import). 3: a payment recorded by mistake can be reversed (`payments[].reversed`); an older Tact
/// would count it, so it refuses the file.
pub const FORMAT_VERSION: u32 = 3;

/// The whole ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LedgerExport {
    pub format: String,
    pub version: u32,
    pub business: Option<Business>,
    pub clients: Vec<Client>,
    pub invoices: Vec<Invoice>,
    pub payments: Vec<Payment>,
    pub credit_notes: Vec<CreditNote>,
    pub journal: Vec<JournalEntry>,
    /// The ladder's settings, when the user changed them (absent: the defaults). Added in Tact 0.1 without a
    /// format change: older files simply lack it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<crate::engine::Policy>,
    /// Per-client exceptions (pause, call first), by client id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<ClientOverridesRecord>,
    /// Payment calendars, every version (revisions keep the one they replace), with their invoices as they stood,
    /// their instalments and their signature. Version 2.
    #[serde(default)]
    pub plans: Vec<Plan>,
    /// The archived letters' records: file name and SHA-256 of the PDF, LRAR number, posting and AR dates.
    /// The PDFs themselves travel beside the JSON (`letters/` in a backup archive). Version 2.
    #[serde(default)]
    pub letters: Vec<LetterRecord>,
    /// The files invoices were imported from (e-invoices, CSV exports): record and documents; the bytes travel
    /// beside the JSON (`sources/<sha256>` in an archive). Added in version 2 without a format change: older
    /// files simply lack it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<crate::model::SourceRecord>,
    /// The bank statements' credits (open, accepted with their payment, or ignored), identity kept so that the
    /// next statement creates nothing twice. Added in version 2 without a format change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bank_lines: Vec<crate::model::BankLine>,
    /// « Ce libellé = ce client »: (label, client id).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bank_rules: Vec<(String, i64)>,
}

/// One client's exceptions to the policy, in an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientOverridesRecord {
    pub client_id: i64,
    #[serde(flatten)]
    pub overrides: crate::engine::ClientOverrides,
}

/// Counts of what an import wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub clients: usize,
    pub invoices: usize,
    pub payments: usize,
    pub credit_notes: usize,
    pub journal: usize,
    pub plans: usize,
    pub letters: usize,
    /// Source files (imported e-invoices) restored with their bytes.
    pub sources: usize,
}

impl Ledger {
    /// The whole ledger, every record with its id.
    pub fn export(&self) -> Result<LedgerExport> {
        let conn = self.read_conn();
        let mut clients = db::clients_all(conn)?;
        clients.sort_by_key(|c| c.id);
        Ok(LedgerExport {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            business: db::business_get(conn)?,
            clients,
            invoices: db::invoices_all(conn)?,
            payments: db::payments_all_with_reversed(conn)?,
            credit_notes: db::credit_notes_all(conn)?,
            journal: db::journal_all(conn)?,
            policy: match db::setting_get(conn, "policy")? {
                Some(_) => Some(self.policy()?),
                None => None,
            },
            overrides: {
                let mut all: Vec<ClientOverridesRecord> = db::overrides_all(conn)?
                    .into_iter()
                    .map(|(client_id, overrides)| ClientOverridesRecord {
                        client_id,
                        overrides,
                    })
                    .collect();
                all.sort_by_key(|o| o.client_id);
                all
            },
            plans: db::plans_all(conn)?,
            letters: db::letters_all(conn)?,
            sources: db::sources_export(conn)?,
            bank_lines: db::bank_lines(conn, None)?,
            bank_rules: db::bank_rules(conn)?,
        })
    }

    /// The bytes of the source file with this SHA-256 (for an export archive).
    pub fn source_content(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        db::source_content(self.read_conn(), sha256)
    }

    /// Import a whole ledger (parsed from JSON) into this empty ledger, all or nothing.
    pub fn import(&mut self, data: &LedgerExport) -> Result<ImportReport> {
        self.import_with_sources(data, &std::collections::BTreeMap::new())
    }

    /// Import a whole ledger with the bytes of its source files (by SHA-256, each checked against it). A source
    /// whose bytes are absent (a JSON document alone) is left out: its invoices are imported all the same.
    pub fn import_with_sources(
        &mut self,
        data: &LedgerExport,
        contents: &std::collections::BTreeMap<String, Vec<u8>>,
    ) -> Result<ImportReport> {
        if data.format != FORMAT_NAME {
            return Err(Error::new(
                ErrorCode::ImportFormat,
                format!(
                    "Ce fichier n'est pas un export Tact (format {:?}, attendu {FORMAT_NAME:?}).",
                    data.format
                ),
            ));
        }
        if data.version > FORMAT_VERSION {
            return Err(Error::new(
                ErrorCode::ImportFormat,
                format!(
                    "Ce fichier vient d'une version plus récente de Tact (format {}, cette version lit le format {FORMAT_VERSION}). Mettez Tact à jour.",
                    data.version
                ),
            ));
        }
        self.write(|tx| {
            if !db::ledger_is_empty(tx)? {
                return Err(Error::new(
                    ErrorCode::ImportNotEmpty,
                    "L'import remplit une base vide\u{a0}; celle-ci contient déjà des données. Choisissez un autre fichier de base (--db) ou exportez d'abord vos données.",
                ));
            }
            if let Some(b) = &data.business {
                let valid = BusinessInput::from(b).validate().map_err(|e| e.within("business"))?;
                db::business_put(tx, &valid)?;
            }
            let mut archived = Vec::new();
            for (i, c) in data.clients.iter().enumerate() {
                let at = format!("clients[{i}]");
                let mut valid = ClientInput::from(c).validate().map_err(|e| e.within(&at))?;
                positive_id(c.id, &at)?;
                // Archive after the invoices are in: an archived client refuses new invoices.
                valid.archived = false;
                db::client_insert(tx, &valid, Some(c.id)).map_err(|e| conflict(e, &at))?;
                if c.archived {
                    archived.push(c.id);
                }
            }
            let default_terms = checks::default_terms(tx)?;
            for (i, inv) in data.invoices.iter().enumerate() {
                let at = format!("invoices[{i}]");
                positive_id(inv.id, &at)?;
                let mut valid = InvoiceInput::from(inv).validate(default_terms).map_err(|e| e.within(&at))?;
                valid.id = inv.id;
                if valid.due_date != inv.due_date {
                    return Err(Error::field(
                        ErrorCode::ImportFormat,
                        "due_date",
                        format!("Échéance\u{a0}: {} ne correspond pas au délai «\u{a0}{}\u{a0}» (attendu {}).", inv.due_date, inv.terms.label_fr(), valid.due_date),
                    )
                    .within(&at));
                }
                if inv.currency != "EUR" {
                    return Err(Error::field(ErrorCode::ImportFormat, "currency", "Devise\u{a0}: Tact ne gère que l'euro (EUR).").within(&at));
                }
                checks::invoice(tx, &valid, None).map_err(|e| e.within(&at))?;
                db::invoice_insert(tx, &valid, Some(inv.id)).map_err(|e| conflict(e, &at))?;
            }
            let mut credit_notes: Vec<&CreditNote> = data.credit_notes.iter().collect();
            credit_notes.sort_by_key(|c| (c.date, c.id));
            for c in credit_notes {
                let at = format!("credit_notes[id {}]", c.id);
                positive_id(c.id, &at)?;
                let input = CreditNoteInput {
                    number: c.number.clone(),
                    invoice_id: c.invoice_id,
                    date: c.date.to_string(),
                    amount: c.amount.to_canonical(),
                    reason: c.reason.clone(),
                };
                let valid = input.validate().map_err(|e| e.within(&at))?;
                checks::credit_note(tx, &valid).map_err(|e| e.within(&at))?;
                db::credit_note_insert(tx, &valid, Some(c.id)).map_err(|e| conflict(e, &at))?;
            }
            for (i, p) in data.payments.iter().enumerate() {
                let at = format!("payments[{i}]");
                positive_id(p.id, &at)?;
                if !p.amount.is_positive() || p.amount.cents() > crate::money::MAX_CENTS {
                    return Err(Error::field(ErrorCode::AmountNotPositive, "amount", "Montant\u{a0}: le montant doit être supérieur à zéro.").within(&at));
                }
                let client = db::client_get(tx, p.client_id)?;
                if client.is_none() {
                    return Err(Error::field(ErrorCode::ClientNotFound, "client_id", format!("Client\u{a0}: n°\u{a0}{} introuvable.", p.client_id)).within(&at));
                }
                let reference = crate::text::optional_text("reference", "Référence", p.reference.as_deref(), crate::text::LINE)
                    .map_err(|e| e.within(&at))?;
                let lines: Vec<(i64, Money)> = p.allocations.iter().map(|a| (a.invoice_id, a.amount)).collect();
                for (k, (invoice, _)) in lines.iter().enumerate() {
                    if lines[..k].iter().any(|(other, _)| other == invoice) {
                        return Err(Error::field(
                            ErrorCode::DuplicateAllocation,
                            &format!("allocations[{k}]"),
                            format!("Répartition\u{a0}: la facture n°\u{a0}{invoice} apparaît deux fois\u{a0}; une ligne par facture."),
                        )
                        .within(&at));
                    }
                }
                if lines.iter().any(|(_, a)| !a.is_positive()) {
                    return Err(Error::field(ErrorCode::AmountNotPositive, "allocations", "Répartition\u{a0}: chaque montant affecté doit être positif.").within(&at));
                }
                let stored = Payment { reference, ..p.clone() };
                match &p.reversed {
                    None => {
                        checks::allocations(tx, p.client_id, &lines, p.amount).map_err(|e| e.within(&at))?;
                        db::payment_insert(tx, &stored, Some(p.id)).map_err(|e| conflict(e, &at))?;
                        for a in &p.allocations {
                            db::allocation_insert(tx, p.id, a)?;
                        }
                    }
                    // A reversed payment settles nothing: what it had settled is kept, on the client's invoices,
                    // within its amount.
                    Some(reversal) => {
                        for (k, (invoice, _)) in lines.iter().enumerate() {
                            let inv = checks::invoice_in(tx, *invoice, &format!("allocations[{k}].invoice_id")).map_err(|e| e.within(&at))?;
                            checks::of_client(&inv, p.client_id).map_err(|e| e.within(&at))?;
                        }
                        if Money::sum(lines.iter().map(|(_, a)| *a))? > p.amount {
                            return Err(Error::field(ErrorCode::AllocationExceedsPayment, "allocations", "Répartition\u{a0}: plus que le montant du règlement.").within(&at));
                        }
                        let reason = crate::text::optional_text("reversed.reason", "Motif", reversal.reason.as_deref(), crate::text::LINE)
                            .map_err(|e| e.within(&at))?;
                        let reversal = crate::model::PaymentReversal { date: reversal.date, reason };
                        db::payment_insert(tx, &stored, Some(p.id)).map_err(|e| conflict(e, &at))?;
                        db::reversal_restore(tx, &stored, &reversal).map_err(|e| conflict(e, &at))?;
                    }
                }
            }
            let mut journal: Vec<&JournalEntry> = data.journal.iter().collect();
            journal.sort_by_key(|j| j.id);
            for j in journal {
                let at = format!("journal[id {}]", j.id);
                positive_id(j.id, &at)?;
                let mut valid = JournalInput::from(j).validate(true).map_err(|e| e.within(&at))?;
                valid.payment_id = j.payment_id;
                if j.kind == JournalKind::PaymentRecorded && j.payment_id.is_none() {
                    return Err(Error::field(
                        ErrorCode::PaymentNotFound,
                        "payment_id",
                        "Règlement\u{a0}: une entrée «\u{a0}Règlement reçu\u{a0}» nomme le règlement qu'elle note.",
                    )
                    .within(&at));
                }
                if let Some(pid) = j.payment_id {
                    if db::payment_get(tx, pid)?.is_none_or(|p| p.client_id != j.client_id) {
                        return Err(Error::field(ErrorCode::PaymentNotFound, "payment_id", format!("Règlement n°\u{a0}{pid} introuvable pour ce client.")).within(&at));
                    }
                }
                checks::journal(tx, &valid).map_err(|e| e.within(&at))?;
                db::journal_insert(tx, &valid, Some(j.id)).map_err(|e| conflict(e, &at))?;
            }
            if let Some(p) = &data.policy {
                p.validate().map_err(|e| e.within("policy"))?;
                let json = serde_json::to_string(p)
                    .map_err(|e| Error::new(ErrorCode::ImportFormat, e.to_string()))?;
                db::setting_put(tx, "policy", &json)?;
            }
            for o in &data.overrides {
                let at = format!("overrides[client {}]", o.client_id);
                if db::client_get(tx, o.client_id)?.is_none() {
                    return Err(Error::field(ErrorCode::ClientNotFound, "client_id", format!("Client\u{a0}: n°\u{a0}{} introuvable.", o.client_id)).within(&at));
                }
                db::overrides_put(tx, o.client_id, &o.overrides)?;
            }
            for p in &data.plans {
                let at = format!("plans[id {}]", p.id);
                check_plan(tx, p).map_err(|e| e.within(&at))?;
                db::plan_insert(tx, p, Some(p.id)).map_err(|e| conflict(e, &at))?;
            }
            let mut letters: Vec<&LetterRecord> = data.letters.iter().collect();
            letters.sort_by_key(|l| l.id);
            for l in letters {
                let at = format!("letters[id {}]", l.id);
                check_letter(tx, l).map_err(|e| e.within(&at))?;
                db::letter_insert(tx, l, Some(l.id)).map_err(|e| conflict(e, &at))?;
            }
            let mut sources = 0usize;
            for rec in &data.sources {
                let at = format!("sources[id {}]", rec.file.id);
                positive_id(rec.file.id, &at)?;
                let Some(content) = contents.get(&rec.file.sha256) else {
                    continue;
                };
                if crate::ledger::sha256_hex(content) != rec.file.sha256 {
                    return Err(Error::field(
                        ErrorCode::ImportFormat,
                        "sha256",
                        format!("Fichier source {}\u{a0}: son contenu ne correspond pas à son empreinte.", rec.file.file_name),
                    )
                    .within(&at));
                }
                db::source_restore(tx, rec, content).map_err(|e| conflict(e, &at))?;
                sources = sources.saturating_add(1);
            }
            for l in &data.bank_lines {
                let at = format!("bank_lines[id {}]", l.id);
                positive_id(l.id, &at)?;
                let consistent = matches!(
                    (l.state.as_str(), l.payment_id),
                    ("accepted", Some(_)) | ("open" | "ignored", None)
                );
                if !consistent || !l.amount.is_positive() {
                    return Err(Error::field(
                        ErrorCode::ImportFormat,
                        "state",
                        "Ligne de relevé\u{a0}: état «\u{a0}open\u{a0}», «\u{a0}ignored\u{a0}» ou «\u{a0}accepted\u{a0}» avec son règlement, et un montant positif.",
                    )
                    .within(&at));
                }
                db::bank_line_restore(tx, l).map_err(|e| conflict(e, &at))?;
            }
            for (i, (pattern, client)) in data.bank_rules.iter().enumerate() {
                let at = format!("bank_rules[{i}]");
                crate::ledger::checks::client_in(tx, *client, "client_id").map_err(|e| e.within(&at))?;
                db::bank_rule_put(tx, pattern, *client).map_err(|e| conflict(e, &at))?;
            }
            for id in archived {
                if let Some(mut c) = db::client_get(tx, id)? {
                    c.archived = true;
                    db::client_update(tx, &c)?;
                }
            }
            Ok(ImportReport {
                clients: data.clients.len(),
                invoices: data.invoices.len(),
                payments: data.payments.len(),
                credit_notes: data.credit_notes.len(),
                journal: data.journal.len(),
                plans: data.plans.len(),
                letters: data.letters.len(),
                sources,
            })
        })
    }

    /// Parse an export document and import it.
    pub fn import_json(&mut self, json: &str) -> Result<ImportReport> {
        self.import(&parse(json)?)
    }

    /// Fill an empty ledger with the example data of Sophie Marchand's studio (scenario.md), as of the morning
    /// of Monday 23 November 2026.
    pub fn load_demo(&mut self) -> Result<ImportReport> {
        self.import_json(DEMO_JSON)
    }
}

/// Read an export document: UTF-8 JSON, with or without a byte-order mark. A syntax or type error names where it
/// is (`invoices[3].amount`, line and column).
pub fn parse(json: &str) -> Result<LedgerExport> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    // Dates first, as the forms read them (`AAAA-MM-JJ` exactly, a year from 1900 to 2999): the typed reading
    // below would take « 2026-1-1 » or the year 9999.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(json) {
        check_dates(&value, "")?;
    }
    let mut de = serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let at = e.path().to_string();
        let inner = e.inner();
        let place = format!("ligne {}, colonne {}", inner.line(), inner.column());
        let mut err = Error::new(
            ErrorCode::ImportFormat,
            if at.is_empty() || at == "." {
                format!("Fichier d'import illisible ({place})\u{a0}: {inner}.")
            } else {
                format!("Fichier d'import illisible, au champ {at} ({place})\u{a0}: {inner}.")
            },
        );
        if !at.is_empty() && at != "." {
            err.field = Some(at);
        }
        err
    })
}

/// The fields of the format that hold a date.
const DATE_FIELDS: &[&str] = &[
    "issue_date",
    "delivery_date",
    "due_date",
    "date",
    "client_since",
    "promise_date",
    "created_on",
    "signed_on",
    "replaced_on",
    "broken_on",
    "due_on",
    "posted_on",
    "received_on",
    "pause_until",
];

/// Every date of the document through the forms' date rule, the first wrong one named by its path.
fn check_dates(value: &serde_json::Value, at: &str) -> Result<()> {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                let path = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                match v {
                    serde_json::Value::String(text) if DATE_FIELDS.contains(&key.as_str()) => {
                        crate::text::parse_date(key, "Date", text).map_err(|e| {
                            let mut e = e;
                            e.field = Some(path.clone());
                            e.message = format!(
                                "{path}\u{a0}: {}",
                                e.message.trim_start_matches("Date\u{a0}: ")
                            );
                            e
                        })?;
                        if text.contains('/') {
                            return Err(Error::field(
                                ErrorCode::InvalidDate,
                                &path,
                                format!("{path}\u{a0}: les dates s'écrivent AAAA-MM-JJ dans un export (ex.\u{a0}: 2026-11-23)."),
                            ));
                        }
                    }
                    _ => check_dates(v, &path)?,
                }
            }
            Ok(())
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_dates(v, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The example ledger, in the export format.
pub const DEMO_JSON: &str = include_str!("../data/demo.json");

fn positive_id(id: i64, at: &str) -> Result<()> {
    if id <= 0 {
        return Err(Error::field(
            ErrorCode::ImportFormat,
            "id",
            "Identifiant\u{a0}: un nombre entier positif est attendu.",
        )
        .within(at));
    }
    Ok(())
}

/// A journal entry of the file, which must be the client's and of one of `kinds`.
fn journal_of(
    tx: &rusqlite::Transaction<'_>,
    id: i64,
    client_id: i64,
    kinds: &[JournalKind],
    field: &str,
) -> Result<()> {
    match db::journal_get(tx, id)? {
        Some(j) if j.client_id == client_id && kinds.contains(&j.kind) => Ok(()),
        _ => Err(Error::field(
            ErrorCode::JournalEntryNotFound,
            field,
            format!("Entrée d'historique n°\u{a0}{id}\u{a0}: introuvable pour ce client, ou d'un autre type."),
        )),
    }
}

fn invalid_plan(field: &str, message: impl Into<String>) -> Error {
    Error::field(ErrorCode::InvalidPlan, field, message)
}

/// A payment calendar of the file: its client, its invoices (the client's), its journal entries, the version
/// it replaces (imported before it), and a schedule that adds up to its total.
fn check_plan(tx: &rusqlite::Transaction<'_>, p: &Plan) -> Result<()> {
    positive_id(p.id, "")?;
    if db::client_get(tx, p.client_id)?.is_none() {
        return Err(Error::field(
            ErrorCode::ClientNotFound,
            "client_id",
            format!("Client\u{a0}: n°\u{a0}{} introuvable.", p.client_id),
        ));
    }
    if p.invoices.is_empty() {
        return Err(invalid_plan(
            "invoices",
            "Factures\u{a0}: un échéancier couvre au moins une facture.",
        ));
    }
    for (i, inv) in p.invoices.iter().enumerate() {
        let at = format!("invoices[{i}]");
        match db::invoice_get(tx, inv.invoice_id)? {
            Some(found) if found.client_id == p.client_id => {}
            _ => {
                return Err(Error::field(
                    ErrorCode::InvoiceNotFound,
                    "invoice_id",
                    format!(
                        "Facture n°\u{a0}{}\u{a0}: introuvable pour ce client.",
                        inv.invoice_id
                    ),
                )
                .within(&at))
            }
        }
        if !inv.balance.is_positive() || inv.penalties.is_negative() || inv.indemnity.is_negative()
        {
            return Err(invalid_plan("balance", "Montants\u{a0}: le solde est positif, les pénalités et l'indemnité ne sont pas négatives.").within(&at));
        }
    }
    let numbers: Vec<u32> = p.instalments.iter().map(|i| i.number).collect();
    let expected: Vec<u32> = (1..=u32::try_from(numbers.len()).unwrap_or(u32::MAX)).collect();
    if numbers.is_empty() || numbers != expected {
        return Err(invalid_plan(
            "instalments",
            "Échéances\u{a0}: numérotées 1, 2, 3… dans l'ordre, au moins une.",
        ));
    }
    let mut sum = Money::ZERO;
    let mut previous = None;
    for i in &p.instalments {
        if !i.amount.is_positive() || previous.is_some_and(|d| i.due_on < d) {
            return Err(invalid_plan(
                "instalments",
                "Échéances\u{a0}: montants positifs, dates dans l'ordre.",
            ));
        }
        previous = Some(i.due_on);
        sum = sum.checked_add(i.amount)?;
    }
    if sum != p.total {
        return Err(invalid_plan(
            "total",
            format!(
                "Total\u{a0}: {} annoncés, {} d'échéances.",
                p.total.format_fr(),
                sum.format_fr()
            ),
        ));
    }
    journal_of(
        tx,
        p.proposed_journal_id,
        p.client_id,
        &[JournalKind::PlanProposed],
        "proposed_journal_id",
    )?;
    match (p.signed_on, p.signed_journal_id) {
        (None, None) => {}
        (Some(_), Some(j)) => journal_of(
            tx,
            j,
            p.client_id,
            &[JournalKind::PlanSigned],
            "signed_journal_id",
        )?,
        _ => {
            return Err(invalid_plan(
                "signed_on",
                "Signature\u{a0}: sa date et son entrée d'historique vont ensemble.",
            ))
        }
    }
    if let Some(old) = p.replaces {
        match db::plan_get(tx, old)? {
            Some(o) if o.client_id == p.client_id && o.id < p.id => {}
            _ => return Err(invalid_plan("replaces", format!("Version remplacée\u{a0}: échéancier n°\u{a0}{old} introuvable avant celui-ci pour ce client."))),
        }
    }
    Ok(())
}

/// An archived letter's record: its client, its journal entry, its calendar, a plain file name and a SHA-256,
/// posting details as the letter dialog checks them.
fn check_letter(tx: &rusqlite::Transaction<'_>, l: &LetterRecord) -> Result<()> {
    positive_id(l.id, "")?;
    if db::client_get(tx, l.client_id)?.is_none() {
        return Err(Error::field(
            ErrorCode::ClientNotFound,
            "client_id",
            format!("Client\u{a0}: n°\u{a0}{} introuvable.", l.client_id),
        ));
    }
    journal_of(
        tx,
        l.journal_id,
        l.client_id,
        // The kinds `letters::journal_entry` writes.
        &[
            JournalKind::Letter,
            JournalKind::FormalNotice,
            JournalKind::FirmReminder,
            JournalKind::FriendlyReminder,
            JournalKind::PenaltiesClaimed,
        ],
        "journal_id",
    )?;
    if !is_archive_file_name(&l.file) {
        return Err(Error::field(
            ErrorCode::ImportFormat,
            "file",
            "Fichier\u{a0}: un nom simple en .pdf est attendu (lettres, chiffres, tirets), sans dossier.",
        ));
    }
    if l.sha256.len() != 64
        || !l
            .sha256
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    {
        return Err(Error::field(
            ErrorCode::ImportFormat,
            "sha256",
            "Empreinte\u{a0}: 64 chiffres hexadécimaux en minuscules sont attendus.",
        ));
    }
    if l.size <= 0 {
        return Err(Error::field(
            ErrorCode::ImportFormat,
            "size",
            "Taille\u{a0}: un nombre d'octets positif est attendu.",
        ));
    }
    for (i, id) in l.invoice_ids.iter().enumerate() {
        if db::invoice_get(tx, *id)?.is_none_or(|inv| inv.client_id != l.client_id) {
            return Err(Error::field(
                ErrorCode::InvoiceNotFound,
                &format!("invoice_ids[{i}]"),
                format!("Facture n°\u{a0}{id}\u{a0}: introuvable pour ce client."),
            ));
        }
    }
    if let Some(plan) = l.plan_id {
        if db::plan_get(tx, plan)?.is_none_or(|p| p.client_id != l.client_id) {
            return Err(Error::field(
                ErrorCode::PlanNotFound,
                "plan_id",
                format!("Échéancier n°\u{a0}{plan}\u{a0}: introuvable pour ce client."),
            ));
        }
    }
    let bare = LetterRecord {
        registered_number: None,
        posted_on: None,
        received_on: None,
        ..l.clone()
    };
    let typed = MailingInput {
        registered_number: l.registered_number.clone(),
        posted_on: l.posted_on.map(|d| d.to_string()),
        received_on: l.received_on.map(|d| d.to_string()),
    };
    let (number, posted, received) = typed.apply(&bare, chrono::NaiveDate::MAX)?;
    if (number, posted, received) != (l.registered_number.clone(), l.posted_on, l.received_on) {
        return Err(Error::field(
            ErrorCode::ImportFormat,
            "registered_number",
            "N° de recommandé\u{a0}: sans espaces au début ni à la fin.",
        ));
    }
    Ok(())
}

/// A file name Tact itself gives an archived letter: letters, digits, `-`, `_` and `.`, ending in `.pdf`, never
/// a path (so an imported record cannot point outside the letters folder).
pub fn is_archive_file_name(name: &str) -> bool {
    name.len() <= 200
        && name.ends_with(".pdf")
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A duplicate id or number in the file becomes a clear import error.
fn conflict(e: Error, at: &str) -> Error {
    if e.message.contains("UNIQUE") {
        Error::field(
            ErrorCode::ImportFormat,
            "id",
            format!(
                "Identifiant ou numéro en double dans le fichier ({}).",
                e.message
            ),
        )
        .within(at)
    } else {
        e.within(at)
    }
}
