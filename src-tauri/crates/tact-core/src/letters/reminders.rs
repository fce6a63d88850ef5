//! The reminders by post (friendly, firm) and the relevé de compte.

use super::formal_notice::{copies_of, what_remains};
use super::*;

pub(super) fn reminder(
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
    let default_opening = if firm {
        let remains = what_remains(&rows, ["la facture ci-dessous", "les factures ci-dessous"])?;
        match past.sentence(&remains, crate::model::Language::French) {
            Some(s) => format!("{s}."),
            None if several => format!(
                "Sauf erreur de ma part, les factures ci-dessous, échues depuis le {}, restent impayées à ce jour.",
                format_date_long_fr(oldest)
            ),
            None => format!(
                "Sauf erreur de ma part, {remains}, alors que son échéance était fixée au {}.",
                format_date_long_fr(oldest)
            ),
        }
    } else {
        match rows.as_slice() {
            [(inv, st)] => match partly_paid(inv, st)? {
                Some(part) => format!("Sauf erreur de ma part, la facture ci-dessous n'a été réglée qu'en partie ({part}). Il s'agit sans doute d'un oubli\u{a0}; je me permets donc de vous rappeler le solde."),
                None => "Sauf erreur de ma part, la facture ci-dessous n'a pas encore été réglée. Il s'agit sans doute d'un oubli\u{a0}; je me permets donc de vous la rappeler.".to_owned(),
            },
            _ => "Sauf erreur de ma part, les factures ci-dessous n'ont pas encore été réglées, en tout ou en partie. Il s'agit sans doute d'un oubli\u{a0}; je me permets donc de vous les rappeler.".to_owned(),
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
        language: crate::model::Language::French,
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
        registered_number: None,
        subject: format!(
            "Objet\u{a0}: {} – {} {}",
            if firm { "Relance" } else { "Rappel" },
            if several { "factures" } else { "facture" },
            reference(&rows)
        ),
        salutation: salutation(ctx),
        body,
        farewell: farewell(ctx),
        signature: signature(ctx.business),
        enclosures: enclosures(&[copies_of(&rows)]),
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
        invoice_ids: rows.iter().map(|(i, _)| i.id).collect(),
    })
}

/// A payment received, as the relevé lists it: what it paid (an invoice number, or "" for a credit left to the
/// client) and how much.
pub(super) struct Received {
    pub date: NaiveDate,
    pub method: String,
    pub method_code: crate::model::PaymentMethod,
    pub reference: String,
    pub amount: Money,
    pub applied: Vec<(String, Money)>,
}

/// The account as the relevé de compte shows it, in any language: the open invoices, what is disputed and kept
/// apart, what is asked, the payments received in the last twelve months.
pub(super) struct Account<'a> {
    pub open: Vec<&'a (Invoice, InvoiceState)>,
    pub total: Money,
    pub overdue: Money,
    pub disputed: Vec<String>,
    pub in_dispute: Money,
    pub to_pay: Money,
    /// The reference to quote: only what is asked (not the disputed invoices); `None` when nothing is asked.
    pub pay_reference: Option<String>,
    pub since: NaiveDate,
    pub received: Vec<Received>,
}

