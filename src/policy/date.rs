//! The calendar date an exception expires on, and today's, compared by
//! day. The calendar itself is `jiff`'s; this only says which dates a
//! config may write (years 1970 to 9999) and how.

use jiff::civil;

/// A calendar date from 1970 to 9999, for exception expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(civil::Date);

impl Date {
    /// `year-month-day` in decimal (`2027-06-30`; `2027-6-30` too), or
    /// `None` when it is not a day of the calendar from 1970 to 9999.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        Date::from_ymd(year.into(), month.into(), day.into())
    }

    /// The date of this year, month and day, if it is one from 1970 to 9999.
    pub fn from_ymd(year: i64, month: i64, day: i64) -> Option<Date> {
        if !(1970..=9999).contains(&year) {
            return None;
        }
        let date = civil::Date::new(
            i16::try_from(year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
        );
        date.ok().map(Date)
    }

    /// Today in UTC, from the system clock (1970-01-01 if the clock is
    /// set before it).
    pub fn today() -> Date {
        let now = std::time::SystemTime::now();
        Date::on(jiff::Timestamp::try_from(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH))
    }

    /// The day `at` falls on in UTC.
    fn on(at: jiff::Timestamp) -> Date {
        Date(jiff::tz::Offset::UTC.to_datetime(at).date())
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `jiff` writes years 0 to 9999 with four digits: `2027-06-30`.
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_compare() {
        let day = |n: i64| Date::on(jiff::Timestamp::from_second(n * 86_400).unwrap());
        assert_eq!(day(0).to_string(), "1970-01-01");
        assert_eq!(day(20_000).to_string(), "2024-10-04");
        assert!(Date::parse("2024-02-30").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("soon").is_none());
        assert!(Date::parse("2026-01-31").unwrap() < Date::parse("2026-02-01").unwrap());
    }

    #[test]
    fn what_a_config_may_write() {
        for (text, want) in [
            ("2027-06-30", Some("2027-06-30")),
            (" 2027-6-3 ", Some("2027-06-03")),
            ("2000-02-29", Some("2000-02-29")),
            ("1900-02-28", None),
            ("2100-02-29", None),
            ("1969-12-31", None),
            ("1970-01-01", Some("1970-01-01")),
            ("9999-12-31", Some("9999-12-31")),
            ("10000-01-01", None),
            ("2027-00-10", None),
            ("2027-04-31", None),
            ("2027-04-00", None),
            ("2027-06", None),
            ("2027-06-30T00:00", None),
            ("2027/06/30", None),
            ("", None),
        ] {
            assert_eq!(
                Date::parse(text).map(|d| d.to_string()).as_deref(),
                want,
                "{text:?}"
            );
        }
    }
}
