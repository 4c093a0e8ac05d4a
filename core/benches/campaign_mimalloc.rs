//! The `campaign` bench with mimalloc as the global allocator, as the Python extension links
//! it: a report is about 60,000 allocations, so the allocator shows in the figures.
#![allow(missing_docs)] // criterion's macros make undocumented items

use criterion::{criterion_group, criterion_main, Criterion};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod shared;

fn bench(c: &mut Criterion) {
    shared::campaign(c, "campaign-10k-mimalloc");
}

criterion_group!(benches, bench);
criterion_main!(benches);
