//! Benchmark: open a ledger of 5 000 clients, 100 000 invoices and 150 000 payments and compute every client's
//! balance and overdue state as of a date. Target: under 150 ms in release. Then, warm, the screens' queries and
//! the tact engine's suggestions for every client (target: under 200 ms). Last, a year of bank statements (5 000
//! credits) imported and matched against the same ledger (target: under 2 s), and the agenda while they wait.
//!
//!     cargo bench -p tact-core --bench ledger
//!
//! With `TACT_BENCH_GENERATE_ONLY=1` it only makes sure the ledger file exists and prints its path (`db: …`), for
//! the desktop benchmark (scripts/bench-desktop).
//!
//! The ledger is generated once (deterministically) through the real import path, then each measurement runs in
//! a fresh child process, so the reported peak memory (VmHWM) is that of opening and computing only.

// A benchmark computes sizes and timings on bounded numbers; the checked-arithmetic rule guards the app code.
#![allow(clippy::arithmetic_side_effects, clippy::unwrap_used)]

use chrono::{Days, NaiveDate};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use tact_core::exchange::{LedgerExport, FORMAT_NAME, FORMAT_VERSION};
use tact_core::model::{
    Allocation, Channel, Client, ClientKind, CollectiveProcedure, ContactChannel, Invoice,
    JournalEntry, JournalKind, Language, Payment, PaymentMethod, PaymentTerms, PostalContact,
};
use tact_core::money::Money;
use tact_core::Ledger;

const CLIENTS: i64 = 5_000;
const INVOICES: i64 = 100_000;
const PAYMENTS: usize = 150_000;
const RUNS: usize = 15;

/// A small deterministic generator (64-bit LCG): the same ledger on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn generate() -> LedgerExport {
    let mut rng = Lcg(2026);
    let start = NaiveDate::from_ymd_opt(2023, 1, 2).unwrap();
    let clients: Vec<Client> = (1..=CLIENTS)
        .map(|id| Client {
            id,
            kind: if id % 5 == 0 {
                ClientKind::Consumer
            } else {
                ClientKind::Professional
            },
            name: format!("Client {id:05}"),
            siren: None,
            contact_name: None,
            civility: None,
            contact: PostalContact {
                address_line1: Some(format!("{} rue de la République", id % 200 + 1)),
                address_line2: None,
                postcode: Some("69002".into()),
                city: Some("Lyon".into()),
                country: "France".into(),
                email: Some(format!("client{id}@exemple.fr")),
                phone: None,
            },
            preferred_channel: Channel::Email,
            language: Language::French,
            notes: None,
            client_since: None,
            collective_procedure: CollectiveProcedure::None,
            archived: false,
        })
        .collect();
    // Payments per invoice, repeating: 15 payments per 10 invoices = 150 000 for 100 000 invoices.
    const PATTERN: [usize; 10] = [0, 1, 2, 2, 1, 2, 3, 1, 2, 1];
    let mut invoices = Vec::with_capacity(INVOICES as usize);
    let mut payments = Vec::with_capacity(PAYMENTS);
    let mut journal = Vec::new();
    for id in 1..=INVOICES {
        let client_id = (id - 1) % CLIENTS + 1;
        let issue = start.checked_add_days(Days::new(rng.below(1_420))).unwrap();
        let terms = PaymentTerms::Days { days: 30 };
        let due = terms.due_date(issue);
        let cents = 5_000 + rng.below(495_000) as i64;
        invoices.push(Invoice {
            id,
            number: format!("F-{id:06}"),
            client_id,
            issue_date: issue,
            delivery_date: None,
            terms,
            due_date: due,
            amount: Money::from_cents(cents),
            amount_ht: None,
            vat: None,
            currency: "EUR".into(),
            description: Some("Prestation graphique".into()),
            penalty_rate: None,
        });
        let n = PATTERN[(id as usize - 1) % PATTERN.len()];
        let mut left = cents;
        for k in 0..n {
            // The last payment settles the rest; earlier ones pay part of it.
            let part = if k + 1 == n { left } else { left / 2 };
            left -= part;
            let date = due
                .checked_add_days(Days::new(rng.below(90)))
                .unwrap()
                .checked_sub_days(Days::new(25))
                .unwrap()
                .max(issue);
            payments.push(Payment {
                id: payments.len() as i64 + 1,
                client_id,
                date,
                amount: Money::from_cents(part),
                method: PaymentMethod::Transfer,
                reference: None,
                allocations: vec![Allocation {
                    invoice_id: id,
                    amount: Money::from_cents(part),
                }],
                reversed: None,
            });
        }
        // Reminders on some unpaid invoices, so that the engine reads a real history.
        if n == 0 && id % 20 != 0 && id % 3 == 0 {
            for (k, kind) in [
                (5, JournalKind::FriendlyReminder),
                (12, JournalKind::FirmReminder),
            ] {
                if k == 12 && id % 6 != 0 {
                    continue;
                }
                journal.push(JournalEntry {
                    id: journal.len() as i64 + 1,
                    client_id,
                    invoice_id: Some(id),
                    date: due.checked_add_days(Days::new(k)).unwrap(),
                    kind,
                    channel: Some(ContactChannel::Email),
                    call_outcome: None,
                    promise_date: None,
                    promise_amount: None,
                    text: None,
                    payment_id: None,
                    corrects: None,
                });
            }
        }
        if n == 0 && id % 20 == 0 {
            journal.push(JournalEntry {
                id: journal.len() as i64 + 1,
                client_id,
                invoice_id: Some(id),
                date: due.checked_add_days(Days::new(10)).unwrap(),
                kind: JournalKind::DisputeOpened,
                channel: Some(ContactChannel::Email),
                call_outcome: None,
                promise_date: None,
                promise_amount: None,
                text: Some("Travail contesté".into()),
                payment_id: None,
                corrects: None,
            });
        }
    }
    assert_eq!(payments.len(), PAYMENTS);
    LedgerExport {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        business: None,
        clients,
        invoices,
        payments,
        credit_notes: Vec::new(),
        journal,
        policy: None,
        overrides: Vec::new(),
        plans: Vec::new(),
        letters: Vec::new(),
        sources: Vec::new(),
        bank_lines: Vec::new(),
        bank_rules: Vec::new(),
    }
}

