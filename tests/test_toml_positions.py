"""Where keys and array elements start in a TOML test file (toml_positions.py):
whatever TOML spelling a test file uses, the position found is that of the key."""

from __future__ import annotations

import tomllib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from leadrules.toml_positions import locate, positions

bare_keys = st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True)
quoted_keys = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6)
keys = st.one_of(bare_keys, quoted_keys)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
scalars = st.one_of(texts, st.integers(-10**6, 10**6), st.booleans(),
                    st.floats(allow_nan=False, allow_infinity=False, width=32))
records = st.dictionaries(keys, scalars, max_size=4)


def basic(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif c < " " or c == "\x7f":
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def key_text(key: str) -> str:
    return key if key.replace("_", "a").replace("-", "a").isalnum() and key.isascii() else (
        basic(key))


def value_text(value: Any, literal: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    plain = all(c >= " " and c not in "'\x7f" for c in value)
    if literal and plain:
        return f"'{value}'"
    return basic(value)


def inline(record: dict[str, Any], literal: bool) -> str:
    return "{ " + ", ".join(f"{key_text(k)} = {value_text(v, literal)}"
                            for k, v in record.items()) + " }"


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    """A test file in a mix of spellings, and the tests it holds."""
    tests = draw(st.lists(st.fixed_dictionaries({
        "lead": records, "events": st.lists(records, max_size=3)}), min_size=1, max_size=3))
    lines = ["# a comment [[test]]", "as_of = 2026-11-20T09:00:00Z"]
    for test in tests:
        literal = draw(st.booleans())
        lines.append("[[test]]  # one lead")
        lines.append(f"name = {value_text(draw(texts), literal)}")
        style = draw(st.sampled_from(["inline", "dotted", "table"]))
        events_style = draw(st.sampled_from(["array", "tables"]))
        if style == "inline":
            lines.append(f"lead = {inline(test['lead'], literal)}")
        elif style == "dotted":
            lines.extend(f"lead.{key_text(k)} = {value_text(v, literal)}"
                         for k, v in test["lead"].items())
        if events_style == "array":
            lines.append("events.tracking = [")
            lines.extend(f"  {inline(e, literal)}," for e in test["events"])
            lines.append("]")
        if style == "table":
            lines.append("[test.lead]")
            lines.extend(f"{key_text(k)} = {value_text(v, literal)}"
                         for k, v in test["lead"].items())
        if events_style == "tables":
            for event in test["events"]:
                lines.append("[[test.events.tracking]]")
                lines.extend(f"{key_text(k)} = {value_text(v, literal)}"
                             for k, v in event.items())
    return "\n".join(lines) + "\n", tests


def at(text: str, where: tuple[int, int]) -> str:
    line, column = where
    return text.split("\n")[line - 1][column - 1:]  # TOML lines end at "\n" only


@settings(max_examples=150, deadline=None)
@given(documents())
def test_every_key_is_found_where_it_is_written(doc: tuple[str, list[dict[str, Any]]]
                                               ) -> None:
    text, tests = doc
    parsed = tomllib.loads(text)  # the generator writes valid TOML
    assert [t.get("lead", {}) for t in parsed["test"]] == [t["lead"] for t in tests]
    where = positions(text)
    assert at(text, where[("as_of",)]).startswith("as_of")
    for i, test in enumerate(tests):
        assert at(text, where[("test", i)]).startswith("[[test]]")
        for key in test["lead"]:
            found = at(text, where[("test", i, "lead", key)])
            assert found.startswith(key_text(key)) or found.startswith(
                f"lead.{key_text(key)}"), (key, found)
        for j, event in enumerate(test["events"]):
            assert at(text, where[("test", i, "events", "tracking", j)])[:2] in ("{ ", "[[")
            for key in event:
                found = at(text, where[("test", i, "events", "tracking", j, key)])
                assert found.startswith(key_text(key)), (key, found)


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    where = positions('[[test]]\nexpect.in = ["a"]\n')
    assert locate(where, ("test", 0, "expect", "in", 0)) == (2, 14)
    assert locate(where, ("test", 0, "expect", "score", "m")) == (1, 1)
    assert locate(where, ("nothing",)) is None
