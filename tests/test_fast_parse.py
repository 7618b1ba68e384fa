"""The parser's fast path (the AST built as lark's tables reduce, lexed in its
own loop) makes exactly the tree the tree path (lark's parse tree, then the
transformer) makes -- every node and every position -- and the tree cache
gives it back unchanged.  Errors are left to the tree path (tests/test_parse.py,
tests/test_syntax_errors.py, tests/test_diagnostics.py)."""

from __future__ import annotations

import importlib
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest

from leadrules import ast

# leadrules.parse is also the name of the function the package exports.
parse_module = importlib.import_module("leadrules.parse")

ROOT = Path(__file__).resolve().parents[1]
TEXTS = {
    "spec examples": (ROOT / "tests" / "spec_examples.rules").read_text(encoding="utf-8"),
    "default.rules": (ROOT / "src" / "leadrules" / "default.rules").read_text(encoding="utf-8"),
    "demo.rules": (ROOT / "src" / "leadrules" / "demo.rules").read_text(encoding="utf-8"),
    "spacing, comments, case and continuations": (
        "# a comment\n\n  SEGMENT  `odd name`  \"Title\"  {\t# trailing\n"
        "  1:\n    lead ANY { company  !=  \"x\" ; status in (\"a\",\n \"b\",) }\n"
        "  2: tracking { path starts with \"/p\" }\n    count >= 2 AND last within 7 days\n"
        "  3: not not (segment other or in list vips)\n"
        "  match 1\n    and (2 or 3)\n}\n"
        "segment other { 1: lead { created_at in last quarter } ; match 1 }\n"
        "scoring s { 1: application => 5 per event, max 10\n  window 30 days }\n"
        "grading g { start C\n  lead { company = \"x\" } => 1/3 }\n"
        "tiers t using s, g { hot: score >= 5 and grade g >= B\n other: otherwise }\n"
        "funnel f \"F\" ordered within 14 days {\n  seen: tracking\n  paid: application\n"
        "  exclude: tracking { path = \"/x\" } between seen and paid\n}\n"),
}


def _deep(x: Any) -> Any:
    """A node as nested tuples of every field, positions included (they take no
    part in the nodes' equality)."""
    if attrs.has(type(x)):
        return (type(x).__name__, *((f.name, _deep(getattr(x, f.name)))
                                    for f in attrs.fields(type(x))))
    if isinstance(x, tuple | list):
        return tuple(_deep(i) for i in x)
    return x


@pytest.mark.parametrize("name", list(TEXTS))
def test_the_fast_path_builds_the_tree_the_tree_path_builds(name: str) -> None:
    text = TEXTS[name]
    fast = parse_module._fast_items(text)  # raises _GiveUp if it cannot
    tree = parse_module._Builder().transform(parse_module._parser().parse(text))
    assert _deep(fast) == _deep(tree)


def test_the_fast_path_counts_lines_from_the_first_line_it_is_given() -> None:
    text = TEXTS["spacing, comments, case and continuations"]
    fast = parse_module._fast_items(text, 41)
    tree = parse_module._Builder().transform(parse_module._parser().parse("\n" * 40 + text))
    assert _deep(fast) == _deep(tree)


def test_the_fast_path_leaves_errors_and_deep_nesting_to_the_tree_path() -> None:
    for text in ('segment s { 1: lead { company != } }\n',  # a syntax error
                 'segment s { 1: lead { n = 1e999 } }\n',  # a fault found while building
                 "segment s { 1: " + "(" * 40 + "x" + ")" * 40 + " }\n"):  # too deep
        with pytest.raises(parse_module._GiveUp):
            parse_module._fast_items(text)


@pytest.mark.parametrize("fast", [False, True])
def test_a_tree_pickles_and_comes_back_with_its_positions(fast: bool) -> None:
    rule_file = parse_module.parse(TEXTS["spec examples"], file="spec.rules")
    pickled = pickle.dumps(rule_file, protocol=pickle.HIGHEST_PROTOCOL) if not fast else None
    if fast:  # as the tree cache writes it: without a memo
        import io
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True
        pickler.dump(rule_file)
        pickled = out.getvalue()
    assert pickled is not None
    back = pickle.loads(pickled)
    assert back == rule_file
    assert _deep(back.declarations) == _deep(rule_file.declarations)
    assert (back.file, back.text, back.comments) == (rule_file.file, rule_file.text,
                                                     rule_file.comments)
    one = ast.IsTrue(pos=ast.Pos(3, 4))  # a node of one field
    assert pickle.loads(pickle.dumps(one)).pos == ast.Pos(3, 4)
