//! One error type for the whole domain.
//!
//! Every error carries a stable machine code (what the UI and scripts branch on), a French message written for
//! the user, and, when the problem is one input field, that field's name so a form can show the message next to
//! it. Codes only ever grow; never rename one.

use serde::Serialize;
use std::fmt;

macro_rules! error_codes {
    ($($variant:ident = $code:literal,)+) => {
        /// Stable error codes. Serialized in snake_case (`"duplicate_invoice_number"`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum ErrorCode {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl ErrorCode {
            /// Every code, in declaration order (generated with the enum: it cannot miss one).
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The code as it appears in JSON and on the command line.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)+
                }
            }
        }
    };
}

error_codes! {
    // --- input validation ---
    Required = "required",
    TooLong = "too_long",
    ControlCharacters = "control_characters",
    InvalidAmount = "invalid_amount",
    AmountNotPositive = "amount_not_positive",
    AmountNegative = "amount_negative",
    TooManyDecimals = "too_many_decimals",
    AmountTooLarge = "amount_too_large",
    InvalidDate = "invalid_date",
    DueBeforeIssue = "due_before_issue",
    InvalidTerms = "invalid_terms",
    InvalidRate = "invalid_rate",
    InvalidSiren = "invalid_siren",
    InvalidSiret = "invalid_siret",
    InvalidVatNumber = "invalid_vat_number",
    InvalidIban = "invalid_iban",
    InvalidBic = "invalid_bic",
    InvalidEmail = "invalid_email",
    InvalidPhone = "invalid_phone",
    InvalidPostcode = "invalid_postcode",
    InvalidChoice = "invalid_choice",
    // --- ledger rules ---
    DuplicateInvoiceNumber = "duplicate_invoice_number",
    DuplicateCreditNoteNumber = "duplicate_credit_note_number",
    ClientNotFound = "client_not_found",
    InvoiceNotFound = "invoice_not_found",
    PaymentNotFound = "payment_not_found",
    CreditNoteNotFound = "credit_note_not_found",
    JournalEntryNotFound = "journal_entry_not_found",
    LetterNotFound = "letter_not_found",
    PlanNotFound = "plan_not_found",
    BusinessNotSet = "business_not_set",
    ClientMismatch = "client_mismatch",
    ClientArchived = "client_archived",
    ClientHasInvoices = "client_has_invoices",
    AllocationExceedsPayment = "allocation_exceeds_payment",
    AllocationExceedsBalance = "allocation_exceeds_balance",
    DuplicateAllocation = "duplicate_allocation",
    CreditExceedsBalance = "credit_exceeds_balance",
    AmountBelowSettled = "amount_below_settled",
    InvoiceHasActivity = "invoice_has_activity",
    InvalidCorrection = "invalid_correction",
    PaymentReversed = "payment_reversed",
    InvalidSetting = "invalid_setting",
    NothingToDraft = "nothing_to_draft",
    InvalidPlan = "invalid_plan",
    PlanState = "plan_state",
    // --- storage and files ---
    DatabaseNewer = "database_newer",
    NotATactDatabase = "not_a_tact_database",
    DatabaseDamaged = "database_damaged",
    Database = "database",
    Io = "io",
    ImportNotEmpty = "import_not_empty",
    ImportFormat = "import_format",
    FileTooLarge = "file_too_large",
    UnreadableFile = "unreadable_file",
    NotAnInvoice = "not_an_invoice",
    UnsupportedCurrency = "unsupported_currency",
    SupplierInvoice = "supplier_invoice",
    Overflow = "overflow",
    // --- the command line ---
    Usage = "usage",
    // --- long work ---
    Cancelled = "cancelled",
    // --- sending through the user's mail server ---
    MailNotSet = "mail_not_set",
    NoRecipient = "no_recipient",
    AlreadySent = "already_sent",
    SendUncertain = "send_uncertain",
    NotAWorkingDay = "not_a_working_day",
    TooEarlyToSend = "too_early_to_send",
    SmtpUnknownHost = "smtp_unknown_host",
    SmtpRefused = "smtp_refused",
    SmtpTls = "smtp_tls",
    SmtpAuth = "smtp_auth",
    SmtpTimeout = "smtp_timeout",
    SmtpRejected = "smtp_rejected",
    Smtp = "smtp",
    PasswordMissing = "password_missing",
    Keyring = "keyring",
    // --- the desktop app ---
    NoMailProgram = "no_mail_program",
}

/// A domain error: stable code, French message, and the offending field when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
    /// A form's other fields in error, checked at the same time (see [`Checks`]): a form shows them all at once.
    pub also: Vec<FieldError>,
}

/// One more field in error, beside an [`Error`]'s own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// Gathers the checks of a form's fields so that every error is reported at once: the first is the error, the
/// others go in its `also`. `take` gives the value of a check that passed.
#[derive(Debug, Default)]
pub struct Checks {
    errors: Vec<Error>,
}

