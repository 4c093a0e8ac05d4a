//! One test group per rule id: its pass side, its fail side, and its date boundaries (the day
//! before, of and after).

mod common;

use common::*;
use serde_json::json;

// ---- the whole way -----------------------------------------------------------------------

#[test]
fn a_complete_dossier_reaches_evaluated_with_every_check_passed() {
    let d = one("2023-06-01", full("D1", 100));
    assert_eq!(stage(&d), "evaluated");
    assert!(d.eligible);
    assert!(d.checks.iter().all(|c| c.passed), "{:?}", d.checks);
    assert_eq!(
        rules(&d),
        [
            "dossier.establishment",
            "eligibility.level",
            "eligibility.region",
            "eligibility.never_laureate",
            "eligibility.declaration_window",
            "eligibility.one_per_establishment",
            "grid.known_item",
            "grid.quantity",
            "grid.max_points",
            "dossier.chronology",
            "process.survey",
            "process.approvals",
            "process.signature",
            "maturity.deadline",
            "delivery.boxes_noted",
            "delivery.not_unpacked",
            "delivery.signed_note",
            "reception.appointment",
            "reception.team_member_present",
            "reception.accessible",
            "evaluation.questionnaire",
            "evaluation.survey",
            "evaluation.sharing",
        ]
    );
    assert_eq!(d.wave.as_deref(), Some("W1"));
    assert_eq!(d.commitment_ends_on.map(|x| x.to_string()).as_deref(), Some("2025-04-08"));
    assert_eq!(actions(&d), ["commitment.use", "commitment.insurance", "commitment.training"]);
    assert_eq!(d.next_actions[0].due.map(|x| x.to_string()).as_deref(), Some("2025-04-08"));
    assert_eq!((d.points.total, d.points.max, d.points.remaining), (32, 50, 18));
    assert_eq!(&*d.edition, "EN2021");
    assert_eq!(d.deadline.to_string(), "2022-06-01");
    assert!(d.carried_over_from.is_empty());
    assert_eq!(d.carried_over_to, None);
}

#[test]
fn each_stage_is_reached_on_its_event_day_and_not_the_day_before() {
    let steps = [
        ("2021-10-14", "not_declared"),
        ("2021-10-15", "declared"),
        ("2021-10-19", "declared"),
        ("2021-10-20", "contacted"),
        ("2021-11-09", "contacted"),
        ("2021-11-10", "surveyed"),
        ("2021-11-15", "space_opened"),
        ("2022-01-19", "space_opened"),
        ("2022-01-20", "confirmed"),
        ("2022-02-28", "confirmed"),
        ("2022-03-01", "ordered"),
        ("2022-04-03", "ordered"),
        ("2022-04-04", "delivered"),
        ("2022-04-07", "delivered"),
        ("2022-04-08", "in_project"),
        ("2023-05-09", "in_project"),
        ("2023-05-10", "evaluated"),
    ];
    for (as_of, expected) in steps {
        assert_eq!(stage(&one(as_of, full("D1", 100))), expected, "as_of {as_of}");
    }
}

#[test]
fn events_after_as_of_are_ignored_and_fail_nothing() {
    // On 2022-01-19 the signature (dated the 20th) is not known: no signature check yet.
    let d = one("2022-01-19", full("D1", 100));
    assert_eq!(passed(&d, "process.signature"), None);
    assert_eq!(passed(&d, "process.approvals"), None);
    assert!(d.checks.iter().all(|c| c.passed));
    assert_eq!(actions(&d), ["process.signature"], "approvals are known, the signature is not");
}

// ---- dossier.establishment ---------------------------------------------------------------

#[test]
fn dossier_establishment_unknown_reports_only_itself_and_the_grid() {
    let d = one("2022-01-20", full("D1", 999));
    assert_eq!(stage(&d), "ineligible");
    assert!(!d.eligible);
    assert_eq!(rules(&d), ["dossier.establishment", "grid.known_item", "grid.quantity", "grid.max_points"]);
    assert_eq!(passed(&d, "dossier.establishment"), Some(false));
    assert!(d.next_actions.is_empty());
    let known = one("2022-01-20", full("D1", 100));
    assert_eq!(passed(&known, "dossier.establishment"), Some(true));
}

// ---- eligibility.level / region / never_laureate -----------------------------------------

#[test]
fn eligibility_level_pass_and_fail() {
    let mut req = request("2022-01-20", vec![full("D1", 100)]);
    req["establishments"][0]["offers"] = json!([{"level": "superieur", "kind": "ordinaire"}]);
    let d = report(&req).dossiers.remove(0);
    assert_eq!(passed(&d, "eligibility.level"), Some(false));
    assert_eq!(stage(&d), "ineligible");
    assert!(!d.eligible);
    // Every eligibility check above one-per-establishment is still reported, the latter not.
    assert_eq!(passed(&d, "eligibility.region"), Some(true));
    assert_eq!(passed(&d, "eligibility.declaration_window"), Some(true));
    assert_eq!(passed(&d, "eligibility.one_per_establishment"), None);
    assert_eq!(passed(&d, "dossier.chronology"), None, "no process check for an ineligible dossier");
    req["establishments"][0]["offers"] = json!([{"level": "secondaire", "kind": "promotion_sociale"}]);
    assert_eq!(passed(&report(&req).dossiers[0], "eligibility.level"), Some(true));
}

#[test]
fn eligibility_region_pass_and_fail() {
    let mut req = request("2022-01-20", vec![full("D1", 100)]);
    req["establishments"][0]["implantations"] =
        json!([{"fase": 101, "region": "brussels"}, {"fase": 102, "region": "wallonia"}]);
    assert_eq!(passed(&report(&req).dossiers[0], "eligibility.region"), Some(true));
    req["dossiers"][0]["implantations"] = json!([101]);
    let d = report(&req).dossiers.remove(0);
    assert_eq!(passed(&d, "eligibility.region"), Some(false));
    assert_eq!(stage(&d), "ineligible");
    req["dossiers"][0]["implantations"] = json!([102]);
    assert_eq!(passed(&report(&req).dossiers[0], "eligibility.region"), Some(true));
}

