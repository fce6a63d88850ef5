//! Every earlier schema, filled with rows in every table it had (written with the SQL of its day), migrates to
//! the current one keeping every row, backs the old file up first, stays consistent (foreign keys, integrity),
//! and reads back through the ledger; and a migrated database has exactly the schema of a fresh one.

use super::*;
use crate::ledger::Ledger;

const SHA: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// The rows each version's tables receive, in the SQL of that version.
fn fill(version: u32) -> String {
    match version {
        1 => "INSERT INTO business (id, legal_name, default_terms) VALUES (1, 'Atelier Marchand', '30');
              INSERT INTO clients (id, kind, name, client_since) VALUES (1, 'professional', 'Agence Lumière SARL', '2022-03-01');
              INSERT INTO clients (id, kind, name) VALUES (2, 'consumer', 'M. Julien Roche');
              INSERT INTO invoices (id, number, client_id, issue_date, terms, due_date, amount_cents)
                   VALUES (1, 'F-2026-033', 1, '2026-08-31', '30', '2026-09-30', 60000);
              INSERT INTO invoices (id, number, client_id, issue_date, terms, due_date, amount_cents)
                   VALUES (2, 'F-2026-034', 2, '2026-09-01', '30', '2026-10-01', 45000);
              INSERT INTO payments (id, client_id, date, amount_cents, method) VALUES (1, 1, '2026-10-12', 30000, 'virement');
              INSERT INTO allocations (payment_id, invoice_id, amount_cents) VALUES (1, 1, 30000);
              INSERT INTO credit_notes (id, number, invoice_id, date, amount_cents) VALUES (1, 'AV-1', 1, '2026-10-13', 1000);"
            .into(),
        2 => "INSERT INTO journal (id, client_id, invoice_id, date, kind, channel, text)
                   VALUES (1, 1, 1, '2026-10-05', 'friendly_reminder', 'email', 'Relance amiable');
              INSERT INTO journal (id, client_id, date, kind, text, payment_id)
                   VALUES (2, 1, '2026-10-12', 'payment_recorded', '300,00 € reçu par virement.', 1);
              INSERT INTO journal (id, client_id, invoice_id, date, kind, channel, text)
                   VALUES (3, 2, 2, '2026-10-20', 'formal_notice', 'letter', 'Mise en demeure de payer imprimée.');
              INSERT INTO journal (id, client_id, date, kind, text, corrects_id)
                   VALUES (4, 1, '2026-10-06', 'note', 'Correction de la relance', 1);"
            .into(),
        3 => "INSERT INTO settings (key, value) VALUES ('policy', '{\"min_gap_days\": 7}');
              INSERT INTO client_overrides (client_id, pause_until, always_call_first) VALUES (1, '2026-12-01', 1);"
            .into(),
        4 => format!(
            "INSERT INTO letters (id, client_id, kind, date, file, sha256, size, total_cents, journal_id, registered_number,
                                  posted_on, received_on)
                  VALUES (1, 2, 'mise-en-demeure', '2026-10-20', '2026-10-20-mise-en-demeure-client2.pdf', '{SHA}', 39000,
                          45000, 3, '1A 123 456 7890 1', '2026-10-21', '2026-10-23');"
        ),
        5 => format!(
            "INSERT INTO journal (id, client_id, date, kind, text) VALUES (5, 1, '2026-11-02', 'plan_proposed', 'Échéancier proposé');
             INSERT INTO journal (id, client_id, date, kind, channel, text) VALUES (6, 1, '2026-11-03', 'letter', 'letter', 'Échéancier envoyé');
             INSERT INTO plans (id, client_id, version, created_on, penalty_treatment, frequency, shift_days_off, notice_days,
                                principal_cents, penalties_cents, indemnities_cents, total_cents, last_payment_id,
                                proposed_journal_id)
                  VALUES (1, 1, 1, '2026-11-02', 'waive', 'month', 0, 8, 29000, 0, 4000, 29000, 1, 5);
             INSERT INTO plan_invoices (plan_id, invoice_id, balance_cents, penalties_cents, indemnity_cents) VALUES (1, 1, 29000, 0, 4000);
             INSERT INTO plan_instalments (plan_id, number, due_on, amount_cents, down_payment) VALUES (1, 1, '2026-12-05', 14500, 0);
             INSERT INTO plan_instalments (plan_id, number, due_on, amount_cents, down_payment) VALUES (1, 2, '2027-01-05', 14500, 0);
             INSERT INTO letters (id, client_id, kind, date, file, sha256, size, total_cents, journal_id, plan_id)
                  VALUES (2, 1, 'echeancier', '2026-11-03', '2026-11-03-echeancier-client1.pdf', '{SHA}', 41000, 29000, 6, 1);"
        ),
        6 => "INSERT OR IGNORE INTO letter_invoices (letter_id, invoice_id) VALUES (2, 1);".into(),
        7 => format!(
            "INSERT INTO journal (id, client_id, date, kind, channel, text) VALUES (7, 1, '2026-11-04', 'letter', 'letter', 'Réclamation');
             INSERT INTO letters (id, client_id, kind, date, file, sha256, size, total_cents, journal_id)
                  VALUES (3, 1, 'reclamation', '2026-11-04', '2026-11-04-reclamation-client1.pdf', '{SHA}', 30000, 4600, 7);
             INSERT INTO letter_invoices (letter_id, invoice_id) VALUES (3, 1);"
        ),
        8 => format!(
            "INSERT INTO source_files (id, sha256, file_name, format, imported_on, size, content)
                  VALUES (1, '{SHA}', 'F-2026-033.pdf', 'facturx', '2026-11-05', 4, X'25504446');
             INSERT INTO imported_documents (id, source_id, invoice_id, buyer_name, buyer_siren, buyer_vat)
                  VALUES (1, 1, 1, 'Agence Lumière SARL', '512345679', 'FR70512345679');
             INSERT INTO imported_documents (id, source_id, credit_note_id, buyer_name)
                  VALUES (2, 1, 1, 'Agence Lumière SARL');"
        ),
        9 => "INSERT INTO bank_lines (id, identity, account, date, amount_cents, label, method, imported_on, state, payment_id)
                   VALUES (1, 'T0001', 'FR7630004000031234567890143', '2026-10-12', 30000, 'VIR AGENCE LUMIERE', 'virement',
                           '2026-10-13', 'accepted', 1);
              INSERT INTO bank_lines (id, identity, account, date, amount_cents, label, method, imported_on)
                   VALUES (2, 'T0002', 'FR7630004000031234567890143', '2026-10-14', 9999, 'VIR INCONNU', 'virement', '2026-10-15');
              INSERT INTO bank_rules (id, pattern, client_id) VALUES (1, 'AGENCE LUMIERE', 1);"
            .into(),
        10 => "INSERT INTO sent_messages (id, step_key, client_id, message_id, recipients, subject, state, started_at, sent_at)
                    VALUES (1, 'step/1/friendly_reminder/1/1', 1, '<tact.20261005090000.ab@atelier.fr>', 'claire@lumiere.fr',
                            'Facture F-2026-033', 'sent', '2026-10-05 09:00:00', '2026-10-05 09:00:02');
               INSERT INTO sent_message_journal (sent_id, journal_id) VALUES (1, 1);"
            .into(),
        11 => "INSERT INTO clients (id, kind, name, civility) VALUES (3, 'consumer', 'Anne Vidal', 'madame');".into(),
        12 => "INSERT INTO payments (id, client_id, date, amount_cents, method) VALUES (2, 2, '2026-10-20', 45000, 'cheque');
               INSERT INTO payment_reversals (payment_id, date, reason) VALUES (2, '2026-10-21', 'Chèque saisi deux fois');
               INSERT INTO reversed_allocations (payment_id, invoice_id, amount_cents) VALUES (2, 2, 45000);"
            .into(),
        v => panic!("no rows written for schema {v}: add them here with the migration"),
    }
}

