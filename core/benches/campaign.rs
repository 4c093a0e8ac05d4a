//! A 10,000-dossier campaign with 6 waves: `evaluate` (report included), and the JSON path.
#![allow(missing_docs)] // criterion's macros make undocumented items

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ecole_numerique::{evaluate, evaluate_json, sample};

fn bench(c: &mut Criterion) {
    let request = sample::campaign(9_756);
    let dossiers = request.dossiers.len();
    assert_eq!(dossiers, 10_000);
    assert_eq!(request.waves.as_ref().map(Vec::len), Some(6));
    let text = serde_json::to_string(&request).unwrap();
    let mut group = c.benchmark_group("campaign-10k");
    group.throughput(Throughput::Elements(dossiers as u64));
    group.sample_size(30);
    group.bench_function("evaluate", |b| b.iter(|| evaluate(&request).unwrap()));
    group.bench_function("evaluate_json", |b| b.iter(|| evaluate_json(&text).unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
