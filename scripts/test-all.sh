#!/usr/bin/env bash
# Runs every test of the three languages, on a fresh machine with cargo, python3 (+pip), a JDK
# and Maven: Rust (unit, integration, property, conformance and doc tests of the whole
# workspace), the campaign demo as a smoke test, then the Python bindings (virtualenv, maturin,
# pytest, mypy) and the Kotlin bindings (cdylib, uniffi-bindgen, Maven + JUnit 5). Each part
# installs what it needs itself. Exits non-zero at the first failing part.
#
#   bash scripts/test-all.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

step() { printf '\n==== %s\n' "$*"; }
started=$(date +%s)

step "Rust: cargo test --workspace"
cargo test --workspace

step "Rust: the campaign demo (main job)"
cargo run --release -q -p ecole-numerique-examples --bin campaign-demo -- --out target/campaign-report.json \
    | tail -n 3

step "Python bindings"
bash bindings-python/run-tests.sh

step "Kotlin bindings"
bash bindings-kotlin/run-tests.sh

step "all tests of the three languages passed in $(( $(date +%s) - started )) s"
