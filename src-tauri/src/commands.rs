//! The IPC commands. Each parses its input, makes one call — a use case of `tact_usecases`, or one `Ledger`
//! method through `Books` — and returns a serializable result or a structured error `{code, message, field}`
//! (French message, stable code). « Today » is taken once per request (`AppState::today`). Commands run off the
//! main thread (`async`); file dialogs are the only thing the shell adds. Adding a command: see "Adding a command"
//! in docs/ARCHITECTURE.md (here, `signatures!`, build.rs, the capability, the bindings).

use crate::AppState;
use chrono::NaiveDate;
use serde::Serialize;
use tact_core::dashboard::{Dashboard, ReportKind, Selection};
use tact_core::drafts::{Draft, EmailText};
use tact_core::engine::{ClientOverrides, Policy, Suggestion};
use tact_core::exchange::ImportReport;
use tact_core::input::{
    AllocationInput, BusinessInput, ClientInput, CreditNoteInput, InvoiceInput, JournalInput,
    PaymentInput,
};
use tact_core::ledger::bank::BankOverview;
use tact_core::ledger::mail::{Outgoing, OutgoingMessage};
use tact_core::ledger::{
    Agenda, ClientDetail, ClientPenalties, ClientQuery, ClientRow, InvoicePage, InvoiceQuery,
    InvoiceRow, Page, Saved,
};
use tact_core::legal::{EcbRateInput, LegalRateInput, RateTables};
use tact_core::letters::{LetterKind, LetterOptions, LetterRecord, MailingInput};
use tact_core::mail::MailSettings;
use tact_core::model::JournalId;
use tact_core::model::{
    BankLine, Business, Client, ClientId, CreditNote, Invoice, InvoiceId, JournalEntry, Payment,
    PaymentId,
};
use tact_core::plans::{PlanId, PlanInput, PlanState};
use tact_core::{Error, ErrorCode};
use tact_usecases::backup::{BackupInfo, BackupStatus, RestoreOutcome};
use tact_usecases::bank::{StatementImport, StatementMapping};
use tact_usecases::exchange::ExportReport;
use tact_usecases::invoices::{ImportChoices, ImportPreview, InvoiceImportReport};
use tact_usecases::letters::LetterPreview;
use tact_usecases::mail::{MailSetup, SendOutcome, SendRequest};
use tact_usecases::reports::{ReportFormat, SavedReport};
use tauri::State;

type Res<T> = Result<T, Error>;

/// What the front end needs to know at start.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AppInfo {
    pub version: String,
    /// The database file, shown in Réglages.
    pub db_path: String,
    /// Today's date (the shell reads the clock once per request; `TACT_TODAY` fixes it for demonstrations and
    /// tests). The interface asks again (`today`) to notice when the date changes.
    pub today: NaiveDate,
    /// True on first run: the ledger holds nothing yet.
    pub is_empty: bool,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        db_path: state.db_path.display().to_string(),
        today: state.today(),
        is_empty: state.books.read(|l| l.is_empty())?,
    })
}

/// Today, as every other command of this moment sees it: the interface asks every minute and when the window
/// comes back, and reloads its screen when the date has changed.
#[tauri::command(async)]
pub fn today(state: State<'_, AppState>) -> Res<NaiveDate> {
    Ok(state.today())
}

#[tauri::command(async)]
pub fn get_business(state: State<'_, AppState>) -> Res<Option<Business>> {
    state.books.read(|l| l.business())
}

#[tauri::command(async)]
pub fn set_business(state: State<'_, AppState>, input: BusinessInput) -> Res<Business> {
    state.books.write(|l| l.set_business(&input))
}

#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> Res<ImportReport> {
    state.books.write(|l| l.load_demo())
}

#[tauri::command(async)]
pub fn client_page(state: State<'_, AppState>, query: ClientQuery) -> Res<Page<ClientRow>> {
    let today = state.today();
    state.books.read(|l| l.client_page(today, &query))
}

#[tauri::command(async)]
pub fn client_detail(state: State<'_, AppState>, id: ClientId) -> Res<ClientDetail> {
    let today = state.today();
    state.books.read(|l| l.client_detail(id, today))
}

#[tauri::command(async)]
pub fn add_client(state: State<'_, AppState>, input: ClientInput) -> Res<Client> {
    state.books.write(|l| l.add_client(&input))
}

#[tauri::command(async)]
pub fn update_client(state: State<'_, AppState>, id: ClientId, input: ClientInput) -> Res<Client> {
    state.books.write(|l| l.update_client(id, &input))
}

#[tauri::command(async)]
pub fn set_client_archived(
    state: State<'_, AppState>,
    id: ClientId,
    archived: bool,
) -> Res<Client> {
    state.books.write(|l| l.set_client_archived(id, archived))
}

#[tauri::command(async)]
pub fn invoice_page(state: State<'_, AppState>, query: InvoiceQuery) -> Res<InvoicePage> {
    let today = state.today();
    state.books.read(|l| l.invoice_page(today, &query))
}

