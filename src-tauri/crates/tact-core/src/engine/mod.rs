//! The tact engine: for one client, the next tactful step (practice.md). A pure function of the client's invoices
//! and their derived states, its journal, the policy, the calendar and **today**: no clock, no I/O.
//!
//! Where the ladder stands is read from the journal (what was actually done), never from hidden state:
//! reminders, calls, last reminder and mise en demeure that were not replaced by a correction.
//!
//! Rules, in the order they are applied:
//! 1. Nothing owed → nothing to do.
//! 2. Dispute first: a disputed invoice leaves the ladder; the step is "settle the disagreement", and the client's
//!    undisputed overdue invoices get their own step alongside, in the same conversation.
//! 3. Difficulty (a call whose outcome was "difficulté", not followed by a payment) → propose a payment calendar.
//! 4. A promise to pay holds everything until its date plus a grace of working days; a broken promise moves the
//!    client one step further up the ladder.
//! 5. Not yet due → a preventive note a few working days before the due date, for new clients or large amounts
//!    (optional), else nothing.
//! 6. The ladder: friendly reminder (due date + N working days), firm reminder, phone call, last reminder, mise en
//!    demeure (only from 30 days late), then the options after its deadline. Each step waits at least the minimum
//!    gap after the last contact (7 days) and falls on a working day.
//! 7. Good payers (most invoices paid on time) get a call before any formal letter; small amounts are not pushed
//!    to the formal route; consumers get at most 4 attempts per 30 days and never any fee.
//! 8. With nothing else to do, a business client whose invoice was paid late in the last weeks can be asked, once
//!    and courteously, for the penalties and the 40 € still owed on it (C. com. L441-10 II, D441-5): an optional
//!    step, never for a consumer, and gently worded for a good payer (see [`claims`]).

use crate::calendar::Calendar;
use crate::error::Result;
use crate::model::{
    CallOutcome, Client, ClientKind, ContactChannel, InvoiceId, JournalEntry, JournalKind,
};
use crate::money::Money;
use crate::plans::{InstalmentStatus, PlanState, PlanStatus};
use crate::standing::{ClientStanding, InvoiceState};
use crate::text::format_date_fr;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

mod claims;
mod done;
mod facts;
mod ladder;
mod plan_steps;
pub use claims::{LateSettlement, CLAIM_WINDOW_DAYS};
pub use done::{done_entries, postponement, undo_entry};
pub use facts::{Contact, Fact, Missed, PlanSummary, PreventiveWhy};
use ladder::suggest_owed;
use plan_steps::with_plan;

/// The settings of the ladder (Réglages; defaults from practice.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Policy {
    /// Friendly reminder this many working days after the due date.
    pub friendly_after_working_days: u32,
    /// Minimum days between two contacts with the same client.
    pub min_gap_days: u32,
    /// Grace after a promised date, in working days, before the promise counts as broken.
    pub promise_grace_working_days: u32,
    /// The mise en demeure only once the oldest invoice is this many days late.
    pub formal_min_days_late: i64,
    /// Days after the mise en demeure's sending for the "after the deadline" options (8-day deadline + ~10).
    pub after_formal_days: u32,
    /// Below this overdue total the formal route costs more than it brings.
    pub small_amount: Money,
    /// Preventive note this many working days before the due date…
    pub preventive_working_days: u32,
    /// …for clients newer than this many days, or invoices from this amount.
    pub preventive_new_client_days: i64,
    pub preventive_min_amount: Money,
    /// Consumers: at most this many attempts per 30 days.
    pub consumer_max_attempts_per_30_days: usize,
    /// A good payer: at least this many invoices settled, this share on time.
    pub good_payer_min_invoices: u32,
    pub good_payer_min_on_time_percent: u32,
    /// A courtesy note a few working days before each instalment of a signed payment calendar (optional step).
    pub plan_courtesy_note: bool,
    /// A reminder says the client may have paid when the last bank statement imported is older than this many
    /// working days.
    pub statement_fresh_working_days: u32,
    /// Bank credits matched with high confidence are accepted on import, without the review (off by default:
    /// nothing is accepted without the user unless she turns this on).
    pub auto_accept_bank: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            friendly_after_working_days: 3,
            min_gap_days: 7,
            promise_grace_working_days: 2,
            formal_min_days_late: 30,
            after_formal_days: 18,
            small_amount: Money::from_cents(15_000), // 150,00 €
            preventive_working_days: 3,
            preventive_new_client_days: 90,
            preventive_min_amount: Money::from_cents(200_000), // 2 000,00 €
            consumer_max_attempts_per_30_days: 4,
            good_payer_min_invoices: 3,
            good_payer_min_on_time_percent: 90,
            plan_courtesy_note: true,
            statement_fresh_working_days: 3,
            auto_accept_bank: false,
        }
    }
}

