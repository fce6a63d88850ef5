//! A client's case built by hand, for tests of the pure rules (engine, drafts, letters, penalties) without a
//! database: its invoices with their states as of a date, its history, its exceptions. Every record goes through
//! the same input validation as the forms, so a fixture is a case the app could hold.
//!
//! ```
//! use tact_core::engine::{Action, Policy};
//! use tact_core::fixtures::Fixture;
//! let f = Fixture::professional("Agence Lumière SARL")
//!     .invoice("F-1", "1000.00", "2026-10-01", "2026-10-31")
//!     .on("2026-11-05");
//! let s = f.suggest(&Policy::default()).unwrap();
//! assert_eq!(s.step.action, Action::FriendlyReminder);
//! ```

use crate::calendar::Calendar;
use crate::drafts::DraftContext;
use crate::engine::{self, ClientCase, ClientOverrides, Policy, Suggestion};
use crate::error::Result;
use crate::input::{BusinessInput, ClientInput, InvoiceInput, PostalContactInput};
use crate::model::{
    Business, CallOutcome, Client, ClientKind, ContactChannel, Invoice, InvoiceId, InvoiceStatus,
    JournalEntry, JournalKind, PaymentTerms,
};
use crate::money::Money;
use crate::standing::{ClientStanding, InvoiceState};
use chrono::NaiveDate;

/// A date from `YYYY-MM-DD` (fixtures are written by hand: a bad date is a bug in the test).
fn day(s: &str) -> NaiveDate {
    s.parse()
        .unwrap_or_else(|e| panic!("fixture date {s:?}: {e}"))
}

/// One client, its invoices and history, as of a day.
#[derive(Debug, Clone)]
pub struct Fixture {
    pub business: Business,
    pub client: Client,
    pub invoices: Vec<(Invoice, InvoiceState)>,
    pub journal: Vec<JournalEntry>,
    pub standing: ClientStanding,
    pub overrides: ClientOverrides,
    pub today: NaiveDate,
    /// Invoices contested (a dispute opened and not settled).
    pub disputed: Vec<InvoiceId>,
    /// Invoices paid after their due date, with the penalties still owed (as the ledger passes them).
    pub late_settlements: Vec<engine::LateSettlement>,
    /// When a bank statement was last imported, and the credits not yet reviewed that could be this client's.
    pub last_statement: Option<NaiveDate>,
    pub credits_to_review: Vec<engine::CreditToReview>,
}

impl Fixture {
    fn new(kind: &str, name: &str) -> Fixture {
        let client = ClientInput {
            kind: kind.into(),
            name: name.into(),
            client_since: Some("2020-01-06".into()),
            contact: PostalContactInput {
                address_line1: Some("12 rue de la République".into()),
                postcode: Some("69002".into()),
                city: Some("Lyon".into()),
                email: Some("compta@example.fr".into()),
                ..Default::default()
            },
            ..Default::default()
        }
        .validate()
        .unwrap_or_else(|e| panic!("fixture client: {e}"));
        let business = BusinessInput {
            legal_name: "Sophie Marchand".into(),
            trade_name: Some("Atelier Marchand".into()),
            siret: Some("832 541 908 00014".into()),
            iban: Some("FR76 3000 4000 3123 4567 8901 235".into()),
            contact: PostalContactInput {
                address_line1: Some("8 rue Mercière".into()),
                postcode: Some("69002".into()),
                city: Some("Lyon".into()),
                email: Some("sophie@atelier-marchand.fr".into()),
                ..Default::default()
            },
            ..Default::default()
        }
        .validate()
        .unwrap_or_else(|e| panic!("fixture business: {e}"));
        Fixture {
            business,
            client: Client { id: 1, ..client },
            invoices: Vec::new(),
            journal: Vec::new(),
            standing: ClientStanding {
                client_id: 1,
                ..Default::default()
            },
            overrides: ClientOverrides::default(),
            today: day("2026-11-23"),
            disputed: Vec::new(),
            late_settlements: Vec::new(),
            last_statement: None,
            credits_to_review: Vec::new(),
        }
    }

    /// A business client, a client since 2020.
    pub fn professional(name: &str) -> Fixture {
        Self::new("professional", name)
    }

