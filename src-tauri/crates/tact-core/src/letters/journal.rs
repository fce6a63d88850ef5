//! What the history says of a letter once archived: its journal entry's kind (a mise en demeure moves the
//! ladder on) and its wording.

use super::{Letter, LetterKind, DEFAULT_DEADLINE_DAYS};
use crate::model::JournalKind;
use crate::plans::{summary, Plan};

/// The journal entry kind and text for an archived letter (`plan`: the calendar a calendar letter is about).
/// The archive file name is appended by the ledger.
pub fn journal_entry(letter: &Letter, plan: Option<&Plan>) -> (JournalKind, String) {
    let deadline = letter.deadline_days.unwrap_or(DEFAULT_DEADLINE_DAYS);
    let total = letter.total.format_fr();
    match letter.kind {
        LetterKind::FormalNotice => (
            JournalKind::FormalNotice,
            format!(
                "Mise en demeure de payer imprimée\u{a0}: {total} réclamés, délai de {deadline} jours à compter de la réception."
            ),
        ),
        LetterKind::FriendlyReminder => (
            JournalKind::FriendlyReminder,
            format!("Relance par courrier\u{a0}: {total}."),
        ),
        LetterKind::FirmReminder => (
            JournalKind::FirmReminder,
            format!("Relance ferme par courrier\u{a0}: {total}."),
        ),
        // Never archived (Ledger::archive_letter refuses it); a note if it ever were.
        LetterKind::RecoveryFile => (
            JournalKind::Note,
            format!("Dossier de recouvrement établi\u{a0}: {total} dus."),
        ),
        // A report is about the whole ledger and never archived with a client's letters.
        LetterKind::Report => (
            JournalKind::Note,
            format!("Rapport établi\u{a0}: {total}."),
        ),
        LetterKind::Statement => (
            JournalKind::Letter,
            format!("Relevé de compte envoyé\u{a0}: {total} dus."),
        ),
        LetterKind::PlanAgreement => (
            JournalKind::Letter,
            match plan {
                Some(p) => format!(
                    "Échéancier de paiement {} envoyé pour signature\u{a0}: {}.",
                    p.reference(),
                    summary(p)
                ),
                None => format!("Échéancier de paiement envoyé pour signature\u{a0}: {total}."),
            },
        ),
        LetterKind::PenaltyClaim => (
            JournalKind::PenaltiesClaimed,
            format!("Réclamation des pénalités de retard envoyée\u{a0}: {total}."),
        ),
        LetterKind::PlanDefault => (
            JournalKind::FormalNotice,
            format!(
                "Mise en demeure (déchéance du terme de l'échéancier) imprimée\u{a0}: {total} en retard, préavis de {deadline} jours à compter de la réception."
            ),
        ),
    }
}
