//! The whole ledger as one JSON document: the user's way out, backups, and our test fixtures.
//! The format is documented in docs/data-format.md; `format` and `version` identify it.
//!
//! An import goes into an empty ledger only, keeps every id, runs every record through the same validation as
//! the app's forms and the same ledger checks, and happens in one transaction: all or nothing.

use crate::error::{Error, ErrorCode, Result};
use crate::input::{BusinessInput, ClientInput, CreditNoteInput, InvoiceInput, JournalInput};
use crate::ledger::{checks, Ledger};
use crate::model::{Business, Client, CreditNote, Invoice, JournalEntry, Payment};
use crate::money::Money;
use crate::storage as db;
use serde::{Deserialize, Serialize};

pub const FORMAT_NAME: &str = "tact-ledger";
pub const FORMAT_VERSION: u32 = 1;

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
            payments: db::payments_all(conn)?,
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
        })
    }

    /// Import a whole ledger (parsed from JSON) into this empty ledger, all or nothing.
    pub fn import(&mut self, data: &LedgerExport) -> Result<ImportReport> {
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
                if lines.iter().any(|(_, a)| !a.is_positive()) {
                    return Err(Error::field(ErrorCode::AmountNotPositive, "allocations", "Répartition\u{a0}: chaque montant affecté doit être positif.").within(&at));
                }
                checks::allocations(tx, p.client_id, &lines, p.amount).map_err(|e| e.within(&at))?;
                let stored = Payment { reference, ..p.clone() };
                db::payment_insert(tx, &stored, Some(p.id)).map_err(|e| conflict(e, &at))?;
                for a in &p.allocations {
                    db::allocation_insert(tx, p.id, a)?;
                }
            }
            let mut journal: Vec<&JournalEntry> = data.journal.iter().collect();
            journal.sort_by_key(|j| j.id);
            for j in journal {
                let at = format!("journal[id {}]", j.id);
                positive_id(j.id, &at)?;
                let mut valid = JournalInput::from(j).validate(true).map_err(|e| e.within(&at))?;
                valid.payment_id = j.payment_id;
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
            })
        })
    }

    /// Parse an export document and import it.
    pub fn import_json(&mut self, json: &str) -> Result<ImportReport> {
        let data: LedgerExport = serde_json::from_str(json).map_err(|e| {
            Error::new(
                ErrorCode::ImportFormat,
                format!(
                    "Fichier d'import illisible (ligne {}, colonne {})\u{a0}: {e}.",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        self.import(&data)
    }

    /// Fill an empty ledger with the example data of Sophie Marchand's studio (scenario.md), as of the morning
    /// of Monday 23 November 2026.
    pub fn load_demo(&mut self) -> Result<ImportReport> {
        self.import_json(DEMO_JSON)
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
