//! `tact mail …` against a real SMTP server: aiosmtpd (PyPI, installed by scripts/test into .tools/py) on
//! 127.0.0.1, with STARTTLS or implicit TLS, AUTH, and a certificate from a throwaway authority (openssl). What
//! the server received is read back by Python's own `email` package, independent of Tact's MIME code.
//!
//! The keyring is never the user's: these processes run without a D-Bus session, and the password comes from
//! `TACT_SMTP_PASSWORD`, as a script gives it.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

fn python() -> PathBuf {
    let p = std::env::var_os("TACT_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".tools/py/bin/python"));
    assert!(
        p.exists(),
        "{} is missing: run scripts/test once (it installs aiosmtpd into .tools/py), or set TACT_PYTHON",
        p.display()
    );
    p
}

fn tact_cmd(db: &Path, args: &[&str], password: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tact"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TACT_DB")
        // Never the user's keyring.
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("TACT_SMTP_PASSWORD", password)
        .env("TACT_SMTP_TIMEOUT", "3");
    c
}

fn tact(db: &Path, args: &[&str], password: &str) -> Output {
    tact_cmd(db, args, password)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tact: {e}"))
}

fn ok_json(db: &Path, args: &[&str]) -> Value {
    let out = tact(db, args, "s3cret");
    assert!(
        out.status.success(),
        "tact {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e})"))
}

/// The error's code, from `--json` on stderr.
fn error_code(out: &Output) -> String {
    assert!(!out.status.success(), "expected a failure");
    let v: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "stderr is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    v["error"]["code"].as_str().unwrap_or_default().to_owned()
}

