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
use crate::text::format_date_fr;
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
    /// Payments announced: the next instalment of a signed calendar, a promise to pay an amount.
    pub expected: Vec<Expected>,
}

/// A payment the client announced: its amount and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub client_id: ClientId,
    pub amount: Money,
    pub what: Announced,
}

/// What a client announced it would pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Announced {
    /// An instalment of its signed calendar, due on that day.
    Instalment { due: NaiveDate },
    /// A promise to pay that amount on that day.
    Promise { amount: Money, date: NaiveDate },
}

/// Why a credit may pay these invoices: a stable code and the values it speaks of. The French sentence is
/// [`MatchWhy::text_fr`] (the command line and the French interface show it); the interface's other languages
/// word the same values (`ui/src/lib/i18n/facts.ts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum MatchWhy {
    /// The label cites these invoices and the amount is exactly what they owe.
    CitedExact {
        invoices: Vec<String>,
    },
    /// The label cites them; the amount is less than they owe.
    CitedPartial {
        invoices: Vec<String>,
        amount: Money,
        owed: Money,
    },
    /// The label cites them; the amount is more than they owe.
    CitedOver {
        invoices: Vec<String>,
        owed: Money,
    },
    SameAmountManyClients {
        invoice: String,
    },
    SameAmountManyInvoices {
        invoice: String,
    },
    SameAmountOnly {
        invoice: String,
    },
    /// The exact sum of several invoices of one client.
    SumOf {
        invoices: Vec<String>,
    },
    Announced {
        what: Announced,
    },
    PayerName {
        client: String,
    },
    PayerIban {
        client: String,
    },
    Rule {
        pattern: String,
        client: String,
    },
    NoOpenInvoice,
    LessThanOwed,
}

impl MatchWhy {
    /// The French sentence.
    pub fn text_fr(&self) -> String {
        match self {
            MatchWhy::CitedExact { invoices } => format!(
                "Le libellé cite {} et le montant est exactement ce qui reste dû.",
                invoices.join(", ")
            ),
            MatchWhy::CitedPartial {
                invoices,
                amount,
                owed,
            } => format!(
                "Le libellé cite {}\u{a0}: paiement partiel de {} sur {} dus.",
                invoices.join(", "),
                amount.format_fr(),
                owed.format_fr()
            ),
            MatchWhy::CitedOver { invoices, owed } => format!(
                "Le libellé cite {}, mais le montant dépasse ce qui reste dû ({})\u{a0}: le surplus resterait en avoir.",
                invoices.join(", "),
                owed.format_fr()
            ),
            MatchWhy::SameAmountManyClients { invoice } => format!(
                "Même montant que {invoice} — mais plusieurs clients doivent ce montant."
            ),
            MatchWhy::SameAmountManyInvoices { invoice } => format!(
                "Même montant que {invoice} (ce client a plusieurs factures de ce montant)."
            ),
            MatchWhy::SameAmountOnly { invoice } => format!(
                "Même montant que la facture {invoice}, seule facture ouverte de ce montant."
            ),
            MatchWhy::SumOf { invoices } => format!(
                "Le montant est exactement la somme de {}.",
                invoices.join(" + ")
            ),
            MatchWhy::Announced {
                what: Announced::Instalment { due },
            } => format!(
                "Montant de l'échéance du {} de son échéancier signé.",
                format_date_fr(*due)
            ),
            MatchWhy::Announced {
                what: Announced::Promise { amount, date },
            } => format!(
                "Montant de la promesse de régler {} le {}.",
                amount.format_fr(),
                format_date_fr(*date)
            ),
            MatchWhy::PayerName { client } => {
                format!("Le nom du payeur correspond à {client}.")
            }
            MatchWhy::PayerIban { client } => {
                format!("IBAN du payeur déjà vu sur les règlements de {client}.")
            }
            MatchWhy::Rule { pattern, client } => {
                format!("Règle confirmée\u{a0}: «\u{a0}{pattern}\u{a0}» = {client}.")
            }
            MatchWhy::NoOpenInvoice => {
                "Ce client n'a aucune facture ouverte\u{a0}: le montant resterait en avoir.".into()
            }
            MatchWhy::LessThanOwed => "Montant inférieur à ce qu'il doit\u{a0}: appliqué aux factures les plus anciennes.".into(),
        }
    }
}