#[tauri::command(async)]
pub fn get_invoice(state: State<'_, AppState>, id: InvoiceId) -> Res<Invoice> {
    state.books.read(|l| l.invoice(id))
}

/// The number the invoice form proposes: the next of the series (none for a first invoice).
#[tauri::command(async)]
pub fn next_invoice_number(state: State<'_, AppState>) -> Res<Option<String>> {
    let today = state.today();
    state.books.read(|l| l.next_invoice_number(today))
}

#[tauri::command(async)]
pub fn add_invoice(state: State<'_, AppState>, input: InvoiceInput) -> Res<Saved<Invoice>> {
    state.books.write(|l| l.add_invoice(&input))
}

#[tauri::command(async)]
pub fn update_invoice(
    state: State<'_, AppState>,
    id: InvoiceId,
    input: InvoiceInput,
) -> Res<Saved<Invoice>> {
    state.books.write(|l| l.update_invoice(id, &input))
}

#[tauri::command(async)]
pub fn record_payment(state: State<'_, AppState>, input: PaymentInput) -> Res<Payment> {
    state.books.write(|l| l.record_payment(&input))
}

/// « Annuler » a payment recorded by mistake: reversed, its invoices owed again (see `Ledger::reverse_payment`).
#[tauri::command(async)]
pub fn reverse_payment(
    state: State<'_, AppState>,
    payment_id: PaymentId,
    reason: Option<String>,
) -> Res<Payment> {
    let today = state.today();
    state
        .books
        .write(|l| l.reverse_payment(payment_id, reason.as_deref(), today))
}

#[tauri::command(async)]
pub fn add_credit_note(state: State<'_, AppState>, input: CreditNoteInput) -> Res<CreditNote> {
    state.books.write(|l| l.add_credit_note(&input))
}

#[tauri::command(async)]
pub fn add_journal_entry(state: State<'_, AppState>, input: JournalInput) -> Res<JournalEntry> {
    state.books.write(|l| l.add_journal_entry(&input))
}

#[tauri::command(async)]
pub fn agenda(state: State<'_, AppState>, offset: u32, limit: u32) -> Res<Agenda> {
    let today = state.today();
    state.books.read(|l| l.agenda(today, offset, limit))
}

#[tauri::command(async)]
pub fn suggestion(state: State<'_, AppState>, client_id: ClientId) -> Res<Suggestion> {
    let today = state.today();
    state
        .books
        .read(|l| l.suggestion(client_id, today, &l.policy()?))
}

#[tauri::command(async)]
pub fn draft(state: State<'_, AppState>, client_id: ClientId) -> Res<Draft> {
    let today = state.today();
    state.books.read(|l| l.draft(client_id, today))
}

#[tauri::command(async)]
pub fn call_confirmation(state: State<'_, AppState>, journal_id: JournalId) -> Res<Draft> {
    let today = state.today();
    state.books.read(|l| l.call_confirmation(journal_id, today))
}

#[tauri::command(async)]
pub fn mark_done(
    state: State<'_, AppState>,
    client_id: ClientId,
    text: Option<String>,
) -> Res<Vec<JournalEntry>> {
    let today = state.today();
    state
        .books
        .write(|l| l.mark_done(client_id, today, text.as_deref()))
}

/// « Annuler » just after « Marquer comme fait »: the entries it wrote are corrected, in one transaction.
#[tauri::command(async)]
pub fn undo_done(
    state: State<'_, AppState>,
    client_id: ClientId,
    entry_ids: Vec<JournalId>,
) -> Res<Vec<JournalEntry>> {
    let today = state.today();
    state
        .books
        .write(|l| l.undo_done(client_id, &entry_ids, today))
}

#[tauri::command(async)]
pub fn postpone(
    state: State<'_, AppState>,
    client_id: ClientId,
    until: String,
) -> Res<ClientOverrides> {
    let today = state.today();
    state.books.write(|l| l.postpone(client_id, &until, today))
}

#[tauri::command(async)]
pub fn client_overrides(state: State<'_, AppState>, client_id: ClientId) -> Res<ClientOverrides> {
    state.books.read(|l| l.overrides(client_id))
}

#[tauri::command(async)]
pub fn set_client_overrides(
    state: State<'_, AppState>,
    client_id: ClientId,
    overrides: ClientOverrides,
) -> Res<ClientOverrides> {
    state
        .books
        .write(|l| l.set_overrides(client_id, &overrides))
}

#[tauri::command(async)]
pub fn get_policy(state: State<'_, AppState>) -> Res<Policy> {
    state.books.read(|l| l.policy())
}

#[tauri::command(async)]
pub fn set_policy(state: State<'_, AppState>, policy: Policy) -> Res<Policy> {
    state.books.write(|l| l.set_policy(&policy))
}

