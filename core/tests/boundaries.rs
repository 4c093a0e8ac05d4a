//! The day before, of and after each date of SPEC, where `rules.rs` tests a rule's two sides
//! on other days: the declaration window's ends, the deadline (inclusive and exclusive), the
//! carry-over day, each pair of consecutive events, the approvals against the signature, and
//! `as_of` against the events a stage or a check waits for.

mod common;

use common::*;
use serde_json::{json, Value};

/// A dossier of school 100 that is only declared (no other event).
fn declared(on: &str) -> Value {
    json!({"id": "D1", "establishment": 100, "declared_on": on})
}

/// The full dossier without its delivery, reception and evaluation: a project from its
/// signature on, whatever day that is (no later event to put out of order).
fn to_signature(signed_on: Option<&str>) -> Value {
    let mut d = full("D1", 100);
    for part in ["delivery", "reception", "evaluation"] {
        d = set(d, part, json!(null));
    }
    set(d, "signed_on", signed_on.map_or(Value::Null, |s| json!(s)))
}

/// Fields to set (dotted path, day) on the full dossier.
type Changes = Vec<(&'static str, &'static str)>;

fn chronology_checks(d: &ecole_numerique::DossierReport) -> usize {
    d.checks.iter().filter(|c| c.rule == "dossier.chronology").count()
}

#[test]
fn the_declaration_window_takes_both_its_ends() {
    for (on, inside) in [
        ("2021-09-30", false),
        ("2021-10-01", true),
        ("2021-10-02", true),
        ("2021-12-16", true),
        ("2021-12-17", true),
        ("2021-12-18", false),
    ] {
        let d = one("2021-12-20", declared(on));
        assert_eq!(passed(&d, "eligibility.declaration_window"), Some(inside), "declared on {on}");
        assert_eq!(stage(&d), if inside { "declared" } else { "ineligible" }, "{on}");
        assert_eq!(d.eligible, inside, "{on}");
    }
}

#[test]
fn before_the_window_opens_a_dossier_is_not_declared_yet_or_declared_too_early() {
    let d = one("2021-09-30", json!({"id": "D1", "establishment": 100}));
    assert_eq!(stage(&d), "not_declared");
    assert_eq!(passed(&d, "eligibility.declaration_window"), None, "not reported while open");
    assert_eq!(actions(&d), ["eligibility.declaration_window"]);
    assert_eq!(d.next_actions[0].due.unwrap().to_string(), "2021-12-17");
    // Declared the day before the window opens: known on that day, and outside the window.
    let d = one("2021-09-30", declared("2021-09-30"));
    assert_eq!((stage(&d), passed(&d, "eligibility.declaration_window")), ("ineligible", Some(false)));
}

#[test]
fn an_inclusive_deadline_takes_its_own_day() {
    for (signed, in_time) in [("2022-05-31", true), ("2022-06-01", true), ("2022-06-02", false)] {
        let d = one("2022-06-10", to_signature(Some(signed)));
        assert_eq!(passed(&d, "maturity.deadline"), Some(in_time), "signed {signed}");
        assert_eq!(stage(&d), if in_time { "confirmed" } else { "carried_over" }, "{signed}");
        assert_eq!(passed(&d, "dossier.chronology"), Some(true), "{signed}");
    }
}

#[test]
fn an_exclusive_deadline_ends_the_day_before() {
    let mut doc = en2021_doc();
    doc["deadline_inclusive"] = json!(false);
    let with = |as_of: &str, d: Value| {
        let mut req = request(as_of, vec![d]);
        req["edition"] = doc.clone();
        report(&req).dossiers.remove(0)
    };
    for (signed, in_time) in [("2022-05-30", true), ("2022-05-31", true), ("2022-06-01", false)] {
        let d = with("2022-06-10", to_signature(Some(signed)));
        assert_eq!(passed(&d, "maturity.deadline"), Some(in_time), "signed {signed}");
        assert_eq!(stage(&d), if in_time { "confirmed" } else { "carried_over" }, "{signed}");
    }
    // Unsigned: still open on the last day, carried over on the deadline day itself.
    let open = with("2022-05-31", to_signature(None));
    assert_eq!((stage(&open), passed(&open, "maturity.deadline")), ("space_opened", Some(true)));
    assert_eq!(passed(&open, "maturity.carry_over"), None);
    for as_of in ["2022-06-01", "2022-06-02"] {
        let gone = with(as_of, to_signature(None));
        assert_eq!(stage(&gone), "carried_over", "{as_of}");
        assert_eq!(passed(&gone, "maturity.deadline"), Some(false), "{as_of}");
        assert_eq!(passed(&gone, "maturity.carry_over"), Some(false), "{as_of}: EN2022 is unknown");
        assert_eq!(gone.carried_over_to.as_deref(), Some("EN2022"));
    }
}

