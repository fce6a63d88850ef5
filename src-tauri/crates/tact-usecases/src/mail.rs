//! Draft → send → journal: the message leaves through the user's own mailbox, and the history says so only once
//! the server has accepted it. Also « Enregistrer en .eml », built by the same code.
//!
//! A send, in order:
//! 1. under the lock: the message to send ([`tact_core::ledger::mail::Outgoing`]), the send-time rules
//!    (working day, minimum gap), and the send recorded as begun with its Message-ID — refused if the same step
//!    was sent already, or if an earlier send was not confirmed and the user did not ask to resend;
//! 2. lock free: the attachments read or rendered, the message built ([`lettre`]), the server contacted
//!    (implicit TLS or STARTTLS through rustls, AUTH) and the message handed over;
//! 3. under the lock, one transaction: the history entries and the message's state `sent`. A failure writes no
//!    entry: `failed` when the server surely did not take the message, `uncertain` when the connection broke
//!    after it was handed over (the user checks her sent messages before resending).

use crate::books::Books;
use crate::jobs::Progress;
use crate::secrets::Secrets;
use chrono::{DateTime, FixedOffset, NaiveDate};
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Body, Mailbox, Message, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::Duration;
use tact_core::drafts::EmailText;
use tact_core::ledger::mail::{AttachmentSource, Outgoing, OutgoingMessage};
use tact_core::letters::{LetterKind, LetterOptions};
use tact_core::mail::{MailSettings, Security, SentMessage, SentState};
use tact_core::model::JournalEntry;
use tact_core::{Error, ErrorCode, Result};

/// How long Tact waits for the server at each step of the conversation, by default.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The variable that shortens the wait (tests of a server that stops answering): seconds.
pub const TIMEOUT_VARIABLE: &str = "TACT_SMTP_TIMEOUT";

/// The wait for the server: `TACT_SMTP_TIMEOUT` seconds when set, else [`TIMEOUT`].
pub fn timeout() -> Duration {
    std::env::var(TIMEOUT_VARIABLE)
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map_or(TIMEOUT, Duration::from_secs)
}

/// The message as the user edited it, and what she confirmed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SendRequest {
    pub email: EmailText,
    /// Copy to (comma-separated addresses).
    #[serde(default)]
    pub cc: Option<String>,
    /// « Envoyer quand même » on a weekend or a public holiday.
    #[serde(default)]
    pub confirm_day_off: bool,
    /// « Renvoyer » after a send the server did not confirm.
    #[serde(default)]
    pub resend: bool,
    /// The key of the message the user was shown ([`OutgoingMessage::key`]): a second « Envoyer » after the
    /// first went finds it sent, rather than sending the step that came next.
    #[serde(default)]
    pub key: Option<String>,
}

/// What a send did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SendOutcome {
    pub message: SentMessage,
    pub entries: Vec<JournalEntry>,
}

/// A file joined to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileToAttach {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// « Réglages → Messagerie » as the screen shows it: the settings (no password), whether a password is kept,
/// why there is no keyring, and the providers to pick from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailSetup {
    pub settings: Option<MailSettings>,
    pub has_password: bool,
    pub keyring_problem: Option<String>,
    pub providers: Vec<tact_core::mail::Provider>,
}

/// The screen's state.
pub fn setup(books: &Books, secrets: &Secrets) -> Result<MailSetup> {
    let settings = books.read(|l| l.mail_settings())?;
    let has_password = match &settings {
        Some(s) => secrets
            .get(&crate::secrets::account(s))
            .ok()
            .flatten()
            .is_some(),
        None => false,
    };
    Ok(MailSetup {
        settings,
        has_password,
        keyring_problem: secrets.problem().map(str::to_owned),
        providers: tact_core::mail::providers(),
    })
}

