//! Civil dates: chrono's `NaiveDate` crosses the FFI as `YYYY-MM-DD` text and is
//! `java.time.LocalDate` in Kotlin (see `uniffi.toml`).

use chrono::NaiveDate;

use crate::error::EcoleNumeriqueError;

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
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        EcoleNumeriqueError::request("", format!("the date `{text}` cannot be used: {e}"))
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
    fn a_date_beyond_chrono_is_an_invalid_request() {
        let err = super::lift("+300000-01-01").unwrap_err();
        assert!(
            matches!(err, crate::EcoleNumeriqueError::InvalidRequest { ref path, .. } if path.is_empty())
        );
    }
}
