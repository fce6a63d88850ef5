//! The payment calendar's documents (legal-fr A.9, B §6): the agreement to sign in two originals, and the mise en
//! demeure that invokes its déchéance du terme after a missed instalment.

use super::{
    col, edited, farewell, next_step, payment_details, place_date, registered_mention,
    registered_number, salutation, signature, signing_place, total_row, Block, Letter,
    LetterContext, LetterKind, LetterOptions, Table,
};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{ClientKind, JournalKind};
use crate::money::Money;
use crate::plans::{InstalmentStatus, PenaltyTreatment, PlanState, PlanStatus};
use crate::text::{capitalize, format_date_fr, format_date_long_fr, format_siren_siret, join_fr};

fn the_plan<'a>(ctx: &'a LetterContext<'_>) -> Result<&'a PlanState> {
    ctx.plan.ok_or_else(|| {
        Error::new(
            ErrorCode::PlanNotFound,
            format!(
                "{} n'a pas d'échéancier\u{a0}: créez-le d'abord (fiche du client, « Échéancier »).",
                ctx.client.name
            ),
        )
    })
}

/// « la facture F-2026-041 » / « les factures F-1 et F-2 ».
fn invoices_words(st: &PlanState) -> String {
    let numbers: Vec<String> = st.plan.invoices.iter().map(|i| i.number.clone()).collect();
    if numbers.len() > 1 {
        format!("des factures {}", join_fr(&numbers))
    } else {
        format!("de la facture {}", join_fr(&numbers))
    }
}

fn reference(st: &PlanState) -> String {
    let numbers: Vec<String> = st.plan.invoices.iter().map(|i| i.number.clone()).collect();
    format!("{} {}", st.plan.reference(), numbers.join(" "))
}

/// One party, in a sentence as a lawyer writes it: a company « dont le siège social est situé …, représentée
/// par … », an individual entrepreneur « dont l'établissement est situé … », a person « demeurant … ».
fn party(
    name: &str,
    form: Option<&str>,
    id: Option<String>,
    address: Option<String>,
    seat: Seat,
    representative: Option<&str>,
) -> String {
    let mut parts = vec![name.to_owned()];
    parts.extend(form.map(str::to_owned));
    parts.extend(id);
    parts.extend(address.map(|a| match seat {
        Seat::Company => format!("dont le siège social est situé {a}"),
        Seat::Establishment => format!("dont l'établissement est situé {a}"),
        Seat::Home => format!("demeurant {a}"),
    }));
    let mut s = parts.join(", ");
    if let Some(r) = representative.filter(|r| *r != name) {
        // « La société … représentée », « Garage Martin … représenté ».
        let agreed = if matches!(seat, Seat::Company) {
            "représentée"
        } else {
            "représenté"
        };
        s.push_str(&format!(", {agreed} par {r}"));
    }
    s
}

/// Where a party is found, in law.
#[derive(Clone, Copy)]
enum Seat {
    Company,
    Establishment,
    Home,
}

/// « 2 400,00 € à régler en 3 échéances, du 5 décembre 2026 au 5 février 2027 ».
fn calendar_in_words(plan: &crate::plans::Plan) -> String {
    let n = plan.instalments.len();
    let first = plan.instalments.first().map(|i| i.due_on);
    let last = plan.instalments.last().map(|i| i.due_on);
    let span = match (first, last) {
        (Some(a), Some(b)) if n > 1 => format!(
            ", du {} au {}",
            format_date_long_fr(a),
            format_date_long_fr(b)
        ),
        (Some(a), _) => format!(", le {}", format_date_long_fr(a)),
        _ => String::new(),
    };
    format!(
        "{} à régler en {n} échéance{}{span}",
        plan.total.format_fr(),
        if n > 1 { "s" } else { "" }
    )
}

