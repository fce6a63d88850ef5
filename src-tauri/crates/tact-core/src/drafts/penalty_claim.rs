//! The email « réclamation des pénalités de retard »: for a business client's invoices paid after their due date,
//! the penalties to the day of payment and the 40 € per invoice (C. com. L441-10 II, D441-5), asked for courteously
//! and once. Never for a consumer, who owes neither.

use super::*;
use crate::legal::ClientPenalties;

/// The draft of the engine's step « Réclamer les pénalités de retard »: the claim email, with the invoices it
/// names and what it asks for.
pub(super) fn penalty_claim_draft(ctx: &DraftContext<'_>, step: &Step) -> Result<Draft> {
    let penalties = ctx.penalties.ok_or_else(|| {
        Error::new(
            ErrorCode::NothingToDraft,
            "Réclamation des pénalités\u{a0}: le décompte des pénalités manque pour rédiger l'e-mail.",
        )
    })?;
    let email = penalty_claim_email(ctx, penalties)?;
    let lines = lines_for(ctx, step)?;
    Ok(Draft {
        client_id: ctx.client.id,
        action: step.action,
        language: ctx.client.language,
        to: email.to,
        subject: email.subject,
        body: email.body,
        sendable: true,
        lines,
        total: step.amount,
        call_sheet: None,
    })
}

/// The email, from what the penalties say (only invoices paid late, their penalties not waived).
pub fn penalty_claim_email(
    ctx: &DraftContext<'_>,
    penalties: &ClientPenalties,
) -> Result<EmailText> {
    let l = Lang(ctx.client.language);
    if ctx.client.kind != ClientKind::Professional {
        return Err(Error::new(
            ErrorCode::NothingToDraft,
            "Un particulier ne doit ni pénalités de retard ni indemnité forfaitaire\u{a0}: il n'y a rien à réclamer.",
        ));
    }
    let late: Vec<&crate::legal::InvoicePenalty> = penalties
        .invoices
        .iter()
        .filter(|i| i.settled_on.is_some() && i.waived_on.is_none())
        .collect();
    if late.is_empty() {
        return Err(Error::new(
            ErrorCode::NothingToDraft,
            format!(
                "{} n'a aucune facture réglée en retard dont les pénalités restent dues au {}.",
                ctx.client.name,
                format_date_fr(ctx.today)
            ),
        ));
    }
    let interest = Money::sum(late.iter().map(|i| i.accrual.interest))?;
    let indemnity = Money::sum(late.iter().map(|i| i.accrual.indemnity))?;
    let total = interest.checked_add(indemnity)?;
    let several = late.len() > 1;
    let numbers: Vec<String> = late.iter().map(|i| i.number.clone()).collect();
    let rows: Vec<String> = late
        .iter()
        .map(|i| {
            format!(
                "– {}{} {} {}, {} {}{} {} {}{}",
                i.number,
                l.colon(),
                l.t("échéance le", "due on"),
                l.date(i.due_date),
                l.t("réglée le", "paid on"),
                i.settled_on.map(|d| l.date(d)).unwrap_or_default(),
                l.t("\u{a0};", ";"),
                l.t("pénalités", "late-payment interest"),
                l.money(i.accrual.interest),
                if i.accrual.indemnity.is_positive() {
                    format!(
                        " + {} {}",
                        l.money(i.accrual.indemnity),
                        l.t("d'indemnité forfaitaire", "fixed recovery fee")
                    )
                } else {
                    String::new()
                }
            )
        })
        .collect();
    let subject = format!(
        "{}{} {}",
        l.t("Pénalités de retard", "Late-payment interest"),
        l.colon(),
        if several {
            format!("{} {}", l.t("factures", "invoices"), numbers.join(", "))
        } else {
            format!("{} {}", l.t("facture", "invoice"), numbers.join(", "))
        }
    );
    let thanks = if l.en() {
        format!(
            "Thank you for the payment of {} {}. As it reached me after the due date, French law (articles L441-10 and D441-5 of the Code de commerce) provides for late-payment interest up to the day of payment and a fixed recovery fee of €40.00 per invoice:",
            if several { "invoices" } else { "invoice" },
            numbers.join(", ")
        )
    } else {
        format!(
            "Je vous remercie pour le règlement {} {}. {} après l'échéance, {} droit, en application des articles L441-10 et D441-5 du Code de commerce, à des pénalités de retard jusqu'au jour du règlement et à l'indemnité forfaitaire pour frais de recouvrement de 40,00\u{a0}€ par facture{}",
            if several { "des factures" } else { "de la facture" },
            numbers.join(", "),
            if several { "Ces règlements étant intervenus" } else { "Ce règlement étant intervenu" },
            if several { "ils ouvrent" } else { "il ouvre" },
            l.colon()
        )
    };
    let ask = format!(
        "{} {}{}",
        l.t("Soit au total", "That is, in total"),
        l.money(total),
        l.t(
            ". Je vous remercie de bien vouloir régler cette somme dans les prochains jours\u{a0}; le décompte détaillé est à votre disposition.",
            ". I would be grateful if you could settle this amount in the coming days; the detailed calculation is available on request."
        )
    );
    let care = l.t(
        "Je tiens à la qualité de notre collaboration\u{a0}: si ce montant appelle une remarque de votre part, ou si vous souhaitez en parler, je reste à votre disposition.",
        "I value our working relationship: if this amount raises any question, or if you would like to discuss it, I remain at your disposal.",
    );
    let pay = payment_details(
        ctx.business,
        &[DraftLine {
            number: format!("{} {}", l.t("Pénalités", "Interest"), numbers.join(", ")),
            issue_date: ctx.today,
            due_date: ctx.today,
            amount: total,
            paid: Money::ZERO,
            balance: total,
            days_late: None,
            disputed: false,
        }],
        l,
    );
    let mut parts = vec![
        Addressee::of(ctx.client).greeting(l.0),
        thanks,
        rows.join("\n"),
        ask,
        care.to_owned(),
    ];
    if !pay.is_empty() {
        parts.push(pay);
    }
    parts.push(signature(ctx.business, l));
    Ok(EmailText {
        to: ctx.client.contact.email.clone(),
        subject,
        body: parts.join("\n\n"),
    })
}
