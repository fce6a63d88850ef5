//! Tact's desktop shell. It owns the window, the IPC and the app state; every command is a one-line delegation
//! to `tact_core::Ledger` (see commands.rs). Nothing here computes money or applies a business rule.

pub mod bindings;
pub mod commands;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use tact_core::{Error, ErrorCode, Ledger};
use tauri::Manager;
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

/// The open ledger and where it lives.
pub struct AppState {
    ledger: Mutex<Ledger>,
    pub db_path: PathBuf,
}

impl AppState {
    /// The ledger, for one command at a time.
    pub fn ledger(&self) -> Result<MutexGuard<'_, Ledger>, Error> {
        self.ledger
            .lock()
            .map_err(|_| Error::new(ErrorCode::Database, "La base de données est indisponible après une erreur interne\u{a0}; redémarrez Tact."))
    }
}

/// Where the database is: `TACT_DB` when set (tests, several books), else the app-data directory shared with
/// the `tact` command line.
pub fn database_path() -> Result<PathBuf, Error> {
    if let Some(p) = std::env::var_os("TACT_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    tact_core::storage::default_db_path().ok_or_else(|| {
        Error::new(
            ErrorCode::Io,
            "Impossible de trouver le dossier de données de l'application.",
        )
    })
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            // The database first, before any window can ask for data. On failure: say why and where, never
            // replace or "repair" the file (it is the user's books), and quit.
            let opened = database_path().and_then(|path| Ledger::open(&path).map(|ledger| (ledger, path)));
            match opened {
                Ok((ledger, db_path)) => {
                    app.manage(AppState { ledger: Mutex::new(ledger), db_path });
                    Ok(())
                }
                Err(e) => {
                    let path = database_path().map(|p| p.display().to_string()).unwrap_or_default();
                    app.dialog()
                        .message(format!(
                            "{}\n\nFichier\u{a0}: {path}\n\nVotre fichier n'a pas été modifié. Tact va se fermer.",
                            e.message
                        ))
                        .title("Tact ne peut pas ouvrir vos données")
                        .kind(MessageDialogKind::Error)
                        .blocking_show();
                    std::process::exit(1);
                }
            }
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Tact n'a pas pu démarrer\u{a0}: {e}");
            std::process::exit(1);
        });
}