    /// A consumer, a client since 2020.
    pub fn consumer(name: &str) -> Fixture {
        Self::new("consumer", name)
    }

    /// A client since this date (a new client gets a note before the due date).
    pub fn client_since(mut self, date: &str) -> Self {
        self.client.client_since = Some(day(date));
        self
    }

    /// An invoice issued on `issue`, due on `due`, for `amount` TTC, nothing paid yet.
    pub fn invoice(mut self, number: &str, amount: &str, issue: &str, due: &str) -> Self {
        let mut inv = InvoiceInput {
            number: number.into(),
            client_id: self.client.id,
            issue_date: issue.into(),
            due_date: Some(due.into()),
            amount: amount.into(),
            ..Default::default()
        }
        .validate(PaymentTerms::DEFAULT)
        .unwrap_or_else(|e| panic!("fixture invoice {number}: {e}"));
        inv.id = InvoiceId::try_from(self.invoices.len())
            .unwrap_or(0)
            .saturating_add(1);
        let state = InvoiceState {
            invoice_id: inv.id,
            client_id: self.client.id,
            status: InvoiceStatus::Open,
            paid: Money::ZERO,
            credited: Money::ZERO,
            balance: inv.amount,
            days_late: None,
            settled_on: None,
            last_paid_on: None,
        };
        self.invoices.push((inv, state));
        self.restate()
    }

    /// `amount` of invoice `number` paid on `date`.
    pub fn paid(mut self, number: &str, amount: &str, date: &str) -> Self {
        let amount = crate::money::parse_amount("amount", "Montant", amount)
            .unwrap_or_else(|e| panic!("fixture payment: {e}"));
        let (_, st) = self.find(number);
        st.paid = st
            .paid
            .checked_add(amount)
            .unwrap_or_else(|e| panic!("{e}"));
        st.last_paid_on = Some(day(date));
        self.restate()
    }

    /// Invoice `number` is contested (a dispute opened on `date`, with its reason).
    pub fn disputed(mut self, number: &str, date: &str, why: &str) -> Self {
        let id = self.find(number).0.id;
        self.disputed.push(id);
        self = self.entry(JournalKind::DisputeOpened, date, why);
        if let Some(e) = self.journal.last_mut() {
            e.invoice_id = Some(id);
        }
        self.restate()
    }

    /// An entry in the history (a reminder sent, a note).
    pub fn entry(mut self, kind: JournalKind, date: &str, text: &str) -> Self {
        let id = i64::try_from(self.journal.len())
            .unwrap_or(0)
            .saturating_add(1);
        self.journal.push(JournalEntry {
            id,
            client_id: self.client.id,
            invoice_id: None,
            date: day(date),
            kind,
            channel: Some(match kind {
                JournalKind::Call => ContactChannel::Phone,
                JournalKind::FormalNotice | JournalKind::Letter | JournalKind::LastReminder => {
                    ContactChannel::Letter
                }
                _ => ContactChannel::Email,
            }),
            call_outcome: None,
            promise_date: None,
            promise_amount: None,
            text: Some(text.into()),
            payment_id: None,
            corrects: None,
        });
        self
    }

    /// A phone call on `date` with its outcome; a promise to pay by `promised` when given.
    pub fn call(mut self, date: &str, outcome: CallOutcome, promised: Option<&str>) -> Self {
        self = self.entry(JournalKind::Call, date, "Appel");
        if let Some(e) = self.journal.last_mut() {
            e.call_outcome = Some(outcome);
            e.promise_date = promised.map(day);
        }
        self
    }

    /// « Reporter »: nothing before this date.
    pub fn paused_until(mut self, date: &str) -> Self {
        self.overrides.pause_until = Some(day(date));
        self
    }

    /// The same case as of another day (the states follow).
    pub fn on(mut self, today: &str) -> Self {
        self.today = day(today);
        self.restate()
    }

    fn find(&mut self, number: &str) -> &mut (Invoice, InvoiceState) {
        self.invoices
            .iter_mut()
            .find(|(i, _)| i.number == number)
            .unwrap_or_else(|| panic!("fixture: no invoice {number}"))
    }

