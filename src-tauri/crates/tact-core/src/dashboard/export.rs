//! The dashboard out of the app, for the accountant or the bank: each report as CSV for a French Excel (`;`
//! between fields, decimal comma, dates as 23/11/2026, UTF-8 with a byte-order mark, CRLF) and as a one-page
//! document for the PDF (a [`Letter`] of kind [`crate::letters::LetterKind::Report`], laid out by tact-letters).

use super::*;
use crate::letters::{Block, Column, Letter, Table};
use crate::model::Business;
use crate::text::format_date_fr;
use rust_decimal::Decimal;

crate::model::labelled_enum!(
    /// The reports `tact report` and the dashboard's buttons write.
    ReportKind {
        Aging = "aging" / "Balance âgée",
        Dso = "dso" / "DSO et délais de paiement",
        Forecast = "forecast" / "Prévision d'encaissements",
        Payers = "payers" / "Profils de payeurs",
    }
);

/// Rows of a one-page report's longest table; what is beyond is summed on one line.
const PAGE_ROWS: usize = 22;

/// A field for Excel: quoted when it holds a separator, a quote or a line break.
fn field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// An amount as Excel reads it in French: `1234,56` (no thousands separator, so it stays a number).
fn amount(m: Money) -> String {
    let c = m.cents();
    let sign = if c < 0 { "-" } else { "" };
    let abs = c.unsigned_abs();
    format!("{sign}{},{:02}", abs / 100, abs % 100)
}

fn decimal(d: Option<Decimal>) -> String {
    d.map(|x| x.to_string().replace('.', ","))
        .unwrap_or_default()
}

fn lines(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = String::from("\u{feff}");
    let mut push = |cells: Vec<String>| {
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(";"));
        out.push_str("\r\n");
    };
    push(header.iter().map(|h| (*h).to_owned()).collect());
    for r in rows {
        push(r);
    }
    out
}

/// Each month-end of the trend, then today, with the delay of the invoices settled that month.
fn dso_rows(dso: &Dso) -> impl Iterator<Item = (&DsoPoint, Option<&LateMonth>)> {
    let late: HashMap<(i32, u32), &LateMonth> = dso
        .late
        .iter()
        .map(|l| ((l.month.year(), l.month.month()), l))
        .collect();
    dso.months
        .iter()
        .chain(std::iter::once(&dso.current))
        .map(move |p| (p, late.get(&(p.on.year(), p.on.month())).copied()))
}

/// The report as CSV.
pub fn csv(kind: ReportKind, d: &Dashboard) -> String {
    match kind {
        ReportKind::Aging => {
            let mut header = vec!["Client"];
            header.extend(AgeBucket::ALL.iter().map(|b| b.label_fr()));
            header.extend(["Total", "Nombre de factures"]);
            let mut rows: Vec<Vec<String>> = d
                .aging
                .rows
                .iter()
                .map(|r| {
                    let mut row = vec![r.client_name.clone()];
                    row.extend(r.buckets.iter().map(|f| amount(f.amount)));
                    row.push(amount(r.total.amount));
                    row.push(r.total.count.to_string());
                    row
                })
                .collect();
            let mut total = vec!["Total".to_owned()];
            total.extend(d.aging.totals.iter().map(|f| amount(f.amount)));
            total.push(amount(d.aging.total.amount));
            total.push(d.aging.total.count.to_string());
            rows.push(total);
            lines(&header, rows)
        }
        ReportKind::Dso => {
            let rows = dso_rows(&d.dso)
                .map(|(p, l)| {
                    vec![
                        format_date_fr(p.on),
                        decimal(p.days),
                        amount(p.receivables),
                        l.map(|l| l.paid.to_string()).unwrap_or_default(),
                        decimal(l.and_then(|l| l.average_days_late)),
                    ]
                })
                .collect();
            lines(
                &[
                    "Au",
                    "DSO (jours)",
                    "Encours",
                    "Factures réglées dans le mois",
                    "Retard moyen (jours)",
                ],
                rows,
            )
        }
        ReportKind::Forecast => {
            let rows = d
                .forecast
                .weeks
                .iter()
                .map(|p| ("Semaine", p))
                .chain(d.forecast.months.iter().map(|p| ("Mois", p)))
                .map(|(what, p)| {
                    vec![
                        what.to_owned(),
                        p.label.clone(),
                        format_date_fr(p.start),
                        format_date_fr(p.end),
                        amount(p.likely),
                        amount(p.best),
                        p.count.to_string(),
                    ]
                })
                .collect();
            lines(
                &[
                    "Période",
                    "Libellé",
                    "Du",
                    "Au",
                    "Encaissement probable",
                    "Au mieux",
                    "Nombre",
                ],
                rows,
            )
        }
        ReportKind::Payers => {
            let rows = d
                .payers
                .iter()
                .map(|p| {
                    vec![
                        p.client_name.clone(),
                        p.grade.map(|g| g.code().to_owned()).unwrap_or_default(),
                        p.score.map(|s| s.to_string()).unwrap_or_default(),
                        p.grade_label.clone(),
                        p.paid_invoices.to_string(),
                        p.paid_on_time.to_string(),
                        p.max_days_late_now
                            .map(|x| x.to_string())
                            .unwrap_or_default(),
                        p.promises_broken.to_string(),
                        p.why.clone(),
                    ]
                })
                .collect();
            lines(
                &[
                    "Client",
                    "Note",
                    "Score",
                    "Profil",
                    "Factures réglées",
                    "Dont à l'heure",
                    "Retard actuel (jours)",
                    "Promesses non tenues",
                    "Pourquoi",
                ],
                rows,
            )
        }
    }
}

