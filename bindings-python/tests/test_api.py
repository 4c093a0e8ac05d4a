"""The Python surface: evaluate, evaluate_json, evaluate_dossier, Edition, to_records."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import json
from typing import Any

import pytest

import ecole_numerique as en
from conftest import confirmed_dossier, sample_request, school


def test_evaluate_gives_the_document_evaluate_json_writes(request_doc: dict[str, Any]) -> None:
    report = en.evaluate(request_doc)
    from_json = json.loads(en.evaluate_json(json.dumps(request_doc)))
    assert report == from_json
    assert json.dumps(report) == json.dumps(from_json)  # the same keys in the same order
    assert [d["id"] for d in report["dossiers"]] == ["A-1", "B-1", "C-1", "D-1", "E-1"]
    first = report["dossiers"][0]
    assert first["stage"] == "ordered" and first["wave"] == "W1"
    assert (first["points"]["total"], first["points"]["remaining"]) == (36, 14)
    assert report["waves"][0]["projects"] == ["A-1"]
    assert report["library_version"] == en.__version__


def test_evaluate_does_not_touch_the_request(request_doc: dict[str, Any]) -> None:
    before = copy.deepcopy(request_doc)
    en.evaluate(request_doc)
    assert request_doc == before


def test_the_report_is_made_of_plain_python_objects(request_doc: dict[str, Any]) -> None:
    def walk(value: Any) -> None:
        assert type(value) in (dict, list, str, int, bool, type(None)), type(value)
        if isinstance(value, dict):
            for k, v in value.items():
                assert type(k) is str
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(en.evaluate(request_doc))


def test_tuples_and_null_read_as_in_json(request_doc: dict[str, Any]) -> None:
    request_doc["dossiers"][0]["equipment"] = tuple(request_doc["dossiers"][0]["equipment"])
    request_doc["dossiers"][1]["survey"] = None
    request_doc["lang"] = None
    report = en.evaluate(request_doc)
    assert report["lang"] == "fr"
    assert report["dossiers"][0]["points"]["total"] == 36


def test_any_mapping_reads_as_a_dict(request_doc: dict[str, Any]) -> None:
    import types

    expected = en.evaluate(request_doc)
    request_doc["dossiers"][0] = types.MappingProxyType(request_doc["dossiers"][0])
    assert en.evaluate(types.MappingProxyType(request_doc)) == expected


def test_languages_change_messages_not_rules(request_doc: dict[str, Any]) -> None:
    reports = {}
    for lang in ("fr", "de", "en"):
        request_doc["lang"] = lang
        reports[lang] = en.evaluate(request_doc)
    rules = {lang: [[c["rule"] for c in d["checks"]] for d in r["dossiers"]] for lang, r in reports.items()}
    assert rules["fr"] == rules["de"] == rules["en"]
    assert reports["fr"]["dossiers"][0]["checks"][0]["message"] != reports["en"]["dossiers"][0]["checks"][0]["message"]


# --- dates -------------------------------------------------------------------------------------

BRUSSELS_LATE = datetime.datetime(2022, 1, 19, 23, 30, tzinfo=datetime.timezone.utc)  # 20 Jan, 00:30 in Brussels


def date_forms() -> list[Any]:
    forms: list[Any] = [
        "2022-01-20",
        datetime.date(2022, 1, 20),
        BRUSSELS_LATE,
        datetime.datetime(2022, 1, 20, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))),
        datetime.datetime(2022, 1, 20, 12, 0, tzinfo=datetime.timezone.utc),
    ]
    try:
        from zoneinfo import ZoneInfo

        forms.append(datetime.datetime(2022, 1, 20, 0, 0, tzinfo=ZoneInfo("Europe/Brussels")))
        forms.append(datetime.datetime(2022, 1, 20, 23, 59, tzinfo=ZoneInfo("Europe/Brussels")))
    except Exception:  # pragma: no cover - no tz database on this machine
        pass
    return forms


@pytest.mark.parametrize("value", date_forms(), ids=repr)
def test_every_date_form_reads_as_the_same_civil_date(value: Any) -> None:
    assert en.civil_date(value) == datetime.date(2022, 1, 20)
    request = sample_request()
    as_strings = en.evaluate(request)
    request["dossiers"][0]["signed_on"] = value
    assert en.evaluate(request) == as_strings


def test_instants_take_the_brussels_date_in_summer_and_winter() -> None:
    utc = datetime.timezone.utc
    assert en.civil_date(datetime.datetime(2022, 5, 31, 21, 59, 59, tzinfo=utc)) == datetime.date(2022, 5, 31)
    assert en.civil_date(datetime.datetime(2022, 5, 31, 22, 0, 0, tzinfo=utc)) == datetime.date(2022, 6, 1)
    assert en.civil_date(datetime.datetime(2021, 12, 17, 22, 59, 59, tzinfo=utc)) == datetime.date(2021, 12, 17)
    assert en.civil_date(datetime.datetime(2021, 12, 17, 23, 0, 0, tzinfo=utc)) == datetime.date(2021, 12, 18)


def test_an_instant_whose_brussels_day_python_cannot_hold_is_a_library_error() -> None:
    utc = datetime.timezone.utc
    with pytest.raises(en.InvalidRequestError):
        en.civil_date(datetime.datetime(9999, 12, 31, 23, 30, tzinfo=utc))  # 1 January 10000 in Brussels
    assert en.civil_date(datetime.datetime(9999, 12, 31, 22, 30, tzinfo=utc)) == datetime.date(9999, 12, 31)


def test_dates_are_accepted_everywhere_a_date_is_expected() -> None:
    request = sample_request()
    strings = en.evaluate(request)
    d = request["dossiers"][0]
    for key in ("declared_on", "first_contact_on", "space_opened_on", "cen_approved_on",
                "expert_approved_on", "signed_on"):
        d[key] = datetime.date.fromisoformat(d[key])
    d["survey"]["completed_on"] = datetime.date(2021, 11, 15)
    request["as_of"] = datetime.datetime(2022, 3, 1, 10, 0, tzinfo=datetime.timezone.utc)
    request["waves"][0]["order_on"] = datetime.date(2022, 2, 15)
    assert en.evaluate(request) == strings


def test_a_naive_datetime_is_refused_with_its_path() -> None:
    request = sample_request()
    request["dossiers"][2]["declared_on"] = datetime.datetime(2021, 11, 3, 9, 0)
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate(request)
    assert raised.value.path == "dossiers[2].declared_on"
    assert "naive datetime" in raised.value.detail and "timezone-aware" in raised.value.detail

    with pytest.raises(en.InvalidRequestError, match="naive datetime") as raised:
        en.evaluate_dossier(confirmed_dossier("X", 1000), school(1000), datetime.datetime(2022, 3, 1))
    assert raised.value.path == "as_of"

    with pytest.raises(en.InvalidRequestError, match="naive datetime"):
        en.civil_date(datetime.datetime(2022, 3, 1))


@pytest.mark.parametrize("text", ["2021-02-29", "2021-13-01", "21-10-01", "2021/10/01", ""])
def test_impossible_date_strings_are_refused(text: str) -> None:
    request = sample_request()
    request["dossiers"][1]["declared_on"] = text
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate(request)
    assert raised.value.path == "dossiers[1].declared_on"
    with pytest.raises(en.InvalidRequestError):
        en.civil_date(text)


def test_civil_date_refuses_other_types() -> None:
    with pytest.raises(en.InvalidRequestError, match="expected a date"):
        en.civil_date(20220101)  # type: ignore[arg-type]


# --- errors ------------------------------------------------------------------------------------


def test_the_exception_family() -> None:
    for cls in (en.InvalidRequestError, en.UnknownEditionError, en.InvalidEditionError, en.InternalError):
        assert issubclass(cls, en.EcoleNumeriqueError)
        assert issubclass(cls, ValueError)
    assert issubclass(en.InternalError, RuntimeError)
    assert {en.InvalidRequestError.kind, en.UnknownEditionError.kind, en.InvalidEditionError.kind} == {
        "invalid_request", "unknown_edition", "invalid_edition"}


def test_invalid_request_names_the_path(request_doc: dict[str, Any]) -> None:
    request_doc["dossiers"][3]["signed_on"] = "2022-02-30"
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate(request_doc)
    err = raised.value
    assert err.path == "dossiers[3].signed_on"
    assert err.kind == "invalid_request"
    assert "2022-02-30" in err.detail
    assert "dossiers[3].signed_on" in str(err)
    with pytest.raises(en.InvalidRequestError) as raised_json:
        en.evaluate_json(json.dumps(request_doc))
    assert raised_json.value.path == err.path


def test_unknown_edition(request_doc: dict[str, Any]) -> None:
    request_doc["edition"] = "EN1999"
    with pytest.raises(en.UnknownEditionError) as raised:
        en.evaluate(request_doc)
    assert raised.value.path == "edition" and "EN1999" in str(raised.value)

    request_doc["edition"] = "EN2021"
    request_doc["dossiers"][1]["edition"] = "EN1999"
    with pytest.raises(en.UnknownEditionError) as raised:
        en.evaluate(request_doc)
    assert raised.value.path == "dossiers[1].edition"

    with pytest.raises(en.UnknownEditionError):
        en.Edition.builtin("EN1999")
    with pytest.raises(en.UnknownEditionError):
        en.evaluate_dossier(confirmed_dossier("X", 1000), school(1000), "2022-03-01", edition="EN1999")


def en2021_document() -> dict[str, Any]:
    return en.Edition.builtin("EN2021").to_dict()


def test_invalid_edition(request_doc: dict[str, Any]) -> None:
    doc = en2021_document()
    doc["grid"]["max_points"] = 0
    request_doc["edition"] = doc
    with pytest.raises(en.InvalidEditionError) as raised:
        en.evaluate(request_doc)
    assert raised.value.path == "edition.grid.max_points"

    with pytest.raises(en.InvalidEditionError) as raised:
        en.Edition.from_json(json.dumps(doc))
    assert raised.value.path == "grid.max_points"

    doc = en2021_document()
    doc["declaration"]["closes"] = "2021-09-01"
    request_doc["edition"] = "EN2021"
    request_doc["editions"] = [doc]
    with pytest.raises(en.InvalidEditionError) as raised:
        en.evaluate(request_doc)
    assert raised.value.path == "editions[0].declaration.closes"


def test_a_type_error_inside_an_edition_document_names_its_path(request_doc: dict[str, Any]) -> None:
    doc = en2021_document()
    doc["declaration"]["closes"] = 17
    request_doc["editions"] = [doc]
    with pytest.raises(en.InvalidEditionError) as raised:
        en.evaluate(request_doc)
    assert raised.value.path == "editions[0].declaration.closes"


def test_errors_pickle_with_their_path() -> None:
    import pickle

    err = en.InvalidRequestError("invalid request at `as_of`: bad", "as_of", "bad")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is en.InvalidRequestError
    assert (back.path, back.detail, str(back)) == ("as_of", "bad", str(err))


def test_a_rust_panic_is_an_exception_not_an_abort() -> None:
    with pytest.raises(en.InternalError) as raised:
        en._native._panic("deliberate test panic")
    assert "deliberate test panic" in str(raised.value)
    assert isinstance(raised.value, RuntimeError)
    # The interpreter and the module still work.
    assert en.evaluate(sample_request())["dossiers"]


# Bad types, one per field family: (where, bad value, expected path).
BAD_TYPES: list[tuple[str, Any, str]] = [
    ("request", [], ""),
    ("request", "EN2021", ""),
    ("edition", 2021, "edition"),
    ("as_of", 20220301, "as_of"),
    ("as_of", None, "as_of"),
    ("lang", "nl", "lang"),
    ("establishments", {"fase": 1}, "establishments"),
    ("unknown_field", 1, "unknown_field"),
    ("establishments[0].fase", "1000", "establishments[0].fase"),
    ("establishments[0].fase", 2**63, "establishments[0].fase"),
    ("establishments[0].name", 5, "establishments[0].name"),
    ("establishments[0].offers[0].level", "lycee", "establishments[0].offers[0].level"),
    ("establishments[0].offers[0].kind", 1, "establishments[0].offers[0].kind"),
    ("establishments[0].implantations[0].region", "mars", "establishments[0].implantations[0].region"),
    ("establishments[0].laureate_years", ["2019"], "establishments[0].laureate_years[0]"),
    ("dossiers[0].id", 7, "dossiers[0].id"),
    ("dossiers[0].establishment", 1000.0, "dossiers[0].establishment"),
    ("dossiers[0].implantations", [1001, "x"], "dossiers[0].implantations[1]"),
    ("dossiers[0].declared_on", 20211012, "dossiers[0].declared_on"),
    ("dossiers[0].survey", "done", "dossiers[0].survey"),
    ("dossiers[0].survey.referent", 3, "dossiers[0].survey.referent"),
    ("dossiers[0].survey.works_needed", "yes", "dossiers[0].survey.works_needed"),
    ("dossiers[0].survey.completed_on", True, "dossiers[0].survey.completed_on"),
    ("dossiers[0].equipment[0].quantity", 2.0, "dossiers[0].equipment[0].quantity"),
    ("dossiers[0].equipment[0].quantity", "2", "dossiers[0].equipment[0].quantity"),
    ("dossiers[0].equipment[0].quantity", 1e19, "dossiers[0].equipment[0].quantity"),
    ("dossiers[0].equipment[0].quantity", {"$serde_json::private::RawValue": "5"},
     "dossiers[0].equipment[0].quantity"),
    ("waves[0].capacity", {"nas": {"$serde_json::private::RawValue": "5"}}, "waves[0].capacity.nas"),
    ("lang", {"en": None}, "lang"),
    ("establishments[0].offers[0].level", {"primaire": None}, "establishments[0].offers[0].level"),
    ("establishments[0].offers[0].kind", {"ordinaire": 1}, "establishments[0].offers[0].kind"),
    ("dossiers[0].signed_by", [{"po": None}], "dossiers[0].signed_by[0]"),
    ("dossiers[0].equipment[0].quantity", -0.0, "dossiers[0].equipment[0].quantity"),
    ("waves[0].capacity", {"nas": 1e19}, "waves[0].capacity.nas"),
    ("dossiers[0].equipment[0].item", 3, "dossiers[0].equipment[0].item"),
    ("dossiers[0].extra", [{"item": "nas", "quantity": 1.5}], "dossiers[0].extra[0].quantity"),
    ("dossiers[0].signed_by", ["mayor"], "dossiers[0].signed_by[0]"),
    ("dossiers[0].delivery", {"note_signed": "y"}, "dossiers[0].delivery.note_signed"),
    ("dossiers[0].reception", {"visited_on": "tomorrow"}, "dossiers[0].reception.visited_on"),
    ("dossiers[0].evaluation", {"shared_on": 3}, "dossiers[0].evaluation.shared_on"),
    ("dossiers[0].unknown", 1, "dossiers[0].unknown"),
    ("dossiers[0].signed_on", {1, 2}, "dossiers[0].signed_on"),
    ("dossiers[0].signed_on", object(), "dossiers[0].signed_on"),
    ("waves[0].id", 1, "waves[0].id"),
    ("waves[0].order_on", "2022-02-31", "waves[0].order_on"),
    ("waves[0].capacity", {"nas": "many"}, "waves[0].capacity.nas"),
    ("waves[0].capacity", {1: 3}, "waves[0].capacity.1"),
    # A list or tuple of the values in field order where an object belongs (SPEC §9 writes
    # objects): a wrong type at its place, not read field by field.
    ("dossiers[0]", ["D1", 1001], "dossiers[0]"),
    ("dossiers[0].survey", (), "dossiers[0].survey"),
    ("dossiers[0].equipment", [("nas", 2)], "dossiers[0].equipment[0]"),
    ("establishments[0].offers", [["primaire", "ordinaire"]], "establishments[0].offers[0]"),
    ("waves[0]", ("W1", "2022-03-01"), "waves[0]"),
    ("request", ["EN2021", None, "2022-01-10"], ""),
]


def put(request: dict[str, Any], where: str, value: Any) -> Any:
    """Sets `where` (`a[0].b` syntax) in `request`; returns the new request."""
    if where == "request":
        return value
    target: Any = request
    parts = where.replace("[", ".[").split(".")
    for i, part in enumerate(parts):
        key: Any = int(part[1:-1]) if part.startswith("[") else part
        if i == len(parts) - 1:
            target[key] = value
        else:
            target = target[key]
    return request


@pytest.mark.parametrize(("where", "value", "path"), BAD_TYPES, ids=[f"{w}={v!r}" for w, v, _ in BAD_TYPES])
def test_bad_types_name_their_path(where: str, value: Any, path: str) -> None:
    request = put(sample_request(), where, value)
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate(request)
    assert raised.value.path == path, raised.value
    assert raised.value.detail


def test_absent_equipment_fields_are_failed_checks_not_errors(request_doc: dict[str, Any]) -> None:
    # SPEC §9: every dossier field but id and establishment may be absent; null reads as absent.
    request_doc["dossiers"][0]["equipment"] = [{"item": None, "quantity": 2}, {"item": "nas"}]
    report = en.evaluate(request_doc)
    failed = [c["rule"] for c in report["dossiers"][0]["checks"] if not c["passed"]]
    assert "grid.known_item" in failed and "grid.quantity" in failed
    lines = report["dossiers"][0]["points"]["lines"]
    assert [(line["item"], line["quantity"]) for line in lines] == [("", 2), ("nas", 0)]


def test_bad_values_of_one_dossier_are_failed_checks_not_errors(request_doc: dict[str, Any]) -> None:
    request_doc["dossiers"][0]["equipment"] = [{"item": "tablet-android", "quantity": -3}]
    report = en.evaluate(request_doc)
    failed = [c["rule"] for c in report["dossiers"][0]["checks"] if not c["passed"]]
    assert "grid.quantity" in failed


def test_quantities_are_python_ints_saturated_to_64_bits(request_doc: dict[str, Any]) -> None:
    # SPEC §9: any integer is a quantity (a wrong one is a failed check); a float never is.
    request_doc["dossiers"][0]["equipment"] = [
        {"item": "tablet-android", "quantity": 10**40},
        {"item": "nas", "quantity": -(10**40)},
        {"item": "macbook", "quantity": -0},
    ]
    report = en.evaluate(request_doc)
    lines = report["dossiers"][0]["points"]["lines"]
    assert [line["quantity"] for line in lines] == [2**63 - 1, -(2**63), 0]
    failed = [c["rule"] for c in report["dossiers"][0]["checks"] if not c["passed"]]
    assert "grid.quantity" in failed and "grid.max_points" in failed


def nested_lists(levels: int) -> list[Any]:
    """A list in a list ... `levels` deep."""
    value: list[Any] = []
    for _ in range(levels - 1):
        value = [value]
    return value


def test_endless_or_deep_values_are_skipped_where_ignored_and_refused_where_read() -> None:
    # An edition document ignores the fields it does not know: whatever they hold is skipped
    # unread, as the JSON reader skips it (a dict that contains itself, lists 20,000 deep).
    def with_notes(notes: Any) -> dict[str, Any]:
        edition = en.Edition.builtin("EN2021").to_dict()
        edition["notes"] = notes
        return {"edition": edition, "as_of": "2022-01-10"}

    plain = en.evaluate(with_notes(None))
    looped = with_notes(None)
    looped["edition"]["notes"] = looped["edition"]
    for request in (looped, with_notes(nested_lists(20_000)), with_notes({1, 2})):
        assert en.evaluate(request) == plain
    # Where a value is read, its type is checked first: a school that holds itself as an offer
    # is refused at that offer, never walked round and round.
    school = {"fase": 1, "name": "x", "offers": [], "implantations": [], "laureate_years": []}
    school["offers"] = [school]
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate({"edition": "EN2021", "as_of": "2022-01-10", "establishments": [school]})
    assert raised.value.path.startswith("establishments[0].offers[0]")


def test_evaluate_json_refuses_malformed_json() -> None:
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate_json("{not json")
    assert raised.value.path == ""
    with pytest.raises(TypeError):
        en.evaluate_json(b"{}")  # type: ignore[arg-type]


# --- evaluate_dossier --------------------------------------------------------------------------


def test_evaluate_dossier_gives_a_typed_read_only_report() -> None:
    r = en.evaluate_dossier(confirmed_dossier("NA-1", 1001), school(1001), datetime.date(2022, 3, 1), lang="en")
    assert isinstance(r, en.DossierReport)
    assert r.stage is en.Stage.CONFIRMED
    assert r.stage == "confirmed"  # type: ignore[comparison-overlap]  # a str enum
    assert r.eligible is True
    assert (r.points.total, r.points.max, r.points.remaining) == (36, 50, 14)
    assert r.points.lines[0] == en.PointsLine(item="tablet-android", lot="tablets", quantity=24, points=24)
    assert r.deadline == datetime.date(2022, 6, 1)
    assert r.carried_over_to is None and r.carried_over_from == ()
    assert r.commitment_ends_on is None
    assert all(isinstance(c, en.Check) for c in r.checks) and not r.failed_checks
    assert all(isinstance(a, en.NextAction) for a in r.next_actions)
    assert r.fingerprint == en.Edition.builtin("EN2021").fingerprint
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.stage = en.Stage.DECLARED  # type: ignore[misc]
    text = repr(r)
    assert "NA-1" in text and "confirmed" in text and "36/50" in text


def test_evaluate_dossier_agrees_with_the_campaign() -> None:
    request = {"edition": "EN2021", "as_of": "2022-03-01", "lang": "de",
               "establishments": [school(1001)], "dossiers": [confirmed_dossier("NA-1", 1001)]}
    campaign = en.evaluate(request)
    single = en.evaluate_dossier(confirmed_dossier("NA-1", 1001), school(1001), "2022-03-01", "EN2021", "de")
    expected = dict(campaign["dossiers"][0])
    expected["fingerprint"] = campaign["fingerprint"]
    assert single.to_dict() == expected
    single.to_dict()["id"] = "changed"
    assert single.id == "NA-1" and single.to_dict()["id"] == "NA-1"


def test_evaluate_dossier_stages_follow_as_of() -> None:
    dossier = confirmed_dossier("NA-1", 1001)
    del dossier["declared_on"]
    early = en.evaluate_dossier(dossier, school(1001), "2021-11-01")
    assert early.stage is en.Stage.NOT_DECLARED
    assert early.next_actions and early.next_actions[0].due == datetime.date(2021, 12, 17)
    late = en.evaluate_dossier(dossier, school(1001), "2022-01-05")
    assert late.stage is en.Stage.INELIGIBLE


def test_evaluate_dossier_takes_an_edition_object_and_more_editions() -> None:
    en2021 = en.Edition.builtin("EN2021")
    doc = en2021.to_dict()
    doc.update(id="EN2022", year=2022, next=None)
    doc["declaration"] = {"opens": "2022-10-01", "closes": "2022-12-16"}
    doc["dossier_deadline"] = "2023-06-01"
    en2022 = en.Edition.from_json(json.dumps(doc))
    dossier = confirmed_dossier("NA-1", 1001)
    del dossier["signed_on"]
    r = en.evaluate_dossier(dossier, school(1001), "2022-07-01", en2021, editions=[en2022])
    assert r.edition == "EN2022" and r.carried_over_from == ("EN2021",)
    assert r.deadline == datetime.date(2023, 6, 1)
    stuck = en.evaluate_dossier(dossier, school(1001), "2022-07-01", en2021)
    assert stuck.stage is en.Stage.CARRIED_OVER and stuck.carried_over_to == "EN2022"


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"dossier": {"id": "X", "establishment": "1001"}}, "dossier.establishment"),
        ({"dossier": {"id": "X", "establishment": 1001, "survey": {"works_needed": 1}}}, "dossier.survey.works_needed"),
        ({"establishment": {"fase": 1001, "offers": [{"level": "x", "kind": "ordinaire"}]}}, "establishment.offers[0].level"),
        ({"as_of": "2022-3-1"}, "as_of"),
        ({"as_of": 5}, "as_of"),
        ({"edition": 2021}, "edition"),
        ({"lang": "it"}, "lang"),
        ({"editions": ["EN2022"]}, "editions[0]"),
    ],
)
def test_evaluate_dossier_errors_name_their_argument(kwargs: dict[str, Any], path: str) -> None:
    args: dict[str, Any] = {"dossier": confirmed_dossier("X", 1001), "establishment": school(1001),
                            "as_of": "2022-03-01"}
    args.update(kwargs)
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate_dossier(**args)
    assert raised.value.path == path


def test_stage_enum_matches_core() -> None:
    assert tuple(s.value for s in en.Stage) == en._native.STAGES


# --- editions ----------------------------------------------------------------------------------


def test_builtin_edition_attributes() -> None:
    e = en.Edition.builtin("EN2021")
    assert "EN2021" in en.Edition.ids()
    assert (e.id, e.year, e.pilot, e.next) == ("EN2021", 2021, True, "EN2022")
    assert (e.declaration_opens, e.declaration_closes) == (datetime.date(2021, 10, 1), datetime.date(2021, 12, 17))
    assert e.dossier_deadline == e.last_day_to_confirm == datetime.date(2022, 6, 1)
    assert e.deadline_inclusive is True
    assert e.excluded_laureate_years == [2017, 2018, 2019, 2020]
    assert e.max_projects_per_establishment == 1 and e.commitment_years == 3
    assert ("secondaire", "promotion_sociale") in e.eligible_offers
    assert e.regions == ["wallonia"]
    assert e.grid.max_points == 50 and len(e.grid) == len(e.grid.lines) == 14
    board = e.grid.line("interactive-board")
    assert board is not None and (board.points, board.lot, board.rated) == (12, "projection", False)
    assert e.grid.line("no-such-item") is None
    assert len(e.fingerprint) == 64
    assert e.provenance["dossier_deadline"] == "seed"
    assert "EN2021" in repr(e) and "2022-06-01" in repr(e)
    assert "interactive-board" in repr(e.grid) and "GridLine" in repr(board)


def test_edition_documents_round_trip() -> None:
    e = en.Edition.builtin("EN2021")
    back = en.Edition.from_json(e.to_json())
    assert back == e and hash(back) == hash(e) and back.fingerprint == e.fingerprint
    doc = e.to_dict()
    doc["deadline_inclusive"] = False
    exclusive = en.Edition.from_json(json.dumps(doc))
    assert exclusive != e
    assert exclusive.last_day_to_confirm == datetime.date(2022, 5, 31)


def test_to_dict_is_the_document_to_json_writes_field_for_field() -> None:
    # Grid lines with and without the optional `provenance`, in both orders: each dict has
    # exactly the fields core writes, in core's order.
    doc = en.Edition.builtin("EN2021").to_dict()
    lines = doc["grid"]["lines"]
    lines[0].pop("provenance", None)
    for line in lines[2:5]:
        line.pop("provenance", None)
    doc["sources"] = {}
    edition = en.Edition.from_json(json.dumps(doc))
    as_dict = edition.to_dict()
    as_json = json.loads(edition.to_json())
    assert as_dict == as_json
    assert json.dumps(as_dict) == json.dumps(as_json)  # same keys in the same order
    assert "provenance" not in as_dict["grid"]["lines"][0]
    assert as_dict["grid"]["lines"][1]["provenance"] == "assumed"


def test_edition_is_read_only() -> None:
    e = en.Edition.builtin("EN2021")
    with pytest.raises(AttributeError):
        e.year = 2030  # type: ignore[misc]


def test_report_fingerprint_is_the_edition_fingerprint(request_doc: dict[str, Any]) -> None:
    assert en.evaluate(request_doc)["fingerprint"] == en.Edition.builtin("EN2021").fingerprint


# --- records -----------------------------------------------------------------------------------


def test_to_records_gives_one_flat_row_per_dossier(request_doc: dict[str, Any]) -> None:
    report = en.evaluate(request_doc)
    records = en.to_records(report)
    assert [r["id"] for r in records] == [d["id"] for d in report["dossiers"]]
    first = records[0]
    assert first["stage"] == "ordered" and first["wave"] == "W1" and first["points_total"] == 36
    assert first["deadline"] == datetime.date(2022, 6, 1)
    assert first["next_actions"].split(";")[0] == "delivery.not_unpacked"
    assert records[2]["checks_failed"] == "eligibility.region"
    for r in records:
        assert all(not isinstance(v, (dict, list, tuple)) for v in r.values())
        assert list(r) == list(records[0])


def test_to_records_reads_dossier_reports_too() -> None:
    single = en.evaluate_dossier(confirmed_dossier("NA-1", 1001), school(1001), "2022-03-01")
    (row,) = en.to_records(single)
    assert row == en.to_records([single])[0] == en.to_records(single.to_dict())[0]
    assert row["stage"] == "confirmed"
    with pytest.raises(TypeError):
        en.to_records([1])  # type: ignore[list-item]


def test_to_records_feeds_pandas(request_doc: dict[str, Any]) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(en.to_records(en.evaluate(request_doc)))
    assert list(frame["id"]) == ["A-1", "B-1", "C-1", "D-1", "E-1"]
    assert int(frame["points_total"].sum()) == 56


# --- pandas' and numpy's values ------------------------------------------------------------------


class NaTType(datetime.datetime):
    """Stands for `pandas.NaT` (a `datetime` subclass that is no instant) without pandas."""

    def utcoffset(self) -> datetime.timedelta:
        raise ValueError("NaTType does not support utcoffset")


NaTType.__module__ = "pandas._libs.tslibs.nattype"


class NAType:
    """Stands for `pandas.NA`."""


NAType.__module__ = "pandas._libs.missing"


class bool_:  # noqa: N801 - numpy's own name
    """Stands for `numpy.bool_` (not a subclass of `bool`)."""

    def __init__(self, value: bool) -> None:
        self.value = value

    def __bool__(self) -> bool:
        return self.value


bool_.__module__ = "numpy"


class Int64:
    """An integer of another library (numpy's `int64`): not an `int`, but has `__index__`."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


def test_pandas_missing_values_read_as_absent() -> None:
    """`DataFrame.to_dict("records")` gives NaN, NaT or NA for an empty cell: absent, as None."""
    nat = NaTType(2000, 1, 1)
    for missing in (float("nan"), nat, NAType()):
        d = confirmed_dossier("NA-1", 1001)
        d["first_contact_on"] = None
        with_missing = confirmed_dossier("NA-1", 1001)
        with_missing["first_contact_on"] = missing
        with_missing["survey"]["works_needed"] = missing
        request = {"edition": "EN2021", "as_of": "2022-03-01", "establishments": [school(1001)]}
        expected = en.evaluate({**request, "dossiers": [d]})
        assert en.evaluate({**request, "dossiers": [with_missing]}) == expected, missing
    # Where a value is required, a missing one is named like None.
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate({"edition": "EN2021", "as_of": float("nan")})
    assert raised.value.path == "as_of"


def test_numpy_integers_and_bools_read_as_python_ones() -> None:
    request = {"edition": "EN2021", "as_of": "2022-03-01", "establishments": [school(1001)]}
    plain = confirmed_dossier("NP-1", 1001)
    foreign = confirmed_dossier("NP-1", 1001)
    foreign["establishment"] = Int64(1001)
    foreign["equipment"][0]["quantity"] = Int64(24)
    foreign["survey"]["connectivity_assessed"] = bool_(True)
    foreign["survey"]["works_needed"] = bool_(False)
    expected = en.evaluate({**request, "dossiers": [plain]})
    assert expected["dossiers"][0]["stage"] == "confirmed"
    assert en.evaluate({**request, "dossiers": [foreign]}) == expected
    (unknown,) = en.evaluate({**request, "dossiers": [{**plain, "establishment": Int64(-1)}]})["dossiers"]
    assert unknown["establishment"] == -1 and unknown["stage"] == "ineligible"
    # Read as the integer it gives: beyond 64 bits, refused as a Python int is.
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate({**request, "dossiers": [{**plain, "establishment": Int64(2**63)}]})
    assert raised.value.path == "dossiers[0].establishment"


class Loop:
    """`__index__` giving itself back: read as an int or refused, never read again."""

    def __index__(self) -> Any:
        return self


class Text:
    def __index__(self) -> Any:
        return "3"


def test_an_index_that_is_not_an_int_is_refused_at_its_place() -> None:
    for odd in (Loop(), Text()):
        with pytest.raises(en.InvalidRequestError) as raised:
            en.evaluate({"edition": "EN2021", "as_of": "2022-01-10", "dossiers": [{"id": "D", "establishment": odd}]})
        assert raised.value.path == "dossiers[0].establishment"
        assert "not an int" in raised.value.detail


def test_real_pandas_frames_when_pandas_is_there() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        [
            {"id": "P-1", "establishment": 1001, "declared_on": pd.NaT, "first_contact_on": None},
            {"id": "P-2", "establishment": 1002, "declared_on": "2021-10-12", "first_contact_on": float("nan")},
        ]
    )
    request = {"edition": "EN2021", "as_of": "2021-11-01", "establishments": [school(1001), school(1002)],
               "dossiers": frame.to_dict("records")}
    stages = [d["stage"] for d in en.evaluate(request)["dossiers"]]
    assert stages == ["not_declared", "declared"]


