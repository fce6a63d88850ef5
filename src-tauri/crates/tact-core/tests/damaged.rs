//! A damaged database is not written to: the first write of a session checks the file, refuses with a French
//! message that says how to get the books back, and leaves the file as it was.

use std::io::{Seek, SeekFrom, Write};
use tact_core::input::ClientInput;
use tact_core::{ErrorCode, Ledger};

#[test]
fn one_zeroed_page_and_tact_stops_writing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("tact.sqlite3");
    {
        let mut l = Ledger::open(&path).unwrap_or_else(|e| panic!("{e}"));
        l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    }
    // Closed: the WAL is checkpointed into the file. Zero one page in the middle of it.
    let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let pages = len / 4096;
    assert!(pages > 6, "{pages} pages");
    {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap_or_else(|e| panic!("{e}"));
        f.seek(SeekFrom::Start((pages / 2) * 4096))
            .unwrap_or_else(|e| panic!("{e}"));
        f.write_all(&[0u8; 4096]).unwrap_or_else(|e| panic!("{e}"));
        f.sync_all().unwrap_or_else(|e| panic!("{e}"));
    }
    let before = std::fs::read(&path).unwrap_or_default();

    let mut l = Ledger::open(&path).unwrap_or_else(|e| panic!("opening stays possible: {e}"));
    let err = l
        .add_client(&ClientInput {
            kind: "professional".into(),
            name: "Nouvelle Agence".into(),
            ..Default::default()
        })
        .expect_err("a damaged file must not be written to");
    assert_eq!(err.code, ErrorCode::DatabaseDamaged);
    assert!(err.message.contains("endommagée"), "{}", err.message);
    assert!(err.message.contains("sauvegarde"), "{}", err.message);
    assert!(
        err.message.contains(&path.display().to_string()),
        "{}",
        err.message
    );
    drop(l);
    assert!(
        std::fs::read(&path).unwrap_or_default() == before,
        "the file is left as it was"
    );
}

#[test]
fn a_sound_file_is_written_to_after_its_check() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut l = Ledger::open(&dir.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    let c = l
        .add_client(&ClientInput {
            kind: "professional".into(),
            name: "Nouvelle Agence".into(),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(c.id > 0);
}
