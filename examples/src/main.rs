//! The campaign demo: builds the deterministic sample campaign (a few hundred establishments
//! and dossiers in every stage, with six waves), evaluates it with the built-in EN 2021
//! edition, prints a readable summary and writes the full JSON report.
//!
//! ```text
//! cargo run --release -p ecole-numerique-examples --bin campaign-demo -- [--out report.json] [--write-request request.json] [--establishments N]
//! ```

use std::collections::BTreeMap;
use std::process::ExitCode;

use ecole_numerique::{evaluate, sample, CampaignReport, Stage};

fn main() -> ExitCode {
    let mut out = "target/campaign-report.json".to_string();
    let mut write_request = None;
    let mut establishments = 300usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--out", Some(v)) => out = v,
            ("--write-request", Some(v)) => write_request = Some(v),
            ("--establishments", Some(v)) => match v.parse() {
                Ok(n) => establishments = n,
                Err(_) => return fail(&format!("--establishments takes a whole number, not `{v}`")),
            },
            (other, _) => return fail(&format!("unknown argument `{other}`")),
        }
    }

    let request = sample::campaign(establishments);
    if let Some(path) = write_request {
        let text = serde_json::to_string_pretty(&request).unwrap_or_default();
        if let Err(e) = std::fs::write(&path, text + "\n") {
            return fail(&format!("cannot write {path}: {e}"));
        }
        println!("sample request written to {path}");
    }
    let started = std::time::Instant::now();
    let report = match evaluate(&request) {
        Ok(r) => r,
        Err(e) => return fail(&e.to_string()),
    };
    let took = started.elapsed();
    print_summary(&report, took);
    let text = serde_json::to_string_pretty(&report).unwrap_or_default();
    if let Some(dir) = std::path::Path::new(&out).parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = std::fs::write(&out, text + "\n") {
        return fail(&format!("cannot write {out}: {e}"));
    }
    println!("\nfull report written to {out}");
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("campaign-demo: {message}");
    ExitCode::FAILURE
}

fn print_summary(report: &CampaignReport, took: std::time::Duration) {
    println!("Ecole Numérique — campaign {} on {}", report.edition, report.as_of);
    println!(
        "{} dossiers evaluated in {:.2} ms · library {} · editions fingerprint {}…",
        report.dossiers.len(),
        took.as_secs_f64() * 1000.0,
        report.library_version,
        &report.fingerprint[..16]
    );

    println!("\nDossiers per stage");
    let mut stages: BTreeMap<usize, (Stage, usize)> = BTreeMap::new();
    for d in &report.dossiers {
        let pos = Stage::ALL.iter().position(|s| *s == d.stage).unwrap_or(0);
        stages.entry(pos).or_insert((d.stage, 0)).1 += 1;
    }
    for (stage, n) in stages.values() {
        println!("  {:<14} {:>5}", stage.as_str(), n);
    }
    let eligible = report.dossiers.iter().filter(|d| d.eligible).count();
    println!("  {:<14} {:>5}", "(eligible)", eligible);

    println!("\nFailed checks per rule");
    let mut failed: BTreeMap<&str, usize> = BTreeMap::new();
    for c in report.dossiers.iter().flat_map(|d| &d.checks).filter(|c| !c.passed) {
        *failed.entry(c.rule.id()).or_default() += 1;
    }
    for (rule, n) in &failed {
        println!("  {rule:<34} {n:>5}");
    }

    let projects: Vec<_> = report
        .dossiers
        .iter()
        .filter(|d| {
            matches!(
                d.stage,
                Stage::Confirmed | Stage::Ordered | Stage::Delivered | Stage::InProject | Stage::Evaluated
            )
        })
        .collect();
    let used: i64 = projects.iter().map(|d| d.points.total).sum();
    let max: i64 = projects.iter().map(|d| d.points.max).sum();
    println!(
        "\nPoints: {} confirmed projects use {} of {} points ({} left)",
        projects.len(),
        used,
        max,
        max - used
    );

    println!("\nWave plan");
    for w in &report.waves {
        println!("  {} — orders on {} — {} projects", w.id, w.order_on, w.projects.len());
        let mut lot = "";
        for line in &w.lines {
            if line.lot != lot {
                lot = &line.lot;
                println!("    lot {lot}");
            }
            println!("      {:<20} {:>6}", line.item, line.quantity);
        }
    }
    println!("  unscheduled: {} project(s){}", report.unscheduled.len(), preview(&report.unscheduled));

    let carried: Vec<_> = report
        .dossiers
        .iter()
        .filter(|d| d.stage == Stage::CarriedOver || !d.carried_over_from.is_empty())
        .collect();
    println!("\nCarried over: {} dossier(s)", carried.len());
    for d in carried.iter().take(8) {
        let to = d.carried_over_to.as_deref().unwrap_or("—");
        println!("  {:<14} in {} (deadline {}), waiting for {}", d.id, d.edition, d.deadline, to);
    }
    if carried.len() > 8 {
        println!("  … and {} more", carried.len() - 8);
    }
}

fn preview(ids: &[String]) -> String {
    if ids.is_empty() {
        return String::new();
    }
    let shown: Vec<&str> = ids.iter().take(5).map(String::as_str).collect();
    format!(": {}{}", shown.join(", "), if ids.len() > 5 { ", …" } else { "" })
}
