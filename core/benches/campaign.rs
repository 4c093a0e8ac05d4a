//! A 10,000-dossier campaign with 6 waves, on the system allocator: `evaluate` (report
//! included) and the JSON path. `campaign_mimalloc` measures the same on mimalloc.
//!
//! `campaign-1k/evaluate` measures a tenth of that campaign, whose request and report (about
//! 1.5 MB) stay in cache: its time per dossier beside the 10,000-dossier one's shows what the
//! larger campaign spends waiting on memory.
#![allow(missing_docs)] // criterion's macros make undocumented items

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ecole_numerique::{evaluate, sample};

mod shared;

fn bench(c: &mut Criterion) {
    shared::campaign(c, "campaign-10k");
    let request = sample::campaign(976);
    assert_eq!(request.dossiers.len(), 1_000);
    let mut group = c.benchmark_group("campaign-1k");
    group.throughput(Throughput::Elements(1_000));
    group.bench_function("evaluate", |b| b.iter(|| evaluate(&request).unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
