//! Which invoices a bank credit pays, and why Tact thinks so (pure). For each credit, proposals ranked by a
//! confidence (0–100) with their reasons in plain French:
//! - an invoice number found in the label or the remittance information, tolerant of spaces, dashes and leading
//!   zeros (« FACT 2026041 » or « facture 2026 41 » match F-2026-041); less than owed is a partial payment;
//! - the amount equal to one open invoice, or to the exact sum of several open invoices of one client;
//! - the payer's name close to a client's name (accents, SARL/SAS, word order), the payer's IBAN already seen on
//!   that client's payments, or a rule the user confirmed (« ce libellé = ce client »).
//!
//! Two clients owing the same amount with nothing else to tell them apart: both are proposed, neither above
//! [`AUTO_CONFIDENCE`], so nothing is accepted without the user.

use crate::model::{ClientId, InvoiceId};
use crate::money::Money;
use chrono::NaiveDate;
use serde::Serialize;

/// From this confidence a proposal may be accepted at once (« Tout valider », or automatically when the user
/// turned it on).
pub const AUTO_CONFIDENCE: u8 = 90;

/// A credit to explain.
#[derive(Debug, Clone, Copy)]
pub struct Credit<'a> {
    pub amount: Money,
    pub label: &'a str,
    pub payer: Option<&'a str>,
    pub payer_iban: Option<&'a str>,
    pub reference: Option<&'a str>,
}

/// An invoice with something left to pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvoice {
    pub id: InvoiceId,
    pub number: String,
    pub client_id: ClientId,
    pub due_date: NaiveDate,
    pub balance: Money,
}

/// What the matcher knows of the clients: their names, the IBANs of their earlier payments, the user's rules.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub clients: Vec<(ClientId, String)>,
    pub ibans: Vec<(String, ClientId)>,
    /// (pattern in the label, client).
    pub rules: Vec<(String, ClientId)>,
}

/// One proposal: a client, the invoices and amounts it settles, how sure, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Proposal {
    pub client_id: ClientId,
    pub client_name: String,
    /// (invoice, number, amount applied), oldest due first.
    pub allocations: Vec<(InvoiceId, String, Money)>,
    /// What is left as client credit.
    pub credit: Money,
    pub confidence: u8,
    /// Less than what these invoices owe.
    pub partial: bool,
    pub reasons: Vec<String>,
}

/// Lowercase, no accents, only letters and digits, words sorted out of legal forms and filler.
fn words(s: &str) -> Vec<String> {
    const SKIP: &[&str] = &[
        "sarl", "sas", "sasu", "sa", "eurl", "sci", "ei", "ste", "societe", "ets", "m", "mme",
        "mr", "monsieur", "madame", "vir", "virement", "sepa", "recu", "de", "du", "des", "la",
        "le", "les", "et", "l", "d", "inst",
    ];
    let folded: String = s
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    folded
        .split_whitespace()
        .filter(|w| !SKIP.contains(w))
        .map(str::to_owned)
        .collect()
}

/// Every client word in the text (in any order).
fn name_matches(client: &str, text_words: &[String]) -> bool {
    let c = words(client);
    !c.is_empty() && c.iter().all(|w| text_words.contains(w))
}

/// The digit groups of a text with their leading zeros dropped: « F-2026-041 » → [2026, 41].
fn groups(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(|g| {
            let t = g.trim_start_matches('0');
            if t.is_empty() { "0" } else { t }.to_owned()
        })
        .collect()
}

/// Whether the invoice number appears in the text: its digits as one run (« 2026041 »), or its digit groups in
/// order, leading zeros aside (« 2026 41 »).
pub fn number_in(text: &str, number: &str) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 3 {
        return false;
    }
    let runs: Vec<String> = text
        .split(|c: char| !(c.is_ascii_digit() || c == ' ' || c == '-' || c == '.' || c == '/'))
        .map(|chunk| {
            chunk
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        })
        .collect();
    if runs.iter().any(|r| {
        r == &digits || (r.len() > digits.len() && r.ends_with(&digits) && digits.len() >= 6)
    }) {
        return true;
    }
    let want = groups(number);
    let have = groups(text);
    want.len() >= 2 && have.windows(want.len()).any(|w| w == want.as_slice())
}

fn client_name(known: &Known, id: ClientId) -> String {
    known
        .clients
        .iter()
        .find(|(c, _)| *c == id)
        .map_or_else(String::new, |(_, n)| n.clone())
}