/// Child process: open the ledger, compute the standings, print "<ms> <vmhwm kB> <overdue clients>".
fn measure(path: &Path) {
    let t = Instant::now();
    let ledger = Ledger::open(path).unwrap();
    let standings = ledger.standings(as_of()).unwrap();
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let overdue = standings
        .iter()
        .filter(|s| s.overdue_total.is_positive())
        .count();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .unwrap_or(0);
    println!("{ms:.3} {hwm} {overdue}");
}

fn main() {
    if let Ok(path) = std::env::var("TACT_BENCH_MEASURE") {
        measure(Path::new(&path));
        return;
    }
    let dir = std::env::var_os("CARGO_TARGET_TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let path = dir.join(format!(
        "tact-bench-{CLIENTS}-{INVOICES}-{PAYMENTS}-v{}.sqlite3",
        tact_core::storage::latest_version()
    ));
    if !path.exists() {
        let t = Instant::now();
        let data = generate();
        let tmp = path.with_extension("tmp.sqlite3");
        let _ = std::fs::remove_file(&tmp);
        let mut ledger = Ledger::open(&tmp).unwrap();
        ledger.import(&data).unwrap();
        drop(ledger);
        std::fs::rename(&tmp, &path).unwrap();
        eprintln!(
            "generated {} in {:.1} s",
            path.display(),
            t.elapsed().as_secs_f64()
        );
    }
    println!("db: {}", path.display());
    // scripts/bench-desktop only needs the ledger file.
    if std::env::var_os("TACT_BENCH_GENERATE_ONLY").is_some() {
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let mut times = Vec::new();
    let mut peak = 0u64;
    let mut overdue = 0usize;
    for _ in 0..RUNS {
        let out = Command::new(&exe)
            .env("TACT_BENCH_MEASURE", &path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8_lossy(&out.stdout).to_string();
        let mut parts = line.split_whitespace();
        times.push(parts.next().unwrap().parse::<f64>().unwrap());
        peak = peak.max(parts.next().unwrap().parse().unwrap());
        overdue = parts.next().unwrap().parse().unwrap();
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "ledger/open+standings  {CLIENTS} clients, {INVOICES} invoices, {PAYMENTS} payments: median {median:.1} ms \
         (min {:.1}, max {:.1}, {RUNS} cold processes); peak memory {:.1} MiB; {overdue} clients with overdue invoices",
        times[0],
        times[times.len() - 1],
        peak as f64 / 1024.0
    );
    if median > 150.0 {
        println!("ABOVE TARGET: 150 ms");
    }
    lists(&path);
    bank(&path);
}

/// A year of bank statements (5 000 credits) imported and matched against the same ledger, on a copy of it
/// (target: under 2 s in release); then the agenda while those credits wait for review.
fn bank(path: &Path) {
    use tact_core::ledger::bank::CreditInput;
    use tact_core::ledger::{InvoiceQuery, InvoiceSort};
    use tact_core::model::InvoiceStatus;
    let copy = path.with_extension("bank.sqlite3");
    std::fs::copy(path, &copy).unwrap();
    let mut ledger = Ledger::open(&copy).unwrap();
    let day = as_of();
    let mut open = Vec::new();
    for page in 0..6 {
        let q = InvoiceQuery {
            status: Some(InvoiceStatus::Overdue),
            sort: InvoiceSort::Balance,
            offset: page * 500,
            limit: 500,
            ..Default::default()
        };
        open.extend(ledger.invoice_page(day, &q).unwrap().rows);
    }
    let mut rng = Lcg(16);
    let start = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
    let credits: Vec<CreditInput> = (0..5_000u64)
        .map(|i| {
            let inv = &open[(rng.below(open.len() as u64)) as usize];
            let (amount, label) = match i % 10 {
                0..=3 => (
                    inv.balance,
                    format!(
                        "VIR SEPA {} FACT {}",
                        inv.client_name.to_uppercase(),
                        inv.invoice.number.replace('-', " ")
                    ),
                ),
                4..=6 => (inv.balance, "VIREMENT RECU".to_owned()),
                _ => (
                    Money::from_cents(1_000 + rng.below(500_000) as i64),
                    format!("VIR INCONNU {i}"),
                ),
            };
            CreditInput {
                account: "FR7630004000031234567890143".into(),
                date: start.checked_add_days(Days::new(i % 358)).unwrap(),
                amount,
                label,
                payer: None,
                payer_iban: None,
                reference: None,
                bank_id: Some(format!("B{i:05}")),
                method: "virement".into(),
            }
        })
        .collect();
    let t = Instant::now();
    let report = ledger.import_bank_credits(&credits, day).unwrap();
    let review = ledger.bank_review(day).unwrap();
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let proposed = review.iter().filter(|r| !r.proposals.is_empty()).count();
    let sure = review
        .iter()
        .filter(|r| {
            r.proposals
                .first()
                .is_some_and(|p| p.confidence >= tact_core::reconcile::AUTO_CONFIDENCE)
        })
        .count();
    println!(
        "bank/import+match  {} credits against {INVOICES} invoices: {ms:.0} ms ({proposed} with a proposal, {sure} sure)",
        report.new
    );
    if ms > 2_000.0 {
        println!("ABOVE TARGET: 2 000 ms");
    }
    let t = Instant::now();
    let rows = ledger.agenda(day, 0, 25).unwrap().due.total;
    println!(
        "bank/agenda with {} credits to review: {:.0} ms ({rows} clients due)",
        review.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    drop(ledger);
    let _ = std::fs::remove_file(&copy);
}

/// The screens' list queries on the same ledger, warm (the app keeps the database open): each search keystroke
/// or page turn is one of these.
fn lists(path: &Path) {
    use tact_core::ledger::{ClientQuery, InvoiceQuery, InvoiceSort};
    use tact_core::model::InvoiceStatus;
    let ledger = Ledger::open(path).unwrap();
    let day = as_of();
    type Case<'a> = (&'static str, Box<dyn Fn() -> usize + 'a>);
    let cases: Vec<Case> = vec![
        (
            "suggestions, every client (target 200 ms)",
            Box::new(|| {
                ledger
                    .suggestions(day, &tact_core::engine::Policy::default())
                    .unwrap()
                    .len()
            }),
        ),
        (
            "dashboard, every client (target 100 ms)",
            Box::new(|| ledger.dashboard(day).unwrap().payers.len()),
        ),
        (
            "agenda (Aujourd'hui, first page)",
            Box::new(|| ledger.agenda(day, 0, 25).unwrap().due.rows.len()),
        ),
        (
            "clients, first page by name",
            Box::new(|| {
                ledger
                    .client_page(day, &ClientQuery::default())
                    .unwrap()
                    .rows
                    .len()
            }),
        ),
        (
            "clients, search \"client 04\"",
            Box::new(|| {
                ledger
                    .client_page(
                        day,
                        &ClientQuery {
                            search: Some("client 04".into()),
                            ..Default::default()
                        },
                    )
                    .unwrap()
                    .rows
                    .len()
            }),
        ),
        (
            "invoices, first page by due date",
            Box::new(|| {
                ledger
                    .invoice_page(day, &InvoiceQuery::default())
                    .unwrap()
                    .rows
                    .len()
            }),
        ),
        (
            "invoices, overdue, by balance",
            Box::new(|| {
                let q = InvoiceQuery {
                    status: Some(InvoiceStatus::Overdue),
                    sort: InvoiceSort::Balance,
                    descending: true,
                    ..Default::default()
                };
                ledger.invoice_page(day, &q).unwrap().rows.len()
            }),
        ),
        (
            "invoices, search \"F-0999\"",
            Box::new(|| {
                ledger
                    .invoice_page(
                        day,
                        &InvoiceQuery {
                            search: Some("F-0999".into()),
                            ..Default::default()
                        },
                    )
                    .unwrap()
                    .rows
                    .len()
            }),
        ),
        (
            "client page (detail)",
            Box::new(|| ledger.client_detail(42, day).unwrap().invoices.len()),
        ),
    ];
    for (name, run) in cases {
        let mut times: Vec<f64> = (0..7)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(run());
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!("ledger/list  {name:40} median {median:6.1} ms");
        if name.starts_with("dashboard") && median > 100.0 {
            println!("ABOVE TARGET: 100 ms");
        }
    }
}
