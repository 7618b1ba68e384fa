"""A key twice in one JSON object is refused, not silently the last (json_keys)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import leadrules as lr
from leadrules.errors import DataError, ParseError
from leadrules.json_form import loads
from leadrules.json_keys import may_repeat, repeated

KEYS = st.sampled_from(["id", "email", "a", 'q"uote', "é", "", ":", "id "])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 5),
                    st.text(alphabet='a" :\\,{}[]é\t', max_size=6))
SPACE = st.sampled_from(["", " ", "  ", "\t"])


def _twice_by_hook(text: str) -> bool:
    """The oracle: Python's own reader, handed every object's pairs."""
    found: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({k for k, _ in items}) < len(items):
            found.append(True)
        return dict(items)
    json.loads(text, object_pairs_hook=pairs)
    return bool(found)


@st.composite
def objects(draw: st.DrawFn, depth: int = 0) -> str:
    """One JSON object written by hand: keys may repeat, white space anywhere
    JSON allows it, values scalars, lists or (less often) objects."""
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        key = json.dumps(draw(KEYS), ensure_ascii=draw(st.booleans()))
        if depth < 2 and draw(st.integers(0, 4)) == 0:
            value = draw(objects(depth + 1))
        elif draw(st.integers(0, 3)) == 0:
            value = "[" + ",".join(json.dumps(v) for v in draw(st.lists(SCALARS, max_size=3))) + "]"
        else:
            value = json.dumps(draw(SCALARS), ensure_ascii=draw(st.booleans()))
        parts.append(f"{draw(SPACE)}{key}{draw(SPACE)}:{draw(SPACE)}{value}{draw(SPACE)}")
    return "{" + ",".join(parts) + "}"


@settings(max_examples=400, deadline=None)
@given(objects())
def test_repeated_finds_what_python_s_reader_sees(text: str) -> None:
    found = repeated(text)
    assert (found is not None) is _twice_by_hook(text)
    if found is not None:  # the place named holds that key, quoted, a second time
        line = text.split("\n")[found.line - 1]
        quoted, end = json.JSONDecoder().raw_decode(line, found.column - 1)
        assert quoted == found.key
        assert line[end:].lstrip(" \t").startswith(":")


@settings(max_examples=400, deadline=None)
@given(objects())
def test_may_repeat_is_false_only_when_no_key_repeats(text: str) -> None:
    if not may_repeat(text, len(json.loads(text))):
        assert not _twice_by_hook(text)


def test_compact_lines_are_cleared_without_a_scan() -> None:
    line = '{"id":"L1","email":"a@x","tags":["a","b"]}\n'
    assert may_repeat(line, 3) is False
    assert may_repeat('{"id": "L1", "email": "a@x"}\n', 2) is False  # json.dumps's style
    assert may_repeat('{"id" : "L1"}', 1) is True   # a space before the colon: scanned


def test_a_json_lines_record_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    (tmp_path / "lead.jsonl").write_text(
        '{"id": "L1", "email": "a@x"}\n{"id": "L2", "email": "b@x", "email": "c@x"}\n',
        encoding="utf-8")
    with pytest.raises(DataError) as caught:
        lr.open_store(tmp_path)
    (d,) = caught.value.diagnostics
    assert "the key 'email' appears twice in one object" in d.message
    assert (d.line, d.column) == (2, 30)
    assert d.source_line is not None and d.source_line[d.column - 1:].startswith('"email"')


def test_a_rules_document_with_a_key_twice_is_refused() -> None:
    doc = lr.to_json(lr.parse('segment s {\n  1: lead { email exists }\n  match 1\n}\n'))
    text = json.dumps(doc, indent=2)
    assert loads(text) is not None
    bad = text.replace('"name": "s"', '"name": "x",\n      "name": "s"', 1)
    with pytest.raises(ParseError) as caught:
        loads(bad, file="ui.json")
    (d,) = caught.value.diagnostics
    assert d.message == 'the key "name" appears twice in one object'
    assert d.source_line is not None and d.source_line.strip() == '"name": "s",'
    assert d.source_line[d.column - 1:].startswith('"name"')
