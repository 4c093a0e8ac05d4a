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
from typing import Any, Callable, Dict, List, Optional, Tuple

import ecole_numerique as en
from ecole_numerique import _native

Json = Dict[str, Any]


def timed(f: Callable[[], object], rounds: int) -> Tuple[List[float], List[float]]:
    """Wall-clock and CPU times (this thread: core runs in it, without the GIL) per round."""
    f()  # warm up
    wall, cpu = [], []
    for _ in range(rounds):
        gc.collect()
        started, started_cpu = time.perf_counter(), time.thread_time()
        result = f()
        wall.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
        del result  # freeing the report is the caller's business, later: not timed
    return wall, cpu


def show(label: str, wall: List[float], cpu: Optional[List[float]] = None) -> None:
    line = (f"{label:<26} wall: best {min(wall) * 1e3:6.1f} ms, median "
            f"{statistics.median(wall) * 1e3:6.1f} ms")
    if cpu is not None:
        line += f"   cpu: best {min(cpu) * 1e3:6.1f} ms, median {statistics.median(cpu) * 1e3:6.1f} ms"
    print(line)


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

    print("(the best time is the one least disturbed by other processes; cpu counts this thread)")
    show("evaluate(dict)", *timed(lambda: en.evaluate(request), args.rounds))
    show("evaluate_json(str)", *timed(lambda: en.evaluate_json(text), args.rounds))
    steps = _native._time_steps(request, args.rounds)
    show("  read the dict", [s[0] for s in steps])
    show("  core alone (evaluate)", [s[1] for s in steps])
    show("  write the report", [s[2] for s in steps])
    # For scale: CPython's own C parser building the same report objects from its JSON.
    out = en.evaluate_json(text)
    show("reference: json.loads(report)", *timed(lambda: json.loads(out), args.rounds))

if __name__ == "__main__":
    main()
