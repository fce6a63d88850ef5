//! `tact import invoices PATH… [--dry-run] [--buyers-without-id professional|consumer]`: e-invoices and CSV
//! exports, previewed row by row, then written in one transaction.

use super::*;
use tact_core::model::ClientKind;
use tact_usecases::invoices::{self as imp, ImportChoices, ImportPreview, RowStatus};
use tact_usecases::jobs::Progress;

fn n64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

fn status_fr(s: RowStatus) -> &'static str {
    match s {
        RowStatus::Create => "à créer",
        RowStatus::Skip => "ignorée",
        RowStatus::Conflict => "conflit",
        RowStatus::Ask => "à préciser",
        RowStatus::Error => "erreur",
    }
}

fn print_preview(p: &ImportPreview) {
    let mut t = Table::new(&[
        "",
        "Fichier",
        "Numéro",
        "Client",
        "Montant",
        "Échéance",
        "Pourquoi",
    ]);
    t.right(&[4]);
    for r in &p.rows {
        t.row(vec![
            status_fr(r.status).into(),
            r.file.clone(),
            r.number.clone().unwrap_or_default(),
            r.client
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            r.amount.map(|m| m.format_fr()).unwrap_or_default(),
            r.due_date.map(format_date_fr).unwrap_or_default(),
            r.reason.clone(),
        ]);
    }
    t.print();
    for r in p.rows.iter().filter(|r| !r.warnings.is_empty()) {
        for w in &r.warnings {
            println!(
                "Attention ({}{})\u{a0}: {w}",
                r.file,
                r.number
                    .as_ref()
                    .map(|n| format!(", {n}"))
                    .unwrap_or_default()
            );
        }
    }
    println!(
        "{}\u{a0}: {} à créer, {} ignorée{}, {} conflit{}, {} à préciser, {} erreur{}.",
        plural_fr(n64(p.files), "fichier", "fichiers"),
        p.to_create,
        p.to_skip,
        if p.to_skip > 1 { "s" } else { "" },
        p.conflicts,
        if p.conflicts > 1 { "s" } else { "" },
        p.to_ask,
        p.errors,
        if p.errors > 1 { "s" } else { "" },
    );
}

pub(super) fn invoices(
    books: &Books,
    out: &Out,
    paths: &[PathBuf],
    dry_run: bool,
    buyers_without_id: Option<&str>,
    today: NaiveDate,
) -> Result<()> {
    let buyers_without_id = buyers_without_id
        .map(|k| {
            ClientKind::from_code(k.trim()).ok_or_else(|| {
                Error::field(
                    ErrorCode::InvalidChoice,
                    "buyers_without_id",
                    format!(
                        "--buyers-without-id\u{a0}: «\u{a0}{k}\u{a0}» n'est pas un type de client (attendu\u{a0}: {}).",
                        ClientKind::codes_fr()
                    ),
                )
            })
        })
        .transpose()?;
    let choices = ImportChoices {
        buyers_without_id,
        csv_mapping: None,
    };
    let progress = Progress::default();
    if dry_run {
        let p = imp::preview(books, paths, &choices, today, &progress)?;
        return out.print(&p, || {
            print_preview(&p);
            println!("Rien n'a été écrit (--dry-run).");
        });
    }
    let report = imp::import(books, paths, &choices, today, &progress)?;
    out.print(&report, || {
        print_preview(&report.preview);
        println!(
            "Import terminé\u{a0}: {}, {}, {}.",
            plural_fr(n64(report.invoices), "facture créée", "factures créées"),
            plural_fr(n64(report.credit_notes), "avoir créé", "avoirs créés"),
            plural_fr(n64(report.clients), "nouveau client", "nouveaux clients"),
        );
    })
}
