//! The payment delay when the file gives no due date (BT-9) but states its payment terms in words (BT-20):
//! « Paiement à 30 jours », « 45 jours fin de mois », « Net 30 », « à réception ». Anything else leaves the
//! business's default terms, and the preview says so.

use crate::DueFrom;
use chrono::NaiveDate;

/// The terms (in Tact's syntax: `30`, `45fdm`, `à réception`) and where the due date comes from.
pub fn due_from(due_date: Option<NaiveDate>, terms: Option<&str>) -> (Option<String>, DueFrom) {
    if due_date.is_some() {
        return (None, DueFrom::DueDate);
    }
    match terms.and_then(delay) {
        Some(t) => (Some(t), DueFrom::Terms),
        None => (None, DueFrom::Default),
    }
}

/// The delay stated in a payment-terms text, if it states one.
pub fn delay(text: &str) -> Option<String> {
    let s = text
        .to_lowercase()
        .replace(['\u{a0}', '\u{202f}', '\n', '\t'], " ");
    let end_of_month = ["fin de mois", "end of month", "fdm", "eom"]
        .iter()
        .any(|k| s.contains(k));
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '.'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        // « 30 jours », « 30j », « 30 days », « net 30 ».
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || digits.len() > 3 {
            continue;
        }
        let unit = w.get(digits.len()..).unwrap_or("");
        let next = words.get(i.wrapping_add(1)).copied().unwrap_or("");
        let is_days =
            |u: &str| matches!(u, "j" | "jour" | "jours" | "day" | "days" | "jfdm" | "fdm");
        let after_net = i > 0 && words.get(i.wrapping_sub(1)) == Some(&"net");
        if is_days(unit) || (unit.is_empty() && (is_days(next) || after_net)) {
            let days: u16 = digits.parse().ok()?;
            if days == 0 {
                return Some("à réception".into());
            }
            return Some(if end_of_month {
                format!("{days}fdm")
            } else {
                days.to_string()
            });
        }
    }
    if [
        "réception",
        "reception",
        "receipt",
        "comptant",
        "immédiat",
        "immediate",
    ]
    .iter()
    .any(|k| s.contains(k))
    {
        return Some("à réception".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_stated_in_words() {
        for (text, want) in [
            ("Paiement à 30 jours", Some("30")),
            ("45 jours fin de mois", Some("45fdm")),
            ("Règlement à 60j fin de mois", Some("60fdm")),
            ("Net 30", Some("30")),
            ("Payment within 14 days", Some("14")),
            ("Payable à réception de facture", Some("à réception")),
            ("Escompte pour paiement anticipé : néant", None),
            ("Pénalités de retard : 3 fois le taux légal", None),
        ] {
            assert_eq!(delay(text).as_deref(), want, "{text}");
        }
    }
}
