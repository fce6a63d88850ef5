//! Ready-to-use drafts for the engine's steps: the email (subject and body) in the client's language, the call
//! sheet for a phone call, and the confirmation email after a call. Pure: data in, text out; "today" is a
//! parameter.
//!
//! Voice (words.md): vouvoiement, courteous and factual; the firm steps are firm by their content (dates, amounts,
//! the legal basis, the next step), never by adjectives or threats; no exclamation marks. French typography: a
//! no-break space before « : ; ? » and inside guillemets, amounts as `1 234,56 €`.
//!
//! B2B wording of penalties and the 40 € indemnity: C. com. L441-10 II and D441-5. Consumers: no fees of any kind
//! (CPCE L111-8); legal interest only from a mise en demeure (C. civ. 1231-6, 1344-1). The penalty amounts come
//! with the letters (legal amounts); until then the drafts state that they are due by law.

use crate::calendar::Calendar;
use crate::engine::{Action, Step, Suggestion};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    Business, CallOutcome, Client, ClientKind, Invoice, JournalEntry, JournalKind, Language,
};
use crate::money::Money;
use crate::standing::InvoiceState;
use crate::text::{format_date_fr, format_date_long_fr, format_iban};
use chrono::{Days, NaiveDate};
use serde::Serialize;

mod plan_drafts;

/// One invoice of a draft's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DraftLine {
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Money,
    /// Paid and credited.
    pub paid: Money,
    pub balance: Money,
    pub days_late: Option<i64>,
}

/// What to say and ask on the phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CallSheet {
    pub phone: Option<String>,
    pub who: Option<String>,
    pub when: String,
    pub opening: String,
    pub questions: Vec<String>,
    pub offers: Vec<String>,
    pub to_note: Vec<String>,
}

/// A draft to review, edit and send (or, for an internal decision, to read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Draft {
    pub client_id: i64,
    pub action: Action,
    pub language: Language,
    /// The recipient's email address, when the draft is an email and the client has one.
    pub to: Option<String>,
    pub subject: String,
    pub body: String,
    /// False for a memo to the user (the options after the deadline, writing off).
    pub sendable: bool,
    pub lines: Vec<DraftLine>,
    pub total: Money,
    pub call_sheet: Option<CallSheet>,
}

/// An email as the user sends it, after editing the draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EmailText {
    pub to: Option<String>,
    pub subject: String,
    pub body: String,
}

impl Draft {
    /// The draft as an email, as written.
    pub fn email(&self) -> EmailText {
        EmailText {
            to: self.to.clone(),
            subject: self.subject.clone(),
            body: self.body.clone(),
        }
    }
}

/// What a draft reads.
#[derive(Debug, Clone)]
pub struct DraftContext<'a> {
    pub business: &'a Business,
    pub client: &'a Client,
    /// The client's invoices with their states (at least those the suggestion names).
    pub invoices: &'a [(Invoice, InvoiceState)],
    /// The client's history, oldest first (corrected entries are skipped).
    pub journal: &'a [JournalEntry],
    /// The client's payment calendar still open, for its emails.
    pub plan: Option<&'a crate::plans::PlanState>,
    pub today: NaiveDate,
}

#[derive(Clone, Copy)]
struct Lang(Language);

impl Lang {
    fn en(self) -> bool {
        self.0 == Language::English
    }
    fn t<'s>(self, fr: &'s str, en: &'s str) -> &'s str {
        if self.en() {
            en
        } else {
            fr
        }
    }
    fn money(self, m: Money) -> String {
        if self.en() {
            // €1,234.56
            let s = m.format_fr_number();
            let (int, dec) = s.split_once(',').unwrap_or((&s, "00"));
            format!("€{}.{dec}", int.replace('\u{202f}', ","))
        } else {
            m.format_fr()
        }
    }
    fn date(self, d: NaiveDate) -> String {
        format_date_fr(d)
    }
    fn long_date(self, d: NaiveDate) -> String {
        if self.en() {
            d.format("%-d %B %Y").to_string()
        } else {
            format_date_long_fr(d)
        }
    }
    /// French puts a no-break space before a colon.
    fn colon(self) -> &'static str {
        self.t("\u{a0}:", ":")
    }
    fn days(self, n: i64) -> String {
        match (self.en(), n) {
            (false, 1) => "1\u{a0}jour".into(),
            (false, n) => format!("{n}\u{a0}jours"),
            (true, 1) => "1 day".into(),
            (true, n) => format!("{n} days"),
        }
    }
    fn journal_label(self, kind: JournalKind) -> String {
        if !self.en() {
            return kind.label_fr().to_lowercase();
        }
        match kind {
            JournalKind::PreventiveNote => "reminder before the due date",
            JournalKind::FriendlyReminder => "reminder",
            JournalKind::FirmReminder => "second reminder",
            JournalKind::LastReminder => "final reminder",
            JournalKind::Call => "phone call",
            JournalKind::Letter => "letter",
            JournalKind::FormalNotice => "formal notice",
            _ => "exchange",
        }
        .into()
    }
}

