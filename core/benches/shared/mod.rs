//! The campaign both benches measure: core's deterministic sample, 10,000 dossiers, 6 waves.

use criterion::{Criterion, Throughput};
use ecole_numerique::{evaluate, evaluate_json, sample};

/// Under the group `name`:
/// - `evaluate`: the report is built, returned and dropped inside the timing;
/// - `evaluate-kept`: the same, the reports dropped after the timing (what a caller that keeps
///   its report waits for);
/// - `evaluate_json`: read, evaluate, write.
pub fn campaign(c: &mut Criterion, name: &str) {
    let request = sample::campaign(9_756);
    let dossiers = request.dossiers.len();
    assert_eq!(dossiers, 10_000);
    assert_eq!(request.waves.as_ref().map(Vec::len), Some(6));
    let text = serde_json::to_string(&request).unwrap();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(dossiers as u64));
    group.sample_size(30);
    group.bench_function("evaluate", |b| b.iter(|| evaluate(&request).unwrap()));
    group.bench_function("evaluate-kept", |b| b.iter_with_large_drop(|| evaluate(&request).unwrap()));
    group.bench_function("evaluate_json", |b| b.iter(|| evaluate_json(&text).unwrap()));
    group.finish();
}
