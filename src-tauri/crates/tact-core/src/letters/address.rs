//! The sender and recipient blocks: the recipient checked against the DL envelope window (legal-fr A.7: 6 lines of 38 characters, no punctuation from the street line on).

use super::*;

/// The sender block, top left: name (and trade name), legal form and SIRET, address, contact.
pub fn sender_block(b: &Business) -> Vec<String> {
    let mut out = vec![match &b.trade_name {
        Some(t) if t != &b.legal_name => format!("{} – {}", b.legal_name, t),
        _ => b.legal_name.clone(),
    }];
    let ident: Vec<String> = [
        b.legal_form.clone(),
        b.siret
            .as_deref()
            .map(|s| format!("SIRET {}", format_siren_siret(s)))
            .or_else(|| {
                b.siren
                    .as_deref()
                    .map(|s| format!("SIREN {}", format_siren_siret(s)))
            }),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !ident.is_empty() {
        out.push(ident.join(" – "));
    }
    out.extend(b.contact.address_line1.clone());
    out.extend(b.contact.address_line2.clone());
    let town = [b.contact.postcode.clone(), b.contact.city.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if !town.is_empty() {
        out.push(town);
    }
    if !crate::text::is_france(&b.contact.country) {
        out.push(b.contact.country.clone());
    }
    let reach: Vec<String> = [b.contact.email.clone(), b.contact.phone.clone()]
        .into_iter()
        .flatten()
        .collect();
    if !reach.is_empty() {
        out.push(reach.join(" – "));
    }
    out
}

/// The recipient block for the envelope window (legal-fr A.7, La Poste NF Z10-011): name, contact, street lines,
/// postcode and city (and country abroad); at most 6 lines of at most 38 characters, the last three in capitals,
/// no punctuation from the street line on. A line that does not fit is an error naming it, never a silent cut.
pub fn recipient_block(c: &Client) -> Result<Vec<String>> {
    let missing = |field: &str, what: &str| {
        Error::field(
            ErrorCode::Required,
            field,
            format!(
                "Adresse de {}\u{a0}: {what} manque. Complétez la fiche du client avant d'imprimer une lettre.",
                c.name
            ),
        )
    };
    let street = c
        .contact
        .address_line1
        .as_deref()
        .ok_or_else(|| missing("address_line1", "la rue"))?;
    let postcode = c
        .contact
        .postcode
        .as_deref()
        .ok_or_else(|| missing("postcode", "le code postal"))?;
    let city = c
        .contact
        .city
        .as_deref()
        .ok_or_else(|| missing("city", "la ville"))?;
    // (field, text, from the street line on)
    // The civility before a consumer's name or the contact person's (« M. Julien Roche », « Mme Claire Dumas »).
    let name = match c.kind {
        ClientKind::Consumer => crate::addressee::with_civility_in(&c.name, c.civility, c.language),
        ClientKind::Professional => c.name.clone(),
    };
    let mut lines: Vec<(&str, String, bool)> = vec![("name", name, false)];
    if let Some(who) = &c.contact_name {
        if who != &c.name {
            lines.push((
                "contact_name",
                crate::addressee::with_civility_in(who, c.civility, c.language),
                false,
            ));
        }
    }
    lines.push(("address_line1", street.to_owned(), true));
    if let Some(l2) = &c.contact.address_line2 {
        lines.push(("address_line2", l2.clone(), true));
    }
    lines.push(("city", format!("{postcode} {city}"), true));
    if !crate::text::is_france(&c.contact.country) {
        lines.push(("country", c.contact.country.clone(), true));
    }
    if lines.len() > ADDRESS_MAX_LINES {
        return Err(Error::field(
            ErrorCode::TooLong,
            "address_line2",
            format!(
                "L'adresse de {} compte {} lignes\u{a0}; la fenêtre de l'enveloppe en permet {ADDRESS_MAX_LINES}. Regroupez le complément d'adresse sur la fiche du client.",
                c.name,
                lines.len()
            ),
        ));
    }
    let n = lines.len();
    let mut out = Vec::with_capacity(n);
    for (i, (field, text, postal)) in lines.into_iter().enumerate() {
        let mut t = if postal {
            strip_punctuation(&text)
        } else {
            text
        };
        if i.saturating_add(3) >= n {
            t = t.to_uppercase();
        }
        let chars = t.chars().count();
        if chars > ADDRESS_MAX_CHARS {
            return Err(Error::field(
                ErrorCode::TooLong,
                field,
                format!(
                    "Adresse du destinataire, ligne {} ({})\u{a0}: {chars} caractères, {ADDRESS_MAX_CHARS} au plus pour tenir dans la fenêtre de l'enveloppe. Raccourcissez-la sur la fiche du client.",
                    i.saturating_add(1),
                    fr_quote(&t)
                ),
            ));
        }
        out.push(t);
    }
    Ok(out)
}

/// La Poste: no punctuation from the street line on (commas, full stops, semicolons, colons become spaces).
pub(super) fn strip_punctuation(s: &str) -> String {
    s.replace([',', '.', ';', ':'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
