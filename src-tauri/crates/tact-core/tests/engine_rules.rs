//! The ladder's rules (practice.md) as a table, on cases built by hand (tact_core::fixtures): no database, one
//! row per situation. The last test checks that a fixture and the books holding the same facts get the same
//! suggestion, so the table speaks for the app.

use chrono::NaiveDate;
use tact_core::engine::{Action, Policy};
use tact_core::fixtures::Fixture;
use tact_core::input::{ClientInput, InvoiceInput, JournalInput};
use tact_core::model::{CallOutcome, JournalKind};
use tact_core::money::Money;
use tact_core::Ledger;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// A business client with one invoice of 1 000 € issued 01/10/2026, due Saturday 31/10/2026.
fn lumiere() -> Fixture {
    Fixture::professional("Agence Lumière SARL").invoice(
        "F-1",
        "1000.00",
        "2026-10-01",
        "2026-10-31",
    )
}

/// What was done (kind, date), today, and the step expected with its date.
type Row<'a> = (&'a [(JournalKind, &'a str)], &'a str, Action, &'a str);

fn step(f: &Fixture) -> (Action, NaiveDate) {
    let s = f
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    (s.step.action, s.step.date)
}

#[test]
fn the_ladder_step_by_step() {
    use JournalKind::*;
    // (what was done, today) → (the next step, its date)
    let rows: &[Row<'_>] = &[
        // Before the due date, a long-standing client and an ordinary amount: nothing.
        (&[], "2026-10-20", Action::Nothing, "2026-10-31"),
        // Friendly reminder three working days after the due date (Mon 02, Tue 03, Wed 04/11).
        (&[], "2026-11-03", Action::FriendlyReminder, "2026-11-04"),
        (&[], "2026-11-05", Action::FriendlyReminder, "2026-11-05"),
        // Seven days between two contacts; 11/11 (Armistice) is not a working day.
        (
            &[(FriendlyReminder, "2026-11-04")],
            "2026-11-10",
            Action::FirmReminder,
            "2026-11-12",
        ),
        (
            &[
                (FriendlyReminder, "2026-11-04"),
                (FirmReminder, "2026-11-12"),
            ],
            "2026-11-18",
            Action::PhoneCall,
            "2026-11-19",
        ),
        (
            &[
                (FriendlyReminder, "2026-11-04"),
                (FirmReminder, "2026-11-12"),
                (Call, "2026-11-19"),
            ],
            "2026-11-26",
            Action::LastReminder,
            "2026-11-26",
        ),
        (
            &[
                (FriendlyReminder, "2026-11-04"),
                (FirmReminder, "2026-11-12"),
                (Call, "2026-11-19"),
                (LastReminder, "2026-11-26"),
            ],
            "2026-12-02",
            Action::FormalNotice,
            "2026-12-03",
        ),
        // After the mise en demeure: its deadline and a margin (03/12 + 18 days = Monday 21/12).
        (
            &[
                (FriendlyReminder, "2026-11-04"),
                (FirmReminder, "2026-11-12"),
                (Call, "2026-11-19"),
                (LastReminder, "2026-11-26"),
                (FormalNotice, "2026-12-03"),
            ],
            "2026-12-20",
            Action::AfterDeadline,
            "2026-12-21",
        ),
    ];
    for (done, today, action, date) in rows {
        let mut f = lumiere();
        for (kind, on) in done.iter() {
            f = f.entry(*kind, on, "fait");
        }
        let f = f.on(today);
        assert_eq!(step(&f), (*action, d(date)), "after {done:?}, on {today}");
    }
}

#[test]
fn a_paused_client_waits_until_the_pause_ends() {
    let f = lumiere().paused_until("2026-11-30").on("2026-11-05");
    let s = f
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (s.step.action, s.step.date),
        (Action::FriendlyReminder, d("2026-11-30"))
    );
    assert!(s.step.reasons.iter().any(|r| r.code == "paused"));
}

#[test]
fn a_contested_invoice_is_settled_first_never_chased() {
    let f = lumiere()
        .disputed("F-1", "2026-11-02", "Maquette non conforme")
        .on("2026-11-05");
    let s = f
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.action, Action::SettleDispute);
    assert!(s.alongside.is_none(), "nothing else is owed");
}

