//! The import runs the forms' checks: whatever a file holds, a French error naming the field, or the records,
//! never a panic and never half of them. On the example data, one value changed at a time.

use proptest::prelude::*;
use serde_json::Value;
use tact_core::exchange::DEMO_JSON;
use tact_core::{ErrorCode, Ledger};

fn demo() -> Value {
    serde_json::from_str(DEMO_JSON).unwrap_or_else(|e| panic!("{e}"))
}

/// Import `doc` into empty books: the error, and whether the books stayed empty.
fn import(doc: &Value) -> (Option<tact_core::Error>, bool) {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let r = l.import_json(&doc.to_string());
    let empty = l.is_empty().unwrap_or(false);
    (r.err(), empty)
}

fn refused(doc: &Value, code: ErrorCode, field: &str) {
    let (err, empty) = import(doc);
    let err = err.unwrap_or_else(|| panic!("accepted: {field}"));
    assert_eq!(err.code, code, "{}", err.message);
    assert_eq!(err.field.as_deref(), Some(field), "{}", err.message);
    assert!(empty, "nothing written");
}

#[test]
fn dates_are_read_as_the_forms_read_them() {
    let mut doc = demo();
    doc["invoices"][0]["issue_date"] = "9999-01-01".into();
    refused(&doc, ErrorCode::InvalidDate, "invoices[0].issue_date");
    let mut doc = demo();
    doc["payments"][0]["date"] = "2026-1-1".into();
    refused(&doc, ErrorCode::InvalidDate, "payments[0].date");
    let mut doc = demo();
    doc["journal"][0]["date"] = "23/11/2026".into();
    refused(&doc, ErrorCode::InvalidDate, "journal[0].date");
}

#[test]
fn two_allocation_lines_on_one_invoice_are_refused_not_merged() {
    let mut doc = demo();
    let payments = doc["payments"].as_array().cloned().unwrap_or_default();
    let (i, p) = payments
        .iter()
        .enumerate()
        .find(|(_, p)| p["allocations"].as_array().is_some_and(|a| a.len() == 1))
        .unwrap_or_else(|| panic!("a payment with one line"));
    let line = p["allocations"][0].clone();
    let half = |v: &Value| {
        let cents: i64 = v
            .as_str()
            .unwrap_or_default()
            .replace('.', "")
            .parse()
            .unwrap_or_default();
        format!("{}.{:02}", cents / 200, (cents / 2) % 100)
    };
    let mut a = line.clone();
    a["amount"] = half(&line["amount"]).into();
    doc["payments"][i]["allocations"] = Value::Array(vec![a.clone(), a]);
    refused(
        &doc,
        ErrorCode::DuplicateAllocation,
        &format!("payments[{i}].allocations[1]"),
    );
}

#[test]
fn a_payment_recorded_entry_names_its_payment() {
    let mut doc = demo();
    let journal = doc["journal"].as_array().cloned().unwrap_or_default();
    let (i, e) = journal
        .iter()
        .enumerate()
        .find(|(_, e)| e["kind"] == "payment_recorded")
        .unwrap_or_else(|| panic!("a payment_recorded entry"));
    doc["journal"][i]["payment_id"] = Value::Null;
    let id = e["id"].as_i64().unwrap_or_default();
    refused(
        &doc,
        ErrorCode::PaymentNotFound,
        &format!("journal[id {id}].payment_id"),
    );
}

/// Every leaf of the example document, as a JSON pointer.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, v)| leaves(v, format!("{at}/{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// One value replaced by anything (text with invisible or bidi characters, a number, null): the import
    /// answers with the records or a French error, never panics, and never writes half.
    #[test]
    fn any_value_anywhere_gives_a_french_error_or_the_records(
        pick in any::<prop::sample::Index>(),
        text in prop_oneof![
            "\\PC{0,12}",
            Just("2026-02-30".to_owned()),
            Just("F-2026-033\u{200b}".to_owned()),
            Just("\u{202e}Lumière".to_owned()),
            Just("-1".to_owned()),
            Just("99999999999.99".to_owned()),
        ],
        as_number in any::<bool>(),
    ) {
        let mut doc = demo();
        let mut all = Vec::new();
        leaves(&doc, String::new(), &mut all);
        let at = pick.get(&all).clone();
        if let Some(slot) = doc.pointer_mut(&at) {
            *slot = if as_number { Value::from(text.len()) } else { Value::from(text.clone()) };
        }
        let (err, empty) = import(&doc);
        if let Some(e) = err {
            prop_assert!(!e.message.is_empty());
            prop_assert!(empty, "{at} = {text:?}: refused but written: {}", e.message);
        }
    }
}
