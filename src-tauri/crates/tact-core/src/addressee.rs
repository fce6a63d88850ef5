//! Whom a letter or an email speaks to, and how (pure): the salutation and the formula of politeness of a letter,
//! the greeting of an email, the agreement of « engagé » with the person or the company that committed.
//!
//! French usage (words.md, « Le ton »): a letter opens with the civility alone (« Madame, », « Monsieur, »), never
//! with the name; « Madame, Monsieur, » when the person is not known. An email opens « Bonjour Madame Dumas, »
//! (civility and surname), or « Bonjour, » when the civility is not given: never « Bonjour Claire Dumas, ».

use crate::model::{Civility, Client, ClientKind, Language};

/// The person or the company a text addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressee {
    pub civility: Option<Civility>,
    /// The surname, without civility or first name: « Dumas », « de La Fontaine ».
    pub surname: Option<String>,
    /// The client is a business: what it committed to, it committed as a company.
    pub company: bool,
    /// The business's name carries a company form (SARL, SAS…): « votre société », else « votre entreprise ».
    pub society: bool,
}

/// The civility prefixes a name may already carry.
const PREFIXES: [(&str, Civility); 6] = [
    ("M.", Civility::Monsieur),
    ("Monsieur", Civility::Monsieur),
    ("Mme", Civility::Madame),
    ("Madame", Civility::Madame),
    ("Mlle", Civility::Madame),
    ("Mademoiselle", Civility::Madame),
];

/// Company forms that make a business a « société ».
const COMPANY_FORMS: [&str; 16] = [
    "SARL", "SAS", "SASU", "SA", "EURL", "SCI", "SNC", "SCOP", "SELARL", "SCP", "Ltd", "Limited",
    "LLC", "Inc", "GmbH", "PLC",
];

/// Whether a business's name carries a company form: « Agence Lumière SARL », « Studio Nova SAS ».
pub fn is_company_name(name: &str) -> bool {
    name.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        COMPANY_FORMS.contains(&w)
    })
}

/// Whether a business is a company (« dont le siège social est situé »): a company form in its name, or a legal
/// form other than an individual entrepreneur's.
pub fn is_company(name: &str, legal_form: Option<&str>) -> bool {
    is_company_name(name)
        || legal_form.is_some_and(|f| {
            !matches!(
                f.trim(),
                "EI" | "EIRL" | "Micro-entreprise" | "Auto-entrepreneur"
            )
        })
}

/// Splits a civility written in the name: (« M. Julien Roche ») → (Monsieur, « Julien Roche »).
pub fn split_civility(name: &str) -> (Option<Civility>, &str) {
    let name = name.trim();
    for (prefix, civility) in PREFIXES {
        if let Some(rest) = name.strip_prefix(prefix) {
            if rest.starts_with([' ', '\u{a0}']) {
                return (Some(civility), rest.trim_start_matches([' ', '\u{a0}']));
            }
        }
    }
    (None, name)
}

/// The surname in a full name: every word after the first (« Claire Dumas » → « Dumas », « Jean de La Fontaine » →
/// « de La Fontaine »); a single word is the surname.
fn surname(full: &str) -> Option<String> {
    let words: Vec<&str> = full.split_whitespace().collect();
    match words.as_slice() {
        [] => None,
        [one] => Some((*one).to_owned()),
        [_, rest @ ..] => Some(rest.join(" ")),
    }
}

impl Addressee {
    /// The person a text about this client speaks to: the consumer, or the contact person of a business.
    pub fn of(client: &Client) -> Addressee {
        let person = match client.kind {
            ClientKind::Consumer => Some(client.name.as_str()),
            ClientKind::Professional => client.contact_name.as_deref(),
        };
        let (written, name) = person.map_or((None, ""), split_civility);
        let society = is_company_name(&client.name);
        Addressee {
            civility: client.civility.or(written),
            surname: surname(name),
            company: client.kind == ClientKind::Professional,
            society,
        }
    }

    /// The salutation of a letter: « Madame, », « Monsieur, », « Madame, Monsieur, ».
    pub fn salutation(&self, lang: Language) -> String {
        match (lang, self.civility, &self.surname) {
            (Language::French, Some(c), _) => format!("{},", c.label_fr()),
            (Language::French, None, _) => "Madame, Monsieur,".to_owned(),
            (Language::English, Some(c), Some(s)) => format!("Dear {} {s},", english(c)),
            (Language::English, _, _) => "Dear Sir or Madam,".to_owned(),
        }
    }

    /// The civility as it sits inside the formula of politeness: « Madame », « Madame, Monsieur ».
    pub fn in_formula(&self) -> &'static str {
        match self.civility {
            Some(c) => c.label_fr(),
            None => "Madame, Monsieur",
        }
    }

    /// The formula of politeness that closes a letter.
    pub fn farewell(&self, lang: Language) -> String {
        match (lang, self.civility.is_some() && self.surname.is_some()) {
            (Language::French, _) => format!(
                "Je vous prie d'agréer, {}, l'expression de mes salutations distinguées.",
                self.in_formula()
            ),
            (Language::English, true) => "Yours sincerely,".to_owned(),
            (Language::English, false) => "Yours faithfully,".to_owned(),
        }
    }

    /// The greeting of an email: « Bonjour Madame Dumas, » or « Bonjour, »; « Dear Ms Dumas, » or « Hello, ».
    pub fn greeting(&self, lang: Language) -> String {
        match (lang, self.civility, &self.surname) {
            (Language::French, Some(c), Some(s)) => format!("Bonjour {} {s},", c.label_fr()),
            (Language::French, _, _) => "Bonjour,".to_owned(),
            (Language::English, Some(c), Some(s)) => format!("Dear {} {s},", english(c)),
            (Language::English, _, _) => "Hello,".to_owned(),
        }
    }

    /// Who committed, with the past participle agreed: « votre société s'est engagée », « vous vous êtes engagée »,
    /// « vous vous êtes engagé ». `participle` is the masculine form (« engagé »).
    pub fn committed(&self, participle: &str) -> String {
        if self.company {
            format!(
                "{} s'est {participle}e",
                if self.society {
                    "votre société"
                } else {
                    "votre entreprise"
                }
            )
        } else {
            format!("vous vous êtes {}", self.agree(participle))
        }
    }

    /// A participle or adjective agreed with the person addressed (« engagé » → « engagée » for Madame); the
    /// masculine, the French default, when the civility is not given.
    pub fn agree(&self, masculine: &str) -> String {
        match self.civility {
            Some(Civility::Madame) => format!("{masculine}e"),
            _ => masculine.to_owned(),
        }
    }
}

