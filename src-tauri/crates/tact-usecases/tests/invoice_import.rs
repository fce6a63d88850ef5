//! import → preview → write, on real books with the example data and e-invoices made by independent tools
//! (tact_import::test_inputs): what is created, matched, skipped, in conflict or refused, and that nothing is
//! written half-way.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use tact_core::model::ClientKind;
use tact_core::money::Money;
use tact_core::ErrorCode;
use tact_usecases::invoices::{self, ImportChoices, ImportPreview, RowStatus};
use tact_usecases::jobs::Progress;
use tact_usecases::Books;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default()
}

fn books(dir: &tempfile::TempDir) -> Books {
    let books = Books::open(&dir.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    books
        .write(|l| l.load_demo())
        .unwrap_or_else(|e| panic!("{e}"));
    books
}

fn paths(dir: &Path, names: &[&str]) -> Vec<PathBuf> {
    names.iter().map(|n| dir.join(n)).collect()
}

fn status<'a>(p: &'a ImportPreview, file: &str) -> Vec<(RowStatus, &'a str)> {
    p.rows
        .iter()
        .filter(|r| r.file == file)
        .map(|r| (r.status, r.reason.as_str()))
        .collect()
}

/// What the books hold, to check that nothing was written.
fn counts(books: &Books) -> (usize, usize, usize, usize) {
    books
        .read(|l| {
            Ok((
                l.import_index()?.clients.len(),
                l.import_index()?.invoices.len(),
                l.import_index()?.credit_notes.len(),
                l.source_files()?.len(),
            ))
        })
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_folder_of_e_invoices_is_previewed_then_imported_once() {
    let (_keep, files) = tact_import::test_inputs::generate();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let before = counts(&books);
    let choices = ImportChoices::default();
    let progress = Progress::default();

    // The preview writes nothing and says, per row, what will happen.
    let p = invoices::preview(
        &books,
        std::slice::from_ref(&files),
        &choices,
        today(),
        &progress,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(counts(&books), before);
    assert_eq!(p.files, 17);
    assert_eq!((p.to_create, p.errors), (10, 7), "{:#?}", p.rows);
    assert_eq!(progress.get(), (17, 17));
    let lumiere = p
        .rows
        .iter()
        .find(|r| r.number.as_deref() == Some("F-2026-070"))
        .unwrap_or_else(|| panic!());
    let m = lumiere.client.as_ref().unwrap_or_else(|| panic!());
    assert_eq!((m.client_id, m.matched_by.as_str()), (Some(1), "SIREN"));
    let supplier = status(&p, "fournisseur.pdf");
    assert!(
        supplier
            .iter()
            .all(|(s, why)| *s == RowStatus::Error && why.contains("fournisseur")),
        "{supplier:?}"
    );
    assert!(status(&p, "usd.xml")
        .iter()
        .all(|(s, why)| *s == RowStatus::Error && why.contains("USD")));
    assert!(status(&p, "tronque.pdf")
        .iter()
        .all(|(s, _)| *s == RowStatus::Error));
    // The credit note is planned on the invoice of the same import, whatever the files' order.
    assert_eq!(
        status(&p, "AV-2026-005.xml").first().map(|r| r.0),
        Some(RowStatus::Create)
    );

    // The import writes exactly those rows.
    let r = invoices::import(
        &books,
        std::slice::from_ref(&files),
        &choices,
        today(),
        &progress,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((r.invoices, r.credit_notes, r.clients), (7, 3, 3));
    let (clients, invs, notes, sources) = counts(&books);
    assert_eq!(
        (clients, invs, notes, sources),
        (before.0 + 3, before.1 + 7, before.2 + 3, before.3 + 10)
    );
    books
        .read(|l| {
            // Prepaid: the amount owed is BT-115, the due date from « 45 jours fin de mois ».
            let f071 = l.invoice_by_number("F-2026-071")?;
            assert_eq!(f071.amount, Money::from_cents(120_000));
            assert_eq!(f071.due_date.to_string(), "2027-01-31");
            assert!(f071
                .description
                .unwrap_or_default()
                .contains("acompte de 600,00"));
            let ravel = l.client(f071.client_id)?;
            assert_eq!(
                (
                    ravel.kind,
                    ravel.siren.as_deref(),
                    ravel.contact.email.as_deref()
                ),
                (
                    ClientKind::Professional,
                    Some("443061841"),
                    Some("compta@atelier-ravel.fr")
                )
            );
            // One Belgian client for its two invoices and its credit note.
            let f073 = l.invoice_by_number("F-2026-073")?;
            let f074 = l.invoice_by_number("F-2026-074")?;
            assert_eq!(f073.client_id, f074.client_id);
            assert_eq!(l.client(f073.client_id)?.contact.country, "Belgique");
            // The credit notes reduce their invoice, the 380 with a negative total too: 1 200 − 240 − 120.
            let f070 = l.invoice_by_number("F-2026-070")?;
            let notes = l.credit_notes(Some(1))?;
            for number in ["AV-2026-005", "AV-2026-007"] {
                assert!(
                    notes
                        .iter()
                        .any(|c| c.number == number && c.invoice_id == f070.id),
                    "{number}"
                );
            }
            // No due date nor terms: Café des Arts (known by its SIREN) gets the default 30 days.
            let f077 = l.invoice_by_number("F-2026-077")?;
            assert_eq!(
                (f077.client_id, f077.due_date.to_string().as_str()),
                (5, "2027-01-02")
            );
            // The source is kept whole.
            let (src, bytes) = l
                .invoice_source(f070.id)?
                .unwrap_or_else(|| panic!("source kept"));
            assert_eq!(src.file_name, "F-2026-070.pdf");
            assert_eq!(
                bytes,
                std::fs::read(files.join("F-2026-070.pdf")).unwrap_or_default()
            );
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));

    // « Original »: the file written out under its own name, for the system's viewer.
    let f070 = books
        .read(|l| l.invoice_by_number("F-2026-070"))
        .unwrap_or_else(|e| panic!("{e}"));
    let copy = invoices::source_copy(&books, f070.id).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        copy.display().to_string().ends_with(".pdf"),
        "{}",
        copy.display()
    );
    assert_eq!(
        std::fs::read(&copy).ok(),
        std::fs::read(files.join("F-2026-070.pdf")).ok()
    );

    // The same folder again: everything already there is skipped, nothing is written.
    let again = invoices::import(
        &books,
        std::slice::from_ref(&files),
        &choices,
        today(),
        &progress,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (again.invoices, again.credit_notes, again.clients),
        (0, 0, 0)
    );
    assert_eq!(again.preview.to_skip, 10);
    assert_eq!(counts(&books), (clients, invs, notes, sources));
}

#[test]
fn a_conflicting_number_is_shown_side_by_side_and_never_overwritten() {
    let (_keep, files) = tact_import::test_inputs::generate();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    books
        .write(|l| {
            l.add_invoice(&tact_core::input::InvoiceInput {
                number: "F-2026-070".into(),
                client_id: 1,
                issue_date: "2026-12-01".into(),
                due_date: Some("2026-12-31".into()),
                amount: "1100,00".into(),
                ..Default::default()
            })
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let r = invoices::import(
        &books,
        &paths(&files, &["F-2026-070.pdf"]),
        &ImportChoices::default(),
        today(),
        &Progress::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let row = r.preview.rows.first().unwrap_or_else(|| panic!());
    assert_eq!(row.status, RowStatus::Conflict);
    assert!(
        row.reason.contains("1\u{202f}200,00") && row.reason.contains("1\u{202f}100,00"),
        "{}",
        row.reason
    );
    assert_eq!(
        row.existing.as_ref().map(|e| e.amount),
        Some(Money::from_cents(110_000))
    );
    assert_eq!(r.invoices, 0);
    let kept = books
        .read(|l| l.invoice_by_number("F-2026-070"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kept.amount, Money::from_cents(110_000));
}

#[test]
fn a_buyer_is_recognised_by_the_vat_number_an_earlier_import_named() {
    let (_keep, files) = tact_import::test_inputs::generate();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let go = |names: &[&str]| {
        invoices::import(
            &books,
            &paths(&files, names),
            &ImportChoices::default(),
            today(),
            &Progress::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(go(&["F-2026-073-ubl.xml"]).clients, 1);
    // Another spelling of its name, the same Belgian VAT number.
    let second = go(&["F-2026-074-ubl.xml"]);
    assert_eq!(second.clients, 0);
    let m = second
        .preview
        .rows
        .first()
        .and_then(|r| r.client.clone())
        .unwrap_or_else(|| panic!());
    assert_eq!(
        (m.name.as_str(), m.matched_by.as_str()),
        ("Brasserie du Parc SRL", "numéro de TVA")
    );
}

#[test]
fn a_buyer_without_identifier_is_asked_about_and_a_bad_row_refused_alone() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let csv = dir.path().join("export.csv");
    // A consumer without SIREN; a credit note larger than its invoice's balance (refused by the ledger check).
    std::fs::write(
        &csv,
        "Numéro;Date;Échéance;Client;Montant TTC;Type;Facture d'origine\n\
         F-2026-080;01/12/2026;31/12/2026;Mme Claire Fontaine;250,00;facture;\n\
         AV-2026-009;02/12/2026;;Agence Lumière SARL;5000,00;avoir;F-2026-041\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let ask = invoices::preview(
        &books,
        std::slice::from_ref(&csv),
        &ImportChoices::default(),
        today(),
        &Progress::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ask.rows.first().map(|r| r.status), Some(RowStatus::Ask));
    let refused = ask.rows.get(1).unwrap_or_else(|| panic!());
    assert_eq!(refused.status, RowStatus::Error, "{}", refused.reason);
    assert!(
        refused.reason.starts_with("Avoir AV-2026-009"),
        "{}",
        refused.reason
    );
    let before = counts(&books);
    let choices = ImportChoices {
        buyers_without_id: Some(ClientKind::Consumer),
        ..ImportChoices::default()
    };
    let r = invoices::import(&books, &[csv], &choices, today(), &Progress::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((r.invoices, r.credit_notes, r.clients), (1, 0, 1));
    assert_eq!(
        counts(&books),
        (before.0 + 1, before.1 + 1, before.2, before.3 + 1)
    );
    let kind = books
        .read(|l| l.client(l.invoice_by_number("F-2026-080")?.client_id))
        .map(|c| c.kind)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kind, ClientKind::Consumer);
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let (_keep, files) = tact_import::test_inputs::generate();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let before = counts(&books);
    let progress = Progress::default();
    progress.cancel();
    let err = invoices::import(
        &books,
        &[files],
        &ImportChoices::default(),
        today(),
        &progress,
    )
    .err()
    .map(|e| e.code);
    assert_eq!(err, Some(ErrorCode::Cancelled));
    assert_eq!(counts(&books), before);
}

#[test]
fn the_imported_files_travel_in_the_export_and_come_back_whole() {
    let (_keep, files) = tact_import::test_inputs::generate();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    invoices::import(
        &books,
        std::slice::from_ref(&files),
        &ImportChoices::default(),
        today(),
        &Progress::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let first = dir.path().join("export-1.zip");
    tact_usecases::exchange::export_to(&books, &first).unwrap_or_else(|e| panic!("{e}"));

    let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let restored =
        Books::open(&other.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    let report =
        tact_usecases::exchange::import_file(&restored, &first).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.records.sources, 10);
    let bytes = restored
        .read(|l| {
            let id = l.invoice_by_number("F-2026-071")?.id;
            Ok(l.invoice_source(id)?.map(|(_, b)| b))
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bytes, std::fs::read(files.join("F-2026-071.pdf")).ok());
    // The restored books recognise the Belgian client by its VAT number, as the original did.
    assert_eq!(counts(&restored), counts(&books));
    let second = other.path().join("export-2.zip");
    tact_usecases::exchange::export_to(&restored, &second).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        std::fs::read(&first).unwrap_or_default(),
        std::fs::read(&second).unwrap_or_default(),
        "export → import → export gives the same bytes"
    );
}

#[test]
fn an_unusual_csv_is_mapped_once_then_recognised_by_its_preset() {
    use tact_import::csv_invoices::{CsvField, Mapping};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let write = |name: &str, rows: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, format!("Pièce;Le;Tiers;Net;SIREN tiers\n{rows}"))
            .unwrap_or_else(|e| panic!("{e}"));
        p
    };
    let november = write(
        "novembre.csv",
        "FA-881;02/11/2026;Agence Lumière SARL;1500,00;512345679\n",
    );
    // Columns no one can guess: the preview says so and hands the headers to the mapping screen.
    let p = invoices::preview(
        &books,
        std::slice::from_ref(&november),
        &ImportChoices::default(),
        today(),
        &Progress::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let row = p.rows.first().unwrap_or_else(|| panic!());
    assert_eq!(row.status, RowStatus::Error);
    assert!(
        row.reason.contains("Colonnes non reconnues"),
        "{}",
        row.reason
    );
    assert_eq!(
        row.csv_headers.as_deref(),
        Some(&["Pièce", "Le", "Tiers", "Net", "SIREN tiers"].map(String::from)[..])
    );
    // The user says which is which: imported, and the mapping kept.
    let mapping = Mapping {
        columns: vec![
            (CsvField::Number, "Pièce".into()),
            (CsvField::IssueDate, "Le".into()),
            (CsvField::Client, "Tiers".into()),
            (CsvField::AmountTtc, "Net".into()),
            (CsvField::Siren, "SIREN tiers".into()),
        ],
    };
    let choices = ImportChoices {
        csv_mapping: Some(mapping.clone()),
        ..ImportChoices::default()
    };
    let r = invoices::import(&books, &[november], &choices, today(), &Progress::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.invoices, 1);
    let client = books
        .read(|l| l.invoice_by_number("FA-881"))
        .map(|i| i.client_id)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(client, 1, "recognised by its SIREN");
    assert_eq!(
        invoices::csv_presets(&books).unwrap_or_default(),
        vec![mapping]
    );
    // December's export, same columns: recognised by the preset, nothing to map.
    let december = write(
        "decembre.csv",
        "FA-902;01/12/2026;Agence Lumière SARL;800,00;512345679\n",
    );
    let r = invoices::import(
        &books,
        &[december],
        &ImportChoices::default(),
        today(),
        &Progress::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.invoices, 1, "{:#?}", r.preview.rows);
}

#[test]
fn the_same_file_twice_and_a_file_far_too_large_are_told_apart_from_the_rest() {
    let (_keep, files) = tact_import::test_inputs::generate();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    // 50 Mo (sparse): refused from its size, before it is read.
    let big = dir.path().join("enorme.pdf");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(50 * 1024 * 1024))
        .unwrap_or_else(|e| panic!("{e}"));
    let copy = dir.path().join("F-2026-070 (copie).pdf");
    std::fs::copy(files.join("F-2026-070.pdf"), &copy).unwrap_or_else(|e| panic!("{e}"));
    let before = counts(&books);
    let r = invoices::import(
        &books,
        &[files.join("F-2026-070.pdf"), copy, big],
        &ImportChoices::default(),
        today(),
        &Progress::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.invoices, 1);
    let statuses: Vec<(RowStatus, &str)> = r
        .preview
        .rows
        .iter()
        .map(|row| (row.status, row.reason.as_str()))
        .collect();
    assert!(
        matches!(statuses.get(1), Some((RowStatus::Skip, why)) if why.contains("Même fichier que F-2026-070.pdf")),
        "{statuses:?}"
    );
    assert!(
        matches!(statuses.get(2), Some((RowStatus::Error, why)) if why.contains("Fichier trop volumineux")),
        "{statuses:?}"
    );
    assert_eq!(
        counts(&books),
        (before.0, before.1 + 1, before.2, before.3 + 1)
    );
}
