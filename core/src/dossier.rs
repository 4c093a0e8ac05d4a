//! The dossier's way through the process (SPEC §6; seed "3. Processus d'appel à projets",
//! steps 2–13): stages, their guards, and the next actions.
//!
//! Each stage is reached by a dated event whose guards hold, and every event must be dated on
//! or after the event of the stage before it (`dossier.chronology`). Events dated after
//! `as_of` are not known yet: they fail nothing. The walk stops at the first failed blocking
//! check; nothing after it is reported.
//!
//! The walk is done in two halves because the waves (§7) need to know every confirmed project
//! before anyone's `ordered` stage can be decided: [`walk_to_confirmation`], then, once the
//! plan is made, [`walk_after_confirmation`]. Carry-over across editions is decided by the
//! campaign engine between walks.

use chrono::NaiveDate;

use crate::campaign::{Dossier, Stage};
use crate::dates::add_years;
use crate::edition::Edition;
use crate::messages::{Label, Msg};
use crate::rules::{Finding, Param, Rule, Todo};

/// The walk of one dossier along the stages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk<'a> {
    /// The stage reached.
    pub stage: Stage,
    /// The process checks reported, in walk order (without `dossier.chronology`).
    pub findings: Vec<Finding<'a>>,
    /// The failed `dossier.chronology` check, if an event came before the one of the stage
    /// before it: the stage it would have reached.
    pub chronology: Option<Box<Finding<'a>>>,
    /// The stage whose event broke the chronology.
    pub broken_at: Option<Stage>,
    /// The walk stopped at a failed blocking check (chronology or a guard).
    pub stopped: bool,
    /// The date of the last event reached.
    pub last_event: NaiveDate,
    /// The confirmation (signature) day, when confirmed in time.
    pub confirmed_on: Option<NaiveDate>,
    /// Visit + commitment years, once in project.
    pub commitment_ends_on: Option<NaiveDate>,
}

/// How the project's order stands after the wave plan (§7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order<'a> {
    /// The request has no `waves`: the `ordered` stage is skipped.
    NoWaves,
    /// No wave can take the project.
    Unscheduled,
    /// The wave that takes it.
    Wave {
        /// Wave id.
        id: &'a str,
        /// Its order day.
        order_on: NaiveDate,
    },
}

impl<'a> Walk<'a> {
    /// A walk from the declaration, its findings pushed to `findings` (empty), whose room a
    /// caller walking many dossiers hands from one walk to the next.
    fn start(declared_on: NaiveDate, findings: Vec<Finding<'a>>) -> Walk<'a> {
        Walk {
            stage: Stage::Declared,
            findings,
            chronology: None,
            broken_at: None,
            stopped: false,
            last_event: declared_on,
            confirmed_on: None,
            commitment_ends_on: None,
        }
    }

    /// `dossier.chronology`: the event of `stage` is dated on or after the event of the stage
    /// before it. On failure the walk stops at the stage before.
    fn in_order(&mut self, stage: Stage, on: NaiveDate) -> bool {
        if on < self.last_event {
            self.chronology = Some(Box::new(Finding::new(
                Msg::ChronologyFail,
                [
                    ("stage", Param::Stage(stage)),
                    ("date", Param::Date(on)),
                    ("previous", Param::Date(self.last_event)),
                ],
            )));
            self.broken_at = Some(stage);
            self.stopped = true;
            false
        } else {
            true
        }
    }

    /// Reports `finding`; stops the walk if it is a failed blocking check.
    fn guard(&mut self, finding: Finding<'a>) -> bool {
        let blocks = finding.blocks();
        self.findings.push(finding);
        if blocks {
            self.stopped = true;
        }
        !blocks
    }

    fn reach(&mut self, stage: Stage, on: NaiveDate) {
        self.stage = stage;
        self.last_event = on;
    }

    /// The `dossier.chronology` check as reported: the failure, or a pass.
    pub fn chronology_finding(&self) -> Finding<'a> {
        self.chronology.as_deref().cloned().unwrap_or_else(|| Finding::new(Msg::ChronologyPass, []))
    }
}

