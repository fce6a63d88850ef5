//! Money: euro amounts held as integer cents, with checked arithmetic only.
//!
//! - Parsing accepts what a French user types ("1 234,56", "1234.56", "1234,5 €") and refuses, with the way to
//!   type it, an amount that reads two ways ("12.345,67", "1'000", "1.234.567") or has more than two decimals; it
//!   never goes through `f64`.
//! - Arithmetic returns `Result`: an overflow is an error value, never a panic or a wrap.
//! - Across JSON and the IPC an amount is a string in canonical form (`"1234.56"`), so JavaScript never turns it
//!   into a float; TypeScript only formats it.
//! - Computations that need fractions of a cent (penalties) use `rust_decimal` and round back to cents.

use crate::error::{Error, ErrorCode, Result};
use crate::text::fr_quote;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The largest amount Tact accepts on one invoice or payment: 999 999 999,99 €. Far above any real invoice of a
/// small business, and low enough that summing millions of them can never overflow an `i64` of cents.
pub const MAX_CENTS: i64 = 99_999_999_999;

/// A euro amount in cents. May be negative only as the result of a subtraction; user input is never negative.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Money(#[cfg_attr(feature = "ts", ts(type = "string"))] i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn checked_add(self, other: Money) -> Result<Money> {
        self.0
            .checked_add(other.0)
            .map(Money)
            .ok_or_else(Error::overflow)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money> {
        self.0
            .checked_sub(other.0)
            .map(Money)
            .ok_or_else(Error::overflow)
    }

    /// Sum of amounts, or an overflow error.
    pub fn sum<I: IntoIterator<Item = Money>>(items: I) -> Result<Money> {
        items.into_iter().try_fold(Money::ZERO, Money::checked_add)
    }

    pub fn min(self, other: Money) -> Money {
        if self <= other {
            self
        } else {
            other
        }
    }

    /// The exact decimal value in euros (scale 2).
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// From a decimal in euros; refuses more than two decimals (use `round_dp` first if that is intended).
    pub fn from_decimal(d: Decimal) -> Result<Money> {
        let normalized = d.normalize();
        if normalized.scale() > 2 {
            return Err(Error::new(
                ErrorCode::TooManyDecimals,
                "Un montant a au plus deux décimales.",
            ));
        }
        let cents = d
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or_else(Error::overflow)?;
        let cents: i64 = cents.trunc().try_into().map_err(|_| Error::overflow())?;
        Ok(Money(cents))
    }

    /// Canonical form used in JSON and the database export: `-1234.50`.
    pub fn to_canonical(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// Parse the canonical form strictly (as written by [`Money::to_canonical`]); for files, not for people.
    pub fn parse_canonical(s: &str) -> Option<Money> {
        let (neg, rest) = match s.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let (units, frac) = rest.split_once('.').unwrap_or((rest, ""));
        if units.is_empty()
            || frac.len() > 2
            || !all_digits(units)
            || !all_digits(frac)
            || units.len() > 12
        {
            return None;
        }
        let units: i64 = units.parse().ok()?;
        let mut frac_cents: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().ok()?
        };
        if frac.len() == 1 {
            frac_cents = frac_cents.checked_mul(10)?;
        }
        let cents = units.checked_mul(100)?.checked_add(frac_cents)?;
        Some(Money(if neg { cents.checked_neg()? } else { cents }))
    }

    /// French display: `1 234,56 €` with a narrow no-break space (U+202F) between thousands and a no-break space
    /// (U+00A0) before the euro sign, as `Intl.NumberFormat('fr-FR')` does.
    pub fn format_fr(self) -> String {
        format!("{}\u{a0}€", self.format_fr_number())
    }

    /// English amount: `€1,234.56`.
    pub fn format_en(self) -> String {
        let s = self.format_fr_number();
        let (int, dec) = s.split_once(',').unwrap_or((&s, "00"));
        match int.strip_prefix('-') {
            Some(abs) => format!("-€{}.{dec}", abs.replace('\u{202f}', ",")),
            None => format!("€{}.{dec}", int.replace('\u{202f}', ",")),
        }
    }

    /// French number without the currency: `1 234,56`.
    pub fn format_fr_number(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let units = (abs / 100).to_string();
        let mut grouped = String::with_capacity(units.len().saturating_mul(2));
        for (i, ch) in units.chars().enumerate() {
            let remaining = units.len().saturating_sub(i);
            if i > 0 && remaining % 3 == 0 {
                grouped.push('\u{202f}');
            }
            grouped.push(ch);
        }
        format!("{sign}{grouped},{:02}", abs % 100)
    }
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_canonical())
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_canonical())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Money::parse_canonical(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("montant invalide {s:?} (attendu : \"1234.56\")"))
        })
    }
}

