//! The lists and the client page: derived state as of a date, filtered, sorted and cut into pages in Rust.

use super::Ledger;
use crate::error::Result;
use crate::model::{
    Client, ClientId, CreditNote, Invoice, InvoiceId, InvoiceStatus, JournalEntry, JournalId,
    Payment,
};
use crate::money::Money;
use crate::payers::PayerProfile;
use crate::standing::{self, ClientStanding, InvoiceState};
use crate::storage as db;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A client with its standing: one line of the client list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientRow {
    #[serde(flatten)]
    pub client: Client,
    pub standing: ClientStanding,
    /// The payer profile (« Profil »): given on a page of the list ([`Ledger::client_page`]), not on the whole
    /// list.
    pub profile: Option<PayerProfile>,
}

/// An invoice with its derived state and client name: one line of the invoice list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceRow {
    #[serde(flatten)]
    pub invoice: Invoice,
    pub client_name: String,
    pub status: InvoiceStatus,
    pub status_label: &'static str,
    pub paid: Money,
    pub credited: Money,
    pub balance: Money,
    pub days_late: Option<i64>,
    pub settled_on: Option<NaiveDate>,
    pub last_paid_on: Option<NaiveDate>,
    /// The file it was imported from (« Importer »), openable from the invoice's row.
    pub source_file: Option<String>,
}

impl InvoiceRow {
    /// The derived state this row shows.
    pub fn state(&self) -> InvoiceState {
        InvoiceState {
            invoice_id: self.invoice.id,
            client_id: self.invoice.client_id,
            status: self.status,
            paid: self.paid,
            credited: self.credited,
            balance: self.balance,
            days_late: self.days_late,
            settled_on: self.settled_on,
            last_paid_on: self.last_paid_on,
        }
    }
}

/// A journal entry with what a reader needs: the French label, and whether a later entry corrected it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JournalView {
    #[serde(flatten)]
    pub entry: JournalEntry,
    pub kind_label: &'static str,
    pub invoice_number: Option<String>,
    pub corrected_by: Option<JournalId>,
    /// The message Tact sent for this entry through the user's mailbox (« Envoyé le … à … »).
    pub sent: Option<crate::mail::SentMessage>,
}

/// Everything about one client, as of a date: the client page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientDetail {
    pub client: Client,
    pub standing: ClientStanding,
    pub invoices: Vec<InvoiceRow>,
    pub payments: Vec<Payment>,
    pub credit_notes: Vec<CreditNote>,
    pub journal: Vec<JournalView>,
    /// The payer profile: grade and why, the same computation as the dashboard's and the engine's good-payer rule.
    pub profile: PayerProfile,
}

/// Which clients a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ArchiveFilter {
    #[default]
    Active,
    Archived,
    All,
}

/// Sort keys of the client list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ClientSort {
    #[default]
    Name,
    Balance,
    Overdue,
    DaysLate,
}

/// A page of the client list: filtered, sorted and cut in Rust, so the screen only receives what it shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ClientQuery {
    pub search: Option<String>,
    pub archived: ArchiveFilter,
    pub sort: ClientSort,
    pub descending: bool,
    pub offset: u32,
    /// 0 means the default page size (50); at most 500.
    pub limit: u32,
}

/// Sort keys of the invoice list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceSort {
    #[default]
    DueDate,
    /// What needs attention first: overdue (the latest first), disputed, then due soonest, then the settled
    /// ones (paid, cancelled, written off), the most recent first.
    Attention,
    IssueDate,
    Number,
    Client,
    Amount,
    Balance,
    DaysLate,
}

/// A page of the invoice list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct InvoiceQuery {
    pub client_id: Option<ClientId>,
    pub status: Option<InvoiceStatus>,
    pub search: Option<String>,
    pub min_days_late: Option<i64>,
    pub sort: InvoiceSort,
    pub descending: bool,
    pub offset: u32,
    /// 0 means the default page size (50); at most 500.
    pub limit: u32,
}

/// One page of a list and the total number of matching rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub total: u32,
    pub offset: u32,
}

/// A page of the invoice list and the totals of the whole list (the row under the table).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoicePage {
    pub rows: Vec<InvoiceRow>,
    pub total: u32,
    pub offset: u32,
    /// The amounts including VAT of every invoice matching the query.
    pub amount: Money,
    /// What is left to pay on them, as of the list's date.
    pub balance: Money,
}