/// `amount` applied to `invoices` oldest due first: the allocations, what is left, and whether it fell short.
fn spread(
    amount: Money,
    invoices: &[&OpenInvoice],
) -> (Vec<(InvoiceId, String, Money)>, Money, bool) {
    let mut sorted: Vec<&&OpenInvoice> = invoices.iter().collect();
    sorted.sort_by_key(|i| (i.due_date, i.id));
    let mut left = amount;
    let mut out = Vec::new();
    for inv in sorted {
        if !left.is_positive() {
            break;
        }
        let take = left.min(inv.balance);
        out.push((inv.id, inv.number.clone(), take));
        left = left.checked_sub(take).unwrap_or(Money::ZERO);
    }
    let owed = Money::sum(invoices.iter().map(|i| i.balance)).unwrap_or(Money::ZERO);
    (out, left, amount < owed)
}

/// The subset of a client's invoices whose balances add up to `amount` exactly (at most 12 invoices looked at).
fn exact_sum<'a>(amount: Money, invoices: &[&'a OpenInvoice]) -> Option<Vec<&'a OpenInvoice>> {
    let n = invoices.len().min(12);
    if n < 2 {
        return None;
    }
    let mut best: Option<Vec<&OpenInvoice>> = None;
    for mask in 1u32..(1u32 << n) {
        if mask.count_ones() < 2 {
            continue;
        }
        let picked: Vec<&OpenInvoice> = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .filter_map(|i| invoices.get(i).copied())
            .collect();
        if Money::sum(picked.iter().map(|i| i.balance)).ok() == Some(amount)
            && best.as_ref().is_none_or(|b| picked.len() < b.len())
        {
            best = Some(picked);
        }
    }
    best
}

