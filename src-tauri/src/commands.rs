//! The IPC commands. Each takes its input, calls one `Ledger` method, and returns a serializable result or a
//! structured error `{code, message, field}` (French message, stable code). Database commands run off the main
//! thread (`async`). Adding a command: write it here, list it in `signatures!` below and in build.rs, add its
//! permission in capabilities/default.json, then regenerate the TypeScript (`TACT_UPDATE_BINDINGS=1 cargo test
//! -p tact-app bindings`).

use crate::AppState;
use chrono::NaiveDate;
use serde::Serialize;
use tact_core::drafts::{Draft, EmailText};
use tact_core::engine::{ClientOverrides, Policy, Suggestion};
use tact_core::exchange::ImportReport;
use tact_core::input::{
    BusinessInput, ClientInput, CreditNoteInput, InvoiceInput, JournalInput, PaymentInput,
};
use tact_core::ledger::{Agenda, ClientPenalties};
use tact_core::ledger::{
    ClientDetail, ClientQuery, ClientRow, InvoiceQuery, InvoiceRow, Page, Saved,
};
use tact_core::legal::{EcbRateInput, LegalRateInput, RateTables};
use tact_core::letters::{Letter, LetterKind, LetterOptions, LetterRecord, MailingInput};
use tact_core::model::JournalId;
use tact_core::model::{
    Business, Client, ClientId, CreditNote, Invoice, InvoiceId, JournalEntry, Payment,
};
use tact_core::plans::{PlanId, PlanInput, PlanState};
use tact_core::{Error, ErrorCode};
use tauri::State;

type Res<T> = Result<T, Error>;

/// What the front end needs to know at start.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AppInfo {
    pub version: String,
    /// The database file, shown in Réglages.
    pub db_path: String,
    /// Today's date (the shell reads the clock; `TACT_TODAY` fixes it for demonstrations and tests).
    pub today: NaiveDate,
    /// True on first run: the ledger holds nothing yet.
    pub is_empty: bool,
}

/// Today as the app sees it.
pub fn today() -> NaiveDate {
    std::env::var("TACT_TODAY")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        db_path: state.db_path.display().to_string(),
        today: today(),
        is_empty: state.ledger()?.is_empty()?,
    })
}

#[tauri::command(async)]
pub fn get_business(state: State<'_, AppState>) -> Res<Option<Business>> {
    state.ledger()?.business()
}

#[tauri::command(async)]
pub fn set_business(state: State<'_, AppState>, input: BusinessInput) -> Res<Business> {
    state.ledger()?.set_business(&input)
}

#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> Res<ImportReport> {
    state.ledger()?.load_demo()
}

#[tauri::command(async)]
pub fn client_page(
    state: State<'_, AppState>,
    as_of: NaiveDate,
    query: ClientQuery,
) -> Res<Page<ClientRow>> {
    state.ledger()?.client_page(as_of, &query)
}

#[tauri::command(async)]
pub fn client_detail(
    state: State<'_, AppState>,
    id: ClientId,
    as_of: NaiveDate,
) -> Res<ClientDetail> {
    state.ledger()?.client_detail(id, as_of)
}

#[tauri::command(async)]
pub fn add_client(state: State<'_, AppState>, input: ClientInput) -> Res<Client> {
    state.ledger()?.add_client(&input)
}

#[tauri::command(async)]
pub fn update_client(state: State<'_, AppState>, id: ClientId, input: ClientInput) -> Res<Client> {
    state.ledger()?.update_client(id, &input)
}

#[tauri::command(async)]
pub fn set_client_archived(
    state: State<'_, AppState>,
    id: ClientId,
    archived: bool,
) -> Res<Client> {
    state.ledger()?.set_client_archived(id, archived)
}

#[tauri::command(async)]
pub fn invoice_page(
    state: State<'_, AppState>,
    as_of: NaiveDate,
    query: InvoiceQuery,
) -> Res<Page<InvoiceRow>> {
    state.ledger()?.invoice_page(as_of, &query)
}

#[tauri::command(async)]
pub fn get_invoice(state: State<'_, AppState>, id: InvoiceId) -> Res<Invoice> {
    state.ledger()?.invoice(id)
}