fn known(date: Option<NaiveDate>, as_of: NaiveDate) -> Option<NaiveDate> {
    date.filter(|d| *d <= as_of)
}

/// What the prior survey still lacks (step 4, "Enquête préalable"): a referent named;
/// connectivity and school infrastructure assessed; works needed ⇒ PO contacted; works
/// needed or bandwidth insufficient ⇒ means committed ("Si nécessaire (engagements)").
/// Each item is named by the field of the request it concerns.
pub fn survey_gaps(dossier: &Dossier) -> Vec<Label> {
    survey_lacks(dossier).into_iter().flatten().collect()
}

/// [`survey_gaps`], in place: what the next actions go through without keeping it.
fn survey_lacks(dossier: &Dossier) -> [Option<Label>; 5] {
    let s = &dossier.survey;
    let lacks = |missing: bool, label: Label| missing.then_some(label);
    [
        lacks(s.referent.as_deref().is_none_or(|r| r.trim().is_empty()), Label::Referent),
        lacks(!s.connectivity_assessed, Label::ConnectivityAssessed),
        lacks(!s.infrastructure_assessed, Label::InfrastructureAssessed),
        lacks(s.works_needed && !s.po_contacted, Label::PoContacted),
        lacks((s.works_needed || !s.bandwidth_sufficient) && !s.means_committed, Label::MeansCommitted),
    ]
}

/// The approvals missing on `as_of`, or dated after the signature (steps 7–8: "Le projet a
/// reçu l'accord du conseiller Ecole Numérique et de l'expert pédagogique"). One of four
/// fixed lists, so that saying them takes no allocation.
fn approval_gaps(dossier: &Dossier, as_of: NaiveDate) -> &'static [Label] {
    let signed = known(dossier.signed_on, as_of);
    let ok = |approval: Option<NaiveDate>| match (known(approval, as_of), signed) {
        (Some(a), Some(s)) => a <= s,
        (Some(_), None) => true,
        (None, _) => false,
    };
    match (ok(dossier.cen_approved_on), ok(dossier.expert_approved_on)) {
        (true, true) => &[],
        (false, true) => &[Label::Cen],
        (true, false) => &[Label::Expert],
        (false, false) => &[Label::Cen, Label::Expert],
    }
}

/// Walks from the declaration up to the confirmation (steps 3–8) in `edition`, whose grid
/// checks gave `grid_passes`. The `maturity.deadline` guard is the signature being on or
/// before the edition's last day to confirm.
///
/// The confirmation is dated by its event, `signed_on` (SPEC §6: each stage is "reached by a
/// dated event"), in a carried-over dossier too: carry-over keeps "every event it had", so a
/// signature older than the day the dossier entered `edition` still dates its confirmation
/// and its chronology. Its place in the waves is dated by the day it became a project there,
/// the later of the two (the campaign engine's `became_project_on`).
pub fn walk_to_confirmation<'a>(
    dossier: &Dossier,
    edition: &Edition,
    declared_on: NaiveDate,
    grid_passes: bool,
    as_of: NaiveDate,
) -> Walk<'a> {
    let findings = Vec::with_capacity(12);
    walk_to_confirmation_in(findings, dossier, edition, declared_on, grid_passes, as_of)
}

