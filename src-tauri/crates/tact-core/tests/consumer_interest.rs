//! A consumer's legal interest on an invoice runs from the receipt of a mise en demeure that covered that invoice
//! (C. civ. 1231-6, 1344-1; legal-fr A.3), never from a letter about other invoices, and there is none on an
//! invoice no formal notice covered. On the example data: M. Julien Roche (client 3) owes F-2026-047 (320,00 €,
//! due 20/11/2026).

use chrono::NaiveDate;
use tact_core::input::{InvoiceInput, JournalInput};
use tact_core::letters::{LetterKind, LetterOptions, MailingInput};
use tact_core::money::Money;
use tact_core::Ledger;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn interest_on(l: &Ledger, number: &str, today: &str) -> Option<Money> {
    let p = l.penalties(3, d(today)).unwrap_or_else(|e| panic!("{e}"));
    p.invoices
        .iter()
        .find(|i| i.number == number)
        .map(|i| i.accrual.interest)
}

/// The demo on disk (letters need a folder), with a second invoice for M. Roche due after the mise en demeure.
fn ledger(dir: &tempfile::TempDir) -> Ledger {
    let mut l = Ledger::open(&dir.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    l.add_invoice(&InvoiceInput {
        number: "F-2026-052".into(),
        client_id: 3,
        issue_date: "2026-11-25".into(),
        due_date: Some("2026-12-10".into()),
        amount: "480,00".into(),
        ..InvoiceInput::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    l
}

fn f052_id(l: &Ledger) -> i64 {
    l.invoice_by_number("F-2026-052")
        .map(|i| i.id)
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn interest_runs_only_on_the_invoices_the_formal_notice_covered_from_its_receipt() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut l = ledger(&dir);
    // Before any formal notice: no interest at all for a consumer.
    assert_eq!(
        interest_on(&l, "F-2026-047", "2026-12-01"),
        Some(Money::ZERO)
    );
    // The mise en demeure of 01/12/2026 covers F-2026-047 only (F-2026-052 is not yet due); AR on 04/12.
    let letter = l
        .letter(
            3,
            LetterKind::FormalNotice,
            &LetterOptions::default(),
            d("2026-12-01"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let rec = l
        .archive_letter(&letter, b"%PDF-1.7 test")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rec.invoice_ids, vec![14]);
    l.set_mailing(
        rec.id,
        &MailingInput {
            posted_on: Some("2026-12-01".into()),
            received_on: Some("2026-12-04".into()),
            ..MailingInput::default()
        },
        d("2026-12-05"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // On 03/02/2027: F-2026-047 has interest from 04/12/2026, F-2026-052 (overdue since 10/12) none.
    let today = "2027-02-03";
    let p = l.penalties(3, d(today)).unwrap_or_else(|e| panic!("{e}"));
    let f047 = p
        .invoices
        .iter()
        .find(|i| i.number == "F-2026-047")
        .unwrap_or_else(|| panic!("F-2026-047"));
    assert!(f047.accrual.interest.is_positive(), "{f047:?}");
    assert_eq!(
        f047.accrual.segments.first().map(|s| s.from),
        Some(d("2026-12-05")),
        "from the day after the AR"
    );
    assert_eq!(
        interest_on(&l, "F-2026-052", today),
        Some(Money::ZERO),
        "no formal notice covered it"
    );
    assert_eq!(p.formal_notice, Some(d("2026-12-04")));

    // A formal notice noted by hand about F-2026-052 (sent by a lawyer, say) starts its interest from its date.
    l.add_journal_entry(&JournalInput {
        client_id: 3,
        invoice_id: Some(f052_id(&l)),
        date: "2027-01-05".into(),
        kind: "formal_notice".into(),
        channel: Some("registered_letter".into()),
        text: Some("Mise en demeure adressée par Me Durand.".into()),
        ..JournalInput::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let p = l.penalties(3, d(today)).unwrap_or_else(|e| panic!("{e}"));
    let f052 = p
        .invoices
        .iter()
        .find(|i| i.number == "F-2026-052")
        .unwrap_or_else(|| panic!("F-2026-052"));
    assert_eq!(
        f052.accrual.segments.first().map(|s| s.from),
        Some(d("2027-01-06")),
        "{f052:?}"
    );
    // F-2026-047 still counts from the first notice that covered it.
    let f047_again = p
        .invoices
        .iter()
        .find(|i| i.number == "F-2026-047")
        .map(|i| i.accrual.interest);
    assert_eq!(f047_again, Some(f047.accrual.interest));
}
