//! Bad input: each unreadable request gets its typed error naming the place; anything wrong
//! with one dossier's values is a failed check instead. Never a panic.

mod common;

use common::*;
use ecole_numerique::{evaluate, evaluate_json, CampaignRequest, Edition, Error, ErrorKind};
use serde_json::json;

fn refused(text: &str) -> Error {
    match evaluate_json(text) {
        Err(e) => e,
        Ok(_) => panic!("accepted: {text}"),
    }
}

fn refused_value(v: &serde_json::Value) -> (ErrorKind, String) {
    let e = refused(&v.to_string());
    (e.kind(), e.path().to_string())
}

#[test]
fn malformed_json() {
    for text in [
        "",
        "{",
        "{\"edition\": \"EN2021\",}",
        "[]",
        "null",
        "{\"edition\": \"EN2021\", \"as_of\": \"2022-01-01\"} trailing",
    ] {
        assert_eq!(refused(text).kind(), ErrorKind::InvalidRequest, "{text:?}");
    }
}

#[test]
fn wrong_types_name_their_place() {
    let base = request("2022-01-20", vec![full("D1", 100), full("D2", 200)]);
    let cases = [
        ("as_of", json!(20220120), "as_of"),
        ("lang", json!("nl"), "lang"),
        ("edition", json!(2021), "edition"),
    ];
    for (field, value, path) in cases {
        let mut v = base.clone();
        v[field] = value;
        assert_eq!(refused_value(&v), (ErrorKind::InvalidRequest, path.to_string()), "{field}");
    }
    let dossier_cases = [
        ("id", json!(7), "dossiers[1].id"),
        ("establishment", json!("100"), "dossiers[1].establishment"),
        ("establishment", json!(100.0), "dossiers[1].establishment"),
        ("establishment", json!(1e30), "dossiers[1].establishment"),
        ("declared_on", json!(true), "dossiers[1].declared_on"),
        ("signed_on", json!("2022-02-30"), "dossiers[1].signed_on"),
        ("signed_on", json!("20-01-2022"), "dossiers[1].signed_on"),
        ("signed_by", json!(["mayor"]), "dossiers[1].signed_by[0]"),
        ("survey", json!({"works_needed": "yes"}), "dossiers[1].survey.works_needed"),
        ("equipment", json!([{"item": "nas", "quantity": 2.0}]), "dossiers[1].equipment[0].quantity"),
        ("equipment", json!([{"item": "nas", "quantity": "3"}]), "dossiers[1].equipment[0].quantity"),
        ("equipment", json!([{"item": 3, "quantity": 3}]), "dossiers[1].equipment[0].item"),
        ("delivery", json!({"delivered_on": "2022-13-01"}), "dossiers[1].delivery.delivered_on"),
        ("reception", json!({"team_member_present": 1}), "dossiers[1].reception.team_member_present"),
        ("evaluation", json!({"shared_on": "tomorrow"}), "dossiers[1].evaluation.shared_on"),
        ("implantations", json!(["101"]), "dossiers[1].implantations[0]"),
    ];
    for (field, value, path) in dossier_cases {
        let mut v = base.clone();
        v["dossiers"][1][field] = value;
        assert_eq!(refused_value(&v), (ErrorKind::InvalidRequest, path.to_string()), "{field}");
    }
    let mut v = base.clone();
    v["establishments"][1]["offers"] = json!([{"level": "college", "kind": "ordinaire"}]);
    assert_eq!(refused_value(&v).1, "establishments[1].offers[0].level");
    let mut v = base.clone();
    v["establishments"][0]["implantations"] = json!([{"fase": 1, "region": "paris"}]);
    assert_eq!(refused_value(&v).1, "establishments[0].implantations[0].region");
    let mut v = base.clone();
    v["waves"] = json!([{"id": "W", "order_on": "2022-02-29"}]);
    assert_eq!(refused_value(&v).1, "waves[0].order_on");
}

