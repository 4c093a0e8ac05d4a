//! Editions as data (SPEC §3): the built-in EN 2021, edition documents, their validation, the
//! registry that carry-over follows, and the fingerprint of the editions a result used.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::text::Text;

/// The built-in EN 2021 edition document, embedded in the crate.
pub const EN2021_JSON: &str = include_str!("../data/en2021.json");

/// Level of teaching (`maternel`, `primaire`, `secondaire`, `superieur`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Enseignement maternel (nursery).
    Maternel,
    /// Enseignement primaire.
    Primaire,
    /// Enseignement secondaire.
    Secondaire,
    /// Enseignement supérieur (not eligible for EN 2021).
    Superieur,
}

by_name!(Level { "maternel" => Maternel, "primaire" => Primaire, "secondaire" => Secondaire, "superieur" => Superieur });

/// Kind of teaching (`ordinaire`, `specialise`, `promotion_sociale`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Enseignement ordinaire.
    Ordinaire,
    /// Enseignement spécialisé.
    Specialise,
    /// Enseignement de promotion sociale.
    PromotionSociale,
}

by_name!(Kind { "ordinaire" => Ordinaire, "specialise" => Specialise, "promotion_sociale" => PromotionSociale });

/// Region of an implantation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// Wallonia: the Service public de Wallonie's programme.
    Wallonia,
    /// Brussels-Capital.
    Brussels,
    /// Flanders.
    Flanders,
    /// Anywhere else.
    Other,
}

by_name!(Region { "wallonia" => Wallonia, "brussels" => Brussels, "flanders" => Flanders, "other" => Other });

/// A (level, kind) pair of teaching offered by a school or eligible in an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// The level.
    pub level: Level,
    /// The kind.
    pub kind: Kind,
}

/// An eligible offer as an edition document writes it: more fields (a label per language,
/// say) may be added, as anywhere in an edition document (SPEC §3). In a request, an
/// establishment's [`Offer`] has exactly its two fields.
#[derive(Deserialize)]
#[serde(remote = "Self")]
struct DocumentOffer {
    level: Level,
    kind: Kind,
}

fn offers_of_a_document<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Offer>, D::Error> {
    let offers = Vec::<DocumentOffer>::deserialize(d)?;
    Ok(offers.into_iter().map(|o| Offer { level: o.level, kind: o.kind }).collect())
}

/// Where a value of an edition comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// Written in the source document (the seed).
    Seed,
    /// Not in the source: chosen until SPW publishes the official value.
    Assumed,
}

by_name!(Provenance { "seed" => Seed, "assumed" => Assumed });

/// The declaration window, inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Window {
    /// First day a declaration is accepted.
    #[serde(with = "crate::dates::civil")]
    pub opens: NaiveDate,
    /// Last day a declaration is accepted.
    #[serde(with = "crate::dates::civil")]
    pub closes: NaiveDate,
}

impl Window {
    /// Whether `date` lies inside the window (both ends included).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.opens <= date && date <= self.closes
    }
}

/// One line of the points grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct GridLine {
    /// The item id named by dossiers (`tablet-android`); shared with the reports.
    pub id: Text,
    /// The category of equipment (`tablets`).
    pub category: String,
    /// The framework-contract lot it is bought under (`tablets`); shared with the reports.
    pub lot: Text,
    /// Points per unit, or the maximum an assessor can award on a rated line.
    pub points: u32,
    /// A rated line: the quantity is the points awarded, 0…`points`.
    #[serde(default, deserialize_with = "crate::campaign::null_default")]
    pub rated: bool,
    /// Where the value comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

/// The points grid of an edition. Two grids are equal when their maximum and lines are.
#[derive(Debug, Clone, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Grid {
    /// Maximum points per project (50 for EN 2021).
    pub max_points: u32,
    /// The lines.
    pub lines: Vec<GridLine>,
    /// Open addressing over the line ids, at most half full: each slot holds a line's
    /// position + 1 (0: empty), whose id's key is in `keys`.
    #[serde(skip)]
    index: Box<[u32]>,
    /// Each line's id key, by position.
    #[serde(skip)]
    keys: Box<[IdKey]>,
}

/// A line id as the grid's index hashes and compares it: its length and its first and last
/// eight bytes (overlapping below 16 bytes, zero-padded below 8), three words that hold the
/// whole of an id of up to 16 bytes; a longer id's text is compared when they match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct IdKey {
    len: usize,
    head: u64,
    tail: u64,
}

