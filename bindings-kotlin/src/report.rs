//! The campaign report of SPEC §9 as uniffi records. Conversion only: every value is core's.

use chrono::NaiveDate;
use ecole_numerique as core;

use crate::edition::mirror_enum;
use crate::error::{join, EcoleNumeriqueError, Result};
use crate::request::Lang;

/// The stage a dossier has reached (SPEC §6). Declared with the line's stages in process
/// order, but stages have no order: `NOT_DECLARED`, `INELIGIBLE`, `CARRIED_OVER` are outside the line
/// (compare stages for equality only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Stage {
    /// No declaration yet; the window is still open.
    NotDeclared,
    /// A failed eligibility check, or an unknown establishment.
    Ineligible,
    /// Step 2.
    Declared,
    /// Step 3.
    Contacted,
    /// Step 4.
    Surveyed,
    /// Step 5.
    SpaceOpened,
    /// Steps 7–8: the dossier became a project.
    Confirmed,
    /// Step 9: its wave has ordered.
    Ordered,
    /// Step 10.
    Delivered,
    /// Steps 11–12.
    InProject,
    /// Step 13.
    Evaluated,
    /// Not confirmed by the deadline, and the next edition is not known.
    CarriedOver,
}

mirror_enum!(Stage <=> core::Stage {
    NotDeclared, Ineligible, Declared, Contacted, Surveyed, SpaceOpened, Confirmed, Ordered,
    Delivered, InProject, Evaluated, CarriedOver,
});

/// One check of one rule, passed or failed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Check {
    /// Stable rule id (`eligibility.level`).
    pub rule: String,
    /// Whether it holds.
    pub passed: bool,
    /// Whether a failure stops the dossier.
    pub blocking: bool,
    /// Explanation in the request's language.
    pub message: String,
    /// Where the rule comes from: the seed's section or slide, or `assumed`.
    pub source: String,
}

/// One line of the grid as counted for a dossier.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PointsLine {
    /// Item id as requested.
    pub item: String,
    /// Its lot; null for an unknown item.
    pub lot: Option<String>,
    /// Quantity as requested.
    pub quantity: i64,
    /// Points it counts.
    pub points: i64,
}

/// The points of a dossier on its edition's grid (SPEC §5).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Points {
    /// Sum of the lines' points.
    pub total: i64,
    /// The grid maximum.
    pub max: i64,
    /// `max - total`; negative when over.
    pub remaining: i64,
    /// Each equipment line, in request order.
    pub lines: Vec<PointsLine>,
    /// Extra purchases at SPW prices: listed apart, never counted.
    pub extra: Vec<PointsLine>,
}

/// Something that remains to be done, with its due date when one exists.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NextAction {
    /// The rule id it serves.
    pub rule: String,
    /// What to do, in the request's language.
    pub message: String,
    /// By when, if a date is set by the rules.
    pub due: Option<NaiveDate>,
}

/// The report of one dossier (SPEC §9).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DossierReport {
    /// Dossier id.
    pub id: String,
    /// FASE number of its establishment.
    pub establishment: i64,
    /// The edition it is in now (after any carry-over).
    pub edition: String,
    /// That edition's dossier deadline, as written.
    pub deadline: NaiveDate,
    /// Every eligibility check that is reported passed.
    pub eligible: bool,
    /// The stage reached on `asOf`.
    pub stage: Stage,
    /// The checks, in the order of the rules.
    pub checks: Vec<Check>,
    /// Points on the grid.
    pub points: Points,
    /// Editions it left by carry-over, oldest first.
    pub carried_over_from: Vec<String>,
    /// The edition it waits for when `stage` is `CARRIED_OVER`.
    pub carried_over_to: Option<String>,
    /// The wave that takes the project, if any.
    pub wave: Option<String>,
    /// End of the commitment, once in project.
    pub commitment_ends_on: Option<NaiveDate>,
    /// What remains to be done.
    pub next_actions: Vec<NextAction>,
}

