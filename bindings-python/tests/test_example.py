"""The back-office example (examples/python/back_office.py) runs, on the sample and without it."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "python" / "back_office.py"


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("back_office", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="no example in this checkout")
@pytest.mark.parametrize("bundled", [True, False], ids=["sample", "small"])
def test_back_office_writes_one_row_per_dossier(
    bundled: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = load_example()
    if not bundled:
        monkeypatch.setattr(module, "SAMPLE", tmp_path / "missing.json")
    out = tmp_path / "dossiers.csv"
    assert module.main(["--out", str(out)]) == 0
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    printed = capsys.readouterr().out
    assert f"{len(rows)} rows written" in printed
    assert "total" in printed
    if not bundled:
        assert [r["id"] for r in rows] == ["NA-1", "EU-1", "SJ-1"]
        assert rows[0]["stage"] == "ordered" and rows[1]["stage"] == "ineligible"


def test_back_office_reports_a_bad_request(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    module = load_example()
    bad = tmp_path / "bad.json"
    bad.write_text('{"edition": "EN1999", "as_of": "2022-01-01"}', encoding="utf-8")
    assert module.main([str(bad), "--out", str(tmp_path / "x.csv")]) == 2
    assert "unknown edition" in capsys.readouterr().err
