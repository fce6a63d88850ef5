//! The readers against files no one here wrote: Factur-X PDFs made by the `factur-x` package, CII documents built
//! by `drafthorse` (validated against the Factur-X XSD), UBL documents in the structure of the official EN 16931
//! examples, and the bad inputs derived from them (tests/einvoices/generate.py; scripts/test installs the tools
//! into .tools/py).

use std::path::{Path, PathBuf};
use tact_core::money::Money;
use tact_core::ErrorCode;
use tact_import::{DocumentKind, DueFrom, Format};

fn generated() -> (tempfile::TempDir, PathBuf) {
    tact_import::test_inputs::generate()
}

fn read(dir: &Path, name: &str) -> tact_core::Result<tact_import::ReadFile> {
    let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    tact_import::read(name, &bytes)
}

fn one(dir: &Path, name: &str) -> tact_import::Document {
    let f = read(dir, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(f.documents.len(), 1, "{name}");
    f.documents.into_iter().next().unwrap_or_else(|| panic!())
}

fn eur(cents: i64) -> Money {
    Money::from_cents(cents)
}

#[test]
fn facturx_cii_and_ubl_read_as_their_authors_wrote_them() {
    let (_keep, dir) = generated();
    // Factur-X: the CII embedded in the PDF.
    let f = one(&dir, "F-2026-070.pdf");
    assert_eq!(f.format, Format::Facturx);
    assert_eq!(
        (f.kind, f.number.as_str()),
        (DocumentKind::Invoice, "F-2026-070")
    );
    assert_eq!(f.issue_date.to_string(), "2026-12-01");
    assert_eq!(
        f.due_date.map(|d| d.to_string()).as_deref(),
        Some("2026-12-31")
    );
    assert_eq!(f.due_from, DueFrom::DueDate);
    assert_eq!(
        (f.total_ht, f.vat, f.grand_total, f.amount_due),
        (
            Some(eur(100_000)),
            Some(eur(20_000)),
            Some(eur(120_000)),
            eur(120_000)
        )
    );
    assert_eq!(f.seller.siren.as_deref(), Some("832541908"));
    assert_eq!(
        (f.buyer.name.as_str(), f.buyer.siren.as_deref()),
        ("Agence Lumière SARL", Some("512345679"))
    );
    assert_eq!(f.description.as_deref(), Some("Création graphique"));
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);

    // Part prepaid: what is owed is the amount due for payment (BT-115), not the grand total; the delay is read
    // from the terms.
    let p = one(&dir, "F-2026-071.pdf");
    assert_eq!(
        (p.grand_total, p.prepaid, p.amount_due),
        (Some(eur(180_000)), Some(eur(60_000)), eur(120_000))
    );
    assert_eq!(
        (p.due_date, p.terms.as_deref(), p.due_from),
        (None, Some("45fdm"), DueFrom::Terms)
    );
    assert_eq!(p.buyer.email.as_deref(), Some("compta@atelier-ravel.fr"));
    assert_eq!(
        p.buyer.address_line1.as_deref(),
        Some("3 quai Saint-Vincent")
    );

    // CII alone; the buyer by its VAT number, whose SIREN it holds.
    let c = one(&dir, "F-2026-072.xml");
    assert_eq!(c.format, Format::Cii);
    assert_eq!(c.buyer.vat_number.as_deref(), Some("FR26881234561"));
    assert_eq!(c.buyer.siren.as_deref(), Some("881234561"));

    // A credit note citing its invoice.
    let a = one(&dir, "AV-2026-005.xml");
    assert_eq!(
        (a.kind, a.amount_due, a.cited_invoice.as_deref()),
        (DocumentKind::CreditNote, eur(24_000), Some("F-2026-070"))
    );

    // A 380 with a negative total is a credit note, its amount positive.
    let neg = one(&dir, "AV-2026-007-negatif.xml");
    assert_eq!(
        (neg.kind, neg.type_code.as_str(), neg.amount_due),
        (DocumentKind::CreditNote, "380", eur(12_000))
    );

    // Neither due date nor terms: the default terms will apply, and the document says so.
    let d = one(&dir, "F-2026-077.xml");
    assert_eq!(
        (d.due_date, d.terms.as_deref(), d.due_from),
        (None, None, DueFrom::Default)
    );

    // A SIREN with a wrong key and an unknown country: set aside with a warning, the invoice read all the same,
    // its buyer still a business.
    let w = one(&dir, "F-2026-078.xml");
    assert_eq!(
        (w.buyer.siren.as_deref(), w.buyer.country.as_deref()),
        (None, None)
    );
    assert!(w.buyer.has_identifier());
    assert!(
        w.warnings
            .iter()
            .any(|m| m.contains("123456788") && m.contains("clé de contrôle"))
            && w.warnings.iter().any(|m| m.contains("XX")),
        "{:?}",
        w.warnings
    );

    // UBL Invoice and CreditNote.
    let u = one(&dir, "F-2026-073-ubl.xml");
    assert_eq!(
        (u.format, u.kind, u.amount_due),
        (Format::Ubl, DocumentKind::Invoice, eur(60_000))
    );
    assert_eq!(u.buyer.vat_number.as_deref(), Some("BE0477472701"));
    assert_eq!(
        (u.buyer.siren.as_deref(), u.buyer.country.as_deref()),
        (None, Some("BE"))
    );
    assert_eq!(
        u.buyer.email.as_deref(),
        Some("factures@brasserieduparc.be")
    );
    let n = one(&dir, "F-2026-074-ubl.xml");
    assert_eq!(
        (n.terms.as_deref(), n.due_from),
        (Some("30"), DueFrom::Terms)
    );
    let uc = one(&dir, "AV-2026-006-ubl.xml");
    assert_eq!(
        (uc.kind, uc.amount_due, uc.cited_invoice.as_deref()),
        (DocumentKind::CreditNote, eur(6_000), Some("F-2026-073"))
    );
}

#[test]
fn bad_files_get_a_clear_french_error_naming_the_file() {
    let (_keep, dir) = generated();
    for (name, code, says) in [
        ("tronque.pdf", ErrorCode::UnreadableFile, "tronqué"),
        (
            "sans-piece-jointe.pdf",
            ErrorCode::NotAnInvoice,
            "aucune facture électronique",
        ),
        ("chiffre.pdf", ErrorCode::UnreadableFile, "mot de passe"),
        (
            "mauvais-espace-de-noms.xml",
            ErrorCode::NotAnInvoice,
            "ni une facture CII ni une facture UBL",
        ),
        ("bombe.xml", ErrorCode::UnreadableFile, "DTD"),
        ("usd.xml", ErrorCode::UnsupportedCurrency, "USD"),
    ] {
        let err = read(&dir, name)
            .err()
            .unwrap_or_else(|| panic!("{name} read"));
        assert_eq!(err.code, code, "{name}: {}", err.message);
        assert!(
            err.message.starts_with(name) && err.message.contains(says),
            "{name}: {}",
            err.message
        );
    }
    // A file far too large is refused before it is read.
    let big = tact_import::check_size("enorme.pdf", 50 * 1024 * 1024).err();
    assert_eq!(big.map(|e| e.code), Some(ErrorCode::FileTooLarge));
}