#[tauri::command(async)]
pub fn add_invoice(state: State<'_, AppState>, input: InvoiceInput) -> Res<Saved<Invoice>> {
    state.ledger()?.add_invoice(&input)
}

#[tauri::command(async)]
pub fn update_invoice(
    state: State<'_, AppState>,
    id: InvoiceId,
    input: InvoiceInput,
) -> Res<Saved<Invoice>> {
    state.ledger()?.update_invoice(id, &input)
}

#[tauri::command(async)]
pub fn record_payment(state: State<'_, AppState>, input: PaymentInput) -> Res<Payment> {
    state.ledger()?.record_payment(&input)
}

#[tauri::command(async)]
pub fn add_credit_note(state: State<'_, AppState>, input: CreditNoteInput) -> Res<CreditNote> {
    state.ledger()?.add_credit_note(&input)
}

#[tauri::command(async)]
pub fn add_journal_entry(state: State<'_, AppState>, input: JournalInput) -> Res<JournalEntry> {
    state.ledger()?.add_journal_entry(&input)
}

#[tauri::command(async)]
pub fn agenda(
    state: State<'_, AppState>,
    as_of: NaiveDate,
    offset: u32,
    limit: u32,
) -> Res<Agenda> {
    state.ledger()?.agenda(as_of, offset, limit)
}

#[tauri::command(async)]
pub fn suggestion(
    state: State<'_, AppState>,
    client_id: ClientId,
    as_of: NaiveDate,
) -> Res<Suggestion> {
    let ledger = state.ledger()?;
    ledger.suggestion(client_id, as_of, &ledger.policy()?)
}

#[tauri::command(async)]
pub fn draft(state: State<'_, AppState>, client_id: ClientId, as_of: NaiveDate) -> Res<Draft> {
    state.ledger()?.draft(client_id, as_of)
}

#[tauri::command(async)]
pub fn call_confirmation(
    state: State<'_, AppState>,
    journal_id: JournalId,
    as_of: NaiveDate,
) -> Res<Draft> {
    state.ledger()?.call_confirmation(journal_id, as_of)
}

#[tauri::command(async)]
pub fn mark_done(
    state: State<'_, AppState>,
    client_id: ClientId,
    as_of: NaiveDate,
    text: Option<String>,
) -> Res<Vec<JournalEntry>> {
    state.ledger()?.mark_done(client_id, as_of, text.as_deref())
}

#[tauri::command(async)]
pub fn postpone(
    state: State<'_, AppState>,
    client_id: ClientId,
    until: String,
    as_of: NaiveDate,
) -> Res<ClientOverrides> {
    state.ledger()?.postpone(client_id, &until, as_of)
}

#[tauri::command(async)]
pub fn client_overrides(state: State<'_, AppState>, client_id: ClientId) -> Res<ClientOverrides> {
    state.ledger()?.overrides(client_id)
}

#[tauri::command(async)]
pub fn set_client_overrides(
    state: State<'_, AppState>,
    client_id: ClientId,
    overrides: ClientOverrides,
) -> Res<ClientOverrides> {
    state.ledger()?.set_overrides(client_id, &overrides)
}

#[tauri::command(async)]
pub fn get_policy(state: State<'_, AppState>) -> Res<Policy> {
    state.ledger()?.policy()
}

#[tauri::command(async)]
pub fn set_policy(state: State<'_, AppState>, policy: Policy) -> Res<Policy> {
    state.ledger()?.set_policy(&policy)
}

#[tauri::command(async)]
pub fn reset_policy(state: State<'_, AppState>) -> Res<Policy> {
    state.ledger()?.reset_policy()
}

/// « Enregistrer en .eml »: a save dialog, then the message file. `None` when the user cancels.
#[tauri::command(async)]
pub fn save_eml(state: State<'_, AppState>, email: EmailText) -> Res<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let from = state.ledger()?.business()?.and_then(|b| b.contact.email);
    let name = format!("{}.eml", file_name(&email.subject));
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
    std::fs::write(
        &path,
        tact_core::drafts::to_eml(&email, from.as_deref(), today()),
    )
    .map_err(|e| {
        Error::new(
            ErrorCode::Io,
            format!("Impossible d'enregistrer {}\u{a0}: {e}.", path.display()),
        )
    })?;
    Ok(Some(path.display().to_string()))
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
            Error::new(
                ErrorCode::Io,
                format!("Aucune messagerie n'a pu s'ouvrir ({e})\u{a0}; copiez le texte ou enregistrez-le en .eml."),
            )
        })
}

