#!/usr/bin/env bash
# Builds and tests the Kotlin bindings on a machine with cargo, JDK 17 and Maven 3:
#   1. the cdylib (release) and the in-repo uniffi-bindgen (debug: it only reads metadata; built
#      with the workspace's test targets, see below);
#   2. the Kotlin, generated in library mode into generated/kotlin (not in git);
#   3. the host library copied (stripped) to generated/resources/<jna-platform>/;
#   4. mvn install: compiles, runs the JUnit 5 tests, installs the jar for the example;
#   5. the adviser example (examples/kotlin) run through Maven.
# Exits non-zero on the first failure. Prints "kotlin: N passed, N failed" from Surefire's reports.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
lib_name="ecole_numerique_uniffi"
mvn_flags=(-B -q -Dstyle.color=never)
# Kotlin compiles in a daemon that outlives the build (fast on the next run). In CI (CI=true)
# compile inside Maven's JVM instead, so that the run leaves no process behind.
if [ -n "${CI:-}" ]; then mvn_flags+=(-Dkotlin.compiler.daemon=false); fi

SECONDS=0
step() { printf '==> [%ss] %s\n' "$SECONDS" "$*"; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x86-64 ; lib_file="lib$lib_name.so" ;;
  Linux-aarch64) platform=linux-aarch64 ; lib_file="lib$lib_name.so" ;;
  Darwin-arm64) platform=darwin-aarch64 ; lib_file="lib$lib_name.dylib" ;;
  Darwin-x86_64) platform=darwin-x86-64 ; lib_file="lib$lib_name.dylib" ;;
  *) echo "unsupported host $(uname -s)-$(uname -m)" >&2; exit 2 ;;
esac

cd "$root"
step "cargo build --release -p ecole-numerique-kotlin"
cargo build --release -p ecole-numerique-kotlin
# The bindgen's big dependency (uniffi_bindgen, ~3-6 min to compile here) is built with the
# features of the packages selected. Selecting what `cargo test --workspace` selects makes it
# the very artifact that command (run first by scripts/test-all.sh) already compiled: only the
# small binary is linked. `cargo build -p uniffi-bindgen` would compile it a second time.
step "cargo build --workspace --bins --tests (for target/debug/uniffi-bindgen)"
cargo build --workspace --bins --tests

step "uniffi-bindgen generate (Kotlin, library mode)"
rm -rf "$here/generated"
mkdir -p "$here/generated/kotlin" "$here/generated/resources/$platform"
"$target/debug/uniffi-bindgen" generate "$target/release/$lib_file" \
  --language kotlin --out-dir "$here/generated/kotlin" --no-format
cp "$target/release/$lib_file" "$here/generated/resources/$platform/$lib_file"
if command -v strip >/dev/null 2>&1; then
  strip --strip-unneeded "$here/generated/resources/$platform/$lib_file" 2>/dev/null \
    || strip -x "$here/generated/resources/$platform/$lib_file"
fi

summary() {
  # Sums Surefire's XML reports: "kotlin: N passed, N failed, N skipped".
  local tests=0 failed=0 skipped=0 f t fl er sk
  for f in "$here"/target/surefire-reports/TEST-*.xml; do
    [ -e "$f" ] || continue
    t=$(grep -o -m1 '<testsuite [^>]*' "$f" | grep -o ' tests="[0-9]*"' | grep -o '[0-9]*')
    fl=$(grep -o -m1 '<testsuite [^>]*' "$f" | grep -o ' failures="[0-9]*"' | grep -o '[0-9]*')
    er=$(grep -o -m1 '<testsuite [^>]*' "$f" | grep -o ' errors="[0-9]*"' | grep -o '[0-9]*')
    sk=$(grep -o -m1 '<testsuite [^>]*' "$f" | grep -o ' skipped="[0-9]*"' | grep -o '[0-9]*')
    tests=$((tests + ${t:-0})); failed=$((failed + ${fl:-0} + ${er:-0})); skipped=$((skipped + ${sk:-0}))
  done
  echo "kotlin: $((tests - failed - skipped)) passed, $failed failed, $skipped skipped"
}

step "mvn install (JUnit 5 tests) in bindings-kotlin/"
rm -rf "$here/target/surefire-reports"
status=0
(cd "$here" && mvn "${mvn_flags[@]}" install) || status=$?
summary
if [ "$status" -ne 0 ]; then
  echo "bindings-kotlin: Maven failed ($status)" >&2
  exit "$status"
fi

step "examples/kotlin: the adviser's view, run with Maven"
(cd "$root/examples/kotlin" && mvn "${mvn_flags[@]}" compile exec:java)
step "bindings-kotlin: done"
