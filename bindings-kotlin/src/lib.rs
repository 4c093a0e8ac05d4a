//! # ecole-numerique-kotlin
//!
//! The whole of [`ecole_numerique`] for Kotlin (the advisers' Android app, JVM tools) through
//! uniffi: records for the campaign document of SPEC §9, enums for levels, kinds, stages and
//! signers, `java.time.LocalDate` for civil dates, and the exception family
//! `EcoleNumeriqueException` for core's typed errors. Conversion only: every rule, value and
//! message comes from core.
//!
//! The Kotlin (package `be.ecolenumerique`) is generated from the built library by the in-repo
//! `uniffi-bindgen`; see `bindings-kotlin/README.md`.
//!
//! ```
//! use ecole_numerique_uniffi::{evaluate_json, EcoleNumeriqueError};
//! let err = evaluate_json(r#"{"edition": "EN1999", "as_of": "2022-01-01"}"#.into()).unwrap_err();
//! assert!(matches!(err, EcoleNumeriqueError::UnknownEdition { ref path, .. } if path == "edition"));
//! ```

uniffi::setup_scaffolding!();

mod dates;
mod edition;
mod error;
mod report;
mod request;

pub use dates::brussels_date;
pub use edition::{
    builtin_edition, builtin_edition_ids, edition_from_json, Edition, Grid, GridLine, Kind, Level, Offer,
    Provenance, Region, Window,
};
pub use error::{EcoleNumeriqueError, Result};
pub use report::{
    CampaignReport, Check, DossierReport, NextAction, OrderLine, Points, PointsLine, SingleReport, Stage,
    WavePlan,
};
pub use request::{
    CampaignRequest, Delivery, Dossier, DossierRequest, EditionRef, EquipmentLine, Establishment, Evaluation,
    Implantation, Lang, Reception, Signer, Survey, Wave,
};

use ecole_numerique as core;
use error::guard;

/// Reads a JSON campaign request, evaluates it and returns the JSON report (SPEC §9): the
/// function every language shares.
#[uniffi::export]
pub fn evaluate_json(request: String) -> Result<String> {
    guard(|| Ok(core::evaluate_json(&request)?))
}

/// Evaluates a typed campaign request. Values core cannot take (a negative grid maximum, a date
/// after year 9999) throw `InvalidRequest` / `InvalidEdition` with their path, like the JSON
/// reader.
#[uniffi::export]
pub fn evaluate(request: CampaignRequest) -> Result<CampaignReport> {
    guard(|| {
        let request = core::CampaignRequest::try_from(request)?;
        Ok(CampaignReport::from(core::evaluate(&request)?))
    })
}

/// The adviser's view: evaluates one dossier of one establishment (no waves, so the `ordered`
/// stage is skipped).
#[uniffi::export]
pub fn evaluate_dossier(request: DossierRequest) -> Result<SingleReport> {
    guard(|| {
        let request = core::DossierRequest::try_from(request)?;
        Ok(SingleReport::from(core::evaluate_dossier(&request)?))
    })
}

/// Reads a JSON campaign request into the typed records, with the same errors as
/// `evaluateJson` gives for an unreadable request.
#[uniffi::export]
pub fn parse_request(json: String) -> Result<CampaignRequest> {
    guard(|| Ok(CampaignRequest::from(core::CampaignRequest::from_json(&json)?)))
}

/// Reads a JSON campaign report (as `evaluateJson` writes it) into the typed records.
#[uniffi::export]
pub fn parse_report(json: String) -> Result<CampaignReport> {
    guard(|| {
        let report: core::CampaignReport =
            serde_json::from_str(&json).map_err(|e| EcoleNumeriqueError::request("", e.to_string()))?;
        Ok(CampaignReport::from(report))
    })
}

/// The version of the Rust library, as written in every report.
#[uniffi::export]
pub fn library_version() -> String {
    core::LIBRARY_VERSION.to_string()
}

/// Panics inside Rust on purpose. It exists so that a test (or an app's own start-up check)
/// can see a panic arrive as `EcoleNumeriqueException.Internal` while the JVM goes on.
#[uniffi::export]
pub fn panic_for_tests(detail: String) -> Result<()> {
    guard(|| panic!("{detail}"))
}

#[uniffi::export]
impl CampaignRequest {
    /// The request as a JSON document, the shape `evaluateJson` and `parseRequest` read.
    pub fn to_json(&self) -> Result<String> {
        guard(|| {
            let request = core::CampaignRequest::try_from(self.clone())?;
            serde_json::to_string(&request).map_err(|e| EcoleNumeriqueError::request("", e.to_string()))
        })
    }
}

#[uniffi::export]
impl CampaignReport {
    /// The report as JSON, exactly as `evaluateJson` writes it.
    pub fn to_json(&self) -> Result<String> {
        guard(|| Ok(core::CampaignReport::try_from(self.clone())?.to_json()?))
    }
}

#[uniffi::export]
impl SingleReport {
    /// The single-dossier report as JSON (the dossier's fields and `fingerprint`).
    pub fn to_json(&self) -> Result<String> {
        guard(|| {
            let report = core::SingleReport::try_from(self.clone())?;
            serde_json::to_string(&report).map_err(|e| EcoleNumeriqueError::request("", e.to_string()))
        })
    }
}