/// Save the settings, and the password when one is typed (in the keyring, or for this session).
pub fn save_setup(
    books: &Books,
    secrets: &Secrets,
    settings: MailSettings,
    password: Option<&str>,
) -> Result<MailSetup> {
    let saved = books.write(|l| l.set_mail_settings(settings))?;
    if let Some(pw) = password.filter(|p| !p.is_empty()) {
        secrets.set(&crate::secrets::account(&saved), pw)?;
    }
    setup(books, secrets)
}

/// The password to log in with: the one kept for this mailbox; `None` for a local server without login.
pub fn password_for(settings: &MailSettings, secrets: &Secrets) -> Result<Option<String>> {
    if let Some(p) = secrets.get(&crate::secrets::account(settings))? {
        return Ok(Some(p));
    }
    if settings.security == Security::None && settings.login.is_none() {
        return Ok(None);
    }
    Err(Error::field(
        ErrorCode::PasswordMissing,
        "password",
        "Mot de passe de la messagerie\u{a0}: saisissez-le dans Réglages → Messagerie (il est gardé dans le trousseau du système).",
    ))
}

/// The mailbox settings, required to send.
pub fn settings(books: &Books) -> Result<MailSettings> {
    books.read(|l| l.mail_settings())?.ok_or_else(|| {
        Error::new(
            ErrorCode::MailNotSet,
            "Renseignez d'abord votre messagerie (Réglages → Messagerie)\u{a0}: serveur, identifiant et adresse d'envoi.",
        )
    })
}

/// What will leave for `target`, to show before « Envoyer »: the draft, its attachments, the day's rule, an
/// earlier send of the same step.
pub fn prepare(books: &Books, target: &Outgoing, today: NaiveDate) -> Result<OutgoingMessage> {
    books.read(|l| l.outgoing(target, today))
}

/// The attachments' bytes: the imported invoice PDFs, the calendar agreement rendered (outside the lock).
pub fn attachments(
    books: &Books,
    out: &OutgoingMessage,
    today: NaiveDate,
) -> Result<Vec<FileToAttach>> {
    let mut files = Vec::new();
    for a in &out.attachments {
        let bytes = match &a.source {
            AttachmentSource::Invoice { sha256 } => {
                books.read(|l| l.source_content(sha256))?.ok_or_else(|| {
                    Error::new(
                        ErrorCode::Io,
                        format!("Le PDF {} n'est plus dans les sources.", a.name),
                    )
                })?
            }
            AttachmentSource::Letter { letter_id } => {
                let (path, _) = crate::letters::archived(books, *letter_id)?;
                let bytes = std::fs::read(&path).map_err(|e| {
                    Error::new(
                        ErrorCode::Io,
                        format!("La copie archivée {} est illisible ({e}).", path.display()),
                    )
                })?;
                let expected = books.read(|l| l.letter_record(*letter_id))?.sha256;
                if tact_core::ledger::sha256_hex(&bytes) != expected {
                    return Err(Error::new(
                        ErrorCode::DatabaseDamaged,
                        format!("La copie archivée {} ne correspond plus à son empreinte\u{a0}: Tact ne l'envoie pas.", path.display()),
                    ));
                }
                bytes
            }
            AttachmentSource::PlanAgreement { plan_id } => {
                let opts = LetterOptions {
                    plan_id: Some(*plan_id),
                    ..LetterOptions::default()
                };
                let letter = books
                    .read(|l| l.letter(out.client_id, LetterKind::PlanAgreement, &opts, today))?;
                tact_letters::render(&letter)?
            }
        };
        files.push(FileToAttach {
            name: a.name.clone(),
            content_type: "application/pdf",
            bytes,
        });
    }
    Ok(files)
}

fn mailbox(field: &str, name: Option<&str>, address: &str) -> Result<Mailbox> {
    let address = tact_core::text::parse_email(field, address)?;
    let parsed = address.parse().map_err(|_| {
        Error::field(
            ErrorCode::InvalidEmail,
            field,
            format!("E-mail\u{a0}: « {address} » n'est pas une adresse valide."),
        )
    })?;
    Ok(Mailbox::new(name.map(str::to_owned), parsed))
}

