//! Editions (SPEC §3) as uniffi records: the built-in EN 2021 and edition documents, with
//! their key dates and grid lines. Conversion only: the values come from core.

use std::collections::HashMap;

use chrono::NaiveDate;
use ecole_numerique as core;

use crate::error::{guard, join, EcoleNumeriqueError, Result};

/// Level of teaching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Level {
    /// Enseignement maternel (nursery).
    Maternel,
    /// Enseignement primaire.
    Primaire,
    /// Enseignement secondaire.
    Secondaire,
    /// Enseignement supérieur.
    Superieur,
}

/// Kind of teaching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Kind {
    /// Enseignement ordinaire.
    Ordinaire,
    /// Enseignement spécialisé.
    Specialise,
    /// Enseignement de promotion sociale.
    PromotionSociale,
}

/// Region of an implantation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Region {
    /// Wallonia.
    Wallonia,
    /// Brussels-Capital.
    Brussels,
    /// Flanders.
    Flanders,
    /// Anywhere else.
    Other,
}

/// Where a value of an edition comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Provenance {
    /// Written in the source document (the seed).
    Seed,
    /// Not in the source: chosen until SPW publishes the official value.
    Assumed,
}

/// Maps a binding enum and core's enum of the same name onto each other, variant for variant.
macro_rules! mirror_enum {
    ($ours:ident <=> $theirs:path { $($v:ident),* $(,)? }) => {
        impl From<$ours> for $theirs {
            fn from(v: $ours) -> Self {
                use $theirs as T;
                match v { $($ours::$v => T::$v),* }
            }
        }
        impl From<$theirs> for $ours {
            fn from(v: $theirs) -> Self {
                use $theirs as T;
                match v { $(T::$v => $ours::$v),* }
            }
        }
    };
}
pub(crate) use mirror_enum;

mirror_enum!(Level <=> core::Level { Maternel, Primaire, Secondaire, Superieur });
mirror_enum!(Kind <=> core::Kind { Ordinaire, Specialise, PromotionSociale });
mirror_enum!(Region <=> core::Region { Wallonia, Brussels, Flanders, Other });
mirror_enum!(Provenance <=> core::Provenance { Seed, Assumed });

/// A (level, kind) pair of teaching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Offer {
    /// The level.
    pub level: Level,
    /// The kind.
    pub kind: Kind,
}

impl From<Offer> for core::Offer {
    fn from(o: Offer) -> Self {
        core::Offer { level: o.level.into(), kind: o.kind.into() }
    }
}

impl From<core::Offer> for Offer {
    fn from(o: core::Offer) -> Self {
        Offer { level: o.level.into(), kind: o.kind.into() }
    }
}

/// The declaration window, inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Window {
    /// First day a declaration is accepted.
    pub opens: NaiveDate,
    /// Last day a declaration is accepted.
    pub closes: NaiveDate,
}

/// One line of the points grid.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GridLine {
    /// The item id named by dossiers (`tablet-android`).
    pub id: String,
    /// The category of equipment.
    pub category: String,
    /// The framework-contract lot it is bought under.
    pub lot: String,
    /// Points per unit, or the maximum of a rated line (0 to 4294967295).
    pub points: i64,
    /// A rated line: the quantity is the points awarded.
    #[uniffi(default)]
    pub rated: bool,
    /// Where the value comes from.
    #[uniffi(default)]
    pub provenance: Option<Provenance>,
}

/// The points grid of an edition.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Grid {
    /// Maximum points per project (0 to 4294967295; an edition needs at least 1).
    pub max_points: i64,
    /// The lines.
    pub lines: Vec<GridLine>,
}

/// One yearly call for projects (SPEC §3). Get the built-in one with `builtinEdition("EN2021")`
/// or read a document with `editionFromJson`; its key dates are `declaration`,
/// `dossierDeadline` and `lastDayToConfirm()`, its lines `grid.lines`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Edition {
    /// Identifier, e.g. `EN2021`.
    pub id: String,
    /// Year of the call.
    pub year: i32,
    /// A pilot edition.
    #[uniffi(default)]
    pub pilot: bool,
    /// The edition that takes carried-over dossiers.
    #[uniffi(default)]
    pub next: Option<String>,
    /// The declaration window.
    pub declaration: Window,
    /// The dossier deadline.
    pub dossier_deadline: NaiveDate,
    /// Whether the deadline day itself is still in time.
    #[uniffi(default = true)]
    pub deadline_inclusive: bool,
    /// Establishments laureate in one of these years are not eligible.
    #[uniffi(default)]
    pub excluded_laureate_years: Vec<i32>,
    /// Projects allowed per establishment and edition (0 to 4294967295; at least 1 is valid).
    pub max_projects_per_establishment: i64,
    /// Eligible (level, kind) pairs.
    #[uniffi(default)]
    pub eligible_offers: Vec<Offer>,
    /// Regions an implantation must lie in.
    #[uniffi(default)]
    pub regions: Vec<Region>,
    /// The points grid.
    pub grid: Grid,
    /// Years of use after the reception (0 to 4294967295; at least 1 is valid).
    pub commitment_years: i64,
    /// Provenance per value, by field name.
    #[uniffi(default)]
    pub provenance: HashMap<String, Provenance>,
    /// Citation of the source per value, by field name.
    #[uniffi(default)]
    pub sources: HashMap<String, String>,
}

/// A count of core's (`u32`) given as a Kotlin `Long`: out of range is an invalid edition.
fn count(value: i64, path: &str) -> Result<u32> {
    u32::try_from(value).map_err(|_| {
        EcoleNumeriqueError::edition(
            path,
            format!("`{value}` is out of range: expected a whole number from 0 to {}", u32::MAX),
        )
    })
}

