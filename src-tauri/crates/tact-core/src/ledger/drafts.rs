//! Drafts for a client's step: what they read about the client, gathered once.

use super::checks::not_found;
use super::Ledger;
use crate::drafts::{self, Draft, DraftContext};
use crate::engine::Action;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Business, Client, ClientId, Invoice, JournalEntry, JournalId};
use crate::standing::{ClientStanding, InvoiceState};
use crate::storage as db;
use chrono::NaiveDate;

/// A client, its standing, its invoices with their states, its history.
type CaseParts = (
    Client,
    ClientStanding,
    Vec<(Invoice, InvoiceState)>,
    Vec<JournalEntry>,
);

impl Ledger {
    /// The draft for a client's current step on `today` (email, call sheet, or memo).
    pub fn draft(&self, client_id: ClientId, today: NaiveDate) -> Result<Draft> {
        let policy = self.policy()?;
        let suggestion = self.suggestion(client_id, today, &policy)?;
        let penalties = if matches!(
            suggestion.step.action,
            Action::ClaimPenalties
                | Action::FormalNotice
                | Action::AfterDeadline
                | Action::ConsiderWriteOff
        ) {
            Some(self.penalties(client_id, today)?)
        } else {
            None
        };
        self.with_draft_context(client_id, today, penalties.as_ref(), |ctx| {
            drafts::draft(ctx, &suggestion)
        })
    }

    /// The email « réclamation des pénalités de retard » for a client's invoices paid after their due date.
    pub fn penalty_claim_email(
        &self,
        client_id: ClientId,
        today: NaiveDate,
    ) -> Result<drafts::EmailText> {
        let penalties = self.penalties(client_id, today)?;
        self.with_draft_context(client_id, today, Some(&penalties), |ctx| {
            drafts::penalty_claim_email(ctx, &penalties)
        })
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
        self.with_draft_context(entry.client_id, today, None, |ctx| {
            drafts::call_confirmation(ctx, &entry)
        })
    }

    /// What a draft reads about a client, as of `today`.
    pub(super) fn with_draft_context<T>(
        &self,
        client_id: ClientId,
        today: NaiveDate,
        penalties: Option<&crate::legal::ClientPenalties>,
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
            penalties,
            today,
        })
    }

    pub(super) fn business_for_drafts(&self) -> Result<Business> {
        self.business()?.ok_or_else(|| {
            Error::new(
                ErrorCode::BusinessNotSet,
                "Renseignez d'abord « Mon entreprise » (nom, coordonnées, IBAN)\u{a0}: les brouillons sont signés avec.",
            )
        })
    }

    /// A client, its standing, its invoices with their states, and its history, as of `today`.
    pub(super) fn case_parts(&self, client_id: ClientId, today: NaiveDate) -> Result<CaseParts> {
        let detail = self.client_detail(client_id, today)?;
        let invoices = detail
            .invoices
            .iter()
            .map(|r| (r.invoice.clone(), r.state()))
            .collect();
        let journal = detail.journal.into_iter().map(|v| v.entry).collect();
        Ok((detail.client, detail.standing, invoices, journal))
    }
}