#[test]
fn unknown_fields_are_refused_not_dropped() {
    let mut v = request("2022-01-20", vec![full("D1", 100)]);
    v["dossiers"][0]["signed_onn"] = json!("2022-01-20");
    let (kind, path) = refused_value(&v);
    assert_eq!(kind, ErrorKind::InvalidRequest);
    assert!(path.starts_with("dossiers[0]"), "{path}");
}

#[test]
fn null_reads_as_absent() {
    let mut v = request("2022-01-20", vec![full("D1", 100)]);
    v["dossiers"][0]["extra"] = json!(null);
    v["dossiers"][0]["delivery"] = json!(null);
    v["dossiers"][0]["survey"]["means_committed"] = json!(null);
    v["lang"] = json!(null);
    // The same report as with the fields left out (and the default language).
    let mut absent = request("2022-01-20", vec![full("D1", 100)]);
    let dossier = absent["dossiers"][0].as_object_mut().unwrap();
    dossier.remove("extra");
    dossier.remove("delivery");
    dossier["survey"].as_object_mut().unwrap().remove("means_committed");
    assert_eq!(evaluate_json(&v.to_string()).unwrap(), evaluate_json(&absent.to_string()).unwrap());
    assert!(evaluate_json(&v.to_string()).unwrap().contains("\"lang\":\"fr\""));
}

#[test]
fn unknown_editions() {
    let mut v = request("2022-01-20", vec![full("D1", 100)]);
    v["edition"] = json!("EN1999");
    assert_eq!(refused_value(&v), (ErrorKind::UnknownEdition, "edition".into()));
    let mut v = request("2022-01-20", vec![full("D1", 100), full("D2", 200)]);
    v["dossiers"][1]["edition"] = json!("EN2030");
    assert_eq!(refused_value(&v), (ErrorKind::UnknownEdition, "dossiers[1].edition".into()));
    assert!(matches!(Edition::builtin("EN2030"), Err(Error::UnknownEdition { .. })));
}

#[test]
fn invalid_edition_documents_in_a_request() {
    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
        ("declaration", json!({"opens": "2021-12-18", "closes": "2021-12-17"}), "declaration.closes"),
        ("dossier_deadline", json!("2021-12-17"), "dossier_deadline"),
        ("grid", json!({"max_points": 0, "lines": []}), "grid.max_points"),
        (
            "grid",
            json!({"max_points": 50, "lines": [
            {"id": "a", "category": "c", "lot": "l", "points": 1}, {"id": "a", "category": "c", "lot": "l", "points": 2}]}),
            "grid.lines[1].id",
        ),
        ("eligible_offers", json!([{"level": "primaire", "kind": "du soir"}]), "eligible_offers[0].kind"),
        ("regions", json!(["atlantis"]), "regions[0]"),
        ("next", json!("EN2021"), "next"),
        ("year", json!("2021"), "year"),
        ("dossier_deadline", json!("2022-06-31"), "dossier_deadline"),
    ];
    for (field, value, path) in cases {
        let mut doc = en2021_doc();
        doc[field] = value;
        let mut v = request("2022-01-20", vec![full("D1", 100)]);
        v["edition"] = doc.clone();
        assert_eq!(refused_value(&v), (ErrorKind::InvalidEdition, format!("edition.{path}")), "{field}");
        let mut v = request("2022-01-20", vec![full("D1", 100)]);
        doc["id"] = json!("EN2023");
        if field == "next" {
            doc["next"] = json!("EN2023");
        }
        v["editions"] = json!([en2022_doc(None), doc]);
        assert_eq!(refused_value(&v), (ErrorKind::InvalidEdition, format!("editions[1].{path}")), "{field}");
    }
}

