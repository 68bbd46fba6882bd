use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date (proleptic Gregorian), ordered, printed as ISO 8601 `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("not an ISO 8601 date (YYYY-MM-DD): {0:?}")]
pub struct DateError(pub String);

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        let d = Date { year, month, day };
        if (1..=12).contains(&month) && day >= 1 && day <= d.days_in_month() {
            Ok(d)
        } else {
            Err(DateError(format!("{year:04}-{month:02}-{day:02}")))
        }
    }

    fn days_in_month(&self) -> u8 {
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0 => 29,
            _ => 28,
        }
    }

    /// Parses `YYYY-MM-DD`, also the date part of a timestamp (`2025-03-14 20:30:26Z`,
    /// `2025-03-14T20:30:26Z`), `YYYYMMDD` (PETRARCH) and `YYYY-MM` / `YYYY` (first day).
    pub fn parse_lenient(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        let err = || DateError(s.to_string());
        let head: &str = s.split(['T', ' ']).next().unwrap_or("");
        let num = |p: &str| p.parse::<u32>().map_err(|_| err());
        if head.len() == 8 && head.bytes().all(|b| b.is_ascii_digit()) {
            return Date::new(
                num(&head[..4])? as i32,
                num(&head[4..6])? as u8,
                num(&head[6..])? as u8,
            )
            .map_err(|_| err());
        }
        let parts: Vec<&str> = head.split('-').collect();
        let ok_len = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [y] if ok_len(y, 4) => Date::new(num(y)? as i32, 1, 1),
            [y, m] if ok_len(y, 4) && ok_len(m, 2) => Date::new(num(y)? as i32, num(m)? as u8, 1),
            [y, m, d] if ok_len(y, 4) && ok_len(m, 2) && ok_len(d, 2) => {
                Date::new(num(y)? as i32, num(m)? as u8, num(d)? as u8)
            }
            _ => Err(err()),
        }
        .map_err(|_| err())
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse_lenient(s)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_lenient(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_news_feeds_use() {
        assert_eq!(
            "2022-03-20".parse::<Date>().unwrap(),
            Date::new(2022, 3, 20).unwrap()
        );
        assert_eq!(
            "2025-03-14 20:30:26Z".parse::<Date>().unwrap().to_string(),
            "2025-03-14"
        );
        assert_eq!(
            "20140108".parse::<Date>().unwrap().to_string(),
            "2014-01-08"
        );
        assert_eq!("2019-05".parse::<Date>().unwrap().to_string(), "2019-05-01");
        assert!("2022-02-30".parse::<Date>().is_err());
        assert!("yesterday".parse::<Date>().is_err());
        assert!(Date::new(2019, 5, 20).unwrap() < Date::new(2022, 3, 20).unwrap());
    }
}
