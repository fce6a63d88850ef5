//! The import of five years of e-invoices: 1 000 Factur-X PDFs (25 clients) previewed, then imported, into books
//! on disk holding the example data. Target (issue 15): preview and import together under 10 s in release.
//! The PDFs are made by scripts/bench-import (tests/einvoices/generate_many.py, factur-x and drafthorse) and named
//! by TACT_BENCH_INVOICES. Exit status 1 when the target is missed.

use std::path::PathBuf;
use std::time::Instant;
use tact_usecases::invoices::{self, ImportChoices};
use tact_usecases::jobs::Progress;
use tact_usecases::Books;

fn main() {
    let Some(dir) = std::env::var_os("TACT_BENCH_INVOICES").map(PathBuf::from) else {
        eprintln!(
            "TACT_BENCH_INVOICES is not set: run scripts/bench-import (it makes the PDFs first)."
        );
        std::process::exit(2);
    };
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let books = Books::open(&tmp.path().join("tact.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    books
        .write(|l| l.load_demo())
        .unwrap_or_else(|e| panic!("{e}"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
    let choices = ImportChoices::default();
    let paths = [dir];

    let t = Instant::now();
    let p = invoices::preview(&books, &paths, &choices, today, &Progress::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let preview = t.elapsed();
    let t = Instant::now();
    let r = invoices::import(&books, &paths, &choices, today, &Progress::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let import = t.elapsed();
    let t = Instant::now();
    let again = invoices::preview(&books, &paths, &choices, today, &Progress::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let reimport = t.elapsed();
    let total = preview.saturating_add(import);
    println!(
        "import of {} files: preview {:.2} s ({} to create), import {:.2} s ({} invoices, {} clients), \
         preview again {:.2} s ({} skipped); preview + import {:.2} s (target < 10 s)",
        p.files,
        preview.as_secs_f64(),
        p.to_create,
        import.as_secs_f64(),
        r.invoices,
        r.clients,
        reimport.as_secs_f64(),
        again.to_skip,
        total.as_secs_f64()
    );
    if total.as_secs_f64() >= 10.0 || r.invoices != p.to_create {
        eprintln!("import benchmark: target missed");
        std::process::exit(1);
    }
}