# --- single dossier: its arguments as in a campaign request -----------------------------------


def test_evaluate_dossier_takes_editions_as_a_campaign_request_does() -> None:
    doc = json.loads(en.Edition.builtin("EN2021").to_json())
    as_object = en.evaluate_dossier(confirmed_dossier("E-1", 1001), school(1001), "2022-03-01")
    as_document = en.evaluate_dossier(confirmed_dossier("E-1", 1001), school(1001), "2022-03-01", doc, None)
    assert as_document == as_object and as_document.stage is en.Stage.CONFIRMED
    en2022 = dict(doc, id="EN2022", year=2022, next=None, dossier_deadline="2023-06-01",
                  declaration={"opens": "2022-10-01", "closes": "2022-12-16"})
    late = confirmed_dossier("E-2", 1001)
    del late["signed_on"]
    moved = en.evaluate_dossier(late, school(1001), "2022-07-01", editions=[en2022])
    assert moved.edition == "EN2022" and moved.carried_over_from == ("EN2021",)
    broken = dict(doc, grid=dict(doc["grid"], max_points=0))
    with pytest.raises(en.InvalidEditionError) as raised:
        en.evaluate_dossier(late, school(1001), "2022-07-01", broken)
    assert raised.value.path == "edition.grid.max_points"
    with pytest.raises(en.InvalidEditionError) as raised:
        en.evaluate_dossier(late, school(1001), "2022-07-01", editions=[en2022, dict(en2022, year="x")])
    assert raised.value.path == "editions[1].year"
    with pytest.raises(en.InvalidRequestError) as not_a_list:
        en.evaluate_dossier(late, school(1001), "2022-07-01", editions=5)  # type: ignore[arg-type]
    assert not_a_list.value.path == "editions"
    for not_editions in ("EN2021", {"id": "EN2022"}):
        with pytest.raises(en.InvalidRequestError) as not_a_list:
            en.evaluate_dossier(late, school(1001), "2022-07-01", editions=not_editions)  # type: ignore[arg-type]
        assert not_a_list.value.path == "editions"
    with pytest.raises(en.UnknownEditionError) as unknown:
        en.evaluate_dossier(dict(late, edition="EN1999"), school(1001), "2022-07-01")
    assert unknown.value.path == "dossier.edition"


