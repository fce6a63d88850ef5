//! The zip files Tact writes (the export archive, the backups) and reads back: entries in the order given, no
//! timestamps (the same content gives the same bytes), deflated text, stored PDFs; reading bounded by the
//! archive's own size.

use std::io::{Cursor, Read, Write};
use tact_core::{Error, ErrorCode, Result};

/// A zip being written in memory.
pub(crate) struct Writer {
    zip: zip::ZipWriter<Cursor<Vec<u8>>>,
    what: &'static str,
}

impl Writer {
    /// `what` names the file in errors (« l'archive », « la sauvegarde »).
    pub(crate) fn new(what: &'static str) -> Writer {
        Writer {
            zip: zip::ZipWriter::new(Cursor::new(Vec::new())),
            what,
        }
    }

    fn error(&self, e: &dyn std::fmt::Display) -> Error {
        Error::new(
            ErrorCode::Io,
            format!("Création de {}\u{a0}: {e}.", self.what),
        )
    }

    fn add(&mut self, name: &str, bytes: &[u8], method: zip::CompressionMethod) -> Result<()> {
        let opts = zip::write::SimpleFileOptions::default()
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644)
            .compression_method(method);
        self.zip
            .start_file(name, opts)
            .map_err(|e| self.error(&e))?;
        self.zip.write_all(bytes).map_err(|e| self.error(&e))
    }

    /// A text entry (JSON, the database copy), compressed.
    pub(crate) fn deflated(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        self.add(name, bytes, zip::CompressionMethod::Deflated)
    }

    /// An entry already compressed (a PDF), stored as it is.
    pub(crate) fn stored(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        self.add(name, bytes, zip::CompressionMethod::Stored)
    }

    pub(crate) fn finish(self) -> Result<Vec<u8>> {
        let what = self.what;
        self.zip
            .finish()
            .map(Cursor::into_inner)
            .map_err(|e| Error::new(ErrorCode::Io, format!("Création de {what}\u{a0}: {e}.")))
    }
}

/// A zip read from its bytes.
pub(crate) struct Reader {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    limit: u64,
    bad: Box<dyn Fn(String) -> Error>,
}

impl Reader {
    /// `bad` turns what went wrong into the caller's French error.
    pub(crate) fn new(bytes: Vec<u8>, bad: impl Fn(String) -> Error + 'static) -> Result<Reader> {
        // An entry is never larger than the archive holding it, compressed 1 000 to 1 at most.
        let limit = u64::try_from(bytes.len())
            .unwrap_or(u64::MAX)
            .saturating_mul(1000);
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
        Ok(Reader {
            zip,
            limit,
            bad: Box::new(bad),
        })
    }

    /// The entry's bytes, `None` when the archive has no such entry (a damaged one is an error).
    pub(crate) fn entry(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        match self.zip.by_name(name) {
            Ok(f) => {
                let mut out = Vec::new();
                f.take(self.limit)
                    .read_to_end(&mut out)
                    .map_err(|e| (self.bad)(format!("{name}\u{a0}: {e}")))?;
                Ok(Some(out))
            }
            Err(zip::result::ZipError::FileNotFound) => Ok(None),
            Err(e) => Err((self.bad)(format!("{name}\u{a0}: {e}"))),
        }
    }
}