impl Policy {
    /// The « Bon payeur » settings, as the payer profile reads them too.
    pub fn good_payer_rule(&self) -> crate::payers::GoodPayerRule {
        crate::payers::GoodPayerRule {
            min_invoices: self.good_payer_min_invoices,
            min_on_time_percent: self.good_payer_min_on_time_percent,
        }
    }

    /// Check every setting is within a sensible range; the error names the field.
    pub fn validate(&self) -> crate::error::Result<()> {
        use crate::error::{Error, ErrorCode};
        let range = |field: &str, label: &str, v: i64, lo: i64, hi: i64| {
            if (lo..=hi).contains(&v) {
                Ok(())
            } else {
                Err(Error::field(
                    ErrorCode::InvalidSetting,
                    field,
                    format!("{label}\u{a0}: choisissez une valeur entre {lo} et {hi} (actuellement {v})."),
                ))
            }
        };
        range(
            "friendly_after_working_days",
            "Relance amiable après l'échéance (jours ouvrés)",
            self.friendly_after_working_days.into(),
            1,
            30,
        )?;
        range(
            "min_gap_days",
            "Écart minimum entre deux contacts (jours)",
            self.min_gap_days.into(),
            3,
            60,
        )?;
        range(
            "promise_grace_working_days",
            "Délai de grâce après une promesse (jours ouvrés)",
            self.promise_grace_working_days.into(),
            0,
            15,
        )?;
        range(
            "formal_min_days_late",
            "Mise en demeure à partir de (jours de retard)",
            self.formal_min_days_late,
            8,
            365,
        )?;
        range(
            "after_formal_days",
            "Suites après la mise en demeure (jours)",
            self.after_formal_days.into(),
            8,
            90,
        )?;
        range(
            "preventive_working_days",
            "Rappel avant échéance (jours ouvrés avant)",
            self.preventive_working_days.into(),
            1,
            15,
        )?;
        range(
            "preventive_new_client_days",
            "Nouveau client pendant (jours)",
            self.preventive_new_client_days,
            0,
            730,
        )?;
        range(
            "consumer_max_attempts_per_30_days",
            "Particuliers\u{a0}: tentatives au plus sur 30 jours",
            i64::try_from(self.consumer_max_attempts_per_30_days).unwrap_or(i64::MAX),
            1,
            4,
        )?;
        range(
            "good_payer_min_invoices",
            "Bon payeur\u{a0}: factures réglées au moins",
            self.good_payer_min_invoices.into(),
            1,
            100,
        )?;
        range(
            "statement_fresh_working_days",
            "Relevé bancaire à jour pendant (jours ouvrés)",
            self.statement_fresh_working_days.into(),
            1,
            30,
        )?;
        range(
            "good_payer_min_on_time_percent",
            "Bon payeur\u{a0}: part réglée à l'heure (%)",
            self.good_payer_min_on_time_percent.into(),
            50,
            100,
        )?;
        for (field, label, m) in [
            (
                "small_amount",
                "Petite somme (en dessous, pas de voie formelle)",
                self.small_amount,
            ),
            (
                "preventive_min_amount",
                "Rappel avant échéance à partir de",
                self.preventive_min_amount,
            ),
        ] {
            if m.is_negative() {
                return Err(Error::field(
                    ErrorCode::InvalidAmount,
                    field,
                    format!("{label}\u{a0}: le montant ne peut pas être négatif."),
                ));
            }
        }
        Ok(())
    }
}

/// A client's exceptions to the policy (client page).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ClientOverrides {
    /// Nothing is suggested before this date (« Reporter », or a pause agreed with the client).
    pub pause_until: Option<NaiveDate>,
    /// A phone call before any written reminder.
    pub always_call_first: bool,
}

