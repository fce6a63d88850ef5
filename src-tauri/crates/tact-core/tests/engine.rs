//! The tact engine's rules (practice.md), each at its boundary: the day before, the day of, the day after.
//! Every case is a small ledger written through the public API, then asked for its suggestion on fixed dates.

use chrono::NaiveDate;
use tact_core::engine::{Action, ClientOverrides, Policy};
use tact_core::input::{ClientInput, InvoiceInput, JournalInput, PaymentInput};
use tact_core::money::Money;
use tact_core::{ErrorCode, Ledger};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// The id of the demo's client named `name`.
fn client_id(l: &Ledger, name: &str) -> i64 {
    l.clients()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .unwrap_or_else(|| panic!("no client {name}"))
}

/// One client with one invoice issued 01/10/2026, due 31/10/2026 (a Saturday; the following Monday is 02/11,
/// and 01/11 is a public holiday on a Sunday).
struct Case {
    l: Ledger,
    client: i64,
}

impl Case {
    fn new(kind: &str, amount: &str) -> Case {
        let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        let client = l
            .add_client(&ClientInput {
                kind: kind.into(),
                name: "Client".into(),
                client_since: Some("2020-01-01".into()),
                ..Default::default()
            })
            .unwrap_or_else(|e| panic!("{e}"))
            .id;
        l.add_invoice(&InvoiceInput {
            number: "F-1".into(),
            client_id: client,
            issue_date: "2026-10-01".into(),
            amount: amount.into(),
            terms: Some("30".into()),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
        Case { l, client }
    }

    fn log(&mut self, date: &str, kind: &str) -> &mut Self {
        self.l
            .add_journal_entry(&JournalInput {
                client_id: self.client,
                date: date.into(),
                kind: kind.into(),
                channel: Some(if kind == "call" { "phone" } else { "email" }.into()),
                call_outcome: (kind == "call").then(|| "no_answer".into()),
                ..Default::default()
            })
            .unwrap_or_else(|e| panic!("{e}"));
        self
    }

    fn promise(&mut self, date: &str, until: &str) -> &mut Self {
        self.l
            .add_journal_entry(&JournalInput {
                client_id: self.client,
                date: date.into(),
                kind: "call".into(),
                channel: Some("phone".into()),
                call_outcome: Some("promise".into()),
                promise_date: Some(until.into()),
                ..Default::default()
            })
            .unwrap_or_else(|e| panic!("{e}"));
        self
    }

    /// (action, date) of the main step on `today`.
    fn on(&self, today: &str) -> (Action, NaiveDate) {
        self.with(today, &Policy::default())
    }

    fn with(&self, today: &str, policy: &Policy) -> (Action, NaiveDate) {
        let s = self
            .l
            .suggestion(self.client, d(today), policy)
            .unwrap_or_else(|e| panic!("{e}"));
        (s.step.action, s.step.date)
    }

    fn reasons(&self, today: &str) -> Vec<String> {
        self.l
            .suggestion(self.client, d(today), &Policy::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .step
            .reasons
            .into_iter()
            .map(|r| r.code)
            .collect()
    }
}

#[test]
fn friendly_reminder_three_working_days_after_the_due_date() {
    // Due Saturday 31/10; working days after: Mon 02/11, Tue 03/11, Wed 04/11.
    let c = Case::new("professional", "1000.00");
    assert_eq!(
        c.on("2026-11-03"),
        (Action::FriendlyReminder, d("2026-11-04"))
    );
    assert_eq!(
        c.on("2026-11-04"),
        (Action::FriendlyReminder, d("2026-11-04"))
    );
    assert_eq!(
        c.on("2026-11-05"),
        (Action::FriendlyReminder, d("2026-11-05"))
    );
    // Before the due date, a long-standing client with an ordinary amount: nothing.
    assert_eq!(c.on("2026-10-20").0, Action::Nothing);
}

#[test]
fn at_least_seven_days_between_two_contacts_and_never_on_a_holiday() {
    let mut c = Case::new("professional", "1000.00");
    c.log("2026-11-04", "friendly_reminder");
    // 04/11 + 7 = Wednesday 11/11, Armistice: the firm reminder moves to Thursday 12/11.
    assert_eq!(c.on("2026-11-10"), (Action::FirmReminder, d("2026-11-12")));
    assert_eq!(c.on("2026-11-12"), (Action::FirmReminder, d("2026-11-12")));
    c.log("2026-11-12", "firm_reminder");
    // Then the call, 7 days later: Thursday 19/11.
    assert_eq!(c.on("2026-11-18"), (Action::PhoneCall, d("2026-11-19")));
    assert_eq!(c.on("2026-11-19"), (Action::PhoneCall, d("2026-11-19")));
    c.log("2026-11-19", "call");
    // Last reminder, then the mise en demeure (the oldest invoice is well past 30 days late by then).
    assert_eq!(c.on("2026-11-26"), (Action::LastReminder, d("2026-11-26")));
    c.log("2026-11-26", "last_reminder");
    assert_eq!(c.on("2026-12-02"), (Action::FormalNotice, d("2026-12-03")));
    assert_eq!(c.on("2026-12-03"), (Action::FormalNotice, d("2026-12-03")));
    c.log("2026-12-03", "formal_notice");
    // After the deadline: 03/12 + 18 days = Monday 21/12.
    assert_eq!(c.on("2026-12-20"), (Action::AfterDeadline, d("2026-12-21")));
}

#[test]
fn the_mise_en_demeure_waits_for_thirty_days_late() {
    let mut c = Case::new("professional", "1000.00");
    c.log("2026-11-02", "friendly_reminder")
        .log("2026-11-09", "firm_reminder")
        .log("2026-11-16", "call")
        .log("2026-11-23", "last_reminder");
    // 30 days late on 30/11 (due 31/10): a last reminder again the day before, the formal notice from that day.
    let p = Policy {
        min_gap_days: 3,
        ..Policy::default()
    };
    assert_eq!(c.with("2026-11-29", &p).0, Action::LastReminder);
    assert_eq!(c.with("2026-11-30", &p).0, Action::FormalNotice);
}

#[test]
fn a_promise_holds_until_its_date_plus_two_working_days_then_moves_one_step_up() {
    let mut c = Case::new("professional", "1000.00");
    c.log("2026-11-04", "friendly_reminder");
    c.promise("2026-11-06", "2026-11-20");
    // Friday 20/11 + 2 working days = Tuesday 24/11.
    assert_eq!(c.on("2026-11-24").0, Action::Nothing);
    assert!(c.reasons("2026-11-24").contains(&"promise".to_owned()));
    // Broken on the 25th: the call was the last rung done, and the broken promise moves one step further, to the
    // mise en demeure; at 25 days late it is still the last reminder, the formal notice comes from 30 days.
    let (action, date) = c.on("2026-11-25");
    assert_eq!((action, date), (Action::LastReminder, d("2026-11-25")));
    assert_eq!(c.on("2026-11-30").0, Action::FormalNotice);
    assert!(c
        .reasons("2026-11-25")
        .contains(&"promise_broken".to_owned()));
}

#[test]
fn a_payment_after_the_promise_keeps_it_from_counting_as_broken() {
    let mut c = Case::new("professional", "1000.00");
    c.promise("2026-11-06", "2026-11-20");
    c.l.record_payment(&PaymentInput {
        client_id: c.client,
        date: "2026-11-20".into(),
        amount: "400.00".into(),
        method: "virement".into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(!c
        .reasons("2026-11-26")
        .contains(&"promise_broken".to_owned()));
}

#[test]
fn a_good_payer_gets_a_call_before_anything_firm() {
    let mut c = Case::new("professional", "1000.00");
    // Three earlier invoices, all paid on time.
    for (n, issue) in [
        ("A-1", "2026-01-05"),
        ("A-2", "2026-03-02"),
        ("A-3", "2026-05-04"),
    ] {
        let inv =
            c.l.add_invoice(&InvoiceInput {
                number: n.into(),
                client_id: c.client,
                issue_date: issue.into(),
                amount: "500.00".into(),
                terms: Some("30".into()),
                ..Default::default()
            })
            .unwrap_or_else(|e| panic!("{e}"))
            .record;
        c.l.record_payment(&PaymentInput {
            client_id: c.client,
            date: inv.due_date.to_string(),
            amount: "500.00".into(),
            method: "virement".into(),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    }
    c.log("2026-11-04", "friendly_reminder");
    assert_eq!(c.on("2026-11-12").0, Action::PhoneCall);
    assert!(c.reasons("2026-11-12").contains(&"good_payer".to_owned()));
}

#[test]
fn a_small_amount_is_not_pushed_to_the_formal_route() {
    let mut c = Case::new("professional", "120.00");
    c.log("2026-11-04", "friendly_reminder")
        .log("2026-11-11", "firm_reminder")
        .log("2026-11-18", "call")
        .log("2026-11-25", "last_reminder");
    assert_eq!(c.on("2026-12-02").0, Action::ConsiderWriteOff);
    assert!(c.reasons("2026-12-02").contains(&"small_amount".to_owned()));
    // 150,00 € is the default threshold: at 150,00 € the formal route is open.
    let mut c = Case::new("professional", "150.00");
    c.log("2026-11-04", "friendly_reminder")
        .log("2026-11-11", "firm_reminder")
        .log("2026-11-18", "call")
        .log("2026-11-25", "last_reminder");
    assert_eq!(c.on("2026-12-02").0, Action::FormalNotice);
}

#[test]
fn a_consumer_gets_at_most_four_attempts_in_thirty_days_and_never_fees() {
    let mut c = Case::new("consumer", "1000.00");
    let p = Policy {
        min_gap_days: 3,
        ..Policy::default()
    };
    c.log("2026-11-02", "friendly_reminder")
        .log("2026-11-05", "firm_reminder")
        .log("2026-11-09", "call")
        .log("2026-11-12", "call");
    // Four attempts since 02/11: the next waits until 02/11 + 30 = 02/12.
    assert_eq!(c.with("2026-11-16", &p).1, d("2026-12-02"));
    let reasons = c.reasons("2026-11-16");
    assert!(reasons.contains(&"consumer_limit".to_owned()));
    assert!(reasons.contains(&"consumer_no_fees".to_owned()));
}

#[test]
fn reporter_moves_the_step_to_the_chosen_date_and_writes_it_down() {
    let mut c = Case::new("professional", "1000.00");
    let today = d("2026-11-04");
    assert_eq!(c.on("2026-11-04"), (Action::FriendlyReminder, today));
    c.l.postpone(c.client, "2026-11-09", today)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        c.on("2026-11-04"),
        (Action::FriendlyReminder, d("2026-11-09"))
    );
    assert_eq!(
        c.on("2026-11-09"),
        (Action::FriendlyReminder, d("2026-11-09"))
    );
    let history = c.l.journal(c.client).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        history.last().and_then(|v| v.entry.text.as_deref()),
        Some("Relance amiable reportée au 09/11/2026.")
    );
    // A date in the past or today is refused, naming the field, and writes nothing.
    let err =
        c.l.postpone(c.client, "04/11/2026", today)
            .err()
            .unwrap_or_else(|| panic!("refused"));
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::InvalidDate, Some("until"))
    );
    assert_eq!(c.l.journal(c.client).map(|j| j.len()).ok(), Some(1));
}

#[test]
fn always_call_first_replaces_the_written_reminders() {
    let mut c = Case::new("professional", "1000.00");
    c.l.set_overrides(
        c.client,
        &ClientOverrides {
            pause_until: None,
            always_call_first: true,
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // The call comes when the friendly reminder would have: Wednesday 04/11.
    assert_eq!(c.on("2026-11-03"), (Action::PhoneCall, d("2026-11-04")));
    c.log("2026-11-04", "call");
    assert_eq!(c.on("2026-11-11").0, Action::LastReminder);
}

#[test]
fn the_policy_is_stored_checked_and_reset() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.policy().ok(), Some(Policy::default()));
    let p = Policy {
        min_gap_days: 10,
        small_amount: Money::from_cents(30_000),
        ..Policy::default()
    };
    l.set_policy(&p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.policy().ok(), Some(p.clone()));
    let err = l
        .set_policy(&Policy {
            min_gap_days: 1,
            ..p.clone()
        })
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.field.as_deref(), Some("min_gap_days"));
    assert!(err.message.contains("entre 3 et 60"), "{}", err.message);
    assert_eq!(l.policy().ok(), Some(p), "a refused policy changes nothing");
    l.reset_policy().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.policy().ok(), Some(Policy::default()));
}

#[test]
fn the_bulk_agenda_gives_the_same_steps_as_one_client_at_a_time() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    for day in [
        "2026-09-20",
        "2026-10-20",
        "2026-11-03",
        "2026-11-23",
        "2026-11-25",
        "2027-01-10",
    ] {
        let today = d(day);
        let policy = Policy::default();
        for (client, bulk) in l
            .suggestions(today, &policy)
            .unwrap_or_else(|e| panic!("{e}"))
        {
            let one = l
                .suggestion(client.id, today, &policy)
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(bulk, one, "{} on {day}", client.name);
        }
    }
}

