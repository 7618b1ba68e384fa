"""What an editor asks of a rules text (leadrules.editing): completion in each context,
on text that need not parse."""

from __future__ import annotations

import pytest

from leadrules.editing import Document

BASE = "scoring eng { email exists => 1 }\ngrading fit { start C }\n"


def completions(text: str) -> list[str]:
    doc = Document(text)
    doc.update(text)
    lines = text.split("\n")
    return [c.label for c in doc.completions(len(lines) - 1, len(lines[-1]))]


@pytest.mark.parametrize(("typed", "expected"), [
    ("", ["field", "funnel", "grading", "scoring", "segment", "source", "tiers", "timezone"]),
    ("tiers t using ", ["eng", "fit", "default"]),
    ("scoring m extends ", ["eng", "m", "default"]),
    ("segment s { 1: tracking count >= 2 per ",
     ["occurred_at", "url", "path", "title", "duration", "session"]),
    ('segment s { 1: tracking { path = "/" } sum ', ["duration"]),
    ('segment s { 1: tracking { path = "/" } min ', ["occurred_at", "duration"]),
    ("segment s { 1: lead { created_at in ", ["this", "last", "next"]),
    ("segment s { 1: lead { created_at in last ", ["month", "quarter", "week", "year"]),
    ("field lead.x ", ["bool", "datetime", "list", "text", "number"]),
    ("source webinar { ", []),
    ("scoring m {\n  email exists => 1\n  decay ", ["half-life"]),
    ("segment s { 1: lead { e", ["email", "employees"]),
    ("segment s { 1: activity any { ty", ["type"]),
    ("segment s { 1: application ", ["all", "any", "count", "exists", "first", "last", "none",
                                      "sum", "avg", "min", "max"]),
])
def test_completion_in_context(typed: str, expected: list[str]) -> None:
    assert sorted(completions(BASE + typed)) == sorted(expected)


def test_braces_of_a_record_offer_no_blocks_or_references() -> None:
    got = completions(BASE + "segment s { 1: tracking any { ")
    assert "path" in got and "not" in got
    assert not {"lead", "segment", "score", "grade", "tracking"} & set(got)


def test_a_tier_body_offers_conditions_and_otherwise() -> None:
    got = completions(BASE + "tiers t using eng, fit {\n  hot: ")
    assert {"otherwise", "score", "grade", "email", "tracking", "not"} <= set(got)


def test_a_broken_line_above_does_not_stop_completion() -> None:
    got = completions(BASE + "segment s {\n  1: lead { x == }\n  2: lead { employees ")
    assert "between" in got and "contains" not in got


def test_declarations_of_a_broken_file_still_give_fields() -> None:
    got = completions("field lead.renewal datetime\nsegment s {\n  1: x ==\n"
                      "  2: lead { renewal ")
    assert "within" in got and "contains" not in got


@pytest.mark.parametrize(("text", "needle", "target"), [
    (BASE + "segment s { 1: grade fit >= B }\n", "grade fit", (1, 8)),
    (BASE + "tiers t using eng, fit { hot: otherwise }\n", "using eng", (0, 8)),
    (BASE + "tiers t using eng, fit { hot: otherwise }\n", ", fit", (1, 8)),
    (BASE + "scoring m extends eng { email exists => 2 }\n", "extends eng", (0, 8)),
])
def test_definition_of_a_reference(text: str, needle: str, target: tuple[int, int]) -> None:
    doc = Document(text)
    at = text.index(needle) + len(needle)
    line = text.count("\n", 0, at)
    column = at - (text.rfind("\n", 0, at) + 1)
    found = doc.definition(line, column)
    assert found is not None and found.file is None
    assert (found.line, found.column) == target


def test_hover_on_a_source_lists_its_fields() -> None:
    text = "source webinar { minutes number }\nsegment s { 1: webinar exists }\n"
    doc = Document(text)
    doc.update(text)
    assert doc.hover(1, 17) == ("source **webinar**: lead_id text, occurred_at datetime, "
                                "minutes number")
