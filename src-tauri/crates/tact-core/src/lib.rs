//! Tact's domain, free of any UI framework: the ledger of a small French business's invoices, payments, credit
//! notes and exchanges with each client, kept in SQLite.
//!
//! | module | owns |
//! |---|---|
//! | [`calendar`] | working days in France: weekends and public holidays (for scheduling contacts) |
//! | [`money`] | euro amounts in cents, exact parsing of what users type, French formatting |
//! | [`text`] | validation of text fields, SIREN/SIRET, VAT numbers, IBAN/BIC, email, phone, dates |
//! | [`model`] | the records (business, client, invoice, payment, credit note, journal entry) and their kinds |
//! | [`input`] | raw inputs from forms and the CLI, validated into records |
//! | [`standing`] | derived state as of a date: balances, statuses, lateness, payment history (pure) |
//! | [`storage`] | the only SQL: migrations, backups, queries |
//! | [`ledger`] | the entry point: every read and write, each write in one transaction |
//! | [`engine`] | the next tactful step per client (pure; today is a parameter) |
//! | [`exchange`] | whole-ledger JSON export/import and the example data |
//! | [`legal`] | penalties and legal interest to the cent, the 40 € indemnity, the rate tables |
//! | [`drafts`] | the draft of a step: email, call sheet, call confirmation, memo; `.eml` and `mailto:` |
//! | [`mail`] | sending through the user's mailbox: its settings, the providers, a step's message identity, the send-time rules |
//! | [`letters`] | the letters by post as a document model: mise en demeure, relances, relevé de compte |
//! | [`files`] | files beside the database written whole: temporary name, flushed, renamed in place |
//! | [`fixtures`] | a client's case built by hand, for tests of the pure rules without a database |
//! | [`reconcile`] | which invoices a bank credit pays, with a confidence and the reasons (pure) |
//! | [`plans`] | payment calendars: the schedule to the cent, instalment states, the suggested calendar (pure) |
//!
//! The domain never reads the clock: every "as of" date is a parameter.

pub mod addressee;
pub mod calendar;
pub mod dashboard;
pub mod drafts;
pub mod engine;
pub mod error;
pub mod exchange;
pub mod files;
pub mod fixtures;
pub mod input;
pub mod ledger;
pub mod legal;
pub mod letters;
pub mod mail;
pub mod model;
pub mod money;
pub mod numbering;
pub mod past;
pub mod payers;
pub mod plans;
pub mod reconcile;
pub mod recovery;
pub mod standing;
pub mod storage;
pub mod text;

pub use error::{Error, ErrorCode, Result};
pub use ledger::Ledger;
pub use rust_decimal::Decimal;
