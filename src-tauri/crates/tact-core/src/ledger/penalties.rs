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

/// What every client's penalties read alike, loaded once when many clients' are computed (the agenda): the
/// business's stipulated rate, the rate tables, the invoices acknowledged by a signed calendar.
pub(super) struct PenaltyShared {
    pub(super) default_rate: Option<rust_decimal::Decimal>,
    pub(super) rates: RateTables,
    pub(super) acknowledged: std::collections::HashMap<InvoiceId, NaiveDate>,
}

impl Ledger {
    pub(super) fn penalty_shared(&self) -> Result<PenaltyShared> {
        Ok(PenaltyShared {
            default_rate: db::business_get(self.conn())?.and_then(|b| b.penalty_rate),
            rates: self.rate_tables()?,
            acknowledged: db::plan_acknowledgments(self.conn())?
                .into_iter()
                .map(|(_, i, d)| (i, d))
                .collect(),
        })
    }

    /// Penalties (B2B) or legal interest (B2C) and the 40 € indemnity accrued to `today` on each of a client's
    /// invoices still owed, with their breakdown and the prescription date (see [`crate::legal`]).
    pub fn penalties(&self, client_id: ClientId, today: NaiveDate) -> Result<ClientPenalties> {
        self.penalties_with(client_id, today, &self.penalty_shared()?)
    }

    /// [`Ledger::penalties`] with what all clients share already loaded.
    pub(super) fn penalties_with(
        &self,
        client_id: ClientId,
        today: NaiveDate,
        shared: &PenaltyShared,
    ) -> Result<ClientPenalties> {
        let conn = self.conn();
        let client = self.client(client_id)?;
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
        // « J'y renonce »: the penalties of an invoice waived by the user, by journal entry.
        let waived: std::collections::HashMap<InvoiceId, NaiveDate> =
            crate::model::in_force(&journal)
                .filter(|e| e.kind == crate::model::JournalKind::PenaltiesWaived)
                .filter_map(|e| e.invoice_id.map(|i| (i, e.date)))
                .collect();
        // A signed calendar acknowledges the debt: prescription starts again from its signature (C. civ. 2240).
        let acknowledged = &shared.acknowledged;
        let lines: Vec<legal::PenaltyInvoice<'_>> = facts
            .invoices
            .iter()
            .zip(&states)
            .filter_map(|(fact, state)| {
                let invoice = invoices.iter().find(|i| i.id == fact.id)?;
                Some(legal::PenaltyInvoice {
                    invoice: invoice.into(),
                    state,
                    settlements: facts
                        .settlements
                        .iter()
                        .filter(|x| x.invoice_id == fact.id)
                        .map(|x| (x.date, x.amount))
                        .collect(),
                    acknowledged_on: acknowledged.get(&fact.id).copied(),
                    formal_notice: start_for(invoice),
                    waived_on: waived.get(&fact.id).copied(),
                })
            })
            .collect();
        legal::client_penalties(
            &legal::PenaltyCase {
                client: &client,
                default_rate: shared.default_rate,
                formal_notice: lines.iter().filter_map(|l| l.formal_notice).min(),
                invoices: &lines,
            },
            &shared.rates,
            today,
        )
    }

    /// « J'y renonce »: the user waives the penalties and the 40 € of one invoice (to keep a client, say). An
    /// explicit choice, noted in the client's history with what was waived; never a silent loss. The invoice's
    /// principal is untouched.
    pub fn waive_penalties(
        &mut self,
        invoice_id: InvoiceId,
        today: NaiveDate,
    ) -> Result<crate::model::JournalEntry> {
        let invoice = self.invoice(invoice_id)?;
        let p = self.penalties(invoice.client_id, today)?;
        let none = || {
            Error::field(
                ErrorCode::InvalidChoice,
                "invoice_id",
                format!(
                    "Facture {}\u{a0}: aucune pénalité de retard à abandonner au {}.",
                    invoice.number,
                    crate::text::format_date_fr(today)
                ),
            )
        };
        let line = p
            .invoices
            .iter()
            .find(|l| l.invoice_id == invoice_id)
            .ok_or_else(none)?;
        if let Some(on) = line.waived_on {
            return Err(Error::field(
                ErrorCode::InvalidChoice,
                "invoice_id",
                format!(
                    "Facture {}\u{a0}: vous avez déjà renoncé à ses pénalités le {}.",
                    invoice.number,
                    crate::text::format_date_fr(on)
                ),
            ));
        }
        let (interest, indemnity) = (line.accrual.interest, line.accrual.indemnity);
        if !interest.is_positive() && !indemnity.is_positive() {
            return Err(none());
        }
        let what = if indemnity.is_positive() {
            format!(
                "{} de pénalités et {} d'indemnité forfaitaire",
                interest.format_fr(),
                indemnity.format_fr()
            )
        } else {
            format!("{} d'intérêts", interest.format_fr())
        };
        self.add_journal_entry(&crate::input::JournalInput {
            client_id: invoice.client_id,
            invoice_id: Some(invoice_id),
            date: today.to_string(),
            kind: crate::model::JournalKind::PenaltiesWaived.code().into(),
            text: Some(format!(
                "Pénalités de retard de la facture {} abandonnées («\u{a0}J'y renonce\u{a0}»)\u{a0}: {what} au {}.",
                invoice.number,
                crate::text::format_date_fr(today)
            )),
            ..Default::default()
        })
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
