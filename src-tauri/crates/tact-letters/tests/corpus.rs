//! The golden corpus: every letter and every email Tact writes for the example's clients and for the edge cases
//! (consumer and company, one and several invoices, partly paid, with and without a contact or a civility, a
//! woman, a man, unknown, French and English), on three days of the story. Each text is kept in
//! tests/golden/words/ and compared; `TACT_UPDATE_GOLDEN=1` rewrites them after a change has been read (the PDFs
//! are written to tests/artifacts/corpus/ for pdftoppm). Over the whole corpus, the checks a careful reader makes:
//! French typography (no-break spaces before ; : ! ? » and after «), no double spaces, no internal labels or
//! codes, numeric dates in tables and lists only, a subject with at most one colon, a greeting that names the
//! person by civility and surname, and no page that holds only the close and the signature.

// Tests slice strings and count pages on small known inputs; the checked-arithmetic rule guards the app code.
#![allow(clippy::arithmetic_side_effects)]

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::PathBuf;
use tact_core::input::{ClientInput, InvoiceInput, JournalInput, PaymentInput, PostalContactInput};
use tact_core::letters::{Block, Letter, LetterKind, LetterOptions};
use tact_core::plans::PlanInput;
use tact_core::Ledger;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn ok<T>(r: tact_core::Result<T>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

/// The example ledger, plus the edge cases' clients, their invoices and their history.
fn ledger(dir: &std::path::Path) -> Ledger {
    let mut l = ok(Ledger::open(&dir.join("tact.sqlite3")));
    ok(l.load_demo());
    let address = |street: &str, city: &str, country: &str, email: &str| PostalContactInput {
        address_line1: Some(street.into()),
        postcode: Some(
            if country == "France" {
                "69003"
            } else {
                "EC1A 1BB"
            }
            .into(),
        ),
        city: Some(city.into()),
        country: Some(country.into()),
        email: Some(email.into()),
        phone: Some("04 72 00 00 00".into()),
        ..Default::default()
    };
    let mut client =
        |kind: &str, name: &str, contact: Option<&str>, civility: Option<&str>, lang: &str| {
            ok(l.add_client(&ClientInput {
                kind: kind.into(),
                name: name.into(),
                contact_name: contact.map(Into::into),
                civility: civility.map(Into::into),
                language: Some(lang.into()),
                client_since: Some("2025-01-06".into()),
                contact: if lang == "en" {
                    address(
                        "10 Aldersgate Street",
                        "London",
                        "Royaume-Uni",
                        "emma.clark@northwind.example",
                    )
                } else {
                    address("5 rue Paul Bert", "Lyon", "France", "contact@exemple.fr")
                },
                ..Default::default()
            }))
            .id
        };
    // A woman, consumer, one invoice partly paid.
    let vidal = client("consumer", "Anne Vidal", None, Some("madame"), "fr");
    // A company without a contact person: « Madame, Monsieur, », « Bonjour, », two invoices.
    let durand = client("professional", "Imprimerie Durand SARL", None, None, "fr");
    // A contact person whose civility is not given.
    let martin = client(
        "professional",
        "Garage Martin",
        Some("Paul Martin"),
        None,
        "fr",
    );
    // An English client, a woman.
    let northwind = client(
        "professional",
        "Northwind Ltd",
        Some("Emma Clark"),
        Some("madame"),
        "en",
    );
    // An English client, a man, with a payment calendar signed then missed.
    let harbour = client(
        "professional",
        "Harbour Books Ltd",
        Some("Tom Baker"),
        Some("monsieur"),
        "en",
    );
    let mut invoice = |client_id: i64, number: &str, issue: &str, due: &str, amount: &str| {
        ok(l.add_invoice(&InvoiceInput {
            number: number.into(),
            client_id,
            issue_date: issue.into(),
            due_date: Some(due.into()),
            amount: amount.into(),
            description: Some("Création graphique".into()),
            ..Default::default()
        }))
        .record
        .id
    };
    let v1 = invoice(vidal, "F-2026-060", "2026-09-15", "2026-10-15", "600,00");
    invoice(durand, "F-2026-061", "2026-08-31", "2026-09-30", "1 200,00");
    invoice(durand, "F-2026-062", "2026-09-30", "2026-10-30", "480,00");
    invoice(martin, "F-2026-063", "2026-09-20", "2026-10-20", "350,00");
    // Paid five weeks late: its penalties and 40 € are still owed (the « réclamation des pénalités »).
    let d3 = invoice(durand, "F-2026-059", "2026-07-31", "2026-08-31", "800,00");
    invoice(
        northwind,
        "F-2026-064",
        "2026-09-10",
        "2026-10-10",
        "2 000,00",
    );
    let h1 = invoice(harbour, "F-2026-066", "2026-09-15", "2026-10-15", "900,00");
    // Paid a month late: its penalties are claimed in English.
    let n0 = invoice(
        northwind,
        "F-2026-057",
        "2026-07-31",
        "2026-08-31",
        "1 000,00",
    );
    ok(l.record_payment(&PaymentInput {
        client_id: northwind,
        date: "2026-10-01".into(),
        amount: "1 000,00".into(),
        method: "virement".into(),
        allocations: Some(vec![tact_core::input::AllocationInput {
            invoice_id: n0,
            amount: "1 000,00".into(),
        }]),
        ..Default::default()
    }));
    ok(l.record_payment(&PaymentInput {
        client_id: vidal,
        date: "2026-10-28".into(),
        amount: "300,00".into(),
        method: "virement".into(),
        allocations: Some(vec![tact_core::input::AllocationInput {
            invoice_id: v1,
            amount: "300,00".into(),
        }]),
        ..Default::default()
    }));
    ok(l.record_payment(&PaymentInput {
        client_id: durand,
        date: "2026-10-05".into(),
        amount: "800,00".into(),
        method: "virement".into(),
        allocations: Some(vec![tact_core::input::AllocationInput {
            invoice_id: d3,
            amount: "800,00".into(),
        }]),
        ..Default::default()
    }));
    let mut journal =
        |client_id: i64, date: &str, kind: &str, channel: &str, outcome: Option<&str>| {
            ok(l.add_journal_entry(&JournalInput {
                client_id,
                date: date.into(),
                kind: kind.into(),
                channel: Some(channel.into()),
                call_outcome: outcome.map(Into::into),
                text: Some("—".into()),
                ..Default::default()
            }));
        };
    journal(vidal, "2026-10-20", "friendly_reminder", "email", None);
    journal(vidal, "2026-11-02", "call", "phone", Some("no_answer"));
    journal(durand, "2026-10-05", "friendly_reminder", "email", None);
    journal(durand, "2026-10-13", "firm_reminder", "email", None);
    journal(martin, "2026-10-26", "friendly_reminder", "email", None);
    journal(northwind, "2026-10-15", "friendly_reminder", "email", None);
    journal(northwind, "2026-10-23", "firm_reminder", "email", None);
    // A payment calendar for Garage Martin, to read its agreement, its emails and its déchéance notice.
    // Signed on 25/11 and never paid: on 15/12 its first instalment is missed (the reminders, the déchéance).
    let plan = ok(l.propose_plan(
        &PlanInput {
            client_id: martin,
            instalments: "2".into(),
            first_date: "2026-11-30".into(),
            penalties: "waive".into(),
            ..PlanInput::default()
        },
        day("2026-11-23"),
    ));
    ok(l.sign_plan(plan.plan.id, "25/11/2026", day("2026-11-25")));
    let plan = ok(l.propose_plan(
        &PlanInput {
            client_id: harbour,
            invoices: vec![h1],
            instalments: "3".into(),
            first_date: "2026-11-30".into(),
            penalties: "defer".into(),
            ..PlanInput::default()
        },
        day("2026-11-23"),
    ));
    ok(l.sign_plan(plan.plan.id, "25/11/2026", day("2026-11-25")));
    l
}

const DAYS: [&str; 3] = ["2026-11-23", "2026-12-02", "2026-12-15"];

/// A letter as its reader meets it, field after field; tables as rows of cells.
fn letter_text(l: &Letter) -> String {
    let mut out = vec![
        l.sender.join("\n"),
        l.recipient.join("\n"),
        l.place_date.clone(),
    ];
    out.extend(l.mention.clone());
    out.push(l.subject.clone());
    out.push(l.salutation.clone());
    let blocks = |body: &[Block], out: &mut Vec<String>| {
        for b in body {
            out.push(match b {
                Block::Paragraph { text } => text.clone(),
                Block::Strong { text } => format!("**{text}**"),
                Block::Table { table } => {
                    let mut rows = vec![table
                        .columns
                        .iter()
                        .map(|c| c.title.clone())
                        .collect::<Vec<_>>()
                        .join(" | ")];
                    rows.extend(
                        table
                            .rows
                            .iter()
                            .chain(&table.totals)
                            .map(|r| format!("| {} |", r.join(" | "))),
                    );
                    rows.join("\n")
                }
            });
        }
    };
    blocks(&l.body, &mut out);
    out.push(l.farewell.clone());
    out.push(l.signature.join("\n"));
    if !l.countersignature.is_empty() {
        out.push(l.countersignature.join("\n"));
    }
    out.extend(l.enclosures.clone());
    if let Some(a) = &l.annex {
        out.push(format!("== {} ==", a.title));
        blocks(&a.body, &mut out);
        if !a.signature.is_empty() {
            out.push(a.signature.join("\n"));
        }
        if !a.countersignature.is_empty() {
            out.push(a.countersignature.join("\n"));
        }
    }
    out.join("\n\n") + "\n"
}

/// Lines that are tables or lists: numeric dates belong there.
fn is_table_line(line: &str) -> bool {
    line.starts_with("| ") || line.starts_with("– ") || line.contains(" | ")
}

/// The careful reader's checks on one French or English text; each problem names the text and the line.
fn check(name: &str, text: &str, french: bool, for_client: bool, problems: &mut Vec<String>) {
    let date = regex_lite(text);
    for line in text.lines() {
        let mut bad = |what: &str| problems.push(format!("{name}: {what}: {line}"));
        if line.contains("  ") && !line.starts_with("| ") {
            bad("double space");
        }
        if french {
            for p in [" :", " ;", " !", " ?", " »"] {
                if line.contains(p) {
                    bad(&format!("ordinary space before « {} »", p.trim()));
                }
            }
            if line.contains("« ") {
                bad("ordinary space after «");
            }
            for (i, c) in line.char_indices() {
                if matches!(c, ';' | '!' | '?' | '»') {
                    let before = line[..i].chars().last();
                    if before.is_some_and(|b| b != '\u{a0}' && b != '\u{202f}') {
                        bad(&format!("no no-break space before « {c} »"));
                    }
                }
            }
        }
        for code in [
            "_reminder",
            "formal_notice",
            "no_answer",
            "relance amiable",
            "relance ferme",
            "client n°",
            "None",
            "Some(",
            "{",
            "}",
            "nos échanges",
        ] {
            if line.contains(code) && (for_client || !code.contains(' ')) {
                bad(&format!("internal word « {code} »"));
            }
        }
        if !is_table_line(line) && date.iter().any(|d| line.contains(d.as_str())) {
            bad("numeric date in prose");
        }
    }
}

/// Every dd/mm/yyyy in the text.
fn regex_lite(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for i in 0..b.len().saturating_sub(9) {
        let w = &b[i..i + 10];
        let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
        if digits(0..2) && w[2] == b'/' && digits(3..5) && w[5] == b'/' && digits(6..10) {
            out.push(String::from_utf8_lossy(w).into_owned());
        }
    }
    out
}

/// The close never stands alone: the page that holds the formula of politeness holds a line of the body too.
fn check_pages(name: &str, letter: &Letter, problems: &mut Vec<String>) {
    if letter.farewell.is_empty() {
        // A document (the dossier de recouvrement) has no close.
        return;
    }
    let pages = ok(tact_letters::page_texts(letter));
    let first_words: String = letter.farewell.chars().take(20).collect();
    let Some(at) = pages.iter().position(|p| {
        p.iter()
            .any(|t| first_words.starts_with(t.as_str()) || t.starts_with(&first_words))
    }) else {
        problems.push(format!("{name}: the formula of politeness is not printed"));
        return;
    };
    let page = &pages[at];
    let close: Vec<&str> = letter
        .signature
        .iter()
        .chain(&letter.countersignature)
        .map(String::as_str)
        .collect();
    let body_lines = page
        .iter()
        .filter(|t| {
            !letter.farewell.contains(t.as_str())
                && !close.iter().any(|c| c.contains(t.as_str()))
                && !letter
                    .enclosures
                    .as_deref()
                    .is_some_and(|e| e.contains(t.as_str()))
                && !t.starts_with("Page ")
        })
        .count();
    if body_lines == 0 {
        problems.push(format!(
            "{name}: page {} holds only the close and the signature",
            at + 1
        ));
    }
}

#[test]
fn every_letter_and_email_reads_as_a_careful_professional_would_write_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let l = ledger(dir.path());
    let clients = ok(l.clients());
    let mut corpus: BTreeMap<String, String> = BTreeMap::new();
    let mut problems = Vec::new();
    let pdfs = root().join("tests/artifacts/corpus");
    std::fs::create_dir_all(&pdfs).unwrap_or_else(|e| panic!("{e}"));
    for c in &clients {
        let french = c.language == tact_core::model::Language::French;
        for on in DAYS {
            let today = day(on);
            let stem = format!("{}-{on}", c.id);
            if let Ok(d) = l.draft(c.id, today) {
                let name = format!("{stem}-email-{}", d.action.code());
                let text = format!("Objet\u{a0}: {}\n\n{}\n", d.subject, d.body);
                // A call sheet or a memo is for the user, in her own words (« relance ferme »); the client reads
                // the rest.
                check(&name, &text, french, d.sendable, &mut problems);
                if d.subject.matches(':').count() > 1 {
                    problems.push(format!(
                        "{name}: more than one colon in the subject: {}",
                        d.subject
                    ));
                }
                if d.sendable {
                    let hello = d.body.lines().next().unwrap_or_default();
                    let fine = [
                        "Bonjour,",
                        "Hello,",
                        "Madame,",
                        "Monsieur,",
                        "Madame, Monsieur,",
                        "Dear Sir or Madam,",
                    ]
                    .contains(&hello)
                        || hello.starts_with("Bonjour Madame ")
                        || hello.starts_with("Bonjour Monsieur ")
                        || hello.starts_with("Dear Ms ")
                        || hello.starts_with("Dear Mr ");
                    if !fine {
                        problems.push(format!("{name}: greeting « {hello} »"));
                    }
                }
                corpus.insert(name, text);
            }
            for kind in LetterKind::ALL {
                let Ok(letter) = l.letter(c.id, *kind, &LetterOptions::default(), today) else {
                    continue;
                };
                let name = format!("{stem}-letter-{}", kind.code());
                let text = letter_text(&letter);
                // Every letter is in the client's language. The dossier is for the user and whoever she hands it
                // to: French, and it quotes the history in her own words.
                let letter_french = letter.language == tact_core::model::Language::French;
                let in_their_language = *kind != LetterKind::RecoveryFile;
                if letter_french != (french || !in_their_language) {
                    problems.push(format!(
                        "{name}: written in {:?} for a client who reads {:?}",
                        letter.language, c.language
                    ));
                }
                check(
                    &name,
                    &text,
                    letter_french,
                    *kind != LetterKind::RecoveryFile,
                    &mut problems,
                );
                check_pages(&name, &letter, &mut problems);
                let bytes = ok(tact_letters::render(&letter));
                std::fs::write(pdfs.join(format!("{name}.pdf")), bytes)
                    .unwrap_or_else(|e| panic!("{e}"));
                corpus.insert(name, text);
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(
        corpus.len() > 40,
        "the corpus covers every client and kind: {}",
        corpus.len()
    );
    golden(&corpus);
}

/// Compares the corpus with tests/golden/words/, or rewrites it with `TACT_UPDATE_GOLDEN=1`.
fn golden(corpus: &BTreeMap<String, String>) {
    let dir = root().join("tests/golden/words");
    if std::env::var_os("TACT_UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        for (name, text) in corpus {
            std::fs::write(dir.join(format!("{name}.txt")), text).unwrap_or_else(|e| panic!("{e}"));
        }
        return;
    }
    let mut kept: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (run with TACT_UPDATE_GOLDEN=1)", dir.display()))
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".txt"))
                .map(str::to_owned)
        })
        .collect();
    kept.sort();
    let names: Vec<String> = corpus.keys().cloned().collect();
    assert_eq!(kept, names, "the texts written differ from tests/golden/words (TACT_UPDATE_GOLDEN=1 after reading them)");
    for (name, text) in corpus {
        let want = std::fs::read_to_string(dir.join(format!("{name}.txt")))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            &want == text,
            "{name} changed; read it, then TACT_UPDATE_GOLDEN=1:\n--- golden\n{want}\n--- now\n{text}"
        );
    }
}

