//! The campaign engine: editions and request in, checks and stages computed, report out.
//!
//! 1. the request's registry of editions is built and validated;
//! 2. each dossier is checked for eligibility on the edition it starts in;
//! 3. `eligibility.one_per_establishment` ranks the dossiers that passed everything above;
//! 4. each eligible dossier walks to its confirmation, carried over edition after edition
//!    while it misses a deadline and the next edition is known;
//! 5. the confirmed projects are planned into the waves;
//! 6. the walks go on past the confirmation, and the next actions are listed.
//!
//! Steps 2 and 4 are done in one pass over the dossiers, while each dossier is in the cache:
//! the walk does not depend on the ranking, so a ranked dossier is walked before the ranking
//! is known, and one that loses it is started again, unwalked. A dossier the ranking cannot
//! concern (not declared, ineligible, unknown establishment) is reported in that same pass,
//! and so is a ranked one the waves cannot concern (not confirmed, not carried over), as the
//! winner it nearly always is; it is reported again if it loses. The projects and the
//! carried-over dossiers wait for the ranking and the waves.
//!
//! A reference count is bumped by an atomic operation, which waits for the stores before it:
//! a dossier's checks and lines are made in scratch vectors, hot in cache, and moved to the
//! report's cold memory once, at the end.
//!
//! Memory that lives only through one evaluation is kept small: glibc's allocator gives the
//! free top of its heap back to the system past a threshold (twice the largest block it
//! served by `mmap` and got back, here the report's list), and every page of it is then
//! faulted in again by the next evaluation. A waiting dossier's checks are therefore kept
//! in the vector that becomes its report's, not parked in a campaign-wide arena: with the
//! arena, each evaluation of the 10,000-dossier sample took 1,124 page faults (about 5 ms
//! of kernel time); without it, 49.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::campaign::{
    CampaignReport, CampaignRequest, Check, Dossier, DossierReport, EditionRef, Establishment, Fase,
    NextAction, PointsLine, Stage,
};
use crate::dates::{unwritable, writable};
use crate::dossier::{
    next_actions_into, walk_after_confirmation, walk_to_confirmation_in, Order, Sink, Walk,
};
use crate::edition::{fingerprint, Edition, Registry};
use crate::eligibility::{self, Candidate, Declaration};
use crate::error::Error;
use crate::grid::{count_with, GridCount};
use crate::messages::{Msg, Renderer};
use crate::rules::{Finding, Param, Todo};
use crate::text::Text;
use crate::waves::{plan, Project};

/// The editions a request can use: the built-in ones, then its `editions`, then its
/// `edition` document (which replaces a built-in edition of the same id). Two documents of
/// one id are refused (at the second in `editions`): one of them would be silently ignored.
pub(crate) fn registry_for(request: &CampaignRequest) -> Result<Registry, Error> {
    let mut registry = Registry::builtin().clone();
    let mut places: HashMap<String, String> = HashMap::new();
    let document_id = match &request.edition {
        EditionRef::Document(doc) => Some(doc.id.as_str()),
        EditionRef::Id(_) => None,
    };
    for (i, doc) in request.editions.iter().enumerate() {
        let place = format!("editions[{i}]");
        let edition = doc.clone().validated().map_err(|e| e.under(&place))?;
        if places.contains_key(&edition.id) || document_id == Some(edition.id.as_str()) {
            return Err(Error::request(
                format!("{place}.id"),
                format!("the edition `{}` is given twice", edition.id),
            ));
        }
        places.insert(edition.id.clone(), place);
        registry.insert(edition);
    }
    if let EditionRef::Document(doc) = &request.edition {
        let edition = Edition::clone(doc).validated().map_err(|e| e.under("edition"))?;
        places.insert(edition.id.clone(), "edition".to_string());
        registry.insert(edition);
    }
    registry.check_no_cycle(|id| places.get(id).cloned())?;
    Ok(registry)
}

/// The establishments by FASE number.
enum ByFase<'r> {
    /// Given in increasing FASE order (as a register export usually is): found by a binary
    /// search, after a look at the one found last and the next one, since dossiers mostly
    /// come in the same order. No table is built, and the lookups walk the list in order.
    Sorted(&'r [Establishment]),
    /// In any other order: hashed.
    Hashed(FxHashMap<Fase, &'r Establishment>),
}

impl<'r> ByFase<'r> {
    /// The establishment of `fase`; `near` is where the last one was found (sorted list).
    fn get(&self, fase: Fase, near: &mut usize) -> Option<&'r Establishment> {
        match self {
            ByFase::Sorted(list) => {
                let at = match list.get(*near..).unwrap_or_default() {
                    [e, ..] if e.fase == fase => *near,
                    [_, e, ..] if e.fase == fase => *near + 1,
                    _ => list.binary_search_by_key(&fase, |e| e.fase).ok()?,
                };
                *near = at;
                list.get(at)
            }
            ByFase::Hashed(map) => map.get(&fase).copied(),
        }
    }
}