/// « Bonjour Claire Dumas, », « Bonjour Monsieur Roche, », or « Bonjour, ».
fn greeting(client: &Client, l: Lang) -> String {
    let name = client.contact_name.as_deref().or(match client.kind {
        ClientKind::Consumer => Some(client.name.as_str()),
        ClientKind::Professional => None,
    });
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return l.t("Bonjour,", "Hello,").into();
    };
    let last = name.split_whitespace().last().unwrap_or(name);
    let civil = [
        ("M. ", "Monsieur", "Mr"),
        ("Mme ", "Madame", "Ms"),
        ("Mlle ", "Madame", "Ms"),
    ]
    .iter()
    .find(|(prefix, _, _)| name.starts_with(prefix));
    match (civil, l.en()) {
        (Some((_, fr, _)), false) => format!("Bonjour {fr} {last},"),
        (Some((_, _, en)), true) => format!("Dear {en} {last},"),
        (None, false) => format!("Bonjour {name},"),
        (None, true) => format!("Dear {name},"),
    }
}

fn signature(b: &Business, l: Lang) -> String {
    let mut lines = vec![l.t("Bien cordialement,", "Kind regards,").to_owned()];
    lines.push(
        b.signatory_name
            .clone()
            .unwrap_or_else(|| b.legal_name.clone()),
    );
    if let Some(t) = b.trade_name.as_deref().filter(|t| !t.is_empty()) {
        lines.push(t.to_owned());
    }
    let reach: Vec<&str> = [b.contact.phone.as_deref(), b.contact.email.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !reach.is_empty() {
        lines.push(reach.join(" · "));
    }
    lines.join("\n")
}

fn line_of(inv: &Invoice, st: &InvoiceState) -> Result<DraftLine> {
    Ok(DraftLine {
        number: inv.number.clone(),
        issue_date: inv.issue_date,
        due_date: inv.due_date,
        amount: inv.amount,
        paid: st.paid_and_credited()?,
        balance: st.balance,
        days_late: st.days_late,
    })
}

/// The invoice table as text: one line per invoice with every column, then the total when there are several.
fn table(lines: &[DraftLine], l: Lang) -> Result<String> {
    let mut out: Vec<String> = lines
        .iter()
        .map(|x| {
            let late = x
                .days_late
                .map(|n| {
                    format!(
                        "{}{}",
                        l.t(", en retard de ", ", "),
                        l.days(n) + l.t("", " overdue")
                    )
                })
                .unwrap_or_default();
            let [word, of, due, amount, paid, balance] = if l.en() {
                ["Invoice", "of", "due", "amount", "already paid", "balance"]
            } else {
                [
                    "Facture",
                    "du",
                    "échéance le",
                    "montant",
                    "déjà réglé",
                    "reste dû",
                ]
            };
            format!(
                "– {word} {} {of} {}, {due} {}{} {amount} {}, {paid} {}, {balance} {}{late}",
                x.number,
                l.date(x.issue_date),
                l.date(x.due_date),
                l.colon(),
                l.money(x.amount),
                l.money(x.paid),
                l.money(x.balance)
            )
        })
        .collect();
    if lines.len() > 1 {
        let total = Money::sum(lines.iter().map(|x| x.balance))?;
        out.push(format!(
            "{}{} {}",
            l.t("Total restant dû", "Total balance"),
            l.colon(),
            l.money(total)
        ));
    }
    Ok(out.join("\n"))
}

fn numbers(lines: &[DraftLine]) -> String {
    lines
        .iter()
        .map(|x| x.number.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Facture F-1" / "Factures F-1, F-2" (subject lines).
fn invoices_word(lines: &[DraftLine], l: Lang) -> String {
    let word = match (lines.len() > 1, l.en()) {
        (false, false) => "Facture",
        (true, false) => "Factures",
        (false, true) => "Invoice",
        (true, true) => "Invoices",
    };
    format!("{word} {}", numbers(lines))
}

/// "la facture F-1" / "les factures F-1, F-2" (in a sentence); English "invoice F-1" / "invoices F-1, F-2".
fn the_invoices(lines: &[DraftLine], l: Lang) -> String {
    let word = match (lines.len() > 1, l.en()) {
        (false, false) => "la facture",
        (true, false) => "les factures",
        (false, true) => "invoice",
        (true, true) => "invoices",
    };
    format!("{word} {}", numbers(lines))
}

/// French "de" before a name, elided before a vowel: « d'Atelier Marchand », « de Studio Nova ».
fn de_fr(name: &str) -> String {
    let elide = name
        .chars()
        .next()
        .is_some_and(|c| "AEIOUYÂÉÈÊÎÔaeiouyâéèêîôh".contains(c));
    if elide {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

fn payment_details(b: &Business, lines: &[DraftLine], l: Lang) -> String {
    let Some(iban) = b.iban.as_deref() else {
        return String::new();
    };
    let mut s = format!(
        "{}{}\nIBAN{} {}",
        l.t("Pour le règlement par virement", "To pay by bank transfer"),
        l.colon(),
        l.colon(),
        format_iban(iban)
    );
    if let Some(bic) = b.bic.as_deref() {
        s.push_str(&format!("\nBIC{} {bic}", l.colon()));
    }
    s.push_str(&format!(
        "\n{}{} {}",
        l.t("Référence à indiquer", "Reference"),
        l.colon(),
        numbers(lines)
    ));
    s
}

/// Earlier contacts about these invoices, in force, oldest first: "relance amiable par e-mail le 21/09/2026".
fn history(ctx: &DraftContext<'_>, since: NaiveDate, l: Lang) -> Vec<String> {
    crate::model::in_force(ctx.journal)
        .filter(|e| e.date > since && e.date <= ctx.today)
        .filter(|e| {
            matches!(
                e.kind,
                JournalKind::PreventiveNote
                    | JournalKind::FriendlyReminder
                    | JournalKind::FirmReminder
                    | JournalKind::LastReminder
                    | JournalKind::Call
                    | JournalKind::Letter
                    | JournalKind::FormalNotice
            )
        })
        .map(|e| {
            let mut s = format!(
                "{} {} {}",
                l.journal_label(e.kind),
                l.t("le", "on"),
                l.date(e.date)
            );
            if e.kind == JournalKind::Call {
                match (e.call_outcome, e.promise_date) {
                    (Some(CallOutcome::NoAnswer), _) => {
                        s.push_str(l.t(", sans réponse", ", no answer"))
                    }
                    (_, Some(p)) => s.push_str(&format!(
                        "{} {}",
                        l.t(", promesse de règlement pour le", ", payment promised by"),
                        l.date(p)
                    )),
                    _ => {}
                }
            }
            s
        })
        .collect()
}

/// « Pour mémoire, nos échanges : relance amiable le 21/09/2026 ; appel le 08/10/2026, sans réponse. »
fn recap(past: &[String], l: Lang) -> String {
    format!(
        "{}{} {}.",
        l.t("Pour mémoire, nos échanges", "For reference, our exchanges"),
        l.colon(),
        past.join(l.t("\u{a0}; ", "; "))
    )
}

/// Eight calendar days from today, moved to a working day: the deadline the firm steps give.
fn in_eight_days(today: NaiveDate) -> NaiveDate {
    Calendar::france().on_or_after(today.checked_add_days(Days::new(8)).unwrap_or(today))
}

fn lines_for(ctx: &DraftContext<'_>, step: &Step) -> Result<Vec<DraftLine>> {
    step.invoices
        .iter()
        .filter_map(|id| ctx.invoices.iter().find(|(i, _)| i.id == *id))
        .map(|(i, s)| line_of(i, s))
        .collect()
}

fn legal_b2b(l: Lang) -> &'static str {
    l.t(
        "Je vous rappelle qu'en application de l'article L441-10 du Code de commerce, tout retard de paiement rend exigibles de plein droit des pénalités de retard, ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40\u{a0}€ par facture (article D441-5 du même code).",
        "Under article L441-10 of the French Commercial Code, any late payment makes late-payment penalties due by law, together with a fixed indemnity of €40 per invoice for recovery costs (article D441-5).",
    )
}

/// The draft for a client's suggestion (its main step, and the undisputed invoices alongside a dispute).
pub fn draft(ctx: &DraftContext<'_>, suggestion: &Suggestion) -> Result<Draft> {
    let step = &suggestion.step;
    let l = Lang(ctx.client.language);
    let b = ctx.business;
    let lines = lines_for(ctx, step)?;
    if step.action == Action::Nothing || lines.is_empty() {
        return Err(Error::new(
            ErrorCode::NothingToDraft,
            format!(
                "Rien à rédiger pour {}\u{a0}: aucune étape à faire.",
                ctx.client.name
            ),
        ));
    }
    let hello = greeting(ctx.client, l);
    let sign = signature(b, l);
    let pay = payment_details(b, &lines, l);
    let table_text = table(&lines, l)?;
    let mut total = Money::sum(lines.iter().map(|x| x.balance))?;
    let b2b = ctx.client.kind == ClientKind::Professional;
    let oldest_due = lines.iter().map(|x| x.due_date).min().unwrap_or(ctx.today);
    let one = lines.len() == 1;
    let past = history(ctx, oldest_due, l);
    let deadline = in_eight_days(ctx.today);
    let mut call_sheet = None;
    let mut sendable = true;

    let (subject, paragraphs): (String, Vec<String>) = match step.action {
        Action::PreventiveNote => (
            format!(
                "{} – {} {}",
                invoices_word(&lines, l),
                l.t("échéance du", "due on"),
                l.date(oldest_due)
            ),
            vec![
                l.t(
                    "Je me permets un petit mot avant l'échéance, pour m'assurer que vous avez bien reçu la facture ci-dessous et que tout est en ordre de votre côté.",
                    "A short note before the due date, to make sure you received the invoice below and that everything is in order on your side.",
                )
                .into(),
                table_text,
                pay,
                l.t(
                    "S'il vous manque quoi que ce soit (bon de commande, adresse de facturation, coordonnées), dites-le-moi et je vous l'envoie sans délai.",
                    "If anything is missing (purchase order, billing address, bank details), just let me know and I will send it right away.",
                )
                .into(),
            ],
        ),
        Action::FriendlyReminder => (
            format!(
                "{} – {}",
                invoices_word(&lines, l),
                l.t("règlement non reçu", "payment not received")
            ),
            vec![
                if one {
                    format!(
                        "{} {}{}",
                        l.t(
                            "Sauf erreur de ma part, je n'ai pas encore reçu le règlement de la facture suivante, arrivée à échéance le",
                            "Unless I am mistaken, I have not yet received payment of the following invoice, which fell due on"
                        ),
                        l.date(oldest_due),
                        l.colon()
                    )
                } else {
                    format!(
                        "{}{}",
                        l.t(
                            "Sauf erreur de ma part, je n'ai pas encore reçu le règlement des factures suivantes",
                            "Unless I am mistaken, I have not yet received payment of the following invoices"
                        ),
                        l.colon()
                    )
                },
                table_text,
                l.t(
                    "Il s'agit sans doute d'un simple oubli. Si le règlement est déjà parti, merci de ne pas tenir compte de ce message. Si quelque chose pose problème sur cette facture, dites-le-moi\u{a0}: nous trouverons une solution.",
                    "It is probably a simple oversight. If the payment is already on its way, please disregard this message. If anything is wrong with this invoice, please tell me and we will find a solution.",
                )
                .into(),
                pay,
            ],
        ),
        Action::FirmReminder | Action::LastReminder => {
            let last = step.action == Action::LastReminder;
            let mut p = Vec::new();
            p.push(if past.is_empty() {
                format!(
                    "{} {}{}",
                    l.t(
                        "Le règlement des sommes suivantes, échues depuis le",
                        "Payment of the following amounts, due since"
                    ),
                    l.date(oldest_due),
                    l.t(
                        ", ne m'est pas parvenu à ce jour\u{a0}:",
                        ", has not reached me to date:"
                    )
                )
            } else {
                format!(
                    "{}\n\n{}{}",
                    recap(&past, l),
                    l.t(
                        "Malgré ces démarches, les sommes suivantes restent impayées à ce jour",
                        "Despite these steps, the following amounts remain unpaid to date"
                    ),
                    l.colon()
                )
            });
            p.push(table_text);
            if b2b {
                p.push(legal_b2b(l).into());
            }
            if last {
                p.push(format!(
                    "{} {}, {}",
                    l.t(
                        "Sans règlement ni proposition de votre part d'ici le",
                        "Without payment or a proposal from you by"
                    ),
                    l.long_date(deadline),
                    l.t(
                        "je vous adresserai une mise en demeure de payer par lettre recommandée avec accusé de réception. Je reste disponible pour en parler et, si nécessaire, convenir d'un échéancier.",
                        "I will send you a formal notice to pay by registered letter with acknowledgment of receipt. I remain available to talk about it and, if needed, agree on a payment calendar."
                    )
                ));
            } else {
                p.push(format!(
                    "{} {}. {}",
                    l.t(
                        "Je vous remercie de bien vouloir procéder au règlement au plus tard le",
                        "Please settle this amount by"
                    ),
                    l.long_date(deadline),
                    l.t(
                        "Si une difficulté vous en empêche, appelez-moi\u{a0}: nous pouvons convenir d'une date ou d'un paiement en plusieurs fois.",
                        "If something prevents you from doing so, please call me: we can agree on a date or on payment in instalments."
                    )
                ));
            }
            p.push(pay);
            (
                format!(
                    "{}{} {} {} {}",
                    if last {
                        l.t("Dernière relance avant mise en demeure", "Final reminder before formal notice")
                    } else {
                        l.t("Relance", "Reminder")
                    },
                    l.colon(),
                    the_invoices(&lines, l)
                        .trim_start_matches("la ")
                        .trim_start_matches("les "),
                    if one { l.t("échue depuis le", "due since") } else { l.t("échues depuis le", "due since") },
                    l.date(oldest_due)
                ),
                p,
            )
        }
        Action::PhoneCall => {
            let sheet = call_sheet_for(ctx, &lines, oldest_due, l)?;
            let mut p = vec![
                format!("{}{}", l.t("Numéro", "Number"), l.colon())
                    + " "
                    + sheet.phone.as_deref().unwrap_or(l.t("non renseigné", "not given")),
                sheet.when.clone(),
                format!("{}{}\n{}", l.t("Pour commencer", "To open"), l.colon(), sheet.opening),
                table_text,
                format!(
                    "{}{}\n{}",
                    l.t("Questions pour comprendre", "Questions to understand"),
                    l.colon(),
                    bullets(&sheet.questions)
                ),
                format!(
                    "{}{}\n{}",
                    l.t("Ce que vous pouvez proposer", "What you can offer"),
                    l.colon(),
                    bullets(&sheet.offers)
                ),
                format!("{}{}\n{}", l.t("À noter", "To write down"), l.colon(), bullets(&sheet.to_note)),
            ];
            if !past.is_empty() {
                p.insert(
                    3,
                    format!("{}{} {}.", l.t("Déjà fait", "Already done"), l.colon(), past.join(", ")),
                );
            }
            call_sheet = Some(sheet);
            sendable = false;
            return Ok(Draft {
                client_id: ctx.client.id,
                action: step.action,
                language: ctx.client.language,
                to: None,
                subject: format!("{} {}", l.t("Appel à", "Call"), ctx.client.name),
                body: p.join("\n\n"),
                sendable,
                lines,
                total,
                call_sheet,
            });
        }
        Action::FormalNotice => {
            let mut p = vec![if past.is_empty() {
                format!(
                    "{}{}",
                    l.t("Les sommes suivantes restent impayées à ce jour", "The following amounts remain unpaid to date"),
                    l.colon()
                )
            } else {
                format!(
                    "{}\n\n{}{}",
                    recap(&past, l),
                    l.t(
                        "Malgré ces relances, les sommes suivantes restent impayées à ce jour",
                        "Despite these reminders, the following amounts remain unpaid to date"
                    ),
                    l.colon()
                )
            }];
            p.push(table_text);
            p.push(format!(
                "{} {} {}",
                l.t(
                    "Par la présente, je vous mets en demeure de me régler la somme de",
                    "By this letter, I formally request that you pay the sum of"
                ),
                l.money(total),
                l.t(
                    "dans un délai de huit jours à compter de la réception de ce courrier.",
                    "within eight days of receiving this letter."
                )
            ));
            p.push(if b2b {
                l.t(
                    "Conformément aux articles L441-10 et D441-5 du Code de commerce, ces sommes sont en outre majorées de plein droit des pénalités de retard, dues depuis le lendemain de chaque échéance, et d'une indemnité forfaitaire pour frais de recouvrement de 40\u{a0}€ par facture.",
                    "Under articles L441-10 and D441-5 of the French Commercial Code, late-payment penalties are also due by law from the day after each due date, together with a fixed indemnity of €40 per invoice for recovery costs.",
                )
                .into()
            } else {
                l.t(
                    "Conformément aux articles 1231-6 et 1344-1 du Code civil, cette somme portera intérêts au taux légal à compter de la réception de la présente mise en demeure.",
                    "Under articles 1231-6 and 1344-1 of the French Civil Code, this sum will bear interest at the legal rate from the receipt of this formal notice.",
                )
                .into()
            });
            p.push(
                l.t(
                    "À défaut de règlement dans ce délai, je saisirai la juridiction compétente d'une requête en injonction de payer. Toute proposition de règlement de votre part, y compris un paiement échelonné, sera néanmoins examinée.",
                    "Failing payment within this period, I will apply to the competent court for an order for payment (injonction de payer). Any proposal for settlement on your part, including payment in instalments, will nevertheless be considered.",
                )
                .into(),
            );
            p.push(pay);
            (
                format!(
                    "{} – {}",
                    l.t("Mise en demeure de payer", "Formal notice to pay"),
                    invoices_word(&lines, l)
                ),
                p,
            )
        }
        Action::SettleDispute => {
            let opened = ctx
                .journal
                .iter()
                .rev()
                .filter(|e| e.date <= ctx.today)
                .find(|e| {
                    e.kind == JournalKind::DisputeOpened
                        || (e.kind == JournalKind::Call
                            && e.call_outcome == Some(CallOutcome::Dispute))
                })
                .map(|e| e.date);
            let mut p = vec![format!(
                "{}{} {} {} ({}).",
                l.t("Vous m'avez fait part", "You told me"),
                opened
                    .map(|d| format!(" {} {}", l.t("le", "on"), l.date(d)))
                    .unwrap_or_default(),
                l.t("d'un désaccord sur", "about a disagreement on"),
                the_invoices(&lines, l),
                l.money(total)
            )];
            p.push(l.t(
                "Je souhaite que nous réglions ce point rapidement et simplement. Pouvez-vous me préciser ce qui manque ou ce qui pose problème\u{a0}? Je vous propose d'en parler par téléphone dans la semaine\u{a0}; de mon côté, je rassemble les éléments (commande, échanges, livrables). Si votre remarque est fondée, je compléterai la prestation ou j'établirai un avoir.",
                "I would like us to settle this quickly and simply. Could you tell me what is missing or what the problem is? I suggest we talk about it by phone this week; on my side I am gathering the documents (order, exchanges, deliverables). If your point is justified, I will complete the work or issue a credit note.",
            ).into());
            if let Some(other) = suggestion
                .alongside
                .as_ref()
                .filter(|s| s.action != Action::Nothing)
            {
                let other_lines = lines_for(ctx, other)?;
                if !other_lines.is_empty() {
                    p.push(format!(
                        "{}{}\n{}",
                        l.t(
                            "Par ailleurs, indépendamment de ce point, le règlement suivant reste attendu",
                            "Separately, and regardless of this point, the following payment is still expected"
                        ),
                        l.colon(),
                        table(&other_lines, l)?
                    ));
                    p.push(payment_details(b, &other_lines, l));
                }
            }
            (
                format!(
                    "{} – {}",
                    invoices_word(&lines, l),
                    l.t("votre remarque", "your remark")
                ),
                p,
            )
        }
        Action::ProposeCalendar => {
            let plan = crate::plans::schedule(
                total,
                Money::ZERO,
                &crate::plans::suggested_terms(total, ctx.today),
                ctx.today,
                &Calendar::france(),
            )?;
            let schedule: Vec<String> = plan
                .iter()
                .map(|i| format!("– {} {} {}", l.money(i.amount), l.t("le", "on"), l.date(i.due_on)))
                .collect();
            let difficulty_call = ctx
                .journal
                .iter()
                .rev()
                .find(|e| e.kind == JournalKind::Call && e.call_outcome == Some(CallOutcome::Difficulty));
            let mut p = vec![match difficulty_call {
                Some(e) if e.date == ctx.today => l
                    .t(
                        "Merci pour votre appel de ce jour et pour votre franchise.",
                        "Thank you for your call today and for being open about the situation.",
                    )
                    .to_owned(),
                Some(e) => format!(
                    "{} {} {}",
                    l.t("Merci pour notre échange du", "Thank you for our conversation of"),
                    l.date(e.date),
                    l.t("et pour votre franchise.", "and for being open about the situation.")
                ),
                None => l
                    .t(
                        "Je comprends que le moment puisse être difficile.",
                        "I understand that this may be a difficult time.",
                    )
                    .to_owned(),
            }];
            p.push(format!(
                "{}{}",
                l.t("Pour mémoire", "For reference"),
                l.colon()
            ) + "\n" + &table_text);
            p.push(format!(
                "{} {} {} {}{}\n{}",
                l.t("Comme évoqué, je vous propose d'étaler le règlement de", "As discussed, I suggest spreading the payment of"),
                l.money(total),
                l.t("en", "over"),
                plan.len(),
                l.t(" versements mensuels\u{a0}:", " monthly instalments:"),
                schedule.join("\n")
            ));
            if b2b {
                p.push(l.t(
                    "Si cet échéancier est respecté, je ne réclamerai pas les pénalités de retard ni l'indemnité forfaitaire de 40\u{a0}€.",
                    "If this calendar is honoured, I will not claim the late-payment penalties or the €40 fixed indemnity.",
                ).into());
            }
            p.push(l.t(
                "Si ce calendrier vous convient, je vous adresse l'échéancier à signer\u{a0}; s'il faut l'ajuster, dites-moi ce qui serait tenable pour vous.",
                "If this schedule suits you, I will send you the agreement to sign; if it needs adjusting, tell me what would work for you.",
            ).into());
            p.push(pay);
            (
                format!(
                    "{} – {}",
                    invoices_word(&lines, l),
                    l.t("proposition d'échéancier", "proposed payment calendar")
                ),
                p,
            )
        }
        Action::AfterDeadline | Action::ConsiderWriteOff => {
            sendable = false;
            let mut p = vec![format!(
                "{} {} {}",
                l.t("Reste dû", "Balance"),
                l.money(total),
                l.t(
                    "malgré les relances. Les options réelles, de la plus simple à la plus lourde\u{a0}:",
                    "despite the reminders. The real options, from the simplest to the heaviest:"
                )
            )];
            p.push(bullets(&[
                l.t("un dernier appel pour proposer un échéancier\u{a0};", "a last call to offer a payment calendar;").into(),
                l.t("le conciliateur de justice, gratuit\u{a0};", "the conciliateur de justice (free mediation);").into(),
                l.t("l'injonction de payer auprès du tribunal (sans avocat)\u{a0};", "an order for payment (injonction de payer) from the court, without a lawyer;").into(),
                l.t("pour 5\u{a0}000\u{a0}€ au plus, la procédure simplifiée de recouvrement des petites créances par un commissaire de justice\u{a0};", "up to €5,000, the simplified small-claims procedure through a commissaire de justice;").into(),
                l.t("passer la créance en perte, si la démarche coûte plus qu'elle ne rapporte.", "writing the debt off, when pursuing it costs more than it brings.").into(),
            ]));
            p.push(table_text);
            (
                l.t("Suites possibles", "Possible next steps").into(),
                p,
            )
        }
        Action::PlanSignature
        | Action::PlanCourtesy
        | Action::PlanReminder
        | Action::PlanFirmReminder
        | Action::PlanDefault => {
            let (subject, p, amount, send) = plan_drafts::paragraphs(ctx, step.action, l)?;
            total = amount;
            sendable = send;
            (subject, p)
        }
        Action::Nothing => unreachable_nothing(),
    };
    let body = if sendable {
        let formal = step.action == Action::FormalNotice;
        let mut all = vec![if formal {
            l.t("Madame, Monsieur,", "Dear Sir or Madam,").to_owned()
        } else {
            hello
        }];
        all.extend(paragraphs.into_iter().filter(|p| !p.is_empty()));
        all.push(if formal {
            sign.replacen(
                l.t("Bien cordialement,", "Kind regards,"),
                l.t(
                    "Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
                    "Yours faithfully,",
                ),
                1,
            )
        } else {
            sign
        });
        all.join("\n\n")
    } else {
        paragraphs
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    Ok(Draft {
        client_id: ctx.client.id,
        action: step.action,
        language: ctx.client.language,
        to: if sendable {
            ctx.client.contact.email.clone()
        } else {
            None
        },
        subject,
        body,
        sendable,
        lines,
        total,
        call_sheet,
    })
}

/// `Action::Nothing` returns early above; this keeps the match exhaustive without a panic.
fn unreachable_nothing() -> (String, Vec<String>) {
    (String::new(), Vec::new())
}

fn bullets(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("– {s}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn call_sheet_for(
    ctx: &DraftContext<'_>,
    lines: &[DraftLine],
    oldest_due: NaiveDate,
    l: Lang,
) -> Result<CallSheet> {
    let b = ctx.business;
    let me = b
        .signatory_name
        .clone()
        .unwrap_or_else(|| b.legal_name.clone());
    let firm = b.trade_name.clone().unwrap_or_else(|| b.legal_name.clone());
    let total = Money::sum(lines.iter().map(|x| x.balance))?;
    let s = |fr: &str, en: &str| l.t(fr, en).to_owned();
    Ok(CallSheet {
        phone: ctx.client.contact.phone.clone(),
        who: ctx.client.contact_name.clone(),
        // legal-fr.md A.10: calls on working days, 10:00–13:00 and 14:00–20:00.
        when: s(
            "Appeler un jour ouvré, entre 10\u{a0}h et 13\u{a0}h ou entre 14\u{a0}h et 20\u{a0}h.",
            "Call on a working day, between 10:00 and 13:00 or between 14:00 and 20:00.",
        ),
        opening: if l.en() {
            format!(
                "Hello, this is {me} from {firm}. I am calling about {} ({}), due on {}, which I have not received yet. Do you have a moment?",
                the_invoices(lines, l),
                l.money(total),
                l.date(oldest_due)
            )
        } else {
            format!(
                "Bonjour, {me}, {}. Je vous appelle au sujet de {} ({}), arrivée à échéance le {}, dont je n'ai pas reçu le règlement. Avez-vous un moment\u{a0}?",
                de_fr(&firm),
                the_invoices(lines, l),
                l.money(total),
                l.date(oldest_due)
            )
        },
        questions: vec![
            s("Avez-vous bien reçu la facture, et au bon service\u{a0}?", "Did you receive the invoice, at the right department?"),
            s("Y a-t-il un point qui pose problème sur la prestation ou sur la facture\u{a0}?", "Is anything wrong with the work or the invoice?"),
            s("Le règlement est-il prévu\u{a0}? À quelle date, et pour quel montant\u{a0}?", "Is the payment planned? On what date, for what amount?"),
            s("Traversez-vous une période difficile en ce moment\u{a0}?", "Are you going through a difficult time at the moment?"),
        ],
        offers: vec![
            s("Une nouvelle date de règlement, fixée ensemble.", "A new payment date, agreed together."),
            s("Un paiement en plusieurs fois (échéancier), si le montant est difficile à régler d'un coup.", "Payment in instalments (a payment calendar), if the amount is hard to pay at once."),
            s("Renvoyer aujourd'hui la facture ou le document qui manque.", "Sending the invoice or the missing document again today."),
        ],
        to_note: vec![
            s("Qui vous avez eu au téléphone.", "Who you spoke to."),
            s("La cause du retard.", "The cause of the delay."),
            s("Ce qui est convenu\u{a0}: date et montant promis, ou motif de la contestation.", "What was agreed: the promised date and amount, or the reason for the dispute."),
            s("Sans réponse\u{a0}: l'heure de l'appel, et si un message a été laissé.", "No answer: the time of the call, and whether you left a message."),
        ],
    })
}

/// The email that confirms a phone call in writing (practice.md: every call is followed by a written summary).
pub fn call_confirmation(ctx: &DraftContext<'_>, call: &JournalEntry) -> Result<Draft> {
    if call.kind != JournalKind::Call {
        return Err(Error::field(
            ErrorCode::InvalidChoice,
            "journal_id",
            "Seul un appel appelle un e-mail de confirmation.",
        ));
    }
    let l = Lang(ctx.client.language);
    let b = ctx.business;
    let lines: Vec<DraftLine> = ctx
        .invoices
        .iter()
        .filter(|(i, s)| {
            s.balance.is_positive()
                && i.issue_date <= ctx.today
                && call.invoice_id.is_none_or(|id| id == i.id)
        })
        .map(|(i, s)| line_of(i, s))
        .collect::<Result<_>>()?;
    let total = Money::sum(lines.iter().map(|x| x.balance))?;
    let when = if call.date == ctx.today {
        l.t("de ce jour", "today").to_owned()
    } else {
        format!("{} {}", l.t("du", "of"), l.date(call.date))
    };
    let about = if lines.is_empty() {
        String::new()
    } else {
        format!(
            " {} {}",
            l.t("au sujet de", "about"),
            the_invoices(&lines, l)
        )
    };
    let noted = call
        .text
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            format!(
                "{}{} {}",
                l.t("Ce que nous avons convenu", "What we agreed"),
                l.colon(),
                if l.en() {
                    format!("“{t}”")
                } else {
                    crate::text::fr_quote(t)
                }
            )
        });
    let no_answer = call.call_outcome == Some(CallOutcome::NoAnswer);
    let subject = format!(
        "{}{}",
        if no_answer {
            l.t("Tentative d'appel", "I tried to call you")
        } else {
            l.t("Suite à notre appel", "Following our call")
        },
        about
    );
    let thanks = format!(
        "{} {when}{about}",
        l.t("Merci pour notre échange", "Thank you for our conversation")
    );
    let mut p: Vec<String> = Vec::new();
    match call.call_outcome {
        Some(CallOutcome::NoAnswer) => p.push(format!(
            "{} {when}{about}. {}",
            l.t("J'ai essayé de vous joindre par téléphone", "I tried to reach you by phone"),
            l.t(
                "Pourriez-vous me rappeler ou me répondre par retour de message\u{a0}? Je suis joignable aux coordonnées ci-dessous.",
                "Could you call me back or reply to this message? My details are below."
            )
        )),
        Some(CallOutcome::Promise) => {
            p.push(format!("{thanks}."));
            if let Some(date) = call.promise_date {
                p.push(format!(
                    "{} {} {} {}.",
                    l.t("Comme convenu, vous procéderez au règlement de", "As agreed, you will pay"),
                    l.money(call.promise_amount.unwrap_or(total)),
                    l.t("au plus tard le", "by"),
                    l.long_date(date)
                ));
            }
            p.push(l.t("Je vous en remercie.", "Thank you.").into());
        }
        Some(CallOutcome::Dispute) => p.push(format!(
            "{thanks}. {}",
            l.t(
                "Vous m'avez fait part d'un désaccord\u{a0}; je l'examine et reviens vers vous rapidement avec une proposition.",
                "You told me about a disagreement; I am looking into it and will come back to you quickly with a proposal."
            )
        )),
        Some(CallOutcome::Difficulty) => p.push(format!(
            "{thanks}, {}",
            l.t(
                "et pour votre franchise. Comme évoqué, je vous propose de convenir d'un échéancier\u{a0}; je vous envoie une proposition.",
                "and for being open about the situation. As discussed, I suggest we agree on a payment calendar; I will send you a proposal."
            )
        )),
        Some(CallOutcome::Reached) | None => p.push(format!("{thanks}.")),
    }
    // The user's note restates what was agreed when the outcome has no structured data of its own.
    if matches!(call.call_outcome, Some(CallOutcome::Reached) | None) {
        if let Some(n) = noted {
            p.push(n);
        }
    }
    if !lines.is_empty() {
        p.push(format!(
            "{}{}\n{}",
            l.t("Pour mémoire", "For reference"),
            l.colon(),
            table(&lines, l)?
        ));
        if call.call_outcome != Some(CallOutcome::Dispute) {
            p.push(payment_details(b, &lines, l));
        }
    }
    let mut all = vec![greeting(ctx.client, l)];
    all.extend(p.into_iter().filter(|x| !x.is_empty()));
    all.push(signature(b, l));
    Ok(Draft {
        client_id: ctx.client.id,
        action: Action::PhoneCall,
        language: ctx.client.language,
        to: ctx.client.contact.email.clone(),
        subject,
        body: all.join("\n\n"),
        sendable: true,
        lines,
        total,
        call_sheet: None,
    })
}

/// The draft as an RFC 5322 message (« Enregistrer en .eml »): UTF-8 headers encoded per RFC 2047, a
/// quoted-printable text body, a fixed Date given by the caller. Opening it in a mail program gives a message
/// ready to send.
pub fn to_eml(draft: &EmailText, from: Option<&str>, date: NaiveDate) -> String {
    let mut out = String::new();
    if let Some(f) = from {
        out.push_str(&format!("From: {f}\r\n"));
    }
    if let Some(t) = draft.to.as_deref() {
        out.push_str(&format!("To: {t}\r\n"));
    }
    out.push_str(&format!("Subject: {}\r\n", encode_header(&draft.subject)));
    out.push_str(&format!(
        "Date: {}\r\n",
        date.and_hms_opt(9, 0, 0)
            .map(|d| d.format("%a, %d %b %Y %H:%M:%S +0100").to_string())
            .unwrap_or_default()
    ));
    out.push_str("X-Unsent: 1\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
    out.push_str(&quoted_printable(&draft.body));
    out.push_str("\r\n");
    out
}

/// A `mailto:` link (RFC 6068) that opens the user's mail program with the recipient, subject and body filled in.
pub fn mailto_url(email: &EmailText) -> String {
    use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
    let enc = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
    // An address keeps its usual characters; everything else is encoded.
    const ADDRESS: &percent_encoding::AsciiSet = &NON_ALPHANUMERIC
        .remove(b'.')
        .remove(b'-')
        .remove(b'_')
        .remove(b'@')
        .remove(b'+');
    // Line breaks are CRLF in a mailto body.
    let body = email.body.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "mailto:{}?subject={}&body={}",
        email
            .to
            .as_deref()
            .map(|a| utf8_percent_encode(a, ADDRESS).to_string())
            .unwrap_or_default(),
        enc(&email.subject),
        enc(&body)
    )
}

/// RFC 2047 encoded-words (base64), in chunks that keep each under 75 characters.
fn encode_header(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in s.chars() {
        if chunk.len().saturating_add(c.len_utf8()) > 30 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| format!("=?UTF-8?B?{}?=", base64(w.as_bytes())))
        .collect::<Vec<_>>()
        .join("\r\n ")
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Quoted-printable (RFC 2045) with CRLF line ends and soft breaks.
fn quoted_printable(text: &str) -> String {
    let crlf = text.replace('\n', "\r\n");
    quoted_printable::encode_to_str(crlf.as_bytes())
}