#[test]
fn a_promise_holds_then_a_difficulty_asks_for_a_calendar() {
    let promised = lumiere()
        .entry(JournalKind::FriendlyReminder, "2026-11-04", "fait")
        .call("2026-11-06", CallOutcome::Promise, Some("2026-11-20"));
    // Friday 20/11 + 2 working days = Tuesday 24/11: nothing until then.
    assert_eq!(step(&promised.clone().on("2026-11-24")).0, Action::Nothing);
    assert_ne!(step(&promised.on("2026-11-25")).0, Action::Nothing);

    let difficulty = lumiere()
        .entry(JournalKind::FriendlyReminder, "2026-11-04", "fait")
        .call("2026-11-06", CallOutcome::Difficulty, None)
        .on("2026-11-16");
    assert_eq!(step(&difficulty).0, Action::ProposeCalendar);
}

#[test]
fn a_new_client_with_an_invoice_coming_due_gets_a_note_first() {
    let f = Fixture::professional("Studio Nova")
        .client_since("2026-09-15")
        .invoice("F-2", "800.00", "2026-10-01", "2026-10-31")
        .on("2026-10-20");
    let s = f
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.action, Action::PreventiveNote);
    assert!(s.step.optional);
    assert!(s.step.date < d("2026-10-31"));
}

#[test]
fn a_paid_invoice_is_never_chased() {
    let f = lumiere()
        .paid("F-1", "1000.00", "2026-10-30")
        .on("2026-11-05");
    assert_eq!(step(&f).0, Action::Nothing);
    // Paid two days late: the principal is never chased again; only its penalties and the 40 € may be claimed,
    // as an optional step.
    let late = lumiere()
        .paid("F-1", "1000.00", "2026-11-02")
        .on("2026-11-05");
    let s = late
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (s.step.action, s.step.optional),
        (Action::ClaimPenalties, true)
    );
    let owed = late.penalties().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.amount, owed.total);
    assert!(
        s.step.amount < Money::from_cents(4_100),
        "{:?}",
        s.step.amount
    );
    let partly = lumiere()
        .paid("F-1", "400.00", "2026-11-02")
        .on("2026-11-05");
    let s = partly
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.action, Action::FriendlyReminder);
    assert_eq!(s.step.amount.to_canonical(), "600.00");
}

#[test]
fn drafts_and_letters_are_built_from_a_fixture_alone() {
    let f = lumiere()
        .entry(JournalKind::FriendlyReminder, "2026-11-04", "fait")
        .entry(JournalKind::FirmReminder, "2026-11-12", "fait")
        .on("2026-11-19");
    let s = f
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.action, Action::PhoneCall);
    let draft = tact_core::drafts::draft(&f.draft_context(), &s).unwrap_or_else(|e| panic!("{e}"));
    let sheet = draft
        .call_sheet
        .unwrap_or_else(|| panic!("a call has its sheet"));
    assert!(sheet.to_note.len() >= 3);

    // The mise en demeure of 03/12: the invoice, its penalties (ECB + 10 points since 01/11) and the 40 €.
    let f = f.on("2026-12-03");
    let p = f.penalties().unwrap_or_else(|e| panic!("{e}"));
    assert!(p.interest.is_positive());
    assert_eq!(p.indemnities.to_canonical(), "40.00");
    let letter = tact_core::letters::letter(
        &f.letter_context(&p),
        tact_core::letters::LetterKind::FormalNotice,
        &Default::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(letter.total, p.total);
    let text = letter.plain_text();
    assert!(text.contains("F-1"), "{text}");
    assert!(text.contains("MISE EN DEMEURE"), "{text}");
}

