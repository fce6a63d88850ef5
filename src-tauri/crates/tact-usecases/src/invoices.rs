//! Invoices that come in by themselves: import → preview → write. The user hands over files or folders (her
//! e-invoices, her invoicing tool's CSV export); Tact reads them ([`tact_import`]) with the books free, matches
//! each buyer to a client, spots what is already there, and shows a preview with a French reason per row. The
//! accepted rows are then written in one transaction through the same checks as the forms
//! ([`tact_core::Ledger::import_batch`]), the source files kept whole beside them.
//!
//! - **Create**: a new invoice or credit note (and its client when new).
//! - **Skip**: already in the books with the same content (the same folder can be imported every week), or fully
//!   prepaid.
//! - **Conflict**: the same number with different content, shown side by side; never overwritten.
//! - **Ask**: a buyer with neither SIREN nor VAT number: business or consumer? The user says, then it is created.
//! - **Error**: a file that cannot be read, an invoice from a supplier, a credit note whose invoice is unknown,
//!   a refusal of the ledger checks.

use crate::books::Books;
use crate::jobs::Progress;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tact_core::input::{ClientInput, CreditNoteInput, InvoiceInput, PostalContactInput};
use tact_core::ledger::imports::{
    ClientRef, ImportBatch, ImportFile, ImportIndex, ImportItem, ImportOutcome, ImportRecord,
    InvoiceRef, ItemOutcome,
};
use tact_core::model::{ClientKind, PaymentTerms};
use tact_core::money::Money;
use tact_core::text::format_date_fr;
use tact_core::{Error, ErrorCode, Result};
use tact_import::csv_invoices::Mapping;
use tact_import::{Document, DocumentKind, DueFrom, Party};

/// What a row of the preview will do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    Create,
    Skip,
    Conflict,
    Ask,
    Error,
}

/// How the buyer was recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientMatch {
    /// The client in the books, `None` for a client the import creates.
    pub client_id: Option<i64>,
    pub name: String,
    /// « SIREN », « numéro de TVA », « nom », or « nouveau client ».
    pub matched_by: String,
    pub kind: Option<ClientKind>,
}

/// The invoice already in the books with the same number, for a conflict shown side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExistingRecord {
    pub number: String,
    pub client_name: String,
    pub issue_date: NaiveDate,
    pub due_date: Option<NaiveDate>,
    pub amount: Money,
}

/// One row of the preview: a document read from a file, or a file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewRow {
    pub file: String,
    pub number: Option<String>,
    pub kind: Option<DocumentKind>,
    pub status: RowStatus,
    /// Why, in French.
    pub reason: String,
    pub client: Option<ClientMatch>,
    pub issue_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub due_from: Option<DueFrom>,
    /// What the client owes on it (BT-115).
    pub amount: Option<Money>,
    pub existing: Option<ExistingRecord>,
    pub warnings: Vec<String>,
    /// A CSV file whose columns were not recognised: its headers, for the mapping screen.
    pub csv_headers: Option<Vec<String>>,
}

impl PreviewRow {
    /// A row about a whole file (unreadable, or the same as another): no document.
    fn of_file(file: &str, status: RowStatus, reason: String) -> PreviewRow {
        PreviewRow {
            file: file.to_owned(),
            number: None,
            kind: None,
            status,
            reason,
            client: None,
            issue_date: None,
            due_date: None,
            due_from: None,
            amount: None,
            existing: None,
            warnings: Vec::new(),
            csv_headers: None,
        }
    }
}

/// The preview of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPreview {
    pub rows: Vec<PreviewRow>,
    pub files: usize,
    pub to_create: usize,
    pub to_skip: usize,
    pub conflicts: usize,
    pub to_ask: usize,
    pub errors: usize,
}

/// What an import wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceImportReport {
    pub preview: ImportPreview,
    pub invoices: usize,
    pub credit_notes: usize,
    pub clients: usize,
}

/// The user's answers to the preview.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportChoices {
    /// For the buyers without SIREN or VAT number: business or consumer (`None`: ask, import nothing for them).
    pub buyers_without_id: Option<ClientKind>,
    /// Which CSV column holds which field, when the headers are not recognised (the mapping screen); saved as a
    /// preset once the import is written, and used for the next files with the same columns.
    #[serde(default)]
    pub csv_mapping: Option<Mapping>,
}

