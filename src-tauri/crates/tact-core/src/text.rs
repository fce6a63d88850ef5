//! Validation and normalisation of what users type: text fields, French business identifiers, bank details,
//! contact details and dates. Every check returns an [`Error`] that names the field and says, in French, what is
//! wrong and how to fix it.

use crate::error::{Error, ErrorCode, Result};
use chrono::NaiveDate;

/// `« text »` with the no-break spaces French typography requires inside guillemets.
pub fn fr_quote(s: &str) -> String {
    format!("«\u{a0}{s}\u{a0}»")
}

/// A date as shown in tables: `23/11/2026`.
pub fn format_date_fr(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

pub(crate) const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A date as written in letters: `23 novembre 2026`, `1er décembre 2026`.
pub fn format_date_long_fr(d: NaiveDate) -> String {
    use chrono::Datelike;
    let day = if d.day() == 1 {
        "1er".to_owned()
    } else {
        d.day().to_string()
    };
    let month = MONTHS_FR.get(d.month0() as usize).copied().unwrap_or("");
    format!("{day}\u{a0}{month} {}", d.year())
}

/// « a », « a et b », « a, b et c »: `and` is the last joint (« et », « and »).
pub fn join_with(items: &[String], and: &str) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {and} {last}", rest.join(", ")),
        _ => items.join(""),
    }
}

/// « a, b et c ».
pub fn join_fr(items: &[String]) -> String {
    join_with(items, "et")
}

/// The first letter in capitals.
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What a text field allows.
#[derive(Debug, Clone, Copy)]
pub struct TextRule {
    pub max_chars: usize,
    /// Multi-line fields (notes, descriptions) accept line breaks; no field accepts other control characters.
    pub multiline: bool,
}

pub const NAME: TextRule = TextRule {
    max_chars: 200,
    multiline: false,
};
pub const SHORT: TextRule = TextRule {
    max_chars: 80,
    multiline: false,
};
pub const LINE: TextRule = TextRule {
    max_chars: 120,
    multiline: false,
};
pub const NOTES: TextRule = TextRule {
    max_chars: 5_000,
    multiline: true,
};

/// Characters that change what a text looks like without being seen: zero-width spaces and joiners, the
/// byte-order mark, the soft hyphen, and the bidirectional controls that can show « 041-F » for « F-140 ». Two
/// invoice numbers differing only by one of them would look the same; a name holding one could print reversed.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A required text field: trimmed, not empty, within its length, without control characters.
pub fn required_text(field: &str, label: &str, input: &str, rule: TextRule) -> Result<String> {
    let t = optional_text(field, label, Some(input), rule)?;
    t.ok_or_else(|| {
        Error::field(
            ErrorCode::Required,
            field,
            format!("{label}\u{a0}: ce champ est obligatoire."),
        )
    })
}

/// An optional text field: blank becomes `None`; otherwise the same rules as [`required_text`].
pub fn optional_text(
    field: &str,
    label: &str,
    input: Option<&str>,
    rule: TextRule,
) -> Result<Option<String>> {
    let Some(raw) = input else { return Ok(None) };
    // Normalise line endings so "\r\n" from a pasted text is one line break, and the characters to NFC so that
    // « é » is one character however it was typed.
    let normalized: String =
        unicode_normalization::UnicodeNormalization::nfc(raw.replace("\r\n", "\n").as_str())
            .collect();
    let t = normalized.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(c) = t.chars().find(|c| is_invisible(*c)) {
        return Err(Error::field(
            ErrorCode::ControlCharacters,
            field,
            format!(
                "{label}\u{a0}: caractère invisible ou d'inversion du sens d'écriture non autorisé (U+{:04X})\u{a0}; retapez le texte plutôt que de le coller.",
                u32::from(c)
            ),
        ));
    }
    if t.chars()
        .any(|c| c.is_control() && !(rule.multiline && c == '\n'))
    {
        let what = if rule.multiline {
            "caractères de contrôle non autorisés (seuls les retours à la ligne sont acceptés)"
        } else {
            "caractères de contrôle non autorisés (tabulation, retour à la ligne…)"
        };
        return Err(Error::field(
            ErrorCode::ControlCharacters,
            field,
            format!("{label}\u{a0}: {what}."),
        ));
    }
    let n = t.chars().count();
    if n > rule.max_chars {
        return Err(Error::field(
            ErrorCode::TooLong,
            field,
            format!(
                "{label}\u{a0}: {} caractères au maximum (actuellement {n}).",
                rule.max_chars
            ),
        ));
    }
    Ok(Some(t.to_owned()))
}

