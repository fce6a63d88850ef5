//! The `tact` binary, driven as scripts drive it. Every test uses its own temporary database.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn tact(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tact"))
        .arg("--db")
        .arg(db)
        .args(args)
        // Never fall back to the user's real database.
        .env_remove("TACT_DB")
        .output()
        .unwrap_or_else(|e| panic!("cannot run tact: {e}"))
}

fn ok_json(db: &Path, args: &[&str]) -> Value {
    let out = tact(db, args);
    assert!(
        out.status.success(),
        "tact {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "tact {args:?}: not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("tact.sqlite3");
    (dir, path)
}

#[test]
fn demo_then_the_stable_json_listings() {
    let (_dir, db) = temp_db();
    let out = tact(&db, &["demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let clients = ok_json(&db, &["clients", "list", "--json"]);
    let clients = clients.as_array().unwrap_or_else(|| panic!("array"));
    assert_eq!(clients.len(), 5);
    assert!(clients
        .iter()
        .all(|c| c["id"].is_i64() && c["name"].is_string()));

    let invoices = ok_json(
        &db,
        &["--today", "2026-11-23", "invoices", "list", "--json"],
    );
    let invoices = invoices.as_array().unwrap_or_else(|| panic!("array"));
    assert_eq!(invoices.len(), 15);
    let f028 = invoices
        .iter()
        .find(|i| i["number"] == "F-2026-028")
        .unwrap_or_else(|| panic!("F-2026-028"));
    assert!(f028["id"].is_i64());
    assert_eq!(f028["balance"], "450.00");
    assert_eq!(f028["status"], "overdue");
    assert_eq!(f028["days_late"], 69);
    let f033 = invoices
        .iter()
        .find(|i| i["number"] == "F-2026-033")
        .unwrap_or_else(|| panic!("F-2026-033"));
    assert_eq!(f033["balance"], "300.00");

    // A second demo on a non-empty database is refused.
    let again = tact(&db, &["demo"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("vide"));
}

#[test]
fn export_import_round_trip_through_files() {
    let (dir, db) = temp_db();
    assert!(tact(&db, &["demo"]).status.success());
    let export = tact(&db, &["export", "--json"]);
    assert!(export.status.success());
    let file = dir.path().join("export.json");
    std::fs::write(&file, &export.stdout).unwrap_or_else(|e| panic!("{e}"));

    let copy = dir.path().join("copie.sqlite3");
    let report = ok_json(
        &copy,
        &["import", "--json", file.to_str().unwrap_or_default()],
    );
    assert_eq!(report["invoices"], 15);
    let again = tact(&copy, &["export", "--json"]);
    assert_eq!(
        again.stdout, export.stdout,
        "the copy exports the same bytes"
    );
}

#[test]
fn a_whole_small_business_from_the_command_line() {
    let (_dir, db) = temp_db();
    let b = ok_json(
        &db,
        &[
            "business",
            "set",
            "--json",
            "--legal-name",
            "Sophie Marchand",
            "--trade-name",
            "Atelier Marchand",
            "--siret",
            "832 541 908 00014",
            "--iban",
            "FR76 3000 4000 3123 4567 8901 235",
            "--default-terms",
            "30",
        ],
    );
    assert_eq!(b["siren"], "832541908");
    let c = ok_json(
        &db,
        &[
            "clients",
            "add",
            "--json",
            "--kind",
            "professional",
            "--name",
            "Agence Lumière SARL",
            "--email",
            "compta@agence-lumiere.fr",
        ],
    );
    let client = c["id"].as_i64().unwrap_or_default().to_string();
    let inv = ok_json(
        &db,
        &[
            "invoices",
            "add",
            "--json",
            "--number",
            "F-2026-041",
            "--client",
            &client,
            "--issue-date",
            "01/10/2026",
            "--amount",
            "2 400,00",
        ],
    );
    assert_eq!(inv["record"]["due_date"], "2026-10-31");
    let p = ok_json(
        &db,
        &[
            "payments",
            "add",
            "--json",
            "--client",
            &client,
            "--date",
            "05/12/2026",
            "--amount",
            "800",
            "--method",
            "virement",
            "--alloc",
            "F-2026-041=800",
        ],
    );
    assert_eq!(p["allocations"][0]["amount"], "800.00");
    let show = ok_json(
        &db,
        &[
            "--today",
            "2026-12-06",
            "invoices",
            "show",
            "F-2026-041",
            "--json",
        ],
    );
    assert_eq!(show["balance"], "1600.00");
    assert_eq!(show["status"], "overdue");
    let j = ok_json(
        &db,
        &[
            "journal",
            "add",
            "--json",
            "--client",
            &client,
            "--kind",
            "call",
            "--date",
            "2026-11-23",
            "--invoice",
            "F-2026-041",
            "--outcome",
            "difficulty",
            "--text",
            "Trésorerie tendue, demande un échéancier.",
        ],
    );
    assert_eq!(j["kind"], "call");
    let history = ok_json(&db, &["journal", "list", "--client", &client, "--json"]);
    let kinds: Vec<&str> = history
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["kind"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(kinds, ["call", "payment_recorded"]);

    // Human output is French.
    let human = tact(&db, &["--today", "2026-12-06", "clients", "list"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("1\u{202f}600,00\u{a0}€"), "{text}");

    // A second payment typed by mistake, reversed: the invoice is owed as before, the history keeps both.
    let twice = ok_json(
        &db,
        &[
            "payments",
            "add",
            "--json",
            "--client",
            &client,
            "--date",
            "05/12/2026",
            "--amount",
            "800",
            "--method",
            "virement",
        ],
    );
    let id = twice["id"].to_string();
    let human = tact(
        &db,
        &[
            "--today",
            "2026-12-06",
            "payments",
            "reverse",
            &id,
            "--reason",
            "saisi deux fois",
        ],
    );
    assert!(human.status.success());
    assert!(String::from_utf8_lossy(&human.stdout).contains("annulé"));
    let show = ok_json(
        &db,
        &[
            "--today",
            "2026-12-06",
            "invoices",
            "show",
            "F-2026-041",
            "--json",
        ],
    );
    assert_eq!(show["balance"], "1600.00");
    let payments = ok_json(&db, &["payments", "list", "--json"]);
    assert_eq!(payments.as_array().map(Vec::len), Some(1));
    let again = tact(&db, &["--json", "payments", "reverse", &id]);
    assert!(!again.status.success());
    let err: Value = serde_json::from_slice(&again.stderr).unwrap_or_default();
    assert_eq!(err["error"]["code"], "payment_reversed", "{err}");
    assert_eq!(err["error"]["field"], "payment_id");
}

#[test]
fn bad_input_is_a_french_error_naming_the_field_and_nothing_is_written() {
    let (_dir, db) = temp_db();
    assert!(tact(&db, &["demo"]).status.success());
    let before = tact(&db, &["export", "--json"]).stdout;

    let out = tact(
        &db,
        &[
            "--json",
            "invoices",
            "add",
            "--number",
            "F-2026-099",
            "--client",
            "1",
            "--issue-date",
            "2026-11-20",
            "--amount",
            "12,345",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(err["error"]["code"], "too_many_decimals");
    assert_eq!(err["error"]["field"], "amount");
    assert!(err["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("deux décimales"));

    let out = tact(
        &db,
        &[
            "invoices",
            "add",
            "--number",
            "F-2026-041",
            "--client",
            "1",
            "--issue-date",
            "2026-11-20",
            "--amount",
            "10",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("existe déjà"));

    let out = tact(
        &db,
        &[
            "payments",
            "add",
            "--client",
            "4",
            "--date",
            "2026-11-23",
            "--amount",
            "500",
            "--method",
            "virement",
            "--alloc",
            "F-2026-033=400",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("allocations[0].amount"));

    let out = tact(
        &db,
        &[
            "clients",
            "add",
            "--kind",
            "professional",
            "--name",
            "X",
            "--siren",
            "123 456 789",
        ],
    );
    assert_eq!(out.status.code(), Some(1));

    assert_eq!(
        tact(&db, &["export", "--json"]).stdout,
        before,
        "rejected requests wrote nothing"
    );
    // Usage errors are clap's, with exit status 2.
    assert_eq!(
        tact(&db, &["invoices", "frobnicate"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_database_from_a_newer_tact_is_refused() {
    let (_dir, db) = temp_db();
    assert!(tact(&db, &["clients", "list"]).status.success());
    {
        let conn = rusqlite_free_user_version_bump(&db);
        assert!(conn, "could not bump the schema version");
    }
    let out = tact(&db, &["clients", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("plus récente"));
}

/// Set the schema version far ahead by writing the SQLite header's user_version field (offset 60, big-endian);
/// the CLI crate does not depend on rusqlite.
fn rusqlite_free_user_version_bump(db: &Path) -> bool {
    let Ok(mut bytes) = std::fs::read(db) else {
        return false;
    };
    if bytes.len() < 100 {
        return false;
    }
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    // The database is in WAL mode; with the WAL checkpointed on close the main file holds everything.
    std::fs::write(db, bytes).is_ok()
}

#[test]
fn next_gives_the_scenarios_agenda() {
    let (_dir, db) = temp_db();
    assert!(tact(&db, &["demo"]).status.success());
    let all = ok_json(&db, &["--today", "2026-11-23", "next", "--all", "--json"]);
    let action = |name: &str| -> String {
        all.as_array()
            .and_then(|a| a.iter().find(|x| x["client"]["name"] == name))
            .map(|x| {
                x["suggestion"]["step"]["action"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(action("Agence Lumière SARL"), "propose_calendar");
    assert_eq!(action("Boulangerie Petitjean"), "formal_notice");
    assert_eq!(action("M. Julien Roche"), "friendly_reminder");
    assert_eq!(action("Studio Nova SAS"), "settle_dispute");
    assert_eq!(action("Café des Arts"), "preventive_note");
    // Without --all: only what is due today (M. Roche's reminder and the optional note come on 25/11).
    let today = ok_json(&db, &["--today", "2026-11-23", "next", "--json"]);
    let names: Vec<&str> = today
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["client"]["name"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        names,
        [
            "Agence Lumière SARL",
            "Boulangerie Petitjean",
            "Studio Nova SAS"
        ]
    );
}

#[test]
fn draft_postpone_and_policy_from_the_command_line() {
    let (dir, db) = temp_db();
    assert!(tact(&db, &["demo"]).status.success());
    // Studio Nova (client 4): the dispute draft, saved as .eml too.
    let eml = dir.path().join("nova.eml");
    let eml_arg = eml.to_string_lossy().to_string();
    let d = ok_json(
        &db,
        &[
            "--today",
            "2026-11-23",
            "draft",
            "--client",
            "4",
            "--eml",
            &eml_arg,
            "--json",
        ],
    );
    assert_eq!(d["action"], "settle_dispute");
    assert_eq!(d["to"], "ines.morel@studionova.fr");
    assert!(d["body"]
        .as_str()
        .unwrap_or_default()
        .contains("F-2026-033"));
    let saved = std::fs::read_to_string(&eml).unwrap_or_default();
    assert!(
        saved.contains("To: ines.morel@studionova.fr\r\n"),
        "{saved}"
    );
    // Reporter: nothing due for Studio Nova until 30/11.
    assert!(tact(
        &db,
        &[
            "--today",
            "2026-11-23",
            "postpone",
            "--client",
            "4",
            "--until",
            "30/11/2026"
        ]
    )
    .status
    .success());
    let today = ok_json(&db, &["--today", "2026-11-23", "next", "--json"]);
    assert!(!today.to_string().contains("Studio Nova"), "{today}");
    // A policy out of range is refused with the field named; reset gives the defaults back.
    let bad = dir.path().join("policy.json");
    std::fs::write(&bad, r#"{"min_gap_days": 1}"#).unwrap_or_default();
    let out = tact(&db, &["--json", "policy", "set", &bad.to_string_lossy()]);
    assert!(!out.status.success());
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap_or_default();
    assert_eq!(err["error"]["field"], "min_gap_days");
    let p = ok_json(&db, &["policy", "reset", "--json"]);
    assert_eq!(p["min_gap_days"], 7);
}

#[test]
fn letters_from_the_command_line() {
    let (dir, db) = temp_db();
    assert!(tact(&db, &["demo"]).status.success());
    let pdf = dir.path().join("med.pdf");
    let pdf_arg = pdf.to_string_lossy().to_string();
    // The mise en demeure of Boulangerie Petitjean: the JSON gives the amounts, the file is a PDF.
    let r = ok_json(
        &db,
        &[
            "--today",
            "2026-11-23",
            "--json",
            "letter",
            "mise-en-demeure",
            "--client",
            "2",
            "--out",
            &pdf_arg,
            "--final",
        ],
    );
    assert_eq!(r["total"], "500.34");
    assert_eq!(r["interest"], "10.34");
    assert_eq!(r["indemnities"], "40.00");
    assert_eq!(r["deadline_days"], 8);
    assert_eq!(r["pages"], 3);
    assert_eq!(r["penalties"]["invoices"][0]["prescription"], "2031-09-15");
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    assert!(bytes.starts_with(b"%PDF-"));
    let id = r["archived"]["id"].as_i64().unwrap_or_default();
    assert!(id > 0, "{r}");
    // Noted in the history, then the posting details.
    let m = ok_json(
        &db,
        &[
            "--today",
            "2026-11-25",
            "--json",
            "letter",
            "mailing",
            "--letter",
            &id.to_string(),
            "--number",
            "1A 123 456 7890 1",
            "--posted",
            "24/11/2026",
        ],
    );
    assert_eq!(m["posted_on"], "2026-11-24");
    // The AR date alone keeps the number and the posting date already entered.
    let m = ok_json(
        &db,
        &[
            "--today",
            "2026-11-27",
            "--json",
            "letter",
            "mailing",
            "--letter",
            &id.to_string(),
            "--received",
            "26/11/2026",
        ],
    );
    assert_eq!(m["received_on"], "2026-11-26");
    assert_eq!(m["posted_on"], "2026-11-24");
    assert_eq!(m["registered_number"], "1A 123 456 7890 1");
    let list = ok_json(&db, &["--json", "letter", "list", "--client", "2"]);
    assert_eq!(list[0]["registered_number"], "1A 123 456 7890 1");
    // Nothing overdue: refused with a French message, nothing written.
    let out = tact(
        &db,
        &[
            "--today",
            "2026-11-23",
            "letter",
            "mise-en-demeure",
            "--client",
            "5",
            "--out",
            "/nonexistent/x.pdf",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("rien à mettre en demeure"), "{err}");
}

#[test]
fn a_payment_calendar_from_the_command_line() {
    let (dir, db) = temp_db();
    assert!(tact(&db, &["demo"]).status.success());
    let at = |day: &str, args: &[&str]| -> Value {
        let mut all = vec!["--today", day, "--json"];
        all.extend_from_slice(args);
        ok_json(&db, &all)
    };
    // Agence Lumière (client 1): three monthly instalments from 05/12/2026, invoices defaulting to the overdue one.
    let p = at(
        "2026-11-23",
        &[
            "plan",
            "propose",
            "--client",
            "1",
            "--instalments",
            "3",
            "--first",
            "2026-12-05",
            "--every",
            "month",
        ],
    );
    let id = p["id"].as_i64().unwrap_or_default();
    assert!(id > 0, "{p}");
    assert_eq!(p["status"], "proposed");
    let lines: Vec<(String, String)> = p["instalments"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| (i["date"].to_string(), i["amount"].to_string()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        lines,
        [
            ("\"2026-12-05\"".to_owned(), "\"800.00\"".to_owned()),
            ("\"2027-01-05\"".to_owned(), "\"800.00\"".to_owned()),
            ("\"2027-02-05\"".to_owned(), "\"800.00\"".to_owned())
        ]
    );
    // The agreement PDF, then the signature.
    let pdf = dir.path().join("echeancier.pdf");
    let pdf_arg = pdf.to_string_lossy().to_string();
    let id_arg = id.to_string();
    let l = at(
        "2026-11-23",
        &["letter", "plan", "--plan", &id_arg, "--out", &pdf_arg],
    );
    assert_eq!(l["total"], "2400.00");
    assert!(std::fs::read(&pdf)
        .unwrap_or_default()
        .starts_with(b"%PDF-"));
    let s = at(
        "2026-11-25",
        &["plan", "sign", "--plan", &id_arg, "--date", "25/11/2026"],
    );
    assert_eq!(
        (s["status"].as_str(), s["signed_on"].as_str()),
        (Some("honoured"), Some("2026-11-25"))
    );
    // The first instalment paid, the second missed: shown as such on 08/01/2027.
    assert!(tact(
        &db,
        &[
            "payments",
            "add",
            "--client",
            "1",
            "--date",
            "2026-12-04",
            "--amount",
            "800",
            "--method",
            "virement"
        ]
    )
    .status
    .success());
    let s = at("2027-01-08", &["plan", "show", "--plan", &id_arg]);
    assert_eq!(s["status"], "late");
    assert_eq!(s["instalments"][0]["status"], "paid");
    assert_eq!(s["instalments"][1]["status"], "late");
    let next = at("2027-01-08", &["next", "--client", "1"]);
    assert!(next.to_string().contains("plan_reminder"), "{next}");
    // Bad input: a French error naming the field, nothing written.
    let out = tact(
        &db,
        &[
            "--today",
            "2026-11-23",
            "plan",
            "propose",
            "--client",
            "3",
            "--instalments",
            "61",
            "--first",
            "2026-12-05",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("instalments") && err.contains("60"), "{err}");
    let list = at("2026-11-23", &["plan", "list", "--client", "3"]);
    assert_eq!(list.as_array().map(Vec::len), Some(0));
}

#[test]
fn usage_errors_are_french_and_json_under_json() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("t.sqlite3");
    let out = tact(&db, &["--json", "clients", "add", "--frob", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "usage error as JSON: {e}: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(err["error"]["code"], "usage");
    assert_eq!(err["error"]["field"], "frob");
    assert!(err["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("option inconnue")));
    let out = tact(&db, &["--json", "payments", "add"]);
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap_or_default();
    assert!(err["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("option obligatoire manquante") && m.contains("--client")));
    // Without --json: a French sentence, status 2 as before.
    let out = tact(&db, &["clients", "frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("commande inconnue") && text.contains("frobnicate"),
        "{text}"
    );
}

#[test]
fn backups_from_the_command_line() {
    let (dir, db) = temp_db();
    assert!(tact(&db, &["demo"]).status.success());
    let empty = ok_json(&db, &["--json", "backup", "list"]);
    assert_eq!(empty["backups"].as_array().map(Vec::len), Some(0));
    let made = ok_json(
        &db,
        &["--json", "--today", "2026-11-23", "backup", "create"],
    );
    assert_eq!(made["name"], "tact-2026-11-23.zip");
    // A second folder receives a copy of the next one.
    let usb = dir.path().join("cle-usb");
    std::fs::create_dir_all(&usb).unwrap_or_else(|e| panic!("{e}"));
    let usb_arg = usb.to_string_lossy().to_string();
    ok_json(&db, &["--json", "backup", "folder", &usb_arg]);
    ok_json(
        &db,
        &["--json", "--today", "2026-11-24", "backup", "create"],
    );
    assert!(usb.join("tact-2026-11-24.zip").exists());
    let list = ok_json(&db, &["--json", "backup", "list"]);
    assert_eq!(list["backups"].as_array().map(Vec::len), Some(3), "{list}");
    assert_eq!(list["latest"]["date"], "2026-11-24");
    // A folder that does not exist is refused, naming the field.
    let out = tact(&db, &["--json", "backup", "folder", "/nonexistent/tact"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("backup_folder"));
    // Restore the first: the client added since is gone, and the state before is kept as a backup.
    assert!(tact(
        &db,
        &[
            "clients",
            "add",
            "--kind",
            "professional",
            "--name",
            "Nouvelle Agence"
        ]
    )
    .status
    .success());
    let first = made["path"].as_str().unwrap_or_default().to_owned();
    let r = ok_json(
        &db,
        &[
            "--json",
            "--today",
            "2026-11-25",
            "backup",
            "restore",
            &first,
        ],
    );
    assert!(
        r["before"]["name"]
            .as_str()
            .is_some_and(|n| n.starts_with("tact-2026-11-25")),
        "{r}"
    );
    let clients = ok_json(&db, &["clients", "list", "--json"]);
    assert_eq!(clients.as_array().map(Vec::len), Some(5));
}

#[test]
fn the_penalties_of_an_invoice_paid_late_are_claimed_by_letter_or_waived() {
    let (dir, db) = temp_db();
    assert!(tact(&db, &["demo"]).status.success());
    // Studio Nova pays the rest of F-2026-033 (600,00 € due 30/09/2026, 300,00 € paid 12/10) on 23/11/2026.
    ok_json(
        &db,
        &[
            "--json",
            "--today",
            "2026-11-23",
            "payments",
            "add",
            "--client",
            "4",
            "--date",
            "23/11/2026",
            "--amount",
            "300",
            "--method",
            "virement",
            "--alloc",
            "F-2026-033=300",
        ],
    );
    let pdf = dir.path().join("reclamation.pdf");
    let pdf_arg = pdf.to_string_lossy().to_string();
    let r = ok_json(
        &db,
        &[
            "--today",
            "2026-12-02",
            "--json",
            "letter",
            "reclamation",
            "--client",
            "4",
            "--out",
            &pdf_arg,
        ],
    );
    // By hand, at ECB 2,15 % + 10 points = 12,15 %: 600,00 € × 12 days (01/10–12/10) = 2,40 €, then 300,00 € ×
    // 42 days (13/10–23/11) = 4,19 €; and 40,00 €.
    assert_eq!(r["interest"], "6.59");
    assert_eq!(r["indemnities"], "40.00");
    assert_eq!(r["total"], "46.59");
    assert!(std::fs::read(&pdf)
        .unwrap_or_default()
        .starts_with(b"%PDF-"));
    // The same, by email: the amounts, the reference, the client's address.
    let email = ok_json(
        &db,
        &[
            "--today",
            "2026-12-02",
            "--json",
            "draft",
            "--client",
            "4",
            "--penalties",
        ],
    );
    assert!(
        email["subject"]
            .as_str()
            .is_some_and(|s| s.contains("F-2026-033")),
        "{email}"
    );
    let body = email["body"].as_str().unwrap_or_default();
    assert!(
        body.contains("46,59") && body.contains("Pénalités F-2026-033") && body.contains("L441-10"),
        "{body}"
    );
    // Never to a consumer.
    let out = tact(
        &db,
        &[
            "--today",
            "2026-12-02",
            "draft",
            "--client",
            "3",
            "--penalties",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Un particulier ne doit ni pénalités"));
    // Boulangerie Petitjean paid nothing late: nothing to claim, said in French.
    let out = tact(
        &db,
        &[
            "--today",
            "2026-12-02",
            "letter",
            "reclamation",
            "--client",
            "2",
            "--out",
            &pdf_arg,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("aucune facture réglée en retard"));
    // « J'y renonce »: then there is nothing left to claim.
    let p = ok_json(
        &db,
        &[
            "--today",
            "2026-12-02",
            "--json",
            "penalties",
            "--client",
            "4",
            "--waive",
            "F-2026-033",
        ],
    );
    let line = p["invoices"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["number"] == "F-2026-033").cloned());
    assert_eq!(
        line.map(|l| l["waived_on"].clone()),
        Some("2026-12-02".into())
    );
    let out = tact(
        &db,
        &[
            "--today",
            "2026-12-02",
            "letter",
            "reclamation",
            "--client",
            "4",
            "--out",
            &pdf_arg,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn e_invoices_from_the_command_line_dry_run_then_import_then_nothing_twice() {
    let (_inputs, files) = tact_import::test_inputs::generate();
    let (_dir, db) = temp_db();
    assert!(tact(&db, &["demo"]).status.success());
    let folder = files.display().to_string();
    let count = |db: &Path| {
        ok_json(db, &["invoices", "list", "--json"])
            .as_array()
            .map_or(0, Vec::len)
    };
    let before = count(&db);

    // --dry-run: the preview, as JSON, and nothing written.
    let p = ok_json(
        &db,
        &[
            "--today",
            "2026-12-05",
            "--json",
            "import",
            "invoices",
            &folder,
            "--dry-run",
        ],
    );
    assert_eq!(
        (p["files"].as_u64(), p["to_create"].as_u64()),
        (Some(17), Some(10))
    );
    let supplier = p["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["file"] == "fournisseur.pdf"))
        .unwrap_or_else(|| panic!("{p}"));
    assert_eq!(supplier["status"], "error");
    assert!(supplier["reason"]
        .as_str()
        .unwrap_or("")
        .contains("fournisseur"));
    assert_eq!(count(&db), before);

    // Human output: a table and the summary line, in French.
    let out = tact(
        &db,
        &["--today", "2026-12-05", "import", "invoices", &folder],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Import terminé\u{a0}: 7\u{a0}factures créées, 3\u{a0}avoirs créés, 3\u{a0}nouveaux clients."),
        "{text}"
    );
    assert_eq!(count(&db), before + 7);

    // Again: everything skipped, nothing written.
    let again = ok_json(
        &db,
        &[
            "--today",
            "2026-12-05",
            "--json",
            "import",
            "invoices",
            &folder,
        ],
    );
    assert_eq!(
        (
            again["invoices"].as_u64(),
            again["preview"]["to_skip"].as_u64()
        ),
        (Some(0), Some(10))
    );
    assert_eq!(count(&db), before + 7);

    // A bad option value: a French error naming it, nothing written.
    let bad = tact(
        &db,
        &[
            "import",
            "invoices",
            &folder,
            "--buyers-without-id",
            "martien",
        ],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--buyers-without-id"));

    // The whole-ledger form is unchanged beside it.
    let (_d2, copy) = temp_db();
    let export = _dir.path().join("tout.zip");
    assert!(
        tact(&db, &["export", "--out", &export.display().to_string()])
            .status
            .success()
    );
    let out = tact(&copy, &["import", &export.display().to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&copy), before + 7);
}

#[test]
fn bank_statements_from_the_command_line() {
    let (_inputs, files) = tact_import::test_inputs::statements();
    let (_dir, db) = temp_db();
    assert!(tact(&db, &["demo"]).status.success());
    let ofx = files.join("releve.ofx").display().to_string();
    let r = ok_json(
        &db,
        &["--today", "2026-11-30", "--json", "import", "bank", &ofx],
    );
    assert_eq!(
        (r["new"].as_u64(), r["debits"].as_u64()),
        (Some(4), Some(1))
    );
    let again = ok_json(
        &db,
        &["--today", "2026-11-30", "--json", "import", "bank", &ofx],
    );
    assert_eq!(
        (again["new"].as_u64(), again["already"].as_u64()),
        (Some(0), Some(4))
    );

    let open = ok_json(
        &db,
        &[
            "--today",
            "2026-11-30",
            "--json",
            "bank",
            "list",
            "--unmatched",
        ],
    );
    let open = open.as_array().unwrap_or_else(|| panic!("array"));
    assert_eq!(open.len(), 4);
    let nova = open
        .iter()
        .find(|x| x["line"]["amount"] == "300.00")
        .unwrap_or_else(|| panic!("{open:?}"));
    let line = nova["line"]["id"].as_i64().unwrap_or_default().to_string();

    // Accepted on its proposal: a payment, and Studio Nova's F-2026-033 settled.
    let p = ok_json(
        &db,
        &["--today", "2026-11-30", "--json", "bank", "accept", &line],
    );
    assert_eq!(p["amount"], "300.00");
    let invoices = ok_json(
        &db,
        &["--today", "2026-11-30", "invoices", "list", "--json"],
    );
    let f033 = invoices
        .as_array()
        .and_then(|a| a.iter().find(|i| i["number"] == "F-2026-033"))
        .unwrap_or_else(|| panic!("{invoices}"));
    assert_eq!(f033["balance"], "0.00");

    // A credit nobody owes: no proposal, accepting it needs a choice; ignored, it leaves the list.
    let unknown = open
        .iter()
        .find(|x| x["proposals"].as_array().is_some_and(Vec::is_empty))
        .and_then(|x| x["line"]["id"].as_i64())
        .unwrap_or_default()
        .to_string();
    let refused = tact(&db, &["--today", "2026-11-30", "bank", "accept", &unknown]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("aucune proposition"));
    assert!(tact(&db, &["bank", "ignore", &unknown]).status.success());
    let left = ok_json(
        &db,
        &[
            "--today",
            "2026-11-30",
            "--json",
            "bank",
            "list",
            "--unmatched",
        ],
    );
    assert_eq!(left.as_array().map(Vec::len), Some(2));
    // « Tout valider »: the sure ones accepted at once, each a payment; what is left is not sure.
    let sure = ok_json(
        &db,
        &["--today", "2026-11-30", "--json", "bank", "accept-sure"],
    );
    let n = sure.as_array().map(Vec::len).unwrap_or_default();
    assert!(n >= 1, "{sure}");
    assert!(
        sure.as_array()
            .is_some_and(|a| a.iter().all(|x| x["payment"]["id"].as_i64().is_some())),
        "{sure}"
    );
    let left_after = ok_json(
        &db,
        &[
            "--today",
            "2026-11-30",
            "--json",
            "bank",
            "list",
            "--unmatched",
        ],
    );
    assert_eq!(left_after.as_array().map(Vec::len), Some(2 - n));
}

#[test]
fn the_dossier_de_recouvrement_is_written_with_its_totals_and_nothing_is_archived() {
    let (dir, db) = temp_db();
    assert!(tact(&db, &["demo"]).status.success());
    let out = dir.path().join("dossier.pdf");
    let out_s = out.to_string_lossy().into_owned();
    let report = ok_json(
        &db,
        &[
            "--today",
            "2026-12-15",
            "--json",
            "letter",
            "dossier",
            "--client",
            "2",
            "--out",
            &out_s,
        ],
    );
    assert_eq!(report["kind"], "dossier");
    assert_eq!(report["total"], "503.63", "{report}");
    assert!(report["archived"].is_null(), "{report}");
    let bytes = std::fs::read(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"%PDF"));
    let letters = ok_json(&db, &["letter", "list", "--client", "2", "--json"]);
    assert_eq!(letters.as_array().map(Vec::len), Some(0), "never archived");
    // A client with nothing overdue has nothing to recover: a French error, with its code.
    let refused = tact(
        &db,
        &[
            "--today",
            "2026-11-23",
            "--json",
            "letter",
            "dossier",
            "--client",
            "5",
            "--out",
            &out_s,
        ],
    );
    assert!(!refused.status.success());
    let err: Value = serde_json::from_slice(&refused.stderr).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(err["error"]["code"], "nothing_to_draft", "{err}");
}

/// `tact report`: the dashboard's figures as a table, as JSON, as a CSV for Excel and as a one-page PDF, on the
/// example data of 23/11/2026.
#[test]
fn the_dashboard_reports_from_the_command_line() {
    let (dir, db) = temp_db();
    ok_json(&db, &["--json", "demo"]);
    let day = ["--today", "2026-11-23"];
    let json = |args: &[&str]| ok_json(&db, &[&["--json"], &day[..], args].concat());

    let aging = json(&["report", "aging"]);
    assert_eq!(aging["owed"]["total"]["amount"], "5400.00");
    assert_eq!(aging["owed"]["overdue"]["amount"], "3470.00");
    assert_eq!(
        aging["aging"]["rows"][0]["client_name"],
        "Agence Lumière SARL"
    );
    assert_eq!(json(&["report", "dso"])["current"]["days"], "106.1");
    let forecast = json(&["report", "forecast"]);
    assert_eq!(forecast["horizon"], "2026-12-15");
    assert_eq!(forecast["likely_by_horizon"], "780.00");
    let payers = json(&["report", "payers"]);
    let petitjean = payers
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|p| p["client_name"] == "Boulangerie Petitjean")
        })
        .unwrap_or_else(|| panic!("{payers}"));
    assert_eq!(petitjean["promises_broken"], 1);

    // The table as printed.
    let out = tact(&db, &[&day[..], &["report", "aging"]].concat());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("Balance âgée au 23/11/2026"), "{text}");
    assert!(text.contains("5\u{202f}400,00\u{a0}€"), "{text}");

    // CSV for a French Excel, PDF of one page; the format also from the extension.
    let csv = dir.path().join("balance.csv");
    let saved = json(&[
        "report",
        "aging",
        "--csv",
        "--out",
        &csv.display().to_string(),
    ]);
    assert_eq!(saved["pages"], Value::Null);
    let bytes = std::fs::read(&csv).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with("\u{feff}Client;".as_bytes()));
    assert!(String::from_utf8_lossy(&bytes).contains("Agence Lumière SARL;0,00;2400,00;"));
    let pdf = dir.path().join("prevision.pdf");
    let saved = json(&["report", "forecast", "--out", &pdf.display().to_string()]);
    assert_eq!(saved["pages"], 1);
    assert_eq!(saved["format"], "pdf");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(saved["bytes"], bytes.len().to_string());

    // A report that does not exist, a format with no file: French errors naming the field, nothing written.
    let out = tact(&db, &["--json", "report", "bilan"]);
    assert!(!out.status.success());
    let err: Value = serde_json::from_slice(&out.stderr).unwrap_or_default();
    assert_eq!(err["error"]["field"], "report");
    assert!(
        err["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("«\u{a0}aging\u{a0}»")),
        "{err}"
    );
    let out = tact(&db, &["--json", "report", "dso", "--pdf"]);
    let err: Value = serde_json::from_slice(&out.stderr).unwrap_or_default();
    assert_eq!(err["error"]["field"], "out");
    let out = tact(
        &db,
        &[
            "--json",
            "report",
            "dso",
            "--out",
            &dir.path().join("x.txt").display().to_string(),
        ],
    );
    let err: Value = serde_json::from_slice(&out.stderr).unwrap_or_default();
    assert_eq!(err["error"]["field"], "out");
    assert!(!dir.path().join("x.txt").exists());
}
