"""The shipped JSON Schema and the JSON reader agree (issue 15).

Each document of the table is checked against both: the independent
``jsonschema`` validator with the shipped ``rules.schema.json``, and the reader
(``json_form.to_text``, what ``leadrules fmt --from json`` does).  A document the
reader refuses, the schema refuses too, and the reader's error names the JSON
path of the offending member; a document the reader takes, the schema takes.
What a schema cannot say (it depends on the event sources known or on the
segment's block labels) is listed apart, refused by the reader at its path.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import leadrules as lr
from leadrules import json_form
from leadrules.errors import ParseError
from leadrules.parse import parse

ROOT = Path(__file__).resolve().parent.parent
VALIDATOR = jsonschema.Draft202012Validator(json_form.shipped_schema())


def doc(*declarations: dict[str, Any]) -> dict[str, Any]:
    return {"format": "leadrules.rules", "version": 1, "declarations": list(declarations)}


def segment(expr: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"kind": "segment", "name": "s", "title": None,
            "blocks": [{"kind": "block", "label": "1", "expr": expr}], **more}


def field(name: str, test: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "field_test", "field": name, "test": test}


def at_least(value: Any) -> dict[str, Any]:
    return {"kind": "compare", "op": ">=", "value": {"kind": "number", "value": value}}


def equals_text(value: str) -> dict[str, Any]:
    return {"kind": "compare", "op": "=", "value": {"kind": "text", "value": value}}


def lead(*conditions: dict[str, Any], mode: str = "all") -> dict[str, Any]:
    return {"kind": "lead_block", "mode": mode, "conditions": list(conditions)}


def events(source: str = "tracking", conditions: list[Any] | None = None,
           quantifiers: list[Any] | None = None, **more: Any) -> dict[str, Any]:
    return {"kind": "event_block", "source": source, "mode": "all", "conditions": conditions,
            "quantifiers": quantifiers or [{"kind": "any_event"}], **more}


def aggregate(func: str, name: str | None, test: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "aggregate", "func": func, "field": name, "test": test}


def within(amount: Any) -> dict[str, Any]:
    return {"kind": "within", "amount": amount, "unit": "days"}


def after(kind: str, value: str) -> dict[str, Any]:
    return field("created_at", {"kind": "date_point", "op": "after",
                                "value": {"kind": kind, "value": value}})


def grading(steps: str) -> dict[str, Any]:
    return {"kind": "grading", "name": "g", "title": None, "start": None, "criteria": [
        {"kind": "grade_criterion", "condition": EMPLOYEES, "steps": steps}]}


def scoring(**more: Any) -> dict[str, Any]:
    return {"kind": "scoring", "name": "m", "title": None, "extends": None,
            "rules": [{"kind": "score_rule", "label": None, "condition": EMPLOYEES,
                       "points": 1}], **more}


def funnel(**more: Any) -> dict[str, Any]:
    return {"kind": "funnel", "name": "f", "title": None, "stages": [
        {"kind": "stage", "name": "a", "condition": None},
        {"kind": "stage", "name": "b", "condition": None}], **more}


def exclusion(block: dict[str, Any]) -> dict[str, Any]:
    return funnel(ordered_within=within(3), exclusions=[
        {"kind": "exclusion", "block": block, "start": "a", "end": "b"}])


def score_test(test: dict[str, Any]) -> dict[str, Any]:
    return segment({"kind": "score_test", "model": "m", "test": test})


EMPLOYEES = lead(field("employees", at_least(1)))
TEST = "$.declarations[0].blocks[0].expr.conditions[0].test"
FIRST = "$.declarations[0].blocks[0].expr"

# (case, document, the path the reader's error starts with, and a word of its message)
REFUSED: list[tuple[str, dict[str, Any], str, str]] = [
    ("within a negative amount", doc(segment(lead(field("created_at", within(-1))))),
     f"{TEST}.amount", "0 or more"),
    ("older than a negative amount", doc(segment(lead(field("created_at", {
        "kind": "older_than", "amount": -3, "unit": "days"})))), f"{TEST}.amount", "0 or more"),
    ("a negative decay", doc(scoring(decay={"kind": "decay", "amount": -1, "unit": "days"})),
     "$.declarations[0].decay.amount", "0 or more"),
    ("a negative funnel window", doc(funnel(ordered_within=within(-1))),
     "$.declarations[0].ordered_within.amount", "0 or more"),
    ("an any-mode event block without conditions", doc(segment(events(mode="any"))),
     f"{FIRST}.mode", "without conditions"),
    ("SOURCE exists inside lead braces", doc(segment(lead(events()))),
     f"{FIRST}.conditions[0]", "cannot stand inside braces"),
    ("SOURCE exists under not inside braces", doc(segment(lead({"kind": "not", "item": {
        "kind": "or", "items": [EMPLOYEES, events()]}}))),
     f"{FIRST}.conditions[0].item.items[1]", "cannot stand inside braces"),
    ("SOURCE exists inside event braces", doc(segment(events(conditions=[events()]))),
     f"{FIRST}.conditions[0]", "cannot stand inside braces"),
    ("SOURCE exists inside an exclusion's braces", doc(exclusion(events(conditions=[events()]))),
     "$.declarations[0].exclusions[0].block.conditions[0]", "cannot stand inside braces"),
    ("a NUL in a text value", doc(segment(lead(field("title", equals_text("a\x00b"))))),
     f"{TEST}.value.value", "NUL"),
    ("a NUL in a name", doc(segment(lead(field("a\x00b", at_least(1))))),
     f"{FIRST}.conditions[0].field", "NUL"),
    ("a NUL in a title", doc(segment(EMPLOYEES, title="hot\x00")), "$.declarations[0].title",
     "NUL"),
    ("a NUL in a time zone", doc({"kind": "timezone_decl", "name": "UTC\x00"}),
     "$.declarations[0].name", "NUL"),
    ("a lone surrogate in a title", doc(segment(EMPLOYEES, title="a\ud800")),
     "$.declarations[0].title", "surrogate"),
    ("a digit-only segment name", doc({**segment(EMPLOYEES), "name": "123"}),
     "$.declarations[0].name", "digits only"),
    ("a digit-only field", doc(segment(lead(field("2024", at_least(1))))),
     f"{FIRST}.conditions[0].field", "digits only"),
    ("a digit-only source", doc(segment(events(source="7"))), f"{FIRST}.source", "digits only"),
    ("a digit-only per", doc(segment(events(per="1"))), f"{FIRST}.per", "digits only"),
    ("a digit-only source field", doc({"kind": "source_decl", "name": "crm",
                                      "fields": [["10", "text"]]}),
     "$.declarations[0].fields[0][0]", "digits only"),
    ("a block label with a leading zero", doc({**segment(EMPLOYEES), "blocks": [
        {"kind": "block", "label": "007", "expr": EMPLOYEES}]}),
     "$.declarations[0].blocks[0].label", "leading zeros"),
    ("a label reference with a leading zero",
     doc(segment(EMPLOYEES, match={"kind": "label_ref", "label": "01"})),
     "$.declarations[0].match.label", "leading zeros"),
    ("a number out of range", doc(segment(lead(field("employees", at_least(10**400))))),
     f"{TEST}.value.value", "out of range"),
    ("points out of range", doc(scoring(rules=[{"kind": "score_rule", "label": None,
                                                "condition": EMPLOYEES, "points": -10**309}])),
     "$.declarations[0].rules[0].points", "out of range"),
    ("year 0", doc(segment(lead(after("day", "0000-01-01")))), f"{TEST}.value.value",
     "expected a date"),
    ("month 13", doc(segment(lead(after("day", "2026-13-01")))), f"{TEST}.value.value",
     "expected a date"),
    ("30 February", doc(segment(lead(after("day", "2026-02-30")))), f"{TEST}.value.value",
     "expected a date"),
    ("29 February of 1900", doc(segment(lead(after("day", "1900-02-29")))),
     f"{TEST}.value.value", "expected a date"),
    ("a date and a line break", doc(segment(lead(after("day", "2026-01-01\n")))),
     f"{TEST}.value.value", "expected a date"),
    ("hour 24", doc(segment(lead(after("instant", "2026-02-01T24:00")))),
     f"{TEST}.value.value", "expected a date and time"),
    ("an offset of 24 hours", doc(segment(lead(after("instant", "2026-02-01T10:00:00+24:00")))),
     f"{TEST}.value.value", "expected a date and time"),
    ("a fraction over 00", doc(grading("1/00")), "$.declarations[0].criteria[0].steps",
     "fraction"),
    ("count of a field", doc(segment(events(quantifiers=[aggregate("count", "path",
                                                                   at_least(1))]))),
     f"{FIRST}.quantifiers[0].field", "takes no field"),
    ("sum without a field", doc(segment(events(quantifiers=[aggregate("sum", None,
                                                                      at_least(1))]))),
     f"{FIRST}.quantifiers[0].field", "takes a field"),
    ("count distinct without a field", doc(segment(events(quantifiers=[
        aggregate("count distinct", None, at_least(1))]))),
     f"{FIRST}.quantifiers[0].field", "takes a field"),
    ("an aggregate that is true", doc(segment(events(quantifiers=[
        aggregate("count", None, {"kind": "is_true"})]))),
     f"{FIRST}.quantifiers[0].test", "is_true"),
    ("a score that is true", doc(score_test({"kind": "is_true"})), f"{FIRST}.test", "is_true"),
    ("a score that exists", doc(score_test({"kind": "present"})), f"{FIRST}.test", "present"),
    ("a strict funnel without a window", doc(funnel(order="strict")),
     "$.declarations[0].order", "ordered_within"),
    ("an exclusion with a quantifier", doc(exclusion(events(quantifiers=[{"kind": "no_event"}]))),
     "$.declarations[0].exclusions[0].block.quantifiers", "no quantifiers"),
    ("an exclusion with per", doc(exclusion(events(per="session"))),
     "$.declarations[0].exclusions[0].block.per", "per"),
    ("a name with a line break at its end", doc({**segment(EMPLOYEES), "name": "s\n"}),
     "$.declarations[0].name", "line break"),
]

# Documents at the edge that both take.
ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("within 0 days", doc(segment(lead(field("created_at", within(0)))))),
    ("an amount written 3.0", doc(segment(lead(field("created_at", within(3.0)))))),
    ("block label 0", doc({**segment(EMPLOYEES), "blocks": [
        {"kind": "block", "label": "0", "expr": EMPLOYEES}]})),
    ("a score rule label with a leading zero", doc(scoring(rules=[{
        "kind": "score_rule", "label": "007", "condition": EMPLOYEES, "points": 1}]))),
    ("a name with spaces and a keyword name", doc(segment(lead(field(" a b ", at_least(1)),
                                                               field("and", at_least(1)))))),
    ("a name that starts with digits", doc(segment(lead(field("2024q1", at_least(1)))))),
    ("an any-mode event block with empty braces", doc(segment(events(conditions=[],
                                                                     mode="any")))),
    ("an event block that is not bare inside braces (check refuses it, fmt does not)",
     doc(segment(lead(events(quantifiers=[{"kind": "no_event"}]))))),
    ("a field test that exists inside braces", doc(segment(lead(field("tracking", {
        "kind": "present"}))))),
    ("29 February of 2024 and of 2000", doc(segment(lead(after("day", "2024-02-29"),
                                                         after("day", "2000-02-29"))))),
    ("an offset of 23:59", doc(segment(lead(after("instant", "2026-02-01T10:00:00+23:59"))))),
    ("the largest float", doc(segment(lead(field("employees", at_least(1.7976931348623157e308)))))),
    ("a score that does not exist", doc(score_test({"kind": "present", "negated": True}))),
    ("count and sum as they are written", doc(segment(events(quantifiers=[
        aggregate("count", None, at_least(3)), aggregate("sum", "duration", at_least(60)),
        aggregate("last", None, within(7))])))),
    ("text with quotes, tabs and U+2028", doc(segment(lead(field("title", equals_text(
        'a "b" \\ \t \u2028 c')))))),
]

# What JSON Schema cannot say: the reader refuses it, naming the path where the
# text reads back differently (the event sources known, the segment's labels).
READER_ONLY: list[tuple[str, dict[str, Any], str]] = [
    ("a lead field named as an event source, outside braces",
     doc(segment(field("tracking", {"kind": "present"}))), FIRST),
    ("a label name in match with no block of that label",
     doc(segment(EMPLOYEES, match={"kind": "label_ref", "label": "one"})),
     "$.declarations[0].match"),
]


def reader_error(document: dict[str, Any]) -> str | None:
    try:
        json_form.to_text(document, file="ui.json")
    except ParseError as exc:
        d = exc.first
        assert d.file == "ui.json" and d.code == "bad-json-rules"
        return d.message
    return None


@pytest.mark.parametrize(("document", "path", "word"), [c[1:] for c in REFUSED],
                         ids=[c[0] for c in REFUSED])
def test_what_the_reader_refuses_the_schema_refuses(document: dict[str, Any], path: str,
                                                    word: str) -> None:
    message = reader_error(document)
    assert message is not None and message.startswith(f"{path}: "), message
    assert word in message
    assert not VALIDATOR.is_valid(document)


@pytest.mark.parametrize("document", [c[1] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED])
def test_what_the_reader_takes_the_schema_takes(document: dict[str, Any]) -> None:
    assert reader_error(document) is None
    VALIDATOR.validate(document)


@pytest.mark.parametrize(("document", "path"), [c[1:] for c in READER_ONLY],
                         ids=[c[0] for c in READER_ONLY])
def test_what_only_the_reader_can_refuse_is_refused_at_its_path(document: dict[str, Any],
                                                                path: str) -> None:
    message = reader_error(document)
    assert message is not None and message.startswith(f"{path}: "), message
    assert "cannot be written as rules text (its text reads back as" in message
    assert VALIDATOR.is_valid(document)  # documented in docs/json.md


POOL: list[Any] = [
    -1, 0, 2.5, 3.0, "", "0", "007", "123", "a b", "and", "a\x00", "x\n", None, True, "any",
    [], {}, "2024-02-29", "2023-02-29", "1/00", "count", "sum", "count distinct", "strict",
    {"kind": "is_true"}, {"kind": "present"}, {"kind": "present", "negated": True},
    events(), {"kind": "label_ref", "label": "1"}, {"kind": "number", "value": 1},
    {"kind": "no_event"}, "tracking", "employees", 10**400]


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "kind":
                out += _places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _places(value, (*path, i))
    return out


def test_mutated_documents_are_refused_by_both_or_by_neither() -> None:
    # One member of an exported document replaced by an awkward value, 250 times.
    text = (ROOT / "tests" / "spec_examples.rules").read_text(encoding="utf-8")
    good = json.loads(json.dumps(lr.to_json(parse(text))))
    places = [p for p in _places(good) if len(p) > 2]
    rnd = random.Random(15)
    for _ in range(250):
        document = copy.deepcopy(good)
        place = rnd.choice(places)
        node: Any = document
        for key in place[:-1]:
            node = node[key]
        node[place[-1]] = copy.deepcopy(rnd.choice(POOL))
        message = reader_error(document)
        if VALIDATOR.is_valid(document):
            # Only what the schema cannot say (READER_ONLY) may still be refused.
            assert message is None or "its text reads back as" in message, (place, message)
        else:
            assert message is not None, place
