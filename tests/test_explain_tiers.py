"""``explain`` for tiers: why a lead has its tier (issue 11 item 7).

The explanation walks ``semantics.tier_cases``, the decision list the
evaluator and the SQL stores run; the property test holds the explained tier
and reason to the tier each store assigns, on generated tiers and data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import leadrules as lr
from leadrules import ast
from leadrules.api import Rules
from leadrules.check import check
from leadrules.cli import main
from leadrules.memory import MemoryStore
from tests.backends import BACKENDS, Backends, session_backends
from tests.typed_strategies import AS_OF, data_sets, model_files

EXAMPLES = 7

RULES = """\
scoring ours {
  pricing: tracking { path starts with "/pricing" } => +10 per event
}

grading fit {
  start C
  employees >= 100 => +2
}

tiers follow_up using ours, fit {
  exclude: is_competitor or email not exists
  hot:  score >= 30 and grade >= A-
  warm: score >= 10 or grade >= A-
  cold: otherwise
}

tiers picky using ours {
  hot: score >= 100
}
"""

LEAD = {"id": "L1", "email": "a@example.com", "employees": 50, "is_competitor": False,
        "created_at": "2026-01-01T00:00:00Z"}
EVENTS = {"tracking": [{"occurred_at": "2026-03-01T10:00:00Z", "path": "/pricing"}]}


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(rule_file=model_files(), data=data_sets())
def test_the_explained_tier_is_the_tier_every_store_assigns(
        backends: Backends, rule_file: ast.RuleFile,
        data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]) -> None:
    rules = Rules(check(rule_file))
    memory = MemoryStore(*data)
    stores: dict[str, Any] = {"memory": memory, **backends.load(memory)}
    tiers = rules.tiers("t0")
    for backend in ("memory", *BACKENDS):
        store = stores[backend]
        for lead_id, tier, reason in tiers.assign(store, AS_OF).rows:
            why = tiers.explain(lead_id, AS_OF, store=store)
            assert (why.tier, why.reason) == (tier, reason), (backend, lead_id, why.render())
            # Every case before the deciding one was tried and failed; none after it was.
            held = [c.held for c in why.cases]
            first = held.index(True)
            assert held[:first] == [False] * first
            assert held[first + 1:] == [None] * (len(held) - first - 1)
            assert why.decided_by is why.cases[first]
            json.dumps(why.to_dict())


def test_a_tier_with_the_failed_tiers_above_it() -> None:
    why = lr.parse(RULES).tiers("follow_up").explain(LEAD, AS_OF, events=EVENTS)
    assert (why.tier, why.reason) == ("warm", None)
    assert why.render() == """\
tiers follow_up for L1: warm
  ✗ exclude: is_competitor  — is_competitor is False
  ✗ exclude: email not exists  — email is 'a@example.com'
  ✗ hot: score >= 30 and grade >= A-
    ✗ score >= 30  — score ours is 10
    ✗ grade >= A-  — grade fit is C
  ✓ warm: score >= 10 or grade >= A-
    ✓ score >= 10  — score ours is 10
    ✗ grade >= A-  — grade fit is C
  · cold: otherwise  — not tried"""


def test_the_exclusion_that_applied() -> None:
    lead = {**LEAD, "email": None}
    why = lr.parse(RULES).tiers("follow_up").explain(lead, AS_OF, events=EVENTS)
    assert (why.tier, why.reason) == (None, "email not exists")
    assert why.decided_by.kind == "exclude"
    assert [(c.kind, c.name, c.held) for c in why.cases] == [
        ("exclude", "exclude", False), ("exclude", "exclude", True),
        ("tier", "hot", None), ("tier", "warm", None), ("tier", "cold", None)]
    assert why.render().splitlines()[0] == "tiers follow_up for L1: no tier (email not exists)"


def test_no_tier_matched_and_otherwise() -> None:
    rules = lr.parse(RULES)
    why = rules.tiers("picky").explain(LEAD, AS_OF, events=EVENTS)
    assert (why.tier, why.reason) == (None, "no tier matched")
    assert why.render() == """\
tiers picky for L1: no tier (no tier matched)
  ✗ hot: score >= 100  — score ours is 10
  ✓ no tier: no tier matched"""
    cold = rules.tiers("follow_up").explain(LEAD, AS_OF)  # no events: score 0
    assert cold.tier == "cold"
    assert cold.render().splitlines()[-1] == "  ✓ cold: otherwise"


def test_cli_explain_tiers_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    (tmp_path / "r.rules").write_text(RULES, encoding="utf-8")
    data = tmp_path / "d"
    data.mkdir()
    (data / "lead.csv").write_text(
        "id,email,employees,is_competitor,created_at\n"
        "L1,a@example.com,50,false,2026-01-01T00:00:00Z\n", encoding="utf-8")
    (data / "tracking.csv").write_text(
        "lead_id,occurred_at,path\nL1,2026-03-01T10:00:00Z,/pricing\n", encoding="utf-8")
    args = ["explain", str(tmp_path / "r.rules"), "follow_up", "L1", "--data", str(data),
            "--as-of", AS_OF.isoformat()]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("tiers follow_up for L1: warm\n")
    assert main([*args, "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["tier"], got["reason"], got["lead_id"]) == ("warm", None, "L1")
    assert [c["held"] for c in got["cases"]] == [False, False, False, True, None]
    hot = got["cases"][2]
    assert hot["condition"] == "score >= 30 and grade >= A-"
    assert [c["result"] for c in hot["explanation"]["children"]] == [False, False]