#[test]
fn a_cycle_between_editions_is_refused() {
    let mut v = request("2022-01-20", vec![full("D1", 100)]);
    let mut back = en2022_doc(Some("EN2021"));
    back["next"] = json!("EN2021");
    v["editions"] = json!([back]);
    let (kind, path) = refused_value(&v);
    assert_eq!(kind, ErrorKind::InvalidEdition);
    assert!(path.ends_with(".next"), "{path}");
}

/// The order in which an unreadable request's faults are reported: a FASE given twice, a
/// dossier id used twice, a wave's fault, an unknown edition (the request's, then the first
/// dossier's); an id used twice is found wherever it is, before or after the other faults.
#[test]
fn faults_are_reported_in_a_fixed_order() {
    let dossiers = || vec![full("D1", 100), full("D2", 100), full("D3", 100), full("D2", 100)];
    let twice = (ErrorKind::InvalidRequest, "dossiers[3].id".to_string());
    // An unknown edition in a dossier before the id used twice.
    let mut v = request("2022-01-20", dossiers());
    v["dossiers"][1]["edition"] = json!("EN2030");
    assert_eq!(refused_value(&v), twice);
    // ... and after it, or with no id used twice.
    v["dossiers"][3]["id"] = json!("D4");
    assert_eq!(refused_value(&v), (ErrorKind::UnknownEdition, "dossiers[1].edition".into()));
    let mut v = request("2022-01-20", dossiers());
    v["dossiers"][3]["edition"] = json!("EN2030");
    assert_eq!(refused_value(&v), twice);
    // The request's edition unknown, or a wave's fault.
    let mut v = request("2022-01-20", dossiers());
    v["edition"] = json!("EN1999");
    assert_eq!(refused_value(&v), twice);
    v["dossiers"][3]["id"] = json!("D4");
    assert_eq!(refused_value(&v), (ErrorKind::UnknownEdition, "edition".into()));
    let mut v = request("2022-01-20", dossiers());
    v["waves"] = json!([{"id": "W", "order_on": "2022-03-01"}, {"id": "W", "order_on": "2022-04-01"}]);
    v["edition"] = json!("EN1999");
    assert_eq!(refused_value(&v), twice);
    v["dossiers"][3]["id"] = json!("D4");
    assert_eq!(refused_value(&v), (ErrorKind::InvalidRequest, "waves[1].id".into()));
    // A FASE given twice comes first of all.
    let mut v = request("2022-01-20", dossiers());
    v["establishments"] = json!([school(100), school(100)]);
    assert_eq!(refused_value(&v), (ErrorKind::InvalidRequest, "establishments[1].fase".into()));
}

