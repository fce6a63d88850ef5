//! Letters in the books: the document for a client (pure, [`crate::letters`]), its archive and its posting.

use super::checks::client_in;
use super::Ledger;
use crate::error::{Error, ErrorCode, Result};
use crate::files;
use crate::letters::{
    self, Letter, LetterContext, LetterKind, LetterOptions, LetterRecord, MailingInput,
};
use crate::model::{ClientId, ContactChannel, JournalEntry};
use crate::storage as db;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

impl Ledger {
    /// The letter of `kind` for a client as of `today` (not archived: a preview, or the final version to archive).
    pub fn letter(
        &self,
        client_id: ClientId,
        kind: LetterKind,
        opts: &LetterOptions,
        today: NaiveDate,
    ) -> Result<Letter> {
        let business = self.business()?.ok_or_else(|| {
            Error::new(
                ErrorCode::BusinessNotSet,
                "Renseignez d'abord « Mon entreprise » (nom, forme juridique, SIRET, adresse, IBAN)\u{a0}: les lettres portent ces mentions.",
            )
        })?;
        let penalties = self.penalties(client_id, today)?;
        let (client, _, invoices, journal) = self.case_parts(client_id, today)?;
        let plan = match (kind, opts.plan_id) {
            (_, Some(id)) => {
                let st = self.plan(id, today)?;
                if st.plan.client_id != client_id {
                    return Err(Error::field(
                        ErrorCode::ClientMismatch,
                        "plan_id",
                        format!(
                            "L'échéancier {} n'est pas celui de ce client.",
                            st.plan.reference()
                        ),
                    ));
                }
                Some(st)
            }
            (LetterKind::PlanAgreement | LetterKind::PlanDefault, None) => {
                self.current_plan(client_id, today)?
            }
            _ => None,
        };
        // The dossier de recouvrement lists the letters sent; the other letters need none.
        let records = if kind == LetterKind::RecoveryFile {
            self.letters(client_id)?
        } else {
            Vec::new()
        };
        let payments = if kind == LetterKind::Statement {
            self.payments(Some(client_id))?
        } else {
            Vec::new()
        };
        letters::letter(
            &LetterContext {
                business: &business,
                client: &client,
                invoices: &invoices,
                journal: &journal,
                penalties: &penalties,
                plan: plan.as_ref(),
                letters: &records,
                payments: &payments,
                today,
            },
            kind,
            opts,
        )
    }

    /// The folder where final letters are archived: `letters/` beside the database.
    pub fn letters_dir(&self) -> Result<PathBuf> {
        let db = self.store.path().ok_or_else(|| {
            Error::new(
                ErrorCode::Io,
                "Les lettres ne peuvent être archivées qu'avec un registre enregistré sur le disque.",
            )
        })?;
        Ok(db
            .parent()
            .map_or_else(|| PathBuf::from("letters"), |d| d.join("letters")))
    }

    /// Archives the final version of a letter: a copy of the PDF in the letters folder with its SHA-256, and the
    /// journal entry that logs it (a mise en demeure moves the client's ladder on), in one transaction.
    ///
    /// The PDF is written and flushed under a temporary name first, and put in place only once the transaction
    /// has committed; if the transaction fails, only that temporary file is removed. The same letter archived
    /// twice (« Enregistrer » then « Imprimer », or the app and the CLI at once) is one letter, logged once: the
    /// check runs inside the write transaction, so two processes cannot both log it, and neither removes the
    /// file the other put in place.
    pub fn archive_letter(&mut self, letter: &Letter, pdf: &[u8]) -> Result<LetterRecord> {
        self.client(letter.client_id)?;
        if letter.kind == LetterKind::RecoveryFile {
            return Err(Error::new(
                ErrorCode::InvalidSetting,
                "Le dossier de recouvrement n'est pas une lettre envoyée\u{a0}: il n'est ni archivé ni noté dans l'historique. Enregistrez-le où vous voulez.",
            ));
        }
        if pdf.is_empty() {
            return Err(Error::new(ErrorCode::Io, "Le PDF de la lettre est vide."));
        }
        let dir = self.letters_dir()?;
        std::fs::create_dir_all(&dir).map_err(|e| files::write_error(&dir, &e))?;
        let sha256 = sha256_hex(pdf);
        let file = format!(
            "{}-{}-client{}-{}.pdf",
            letter.date.format("%Y-%m-%d"),
            letter.kind.code(),
            letter.client_id,
            sha256.get(..12).unwrap_or_default()
        );
        let pending = files::PendingFile::write(&dir.join(&file), pdf)?;
        let plan = letter
            .plan_id
            .map(|id| db::plan_get(self.conn(), id))
            .transpose()?
            .flatten();
        let (kind, text) = letters::journal_entry(letter, plan.as_ref());
        let rec = self.store.write(|tx| {
            if let Some(same) = db::letters_of_client(tx, letter.client_id)?
                .into_iter()
                .find(|l| l.sha256 == sha256)
            {
                return Ok(same);
            }
            let entry = JournalEntry {
                id: 0,
                client_id: letter.client_id,
                invoice_id: None,
                date: letter.date,
                kind,
                channel: Some(ContactChannel::Letter),
                call_outcome: None,
                promise_date: None,
                promise_amount: None,
                // What the letter is, then a short trace of the archived copy (not its file name).
                text: Some(format!(
                    "{text} Copie archivée dans Tact (empreinte {}).",
                    sha256.chars().take(8).collect::<String>()
                )),
                payment_id: None,
                corrects: None,
            };
            let journal_id = db::journal_insert(tx, &entry, None)?;
            let mut rec = LetterRecord {
                id: 0,
                client_id: letter.client_id,
                kind: letter.kind,
                date: letter.date,
                file: file.clone(),
                sha256: sha256.clone(),
                size: i64::try_from(pdf.len()).unwrap_or(i64::MAX),
                total: letter.total,
                journal_id,
                // The number printed on the letter, when it was known before printing.
                registered_number: letter.registered_number.clone(),
                posted_on: None,
                received_on: None,
                plan_id: letter.plan_id,
                invoice_ids: letter.invoice_ids.clone(),
            };
            rec.id = db::letter_insert(tx, &rec, None)?;
            if let (LetterKind::PlanDefault, Some(plan)) = (letter.kind, letter.plan_id) {
                // The déchéance is invoked: the calendar no longer shields its invoices.
                db::plan_set_broken(tx, plan, letter.date)?;
            }
            Ok(rec)
        })?;
        // The record is committed: put the copy in place (a copy already there, written by whoever archived the
        // same letter, has the same bytes and is left as it is).
        let path = dir.join(&rec.file);
        if rec.file == file {
            pending.persist_new()?;
        } else if !path.exists() {
            // The same letter archived on another day before: its copy was removed since; write it back.
            files::write_atomic(&path, pdf)?;
        }
        Ok(rec)
    }