#[test]
fn the_agenda_of_monday_23_november() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    let a = l
        .agenda(d("2026-11-23"), 0, 20)
        .unwrap_or_else(|e| panic!("{e}"));
    let due: Vec<(&str, Action)> = a
        .due
        .rows
        .iter()
        .map(|i| (i.client_name.as_str(), i.suggestion.step.action))
        .collect();
    // Largest amounts first.
    assert_eq!(
        due,
        [
            ("Agence Lumière SARL", Action::ProposeCalendar),
            ("Studio Nova SAS", Action::SettleDispute),
            ("Boulangerie Petitjean", Action::FormalNotice),
        ]
    );
    // Wednesday 25/11: the optional courtesy note to Café des Arts (3 working days before Saturday 28/11) and
    // M. Roche's friendly reminder.
    let coming: Vec<(&str, Action)> = a
        .coming
        .iter()
        .map(|i| (i.client_name.as_str(), i.suggestion.step.action))
        .collect();
    assert_eq!(
        coming,
        [
            ("Café des Arts", Action::PreventiveNote),
            ("M. Julien Roche", Action::FriendlyReminder),
        ]
    );
    assert_eq!(a.coming_total, 2);
    assert_eq!(a.resting_total, 0);
}

#[test]
fn marking_the_step_done_moves_the_client_on() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    let today = d("2026-11-23");
    let policy = Policy::default();
    let step_of = |l: &Ledger, name: &str| {
        l.suggestions(today, &policy)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .find(|(c, _)| c.name == name)
            .map(|(c, s)| (c.id, s.step))
            .unwrap_or_else(|| panic!("{name}"))
    };
    // Agence Lumière: the calendar proposal is emailed and noted; the next follow-up waits a week.
    let (lumiere, step) = step_of(&l, "Agence Lumière SARL");
    assert_eq!(step.done_as, Some(tact_core::model::JournalKind::Note));
    l.add_journal_entry(&JournalInput {
        client_id: lumiere,
        date: "2026-11-23".into(),
        kind: "note".into(),
        channel: Some("email".into()),
        text: Some("Proposition d'échéancier envoyée par e-mail.".into()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let (_, after) = step_of(&l, "Agence Lumière SARL");
    assert_eq!(
        (after.action, after.date),
        (Action::ProposeCalendar, d("2026-11-30"))
    );
    assert!(after.reasons.iter().any(|r| r.code == "exchange_noted"));
    // Boulangerie Petitjean: the mise en demeure is sent; next come the options after its deadline.
    let (petitjean, step) = step_of(&l, "Boulangerie Petitjean");
    assert_eq!(
        step.done_as,
        Some(tact_core::model::JournalKind::FormalNotice)
    );
    l.add_journal_entry(&JournalInput {
        client_id: petitjean,
        date: "2026-11-23".into(),
        kind: "formal_notice".into(),
        channel: Some("registered_letter".into()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let (_, after) = step_of(&l, "Boulangerie Petitjean");
    assert_eq!(
        (after.action, after.date),
        (Action::AfterDeadline, d("2026-12-11"))
    );
}

#[test]
fn marked_done_by_mistake_the_step_is_undone_by_a_correction_and_comes_back() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    let today = d("2026-11-23");
    let nova = client_id(&l, "Studio Nova SAS");
    let before = l
        .suggestion(nova, today, &Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let journal_before = l.journal(nova).map(|j| j.len()).unwrap_or_default();
    let written = l
        .mark_done(nova, today, None)
        .unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<i64> = written.iter().map(|e| e.id).collect();
    let undone = l
        .undo_done(nova, &ids, today)
        .unwrap_or_else(|e| panic!("{e}"));
    // Append-only: the entries stay, each corrected by a note that says why.
    assert_eq!(undone.len(), written.len());
    for (u, w) in undone.iter().zip(&written) {
        assert_eq!(u.corrects, Some(w.id));
        assert_eq!(u.kind.code(), "note");
        assert!(
            u.text.as_deref().is_some_and(|t| t.contains("par erreur")),
            "{u:?}"
        );
    }
    let journal = l.journal(nova).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(journal.len(), journal_before + 2 * written.len());
    // The step is due again, exactly as before.
    let after = l
        .suggestion(nova, today, &Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (after.step.action, after.step.date),
        (before.step.action, before.step.date)
    );
    // Undone once: a second undo is refused and writes nothing.
    let e = l
        .undo_done(nova, &ids, today)
        .expect_err("already corrected");
    assert_eq!(e.code, ErrorCode::InvalidCorrection);
    assert_eq!(
        l.journal(nova).map(|j| j.len()).unwrap_or_default(),
        journal_before + 2 * written.len()
    );
    // Only a step marked today, and nothing half-way: a good id with a bad one writes nothing.
    let again = l
        .mark_done(nova, today, None)
        .unwrap_or_else(|e| panic!("{e}"));
    let e = l
        .undo_done(nova, &[again[0].id, ids[0]], today)
        .expect_err("one already corrected");
    assert_eq!(e.code, ErrorCode::InvalidCorrection);
    let e = l
        .undo_done(nova, &[again[0].id], d("2026-11-24"))
        .expect_err("marked yesterday");
    assert!(e.message.contains("aujourd'hui"), "{}", e.message);
    assert!(!l
        .suggestion(nova, today, &Policy::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .due_on(today));
}

#[test]
fn one_email_for_a_dispute_and_the_invoice_alongside_marks_both_done() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    let today = d("2026-11-23");
    let nova = client_id(&l, "Studio Nova SAS");
    let written = l
        .mark_done(nova, today, Some("Facture F-2026-039 – votre remarque"))
        .unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<&str> = written.iter().map(|e| e.kind.code()).collect();
    assert_eq!(kinds, ["note", "friendly_reminder"]);
    assert_eq!(
        written[1].text.as_deref(),
        Some("Relance amiable\u{a0}: «\u{a0}Facture F-2026-039 – votre remarque\u{a0}»")
    );
    let s = l
        .suggestion(nova, today, &Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!s.due_on(today), "{s:?}");
    // Nothing more to mark done today: refused, and nothing written.
    let before = l.journal(nova).map(|j| j.len()).unwrap_or_default();
    assert_eq!(
        l.mark_done(nova, today, None).err().map(|e| e.code),
        Some(ErrorCode::NothingToDraft)
    );
    assert_eq!(l.journal(nova).map(|j| j.len()).unwrap_or_default(), before);
}

#[test]
fn a_time_barred_debt_is_never_chased_and_prescription_is_announced() {
    // A consumer: 2 years (C. conso. L218-2) from the due date, 31/10/2026 → 31/10/2028 (a Tuesday).
    let c = Case::new("consumer", "500.00");
    assert!(!c
        .reasons("2028-07-01")
        .contains(&"prescription_soon".to_owned()));
    assert!(c
        .reasons("2028-08-15")
        .contains(&"prescription_soon".to_owned()));
    assert_ne!(c.on("2028-10-30").0, Action::Nothing);
    assert_eq!(c.on("2028-10-31").0, Action::Nothing);
    let reasons = c.reasons("2028-10-31");
    assert!(reasons.contains(&"time_barred".to_owned()), "{reasons:?}");
    assert!(!reasons.contains(&"nothing_owed".to_owned()));
    // A business: 5 years (C. com. L110-4); a partial payment restarts it.
    let mut c = Case::new("professional", "500.00");
    assert_ne!(c.on("2031-10-30").0, Action::Nothing);
    assert_eq!(c.on("2031-10-31").0, Action::Nothing);
    c.l.record_payment(&PaymentInput {
        client_id: c.client,
        date: "2027-03-01".into(),
        amount: "100.00".into(),
        method: "virement".into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(c.on("2031-10-31").0, Action::Nothing);
    assert_eq!(c.on("2032-03-01").0, Action::Nothing);
}

#[test]
fn the_agenda_computed_ahead_is_given_until_a_write_here_or_elsewhere_changes_the_books() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("tact.sqlite3");
    let mut l = Ledger::open(&path).unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    let today = d("2026-11-23");
    let names = |a: &tact_core::ledger::Agenda| -> Vec<String> {
        a.due.rows.iter().map(|i| i.client_name.clone()).collect()
    };
    let first = l.agenda(today, 0, 25).unwrap_or_else(|e| panic!("{e}"));
    assert!(names(&first).contains(&"Studio Nova SAS".to_owned()));
    assert_eq!(l.agenda(today, 0, 25), Ok(first.clone()));
    // Another page, another day: computed for them.
    assert_eq!(
        l.agenda(today, 1, 25).map(|a| a.due.rows.len()),
        Ok(first.due.rows.len().saturating_sub(1))
    );
    assert_ne!(l.agenda(d("2026-11-30"), 0, 25), Ok(first.clone()));
    // A write here: the agenda follows at once.
    let nova = client_id(&l, "Studio Nova SAS");
    let written = l
        .mark_done(nova, today, None)
        .unwrap_or_else(|e| panic!("{e}"));
    let after = l.agenda(today, 0, 25).unwrap_or_else(|e| panic!("{e}"));
    assert!(!names(&after).contains(&"Studio Nova SAS".to_owned()));
    // A write by another process (the CLI, another window): seen too.
    let mut other = Ledger::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<i64> = written.iter().map(|e| e.id).collect();
    other
        .undo_done(nova, &ids, today)
        .unwrap_or_else(|e| panic!("{e}"));
    let again = l.agenda(today, 0, 25).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(names(&again), names(&first));
}
