//! Storage: the only module that speaks SQL.
//!
//! - One SQLite file (bundled SQLite), opened with `foreign_keys=ON`, WAL, `synchronous=FULL`.
//! - Numbered migrations are embedded in the binary and applied together in one transaction; the schema version
//!   is `PRAGMA user_version`, and a database newer than this build is refused, never touched.
//! - Before migrating an existing database, a consistent copy is written next to it (`VACUUM INTO`).
//! - A file that is not a Tact database is refused, never "repaired" or replaced: it is the user's books.
//!
//! The statements are split by table (`clients`, `invoices`, …; `facts` for the whole-ledger reads), crate-private:
//! only the ledger calls them. Reads take a `&Connection`; writes take the `Transaction` of [`Store::write`], so a
//! write outside a transaction does not compile.

mod bank;
mod business;
mod clients;
mod credit_notes;
mod facts;
mod invoices;
mod journal;
mod letters;
mod mail;
mod payments;
mod plans;
mod rows;
mod settings;
mod sources;

pub(crate) use bank::*;
pub(crate) use business::*;
pub(crate) use clients::*;
pub(crate) use credit_notes::*;
pub(crate) use facts::*;
pub(crate) use invoices::*;
pub(crate) use journal::*;
pub(crate) use letters::*;
pub(crate) use mail::*;
pub(crate) use payments::*;
pub(crate) use plans::*;
pub(crate) use settings::*;
pub(crate) use sources::*;

use crate::error::{Error, ErrorCode, Result};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// Marks a SQLite file as Tact's (`PRAGMA application_id`, ASCII "TACT").
pub const APPLICATION_ID: i32 = 0x5441_4354;

/// A numbered schema migration.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, in order. Append only: a released migration is never edited.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "ledger",
        sql: include_str!("migrations/0001_ledger.sql"),
    },
    Migration {
        version: 2,
        name: "journal",
        sql: include_str!("migrations/0002_journal.sql"),
    },
    Migration {
        version: 3,
        name: "tact",
        sql: include_str!("migrations/0003_tact.sql"),
    },
    Migration {
        version: 4,
        name: "letters",
        sql: include_str!("migrations/0004_letters.sql"),
    },
    Migration {
        version: 5,
        name: "plans",
        sql: include_str!("migrations/0005_plans.sql"),
    },
    Migration {
        version: 6,
        name: "letter_invoices",
        sql: include_str!("migrations/0006_letter_invoices.sql"),
    },
    Migration {
        version: 7,
        name: "penalty_claim",
        sql: include_str!("migrations/0007_penalty_claim.sql"),
    },
    Migration {
        version: 8,
        name: "sources",
        sql: include_str!("migrations/0008_sources.sql"),
    },
    Migration {
        version: 9,
        name: "bank",
        sql: include_str!("migrations/0009_bank.sql"),
    },
    Migration {
        version: 10,
        name: "sent_messages",
        sql: include_str!("migrations/0010_sent_messages.sql"),
    },
    Migration {
        version: 11,
        name: "civility",
        sql: include_str!("migrations/0011_civility.sql"),
    },
    Migration {
        version: 12,
        name: "payment_reversals",
        sql: include_str!("migrations/0012_payment_reversals.sql"),
    },
];

/// The schema version this build writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// What happened when the database was opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    pub from_version: u32,
    pub to_version: u32,
    /// The copy made before migrating, if a migration ran on an existing database.
    pub backup: Option<PathBuf>,
}

/// An open Tact database.
#[derive(Debug)]
pub(crate) struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    report: OpenReport,
    /// The file passed `PRAGMA quick_check` in this session: checked before the first write, not at every open
    /// (on a 100 000-invoice ledger it reads every page, about 150 ms).
    checked: bool,
}

