//! Working days in metropolitan France: weekends and the eleven public holidays (Code du travail L3133-1).
//!
//! The tact engine schedules contacts on working days only, counts "N working days after the due date", and the
//! payment calendar may shift instalments that fall on a day off. Pure functions of the date: no clock.
//!
//! Alsace-Moselle's two extra days (Good Friday, 26 December) are not public holidays elsewhere; they can be
//! added with [`Calendar::with_alsace_moselle`].

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Easter Sunday of `year` (Gregorian calendar; anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b.checked_add(8)?).div_euclid(25);
    let g = (b.checked_sub(f)?.checked_add(1)?).div_euclid(3);
    let h = (19i32
        .checked_mul(a)?
        .checked_add(b)?
        .checked_sub(d)?
        .checked_sub(g)?
        .checked_add(15)?)
    .rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32i32
        .checked_add(2i32.checked_mul(e)?)?
        .checked_add(2i32.checked_mul(i)?)?
        .checked_sub(h)?
        .checked_sub(k)?)
    .rem_euclid(7);
    let m = (a
        .checked_add(11i32.checked_mul(h)?)?
        .checked_add(22i32.checked_mul(l)?)?)
    .div_euclid(451);
    let n = h
        .checked_add(l)?
        .checked_sub(7i32.checked_mul(m)?)?
        .checked_add(114)?;
    let month = u32::try_from(n.div_euclid(31)).ok()?;
    let day = u32::try_from(n.rem_euclid(31).checked_add(1)?).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Which days are worked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Calendar {
    alsace_moselle: bool,
}

impl Calendar {
    /// Metropolitan France.
    pub fn france() -> Calendar {
        Calendar {
            alsace_moselle: false,
        }
    }

    /// With Good Friday and 26 December (Bas-Rhin, Haut-Rhin, Moselle: C. trav. L3134-13).
    pub fn with_alsace_moselle() -> Calendar {
        Calendar {
            alsace_moselle: true,
        }
    }

    /// The public holidays of `year`, in date order, with their French names.
    pub fn holidays(&self, year: i32) -> Vec<(NaiveDate, &'static str)> {
        let fixed = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
        let mut out: Vec<(Option<NaiveDate>, &'static str)> = vec![
            (fixed(1, 1), "Jour de l'an"),
            (fixed(5, 1), "Fête du Travail"),
            (fixed(5, 8), "Victoire 1945"),
            (fixed(7, 14), "Fête nationale"),
            (fixed(8, 15), "Assomption"),
            (fixed(11, 1), "Toussaint"),
            (fixed(11, 11), "Armistice 1918"),
            (fixed(12, 25), "Noël"),
        ];
        if let Some(easter) = easter_sunday(year) {
            let after = |n: u64| easter.checked_add_days(Days::new(n));
            out.push((after(1), "Lundi de Pâques"));
            out.push((after(39), "Ascension"));
            out.push((after(50), "Lundi de Pentecôte"));
            if self.alsace_moselle {
                out.push((easter.checked_sub_days(Days::new(2)), "Vendredi saint"));
            }
        }
        if self.alsace_moselle {
            out.push((fixed(12, 26), "Saint-Étienne"));
        }
        let mut days: Vec<(NaiveDate, &'static str)> = out
            .into_iter()
            .filter_map(|(d, n)| d.map(|d| (d, n)))
            .collect();
        days.sort_by_key(|(d, _)| *d);
        days
    }

    /// The holiday's name when `date` is a public holiday.
    pub fn holiday(&self, date: NaiveDate) -> Option<&'static str> {
        self.holidays(date.year())
            .into_iter()
            .find(|(d, _)| *d == date)
            .map(|(_, n)| n)
    }

    /// Monday to Friday and not a public holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && self.holiday(date).is_none()
    }

    /// `date` itself if it is a working day, else the next one.
    pub fn on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        // At most a long weekend plus a holiday in a row; bounded to stay total.
        for _ in 0..14 {
            if self.is_working_day(d) {
                return d;
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => return d,
            }
        }
        d
    }

    /// The `n`-th working day after `date` (not counting `date`): 3 working days after Friday 20/11/2026 is
    /// Wednesday 25/11/2026.
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut d = date;
        let mut left = n;
        while left > 0 {
            match d.succ_opt() {
                Some(next) => d = next,
                None => return d,
            }
            if self.is_working_day(d) {
                left = left.saturating_sub(1);
            }
        }
        d
    }

    /// The `n`-th working day before `date` (not counting `date`): 3 working days before Saturday 28/11/2026 is
    /// Wednesday 25/11/2026.
    pub fn working_days_before(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut d = date;
        let mut left = n;
        while left > 0 {
            match d.pred_opt() {
                Some(prev) => d = prev,
                None => return d,
            }
            if self.is_working_day(d) {
                left = left.saturating_sub(1);
            }
        }
        d
    }

    /// Working days strictly after `from` up to and including `to` (0 when `to` is not after `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .fold(0u32, |n, _| n.saturating_add(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn easter_dates() {
        for (year, date) in [
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter_sunday(year), Some(d(date)), "{year}");
        }
    }

    #[test]
    fn the_eleven_holidays_of_2026() {
        let days: Vec<String> = Calendar::france()
            .holidays(2026)
            .iter()
            .map(|(d, _)| d.to_string())
            .collect();
        assert_eq!(
            days,
            [
                "2026-01-01",
                "2026-04-06",
                "2026-05-01",
                "2026-05-08",
                "2026-05-14",
                "2026-05-25",
                "2026-07-14",
                "2026-08-15",
                "2026-11-01",
                "2026-11-11",
                "2026-12-25"
            ]
        );
        assert_eq!(
            Calendar::france().holiday(d("2026-05-14")),
            Some("Ascension")
        );
        assert_eq!(Calendar::with_alsace_moselle().holidays(2026).len(), 13);
    }

    #[test]
    fn working_days() {
        let cal = Calendar::france();
        // The scenario: M. Roche's invoice is due Friday 20/11/2026; three working days later is Wednesday 25/11.
        assert_eq!(cal.add_working_days(d("2026-11-20"), 3), d("2026-11-25"));
        // Wednesday 11/11/2026 (Armistice) is skipped: from Tuesday 10/11, one working day is Thursday 12/11.
        assert_eq!(cal.add_working_days(d("2026-11-10"), 1), d("2026-11-12"));
        // Christmas 2026 is a Friday: the next working day after Thursday 24/12 is Monday 28/12.
        assert_eq!(cal.add_working_days(d("2026-12-24"), 1), d("2026-12-28"));
        assert_eq!(cal.working_days_before(d("2026-11-28"), 3), d("2026-11-25"));
        assert_eq!(cal.working_days_before(d("2026-11-12"), 1), d("2026-11-10"));
        assert_eq!(cal.on_or_after(d("2026-11-22")), d("2026-11-23"));
        assert_eq!(cal.on_or_after(d("2026-11-23")), d("2026-11-23"));
        assert_eq!(
            cal.working_days_between(d("2026-11-20"), d("2026-11-25")),
            3
        );
        assert_eq!(
            cal.working_days_between(d("2026-11-25"), d("2026-11-20")),
            0
        );
        assert!(!cal.is_working_day(d("2026-04-06")));
        assert!(cal.is_working_day(d("2026-04-07")));
    }
}
