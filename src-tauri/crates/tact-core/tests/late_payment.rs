//! Penalties survive a late payment: a business invoice paid after its due date still owes its penalties up to
//! the day it was paid and its 40 € (C. com. L441-10 II, D441-5: « pour tout retard de paiement »), until the user
//! explicitly waives them (« J'y renonce », noted in the history). On the example data: Studio Nova (client 4)
//! owes 300,00 € on F-2026-033 (600,00 € due 30/09/2026, 300,00 € paid 12/10/2026).

use chrono::NaiveDate;
use tact_core::input::PaymentInput;
use tact_core::model::JournalKind;
use tact_core::money::Money;
use tact_core::{ErrorCode, Ledger};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn demo() -> Ledger {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    l
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

fn line(
    l: &Ledger,
    client: i64,
    number: &str,
    today: &str,
) -> Option<tact_core::ledger::InvoicePenalty> {
    l.penalties(client, d(today))
        .unwrap_or_else(|e| panic!("{e}"))
        .invoices
        .into_iter()
        .find(|i| i.number == number)
}

#[test]
fn a_business_invoice_paid_late_keeps_its_penalties_to_the_day_of_payment_and_its_40_euros() {
    let mut l = demo();
    // What accrued while it was unpaid, up to 23/11/2026.
    let before = line(&l, 4, "F-2026-033", "2026-11-23").unwrap_or_else(|| panic!("open"));
    assert!(before.accrual.interest.is_positive());
    pay(&mut l, 4, "2026-11-23", "300,00");
    // Paid: still listed, with what accrued to the payment, the 40 €, and no more afterwards.
    for today in ["2026-11-24", "2027-03-01"] {
        let after =
            line(&l, 4, "F-2026-033", today).unwrap_or_else(|| panic!("paid late, {today}"));
        assert_eq!(after.settled_on, Some(d("2026-11-23")));
        assert_eq!(after.balance, Money::ZERO);
        assert_eq!(after.accrual.interest, before.accrual.interest, "{today}");
        assert_eq!(after.accrual.indemnity, Money::from_cents(4000));
    }
    let p = l
        .penalties(4, d("2026-12-02"))
        .unwrap_or_else(|e| panic!("{e}"));
    let counted = p.interest.checked_add(p.indemnities).unwrap_or(Money::ZERO);
    assert!(
        counted
            >= before
                .accrual
                .interest
                .checked_add(Money::from_cents(4000))
                .unwrap_or(Money::ZERO)
    );

    // « J'y renonce »: listed as waived, no longer counted, noted in the history; twice is refused.
    let entry = l
        .waive_penalties(before.invoice_id, d("2026-12-02"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(entry.kind, JournalKind::PenaltiesWaived);
    let text = entry.text.unwrap_or_default();
    assert!(
        text.contains("F-2026-033") && text.contains("J'y renonce") && text.contains("40,00"),
        "{text}"
    );
    let waived = l
        .penalties(4, d("2026-12-02"))
        .unwrap_or_else(|e| panic!("{e}"));
    let w = waived
        .invoices
        .iter()
        .find(|i| i.number == "F-2026-033")
        .unwrap_or_else(|| panic!("listed"));
    assert_eq!(w.waived_on, Some(d("2026-12-02")));
    assert_eq!(
        waived.total,
        p.total
            .checked_sub(before.accrual.interest)
            .and_then(|t| t.checked_sub(Money::from_cents(4000)))
            .unwrap_or(Money::ZERO)
    );
    let again = l
        .waive_penalties(before.invoice_id, d("2026-12-03"))
        .err()
        .map(|e| e.code);
    assert_eq!(again, Some(ErrorCode::InvalidChoice));
}

#[test]
fn an_invoice_paid_on_time_or_a_consumer_without_formal_notice_owes_nothing_more() {
    let mut l = demo();
    // Agence Lumière paid every earlier invoice before its due date: nothing listed for them.
    let p = l
        .penalties(1, d("2026-11-23"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        p.invoices.iter().all(|i| i.settled_on.is_none()),
        "{:?}",
        p.invoices
    );
    // M. Roche (a consumer) pays F-2026-047 late, without any formal notice: no interest, no 40 €, not listed.
    pay(&mut l, 3, "2026-12-01", "320,00");
    assert!(line(&l, 3, "F-2026-047", "2026-12-02").is_none());
    let err = l
        .waive_penalties(
            l.invoice_by_number("F-2026-047")
                .map(|i| i.id)
                .unwrap_or_default(),
            d("2026-12-02"),
        )
        .err()
        .map(|e| (e.code, e.message));
    assert!(
        err.as_ref()
            .is_some_and(|(c, m)| *c == ErrorCode::InvalidChoice && m.contains("aucune pénalité")),
        "{err:?}"
    );
}

#[test]
fn a_mise_en_demeure_claims_the_penalties_of_an_invoice_paid_late_next_to_the_open_balance() {
    use tact_core::input::{AllocationInput, InvoiceInput};
    use tact_core::letters::{LetterKind, LetterOptions};
    let mut l = demo();
    let opts = LetterOptions::default();
    let before = l
        .letter(2, LetterKind::FormalNotice, &opts, d("2026-11-23"))
        .unwrap_or_else(|e| panic!("{e}"));
    // Boulangerie Petitjean also had F-2026-060 (200,00 €, due 01/10/2026), paid on 02/11/2026: a month late.
    let inv = l
        .add_invoice(&InvoiceInput {
            number: "F-2026-060".into(),
            client_id: 2,
            issue_date: "2026-09-01".into(),
            due_date: Some("2026-10-01".into()),
            amount: "200,00".into(),
            ..InvoiceInput::default()
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .record;
    l.record_payment(&PaymentInput {
        client_id: 2,
        date: "2026-11-02".into(),
        amount: "200,00".into(),
        method: "virement".into(),
        allocations: Some(vec![AllocationInput {
            invoice_id: inv.id,
            amount: "200,00".into(),
        }]),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let late = line(&l, 2, "F-2026-060", "2026-11-23").unwrap_or_else(|| panic!("paid late"));
    let letter = l
        .letter(2, LetterKind::FormalNotice, &opts, d("2026-11-23"))
        .unwrap_or_else(|e| panic!("{e}"));
    // The open balance is the same; the penalties and the 40 € of the late one are added, and said.
    assert_eq!(letter.principal, before.principal);
    let added = late
        .accrual
        .interest
        .checked_add(late.accrual.indemnity)
        .unwrap_or(Money::ZERO);
    assert_eq!(
        letter.total,
        before.total.checked_add(added).unwrap_or(Money::ZERO)
    );
    let text = letter.plain_text();
    assert!(
        text.contains(
            "F-2026-060 (échéance du 1er\u{a0}octobre 2026, réglée le 2\u{a0}novembre 2026)"
        ),
        "{text}"
    );
    // The payment reference names what is paid.
    assert!(text.contains("F-2026-028, pénalités F-2026-060"), "{text}");
    // Waived, it leaves the letter: the total is back to the open balance's.
    l.waive_penalties(inv.id, d("2026-11-23"))
        .unwrap_or_else(|e| panic!("{e}"));
    let letter = l
        .letter(2, LetterKind::FormalNotice, &opts, d("2026-11-23"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(letter.total, before.total);
    assert!(!letter.plain_text().contains("F-2026-060"));
}

/// The client's step on `today`.
fn step_on(l: &Ledger, client: i64, today: &str) -> tact_core::engine::Step {
    l.suggestion(client, d(today), &tact_core::engine::Policy::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .step
}

#[test]
fn the_engine_offers_to_claim_the_penalties_of_an_invoice_paid_late_once_and_optionally() {
    use tact_core::engine::Action;
    let mut l = demo();
    // Café des Arts (new client) pays F-2026-049 (780,00 €, due Saturday 28/11/2026) on Thursday 10/12/2026.
    pay(&mut l, 5, "2026-12-10", "780,00");
    let owed = line(&l, 5, "F-2026-049", "2026-12-10").unwrap_or_else(|| panic!("paid late"));
    let claim = owed
        .accrual
        .interest
        .checked_add(Money::from_cents(4000))
        .unwrap_or(Money::ZERO);
    let step = step_on(&l, 5, "2026-12-10");
    assert_eq!(step.action, Action::ClaimPenalties);
    assert!(step.optional, "never a required step");
    assert_eq!(
        (step.date, step.amount, step.done_as),
        (d("2026-12-10"), claim, Some(JournalKind::PenaltiesClaimed))
    );
    let texts: Vec<&str> = step.reasons.iter().map(|r| r.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("F-2026-049")
            && t.contains("réglée le 10/12/2026")
            && t.contains("12\u{a0}jours après")
            && t.contains(&claim.format_fr())),
        "{texts:?}"
    );
    assert!(step.reasons.iter().any(|r| r.code == "claim_optional"));
    assert!(!step.reasons.iter().any(|r| r.code == "good_payer"));
    // It is on the agenda, after the required steps.
    let agenda = l
        .agenda(d("2026-12-10"), 0, 50)
        .unwrap_or_else(|e| panic!("{e}"));
    let pos = |id: i64| agenda.due.rows.iter().position(|i| i.client_id == id);
    let cafe = pos(5).unwrap_or_else(|| panic!("the claim is on the agenda"));
    assert!(
        agenda.due.rows[cafe..]
            .iter()
            .all(|i| i.suggestion.step.optional),
        "optional steps come last"
    );
    // Its draft is the claim email, with what it asks for.
    let draft = l
        .draft(5, d("2026-12-10"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (draft.action, draft.total, draft.sendable),
        (Action::ClaimPenalties, claim, true)
    );
    assert!(draft.subject.contains("Pénalités de retard") && draft.subject.contains("F-2026-049"));
    assert!(draft.body.contains(&claim.format_fr()), "{}", draft.body);
    // « Marquer comme fait »: noted as a claim; the engine asks once, never again for that payment.
    let done = l
        .mark_done(5, d("2026-12-10"), Some(&draft.subject))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        done.iter().map(|e| e.kind).collect::<Vec<_>>(),
        vec![JournalKind::PenaltiesClaimed]
    );
    for today in ["2026-12-11", "2026-12-28"] {
        assert_eq!(step_on(&l, 5, today).action, Action::Nothing, "{today}");
    }
    // The penalties stay owed and listed on the client page.
    assert!(line(&l, 5, "F-2026-049", "2026-12-28").is_some_and(|i| i.waived_on.is_none()));
}

#[test]
fn no_claim_for_a_consumer_a_waived_invoice_an_old_payment_or_while_something_else_is_chased() {
    use tact_core::engine::Action;
    // A consumer paying late owes no penalties: nothing to claim.
    let mut l = demo();
    pay(&mut l, 3, "2026-12-10", "320,00");
    assert_eq!(step_on(&l, 3, "2026-12-10").action, Action::Nothing);

    // Waived (« J'y renonce »): nothing to claim.
    let mut l = demo();
    pay(&mut l, 5, "2026-12-10", "780,00");
    let id = l
        .invoice_by_number("F-2026-049")
        .map(|i| i.id)
        .unwrap_or_else(|e| panic!("{e}"));
    l.waive_penalties(id, d("2026-12-10"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(step_on(&l, 5, "2026-12-10").action, Action::Nothing);

    // Not waived, but paid more than 60 days ago: no longer offered.
    let mut l = demo();
    pay(&mut l, 5, "2026-12-10", "780,00");
    assert_eq!(step_on(&l, 5, "2027-02-08").action, Action::ClaimPenalties);
    assert_eq!(step_on(&l, 5, "2027-02-09").action, Action::Nothing);

    // A new invoice overdue: the ladder comes first, the claim waits (it is part of a mise en demeure anyway).
    let mut l = demo();
    pay(&mut l, 5, "2026-12-10", "780,00");
    l.add_invoice(&tact_core::input::InvoiceInput {
        number: "F-2026-061".into(),
        client_id: 5,
        issue_date: "2026-11-10".into(),
        due_date: Some("2026-12-01".into()),
        amount: "120,00".into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        step_on(&l, 5, "2026-12-10").action,
        Action::FriendlyReminder
    );
}

#[test]
fn a_good_payer_is_offered_the_claim_gently_after_the_minimum_gap() {
    use tact_core::engine::Action;
    use tact_core::letters::{LetterKind, LetterOptions};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut l = Ledger::open(&dir.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    // Agence Lumière, who always paid on time, phoned on 23/11 (short of cash) and pays F-2026-041 (due
    // 31/10/2026) in full on Friday 27/11/2026.
    pay(&mut l, 1, "2026-11-27", "2400,00");
    // The call of 23/11 was the last exchange: the claim waits the 7-day gap, to Monday 30/11.
    let step = step_on(&l, 1, "2026-11-27");
    assert_eq!(
        (step.action, step.date, step.optional),
        (Action::ClaimPenalties, d("2026-11-30"), true)
    );
    assert!(
        step.reasons.iter().any(|r| r.code == "good_payer"),
        "{:?}",
        step.reasons
    );
    // The claim letter asks for the same amount, and once archived it answers the step as well.
    let letter = l
        .letter(
            1,
            LetterKind::PenaltyClaim,
            &LetterOptions::default(),
            d("2026-11-30"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(letter.total, step.amount);
    let rec = l
        .archive_letter(&letter, b"%PDF-1.7 test")
        .unwrap_or_else(|e| panic!("{e}"));
    let entry = l
        .journal(1)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|v| v.entry)
        .find(|e| e.id == rec.journal_id)
        .unwrap_or_else(|| panic!("logged"));
    assert_eq!(entry.kind, JournalKind::PenaltiesClaimed);
    assert_eq!(step_on(&l, 1, "2026-12-07").action, Action::Nothing);
}

#[test]
fn every_business_client_paid_late_is_offered_its_own_claim_however_many_there_are() {
    use tact_core::engine::Action;
    use tact_core::input::{ClientInput, InvoiceInput};
    // Many clients, each paid its one invoice late, a third of them in two payments, a fifth at the rate stated on
    // the invoice (15 %), and none owes anything else. Every one is offered the claim of its own penalties, to the
    // cent of its client page, naming its own invoice.
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let today = d("2026-11-23");
    for n in 0..450_i64 {
        let id = l
            .add_client(&ClientInput {
                kind: "professional".into(),
                name: format!("Client {n:03}"),
                ..Default::default()
            })
            .unwrap_or_else(|e| panic!("{e}"))
            .id;
        let cents = 10_000 + n * 10_007;
        let eur = |c: i64| Money::from_cents(c).format_fr_number();
        l.add_invoice(&InvoiceInput {
            number: format!("F-{n:03}"),
            client_id: id,
            issue_date: "2026-09-01".into(),
            due_date: Some(format!("2026-10-{:02}", 1 + n % 20)),
            amount: eur(cents),
            penalty_rate: (n % 5 == 0).then(|| "15".into()),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
        if n % 3 == 0 {
            pay(&mut l, id, "2026-10-25", &eur(cents / 2));
            pay(&mut l, id, "2026-11-12", &eur(cents - cents / 2));
        } else {
            pay(
                &mut l,
                id,
                &format!("2026-11-{:02}", 1 + n % 20),
                &eur(cents),
            );
        }
    }
    let policy = l.policy().unwrap_or_else(|e| panic!("{e}"));
    let all = l
        .suggestions(today, &policy)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.len(), 450);
    let mut amounts = std::collections::HashSet::new();
    for (client, s) in &all {
        let page = l
            .penalties(client.id, today)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(page.interest.is_positive(), "{}", client.name);
        assert_eq!(s.step.action, Action::ClaimPenalties, "{}", client.name);
        assert_eq!(s.step.amount, page.total, "{}", client.name);
        let own = client.name.replace("Client ", "F-");
        let named: Vec<&str> = s
            .step
            .reasons
            .iter()
            .filter_map(|r| match &r.fact {
                tact_core::engine::Fact::PaidLate { invoice, .. } => Some(invoice.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(named, [own.as_str()], "{}", client.name);
        amounts.insert(s.step.amount);
    }
    assert!(amounts.len() > 400, "each client's own amount");
}
