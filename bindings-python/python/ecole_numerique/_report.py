"""Typed, read-only views of one dossier's report, and flat records for tables.

Conversion only: every value is read from the document core writes; nothing is decided here.
"""

from __future__ import annotations

import copy
import datetime
import enum
from dataclasses import dataclass, field
from typing import Any, Iterable, List, Mapping, Optional, Tuple, Union, cast

from ._errors import EcoleNumeriqueError
from ._types import DossierRecord


class Stage(str, enum.Enum):
    """The stage a dossier has reached (SPEC §6); the value is core's snake_case name.

    ``Stage.CONFIRMED == "confirmed"`` holds, so a stage compares with the strings of a
    campaign report. Stages have no order (``not_declared``, ``ineligible`` and
    ``carried_over`` are outside the line, as in core): ``<``, ``<=``, ``>`` and ``>=`` raise
    ``TypeError`` instead of comparing the names as strings.

    >>> Stage.CONFIRMED == "confirmed"
    True
    >>> Stage.CONTACTED > Stage.DECLARED
    Traceback (most recent call last):
    ...
    TypeError: stages have no order: compare them with == or !=
    """

    NOT_DECLARED = "not_declared"
    INELIGIBLE = "ineligible"
    DECLARED = "declared"
    CONTACTED = "contacted"
    SURVEYED = "surveyed"
    SPACE_OPENED = "space_opened"
    CONFIRMED = "confirmed"
    ORDERED = "ordered"
    DELIVERED = "delivered"
    IN_PROJECT = "in_project"
    EVALUATED = "evaluated"
    CARRIED_OVER = "carried_over"

    def __str__(self) -> str:
        return self.value

    def __lt__(self, other: object) -> bool:
        raise TypeError(_NO_ORDER)

    def __le__(self, other: object) -> bool:
        raise TypeError(_NO_ORDER)

    def __gt__(self, other: object) -> bool:
        raise TypeError(_NO_ORDER)

    def __ge__(self, other: object) -> bool:
        raise TypeError(_NO_ORDER)


_NO_ORDER = "stages have no order: compare them with == or !="


def _date(text: Optional[str], path: str) -> Optional[datetime.date]:
    """The ``datetime.date`` of a date core wrote. Core computes dates beyond Python's (a
    commitment ending after the year 9999 is written ``+10002-06-01``): such a date raises
    :class:`EcoleNumeriqueError` naming its place; ``to_dict()`` and ``evaluate()`` keep it as
    text."""
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        detail = f"the date {text} is beyond Python's dates (years 1 to 9999); read it as text with evaluate() or evaluate_json()"
        raise EcoleNumeriqueError(f"{path}: {detail}", path, detail) from None


def _day(text: str, path: str) -> datetime.date:
    """:func:`_date` of a date core always writes."""
    return cast(datetime.date, _date(text, path))


@dataclass(frozen=True)
class Check:
    """One check of one rule, passed or failed."""

    rule: str
    passed: bool
    blocking: bool
    message: str
    source: str


@dataclass(frozen=True)
class PointsLine:
    """One equipment line as counted on the grid."""

    item: str
    lot: Optional[str]
    quantity: int
    points: int


@dataclass(frozen=True)
class Points:
    """The points of a dossier on its edition's grid."""

    total: int
    max: int
    remaining: int
    lines: Tuple[PointsLine, ...]
    extra: Tuple[PointsLine, ...]

    def __repr__(self) -> str:
        return (
            f"Points(total={self.total}, max={self.max}, remaining={self.remaining}, "
            f"lines={len(self.lines)}, extra={len(self.extra)})"
        )


@dataclass(frozen=True)
class NextAction:
    """Something that remains to be done, with its due date when the rules set one."""

    rule: str
    message: str
    due: Optional[datetime.date]


def _line(d: Mapping[str, Any]) -> PointsLine:
    return PointsLine(item=d["item"], lot=d["lot"], quantity=d["quantity"], points=d["points"])