#[test]
fn a_listed_fase_that_is_not_an_implantation_is_named_not_dropped() {
    let mut req = request("2022-01-20", vec![full("D1", 100), full("D2", 200)]);
    req["lang"] = json!("en");
    req["establishments"][0]["implantations"] =
        json!([{"fase": 101, "region": "brussels"}, {"fase": 102, "region": "wallonia"}]);
    // With a Walloon implantation: passed, the strangers named (once each, sorted); another
    // dossier of the same edition names its own, and a third says the edition's own text.
    req["dossiers"][0]["implantations"] = json!([102, 999, 555, 999]);
    req["dossiers"][1]["implantations"] = json!([201, 777]);
    req["dossiers"].as_array_mut().unwrap().push(full("D3", 300));
    req["establishments"].as_array_mut().unwrap().push(school(300));
    let r = report(&req);
    let region = check(&r.dossiers[0], "eligibility.region").unwrap();
    assert!(region.passed);
    assert!(region.message.ends_with("not sites of the establishment: 555, 999."), "{}", region.message);
    assert_eq!(stage(&r.dossiers[0]), "confirmed");
    let other = check(&r.dossiers[1], "eligibility.region").unwrap();
    assert!(other.passed);
    assert!(other.message.ends_with("not sites of the establishment: 777."), "{}", other.message);
    let plain = check(&r.dossiers[2], "eligibility.region").unwrap();
    assert_eq!(&*plain.message, "At least one site (implantation) lies in a region covered by EN2021.");
    // Only strangers: failed, and named.
    req["dossiers"][0]["implantations"] = json!([999]);
    let d = report(&req).dossiers.remove(0);
    let region = check(&d, "eligibility.region").unwrap();
    assert!(!region.passed);
    assert!(region.message.ends_with("not sites of the establishment: 999."), "{}", region.message);
    assert_eq!(stage(&d), "ineligible");
}

#[test]
fn eligibility_never_laureate_pass_and_fail() {
    let mut req = request("2022-01-20", vec![full("D1", 100)]);
    req["establishments"][0]["laureate_years"] = json!([2016]);
    assert_eq!(passed(&report(&req).dossiers[0], "eligibility.never_laureate"), Some(true));
    for year in [2017, 2020] {
        req["establishments"][0]["laureate_years"] = json!([year]);
        let d = report(&req).dossiers.remove(0);
        assert_eq!(passed(&d, "eligibility.never_laureate"), Some(false), "{year}");
        assert_eq!(stage(&d), "ineligible");
    }
}

/// What is said of the built-in edition is kept for the whole process: an edition document
/// of the same id, with other values, says its own, before and after the built-in one.
#[test]
fn an_edition_document_says_its_own_values_not_the_built_in_ones() {
    let mut builtin = request("2022-01-20", vec![full("D1", 100)]);
    builtin["lang"] = json!("en");
    let mut doc = en2021_doc();
    doc["excluded_laureate_years"] = json!([2015]);
    let mut other = builtin.clone();
    other["edition"] = doc;
    let said = |req: &serde_json::Value| {
        let d = report(req).dossiers.remove(0);
        check(&d, "eligibility.never_laureate").unwrap().message.to_string()
    };
    let own = "The establishment was not a laureate in any of the excluded years (2015).";
    assert_eq!(said(&other), own);
    assert_eq!(
        said(&builtin),
        "The establishment was not a laureate in any of the excluded years (2017, 2018, 2019, 2020)."
    );
    assert_eq!(said(&other), own);
}

#[test]
fn a_failed_establishment_check_makes_an_undeclared_dossier_ineligible_at_once() {
    let mut req = request("2021-10-05", vec![set(full("D1", 100), "declared_on", json!(null))]);
    req["establishments"][0]["laureate_years"] = json!([2019]);
    let d = report(&req).dossiers.remove(0);
    assert_eq!(stage(&d), "ineligible");
    assert_eq!(passed(&d, "eligibility.declaration_window"), None, "window still open");
    assert!(d.next_actions.is_empty());
}

// ---- eligibility.declaration_window ------------------------------------------------------

#[test]
fn declaration_window_boundaries() {
    for (on, ok) in [("2021-09-30", false), ("2021-10-01", true), ("2021-12-17", true), ("2021-12-18", false)]
    {
        let d = one("2021-12-20", json!({"id": "D1", "establishment": 100, "declared_on": on}));
        assert_eq!(passed(&d, "eligibility.declaration_window"), Some(ok), "{on}");
        assert_eq!(stage(&d), if ok { "declared" } else { "ineligible" }, "{on}");
        assert_eq!(d.eligible, ok);
    }
}

#[test]
fn not_declared_while_the_window_is_open_then_ineligible() {
    let undeclared = set(full("D1", 100), "declared_on", json!(null));
    for (as_of, expected) in
        [("2021-12-16", "not_declared"), ("2021-12-17", "not_declared"), ("2021-12-18", "ineligible")]
    {
        let d = one(as_of, undeclared.clone());
        assert_eq!(stage(&d), expected, "{as_of}");
        assert!(!d.eligible);
        if expected == "not_declared" {
            assert_eq!(passed(&d, "eligibility.declaration_window"), None);
            assert_eq!(actions(&d), ["eligibility.declaration_window"]);
            assert_eq!(d.next_actions[0].due.unwrap().to_string(), "2021-12-17");
            assert_eq!(passed(&d, "eligibility.one_per_establishment"), None);
        } else {
            assert_eq!(passed(&d, "eligibility.declaration_window"), Some(false));
            assert!(d.next_actions.is_empty());
        }
    }
    // A declaration dated after as_of is not known yet.
    let later = one("2021-10-14", full("D1", 100));
    assert_eq!(stage(&later), "not_declared");
}

// ---- eligibility.one_per_establishment ---------------------------------------------------

#[test]
fn one_per_establishment_ranks_by_declaration_then_id() {
    let a = set(full("B", 100), "declared_on", json!("2021-10-15"));
    let b = set(full("A", 100), "declared_on", json!("2021-10-15"));
    let c = set(full("C", 100), "declared_on", json!("2021-10-14"));
    let r = report(&request("2022-01-20", vec![a, b, c]));
    let by_id = |id: &str| r.dossiers.iter().find(|d| d.id == id).unwrap();
    assert_eq!(passed(by_id("C"), "eligibility.one_per_establishment"), Some(true));
    assert_eq!(passed(by_id("A"), "eligibility.one_per_establishment"), Some(false));
    assert_eq!(passed(by_id("B"), "eligibility.one_per_establishment"), Some(false));
    assert_eq!(stage(by_id("A")), "ineligible");
    assert_eq!(
        r.dossiers.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["B", "A", "C"],
        "request order"
    );
    // Same day: the smaller id wins.
    let r = report(&request("2022-01-20", vec![full("B", 100), full("A", 100)]));
    assert_eq!(passed(&r.dossiers[1], "eligibility.one_per_establishment"), Some(true));
    assert_eq!(passed(&r.dossiers[0], "eligibility.one_per_establishment"), Some(false));
}