impl IdKey {
    fn of(id: &str) -> IdKey {
        let b = id.as_bytes();
        let eight = |s: Option<&[u8]>| s.and_then(|s| <[u8; 8]>::try_from(s).ok()).map(u64::from_le_bytes);
        let (head, tail) =
            match (eight(b.get(..8)), eight(b.len().checked_sub(8).and_then(|from| b.get(from..)))) {
                (Some(head), Some(tail)) => (head, tail),
                _ => (b.iter().rev().fold(0u64, |w, &x| w << 8 | u64::from(x)), 0),
            };
        IdKey { len: b.len(), head, tail }
    }

    /// Whether equal keys mean equal ids (beyond 16 bytes, the middle is not in the key).
    fn whole(self) -> bool {
        self.len <= 16
    }

    fn slot(self, mask: usize) -> usize {
        let h = (self.head ^ self.tail.rotate_left(29) ^ self.len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> 32) as usize & mask
    }
}

impl PartialEq for Grid {
    fn eq(&self, other: &Self) -> bool {
        // The index is made of the lines.
        self.max_points == other.max_points && self.lines == other.lines
    }
}

impl Grid {
    /// Builds a grid (the index of line ids is made here).
    pub fn new(max_points: u32, lines: Vec<GridLine>) -> Self {
        Grid { max_points, lines, index: Default::default(), keys: Default::default() }.indexed()
    }

    /// The grid with its index of line ids made (as read, or as built).
    fn indexed(mut self) -> Self {
        self.reindex();
        self
    }

    fn reindex(&mut self) {
        let size = (self.lines.len() * 2).max(16).next_power_of_two();
        self.keys = self.lines.iter().map(|l| IdKey::of(&l.id)).collect();
        self.index = vec![0; size].into_boxed_slice();
        for position in 0..self.lines.len() {
            let id = self.lines[position].id.clone();
            // The first line of an id wins (ids are unique in a validated grid).
            if self.indexed_line(&id).is_some() {
                continue;
            }
            let mut slot = self.keys[position].slot(size - 1);
            while self.index[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            self.index[slot] = u32::try_from(position + 1).unwrap_or(0);
        }
    }

    /// The line of an item, if the grid has one (the first, in a grid built or read with
    /// repeated ids, which validation refuses).
    ///
    /// Found by the grid's index; an item the index does not know (an unknown item, or lines
    /// changed through the public fields since the grid was built) is looked for line by line,
    /// so that the answer is always a line with that id, as the lines are now.
    pub fn line(&self, item: &str) -> Option<&GridLine> {
        self.indexed_line(item).or_else(|| self.lines.iter().find(|line| *line.id == *item))
    }

    fn indexed_line(&self, item: &str) -> Option<&GridLine> {
        let mask = self.index.len().checked_sub(1)?;
        let key = IdKey::of(item);
        let mut slot = key.slot(mask);
        loop {
            let at = (*self.index.get(slot)? as usize).checked_sub(1)?;
            if self.keys.get(at) == Some(&key) {
                let line = self.lines.get(at)?;
                // The line's own id as it is now (the fields are public): up to 16 bytes its
                // key is its whole text, read in three words; beyond, the text is compared.
                let same = if key.whole() { IdKey::of(&line.id) == key } else { *line.id == *item };
                if same {
                    return Some(line);
                }
            }
            slot = (slot + 1) & mask;
        }
    }
}

fn yes() -> bool {
    true
}

/// `null` reads as absent (SPEC §9): `true`, the default of `deadline_inclusive`.
fn null_yes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(true))
}

/// One yearly call for projects, e.g. `EN2021` (SPEC §3). Build one with
/// [`Edition::builtin`] or [`Edition::from_json`]; both validate.
///
/// ```
/// use ecole_numerique::Edition;
/// let en2021 = Edition::builtin("EN2021").unwrap();
/// assert_eq!(en2021.grid.max_points, 50);
/// assert_eq!(en2021.dossier_deadline.to_string(), "2022-06-01");
/// assert_eq!(en2021.next.as_deref(), Some("EN2022"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Edition {
    /// Identifier, e.g. `EN2021`.
    pub id: String,
    /// Year of the call.
    pub year: i32,
    /// A pilot edition ("Edition pilote").
    #[serde(default, deserialize_with = "crate::campaign::null_default")]
    pub pilot: bool,
    /// The edition that takes carried-over dossiers.
    #[serde(default)]
    pub next: Option<String>,
    /// The declaration window.
    pub declaration: Window,
    /// The last day (or the day after the last day, see `deadline_inclusive`) to confirm.
    #[serde(with = "crate::dates::civil")]
    pub dossier_deadline: NaiveDate,
    /// Whether the deadline day itself is still in time.
    #[serde(default = "yes", deserialize_with = "null_yes")]
    pub deadline_inclusive: bool,
    /// Establishments laureate in one of these years are not eligible.
    pub excluded_laureate_years: Vec<i32>,
    /// Projects allowed per establishment (FASE) and edition.
    pub max_projects_per_establishment: u32,
    /// Eligible (level, kind) pairs.
    #[serde(deserialize_with = "offers_of_a_document")]
    pub eligible_offers: Vec<Offer>,
    /// Regions an implantation must lie in.
    pub regions: Vec<Region>,
    /// The points grid.
    pub grid: Grid,
    /// Years of prudent and reasonable use after the reception.
    pub commitment_years: u32,
    /// Provenance per value (`seed` or `assumed`), by field name; a field given `null` has none.
    #[serde(
        default,
        deserialize_with = "crate::campaign::each_key_once_present",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub provenance: BTreeMap<String, Provenance>,
    /// Citation of the source per value, by field name; a field given `null` has none.
    #[serde(
        default,
        deserialize_with = "crate::campaign::each_key_once_present",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub sources: BTreeMap<String, String>,
}

