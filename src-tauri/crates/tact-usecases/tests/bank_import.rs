//! Bank statements on real books with the example data, from statements no one here wrote (ofxtools, the CAMT.053
//! schema's structure; tact_import::test_inputs::statements): each credit stored once, explained, accepted into a
//! payment in one transaction, ignored, or tied to a client by a rule.

use chrono::NaiveDate;
use tact_core::engine::Action;
use tact_core::model::JournalKind;
use tact_core::money::Money;
use tact_core::ErrorCode;
use tact_usecases::{bank, Books};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default()
}

fn books(dir: &tempfile::TempDir) -> Books {
    let books = Books::open(&dir.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    books
        .write(|l| l.load_demo())
        .unwrap_or_else(|e| panic!("{e}"));
    books
}

#[test]
fn a_statement_is_stored_once_explained_and_its_credits_accepted_into_payments() {
    let (_keep, files) = tact_import::test_inputs::statements();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);

    // --dry-run keeps nothing.
    let dry = bank::import(&books, &files.join("releve.ofx"), today(), true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((dry.stored.new, dry.debits), (4, 1));
    assert!(books
        .read(|l| l.bank_lines(None))
        .unwrap_or_default()
        .is_empty());

    let r = bank::import(&books, &files.join("releve.ofx"), today(), false)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (r.credits, r.stored.new, r.stored.already, r.debits),
        (4, 4, 0, 1)
    );
    // The same statement as OFX 1.0.2 (SGML): nothing new.
    let again = bank::import(&books, &files.join("releve-sgml.ofx"), today(), false)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((again.stored.new, again.stored.already), (0, 4));

    // Each credit with its most likely invoices, and why.
    let nova = r
        .review
        .iter()
        .find(|x| x.line.amount == Money::from_cents(30_000))
        .unwrap_or_else(|| panic!());
    let best = &nova.proposals[0];
    assert_eq!(best.client_name, "Studio Nova SAS");
    assert!(best.confidence >= tact_core::reconcile::AUTO_CONFIDENCE);
    assert!(
        best.reasons.iter().any(|w| w.contains("cite F-2026-033")),
        "{:?}",
        best.reasons
    );
    let unknown = r
        .review
        .iter()
        .find(|x| x.line.label.contains("INCONNUE"))
        .unwrap_or_else(|| panic!());
    assert!(unknown.proposals.is_empty(), "à identifier");

    // Before: Studio Nova is reminded of the 300 € left on F-2026-033 (alongside the dispute).
    let step = |b: &Books| {
        b.read(|l| l.suggestion(4, today(), &tact_core::engine::Policy::default()))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    assert!(step(&books)
        .alongside
        .is_some_and(|s| s.action != Action::Nothing));
    // Accepted: a payment on F-2026-033, its journal entry, the line marked; the reminder is gone.
    let alloc: Vec<(i64, Money)> = best.split();
    let p = books
        .write(|l| l.accept_bank_line(nova.line.id, best.client_id, &alloc))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (p.amount, p.date.to_string().as_str(), p.method.code()),
        (Money::from_cents(30_000), "2026-11-24", "virement")
    );
    assert!(p.reference.as_deref().unwrap_or("").contains("T0001"));
    assert!(
        step(&books).alongside.is_none(),
        "nothing more to remind Studio Nova of for F-2026-033"
    );
    let journal = books
        .read(|l| l.journal(4))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(journal
        .iter()
        .any(|v| v.entry.kind == JournalKind::PaymentRecorded && v.entry.payment_id == Some(p.id)));
    // Twice is refused; the line is accepted with its payment.
    let twice = books
        .write(|l| l.accept_bank_line(nova.line.id, 4, &alloc))
        .err()
        .map(|e| e.code);
    assert_eq!(twice, Some(ErrorCode::InvalidChoice));
    let accepted = books
        .read(|l| l.bank_lines(Some("accepted")))
        .unwrap_or_default();
    assert_eq!(
        accepted.iter().map(|l| l.payment_id).collect::<Vec<_>>(),
        vec![Some(p.id)]
    );

    // Accepted on a mistake, then the payment reversed: the credit is open again, to be matched anew, and the
    // reminder of F-2026-033 comes back; accepted again, it is a new payment.
    books
        .write(|l| l.reverse_payment(p.id, Some("pas le bon client"), today()))
        .unwrap_or_else(|e| panic!("{e}"));
    let open = books.read(|l| l.bank_review(today())).unwrap_or_default();
    assert!(open
        .iter()
        .any(|x| x.line.id == nova.line.id && x.line.payment_id.is_none()));
    assert!(step(&books)
        .alongside
        .is_some_and(|s| s.action != Action::Nothing));
    let again = books
        .write(|l| l.accept_bank_line(nova.line.id, best.client_id, &alloc))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(again.id, p.id);
    assert!(step(&books).alongside.is_none());

    // Ignored: no longer proposed.
    books
        .write(|l| l.ignore_bank_line(unknown.line.id))
        .unwrap_or_else(|e| panic!("{e}"));
    let open = books.read(|l| l.bank_review(today())).unwrap_or_default();
    assert!(open
        .iter()
        .all(|x| x.line.id != unknown.line.id && x.line.id != nova.line.id));
}

