//! The conformance vectors of `tests/conformance/` (SPEC §9): pairs of a campaign request
//! (`NAME.request.json`) and its expected report (`NAME.expected.json`), shared by the Rust,
//! Python and Kotlin test suites.
//!
//! * Every request goes through [`evaluate_json`] and through the typed API
//!   ([`CampaignRequest::from_json`] + [`evaluate`] + `serde_json::to_value`); both must give
//!   the expected document exactly (compared as parsed JSON values).
//! * A request that is refused expects `{"error": {"kind": ..., "path": ...}}`, compared with
//!   [`Error::kind`] and [`Error::path`].
//! * Every mismatching vector is reported, not only the first one.
//! * `BLESS=1 cargo test -p ecole-numerique --test conformance` (re)writes the expected files
//!   from the engine's output (pretty JSON with a trailing newline). Blessed files must then be
//!   checked by hand against SPEC.md: the engine is not its own oracle.
//! * The vectors together must cover every rule id on its pass side and on its fail side, and
//!   every stage.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use ecole_numerique::{evaluate, evaluate_json, CampaignRequest, Error, Rule, Stage};
use serde_json::{json, Value};

/// At least this many pairs must be present.
const MIN_PAIRS: usize = 30;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance")
}

/// A vector: its name (`001-confirmed-happy-path`), request text and expected-file path.
struct Vector {
    name: String,
    request: String,
    expected_path: PathBuf,
}

/// The pairs, in name order. Panics on a request without expected file (unless blessing) or
/// an expected file without request.
fn vectors(blessing: bool) -> Vec<Vector> {
    let dir = vectors_dir();
    let mut requests = BTreeMap::new();
    let mut expected = BTreeSet::new();
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        let file = path.file_name().and_then(|f| f.to_str()).unwrap_or_default().to_string();
        if let Some(name) = file.strip_suffix(".request.json") {
            requests.insert(name.to_string(), path);
        } else if let Some(name) = file.strip_suffix(".expected.json") {
            expected.insert(name.to_string());
        }
    }
    let mut problems = Vec::new();
    for name in &expected {
        if !requests.contains_key(name) {
            problems.push(format!("{name}.expected.json has no request"));
        }
    }
    if !blessing {
        for name in requests.keys() {
            if !expected.contains(name) {
                problems.push(format!(
                    "{name}.request.json has no expected report (run with BLESS=1, then check it by hand)"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "incomplete pairs:\n  {}", problems.join("\n  "));
    requests
        .into_iter()
        .map(|(name, path)| Vector {
            expected_path: dir.join(format!("{name}.expected.json")),
            request: fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            name,
        })
        .collect()
}

fn error_value(e: &Error) -> Value {
    json!({"error": {"kind": e.kind().as_str(), "path": e.path()}})
}

/// The report (or error) through `evaluate_json`.
fn through_json(request: &str) -> Value {
    match evaluate_json(request) {
        Ok(text) => {
            serde_json::from_str(&text).unwrap_or_else(|e| json!({"unreadable report": e.to_string()}))
        }
        Err(e) => error_value(&e),
    }
}

/// The report (or error) through the typed API.
fn through_types(request: &str) -> Value {
    match CampaignRequest::from_json(request).and_then(|r| evaluate(&r)) {
        Ok(report) => {
            serde_json::to_value(&report).unwrap_or_else(|e| json!({"unserializable report": e.to_string()}))
        }
        Err(e) => error_value(&e),
    }
}

/// The first place where two JSON values differ, as a JSON pointer with both sides.
fn first_difference(path: &str, expected: &Value, actual: &Value) -> Option<String> {
    match (expected, actual) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            keys.into_iter().find_map(|k| {
                let p = format!("{path}/{k}");
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => first_difference(&p, x, y),
                    (Some(x), None) => Some(format!("{p}: expected {x}, missing")),
                    (None, Some(y)) => Some(format!("{p}: not expected, got {y}")),
                    (None, None) => None,
                }
            })
        }
        (Value::Array(a), Value::Array(b)) => {
            let diff = a
                .iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| first_difference(&format!("{path}/{i}"), x, y));
            diff.or_else(|| {
                (a.len() != b.len()).then(|| format!("{path}: expected {} items, got {}", a.len(), b.len()))
            })
        }
        _ => (expected != actual).then(|| {
            format!("{}: expected {expected}, got {actual}", if path.is_empty() { "/" } else { path })
        }),
    }
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a JSON value serializes");
    text.push('\n');
    text
}

