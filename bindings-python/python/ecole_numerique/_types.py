"""Typed shapes of the campaign report (SPEC §9), as returned by :func:`ecole_numerique.evaluate`.

These are ``TypedDict`` s: at run time the report is made of plain ``dict``, ``list``, ``str``,
``int``, ``bool`` and ``None``, exactly the document ``evaluate_json`` writes (dates are
``YYYY-MM-DD`` strings). Core may add fields; these name the normative ones.
"""

from __future__ import annotations

import datetime
from typing import List, Literal, Optional, TypedDict, Union

Lang = Literal["fr", "de", "en"]
"""Language of the messages."""

DateLike = Union[datetime.date, str]
"""A civil date: ``datetime.date``, ``YYYY-MM-DD`` string, or timezone-aware ``datetime``
(taken to its date in Brussels). A naive ``datetime`` is refused."""


class CheckDict(TypedDict):
    """One check of one rule."""

    rule: str
    passed: bool
    blocking: bool
    message: str
    source: str


class PointsLineDict(TypedDict):
    """One equipment line as counted."""

    item: str
    lot: Optional[str]
    quantity: int
    points: int


class PointsDict(TypedDict):
    """Points on the grid."""

    total: int
    max: int
    remaining: int
    lines: List[PointsLineDict]
    extra: List[PointsLineDict]


class NextActionDict(TypedDict):
    """Something that remains to be done."""

    rule: str
    message: str
    due: Optional[str]


class DossierReportDict(TypedDict):
    """The report of one dossier."""

    id: str
    establishment: int
    edition: str
    deadline: str
    eligible: bool
    stage: str
    checks: List[CheckDict]
    points: PointsDict
    carried_over_from: List[str]
    carried_over_to: Optional[str]
    wave: Optional[str]
    commitment_ends_on: Optional[str]
    next_actions: List[NextActionDict]


class OrderLineDict(TypedDict):
    """Units of an item ordered in a wave."""

    item: str
    lot: str
    quantity: int


class WavePlanDict(TypedDict):
    """One wave of the procurement plan."""

    id: str
    order_on: str
    projects: List[str]
    lines: List[OrderLineDict]


class CampaignReportDict(TypedDict):
    """The report of a campaign."""

    edition: str
    as_of: str
    lang: str
    library_version: str
    fingerprint: str
    dossiers: List[DossierReportDict]
    waves: List[WavePlanDict]
    unscheduled: List[str]


class DossierRecord(TypedDict):
    """One flat row per dossier (see :func:`ecole_numerique.to_records`)."""

    id: str
    establishment: int
    edition: str
    stage: str
    eligible: bool
    deadline: datetime.date
    points_total: int
    points_max: int
    points_remaining: int
    wave: Optional[str]
    carried_over_from: str
    carried_over_to: Optional[str]
    commitment_ends_on: Optional[datetime.date]
    checks_failed: str
    next_actions: str
    next_due: Optional[datetime.date]