/// One proposal: a client, the invoices and amounts it settles, how sure, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Proposal {
    pub client_id: ClientId,
    pub client_name: String,
    /// What it pays on each invoice, oldest due first.
    pub allocations: Vec<ProposedAllocation>,
    /// What is left as client credit.
    pub credit: Money,
    pub confidence: u8,
    /// Less than what these invoices owe.
    pub partial: bool,
    /// Why, in French (from `why`).
    pub reasons: Vec<String>,
    /// Why, as values (for the interface's other languages).
    pub why: Vec<MatchWhy>,
}

/// An amount a proposal applies to an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProposedAllocation {
    pub invoice_id: InvoiceId,
    pub number: String,
    pub amount: Money,
}

impl Proposal {
    /// (invoice, amount) as accepting it allocates them.
    pub fn split(&self) -> Vec<(InvoiceId, Money)> {
        self.allocations
            .iter()
            .map(|a| (a.invoice_id, a.amount))
            .collect()
    }

    /// The invoice numbers it pays.
    pub fn numbers(&self) -> Vec<&str> {
        self.allocations.iter().map(|a| a.number.as_str()).collect()
    }
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
    let runs = digit_runs(text);
    if runs.iter().any(|r| {
        r == &digits || (r.len() > digits.len() && r.ends_with(&digits) && digits.len() >= 6)
    }) {
        return true;
    }
    let want = groups(number);
    let have = groups(text);
    want.len() >= 2 && have.windows(want.len()).any(|w| w == want.as_slice())
}

fn client_name(names: &std::collections::HashMap<ClientId, &str>, id: ClientId) -> String {
    names.get(&id).map_or_else(String::new, |n| (*n).to_owned())
}

/// `amount` applied to `invoices` oldest due first: the allocations, what is left, and whether it fell short.
fn spread(amount: Money, invoices: &[&OpenInvoice]) -> (Vec<ProposedAllocation>, Money, bool) {
    let mut sorted: Vec<&&OpenInvoice> = invoices.iter().collect();
    sorted.sort_by_key(|i| (i.due_date, i.id));
    let mut left = amount;
    let mut out = Vec::new();
    for inv in sorted {
        if !left.is_positive() {
            break;
        }
        let take = left.min(inv.balance);
        out.push(ProposedAllocation {
            invoice_id: inv.id,
            number: inv.number.clone(),
            amount: take,
        });
        left = left.checked_sub(take).unwrap_or(Money::ZERO);
    }
    let owed = Money::sum(invoices.iter().map(|i| i.balance)).unwrap_or(Money::ZERO);
    (out, left, amount < owed)
}

/// The sums of several open invoices of one client, for « le montant est exactement la somme de… »: every subset
/// of two or more of a client's (at most) 12 oldest open invoices, or of two to four of them when it has more
/// than 8, by total. Built once per [`Matcher`], so each credit is one lookup.
fn subset_sums(
    invoices: &[OpenInvoice],
    by_client: &std::collections::BTreeMap<ClientId, Vec<usize>>,
) -> std::collections::HashMap<i64, Vec<Vec<usize>>> {
    let mut out: std::collections::HashMap<i64, Vec<Vec<usize>>> = std::collections::HashMap::new();
    for idx in by_client.values() {
        let mut theirs: Vec<usize> = idx.clone();
        theirs.sort_by_key(|i| invoices.get(*i).map(|x| (x.due_date, x.id)));
        theirs.truncate(12);
        let n = theirs.len();
        if n < 2 {
            continue;
        }
        let max_size = if n > 8 { 4 } else { n };
        let cents: Vec<i64> = theirs
            .iter()
            .map(|i| invoices.get(*i).map_or(0, |x| x.balance.cents()))
            .collect();
        // sums[mask] from the mask without its lowest bit: one addition per subset.
        let full = 1usize << n;
        let mut sums = vec![0i64; full];
        for mask in 1..full {
            let low = mask.trailing_zeros() as usize;
            let rest = mask & mask.wrapping_sub(1);
            sums[mask] = sums[rest].saturating_add(cents.get(low).copied().unwrap_or(0));
            let size = mask.count_ones() as usize;
            if size >= 2 && size <= max_size {
                let picked: Vec<usize> = (0..n)
                    .filter(|b| mask & (1 << b) != 0)
                    .filter_map(|b| theirs.get(b).copied())
                    .collect();
                out.entry(sums[mask]).or_default().push(picked);
            }
        }
    }
    out
}