/// A letter as it will print: the document (its texts and amounts), its pages rendered as SVG for the preview,
/// and the penalties behind its amounts (with their warnings).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LetterPreview {
    pub letter: Letter,
    /// One SVG document per page, drawn from the same layout as the PDF.
    pub pages: Vec<String>,
    pub penalties: ClientPenalties,
}

#[tauri::command(async)]
pub fn letter_preview(
    state: State<'_, AppState>,
    client_id: ClientId,
    kind: LetterKind,
    options: LetterOptions,
) -> Res<LetterPreview> {
    let ledger = state.ledger()?;
    let letter = ledger.letter(client_id, kind, &options, today())?;
    let pages = tact_letters::svg_pages(&letter)?;
    Ok(LetterPreview {
        pages,
        penalties: ledger.penalties(client_id, today())?,
        letter,
    })
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
    let mut ledger = state.ledger()?;
    let letter = ledger.letter(client_id, kind, &options, today())?;
    let pdf = tact_letters::render(&letter)?;
    ledger.archive_letter(&letter, &pdf)
}

/// « Enregistrer le PDF »: a save dialog, then a copy of the archived letter. `None` when the user cancels.
#[tauri::command(async)]
pub fn save_letter_pdf(state: State<'_, AppState>, letter_id: i64) -> Res<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let (source, rec) = {
        let ledger = state.ledger()?;
        (
            ledger.letter_file(letter_id)?,
            ledger.letter_record(letter_id)?,
        )
    };
    let name = format!("{} {}", rec.kind.label_fr(), rec.date.format("%Y-%m-%d"));
    let file = file_name(&name) + ".pdf";
    // TACT_SAVE_DIR (end-to-end tests, scripted use): save there without asking.
    let chosen = match std::env::var_os("TACT_SAVE_DIR") {
        Some(dir) => Some(std::path::PathBuf::from(dir).join(&file)),
        None => state
            .app
            .dialog()
            .file()
            .set_title("Enregistrer la lettre")
            .set_file_name(file)
            .add_filter("Document PDF", &["pdf"])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = chosen else {
        return Ok(None);
    };
    std::fs::copy(&source, &path).map_err(|e| {
        Error::new(
            ErrorCode::Io,
            format!("Impossible d'enregistrer {}\u{a0}: {e}.", path.display()),
        )
    })?;
    Ok(Some(path.display().to_string()))
}

/// « Ouvrir / Imprimer »: the archived PDF in the system's viewer.
#[tauri::command(async)]
pub fn open_letter(state: State<'_, AppState>, letter_id: i64) -> Res<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = state.ledger()?.letter_file(letter_id)?;
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
    state.ledger()?.letters(client_id)
}

#[tauri::command(async)]
pub fn set_letter_mailing(
    state: State<'_, AppState>,
    letter_id: i64,
    input: MailingInput,
) -> Res<LetterRecord> {
    state.ledger()?.set_mailing(letter_id, &input, today())
}

#[tauri::command(async)]
pub fn client_penalties(state: State<'_, AppState>, client_id: ClientId) -> Res<ClientPenalties> {
    state.ledger()?.penalties(client_id, today())
}

#[tauri::command(async)]
pub fn rate_tables(state: State<'_, AppState>) -> Res<RateTables> {
    state.ledger()?.rate_tables()
}

#[tauri::command(async)]
pub fn add_ecb_rate(state: State<'_, AppState>, input: EcbRateInput) -> Res<RateTables> {
    state.ledger()?.add_ecb_rate(&input)
}

#[tauri::command(async)]
pub fn add_legal_rate(state: State<'_, AppState>, input: LegalRateInput) -> Res<RateTables> {
    state.ledger()?.add_legal_rate(&input)
}

#[tauri::command(async)]
pub fn reset_rates(state: State<'_, AppState>) -> Res<RateTables> {
    state.ledger()?.reset_rates()
}

/// A file name from a subject: letters, digits, spaces and dashes.
fn file_name(subject: &str) -> String {
    let s: String = subject
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == ' ' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        "message".into()
    } else {
        s.chars().take(80).collect()
    }
}

