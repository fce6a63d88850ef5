//! Nothing panics on user input: every validator and every form, fed arbitrary text, answers Ok or a French
//! error that names a field.

use proptest::prelude::*;
use tact_core::input::{
    parse_terms, AllocationInput, BusinessInput, ClientInput, CreditNoteInput, InvoiceInput,
    JournalInput, PaymentInput, PostalContactInput,
};
use tact_core::model::PaymentTerms;
use tact_core::money::{parse_amount, parse_rate};
use tact_core::text;

/// Arbitrary text, weighted towards what forms really receive (digits, separators, accents, control characters).
fn junk() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        "[0-9 ,.\u{a0}\u{202f}€/-]{0,20}",
        "[A-Za-z0-9@._ -]{0,30}",
        "[\u{0}-\u{1f}é«»’]{0,8}",
    ]
}

fn opt_junk() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(junk())
}

proptest! {
    #[test]
    fn validators_never_panic(s in junk()) {
        let _ = parse_amount("a", "Montant", &s);
        let _ = parse_rate("r", "Taux", &s);
        let _ = parse_terms("t", "Délai", &s);
        let _ = text::parse_date("d", "Date", &s);
        let _ = text::parse_siren("s", &s);
        let _ = text::parse_siret("s", &s);
        let _ = text::parse_vat_number("v", &s);
        let _ = text::parse_iban("i", &s);
        let _ = text::parse_bic("b", &s);
        let _ = text::parse_email("e", &s);
        let _ = text::parse_phone("p", &s);
        let _ = text::parse_postcode("c", &s, "France");
        let _ = text::parse_postcode("c", &s, "Belgique");
        let _ = text::required_text("n", "Nom", &s, text::NAME);
        let _ = text::format_siren_siret(&s);
        let _ = text::format_iban(&s);
    }

    #[test]
    fn forms_answer_ok_or_a_named_field(
        a in junk(), b in junk(), c in opt_junk(), d in opt_junk(), e in opt_junk(), f in opt_junk(), id in -3i64..5,
    ) {
        let contact = PostalContactInput { address_line1: c.clone(), postcode: d.clone(), email: e.clone(), phone: f.clone(), ..Default::default() };
        let results = [
            BusinessInput { legal_name: a.clone(), siret: c.clone(), iban: d.clone(), default_terms: e.clone(), penalty_rate: f.clone(), contact: contact.clone(), ..Default::default() }.validate().err(),
            ClientInput { kind: a.clone(), name: b.clone(), siren: c.clone(), client_since: d.clone(), contact, ..Default::default() }.validate().err(),
            InvoiceInput { number: a.clone(), client_id: id, issue_date: b.clone(), terms: c.clone(), due_date: d.clone(), amount: a.clone(), amount_ht: e.clone(), vat: f.clone(), ..Default::default() }
                .validate(PaymentTerms::Days { days: 30 }).err(),
            PaymentInput { client_id: id, date: a.clone(), amount: b.clone(), method: c.clone().unwrap_or_default(), allocations: Some(vec![AllocationInput { invoice_id: id, amount: a.clone() }]), ..Default::default() }.validate().err(),
            CreditNoteInput { number: a.clone(), invoice_id: id, date: b.clone(), amount: a.clone(), reason: c.clone() }.validate().err(),
            JournalInput { client_id: id, kind: a.clone(), date: b.clone(), call_outcome: c, promise_date: d, promise_amount: e, text: f, ..Default::default() }.validate(false).err(),
        ];
        for err in results.into_iter().flatten() {
            prop_assert!(err.field.is_some(), "no field: {:?}", err);
            prop_assert!(!err.message.is_empty());
        }
    }
}

proptest! {
    /// Text that looks right is right: a text field's value is NFC, holds no invisible or bidi character, reads
    /// back the same (validating it again changes nothing), and two spellings of the same word (« é » precomposed
    /// or e + combining accent) give the same value.
    #[test]
    fn text_fields_are_normalized_and_stable(s in prop_oneof![
        "\\PC{0,40}",
        "[a-zé\u{301}\u{200b}\u{202e}\u{feff} -]{0,20}",
    ]) {
        use unicode_normalization::UnicodeNormalization;
        if let Ok(Some(v)) = text::optional_text("name", "Nom", Some(&s), text::LINE) {
            prop_assert!(unicode_normalization::is_nfc(&v), "{v:?}");
            prop_assert!(!v.chars().any(text::is_invisible), "{v:?}");
            let again = text::optional_text("name", "Nom", Some(&v), text::LINE);
            prop_assert_eq!(again.ok().flatten(), Some(v.clone()));
            let decomposed: String = v.nfd().collect();
            let same = text::optional_text("name", "Nom", Some(&decomposed), text::LINE);
            prop_assert_eq!(same.ok().flatten(), Some(v));
        }
    }
}
