//! Evaluates the 10,000-dossier sample campaign many times (for a profiler).
fn main() {
    let request = ecole_numerique::sample::campaign(9_756);
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(ecole_numerique::evaluate(&request).ok());
    }
    println!("{:.2} ms per campaign", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
}
