//! The business profile and the clients.

use super::checks::client_in;
use super::Ledger;
use crate::error::{Error, ErrorCode, Result};
use crate::input::{BusinessInput, ClientInput};
use crate::model::{Business, Client, ClientId};
use crate::storage as db;

impl Ledger {
    pub fn business(&self) -> Result<Option<Business>> {
        db::business_get(self.conn())
    }

    /// Create or replace the business profile.
    pub fn set_business(&mut self, input: &BusinessInput) -> Result<Business> {
        let b = input.validate()?;
        self.store.write(|tx| db::business_put(tx, &b))?;
        Ok(b)
    }

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
}
