//! Letters by post, as a document model (pure: data in, a [`Letter`] out): the mise en demeure de payer, the
//! relance (friendly or firm) and the relevé de compte. The `tact-letters` crate lays a `Letter` out on A4 pages
//! (legal-fr A.7) and writes the PDF.
//!
//! The texts follow legal-fr A.6 and B §4.2: sender and recipient identities, place and date, the registered-mail
//! mention, the invoice table, penalties with their legal basis (B2B: C. com. L441-10 and D441-5) or the
//! legal-interest statement (B2C: C. civ. 1231-6 and 1344-1, no fees, CPCE L111-8), the total, the deadline, the
//! payment details, the real next step, a polite close and the signatory. A mise en demeure never says that it
//! interrupts prescription (it does not, Cass. com. 18 May 2022, n° 20-23.204).

use crate::addressee::Addressee;
use crate::error::{Error, ErrorCode, Result};
use crate::legal::ClientPenalties;
use crate::legal::RateBasis;
use crate::model::{Business, Client, ClientId, ClientKind, Invoice, InvoiceStatus, JournalEntry};
use crate::money::{format_rate_fr, Money};
use crate::standing::InvoiceState;
use crate::text::{
    format_date_fr, format_date_long_fr, format_iban, format_siren_siret, fr_quote, join_fr,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod address;
mod dossier;
mod english;
mod formal_notice;
mod journal;
mod penalty_claim;
mod plan_letters;
mod record;
mod reminders;
pub use address::*;
use formal_notice::*;
pub use journal::journal_entry;
pub use record::*;
use reminders::*;

crate::model::labelled_enum!(
    /// The letters Tact prints.
    LetterKind {
        FormalNotice = "mise-en-demeure" / "Mise en demeure de payer",
        FriendlyReminder = "relance" / "Relance",
        FirmReminder = "relance-ferme" / "Relance ferme",
        Statement = "releve" / "Relevé de compte",
        PlanAgreement = "echeancier" / "Échéancier de paiement",
        PlanDefault = "decheance" / "Mise en demeure (déchéance du terme)",
        PenaltyClaim = "reclamation" / "Réclamation des pénalités de retard",
        RecoveryFile = "dossier" / "Dossier de recouvrement",
        Report = "rapport" / "Rapport",
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
    /// The language it is written in: the client's for the reminders and the relevé, French for the letters that
    /// carry French law.
    pub language: crate::model::Language,
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
    /// The LRAR number the letter prints, kept in its archive record.
    pub registered_number: Option<String>,
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
    /// The invoices the letter claims or lists. For a mise en demeure, the invoices it covers: a consumer's legal
    /// interest on an invoice runs only from a formal notice that covered it (C. civ. 1231-6, 1344-1).
    pub invoice_ids: Vec<crate::model::InvoiceId>,
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
    /// Signature blocks at its end (an agreement: the creditor's at the right, the debtor's at the left); empty
    /// for a breakdown.
    pub signature: Vec<String>,
    pub countersignature: Vec<String>,
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
    /// The client's archived letters, for the dossier de recouvrement.
    pub letters: &'a [LetterRecord],
    /// The client's payments, for the relevé de compte.
    pub payments: &'a [crate::model::Payment],
    pub today: NaiveDate,
}

/// Builds the letter of `kind`.
pub fn letter(ctx: &LetterContext<'_>, kind: LetterKind, opts: &LetterOptions) -> Result<Letter> {
    let recipient = recipient_block(ctx.client)?;
    let sender = sender_block(ctx.business);
    let english = ctx.client.language == crate::model::Language::English;
    match kind {
        LetterKind::FormalNotice if english => english::formal_notice(ctx, opts, sender, recipient),
        LetterKind::FormalNotice => formal_notice(ctx, opts, sender, recipient),
        LetterKind::FriendlyReminder | LetterKind::FirmReminder if english => {
            english::reminder(ctx, kind, opts, sender, recipient)
        }
        LetterKind::FriendlyReminder | LetterKind::FirmReminder => {
            reminder(ctx, kind, opts, sender, recipient)
        }
        LetterKind::Statement if english => english::statement(ctx, opts, sender, recipient),
        LetterKind::Statement => statement(ctx, opts, sender, recipient),
        LetterKind::PlanAgreement if english => english::agreement(ctx, opts, sender, recipient),
        LetterKind::PlanAgreement => plan_letters::agreement(ctx, opts, sender, recipient),
        LetterKind::PlanDefault if english => english::default_notice(ctx, opts, sender, recipient),
        LetterKind::PlanDefault => plan_letters::default_notice(ctx, opts, sender, recipient),
        LetterKind::PenaltyClaim if english => english::penalty_claim(ctx, opts, sender, recipient),
        LetterKind::PenaltyClaim => penalty_claim::penalty_claim(ctx, opts, sender, recipient),
        LetterKind::RecoveryFile => dossier::dossier(ctx, ctx.letters, sender),
        LetterKind::Report => Err(crate::error::Error::new(
            crate::error::ErrorCode::InvalidSetting,
            "Un rapport porte sur toutes les factures, pas sur un client\u{a0}: utilisez «\u{a0}tact report\u{a0}» ou le tableau de bord.",
        )),
    }
}

/// A document of the business, not a letter (a report for the accountant or the bank): no window, no
/// salutation, no signature; the business at the top left, the place and date, the title, the body.
pub fn document(
    business: &Business,
    today: NaiveDate,
    title: String,
    subject: String,
    body: Vec<Block>,
) -> Letter {
    Letter {
        kind: LetterKind::Report,
        language: crate::model::Language::French,
        client_id: 0,
        date: today,
        title,
        sender: sender_block(business),
        recipient: Vec::new(),
        place_date: place_and_date(business, today),
        mention: None,
        registered_number: None,
        subject,
        salutation: String::new(),
        body,
        farewell: String::new(),
        signature: Vec::new(),
        enclosures: None,
        annex: None,
        fold_marks: false,
        opening: String::new(),
        closing: String::new(),
        deadline_days: None,
        principal: Money::ZERO,
        interest: Money::ZERO,
        indemnities: Money::ZERO,
        total: Money::ZERO,
        plan_id: None,
        countersignature: Vec::new(),
        invoice_ids: Vec::new(),
    }
}

/// Where the business signs: its signing city, else its own city.
fn signing_place(b: &Business) -> Option<String> {
    b.signing_city.clone().or_else(|| b.contact.city.clone())
}

fn place_date(ctx: &LetterContext<'_>) -> String {
    place_and_date(ctx.business, ctx.today)
}

/// « Lyon, le 23 novembre 2026 ».
fn place_and_date(b: &Business, today: NaiveDate) -> String {
    match signing_place(b) {
        Some(p) => format!("{p}, le {}", format_date_long_fr(today)),
        None => format!("Le {}", format_date_long_fr(today)),
    }
}

/// « Lettre recommandée avec accusé de réception n° … », the number once known (legal-fr A.7).
fn registered_mention(opts: &LetterOptions) -> String {
    format!(
        "Lettre recommandée avec accusé de réception n°\u{a0}{}",
        registered_or_blank(opts)
    )
}

/// The LRAR number as typed, or dots to fill in by hand.
fn registered_or_blank(opts: &LetterOptions) -> String {
    registered_number(opts).unwrap_or_else(|| "………………………………".to_owned())
}

/// The LRAR number as typed, when there is one.
fn registered_number(opts: &LetterOptions) -> Option<String> {
    opts.registered_number
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
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

/// The contacts already made about these invoices since `since`, in words (see [`crate::past`]).
fn contacts(ctx: &LetterContext<'_>, since: NaiveDate) -> crate::past::Past {
    crate::past::Past::of(ctx.journal, since, ctx.today)
}

/// « Madame, », « Monsieur, », « Madame, Monsieur, » (see [`crate::addressee`]).
fn salutation(ctx: &LetterContext<'_>) -> String {
    Addressee::of(ctx.client).salutation(crate::model::Language::French)
}

/// « Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées. »
fn farewell(ctx: &LetterContext<'_>) -> String {
    Addressee::of(ctx.client).farewell(crate::model::Language::French)
}

/// How much of an invoice is paid, when part of it is: « 300,00 € réglés sur 600,00 € ».
fn partly_paid(inv: &Invoice, st: &InvoiceState) -> Result<Option<String>> {
    let paid = st.paid_and_credited()?;
    Ok((paid.is_positive() && st.balance.is_positive())
        .then(|| format!("{} réglés sur {}", paid.format_fr(), inv.amount.format_fr())))
}

/// « Pièce jointe : … » or « Pièces jointes : … », as many as there are.
fn enclosures(items: &[String]) -> Option<String> {
    match items {
        [] => None,
        [one] => Some(format!("Pièce jointe\u{a0}: {one}.")),
        _ => Some(format!("Pièces jointes\u{a0}: {}.", items.join("\u{a0}; "))),
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

/// The rates (and their bases) the penalties were computed at, each once, in order of use.
fn rates_used(p: &ClientPenalties) -> Vec<(RateBasis, rust_decimal::Decimal)> {
    let mut seen = Vec::new();
    for s in p
        .invoices
        .iter()
        .filter(|i| i.waived_on.is_none())
        .flat_map(|i| i.accrual.segments.iter())
    {
        if !seen.contains(&(s.basis, s.rate)) {
            seen.push((s.basis, s.rate));
        }
    }
    seen
}

/// The rates used, in words: one rate, or « aux taux indiqués en annexe ».
fn rates_sentence(p: &ClientPenalties) -> String {
    match rates_used(p).as_slice() {
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
