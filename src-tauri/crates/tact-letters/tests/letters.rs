//! The letters as printed: read back from the PDF with poppler's `pdftotext` (words, and their positions with
//! `-bbox`), on the example data of Monday 23 November 2026.

// Tests count pages and slice strings on small known inputs; the checked-arithmetic rule guards the app code.
#![allow(clippy::arithmetic_side_effects)]

use chrono::NaiveDate;
use std::process::Command;
use tact_core::engine::Action;
use tact_core::letters::{self, LetterKind, LetterOptions, MailingInput};
use tact_core::model::JournalKind;
use tact_core::{ErrorCode, Ledger};

const PETITJEAN: i64 = 2;
const ROCHE: i64 = 3;
const NOVA: i64 = 4;
const CAFE: i64 = 5;
/// PDF points per millimetre.
const PT: f64 = 72.0 / 25.4;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("date"))
}

fn monday() -> NaiveDate {
    day(2026, 11, 23)
}

fn demo() -> Ledger {
    let mut l = Ledger::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("demo: {e}"));
    l
}

fn pdf(
    l: &Ledger,
    client: i64,
    kind: LetterKind,
    opts: &LetterOptions,
) -> (letters::Letter, Vec<u8>) {
    let letter = l
        .letter(client, kind, opts, monday())
        .unwrap_or_else(|e| panic!("{e}"));
    let bytes = tact_letters::render(&letter).unwrap_or_else(|e| panic!("{e}"));
    (letter, bytes)
}