#[tauri::command(async)]
pub fn reset_policy(state: State<'_, AppState>) -> Res<Policy> {
    state.books.write(|l| l.reset_policy())
}

/// « Enregistrer en .eml »: a save dialog, then the message file. `None` when the user cancels.
#[tauri::command(async)]
pub fn save_eml(state: State<'_, AppState>, email: EmailText) -> Res<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let today = state.today();
    let name = format!("{}.eml", tact_usecases::mail::file_name(&email.subject));
    let Some(path) = state
        .app
        .dialog()
        .file()
        .set_title("Enregistrer l'e-mail")
        .set_file_name(name)
        .add_filter("Message électronique", &["eml"])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    tact_usecases::mail::save_eml(
        &state.books,
        &email,
        &path,
        tact_usecases::clock::now_on(today),
    )?;
    Ok(Some(path.display().to_string()))
}

/// « Réglages → Messagerie »: the settings, whether a password is kept, the providers.
#[tauri::command(async)]
pub fn mail_setup(state: State<'_, AppState>) -> Res<MailSetup> {
    tact_usecases::mail::setup(&state.books, &state.secrets)
}

/// Save the mailbox settings, and the password when one is typed (into the system keyring).
#[tauri::command(async)]
pub fn save_mail_setup(
    state: State<'_, AppState>,
    settings: MailSettings,
    password: Option<String>,
) -> Res<MailSetup> {
    tact_usecases::mail::save_setup(&state.books, &state.secrets, settings, password.as_deref())
}

/// « Tester la connexion » with the settings as typed (and the password typed, else the one kept).
#[tauri::command(async)]
pub fn test_mail(
    state: State<'_, AppState>,
    settings: MailSettings,
    password: Option<String>,
) -> Res<()> {
    let settings = settings.checked()?;
    let password = match password.filter(|p| !p.is_empty()) {
        Some(p) => Some(p),
        None => tact_usecases::mail::password_for(&settings, &state.secrets)?,
    };
    tact_usecases::mail::test_connection(&settings, password.as_deref())
}

/// What « Envoyer » will send: the draft, attachments, the day's rule, an earlier send of the same step.
#[tauri::command(async)]
pub fn prepare_send(state: State<'_, AppState>, target: Outgoing) -> Res<OutgoingMessage> {
    tact_usecases::mail::prepare(&state.books, &target, state.today())
}

/// « Envoyer »: through the user's mailbox; the history is written once the server accepted the message. Runs
/// on the command pool: the window and the other commands stay free (the books are not held meanwhile).
#[tauri::command(async)]
pub fn send_message(
    state: State<'_, AppState>,
    target: Outgoing,
    request: SendRequest,
) -> Res<SendOutcome> {
    let today = state.today();
    let settings = tact_usecases::mail::settings(&state.books)?;
    let password = tact_usecases::mail::password_for(&settings, &state.secrets)?;
    tact_usecases::mail::send(
        &state.books,
        &target,
        &request,
        password.as_deref(),
        tact_usecases::clock::now_on(today),
        &tact_usecases::jobs::Progress::default(),
    )
}

/// « Ouvrir dans la messagerie »: the system's mail program, through a mailto: link.
#[tauri::command(async)]
pub fn open_in_mail(state: State<'_, AppState>, email: EmailText) -> Res<()> {
    use tauri_plugin_opener::OpenerExt;
    state
        .app
        .opener()
        .open_url(tact_core::drafts::mailto_url(&email), None::<&str>)
        .map_err(|e| {
            // The launcher's own words (« Launcher "gio" "open" … failed ») are for the log, not for the user.
            eprintln!("Tact: mailto: {e}");
            Error::new(
                ErrorCode::NoMailProgram,
                "Aucune messagerie ne s'est ouverte sur cet ordinateur. Vous pouvez copier le texte («\u{a0}Copier\u{a0}») et le coller dans votre messagerie, l'enregistrer en .eml pour l'ouvrir avec elle, ou l'envoyer directement depuis Tact (Réglages → Messagerie).",
            )
        })
}

#[tauri::command(async)]
pub fn letter_preview(
    state: State<'_, AppState>,
    client_id: ClientId,
    kind: LetterKind,
    options: LetterOptions,
) -> Res<LetterPreview> {
    let today = state.today();
    tact_usecases::letters::preview(&state.books, client_id, kind, &options, today)
}

/// The final version: the PDF archived (copy + SHA-256) and logged in the client's history. The same letter
/// twice is archived once.
#[tauri::command(async)]
pub fn finalize_letter(
    state: State<'_, AppState>,
    client_id: ClientId,
    kind: LetterKind,
    options: LetterOptions,
) -> Res<LetterRecord> {
    let today = state.today();
    tact_usecases::letters::finalize(&state.books, client_id, kind, &options, today)
}