/// Refuses what makes a request unreadable beyond its types: duplicate FASE numbers, dossier
/// ids and wave ids, negative capacities.
fn check_integrity(request: &CampaignRequest) -> Result<ByFase<'_>, Error> {
    let list = request.establishments.as_slice();
    let by_fase = if list.windows(2).all(|w| w[0].fase < w[1].fase) {
        ByFase::Sorted(list)
    } else {
        let mut by_fase = FxHashMap::with_capacity_and_hasher(list.len(), Default::default());
        for (i, e) in list.iter().enumerate() {
            if by_fase.insert(e.fase, e).is_some() {
                return Err(Error::request(
                    format!("establishments[{i}].fase"),
                    format!("FASE {} is given to two establishments", e.fase),
                ));
            }
        }
        ByFase::Hashed(by_fase)
    };
    let mut ids = FxHashSet::with_capacity_and_hasher(request.dossiers.len(), Default::default());
    for (i, d) in request.dossiers.iter().enumerate() {
        if !ids.insert(d.id.as_str()) {
            return Err(Error::request(
                format!("dossiers[{i}].id"),
                format!("the dossier id `{}` is used twice", d.id),
            ));
        }
    }
    let mut wave_ids = FxHashSet::default();
    for (i, w) in request.waves.iter().flatten().enumerate() {
        if !wave_ids.insert(w.id.as_str()) {
            return Err(Error::request(
                format!("waves[{i}].id"),
                format!("the wave id `{}` is used twice", w.id),
            ));
        }
        if let Some((item, units)) = w.capacity.iter().find(|(_, units)| **units < 0) {
            return Err(Error::request(
                format!("waves[{i}].capacity.{item}"),
                format!("a capacity cannot be negative ({units})"),
            ));
        }
    }
    Ok(by_fase)
}

/// Refuses, in a typed request, the dates `YYYY-MM-DD` cannot write (years outside 0 to 9999)
/// at their place, as the JSON of that request is refused: first, and in the order of the
/// document (its editions, `as_of`, the dossiers' events, the waves), since the JSON reader
/// refuses them while reading, before any other check.
fn check_writable_dates(request: &CampaignRequest) -> Result<(), Error> {
    if let EditionRef::Document(doc) = &request.edition {
        doc.check_dates().map_err(|e| e.under("edition"))?;
    }
    for (i, doc) in request.editions.iter().enumerate() {
        doc.check_dates().map_err(|e| e.under(&format!("editions[{i}]")))?;
    }
    if !writable(request.as_of) {
        return Err(unwritable("as_of", request.as_of));
    }
    for (i, d) in request.dossiers.iter().enumerate() {
        for (field, date) in event_dates(d) {
            if let Some(date) = date.filter(|date| !writable(*date)) {
                return Err(unwritable(format!("dossiers[{i}].{field}"), date));
            }
        }
    }
    for (i, w) in request.waves.iter().flatten().enumerate() {
        if !writable(w.order_on) {
            return Err(unwritable(format!("waves[{i}].order_on"), w.order_on));
        }
    }
    Ok(())
}

/// A dossier's event dates, each with its field as a path names it, in document order.
fn event_dates(d: &Dossier) -> [(&'static str, Option<NaiveDate>); 13] {
    [
        ("declared_on", d.declared_on),
        ("first_contact_on", d.first_contact_on),
        ("survey.completed_on", d.survey.completed_on),
        ("space_opened_on", d.space_opened_on),
        ("cen_approved_on", d.cen_approved_on),
        ("expert_approved_on", d.expert_approved_on),
        ("signed_on", d.signed_on),
        ("delivery.delivered_on", d.delivery.delivered_on),
        ("reception.appointment_on", d.reception.appointment_on),
        ("reception.visited_on", d.reception.visited_on),
        ("evaluation.questionnaire_on", d.evaluation.questionnaire_on),
        ("evaluation.survey_on", d.evaluation.survey_on),
        ("evaluation.shared_on", d.evaluation.shared_on),
    ]
}

/// Edition and wave ids as shared text: one allocation per id and campaign, not per dossier.
/// There are a handful (the editions and waves of a request), mostly asked for by the same
/// borrow of the registry or the plan, so a list compared by address first beats hashing.
#[derive(Default)]
struct Names<'a>(Vec<(&'a str, Text)>);

impl<'a> Names<'a> {
    fn get(&mut self, id: &'a str) -> Text {
        let found = self.0.iter().find(|(known, _)| std::ptr::eq(*known, id));
        match found.or_else(|| self.0.iter().find(|(known, _)| *known == id)) {
            Some((_, name)) => name.clone(),
            None => {
                let name = Text::from(id);
                self.0.push((id, name.clone()));
                name
            }
        }
    }
}