/// The longest commitment an edition can ask for, in years: its end, after a visit in year
/// 9999 at the latest, stays well inside the calendar dates can be computed in.
pub const MAX_COMMITMENT_YEARS: u32 = 9999;

/// The rule data of an edition, in a fixed field order: what the fingerprint hashes.
#[derive(Serialize)]
struct Canonical<'a> {
    id: &'a str,
    year: i32,
    pilot: bool,
    next: &'a Option<String>,
    declaration: &'a Window,
    #[serde(with = "crate::dates::civil")]
    dossier_deadline: NaiveDate,
    deadline_inclusive: bool,
    excluded_laureate_years: &'a [i32],
    max_projects_per_establishment: u32,
    eligible_offers: &'a [Offer],
    regions: &'a [Region],
    grid: CanonicalGrid<'a>,
    commitment_years: u32,
}

#[derive(Serialize)]
struct CanonicalGrid<'a> {
    max_points: u32,
    lines: Vec<CanonicalLine<'a>>,
}

#[derive(Serialize)]
struct CanonicalLine<'a> {
    id: &'a str,
    category: &'a str,
    lot: &'a str,
    points: u32,
    rated: bool,
}

impl Edition {
    /// A built-in edition by id (`EN2021`).
    pub fn builtin(id: &str) -> Result<Edition, Error> {
        Registry::builtin()
            .get(id)
            .map(|e| Edition::clone(e))
            .ok_or_else(|| Error::UnknownEdition { path: String::new(), id: id.to_string() })
    }

    /// Ids of the built-in editions.
    pub fn builtin_ids() -> Vec<String> {
        Registry::builtin().ids()
    }

    /// Reads and validates an edition document.
    ///
    /// ```
    /// use ecole_numerique::{Edition, Error};
    /// let mut doc: serde_json::Value = serde_json::from_str(ecole_numerique::edition::EN2021_JSON).unwrap();
    /// doc["grid"]["max_points"] = 0.into();
    /// let err = Edition::from_json(&doc.to_string()).unwrap_err();
    /// assert!(matches!(err, Error::InvalidEdition { ref path, .. } if path == "grid.max_points"));
    /// ```
    pub fn from_json(text: &str) -> Result<Edition, Error> {
        Edition::from_deserializer(&mut serde_json::Deserializer::from_str(text))
    }

    /// Reads and validates an edition document already parsed as JSON.
    pub fn from_value(value: serde_json::Value) -> Result<Edition, Error> {
        Edition::from_deserializer(value)
    }

    /// Reads and validates an edition document from any serde deserializer (a binding's own):
    /// every error is an [`Error::InvalidEdition`] naming the field.
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Edition, Error> {
        let edition: Edition = serde_path_to_error::deserialize(d).map_err(|e| {
            let detail = crate::error::plain_words(&e.inner().to_string());
            Error::edition(crate::error::error_path(&crate::error::path_string(e.path()), &detail), detail)
        })?;
        edition.validated()
    }

    /// Checks the edition holds together (SPEC §3) and indexes its grid.
    pub fn validated(mut self) -> Result<Edition, Error> {
        self.grid.reindex();
        self.validate()?;
        Ok(self)
    }

    /// Refuses the dates `YYYY-MM-DD` cannot write (years outside 0 to 9999), which a typed
    /// edition can hold and a document cannot: the window and the deadline, in that order.
    pub(crate) fn check_dates(&self) -> Result<(), Error> {
        let dates = [
            ("declaration.opens", self.declaration.opens),
            ("declaration.closes", self.declaration.closes),
            ("dossier_deadline", self.dossier_deadline),
        ];
        match dates.into_iter().find(|(_, date)| !crate::dates::writable(*date)) {
            Some((field, date)) => {
                Err(Error::edition(field, crate::dates::unwritable_detail(date, "a document's")))
            }
            None => Ok(()),
        }
    }

