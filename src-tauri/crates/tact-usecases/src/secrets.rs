//! The mailbox password: in the system keyring (the Secret Service on Linux: GNOME Keyring, KWallet), never in
//! the database or a file. Without a keyring, it is kept in memory for this session only, and Tact asks for it
//! again at its next start.

use keyring_core::{CredentialStore, Entry};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tact_core::mail::MailSettings;
use tact_core::{Error, ErrorCode, Result};

/// The keyring's service name for Tact's entries.
pub const SERVICE: &str = "Tact";

/// Where the password went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Kept {
    /// In the system keyring: asked once.
    Keyring,
    /// In memory until Tact closes (no keyring on this computer).
    ThisSession,
}

/// The passwords, with the keyring when there is one.
pub struct Secrets {
    store: Option<Arc<CredentialStore>>,
    /// Why there is no keyring, in French.
    problem: Option<String>,
    /// The store's own words, for the log.
    cause: Option<String>,
    session: Mutex<HashMap<String, String>>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secrets")
            .field("keyring", &self.store.is_some())
            .field("problem", &self.problem)
            .finish()
    }
}

/// The keyring entry of a mailbox: one per login and server.
pub fn account(settings: &MailSettings) -> String {
    format!("smtp:{}@{}", settings.login_or_address(), settings.host)
}

impl Secrets {
    /// The system's keyring (the Secret Service on Linux), or none if it cannot be reached.
    pub fn system() -> Secrets {
        #[cfg(target_os = "linux")]
        let store: std::result::Result<Arc<CredentialStore>, String> =
            zbus_secret_service_keyring_store::Store::new()
                .map(|s| s as Arc<CredentialStore>)
                .map_err(|e| e.to_string());
        #[cfg(not(target_os = "linux"))]
        let store: std::result::Result<Arc<CredentialStore>, String> =
            Err("trousseau non pris en charge sur ce système".to_owned());
        match store {
            Ok(s) => Self::with_store(s),
            Err(e) => Self::without_keyring(&e),
        }
    }

    /// A given store (tests: keyring-core's mock store).
    pub fn with_store(store: Arc<CredentialStore>) -> Secrets {
        Secrets {
            cause: None,
            store: Some(store),
            problem: None,
            session: Mutex::new(HashMap::new()),
        }
    }

    /// No keyring: passwords are kept for this session only. `why` (the store's own words) is kept for the log
    /// ([`Secrets::cause`]); the user reads [`Secrets::problem`].
    pub fn without_keyring(why: &str) -> Secrets {
        Secrets {
            cause: Some(why.to_owned()),
            store: None,
            problem: Some(
                "Aucun trousseau de mots de passe (GNOME Keyring, KWallet) ne répond sur cet ordinateur\u{a0}: Tact \
                 garde le mot de passe de la messagerie jusqu'à sa fermeture et vous le redemandera au prochain démarrage."
                    .to_owned(),
            ),
            session: Mutex::new(HashMap::new()),
        }
    }

    /// The keyring store's own error, when there is no keyring (for the log, not the screen).
    pub fn cause(&self) -> Option<&str> {
        self.cause.as_deref()
    }

    /// Why there is no keyring, when there is none.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    fn entry(&self, account: &str) -> Option<Result<Entry>> {
        self.store
            .as_ref()
            .map(|s| Entry::new_in_store(s, SERVICE, account).map_err(|e| keyring_error(&e)))
    }

    /// Keep the password of `account`.
    pub fn set(&self, account: &str, password: &str) -> Result<Kept> {
        let kept = match self.entry(account) {
            Some(entry) => {
                match entry.and_then(|e| e.set_password(password).map_err(|e| keyring_error(&e))) {
                    Ok(()) => Kept::Keyring,
                    Err(_) => Kept::ThisSession,
                }
            }
            None => Kept::ThisSession,
        };
        if let Ok(mut m) = self.session.lock() {
            m.insert(account.to_owned(), password.to_owned());
        }
        Ok(kept)
    }

    /// The password of `account`: from this session, else the keyring; `None` when it was never given.
    pub fn get(&self, account: &str) -> Result<Option<String>> {
        if let Some(p) = self
            .session
            .lock()
            .ok()
            .and_then(|m| m.get(account).cloned())
        {
            return Ok(Some(p));
        }
        match self.entry(account) {
            None => Ok(None),
            Some(entry) => match entry?.get_password() {
                Ok(p) => Ok(Some(p)),
                Err(keyring_core::Error::NoEntry) => Ok(None),
                Err(e) => Err(keyring_error(&e)),
            },
        }
    }

    /// Forget the password of `account` (the mailbox changed).
    pub fn forget(&self, account: &str) -> Result<()> {
        if let Ok(mut m) = self.session.lock() {
            m.remove(account);
        }
        match self.entry(account) {
            None => Ok(()),
            Some(entry) => match entry?.delete_credential() {
                Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
                Err(e) => Err(keyring_error(&e)),
            },
        }
    }
}

fn keyring_error(e: &keyring_core::Error) -> Error {
    Error::new(
        ErrorCode::Keyring,
        format!("Le trousseau de mots de passe n'a pas répondu ({e})\u{a0}; déverrouillez-le puis réessayez."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mock() -> Secrets {
        let store = keyring_core::mock::Store::new().unwrap_or_else(|e| panic!("{e}"));
        Secrets::with_store(store)
    }

    #[test]
    fn a_password_is_kept_in_the_keyring_and_read_back_by_a_new_session() {
        let store: Arc<CredentialStore> =
            keyring_core::mock::Store::new().unwrap_or_else(|e| panic!("{e}"));
        let first = Secrets::with_store(Arc::clone(&store));
        assert_eq!(
            first.set("smtp:camille@smtp.orange.fr", "s3cret").ok(),
            Some(Kept::Keyring)
        );
        // A new start of Tact: nothing in memory, the keyring answers.
        let again = Secrets::with_store(store);
        assert_eq!(
            again
                .get("smtp:camille@smtp.orange.fr")
                .ok()
                .flatten()
                .as_deref(),
            Some("s3cret")
        );
        assert_eq!(again.get("smtp:other@smtp.orange.fr").ok().flatten(), None);
        again
            .forget("smtp:camille@smtp.orange.fr")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            again.get("smtp:camille@smtp.orange.fr").ok().flatten(),
            None
        );
        assert!(mock().problem().is_none());
    }

    #[test]
    fn without_a_keyring_the_password_lasts_this_session_and_tact_says_so() {
        let s = Secrets::without_keyring("pas de session D-Bus");
        assert_eq!(s.set("smtp:a@b.fr", "pw").ok(), Some(Kept::ThisSession));
        assert_eq!(s.get("smtp:a@b.fr").ok().flatten().as_deref(), Some("pw"));
        assert!(s
            .problem()
            .is_some_and(|p| p.contains("prochain démarrage")));
        assert_eq!(
            Secrets::without_keyring("x")
                .get("smtp:a@b.fr")
                .ok()
                .flatten(),
            None
        );
    }
}
