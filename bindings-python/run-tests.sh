#!/usr/bin/env bash
# Builds the Python bindings into a virtualenv and runs their tests: pytest over
# bindings-python/tests (conformance vectors included), mypy --strict on examples/python (and
# on the package and the tests), and mypy's stubtest on the native module's stubs. Needs only
# python3 (3.9+), pip and cargo.
#
#   bash bindings-python/run-tests.sh            # from the repository root, or from anywhere
#
# Environment: PYTHON (interpreter that makes the virtualenv, default python3),
# ECOLE_NUMERIQUE_VENV (where, default bindings-python/.venv), PYTEST_ARGS (extra arguments).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
venv="${ECOLE_NUMERIQUE_VENV:-$here/.venv}"
python="${PYTHON:-python3}"

step() { printf '\n== %s\n' "$*"; }

if [ ! -x "$venv/bin/python" ]; then
    step "creating the virtualenv $venv"
    "$python" -m venv "$venv"
fi
# maturin must be on PATH for pip's build step.
export PATH="$venv/bin:$PATH"
export VIRTUAL_ENV="$venv"
vpython="$venv/bin/python"

step "installing the pinned tools (requirements-dev.txt)"
"$vpython" -m pip install --quiet --disable-pip-version-check -r "$here/requirements-dev.txt"

step "building and installing ecole-numerique (release, abi3 wheel)"
# The one command a newcomer runs; --no-build-isolation reuses the pinned maturin above.
"$vpython" -m pip install --disable-pip-version-check --no-build-isolation --no-deps \
    --force-reinstall "$here"

step "pytest bindings-python/tests, and the examples in the package's docstrings"
# Run from outside the source tree, so that the installed package is the one imported.
(cd "$here/tests" && "$vpython" -m pytest -p no:cacheprovider -q --doctest-modules ${PYTEST_ARGS:-} \
    "$here/tests" --pyargs ecole_numerique)

step "mypy --strict: examples/python, the package, the tests"
"$vpython" -m mypy --strict --no-incremental "$root/examples/python"
(cd "$here/tests" && "$vpython" -m mypy --strict --no-incremental -p ecole_numerique && \
    "$vpython" -m mypy --strict --no-incremental .)

step "stubtest: the .pyi stubs match the compiled module"
(cd "$here/tests" && "$vpython" -m mypy.stubtest ecole_numerique._native)

step "python bindings: all checks passed"
