#!/usr/bin/env bash
# Compares the speed of `evaluate` at another commit with the working tree, paired: both
# versions of the crate are linked into one program, which evaluates the 10,000-dossier sample
# campaign with each in turn (alternating which goes first) and reports the median of the
# ratios of the pairs. On a shared machine, where the time of one campaign moves by half from
# one minute to the next, a pair sees the same minute; two separate runs do not.
#
#   bash scripts/paired-bench.sh REV [PAIRS] [ROUNDS]     e.g. bash scripts/paired-bench.sh HEAD~1 40 3
#
# A ratio below 1 means the working tree is faster. Builds in a temporary directory (about two
# minutes); nothing in the repository is touched. With PAIRED=json it times `evaluate_json` on
# the campaign's JSON text (read, evaluate, write) instead of `evaluate`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rev="${1:?usage: paired-bench.sh REV [PAIRS] [ROUNDS]}"
pairs="${2:-40}"
rounds="${3:-3}"
work="${TMPDIR:-/tmp}/ecole-numerique-paired"
rm -rf "$work"
mkdir -p "$work/bench/src"
git -C "$root" archive --format=tar --prefix=base/ "$rev" | tar -x -C "$work"
# Two packages of one name need two versions to share a lockfile.
sed -i 's/^version.workspace = true/version = "0.0.0-base"/' "$work/base/core/Cargo.toml"

cat > "$work/bench/Cargo.toml" <<EOF
[package]
name = "paired-bench"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
base = { package = "ecole-numerique", path = "$work/base/core" }
new = { package = "ecole-numerique", path = "$root/core" }
serde_json = "1"

[profile.release]
opt-level = 3
lto = "thin"
codegen-units = 1
EOF

cat > "$work/bench/src/main.rs" <<'EOF'
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let pairs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(40);
    let (a, b) = (base::sample::campaign(9_756), new::sample::campaign(9_756));
    let time = |f: &dyn Fn() -> bool| {
        let start = Instant::now();
        assert!(f());
        start.elapsed().as_secs_f64() * 1e3
    };
    let json = std::env::var("PAIRED").is_ok_and(|v| v == "json");
    let (ja, jb) = (serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    let run_a = || if json {
        time(&|| std::hint::black_box(base::evaluate_json(&ja)).is_ok())
    } else {
        time(&|| std::hint::black_box(base::evaluate(&a)).is_ok())
    };
    let run_b = || if json {
        time(&|| std::hint::black_box(new::evaluate_json(&jb)).is_ok())
    } else {
        time(&|| std::hint::black_box(new::evaluate(&b)).is_ok())
    };
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for i in 0..pairs + 2 {
        let (x, y) = if i % 2 == 0 { (run_a(), run_b()) } else { let y = run_b(); (run_a(), y) };
        if i >= 2 {
            ta.push(x);
            tb.push(y);
        }
    }
    let ratio = median(ta.iter().zip(&tb).map(|(x, y)| y / x).collect());
    let best = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
    println!(
        "{} pairs: base median {:.2} ms (best {:.2}), working tree median {:.2} ms (best {:.2}); median ratio {:.3}",
        ta.len(), median(ta.clone()), best(&ta), median(tb.clone()), best(&tb), ratio
    );
}
EOF

(cd "$work/bench" && cargo build --release -q)
for _ in $(seq "$rounds"); do
    "$work/bench/target/release/paired-bench" "$pairs"
done