#[test]
fn duplicates_and_negative_capacity() {
    let v = request("2022-01-20", vec![full("D1", 100), full("D1", 200)]);
    assert_eq!(refused_value(&v), (ErrorKind::InvalidRequest, "dossiers[1].id".into()));
    let mut v = request("2022-01-20", vec![full("D1", 100)]);
    v["establishments"] = json!([school(100), school(200), school(100)]);
    assert_eq!(refused_value(&v), (ErrorKind::InvalidRequest, "establishments[2].fase".into()));
    let mut v = request("2022-01-20", vec![full("D1", 100)]);
    v["waves"] = json!([{"id": "W", "order_on": "2022-03-01"}, {"id": "W", "order_on": "2022-04-01"}]);
    assert_eq!(refused_value(&v), (ErrorKind::InvalidRequest, "waves[1].id".into()));
    let mut v = request("2022-01-20", vec![full("D1", 100)]);
    v["waves"] = json!([{"id": "W", "order_on": "2022-03-01", "capacity": {"nas": 3, "tablet-android": -1}}]);
    assert_eq!(refused_value(&v), (ErrorKind::InvalidRequest, "waves[0].capacity.tablet-android".into()));
    // Beyond 64 bits: negative stays refused, positive is as good as unlimited; `2.0` is no integer.
    let mut v = request("2022-01-20", vec![full("D1", 100)]);
    let text =
        |units: &str| {
            v.to_string().replace(r#""waves":[{"id":"W1","order_on":"2022-03-01"}]"#, &format!(
            r#""waves":[{{"id":"W1","order_on":"2022-03-01","capacity":{{"tablet-android":{units}}}}}]"#
        ))
        };
    let read = |t: String| CampaignRequest::from_json(&t).and_then(|r| evaluate(&r));
    let big = read(text("100000000000000000000")).unwrap();
    assert_eq!(big.waves[0].projects, ["D1"]);
    let err = read(text("-100000000000000000000")).unwrap_err();
    assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidRequest, "waves[0].capacity.tablet-android"));
    for not_integer in ["2.0", "1e19", "-1e19", "1e400"] {
        let err = read(text(not_integer)).unwrap_err();
        assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidRequest, "waves[0].capacity.tablet-android"));
        assert!(err.to_string().contains("expected an integer"), "{not_integer}: {err}");
    }
    // `-0` is the integer 0: no room, not a negative capacity.
    let none = read(text("-0")).unwrap();
    assert!(none.waves[0].projects.is_empty());
    assert_eq!(none.unscheduled, ["D1"]);
    // An item given twice, whatever its values and their order (`null` included), is refused
    // at its place: a map would silently keep one of the two.
    for twice in [
        "-1, \"tablet-android\": 5",
        "5, \"tablet-android\": -1",
        "0, \"tablet-android\": null",
        "null, \"tablet-android\": 0",
        "5, \"tablet-android\": 5",
    ] {
        let err = read(text(twice)).unwrap_err();
        assert_eq!(
            (err.kind(), err.path()),
            (ErrorKind::InvalidRequest, "waves[0].capacity.tablet-android"),
            "{twice}"
        );
        assert!(err.to_string().contains("given twice"), "{twice}: {err}");
    }
    let two_items = read(text("0, \"nas\": 5")).unwrap();
    assert_eq!(two_items.unscheduled, ["D1"]);
    v["editions"] = json!([en2022_doc(None), en2022_doc(None)]);
    assert_eq!(refused_value(&v), (ErrorKind::InvalidRequest, "editions[1].id".into()));
}

#[test]
fn per_dossier_problems_are_checks_not_errors() {
    let huge = set(full("D1", 100), "equipment", json!([{"item": "macbook", "quantity": i64::MAX}]));
    let zero = set(full("D2", 100), "equipment", json!([{"item": "nas", "quantity": 0}]));
    let unknown_item = set(full("D3", 100), "equipment", json!([{"item": "hologram", "quantity": 2}]));
    let unknown_school = full("D4", 404);
    let chrono = set(full("D5", 200), "survey.completed_on", json!("2021-10-01"));
    let r = report(&request("2023-06-01", vec![huge, zero, unknown_item, unknown_school, chrono]));
    assert_eq!(r.dossiers.len(), 5, "nothing dropped");
    assert_eq!(passed(&r.dossiers[0], "grid.max_points"), Some(false));
    assert_eq!(r.dossiers[0].points.total, i64::MAX);
    assert_eq!(passed(&r.dossiers[1], "grid.quantity"), Some(false));
    assert_eq!(passed(&r.dossiers[2], "grid.known_item"), Some(false));
    assert_eq!(passed(&r.dossiers[3], "dossier.establishment"), Some(false));
    let unknown = r.dossiers[3].checks.iter().find(|c| c.rule == "dossier.establishment").unwrap();
    assert!(unknown.message.contains("FASE 404"), "the failure names the FASE it looked for");
    assert_eq!(passed(&r.dossiers[4], "dossier.chronology"), Some(false));
}