#[test]
fn a_carry_over_into_a_known_edition_happens_the_day_after_the_deadline() {
    let with = |as_of: &str| {
        let mut req = request(as_of, vec![to_signature(None)]);
        req["editions"] = json!([en2022_doc(None)]);
        report(&req).dossiers.remove(0)
    };
    let last = with("2022-06-01");
    assert_eq!((&*last.edition, passed(&last, "maturity.carry_over")), ("EN2021", None));
    assert_eq!(passed(&last, "maturity.deadline"), Some(true));
    let moved = with("2022-06-02");
    assert_eq!((&*moved.edition, passed(&moved, "maturity.carry_over")), ("EN2022", Some(true)));
    assert_eq!(passed(&moved, "maturity.deadline"), Some(true), "EN2022's deadline has not passed");
    assert!(check(&moved, "maturity.carry_over").unwrap().message.contains("2022-06-02"));
    // EN2022's own deadline, 2023-06-01, inclusive; it names no next edition.
    for (as_of, open) in [("2023-05-31", true), ("2023-06-01", true), ("2023-06-02", false)] {
        let d = with(as_of);
        assert_eq!(&*d.edition, "EN2022", "{as_of}");
        assert_eq!(passed(&d, "maturity.deadline"), Some(open), "{as_of}");
        assert_eq!(stage(&d), if open { "space_opened" } else { "carried_over" }, "{as_of}");
    }
}

/// Each event may fall on the day of the one before it, never the day before.
#[test]
fn consecutive_events_may_share_a_day_but_not_go_back_one() {
    let full = full("D1", 100);
    // Before the confirmation, as of a day it is confirmed on (and the deadline not passed);
    // after it, as of a day it is evaluated on.
    let cases: [(&str, Changes, Changes, &str); 5] = [
        (
            "first contact, then survey",
            vec![("survey.completed_on", "2021-10-20")],
            vec![("survey.completed_on", "2021-10-19")],
            "contacted",
        ),
        (
            "survey, then space",
            vec![("space_opened_on", "2021-11-10")],
            vec![("space_opened_on", "2021-11-09")],
            "surveyed",
        ),
        (
            "space, then signature",
            vec![("space_opened_on", "2022-01-20")],
            vec![("space_opened_on", "2022-01-21")],
            "space_opened",
        ),
        (
            "delivery, then visit",
            vec![("reception.appointment_on", "2022-04-04"), ("reception.visited_on", "2022-04-04")],
            vec![("reception.appointment_on", "2022-04-03"), ("reception.visited_on", "2022-04-03")],
            "delivered",
        ),
        (
            "visit, then evaluation",
            vec![("evaluation.questionnaire_on", "2022-04-08"), ("evaluation.survey_on", "2022-04-08")],
            vec![("evaluation.questionnaire_on", "2022-04-07"), ("evaluation.survey_on", "2022-04-07")],
            "in_project",
        ),
    ];
    for (what, same_day, day_before, stops_at) in cases {
        let apply = |changes: &[(&str, &str)]| {
            changes.iter().fold(full.clone(), |d, (path, day)| set(d, path, json!(day)))
        };
        let before_confirmation = ["contacted", "surveyed", "space_opened"].contains(&stops_at);
        let (as_of, reached) =
            if before_confirmation { ("2022-02-15", "confirmed") } else { ("2023-06-01", "evaluated") };
        let d = one(as_of, apply(&same_day));
        assert_eq!(passed(&d, "dossier.chronology"), Some(true), "{what}, same day");
        assert_eq!(stage(&d), reached, "{what}, same day");
        let d = one(as_of, apply(&day_before));
        assert_eq!(passed(&d, "dossier.chronology"), Some(false), "{what}, a day back");
        assert_eq!(stage(&d), stops_at, "{what}, a day back");
        assert_eq!(chronology_checks(&d), 1, "{what}");
    }
}

