"""Rules files far larger than people write by hand, on every back end.

Long chains of segment references, diamonds (each segment using the previous
one twice), a 20,000-way ``or`` and files of thousands of declarations must
give the answer an independent oracle computes, on memory, SQLite, PostgreSQL
and DuckDB -- not a recursion error, an exponential blow-up or an engine's
expression-depth limit (SQLite: 1,000 levels, 65,535 references to a table).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from collections.abc import Iterator
from typing import Any

import pytest

import leadrules as lr
from leadrules.memory import MemoryStore
from leadrules.stores.sqlite import SQLiteStore
from tests.backends import BACKENDS, Backends, session_backends

# leadrules.parse is also the name of the function the package exports.
parse_module = importlib.import_module("leadrules.parse")

AS_OF = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
COMPANIES = ["x3", "X7", "y5", "acme", None, "c19999", "C123", "c20000", "x400"]


def _leads() -> MemoryStore:
    leads = [{"id": f"L{i}", "company": company, "status": "lost" if i == 2 else "open",
              "created_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}
             for i, company in enumerate(COMPANIES)]
    return MemoryStore(leads)


def _chain(n: int) -> str:
    out = ['segment s0 {\n  1: lead { status != "lost" }\n  match 1\n}']
    out += [f'segment s{i} {{\n  1: segment s{i - 1}\n  2: lead {{ company != "x{i}" }}\n'
            "  match 1 and 2\n}" for i in range(1, n)]
    return "\n".join(out) + "\n"


def _diamond(n: int) -> str:
    out = ['segment d0 {\n  1: lead { status != "lost" }\n  match 1\n}']
    out += [f'segment d{i} {{\n  1: segment d{i - 1}\n  2: lead {{ company != "x{i}" }}\n'
            f'  3: lead {{ company = "y{i}" }}\n  match (1 and 2) or (1 and 3)\n}}'
            for i in range(1, n)]
    return "\n".join(out) + "\n"


def _oracle_chain(n: int) -> list[str]:
    """s{n-1} (and d{n-1}): not lost, and the company is none of x1 … x{n-1}
    (case-insensitive; a missing company passes every `!=`).  In the diamond,
    `y{i}` also passes step i, which changes nothing: it is never `x{i}`."""
    out = []
    for i, company in enumerate(COMPANIES):
        if i == 2:
            continue
        c = (company or "").lower()
        if c.startswith("x") and c[1:].isdigit() and 1 <= int(c[1:]) < n:
            continue
        out.append(f"L{i}")
    return sorted(out)


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


@pytest.fixture(scope="module")
def stores(backends: Backends) -> dict[str, Any]:
    data = _leads()
    return {"memory": data, **backends.load(data)}


ALL = ("memory", *BACKENDS)


@functools.cache
def _parsed(text: str) -> lr.Rules:
    """A big file parsed once for every back end that runs it (each parse of the
    20,000-way file takes seconds)."""
    return lr.parse(text)


@pytest.mark.parametrize("backend", ALL)
def test_a_chain_of_500_segments(stores: dict[str, Any], backend: str) -> None:
    rules = _parsed(_chain(500))
    assert rules.segment("s499").select(stores[backend], AS_OF) == _oracle_chain(500)
    assert rules.segment("s5").select(stores[backend], AS_OF) == _oracle_chain(6)


@pytest.mark.parametrize("backend", ALL)
def test_a_diamond_of_40_segments_each_using_the_previous_twice(
        stores: dict[str, Any], backend: str) -> None:
    rules = _parsed(_diamond(40))
    assert rules.segment("d39").select(stores[backend], AS_OF) == _oracle_chain(40)


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_a_chain_of_3000_segments(stores: dict[str, Any], backend: str) -> None:
    rules = _parsed(_chain(3000))
    assert rules.segment("s2999").select(stores[backend], AS_OF) == _oracle_chain(3000)
    lead = stores["memory"].lead("L3")  # acme: in every segment of the chain
    assert rules.segment("s2999").matches(lead, as_of=AS_OF) is True


@pytest.mark.parametrize("backend", ALL)
def test_a_20000_way_or_of_literals(stores: dict[str, Any], backend: str) -> None:
    values = " or ".join(f'company = "c{i}"' for i in range(20000))
    others = " and ".join(f'company != "c{i}"' for i in range(20000))
    rules = _parsed(f"segment big {{\n  1: lead {{ {values} }}\n  match 1\n}}\n"
                     f"segment none {{\n  1: lead {{ {others} }}\n  match 1\n}}\n")
    wanted = {i for i, c in enumerate(COMPANIES)
              if c and c.lower().startswith("c") and c[1:].isdigit() and int(c[1:]) < 20000}
    assert rules.segment("big").select(stores[backend], AS_OF) == sorted(
        f"L{i}" for i in wanted)
    assert rules.segment("none").select(stores[backend], AS_OF) == sorted(
        f"L{i}" for i in range(len(COMPANIES)) if i not in wanted)


MERGED = """
segment eq_or {
  1: lead { company = "ACME" or company = "x3" or status = "lost" or company = "nope" }
  match 1
}
segment ne_and {
  1: lead { company != "acme"; company != "X3" }
  match 1
}
segment mixed {
  1: lead { company in ("y5", "c123") or company = "acme" }
  match 1
}
"""


@pytest.mark.parametrize("backend", ALL)
def test_folded_equalities_keep_case_and_missing_values(
        stores: dict[str, Any], backend: str) -> None:
    # Written by hand from COMPANIES: text is case-insensitive; a missing
    # company (L4) fails every `=` and passes every `!=`.
    rules = _parsed(MERGED)
    store = stores[backend]
    assert rules.segment("eq_or").select(store, AS_OF) == ["L0", "L2", "L3"]
    assert rules.segment("ne_and").select(store, AS_OF) == ["L1", "L2", "L4", "L5", "L6",
                                                             "L7", "L8"]
    assert rules.segment("mixed").select(store, AS_OF) == ["L2", "L3", "L6"]


def test_one_declaration_of_many_compiles_what_it_needs() -> None:
    text = _chain(30) + "".join(
        f'segment other{i} {{\n  1: lead {{ company = "o{i}" }}\n  match 1\n}}\n'
        for i in range(200))
    rules = _parsed(text)
    only = rules.program.only("segment", "s3")
    assert [s.name for s in only.segments] == ["s0", "s1", "s2", "s3"]
    assert only.order == (("segment", "s0"), ("segment", "s1"), ("segment", "s2"),
                          ("segment", "s3"))
    assert rules.segment("s3").select(_leads(), AS_OF) == _oracle_chain(4)
    # s0 … s2 are each named once: compiled inside s3's function, as one `and`.
    assert list(rules.functions(rules.time_context(AS_OF, None),
                                ("segment", "s3")).segments) == ["s3"]
    source = rules._roots[("segment", "s3")].source
    assert "def _seg3(" in source and "def _seg2(" not in source


def test_sqlite_stages_the_ctes_of_a_diamond(stores: dict[str, Any]) -> None:
    store = stores["sqlite"]
    assert isinstance(store, SQLiteStore)
    rules = _parsed(_diamond(20))
    tc = rules.time_context(AS_OF, None)
    query = store.sql_for(rules.program, "d19", tc)
    assert len(query.ctes) == 19 and "AS MATERIALIZED" in query.render()
    # Each CTE and the query without them run on their own.
    assert "WITH" not in query.staged().render()
    assert rules.segment("d19").select(store, AS_OF) == _oracle_chain(20)
    # Nothing is left behind in the connection.
    left = store._conn.execute("SELECT name FROM temp.sqlite_master").fetchall()
    assert left == []


def test_a_long_file_parses_in_parts_as_it_does_whole(monkeypatch: pytest.MonkeyPatch
                                                      ) -> None:
    text = "# a comment\n" + _chain(300) + _diamond(50)
    whole = lr.parse(text).program.file
    monkeypatch.setattr(parse_module, "_PART_SIZE", 2000)
    parts = lr.parse(text).program.file
    assert parts.declarations == whole.declarations
    assert parts.comments == whole.comments
    # A mistake in a late part is reported as the whole-text parse reports it.
    broken = text.replace('2: lead { company != "x250" }', '2: lead { company != }')
    with pytest.raises(lr.ParseError) as in_parts:
        lr.parse(broken)
    monkeypatch.setattr(parse_module, "_PART_SIZE", 10**9)
    with pytest.raises(lr.ParseError) as at_once:
        lr.parse(broken)
    assert str(in_parts.value) == str(at_once.value)
    assert "line" in str(at_once.value) or at_once.value.diagnostics[0].line


def _alternating(n: int) -> str:
    out = ['segment s0 {\n  1: lead { status != "lost" }\n  match 1\n}']
    for i in range(1, n):
        test, join = ((f'company = "y{i}"', "or") if i % 2 else (f'company != "x{i}"', "and"))
        out.append(f"segment s{i} {{\n  1: segment s{i - 1}\n  2: lead {{ {test} }}\n"
                   f"  match 1 {join} 2\n}}")
    return "\n".join(out) + "\n"


def _oracle_alternating(n: int) -> list[str]:
    out = []
    for k, company in enumerate(COMPANIES):
        c = (company or "").lower()
        holds = k != 2
        for i in range(1, n):
            holds = (holds or c == f"y{i}") if i % 2 else (holds and c != f"x{i}")
        if holds:
            out.append(f"L{k}")
    return sorted(out)


@pytest.mark.parametrize("backend", ALL)
def test_a_chain_whose_connectives_alternate(stores: dict[str, Any], backend: str) -> None:
    # Inlined in place, 300 levels of and-inside-or would nest past Python's
    # parser (and SQLite's depth); past 16 levels the segments are calls / CTEs.
    rules = _parsed(_alternating(300))
    assert rules.segment("s299").select(stores[backend], AS_OF) == _oracle_alternating(300)


def test_a_deep_chain_leaves_the_recursion_limit_as_it_was() -> None:
    import sys
    before = sys.getrecursionlimit()
    rules = lr.parse(_chain(3000))
    assert rules.segment("s2999").select(_leads(), AS_OF) == _oracle_chain(3000)
    assert sys.getrecursionlimit() == before