#[test]
fn a_fixture_and_the_books_holding_the_same_facts_get_the_same_step() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let client = l
        .add_client(&ClientInput {
            kind: "professional".into(),
            name: "Agence Lumière SARL".into(),
            client_since: Some("2020-01-06".into()),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .id;
    l.add_invoice(&InvoiceInput {
        number: "F-1".into(),
        client_id: client,
        issue_date: "2026-10-01".into(),
        due_date: Some("2026-10-31".into()),
        amount: "1000.00".into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let mut f = lumiere();
    for (kind, code, on) in [
        (
            JournalKind::FriendlyReminder,
            "friendly_reminder",
            "2026-11-04",
        ),
        (JournalKind::FirmReminder, "firm_reminder", "2026-11-12"),
    ] {
        l.add_journal_entry(&JournalInput {
            client_id: client,
            date: on.into(),
            kind: code.into(),
            channel: Some("email".into()),
            text: Some("fait".into()),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
        f = f.entry(kind, on, "fait");
    }
    for today in [
        "2026-11-03",
        "2026-11-10",
        "2026-11-18",
        "2026-11-19",
        "2026-12-01",
    ] {
        let books = l
            .suggestion(client, d(today), &Policy::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let pure = f
            .clone()
            .on(today)
            .suggest(&Policy::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (pure.step.action, pure.step.date, pure.step.amount),
            (books.step.action, books.step.date, books.step.amount),
            "on {today}"
        );
    }
}

#[test]
fn marking_a_step_done_and_postponing_it_write_what_happened() {
    use tact_core::engine::{done_entries, postponement};
    let f = lumiere().on("2026-11-05");
    let s = f
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let entries = done_entries(&s, f.client.id, f.today, Some("  Facture F-1  "))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(
        (e.kind, e.invoice_id, e.date),
        (JournalKind::FriendlyReminder, Some(1), d("2026-11-05"))
    );
    assert_eq!(
        e.text.as_deref(),
        Some("Relance amiable\u{a0}: «\u{a0}Facture F-1\u{a0}»")
    );

    // A call is noted with its outcome, not « marked done »; nothing due today neither.
    let call = lumiere()
        .entry(JournalKind::FriendlyReminder, "2026-11-04", "fait")
        .entry(JournalKind::FirmReminder, "2026-11-12", "fait")
        .on("2026-11-19");
    let s = call
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.action, Action::PhoneCall);
    assert!(done_entries(&s, 1, call.today, None).is_err());
    let early = lumiere().on("2026-11-03");
    let s = early
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(done_entries(&s, 1, early.today, None).is_err());

    let f = lumiere().on("2026-11-05");
    let step = f
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .step;
    let (until, note) =
        postponement(&step, 1, "30/11/2026", f.today).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(until, d("2026-11-30"));
    assert_eq!(
        note.text.as_deref(),
        Some("Relance amiable reportée au 30/11/2026.")
    );
    for bad in ["05/11/2026", "01/01/2028", "31/02/2027"] {
        let err = postponement(&step, 1, bad, f.today).err();
        assert_eq!(err.and_then(|e| e.field).as_deref(), Some("until"), "{bad}");
    }
}

#[test]
fn an_exchange_about_a_dispute_counts_for_the_gap_between_two_contacts() {
    // F-1 contested, F-2 overdue since 31/10: the ladder goes on for F-2 alongside the dispute.
    let two = || {
        Fixture::professional("Studio Nova SAS")
            .invoice("F-1", "500.00", "2026-10-01", "2026-10-31")
            .invoice("F-2", "300.00", "2026-10-01", "2026-10-31")
    };
    let alongside = |f: Fixture| {
        let s = f
            .suggest(&Policy::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.step.action, Action::SettleDispute);
        s.alongside.map(|a| (a.action, a.date))
    };
    // The dispute raised on 04/11 is an exchange: the friendly reminder waits 7 days (11/11 is Armistice).
    let raised = two()
        .disputed("F-1", "2026-11-04", "Fichiers non livrés")
        .on("2026-11-05");
    assert_eq!(
        alongside(raised),
        Some((Action::FriendlyReminder, d("2026-11-12")))
    );
    // The call that raised it too, and it is not the ladder's call for F-2 (no jump to the last reminder).
    let called = two()
        .call("2026-11-04", CallOutcome::Dispute, None)
        .disputed("F-1", "2026-11-04", "Fichiers non livrés")
        .on("2026-11-05");
    assert_eq!(
        alongside(called),
        Some((Action::FriendlyReminder, d("2026-11-12")))
    );
    // An email written for the dispute step counts; a memo (no channel) does not.
    let mut written = two()
        .disputed("F-1", "2026-11-02", "Fichiers non livrés")
        .entry(
            JournalKind::Note,
            "2026-11-04",
            "Proposition d'échange envoyée",
        )
        .on("2026-11-05");
    assert_eq!(
        alongside(written.clone()),
        Some((Action::FriendlyReminder, d("2026-11-12")))
    );
    if let Some(note) = written.journal.last_mut() {
        note.channel = None;
    }
    assert_eq!(
        alongside(written),
        Some((Action::FriendlyReminder, d("2026-11-09")))
    );
}

#[test]
fn a_small_amount_is_never_promised_a_formal_notice() {
    use JournalKind::*;
    // 120 € (below the 150 € small amount): the same ladder, but from the call on, what comes next says that no
    // mise en demeure will follow, the last reminder's draft announces none, and then comes the write-off question.
    let small = |done: &[(JournalKind, &str)], today: &str| {
        let mut f = Fixture::professional("Atelier Minuscule").invoice(
            "F-9",
            "120.00",
            "2026-10-01",
            "2026-10-31",
        );
        for (kind, date) in done {
            f = f.entry(*kind, date, "fait");
        }
        f.on(today)
    };
    let f = small(
        &[
            (FriendlyReminder, "2026-11-04"),
            (FirmReminder, "2026-11-12"),
        ],
        "2026-11-19",
    );
    let s = f
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.action, Action::PhoneCall);
    let then = s.step.then.clone().unwrap_or_default();
    assert!(
        then.contains("pas de mise en demeure") && !then.contains("puis la mise en demeure"),
        "{then}"
    );

    let done = [
        (FriendlyReminder, "2026-11-04"),
        (FirmReminder, "2026-11-12"),
        (Call, "2026-11-19"),
    ];
    let f = small(&done, "2026-11-26");
    let s = f
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.action, Action::LastReminder);
    let then = s.step.then.clone().unwrap_or_default();
    assert!(then.contains("pas de mise en demeure"), "{then}");
    let draft = tact_core::drafts::draft(&f.draft_context(), &s).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !draft.subject.contains("mise en demeure"),
        "{}",
        draft.subject
    );
    assert!(
        !draft.body.to_lowercase().contains("mise en demeure"),
        "{}",
        draft.body
    );
    assert!(
        draft.subject.starts_with("Dernier rappel"),
        "{}",
        draft.subject
    );

    let done = [
        (FriendlyReminder, "2026-11-04"),
        (FirmReminder, "2026-11-12"),
        (Call, "2026-11-19"),
        (LastReminder, "2026-11-26"),
    ];
    let s = small(&done, "2026-12-03")
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.action, Action::ConsiderWriteOff);

    // The same steps for 1 000 € still announce the formal notice.
    let f = lumiere()
        .entry(FriendlyReminder, "2026-11-04", "fait")
        .entry(FirmReminder, "2026-11-12", "fait")
        .entry(Call, "2026-11-19", "fait")
        .on("2026-11-26");
    let s = f
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let draft = tact_core::drafts::draft(&f.draft_context(), &s).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        draft.subject.contains("mise en demeure"),
        "{}",
        draft.subject
    );
}

