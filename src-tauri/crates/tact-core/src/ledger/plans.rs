//! Payment calendars in the books: build one from the client's invoices (preview), propose it, sign it, revise it,
//! and follow it as payments come in. Each write is one transaction with its journal entry.

use super::checks::client_in;
use super::Ledger;
use crate::calendar::Calendar;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{ClientId, ContactChannel, InvoiceId, InvoiceStatus, JournalEntry, JournalKind};
use crate::money::Money;
use crate::plans::{self, Plan, PlanId, PlanInput, PlanState, PlanStatus};
use crate::standing;
use crate::storage as db;
use crate::text::{format_date_fr, parse_date};
use chrono::NaiveDate;
use std::collections::HashMap;

fn plan_entry(
    client_id: ClientId,
    date: NaiveDate,
    kind: JournalKind,
    text: String,
) -> JournalEntry {
    JournalEntry::new(client_id, date, kind, text)
}

/// What the engine reads about calendars, per client.
#[derive(Debug, Default)]
pub(super) struct PlanFacts {
    /// The calendar still open (proposed, honoured or late).
    pub current: HashMap<ClientId, PlanState>,
    /// When the latest calendar was made.
    pub last_on: HashMap<ClientId, NaiveDate>,
    /// Invoices acknowledged by a signed calendar, and when.
    pub acknowledged: HashMap<ClientId, Vec<(InvoiceId, NaiveDate)>>,
}

impl Ledger {
    /// Every calendar not replaced, followed to `today`, and the acknowledgments.
    pub(super) fn plan_facts(&self, today: NaiveDate) -> Result<PlanFacts> {
        let mut facts = PlanFacts::default();
        for p in db::plans_current(self.conn())? {
            let client = p.client_id;
            let made = p.created_on;
            let last = facts.last_on.entry(client).or_insert(made);
            *last = (*last).max(made);
            let st = self.follow_plan(p, today)?;
            if matches!(
                st.status,
                PlanStatus::Proposed | PlanStatus::Honoured | PlanStatus::Late
            ) {
                facts.current.insert(client, st);
            }
        }
        for (client, invoice, on) in db::plan_acknowledgments(self.conn())? {
            facts
                .acknowledged
                .entry(client)
                .or_default()
                .push((invoice, on));
        }
        Ok(facts)
    }

    /// The calendar the input describes, computed as of `today` but not saved (the live preview).
    pub fn preview_plan(&self, input: &PlanInput, today: NaiveDate) -> Result<PlanState> {
        let plan = self.build_plan(input, today)?;
        plans::follow(&plan, Money::ZERO, today, &Calendar::france())
    }

