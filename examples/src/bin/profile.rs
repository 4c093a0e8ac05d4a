//! Evaluates the sample campaign many times (for a profiler or a quick timing):
//! `profile [runs] [establishments]`. Built with `--features mimalloc`, it runs on mimalloc
//! instead of the system allocator.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let size: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(9_756);
    let request = ecole_numerique::sample::campaign(size);
    let mut best = f64::MAX;
    let t = std::time::Instant::now();
    for _ in 0..n {
        let one = std::time::Instant::now();
        std::hint::black_box(ecole_numerique::evaluate(&request).ok());
        best = best.min(one.elapsed().as_secs_f64() * 1000.0);
    }
    let per = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let allocator = if cfg!(feature = "mimalloc") { "mimalloc" } else { "system allocator" };
    println!(
        "{} dossiers, {allocator}: {per:.2} ms per campaign on average, {best:.2} ms at best",
        request.dossiers.len()
    );
}