/// Where to save a file: a save dialog (`None` when the user cancels); with TACT_SAVE_DIR (end-to-end tests,
/// scripted use), that folder without asking.
fn save_path(
    state: &AppState,
    title: &str,
    file: String,
    filter: &str,
    extension: &str,
) -> Option<std::path::PathBuf> {
    use tauri_plugin_dialog::DialogExt;
    match std::env::var_os("TACT_SAVE_DIR") {
        Some(dir) => Some(std::path::PathBuf::from(dir).join(&file)),
        None => state
            .app
            .dialog()
            .file()
            .set_title(title)
            .set_file_name(file)
            .add_filter(filter, &[extension])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    }
}

/// « Enregistrer le PDF »: a save dialog, then a copy of the archived letter. `None` when the user cancels.
#[tauri::command(async)]
pub fn save_letter_pdf(state: State<'_, AppState>, letter_id: i64) -> Res<Option<String>> {
    let (_, file) = tact_usecases::letters::archived(&state.books, letter_id)?;
    let Some(path) = save_path(&state, "Enregistrer la lettre", file, "Document PDF", "pdf") else {
        return Ok(None);
    };
    tact_usecases::letters::save_copy(&state.books, letter_id, &path)?;
    Ok(Some(path.display().to_string()))
}

/// « Dossier de recouvrement »: a save dialog, then the dossier written there (a document for whoever recovers the
/// debt: never archived, never in the history). `None` when the user cancels.
#[tauri::command(async)]
pub fn save_dossier_pdf(state: State<'_, AppState>, client_id: ClientId) -> Res<Option<String>> {
    let today = state.today();
    let name = state.books.read(|l| l.client(client_id))?.name;
    let file = tact_usecases::mail::file_name(&format!(
        "Dossier de recouvrement {name} {}",
        today.format("%Y-%m-%d")
    )) + ".pdf";
    let chosen = save_path(
        &state,
        "Enregistrer le dossier de recouvrement",
        file,
        "Document PDF",
        "pdf",
    );
    let Some(path) = chosen else {
        return Ok(None);
    };
    tact_usecases::letters::print(
        &state.books,
        client_id,
        LetterKind::RecoveryFile,
        &LetterOptions::default(),
        today,
        &path,
        false,
    )?;
    Ok(Some(path.display().to_string()))
}

/// « Tableau de bord »: what is owed, the aging, the DSO, the risks, the forecast and the payer profiles.
#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> Res<Dashboard> {
    tact_usecases::reports::dashboard(&state.books, state.today())
}

/// The invoices behind a figure of the dashboard.
#[tauri::command(async)]
pub fn dashboard_invoices(
    state: State<'_, AppState>,
    selection: Selection,
) -> Res<Vec<InvoiceRow>> {
    let today = state.today();
    state
        .books
        .read(|l| l.dashboard_invoices(&selection, today))
}

/// « Exporter »: a save dialog, then the report written whole as CSV (French Excel) or as a one-page PDF. `None`
/// when the user cancels.
#[tauri::command(async)]
pub fn save_report(
    state: State<'_, AppState>,
    kind: ReportKind,
    format: ReportFormat,
) -> Res<Option<SavedReport>> {
    let today = state.today();
    let file = tact_usecases::reports::file_name(kind, format, today);
    let (filter, extension) = match format {
        ReportFormat::Csv => ("Tableur CSV (Excel)", "csv"),
        ReportFormat::Pdf => ("Document PDF", "pdf"),
    };
    let Some(path) = save_path(&state, "Enregistrer le rapport", file, filter, extension) else {
        return Ok(None);
    };
    tact_usecases::reports::save(&state.books, kind, format, today, &path).map(Some)
}

/// « Ouvrir / Imprimer »: the archived PDF in the system's viewer.
#[tauri::command(async)]
pub fn open_letter(state: State<'_, AppState>, letter_id: i64) -> Res<()> {
    use tauri_plugin_opener::OpenerExt;
    let (path, _) = tact_usecases::letters::archived(&state.books, letter_id)?;
    state
        .app
        .opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            Error::new(
                ErrorCode::Io,
                format!("Aucun lecteur de PDF n'a pu s'ouvrir ({e})\u{a0}; enregistrez le PDF et ouvrez-le vous-même."),
            )
        })
}

#[tauri::command(async)]
pub fn client_letters(state: State<'_, AppState>, client_id: ClientId) -> Res<Vec<LetterRecord>> {
    state.books.read(|l| l.letters(client_id))
}

#[tauri::command(async)]
pub fn set_letter_mailing(
    state: State<'_, AppState>,
    letter_id: i64,
    input: MailingInput,
) -> Res<LetterRecord> {
    let today = state.today();
    state
        .books
        .write(|l| l.set_mailing(letter_id, &input, today))
}

#[tauri::command(async)]
pub fn client_penalties(state: State<'_, AppState>, client_id: ClientId) -> Res<ClientPenalties> {
    let today = state.today();
    state.books.read(|l| l.penalties(client_id, today))
}