/// Vectors handed from one dossier to the next, so that a walk's findings and a dossier's
/// next actions take no allocation of their own.
#[derive(Default)]
struct Scratch<'r> {
    findings: Vec<Finding<'r>>,
    actions: Vec<NextAction>,
    checks: Vec<Check>,
    lines: Vec<PointsLine>,
}

impl<'r> Scratch<'r> {
    /// The findings' vector, emptied whatever the walk that gave it back left in it (a walk
    /// left behind by a carry-over keeps its findings).
    fn findings(&mut self) -> Vec<Finding<'r>> {
        emptied(&mut self.findings)
    }

    /// The next actions' vector, emptied.
    fn actions(&mut self) -> Vec<NextAction> {
        emptied(&mut self.actions)
    }

    /// The checks' vector, emptied, with room for a dossier's checks.
    fn checks(&mut self) -> Vec<Check> {
        let mut checks = emptied(&mut self.checks);
        checks.reserve(CHECKS);
        checks
    }
}

/// Next actions put into words as they are found.
struct Say<'w, 'r> {
    words: &'w mut Renderer<'r>,
    said: Vec<NextAction>,
}

impl<'r> Sink<'r> for Say<'_, 'r> {
    fn push(&mut self, todo: Todo<'r>) {
        self.said.push(self.words.action(&todo));
    }
}

fn emptied<T>(v: &mut Vec<T>) -> Vec<T> {
    let mut v = std::mem::take(v);
    v.clear();
    v
}

/// Room for a dossier's checks: one per rule (29) and a few more, so that the scratch vector
/// they are made in is, in practice, never reallocated.
const CHECKS: usize = 32;

/// Everything known of one dossier along the evaluation.
struct Track<'r> {
    establishment: Option<&'r Establishment>,
    start: &'r Arc<Edition>,
    current: &'r Arc<Edition>,
    /// The checks, put into words as soon as they are made (a check is 16 bytes where a
    /// finding is 160, so ten thousand dossiers stay in cache), in the order made: the
    /// eligibility checks first (the carry-over replaces the establishment's three), then
    /// the walk's and the deadline's. They are made in the scratch's vector (hot in cache:
    /// the reference counts of the shared texts are bumped there, not beside stores to cold
    /// memory), and the report's vector is made of them at the end, to their exact number.
    /// A dossier that waits for the ranking and the waves moves them to a vector of its own,
    /// with room for those still to come, which becomes the report's (shrunk to fit).
    checks: Vec<Check>,
    /// Whether `checks` is the dossier's own vector (a waiting dossier's), not the scratch's.
    own: bool,
    /// The passed one-per-establishment check of a waiting dossier, made after the pass over
    /// the dossiers (a loser's failed check is among its own checks).
    ranked: Option<Check>,
    declaration: Declaration,
    grid: GridCount,
    walk: Option<Walk<'r>>,
    stage: Stage,
    carried_over_from: Vec<&'r str>,
    carried_over_to: Option<&'r str>,
    /// The day the dossier entered `current` by carry-over (the day after the last day to
    /// confirm in the edition it left, or an earlier hop's, if later); `None` in the edition
    /// it started in.
    entered_on: Option<NaiveDate>,
}