/// Addresses typed with commas or semicolons.
fn addresses(field: &str, list: Option<&str>) -> Result<Vec<Mailbox>> {
    list.unwrap_or_default()
        .split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|a| mailbox(field, None, a))
        .collect()
}

/// The body as sent: the text as edited, then the signature (after the usual « -- » line) unless the text
/// already ends with it.
pub fn body_with_signature(body: &str, settings: &MailSettings) -> String {
    let body = body.trim_end();
    match settings.signature.as_deref() {
        Some(sig) if !body.ends_with(sig.trim_end()) => format!("{body}\n\n-- \n{sig}\n"),
        _ => format!("{body}\n"),
    }
}

/// The parts of a message that the send and the `.eml` share.
pub struct Envelope<'a> {
    pub from: Mailbox,
    pub reply_to: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub bcc: Vec<Mailbox>,
    pub subject: &'a str,
    pub body: &'a str,
    pub message_id: Option<String>,
    pub date: DateTime<FixedOffset>,
    pub attachments: &'a [FileToAttach],
    /// `X-Unsent: 1`: a mail program opens the file as a message to send (the `.eml`).
    pub unsent: bool,
}

/// The RFC 5322 message: UTF-8 subject and names as RFC 2047 encoded-words, a quoted-printable plain-text body,
/// the attachments in base64, a Message-ID and a Date. The Bcc stays off the headers.
pub fn build(e: &Envelope<'_>) -> Result<Message> {
    let mut b = Message::builder()
        .from(e.from.clone())
        .subject(e.subject)
        .date(std::time::SystemTime::from(e.date))
        .message_id(e.message_id.clone());
    if let Some(r) = &e.reply_to {
        b = b.reply_to(r.clone());
    }
    for m in &e.to {
        b = b.to(m.clone());
    }
    for m in &e.cc {
        b = b.cc(m.clone());
    }
    for m in &e.bcc {
        b = b.bcc(m.clone());
    }
    if e.unsent {
        b = b.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("X-Unsent"),
            "1".to_owned(),
        ));
    }
    let crlf = e.body.replace("\r\n", "\n").replace('\n', "\r\n");
    let body = Body::new_with_encoding(crlf, ContentTransferEncoding::QuotedPrintable)
        .map_err(|_| Error::new(ErrorCode::Io, "Le texte du message n'a pas pu être encodé."))?;
    let text = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(body);
    let built = if e.attachments.is_empty() {
        b.singlepart(text)
    } else {
        let mut parts = MultiPart::mixed().singlepart(text);
        for a in e.attachments {
            let ct = ContentType::parse(a.content_type)
                .map_err(|_| Error::new(ErrorCode::Io, "Type de pièce jointe inconnu."))?;
            parts = parts.singlepart(Attachment::new(a.name.clone()).body(a.bytes.clone(), ct));
        }
        b.multipart(parts)
    };
    built.map_err(|e| {
        Error::new(
            ErrorCode::NoRecipient,
            format!("Le message n'a pas pu être composé ({e})\u{a0}: vérifiez l'expéditeur et le destinataire."),
        )
    })
}