/// Example shown in amount error messages.
const AMOUNT_EXAMPLE: &str = "(ex.\u{a0}: 1\u{202f}250,00)";

/// Parse an amount typed by a person. `label` is the field's French name for the message, `field` its key.
///
/// Accepted: optional `€`/`EUR`, spaces of any kind as thousands separators, a comma or a dot as the decimal
/// separator, at most two decimals. Refused as ambiguous: a dot and a comma together (`1.234,56`), a repeated
/// separator (`1.234.567`), an apostrophe (`1'000`). A sign is refused here: amounts typed by users are never
/// negative (see [`parse_positive_amount`] for the usual case).
pub fn parse_amount(field: &str, label: &str, input: &str) -> Result<Money> {
    let invalid = || {
        Error::field(
            ErrorCode::InvalidAmount,
            field,
            format!(
                "{label}\u{a0}: {} n'est pas un montant {AMOUNT_EXAMPLE}.",
                fr_quote(input.trim())
            ),
        )
    };
    let mut s: String = input.trim().to_owned();
    if s.is_empty() {
        return Err(Error::field(
            ErrorCode::Required,
            field,
            format!("{label}\u{a0}: indiquez un montant {AMOUNT_EXAMPLE}."),
        ));
    }
    for suffix in ["€", "EUR", "eur", "Eur"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end().to_owned();
            break;
        }
    }
    if let Some(rest) = s.strip_prefix('€') {
        s = rest.trim_start().to_owned();
    }
    if s.starts_with('-') || s.starts_with('\u{2212}') {
        return Err(Error::field(
            ErrorCode::AmountNegative,
            field,
            format!("{label}\u{a0}: le montant ne peut pas être négatif {AMOUNT_EXAMPLE}."),
        ));
    }
    let s = s.strip_prefix('+').unwrap_or(&s);
    // An amount that reads two ways is refused, never guessed: « 12.345,67 » (dot for thousands), « 1'000 »
    // (apostrophe), « 1.234.567 » or « 1,234,567 » (repeated separator). Thousands are grouped with spaces.
    let ambiguous = s.contains(['\'', '’'])
        || (s.contains(',') && s.contains('.'))
        || s.matches(',').count() > 1
        || s.matches('.').count() > 1;
    if ambiguous {
        return Err(Error::field(
            ErrorCode::InvalidAmount,
            field,
            format!(
                "{label}\u{a0}: {} peut se lire de deux façons. Tapez les milliers avec une espace et les centimes après une virgule, par exemple 12\u{202f}345,67.",
                fr_quote(input.trim())
            ),
        ));
    }
    // Spaces of every kind French users and tools produce.
    let compact: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .collect();
    if compact.is_empty()
        || !compact
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(invalid());
    }
    // At most one separator now: it is the decimal one.
    let (int_part, frac_part) = match compact.find([',', '.']) {
        None => (compact.clone(), String::new()),
        Some(p) => (
            compact[..p].to_owned(),
            compact[p.saturating_add(1)..].to_owned(),
        ),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(invalid());
    }
    if frac_part.contains([',', '.']) || int_part.contains([',', '.']) {
        return Err(invalid());
    }
    if frac_part.len() > 2 {
        return Err(Error::field(
            ErrorCode::TooManyDecimals,
            field,
            format!("{label}\u{a0}: deux décimales au maximum (ex.\u{a0}: 1\u{202f}250,50)."),
        ));
    }
    let int_digits = int_part.trim_start_matches('0');
    if int_digits.len() > 9 {
        return Err(too_large(field, label));
    }
    let units: i64 = if int_digits.is_empty() {
        0
    } else {
        int_digits.parse().map_err(|_| invalid())?
    };
    let frac: i64 = match frac_part.len() {
        0 => 0,
        1 => frac_part
            .parse::<i64>()
            .map_err(|_| invalid())?
            .saturating_mul(10),
        _ => frac_part.parse().map_err(|_| invalid())?,
    };
    let cents = units
        .checked_mul(100)
        .and_then(|c| c.checked_add(frac))
        .ok_or_else(|| too_large(field, label))?;
    if cents > MAX_CENTS {
        return Err(too_large(field, label));
    }
    Ok(Money(cents))
}