impl Store {
    /// Open (creating if needed) the database at `path` and bring its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, MIGRATIONS)
    }

    /// In-memory database for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure_session(&conn)?;
        configure_storage(&conn, false)?;
        let report = migrate(&mut conn, None, MIGRATIONS)?;
        Ok(Store {
            conn,
            path: None,
            report,
            checked: false,
        })
    }

    #[doc(hidden)]
    pub fn open_with(path: &Path, migrations: &[Migration]) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::new(
                    ErrorCode::Io,
                    format!(
                        "Impossible de créer le dossier de la base de données {}\u{a0}: {e}.",
                        dir.display()
                    ),
                )
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| open_error(path, &e))?;
        // Identify the file before anything could write to it: a newer or foreign database is left byte for byte
        // as it was (switching to WAL, for one, rewrites the header).
        configure_session(&conn).map_err(|e| with_path(e, path))?;
        check_identity(&conn, migrations).map_err(|e| with_path(e, path))?;
        configure_storage(&conn, true).map_err(|e| with_path(e, path))?;
        let report = migrate(&mut conn, Some(path), migrations).map_err(|e| with_path(e, path))?;
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
            report,
            checked: false,
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn open_report(&self) -> &OpenReport {
        &self.report
    }

    /// Read-only access.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Run `f` in one IMMEDIATE transaction: committed if it returns `Ok`, rolled back otherwise, so a rejected
    /// request writes nothing.
    /// A damaged file is never written to: the first write of a session checks the whole file first.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.begin_write()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// An IMMEDIATE transaction, the file checked whole on the session's first write.
    fn begin_write(&mut self) -> Result<Transaction<'_>> {
        if !self.checked {
            self.check_integrity()?;
            self.checked = true;
        }
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Runs `f` in a write transaction that is always rolled back: the checks of a write without the write (an
    /// import's preview).
    pub fn trial<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.begin_write()?;
        let out = f(&tx)?;
        tx.rollback()?;
        Ok(out)
    }
}

impl Store {
    /// A consistent copy of the whole database at `dest` (which must not exist, or be empty), taken while other
    /// connections may be writing: what a backup holds.
    pub fn snapshot(&self, dest: &Path) -> Result<()> {
        self.conn
            .execute("VACUUM INTO ?1", [dest.to_string_lossy().as_ref()])
            .map_err(|e| {
                Error::new(
                    ErrorCode::Io,
                    format!(
                        "La copie de la base vers {} a échoué\u{a0}: {e}.",
                        dest.display()
                    ),
                )
            })?;
        Ok(())
    }

    /// Replace the whole database by the one at `source` (already opened, checked and migrated by the caller),
    /// page by page through SQLite's backup API, as one change other connections see at once. Used to restore a
    /// backup; the damaged-file check is not run first (restoring is the way out of a damaged file), and runs
    /// again before the next write.
    pub fn replace_with(&mut self, source: &Path) -> Result<()> {
        self.conn
            .restore(
                rusqlite::MAIN_DB,
                source,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|e| {
                Error::new(
                    ErrorCode::Database,
                    format!("La restauration depuis {} a échoué\u{a0}: {e}. La base n'a pas été modifiée.", source.display()),
                )
            })?;
        self.checked = false;
        check_identity(&self.conn, MIGRATIONS)?;
        Ok(())
    }

    /// `PRAGMA quick_check`: every page and index readable and consistent, else a damaged-database error naming
    /// the file.
    pub fn check_integrity(&self) -> Result<()> {
        // A page damaged badly enough makes the check itself fail: that is the answer too.
        let checked: rusqlite::Result<Vec<String>> = self
            .conn
            .prepare("PRAGMA quick_check(3)")
            .and_then(|mut stmt| {
                stmt.query_map([], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<_>>()
            });
        let problems = match checked {
            Ok(p) if p.len() == 1 && p[0] == "ok" => return Ok(()),
            Ok(p) => p,
            Err(e) => vec![e.to_string()],
        };
        let e = Error::damaged(problems.join("\u{a0}; "));
        Err(match &self.path {
            Some(p) => with_path(e, p),
            None => e,
        })
    }
}

fn open_error(path: &Path, e: &rusqlite::Error) -> Error {
    Error::new(
        ErrorCode::Database,
        format!(
            "Impossible d'ouvrir la base de données {}\u{a0}: {e}.",
            path.display()
        ),
    )
}

fn with_path(mut e: Error, path: &Path) -> Error {
    if !e.message.contains(&path.display().to_string()) {
        e.message = format!(
            "{} (fichier\u{a0}: {})",
            e.message.trim_end_matches('.'),
            path.display()
        );
    }
    e
}

/// Connection settings that never write to the file.
fn configure_session(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Storage settings, once the file is known to be a Tact database this build may open (WAL writes the header).
fn configure_storage(conn: &Connection, on_disk: bool) -> Result<()> {
    if on_disk {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::database(format!("mode WAL refusé (mode {mode})")));
        }
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    // No memory map: with one, every page of the file a scan touched stays mapped into the app's memory for as long
    // as it runs (≈ 20 MiB for 100 000 invoices, scripts/bench-desktop); without, SQLite reads pages through the
    // system's file cache into its own small page cache, for the same speed of the whole-table scans (the ledger
    // benchmark). Writes are unaffected (WAL).
    conn.pragma_update(None, "mmap_size", 0_i64)?;
    Ok(())
}

fn read_version(conn: &Connection) -> Result<(u32, i32, i64)> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(identify_error)?;
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let objects: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
        [],
        |r| r.get(0),
    )?;
    Ok((u32::try_from(version).unwrap_or(u32::MAX), app_id, objects))
}