#[test]
fn a_partial_payment_an_iban_learnt_and_a_rule_confirmed() {
    let (_keep, files) = tact_import::test_inputs::statements();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let r = bank::import(&books, &files.join("camt053-v02.xml"), today(), false)
        .unwrap_or_else(|e| panic!("{e}"));
    // « ACOMPTE FACTURE F-2026-041 », 1 000 € of the 2 400 € owed: proposed as a partial payment.
    let lumiere = r
        .review
        .iter()
        .find(|x| x.line.amount == Money::from_cents(100_000))
        .unwrap_or_else(|| panic!());
    let p = &lumiere.proposals[0];
    assert!(p.partial && p.client_id == 1, "{p:?}");
    let alloc: Vec<(i64, Money)> = p.split();
    books
        .write(|l| l.accept_bank_line(lumiere.line.id, 1, &alloc))
        .unwrap_or_else(|e| panic!("{e}"));

    // The payer's IBAN is now known: a later credit from it, with a bare label, is proposed for Agence Lumière.
    let later = tact_core::ledger::bank::CreditInput {
        account: r.account.clone(),
        date: NaiveDate::from_ymd_opt(2026, 12, 10).unwrap_or_default(),
        amount: Money::from_cents(70_000),
        label: "VIR SEPA".into(),
        payer: None,
        payer_iban: Some("FR7610107001011234567890129".into()),
        reference: None,
        bank_id: Some("CAMT-9".into()),
        method: "virement".into(),
    };
    books
        .write(|l| l.import_bank_credits(&[later], today()))
        .unwrap_or_else(|e| panic!("{e}"));
    let review = books.read(|l| l.bank_review(today())).unwrap_or_default();
    let bare = review
        .iter()
        .find(|x| x.line.label == "VIR SEPA")
        .unwrap_or_else(|| panic!());
    assert_eq!(bare.proposals.first().map(|p| p.client_id), Some(1));
    assert!(bare.proposals[0].reasons.iter().any(|w| w.contains("IBAN")));

    // A rule « ce libellé = ce client », remembered for the next statements.
    let odd = tact_core::ledger::bank::CreditInput {
        label: "VIR CAFE ARTS LYON 2".into(),
        payer_iban: None,
        bank_id: Some("CAMT-10".into()),
        amount: Money::from_cents(12_345),
        ..bare_credit(&r.account)
    };
    books
        .write(|l| l.import_bank_credits(&[odd], today()))
        .unwrap_or_else(|e| panic!("{e}"));
    books
        .write(|l| l.add_bank_rule("CAFE ARTS", 5))
        .unwrap_or_else(|e| panic!("{e}"));
    let review = books.read(|l| l.bank_review(today())).unwrap_or_default();
    let cafe = review
        .iter()
        .find(|x| x.line.label.contains("CAFE ARTS"))
        .unwrap_or_else(|| panic!());
    assert_eq!(cafe.proposals.first().map(|p| p.client_id), Some(5));
}

fn bare_credit(account: &str) -> tact_core::ledger::bank::CreditInput {
    tact_core::ledger::bank::CreditInput {
        account: account.into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 11).unwrap_or_default(),
        amount: Money::from_cents(100),
        label: String::new(),
        payer: None,
        payer_iban: None,
        reference: None,
        bank_id: None,
        method: "virement".into(),
    }
}

#[test]
fn the_credits_travel_in_the_export_and_the_next_statement_creates_nothing_twice() {
    let (_keep, files) = tact_import::test_inputs::statements();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let r = bank::import(&books, &files.join("releve.ofx"), today(), false)
        .unwrap_or_else(|e| panic!("{e}"));
    let nova = r
        .review
        .iter()
        .find(|x| x.line.amount == Money::from_cents(30_000))
        .unwrap_or_else(|| panic!());
    let alloc: Vec<(i64, Money)> = nova.proposals[0].split();
    books
        .write(|l| l.accept_bank_line(nova.line.id, 4, &alloc))
        .unwrap_or_else(|e| panic!("{e}"));
    books
        .write(|l| l.add_bank_rule("SOCIETE INCONNUE", 5))
        .unwrap_or_else(|e| panic!("{e}"));
    let first = dir.path().join("export.zip");
    tact_usecases::exchange::export_to(&books, &first).unwrap_or_else(|e| panic!("{e}"));

    let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let restored =
        Books::open(&other.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    tact_usecases::exchange::import_file(&restored, &first).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        restored.read(|l| l.bank_lines(None)).unwrap_or_default(),
        books.read(|l| l.bank_lines(None)).unwrap_or_default()
    );
    let second = other.path().join("export.zip");
    tact_usecases::exchange::export_to(&restored, &second).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(std::fs::read(&first).ok(), std::fs::read(&second).ok());
    // The same statement into the restored books: nothing new.
    let again = bank::import(&restored, &files.join("releve.ofx"), today(), false)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((again.stored.new, again.stored.already), (0, 4));
}