@dataclass(frozen=True)
class DossierReport:
    """The report of one dossier (read-only), as :func:`ecole_numerique.evaluate_dossier`
    returns it. ``to_dict()`` gives the plain document core wrote."""

    id: str
    establishment: int
    edition: str
    deadline: datetime.date
    eligible: bool
    stage: Stage
    checks: Tuple[Check, ...]
    points: Points
    carried_over_from: Tuple[str, ...]
    carried_over_to: Optional[str]
    wave: Optional[str]
    commitment_ends_on: Optional[datetime.date]
    next_actions: Tuple[NextAction, ...]
    fingerprint: str
    _document: Mapping[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> DossierReport:
        """Reads the document of one dossier's report (with its ``fingerprint``)."""
        points = document["points"]
        return cls(
            id=document["id"],
            establishment=document["establishment"],
            edition=document["edition"],
            deadline=_day(document["deadline"], "deadline"),
            eligible=document["eligible"],
            stage=Stage(document["stage"]),
            checks=tuple(
                Check(
                    rule=c["rule"],
                    passed=c["passed"],
                    blocking=c["blocking"],
                    message=c["message"],
                    source=c["source"],
                )
                for c in document["checks"]
            ),
            points=Points(
                total=points["total"],
                max=points["max"],
                remaining=points["remaining"],
                lines=tuple(_line(line) for line in points["lines"]),
                extra=tuple(_line(line) for line in points.get("extra", ())),
            ),
            carried_over_from=tuple(document["carried_over_from"]),
            carried_over_to=document["carried_over_to"],
            wave=document["wave"],
            commitment_ends_on=_date(document["commitment_ends_on"], "commitment_ends_on"),
            next_actions=tuple(
                NextAction(rule=a["rule"], message=a["message"], due=_date(a["due"], f"next_actions[{i}].due"))
                for i, a in enumerate(document["next_actions"])
            ),
            fingerprint=document.get("fingerprint", ""),
            _document=copy.deepcopy(dict(document)),
        )

    @property
    def failed_checks(self) -> Tuple[Check, ...]:
        """The checks that failed, in report order."""
        return tuple(c for c in self.checks if not c.passed)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain Python objects, exactly as core wrote it (dates as strings)."""
        return copy.deepcopy(dict(self._document))

    def __repr__(self) -> str:
        failed = [c.rule for c in self.failed_checks]
        actions = [a.rule for a in self.next_actions]
        extra = ""
        if self.carried_over_from:
            extra += f", carried_over_from={list(self.carried_over_from)}"
        if self.carried_over_to is not None:
            extra += f", carried_over_to={self.carried_over_to!r}"
        if self.wave is not None:
            extra += f", wave={self.wave!r}"
        if self.commitment_ends_on is not None:
            extra += f", commitment_ends_on={self.commitment_ends_on.isoformat()}"
        return (
            f"DossierReport(id={self.id!r}, edition={self.edition!r}, stage={self.stage.value}, "
            f"eligible={self.eligible}, points={self.points.total}/{self.points.max}, "
            f"deadline={self.deadline.isoformat()}{extra}, failed={failed}, "
            f"next_actions={actions})"
        )


ReportSource = Union[Mapping[str, Any], DossierReport, Iterable[Union[DossierReport, Mapping[str, Any]]]]
"""What :func:`to_records` reads: a campaign report (from ``evaluate``), a
:class:`DossierReport` or a dossier's report dict, or several (``report["dossiers"]``)."""


def _record_from_dict(d: Mapping[str, Any], place: str = "") -> DossierRecord:
    points = d["points"]
    at = f"{place}." if place else ""
    first = next((i for i, a in enumerate(d["next_actions"]) if a["due"] is not None), None)
    due = None if first is None else d["next_actions"][first]["due"]
    return {
        "id": d["id"],
        "establishment": d["establishment"],
        "edition": d["edition"],
        "stage": d["stage"],
        "eligible": d["eligible"],
        "deadline": _day(d["deadline"], f"{at}deadline"),
        "points_total": points["total"],
        "points_max": points["max"],
        "points_remaining": points["remaining"],
        "wave": d["wave"],
        "carried_over_from": ";".join(d["carried_over_from"]),
        "carried_over_to": d["carried_over_to"],
        "commitment_ends_on": _date(d["commitment_ends_on"], f"{at}commitment_ends_on"),
        "checks_failed": ";".join(c["rule"] for c in d["checks"] if not c["passed"]),
        "next_actions": ";".join(a["rule"] for a in d["next_actions"]),
        "next_due": _date(due, f"{at}next_actions[{first}].due"),
    }


def _record_from_report(r: DossierReport) -> DossierRecord:
    due = next((a.due for a in r.next_actions if a.due is not None), None)
    return {
        "id": r.id,
        "establishment": r.establishment,
        "edition": r.edition,
        "stage": r.stage.value,
        "eligible": r.eligible,
        "deadline": r.deadline,
        "points_total": r.points.total,
        "points_max": r.points.max,
        "points_remaining": r.points.remaining,
        "wave": r.wave,
        "carried_over_from": ";".join(r.carried_over_from),
        "carried_over_to": r.carried_over_to,
        "commitment_ends_on": r.commitment_ends_on,
        "checks_failed": ";".join(c.rule for c in r.checks if not c.passed),
        "next_actions": ";".join(a.rule for a in r.next_actions),
        "next_due": due,
    }


def to_records(report: ReportSource) -> List[DossierRecord]:
    """One flat dict per dossier, in report order, ready for ``pandas.DataFrame(records)`` or
    ``csv.DictWriter``.

    Columns: ``id``, ``establishment``, ``edition``, ``stage``, ``eligible``, ``deadline``,
    ``points_total``, ``points_max``, ``points_remaining``, ``wave``, ``carried_over_from``
    (edition ids joined by ``;``), ``carried_over_to``, ``commitment_ends_on``,
    ``checks_failed`` (rule ids of the failed checks, joined by ``;``), ``next_actions``
    (rule ids, joined by ``;``), ``next_due`` (the due date of the first next action that has
    one). Dates are ``datetime.date`` or ``None``.

    >>> import ecole_numerique as en
    >>> report = en.evaluate({"edition": "EN2021", "as_of": "2022-01-10",
    ...                       "dossiers": [{"id": "X", "establishment": 99}]})
    >>> (row,) = to_records(report)
    >>> row["id"], row["stage"], row["checks_failed"], row["deadline"]
    ('X', 'ineligible', 'dossier.establishment', datetime.date(2022, 6, 1))
    """
    if isinstance(report, DossierReport):
        return [_record_from_report(report)]
    if isinstance(report, Mapping):
        if "dossiers" in report:
            return [_record_from_dict(d, f"dossiers[{i}]") for i, d in enumerate(report["dossiers"])]
        return [_record_from_dict(report)]
    records: List[DossierRecord] = []
    for item in report:
        if isinstance(item, DossierReport):
            records.append(_record_from_report(item))
        elif isinstance(item, Mapping):
            records.append(_record_from_dict(item, f"[{len(records)}]"))
        else:
            raise TypeError(
                f"to_records reads DossierReport objects or report dicts, got {type(item).__name__}"
            )
    return records
