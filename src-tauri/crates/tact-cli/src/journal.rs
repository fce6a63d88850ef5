//! `tact journal`, and the field lists shared by the `show` commands.

use super::*;

// ---------------------------------------------------------------- journal

pub(super) fn journal(ledger: &mut Ledger, out: &Out, cmd: JournalCmd) -> Result<()> {
    match cmd {
        JournalCmd::Add {
            client,
            kind,
            date,
            invoice,
            channel,
            outcome,
            promise_date,
            promise_amount,
            text,
            corrects,
        } => {
            let invoice_id = invoice
                .map(|s| resolve_invoice(ledger, &s).map(|i| i.id))
                .transpose()?;
            let e = ledger.add_journal_entry(&JournalInput {
                client_id: client,
                invoice_id,
                date,
                kind,
                channel,
                call_outcome: outcome,
                promise_date,
                promise_amount,
                text,
                corrects,
            })?;
            out.print(&e, || {
                println!(
                    "Entrée n°\u{a0}{} ajoutée à l'historique\u{a0}: {} du {}.",
                    e.id,
                    e.kind.label_fr(),
                    format_date_fr(e.date)
                )
            })
        }
        JournalCmd::List { client } => {
            let list = ledger.journal(client)?;
            out.print(&list, || {
                if list.is_empty() {
                    println!("Historique vide.")
                } else {
                    journal_table(&list)
                }
            })
        }
        JournalCmd::Show { id } => {
            let e = ledger.journal_entry(id)?;
            out.print(&e, || journal_table(std::slice::from_ref(&e)))
        }
    }
}

pub(super) fn journal_table(list: &[tact_core::ledger::JournalView]) {
    let mut t = Table::new(&["N°", "Date", "Type", "Facture", "Détail"]);
    t.right(&[0]);
    for v in list {
        let e = &v.entry;
        let mut detail = Vec::new();
        if let Some(o) = e.call_outcome {
            detail.push(o.label_fr().to_owned());
        }
        if let Some(d) = e.promise_date {
            let amount = e
                .promise_amount
                .map(|a| format!(" {}", a.format_fr()))
                .unwrap_or_default();
            detail.push(format!("promesse{amount} pour le {}", format_date_fr(d)));
        }
        if let Some(t) = &e.text {
            detail.push(t.replace('\n', " "));
        }
        if let Some(c) = e.corrects {
            detail.push(format!("(corrige l'entrée n°\u{a0}{c})"));
        }
        if let Some(c) = v.corrected_by {
            detail.push(format!("(corrigée par l'entrée n°\u{a0}{c})"));
        }
        t.row(vec![
            e.id.to_string(),
            format_date_fr(e.date),
            v.kind_label.into(),
            v.invoice_number.clone().unwrap_or_default(),
            detail.join(" — "),
        ]);
    }
    t.print();
}

// ---------------------------------------------------------------- helpers

pub(super) fn print_fields(rows: &[(&str, Option<String>)]) {
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (k, v) in rows {
        if let Some(v) = v {
            let pad = width.saturating_sub(k.chars().count());
            println!("  {k}{}\u{a0}: {v}", " ".repeat(pad));
        }
    }
}
