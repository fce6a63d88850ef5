//! `tact payments`.

use super::*;

// ---------------------------------------------------------------- payments

pub(super) fn parse_alloc_args(ledger: &Ledger, args: &[String]) -> Result<Vec<AllocationInput>> {
    args.iter()
        .enumerate()
        .map(|(i, a)| {
            let (inv, amount) = a.rsplit_once('=').ok_or_else(|| {
                Error::field(
                    ErrorCode::InvalidChoice,
                    "allocations",
                    format!("Répartition\u{a0}: «\u{a0}{a}\u{a0}» doit s'écrire FACTURE=MONTANT (ex.\u{a0}: F-2026-033=300)."),
                )
                .within(&format!("allocations[{i}]"))
            })?;
            let invoice = resolve_invoice(ledger, inv).map_err(|e| e.within(&format!("allocations[{i}]")))?;
            Ok(AllocationInput { invoice_id: invoice.id, amount: amount.to_owned() })
        })
        .collect()
}

pub(super) fn payments(
    ledger: &mut Ledger,
    out: &Out,
    cmd: PaymentsCmd,
    as_of: NaiveDate,
) -> Result<()> {
    match cmd {
        PaymentsCmd::Add {
            client,
            date,
            amount,
            method,
            reference,
            allocations,
            no_alloc,
        } => {
            let allocations = if no_alloc {
                Some(Vec::new())
            } else if allocations.is_empty() {
                None
            } else {
                Some(parse_alloc_args(ledger, &allocations)?)
            };
            let p = ledger.record_payment(&PaymentInput {
                client_id: client,
                date,
                amount,
                method,
                reference,
                allocations,
            })?;
            let numbers = invoice_numbers(ledger, &p)?;
            out.print(&p, || {
                println!(
                    "Règlement n°\u{a0}{} enregistré\u{a0}: {} le {}.",
                    p.id,
                    p.amount.format_fr(),
                    format_date_fr(p.date)
                );
                for a in &p.allocations {
                    println!(
                        "  {} affecté à {}",
                        a.amount.format_fr(),
                        lookup(&numbers, a.invoice_id)
                    );
                }
                if let Ok(rest) = p.unallocated() {
                    if rest.is_positive() {
                        println!(
                            "  {} non affecté, conservé en avoir client",
                            rest.format_fr()
                        );
                    }
                }
            })
        }
        PaymentsCmd::Allocate {
            payment,
            allocations,
        } => {
            let lines = parse_alloc_args(ledger, &allocations)?;
            let p = ledger.allocate_credit(payment, &lines)?;
            out.print(&p, || {
                let rest = p.unallocated().unwrap_or(Money::ZERO);
                println!(
                    "Règlement n°\u{a0}{} réparti\u{a0}; reste non affecté\u{a0}: {}.",
                    p.id,
                    rest.format_fr()
                );
            })
        }
        PaymentsCmd::Reverse { id, reason } => {
            let p = ledger.reverse_payment(id, reason.as_deref(), as_of)?;
            out.print(&p, || {
                println!(
                    "Règlement n°\u{a0}{} de {} du {} annulé\u{a0}: il ne compte plus, les factures qu'il réglait sont de nouveau dues.",
                    p.id,
                    p.amount.format_fr(),
                    format_date_fr(p.date)
                );
            })
        }
        PaymentsCmd::List { client } => {
            let list = ledger.payments(client)?;
            let mut numbers = Vec::new();
            for p in &list {
                numbers.extend(invoice_numbers(ledger, p)?);
            }
            out.print(&list, || {
                if list.is_empty() {
                    println!("Aucun règlement.");
                } else {
                    payment_table(&list, |id| {
                        numbers
                            .iter()
                            .find(|(i, _)| *i == id)
                            .map(|(_, n)| n.clone())
                    });
                }
            })
        }
        PaymentsCmd::Show { id } => {
            let p = ledger.payment(id)?;
            let numbers = invoice_numbers(ledger, &p)?;
            out.print(&p, || {
                payment_table(std::slice::from_ref(&p), |id| {
                    numbers
                        .iter()
                        .find(|(i, _)| *i == id)
                        .map(|(_, n)| n.clone())
                })
            })
        }
    }
}

pub(super) fn invoice_numbers(ledger: &Ledger, p: &Payment) -> Result<Vec<(i64, String)>> {
    p.allocations
        .iter()
        .map(|a| Ok((a.invoice_id, ledger.invoice(a.invoice_id)?.number)))
        .collect()
}

pub(super) fn lookup(numbers: &[(i64, String)], id: i64) -> String {
    numbers
        .iter()
        .find(|(i, _)| *i == id)
        .map_or_else(|| format!("n°\u{a0}{id}"), |(_, n)| n.clone())
}

pub(super) fn payment_table(list: &[Payment], number: impl Fn(i64) -> Option<String>) {
    let mut t = Table::new(&[
        "N°",
        "Client",
        "Date de valeur",
        "Montant",
        "Moyen",
        "Référence",
        "Affectation",
    ]);
    t.right(&[0, 1, 3]);
    for p in list {
        let mut parts: Vec<String> = p
            .allocations
            .iter()
            .map(|a| {
                format!(
                    "{} {}",
                    number(a.invoice_id).unwrap_or_default(),
                    a.amount.format_fr()
                )
            })
            .collect();
        if let Ok(rest) = p.unallocated() {
            if rest.is_positive() {
                parts.push(format!("avoir client {}", rest.format_fr()));
            }
        }
        t.row(vec![
            p.id.to_string(),
            p.client_id.to_string(),
            format_date_fr(p.date),
            p.amount.format_fr(),
            p.method.label_fr().into(),
            p.reference.clone().unwrap_or_default(),
            parts.join(", "),
        ]);
    }
    t.print();
}
