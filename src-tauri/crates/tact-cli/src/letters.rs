//! `tact letter …`: the letters on paper (PDF), their archive and their posting.

use super::*;

pub(super) fn letter(books: &Books, out: &Out, cmd: LetterCmd, today: NaiveDate) -> Result<()> {
    use tact_core::letters::{LetterKind, LetterOptions, MailingInput};
    let (kind, args, deadline, number, plan_id) = match cmd {
        LetterCmd::MiseEnDemeure {
            args,
            deadline_days,
            registered_number,
        } => (
            LetterKind::FormalNotice,
            args,
            Some(deadline_days),
            registered_number,
            None,
        ),
        LetterCmd::Relance {
            args,
            ferme,
            deadline_days,
        } => (
            if ferme {
                LetterKind::FirmReminder
            } else {
                LetterKind::FriendlyReminder
            },
            args,
            Some(deadline_days),
            None,
            None,
        ),
        LetterCmd::Releve { args } => (LetterKind::Statement, args, None, None, None),
        LetterCmd::Dossier { client, out } => (
            LetterKind::RecoveryFile,
            LetterArgs {
                client,
                out,
                opening: None,
                closing: None,
                no_fold_marks: true,
                final_version: false,
            },
            None,
            None,
            None,
        ),
        LetterCmd::Reclamation {
            args,
            deadline_days,
        } => (
            LetterKind::PenaltyClaim,
            args,
            Some(deadline_days),
            None,
            None,
        ),
        LetterCmd::Decheance {
            args,
            registered_number,
        } => (LetterKind::PlanDefault, args, None, registered_number, None),
        LetterCmd::Plan {
            plan,
            out: file,
            opening,
            closing,
            no_fold_marks,
            final_version,
        } => {
            let client = books.read(|l| l.plan(plan, today))?.plan.client_id;
            (
                LetterKind::PlanAgreement,
                LetterArgs {
                    client,
                    out: file,
                    opening,
                    closing,
                    no_fold_marks,
                    final_version,
                },
                None,
                None,
                Some(plan),
            )
        }
        LetterCmd::List { client } => {
            let list = books.read(|l| l.letters(client))?;
            return out.print(&list, || {
                if list.is_empty() {
                    println!("Aucune lettre archivée.");
                }
                for l in &list {
                    println!(
                        "n°\u{a0}{} — {} du {} — {} — {}{}{}",
                        l.id,
                        l.kind.label_fr(),
                        format_date_fr(l.date),
                        l.total.format_fr(),
                        l.file,
                        l.registered_number
                            .as_deref()
                            .map(|n| format!(" — recommandé n°\u{a0}{n}"))
                            .unwrap_or_default(),
                        l.received_on
                            .map(|d| format!(" — AR du {}", format_date_fr(d)))
                            .unwrap_or_default()
                    );
                }
            });
        }
        LetterCmd::Mailing {
            letter,
            number,
            posted,
            received,
        } => {
            let input = MailingInput {
                registered_number: number,
                posted_on: posted,
                received_on: received,
            };
            let rec = books.write(|l| l.set_mailing(letter, &input, today))?;
            return out.print(&rec, || println!("Lettre n°\u{a0}{} mise à jour.", rec.id));
        }
    };
    let opts = LetterOptions {
        deadline_days: deadline,
        opening: args.opening,
        closing: args.closing,
        registered_number: number,
        no_fold_marks: args.no_fold_marks,
        plan_id,
    };
    let tact_usecases::letters::PrintedLetter {
        letter,
        penalties,
        pages,
        bytes,
        archived,
    } = tact_usecases::letters::print(
        books,
        args.client,
        kind,
        &opts,
        today,
        &args.out,
        args.final_version,
    )?;
    let client_name = books.read(|l| l.client(args.client))?.name;
    let report = json!({
        "file": args.out,
        "kind": kind,
        "pages": pages,
        "bytes": bytes,
        "principal": letter.principal,
        "interest": letter.interest,
        "indemnities": letter.indemnities,
        "total": letter.total,
        "deadline_days": letter.deadline_days,
        "penalties": penalties,
        "warnings": penalties.warnings,
        "archived": archived,
    });
    out.print(&report, || {
        println!(
            "{} pour {}\u{a0}: {} ({} page{}).",
            kind.label_fr(),
            // A dossier has no recipient: it is about the client.
            letter
                .recipient
                .first()
                .cloned()
                .unwrap_or_else(|| client_name.clone()),
            args.out.display(),
            pages,
            if pages > 1 { "s" } else { "" }
        );
        println!("Principal\u{a0}: {}", letter.principal.format_fr());
        if letter.interest.is_positive() {
            println!(
                "Pénalités ou intérêts\u{a0}: {}",
                letter.interest.format_fr()
            );
        }
        if letter.indemnities.is_positive() {
            println!(
                "Indemnités forfaitaires\u{a0}: {}",
                letter.indemnities.format_fr()
            );
        }
        println!("Total\u{a0}: {}", letter.total.format_fr());
        for w in &penalties.warnings {
            println!("Attention\u{a0}: {}", w.message);
        }
        if let Some(a) = &archived {
            println!(
                "Archivée (n°\u{a0}{}, SHA-256 {}) et notée dans l'historique.",
                a.id, a.sha256
            );
        }
    })
}
