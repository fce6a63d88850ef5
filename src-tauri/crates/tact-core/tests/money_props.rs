//! Money laws, for any input proptest can find:
//! - what Tact prints in French, it reads back exactly;
//! - an allocation never creates or loses a cent and never exceeds a balance;
//! - through the real ledger, every invoice's balance is its amount − payments − credit notes, never negative,
//!   and the client's totals add up.

// Tests compute expected values on small generated numbers; the checked-arithmetic rule guards the app code.
#![allow(clippy::arithmetic_side_effects)]

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use tact_core::input::{AllocationInput, ClientInput, CreditNoteInput, InvoiceInput, PaymentInput};
use tact_core::money::{allocate_in_order, parse_amount, Money, MAX_CENTS};
use tact_core::{ErrorCode, Ledger};

proptest! {
    #[test]
    fn french_display_parses_back(cents in 0..=MAX_CENTS) {
        let m = Money::from_cents(cents);
        prop_assert_eq!(parse_amount("a", "Montant", &m.format_fr()), Ok(m));
        prop_assert_eq!(parse_amount("a", "Montant", &m.format_fr_number()), Ok(m));
        prop_assert_eq!(parse_amount("a", "Montant", &m.to_canonical()), Ok(m));
        prop_assert_eq!(Money::parse_canonical(&m.to_canonical()), Some(m));
    }

    #[test]
    fn parsing_never_panics(s in "\\PC{0,24}") {
        let _ = parse_amount("a", "Montant", &s);
    }

    #[test]
    fn allocation_conserves_every_cent(
        amount in 0..10_000_000i64,
        balances in proptest::collection::vec(-1_000i64..5_000_000, 0..12),
    ) {
        let items: Vec<(usize, Money)> = balances.iter().copied().map(Money::from_cents).enumerate().collect();
        let (allocs, rest) = allocate_in_order(Money::from_cents(amount), &items);
        let total = Money::sum(allocs.iter().map(|(_, m)| *m)).map_err(|e| TestCaseError::fail(e.message))?;
        prop_assert_eq!(total.checked_add(rest).ok(), Some(Money::from_cents(amount)));
        prop_assert!(!rest.is_negative());
        for (key, part) in &allocs {
            prop_assert!(part.is_positive());
            prop_assert!(*part <= items[*key].1);
        }
        // Leftover only when every positive balance is fully covered.
        if rest.is_positive() {
            for (key, balance) in &items {
                if balance.is_positive() {
                    prop_assert_eq!(allocs.iter().find(|(k, _)| k == key).map(|(_, m)| *m), Some(*balance));
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Op {
    Pay {
        cents: i64,
        day: u64,
        explicit: Option<(usize, i64)>,
    },
    Credit {
        invoice: usize,
        cents: i64,
        day: u64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (
            1..300_000i64,
            0..120u64,
            proptest::option::of((0..6usize, 1..200_000i64))
        )
            .prop_map(|(cents, day, explicit)| Op::Pay {
                cents,
                day,
                explicit
            }),
        (0..6usize, 1..150_000i64, 0..120u64).prop_map(|(invoice, cents, day)| Op::Credit {
            invoice,
            cents,
            day
        }),
    ]
}

fn cents_str(c: i64) -> String {
    Money::from_cents(c).to_canonical()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn balances_equal_invoices_minus_payments_minus_credit_notes(
        amounts in proptest::collection::vec(1..500_000i64, 1..6),
        ops in proptest::collection::vec(op(), 0..14),
    ) {
        let start = NaiveDate::from_ymd_opt(2026, 1, 5).ok_or_else(|| TestCaseError::fail("date"))?;
        let day = |n: u64| start.checked_add_days(Days::new(n)).unwrap_or(start).to_string();
        let mut l = Ledger::open_in_memory().map_err(|e| TestCaseError::fail(e.message))?;
        let c = l.add_client(&ClientInput { kind: "professional".into(), name: "Client".into(), ..Default::default() })
            .map_err(|e| TestCaseError::fail(e.message))?.id;
        let mut ids = Vec::new();
        for (i, a) in amounts.iter().enumerate() {
            let inv = l.add_invoice(&InvoiceInput {
                number: format!("F-{i}"), client_id: c, issue_date: day(0), amount: cents_str(*a), ..Default::default()
            }).map_err(|e| TestCaseError::fail(e.message))?;
            ids.push(inv.record.id);
        }
        let (mut paid_in, mut credited) = (0i64, 0i64);
        for (n, op) in ops.iter().enumerate() {
            let before = l.export().map_err(|e| TestCaseError::fail(e.message))?;
            let result = match op {
                Op::Pay { cents, day: d, explicit } => l.record_payment(&PaymentInput {
                    client_id: c, date: day(*d), amount: cents_str(*cents), method: "virement".into(),
                    allocations: explicit.map(|(i, a)| vec![AllocationInput { invoice_id: ids[i % ids.len()], amount: cents_str(a) }]),
                    ..Default::default()
                }).map(|_| *cents),
                Op::Credit { invoice, cents, day: d } => l.add_credit_note(&CreditNoteInput {
                    number: format!("AV-{n}"), invoice_id: ids[invoice % ids.len()], date: day(*d), amount: cents_str(*cents), reason: None,
                }).map(|_| -*cents),
            };
            match result {
                Ok(c) if c > 0 => paid_in += c,
                Ok(c) => credited -= c,
                Err(e) => {
                    // Only the ledger's own limits may refuse these, and a refusal writes nothing.
                    prop_assert!(matches!(e.code, ErrorCode::AllocationExceedsBalance | ErrorCode::AllocationExceedsPayment | ErrorCode::CreditExceedsBalance), "{:?}", e);
                    prop_assert_eq!(l.export().map_err(|e| TestCaseError::fail(e.message))?, before);
                }
            }
        }
        let end = NaiveDate::from_ymd_opt(2027, 1, 1).ok_or_else(|| TestCaseError::fail("date"))?;
        let states = l.invoice_states(end).map_err(|e| TestCaseError::fail(e.message))?;
        let mut owed = 0i64;
        for (st, amount) in states.iter().zip(&amounts) {
            prop_assert!(!st.balance.is_negative());
            prop_assert_eq!(st.balance.cents(), amount - st.paid.cents() - st.credited.cents());
            owed += st.balance.cents();
        }
        let standing = &l.standings(end).map_err(|e| TestCaseError::fail(e.message))?[0];
        prop_assert_eq!(standing.balance.cents(), owed);
        // Every euro in is either on an invoice or held as credit; every credit note reduces what is owed.
        let total: i64 = amounts.iter().sum();
        prop_assert_eq!(owed + paid_in - standing.credit.cents(), total - credited);
    }
}
