//! Reading and writing column values: codes, dates, amounts, rates (shared by the table files).

use crate::model::PostalContact;
use crate::money::Money;
use rusqlite::types::Type;
use rusqlite::Row;
use rust_decimal::Decimal;

pub(super) fn bad_value(idx: usize, what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        Type::Text,
        format!("valeur inattendue pour {what}\u{a0}: {value:?}").into(),
    )
}

pub(super) fn code<T>(
    row: &Row<'_>,
    idx: usize,
    what: &str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    parse(&s).ok_or_else(|| bad_value(idx, what, &s))
}

pub(super) fn opt_code<T>(
    row: &Row<'_>,
    idx: usize,
    what: &str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| parse(&s).ok_or_else(|| bad_value(idx, what, &s)))
        .transpose()
}

pub(super) fn rate(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<Decimal>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| {
        s.parse::<Decimal>()
            .map_err(|_| bad_value(idx, "un taux", &s))
    })
    .transpose()
}

/// The next (payment id, invoice id, cents) row of the allocations scan.
pub(super) fn next_allocation(
    rows: &mut rusqlite::Rows<'_>,
) -> rusqlite::Result<Option<(i64, i64, i64)>> {
    rows.next()?
        .map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .transpose()
}

/// A `YYYY-MM-DD` column, parsed directly: the facts scan reads hundreds of thousands of dates, and a generic
/// format parser would dominate its cost.
pub(super) fn iso_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<chrono::NaiveDate> {
    let raw = row.get_ref(idx)?.as_str()?;
    let b = raw.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| {
                acc.saturating_mul(10)
                    .saturating_add(u32::from(c.saturating_sub(b'0')))
            })
        })
    };
    let parsed = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| Some((num(0..4)?, num(5..7)?, num(8..10)?)))
        .flatten()
        .and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d));
    parsed.ok_or_else(|| bad_value(idx, "une date", raw))
}

/// The seven postal-contact columns starting at `first`: address_line1, address_line2, postcode, city, country,
/// email, phone.
pub(super) fn contact_at(r: &Row<'_>, first: usize) -> rusqlite::Result<PostalContact> {
    let at = |k: usize| first.saturating_add(k);
    Ok(PostalContact {
        address_line1: r.get(at(0))?,
        address_line2: r.get(at(1))?,
        postcode: r.get(at(2))?,
        city: r.get(at(3))?,
        country: r.get(at(4))?,
        email: r.get(at(5))?,
        phone: r.get(at(6))?,
    })
}

pub(super) fn money(row: &Row<'_>, idx: usize) -> rusqlite::Result<Money> {
    row.get::<_, i64>(idx).map(Money::from_cents)
}

pub(super) fn opt_money(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<Money>> {
    row.get::<_, Option<i64>>(idx)
        .map(|c| c.map(Money::from_cents))
}