/// Parse a date typed as `23/11/2026` or `2026-11-23`; impossible dates (30/02) are refused.
pub fn parse_date(field: &str, label: &str, input: &str) -> Result<NaiveDate> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Error::field(
            ErrorCode::Required,
            field,
            format!("{label}\u{a0}: indiquez une date (ex.\u{a0}: 23/11/2026)."),
        ));
    }
    let parsed = if s.contains('/') {
        NaiveDate::parse_from_str(s, "%d/%m/%Y")
            .ok()
            .filter(|_| s.len() == 10)
    } else {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .filter(|_| s.len() == 10)
    };
    let d = parsed.ok_or_else(|| {
        Error::field(
            ErrorCode::InvalidDate,
            field,
            format!(
                "{label}\u{a0}: {} n'est pas une date valide (ex.\u{a0}: 23/11/2026).",
                fr_quote(s)
            ),
        )
    })?;
    use chrono::Datelike;
    if !(1900..=2999).contains(&d.year()) {
        return Err(Error::field(
            ErrorCode::InvalidDate,
            field,
            format!("{label}\u{a0}: l'année doit être comprise entre 1900 et 2999."),
        ));
    }
    Ok(d)
}

pub fn parse_optional_date(
    field: &str,
    label: &str,
    input: Option<&str>,
) -> Result<Option<NaiveDate>> {
    match input.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => parse_date(field, label, s).map(Some),
    }
}

fn digits_only(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | '-'))
        .collect()
}

/// Luhn checksum as used by INSEE for SIREN and SIRET numbers.
fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b.wrapping_sub(b'0'));
        if i % 2 == 1 {
            d = d.saturating_mul(2);
            if d > 9 {
                d = d.saturating_sub(9);
            }
        }
        sum = sum.saturating_add(d);
    }
    sum.is_multiple_of(10)
}

/// SIREN: 9 digits with a Luhn key (INSEE). Spaces are accepted and removed.
pub fn parse_siren(field: &str, input: &str) -> Result<String> {
    let d = digits_only(input.trim());
    if d.len() != 9 || !d.bytes().all(|b| b.is_ascii_digit()) || !luhn_valid(&d) {
        return Err(Error::field(
            ErrorCode::InvalidSiren,
            field,
            format!(
                "SIREN\u{a0}: {} n'est pas un numéro SIREN valide (9 chiffres avec une clé de contrôle\u{a0}; vérifiez-le sur l'avis de situation INSEE).",
                fr_quote(input.trim())
            ),
        ));
    }
    Ok(d)
}

/// SIRET: 14 digits, SIREN + NIC, with a Luhn key; La Poste's establishments (SIREN 356 000 000) use a digit sum
/// divisible by 5 instead (INSEE rule).
pub fn parse_siret(field: &str, input: &str) -> Result<String> {
    let d = digits_only(input.trim());
    let ok = d.len() == 14
        && d.bytes().all(|b| b.is_ascii_digit())
        && if d.starts_with("356000000") {
            d.bytes()
                .map(|b| u32::from(b.saturating_sub(b'0')))
                .fold(0u32, u32::saturating_add)
                % 5
                == 0
        } else {
            luhn_valid(&d)
        };
    if !ok {
        return Err(Error::field(
            ErrorCode::InvalidSiret,
            field,
            format!(
                "SIRET\u{a0}: {} n'est pas un numéro SIRET valide (14 chiffres\u{a0}: le SIREN suivi des 5 chiffres de l'établissement).",
                fr_quote(input.trim())
            ),
        ));
    }
    Ok(d)
}

/// Intra-community VAT number. French numbers (`FR` + 2-digit key + SIREN) are checked against their key
/// (key = (12 + 3 × (SIREN mod 97)) mod 97); other EU numbers are checked for shape only.
pub fn parse_vat_number(field: &str, input: &str) -> Result<String> {
    let s: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .collect::<String>()
        .to_uppercase();
    let err = || {
        Error::field(
            ErrorCode::InvalidVatNumber,
            field,
            format!(
                "Numéro de TVA\u{a0}: {} n'est pas un numéro de TVA intracommunautaire valide (ex.\u{a0}: FR40\u{a0}123456824).",
                fr_quote(input.trim())
            ),
        )
    };
    let bytes = s.as_bytes();
    if bytes.len() < 4 || bytes.len() > 15 || !bytes[..2].iter().all(u8::is_ascii_uppercase) {
        return Err(err());
    }
    if !bytes[2..].iter().all(u8::is_ascii_alphanumeric) {
        return Err(err());
    }
    if let Some(rest) = s.strip_prefix("FR") {
        if rest.len() != 11 {
            return Err(err());
        }
        let (key, siren) = rest.split_at(2);
        if !siren.bytes().all(|b| b.is_ascii_digit()) || !luhn_valid(siren) {
            return Err(err());
        }
        if key.bytes().all(|b| b.is_ascii_digit()) {
            let siren_n: u64 = siren.parse().map_err(|_| err())?;
            let expected = (siren_n % 97).saturating_mul(3).saturating_add(12) % 97;
            if key.parse::<u64>().ok() != Some(expected) {
                return Err(err());
            }
        }
    }
    Ok(s)
}

