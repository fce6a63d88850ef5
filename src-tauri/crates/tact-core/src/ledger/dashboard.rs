//! « Tableau de bord »: the books read once (as for the agenda) and handed to [`crate::dashboard`]; the invoices
//! behind a figure; the payer profiles of a few clients (the client list's page, the client page).

use super::lists::InvoiceRow;
use super::Ledger;
use crate::calendar::Calendar;
use crate::dashboard::{self, Dashboard, DashboardFacts, Selection};
use crate::error::Result;
use crate::model::{ClientId, JournalEntry};
use crate::payers::{self, PayerCase, PayerProfile};
use crate::plans::PlanState;
use crate::standing::{self, ClientStanding};
use crate::storage as db;
use chrono::NaiveDate;
use std::collections::HashMap;

impl Ledger {
    /// Every calendar not replaced, followed to `today`, by client.
    fn plans_by_client(&self, today: NaiveDate) -> Result<HashMap<ClientId, Vec<PlanState>>> {
        let mut out: HashMap<ClientId, Vec<PlanState>> = HashMap::new();
        for p in db::plans_current(self.conn())? {
            let client = p.client_id;
            out.entry(client)
                .or_default()
                .push(self.follow_plan(p, today)?);
        }
        Ok(out)
    }

    /// The dashboard as of `today`: the whole ledger read once.
    pub fn dashboard(&self, today: NaiveDate) -> Result<Dashboard> {
        let conn = self.conn();
        let policy = self.policy()?;
        let facts = self.facts()?;
        let states = standing::invoice_states(&facts, today)?;
        let standings = standing::client_standings_from(&facts, &states, today)?;
        let mut journal: HashMap<ClientId, Vec<JournalEntry>> = HashMap::new();
        for e in db::journal_all(conn)? {
            journal.entry(e.client_id).or_default().push(e);
        }
        for entries in journal.values_mut() {
            entries.sort_by_key(|e| (e.date, e.id));
        }
        let plans = self.plans_by_client(today)?;
        let numbers =
            db::invoice_numbers_of(conn, dashboard::numbered(&facts, &states, &plans, today))?;
        let clients = db::clients_all(conn)?;
        dashboard::dashboard(&DashboardFacts {
            today,
            clients: &clients,
            facts: &facts,
            states: &states,
            standings: &standings,
            journal: &journal,
            plans: &plans,
            numbers: &numbers,
            rule: policy.good_payer_rule(),
            promise_grace: policy.promise_grace_working_days,
            cal: &Calendar::france(),
        })
    }

    /// The invoices behind a figure of the dashboard, in due-date order.
    pub fn dashboard_invoices(
        &self,
        selection: &Selection,
        today: NaiveDate,
    ) -> Result<Vec<InvoiceRow>> {
        let conn = self.conn();
        let facts = match selection.client_id {
            Some(id) => {
                super::checks::client_in(conn, id, "client_id")?;
                std::sync::Arc::new(db::load_client_facts(conn, id)?)
            }
            None => self.facts()?,
        };
        let states = standing::invoice_states(&facts, today)?;
        let plans = self.plans_by_client(today)?;
        let ids = dashboard::selected(selection, &facts, &states, &plans, today);
        let index: HashMap<i64, usize> = facts
            .invoices
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id, i))
            .collect();
        let shown: Vec<usize> = ids.iter().filter_map(|id| index.get(id).copied()).collect();
        self.rows_of(&facts, &states, &shown, &db::client_names(conn)?)
    }

    /// The payer profile of each of these clients as of `today` (a page of the client list).
    pub fn payer_profiles(
        &self,
        ids: &[ClientId],
        today: NaiveDate,
    ) -> Result<HashMap<ClientId, PayerProfile>> {
        ids.iter()
            .map(|&id| Ok((id, self.payer_profile(id, today)?)))
            .collect()
    }

    /// A client's payer profile as of `today` (the client page): from its own facts only, by the same
    /// computation as the dashboard's.
    pub fn payer_profile(&self, id: ClientId, today: NaiveDate) -> Result<PayerProfile> {
        let conn = self.conn();
        let policy = self.policy()?;
        let cal = Calendar::france();
        let client = self.client(id)?;
        let facts = db::load_client_facts(conn, id)?;
        let states = standing::invoice_states(&facts, today)?;
        let standing = standing::client_standings_from(&facts, &states, today)?
            .into_iter()
            .next()
            .unwrap_or_else(|| ClientStanding {
                client_id: id,
                ..Default::default()
            });
        let plans: Vec<PlanState> = db::plans_of_client(conn, id)?
            .into_iter()
            .filter(|p| p.replaced_on.is_none())
            .map(|p| self.follow_plan(p, today))
            .collect::<Result<_>>()?;
        let by_client = HashMap::from([(id, plans)]);
        let worst = dashboard::worst_late(&facts, &states, &by_client, today).remove(&id);
        let plans = by_client.into_values().next().unwrap_or_default();
        let number = match worst {
            Some((inv, _)) => db::invoices_by_ids(conn, &[inv])?
                .into_iter()
                .next()
                .map(|i| i.number),
            None => None,
        };
        let journal = db::journal_of_client(conn, id)?;
        Ok(payers::profile(
            &PayerCase {
                client_id: id,
                client_name: &client.name,
                standing: &standing,
                worst_late: worst.zip(number.as_deref()).map(|((_, d), n)| (n, d)),
                journal: &journal,
                plans: &plans,
            },
            policy.good_payer_rule(),
            policy.promise_grace_working_days,
            &cal,
            today,
        ))
    }
}