    /// The archived copy of a letter, checked against its SHA-256.
    pub fn letter_file(&self, id: i64) -> Result<PathBuf> {
        let rec = self.letter_record(id)?;
        let path = self.letters_dir()?.join(&rec.file);
        recover(&path, &rec.sha256)?;
        let bytes = std::fs::read(&path).map_err(|e| {
            Error::new(
                ErrorCode::Io,
                format!(
                    "La copie archivée de la lettre est introuvable ({})\u{a0}: {e}.",
                    path.display()
                ),
            )
        })?;
        let sha256 = sha256_hex(&bytes);
        if sha256 != rec.sha256 {
            return Err(Error::new(
                ErrorCode::Io,
                format!("La copie archivée {} a été modifiée depuis son impression (empreinte différente).", path.display()),
            ));
        }
        Ok(path)
    }

    /// Put back in place the archived copies a process stopped between committing a letter's record and renaming
    /// its PDF (the copy is then in its temporary file, `.<name>.<random>.tmp`). Run when the books are opened;
    /// returns how many were put back.
    pub fn recover_letter_files(&self) -> Result<usize> {
        let Some(dir) = self
            .store
            .path()
            .and_then(Path::parent)
            .map(|d| d.join("letters"))
        else {
            return Ok(0);
        };
        if !dir.is_dir() {
            return Ok(0);
        }
        let mut n = 0usize;
        for rec in db::letters_all(self.conn())? {
            if recover(&dir.join(&rec.file), &rec.sha256)? {
                n = n.saturating_add(1);
            }
        }
        Ok(n)
    }

    /// A client's archived letters, newest first.
    pub fn letters(&self, client_id: ClientId) -> Result<Vec<LetterRecord>> {
        client_in(self.conn(), client_id, "client_id")?;
        db::letters_of_client(self.conn(), client_id)
    }

    pub fn letter_record(&self, id: i64) -> Result<LetterRecord> {
        db::letter_get(self.conn(), id)?.ok_or_else(|| {
            Error::field(
                ErrorCode::LetterNotFound,
                "letter_id",
                format!("Lettre n°\u{a0}{id}\u{a0}: introuvable."),
            )
        })
    }

    /// Records the LRAR number, the posting date or the AR date of an archived letter (what is not given is kept).
    pub fn set_mailing(
        &mut self,
        letter_id: i64,
        input: &MailingInput,
        today: NaiveDate,
    ) -> Result<LetterRecord> {
        let mut rec = self.letter_record(letter_id)?;
        let (number, posted, received) = input.apply(&rec, today)?;
        rec.registered_number = number;
        rec.posted_on = posted;
        rec.received_on = received;
        self.store.write(|tx| db::letter_set_mailing(tx, &rec))?;
        Ok(rec)
    }
}

/// If `path` is missing, put in its place the temporary file left for it that has these bytes.
fn recover(path: &Path, sha256: &str) -> Result<bool> {
    if path.exists() {
        return Ok(false);
    }
    for tmp in files::leftovers(path) {
        if std::fs::read(&tmp).is_ok_and(|b| sha256_hex(&b) == sha256) {
            match std::fs::rename(&tmp, path) {
                Ok(()) => {
                    if let Some(dir) = path.parent() {
                        files::sync_dir(dir);
                    }
                    return Ok(true);
                }
                // The process that wrote it (still running) put it in place first.
                Err(_) if path.exists() => return Ok(false),
                Err(e) => return Err(files::write_error(path, &e)),
            }
        }
    }
    Ok(false)
}

/// The SHA-256 of a file's bytes, in lowercase hexadecimal (the letters' fingerprint).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