/// « Réclamer par e-mail »: the email claiming the penalties of the client's invoices paid late.
#[tauri::command(async)]
pub fn penalty_claim_email(state: State<'_, AppState>, client_id: ClientId) -> Res<EmailText> {
    let today = state.today();
    state
        .books
        .read(|l| l.penalty_claim_email(client_id, today))
}

/// « J'y renonce »: the penalties and the 40 € of one invoice waived, noted in the history; the client's
/// penalties as they now stand.
#[tauri::command(async)]
pub fn waive_penalties(state: State<'_, AppState>, invoice_id: InvoiceId) -> Res<ClientPenalties> {
    let today = state.today();
    state.books.write(|l| {
        let entry = l.waive_penalties(invoice_id, today)?;
        l.penalties(entry.client_id, today)
    })
}

#[tauri::command(async)]
pub fn rate_tables(state: State<'_, AppState>) -> Res<RateTables> {
    state.books.read(|l| l.rate_tables())
}

#[tauri::command(async)]
pub fn add_ecb_rate(state: State<'_, AppState>, input: EcbRateInput) -> Res<RateTables> {
    state.books.write(|l| l.add_ecb_rate(&input))
}

#[tauri::command(async)]
pub fn add_legal_rate(state: State<'_, AppState>, input: LegalRateInput) -> Res<RateTables> {
    state.books.write(|l| l.add_legal_rate(&input))
}

#[tauri::command(async)]
pub fn reset_rates(state: State<'_, AppState>) -> Res<RateTables> {
    state.books.write(|l| l.reset_rates())
}

/// The calendar form's starting point: the client's overdue invoices, a calendar sized to the debt.
#[tauri::command(async)]
pub fn suggested_plan(state: State<'_, AppState>, client_id: ClientId) -> Res<PlanInput> {
    let today = state.today();
    state
        .books
        .read(|l| l.suggested_plan_input(client_id, today))
}

/// The live preview: the calendar as the form describes it, nothing saved.
#[tauri::command(async)]
pub fn preview_plan(state: State<'_, AppState>, input: PlanInput) -> Res<PlanState> {
    let today = state.today();
    state.books.read(|l| l.preview_plan(&input, today))
}

#[tauri::command(async)]
pub fn propose_plan(state: State<'_, AppState>, input: PlanInput) -> Res<PlanState> {
    let today = state.today();
    state.books.write(|l| l.propose_plan(&input, today))
}

#[tauri::command(async)]
pub fn sign_plan(state: State<'_, AppState>, plan_id: PlanId, signed_on: String) -> Res<PlanState> {
    let today = state.today();
    state
        .books
        .write(|l| l.sign_plan(plan_id, &signed_on, today))
}

#[tauri::command(async)]
pub fn client_plans(state: State<'_, AppState>, client_id: ClientId) -> Res<Vec<PlanState>> {
    let today = state.today();
    state.books.read(|l| l.plans(client_id, today))
}

/// The email that proposes a calendar and asks for the signed copy.
#[tauri::command(async)]
pub fn plan_draft(state: State<'_, AppState>, plan_id: PlanId) -> Res<Draft> {
    let today = state.today();
    state.books.read(|l| l.plan_draft(plan_id, today))
}

/// Declares each command's TypeScript signature from its Rust one. The `_check` function coerces every command
/// to the declared function-pointer type, so a signature changed in one place and not the other fails to compile.
/// Réglages › Sauvegardes: where the backups are, the latest, the list.
#[tauri::command(async)]
pub fn backup_status(state: State<'_, AppState>) -> Res<BackupStatus> {
    tact_usecases::backup::status(&state.books)
}

/// « Sauvegarder maintenant ».
#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> Res<BackupInfo> {
    let today = state.today();
    tact_usecases::backup::create(&state.books, today)
}

