//! Tact's use cases: each public function is one thing the user asks for, from the desktop app or the `tact`
//! command line, combining the ledger ([`tact_core::Ledger`]) with the letters on paper ([`tact_letters`]) and
//! the files around them. The shell and the CLI parse, make one call here (or one ledger call through
//! [`Books`]), and format; nothing here knows about windows, dialogs or arguments.
//!
//! | module | use cases |
//! |---|---|
//! | [`books`] | the open books, shared between requests: short reads and writes under one lock |
//! | [`clock`] | « today », taken once per request, in one place |
//! | [`letters`] | letter → render → archive: the preview, the final version, the PDF written to a file |
//! | [`mail`] | draft → send → journal through the user's mailbox; « Tester la connexion »; a draft saved as an `.eml` file |
//! | [`secrets`] | the mailbox password in the system keyring (or for this session only) |
//! | [`exchange`] | the whole ledger from and to a file: the JSON document, or the archive with the letters' PDFs |
//! | [`invoices`] | import → preview → write: e-invoices and CSV exports become invoices, credit notes and clients |
//! | [`bank`] | bank statements: read, credits stored once, the review with its proposals |
//! | [`backup`] | automatic backups (database and letters), kept 7 days and 8 weeks; restore |
//! | [`jobs`] | long work (imports, sending): off the caller's thread, with progress and cancel, never holding the books while it waits on files or the network |

pub mod backup;
pub mod bank;
pub mod books;
pub mod clock;
pub mod exchange;
pub mod invoices;
pub mod jobs;
pub mod letters;
pub mod mail;
pub mod reports;
pub mod secrets;
mod zipfile;

pub use books::Books;
