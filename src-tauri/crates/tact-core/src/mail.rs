//! Sending through the user's own mailbox: the mailbox settings and their checks, the providers French freelancers
//! use, the identity of a step's message, and the rules that still hold at send time (pure; « now » is a
//! parameter). The password is never here: it lives in the system keyring (see `tact-usecases::secrets`).

use crate::calendar::Calendar;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{labelled_enum, ClientId, InvoiceId, JournalId};
use crate::text::{format_date_long_fr, fr_quote, optional_text, parse_email, TextRule, LINE};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

labelled_enum!(
    /// How the connection to the mail server is protected.
    Security {
        Tls = "tls" / "SSL/TLS (port 465)",
        StartTls = "starttls" / "STARTTLS (port 587)",
        None = "none" / "Aucune (serveur local uniquement)",
    }
);

/// The user's mailbox, as « Réglages → Messagerie » keeps it (everything but the password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The login, when the server asks for one (usually the address itself).
    pub login: Option<String>,
    pub from_address: String,
    pub from_name: Option<String>,
    pub reply_to: Option<String>,
    /// Added under every message sent.
    pub signature: Option<String>,
    /// A copy of every message to the sender herself (Bcc), so that her mail program has it.
    pub copy_to_self: bool,
    /// A certificate to trust besides the system's (PEM): a local bridge such as Proton Mail Bridge, or a
    /// company server with its own authority.
    pub trusted_certificate: Option<String>,
}

impl MailSettings {
    /// The settings as typed, checked field by field (French messages naming the field), trimmed.
    pub fn checked(self) -> Result<MailSettings> {
        let host = self.host.trim().trim_end_matches('.').to_ascii_lowercase();
        if host.is_empty() {
            return Err(Error::field(
                ErrorCode::Required,
                "host",
                "Serveur d'envoi (SMTP)\u{a0}: indiquez-le (ex.\u{a0}: smtp.orange.fr).",
            ));
        }
        if host.len() > 253
            || !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        {
            return Err(Error::field(
                ErrorCode::InvalidSetting,
                "host",
                format!(
                    "Serveur d'envoi (SMTP)\u{a0}: {} n'est pas un nom de serveur (ex.\u{a0}: smtp.orange.fr).",
                    fr_quote(self.host.trim())
                ),
            ));
        }
        if self.port == 0 {
            return Err(Error::field(
                ErrorCode::InvalidSetting,
                "port",
                "Port\u{a0}: un nombre de 1 à 65535 (465 pour SSL/TLS, 587 pour STARTTLS).",
            ));
        }
        if self.security == Security::None && !is_local(&host) {
            return Err(Error::field(
                ErrorCode::InvalidSetting,
                "security",
                "Sécurité\u{a0}: une connexion sans chiffrement n'est permise qu'avec un serveur sur cet ordinateur \
                 (localhost, 127.0.0.1), comme un pont Proton Mail Bridge\u{a0}; choisissez SSL/TLS ou STARTTLS.",
            ));
        }
        let opt = |s: Option<String>| s.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let from_address = parse_email("from_address", &self.from_address)?;
        let reply_to = opt(self.reply_to)
            .map(|r| parse_email("reply_to", &r))
            .transpose()?;
        let from_name = optional_text(
            "from_name",
            "Nom de l'expéditeur",
            self.from_name.as_deref(),
            LINE,
        )?;
        let signature = optional_text(
            "signature",
            "Signature",
            self.signature.as_deref(),
            TextRule {
                max_chars: 2_000,
                multiline: true,
            },
        )?;
        let trusted_certificate = opt(self.trusted_certificate);
        if let Some(c) = &trusted_certificate {
            if !c.contains("-----BEGIN CERTIFICATE-----") {
                return Err(Error::field(
                    ErrorCode::InvalidSetting,
                    "trusted_certificate",
                    "Certificat à approuver\u{a0}: collez un certificat au format PEM (« -----BEGIN CERTIFICATE----- »).",
                ));
            }
        }
        Ok(MailSettings {
            host,
            port: self.port,
            security: self.security,
            login: opt(self.login),
            from_address,
            from_name,
            reply_to,
            signature,
            copy_to_self: self.copy_to_self,
            trusted_certificate,
        })
    }

    /// The login the server is given: the one set, else the address.
    pub fn login_or_address(&self) -> &str {
        self.login.as_deref().unwrap_or(&self.from_address)
    }
}

/// A server on this computer: the only kind Tact talks to without encryption.
pub fn is_local(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "::1" | "[::1]")
}