impl Edition {
    /// Converts to core's edition; errors are [`EcoleNumeriqueError::InvalidEdition`] under
    /// `place` (`edition`, `editions[1]`, or empty for an edition on its own). Core validates
    /// the result where it uses it.
    pub(crate) fn into_core(self, place: &str) -> Result<core::Edition> {
        let at = |field: &str| join(place, field);
        let lines = self
            .grid
            .lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                Ok(core::GridLine {
                    points: count(l.points, &at(&format!("grid.lines[{i}].points")))?,
                    id: l.id.into(),
                    category: l.category,
                    lot: l.lot.into(),
                    rated: l.rated,
                    provenance: l.provenance.map(Into::into),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(core::Edition {
            id: self.id,
            year: self.year,
            pilot: self.pilot,
            next: self.next,
            declaration: core::Window { opens: self.declaration.opens, closes: self.declaration.closes },
            dossier_deadline: self.dossier_deadline,
            deadline_inclusive: self.deadline_inclusive,
            excluded_laureate_years: self.excluded_laureate_years,
            max_projects_per_establishment: count(
                self.max_projects_per_establishment,
                &at("max_projects_per_establishment"),
            )?,
            eligible_offers: self.eligible_offers.into_iter().map(Into::into).collect(),
            regions: self.regions.into_iter().map(Into::into).collect(),
            grid: core::Grid::new(count(self.grid.max_points, &at("grid.max_points"))?, lines),
            commitment_years: count(self.commitment_years, &at("commitment_years"))?,
            provenance: self.provenance.into_iter().map(|(k, v)| (k, v.into())).collect(),
            sources: self.sources.into_iter().collect(),
        })
    }

    /// Converts and validates (SPEC §3), for the methods below.
    fn validated(&self) -> Result<core::Edition> {
        Ok(self.clone().into_core("")?.validated()?)
    }
}

impl From<core::Edition> for Edition {
    fn from(e: core::Edition) -> Self {
        Edition {
            id: e.id,
            year: e.year,
            pilot: e.pilot,
            next: e.next,
            declaration: Window { opens: e.declaration.opens, closes: e.declaration.closes },
            dossier_deadline: e.dossier_deadline,
            deadline_inclusive: e.deadline_inclusive,
            excluded_laureate_years: e.excluded_laureate_years,
            max_projects_per_establishment: e.max_projects_per_establishment.into(),
            eligible_offers: e.eligible_offers.into_iter().map(Into::into).collect(),
            regions: e.regions.into_iter().map(Into::into).collect(),
            grid: Grid {
                max_points: e.grid.max_points.into(),
                lines: e
                    .grid
                    .lines
                    .into_iter()
                    .map(|l| GridLine {
                        id: l.id.to_string(),
                        category: l.category,
                        lot: l.lot.to_string(),
                        points: l.points.into(),
                        rated: l.rated,
                        provenance: l.provenance.map(Into::into),
                    })
                    .collect(),
            },
            commitment_years: e.commitment_years.into(),
            provenance: e.provenance.into_iter().map(|(k, v)| (k, v.into())).collect(),
            sources: e.sources.into_iter().collect(),
        }
    }
}

#[uniffi::export]
impl Edition {
    /// SHA-256 (hex) of the edition's canonical serialization, as in a report's `fingerprint`
    /// for a campaign that used this edition alone.
    pub fn fingerprint(&self) -> Result<String> {
        guard(|| Ok(self.validated()?.fingerprint()))
    }

    /// The last day a dossier can still be confirmed (the deadline itself when inclusive,
    /// else the day before), as core computes it.
    pub fn last_day_to_confirm(&self) -> Result<NaiveDate> {
        guard(|| Ok(self.validated()?.last_day_to_confirm()))
    }

    /// The edition document in JSON, the same shape `editionFromJson` reads.
    pub fn to_json(&self) -> Result<String> {
        guard(|| Ok(self.validated()?.to_json()))
    }
}

/// A built-in edition by id (`EN2021`); unknown ids throw `UnknownEdition`.
#[uniffi::export]
pub fn builtin_edition(id: String) -> Result<Edition> {
    guard(|| Ok(Edition::from(core::Edition::builtin(&id)?)))
}

/// The ids of the built-in editions.
#[uniffi::export]
pub fn builtin_edition_ids() -> Vec<String> {
    core::Edition::builtin_ids()
}

/// Reads and validates an edition document (JSON); errors are `InvalidEdition` with the path
/// of the bad field.
#[uniffi::export]
pub fn edition_from_json(json: String) -> Result<Edition> {
    guard(|| Ok(Edition::from(core::Edition::from_json(&json)?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_edition_round_trips_through_the_record() {
        let theirs = core::Edition::builtin("EN2021").unwrap();
        let ours = Edition::from(theirs.clone());
        assert_eq!(ours.clone().into_core("").unwrap().validated().unwrap(), theirs);
        assert_eq!(ours.fingerprint().unwrap(), theirs.fingerprint());
        assert_eq!(ours.last_day_to_confirm().unwrap(), theirs.last_day_to_confirm());
    }

    #[test]
    fn out_of_range_counts_are_invalid_editions_with_their_path() {
        let mut e = Edition::from(core::Edition::builtin("EN2021").unwrap());
        e.grid.lines[2].points = -1;
        match e.clone().into_core("editions[1]") {
            Err(EcoleNumeriqueError::InvalidEdition { path, .. }) => {
                assert_eq!(path, "editions[1].grid.lines[2].points")
            }
            other => panic!("{other:?}"),
        }
        e.grid.lines[2].points = 1;
        e.grid.max_points = i64::from(u32::MAX) + 1;
        assert!(
            matches!(e.fingerprint(), Err(EcoleNumeriqueError::InvalidEdition { path, .. }) if path == "grid.max_points")
        );
    }
}
