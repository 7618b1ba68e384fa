"""The TextMate grammar for editors (editors/leadrules.tmLanguage.json): valid, and
its keyword lists are the grammar's keywords."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from leadrules.parse import _parser
from leadrules.syntax_errors import keyword_words

GRAMMAR = Path(__file__).parents[1] / "editors" / "leadrules.tmLanguage.json"
KEYWORD_SCOPES = ("keyword.declaration", "keyword.operator.logical", "keyword.operator.word",
                  "support.function.quantifier", "keyword.control", "constant.language",
                  "storage.type")


def tm() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GRAMMAR.read_text(encoding="utf-8"))
    return data


def keyword_rules() -> dict[str, list[str]]:
    """Repository entry -> the words of its `(?:a|b|…)` keyword pattern."""
    out = {}
    for key, rule in tm()["repository"].items():
        if "name" in rule and rule["name"].startswith(KEYWORD_SCOPES):
            m = re.search(r"\(\?:([\w|-]+)\)", rule["match"])
            assert m, key
            out[key] = m.group(1).split("|")
    return out


def test_it_is_a_textmate_grammar() -> None:
    data = tm()
    assert data["scopeName"] == "source.leadrules" and data["fileTypes"] == ["rules"]
    repository = data["repository"]
    for include in data["patterns"]:
        assert include["include"].removeprefix("#") in repository
    for rule in repository.values():
        for key in ("match", "begin", "end"):
            if key in rule:
                re.compile(rule[key])


def test_its_keywords_are_the_grammars() -> None:
    grammar = {w for t in _parser().terminals for w in keyword_words(t)}
    listed = [w for words in keyword_rules().values() for w in words]
    assert len(listed) == len(set(listed)), "a word in two scopes"
    assert set(listed) == grammar


@pytest.mark.parametrize(("text", "scope", "found"), [
    ("within 30 days", "units", ["days"]),
    ("within 30 dayz", "units", []),
    ("lead { days_open > 3 }", "units", []),
    ("decay half-life 7 days", "structure", ["decay", "half-life"]),
    ("x = 1 AND y", "logic", ["AND"]),
    ("`score` = 1", "structure", []),
])
def test_keywords_match_whole_words(text: str, scope: str, found: list[str]) -> None:
    pattern = tm()["repository"][scope]["match"]
    assert re.findall(pattern, text) == found