pub(crate) fn evaluate(request: &CampaignRequest) -> Result<CampaignReport, Error> {
    check_writable_dates(request)?;
    let registry = registry_for(request)?;
    let by_fase = check_integrity(request)?;
    let default = registry
        .get(request.edition.id())
        .ok_or_else(|| Error::UnknownEdition { path: "edition".into(), id: request.edition.id().into() })?;
    let as_of = request.as_of;
    let mut words = Renderer::new(request.lang);
    let mut names = Names::default();
    let mut scratch = Scratch::default();

    // What a dossier's report needs of the plan when it is not a confirmed project: nothing
    // but whether the request has waves.
    let no_plan = if request.waves.is_some() { Order::Unscheduled } else { Order::NoWaves };
    // The editions used (a handful): linear dedup, sorted at the end.
    let mut used: Vec<&str> = vec![default.id.as_str()];

    // 2. Eligibility on the starting edition, and (4.) the walk to confirmation, in one pass
    // over the dossiers while each is in cache. A dossier the ranking (3.) cannot concern is
    // reported at once, and so is a ranked one that the waves cannot concern (not confirmed,
    // not carried over), as if it won the ranking: one that loses it is reported again (3.).
    // The others wait for the ranking and the waves, in `waiting`, their report's place kept
    // by a blank.
    let mut reports: Vec<DossierReport> = Vec::with_capacity(request.dossiers.len());
    let mut waiting: Vec<(usize, Track<'_>)> = Vec::with_capacity(request.dossiers.len() / 2);
    let mut candidates: Vec<Candidate> = Vec::with_capacity(request.dossiers.len());
    // For each candidate, its place in `waiting`, when it waits.
    let mut waits_at: Vec<Option<usize>> = Vec::with_capacity(request.dossiers.len());
    let blank = Text::default();
    let mut near = 0;
    for (index, d) in request.dossiers.iter().enumerate() {
        let start = match &d.edition {
            Some(id) => {
                add(&mut used, id);
                registry.get(id).ok_or_else(|| Error::UnknownEdition {
                    path: format!("dossiers[{index}].edition"),
                    id: id.clone(),
                })?
            }
            None => default,
        };
        let establishment = by_fase.get(d.establishment, &mut near);
        let mut t =
            start_track(d, start, establishment, as_of, &mut words, scratch.checks(), &mut scratch.lines);
        if let Some(declared_on) = t.declaration.inside().filter(|_| t.stage == Stage::Declared) {
            candidates.push(Candidate {
                index,
                fase: d.establishment,
                edition: t.start.id.as_str(),
                declared_on,
                id: d.id.as_str(),
            });
            // Walked ahead of the ranking, which the walk does not depend on; a dossier that
            // loses the ranking is started again, unwalked (below).
            walk_with_carry_over(&mut t, d, &registry, as_of, &mut words, &mut scratch);
            let confirmed = t.walk.as_ref().is_some_and(|w| w.confirmed_on.is_some());
            if confirmed || !t.carried_over_from.is_empty() {
                // A project for the waves, or a dossier naming editions that only a won
                // ranking lets it name.
                let mut own = Vec::with_capacity(CHECKS);
                own.append(&mut t.checks);
                scratch.checks = std::mem::replace(&mut t.checks, own);
                t.own = true;
                waits_at.push(Some(waiting.len()));
                waiting.push((index, t));
                reports.push(blank_report(&blank));
                continue;
            }
            waits_at.push(None);
            let ranked = ranked_check(&mut words, t.start, true, &[]);
            t.checks.push(ranked);
        }
        note_editions(&mut used, &t);
        reports.push(finish(&mut t, d, no_plan, as_of, &mut words, &mut names, &mut scratch));
    }

    // 3. One project per establishment and edition, among the dossiers that passed so far.
    let ranking = eligibility::rank_one_per_establishment(&candidates, |id| {
        registry.get(id).map_or(1, |e| e.max_projects_per_establishment)
    });
    for ((c, r), waits_at) in candidates.iter().zip(ranking).zip(waits_at) {
        let d = &request.dossiers[c.index];
        match waits_at {
            Some(at) => {
                let t = &mut waiting[at].1;
                if !r.passed {
                    let (start, establishment) = (t.start, t.establishment);
                    *t = start_track(
                        d,
                        start,
                        establishment,
                        as_of,
                        &mut words,
                        Vec::with_capacity(CHECKS),
                        &mut scratch.lines,
                    );
                    t.own = true;
                    lose(t, &r.others, &mut words);
                } else {
                    t.ranked = Some(ranked_check(&mut words, t.start, true, &[]));
                }
            }
            // Reported as the winner it is.
            None if r.passed => {}
            None => {
                // Reported as a winner: reported again, started again, unwalked.
                let start = registry.get(c.edition).unwrap_or(default);
                let establishment = by_fase.get(d.establishment, &mut near);
                let checks = scratch.checks();
                let mut t =
                    start_track(d, start, establishment, as_of, &mut words, checks, &mut scratch.lines);
                lose(&mut t, &r.others, &mut words);
                reports[c.index] = finish(&mut t, d, no_plan, as_of, &mut words, &mut names, &mut scratch);
            }
        }
    }

    // 5. The waves.
    let plan = request.waves.as_ref().map(|waves| {
        let projects = waiting
            .iter()
            .filter_map(|&(index, ref t)| {
                let signed_on = t.walk.as_ref()?.confirmed_on?;
                let d = &request.dossiers[index];
                Some(Project {
                    index,
                    id: &d.id,
                    fase: d.establishment,
                    confirmed_on: became_project_on(signed_on, t.entered_on),
                    lines: order_lines(d, t.current),
                })
            })
            .collect();
        plan(waves, projects)
    });

    // 6. After the confirmation, and the report.
    for (index, mut t) in waiting {
        let d = &request.dossiers[index];
        // Kept from the edition it started in, where the dossier was ranked (SPEC §4: "after a
        // carry-over the dossier keeps its declaration and its one-per-establishment result"),
        // and reported as kept even when a check above fails in the edition it was carried
        // into: the clause "not ranked, and this check is not reported for it" is about a
        // dossier that failed before the ranking; this one was ranked, and another dossier's
        // failed check may name it as the one retained.
        t.checks.extend(t.ranked.take());
        let order = match &plan {
            None => Order::NoWaves,
            Some(p) => match p.assigned.get(&index) {
                Some(&w) => Order::Wave { id: &p.waves[w].id, order_on: p.waves[w].order_on },
                None => Order::Unscheduled,
            },
        };
        note_editions(&mut used, &t);
        reports[index] = finish(&mut t, d, order, as_of, &mut words, &mut names, &mut scratch);
    }

    used.sort_unstable();
    let fingerprint = fingerprint(used.iter().filter_map(|id| registry.get(id)).map(|e| &**e));

    let (waves, unscheduled) = match plan {
        None => (Vec::new(), Vec::new()),
        Some(p) => {
            let ids = p.unscheduled.iter().map(|&i| request.dossiers[i].id.clone()).collect();
            (p.waves, ids)
        }
    };
    Ok(CampaignReport {
        edition: default.id.clone(),
        as_of,
        lang: request.lang,
        library_version: crate::LIBRARY_VERSION.to_string(),
        fingerprint,
        dossiers: reports,
        waves,
        unscheduled,
    })
}

/// Adds an edition id to the editions used, once.
fn add<'a>(used: &mut Vec<&'a str>, id: &'a str) {
    // Mostly the registry's own text, found by its address.
    if !used.iter().any(|u| std::ptr::eq(*u, id) || *u == id) {
        used.push(id);
    }
}