fn too_large(field: &str, label: &str) -> Error {
    Error::field(
        ErrorCode::AmountTooLarge,
        field,
        format!(
            "{label}\u{a0}: montant trop élevé (999\u{202f}999\u{202f}999,99\u{a0}€ au maximum)."
        ),
    )
}

/// Parse an amount that must be strictly positive: invoice totals, payments, allocations, credit notes.
pub fn parse_positive_amount(field: &str, label: &str, input: &str) -> Result<Money> {
    let m = parse_amount(field, label, input)?;
    if !m.is_positive() {
        return Err(Error::field(
            ErrorCode::AmountNotPositive,
            field,
            format!("{label}\u{a0}: le montant doit être supérieur à zéro {AMOUNT_EXAMPLE}."),
        ));
    }
    Ok(m)
}

/// An annual interest rate in percent (`12.15` means 12,15 %), as typed: "12,15", "12.15 %", "12,15%".
/// Must be above 0 and at most 100, with at most three decimals.
pub fn parse_rate(field: &str, label: &str, input: &str) -> Result<Decimal> {
    let raw = input.trim();
    let s: String = raw
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let invalid = || {
        Error::field(
            ErrorCode::InvalidRate,
            field,
            format!(
                "{label}\u{a0}: {} n'est pas un taux valide (ex.\u{a0}: 12,15\u{a0}%).",
                fr_quote(raw)
            ),
        )
    };
    if s.is_empty()
        || !s.chars().all(|c| c.is_ascii_digit() || c == '.')
        || s.matches('.').count() > 1
    {
        return Err(invalid());
    }
    let d: Decimal = s.parse().map_err(|_| invalid())?;
    if d <= Decimal::ZERO || d > Decimal::ONE_HUNDRED || d.normalize().scale() > 3 {
        return Err(Error::field(
            ErrorCode::InvalidRate,
            field,
            format!("{label}\u{a0}: le taux doit être compris entre 0 et 100\u{a0}%, avec trois décimales au plus (ex.\u{a0}: 12,15\u{a0}%)."),
        ));
    }
    Ok(d.normalize())
}

/// French display of a rate: `12,15 %`.
pub fn format_rate_fr(rate: Decimal) -> String {
    let mut r = rate.normalize();
    if r.scale() < 2 {
        r.rescale(2);
    }
    format!("{}\u{a0}%", r.to_string().replace('.', ","))
}