/// A mail provider's sending server, offered when the user types her address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Provider {
    pub name: &'static str,
    /// The address domains that belong to it.
    pub domains: Vec<&'static str>,
    pub host: &'static str,
    pub port: u16,
    pub security: Security,
    /// What to know before it works (an app password, a bridge).
    pub note: Option<&'static str>,
}

/// The providers French freelancers use, with their documented submission servers.
pub fn providers() -> Vec<Provider> {
    let p = |name, domains: &[&'static str], host, port, security, note| Provider {
        name,
        domains: domains.to_vec(),
        host,
        port,
        security,
        note,
    };
    vec![
        p("Orange", &["orange.fr", "wanadoo.fr"], "smtp.orange.fr", 465, Security::Tls, None),
        p("Free", &["free.fr"], "smtp.free.fr", 465, Security::Tls, Some("Activez l'envoi SMTP authentifié dans l'espace abonné Free.")),
        p("SFR", &["sfr.fr", "neuf.fr"], "smtp.sfr.fr", 465, Security::Tls, None),
        p("OVHcloud", &[], "ssl0.ovh.net", 465, Security::Tls, Some("Pour une adresse de votre propre domaine hébergée chez OVHcloud.")),
        p("Gandi", &[], "mail.gandi.net", 465, Security::Tls, Some("Pour une adresse de votre propre domaine hébergée chez Gandi.")),
        p("Infomaniak", &["ik.me", "etik.com"], "mail.infomaniak.com", 465, Security::Tls, None),
        p("Gmail", &["gmail.com", "googlemail.com"], "smtp.gmail.com", 465, Security::Tls, Some("Créez un mot de passe d'application (validation en deux étapes activée) et utilisez-le ici, pas votre mot de passe Google.")),
        p("Outlook", &["outlook.fr", "outlook.com", "hotmail.fr", "hotmail.com", "live.fr"], "smtp-mail.outlook.com", 587, Security::StartTls, Some("Utilisez un mot de passe d'application si la validation en deux étapes est active.")),
        p("iCloud", &["icloud.com", "me.com", "mac.com"], "smtp.mail.me.com", 587, Security::StartTls, Some("Créez un mot de passe pour app sur appleid.apple.com\u{a0}; l'identifiant est votre adresse iCloud.")),
        p("Proton Mail (Bridge)", &["proton.me", "protonmail.com", "pm.me"], "127.0.0.1", 1025, Security::StartTls, Some("Proton Mail Bridge doit être lancé\u{a0}; copiez l'identifiant et le mot de passe qu'il affiche, et collez son certificat (Bridge → Paramètres → Exporter le certificat TLS).")),
    ]
}

/// The provider of an address, from its domain.
pub fn provider_for(address: &str) -> Option<Provider> {
    let domain = address.rsplit_once('@')?.1.trim().to_ascii_lowercase();
    providers()
        .into_iter()
        .find(|p| p.domains.contains(&domain.as_str()))
}

/// The identity of a step's message: the same step, decided from the same history, has the same key, so that a
/// second « Envoyer » (a double click, a retry after a timeout, a restart after a crash) finds the first.
/// Once the message is sent, its history entries change the last entry, and the next step gets a new key.
pub fn step_key(
    client_id: ClientId,
    action_code: &str,
    invoices: &[InvoiceId],
    last_entry: Option<JournalId>,
) -> String {
    let mut ids = invoices.to_vec();
    ids.sort_unstable();
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!(
        "step/{client_id}/{action_code}/{}/{}",
        ids.join(","),
        last_entry.map_or_else(|| "-".to_owned(), |j| j.to_string())
    )
}

/// The Message-ID of a step's message (RFC 5322 §3.6.4), fixed when the send begins and kept for a resend, so
/// that mail programs see one message even if it arrives twice.
pub fn message_id(key: &str, started: NaiveDateTime, from_address: &str) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(format!("{key}\n{started}").as_bytes());
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    let domain = from_address
        .rsplit_once('@')
        .map_or("tact.invalid", |(_, d)| d);
    format!("<tact.{}.{hex}@{domain}>", started.format("%Y%m%d%H%M%S"))
}

/// Whether a step may leave now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SendTiming {
    /// A working day and the step is due.
    Now,
    /// A weekend or a public holiday: only once the user confirms; else the next working day at 9 h.
    NotAWorkingDay { label: String, next: NaiveDate },
    /// The step is not due yet (the minimum gap between contacts, the consumers' 4 attempts in 30 days):
    /// never sent early.
    TooEarly { date: NaiveDate },
}

