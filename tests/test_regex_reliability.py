"""``matches`` cannot hang, and means Python's ``re.ASCII`` on every store.

The in-memory evaluator and SQLite run RE2 (``leadrules.regex``); the oracle
here is Python's own ``re`` (on texts short enough for it), so the shared
engine is checked against something independent of it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leadrules as lr
from leadrules.check import regex_problem
from leadrules.memory import MemoryStore
from leadrules.regex import compile_pattern, end_problem
from tests.backends import Backends, session_backends
from tests.cases import AS_OF

ROOT = Path(__file__).resolve().parent.parent

# Patterns that backtrack exponentially (or nearly) in Python's re on a text
# that almost matches: ``(a+)+$`` on 31 characters takes minutes there.
CATASTROPHIC = ("(a+)+$", "(a|aa)+$", "(a*)*b", "^(\\w+\\s?)+$", "(a|a?)+c", "(.*a){12}x")
EVIL_TEXT = "a" * 31 + "!"


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _rules(pattern: str) -> lr.Rules:
    return lr.parse(f"segment s {{\n  match company matches {_quoted(pattern)}\n}}")


def _data() -> MemoryStore:
    return MemoryStore([{"id": "evil", "company": EVIL_TEXT}, {"id": "ok", "company": "aaab"},
                        {"id": "x", "company": "a" * 12 + "x"}])


# Each answer computed by Python's re on texts where it is quick: the same
# patterns are catastrophic only on EVIL_TEXT, where none of them matches.
EXPECTED = {p: sorted(i for i, t in (("ok", "aaab"), ("x", "a" * 12 + "x"))
                      if re.search(p, t, re.ASCII)) for p in CATASTROPHIC}


def test_catastrophic_regex_answers_at_once_in_memory_and_on_sqlite() -> None:
    # In a child process, so that a regression (a backtracking engine) fails
    # the test after 60 s instead of hanging the suite.
    script = (
        "import json, sqlite3, time\n"
        "from leadrules.stores import sqlite as lite\n"
        "from leadrules.stores.sqlite import SQLiteStore\n"
        "from tests.test_regex_reliability import CATASTROPHIC, AS_OF, _data, _rules\n"
        "conn = sqlite3.connect(':memory:'); lite.write(conn, _data())\n"
        "stores = {'memory': _data(), 'sqlite': SQLiteStore(conn)}\n"
        "for p in CATASTROPHIC:\n"
        "    for name, store in stores.items():\n"
        "        t = time.perf_counter()\n"
        "        got = sorted(_rules(p).segment('s').select(store, AS_OF))\n"
        "        print(json.dumps([name, p, got, time.perf_counter() - t]))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"})
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(answers) == 2 * len(CATASTROPHIC)
    for store, pattern, got, seconds in answers:
        assert got == EXPECTED[pattern], (store, pattern)
        assert seconds < 1.0, (store, pattern, seconds)


@pytest.mark.parametrize("backend", ["postgres", "duckdb"])
def test_catastrophic_regex_answers_at_once_on_postgres_and_duckdb(backends: Backends,
                                                                  backend: str) -> None:
    store = backends.load(_data())[backend]
    for pattern in CATASTROPHIC:
        started = time.perf_counter()
        got = sorted(_rules(pattern).segment("s").select(store, AS_OF))
        assert got == EXPECTED[pattern], pattern
        assert time.perf_counter() - started < 2.0, pattern


def test_catastrophic_regex_is_linear_in_the_text() -> None:
    pattern = compile_pattern("(a+)+$")
    started = time.perf_counter()
    assert pattern.search("a" * 200_000 + "!") is None
    assert time.perf_counter() - started < 1.0


# ------------------------------------------- RE2 means what Python's re means

_ATOMS = ("a", "b", "x", ".", "\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "\\b", "\\B",
          "[ab]", "[^a]", "[a-c\\d]", "[\\s.]", "[]a]", "\\.", "\\ ", "\\-", "\\n", "\\t",
          "^", "$", "東", "é", "\\{", "a{,2}")
_QUANT = ("", "", "", "*", "+", "?", "*?", "+?", "??", "{2}", "{1,3}", "{0,}", "{,2}", "{2,}?")


def _patterns() -> st.SearchStrategy[str]:
    atom = st.sampled_from(_ATOMS)
    piece = st.tuples(atom, st.sampled_from(_QUANT)).map("".join)
    seq = st.lists(piece, min_size=0, max_size=4).map("".join)
    return st.recursive(seq, lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda ab: f"{ab[0]}|{ab[1]}"),
        st.tuples(inner, st.sampled_from(_QUANT)).map(lambda g: f"({g[0]}){g[1]}"),
        st.tuples(inner, inner).map(lambda ab: f"(?:{ab[0]}){ab[1]}")), max_leaves=6)


_TEXTS = st.text(alphabet=st.sampled_from("ab x.1_-\n\v\t\r{},東é]"), max_size=12)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=_patterns(), texts=st.lists(_TEXTS, min_size=1, max_size=6))
def test_re2_searches_as_python_re_ascii_does(pattern: str, texts: list[str]) -> None:
    if regex_problem(pattern) is not None or end_problem(pattern) is not None:
        return  # check refuses it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        python = re.compile(pattern, re.ASCII)
    ours = compile_pattern(pattern)
    for text in texts:
        if text == "" and "\\B" in pattern:
            continue  # Python's \B never matches an empty text; see docs/reliability.md
        assert (ours.search(text) is not None) == (python.search(text) is not None), text


# Python's $ also matches before a final line break, which the rest of the
# pattern may go on to match; RE2's rewrite of $ consumes it.  Each pattern
# here with a text on which RE2 (memory, SQLite, DuckDB) and Python disagree.
AFTER_END = {"$\\D": "\n", "a$\\s": "a\n", "(y$|\\n){2}": "y\n", "$^": "\n",
             "a$\\b": "a\n", "a$\\n": "a\n", "^(?:a$|\\n){2}$": "a\n", "a$(\\s|b)": "a\n"}
# ... and patterns with a $ that stay allowed, with texts to try them on.
END_OK = ("a$|b", "(a$)", "(a$|b)", "^$", "a$$", "(a$)?", "(?:\\.com|\\.org)$", "($)+",
          "(a|b$){1}", "[$]a", "\\$a", "a\\n$", "\\n$")
END_TEXTS = ("a", "a\n", "\n", "b\n", "\n\n", "a.com\n", "$a", "ab\n\n")


@pytest.mark.parametrize("pattern", sorted(AFTER_END))
def test_check_refuses_what_may_follow_a_final_line_break(pattern: str) -> None:
    text = AFTER_END[pattern]
    # The refusal is real: RE2 (as leadrules rewrites $) and Python disagree.
    assert ((compile_pattern(pattern).search(text) is None)
            != (re.search(pattern, text, re.ASCII) is None))
    with pytest.raises(lr.CheckError) as caught:
        _rules(pattern)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "regex-not-portable"
    assert "can come after the '$'" in diagnostic.message
    assert "not '$\\s'" in (diagnostic.hint or "")


def test_the_caret_points_at_the_dollar_and_what_follows_it() -> None:
    with pytest.raises(lr.CheckError) as caught:
        _rules("xa$\\s")
    rendered = caught.value.render()
    assert "'\\s' can come after the '$' at character 3" in rendered
    line, caret = rendered.splitlines()[1:3]
    # "a$\\s" in the string literal: '$', '\', '\', 's' underlined.
    assert caret.index("^") == line.index('"xa$') + 3 and caret.count("^") == 4


@pytest.mark.parametrize("pattern", END_OK)
def test_a_dollar_at_the_end_means_python_s_on_every_store(backends: Backends,
                                                            pattern: str) -> None:
    assert end_problem(pattern) is None
    data = MemoryStore([{"id": f"t{i}", "company": t} for i, t in enumerate(END_TEXTS)])
    want = sorted(f"t{i}" for i, t in enumerate(END_TEXTS)
                  if re.search(pattern, t, re.ASCII))
    stores: dict[str, Any] = {"memory": data, **backends.load(data)}
    for name, store in stores.items():
        assert sorted(_rules(pattern).segment("s").select(store, AS_OF)) == want, name


@pytest.mark.parametrize(("pattern", "text"), [
    ("a{,2}b", "b"), ("^a{,2}$", "aaa"), ("x{,1}y", "xxy"), ("[{,2}]", ","),
])
def test_an_open_low_bound_means_zero_as_in_python(backends: Backends, pattern: str,
                                                   text: str) -> None:
    want = re.search(pattern, text, re.ASCII) is not None
    assert (compile_pattern(pattern).search(text) is not None) is want
    stores: dict[str, Any] = {"memory": MemoryStore([{"id": "a", "company": text}]),
                              **backends.load(MemoryStore([{"id": "a", "company": text}]))}
    for name, store in stores.items():
        assert (_rules(pattern).segment("s").select(store, AS_OF) == ["a"]) is want, name


# ------------------------------------------------------------- engine limits

# Each refused by PostgreSQL or by RE2 (DuckDB) at run time before `check`
# knew the limits.
OVER_LIMITS = {
    "x{300}": "the repetition count 300 in {300} is over 255, the most PostgreSQL allows",
    "x{2,256}": "the repetition count 256",
    "x{,1001}": "the repetition count 1001",
    "(x{50}){50}": "repetitions nested to 2,500",
    "((ab{10}){10}|c){11}": "repetitions nested to 1,100",
    # PostgreSQL: "regular expression is too complex" (43,626 is the most it takes).
    "a" * 43_627: "43,627 characters once its repetitions are written out, over 10,000",
    "(?:ab{200}){100}": "repetitions nested to 20,000",
    "(?:[a-z]{200}){50}": "repetitions nested to 10,000",
}
AT_LIMITS = ("x{255}", "x{0,255}", "(x{40}){25}", "((x{10}){10}){10}", "a" * 10_000,
             "(?:[a-z]{255}){3}", "(a{20}|b{40}){20}", "\\{300}", "[{]300}")


def _engines_refuse(backends: Backends, pattern: str) -> set[str]:
    from leadrules.regex import translate
    refused = set()
    duck = duckdb.connect()
    for name, run in (("postgres", lambda: backends.pg.execute(
                          "SELECT 'x' ~ %s", (translate(pattern, "postgres"),)).fetchone()),
                      ("duckdb", lambda: duck.execute(
                          "SELECT regexp_matches('x', ?)",
                          [translate(pattern, "duckdb")]).fetchone())):
        try:
            run()
        except Exception:
            refused.add(name)
    return refused


@pytest.mark.parametrize("pattern", sorted(OVER_LIMITS))
def test_regex_limits_check_refuses_what_an_engine_refuses(backends: Backends,
                                                           pattern: str) -> None:
    with pytest.raises(lr.CheckError) as caught:
        _rules(pattern)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "regex-limit"
    assert OVER_LIMITS[pattern] in diagnostic.message
    assert _engines_refuse(backends, pattern), "no engine refuses it: the limit is not real"


@pytest.mark.parametrize("pattern", AT_LIMITS)
def test_regex_limits_admit_what_runs_on_every_store(backends: Backends, pattern: str) -> None:
    text = "x" * 255 + "a" * 10_000 + "{300}"
    want = re.search(pattern, text, re.ASCII) is not None
    data = MemoryStore([{"id": "a", "company": text}])
    stores: dict[str, Any] = {"memory": data, **backends.load(data)}
    for name, store in stores.items():
        assert (_rules(pattern).segment("s").select(store, AS_OF) == ["a"]) is want, name


def test_regex_limits_keep_a_margin_below_postgres_complexity_limit() -> None:
    # PostgreSQL's limit depends on the shape (look-arounds cost more), so
    # check stops at 10,000 written-out characters, a quarter of the plainest.
    with pytest.raises(lr.CheckError, match="10,001 characters"):
        _rules("a" * 10_001)


def test_regex_limits_point_at_the_count() -> None:
    text = 'segment s {\n  match company matches "a\\\\.\\"x{300}"\n}\n'
    with pytest.raises(lr.CheckError) as caught:
        lr.parse(text)
    (diagnostic,) = caught.value.diagnostics
    line = text.splitlines()[1]
    assert diagnostic.line == 2
    assert line[diagnostic.column - 1:].startswith("{300}")