fn pdftotext(bytes: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("l.pdf");
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("pdftotext")
        .args(args)
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

/// The text with every kind of space as one plain space (pdftotext turns U+00A0 and U+202F into spaces).
fn words(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each word of `pdftotext -bbox` with its box in mm from the top-left corner: (word, x_min, y_min, x_max, y_max, page).
fn boxes(bytes: &[u8]) -> Vec<(String, f64, f64, f64, f64, usize)> {
    let html = pdftotext(bytes, &["-bbox"]);
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines() {
        if line.contains("<page ") {
            page += 1;
        }
        let Some(rest) = line.trim().strip_prefix("<word ") else {
            continue;
        };
        let attr = |name: &str| -> f64 {
            let key = format!("{name}=\"");
            let start = rest
                .find(&key)
                .unwrap_or_else(|| panic!("{name} in {rest}"))
                + key.len();
            let end = rest[start..].find('"').unwrap_or_else(|| panic!("{rest}")) + start;
            rest[start..end].parse().unwrap_or_else(|e| panic!("{e}"))
        };
        let text = rest
            .split_once('>')
            .and_then(|(_, t)| t.split_once("</word>"))
            .map(|(t, _)| t.replace("&amp;", "&"))
            .unwrap_or_default();
        out.push((
            text,
            attr("xMin") / PT,
            attr("yMin") / PT,
            attr("xMax") / PT,
            attr("yMax") / PT,
            page,
        ));
    }
    out
}

#[test]
fn the_petitjean_mise_en_demeure_says_everything_the_law_and_practice_ask() {
    let l = demo();
    let (letter, bytes) = pdf(
        &l,
        PETITJEAN,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
    );
    let text = words(&pdftotext(&bytes, &["-layout"]));
    let penalties = l
        .penalties(PETITJEAN, monday())
        .unwrap_or_else(|e| panic!("{e}"));
    // The total in the text is the computed one: 450,00 + 10,34 + 40,00.
    assert_eq!(penalties.total.to_canonical(), "500.34");
    assert_eq!(letter.total, penalties.total);
    for expected in [
        // sender: name, legal form, SIRET, address
        "Sophie Marchand – Atelier Marchand",
        "EI – SIRET 832 541 908 00014",
        "14 rue des Tanneurs 69001 Lyon",
        // recipient, place and date, mailing method, subject
        "Boulangerie Petitjean M. DIDIER PETITJEAN 3 PLACE DE LA CROIX-ROUSSE 69004 LYON",
        "Lyon, le 23 novembre 2026",
        "Lettre recommandée avec accusé de réception n°",
        "MISE EN DEMEURE DE PAYER – facture F-2026-028",
        // the earlier contacts, the invoice table (number, date, due date, amount, paid, balance)
        "Malgré mes courriels des 21 et 29 septembre 2026, mon appel du 8 octobre 2026 et notre échange téléphonique du 19 octobre 2026, au cours duquel un règlement m'a été annoncé pour le 31 octobre 2026, la facture suivante reste impayée à ce jour",
        "F-2026-028 16/08/2026 15/09/2026 450,00 € 0,00 € 450,00 €",
        // penalties with their basis, the 40 €, the total claimed
        "article L441-10 du Code de commerce",
        "12,15 % l'an (taux de refinancement de la Banque centrale européenne majoré de 10 points)",
        "10,34 € au 23 novembre 2026",
        "article D441-5",
        "Total réclamé 500,34 €",
        "je vous mets en demeure de me régler la somme de 500,34 € dans un délai de 8 jours à compter de la réception",
        // payment details, next step, close, signatory
        "IBAN FR76 3000 4000 3123 4567 8901 235",
        "référence « F-2026-028 »",
        "requête en injonction de payer",
        "Je vous prie d'agréer, Monsieur, l'expression de mes salutations distinguées.",
        "Sophie Marchand Entrepreneuse individuelle",
        // the annex: per segment, days, base, rate, amount
        "Annexe – Décompte des pénalités de retard au 23 novembre 2026",
        "F-2026-028 16/09/2026 → 23/11/2026 69 450,00 € 12,15 % 10,34 €",
        "Page 1 sur 3",
    ] {
        assert!(text.contains(expected), "missing « {expected} » in:\n{text}");
    }
    // Never presented as interrupting prescription; no threat beyond the real next step.
    for never in ["prescription", "huissier", "!"] {
        assert!(
            !text.to_lowercase().contains(never),
            "« {never} » in the letter"
        );
    }
    // The letter model and the PDF say the same words, in the same order (page numbers aside).
    let mut flowing = text.clone();
    for n in 1..=3 {
        flowing = flowing.replace(&format!("Page {n} sur 3 "), "");
    }
    for line in letter.plain_text().lines().filter(|s| !s.is_empty()) {
        assert!(flowing.contains(&words(line)), "« {line} » not in the PDF");
    }
}

#[test]
fn the_recipient_sits_in_the_envelope_window() {
    let l = demo();
    let (letter, bytes) = pdf(
        &l,
        PETITJEAN,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
    );
    let all = boxes(&bytes);
    let window: Vec<_> = letter
        .recipient
        .iter()
        .flat_map(|line| {
            line.split([' ', '\u{a0}'])
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut found = 0;
    for (w, x0, y0, x1, y1, page) in &all {
        // The recipient's words are the ones printed right of 100 mm and above 90 mm on page 1.
        if *page == 1 && *x0 > 100.0 && *y1 < 90.0 {
            assert!(window.contains(w), "unexpected « {w} » in the window area");
            assert!(
                *x0 >= 110.0 - 0.01,
                "« {w} » starts at x = {x0:.2} mm, left of 110 mm"
            );
            assert!(
                *y0 >= 55.0,
                "« {w} » starts at y = {y0:.2} mm, above the window (55 mm)"
            );
            assert!(
                *y1 <= 80.0,
                "« {w} » ends at y = {y1:.2} mm, below the window (80 mm)"
            );
            assert!(
                *x1 <= 200.0,
                "« {w} » runs to x = {x1:.2} mm, out of the window"
            );
            found += 1;
        }
    }
    assert_eq!(
        found,
        window.len(),
        "every word of the address is in the window"
    );
    // Sender top left, above the window.
    let marchand = all
        .iter()
        .find(|(w, ..)| w == "Marchand")
        .unwrap_or_else(|| panic!("sender"));
    assert!(
        marchand.1 < 60.0 && marchand.2 < 30.0,
        "sender at {marchand:?}"
    );
}

#[test]
fn a_six_line_address_fills_the_window_and_no_more() {
    let l = demo();
    let mut letter = l
        .letter(
            PETITJEAN,
            LetterKind::FormalNotice,
            &LetterOptions::default(),
            monday(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    letter.recipient = vec![
        "Cœur d’Œuvre « Bâtiment »".into(),
        "À l’attention de M. Loïc Gaël".into(),
        "BÂTIMENT B ESCALIER 3".into(),
        "12 AVENUE DE LA RÉPUBLIQUE".into(),
        "LIEU-DIT LES ÉCHELLES".into(),
        "69004 LYON CEDEX 04".into(),
    ];
    let bytes = tact_letters::render(&letter).unwrap_or_else(|e| panic!("{e}"));
    let text = words(&pdftotext(&bytes, &["-layout"]));
    // Full French coverage, read back exactly.
    assert!(
        text.contains("Cœur d’Œuvre « Bâtiment » À l’attention de M. Loïc Gaël"),
        "{text}"
    );
    for (w, _, y0, _, y1, page) in boxes(&bytes) {
        if page == 1 && ["Cœur", "CEDEX", "ÉCHELLES", "04"].contains(&w.as_str()) {
            assert!(y0 >= 55.0 && y1 <= 80.0, "« {w} » at {y0:.2}–{y1:.2} mm");
        }
    }
}

#[test]
fn an_address_that_does_not_fit_the_window_is_refused_naming_the_line() {
    let l = demo();
    let mut c = l.client(PETITJEAN).unwrap_or_else(|e| panic!("{e}"));
    c.contact.address_line1 = Some("3 place de la Croix-Rousse, entrée par la cour".into());
    let e = letters::recipient_block(&c)
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.code, ErrorCode::TooLong);
    assert_eq!(e.field.as_deref(), Some("address_line1"));
    assert!(e.message.contains("ligne 3"), "{}", e.message);
    assert!(e.message.contains("38"), "{}", e.message);
    // Punctuation is dropped from the street line on, and the last three lines are in capitals.
    c.contact.address_line1 = Some("3, place de la Croix-Rousse.".into());
    let block = letters::recipient_block(&c).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        block,
        [
            "Boulangerie Petitjean",
            "M.\u{a0}DIDIER PETITJEAN",
            "3 PLACE DE LA CROIX-ROUSSE",
            "69004 LYON"
        ]
    );
    c.contact.city = None;
    let e = letters::recipient_block(&c)
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.field.as_deref(), Some("city"));
}

#[test]
fn the_same_letter_gives_the_same_bytes() {
    let l = demo();
    let (_, a) = pdf(
        &l,
        PETITJEAN,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
    );
    let (_, b) = pdf(
        &l,
        PETITJEAN,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
    );
    assert_eq!(a, b);
    assert!(a.starts_with(b"%PDF-"));
    // The font is embedded and subset: a letter weighs tens of kilobytes, not the whole font.
    assert!(a.len() < 120_000, "{} bytes", a.len());
    // A different deadline is a different letter.
    let (_, c) = pdf(
        &l,
        PETITJEAN,
        LetterKind::FormalNotice,
        &LetterOptions {
            deadline_days: Some(15),
            ..Default::default()
        },
    );
    assert_ne!(a, c);
    assert!(words(&pdftotext(&c, &["-layout"])).contains("dans un délai de 15 jours"));
}

#[test]
fn edited_paragraphs_and_the_registered_number_are_printed() {
    let l = demo();
    let opts = LetterOptions {
        opening: Some(
            "Nous nous sommes parlé le 19 octobre ; la facture ci-dessous reste due :".into(),
        ),
        closing: Some("Je reste joignable au 06 12 34 56 78.".into()),
        registered_number: Some("1A 123 456 7890 1".into()),
        ..Default::default()
    };
    let (_, bytes) = pdf(&l, PETITJEAN, LetterKind::FormalNotice, &opts);
    let text = words(&pdftotext(&bytes, &["-layout"]));
    assert!(
        text.contains("Nous nous sommes parlé le 19 octobre ; la facture ci-dessous reste due :")
    );
    assert!(text.contains("Je reste joignable au 06 12 34 56 78."));
    assert!(text.contains("Lettre recommandée avec accusé de réception n° 1A 123 456 7890 1"));
    assert!(!text.contains("Malgré nos échanges"));
    let bad = l.letter(
        PETITJEAN,
        LetterKind::FormalNotice,
        &LetterOptions {
            deadline_days: Some(0),
            ..Default::default()
        },
        monday(),
    );
    assert_eq!(
        bad.err().and_then(|e| e.field).as_deref(),
        Some("deadline_days")
    );
}

#[test]
fn a_consumer_gets_no_fees_and_the_legal_interest_statement() {
    let l = demo();
    let (letter, bytes) = pdf(
        &l,
        ROCHE,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
    );
    let text = words(&pdftotext(&bytes, &["-layout"]));
    assert_eq!(letter.total.to_canonical(), "320.00");
    assert!(
        text.contains("articles 1231-6 et 1344-1 du Code civil"),
        "{text}"
    );
    assert!(text.contains("Aucun frais de recouvrement ne vous est réclamé"));
    assert!(text.contains("conciliateur de justice"));
    for never in ["L441-10", "D441-5", "40,00 €", "pénalités", "Annexe"] {
        assert!(!text.contains(never), "« {never} » in a consumer's letter");
    }
    assert!(text.contains("M. JULIEN ROCHE") || text.contains("M. Julien Roche"));
}

#[test]
fn a_mise_en_demeure_with_nothing_overdue_is_refused() {
    let l = demo();
    // Café des Arts: due 28/11/2026, nothing overdue on 23/11.
    let e = l
        .letter(
            CAFE,
            LetterKind::FormalNotice,
            &LetterOptions::default(),
            monday(),
        )
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.code, ErrorCode::NothingToDraft);
    assert!(
        e.message.contains("rien à mettre en demeure"),
        "{}",
        e.message
    );
    // Studio Nova: the disputed invoice is left out, the undisputed 300,00 € is claimed.
    let (letter, _) = pdf(
        &l,
        NOVA,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
    );
    assert_eq!(letter.principal.to_canonical(), "300.00");
    assert!(!letter.plain_text().contains("F-2026-039"));
}

#[test]
fn the_statement_lists_what_is_owed() {
    let l = demo();
    let (letter, bytes) = pdf(&l, NOVA, LetterKind::Statement, &LetterOptions::default());
    let text = words(&pdftotext(&bytes, &["-layout"]));
    assert!(
        text.contains("Relevé de compte au 23 novembre 2026"),
        "{text}"
    );
    assert!(
        text.contains("F-2026-033 31/08/2026 30/09/2026 600,00 € 300,00 € 300,00 € échue"),
        "{text}"
    );
    assert!(
        text.contains("F-2026-039 25/09/2026 25/10/2026 1 150,00 € 0,00 € 1 150,00 € en litige")
    );
    assert!(text.contains("Total du compte 1 450,00 €"), "{text}");
    assert!(text.contains("dont en litige 1 150,00 €"), "{text}");
    assert!(text.contains("Reste à régler 300,00 €"), "{text}");
    assert_eq!(letter.total.to_canonical(), "1450.00");
    assert!(letter.mention.is_none());
}

#[test]
fn relances_by_post_friendly_and_firm() {
    let l = demo();
    let (_, friendly) = pdf(
        &l,
        ROCHE,
        LetterKind::FriendlyReminder,
        &LetterOptions::default(),
    );
    let t = words(&pdftotext(&friendly, &["-layout"]));
    assert!(t.contains("Il s'agit sans doute d'un oubli"), "{t}");
    assert!(t.contains("320,00 € avant le 1er décembre 2026"), "{t}");
    assert!(!t.contains("L441-10"));
    let (_, firm) = pdf(
        &l,
        PETITJEAN,
        LetterKind::FirmReminder,
        &LetterOptions::default(),
    );
    let t = words(&pdftotext(&firm, &["-layout"]));
    assert!(
        t.contains("Malgré mes courriels des 21 et 29 septembre 2026"),
        "{t}"
    );
    assert!(
        t.contains("pénalités de retard (10,34 € au 23 novembre 2026)"),
        "{t}"
    );
    assert!(!t.contains("mets en demeure"));
}

#[test]
fn a_final_letter_is_archived_logged_and_its_ar_date_starts_consumer_interest() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut l = Ledger::open(&dir.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    let policy = l.policy().unwrap_or_else(|e| panic!("{e}"));
    let before = l
        .suggestion(PETITJEAN, monday(), &policy)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(before.step.action, Action::FormalNotice);

    let (letter, bytes) = pdf(
        &l,
        PETITJEAN,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
    );
    let rec = l
        .archive_letter(&letter, &bytes)
        .unwrap_or_else(|e| panic!("{e}"));
    let copy =
        std::fs::read(dir.path().join("letters").join(&rec.file)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(copy, bytes);
    assert_eq!(rec.sha256.len(), 64);
    assert_eq!(rec.total.to_canonical(), "500.34");
    let entry = l
        .journal_entry(rec.journal_id)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(entry.entry.kind, JournalKind::FormalNotice);
    assert!(entry.entry.text.as_deref().unwrap_or("").contains("500,34"));
    // The ladder moved on: the mise en demeure is done.
    let after = l
        .suggestion(PETITJEAN, monday(), &policy)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(after.step.action, Action::FormalNotice);
    assert_eq!(
        l.letters(PETITJEAN).unwrap_or_else(|e| panic!("{e}")),
        vec![rec.clone()]
    );

    // The posting details; an AR before the posting is refused, naming the field.
    let bad = l.set_mailing(
        rec.id,
        &MailingInput {
            registered_number: Some("1A 123 456 7890 1".into()),
            posted_on: Some("24/11/2026".into()),
            received_on: Some("23/11/2026".into()),
        },
        day(2026, 11, 30),
    );
    assert_eq!(
        bad.err().and_then(|e| e.field).as_deref(),
        Some("received_on")
    );
    let set = l
        .set_mailing(
            rec.id,
            &MailingInput {
                registered_number: Some("1A 123 456 7890 1".into()),
                posted_on: Some("24/11/2026".into()),
                received_on: Some("26/11/2026".into()),
            },
            day(2026, 11, 30),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(set.received_on, Some(day(2026, 11, 26)));
    // An update changes only what it is given: the AR date alone keeps the number and the posting date.
    let ar_only = l
        .set_mailing(
            rec.id,
            &MailingInput {
                received_on: Some("27/11/2026".into()),
                ..Default::default()
            },
            day(2026, 11, 30),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        ar_only.registered_number.as_deref(),
        Some("1A 123 456 7890 1")
    );
    assert_eq!(ar_only.posted_on, Some(day(2026, 11, 24)));
    assert_eq!(ar_only.received_on, Some(day(2026, 11, 27)));
    // An empty field clears it.
    let cleared = l
        .set_mailing(
            rec.id,
            &MailingInput {
                received_on: Some("26/11/2026".into()),
                registered_number: Some(String::new()),
                ..Default::default()
            },
            day(2026, 11, 30),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cleared.registered_number, None);
    assert_eq!(cleared.posted_on, Some(day(2026, 11, 24)));
    let set = l
        .set_mailing(
            rec.id,
            &MailingInput {
                registered_number: Some("1A 123 456 7890 1".into()),
                ..Default::default()
            },
            day(2026, 11, 30),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(set.received_on, Some(day(2026, 11, 26)));
    // The follow-up counts from the AR date: 26/11 + 18 days = 14/12 (a Monday), not 23/11 + 18 = 11/12.
    let next = l
        .suggestion(PETITJEAN, day(2026, 11, 30), &policy)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(next.step.action, Action::AfterDeadline);
    assert_eq!(next.step.date, day(2026, 12, 14));

    // A consumer's interest runs from the AR date of its mise en demeure.
    let (letter, bytes) = pdf(
        &l,
        ROCHE,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
    );
    assert!(letter.interest.is_zero());
    let rec = l
        .archive_letter(&letter, &bytes)
        .unwrap_or_else(|e| panic!("{e}"));
    l.set_mailing(
        rec.id,
        &MailingInput {
            received_on: Some("27/11/2026".into()),
            ..Default::default()
        },
        day(2026, 11, 27),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let later = day(2027, 1, 26);
    let p = l.penalties(ROCHE, later).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.formal_notice, Some(day(2026, 11, 27)));
    assert!(p.interest.is_positive());
    assert!(p.indemnities.is_zero());
}

#[test]
fn the_payment_calendar_agreement_then_its_decheance_notice() {
    use tact_core::plans::{PlanInput, PlanStatus};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut l = Ledger::open(&dir.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    l.load_demo().unwrap_or_else(|e| panic!("{e}"));
    let lumiere = l
        .clients()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|c| c.name == "Agence Lumière SARL")
        .map(|c| c.id)
        .unwrap_or_else(|| panic!("Lumière"));
    let plan = l
        .propose_plan(
            &PlanInput {
                client_id: lumiere,
                instalments: "3".into(),
                first_date: "2026-12-05".into(),
                penalties: "waive".into(),
                ..PlanInput::default()
            },
            monday(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .plan;
    let (letter, bytes) = pdf(
        &l,
        lumiere,
        LetterKind::PlanAgreement,
        &LetterOptions::default(),
    );
    let text = words(&pdftotext(&bytes, &["-layout"]));
    for needle in [
        "ÉCHÉANCIER DE PAIEMENT",
        "Article 1 – Reconnaissance de dette",
        "reconnaît devoir au créancier la somme de 2 400,00 € en principal",
        "Échéance n° 1 05/12/2026 800,00 €",
        "Échéance n° 3 05/02/2027 800,00 €",
        "Total 2 400,00 €",
        "FR76 3000 4000 3123 4567 8901 235",
        "Article 5 – Déchéance du terme",
        "délai de 8 jours",
        "Fait à Lyon, le 23 novembre 2026, en deux exemplaires originaux",
        "Bon pour accord",
    ] {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
    // Two signature blocks side by side: the debtor's at the left margin, the creditor's under the window.
    let b = boxes(&bytes);
    let debtor = b
        .iter()
        .rfind(|w| w.0 == "débiteur")
        .unwrap_or_else(|| panic!("debtor block"));
    let creditor = b
        .iter()
        .rfind(|w| w.0 == "créancier" && w.1 >= 109.0)
        .unwrap_or_else(|| panic!("creditor block"));
    assert!(debtor.1 < 40.0, "debtor block at the left: {debtor:?}");
    assert_eq!(debtor.5, creditor.5, "same page");
    assert!((debtor.2 - creditor.2).abs() < 1.0, "same line");
    assert_eq!(
        tact_letters::render(&letter).unwrap_or_else(|e| panic!("{e}")),
        bytes,
        "deterministic"
    );
    let rec = l
        .archive_letter(&letter, &bytes)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rec.plan_id, Some(plan.id));

    // Signed, the first instalment paid, the second missed and reminded twice: the déchéance notice.
    l.sign_plan(plan.id, "2026-11-25", day(2026, 11, 25))
        .unwrap_or_else(|e| panic!("{e}"));
    l.record_payment(&tact_core::input::PaymentInput {
        client_id: lumiere,
        date: "2026-12-04".into(),
        amount: "800".into(),
        method: "virement".into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    for on in [day(2027, 1, 8), day(2027, 1, 15)] {
        l.mark_done(lumiere, on, None)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let notice = l
        .letter(
            lumiere,
            LetterKind::PlanDefault,
            &LetterOptions::default(),
            day(2027, 1, 22),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let bytes = tact_letters::render(&notice).unwrap_or_else(|e| panic!("{e}"));
    let text = words(&pdftotext(&bytes, &["-layout"]));
    for needle in [
        "Lettre recommandée avec accusé de réception n°",
        "MISE EN DEMEURE – échéancier n°",
        "signé le 25 novembre 2026",
        "Échéance n° 2 05/01/2027 800,00 € 0,00 € 800,00 €",
        "je vous mets en demeure de me régler la somme de 800,00 € dans un délai de 8 jours",
        "soit 1 600,00 € au 22 janvier 2027",
    ] {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
    let rec = l
        .archive_letter(&notice, &bytes)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        l.journal_entry(rec.journal_id)
            .unwrap_or_else(|e| panic!("{e}"))
            .entry
            .kind,
        JournalKind::FormalNotice
    );
    // The déchéance is invoked: the calendar is broken and the ladder takes over (its follow-up comes next).
    let st = l
        .plan(plan.id, day(2027, 1, 22))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(st.status, PlanStatus::Broken);
    let policy = l.policy().unwrap_or_else(|e| panic!("{e}"));
    let s = l
        .suggestion(lumiere, day(2027, 1, 22), &policy)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.step.action, Action::AfterDeadline);
}

/// The reports for the accountant or the bank: one page each, the business at the top, the figures as on the
/// dashboard, French formats.
#[test]
fn the_dashboard_reports_fit_on_one_page() {
    use tact_core::dashboard::{self, ReportKind};
    let l = demo();
    let board = l.dashboard(monday()).unwrap_or_else(|e| panic!("{e}"));
    let business = l
        .business()
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("business"));
    for (kind, expect) in [
        (
            ReportKind::Aging,
            vec!["Agence Lumière SARL", "2 400,00", "5 400,00", "31 à 60"],
        ),
        (ReportKind::Dso, vec!["106,1", "countback"]),
        (ReportKind::Forecast, vec!["D'ici le 15 décembre"]),
        (
            ReportKind::Payers,
            vec!["Boulangerie Petitjean", "promesse"],
        ),
    ] {
        let letter = dashboard::report(kind, &board, &business).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            tact_letters::page_count(&letter).unwrap_or_else(|e| panic!("{e}")),
            1,
            "{kind:?}"
        );
        let bytes = tact_letters::render(&letter).unwrap_or_else(|e| panic!("{e}"));
        let text = words(&pdftotext(&bytes, &["-layout"]));
        assert!(
            text.contains(&words(&business.legal_name)),
            "{kind:?}: {text}"
        );
        assert!(text.contains("23/11/2026"), "{kind:?}: {text}");
        for e in expect {
            assert!(text.contains(&words(e)), "{kind:?} lacks {e}: {text}");
        }
    }
}

#[test]
fn the_preview_pages_are_light_and_drawn_in_the_apps_copy_of_the_letter_fonts() {
    let l = demo();
    let (letter, _) = pdf(
        &l,
        PETITJEAN,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
    );
    let pages = tact_letters::svg_pages(&letter).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        pages.len(),
        tact_letters::page_count(&letter).unwrap_or_else(|e| panic!("{e}"))
    );
    for (n, page) in pages.iter().enumerate() {
        assert!(page.starts_with("<svg"), "page {n}");
        // No font inlined: a page weighs tens of kilobytes, not megabytes.
        assert!(
            !page.contains("@font-face") && !page.contains("data:font"),
            "page {n}"
        );
        assert!(page.len() < 150_000, "page {n}: {} bytes", page.len());
        assert!(!page.contains("font-family=\"F1\"") && !page.contains("font-family=\"F2\""));
    }
    assert!(pages[0].contains("font-family=\"Tact Letter\""));
    assert!(pages[0].contains("font-family=\"Tact Letter Bold\""));
    assert!(pages[0].contains("Boulangerie Petitjean"));
    // The app declares these families with the very files the PDF embeds.
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../ui");
    let css = std::fs::read_to_string(ui.join("src/app.css")).unwrap_or_else(|e| panic!("{e}"));
    for ((_, family), (file, bytes)) in tact_letters::PREVIEW_FONTS.iter().zip([
        ("DejaVuSans.ttf", dejavu::sans::regular()),
        ("DejaVuSans-Bold.ttf", dejavu::sans::bold()),
    ]) {
        let on_disk =
            std::fs::read(ui.join("public/fonts").join(file)).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            on_disk == bytes,
            "ui/public/fonts/{file} differs from the PDF's font"
        );
        assert!(
            css.contains(&format!(
                "font-family: \"{family}\"; src: url(\"/fonts/{file}\")"
            )),
            "app.css declares {family}"
        );
    }
}