    /// The validation of SPEC §3, each failure naming its field.
    pub fn validate(&self) -> Result<(), Error> {
        if self.id.trim().is_empty() {
            return Err(Error::edition("id", "the edition id is empty"));
        }
        self.check_dates()?;
        if self.declaration.closes < self.declaration.opens {
            return Err(Error::edition(
                "declaration.closes",
                "the declaration window closes before it opens",
            ));
        }
        if self.dossier_deadline <= self.declaration.closes {
            return Err(Error::edition(
                "dossier_deadline",
                "the dossier deadline must be strictly after the declaration window closes",
            ));
        }
        if self.max_projects_per_establishment < 1 {
            return Err(Error::edition("max_projects_per_establishment", "must be at least 1"));
        }
        if self.commitment_years < 1 {
            return Err(Error::edition("commitment_years", "must be at least 1"));
        }
        // A visit (a date up to 9999) plus the commitment must stay a date the calendar can
        // hold: beyond, the commitment's end (and the action to use the equipment until then)
        // could not be computed and would silently vanish from the reports.
        if self.commitment_years > MAX_COMMITMENT_YEARS {
            return Err(Error::edition(
                "commitment_years",
                format!("must be at most {MAX_COMMITMENT_YEARS} (got {})", self.commitment_years),
            ));
        }
        if self.grid.max_points == 0 {
            return Err(Error::edition("grid.max_points", "the grid maximum must be above 0"));
        }
        let mut seen = HashSet::new();
        for (i, line) in self.grid.lines.iter().enumerate() {
            if line.id.trim().is_empty() {
                return Err(Error::edition(format!("grid.lines[{i}].id"), "a line id is empty"));
            }
            if !seen.insert(&*line.id) {
                return Err(Error::edition(
                    format!("grid.lines[{i}].id"),
                    format!("the line id `{}` is used twice", line.id),
                ));
            }
        }
        if self.next.as_deref() == Some(self.id.as_str()) {
            return Err(Error::edition("next", "an edition cannot carry over into itself"));
        }
        Ok(())
    }

    /// The last day a dossier can still be confirmed: the deadline itself when inclusive, the
    /// day before otherwise (SPEC §3).
    pub fn last_day_to_confirm(&self) -> NaiveDate {
        if self.deadline_inclusive {
            self.dossier_deadline
        } else {
            self.dossier_deadline.pred_opt().unwrap_or(self.dossier_deadline)
        }
    }

    /// Whether (level, kind) is eligible.
    pub fn offers(&self, offer: Offer) -> bool {
        self.eligible_offers.contains(&offer)
    }

    /// The edition document in JSON (same shape as the one read).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    fn canonical(&self) -> Canonical<'_> {
        Canonical {
            id: &self.id,
            year: self.year,
            pilot: self.pilot,
            next: &self.next,
            declaration: &self.declaration,
            dossier_deadline: self.dossier_deadline,
            deadline_inclusive: self.deadline_inclusive,
            excluded_laureate_years: &self.excluded_laureate_years,
            max_projects_per_establishment: self.max_projects_per_establishment,
            eligible_offers: &self.eligible_offers,
            regions: &self.regions,
            grid: CanonicalGrid {
                max_points: self.grid.max_points,
                lines: self
                    .grid
                    .lines
                    .iter()
                    .map(|l| CanonicalLine {
                        id: &l.id,
                        category: &l.category,
                        lot: &l.lot,
                        points: l.points,
                        rated: l.rated,
                    })
                    .collect(),
            },
            commitment_years: self.commitment_years,
        }
    }

    /// The canonical serialization of the edition's rule data (no provenance, no labels):
    /// compact JSON with fields in a fixed order.
    pub fn canonical_json(&self) -> String {
        serde_json::to_string(&self.canonical()).unwrap_or_default()
    }

    /// SHA-256 (hex) of this edition's canonical serialization.
    pub fn fingerprint(&self) -> String {
        fingerprint(std::iter::once(self))
    }
}

/// SHA-256 (hex) over the canonical serialization of editions, taken in id order: a JSON
/// array of [`Edition::canonical_json`].
pub fn fingerprint<'a>(editions: impl IntoIterator<Item = &'a Edition>) -> String {
    let mut list: Vec<&Edition> = editions.into_iter().collect();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    list.dedup_by(|a, b| a.id == b.id);
    let mut hasher = Sha256::new();
    hasher.update(b"[");
    for (i, e) in list.iter().enumerate() {
        if i > 0 {
            hasher.update(b",");
        }
        hasher.update(e.canonical_json().as_bytes());
    }
    hasher.update(b"]");
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Known editions by id, so that carry-over can follow `next`.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    editions: BTreeMap<String, Arc<Edition>>,
}