def test_a_request_text_that_is_not_unicode_is_an_invalid_request() -> None:
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate_json('{"edition": "EN2021", "as_of": "2022-01-01", "dossiers": [{"id": "\ud800", "establishment": 1}]}')
    assert raised.value.path == ""


def test_a_report_date_beyond_python_s_is_named() -> None:
    """A commitment ending after the year 9999: the dict report keeps it as text; the typed
    report and the records raise a typed error naming it."""
    d = confirmed_dossier("F-1", 1001)
    for field, day in [("cen_approved_on", "9999-01-10"), ("expert_approved_on", "9999-01-12"),
                       ("signed_on", "9999-01-20")]:
        d[field] = day
    d["first_contact_on"], d["survey"]["completed_on"], d["space_opened_on"] = "9998-11-01", "9998-11-15", "9998-12-01"
    d["delivery"] = {"delivered_on": "9999-03-01", "note_signed": True}
    d["reception"] = {"appointment_on": "9999-04-01", "visited_on": "9999-06-01",
                      "team_member_present": True, "equipment_accessible": True}
    # A deadline the year 9999 allows: an edition of its own.
    doc = json.loads(en.Edition.builtin("EN2021").to_json())
    doc.update(next=None, dossier_deadline="9999-12-01")
    request = {"edition": doc, "as_of": "9999-12-31", "establishments": [school(1001)], "dossiers": [d]}
    report = en.evaluate(request)
    assert (report["dossiers"][0]["stage"], report["dossiers"][0]["commitment_ends_on"]) == ("in_project", "+10002-06-01")
    with pytest.raises(en.EcoleNumeriqueError) as raised:
        en.evaluate_dossier(d, school(1001), "9999-12-31", doc)
    assert raised.value.path == "commitment_ends_on" and "+10002-06-01" in raised.value.detail
    with pytest.raises(en.EcoleNumeriqueError) as raised:
        en.to_records(report)
    assert raised.value.path == "dossiers[0].commitment_ends_on"