/// One order line of a wave.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OrderLine {
    /// Item id.
    pub item: String,
    /// Its lot.
    pub lot: String,
    /// Units.
    pub quantity: i64,
}

/// One wave of the plan (SPEC §7).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WavePlan {
    /// Wave id.
    pub id: String,
    /// Day the orders are placed.
    pub order_on: NaiveDate,
    /// Dossier ids of its projects, in request order.
    pub projects: Vec<String>,
    /// Quantities per item, sorted by lot then item.
    pub lines: Vec<OrderLine>,
}

/// The report of a campaign (SPEC §9).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CampaignReport {
    /// The request's edition id.
    pub edition: String,
    /// The day of evaluation.
    pub as_of: NaiveDate,
    /// Language of the messages.
    pub lang: Lang,
    /// Version of the Rust library.
    pub library_version: String,
    /// SHA-256 (hex) over the canonical serialization of the editions used.
    pub fingerprint: String,
    /// One report per dossier, in request order.
    pub dossiers: Vec<DossierReport>,
    /// The waves in (`orderOn`, `id`) order; empty without waves.
    pub waves: Vec<WavePlan>,
    /// Confirmed projects no wave can take, in request order.
    pub unscheduled: Vec<String>,
}

/// The report of one dossier (the adviser's view), with the editions' fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SingleReport {
    /// The dossier's report.
    pub report: DossierReport,
    /// SHA-256 over the editions used.
    pub fingerprint: String,
}

fn points_lines(lines: Vec<core::PointsLine>) -> Vec<PointsLine> {
    lines
        .into_iter()
        .map(|l| PointsLine {
            item: l.item.to_string(),
            lot: l.lot.map(|lot| lot.to_string()),
            quantity: l.quantity,
            points: l.points,
        })
        .collect()
}

fn points_lines_into_core(lines: Vec<PointsLine>) -> Vec<core::PointsLine> {
    lines
        .into_iter()
        .map(|l| core::PointsLine {
            item: l.item.into(),
            lot: l.lot.map(Into::into),
            quantity: l.quantity,
            points: l.points,
        })
        .collect()
}

// Core's texts are `String` or, when shared among dossiers, `Text`: `to_string` and `into`
// take both.
impl From<core::DossierReport> for DossierReport {
    fn from(d: core::DossierReport) -> Self {
        DossierReport {
            id: d.id,
            establishment: d.establishment,
            edition: d.edition.to_string(),
            deadline: d.deadline,
            eligible: d.eligible,
            stage: d.stage.into(),
            checks: d
                .checks
                .into_iter()
                .map(|c| Check {
                    rule: c.rule.id().to_string(),
                    passed: c.passed,
                    blocking: c.blocking,
                    message: c.message.to_string(),
                    source: c.source().to_string(),
                })
                .collect(),
            points: Points {
                total: d.points.total,
                max: d.points.max,
                remaining: d.points.remaining,
                lines: points_lines(d.points.lines),
                extra: points_lines(d.points.extra),
            },
            carried_over_from: d.carried_over_from.iter().map(|e| e.to_string()).collect(),
            carried_over_to: d.carried_over_to.map(|e| e.to_string()),
            wave: d.wave.map(|w| w.to_string()),
            commitment_ends_on: d.commitment_ends_on,
            next_actions: d
                .next_actions
                .into_iter()
                .map(|a| NextAction {
                    rule: a.rule.id().to_string(),
                    message: a.message.to_string(),
                    due: a.due,
                })
                .collect(),
        }
    }
}

/// A rule id of a Kotlin record: one of core's, or `InvalidRequest` at `place`.
fn rule_into_core(id: &str, place: &str) -> Result<core::Rule> {
    core::Rule::from_id(id)
        .ok_or_else(|| EcoleNumeriqueError::request(place.to_string(), format!("unknown rule id `{id}`")))
}

