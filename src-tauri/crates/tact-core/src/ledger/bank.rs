//! Bank statements in the books: their credits stored once each, the proposals of [`crate::reconcile`] for the
//! open ones, and the user's decision: accept (a payment, its allocations and its journal entry, in one
//! transaction with the credit marked), ignore, or a rule « ce libellé = ce client ».

use super::checks::client_in;
use super::Ledger;
use crate::error::{Error, ErrorCode, Result};
use crate::input::{AllocationInput, PaymentInput};
use crate::model::{BankLine, ClientId, InvoiceId, Payment};
use crate::money::Money;
use crate::reconcile::{self, Announced, Expected, Known, OpenInvoice, Proposal};
use crate::storage as db;
use chrono::NaiveDate;
use serde::Serialize;

/// A credit as a statement gives it, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditInput {
    pub account: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub label: String,
    pub payer: Option<String>,
    pub payer_iban: Option<String>,
    pub reference: Option<String>,
    pub bank_id: Option<String>,
    pub method: String,
}

/// What an import of a statement wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BankImportReport {
    /// Credits new to the books.
    pub new: usize,
    /// Credits already imported from an earlier statement (nothing created).
    pub already: usize,
}

/// An open credit with its proposals, most likely first (none: « à identifier »).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BankReviewLine {
    pub line: BankLine,
    pub proposals: Vec<Proposal>,
}

/// The Banque screen: the credits to review and when a statement was last imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BankOverview {
    pub lines: Vec<BankReviewLine>,
    pub last_statement: Option<NaiveDate>,
}

/// A bank's label as Tact keeps it: control characters (tabs, line breaks) as spaces, at most 400 characters.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(400)
        .collect()
}

const BANK_CSV_PRESETS: &str = "bank_csv_presets";

const LABEL: crate::text::TextRule = crate::text::TextRule {
    max_chars: 400,
    multiline: false,
};

/// The identity of a credit: the bank's id when given, else account, date, amount and label, with its occurrence
/// among identical lines of the same statement (two true 50,00 € transfers on one day stay two).
fn identity(c: &CreditInput, occurrence: usize) -> String {
    match &c.bank_id {
        Some(id) if !id.trim().is_empty() => format!("{}|id|{}", c.account, id.trim()),
        _ => format!(
            "{}|{}|{}|{}|{occurrence}",
            c.account,
            c.date,
            c.amount.cents(),
            c.label.split_whitespace().collect::<Vec<_>>().join(" ")
        ),
    }
}

/// A rule's pattern, checked: a line of text of at least three characters.
fn rule_pattern(pattern: &str) -> Result<String> {
    let p = crate::text::required_text("pattern", "Libellé", pattern, crate::text::LINE)?;
    if p.chars().count() < 3 {
        return Err(Error::field(
            ErrorCode::Required,
            "pattern",
            "Libellé\u{a0}: au moins trois caractères, pour ne pas confondre les clients.",
        ));
    }
    Ok(p)
}

/// The payment a credit becomes: its date, amount and method, the bank line as its reference, allocated as given
/// (what is left stays as client credit), checked like any payment.
fn payment_of(
    line: &BankLine,
    client_id: ClientId,
    allocations: Vec<AllocationInput>,
) -> Result<crate::input::ValidPayment> {
    let reference: String = line
        .bank_id
        .clone()
        .map_or_else(|| line.label.clone(), |id| format!("{} ({id})", line.label))
        .chars()
        .take(200)
        .collect();
    PaymentInput {
        client_id,
        date: line.date.to_string(),
        amount: line.amount.to_canonical(),
        method: line.method.clone(),
        reference: Some(reference),
        allocations: Some(allocations),
    }
    .validate()
}

fn allocation_inputs(allocations: &[(InvoiceId, Money)]) -> Vec<AllocationInput> {
    allocations
        .iter()
        .map(|(invoice_id, amount)| AllocationInput {
            invoice_id: *invoice_id,
            amount: amount.to_canonical(),
        })
        .collect()
}

impl Ledger {
    /// Stores a statement's credits, each once (an overlapping statement creates nothing twice), in one
    /// transaction.
    pub fn import_bank_credits(
        &mut self,
        credits: &[CreditInput],
        today: NaiveDate,
    ) -> Result<BankImportReport> {
        self.store_credits(credits, today, false)
    }

