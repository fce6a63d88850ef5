//! draft → send: what a message carries before it leaves (the network side is tested against a real SMTP
//! server in tact-cli/tests/mail.rs). The invoice PDFs come from e-invoices made by independent tools
//! (factur-x from PyPI, through tact_import::test_inputs).

use chrono::{Days, NaiveDate};
use tact_core::ledger::mail::{AttachmentSource, Outgoing};
use tact_core::ErrorCode;
use tact_usecases::invoices::{self, ImportChoices};
use tact_usecases::jobs::Progress;
use tact_usecases::{mail, Books};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_default()
}

#[test]
fn a_reminder_of_an_imported_factur_x_invoice_carries_its_pdf_byte_for_byte() {
    let (_keep, files) = tact_import::test_inputs::generate();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = Books::open(&dir.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    books
        .write(|l| l.load_demo())
        .unwrap_or_else(|e| panic!("{e}"));
    // Before the import, Studio Nova's email carries nothing: its invoices were typed by hand.
    let nova = mail::prepare(&books, &Outgoing::Step { client_id: 4 }, d("2026-11-23"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(nova.attachments.is_empty());
    invoices::import(
        &books,
        std::slice::from_ref(&files),
        &ImportChoices::default(),
        d("2026-12-05"),
        &Progress::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let clients = books
        .read(|l| l.import_index())
        .unwrap_or_else(|e| panic!("{e}"))
        .clients;
    // The first day a step of some client names an imported invoice: its email joins that invoice's PDF.
    let mut found = None;
    let mut day = d("2026-12-07");
    while found.is_none() && day < d("2027-04-01") {
        for c in &clients {
            if let Ok(out) = mail::prepare(&books, &Outgoing::Step { client_id: c.id }, day) {
                if !out.attachments.is_empty() {
                    found = Some((out, day));
                    break;
                }
            }
        }
        day = day.checked_add_days(Days::new(1)).unwrap_or(day);
    }
    let (out, day) = found.unwrap_or_else(|| panic!("no step ever names an imported invoice"));
    let files_sent = mail::attachments(&books, &out, day).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(files_sent.len(), out.attachments.len());
    for (a, f) in out.attachments.iter().zip(&files_sent) {
        let AttachmentSource::Invoice { .. } = &a.source else {
            panic!("{a:?}")
        };
        let original =
            std::fs::read(files.join(&a.name)).unwrap_or_else(|e| panic!("{}: {e}", a.name));
        assert_eq!(f.bytes, original, "{} is not the imported file", a.name);
        assert_eq!(f.content_type, "application/pdf");
    }
}

#[test]
fn a_step_that_is_no_email_has_nothing_to_send() {
    let books = Books::in_memory().unwrap_or_else(|e| panic!("{e}"));
    books
        .write(|l| l.load_demo())
        .unwrap_or_else(|e| panic!("{e}"));
    // Petitjean, 23 November: the mise en demeure goes by registered post.
    let err = mail::prepare(&books, &Outgoing::Step { client_id: 2 }, d("2026-11-23")).err();
    assert_eq!(
        err.as_ref().map(|e| e.code),
        Some(ErrorCode::NothingToDraft)
    );
    assert!(err.is_some_and(|e| e.message.contains("recommandée")));
    // Sending needs the mailbox first.
    let err = mail::send(
        &books,
        &Outgoing::Step { client_id: 4 },
        &mail::SendRequest::default(),
        None,
        tact_usecases::clock::now_on(d("2026-11-23")),
        &Progress::default(),
    )
    .err()
    .map(|e| e.code);
    assert_eq!(err, Some(ErrorCode::MailNotSet));
}

#[test]
fn the_eml_is_built_by_the_same_code_and_opens_as_a_message_to_send() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = Books::in_memory().unwrap_or_else(|e| panic!("{e}"));
    books
        .write(|l| l.load_demo())
        .unwrap_or_else(|e| panic!("{e}"));
    let draft = books
        .read(|l| l.draft(3, d("2026-11-25")))
        .unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("relance.eml");
    let now = tact_usecases::clock::now_on(d("2026-11-25"));
    mail::save_eml(&books, &draft.email(), &path, now).unwrap_or_else(|e| panic!("{e}"));
    let eml = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(eml.contains("To: julien.roche@exemple.fr\r\n"), "{eml}");
    assert!(eml.contains("X-Unsent: 1\r\n"));
    assert!(eml.contains("Content-Transfer-Encoding: quoted-printable"));
    assert!(eml.contains("Subject: "));
    assert!(
        eml.is_ascii(),
        "headers and body are encoded for 7-bit transport"
    );
    assert!(eml.split("\r\n").all(|line| line.len() <= 78), "{eml}");
    assert!(eml.contains("Date: "), "{eml}");
}

#[test]
fn a_calendar_sent_for_signature_carries_its_agreement_and_a_call_its_confirmation() {
    let books = Books::in_memory().unwrap_or_else(|e| panic!("{e}"));
    books
        .write(|l| l.load_demo())
        .unwrap_or_else(|e| panic!("{e}"));
    let today = d("2026-11-23");
    let plan = books
        .write(|l| {
            let input = l.suggested_plan_input(1, today)?;
            l.propose_plan(&input, today)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let out = mail::prepare(
        &books,
        &Outgoing::Plan {
            plan_id: plan.plan.id,
        },
        today,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.draft.to.as_deref(), Some("compta@agence-lumiere.fr"));
    assert_eq!(out.attachments.len(), 1);
    let files = mail::attachments(&books, &out, today).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        files[0].bytes.starts_with(b"%PDF"),
        "the agreement is a PDF"
    );
    assert!(files[0].name.ends_with(".pdf"));
    // The confirmation of a call noted in the history: its own message, once per call.
    let call = books
        .read(|l| l.journal(1))
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .rev()
        .find(|j| j.entry.kind == tact_core::model::JournalKind::Call)
        .unwrap_or_else(|| panic!("Lumière's call"));
    let out = mail::prepare(
        &books,
        &Outgoing::CallConfirmation {
            journal_id: call.entry.id,
        },
        today,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.key, format!("call/{}", call.entry.id));
    assert!(out.attachments.is_empty());
    assert_eq!(out.entries_for("Suite à notre appel").len(), 1);
}
