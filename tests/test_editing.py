"""What an editor asks of a rules text (leadrules.editing): completion in each context,
on text that need not parse."""

from __future__ import annotations

from typing import Any

import pytest

import leadrules as lr
from leadrules.editing import Document
from leadrules.errors import CheckError
from leadrules.lists import JsonListRepository

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
    # A score always exists: no exists / not exists (check refuses both).
    ("segment s { match score eng ", ["=", "!=", "<", "<=", ">", ">=", "in", "not in",
                                      "between"]),
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


# ------------------------------------------------------------ lead lists


@pytest.fixture()
def state(tmp_path: Any) -> str:
    from leadrules.lists import ListManager, MemoryListRepository
    repo = MemoryListRepository()
    lists = ListManager(None, repo)
    lists.create_static("called")
    lists.add("called", ["L1", "L2"])
    lists.create_static("vip")
    path = tmp_path / "lists.json"
    repo.save(path)
    return str(path)


def at_end(doc: Document) -> list[str]:
    lines = doc.text.split("\n")
    return [c.label for c in doc.completions(len(lines) - 1, len(lines[-1]))]


@pytest.mark.parametrize("typed", ["segment s { 1: in list ", "segment s { 1: not in list ",
                                   "segment s {\n  1: email exists\n  match 1 and not in list ",
                                   "scoring m { in list "])
def test_after_in_list_the_state_s_list_names_are_offered(state: str, typed: str) -> None:
    doc = Document(typed, state=state)
    doc.update(typed)
    assert at_end(doc) == ["called", "vip"]
    doc.update(typed + "v")
    assert at_end(doc) == ["vip"]


def test_without_a_state_nothing_is_offered_after_in_list() -> None:
    text = "segment s { 1: in list "
    doc = Document(text)
    doc.update(text)
    assert at_end(doc) == []  # not the lead's fields


def test_with_a_state_an_unknown_list_is_a_diagnostic_with_the_suggestion(state: str) -> None:
    text = "segment s {\n  1: not in list caled\n}\n"
    doc = Document(text, file="s.rules", state=state)
    found = doc.update(text)
    with pytest.raises(CheckError) as info:
        lr.parse(text, file="s.rules", lists=JsonListRepository(state))
    assert list(found) == list(info.value.diagnostics)
    assert [(d.code, d.line, d.column, d.suggestion) for d in found] == [
        ("unknown-list", 2, 18, "called")]
    assert Document(text).update(text) == ()  # without lists, names are not checked


def test_a_missing_state_is_one_diagnostic_and_is_not_created(tmp_path: Any) -> None:
    text = "segment s {\n  1: in list called\n}\n"
    missing = tmp_path / "nope.json"
    found = Document(text, state=str(missing)).update(text)
    assert [(d.code, d.message) for d in found] == [
        ("usage", f"no such list state file: {missing}")]
    assert not missing.exists()


def test_hover_on_a_list_name_shows_its_kind_and_members(state: str) -> None:
    text = "segment s {\n  1: in list called\n  2: not in list vip\n}\n"
    doc = Document(text, state=state)
    doc.update(text)
    assert doc.hover(1, 15) == "list **called** (static, 2 members)"
    assert doc.hover(2, 19) == "list **vip** (static, 0 members)"
