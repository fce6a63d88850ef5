//! Letters by post, as a document model (pure: data in, a [`Letter`] out): the mise en demeure de payer, the
//! relance (friendly or firm) and the relevé de compte. The `tact-letters` crate lays a `Letter` out on A4 pages
//! (legal-fr A.7) and writes the PDF.
//!
//! The texts follow legal-fr A.6 and B §4.2: sender and recipient identities, place and date, the registered-mail
//! mention, the invoice table, penalties with their legal basis (B2B: C. com. L441-10 and D441-5) or the
//! legal-interest statement (B2C: C. civ. 1231-6 and 1344-1, no fees, CPCE L111-8), the total, the deadline, the
//! payment details, the real next step, a polite close and the signatory. A mise en demeure never says that it
//! interrupts prescription (it does not, Cass. com. 18 May 2022, n° 20-23.204).

use crate::error::{Error, ErrorCode, Result};
use crate::legal::ClientPenalties;
use crate::legal::RateBasis;
use crate::model::{
    Business, Client, ClientId, ClientKind, Invoice, InvoiceStatus, JournalEntry, JournalKind,
};
use crate::money::{format_rate_fr, Money};
use crate::standing::InvoiceState;
use crate::text::{format_date_fr, format_date_long_fr, format_iban, format_siren_siret, fr_quote};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod journal;
mod plan_letters;
pub use journal::journal_entry;

crate::model::labelled_enum!(
    /// The letters Tact prints.
    LetterKind {
        FormalNotice = "mise-en-demeure" / "Mise en demeure de payer",
        FriendlyReminder = "relance" / "Relance",
        FirmReminder = "relance-ferme" / "Relance ferme",
        Statement = "releve" / "Relevé de compte",
        PlanAgreement = "echeancier" / "Échéancier de paiement",
        PlanDefault = "decheance" / "Mise en demeure (déchéance du terme)",
    }
);

/// The address window of a DL envelope (legal-fr A.7): at most 6 lines of at most 38 characters.
pub const ADDRESS_MAX_LINES: usize = 6;
pub const ADDRESS_MAX_CHARS: usize = 38;
/// Default time given by a mise en demeure, in days from its receipt (legal-fr A.6).
pub const DEFAULT_DEADLINE_DAYS: u32 = 8;
/// The longest deadline Tact writes; 8 to 15 days is usual, 30 the most seen (legal-fr B §4.2).
pub const MAX_DEADLINE_DAYS: u32 = 60;

/// What the user chooses before printing. Every field has a default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterOptions {
    /// Days from receipt to pay (mise en demeure; relances give a date). Default 8.
    #[serde(default)]
    pub deadline_days: Option<u32>,
    /// The opening paragraph, as edited by the user; `None` keeps Tact's text.
    #[serde(default)]
    pub opening: Option<String>,
    /// The closing paragraph (before the formula of politeness), as edited; `None` keeps Tact's text.
    #[serde(default)]
    pub closing: Option<String>,
    /// The LRAR number, once known (printed after « Lettre recommandée avec accusé de réception n° »).
    #[serde(default)]
    pub registered_number: Option<String>,
    /// Fold marks at 99 and 198 mm for a DL window envelope; `false` gives a clean PDF for online LRAR services.
    #[serde(default)]
    pub no_fold_marks: bool,
    /// The payment calendar (agreement, déchéance notice); `None`: the client's current one.
    #[serde(default)]
    pub plan_id: Option<crate::plans::PlanId>,
}

/// A letter ready to be laid out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Letter {
    pub kind: LetterKind,
    pub client_id: ClientId,
    pub date: NaiveDate,
    /// The PDF's title, and the archive's file name stem.
    pub title: String,
    /// Top left: who writes.
    pub sender: Vec<String>,
    /// In the envelope window: who receives (checked against the window).
    pub recipient: Vec<String>,
    /// « Lyon, le 23 novembre 2026 »
    pub place_date: String,
    /// « Lettre recommandée avec accusé de réception n° … », for a mise en demeure.
    pub mention: Option<String>,
    pub subject: String,
    pub salutation: String,
    pub body: Vec<Block>,
    /// The formula of politeness.
    pub farewell: String,
    /// Name, then capacity.
    pub signature: Vec<String>,
    /// « Pièces jointes : … »
    pub enclosures: Option<String>,
    pub annex: Option<Annex>,
    pub fold_marks: bool,
    /// The editable paragraphs as they stand, for the form that edits them.
    pub opening: String,
    pub closing: String,
    pub deadline_days: Option<u32>,
    /// What the letter claims: principal, penalties or interest, indemnities.
    pub principal: Money,
    pub interest: Money,
    pub indemnities: Money,
    pub total: Money,
    /// The payment calendar the letter belongs to (its agreement, its déchéance notice).
    pub plan_id: Option<crate::plans::PlanId>,
    /// A second signature block, at the left (the debtor's, on a calendar agreement); empty for a letter.
    pub countersignature: Vec<String>,
}