/// The proposals for one credit, most likely first (for one credit; to explain many, build a [`Matcher`] once).
pub fn propose(credit: &Credit<'_>, invoices: &[OpenInvoice], known: &Known) -> Vec<Proposal> {
    Matcher::new(invoices, known).propose(credit)
}

/// The open invoices and what is known of the clients, indexed once so that thousands of credits are explained
/// against a large ledger without comparing each credit with every invoice.
pub struct Matcher<'a> {
    invoices: &'a [OpenInvoice],
    known: &'a Known,
    /// An invoice number's digits as one run (« 2026041 ») → invoices.
    by_digits: std::collections::HashMap<String, Vec<usize>>,
    /// An invoice number's digit groups, leading zeros dropped (« 2026|41 ») → invoices.
    by_groups: std::collections::HashMap<String, Vec<usize>>,
    longest_groups: usize,
    by_amount: std::collections::HashMap<i64, Vec<usize>>,
    /// Each client's open invoices.
    by_client: std::collections::BTreeMap<ClientId, Vec<usize>>,
    /// Each client's name as words, and the clients by their first word.
    client_words: Vec<(ClientId, &'a str, Vec<String>)>,
    by_first_word: std::collections::HashMap<String, Vec<usize>>,
    /// The sums of several invoices of one client (see [`subset_sums`]).
    sums: std::collections::HashMap<i64, Vec<Vec<usize>>>,
    names: std::collections::HashMap<ClientId, &'a str>,
}

impl<'a> Matcher<'a> {
    pub fn new(invoices: &'a [OpenInvoice], known: &'a Known) -> Self {
        let mut m = Matcher {
            invoices,
            known,
            by_digits: Default::default(),
            by_groups: Default::default(),
            longest_groups: 0,
            by_amount: Default::default(),
            by_client: Default::default(),
            client_words: Vec::new(),
            by_first_word: Default::default(),
            sums: Default::default(),
            names: known
                .clients
                .iter()
                .map(|(id, n)| (*id, n.as_str()))
                .collect(),
        };
        for (i, inv) in invoices.iter().enumerate() {
            let digits: String = inv.number.chars().filter(char::is_ascii_digit).collect();
            if digits.len() >= 3 {
                m.by_digits.entry(digits).or_default().push(i);
                let g = groups(&inv.number);
                if g.len() >= 2 {
                    m.longest_groups = m.longest_groups.max(g.len());
                    m.by_groups.entry(g.join("|")).or_default().push(i);
                }
            }
            m.by_amount.entry(inv.balance.cents()).or_default().push(i);
            m.by_client.entry(inv.client_id).or_default().push(i);
        }
        for (id, name) in &known.clients {
            let w = words(name);
            if let Some(first) = w.first() {
                m.by_first_word
                    .entry(first.clone())
                    .or_default()
                    .push(m.client_words.len());
            }
            m.client_words.push((*id, name.as_str(), w));
        }
        m.sums = subset_sums(invoices, &m.by_client);
        m
    }

