//! The use cases on real books (a database file in a temporary folder, the example data of scenario.md):
//! letter → render → archive, the preview, the saved copy, the JSON file round trip.

use chrono::NaiveDate;
use tact_core::letters::{LetterKind, LetterOptions};
use tact_core::model::JournalKind;
use tact_usecases::{backup, exchange, letters, Books};

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
        .contains("ma mise en demeure du 23 novembre 2026"));
    let journal = books.read(|l| l.journal(2)).unwrap_or_default();
    assert_eq!(
        journal
            .iter()
            .filter(|j| j.entry.kind == JournalKind::FormalNotice && j.entry.date == monday())
            .count(),
        1
    );
    // The history says what the letter is, not the archive's file name.
    let entry = journal
        .iter()
        .find(|j| j.entry.kind == JournalKind::FormalNotice)
        .and_then(|j| j.entry.text.clone())
        .unwrap_or_default();
    assert!(
        entry.starts_with("Mise en demeure de payer imprimée")
            && entry.contains("Copie archivée dans Tact (empreinte ")
            && !entry.contains(".pdf"),
        "{entry}"
    );

    // The archived copy, and « Enregistrer le PDF »: the same bytes where the user chose.
    let (archived, name) = letters::archived(&books, rec.id).unwrap_or_else(|e| panic!("{e}"));
    // The save dialog proposes whose letter it is (issue 19).
    assert_eq!(
        name,
        "Mise en demeure de payer Boulangerie Petitjean 2026-11-23.pdf"
    );
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
    assert_eq!(report.records.clients, export.clients.len());
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

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// The example data, then weeks of activity through the ledger as the user would do it: a payment, calls, a
/// mise en demeure printed for good with its LRAR number and AR, a calendar proposed, signed, one instalment paid
/// and one missed, the déchéance notice archived.
fn months_of_activity(dir: &tempfile::TempDir) -> Books {
    use tact_core::input::{JournalInput, PaymentInput};
    use tact_core::letters::MailingInput;
    use tact_core::plans::PlanInput;
    let books = books(dir);
    let pay = |client: i64, date: &str, amount: &str| {
        books
            .write(|l| {
                l.record_payment(&PaymentInput {
                    client_id: client,
                    date: date.into(),
                    amount: amount.into(),
                    method: "virement".into(),
                    reference: Some(format!("VIR {date}")),
                    allocations: None,
                })
            })
            .unwrap_or_else(|e| panic!("{e}"))
    };
    pay(3, "2026-11-24", "150.00");
    books
        .write(|l| {
            l.add_journal_entry(&JournalInput {
                client_id: 2,
                date: "2026-11-24".into(),
                kind: "call".into(),
                channel: Some("phone".into()),
                call_outcome: Some("no_answer".into()),
                text: Some("Messagerie, message laissé.".into()),
                ..JournalInput::default()
            })
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let med = letters::finalize(
        &books,
        2,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
        d("2026-11-25"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    books
        .write(|l| {
            l.set_mailing(
                med.id,
                &MailingInput {
                    registered_number: Some("1A 123 456 7890 1".into()),
                    posted_on: Some("2026-11-25".into()),
                    received_on: Some("2026-11-27".into()),
                },
                d("2026-11-30"),
            )
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let plan = books
        .write(|l| {
            l.propose_plan(
                &PlanInput {
                    client_id: 1,
                    instalments: "3".into(),
                    frequency: "month".into(),
                    first_date: "05/12/2026".into(),
                    penalties: "waive".into(),
                    ..PlanInput::default()
                },
                d("2026-11-26"),
            )
        })
        .unwrap_or_else(|e| panic!("{e}"));
    books
        .write(|l| l.sign_plan(plan.plan.id, "27/11/2026", d("2026-11-27")))
        .unwrap_or_else(|e| panic!("{e}"));
    letters::finalize(
        &books,
        1,
        LetterKind::PlanAgreement,
        &LetterOptions {
            plan_id: Some(plan.plan.id),
            ..LetterOptions::default()
        },
        d("2026-11-27"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    pay(1, "2026-12-05", "800.00");
    // The January instalment is missed; the déchéance is invoked in February.
    letters::finalize(
        &books,
        1,
        LetterKind::PlanDefault,
        &LetterOptions {
            plan_id: Some(plan.plan.id),
            ..LetterOptions::default()
        },
        d("2027-01-20"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    books
}

fn agenda_of(books: &Books, today: &str) -> String {
    let a = books
        .read(|l| l.agenda(d(today), 0, 100))
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_string(&a).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_archive_holds_everything_and_export_import_export_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = months_of_activity(&dir);
    let first = exchange::export(&books).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.plans.len(), 1);
    assert!(first.plans[0].signed_on.is_some() && first.plans[0].broken_on.is_some());
    assert_eq!(first.letters.len(), 3);
    let zip1 = dir.path().join("tout.zip");
    let r = exchange::export_to(&books, &zip1).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((r.letter_files, r.letter_files_missing.len()), (3, 0));

    let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let copy = Books::open(&other.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    let report = exchange::import_file(&copy, &zip1).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (
            report.records.plans,
            report.records.letters,
            report.letter_files
        ),
        (1, 3, 3)
    );
    // Every letter's archived copy is in place and matches its record.
    for rec in &first.letters {
        copy.read(|l| l.letter_file(rec.id))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let zip2 = other.path().join("tout.zip");
    exchange::export_to(&copy, &zip2).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        std::fs::read(&zip1).unwrap_or_default(),
        std::fs::read(&zip2).unwrap_or_default(),
        "export → import → export gives the same bytes"
    );
    for today in ["2027-01-21", "2027-02-15"] {
        assert_eq!(agenda_of(&books, today), agenda_of(&copy, today), "{today}");
    }
    // The signed calendar survived: nobody proposes one again to Agence Lumière.
    assert_eq!(
        copy.read(|l| l.plans(1, d("2027-01-21")))
            .map(|p| p.len())
            .ok(),
        Some(1)
    );
}

#[test]
fn a_damaged_archive_or_a_modified_letter_imports_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = months_of_activity(&dir);
    let zip = dir.path().join("tout.zip");
    exchange::export_to(&books, &zip).unwrap_or_else(|e| panic!("{e}"));
    let mut bytes = std::fs::read(&zip).unwrap_or_default();
    // Flip one byte inside the last stored PDF (stored entries are not compressed: the CRC catches it).
    let at = bytes.len().saturating_sub(2000);
    if let Some(b) = bytes.get_mut(at) {
        *b ^= 0x55;
    }
    let bad = dir.path().join("abime.zip");
    std::fs::write(&bad, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let copy = Books::open(&other.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    let err = exchange::import_file(&copy, &bad)
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(
        err.code,
        tact_core::ErrorCode::ImportFormat,
        "{}",
        err.message
    );
    assert!(
        copy.read(|l| l.is_empty()).unwrap_or(false),
        "nothing written"
    );
    let letters_dir = other.path().join("letters");
    let left = std::fs::read_dir(&letters_dir)
        .map(|r| r.count())
        .unwrap_or(0);
    assert_eq!(left, 0, "no file left in {}", letters_dir.display());
}

#[test]
fn a_json_with_a_byte_order_mark_imports_and_a_syntax_error_names_its_field() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let json = exchange::to_json(&exchange::export(&books).unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("bom.json");
    std::fs::write(&file, format!("\u{feff}{json}")).unwrap_or_else(|e| panic!("{e}"));
    let copy = Books::in_memory().unwrap_or_else(|e| panic!("{e}"));
    exchange::import_file(&copy, &file).unwrap_or_else(|e| panic!("{e}"));
    let broken = json.replacen("\"amount\": \"", "\"amount\": 12", 1);
    std::fs::write(&file, broken).unwrap_or_else(|e| panic!("{e}"));
    let err = exchange::import_file(&Books::in_memory().unwrap_or_else(|e| panic!("{e}")), &file)
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert!(
        err.field
            .as_deref()
            .is_some_and(|f| f.starts_with("invoices[0]")),
        "{err:?}"
    );
    assert!(err.message.contains("ligne"), "{}", err.message);
}

#[test]
fn a_backup_is_made_once_a_day_when_something_changed_and_restores_everything() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = months_of_activity(&dir);
    let day1 = d("2027-01-21");
    let made = backup::auto(&books, day1).unwrap_or_else(|e| panic!("{e}"));
    assert!(made.is_some(), "first backup");
    assert_eq!(
        backup::auto(&books, day1).ok(),
        Some(None),
        "at most once a day"
    );
    assert_eq!(
        backup::auto(&books, d("2027-01-22")).ok(),
        Some(None),
        "nothing changed since"
    );
    let before = exchange::archive(&books)
        .unwrap_or_else(|e| panic!("{e}"))
        .0;

    // Something changes, then the user restores the backup of the 21st.
    books
        .write(|l| {
            l.record_payment(&tact_core::input::PaymentInput {
                client_id: 1,
                date: "2027-01-22".into(),
                amount: "100.00".into(),
                method: "virement".into(),
                ..Default::default()
            })
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let status = backup::status(&books).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.backups.len(), 1);
    let file = std::path::PathBuf::from(&status.backups[0].path);
    let outcome = backup::restore(&books, &file, d("2027-01-23")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcome.letter_files, 3);
    assert_eq!(
        exchange::archive(&books)
            .unwrap_or_else(|e| panic!("{e}"))
            .0,
        before,
        "the books are what the backup holds, letters included"
    );
    // The state before the restore was backed up first: restoring it brings the payment back.
    let undo = std::path::PathBuf::from(&outcome.before.path);
    backup::restore(&books, &undo, d("2027-01-23")).unwrap_or_else(|e| panic!("{e}"));
    let payments = books.read(|l| l.payments(Some(1))).unwrap_or_default();
    assert!(payments.iter().any(|p| p.date == d("2027-01-22")));
    // A file that is not a backup is refused, the books unchanged.
    let not = dir.path().join("tact-2027-01-01.zip");
    std::fs::write(&not, b"PK\x03\x04 pas une archive").unwrap_or_else(|e| panic!("{e}"));
    assert!(backup::restore(&books, &not, d("2027-01-23")).is_err());
    assert!(books
        .read(|l| l.payments(Some(1)))
        .unwrap_or_default()
        .iter()
        .any(|p| p.date == d("2027-01-22")));
}

#[test]
fn a_letter_whose_process_stopped_before_the_rename_is_put_back_at_the_next_opening() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("tact.sqlite3");
    let rec = {
        let books = books(&dir);
        letters::finalize(
            &books,
            2,
            LetterKind::FormalNotice,
            &LetterOptions::default(),
            monday(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    };
    // As a process killed after its commit leaves it: the PDF still under its temporary name.
    let letters_dir = dir.path().join("letters");
    let path = letters_dir.join(&rec.file);
    let tmp = letters_dir.join(format!(".{}.x7Yq2a.tmp", rec.file));
    std::fs::rename(&path, &tmp).unwrap_or_else(|e| panic!("{e}"));
    // Another temporary file, not this letter's bytes, is left alone.
    let other = letters_dir.join(format!(".{}.b0b0b0.tmp", rec.file));
    std::fs::write(&other, b"%PDF-1.7 autre chose").unwrap_or_else(|e| panic!("{e}"));
    let books = Books::open(&db).unwrap_or_else(|e| panic!("{e}"));
    assert!(path.exists() && !tmp.exists());
    assert!(other.exists());
    books
        .read(|l| l.letter_file(rec.id))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_damaged_database_is_restored_from_its_backup_and_its_file_kept_aside() {
    use std::io::{Seek, SeekFrom, Write};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("tact.sqlite3");
    let (good, file) = {
        let books = months_of_activity(&dir);
        let made = backup::create(&books, d("2027-01-21")).unwrap_or_else(|e| panic!("{e}"));
        (
            exchange::archive(&books)
                .unwrap_or_else(|e| panic!("{e}"))
                .0,
            made.path,
        )
    };
    // One zeroed page in the middle of the (closed, checkpointed) file.
    let pages = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0) / 4096;
    {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(&db)
            .unwrap_or_else(|e| panic!("{e}"));
        f.seek(SeekFrom::Start((pages / 2) * 4096))
            .unwrap_or_else(|e| panic!("{e}"));
        f.write_all(&[0u8; 4096]).unwrap_or_else(|e| panic!("{e}"));
    }
    let books = Books::open(&db).unwrap_or_else(|e| panic!("a damaged file still opens: {e}"));
    let outcome = backup::restore(&books, std::path::Path::new(&file), d("2027-01-22"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        outcome.before.name.ends_with("endommagee.sqlite3")
            || outcome.before.name.ends_with(".zip"),
        "{}",
        outcome.before.name
    );
    assert!(std::path::Path::new(&outcome.before.path).exists());
    assert_eq!(
        exchange::archive(&books)
            .unwrap_or_else(|e| panic!("{e}"))
            .0,
        good
    );
    // Writing works again.
    books
        .write(|l| {
            l.add_client(&tact_core::input::ClientInput {
                kind: "professional".into(),
                name: "Nouvelle Agence".into(),
                ..Default::default()
            })
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn restoring_an_old_backup_does_not_prune_it_away() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let old = backup::create(&books, d("2026-09-01")).unwrap_or_else(|e| panic!("{e}"));
    // Ten weeks of daily backups since (names only: retention reads names).
    let folder = backup::folder(&books).unwrap_or_else(|e| panic!("{e}"));
    for i in 1..=70u64 {
        let day = d("2026-09-01")
            .checked_add_days(chrono::Days::new(i))
            .unwrap_or_default();
        std::fs::write(folder.join(format!("tact-{day}.zip")), b"x")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    backup::restore(&books, std::path::Path::new(&old.path), d("2026-11-15"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        std::path::Path::new(&old.path).exists(),
        "the backup just restored is still there"
    );
    // The next ordinary backup prunes as usual: 7 days and 8 weeks.
    backup::create(&books, d("2026-11-16")).unwrap_or_else(|e| panic!("{e}"));
    assert!(!std::path::Path::new(&old.path).exists());
}
