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
    let (mut best, mut total, mut dropping) = (f64::MAX, 0.0, 0.0);
    for _ in 0..n {
        let one = std::time::Instant::now();
        let report = std::hint::black_box(ecole_numerique::evaluate(&request).ok());
        let took = one.elapsed().as_secs_f64() * 1000.0;
        let dropped = std::time::Instant::now();
        drop(report);
        dropping += dropped.elapsed().as_secs_f64() * 1000.0;
        best = best.min(took);
        total += took;
    }
    let per = total / n as f64;
    let dropping = dropping / n as f64;
    let allocator = if cfg!(feature = "mimalloc") { "mimalloc" } else { "system allocator" };
    println!(
        "{} dossiers, {allocator}: {per:.2} ms per campaign on average, {best:.2} ms at best \
         (then {dropping:.2} ms to drop the report)",
        request.dossiers.len()
    );
}