#[test]
fn a_client_who_may_have_paid_is_not_reminded_before_the_bank_is_looked_at() {
    // 05/11/2026: the friendly reminder is due.
    let f = lumiere().on("2026-11-05");
    assert_eq!(step(&f).0, Action::FriendlyReminder);

    // A credit of 1 000 € not yet reviewed, that could pay F-1: the reminder waits for the user.
    let mut held = f.clone();
    held.last_statement = Some(d("2026-11-05"));
    held.credits_to_review = vec![tact_core::engine::CreditToReview {
        line_id: 7,
        date: d("2026-11-04"),
        amount: Money::from_cents(100_000),
        label: "VIR AGENCE LUMIERE".into(),
        invoices: vec!["F-1".into()],
    }];
    let s = held
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (s.step.action, s.step.date, s.step.done_as),
        (Action::CheckCredit, d("2026-11-05"), None)
    );
    let texts: Vec<&str> = s.step.reasons.iter().map(|r| r.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("1\u{202f}000,00\u{a0}€")
            && t.contains("04/11/2026")
            && t.contains("F-1")),
        "{texts:?}"
    );
    assert!(
        s.step
            .then
            .as_deref()
            .unwrap_or("")
            .contains("relance amiable"),
        "{:?}",
        s.step.then
    );

    // A statement imported today: nothing said. Imported 4 working days ago (policy: 3): the reminder says so.
    let mut fresh = f.clone();
    fresh.last_statement = Some(d("2026-11-02"));
    let s = fresh
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(s.step.reasons.iter().all(|r| r.code != "statement_old"));
    let mut old = f.clone();
    old.last_statement = Some(d("2026-10-30"));
    let s = old
        .suggest(&Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.action, Action::FriendlyReminder);
    let said = s
        .step
        .reasons
        .iter()
        .find(|r| r.code == "statement_old")
        .map(|r| r.text.clone());
    assert_eq!(
        said.as_deref(),
        Some("Dernier relevé importé le 30/10/2026\u{a0}: vérifiez qu'il n'a pas réglé.")
    );
    // Never imported: the user types her payments; nothing is said.
    assert!(
        step(&f).0 == Action::FriendlyReminder
            && f.suggest(&Policy::default())
                .unwrap_or_else(|e| panic!("{e}"))
                .step
                .reasons
                .iter()
                .all(|r| r.code != "statement_old")
    );
}
