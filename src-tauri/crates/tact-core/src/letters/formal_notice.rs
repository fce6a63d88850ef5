//! The mise en demeure (every element of legal-fr B §4.2) and its annex of penalties.

use super::*;

pub(super) fn formal_notice(
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
    let default_opening = opening_sentence(&rows, &past)?;
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
        // Invoices paid after their due date still owe their penalties and 40 € (« pour tout retard »).
        let paid_late: Vec<String> = p
            .invoices
            .iter()
            .filter(|i| i.waived_on.is_none())
            .filter_map(|i| {
                i.settled_on.map(|on| {
                    format!(
                        "{} (échéance du {}, réglée le {})",
                        i.number,
                        format_date_long_fr(i.due_date),
                        format_date_long_fr(on)
                    )
                })
            })
            .collect();
        if !paid_late.is_empty() {
            text.push_str(&format!(
                " Ce montant comprend les pénalités {} après {} échéance\u{a0}: {}.",
                if paid_late.len() > 1 {
                    "des factures réglées"
                } else {
                    "de la facture réglée"
                },
                if paid_late.len() > 1 { "leur" } else { "son" },
                join_fr(&paid_late)
            ));
        }
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
        text: payment_details(ctx, &{
            // The reference names what is paid: the open invoices, and the penalties of those paid late.
            let late: Vec<String> = p
                .invoices
                .iter()
                .filter(|i| i.settled_on.is_some() && i.waived_on.is_none())
                .map(|i| i.number.clone())
                .collect();
            if late.is_empty() {
                reference(&rows)
            } else {
                format!("{}, pénalités {}", reference(&rows), late.join(", "))
            }
        }),
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
    let mut attached = vec![copies_of(&rows)];
    if annex.is_some() {
        attached.push("décompte des sommes réclamées (annexe)".to_owned());
    }
    Ok(Letter {
        language: crate::model::Language::French,
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
        registered_number: registered_number(opts),
        subject: format!(
            "Objet\u{a0}: MISE EN DEMEURE DE PAYER – {} {}",
            if several { "factures" } else { "facture" },
            reference(&rows)
        ),
        salutation: salutation(ctx),
        body,
        farewell: farewell(ctx),
        signature: signature(ctx.business),
        enclosures: enclosures(&attached),
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
        invoice_ids: rows.iter().map(|(i, _)| i.id).collect(),
    })
}

/// The annex: per invoice, per half-year segment, the days, base, rate and amount.
pub(super) fn breakdown(ctx: &LetterContext<'_>, b2b: bool) -> Result<Annex> {
    let p = ctx.penalties;
    let mut rows = Vec::new();
    for inv in p.invoices.iter().filter(|i| i.waived_on.is_none()) {
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
        signature: Vec::new(),
        countersignature: Vec::new(),
    })
}

/// « copie de la facture F-1 », « copie des factures F-1 et F-2 ».
pub(super) fn copies_of(rows: &[&(Invoice, InvoiceState)]) -> String {
    let numbers: Vec<String> = rows.iter().map(|(i, _)| i.number.clone()).collect();
    if numbers.len() > 1 {
        format!("copie des factures {}", join_fr(&numbers))
    } else {
        format!("copie de la facture {}", join_fr(&numbers))
    }
}

/// What remains unpaid, in words: « la facture suivante reste impayée », « la facture suivante reste
/// partiellement impayée (300,00 € réglés sur 600,00 €) », « les factures suivantes restent impayées, en tout ou en
/// partie ».
pub(super) fn what_remains(rows: &[&(Invoice, InvoiceState)], these: [&str; 2]) -> Result<String> {
    Ok(match rows {
        [(inv, st)] => match partly_paid(inv, st)? {
            Some(part) => format!(
                "{} reste partiellement impayée à ce jour ({part})",
                these[0]
            ),
            None => format!("{} reste impayée à ce jour", these[0]),
        },
        _ => {
            let mut partial = false;
            for (inv, st) in rows {
                partial |= partly_paid(inv, st)?.is_some();
            }
            if partial {
                format!(
                    "{} restent impayées, en tout ou en partie, à ce jour",
                    these[1]
                )
            } else {
                format!("{} restent impayées à ce jour", these[1])
            }
        }
    })
}

/// The opening of a mise en demeure: what was done, then what remains unpaid (a table follows).
fn opening_sentence(rows: &[&(Invoice, InvoiceState)], past: &crate::past::Past) -> Result<String> {
    let remains = what_remains(rows, ["la facture suivante", "les factures suivantes"])?;
    Ok(
        match past.sentence(&remains, crate::model::Language::French) {
            Some(s) => format!("{s}\u{a0}:"),
            None => format!(
                "Sauf erreur de ma part, {remains}, bien que {} échéance soit passée\u{a0}:",
                if rows.len() > 1 { "leur" } else { "son" }
            ),
        },
    )
}
