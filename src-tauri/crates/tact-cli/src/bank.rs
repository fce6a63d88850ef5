//! `tact import bank FILE [--dry-run]`, `tact bank list [--unmatched]`, `tact bank accept LINE [--invoice …]`,
//! `tact bank accept-sure`, `tact bank ignore LINE`, `tact bank rule --label TEXT --client N`.

use super::*;
use tact_core::ledger::bank::BankReviewLine;
use tact_core::reconcile::AUTO_CONFIDENCE;

fn print_review(review: &[BankReviewLine]) {
    let mut t = Table::new(&[
        "Ligne",
        "Date",
        "Montant",
        "Libellé",
        "Proposition",
        "Confiance",
    ]);
    t.right(&[0, 2, 5]);
    for r in review {
        let best = r.proposals.first();
        t.row(vec![
            r.line.id.to_string(),
            format_date_fr(r.line.date),
            r.line.amount.format_fr(),
            r.line.label.chars().take(60).collect(),
            best.map_or_else(
                || "à identifier".to_owned(),
                |p| {
                    let numbers: Vec<&str> = p.numbers();
                    let what = if numbers.is_empty() {
                        "en avoir".to_owned()
                    } else {
                        numbers.join(", ")
                    };
                    format!("{} — {what}", p.client_name)
                },
            ),
            best.map(|p| format!("{}\u{a0}%", p.confidence))
                .unwrap_or_default(),
        ]);
    }
    t.print();
    for r in review {
        if let Some(p) = r.proposals.first() {
            for why in &p.reasons {
                println!("  {} · {why}", r.line.id);
            }
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n}\u{a0}{}", if n > 1 { many } else { one })
}

pub(super) fn import(
    books: &Books,
    out: &Out,
    file: &std::path::Path,
    dry_run: bool,
    today: NaiveDate,
) -> Result<()> {
    let r = tact_usecases::bank::import(books, file, today, dry_run)?;
    out.print(&r, || {
        println!(
            "{}\u{a0}: {} ({} nouveau{}, {}), {} ignoré{}.{}",
            r.file,
            plural(r.credits, "crédit", "crédits"),
            r.stored.new,
            if r.stored.new > 1 { "x" } else { "" },
            plural(r.stored.already, "déjà importé", "déjà importés"),
            plural(r.debits, "débit", "débits"),
            if r.debits > 1 { "s" } else { "" },
            if dry_run {
                " Rien n'a été écrit (--dry-run)."
            } else {
                ""
            }
        );
        if !r.review.is_empty() {
            print_review(&r.review);
            println!("Rien n'est accepté sans vous\u{a0}: tact bank accept LIGNE (la proposition), ou --invoice FACTURE=MONTANT.");
        }
    })
}

/// The client and allocations of `tact bank accept`: the best proposal, or the invoices given.
fn allocations_for(
    books: &Books,
    line: i64,
    invoices: &[String],
    client: Option<i64>,
    today: NaiveDate,
) -> Result<(i64, Vec<(i64, Money)>)> {
    if invoices.is_empty() && client.is_none() {
        let review = books.read(|l| l.bank_review(today))?;
        let r = review.iter().find(|r| r.line.id == line).ok_or_else(|| {
            Error::field(
                ErrorCode::InvalidChoice,
                "line",
                format!("Ligne {line}\u{a0}: ce n'est pas un crédit à traiter."),
            )
        })?;
        let p = r.proposals.first().ok_or_else(|| {
            Error::field(
                ErrorCode::InvalidChoice,
                "invoice",
                format!("Ligne {line}\u{a0}: aucune proposition\u{a0}; indiquez --invoice FACTURE=MONTANT ou --client N."),
            )
        })?;
        if p.confidence < AUTO_CONFIDENCE
            && r.proposals
                .get(1)
                .is_some_and(|q| q.client_id != p.client_id)
        {
            return Err(Error::field(
                ErrorCode::InvalidChoice,
                "invoice",
                format!("Ligne {line}\u{a0}: plusieurs clients sont possibles\u{a0}; choisissez avec --invoice ou --client."),
            ));
        }
        return Ok((p.client_id, p.split()));
    }
    let amount = books.read(|l| {
        l.bank_lines(None)?
            .into_iter()
            .find(|b| b.id == line)
            .map(|b| b.amount)
            .ok_or_else(|| {
                Error::field(
                    ErrorCode::InvalidChoice,
                    "line",
                    format!("Ligne {line}\u{a0}: introuvable."),
                )
            })
    })?;
    let mut owner = client;
    let mut left = amount;
    let mut allocs = Vec::new();
    for spec in invoices {
        let (number, given) = match spec.split_once('=') {
            Some((n, a)) => (
                n.trim(),
                Some(tact_core::money::parse_positive_amount(
                    "invoice", "Montant", a,
                )?),
            ),
            None => (spec.trim(), None),
        };
        let inv = books.read(|l| l.invoice_by_number(number))?;
        if owner.is_some_and(|c| c != inv.client_id) {
            return Err(Error::field(
                ErrorCode::ClientMismatch,
                "invoice",
                format!("Facture {number}\u{a0}: elle n'est pas du même client."),
            ));
        }
        owner = Some(inv.client_id);
        let balance = books.read(|l| {
            Ok(l.client_detail(inv.client_id, today)?
                .invoices
                .into_iter()
                .find(|r| r.invoice.id == inv.id)
                .map_or(Money::ZERO, |r| r.balance))
        })?;
        let take = given.unwrap_or_else(|| left.min(balance));
        left = left.checked_sub(take).unwrap_or(Money::ZERO);
        allocs.push((inv.id, take));
    }
    let client_id = owner.ok_or_else(|| {
        Error::field(
            ErrorCode::Required,
            "client",
            "Indiquez --invoice ou --client.",
        )
    })?;
    Ok((client_id, allocs))
}

pub(super) fn command(books: &Books, out: &Out, cmd: BankCmd, today: NaiveDate) -> Result<()> {
    match cmd {
        BankCmd::List { unmatched: true } => {
            let review = books.read(|l| l.bank_review(today))?;
            out.print(&review, || print_review(&review))
        }
        BankCmd::List { unmatched: false } => {
            let lines = books.read(|l| l.bank_lines(None))?;
            out.print(&lines, || {
                let mut t = Table::new(&["Ligne", "Date", "Montant", "Libellé", "État"]);
                t.right(&[0, 2]);
                for l in &lines {
                    t.row(vec![
                        l.id.to_string(),
                        format_date_fr(l.date),
                        l.amount.format_fr(),
                        l.label.chars().take(60).collect(),
                        match l.state.as_str() {
                            "accepted" => format!(
                                "accepté (règlement n°\u{a0}{})",
                                l.payment_id.unwrap_or_default()
                            ),
                            "ignored" => "ignoré".into(),
                            _ => "à traiter".into(),
                        },
                    ]);
                }
                t.print();
            })
        }
        BankCmd::Accept {
            line,
            invoices,
            client,
        } => {
            let (client_id, allocations) = allocations_for(books, line, &invoices, client, today)?;
            let p = books.write(|l| l.accept_bank_line(line, client_id, &allocations))?;
            out.print(&p, || {
                println!(
                    "Ligne {line} acceptée\u{a0}: règlement n°\u{a0}{} de {} le {}.",
                    p.id,
                    p.amount.format_fr(),
                    format_date_fr(p.date)
                );
            })
        }
        BankCmd::AcceptSure => {
            let accepted = books.write(|l| l.accept_sure_bank_lines(today))?;
            let rows: Vec<serde_json::Value> = accepted
                .iter()
                .map(|(line, p)| json!({ "line": line, "payment": p }))
                .collect();
            out.print(&rows, || {
                for (line, p) in &accepted {
                    println!(
                        "Ligne {line} acceptée\u{a0}: règlement n°\u{a0}{} de {} le {}.",
                        p.id,
                        p.amount.format_fr(),
                        format_date_fr(p.date)
                    );
                }
                println!(
                    "{} accepté{}\u{a0}; les autres restent à traiter (tact bank list --unmatched).",
                    plural(accepted.len(), "crédit", "crédits"),
                    if accepted.len() > 1 { "s" } else { "" }
                );
            })
        }
        BankCmd::Ignore { line } => {
            let l = books.write(|l| l.ignore_bank_line(line))?;
            out.print(&l, || {
                println!("Ligne {line} ignorée\u{a0}: elle ne sera plus proposée.");
            })
        }
        BankCmd::Rule { label, client } => {
            books.write(|l| l.add_bank_rule(&label, client))?;
            out.print(&json!({ "label": label, "client_id": client }), || {
                println!("Retenu\u{a0}: «\u{a0}{label}\u{a0}» désigne le client n°\u{a0}{client}.");
            })
        }
    }
}
