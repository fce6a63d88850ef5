//! The ledger checks: what every write must satisfy against the books (references, unique numbers, balances).
//! One set, taking the write's transaction, used by the forms, the CLI, the JSON import and every importer.
//! Lookups that read (`client_in`, …) take any connection.

use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    Client, ClientId, ClientKind, CreditNote, Invoice, InvoiceId, JournalEntry, JournalKind,
    Payment, PaymentId, PaymentTerms, Warning,
};
use crate::money::Money;
use crate::storage as db;
use crate::text::format_date_fr;
use rusqlite::{Connection, Transaction};

pub(crate) fn not_found(code: ErrorCode, field: &str, what: &str, id: i64) -> Error {
    Error::field(code, field, format!("{what} n°\u{a0}{id} introuvable."))
}

pub(crate) fn client_in(conn: &Connection, id: ClientId, field: &str) -> Result<Client> {
    db::client_get(conn, id)?.ok_or_else(|| {
        Error::field(
            ErrorCode::ClientNotFound,
            field,
            format!("Client\u{a0}: aucun client n°\u{a0}{id} dans vos fichiers."),
        )
    })
}

pub(crate) fn invoice_in(conn: &Connection, id: InvoiceId, field: &str) -> Result<Invoice> {
    db::invoice_get(conn, id)?.ok_or_else(|| {
        Error::field(
            ErrorCode::InvoiceNotFound,
            field,
            format!("Facture\u{a0}: aucune facture n°\u{a0}{id} dans vos fichiers."),
        )
    })
}

pub(crate) fn payment_in(conn: &Connection, id: PaymentId, field: &str) -> Result<Payment> {
    db::payment_get(conn, id)?
        .ok_or_else(|| not_found(ErrorCode::PaymentNotFound, field, "Règlement", id))
}

/// What is still owed on an invoice over all time (amount − allocations − credit notes).
pub(crate) fn outstanding(conn: &Connection, inv: &Invoice) -> Result<Money> {
    let (paid, credited) = db::invoice_settled(conn, inv.id)?;
    inv.amount.checked_sub(paid.checked_add(credited)?)
}

/// The invoice is the client's (field `invoice_id`).
pub(crate) fn of_client(inv: &Invoice, client_id: ClientId) -> Result<()> {
    if inv.client_id == client_id {
        return Ok(());
    }
    Err(Error::field(
        ErrorCode::ClientMismatch,
        "invoice_id",
        format!(
            "Facture\u{a0}: {} n'est pas une facture de ce client.",
            inv.number
        ),
    ))
}

/// The business's default payment terms (30 days until it says otherwise).
pub(crate) fn default_terms(conn: &Connection) -> Result<PaymentTerms> {
    Ok(db::business_get(conn)?.map_or(PaymentTerms::DEFAULT, |b| b.default_terms))
}

/// A new or corrected invoice: its client exists and is not archived (unless unchanged), its number is unique;
/// returns the warnings (payment terms beyond the legal cap between businesses, C. com. L441-10).
pub(crate) fn invoice(
    conn: &Transaction<'_>,
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
            // Named by its client and date, never by an internal number.
            let whose = db::client_get(conn, other.client_id)?
                .map_or_else(String::new, |c| format!(", pour {},", c.name));
            return Err(Error::field(
                ErrorCode::DuplicateInvoiceNumber,
                "number",
                format!(
                    "Numéro de facture\u{a0}: la facture {} existe déjà{whose} datée du {}.",
                    other.number,
                    format_date_fr(other.issue_date)
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

/// Check explicit allocation lines: each invoice is the client's and can take that much.
/// Explicit allocation lines: their total fits in `available`, each invoice is the client's and can take that
/// much.
pub(crate) fn allocations(
    conn: &Transaction<'_>,
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
        of_client(&inv, client_id).map_err(|e| e.within(&at))?;
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

/// A history entry: its client and invoice exist and match; a correction targets an entry of the same client,
/// not a payment, not already corrected.
pub(crate) fn journal(conn: &Transaction<'_>, e: &JournalEntry) -> Result<()> {
    client_in(conn, e.client_id, "client_id")?;
    if let Some(invoice_id) = e.invoice_id {
        let inv = invoice_in(conn, invoice_id, "invoice_id")?;
        of_client(&inv, e.client_id)?;
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
        // A payment's entry is corrected only by the note of its reversal (Ledger::reverse_payment).
        let reverses = match (old.payment_id, e.payment_id) {
            (Some(a), Some(b)) if a == b => {
                db::payment_get(conn, a)?.is_some_and(|p| p.reversed.is_some())
            }
            _ => false,
        };
        if old.kind == JournalKind::PaymentRecorded && !reverses {
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

/// A credit note: its invoice exists, its number is unique, it credits no more than is left to pay on the invoice
/// and is not dated before it.
pub(crate) fn credit_note(conn: &Transaction<'_>, c: &CreditNote) -> Result<()> {
    let inv = invoice_in(conn, c.invoice_id, "invoice_id")?;
    if db::credit_note_number_taken(conn, &c.number)? {
        return Err(Error::field(
            ErrorCode::DuplicateCreditNoteNumber,
            "number",
            format!("Numéro d'avoir\u{a0}: l'avoir {} existe déjà.", c.number),
        ));
    }
    let left = outstanding(conn, &inv)?;
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
    Ok(())
}
