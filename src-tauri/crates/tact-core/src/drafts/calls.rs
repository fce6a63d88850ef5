//! Calls: the sheet to have in hand, and the email that confirms what was said.

use super::*;

pub(super) fn call_sheet_for(
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
                l.long_date(oldest_due)
            )
        } else {
            let numbers: Vec<String> = lines.iter().map(|x| x.number.clone()).collect();
            if numbers.len() > 1 {
                format!(
                    "Bonjour, {me}, {}. Je vous appelle au sujet des factures {} ({}), échues depuis le {}, dont je n'ai pas reçu le règlement. Avez-vous un moment\u{a0}?",
                    de_fr(&firm),
                    crate::text::join_fr(&numbers),
                    l.money(total),
                    l.long_date(oldest_due)
                )
            } else {
                format!(
                    "Bonjour, {me}, {}. Je vous appelle au sujet de la facture {} ({}), arrivée à échéance le {}, dont je n'ai pas reçu le règlement. Avez-vous un moment\u{a0}?",
                    de_fr(&firm),
                    crate::text::join_fr(&numbers),
                    l.money(total),
                    l.long_date(oldest_due)
                )
            }
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
        format!("{} {}", l.t("du", "of"), l.long_date(call.date))
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
    let mut all = vec![Addressee::of(ctx.client).greeting(l.0)];
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

/// The courtesy copy, by email, of a letter sent by registered post (a mise en demeure, a déchéance notice):
/// it says the letter left today by LRAR, states the amount the letter claims (the same figure: one
/// computation), and that the copy is attached. It informs; the letter is what counts (C. civ. 1344).
pub fn letter_copy(ctx: &DraftContext<'_>, record: &crate::letters::LetterRecord) -> Result<Draft> {
    let l = Lang(ctx.client.language);
    let what_fr = match record.kind {
        crate::letters::LetterKind::PlanDefault => {
            "une mise en demeure qui constate la déchéance du terme de notre échéancier"
        }
        crate::letters::LetterKind::FormalNotice => "une mise en demeure de payer",
        _ => "un courrier",
    };
    let what_en = match record.kind {
        crate::letters::LetterKind::PlanDefault => {
            "a formal notice recording the end of our payment calendar"
        }
        crate::letters::LetterKind::FormalNotice => "a formal notice to pay",
        _ => "a letter",
    };
    let sent = if record.date == ctx.today {
        l.t("ce jour", "today").to_owned()
    } else {
        format!("{} {}", l.t("le", "on"), l.long_date(record.date))
    };
    let subject = format!(
        "{} {}",
        l.t("Copie de", "Copy of"),
        l.t(
            if record.kind == crate::letters::LetterKind::PlanDefault {
                "la mise en demeure (déchéance du terme)"
            } else {
                "la mise en demeure de payer"
            },
            if record.kind == crate::letters::LetterKind::PlanDefault {
                "the formal notice (end of the payment calendar)"
            } else {
                "the formal notice to pay"
            },
        )
    );
    let body = [
        Addressee::of(ctx.client).greeting(l.0),
        format!(
            "{} {sent}, {} {} {} {}.",
            l.t("Je vous ai adressé", "I sent you"),
            l.t("par lettre recommandée avec accusé de réception,", "by registered letter with acknowledgement of receipt,"),
            l.t(what_fr, what_en),
            l.t("portant sur la somme de", "for the sum of"),
            l.money(record.total)
        ),
        l.t(
            "Vous en trouverez la copie en pièce jointe, pour information\u{a0}; le délai qu'elle indique court à compter de la réception du courrier.",
            "Please find a copy attached, for your information; the time it gives runs from the receipt of the letter.",
        )
        .to_owned(),
        l.t(
            "Si le règlement est déjà parti, merci de ne pas tenir compte de ce message et de me le signaler.",
            "If the payment has already been made, please disregard this message and let me know.",
        )
        .to_owned(),
        signature(ctx.business, l),
    ]
    .join("\n\n");
    Ok(Draft {
        client_id: ctx.client.id,
        action: Action::FormalNotice,
        language: ctx.client.language,
        to: ctx.client.contact.email.clone(),
        subject,
        body,
        sendable: true,
        lines: Vec::new(),
        total: record.total,
        call_sheet: None,
    })
}
