//! One error type for the whole domain.
//!
//! Every error carries a stable machine code (what the UI and scripts branch on), a French message written for
//! the user, and, when the problem is one input field, that field's name so a form can show the message next to
//! it. Codes only ever grow; never rename one.

use serde::Serialize;
use std::fmt;

/// Stable error codes. Serialized in snake_case (`"duplicate_invoice_number"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // --- input validation ---
    Required,
    TooLong,
    ControlCharacters,
    InvalidAmount,
    AmountNotPositive,
    AmountNegative,
    TooManyDecimals,
    AmountTooLarge,
    InvalidDate,
    DueBeforeIssue,
    InvalidTerms,
    InvalidRate,
    InvalidSiren,
    InvalidSiret,
    InvalidVatNumber,
    InvalidIban,
    InvalidBic,
    InvalidEmail,
    InvalidPhone,
    InvalidPostcode,
    InvalidChoice,
    // --- ledger rules ---
    DuplicateInvoiceNumber,
    DuplicateCreditNoteNumber,
    ClientNotFound,
    InvoiceNotFound,
    PaymentNotFound,
    CreditNoteNotFound,
    JournalEntryNotFound,
    LetterNotFound,
    PlanNotFound,
    BusinessNotSet,
    ClientMismatch,
    ClientArchived,
    ClientHasInvoices,
    AllocationExceedsPayment,
    AllocationExceedsBalance,
    DuplicateAllocation,
    CreditExceedsBalance,
    AmountBelowSettled,
    InvoiceHasActivity,
    InvalidCorrection,
    InvalidSetting,
    NothingToDraft,
    InvalidPlan,
    PlanState,
    // --- storage and files ---
    DatabaseNewer,
    NotATactDatabase,
    Database,
    Io,
    ImportNotEmpty,
    ImportFormat,
    Overflow,
}