/// The editions a dossier's report names: the one it is in and those it left.
fn note_editions<'r>(used: &mut Vec<&'r str>, t: &Track<'r>) {
    add(used, &t.current.id);
    for e in &t.carried_over_from {
        add(used, e);
    }
}

/// The one-per-establishment check: when it passes, what it says is the edition's own.
fn ranked_check<'r>(words: &mut Renderer<'r>, start: &'r Edition, passed: bool, others: &[&str]) -> Check {
    if passed {
        words.edition_check(start, Msg::OnePerPass, || eligibility::one_per_establishment(true, &[], start))
    } else {
        words.check(&eligibility::one_per_establishment(false, others, start))
    }
}

/// A dossier started again after losing the ranking: ineligible, its failed check made.
fn lose<'r>(t: &mut Track<'r>, others: &[&str], words: &mut Renderer<'r>) {
    t.stage = Stage::Ineligible;
    let check = ranked_check(words, t.start, false, others);
    t.checks.push(check);
}

/// What keeps a waiting dossier's place among the reports.
fn blank_report(blank: &Text) -> DossierReport {
    DossierReport {
        id: String::new(),
        establishment: 0,
        edition: blank.clone(),
        deadline: NaiveDate::MIN,
        eligible: false,
        stage: Stage::Ineligible,
        checks: Vec::new(),
        points: Default::default(),
        carried_over_from: Vec::new(),
        carried_over_to: None,
        wave: None,
        commitment_ends_on: None,
        next_actions: Vec::new(),
    }
}

/// The establishment and window checks on the starting edition; the stage is `declared` when
/// the dossier may take part in the one-per-establishment ranking.
fn start_track<'r>(
    d: &Dossier,
    start: &'r Arc<Edition>,
    establishment: Option<&'r Establishment>,
    as_of: NaiveDate,
    words: &mut Renderer<'r>,
    checks: Vec<Check>,
    lines: &mut Vec<PointsLine>,
) -> Track<'r> {
    let mut t = Track {
        establishment,
        start,
        current: start,
        checks,
        own: false,
        ranked: None,
        declaration: Declaration::Pending,
        grid: count_with(&start.grid, &d.equipment, &d.extra, lines),
        walk: None,
        stage: Stage::Ineligible,
        carried_over_from: Vec::new(),
        carried_over_to: None,
        entered_on: None,
    };
    let Some(establishment) = establishment else {
        // Only this check and the grid checks are reported.
        let fase = ("fase", Param::Int(d.establishment));
        t.checks.push(words.check(&Finding::new(Msg::EstablishmentUnknown, [fase])));
        return t;
    };
    t.checks.push(words.check(&Finding::new(Msg::EstablishmentKnown, [])));
    let (fits, fit) = fit_checks(establishment, d, start, words);
    t.checks.extend(fits);
    t.declaration = eligibility::declaration(d, start, as_of);
    t.checks.extend(eligibility::declaration_window(t.declaration, start).map(|f| words.check(&f)));
    t.stage = match (fit, t.declaration) {
        (false, _) => Stage::Ineligible,
        (true, Declaration::Pending) => Stage::NotDeclared,
        (true, Declaration::Inside(_)) => Stage::Declared,
        (true, _) => Stage::Ineligible,
    };
    t
}