pub(super) fn account<'a>(ctx: &'a LetterContext<'_>) -> Result<Account<'a>> {
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
    // A disputed invoice is shown, apart: the amount asked and the payment reference leave it out.
    let (disputed, asked): (Vec<_>, Vec<_>) = open
        .iter()
        .copied()
        .partition(|(_, s)| s.status == InvoiceStatus::Disputed);
    let in_dispute = Money::sum(disputed.iter().map(|(_, s)| s.balance))?;
    // The payments received in the last twelve months, with what each paid.
    let since = ctx
        .today
        .checked_sub_days(chrono::Days::new(365))
        .unwrap_or(ctx.today);
    let mut payments: Vec<&crate::model::Payment> = ctx
        .payments
        .iter()
        .filter(|p| p.date > since && p.date <= ctx.today)
        .collect();
    payments.sort_by_key(|p| (p.date, p.id));
    let number = |id: crate::model::InvoiceId| {
        ctx.invoices
            .iter()
            .find(|(i, _)| i.id == id)
            .map(|(i, _)| i.number.clone())
            .unwrap_or_default()
    };
    let received = payments
        .iter()
        .map(|p| {
            let mut applied: Vec<(String, Money)> = p
                .allocations
                .iter()
                .map(|a| (number(a.invoice_id), a.amount))
                .collect();
            let allocated = Money::sum(p.allocations.iter().map(|a| a.amount))?;
            let credit = p.amount.checked_sub(allocated)?;
            if credit.is_positive() {
                applied.push((String::new(), credit));
            }
            Ok(Received {
                date: p.date,
                method: p.method.label_fr().to_owned(),
                method_code: p.method,
                reference: p.reference.clone().unwrap_or_default(),
                amount: p.amount,
                applied,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Account {
        total,
        overdue,
        disputed: disputed.iter().map(|(i, _)| i.number.clone()).collect(),
        in_dispute,
        to_pay: total.checked_sub(in_dispute)?,
        pay_reference: (!asked.is_empty()).then(|| reference(&asked)),
        since,
        received,
        open,
    })
}

pub(super) fn statement(
    ctx: &LetterContext<'_>,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    let Account {
        open,
        total,
        overdue,
        disputed,
        in_dispute,
        to_pay,
        pay_reference,
        since,
        received,
    } = account(ctx)?;
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
        if in_dispute.is_positive() {
            table.totals.push(total_row("Total du compte", 7, 5, total));
            table
                .totals
                .push(total_row("dont en litige", 7, 5, in_dispute));
            table.totals.push(total_row("Reste à régler", 7, 5, to_pay));
        } else {
            table.totals.push(total_row("Total dû", 7, 5, total));
        }
        if overdue.is_positive() && overdue != to_pay {
            table.totals.push(total_row("dont échu", 7, 5, overdue));
        }
        body.push(Block::Table { table });
        if in_dispute.is_positive() {
            body.push(Block::Paragraph {
                text: format!(
                    "{} {} ({}), en litige, {} pas réclamée{} tant que nous n'avons pas réglé ce point ensemble.",
                    if disputed.len() > 1 { "Les factures" } else { "La facture" },
                    join_fr(&disputed),
                    in_dispute.format_fr(),
                    if disputed.len() > 1 { "ne sont" } else { "n'est" },
                    if disputed.len() > 1 { "s" } else { "" },
                ),
            });
        }
    }
    if !received.is_empty() {
        body.push(Block::Paragraph {
            text: format!(
                "Règlements reçus depuis le {}, avec les factures qu'ils ont réglées\u{a0}:",
                format_date_long_fr(since)
            ),
        });
        body.push(Block::Table {
            table: Table {
                columns: vec![
                    col("Date", 15, false),
                    col("Mode", 15, false),
                    col("Référence", 22, false),
                    col("Montant", 16, true),
                    col("Affecté à", 32, false),
                ],
                rows: received
                    .iter()
                    .map(|r| {
                        vec![
                            format_date_fr(r.date),
                            r.method.clone(),
                            r.reference.clone(),
                            r.amount.format_fr(),
                            r.applied
                                .iter()
                                .map(|(n, m)| {
                                    if n.is_empty() {
                                        format!("avoir en votre faveur ({})", m.format_fr())
                                    } else {
                                        format!("{n} ({})", m.format_fr())
                                    }
                                })
                                .collect::<Vec<_>>()
                                .join(", "),
                        ]
                    })
                    .collect(),
                totals: Vec::new(),
            },
        });
    }
    if let Some(r) = pay_reference {
        body.push(Block::Paragraph {
            text: payment_details(ctx, &r),
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
        language: crate::model::Language::French,
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
        registered_number: None,
        subject: format!(
            "Objet\u{a0}: Relevé de compte au {}",
            format_date_long_fr(ctx.today)
        ),
        salutation: salutation(ctx),
        body,
        farewell: farewell(ctx),
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
        invoice_ids: open.iter().map(|(i, _)| i.id).collect(),
    })
}