/// Whether an invoice passes the list's filters (`matching`: the ids the text search found, if any).
/// The text search finds an invoice by its number, client or description (`matching`), or, when the text reads as
/// an amount (« 1 150,00 », « 300 »), by its amount or what is left to pay.
fn invoice_matches(
    q: &InvoiceQuery,
    f: &standing::InvoiceFact,
    st: &InvoiceState,
    matching: Option<&std::collections::HashSet<InvoiceId>>,
    amount: Option<Money>,
) -> bool {
    q.client_id.is_none_or(|c| f.client_id == c)
        && q.status.is_none_or(|s| st.status == s)
        && q.min_days_late
            .is_none_or(|m| st.days_late.unwrap_or(0) >= m)
        && matching.is_none_or(|ids| {
            ids.contains(&f.id) || amount.is_some_and(|a| a == f.amount || a == st.balance)
        })
}

/// The rows a page shows: `limit` as asked, 0 meaning the default of 50, at most 500.
fn page_size(limit: u32) -> usize {
    let n = match limit {
        0 => 50,
        n => n.min(500),
    };
    n as usize
}

pub(super) fn page_of<T>(mut all: Vec<T>, offset: u32, limit: u32) -> Page<T> {
    let total = u32::try_from(all.len()).unwrap_or(u32::MAX);
    let limit = page_size(limit);
    let start = (offset as usize).min(all.len());
    let rows: Vec<T> = all.drain(start..).take(limit).collect();
    Page {
        rows,
        total,
        offset: u32::try_from(start).unwrap_or(u32::MAX),
    }
}

fn matches_search(needle: &str, hay: &[Option<&str>]) -> bool {
    hay.iter()
        .flatten()
        .any(|h| h.to_lowercase().contains(needle))
}

impl Ledger {
    /// Every client's standing as of `as_of`.
    pub fn standings(&self, as_of: NaiveDate) -> Result<Vec<ClientStanding>> {
        let facts = self.facts()?;
        standing::client_standings(&facts, as_of)
    }

    /// Every invoice's state as of `as_of`.
    pub fn invoice_states(&self, as_of: NaiveDate) -> Result<Vec<InvoiceState>> {
        let facts = self.facts()?;
        standing::invoice_states(&facts, as_of)
    }