/// [`walk_to_confirmation`], its findings pushed to `findings`, an empty vector: the campaign
/// engine hands one from dossier to dossier instead of allocating one per walk.
pub(crate) fn walk_to_confirmation_in<'a>(
    findings: Vec<Finding<'a>>,
    dossier: &Dossier,
    edition: &Edition,
    declared_on: NaiveDate,
    grid_passes: bool,
    as_of: NaiveDate,
) -> Walk<'a> {
    let mut walk = Walk::start(declared_on, findings);
    // Step 3: the CEN contacts the direction.
    let Some(contact) = known(dossier.first_contact_on, as_of) else {
        return walk;
    };
    if !walk.in_order(Stage::Contacted, contact) {
        return walk;
    }
    walk.reach(Stage::Contacted, contact);
    // Step 4: the prior survey.
    let Some(surveyed) = known(dossier.survey.completed_on, as_of) else {
        return walk;
    };
    if !walk.in_order(Stage::Surveyed, surveyed) {
        return walk;
    }
    let gaps = survey_gaps(dossier);
    let survey = if gaps.is_empty() {
        Finding::new(Msg::SurveyPass, [("date", Param::Date(surveyed))])
    } else {
        Finding::new(Msg::SurveyFail, [("items", Param::Labels(gaps))])
    };
    if !walk.guard(survey) {
        return walk;
    }
    walk.reach(Stage::Surveyed, surveyed);
    // Step 5: the CEN opens the candidature space (the school was informed and surveyed).
    let Some(opened) = known(dossier.space_opened_on, as_of) else {
        return walk;
    };
    if !walk.in_order(Stage::SpaceOpened, opened) {
        return walk;
    }
    walk.reach(Stage::SpaceOpened, opened);
    // Steps 7–8: approvals, signature by the PO and/or the direction, grid, deadline.
    let Some(signed) = known(dossier.signed_on, as_of) else {
        return walk;
    };
    if !walk.in_order(Stage::Confirmed, signed) {
        return walk;
    }
    let gaps = approval_gaps(dossier, as_of);
    let approvals = if gaps.is_empty() {
        Finding::new(Msg::ApprovalsPass, [])
    } else {
        Finding::new(Msg::ApprovalsFail, [("items", Param::Fixed(gaps))])
    };
    if !walk.guard(approvals) {
        return walk;
    }
    let signature = if dossier.signed_by.is_empty() {
        Finding::new(Msg::SignatureFail, [])
    } else {
        let po = dossier.signed_by.contains(&crate::campaign::Signer::Po);
        let direction = dossier.signed_by.contains(&crate::campaign::Signer::Direction);
        let by: &'static [Label] = match (po, direction) {
            (true, true) => &[Label::Po, Label::Direction],
            (true, false) => &[Label::Po],
            _ => &[Label::Direction],
        };
        Finding::new(Msg::SignaturePass, [("date", Param::Date(signed)), ("items", Param::Fixed(by))])
    };
    if !walk.guard(signature) {
        return walk;
    }
    if !grid_passes {
        // The failed grid check, reported with the grid, is the one that stops the walk.
        walk.stopped = true;
        return walk;
    }
    if signed > edition.last_day_to_confirm() {
        // Not mature in time: the engine carries the dossier over (or reports the deadline).
        return walk;
    }
    walk.reach(Stage::Confirmed, signed);
    walk.confirmed_on = Some(signed);
    walk
}