/// « Restaurer »: a backup of the list (`path`), or one the user picks (`None`: an open dialog; `None` back when
/// cancelled). Only files of the list or of the dialog: the window cannot name any file on the disk.
#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    path: Option<String>,
) -> Res<Option<RestoreOutcome>> {
    use tauri_plugin_dialog::DialogExt;
    let today = state.today();
    let file = match path {
        Some(p) => {
            let listed = tact_usecases::backup::status(&state.books)?
                .backups
                .into_iter()
                .any(|b| b.path == p);
            if !listed {
                return Err(Error::field(
                    ErrorCode::InvalidChoice,
                    "path",
                    "Sauvegarde\u{a0}: ce fichier n'est pas dans la liste des sauvegardes.",
                ));
            }
            std::path::PathBuf::from(p)
        }
        None => match state
            .app
            .dialog()
            .file()
            .set_title("Restaurer une sauvegarde")
            .add_filter("Sauvegarde Tact", &["zip"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
        {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    tact_usecases::backup::restore(&state.books, &file, today).map(Some)
}

/// « Choisir un second dossier » (`choose`: a folder dialog) or « Ne plus copier » (`!choose`).
#[tauri::command(async)]
pub fn set_backup_folder(state: State<'_, AppState>, choose: bool) -> Res<BackupStatus> {
    use tauri_plugin_dialog::DialogExt;
    if choose {
        let Some(dir) = state
            .app
            .dialog()
            .file()
            .set_title("Second dossier des sauvegardes")
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok())
        else {
            return tact_usecases::backup::status(&state.books);
        };
        state.books.write(|l| l.set_backup_folder(Some(&dir)))?;
        // A first copy there at once, so that the user sees it worked.
        tact_usecases::backup::create(&state.books, state.today())?;
    } else {
        state.books.write(|l| l.set_backup_folder(None))?;
    }
    tact_usecases::backup::status(&state.books)
}

/// « Exporter tout »: a save dialog, then the archive (the ledger's JSON and the letters' PDFs). `None` when
/// cancelled.
#[tauri::command(async)]
pub fn export_all(state: State<'_, AppState>) -> Res<Option<ExportReport>> {
    use tauri_plugin_dialog::DialogExt;
    let name = format!("Tact export {}.zip", state.today().format("%Y-%m-%d"));
    let chosen = match std::env::var_os("TACT_SAVE_DIR") {
        Some(dir) => Some(std::path::PathBuf::from(dir).join(&name)),
        None => state
            .app
            .dialog()
            .file()
            .set_title("Exporter tout le registre")
            .set_file_name(name)
            .add_filter("Archive Tact", &["zip"])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = chosen else {
        return Ok(None);
    };
    tact_usecases::exchange::export_to(&state.books, &path).map(Some)
}

/// « Choisir des fichiers… » (`folder`: « Choisir un dossier… »): the paths picked, for the import's preview
/// (empty when cancelled).
#[tauri::command(async)]
pub fn pick_invoice_files(state: State<'_, AppState>, folder: bool) -> Res<Vec<String>> {
    use tauri_plugin_dialog::DialogExt;
    let dialog = state.app.dialog().file().set_title(if folder {
        "Dossier de factures à importer"
    } else {
        "Factures à importer"
    });
    let picked: Vec<std::path::PathBuf> = if folder {
        dialog
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok())
            .into_iter()
            .collect()
    } else {
        dialog
            .add_filter("Factures (Factur-X, CII, UBL, CSV)", &["pdf", "xml", "csv"])
            .blocking_pick_files()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .collect()
    };
    Ok(picked
        .into_iter()
        .map(|p| p.display().to_string())
        .collect())
}

/// The paths the window hands over (picked, or dropped onto it): folders, and files Tact can read as invoices
/// (.pdf, .xml, .csv); nothing else is ever opened.
fn import_paths(paths: &[String]) -> Res<Vec<std::path::PathBuf>> {
    let keep: Vec<std::path::PathBuf> = paths
        .iter()
        .map(std::path::PathBuf::from)
        .filter(|p| {
            p.is_dir()
                || p.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| matches!(x.to_lowercase().as_str(), "pdf" | "xml" | "csv"))
        })
        .collect();
    if keep.is_empty() {
        return Err(Error::new(
            ErrorCode::NotAnInvoice,
            "Aucun fichier de facture ici\u{a0}: Tact importe les Factur-X (.pdf), CII ou UBL (.xml) et les exports CSV.",
        ));
    }
    Ok(keep)
}

/// A fresh progress for the import about to run, kept where « Annuler » and the progress bar find it.
fn import_progress_for(state: &AppState) -> std::sync::Arc<tact_usecases::jobs::Progress> {
    let p = std::sync::Arc::new(tact_usecases::jobs::Progress::default());
    if let Ok(mut slot) = state.import_progress.lock() {
        *slot = std::sync::Arc::clone(&p);
    }
    p
}

/// The preview of an import (off the main thread; nothing written).
#[tauri::command(async)]
pub fn preview_invoice_import(
    state: State<'_, AppState>,
    paths: Vec<String>,
    choices: ImportChoices,
) -> Res<ImportPreview> {
    let paths = import_paths(&paths)?;
    let progress = import_progress_for(&state);
    tact_usecases::invoices::preview(&state.books, &paths, &choices, state.today(), &progress)
}

/// « Importer »: the rows to create, written in one transaction.
#[tauri::command(async)]
pub fn import_invoices(
    state: State<'_, AppState>,
    paths: Vec<String>,
    choices: ImportChoices,
) -> Res<InvoiceImportReport> {
    let paths = import_paths(&paths)?;
    let progress = import_progress_for(&state);
    tact_usecases::invoices::import(&state.books, &paths, &choices, state.today(), &progress)
}

/// Where the running import stands: files read, of how many.
#[tauri::command]
pub fn import_progress(state: State<'_, AppState>) -> Res<JobProgress> {
    let (done, total) = state
        .import_progress
        .lock()
        .map(|p| p.get())
        .unwrap_or((0, 0));
    Ok(JobProgress {
        done: u32::try_from(done).unwrap_or(u32::MAX),
        total: u32::try_from(total).unwrap_or(u32::MAX),
    })
}

/// « Annuler »: the running import stops before its next file; nothing is written.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) -> Res<()> {
    if let Ok(p) = state.import_progress.lock() {
        p.cancel();
    }
    Ok(())
}

/// « Ouvrir l'original »: the file an invoice was imported from, in the system's viewer.
#[tauri::command(async)]
pub fn open_invoice_source(state: State<'_, AppState>, invoice_id: InvoiceId) -> Res<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = tact_usecases::invoices::source_copy(&state.books, invoice_id)?;
    state
        .app
        .opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            Error::new(
                ErrorCode::Io,
                format!(
                    "Aucune application n'a pu ouvrir l'original ({e})\u{a0}; il est ici\u{a0}: {}",
                    path.display()
                ),
            )
        })
}