    /// The open invoices whose number appears in the text (see [`number_in`]), in the invoices' order.
    fn cited(&self, text: &str) -> Vec<&'a OpenInvoice> {
        let mut hits: Vec<usize> = Vec::new();
        for run in digit_runs(text) {
            if let Some(v) = self.by_digits.get(&run) {
                hits.extend(v);
            }
            // A number written after a prefix of digits (« 0002026041 »): suffixes of six digits or more.
            let len = run.len();
            for start in 1..len.saturating_sub(5) {
                if let Some(v) = run
                    .get(start..)
                    .and_then(|suffix| self.by_digits.get(suffix))
                {
                    hits.extend(v);
                }
            }
        }
        let have = groups(text);
        for k in 2..=self.longest_groups.min(have.len()) {
            for w in have.windows(k) {
                if let Some(v) = self.by_groups.get(&w.join("|")) {
                    hits.extend(v);
                }
            }
        }
        hits.sort_unstable();
        hits.dedup();
        hits.into_iter()
            .filter_map(|i| self.invoices.get(i))
            .collect()
    }

    fn client_invoices(&self, client: ClientId) -> Vec<&'a OpenInvoice> {
        self.by_client
            .get(&client)
            .map(|v| v.iter().filter_map(|i| self.invoices.get(*i)).collect())
            .unwrap_or_default()
    }

    /// The proposals for one credit, most likely first.
    pub fn propose(&self, credit: &Credit<'_>) -> Vec<Proposal> {
        let known = self.known;
        let invoices = self.invoices;
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
                for w in p.why {
                    if !q.why.contains(&w) {
                        q.why.push(w);
                    }
                }
            } else {
                out.push(p);
            }
        };

        // 1. Invoice numbers in the text.
        let cited: Vec<&OpenInvoice> = self.cited(&text);
        let mut cited_clients: Vec<ClientId> = cited.iter().map(|i| i.client_id).collect();
        cited_clients.dedup();
        for client in cited_clients {
            let theirs: Vec<&OpenInvoice> = cited
                .iter()
                .copied()
                .filter(|i| i.client_id == client)
                .collect();
            let owed = Money::sum(theirs.iter().map(|i| i.balance)).unwrap_or(Money::ZERO);
            let invoices: Vec<String> = theirs.iter().map(|i| i.number.clone()).collect();
            let (allocations, credit_left, partial) = spread(credit.amount, &theirs);
            let (confidence, why) = if credit.amount == owed {
                (95, MatchWhy::CitedExact { invoices })
            } else if partial {
                (
                    75,
                    MatchWhy::CitedPartial {
                        invoices,
                        amount: credit.amount,
                        owed,
                    },
                )
            } else {
                (60, MatchWhy::CitedOver { invoices, owed })
            };
            push(
                Proposal {
                    client_id: client,
                    client_name: client_name(&self.names, client),
                    allocations,
                    credit: credit_left,
                    confidence,
                    partial,
                    reasons: Vec::new(),
                    why: vec![why],
                },
                &mut out,
            );
        }

        // 2. The amount of one open invoice.
        let same: Vec<&OpenInvoice> = self
            .by_amount
            .get(&credit.amount.cents())
            .map(|v| v.iter().filter_map(|i| invoices.get(*i)).collect())
            .unwrap_or_default();
        let many_clients = {
            let mut c: Vec<ClientId> = same.iter().map(|i| i.client_id).collect();
            c.sort_unstable();
            c.dedup();
            c.len() > 1
        };
        for inv in &same {
            let invoice = inv.number.clone();
            let (confidence, why) = if many_clients {
                (40, MatchWhy::SameAmountManyClients { invoice })
            } else if same.len() > 1 {
                (45, MatchWhy::SameAmountManyInvoices { invoice })
            } else {
                (70, MatchWhy::SameAmountOnly { invoice })
            };
            push(
                Proposal {
                    client_id: inv.client_id,
                    client_name: client_name(&self.names, inv.client_id),
                    allocations: vec![ProposedAllocation {
                        invoice_id: inv.id,
                        number: inv.number.clone(),
                        amount: credit.amount,
                    }],
                    credit: Money::ZERO,
                    confidence,
                    partial: false,
                    reasons: Vec::new(),
                    why: vec![why],
                },
                &mut out,
            );
        }

        // 3. The exact sum of several invoices of one client.
        // Per client, the smallest set of its invoices adding up to the credit.
        let mut best: std::collections::BTreeMap<ClientId, &Vec<usize>> =
            std::collections::BTreeMap::new();
        for set in self.sums.get(&credit.amount.cents()).into_iter().flatten() {
            let Some(client) = set
                .first()
                .and_then(|i| invoices.get(*i))
                .map(|i| i.client_id)
            else {
                continue;
            };
            if best.get(&client).is_none_or(|b| set.len() < b.len()) {
                best.insert(client, set);
            }
        }
        for (client, set) in best {
            let set: Vec<&OpenInvoice> = set.iter().filter_map(|i| invoices.get(*i)).collect();
            let invoices: Vec<String> = set.iter().map(|i| i.number.clone()).collect();
            let (allocations, credit_left, _) = spread(credit.amount, &set);
            push(
                Proposal {
                    client_id: client,
                    client_name: client_name(&self.names, client),
                    allocations,
                    credit: credit_left,
                    confidence: 60,
                    partial: false,
                    reasons: Vec::new(),
                    why: vec![MatchWhy::SumOf { invoices }],
                },
                &mut out,
            );
        }

        // 4. A payment the client announced: the next instalment of its calendar, a promised amount.
        let expecting: Vec<&Expected> = known
            .expected
            .iter()
            .filter(|e| e.amount == credit.amount)
            .collect();
        let many_expecting = {
            let mut c: Vec<ClientId> = expecting.iter().map(|e| e.client_id).collect();
            c.sort_unstable();
            c.dedup();
            c.len() > 1
        };
        for e in expecting {
            let theirs = self.client_invoices(e.client_id);
            if theirs.is_empty() {
                continue;
            }
            let (allocations, credit_left, partial) = spread(credit.amount, &theirs);
            push(
                Proposal {
                    client_id: e.client_id,
                    client_name: client_name(&self.names, e.client_id),
                    allocations,
                    credit: credit_left,
                    confidence: if many_expecting { 40 } else { 70 },
                    partial,
                    reasons: Vec::new(),
                    why: vec![MatchWhy::Announced {
                        what: e.what.clone(),
                    }],
                },
                &mut out,
            );
        }

        // 5. Who paid: the payer's name, an IBAN seen before, a rule.
        let label_up = text.to_uppercase();
        let mut candidates: Vec<usize> = text_words
            .iter()
            .filter_map(|w| self.by_first_word.get(w))
            .flatten()
            .copied()
            .collect();
        let position = |id: ClientId| self.client_words.iter().position(|(c, ..)| *c == id);
        if let Some(iban) = credit.payer_iban {
            candidates.extend(
                known
                    .ibans
                    .iter()
                    .filter(|(i, _)| i == iban)
                    .filter_map(|(_, c)| position(*c)),
            );
        }
        candidates.extend(
            known
                .rules
                .iter()
                .filter(|(pattern, _)| label_up.contains(&pattern.to_uppercase()))
                .filter_map(|(_, c)| position(*c)),
        );
        candidates.sort_unstable();
        candidates.dedup();
        for (client, name, client_words) in
            candidates.iter().filter_map(|i| self.client_words.get(*i))
        {
            let mut signals: Vec<(u8, MatchWhy)> = Vec::new();
            let client_name = || (*name).to_owned();
            if !client_words.is_empty() && client_words.iter().all(|w| text_words.contains(w)) {
                signals.push((
                    20,
                    MatchWhy::PayerName {
                        client: client_name(),
                    },
                ));
            }
            if let Some(iban) = credit.payer_iban {
                if known.ibans.iter().any(|(i, c)| c == client && i == iban) {
                    signals.push((
                        25,
                        MatchWhy::PayerIban {
                            client: client_name(),
                        },
                    ));
                }
            }
            for (pattern, c) in &known.rules {
                if c == client && label_up.contains(&pattern.to_uppercase()) {
                    signals.push((
                        30,
                        MatchWhy::Rule {
                            pattern: pattern.clone(),
                            client: client_name(),
                        },
                    ));
                }
            }
            if signals.is_empty() {
                continue;
            }
            let boost: u8 = signals.iter().map(|(b, _)| *b).max().unwrap_or(0);
            let why: Vec<MatchWhy> = signals.into_iter().map(|(_, w)| w).collect();
            let mut found = false;
            for p in out.iter_mut().filter(|p| p.client_id == *client) {
                found = true;
                p.confidence = p.confidence.saturating_add(boost).min(99);
                p.why.extend(why.iter().cloned());
            }
            if !found {
                let theirs = self.client_invoices(*client);
                let (allocations, credit_left, partial) = spread(credit.amount, &theirs);
                let mut why = why;
                if theirs.is_empty() {
                    why.push(MatchWhy::NoOpenInvoice);
                } else if partial {
                    why.push(MatchWhy::LessThanOwed);
                }
                out.push(Proposal {
                    client_id: *client,
                    client_name: (*name).to_owned(),
                    allocations,
                    credit: credit_left,
                    confidence: 30u8.saturating_add(boost),
                    partial,
                    reasons: Vec::new(),
                    why,
                });
            }
        }

        for p in &mut out {
            p.reasons = p.why.iter().map(MatchWhy::text_fr).collect();
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
}

