//! The tact engine in the books: the policy, per-client exceptions, « Reporter », each client's next step,
//! « Marquer comme fait », and Aujourd'hui.

use super::checks::{self, client_in, not_found};
use super::lists::{page_of, Page};
use super::Ledger;
use crate::calendar::Calendar;
use crate::engine::{self, Action, ClientCase, ClientOverrides, Policy, Suggestion};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Client, ClientId, ClientKind, Invoice, InvoiceId, JournalEntry, JournalId};
use crate::money::Money;
use crate::standing::{self, ClientStanding, InvoiceState};
use crate::storage as db;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// What the engine reads around a client's own records: its exceptions, the AR of its mise en demeure, its
/// calendars. Loaded once for one client or for all; [`CaseFacts::case`] is the one place a `ClientCase` is
/// put together.
struct CaseFacts {
    overrides: HashMap<ClientId, ClientOverrides>,
    received: HashMap<ClientId, NaiveDate>,
    plans: super::plans::PlanFacts,
    late_settlements: HashMap<ClientId, Vec<engine::LateSettlement>>,
    last_statement: Option<NaiveDate>,
    credits_to_review: HashMap<ClientId, Vec<engine::CreditToReview>>,
}

const NO_OVERRIDES: ClientOverrides = ClientOverrides {
    pause_until: None,
    always_call_first: false,
};

impl CaseFacts {
    fn case<'a>(
        &'a self,
        client: &'a Client,
        standing: &'a ClientStanding,
        invoices: &'a [(Invoice, InvoiceState)],
        journal: &'a [JournalEntry],
    ) -> ClientCase<'a> {
        let id = client.id;
        ClientCase {
            client,
            standing,
            invoices,
            journal,
            overrides: self.overrides.get(&id).unwrap_or(&NO_OVERRIDES),
            formal_notice_received: self.received.get(&id).copied(),
            plan: self.plans.current.get(&id),
            last_plan_on: self.plans.last_on.get(&id).copied(),
            acknowledged: self.plans.acknowledged.get(&id).map_or(&[], Vec::as_slice),
            late_settlements: self.late_settlements.get(&id).map_or(&[], Vec::as_slice),
            last_statement: self.last_statement,
            credits_to_review: self.credits_to_review.get(&id).map_or(&[], Vec::as_slice),
        }
    }
}

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
    /// When a bank statement was last imported (« Dernier relevé importé le … »).
    pub last_statement: Option<NaiveDate>,
    /// Bank credits waiting for the user's review.
    pub credits_to_review: u32,
}