/// « Choisir un relevé… »: the statement file picked (`None` when cancelled).
#[tauri::command(async)]
pub fn pick_statement_file(state: State<'_, AppState>) -> Res<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    Ok(state
        .app
        .dialog()
        .file()
        .set_title("Relevé bancaire à importer")
        .add_filter(
            "Relevés (OFX, CAMT.053, CFONB 120, CSV)",
            &["ofx", "qfx", "xml", "csv", "txt", "cfo", "dat"],
        )
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// A statement imported (picked, or dropped onto the Banque screen): its credits stored once each, then the
/// review of every open credit. `dry_run`: nothing kept.
#[tauri::command(async)]
pub fn import_statement(
    state: State<'_, AppState>,
    path: String,
    dry_run: bool,
    mapping: Option<StatementMapping>,
) -> Res<StatementImport> {
    tact_usecases::bank::import_mapped(
        &state.books,
        std::path::Path::new(&path),
        state.today(),
        dry_run,
        mapping,
    )
}

/// The columns of a statement CSV whose layout Tact did not recognise, for « Quelles colonnes… ? ».
#[tauri::command(async)]
pub fn statement_columns(_state: State<'_, AppState>, path: String) -> Res<Vec<String>> {
    tact_usecases::bank::columns(std::path::Path::new(&path))
}

/// The credits to review, each with the invoices it most likely pays and why, and the last statement's date.
#[tauri::command(async)]
pub fn bank_review(state: State<'_, AppState>) -> Res<BankOverview> {
    state.books.read(|l| l.bank_overview(state.today()))
}

/// « Accepter » (as proposed or as changed): the payment, its allocations, its journal entry, and the rule
/// « ce libellé = ce client » when `remember` is given, in one transaction.
#[tauri::command(async)]
pub fn accept_bank_line(
    state: State<'_, AppState>,
    line_id: i64,
    client_id: ClientId,
    allocations: Vec<AllocationInput>,
    remember: Option<String>,
) -> Res<Payment> {
    state
        .books
        .write(|l| l.accept_bank_line_as(line_id, client_id, allocations, remember.as_deref()))
}

/// « Tout valider »: every sure proposal accepted, in one transaction; the payments made.
#[tauri::command(async)]
pub fn accept_sure_bank_lines(state: State<'_, AppState>) -> Res<Vec<Payment>> {
    Ok(state
        .books
        .write(|l| l.accept_sure_bank_lines(state.today()))?
        .into_iter()
        .map(|(_, p)| p)
        .collect())
}

/// « Ignorer »: not a client's payment; no longer proposed.
#[tauri::command(async)]
pub fn ignore_bank_line(state: State<'_, AppState>, line_id: i64) -> Res<BankLine> {
    state.books.write(|l| l.ignore_bank_line(line_id))
}

/// How far a long task has gone.
#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
pub struct JobProgress {
    pub done: u32,
    pub total: u32,
}

macro_rules! signatures {
    ($($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        /// Every command's name, in declaration order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        #[allow(dead_code)]
        fn _check() {
            $(let _: fn(State<'_, AppState>, $($ty),*) -> Res<$ret> = $name;)*
        }

        /// (name, [(argument, TypeScript type)], TypeScript result type) for each command.
        pub fn signatures() -> Vec<(&'static str, Vec<(&'static str, String)>, String)> {
            use ts_rs::TS;
            vec![$((stringify!($name), vec![$((stringify!($arg), <$ty as TS>::name())),*], <$ret as TS>::name())),*]
        }

        /// Visit every type that crosses the IPC, for the TypeScript declarations.
        pub fn visit_types(v: &mut impl ts_rs::TypeVisitor) {
            $($(v.visit::<$ty>();)* v.visit::<$ret>();)*
            v.visit::<Error>();
        }

        /// The invoke handler registering every command.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

signatures! {
    app_info() -> AppInfo;
    today() -> NaiveDate;
    get_business() -> Option<Business>;
    set_business(input: BusinessInput) -> Business;
    load_demo() -> ImportReport;
    client_page(query: ClientQuery) -> Page<ClientRow>;
    client_detail(id: ClientId) -> ClientDetail;
    add_client(input: ClientInput) -> Client;
    update_client(id: ClientId, input: ClientInput) -> Client;
    set_client_archived(id: ClientId, archived: bool) -> Client;
    invoice_page(query: InvoiceQuery) -> InvoicePage;
    get_invoice(id: InvoiceId) -> Invoice;
    next_invoice_number() -> Option<String>;
    add_invoice(input: InvoiceInput) -> Saved<Invoice>;
    update_invoice(id: InvoiceId, input: InvoiceInput) -> Saved<Invoice>;
    record_payment(input: PaymentInput) -> Payment;
    reverse_payment(payment_id: PaymentId, reason: Option<String>) -> Payment;
    add_credit_note(input: CreditNoteInput) -> CreditNote;
    add_journal_entry(input: JournalInput) -> JournalEntry;
    agenda(offset: u32, limit: u32) -> Agenda;
    suggestion(client_id: ClientId) -> Suggestion;
    draft(client_id: ClientId) -> Draft;
    call_confirmation(journal_id: JournalId) -> Draft;
    mark_done(client_id: ClientId, text: Option<String>) -> Vec<JournalEntry>;
    undo_done(client_id: ClientId, entry_ids: Vec<JournalId>) -> Vec<JournalEntry>;
    postpone(client_id: ClientId, until: String) -> ClientOverrides;
    client_overrides(client_id: ClientId) -> ClientOverrides;
    set_client_overrides(client_id: ClientId, overrides: ClientOverrides) -> ClientOverrides;
    get_policy() -> Policy;
    set_policy(policy: Policy) -> Policy;
    reset_policy() -> Policy;
    save_eml(email: EmailText) -> Option<String>;
    open_in_mail(email: EmailText) -> ();
    mail_setup() -> MailSetup;
    save_mail_setup(settings: MailSettings, password: Option<String>) -> MailSetup;
    test_mail(settings: MailSettings, password: Option<String>) -> ();
    prepare_send(target: Outgoing) -> OutgoingMessage;
    send_message(target: Outgoing, request: SendRequest) -> SendOutcome;
    letter_preview(client_id: ClientId, kind: LetterKind, options: LetterOptions) -> LetterPreview;
    finalize_letter(client_id: ClientId, kind: LetterKind, options: LetterOptions) -> LetterRecord;
    save_letter_pdf(letter_id: i64) -> Option<String>;
    save_dossier_pdf(client_id: ClientId) -> Option<String>;
    dashboard() -> Dashboard;
    dashboard_invoices(selection: Selection) -> Vec<InvoiceRow>;
    save_report(kind: ReportKind, format: ReportFormat) -> Option<SavedReport>;
    open_letter(letter_id: i64) -> ();
    client_letters(client_id: ClientId) -> Vec<LetterRecord>;
    set_letter_mailing(letter_id: i64, input: MailingInput) -> LetterRecord;
    client_penalties(client_id: ClientId) -> ClientPenalties;
    waive_penalties(invoice_id: InvoiceId) -> ClientPenalties;
    penalty_claim_email(client_id: ClientId) -> EmailText;
    rate_tables() -> RateTables;
    add_ecb_rate(input: EcbRateInput) -> RateTables;
    add_legal_rate(input: LegalRateInput) -> RateTables;
    reset_rates() -> RateTables;
    suggested_plan(client_id: ClientId) -> PlanInput;
    preview_plan(input: PlanInput) -> PlanState;
    propose_plan(input: PlanInput) -> PlanState;
    sign_plan(plan_id: PlanId, signed_on: String) -> PlanState;
    client_plans(client_id: ClientId) -> Vec<PlanState>;
    plan_draft(plan_id: PlanId) -> Draft;
    backup_status() -> BackupStatus;
    backup_now() -> BackupInfo;
    restore_backup(path: Option<String>) -> Option<RestoreOutcome>;
    set_backup_folder(choose: bool) -> BackupStatus;
    export_all() -> Option<ExportReport>;
    pick_invoice_files(folder: bool) -> Vec<String>;
    preview_invoice_import(paths: Vec<String>, choices: ImportChoices) -> ImportPreview;
    import_invoices(paths: Vec<String>, choices: ImportChoices) -> InvoiceImportReport;
    import_progress() -> JobProgress;
    cancel_import() -> ();
    open_invoice_source(invoice_id: InvoiceId) -> ();
    pick_statement_file() -> Option<String>;
    import_statement(path: String, dry_run: bool, mapping: Option<StatementMapping>) -> StatementImport;
    statement_columns(path: String) -> Vec<String>;
    bank_review() -> BankOverview;
    accept_bank_line(line_id: i64, client_id: ClientId, allocations: Vec<AllocationInput>, remember: Option<String>) -> Payment;
    accept_sure_bank_lines() -> Vec<Payment>;
    ignore_bank_line(line_id: i64) -> BankLine;
}
