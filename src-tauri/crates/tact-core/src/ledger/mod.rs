//! The ledger: the one entry point for every read and write of the user's books. The use cases above it
//! (tact-usecases), the desktop commands and the CLI call these methods and nothing else.
//!
//! Each write validates its input (see [`crate::input`]), checks it against the books with the one set of
//! ledger checks ([`checks`], taking the write's transaction; importers use the same) and writes inside one
//! transaction: a rejected request writes nothing. The rules themselves live in the pure modules (`standing`,
//! `legal`, `engine`, `plans`, `letters`, `drafts`); the files here gather what they need and store what they
//! decide, one concern each:
//!
//! | file | concern |
//! |---|---|
//! | `clients` | the business profile, the clients |
//! | `invoices` | invoices and credit notes |
//! | `payments` | payments, their allocations, client credit |
//! | `journal` | the client's history |
//! | `lists` | the lists and the client page (derived state as of a date, paged) |
//! | `agenda` | the policy, per-client exceptions, the next step, « Marquer comme fait », Aujourd'hui |
//! | `drafts` | the drafts of a step |
//! | `penalties` | a client's penalties, the rate tables |
//! | `letters` | letters: the document, its archive, its posting |
//! | `plans` | payment calendars: preview, proposal, signature, follow-up |
//! | `bank` | bank statements' credits: stored once, proposals, accept / ignore, rules |
//! | `imports` | invoices and credit notes from files: a batch tried, then written in one transaction |
//! | `mail` | the mailbox settings, a message to send, the states of a send (never the network) |
//! | `checks` | the ledger checks (crate-private) |

mod agenda;
pub mod bank;
pub(crate) mod checks;
mod clients;
mod dashboard;
mod drafts;
pub mod imports;
mod invoices;
mod journal;
mod letters;
mod lists;
pub mod mail;
mod payments;
mod penalties;
mod plans;

pub use crate::legal::{ClientPenalties, InvoicePenalty};
pub use crate::plans::summary as plan_summary;
pub use agenda::{Agenda, AgendaItem};
pub use letters::sha256_hex;
pub use lists::{
    ArchiveFilter, ClientDetail, ClientQuery, ClientRow, ClientSort, InvoicePage, InvoiceQuery,
    InvoiceRow, InvoiceSort, JournalView, Page,
};

use crate::error::Result;
use crate::model::Warning;
use crate::standing::Facts;
use crate::storage::{self as db, OpenReport, Store};
use rusqlite::Connection;
use serde::Serialize;
use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;

/// The settings key of the backups' second folder.
const BACKUP_FOLDER: &str = "backup_folder";

/// A record written, with the non-blocking warnings about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Saved<T> {
    pub record: T,
    pub warnings: Vec<Warning>,
}

/// The user's books.
#[derive(Debug)]
pub struct Ledger {
    store: Store,
    /// The last whole-ledger facts read, with the database's state then: the agenda, the lists and the dashboard
    /// share one read of the books until something is written, here or by another process.
    facts: RefCell<Option<(db::FactsKey, Arc<Facts>)>>,
    /// The last page of « Aujourd'hui » computed, for the same database state, date and page: the shell computes
    /// the first one while the window starts, and the screen gets it at once.
    agenda: RefCell<Option<AgendaMemo>>,
}

/// An agenda page and what it was computed for: the database's state, the date, the offset and the limit.
type AgendaMemo = (db::FactsKey, chrono::NaiveDate, u32, u32, agenda::Agenda);

impl Ledger {
    /// Open the ledger at `path`, creating and migrating it as needed.
    pub fn open(path: &Path) -> Result<Ledger> {
        Ok(Ledger {
            store: Store::open(path)?,
            facts: RefCell::new(None),
            agenda: RefCell::new(None),
        })
    }

    pub fn open_in_memory() -> Result<Ledger> {
        Ok(Ledger {
            store: Store::open_in_memory()?,
            facts: RefCell::new(None),
            agenda: RefCell::new(None),
        })
    }

    /// What opening the database did (schema versions, the backup made before migrating).
    pub fn open_report(&self) -> &OpenReport {
        self.store.open_report()
    }

    /// The database file, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.store.path()
    }

    fn conn(&self) -> &Connection {
        self.store.conn()
    }

    /// The whole ledger's facts: read again only when the database changed since the last read (a row written
    /// by this connection, or a commit by another one: SQLite's `total_changes()` and `PRAGMA data_version`).
    fn facts(&self) -> Result<Arc<Facts>> {
        let key = db::facts_key(self.conn())?;
        if let Some((k, f)) = self.facts.borrow().as_ref() {
            if *k == key {
                return Ok(Arc::clone(f));
            }
        }
        let facts = Arc::new(db::load_facts(self.conn())?);
        *self.facts.borrow_mut() = Some((key, Arc::clone(&facts)));
        Ok(facts)
    }

    /// Hand back the database cache's pages this connection holds and does not use (`sqlite3_db_release_memory`):
    /// after a whole-ledger read, up to the cache's 2 MiB that the system's file cache holds anyway. The facts and
    /// the computed agenda stay.
    pub fn release_memory(&self) -> Result<()> {
        Ok(self.conn().release_memory()?)
    }

    pub fn is_empty(&self) -> Result<bool> {
        db::ledger_is_empty(self.conn())
    }

    /// Run `f` in one write transaction of the books (the export/import module and the importers): committed if
    /// it returns `Ok`, rolled back otherwise.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.store.write(f)
    }

    /// A consistent copy of the whole database at `dest` (a backup's content).
    pub fn snapshot_to(&self, dest: &Path) -> Result<()> {
        self.store.snapshot(dest)
    }

    /// Replace the whole books by the database at `source` (a backup being restored): open it on its own first
    /// (which refuses a foreign or newer file and migrates an older one) and check it whole.
    pub fn restore_from(&mut self, source: &Path) -> Result<()> {
        {
            let candidate = Store::open(source)?;
            candidate.check_integrity()?;
        }
        // The pages are replaced under this connection: whatever was read before is stale.
        self.facts.replace(None);
        self.store.replace_with(source)
    }

    /// The folder chosen for a second copy of the backups (a synced folder, a USB key), if any.
    pub fn backup_folder(&self) -> Result<Option<std::path::PathBuf>> {
        Ok(db::setting_get(self.conn(), BACKUP_FOLDER)?
            .and_then(|json| serde_json::from_str::<String>(&json).ok())
            .map(std::path::PathBuf::from))
    }

    /// Choose (or, with `None`, forget) the folder for a second copy of the backups. It must exist.
    pub fn set_backup_folder(&mut self, folder: Option<&Path>) -> Result<()> {
        match folder {
            None => self.store.write(|tx| db::setting_clear(tx, BACKUP_FOLDER)),
            Some(dir) => {
                if !dir.is_dir() {
                    return Err(crate::Error::field(
                        crate::ErrorCode::InvalidSetting,
                        "backup_folder",
                        format!(
                            "Dossier des copies\u{a0}: {} n'existe pas ou n'est pas un dossier.",
                            dir.display()
                        ),
                    ));
                }
                let json = serde_json::to_string(&dir.to_string_lossy())
                    .map_err(crate::Error::database)?;
                self.store
                    .write(|tx| db::setting_put(tx, BACKUP_FOLDER, &json))
            }
        }
    }

    /// Read access for the export module.
    pub(crate) fn read_conn(&self) -> &Connection {
        self.conn()
    }
}
