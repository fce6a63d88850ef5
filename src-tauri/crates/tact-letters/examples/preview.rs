//! Times the preview's SVG pages of the example data's mise en demeure: `cargo run -p tact-letters --example preview`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut l = tact_core::Ledger::open_in_memory()?;
    l.load_demo()?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    let letter = l.letter(
        2,
        tact_core::letters::LetterKind::FormalNotice,
        &Default::default(),
        today,
    )?;
    let t = std::time::Instant::now();
    let pages = tact_letters::svg_pages(&letter)?;
    println!(
        "{} pages, {} bytes, {:?}",
        pages.len(),
        pages.iter().map(String::len).sum::<usize>(),
        t.elapsed()
    );
    Ok(())
}