#[test]
fn the_mise_en_demeure_email_announces_the_letters_own_total() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let l = ledger(dir.path());
    let today = day("2026-11-23");
    // Boulangerie Petitjean: 450,00 € principal, 10,34 € penalties and 40,00 € on 23 November 2026.
    let draft = ok(l.draft(2, today));
    let letter = ok(l.letter(
        2,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
        today,
    ));
    assert_eq!(draft.total, letter.total);
    assert_eq!(letter.total.format_fr(), "500,34\u{a0}€");
    assert!(draft.body.contains("500,34\u{a0}€"), "{}", draft.body);
}

#[test]
fn each_person_is_greeted_by_civility_and_agreements_follow() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let l = ledger(dir.path());
    let today = day("2026-12-02");
    let salutation = |id: i64| {
        ok(l.letter(
            id,
            LetterKind::FriendlyReminder,
            &LetterOptions::default(),
            today,
        ))
        .salutation
    };
    assert_eq!(salutation(3), "Monsieur,", "M. Julien Roche");
    assert_eq!(salutation(6), "Madame,", "Anne Vidal");
    assert_eq!(
        salutation(7),
        "Madame, Monsieur,",
        "a company without a contact"
    );
    assert_eq!(
        salutation(8),
        "Madame, Monsieur,",
        "a contact without civility"
    );
    // One invoice, partly paid: singular, and what was paid is said.
    let vidal = ok(l.letter(
        6,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
        today,
    ));
    assert!(
        vidal.opening.contains("la facture suivante reste partiellement impayée à ce jour (300,00\u{a0}€ réglés sur 600,00\u{a0}€)"),
        "{}",
        vidal.opening
    );
    // A consumer owes no interest before a first mise en demeure: no annex, one enclosure, in the singular.
    assert_eq!(
        vidal.enclosures.as_deref(),
        Some("Pièce jointe\u{a0}: copie de la facture F-2026-060.")
    );
    let roche = ok(l.letter(
        3,
        LetterKind::FriendlyReminder,
        &LetterOptions::default(),
        today,
    ));
    assert_eq!(
        roche.enclosures.as_deref(),
        Some("Pièce jointe\u{a0}: copie de la facture F-2026-047.")
    );
    assert_eq!(
        roche.recipient.first().map(String::as_str),
        Some("M. JULIEN ROCHE")
    );
    assert_eq!(
        ok(l.draft(6, today)).body.lines().next(),
        Some("Bonjour Madame Vidal,")
    );
    // A contact person whose civility is not given: « Bonjour, », not « Bonjour Paul Martin, ».
    assert_eq!(
        ok(l.draft(8, day("2026-11-23"))).body.lines().next(),
        Some("Bonjour,")
    );
}