    fn build_plan(&self, input: &PlanInput, today: NaiveDate) -> Result<Plan> {
        let conn = self.conn();
        let client = client_in(conn, input.client_id, "client_id")?;
        let terms = input.terms()?;
        let notice_days = plans::notice_days(client.kind, terms.notice_days)?;
        let replaced = match input.replaces {
            Some(id) => {
                let old = self.plan(id, today)?;
                if old.plan.client_id != client.id {
                    return Err(Error::field(
                        ErrorCode::ClientMismatch,
                        "replaces",
                        format!(
                            "L'échéancier {} n'est pas celui de ce client.",
                            old.plan.reference()
                        ),
                    ));
                }
                if matches!(old.status, PlanStatus::Replaced | PlanStatus::Completed) {
                    return Err(Error::field(
                        ErrorCode::PlanState,
                        "replaces",
                        format!(
                            "L'échéancier {} est {}\u{a0}: il n'y a plus rien à réviser.",
                            old.plan.reference(),
                            old.status_label.to_lowercase()
                        ),
                    ));
                }
                Some(old)
            }
            None => None,
        };
        let facts = db::load_client_facts(conn, client.id)?;
        let states = standing::invoice_states(&facts, today)?;
        let chosen: Vec<i64> = if !input.invoices.is_empty() {
            input.invoices.clone()
        } else if let Some(old) = &replaced {
            old.plan.invoice_ids()
        } else {
            states
                .iter()
                .filter(|s| s.status == InvoiceStatus::Overdue && s.balance.is_positive())
                .map(|s| s.invoice_id)
                .collect()
        };
        if chosen.is_empty() {
            return Err(Error::field(
                ErrorCode::InvalidPlan,
                "invoices",
                format!(
                    "{} n'a aucune facture en retard au {}\u{a0}: choisissez les factures à étaler.",
                    client.name,
                    format_date_fr(today)
                ),
            ));
        }
        // Invoices already covered by another calendar in force (or proposed) of this client.
        let mut taken: Vec<(i64, String)> = Vec::new();
        for p in db::plans_of_client(conn, client.id)? {
            if Some(p.id) == input.replaces {
                continue;
            }
            let st = self.follow_plan(p, today)?;
            if matches!(
                st.status,
                PlanStatus::Proposed | PlanStatus::Honoured | PlanStatus::Late
            ) {
                taken.extend(
                    st.plan
                        .invoice_ids()
                        .into_iter()
                        .map(|i| (i, st.plan.reference())),
                );
            }
        }
        let mut records: HashMap<i64, crate::model::Invoice> =
            db::invoices_of_client(conn, client.id)?
                .into_iter()
                .map(|i| (i.id, i))
                .collect();
        let invoices: Vec<(crate::model::Invoice, standing::InvoiceState)> = states
            .into_iter()
            .filter_map(|st| Some((records.remove(&st.invoice_id)?, st)))
            .collect();
        let penalties = self.penalties(client.id, today)?;
        let chosen = plans::choose_invoices(
            &plans::InvoiceChoice {
                client: &client,
                chosen: &chosen,
                invoices: &invoices,
                taken: &taken,
                penalties: &penalties,
            },
            |id| Ok(db::invoice_get(conn, id)?.is_some()),
        )?;
        plans::assemble(
            &client,
            chosen,
            &terms,
            notice_days,
            plans::Lineage {
                version: replaced
                    .as_ref()
                    .map_or(1, |o| o.plan.version.saturating_add(1)),
                replaces: input.replaces,
                last_payment_id: db::last_payment_id(conn)?,
            },
            today,
            &Calendar::france(),
        )
    }

    /// Saves the calendar as proposed (a revision replaces the calendar it revises, which is kept), with its
    /// journal entry, in one transaction.
    pub fn propose_plan(&mut self, input: &PlanInput, today: NaiveDate) -> Result<PlanState> {
        let mut plan = self.build_plan(input, today)?;
        let text = format!(
            "{} proposé\u{a0}: {}\u{a0}; pénalités {}.",
            if plan.version > 1 {
                format!("Échéancier révisé (version {})", plan.version)
            } else {
                "Échéancier".to_owned()
            },
            plans::summary(&plan),
            plan.treatment.label_fr().to_lowercase()
        );
        let id = self.store.write(|tx| {
            let entry = plan_entry(plan.client_id, today, JournalKind::PlanProposed, text);
            plan.proposed_journal_id = db::journal_insert(tx, &entry, None)?;
            if let Some(old) = plan.replaces {
                db::plan_set_replaced(tx, old, today)?;
            }
            db::plan_insert(tx, &plan, None)
        })?;
        self.plan(id, today)
    }

    /// Records the client's signature: the calendar is agreed and the debt acknowledged (C. civ. 2240: prescription
    /// starts again from this date), in the journal.
    pub fn sign_plan(
        &mut self,
        id: PlanId,
        signed_on: &str,
        today: NaiveDate,
    ) -> Result<PlanState> {
        let st = self.plan(id, today)?;
        let on = parse_date("signed_on", "Date de signature", signed_on)?;
        if st.status != PlanStatus::Proposed {
            return Err(Error::field(
                ErrorCode::PlanState,
                "plan_id",
                match st.plan.signed_on {
                    Some(d) => format!(
                        "L'échéancier {} est déjà signé (le {}).",
                        st.plan.reference(),
                        format_date_fr(d)
                    ),
                    None => format!(
                        "L'échéancier {} est {}\u{a0}: il ne peut plus être signé.",
                        st.plan.reference(),
                        st.status_label.to_lowercase()
                    ),
                },
            ));
        }
        if on < st.plan.created_on || on > today {
            return Err(Error::field(
                ErrorCode::InvalidDate,
                "signed_on",
                format!(
                    "Date de signature\u{a0}: entre le {} (date de l'échéancier) et aujourd'hui.",
                    format_date_fr(st.plan.created_on)
                ),
            ));
        }
        let text = format!(
            "Échéancier {} signé par le client\u{a0}: {}. Reconnaissance de la dette\u{a0}: le délai de prescription repart de cette date (C. civ. 2240).",
            st.plan.reference(),
            plans::summary(&st.plan)
        );
        self.store.write(|tx| {
            let mut entry = plan_entry(st.plan.client_id, on, JournalKind::PlanSigned, text);
            entry.channel = Some(ContactChannel::Letter);
            let journal_id = db::journal_insert(tx, &entry, None)?;
            db::plan_set_signed(tx, id, on, journal_id)
        })?;
        self.plan(id, today)
    }

