//! Properties of whole campaigns, stated in words first:
//!
//! * a dossier whose `grid.max_points` check passes never has more points than the maximum;
//! * the wave plan keeps every confirmed project exactly once (in one wave or unscheduled),
//!   never exceeds a capacity, never orders before a project's confirmation, and is the same
//!   for any order of the input;
//! * a dossier's stage never moves backward as `as_of` grows (and a stage outside the line,
//!   `ineligible` or `carried_over`, stays what it is);
//! * the same request gives the same report every time.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Days, NaiveDate};
use ecole_numerique::*;
use proptest::prelude::*;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 9, 20).unwrap() + Days::new(offset)
}

/// `vr-headset` is on EN2022's grid only: a dossier asking for it may be confirmed only once
/// carried over there.
const ITEMS: [&str; 7] =
    ["tablet-android", "tablet-apple", "macbook", "interactive-board", "nas", "unknown-thing", "vr-headset"];

/// The day carried-over dossiers enter EN2022 (EN 2021's deadline, 2022-06-01, is included).
fn entry_into_en2022() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 6, 2).unwrap()
}

/// EN 2022, known to some requests: EN 2021's rules, a year later, with one more item.
fn en2022() -> Edition {
    let mut doc: serde_json::Value = serde_json::from_str(edition::EN2021_JSON).unwrap();
    doc["id"] = "EN2022".into();
    doc["year"] = 2022.into();
    doc["next"] = serde_json::Value::Null;
    doc["declaration"] = serde_json::json!({"opens": "2022-10-03", "closes": "2022-12-16"});
    doc["dossier_deadline"] = "2023-06-01".into();
    doc["grid"]["lines"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "vr-headset", "category": "other", "lot": "other", "points": 2}));
    Edition::from_value(doc).unwrap()
}

fn establishment(fase: i64) -> impl Strategy<Value = Establishment> {
    (
        prop::bool::weighted(0.9),
        prop::sample::select(
            vec![Region::Wallonia; 9].into_iter().chain([Region::Brussels]).collect::<Vec<_>>(),
        ),
        prop::option::weighted(0.1, 2015..2022i32),
    )
        .prop_map(move |(eligible, region, laureate)| Establishment {
            fase,
            name: format!("School {fase}"),
            offers: vec![Offer {
                level: if eligible { Level::Primaire } else { Level::Superieur },
                kind: Kind::Ordinaire,
            }],
            implantations: vec![Implantation { fase: fase + 10_000, region }],
            laureate_years: laureate.into_iter().collect(),
        })
}

/// A dossier whose events mostly follow each other: each event comes a random gap after the
/// one before (sometimes a few days before it, to break the chronology), and may be missing.
fn dossier(id: usize, schools: u32) -> impl Strategy<Value = Dossier> {
    let gap = prop::option::weighted(0.9, prop_oneof![9 => 0..70i64, 1 => -5..0i64]);
    (
        (0..schools + 1, prop::option::weighted(0.9, 0..100u64), prop::collection::vec(gap, 10)),
        prop::collection::vec((0..ITEMS.len(), -1..25i64), 0..4),
        any::<[bool; 9]>(),
    )
        .prop_map(move |((school, declared, gaps), equipment, flags)| {
            let declared = declared.map(day);
            let mut last = declared;
            let mut next = |i: usize| -> Option<NaiveDate> {
                let d = match (last, gaps[i]) {
                    (Some(l), Some(g)) => l.checked_add_signed(chrono::Duration::days(g)),
                    _ => None,
                };
                if d.is_some() {
                    last = d;
                }
                d
            };
            let (contact, survey, space) = (next(0), next(1), next(2));
            let (cen, expert) = (next(3), next(4));
            let signed = next(5);
            let delivered = next(6).map(|d| d + Days::new(60));
            let appointment = next(7);
            let visited = next(8);
            let questionnaire = next(9);
            Dossier {
                id: format!("D{id:04}"),
                establishment: i64::from(1 + school),
                edition: None,
                implantations: vec![],
                declared_on: declared,
                first_contact_on: contact,
                survey: Survey {
                    referent: (!flags[0] || flags[1]).then(|| "referent".to_string()),
                    connectivity_assessed: true,
                    infrastructure_assessed: !flags[2] || flags[3],
                    works_needed: flags[3],
                    po_contacted: true,
                    bandwidth_sufficient: true,
                    means_committed: true,
                    completed_on: survey,
                },
                space_opened_on: space,
                equipment: equipment
                    .into_iter()
                    .map(|(i, q)| EquipmentLine { item: ITEMS[i].to_string(), quantity: q })
                    .collect(),
                extra: vec![],
                cen_approved_on: cen,
                expert_approved_on: expert,
                signed_on: signed,
                signed_by: if flags[4] { vec![Signer::Po] } else { vec![Signer::Direction] },
                delivery: Delivery {
                    delivered_on: delivered,
                    note_signed: !flags[5] || flags[6],
                    boxes_noted: flags[6],
                    unpacked_before_reception: flags[7] && flags[8],
                },
                reception: Reception {
                    appointment_on: appointment,
                    visited_on: visited,
                    team_member_present: true,
                    equipment_accessible: !(flags[7] && flags[8] && flags[0]),
                },
                evaluation: Evaluation {
                    questionnaire_on: questionnaire,
                    survey_on: questionnaire.map(|q| q + Days::new(3)),
                    shared_on: None,
                },
            }
        })
}