# --- what a back-office user meets at the edges ----------------------------------------------------


def test_an_edition_pickles_and_copies_as_itself() -> None:
    import pickle

    e = en.Edition.from_json(json.dumps({**en.Edition.builtin("EN2021").to_dict(), "deadline_inclusive": False}))
    back = pickle.loads(pickle.dumps(e))
    assert back == e and back.fingerprint == e.fingerprint and back.last_day_to_confirm == datetime.date(2022, 5, 31)
    assert copy.copy(e) is e and copy.deepcopy(e) is e


def test_evaluate_takes_edition_objects_as_their_documents(request_doc: dict[str, Any]) -> None:
    e = en.Edition.builtin("EN2021")
    en2022 = {**e.to_dict(), "id": "EN2022", "year": 2022, "next": None}
    by_dict = en.evaluate({**request_doc, "edition": e.to_dict(), "editions": [en2022]})
    by_object = en.evaluate(
        {**request_doc, "edition": e, "editions": [en.Edition.from_json(json.dumps(en2022))]}
    )
    assert by_object == by_dict
    assert by_object["fingerprint"] == en.evaluate({**request_doc, "editions": [en2022]})["fingerprint"]


def test_grid_lines_hash_and_grids_iterate() -> None:
    grid = en.Edition.builtin("EN2021").grid
    lines = set(grid)
    assert len(lines) == len(grid) == 14
    assert grid.line("macbook") in lines
    assert [line.id for line in grid] == [line.id for line in grid.lines]
    again = en.Edition.builtin("EN2021").grid
    assert again == grid and hash(again) == hash(grid)


