//! The whole ledger to and from a JSON file (docs/data-format.md).

use crate::books::Books;
use std::path::Path;
use tact_core::exchange::{ImportReport, LedgerExport};
use tact_core::{Error, ErrorCode, Result};

/// Import a whole-ledger JSON file into empty books, all or nothing. The file is read before the books are
/// touched.
pub fn import_file(books: &Books, path: &Path) -> Result<ImportReport> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::new(
            ErrorCode::Io,
            format!("Lecture de {}\u{a0}: {e}.", path.display()),
        )
    })?;
    books.write(|l| l.import_json(&text))
}

/// The whole ledger, every record with its id.
pub fn export(books: &Books) -> Result<LedgerExport> {
    books.read(|l| l.export())
}
