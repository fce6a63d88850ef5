//! The dossier de recouvrement: what every route after the deadline asks for, in one document (issue 14) — the
//! parties, the invoices and what is owed with penalties to date, the chronology of every exchange from the
//! history, the letters sent with their LRAR numbers and AR dates, the calendar if any, the routes that fit this
//! case (see [`crate::recovery`]) and the documents to attach. A document, not a letter: no window, no
//! salutation, no formula; it is not archived with the letters.

use super::*;
use crate::model::{in_force, JournalKind};
use crate::recovery;

/// A history entry's text, at most this long in the chronology.
const ENTRY_TEXT_MAX: usize = 110;

pub(super) fn dossier(
    ctx: &LetterContext<'_>,
    letters: &[LetterRecord],
    sender: Vec<String>,
) -> Result<Letter> {
    let b = ctx.business;
    let c = ctx.client;
    let b2b = c.kind == ClientKind::Professional;
    let rows = claimed_or_refuse(ctx, "recouvrer")?;
    let p = ctx.penalties;
    let principal = Money::sum(rows.iter().map(|(_, s)| s.balance))?;
    let (interest, indemnities) = if b2b || p.formal_notice.is_some() {
        (p.interest, p.indemnities)
    } else {
        (Money::ZERO, Money::ZERO)
    };
    let total = principal.checked_add(interest)?.checked_add(indemnities)?;
    let heading = |n: u8, title: &str| Block::Strong {
        text: format!("{n}. {title}"),
    };
    let mut body = Vec::new();

    // 1. The parties.
    body.push(heading(1, "Les parties"));
    let mut creditor = vec![b.legal_name.clone()];
    creditor.extend(b.trade_name.clone().filter(|t| t != &b.legal_name));
    creditor.extend(b.legal_form.clone());
    creditor.extend(
        b.siret
            .as_deref()
            .map(|s| format!("SIRET {}", format_siren_siret(s))),
    );
    creditor.extend(b.contact.one_line());
    creditor.extend(b.contact.email.clone());
    creditor.extend(b.contact.phone.clone());
    body.push(Block::Paragraph {
        text: format!("Créancier\u{a0}: {}.", creditor.join(", ")),
    });
    let mut debtor = vec![format!(
        "{} ({})",
        crate::addressee::with_civility(&c.name, if b2b { None } else { c.civility }),
        if b2b { "professionnel" } else { "particulier" }
    )];
    debtor.extend(
        c.siren
            .as_deref()
            .map(|s| format!("SIREN {}", format_siren_siret(s))),
    );
    debtor.extend(c.contact.one_line());
    debtor.extend(c.contact_name.as_deref().map(|n| {
        format!(
            "contact\u{a0}: {}",
            crate::addressee::with_civility(n, c.civility)
        )
    }));
    debtor.extend(c.contact.email.clone());
    debtor.extend(c.contact.phone.clone());
    body.push(Block::Paragraph {
        text: format!("Débiteur\u{a0}: {}.", debtor.join(", ")),
    });

    // 2. What is owed.
    body.push(heading(2, "La créance"));
    body.push(Block::Table {
        table: claimed_table(&rows, principal)?,
    });
    let mut totals = vec![vec![
        "Principal restant dû".to_owned(),
        principal.format_fr(),
    ]];
    if b2b {
        totals.push(vec![
            format!(
                "Pénalités de retard au {} (C. com. L441-10)",
                format_date_fr(ctx.today)
            ),
            interest.format_fr(),
        ]);
        if indemnities.is_positive() {
            totals.push(vec![
                "Indemnités forfaitaires pour frais de recouvrement (C. com. D441-5)".to_owned(),
                indemnities.format_fr(),
            ]);
        }
    } else if interest.is_positive() {
        totals.push(vec![
            format!(
                "Intérêts au taux légal au {} (C. civ. 1231-6 et 1344-1)",
                format_date_fr(ctx.today)
            ),
            interest.format_fr(),
        ]);
    }
    body.push(Block::Table {
        table: Table {
            columns: vec![col("", 70, false), col("", 30, true)],
            rows: totals,
            totals: vec![vec![
                format!("Total dû au {}", format_date_fr(ctx.today)),
                total.format_fr(),
            ]],
        },
    });
    if interest.is_positive() {
        body.push(Block::Paragraph {
            text: format!(
                "{} {}, jour par jour, jusqu'au paiement complet{}.",
                if b2b {
                    "Les pénalités courent"
                } else {
                    "Les intérêts courent"
                },
                rates_sentence(p),
                if b2b {
                    ""
                } else {
                    " depuis la réception de la mise en demeure"
                }
            ),
        });
    }
    let disputed: Vec<String> = ctx
        .invoices
        .iter()
        .filter(|(_, s)| s.status == InvoiceStatus::Disputed && s.balance.is_positive())
        .map(|(i, s)| format!("{} ({})", i.number, s.balance.format_fr()))
        .collect();
    if !disputed.is_empty() {
        body.push(Block::Paragraph {
            text: format!(
                "Hors de ce dossier, en litige\u{a0}: {}.",
                join_fr(&disputed)
            ),
        });
    }

    // 3. The chronology, from the history.
    body.push(heading(3, "Chronologie des échanges"));
    let first = rows
        .iter()
        .map(|(i, _)| i.issue_date)
        .min()
        .unwrap_or(ctx.today);
    let numbers: Vec<&str> = rows.iter().map(|(i, _)| i.number.as_str()).collect();
    let mut events: Vec<Vec<String>> = rows
        .iter()
        .flat_map(|(i, _)| {
            [
                (i.issue_date, format!("Facture {} émise", i.number)),
                (i.due_date, format!("Échéance de la facture {}", i.number)),
            ]
        })
        .map(|(d, what)| vec![format_date_fr(d), "—".to_owned(), what, String::new()])
        .collect();
    for e in in_force(ctx.journal).filter(|e| e.date >= first && e.date <= ctx.today) {
        if matches!(e.kind, JournalKind::Note) && e.text.is_none() {
            continue;
        }
        let channel = e
            .channel
            .map(|ch| ch.label_fr().to_owned())
            .unwrap_or_else(|| "—".to_owned());
        let mut outcome = Vec::new();
        outcome.extend(e.call_outcome.map(|o| o.label_fr().to_owned()));
        outcome.extend(
            e.promise_date
                .map(|d| format!("promesse pour le {}", format_date_fr(d))),
        );
        outcome.extend(e.promise_amount.map(|m| m.format_fr()));
        let mut what = e.kind.label_fr().to_owned();
        if let Some(t) = e.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            let short: String = t.chars().take(ENTRY_TEXT_MAX).collect();
            what.push_str(&format!(
                "\u{a0}: {short}{}",
                if t.chars().count() > ENTRY_TEXT_MAX {
                    "…"
                } else {
                    ""
                }
            ));
        }
        events.push(vec![
            format_date_fr(e.date),
            channel,
            what,
            outcome.join(", "),
        ]);
    }
    // Dates as dd/mm/yyyy sort by (year, month, day).
    events.sort_by_key(|r| {
        r.first()
            .map(|d| d.split('/').rev().collect::<Vec<_>>().join(""))
            .unwrap_or_default()
    });
    body.push(Block::Table {
        table: Table {
            columns: vec![
                col("Date", 14, false),
                col("Canal", 14, false),
                col("Échange", 50, false),
                col("Suite", 22, false),
            ],
            rows: events,
            totals: Vec::new(),
        },
    });

    // 4. The letters sent.
    body.push(heading(4, "Lettres envoyées"));
    let sent: Vec<Vec<String>> = letters
        .iter()
        .filter(|l| l.date >= first)
        .map(|l| {
            vec![
                format_date_fr(l.date),
                l.kind.label_fr().to_owned(),
                l.total.format_fr(),
                l.registered_number
                    .clone()
                    .unwrap_or_else(|| "—".to_owned()),
                l.posted_on
                    .map(format_date_fr)
                    .unwrap_or_else(|| "—".to_owned()),
                l.received_on
                    .map(format_date_fr)
                    .unwrap_or_else(|| "—".to_owned()),
            ]
        })
        .collect();
    if sent.is_empty() {
        body.push(Block::Paragraph {
            text: "Aucune lettre archivée dans Tact pour ces factures. Une mise en demeure par lettre recommandée avec accusé de réception est la pièce que toutes les suites demandent\u{a0}: envoyez-la d'abord.".to_owned(),
        });
    } else {
        body.push(Block::Table {
            table: Table {
                columns: vec![
                    col("Date", 13, false),
                    col("Lettre", 27, false),
                    col("Montant", 14, true),
                    col("Recommandé n°", 20, false),
                    col("Déposée le", 13, false),
                    col("AR le", 13, false),
                ],
                rows: sent,
                totals: Vec::new(),
            },
        });
    }

    // 5. The calendar, if any.
    let mut n = 5u8;
    if let Some(st) = ctx.plan {
        body.push(heading(n, "Échéancier"));
        n = n.saturating_add(1);
        body.push(Block::Paragraph {
            text: format!(
                "Échéancier n°\u{a0}{} du {}{}, {}\u{a0}: {} au total.",
                st.plan.reference(),
                format_date_long_fr(st.plan.created_on),
                st.plan
                    .signed_on
                    .map(|d| format!(", signé le {}", format_date_long_fr(d)))
                    .unwrap_or_else(|| ", non signé".to_owned()),
                st.status.label_fr().to_lowercase(),
                st.plan.total.format_fr()
            ),
        });
        body.push(Block::Table {
            table: Table {
                columns: vec![
                    col("Échéance", 26, false),
                    col("Date", 18, false),
                    col("Montant", 18, true),
                    col("Réglé", 18, true),
                    col("État", 20, false),
                ],
                rows: st
                    .instalments
                    .iter()
                    .map(|i| {
                        vec![
                            i.label.clone(),
                            format_date_fr(i.instalment.due_on),
                            i.instalment.amount.format_fr(),
                            i.paid.format_fr(),
                            i.status_label.clone(),
                        ]
                    })
                    .collect(),
                totals: Vec::new(),
            },
        });
    }

    // The routes that fit, and the documents to attach.
    body.push(heading(n, "Suites possibles"));
    n = n.saturating_add(1);
    for r in recovery::routes(c, total) {
        body.push(Block::Paragraph {
            text: format!("{} ({})\u{a0}— {}", r.name, r.law, r.why),
        });
        if r.fits {
            body.push(Block::Paragraph {
                text: format!(
                    "Comment\u{a0}: {} Coût\u{a0}: {} Délai\u{a0}: {}{}",
                    r.how,
                    r.cost,
                    r.duration,
                    if r.bring.is_empty() {
                        String::new()
                    } else {
                        format!(" À apporter en plus\u{a0}: {}.", join_fr(&r.bring))
                    }
                ),
            });
        }
    }
    body.push(heading(n, "Pièces à joindre"));
    let mut pieces = vec![format!(
        "{} {}",
        if numbers.len() > 1 {
            "copie des factures"
        } else {
            "copie de la facture"
        },
        join_fr(&numbers.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    )];
    pieces.push(
        "le devis signé, le bon de commande ou les conditions générales acceptées par le client"
            .to_owned(),
    );
    pieces.extend(letters.iter().filter(|l| l.date >= first).map(|l| {
        format!(
            "{} du {}{}",
            l.kind.label_fr(),
            format_date_fr(l.date),
            if l.received_on.is_some() {
                " et son avis de réception"
            } else if l.registered_number.is_some() {
                " et la preuve de dépôt"
            } else {
                ""
            }
        )
    }));
    pieces.push("les courriels échangés (relances et réponses)".to_owned());
    if ctx.plan.is_some_and(|st| st.plan.signed_on.is_some()) {
        pieces.push("l'échéancier signé".to_owned());
    }
    if b2b {
        pieces.push("un extrait Kbis du débiteur de moins de trois mois (injonction de payer au tribunal de commerce)".to_owned());
    }
    pieces.push("ce dossier, qui récapitule les sommes et les échanges".to_owned());
    body.push(Block::Paragraph {
        text: pieces
            .iter()
            .map(|p| format!("– {p}"))
            .collect::<Vec<_>>()
            .join("\n"),
    });
    body.push(Block::Paragraph {
        text: format!(
            "Dossier établi le {} par {}, à partir du registre tenu dans Tact.",
            format_date_long_fr(ctx.today),
            b.signatory_name
                .clone()
                .unwrap_or_else(|| b.legal_name.clone())
        ),
    });
    Ok(Letter {
        language: crate::model::Language::French,
        kind: LetterKind::RecoveryFile,
        client_id: c.id,
        date: ctx.today,
        title: format!(
            "Dossier de recouvrement – {} – {}",
            c.name,
            format_date_fr(ctx.today)
        ),
        sender,
        recipient: Vec::new(),
        place_date: place_date(ctx),
        mention: None,
        registered_number: None,
        subject: format!("Dossier de recouvrement – {}", c.name),
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
        principal,
        interest,
        indemnities,
        total,
        plan_id: ctx.plan.map(|st| st.plan.id),
        countersignature: Vec::new(),
        invoice_ids: rows.iter().map(|(i, _)| i.id).collect(),
    })
}