fn english(c: Civility) -> &'static str {
    match c {
        Civility::Madame => "Ms",
        Civility::Monsieur => "Mr",
    }
}

/// The name line in the client's language: « Mme Claire Dumas », « Ms Emma Clark ».
pub fn with_civility_in(name: &str, civility: Option<Civility>, lang: Language) -> String {
    match (lang, split_civility(name), civility) {
        (Language::English, (None, _), Some(c)) => format!("{}\u{a0}{}", english(c), name.trim()),
        _ => with_civility(name, civility),
    }
}

/// The recipient's name line on an envelope: the civility abbreviated before a consumer's name (« M. Julien
/// Roche », « Mme Anne Vidal ») or a contact person's, unless it is already written.
pub fn with_civility(name: &str, civility: Option<Civility>) -> String {
    match (split_civility(name), civility) {
        ((Some(_), _), _) | (_, None) => name.trim().to_owned(),
        (_, Some(Civility::Monsieur)) => format!("M.\u{a0}{}", name.trim()),
        (_, Some(Civility::Madame)) => format!("Mme\u{a0}{}", name.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::Fixture;

    fn client(kind: &str, name: &str, contact: Option<&str>, civility: Option<Civility>) -> Client {
        let mut c = if kind == "consumer" {
            Fixture::consumer(name).client
        } else {
            Fixture::professional(name).client
        };
        c.contact_name = contact.map(str::to_owned);
        c.civility = civility;
        c
    }

    #[test]
    fn a_consumer_named_with_his_civility_is_monsieur_roche() {
        let a = Addressee::of(&client("consumer", "M. Julien Roche", None, None));
        assert_eq!(a.salutation(Language::French), "Monsieur,");
        assert_eq!(a.greeting(Language::French), "Bonjour Monsieur Roche,");
        assert_eq!(a.greeting(Language::English), "Dear Mr Roche,");
        assert_eq!(a.committed("engagé"), "vous vous êtes engagé");
        assert_eq!(
            a.farewell(Language::French),
            "Je vous prie d'agréer, Monsieur, l'expression de mes salutations distinguées."
        );
    }

    #[test]
    fn a_contact_person_given_as_madame_gets_the_feminine() {
        let a = Addressee::of(&client(
            "professional",
            "Agence Lumière SARL",
            Some("Claire Dumas"),
            Some(Civility::Madame),
        ));
        assert_eq!(a.salutation(Language::French), "Madame,");
        assert_eq!(a.greeting(Language::French), "Bonjour Madame Dumas,");
        assert_eq!(a.committed("engagé"), "votre société s'est engagée");
        assert_eq!(a.agree("engagé"), "engagée");
    }

    #[test]
    fn without_civility_letters_say_madame_monsieur_and_emails_bonjour() {
        let a = Addressee::of(&client(
            "professional",
            "Boulangerie Petitjean",
            Some("Didier Petitjean"),
            None,
        ));
        assert_eq!(a.salutation(Language::French), "Madame, Monsieur,");
        assert_eq!(a.greeting(Language::French), "Bonjour,");
        assert_eq!(a.salutation(Language::English), "Dear Sir or Madam,");
        assert_eq!(a.farewell(Language::English), "Yours faithfully,");
        // A bakery without a company form is an entreprise, not a société.
        assert_eq!(a.committed("engagé"), "votre entreprise s'est engagée");
        let none = Addressee::of(&client("professional", "Studio Nova SAS", None, None));
        assert_eq!(none.greeting(Language::French), "Bonjour,");
    }

    #[test]
    fn a_particle_stays_with_the_surname_and_a_given_civility_wins() {
        let a = Addressee::of(&client(
            "consumer",
            "Jean de La Fontaine",
            None,
            Some(Civility::Monsieur),
        ));
        assert_eq!(
            a.greeting(Language::French),
            "Bonjour Monsieur de La Fontaine,"
        );
        let b = Addressee::of(&client("consumer", "Mme Anne Vidal", None, None));
        assert_eq!(b.civility, Some(Civility::Madame));
        assert_eq!(b.committed("engagé"), "vous vous êtes engagée");
    }

    #[test]
    fn the_envelope_line_carries_the_civility_once() {
        assert_eq!(
            with_civility("Julien Roche", Some(Civility::Monsieur)),
            "M.\u{a0}Julien Roche"
        );
        assert_eq!(
            with_civility("M. Julien Roche", Some(Civility::Monsieur)),
            "M. Julien Roche"
        );
        assert_eq!(with_civility("Claire Dumas", None), "Claire Dumas");
        assert_eq!(
            with_civility("Claire Dumas", Some(Civility::Madame)),
            "Mme\u{a0}Claire Dumas"
        );
    }
}
