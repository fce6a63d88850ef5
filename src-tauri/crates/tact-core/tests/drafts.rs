//! The drafts' content, checked against golden files (tests/golden/) and for French typography.
//!
//! After an intended change of wording: `TACT_UPDATE_GOLDEN=1 cargo test -p tact-core --test drafts`, then read
//! the diff of tests/golden/ before committing it.

// Index arithmetic on a test string's characters.
#![allow(clippy::arithmetic_side_effects)]

use chrono::NaiveDate;
use std::path::PathBuf;
use tact_core::drafts::{mailto_url, Draft};
use tact_core::engine::Action;
use tact_core::input::{ClientInput, JournalInput};
use tact_core::{ErrorCode, Ledger};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn demo() -> Ledger {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    l
}

fn id_of(l: &Ledger, name: &str) -> i64 {
    l.clients()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .unwrap_or_else(|| panic!("{name}"))
}

fn draft(l: &Ledger, name: &str, day: &str) -> Draft {
    l.draft(id_of(l, name), d(day))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text(dr: &Draft) -> String {
    format!(
        "To: {}\nSubject: {}\n\n{}\n",
        dr.to.as_deref().unwrap_or("-"),
        dr.subject,
        dr.body
    )
}

/// Compare with tests/golden/<name>.txt (or write it under TACT_UPDATE_GOLDEN=1).
fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.txt"));
    if std::env::var_os("TACT_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (TACT_UPDATE_GOLDEN=1 writes it)", path.display()));
    assert_eq!(
        actual,
        expected,
        "draft {name} differs from {}",
        path.display()
    );
}

/// French typography: a no-break space (never a plain one, never none) before « : ; ? ! », inside guillemets and
/// before €; no exclamation mark at all.
fn assert_typography(s: &str) {
    let chars: Vec<char> = s.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        let context: String = chars[i.saturating_sub(30)..(i + 10).min(chars.len())]
            .iter()
            .collect();
        match c {
            ';' | '?' | '€' => assert!(
                matches!(before, Some('\u{a0}') | Some('\u{202f}')),
                "no-break space before {c:?}: {context:?}"
            ),
            // A colon after a label needs one, except in clock times and the IBAN/URL-free text we write.
            ':' => assert!(
                matches!(before, Some('\u{a0}') | Some('\u{202f}')),
                "no-break space before ':': {context:?}"
            ),
            '«' => assert_eq!(after, Some('\u{a0}'), "after «: {context:?}"),
            '»' => assert_eq!(before, Some('\u{a0}'), "before »: {context:?}"),
            '!' => panic!("no exclamation mark in a draft: {context:?}"),
            _ => {}
        }
    }
}

#[test]
fn the_drafts_of_monday_23_november() {
    let l = demo();
    let cases = [
        (
            "Agence Lumière SARL",
            "2026-11-23",
            Action::ProposeCalendar,
            "lumiere-calendar",
        ),
        (
            "Boulangerie Petitjean",
            "2026-11-23",
            Action::FormalNotice,
            "petitjean-formal-notice",
        ),
        (
            "M. Julien Roche",
            "2026-11-25",
            Action::FriendlyReminder,
            "roche-friendly",
        ),
        (
            "Studio Nova SAS",
            "2026-11-23",
            Action::SettleDispute,
            "nova-dispute",
        ),
        (
            "Café des Arts",
            "2026-11-25",
            Action::PreventiveNote,
            "cafe-preventive",
        ),
    ];
    for (name, day, action, file) in cases {
        let dr = draft(&l, name, day);
        assert_eq!(dr.action, action, "{name}");
        assert_typography(&dr.subject);
        assert_typography(&dr.body);
        golden(file, &text(&dr));
    }
}

#[test]
fn every_reminder_names_the_invoices_amounts_and_how_to_pay() {
    let l = demo();
    let dr = draft(&l, "M. Julien Roche", "2026-11-25");
    assert_eq!(dr.to.as_deref(), Some("julien.roche@exemple.fr"));
    assert!(
        dr.body.starts_with("Bonjour Monsieur Roche,"),
        "{}",
        dr.body
    );
    for needle in [
        "F-2026-047",
        "06/11/2026",
        "20/11/2026",
        "320,00\u{a0}€",
        "reste dû 320,00\u{a0}€",
        "en retard de 5\u{a0}jours",
        "IBAN\u{a0}: FR76 3000 4000 3123 4567 8901 235",
        "Sophie Marchand",
    ] {
        assert!(dr.body.contains(needle), "{needle:?} in {}", dr.body);
    }
    // A consumer: never the 40 € nor penalties.
    assert!(!dr.body.contains("40\u{a0}€"));
    assert!(!dr.body.contains("pénalités"));
    // The invoice table is also structured, for the screen.
    assert_eq!(dr.lines.len(), 1);
    assert_eq!(dr.lines[0].balance.cents(), 32_000);
}