/// The establishment's three checks against `edition` (level, region, never laureate), in that
/// order, and whether they all pass. What they say of most dossiers is the edition's own, so it
/// is found by the edition (the laureate years an establishment is refused for are its own).
fn fit_checks<'r>(
    establishment: &Establishment,
    d: &Dossier,
    edition: &'r Edition,
    words: &mut Renderer<'r>,
) -> ([Check; 3], bool) {
    use eligibility::{in_region, level, never_laureate, never_laureate_in_excluded_years, region};
    let (level_ok, region_ok) =
        (eligibility::offers_eligible_level(establishment, edition), in_region(establishment, d, edition));
    let never = never_laureate_in_excluded_years(establishment, edition);
    let said = |ok: bool, pass: Msg, fail: Msg| if ok { pass } else { fail };
    let checks = [
        words.edition_check(edition, said(level_ok, Msg::LevelPass, Msg::LevelFail), || {
            level(establishment, edition)
        }),
        if eligibility::lists_only_its_implantations(establishment, d) {
            words.edition_check(edition, said(region_ok, Msg::RegionPass, Msg::RegionFail), || {
                region(establishment, d, edition)
            })
        } else {
            words.check(&region(establishment, d, edition))
        },
        if never {
            words.edition_check(edition, Msg::NeverLaureatePass, || never_laureate(establishment, edition))
        } else {
            words.check(&never_laureate(establishment, edition))
        },
    ];
    (checks, level_ok && region_ok && never)
}

/// Walks the dossier to its confirmation; when it is not confirmed by its edition's deadline,
/// it moves on the day after (inclusive deadline) to the edition's `next`, keeping its events,
/// and is checked again there (`maturity.carry_over`, SPEC §6): level, region and never
/// laureate against the new edition, whose grid and deadline then apply from the day it
/// enters it. When `next` is not a known edition, the dossier stays in the edition it leaves,
/// at stage `carried_over`.
fn walk_with_carry_over<'r>(
    t: &mut Track<'r>,
    d: &Dossier,
    registry: &'r Registry,
    as_of: NaiveDate,
    words: &mut Renderer<'r>,
    scratch: &mut Scratch<'r>,
) {
    let Some(declared_on) = t.declaration.inside() else {
        return;
    };
    let Some(establishment) = t.establishment else {
        return;
    };
    loop {
        let edition: &'r Edition = t.current;
        let walk =
            walk_to_confirmation_in(scratch.findings(), d, edition, declared_on, t.grid.passes(), as_of);
        let last_day = edition.last_day_to_confirm();
        let ed = ("edition", Param::Str(&edition.id));
        let last = ("last_day", Param::Date(last_day));
        if let Some(on) = walk.confirmed_on {
            t.checks.push(
                words.check(&Finding::new(Msg::DeadlineConfirmed, [("date", Param::Date(on)), last, ed])),
            );
        } else if as_of <= last_day {
            t.checks.push(
                words.edition_check(edition, Msg::DeadlineOpen, || {
                    Finding::new(Msg::DeadlineOpen, [last, ed])
                }),
            );
        } else {
            match edition.next.as_deref().map(|id| (id, registry.get(id))) {
                Some((_, Some(next))) => {
                    t.carried_over_from.push(&edition.id);
                    // The later of the days it left the editions so far: a `next` may end
                    // earlier than the edition it follows (each document is valid alone).
                    t.entered_on = t.entered_on.max(last_day.succ_opt());
                    t.current = next;
                    t.grid = count_with(&next.grid, &d.equipment, &d.extra, &mut scratch.lines);
                    let (fits, fit) = fit_checks(establishment, d, next, words);
                    // The declaration and one-per-establishment results are kept; the three
                    // establishment checks are those of the new edition.
                    t.checks.splice(1..4, fits);
                    scratch.findings = walk.findings;
                    if !fit {
                        t.stage = Stage::Ineligible;
                        let done = words.check(&carried(t));
                        t.checks.push(done);
                        return;
                    }
                    continue;
                }
                Some((id, None)) => {
                    t.carried_over_to = Some(id);
                    t.checks.push(words.edition_check(edition, Msg::DeadlinePassed, || {
                        Finding::new(Msg::DeadlinePassed, [last, ed])
                    }));
                    t.checks.push(words.edition_check(edition, Msg::CarryOverWaiting, || {
                        Finding::new(Msg::CarryOverWaiting, [("to", Param::Str(id))])
                    }));
                }
                None => {
                    let passed = || Finding::new(Msg::DeadlinePassed, [last, ed.clone()]);
                    t.checks.push(words.edition_check(edition, Msg::DeadlinePassed, passed));
                    let nowhere = || Finding::new(Msg::CarryOverNowhere, [ed.clone()]);
                    t.checks.push(words.edition_check(edition, Msg::CarryOverNowhere, nowhere));
                }
            }
            t.stage = Stage::CarriedOver;
            keep_walk(t, walk, words, scratch);
            return;
        }
        if !t.carried_over_from.is_empty() {
            let done = words.check(&carried(t));
            t.checks.push(done);
        }
        t.stage = walk.stage;
        keep_walk(t, walk, words, scratch);
        return;
    }
}