fn waves() -> impl Strategy<Value = Vec<Wave>> {
    prop::collection::vec((200..900u64, prop::option::of(0..40i64), prop::option::of(0..3i64)), 0..6)
        .prop_map(|ws| {
            ws.into_iter()
                .enumerate()
                .map(|(i, (on, tablets, boards))| {
                    let mut capacity = BTreeMap::new();
                    if let Some(t) = tablets {
                        capacity.insert("tablet-android".to_string(), t);
                    }
                    if let Some(b) = boards {
                        capacity.insert("interactive-board".to_string(), b);
                    }
                    Wave { id: format!("W{i}"), order_on: day(on), capacity }
                })
                .collect()
        })
}

fn campaign() -> impl Strategy<Value = CampaignRequest> {
    (1..14u32).prop_flat_map(|schools| {
        let establishments: Vec<_> = (1..=i64::from(schools)).map(establishment).collect();
        (
            establishments,
            prop::collection::vec(0..1usize, 1..14).prop_flat_map(move |v| {
                v.iter().enumerate().map(|(i, _)| dossier(i, schools)).collect::<Vec<_>>()
            }),
            prop::option::weighted(0.8, waves()),
            prop_oneof![0..1500u64, 230..500u64],
            any::<bool>(),
        )
            .prop_map(|(establishments, dossiers, waves, as_of, next_known)| CampaignRequest {
                edition: EditionRef::Id("EN2021".into()),
                editions: if next_known { vec![en2022()] } else { vec![] },
                as_of: day(as_of),
                lang: Lang::Fr,
                establishments,
                dossiers,
                waves,
            })
    })
}

fn is_confirmed(stage: Stage) -> bool {
    matches!(
        stage,
        Stage::Confirmed | Stage::Ordered | Stage::Delivered | Stage::InProject | Stage::Evaluated
    )
}

