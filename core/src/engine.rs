//! The campaign engine: editions and request in, checks and stages computed, report out.
//!
//! 1. the request's registry of editions is built and validated;
//! 2. each dossier is checked for eligibility on the edition it starts in;
//! 3. `eligibility.one_per_establishment` ranks the dossiers that passed everything above;
//! 4. each eligible dossier walks to its confirmation, carried over edition after edition
//!    while it misses a deadline and the next edition is known;
//! 5. the confirmed projects are planned into the waves;
//! 6. the walks go on past the confirmation, and the next actions are listed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::campaign::{
    CampaignReport, CampaignRequest, Dossier, DossierReport, EditionRef, Establishment, Fase, Stage,
};
use crate::dates::format_date;
use crate::dossier::{next_actions, walk_after_confirmation, walk_to_confirmation, Order, Walk};
use crate::edition::{fingerprint, Edition, Registry};
use crate::eligibility::{self, Candidate, Declaration};
use crate::error::Error;
use crate::grid::{count, GridCount};
use crate::messages::Msg;
use crate::rules::{Finding, Todo};
use crate::waves::{plan, Project};

/// The editions a request can use: the built-in ones, then its `editions`, then its
/// `edition` document (which replaces a built-in edition of the same id).
pub(crate) fn registry_for(request: &CampaignRequest) -> Result<Registry, Error> {
    let mut registry = Registry::builtin().clone();
    let mut places: HashMap<String, String> = HashMap::new();
    for (i, doc) in request.editions.iter().enumerate() {
        let place = format!("editions[{i}]");
        let edition = doc.clone().validated().map_err(|e| e.under(&place))?;
        if places.contains_key(&edition.id) {
            return Err(Error::request(
                format!("{place}.id"),
                format!("the edition `{}` is given twice", edition.id),
            ));
        }
        places.insert(edition.id.clone(), place);
        registry.insert(edition);
    }
    if let EditionRef::Document(doc) = &request.edition {
        let edition = Edition::clone(doc)
            .validated()
            .map_err(|e| e.under("edition"))?;
        places.insert(edition.id.clone(), "edition".to_string());
        registry.insert(edition);
    }
    registry.check_no_cycle(|id| places.get(id).cloned().unwrap_or_else(|| id.to_string()))?;
    Ok(registry)
}

/// Refuses what makes a request unreadable beyond its types: duplicate FASE numbers, dossier
/// ids and wave ids, negative capacities.
fn check_integrity(request: &CampaignRequest) -> Result<HashMap<Fase, &Establishment>, Error> {
    let mut by_fase = HashMap::with_capacity(request.establishments.len());
    for (i, e) in request.establishments.iter().enumerate() {
        if by_fase.insert(e.fase, e).is_some() {
            return Err(Error::request(
                format!("establishments[{i}].fase"),
                format!("FASE {} is given to two establishments", e.fase),
            ));
        }
    }
    let mut ids = HashSet::with_capacity(request.dossiers.len());
    for (i, d) in request.dossiers.iter().enumerate() {
        if !ids.insert(d.id.as_str()) {
            return Err(Error::request(
                format!("dossiers[{i}].id"),
                format!("the dossier id `{}` is used twice", d.id),
            ));
        }
    }
    let mut wave_ids = HashSet::new();
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

/// Everything known of one dossier along the evaluation.
struct Track<'r> {
    establishment: Option<&'r Establishment>,
    start: &'r Arc<Edition>,
    current: &'r Arc<Edition>,
    eligibility: Vec<Finding>,
    declaration: Declaration,
    grid: GridCount,
    walk: Option<Walk>,
    stage: Stage,
    carried_over_from: Vec<String>,
    carried_over_to: Option<String>,
    maturity: Vec<Finding>,
    order: Order,
}

