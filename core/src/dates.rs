//! Civil dates (SPEC §2): `YYYY-MM-DD` in and out, instants turned into the Brussels civil date,
//! and calendar-year arithmetic for commitment end dates.

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone};
use chrono_tz::Europe::Brussels;

/// The civil date in `Europe/Brussels` of an instant (SPEC §2: "an instant is first converted
/// to its Brussels civil date; only then is it compared").
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use ecole_numerique::dates::brussels_date;
/// // 23:30 UTC on 17 December 2021 is already 18 December in Brussels (UTC+1 in winter).
/// let instant = Utc.with_ymd_and_hms(2021, 12, 17, 23, 30, 0).unwrap();
/// assert_eq!(brussels_date(&instant).to_string(), "2021-12-18");
/// ```
///
/// Within hours of chrono's last instant, the Brussels day is beyond chrono's last date (Brussels
/// is always ahead of UTC, so only the last instants can overflow): it is given as
/// [`NaiveDate::MAX`], which no request can hold (it cannot be written `YYYY-MM-DD`), so the
/// request that gets it is refused with a typed error, never a panic.
pub fn brussels_date<Tz: TimeZone>(instant: &DateTime<Tz>) -> NaiveDate {
    checked_brussels_date(instant).unwrap_or(NaiveDate::MAX)
}

/// [`brussels_date`], or `None` when the Brussels day is beyond chrono's dates (within hours
/// of chrono's first or last instant).
///
/// ```
/// use chrono::{DateTime, Utc};
/// use ecole_numerique::dates::checked_brussels_date;
/// assert_eq!(checked_brussels_date(&DateTime::<Utc>::MAX_UTC), None);
/// assert!(checked_brussels_date(&DateTime::<Utc>::UNIX_EPOCH).is_some());
/// ```
pub fn checked_brussels_date<Tz: TimeZone>(instant: &DateTime<Tz>) -> Option<NaiveDate> {
    let utc = instant.naive_utc();
    let offset = Brussels.offset_from_utc_datetime(&utc).fix();
    utc.checked_add_offset(offset).map(|local| local.date())
}

/// Adds whole calendar years; 29 February goes to 28 February in a common year (SPEC §2).
///
/// ```
/// use chrono::NaiveDate;
/// use ecole_numerique::dates::add_years;
/// let leap = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
/// assert_eq!(add_years(leap, 3), NaiveDate::from_ymd_opt(2027, 2, 28));
/// ```
pub fn add_years(date: NaiveDate, years: u32) -> Option<NaiveDate> {
    let year = date.year().checked_add(i32::try_from(years).ok()?)?;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), date.day() - 1))
}

/// Parses a civil date written exactly `YYYY-MM-DD`; anything else, or a date that does not
/// exist (`2021-02-29`), is refused with a message for a person.
///
/// ```
/// use ecole_numerique::dates::parse_date;
/// assert!(parse_date("2024-02-29").is_ok());
/// assert!(parse_date("2021-02-29").is_err());
/// assert!(parse_date("2021-2-1").is_err());
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(format!("`{text}` is not a date written YYYY-MM-DD"));
    }
    let num =
        |r: std::ops::Range<usize>| -> u32 { b[r].iter().fold(0, |acc, c| acc * 10 + u32::from(c - b'0')) };
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| format!("`{text}` is not a real date"))
}

/// Whether a request can write `date` as `YYYY-MM-DD` (years 0 to 9999). A typed request
/// (Rust, or a binding's records) can hold other dates; it is refused as the same request
/// written in JSON would be, so that every API gives one result.
pub(crate) fn writable(date: NaiveDate) -> bool {
    // A negative year is beyond 9999 as an unsigned number.
    (date.year() as u32) <= 9999
}

/// Why `date` is refused where [`writable`] is false.
pub(crate) fn unwritable_detail(date: NaiveDate, whose: &str) -> String {
    format!("the date {date} cannot be written YYYY-MM-DD (years 0 to 9999), as {whose} dates are")
}

/// The refusal of a date a request cannot write, at `path`.
pub(crate) fn unwritable(path: impl Into<String>, date: NaiveDate) -> crate::Error {
    crate::Error::InvalidRequest { path: path.into(), detail: unwritable_detail(date, "a request's") }
}

/// Writes a civil date as `YYYY-MM-DD`.
pub fn format_date(date: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    crate::messages::push_date(&mut out, date);
    out
}

/// The text `YYYY-MM-DD` of a date of the years 0 to 9999 (any date a request can write), made
/// without a format string; `None` for other years, which [`chrono`]'s `%Y` writes with a sign.
pub(crate) fn civil_text(date: NaiveDate) -> Option<[u8; 10]> {
    if !writable(date) {
        return None;
    }
    let (y, m, d) = (date.year() as u32, date.month(), date.day());
    let digit = |n: u32| b'0' + (n % 10) as u8;
    Some([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ])
}

/// serde helpers: `#[serde(with = "crate::dates::civil")]`.
pub(crate) mod civil {
    use chrono::NaiveDate;
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        match super::civil_text(*date) {
            Some(text) => s.serialize_str(std::str::from_utf8(&text).map_err(serde::ser::Error::custom)?),
            None => s.collect_str(&date.format("%Y-%m-%d")),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_date(&text).map_err(de::Error::custom)
    }
}