/// Walks on from the confirmation (steps 9–13), once the wave plan is known.
pub fn walk_after_confirmation(
    walk: &mut Walk<'_>,
    dossier: &Dossier,
    edition: &Edition,
    order: &Order<'_>,
    as_of: NaiveDate,
) {
    if walk.stage != Stage::Confirmed {
        return;
    }
    // Step 9: SPW orders with the project's wave. An unscheduled project, or one whose wave
    // has not ordered by `as_of`, stays `confirmed`: the stages are reached in order, so a
    // delivery dated before its order is not reached, and its remarks are not reported (the
    // walk reports each stage it reaches, SPEC §6).
    match order {
        Order::NoWaves => {}
        Order::Unscheduled => return,
        Order::Wave { order_on, .. } => {
            if *order_on > as_of {
                return;
            }
            // The plan never orders before the confirmation; checked all the same.
            if !walk.in_order(Stage::Ordered, *order_on) {
                return;
            }
            walk.reach(Stage::Ordered, *order_on);
        }
    }
    // Step 10: delivery. The remarks are reported once a delivery is known, before the signed
    // note, so that they show even when an unsigned note stops the walk (SPEC: "reported once
    // a delivery is known"); the signed note is mandatory.
    let delivery = &dossier.delivery;
    let Some(delivered) = known(delivery.delivered_on, as_of) else {
        return;
    };
    if !walk.in_order(Stage::Delivered, delivered) {
        return;
    }
    walk.guard(Finding::new(
        if delivery.boxes_noted { Msg::BoxesNotedPass } else { Msg::BoxesNotedFail },
        [],
    ));
    walk.guard(Finding::new(
        if delivery.unpacked_before_reception { Msg::NotUnpackedFail } else { Msg::NotUnpackedPass },
        [],
    ));
    if !walk
        .guard(Finding::new(if delivery.note_signed { Msg::SignedNotePass } else { Msg::SignedNoteFail }, []))
    {
        return;
    }
    walk.reach(Stage::Delivered, delivered);
    // Steps 11–12: reception by appointment, a team member present, equipment accessible; the
    // pedagogical project starts the day of the visit.
    let reception = &dossier.reception;
    let Some(visited) = known(reception.visited_on, as_of) else {
        return;
    };
    if !walk.in_order(Stage::InProject, visited) {
        return;
    }
    let appointment = match reception.appointment_on.filter(|a| *a <= visited) {
        Some(a) => Finding::new(Msg::AppointmentPass, [("date", Param::Date(a))]),
        None => Finding::new(Msg::AppointmentFail, []),
    };
    if !walk.guard(appointment) {
        return;
    }
    let present = if reception.team_member_present { Msg::TeamPresentPass } else { Msg::TeamPresentFail };
    if !walk.guard(Finding::new(present, [])) {
        return;
    }
    let accessible = if reception.equipment_accessible { Msg::AccessiblePass } else { Msg::AccessibleFail };
    if !walk.guard(Finding::new(accessible, [])) {
        return;
    }
    walk.reach(Stage::InProject, visited);
    walk.commitment_ends_on = add_years(visited, edition.commitment_years);
    // Step 13: evaluation, reached on the later of the two answers.
    let evaluation = &dossier.evaluation;
    let questionnaire = known(evaluation.questionnaire_on, as_of);
    let survey = known(evaluation.survey_on, as_of);
    if let (Some(q), Some(s)) = (questionnaire, survey) {
        if !walk.in_order(Stage::Evaluated, q.max(s)) {
            return;
        }
    }
    if let Some(q) = questionnaire {
        walk.guard(Finding::new(Msg::QuestionnairePass, [("date", Param::Date(q))]));
    }
    if let Some(s) = survey {
        walk.guard(Finding::new(Msg::EnSurveyPass, [("date", Param::Date(s))]));
    }
    if let (Some(q), Some(s)) = (questionnaire, survey) {
        walk.reach(Stage::Evaluated, q.max(s));
    }
    if let Some(shared) = known(evaluation.shared_on, as_of) {
        walk.guard(Finding::new(Msg::SharingPass, [("date", Param::Date(shared))]));
    }
}

/// What the dossier still needs, in process order, each with its rule and due date.
///
/// * before confirmation: fix the chronology; the missing survey items; fix the grid;
///   approvals and signature, due by the last day to confirm ("else carry-over");
/// * confirmed: `process.order` while waiting for its wave (due the wave's order day), or
///   `waves.unscheduled` when no wave can take it; without waves in the request, the order
///   is awaited with no date until a delivery is known, and the delivery actions follow;
/// * ordered / on delivery: do not unpack, note the boxes, sign the note, book the reception;
/// * delivered: the reception's conditions;
/// * in project: `commitment.use` until `commitment_ends_on` (its last day included), then
///   `commitment.insurance` and `commitment.training`, which SPEC §6 does not bound by the
///   commitment's end (only the use is "until `commitment_ends_on`"); then the missing
///   `evaluation.*`.
///
/// A dossier at stage `carried_over` (its `next` edition unknown) is not walked here: the
/// campaign engine lists for it one action, `maturity.carry_over`, to await the edition named
/// by `carried_over_to`, and none when its edition names no `next`. What it still lacks
/// (survey items, approvals, signature) is due "by the deadline, else carry-over" (SPEC §6):
/// that deadline has passed, and the next edition's is not known yet, so no due date can be
/// given; the edition that takes it checks the dossier again.
///
/// No delivery or installation date is ever promised: no due date is computed for them.
pub fn next_actions<'a>(
    walk: &Walk<'a>,
    dossier: &Dossier,
    edition: &Edition,
    grid: &crate::grid::GridCount,
    order: &Order<'a>,
    as_of: NaiveDate,
) -> Vec<Todo<'a>> {
    let mut todo = Vec::with_capacity(8);
    next_actions_into(&mut todo, walk, dossier, edition, grid, order, as_of);
    todo
}

