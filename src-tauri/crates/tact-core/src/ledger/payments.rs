//! Payments: recorded (with their journal entry), allocated to invoices, client credit applied later.

use super::checks::{self, client_in, outstanding, payment_in};
use super::Ledger;
use crate::error::{Error, ErrorCode, Result};
use crate::input::{validate_allocations, AllocationInput, PaymentInput};
use crate::model::{Allocation, ClientId, Invoice, Payment, PaymentId, PaymentReversal};
use crate::money::Money;
use crate::standing;
use crate::storage as db;
use rusqlite::Transaction;

impl Ledger {
    /// Record a payment. Without explicit allocations it settles the client's open invoices, overdue first then
    /// by oldest due date (C. civ. 1342-10); what is left stays as client credit. Writes a "payment recorded"
    /// journal entry in the same transaction.
    pub fn record_payment(&mut self, input: &PaymentInput) -> Result<Payment> {
        let v = input.validate()?;
        self.store.write(|tx| Self::insert_payment(tx, &v))
    }

    /// A validated payment written inside the caller's transaction: its allocations checked (or computed), the
    /// payment, its allocations and its journal entry.
    pub(super) fn insert_payment(
        tx: &Transaction<'_>,
        v: &crate::input::ValidPayment,
    ) -> Result<Payment> {
        {
            let client = client_in(tx, v.client_id, "client_id")?;
            let allocations = match &v.allocations {
                Some(lines) => checks::allocations(tx, client.id, lines, v.amount)?,
                None => {
                    let mut open: Vec<(Invoice, Money)> = Vec::new();
                    for inv in db::invoices_of_client(tx, client.id)? {
                        let left = outstanding(tx, &inv)?;
                        open.push((inv, left));
                    }
                    standing::imputation(v.amount, &open, v.date)
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
                reversed: None,
            };
            p.id = db::payment_insert(tx, &p, None)?;
            for a in &p.allocations {
                db::allocation_insert(tx, p.id, a)?;
            }
            Self::log_payment(tx, &p)?;
            Ok(p)
        }
    }

    fn log_payment(conn: &Transaction<'_>, p: &Payment) -> Result<()> {
        let mut numbers = std::collections::HashMap::new();
        for a in &p.allocations {
            if let Some(i) = db::invoice_get(conn, a.invoice_id)? {
                numbers.insert(a.invoice_id, i.number);
            }
        }
        let entry = p.journal_entry(|id| numbers.get(&id).cloned().unwrap_or_default())?;
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
            if p.reversed.is_some() {
                return Err(Error::field(
                    ErrorCode::PaymentReversed,
                    "payment_id",
                    "Règlement\u{a0}: ce règlement a été annulé\u{a0}; il ne se répartit plus.",
                ));
            }
            let available = p.unallocated()?;
            let lines = checks::allocations(tx, p.client_id, &parsed, available)?;
            for &(invoice_id, amount) in &lines {
                db::allocation_insert(tx, p.id, &Allocation { invoice_id, amount })?;
            }
            payment_in(tx, payment_id, "payment_id")
        })
    }

    /// Reverse a payment recorded by mistake (wrong client, wrong amount, typed twice), dated `today`: the
    /// invoices it settled are owed again, its client credit is gone, a bank credit it came from is open again,
    /// and a note corrects its « Règlement reçu » entry, all in one transaction. The payment and its entry stay in
    /// the books; the payment counts for nothing any more.
    pub fn reverse_payment(
        &mut self,
        payment_id: PaymentId,
        reason: Option<&str>,
        today: chrono::NaiveDate,
    ) -> Result<Payment> {
        let reason = crate::text::optional_text("reason", "Motif", reason, crate::text::LINE)?;
        self.store.write(|tx| {
            let p = payment_in(tx, payment_id, "payment_id")?;
            if let Some(r) = &p.reversed {
                return Err(Error::field(
                    ErrorCode::PaymentReversed,
                    "payment_id",
                    format!(
                        "Règlement\u{a0}: ce règlement de {} a déjà été annulé le {}.",
                        p.amount.format_fr(),
                        crate::text::format_date_fr(r.date)
                    ),
                ));
            }
            let reversal = PaymentReversal {
                date: today,
                reason: reason.clone(),
            };
            let recorded = db::journal_recording(tx, p.id)?;
            let mut numbers = std::collections::HashMap::new();
            for a in &p.allocations {
                if let Some(i) = db::invoice_get(tx, a.invoice_id)? {
                    numbers.insert(a.invoice_id, i.number);
                }
            }
            db::payment_reverse(tx, p.id, &reversal)?;
            let mut entry = p.reversal_entry(recorded, &reversal, |id| {
                numbers.get(&id).cloned().unwrap_or_default()
            })?;
            checks::journal(tx, &entry)?;
            entry.id = db::journal_insert(tx, &entry, None)?;
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
}