pub(crate) fn evaluate(request: &CampaignRequest) -> Result<CampaignReport, Error> {
    let registry = registry_for(request)?;
    let by_fase = check_integrity(request)?;
    let default = registry
        .get(request.edition.id())
        .ok_or_else(|| Error::UnknownEdition {
            path: "edition".into(),
            id: request.edition.id().into(),
        })?;
    let as_of = request.as_of;

    // 2. Eligibility on the starting edition.
    let mut tracks = Vec::with_capacity(request.dossiers.len());
    for (i, d) in request.dossiers.iter().enumerate() {
        let start = match &d.edition {
            Some(id) => registry.get(id).ok_or_else(|| Error::UnknownEdition {
                path: format!("dossiers[{i}].edition"),
                id: id.clone(),
            })?,
            None => default,
        };
        tracks.push(start_track(
            d,
            start,
            by_fase.get(&d.establishment).copied(),
            as_of,
        ));
    }

    // 3. One project per establishment and edition, among the dossiers that passed so far.
    let candidates: Vec<Candidate> = tracks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.stage == Stage::Declared)
        .filter_map(|(index, t)| {
            let d = &request.dossiers[index];
            Some(Candidate {
                index,
                fase: d.establishment,
                edition: t.start.id.as_str(),
                declared_on: t.declaration.inside()?,
                id: d.id.as_str(),
            })
        })
        .collect();
    let ranking = eligibility::rank_one_per_establishment(&candidates, |id| {
        registry
            .get(id)
            .map_or(1, |e| e.max_projects_per_establishment)
    });
    for (index, (passed, others)) in ranking {
        let t = &mut tracks[index];
        t.eligibility
            .push(eligibility::one_per_establishment(passed, &others, t.start));
        if !passed {
            t.stage = Stage::Ineligible;
        }
    }

    // 4. The walk to confirmation, with carry-over.
    for (t, d) in tracks.iter_mut().zip(&request.dossiers) {
        if t.stage == Stage::Declared {
            walk_with_carry_over(t, d, &registry, as_of);
        }
    }

    // 5. The waves.
    let plan = request.waves.as_ref().map(|waves| {
        let projects = tracks
            .iter()
            .zip(&request.dossiers)
            .enumerate()
            .filter_map(|(index, (t, d))| {
                let confirmed_on = t.walk.as_ref()?.confirmed_on?;
                Some(Project {
                    index,
                    id: d.id.clone(),
                    fase: d.establishment,
                    confirmed_on,
                    lines: order_lines(d, t.current),
                })
            })
            .collect();
        plan(waves, projects)
    });

    // 6. After the confirmation, and the report.
    let mut reports = Vec::with_capacity(tracks.len());
    for (index, (mut t, d)) in tracks.into_iter().zip(&request.dossiers).enumerate() {
        t.order = match &plan {
            None => Order::NoWaves,
            Some(p) => match p.assigned.get(&index) {
                Some(&w) => Order::Wave {
                    id: p.waves[w].id.clone(),
                    order_on: p.waves[w].order_on,
                },
                None => Order::Unscheduled,
            },
        };
        reports.push(finish(t, d, as_of, request.lang));
    }

    let mut used: BTreeSet<&str> = BTreeSet::new();
    used.insert(default.id.as_str());
    for r in &reports {
        used.insert(r.edition.as_str());
        used.extend(r.carried_over_from.iter().map(String::as_str));
    }
    for d in &request.dossiers {
        used.extend(d.edition.as_deref());
    }
    let fingerprint = fingerprint(used.iter().filter_map(|id| registry.get(id)).map(|e| &**e));

    let (waves, unscheduled) = match plan {
        None => (Vec::new(), Vec::new()),
        Some(p) => {
            let ids = p
                .unscheduled
                .iter()
                .map(|&i| request.dossiers[i].id.clone())
                .collect();
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

/// The establishment and window checks on the starting edition; the stage is `declared` when
/// the dossier may take part in the one-per-establishment ranking.
fn start_track<'r>(
    d: &Dossier,
    start: &'r Arc<Edition>,
    establishment: Option<&'r Establishment>,
    as_of: NaiveDate,
) -> Track<'r> {
    let mut t = Track {
        establishment,
        start,
        current: start,
        eligibility: Vec::with_capacity(6),
        declaration: Declaration::Pending,
        grid: count(&start.grid, &d.equipment, &d.extra),
        walk: None,
        stage: Stage::Ineligible,
        carried_over_from: Vec::new(),
        carried_over_to: None,
        maturity: Vec::new(),
        order: Order::NoWaves,
    };
    let fase = ("fase", d.establishment.to_string());
    let Some(establishment) = establishment else {
        // Only this check and the grid checks are reported.
        t.eligibility
            .push(Finding::new(Msg::EstablishmentUnknown, vec![fase]));
        return t;
    };
    t.eligibility
        .push(Finding::new(Msg::EstablishmentKnown, vec![fase]));
    let fits = eligibility::establishment_fits(establishment, d, start);
    let fit = fits.iter().all(|f| f.passed);
    t.eligibility.extend(fits);
    t.declaration = eligibility::declaration(d, start, as_of);
    t.eligibility
        .extend(eligibility::declaration_window(t.declaration, start));
    t.stage = match (fit, t.declaration) {
        (false, _) => Stage::Ineligible,
        (true, Declaration::Pending) => Stage::NotDeclared,
        (true, Declaration::Inside(_)) => Stage::Declared,
        (true, _) => Stage::Ineligible,
    };
    t
}