#[test]
fn no_reminder_leaves_while_a_credit_that_may_be_the_clients_payment_waits_for_review() {
    let (_keep, files) = tact_import::test_inputs::statements();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let policy = tact_core::engine::Policy::default();
    let step_on = |b: &Books, client: i64, day: NaiveDate| {
        b.read(|l| l.suggestion(client, day, &policy))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    // M. Roche (F-2026-047, 320 €) is due a step; no statement ever imported, so nothing is said of the bank.
    let before = step_on(&books, 3, today());
    assert!(
        before.step.action != Action::Nothing && before.step.action != Action::CheckCredit,
        "{before:?}"
    );
    assert!(before
        .step
        .reasons
        .iter()
        .all(|r| r.code != "statement_old"));

    let r = bank::import(&books, &files.join("releve.ofx"), today(), false)
        .unwrap_or_else(|e| panic!("{e}"));
    // « VIR M JULIEN ROCHE — facture 2026 047 », not yet reviewed: the step waits for the user.
    let held = step_on(&books, 3, today());
    assert_eq!(held.step.action, Action::CheckCredit, "{held:?}");
    assert!(held
        .step
        .reasons
        .iter()
        .any(|w| w.code == "credit_to_review" && w.text.contains("F-2026-047")));
    // The agenda lists it among today's steps.
    let agenda = books
        .read(|l| l.agenda(today(), 0, 50))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(agenda
        .due
        .rows
        .iter()
        .any(|i| i.client_id == 3 && i.suggestion.step.action == Action::CheckCredit));
    assert_eq!(agenda.last_statement, Some(today()));

    // Studio Nova's 300 € on F-2026-033 may be in: the email about the dispute no longer asks for them.
    let nova = books
        .read(|l| l.draft(4, today()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        nova.body.contains("désaccord") && !nova.body.contains("reste attendu"),
        "{}",
        nova.body
    );
    // A step held for a credit has nothing to send.
    let roche_draft = books.read(|l| l.draft(3, today())).err().map(|e| e.code);
    assert_eq!(roche_draft, Some(ErrorCode::NothingToDraft));

    // Not his payment after all (ignored): the ladder resumes where it was.
    let roche = r
        .review
        .iter()
        .find(|x| x.line.label.contains("ROCHE"))
        .unwrap_or_else(|| panic!());
    books
        .write(|l| l.ignore_bank_line(roche.line.id))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(step_on(&books, 3, today()).step.action, before.step.action);

    // A week later with no newer statement, the reminder says when the last one was imported.
    let later = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
    let s = step_on(&books, 3, later);
    assert!(
        s.step.reasons.iter().any(|w| w.code == "statement_old"
            && w.text
                == "Dernier relevé importé le 30/11/2026\u{a0}: vérifiez qu'il n'a pas réglé."),
        "{s:?}"
    );
}

#[test]
fn validate_all_accepts_only_the_sure_matches_in_one_go_and_automatic_acceptance_is_opt_in() {
    let (_keep, files) = tact_import::test_inputs::statements();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let r = bank::import(&books, &files.join("releve.ofx"), today(), false)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.auto_accepted, 0, "nothing accepted without the user");
    let sure: Vec<i64> = r
        .review
        .iter()
        .filter(|x| {
            x.proposals
                .first()
                .is_some_and(|p| p.confidence >= tact_core::reconcile::AUTO_CONFIDENCE)
        })
        .map(|x| x.line.id)
        .collect();
    assert!(sure.len() >= 2, "{:?}", r.review);
    let accepted = books
        .write(|l| l.accept_sure_bank_lines(today()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(accepted.iter().map(|(id, _)| *id).collect::<Vec<_>>(), sure);
    // What was not sure (the unknown credit) is still to review; nothing else moved.
    let open = books.read(|l| l.bank_review(today())).unwrap_or_default();
    assert!(open.iter().all(|x| !sure.contains(&x.line.id)));
    assert!(open.iter().any(|x| x.line.label.contains("INCONNUE")));

    // Turned on in Réglages: the next statement's sure matches are accepted as it is imported.
    let dir2 = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books2 = self::books(&dir2);
    books2
        .write(|l| {
            let mut p = l.policy()?;
            p.auto_accept_bank = true;
            l.set_policy(&p)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let r2 = bank::import(&books2, &files.join("releve.ofx"), today(), false)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r2.auto_accepted, sure.len());
    assert_eq!(
        books2
            .read(|l| l.bank_lines(Some("accepted")))
            .unwrap_or_default()
            .len(),
        sure.len()
    );
}

#[test]
fn an_instalment_of_a_signed_calendar_and_a_promised_amount_are_recognised() {
    use tact_core::ledger::bank::CreditInput;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    // Petitjean promised (example data) to pay; a calendar for Agence Lumière's 2 400 € in three instalments.
    let plan = books
        .write(|l| {
            let mut input = l.suggested_plan_input(1, today())?;
            input.instalments = "3".into();
            input.instalment_amount = String::new();
            let p = l.propose_plan(&input, today())?;
            l.sign_plan(p.plan.id, "2026-11-30", today())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let first = plan.instalments[0].left;
    let credit = CreditInput {
        account: "FR76".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
        amount: first,
        label: "VIR SEPA".into(),
        payer: None,
        payer_iban: None,
        reference: None,
        bank_id: Some("X-1".into()),
        method: "virement".into(),
    };
    books
        .write(|l| l.import_bank_credits(&[credit], today()))
        .unwrap_or_else(|e| panic!("{e}"));
    let review = books.read(|l| l.bank_review(today())).unwrap_or_default();
    let best = review[0]
        .proposals
        .first()
        .unwrap_or_else(|| panic!("{review:?}"));
    assert_eq!(best.client_id, 1);
    assert!(
        best.reasons.iter().any(|w| w.contains("échéancier signé")),
        "{:?}",
        best.reasons
    );

    // M. Roche promised on the phone to pay 123,45 € on 04/12: a bare credit of that amount is proposed for him.
    books
        .write(|l| {
            l.add_journal_entry(&tact_core::input::JournalInput {
                client_id: 3,
                invoice_id: None,
                date: "2026-11-30".into(),
                kind: "promise".into(),
                channel: Some("phone".into()),
                call_outcome: None,
                promise_date: Some("2026-12-04".into()),
                promise_amount: Some("123,45".into()),
                text: None,
                corrects: None,
            })
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let promised = CreditInput {
        amount: Money::from_cents(12_345),
        bank_id: Some("X-2".into()),
        date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default(),
        label: "VIREMENT".into(),
        ..bare_credit("FR76")
    };
    books
        .write(|l| l.import_bank_credits(&[promised], today()))
        .unwrap_or_else(|e| panic!("{e}"));
    let review = books.read(|l| l.bank_review(today())).unwrap_or_default();
    let line = review
        .iter()
        .find(|x| x.line.amount == Money::from_cents(12_345))
        .unwrap_or_else(|| panic!("{review:?}"));
    let best = line.proposals.first().unwrap_or_else(|| panic!("{line:?}"));
    assert_eq!(best.client_id, 3);
    assert!(
        best.reasons
            .iter()
            .any(|w| w.contains("promesse de régler 123,45\u{a0}€ le 04/12/2026")),
        "{:?}",
        best.reasons
    );
}

#[test]
fn a_statement_layout_mapped_once_is_read_by_itself_the_next_time() {
    use tact_usecases::bank::{StatementField, StatementMapping};
    let (_keep, files) = tact_import::test_inputs::statements();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = books(&dir);
    let csv = files.join("banques/inconnue.csv");
    let e = bank::import(&books, &csv, today(), false)
        .err()
        .unwrap_or_else(|| panic!("read without a mapping"));
    assert_eq!(e.field.as_deref(), Some("mapping"));
    assert_eq!(
        bank::columns(&csv).unwrap_or_default(),
        ["Jour", "Opération", "Valeur"]
    );
    let mapping = StatementMapping {
        columns: vec![
            (StatementField::Date, "Jour".into()),
            (StatementField::Label, "Opération".into()),
            (StatementField::Amount, "Valeur".into()),
        ],
    };
    // A dry run keeps neither the credits nor the mapping.
    let dry = bank::import_mapped(&books, &csv, today(), true, Some(mapping.clone()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dry.stored.new, 4);
    assert!(bank::csv_presets(&books).unwrap_or_default().is_empty());
    let r = bank::import_mapped(&books, &csv, today(), false, Some(mapping.clone()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((r.stored.new, r.debits), (4, 1));
    assert_eq!(bank::csv_presets(&books).unwrap_or_default(), vec![mapping]);
    // Next month's statement in the same layout: read with the saved mapping, nothing asked.
    let next = dir.path().join("decembre.csv");
    std::fs::write(
        &next,
        "Jour;Opération;Valeur\n02/12/2026;VIR SEPA CAFE DES ARTS;780,00\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let r = bank::import(&books, &next, today(), false).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.stored.new, 1);
}