fn error_message(out: &Output) -> String {
    let v: Value = serde_json::from_slice(&out.stderr).unwrap_or_default();
    v["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

struct Server {
    child: Child,
    port: u16,
    out: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn certs(dir: &Path) -> PathBuf {
    let d = dir.join("certs");
    let ok = Command::new(root().join("tests/mail/make_certs.sh"))
        .arg(&d)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(ok, "openssl could not make the test certificates");
    d
}

/// The test server; `extra`: --implicit-tls, --stall-data N, --refuse-rcpt, or no TLS at all (`tls: false`).
fn server(dir: &Path, tls: bool, extra: &[&str]) -> Server {
    let port = free_port();
    let out = dir.join(format!("received-{port}"));
    let mut c = Command::new(python());
    c.arg(root().join("tests/mail/smtp_server.py"))
        .args(["--port", &port.to_string()])
        .arg("--out")
        .arg(&out)
        .args(["--user", "sophie", "--password", "s3cret"])
        .args(extra)
        .stdout(Stdio::piped())
        // Its tracebacks for the sessions the tests break on purpose.
        .stderr(Stdio::null());
    if tls {
        let d = dir.join("certs");
        c.arg("--cert")
            .arg(d.join("server.pem"))
            .arg("--key")
            .arg(d.join("server.key"));
    }
    let mut child = c.spawn().unwrap_or_else(|e| panic!("aiosmtpd: {e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).ok();
    assert_eq!(line.trim(), "ready", "the SMTP server did not start");
    Server { child, port, out }
}

impl Server {
    fn received(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&self.out)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
}

/// A message as Python's `email` package reads it.
fn parsed(eml: &Path) -> Value {
    let script = r#"
import email, email.policy, hashlib, json, sys
raw = open(sys.argv[1], 'rb').read()
m = email.message_from_bytes(raw, policy=email.policy.default)
body = m.get_body(preferencelist=('plain',))
atts = [{"name": p.get_filename(), "type": p.get_content_type(),
         "sha256": hashlib.sha256(p.get_payload(decode=True)).hexdigest()} for p in m.iter_attachments()]
print(json.dumps({"from": str(m["From"]), "to": str(m["To"]), "subject": str(m["Subject"]),
    "message_id": str(m["Message-ID"]), "date": str(m["Date"]), "bcc": m["Bcc"],
    "raw_subject": raw.split(b"\r\nSubject: ")[1].split(b"\r\n")[0].decode() if b"\r\nSubject: " in raw else None,
    "ascii": raw.isascii(), "body": body.get_content() if body else None, "attachments": atts}))
"#;
    let out = Command::new(python())
        .args(["-c", script])
        .arg(eml)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

fn envelope(eml: &Path) -> Value {
    let json = eml.with_extension("json");
    serde_json::from_slice(&std::fs::read(json).unwrap_or_default()).unwrap_or_default()
}

/// The demo books with the mailbox set to the test server (STARTTLS unless `security` says otherwise).
fn books(dir: &Path, port: u16, security: &str) -> PathBuf {
    let db = dir.join("tact.sqlite3");
    assert!(tact(&db, &["demo"], "").status.success());
    mailbox(&db, dir, "127.0.0.1", port, security, true);
    db
}

/// Point the books' mailbox at a server: login « sophie », sender Sophie Marchand; `trusted`: the test
/// authority's certificate is given (« certificat à approuver »).
fn mailbox(db: &Path, dir: &Path, host: &str, port: u16, security: &str, trusted: bool) {
    let ca = dir.join("certs/ca.pem");
    let port = port.to_string();
    let mut args = vec![
        "mail",
        "setup",
        "--host",
        host,
        "--port",
        &port,
        "--security",
        security,
        "--login",
        "sophie",
        "--from",
        "sophie@atelier-marchand.fr",
        "--name",
        "Sophie Marchand — Atelier",
    ];
    if trusted {
        args.extend(["--ca-file", ca.to_str().unwrap_or_default()]);
    }
    let out = tact(db, &args, "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const TODAY: &str = "2026-11-23";
/// Studio Nova: the dispute email, with its friendly reminder alongside.
const NOVA: &str = "4";

fn journal_len(db: &Path, client: &str) -> usize {
    ok_json(db, &["journal", "list", "--client", client, "--json"])
        .as_array()
        .map_or(0, Vec::len)
}

fn send(db: &Path, client: &str, extra: &[&str], password: &str) -> Output {
    let mut args = vec![
        "--json", "--today", TODAY, "mail", "send", "--client", client,
    ];
    args.extend_from_slice(extra);
    tact(db, &args, password)
}

#[test]
fn a_step_sent_through_starttls_and_auth_arrives_as_written_and_the_history_says_sent() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    certs(dir.path());
    let srv = server(dir.path(), true, &[]);
    let db = books(dir.path(), srv.port, "starttls");
    // « Tester la connexion »: connects, encrypts, authenticates.
    assert!(ok_json(&db, &["--json", "mail", "test"])["ok"] == true);
    assert!(srv.received().is_empty());

    let draft = ok_json(
        &db,
        &["--json", "--today", TODAY, "draft", "--client", NOVA],
    );
    let before = journal_len(&db, NOVA);
    let out = send(&db, NOVA, &[], "s3cret");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sent: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(sent["message"]["state"], "sent");

    let received = srv.received();
    assert_eq!(received.len(), 1);
    let m = parsed(&received[0]);
    // Headers: the sender's name (non-ASCII, encoded), the client's contact by name, the subject as drafted
    // (RFC 2047 on the wire), the Message-ID the history keeps, a Date; no Bcc header.
    assert_eq!(
        m["from"],
        "Sophie Marchand — Atelier <sophie@atelier-marchand.fr>"
    );
    assert_eq!(m["to"], "Inès Morel <ines.morel@studionova.fr>");
    assert_eq!(m["subject"], draft["subject"]);
    assert!(
        m["raw_subject"]
            .as_str()
            .is_some_and(|s| s.contains("=?utf-8?")),
        "{m}"
    );
    assert!(m["ascii"] == true, "8-bit bytes on the wire");
    assert_eq!(m["message_id"], sent["message"]["message_id"]);
    assert!(
        m["date"].as_str().is_some_and(|d| d.contains("Nov 2026")),
        "{m}"
    );
    assert!(m["bcc"].is_null());
    // The body is the draft, byte for byte (line ends aside).
    let body = m["body"].as_str().unwrap_or_default().replace("\r\n", "\n");
    assert_eq!(
        body.trim_end(),
        draft["body"].as_str().unwrap_or_default().trim_end()
    );
    // The copy to herself went by the envelope (Bcc).
    let env = envelope(&received[0]);
    assert_eq!(env["mail_from"], "sophie@atelier-marchand.fr");
    assert_eq!(
        env["rcpt_tos"],
        serde_json::json!(["ines.morel@studionova.fr", "sophie@atelier-marchand.fr"])
    );

    // The history: the dispute step and the reminder alongside, each with the message behind it.
    let journal = ok_json(&db, &["journal", "list", "--client", NOVA, "--json"]);
    let journal = journal.as_array().cloned().unwrap_or_default();
    assert_eq!(journal.len(), before + 2);
    let last = &journal[journal.len() - 1];
    assert_eq!(last["sent"]["message_id"], sent["message"]["message_id"]);
    assert_eq!(last["sent"]["state"], "sent");
    assert!(last["text"]
        .as_str()
        .is_some_and(|t| t.contains(draft["subject"].as_str().unwrap_or("?"))));

    // « Envoyer » again: the step is done; nothing leaves a second time.
    let again = send(&db, NOVA, &[], "s3cret");
    assert!(!again.status.success());
    assert_eq!(srv.received().len(), 1);
    assert_eq!(journal_len(&db, NOVA), before + 2);
}

#[test]
fn implicit_tls_on_its_own_port_works_too() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    certs(dir.path());
    let srv = server(dir.path(), true, &["--implicit-tls"]);
    let db = books(dir.path(), srv.port, "tls");
    let out = send(&db, "2", &["--yes"], "s3cret");
    // Petitjean's step today is the mise en demeure: it goes by registered post, never as an email.
    assert_eq!(error_code(&out), "nothing_to_draft");
    assert!(error_message(&out).contains("recommandée"));
    let out = send(&db, NOVA, &[], "s3cret");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(srv.received().len(), 1);
}

#[test]
fn the_courtesy_copy_of_a_mise_en_demeure_carries_the_archived_pdf_itself() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    certs(dir.path());
    let srv = server(dir.path(), true, &[]);
    let db = books(dir.path(), srv.port, "starttls");
    let pdf = dir.path().join("mdm.pdf");
    let letter = ok_json(
        &db,
        &[
            "--json",
            "--today",
            TODAY,
            "letter",
            "mise-en-demeure",
            "--client",
            "2",
            "--out",
            pdf.to_str().unwrap_or_default(),
            "--final",
        ],
    );
    let id = letter["archived"]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("{letter}"));
    let sha = letter["archived"]["sha256"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let total = letter["archived"]["total"]
        .as_str()
        .unwrap_or_default()
        .replace('.', ",");
    let before = journal_len(&db, "2");
    let out = tact(
        &db,
        &[
            "--json",
            "--today",
            TODAY,
            "mail",
            "send",
            "--letter",
            &id.to_string(),
        ],
        "s3cret",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let received = srv.received();
    assert_eq!(received.len(), 1);
    let m = parsed(&received[0]);
    assert_eq!(
        m["to"],
        "Didier Petitjean <boulangerie.petitjean@exemple.fr>"
    );
    let atts = m["attachments"].as_array().cloned().unwrap_or_default();
    assert_eq!(atts.len(), 1, "{m}");
    assert_eq!(atts[0]["type"], "application/pdf");
    assert_eq!(
        atts[0]["sha256"],
        sha.as_str(),
        "the attachment is not the archived PDF"
    );
    let body = m["body"].as_str().unwrap_or_default();
    assert!(
        body.contains("lettre recommandée avec accusé de réception"),
        "{body}"
    );
    // The amount the email announces is the amount the letter claims (penalties included).
    assert!(
        total.len() > 3 && body.contains(&total),
        "{total} not in {body}"
    );
    assert_eq!(journal_len(&db, "2"), before + 1);
    // Twice: « déjà envoyé ».
    let again = tact(
        &db,
        &[
            "--json",
            "--today",
            TODAY,
            "mail",
            "send",
            "--letter",
            &id.to_string(),
        ],
        "s3cret",
    );
    assert_eq!(error_code(&again), "already_sent");
    let msg = error_message(&again).replace(['\u{a0}', '\u{202f}'], " ");
    assert!(
        msg.starts_with("Déjà envoyé le") && msg.contains("23 novembre 2026"),
        "{msg}"
    );
    assert_eq!(srv.received().len(), 1);
}

#[test]
fn each_failure_says_why_in_french_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    certs(dir.path());
    let srv = server(dir.path(), true, &[]);
    let db = books(dir.path(), srv.port, "starttls");
    let before = journal_len(&db, NOVA);

    // Wrong password.
    let out = send(&db, NOVA, &[], "wrong");
    assert_eq!(error_code(&out), "smtp_auth");
    assert!(error_message(&out).contains("mot de passe"));
    // No password at all (no keyring here, no variable).
    let out = send(&db, NOVA, &[], "");
    assert_eq!(error_code(&out), "password_missing");

    // TLS refused: the server's certificate is not trusted (no authority given).
    let untrusted = dir.path().join("untrusted.sqlite3");
    std::fs::copy(&db, &untrusted).ok();
    mailbox(
        &untrusted,
        dir.path(),
        "127.0.0.1",
        srv.port,
        "starttls",
        false,
    );
    let out = send(&untrusted, NOVA, &[], "s3cret");
    assert_eq!(error_code(&out), "smtp_tls");
    assert!(error_message(&out).contains("certificat"));

    // A server that offers no STARTTLS: the password is never sent in clear.
    let plain = server(dir.path(), false, &[]);
    let no_tls = dir.path().join("plain.sqlite3");
    std::fs::copy(&db, &no_tls).ok();
    mailbox(
        &no_tls,
        dir.path(),
        "127.0.0.1",
        plain.port,
        "starttls",
        false,
    );
    let out = send(&no_tls, NOVA, &[], "s3cret");
    assert_eq!(error_code(&out), "smtp_tls");
    assert!(error_message(&out).contains("STARTTLS"));

    // The recipient refused by the server (550): surely not sent, a retry is allowed.
    let refusing = server(dir.path(), true, &["--refuse-rcpt"]);
    let refused_db = dir.path().join("refused.sqlite3");
    std::fs::copy(&db, &refused_db).ok();
    mailbox(
        &refused_db,
        dir.path(),
        "127.0.0.1",
        refusing.port,
        "starttls",
        true,
    );
    let out = send(&refused_db, NOVA, &[], "s3cret");
    assert_eq!(error_code(&out), "smtp_rejected");

    // Server down.
    drop(srv);
    let out = send(&db, NOVA, &[], "s3cret");
    assert_eq!(error_code(&out), "smtp_refused");
    assert!(error_message(&out).contains("refuse la connexion"));

    // Unknown server (nothing is looked up outside: « .invalid » never resolves).
    let unknown = dir.path().join("unknown.sqlite3");
    std::fs::copy(&db, &unknown).ok();
    mailbox(&unknown, dir.path(), "smtp.tact.invalid", 465, "tls", false);
    assert_eq!(
        error_code(&send(&unknown, NOVA, &[], "s3cret")),
        "smtp_unknown_host"
    );

    for db in [&db, &untrusted, &no_tls, &refused_db, &unknown] {
        assert_eq!(journal_len(db, NOVA), before, "a failed send wrote history");
    }
    // After a refusal (surely not sent), the retry is allowed and goes.
    let srv = server(dir.path(), true, &[]);
    mailbox(
        &refused_db,
        dir.path(),
        "127.0.0.1",
        srv.port,
        "starttls",
        true,
    );
    let out = send(&refused_db, NOVA, &[], "s3cret");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(srv.received().len(), 1);
    assert_eq!(journal_len(&refused_db, NOVA), before + 2);
}

#[test]
fn a_timeout_mid_data_writes_no_history_and_a_retry_asks_before_resending_with_the_same_message_id()
{
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    certs(dir.path());
    let slow = server(dir.path(), true, &["--stall-data", "30"]);
    let db = books(dir.path(), slow.port, "starttls");
    let before = journal_len(&db, NOVA);
    let started = Instant::now();
    let out = send(&db, NOVA, &[], "s3cret");
    assert_eq!(error_code(&out), "send_uncertain");
    assert!(
        error_message(&out).contains("ne répond plus"),
        "{}",
        error_message(&out)
    );
    assert!(started.elapsed() < Duration::from_secs(25));
    assert_eq!(journal_len(&db, NOVA), before);

    // « Envoyer » again: the server may have it; Tact asks first.
    let out = send(&db, NOVA, &[], "s3cret");
    assert_eq!(error_code(&out), "send_uncertain");
    assert!(error_message(&out).contains("Vérifiez vos messages envoyés"));

    // The user checked: not there. « Renvoyer », same Message-ID, to a server that answers.
    drop(slow);
    let srv = server(dir.path(), true, &[]);
    mailbox(&db, dir.path(), "127.0.0.1", srv.port, "starttls", true);
    let out = send(&db, NOVA, &["--resend"], "s3cret");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sent: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let received = srv.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        parsed(&received[0])["message_id"],
        sent["message"]["message_id"]
    );
    assert_eq!(journal_len(&db, NOVA), before + 2);
}

#[test]
fn a_process_killed_during_the_send_leaves_at_most_one_message_and_a_matching_history() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    certs(dir.path());
    let slow = server(dir.path(), true, &["--stall-data", "30"]);
    let db = books(dir.path(), slow.port, "starttls");
    let before = journal_len(&db, NOVA);
    let mut child = tact_cmd(
        &db,
        &["--json", "--today", TODAY, "mail", "send", "--client", NOVA],
        "s3cret",
    )
    .env("TACT_SMTP_TIMEOUT", "60")
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap_or_else(|e| panic!("{e}"));
    // Killed while the server holds the message's answer back.
    std::thread::sleep(Duration::from_millis(2_500));
    child.kill().ok();
    child.wait().ok();
    assert!(slow.received().is_empty());
    assert_eq!(
        journal_len(&db, NOVA),
        before,
        "history written without the server's answer"
    );
    // The books are whole, and the interrupted send is known: a plain retry asks first.
    assert!(tact(&db, &["policy", "reset"], "").status.success());
    assert_eq!(
        error_code(&send(&db, NOVA, &[], "s3cret")),
        "send_uncertain"
    );
    drop(slow);
    let srv = server(dir.path(), true, &[]);
    mailbox(&db, dir.path(), "127.0.0.1", srv.port, "starttls", true);
    assert!(send(&db, NOVA, &["--resend"], "s3cret").status.success());
    // Then a second resend finds it sent: one message in all.
    assert!(!send(&db, NOVA, &["--resend"], "s3cret").status.success());
    assert_eq!(srv.received().len(), 1);
    assert_eq!(journal_len(&db, NOVA), before + 2);
}

#[test]
fn a_weekend_send_asks_for_confirmation_and_the_settings_refuse_clear_text_to_a_remote_server() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    certs(dir.path());
    let srv = server(dir.path(), true, &[]);
    let db = books(dir.path(), srv.port, "starttls");
    // Saturday 28 November 2026: Nova's step (due on the 23rd) is still due; a Saturday asks first.
    let sat = |extra: &[&str]| {
        let mut args = vec![
            "--json",
            "--today",
            "2026-11-28",
            "mail",
            "send",
            "--client",
            NOVA,
        ];
        args.extend_from_slice(extra);
        tact(&db, &args, "s3cret")
    };
    let out = sat(&[]);
    assert_eq!(error_code(&out), "not_a_working_day");
    assert!(error_message(&out).contains("samedi"));
    assert!(srv.received().is_empty());
    assert!(sat(&["--yes"]).status.success());
    assert_eq!(srv.received().len(), 1);

    let out = tact(
        &db,
        &[
            "--json",
            "mail",
            "setup",
            "--host",
            "smtp.orange.fr",
            "--port",
            "25",
            "--security",
            "none",
            "--from",
            "sophie@atelier-marchand.fr",
        ],
        "",
    );
    assert_eq!(error_code(&out), "invalid_setting");
    assert!(error_message(&out).contains("localhost"));
}
