//! The next invoice number, suggested in the invoice form from the last one added. An invoice carries « un numéro
//! unique basé sur une séquence chronologique et continue », which may restart in separate series, one a year
//! being the usual (CGI, ann. II, art. 242 nonies A, I-7°). Tact suggests; the user decides.

/// The series `last` belongs to: the text before its trailing digits, and how many digits
/// (« F-2026-049 » → « F-2026- », 3). `None` when `last` does not end in digits: there is no sequence to follow.
pub fn series(last: &str) -> Option<(&str, usize)> {
    let last = last.trim();
    let digits = last.chars().rev().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 12 {
        return None;
    }
    Some((last.split_at(last.len().checked_sub(digits)?).0, digits))
}

/// The number after the highest of the series of `last` (the latest invoice issued): `in_series` are the numbers
/// that start like it; the digits keep their width (« F-2026-049 » → « F-2026-050 »). When `last` carries a past
/// year as a group of its own and `year` (today's) is later, the series of the new year starts (« F-2026-049 »
/// in 2027 → « F-2027-001 »). A number already `taken` is skipped. `None` without a sequence to follow.
pub fn next_invoice_number(
    last: &str,
    in_series: &[String],
    year: i32,
    mut taken: impl FnMut(&str) -> bool,
) -> Option<String> {
    let (prefix, digits) = series(last)?;
    let highest = |prefix: &str| {
        in_series
            .iter()
            .map(|n| n.trim())
            .filter_map(|n| n.strip_prefix(prefix))
            .filter(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
            .filter_map(|rest| rest.parse::<u64>().ok())
            .max()
    };
    let own: Option<u64> = last.trim().get(prefix.len()..)?.parse().ok();
    let (prefix, mut n) = match year_group(prefix) {
        Some(past) if year > past => (prefix.replacen(&past.to_string(), &year.to_string(), 1), 0),
        _ => (prefix.to_owned(), highest(prefix).max(own).unwrap_or(0)),
    };
    for _ in 0..10_000 {
        n = n.checked_add(1)?;
        let candidate = format!("{prefix}{n:0digits$}");
        if !taken(&candidate) {
            return Some(candidate);
        }
    }
    None
}

/// A year written as a group of four digits of its own in `prefix` (« F-2026- », « 2026/ »), if any.
fn year_group(prefix: &str) -> Option<i32> {
    prefix
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| g.len() == 4)
        .filter_map(|g| g.parse::<i32>().ok())
        .rfind(|y| (1990..=2200).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(last: &str, year: i32) -> Option<String> {
        next_invoice_number(last, &[], year, |_| false)
    }

    #[test]
    fn the_sequence_goes_on_at_the_same_width() {
        assert_eq!(next("F-2026-049", 2026).as_deref(), Some("F-2026-050"));
        assert_eq!(next("F-2026-099", 2026).as_deref(), Some("F-2026-100"));
        assert_eq!(next("FA999", 2026).as_deref(), Some("FA1000"));
        assert_eq!(next("2026-0007", 2026).as_deref(), Some("2026-0008"));
        assert_eq!(next("  F12 ", 2026).as_deref(), Some("F13"));
    }

    #[test]
    fn a_new_year_starts_its_own_series() {
        assert_eq!(next("F-2026-049", 2027).as_deref(), Some("F-2027-001"));
        assert_eq!(next("2026/12", 2027).as_deref(), Some("2027/01"));
        // A number that merely contains digits is not a year: the sequence goes on.
        assert_eq!(next("F20260049", 2027).as_deref(), Some("F20260050"));
    }

    #[test]
    fn a_number_already_taken_is_skipped_and_no_digits_no_suggestion() {
        let taken = ["F-2026-050", "F-2026-051"];
        assert_eq!(
            next_invoice_number("F-2026-049", &[], 2026, |n| taken.contains(&n)).as_deref(),
            Some("F-2026-052")
        );
        assert_eq!(next("Facture de mars", 2026), None);
        assert_eq!(next("", 2026), None);
    }

    #[test]
    fn the_sequence_follows_its_highest_number_not_the_latest_date() {
        // F-2026-047 was issued last, but F-2026-049 exists: the next is F-2026-050.
        let series: Vec<String> = [
            "F-2026-041",
            "F-2026-049",
            "F-2026-047",
            "F-2026-04x",
            "F-2026-1",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            next_invoice_number("F-2026-047", &series, 2026, |_| false).as_deref(),
            Some("F-2026-050")
        );
    }
}