/// A piece of the letter's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// A paragraph in bold (the demand itself).
    Strong {
        text: String,
    },
    Table {
        table: Table,
    },
}

/// A table: columns with relative widths; amounts are right-aligned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Rows in bold after a rule: totals.
    pub totals: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Column {
    pub title: String,
    /// Share of the text width.
    pub width: u8,
    pub right: bool,
}

/// A page after the letter (the breakdown of penalties).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Annex {
    pub title: String,
    pub body: Vec<Block>,
}

/// What a letter is made from; the ledger gathers it.
pub struct LetterContext<'a> {
    pub business: &'a Business,
    pub client: &'a Client,
    /// The client's invoices with their states as of `today`.
    pub invoices: &'a [(Invoice, InvoiceState)],
    /// The client's history, oldest first, corrected entries included (they are skipped here).
    pub journal: &'a [JournalEntry],
    /// Penalties or interest to date on the overdue, undisputed invoices.
    pub penalties: &'a ClientPenalties,
    /// The payment calendar, for its agreement and its déchéance notice.
    pub plan: Option<&'a crate::plans::PlanState>,
    pub today: NaiveDate,
}

/// Builds the letter of `kind`.
pub fn letter(ctx: &LetterContext<'_>, kind: LetterKind, opts: &LetterOptions) -> Result<Letter> {
    let recipient = recipient_block(ctx.client)?;
    let sender = sender_block(ctx.business);
    match kind {
        LetterKind::FormalNotice => formal_notice(ctx, opts, sender, recipient),
        LetterKind::FriendlyReminder | LetterKind::FirmReminder => {
            reminder(ctx, kind, opts, sender, recipient)
        }
        LetterKind::Statement => statement(ctx, opts, sender, recipient),
        LetterKind::PlanAgreement => plan_letters::agreement(ctx, opts, sender, recipient),
        LetterKind::PlanDefault => plan_letters::default_notice(ctx, opts, sender, recipient),
    }
}

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
    let mut lines: Vec<(&str, String, bool)> = vec![("name", c.name.clone(), false)];
    if let Some(who) = &c.contact_name {
        if who != &c.name {
            lines.push(("contact_name", who.clone(), false));
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
fn strip_punctuation(s: &str) -> String {
    s.replace([',', '.', ';', ':'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn place_date(ctx: &LetterContext<'_>) -> String {
    let place = ctx
        .business
        .signing_city
        .clone()
        .or_else(|| ctx.business.contact.city.clone());
    match place {
        Some(p) => format!("{p}, le {}", format_date_long_fr(ctx.today)),
        None => format!("Le {}", format_date_long_fr(ctx.today)),
    }
}

/// « Lettre recommandée avec accusé de réception n° … », the number once known (legal-fr A.7).
fn registered_mention(opts: &LetterOptions) -> String {
    format!(
        "Lettre recommandée avec accusé de réception n°\u{a0}{}",
        opts.registered_number
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or("………………………………")
    )
}

fn signature(b: &Business) -> Vec<String> {
    let mut s = vec![b
        .signatory_name
        .clone()
        .unwrap_or_else(|| b.legal_name.clone())];
    s.extend(b.signatory_title.clone());
    s
}

/// The invoices a letter claims: overdue and not disputed, in due-date order.
fn claimed<'a>(ctx: &'a LetterContext<'_>) -> Vec<&'a (Invoice, InvoiceState)> {
    let mut v: Vec<_> = ctx
        .invoices
        .iter()
        .filter(|(i, s)| {
            s.status == InvoiceStatus::Overdue && s.balance.is_positive() && i.due_date < ctx.today
        })
        .collect();
    v.sort_by_key(|(i, _)| (i.due_date, i.number.clone()));
    v
}

/// A total row: the label in the first cell, the amount in column `at`, the other cells empty.
fn total_row(label: &str, columns: usize, at: usize, amount: Money) -> Vec<String> {
    (0..columns)
        .map(|i| match i {
            0 => label.to_owned(),
            i if i == at => amount.format_fr(),
            _ => String::new(),
        })
        .collect()
}

/// The invoice table: number, date, due date, amount TTC, paid (payments and credit notes), balance, and the
/// state for the relevé de compte.
fn invoice_table(rows: &[&(Invoice, InvoiceState)], with_state: bool) -> Result<Table> {
    let mut columns = vec![
        col("Facture", 18, false),
        col("Date", 15, false),
        col("Échéance", 15, false),
        col("Montant TTC", 18, true),
        col("Réglé", 16, true),
        col("Reste dû", 18, true),
    ];
    if with_state {
        columns.push(col("État", 16, false));
    }
    Ok(Table {
        columns,
        rows: rows
            .iter()
            .map(|(i, s)| {
                let mut row = vec![
                    i.number.clone(),
                    format_date_fr(i.issue_date),
                    format_date_fr(i.due_date),
                    i.amount.format_fr(),
                    s.paid_and_credited()?.format_fr(),
                    s.balance.format_fr(),
                ];
                if with_state {
                    row.push(
                        match s.status {
                            InvoiceStatus::Overdue => "échue",
                            InvoiceStatus::Disputed => "en litige",
                            _ => "à échoir",
                        }
                        .to_owned(),
                    );
                }
                Ok(row)
            })
            .collect::<Result<_>>()?,
        totals: Vec::new(),
    })
}

/// The claimed invoices' table, with their total when there are several.
fn claimed_table(rows: &[&(Invoice, InvoiceState)], principal: Money) -> Result<Table> {
    let mut t = invoice_table(rows, false)?;
    if rows.len() > 1 {
        t.totals.push(total_row("Total", 6, 5, principal));
    }
    Ok(t)
}

/// The claimed invoices, or the refusal when nothing overdue and undisputed is left: `what` is the letter's
/// purpose (« mettre en demeure », « relancer »).
fn claimed_or_refuse<'a>(
    ctx: &'a LetterContext<'_>,
    what: &str,
) -> Result<Vec<&'a (Invoice, InvoiceState)>> {
    let rows = claimed(ctx);
    if rows.is_empty() {
        return Err(Error::new(
            ErrorCode::NothingToDraft,
            format!(
                "{} n'a aucune facture échue et non contestée à régler au {}\u{a0}: il n'y a rien à {what}.",
                ctx.client.name,
                format_date_fr(ctx.today)
            ),
        ));
    }
    Ok(rows)
}

fn col(title: &str, width: u8, right: bool) -> Column {
    Column {
        title: title.to_owned(),
        width,
        right,
    }
}

/// The contacts already made about these invoices, in words: « relance par courriel le 21 septembre 2026 ».
fn contacts(ctx: &LetterContext<'_>, since: NaiveDate) -> Vec<String> {
    crate::model::in_force(ctx.journal)
        .filter(|e| e.date > since && e.date <= ctx.today)
        .filter_map(|e| {
            let what = match e.kind {
                JournalKind::PreventiveNote => return None,
                JournalKind::FriendlyReminder
                | JournalKind::FirmReminder
                | JournalKind::LastReminder => match e.channel {
                    Some(crate::model::ContactChannel::Letter) => "relance par courrier",
                    _ => "relance par courriel",
                },
                JournalKind::Call => match e.call_outcome {
                    Some(crate::model::CallOutcome::NoAnswer) => "appel resté sans réponse",
                    _ => "appel",
                },
                JournalKind::Letter => "courrier",
                JournalKind::FormalNotice => "mise en demeure",
                _ => return None,
            };
            let mut s = format!("{what} le {}", format_date_long_fr(e.date));
            if let Some(p) = e.promise_date {
                s.push_str(&format!(
                    ", lors duquel un règlement a été promis pour le {}",
                    format_date_long_fr(p)
                ));
            }
            Some(s)
        })
        .collect()
}

fn join_fr(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} et {}", rest.join(", "), last),
        _ => items.join(""),
    }
}

fn payment_details(ctx: &LetterContext<'_>, reference: &str) -> String {
    let b = ctx.business;
    let payee = b.legal_name.clone();
    match &b.iban {
        Some(iban) => format!(
            "Règlement par virement sur le compte IBAN {}{}, en indiquant la référence {}, ou par chèque à l'ordre de {payee}.",
            format_iban(iban).replace(' ', "\u{a0}"),
            b.bic.as_deref().map(|x| format!(" (BIC {x})")).unwrap_or_default(),
            fr_quote(reference),
        ),
        None => format!(
            "Règlement par chèque à l'ordre de {payee}, en indiquant la référence {}.",
            fr_quote(reference)
        ),
    }
}

fn reference(rows: &[&(Invoice, InvoiceState)]) -> String {
    rows.iter()
        .map(|(i, _)| i.number.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

fn deadline_days(opts: &LetterOptions) -> Result<u32> {
    let d = opts.deadline_days.unwrap_or(DEFAULT_DEADLINE_DAYS);
    if d == 0 || d > MAX_DEADLINE_DAYS {
        return Err(Error::field(
            ErrorCode::InvalidSetting,
            "deadline_days",
            format!("Délai de paiement\u{a0}: indiquez un nombre de jours entre 1 et {MAX_DEADLINE_DAYS} (8 jours est l'usage)."),
        ));
    }
    Ok(d)
}

fn edited(text: &Option<String>, field: &str, default: String) -> Result<String> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some(t) => {
            if t.chars().count() > 2000 {
                return Err(Error::field(
                    ErrorCode::TooLong,
                    field,
                    "Ce paragraphe dépasse 2 000 caractères\u{a0}: raccourcissez-le.",
                ));
            }
            if t.chars().any(|c| c.is_control() && c != '\n') {
                return Err(Error::field(
                    ErrorCode::ControlCharacters,
                    field,
                    "Ce paragraphe contient des caractères invisibles\u{a0}: retapez-le.",
                ));
            }
            Ok(t.to_owned())
        }
    }
}

fn rate_words(basis: RateBasis, rate: rust_decimal::Decimal) -> String {
    match basis {
        RateBasis::EcbPlusTen => format!(
            "{} l'an (taux de refinancement de la Banque centrale européenne majoré de 10 points)",
            format_rate_fr(rate)
        ),
        RateBasis::Stipulated => format!("{} l'an (taux prévu au contrat)", format_rate_fr(rate)),
        RateBasis::Floor => format!(
            "{} l'an (trois fois le taux de l'intérêt légal, minimum prévu par la loi)",
            format_rate_fr(rate)
        ),
        RateBasis::LegalInterest => {
            format!("{} l'an (taux de l'intérêt légal)", format_rate_fr(rate))
        }
    }
}

/// The rates used, in words: one rate, or « aux taux indiqués en annexe ».
fn rates_sentence(p: &ClientPenalties) -> String {
    let mut seen: Vec<(RateBasis, rust_decimal::Decimal)> = Vec::new();
    for s in p.invoices.iter().flat_map(|i| i.accrual.segments.iter()) {
        if !seen.contains(&(s.basis, s.rate)) {
            seen.push((s.basis, s.rate));
        }
    }
    match seen.as_slice() {
        [(b, r)] => format!("au taux de {}", rate_words(*b, *r)),
        _ => "aux taux en vigueur pour chaque semestre, indiqués en annexe".to_owned(),
    }
}

/// The real next step if nothing is paid (legal-fr A.6, B §5): injonction de payer; for 5 000 € or less, the
/// procédure simplifiée (B2B) or a conciliateur de justice (B2C). Never a threat beyond it.
fn next_step(kind: ClientKind, total: Money) -> String {
    let small = total <= Money::from_cents(500_000);
    match (kind, small) {
        (ClientKind::Professional, true) => "À défaut de règlement dans ce délai, j'engagerai sans autre avis une procédure de recouvrement\u{a0}: procédure simplifiée de recouvrement des petites créances auprès d'un commissaire de justice, ou requête en injonction de payer auprès du tribunal compétent.".to_owned(),
        (ClientKind::Professional, false) => "À défaut de règlement dans ce délai, je saisirai sans autre avis le tribunal compétent d'une requête en injonction de payer.".to_owned(),
        (ClientKind::Consumer, true) => "À défaut de règlement dans ce délai, je saisirai sans autre avis un conciliateur de justice ou le tribunal compétent d'une requête en injonction de payer.".to_owned(),
        (ClientKind::Consumer, false) => "À défaut de règlement dans ce délai, je saisirai sans autre avis le tribunal compétent d'une requête en injonction de payer.".to_owned(),
    }
}

const FAREWELL: &str =
    "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.";

fn formal_notice(
    ctx: &LetterContext<'_>,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    let rows = claimed_or_refuse(ctx, "mettre en demeure")?;
    let days = deadline_days(opts)?;
    let b2b = ctx.client.kind == ClientKind::Professional;
    let p = ctx.penalties;
    let principal = Money::sum(rows.iter().map(|(_, s)| s.balance))?;
    let oldest = rows
        .iter()
        .map(|(i, _)| i.due_date)
        .min()
        .unwrap_or(ctx.today);
    let past = contacts(ctx, oldest);
    let several = rows.len() > 1;
    let (these, remain) = if several {
        ("les factures suivantes", "restent impayées")
    } else {
        ("la facture suivante", "reste impayée")
    };
    let default_opening = if past.is_empty() {
        let its = if several { "leur" } else { "son" };
        format!("Sauf erreur de ma part, {these} {remain} à ce jour, bien que {its} échéance soit passée\u{a0}:")
    } else {
        format!(
            "Malgré nos échanges ({}), {these} {remain} à ce jour\u{a0}:",
            join_fr(&past)
        )
    };
    let opening = edited(&opts.opening, "opening", default_opening)?;
    let mut body = vec![
        Block::Paragraph {
            text: opening.clone(),
        },
        Block::Table {
            table: claimed_table(&rows, principal)?,
        },
    ];
    let (interest, indemnities) = (p.interest, p.indemnities);
    if b2b {
        let mut text = format!(
            "En application de l'article L441-10 du Code de commerce, des pénalités de retard sont dues de plein droit depuis le lendemain de chaque échéance, {}\u{a0}; elles s'élèvent à {} au {} (décompte en annexe) et continuent de courir jusqu'au paiement complet.",
            rates_sentence(p),
            interest.format_fr(),
            format_date_long_fr(ctx.today)
        );
        if indemnities.is_positive() {
            let n = indemnities.cents().checked_div(4000).unwrap_or(0);
            text.push_str(&format!(
                " S'y ajoute l'indemnité forfaitaire pour frais de recouvrement de 40,00\u{a0}€ par facture prévue par l'article D441-5 du même code, soit {}{}.",
                indemnities.format_fr(),
                if n > 1 { format!(" pour {n} factures") } else { String::new() }
            ));
        }
        body.push(Block::Paragraph { text });
    } else if interest.is_positive() {
        body.push(Block::Paragraph {
            text: format!(
                "Conformément aux articles 1231-6 et 1344-1 du Code civil, ces sommes portent intérêts au taux légal depuis la réception de ma mise en demeure du {}\u{a0}; ils s'élèvent à {} au {} (décompte en annexe).",
                p.formal_notice.map(format_date_long_fr).unwrap_or_default(),
                interest.format_fr(),
                format_date_long_fr(ctx.today)
            ),
        });
    }
    let total = principal.checked_add(interest)?.checked_add(indemnities)?;
    let mut totals = vec![vec![
        "Principal restant dû".to_owned(),
        principal.format_fr(),
    ]];
    if b2b {
        totals.push(vec![
            format!("Pénalités de retard au {}", format_date_fr(ctx.today)),
            interest.format_fr(),
        ]);
        if indemnities.is_positive() {
            totals.push(vec![
                "Indemnité forfaitaire pour frais de recouvrement".to_owned(),
                indemnities.format_fr(),
            ]);
        }
    } else if interest.is_positive() {
        totals.push(vec![
            format!("Intérêts au taux légal au {}", format_date_fr(ctx.today)),
            interest.format_fr(),
        ]);
    }
    body.push(Block::Table {
        table: Table {
            columns: vec![col("", 70, false), col("", 30, true)],
            rows: totals,
            totals: vec![vec!["Total réclamé".to_owned(), total.format_fr()]],
        },
    });
    body.push(Block::Strong {
        text: format!(
            "Par la présente, je vous mets en demeure de me régler la somme de {} dans un délai de {days} jours à compter de la réception de cette lettre.",
            total.format_fr()
        ),
    });
    if !b2b {
        body.push(Block::Paragraph {
            text: "Conformément aux articles 1231-6 et 1344-1 du Code civil, cette somme portera intérêts au taux légal à compter de la réception de la présente mise en demeure. Aucun frais de recouvrement ne vous est réclamé.".to_owned(),
        });
    }
    body.push(Block::Paragraph {
        text: payment_details(ctx, &reference(&rows)),
    });
    body.push(Block::Paragraph {
        text: next_step(ctx.client.kind, total),
    });
    let closing = edited(
        &opts.closing,
        "closing",
        "Si vous rencontrez une difficulté, toute proposition de règlement que vous me feriez dans ce délai, y compris un paiement échelonné, sera examinée avec attention.".to_owned(),
    )?;
    body.push(Block::Paragraph {
        text: closing.clone(),
    });

    let annex = if interest.is_positive() {
        Some(breakdown(ctx, b2b)?)
    } else {
        None
    };
    let copies = if several {
        format!(
            "copie des factures {}",
            join_fr(
                &rows
                    .iter()
                    .map(|(i, _)| i.number.clone())
                    .collect::<Vec<_>>()
            )
        )
    } else {
        format!("copie de la facture {}", reference(&rows))
    };
    Ok(Letter {
        kind: LetterKind::FormalNotice,
        client_id: ctx.client.id,
        date: ctx.today,
        title: format!(
            "Mise en demeure – {} – {}",
            ctx.client.name,
            format_date_fr(ctx.today)
        ),
        sender,
        recipient,
        place_date: place_date(ctx),
        mention: Some(registered_mention(opts)),
        subject: format!(
            "Objet\u{a0}: MISE EN DEMEURE DE PAYER – {} {}",
            if several { "factures" } else { "facture" },
            reference(&rows)
        ),
        salutation: "Madame, Monsieur,".to_owned(),
        body,
        farewell: FAREWELL.to_owned(),
        signature: signature(ctx.business),
        enclosures: Some(format!(
            "Pièces jointes\u{a0}: {copies}{}.",
            if annex.is_some() {
                "\u{a0}; décompte des sommes réclamées (annexe)"
            } else {
                ""
            }
        )),
        annex,
        fold_marks: !opts.no_fold_marks,
        opening,
        closing,
        deadline_days: Some(days),
        principal,
        interest,
        indemnities,
        total,
        plan_id: None,
        countersignature: Vec::new(),
    })
}

/// The annex: per invoice, per half-year segment, the days, base, rate and amount.
fn breakdown(ctx: &LetterContext<'_>, b2b: bool) -> Result<Annex> {
    let p = ctx.penalties;
    let mut rows = Vec::new();
    for inv in &p.invoices {
        for s in &inv.accrual.segments {
            rows.push(vec![
                inv.number.clone(),
                format!("{} → {}", format_date_fr(s.from), format_date_fr(s.to)),
                s.days.to_string(),
                s.base.format_fr(),
                format_rate_fr(s.rate),
                s.amount.format_fr(),
            ]);
        }
    }
    let mut totals = vec![total_row(
        if b2b {
            "Pénalités de retard"
        } else {
            "Intérêts au taux légal"
        },
        6,
        5,
        p.interest,
    )];
    if p.indemnities.is_positive() {
        totals.push(total_row(
            "Indemnités forfaitaires (40,00\u{a0}€ par facture)",
            6,
            5,
            p.indemnities,
        ));
    }
    let mut body = vec![
        Block::Paragraph {
            text: if b2b {
                "Pénalités de retard (C. com. L441-10 II)\u{a0}: intérêts simples sur le reste dû de chaque facture, jour par jour depuis le lendemain de l'échéance, sur une année de 365 jours. Le taux est celui en vigueur au 1er janvier ou au 1er juillet de chaque semestre\u{a0}; un règlement partiel réduit la base à compter de sa date. Chaque période est arrondie au centime.".to_owned()
            } else {
                "Intérêts au taux légal (C. civ. 1231-6 et 1344-1)\u{a0}: intérêts simples sur le reste dû, jour par jour depuis la réception de la mise en demeure, sur une année de 365 jours, au taux de chaque semestre. Chaque période est arrondie au centime.".to_owned()
            },
        },
        Block::Table {
            table: Table {
                columns: vec![
                    col("Facture", 17, false),
                    col("Période", 27, false),
                    col("Jours", 9, true),
                    col("Base", 17, true),
                    col("Taux", 13, true),
                    col("Montant", 17, true),
                ],
                rows,
                totals,
            },
        },
    ];
    body.push(Block::Paragraph {
        text: format!(
            "Montants arrêtés au {}. Les {} continuent de courir jusqu'au paiement complet.",
            format_date_long_fr(ctx.today),
            if b2b { "pénalités" } else { "intérêts" }
        ),
    });
    Ok(Annex {
        title: format!(
            "Annexe – Décompte {} au {}",
            if b2b {
                "des pénalités de retard"
            } else {
                "des intérêts"
            },
            format_date_long_fr(ctx.today)
        ),
        body,
    })
}

fn reminder(
    ctx: &LetterContext<'_>,
    kind: LetterKind,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    let rows = claimed_or_refuse(ctx, "relancer")?;
    let firm = kind == LetterKind::FirmReminder;
    let b2b = ctx.client.kind == ClientKind::Professional;
    let several = rows.len() > 1;
    let principal = Money::sum(rows.iter().map(|(_, s)| s.balance))?;
    let oldest = rows
        .iter()
        .map(|(i, _)| i.due_date)
        .min()
        .unwrap_or(ctx.today);
    let past = contacts(ctx, oldest);
    let days = deadline_days(opts)?;
    let by = crate::calendar::Calendar::france().on_or_after(
        ctx.today
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .unwrap_or(ctx.today),
    );
    let default_opening = match (firm, several) {
        (false, false) => "Sauf erreur de ma part, la facture ci-dessous n'a pas encore été réglée. Il s'agit sans doute d'un oubli\u{a0}; je me permets donc de vous la rappeler.".to_owned(),
        (false, true) => "Sauf erreur de ma part, les factures ci-dessous n'ont pas encore été réglées. Il s'agit sans doute d'un oubli\u{a0}; je me permets donc de vous les rappeler.".to_owned(),
        (true, _) => {
            let what = if several { "les factures ci-dessous restent impayées" } else { "la facture ci-dessous reste impayée" };
            if past.is_empty() {
                let its = if several { "leur" } else { "son" };
                format!("Sauf erreur de ma part, {what} malgré {its} échéance.")
            } else {
                format!("Malgré nos échanges ({}), {what} à ce jour.", join_fr(&past))
            }
        }
    };
    let opening = edited(&opts.opening, "opening", default_opening)?;
    let mut body = vec![
        Block::Paragraph {
            text: opening.clone(),
        },
        Block::Table {
            table: claimed_table(&rows, principal)?,
        },
        Block::Strong {
            text: format!(
                "Je vous remercie de bien vouloir procéder au règlement de {} avant le {}.",
                principal.format_fr(),
                format_date_long_fr(by)
            ),
        },
        Block::Paragraph {
            text: payment_details(ctx, &reference(&rows)),
        },
    ];
    let (mut interest, mut indemnities) = (Money::ZERO, Money::ZERO);
    if firm && b2b && ctx.penalties.interest.is_positive() {
        interest = ctx.penalties.interest;
        indemnities = ctx.penalties.indemnities;
        body.push(Block::Paragraph {
            text: format!(
                "Je vous rappelle qu'en application des articles L441-10 et D441-5 du Code de commerce, ce retard rend exigibles de plein droit des pénalités de retard ({} au {}) et une indemnité forfaitaire pour frais de recouvrement de 40,00\u{a0}€ par facture.",
                interest.format_fr(),
                format_date_long_fr(ctx.today)
            ),
        });
    }
    let closing = edited(
        &opts.closing,
        "closing",
        if firm {
            "Si une difficulté explique ce retard, contactez-moi\u{a0}: nous pourrons convenir ensemble d'une solution, par exemple un paiement échelonné.".to_owned()
        } else {
            "Si le règlement est déjà parti, merci de ne pas tenir compte de ce courrier. Pour toute question sur cette facture, je reste à votre disposition.".to_owned()
        },
    )?;
    body.push(Block::Paragraph {
        text: closing.clone(),
    });
    let total = principal;
    Ok(Letter {
        kind,
        client_id: ctx.client.id,
        date: ctx.today,
        title: format!(
            "{} – {} – {}",
            if firm { "Relance ferme" } else { "Relance" },
            ctx.client.name,
            format_date_fr(ctx.today)
        ),
        sender,
        recipient,
        place_date: place_date(ctx),
        mention: None,
        subject: format!(
            "Objet\u{a0}: {} – {} {}",
            if firm { "Relance" } else { "Rappel" },
            if several { "factures" } else { "facture" },
            reference(&rows)
        ),
        salutation: "Madame, Monsieur,".to_owned(),
        body,
        farewell: FAREWELL.to_owned(),
        signature: signature(ctx.business),
        enclosures: Some(format!(
            "Pièce{} jointe{}\u{a0}: copie {} {}.",
            if several { "s" } else { "" },
            if several { "s" } else { "" },
            if several {
                "des factures"
            } else {
                "de la facture"
            },
            reference(&rows)
        )),
        annex: None,
        fold_marks: !opts.no_fold_marks,
        opening,
        closing,
        deadline_days: Some(days),
        principal,
        interest,
        indemnities,
        total,
        plan_id: None,
        countersignature: Vec::new(),
    })
}

fn statement(
    ctx: &LetterContext<'_>,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    let mut open: Vec<&(Invoice, InvoiceState)> = ctx
        .invoices
        .iter()
        .filter(|(i, s)| s.balance.is_positive() && i.issue_date <= ctx.today)
        .filter(|(_, s)| {
            !matches!(
                s.status,
                InvoiceStatus::WrittenOff | InvoiceStatus::Cancelled | InvoiceStatus::Paid
            )
        })
        .collect();
    open.sort_by_key(|(i, _)| (i.due_date, i.number.clone()));
    let total = Money::sum(open.iter().map(|(_, s)| s.balance))?;
    let overdue = Money::sum(
        open.iter()
            .filter(|(i, s)| s.status == InvoiceStatus::Overdue && i.due_date < ctx.today)
            .map(|(_, s)| s.balance),
    )?;
    let default_opening = if open.is_empty() {
        format!(
            "Sauf erreur ou omission de ma part, votre compte est soldé au {}\u{a0}: aucune facture n'est en attente de règlement. Je vous remercie de votre confiance.",
            format_date_long_fr(ctx.today)
        )
    } else {
        format!(
            "Veuillez trouver ci-dessous le relevé de votre compte au {}, sauf erreur ou omission de ma part.",
            format_date_long_fr(ctx.today)
        )
    };
    let opening = edited(&opts.opening, "opening", default_opening)?;
    let mut body = vec![Block::Paragraph {
        text: opening.clone(),
    }];
    if !open.is_empty() {
        let mut table = invoice_table(&open, true)?;
        table.totals.push(total_row("Total dû", 7, 5, total));
        if overdue.is_positive() && overdue != total {
            table.totals.push(total_row("dont échu", 7, 5, overdue));
        }
        body.push(Block::Table { table });
        body.push(Block::Paragraph {
            text: payment_details(ctx, &reference(&open)),
        });
    }
    let closing = edited(
        &opts.closing,
        "closing",
        "Si un règlement ou un avoir n'apparaît pas sur ce relevé, merci de me l'indiquer afin que je mette votre compte à jour.".to_owned(),
    )?;
    body.push(Block::Paragraph {
        text: closing.clone(),
    });
    Ok(Letter {
        kind: LetterKind::Statement,
        client_id: ctx.client.id,
        date: ctx.today,
        title: format!(
            "Relevé de compte – {} – {}",
            ctx.client.name,
            format_date_fr(ctx.today)
        ),
        sender,
        recipient,
        place_date: place_date(ctx),
        mention: None,
        subject: format!(
            "Objet\u{a0}: Relevé de compte au {}",
            format_date_fr(ctx.today)
        ),
        salutation: "Madame, Monsieur,".to_owned(),
        body,
        farewell: FAREWELL.to_owned(),
        signature: signature(ctx.business),
        enclosures: None,
        annex: None,
        fold_marks: !opts.no_fold_marks,
        opening,
        closing,
        deadline_days: None,
        principal: total,
        interest: Money::ZERO,
        indemnities: Money::ZERO,
        total,
        plan_id: None,
        countersignature: Vec::new(),
    })
}

impl Letter {
    /// Every word of the letter in reading order, one string per line of text (for tests and search).
    pub fn plain_text(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        out.extend(self.sender.iter().cloned());
        out.extend(self.recipient.iter().cloned());
        out.push(self.place_date.clone());
        out.extend(self.mention.iter().cloned());
        out.push(self.subject.clone());
        out.push(self.salutation.clone());
        let blocks = |out: &mut Vec<String>, body: &[Block]| {
            for b in body {
                match b {
                    Block::Paragraph { text } | Block::Strong { text } => out.push(text.clone()),
                    Block::Table { table } => {
                        out.push(
                            table
                                .columns
                                .iter()
                                .map(|c| c.title.clone())
                                .collect::<Vec<_>>()
                                .join(" "),
                        );
                        for r in table.rows.iter().chain(&table.totals) {
                            out.push(r.join(" "));
                        }
                    }
                }
            }
        };
        blocks(&mut out, &self.body);
        out.push(self.farewell.clone());
        out.extend(self.signature.iter().cloned());
        out.extend(self.enclosures.iter().cloned());
        if let Some(a) = &self.annex {
            out.push(a.title.clone());
            blocks(&mut out, &a.body);
        }
        out.join("\n")
    }
}

/// A letter printed in its final version: its archived copy, and its posting once the user enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterRecord {
    pub id: i64,
    pub client_id: ClientId,
    pub kind: LetterKind,
    pub date: NaiveDate,
    /// File name of the archived copy, in the letters folder beside the database.
    pub file: String,
    /// SHA-256 of the archived PDF, in hexadecimal.
    pub sha256: String,
    pub size: i64,
    pub total: Money,
    pub journal_id: i64,
    /// The LRAR number (« 1A 123 456 7890 1 »).
    pub registered_number: Option<String>,
    pub posted_on: Option<NaiveDate>,
    /// The date on the avis de réception.
    pub received_on: Option<NaiveDate>,
    /// The payment calendar, for its agreement and its déchéance notice.
    pub plan_id: Option<crate::plans::PlanId>,
}