def test_stages_have_no_order() -> None:
    assert en.Stage("confirmed") is en.Stage.CONFIRMED
    for compare in (
        lambda: en.Stage.CONTACTED > en.Stage.DECLARED,
        lambda: en.Stage.CONTACTED <= "declared",
        lambda: sorted([en.Stage.EVALUATED, en.Stage.DECLARED]),
    ):
        with pytest.raises(TypeError, match="no order"):
            compare()


def test_to_records_reads_the_list_of_dossier_reports(request_doc: dict[str, Any]) -> None:
    report = en.evaluate(request_doc)
    assert en.to_records(report["dossiers"]) == en.to_records(report)


@pytest.mark.parametrize(
    ("fase", "words"),
    [
        (10**40, f"`{10**40}`"),
        (-(10**40), f"`{-(10**40)}`"),
        (2**70, f"`{2**70}`"),
        (2**63, f"`{2**63}`"),
        (-(2**63) - 1, f"`{-(2**63) - 1}`"),
    ],
)
def test_a_fase_out_of_range_is_named_as_given(fase: int, words: str) -> None:
    request = {"edition": "EN2021", "as_of": "2022-03-01", "establishments": [{**school(1001), "fase": fase}]}
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate(request)
    assert raised.value.path == "establishments[0].fase"
    assert words in raised.value.detail, raised.value.detail
    assert "a whole number from -9223372036854775808 to 9223372036854775807" in raised.value.detail
    assert "i128" not in raised.value.detail and "i64" not in raised.value.detail