impl Ledger {
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
        let policy = self.policy()?;
        let step = self.suggestion(client_id, today, &policy)?.step;
        let (until, entry) = engine::postponement(&step, client_id, until, today)?;
        self.store.write(|tx| {
            let mut o = db::overrides_get(tx, client_id)?;
            o.pause_until = Some(until);
            db::overrides_put(tx, client_id, &o)?;
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
        let facts = db::load_client_facts(self.conn(), id)?;
        let states = standing::invoice_states(&facts, today)?;
        // The open credits are matched against every client's invoices (two clients owing the same amount).
        let credits_to_review = if db::bank_lines_open_count(self.conn())? == 0 {
            HashMap::new()
        } else {
            let all = self.facts()?;
            let all_states = standing::invoice_states(&all, today)?;
            self.credits_to_review(&all, &all_states, today)?
        };
        let around = CaseFacts {
            overrides: HashMap::from([(id, db::overrides_get(self.conn(), id)?)]),
            received: db::formal_notices_received(self.conn())?,
            plans: self.plan_facts(today)?,
            late_settlements: self.late_settlements(
                &[&client],
                &facts,
                &states,
                &HashMap::from([(id, journal.clone())]),
                today,
            )?,
            last_statement: db::last_bank_import(self.conn())?,
            credits_to_review,
        };
        let case = around.case(&client, &standing, &invoices, &journal);
        engine::suggest(&case, policy, &Calendar::france(), today)
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
        let entries = engine::done_entries(&s, client_id, today, text)?;
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

    /// « Annuler » just after « Marquer comme fait »: each entry it wrote is corrected by a note, all in one
    /// transaction (see [`engine::undo_entry`]). A step that really left by the user's mailbox is not undone.
    pub fn undo_done(
        &mut self,
        client_id: ClientId,
        entry_ids: &[JournalId],
        today: NaiveDate,
    ) -> Result<Vec<JournalEntry>> {
        client_in(self.conn(), client_id, "client_id")?;
        self.store.write(|tx| {
            let sent = db::sent_by_journal(tx, client_id)?;
            entry_ids
                .iter()
                .map(|&id| {
                    let old = db::journal_get(tx, id)?.ok_or_else(|| {
                        not_found(
                            ErrorCode::JournalEntryNotFound,
                            "corrects",
                            "Entrée d'historique",
                            id,
                        )
                    })?;
                    if let Some(s) = sent.get(&id) {
                        return Err(Error::field(
                            ErrorCode::InvalidCorrection,
                            "corrects",
                            format!(
                                "Annulation\u{a0}: le message {} est parti par votre messagerie\u{a0}; un message envoyé ne s'annule pas.",
                                crate::text::fr_quote(&s.subject)
                            ),
                        ));
                    }
                    let mut e = engine::undo_entry(&old, client_id, today)?;
                    checks::journal(tx, &e)?;
                    e.id = db::journal_insert(tx, &e, None)?;
                    Ok(e)
                })
                .collect()
        })
    }

    /// The next step for every active client, in the clients' order. The whole ledger is read once: the facts
    /// and states for all invoices, full records only for the invoices with something owed, the journal grouped
    /// by client.
    pub fn suggestions(
        &self,
        today: NaiveDate,
        policy: &Policy,
    ) -> Result<Vec<(Client, Suggestion)>> {
        let mut out = Vec::new();
        self.suggest_each(today, policy, |c, s, _| {
            out.push((c, s));
            Ok(())
        })?;
        Ok(out)
    }

    /// Every active client with its suggestion and its standing, handed to `each` one at a time in the clients'
    /// order (the agenda keeps only what it shows: no vector of every client's suggestion beside its own lists).
    pub(super) fn suggest_each(
        &self,
        today: NaiveDate,
        policy: &Policy,
        mut each: impl FnMut(Client, Suggestion, ClientStanding) -> Result<()>,
    ) -> Result<()> {
        let conn = self.conn();
        let facts = self.facts()?;
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
        let clients: Vec<Client> = db::clients_all(conn)?
            .into_iter()
            .filter(|c| !c.archived)
            .collect();
        let around = CaseFacts {
            overrides: db::overrides_all(conn)?,
            received: db::formal_notices_received(conn)?,
            plans: self.plan_facts(today)?,
            late_settlements: self.late_settlements(
                &clients.iter().collect::<Vec<_>>(),
                &facts,
                &states,
                &journal_of,
                today,
            )?,
            last_statement: db::last_bank_import(conn)?,
            credits_to_review: self.credits_to_review(&facts, &states, today)?,
        };
        let cal = Calendar::france();
        let empty_standing = ClientStanding::default();
        for client in clients {
            let case = around.case(
                &client,
                standing_of
                    .get(&client.id)
                    .copied()
                    .unwrap_or(&empty_standing),
                invoices_of.get(&client.id).map_or(&[], Vec::as_slice),
                journal_of.get(&client.id).map_or(&[], Vec::as_slice),
            );
            let s = engine::suggest(&case, policy, &cal, today)?;
            let st = case.standing.clone();
            each(client, s, st)?;
        }
        Ok(())
    }

    /// The invoices of these business clients paid late within the claim window, with the penalties still owed
    /// on them (see [`engine::LateSettlement`]). Penalties are computed only for the clients that have one.
    fn late_settlements(
        &self,
        clients: &[&Client],
        facts: &standing::Facts,
        states: &[InvoiceState],
        journals: &HashMap<ClientId, Vec<JournalEntry>>,
        today: NaiveDate,
    ) -> Result<HashMap<ClientId, Vec<engine::LateSettlement>>> {
        let recent = |f: &standing::InvoiceFact, s: &InvoiceState| {
            s.settled_on.is_some_and(|on| {
                on > f.due_date
                    && on <= today
                    && today.signed_duration_since(on).num_days() <= engine::CLAIM_WINDOW_DAYS
            })
        };
        // The claim is offered only when nothing else is going on with the client: none is computed for a client
        // with an invoice overdue or disputed (its penalties are on its page and in its letters).
        let owing: std::collections::HashSet<ClientId> = facts
            .invoices
            .iter()
            .zip(states)
            .filter(|(_, s)| {
                matches!(
                    s.status,
                    crate::model::InvoiceStatus::Overdue | crate::model::InvoiceStatus::Disputed
                )
            })
            .map(|(f, _)| f.client_id)
            .collect();
        let candidates: std::collections::HashSet<ClientId> = facts
            .invoices
            .iter()
            .zip(states)
            .filter(|(f, s)| recent(f, s) && !owing.contains(&f.client_id))
            .map(|(f, _)| f.client_id)
            .collect();
        let mut out = HashMap::new();
        if candidates.is_empty() {
            return Ok(out);
        }
        // Only the business clients among them (the claim is B2B), and only their invoices paid after the due date,
        // from the facts already loaded. B2B penalties run from the due date, whatever the formal notice.
        let claimants: Vec<&Client> = clients
            .iter()
            .copied()
            .filter(|c| c.kind == ClientKind::Professional && candidates.contains(&c.id))
            .collect();
        let claiming: std::collections::HashSet<ClientId> =
            claimants.iter().map(|c| c.id).collect();
        let mut late_of: HashMap<ClientId, Vec<(&standing::InvoiceFact, &InvoiceState)>> =
            HashMap::new();
        for (f, st) in facts.invoices.iter().zip(states).filter(|(f, s)| {
            claiming.contains(&f.client_id)
                && s.status == crate::model::InvoiceStatus::Paid
                && s.last_paid_on
                    .is_some_and(|on| on > f.due_date && on <= today)
        }) {
            late_of.entry(f.client_id).or_default().push((f, st));
        }
        // Their payments and credit notes, in one vector sorted by invoice (each invoice's in their order): no
        // map of small vectors for tens of thousands of invoices.
        let wanted: std::collections::HashSet<InvoiceId> =
            late_of.values().flatten().map(|(f, _)| f.id).collect();
        let mut settled: Vec<(InvoiceId, NaiveDate, Money)> = facts
            .settlements
            .iter()
            .filter(|x| wanted.contains(&x.invoice_id))
            .map(|x| (x.invoice_id, x.date, x.amount))
            .collect();
        drop(wanted);
        settled.sort_by_key(|x| x.0);
        let settlements_of = |id: InvoiceId| -> Vec<(NaiveDate, Money)> {
            let from = settled.partition_point(|x| x.0 < id);
            settled[from..]
                .iter()
                .take_while(|x| x.0 == id)
                .map(|x| (x.1, x.2))
                .collect()
        };
        let shared = self.penalty_shared()?;
        // Their number and stated rate, the only columns the penalties need beyond the facts: one pass over the
        // invoices, a few MiB for tens of thousands of them, where whole records read by id cost a fifth of the
        // first screen's computation (scripts/bench-desktop).
        let ids: Vec<InvoiceId> = late_of.values().flatten().map(|(f, _)| f.id).collect();
        let records = db::penalty_records(self.conn(), &ids)?;
        drop(ids);
        let record = |id: InvoiceId| {
            records
                .binary_search_by_key(&id, |r| r.0)
                .ok()
                .and_then(|k| records.get(k))
        };
        for &client in &claimants {
            // « J'y renonce »: waived per invoice, by a journal entry still in force.
            let waived: HashMap<InvoiceId, NaiveDate> =
                crate::model::in_force(journals.get(&client.id).map_or(&[], Vec::as_slice))
                    .filter(|e| e.kind == crate::model::JournalKind::PenaltiesWaived)
                    .filter_map(|e| e.invoice_id.map(|i| (i, e.date)))
                    .collect();
            let lines: Vec<crate::legal::PenaltyInvoice<'_>> = late_of
                .get(&client.id)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter_map(|(f, st)| {
                    let (_, number, penalty_rate) = record(f.id)?;
                    Some(crate::legal::PenaltyInvoice {
                        invoice: crate::legal::PenaltyTerms {
                            id: f.id,
                            number,
                            issue_date: f.issue_date,
                            due_date: f.due_date,
                            amount: f.amount,
                            penalty_rate: *penalty_rate,
                        },
                        state: st,
                        settlements: settlements_of(f.id),
                        acknowledged_on: shared.acknowledged.get(&f.id).copied(),
                        formal_notice: None,
                        waived_on: waived.get(&f.id).copied(),
                    })
                })
                .collect();
            let late = crate::legal::client_penalties(
                &crate::legal::PenaltyCase {
                    client,
                    default_rate: shared.default_rate,
                    formal_notice: None,
                    invoices: &lines,
                },
                &shared.rates,
                today,
            )?
            .invoices;
            out.insert(
                client.id,
                late.into_iter()
                    .filter_map(engine::LateSettlement::of)
                    .collect(),
            );
        }
        Ok(out)
    }

    /// Aujourd'hui: the clients with something to do today (most urgent first: amount, lateness, step), a page
    /// at a time; what is coming in the next 7 days; and the clients with nothing to do, with why.
    /// Computed once per state of the database, date and page (the same page asked again before any write is
    /// given as it was).
    pub fn agenda(&self, today: NaiveDate, offset: u32, limit: u32) -> Result<Agenda> {
        let key = db::facts_key(self.conn())?;
        if let Some((k, d, o, l, a)) = self.agenda.borrow().as_ref() {
            if (*k, *d, *o, *l) == (key, today, offset, limit) {
                return Ok(a.clone());
            }
        }
        let a = self.compute_agenda(today, offset, limit)?;
        *self.agenda.borrow_mut() = Some((key, today, offset, limit, a.clone()));
        Ok(a)
    }

    fn compute_agenda(&self, today: NaiveDate, offset: u32, limit: u32) -> Result<Agenda> {
        let policy = self.policy()?;
        let week = today
            .checked_add_days(chrono::Days::new(7))
            .unwrap_or(today);
        // The clients due today with the amount at stake on both steps (the first key of their order).
        let (mut due, mut coming, mut resting): (Vec<(Money, AgendaItem)>, _, _) =
            (Vec::new(), Vec::new(), Vec::new());
        self.suggest_each(today, &policy, |client, suggestion, st| {
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
                Some(d) if d <= today => {
                    let alongside = item
                        .suggestion
                        .alongside
                        .as_ref()
                        .map_or(Money::ZERO, |s| s.amount);
                    due.push((item.suggestion.step.amount.checked_add(alongside)?, item));
                }
                Some(d) if d <= week => coming.push(item),
                _ => resting.push(item),
            }
            Ok(())
        })?;
        // Most urgent first: required before optional, then the amount at stake (both steps), the lateness, the
        // step.
        due.sort_by(|(x, a), (y, b)| {
            let key = |amount: &Money, i: &AgendaItem| {
                (
                    !i.suggestion.step.optional,
                    *amount,
                    i.max_days_late.unwrap_or(0),
                    i.suggestion.step.action.rank(),
                )
            };
            key(y, b)
                .cmp(&key(x, a))
                .then_with(|| a.client_name.cmp(&b.client_name))
        });
        let due = page_of(due, offset, limit);
        let due = Page {
            rows: due.rows.into_iter().map(|(_, i)| i).collect(),
            total: due.total,
            offset: due.offset,
        };
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
            due,
            coming,
            coming_total,
            resting,
            resting_total,
            last_statement: db::last_bank_import(self.conn())?,
            credits_to_review: u32::try_from(db::bank_lines_open_count(self.conn())?)
                .unwrap_or(u32::MAX),
        })
    }
}