/// Keeps the walk, its checks so far put into words; its findings' vector goes back to the
/// scratch for the next walk.
fn keep_walk<'r>(t: &mut Track<'r>, mut walk: Walk<'r>, words: &mut Renderer<'r>, scratch: &mut Scratch<'r>) {
    t.checks.extend(walk.findings.iter().map(|f| words.check(f)));
    scratch.findings = std::mem::take(&mut walk.findings);
    t.walk = Some(walk);
}

fn carried<'r>(t: &Track<'r>) -> Finding<'r> {
    let from = t.carried_over_from.last().copied().unwrap_or_default();
    let on = t.entered_on.map_or(Param::Absent, Param::Date);
    Finding::new(
        Msg::CarryOverDone,
        [("from", Param::Str(from)), ("to", Param::Str(&t.current.id)), ("date", on)],
    )
}

/// The day a confirmed dossier became a project, which places it in the waves (SPEC §7: "the
/// earliest wave with `order_on` on or after its confirmation"): its signature day, or, when
/// it was carried over, the day it entered the edition it is confirmed in, if later. A
/// signature older than that day did not make it a project in the edition it left (else it
/// would not have been carried over): on the days before, the report of that `as_of` has it
/// unconfirmed. Dating it by the signature alone would put it into a wave that had already
/// ordered without it, retroactively, taking the room of a project already ordered there,
/// whose stage would then go back from `ordered` to `confirmed` as `as_of` grows (SPEC §2:
/// the result is "what was known on that day"; and a stage never moves backward, a property
/// the tests check).
/// The stage's own event, for the chronology and the messages, stays the signature.
fn became_project_on(signed_on: NaiveDate, entered_on: Option<NaiveDate>) -> NaiveDate {
    entered_on.map_or(signed_on, |entered| entered.max(signed_on))
}

/// The project's per-unit lines, summed per item and sorted by item, with their lots (rated
/// lines are assessments, not equipment; extra purchases are never part of the waves).
fn order_lines<'r>(d: &'r Dossier, edition: &'r Edition) -> Vec<(&'r str, &'r str, i64)> {
    let mut lines: Vec<(&str, &str, i64)> = Vec::with_capacity(d.equipment.len());
    for e in &d.equipment {
        // Named by the grid's own text: one address per item, compared as such.
        if let Some(line) = edition.grid.line(&e.item).filter(|l| !l.rated) {
            match lines.iter_mut().find(|(item, _, _)| std::ptr::eq(*item, &*line.id)) {
                Some(entry) => entry.2 = entry.2.saturating_add(e.quantity),
                None => lines.push((&line.id, &line.lot, e.quantity)),
            }
        }
    }
    lines.sort_unstable_by_key(|&(item, _, _)| item);
    lines
}

/// Sorts the checks by rule, keeping the walk order within one rule (stable). The checks come
/// nearly sorted (only the grid's and the chronology's come late), so an insertion sort moves
/// a handful of them, in place: the standard stable sort takes a scratch buffer from the
/// allocator for more than 20 elements, once per dossier.
fn in_rule_order(checks: &mut [Check]) {
    for i in 1..checks.len() {
        let rule = checks[i].rule;
        let mut j = i;
        while j > 0 && checks[j - 1].rule > rule {
            j -= 1;
        }
        if j < i {
            checks[j..=i].rotate_right(1);
        }
    }
}

