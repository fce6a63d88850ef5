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
        text.contains("F-2026-060 (échéance du 01/10/2026, réglée le 02/11/2026)"),
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
