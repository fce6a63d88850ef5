//! Ready-to-use drafts for the engine's steps: the email (subject and body) in the client's language, the call
//! sheet for a phone call, and the confirmation email after a call. Pure: data in, text out; "today" is a
//! parameter.
//!
//! Voice (words.md): vouvoiement, courteous and factual; the firm steps are firm by their content (dates, amounts,
//! the legal basis, the next step), never by adjectives or threats; no exclamation marks. French typography: a
//! no-break space before « : ; ? » and inside guillemets, amounts as `1 234,56 €`.
//!
//! B2B wording of penalties and the 40 € indemnity: C. com. L441-10 II and D441-5. Consumers: no fees of any kind
//! (CPCE L111-8); legal interest only from a mise en demeure (C. civ. 1231-6, 1344-1). The penalty amounts come
//! with the letters (legal amounts); until then the drafts state that they are due by law.

use crate::addressee::Addressee;
use crate::calendar::Calendar;
use crate::engine::{Action, Step, Suggestion};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    Business, CallOutcome, Client, ClientKind, Invoice, JournalEntry, JournalKind, Language,
};
use crate::money::Money;
use crate::standing::InvoiceState;
use crate::text::{format_date_fr, format_date_long_fr, format_iban};
use chrono::{Days, NaiveDate};
use serde::Serialize;

mod calls;
mod eml;
mod steps;
pub use calls::*;
pub use eml::*;
pub use steps::*;

mod penalty_claim;
mod plan_drafts;
pub use penalty_claim::penalty_claim_email;

/// One invoice of a draft's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DraftLine {
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Money,
    /// Paid and credited.
    pub paid: Money,
    pub balance: Money,
    pub days_late: Option<i64>,
    /// The client contests it: it is « en litige », not late (issue 19).
    pub disputed: bool,
}

/// What to say and ask on the phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CallSheet {
    pub phone: Option<String>,
    pub who: Option<String>,
    pub when: String,
    pub opening: String,
    pub questions: Vec<String>,
    pub offers: Vec<String>,
    pub to_note: Vec<String>,
}

/// A draft to review, edit and send (or, for an internal decision, to read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Draft {
    pub client_id: i64,
    pub action: Action,
    pub language: Language,
    /// The recipient's email address, when the draft is an email and the client has one.
    pub to: Option<String>,
    pub subject: String,
    pub body: String,
    /// False for a memo to the user (the options after the deadline, writing off).
    pub sendable: bool,
    pub lines: Vec<DraftLine>,
    pub total: Money,
    pub call_sheet: Option<CallSheet>,
}

/// An email as the user sends it, after editing the draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EmailText {
    pub to: Option<String>,
    pub subject: String,
    pub body: String,
}

impl Draft {
    /// The draft as an email, as written.
    pub fn email(&self) -> EmailText {
        EmailText {
            to: self.to.clone(),
            subject: self.subject.clone(),
            body: self.body.clone(),
        }
    }
}

/// What a draft reads.
#[derive(Debug, Clone)]
pub struct DraftContext<'a> {
    pub business: &'a Business,
    pub client: &'a Client,
    /// The client's invoices with their states (at least those the suggestion names).
    pub invoices: &'a [(Invoice, InvoiceState)],
    /// The client's history, oldest first (corrected entries are skipped).
    pub journal: &'a [JournalEntry],
    /// The client's payment calendar still open, for its emails.
    pub plan: Option<&'a crate::plans::PlanState>,
    /// The client's penalties, for the step « Réclamer les pénalités de retard » (read only by it).
    pub penalties: Option<&'a crate::legal::ClientPenalties>,
    pub today: NaiveDate,
}

#[derive(Clone, Copy)]
struct Lang(Language);