macro_rules! actions {
    ($($variant:ident = $code:literal / $label:literal),+ $(,)?) => {
        /// The next step for a client.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum Action { $(#[serde(rename = $code)] $variant),+ }

        impl Action {
            /// Every action, in the ladder's order (the interface's label tables).
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];
            pub fn code(self) -> &'static str { match self { $(Action::$variant => $code),+ } }
            pub fn label_fr(self) -> &'static str { match self { $(Action::$variant => $label),+ } }
        }
    };
}

actions! {
    Nothing = "nothing" / "Rien à faire",
    PreventiveNote = "preventive_note" / "Rappel avant échéance",
    FriendlyReminder = "friendly_reminder" / "Relance amiable",
    FirmReminder = "firm_reminder" / "Relance ferme",
    PhoneCall = "phone_call" / "Appel",
    LastReminder = "last_reminder" / "Dernière relance",
    FormalNotice = "formal_notice" / "Mise en demeure",
    AfterDeadline = "after_deadline" / "Suites après la mise en demeure",
    SettleDispute = "settle_dispute" / "Régler le litige",
    ProposeCalendar = "propose_calendar" / "Proposer un échéancier",
    ConsiderWriteOff = "consider_write_off" / "Envisager de passer en perte",
    PlanSignature = "plan_signature" / "Obtenir l'échéancier signé",
    PlanCourtesy = "plan_courtesy" / "Rappel avant une échéance",
    PlanReminder = "plan_reminder" / "Relance sur une échéance",
    PlanFirmReminder = "plan_firm_reminder" / "Relance ferme sur une échéance",
    PlanDefault = "plan_default" / "Mise en demeure (déchéance du terme)",
    ClaimPenalties = "claim_penalties" / "Réclamer les pénalités de retard",
    CheckCredit = "check_credit" / "Vérifier un virement reçu",
}

crate::model::labelled_enum!(
    /// The tone of a step (practice.md, the ladder).
    Tone {
        Courteous = "courteous" / "Courtois",
        Cordial = "cordial" / "Cordial, suppose un oubli",
        Firm = "firm" / "Professionnel et ferme",
        Listening = "listening" / "À l'écoute",
        Formal = "formal" / "Formel et factuel",
    }
);

impl Action {
    /// The tone that goes with the step, `None` for an internal decision.
    pub fn tone(self) -> Option<Tone> {
        match self {
            Action::PreventiveNote | Action::PlanCourtesy | Action::ClaimPenalties => {
                Some(Tone::Courteous)
            }
            Action::FriendlyReminder | Action::PlanReminder => Some(Tone::Cordial),
            Action::FirmReminder | Action::PlanFirmReminder => Some(Tone::Firm),
            Action::PhoneCall
            | Action::SettleDispute
            | Action::ProposeCalendar
            | Action::PlanSignature => Some(Tone::Listening),
            Action::LastReminder | Action::FormalNotice | Action::PlanDefault => Some(Tone::Formal),
            Action::Nothing
            | Action::AfterDeadline
            | Action::ConsiderWriteOff
            | Action::CheckCredit => None,
        }
    }

    /// Urgency rank, for the agenda's order (higher first at equal amount and lateness).
    pub fn rank(self) -> u8 {
        match self {
            Action::Nothing => 0,
            Action::PreventiveNote | Action::PlanCourtesy | Action::ClaimPenalties => 1,
            Action::FriendlyReminder
            | Action::PlanReminder
            | Action::PlanSignature
            | Action::CheckCredit => 2,
            Action::FirmReminder | Action::PlanFirmReminder => 3,
            Action::PhoneCall => 4,
            Action::SettleDispute => 5,
            Action::ProposeCalendar => 6,
            Action::LastReminder => 7,
            Action::FormalNotice | Action::PlanDefault => 8,
            Action::AfterDeadline => 9,
            Action::ConsiderWriteOff => 10,
        }
    }
}

/// A fact behind a suggestion: a stable code, one plain French sentence, and the fact itself (its values, for the
/// interface's other languages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reason {
    pub code: String,
    pub text: String,
    pub fact: Fact,
}

impl From<Fact> for Reason {
    fn from(fact: Fact) -> Reason {
        Reason {
            code: fact.code().into(),
            text: fact.text_fr(),
            fact,
        }
    }
}