/// A FASE number is any integer (SPEC §9: `fase (integer)`): a dossier naming one that no
/// establishment has, negative or beyond 32 bits, fails `dossier.establishment` and the
/// campaign goes on; an establishment or implantation may carry such a number. Only a number
/// beyond 64 bits is refused, as a value core cannot hold.
#[test]
fn any_integer_is_a_fase_number() {
    let negative = full("D1", -5);
    let beyond_32_bits = full("D2", 4_294_967_396);
    let listed = set(full("D3", 100), "implantations", json!([-1, 101]));
    let mut v = request("2022-01-20", vec![negative, beyond_32_bits, listed, full("D4", -200)]);
    v["establishments"][1]["fase"] = json!(-200);
    v["establishments"][1]["implantations"][0]["fase"] = json!(-201);
    let r = report(&v);
    assert_eq!(r.dossiers.len(), 4, "nothing dropped");
    for (d, fase) in [(&r.dossiers[0], "-5"), (&r.dossiers[1], "4294967396")] {
        assert_eq!(d.stage.as_str(), "ineligible");
        assert_eq!(passed(d, "dossier.establishment"), Some(false));
        let check = d.checks.iter().find(|c| c.rule == "dossier.establishment").unwrap();
        assert!(check.message.contains(&format!("FASE {fase} ")), "{}", check.message);
    }
    assert_eq!(r.dossiers[0].establishment, -5);
    assert_eq!(r.dossiers[1].establishment, 4_294_967_396);
    // -1 is not an implantation of establishment 100: named in its region check, which 101
    // passes.
    assert_eq!(passed(&r.dossiers[2], "eligibility.region"), Some(true));
    let region = r.dossiers[2].checks.iter().find(|c| c.rule == "eligibility.region").unwrap();
    assert!(region.message.contains("-1"), "{}", region.message);
    // The establishment numbered -200 is found, and its implantation -201 is in Wallonia: the
    // dossier is confirmed (its wave orders later).
    assert_eq!(r.dossiers[3].stage.as_str(), "confirmed");
    let text = serde_json::to_string(&v).unwrap().replace("4294967396", "100000000000000000000");
    assert_eq!(refused(&text).path(), "dossiers[1].establishment");
}