/// The engine walks the ranked dossiers before the ranking is known; a dossier that loses it
/// must come out as if it had never been walked: no process check, no carry-over, no wave, no
/// next action, and it takes no room in a wave from the one that won.
#[test]
fn a_dossier_losing_the_ranking_is_not_walked() {
    let winner = set(full("A", 100), "declared_on", json!("2021-10-14"));
    // Unsigned, past the deadline with EN2022 known: it would be carried over if it were ranked.
    let unsigned = set(full("B", 100), "signed_on", json!(null));
    let mut req = request("2023-06-01", vec![full("C", 100), unsigned, winner]);
    req["editions"] = json!([en2022_doc(None)]);
    req["waves"] = json!([{"id": "W1", "order_on": "2022-03-01", "capacity": {"interactive-board": 1}}]);
    let r = report(&req);
    let expected = [
        "dossier.establishment",
        "eligibility.level",
        "eligibility.region",
        "eligibility.never_laureate",
        "eligibility.declaration_window",
        "eligibility.one_per_establishment",
        "grid.known_item",
        "grid.quantity",
        "grid.max_points",
    ];
    for loser in &r.dossiers[..2] {
        assert_eq!(stage(loser), "ineligible", "{}", loser.id);
        assert!(!loser.eligible);
        assert_eq!(rules(loser), expected, "{}", loser.id);
        assert_eq!(passed(loser, "eligibility.one_per_establishment"), Some(false));
        assert_eq!((&*loser.edition, loser.deadline.to_string().as_str()), ("EN2021", "2022-06-01"));
        assert!(loser.carried_over_from.is_empty() && loser.carried_over_to.is_none());
        assert_eq!((loser.wave.as_deref(), loser.commitment_ends_on), (None, None));
        assert!(loser.next_actions.is_empty(), "{:?}", loser.next_actions);
    }
    let winner = &r.dossiers[2];
    assert_eq!((stage(winner), winner.wave.as_deref()), ("evaluated", Some("W1")));
    assert_eq!(r.waves[0].projects, ["A"]);
    assert!(r.unscheduled.is_empty());
}

/// A ranked dossier that the waves cannot concern (here: not signed, waiting for an unknown
/// next edition) is reported before the ranking is known, as if it won; when it loses, its
/// report is made again, as for any loser.
#[test]
fn a_dossier_reported_before_losing_the_ranking_is_reported_again() {
    let winner = set(full("A", 100), "declared_on", json!("2021-10-14"));
    let unsigned = set(full("B", 100), "signed_on", json!(null));
    let r = report(&request("2023-06-01", vec![unsigned.clone(), winner]));
    let loser = &r.dossiers[0];
    assert_eq!(stage(loser), "ineligible");
    assert_eq!(passed(loser, "eligibility.one_per_establishment"), Some(false));
    assert!(check(loser, "maturity.deadline").is_none() && check(loser, "process.survey").is_none());
    assert_eq!(loser.carried_over_to, None);
    assert!(loser.next_actions.is_empty(), "{:?}", loser.next_actions);
    assert_eq!(stage(&r.dossiers[1]), "evaluated");
    // Alone, the same dossier waits for the next edition.
    let alone = report(&request("2023-06-01", vec![unsigned]));
    assert_eq!(stage(&alone.dossiers[0]), "carried_over");
    assert_eq!(alone.dossiers[0].carried_over_to.as_deref(), Some("EN2022"));
}

/// Establishments in FASE order are searched from the last one found, others are hashed: the
/// reports are the same whatever the order of the establishments and of the dossiers (the
/// lists of the waves follow the order of the dossiers).
#[test]
fn reports_do_not_depend_on_the_order_of_establishments_or_dossiers() {
    let campaign = ecole_numerique::sample::campaign(200);
    let expected = ecole_numerique::evaluate(&campaign).unwrap();
    let mut shuffled = campaign.clone();
    shuffled.establishments.reverse();
    shuffled.establishments.swap(3, 150);
    assert_eq!(ecole_numerique::evaluate(&shuffled).unwrap(), expected);
    let mut reversed = campaign.clone();
    reversed.dossiers.reverse();
    let mut got = ecole_numerique::evaluate(&reversed).unwrap();
    got.dossiers.reverse();
    // The waves list their projects in request order.
    for w in &mut got.waves {
        w.projects.reverse();
    }
    got.unscheduled.reverse();
    assert_eq!(got, expected);
}

/// The engine keeps the checks of the dossiers that wait for the ranking and the waves in one
/// list, in the order of the dossiers, between dossiers reported at once and dossiers that lose
/// the ranking: each must get back its own. A dossier alone in its establishment, in a campaign
/// without waves, gets the same report in the sample campaign as in a campaign of its own.
#[test]
fn each_dossier_gets_its_own_checks_back_in_a_campaign() {
    let mut campaign = ecole_numerique::sample::campaign(300);
    campaign.waves = None;
    let whole = ecole_numerique::evaluate(&campaign).unwrap();
    let mut alone = 0;
    let mut stages = std::collections::BTreeSet::new();
    for (d, in_campaign) in campaign.dossiers.iter().zip(&whole.dossiers) {
        if campaign.dossiers.iter().filter(|o| o.establishment == d.establishment).count() > 1 {
            continue;
        }
        let mut own = campaign.clone();
        own.dossiers = vec![d.clone()];
        own.establishments.retain(|e| e.fase == d.establishment);
        let by_itself = ecole_numerique::evaluate(&own).unwrap();
        assert_eq!(&by_itself.dossiers[0], in_campaign, "{}", d.id);
        stages.insert(stage(in_campaign));
        alone += 1;
    }
    // Every kind of dossier is among them: reported at once, waiting, carried over.
    assert!(alone > 200, "{alone}");
    assert!(stages.len() >= 10, "{stages:?}");
    // And the sample has dossiers that lose the ranking between them.
    let lost =
        whole.dossiers.iter().filter(|d| passed(d, "eligibility.one_per_establishment") == Some(false));
    assert!(lost.count() > 0);
}

#[test]
fn only_dossiers_passing_the_checks_above_are_ranked() {
    // The earlier one was declared before the window opened: not ranked, the other passes.
    let early = set(full("A", 100), "declared_on", json!("2021-09-30"));
    let r = report(&request("2022-01-20", vec![early, full("B", 100)]));
    assert_eq!(passed(&r.dossiers[0], "eligibility.one_per_establishment"), None);
    assert_eq!(passed(&r.dossiers[1], "eligibility.one_per_establishment"), Some(true));
    // Not declared yet: not ranked either.
    let pending = set(full("A", 100), "declared_on", json!("2021-12-01"));
    let r = report(&request(
        "2021-11-01",
        vec![pending, set(full("B", 100), "declared_on", json!("2021-10-20"))],
    ));
    assert_eq!(stage(&r.dossiers[0]), "not_declared");
    assert_eq!(passed(&r.dossiers[1], "eligibility.one_per_establishment"), Some(true));
    // Another establishment is ranked on its own.
    let r = report(&request("2022-01-20", vec![full("A", 100), full("B", 200)]));
    assert!(r.dossiers.iter().all(|d| passed(d, "eligibility.one_per_establishment") == Some(true)));
}