impl Lang {
    fn en(self) -> bool {
        self.0 == Language::English
    }
    fn t<'s>(self, fr: &'s str, en: &'s str) -> &'s str {
        if self.en() {
            en
        } else {
            fr
        }
    }
    fn money(self, m: Money) -> String {
        if self.en() {
            m.format_en()
        } else {
            m.format_fr()
        }
    }
    fn date(self, d: NaiveDate) -> String {
        format_date_fr(d)
    }
    fn long_date(self, d: NaiveDate) -> String {
        if self.en() {
            d.format("%-d %B %Y").to_string()
        } else {
            format_date_long_fr(d)
        }
    }
    /// French puts a no-break space before a colon.
    fn colon(self) -> &'static str {
        self.t("\u{a0}:", ":")
    }
    fn days(self, n: i64) -> String {
        match (self.en(), n) {
            (false, 1) => "1\u{a0}jour".into(),
            (false, n) => format!("{n}\u{a0}jours"),
            (true, 1) => "1 day".into(),
            (true, n) => format!("{n} days"),
        }
    }
    fn journal_label(self, kind: JournalKind) -> String {
        if !self.en() {
            return kind.label_fr().to_lowercase();
        }
        match kind {
            JournalKind::PreventiveNote => "reminder before the due date",
            JournalKind::FriendlyReminder => "reminder",
            JournalKind::FirmReminder => "second reminder",
            JournalKind::LastReminder => "final reminder",
            JournalKind::Call => "phone call",
            JournalKind::Letter => "letter",
            JournalKind::FormalNotice => "formal notice",
            JournalKind::PenaltiesClaimed => "claim for late-payment interest",
            _ => "exchange",
        }
        .into()
    }
}

