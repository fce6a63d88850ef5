//! « Tableau de bord » against figures computed by hand: a small ledger built for each rule (countback DSO over
//! months of different lengths, a partial payment, a credit note, a calendar, a broken promise) and the example
//! data as of 23/11/2026.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use tact_core::dashboard::{self, AgeBucket, Dashboard, Expected, Owing, ReportKind, Selection};
use tact_core::input::{
    AllocationInput, ClientInput, CreditNoteInput, InvoiceInput, JournalInput, PaymentInput,
};
use tact_core::money::Money;
use tact_core::plans::PlanInput;
use tact_core::Ledger;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn eur(s: &str) -> Money {
    Money::parse_canonical(s).unwrap_or_else(|| panic!("{s}"))
}

fn days(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap_or_else(|e| panic!("{s}: {e}")))
}

fn new_client(l: &mut Ledger, name: &str) -> i64 {
    l.add_client(&ClientInput {
        kind: "professional".into(),
        name: name.into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"))
    .id
}

fn invoice(
    l: &mut Ledger,
    client: i64,
    number: &str,
    issued: &str,
    due: &str,
    amount: &str,
) -> i64 {
    l.add_invoice(&InvoiceInput {
        number: number.into(),
        client_id: client,
        issue_date: issued.into(),
        due_date: Some(due.into()),
        amount: amount.into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"))
    .record
    .id
}

fn pay(l: &mut Ledger, client: i64, invoice: i64, date: &str, amount: &str) {
    l.record_payment(&PaymentInput {
        client_id: client,
        date: date.into(),
        amount: amount.into(),
        method: "virement".into(),
        allocations: Some(vec![AllocationInput {
            invoice_id: invoice,
            amount: amount.into(),
        }]),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
}

fn board(l: &Ledger, today: &str) -> Dashboard {
    l.dashboard(d(today)).unwrap_or_else(|e| panic!("{e}"))
}

fn demo() -> Ledger {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    l
}

fn client_id(l: &Ledger, name: &str) -> i64 {
    l.clients()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .unwrap_or_else(|| panic!("{name}"))
}

fn numbers(l: &Ledger, selection: &Selection, today: &str) -> Vec<String> {
    let mut n: Vec<String> = l
        .dashboard_invoices(selection, d(today))
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|r| r.invoice.number)
        .collect();
    n.sort();
    n
}

/// A 1 000 € issued 10/09, B 2 000 € 15/10 with 1 200 € paid 20/11, C 3 000 € 05/11 with a 300 € credit note:
/// 4 500 € owed on 30/11. November's sales net of the credit note (2 700 €) cover 30 days; the 1 800 € left are
/// 1 800/2 000 of October's 31 days: 30 + 27,9 = 57,9 days.
#[test]
fn countback_dso_with_a_partial_payment_and_a_credit_note() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let c = new_client(&mut l, "Atelier Bleu");
    invoice(&mut l, c, "A", "2026-09-10", "2026-10-10", "1000");
    let b = invoice(&mut l, c, "B", "2026-10-15", "2026-11-14", "2000");
    let cc = invoice(&mut l, c, "C", "2026-11-05", "2026-12-05", "3000");
    pay(&mut l, c, b, "2026-11-20", "1200");
    l.add_credit_note(&CreditNoteInput {
        number: "AV-1".into(),
        invoice_id: cc,
        date: "2026-11-12".into(),
        amount: "300".into(),
        reason: Some("Remise convenue".into()),
    })
    .unwrap_or_else(|e| panic!("{e}"));

    let dso = board(&l, "2026-11-30").dso;
    assert_eq!(dso.current.receivables, eur("4500.00"));
    assert_eq!(dso.current.days, days("57.9"));
    // The trend, month-end by month-end: 31/10 owed A + B = 3 000 €, October's 2 000 € cover 31 days and the
    // last 1 000 € all of September's 30: 61,0. 30/09: A alone, 30,0. 31/08: nothing invoiced yet.
    let at = |on: &str| {
        dso.months
            .iter()
            .find(|p| p.on == d(on))
            .unwrap_or_else(|| panic!("{on}"))
            .days
    };
    assert_eq!(dso.months.len(), 12);
    assert_eq!(dso.months.last().map(|p| p.on), Some(d("2026-10-31")));
    assert_eq!(at("2026-10-31"), days("61.0"));
    assert_eq!(at("2026-09-30"), days("30.0"));
    assert_eq!(at("2026-08-31"), None);
    assert!(dso.method.contains("countback"), "{}", dso.method);
}

/// February has 28 days: 1 000 € issued 15/01/2027 and 1 000 € 10/02/2027 owed on 28/02/2027 are February's 28
/// days plus the whole of January's 31 (59,0); once 500 € of January's invoice are paid, half of them (43,5).
#[test]
fn countback_dso_counts_each_month_with_its_own_length() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let c = new_client(&mut l, "Atelier Bleu");
    let jan = invoice(&mut l, c, "J", "2027-01-15", "2027-02-14", "1000");
    invoice(&mut l, c, "F", "2027-02-10", "2027-03-12", "1000");
    assert_eq!(board(&l, "2027-02-28").dso.current.days, days("59.0"));
    pay(&mut l, c, jan, "2027-02-20", "500");
    assert_eq!(board(&l, "2027-02-28").dso.current.days, days("43.5"));
}

#[test]
fn the_example_data_as_of_23_november() {
    let l = demo();
    let b = board(&l, "2026-11-23");
    let o = &b.owed;
    // Six invoices owed: four overdue (Lumière 2 400, Petitjean 450, Roche 320, Nova F-033 300), Nova's F-039
    // contested, Café des Arts' not yet due.
    assert_eq!((o.total.amount, o.total.count), (eur("5400.00"), 6));
    assert_eq!((o.overdue.amount, o.overdue.count), (eur("3470.00"), 4));
    assert_eq!((o.disputed.amount, o.disputed.count), (eur("1150.00"), 1));
    assert_eq!((o.not_due.amount, o.not_due.count), (eur("780.00"), 1));
    assert_eq!((o.under_plan.amount, o.under_plan.count), (Money::ZERO, 0));
    let sum = Money::sum([
        o.overdue.amount,
        o.disputed.amount,
        o.not_due.amount,
        o.under_plan.amount,
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sum, o.total.amount);

    // Aging: 1–30 days holds Lumière (23 days), Roche (3) and Nova's contested F-039 (29).
    let totals: Vec<(Money, u32)> = b.aging.totals.iter().map(|f| (f.amount, f.count)).collect();
    assert_eq!(
        totals,
        vec![
            (eur("780.00"), 1),
            (eur("3870.00"), 3),
            (eur("300.00"), 1),
            (eur("450.00"), 1),
            (Money::ZERO, 0)
        ]
    );
    let rows: Vec<(&str, Money)> = b
        .aging
        .rows
        .iter()
        .map(|r| (r.client_name.as_str(), r.total.amount))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Agence Lumière SARL", eur("2400.00")),
            ("Studio Nova SAS", eur("1450.00")),
            ("Café des Arts", eur("780.00")),
            ("Boulangerie Petitjean", eur("450.00")),
            ("M. Julien Roche", eur("320.00")),
        ]
    );

    // Every figure opens the invoices behind it.
    assert_eq!(
        numbers(&l, &o.overdue.selection, "2026-11-23"),
        vec!["F-2026-028", "F-2026-033", "F-2026-041", "F-2026-047"]
    );
    assert_eq!(
        numbers(&l, &o.disputed.selection, "2026-11-23"),
        vec!["F-2026-039"]
    );
    let days_31_60 = &b.aging.totals[1 + 1];
    assert_eq!(days_31_60.selection.bucket, Some(AgeBucket::Days31To60));
    assert_eq!(
        numbers(&l, &days_31_60.selection, "2026-11-23"),
        vec!["F-2026-033"]
    );
    let nova = &b.aging.rows[1];
    assert_eq!(
        numbers(&l, &nova.total.selection, "2026-11-23"),
        vec!["F-2026-033", "F-2026-039"]
    );

    // The three riskiest balances, each with its reason.
    assert_eq!(b.risks.len(), 3);
    assert!(b.risks.iter().all(|r| !r.profile.why.is_empty()));
    assert!(b
        .risks
        .iter()
        .any(|r| r.client_name == "Boulangerie Petitjean"));
}

/// Countback on the example data: November's 320 € (23 days) then October's 3 180 € (31 days), September's
/// 1 150 € (30 days) and 750 € of August's 1 050 € (31 × 750/1 050 = 22,14): 106,1 days.
#[test]
fn the_example_dso() {
    let b = board(&demo(), "2026-11-23");
    assert_eq!(b.dso.current.receivables, eur("5400.00"));
    assert_eq!(b.dso.current.days, days("106.1"));
    assert_eq!(b.dso.late.len(), 12);
}

/// Boulangerie Petitjean: F-2026-028 is 69 days late and its promise of 13/11 was broken; the client page said
/// « 100 % à l'heure ». The profile says what is late now and the broken promise, and the engine's good-payer
/// rule gives the same answer.
#[test]
fn a_broken_promise_and_a_late_invoice_weigh_on_the_payer_profile() {
    let l = demo();
    let id = client_id(&l, "Boulangerie Petitjean");
    let profiles = l
        .payer_profiles(&[id], d("2026-11-23"))
        .unwrap_or_else(|e| panic!("{e}"));
    let p = &profiles[&id];
    assert_eq!(p.promises_broken, 1, "{p:?}");
    assert_eq!(p.max_days_late_now, Some(69));
    assert!(!p.good_payer);
    assert!(p.why.contains("69"), "{}", p.why);
    assert!(p.why.contains("promesse"), "{}", p.why);
    assert!(!p.why.contains("100"), "{}", p.why);
    let lumiere = client_id(&l, "Agence Lumière SARL");
    let board = board(&l, "2026-11-23");
    let on_board = board
        .payers
        .iter()
        .find(|q| q.client_id == id)
        .unwrap_or_else(|| panic!("Petitjean"));
    assert_eq!(
        on_board, p,
        "the dashboard and the client page: one computation"
    );
    let lumiere_profile = board
        .payers
        .iter()
        .find(|q| q.client_id == lumiere)
        .unwrap_or_else(|| panic!("Lumière"));
    assert!(
        lumiere_profile.score > p.score,
        "eight invoices paid on time rank above a broken promise: {lumiere_profile:?} / {p:?}"
    );
    // The weakest payer first.
    assert!(board
        .payers
        .windows(2)
        .all(|w| w[0].score <= w[1].score || w[1].score.is_none()));
}

#[test]
fn a_promise_is_placed_on_its_date_and_then_falls_to_the_overdue() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let c = new_client(&mut l, "Atelier Bleu");
    invoice(&mut l, c, "P-1", "2026-10-01", "2026-10-31", "600");
    l.add_journal_entry(&JournalInput {
        client_id: c,
        date: "2026-11-20".into(),
        kind: "promise".into(),
        promise_date: Some("2026-12-04".into()),
        promise_amount: Some("600".into()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let f = board(&l, "2026-11-23").forecast;
    let item = f
        .items
        .iter()
        .find(|i| i.kind == Expected::Promise)
        .unwrap_or_else(|| panic!("{f:?}"));
    assert_eq!((item.amount, item.likely), (eur("600.00"), d("2026-12-04")));
    assert_eq!(
        f.overdue.amount,
        Money::ZERO,
        "a promise running is counted on its date"
    );
    assert_eq!(f.horizon, d("2026-12-15"));
    assert_eq!(f.likely_by_horizon, eur("600.00"));

    // Past its grace the promise is broken: the amount goes back to the overdue mass, with no date.
    let later = board(&l, "2026-12-20").forecast;
    assert!(later.items.iter().all(|i| i.kind != Expected::Promise));
    assert_eq!(later.overdue.amount, eur("600.00"));
    assert_eq!(later.likely_by_horizon, Money::ZERO);
}

/// Café des Arts' F-2026-049 (780 €, due 28/11) from a client with no payment yet: expected on its due date.
/// Lumière's 2 400 € under a calendar of three 800 € instalments from 05/12: each instalment on its date, the
/// invoice not counted twice, « Sous échéancier » in the owed figures.
#[test]
fn the_forecast_with_a_calendar_and_an_invoice_not_yet_due() {
    let mut l = demo();
    let lumiere = client_id(&l, "Agence Lumière SARL");
    let plan = l
        .propose_plan(
            &PlanInput {
                client_id: lumiere,
                instalments: "3".into(),
                frequency: "month".into(),
                first_date: "05/12/2026".into(),
                penalties: "waive".into(),
                ..PlanInput::default()
            },
            d("2026-11-23"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    l.sign_plan(plan.plan.id, "24/11/2026", d("2026-11-24"))
        .unwrap_or_else(|e| panic!("{e}"));
    let b = board(&l, "2026-11-25");
    assert_eq!(
        (b.owed.under_plan.amount, b.owed.under_plan.count),
        (eur("2400.00"), 1)
    );
    assert_eq!(b.owed.under_plan.selection.owing, Some(Owing::UnderPlan));
    assert_eq!(
        numbers(&l, &b.owed.under_plan.selection, "2026-11-25"),
        vec!["F-2026-041"]
    );
    let f = &b.forecast;
    let instalments: Vec<(NaiveDate, Money)> = f
        .items
        .iter()
        .filter(|i| i.kind == Expected::Instalment)
        .map(|i| (i.likely, i.amount))
        .collect();
    assert_eq!(
        instalments,
        vec![
            (d("2026-12-05"), eur("800.00")),
            (d("2027-01-05"), eur("800.00")),
            (d("2027-02-05"), eur("800.00"))
        ]
    );
    assert!(f
        .items
        .iter()
        .all(|i| !(i.kind == Expected::Invoice && i.client_id == lumiere)));
    let cafe = f
        .items
        .iter()
        .find(|i| i.what == "F-2026-049")
        .unwrap_or_else(|| panic!("{f:?}"));
    assert_eq!(
        (cafe.due, cafe.likely, cafe.amount),
        (d("2026-11-28"), d("2026-11-28"), eur("780.00"))
    );
    // By 15/12: Café des Arts' 780 € and the first instalment.
    assert_eq!(f.likely_by_horizon, eur("1580.00"));
    assert!(
        f.sentence
            .starts_with("D'ici le 15\u{a0}décembre, vous pouvez raisonnablement compter sur"),
        "{}",
        f.sentence
    );
    assert!(
        f.sentence.contains("1\u{202f}580,00\u{a0}€"),
        "{}",
        f.sentence
    );
    assert_eq!(f.weeks.len(), 8);
    assert_eq!(f.months.len(), 6);
    let in_weeks = Money::sum(f.weeks.iter().map(|w| w.likely)).unwrap_or_else(|e| panic!("{e}"));
    let in_items = Money::sum(
        f.items
            .iter()
            .filter(|i| i.likely <= f.weeks[7].end)
            .map(|i| i.amount),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(in_weeks, in_items);
}

#[test]
fn a_written_off_invoice_counts_this_year_not_as_owed() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let c = new_client(&mut l, "Atelier Bleu");
    let inv = invoice(&mut l, c, "W-1", "2026-01-10", "2026-02-09", "250");
    l.add_journal_entry(&JournalInput {
        client_id: c,
        invoice_id: Some(inv),
        date: "2026-10-01".into(),
        kind: "write_off".into(),
        text: Some("Client disparu".into()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let b = board(&l, "2026-11-23");
    assert_eq!(b.owed.total.amount, Money::ZERO);
    assert_eq!(
        (
            b.owed.written_off_this_year.amount,
            b.owed.written_off_this_year.count
        ),
        (eur("250.00"), 1)
    );
    assert_eq!(
        numbers(&l, &b.owed.written_off_this_year.selection, "2026-11-23"),
        vec!["W-1"]
    );
    // Next year it no longer counts as this year's.
    assert_eq!(board(&l, "2027-01-05").owed.written_off_this_year.count, 0);
}

/// The CSV opens as is in a French Excel: UTF-8 BOM, `;`, decimal comma, CRLF, a header naming the columns.
#[test]
fn the_aging_csv_follows_french_excel_conventions() {
    let b = board(&demo(), "2026-11-23");
    let csv = dashboard::csv(ReportKind::Aging, &b);
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(lines[0].starts_with("Client;"), "{}", lines[0]);
    assert!(lines[0].contains("31 à 60 jours"), "{}", lines[0]);
    let lumiere = lines
        .iter()
        .find(|l| l.starts_with("Agence Lumière SARL;"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(lumiere.contains(";2400,00"), "{lumiere}");
    assert!(!csv.replace("\r\n", "").contains('\n'), "CRLF only");
    let total = lines
        .iter()
        .find(|l| l.starts_with("Total"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(total.contains(";5400,00"), "{total}");
    for kind in [ReportKind::Dso, ReportKind::Forecast, ReportKind::Payers] {
        let c = dashboard::csv(kind, &b);
        assert!(
            c.starts_with('\u{feff}') && c.contains("\r\n") && c.contains(';'),
            "{kind:?}"
        );
    }
}

/// A client who paid one invoice on time and another 10 days late: its next invoice, due 10/12, is likely on
/// 15/12 (the average delay, 5 days), as early as 10/12 and as late as 20/12.
#[test]
fn the_clients_own_delay_places_an_invoice_and_gives_the_range() {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let c = new_client(&mut l, "Atelier Bleu");
    let a = invoice(&mut l, c, "H-1", "2026-08-01", "2026-08-31", "100");
    let b = invoice(&mut l, c, "H-2", "2026-09-01", "2026-10-01", "100");
    pay(&mut l, c, a, "2026-08-31", "100");
    pay(&mut l, c, b, "2026-10-11", "100");
    invoice(&mut l, c, "H-3", "2026-11-10", "2026-12-10", "500");
    invoice(&mut l, c, "H-4", "2026-11-20", "2026-12-12", "300");
    let f = board(&l, "2026-11-23").forecast;
    let h3 = f
        .items
        .iter()
        .find(|i| i.what == "H-3")
        .unwrap_or_else(|| panic!("{f:?}"));
    assert_eq!(
        (h3.earliest, h3.likely, h3.latest),
        (d("2026-12-10"), d("2026-12-15"), d("2026-12-20"))
    );
    // By 15/12, H-3 likely; H-4 (likely 17/12) only at best.
    assert_eq!(
        (f.likely_by_horizon, f.best_by_horizon),
        (eur("500.00"), eur("800.00"))
    );
    assert!(
        f.sentence
            .contains("500,00\u{a0}€ (800,00\u{a0}€ au mieux)."),
        "{}",
        f.sentence
    );
    // Already in this month: the payment of 11/10 is not November's.
    assert_eq!(f.received_this_month, Money::ZERO);
    assert_eq!(
        board(&l, "2026-10-20").forecast.received_this_month,
        eur("100.00")
    );
}

/// The agenda, the lists and the dashboard share one read of the books; a write here, or by another process on
/// the same file (the CLI while the app is open), is seen at once.
#[test]
fn the_shared_read_of_the_books_follows_every_write() {
    let dir = std::env::temp_dir().join(format!("tact-dashboard-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("tact.sqlite3");
    let mut app = Ledger::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let c = new_client(&mut app, "Atelier Bleu");
    invoice(&mut app, c, "S-1", "2026-10-01", "2026-10-31", "100");
    assert_eq!(board(&app, "2026-11-23").owed.total.amount, eur("100.00"));
    // Written by this connection.
    invoice(&mut app, c, "S-2", "2026-10-02", "2026-11-01", "50");
    assert_eq!(board(&app, "2026-11-23").owed.overdue.amount, eur("150.00"));
    // Written by another connection (another process).
    let mut cli = Ledger::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let s1 = cli
        .invoice_by_number("S-1")
        .unwrap_or_else(|e| panic!("{e}"))
        .id;
    pay(&mut cli, c, s1, "2026-11-20", "100");
    drop(cli);
    let b = board(&app, "2026-11-23");
    assert_eq!(b.owed.total.amount, eur("50.00"));
    assert_eq!(
        numbers(&app, &b.owed.overdue.selection, "2026-11-23"),
        vec!["S-2"]
    );
    drop(app);
    let _ = std::fs::remove_dir_all(&dir);
}
