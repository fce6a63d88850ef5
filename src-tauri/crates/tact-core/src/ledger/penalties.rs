//! Penalties and legal interest of a client (the rules are in [`crate::legal`]), and the rate tables: shipped
//! values plus the user's (Réglages).

use super::Ledger;
use crate::error::{Error, ErrorCode, Result};
use crate::legal::{
    self, ClientPenalties, EcbRateInput, LegalRateInput, RateAdditions, RateTables,
};
use crate::model::{ClientId, Invoice, InvoiceId, JournalId};
use crate::storage as db;
use chrono::NaiveDate;

const RATES_KEY: &str = "rates";

impl Ledger {
    /// Penalties (B2B) or legal interest (B2C) and the 40 € indemnity accrued to `today` on each of a client's
    /// invoices still owed, with their breakdown and the prescription date (see [`crate::legal`]).
    pub fn penalties(&self, client_id: ClientId, today: NaiveDate) -> Result<ClientPenalties> {
        let conn = self.conn();
        let client = self.client(client_id)?;
        let business = db::business_get(conn)?;
        let facts = db::load_client_facts(conn, client_id)?;
        let states = crate::standing::invoice_states(&facts, today)?;
        let invoices = db::invoices_of_client(conn, client_id)?;
        let journal = db::journal_of_client(conn, client_id)?;
        // The archived letter of a mise en demeure gives its AR date, else its posting date (legal-fr A.3), and
        // the invoices it covered. A formal notice noted by hand covers the invoice it names, else every invoice
        // already due on its date.
        let letters = db::letters_of_client(conn, client_id)?;
        let delivered = |entry: JournalId| {
            letters
                .iter()
                .find(|l| l.journal_id == entry)
                .and_then(|l| l.received_on.or(l.posted_on))
        };
        let start_for = |invoice: &Invoice| {
            legal::formal_notice_start(
                &journal,
                delivered,
                |e| match letters.iter().find(|l| l.journal_id == e.id) {
                    Some(l) => l.invoice_ids.contains(&invoice.id),
                    None => e
                        .invoice_id
                        .map_or(invoice.due_date < e.date, |id| id == invoice.id),
                },
                today,
            )
        };
        // A signed calendar acknowledges the debt: prescription starts again from its signature (C. civ. 2240).
        let acknowledged: std::collections::HashMap<InvoiceId, NaiveDate> =
            db::plan_acknowledgments(conn)?
                .into_iter()
                .filter(|(c, _, _)| *c == client_id)
                .map(|(_, i, d)| (i, d))
                .collect();
        let lines: Vec<legal::PenaltyInvoice<'_>> = facts
            .invoices
            .iter()
            .zip(&states)
            .filter_map(|(fact, state)| {
                let invoice = invoices.iter().find(|i| i.id == fact.id)?;
                Some(legal::PenaltyInvoice {
                    invoice,
                    state,
                    settlements: facts
                        .settlements
                        .iter()
                        .filter(|x| x.invoice_id == fact.id)
                        .map(|x| (x.date, x.amount))
                        .collect(),
                    acknowledged_on: acknowledged.get(&fact.id).copied(),
                    formal_notice: start_for(invoice),
                })
            })
            .collect();
        legal::client_penalties(
            &legal::PenaltyCase {
                client: &client,
                default_rate: business.as_ref().and_then(|b| b.penalty_rate),
                formal_notice: lines.iter().filter_map(|l| l.formal_notice).min(),
                invoices: &lines,
            },
            &self.rate_tables()?,
            today,
        )
    }

    pub(super) fn rate_additions(&self) -> Result<RateAdditions> {
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

    pub(super) fn put_rates(&mut self, add: &RateAdditions) -> Result<RateTables> {
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