/// One step: what, when, about which invoices, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Step {
    pub action: Action,
    pub action_label: String,
    pub channel: Option<ContactChannel>,
    pub tone: Option<Tone>,
    /// What « Marquer comme fait » writes in the history.
    pub done_as: Option<JournalKind>,
    /// The day to act: today or later, always a working day.
    pub date: NaiveDate,
    /// Suggested, not required (the preventive note).
    pub optional: bool,
    pub invoices: Vec<InvoiceId>,
    pub amount: Money,
    pub reasons: Vec<Reason>,
    /// What comes next if nothing happens, in French.
    pub then: Option<String>,
    /// The same, as a fact (for the interface's other languages).
    pub then_fact: Option<Fact>,
}

impl Step {
    /// Sets what comes next if nothing happens.
    fn then(mut self, fact: Fact) -> Step {
        self.then = Some(fact.text_fr());
        self.then_fact = Some(fact);
        self
    }
}

/// The history entry that records a step as done (« Marquer comme fait »), `None` for a decision that is not a
/// contact.
pub fn done_kind(action: Action) -> Option<JournalKind> {
    match action {
        Action::PreventiveNote | Action::PlanCourtesy => Some(JournalKind::PreventiveNote),
        Action::FriendlyReminder | Action::PlanReminder => Some(JournalKind::FriendlyReminder),
        Action::FirmReminder | Action::PlanFirmReminder => Some(JournalKind::FirmReminder),
        Action::PhoneCall => Some(JournalKind::Call),
        // Settled by an exchange (a call is noted with its outcome; an email as a note).
        Action::SettleDispute | Action::ProposeCalendar | Action::PlanSignature => {
            Some(JournalKind::Note)
        }
        Action::LastReminder => Some(JournalKind::LastReminder),
        Action::FormalNotice | Action::PlanDefault => Some(JournalKind::FormalNotice),
        Action::ClaimPenalties => Some(JournalKind::PenaltiesClaimed),
        Action::Nothing
        | Action::AfterDeadline
        | Action::ConsiderWriteOff
        | Action::CheckCredit => None,
    }
}

/// The suggestion for one client: its main step and, when a dispute holds some invoices, the step for the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestion {
    pub client_id: i64,
    pub step: Step,
    pub alongside: Option<Step>,
}

impl Suggestion {
    /// Whether the user has something to do on `today`.
    pub fn due_on(&self, today: NaiveDate) -> bool {
        let due = |s: &Step| s.action != Action::Nothing && s.date <= today;
        due(&self.step) || self.alongside.as_ref().is_some_and(due)
    }
}

/// What the engine reads about one client.
#[derive(Debug, Clone)]
pub struct ClientCase<'a> {
    pub client: &'a Client,
    pub standing: &'a ClientStanding,
    /// The client's invoices with their states, same order.
    pub invoices: &'a [(crate::model::Invoice, InvoiceState)],
    /// The client's journal, oldest first (corrected entries included; they are skipped here).
    pub journal: &'a [JournalEntry],
    pub overrides: &'a ClientOverrides,
    /// The avis de réception date of the client's last mise en demeure, once the user entered it: the follow-up
    /// waits from the day it was received rather than the day it was printed.
    pub formal_notice_received: Option<NaiveDate>,
    /// The client's payment calendar still open (proposed, or signed and not broken), as of today.
    pub plan: Option<&'a PlanState>,
    /// When the client's latest calendar was made (whatever became of it): a difficulty noted before it was
    /// answered by it.
    pub last_plan_on: Option<NaiveDate>,
    /// Per invoice, the date a calendar covering it was signed: an acknowledgment of the debt that restarts
    /// prescription (C. civ. 2240).
    pub acknowledged: &'a [(InvoiceId, NaiveDate)],
    /// The client's invoices paid after their due date whose penalties are still owed (not waived), as the
    /// ledger computed them (B2B only; see [`claims`]).
    pub late_settlements: &'a [LateSettlement],
    /// When a bank statement was last imported (none ever: the user types her payments, nothing is said).
    pub last_statement: Option<NaiveDate>,
    /// The bank credits not yet reviewed that could pay this client's invoices.
    pub credits_to_review: &'a [CreditToReview],
}