impl Registry {
    /// The editions built into the crate (EN 2021).
    pub fn builtin() -> &'static Registry {
        static BUILTIN: OnceLock<Registry> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut registry = Registry::default();
            // The embedded document is checked by a test; a broken one would show there.
            if let Ok(mut en2021) = Edition::from_json(EN2021_JSON) {
                // Living as long as the process, its item and lot ids are never freed: the
                // reports' points lines share them without touching a reference count.
                for line in &mut en2021.grid.lines {
                    line.id = Text::never_freed(&line.id);
                    line.lot = Text::never_freed(&line.lot);
                }
                registry.editions.insert(en2021.id.clone(), Arc::new(en2021));
            }
            registry
        })
    }

    /// Whether `edition` is one of [`Registry::builtin`]'s own (the same value, not an equal
    /// one): what is said of it alone can live as long as it does.
    pub(crate) fn is_builtin(edition: &Edition) -> bool {
        Registry::builtin().editions.values().any(|e| std::ptr::eq(&**e, edition))
    }

    /// Adds an edition, replacing one with the same id.
    pub fn insert(&mut self, edition: Edition) {
        self.editions.insert(edition.id.clone(), Arc::new(edition));
    }

    /// An edition by id.
    pub fn get(&self, id: &str) -> Option<&Arc<Edition>> {
        self.editions.get(id)
    }

    /// The ids, in order.
    pub fn ids(&self) -> Vec<String> {
        self.editions.keys().cloned().collect()
    }

    /// Refuses a cycle in `next` among the known editions. `place` names where each edition
    /// was written, for the error path.
    pub fn check_no_cycle(&self, place: impl Fn(&str) -> Option<String>) -> Result<(), Error> {
        let next_of = |id: &str| self.editions.get(id).and_then(|e| e.next.as_deref());
        for start in self.editions.keys() {
            let mut seen = HashSet::new();
            let mut current = start.as_str();
            seen.insert(current);
            while let Some(next) = next_of(current) {
                if !self.editions.contains_key(next) {
                    break;
                }
                if !seen.insert(next) {
                    // The cycle runs from `next` back to it. Its `next` fields to blame are the
                    // ones the caller wrote (`place` names them); a built-in edition's `next`
                    // is named by its id only when no edition of the cycle has a place.
                    let mut members = vec![next];
                    let mut at = next;
                    while let Some(n) = next_of(at).filter(|n| *n != next) {
                        members.push(n);
                        at = n;
                    }
                    let blamed =
                        members.iter().find_map(|id| place(id)).unwrap_or_else(|| current.to_string());
                    return Err(Error::edition(
                        crate::error::join_path(&blamed, "next"),
                        format!("the `next` editions form a cycle through `{next}`"),
                    ));
                }
                current = next;
            }
        }
        Ok(())
    }
}

// Requests and edition documents are objects (SPEC §9), read from objects only.
objects_only!(
    Offer: "an offer {level, kind}",
    Window: "a window {opens, closes}",
    GridLine: "a grid line",
    Grid: "a grid {max_points, lines}" => Grid::indexed,
    Edition: "an edition document",
);
objects_only!(read DocumentOffer: "an offer {level, kind}");

#[cfg(test)]
mod tests {
    use super::*;

    fn en2021() -> Edition {
        Edition::builtin("EN2021").expect("built-in edition")
    }

    fn doc() -> serde_json::Value {
        serde_json::from_str(EN2021_JSON).unwrap()
    }

    /// A grid read by serde alone, or changed through its public fields, finds its lines as
    /// they are; equality is that of the lines.
    #[test]
    fn a_grid_finds_its_lines_however_it_was_made() {
        let read: Edition = serde_json::from_str(EN2021_JSON).unwrap();
        assert_eq!(read.grid.line("nas").map(|l| l.points), Some(4));
        // Found by the index built when it was read, not by the fallback.
        assert!(read.grid.lines.iter().all(|l| read.grid.indexed_line(&l.id).is_some()));
        assert_eq!(read, en2021());
        let mut changed = en2021();
        let mut robot = changed.grid.lines[0].clone();
        robot.id = Text::from("robot");
        changed.grid.lines.push(robot);
        assert_eq!(changed.grid.line("robot").map(|l| &*l.id), Some("robot"));
        changed.grid.lines[0].id = Text::from("renamed");
        assert!(changed.grid.line("tablet-android").is_none());
        assert_eq!(changed.grid.lines.iter().position(|l| &*l.id == "renamed"), Some(0));
        assert!(std::ptr::eq(changed.grid.line("renamed").unwrap(), &changed.grid.lines[0]));
        let request = crate::sample::campaign(20);
        let text = serde_json::to_string(&request).unwrap();
        assert_eq!(crate::CampaignRequest::from_json(&text).unwrap(), request);
    }