    /// Every client matching the query (search, archived filter), with standings, sorted as asked; the offset
    /// and limit are ignored (see [`Ledger::client_page`]).
    pub fn client_rows(&self, as_of: NaiveDate, q: &ClientQuery) -> Result<Vec<ClientRow>> {
        let clients = db::clients_all(self.conn())?;
        let facts = self.facts()?;
        let standings = standing::client_standings(&facts, as_of)?;
        let by_id: std::collections::HashMap<ClientId, ClientStanding> =
            standings.into_iter().map(|s| (s.client_id, s)).collect();
        let needle = q
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_lowercase);
        let mut rows: Vec<ClientRow> = clients
            .into_iter()
            .filter(|c| match q.archived {
                ArchiveFilter::Active => !c.archived,
                ArchiveFilter::Archived => c.archived,
                ArchiveFilter::All => true,
            })
            .filter(|c| {
                needle.as_deref().is_none_or(|n| {
                    matches_search(
                        n,
                        &[
                            Some(&c.name),
                            c.contact_name.as_deref(),
                            c.contact.email.as_deref(),
                            c.contact.city.as_deref(),
                        ],
                    )
                })
            })
            .map(|c| {
                let standing = by_id.get(&c.id).cloned().unwrap_or_default();
                ClientRow {
                    client: c,
                    standing,
                    profile: None,
                }
            })
            .collect();
        match q.sort {
            ClientSort::Name => {}
            ClientSort::Balance => rows.sort_by_key(|r| r.standing.balance),
            ClientSort::Overdue => rows.sort_by_key(|r| r.standing.overdue_total),
            ClientSort::DaysLate => rows.sort_by_key(|r| r.standing.max_days_late),
        }
        if q.descending {
            rows.reverse();
        }
        Ok(rows)
    }

    /// Every invoice matching the query, with derived states, sorted as asked; the offset and limit are ignored
    /// (see [`Ledger::invoice_page`]).
    pub fn invoice_rows(&self, as_of: NaiveDate, q: &InvoiceQuery) -> Result<Vec<InvoiceRow>> {
        Ok(self.query_invoices(as_of, q, false)?.rows)
    }

    /// A page of the client list.
    pub fn client_page(&self, as_of: NaiveDate, q: &ClientQuery) -> Result<Page<ClientRow>> {
        let mut page = page_of(self.client_rows(as_of, q)?, q.offset, q.limit);
        let ids: Vec<ClientId> = page.rows.iter().map(|r| r.client.id).collect();
        let mut profiles = self.payer_profiles(&ids, as_of)?;
        for row in &mut page.rows {
            row.profile = profiles.remove(&row.client.id);
        }
        Ok(page)
    }

    /// A page of the invoice list, with the totals of every invoice the query matches (not only this page's).
    pub fn invoice_page(&self, as_of: NaiveDate, q: &InvoiceQuery) -> Result<InvoicePage> {
        self.query_invoices(as_of, q, true)
    }

    /// The invoice list: filtered and sorted on the compact facts and the derived states, with the text search
    /// done in SQL; full records are loaded only for the rows returned (one page, unless `paged` is false); the
    /// totals are those of every matching invoice.
    pub(super) fn query_invoices(
        &self,
        as_of: NaiveDate,
        q: &InvoiceQuery,
        paged: bool,
    ) -> Result<InvoicePage> {
        let conn = self.conn();
        let facts = match q.client_id {
            Some(id) => std::sync::Arc::new(db::load_client_facts(conn, id)?),
            None => self.facts()?,
        };
        let states = standing::invoice_states(&facts, as_of)?;
        let needle = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let matching = needle
            .map(|n| db::search_invoice_ids(conn, n))
            .transpose()?;
        let amount = needle
            .and_then(|n| crate::money::parse_amount("search", "Recherche", n).ok())
            .filter(|a| a.is_positive());
        let mut picked: Vec<usize> = (0..facts.invoices.len())
            .filter(|&i| {
                let (f, st) = (&facts.invoices[i], &states[i]);
                invoice_matches(q, f, st, matching.as_ref(), amount)
            })
            .collect();
        let names = db::client_names(conn)?;
        let key_id = |i: &usize| facts.invoices[*i].id;
        match q.sort {
            InvoiceSort::DueDate => {
                picked.sort_by_key(|i| (facts.invoices[*i].due_date, key_id(i)))
            }
            InvoiceSort::Attention => picked.sort_by_key(|i| {
                use std::cmp::Reverse;
                let (f, st) = (&facts.invoices[*i], &states[*i]);
                let group: u8 = match st.status {
                    InvoiceStatus::Overdue => 0,
                    InvoiceStatus::Disputed => 1,
                    InvoiceStatus::Open | InvoiceStatus::PartiallyPaid => 2,
                    _ => 3,
                };
                // The settled ones, the most recent first; the others, the soonest due first.
                let settled = group == 3;
                let (soonest, latest) = if settled {
                    (None, Some((f.due_date, key_id(i))))
                } else {
                    (Some((f.due_date, key_id(i))), None)
                };
                (
                    group,
                    Reverse(st.days_late.unwrap_or(0)),
                    soonest,
                    Reverse(latest),
                )
            }),
            InvoiceSort::IssueDate => {
                picked.sort_by_key(|i| (facts.invoices[*i].issue_date, key_id(i)))
            }
            InvoiceSort::Amount => picked.sort_by_key(|i| (facts.invoices[*i].amount, key_id(i))),
            InvoiceSort::Balance => picked.sort_by_key(|i| (states[*i].balance, key_id(i))),
            InvoiceSort::DaysLate => picked.sort_by_key(|i| (states[*i].days_late, key_id(i))),
            InvoiceSort::Number => {
                let numbers = db::invoice_numbers(conn)?;
                picked.sort_by_cached_key(|i| numbers.get(&key_id(i)).cloned().unwrap_or_default());
            }
            InvoiceSort::Client => picked.sort_by_cached_key(|i| {
                let name = names
                    .get(&facts.invoices[*i].client_id)
                    .map(|n| n.to_lowercase())
                    .unwrap_or_default();
                (name, facts.invoices[*i].due_date, key_id(i))
            }),
        }
        if q.descending {
            picked.reverse();
        }
        let total = u32::try_from(picked.len()).unwrap_or(u32::MAX);
        // The totals under the table: every matching invoice, not only the page shown.
        let mut sums = (Money::ZERO, Money::ZERO);
        for &i in &picked {
            sums.0 = sums.0.checked_add(facts.invoices[i].amount)?;
            sums.1 = sums.1.checked_add(states[i].balance)?;
        }
        let (start, shown): (usize, Vec<usize>) = if paged {
            let limit = page_size(q.limit);
            let start = (q.offset as usize).min(picked.len());
            (
                start,
                picked.iter().skip(start).take(limit).copied().collect(),
            )
        } else {
            (0, picked)
        };
        let rows = self.rows_of(&facts, &states, &shown, &names)?;
        Ok(InvoicePage {
            rows,
            total,
            offset: u32::try_from(start).unwrap_or(u32::MAX),
            amount: sums.0,
            balance: sums.1,
        })
    }

    /// The invoice-list rows of the invoices at these indexes of `facts.invoices`, in that order: full records
    /// are loaded for those only.
    pub(super) fn rows_of(
        &self,
        facts: &standing::Facts,
        states: &[InvoiceState],
        shown: &[usize],
        names: &std::collections::HashMap<ClientId, String>,
    ) -> Result<Vec<InvoiceRow>> {
        let conn = self.conn();
        let ids: Vec<InvoiceId> = shown
            .iter()
            .filter_map(|i| facts.invoices.get(*i).map(|f| f.id))
            .collect();
        let mut records: std::collections::HashMap<InvoiceId, Invoice> =
            db::invoices_by_ids(conn, &ids)?
                .into_iter()
                .map(|inv| (inv.id, inv))
                .collect();
        let mut sources = db::source_names(conn, &ids)?;
        let rows = shown
            .iter()
            .filter_map(|&i| {
                let s = states.get(i)?;
                let invoice = records.remove(&s.invoice_id)?;
                Some(InvoiceRow {
                    client_name: names.get(&invoice.client_id).cloned().unwrap_or_default(),
                    status: s.status,
                    status_label: s.status.label_fr(),
                    paid: s.paid,
                    credited: s.credited,
                    balance: s.balance,
                    days_late: s.days_late,
                    settled_on: s.settled_on,
                    last_paid_on: s.last_paid_on,
                    source_file: sources.remove(&invoice.id),
                    invoice,
                })
            })
            .collect();
        Ok(rows)
    }

    /// Clients with overdue invoices as of `as_of`, most urgent first (the longest late, then the largest amount
    /// overdue), a page at a time (the home screen is [`Ledger::agenda`]).
    pub fn overdue_clients(
        &self,
        as_of: NaiveDate,
        offset: u32,
        limit: u32,
    ) -> Result<Page<ClientRow>> {
        let mut rows: Vec<ClientRow> = self
            .client_rows(as_of, &ClientQuery::default())?
            .into_iter()
            .filter(|r| r.standing.overdue_total.is_positive())
            .collect();
        rows.sort_by(|a, b| {
            (b.standing.max_days_late, b.standing.overdue_total)
                .cmp(&(a.standing.max_days_late, a.standing.overdue_total))
        });
        Ok(page_of(rows, offset, limit))
    }

    /// The client page: details, standing, invoices, payments, credit notes and history, as of `as_of`.
    pub fn client_detail(&self, id: ClientId, as_of: NaiveDate) -> Result<ClientDetail> {
        let client = self.client(id)?;
        // Only this client's facts: a client page must not scan the whole ledger.
        let facts = db::load_client_facts(self.conn(), id)?;
        let standing = standing::client_standings(&facts, as_of)?
            .into_iter()
            .next()
            .unwrap_or_else(|| ClientStanding {
                client_id: id,
                ..Default::default()
            });
        Ok(ClientDetail {
            invoices: self.invoice_rows(
                as_of,
                &InvoiceQuery {
                    client_id: Some(id),
                    ..Default::default()
                },
            )?,
            payments: db::payments_of_client(self.conn(), id)?,
            credit_notes: db::credit_notes_of_client(self.conn(), id)?,
            journal: self.journal(id)?,
            profile: self.payer_profile(id, as_of)?,
            client,
            standing,
        })
    }
}
