"""``in list`` on generated rules, data and list histories (issue 13 item 5).

Hypothesis draws a rule file of typed segments, a small data set and a random
history of two static lists.  Each generated segment ``S`` is combined with
list conditions (``segment S and in list vip``, ``segment S or not in list
dnc`` ...).  Two independent checks:

* the oracle is set algebra: the members of each list at the instant, replayed
  here from the drawn history by hand, intersected / united with what memory
  selects for ``S`` alone — no list compilation involved;
* every SQL store selects what memory selects, the member ids bound as a
  parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadrules import ast
from leadrules.api import Rules
from leadrules.check import check
from leadrules.lists import ListManager, MemoryListRepository
from leadrules.memory import MemoryStore
from tests.backends import BACKENDS, Backends, session_backends
from tests.typed_strategies import AS_OF, data_sets, rule_files

EXAMPLES = 18
UTC = dt.UTC
START = dt.datetime(2025, 1, 1, tzinfo=UTC)
# Changes before, at and after the evaluation instant (a change at AS_OF counts).
WHEN = (START + dt.timedelta(days=1), dt.datetime(2026, 3, 1, tzinfo=UTC),
        AS_OF - dt.timedelta(microseconds=1), AS_OF, AS_OF + dt.timedelta(microseconds=1))
IDS = ("L0", "L1", "L2", "L3", "L4", "ghost")  # "ghost": on a list, not in the data



def _in(name: str) -> ast.Expr:
    return ast.ListRef(name)


def _combinations(s: str) -> dict[str, ast.Segment]:
    """Segments over segment ``s`` and the two lists (as an AST: the typed
    strategies draw some constructs the text form does not spell)."""
    ref = ast.SegmentRef(s)
    return {
        "in_vip": ast.Segment(f"in_vip_{s}", None, (), ast.And((ref, _in("vip")))),
        "or_not_dnc": ast.Segment(f"or_not_dnc_{s}", None, (),
                                  ast.Or((ref, ast.Not(_in("dnc"))))),
        "vip_not_dnc": ast.Segment(
            f"vip_not_dnc_{s}", None,
            (ast.Block("1", _in("vip")), ast.Block("2", ast.Not(_in("dnc"))),
             ast.Block("3", ref)),
            ast.And((ast.Or((ast.LabelRef("1"), ast.LabelRef("3"))), ast.LabelRef("2")))),
    }


# How each combination's answer follows from S, the lists and the living leads.
ORACLES = {
    "in_vip": lambda s, v, d, alive: s & v,
    "or_not_dnc": lambda s, v, d, alive: s | (alive - d),
    "vip_not_dnc": lambda s, v, d, alive: ((v & alive) | s) - d,
}

History = list[tuple[str, str, tuple[str, ...], dt.datetime]]


@st.composite
def histories(draw: st.DrawFn) -> History:
    steps = draw(st.lists(st.tuples(st.sampled_from(("vip", "dnc")),
                                    st.sampled_from(("add", "remove")),
                                    st.lists(st.sampled_from(IDS), min_size=1, max_size=3),
                                    st.sampled_from(WHEN)), max_size=6))
    steps.sort(key=lambda step: step[3])
    return [(name, action, tuple(ids), at) for name, action, ids, at in steps]


def replay(history: History, name: str) -> set[str]:
    """The members of ``name`` at AS_OF, by hand."""
    members: set[str] = set()
    for list_name, action, ids, at in history:
        if list_name == name and at <= AS_OF:
            if action == "add":
                members |= set(ids)
            else:
                members -= set(ids)
    return members


def manager(history: History) -> ListManager:
    lists = ListManager(None, MemoryListRepository())
    for name in ("vip", "dnc"):
        lists.create_static(name, at=START)
    for name, action, ids, at in history:
        if action == "add":
            lists.add(name, ids, at=at)
        else:
            lists.remove(name, ids, at=at)
    return lists


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(rule_file=rule_files(), data=data_sets(), history=histories())
def test_list_conditions_agree_with_set_algebra_and_every_store(
        backends: Backends, rule_file: ast.RuleFile,
        data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]],
        history: History) -> None:
    extra = tuple(seg for base in rule_file.segments
                  for seg in _combinations(base.name).values())
    combined = attrs.evolve(rule_file, declarations=rule_file.declarations + extra)
    rules = Rules(check(combined, lists=("vip", "dnc"))).with_lists(manager(history))
    memory = MemoryStore(*data)
    stores = backends.load(memory)
    vip, dnc = replay(history, "vip"), replay(history, "dnc")
    alive = {lead["id"] for lead in memory.leads()
             if lead.get("created_at") is None or lead["created_at"] <= AS_OF}
    for seg in rule_file.segments:
        base = set(rules.segment(seg.name).select(memory, AS_OF))
        for name, oracle in ORACLES.items():
            segment = rules.segment(f"{name}_{seg.name}")
            want = segment.select(memory, AS_OF)
            assert set(want) == oracle(base, vip, dnc, alive), (name, seg.name)
            for backend in BACKENDS:
                assert segment.select(stores[backend], AS_OF) == want, (backend, name, seg.name)