#[test]
fn max_projects_per_establishment_comes_from_the_edition() {
    let mut doc = en2021_doc();
    doc["max_projects_per_establishment"] = json!(2);
    let mut req = request("2022-01-20", vec![full("A", 100), full("B", 100), full("C", 100)]);
    req["edition"] = doc;
    let r = report(&req);
    let got: Vec<_> = r.dossiers.iter().map(|d| passed(d, "eligibility.one_per_establishment")).collect();
    assert_eq!(got, [Some(true), Some(true), Some(false)]);
}

// ---- grid ---------------------------------------------------------------------------------

#[test]
fn grid_checks_are_guards_of_the_confirmation() {
    let over = set(full("D1", 100), "equipment", json!([{"item": "interactive-board", "quantity": 5}]));
    let d = one("2022-01-20", over);
    assert_eq!(passed(&d, "grid.max_points"), Some(false));
    assert_eq!((d.points.total, d.points.remaining), (60, -10));
    assert_eq!(stage(&d), "space_opened", "signed but the grid fails");
    assert!(actions(&d).contains(&"grid.max_points"));
    let fifty = set(full("D1", 100), "equipment", json!([{"item": "tablet-android", "quantity": 50}]));
    assert_eq!(stage(&one("2022-01-20", fifty)), "confirmed");
    let fifty_one = set(full("D1", 100), "equipment", json!([{"item": "tablet-android", "quantity": 51}]));
    assert_eq!(stage(&one("2022-01-20", fifty_one)), "space_opened");
}

#[test]
fn grid_known_item_and_quantity_fail_in_the_dossier_not_the_campaign() {
    let bad = set(
        full("D1", 100),
        "equipment",
        json!([{"item": "jetpack", "quantity": 1}, {"item": "nas", "quantity": 0}, {"item": "macbook", "quantity": -3}]),
    );
    let r = report(&request("2022-01-20", vec![bad, full("D2", 200)]));
    let d = &r.dossiers[0];
    assert_eq!(passed(d, "grid.known_item"), Some(false));
    assert_eq!(passed(d, "grid.quantity"), Some(false));
    assert_eq!(passed(d, "grid.max_points"), Some(true));
    assert_eq!(d.points.total, 0);
    assert_eq!(stage(d), "space_opened");
    assert_eq!(stage(&r.dossiers[1]), "confirmed", "one bad dossier never stops a campaign");
}

#[test]
fn extra_lines_never_count_nor_go_into_waves() {
    let d = set(full("D1", 100), "extra", json!([{"item": "macbook", "quantity": 40}]));
    let r = report(&request("2022-03-01", vec![d]));
    assert_eq!(r.dossiers[0].points.total, 32);
    assert_eq!(r.dossiers[0].points.extra[0].points, 0);
    assert!(r.waves[0].lines.iter().all(|l| l.item != "macbook"));
}

// ---- dossier.chronology --------------------------------------------------------------------

#[test]
fn chronology_same_day_passes_day_before_fails() {
    let same = set(full("D1", 100), "first_contact_on", json!("2021-10-15"));
    let d = one("2022-01-20", same);
    assert_eq!(passed(&d, "dossier.chronology"), Some(true));
    assert_eq!(stage(&d), "confirmed");
    let before = set(full("D1", 100), "first_contact_on", json!("2021-10-14"));
    let d = one("2022-01-20", before);
    assert_eq!(passed(&d, "dossier.chronology"), Some(false));
    assert_eq!(stage(&d), "declared");
    assert_eq!(passed(&d, "process.survey"), None, "nothing after the failure is reported");
    assert_eq!(d.checks.iter().filter(|c| c.rule == "dossier.chronology").count(), 1);
    assert_eq!(actions(&d)[0], "dossier.chronology");
    assert!(passed(&d, "maturity.deadline").is_some(), "the deadline is always reported");
}

#[test]
fn chronology_failing_later_stops_at_the_stage_before() {
    let d = one("2022-05-01", set(full("D1", 100), "delivery.delivered_on", json!("2022-02-28")));
    assert_eq!(stage(&d), "ordered", "delivered the day before the wave ordered");
    assert_eq!(passed(&d, "dossier.chronology"), Some(false));
    assert_eq!(passed(&d, "delivery.signed_note"), None);
    let d = one("2022-04-07", set(full("D1", 100), "delivery.delivered_on", json!("2022-03-01")));
    assert_eq!(stage(&d), "delivered", "delivered the day the wave ordered");
}

// ---- process.survey ----------------------------------------------------------------------

#[test]
fn survey_conditions() {
    let base = full("D1", 100);
    assert_eq!(passed(&one("2021-11-10", base.clone()), "process.survey"), Some(true));
    for (path, value, missing) in [
        ("survey.referent", json!(null), "référent"),
        ("survey.referent", json!("  "), "référent"),
        ("survey.connectivity_assessed", json!(false), "connectique"),
        ("survey.infrastructure_assessed", json!(false), "infrastructure"),
        ("survey.bandwidth_sufficient", json!(false), "moyens"),
    ] {
        let d = one("2021-11-10", set(base.clone(), path, value));
        assert_eq!(passed(&d, "process.survey"), Some(false), "{path}");
        assert!(check(&d, "process.survey").unwrap().message.contains(missing), "{path}");
        assert_eq!(stage(&d), "contacted");
        assert!(actions(&d).contains(&"process.survey"));
    }
    // Works needed: the PO must be contacted and means committed.
    let works = set(base.clone(), "survey.works_needed", json!(true));
    assert_eq!(passed(&one("2021-11-10", works.clone()), "process.survey"), Some(false));
    let works = set(works, "survey.po_contacted", json!(true));
    assert_eq!(passed(&one("2021-11-10", works.clone()), "process.survey"), Some(false));
    let works = set(works, "survey.means_committed", json!(true));
    assert_eq!(passed(&one("2021-11-10", works), "process.survey"), Some(true));
    // Insufficient bandwidth with means committed passes.
    let bw =
        set(set(base, "survey.bandwidth_sufficient", json!(false)), "survey.means_committed", json!(true));
    assert_eq!(passed(&one("2021-11-10", bw), "process.survey"), Some(true));
}

#[test]
fn survey_items_are_next_actions_before_the_survey() {
    let d = set(
        set(full("D1", 100), "survey", json!({"connectivity_assessed": true})),
        "first_contact_on",
        json!("2021-10-20"),
    );
    let d = one("2021-10-25", d);
    assert_eq!(stage(&d), "contacted");
    let survey_actions = d.next_actions.iter().filter(|a| a.rule == "process.survey").count();
    assert_eq!(survey_actions, 3, "referent, infrastructure, means (bandwidth not said sufficient)");
    let means = |d: &ecole_numerique::DossierReport| {
        d.next_actions.iter().rfind(|a| a.rule == "process.survey").unwrap().message.to_string()
    };
    assert!(means(&d).contains("bande passante"), "{}", means(&d));
    // Works needed with a sufficient bandwidth: the means, without the bandwidth.
    let mut works =
        set(set(full("D1", 100), "survey.works_needed", json!(true)), "survey.means_committed", json!(false));
    works = set(works, "survey.completed_on", json!(null));
    let d = one("2021-11-10", works);
    assert!(means(&d).contains("moyens") && !means(&d).contains("bande passante"), "{}", means(&d));
    assert_eq!(actions(&d).last(), Some(&"process.signature"));
    let due = d.next_actions.last().unwrap().due.unwrap().to_string();
    assert_eq!(due, "2022-06-01", "signature due by the deadline");
}