/// Walks the dossier to its confirmation; when it is not confirmed by its edition's deadline,
/// it moves on the day after (inclusive deadline) to the edition's `next`, keeping its events,
/// and is checked again there (`maturity.carry_over`, SPEC §6): level, region and never
/// laureate against the new edition, whose grid and deadline then apply. When `next` is not a
/// known edition, the dossier stays in the edition it leaves, at stage `carried_over`.
fn walk_with_carry_over<'r>(
    t: &mut Track<'r>,
    d: &Dossier,
    registry: &'r Registry,
    as_of: NaiveDate,
) {
    let Some(declared_on) = t.declaration.inside() else {
        return;
    };
    let Some(establishment) = t.establishment else {
        return;
    };
    loop {
        let edition = t.current;
        let walk = walk_to_confirmation(d, edition, declared_on, t.grid.passes(), as_of);
        let last_day = edition.last_day_to_confirm();
        let ed = ("edition", edition.id.clone());
        if let Some(on) = walk.confirmed_on {
            t.maturity.push(Finding::new(
                Msg::DeadlineConfirmed,
                vec![
                    ("date", format_date(on)),
                    ed,
                    ("deadline", format_date(edition.dossier_deadline)),
                ],
            ));
        } else if as_of <= last_day {
            t.maturity.push(Finding::new(
                Msg::DeadlineOpen,
                vec![("last_day", format_date(last_day)), ed],
            ));
        } else {
            match edition.next.as_deref().map(|id| (id, registry.get(id))) {
                Some((_, Some(next))) => {
                    t.carried_over_from.push(edition.id.clone());
                    t.current = next;
                    t.grid = count(&next.grid, &d.equipment, &d.extra);
                    let fits = eligibility::establishment_fits(establishment, d, next);
                    let fit = fits.iter().all(|f| f.passed);
                    // The declaration and one-per-establishment results are kept; the three
                    // establishment checks are those of the new edition.
                    t.eligibility.splice(1..4, fits);
                    if !fit {
                        t.stage = Stage::Ineligible;
                        t.maturity.push(carried(t));
                        return;
                    }
                    continue;
                }
                Some((id, None)) => {
                    t.carried_over_to = Some(id.to_string());
                    t.maturity.push(Finding::new(
                        Msg::DeadlinePassed,
                        vec![("last_day", format_date(last_day)), ed],
                    ));
                    t.maturity.push(Finding::new(
                        Msg::CarryOverWaiting,
                        vec![("to", id.to_string())],
                    ));
                }
                None => {
                    t.maturity.push(Finding::new(
                        Msg::DeadlinePassed,
                        vec![("last_day", format_date(last_day)), ed.clone()],
                    ));
                    t.maturity
                        .push(Finding::new(Msg::CarryOverNowhere, vec![ed]));
                }
            }
            t.stage = Stage::CarriedOver;
            t.walk = Some(walk);
            return;
        }
        if !t.carried_over_from.is_empty() {
            let done = carried(t);
            t.maturity.push(done);
        }
        t.stage = walk.stage;
        t.walk = Some(walk);
        return;
    }
}