#[test]
fn every_vector_gives_its_expected_report() {
    let blessing = std::env::var("BLESS").is_ok_and(|v| v == "1");
    let vectors = vectors(blessing);
    assert!(
        vectors.len() >= MIN_PAIRS,
        "only {} conformance pairs in {}; at least {MIN_PAIRS} are required",
        vectors.len(),
        vectors_dir().display()
    );
    let mut failures = Vec::new();
    for v in &vectors {
        let json_api = through_json(&v.request);
        let typed_api = through_types(&v.request);
        if let Some(diff) = first_difference("", &json_api, &typed_api) {
            failures.push(format!("{}: evaluate_json and the typed API disagree at {diff}", v.name));
            continue;
        }
        if blessing {
            let text = pretty(&json_api);
            if fs::read_to_string(&v.expected_path).ok().as_deref() != Some(text.as_str()) {
                fs::write(&v.expected_path, text)
                    .unwrap_or_else(|e| panic!("{}: {e}", v.expected_path.display()));
                eprintln!("blessed {}", v.name);
            }
            continue;
        }
        let expected_text = fs::read_to_string(&v.expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", v.expected_path.display()));
        let expected: Value = match serde_json::from_str(&expected_text) {
            Ok(value) => value,
            Err(e) => {
                failures.push(format!("{}: the expected file is not JSON: {e}", v.name));
                continue;
            }
        };
        if let Some(diff) = first_difference("", &expected, &json_api) {
            failures.push(format!("{}: {diff}", v.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} conformance vectors do not match:\n  {}",
        failures.len(),
        vectors.len(),
        failures.join("\n  ")
    );
}

/// Rules that are never a check, only a next action (or, for `process.order` and
/// `waves.unscheduled`, the wave plan): their "pass side" is read from the report.
const ACTION_ONLY: [&str; 5] =
    ["process.order", "waves.unscheduled", "commitment.use", "commitment.insurance", "commitment.training"];

/// Checks that pass when their date is known and are a next action otherwise.
const NEVER_FAIL: [&str; 3] = ["evaluation.questionnaire", "evaluation.survey", "evaluation.sharing"];

/// Stages at which a project's wave has ordered.
const ORDERED_OR_LATER: [&str; 4] = ["ordered", "delivered", "in_project", "evaluated"];

#[test]
fn the_vectors_cover_every_rule_on_both_sides_and_every_stage() {
    if std::env::var("BLESS").is_ok_and(|v| v == "1") {
        // The expected files are being rewritten by the other test; run again without BLESS.
        return;
    }
    let mut passed: BTreeSet<String> = BTreeSet::new();
    let mut failed: BTreeSet<String> = BTreeSet::new();
    let mut actions: BTreeSet<String> = BTreeSet::new();
    let mut stages: BTreeSet<String> = BTreeSet::new();
    let mut errors: BTreeSet<String> = BTreeSet::new();
    let mut ordered_projects = 0;
    let mut scheduled = 0;
    let mut unscheduled = 0;
    let mut commitment_over = 0;
    for v in vectors(false) {
        let text = fs::read_to_string(&v.expected_path).expect("expected file");
        let report: Value = serde_json::from_str(&text).expect("expected file is JSON");
        if let Some(kind) = report.pointer("/error/kind").and_then(Value::as_str) {
            errors.insert(kind.to_string());
            continue;
        }
        unscheduled += report["unscheduled"].as_array().map_or(0, Vec::len);
        let as_of = report["as_of"].as_str().unwrap_or_default().to_string();
        for d in report["dossiers"].as_array().into_iter().flatten() {
            let stage = d["stage"].as_str().unwrap_or_default();
            stages.insert(stage.to_string());
            for c in d["checks"].as_array().into_iter().flatten() {
                let rule = c["rule"].as_str().unwrap_or_default().to_string();
                if c["passed"] == Value::Bool(true) {
                    passed.insert(rule);
                } else {
                    failed.insert(rule);
                }
            }
            for a in d["next_actions"].as_array().into_iter().flatten() {
                actions.insert(a["rule"].as_str().unwrap_or_default().to_string());
            }
            if !d["wave"].is_null() {
                scheduled += 1;
                if ORDERED_OR_LATER.contains(&stage) {
                    ordered_projects += 1;
                }
            }
            // The commitment ran out: in project, no `commitment.use` left (the insurance and
            // the training are not bounded by its end).
            if let Some(ends) = d["commitment_ends_on"].as_str() {
                let uses = d["next_actions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|a| a["rule"].as_str() == Some("commitment.use"));
                if as_of.as_str() > ends && !uses {
                    commitment_over += 1;
                }
            }
        }
    }
    let mut missing = Vec::new();
    for rule in Rule::ALL {
        let id = rule.id();
        if ACTION_ONLY.contains(&id) {
            if !actions.contains(id) {
                missing.push(format!("{id}: never a next action"));
            }
            continue;
        }
        if !passed.contains(id) {
            missing.push(format!("{id}: never passed"));
        }
        // The evaluation answers never fail: a missing one is a next action (SPEC §6).
        if NEVER_FAIL.contains(&id) {
            if !actions.contains(id) {
                missing.push(format!("{id}: never a next action"));
            }
        } else if !failed.contains(id) {
            missing.push(format!("{id}: never failed"));
        }
    }
    if ordered_projects == 0 {
        missing.push("process.order: no project ordered by its wave".into());
    }
    if scheduled == 0 || unscheduled == 0 {
        missing.push(format!(
            "waves: {scheduled} scheduled and {unscheduled} unscheduled projects; both are needed"
        ));
    }
    if commitment_over == 0 {
        missing.push("commitment.use: no project past the end of its commitment".into());
    }
    for stage in Stage::ALL {
        if !stages.contains(stage.as_str()) {
            missing.push(format!("stage {} never reached", stage.as_str()));
        }
    }
    for kind in ["invalid_request", "unknown_edition", "invalid_edition"] {
        if !errors.contains(kind) {
            missing.push(format!("no error vector of kind {kind}"));
        }
    }
    assert!(missing.is_empty(), "the conformance vectors miss:\n  {}", missing.join("\n  "));
}