/// Reading a file's header failed: only « not a database » means that the file is not one; a folder Tact cannot
/// write to, a locked or missing file is said as such (in French, by the SQLite mapping).
fn identify_error(e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) | None => Error::new(
            ErrorCode::NotATactDatabase,
            format!("Ce fichier n'est pas une base de données SQLite lisible ({e})."),
        ),
        Some(_) => Error::from(e),
    }
}

/// Refuse, without writing anything, a file that is not a Tact database or comes from a newer Tact. Returns the
/// schema version.
fn check_identity(conn: &Connection, migrations: &[Migration]) -> Result<u32> {
    let latest = migrations.last().map_or(0, |m| m.version);
    let (current, app_id, objects) = read_version(conn)?;
    if app_id != APPLICATION_ID && (app_id != 0 || current != 0 || objects > 0) {
        return Err(Error::new(
            ErrorCode::NotATactDatabase,
            "Ce fichier n'est pas une base de données Tact\u{a0}; il n'a pas été modifié.",
        ));
    }
    if current > latest {
        return Err(Error::new(
            ErrorCode::DatabaseNewer,
            format!(
                "Cette base de données a été créée par une version plus récente de Tact (schéma {current}, cette version connaît le schéma {latest}). Mettez Tact à jour\u{a0}; la base n'a pas été modifiée."
            ),
        ));
    }
    Ok(current)
}

/// Bring the schema to the last of `migrations`, all in one transaction.
fn migrate(
    conn: &mut Connection,
    path: Option<&Path>,
    migrations: &[Migration],
) -> Result<OpenReport> {
    let latest = migrations.last().map_or(0, |m| m.version);
    let current = check_identity(conn, migrations)?;
    let mut report = OpenReport {
        from_version: current,
        to_version: current,
        backup: None,
    };
    if current == latest {
        return Ok(report);
    }
    if current > 0 {
        if let Some(path) = path {
            report.backup = Some(backup_before_migration(conn, path, current)?);
        }
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    if current == 0 {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    for m in migrations.iter().filter(|m| m.version > current) {
        tx.execute_batch(m.sql).map_err(|e| {
            Error::database(format!(
                "la migration {} ({}) a échoué\u{a0}: {e}\u{a0}; rien n'a été modifié",
                m.version, m.name
            ))
        })?;
    }
    tx.pragma_update(None, "user_version", latest)?;
    tx.commit()?;
    report.to_version = latest;
    Ok(report)
}

/// A consistent copy of the database next to it, named `<file>.schema-<N>.bak` (a number is added if that name is
/// taken: an earlier backup is never overwritten). The copy is written under a temporary name, flushed, and only
/// then given its name: a migration stopped half-way leaves no half-written file under a backup's name.
fn backup_before_migration(conn: &Connection, path: &Path, to_version: u32) -> Result<PathBuf> {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tact.sqlite3".into());
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let failed = |what: &dyn std::fmt::Display| {
        Error::new(
            ErrorCode::Io,
            format!(
                "La copie de sauvegarde avant mise à jour de la base (dans {}) a échoué\u{a0}: {what}. La base n'a pas été modifiée.",
                dir.display()
            ),
        )
    };
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{file}.schema-{to_version}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| failed(&e))?;
    conn.execute("VACUUM INTO ?1", [tmp.path().to_string_lossy().as_ref()])
        .map_err(|e| failed(&e))?;
    std::fs::File::open(tmp.path())
        .and_then(|f| f.sync_all())
        .map_err(|e| failed(&e))?;
    let mut tmp = tmp;
    let mut n = 1u32;
    loop {
        let name = if n == 1 {
            format!("{file}.schema-{to_version}.bak")
        } else {
            format!("{file}.schema-{to_version}.{n}.bak")
        };
        let target = dir.join(name);
        match tmp.persist_noclobber(&target) {
            Ok(_) => {
                crate::files::sync_dir(dir);
                return Ok(target);
            }
            Err(e) if target.exists() && n < 1000 => {
                tmp = e.file;
                n = n.saturating_add(1);
            }
            Err(e) => return Err(failed(&e.error)),
        }
    }
}

/// Where the desktop app and the CLI keep the database by default: the OS app-data directory, under the same
/// identifier Tauri uses (`fr.tact.app`), e.g. `~/.local/share/fr.tact.app/tact.sqlite3` on Linux.
pub fn default_db_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER).join(DB_FILE_NAME))
}