    fn invalid(doc: serde_json::Value) -> (String, String) {
        match Edition::from_value(doc) {
            Err(Error::InvalidEdition { path, detail }) => (path, detail),
            other => panic!("expected an invalid edition, got {other:?}"),
        }
    }

    /// The grid's index finds every id, whatever its length (the key holds up to 16 bytes
    /// whole; longer ids that share their first and last eight bytes are told apart by their
    /// text), and nothing else: not a prefix, a suffix, a longer or shorter id, a different case.
    #[test]
    fn a_grid_finds_each_line_by_its_id_and_nothing_else() {
        let ids = [
            "",
            "a",
            "nas",
            "macbook",
            "macbook2",
            "chromebook",
            "tablet-android",
            "0123456789abcdef",
            "0123456789abcdefg",
            "0123456789-MIDDLE-1-abcdefg",
            "0123456789-MIDDLE-2-abcdefg",
            "interactive-board",
            "wifi-access-point",
            "é-accentué-ü",
        ];
        let line = |id: &str| GridLine {
            id: id.into(),
            category: "c".into(),
            lot: "l".into(),
            points: 1,
            rated: false,
            provenance: None,
        };
        for count in [1, 2, 7, 8, 9, ids.len()] {
            let grid = Grid::new(50, ids[..count].iter().map(|id| line(id)).collect());
            for (position, id) in ids.iter().enumerate() {
                let found = grid.line(id).map(|l| &*l.id);
                assert_eq!(found, (position < count).then_some(*id), "{id:?} among {count}");
            }
            for other in
                ["NAS", "macboo", "acbook", "macbook ", "0123456789abcde", "0123456789-MIDDLE-3-abcdefg", "x"]
            {
                assert!(grid.line(other).is_none(), "{other:?}");
            }
        }
        // A repeated id (refused by validation) finds its first line.
        let mut twice = line("nas");
        twice.points = 2;
        let grid = Grid::new(50, vec![line("nas"), twice]);
        assert_eq!(grid.line("nas").map(|l| l.points), Some(1));
        // A grid without an index finds its lines one by one.
        let unindexed =
            Grid { max_points: 1, lines: vec![line("nas")], index: Box::default(), keys: Box::default() };
        assert_eq!(unindexed.line("nas").map(|l| &*l.id), Some("nas"));
        assert!(unindexed.line("nfs").is_none());
    }

    #[test]
    fn the_builtin_edition_holds_the_seed_values() {
        let e = en2021();
        assert_eq!((e.id.as_str(), e.year, e.pilot), ("EN2021", 2021, true));
        assert_eq!(e.declaration.opens, NaiveDate::from_ymd_opt(2021, 10, 1).unwrap());
        assert_eq!(e.declaration.closes, NaiveDate::from_ymd_opt(2021, 12, 17).unwrap());
        assert_eq!(e.dossier_deadline, NaiveDate::from_ymd_opt(2022, 6, 1).unwrap());
        assert!(e.deadline_inclusive);
        assert_eq!(e.excluded_laureate_years, vec![2017, 2018, 2019, 2020]);
        assert_eq!(e.max_projects_per_establishment, 1);
        assert_eq!(e.eligible_offers.len(), 7);
        assert_eq!(e.regions, vec![Region::Wallonia]);
        assert_eq!(e.commitment_years, 3);
        assert_eq!(e.grid.max_points, 50);
        assert_eq!(e.grid.lines.len(), 14);
        assert_eq!(e.grid.line("interactive-board").map(|l| l.points), Some(12));
        assert_eq!(e.grid.line("macbook").map(|l| &*l.lot), Some("computers"));
        assert!(e.grid.lines.iter().all(|l| l.provenance == Some(Provenance::Assumed)));
        assert_eq!(e.provenance.get("dossier_deadline"), Some(&Provenance::Seed));
        assert_eq!(e.provenance.get("grid.lines"), Some(&Provenance::Assumed));
    }

    #[test]
    fn eligible_offers_are_those_of_the_seed() {
        let e = en2021();
        for level in [Level::Maternel, Level::Primaire, Level::Secondaire] {
            for kind in [Kind::Ordinaire, Kind::Specialise] {
                assert!(e.offers(Offer { level, kind }));
            }
        }
        assert!(e.offers(Offer { level: Level::Secondaire, kind: Kind::PromotionSociale }));
        assert!(!e.offers(Offer { level: Level::Primaire, kind: Kind::PromotionSociale }));
        assert!(!e.offers(Offer { level: Level::Superieur, kind: Kind::Ordinaire }));
    }

