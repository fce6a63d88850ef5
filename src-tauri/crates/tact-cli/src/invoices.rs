//! `tact invoices`.

use super::*;

// ---------------------------------------------------------------- invoices

pub(super) fn resolve_invoice(ledger: &Ledger, s: &str) -> Result<Invoice> {
    match ledger.invoice_by_number(s) {
        Ok(i) => Ok(i),
        Err(e) => match s.trim().parse::<i64>() {
            Ok(id) => ledger.invoice(id),
            Err(_) => Err(e),
        },
    }
}

pub(super) fn merge_invoice(i: &mut InvoiceInput, a: InvoiceArgs) {
    if let Some(v) = a.number {
        i.number = v;
    }
    if let Some(v) = a.client {
        i.client_id = v;
    }
    if let Some(v) = a.issue_date {
        i.issue_date = v;
    }
    if let Some(v) = a.amount {
        i.amount = v;
    }
    if a.terms.is_some() {
        i.terms = a.terms;
        i.due_date = None;
    }
    set_if_given(&mut i.due_date, a.due_date);
    set_if_given(&mut i.delivery_date, a.delivery_date);
    set_if_given(&mut i.amount_ht, a.amount_ht);
    set_if_given(&mut i.vat, a.vat);
    set_if_given(&mut i.description, a.description);
    set_if_given(&mut i.penalty_rate, a.penalty_rate);
}

pub(super) fn invoices(
    ledger: &mut Ledger,
    out: &Out,
    cmd: InvoicesCmd,
    as_of: NaiveDate,
) -> Result<()> {
    match cmd {
        InvoicesCmd::Add(args) => {
            let mut input = InvoiceInput::default();
            merge_invoice(&mut input, args);
            let saved = ledger.add_invoice(&input)?;
            out.print(&saved, || {
                let i = &saved.record;
                println!(
                    "Facture {} enregistrée\u{a0}: {}, échéance le {}.",
                    i.number,
                    i.amount.format_fr(),
                    format_date_fr(i.due_date)
                );
                for w in &saved.warnings {
                    println!("Attention\u{a0}: {}", w.message);
                }
            })
        }
        InvoicesCmd::Edit { invoice, fields } => {
            let existing = resolve_invoice(ledger, &invoice)?;
            let mut input = InvoiceInput::from(&existing);
            merge_invoice(&mut input, fields);
            let saved = ledger.update_invoice(existing.id, &input)?;
            out.print(&saved, || {
                println!("Facture {} modifiée.", saved.record.number);
                for w in &saved.warnings {
                    println!("Attention\u{a0}: {}", w.message);
                }
            })
        }
        InvoicesCmd::List {
            client,
            status,
            search,
            min_days_late,
        } => {
            let status = status
                .map(|s| {
                    InvoiceStatus::from_code(s.trim()).ok_or_else(|| {
                        Error::field(
                            ErrorCode::InvalidChoice,
                            "status",
                            format!(
                                "Statut\u{a0}: valeurs possibles {}.",
                                InvoiceStatus::codes_fr()
                            ),
                        )
                    })
                })
                .transpose()?;
            let rows = ledger.invoice_rows(
                as_of,
                &InvoiceQuery {
                    client_id: client,
                    status,
                    search,
                    min_days_late,
                    ..Default::default()
                },
            )?;
            out.print(&rows, || {
                if rows.is_empty() {
                    println!("Aucune facture ne correspond.");
                } else {
                    invoice_table(&rows.iter().collect::<Vec<_>>());
                }
            })
        }
        InvoicesCmd::Show { invoice } => {
            let inv = resolve_invoice(ledger, &invoice)?;
            let row = ledger
                .invoice_rows(
                    as_of,
                    &InvoiceQuery {
                        client_id: Some(inv.client_id),
                        ..Default::default()
                    },
                )?
                .into_iter()
                .find(|r| r.invoice.id == inv.id)
                .ok_or_else(|| Error::new(ErrorCode::InvoiceNotFound, "Facture introuvable."))?;
            out.print(&row, || {
                let i = &row.invoice;
                println!("Facture {} — {}", i.number, row.client_name);
                print_fields(&[
                    ("Émise le", Some(format_date_fr(i.issue_date))),
                    ("Livraison", i.delivery_date.map(format_date_fr)),
                    ("Délai", Some(i.terms.label_fr())),
                    ("Échéance", Some(format_date_fr(i.due_date))),
                    ("Montant TTC", Some(i.amount.format_fr())),
                    ("Montant HT", i.amount_ht.map(Money::format_fr)),
                    ("Description", i.description.clone()),
                    ("Déjà réglé", Some(row.paid.format_fr())),
                    ("Avoirs", Some(row.credited.format_fr())),
                    ("Reste dû", Some(row.balance.format_fr())),
                    ("Statut", Some(status_text(row.status, row.days_late))),
                ]);
            })
        }
    }
}

pub(super) fn status_text(status: InvoiceStatus, days_late: Option<i64>) -> String {
    match (status, days_late) {
        (InvoiceStatus::Overdue, Some(d)) => {
            format!("En retard de {d}\u{a0}jour{}", if d > 1 { "s" } else { "" })
        }
        (s, _) => s.label_fr().to_owned(),
    }
}

pub(super) fn invoice_table(rows: &[&tact_core::ledger::InvoiceRow]) {
    let mut t = Table::new(&[
        "N°",
        "Facture",
        "Client",
        "Émise le",
        "Échéance",
        "Montant TTC",
        "Reste dû",
        "Statut",
    ]);
    t.right(&[0, 5, 6]);
    for r in rows {
        t.row(vec![
            r.invoice.id.to_string(),
            r.invoice.number.clone(),
            r.client_name.clone(),
            format_date_fr(r.invoice.issue_date),
            format_date_fr(r.invoice.due_date),
            r.invoice.amount.format_fr(),
            r.balance.format_fr(),
            status_text(r.status, r.days_late),
        ]);
    }
    t.print();
}
