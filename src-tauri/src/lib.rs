//! Tact's desktop shell. It owns the window, the IPC, the dialogs and the app state; every command parses, makes
//! one call to the use cases (`tact_usecases`) or the ledger through [`Books`], and returns (see commands.rs).
//! Nothing here computes money or applies a business rule.

pub mod bindings;
pub mod commands;
pub mod memory;

use chrono::NaiveDate;
use std::path::PathBuf;
use tact_core::{Error, ErrorCode};
use tact_usecases::Books;
use tauri::Manager;
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

/// The open books and where they live.
pub struct AppState {
    pub books: Books,
    pub db_path: PathBuf,
    /// For the commands that open a save dialog or the mail program.
    pub app: tauri::AppHandle,
    /// The progress of the running import (« Annuler » and the progress bar read it).
    pub import_progress: std::sync::Mutex<std::sync::Arc<tact_usecases::jobs::Progress>>,
    /// The mailbox password: the system keyring, else kept for this session.
    pub secrets: tact_usecases::secrets::Secrets,
}

impl AppState {
    /// Today for this request: `TACT_TODAY` when set (demonstrations, tests), else the clock. Taken once per
    /// command, here only.
    pub fn today(&self) -> NaiveDate {
        tact_usecases::clock::app_today()
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

/// The automatic backup: checked 30 s after the start, then every hour while the app runs (made at most once a day, when the
/// books changed; see `tact_usecases::backup`). Off the main thread, on a connection of its own.
fn spawn_automatic_backups(handle: tauri::AppHandle) {
    std::thread::spawn(move || {
        // The first one waits until the first screen is long painted: a backup reads the whole books and writes
        // them as one archive (for 100 000 invoices, about a second of both cores and tens of MiB), which made the
        // opening twice as slow when it ran alongside (scripts/bench-desktop).
        std::thread::sleep(FIRST_BACKUP_AFTER);
        loop {
            let state = handle.state::<AppState>();
            if let Err(e) = tact_usecases::backup::auto(&state.books, state.today()) {
                eprintln!("Sauvegarde automatique impossible\u{a0}: {}", e.message);
            }
            memory::release_freed_memory();
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    });
}

/// How long after the start the first automatic backup is made (then every hour, once a day at most).
const FIRST_BACKUP_AFTER: std::time::Duration = std::time::Duration::from_secs(30);

/// Files dropped onto the window: the page hears of them as DOM events (`tact-drop` with the paths, and
/// `tact-drag` while they hover), sent from here, so the window needs no event permission. The import screen then
/// hands the paths to the same command as the file picker.
fn forward_file_drops(window: &tauri::Window, event: &tauri::WindowEvent) {
    use tauri::{DragDropEvent, WindowEvent};
    let js = match event {
        WindowEvent::DragDrop(DragDropEvent::Enter { .. }) => {
            "window.dispatchEvent(new CustomEvent('tact-drag', { detail: true }))".to_owned()
        }
        WindowEvent::DragDrop(DragDropEvent::Leave) => {
            "window.dispatchEvent(new CustomEvent('tact-drag', { detail: false }))".to_owned()
        }
        WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) => {
            let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            let Ok(json) = serde_json::to_string(&paths) else {
                return;
            };
            format!("window.dispatchEvent(new CustomEvent('tact-drop', {{ detail: {json} }}))")
        }
        _ => return,
    };
    if let Some(w) = window.app_handle().get_webview_window(window.label()) {
        let _ = w.eval(&js);
    }
}

pub fn run() {
    // WebKitGTK's accelerated compositing keeps layer tiles for every scrolling area: about 100 MiB more for
    // these screens (scripts/bench-desktop), and a known cause of blank windows with some GPU drivers. Tact's
    // calm, static screens do not need it. A value the user set is respected. Set before any thread starts.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    // JavaScriptCore's optimizing tiers (DFG, then FTL) recompile on background threads the script that runs hot;
    // Tact's screens run little script, and at start those threads took a core from the page being drawn: the first
    // screen came 0,09 s later and the web process held 7 MiB more (scripts/bench-desktop, 100 000 invoices). The
    // interpreter and the baseline JIT stay. A value the user set is respected.
    #[cfg(target_os = "linux")]
    if std::env::var_os("JSC_useDFGJIT").is_none() {
        std::env::set_var("JSC_useDFGJIT", "0");
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // Used from Rust only (the mailto: link); the window gets no opener permission.
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            // The database first: the main window (not created from the config, see tauri.conf.json) only opens
            // once the books are open. On failure, say why and where, never replace or "repair" the file (it is
            // the user's books), and quit when the message is closed. The dialog must not block here: setup runs
            // on the main thread before the event loop.
            let opened =
                database_path().and_then(|path| Books::open(&path).map(|books| (books, path)));
            match opened {
                Ok((books, db_path)) => {
                    app.manage(AppState {
                        books,
                        db_path,
                        app: app.handle().clone(),
                        import_progress: Default::default(),
                        secrets: {
                            let s = tact_usecases::secrets::Secrets::system();
                            if let Some(why) = s.cause() {
                                eprintln!("Trousseau du système indisponible\u{a0}: {why}");
                            }
                            s
                        },
                    });
                    // « Aujourd'hui » is computed while the window starts (the two overlap on two cores).
                    let handle = app.handle().clone();
                    std::thread::spawn(move || {
                        let state = handle.state::<AppState>();
                        state.books.prepare_first_screen(state.today());
                        memory::release_freed_memory();
                    });
                    spawn_automatic_backups(app.handle().clone());
                    let config = app
                        .config()
                        .app
                        .windows
                        .first()
                        .cloned()
                        .ok_or("no window in tauri.conf.json")?;
                    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?.build()?;
                }
                Err(e) => {
                    let path = database_path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    eprintln!(
                        "Tact ne peut pas ouvrir vos données ({path})\u{a0}: {}",
                        e.message
                    );
                    // The domain's message already names the file and says it was left as it was.
                    let mut body = e.message.clone();
                    if !body.contains(&path) {
                        body.push_str(&format!("\n\nFichier\u{a0}: {path}"));
                    }
                    body.push_str("\n\nTact va se fermer.");
                    app.dialog()
                        .message(body)
                        .title("Tact ne peut pas ouvrir vos données")
                        .kind(MessageDialogKind::Error)
                        .show(|_| std::process::exit(1));
                }
            }
            Ok(())
        })
        .on_window_event(forward_file_drops)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Tact n'a pas pu démarrer\u{a0}: {e}");
            std::process::exit(1);
        });
}
