//! `tact plan …`: payment calendars.

use super::*;

/// `tact plan …`: propose (or preview), sign, show, list.
pub(super) fn plan(ledger: &mut Ledger, out: &Out, cmd: PlanCmd, today: NaiveDate) -> Result<()> {
    use tact_core::plans::{PlanInput, PlanState};
    let print = |st: &PlanState| -> Result<()> {
        let report = plan_report(st);
        out.print(&report, || print_plan(st))
    };
    match cmd {
        PlanCmd::Propose {
            client,
            invoices,
            instalments,
            amount,
            down_payment,
            first,
            every,
            dates,
            shift,
            penalties,
            notice_days,
            replaces,
            preview,
        } => {
            let mut ids = Vec::with_capacity(invoices.len());
            for token in invoices.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
                let id = match ledger.invoice_by_number(token) {
                    Ok(inv) => inv.id,
                    Err(e) => token.parse::<i64>().map_err(|_| e)?,
                };
                ids.push(id);
            }
            let input = PlanInput {
                client_id: client,
                invoices: ids,
                down_payment,
                instalments,
                instalment_amount: amount,
                frequency: every,
                first_date: first,
                dates,
                shift_days_off: shift,
                penalties,
                notice_days,
                replaces,
            };
            let st = if preview {
                ledger.preview_plan(&input, today)?
            } else {
                ledger.propose_plan(&input, today)?
            };
            print(&st)
        }
        PlanCmd::Sign { plan, date } => print(&ledger.sign_plan(plan, &date, today)?),
        PlanCmd::Show { plan } => print(&ledger.plan(plan, today)?),
        PlanCmd::List { client } => {
            let all = ledger.plans(client, today)?;
            let report: Vec<serde_json::Value> = all.iter().map(plan_report).collect();
            out.print(&report, || {
                if all.is_empty() {
                    println!("Aucun échéancier.");
                }
                for st in &all {
                    println!(
                        "n°\u{a0}{} (version {}) du {} — {} — {}",
                        st.plan.id,
                        st.plan.version,
                        format_date_fr(st.plan.created_on),
                        st.status_label,
                        tact_core::ledger::plan_summary(&st.plan)
                    );
                }
            })
        }
    }
}

/// The JSON of a calendar: its id, status and each instalment's date, amount and state up front, all of it after.
pub(super) fn plan_report(st: &tact_core::plans::PlanState) -> serde_json::Value {
    json!({
        "id": st.plan.id,
        "client_id": st.plan.client_id,
        "version": st.plan.version,
        "status": st.status,
        "signed_on": st.plan.signed_on,
        "total": st.plan.total,
        "paid": st.paid,
        "left": st.left,
        "instalments": st.instalments.iter().map(|i| json!({
            "number": i.instalment.number,
            "date": i.instalment.due_on,
            "amount": i.instalment.amount,
            "down_payment": i.instalment.down_payment,
            "paid": i.paid,
            "status": i.status,
        })).collect::<Vec<_>>(),
        "plan": st,
    })
}

pub(super) fn print_plan(st: &tact_core::plans::PlanState) {
    let p = &st.plan;
    println!(
        "Échéancier {} (n°\u{a0}{}, version {}) — {}{}",
        p.reference(),
        p.id,
        p.version,
        st.status_label,
        p.signed_on
            .map(|d| format!(", signé le {}", format_date_fr(d)))
            .unwrap_or_default()
    );
    let numbers: Vec<&str> = p.invoices.iter().map(|i| i.number.as_str()).collect();
    println!(
        "Factures\u{a0}: {} — principal {}, pénalités {}, indemnités {} ({})",
        numbers.join(", "),
        p.principal.format_fr(),
        p.penalties.format_fr(),
        p.indemnities.format_fr(),
        p.treatment.label_fr().to_lowercase()
    );
    let mut t = Table::new(&["Échéance", "Date", "Montant", "Réglé", "État"]);
    for i in &st.instalments {
        t.row(vec![
            i.label.clone(),
            format_date_fr(i.instalment.due_on),
            i.instalment.amount.format_fr(),
            i.paid.format_fr(),
            i.status_label.clone(),
        ]);
    }
    t.print();
    println!(
        "Total {} — réglé {} — reste {}",
        p.total.format_fr(),
        st.paid.format_fr(),
        st.left.format_fr()
    );
}
