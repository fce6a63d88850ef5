//! The draft of each step of the ladder: the email (fr/en) with the invoice table, history and payment details, the call sheet, the memo.

use super::*;

/// The draft for a client's suggestion (its main step, and the undisputed invoices alongside a dispute).
pub fn draft(ctx: &DraftContext<'_>, suggestion: &Suggestion) -> Result<Draft> {
    let step = &suggestion.step;
    if step.action == Action::ClaimPenalties {
        return penalty_claim::penalty_claim_draft(ctx, step);
    }
    if step.action == Action::CheckCredit {
        return Err(Error::new(
            ErrorCode::NothingToDraft,
            format!(
                "Rien à envoyer à {} pour l'instant\u{a0}: un crédit reçu sur votre compte pourrait être son règlement. Examinez-le d'abord dans Banque.",
                ctx.client.name
            ),
        ));
    }
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
    let hello = Addressee::of(ctx.client).greeting(l.0);
    let sign = signature(b, l);
    let pay = payment_details(b, &lines, l);
    let table_text = table(&lines, l)?;
    let mut total = Money::sum(lines.iter().map(|x| x.balance))?;
    let b2b = ctx.client.kind == ClientKind::Professional;
    let oldest_due = lines.iter().map(|x| x.due_date).min().unwrap_or(ctx.today);
    let one = lines.len() == 1;
    let past = history(ctx, oldest_due, l);
    let said = crate::past::Past::of(ctx.journal, oldest_due, ctx.today);
    let deadline = in_eight_days(ctx.today);
    let mut call_sheet = None;
    let mut sendable = true;

    let (subject, paragraphs): (String, Vec<String>) = match step.action {
        Action::PreventiveNote => (
            format!(
                "{} – {} {}",
                invoices_word(&lines, l),
                l.t("échéance du", "due on"),
                l.long_date(oldest_due)
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
                    match lines.first().filter(|x| x.paid.is_positive()) {
                        Some(x) => format!(
                            "{} ({} {} {}), {} {}{}",
                            l.t(
                                "Sauf erreur de ma part, je n'ai reçu qu'une partie du règlement de la facture suivante",
                                "Unless I am mistaken, I have received only part of the payment of the following invoice"
                            ),
                            l.money(x.paid),
                            l.t("sur", "out of"),
                            l.money(x.amount),
                            l.t("arrivée à échéance le", "which fell due on"),
                            l.long_date(oldest_due),
                            l.colon()
                        ),
                        None => format!(
                            "{} {}{}",
                            l.t(
                                "Sauf erreur de ma part, je n'ai pas encore reçu le règlement de la facture suivante, arrivée à échéance le",
                                "Unless I am mistaken, I have not yet received payment of the following invoice, which fell due on"
                            ),
                            l.long_date(oldest_due),
                            l.colon()
                        ),
                    }
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
            // A last reminder announces the mise en demeure, unless the amount is too small for one: then it is a
            // last written reminder that threatens nothing it will not do.
            let small = step.reasons.iter().any(|r| r.code == "small_amount");
            let last = step.action == Action::LastReminder && !small;
            let last_small = step.action == Action::LastReminder && small;
            let mut p = Vec::new();
            p.push(match said.sentence(
                &remains(&lines, l),
                l.0,
            ) {
                Some(sentence) => format!("{sentence}{}", l.colon()),
                None => format!(
                    "{} {}{}",
                    l.t(
                        "Le règlement des sommes suivantes, échues depuis le",
                        "Payment of the following amounts, due since"
                    ),
                    l.long_date(oldest_due),
                    l.t(
                        ", ne m'est pas parvenu à ce jour\u{a0}:",
                        ", has not reached me to date:"
                    )
                ),
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
                    } else if last_small {
                        l.t("Dernier rappel", "Final reminder")
                    } else {
                        l.t("Relance", "Reminder")
                    },
                    l.colon(),
                    the_invoices(&lines, l)
                        .trim_start_matches("la ")
                        .trim_start_matches("les "),
                    if one { l.t("échue depuis le", "due since") } else { l.t("échues depuis le", "due since") },
                    l.long_date(oldest_due)
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
            // The amount the email announces is the letter's: one computation (principal, penalties or interest,
            // indemnities), both texts.
            if let Some(letter) = formal_letter(ctx)? {
                total = letter.total;
            }
            let mut p = vec![match said.sentence(
                &remains(&lines, l),
                l.0,
            ) {
                Some(sentence) => format!("{sentence}{}", l.colon()),
                None => format!(
                    "{} {}{}",
                    l.t("Sauf erreur de ma part,", "Unless I am mistaken,"),
                    remains(&lines, l),
                    l.colon()
                ),
            }];
            p.push(table_text);
            let principal = Money::sum(lines.iter().map(|x| x.balance))?;
            if total != principal {
                let extra = total.checked_sub(principal)?;
                p.push(format!(
                    "{} {} {} {}{}",
                    if b2b {
                        l.t(
                            "Conformément aux articles L441-10 et D441-5 du Code de commerce, s'y ajoutent de plein droit les pénalités de retard, dues depuis le lendemain de chaque échéance, et l'indemnité forfaitaire pour frais de recouvrement de 40\u{a0}€ par facture, soit",
                            "Under articles L441-10 and D441-5 of the French Commercial Code, late-payment penalties from the day after each due date and the fixed indemnity of €40 per invoice for recovery costs are added by law, that is",
                        )
                    } else {
                        l.t(
                            "Conformément aux articles 1231-6 et 1344-1 du Code civil, s'y ajoutent les intérêts au taux légal courus depuis ma mise en demeure, soit",
                            "Under articles 1231-6 and 1344-1 of the French Civil Code, the legal interest accrued since my formal notice is added, that is",
                        )
                    },
                    l.money(extra),
                    l.t("au", "as of"),
                    l.long_date(ctx.today),
                    l.t(" (décompte joint à la lettre).", " (breakdown attached to the letter)."),
                ));
            } else if !b2b {
                p.push(l.t(
                    "Conformément aux articles 1231-6 et 1344-1 du Code civil, cette somme portera intérêts au taux légal à compter de la réception de la présente mise en demeure.",
                    "Under articles 1231-6 and 1344-1 of the French Civil Code, this sum will bear interest at the legal rate from the receipt of this formal notice.",
                ).into());
            }
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
                    .map(|d| format!(" {} {}", l.t("le", "on"), l.long_date(d)))
                    .unwrap_or_default(),
                l.t("d'un désaccord sur", "about a disagreement on"),
                the_invoices(&lines, l),
                l.money(total)
            )];
            p.push(l.t(
                "Je souhaite que nous réglions ce point rapidement et simplement. Pouvez-vous me préciser ce qui manque ou ce qui pose problème\u{a0}? Je vous propose d'en parler par téléphone dans la semaine\u{a0}; de mon côté, je rassemble les éléments (commande, échanges, livrables). Si votre remarque est fondée, je compléterai la prestation ou j'établirai un avoir.",
                "I would like us to settle this quickly and simply. Could you tell me what is missing or what the problem is? I suggest we talk about it by phone this week; on my side I am gathering the documents (order, exchanges, deliverables). If your point is justified, I will complete the work or issue a credit note.",
            ).into());
            // Not the undisputed invoices while a credit that may pay them waits for review.
            if let Some(other) = suggestion
                .alongside
                .as_ref()
                .filter(|s| s.action != Action::Nothing && s.action != Action::CheckCredit)
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
                    l.long_date(e.date),
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
            // The total of the mise en demeure (penalties or interest to date), when the penalties were gathered.
            if let Some(letter) = formal_letter(ctx).ok().flatten() {
                total = letter.total;
            }
            let mut p = vec![format!(
                "{} {} {}",
                l.t("Reste dû", "Balance"),
                l.money(total),
                l.t(
                    "malgré les relances. Un dernier appel pour proposer un échéancier reste la voie la plus douce. Ensuite, les suites possibles, de la plus simple à la plus lourde\u{a0}:",
                    "despite the reminders. A last call to offer a payment calendar remains the gentlest way. Then the possible next steps, from the simplest to the heaviest:"
                )
            )];
            // The routes are French procedures: explained in French whatever the client's language.
            for r in crate::recovery::routes(ctx.client, total) {
                let mut block = vec![format!("{} ({})\u{a0}— {}", r.name, r.law, r.why)];
                if r.fits {
                    block.push(format!("– Comment\u{a0}: {}", r.how));
                    block.push(format!("– Coût\u{a0}: {}", r.cost));
                    block.push(format!("– Délai\u{a0}: {}", r.duration));
                    if !r.bring.is_empty() {
                        block.push(format!("– À apporter en plus\u{a0}: {}.", crate::text::join_fr(&r.bring)));
                    }
                }
                p.push(block.join("\n"));
            }
            p.push(format!(
                "{}{}\n{}",
                l.t("Ce que toutes ces voies demandent", "What every route asks for"),
                l.colon(),
                bullets(&crate::recovery::common_pieces())
            ));
            p.push(table_text);
            p.push(format!(
                "{} tact letter dossier --client {} --out dossier.pdf",
                l.t(
                    "Chacune de ces voies demande le même dossier (les parties, les sommes, la chronologie des échanges, les lettres et leurs accusés de réception)\u{a0}: Tact le prépare, dans la fiche du client («\u{a0}Dossier de recouvrement\u{a0}») ou par la commande",
                    "Each of these routes asks for the same file (parties, amounts, chronology of exchanges, letters and their receipts): Tact prepares it, on the client's page (“Dossier de recouvrement”) or with the command"
                ),
                ctx.client.id
            ));
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
        Action::Nothing | Action::ClaimPenalties | Action::CheckCredit => handled_above(),
    };
    let body = if sendable {
        let formal = step.action == Action::FormalNotice;
        let mut all = vec![if formal {
            Addressee::of(ctx.client).salutation(l.0)
        } else {
            hello
        }];
        all.extend(paragraphs.into_iter().filter(|p| !p.is_empty()));
        all.push(if formal {
            sign.replacen(
                l.t("Bien cordialement,", "Kind regards,"),
                &Addressee::of(ctx.client).farewell(l.0),
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

/// `Action::Nothing` and the claim return early above; this keeps the match exhaustive without a panic.
pub(super) fn handled_above() -> (String, Vec<String>) {
    (String::new(), Vec::new())
}

pub(super) fn bullets(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("– {s}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The mise en demeure the step prepares, when the client's penalties were gathered: its total is the email's.
fn formal_letter(ctx: &DraftContext<'_>) -> Result<Option<crate::letters::Letter>> {
    let Some(penalties) = ctx.penalties else {
        return Ok(None);
    };
    crate::letters::letter(
        &crate::letters::LetterContext {
            business: ctx.business,
            client: ctx.client,
            invoices: ctx.invoices,
            journal: ctx.journal,
            penalties,
            plan: ctx.plan,
            letters: &[],
            payments: &[],
            today: ctx.today,
        },
        crate::letters::LetterKind::FormalNotice,
        &crate::letters::LetterOptions::default(),
    )
    .map(Some)
}

/// What remains unpaid, as the end of a sentence: « la facture suivante reste impayée à ce jour », « … reste
/// partiellement impayée à ce jour (300,00 € réglés sur 600,00 €) », « les factures suivantes restent impayées, en
/// tout ou en partie, à ce jour ».
fn remains(lines: &[DraftLine], l: Lang) -> String {
    match lines {
        [x] if x.paid.is_positive() => format!(
            "{} ({} {} {})",
            l.t(
                "la facture suivante reste partiellement impayée à ce jour",
                "the following invoice remains partly unpaid to date"
            ),
            l.money(x.paid),
            l.t("réglés sur", "paid out of"),
            l.money(x.amount)
        ),
        [_] => l
            .t(
                "la facture suivante reste impayée à ce jour",
                "the following invoice remains unpaid to date",
            )
            .to_owned(),
        _ if lines.iter().any(|x| x.paid.is_positive()) => l
            .t(
                "les factures suivantes restent impayées, en tout ou en partie, à ce jour",
                "the following invoices remain wholly or partly unpaid to date",
            )
            .to_owned(),
        _ => l
            .t(
                "les factures suivantes restent impayées à ce jour",
                "the following invoices remain unpaid to date",
            )
            .to_owned(),
    }
}