/// IBAN lengths for the countries a French small business meets most; others are checked for length 15–34.
fn iban_length(country: &str) -> Option<usize> {
    Some(match country {
        "FR" | "MC" | "IT" | "SM" => 27,
        "DE" | "GB" | "IE" => 22,
        "BE" => 16,
        "ES" | "SE" => 24,
        "LU" | "AT" | "EE" | "LT" => 20,
        "CH" | "LI" => 21,
        "NL" => 18,
        "PT" => 25,
        "DK" | "FI" => 18,
        "PL" => 28,
        "NO" => 15,
        _ => return None,
    })
}

/// IBAN (ISO 13616): country, check digits validated by mod 97. Returned without spaces, in capitals.
pub fn parse_iban(field: &str, input: &str) -> Result<String> {
    let s: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_uppercase();
    let err = |why: &str| {
        Error::field(
            ErrorCode::InvalidIban,
            field,
            format!("IBAN\u{a0}: {why}\u{a0}; vérifiez le numéro sur votre RIB."),
        )
    };
    if s.len() < 15 || s.len() > 34 || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(err("le numéro doit compter de 15 à 34 lettres et chiffres"));
    }
    let country = &s[..2];
    if !country.bytes().all(|b| b.is_ascii_uppercase())
        || !s[2..4].bytes().all(|b| b.is_ascii_digit())
    {
        return Err(err(
            "un IBAN commence par le code du pays et deux chiffres de contrôle (ex.\u{a0}: FR76)",
        ));
    }
    if let Some(len) = iban_length(country) {
        if s.len() != len {
            return Err(err(&format!(
                "un IBAN {country} compte {len} caractères (celui-ci en a {})",
                s.len()
            )));
        }
    }
    let rearranged = format!("{}{}", &s[4..], &s[..4]);
    let mut rem: u32 = 0;
    for c in rearranged.chars() {
        let v = match c.to_digit(36) {
            Some(v) => v,
            None => return Err(err("caractère inattendu")),
        };
        let shift = if v >= 10 { 100 } else { 10 };
        rem = rem.saturating_mul(shift).saturating_add(v) % 97;
    }
    if rem != 1 {
        return Err(err(
            "la clé de contrôle ne correspond pas, il y a probablement une faute de frappe",
        ));
    }
    Ok(s)
}

/// SIREN (9 digits) or SIRET (14 digits) grouped as printed on a Kbis: `832 541 908 00014`.
pub fn format_siren_siret(digits: &str) -> String {
    if (digits.len() != 9 && digits.len() != 14) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits.to_owned();
    }
    let (siren, nic) = digits.split_at(9);
    let mut out = format!("{} {} {}", &siren[..3], &siren[3..6], &siren[6..]);
    if !nic.is_empty() {
        out.push(' ');
        out.push_str(nic);
    }
    out
}

/// "1 facture", "3 factures": French plural of a count with its noun (regular plurals only).
pub fn plural_fr(n: u64, singular: &str, plural: &str) -> String {
    format!("{n}\u{a0}{}", if n > 1 { plural } else { singular })
}