/// A JSON integer beyond 64 bits is still an integer (SPEC §9: "a wrong value is a failed
/// check, not an error"): it is read as `i64::MAX` or `i64::MIN`, and `-0` as 0. A number
/// written with a fraction or an exponent is not an integer, whatever its value.
#[test]
fn quantities_are_integers_as_written() {
    let text = request("2023-06-01", vec![full("D1", 100), full("D2", 200)]).to_string();
    let text = text
        .replacen(r#""quantity":20"#, r#""quantity":100000000000000000000000"#, 1)
        .replacen(r#""quantity":1}"#, r#""quantity":-100000000000000000000000}"#, 1)
        .replacen(r#""quantity":20"#, r#""quantity":-0"#, 1);
    let r: serde_json::Value = serde_json::from_str(&evaluate_json(&text).unwrap()).unwrap();
    let lines = &r["dossiers"][0]["points"]["lines"];
    assert_eq!(lines[0]["quantity"], json!(i64::MAX), "{text}");
    assert_eq!(lines[1]["quantity"], json!(i64::MIN));
    let failed = |d: usize, rule: &str| {
        r["dossiers"][d]["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["rule"] == rule && c["passed"] == false)
    };
    assert!(failed(0, "grid.quantity"), "the negative line");
    assert!(failed(0, "grid.max_points"), "the huge line counts i64::MAX points");
    assert_eq!(r["dossiers"][0]["points"]["total"], json!(i64::MAX));
    assert_eq!(r["dossiers"][1]["points"]["lines"][0]["quantity"], json!(0));
    assert!(failed(1, "grid.quantity"), "-0 is the quantity 0");
    for written in ["1e30", "-1e30", "1e19", "10000000000000000000.0", "20.0", "2e1"] {
        let text = text.replacen(r#""quantity":-0"#, &format!(r#""quantity":{written}"#), 1);
        let err = evaluate_json(&text).unwrap_err();
        assert_eq!(
            (err.kind(), err.path()),
            (ErrorKind::InvalidRequest, "dossiers[1].equipment[0].quantity")
        );
    }
}

/// SPEC §9 writes levels, kinds, regions, languages and signers as strings: the form
/// `{"name": null}`, which serde's derive takes from a JSON reader, is a wrong type at the
/// place of the value, as in the Python binding.
#[test]
fn enumerations_are_names_only() {
    let cases: [(&str, serde_json::Value, &str); 5] = [
        ("lang", json!({"en": null}), "lang"),
        ("establishments.0.offers.0.level", json!({"primaire": null}), "establishments[0].offers[0].level"),
        ("establishments.0.offers.0.kind", json!({"ordinaire": 1}), "establishments[0].offers[0].kind"),
        (
            "establishments.0.implantations.0.region",
            json!(["wallonia"]),
            "establishments[0].implantations[0].region",
        ),
        ("dossiers.0.signed_by", json!([{"po": null}]), "dossiers[0].signed_by[0]"),
    ];
    for (place, value, path) in cases {
        let mut v = request("2022-01-20", vec![full("D1", 100)]);
        let mut at = &mut v;
        for part in place.split('.') {
            at = match part.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[part],
            };
        }
        *at = value;
        assert_eq!(refused_value(&v), (ErrorKind::InvalidRequest, path.to_string()), "{place}");
    }
    let mut v = request("2022-01-20", vec![full("D1", 100)]);
    v["lang"] = json!("en");
    assert!(evaluate_json(&v.to_string()).is_ok(), "the name itself reads");
}

#[test]
fn error_messages_say_where_and_what() {
    let mut v = request("2022-01-20", vec![full("D1", 100)]);
    v["dossiers"][0]["signed_on"] = json!("2022-02-30");
    let e = refused(&v.to_string());
    assert_eq!(e.path(), "dossiers[0].signed_on");
    assert!(e.detail().contains("2022-02-30"), "{}", e.detail());
    assert!(e.to_string().contains("dossiers[0].signed_on"));
}

/// The single-dossier entry point names the places of its own request: the dossier's unknown
/// edition is at `dossier.edition` (not at the `dossiers[0].edition` of the campaign it is
/// evaluated as); an edition document among `editions` keeps its `editions[i]` path.
#[test]
fn the_single_dossier_entry_point_names_its_own_places() {
    use ecole_numerique::{evaluate_dossier, Dossier, DossierRequest, Establishment, Lang};
    let school: Establishment = serde_json::from_value(school(100)).unwrap();
    let dossier: Dossier = serde_json::from_value(full("D1", 100)).unwrap();
    let single = |dossier: Dossier, editions: Vec<Edition>| {
        evaluate_dossier(&DossierRequest {
            edition: "EN2021".into(),
            editions,
            as_of: chrono::NaiveDate::from_ymd_opt(2022, 1, 20).unwrap(),
            lang: Lang::Fr,
            establishment: school.clone(),
            dossier,
        })
    };
    assert!(single(dossier.clone(), vec![]).is_ok());
    let lost = Dossier { edition: Some("EN1999".into()), ..dossier.clone() };
    let err = single(lost, vec![]).unwrap_err();
    assert_eq!((err.kind(), err.path()), (ErrorKind::UnknownEdition, "dossier.edition"));
    // EN2022 carrying over into EN2021, which carries over into EN2022: a cycle.
    let looping = Edition::from_value(en2022_doc(Some("EN2021"))).unwrap();
    let err = single(dossier, vec![looping]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidEdition);
    assert!(err.path().starts_with("editions[0]"), "{}", err.path());
}

/// A typed request can hold dates its JSON cannot write (`YYYY-MM-DD`: years 0 to 9999); it is
/// refused at the date's place, as the JSON request would be, so every API gives one result.
/// The first and last writable days pass.
#[test]
fn a_typed_request_s_dates_are_those_json_can_write() {
    use chrono::NaiveDate;
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let base = CampaignRequest::from_json(&request("2022-03-01", vec![full("D1", 100)]).to_string()).unwrap();
    assert!(evaluate(&base).is_ok());
    let (first, last, before, after) = (day(0, 1, 1), day(9999, 12, 31), day(-1, 12, 31), day(10000, 1, 1));
    let refused_at = |r: &CampaignRequest| evaluate(r).err().map(|e| (e.kind(), e.path().to_string()));

    for (date, refused) in [(first, false), (last, false), (before, true), (after, true)] {
        let mut r = base.clone();
        r.dossiers[0].signed_on = Some(date);
        let expected = refused.then(|| (ErrorKind::InvalidRequest, "dossiers[0].signed_on".to_string()));
        assert_eq!(refused_at(&r), expected, "{date}");
        let mut r = base.clone();
        r.dossiers[0].reception.visited_on = Some(date);
        let expected =
            refused.then(|| (ErrorKind::InvalidRequest, "dossiers[0].reception.visited_on".to_string()));
        assert_eq!(refused_at(&r), expected, "{date}");
        let mut r = base.clone();
        r.as_of = date;
        if refused {
            assert_eq!(refused_at(&r), Some((ErrorKind::InvalidRequest, "as_of".to_string())), "{date}");
        }
        let mut r = base.clone();
        r.waves.as_mut().unwrap()[0].order_on = date;
        let expected = refused.then(|| (ErrorKind::InvalidRequest, "waves[0].order_on".to_string()));
        assert_eq!(refused_at(&r), expected, "{date}");
    }
    let mut doc = Edition::builtin("EN2021").unwrap();
    doc.dossier_deadline = after;
    let mut r = base.clone();
    r.edition = ecole_numerique::EditionRef::Document(Box::new(doc.clone()));
    assert_eq!(refused_at(&r), Some((ErrorKind::InvalidEdition, "edition.dossier_deadline".to_string())));
    doc.dossier_deadline = last;
    r.edition = ecole_numerique::EditionRef::Document(Box::new(doc));
    assert!(evaluate(&r).is_ok());

    // With another problem besides, the typed request gives the error its JSON gives: the
    // JSON reader refuses such a date while reading, before any check of meaning.
    let as_json = |r: &CampaignRequest| {
        let text = serde_json::to_string(r).unwrap();
        evaluate_json(&text).err().map(|e| (e.kind(), e.path().to_string()))
    };
    let mut twice = base.clone();
    twice.establishments.push(twice.establishments[0].clone());
    twice.as_of = after;
    let mut same_id = base.clone();
    same_id.dossiers.push(same_id.dossiers[0].clone());
    same_id.dossiers.push(same_id.dossiers[0].clone());
    same_id.dossiers[2].signed_on = Some(after);
    let mut negative = base.clone();
    let mut second = negative.waves.as_ref().unwrap()[0].clone();
    second.id = "W2".into();
    second.order_on = after;
    negative.waves.as_mut().unwrap()[0].capacity.insert("nas".into(), -1);
    negative.waves.as_mut().unwrap().push(second);
    let mut window = Edition::builtin("EN2021").unwrap();
    window.declaration.closes = day(2021, 9, 1); // closes before it opens
    let mut bad_window = base.clone();
    bad_window.edition = ecole_numerique::EditionRef::Document(Box::new(window));
    bad_window.as_of = after;
    for (r, path) in [
        (&twice, "as_of"),
        (&same_id, "dossiers[2].signed_on"),
        (&negative, "waves[1].order_on"),
        (&bad_window, "as_of"),
    ] {
        assert_eq!(refused_at(r), Some((ErrorKind::InvalidRequest, path.to_string())));
        assert_eq!(refused_at(r), as_json(r), "{path}");
    }
}

/// SPEC §9 writes every part of a request as an object: a list of the values in field order
/// (which serde's derive would read silently) is a wrong type at its place, in a request and
/// in an edition document alike.
#[test]
fn a_list_where_an_object_belongs_is_refused_at_its_place() {
    let err = refused(r#"["EN2021", null, "2022-01-10"]"#);
    assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidRequest, ""));
    assert!(err.to_string().contains("expected an object"), "{err}");
    let mut base = request("2022-01-20", vec![full("D1", 100), full("D2", 200)]);
    base["dossiers"][1]["extra"] = json!([{"item": "nas", "quantity": 1}]);
    let cases = [
        ("dossiers[1]", json!(["D2", 200])),
        ("dossiers[1].survey", json!([])),
        ("dossiers[1].delivery", json!(["2022-04-04", true])),
        ("dossiers[1].reception", json!([])),
        ("dossiers[1].evaluation", json!(["2023-05-01"])),
        ("dossiers[1].equipment[0]", json!(["nas", 2])),
        ("dossiers[1].extra[0]", json!(["nas", 2])),
        ("establishments[1]", json!([200, "Ecole"])),
        ("establishments[1].offers[0]", json!(["primaire", "ordinaire"])),
        ("establishments[1].implantations[0]", json!([201, "wallonia"])),
        ("waves[0]", json!(["W1", "2022-03-01"])),
    ];
    for (place, value) in cases {
        let mut v = base.clone();
        let pointer = format!("/{}", place.replace(['[', '.'], "/").replace(']', ""));
        *v.pointer_mut(&pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
        assert_eq!(refused_value(&v), (ErrorKind::InvalidRequest, place.to_string()), "{place}");
    }
    // In an edition document: an invalid edition at its place.
    let mut doc = en2022_doc(None);
    doc["declaration"] = json!(["2022-10-01", "2022-12-16"]);
    let mut v = base.clone();
    v["editions"] = json!([doc]);
    assert_eq!(refused_value(&v), (ErrorKind::InvalidEdition, "editions[0].declaration".into()));
    let mut doc = en2022_doc(None);
    doc["grid"]["lines"][0] = json!(["nas", "other", "other", 4]);
    v["editions"] = json!([doc]);
    assert_eq!(refused_value(&v), (ErrorKind::InvalidEdition, "editions[0].grid.lines[0]".into()));
    let err = Edition::from_json(&json!(["EN2030", 2030]).to_string()).unwrap_err();
    assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidEdition, ""));
}

/// A key written twice in an object is refused at that key, not at the object.
#[test]
fn a_key_given_twice_is_refused_at_that_key() {
    let err = refused(r#"{"edition": "EN2021", "as_of": "2022-01-10", "as_of": "2022-01-11"}"#);
    assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidRequest, "as_of"));
    let err = refused(
        r#"{"edition": "EN2021", "as_of": "2022-01-10",
            "dossiers": [{"id": "a", "establishment": 1}, {"id": "b", "id": "c", "establishment": 1}]}"#,
    );
    assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidRequest, "dossiers[1].id"));
    assert!(err.to_string().contains("duplicate field `id`"), "{err}");
}

/// The request's `edition` document and one of its `editions` with the same id: one would be
/// silently ignored, so the second is refused, as two of `editions` are.
#[test]
fn an_edition_document_given_twice_is_refused() {
    let mut v = request("2022-01-20", vec![full("D1", 100)]);
    let mut later = en2022_doc(None);
    later["dossier_deadline"] = json!("2023-07-01");
    v["edition"] = en2022_doc(None);
    v["editions"] = json!([en2021_doc(), later]);
    let err = refused(&v.to_string());
    assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidRequest, "editions[1].id"));
    assert!(err.to_string().contains("given twice"), "{err}");
    // Under different ids, both are used.
    v["editions"] = json!([en2021_doc()]);
    assert!(evaluate_json(&v.to_string()).is_ok());
}
