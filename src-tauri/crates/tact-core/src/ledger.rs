//! The ledger: the one entry point for every read and write of the user's books. The desktop commands and the
//! CLI call these methods and nothing else.
//!
//! Each write validates its input (see [`crate::input`]), checks it against the ledger (references, unique
//! numbers, balances) and writes inside one transaction: a rejected request writes nothing.

use crate::calendar::Calendar;
use crate::drafts::{self, Draft, DraftContext};
use crate::engine::{self, Action, ClientCase, ClientOverrides, Policy, Suggestion};
use crate::error::{Error, ErrorCode, Result};
use crate::input::{
    validate_allocations, AllocationInput, BusinessInput, ClientInput, CreditNoteInput,
    InvoiceInput, JournalInput, PaymentInput,
};
use crate::legal::{EcbRateInput, LegalRateInput, RateAdditions, RateTables};
use crate::letters::{
    self, Letter, LetterContext, LetterKind, LetterOptions, LetterRecord, MailingInput,
};
use crate::model::{
    Allocation, Business, Client, ClientId, ClientKind, ContactChannel, CreditNote, Invoice,
    InvoiceId, InvoiceStatus, JournalEntry, JournalId, JournalKind, Payment, PaymentId,
    PaymentTerms, Warning,
};
use crate::money::{allocate_in_order, Money};
use crate::standing::{self, ClientStanding, InvoiceState};
use crate::storage::{self as db, Store};
use crate::text::format_date_fr;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A record written, with the non-blocking warnings about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Saved<T> {
    pub record: T,
    pub warnings: Vec<Warning>,
}

/// A client with its standing: one line of the client list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientRow {
    #[serde(flatten)]
    pub client: Client,
    pub standing: ClientStanding,
}

/// An invoice with its derived state and client name: one line of the invoice list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceRow {
    #[serde(flatten)]
    pub invoice: Invoice,
    pub client_name: String,
    pub status: InvoiceStatus,
    pub status_label: &'static str,
    pub paid: Money,
    pub credited: Money,
    pub balance: Money,
    pub days_late: Option<i64>,
    pub settled_on: Option<NaiveDate>,
    pub last_paid_on: Option<NaiveDate>,
}

impl InvoiceRow {
    /// The derived state this row shows.
    pub fn state(&self) -> InvoiceState {
        InvoiceState {
            invoice_id: self.invoice.id,
            client_id: self.invoice.client_id,
            status: self.status,
            paid: self.paid,
            credited: self.credited,
            balance: self.balance,
            days_late: self.days_late,
            settled_on: self.settled_on,
            last_paid_on: self.last_paid_on,
        }
    }
}

/// A journal entry with what a reader needs: the French label, and whether a later entry corrected it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JournalView {
    #[serde(flatten)]
    pub entry: JournalEntry,
    pub kind_label: &'static str,
    pub invoice_number: Option<String>,
    pub corrected_by: Option<JournalId>,
}

/// Everything about one client, as of a date: the client page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientDetail {
    pub client: Client,
    pub standing: ClientStanding,
    pub invoices: Vec<InvoiceRow>,
    pub payments: Vec<Payment>,
    pub credit_notes: Vec<CreditNote>,
    pub journal: Vec<JournalView>,
}

/// Which clients a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ArchiveFilter {
    #[default]
    Active,
    Archived,
    All,
}

/// Sort keys of the client list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ClientSort {
    #[default]
    Name,
    Balance,
    Overdue,
    DaysLate,
}

/// A page of the client list: filtered, sorted and cut in Rust, so the screen only receives what it shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ClientQuery {
    pub search: Option<String>,
    pub archived: ArchiveFilter,
    pub sort: ClientSort,
    pub descending: bool,
    pub offset: u32,
    /// 0 means the default page size (50); at most 500.
    pub limit: u32,
}

/// Sort keys of the invoice list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceSort {
    #[default]
    DueDate,
    IssueDate,
    Number,
    Client,
    Amount,
    Balance,
    DaysLate,
}

/// A page of the invoice list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct InvoiceQuery {
    pub client_id: Option<ClientId>,
    pub status: Option<InvoiceStatus>,
    pub search: Option<String>,
    pub min_days_late: Option<i64>,
    pub sort: InvoiceSort,
    pub descending: bool,
    pub offset: u32,
    /// 0 means the default page size (50); at most 500.
    pub limit: u32,
}

/// One page of a list and the total number of matching rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub total: u32,
    pub offset: u32,
}

fn page_of<T>(mut all: Vec<T>, offset: u32, limit: u32) -> Page<T> {
    let total = u32::try_from(all.len()).unwrap_or(u32::MAX);
    let limit = match limit {
        0 => 50,
        n => n.min(500),
    } as usize;
    let start = (offset as usize).min(all.len());
    let rows: Vec<T> = all.drain(start..).take(limit).collect();
    Page {
        rows,
        total,
        offset: u32::try_from(start).unwrap_or(u32::MAX),
    }
}

/// What a client owes beyond the principal, invoice by invoice (« Pénalités de retard »).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientPenalties {
    pub client_id: ClientId,
    pub as_of: NaiveDate,
    /// The mise en demeure B2C interest runs from, if one was sent.
    pub formal_notice: Option<NaiveDate>,
    pub invoices: Vec<InvoicePenalty>,
    /// The overdue principal.
    pub principal: Money,
    pub interest: Money,
    pub indemnities: Money,
    pub total: Money,
    pub warnings: Vec<Warning>,
}

/// One overdue invoice's penalties and prescription date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoicePenalty {
    pub invoice_id: InvoiceId,
    pub number: String,
    pub due_date: NaiveDate,
    pub balance: Money,
    /// After this date, payment can no longer be claimed in court (C. com. L110-4, C. conso. L218-2).
    pub prescription: NaiveDate,
    pub accrual: crate::legal::InvoiceAccrual,
}

/// A client, its standing, its invoices with their states, its history.
type CaseParts = (
    Client,
    ClientStanding,
    Vec<(Invoice, InvoiceState)>,
    Vec<JournalEntry>,
);

const POLICY_KEY: &str = "policy";
/// How many clients the agenda lists under « Dans les 7 jours » and « Rien à faire »; the totals say how many more.
const AGENDA_SIDE_LIMIT: usize = 50;

/// A client on the agenda, with its suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaItem {
    pub client_id: ClientId,
    pub client_name: String,
    pub client_kind: ClientKind,
    pub balance: Money,
    pub overdue_total: Money,
    pub max_days_late: Option<i64>,
    pub suggestion: Suggestion,
}

/// Aujourd'hui.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agenda {
    pub today: NaiveDate,
    /// Something to do today, most urgent first.
    pub due: Page<AgendaItem>,
    /// Something to do within the next 7 days, soonest first (at most 50).
    pub coming: Vec<AgendaItem>,
    pub coming_total: u32,
    /// Nothing to do, each with why (at most 50, largest balances first).
    pub resting: Vec<AgendaItem>,
    pub resting_total: u32,
}

/// The user's books.
#[derive(Debug)]
pub struct Ledger {
    store: Store,
}

fn not_found(code: ErrorCode, field: &str, what: &str, id: i64) -> Error {
    Error::field(code, field, format!("{what} n°\u{a0}{id} introuvable."))
}

fn client_in(conn: &Connection, id: ClientId, field: &str) -> Result<Client> {
    db::client_get(conn, id)?.ok_or_else(|| {
        Error::field(
            ErrorCode::ClientNotFound,
            field,
            format!("Client\u{a0}: aucun client n°\u{a0}{id} dans vos fichiers."),
        )
    })
}

fn invoice_in(conn: &Connection, id: InvoiceId, field: &str) -> Result<Invoice> {
    db::invoice_get(conn, id)?.ok_or_else(|| {
        Error::field(
            ErrorCode::InvoiceNotFound,
            field,
            format!("Facture\u{a0}: aucune facture n°\u{a0}{id} dans vos fichiers."),
        )
    })
}

fn payment_in(conn: &Connection, id: PaymentId, field: &str) -> Result<Payment> {
    db::payment_get(conn, id)?
        .ok_or_else(|| not_found(ErrorCode::PaymentNotFound, field, "Règlement", id))
}

