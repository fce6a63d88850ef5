//! The client's history (append-only; a correction points at the entry it replaces).

use super::checks::{self, client_in, not_found};
use super::lists::JournalView;
use super::Ledger;
use crate::error::{ErrorCode, Result};
use crate::input::JournalInput;
use crate::model::{ClientId, JournalEntry, JournalId};
use crate::storage as db;

impl Ledger {
    /// Append an entry to a client's history (a correction points at the entry it replaces).
    pub fn add_journal_entry(&mut self, input: &JournalInput) -> Result<JournalEntry> {
        let mut e = input.validate(false)?;
        self.store.write(|tx| {
            checks::journal(tx, &e)?;
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
        let mut sent = db::sent_by_journal(self.conn(), e.client_id)?;
        self.view(e, &mut sent)
    }

    pub(super) fn view(
        &self,
        entry: JournalEntry,
        sent: &mut std::collections::HashMap<JournalId, crate::mail::SentMessage>,
    ) -> Result<JournalView> {
        let invoice_number = match entry.invoice_id {
            Some(id) => db::invoice_get(self.conn(), id)?.map(|i| i.number),
            None => None,
        };
        Ok(JournalView {
            kind_label: entry.kind.label_fr(),
            corrected_by: db::journal_corrected_by(self.conn(), entry.id)?,
            invoice_number,
            sent: sent.remove(&entry.id),
            entry,
        })
    }

    /// A client's history, oldest first.
    pub fn journal(&self, client_id: ClientId) -> Result<Vec<JournalView>> {
        client_in(self.conn(), client_id, "client_id")?;
        let mut sent = db::sent_by_journal(self.conn(), client_id)?;
        db::journal_of_client(self.conn(), client_id)?
            .into_iter()
            .map(|e| self.view(e, &mut sent))
            .collect()
    }
}
