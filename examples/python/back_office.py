"""The back-office script: evaluates a campaign, writes one CSV row per dossier, and prints the
summary per stage.

    python examples/python/back_office.py [REQUEST.json] [--out dossiers.csv] [--as-of YYYY-MM-DD | --as-of ISO-INSTANT]

Without REQUEST.json it reads the bundled sample campaign, `examples/data/sample-campaign.json`
(written by the Rust campaign demo), or, when that file is missing, a small campaign built below.
Every rule is in the library: this script only reads, writes and counts.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Union

import ecole_numerique as en

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample-campaign.json"


def small_campaign() -> Dict[str, Any]:
    """A few schools of EN 2021 (example data), with dates given as Python values."""
    wallonia = [{"level": "primaire", "kind": "ordinaire"}]
    return {
        "edition": "EN2021",
        "as_of": datetime.date(2022, 3, 1),
        "lang": "fr",
        "establishments": [
            {"fase": 1001, "name": "Ecole communale de Namur", "offers": wallonia,
             "implantations": [{"fase": 1002, "region": "wallonia"}], "laureate_years": []},
            {"fase": 2001, "name": "Athénée royal d'Eupen", "offers": wallonia,
             "implantations": [{"fase": 2002, "region": "wallonia"}], "laureate_years": [2019]},
            {"fase": 3001, "name": "Institut Saint-Joseph", "offers": wallonia,
             "implantations": [{"fase": 3002, "region": "wallonia"}], "laureate_years": []},
        ],
        "dossiers": [
            {"id": "NA-1", "establishment": 1001, "declared_on": datetime.date(2021, 10, 12),
             "first_contact_on": "2021-10-20",
             "survey": {"referent": "Mme Dubois", "connectivity_assessed": True,
                        "infrastructure_assessed": True, "bandwidth_sufficient": True,
                        "completed_on": "2021-11-15"},
             "space_opened_on": "2021-11-20",
             "equipment": [{"item": "tablet-android", "quantity": 24},
                           {"item": "interactive-board", "quantity": 1}],
             "cen_approved_on": "2022-01-10", "expert_approved_on": "2022-01-12",
             # An instant: taken to its date in Brussels by the library.
             "signed_on": datetime.datetime(2022, 1, 20, 9, 30, tzinfo=datetime.timezone.utc),
             "signed_by": ["direction"]},
            {"id": "EU-1", "establishment": 2001, "declared_on": "2021-11-02"},
            {"id": "SJ-1", "establishment": 3001, "declared_on": "2021-12-01",
             "equipment": [{"item": "macbook", "quantity": 12}]},
        ],
        "waves": [{"id": "W1", "order_on": "2022-02-15"}],
    }


def load_request(path: str | None) -> Dict[str, Any]:
    if path is not None:
        request: Dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
        return request
    if SAMPLE.is_file():
        sample: Dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
        return sample
    return small_campaign()


def write_csv(records: List[en.DossierRecord], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(en.DossierRecord.__annotations__))
        writer.writeheader()
        for record in records:
            writer.writerow({k: "" if v is None else v for k, v in record.items()})


def print_summary(report: en.CampaignReportDict, records: List[en.DossierRecord]) -> None:
    print(f"Campaign {report['edition']} on {report['as_of']} "
          f"(library {report['library_version']}, editions {report['fingerprint'][:12]}…)")
    by_stage = Counter(r["stage"] for r in records)
    points = Counter[str]()
    for r in records:
        points[r["stage"]] += r["points_total"]
    print(f"\n{'stage':<14} {'dossiers':>9} {'points':>8}")
    for stage in en.Stage:
        if by_stage[stage.value]:
            print(f"{stage.value:<14} {by_stage[stage.value]:>9} {points[stage.value]:>8}")
    print(f"{'total':<14} {len(records):>9} {sum(points.values()):>8}")
    if report["waves"]:
        print("\nwave           order on    projects  units")
        for wave in report["waves"]:
            units = sum(line["quantity"] for line in wave["lines"])
            print(f"{wave['id']:<14} {wave['order_on']}  {len(wave['projects']):>8} {units:>6}")
    if report["unscheduled"]:
        print(f"\nunscheduled projects: {len(report['unscheduled'])}")


def as_of_argument(text: str) -> Union[str, datetime.datetime]:
    """``--as-of``: a day (YYYY-MM-DD), read by the library, or an instant with its offset
    (``2021-12-17T23:30:00+00:00``), which the library takes to its day in Brussels."""
    if "T" in text:
        try:
            return datetime.datetime.fromisoformat(text)
        except ValueError:
            pass  # the library says what is wrong with it
    return text


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description="Evaluate a campaign; one CSV row per dossier.")
    parser.add_argument("request", nargs="?", help="campaign request (JSON); default: the sample")
    parser.add_argument("--out", default="target/back-office/dossiers.csv", help="CSV to write")
    parser.add_argument("--as-of", help="evaluate on this day instead of the request's as_of")
    args = parser.parse_args(argv)

    request = load_request(args.request)
    if args.as_of:
        request["as_of"] = as_of_argument(args.as_of)
    try:
        report = en.evaluate(request)
    except en.EcoleNumeriqueError as err:
        # The message names the place (`as_of`, `dossiers[3].signed_on`) when there is one.
        print(f"cannot evaluate the campaign: {err}", file=sys.stderr)
        return 2
    records = en.to_records(report)
    out = Path(args.out)
    write_csv(records, out)
    print_summary(report, records)
    print(f"\n{len(records)} rows written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