    #[test]
    fn last_day_to_confirm_follows_deadline_inclusive() {
        let mut e = en2021();
        assert_eq!(e.last_day_to_confirm(), NaiveDate::from_ymd_opt(2022, 6, 1).unwrap());
        e.deadline_inclusive = false;
        assert_eq!(e.last_day_to_confirm(), NaiveDate::from_ymd_opt(2022, 5, 31).unwrap());
    }

    #[test]
    fn window_is_inclusive_at_both_ends() {
        let w = en2021().declaration;
        let d = |m, day| NaiveDate::from_ymd_opt(2021, m, day).unwrap();
        assert!(!w.contains(d(9, 30)));
        assert!(w.contains(d(10, 1)));
        assert!(w.contains(d(12, 17)));
        assert!(!w.contains(d(12, 18)));
    }

    #[test]
    fn each_validation_names_its_field() {
        let mut d = doc();
        d["declaration"]["closes"] = "2021-09-30".into();
        assert_eq!(invalid(d).0, "declaration.closes");

        let mut d = doc();
        d["declaration"]["closes"] = "2021-10-01".into(); // a one-day window is fine
        assert!(Edition::from_value(d).is_ok());

        let mut d = doc();
        d["dossier_deadline"] = "2021-12-17".into(); // must be strictly after the close
        assert_eq!(invalid(d).0, "dossier_deadline");
        let mut d = doc();
        d["dossier_deadline"] = "2021-12-18".into();
        assert!(Edition::from_value(d).is_ok());

        let mut d = doc();
        d["grid"]["max_points"] = 0.into();
        assert_eq!(invalid(d).0, "grid.max_points");

        let mut d = doc();
        d["grid"]["lines"][3]["id"] = "tablet-android".into();
        assert_eq!(invalid(d).0, "grid.lines[3].id");

        let mut d = doc();
        d["eligible_offers"][0]["level"] = "university".into();
        assert_eq!(invalid(d).0, "eligible_offers[0].level");

        let mut d = doc();
        d["eligible_offers"][1]["kind"] = "evening".into();
        assert_eq!(invalid(d).0, "eligible_offers[1].kind");

        let mut d = doc();
        d["regions"][0] = "mars".into();
        assert_eq!(invalid(d).0, "regions[0]");

        let mut d = doc();
        d["next"] = "EN2021".into();
        assert_eq!(invalid(d).0, "next");

        let mut d = doc();
        d["max_projects_per_establishment"] = 0.into();
        assert_eq!(invalid(d).0, "max_projects_per_establishment");

        let mut d = doc();
        d["commitment_years"] = 0.into();
        assert_eq!(invalid(d.clone()).0, "commitment_years");
        d["commitment_years"] = 10_000.into();
        assert_eq!(invalid(d.clone()).0, "commitment_years");
        d["commitment_years"] = MAX_COMMITMENT_YEARS.into();
        assert!(Edition::from_value(d).is_ok());

        // A key given twice in `provenance` or `sources` is refused at that key; `null` is empty.
        let text = doc().to_string();
        for (map, twice) in
            [("provenance", r#"{"year": "seed", "year": "assumed"}"#), ("sources", r#"{"x": "a", "x": "b"}"#)]
        {
            let with = text.replacen('{', &format!("{{\"{map}\": {twice}, "), 1);
            let err = Edition::from_json(&with).unwrap_err();
            assert_eq!(err.path(), format!("{map}.{}", if map == "sources" { "x" } else { "year" }), "{err}");
            assert!(err.to_string().contains("given twice"), "{err}");
        }
        let mut d = doc();
        d["provenance"] = serde_json::Value::Null;
        d["sources"] = serde_json::Value::Null;
        let e = Edition::from_value(d).unwrap();
        assert!(e.provenance.is_empty() && e.sources.is_empty());
        // A key given `null` reads as absent (SPEC §9), beside the keys that have a value.
        let mut d = doc();
        d["provenance"] = serde_json::json!({"year": null, "pilot": "seed"});
        d["sources"] = serde_json::json!({"year": null, "pilot": "Edition pilote"});
        let e = Edition::from_value(d).unwrap();
        assert_eq!(e.provenance, BTreeMap::from([("pilot".to_string(), Provenance::Seed)]));
        assert_eq!(e.sources, BTreeMap::from([("pilot".to_string(), "Edition pilote".to_string())]));
        // A key given twice is refused even when one of its values is `null`.
        let with = text.replacen('{', r#"{"provenance": {"year": null, "year": "seed"}, "#, 1);
        assert_eq!(Edition::from_json(&with).unwrap_err().path(), "provenance.year");

        let mut d = doc();
        d["dossier_deadline"] = "2022-02-30".into();
        assert_eq!(invalid(d).0, "dossier_deadline");

        let mut d = doc();
        d.as_object_mut().unwrap().remove("grid");
        assert!(invalid(d).1.contains("grid"));
    }

    #[test]
    fn optional_fields_take_their_defaults() {
        let mut d = doc();
        let o = d.as_object_mut().unwrap();
        o.remove("pilot");
        o.remove("deadline_inclusive");
        o.remove("next");
        o.insert("labels".into(), serde_json::json!({"fr": "Ecole Numérique"}));
        let e = Edition::from_value(d).unwrap();
        assert!(!e.pilot);
        assert!(e.deadline_inclusive);
        assert_eq!(e.next, None);
    }

    /// More fields may be added anywhere in an edition document (SPEC §3), an eligible offer
    /// included; they are not rule data, so the fingerprint does not change. An
    /// establishment's offer, in a request, has exactly its two fields.
    #[test]
    fn added_fields_are_allowed_anywhere_in_an_edition_document() {
        let label = serde_json::json!({"fr": "Primaire ordinaire", "de": "Primarschule"});
        let mut d = doc();
        d["eligible_offers"][0]["label"] = label.clone();
        d["declaration"]["label"] = label.clone();
        d["grid"]["lines"][0]["label"] = label.clone();
        let e = Edition::from_value(d).unwrap();
        assert_eq!(e, Edition::from_value(doc()).unwrap());
        assert_eq!(e.canonical_json(), Edition::from_value(doc()).unwrap().canonical_json());

        let mut offer = serde_json::json!({"level": "primaire", "kind": "ordinaire"});
        assert!(serde_json::from_value::<Offer>(offer.clone()).is_ok());
        offer["label"] = label;
        assert!(serde_json::from_value::<Offer>(offer).is_err());
    }

    #[test]
    fn null_optional_values_read_as_absent() {
        let mut d = doc();
        d["pilot"] = serde_json::Value::Null;
        d["deadline_inclusive"] = serde_json::Value::Null;
        d["provenance"] = serde_json::Value::Null;
        d["grid"]["lines"][0]["rated"] = serde_json::Value::Null;
        let e = Edition::from_value(d).unwrap();
        assert!(!e.pilot);
        assert!(e.deadline_inclusive);
        assert!(!e.grid.lines[0].rated);
    }

    #[test]
    fn a_missing_value_is_named() {
        let mut d = doc();
        d.as_object_mut().unwrap().remove("commitment_years");
        let err = Edition::from_json(&d.to_string()).unwrap_err();
        assert_eq!(err.path(), "commitment_years");
        let mut d = doc();
        d["grid"].as_object_mut().unwrap().remove("max_points");
        assert_eq!(Edition::from_value(d).unwrap_err().path(), "grid.max_points");
    }

    #[test]
    fn a_cycle_in_next_is_refused() {
        let mut registry = Registry::builtin().clone();
        let mut en2022 = en2021();
        en2022.id = "EN2022".into();
        en2022.next = Some("EN2021".into());
        registry.insert(en2022);
        let err = registry.check_no_cycle(|id| Some(format!("<{id}>"))).unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::InvalidEdition);
        assert!(err.path().ends_with(".next"), "{}", err.path());
        // Only EN2022 was given by the caller: its `next` is the one named, not the built-in
        // EN2021's.
        let given = |id: &str| (id == "EN2022").then(|| "editions[1]".to_string());
        let err = registry.check_no_cycle(given).unwrap_err();
        assert_eq!(err.path(), "editions[1].next");

        let mut ok = Registry::builtin().clone();
        let mut en2022 = en2021();
        en2022.id = "EN2022".into();
        en2022.next = Some("EN2023".into());
        ok.insert(en2022);
        assert!(ok.check_no_cycle(|id| Some(id.to_string())).is_ok());
    }

    #[test]
    fn fingerprint_is_stable_and_changes_with_rule_data() {
        let e = en2021();
        let a = e.fingerprint();
        assert_eq!(a.len(), 64);
        assert_eq!(a, en2021().fingerprint());
        let mut described = e.clone();
        described.sources.insert("year".into(), "another citation".into());
        assert_eq!(described.fingerprint(), a, "provenance and citations are not rule data");
        let mut changed = e.clone();
        changed.grid.max_points = 51;
        assert_ne!(changed.fingerprint(), a);
        assert_eq!(fingerprint([&e, &e]), a, "an edition counts once");
    }
}
