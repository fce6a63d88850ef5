//! The IPC commands. Each takes its input, calls one `Ledger` method, and returns a serializable result or a
//! structured error `{code, message, field}` (French message, stable code). Database commands run off the main
//! thread (`async`). Adding a command: write it here, list it in `signatures!` below and in build.rs, add its
//! permission in capabilities/default.json, then regenerate the TypeScript (`TACT_UPDATE_BINDINGS=1 cargo test
//! -p tact-app bindings`).

use crate::AppState;
use chrono::NaiveDate;
use serde::Serialize;
use tact_core::exchange::ImportReport;
use tact_core::input::{
    BusinessInput, ClientInput, CreditNoteInput, InvoiceInput, JournalInput, PaymentInput,
};
use tact_core::ledger::{
    ClientDetail, ClientQuery, ClientRow, InvoiceQuery, InvoiceRow, Page, Saved,
};
use tact_core::model::{
    Business, Client, ClientId, CreditNote, Invoice, InvoiceId, JournalEntry, Payment,
};
use tact_core::Error;
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
pub fn overdue_clients(
    state: State<'_, AppState>,
    as_of: NaiveDate,
    offset: u32,
    limit: u32,
) -> Res<Page<ClientRow>> {
    state.ledger()?.overdue_clients(as_of, offset, limit)
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

signatures! {
    app_info() -> AppInfo;
    get_business() -> Option<Business>;
    set_business(input: BusinessInput) -> Business;
    load_demo() -> ImportReport;
    overdue_clients(as_of: NaiveDate, offset: u32, limit: u32) -> Page<ClientRow>;
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
}
