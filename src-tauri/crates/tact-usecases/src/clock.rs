//! « Today ». The domain never reads the clock: every rule takes the date as a parameter. The shells take it
//! here, once per request, so that one request never mixes two dates (a window left open past midnight asks
//! again on its next request, and the interface notices the change).

use chrono::NaiveDate;
use tact_core::Result;

/// The variable that fixes the date (demonstrations, tests): `TACT_TODAY=2026-11-23`.
pub const TODAY_VARIABLE: &str = "TACT_TODAY";

/// Today for the command line: `given` (`--today`, a French or ISO date) when there is one, else the local clock.
pub fn today(given: Option<&str>) -> Result<NaiveDate> {
    match given {
        Some(s) => tact_core::text::parse_date("today", "Date du jour (--today)", s),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// Today for the desktop app: `TACT_TODAY` when it holds a date (demonstrations, end-to-end tests), else the
/// local clock.
pub fn app_today() -> NaiveDate {
    std::env::var(TODAY_VARIABLE)
        .ok()
        .and_then(|s| tact_core::text::parse_date("today", "TACT_TODAY", &s).ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Now, local time, on `today`: the clock's time of day, on the date the request runs for (a date fixed with
/// `--today` or `TACT_TODAY` keeps it). A message's Date header and the history's time come from here.
pub fn now_on(today: NaiveDate) -> chrono::DateTime<chrono::FixedOffset> {
    let now = chrono::Local::now().fixed_offset();
    if now.date_naive() == today {
        return now;
    }
    today
        .and_time(now.time())
        .and_local_timezone(*now.offset())
        .single()
        .unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_date_wins_and_a_bad_one_names_the_field() {
        assert_eq!(
            today(Some("23/11/2026")).ok(),
            NaiveDate::from_ymd_opt(2026, 11, 23)
        );
        assert_eq!(
            today(Some("2026-11-23")).ok(),
            NaiveDate::from_ymd_opt(2026, 11, 23)
        );
        let e = today(Some("31/02/2026")).err();
        assert_eq!(e.and_then(|e| e.field).as_deref(), Some("today"));
    }
}