impl DossierReport {
    fn into_core(self, place: &str) -> Result<core::DossierReport> {
        Ok(core::DossierReport {
            establishment: self.establishment,
            id: self.id,
            edition: self.edition.into(),
            deadline: self.deadline,
            eligible: self.eligible,
            stage: self.stage.into(),
            checks: self
                .checks
                .into_iter()
                .enumerate()
                .map(|(i, c)| {
                    Ok(core::Check {
                        rule: rule_into_core(&c.rule, &join(place, &format!("checks[{i}].rule")))?,
                        passed: c.passed,
                        blocking: c.blocking,
                        message: c.message.into(),
                    })
                })
                .collect::<Result<_>>()?,
            points: core::Points {
                total: self.points.total,
                max: self.points.max,
                remaining: self.points.remaining,
                lines: points_lines_into_core(self.points.lines),
                extra: points_lines_into_core(self.points.extra),
            },
            carried_over_from: self.carried_over_from.into_iter().map(Into::into).collect(),
            carried_over_to: self.carried_over_to.map(Into::into),
            wave: self.wave.map(Into::into),
            commitment_ends_on: self.commitment_ends_on,
            next_actions: self
                .next_actions
                .into_iter()
                .enumerate()
                .map(|(i, a)| {
                    let rule = rule_into_core(&a.rule, &join(place, &format!("next_actions[{i}].rule")))?;
                    Ok(core::NextAction { rule, message: a.message.into(), due: a.due })
                })
                .collect::<Result<_>>()?,
        })
    }
}

impl From<core::CampaignReport> for CampaignReport {
    fn from(r: core::CampaignReport) -> Self {
        CampaignReport {
            edition: r.edition,
            as_of: r.as_of,
            lang: r.lang.into(),
            library_version: r.library_version,
            fingerprint: r.fingerprint,
            dossiers: r.dossiers.into_iter().map(DossierReport::from).collect(),
            waves: r
                .waves
                .into_iter()
                .map(|w| WavePlan {
                    id: w.id,
                    order_on: w.order_on,
                    projects: w.projects,
                    lines: w
                        .lines
                        .into_iter()
                        .map(|l| OrderLine { item: l.item, lot: l.lot, quantity: l.quantity })
                        .collect(),
                })
                .collect(),
            unscheduled: r.unscheduled,
        }
    }
}

impl TryFrom<CampaignReport> for core::CampaignReport {
    type Error = EcoleNumeriqueError;

    fn try_from(r: CampaignReport) -> Result<Self> {
        Ok(core::CampaignReport {
            edition: r.edition,
            as_of: r.as_of,
            lang: r.lang.into(),
            library_version: r.library_version,
            fingerprint: r.fingerprint,
            dossiers: r
                .dossiers
                .into_iter()
                .enumerate()
                .map(|(i, d)| d.into_core(&format!("dossiers[{i}]")))
                .collect::<Result<_>>()?,
            waves: r
                .waves
                .into_iter()
                .map(|w| core::WavePlan {
                    id: w.id,
                    order_on: w.order_on,
                    projects: w.projects,
                    lines: w
                        .lines
                        .into_iter()
                        .map(|l| core::OrderLine { item: l.item, lot: l.lot, quantity: l.quantity })
                        .collect(),
                })
                .collect(),
            unscheduled: r.unscheduled,
        })
    }
}

impl From<core::SingleReport> for SingleReport {
    fn from(s: core::SingleReport) -> Self {
        SingleReport { report: DossierReport::from(s.report), fingerprint: s.fingerprint }
    }
}

impl TryFrom<SingleReport> for core::SingleReport {
    type Error = EcoleNumeriqueError;

    fn try_from(s: SingleReport) -> Result<Self> {
        Ok(core::SingleReport { report: s.report.into_core("")?, fingerprint: s.fingerprint })
    }
}
