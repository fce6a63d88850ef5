//! `tact next` and `tact draft`: the next tactful step per client, and its draft (email, call sheet, memo, .eml).

use super::*;

// ---------------------------------------------------------------- next step

pub(super) fn next(
    ledger: &Ledger,
    out: &Out,
    client: Option<i64>,
    all: bool,
    today: NaiveDate,
) -> Result<()> {
    let policy = ledger.policy()?;
    let list: Vec<(tact_core::model::Client, tact_core::engine::Suggestion)> = match client {
        Some(id) => vec![(ledger.client(id)?, ledger.suggestion(id, today, &policy)?)],
        None => ledger.suggestions(today, &policy)?,
    };
    let shown: Vec<_> = list
        .iter()
        .filter(|(_, s)| all || client.is_some() || s.due_on(today))
        .collect();
    let json: Vec<serde_json::Value> = shown
        .iter()
        .map(|(c, s)| json!({ "client": { "id": c.id, "name": c.name }, "suggestion": s }))
        .collect();
    out.print(&json, || {
        if shown.is_empty() {
            println!("Rien à faire le {}.", format_date_fr(today));
        }
        let describe = |step: &tact_core::engine::Step| {
            let when = if step.date <= today {
                "aujourd'hui".to_owned()
            } else {
                format!("le {}", format_date_fr(step.date))
            };
            let optional = if step.optional { " (facultatif)" } else { "" };
            let amount = if step.amount.is_positive() {
                format!(" — {}", step.amount.format_fr())
            } else {
                String::new()
            };
            format!("{}{optional}, {when}{amount}", step.action_label)
        };
        for (c, s) in &shown {
            println!("{} — {}", c.name, describe(&s.step));
            for r in &s.step.reasons {
                println!("    · {}", r.text);
            }
            if let Some(other) = &s.alongside {
                println!("  et aussi\u{a0}: {}", describe(other));
                for r in &other.reasons {
                    println!("    · {}", r.text);
                }
            }
            if let Some(then) = &s.step.then {
                println!("    Ensuite\u{a0}: {then}");
            }
        }
    })
}

// ---------------------------------------------------------------- drafts and policy

pub(super) fn draft(
    books: &Books,
    out: &Out,
    client: i64,
    eml: Option<PathBuf>,
    after_call: Option<i64>,
    today: NaiveDate,
) -> Result<()> {
    let d = match after_call {
        Some(id) => {
            let d = books.read(|l| l.call_confirmation(id, today))?;
            if d.client_id != client {
                return Err(Error::field(
                    ErrorCode::ClientMismatch,
                    "after_call",
                    format!("L'entrée n°\u{a0}{id} concerne un autre client."),
                ));
            }
            d
        }
        None => books.read(|l| l.draft(client, today))?,
    };
    if let Some(path) = &eml {
        tact_usecases::mail::save_eml(
            books,
            &d.email(),
            path,
            tact_usecases::clock::now_on(today),
        )?;
    }
    out.print(&d, || {
        if let Some(to) = &d.to {
            println!("À\u{a0}: {to}");
        }
        println!("Objet\u{a0}: {}\n", d.subject);
        println!("{}", d.body);
        if let Some(path) = &eml {
            println!("\nEnregistré\u{a0}: {}", path.display());
        }
    })
}

/// `tact draft --client N --penalties`: the email claiming the penalties of invoices paid late.
pub(super) fn penalty_claim_draft(
    books: &Books,
    out: &Out,
    client: i64,
    eml: Option<PathBuf>,
    today: NaiveDate,
) -> Result<()> {
    let email = books.read(|l| l.penalty_claim_email(client, today))?;
    if let Some(path) = &eml {
        tact_usecases::mail::save_eml(books, &email, path, tact_usecases::clock::now_on(today))?;
    }
    out.print(&email, || {
        if let Some(to) = &email.to {
            println!("À\u{a0}: {to}");
        }
        println!("Objet\u{a0}: {}\n", email.subject);
        println!("{}", email.body);
        if let Some(path) = &eml {
            println!("\nEnregistré\u{a0}: {}", path.display());
        }
    })
}