// ---- process.approvals / process.signature -----------------------------------------------

#[test]
fn approvals_must_be_dated_on_or_before_the_signature() {
    let same = set(full("D1", 100), "expert_approved_on", json!("2022-01-20"));
    assert_eq!(passed(&one("2022-01-20", same), "process.approvals"), Some(true));
    let after = set(full("D1", 100), "expert_approved_on", json!("2022-01-21"));
    let d = one("2022-01-25", after);
    assert_eq!(passed(&d, "process.approvals"), Some(false));
    assert_eq!(passed(&d, "process.signature"), None, "the walk stops at the failed approvals");
    assert_eq!(stage(&d), "space_opened");
    let missing = set(full("D1", 100), "cen_approved_on", json!(null));
    let d = one("2022-01-25", missing);
    assert_eq!(passed(&d, "process.approvals"), Some(false));
    assert!(actions(&d).contains(&"process.approvals"));
}

#[test]
fn signature_by_po_and_or_direction() {
    for by in [json!(["po"]), json!(["direction"]), json!(["po", "direction"])] {
        assert_eq!(
            passed(&one("2022-01-20", set(full("D1", 100), "signed_by", by.clone())), "process.signature"),
            Some(true),
            "{by}"
        );
    }
    let d = one("2022-01-20", set(full("D1", 100), "signed_by", json!([])));
    assert_eq!(passed(&d, "process.signature"), Some(false));
    assert_eq!(stage(&d), "space_opened");
    assert!(actions(&d).contains(&"process.signature"));
}

// ---- maturity.deadline / maturity.carry_over ---------------------------------------------

fn signed_on(on: &str) -> serde_json::Value {
    set(full("D1", 100), "signed_on", json!(on))
}

#[test]
fn maturity_deadline_inclusive_boundaries() {
    // Signed on the deadline: confirmed. The day after: carried over (EN2022 unknown).
    let d = one("2022-06-01", signed_on("2022-06-01"));
    assert_eq!(stage(&d), "confirmed");
    assert_eq!(passed(&d, "maturity.deadline"), Some(true));
    let d = one("2022-06-02", signed_on("2022-06-02"));
    assert_eq!(stage(&d), "carried_over");
    assert_eq!(passed(&d, "maturity.deadline"), Some(false));
    assert_eq!(passed(&d, "maturity.carry_over"), Some(false));
    assert_eq!(d.carried_over_to.as_deref(), Some("EN2022"));
    assert_eq!(&*d.edition, "EN2021");
    assert!(d.eligible);
    // Not signed: open up to the deadline, carried over the day after.
    let unsigned = set(full("D1", 100), "signed_on", json!(null));
    for (as_of, expected, ok) in [
        ("2022-05-31", "space_opened", true),
        ("2022-06-01", "space_opened", true),
        ("2022-06-02", "carried_over", false),
    ] {
        let d = one(as_of, unsigned.clone());
        assert_eq!(stage(&d), expected, "{as_of}");
        assert_eq!(passed(&d, "maturity.deadline"), Some(ok), "{as_of}");
        assert_eq!(d.carried_over_to.is_some(), !ok);
    }
}

#[test]
fn maturity_deadline_exclusive_makes_the_day_before_the_last() {
    let mut doc = en2021_doc();
    doc["deadline_inclusive"] = json!(false);
    let run_on = |as_of: &str, dossier| {
        let mut req = request(as_of, vec![dossier]);
        req["edition"] = doc.clone();
        report(&req).dossiers.remove(0)
    };
    assert_eq!(stage(&run_on("2022-05-31", signed_on("2022-05-31"))), "confirmed");
    assert_eq!(stage(&run_on("2022-06-01", signed_on("2022-06-01"))), "carried_over");
    let unsigned = set(full("D1", 100), "signed_on", json!(null));
    assert_eq!(stage(&run_on("2022-05-31", unsigned.clone())), "space_opened");
    assert_eq!(stage(&run_on("2022-06-01", unsigned)), "carried_over");
}

#[test]
fn carry_over_into_a_known_next_edition() {
    let mut req = request("2023-01-10", vec![signed_on("2023-01-10")]);
    req["editions"] = json!([en2022_doc(None)]);
    let d = report(&req).dossiers.remove(0);
    assert_eq!(stage(&d), "confirmed");
    assert_eq!(&*d.edition, "EN2022");
    assert_eq!(d.deadline.to_string(), "2023-06-01");
    assert_eq!(d.carried_over_from, ["EN2021"]);
    assert_eq!(d.carried_over_to, None);
    assert_eq!(passed(&d, "maturity.carry_over"), Some(true));
    assert_eq!(passed(&d, "maturity.deadline"), Some(true));
    assert_eq!(passed(&d, "eligibility.one_per_establishment"), Some(true), "kept");
    // The new edition's rules: a 2021 laureate is excluded from EN2022.
    let mut req = req.clone();
    req["establishments"][0]["laureate_years"] = json!([2021]);
    let d = report(&req).dossiers.remove(0);
    assert_eq!(stage(&d), "ineligible");
    assert_eq!(&*d.edition, "EN2022");
    assert_eq!(passed(&d, "eligibility.never_laureate"), Some(false));
    // It was ranked in EN2021 and keeps that result (SPEC §4), reported as kept.
    assert_eq!(passed(&d, "eligibility.one_per_establishment"), Some(true), "{:?}", rules(&d));
    assert_eq!(passed(&d, "maturity.carry_over"), Some(true));
}

#[test]
fn carry_over_repeats_and_waits_for_an_unknown_edition() {
    let mut req = request("2023-06-02", vec![set(full("D1", 100), "signed_on", json!(null))]);
    req["editions"] = json!([en2022_doc(Some("EN2023"))]);
    let d = report(&req).dossiers.remove(0);
    assert_eq!(stage(&d), "carried_over");
    assert_eq!(&*d.edition, "EN2022");
    assert_eq!(d.carried_over_from, ["EN2021"]);
    assert_eq!(d.carried_over_to.as_deref(), Some("EN2023"));
    assert_eq!(actions(&d), ["maturity.carry_over"]);
    // A day earlier it is still open in EN2022.
    req["as_of"] = json!("2023-06-01");
    let d = report(&req).dossiers.remove(0);
    assert_eq!(stage(&d), "space_opened");
    assert_eq!(passed(&d, "maturity.deadline"), Some(true));
}