/// A bank credit not yet reviewed whose proposals include this client's invoices: it may be the client's payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditToReview {
    pub line_id: i64,
    pub date: NaiveDate,
    pub amount: Money,
    pub label: String,
    /// The invoices it would pay.
    pub invoices: Vec<String>,
}

fn reason(fact: Fact) -> Reason {
    fact.into()
}

fn plus_days(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_days(Days::new(n.into())).unwrap_or(d)
}

/// The ladder's rungs, in order.
const LADDER: [Action; 5] = [
    Action::FriendlyReminder,
    Action::FirmReminder,
    Action::PhoneCall,
    Action::LastReminder,
    Action::FormalNotice,
];

fn rung(kind: JournalKind) -> Option<usize> {
    match kind {
        JournalKind::FriendlyReminder => Some(0),
        JournalKind::FirmReminder => Some(1),
        JournalKind::Call => Some(2),
        JournalKind::LastReminder => Some(3),
        JournalKind::FormalNotice => Some(4),
        _ => None,
    }
}

/// After a conversation step (settling a dispute, proposing a calendar) was done, the next one waits the minimum
/// gap: the last exchange written after `since` (the dispute or the difficulty), and the reason to show.
fn follow_up(
    journal: &[&JournalEntry],
    since: &JournalEntry,
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> (NaiveDate, Option<Reason>) {
    let working_today = cal.on_or_after(today);
    let last = journal
        .iter()
        .filter(|e| {
            (e.date, e.id) > (since.date, since.id)
                && !matches!(
                    e.kind,
                    JournalKind::PaymentRecorded | JournalKind::DisputeOpened
                )
                // A memo (a note with no channel: nothing said to the client, an undone step) is no exchange.
                && !(e.kind == JournalKind::Note && e.channel.is_none())
        })
        .map(|e| e.date)
        .max();
    match last {
        None => (working_today, None),
        Some(d) => (
            cal.on_or_after(plus_days(d, policy.min_gap_days))
                .max(working_today),
            Some(reason(Fact::ExchangeNoted { date: d })),
        ),
    }
}

pub use crate::legal::prescription_date;

/// Warn this many days before an invoice's prescription date.
const PRESCRIPTION_WARNING_DAYS: i64 = 90;

/// An attempt to reach the client (for the minimum gap and the consumer limit).
fn is_contact(kind: JournalKind) -> bool {
    rung(kind).is_some()
        || matches!(
            kind,
            JournalKind::PreventiveNote | JournalKind::Letter | JournalKind::PenaltiesClaimed
        )
}

/// An exchange with the client, for the minimum gap between two contacts: every attempt, and a dispute raised or
/// settled, a promise, a note of something sent or said (a note with a channel; a memo has none).
fn is_exchange(e: &JournalEntry) -> bool {
    is_contact(e.kind)
        || matches!(
            e.kind,
            JournalKind::DisputeOpened | JournalKind::DisputeSettled | JournalKind::Promise
        )
        || (e.kind == JournalKind::Note && e.channel.is_some())
}

/// The next tactful step for one client on `today`.
pub fn suggest(
    case: &ClientCase<'_>,
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<Suggestion> {
    let mut s = suggest_unpaused(case, policy, cal, today)?;
    bank_guard(&mut s, case, policy, cal, today);
    // A pause (« Reporter ») moves every step to the pause's end.
    if let Some(until) = case.overrides.pause_until.filter(|u| *u > today) {
        let resume = cal.on_or_after(until);
        for step in std::iter::once(&mut s.step).chain(s.alongside.as_mut()) {
            if step.action != Action::Nothing && step.date < resume {
                step.date = resume;
                step.reasons.push(reason(Fact::Paused { until }));
            }
        }
    }
    Ok(s)
}

/// « Has this client already paid? » Reminding a client who has paid is the least tactful act there is: a step
/// that asks for money waits while a bank credit that could be the client's payment is not reviewed (it becomes
/// « Vérifier un virement reçu »), and says so when the last statement imported is older than the policy allows.
fn bank_guard(
    s: &mut Suggestion,
    case: &ClientCase<'_>,
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) {
    let asks = |a: Action| {
        !matches!(
            a,
            Action::Nothing
                | Action::SettleDispute
                | Action::PlanSignature
                | Action::ClaimPenalties
        )
    };
    let working_today = cal.on_or_after(today);
    let stale = case.last_statement.filter(|last| {
        cal.working_days_between(*last, today) > policy.statement_fresh_working_days
    });
    for step in std::iter::once(&mut s.step).chain(s.alongside.as_mut()) {
        if !asks(step.action) {
            continue;
        }
        if !case.credits_to_review.is_empty() {
            let held = step.action;
            let mut reasons: Vec<Reason> = case
                .credits_to_review
                .iter()
                .map(|c| {
                    reason(Fact::CreditToReview {
                        amount: c.amount,
                        date: c.date,
                        label: c.label.clone(),
                        invoices: c.invoices.clone(),
                    })
                })
                .collect();
            reasons.push(reason(Fact::HeldForCredit {
                action: held,
                credits: case.credits_to_review.len(),
            }));
            *step = Step {
                action: Action::CheckCredit,
                action_label: Action::CheckCredit.label_fr().into(),
                channel: None,
                tone: Action::CheckCredit.tone(),
                done_as: done_kind(Action::CheckCredit),
                date: working_today,
                optional: false,
                invoices: step.invoices.clone(),
                amount: step.amount,
                reasons,
                then: None,
                then_fact: None,
            }
            .then(Fact::ThenCheckCredit { action: held });
        } else if let Some(last) = stale {
            step.reasons.push(reason(Fact::StatementOld { date: last }));
        }
    }
}

fn suggest_unpaused(
    case: &ClientCase<'_>,
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<Suggestion> {
    let client = case.client;
    // Journal entries still in force and written by `today`, oldest first.
    let journal: Vec<&JournalEntry> = crate::model::in_force(case.journal)
        .filter(|e| e.date <= today)
        .collect();
    let nothing = |reasons: Vec<Reason>, date: NaiveDate| Step {
        action: Action::Nothing,
        action_label: Action::Nothing.label_fr().into(),
        tone: Action::Nothing.tone(),
        done_as: done_kind(Action::Nothing),
        channel: None,
        date,
        optional: false,
        invoices: Vec::new(),
        amount: Money::ZERO,
        reasons,
        then: None,
        then_fact: None,
    };

    let owed: Vec<&(crate::model::Invoice, InvoiceState)> = case
        .invoices
        .iter()
        .filter(|(i, s)| {
            i.issue_date <= today
                && s.balance.is_positive()
                && !matches!(s.status, crate::model::InvoiceStatus::WrittenOff)
        })
        .collect();
    // Prescription: a time-barred debt is never chased (legal-fr A.10); one close to it is flagged.
    let barred_on = |i: &crate::model::Invoice, s: &InvoiceState| {
        let acknowledged = case
            .acknowledged
            .iter()
            .filter(|(id, _)| *id == i.id)
            .map(|(_, d)| *d)
            .max();
        prescription_date(client.kind, i.due_date, s.last_paid_on.max(acknowledged))
    };
    let (barred, owed): (Vec<_>, Vec<_>) = owed
        .into_iter()
        .partition(|(i, s)| barred_on(i, s) <= today);
    let mut warnings: Vec<Reason> = owed
        .iter()
        .filter_map(|(i, s)| {
            let on = barred_on(i, s);
            (on.signed_duration_since(today).num_days() <= PRESCRIPTION_WARNING_DAYS).then(|| {
                reason(Fact::PrescriptionSoon {
                    invoice: i.number.clone(),
                    on,
                })
            })
        })
        .collect();
    if !barred.is_empty() {
        warnings.push(reason(Fact::TimeBarred {
            invoices: barred.iter().map(|(i, _)| i.number.clone()).collect(),
        }));
    }
    let mut s = match case.plan {
        Some(plan) => with_plan(case, plan, &journal, &owed, policy, cal, today, &nothing)?,
        None => suggest_owed(case, &journal, &owed, policy, cal, today, &nothing)?,
    };
    // 8. Nothing else to do: the penalties of an invoice paid late, optional.
    if s.step.action == Action::Nothing
        && s.step.invoices.is_empty()
        && s.alongside.is_none()
        && case.plan.is_none()
    {
        if let Some(claim) = claims::claim_step(case, &journal, policy, cal, today)? {
            s.step = claim;
        }
    }
    if !barred.is_empty() {
        // Something is owed, but only on time-barred invoices.
        s.step.reasons.retain(|r| r.code != "nothing_owed");
    }
    s.step.reasons.extend(warnings);
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ledger;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    /// The engine on the example data, as the app will call it.
    fn suggestions_on(l: &Ledger, today: NaiveDate) -> Vec<(String, Suggestion)> {
        l.suggestions(today, &Policy::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|(c, s)| (c.name, s))
            .collect()
    }

    #[test]
    fn the_scenario_on_monday_23_november_2026() {
        let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        l.load_demo().unwrap_or_else(|e| panic!("{e}"));
        let today = d("2026-11-23");
        let all = suggestions_on(&l, today);
        let get = |name: &str| {
            all.iter()
                .find(|(n, _)| n == name)
                .map(|(_, s)| s.clone())
                .unwrap_or_else(|| panic!("{name}"))
        };

        // Agence Lumière phoned this morning: short of cash → propose a payment calendar, today.
        let lumiere = get("Agence Lumière SARL");
        assert_eq!(
            (lumiere.step.action, lumiere.step.date),
            (Action::ProposeCalendar, today)
        );

        // Boulangerie Petitjean: promise of 31/10 broken, 69 days late, four contacts → mise en demeure today.
        let petitjean = get("Boulangerie Petitjean");
        assert_eq!(
            (petitjean.step.action, petitjean.step.date),
            (Action::FormalNotice, today)
        );
        assert!(petitjean
            .step
            .reasons
            .iter()
            .any(|r| r.code == "promise_broken"));

        // M. Roche, consumer, due Friday 20/11: the friendly reminder comes three working days later, never fees.
        let roche = get("M. Julien Roche");
        assert_eq!(
            (roche.step.action, roche.step.date),
            (Action::FriendlyReminder, d("2026-11-25"))
        );
        assert!(!roche.due_on(today));
        assert!(roche
            .step
            .reasons
            .iter()
            .any(|r| r.code == "consumer_no_fees"));

        // Studio Nova: settle the disagreement on F-2026-039; the 300 € left on F-2026-033 is reminded alongside.
        let nova = get("Studio Nova SAS");
        assert_eq!(nova.step.action, Action::SettleDispute);
        assert_eq!(nova.step.amount, Money::from_cents(115_000));
        let other = nova
            .alongside
            .unwrap_or_else(|| panic!("the undisputed invoice goes on"));
        assert_eq!(
            (other.action, other.amount, other.date),
            (Action::FriendlyReminder, Money::from_cents(30_000), today)
        );

        // Café des Arts, new client, due Saturday 28/11: an optional courtesy note before the due date.
        let cafe = get("Café des Arts");
        assert_eq!(cafe.step.action, Action::PreventiveNote);
        assert!(cafe.step.optional);
        assert!(cafe.step.date >= today && cafe.step.date < d("2026-11-28"));
    }

    #[test]
    fn the_ladder_day_before_day_of_day_after() {
        let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        l.load_demo().unwrap_or_else(|e| panic!("{e}"));
        let roche_on = |day: &str| {
            suggestions_on(&l, d(day))
                .into_iter()
                .find(|(n, _)| n == "M. Julien Roche")
                .map(|(_, s)| s)
                .unwrap_or_else(|| panic!())
        };
        // Friendly reminder on Wednesday 25/11: not due on the 24th, due on the 25th and after.
        assert!(!roche_on("2026-11-24").due_on(d("2026-11-24")));
        assert!(roche_on("2026-11-25").due_on(d("2026-11-25")));
        assert_eq!(roche_on("2026-11-26").step.date, d("2026-11-26"));
        // The promise holds Petitjean until 31/10 + 2 working days (Tuesday 03/11, after the 1st and a weekend).
        let petitjean_on = |day: &str| {
            suggestions_on(&l, d(day))
                .into_iter()
                .find(|(n, _)| n == "Boulangerie Petitjean")
                .map(|(_, s)| s.step.action)
                .unwrap_or(Action::Nothing)
        };
        assert_eq!(petitjean_on("2026-11-03"), Action::Nothing);
        assert_eq!(petitjean_on("2026-11-04"), Action::FormalNotice);
    }
}
