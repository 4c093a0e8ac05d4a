//! Civil dates: chrono's `NaiveDate` crosses the FFI as `YYYY-MM-DD` text and is
//! `java.time.LocalDate` in Kotlin (see `uniffi.toml`).

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate};

use crate::error::{guard, EcoleNumeriqueError, Result};

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |date| date.format("%Y-%m-%d").to_string(),
    try_lift: |text| lift(&text).map_err(Into::into),
});

/// Reads the text `LocalDate.toString()` wrote. A `LocalDate` beyond chrono's range (years
/// -262143 to 262142) is refused as an invalid request: uniffi hands this error, as it is, to
/// the function being called, so Kotlin sees `EcoleNumeriqueException.InvalidRequest`. Which
/// field held it is not known at this point, so the path is empty and the detail names the date.
fn lift(text: &str) -> Result<NaiveDate, EcoleNumeriqueError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| EcoleNumeriqueError::request("", format!("the date `{text}` cannot be used: {e}")))
}

/// The civil date in `Europe/Brussels` of an instant (SPEC §2), as core computes it: the
/// typed API's way to take instants. In Kotlin, `brusselsDate(instant: java.time.Instant)`.
#[uniffi::export]
pub fn brussels_date(instant: SystemTime) -> Result<NaiveDate> {
    guard(|| {
        let (secs, nanos) = match instant.duration_since(UNIX_EPOCH) {
            Ok(after) => (i64::try_from(after.as_secs()).ok(), after.subsec_nanos()),
            Err(before) => {
                let d = before.duration();
                // Whole seconds before the epoch, then the nanoseconds forward from there.
                let (s, n) = (d.as_secs(), d.subsec_nanos());
                let secs = i64::try_from(s).ok().map(|s| if n > 0 { -s - 1 } else { -s });
                (secs, if n > 0 { 1_000_000_000 - n } else { 0 })
            }
        };
        let utc = secs.and_then(|s| DateTime::from_timestamp(s, nanos)).ok_or_else(|| {
            EcoleNumeriqueError::request("", "the instant is out of the range of civil dates")
        })?;
        ecole_numerique::dates::checked_brussels_date(&utc).ok_or_else(|| {
            EcoleNumeriqueError::request(
                "",
                "the instant's day in Brussels is out of the range of civil dates",
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    #[test]
    fn dates_are_written_as_java_time_reads_them() {
        // java.time.LocalDate.parse reads ISO dates with four-digit years.
        let leap = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(leap.format("%Y-%m-%d").to_string(), "2024-02-29");
        assert_eq!(
            NaiveDate::parse_from_str("2021-12-31", "%Y-%m-%d").ok(),
            NaiveDate::from_ymd_opt(2021, 12, 31)
        );
        assert!(NaiveDate::parse_from_str("2021-02-29", "%Y-%m-%d").is_err());
    }

    #[test]
    fn instants_take_their_brussels_date() {
        use std::time::Duration;
        let at = |secs: i64| {
            if secs >= 0 {
                super::UNIX_EPOCH + Duration::from_secs(secs as u64)
            } else {
                super::UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs())
            }
        };
        // 2021-12-17T23:30:00Z is 18 December in Brussels (UTC+1).
        assert_eq!(super::brussels_date(at(1_639_783_800)).unwrap().to_string(), "2021-12-18");
        // 1969-12-31T23:30:00Z is 1 January 1970 in Brussels.
        assert_eq!(super::brussels_date(at(-1_800)).unwrap().to_string(), "1970-01-01");
        assert_eq!(
            super::brussels_date(at(-1_800) - Duration::from_nanos(1)).unwrap().to_string(),
            "1970-01-01"
        );
        // Chrono's last instant is in range, its Brussels day is not: refused, not saturated.
        let last = chrono::DateTime::<chrono::Utc>::MAX_UTC.timestamp();
        assert!(super::brussels_date(at(last)).is_err());
        assert!(super::brussels_date(at(last - 86_400)).is_ok());
    }

    #[test]
    fn a_date_beyond_chrono_is_an_invalid_request() {
        let err = super::lift("+300000-01-01").unwrap_err();
        assert!(
            matches!(err, crate::EcoleNumeriqueError::InvalidRequest { ref path, .. } if path.is_empty())
        );
    }
}