/// The runs of digits of a text, spaces, dashes, dots and slashes inside a run ignored (« 2026-041 » → 2026041).
fn digit_runs(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == ' ' || c == '-' || c == '.' || c == '/'))
        .map(|chunk| {
            chunk
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        })
        .filter(|r| !r.is_empty())
        .collect()
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
            expected: Vec::new(),
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
    fn the_index_finds_exactly_the_numbers_number_in_finds() {
        let open = vec![
            inv(1, "F-2026-041", 1, 240_000),
            inv(2, "2026/7", 2, 1_000),
            inv(3, "FA000123", 4, 2_000),
        ];
        let k = Known::default();
        let m = Matcher::new(&open, &k);
        for t in [
            "FACT 2026041",
            "VIR 0002026041",
            "reglement 2026-41 et 2026 7",
            "FA 123",
            "000123",
            "F-2025-041",
            "ref 20267",
            "",
        ] {
            let by_index: Vec<&str> = m.cited(t).iter().map(|i| i.number.as_str()).collect();
            let by_scan: Vec<&str> = open
                .iter()
                .filter(|i| number_in(t, &i.number))
                .map(|i| i.number.as_str())
                .collect();
            assert_eq!(by_index, by_scan, "{t}");
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

    #[test]
    fn each_reason_is_the_french_of_its_fact_and_a_promise_is_named() {
        let open = vec![
            inv(1, "F-2026-041", 1, 78_000),
            inv(2, "F-2026-042", 1, 20_000),
        ];
        let mut k = known();
        k.expected.push(Expected {
            client_id: 1,
            amount: Money::from_cents(30_000),
            what: Announced::Promise {
                amount: Money::from_cents(30_000),
                date: d("2026-11-30"),
            },
        });
        let iban = Credit {
            payer_iban: Some("FR7610107001011234567890129"),
            ..credit(30_000, "VIR AGENCE LUMIERE")
        };
        let p = propose(&iban, &open, &k);
        let best = &p[0];
        assert_eq!(best.client_id, 1);
        assert_eq!(
            best.why,
            [
                MatchWhy::Announced {
                    what: Announced::Promise {
                        amount: Money::from_cents(30_000),
                        date: d("2026-11-30"),
                    }
                },
                MatchWhy::PayerName {
                    client: "Agence Lumière SARL".into()
                },
                MatchWhy::PayerIban {
                    client: "Agence Lumière SARL".into()
                },
            ]
        );
        assert_eq!(
            best.reasons[0],
            "Montant de la promesse de régler 300,00\u{a0}€ le 30/11/2026."
        );
        assert_eq!(
            best.reasons,
            best.why.iter().map(MatchWhy::text_fr).collect::<Vec<_>>()
        );
        let json = serde_json::to_value(best).unwrap_or_default();
        assert_eq!(json["why"][0]["code"], "announced");
        assert_eq!(json["why"][0]["what"]["kind"], "promise");
    }
}