/// The proposals for one credit, most likely first.
pub fn propose(credit: &Credit<'_>, invoices: &[OpenInvoice], known: &Known) -> Vec<Proposal> {
    let text = [Some(credit.label), credit.reference, credit.payer]
        .iter()
        .flatten()
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let text_words = words(&text);
    let mut out: Vec<Proposal> = Vec::new();
    let push = |p: Proposal, out: &mut Vec<Proposal>| {
        if let Some(q) = out
            .iter_mut()
            .find(|q| q.client_id == p.client_id && q.allocations == p.allocations)
        {
            q.confidence = q.confidence.max(p.confidence);
            for r in p.reasons {
                if !q.reasons.contains(&r) {
                    q.reasons.push(r);
                }
            }
        } else {
            out.push(p);
        }
    };

    // 1. Invoice numbers in the text.
    let cited: Vec<&OpenInvoice> = invoices
        .iter()
        .filter(|i| number_in(&text, &i.number))
        .collect();
    let mut cited_clients: Vec<ClientId> = cited.iter().map(|i| i.client_id).collect();
    cited_clients.dedup();
    for client in cited_clients {
        let theirs: Vec<&OpenInvoice> = cited
            .iter()
            .copied()
            .filter(|i| i.client_id == client)
            .collect();
        let owed = Money::sum(theirs.iter().map(|i| i.balance)).unwrap_or(Money::ZERO);
        let numbers: Vec<&str> = theirs.iter().map(|i| i.number.as_str()).collect();
        let (allocations, credit_left, partial) = spread(credit.amount, &theirs);
        let (confidence, why) = if credit.amount == owed {
            (
                95,
                format!(
                    "Le libellé cite {} et le montant est exactement ce qui reste dû.",
                    numbers.join(", ")
                ),
            )
        } else if partial {
            (
                75,
                format!(
                    "Le libellé cite {}\u{a0}: paiement partiel de {} sur {} dus.",
                    numbers.join(", "),
                    credit.amount.format_fr(),
                    owed.format_fr()
                ),
            )
        } else {
            (
                60,
                format!(
                    "Le libellé cite {}, mais le montant dépasse ce qui reste dû ({})\u{a0}: le surplus resterait en avoir.",
                    numbers.join(", "),
                    owed.format_fr()
                ),
            )
        };
        push(
            Proposal {
                client_id: client,
                client_name: client_name(known, client),
                allocations,
                credit: credit_left,
                confidence,
                partial,
                reasons: vec![why],
            },
            &mut out,
        );
    }

    // 2. The amount of one open invoice.
    let same: Vec<&OpenInvoice> = invoices
        .iter()
        .filter(|i| i.balance == credit.amount)
        .collect();
    let many_clients = {
        let mut c: Vec<ClientId> = same.iter().map(|i| i.client_id).collect();
        c.sort_unstable();
        c.dedup();
        c.len() > 1
    };
    for inv in &same {
        let (confidence, why) = if many_clients {
            (
                40,
                format!(
                    "Même montant que {} — mais plusieurs clients doivent ce montant.",
                    inv.number
                ),
            )
        } else if same.len() > 1 {
            (
                45,
                format!(
                    "Même montant que {} (ce client a plusieurs factures de ce montant).",
                    inv.number
                ),
            )
        } else {
            (
                70,
                format!(
                    "Même montant que la facture {}, seule facture ouverte de ce montant.",
                    inv.number
                ),
            )
        };
        push(
            Proposal {
                client_id: inv.client_id,
                client_name: client_name(known, inv.client_id),
                allocations: vec![(inv.id, inv.number.clone(), credit.amount)],
                credit: Money::ZERO,
                confidence,
                partial: false,
                reasons: vec![why],
            },
            &mut out,
        );
    }

    // 3. The exact sum of several invoices of one client.
    let mut clients: Vec<ClientId> = invoices.iter().map(|i| i.client_id).collect();
    clients.sort_unstable();
    clients.dedup();
    for client in &clients {
        let theirs: Vec<&OpenInvoice> =
            invoices.iter().filter(|i| i.client_id == *client).collect();
        if let Some(set) = exact_sum(credit.amount, &theirs) {
            let numbers: Vec<&str> = set.iter().map(|i| i.number.as_str()).collect();
            let (allocations, credit_left, _) = spread(credit.amount, &set);
            push(
                Proposal {
                    client_id: *client,
                    client_name: client_name(known, *client),
                    allocations,
                    credit: credit_left,
                    confidence: 60,
                    partial: false,
                    reasons: vec![format!(
                        "Le montant est exactement la somme de {}.",
                        numbers.join(" + ")
                    )],
                },
                &mut out,
            );
        }
    }

    // 4. Who paid: the payer's name, an IBAN seen before, a rule.
    let label_up = text.to_uppercase();
    for (client, name) in &known.clients {
        let mut signals: Vec<(u8, String)> = Vec::new();
        if name_matches(name, &text_words) {
            signals.push((20, format!("Le nom du payeur correspond à {name}.")));
        }
        if let Some(iban) = credit.payer_iban {
            if known.ibans.iter().any(|(i, c)| c == client && i == iban) {
                signals.push((
                    25,
                    format!("IBAN du payeur déjà vu sur les règlements de {name}."),
                ));
            }
        }
        for (pattern, c) in &known.rules {
            if c == client && label_up.contains(&pattern.to_uppercase()) {
                signals.push((
                    30,
                    format!("Règle confirmée\u{a0}: «\u{a0}{pattern}\u{a0}» = {name}."),
                ));
            }
        }
        if signals.is_empty() {
            continue;
        }
        let boost: u8 = signals.iter().map(|(b, _)| *b).max().unwrap_or(0);
        let reasons: Vec<String> = signals.into_iter().map(|(_, r)| r).collect();
        let mut found = false;
        for p in out.iter_mut().filter(|p| p.client_id == *client) {
            found = true;
            p.confidence = p.confidence.saturating_add(boost).min(99);
            p.reasons.extend(reasons.iter().cloned());
        }
        if !found {
            let theirs: Vec<&OpenInvoice> =
                invoices.iter().filter(|i| i.client_id == *client).collect();
            let (allocations, credit_left, partial) = spread(credit.amount, &theirs);
            let mut reasons = reasons;
            if theirs.is_empty() {
                reasons.push(
                    "Ce client n'a aucune facture ouverte\u{a0}: le montant resterait en avoir."
                        .into(),
                );
            } else if partial {
                reasons.push("Montant inférieur à ce qu'il doit\u{a0}: appliqué aux factures les plus anciennes.".into());
            }
            out.push(Proposal {
                client_id: *client,
                client_name: name.clone(),
                allocations,
                credit: credit_left,
                confidence: 30u8.saturating_add(boost),
                partial,
                reasons,
            });
        }
    }

    out.sort_by(|a, b| {
        b.confidence
            .cmp(&a.confidence)
            .then(a.client_id.cmp(&b.client_id))
    });
    // Two different clients close at the top: nothing is accepted without the user.
    if let (Some(first), Some(second)) = (out.first(), out.get(1)) {
        if first.client_id != second.client_id
            && second.confidence.saturating_add(15) >= first.confidence
        {
            for p in out.iter_mut() {
                p.confidence = p.confidence.min(AUTO_CONFIDENCE.saturating_sub(1));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    fn inv(id: i64, number: &str, client: i64, cents: i64) -> OpenInvoice {
        OpenInvoice {
            id,
            number: number.into(),
            client_id: client,
            due_date: d("2026-10-01")
                .checked_add_days(chrono::Days::new(id.unsigned_abs()))
                .unwrap_or_default(),
            balance: Money::from_cents(cents),
        }
    }

    fn known() -> Known {
        Known {
            clients: vec![
                (1, "Agence Lumière SARL".into()),
                (2, "Boulangerie Petitjean".into()),
                (4, "Studio Nova SAS".into()),
            ],
            ibans: vec![("FR7610107001011234567890129".into(), 1)],
            rules: vec![("LUMINA PROD".into(), 1)],
        }
    }

    fn credit(cents: i64, label: &str) -> Credit<'_> {
        Credit {
            amount: Money::from_cents(cents),
            label,
            payer: None,
            payer_iban: None,
            reference: None,
        }
    }

    #[test]
    fn invoice_numbers_are_found_whatever_their_spacing() {
        for t in [
            "FACT 2026041",
            "facture F-2026-041",
            "VIR F 2026 041",
            "reglement 2026-41",
            "F2026041",
        ] {
            assert!(number_in(t, "F-2026-041"), "{t}");
        }
        for t in ["FACT 2026042", "2026", "41 euros", "F-2025-041"] {
            assert!(!number_in(t, "F-2026-041"), "{t}");
        }
    }

    #[test]
    fn each_rule_gives_its_proposal_and_its_reason() {
        let open = vec![
            inv(13, "F-2026-041", 1, 240_000),
            inv(12, "F-2026-028", 2, 45_000),
            inv(10, "F-2026-033", 4, 30_000),
            inv(11, "F-2026-039", 4, 115_000),
        ];
        let k = known();
        // Number and exact amount: sure.
        let p = propose(
            &credit(30_000, "VIR SEPA STUDIO NOVA SAS FACT F-2026-033"),
            &open,
            &k,
        );
        assert_eq!(
            (p[0].client_id, p[0].confidence >= AUTO_CONFIDENCE),
            (4, true)
        );
        // Number and less than owed: a partial payment, said so.
        let p = propose(&credit(100_000, "ACOMPTE FACTURE 2026041"), &open, &k);
        assert!(
            p[0].partial && p[0].reasons[0].contains("paiement partiel"),
            "{p:?}"
        );
        // The amount of one invoice and the payer's name.
        let p = propose(&credit(45_000, "VIR BOULANGERIE PETITJEAN"), &open, &k);
        assert_eq!(
            (p[0].client_id, p[0].confidence >= AUTO_CONFIDENCE),
            (2, true)
        );
        // The sum of two invoices of one client.
        let p = propose(&credit(145_000, "VIREMENT"), &open, &k);
        assert_eq!(p[0].allocations.len(), 2);
        assert!(p[0].reasons[0].contains("F-2026-033 + F-2026-039"), "{p:?}");
        // The payer's IBAN, then a rule, without any invoice in the label.
        let iban = Credit {
            payer_iban: Some("FR7610107001011234567890129"),
            ..credit(50_000, "VIR")
        };
        assert_eq!(propose(&iban, &open, &k)[0].client_id, 1);
        assert_eq!(
            propose(&credit(50_000, "VIR LUMINA PROD"), &open, &k)[0].client_id,
            1
        );
        // Nothing at all: no proposal (« à identifier »).
        assert!(propose(&credit(9_999, "VIR SOCIETE INCONNUE"), &open, &k).is_empty());
    }

    #[test]
    fn two_clients_owing_the_same_amount_are_both_proposed_and_neither_sure() {
        let open = vec![inv(1, "F-1", 1, 50_000), inv(2, "F-2", 2, 50_000)];
        let p = propose(&credit(50_000, "VIREMENT RECU"), &open, &known());
        assert_eq!(p.len(), 2);
        assert!(p.iter().all(|x| x.confidence < AUTO_CONFIDENCE), "{p:?}");
    }
}
