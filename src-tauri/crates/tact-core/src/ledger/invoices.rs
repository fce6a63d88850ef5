//! Invoices and credit notes.

use super::checks::{self, invoice_in, not_found};
use super::{Ledger, Saved};
use crate::error::{Error, ErrorCode, Result};
use crate::input::{CreditNoteInput, InvoiceInput};
use crate::model::{ClientId, CreditNote, Invoice, InvoiceId};
use crate::storage as db;
use chrono::{Datelike, NaiveDate};

impl Ledger {
    pub fn add_invoice(&mut self, input: &InvoiceInput) -> Result<Saved<Invoice>> {
        self.store.write(|tx| {
            let mut inv = input.validate(checks::default_terms(tx)?)?;
            let warnings = checks::invoice(tx, &inv, None)?;
            inv.id = db::invoice_insert(tx, &inv, None)?;
            Ok(Saved {
                record: inv,
                warnings,
            })
        })
    }

    /// The number to suggest for a new invoice: the one after the highest of the latest invoice's series (see
    /// [`crate::numbering::next_invoice_number`]), never one already taken; `None` for a first invoice or a
    /// numbering Tact cannot follow.
    pub fn next_invoice_number(&self, today: NaiveDate) -> Result<Option<String>> {
        let conn = self.conn();
        let Some(last) = db::latest_invoice_number(conn)? else {
            return Ok(None);
        };
        let in_series = match crate::numbering::series(&last) {
            Some((prefix, _)) => db::invoice_numbers_starting(conn, prefix)?,
            None => return Ok(None),
        };
        let mut failed = None;
        let next = crate::numbering::next_invoice_number(&last, &in_series, today.year(), |n| {
            match db::invoice_by_number(conn, n) {
                Ok(found) => found.is_some(),
                Err(e) => {
                    failed = Some(e);
                    true
                }
            }
        });
        match failed {
            Some(e) => Err(e),
            None => Ok(next),
        }
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
            let mut inv = input.validate(checks::default_terms(tx)?)?;
            inv.id = id;
            let warnings = checks::invoice(tx, &inv, Some(&old))?;
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

    pub fn add_credit_note(&mut self, input: &CreditNoteInput) -> Result<CreditNote> {
        let mut c = input.validate()?;
        self.store.write(|tx| {
            checks::credit_note(tx, &c)?;
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
}