/// The calendar agreement: the parties, the acknowledgment of the debt with its breakdown, the schedule, how to
/// pay, what happens to the penalties and the indemnity, the déchéance clause with its notice, two signatures.
pub(super) fn agreement(
    ctx: &LetterContext<'_>,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    let st = the_plan(ctx)?;
    let plan = &st.plan;
    let b = ctx.business;
    let c = ctx.client;
    let b2b = c.kind == ClientKind::Professional;
    let extras = plan.penalties.checked_add(plan.indemnities)?;
    let conversation = ctx
        .journal
        .iter()
        .rev()
        .find(|e| {
            e.date <= plan.created_on
                && matches!(e.kind, JournalKind::Call)
                && e.call_outcome == Some(crate::model::CallOutcome::Difficulty)
        })
        .map(|e| e.date);
    let default_opening = match conversation {
        Some(d) => format!(
            "Comme convenu lors de notre échange du {}, je vous adresse le protocole d'accord qui fixe l'échéancier de paiement {}, en deux exemplaires. Je vous remercie de m'en retourner un exemplaire daté et signé, précédé de la mention manuscrite «\u{a0}Bon pour accord\u{a0}».",
            format_date_long_fr(d),
            invoices_words(st)
        ),
        None => format!(
            "Comme convenu, je vous adresse le protocole d'accord qui fixe l'échéancier de paiement {}, en deux exemplaires. Je vous remercie de m'en retourner un exemplaire daté et signé, précédé de la mention manuscrite «\u{a0}Bon pour accord\u{a0}».",
            invoices_words(st)
        ),
    };
    let opening = edited(&opts.opening, "opening", default_opening)?;
    let creditor_company = crate::addressee::is_company(&b.legal_name, b.legal_form.as_deref());
    let creditor = party(
        &b.legal_name,
        b.legal_form.as_deref(),
        b.siret
            .as_deref()
            .map(|s| format!("SIRET {}", format_siren_siret(s))),
        b.contact.one_line(),
        if creditor_company {
            Seat::Company
        } else {
            Seat::Establishment
        },
        creditor_company
            .then_some(b.signatory_name.as_deref())
            .flatten(),
    );
    // The person who signs for a business client: its contact, civility first.
    let representative = c
        .contact_name
        .as_deref()
        .filter(|_| b2b)
        .map(|n| crate::addressee::with_civility(n, c.civility));
    let debtor = party(
        &c.name,
        None,
        c.siren
            .as_deref()
            .map(|s| format!("SIREN {}", format_siren_siret(s))),
        c.contact.one_line(),
        match (b2b, crate::addressee::is_company_name(&c.name)) {
            (false, _) => Seat::Home,
            (true, true) => Seat::Company,
            (true, false) => Seat::Establishment,
        },
        representative.as_deref(),
    );
    // The agreement is a document of its own, after the cover letter: the parties, the articles, place and date,
    // and the two signatures at its end.
    let mut body = vec![Block::Paragraph {
        text: format!(
            "Entre les soussignés\u{a0}: {creditor}, ci-après «\u{a0}le créancier\u{a0}», d'une part, et {debtor}, ci-après «\u{a0}le débiteur\u{a0}», d'autre part, il a été convenu ce qui suit."
        ),
    }];
    let mut article = 0u32;
    let mut heading = |body: &mut Vec<Block>, title: &str| {
        article = article.saturating_add(1);
        body.push(Block::Strong {
            text: format!("Article {article} – {title}"),
        });
        article
    };

    heading(&mut body, "Reconnaissance de dette");
    body.push(Block::Paragraph {
        text: format!(
            "Le débiteur reconnaît devoir au créancier la somme de {} en principal, au titre {}\u{a0}:",
            plan.principal.format_fr(),
            invoices_words(st)
        ),
    });
    let mut invoices = Table {
        columns: vec![
            col("Facture", 20, false),
            col("Date", 18, false),
            col("Échéance", 18, false),
            col("Montant TTC", 22, true),
            col("Reste dû", 22, true),
        ],
        rows: plan
            .invoices
            .iter()
            .map(|i| {
                vec![
                    i.number.clone(),
                    format_date_fr(i.issue_date),
                    format_date_fr(i.due_date),
                    i.amount.format_fr(),
                    i.balance.format_fr(),
                ]
            })
            .collect(),
        totals: Vec::new(),
    };
    if plan.invoices.len() > 1 {
        invoices
            .totals
            .push(total_row("Total", 5, 4, plan.principal));
    }
    body.push(Block::Table { table: invoices });
    if extras.is_positive() {
        let text = if b2b {
            let mut t = format!(
                "À cette somme s'ajoutent, au {}, des pénalités de retard de {} (article L441-10 du Code de commerce)",
                format_date_long_fr(plan.created_on),
                plan.penalties.format_fr()
            );
            if plan.indemnities.is_positive() {
                t.push_str(&format!(
                    " et l'indemnité forfaitaire pour frais de recouvrement de {} (article D441-5 du même code)",
                    plan.indemnities.format_fr()
                ));
            }
            t.push_str(", dont le sort est réglé à l'article 4.");
            t
        } else {
            format!(
                "À cette somme s'ajoutent, au {}, des intérêts au taux légal de {} (articles 1231-6 et 1344-1 du Code civil), dont le sort est réglé à l'article 4.",
                format_date_long_fr(plan.created_on),
                plan.penalties.format_fr()
            )
        };
        body.push(Block::Paragraph { text });
    }

    heading(&mut body, "Échéancier");
    body.push(Block::Paragraph {
        text: format!(
            "Le débiteur s'engage à régler la somme de {} selon le calendrier suivant\u{a0}:",
            plan.total.format_fr()
        ),
    });
    body.push(Block::Table {
        table: Table {
            columns: vec![
                col("Échéance", 40, false),
                col("Date", 30, false),
                col("Montant", 30, true),
            ],
            rows: plan
                .instalments
                .iter()
                .map(|i| vec![i.label_fr(), format_date_fr(i.due_on), i.amount.format_fr()])
                .collect(),
            totals: vec![total_row("Total", 3, 2, plan.total)],
        },
    });
    body.push(Block::Paragraph {
        text: "Le débiteur peut à tout moment payer par avance tout ou partie des échéances, sans frais.".to_owned(),
    });

    heading(&mut body, "Modalités de paiement");
    body.push(Block::Paragraph {
        text: payment_details(ctx, &reference(st)),
    });

    let penalties_article = if extras.is_positive() {
        heading(&mut body, "Pénalités et indemnité");
        let what = if b2b {
            if plan.indemnities.is_positive() {
                format!(
                    "les pénalités de retard ({}) et l'indemnité forfaitaire pour frais de recouvrement ({})",
                    plan.penalties.format_fr(),
                    plan.indemnities.format_fr()
                )
            } else {
                format!("les pénalités de retard ({})", plan.penalties.format_fr())
            }
        } else {
            format!(
                "les intérêts au taux légal ({})",
                plan.penalties.format_fr()
            )
        };
        let text = match plan.treatment {
            PenaltyTreatment::Waived => format!(
                "Le créancier renonce à réclamer {what}, à la condition que chaque échéance soit réglée à sa date. Cette renonciation est propre au présent accord. À défaut de paiement d'une échéance, ces sommes redeviendront exigibles, ainsi que les pénalités courues depuis le {}.",
                format_date_long_fr(plan.created_on)
            ),
            PenaltyTreatment::Deferred => format!(
                "{}, arrêtées au {}, sont ajoutées à la dernière échéance, soit {} au total. Aucune autre pénalité ne sera réclamée si l'échéancier est respecté.",
                capitalize(&what),
                format_date_long_fr(plan.created_on),
                extras.format_fr()
            ),
            PenaltyTreatment::Kept => format!(
                "{}, arrêtées au {}, sont comprises dans les échéances ci-dessus, soit {} au total. Aucune autre pénalité ne sera réclamée si l'échéancier est respecté.",
                capitalize(&what),
                format_date_long_fr(plan.created_on),
                extras.format_fr()
            ),
        };
        body.push(Block::Paragraph { text });
        true
    } else {
        false
    };

    heading(&mut body, "Déchéance du terme");
    body.push(Block::Paragraph {
        text: format!(
            "À défaut de paiement d'une échéance à sa date, le créancier pourra mettre le débiteur en demeure de la régler, par lettre recommandée avec accusé de réception. Si elle n'est pas réglée dans un délai de {} jours à compter de la réception de cette mise en demeure, la totalité des sommes restant dues deviendra immédiatement exigible{}.",
            plan.notice_days,
            if penalties_article && plan.treatment == PenaltyTreatment::Waived {
                ", y compris les sommes mentionnées à l'article 4"
            } else {
                ""
            }
        ),
    });
    body.push(Block::Paragraph {
        text: format!(
            "Fait à {}, le {}, en deux exemplaires originaux.",
            signing_place(b).unwrap_or_else(|| "……………".into()),
            format_date_long_fr(ctx.today)
        ),
    });
    let closing = edited(
        &opts.closing,
        "closing",
        "Je vous remercie de votre confiance et reste à votre disposition pour ajuster ce calendrier si votre situation l'exige.".to_owned(),
    )?;
    // The cover letter: what is enclosed, the calendar in one sentence, the close.
    let mut cover = vec![
        Block::Paragraph {
            text: opening.clone(),
        },
        Block::Paragraph {
            text: format!(
                "En bref\u{a0}: {}{}. Dès réception de l'exemplaire signé, les relances s'arrêtent tant que le calendrier est suivi.",
                calendar_in_words(plan),
                if penalties_article && plan.treatment == PenaltyTreatment::Waived {
                    "\u{a0}; si chaque échéance est réglée à sa date, je renonce aux pénalités et à l'indemnité (article\u{a0}4)"
                } else {
                    ""
                }
            ),
        },
    ];
    cover.push(Block::Paragraph {
        text: closing.clone(),
    });
    let mut creditor_sign = vec!["Le créancier".to_owned()];
    creditor_sign.extend(signature(b));
    let mut debtor_sign = vec![
        "Le débiteur".to_owned(),
        if b2b {
            c.name.clone()
        } else {
            crate::addressee::with_civility(&c.name, c.civility)
        },
    ];
    debtor_sign.extend(
        c.contact_name
            .as_deref()
            .filter(|n| *n != c.name)
            .map(|n| crate::addressee::with_civility(n, c.civility)),
    );
    debtor_sign.push("«\u{a0}Bon pour accord\u{a0}», date et signature".to_owned());
    let revision = if plan.version > 1 {
        format!(" (version {}, remplace la précédente)", plan.version)
    } else {
        String::new()
    };
    Ok(Letter {
        language: crate::model::Language::French,
        kind: LetterKind::PlanAgreement,
        client_id: c.id,
        date: ctx.today,
        title: format!(
            "Échéancier de paiement – {} – {}",
            c.name,
            format_date_fr(ctx.today)
        ),
        sender,
        recipient,
        place_date: place_date(ctx),
        mention: None,
        registered_number: None,
        subject: format!(
            "Objet\u{a0}: ÉCHÉANCIER DE PAIEMENT n°\u{a0}{}{revision} – {}",
            plan.reference(),
            plan.invoices
                .iter()
                .map(|i| i.number.clone())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        salutation: salutation(ctx),
        body: cover,
        farewell: farewell(ctx),
        signature: signature(b),
        enclosures: Some(
            "Pièce jointe\u{a0}: le protocole d'accord en deux exemplaires, dont un à me retourner signé.".to_owned(),
        ),
        annex: Some(super::Annex {
            title: format!(
                "Protocole d'accord — échéancier de paiement n°\u{a0}{}{revision}",
                plan.reference()
            ),
            body,
            signature: creditor_sign,
            countersignature: debtor_sign,
        }),
        fold_marks: !opts.no_fold_marks,
        opening,
        closing,
        deadline_days: None,
        principal: plan.principal,
        interest: plan.penalties,
        indemnities: plan.indemnities,
        total: plan.total,
        plan_id: Some(plan.id),
        countersignature: Vec::new(),
        invoice_ids: plan.invoice_ids(),
    })
}

/// The mise en demeure after a missed instalment: the instalments late, the notice of the agreement's déchéance
/// clause, and what becomes due if nothing is paid within it.
pub(super) fn default_notice(
    ctx: &LetterContext<'_>,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    let st = the_plan(ctx)?;
    let plan = &st.plan;
    let signed = match (st.status, plan.signed_on) {
        (PlanStatus::Late | PlanStatus::Broken, Some(d)) if st.late_count > 0 => d,
        _ => {
            return Err(Error::new(
                ErrorCode::NothingToDraft,
                format!(
                    "Aucune échéance de l'échéancier {} n'est en retard au {}\u{a0}: il n'y a rien à mettre en demeure.",
                    plan.reference(),
                    format_date_fr(ctx.today)
                ),
            ))
        }
    };
    let late: Vec<_> = st
        .instalments
        .iter()
        .filter(|i| i.status == InstalmentStatus::Late)
        .collect();
    let several = late.len() > 1;
    let default_opening = format!(
        "Par un échéancier signé le {}, {} à régler la somme de {} selon un calendrier convenu ensemble. Sauf erreur de ma part, {} à ce jour\u{a0}:",
        format_date_long_fr(signed),
        crate::addressee::Addressee::of(ctx.client).committed("engagé"),
        plan.total.format_fr(),
        if several {
            "les échéances suivantes restent impayées"
        } else {
            "l'échéance suivante reste impayée"
        }
    );
    let opening = edited(&opts.opening, "opening", default_opening)?;
    let mut table = Table {
        columns: vec![
            col("Échéance", 26, false),
            col("Date", 18, false),
            col("Montant", 19, true),
            col("Réglé", 18, true),
            col("Reste dû", 19, true),
        ],
        rows: late
            .iter()
            .map(|i| {
                vec![
                    i.label.clone(),
                    format_date_fr(i.instalment.due_on),
                    i.instalment.amount.format_fr(),
                    i.paid.format_fr(),
                    i.left.format_fr(),
                ]
            })
            .collect(),
        totals: Vec::new(),
    };
    if several {
        table.totals.push(total_row("Total", 5, 4, st.late_amount));
    }
    let days = plan.notice_days;
    let mut body = vec![
        Block::Paragraph {
            text: opening.clone(),
        },
        Block::Table { table },
        Block::Strong {
            text: format!(
                "Par la présente, je vous mets en demeure de me régler la somme de {} dans un délai de {days} jours à compter de la réception de cette lettre, conformément à la clause de déchéance du terme de l'échéancier.",
                st.late_amount.format_fr()
            ),
        },
    ];
    let waived = plan.waived()?;
    let mut consequence = format!(
        "À défaut, la déchéance du terme sera acquise\u{a0}: la totalité du solde restant dû, soit {} au {}, deviendra immédiatement exigible",
        st.left.format_fr(),
        format_date_long_fr(ctx.today)
    );
    if waived.is_positive() {
        consequence.push_str(&format!(
            ", ainsi que les sommes auxquelles j'avais renoncé sous condition que l'échéancier soit respecté ({}, {})",
            if ctx.client.kind == ClientKind::Professional {
                "pénalités de retard et indemnité forfaitaire"
            } else {
                "intérêts au taux légal"
            },
            waived.format_fr()
        ));
        // What the agreement says becomes due with them (its article on penalties): those accrued since it.
        consequence.push_str(&format!(
            ", et {} depuis le {} jusqu'au paiement complet",
            if ctx.client.kind == ClientKind::Professional {
                "les pénalités de retard courues"
            } else {
                "les intérêts au taux légal courus"
            },
            format_date_long_fr(plan.created_on)
        ));
    } else if ctx.client.kind == ClientKind::Professional
        && plan.treatment != PenaltyTreatment::Waived
    {
        consequence.push_str(", augmentée des pénalités de retard qui courent sur ce solde jusqu'au paiement complet (article L441-10 du Code de commerce)");
    }
    consequence.push('.');
    body.push(Block::Paragraph { text: consequence });
    body.push(Block::Paragraph {
        text: payment_details(ctx, &reference(st)),
    });
    body.push(Block::Paragraph {
        text: next_step(ctx.client.kind, st.left),
    });
    let closing = edited(
        &opts.closing,
        "closing",
        "Si une difficulté nouvelle vous empêche de tenir le calendrier, je vous invite à me contacter sans attendre\u{a0}: un ajustement reste possible.".to_owned(),
    )?;
    body.push(Block::Paragraph {
        text: closing.clone(),
    });
    Ok(Letter {
        language: crate::model::Language::French,
        kind: LetterKind::PlanDefault,
        client_id: ctx.client.id,
        date: ctx.today,
        title: format!(
            "Mise en demeure (échéancier) – {} – {}",
            ctx.client.name,
            format_date_fr(ctx.today)
        ),
        sender,
        recipient,
        place_date: place_date(ctx),
        mention: Some(registered_mention(opts)),
        registered_number: registered_number(opts),
        subject: format!(
            "Objet\u{a0}: MISE EN DEMEURE – échéancier n°\u{a0}{} signé le {} – déchéance du terme",
            plan.reference(),
            format_date_long_fr(signed)
        ),
        salutation: salutation(ctx),
        body,
        farewell: farewell(ctx),
        signature: signature(ctx.business),
        enclosures: Some("Pièce jointe\u{a0}: copie de l'échéancier signé.".to_owned()),
        annex: None,
        fold_marks: !opts.no_fold_marks,
        opening,
        closing,
        deadline_days: Some(days),
        principal: st.late_amount,
        interest: Money::ZERO,
        indemnities: Money::ZERO,
        total: st.late_amount,
        plan_id: Some(plan.id),
        countersignature: Vec::new(),
        invoice_ids: plan.invoice_ids(),
    })
}