#[test]
fn carry_over_without_next_edition() {
    let mut doc = en2021_doc();
    doc["next"] = json!(null);
    let mut req = request("2022-06-02", vec![set(full("D1", 100), "signed_on", json!(null))]);
    req["edition"] = doc;
    let d = report(&req).dossiers.remove(0);
    assert_eq!(stage(&d), "carried_over");
    assert_eq!(d.carried_over_to, None);
    assert!(d.next_actions.is_empty());
}

#[test]
fn an_ineligible_dossier_is_never_carried_over() {
    let mut req = request("2022-06-02", vec![set(full("D1", 100), "signed_on", json!(null))]);
    req["establishments"][0]["laureate_years"] = json!([2018]);
    let d = report(&req).dossiers.remove(0);
    assert_eq!(stage(&d), "ineligible");
    assert_eq!(d.carried_over_to, None);
    assert_eq!(passed(&d, "maturity.deadline"), None);
}

/// A dossier carried over into an edition it does not fit is reported alone: the checks its
/// walk made on the way are never said of another dossier.
#[test]
fn a_dossier_carried_over_and_then_ineligible_leaves_nothing_to_the_next_report() {
    let mut en2022 = en2022_doc(None);
    en2022["regions"] = json!(["brussels"]);
    let mut req = request("2023-06-01", vec![full("A", 100), set(full("B", 200), "signed_on", json!(null))]);
    req["editions"] = json!([en2022]);
    let r = report(&req);
    let (a, b) = (&r.dossiers[0], &r.dossiers[1]);
    assert_eq!((stage(b), b.carried_over_from.len()), ("ineligible", 1));
    assert_eq!(stage(a), "evaluated");
    let surveys = a.checks.iter().filter(|c| c.rule == "process.survey").count();
    assert_eq!(surveys, 1, "{:?}", rules(a));
}

// ---- waves: process.order / waves.unscheduled --------------------------------------------

#[test]
fn ordered_on_the_waves_day() {
    let d = one("2022-02-28", full("D1", 100));
    assert_eq!(stage(&d), "confirmed");
    assert_eq!(d.wave.as_deref(), Some("W1"));
    assert_eq!(actions(&d), ["process.order"]);
    assert_eq!(d.next_actions[0].due.unwrap().to_string(), "2022-03-01");
    let d = one("2022-03-01", full("D1", 100));
    assert_eq!(stage(&d), "ordered");
    assert_eq!(
        actions(&d),
        ["delivery.not_unpacked", "delivery.boxes_noted", "delivery.signed_note", "reception.appointment"],
        "the delivery's flags are not known before it, nor the appointment dated 2022-04-08"
    );
}

#[test]
fn unscheduled_projects_wait_for_a_wave() {
    let mut req = request("2022-05-01", vec![full("D1", 100)]);
    req["waves"] = json!([{"id": "W0", "order_on": "2022-01-19"}]); // before the confirmation
    let r = report(&req);
    assert_eq!(stage(&r.dossiers[0]), "confirmed");
    assert_eq!(r.dossiers[0].wave, None);
    assert_eq!(actions(&r.dossiers[0]), ["waves.unscheduled"]);
    assert_eq!(r.unscheduled, ["D1"]);
    req["waves"] = json!([]);
    assert_eq!(report(&req).unscheduled, ["D1"]);
    req.as_object_mut().unwrap().remove("waves");
    req["as_of"] = json!("2022-04-04");
    let r = report(&req);
    assert!(r.unscheduled.is_empty() && r.waves.is_empty());
    assert_eq!(stage(&r.dossiers[0]), "delivered", "no waves field skips the ordered stage");
}

/// Without waves in the request, the order is awaited (`process.order`, no date) until a
/// delivery is known: the day before the delivery, it is; from the delivery day on, the
/// equipment has come, even when an unsigned note stops the dossier at `confirmed`.
#[test]
fn without_waves_the_order_is_awaited_until_a_delivery_is_known() {
    let unsigned = set(full("D1", 100), "delivery.note_signed", json!(false));
    let no_waves = |as_of: &str| {
        let mut req = request(as_of, vec![unsigned.clone()]);
        req.as_object_mut().unwrap().remove("waves");
        report(&req).dossiers.remove(0)
    };
    let before = no_waves("2022-04-03");
    assert_eq!(stage(&before), "confirmed");
    assert_eq!(actions(&before)[0], "process.order");
    for as_of in ["2022-04-04", "2022-04-05"] {
        let d = no_waves(as_of);
        assert_eq!((stage(&d), passed(&d, "delivery.signed_note")), ("confirmed", Some(false)), "{as_of}");
        assert!(!actions(&d).contains(&"process.order"), "{as_of}: {:?}", actions(&d));
        assert!(actions(&d).contains(&"delivery.signed_note"), "{as_of}");
    }
    // A delivery dated before the signature breaks the chronology; it is known all the same:
    // the chronology is to fix, no order awaited.
    let early = set(full("D1", 100), "delivery.delivered_on", json!("2022-01-15"));
    let mut req = request("2022-03-01", vec![early]);
    req.as_object_mut().unwrap().remove("waves");
    let d = report(&req).dossiers.remove(0);
    assert_eq!((stage(&d), passed(&d, "dossier.chronology")), ("confirmed", Some(false)));
    assert!(!actions(&d).contains(&"process.order"), "{:?}", actions(&d));
    assert_eq!(actions(&d)[0], "dossier.chronology");
}

// ---- delivery ------------------------------------------------------------------------------

#[test]
fn delivery_note_must_be_signed_remarks_do_not_block() {
    let d = one("2022-04-05", set(full("D1", 100), "delivery.note_signed", json!(false)));
    assert_eq!(stage(&d), "ordered");
    assert_eq!(passed(&d, "delivery.signed_note"), Some(false));
    assert!(check(&d, "delivery.signed_note").unwrap().blocking);
    assert!(actions(&d).contains(&"delivery.signed_note"));
    let soft = set(
        set(full("D1", 100), "delivery.boxes_noted", json!(false)),
        "delivery.unpacked_before_reception",
        json!(true),
    );
    let d = one("2022-04-05", soft);
    assert_eq!(stage(&d), "delivered");
    assert_eq!(passed(&d, "delivery.boxes_noted"), Some(false));
    assert_eq!(passed(&d, "delivery.not_unpacked"), Some(false));
    assert!(!check(&d, "delivery.boxes_noted").unwrap().blocking);
    assert!(!check(&d, "delivery.not_unpacked").unwrap().blocking);
    // Before the delivery is known, the remarks are not reported.
    let d = one("2022-04-03", full("D1", 100));
    assert_eq!(passed(&d, "delivery.boxes_noted"), None);
}

// ---- reception -----------------------------------------------------------------------------

