//! `tact report aging|dso|forecast|payers`: the dashboard's reports as a table, as JSON, or written whole to a CSV
//! (French Excel) or a one-page PDF.

use super::*;
use std::path::Path;
use tact_core::dashboard::{AgeBucket, Dashboard, ReportKind};
use tact_usecases::reports::{self, ReportFormat};

fn days(d: Option<tact_core::Decimal>) -> String {
    d.map_or_else(|| "–".to_owned(), |x| x.to_string().replace('.', ","))
}

pub(super) fn report(
    books: &Books,
    out: &Out,
    kind: &str,
    csv: bool,
    pdf: bool,
    file: Option<&Path>,
    today: NaiveDate,
) -> Result<()> {
    let Some(kind) = ReportKind::from_code(kind.trim()) else {
        return Err(Error::field(
            ErrorCode::Usage,
            "report",
            format!(
                "Rapport\u{a0}: «\u{a0}{kind}\u{a0}» n'existe pas\u{a0}; choisissez {}.",
                ReportKind::codes_fr()
            ),
        ));
    };
    let by_extension = file
        .and_then(|f| f.extension())
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    let format = match (csv, pdf, by_extension.as_deref()) {
        (true, _, _) => Some(ReportFormat::Csv),
        (_, true, _) => Some(ReportFormat::Pdf),
        (_, _, Some("csv")) => Some(ReportFormat::Csv),
        (_, _, Some("pdf")) => Some(ReportFormat::Pdf),
        (_, _, _) if file.is_some() => {
            return Err(Error::field(
                ErrorCode::Usage,
                "out",
                "Fichier\u{a0}: précisez --csv ou --pdf (ou un nom en .csv ou .pdf).",
            ))
        }
        _ => None,
    };
    match (format, file) {
        (Some(format), Some(file)) => {
            let saved = reports::save(books, kind, format, today, file)?;
            out.print(&saved, || {
                println!(
                    "Rapport «\u{a0}{}\u{a0}» écrit\u{a0}: {} ({} octets{}).",
                    kind.label_fr(),
                    saved.path,
                    saved.bytes,
                    saved
                        .pages
                        .map(|p| format!(", {}", plural_fr(u64::from(p), "page", "pages")))
                        .unwrap_or_default()
                );
            })
        }
        (Some(_), None) => Err(Error::field(
            ErrorCode::Usage,
            "out",
            "Fichier\u{a0}: indiquez où écrire le rapport avec --out FICHIER.",
        )),
        (None, _) => {
            let board = reports::dashboard(books, today)?;
            match kind {
                ReportKind::Aging => out.print(
                    &json!({ "today": board.today, "owed": board.owed, "aging": board.aging }),
                    || aging(&board),
                ),
                ReportKind::Dso => out.print(&board.dso, || dso(&board)),
                ReportKind::Forecast => out.print(&board.forecast, || forecast(&board)),
                ReportKind::Payers => out.print(&board.payers, || payers(&board)),
            }
        }
    }
}

fn aging(b: &Dashboard) {
    println!("Balance âgée au {}", format_date_fr(b.today));
    let mut header = vec!["Client"];
    header.extend(AgeBucket::ALL.iter().map(|k| k.label_fr()));
    header.push("Total");
    let mut t = Table::new(&header);
    t.right(&[1, 2, 3, 4, 5, 6]);
    let cells = |name: &str, buckets: &[tact_core::dashboard::Figure], total: Money| {
        let mut row = vec![name.to_owned()];
        row.extend(buckets.iter().map(|f| f.amount.format_fr()));
        row.push(total.format_fr());
        row
    };
    for r in &b.aging.rows {
        t.row(cells(&r.client_name, &r.buckets, r.total.amount));
    }
    t.row(cells("Total", &b.aging.totals, b.aging.total.amount));
    t.print();
    let o = &b.owed;
    println!(
        "Encours\u{a0}: {} — non échu {}, en retard {}, sous échéancier {}, en litige {}.",
        o.total.amount.format_fr(),
        o.not_due.amount.format_fr(),
        o.overdue.amount.format_fr(),
        o.under_plan.amount.format_fr(),
        o.disputed.amount.format_fr()
    );
    if o.written_off_this_year.count > 0 || o.penalties_waived_this_year > 0 {
        println!(
            "Cette année\u{a0}: {} passé en perte ({}), pénalités abandonnées sur {}.",
            o.written_off_this_year.amount.format_fr(),
            plural_fr(
                u64::from(o.written_off_this_year.count),
                "facture",
                "factures"
            ),
            plural_fr(
                u64::from(o.penalties_waived_this_year),
                "facture",
                "factures"
            )
        );
    }
}

fn dso(b: &Dashboard) {
    let d = &b.dso;
    println!(
        "DSO au {}\u{a0}: {} jours (encours {}).",
        format_date_fr(b.today),
        days(d.current.days),
        d.current.receivables.format_fr()
    );
    println!("{}", d.method);
    println!();
    let mut t = Table::new(&["Fin de mois", "DSO (jours)", "Encours"]);
    t.right(&[1, 2]);
    for p in &d.months {
        t.row(vec![
            format_date_fr(p.on),
            days(p.days),
            p.receivables.format_fr(),
        ]);
    }
    t.print();
    println!();
    let mut t = Table::new(&["Mois", "Factures soldées", "Retard moyen (jours)"]);
    t.right(&[1, 2]);
    for m in &d.late {
        t.row(vec![
            m.month.format("%m/%Y").to_string(),
            m.paid.to_string(),
            days(m.average_days_late),
        ]);
    }
    t.print();
}

fn forecast(b: &Dashboard) {
    let f = &b.forecast;
    println!("{}", f.sentence);
    println!();
    for periods in [&f.weeks, &f.months] {
        let mut t = Table::new(&["Période", "Probable", "Au mieux", "Nombre"]);
        t.right(&[1, 2, 3]);
        for p in periods {
            t.row(vec![
                p.label.clone(),
                p.likely.format_fr(),
                p.best.format_fr(),
                p.count.to_string(),
            ]);
        }
        t.print();
        println!();
    }
    let mut t = Table::new(&[
        "Date probable",
        "Entre le",
        "et le",
        "Client",
        "Quoi",
        "Montant",
    ]);
    t.right(&[5]);
    for i in &f.items {
        t.row(vec![
            format_date_fr(i.likely),
            format_date_fr(i.earliest),
            format_date_fr(i.latest),
            i.client_name.clone(),
            i.what.clone(),
            i.amount.format_fr(),
        ]);
    }
    t.print();
    println!(
        "En retard sans date convenue\u{a0}: {} ({}). Déjà encaissé ce mois-ci\u{a0}: {}.",
        f.overdue.amount.format_fr(),
        plural_fr(u64::from(f.overdue.count), "facture", "factures"),
        f.received_this_month.format_fr()
    );
}

fn payers(b: &Dashboard) {
    println!("Profils de payeurs au {}", format_date_fr(b.today));
    for p in &b.payers {
        let grade = p
            .grade
            .map(|g| format!("{} ({}/100)", g.code(), p.score.unwrap_or(0)))
            .unwrap_or_else(|| "–".to_owned());
        println!(
            "{} — {grade} {}\u{a0}: {}",
            p.client_name, p.grade_label, p.why
        );
    }
}
