"""Large campaigns, and calls from several threads (the GIL is released while core works)."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import ecole_numerique as en
from conftest import large_request, sample_request


@pytest.fixture(scope="module")
def big() -> dict[str, Any]:
    return large_request(50_000)


def test_a_50000_dossier_campaign(big: dict[str, Any]) -> None:
    started = time.perf_counter()
    report = en.evaluate(big)
    elapsed = time.perf_counter() - started
    assert len(report["dossiers"]) == 50_000
    assert [d["id"] for d in report["dossiers"][:3]] == ["D000000", "D000001", "D000002"]
    stages = Counter(d["stage"] for d in report["dossiers"])
    assert sum(stages.values()) == 50_000
    assert stages["not_declared"] == 0  # as_of is after the window closed
    assert stages["ineligible"] == 12_500  # never declared
    projects = sum(len(w["projects"]) for w in report["waves"]) + len(report["unscheduled"])
    assert projects == stages["ordered"] + stages["delivered"] + stages["confirmed"]
    # Not a timed test (see bench.py): a generous bound only catches a pathological slowdown.
    assert elapsed < 30, elapsed
    assert report == json.loads(en.evaluate_json(json.dumps(big)))


def test_concurrent_calls_from_threads_agree() -> None:
    request = large_request(2_000)
    text = json.dumps(request)
    expected = en.evaluate(request)
    expected_single = en.evaluate_dossier(request["dossiers"][0], request["establishments"][0], "2022-03-01")

    def work(i: int) -> bool:
        if i % 3 == 0:
            return bool(json.loads(en.evaluate_json(text)) == expected)
        if i % 3 == 1:
            return bool(en.evaluate(request) == expected)
        single = en.evaluate_dossier(request["dossiers"][0], request["establishments"][0], "2022-03-01")
        return single.checks == expected_single.checks

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(24)))
    assert all(results)


def test_errors_from_threads_keep_their_own_paths() -> None:
    def work(i: int) -> str:
        request = sample_request()
        request["dossiers"][i % 5]["signed_on"] = "not a date"
        try:
            en.evaluate(request)
        except en.InvalidRequestError as err:
            return err.path
        return "no error"

    with ThreadPoolExecutor(max_workers=6) as pool:
        paths = list(pool.map(work, range(30)))
    assert paths == [f"dossiers[{i % 5}].signed_on" for i in range(30)]


def test_the_gil_is_released_while_core_works(big: dict[str, Any]) -> None:
    text = json.dumps(big)
    beats = 0
    done = threading.Event()

    def heartbeat() -> None:
        nonlocal beats
        while not done.is_set():
            beats += 1
            time.sleep(0.0005)

    thread = threading.Thread(target=heartbeat)
    thread.start()
    time.sleep(0.01)
    try:
        before = beats
        started = time.perf_counter()
        en.evaluate_json(text)
        elapsed = time.perf_counter() - started
        during = beats - before
    finally:
        done.set()
        thread.join()
    # evaluate_json holds the GIL only to take its argument and return its result: another
    # Python thread keeps running meanwhile. Were the GIL held, it would not beat at all.
    assert elapsed > 0.02, "the campaign is too small to tell"
    assert during >= 5, (during, elapsed)