#[test]
fn the_statement_keeps_a_disputed_invoice_apart_from_what_it_asks() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let l = ledger(dir.path());
    // Studio Nova: F-2026-033 overdue (300,00 € left), F-2026-039 disputed (1 150,00 €).
    let s = ok(l.letter(
        4,
        LetterKind::Statement,
        &LetterOptions::default(),
        day("2026-11-23"),
    ));
    let text = letter_text(&s);
    assert!(
        text.contains("| dont en litige |  |  |  |  | 1\u{202f}150,00\u{a0}€ |  |"),
        "{text}"
    );
    assert!(
        text.contains("| Reste à régler |  |  |  |  | 300,00\u{a0}€ |  |"),
        "{text}"
    );
    assert!(
        text.contains("la référence «\u{a0}F-2026-033\u{a0}»"),
        "only what is asked: {text}"
    );
}

#[test]
fn the_dossier_de_recouvrement_gathers_what_every_route_asks_for_and_is_never_archived() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut l = ledger(dir.path());
    // Petitjean's mise en demeure, its LRAR number known before printing (kept in the archive record as printed),
    // archived, posted and received.
    let notice = ok(l.letter(
        2,
        LetterKind::FormalNotice,
        &LetterOptions {
            registered_number: Some(" 1A 123 456 7890 1 ".into()),
            ..LetterOptions::default()
        },
        day("2026-11-23"),
    ));
    let pdf = ok(tact_letters::render(&notice));
    let rec = ok(l.archive_letter(&notice, &pdf));
    assert_eq!(rec.registered_number.as_deref(), Some("1A 123 456 7890 1"));
    ok(l.set_mailing(
        rec.id,
        &tact_core::letters::MailingInput {
            registered_number: None,
            posted_on: Some("23/11/2026".into()),
            received_on: Some("25/11/2026".into()),
        },
        day("2026-11-26"),
    ));
    let dossier = ok(l.letter(
        2,
        LetterKind::RecoveryFile,
        &LetterOptions::default(),
        day("2026-12-15"),
    ));
    let text = letter_text(&dossier);
    for needle in [
        "Créancier\u{a0}: Sophie Marchand, Atelier Marchand, EI, SIRET 832 541 908 00014",
        "Débiteur\u{a0}: Boulangerie Petitjean (professionnel), SIREN",
        "contact\u{a0}: M.\u{a0}Didier Petitjean",
        "| Total dû au 15/12/2026 | 503,63\u{a0}€ |",
        "| 21/09/2026 | E-mail | Relance amiable",
        "| 08/10/2026 | Téléphone | Appel",
        "| 23/11/2026 | Mise en demeure de payer | 500,34\u{a0}€ | 1A 123 456 7890 1 | 23/11/2026 | 25/11/2026 |",
        "Procédure simplifiée de recouvrement des petites créances (C. proc. civ. exéc. L125-1",
        "tribunal des activités économiques (Lyon)",
        "Injonction de payer (C. proc. civ. 1405 à 1425)",
        "– Mise en demeure de payer du 23/11/2026 et son avis de réception",
        "un extrait Kbis du débiteur",
    ] {
        assert!(text.contains(needle), "{needle:?} missing in:\n{text}");
    }
    assert_eq!(
        dossier.total,
        ok(l.penalties(2, day("2026-12-15")))
            .principal
            .checked_add(dossier.interest)
            .and_then(|m| m.checked_add(dossier.indemnities))
            .unwrap_or_else(|e| panic!("{e}"))
    );
    // Not a letter sent: never archived, never in the history.
    let before = ok(l.letters(2)).len();
    let bytes = ok(tact_letters::render(&dossier));
    assert!(l.archive_letter(&dossier, &bytes).is_err());
    assert_eq!(ok(l.letters(2)).len(), before);
    // Nothing overdue, nothing to recover.
    let e = l.letter(
        5,
        LetterKind::RecoveryFile,
        &LetterOptions::default(),
        day("2026-11-23"),
    );
    assert_eq!(
        e.map(|_| ()).map_err(|e| e.code),
        Err(tact_core::ErrorCode::NothingToDraft)
    );
}

