//! A 10,000-dossier campaign with 6 waves, on the system allocator: `evaluate` (report
//! included) and the JSON path. `campaign_mimalloc` measures the same on mimalloc.
#![allow(missing_docs)] // criterion's macros make undocumented items

use criterion::{criterion_group, criterion_main, Criterion};

mod shared;

fn bench(c: &mut Criterion) {
    shared::campaign(c, "campaign-10k");
}

criterion_group!(benches, bench);
criterion_main!(benches);