/// When a step dated `step_date` (always a working day, see the engine) may be sent on `today`.
pub fn send_timing(step_date: NaiveDate, today: NaiveDate, cal: &Calendar) -> SendTiming {
    let next = cal.on_or_after(today);
    if step_date > next {
        return SendTiming::TooEarly { date: step_date };
    }
    if next == today {
        return SendTiming::Now;
    }
    let label = match cal.holiday(today) {
        Some(h) => format!("{h} (jour férié)"),
        None if today.weekday() == Weekday::Sat => "samedi".to_owned(),
        None => "dimanche".to_owned(),
    };
    SendTiming::NotAWorkingDay { label, next }
}

impl SendTiming {
    /// The refusal to send now (`confirmed`: the user said « envoyer quand même » on a day off).
    pub fn check(&self, confirmed: bool) -> Result<()> {
        match self {
            SendTiming::Now => Ok(()),
            SendTiming::NotAWorkingDay { .. } if confirmed => Ok(()),
            SendTiming::NotAWorkingDay { label, next } => Err(Error::new(
                ErrorCode::NotAWorkingDay,
                format!(
                    "Aujourd'hui est un jour non ouvré ({label})\u{a0}: confirmez l'envoi, ou envoyez-le le {} à 9\u{a0}h.",
                    format_date_long_fr(*next)
                ),
            )),
            SendTiming::TooEarly { date } => Err(Error::new(
                ErrorCode::TooEarlyToSend,
                format!(
                    "Cette étape est prévue le {}\u{a0}: Tact ne l'envoie pas plus tôt (écart minimal entre deux contacts, \
                     quatre tentatives au plus sur trente jours pour un particulier).",
                    format_date_long_fr(*date)
                ),
            )),
        }
    }
}

labelled_enum!(
    /// Where a message stands.
    SentState {
        Sending = "sending" / "Envoi en cours",
        Sent = "sent" / "Envoyé",
        Failed = "failed" / "Échec",
        Uncertain = "uncertain" / "Envoi non confirmé",
    }
);

/// A message Tact sent (or tried to) through the user's mailbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SentMessage {
    pub id: i64,
    pub step_key: String,
    pub client_id: ClientId,
    pub message_id: String,
    /// To, Cc (and the Bcc to herself), comma-separated.
    pub recipients: String,
    pub subject: String,
    pub state: SentState,
    pub started_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub error: Option<String>,
}

impl SentMessage {
    /// « Déjà envoyé le 2 décembre 2026 à 10 h 14 à claire@… »
    pub fn already_sent(&self) -> Error {
        let at = self.sent_at.unwrap_or(self.started_at);
        Error::new(
            ErrorCode::AlreadySent,
            format!(
                "Déjà envoyé le {} à {} à {}\u{a0}: Tact n'envoie pas deux fois la même étape.",
                format_date_long_fr(at.date()),
                time_fr(at),
                self.recipients
            ),
        )
    }

    /// The refusal to send again a message whose fate is unknown (the connection broke, Tact stopped).
    pub fn uncertain(&self) -> Error {
        Error::new(
            ErrorCode::SendUncertain,
            format!(
                "L'envoi commencé le {} à {} n'a pas été confirmé par le serveur\u{a0}: il est peut-être parti. \
                 Vérifiez vos messages envoyés (ou la copie reçue)\u{a0}: s'il est parti, marquez l'étape comme faite\u{a0}; \
                 sinon, renvoyez-le.",
                format_date_long_fr(self.started_at.date()),
                time_fr(self.started_at)
            ),
        )
    }
}

