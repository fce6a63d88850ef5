//! Payment calendars in the books, on the example data: Agence Lumière's 2 400,00 € in three instalments of
//! 800,00 € (05/12/2026, 05/01/2027, 05/02/2027), penalties waived if honoured — proposed, signed, one instalment
//! paid and one missed, with the engine's step at each date; revisions, refusals and prescription.

use chrono::NaiveDate;
use tact_core::engine::{Action, Policy};
use tact_core::input::PaymentInput;
use tact_core::letters::{LetterKind, LetterOptions};
use tact_core::model::JournalKind;
use tact_core::money::Money;
use tact_core::plans::{InstalmentStatus, PlanInput, PlanStatus};
use tact_core::{ErrorCode, Ledger};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn demo() -> (Ledger, i64) {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    let id = client(&l, "Agence Lumière SARL");
    (l, id)
}

fn client(l: &Ledger, name: &str) -> i64 {
    l.clients()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .unwrap_or_else(|| panic!("{name}"))
}

fn step(l: &Ledger, client: i64, today: &str) -> (Action, NaiveDate, Money) {
    let s = l
        .suggestion(client, d(today), &Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    (s.step.action, s.step.date, s.step.amount)
}

fn lumiere_input(client: i64) -> PlanInput {
    PlanInput {
        client_id: client,
        instalments: "3".into(),
        frequency: "month".into(),
        first_date: "05/12/2026".into(),
        penalties: "waive".into(),
        ..PlanInput::default()
    }
}

fn pay(l: &mut Ledger, client: i64, date: &str, amount: &str) {
    l.record_payment(&PaymentInput {
        client_id: client,
        date: date.into(),
        amount: amount.into(),
        method: "virement".into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn agence_lumiere_from_proposal_to_the_decheance() {
    let (mut l, lumiere) = demo();
    let today = d("2026-11-23");
    assert_eq!(step(&l, lumiere, "2026-11-23").0, Action::ProposeCalendar);

    // The form starts from a calendar sized to the debt: three monthly instalments from 05/12.
    let suggested = l
        .suggested_plan_input(lumiere, today)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (
            suggested.instalments.as_str(),
            suggested.first_date.as_str(),
            suggested.penalties.as_str(),
            suggested.notice_days.as_str()
        ),
        ("3", "2026-12-05", "waive", "8")
    );

    // The preview writes nothing.
    let preview = l
        .preview_plan(&lumiere_input(lumiere), today)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(l.plans(lumiere, today).unwrap_or_default().is_empty());
    let st = l
        .propose_plan(&lumiere_input(lumiere), today)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(st.instalments, preview.instalments);
    assert_eq!(st.status, PlanStatus::Proposed);
    let plan = st.plan.clone();
    assert_eq!(plan.total, Money::from_cents(240_000));
    let lines: Vec<(String, i64)> = plan
        .instalments
        .iter()
        .map(|i| (i.due_on.to_string(), i.amount.cents()))
        .collect();
    assert_eq!(
        lines,
        [
            ("2026-12-05".to_owned(), 80_000),
            ("2027-01-05".to_owned(), 80_000),
            ("2027-02-05".to_owned(), 80_000)
        ]
    );
    // Penalties to date (23 days at the ECB rate + 10 points on 2 400 €) and the 40 €, waived if honoured.
    assert!(plan.penalties.is_positive());
    assert_eq!(plan.indemnities, Money::from_cents(4_000));
    assert_eq!(
        plan.waived().ok(),
        plan.penalties.checked_add(plan.indemnities).ok()
    );
    let journal = l.journal(lumiere).unwrap_or_default();
    assert!(journal
        .iter()
        .any(|v| v.entry.kind == JournalKind::PlanProposed && v.entry.date == today));

    // Proposed: nothing to do until the follow-up a week later (the proposal email is its draft).
    assert_eq!(
        step(&l, lumiere, "2026-11-23").0,
        Action::PlanSignature,
        "waiting for the signature"
    );
    assert_eq!(step(&l, lumiere, "2026-11-23").1, d("2026-11-30"));
    // Each follow-up noted as done waits a week; after two, unsigned, the ladder resumes.
    l.mark_done(lumiere, d("2026-11-30"), None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        step(&l, lumiere, "2026-12-01"),
        (
            Action::PlanSignature,
            d("2026-12-07"),
            Money::from_cents(240_000)
        )
    );
    l.mark_done(lumiere, d("2026-12-07"), None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(step(&l, lumiere, "2026-12-14").0, Action::PlanSignature);
    let draft = l
        .plan_draft(plan.id, today)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        draft.body.contains("800,00\u{a0}€ le 05/01/2027"),
        "{}",
        draft.body
    );
    assert!(draft.body.contains("Bon pour accord"), "{}", draft.body);
    assert!(draft.body.contains(&plan.reference()), "{}", draft.body);

    // The agreement, a letter with both signature blocks and every element of legal-fr B §6.
    let agreement = l
        .letter(
            lumiere,
            LetterKind::PlanAgreement,
            &LetterOptions::default(),
            today,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let text = agreement.plain_text();
    for needle in [
        "Reconnaissance de dette",
        "reconnaît devoir au créancier la somme de 2\u{202f}400,00\u{a0}€",
        "F-2026-041",
        "05/12/2026",
        "05/02/2027",
        "Modalités de paiement",
        "renonce à réclamer",
        "Déchéance du terme",
        "délai de 8 jours",
        "en deux exemplaires originaux",
    ] {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
    // The agreement is its own document after the cover letter, with the two signatures at its end.
    let protocol = agreement
        .annex
        .as_ref()
        .unwrap_or_else(|| panic!("the protocole d'accord"));
    assert!(protocol
        .title
        .starts_with("Protocole d'accord — échéancier de paiement"));
    assert_eq!(
        protocol.countersignature.first().map(String::as_str),
        Some("Le débiteur")
    );
    assert_eq!(
        protocol.signature.first().map(String::as_str),
        Some("Le créancier")
    );
    assert_eq!(
        agreement.signature.first().map(String::as_str),
        Some("Sophie Marchand"),
        "the cover letter is signed by its writer"
    );

    // Signed on 25/11: an acknowledgment of the debt, in the history; prescription restarts from it.
    let err = l.sign_plan(plan.id, "2026-11-20", d("2026-11-25")).err();
    assert_eq!(err.map(|e| e.field), Some(Some("signed_on".to_owned())));
    let st = l
        .sign_plan(plan.id, "25/11/2026", d("2026-11-25"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(st.status, PlanStatus::Honoured);
    assert_eq!(
        l.sign_plan(plan.id, "25/11/2026", d("2026-11-25"))
            .err()
            .map(|e| e.code),
        Some(ErrorCode::PlanState)
    );
    assert!(l
        .journal(lumiere)
        .unwrap_or_default()
        .iter()
        .any(|v| v.entry.kind == JournalKind::PlanSigned && v.entry.date == d("2026-11-25")));
    let penalties = l
        .penalties(lumiere, d("2026-11-25"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        penalties.invoices.first().map(|p| p.prescription),
        Some(d("2031-11-25"))
    );

    // Honoured: not chased; a courtesy note three working days before 05/12 (a Saturday): Wednesday 02/12.
    assert_eq!(
        step(&l, lumiere, "2026-11-26"),
        (
            Action::PlanCourtesy,
            d("2026-12-02"),
            Money::from_cents(80_000)
        )
    );
    let s = l
        .suggestion(lumiere, d("2026-11-26"), &Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(s.step.optional);
    assert!(!s.due_on(d("2026-11-26")));
    let quiet = Policy {
        plan_courtesy_note: false,
        ..Policy::default()
    };
    let s = l
        .suggestion(lumiere, d("2026-12-02"), &quiet)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.action, Action::Nothing);
    assert!(s.step.reasons.iter().any(|r| r.code == "plan_honoured"));

    // The first instalment paid on 04/12: the second is next.
    pay(&mut l, lumiere, "2026-12-04", "800,00");
    let st = l
        .plan(plan.id, d("2026-12-07"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(st.instalments[0].status, InstalmentStatus::Paid);
    assert_eq!(st.status, PlanStatus::Honoured);
    assert_eq!(st.left, Money::from_cents(160_000));
    assert_eq!(step(&l, lumiere, "2026-12-07").1, d("2026-12-30"));

    // The second is missed: Tuesday 05/01 + 2 working days → a friendly reminder about it alone, Friday 08/01.
    assert_eq!(
        step(&l, lumiere, "2027-01-07").0,
        Action::Nothing,
        "not late before its grace ends"
    );
    assert_eq!(
        step(&l, lumiere, "2027-01-08"),
        (
            Action::PlanReminder,
            d("2027-01-08"),
            Money::from_cents(80_000)
        )
    );
    let st = l
        .plan(plan.id, d("2027-01-08"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((st.status, st.late_count), (PlanStatus::Late, 1));
    let draft = l
        .draft(lumiere, d("2027-01-08"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        draft.body.contains("l'échéance du 5\u{a0}janvier 2027"),
        "{}",
        draft.body
    );
    assert!(draft
        .body
        .contains("Les échéances suivantes restent inchangées"));
    assert!(
        !draft.body.contains("L441-10"),
        "no threat in the first reminder"
    );
    l.mark_done(lumiere, d("2027-01-08"), None)
        .unwrap_or_else(|e| panic!("{e}"));
    // Still nothing a week later: the firm reminder, with the déchéance clause.
    assert_eq!(
        step(&l, lumiere, "2027-01-12"),
        (
            Action::PlanFirmReminder,
            d("2027-01-15"),
            Money::from_cents(80_000)
        )
    );
    let draft = l
        .draft(lumiere, d("2027-01-15"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(draft.body.contains("déchéance du terme"), "{}", draft.body);
    l.mark_done(lumiere, d("2027-01-15"), None)
        .unwrap_or_else(|e| panic!("{e}"));
    // Then the mise en demeure that invokes the déchéance, by registered letter.
    assert_eq!(step(&l, lumiere, "2027-01-22").0, Action::PlanDefault);
    let letter = l
        .letter(
            lumiere,
            LetterKind::PlanDefault,
            &LetterOptions::default(),
            d("2027-01-22"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let text = letter.plain_text();
    assert_eq!(letter.total, Money::from_cents(80_000));
    for needle in [
        "MISE EN DEMEURE",
        "signé le 25\u{a0}novembre 2026",
        "Échéance n°\u{a0}2",
        "dans un délai de 8 jours",
        "1\u{202f}600,00\u{a0}€",
        "déchéance du terme",
    ] {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
}

#[test]
fn revisions_keep_the_old_version_and_refusals_name_the_field() {
    let (mut l, lumiere) = demo();
    let today = d("2026-11-23");
    let first = l
        .propose_plan(&lumiere_input(lumiere), today)
        .unwrap_or_else(|e| panic!("{e}"));
    // The same invoice in a second calendar: revise the first instead.
    let err = l
        .propose_plan(&lumiere_input(lumiere), today)
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.code, ErrorCode::InvalidPlan);
    assert!(err.message.contains("révisez-le"), "{}", err.message);
    // A revision: four instalments, penalties deferred to the last one.
    let revised = l
        .propose_plan(
            &PlanInput {
                instalments: "4".into(),
                penalties: "defer".into(),
                replaces: Some(first.plan.id),
                ..lumiere_input(lumiere)
            },
            d("2026-11-24"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(revised.plan.version, 2);
    let extras = revised
        .plan
        .penalties
        .checked_add(revised.plan.indemnities)
        .unwrap_or(Money::ZERO);
    assert_eq!(
        revised.plan.total,
        Money::from_cents(240_000)
            .checked_add(extras)
            .unwrap_or(Money::ZERO)
    );
    assert_eq!(
        revised.plan.instalments.last().map(|i| i.amount),
        Money::from_cents(60_000).checked_add(extras).ok()
    );
    let all = l.plans(lumiere, d("2026-11-24")).unwrap_or_default();
    assert_eq!(all.len(), 2, "the old version is kept");
    assert_eq!(all[1].status, PlanStatus::Replaced);
    assert_eq!(
        l.current_plan(lumiere, d("2026-11-24"))
            .ok()
            .flatten()
            .map(|p| p.plan.id),
        Some(revised.plan.id)
    );
    assert_eq!(
        l.sign_plan(first.plan.id, "2026-11-24", d("2026-11-24"))
            .err()
            .map(|e| e.code),
        Some(ErrorCode::PlanState)
    );

    // Refusals: a disputed invoice, another client's invoice, too many instalments, a past date; nothing saved.
    let nova = client(&l, "Studio Nova SAS");
    let disputed = l
        .invoice_by_number("F-2026-039")
        .unwrap_or_else(|e| panic!("{e}"));
    let err = l
        .propose_plan(
            &PlanInput {
                client_id: nova,
                invoices: vec![disputed.id],
                ..lumiere_input(nova)
            },
            today,
        )
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.field.as_deref(), Some("invoices[0].invoices"));
    assert!(err.message.contains("en litige"), "{}", err.message);
    let err = l
        .propose_plan(
            &PlanInput {
                client_id: nova,
                invoices: vec![first.plan.invoices[0].invoice_id],
                ..lumiere_input(nova)
            },
            today,
        )
        .err()
        .map(|e| e.code);
    assert_eq!(err, Some(ErrorCode::ClientMismatch));
    let err = l
        .propose_plan(
            &PlanInput {
                instalments: "61".into(),
                ..lumiere_input(nova)
            },
            today,
        )
        .err()
        .map(|e| e.field);
    assert_eq!(err, Some(Some("instalments".to_owned())));
    let err = l
        .propose_plan(
            &PlanInput {
                first_date: "20/11/2026".into(),
                ..lumiere_input(nova)
            },
            today,
        )
        .err()
        .map(|e| e.field);
    assert_eq!(err, Some(Some("first_date".to_owned())));
    assert!(l.plans(nova, today).unwrap_or_default().is_empty());
    // Studio Nova's undisputed 300 € can be spread; its dispute goes on alongside.
    let st = l
        .propose_plan(
            &PlanInput {
                instalments: "2".into(),
                ..lumiere_input(nova)
            },
            today,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(st.plan.principal, Money::from_cents(30_000));
    l.sign_plan(st.plan.id, "2026-11-23", today)
        .unwrap_or_else(|e| panic!("{e}"));
    let s = l
        .suggestion(nova, d("2026-11-24"), &Policy::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.action, Action::SettleDispute);
    let courtesy = s
        .alongside
        .unwrap_or_else(|| panic!("the courtesy note alongside"));
    assert_eq!(
        courtesy.action,
        Action::PlanCourtesy,
        "the calendar's invoice is not chased"
    );
    assert!(courtesy.reasons.iter().any(|r| r.code == "plan_honoured"));
}

#[test]
fn the_calendar_survives_a_reopening_of_the_books() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("tact.sqlite");
    let id = {
        let mut l = Ledger::open(&path).unwrap_or_else(|e| panic!("{e}"));
        l.load_demo().unwrap_or_else(|e| panic!("{e}"));
        let lumiere = client(&l, "Agence Lumière SARL");
        l.propose_plan(&lumiere_input(lumiere), d("2026-11-23"))
            .unwrap_or_else(|e| panic!("{e}"))
            .plan
            .id
    };
    let l = Ledger::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let st = l
        .plan(id, d("2026-11-23"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(st.plan.instalments.len(), 3);
    assert_eq!(
        l.plan(id + 1, d("2026-11-23")).err().map(|e| e.code),
        Some(ErrorCode::PlanNotFound)
    );
}