@pytest.mark.parametrize("fase", [-5, 0, 2**32 + 100, 2**63 - 1])
def test_a_dossier_naming_any_other_integer_fails_its_establishment_check(fase: int) -> None:
    dossier = {**confirmed_dossier("D1", 1001), "establishment": fase}
    request = {"edition": "EN2021", "as_of": "2022-03-01", "establishments": [school(1001)], "dossiers": [dossier]}
    (report,) = en.evaluate(request)["dossiers"]
    assert report["establishment"] == fase
    assert report["stage"] == "ineligible"
    (check,) = [c for c in report["checks"] if c["rule"] == "dossier.establishment"]
    assert not check["passed"]
    assert f"FASE {fase} " in check["message"]


def test_error_messages_speak_python() -> None:
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate({"edition": "EN2021", "as_of": None})
    assert raised.value.detail == "invalid type: None, expected a string"
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate({"edition": "EN2021", "as_of": "2022-03-01", "dossiers": {"id": "X"}})
    assert raised.value.detail == "invalid type: dict, expected a list"
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate({"edition": "EN2021", "as_of": "2022-03-01", "dossiers": [{"id": "X", "establishment": 1, 7: 1}]})
    assert "expected a field name" in raised.value.detail
    # The whole document has no place to name.
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate_json("{")
    assert raised.value.path == "" and str(raised.value).startswith("invalid request: ")
    with pytest.raises(en.UnknownEditionError) as unknown:
        en.Edition.builtin("en2021")
    assert str(unknown.value) == "unknown edition `en2021`"


