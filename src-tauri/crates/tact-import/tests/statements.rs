//! The statement readers against statements no one here wrote: OFX 2.2 and 1.0.2 written by ofxtools, CAMT.053
//! 001.02 and 001.08 in the published schema's structure, a French bank's CSV (tests/einvoices/statements.py).

use tact_core::money::Money;
use tact_core::ErrorCode;
use tact_import::bank::{read_statement, StatementFormat};

fn read(dir: &std::path::Path, name: &str) -> tact_core::Result<tact_import::bank::Statement> {
    read_statement(
        name,
        &std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}")),
    )
}

#[test]
fn ofx_camt_and_csv_statements_give_their_credits() {
    let (_keep, dir) = tact_import::test_inputs::statements();
    for name in ["releve.ofx", "releve-sgml.ofx"] {
        let s = read(&dir, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            (s.format, s.credits.len(), s.debits),
            (StatementFormat::Ofx, 4, 1),
            "{name}"
        );
        let nova = &s.credits[0];
        assert_eq!(nova.amount, Money::from_cents(30_000));
        assert_eq!(nova.date.to_string(), "2026-11-24");
        assert_eq!(nova.bank_id.as_deref(), Some("T0001"));
        assert!(
            nova.label.contains("STUDIO NOVA") && nova.label.contains("F-2026-033"),
            "{}",
            nova.label
        );
        assert_eq!(nova.method, "virement");
    }
    for name in ["camt053-v02.xml", "camt053-v08.xml"] {
        let s = read(&dir, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            (s.format, s.credits.len(), s.debits),
            (StatementFormat::Camt053, 2, 1),
            "{name}"
        );
        assert_eq!(s.account, "FR7630004000031234567890143");
        let lumiere = &s.credits[0];
        assert_eq!(lumiere.amount, Money::from_cents(100_000));
        assert_eq!(lumiere.payer.as_deref(), Some("AGENCE LUMIERE SARL"));
        assert_eq!(
            lumiere.payer_iban.as_deref(),
            Some("FR7610107001011234567890129")
        );
        assert_eq!(
            lumiere.reference.as_deref(),
            Some("ACOMPTE FACTURE F-2026-041")
        );
        assert_eq!(s.credits[1].reference.as_deref(), Some("F-2026-028"));
        assert_eq!(lumiere.bank_id.as_deref(), Some("CAMT-1"));
    }
    let csv = read(&dir, "releve.csv").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((csv.credits.len(), csv.debits), (2, 1));
    assert_eq!(csv.credits[1].amount, Money::from_cents(32_000));
}

#[test]
fn bad_statements_get_a_french_error() {
    let (_keep, dir) = tact_import::test_inputs::statements();
    for (name, code, says) in [
        ("releve-usd.ofx", ErrorCode::UnsupportedCurrency, "USD"),
        ("tronque.ofx", ErrorCode::UnreadableFile, "OFX"),
        ("camt053-v99.xml", ErrorCode::NotAnInvoice, "001.99"),
    ] {
        let e = read(&dir, name)
            .err()
            .unwrap_or_else(|| panic!("{name} read"));
        assert_eq!(e.code, code, "{name}: {}", e.message);
        assert!(
            e.message.starts_with(name) && e.message.contains(says),
            "{name}: {}",
            e.message
        );
    }
}