impl ErrorCode {
    /// The code as it appears in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Required => "required",
            ErrorCode::TooLong => "too_long",
            ErrorCode::ControlCharacters => "control_characters",
            ErrorCode::InvalidAmount => "invalid_amount",
            ErrorCode::AmountNotPositive => "amount_not_positive",
            ErrorCode::AmountNegative => "amount_negative",
            ErrorCode::TooManyDecimals => "too_many_decimals",
            ErrorCode::AmountTooLarge => "amount_too_large",
            ErrorCode::InvalidDate => "invalid_date",
            ErrorCode::DueBeforeIssue => "due_before_issue",
            ErrorCode::InvalidTerms => "invalid_terms",
            ErrorCode::InvalidRate => "invalid_rate",
            ErrorCode::InvalidSiren => "invalid_siren",
            ErrorCode::InvalidSiret => "invalid_siret",
            ErrorCode::InvalidVatNumber => "invalid_vat_number",
            ErrorCode::InvalidIban => "invalid_iban",
            ErrorCode::InvalidBic => "invalid_bic",
            ErrorCode::InvalidEmail => "invalid_email",
            ErrorCode::InvalidPhone => "invalid_phone",
            ErrorCode::InvalidPostcode => "invalid_postcode",
            ErrorCode::InvalidChoice => "invalid_choice",
            ErrorCode::DuplicateInvoiceNumber => "duplicate_invoice_number",
            ErrorCode::DuplicateCreditNoteNumber => "duplicate_credit_note_number",
            ErrorCode::ClientNotFound => "client_not_found",
            ErrorCode::InvoiceNotFound => "invoice_not_found",
            ErrorCode::PaymentNotFound => "payment_not_found",
            ErrorCode::CreditNoteNotFound => "credit_note_not_found",
            ErrorCode::JournalEntryNotFound => "journal_entry_not_found",
            ErrorCode::LetterNotFound => "letter_not_found",
            ErrorCode::PlanNotFound => "plan_not_found",
            ErrorCode::BusinessNotSet => "business_not_set",
            ErrorCode::ClientMismatch => "client_mismatch",
            ErrorCode::ClientArchived => "client_archived",
            ErrorCode::ClientHasInvoices => "client_has_invoices",
            ErrorCode::AllocationExceedsPayment => "allocation_exceeds_payment",
            ErrorCode::AllocationExceedsBalance => "allocation_exceeds_balance",
            ErrorCode::DuplicateAllocation => "duplicate_allocation",
            ErrorCode::CreditExceedsBalance => "credit_exceeds_balance",
            ErrorCode::AmountBelowSettled => "amount_below_settled",
            ErrorCode::InvoiceHasActivity => "invoice_has_activity",
            ErrorCode::InvalidCorrection => "invalid_correction",
            ErrorCode::InvalidSetting => "invalid_setting",
            ErrorCode::NothingToDraft => "nothing_to_draft",
            ErrorCode::InvalidPlan => "invalid_plan",
            ErrorCode::PlanState => "plan_state",
            ErrorCode::DatabaseNewer => "database_newer",
            ErrorCode::NotATactDatabase => "not_a_tact_database",
            ErrorCode::Database => "database",
            ErrorCode::Io => "io",
            ErrorCode::ImportNotEmpty => "import_not_empty",
            ErrorCode::ImportFormat => "import_format",
            ErrorCode::Overflow => "overflow",
        }
    }

    #[cfg(test)]
    const ALL: &'static [ErrorCode] = &[
        ErrorCode::Required,
        ErrorCode::TooLong,
        ErrorCode::ControlCharacters,
        ErrorCode::InvalidAmount,
        ErrorCode::AmountNotPositive,
        ErrorCode::AmountNegative,
        ErrorCode::TooManyDecimals,
        ErrorCode::AmountTooLarge,
        ErrorCode::InvalidDate,
        ErrorCode::DueBeforeIssue,
        ErrorCode::InvalidTerms,
        ErrorCode::InvalidRate,
        ErrorCode::InvalidSiren,
        ErrorCode::InvalidSiret,
        ErrorCode::InvalidVatNumber,
        ErrorCode::InvalidIban,
        ErrorCode::InvalidBic,
        ErrorCode::InvalidEmail,
        ErrorCode::InvalidPhone,
        ErrorCode::InvalidPostcode,
        ErrorCode::InvalidChoice,
        ErrorCode::DuplicateInvoiceNumber,
        ErrorCode::DuplicateCreditNoteNumber,
        ErrorCode::ClientNotFound,
        ErrorCode::InvoiceNotFound,
        ErrorCode::PaymentNotFound,
        ErrorCode::CreditNoteNotFound,
        ErrorCode::JournalEntryNotFound,
        ErrorCode::LetterNotFound,
        ErrorCode::PlanNotFound,
        ErrorCode::BusinessNotSet,
        ErrorCode::ClientMismatch,
        ErrorCode::ClientArchived,
        ErrorCode::ClientHasInvoices,
        ErrorCode::AllocationExceedsPayment,
        ErrorCode::AllocationExceedsBalance,
        ErrorCode::DuplicateAllocation,
        ErrorCode::CreditExceedsBalance,
        ErrorCode::AmountBelowSettled,
        ErrorCode::InvoiceHasActivity,
        ErrorCode::InvalidCorrection,
        ErrorCode::InvalidSetting,
        ErrorCode::NothingToDraft,
        ErrorCode::InvalidPlan,
        ErrorCode::PlanState,
        ErrorCode::DatabaseNewer,
        ErrorCode::NotATactDatabase,
        ErrorCode::Database,
        ErrorCode::Io,
        ErrorCode::ImportNotEmpty,
        ErrorCode::ImportFormat,
        ErrorCode::Overflow,
    ];
}

/// A domain error: stable code, French message, and the offending field when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
        }
    }

    /// An error about one input field; `field` is the machine name (`"amount"`, `"issue_date"`).
    pub fn field(code: ErrorCode, field: &str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: Some(field.to_owned()),
        }
    }

    /// Prefix the field path, e.g. `allocations[1].amount`, keeping the code and message.
    pub fn within(mut self, prefix: &str) -> Self {
        self.field = Some(match self.field.take() {
            Some(f) => format!("{prefix}.{f}"),
            None => prefix.to_owned(),
        });
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
            format!("Erreur de la base de données : {detail}."),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::database(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::new(ErrorCode::Io, format!("Erreur de fichier : {e}."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_the_name_serde_gives_it() {
        for code in ErrorCode::ALL {
            let serde_name = serde_json::to_value(code).ok();
            assert_eq!(
                serde_name,
                Some(serde_json::Value::String(code.as_str().into()))
            );
        }
    }

    #[test]
    fn within_builds_a_field_path() {
        let e = Error::field(ErrorCode::AmountNotPositive, "amount", "x").within("allocations[1]");
        assert_eq!(e.field.as_deref(), Some("allocations[1].amount"));
    }
}
