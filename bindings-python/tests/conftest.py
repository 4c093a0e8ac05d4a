"""Requests for the Python tests. Dates and items are EN 2021's (test data, not rules)."""

from __future__ import annotations

import copy
from typing import Any, Dict, List

import pytest

Json = Dict[str, Any]


def school(fase: int, name: str = "Ecole communale", region: str = "wallonia") -> Json:
    """An establishment offering ordinary primary teaching, with one implantation."""
    return {
        "fase": fase,
        "name": name,
        "offers": [{"level": "primaire", "kind": "ordinaire"}],
        "implantations": [{"fase": fase + 1, "region": region}],
        "laureate_years": [],
    }


def confirmed_dossier(id: str, fase: int) -> Json:
    """A dossier that walks to `confirmed` in EN 2021 (36 points)."""
    return {
        "id": id,
        "establishment": fase,
        "declared_on": "2021-10-12",
        "first_contact_on": "2021-10-20",
        "survey": {
            "referent": "Mme Dubois",
            "connectivity_assessed": True,
            "infrastructure_assessed": True,
            "bandwidth_sufficient": True,
            "completed_on": "2021-11-15",
        },
        "space_opened_on": "2021-11-20",
        "equipment": [
            {"item": "tablet-android", "quantity": 24},
            {"item": "interactive-board", "quantity": 1},
        ],
        "cen_approved_on": "2022-01-10",
        "expert_approved_on": "2022-01-12",
        "signed_on": "2022-01-20",
        "signed_by": ["direction"],
    }


def sample_request() -> Json:
    """A small campaign with dossiers at several stages, and waves."""
    return {
        "edition": "EN2021",
        "as_of": "2022-03-01",
        "lang": "en",
        "establishments": [school(1000), school(2000), school(3000, region="brussels")],
        "dossiers": [
            confirmed_dossier("A-1", 1000),
            {"id": "B-1", "establishment": 2000, "declared_on": "2021-11-02",
             "equipment": [{"item": "macbook", "quantity": 4}]},
            {"id": "C-1", "establishment": 3000, "declared_on": "2021-11-03"},
            {"id": "D-1", "establishment": 9999},
            {"id": "E-1", "establishment": 1000, "declared_on": "2021-12-01",
             "equipment": [{"item": "no-such-item", "quantity": 1}]},
        ],
        "waves": [{"id": "W1", "order_on": "2022-02-15"}, {"id": "W2", "order_on": "2022-04-15"}],
    }


def large_request(n: int) -> Json:
    """`n` dossiers of `n` establishments, cycling through a few shapes."""
    establishments: List[Json] = []
    dossiers: List[Json] = []
    for i in range(n):
        fase = 10_000 + 2 * i
        establishments.append(school(fase, name=f"Ecole {i}"))
        shape = i % 4
        if shape == 0:
            d = confirmed_dossier(f"D{i:06d}", fase)
        elif shape == 1:
            d = {"id": f"D{i:06d}", "establishment": fase, "declared_on": "2021-10-15",
                 "first_contact_on": "2021-10-30",
                 "equipment": [{"item": "chromebook", "quantity": 10}]}
        elif shape == 2:
            d = {"id": f"D{i:06d}", "establishment": fase}
        else:
            d = confirmed_dossier(f"D{i:06d}", fase)
            d["delivery"] = {"delivered_on": "2022-02-20", "note_signed": True, "boxes_noted": True}
        dossiers.append(d)
    return {
        "edition": "EN2021",
        "as_of": "2022-03-01",
        "lang": "fr",
        "establishments": establishments,
        "dossiers": dossiers,
        "waves": [{"id": "W1", "order_on": "2022-02-01"}, {"id": "W2", "order_on": "2022-05-01"}],
    }


@pytest.fixture
def request_doc() -> Json:
    return copy.deepcopy(sample_request())
