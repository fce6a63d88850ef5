//! `tact credit-notes`.

use super::*;

// ---------------------------------------------------------------- credit notes

pub(super) fn credit_notes(ledger: &mut Ledger, out: &Out, cmd: CreditNotesCmd) -> Result<()> {
    let table = |ledger: &Ledger, list: &[tact_core::model::CreditNote]| {
        let mut t = Table::new(&["N°", "Avoir", "Facture", "Date", "Montant", "Motif"]);
        t.right(&[0, 4]);
        for c in list {
            let number = ledger
                .invoice(c.invoice_id)
                .map(|i| i.number)
                .unwrap_or_default();
            t.row(vec![
                c.id.to_string(),
                c.number.clone(),
                number,
                format_date_fr(c.date),
                c.amount.format_fr(),
                c.reason.clone().unwrap_or_default(),
            ]);
        }
        t.print();
    };
    match cmd {
        CreditNotesCmd::Add {
            invoice,
            number,
            date,
            amount,
            reason,
        } => {
            let inv = resolve_invoice(ledger, &invoice)?;
            let c = ledger.add_credit_note(&CreditNoteInput {
                number,
                invoice_id: inv.id,
                date,
                amount,
                reason,
            })?;
            out.print(&c, || {
                println!(
                    "Avoir {} de {} enregistré sur la facture {}.",
                    c.number,
                    c.amount.format_fr(),
                    inv.number
                )
            })
        }
        CreditNotesCmd::List { client } => {
            let list = ledger.credit_notes(client)?;
            out.print(&list, || {
                if list.is_empty() {
                    println!("Aucun avoir.")
                } else {
                    table(ledger, &list)
                }
            })
        }
        CreditNotesCmd::Show { id } => {
            let c = ledger.credit_note(id)?;
            out.print(&c, || table(ledger, std::slice::from_ref(&c)))
        }
    }
}