    /// A calendar as of `today`.
    pub fn plan(&self, id: PlanId, today: NaiveDate) -> Result<PlanState> {
        let p = db::plan_get(self.conn(), id)?.ok_or_else(|| {
            Error::field(
                ErrorCode::PlanNotFound,
                "plan_id",
                format!("Échéancier n°\u{a0}{id}\u{a0}: introuvable."),
            )
        })?;
        self.follow_plan(p, today)
    }

    pub(super) fn follow_plan(&self, p: Plan, today: NaiveDate) -> Result<PlanState> {
        let paid = db::plan_paid(self.conn(), &p, today)?;
        plans::follow(&p, paid, today, &Calendar::france())
    }

    /// A client's calendars, newest first, revisions and old versions included.
    pub fn plans(&self, client_id: ClientId, today: NaiveDate) -> Result<Vec<PlanState>> {
        client_in(self.conn(), client_id, "client_id")?;
        db::plans_of_client(self.conn(), client_id)?
            .into_iter()
            .map(|p| self.follow_plan(p, today))
            .collect()
    }

    /// The client's calendar still open: proposed, or signed and neither broken, replaced nor completed.
    pub fn current_plan(&self, client_id: ClientId, today: NaiveDate) -> Result<Option<PlanState>> {
        Ok(self.plans(client_id, today)?.into_iter().find(|s| {
            matches!(
                s.status,
                PlanStatus::Proposed | PlanStatus::Honoured | PlanStatus::Late
            )
        }))
    }

    /// The form's starting point for a client: its overdue invoices, the calendar sized to the debt.
    pub fn suggested_plan_input(&self, client_id: ClientId, today: NaiveDate) -> Result<PlanInput> {
        let client = client_in(self.conn(), client_id, "client_id")?;
        let detail = self.client_detail(client_id, today)?;
        let overdue = Money::sum(
            detail
                .invoices
                .iter()
                .map(|r| r.state())
                .filter(|s| s.status == InvoiceStatus::Overdue)
                .map(|s| s.balance),
        )?;
        let t = plans::suggested_terms(overdue, today);
        let (frequency, first) = match t.dates {
            plans::Dates::Every { frequency, first } => (frequency, first),
            plans::Dates::Explicit(_) => (plans::Frequency::Monthly, today),
        };
        Ok(PlanInput {
            client_id,
            instalments: match t.split {
                plans::Split::Count(n) => n.to_string(),
                plans::Split::Amount(_) => String::new(),
            },
            frequency: frequency.code().into(),
            first_date: first.to_string(),
            penalties: t.penalties.code().into(),
            notice_days: plans::notice_days(client.kind, None)?.to_string(),
            ..PlanInput::default()
        })
    }

    /// The email that proposes a calendar and asks for the signed copy (or follows it up), for the calendar's
    /// screen.
    pub fn plan_draft(&self, id: PlanId, today: NaiveDate) -> Result<crate::drafts::Draft> {
        let st = self.plan(id, today)?;
        let action = crate::engine::Action::PlanSignature;
        let step = crate::engine::Step {
            action,
            action_label: action.label_fr().into(),
            channel: Some(ContactChannel::Email),
            tone: action.tone(),
            done_as: crate::engine::done_kind(action),
            date: today,
            optional: false,
            invoices: st.plan.invoice_ids(),
            amount: st.plan.total,
            reasons: Vec::new(),
            then: None,
            then_fact: None,
        };
        let suggestion = crate::engine::Suggestion {
            client_id: st.plan.client_id,
            step,
            alongside: None,
        };
        let business = self.business_for_drafts()?;
        let (client, _, invoices, journal) = self.case_parts(st.plan.client_id, today)?;
        crate::drafts::draft(
            &crate::drafts::DraftContext {
                business: &business,
                client: &client,
                invoices: &invoices,
                journal: &journal,
                plan: Some(&st),
                penalties: None,
                today,
            },
            &suggestion,
        )
    }
}