fn col(title: &str, width: u8, right: bool) -> Column {
    Column {
        title: title.to_owned(),
        width,
        right,
    }
}

fn days(d: Option<Decimal>) -> String {
    d.map(|x| format!("{}\u{a0}j", x.to_string().replace('.', ",")))
        .unwrap_or_else(|| "–".into())
}

/// At most [`PAGE_ROWS`] rows; the rest summed in one line by `rest`.
fn capped<T>(items: &[T], rest: impl FnOnce(&[T]) -> Vec<String>) -> (usize, Option<Vec<String>>) {
    if items.len() > PAGE_ROWS {
        let cut = PAGE_ROWS.saturating_sub(1);
        (cut, items.get(cut..).map(rest))
    } else {
        (items.len(), None)
    }
}

/// The report as a one-page document.
pub fn report(kind: ReportKind, d: &Dashboard, business: &Business) -> Result<Letter> {
    let mut body = Vec::new();
    let para = |text: String| Block::Paragraph { text };
    match kind {
        ReportKind::Aging => {
            let o = &d.owed;
            body.push(para(format!(
                "Encours total\u{a0}: {} sur {} — non échu {}, en retard {}, sous échéancier {}, en litige {}.",
                o.total.amount.format_fr(),
                crate::text::plural_fr(u64::from(o.total.count), "facture", "factures"),
                o.not_due.amount.format_fr(),
                o.overdue.amount.format_fr(),
                o.under_plan.amount.format_fr(),
                o.disputed.amount.format_fr(),
            )));
            let mut columns = vec![col("Client", 28, false)];
            columns.extend(AgeBucket::ALL.iter().map(|b| col(b.label_fr(), 13, true)));
            columns.push(col("Total", 14, true));
            let (n, rest) = capped(&d.aging.rows, |rest| {
                let mut row = vec![format!("{} autres clients", rest.len())];
                for i in 0..AgeBucket::ALL.len() {
                    row.push(
                        Money::sum(
                            rest.iter()
                                .filter_map(|r| r.buckets.get(i))
                                .map(|f| f.amount),
                        )
                        .unwrap_or_default()
                        .format_fr(),
                    );
                }
                row.push(
                    Money::sum(rest.iter().map(|r| r.total.amount))
                        .unwrap_or_default()
                        .format_fr(),
                );
                row
            });
            let mut rows: Vec<Vec<String>> = d
                .aging
                .rows
                .iter()
                .take(n)
                .map(|r| {
                    let mut row = vec![r.client_name.clone()];
                    row.extend(r.buckets.iter().map(|f| cell(f.amount)));
                    row.push(r.total.amount.format_fr());
                    row
                })
                .collect();
            rows.extend(rest);
            let mut total = vec!["Total".to_owned()];
            total.extend(d.aging.totals.iter().map(|f| f.amount.format_fr()));
            total.push(d.aging.total.amount.format_fr());
            body.push(Block::Table {
                table: Table {
                    columns,
                    rows,
                    totals: vec![total],
                },
            });
            body.push(para(
                "Retards comptés en jours après l'échéance de chaque facture. Les factures sous échéancier sont classées selon leur échéance d'origine.".into(),
            ));
        }
        ReportKind::Dso => {
            body.push(para(format!(
                "DSO au {}\u{a0}: {} (encours {}).",
                format_date_fr(d.dso.current.on),
                days(d.dso.current.days),
                d.dso.current.receivables.format_fr()
            )));
            let rows = dso_rows(&d.dso)
                .map(|(p, l)| {
                    vec![
                        format_date_fr(p.on),
                        p.receivables.format_fr(),
                        days(p.days),
                        l.map_or("0".into(), |l| l.paid.to_string()),
                        days(l.and_then(|l| l.average_days_late)),
                    ]
                })
                .collect();
            body.push(Block::Table {
                table: Table {
                    columns: vec![
                        col("Au", 18, false),
                        col("Encours", 22, true),
                        col("DSO", 18, true),
                        col("Factures réglées dans le mois", 24, true),
                        col("Retard moyen", 18, true),
                    ],
                    rows,
                    totals: Vec::new(),
                },
            });
            body.push(para(d.dso.method.clone()));
        }
        ReportKind::Forecast => {
            let f = &d.forecast;
            body.push(Block::Strong {
                text: f.sentence.clone(),
            });
            body.push(para(format!(
                "Déjà encaissé depuis le 1er du mois\u{a0}: {}.",
                f.received_this_month.format_fr()
            )));
            let rows = f
                .weeks
                .iter()
                .chain(&f.months)
                .map(|p| {
                    vec![
                        p.label.clone(),
                        format!("{} – {}", format_date_fr(p.start), format_date_fr(p.end)),
                        p.likely.format_fr(),
                        p.best.format_fr(),
                    ]
                })
                .collect();
            body.push(Block::Table {
                table: Table {
                    columns: vec![
                        col("Période", 22, false),
                        col("Dates", 30, false),
                        col("Probable", 24, true),
                        col("Au mieux", 24, true),
                    ],
                    rows,
                    totals: vec![vec![
                        "En retard, sans date".into(),
                        String::new(),
                        f.overdue.amount.format_fr(),
                        String::new(),
                    ]],
                },
            });
            body.push(para(
                "Chaque montant est placé à sa date probable\u{a0}: l'échéance de la facture plus le retard moyen habituel du client, la date d'une échéance d'un échéancier signé, la date d'une promesse de paiement. «\u{a0}Au mieux\u{a0}» place chaque montant au plus tôt (le client au plus ponctuel de ses habitudes). Les factures en litige ne sont pas comptées.".into(),
            ));
        }
        ReportKind::Payers => {
            let (n, rest) = capped(&d.payers, |rest| {
                vec![
                    format!("{} autres clients", rest.len()),
                    String::new(),
                    String::new(),
                ]
            });
            let mut rows: Vec<Vec<String>> = d
                .payers
                .iter()
                .take(n)
                .map(|p| {
                    vec![
                        p.client_name.clone(),
                        p.grade
                            .map(|g| format!("{} ({})", g.code(), p.score.unwrap_or(0)))
                            .unwrap_or_else(|| "–".into()),
                        p.why.clone(),
                    ]
                })
                .collect();
            rows.extend(rest);
            body.push(Block::Table {
                table: Table {
                    columns: vec![
                        col("Client", 24, false),
                        col("Note", 10, false),
                        col("Pourquoi", 66, false),
                    ],
                    rows,
                    totals: Vec::new(),
                },
            });
            body.push(para(
                "Note de A (paie à l'heure) à E, d'après la part des factures réglées à l'heure, le retard moyen, le retard en cours, les promesses non tenues, les litiges et les échéanciers de l'année écoulée.".into(),
            ));
        }
    }
    let title = format!("{} au {}", kind.label_fr(), format_date_fr(d.today));
    Ok(crate::letters::document(
        business,
        d.today,
        title.clone(),
        title,
        body,
    ))
}

/// A zero shows as a dash in the aging table, so the amounts stand out.
fn cell(m: Money) -> String {
    if m.is_zero() {
        "–".into()
    } else {
        m.format_fr()
    }
}
