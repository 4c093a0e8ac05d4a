//! Builders shared by the integration tests: a school, a dossier that goes all the way, and
//! lookups in a report.
#![allow(dead_code)]

use ecole_numerique::{evaluate, CampaignReport, CampaignRequest, Check, DossierReport, Error};
use serde_json::{json, Value};

pub fn school(fase: u32) -> Value {
    json!({
        "fase": fase, "name": format!("Ecole {fase}"),
        "offers": [{"level": "primaire", "kind": "ordinaire"}],
        "implantations": [{"fase": fase + 1, "region": "wallonia"}],
        "laureate_years": []
    })
}

/// A dossier with every event of the process, evaluated on 2023-06-01 with waves.
pub fn full(id: &str, fase: i64) -> Value {
    json!({
        "id": id, "establishment": fase,
        "declared_on": "2021-10-15", "first_contact_on": "2021-10-20",
        "survey": {"referent": "M. Leroy", "connectivity_assessed": true, "infrastructure_assessed": true,
                   "works_needed": false, "bandwidth_sufficient": true, "completed_on": "2021-11-10"},
        "space_opened_on": "2021-11-15",
        "equipment": [{"item": "tablet-android", "quantity": 20}, {"item": "interactive-board", "quantity": 1}],
        "cen_approved_on": "2022-01-10", "expert_approved_on": "2022-01-12",
        "signed_on": "2022-01-20", "signed_by": ["po", "direction"],
        "delivery": {"delivered_on": "2022-04-04", "note_signed": true, "boxes_noted": true, "unpacked_before_reception": false},
        "reception": {"appointment_on": "2022-04-08", "visited_on": "2022-04-08", "team_member_present": true, "equipment_accessible": true},
        "evaluation": {"questionnaire_on": "2023-05-01", "survey_on": "2023-05-10", "shared_on": "2023-06-01"}
    })
}

pub fn waves() -> Value {
    json!([{"id": "W1", "order_on": "2022-03-01"}])
}

pub fn request(as_of: &str, dossiers: Vec<Value>) -> Value {
    json!({"edition": "EN2021", "as_of": as_of, "establishments": [school(100), school(200)],
           "dossiers": dossiers, "waves": waves()})
}

pub fn run(request: &Value) -> Result<CampaignReport, Error> {
    let req = CampaignRequest::from_json(&request.to_string())?;
    evaluate(&req)
}

pub fn report(request: &Value) -> CampaignReport {
    run(request).unwrap_or_else(|e| panic!("request refused: {e}"))
}

/// The single dossier of a request built from `dossier` on `as_of`.
pub fn one(as_of: &str, dossier: Value) -> DossierReport {
    report(&request(as_of, vec![dossier])).dossiers.remove(0)
}

pub fn check<'a>(d: &'a DossierReport, rule: &str) -> Option<&'a Check> {
    d.checks.iter().find(|c| c.rule == rule)
}

pub fn passed(d: &DossierReport, rule: &str) -> Option<bool> {
    check(d, rule).map(|c| c.passed)
}

pub fn rules(d: &DossierReport) -> Vec<&str> {
    d.checks.iter().map(|c| c.rule.id()).collect()
}

pub fn actions(d: &DossierReport) -> Vec<&str> {
    d.next_actions.iter().map(|a| a.rule.id()).collect()
}

pub fn stage(d: &DossierReport) -> &'static str {
    d.stage.as_str()
}

/// Sets `path` (dotted) in a JSON object, creating objects on the way; `null` removes.
pub fn set(mut v: Value, path: &str, value: Value) -> Value {
    let mut cur = &mut v;
    let parts: Vec<&str> = path.split('.').collect();
    for p in &parts[..parts.len() - 1] {
        cur = cur.as_object_mut().unwrap().entry(p.to_string()).or_insert(json!({}));
    }
    let last = parts[parts.len() - 1];
    if value.is_null() {
        cur.as_object_mut().unwrap().remove(last);
    } else {
        cur[last] = value;
    }
    v
}

/// The EN 2021 edition document as JSON, to derive others from.
pub fn en2021_doc() -> Value {
    serde_json::from_str(ecole_numerique::edition::EN2021_JSON).unwrap()
}

/// An EN 2022 edition document: deadline 2023-06-01, next `next`.
pub fn en2022_doc(next: Option<&str>) -> Value {
    let mut d = en2021_doc();
    d["id"] = json!("EN2022");
    d["year"] = json!(2022);
    d["pilot"] = json!(false);
    d["next"] = json!(next);
    d["declaration"] = json!({"opens": "2022-10-01", "closes": "2022-12-16"});
    d["dossier_deadline"] = json!("2023-06-01");
    d["excluded_laureate_years"] = json!([2018, 2019, 2020, 2021]);
    d
}