/// Walks on past the confirmation, lists the next actions and puts the report into words.
fn finish<'r>(
    t: &mut Track<'r>,
    d: &Dossier,
    order: Order<'r>,
    as_of: NaiveDate,
    words: &mut Renderer<'r>,
    names: &mut Names<'r>,
    scratch: &mut Scratch<'r>,
) -> DossierReport {
    let current: &'r Edition = t.current;
    // The next actions are put into words as they are found.
    let mut todo = Say { words, said: scratch.actions() };
    let mut commitment_ends_on = None;
    let mut checks = std::mem::take(&mut t.checks);
    let grid = &t.grid;
    checks.push(if grid.unknown_items.is_empty() {
        todo.words.edition_check(current, Msg::KnownItemPass, || grid.known_item(current))
    } else {
        todo.words.check(&grid.known_item(current))
    });
    checks.push(todo.words.check(&grid.quantity()));
    checks.push(todo.words.check(&grid.max_points()));
    match (&mut t.walk, t.stage) {
        (Some(walk), Stage::CarriedOver) => {
            checks.push(todo.words.check(&walk.chronology_finding()));
            if let Some(to) = t.carried_over_to {
                todo.push(Todo::new(Msg::DoAwaitEdition, [("to", Param::Str(to))], None));
            }
        }
        (Some(walk), _) => {
            walk.findings = scratch.findings();
            walk_after_confirmation(walk, d, current, &order, as_of);
            t.stage = walk.stage;
            commitment_ends_on = walk.commitment_ends_on;
            next_actions_into(&mut todo, walk, d, current, &t.grid, &order, as_of);
            checks.push(todo.words.check(&walk.chronology_finding()));
        }
        (None, Stage::NotDeclared) => {
            let closes = t.start.declaration.closes;
            todo.push(Todo::new(Msg::DoDeclare, [("due", Param::Date(closes))], Some(closes)));
        }
        (None, _) => {}
    }
    let Say { words, said: mut actions } = todo;
    if let Some(walk) = &mut t.walk {
        // What the walk found past the confirmation.
        checks.extend(walk.findings.iter().map(|f| words.check(f)));
        if walk.findings.capacity() > 0 {
            scratch.findings = std::mem::take(&mut walk.findings);
        }
    }
    in_rule_order(&mut checks);
    let kept = if t.own {
        checks.shrink_to_fit();
        checks
    } else {
        // The report's own vector, to the exact number; the scratch's goes back.
        let mut kept = Vec::with_capacity(checks.len());
        kept.append(&mut checks);
        scratch.checks = checks;
        kept
    };
    let mut next_actions = Vec::with_capacity(actions.len());
    next_actions.append(&mut actions);
    scratch.actions = actions;
    let wave = match order {
        Order::Wave { id, .. } => Some(names.get(id)),
        _ => None,
    };
    DossierReport {
        id: d.id.clone(),
        establishment: d.establishment,
        edition: names.get(&current.id),
        deadline: current.dossier_deadline,
        eligible: !matches!(t.stage, Stage::Ineligible | Stage::NotDeclared),
        stage: t.stage,
        checks: kept,
        points: std::mem::take(&mut t.grid.points),
        carried_over_from: t.carried_over_from.iter().map(|s| names.get(s)).collect(),
        carried_over_to: t.carried_over_to.map(|s| names.get(s)),
        wave,
        commitment_ends_on,
        next_actions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rule;
    use proptest::prelude::*;

    fn establishment(fase: Fase) -> Establishment {
        Establishment {
            fase,
            name: String::new(),
            offers: vec![],
            implantations: vec![],
            laureate_years: vec![],
        }
    }

    proptest! {
        /// Found from anywhere in a sorted list (the last place found being any place, even
        /// past the end): the establishment of that FASE, or none; as the hashed table says.
        #[test]
        fn by_fase_finds_what_a_table_finds(
            fases in proptest::collection::btree_set(-20i64..200, 0..30),
            asked in proptest::collection::vec((-25i64..210, 0usize..40), 1..60),
        ) {
            let list: Vec<Establishment> = fases.iter().map(|&f| establishment(f)).collect();
            let sorted = ByFase::Sorted(&list);
            let hashed = ByFase::Hashed(list.iter().map(|e| (e.fase, e)).collect());
            let mut kept = 0;
            for (fase, near) in asked {
                let mut anywhere = near;
                let found = sorted.get(fase, &mut anywhere).map(|e| e.fase);
                prop_assert_eq!(found, hashed.get(fase, &mut 0).map(|e| e.fase));
                prop_assert_eq!(found, fases.contains(&fase).then_some(fase));
                prop_assert_eq!(sorted.get(fase, &mut kept).map(|e| e.fase), found);
            }
        }
    }

    /// Establishments in FASE order are not hashed; in any other order they are, and a FASE
    /// given twice is refused either way.
    #[test]
    fn establishments_in_fase_order_are_searched_others_hashed() {
        let mut request = crate::sample::campaign(5);
        assert!(matches!(check_integrity(&request), Ok(ByFase::Sorted(_))));
        request.establishments.swap(0, 4);
        assert!(matches!(check_integrity(&request), Ok(ByFase::Hashed(_))));
        request.establishments[1].fase = request.establishments[2].fase;
        assert!(check_integrity(&request).is_err());
        request.establishments.sort_by_key(|e| e.fase);
        assert!(check_integrity(&request).is_err());
    }

    proptest! {
        /// The checks end in rule order, those of one rule in the order they came: the same
        /// as the standard stable sort.
        #[test]
        fn in_rule_order_is_a_stable_sort(rules in proptest::collection::vec(0..Rule::ALL.len(), 0..40)) {
            let checks: Vec<Check> = rules
                .iter()
                .enumerate()
                .map(|(n, &r)| Check {
                    rule: Rule::ALL[r],
                    passed: n % 2 == 0,
                    blocking: true,
                    message: Text::from(n.to_string()),
                })
                .collect();
            let mut expected = checks.clone();
            expected.sort_by_key(|c| c.rule);
            let mut sorted = checks;
            in_rule_order(&mut sorted);
            prop_assert_eq!(sorted, expected);
        }
    }
}
