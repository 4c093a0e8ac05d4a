"""The conformance vectors of tests/conformance/, shared by Rust, Python and Kotlin.

Each `NAME.request.json` goes through `evaluate_json` (as text) and `evaluate` (as the parsed
Python objects, when the text is JSON that Python reads the same way) and must give
`NAME.expected.json`: the same report, compared as parsed JSON values, or
`{"error": {"kind": ..., "path": ...}}`, the exception class of that kind with that path.
A file without its other half fails a test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, List, Optional, Tuple

import pytest

import ecole_numerique as en
from ecole_numerique._errors import ERRORS_BY_KIND

CONFORMANCE = Path(
    os.environ.get(
        "ECOLE_NUMERIQUE_CONFORMANCE",
        Path(__file__).resolve().parents[2] / "tests" / "conformance",
    )
)


REQUEST, EXPECTED = ".request.json", ".expected.json"


def names(folder: Path, suffix: str) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.name[: -len(suffix)] for p in folder.glob(f"*{suffix}")}


def half_pairs(folder: Path) -> List[str]:
    """The files without their other half, each named: a vector is never skipped silently."""
    requests, expected = names(folder, REQUEST), names(folder, EXPECTED)
    return sorted(
        [f"{n}{REQUEST} has no expected report" for n in requests - expected]
        + [f"{n}{EXPECTED} has no request" for n in expected - requests]
    )


NAMES = sorted(names(CONFORMANCE, REQUEST) & names(CONFORMANCE, EXPECTED))


def test_the_folder_holds_vectors() -> None:
    assert NAMES, f"no request/expected pairs in {CONFORMANCE}"


def test_every_file_has_its_other_half() -> None:
    assert half_pairs(CONFORMANCE) == []


def test_a_half_pair_is_named(tmp_path: Path) -> None:
    (tmp_path / f"a{REQUEST}").write_text("{}", encoding="utf-8")
    (tmp_path / f"a{EXPECTED}").write_text("{}", encoding="utf-8")
    (tmp_path / f"b{REQUEST}").write_text("{}", encoding="utf-8")
    (tmp_path / f"c{EXPECTED}").write_text("{}", encoding="utf-8")
    assert half_pairs(tmp_path) == [
        f"b{REQUEST} has no expected report",
        f"c{EXPECTED} has no request",
    ]


def load(name: str) -> Tuple[str, Any]:
    text = (CONFORMANCE / f"{name}.request.json").read_text(encoding="utf-8")
    expected = json.loads((CONFORMANCE / f"{name}.expected.json").read_text(encoding="utf-8"))
    return text, expected


def as_python(text: str) -> Optional[Any]:
    """The request as Python objects, or None when Python cannot read it as the same document
    (malformed JSON, or an object with a repeated key, which `json.loads` would collapse)."""

    def no_repeats(pairs: List[Tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError("repeated key")
        return dict(pairs)

    try:
        return json.loads(text, object_pairs_hook=no_repeats)
    except ValueError:
        return None


def expected_error(expected: Any) -> Optional[Tuple[type[en.EcoleNumeriqueError], str]]:
    if isinstance(expected, dict) and set(expected) == {"error"}:
        error = expected["error"]
        return ERRORS_BY_KIND[error["kind"]], error.get("path", "")
    return None


@pytest.mark.parametrize("name", NAMES)
def test_evaluate_json(name: str) -> None:
    text, expected = load(name)
    error = expected_error(expected)
    if error is None:
        assert json.loads(en.evaluate_json(text)) == expected
    else:
        cls, path = error
        with pytest.raises(en.EcoleNumeriqueError) as raised:
            en.evaluate_json(text)
        assert type(raised.value) is cls, raised.value
        assert raised.value.path == path, raised.value
        assert raised.value.kind == expected["error"]["kind"]


@pytest.mark.parametrize("name", NAMES)
def test_evaluate_dict(name: str) -> None:
    text, expected = load(name)
    request = as_python(text)
    if request is None:
        pytest.skip("not a JSON document Python reads the same way (malformed or repeated keys)")
    error = expected_error(expected)
    if error is None:
        assert en.evaluate(request) == expected
    else:
        cls, path = error
        with pytest.raises(en.EcoleNumeriqueError) as raised:
            en.evaluate(request)
        assert type(raised.value) is cls, raised.value
        assert raised.value.path == path, raised.value