/// What is still owed on an invoice over all time (amount − allocations − credit notes).
fn outstanding(conn: &Connection, inv: &Invoice) -> Result<Money> {
    let (paid, credited) = db::invoice_settled(conn, inv.id)?;
    inv.amount.checked_sub(paid.checked_add(credited)?)
}

fn matches_search(needle: &str, hay: &[Option<&str>]) -> bool {
    hay.iter()
        .flatten()
        .any(|h| h.to_lowercase().contains(needle))
}

impl Ledger {
    /// Open the ledger at `path`, creating and migrating it as needed.
    pub fn open(path: &Path) -> Result<Ledger> {
        Ok(Ledger {
            store: Store::open(path)?,
        })
    }

    pub fn open_in_memory() -> Result<Ledger> {
        Ok(Ledger {
            store: Store::open_in_memory()?,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    fn conn(&self) -> &Connection {
        self.store.conn()
    }

    pub fn is_empty(&self) -> Result<bool> {
        db::ledger_is_empty(self.conn())
    }

    // ------------------------------------------------------------ business

    pub fn business(&self) -> Result<Option<Business>> {
        db::business_get(self.conn())
    }

    /// Create or replace the business profile.
    pub fn set_business(&mut self, input: &BusinessInput) -> Result<Business> {
        let b = input.validate()?;
        self.store.write(|tx| db::business_put(tx, &b))?;
        Ok(b)
    }

    fn default_terms(conn: &Connection) -> Result<PaymentTerms> {
        Ok(db::business_get(conn)?.map_or(PaymentTerms::Days { days: 30 }, |b| b.default_terms))
    }

    // ------------------------------------------------------------ clients

    pub fn add_client(&mut self, input: &ClientInput) -> Result<Client> {
        let mut c = input.validate()?;
        c.id = self.store.write(|tx| db::client_insert(tx, &c, None))?;
        Ok(c)
    }

    /// Replace a client's details (its archived state is kept).
    pub fn update_client(&mut self, id: ClientId, input: &ClientInput) -> Result<Client> {
        let mut c = input.validate()?;
        self.store.write(|tx| {
            let old = client_in(tx, id, "id")?;
            c.id = id;
            c.archived = old.archived;
            db::client_update(tx, &c)
        })?;
        Ok(c)
    }

    /// Archive (or bring back) a client. Archived clients keep all their records and leave the daily lists.
    pub fn set_client_archived(&mut self, id: ClientId, archived: bool) -> Result<Client> {
        self.store.write(|tx| {
            let mut c = client_in(tx, id, "id")?;
            c.archived = archived;
            db::client_update(tx, &c)?;
            Ok(c)
        })
    }

    /// Delete a client that has no invoice, payment or journal entry. Otherwise it can only be archived: the
    /// books keep their history.
    pub fn delete_client(&mut self, id: ClientId) -> Result<()> {
        self.store.write(|tx| {
            let c = client_in(tx, id, "id")?;
            if db::client_has_records(tx, id)? {
                return Err(Error::field(
                    ErrorCode::ClientHasInvoices,
                    "id",
                    format!("{} a des factures, des règlements ou un historique\u{a0}: archivez-le plutôt, ses données seront conservées.", c.name),
                ));
            }
            db::client_delete(tx, id)
        })
    }

    pub fn client(&self, id: ClientId) -> Result<Client> {
        client_in(self.conn(), id, "id")
    }

    pub fn clients(&self) -> Result<Vec<Client>> {
        db::clients_all(self.conn())
    }

    // ------------------------------------------------------------ invoices

    fn check_invoice(
        conn: &Connection,
        inv: &Invoice,
        existing: Option<&Invoice>,
    ) -> Result<Vec<Warning>> {
        let client = client_in(conn, inv.client_id, "client_id")?;
        let client_changed = existing.is_none_or(|e| e.client_id != inv.client_id);
        if client.archived && client_changed {
            return Err(Error::field(
                ErrorCode::ClientArchived,
                "client_id",
                format!("Client\u{a0}: {} est archivé\u{a0}; réactivez-le avant de lui ajouter une facture.", client.name),
            ));
        }
        if let Some(other) = db::invoice_by_number(conn, &inv.number)? {
            if existing.is_none_or(|e| e.id != other.id) {
                return Err(Error::field(
                    ErrorCode::DuplicateInvoiceNumber,
                    "number",
                    format!(
                        "Numéro de facture\u{a0}: la facture {} existe déjà (client n°\u{a0}{}).",
                        other.number, other.client_id
                    ),
                ));
            }
        }
        let mut warnings = Vec::new();
        if client.kind == ClientKind::Professional {
            if let Some(message) = inv.terms.legal_cap_warning(inv.issue_date) {
                warnings.push(Warning {
                    code: "terms_beyond_legal_cap".into(),
                    message,
                });
            }
        }
        Ok(warnings)
    }

    pub fn add_invoice(&mut self, input: &InvoiceInput) -> Result<Saved<Invoice>> {
        self.store.write(|tx| {
            let mut inv = input.validate(Self::default_terms(tx)?)?;
            let warnings = Self::check_invoice(tx, &inv, None)?;
            inv.id = db::invoice_insert(tx, &inv, None)?;
            Ok(Saved {
                record: inv,
                warnings,
            })
        })
    }

    /// Correct an invoice. Its amount cannot fall below what was already paid or credited, and an invoice with
    /// payments or credit notes keeps its client.
    pub fn update_invoice(
        &mut self,
        id: InvoiceId,
        input: &InvoiceInput,
    ) -> Result<Saved<Invoice>> {
        self.store.write(|tx| {
            let old = invoice_in(tx, id, "id")?;
            let mut inv = input.validate(Self::default_terms(tx)?)?;
            inv.id = id;
            let warnings = Self::check_invoice(tx, &inv, Some(&old))?;
            let (paid, credited) = db::invoice_settled(tx, id)?;
            let settled = paid.checked_add(credited)?;
            if settled.is_positive() && inv.client_id != old.client_id {
                return Err(Error::field(
                    ErrorCode::InvoiceHasActivity,
                    "client_id",
                    "Client\u{a0}: cette facture a déjà des règlements ou des avoirs, son client ne peut plus changer.",
                ));
            }
            if inv.amount < settled {
                return Err(Error::field(
                    ErrorCode::AmountBelowSettled,
                    "amount",
                    format!(
                        "Montant TTC\u{a0}: {} déjà réglé ou crédité sur cette facture\u{a0}; le montant ne peut pas être inférieur.",
                        settled.format_fr()
                    ),
                ));
            }
            db::invoice_update(tx, &inv)?;
            Ok(Saved { record: inv, warnings })
        })
    }

    pub fn invoice(&self, id: InvoiceId) -> Result<Invoice> {
        invoice_in(self.conn(), id, "id")
    }

    pub fn invoice_by_number(&self, number: &str) -> Result<Invoice> {
        db::invoice_by_number(self.conn(), number.trim())?.ok_or_else(|| {
            Error::field(
                ErrorCode::InvoiceNotFound,
                "number",
                format!("Facture\u{a0}: aucune facture numérotée {number}."),
            )
        })
    }

    // ------------------------------------------------------------ payments

    /// Record a payment. Without explicit allocations it settles the client's open invoices, overdue first then
    /// by oldest due date (C. civ. 1342-10); what is left stays as client credit. Writes a "payment recorded"
    /// journal entry in the same transaction.
    pub fn record_payment(&mut self, input: &PaymentInput) -> Result<Payment> {
        let v = input.validate()?;
        self.store.write(|tx| {
            let client = client_in(tx, v.client_id, "client_id")?;
            let allocations = match &v.allocations {
                Some(lines) => Self::check_allocations(tx, client.id, lines, v.amount)?,
                None => {
                    let mut open: Vec<(Invoice, Money)> = Vec::new();
                    for inv in db::invoices_of_client(tx, client.id)? {
                        let left = outstanding(tx, &inv)?;
                        if left.is_positive() {
                            open.push((inv, left));
                        }
                    }
                    // Overdue on the payment date first, then by due date, then issue order.
                    open.sort_by_key(|(i, _)| (i.due_date >= v.date, i.due_date, i.id));
                    let balances: Vec<(InvoiceId, Money)> =
                        open.iter().map(|(i, m)| (i.id, *m)).collect();
                    allocate_in_order(v.amount, &balances).0
                }
            };
            let mut p = Payment {
                id: 0,
                client_id: client.id,
                date: v.date,
                amount: v.amount,
                method: v.method,
                reference: v.reference.clone(),
                allocations: allocations
                    .iter()
                    .map(|&(invoice_id, amount)| Allocation { invoice_id, amount })
                    .collect(),
            };
            p.id = db::payment_insert(tx, &p, None)?;
            for a in &p.allocations {
                db::allocation_insert(tx, p.id, a)?;
            }
            Self::log_payment(tx, &p)?;
            Ok(p)
        })
    }

    /// Check explicit allocation lines: each invoice is the client's and can take that much.
    fn check_allocations(
        conn: &Connection,
        client_id: ClientId,
        lines: &[(InvoiceId, Money)],
        available: Money,
    ) -> Result<Vec<(InvoiceId, Money)>> {
        let total = Money::sum(lines.iter().map(|(_, a)| *a))?;
        if total > available {
            return Err(Error::field(
                ErrorCode::AllocationExceedsPayment,
                "allocations",
                format!(
                    "Répartition\u{a0}: {} à répartir, mais {} disponible.",
                    total.format_fr(),
                    available.format_fr()
                ),
            ));
        }
        for (i, &(invoice_id, amount)) in lines.iter().enumerate() {
            let at = format!("allocations[{i}]");
            let inv = invoice_in(conn, invoice_id, "invoice_id").map_err(|e| e.within(&at))?;
            if inv.client_id != client_id {
                return Err(Error::field(
                    ErrorCode::ClientMismatch,
                    "invoice_id",
                    format!(
                        "Facture\u{a0}: {} n'est pas une facture de ce client.",
                        inv.number
                    ),
                )
                .within(&at));
            }
            let left = outstanding(conn, &inv)?;
            if amount > left {
                return Err(Error::field(
                    ErrorCode::AllocationExceedsBalance,
                    "amount",
                    format!(
                        "Montant affecté\u{a0}: il reste {} à régler sur la facture {}, vous affectez {}.",
                        left.format_fr(),
                        inv.number,
                        amount.format_fr()
                    ),
                )
                .within(&at));
            }
        }
        Ok(lines.to_vec())
    }

    fn log_payment(conn: &Connection, p: &Payment) -> Result<()> {
        let mut parts = Vec::new();
        for a in &p.allocations {
            let number = db::invoice_get(conn, a.invoice_id)?
                .map(|i| i.number)
                .unwrap_or_default();
            parts.push(format!("{} sur {number}", a.amount.format_fr()));
        }
        let rest = p.unallocated()?;
        if rest.is_positive() {
            parts.push(format!("{} en avoir client", rest.format_fr()));
        }
        let text = format!(
            "{} reçu par {} ({}).",
            p.amount.format_fr(),
            p.method.label_fr().to_lowercase(),
            parts.join(", ")
        );
        let entry = JournalEntry {
            id: 0,
            client_id: p.client_id,
            invoice_id: (p.allocations.len() == 1).then(|| p.allocations[0].invoice_id),
            date: p.date,
            kind: JournalKind::PaymentRecorded,
            channel: None,
            call_outcome: None,
            promise_date: None,
            promise_amount: None,
            text: Some(text),
            payment_id: Some(p.id),
            corrects: None,
        };
        db::journal_insert(conn, &entry, None)?;
        Ok(())
    }

    /// Apply a payment's unallocated part (client credit) to invoices of the same client.
    pub fn allocate_credit(
        &mut self,
        payment_id: PaymentId,
        lines: &[AllocationInput],
    ) -> Result<Payment> {
        let parsed = validate_allocations(lines)?;
        if parsed.is_empty() {
            return Err(Error::field(
                ErrorCode::Required,
                "allocations",
                "Répartition\u{a0}: indiquez au moins une facture.",
            ));
        }
        self.store.write(|tx| {
            let p = payment_in(tx, payment_id, "payment_id")?;
            let available = p.unallocated()?;
            let lines = Self::check_allocations(tx, p.client_id, &parsed, available)?;
            for &(invoice_id, amount) in &lines {
                db::allocation_insert(tx, p.id, &Allocation { invoice_id, amount })?;
            }
            payment_in(tx, payment_id, "payment_id")
        })
    }

    pub fn payment(&self, id: PaymentId) -> Result<Payment> {
        payment_in(self.conn(), id, "id")
    }

    pub fn payments(&self, client_id: Option<ClientId>) -> Result<Vec<Payment>> {
        match client_id {
            Some(id) => {
                client_in(self.conn(), id, "client_id")?;
                db::payments_of_client(self.conn(), id)
            }
            None => db::payments_all(self.conn()),
        }
    }

    // ------------------------------------------------------------ credit notes

    pub fn add_credit_note(&mut self, input: &CreditNoteInput) -> Result<CreditNote> {
        let mut c = input.validate()?;
        self.store.write(|tx| {
            let inv = invoice_in(tx, c.invoice_id, "invoice_id")?;
            if db::credit_note_number_taken(tx, &c.number)? {
                return Err(Error::field(
                    ErrorCode::DuplicateCreditNoteNumber,
                    "number",
                    format!("Numéro d'avoir\u{a0}: l'avoir {} existe déjà.", c.number),
                ));
            }
            let left = outstanding(tx, &inv)?;
            if c.amount > left {
                return Err(Error::field(
                    ErrorCode::CreditExceedsBalance,
                    "amount",
                    format!(
                        "Montant de l'avoir\u{a0}: il reste {} à régler sur la facture {}.",
                        left.format_fr(),
                        inv.number
                    ),
                ));
            }
            if c.date < inv.issue_date {
                return Err(Error::field(
                    ErrorCode::InvalidDate,
                    "date",
                    format!(
                        "Date de l'avoir\u{a0}: elle ne peut pas précéder la facture ({}).",
                        format_date_fr(inv.issue_date)
                    ),
                ));
            }
            c.id = db::credit_note_insert(tx, &c, None)?;
            Ok(c.clone())
        })
    }

    pub fn credit_note(&self, id: i64) -> Result<CreditNote> {
        db::credit_note_get(self.conn(), id)?
            .ok_or_else(|| not_found(ErrorCode::CreditNoteNotFound, "id", "Avoir", id))
    }

    pub fn credit_notes(&self, client_id: Option<ClientId>) -> Result<Vec<CreditNote>> {
        match client_id {
            Some(id) => db::credit_notes_of_client(self.conn(), id),
            None => db::credit_notes_all(self.conn()),
        }
    }

    // ------------------------------------------------------------ journal

    fn check_journal(conn: &Connection, e: &JournalEntry) -> Result<()> {
        client_in(conn, e.client_id, "client_id")?;
        if let Some(invoice_id) = e.invoice_id {
            let inv = invoice_in(conn, invoice_id, "invoice_id")?;
            if inv.client_id != e.client_id {
                return Err(Error::field(
                    ErrorCode::ClientMismatch,
                    "invoice_id",
                    format!(
                        "Facture\u{a0}: {} n'est pas une facture de ce client.",
                        inv.number
                    ),
                ));
            }
        }
        if let Some(target) = e.corrects {
            let old = db::journal_get(conn, target)?.ok_or_else(|| {
                not_found(
                    ErrorCode::JournalEntryNotFound,
                    "corrects",
                    "Entrée d'historique",
                    target,
                )
            })?;
            if old.client_id != e.client_id {
                return Err(Error::field(
                    ErrorCode::InvalidCorrection,
                    "corrects",
                    "Correction\u{a0}: l'entrée corrigée concerne un autre client.",
                ));
            }
            if old.kind == JournalKind::PaymentRecorded {
                return Err(Error::field(
                    ErrorCode::InvalidCorrection,
                    "corrects",
                    "Correction\u{a0}: un règlement reçu ne se corrige pas dans l'historique.",
                ));
            }
            if let Some(newer) = db::journal_corrected_by(conn, target)? {
                return Err(Error::field(
                    ErrorCode::InvalidCorrection,
                    "corrects",
                    format!("Correction\u{a0}: cette entrée a déjà été corrigée par l'entrée n°\u{a0}{newer}\u{a0}; corrigez celle-ci."),
                ));
            }
        }
        Ok(())
    }

    /// Append an entry to a client's history (a correction points at the entry it replaces).
    pub fn add_journal_entry(&mut self, input: &JournalInput) -> Result<JournalEntry> {
        let mut e = input.validate(false)?;
        self.store.write(|tx| {
            Self::check_journal(tx, &e)?;
            e.id = db::journal_insert(tx, &e, None)?;
            Ok(e.clone())
        })
    }

    pub fn journal_entry(&self, id: JournalId) -> Result<JournalView> {
        let e = db::journal_get(self.conn(), id)?.ok_or_else(|| {
            not_found(
                ErrorCode::JournalEntryNotFound,
                "id",
                "Entrée d'historique",
                id,
            )
        })?;
        self.view(e)
    }

    fn view(&self, entry: JournalEntry) -> Result<JournalView> {
        let invoice_number = match entry.invoice_id {
            Some(id) => db::invoice_get(self.conn(), id)?.map(|i| i.number),
            None => None,
        };
        Ok(JournalView {
            kind_label: entry.kind.label_fr(),
            corrected_by: db::journal_corrected_by(self.conn(), entry.id)?,
            invoice_number,
            entry,
        })
    }

    /// A client's history, oldest first.
    pub fn journal(&self, client_id: ClientId) -> Result<Vec<JournalView>> {
        client_in(self.conn(), client_id, "client_id")?;
        db::journal_of_client(self.conn(), client_id)?
            .into_iter()
            .map(|e| self.view(e))
            .collect()
    }

    // ------------------------------------------------------------ derived views

    /// Every client's standing as of `as_of`.
    pub fn standings(&self, as_of: NaiveDate) -> Result<Vec<ClientStanding>> {
        let facts = db::load_facts(self.conn())?;
        standing::client_standings(&facts, as_of)
    }

    /// Every invoice's state as of `as_of`.
    pub fn invoice_states(&self, as_of: NaiveDate) -> Result<Vec<InvoiceState>> {
        let facts = db::load_facts(self.conn())?;
        standing::invoice_states(&facts, as_of)
    }

    /// Every client matching the query (search, archived filter), with standings, sorted as asked; the offset
    /// and limit are ignored (see [`Ledger::client_page`]).
    pub fn client_rows(&self, as_of: NaiveDate, q: &ClientQuery) -> Result<Vec<ClientRow>> {
        let clients = db::clients_all(self.conn())?;
        let facts = db::load_facts(self.conn())?;
        let standings = standing::client_standings(&facts, as_of)?;
        let by_id: std::collections::HashMap<ClientId, ClientStanding> =
            standings.into_iter().map(|s| (s.client_id, s)).collect();
        let needle = q
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_lowercase);
        let mut rows: Vec<ClientRow> = clients
            .into_iter()
            .filter(|c| match q.archived {
                ArchiveFilter::Active => !c.archived,
                ArchiveFilter::Archived => c.archived,
                ArchiveFilter::All => true,
            })
            .filter(|c| {
                needle.as_deref().is_none_or(|n| {
                    matches_search(
                        n,
                        &[
                            Some(&c.name),
                            c.contact_name.as_deref(),
                            c.contact.email.as_deref(),
                            c.contact.city.as_deref(),
                        ],
                    )
                })
            })
            .map(|c| {
                let standing = by_id.get(&c.id).cloned().unwrap_or_default();
                ClientRow {
                    client: c,
                    standing,
                }
            })
            .collect();
        match q.sort {
            ClientSort::Name => {}
            ClientSort::Balance => rows.sort_by_key(|r| r.standing.balance),
            ClientSort::Overdue => rows.sort_by_key(|r| r.standing.overdue_total),
            ClientSort::DaysLate => rows.sort_by_key(|r| r.standing.max_days_late),
        }
        if q.descending {
            rows.reverse();
        }
        Ok(rows)
    }

    /// Every invoice matching the query, with derived states, sorted as asked; the offset and limit are ignored
    /// (see [`Ledger::invoice_page`]).
    pub fn invoice_rows(&self, as_of: NaiveDate, q: &InvoiceQuery) -> Result<Vec<InvoiceRow>> {
        Ok(self.query_invoices(as_of, q, false)?.0)
    }

    /// A page of the client list.
    pub fn client_page(&self, as_of: NaiveDate, q: &ClientQuery) -> Result<Page<ClientRow>> {
        Ok(page_of(self.client_rows(as_of, q)?, q.offset, q.limit))
    }

    /// A page of the invoice list.
    pub fn invoice_page(&self, as_of: NaiveDate, q: &InvoiceQuery) -> Result<Page<InvoiceRow>> {
        let (rows, total, offset) = self.query_invoices(as_of, q, true)?;
        Ok(Page {
            rows,
            total,
            offset,
        })
    }

    /// The invoice list: filtered and sorted on the compact facts and the derived states, with the text search
    /// done in SQL; full records are loaded only for the rows returned (one page, unless `paged` is false).
    fn query_invoices(
        &self,
        as_of: NaiveDate,
        q: &InvoiceQuery,
        paged: bool,
    ) -> Result<(Vec<InvoiceRow>, u32, u32)> {
        let conn = self.conn();
        let facts = match q.client_id {
            Some(id) => db::load_client_facts(conn, id)?,
            None => db::load_facts(conn)?,
        };
        let states = standing::invoice_states(&facts, as_of)?;
        let needle = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let matching = needle
            .map(|n| db::search_invoice_ids(conn, n))
            .transpose()?;
        let mut picked: Vec<usize> = (0..facts.invoices.len())
            .filter(|&i| {
                let (f, st) = (&facts.invoices[i], &states[i]);
                q.client_id.is_none_or(|c| f.client_id == c)
                    && q.status.is_none_or(|s| st.status == s)
                    && q.min_days_late
                        .is_none_or(|m| st.days_late.unwrap_or(0) >= m)
                    && matching.as_ref().is_none_or(|ids| ids.contains(&f.id))
            })
            .collect();
        let names = db::client_names(conn)?;
        let key_id = |i: &usize| facts.invoices[*i].id;
        match q.sort {
            InvoiceSort::DueDate => {
                picked.sort_by_key(|i| (facts.invoices[*i].due_date, key_id(i)))
            }
            InvoiceSort::IssueDate => {
                picked.sort_by_key(|i| (facts.invoices[*i].issue_date, key_id(i)))
            }
            InvoiceSort::Amount => picked.sort_by_key(|i| (facts.invoices[*i].amount, key_id(i))),
            InvoiceSort::Balance => picked.sort_by_key(|i| (states[*i].balance, key_id(i))),
            InvoiceSort::DaysLate => picked.sort_by_key(|i| (states[*i].days_late, key_id(i))),
            InvoiceSort::Number => {
                let numbers = db::invoice_numbers(conn)?;
                picked.sort_by_cached_key(|i| numbers.get(&key_id(i)).cloned().unwrap_or_default());
            }
            InvoiceSort::Client => picked.sort_by_cached_key(|i| {
                let name = names
                    .get(&facts.invoices[*i].client_id)
                    .map(|n| n.to_lowercase())
                    .unwrap_or_default();
                (name, facts.invoices[*i].due_date, key_id(i))
            }),
        }
        if q.descending {
            picked.reverse();
        }
        let total = u32::try_from(picked.len()).unwrap_or(u32::MAX);
        let (start, shown): (usize, Vec<usize>) = if paged {
            let limit = match q.limit {
                0 => 50,
                n => n.min(500),
            } as usize;
            let start = (q.offset as usize).min(picked.len());
            (
                start,
                picked.iter().skip(start).take(limit).copied().collect(),
            )
        } else {
            (0, picked)
        };
        let ids: Vec<InvoiceId> = shown.iter().map(|i| facts.invoices[*i].id).collect();
        let mut records: std::collections::HashMap<InvoiceId, Invoice> =
            db::invoices_by_ids(conn, &ids)?
                .into_iter()
                .map(|inv| (inv.id, inv))
                .collect();
        let rows = shown
            .iter()
            .filter_map(|&i| {
                let s = &states[i];
                let invoice = records.remove(&s.invoice_id)?;
                Some(InvoiceRow {
                    client_name: names.get(&invoice.client_id).cloned().unwrap_or_default(),
                    status: s.status,
                    status_label: s.status.label_fr(),
                    paid: s.paid,
                    credited: s.credited,
                    balance: s.balance,
                    days_late: s.days_late,
                    settled_on: s.settled_on,
                    last_paid_on: s.last_paid_on,
                    invoice,
                })
            })
            .collect();
        Ok((rows, total, u32::try_from(start).unwrap_or(u32::MAX)))
    }

    /// Clients with overdue invoices as of `as_of`, most urgent first (the longest late, then the largest amount
    /// overdue), a page at a time (the home screen is [`Ledger::agenda`]).
    pub fn overdue_clients(
        &self,
        as_of: NaiveDate,
        offset: u32,
        limit: u32,
    ) -> Result<Page<ClientRow>> {
        let mut rows: Vec<ClientRow> = self
            .client_rows(as_of, &ClientQuery::default())?
            .into_iter()
            .filter(|r| r.standing.overdue_total.is_positive())
            .collect();
        rows.sort_by(|a, b| {
            (b.standing.max_days_late, b.standing.overdue_total)
                .cmp(&(a.standing.max_days_late, a.standing.overdue_total))
        });
        Ok(page_of(rows, offset, limit))
    }

    /// The client page: details, standing, invoices, payments, credit notes and history, as of `as_of`.
    pub fn client_detail(&self, id: ClientId, as_of: NaiveDate) -> Result<ClientDetail> {
        let client = self.client(id)?;
        // Only this client's facts: a client page must not scan the whole ledger.
        let facts = db::load_client_facts(self.conn(), id)?;
        let standing = standing::client_standings(&facts, as_of)?
            .into_iter()
            .next()
            .unwrap_or_else(|| ClientStanding {
                client_id: id,
                ..Default::default()
            });
        Ok(ClientDetail {
            invoices: self.invoice_rows(
                as_of,
                &InvoiceQuery {
                    client_id: Some(id),
                    ..Default::default()
                },
            )?,
            payments: db::payments_of_client(self.conn(), id)?,
            credit_notes: db::credit_notes_of_client(self.conn(), id)?,
            journal: self.journal(id)?,
            client,
            standing,
        })
    }

    // ------------------------------------------------------------ the tact engine

    /// The policy of the ladder (Réglages), the defaults until the user changes it.
    pub fn policy(&self) -> Result<Policy> {
        match db::setting_get(self.conn(), POLICY_KEY)? {
            None => Ok(Policy::default()),
            Some(json) => serde_json::from_str(&json).map_err(|e| {
                Error::new(
                    ErrorCode::InvalidSetting,
                    format!("Réglages des relances illisibles ({e})\u{a0}: rétablissez les réglages par défaut."),
                )
            }),
        }
    }

    /// Store the policy after checking every value.
    pub fn set_policy(&mut self, policy: &Policy) -> Result<Policy> {
        policy.validate()?;
        let json = serde_json::to_string(policy)
            .map_err(|e| Error::new(ErrorCode::InvalidSetting, e.to_string()))?;
        self.store
            .write(|tx| db::setting_put(tx, POLICY_KEY, &json))?;
        Ok(policy.clone())
    }

    /// Back to the defaults of practice.md.
    pub fn reset_policy(&mut self) -> Result<Policy> {
        self.store.write(|tx| db::setting_clear(tx, POLICY_KEY))?;
        Ok(Policy::default())
    }

    pub fn overrides(&self, client_id: ClientId) -> Result<ClientOverrides> {
        client_in(self.conn(), client_id, "client_id")?;
        db::overrides_get(self.conn(), client_id)
    }

    /// A client's exceptions to the policy.
    pub fn set_overrides(
        &mut self,
        client_id: ClientId,
        overrides: &ClientOverrides,
    ) -> Result<ClientOverrides> {
        self.store.write(|tx| {
            client_in(tx, client_id, "client_id")?;
            db::overrides_put(tx, client_id, overrides)
        })?;
        Ok(overrides.clone())
    }

    /// « Reporter »: nothing is suggested for the client before `until`, and the history says so.
    pub fn postpone(
        &mut self,
        client_id: ClientId,
        until: &str,
        today: NaiveDate,
    ) -> Result<ClientOverrides> {
        let until = crate::text::parse_date("until", "Reporter au", until)?;
        if until <= today {
            return Err(Error::field(
                ErrorCode::InvalidDate,
                "until",
                format!(
                    "Reporter au\u{a0}: choisissez une date après aujourd'hui ({}).",
                    format_date_fr(today)
                ),
            ));
        }
        if until.signed_duration_since(today).num_days() > 366 {
            return Err(Error::field(
                ErrorCode::InvalidDate,
                "until",
                "Reporter au\u{a0}: choisissez une date dans l'année qui vient.",
            ));
        }
        let policy = self.policy()?;
        let step = self.suggestion(client_id, today, &policy)?.step;
        self.store.write(|tx| {
            let mut o = db::overrides_get(tx, client_id)?;
            o.pause_until = Some(until);
            db::overrides_put(tx, client_id, &o)?;
            let what = if step.action == Action::Nothing {
                "Relances suspendues".to_owned()
            } else {
                format!("{} reportée", step.action_label)
            };
            let entry = JournalEntry {
                id: 0,
                client_id,
                invoice_id: None,
                date: today,
                kind: JournalKind::Note,
                channel: None,
                call_outcome: None,
                promise_date: None,
                promise_amount: None,
                text: Some(format!("{what} au {}.", format_date_fr(until))),
                payment_id: None,
                corrects: None,
            };
            db::journal_insert(tx, &entry, None)?;
            Ok(o)
        })
    }

    /// The next tactful step for one client on `today` (see [`crate::engine`]).
    pub fn suggestion(
        &self,
        id: ClientId,
        today: NaiveDate,
        policy: &Policy,
    ) -> Result<Suggestion> {
        let (client, standing, invoices, journal) = self.case_parts(id, today)?;
        let overrides = db::overrides_get(self.conn(), id)?;
        let received = db::formal_notices_received(self.conn())?.get(&id).copied();
        let plans = self.plan_facts(today)?;
        let case = ClientCase {
            client: &client,
            standing: &standing,
            invoices: &invoices,
            journal: &journal,
            overrides: &overrides,
            formal_notice_received: received,
            plan: plans.current.get(&id),
            last_plan_on: plans.last_on.get(&id).copied(),
            acknowledged: plans.acknowledged.get(&id).map_or(&[], Vec::as_slice),
        };
        Ok(engine::suggest(&case, policy, &Calendar::france(), today))
    }

    /// « Marquer comme fait »: the history entries for the client's step due today, and the step alongside it when
    /// it is due too (one message covered both), in one transaction. `text` says what was sent (its subject). A
    /// phone call is noted with its outcome instead ([`Ledger::add_journal_entry`]).
    pub fn mark_done(
        &mut self,
        client_id: ClientId,
        today: NaiveDate,
        text: Option<&str>,
    ) -> Result<Vec<JournalEntry>> {
        let policy = self.policy()?;
        let s = self.suggestion(client_id, today, &policy)?;
        let text = text
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| t.chars().take(2_000).collect::<String>());
        let entries: Vec<JournalEntry> = [Some(&s.step), s.alongside.as_ref()]
            .into_iter()
            .flatten()
            .filter(|st| st.date <= today)
            .filter_map(|st| {
                let kind = st.done_as.filter(|k| *k != JournalKind::Call)?;
                let channel = match st.channel {
                    // A conversation step marked done from its email draft.
                    Some(ContactChannel::Phone) | None => Some(ContactChannel::Email),
                    other => other,
                };
                Some(JournalEntry {
                    id: 0,
                    client_id,
                    invoice_id: match st.invoices.as_slice() {
                        [one] => Some(*one),
                        _ => None,
                    },
                    date: today,
                    kind,
                    channel,
                    call_outcome: None,
                    promise_date: None,
                    promise_amount: None,
                    text: Some(match &text {
                        Some(t) => {
                            format!("{}\u{a0}: {}", st.action_label, crate::text::fr_quote(t))
                        }
                        None => st.action_label.clone(),
                    }),
                    payment_id: None,
                    corrects: None,
                })
            })
            .collect();
        if entries.is_empty() {
            return Err(Error::new(
                ErrorCode::NothingToDraft,
                "Rien à marquer comme fait aujourd'hui pour ce client (un appel se note avec son résultat).",
            ));
        }
        self.store.write(|tx| {
            entries
                .into_iter()
                .map(|mut e| {
                    e.id = db::journal_insert(tx, &e, None)?;
                    Ok(e)
                })
                .collect()
        })
    }

    /// Penalties (B2B) or legal interest (B2C) and the 40 € indemnity accrued to `today` on each of a client's
    /// invoices still owed, with their breakdown and the prescription date (see [`crate::legal`]).
    pub fn penalties(&self, client_id: ClientId, today: NaiveDate) -> Result<ClientPenalties> {
        let conn = self.conn();
        let client = self.client(client_id)?;
        let business = db::business_get(conn)?;
        let facts = db::load_client_facts(conn, client_id)?;
        let states = standing::invoice_states(&facts, today)?;
        let invoices = db::invoices_of_client(conn, client_id)?;
        // B2C interest runs from the last mise en demeure sent (its AR date once Tact records it).
        let journal = db::journal_of_client(conn, client_id)?;
        let corrected: Vec<JournalId> = journal.iter().filter_map(|e| e.corrects).collect();
        // The archived letter of that entry, when there is one, gives the AR date, else the posting date
        // (legal-fr A.3).
        let letters = db::letters_of_client(conn, client_id)?;
        let formal_notice = journal
            .iter()
            .filter(|e| {
                e.kind == JournalKind::FormalNotice && e.date <= today && !corrected.contains(&e.id)
            })
            .map(|e| {
                letters
                    .iter()
                    .find(|l| l.journal_id == e.id)
                    .and_then(|l| l.received_on.or(l.posted_on))
                    .filter(|d| *d <= today)
                    .unwrap_or(e.date)
            })
            .max();
        let tables = self.rate_tables()?;
        // A signed calendar acknowledges the debt: prescription starts again from its signature (C. civ. 2240).
        let acknowledged: std::collections::HashMap<InvoiceId, NaiveDate> =
            db::plan_acknowledgments(conn)?
                .into_iter()
                .filter(|(c, _, _)| *c == client_id)
                .map(|(_, i, d)| (i, d))
                .collect();
        let mut lines = Vec::new();
        for (fact, st) in facts.invoices.iter().zip(&states) {
            // Overdue and not disputed: a contested invoice is settled first, not charged.
            let owed = st.status == InvoiceStatus::Overdue && fact.issue_date <= today;
            let Some(inv) = invoices.iter().find(|i| i.id == fact.id) else {
                continue;
            };
            if !owed || fact.due_date >= today {
                continue;
            }
            let settlements: Vec<(NaiveDate, Money)> = facts
                .settlements
                .iter()
                .filter(|x| x.invoice_id == fact.id)
                .map(|x| (x.date, x.amount))
                .collect();
            let accrual = crate::legal::accrual(
                &crate::legal::AccrualInput {
                    debtor: client.kind,
                    collective_procedure: client.collective_procedure
                        != crate::model::CollectiveProcedure::None,
                    amount: fact.amount,
                    due_date: fact.due_date,
                    settlements: &settlements,
                    stipulated_rate: inv
                        .penalty_rate
                        .or(business.as_ref().and_then(|b| b.penalty_rate)),
                    formal_notice,
                    until: today,
                },
                &tables,
            )?;
            lines.push(InvoicePenalty {
                invoice_id: fact.id,
                number: inv.number.clone(),
                due_date: fact.due_date,
                balance: st.balance,
                prescription: engine::prescription_date(
                    client.kind,
                    fact.due_date,
                    st.last_paid_on.max(acknowledged.get(&fact.id).copied()),
                ),
                accrual,
            });
        }
        let interest = Money::sum(lines.iter().map(|l| l.accrual.interest))?;
        let indemnities = Money::sum(lines.iter().map(|l| l.accrual.indemnity))?;
        let principal = Money::sum(lines.iter().map(|l| l.balance))?;
        let mut warnings: Vec<Warning> = Vec::new();
        for w in lines.iter().flat_map(|l| l.accrual.warnings.iter()) {
            if !warnings.contains(w) {
                warnings.push(w.clone());
            }
        }
        Ok(ClientPenalties {
            client_id,
            as_of: today,
            formal_notice,
            total: principal.checked_add(interest)?.checked_add(indemnities)?,
            principal,
            interest,
            indemnities,
            invoices: lines,
            warnings,
        })
    }

    /// The draft for a client's current step on `today` (email, call sheet, or memo).
    pub fn draft(&self, client_id: ClientId, today: NaiveDate) -> Result<Draft> {
        let policy = self.policy()?;
        let suggestion = self.suggestion(client_id, today, &policy)?;
        self.with_draft_context(client_id, today, |ctx| drafts::draft(ctx, &suggestion))
    }

    /// The email that confirms a call recorded in the history.
    pub fn call_confirmation(&self, journal_id: JournalId, today: NaiveDate) -> Result<Draft> {
        let entry = db::journal_get(self.conn(), journal_id)?.ok_or_else(|| {
            not_found(
                ErrorCode::JournalEntryNotFound,
                "journal_id",
                "Entrée d'historique",
                journal_id,
            )
        })?;
        self.with_draft_context(entry.client_id, today, |ctx| {
            drafts::call_confirmation(ctx, &entry)
        })
    }

    /// What a draft reads about a client, as of `today`.
    fn with_draft_context<T>(
        &self,
        client_id: ClientId,
        today: NaiveDate,
        f: impl FnOnce(&DraftContext<'_>) -> Result<T>,
    ) -> Result<T> {
        let business = self.business_for_drafts()?;
        let (client, _, invoices, journal) = self.case_parts(client_id, today)?;
        let plan = self.current_plan(client_id, today)?;
        f(&DraftContext {
            business: &business,
            client: &client,
            invoices: &invoices,
            journal: &journal,
            plan: plan.as_ref(),
            today,
        })
    }

    fn business_for_drafts(&self) -> Result<Business> {
        self.business()?.ok_or_else(|| {
            Error::new(
                ErrorCode::BusinessNotSet,
                "Renseignez d'abord « Mon entreprise » (nom, coordonnées, IBAN)\u{a0}: les brouillons sont signés avec.",
            )
        })
    }

    /// A client, its standing, its invoices with their states, and its history, as of `today`.
    fn case_parts(&self, client_id: ClientId, today: NaiveDate) -> Result<CaseParts> {
        let detail = self.client_detail(client_id, today)?;
        let invoices = detail
            .invoices
            .iter()
            .map(|r| (r.invoice.clone(), r.state()))
            .collect();
        let journal = detail.journal.into_iter().map(|v| v.entry).collect();
        Ok((detail.client, detail.standing, invoices, journal))
    }

    /// The next step for every active client, in the clients' order. The whole ledger is read once: the facts
    /// and states for all invoices, full records only for the invoices with something owed, the journal grouped
    /// by client.
    pub fn suggestions(
        &self,
        today: NaiveDate,
        policy: &Policy,
    ) -> Result<Vec<(Client, Suggestion)>> {
        Ok(self
            .suggest_all(today, policy)?
            .into_iter()
            .map(|(c, s, _)| (c, s))
            .collect())
    }

    /// Every active client with its suggestion and its standing.
    fn suggest_all(
        &self,
        today: NaiveDate,
        policy: &Policy,
    ) -> Result<Vec<(Client, Suggestion, ClientStanding)>> {
        let conn = self.conn();
        let facts = db::load_facts(conn)?;
        let states = standing::invoice_states(&facts, today)?;
        let standings = standing::client_standings_from(&facts, &states, today)?;
        let standing_of: std::collections::HashMap<ClientId, &ClientStanding> =
            standings.iter().map(|s| (s.client_id, s)).collect();
        // Full records only where the engine needs them: invoices issued by today with a balance.
        let owed: Vec<&InvoiceState> = facts
            .invoices
            .iter()
            .zip(&states)
            .filter(|(f, st)| f.issue_date <= today && st.balance.is_positive())
            .map(|(_, st)| st)
            .collect();
        let ids: Vec<InvoiceId> = owed.iter().map(|st| st.invoice_id).collect();
        let mut records: std::collections::HashMap<InvoiceId, Invoice> =
            db::invoices_by_ids(conn, &ids)?
                .into_iter()
                .map(|i| (i.id, i))
                .collect();
        let mut invoices_of: std::collections::HashMap<ClientId, Vec<(Invoice, InvoiceState)>> =
            std::collections::HashMap::new();
        for st in owed {
            if let Some(inv) = records.remove(&st.invoice_id) {
                invoices_of
                    .entry(st.client_id)
                    .or_default()
                    .push((inv, st.clone()));
            }
        }
        let mut journal_of: std::collections::HashMap<ClientId, Vec<JournalEntry>> =
            std::collections::HashMap::new();
        for e in db::journal_all(conn)? {
            journal_of.entry(e.client_id).or_default().push(e);
        }
        for entries in journal_of.values_mut() {
            entries.sort_by_key(|e| (e.date, e.id));
        }
        let overrides = db::overrides_all(conn)?;
        let received = db::formal_notices_received(conn)?;
        let plans = self.plan_facts(today)?;
        let cal = Calendar::france();
        let none = ClientOverrides::default();
        let empty_standing = ClientStanding::default();
        let mut out = Vec::new();
        for client in db::clients_all(conn)?.into_iter().filter(|c| !c.archived) {
            let case = ClientCase {
                client: &client,
                standing: standing_of
                    .get(&client.id)
                    .copied()
                    .unwrap_or(&empty_standing),
                invoices: invoices_of.get(&client.id).map_or(&[], Vec::as_slice),
                journal: journal_of.get(&client.id).map_or(&[], Vec::as_slice),
                overrides: overrides.get(&client.id).unwrap_or(&none),
                formal_notice_received: received.get(&client.id).copied(),
                plan: plans.current.get(&client.id),
                last_plan_on: plans.last_on.get(&client.id).copied(),
                acknowledged: plans
                    .acknowledged
                    .get(&client.id)
                    .map_or(&[], Vec::as_slice),
            };
            let s = engine::suggest(&case, policy, &cal, today);
            let st = case.standing.clone();
            out.push((client, s, st));
        }
        Ok(out)
    }

    /// Aujourd'hui: the clients with something to do today (most urgent first: amount, lateness, step), a page
    /// at a time; what is coming in the next 7 days; and the clients with nothing to do, with why.
    pub fn agenda(&self, today: NaiveDate, offset: u32, limit: u32) -> Result<Agenda> {
        let policy = self.policy()?;
        let week = today
            .checked_add_days(chrono::Days::new(7))
            .unwrap_or(today);
        let (mut due, mut coming, mut resting) = (Vec::new(), Vec::new(), Vec::new());
        for (client, suggestion, st) in self.suggest_all(today, &policy)? {
            let next_date = [Some(&suggestion.step), suggestion.alongside.as_ref()]
                .into_iter()
                .flatten()
                .filter(|s| s.action != Action::Nothing)
                .map(|s| s.date)
                .min();
            let item = AgendaItem {
                client_id: client.id,
                client_name: client.name,
                client_kind: client.kind,
                balance: st.balance,
                overdue_total: st.overdue_total,
                max_days_late: st.max_days_late,
                suggestion,
            };
            match next_date {
                Some(d) if d <= today => due.push(item),
                Some(d) if d <= week => coming.push(item),
                _ => resting.push(item),
            }
        }
        due.sort_by(|a, b| {
            let key = |i: &AgendaItem| {
                (
                    !i.suggestion.step.optional,
                    i.suggestion
                        .step
                        .amount
                        .checked_add(
                            i.suggestion
                                .alongside
                                .as_ref()
                                .map_or(Money::ZERO, |s| s.amount),
                        )
                        .unwrap_or(Money::from_cents(i64::MAX)),
                    i.max_days_late.unwrap_or(0),
                    i.suggestion.step.action.rank(),
                )
            };
            key(b)
                .cmp(&key(a))
                .then_with(|| a.client_name.cmp(&b.client_name))
        });
        coming.sort_by(|a, b| {
            (a.suggestion.step.date, &a.client_name).cmp(&(b.suggestion.step.date, &b.client_name))
        });
        // Those with something owed first, then the largest balances.
        resting.sort_by(|a, b| {
            b.balance
                .cmp(&a.balance)
                .then_with(|| a.client_name.cmp(&b.client_name))
        });
        let coming_total = u32::try_from(coming.len()).unwrap_or(u32::MAX);
        let resting_total = u32::try_from(resting.len()).unwrap_or(u32::MAX);
        coming.truncate(AGENDA_SIDE_LIMIT);
        resting.truncate(AGENDA_SIDE_LIMIT);
        Ok(Agenda {
            today,
            due: page_of(due, offset, limit),
            coming,
            coming_total,
            resting,
            resting_total,
        })
    }

    /// Direct access for the export/import module.
    pub(crate) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub(crate) fn check_journal_for_import(conn: &Connection, e: &JournalEntry) -> Result<()> {
        Self::check_journal(conn, e)
    }

    pub(crate) fn check_invoice_for_import(
        conn: &Connection,
        inv: &Invoice,
    ) -> Result<Vec<Warning>> {
        Self::check_invoice(conn, inv, None)
    }

    pub(crate) fn check_allocations_for_import(
        conn: &Connection,
        client_id: ClientId,
        lines: &[(InvoiceId, Money)],
        available: Money,
    ) -> Result<()> {
        Self::check_allocations(conn, client_id, lines, available).map(|_| ())
    }
}

mod plan_book;
pub use plan_book::summary as plan_summary;

/// Letters: the document, its archive and its posting.
impl Ledger {
    /// The letter of `kind` for a client as of `today` (not archived: a preview, or the final version to archive).
    pub fn letter(
        &self,
        client_id: ClientId,
        kind: LetterKind,
        opts: &LetterOptions,
        today: NaiveDate,
    ) -> Result<Letter> {
        let business = self.business()?.ok_or_else(|| {
            Error::new(
                ErrorCode::BusinessNotSet,
                "Renseignez d'abord « Mon entreprise » (nom, forme juridique, SIRET, adresse, IBAN)\u{a0}: les lettres portent ces mentions.",
            )
        })?;
        let penalties = self.penalties(client_id, today)?;
        let (client, _, invoices, journal) = self.case_parts(client_id, today)?;
        let plan = match (kind, opts.plan_id) {
            (_, Some(id)) => {
                let st = self.plan(id, today)?;
                if st.plan.client_id != client_id {
                    return Err(Error::field(
                        ErrorCode::ClientMismatch,
                        "plan_id",
                        format!(
                            "L'échéancier {} n'est pas celui de ce client.",
                            st.plan.reference()
                        ),
                    ));
                }
                Some(st)
            }
            (LetterKind::PlanAgreement | LetterKind::PlanDefault, None) => {
                self.current_plan(client_id, today)?
            }
            _ => None,
        };
        letters::letter(
            &LetterContext {
                business: &business,
                client: &client,
                invoices: &invoices,
                journal: &journal,
                penalties: &penalties,
                plan: plan.as_ref(),
                today,
            },
            kind,
            opts,
        )
    }

    /// The folder where final letters are archived: `letters/` beside the database.
    pub fn letters_dir(&self) -> Result<PathBuf> {
        let db = self.store.path().ok_or_else(|| {
            Error::new(
                ErrorCode::Io,
                "Les lettres ne peuvent être archivées qu'avec un registre enregistré sur le disque.",
            )
        })?;
        Ok(db
            .parent()
            .map_or_else(|| PathBuf::from("letters"), |d| d.join("letters")))
    }

    /// Archives the final version of a letter: a copy of the PDF in the letters folder with its SHA-256, and the
    /// journal entry that logs it (a mise en demeure moves the client's ladder on), in one transaction. If the
    /// transaction fails, the copy is removed; nothing is half-written.
    pub fn archive_letter(&mut self, letter: &Letter, pdf: &[u8]) -> Result<LetterRecord> {
        self.client(letter.client_id)?;
        if pdf.is_empty() {
            return Err(Error::new(ErrorCode::Io, "Le PDF de la lettre est vide."));
        }
        let dir = self.letters_dir()?;
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, &e))?;
        let sha256 = sha256_hex(pdf);
        // The same letter archived twice (« Enregistrer » then « Imprimer ») is one letter, logged once; a copy
        // removed since is written back.
        if let Some(same) = db::letters_of_client(self.conn(), letter.client_id)?
            .into_iter()
            .find(|l| l.sha256 == sha256)
        {
            let path = dir.join(&same.file);
            if !path.exists() {
                std::fs::write(&path, pdf).map_err(|e| io_error(&path, &e))?;
            }
            return Ok(same);
        }
        let stem = format!(
            "{}-{}-client{}-{}",
            letter.date.format("%Y-%m-%d"),
            letter.kind.code(),
            letter.client_id,
            sha256.get(..12).unwrap_or_default()
        );
        let file = format!("{stem}.pdf");
        let path = dir.join(&file);
        let tmp = dir.join(format!("{stem}.pdf.tmp"));
        std::fs::write(&tmp, pdf)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|e| io_error(&path, &e))?;
        let size = i64::try_from(pdf.len()).unwrap_or(i64::MAX);
        let (kind, text) = match letter.kind {
            LetterKind::FormalNotice => (
                JournalKind::FormalNotice,
                format!(
                    "Mise en demeure de payer imprimée\u{a0}: {} réclamés, délai de {} jours à compter de la réception.",
                    letter.total.format_fr(),
                    letter.deadline_days.unwrap_or(letters::DEFAULT_DEADLINE_DAYS)
                ),
            ),
            LetterKind::FriendlyReminder => (
                JournalKind::FriendlyReminder,
                format!("Relance par courrier\u{a0}: {}.", letter.total.format_fr()),
            ),
            LetterKind::FirmReminder => (
                JournalKind::FirmReminder,
                format!("Relance ferme par courrier\u{a0}: {}.", letter.total.format_fr()),
            ),
            LetterKind::Statement => (
                JournalKind::Letter,
                format!("Relevé de compte envoyé\u{a0}: {} dus.", letter.total.format_fr()),
            ),
            LetterKind::PlanAgreement => (
                JournalKind::Letter,
                match letter.plan_id.map(|id| db::plan_get(self.conn(), id)).transpose()?.flatten() {
                    Some(p) => format!(
                        "Échéancier de paiement {} envoyé pour signature\u{a0}: {}.",
                        p.reference(),
                        plan_summary(&p)
                    ),
                    None => format!(
                        "Échéancier de paiement envoyé pour signature\u{a0}: {}.",
                        letter.total.format_fr()
                    ),
                },
            ),
            LetterKind::PlanDefault => (
                JournalKind::FormalNotice,
                format!(
                    "Mise en demeure (déchéance du terme de l'échéancier) imprimée\u{a0}: {} en retard, préavis de {} jours à compter de la réception.",
                    letter.total.format_fr(),
                    letter.deadline_days.unwrap_or(letters::DEFAULT_DEADLINE_DAYS)
                ),
            ),
        };
        let result = self.store.write(|tx| {
            let entry = JournalEntry {
                id: 0,
                client_id: letter.client_id,
                invoice_id: None,
                date: letter.date,
                kind,
                channel: Some(ContactChannel::Letter),
                call_outcome: None,
                promise_date: None,
                promise_amount: None,
                text: Some(format!("{text} Copie archivée\u{a0}: {file}.")),
                payment_id: None,
                corrects: None,
            };
            let journal_id = db::journal_insert(tx, &entry, None)?;
            let mut rec = LetterRecord {
                id: 0,
                client_id: letter.client_id,
                kind: letter.kind,
                date: letter.date,
                file: file.clone(),
                sha256: sha256.clone(),
                size,
                total: letter.total,
                journal_id,
                registered_number: None,
                posted_on: None,
                received_on: None,
                plan_id: letter.plan_id,
            };
            rec.id = db::letter_insert(tx, &rec)?;
            if let (LetterKind::PlanDefault, Some(plan)) = (letter.kind, letter.plan_id) {
                // The déchéance is invoked: the calendar no longer shields its invoices.
                db::plan_set_broken(tx, plan, letter.date)?;
            }
            Ok(rec)
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&path);
        }
        result
    }

    /// The archived copy of a letter, checked against its SHA-256.
    pub fn letter_file(&self, id: i64) -> Result<PathBuf> {
        let rec = self.letter_record(id)?;
        let path = self.letters_dir()?.join(&rec.file);
        let bytes = std::fs::read(&path).map_err(|e| {
            Error::new(
                ErrorCode::Io,
                format!(
                    "La copie archivée de la lettre est introuvable ({})\u{a0}: {e}.",
                    path.display()
                ),
            )
        })?;
        let sha256 = sha256_hex(&bytes);
        if sha256 != rec.sha256 {
            return Err(Error::new(
                ErrorCode::Io,
                format!("La copie archivée {} a été modifiée depuis son impression (empreinte différente).", path.display()),
            ));
        }
        Ok(path)
    }

    /// A client's archived letters, newest first.
    pub fn letters(&self, client_id: ClientId) -> Result<Vec<LetterRecord>> {
        client_in(self.conn(), client_id, "client_id")?;
        db::letters_of_client(self.conn(), client_id)
    }

    pub fn letter_record(&self, id: i64) -> Result<LetterRecord> {
        db::letter_get(self.conn(), id)?.ok_or_else(|| {
            Error::field(
                ErrorCode::LetterNotFound,
                "letter_id",
                format!("Lettre n°\u{a0}{id}\u{a0}: introuvable."),
            )
        })
    }

    /// Records the LRAR number, the posting date and the AR date of an archived letter.
    pub fn set_mailing(
        &mut self,
        letter_id: i64,
        input: &MailingInput,
        today: NaiveDate,
    ) -> Result<LetterRecord> {
        let mut rec = self.letter_record(letter_id)?;
        let (number, posted, received) = input.validate(rec.date, today)?;
        rec.registered_number = number;
        rec.posted_on = posted;
        rec.received_on = received;
        self.store.write(|tx| db::letter_set_mailing(tx, &rec))?;
        Ok(rec)
    }
}

