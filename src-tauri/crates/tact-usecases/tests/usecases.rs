//! The use cases on real books (a database file in a temporary folder, the example data of scenario.md):
//! letter → render → archive, the preview, the saved copy, the JSON file round trip.

use chrono::NaiveDate;
use tact_core::letters::{LetterKind, LetterOptions};
use tact_core::model::JournalKind;
use tact_usecases::{exchange, letters, Books};

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// Books on disk with the example data (Boulangerie Petitjean is client 2).
fn books(dir: &tempfile::TempDir) -> Books {
    let books = Books::open(&dir.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    books
        .write(|l| l.load_demo())
        .unwrap_or_else(|e| panic!("{e}"));
    books
}

#[test]
fn the_final_mise_en_demeure_is_rendered_archived_and_logged_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let opts = LetterOptions::default();

    let preview = letters::preview(&books, 2, LetterKind::FormalNotice, &opts, monday())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(preview.pages.len() >= 2, "the letter and its annex");
    assert!(preview
        .pages
        .iter()
        .all(|p| p.starts_with("<svg") || p.contains("<svg")));
    assert_eq!(preview.letter.total, preview.penalties.total);
    // A preview writes nothing.
    assert!(books.read(|l| l.letters(2)).unwrap_or_default().is_empty());

    let rec = letters::finalize(&books, 2, LetterKind::FormalNotice, &opts, monday())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rec.total, preview.letter.total);
    // The letter of the preview is the one archived: archiving its bytes again is the same record.
    let pdf = tact_letters::render(&preview.letter).unwrap_or_else(|e| panic!("{e}"));
    let same = books
        .write(|l| l.archive_letter(&preview.letter, &pdf))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((same.id, &same.sha256), (rec.id, &rec.sha256));
    // Once logged, the mise en demeure is among the client's contacts: a new final version would differ (and
    // cite it), which is why the interface reuses the record it archived.
    let after = letters::preview(&books, 2, LetterKind::FormalNotice, &opts, monday())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(after
        .letter
        .plain_text()
        .replace(char::is_whitespace, " ")
        .contains("mise en demeure le 23 novembre 2026"));
    let journal = books.read(|l| l.journal(2)).unwrap_or_default();
    assert_eq!(
        journal
            .iter()
            .filter(|j| j.entry.kind == JournalKind::FormalNotice && j.entry.date == monday())
            .count(),
        1
    );

    // The archived copy, and « Enregistrer le PDF »: the same bytes where the user chose.
    let (archived, name) = letters::archived(&books, rec.id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(name, "Mise en demeure de payer 2026-11-23.pdf");
    let dest = dir.path().join("copie.pdf");
    letters::save_copy(&books, rec.id, &dest).unwrap_or_else(|e| panic!("{e}"));
    let bytes = std::fs::read(&dest).unwrap_or_default();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(bytes, std::fs::read(&archived).unwrap_or_default());
    assert_eq!(tact_core::ledger::sha256_hex(&bytes), rec.sha256);
}

#[test]
fn a_letter_printed_to_a_file_is_archived_only_when_final() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let out = dir.path().join("releve.pdf");
    let printed = letters::print(
        &books,
        4,
        LetterKind::Statement,
        &LetterOptions::default(),
        monday(),
        &out,
        false,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(printed.archived.is_none());
    assert_eq!(
        std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0),
        u64::try_from(printed.bytes).unwrap_or(0)
    );
    assert!(books.read(|l| l.letters(4)).unwrap_or_default().is_empty());

    // A file that cannot be written: a clear error, nothing archived.
    let err = letters::print(
        &books,
        4,
        LetterKind::Statement,
        &LetterOptions::default(),
        monday(),
        &dir.path().join("absent").join("releve.pdf"),
        true,
    )
    .err();
    assert_eq!(err.map(|e| e.code), Some(tact_core::ErrorCode::Io));
    assert!(books.read(|l| l.letters(4)).unwrap_or_default().is_empty());
}

#[test]
fn the_whole_ledger_goes_to_a_file_and_back() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let export = exchange::export(&books).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("sauvegarde.json");
    std::fs::write(
        &file,
        serde_json::to_string(&export).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let copy = Books::open(&dir.path().join("copie.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    let report = exchange::import_file(&copy, &file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.clients, export.clients.len());
    assert_eq!(exchange::export(&copy).ok(), Some(export));
    // A file that is not there: the French error names it, the books stay empty.
    let err = exchange::import_file(
        &Books::in_memory().unwrap_or_else(|e| panic!("{e}")),
        &dir.path().join("absent.json"),
    )
    .err()
    .map(|e| e.message)
    .unwrap_or_default();
    assert!(err.contains("absent.json"), "{err}");
}