/// What the user types after posting a letter: all optional, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailingInput {
    #[serde(default)]
    pub registered_number: String,
    #[serde(default)]
    pub posted_on: String,
    #[serde(default)]
    pub received_on: String,
}

/// Validated posting details: (number, posted on, received on).
pub type Mailing = (Option<String>, Option<NaiveDate>, Option<NaiveDate>);

impl MailingInput {
    /// Checks the number and the dates: the posting on or after the letter, the AR on or after the posting, neither
    /// after today.
    pub fn validate(&self, letter_date: NaiveDate, today: NaiveDate) -> Result<Mailing> {
        let number = self.registered_number.trim();
        let number = if number.is_empty() {
            None
        } else {
            if number.chars().count() > 40
                || !number
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
            {
                return Err(Error::field(
                    ErrorCode::InvalidChoice,
                    "registered_number",
                    "N° de recommandé\u{a0}: lettres, chiffres et espaces seulement, 40 au plus (ex.\u{a0}: 1A 123 456 7890 1).",
                ));
            }
            Some(number.to_owned())
        };
        let posted =
            crate::text::parse_optional_date("posted_on", "Date de dépôt", Some(&self.posted_on))?;
        let received = crate::text::parse_optional_date(
            "received_on",
            "Date de l'accusé de réception",
            Some(&self.received_on),
        )?;
        if let Some(p) = posted {
            if p < letter_date || p > today {
                return Err(Error::field(
                    ErrorCode::InvalidDate,
                    "posted_on",
                    format!(
                        "Date de dépôt\u{a0}: entre la date de la lettre ({}) et aujourd'hui ({}).",
                        format_date_fr(letter_date),
                        format_date_fr(today)
                    ),
                ));
            }
        }
        if let Some(r) = received {
            let from = posted.unwrap_or(letter_date);
            if r < from || r > today {
                return Err(Error::field(
                    ErrorCode::InvalidDate,
                    "received_on",
                    format!(
                        "Date de l'accusé de réception\u{a0}: entre le {} et aujourd'hui ({}).",
                        format_date_fr(from),
                        format_date_fr(today)
                    ),
                ));
            }
        }
        Ok((number, posted, received))
    }
}