/// Write the email as an `.eml` file, from the mailbox's address (else the business's).
pub fn save_eml(
    books: &Books,
    email: &EmailText,
    path: &Path,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let (mail, business) = books.read(|l| Ok((l.mail_settings()?, l.business()?)))?;
    let from = match (
        &mail,
        business.as_ref().and_then(|b| b.contact.email.clone()),
    ) {
        (Some(m), _) => mailbox("from_address", m.from_name.as_deref(), &m.from_address)?,
        (None, Some(a)) => mailbox(
            "email",
            business.as_ref().map(|b| b.legal_name.as_str()),
            &a,
        )?,
        (None, None) => Mailbox::new(
            None,
            "expediteur@example.invalid"
                .parse()
                .map_err(|_| Error::new(ErrorCode::Io, "adresse"))?,
        ),
    };
    let body = match &mail {
        Some(m) => body_with_signature(&email.body, m),
        None => email.body.clone(),
    };
    let message = build(&Envelope {
        from,
        reply_to: None,
        to: addresses("to", email.to.as_deref())?,
        cc: Vec::new(),
        bcc: Vec::new(),
        subject: &email.subject,
        body: &body,
        message_id: None,
        date: now,
        attachments: &[],
        unsent: true,
    })?;
    std::fs::write(path, message.formatted()).map_err(|e| crate::letters::save_error(path, &e))
}

/// An SMTP error in French, with its stable code.
fn smtp_error(e: &lettre::transport::smtp::Error, settings: &MailSettings, stage: Stage) -> Error {
    let server = format!("{}:{}", settings.host, settings.port);
    let text = e.to_string();
    let lower = text.to_lowercase();
    let io_kind = {
        let mut source = std::error::Error::source(e);
        let mut kind = None;
        while let Some(s) = source {
            if let Some(io) = s.downcast_ref::<std::io::Error>() {
                kind = Some(io.kind());
            }
            source = s.source();
        }
        kind
    };
    let timed_out = e.is_timeout()
        || matches!(
            io_kind,
            Some(std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)
        );
    let (code, message) = if stage == Stage::Auth && lower.contains("mechanism") {
        (
            ErrorCode::SmtpAuth,
            format!("Le serveur {server} ne propose aucune méthode d'identification que Tact connaisse (PLAIN, LOGIN)\u{a0}: vérifiez la sécurité choisie."),
        )
    } else if timed_out {
        (
            ErrorCode::SmtpTimeout,
            format!(
                "Le serveur {server} ne répond plus (délai de {}\u{a0}s dépassé).",
                timeout().as_secs()
            ),
        )
    } else if stage == Stage::Auth
        && (e.is_permanent()
            || e.is_transient()
            || lower.contains("authentication")
            || lower.contains("mechanism"))
    {
        (
            ErrorCode::SmtpAuth,
            format!(
                "Le serveur {server} a refusé l'identifiant ou le mot de passe ({})\u{a0}: vérifiez-les (pour Gmail, Outlook ou iCloud, un mot de passe d'application).",
                text.trim()
            ),
        )
    } else if e.is_tls()
        || lower.contains("certificate")
        || lower.contains("tls")
        || lower.contains("handshake")
    {
        (
            ErrorCode::SmtpTls,
            format!(
                "La connexion chiffrée avec {server} a échoué ({})\u{a0}: vérifiez la sécurité choisie (SSL/TLS sur 465, STARTTLS sur 587) ou le certificat du serveur.",
                text.trim()
            ),
        )
    } else if lower.contains("failed to lookup")
        || lower.contains("name or service not known")
        || lower.contains("no such host")
        || lower.contains("failed to resolve")
        || lower.contains("could not resolve")
    {
        (
            ErrorCode::SmtpUnknownHost,
            format!("Serveur inconnu\u{a0}: « {} » ne correspond à aucun serveur (vérifiez son nom et la connexion Internet).", settings.host),
        )
    } else if lower.contains("refused") || lower.contains("unreachable") || lower.contains("reset")
    {
        (
            ErrorCode::SmtpRefused,
            format!("Le serveur {server} refuse la connexion\u{a0}: vérifiez le port et qu'il accepte l'envoi (submission)."),
        )
    } else if e.is_permanent() || e.is_transient() {
        (
            ErrorCode::SmtpRejected,
            format!(
                "Le serveur {server} a refusé le message\u{a0}: {}",
                text.trim()
            ),
        )
    } else {
        (
            ErrorCode::Smtp,
            format!(
                "L'échange avec le serveur {server} a échoué\u{a0}: {}",
                text.trim()
            ),
        )
    };
    Error::new(code, message)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Connect,
    Auth,
    Send,
}

