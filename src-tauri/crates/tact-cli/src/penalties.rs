//! `tact penalties` and `tact policy`: the penalties to date, the settings of the ladder.

use super::*;

pub(super) fn penalties(
    ledger: &mut Ledger,
    out: &Out,
    client: i64,
    waive: Option<String>,
    today: NaiveDate,
) -> Result<()> {
    if let Some(number) = waive {
        let invoice = ledger.invoice_by_number(&number)?;
        if invoice.client_id != client {
            return Err(Error::field(
                ErrorCode::ClientMismatch,
                "waive",
                format!("Facture {number}\u{a0}: elle n'est pas de ce client."),
            ));
        }
        let entry = ledger.waive_penalties(invoice.id, today)?;
        if !out.json {
            println!("{}", entry.text.unwrap_or_default());
        }
    }
    let p = ledger.penalties(client, today)?;
    out.print(&p, || {
        println!("Au {}", format_date_fr(today));
        for inv in &p.invoices {
            let state = match (inv.settled_on, inv.waived_on) {
                (_, Some(on)) => format!("pénalités abandonnées le {}", format_date_fr(on)),
                (Some(on), None) => format!("réglée en retard le {}", format_date_fr(on)),
                (None, None) => format!("reste dû {}", inv.balance.format_fr()),
            };
            println!(
                "Facture {} (échéance {}) — {state} — prescription le {}",
                inv.number,
                format_date_fr(inv.due_date),
                format_date_fr(inv.prescription)
            );
            for s in &inv.accrual.segments {
                println!(
                    "    du {} au {}\u{a0}: {} j × {} sur {} = {}",
                    format_date_fr(s.from),
                    format_date_fr(s.to),
                    s.days,
                    tact_core::money::format_rate_fr(s.rate),
                    s.base.format_fr(),
                    s.amount.format_fr()
                );
            }
            if inv.accrual.indemnity.is_positive() {
                println!(
                    "    indemnité forfaitaire\u{a0}: {}",
                    inv.accrual.indemnity.format_fr()
                );
            }
        }
        println!("Principal\u{a0}: {}", p.principal.format_fr());
        println!("Pénalités ou intérêts\u{a0}: {}", p.interest.format_fr());
        println!(
            "Indemnités forfaitaires\u{a0}: {}",
            p.indemnities.format_fr()
        );
        println!("Total\u{a0}: {}", p.total.format_fr());
        for w in &p.warnings {
            println!("Attention\u{a0}: {}", w.message);
        }
    })
}

pub(super) fn policy(ledger: &mut Ledger, out: &Out, cmd: PolicyCmd) -> Result<()> {
    let p = match cmd {
        PolicyCmd::Show => ledger.policy()?,
        PolicyCmd::Reset => ledger.reset_policy()?,
        PolicyCmd::Set { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                Error::new(
                    ErrorCode::Io,
                    format!("Lecture de {}\u{a0}: {e}.", file.display()),
                )
            })?;
            let p: tact_core::engine::Policy = serde_json::from_str(&text).map_err(|e| {
                Error::new(
                    ErrorCode::InvalidSetting,
                    format!("Réglages illisibles dans {}\u{a0}: {e}.", file.display()),
                )
            })?;
            ledger.set_policy(&p)?
        }
    };
    out.print(&p, || {
        let rows = [
            (
                "Relance amiable après l'échéance",
                format!("{} jours ouvrés", p.friendly_after_working_days),
            ),
            (
                "Écart minimum entre deux contacts",
                format!("{} jours", p.min_gap_days),
            ),
            (
                "Délai de grâce après une promesse",
                format!("{} jours ouvrés", p.promise_grace_working_days),
            ),
            (
                "Mise en demeure à partir de",
                format!("{} jours de retard", p.formal_min_days_late),
            ),
            (
                "Suites après la mise en demeure",
                format!("{} jours", p.after_formal_days),
            ),
            (
                "Petite somme (pas de voie formelle en dessous)",
                p.small_amount.format_fr(),
            ),
            (
                "Rappel avant échéance",
                format!("{} jours ouvrés avant", p.preventive_working_days),
            ),
            (
                "… pour un client depuis moins de",
                format!("{} jours", p.preventive_new_client_days),
            ),
            (
                "… ou une facture d'au moins",
                p.preventive_min_amount.format_fr(),
            ),
            (
                "Particuliers : tentatives au plus sur 30 jours",
                p.consumer_max_attempts_per_30_days.to_string(),
            ),
            (
                "Bon payeur : factures réglées au moins",
                p.good_payer_min_invoices.to_string(),
            ),
            (
                "Bon payeur : part réglée à l'heure",
                format!("{} %", p.good_payer_min_on_time_percent),
            ),
        ];
        for (label, value) in rows {
            println!("{label:48} {value}");
        }
    })
}