/// serde helpers for optional dates; `null` reads as absent.
pub(crate) mod civil_opt {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => super::civil::serialize(date, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "super::civil")] NaiveDate);
        Ok(Option::<Wrap>::deserialize(d)?.map(|Wrap(date)| date))
    }
}

/// A date the library computes (a commitment's end and the action due then): written as
/// [`civil_opt`] writes it, read back whatever its year. A commitment that ends after the year
/// 9999 is written with chrono's sign (`+10002-12-30`, as `%Y` writes such a year), which a
/// request's strict `YYYY-MM-DD` refuses; a report must still read back what it wrote.
pub(crate) mod computed_opt {
    use chrono::NaiveDate;
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        super::civil_opt::serialize(date, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let Some(text) = Option::<std::borrow::Cow<'de, str>>::deserialize(d)? else {
            return Ok(None);
        };
        if !text.starts_with(['+', '-']) {
            return super::parse_date(&text).map(Some).map_err(de::Error::custom);
        }
        // Only a year that `YYYY` cannot write takes a sign: one text per date.
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(date) if !super::writable(date) => Ok(Some(date)),
            _ => Err(de::Error::custom(format!("`{text}` is not a date written YYYY-MM-DD or ±YYYYY-MM-DD"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn add_years_keeps_the_day_or_falls_back_to_28_february() {
        assert_eq!(add_years(d(2022, 3, 15), 3), Some(d(2025, 3, 15)));
        assert_eq!(add_years(d(2024, 2, 29), 3), Some(d(2027, 2, 28)));
        assert_eq!(add_years(d(2024, 2, 29), 4), Some(d(2028, 2, 29)));
        assert_eq!(add_years(d(2021, 12, 31), 3), Some(d(2024, 12, 31)));
    }

    #[test]
    fn civil_text_is_what_chrono_writes() {
        for date in [d(2021, 10, 1), d(0, 1, 1), d(9999, 12, 31), d(1999, 2, 28), d(2024, 2, 29)] {
            let text = civil_text(date).unwrap();
            assert_eq!(std::str::from_utf8(&text).unwrap(), date.format("%Y-%m-%d").to_string());
            assert_eq!(parse_date(std::str::from_utf8(&text).unwrap()), Ok(date));
        }
        assert_eq!(civil_text(d(10000, 1, 1)), None);
        assert_eq!(civil_text(d(-1, 1, 1)), None);
        let json = serde_json::to_string(&[d(2021, 10, 1), d(10000, 1, 1)].map(Wrap)).unwrap();
        assert_eq!(json, r#"["2021-10-01","+10000-01-01"]"#);

        #[derive(serde::Serialize)]
        struct Wrap(#[serde(with = "civil")] NaiveDate);
    }

    #[test]
    fn a_computed_date_beyond_9999_reads_back() {
        #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
        struct Wrap(#[serde(with = "computed_opt")] Option<NaiveDate>);
        for date in [Some(d(10002, 12, 30)), Some(d(2025, 4, 8)), Some(d(-1, 1, 1)), None] {
            let json = serde_json::to_string(&Wrap(date)).unwrap();
            assert_eq!(serde_json::from_str::<Wrap>(&json).unwrap(), Wrap(date), "{json}");
        }
        assert_eq!(serde_json::to_string(&Wrap(Some(d(10002, 12, 30)))).unwrap(), r#""+10002-12-30""#);
        for bad in [r#""+2022-01-01""#, r#""10002-12-30""#, r#""+10002-13-01""#, r#""2022-1-1""#] {
            assert!(serde_json::from_str::<Wrap>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parse_date_is_strict() {
        assert_eq!(parse_date("2021-10-01"), Ok(d(2021, 10, 1)));
        for bad in ["2021-13-01", "2021-02-30", "21-10-01", "2021/10/01", "2021-10-01T00:00", ""] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn brussels_date_of_chronos_last_instants_is_the_last_date_not_a_panic() {
        let last = chrono::DateTime::<chrono::Utc>::MAX_UTC;
        assert_eq!(brussels_date(&last), NaiveDate::MAX);
        assert_eq!(brussels_date(&(last - chrono::Duration::hours(1))), NaiveDate::MAX);
        assert_eq!(brussels_date(&chrono::DateTime::<chrono::Utc>::MIN_UTC), NaiveDate::MIN);
        let mut request =
            crate::CampaignRequest::from_json(r#"{"edition": "EN2021", "as_of": "2022-01-01"}"#).unwrap();
        request.set_as_of_instant(&last);
        let err = crate::evaluate(&request).unwrap_err();
        assert_eq!(err.path(), "as_of");
    }

    #[test]
    fn brussels_date_follows_summer_time() {
        use chrono::Utc;
        // 22:30 UTC on 31 May 2022 is 00:30 on 1 June in Brussels (UTC+2 in summer).
        let late = Utc.with_ymd_and_hms(2022, 5, 31, 22, 30, 0).unwrap();
        assert_eq!(brussels_date(&late), d(2022, 6, 1));
        let early = Utc.with_ymd_and_hms(2022, 5, 31, 21, 59, 59).unwrap();
        assert_eq!(brussels_date(&early), d(2022, 5, 31));
    }
}