#[test]
fn reception_guards() {
    let ok = one("2022-04-08", full("D1", 100));
    assert_eq!(stage(&ok), "in_project");
    for (path, value, rule) in [
        ("reception.appointment_on", json!(null), "reception.appointment"),
        ("reception.appointment_on", json!("2022-04-09"), "reception.appointment"),
        ("reception.team_member_present", json!(false), "reception.team_member_present"),
        ("reception.equipment_accessible", json!(false), "reception.accessible"),
    ] {
        let d = one("2022-04-10", set(full("D1", 100), path, value));
        assert_eq!(passed(&d, rule), Some(false), "{path}");
        assert_eq!(stage(&d), "delivered", "{path}");
        assert_eq!(d.commitment_ends_on, None);
        assert!(actions(&d).contains(&rule), "{path}: {:?}", actions(&d));
    }
    let before = one("2022-04-10", set(full("D1", 100), "reception.appointment_on", json!("2022-04-07")));
    assert_eq!(passed(&before, "reception.appointment"), Some(true));
}

// ---- commitment ----------------------------------------------------------------------------

#[test]
fn commitment_ends_three_calendar_years_after_the_visit() {
    let leap = set(
        set(
            set(full("D1", 100), "reception.visited_on", json!("2024-02-29")),
            "reception.appointment_on",
            json!("2024-02-20"),
        ),
        "evaluation",
        json!({}),
    );
    for (as_of, present) in [("2027-02-27", true), ("2027-02-28", true), ("2027-03-01", false)] {
        let d = one(as_of, leap.clone());
        assert_eq!(d.commitment_ends_on.unwrap().to_string(), "2027-02-28");
        assert_eq!(actions(&d).contains(&"commitment.use"), present, "{as_of}");
        // Only the use ends with the commitment (SPEC §6: "`commitment.use` (until
        // `commitment_ends_on`), `commitment.insurance`, `commitment.training`").
        assert!(actions(&d).contains(&"commitment.insurance"), "{as_of}");
        assert!(actions(&d).contains(&"commitment.training"), "{as_of}");
    }
    let dec31 = set(full("D1", 100), "reception.visited_on", json!("2022-12-31"));
    assert_eq!(one("2023-01-01", dec31).commitment_ends_on.unwrap().to_string(), "2025-12-31");
}

#[test]
fn a_commitment_ending_after_the_year_9999_is_written_and_read_back() {
    // Visited on 9999-12-30: the commitment ends on +10002-12-30, a date `YYYY` cannot write.
    let late = set(full("D1", 100), "reception.visited_on", json!("9999-12-30"));
    let req = request("9999-12-31", vec![set(late, "evaluation", json!({}))]);
    let typed = report(&req);
    let d = &typed.dossiers[0];
    assert_eq!(d.commitment_ends_on.unwrap().to_string(), "+10002-12-30");
    let text = ecole_numerique::evaluate_json(&req.to_string()).unwrap();
    assert!(text.contains(r#""commitment_ends_on":"+10002-12-30""#));
    let read: ecole_numerique::CampaignReport = serde_json::from_str(&text).unwrap();
    assert_eq!(read, typed, "the report reads back as it was written");
}

// ---- evaluation ----------------------------------------------------------------------------

#[test]
fn evaluation_needs_both_answers_sharing_is_an_action_until_done() {
    let d = one("2023-05-05", full("D1", 100));
    assert_eq!(stage(&d), "in_project");
    assert_eq!(passed(&d, "evaluation.questionnaire"), Some(true));
    assert_eq!(passed(&d, "evaluation.survey"), None, "missing answer: an action, not a failure");
    assert!(actions(&d).contains(&"evaluation.survey"));
    assert!(actions(&d).contains(&"evaluation.sharing"));
    assert!(!actions(&d).contains(&"evaluation.questionnaire"));
    let d = one("2023-06-01", full("D1", 100));
    assert_eq!(stage(&d), "evaluated");
    assert_eq!(passed(&d, "evaluation.sharing"), Some(true));
    assert!(!actions(&d).contains(&"evaluation.sharing"));
}

// ---- messages -------------------------------------------------------------------------------

#[test]
fn messages_follow_lang_and_rule_ids_do_not() {
    let mut req = request("2022-01-20", vec![full("D1", 100)]);
    let fr = report(&req).dossiers.remove(0);
    req["lang"] = json!("de");
    let de = report(&req).dossiers.remove(0);
    req["lang"] = json!("en");
    let en = report(&req).dossiers.remove(0);
    assert_eq!(rules(&fr), rules(&de));
    assert_eq!(rules(&fr), rules(&en));
    for i in 0..fr.checks.len() {
        assert_ne!(fr.checks[i].message, en.checks[i].message);
        assert_ne!(de.checks[i].message, en.checks[i].message);
        assert_ne!(fr.checks[i].message, de.checks[i].message);
    }
    assert_eq!(&*en.checks[0].message, "The dossier's establishment is known.");
    assert_eq!(&*de.checks[0].message, "Die Einrichtung der Akte ist bekannt.");
}

/// EN2022 with an item EN2021 does not have.
fn en2022_with_vr_headsets() -> serde_json::Value {
    let mut en2022 = en2022_doc(None);
    en2022["grid"]["lines"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "vr-headset", "category": "other", "lot": "other", "points": 2}));
    en2022
}

/// A dossier asking for that item, signed on `signed_on`, not yet received.
fn vr_headsets_signed_on(signed_on: &str) -> serde_json::Value {
    let dossier = set(full("D1", 100), "signed_on", json!(signed_on));
    set(set(dossier, "reception", json!(null)), "equipment", json!([{"item": "vr-headset", "quantity": 5}]))
}

#[test]
fn a_carried_over_dossier_becomes_a_project_on_the_day_it_enters_the_new_edition() {
    // Signed on 2022-03-01 with an item EN2021 does not have: not confirmed in EN2021; in
    // EN2022 (entered on 2022-06-02) the same signature confirms it. It is a project from that
    // day, so its wave is the first one ordering on or after 2022-06-02, not one that had
    // ordered without it; its signature still dates the confirmed stage in its messages.
    let dossier = set(vr_headsets_signed_on("2022-03-01"), "delivery", json!(null));
    let mut req = request("2022-03-15", vec![dossier]);
    req["editions"] = json!([en2022_with_vr_headsets()]);
    req["waves"] = json!([
        {"id": "W-0228", "order_on": "2022-02-28"},
        {"id": "W-03", "order_on": "2022-03-01"},
        {"id": "W-0601", "order_on": "2022-06-01"},
        {"id": "W-0602", "order_on": "2022-06-02"},
        {"id": "W-0603", "order_on": "2022-06-03"}
    ]);
    let before = report(&req);
    assert_eq!(stage(&before.dossiers[0]), "space_opened");
    assert_eq!(passed(&before.dossiers[0], "grid.known_item"), Some(false));
    for (as_of, expected) in
        [("2022-06-01", "space_opened"), ("2022-06-02", "ordered"), ("2022-11-15", "ordered")]
    {
        req["as_of"] = json!(as_of);
        let r = report(&req);
        let d = &r.dossiers[0];
        assert_eq!(stage(d), expected, "{as_of}");
        if expected == "ordered" {
            assert_eq!(&*d.edition, "EN2022");
            assert_eq!(d.wave.as_deref(), Some("W-0602"), "the first wave on or after the entry day");
            assert!(check(d, "maturity.deadline").unwrap().message.contains("2022-03-01"));
            let with_projects: Vec<&str> =
                r.waves.iter().filter(|w| !w.projects.is_empty()).map(|w| w.id.as_str()).collect();
            assert_eq!(with_projects, ["W-0602"], "{as_of}");
        } else {
            assert!(r.waves.iter().all(|w| w.projects.is_empty()), "{as_of}");
        }
    }
    // Signed after the entry day: the signature places it, as for any dossier.
    req["dossiers"][0]["signed_on"] = json!("2022-06-03");
    req["dossiers"][0]["cen_approved_on"] = json!("2022-06-03");
    let r = report(&req);
    assert_eq!(r.dossiers[0].wave.as_deref(), Some("W-0603"));
}