pub const APP_IDENTIFIER: &str = "fr.tact.app";
pub const DB_FILE_NAME: &str = "tact.sqlite3";

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::arithmetic_side_effects)]
mod migration_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn count(conn: &Connection, table: &str) -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap_or(-1)
    }

    /// Fill a database at schema 1 with one row in every table, using only the SQL that existed then.
    fn fill_v1(conn: &Connection) {
        conn.execute_batch(
            "INSERT INTO business (id, legal_name, default_terms) VALUES (1, 'Atelier Marchand', '30');
             INSERT INTO clients (id, kind, name, client_since) VALUES (1, 'professional', 'Agence Lumière SARL', '2022-03-01');
             INSERT INTO clients (id, kind, name) VALUES (2, 'consumer', 'M. Julien Roche');
             INSERT INTO invoices (id, number, client_id, issue_date, terms, due_date, amount_cents)
                  VALUES (1, 'F-2026-033', 1, '2026-08-31', '30', '2026-09-30', 60000);
             INSERT INTO payments (id, client_id, date, amount_cents, method) VALUES (1, 1, '2026-10-12', 30000, 'virement');
             INSERT INTO allocations (payment_id, invoice_id, amount_cents) VALUES (1, 1, 30000);
             INSERT INTO credit_notes (id, number, invoice_id, date, amount_cents) VALUES (1, 'AV-1', 1, '2026-10-13', 1000);",
        )
        .unwrap_or_else(|e| panic!("fill v1: {e}"));
    }

    #[test]
    fn a_filled_v1_database_keeps_every_row_when_migrated_and_is_backed_up_first() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("tact.sqlite3");
        {
            let store = Store::open_with(&path, &MIGRATIONS[..1]).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(store.open_report().to_version, 1);
            fill_v1(store.conn());
        }
        let before: Vec<(String, i64)> = [
            "business",
            "clients",
            "invoices",
            "payments",
            "allocations",
            "credit_notes",
        ]
        .iter()
        .map(|t| {
            let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
            (t.to_string(), count(&conn, t))
        })
        .collect();

        let store = Store::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let report = store.open_report().clone();
        assert_eq!(
            (report.from_version, report.to_version),
            (1, latest_version())
        );
        for (table, n) in &before {
            assert_eq!(count(store.conn(), table), *n, "{table}");
        }
        let name: String = store
            .conn()
            .query_row("SELECT name FROM clients WHERE id = 1", [], |r| r.get(0))
            .unwrap_or_default();
        assert_eq!(name, "Agence Lumière SARL");
        assert_eq!(count(store.conn(), "journal"), 0);

        // The backup is a readable copy at the old schema with the same rows.
        let backup = report.backup.unwrap_or_else(|| panic!("no backup made"));
        let old = Connection::open(&backup).unwrap_or_else(|e| panic!("{e}"));
        let v: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap_or(-1);
        assert_eq!(v, 1);
        assert_eq!(count(&old, "allocations"), 1);
    }

    #[test]
    fn a_database_newer_than_the_app_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("tact.sqlite3");
        drop(Store::open(&path).unwrap_or_else(|e| panic!("{e}")));
        {
            let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
            conn.pragma_update(None, "user_version", latest_version() + 1)
                .unwrap_or_else(|e| panic!("{e}"));
            // As a future Tact might leave it: in rollback-journal mode, so that a switch to WAL would show.
            let _: String = conn
                .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
                .unwrap_or_default();
        }
        let before = std::fs::read(&path).unwrap_or_default();
        let err = Store::open(&path).expect_err("newer database must be refused");
        assert_eq!(
            std::fs::read(&path).unwrap_or_default(),
            before,
            "the file must be left byte for byte"
        );
        assert_eq!(err.code, ErrorCode::DatabaseNewer);
        assert!(
            err.message.contains(&path.display().to_string()),
            "{}",
            err.message
        );
        let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap_or(-1);
        assert_eq!(v, i64::from(latest_version() + 1));
    }

    #[test]
    fn a_failing_migration_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("tact.sqlite3");
        drop(Store::open_with(&path, &MIGRATIONS[..1]).unwrap_or_else(|e| panic!("{e}")));
        let broken = [
            MIGRATIONS[0],
            Migration {
                version: 2,
                name: "half",
                sql: "CREATE TABLE half_done (x INTEGER) STRICT; THIS IS NOT SQL;",
            },
        ];
        let err = Store::open_with(&path, &broken).expect_err("broken migration");
        assert_eq!(err.code, ErrorCode::Database);
        let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap_or(-1);
        assert_eq!(v, 1);
        let half: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'",
                [],
                |r| r.get(0),
            )
            .unwrap_or(-1);
        assert_eq!(half, 0);
    }

    #[test]
    fn a_foreign_file_is_refused_and_not_modified() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("other.sqlite3");
        {
            let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
            conn.execute_batch("CREATE TABLE photos (id INTEGER); INSERT INTO photos VALUES (1);")
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let before = std::fs::read(&path).unwrap_or_default();
        assert_eq!(
            Store::open(&path).map_err(|e| e.code).err(),
            Some(ErrorCode::NotATactDatabase)
        );
        assert_eq!(
            std::fs::read(&path).unwrap_or_default(),
            before,
            "the file must be left byte for byte"
        );
        let text = dir.path().join("notes.txt");
        std::fs::write(
            &text,
            "ceci n'est pas une base de données, mais un texte assez long pour ne pas être vide.\n"
                .repeat(20),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            Store::open(&text).map_err(|e| e.code).err(),
            Some(ErrorCode::NotATactDatabase)
        );
        assert!(std::fs::read_to_string(&text)
            .unwrap_or_default()
            .starts_with("ceci n'est pas"));
    }

    #[test]
    fn a_file_tact_cannot_open_is_not_called_foreign() {
        let sql = |code| rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None);
        assert_eq!(
            identify_error(sql(rusqlite::ffi::SQLITE_NOTADB)).code,
            ErrorCode::NotATactDatabase
        );
        let ro = identify_error(sql(rusqlite::ffi::SQLITE_CANTOPEN));
        assert_eq!(ro.code, ErrorCode::Database);
        assert!(ro.message.contains("le droit d'y écrire"), "{}", ro.message);
        let ro = identify_error(sql(rusqlite::ffi::SQLITE_READONLY));
        assert!(ro.message.contains("lecture seule"), "{}", ro.message);
    }

    #[test]
    fn pragmas_are_set() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = Store::open(&dir.path().join("t.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
        let fk: i64 = store
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap_or(0);
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap_or_default();
        let sync: i64 = store
            .conn()
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap_or(0);
        assert_eq!((fk, mode.as_str(), sync), (1, "wal", 2));
    }

    #[test]
    fn the_journal_is_append_only() {
        let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        store
            .conn()
            .execute_batch(
                "INSERT INTO clients (id, kind, name) VALUES (1, 'professional', 'X');
                 INSERT INTO journal (id, client_id, date, kind, text) VALUES (1, 1, '2026-11-02', 'note', 'a');",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(store
            .conn()
            .execute("UPDATE journal SET text = 'b'", [])
            .is_err());
        assert!(store.conn().execute("DELETE FROM journal", []).is_err());
    }
}