/// IBAN grouped by four for display: `FR76 3000 4000 …`.
pub fn format_iban(iban: &str) -> String {
    iban.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// BIC (ISO 9362): 8 or 11 characters: bank (4 letters), country (2 letters), location (2), branch (3, optional).
pub fn parse_bic(field: &str, input: &str) -> Result<String> {
    let s: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let b = s.as_bytes();
    let ok = (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..].iter().all(u8::is_ascii_alphanumeric);
    if !ok {
        return Err(Error::field(
            ErrorCode::InvalidBic,
            field,
            format!("BIC\u{a0}: {} n'est pas un code BIC valide (8 ou 11 caractères, ex.\u{a0}: BNPAFRPPXXX).", fr_quote(input.trim())),
        ));
    }
    Ok(s)
}

/// A plausible email address: one `@`, a local part, a domain with a dot, no spaces. Deliverability is the mail
/// client's business; this catches typos.
pub fn parse_email(field: &str, input: &str) -> Result<String> {
    let s = input.trim();
    let err = || {
        Error::field(
            ErrorCode::InvalidEmail,
            field,
            format!(
                "E-mail\u{a0}: {} n'est pas une adresse valide (ex.\u{a0}: nom@domaine.fr).",
                fr_quote(s)
            ),
        )
    };
    if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(err());
    }
    let (local, domain) = s.split_once('@').ok_or_else(err)?;
    if local.is_empty()
        || local.len() > 64
        || domain.contains('@')
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
        // The characters of an address's local part (RFC 5322 dot-atom; letters of any script for RFC 6531):
        // « <script>@x.fr » or « "a b"@x.fr » are not addresses a reminder should go to.
        || !local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~-.".contains(c))
    {
        return Err(err());
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let labels_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    if !labels_ok {
        return Err(err());
    }
    Ok(s.to_owned())
}

/// A phone number as people write it: digits with spaces, dots, dashes or parentheses, an optional leading `+`;
/// between 6 and 15 digits (E.164 allows at most 15).
pub fn parse_phone(field: &str, input: &str) -> Result<String> {
    let s = input.trim();
    let body = s.strip_prefix('+').unwrap_or(s);
    let allowed = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}'));
    let n = body.chars().filter(char::is_ascii_digit).count();
    if !allowed || !(6..=15).contains(&n) {
        return Err(Error::field(
            ErrorCode::InvalidPhone,
            field,
            format!(
                "Téléphone\u{a0}: {} n'est pas un numéro valide (ex.\u{a0}: 06 12 34 56 78).",
                fr_quote(s)
            ),
        ));
    }
    Ok(s.to_owned())
}

/// True for the ways people name France in an address (empty means France).
pub fn is_france(country: &str) -> bool {
    let c = country.trim().to_lowercase();
    c.is_empty() || c == "france" || c == "fr"
}