    /// What [`Ledger::import_bank_credits`] would store, nothing kept (`--dry-run`).
    pub fn try_import_bank_credits(
        &mut self,
        credits: &[CreditInput],
        today: NaiveDate,
    ) -> Result<BankImportReport> {
        self.store_credits(credits, today, true)
    }

    fn store_credits(
        &mut self,
        credits: &[CreditInput],
        today: NaiveDate,
        trial: bool,
    ) -> Result<BankImportReport> {
        for c in credits {
            if !c.amount.is_positive() {
                return Err(Error::field(
                    ErrorCode::AmountNotPositive,
                    "amount",
                    "Relevé\u{a0}: seuls les crédits sont importés.",
                ));
            }
        }
        let run = |tx: &rusqlite::Transaction<'_>| {
            let mut report = BankImportReport::default();
            let mut seen: std::collections::HashMap<String, usize> =
                std::collections::HashMap::new();
            for c in credits {
                let base = identity(c, 0);
                let n = seen.entry(base).or_insert(0);
                let id = identity(c, *n);
                *n = n.saturating_add(1);
                let line = BankLine {
                    id: 0,
                    identity: id,
                    account: c.account.clone(),
                    date: c.date,
                    amount: c.amount,
                    label: crate::text::optional_text(
                        "label",
                        "Libellé",
                        Some(&clean(&c.label)),
                        LABEL,
                    )?
                    .unwrap_or_else(|| "(sans libellé)".into()),
                    payer: c.payer.clone(),
                    payer_iban: c.payer_iban.clone(),
                    reference: c.reference.clone(),
                    bank_id: c.bank_id.clone(),
                    method: c.method.clone(),
                    imported_on: today,
                    state: "open".into(),
                    payment_id: None,
                };
                if db::bank_line_insert(tx, &line)? {
                    report.new = report.new.saturating_add(1);
                } else {
                    report.already = report.already.saturating_add(1);
                }
            }
            Ok(report)
        };
        if trial {
            self.store.trial(run)
        } else {
            self.store.write(run)
        }
    }

    /// The credits, all or those in one state (`open`, `accepted`, `ignored`).
    pub fn bank_lines(&self, state: Option<&str>) -> Result<Vec<BankLine>> {
        db::bank_lines(self.conn(), state)
    }

    /// The column mappings of statement CSVs the user made (JSON written by the importer), if any.
    pub fn bank_csv_presets(&self) -> Result<Option<String>> {
        db::setting_get(self.conn(), BANK_CSV_PRESETS)
    }

    /// Saves the statement CSVs' column mappings.
    pub fn set_bank_csv_presets(&mut self, json: &str) -> Result<()> {
        self.store
            .write(|tx| db::setting_put(tx, BANK_CSV_PRESETS, json))
    }

    /// When a statement was last imported.
    pub fn last_bank_import(&self) -> Result<Option<NaiveDate>> {
        db::last_bank_import(self.conn())
    }

    /// The open credits with their proposals and the date of the last statement imported.
    pub fn bank_overview(&self, today: NaiveDate) -> Result<BankOverview> {
        Ok(BankOverview {
            lines: self.bank_review(today)?,
            last_statement: self.last_bank_import()?,
        })
    }

    /// The open credits with their proposals, as of `today`.
    pub fn bank_review(&self, today: NaiveDate) -> Result<Vec<BankReviewLine>> {
        let lines = db::bank_lines(self.conn(), Some("open"))?;
        if lines.is_empty() {
            return Ok(Vec::new());
        }
        let facts = db::load_facts(self.conn())?;
        let states = crate::standing::invoice_states(&facts, today)?;
        self.review_of(lines, &facts, &states, today)
    }

    /// The proposals for these credits, against the invoices open as of `today` (their states given) and what is
    /// known of the clients: names, IBANs of their earlier payments, rules, calendars' next instalments and
    /// promises to pay.
    pub(super) fn review_of(
        &self,
        lines: Vec<BankLine>,
        facts: &crate::standing::Facts,
        states: &[crate::standing::InvoiceState],
        today: NaiveDate,
    ) -> Result<Vec<BankReviewLine>> {
        let conn = self.conn();
        let open_states: Vec<&crate::standing::InvoiceState> = facts
            .invoices
            .iter()
            .zip(states)
            .filter(|(f, s)| {
                f.issue_date <= today
                    && s.balance.is_positive()
                    && s.status != crate::model::InvoiceStatus::WrittenOff
            })
            .map(|(_, s)| s)
            .collect();
        let ids: Vec<InvoiceId> = open_states.iter().map(|s| s.invoice_id).collect();
        let numbers: std::collections::HashMap<InvoiceId, crate::model::Invoice> =
            db::invoices_by_ids(conn, &ids)?
                .into_iter()
                .map(|i| (i.id, i))
                .collect();
        let open: Vec<OpenInvoice> = open_states
            .iter()
            .filter_map(|s| {
                let r = numbers.get(&s.invoice_id)?;
                Some(OpenInvoice {
                    id: r.id,
                    number: r.number.clone(),
                    client_id: r.client_id,
                    due_date: r.due_date,
                    balance: s.balance,
                })
            })
            .collect();
        let clients: Vec<(ClientId, String)> = db::clients_all(conn)?
            .into_iter()
            .filter(|c| !c.archived)
            .map(|c| (c.id, c.name))
            .collect();
        let known = Known {
            expected: self.expected_payments(today)?,
            clients,
            ibans: db::known_ibans(conn)?,
            rules: db::bank_rules(conn)?,
        };
        let matcher = reconcile::Matcher::new(&open, &known);
        Ok(lines
            .into_iter()
            .map(|line| {
                let proposals = matcher.propose(&reconcile::Credit {
                    amount: line.amount,
                    label: &line.label,
                    payer: line.payer.as_deref(),
                    payer_iban: line.payer_iban.as_deref(),
                    reference: line.reference.as_deref(),
                });
                BankReviewLine { line, proposals }
            })
            .collect())
    }

    /// The payments clients announced: the next instalment of each signed calendar still in force (and a missed
    /// one still unpaid), and the promises to pay an amount dated from 30 days ago.
    fn expected_payments(&self, today: NaiveDate) -> Result<Vec<Expected>> {
        let mut out = Vec::new();
        for (client_id, plan) in self.plan_facts(today)?.current {
            if !plan.in_force() {
                continue;
            }
            for i in plan
                .instalments
                .iter()
                .filter(|i| i.left.is_positive())
                .take(2)
            {
                out.push(Expected {
                    client_id,
                    amount: i.left,
                    what: Announced::Instalment {
                        due: i.instalment.due_on,
                    },
                });
            }
        }
        let since = today
            .checked_sub_days(chrono::Days::new(30))
            .unwrap_or(today);
        for e in db::promises_since(self.conn(), since)? {
            if let (Some(amount), Some(date)) = (e.promise_amount, e.promise_date) {
                out.push(Expected {
                    client_id: e.client_id,
                    amount,
                    what: Announced::Promise { amount, date },
                });
            }
        }
        Ok(out)
    }

    /// For the engine: per client, the open credits that could pay its invoices (a proposal allocating to them),
    /// so that no reminder leaves before the user has looked at them.
    pub(super) fn credits_to_review(
        &self,
        facts: &crate::standing::Facts,
        states: &[crate::standing::InvoiceState],
        today: NaiveDate,
    ) -> Result<std::collections::HashMap<ClientId, Vec<crate::engine::CreditToReview>>> {
        let mut out: std::collections::HashMap<ClientId, Vec<crate::engine::CreditToReview>> =
            std::collections::HashMap::new();
        let lines: Vec<BankLine> = db::bank_lines(self.conn(), Some("open"))?
            .into_iter()
            .filter(|l| l.date <= today)
            .collect();
        if lines.is_empty() {
            return Ok(out);
        }
        for r in self.review_of(lines, facts, states, today)? {
            let mut seen: Vec<ClientId> = Vec::new();
            for p in r.proposals.iter().filter(|p| !p.allocations.is_empty()) {
                if seen.contains(&p.client_id) {
                    continue;
                }
                seen.push(p.client_id);
                out.entry(p.client_id)
                    .or_default()
                    .push(crate::engine::CreditToReview {
                        line_id: r.line.id,
                        date: r.line.date,
                        amount: r.line.amount,
                        label: r.line.label.clone(),
                        invoices: p.numbers().into_iter().map(str::to_owned).collect(),
                    });
            }
        }
        Ok(out)
    }

    /// « Tout valider »: every open credit whose best proposal is sure (from [`reconcile::AUTO_CONFIDENCE`])
    /// accepted as proposed, all in one transaction. What was accepted, with the payments made.
    pub fn accept_sure_bank_lines(&mut self, today: NaiveDate) -> Result<Vec<(i64, Payment)>> {
        let sure: Vec<(BankLine, Proposal)> = self
            .bank_review(today)?
            .into_iter()
            .filter_map(|r| {
                let best = r.proposals.into_iter().next()?;
                (best.confidence >= reconcile::AUTO_CONFIDENCE).then_some((r.line, best))
            })
            .collect();
        let mut inputs = Vec::new();
        for (line, p) in &sure {
            let allocations: Vec<(InvoiceId, Money)> = p.split();
            inputs.push((
                line.id,
                payment_of(line, p.client_id, allocation_inputs(&allocations))?,
            ));
        }
        self.store.write(|tx| {
            let mut out = Vec::new();
            for (line_id, v) in &inputs {
                client_in(tx, v.client_id, "client_id")?;
                let p = Self::insert_payment(tx, v)?;
                db::bank_line_settle(tx, *line_id, "accepted", Some(p.id))?;
                out.push((*line_id, p));
            }
            Ok(out)
        })
    }

    fn open_line(&self, line_id: i64) -> Result<BankLine> {
        let line = db::bank_line_get(self.conn(), line_id)?.ok_or_else(|| {
            Error::field(
                ErrorCode::PaymentNotFound,
                "line",
                format!("Ligne de relevé n°\u{a0}{line_id}\u{a0}: introuvable."),
            )
        })?;
        if line.state != "open" {
            return Err(Error::field(
                ErrorCode::InvalidChoice,
                "line",
                format!(
                    "Ligne de relevé n°\u{a0}{line_id}\u{a0}: déjà {}.",
                    if line.state == "accepted" {
                        "acceptée"
                    } else {
                        "ignorée"
                    }
                ),
            ));
        }
        Ok(line)
    }

    /// « Accepter »: the credit becomes a payment of `client_id` (its date, amount and method, the bank line as
    /// its reference), allocated as given (what is left stays as client credit), with its journal entry, and the
    /// credit marked, in one transaction.
    pub fn accept_bank_line(
        &mut self,
        line_id: i64,
        client_id: ClientId,
        allocations: &[(InvoiceId, Money)],
    ) -> Result<Payment> {
        self.accept_bank_line_as(line_id, client_id, allocation_inputs(allocations), None)
    }

    /// « Accepter » as the user changed it (the screen's form: the client, the amounts typed per invoice, checked
    /// like any payment and named by field), and, when `remember` is given, the rule « ce libellé = ce client »,
    /// all in one transaction.
    pub fn accept_bank_line_as(
        &mut self,
        line_id: i64,
        client_id: ClientId,
        allocations: Vec<AllocationInput>,
        remember: Option<&str>,
    ) -> Result<Payment> {
        let line = self.open_line(line_id)?;
        let v = payment_of(&line, client_id, allocations)?;
        let rule = remember.map(rule_pattern).transpose()?;
        self.store.write(|tx| {
            client_in(tx, client_id, "client_id")?;
            let p = Self::insert_payment(tx, &v)?;
            db::bank_line_settle(tx, line_id, "accepted", Some(p.id))?;
            if let Some(pattern) = &rule {
                db::bank_rule_put(tx, pattern, client_id)?;
            }
            Ok(p)
        })
    }

    /// « Ignorer »: the credit is not a client's payment (a refund, a transfer between accounts); remembered.
    pub fn ignore_bank_line(&mut self, line_id: i64) -> Result<BankLine> {
        let mut line = self.open_line(line_id)?;
        self.store
            .write(|tx| db::bank_line_settle(tx, line_id, "ignored", None))?;
        line.state = "ignored".into();
        Ok(line)
    }

    /// « Ce libellé = ce client »: the next credits whose label contains `pattern` are proposed for this client.
    pub fn add_bank_rule(&mut self, pattern: &str, client_id: ClientId) -> Result<()> {
        let p = rule_pattern(pattern)?;
        self.store.write(|tx| {
            client_in(tx, client_id, "client_id")?;
            db::bank_rule_put(tx, &p, client_id)
        })
    }
}