def test_an_array_like_value_is_refused_with_a_hint() -> None:
    class ndarray:  # noqa: N801 - numpy's own name
        """Stands for a numpy array: `__index__` fails unless it holds one integer."""

        def __index__(self) -> int:
            raise TypeError("only integer scalar arrays can be converted to a scalar index")

    ndarray.__module__ = "numpy"
    establishment = {**school(1001), "laureate_years": ndarray()}
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate({"edition": "EN2021", "as_of": "2022-03-01", "establishments": [establishment]})
    assert raised.value.path == "establishments[0].laureate_years"
    assert "unsupported Python type `ndarray`" in raised.value.detail and ".tolist()" in raised.value.detail


def test_a_float_is_named_as_written_and_an_index_error_is_the_objects_own() -> None:
    d = confirmed_dossier("F-1", 1001)
    d["equipment"][0]["quantity"] = 2.0
    request = {"edition": "EN2021", "as_of": "2022-03-01", "establishments": [school(1001)], "dossiers": [d]}
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate(request)
    assert "float `2.0`" in raised.value.detail, raised.value.detail

    class Broken:
        def __index__(self) -> int:
            raise KeyError("the object's own fault")

    d["equipment"][0]["quantity"] = Broken()
    with pytest.raises(en.InvalidRequestError) as raised:
        en.evaluate(request)
    assert "KeyError" in raised.value.detail and "unsupported" not in raised.value.detail


def test_a_grid_contains_its_item_ids() -> None:
    grid = en.Edition.builtin("EN2021").grid
    assert "nas" in grid and "no-such-item" not in grid
    assert grid.line("nas") not in grid  # item ids, not lines
