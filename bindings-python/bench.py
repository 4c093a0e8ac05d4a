"""Speed of the Python bindings on a 10,000-dossier campaign (not a test: figures to read).

    bindings-python/.venv/bin/python bindings-python/bench.py [--establishments 9756] [--rounds 15]

The campaign is core's deterministic sample (`ecole_numerique::sample::campaign`), the same one
core's criterion bench `campaign-10k` measures.

Prints the median and best time of:
- ``evaluate(dict)``: reading the Python request, core's evaluation, writing the Python report;
- ``evaluate_json(str)``: JSON in, JSON out (no Python objects but the two strings);
- the three steps of ``evaluate(dict)`` apart, core alone among them (a timing hook of the
  module: core's ``evaluate`` on a request already read).
The target is ``evaluate(dict)`` in 60 ms or less for 10,000 dossiers.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from typing import Any, Callable, Dict, List

import ecole_numerique as en
from ecole_numerique import _native

Json = Dict[str, Any]


def timed(f: Callable[[], object], rounds: int) -> List[float]:
    f()  # warm up
    times = []
    for _ in range(rounds):
        gc.collect()
        started = time.perf_counter()
        f()
        times.append(time.perf_counter() - started)
    return times


def show(label: str, times: List[float]) -> None:
    print(f"{label:<28} median {statistics.median(times) * 1e3:7.1f} ms   best {min(times) * 1e3:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--establishments", type=int, default=9_756,
                        help="size of core's sample campaign (9,756 schools: 10,000 dossiers)")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()

    # Core's deterministic sample (the campaign of core's criterion bench `campaign-10k`).
    request = _native._sample_campaign(args.establishments)
    text = json.dumps(request)
    report = en.evaluate(request)
    assert report == json.loads(en.evaluate_json(text))
    stages: Dict[str, int] = {}
    for d in report["dossiers"]:
        stages[d["stage"]] = stages.get(d["stage"], 0) + 1
    print(f"{len(request['dossiers'])} dossiers, {len(text) / 1e6:.1f} MB of JSON in, "
          f"{len(en.evaluate_json(text)) / 1e6:.1f} MB out; stages: {dict(sorted(stages.items()))}")

    show("evaluate(dict)", timed(lambda: en.evaluate(request), args.rounds))
    show("evaluate_json(str)", timed(lambda: en.evaluate_json(text), args.rounds))
    steps = _native._time_steps(request, args.rounds)
    show("  read the dict", [s[0] for s in steps])
    show("  core alone (evaluate)", [s[1] for s in steps])
    show("  write the report", [s[2] for s in steps])

if __name__ == "__main__":
    main()