fn rank(stage: Stage) -> u32 {
    match stage {
        Stage::NotDeclared => 0,
        Stage::Declared => 1,
        Stage::Contacted => 2,
        Stage::Surveyed => 3,
        Stage::SpaceOpened => 4,
        Stage::Confirmed => 5,
        Stage::Ordered => 6,
        Stage::Delivered => 7,
        Stage::InProject => 8,
        Stage::Evaluated => 9,
        Stage::Ineligible | Stage::CarriedOver => 100,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_passing_grid_never_exceeds_its_maximum(request in campaign()) {
        let report = evaluate(&request).unwrap();
        for d in &report.dossiers {
            let max_check = d.checks.iter().find(|c| c.rule == "grid.max_points").unwrap();
            if max_check.passed {
                prop_assert!(d.points.total <= d.points.max);
                prop_assert!(d.points.remaining >= 0);
            }
            prop_assert_eq!(d.points.total, d.points.lines.iter().map(|l| l.points).sum::<i64>());
        }
    }

    #[test]
    fn the_wave_plan_keeps_every_project_once_within_capacity_and_after_confirmation(request in campaign()) {
        let report = evaluate(&request).unwrap();
        let by_id: HashMap<&str, &Dossier> = request.dossiers.iter().map(|d| (d.id.as_str(), d)).collect();
        let confirmed: BTreeSet<&str> =
            report.dossiers.iter().filter(|d| is_confirmed(d.stage)).map(|d| d.id.as_str()).collect();
        let Some(waves) = &request.waves else {
            prop_assert!(report.waves.is_empty() && report.unscheduled.is_empty());
            return Ok(());
        };
        let mut seen: Vec<&str> = report.waves.iter().flat_map(|w| w.projects.iter().map(String::as_str)).collect();
        seen.extend(report.unscheduled.iter().map(String::as_str));
        let count = seen.len();
        let seen_set: BTreeSet<&str> = seen.into_iter().collect();
        prop_assert_eq!(count, seen_set.len(), "a project in two places");
        prop_assert_eq!(&seen_set, &confirmed);
        for w in &report.waves {
            let input = waves.iter().find(|x| x.id == w.id).unwrap();
            for line in &w.lines {
                if let Some(cap) = input.capacity.get(&line.item) {
                    prop_assert!(line.quantity <= *cap, "{} over capacity in {}", line.item, w.id);
                }
            }
            for p in &w.projects {
                let signed = by_id[p.as_str()].signed_on.unwrap();
                prop_assert!(w.order_on >= signed, "{} ordered before its confirmation", p);
                let r = report.dossiers.iter().find(|d| &d.id == p).unwrap();
                // Confirmed by carry-over: a project from the day it entered EN 2022 only.
                if !r.carried_over_from.is_empty() {
                    prop_assert!(w.order_on >= entry_into_en2022(), "{} ordered before it was a project", p);
                }
                prop_assert_eq!(r.wave.as_deref(), Some(w.id.as_str()));
            }
        }
    }

    #[test]
    fn the_report_does_not_depend_on_the_input_order(request in campaign(), seed in any::<u64>()) {
        let report = evaluate(&request).unwrap();
        let mut shuffled = request.clone();
        let n = shuffled.dossiers.len();
        // A deterministic permutation from the seed.
        let mut keys: Vec<(u64, usize)> = (0..n).map(|i| (seed.wrapping_mul(i as u64 + 1).rotate_left(17) ^ i as u64, i)).collect();
        keys.sort();
        shuffled.dossiers = keys.iter().map(|&(_, i)| request.dossiers[i].clone()).collect();
        shuffled.establishments.reverse();
        if let Some(w) = &mut shuffled.waves {
            w.reverse();
        }
        let other = evaluate(&shuffled).unwrap();
        prop_assert_eq!(&report.waves.iter().map(|w| (&w.id, w.order_on, w.projects.iter().collect::<BTreeSet<_>>(), &w.lines)).collect::<Vec<_>>(),
                        &other.waves.iter().map(|w| (&w.id, w.order_on, w.projects.iter().collect::<BTreeSet<_>>(), &w.lines)).collect::<Vec<_>>());
        prop_assert_eq!(report.unscheduled.iter().collect::<BTreeSet<_>>(), other.unscheduled.iter().collect::<BTreeSet<_>>());
        let mine: BTreeMap<&str, &DossierReport> = report.dossiers.iter().map(|d| (d.id.as_str(), d)).collect();
        let theirs: BTreeMap<&str, &DossierReport> = other.dossiers.iter().map(|d| (d.id.as_str(), d)).collect();
        prop_assert_eq!(mine, theirs);
        prop_assert_eq!(&report.fingerprint, &other.fingerprint);
    }

    #[test]
    fn stages_never_move_backward_as_as_of_grows(request in campaign()) {
        let mut previous: HashMap<String, Stage> = HashMap::new();
        for offset in (0..1500u64).step_by(45) {
            let mut r = request.clone();
            r.as_of = day(offset);
            for d in evaluate(&r).unwrap().dossiers {
                if let Some(&before) = previous.get(&d.id) {
                    prop_assert!(rank(d.stage) >= rank(before), "{}: {:?} -> {:?} on {}", d.id, before, d.stage, r.as_of);
                    if rank(before) == 100 {
                        prop_assert_eq!(before, d.stage);
                    }
                }
                previous.insert(d.id.clone(), d.stage);
            }
        }
    }

    #[test]
    fn reports_are_identical_across_runs(request in campaign()) {
        let a = evaluate(&request).unwrap();
        let b = evaluate(&request).unwrap();
        prop_assert_eq!(&a, &b);
        let text = serde_json::to_string(&request).unwrap();
        prop_assert_eq!(evaluate_json(&text).unwrap(), evaluate_json(&text).unwrap());
        prop_assert_eq!(serde_json::to_value(&a).unwrap(), serde_json::from_str::<serde_json::Value>(&evaluate_json(&text).unwrap()).unwrap());
    }
}

/// The generated campaigns reach every part of the process, so the properties above are not
/// vacuously true.
#[test]
fn generated_campaigns_cover_the_process() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut stages: BTreeMap<&'static str, usize> = BTreeMap::new();
    let (mut scheduled, mut unscheduled, mut carried_into_a_wave) = (0, 0, 0);
    for _ in 0..300 {
        let request = campaign().new_tree(&mut runner).unwrap().current();
        let report = evaluate(&request).unwrap();
        for d in &report.dossiers {
            *stages.entry(d.stage.as_str()).or_default() += 1;
        }
        carried_into_a_wave +=
            report.dossiers.iter().filter(|d| !d.carried_over_from.is_empty() && d.wave.is_some()).count();
        scheduled += report.waves.iter().map(|w| w.projects.len()).sum::<usize>();
        unscheduled += report.unscheduled.len();
    }
    for stage in Stage::ALL {
        assert!(stages.get(stage.as_str()).copied().unwrap_or(0) > 0, "no {stage:?} in {stages:?}");
    }
    assert!(scheduled > 0 && unscheduled > 0, "{scheduled} {unscheduled}");
    assert!(carried_into_a_wave > 0, "no project confirmed by carry-over is in a wave");
}