/// « 10 h 14 »
pub fn time_fr(t: NaiveDateTime) -> String {
    t.format("%-H\u{a0}h\u{a0}%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    fn settings() -> MailSettings {
        MailSettings {
            host: " SMTP.Orange.fr ".into(),
            port: 465,
            security: Security::Tls,
            login: Some(" ".into()),
            from_address: "camille@atelier-martin.fr".into(),
            from_name: Some("Camille Martin".into()),
            reply_to: None,
            signature: Some("Camille\n".into()),
            copy_to_self: true,
            trusted_certificate: None,
        }
    }

    #[test]
    fn settings_are_trimmed_and_each_bad_field_is_named() {
        let s = settings().checked().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.host, "smtp.orange.fr");
        assert_eq!(s.login, None);
        assert_eq!(s.login_or_address(), "camille@atelier-martin.fr");
        assert_eq!(s.signature.as_deref(), Some("Camille"));
        let field = |s: MailSettings| s.checked().err().and_then(|e| e.field);
        assert_eq!(
            field(MailSettings {
                host: "".into(),
                ..settings()
            })
            .as_deref(),
            Some("host")
        );
        assert_eq!(
            field(MailSettings {
                host: "smtp orange".into(),
                ..settings()
            })
            .as_deref(),
            Some("host")
        );
        assert_eq!(
            field(MailSettings {
                port: 0,
                ..settings()
            })
            .as_deref(),
            Some("port")
        );
        assert_eq!(
            field(MailSettings {
                from_address: "camille".into(),
                ..settings()
            })
            .as_deref(),
            Some("from_address")
        );
        assert_eq!(
            field(MailSettings {
                reply_to: Some("x@".into()),
                ..settings()
            })
            .as_deref(),
            Some("reply_to")
        );
        assert_eq!(
            field(MailSettings {
                trusted_certificate: Some("abc".into()),
                ..settings()
            })
            .as_deref(),
            Some("trusted_certificate")
        );
    }

    #[test]
    fn no_encryption_only_for_a_server_on_this_computer() {
        let none = |host: &str| {
            MailSettings {
                host: host.into(),
                security: Security::None,
                ..settings()
            }
            .checked()
        };
        assert_eq!(
            none("smtp.orange.fr")
                .err()
                .and_then(|e| e.field)
                .as_deref(),
            Some("security")
        );
        assert!(none("127.0.0.1").is_ok());
        assert!(none("localhost").is_ok());
    }

    #[test]
    fn a_provider_is_found_from_the_address() {
        assert_eq!(
            provider_for("jean@wanadoo.fr").map(|p| p.host),
            Some("smtp.orange.fr")
        );
        assert_eq!(provider_for("x@gmail.com").map(|p| p.port), Some(465));
        assert_eq!(provider_for("x@atelier-martin.fr"), None);
        assert!(providers().iter().all(|p| p.port > 0 && !p.host.is_empty()));
    }

    #[test]
    fn the_same_step_from_the_same_history_has_the_same_key_and_message_id() {
        let a = step_key(2, "firm_reminder", &[7, 3], Some(41));
        assert_eq!(a, step_key(2, "firm_reminder", &[3, 7], Some(41)));
        assert_ne!(a, step_key(2, "firm_reminder", &[3, 7], Some(42)));
        assert_ne!(a, step_key(2, "phone_call", &[3, 7], Some(41)));
        let t = d("2026-12-02").and_hms_opt(10, 14, 0).unwrap_or_default();
        let id = message_id(&a, t, "camille@atelier-martin.fr");
        assert!(
            id.starts_with("<tact.20261202101400.") && id.ends_with("@atelier-martin.fr>"),
            "{id}"
        );
        assert_eq!(id, message_id(&a, t, "camille@atelier-martin.fr"));
        assert_ne!(
            id,
            message_id(
                &a,
                t + chrono::Duration::seconds(1),
                "camille@atelier-martin.fr"
            )
        );
    }

    #[test]
    fn a_step_leaves_on_a_working_day_once_due_and_a_day_off_asks_first() {
        let cal = Calendar::france();
        // Tuesday 1 December 2026, due today.
        assert_eq!(
            send_timing(d("2026-12-01"), d("2026-12-01"), &cal),
            SendTiming::Now
        );
        // Saturday 5 December: the step moved to Monday 7 only because of the weekend.
        let sat = send_timing(d("2026-12-07"), d("2026-12-05"), &cal);
        assert_eq!(
            sat,
            SendTiming::NotAWorkingDay {
                label: "samedi".into(),
                next: d("2026-12-07")
            }
        );
        assert_eq!(
            sat.check(false).err().map(|e| e.code),
            Some(ErrorCode::NotAWorkingDay)
        );
        assert!(sat.check(true).is_ok());
        // Christmas (Friday 25 December 2026).
        match send_timing(d("2026-12-28"), d("2026-12-25"), &cal) {
            SendTiming::NotAWorkingDay { label, .. } => assert!(label.contains("Noël"), "{label}"),
            other => panic!("{other:?}"),
        }
        // A step overdue since Tuesday, on Saturday: still a day off.
        assert_eq!(
            send_timing(d("2026-12-01"), d("2026-12-05"), &cal),
            SendTiming::NotAWorkingDay {
                label: "samedi".into(),
                next: d("2026-12-07")
            }
        );
        // A step due later than the next working day: the minimum gap, never sent early, even when confirmed.
        let early = send_timing(d("2026-12-09"), d("2026-12-05"), &cal);
        assert_eq!(
            early,
            SendTiming::TooEarly {
                date: d("2026-12-09")
            }
        );
        assert_eq!(
            early.check(true).err().map(|e| e.code),
            Some(ErrorCode::TooEarlyToSend)
        );
        assert_eq!(
            send_timing(d("2026-12-03"), d("2026-12-01"), &cal)
                .check(true)
                .err()
                .map(|e| e.code),
            Some(ErrorCode::TooEarlyToSend)
        );
    }
}
