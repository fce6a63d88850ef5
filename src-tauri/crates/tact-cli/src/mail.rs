//! `tact mail setup …`, `tact mail test`, `tact mail send --client N | --letter N [--yes] [--cc …] [--resend]`.

use super::*;
use crate::cli::MailCmd;
use tact_core::ledger::mail::Outgoing;
use tact_core::mail::{MailSettings, Security};
use tact_usecases::jobs::Progress;
use tact_usecases::mail::SendRequest;
use tact_usecases::secrets::{self, Secrets};

/// The variable a script gives the password in (read at send and test time, never stored).
pub const PASSWORD_VARIABLE: &str = "TACT_SMTP_PASSWORD";

/// The password: `TACT_SMTP_PASSWORD`, else the keyring; none for a local server without login.
fn password(settings: &MailSettings, keyring: &Secrets) -> Result<Option<String>> {
    if let Ok(p) = std::env::var(PASSWORD_VARIABLE) {
        if !p.is_empty() {
            return Ok(Some(p));
        }
    }
    tact_usecases::mail::password_for(settings, keyring).map_err(|_| {
        Error::new(
            ErrorCode::PasswordMissing,
            format!(
                "Mot de passe de la messagerie inconnu\u{a0}: donnez-le une fois avec «\u{a0}tact mail setup … --password-stdin\u{a0}» \
                 (il va dans le trousseau du système), ou dans la variable {PASSWORD_VARIABLE} pour un script."
            ),
        )
    })
}

pub(super) fn command(books: &Books, out: &Out, cmd: MailCmd, today: NaiveDate) -> Result<()> {
    match cmd {
        MailCmd::Setup {
            host,
            port,
            security,
            login,
            from,
            name,
            reply_to,
            signature,
            no_copy,
            ca_file,
            password_stdin,
        } => {
            let security = Security::from_code(security.trim()).ok_or_else(|| {
                Error::field(
                    ErrorCode::InvalidChoice,
                    "security",
                    format!("Sécurité\u{a0}: {} attendu.", Security::codes_fr()),
                )
            })?;
            let trusted_certificate = match ca_file {
                Some(p) => Some(std::fs::read_to_string(&p).map_err(|e| {
                    Error::field(
                        ErrorCode::UnreadableFile,
                        "trusted_certificate",
                        format!("Certificat\u{a0}: {} illisible ({e}).", p.display()),
                    )
                })?),
                None => None,
            };
            let settings = books.write(|l| {
                l.set_mail_settings(MailSettings {
                    host,
                    port,
                    security,
                    login,
                    from_address: from,
                    from_name: name,
                    reply_to,
                    signature,
                    copy_to_self: !no_copy,
                    trusted_certificate,
                })
            })?;
            let kept = if password_stdin {
                let mut pw = String::new();
                std::io::stdin().read_line(&mut pw).map_err(|e| {
                    Error::new(
                        ErrorCode::Io,
                        format!("Mot de passe illisible sur l'entrée standard ({e})."),
                    )
                })?;
                let pw = pw.trim_end_matches(['\r', '\n']);
                let keyring = Secrets::system();
                let kept = keyring.set(&secrets::account(&settings), pw)?;
                if kept == secrets::Kept::ThisSession {
                    return Err(Error::new(
                        ErrorCode::Keyring,
                        format!(
                            "{} Pour un script, donnez le mot de passe dans {PASSWORD_VARIABLE}.",
                            keyring.problem().unwrap_or(
                                "Le trousseau du système n'a pas gardé le mot de passe."
                            )
                        ),
                    ));
                }
                Some(kept)
            } else {
                None
            };
            out.print(&json!({ "settings": settings, "password": kept }), || {
                println!(
                    "Messagerie réglée\u{a0}: {} via {}:{} ({}).",
                    settings.from_address,
                    settings.host,
                    settings.port,
                    settings.security.label_fr()
                );
                if kept.is_some() {
                    println!("Mot de passe gardé dans le trousseau du système.");
                }
            })
        }
        MailCmd::Test => {
            let settings = tact_usecases::mail::settings(books)?;
            let pw = password(&settings, &Secrets::system())?;
            tact_usecases::mail::test_connection(&settings, pw.as_deref())?;
            out.print(
                &json!({ "ok": true, "host": settings.host, "port": settings.port }),
                || {
                    println!(
                        "Connexion réussie\u{a0}: {}:{} a accepté l'identifiant {}.",
                        settings.host,
                        settings.port,
                        settings.login_or_address()
                    );
                },
            )
        }
        MailCmd::Send {
            client,
            letter,
            yes,
            cc,
            resend,
        } => {
            let settings = tact_usecases::mail::settings(books)?;
            let pw = password(&settings, &Secrets::system())?;
            let target = match (client, letter) {
                (_, Some(letter_id)) => Outgoing::LetterCopy { letter_id },
                (Some(client_id), None) => Outgoing::Step { client_id },
                (None, None) => {
                    return Err(Error::new(
                        ErrorCode::Usage,
                        "Indiquez --client N ou --letter N.",
                    ))
                }
            };
            let prepared = tact_usecases::mail::prepare(books, &target, today)?;
            let request = SendRequest {
                email: prepared.draft.email(),
                cc,
                confirm_day_off: yes,
                resend,
                key: None,
            };
            let now = tact_usecases::clock::now_on(today);
            let sent = tact_usecases::mail::send(
                books,
                &target,
                &request,
                pw.as_deref(),
                now,
                &Progress::default(),
            )?;
            out.print(&sent, || {
                println!(
                    "Envoyé le {} à {} à {}\u{a0}: «\u{a0}{}\u{a0}».",
                    format_date_fr(now.date_naive()),
                    tact_core::mail::time_fr(
                        sent.message.sent_at.unwrap_or(sent.message.started_at)
                    ),
                    sent.message.recipients,
                    sent.message.subject
                );
                println!("Message-ID\u{a0}: {}", sent.message.message_id);
                for e in &sent.entries {
                    println!(
                        "Historique\u{a0}: {}",
                        e.text.as_deref().unwrap_or_default()
                    );
                }
            })
        }
    }
}