impl Checks {
    /// The checked value, or `None` (the error kept) when the check failed.
    pub fn take<T>(&mut self, r: Result<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.push(e);
                None
            }
        }
    }

    /// Record an error found by a rule between fields.
    pub fn push(&mut self, e: Error) {
        self.errors.push(e);
    }

    /// Whether a field already has an error (a rule about it is then not checked again).
    pub fn failed(&self, field: &str) -> bool {
        self.errors
            .iter()
            .any(|e| e.field.as_deref() == Some(field))
    }

    /// Ok when every check passed; otherwise the first error, with the other fields' errors in `also`.
    pub fn done(self) -> Result<()> {
        let mut errors = self.errors.into_iter();
        let Some(mut first) = errors.next() else {
            return Ok(());
        };
        first.also = errors
            .filter_map(|e| {
                e.field.map(|field| FieldError {
                    field,
                    message: e.message,
                })
            })
            .collect();
        Err(first)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            also: Vec::new(),
        }
    }

    /// An error about one input field; `field` is the machine name (`"amount"`, `"issue_date"`).
    pub fn field(code: ErrorCode, field: &str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: Some(field.to_owned()),
            also: Vec::new(),
        }
    }

    /// Prefix the field path, e.g. `allocations[1].amount`, keeping the code and message.
    pub fn within(mut self, prefix: &str) -> Self {
        self.field = Some(match self.field.take() {
            Some(f) => format!("{prefix}.{f}"),
            None => prefix.to_owned(),
        });
        for other in &mut self.also {
            other.field = format!("{prefix}.{}", other.field);
        }
        self
    }

    pub fn overflow() -> Self {
        Self::new(
            ErrorCode::Overflow,
            "Montant hors des limites gérées par Tact.",
        )
    }

    pub fn database(detail: impl fmt::Display) -> Self {
        Self::new(
            ErrorCode::Database,
            format!("Erreur de la base de données\u{a0}: {detail}."),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The database file is damaged: Tact stops writing to it and says how to get the books back.
    pub fn damaged(detail: impl fmt::Display) -> Self {
        Self::new(
            ErrorCode::DatabaseDamaged,
            format!(
                "La base de données est endommagée ({detail})\u{a0}: Tact n'y écrit plus rien, pour ne pas aggraver les dégâts. Restaurez votre dernière sauvegarde\u{a0}: Réglages › Sauvegardes › «\u{a0}Restaurer\u{a0}», ou `tact backup restore FICHIER` (les sauvegardes sont dans le dossier backups à côté de la base\u{a0}; l'état actuel est gardé d'abord)."
            ),
        )
    }
}

impl From<rusqlite::Error> for Error {
    /// SQLite's own messages are English and technical: each case a user can meet is said in French, with what to
    /// do; the technical detail stays in parentheses for a support request.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as Sql;
        let Some(code) = e.sqlite_error_code() else {
            return Error::database(e);
        };
        let said = match code {
            Sql::DatabaseCorrupt | Sql::NotADatabase => return Error::damaged(e),
            Sql::DatabaseBusy | Sql::DatabaseLocked => {
                "la base est occupée par une autre fenêtre ou commande Tact\u{a0}; réessayez dans un instant"
            }
            Sql::DiskFull => "le disque est plein\u{a0}; libérez de la place puis recommencez (rien n'a été enregistré)",
            Sql::ReadOnly => {
                "Tact ne peut pas écrire dans la base\u{a0}: le fichier ou son dossier est en lecture seule"
            }
            Sql::CannotOpen | Sql::PermissionDenied => {
                "Tact ne peut pas ouvrir le fichier de la base\u{a0}: vérifiez que le dossier existe et que vous avez le droit d'y écrire"
            }
            Sql::SystemIoFailure => "le disque a renvoyé une erreur de lecture ou d'écriture\u{a0}; rien n'a été enregistré",
            Sql::ConstraintViolation => "une règle du registre refuse cette écriture\u{a0}; rien n'a été enregistré",
            Sql::OutOfMemory => "la mémoire manque pour terminer l'opération",
            _ => return Error::database(e),
        };
        Error::new(
            ErrorCode::Database,
            format!("Erreur de la base de données\u{a0}: {said} ({e})."),
        )
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::new(ErrorCode::Io, format!("Erreur de fichier\u{a0}: {e}."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_the_name_serde_gives_it_and_codes_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let serde_name = serde_json::to_value(code).ok();
            assert_eq!(
                serde_name,
                Some(serde_json::Value::String(code.as_str().into()))
            );
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
            assert!(
                code.as_str()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_'),
                "{} is not snake_case",
                code.as_str()
            );
        }
        assert!(ErrorCode::ALL.contains(&ErrorCode::Overflow));
    }

    #[test]
    fn sqlite_errors_a_user_can_meet_are_said_in_french() {
        let sql = |code: i32| {
            Error::from(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
            .message
        };
        assert!(sql(rusqlite::ffi::SQLITE_BUSY).contains("occupée par une autre fenêtre"));
        assert!(sql(rusqlite::ffi::SQLITE_FULL).contains("le disque est plein"));
        assert!(sql(rusqlite::ffi::SQLITE_READONLY).contains("lecture seule"));
        assert!(sql(rusqlite::ffi::SQLITE_CONSTRAINT).contains("rien n'a été enregistré"));
        assert_eq!(
            Error::from(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                None
            ))
            .code,
            ErrorCode::DatabaseDamaged
        );
    }

    #[test]
    fn within_builds_a_field_path() {
        let e = Error::field(ErrorCode::AmountNotPositive, "amount", "x").within("allocations[1]");
        assert_eq!(e.field.as_deref(), Some("allocations[1].amount"));
    }
}