#[test]
fn the_firm_reminder_recalls_earlier_contacts_and_for_b2b_the_penalties_and_40_euros() {
    let mut l = demo();
    let roche = id_of(&l, "M. Julien Roche");
    let add = |l: &mut Ledger, client_id: i64, date: &str, kind: &str| {
        l.add_journal_entry(&JournalInput {
            client_id,
            date: date.into(),
            kind: kind.into(),
            channel: Some("email".into()),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    };
    add(&mut l, roche, "2026-11-25", "friendly_reminder");
    let firm = draft(&l, "M. Julien Roche", "2026-12-02");
    assert_eq!(firm.action, Action::FirmReminder);
    assert!(
        firm.body
            .contains("Mon courriel du 25\u{a0}novembre 2026 est resté sans réponse"),
        "{}",
        firm.body
    );
    assert!(!firm.body.contains("40\u{a0}€"), "consumer: no indemnity");
    assert_typography(&firm.body);
    golden("roche-firm", &text(&firm));

    // The same step for a business client states penalties and the 40 € (C. com. L441-10, D441-5).
    let pro = l
        .add_client(&ClientInput {
            kind: "professional".into(),
            name: "Imprimerie Test".into(),
            contact: tact_core::input::PostalContactInput {
                email: Some("compta@imprimerie.test".into()),
                ..Default::default()
            },
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    l.add_invoice(&tact_core::input::InvoiceInput {
        number: "F-2026-050".into(),
        client_id: pro.id,
        issue_date: "2026-10-01".into(),
        amount: "1000.00".into(),
        terms: Some("30".into()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    add(&mut l, pro.id, "2026-11-04", "friendly_reminder");
    let firm = draft(&l, "Imprimerie Test", "2026-11-12");
    assert_eq!(firm.action, Action::FirmReminder);
    assert!(firm.body.starts_with("Bonjour,"));
    for needle in [
        "L441-10",
        "40\u{a0}€ par facture",
        "D441-5",
        "Mon courriel du 4\u{a0}novembre 2026 est resté sans réponse",
    ] {
        assert!(firm.body.contains(needle), "{needle:?} in {}", firm.body);
    }
    assert_typography(&firm.body);
}

#[test]
fn a_phone_call_gets_a_call_sheet_and_the_call_a_confirmation_email() {
    let mut l = demo();
    let petitjean = id_of(&l, "Boulangerie Petitjean");
    // On 07/10, the call after the firm reminder of 29/09.
    let dr = draft(&l, "Boulangerie Petitjean", "2026-10-07");
    assert_eq!(dr.action, Action::PhoneCall);
    assert!(!dr.sendable);
    let sheet = dr
        .call_sheet
        .clone()
        .unwrap_or_else(|| panic!("a call sheet"));
    assert_eq!(sheet.phone.as_deref(), Some("04 78 28 11 05"));
    assert!(sheet.opening.contains("F-2026-028"), "{}", sheet.opening);
    assert!(sheet.when.contains("10\u{a0}h"));
    assert!(!sheet.questions.is_empty() && !sheet.offers.is_empty() && !sheet.to_note.is_empty());
    assert_typography(&dr.body);
    golden("petitjean-call-sheet", &text(&dr));

    // The call of 19/10 (a promise) gives the confirmation that restates what was agreed.
    let promise = l
        .journal(petitjean)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|v| v.entry.promise_date.is_some())
        .unwrap_or_else(|| panic!("the promise"));
    let conf = l
        .call_confirmation(promise.entry.id, d("2026-10-19"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(conf.sendable);
    assert!(
        conf.body.contains(
            "vous procéderez au règlement de 450,00\u{a0}€ au plus tard le 31\u{a0}octobre 2026"
        ),
        "{}",
        conf.body
    );
    assert_typography(&conf.body);
    golden("petitjean-call-confirmation", &text(&conf));

    // A call without answer gives a short message asking to call back.
    let call = l
        .add_journal_entry(&JournalInput {
            client_id: petitjean,
            date: "2026-11-23".into(),
            kind: "call".into(),
            channel: Some("phone".into()),
            call_outcome: Some("no_answer".into()),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let conf = l
        .call_confirmation(call.id, d("2026-11-23"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(conf
        .body
        .contains("J'ai essayé de vous joindre par téléphone de ce jour"));
    // Only a call has a confirmation.
    let note = l
        .add_journal_entry(&JournalInput {
            client_id: petitjean,
            date: "2026-11-23".into(),
            kind: "note".into(),
            text: Some("Note".into()),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        l.call_confirmation(note.id, d("2026-11-23"))
            .err()
            .map(|e| e.code),
        Some(ErrorCode::InvalidChoice)
    );
}

#[test]
fn english_clients_get_english_drafts() {
    let mut l = demo();
    let roche = id_of(&l, "M. Julien Roche");
    let mut input = ClientInput::from(&l.client(roche).unwrap_or_else(|e| panic!("{e}")));
    input.language = Some("en".into());
    l.update_client(roche, &input)
        .unwrap_or_else(|e| panic!("{e}"));
    let dr = draft(&l, "M. Julien Roche", "2026-11-25");
    assert!(dr.body.starts_with("Dear Mr Roche,"), "{}", dr.body);
    assert!(dr.body.contains("€320.00"), "{}", dr.body);
    assert!(dr.subject.starts_with("Invoice F-2026-047"));
    golden("roche-friendly-en", &text(&dr));
}

#[test]
fn nothing_to_do_means_nothing_to_draft() {
    let l = demo();
    let err = l
        .draft(id_of(&l, "Agence Lumière SARL"), d("2026-10-20"))
        .err()
        .map(|e| e.code);
    assert_eq!(err, Some(ErrorCode::NothingToDraft));
}

#[test]
fn ouvrir_dans_la_messagerie_gives_a_mailto_link_with_everything_encoded() {
    let l = demo();
    let dr = draft(&l, "M. Julien Roche", "2026-11-25");
    let url = mailto_url(&dr.email());
    assert!(
        url.starts_with("mailto:julien.roche@exemple.fr?subject=Facture%20F%2D2026%2D047"),
        "{url}"
    );
    assert!(
        url.contains("&body=Bonjour%20Monsieur%20Roche%2C%0D%0A%0D%0A"),
        "{url}"
    );
    assert!(url.is_ascii());
}