/// An open, authenticated conversation with the user's server.
fn connect(settings: &MailSettings, password: Option<&str>) -> Result<SmtpConnection> {
    let tls = || -> Result<TlsParameters> {
        let mut b = TlsParameters::builder(settings.host.clone());
        if let Some(pem) = &settings.trusted_certificate {
            let cert = Certificate::from_pem(pem.as_bytes()).map_err(|e| {
                Error::field(
                    ErrorCode::InvalidSetting,
                    "trusted_certificate",
                    format!("Certificat à approuver illisible ({e})."),
                )
            })?;
            b = b.add_root_certificate(cert);
        }
        b.build_rustls()
            .map_err(|e| smtp_error(&e, settings, Stage::Connect))
    };
    let hello = ClientId::default();
    let address = (settings.host.as_str(), settings.port);
    let addrs: Vec<std::net::SocketAddr> = std::net::ToSocketAddrs::to_socket_addrs(&address)
        .map_err(|_| {
            Error::new(
                ErrorCode::SmtpUnknownHost,
                format!(
                    "Serveur inconnu\u{a0}: « {} » ne correspond à aucun serveur (vérifiez son nom et la connexion Internet).",
                    settings.host
                ),
            )
        })?
        .collect();
    let mut conn = match settings.security {
        Security::Tls => {
            SmtpConnection::connect(&addrs[..], Some(timeout()), &hello, Some(&tls()?), None)
        }
        Security::StartTls | Security::None => {
            SmtpConnection::connect(&addrs[..], Some(timeout()), &hello, None, None)
        }
    }
    .map_err(|e| smtp_error(&e, settings, Stage::Connect))?;
    if settings.security == Security::StartTls {
        if !conn.can_starttls() {
            return Err(Error::new(
                ErrorCode::SmtpTls,
                format!(
                    "Le serveur {}:{} ne propose pas STARTTLS\u{a0}: Tact n'envoie pas votre mot de passe en clair. Essayez SSL/TLS sur le port 465.",
                    settings.host, settings.port
                ),
            ));
        }
        conn.starttls(&tls()?, &hello)
            .map_err(|e| smtp_error(&e, settings, Stage::Connect))?;
    }
    if let Some(pw) = password {
        let creds = Credentials::new(settings.login_or_address().to_owned(), pw.to_owned());
        conn.auth(&[Mechanism::Plain, Mechanism::Login], &creds)
            .map_err(|e| smtp_error(&e, settings, Stage::Auth))?;
    }
    Ok(conn)
}

/// « Tester la connexion »: connect, encrypt, authenticate, and leave.
pub fn test_connection(settings: &MailSettings, password: Option<&str>) -> Result<()> {
    let mut conn = connect(settings, password)?;
    conn.quit().ok();
    Ok(())
}

