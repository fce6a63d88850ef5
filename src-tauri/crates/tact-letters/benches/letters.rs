//! Benchmark: the Boulangerie Petitjean mise en demeure of the example data (3 pages with the annex), built from
//! the ledger and written as PDF bytes. Targets (release): one letter under 30 ms, 100 letters under 2 s.
//!
//!     cargo bench -p tact-letters --bench letters
//!
//! The first letter is timed cold (fonts parsed on first use), then the median of 30 single letters, then 100 in
//! a row.

#![allow(clippy::arithmetic_side_effects, clippy::unwrap_used)]

use std::time::{Duration, Instant};
use tact_core::letters::{LetterKind, LetterOptions};

fn one(l: &tact_core::Ledger, today: chrono::NaiveDate) -> usize {
    let letter = l
        .letter(
            2,
            LetterKind::FormalNotice,
            &LetterOptions::default(),
            today,
        )
        .unwrap();
    tact_letters::render(&letter).unwrap().len()
}

fn main() {
    let mut l = tact_core::Ledger::open_in_memory().unwrap();
    l.load_demo().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

    let t = Instant::now();
    let size = one(&l, today);
    let cold = t.elapsed();

    let mut runs: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            one(&l, today);
            t.elapsed()
        })
        .collect();
    runs.sort();
    let median = runs[runs.len() / 2];

    let t = Instant::now();
    for _ in 0..100 {
        one(&l, today);
    }
    let hundred = t.elapsed();

    println!("mise en demeure PDF: {size} bytes");
    println!(
        "first letter (fonts parsed):  {:>8.1} ms",
        cold.as_secs_f64() * 1e3
    );
    println!(
        "one letter, median of 30:     {:>8.1} ms   (target < 30 ms)",
        median.as_secs_f64() * 1e3
    );
    println!(
        "100 letters:                  {:>8.1} ms   (target < 2 000 ms)",
        hundred.as_secs_f64() * 1e3
    );
    let ok = median < Duration::from_millis(30) && hundred < Duration::from_secs(2);
    println!("{}", if ok { "targets met" } else { "TARGETS MISSED" });
    if !ok {
        std::process::exit(1);
    }
}