fn signature(b: &Business, l: Lang) -> String {
    let mut lines = vec![l.t("Bien cordialement,", "Kind regards,").to_owned()];
    lines.push(
        b.signatory_name
            .clone()
            .unwrap_or_else(|| b.legal_name.clone()),
    );
    if let Some(t) = b.trade_name.as_deref().filter(|t| !t.is_empty()) {
        lines.push(t.to_owned());
    }
    let reach: Vec<&str> = [b.contact.phone.as_deref(), b.contact.email.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !reach.is_empty() {
        lines.push(reach.join(" · "));
    }
    lines.join("\n")
}

fn line_of(inv: &Invoice, st: &InvoiceState) -> Result<DraftLine> {
    Ok(DraftLine {
        number: inv.number.clone(),
        issue_date: inv.issue_date,
        due_date: inv.due_date,
        amount: inv.amount,
        paid: st.paid_and_credited()?,
        balance: st.balance,
        days_late: st.days_late,
        disputed: st.status == crate::model::InvoiceStatus::Disputed,
    })
}

/// The invoice table as text: one line per invoice with every column, then the total when there are several.
fn table(lines: &[DraftLine], l: Lang) -> Result<String> {
    let mut out: Vec<String> = lines
        .iter()
        .map(|x| {
            let late = if x.disputed {
                l.t(", en litige", ", disputed").to_owned()
            } else {
                x.days_late
                    .map(|n| {
                        format!(
                            "{}{}",
                            l.t(", en retard de ", ", "),
                            l.days(n) + l.t("", " overdue")
                        )
                    })
                    .unwrap_or_default()
            };
            let [word, of, due, amount, paid, balance] = if l.en() {
                ["Invoice", "of", "due", "amount", "already paid", "balance"]
            } else {
                [
                    "Facture",
                    "du",
                    "échéance le",
                    "montant",
                    "déjà réglé",
                    "reste dû",
                ]
            };
            format!(
                "– {word} {} {of} {}, {due} {}{} {amount} {}, {paid} {}, {balance} {}{late}",
                x.number,
                l.date(x.issue_date),
                l.date(x.due_date),
                l.colon(),
                l.money(x.amount),
                l.money(x.paid),
                l.money(x.balance)
            )
        })
        .collect();
    if lines.len() > 1 {
        let total = Money::sum(lines.iter().map(|x| x.balance))?;
        out.push(format!(
            "{}{} {}",
            l.t("Total restant dû", "Total balance"),
            l.colon(),
            l.money(total)
        ));
    }
    Ok(out.join("\n"))
}

fn numbers(lines: &[DraftLine]) -> String {
    lines
        .iter()
        .map(|x| x.number.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Facture F-1" / "Factures F-1, F-2" (subject lines).
fn invoices_word(lines: &[DraftLine], l: Lang) -> String {
    let word = match (lines.len() > 1, l.en()) {
        (false, false) => "Facture",
        (true, false) => "Factures",
        (false, true) => "Invoice",
        (true, true) => "Invoices",
    };
    format!("{word} {}", numbers(lines))
}

/// "la facture F-1" / "les factures F-1, F-2" (in a sentence); English "invoice F-1" / "invoices F-1, F-2".
fn the_invoices(lines: &[DraftLine], l: Lang) -> String {
    let word = match (lines.len() > 1, l.en()) {
        (false, false) => "la facture",
        (true, false) => "les factures",
        (false, true) => "invoice",
        (true, true) => "invoices",
    };
    format!("{word} {}", numbers(lines))
}

/// French "de" before a name, elided before a vowel: « d'Atelier Marchand », « de Studio Nova ».
fn de_fr(name: &str) -> String {
    let elide = name
        .chars()
        .next()
        .is_some_and(|c| "AEIOUYÂÉÈÊÎÔaeiouyâéèêîôh".contains(c));
    if elide {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

fn payment_details(b: &Business, lines: &[DraftLine], l: Lang) -> String {
    let Some(iban) = b.iban.as_deref() else {
        return String::new();
    };
    let mut s = format!(
        "{}{}\nIBAN{} {}",
        l.t("Pour le règlement par virement", "To pay by bank transfer"),
        l.colon(),
        l.colon(),
        format_iban(iban)
    );
    if let Some(bic) = b.bic.as_deref() {
        s.push_str(&format!("\nBIC{} {bic}", l.colon()));
    }
    s.push_str(&format!(
        "\n{}{} {}",
        l.t("Référence à indiquer", "Reference"),
        l.colon(),
        numbers(lines)
    ));
    s
}

/// Earlier contacts about these invoices, in force, oldest first: "relance amiable par e-mail le 21/09/2026".
fn history(ctx: &DraftContext<'_>, since: NaiveDate, l: Lang) -> Vec<String> {
    crate::model::in_force(ctx.journal)
        .filter(|e| e.date > since && e.date <= ctx.today)
        .filter(|e| {
            matches!(
                e.kind,
                JournalKind::PreventiveNote
                    | JournalKind::FriendlyReminder
                    | JournalKind::FirmReminder
                    | JournalKind::LastReminder
                    | JournalKind::Call
                    | JournalKind::Letter
                    | JournalKind::PenaltiesClaimed
                    | JournalKind::FormalNotice
            )
        })
        .map(|e| {
            let mut s = format!(
                "{} {} {}",
                l.journal_label(e.kind),
                l.t("le", "on"),
                l.long_date(e.date)
            );
            if e.kind == JournalKind::Call {
                match (e.call_outcome, e.promise_date) {
                    (Some(CallOutcome::NoAnswer), _) => {
                        s.push_str(l.t(", sans réponse", ", no answer"))
                    }
                    (_, Some(p)) => s.push_str(&format!(
                        "{} {}",
                        l.t(", promesse de règlement pour le", ", payment promised by"),
                        l.long_date(p)
                    )),
                    _ => {}
                }
            }
            s
        })
        .collect()
}

/// Eight calendar days from today, moved to a working day: the deadline the firm steps give.
fn in_eight_days(today: NaiveDate) -> NaiveDate {
    Calendar::france().on_or_after(today.checked_add_days(Days::new(8)).unwrap_or(today))
}

fn lines_for(ctx: &DraftContext<'_>, step: &Step) -> Result<Vec<DraftLine>> {
    step.invoices
        .iter()
        .filter_map(|id| ctx.invoices.iter().find(|(i, _)| i.id == *id))
        .map(|(i, s)| line_of(i, s))
        .collect()
}

fn legal_b2b(l: Lang) -> &'static str {
    l.t(
        "Je vous rappelle qu'en application de l'article L441-10 du Code de commerce, tout retard de paiement rend exigibles de plein droit des pénalités de retard, ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40\u{a0}€ par facture (article D441-5 du même code).",
        "Under article L441-10 of the French Commercial Code, any late payment makes late-payment penalties due by law, together with a fixed indemnity of €40 per invoice for recovery costs (article D441-5).",
    )
}