/// Send `request` for `target`: see the module's steps. `password` is the mailbox's (from the keyring), `None`
/// for a local server without login. `now` is the local time (the Date header, the history).
pub fn send(
    books: &Books,
    target: &Outgoing,
    request: &SendRequest,
    password: Option<&str>,
    now: DateTime<FixedOffset>,
    progress: &Progress,
) -> Result<SendOutcome> {
    let today = now.date_naive();
    let settings = settings(books)?;
    progress.advance(0, 4);
    let out = prepare(books, target, today)?;
    if let Some(shown) = request.key.as_deref().filter(|k| *k != out.key) {
        return Err(match books.read(|l| l.sent_message(shown))? {
            Some(m) if m.state == SentState::Sent => m.already_sent(),
            _ => Error::new(
                ErrorCode::AlreadySent,
                "L'étape de ce client a changé depuis l'ouverture du brouillon (un autre envoi ou une note)\u{a0}: \
                 rouvrez-le avant d'envoyer.",
            ),
        });
    }
    out.timing.check(request.confirm_day_off)?;
    let to_address = request
        .email
        .to
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            Error::field(
                ErrorCode::NoRecipient,
                "to",
                "Destinataire\u{a0}: ce client n'a pas d'adresse e-mail\u{a0}; ajoutez-la sur sa fiche.",
            )
        })?;
    let to: Vec<Mailbox> = {
        let list = addresses("to", Some(to_address))?;
        // The client's name beside its own address.
        list.into_iter()
            .map(|m| {
                if out.draft.to.as_deref() == Some(m.email.as_ref()) {
                    Mailbox::new(Some(out.to_name.clone()), m.email)
                } else {
                    m
                }
            })
            .collect()
    };
    let cc = addresses("cc", request.cc.as_deref())?;
    let from = mailbox(
        "from_address",
        settings.from_name.as_deref(),
        &settings.from_address,
    )?;
    let bcc = if settings.copy_to_self {
        vec![from.clone()]
    } else {
        Vec::new()
    };
    let reply_to = settings
        .reply_to
        .as_deref()
        .map(|r| mailbox("reply_to", settings.from_name.as_deref(), r))
        .transpose()?;
    let subject = request.email.subject.trim();
    if subject.is_empty() {
        return Err(Error::field(
            ErrorCode::Required,
            "subject",
            "Objet\u{a0}: ce champ est obligatoire.",
        ));
    }
    let body = body_with_signature(&request.email.body, &settings);
    let files = attachments(books, &out, today)?;
    progress.check()?;
    progress.advance(1, 4);
    // To and Cc: what the history says (the Bcc to herself is hers).
    let recipients: Vec<String> = to.iter().chain(&cc).map(|m| m.email.to_string()).collect();
    let begun = books.write(|l| {
        l.begin_send(
            &out,
            &settings.from_address,
            &recipients.join(", "),
            subject,
            now.naive_local(),
            request.resend,
        )
    })?;
    let message = build(&Envelope {
        from,
        reply_to,
        to,
        cc,
        bcc,
        subject,
        body: &body,
        message_id: Some(begun.message_id.clone()),
        date: now,
        attachments: &files,
        unsent: false,
    });
    let message = match message {
        Ok(m) => m,
        Err(e) => {
            books.write(|l| l.fail_send(&out.key, SentState::Failed, &e.message))?;
            return Err(e);
        }
    };
    // The network, lock free. `Err((error, uncertain))`: refused by the server (4xx, 5xx) means it did not take
    // the message; a broken connection or a timeout once it was handed over means it may have.
    let handed = (|| -> std::result::Result<(), (Error, bool)> {
        let mut conn = connect(&settings, password).map_err(|e| (e, false))?;
        progress.advance(2, 4);
        conn.send(message.envelope(), &message.formatted())
            .map_err(|e| {
                (
                    smtp_error(&e, &settings, Stage::Send),
                    !(e.is_permanent() || e.is_transient()),
                )
            })?;
        conn.quit().ok();
        Ok(())
    })();
    if let Err((mut e, uncertain)) = handed {
        let state = if uncertain {
            e.code = ErrorCode::SendUncertain;
            e.message.push_str(
                " Le message est peut-être parti\u{a0}: vérifiez vos messages envoyés avant de le renvoyer.",
            );
            SentState::Uncertain
        } else {
            SentState::Failed
        };
        books.write(|l| l.fail_send(&out.key, state, &e.message))?;
        return Err(e);
    }
    progress.advance(3, 4);
    let entries =
        books.write(|l| l.finish_send(&out.key, out.entries_for(subject), now.naive_local()))?;
    let message = books.read(|l| l.sent_message(&out.key))?.unwrap_or(begun);
    progress.advance(4, 4);
    Ok(SendOutcome { message, entries })
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