#[test]
fn a_client_marked_english_gets_english_reminders_relevé_and_mise_en_demeure() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let l = ledger(dir.path());
    let today = day("2026-12-02");
    let firm = ok(l.letter(
        9,
        LetterKind::FirmReminder,
        &LetterOptions::default(),
        today,
    ));
    assert_eq!(firm.language, tact_core::model::Language::English);
    assert_eq!(firm.salutation, "Dear Ms Clark,");
    assert_eq!(firm.farewell, "Yours sincerely,");
    assert_eq!(
        firm.subject,
        "Subject: Second reminder – invoice F-2026-064"
    );
    assert!(
        firm.opening
            .starts_with("My emails of 15 and 23\u{a0}October 2026 went unanswered"),
        "{}",
        firm.opening
    );
    assert_eq!(
        firm.recipient.get(1).map(String::as_str),
        Some("Ms\u{a0}Emma Clark")
    );
    let statement = ok(l.letter(9, LetterKind::Statement, &LetterOptions::default(), today));
    assert!(letter_text(&statement).contains("| Total due |  |  |  |  | €2,000.00 |  |"));
    let notice = ok(l.letter(
        9,
        LetterKind::FormalNotice,
        &LetterOptions::default(),
        today,
    ));
    assert_eq!(notice.language, tact_core::model::Language::English);
    assert_eq!(notice.salutation, "Dear Ms Clark,");
    let text = letter_text(&notice);
    for needle in [
        "Registered letter with acknowledgment of receipt no.",
        "Subject: FORMAL NOTICE TO PAY (MISE EN DEMEURE) – invoice F-2026-064",
        "Under article L441-10 of the French Commercial Code",
        "article D441-5",
        "**I hereby give you formal notice to pay me the sum of",
        "== Annex – Breakdown of the late-payment penalties as of 2 December 2026 ==",
    ] {
        assert!(text.contains(needle), "{needle:?} missing in:\n{text}");
    }
    // The invoice paid late keeps its penalties in the claim, and the reference names them.
    assert!(text.contains("This amount includes the penalties of the invoice paid after its due date: F-2026-057 (due on 31 August 2026, paid on 1 October 2026)."), "{text}");
    assert!(
        text.contains("quoting the reference “F-2026-064, penalties F-2026-057”"),
        "{text}"
    );
    // The same amounts as the penalties computed for the client: one computation, whatever the language.
    let p = ok(l.penalties(9, today));
    assert_eq!(
        (notice.interest, notice.indemnities),
        (p.interest, p.indemnities)
    );
    // The calendar's documents and the penalty claim too, with the same amounts as the French builder's.
    let agreement = ok(l.letter(
        10,
        LetterKind::PlanAgreement,
        &LetterOptions::default(),
        day("2026-11-23"),
    ));
    assert_eq!(agreement.language, tact_core::model::Language::English);
    let protocol = agreement
        .annex
        .as_ref()
        .map(|a| a.title.clone())
        .unwrap_or_default();
    assert!(
        protocol.starts_with("Settlement agreement — payment calendar no."),
        "{protocol}"
    );
    assert!(letter_text(&agreement)
        .contains("Harbour Books Ltd, whose registered office is at 10 Aldersgate Street"));
    let notice = ok(l.letter(
        10,
        LetterKind::PlanDefault,
        &LetterOptions::default(),
        day("2026-12-15"),
    ));
    assert!(
        notice
            .subject
            .starts_with("Subject: FORMAL NOTICE – payment calendar no."),
        "{}",
        notice.subject
    );
    assert_eq!(notice.total.format_en(), "€300.00");
    let claim = ok(l.letter(
        9,
        LetterKind::PenaltyClaim,
        &LetterOptions::default(),
        today,
    ));
    assert!(
        claim
            .opening
            .starts_with("Thank you for paying invoice F-2026-057"),
        "{}",
        claim.opening
    );
    assert_eq!(
        claim
            .annex
            .as_ref()
            .map(|a| a.title.starts_with("Annex – Breakdown")),
        Some(true)
    );
}
