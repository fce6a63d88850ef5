//! Invoices and credit notes that come in from files (e-invoices, CSV exports): a batch written through the same
//! validation and ledger checks as the forms, in one transaction, with the source files kept whole beside the
//! records they became. A batch can first be *tried*: every item is checked exactly as the write would check it,
//! in a transaction that is then rolled back, so that a preview shows the errors the write would meet.

use super::checks;
use super::Ledger;
use crate::error::{Error, Result};
use crate::input::{ClientInput, CreditNoteInput, InvoiceInput};
use crate::model::{
    Business, Client, ClientId, CreditNote, Invoice, InvoiceId, SourceFile, Warning,
};
use crate::storage as db;
use chrono::NaiveDate;
use rusqlite::Transaction;
use std::collections::HashMap;

/// A file as received, kept whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFile {
    pub file_name: String,
    pub sha256: String,
    /// `facturx`, `cii`, `ubl` or `csv`.
    pub format: String,
    pub content: Vec<u8>,
}

/// The client of an imported invoice: one already in the books, or one the batch creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientRef {
    Existing(ClientId),
    /// Index into [`ImportBatch::new_clients`].
    New(usize),
}

/// The invoice an imported credit note reduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceRef {
    Existing(InvoiceId),
    /// Index into [`ImportBatch::items`] (an invoice of the same batch).
    New(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportRecord {
    /// `input.client_id` is set from `client`.
    Invoice {
        client: ClientRef,
        input: InvoiceInput,
    },
    /// `input.invoice_id` is set from `invoice`.
    CreditNote {
        invoice: InvoiceRef,
        input: CreditNoteInput,
    },
}

/// One document to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportItem {
    /// Index into [`ImportBatch::files`].
    pub file: usize,
    /// How messages name it: « F-2026-070 (F-2026-070.pdf) ».
    pub label: String,
    pub record: ImportRecord,
    pub buyer_name: String,
    pub buyer_siren: Option<String>,
    pub buyer_vat: Option<String>,
}

/// What an import writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportBatch {
    pub files: Vec<ImportFile>,
    pub new_clients: Vec<ClientInput>,
    pub items: Vec<ImportItem>,
}

/// What became of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemOutcome {
    Invoice(Invoice, Vec<Warning>),
    CreditNote(CreditNote),
    /// Refused by the checks: the error names the item.
    Refused(Error),
}

/// What an import wrote (or, tried, would write).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// One per item, in order.
    pub items: Vec<ItemOutcome>,
    pub clients: Vec<Client>,
    pub files: usize,
}

/// What the preview reads of the books: who the user is, who her clients are, what she already has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportIndex {
    pub business: Option<Business>,
    pub clients: Vec<Client>,
    pub invoices: Vec<Invoice>,
    pub credit_notes: Vec<CreditNote>,
    /// VAT numbers earlier imports named, and the client they were.
    pub vat_clients: Vec<(String, ClientId)>,
}

/// The error of an item, its message prefixed with what it is.
fn about(label: &str, e: Error) -> Error {
    Error {
        message: format!("{label}\u{a0}: {}", e.message),
        ..e
    }
}

struct Run<'b> {
    batch: &'b ImportBatch,
    today: NaiveDate,
    clients: HashMap<usize, Client>,
    files: HashMap<usize, i64>,
    invoices: HashMap<usize, InvoiceId>,
}