/// Allocate `amount` over `(key, open balance)` items in the order given (the caller sorts: overdue first, then
/// oldest due date, as C. civ. 1342-10 prescribes when the debtor did not say which debt it pays).
/// Returns the allocations made (never more than an item's balance, never zero) and what is left over, which stays
/// with the client as credit. Conserves every cent: `sum(allocations) + remainder == amount`.
pub fn allocate_in_order<K: Copy>(
    amount: Money,
    balances: &[(K, Money)],
) -> (Vec<(K, Money)>, Money) {
    let mut left = amount;
    let mut out = Vec::new();
    for &(key, balance) in balances {
        if !left.is_positive() {
            break;
        }
        if !balance.is_positive() {
            continue;
        }
        let part = left.min(balance);
        // Both are non-negative and part <= left, so this cannot overflow.
        left = Money(left.0.saturating_sub(part.0));
        out.push((key, part));
    }
    (out, left)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Money> {
        parse_amount("amount", "Montant", s)
    }

    #[test]
    fn parses_what_french_users_type() {
        for (input, cents) in [
            ("1 234,56", 123_456),
            ("1234.56", 123_456),
            ("1234,5 €", 123_450),
            ("1\u{202f}234,56\u{a0}€", 123_456),
            ("2400", 240_000),
            ("0,5", 50),
            (",50", 50),
            ("  800,00 EUR ", 80_000),
            ("€ 12", 1_200),
            ("999999999,99", MAX_CENTS),
        ] {
            assert_eq!(p(input).map(Money::cents), Ok(cents), "{input}");
        }
    }

    #[test]
    fn refuses_bad_amounts_with_the_right_code() {
        for (input, code) in [
            ("", ErrorCode::Required),
            ("abc", ErrorCode::InvalidAmount),
            ("12,345", ErrorCode::TooManyDecimals),
            ("1.2.3", ErrorCode::InvalidAmount),
            ("1,2.3,4", ErrorCode::InvalidAmount),
            ("12.34,56", ErrorCode::InvalidAmount),
            // Ambiguous: refused with the way to type it, never guessed.
            ("12.345,67", ErrorCode::InvalidAmount),
            ("1,234.56", ErrorCode::InvalidAmount),
            ("1'000", ErrorCode::InvalidAmount),
            ("1’000", ErrorCode::InvalidAmount),
            ("1.234.567", ErrorCode::InvalidAmount),
            ("1,234,567", ErrorCode::InvalidAmount),
            ("-5", ErrorCode::AmountNegative),
            ("1e5", ErrorCode::InvalidAmount),
            ("1000000000", ErrorCode::AmountTooLarge),
            ("12 €€", ErrorCode::InvalidAmount),
            (".", ErrorCode::InvalidAmount),
        ] {
            let err = p(input).expect_err(input);
            assert_eq!(err.code, code, "{input}");
            assert_eq!(err.field.as_deref(), Some("amount"));
            assert!(err.message.starts_with("Montant\u{a0}:"), "{}", err.message);
        }
        assert_eq!(
            parse_positive_amount("a", "Montant", "0,00").map_err(|e| e.code),
            Err(ErrorCode::AmountNotPositive)
        );
    }

    #[test]
    fn formats_in_french() {
        assert_eq!(
            Money::from_cents(123_456).format_fr(),
            "1\u{202f}234,56\u{a0}€"
        );
        assert_eq!(Money::from_cents(5).format_fr(), "0,05\u{a0}€");
        assert_eq!(
            Money::from_cents(100_000_000).format_fr_number(),
            "1\u{202f}000\u{202f}000,00"
        );
        assert_eq!(Money::from_cents(-45_000).format_fr_number(), "-450,00");
    }

    #[test]
    fn canonical_round_trip() {
        for c in [0, 1, 10, 99, 100, 123_456, -5, MAX_CENTS] {
            let m = Money::from_cents(c);
            assert_eq!(Money::parse_canonical(&m.to_canonical()), Some(m));
        }
        assert_eq!(Money::parse_canonical("12.345"), None);
        assert_eq!(Money::parse_canonical("1,5"), None);
        assert_eq!(Money::parse_canonical(""), None);
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        let big = Money::from_cents(i64::MAX);
        assert_eq!(
            big.checked_add(Money::from_cents(1)).map_err(|e| e.code),
            Err(ErrorCode::Overflow)
        );
        assert_eq!(
            Money::from_cents(i64::MIN)
                .checked_sub(Money::from_cents(1))
                .map_err(|e| e.code),
            Err(ErrorCode::Overflow)
        );
    }

    #[test]
    fn rates() {
        assert_eq!(
            parse_rate("r", "Taux", "12,15 %").map(|d| d.to_string()),
            Ok("12.15".into())
        );
        assert_eq!(
            parse_rate("r", "Taux", "10").map(|d| d.to_string()),
            Ok("10".into())
        );
        assert!(parse_rate("r", "Taux", "0").is_err());
        assert!(parse_rate("r", "Taux", "101").is_err());
        assert!(parse_rate("r", "Taux", "1,2345").is_err());
        assert_eq!(format_rate_fr(Decimal::new(1215, 2)), "12,15\u{a0}%");
        assert_eq!(format_rate_fr(Decimal::new(10, 0)), "10,00\u{a0}%");
    }
}