    /// Statuses, balances and lateness as of `today`, and the client's standing from them.
    fn restate(mut self) -> Self {
        let today = self.today;
        let disputed = self.disputed.clone();
        for (inv, st) in &mut self.invoices {
            st.balance = inv
                .amount
                .checked_sub(st.paid)
                .and_then(|b| b.checked_sub(st.credited))
                .unwrap_or_else(|e| panic!("{e}"));
            let late = (inv.due_date < today && st.balance.is_positive())
                .then(|| today.signed_duration_since(inv.due_date).num_days());
            st.days_late = late;
            st.status = if !st.balance.is_positive() {
                InvoiceStatus::Paid
            } else if disputed.contains(&inv.id) {
                InvoiceStatus::Disputed
            } else if late.is_some() {
                InvoiceStatus::Overdue
            } else if st.paid.is_positive() {
                InvoiceStatus::PartiallyPaid
            } else {
                InvoiceStatus::Open
            };
        }
        let owed = |pick: fn(&InvoiceState) -> bool| {
            Money::sum(
                self.invoices
                    .iter()
                    .filter(|(_, s)| pick(s))
                    .map(|(_, s)| s.balance),
            )
            .unwrap_or_else(|e| panic!("{e}"))
        };
        self.standing.balance = owed(|_| true);
        self.standing.overdue_total = owed(|s| s.status == InvoiceStatus::Overdue);
        self.standing.max_days_late = self.invoices.iter().filter_map(|(_, s)| s.days_late).max();
        let paid_late = self.invoices.iter().any(|(i, s)| {
            !s.balance.is_positive() && s.last_paid_on.is_some_and(|on| on > i.due_date)
        });
        self.late_settlements = if paid_late && self.client.kind == ClientKind::Professional {
            self.penalties()
                .unwrap_or_else(|e| panic!("fixture penalties: {e}"))
                .invoices
                .into_iter()
                .filter_map(engine::LateSettlement::of)
                .collect()
        } else {
            Vec::new()
        };
        self
    }

    /// What the engine reads about this client.
    pub fn case(&self) -> ClientCase<'_> {
        ClientCase {
            client: &self.client,
            standing: &self.standing,
            invoices: &self.invoices,
            journal: &self.journal,
            overrides: &self.overrides,
            formal_notice_received: None,
            plan: None,
            last_plan_on: None,
            acknowledged: &[],
            late_settlements: &self.late_settlements,
            last_statement: self.last_statement,
            credits_to_review: &self.credits_to_review,
        }
    }

    /// The next tactful step on `today` (French working days).
    pub fn suggest(&self, policy: &Policy) -> Result<Suggestion> {
        engine::suggest(&self.case(), policy, &Calendar::france(), self.today)
    }

    /// The penalties to `today` with the rate tables shipped with Tact (no mise en demeure sent).
    pub fn penalties(&self) -> Result<crate::legal::ClientPenalties> {
        let lines: Vec<crate::legal::PenaltyInvoice<'_>> = self
            .invoices
            .iter()
            .map(|(invoice, state)| crate::legal::PenaltyInvoice {
                invoice: invoice.into(),
                state,
                settlements: state
                    .last_paid_on
                    .map(|on| vec![(on, state.paid)])
                    .unwrap_or_default(),
                acknowledged_on: None,
                formal_notice: None,
                waived_on: None,
            })
            .collect();
        crate::legal::client_penalties(
            &crate::legal::PenaltyCase {
                client: &self.client,
                default_rate: None,
                formal_notice: None,
                invoices: &lines,
            },
            &crate::legal::RateTables::builtin(),
            self.today,
        )
    }

    /// What a letter reads, with these penalties.
    pub fn letter_context<'a>(
        &'a self,
        penalties: &'a crate::legal::ClientPenalties,
    ) -> crate::letters::LetterContext<'a> {
        crate::letters::LetterContext {
            business: &self.business,
            client: &self.client,
            invoices: &self.invoices,
            journal: &self.journal,
            penalties,
            plan: None,
            letters: &[],
            payments: &[],
            today: self.today,
        }
    }

    /// What a draft reads.
    pub fn draft_context(&self) -> DraftContext<'_> {
        DraftContext {
            business: &self.business,
            client: &self.client,
            invoices: &self.invoices,
            journal: &self.journal,
            plan: None,
            penalties: None,
            today: self.today,
        }
    }
}