fn tables(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap_or_else(|e| panic!("{e}"));
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap_or_else(|e| panic!("{e}"));
    rows.map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect()
}

fn counts(conn: &Connection) -> Vec<(String, i64)> {
    tables(conn)
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap_or(-1);
            (t, n)
        })
        .collect()
}

/// The schema as SQLite keeps it: every table, index and trigger with its SQL.
fn schema(conn: &Connection) -> Vec<(String, String, String, Option<String>)> {
    let mut stmt = conn
        .prepare(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap_or_else(|e| panic!("{e}"));
    rows.map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect()
}

#[test]
fn every_earlier_schema_filled_with_rows_migrates_keeping_them_all() {
    let latest = latest_version();
    assert!(latest >= 5);
    for from in 1..latest {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("tact.sqlite3");
        let before = {
            let migrations = &MIGRATIONS[..usize::try_from(from).unwrap_or(0)];
            let store = Store::open_with(&path, migrations).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(store.open_report().to_version, from);
            for v in 1..=from {
                store
                    .conn()
                    .execute_batch(&fill(v))
                    .unwrap_or_else(|e| panic!("schema {from}, rows of {v}: {e}"));
            }
            let c = counts(store.conn());
            assert!(
                c.iter().all(|(_, n)| *n > 0),
                "schema {from}: every table holds rows before migrating: {c:?}"
            );
            c
        };

        let store = Store::open(&path).unwrap_or_else(|e| panic!("from {from}: {e}"));
        let report = store.open_report().clone();
        assert_eq!((report.from_version, report.to_version), (from, latest));
        let after = counts(store.conn());
        for (table, n) in &before {
            let kept = after.iter().find(|(t, _)| t == table).map(|(_, n)| *n);
            assert_eq!(kept, Some(*n), "from schema {from}: table {table}");
        }
        let fk: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap_or(-1);
        assert_eq!(fk, 0, "from schema {from}: foreign keys");
        let ok: String = store
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap_or_default();
        assert_eq!(ok, "ok");
        // The letters keep their ids and AR date through the rebuild of migration 0005.
        if from >= 4 {
            let (kind, received): (String, Option<String>) = store
                .conn()
                .query_row(
                    "SELECT kind, received_on FROM letters WHERE id = 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                (kind.as_str(), received.as_deref()),
                ("mise-en-demeure", Some("2026-10-23"))
            );
        }
        // Migration 0011 reads the civility written in a name: « M. Julien Roche » is Monsieur.
        if from < 11 {
            let civility: Option<String> = store
                .conn()
                .query_row("SELECT civility FROM clients WHERE id = 2", [], |r| {
                    r.get(0)
                })
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(civility.as_deref(), Some("monsieur"), "from schema {from}");
        }
        drop(store);

        // The old file was copied aside first, at its own schema, with its rows.
        let backup = report
            .backup
            .unwrap_or_else(|| panic!("from {from}: no backup"));
        let old = Connection::open(&backup).unwrap_or_else(|e| panic!("{e}"));
        let v: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap_or(-1);
        assert_eq!(v, i64::from(from));
        assert_eq!(counts(&old), before, "from schema {from}: the backup");

        // And the current code reads every record back.
        let ledger = Ledger::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let export = ledger
            .export()
            .unwrap_or_else(|e| panic!("from {from}: {e}"));
        assert_eq!(
            (
                export.clients.len(),
                export.invoices.len(),
                export.payments.len(),
                export.credit_notes.len()
            ),
            (if from >= 11 { 3 } else { 2 }, 2, 1, 1)
        );
        if from >= 2 {
            assert_eq!(
                export.journal.len(),
                match from {
                    7.. => 7,
                    5..=6 => 6,
                    _ => 4,
                }
            );
        }
        // Migration 0006: a mise en demeure archived before covered the invoices then due and unpaid; a
        // calendar's letter, the calendar's invoices (from schema 6 on, the rows say so themselves).
        if (4..6).contains(&from) {
            let med = export
                .letters
                .iter()
                .find(|l| l.id == 1)
                .map(|l| l.invoice_ids.clone());
            assert_eq!(med, Some(vec![2]), "from schema {from}");
        }
        if from >= 5 {
            let plan = export
                .letters
                .iter()
                .find(|l| l.id == 2)
                .map(|l| l.invoice_ids.clone());
            assert_eq!(plan, Some(vec![1]), "from schema {from}");
        }
        if from >= 4 {
            let letters = ledger.letters(2).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(letters.len(), 1);
            assert_eq!(
                letters[0].registered_number.as_deref(),
                Some("1A 123 456 7890 1")
            );
        }
    }
}

#[test]
fn the_latest_schema_takes_rows_in_every_table() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    for v in 1..=latest_version() {
        store
            .conn()
            .execute_batch(&fill(v))
            .unwrap_or_else(|e| panic!("rows of {v}: {e}"));
    }
    let c = counts(store.conn());
    assert!(c.iter().all(|(_, n)| *n > 0), "{c:?}");
}

#[test]
fn a_migrated_database_has_the_schema_of_a_fresh_one() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fresh = Store::open(&dir.path().join("fresh.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    let fresh_schema = schema(fresh.conn());
    assert!(fresh_schema.len() > 10);
    for from in 1..latest_version() {
        let path = dir.path().join(format!("from-{from}.sqlite3"));
        {
            let store = Store::open_with(&path, &MIGRATIONS[..usize::try_from(from).unwrap_or(0)])
                .unwrap_or_else(|e| panic!("{e}"));
            for v in 1..=from {
                store
                    .conn()
                    .execute_batch(&fill(v))
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        let migrated = Store::open(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            schema(migrated.conn()),
            fresh_schema,
            "migrated from schema {from}"
        );
        for pragma in ["user_version", "application_id"] {
            let get = |c: &Connection| -> i64 {
                c.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
                    .unwrap_or(-1)
            };
            assert_eq!(
                get(migrated.conn()),
                get(fresh.conn()),
                "{pragma} from {from}"
            );
        }
    }
}