impl Run<'_> {
    fn client(&mut self, tx: &Transaction<'_>, r: ClientRef) -> Result<ClientId> {
        match r {
            ClientRef::Existing(id) => Ok(id),
            ClientRef::New(i) => {
                if let Some(c) = self.clients.get(&i) {
                    return Ok(c.id);
                }
                let input = self.batch.new_clients.get(i).ok_or_else(|| {
                    Error::new(
                        crate::ErrorCode::ClientNotFound,
                        "Client à créer introuvable dans l'import.",
                    )
                })?;
                let mut c = input.validate()?;
                c.id = db::client_insert(tx, &c, None)?;
                let id = c.id;
                self.clients.insert(i, c);
                Ok(id)
            }
        }
    }

    fn file(&mut self, tx: &Transaction<'_>, i: usize) -> Result<i64> {
        if let Some(id) = self.files.get(&i) {
            return Ok(*id);
        }
        let f = self.batch.files.get(i).ok_or_else(|| {
            Error::new(
                crate::ErrorCode::ImportFormat,
                "Fichier source introuvable dans l'import.",
            )
        })?;
        let id = match db::source_by_sha(tx, &f.sha256)? {
            Some(existing) => existing.id,
            None => db::source_insert(
                tx,
                &f.sha256,
                &f.file_name,
                &f.format,
                self.today,
                &f.content,
            )?,
        };
        self.files.insert(i, id);
        Ok(id)
    }

    /// One item, as the forms would write it.
    fn item(
        &mut self,
        tx: &Transaction<'_>,
        index: usize,
        item: &ImportItem,
    ) -> Result<ItemOutcome> {
        let (invoice_id, credit_note_id, outcome) = match &item.record {
            ImportRecord::Invoice { client, input } => {
                let mut input = input.clone();
                input.client_id = self.client(tx, *client)?;
                let mut inv = input.validate(checks::default_terms(tx)?)?;
                let warnings = checks::invoice(tx, &inv, None)?;
                inv.id = db::invoice_insert(tx, &inv, None)?;
                self.invoices.insert(index, inv.id);
                (Some(inv.id), None, ItemOutcome::Invoice(inv, warnings))
            }
            ImportRecord::CreditNote { invoice, input } => {
                let mut input = input.clone();
                input.invoice_id = match invoice {
                    InvoiceRef::Existing(id) => *id,
                    InvoiceRef::New(i) => self.invoices.get(i).copied().ok_or_else(|| {
                        Error::new(
                            crate::ErrorCode::InvoiceNotFound,
                            "la facture qu'il cite n'a pas pu être importée.",
                        )
                    })?,
                };
                let mut c = input.validate()?;
                checks::credit_note(tx, &c)?;
                c.id = db::credit_note_insert(tx, &c, None)?;
                (None, Some(c.id), ItemOutcome::CreditNote(c))
            }
        };
        let source = self.file(tx, item.file)?;
        db::imported_insert(
            tx,
            source,
            invoice_id,
            credit_note_id,
            &item.buyer_name,
            item.buyer_siren.as_deref(),
            item.buyer_vat.as_deref(),
        )?;
        Ok(outcome)
    }

    /// Every item; `tolerant`: an item refused by its checks is undone alone (a savepoint) and reported, the others
    /// go on; otherwise the first refusal stops the whole batch.
    fn all(mut self, tx: &Transaction<'_>, tolerant: bool) -> Result<ImportOutcome> {
        let mut items = Vec::with_capacity(self.batch.items.len());
        for (i, item) in self.batch.items.iter().enumerate() {
            tx.execute_batch("SAVEPOINT import_item")?;
            let saved = (
                self.clients.clone(),
                self.files.clone(),
                self.invoices.clone(),
            );
            match self.item(tx, i, item) {
                Ok(o) => {
                    tx.execute_batch("RELEASE import_item")?;
                    items.push(o);
                }
                Err(e) if tolerant => {
                    tx.execute_batch("ROLLBACK TO import_item; RELEASE import_item")?;
                    // What the savepoint undid is no longer there.
                    (self.clients, self.files, self.invoices) = saved;
                    items.push(ItemOutcome::Refused(about(&item.label, e)));
                }
                Err(e) => return Err(about(&item.label, e)),
            }
        }
        let mut clients: Vec<Client> = self.clients.into_values().collect();
        clients.sort_by_key(|c| c.id);
        Ok(ImportOutcome {
            items,
            clients,
            files: self.files.len(),
        })
    }
}

/// The settings key of the CSV column mappings saved by earlier imports (JSON, read by the importer).
const CSV_PRESETS: &str = "csv_presets";

impl Ledger {
    /// The CSV column mappings saved by earlier imports, as the importer wrote them (JSON), if any.
    pub fn csv_presets(&self) -> Result<Option<String>> {
        db::setting_get(self.conn(), CSV_PRESETS)
    }

    /// Saves the CSV column mappings (JSON written by the importer).
    pub fn set_csv_presets(&mut self, json: &str) -> Result<()> {
        self.store
            .write(|tx| db::setting_put(tx, CSV_PRESETS, json))
    }

    /// What the preview of an import reads of the books.
    pub fn import_index(&self) -> Result<ImportIndex> {
        let conn = self.conn();
        Ok(ImportIndex {
            business: db::business_get(conn)?,
            clients: db::clients_all(conn)?,
            invoices: db::invoices_all(conn)?,
            credit_notes: db::credit_notes_all(conn)?,
            vat_clients: db::clients_by_buyer_vat(conn)?,
        })
    }

    /// The source file already imported with this SHA-256, if any.
    pub fn source_file(&self, sha256: &str) -> Result<Option<SourceFile>> {
        db::source_by_sha(self.conn(), sha256)
    }

    /// Every source file kept (without contents).
    pub fn source_files(&self) -> Result<Vec<SourceFile>> {
        db::sources_all(self.conn())
    }

    /// The file an invoice was imported from, and its bytes (to open it, or attach it to a reminder).
    pub fn invoice_source(&self, invoice_id: InvoiceId) -> Result<Option<(SourceFile, Vec<u8>)>> {
        db::invoice_source(self.conn(), invoice_id)
    }

    /// Every item checked exactly as [`Ledger::import_batch`] would write it, then nothing kept: each item's
    /// outcome, refused ones with their error.
    pub fn try_import_batch(
        &mut self,
        batch: &ImportBatch,
        today: NaiveDate,
    ) -> Result<ImportOutcome> {
        self.store.trial(|tx| {
            Run {
                batch,
                today,
                clients: HashMap::new(),
                files: HashMap::new(),
                invoices: HashMap::new(),
            }
            .all(tx, true)
        })
    }

    /// Writes the batch in one transaction: new clients, invoices, credit notes, and their source files. Any item
    /// refused by its checks refuses the whole batch, its error naming the item; nothing is written half-way.
    pub fn import_batch(&mut self, batch: &ImportBatch, today: NaiveDate) -> Result<ImportOutcome> {
        self.store.write(|tx| {
            Run {
                batch,
                today,
                clients: HashMap::new(),
                files: HashMap::new(),
                invoices: HashMap::new(),
            }
            .all(tx, false)
        })
    }
}