/// Postcode: five digits in France; elsewhere up to 12 letters, digits, spaces or dashes.
pub fn parse_postcode(field: &str, input: &str, country: &str) -> Result<String> {
    let s = input.trim().to_uppercase();
    let ok = if is_france(country) {
        s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit())
    } else {
        !s.is_empty()
            && s.len() <= 12
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
    };
    if !ok {
        let hint = if is_france(country) {
            "cinq chiffres en France (ex.\u{a0}: 69001)"
        } else {
            "12 caractères au plus"
        };
        return Err(Error::field(
            ErrorCode::InvalidPostcode,
            field,
            format!(
                "Code postal\u{a0}: {} n'est pas valide ({hint}).",
                fr_quote(input.trim())
            ),
        ));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siren_and_siret() {
        assert_eq!(parse_siren("s", "832 541 908").as_deref(), Ok("832541908"));
        assert_eq!(parse_siren("s", "732 829 320").as_deref(), Ok("732829320"));
        assert_eq!(
            parse_siren("s", "832 541 909").map_err(|e| e.code),
            Err(ErrorCode::InvalidSiren)
        );
        assert_eq!(
            parse_siren("s", "12345678").map_err(|e| e.code),
            Err(ErrorCode::InvalidSiren)
        );
        assert_eq!(
            parse_siret("s", "832 541 908 00014").as_deref(),
            Ok("83254190800014")
        );
        assert_eq!(
            parse_siret("s", "832 541 908 00015").map_err(|e| e.code),
            Err(ErrorCode::InvalidSiret)
        );
        // La Poste: digit sum divisible by 5 rather than Luhn.
        assert!(parse_siret("s", "35600000000001").is_ok());
    }

    #[test]
    fn vat_numbers() {
        assert_eq!(
            parse_vat_number("v", "FR 40 123456824").as_deref(),
            Ok("FR40123456824")
        );
        assert!(parse_vat_number("v", "FR41123456824").is_err());
        assert!(parse_vat_number("v", "DE123456789").is_ok());
        assert!(parse_vat_number("v", "12").is_err());
    }

    #[test]
    fn ibans_and_bics() {
        assert_eq!(
            parse_iban("i", "FR76 3000 6000 0112 3456 7890 189").as_deref(),
            Ok("FR7630006000011234567890189")
        );
        assert!(parse_iban("i", "FR76 3000 6000 0112 3456 7890 188").is_err());
        assert!(parse_iban("i", "DE89 3704 0044 0532 0130 00").is_ok());
        assert!(parse_iban("i", "FR76 3000 6000 0112 3456 7890").is_err());
        assert_eq!(
            format_iban("FR7630006000011234567890189"),
            "FR76 3000 6000 0112 3456 7890 189"
        );
        assert_eq!(parse_bic("b", "bnpafrpp").as_deref(), Ok("BNPAFRPP"));
        assert!(parse_bic("b", "BNPAFRPPX").is_err());
    }

    #[test]
    fn emails_phones_postcodes() {
        assert!(parse_email("e", "sophie@atelier-marchand.fr").is_ok());
        for bad in [
            "sophie",
            "a@b",
            "a b@c.fr",
            "@c.fr",
            "a@@c.fr",
            "a@c.f",
            "a@-c.fr",
            "<script>@x.fr",
            "a<b>@x.fr",
            "\"a\"@x.fr",
            "a..b@x.fr",
            "a,b@x.fr",
        ] {
            assert!(parse_email("e", bad).is_err(), "{bad}");
        }
        for good in [
            "jean.dupont+tact@orange.fr",
            "o'neil@x.fr",
            "élodie@café.fr",
            "a_b-c@sub.domaine.fr",
        ] {
            assert!(parse_email("e", good).is_ok(), "{good}");
        }
        assert!(parse_phone("p", "06 12 34 56 78").is_ok());
        assert!(parse_phone("p", "+33 (0)6 12 34 56 78").is_ok());
        assert!(parse_phone("p", "06 12 AB").is_err());
        assert!(parse_postcode("c", "69001", "France").is_ok());
        assert!(parse_postcode("c", "6900", "").is_err());
        assert!(parse_postcode("c", "SW1A 1AA", "Royaume-Uni").is_ok());
    }

    #[test]
    fn invisible_and_bidi_characters_are_refused_and_text_is_nfc() {
        for sneaky in [
            "F-2026\u{200B}-041",
            "\u{FEFF}F-2026-041",
            "Agence \u{202E}erèimuL",
            "F\u{2060}1",
            "Lu\u{00AD}mière",
        ] {
            let e = required_text("number", "Numéro", sneaky, LINE).err();
            assert_eq!(
                e.as_ref().map(|e| e.code),
                Some(ErrorCode::ControlCharacters),
                "{sneaky:?}"
            );
            assert!(e.is_some_and(|e| e.message.contains("invisible")));
        }
        // « é » typed as e + combining acute is stored precomposed: one text, one character.
        let decomposed = "Agence Lumie\u{0300}re";
        assert_eq!(
            required_text("name", "Nom", decomposed, NAME).as_deref(),
            Ok("Agence Lumière")
        );
        assert_eq!(
            optional_text("notes", "Notes", Some("Ligne 1\r\nLigne 2"), NOTES),
            Ok(Some("Ligne 1\nLigne 2".into()))
        );
    }

    #[test]
    fn text_rules() {
        assert_eq!(
            required_text("name", "Nom", "  Agence  ", NAME).as_deref(),
            Ok("Agence")
        );
        assert_eq!(
            required_text("name", "Nom", "   ", NAME).map_err(|e| e.code),
            Err(ErrorCode::Required)
        );
        assert_eq!(
            required_text("name", "Nom", "a\tb", NAME).map_err(|e| e.code),
            Err(ErrorCode::ControlCharacters)
        );
        assert_eq!(
            required_text("name", "Nom", &"x".repeat(201), NAME).map_err(|e| e.code),
            Err(ErrorCode::TooLong)
        );
        assert_eq!(
            optional_text("notes", "Notes", Some("a\r\nb"), NOTES),
            Ok(Some("a\nb".into()))
        );
        assert!(optional_text("notes", "Notes", Some("a\u{7}b"), NOTES).is_err());
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23);
        assert_eq!(parse_date("d", "Date", "23/11/2026").ok(), d);
        assert_eq!(parse_date("d", "Date", "2026-11-23").ok(), d);
        assert_eq!(
            parse_date("d", "Date", "30/02/2026").map_err(|e| e.code),
            Err(ErrorCode::InvalidDate)
        );
        assert_eq!(
            parse_date("d", "Date", "2026-13-01").map_err(|e| e.code),
            Err(ErrorCode::InvalidDate)
        );
        assert_eq!(
            parse_date("d", "Date", "1/1/2026").map_err(|e| e.code),
            Err(ErrorCode::InvalidDate)
        );
        let first = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        assert_eq!(format_date_long_fr(first), "1er\u{a0}décembre 2026");
        assert_eq!(format_date_fr(first), "01/12/2026");
    }
}
