//! The open books, shared by every request of the desktop app (and used by the CLI the same way).
//!
//! One [`Ledger`] behind one lock. A request holds the lock only for its reads or its write: anything slow — a PDF
//! rendered, a file written, a message sent, a statement parsed — happens between a [`Books::read`] that gathers
//! what it needs and a [`Books::write`] that records the result (see [`crate::jobs`]).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use tact_core::storage::OpenReport;
use tact_core::{Error, ErrorCode, Ledger, Result};

/// How many clients the first page of « Aujourd'hui » shows (`LIMIT` in ui/src/screens/Today.svelte).
pub const FIRST_PAGE: u32 = 25;

/// The user's books, open.
#[derive(Debug)]
pub struct Books {
    ledger: Mutex<Ledger>,
    path: Option<PathBuf>,
    report: OpenReport,
}

impl Books {
    /// Open (creating and migrating as needed) the database at `path`, and put back any archived letter whose
    /// PDF a stopped process left under its temporary name.
    pub fn open(path: &Path) -> Result<Books> {
        let ledger = Ledger::open(path)?;
        // Best effort: a damaged file must still open, so that its last backup can be restored.
        let _ = ledger.recover_letter_files();
        Ok(Self::from_ledger(ledger))
    }

    /// Books in memory (tests).
    pub fn in_memory() -> Result<Books> {
        Ok(Self::from_ledger(Ledger::open_in_memory()?))
    }

    pub fn from_ledger(ledger: Ledger) -> Books {
        Books {
            path: ledger.path().map(Path::to_owned),
            report: ledger.open_report().clone(),
            ledger: Mutex::new(ledger),
        }
    }

    /// The database file (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// What opening did: schema versions, and the backup made before a migration.
    pub fn open_report(&self) -> &OpenReport {
        &self.report
    }

    fn lock(&self) -> Result<MutexGuard<'_, Ledger>> {
        self.ledger.lock().map_err(|_| {
            Error::new(
                ErrorCode::Database,
                "La base de données est indisponible après une erreur interne\u{a0}; redémarrez Tact.",
            )
        })
    }

    /// The first screen, « Aujourd'hui », computed ahead (its first page of [`FIRST_PAGE`] clients): the desktop
    /// app calls it while its window starts, so the screen's own request finds it ready (the ledger keeps it until
    /// the next write). Its error, if any, is the screen's to show: it is dropped here. The database cache it
    /// filled is then handed back (the agenda is kept, not the pages it was read from).
    pub fn prepare_first_screen(&self, today: chrono::NaiveDate) {
        let _ = self.read(|l| {
            let agenda = l.agenda(today, 0, FIRST_PAGE);
            l.release_memory()?;
            agenda
        });
    }

    /// Read the books: the lock is held while `f` runs, so keep it to reads.
    pub fn read<T>(&self, f: impl FnOnce(&Ledger) -> Result<T>) -> Result<T> {
        f(&*self.lock()?)
    }

    /// Write to the books (each ledger write is one transaction): the lock is held while `f` runs.
    pub fn write<T>(&self, f: impl FnOnce(&mut Ledger) -> Result<T>) -> Result<T> {
        f(&mut *self.lock()?)
    }
}
