//! Civil dates: chrono's `NaiveDate` crosses the FFI as `YYYY-MM-DD` text and is
//! `java.time.LocalDate` in Kotlin (see `uniffi.toml`).

use chrono::NaiveDate;

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |date| date.format("%Y-%m-%d").to_string(),
    try_lift: |text| Ok(NaiveDate::parse_from_str(&text, "%Y-%m-%d")?),
});

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
}
