//! Drafts leaving Tact as files: « Enregistrer en .eml ».

use crate::books::Books;
use chrono::NaiveDate;
use std::path::Path;
use tact_core::drafts::EmailText;
use tact_core::Result;

/// Write the email as an `.eml` file, from the business's address when it has one.
pub fn save_eml(books: &Books, email: &EmailText, path: &Path, today: NaiveDate) -> Result<()> {
    let from = books.read(|l| Ok(l.business()?.and_then(|b| b.contact.email)))?;
    std::fs::write(
        path,
        tact_core::drafts::to_eml(email, from.as_deref(), today),
    )
    .map_err(|e| crate::letters::save_error(path, &e))
}

/// The file name offered for a message or a letter: its subject's letters, digits, spaces and dashes (at most 80
/// characters; « message » when nothing is left).
pub fn file_name(subject: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_keeps_words_and_drops_punctuation() {
        assert_eq!(
            file_name("Relance : facture F-2026-041 (rappel)"),
            "Relance facture F-2026-041 rappel"
        );
        assert_eq!(file_name("« ? »"), "message");
        assert_eq!(file_name(&"a".repeat(100)).chars().count(), 80);
    }
}