/// Where next actions go as they are found: a vector of them, or (in the campaign engine)
/// straight into words.
pub(crate) trait Sink<'a> {
    /// Takes one action.
    fn push(&mut self, todo: Todo<'a>);
}

impl<'a> Sink<'a> for Vec<Todo<'a>> {
    fn push(&mut self, todo: Todo<'a>) {
        Vec::push(self, todo);
    }
}

/// [`next_actions`], pushed to `todo` as they are found: the campaign engine puts them into
/// words there and then.
pub(crate) fn next_actions_into<'a>(
    todo: &mut impl Sink<'a>,
    walk: &Walk<'a>,
    dossier: &Dossier,
    edition: &Edition,
    grid: &crate::grid::GridCount,
    order: &Order<'a>,
    as_of: NaiveDate,
) {
    if let Some(stage) = walk.broken_at {
        todo.push(Todo::new(Msg::DoFixChronology, [("stage", Param::Stage(stage))], None));
    }
    match walk.stage {
        Stage::Declared | Stage::Contacted | Stage::Surveyed | Stage::SpaceOpened => {
            before_confirmation(todo, walk, dossier, edition, grid, as_of);
        }
        Stage::Confirmed => match order {
            Order::Wave { id, order_on } if *order_on > as_of => todo.push(Todo::new(
                Msg::DoWaitOrder,
                [("wave", Param::Str(id)), ("order_on", Param::Date(*order_on))],
                Some(*order_on),
            )),
            Order::Unscheduled => todo.push(Todo::plain(Msg::DoUnscheduled)),
            _ => {
                // Without waves, the order is awaited until a delivery is known.
                if *order == Order::NoWaves && known(dossier.delivery.delivered_on, as_of).is_none() {
                    todo.push(Todo::plain(Msg::DoWaitWave));
                }
                on_delivery(todo, dossier, as_of);
            }
        },
        Stage::Ordered => on_delivery(todo, dossier, as_of),
        Stage::Delivered => {
            let d = &dossier.delivery;
            if !d.unpacked_before_reception {
                todo.push(Todo::plain(Msg::DoNotUnpack));
            }
            if !d.boxes_noted {
                todo.push(Todo::plain(Msg::DoNoteBoxes));
            }
            let r = &dossier.reception;
            let visited = known(r.visited_on, as_of);
            let booked = known(r.appointment_on, as_of);
            if booked.is_none_or(|a| visited.is_some_and(|v| a > v)) {
                todo.push(Todo::plain(Msg::DoBookReception));
            }
            if visited.is_none() || !r.team_member_present {
                todo.push(Todo::plain(Msg::DoBeThere));
            }
            if visited.is_none() || !r.equipment_accessible {
                todo.push(Todo::plain(Msg::DoAccessible));
            }
        }
        Stage::InProject | Stage::Evaluated => {
            // SPEC §6 bounds only the use by the commitment's end: the insurance and the
            // training are listed for as long as the project is in its stage.
            if let Some(ends) = walk.commitment_ends_on.filter(|e| as_of <= *e) {
                todo.push(Todo::new(Msg::DoUse, [("due", Param::Date(ends))], Some(ends)));
            }
            todo.push(Todo::plain(Msg::DoInsure));
            todo.push(Todo::plain(Msg::DoTrain));
            let e = &dossier.evaluation;
            if known(e.questionnaire_on, as_of).is_none() {
                todo.push(Todo::plain(Msg::DoQuestionnaire));
            }
            if known(e.survey_on, as_of).is_none() {
                todo.push(Todo::plain(Msg::DoEnSurvey));
            }
            if known(e.shared_on, as_of).is_none() {
                todo.push(Todo::plain(Msg::DoShare));
            }
        }
        Stage::NotDeclared | Stage::Ineligible | Stage::CarriedOver => {}
    }
}

