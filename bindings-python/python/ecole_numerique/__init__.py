"""The rules of the Walloon *Ecole Numérique* call for projects (EN 2021), from Rust.

Every rule lives in the Rust crate ``ecole-numerique``; this package converts Python values to
core's types and back, releasing the GIL while core works::

    import ecole_numerique as en

    report = en.evaluate({"edition": "EN2021", "as_of": "2022-03-01", "establishments": [...],
                          "dossiers": [...]})
    for row in en.to_records(report):
        print(row["id"], row["stage"], row["points_total"])

- :func:`evaluate` / :func:`evaluate_json`: the campaign document of SPEC §9, as plain Python
  objects or as JSON text;
- :func:`evaluate_dossier`: one dossier of one establishment, as a typed :class:`DossierReport`;
- :class:`Edition`: the built-in editions and edition documents;
- :func:`to_records`: one flat dict per dossier, for ``csv`` or ``pandas``;
- errors: :class:`EcoleNumeriqueError` (a ``ValueError``) and its subclasses, each with the
  ``path`` of the bad input.

Dates are accepted as ``datetime.date``, ``YYYY-MM-DD`` strings, or timezone-aware
``datetime`` objects (converted to their civil date in Brussels); a naive ``datetime`` is
refused.
"""

from __future__ import annotations

import datetime
from typing import Any, Iterable, Mapping, Optional, Union, cast

from . import _native
from ._errors import (
    EcoleNumeriqueError,
    InternalError,
    InvalidEditionError,
    InvalidRequestError,
    UnknownEditionError,
)
from ._native import Edition, Grid, GridLine
from ._report import Check, DossierReport, NextAction, Points, PointsLine, Stage, to_records
from ._types import (
    CampaignReportDict,
    CheckDict,
    DateLike,
    DossierRecord,
    DossierReportDict,
    Lang,
    NextActionDict,
    OrderLineDict,
    PointsDict,
    PointsLineDict,
    WavePlanDict,
)

__version__: str = _native.LIBRARY_VERSION
"""The version of the Rust library (as written in every report)."""

__all__ = [
    "CampaignReportDict",
    "Check",
    "CheckDict",
    "DateLike",
    "DossierRecord",
    "DossierReport",
    "DossierReportDict",
    "EcoleNumeriqueError",
    "Edition",
    "Grid",
    "GridLine",
    "InternalError",
    "InvalidEditionError",
    "InvalidRequestError",
    "Lang",
    "NextAction",
    "NextActionDict",
    "OrderLineDict",
    "Points",
    "PointsDict",
    "PointsLine",
    "PointsLineDict",
    "Stage",
    "UnknownEditionError",
    "WavePlanDict",
    "__version__",
    "civil_date",
    "evaluate",
    "evaluate_dossier",
    "evaluate_json",
    "to_records",
]


def evaluate(request: Mapping[str, Any]) -> CampaignReportDict:
    """Evaluates a campaign request (SPEC §9) given as plain Python objects.

    The request has the shape of the JSON document (``edition``, ``as_of``, ``lang``,
    ``establishments``, ``dossiers``, ``waves``...); wherever a date is expected, a
    ``datetime.date`` or a timezone-aware ``datetime`` may stand for the ``YYYY-MM-DD`` string.
    Returns the report as plain Python objects, equal to ``json.loads(evaluate_json(...))``.

    Raises :class:`InvalidRequestError`, :class:`UnknownEditionError` or
    :class:`InvalidEditionError` with the ``path`` of the bad input (``dossiers[3].signed_on``).
    Core works without the GIL.

    >>> import datetime
    >>> report = evaluate({
    ...     "edition": "EN2021", "as_of": datetime.date(2021, 11, 15), "lang": "en",
    ...     "establishments": [{"fase": 1234, "name": "Ecole du Centre",
    ...         "offers": [{"level": "primaire", "kind": "ordinaire"}],
    ...         "implantations": [{"fase": 1235, "region": "wallonia"}], "laureate_years": []}],
    ...     "dossiers": [{"id": "D1", "establishment": 1234, "declared_on": "2021-10-04",
    ...         "equipment": [{"item": "tablet-android", "quantity": 20}]}],
    ... })
    >>> d = report["dossiers"][0]
    >>> d["stage"], d["eligible"], d["points"]["remaining"], d["deadline"]
    ('declared', True, 30, '2022-06-01')
    >>> evaluate({"edition": "EN2021", "as_of": "2021-11-31"})
    Traceback (most recent call last):
      ...
    ecole_numerique._errors.InvalidRequestError: invalid request at `as_of`: `2021-11-31` is not a real date
    """
    return cast(CampaignReportDict, _native.evaluate(request))


def evaluate_json(text: str) -> str:
    """Evaluates a campaign request written in JSON and returns the JSON report (the function
    every language shares). Core's whole evaluation runs without the GIL.

    >>> import json
    >>> json.loads(evaluate_json('{"edition": "EN2021", "as_of": "2022-01-10"}'))["dossiers"]
    []
    """
    return _native.evaluate_json(text)


def evaluate_dossier(
    dossier: Mapping[str, Any],
    establishment: Mapping[str, Any],
    as_of: DateLike,
    edition: Union[str, Edition, Mapping[str, Any]] = "EN2021",
    lang: Optional[Lang] = "fr",
    *,
    editions: Iterable[Union[Edition, Mapping[str, Any]]] = (),
) -> DossierReport:
    """Evaluates one dossier of one establishment on the day ``as_of`` (the adviser's view).

    ``dossier`` and ``establishment`` have the shapes of the campaign document; ``edition`` is an
    edition id, an edition document (a dict, as in a campaign request) or an :class:`Edition`;
    ``editions`` are further editions (:class:`Edition` objects or documents), for carry-over,
    each id once (an edition given as ``edition`` and again in ``editions`` is refused);
    ``lang=None`` is French, as an absent ``lang`` is. No waves: the ``ordered`` stage is
    skipped. Errors name their place under ``dossier``, ``establishment``, ``as_of``,
    ``edition``, ``lang`` or ``editions[i]``. A date of the report beyond Python's (a
    commitment ending after the year 9999) raises :class:`EcoleNumeriqueError` naming it.

    >>> school = {"fase": 7, "name": "Athénée", "offers": [{"level": "secondaire", "kind": "ordinaire"}],
    ...           "implantations": [{"fase": 8, "region": "wallonia"}], "laureate_years": []}
    >>> r = evaluate_dossier({"id": "A", "establishment": 7}, school, as_of="2021-11-02", lang="en")
    >>> r.stage, r.eligible, r.points.max
    (<Stage.NOT_DECLARED: 'not_declared'>, False, 50)
    >>> r.next_actions[0].rule, r.next_actions[0].due
    ('eligibility.declaration_window', datetime.date(2021, 12, 17))
    """
    document = _native.evaluate_dossier(dossier, establishment, as_of, edition, lang, editions)
    return DossierReport.from_dict(document)


def civil_date(value: DateLike) -> datetime.date:
    """The civil date the library reads from ``value``: a ``datetime.date`` as is, a
    ``YYYY-MM-DD`` string, or a timezone-aware ``datetime`` taken to its date in Brussels.
    A naive ``datetime`` raises :class:`InvalidRequestError`.

    >>> import datetime
    >>> civil_date("2022-06-01")
    datetime.date(2022, 6, 1)
    >>> civil_date(datetime.datetime(2022, 5, 31, 22, 30, tzinfo=datetime.timezone.utc))
    datetime.date(2022, 6, 1)
    """
    return _native.civil_date(value)
