//! # ecole-numerique
//!
//! The rules of the Walloon *Ecole Numérique* call for projects, edition EN 2021 (the programme
//! through which the Service public de Wallonie equips schools), as a library: eligibility,
//! the 50-point grid, the dossier's stages with carry-over to the next edition, the procurement
//! waves and the next actions, each check explained in French, German or English with its
//! stable rule id and its source.
//!
//! The library never reads the clock: every evaluation takes an `as_of` civil date, and the
//! same request gives the same report on any machine, any day.
//!
//! ```
//! use ecole_numerique::{evaluate_json, CampaignReport};
//!
//! let request = r#"{
//!   "edition": "EN2021",
//!   "as_of": "2022-03-01",
//!   "lang": "en",
//!   "establishments": [{
//!     "fase": 1001, "name": "Ecole communale de Namur",
//!     "offers": [{"level": "primaire", "kind": "ordinaire"}],
//!     "implantations": [{"fase": 1002, "region": "wallonia"}],
//!     "laureate_years": []
//!   }],
//!   "dossiers": [{
//!     "id": "NA-1", "establishment": 1001,
//!     "declared_on": "2021-10-12", "first_contact_on": "2021-10-20",
//!     "survey": {"referent": "Mme Dubois", "connectivity_assessed": true,
//!                "infrastructure_assessed": true, "bandwidth_sufficient": true,
//!                "completed_on": "2021-11-15"},
//!     "space_opened_on": "2021-11-20",
//!     "equipment": [{"item": "tablet-android", "quantity": 24}, {"item": "interactive-board", "quantity": 1}],
//!     "cen_approved_on": "2022-01-10", "expert_approved_on": "2022-01-12",
//!     "signed_on": "2022-01-20", "signed_by": ["direction"]
//!   }]
//! }"#;
//! let report: CampaignReport = serde_json::from_str(&evaluate_json(request)?).unwrap();
//! let dossier = &report.dossiers[0];
//! assert_eq!(dossier.stage.as_str(), "confirmed");
//! assert_eq!((dossier.points.total, dossier.points.remaining), (36, 14));
//! assert!(dossier.checks.iter().all(|c| c.passed));
//! # Ok::<(), ecole_numerique::Error>(())
//! ```
//!
//! Modules follow the SPEC: [`edition`] (§3), [`eligibility`] (§4), [`grid`] (§5),
//! [`dossier`] (§6), [`waves`] (§7), [`messages`] (§8), [`campaign`] (§9).

#![forbid(unsafe_code)]

#[macro_use]
mod names;
pub mod campaign;
pub mod dates;
pub mod dossier;
pub mod edition;
pub mod eligibility;
mod engine;
pub mod error;
pub mod grid;
mod json;
pub mod messages;
pub mod rules;
pub mod sample;
mod text;
pub mod waves;

pub use campaign::{
    evaluate, evaluate_dossier, evaluate_json, CampaignReport, CampaignRequest, Check, Delivery, Dossier,
    DossierReport, DossierRequest, EditionRef, EquipmentLine, Establishment, Evaluation, Fase, Implantation,
    NextAction, OrderLine, Points, PointsLine, Reception, Signer, SingleReport, Stage, Survey, Wave,
    WavePlan,
};
pub use edition::{Edition, Grid, GridLine, Kind, Level, Offer, Provenance, Region, Registry, Window};
pub use error::{Error, ErrorKind, UnknownName};
pub use messages::Lang;
pub use rules::Rule;
pub use text::Text;

/// The version of this library, as written in every report.
pub const LIBRARY_VERSION: &str = env!("CARGO_PKG_VERSION");