fn carried(t: &Track<'_>) -> Finding {
    let from = t.carried_over_from.last().cloned().unwrap_or_default();
    Finding::new(
        Msg::CarryOverDone,
        vec![("from", from), ("to", t.current.id.clone())],
    )
}

/// The project's per-unit lines, summed per item, with their lots (rated lines are
/// assessments, not equipment; extra purchases are never part of the waves).
fn order_lines(d: &Dossier, edition: &Edition) -> BTreeMap<String, (String, i64)> {
    let mut lines: BTreeMap<String, (String, i64)> = BTreeMap::new();
    for e in &d.equipment {
        if let Some(line) = edition.grid.line(&e.item).filter(|l| !l.rated) {
            let entry = lines
                .entry(e.item.clone())
                .or_insert_with(|| (line.lot.clone(), 0));
            entry.1 = entry.1.saturating_add(e.quantity);
        }
    }
    lines
}

fn finish(
    mut t: Track<'_>,
    d: &Dossier,
    as_of: NaiveDate,
    lang: crate::messages::Lang,
) -> DossierReport {
    let mut findings = std::mem::take(&mut t.eligibility);
    findings.extend(t.grid.findings(t.current));
    let mut todo: Vec<Todo> = Vec::new();
    let mut commitment_ends_on = None;
    match (&mut t.walk, t.stage) {
        (Some(walk), Stage::CarriedOver) => {
            findings.push(walk.chronology_finding());
            findings.append(&mut walk.findings);
            if let Some(to) = &t.carried_over_to {
                todo.push(Todo {
                    msg: Msg::DoAwaitEdition,
                    params: vec![("to", to.clone())],
                    due: None,
                });
            }
        }
        (Some(walk), _) => {
            walk_after_confirmation(walk, d, t.current, &t.order, as_of);
            t.stage = walk.stage;
            commitment_ends_on = walk.commitment_ends_on;
            todo = next_actions(walk, d, t.current, &t.grid, &t.order, as_of);
            findings.push(walk.chronology_finding());
            findings.append(&mut walk.findings);
        }
        (None, Stage::NotDeclared) => {
            let closes = t.start.declaration.closes;
            todo.push(Todo {
                msg: Msg::DoDeclare,
                params: vec![("due", format_date(closes))],
                due: Some(closes),
            });
        }
        (None, _) => {}
    }
    findings.append(&mut t.maturity);
    findings.sort_by_key(|f| f.rule);
    let wave = match (&t.order, t.stage) {
        (Order::Wave { id, .. }, s)
            if !matches!(
                s,
                Stage::Ineligible | Stage::NotDeclared | Stage::CarriedOver
            ) =>
        {
            Some(id.clone())
        }
        _ => None,
    };
    DossierReport {
        id: d.id.clone(),
        establishment: d.establishment,
        edition: t.current.id.clone(),
        deadline: t.current.dossier_deadline,
        eligible: !matches!(t.stage, Stage::Ineligible | Stage::NotDeclared),
        stage: t.stage,
        checks: findings.iter().map(|f| f.render(lang)).collect(),
        points: t.grid.points,
        carried_over_from: t.carried_over_from,
        carried_over_to: t.carried_over_to,
        wave,
        commitment_ends_on,
        next_actions: todo.iter().map(|a| a.render(lang)).collect(),
    }
}