/// P, signed 2022-02-01, 24 tablets, with establishment 100; Q, signed earlier (2022-01-20),
/// 10 tablets and a VR headset (an item only EN2022 has), with establishment 200.
fn p_and_q() -> (serde_json::Value, serde_json::Value) {
    let p = set(full("P", 100), "signed_on", json!("2022-02-01"));
    let p = set(set(p, "delivery", json!(null)), "reception", json!(null));
    let p = set(p, "equipment", json!([{"item": "tablet-android", "quantity": 24}]));
    let q = set(vr_headsets_signed_on("2022-01-20"), "delivery", json!(null));
    let q = set(set(q, "id", json!("Q")), "establishment", json!(200));
    let q = set(
        q,
        "equipment",
        json!([{"item": "tablet-android", "quantity": 10}, {"item": "vr-headset", "quantity": 1}]),
    );
    (p, q)
}

#[test]
fn a_project_confirmed_by_carry_over_never_takes_the_room_of_an_order_already_placed() {
    // P, signed 2022-02-01, is ordered in W1 (2022-03-01, room for 30 tablets). Q, signed
    // earlier (2022-01-20) but with an item only EN2022 has, becomes a project on 2022-06-02:
    // it goes to W2, and P stays ordered in W1 on every later day (a stage never moves back).
    let (p, q) = p_and_q();
    let mut req = request("2022-03-01", vec![p, q]);
    req["editions"] = json!([en2022_with_vr_headsets()]);
    req["waves"] = json!([
        {"id": "W1", "order_on": "2022-03-01", "capacity": {"tablet-android": 30}},
        {"id": "W2", "order_on": "2022-10-01"}
    ]);
    for (as_of, q_stage, q_wave) in [
        ("2022-03-01", "space_opened", None),
        ("2022-06-01", "space_opened", None),
        ("2022-06-02", "confirmed", Some("W2")),
        ("2022-09-30", "confirmed", Some("W2")),
        ("2022-10-01", "ordered", Some("W2")),
    ] {
        req["as_of"] = json!(as_of);
        let r = report(&req);
        assert_eq!(
            (stage(&r.dossiers[0]), r.dossiers[0].wave.as_deref()),
            ("ordered", Some("W1")),
            "{as_of}"
        );
        assert_eq!((stage(&r.dossiers[1]), r.dossiers[1].wave.as_deref()), (q_stage, q_wave), "{as_of}");
        assert_eq!(r.waves[0].projects, ["P"], "{as_of}");
        assert_eq!(r.waves[0].lines[0].quantity, 24, "{as_of}");
    }
}

#[test]
fn a_carry_over_through_an_edition_that_ended_earlier_keeps_the_later_entry_day() {
    // EN2021 -> EN2022 (whose deadline, 2021-01-01, came before EN2021's) -> EN2023 (with
    // the item). Q, signed 2022-01-20, leaves EN2021 on 2022-06-02 and goes through EN2022
    // the same day: it enters EN2023 on 2022-06-02, not on the day after EN2022's deadline,
    // so it does not take the room P was ordered in on 2022-03-01.
    let mut en2022 = en2022_doc(Some("EN2023"));
    en2022["declaration"] = json!({"opens": "2020-10-01", "closes": "2020-12-01"});
    en2022["dossier_deadline"] = json!("2021-01-01");
    let mut en2023 = en2022_with_vr_headsets();
    en2023["id"] = json!("EN2023");
    en2023["year"] = json!(2023);
    en2023["declaration"] = json!({"opens": "2023-10-01", "closes": "2023-12-15"});
    en2023["dossier_deadline"] = json!("2024-06-01");
    let (p, q) = p_and_q();
    let mut req = request("2022-06-02", vec![p, q]);
    req["lang"] = json!("en");
    req["editions"] = json!([en2022, en2023]);
    req["waves"] = json!([
        {"id": "W1", "order_on": "2022-03-01", "capacity": {"tablet-android": 30}},
        {"id": "W2", "order_on": "2022-10-01"}
    ]);
    let r = report(&req);
    assert_eq!((stage(&r.dossiers[0]), r.dossiers[0].wave.as_deref()), ("ordered", Some("W1")));
    let q = &r.dossiers[1];
    assert_eq!((stage(q), &*q.edition, q.wave.as_deref()), ("confirmed", "EN2023", Some("W2")));
    assert_eq!(q.carried_over_from.iter().map(|e| &**e).collect::<Vec<_>>(), ["EN2021", "EN2022"]);
    let done = check(q, "maturity.carry_over").unwrap();
    assert_eq!(&*done.message, "Dossier carried over from EN2022 to EN2023 on 2022-06-02.");
}

#[test]
fn a_delivery_after_the_signature_but_before_the_carry_over_is_in_order() {
    // The same dossier without waves, signed on 2022-05-01 and confirmed in EN2022 (entered on
    // 2022-06-02): a delivery the day before that entry, of it or after it is on or after the
    // signature, the confirmed stage's event; one before the signature is out of order.
    for (delivered, expected, in_order) in [
        ("2022-04-30", "confirmed", false),
        ("2022-05-01", "delivered", true),
        ("2022-06-01", "delivered", true),
        ("2022-06-02", "delivered", true),
        ("2022-06-03", "delivered", true),
    ] {
        let delivery = json!({"delivered_on": delivered, "note_signed": true});
        let mut req =
            request("2022-07-01", vec![set(vr_headsets_signed_on("2022-05-01"), "delivery", delivery)]);
        req["editions"] = json!([en2022_with_vr_headsets()]);
        req.as_object_mut().unwrap().remove("waves");
        let d = &report(&req).dossiers[0];
        assert_eq!((stage(d), &*d.edition), (expected, "EN2022"), "{delivered}");
        assert_eq!(passed(d, "dossier.chronology"), Some(in_order), "{delivered}");
    }
}