/// The files under `paths`: each file given, and the .pdf, .xml and .csv files of each folder (and its
/// subfolders), in name order.
pub fn files_under(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, 0)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: u8) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::new(
            ErrorCode::Io,
            format!("Dossier {}\u{a0}: illisible ({e}).", dir.display()),
        )
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            if depth < 8 {
                walk(&p, out, depth.saturating_add(1))?;
            }
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| matches!(x.to_lowercase().as_str(), "pdf" | "xml" | "csv"))
        {
            out.push(p);
        }
    }
    Ok(())
}

/// The CSV column mappings saved by earlier imports (an unreadable setting counts as none).
pub fn csv_presets(books: &Books) -> Result<Vec<Mapping>> {
    Ok(books
        .read(|l| l.csv_presets())?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// A file read, or the reason it could not be.
pub struct Read {
    pub name: String,
    pub bytes: Vec<u8>,
    pub outcome: Result<tact_import::ReadFile>,
}

/// Reads every file (no lock held), reporting progress; cancelled, it stops before the next file. A CSV file is
/// read with the first of `csv_mappings` that fits its columns, else by its headers' names.
pub fn read_files(
    paths: &[PathBuf],
    csv_mappings: &[Mapping],
    progress: &Progress,
) -> Result<Vec<Read>> {
    let total = paths.len();
    let mut out = Vec::with_capacity(total);
    for (i, p) in paths.iter().enumerate() {
        progress.check()?;
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string());
        let read = std::fs::metadata(p)
            .map_err(|e| Error::new(ErrorCode::Io, format!("{name}\u{a0}: illisible ({e}).")))
            .and_then(|m| tact_import::check_size(&name, m.len()))
            .and_then(|()| {
                std::fs::read(p).map_err(|e| {
                    Error::new(ErrorCode::Io, format!("{name}\u{a0}: illisible ({e})."))
                })
            });
        out.push(match read {
            Ok(bytes) => Read {
                outcome: tact_import::read_with(&name, &bytes, csv_mappings),
                name,
                bytes,
            },
            Err(e) => Read {
                name,
                bytes: Vec::new(),
                outcome: Err(e),
            },
        });
        progress.advance(i.saturating_add(1), total);
    }
    Ok(out)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether the seller is the user's own business; `Err` with the reason when it is not.
fn is_own(
    doc: &Document,
    business: &tact_core::model::Business,
) -> std::result::Result<(), String> {
    let s = &doc.seller;
    let own_siren = business.siren.clone().or_else(|| {
        business
            .siret
            .as_ref()
            .and_then(|x| x.get(..9))
            .map(str::to_owned)
    });
    let own_vat = business.vat_number.clone();
    let names = [Some(&business.legal_name), business.trade_name.as_ref()];
    let same_name = |n: &str| names.iter().flatten().any(|b| norm(b) == norm(n));
    let buyer_is_us = own_siren.is_some() && doc.buyer.siren == own_siren
        || own_vat.is_some() && doc.buyer.vat_number == own_vat;
    let supplier = || {
        format!(
            "facture reçue d'un fournisseur ({}) et non émise par vous\u{a0}: Tact suit ce que vos clients vous doivent.",
            if s.name.is_empty() { "vendeur inconnu" } else { s.name.as_str() }
        )
    };
    if buyer_is_us {
        return Err(supplier());
    }
    let ids_match = (s.siren.is_some() && s.siren == own_siren)
        || (s.vat_number.is_some() && s.vat_number == own_vat);
    let ids_differ = (s.siren.is_some() && own_siren.is_some() && s.siren != own_siren)
        || (s.vat_number.is_some() && own_vat.is_some() && s.vat_number != own_vat);
    if ids_match {
        Ok(())
    } else if ids_differ {
        Err(supplier())
    } else if s.name.is_empty()
        || same_name(&s.name)
        || s.trade_name.as_deref().is_some_and(same_name)
    {
        // A CSV export is the user's own; an e-invoice with her name.
        Ok(())
    } else {
        Err(format!(
            "le vendeur «\u{a0}{}\u{a0}» n'est pas votre entreprise ({})\u{a0}: si c'est bien vous, complétez votre SIREN dans «\u{a0}Mon entreprise\u{a0}».",
            s.name, business.legal_name
        ))
    }
}

/// The new clients of a preview, by the buyer's identity (SIREN, else VAT number, else name).
#[derive(Default)]
struct NewClients {
    inputs: Vec<ClientInput>,
    keys: HashMap<String, usize>,
}

fn buyer_key(p: &Party) -> String {
    p.siren
        .clone()
        .or_else(|| p.vat_number.clone())
        .unwrap_or_else(|| norm(&p.name))
}

fn client_input(
    p: &Party,
    kind: ClientKind,
    doc: &Document,
    warnings: &mut Vec<String>,
) -> ClientInput {
    let email = p
        .email
        .as_deref()
        .and_then(|e| match tact_core::text::parse_email("email", e) {
            Ok(ok) => Some(ok),
            Err(_) => {
                warnings.push(format!(
                    "Adresse e-mail «\u{a0}{e}\u{a0}» du client mise de côté (invalide)."
                ));
                None
            }
        });
    let mut notes = format!(
        "Client créé à l'import de {} ({}).",
        doc.number,
        doc.format.label_fr()
    );
    if let Some(v) = &p.vat_number {
        notes.push_str(&format!(" Numéro de TVA\u{a0}: {v}."));
    }
    ClientInput {
        kind: kind.code().into(),
        name: p.name.clone(),
        siren: p.siren.clone(),
        contact_name: p.contact_name.clone(),
        contact: PostalContactInput {
            address_line1: p.address_line1.clone(),
            address_line2: p.address_line2.clone(),
            postcode: p.postcode.clone(),
            city: p.city.clone(),
            country: p
                .country
                .as_deref()
                .filter(|c| *c != "FR")
                .map(tact_import::country_name),
            email,
            phone: None,
        },
        notes: Some(notes),
        client_since: Some(doc.issue_date.to_string()),
        ..ClientInput::default()
    }
}

fn money_fr(m: Money) -> String {
    m.format_fr()
}

/// The due date the invoice will have, as the form computes it.
fn due_of(doc: &Document, default_terms: PaymentTerms) -> Option<NaiveDate> {
    // Any client id: only the dates matter here.
    invoice_input(doc, 1)
        .validate(default_terms)
        .ok()
        .map(|i| i.due_date)
}

fn invoice_input(doc: &Document, client_id: i64) -> InvoiceInput {
    let prepaid = doc.prepaid.filter(|p| p.is_positive());
    let mut description = doc.description.clone();
    if let Some(p) = prepaid {
        let note = format!(
            "acompte de {} déjà versé sur {} TTC",
            money_fr(p),
            doc.grand_total.map(money_fr).unwrap_or_default()
        );
        description = Some(match description {
            Some(d) => format!("{d} ({note})"),
            None => format!("Facture ({note})"),
        });
    }
    InvoiceInput {
        number: doc.number.clone(),
        client_id,
        issue_date: doc.issue_date.to_string(),
        delivery_date: None,
        terms: doc.terms.clone(),
        due_date: doc.due_date.map(|d| d.to_string()),
        amount: doc.amount_due.to_canonical(),
        // HT and VAT describe the whole invoice: kept only when the amount owed is the whole invoice.
        amount_ht: if prepaid.is_none() {
            doc.total_ht.map(Money::to_canonical)
        } else {
            None
        },
        vat: if prepaid.is_none() {
            doc.vat.map(Money::to_canonical)
        } else {
            None
        },
        description: description.map(|d| d.chars().take(200).collect()),
        penalty_rate: None,
    }
}

/// A planned import: the rows to show and the batch to write (only the rows to create).
pub struct Plan {
    pub preview: ImportPreview,
    pub batch: ImportBatch,
    /// For each batch item, its row.
    item_rows: Vec<usize>,
}

/// The preview and the batch, from the files read and the books (pure: no I/O, no clock).
pub fn plan(reads: &[Read], index: &ImportIndex, choices: &ImportChoices) -> Result<Plan> {
    let business = index.business.as_ref().ok_or_else(|| {
        Error::new(
            ErrorCode::BusinessNotSet,
            "Renseignez d'abord «\u{a0}Mon entreprise\u{a0}» (nom, SIREN)\u{a0}: Tact vérifie que chaque facture importée est bien la vôtre.",
        )
    })?;
    let default_terms = business.default_terms;
    // (display position, row).
    let mut rows: Vec<(usize, PreviewRow)> = Vec::new();
    let mut next_slot = 0usize;
    let mut docs: Vec<(usize, &Read, usize, &Document)> = Vec::new();
    let mut batch = ImportBatch::default();
    let mut item_rows = Vec::new();
    let mut new_clients = NewClients::default();
    // Numbers planned in this import: invoice number → (batch item, row).
    let mut planned: HashMap<String, (usize, usize)> = HashMap::new();
    let mut planned_notes: HashMap<String, usize> = HashMap::new();
    let mut seen_files: HashMap<String, String> = HashMap::new();
    let client_name = |id: i64| {
        index
            .clients
            .iter()
            .find(|c| c.id == id)
            .map_or_else(String::new, |c| c.name.clone())
    };

    for read in reads {
        let file = match &read.outcome {
            Ok(f) => f,
            Err(e) => {
                let slot = next_slot;
                next_slot = next_slot.saturating_add(1);
                // Columns not recognised: the headers, so that the user can say which is which.
                let csv_headers = (e.field.as_deref() == Some("mapping"))
                    .then(|| tact_import::csv_invoices::headers(&read.name, &read.bytes).ok())
                    .flatten();
                let reason = e
                    .message
                    .strip_prefix(&format!("{}\u{a0}: ", read.name))
                    .unwrap_or(&e.message)
                    .to_owned();
                rows.push((
                    slot,
                    PreviewRow {
                        csv_headers,
                        ..PreviewRow::of_file(&read.name, RowStatus::Error, reason)
                    },
                ));
                continue;
            }
        };
        if let Some(first) = seen_files.get(&file.source.sha256) {
            let slot = next_slot;
            next_slot = next_slot.saturating_add(1);
            rows.push((
                slot,
                PreviewRow::of_file(
                    &read.name,
                    RowStatus::Skip,
                    format!("même fichier que {first}, déjà dans cet import."),
                ),
            ));
            continue;
        }
        seen_files.insert(file.source.sha256.clone(), read.name.clone());
        let file_index = batch.files.len();
        batch.files.push(ImportFile {
            file_name: read.name.clone(),
            sha256: file.source.sha256.clone(),
            format: file.source.format.code().into(),
            content: read.bytes.clone(),
        });
        for doc in &file.documents {
            docs.push((next_slot, read, file_index, doc));
            next_slot = next_slot.saturating_add(1);
        }
    }
    // Invoices first, then credit notes: a credit note finds its invoice in the same import whatever the files'
    // order. The rows keep the files' order.
    docs.sort_by_key(|(slot, _, _, d)| (d.kind == DocumentKind::CreditNote, *slot));
    for (row_index, read, file_index, doc) in docs {
        let mut row = PreviewRow {
            file: read.name.clone(),
            number: Some(doc.number.clone()),
            kind: Some(doc.kind),
            status: RowStatus::Create,
            reason: String::new(),
            client: None,
            issue_date: Some(doc.issue_date),
            due_date: None,
            due_from: Some(doc.due_from),
            amount: Some(doc.amount_due),
            existing: None,
            warnings: doc.warnings.clone(),
            csv_headers: None,
        };
        if let Err(why) = is_own(doc, business) {
            row.status = RowStatus::Error;
            row.reason = why;
            rows.push((row_index, row));
            continue;
        }
        // The client: by SIREN, by a VAT number an earlier import named, by exact name; else a new one.
        let existing_client = doc
            .buyer
            .siren
            .as_ref()
            .and_then(|s| index.clients.iter().find(|c| c.siren.as_ref() == Some(s)))
            .map(|c| (c, "SIREN"))
            .or_else(|| {
                doc.buyer.vat_number.as_ref().and_then(|v| {
                    index
                        .vat_clients
                        .iter()
                        .find(|(vat, _)| vat == v)
                        .and_then(|(_, id)| index.clients.iter().find(|c| c.id == *id))
                        .map(|c| (c, "numéro de TVA"))
                })
            })
            .or_else(|| {
                index
                    .clients
                    .iter()
                    .find(|c| norm(&c.name) == norm(&doc.buyer.name))
                    .map(|c| (c, "nom"))
            });
        match doc.kind {
            DocumentKind::Invoice => {
                let client_ref = match existing_client {
                    Some((c, by)) => {
                        row.client = Some(ClientMatch {
                            client_id: Some(c.id),
                            name: c.name.clone(),
                            matched_by: by.into(),
                            kind: Some(c.kind),
                        });
                        Some(ClientRef::Existing(c.id))
                    }
                    None => {
                        let kind = if doc.buyer.has_identifier() {
                            Some(ClientKind::Professional)
                        } else {
                            choices.buyers_without_id
                        };
                        row.client = Some(ClientMatch {
                            client_id: None,
                            name: doc.buyer.name.clone(),
                            matched_by: "nouveau client".into(),
                            kind,
                        });
                        kind.map(|kind| {
                            let key = buyer_key(&doc.buyer);
                            let i = match new_clients.keys.get(&key) {
                                Some(i) => {
                                    // The buyer of another invoice of this import.
                                    if let (Some(m), Some(c)) =
                                        (row.client.as_mut(), new_clients.inputs.get(*i))
                                    {
                                        m.name = c.name.clone();
                                        m.matched_by = "nouveau client de cet import".into();
                                    }
                                    *i
                                }
                                None => {
                                    let i = new_clients.inputs.len();
                                    new_clients.inputs.push(client_input(
                                        &doc.buyer,
                                        kind,
                                        doc,
                                        &mut row.warnings,
                                    ));
                                    new_clients.keys.insert(key, i);
                                    i
                                }
                            };
                            ClientRef::New(i)
                        })
                    }
                };
                row.due_date = due_of(doc, default_terms);
                if let Some(old) = index.invoices.iter().find(|i| i.number == doc.number) {
                    let same_client =
                        matches!(client_ref, Some(ClientRef::Existing(id)) if id == old.client_id);
                    let mut diffs = Vec::new();
                    if !same_client {
                        diffs.push(format!(
                            "client {} ≠ {}",
                            doc.buyer.name,
                            client_name(old.client_id)
                        ));
                    }
                    if old.amount != doc.amount_due {
                        diffs.push(format!(
                            "montant {} ≠ {}",
                            money_fr(doc.amount_due),
                            money_fr(old.amount)
                        ));
                    }
                    if old.issue_date != doc.issue_date {
                        diffs.push(format!(
                            "date {} ≠ {}",
                            format_date_fr(doc.issue_date),
                            format_date_fr(old.issue_date)
                        ));
                    }
                    if row.due_date.is_some_and(|d| d != old.due_date) {
                        diffs.push(format!(
                            "échéance {} ≠ {}",
                            row.due_date.map(format_date_fr).unwrap_or_default(),
                            format_date_fr(old.due_date)
                        ));
                    }
                    if diffs.is_empty() {
                        row.status = RowStatus::Skip;
                        row.reason = "déjà dans vos factures, à l'identique.".into();
                    } else {
                        row.status = RowStatus::Conflict;
                        row.reason = format!(
                                "une facture {} existe déjà avec un autre contenu ({})\u{a0}: rien n'est remplacé, corrigez à la main si besoin.",
                                doc.number,
                                diffs.join(", ")
                            );
                        row.existing = Some(ExistingRecord {
                            number: old.number.clone(),
                            client_name: client_name(old.client_id),
                            issue_date: old.issue_date,
                            due_date: Some(old.due_date),
                            amount: old.amount,
                        });
                    }
                } else if let Some((_, first_row)) = planned.get(&doc.number) {
                    row.status = RowStatus::Conflict;
                    row.reason = format!(
                            "même numéro qu'une facture de {}, dans cet import\u{a0}: une seule est importée.",
                            rows.iter()
                                .find(|(slot, _)| slot == first_row)
                                .map_or("", |(_, r)| r.file.as_str())
                        );
                } else if !doc.amount_due.is_positive() {
                    row.status = RowStatus::Skip;
                    row.reason =
                        "entièrement réglée d'avance (acompte)\u{a0}: rien à suivre.".into();
                } else if let Some(client) = client_ref {
                    row.reason = match &row.client {
                        Some(m) if m.client_id.is_none() && m.matched_by != "nouveau client" => {
                            format!(
                                "nouvelle facture pour {}, client créé par cet import.",
                                m.name
                            )
                        }
                        Some(m) if m.client_id.is_none() => {
                            format!("nouvelle facture, nouveau client {}.", m.name)
                        }
                        Some(m) => format!(
                            "nouvelle facture pour {} (reconnu par {}).",
                            m.name, m.matched_by
                        ),
                        None => "nouvelle facture.".into(),
                    };
                    planned.insert(doc.number.clone(), (batch.items.len(), row_index));
                    item_rows.push(row_index);
                    batch.items.push(ImportItem {
                        file: file_index,
                        label: format!("{} ({})", doc.number, read.name),
                        record: ImportRecord::Invoice {
                            client,
                            input: invoice_input(doc, 0),
                        },
                        buyer_name: doc.buyer.name.clone(),
                        buyer_siren: doc.buyer.siren.clone(),
                        buyer_vat: doc.buyer.vat_number.clone(),
                    });
                } else {
                    row.status = RowStatus::Ask;
                    row.reason = format!(
                            "{} n'a ni SIREN ni numéro de TVA\u{a0}: est-ce une entreprise ou un particulier\u{a0}?",
                            doc.buyer.name
                        );
                }
            }
            DocumentKind::CreditNote => {
                if let Some((c, by)) = existing_client {
                    row.client = Some(ClientMatch {
                        client_id: Some(c.id),
                        name: c.name.clone(),
                        matched_by: by.into(),
                        kind: Some(c.kind),
                    });
                }
                let target = doc.cited_invoice.as_ref().and_then(|n| {
                    index
                        .invoices
                        .iter()
                        .find(|i| &i.number == n)
                        .map(|i| InvoiceRef::Existing(i.id))
                        .or_else(|| planned.get(n).map(|(item, _)| InvoiceRef::New(*item)))
                });
                // Its client is the invoice's.
                if row.client.is_none() {
                    row.client = match target {
                        Some(InvoiceRef::Existing(id)) => index
                            .invoices
                            .iter()
                            .find(|i| i.id == id)
                            .and_then(|i| index.clients.iter().find(|c| c.id == i.client_id))
                            .map(|c| ClientMatch {
                                client_id: Some(c.id),
                                name: c.name.clone(),
                                matched_by: "facture citée".into(),
                                kind: Some(c.kind),
                            }),
                        Some(InvoiceRef::New(_)) => doc.cited_invoice.as_ref().and_then(|n| {
                            planned
                                .get(n)
                                .and_then(|(_, r)| rows.iter().find(|(slot, _)| slot == r))
                                .and_then(|(_, r)| r.client.clone())
                        }),
                        None => None,
                    };
                }
                if let Some(old) = index.credit_notes.iter().find(|c| c.number == doc.number) {
                    if old.amount == doc.amount_due && old.date == doc.issue_date {
                        row.status = RowStatus::Skip;
                        row.reason = "avoir déjà enregistré, à l'identique.".into();
                    } else {
                        row.status = RowStatus::Conflict;
                        row.reason = format!(
                                "un avoir {} existe déjà avec un autre contenu ({} du {})\u{a0}: rien n'est remplacé.",
                                doc.number,
                                money_fr(old.amount),
                                format_date_fr(old.date)
                            );
                    }
                } else if planned_notes.contains_key(&doc.number) {
                    row.status = RowStatus::Conflict;
                    row.reason = "même numéro qu'un autre avoir de cet import.".into();
                } else if let Some(invoice) = target {
                    row.reason = format!(
                        "nouvel avoir sur la facture {}.",
                        doc.cited_invoice.as_deref().unwrap_or_default()
                    );
                    planned_notes.insert(doc.number.clone(), row_index);
                    item_rows.push(row_index);
                    batch.items.push(ImportItem {
                        file: file_index,
                        label: format!("Avoir {} ({})", doc.number, read.name),
                        record: ImportRecord::CreditNote {
                            invoice,
                            input: CreditNoteInput {
                                number: doc.number.clone(),
                                invoice_id: 0,
                                date: doc.issue_date.to_string(),
                                amount: doc.amount_due.to_canonical(),
                                reason: doc
                                    .description
                                    .clone()
                                    .map(|d| d.chars().take(200).collect()),
                            },
                        },
                        buyer_name: doc.buyer.name.clone(),
                        buyer_siren: doc.buyer.siren.clone(),
                        buyer_vat: doc.buyer.vat_number.clone(),
                    });
                } else {
                    row.status = RowStatus::Error;
                    row.reason = match &doc.cited_invoice {
                            Some(n) => format!(
                                "l'avoir porte sur la facture {n}, qui n'est ni dans vos factures ni dans cet import\u{a0}: importez-la d'abord."
                            ),
                            None => "l'avoir ne dit pas quelle facture il réduit (BT-25)\u{a0}: saisissez-le à la main sur la bonne facture.".into(),
                        };
                }
            }
        }
        rows.push((row_index, row));
    }
    batch.new_clients = new_clients.inputs;
    let preview = ImportPreview {
        files: reads.len(),
        ..ImportPreview::default()
    };
    let mut plan = Plan {
        preview,
        batch,
        item_rows,
    };
    rows.sort_by_key(|(slot, _)| *slot);
    // A reason is a sentence of its own on screen.
    for (_, r) in &mut rows {
        r.reason = capitalised(&r.reason);
    }
    plan.preview.rows = rows.into_iter().map(|(_, r)| r).collect();
    plan.count();
    Ok(plan)
}

impl Plan {
    fn count(&mut self) {
        let p = &mut self.preview;
        let n = |s: RowStatus| p.rows.iter().filter(|r| r.status == s).count();
        (p.to_create, p.to_skip, p.conflicts, p.to_ask, p.errors) = (
            n(RowStatus::Create),
            n(RowStatus::Skip),
            n(RowStatus::Conflict),
            n(RowStatus::Ask),
            n(RowStatus::Error),
        );
    }

    /// The rows the ledger checks refused (in a trial) become errors, and leave the batch.
    fn apply_trial(&mut self, outcome: &ImportOutcome) {
        let mut keep = Vec::new();
        for (k, o) in outcome.items.iter().enumerate() {
            let row = self.item_rows.get(k).copied();
            match o {
                ItemOutcome::Refused(e) => {
                    if let Some(r) = row.and_then(|r| self.preview.rows.get_mut(r)) {
                        r.status = RowStatus::Error;
                        r.reason = e.message.clone();
                    }
                }
                ItemOutcome::Invoice(_, warnings) => {
                    if let Some(r) = row.and_then(|r| self.preview.rows.get_mut(r)) {
                        r.warnings
                            .extend(warnings.iter().map(|w| w.message.clone()));
                    }
                    keep.push(k);
                }
                ItemOutcome::CreditNote(_) => keep.push(k),
            }
        }
        if keep.len() != self.batch.items.len() {
            // A refused invoice takes the credit notes of this import that cite it along: the trial refused them
            // too, so they are not kept either.
            let old: Vec<ImportItem> = std::mem::take(&mut self.batch.items);
            let mut renumber: HashMap<usize, usize> = HashMap::new();
            let mut rows = Vec::new();
            for (new_i, k) in keep.iter().enumerate() {
                renumber.insert(*k, new_i);
            }
            for k in keep {
                if let (Some(mut item), Some(row)) =
                    (old.get(k).cloned(), self.item_rows.get(k).copied())
                {
                    if let ImportRecord::CreditNote {
                        invoice: InvoiceRef::New(i),
                        ..
                    } = &mut item.record
                    {
                        *i = renumber.get(i).copied().unwrap_or(usize::MAX);
                    }
                    self.batch.items.push(item);
                    rows.push(row);
                }
            }
            self.item_rows = rows;
        }
        self.count();
    }
}

/// Reads the files (books free), plans the import, and tries it against the ledger checks (a rolled-back
/// transaction): the preview, and the plan ready to write.
pub fn prepare(
    books: &Books,
    paths: &[PathBuf],
    choices: &ImportChoices,
    today: NaiveDate,
    progress: &Progress,
) -> Result<Plan> {
    let files = files_under(paths)?;
    if files.is_empty() {
        return Err(Error::new(
            ErrorCode::NotAnInvoice,
            "Aucun fichier de facture (.pdf, .xml, .csv) à importer ici.",
        ));
    }
    let mut mappings: Vec<Mapping> = choices.csv_mapping.iter().cloned().collect();
    mappings.extend(csv_presets(books)?);
    let reads = read_files(&files, &mappings, progress)?;
    progress.check()?;
    let index = books.read(|l| l.import_index())?;
    let mut plan = plan(&reads, &index, choices)?;
    if !plan.batch.items.is_empty() {
        let trial = books.write(|l| l.try_import_batch(&plan.batch, today))?;
        plan.apply_trial(&trial);
    }
    Ok(plan)
}

/// The preview of importing these files: nothing is written.
pub fn preview(
    books: &Books,
    paths: &[PathBuf],
    choices: &ImportChoices,
    today: NaiveDate,
    progress: &Progress,
) -> Result<ImportPreview> {
    Ok(prepare(books, paths, choices, today, progress)?.preview)
}

/// Imports the rows to create, in one transaction; `today` is the import's date.
pub fn import(
    books: &Books,
    paths: &[PathBuf],
    choices: &ImportChoices,
    today: NaiveDate,
    progress: &Progress,
) -> Result<InvoiceImportReport> {
    let plan = prepare(books, paths, choices, today, progress)?;
    progress.check()?;
    let mut report = InvoiceImportReport {
        preview: plan.preview.clone(),
        ..InvoiceImportReport::default()
    };
    if plan.batch.items.is_empty() {
        return Ok(report);
    }
    let written = books.write(|l| l.import_batch(&plan.batch, today))?;
    for o in &written.items {
        match o {
            ItemOutcome::Invoice(..) => report.invoices = report.invoices.saturating_add(1),
            ItemOutcome::CreditNote(_) => {
                report.credit_notes = report.credit_notes.saturating_add(1)
            }
            ItemOutcome::Refused(_) => {}
        }
    }
    report.clients = written.clients.len();
    // The mapping the user gave is kept for the next export with the same columns.
    if let Some(m) = &choices.csv_mapping {
        let mut presets = csv_presets(books)?;
        presets.retain(|p| p != m);
        presets.insert(0, m.clone());
        presets.truncate(20);
        let json = serde_json::to_string(&presets)
            .map_err(|e| Error::new(ErrorCode::Io, format!("Préréglage CSV\u{a0}: {e}.")))?;
        books.write(|l| l.set_csv_presets(&json))?;
    }
    Ok(report)
}

/// The file an invoice was imported from, written out (under its own name, in the `sources` folder beside the
/// database) so that the system can open it: its path.
pub fn source_copy(books: &Books, invoice_id: tact_core::model::InvoiceId) -> Result<PathBuf> {
    let (db_dir, found) = books.read(|l| {
        Ok((
            l.letters_dir()?.parent().map(Path::to_path_buf),
            l.invoice_source(invoice_id)?,
        ))
    })?;
    let (file, bytes) = found.ok_or_else(|| {
        Error::new(
            ErrorCode::InvoiceNotFound,
            "Cette facture n'a pas été importée d'un fichier\u{a0}: il n'y a pas d'original à ouvrir.",
        )
    })?;
    let dir = db_dir.unwrap_or_default().join("sources");
    std::fs::create_dir_all(&dir).map_err(|e| tact_core::files::write_error(&dir, &e))?;
    let ext = Path::new(&file.file_name)
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("bin")
        .to_lowercase();
    let stem = Path::new(&file.file_name)
        .file_stem()
        .and_then(|x| x.to_str())
        .unwrap_or("facture");
    let path = dir.join(format!(
        "{}-{}.{ext}",
        crate::mail::file_name(stem),
        file.sha256.get(..8).unwrap_or("")
    ));
    tact_core::files::write_atomic(&path, &bytes)?;
    Ok(path)
}