/// Declares each command's TypeScript signature from its Rust one. The `_check` function coerces every command
/// to the declared function-pointer type, so a signature changed in one place and not the other fails to compile.
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

/// The calendar form's starting point: the client's overdue invoices, a calendar sized to the debt.
#[tauri::command(async)]
pub fn suggested_plan(state: State<'_, AppState>, client_id: ClientId) -> Res<PlanInput> {
    state.ledger()?.suggested_plan_input(client_id, today())
}

/// The live preview: the calendar as the form describes it, nothing saved.
#[tauri::command(async)]
pub fn preview_plan(state: State<'_, AppState>, input: PlanInput) -> Res<PlanState> {
    state.ledger()?.preview_plan(&input, today())
}

#[tauri::command(async)]
pub fn propose_plan(state: State<'_, AppState>, input: PlanInput) -> Res<PlanState> {
    state.ledger()?.propose_plan(&input, today())
}

#[tauri::command(async)]
pub fn sign_plan(state: State<'_, AppState>, plan_id: PlanId, signed_on: String) -> Res<PlanState> {
    state.ledger()?.sign_plan(plan_id, &signed_on, today())
}

#[tauri::command(async)]
pub fn client_plans(state: State<'_, AppState>, client_id: ClientId) -> Res<Vec<PlanState>> {
    state.ledger()?.plans(client_id, today())
}

/// The email that proposes a calendar and asks for the signed copy.
#[tauri::command(async)]
pub fn plan_draft(state: State<'_, AppState>, plan_id: PlanId) -> Res<Draft> {
    state.ledger()?.plan_draft(plan_id, today())
}

signatures! {
    app_info() -> AppInfo;
    get_business() -> Option<Business>;
    set_business(input: BusinessInput) -> Business;
    load_demo() -> ImportReport;
    client_page(as_of: NaiveDate, query: ClientQuery) -> Page<ClientRow>;
    client_detail(id: ClientId, as_of: NaiveDate) -> ClientDetail;
    add_client(input: ClientInput) -> Client;
    update_client(id: ClientId, input: ClientInput) -> Client;
    set_client_archived(id: ClientId, archived: bool) -> Client;
    invoice_page(as_of: NaiveDate, query: InvoiceQuery) -> Page<InvoiceRow>;
    get_invoice(id: InvoiceId) -> Invoice;
    add_invoice(input: InvoiceInput) -> Saved<Invoice>;
    update_invoice(id: InvoiceId, input: InvoiceInput) -> Saved<Invoice>;
    record_payment(input: PaymentInput) -> Payment;
    add_credit_note(input: CreditNoteInput) -> CreditNote;
    add_journal_entry(input: JournalInput) -> JournalEntry;
    agenda(as_of: NaiveDate, offset: u32, limit: u32) -> Agenda;
    suggestion(client_id: ClientId, as_of: NaiveDate) -> Suggestion;
    draft(client_id: ClientId, as_of: NaiveDate) -> Draft;
    call_confirmation(journal_id: JournalId, as_of: NaiveDate) -> Draft;
    mark_done(client_id: ClientId, as_of: NaiveDate, text: Option<String>) -> Vec<JournalEntry>;
    postpone(client_id: ClientId, until: String, as_of: NaiveDate) -> ClientOverrides;
    client_overrides(client_id: ClientId) -> ClientOverrides;
    set_client_overrides(client_id: ClientId, overrides: ClientOverrides) -> ClientOverrides;
    get_policy() -> Policy;
    set_policy(policy: Policy) -> Policy;
    reset_policy() -> Policy;
    save_eml(email: EmailText) -> Option<String>;
    open_in_mail(email: EmailText) -> ();
    letter_preview(client_id: ClientId, kind: LetterKind, options: LetterOptions) -> LetterPreview;
    finalize_letter(client_id: ClientId, kind: LetterKind, options: LetterOptions) -> LetterRecord;
    save_letter_pdf(letter_id: i64) -> Option<String>;
    open_letter(letter_id: i64) -> ();
    client_letters(client_id: ClientId) -> Vec<LetterRecord>;
    set_letter_mailing(letter_id: i64, input: MailingInput) -> LetterRecord;
    client_penalties(client_id: ClientId) -> ClientPenalties;
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
}
