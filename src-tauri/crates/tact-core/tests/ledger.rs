//! The ledger as users rely on it, on temporary databases.

use chrono::NaiveDate;
use tact_core::input::{
    AllocationInput, ClientInput, CreditNoteInput, InvoiceInput, JournalInput, PaymentInput,
};
use tact_core::ledger::{ArchiveFilter, ClientQuery, InvoiceQuery};
use tact_core::model::InvoiceStatus;
use tact_core::money::Money;
use tact_core::{ErrorCode, Ledger};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn eur(s: &str) -> Money {
    Money::parse_canonical(s).unwrap_or_else(|| panic!("{s}"))
}

fn demo() -> Ledger {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("demo: {e}"));
    l
}

fn client(l: &mut Ledger, name: &str) -> i64 {
    l.add_client(&ClientInput {
        kind: "professional".into(),
        name: name.into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"))
    .id
}

fn invoice(l: &mut Ledger, client_id: i64, number: &str, issue: &str, amount: &str) -> i64 {
    l.add_invoice(&InvoiceInput {
        number: number.into(),
        client_id,
        issue_date: issue.into(),
        amount: amount.into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"))
    .record
    .id
}

fn counts(l: &Ledger) -> (usize, usize, usize, usize, usize) {
    let e = l.export().unwrap_or_else(|e| panic!("{e}"));
    (
        e.clients.len(),
        e.invoices.len(),
        e.payments.len(),
        e.credit_notes.len(),
        e.journal.len(),
    )
}

#[test]
fn the_scenario_on_monday_23_november_2026() {
    let l = demo();
    let today = d("2026-11-23");
    let rows = l
        .client_rows(today, &ClientQuery::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let by_name = |n: &str| {
        rows.iter()
            .find(|r| r.client.name == n)
            .unwrap_or_else(|| panic!("{n}"))
    };

    let lumiere = by_name("Agence Lumière SARL");
    assert_eq!(lumiere.standing.overdue_total, eur("2400.00"));
    assert_eq!(lumiere.standing.max_days_late, Some(23));
    // Eight earlier invoices, all paid on or before their due date.
    assert_eq!(lumiere.standing.history.paid_invoices, 8);
    assert_eq!(lumiere.standing.history.paid_on_time, 8);

    let petitjean = by_name("Boulangerie Petitjean");
    assert_eq!(petitjean.standing.overdue_total, eur("450.00"));
    assert_eq!(petitjean.standing.max_days_late, Some(69));

    let roche = by_name("M. Julien Roche");
    assert_eq!(roche.client.kind.code(), "consumer");
    assert_eq!(roche.standing.max_days_late, Some(3));

    let nova = by_name("Studio Nova SAS");
    assert_eq!(nova.standing.balance, eur("1450.00"));
    assert_eq!(nova.standing.disputed_total, eur("1150.00"));
    assert_eq!(nova.standing.overdue_total, eur("300.00"));

    let cafe = by_name("Café des Arts");
    assert_eq!(cafe.standing.balance, eur("780.00"));
    assert_eq!(cafe.standing.overdue_total, Money::ZERO);

    let overdue = l
        .invoice_rows(
            today,
            &InvoiceQuery {
                status: Some(InvoiceStatus::Overdue),
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let numbers: Vec<&str> = overdue.iter().map(|r| r.invoice.number.as_str()).collect();
    assert_eq!(
        numbers,
        ["F-2026-028", "F-2026-033", "F-2026-041", "F-2026-047"]
    );

    // Boulangerie Petitjean: four contacts, the last a promise for 31/10.
    let journal = l
        .journal(petitjean.client.id)
        .unwrap_or_else(|e| panic!("{e}"));
    let contacts: Vec<&str> = journal
        .iter()
        .filter(|v| v.entry.kind.code() != "payment_recorded")
        .map(|v| v.entry.kind.code())
        .collect();
    assert_eq!(
        contacts,
        ["friendly_reminder", "firm_reminder", "call", "call"]
    );
    assert_eq!(
        journal.last().and_then(|v| v.entry.promise_date),
        Some(d("2026-10-31"))
    );
}

#[test]
fn export_then_import_gives_back_the_same_ledger() {
    let l = demo();
    let exported = l.export().unwrap_or_else(|e| panic!("{e}"));
    let json = serde_json::to_string(&exported).unwrap_or_else(|e| panic!("{e}"));
    let mut copy = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    copy.import_json(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(copy.export().unwrap_or_else(|e| panic!("{e}")), exported);
}

#[test]
fn an_import_is_all_or_nothing() {
    let mut data = demo().export().unwrap_or_else(|e| panic!("{e}"));
    // The very last record is bad: its invoice belongs to another client.
    let last = data.journal.len() - 1;
    data.journal[last].invoice_id = Some(data.invoices[0].id);
    data.journal[last].client_id = 5;
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let err = l.import(&data).expect_err("bad record");
    assert_eq!(err.code, ErrorCode::ClientMismatch);
    assert!(
        err.field
            .as_deref()
            .is_some_and(|f| f.starts_with("journal[")),
        "{:?}",
        err.field
    );
    assert!(l.is_empty().unwrap_or(false), "nothing may be written");
    assert!(l.business().unwrap_or_else(|e| panic!("{e}")).is_none());
}

#[test]
fn an_import_refuses_a_non_empty_ledger_and_newer_formats() {
    let mut l = demo();
    let data = l.export().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        l.import(&data).map_err(|e| e.code).err(),
        Some(ErrorCode::ImportNotEmpty)
    );
    let mut newer = data.clone();
    newer.version = 99;
    let mut empty = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        empty.import(&newer).map_err(|e| e.code).err(),
        Some(ErrorCode::ImportFormat)
    );
    assert_eq!(
        empty.import_json("{ pas du json").map_err(|e| e.code).err(),
        Some(ErrorCode::ImportFormat)
    );
    // Invalid values inside a record are caught by the same validation as the forms.
    let mut bad = data;
    bad.clients[0].contact.email = Some("pas-une-adresse".into());
    let err = empty.import(&bad).expect_err("bad email");
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::InvalidEmail, Some("clients[0].email"))
    );
    assert!(empty.is_empty().unwrap_or(false));
}

#[test]
fn a_rejected_payment_writes_nothing() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let c = client(&mut l, "Studio Nova SAS");
    let a = invoice(&mut l, c, "F-1", "2026-08-31", "600");
    let b = invoice(&mut l, c, "F-2", "2026-09-25", "1150");
    let before = counts(&l);
    // The first line is fine, the second asks more than the invoice's balance.
    let err = l
        .record_payment(&PaymentInput {
            client_id: c,
            date: "2026-10-12".into(),
            amount: "2000".into(),
            method: "virement".into(),
            allocations: Some(vec![
                AllocationInput {
                    invoice_id: a,
                    amount: "600".into(),
                },
                AllocationInput {
                    invoice_id: b,
                    amount: "1200".into(),
                },
            ]),
            ..Default::default()
        })
        .expect_err("over-allocation");
    assert_eq!(
        (err.code, err.field.as_deref()),
        (
            ErrorCode::AllocationExceedsBalance,
            Some("allocations[1].amount")
        )
    );
    assert_eq!(counts(&l), before);
}

#[test]
fn a_payment_without_allocation_goes_to_overdue_then_oldest_and_the_rest_is_credit() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let c = client(&mut l, "Client");
    let not_due = invoice(&mut l, c, "F-3", "2026-11-10", "100"); // due 10/12
    let overdue_recent = invoice(&mut l, c, "F-2", "2026-10-01", "200"); // due 31/10
    let overdue_old = invoice(&mut l, c, "F-1", "2026-09-01", "300"); // due 01/10
    let p = l
        .record_payment(&PaymentInput {
            client_id: c,
            date: "2026-11-20".into(),
            amount: "650".into(),
            method: "virement".into(),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let order: Vec<(i64, Money)> = p
        .allocations
        .iter()
        .map(|a| (a.invoice_id, a.amount))
        .collect();
    assert_eq!(
        order,
        [
            (overdue_old, eur("300.00")),
            (overdue_recent, eur("200.00")),
            (not_due, eur("100.00"))
        ]
    );
    assert_eq!(p.unallocated().ok(), Some(eur("50.00")));
    let standing = &l
        .standings(d("2026-11-20"))
        .unwrap_or_else(|e| panic!("{e}"))[0];
    assert_eq!(
        (standing.balance, standing.credit),
        (Money::ZERO, eur("50.00"))
    );
    // The payment is in the client's history.
    let journal = l.journal(c).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(journal.len(), 1);
    assert_eq!(journal[0].entry.payment_id, Some(p.id));

    // Later the credit settles a new invoice.
    let later = invoice(&mut l, c, "F-4", "2026-11-25", "80");
    let p = l
        .allocate_credit(
            p.id,
            &[AllocationInput {
                invoice_id: later,
                amount: "50".into(),
            }],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.unallocated().ok(), Some(Money::ZERO));
    let err = l
        .allocate_credit(
            p.id,
            &[AllocationInput {
                invoice_id: later,
                amount: "10".into(),
            }],
        )
        .expect_err("no credit left");
    assert_eq!(err.code, ErrorCode::AllocationExceedsPayment);
}

#[test]
fn credit_notes_reduce_or_cancel_an_invoice() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let c = client(&mut l, "Client");
    let i = invoice(&mut l, c, "F-1", "2026-10-01", "1150");
    let cn = |number: &str, amount: &str| CreditNoteInput {
        number: number.into(),
        invoice_id: i,
        date: "2026-11-05".into(),
        amount: amount.into(),
        reason: Some("Fichiers non livrés".into()),
    };
    assert_eq!(
        l.add_credit_note(&cn("AV-1", "1200"))
            .map_err(|e| e.code)
            .err(),
        Some(ErrorCode::CreditExceedsBalance)
    );
    l.add_credit_note(&cn("AV-1", "150"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        l.add_credit_note(&cn("av-1", "10"))
            .map_err(|e| e.code)
            .err(),
        Some(ErrorCode::DuplicateCreditNoteNumber)
    );
    l.add_credit_note(&cn("AV-2", "1000"))
        .unwrap_or_else(|e| panic!("{e}"));
    let row = &l
        .invoice_rows(d("2026-11-23"), &InvoiceQuery::default())
        .unwrap_or_else(|e| panic!("{e}"))[0];
    assert_eq!(
        (row.status, row.balance),
        (InvoiceStatus::Cancelled, Money::ZERO)
    );
}

#[test]
fn invoice_rules() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let c = client(&mut l, "Client");
    let other = client(&mut l, "Autre");
    let i = invoice(&mut l, c, "F-2026-041", "2026-10-01", "2400");
    let dup = InvoiceInput {
        number: "f-2026-041".into(),
        client_id: c,
        issue_date: "2026-10-02".into(),
        amount: "1".into(),
        ..Default::default()
    };
    assert_eq!(
        l.add_invoice(&dup).map_err(|e| e.code).err(),
        Some(ErrorCode::DuplicateInvoiceNumber)
    );
    let unknown = InvoiceInput {
        client_id: 999,
        number: "F-9".into(),
        ..dup.clone()
    };
    assert_eq!(
        l.add_invoice(&unknown).map_err(|e| e.code).err(),
        Some(ErrorCode::ClientNotFound)
    );

    l.record_payment(&PaymentInput {
        client_id: c,
        date: "2026-11-01".into(),
        amount: "1000".into(),
        method: "cheque".into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let mut edit = InvoiceInput::from(&l.invoice(i).unwrap_or_else(|e| panic!("{e}")));
    edit.amount = "900".into();
    assert_eq!(
        l.update_invoice(i, &edit).map_err(|e| e.code).err(),
        Some(ErrorCode::AmountBelowSettled)
    );
    edit.amount = "2400".into();
    edit.client_id = other;
    assert_eq!(
        l.update_invoice(i, &edit).map_err(|e| e.code).err(),
        Some(ErrorCode::InvoiceHasActivity)
    );
    edit.client_id = c;
    edit.description = Some("Campagne de lancement".into());
    assert!(l.update_invoice(i, &edit).is_ok());

    // Terms beyond the legal cap between professionals: recorded, with a warning.
    let long = InvoiceInput {
        number: "F-2".into(),
        terms: Some("90".into()),
        ..dup
    };
    let saved = l.add_invoice(&long).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.warnings.len(), 1);
    assert!(saved.warnings[0].message.contains("L441-10"));
}

#[test]
fn archived_clients_keep_their_records_and_take_no_new_invoice() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let c = client(&mut l, "Ancien client");
    invoice(&mut l, c, "F-1", "2026-01-10", "100");
    assert_eq!(
        l.delete_client(c).map_err(|e| e.code).err(),
        Some(ErrorCode::ClientHasInvoices)
    );
    l.set_client_archived(c, true)
        .unwrap_or_else(|e| panic!("{e}"));
    let active = l
        .client_rows(d("2026-11-23"), &ClientQuery::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(active.is_empty());
    let archived = l
        .client_rows(
            d("2026-11-23"),
            &ClientQuery {
                archived: ArchiveFilter::Archived,
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(archived.len(), 1);
    let new = InvoiceInput {
        number: "F-2".into(),
        client_id: c,
        issue_date: "2026-11-01".into(),
        amount: "10".into(),
        ..Default::default()
    };
    assert_eq!(
        l.add_invoice(&new).map_err(|e| e.code).err(),
        Some(ErrorCode::ClientArchived)
    );
    // A client with nothing attached can be deleted.
    let empty = client(&mut l, "Erreur de saisie");
    assert!(l.delete_client(empty).is_ok());
}

#[test]
fn journal_corrections_replace_without_erasing() {
    let mut l = demo();
    let nova = 4;
    let f039 = l
        .invoice_by_number("F-2026-039")
        .unwrap_or_else(|e| panic!("{e}"))
        .id;
    let today = d("2026-11-23");
    let status = |l: &Ledger| {
        l.invoice_rows(
            today,
            &InvoiceQuery {
                client_id: Some(nova),
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|r| r.invoice.id == f039)
        .map(|r| r.status)
    };
    assert_eq!(status(&l), Some(InvoiceStatus::Disputed));
    let dispute = l
        .journal(nova)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|v| v.entry.kind.code() == "dispute_opened")
        .unwrap_or_else(|| panic!("dispute entry"));
    // The dispute was entered on the wrong invoice: a correction replaces it by a note.
    let fix = JournalInput {
        client_id: nova,
        date: "2026-11-23".into(),
        kind: "note".into(),
        text: Some("Saisie erronée : le litige ne concerne pas cette facture.".into()),
        corrects: Some(dispute.entry.id),
        ..Default::default()
    };
    let correction = l.add_journal_entry(&fix).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status(&l), Some(InvoiceStatus::Overdue));
    let journal = l.journal(nova).unwrap_or_else(|e| panic!("{e}"));
    let old = journal
        .iter()
        .find(|v| v.entry.id == dispute.entry.id)
        .unwrap_or_else(|| panic!("old entry kept"));
    assert_eq!(old.corrected_by, Some(correction.id));
    // A second correction of the same entry is refused: correct the correction instead.
    assert_eq!(
        l.add_journal_entry(&fix).map_err(|e| e.code).err(),
        Some(ErrorCode::InvalidCorrection)
    );
    // Payment entries are not corrected through the journal.
    let paid = journal
        .iter()
        .find(|v| v.entry.kind.code() == "payment_recorded")
        .map(|v| v.entry.id);
    let bad = JournalInput {
        corrects: paid,
        ..fix
    };
    assert_eq!(
        l.add_journal_entry(&bad).map_err(|e| e.code).err(),
        Some(ErrorCode::InvalidCorrection)
    );
}

#[test]
fn journal_entries_check_their_references() {
    let mut l = demo();
    let f041 = l
        .invoice_by_number("F-2026-041")
        .unwrap_or_else(|e| panic!("{e}"))
        .id;
    let wrong_client = JournalInput {
        client_id: 2,
        invoice_id: Some(f041),
        date: "2026-11-23".into(),
        kind: "promise".into(),
        promise_date: Some("2026-11-30".into()),
        ..Default::default()
    };
    assert_eq!(
        l.add_journal_entry(&wrong_client).map_err(|e| e.code).err(),
        Some(ErrorCode::ClientMismatch)
    );
    let unknown = JournalInput {
        client_id: 42,
        invoice_id: None,
        ..wrong_client
    };
    assert_eq!(
        l.add_journal_entry(&unknown).map_err(|e| e.code).err(),
        Some(ErrorCode::ClientNotFound)
    );
}

#[test]
fn a_database_on_disk_keeps_everything_across_reopening() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("livres").join("tact.sqlite3");
    let exported = {
        let mut l = Ledger::open(&path).unwrap_or_else(|e| panic!("{e}"));
        l.load_demo().unwrap_or_else(|e| panic!("{e}"));
        l.export().unwrap_or_else(|e| panic!("{e}"))
    };
    let l = Ledger::open(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.export().unwrap_or_else(|e| panic!("{e}")), exported);
    assert!(l.open_report().backup.is_none(), "no migration, no backup");
}

#[test]
fn the_agenda_lists_the_most_urgent_clients_first_a_page_at_a_time() {
    let l = demo();
    let page = l
        .overdue_clients(d("2026-11-23"), 0, 2)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.total, 4);
    let names: Vec<&str> = page.rows.iter().map(|r| r.client.name.as_str()).collect();
    assert_eq!(names, ["Boulangerie Petitjean", "Studio Nova SAS"]);
    let rest = l
        .overdue_clients(d("2026-11-23"), 2, 2)
        .unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = rest.rows.iter().map(|r| r.client.name.as_str()).collect();
    assert_eq!(names, ["Agence Lumière SARL", "M. Julien Roche"]);
    // Before the first due date nobody is late.
    assert_eq!(
        l.overdue_clients(d("2026-09-15"), 0, 10)
            .map(|p| p.total)
            .ok(),
        Some(0)
    );
}

#[test]
fn list_pages_sort_and_count_in_rust() {
    use tact_core::ledger::{ClientSort, InvoiceSort};
    let l = demo();
    let q = InvoiceQuery {
        sort: InvoiceSort::Balance,
        descending: true,
        limit: 3,
        ..Default::default()
    };
    let page = l
        .invoice_page(d("2026-11-23"), &q)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.total, 15);
    let numbers: Vec<&str> = page
        .rows
        .iter()
        .map(|r| r.invoice.number.as_str())
        .collect();
    assert_eq!(numbers, ["F-2026-041", "F-2026-039", "F-2026-049"]);
    // 30 days or more: F-2026-028 (69 d) and F-2026-033 (54 d); F-2026-039 is 29 days past due (and disputed).
    let q = InvoiceQuery {
        min_days_late: Some(30),
        ..Default::default()
    };
    let page = l
        .invoice_page(d("2026-11-23"), &q)
        .unwrap_or_else(|e| panic!("{e}"));
    let numbers: Vec<&str> = page
        .rows
        .iter()
        .map(|r| r.invoice.number.as_str())
        .collect();
    assert_eq!(numbers, ["F-2026-028", "F-2026-033"]);
    let q = ClientQuery {
        search: Some("lyon".into()),
        sort: ClientSort::Overdue,
        descending: true,
        ..Default::default()
    };
    let page = l
        .client_page(d("2026-11-23"), &q)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.total, 5);
    assert_eq!(page.rows[0].client.name, "Agence Lumière SARL");
    let q = ClientQuery {
        offset: 4,
        limit: 10,
        ..Default::default()
    };
    assert_eq!(
        l.client_page(d("2026-11-23"), &q)
            .map(|p| p.rows.len())
            .ok(),
        Some(1)
    );
}

#[test]
fn invoice_search_matches_number_client_and_description() {
    let l = demo();
    let numbers = |search: &str| -> Vec<String> {
        let q = InvoiceQuery {
            search: Some(search.into()),
            limit: 500,
            ..Default::default()
        };
        let mut n: Vec<String> = l
            .invoice_page(d("2026-11-23"), &q)
            .unwrap_or_else(|e| panic!("{e}"))
            .rows
            .into_iter()
            .map(|r| r.invoice.number)
            .collect();
        n.sort();
        n
    };
    assert_eq!(
        numbers("f-2026-04"),
        ["F-2026-041", "F-2026-047", "F-2026-049"]
    );
    assert_eq!(numbers("PETITJEAN"), ["F-2025-018", "F-2026-028"]);
    assert_eq!(numbers("logo"), ["F-2026-039"]);
    // What users type is literal: % and _ are not wildcards.
    assert!(numbers("%").is_empty());
    assert!(numbers("F_2026").is_empty());
    // The client page's invoices and standing come from that client alone.
    let detail = l
        .client_detail(4, d("2026-11-23"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(detail.invoices.len(), 2);
    assert_eq!(detail.standing.overdue_total, eur("300.00"));
    assert_eq!(detail.standing.disputed_total, eur("1150.00"));
}

#[test]
fn an_export_keeps_the_policy_and_the_client_overrides() {
    use tact_core::engine::{ClientOverrides, Policy};
    let mut l = demo();
    let p = Policy {
        min_gap_days: 10,
        ..Policy::default()
    };
    l.set_policy(&p).unwrap_or_else(|e| panic!("{e}"));
    l.postpone(1, "30/11/2026", d("2026-11-23"))
        .unwrap_or_else(|e| panic!("{e}"));
    let exported = l.export().unwrap_or_else(|e| panic!("{e}"));
    let json = serde_json::to_string(&exported).unwrap_or_default();
    let mut copy = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    copy.import_json(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(copy.policy().ok(), Some(p));
    assert_eq!(
        copy.overrides(1).ok(),
        Some(ClientOverrides {
            pause_until: Some(d("2026-11-30")),
            always_call_first: false
        })
    );
    assert_eq!(copy.export().ok(), Some(exported));
}

#[test]
fn penalties_of_the_example_clients_on_23_november() {
    let l = demo();
    let today = d("2026-11-23");
    // Boulangerie Petitjean: 450 € due 15/09/2026, 69 days in 2026 H2 at 12,15 % (ECB of 1 July unconfirmed).
    let p = l.penalties(2, today).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (p.principal, p.interest, p.indemnities, p.total),
        (eur("450.00"), eur("10.34"), eur("40.00"), eur("500.34"))
    );
    assert_eq!(p.invoices[0].prescription, d("2031-09-15"));
    assert!(p.warnings.iter().any(|w| w.code == "ecb_rate_unconfirmed"));
    // Studio Nova: only the undisputed F-2026-033: 12 days on 600 €, then 42 days on 300 € after the payment.
    let nova = l.penalties(4, today).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(nova.invoices.len(), 1);
    let segs: Vec<(i64, Money, Money)> = nova.invoices[0]
        .accrual
        .segments
        .iter()
        .map(|s| (s.days, s.base, s.amount))
        .collect();
    assert_eq!(
        segs,
        [
            (12, eur("600.00"), eur("2.40")),
            (42, eur("300.00"), eur("4.19"))
        ]
    );
    // M. Roche, a consumer with no mise en demeure: nothing beyond the principal, and never a fee.
    let roche = l.penalties(3, today).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (roche.interest, roche.indemnities, roche.total),
        (Money::ZERO, Money::ZERO, eur("320.00"))
    );
}

#[test]
fn rates_entered_in_settings_confirm_or_change_the_penalties() {
    use tact_core::legal::{EcbRateInput, LegalRateInput};
    let mut l = demo();
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_else(|| panic!("date"));
    let unconfirmed = |l: &Ledger| {
        l.penalties(2, monday)
            .unwrap_or_else(|e| panic!("{e}"))
            .warnings
            .iter()
            .any(|w| w.code == "ecb_rate_unconfirmed")
    };
    assert!(unconfirmed(&l), "2026 H2 is not in the shipped table");
    // Confirming the rate in force on 1 July 2026 removes the warning and keeps the amount.
    l.add_ecb_rate(&EcbRateInput {
        from: "01/07/2026".into(),
        rate: "2,15".into(),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(!unconfirmed(&l));
    let p = l.penalties(2, monday).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.interest, eur("10.34"));
    // A different published rate changes the penalties: 450 × 12,40 % × 69 / 365 = 10,55.
    l.add_ecb_rate(&EcbRateInput {
        from: "2026-07-01".into(),
        rate: "2,40 %".into(),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        l.penalties(2, monday)
            .unwrap_or_else(|e| panic!("{e}"))
            .interest,
        eur("10.55")
    );
    // Bad input names the field and changes nothing.
    let e = l
        .add_ecb_rate(&EcbRateInput {
            from: "31/02/2026".into(),
            rate: "2".into(),
        })
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.field.as_deref(), Some("from"));
    let e = l
        .add_legal_rate(&LegalRateInput {
            year: "2026".into(),
            half: "3".into(),
            private_creditor: "6,5".into(),
            other: "2,9".into(),
        })
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.field.as_deref(), Some("half"));
    let t = l
        .add_legal_rate(&LegalRateInput {
            year: "2026".into(),
            half: "2".into(),
            private_creditor: "6,50".into(),
            other: "2,90".into(),
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(t.legal.iter().any(|r| r.year == 2026 && r.half == 2));
    // Back to the shipped tables.
    l.reset_rates().unwrap_or_else(|e| panic!("{e}"));
    assert!(unconfirmed(&l));
    assert_eq!(
        l.penalties(2, monday)
            .unwrap_or_else(|e| panic!("{e}"))
            .interest,
        eur("10.34")
    );
}

#[test]
fn an_invoice_number_with_an_invisible_character_is_not_a_new_number() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    let existing = l
        .invoice_by_number("F-2026-041")
        .unwrap_or_else(|e| panic!("{e}"));
    let before = l
        .invoice_rows(d("2026-11-23"), &Default::default())
        .map(|r| r.len())
        .ok();
    let err = l
        .add_invoice(&InvoiceInput {
            number: "F-2026\u{200B}-041".into(),
            client_id: existing.client_id,
            issue_date: "23/11/2026".into(),
            amount: "100".into(),
            ..Default::default()
        })
        .expect_err("a look-alike number is refused");
    assert_eq!(err.code, ErrorCode::ControlCharacters);
    assert_eq!(err.field.as_deref(), Some("number"));
    assert_eq!(
        l.invoice_rows(d("2026-11-23"), &Default::default())
            .map(|r| r.len())
            .ok(),
        before
    );
}

#[test]
fn the_invoice_form_suggests_the_next_number_of_the_series() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.next_invoice_number(d("2026-11-23")), Ok(None));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    // The latest issued is F-2026-047 (06/11), but F-2026-049 exists: the sequence goes on after it.
    assert_eq!(
        l.next_invoice_number(d("2026-11-23"))
            .ok()
            .flatten()
            .as_deref(),
        Some("F-2026-050")
    );
    let client_id = l
        .clients()
        .unwrap_or_else(|e| panic!("{e}"))
        .first()
        .map(|c| c.id)
        .unwrap_or_default();
    l.add_invoice(&InvoiceInput {
        number: "F-2026-050".into(),
        client_id,
        issue_date: "23/11/2026".into(),
        amount: "100".into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        l.next_invoice_number(d("2026-11-23"))
            .ok()
            .flatten()
            .as_deref(),
        Some("F-2026-051")
    );
    // On 4 January the year's own series starts.
    assert_eq!(
        l.next_invoice_number(d("2027-01-04"))
            .ok()
            .flatten()
            .as_deref(),
        Some("F-2027-001")
    );
}

#[test]
fn the_invoice_list_opens_on_what_needs_attention_with_the_totals_of_the_whole_list() {
    use tact_core::ledger::InvoiceSort;
    let l = demo();
    let today = d("2026-11-23");
    let q = InvoiceQuery {
        sort: InvoiceSort::Attention,
        limit: 4,
        ..Default::default()
    };
    let page = l.invoice_page(today, &q).unwrap_or_else(|e| panic!("{e}"));
    let all = l
        .invoice_rows(
            today,
            &InvoiceQuery {
                sort: InvoiceSort::Attention,
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.total as usize, all.len());
    assert_eq!(page.rows.len(), 4);
    // Overdue first, the latest first; then the disputed; then what is not yet due; the settled last.
    let rank = |s: InvoiceStatus| match s {
        InvoiceStatus::Overdue => 0,
        InvoiceStatus::Disputed => 1,
        InvoiceStatus::Open | InvoiceStatus::PartiallyPaid => 2,
        _ => 3,
    };
    assert!(
        all.windows(2)
            .all(|w| rank(w[0].status) <= rank(w[1].status)),
        "{:?}",
        all.iter()
            .map(|r| (&r.invoice.number, r.status))
            .collect::<Vec<_>>()
    );
    assert_eq!(page.rows[0].invoice.number, "F-2026-028");
    let overdue: Vec<i64> = all
        .iter()
        .filter(|r| r.status == InvoiceStatus::Overdue)
        .filter_map(|r| r.days_late)
        .collect();
    assert!(overdue.windows(2).all(|w| w[0] >= w[1]), "{overdue:?}");
    assert_eq!(
        all.last().map(|r| rank(r.status)),
        Some(3),
        "a paid invoice closes the list"
    );
    // The totals are those of every matching invoice, not of the page.
    let sum = |f: fn(&tact_core::ledger::InvoiceRow) -> Money| {
        Money::sum(all.iter().map(f)).unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(page.amount, sum(|r| r.invoice.amount));
    assert_eq!(page.balance, sum(|r| r.balance));
    assert!(page.balance < page.amount && page.balance.is_positive());
    // And they follow the filters.
    let overdue_page = l
        .invoice_page(
            today,
            &InvoiceQuery {
                status: Some(InvoiceStatus::Overdue),
                limit: 1,
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let overdue_balance = Money::sum(
        all.iter()
            .filter(|r| r.status == InvoiceStatus::Overdue)
            .map(|r| r.balance),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(overdue_page.balance, overdue_balance);
}

#[test]
fn an_invoice_is_found_by_its_amount_or_what_is_left_to_pay() {
    let l = demo();
    let found = |text: &str| -> Vec<String> {
        l.invoice_rows(
            d("2026-11-23"),
            &InvoiceQuery {
                search: Some(text.into()),
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|r| r.invoice.number)
        .collect()
    };
    // Its amount including VAT, as a person types it.
    assert_eq!(found("1 150,00"), ["F-2026-039"]);
    assert_eq!(found("1150"), ["F-2026-039"]);
    // What is left to pay on a partly paid invoice (600 € of which 300 € paid).
    assert_eq!(found("300,00 €"), ["F-2026-033"]);
    // The text search still works beside it.
    assert_eq!(found("F-2026-047"), ["F-2026-047"]);
    assert!(found("1 234 567,89").is_empty());
}

#[test]
fn a_payment_recorded_by_mistake_is_reversed_and_its_invoices_are_owed_again() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let c = client(&mut l, "Client");
    let f1 = invoice(&mut l, c, "F-1", "2026-09-01", "300"); // due 01/10
    let today = d("2026-11-23");
    let owed = |l: &Ledger| {
        let s = &l.standings(today).unwrap_or_else(|e| panic!("{e}"))[0];
        (s.balance, s.credit)
    };
    // Typed twice: the second payment of 300 € settles F-1 a second time? No: it becomes client credit.
    let pay = |l: &mut Ledger| {
        l.record_payment(&PaymentInput {
            client_id: c,
            date: "2026-11-20".into(),
            amount: "350".into(),
            method: "virement".into(),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"))
    };
    let p = pay(&mut l);
    assert_eq!(owed(&l), (Money::ZERO, eur("50.00")));
    let before = l.journal(c).unwrap_or_else(|e| panic!("{e}")).len();

    let reversed = l
        .reverse_payment(p.id, Some("saisi sur le mauvais client"), today)
        .unwrap_or_else(|e| panic!("{e}"));
    // The invoice is owed again, the credit is gone; the payment stays in the books, marked.
    assert_eq!(owed(&l), (eur("300.00"), Money::ZERO));
    let row = l
        .invoice_rows(today, &InvoiceQuery::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|r| r.invoice.id == f1)
        .unwrap_or_else(|| panic!("F-1"));
    assert_eq!(
        (row.status, row.balance),
        (InvoiceStatus::Overdue, eur("300.00"))
    );
    assert_eq!(reversed.reversed.as_ref().map(|r| r.date), Some(today));
    assert_eq!(
        reversed.allocations, p.allocations,
        "what it had settled is kept"
    );
    assert!(l
        .payments(Some(c))
        .unwrap_or_else(|e| panic!("{e}"))
        .is_empty());

    // The history keeps the payment's entry, corrected by a note that says what happened.
    let journal = l.journal(c).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(journal.len(), before + 1);
    let recorded = journal
        .iter()
        .find(|v| v.entry.kind.code() == "payment_recorded")
        .unwrap_or_else(|| panic!("payment entry kept"));
    let note = journal
        .iter()
        .find(|v| Some(v.entry.id) == recorded.corrected_by)
        .unwrap_or_else(|| panic!("the reversal corrects the payment's entry"));
    assert_eq!(
        note.entry.text.as_deref(),
        Some(
            "Règlement de 350,00\u{a0}€ reçu par virement le 20/11/2026 annulé (saisi sur le mauvais client)\u{a0}: \
             300,00\u{a0}€ de nouveau dus sur F-1, 50,00\u{a0}€ retirés de l'avoir client."
        )
    );
    assert_eq!((note.entry.date, note.entry.channel), (today, None));

    // Twice is refused, and so is spreading its credit: nothing written.
    let err = l
        .reverse_payment(p.id, None, today)
        .expect_err("already reversed");
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::PaymentReversed, Some("payment_id"))
    );
    assert!(err.message.contains("23/11/2026"), "{}", err.message);
    let err = l
        .allocate_credit(
            p.id,
            &[AllocationInput {
                invoice_id: f1,
                amount: "10".into(),
            }],
        )
        .expect_err("a reversed payment settles nothing");
    assert_eq!(err.code, ErrorCode::PaymentReversed);
    assert_eq!(
        l.journal(c).unwrap_or_else(|e| panic!("{e}")).len(),
        before + 1
    );

    // The right payment then settles the invoice as if the mistake had never been.
    pay(&mut l);
    assert_eq!(owed(&l), (Money::ZERO, eur("50.00")));

    // An export keeps the reversed payment and its reversal; the import gives back the same books.
    let data = l.export().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(data.version, 3);
    assert_eq!(data.payments.len(), 2);
    let mut copy = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    copy.import(&data).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(copy.export().unwrap_or_else(|e| panic!("{e}")), data);
    assert_eq!(owed(&copy), (Money::ZERO, eur("50.00")));

    // An unknown payment is named.
    let err = l.reverse_payment(999, None, today).expect_err("unknown");
    assert_eq!(err.code, ErrorCode::PaymentNotFound);
}
