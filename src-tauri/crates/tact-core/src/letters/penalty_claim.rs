//! « Réclamation des pénalités de retard »: the courteous letter for invoices paid after their due date, whose
//! penalties and 40 € are still owed (C. com. L441-10 II, D441-5 « pour tout retard de paiement »). Business
//! clients only: a consumer owes neither.

use super::*;

pub(super) fn penalty_claim(
    ctx: &LetterContext<'_>,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    if ctx.client.kind != ClientKind::Professional {
        return Err(Error::new(
            ErrorCode::NothingToDraft,
            "Un particulier ne doit ni pénalités de retard ni indemnité forfaitaire\u{a0}: il n'y a rien à réclamer.",
        ));
    }
    // Only the invoices paid late, their penalties not waived: the letter and its annex read this alone.
    let mut only = ctx.penalties.clone();
    only.invoices
        .retain(|i| i.settled_on.is_some() && i.waived_on.is_none());
    if only.invoices.is_empty() {
        return Err(Error::new(
            ErrorCode::NothingToDraft,
            format!(
                "{} n'a aucune facture réglée en retard dont les pénalités restent dues au {}.",
                ctx.client.name,
                format_date_fr(ctx.today)
            ),
        ));
    }
    only.interest = Money::sum(only.invoices.iter().map(|i| i.accrual.interest))?;
    only.indemnities = Money::sum(only.invoices.iter().map(|i| i.accrual.indemnity))?;
    only.principal = Money::ZERO;
    only.total = only.interest.checked_add(only.indemnities)?;
    let sub = LetterContext {
        penalties: &only,
        ..*ctx
    };
    let days = deadline_days(opts)?;
    let several = only.invoices.len() > 1;
    let numbers: Vec<String> = only.invoices.iter().map(|i| i.number.clone()).collect();
    let paid: Vec<String> = only
        .invoices
        .iter()
        .map(|i| {
            format!(
                "{} (échéance du {}, réglée le {})",
                i.number,
                format_date_long_fr(i.due_date),
                i.settled_on.map(format_date_long_fr).unwrap_or_default()
            )
        })
        .collect();
    let default_opening = format!(
        "Je vous remercie pour le règlement {} {}. {} après {} échéance, {} droit, en application de l'article L441-10 du Code de commerce, à des pénalités de retard, ainsi qu'à l'indemnité forfaitaire pour frais de recouvrement de 40,00\u{a0}€ par facture prévue par l'article D441-5 du même code.",
        if several { "des factures" } else { "de la facture" },
        join_fr(&paid),
        if several { "Ces règlements étant intervenus" } else { "Ce règlement étant intervenu" },
        if several { "leur" } else { "son" },
        if several { "ils ouvrent" } else { "il ouvre" },
    );
    let opening = edited(&opts.opening, "opening", default_opening)?;
    let mut rows = Vec::new();
    for i in &only.invoices {
        rows.push(vec![
            i.number.clone(),
            format_date_fr(i.due_date),
            i.settled_on.map(format_date_fr).unwrap_or_default(),
            i.accrual.interest.format_fr(),
            i.accrual.indemnity.format_fr(),
        ]);
    }
    let total = only.total;
    let mut body = vec![
        Block::Paragraph {
            text: opening.clone(),
        },
        Block::Table {
            table: Table {
                columns: vec![
                    col("Facture", 22, false),
                    col("Échéance", 18, false),
                    col("Réglée le", 18, false),
                    col("Pénalités", 21, true),
                    col("Indemnité", 21, true),
                ],
                rows,
                totals: vec![total_row("Total", 5, 4, total)],
            },
        },
        Block::Paragraph {
            text: format!(
                "Les pénalités sont calculées {} sur le montant resté impayé, du lendemain de l'échéance au jour du règlement (décompte en annexe).",
                rates_sentence(&only)
            ),
        },
        Block::Strong {
            text: format!(
                "Je vous remercie de bien vouloir me régler la somme de {} dans un délai de {days} jours.",
                total.format_fr()
            ),
        },
        Block::Paragraph {
            text: payment_details(ctx, &format!("Pénalités {}", numbers.join(", "))),
        },
    ];
    let closing = edited(
        &opts.closing,
        "closing",
        "Je tiens à la qualité de notre collaboration\u{a0}: si ce montant appelle une remarque de votre part, ou si vous souhaitez en parler, je reste à votre disposition.".to_owned(),
    )?;
    body.push(Block::Paragraph {
        text: closing.clone(),
    });
    let annex = Some(breakdown(&sub, true)?);
    Ok(Letter {
        language: crate::model::Language::French,
        kind: LetterKind::PenaltyClaim,
        client_id: ctx.client.id,
        date: ctx.today,
        title: format!(
            "Réclamation des pénalités de retard – {} – {}",
            ctx.client.name,
            format_date_fr(ctx.today)
        ),
        sender,
        recipient,
        place_date: place_date(ctx),
        mention: None,
        registered_number: None,
        subject: format!(
            "Objet\u{a0}: pénalités de retard – {} {}",
            if several { "factures" } else { "facture" },
            numbers.join(", ")
        ),
        salutation: salutation(ctx),
        body,
        farewell: farewell(ctx),
        signature: signature(ctx.business),
        enclosures: Some("Pièce jointe\u{a0}: décompte des pénalités (annexe).".to_owned()),
        annex,
        fold_marks: !opts.no_fold_marks,
        opening,
        closing,
        deadline_days: Some(days),
        principal: Money::ZERO,
        interest: only.interest,
        indemnities: only.indemnities,
        total,
        plan_id: None,
        countersignature: Vec::new(),
        invoice_ids: only.invoices.iter().map(|i| i.invoice_id).collect(),
    })
}