#[test]
fn each_named_banks_csv_export_is_recognised_with_its_quirks() {
    let (_keep, dir) = tact_import::test_inputs::statements();
    let banks = dir.join("banques");
    for (name, bank) in [
        ("qonto.csv", "Qonto"),
        ("shine.csv", "Shine"),
        ("bnp-paribas.csv", "BNP Paribas"),
        ("credit-agricole.csv", "Crédit Agricole"),
        ("lcl.csv", "LCL"),
        ("societe-generale.csv", "Société Générale"),
        ("la-banque-postale.csv", "La Banque Postale"),
        ("boursorama.csv", "Boursorama"),
        ("credit-mutuel.csv", "Crédit Mutuel / CIC"),
    ] {
        let s = read(&banks, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(s.bank.as_deref(), Some(bank), "{name}");
        // Four credits (one of 1 234,56 €, written with thousands separators by some banks), one debit.
        assert_eq!(
            (
                s.credits
                    .iter()
                    .map(|c| c.amount.cents())
                    .collect::<Vec<_>>(),
                s.debits
            ),
            (vec![30_000, 45_000, 32_000, 123_456], 1),
            "{name}"
        );
        assert_eq!(
            s.credits
                .iter()
                .map(|c| c.date.to_string())
                .collect::<Vec<_>>(),
            ["2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"],
            "{name}"
        );
        assert!(
            s.credits[0].label.contains("STUDIO NOVA"),
            "{name}: {:?}",
            s.credits[0]
        );
    }
}

#[test]
fn an_unknown_layout_is_mapped_once_and_bad_csvs_get_a_french_error() {
    use tact_import::bank::{
        read_statement_with, statement_headers, StatementField, StatementMapping,
    };
    let (_keep, dir) = tact_import::test_inputs::statements();
    let banks = dir.join("banques");
    let bytes = std::fs::read(banks.join("inconnue.csv")).unwrap_or_default();
    // Not recognised: an error on the mapping, naming the headers, which the mapping screen offers.
    let e = read(&banks, "inconnue.csv")
        .err()
        .unwrap_or_else(|| panic!("read"));
    assert_eq!(e.field.as_deref(), Some("mapping"));
    assert!(e.message.contains("«\u{a0}Valeur\u{a0}»"), "{}", e.message);
    assert_eq!(statement_headers(&bytes), ["Jour", "Opération", "Valeur"]);
    let mapping = StatementMapping {
        columns: vec![
            (StatementField::Date, "Jour".into()),
            (StatementField::Label, "Opération".into()),
            (StatementField::Amount, "Valeur".into()),
        ],
    };
    let s =
        read_statement_with("inconnue.csv", &bytes, &[mapping]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((s.credits.len(), s.debits), (4, 1));

    // UTF-16 (with its byte-order mark) is decoded; a spreadsheet or a PDF is named for what it is; a missing
    // amount column and an impossible date are said, with the line.
    let utf16 = read(&banks, "utf16.csv").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(utf16.credits.len(), 1);
    for (name, bytes, field, says) in [
        (
            "releve.xlsx",
            b"PK\x03\x04rest-of-a-zip".to_vec(),
            None,
            "classeur",
        ),
        (
            "sans-montant.csv",
            std::fs::read(banks.join("sans-montant.csv")).unwrap_or_default(),
            Some("mapping"),
            "montant",
        ),
        (
            "date-impossible.csv",
            std::fs::read(banks.join("date-impossible.csv")).unwrap_or_default(),
            Some("date"),
            "ligne 2\u{a0}: «\u{a0}31/02/2026\u{a0}» n'est pas une date",
        ),
    ] {
        let e = tact_import::bank::read_statement(name, &bytes)
            .err()
            .unwrap_or_else(|| panic!("{name} read"));
        assert_eq!(e.field.as_deref(), field, "{name}: {}", e.message);
        assert!(
            e.message.starts_with(name) && e.message.contains(says),
            "{name}: {}",
            e.message
        );
    }
}

#[test]
fn a_cfonb_120_statement_written_by_python_cfonb_gives_its_credits() {
    let (_keep, dir) = tact_import::test_inputs::statements();
    let s = read(&dir, "releve-cfonb.txt").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.format, StatementFormat::Cfonb120);
    assert_eq!(s.account, "00031234567");
    assert_eq!(
        (
            s.credits
                .iter()
                .map(|c| c.amount.cents())
                .collect::<Vec<_>>(),
            s.debits
        ),
        (vec![30_000, 45_000, 32_000, 123_456], 1)
    );
    assert_eq!(s.credits[0].date.to_string(), "2026-11-24");
    assert!(
        s.credits[0].label.contains("STUDIO NOVA SAS"),
        "{:?}",
        s.credits[0]
    );
    assert_eq!(s.credits[0].reference.as_deref(), Some("REGLEMENT FACT F"));
    let e = read(&dir, "releve-cfonb-usd.txt")
        .err()
        .unwrap_or_else(|| panic!("USD read"));
    assert_eq!(e.code, ErrorCode::UnsupportedCurrency);
    // A truncated line or a record type that does not exist: said, with the line.
    let text = std::fs::read_to_string(dir.join("releve-cfonb.txt")).unwrap_or_default();
    let broken = text.replacen("0430004", "0930004", 1);
    let e = read_statement("casse.txt", broken.as_bytes())
        .err()
        .unwrap_or_else(|| panic!("read"));
    assert!(
        e.message.contains("ligne 2") && e.message.contains("«\u{a0}09\u{a0}»"),
        "{}",
        e.message
    );
}