#[test]
fn an_approval_may_come_up_to_the_signature_day() {
    for who in ["cen_approved_on", "expert_approved_on"] {
        for (on, ok) in [("2022-01-19", true), ("2022-01-20", true), ("2022-01-21", false)] {
            let d = one("2022-02-01", set(to_signature(Some("2022-01-20")), who, json!(on)));
            assert_eq!(passed(&d, "process.approvals"), Some(ok), "{who} on {on}");
            assert_eq!(stage(&d), if ok { "confirmed" } else { "space_opened" }, "{who} on {on}");
        }
    }
    // An approval dated after `as_of` is not known yet: it is still to be obtained.
    let d = one("2022-01-15", set(to_signature(None), "cen_approved_on", json!("2022-01-16")));
    assert_eq!(passed(&d, "process.approvals"), None, "not signed: the stage's guards wait");
    let approvals: Vec<_> = d.next_actions.iter().filter(|a| a.rule == "process.approvals").collect();
    assert_eq!(approvals.len(), 1);
    assert!(approvals[0].message.contains("conseiller Ecole Numérique"), "{}", approvals[0].message);
    assert!(!approvals[0].message.contains("expert"), "{}", approvals[0].message);
}

#[test]
fn as_of_meets_the_space_the_delivery_and_the_questionnaire_on_their_day() {
    // Space opened on 2021-11-15.
    let stages: Vec<_> = ["2021-11-14", "2021-11-15", "2021-11-16"]
        .iter()
        .map(|as_of| stage(&one(as_of, full("D1", 100))))
        .collect();
    assert_eq!(stages, ["surveyed", "space_opened", "space_opened"]);
    // Delivered on 2022-04-04: the delivery's remarks are reported from that day.
    let before = one("2022-04-03", full("D1", 100));
    assert_eq!((stage(&before), passed(&before, "delivery.boxes_noted")), ("ordered", None));
    for as_of in ["2022-04-04", "2022-04-05"] {
        let d = one(as_of, full("D1", 100));
        assert_eq!(stage(&d), "delivered", "{as_of}");
        assert_eq!(passed(&d, "delivery.boxes_noted"), Some(true), "{as_of}");
        assert_eq!(passed(&d, "delivery.not_unpacked"), Some(true), "{as_of}");
        assert_eq!(passed(&d, "delivery.signed_note"), Some(true), "{as_of}");
    }
    // Questionnaire answered on 2023-05-01: a next action the day before, a passed check on it.
    let before = one("2023-04-30", full("D1", 100));
    assert_eq!(passed(&before, "evaluation.questionnaire"), None);
    assert!(actions(&before).contains(&"evaluation.questionnaire"), "{:?}", actions(&before));
    for as_of in ["2023-05-01", "2023-05-02"] {
        let d = one(as_of, full("D1", 100));
        assert_eq!(passed(&d, "evaluation.questionnaire"), Some(true), "{as_of}");
        assert!(!actions(&d).contains(&"evaluation.questionnaire"), "{as_of}");
        assert!(actions(&d).contains(&"evaluation.survey"), "{as_of}: the survey comes on 2023-05-10");
        assert_eq!(stage(&d), "in_project", "{as_of}");
    }
}

/// After a carry-over, level and region are those of the edition the dossier is in.
#[test]
fn level_and_region_are_checked_again_after_a_carry_over() {
    let mut primary_only_elsewhere = en2022_doc(None);
    primary_only_elsewhere["eligible_offers"] = json!([{"level": "secondaire", "kind": "ordinaire"}]);
    let mut brussels = en2022_doc(None);
    brussels["regions"] = json!(["brussels"]);
    for (edition, rule) in [(primary_only_elsewhere, "eligibility.level"), (brussels, "eligibility.region")] {
        let with = |as_of: &str| {
            let mut req = request(as_of, vec![to_signature(None)]);
            req["editions"] = json!([edition.clone()]);
            report(&req).dossiers.remove(0)
        };
        let d = with("2022-06-01");
        assert_eq!((stage(&d), passed(&d, rule)), ("space_opened", Some(true)), "{rule}");
        let d = with("2022-06-02");
        assert_eq!((stage(&d), passed(&d, rule)), ("ineligible", Some(false)), "{rule}");
        assert!(!d.eligible, "{rule}");
        assert_eq!(&*d.edition, "EN2022");
        assert_eq!(passed(&d, "eligibility.one_per_establishment"), Some(true), "{rule}: kept");
        assert_eq!(passed(&d, "maturity.carry_over"), Some(true), "{rule}");
    }
}