/// The SHA-256 of a file's bytes, in lowercase hexadecimal (the letters' fingerprint).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn io_error(path: &Path, e: &std::io::Error) -> Error {
    Error::new(
        ErrorCode::Io,
        format!("Impossible d'écrire {}\u{a0}: {e}.", path.display()),
    )
}

/// The rate tables: shipped values plus the user's (Réglages).
impl Ledger {
    fn rate_additions(&self) -> Result<RateAdditions> {
        match db::setting_get(self.conn(), RATES_KEY)? {
            None => Ok(RateAdditions::default()),
            Some(json) => serde_json::from_str(&json).map_err(|e| {
                Error::new(
                    ErrorCode::InvalidSetting,
                    format!("Taux saisis illisibles ({e})\u{a0}: rétablissez les taux fournis avec Tact."),
                )
            }),
        }
    }

    /// The tables the penalties use, with what the user entered laid over the shipped ones.
    pub fn rate_tables(&self) -> Result<RateTables> {
        Ok(RateTables::builtin().with(&self.rate_additions()?))
    }

    fn put_rates(&mut self, add: &RateAdditions) -> Result<RateTables> {
        let json = serde_json::to_string(add)
            .map_err(|e| Error::new(ErrorCode::InvalidSetting, e.to_string()))?;
        self.store
            .write(|tx| db::setting_put(tx, RATES_KEY, &json))?;
        self.rate_tables()
    }

    /// Enters the ECB rate in force from a date (or confirms the rate in force is unchanged on that date).
    pub fn add_ecb_rate(&mut self, input: &EcbRateInput) -> Result<RateTables> {
        let r = input.validate()?;
        let mut add = self.rate_additions()?;
        add.put_ecb(r);
        self.put_rates(&add)
    }

    /// Enters the published legal rate of a half-year (both columns).
    pub fn add_legal_rate(&mut self, input: &LegalRateInput) -> Result<RateTables> {
        let r = input.validate()?;
        let mut add = self.rate_additions()?;
        add.put_legal(r);
        self.put_rates(&add)
    }

    /// Back to the tables shipped with Tact.
    pub fn reset_rates(&mut self) -> Result<RateTables> {
        self.store.write(|tx| db::setting_clear(tx, RATES_KEY))?;
        Ok(RateTables::builtin())
    }
}

const RATES_KEY: &str = "rates";
