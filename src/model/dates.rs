//! Source dates: ISO 8601 calendar dates at day, month or year precision, ordered in time.

use serde::Serialize;

/// English month names, January first (for reading dates written out in documents).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A source's date: `2023-05-20`, `2023-05` or `2023`. A coarser date sorts before the finer
/// ones it contains (`2023` < `2023-01` < `2023-01-01`), so ordering is total and stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    /// Year (four digits).
    pub year: u16,
    /// Month 1–12, or 0 when only the year is known.
    pub month: u8,
    /// Day 1–31, or 0 when only the year or month is known.
    pub day: u8,
}

impl Date {
    /// Parses an ISO 8601 calendar date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), checking that the
    /// month and day exist; `None` for anything else.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let year = number(parts.next()?, 4)?;
        // A part that is present must be a real month or day; an absent one is 0.
        let month = match parts.next() {
            Some(part) => number(part, 2).filter(|m| (1..=12).contains(m))?,
            None => 0,
        };
        let day = match parts.next() {
            Some(part) => {
                number(part, 2).filter(|d| (1..=days_in_month(year, month)).contains(d))?
            }
            None => 0,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Date {
            year: u16::try_from(year).ok()?,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }
}

impl Date {
    /// The last day of the period this date names (`2022` → `2022-12-31`, `2022-02` →
    /// `2022-02-28`): "as of 2022" means by the end of 2022.
    pub fn end_of_period(self) -> Date {
        let month = if self.month == 0 { 12 } else { self.month };
        let day = if self.day == 0 {
            days_in_month(u32::from(self.year), u32::from(month)) as u8
        } else {
            self.day
        };
        Date {
            year: self.year,
            month,
            day,
        }
    }
}

impl Date {
    /// The first day of the period this date names (`2022` → `2022-01-01`).
    pub fn start_of_period(self) -> Date {
        Date {
            year: self.year,
            month: self.month.max(1),
            day: self.day.max(1),
        }
    }

    /// The day before the period this date names starts (`2022-05-24` → `2022-05-23`,
    /// `2022` → `2021-12-31`); the year before year 0 stays in year 0.
    pub fn day_before(self) -> Date {
        let start = self.start_of_period();
        if start.day > 1 {
            return Date {
                day: start.day - 1,
                ..start
            };
        }
        let (year, month) = match start.month {
            1 => (start.year.saturating_sub(1), 12),
            month => (start.year, month - 1),
        };
        Date {
            year,
            month,
            day: 0,
        }
        .end_of_period()
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.month, self.day) {
            (0, _) => write!(f, "{:04}", self.year),
            (month, 0) => write!(f, "{:04}-{month:02}", self.year),
            (month, day) => write!(f, "{:04}-{month:02}-{day:02}", self.year),
        }
    }
}

/// Exactly `width` ASCII digits as a number.
fn number(text: &str, width: usize) -> Option<u32> {
    (text.len() == width && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        0 => 0,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_precisions_and_orders_them() {
        let day = Date::parse("2023-05-20").expect("day");
        let month = Date::parse("2023-05").expect("month");
        let year = Date::parse("2023").expect("year");
        assert!(year < month && month < day);
        assert!(Date::parse("2021-09-24").expect("2021") < year);
        assert_eq!(day.to_string(), "2023-05-20");
        assert_eq!(month.to_string(), "2023-05");
        assert_eq!(year.to_string(), "2023");
        assert_eq!(year.end_of_period().to_string(), "2023-12-31");
        let february = Date::parse("2024-02").expect("february");
        assert_eq!(february.end_of_period().to_string(), "2024-02-29");
        assert_eq!(day.end_of_period(), day);
        let before = |text: &str| Date::parse(text).map(|d| d.day_before().to_string());
        assert_eq!(before("2022-05-24").as_deref(), Some("2022-05-23"));
        assert_eq!(before("2024-03-01").as_deref(), Some("2024-02-29"));
        assert_eq!(before("2022").as_deref(), Some("2021-12-31"));
        assert_eq!(before("2022-01").as_deref(), Some("2021-12-31"));
        assert_eq!(year.start_of_period().to_string(), "2023-01-01");
    }

    #[test]
    fn refuses_what_is_not_a_calendar_date() {
        for bad in [
            "",
            "20 May 2023",
            "2023-5-20",
            "2023-13-01",
            "2023-02-29",
            "2023-04-31",
            "23-05-20",
            "2023-05-20-1",
            "2023-00-10",
            "2023-00",
            "2023-05-00",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
    }
}
