//! A batch from files goes through the forms' checks in one transaction: tried, it says what each item would
//! meet and keeps nothing; written, one refused item refuses the whole batch.

use chrono::NaiveDate;
use tact_core::input::{ClientInput, CreditNoteInput, InvoiceInput};
use tact_core::ledger::imports::{
    ClientRef, ImportBatch, ImportFile, ImportItem, ImportRecord, InvoiceRef, ItemOutcome,
};
use tact_core::{ErrorCode, Ledger};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default()
}

fn batch() -> ImportBatch {
    let item = |label: &str, record| ImportItem {
        file: 0,
        label: label.into(),
        record,
        buyer_name: "Atelier Ravel SAS".into(),
        buyer_siren: Some("443061841".into()),
        buyer_vat: None,
    };
    ImportBatch {
        files: vec![ImportFile {
            file_name: "export.csv".into(),
            sha256: "a".repeat(64),
            format: "csv".into(),
            content: b"Numero;Date".to_vec(),
        }],
        new_clients: vec![ClientInput {
            kind: "professional".into(),
            name: "Atelier Ravel SAS".into(),
            siren: Some("443061841".into()),
            ..Default::default()
        }],
        items: vec![
            item(
                "F-2026-090 (export.csv)",
                ImportRecord::Invoice {
                    client: ClientRef::New(0),
                    input: InvoiceInput {
                        number: "F-2026-090".into(),
                        issue_date: "2026-12-01".into(),
                        amount: "300.00".into(),
                        ..Default::default()
                    },
                },
            ),
            item(
                "Avoir AV-2026-090 (export.csv)",
                ImportRecord::CreditNote {
                    invoice: InvoiceRef::New(0),
                    input: CreditNoteInput {
                        number: "AV-2026-090".into(),
                        date: "2026-12-02".into(),
                        amount: "900.00".into(),
                        ..Default::default()
                    },
                },
            ),
        ],
    }
}

fn sizes(l: &Ledger) -> (usize, usize, usize, usize) {
    let i = l.import_index().unwrap_or_else(|e| panic!("{e}"));
    (
        i.clients.len(),
        i.invoices.len(),
        i.credit_notes.len(),
        l.source_files().unwrap_or_default().len(),
    )
}

#[test]
fn one_refused_item_refuses_the_batch_and_a_trial_keeps_nothing() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    let before = sizes(&l);
    let tried = l
        .try_import_batch(&batch(), day())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        tried.items.first(),
        Some(ItemOutcome::Invoice(..))
    ));
    match tried.items.get(1) {
        Some(ItemOutcome::Refused(e)) => {
            assert_eq!(e.code, ErrorCode::CreditExceedsBalance);
            assert!(
                e.message.starts_with("Avoir AV-2026-090 (export.csv)"),
                "{}",
                e.message
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(sizes(&l), before, "a trial keeps nothing");
    let err = l.import_batch(&batch(), day()).err().map(|e| e.code);
    assert_eq!(err, Some(ErrorCode::CreditExceedsBalance));
    assert_eq!(sizes(&l), before, "nothing half-written");
    // Without the bad item, all of it is written at once, its source kept.
    let mut good = batch();
    good.items.truncate(1);
    let done = l
        .import_batch(&good, day())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(done.clients.len(), 1);
    assert_eq!(
        sizes(&l),
        (before.0 + 1, before.1 + 1, before.2, before.3 + 1)
    );
}
