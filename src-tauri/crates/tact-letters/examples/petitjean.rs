//! Writes the example data's letters of 23/11/2026 (and Agence Lumière's calendar agreement) to a folder: `cargo run -p tact-letters --example petitjean -- DIR`.
use tact_core::letters::{LetterKind, LetterOptions};
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".to_owned());
    let mut l = tact_core::Ledger::open_in_memory()?;
    l.load_demo()?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    // Agence Lumière's payment calendar (three instalments of 800,00 € from 05/12/2026).
    l.propose_plan(
        &tact_core::plans::PlanInput {
            client_id: 1,
            instalments: "3".into(),
            first_date: "2026-12-05".into(),
            ..Default::default()
        },
        today,
    )?;
    for (client, kind) in [
        (2, LetterKind::FormalNotice),
        (2, LetterKind::FirmReminder),
        (4, LetterKind::Statement),
        (3, LetterKind::FriendlyReminder),
        (1, LetterKind::PlanAgreement),
    ] {
        match l.letter(client, kind, &LetterOptions::default(), today) {
            Ok(letter) => {
                let pdf = tact_letters::render(&letter)?;
                std::fs::write(format!("{dir}/{}-{client}.pdf", kind.code()), pdf)?;
            }
            Err(e) => println!("{}-{client}: {e}", kind.code()),
        }
    }
    Ok(())
}