fn before_confirmation<'a>(
    todo: &mut impl Sink<'a>,
    walk: &Walk<'_>,
    dossier: &Dossier,
    edition: &Edition,
    grid: &crate::grid::GridCount,
    as_of: NaiveDate,
) {
    let survey_passed = walk.findings.iter().any(|f| f.rule == Rule::ProcessSurvey && f.passed);
    if !survey_passed {
        let gaps = survey_lacks(dossier);
        for gap in gaps.iter().flatten() {
            todo.push(Todo::plain(match gap {
                Label::Referent => Msg::DoReferent,
                Label::ConnectivityAssessed => Msg::DoConnectivity,
                Label::InfrastructureAssessed => Msg::DoInfrastructure,
                Label::PoContacted => Msg::DoContactPo,
                // The step's engagements: the means, and a sufficient bandwidth when it is not.
                _ if dossier.survey.bandwidth_sufficient => Msg::DoCommitMeans,
                _ => Msg::DoCommitBandwidth,
            }));
        }
        if gaps.iter().all(Option::is_none) && known(dossier.survey.completed_on, as_of).is_none() {
            todo.push(Todo::plain(Msg::DoCompleteSurvey));
        }
    }
    // Due by the last day to confirm, else carry-over.
    let due = Some(edition.last_day_to_confirm());
    if !grid.unknown_items.is_empty() {
        todo.push(Todo::new(Msg::DoFixItems, [("items", Param::Text(grid.unknown_items.join(", ")))], due));
    }
    if !grid.bad_quantities.is_empty() {
        todo.push(Todo::new(
            Msg::DoFixQuantities,
            [("items", Param::Text(grid.bad_quantities.join(", ")))],
            due,
        ));
    }
    if grid.points.total > grid.points.max {
        let over = grid.points.total.saturating_sub(grid.points.max);
        todo.push(Todo::new(
            Msg::DoReducePoints,
            [("over", Param::Int(over)), ("max", Param::Int(grid.points.max))],
            due,
        ));
    }
    // An approval dated after the signature needs the approval, then a new signature.
    let gaps = approval_gaps(dossier, as_of);
    let approvals_missing = !gaps.is_empty();
    if approvals_missing {
        todo.push(Todo::new(Msg::DoApprovals, [("items", Param::Fixed(gaps))], due));
    }
    if approvals_missing || known(dossier.signed_on, as_of).is_none() || dossier.signed_by.is_empty() {
        todo.push(Todo::new(Msg::DoSign, [], due));
    }
}

/// The delivery actions: before the delivery is known its flags are not either (they belong to
/// an event after `as_of`), so all of them are listed.
fn on_delivery<'a>(todo: &mut impl Sink<'a>, dossier: &Dossier, as_of: NaiveDate) {
    let d = &dossier.delivery;
    let delivered = known(d.delivered_on, as_of).is_some();
    if !(delivered && d.unpacked_before_reception) {
        todo.push(Todo::plain(Msg::DoNotUnpack));
    }
    if !(delivered && d.boxes_noted) {
        todo.push(Todo::plain(Msg::DoNoteBoxes));
    }
    if !(delivered && d.note_signed) {
        todo.push(Todo::plain(Msg::DoSignNote));
    }
    if known(dossier.reception.appointment_on, as_of).is_none() {
        todo.push(Todo::plain(Msg::DoBookReception));
    }
}
