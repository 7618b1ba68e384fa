"""Scoring, grading, tiers and funnels inside the SQL stores give the in-memory answers.

The SPEC examples (3.2 - 3.5) with the hand-computed numbers of
``tests/test_scoring.py`` and ``tests/test_funnel.py``, on SQLite, PostgreSQL
and DuckDB.  Decayed scores are summed by the database in its own order, so
they are compared with ``math.isclose`` (docs/stores.md); everything else --
undecayed points, caps, grades, tiers, funnel counts -- must be identical,
down to int versus float.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import sqlglot

import leadrules as lr
from leadrules.cli import main
from leadrules.memory import MemoryStore
from leadrules.results import Table
from leadrules.sql.dialects import DIALECTS
from leadrules.stores import duckdb as duck
from leadrules.stores import sqlite as lite
from tests.backends import BACKENDS, Backends, session_backends
from tests.cases import AS_OF, BASE_LEAD, ago
from tests.test_funnel import AS_OF as FUNNEL_AS_OF
from tests.test_funnel import PIPE, pipe_store
from tests.test_scoring import SPEC_SCORING, SPEC_TIERS

MODELS = SPEC_TIERS + """
scoring plain {
  tracking { path starts with "/p" } => +3 per event
  tracking { path = "/careers" } => -5 per event, min -12
  tracking { path = "/" } count >= 3 => +20
  application exists => +7 once
  lead { is_competitor } => -100
  segment engaged and industry = "software" => +15
  window 30 days
}
scoring halves {
  tracking { path = "/" } => +0.5 per event, max 1.5
  mail exists => +2.5 once
}
segment engaged {
  match mail { kind = "click" } exists
}
segment keen {
  match score engagement >= 17.5
}
segment fits {
  match grade fit >= B+
}
segment keen_fits {
  match segment keen or (grade fit >= A- and score plain > 0)
}
funnel pipeline "Lead pipeline" {
  generated:   all
  nurtured:    mail { kind = "open" } exists
  qualified:   segment keen or score engagement >= 100
  opportunity: activity { result = "opportunity" } exists
  won:         status = "won"
}
"""


def visit(lead_id: str, path: str, days: float) -> dict[str, Any]:
    return {"lead_id": lead_id, "path": path, "occurred_at": ago(days=days)}


def _lead(lead_id: str, **fields: Any) -> dict[str, Any]:
    return {**BASE_LEAD, "id": lead_id, **fields}


def model_store() -> MemoryStore:
    """One lead per hand-computed case of tests/test_scoring.py."""
    leads = [
        _lead("decay"),                                   # 10 * (1 + 1/2 + 1/4)
        _lead("once"),                                    # 50 / 2 by the latest form
        _lead("rival", is_competitor=True),               # -100, no decay
        _lead("capped"),                                  # 12 product pages: max 30
        _lead("few"),                                     # 4 product pages: 12
        _lead("future"),                                  # an event after as_of
        _lead("spec"),                                    # 59.25
        _lead("careers"),                                 # plain: -5 * 6, min -12
        _lead("window"),                                  # plain: 29, 30, 31 days ago
        _lead("clicker", department="sales"),             # segment expression: +15
        _lead("hot"),                                     # tiers: hot
        _lead("cold", department=None, title=None),       # tiers: cold
        _lead("anon", email=None),                        # tiers: excluded
        _lead("retail", industry="retail", status="won"),  # grade B-; won
        _lead("low", is_competitor=True, industry=None, employees=None, title=None,
              department=None),                           # grade F (clamped)
        _lead("unborn", created_at=AS_OF + dt.timedelta(days=1)),
    ]
    tracking = [
        *(visit("decay", "/pricing", d) for d in (0, 30, 60)),
        *(visit("capped", "/products/a", 0) for _ in range(12)),
        *(visit("few", "/products/a", 0) for _ in range(4)),
        {"lead_id": "future", "path": "/pricing", "occurred_at": AS_OF + dt.timedelta(seconds=1)},
        visit("spec", "/", 0), visit("spec", "/products/x", 0), visit("spec", "/pricing", 30),
        visit("spec", "/faq", 0),
        *(visit("careers", "/careers", 1) for _ in range(6)),
        *(visit("window", "/p", d) for d in (29, 30, 31)),
        *(visit("hot", "/pricing", 0) for _ in range(5)),
        visit("unborn", "/pricing", 0),
    ]
    application = [
        {"lead_id": "once", "form": "contact", "occurred_at": ago(days=90)},
        {"lead_id": "once", "form": "contact", "occurred_at": ago(days=30)},
        {"lead_id": "spec", "form": "contact", "occurred_at": ago(days=0)},
        {"lead_id": "window", "form": "x", "occurred_at": ago(days=45)},
        {"lead_id": "hot", "form": "contact", "occurred_at": AS_OF},
    ]
    mail = [
        {"lead_id": "spec", "kind": "click", "occurred_at": ago(days=60)},
        {"lead_id": "clicker", "kind": "click", "occurred_at": ago(days=10)},
        {"lead_id": "hot", "kind": "open", "occurred_at": ago(days=2)},
    ]
    activity = [{"lead_id": "retail", "result": "opportunity", "occurred_at": ago(days=3)}]
    return MemoryStore(leads, {"tracking": tracking, "application": application,
                               "mail": mail, "activity": activity})


RULES = lr.parse(MODELS)


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


@pytest.fixture(scope="module")
def scratch() -> Iterator[Backends]:
    """Backends (a PostgreSQL schema of their own) for tests loading small data sets:
    a load replaces the previous one, so ``stores`` must not share them."""
    yield from session_backends()


@pytest.fixture(scope="module")
def memory() -> MemoryStore:
    return model_store()


@pytest.fixture(scope="module")
def stores(backends: Backends, memory: MemoryStore) -> dict[str, Any]:
    return backends.load(memory)


def assert_same_scores(got: Table, want: Table) -> None:
    """Same leads, rules and values; decayed floats within 1e-9, the rest identical."""
    assert got.columns == want.columns
    assert [r[0] for r in got.rows] == [r[0] for r in want.rows]
    for g_row, w_row in zip(got.rows, want.rows, strict=True):
        for g, w in zip(g_row[1:], w_row[1:], strict=True):
            if isinstance(w, int):
                assert (g, type(g)) == (w, int), (g_row, w_row)
            else:
                assert math.isclose(g, w, rel_tol=1e-9, abs_tol=1e-9), (g_row, w_row)


# ------------------------------------------------------------------- scoring


EXPECTED_ENGAGEMENT = {"decay": 17.5, "once": 25.0, "rival": -100, "capped": 30, "few": 12,
                       "future": 0, "spec": 59.25, "hot": 100.0}


@pytest.mark.parametrize("backend", BACKENDS)
def test_spec_scoring_in_store_gives_the_hand_computed_scores(
        stores: dict[str, Any], memory: MemoryStore, backend: str) -> None:
    model = RULES.scoring("engagement")
    got = model.score(stores[backend], AS_OF)
    assert_same_scores(got, model.score(memory, AS_OF))
    scores = dict(zip(got.column("lead_id"), got.column("score"), strict=True))
    assert "unborn" not in scores
    for lead_id, expected in EXPECTED_ENGAGEMENT.items():
        assert math.isclose(scores[lead_id], expected, abs_tol=1e-9), lead_id
    assert got.to_dicts()[got.column("lead_id").index("capped")]["rule 2"] == 30


@pytest.mark.parametrize("backend", BACKENDS)
def test_undecayed_scores_are_exactly_the_in_memory_values(
        stores: dict[str, Any], memory: MemoryStore, backend: str) -> None:
    for name in ("plain", "halves"):
        model = RULES.scoring(name)
        want = model.score(memory, AS_OF)
        got = model.score(stores[backend], AS_OF)
        # Identical rows: values and their types (int stays int, as JSON shows it).
        assert [tuple((v, type(v)) for v in row) for row in got.rows] == \
            [tuple((v, type(v)) for v in row) for row in want.rows]
    table = RULES.scoring("plain").score(stores[backend], AS_OF)
    scores = dict(zip(table.column("lead_id"), table.column("score"), strict=True))
    # min -12 on 6 career pages; window: 2 of 3 pages, the old form is out; a click
    # makes "engaged" (+15 once, undecayed); the competitor's -100.
    assert (scores["careers"], scores["window"], scores["clicker"], scores["rival"]) == \
        (-12, 6, 15, -100)


@pytest.mark.parametrize("backend", BACKENDS)
def test_score_and_grade_conditions_run_in_the_store(
        stores: dict[str, Any], memory: MemoryStore, backend: str) -> None:
    for name in ("keen", "fits", "keen_fits"):
        want = RULES.segment(name).select(memory, AS_OF)
        assert RULES.segment(name).select(stores[backend], AS_OF) == want, name
    assert "decay" in RULES.segment("keen").select(stores[backend], AS_OF)


def test_segments_with_scores_compile_to_one_query_with_ctes(stores: dict[str, Any]) -> None:
    tc = RULES.time_context(AS_OF, None)
    sql = stores["postgres"].sql_for(RULES.program, "keen_fits", tc).render()
    # Models are CTEs; the segments keen_fits names once are compiled in place.
    assert sql.count("score_") >= 2 and "grade_" in sql and "seg_" not in sql
    assert sql.startswith("WITH") and "AS MATERIALIZED" in sql


# ------------------------------------------------------------------- grading


@pytest.mark.parametrize("backend", BACKENDS)
def test_spec_grading_in_store(stores: dict[str, Any], memory: MemoryStore,
                               backend: str) -> None:
    profile = RULES.grading("fit")
    got = profile.grade(stores[backend], AS_OF)
    assert got == profile.grade(memory, AS_OF)
    grades = dict(got.rows)
    assert (grades["decay"], grades["clicker"], grades["retail"], grades["low"]) == \
        ("A-", "B+", "B-", "F")


@pytest.mark.parametrize("backend", BACKENDS)
def test_grade_is_clamped_at_a_plus_in_store(scratch: Backends, backend: str) -> None:
    rules = lr.parse("grading up {\n  start A\n  nurture_target => +1\n}\n"
                     "grading down {\n  start D-\n  nurture_target => -1\n}")
    store = scratch.load(MemoryStore([_lead("a"), _lead("b", nurture_target=None)]))[backend]
    assert rules.grading("up").grade(store, AS_OF).rows == (("a", "A+"), ("b", "A"))
    assert rules.grading("down").grade(store, AS_OF).rows == (("a", "F"), ("b", "D-"))


# --------------------------------------------------------------------- tiers


@pytest.mark.parametrize("backend", BACKENDS)
def test_spec_tiers_in_store(stores: dict[str, Any], memory: MemoryStore, backend: str) -> None:
    tiers = RULES.tiers("follow_up")
    got = tiers.assign(stores[backend], AS_OF)
    assert got == tiers.assign(memory, AS_OF)
    rows = {r["lead_id"]: (r["tier"], r["reason"]) for r in got}
    assert rows["hot"] == ("hot", None)           # 50 + 5 * 10 points, grade A-
    assert rows["clicker"] == ("cold", None)      # 5 * 2**(-1/3) points, grade B+
    assert rows["decay"] == ("warm", None)        # 17.5 points, grade A-
    assert rows["cold"] == ("cold", None)
    assert rows["rival"] == (None, "is_competitor")
    assert rows["anon"] == (None, "email not exists")


@pytest.mark.parametrize("backend", BACKENDS)
def test_tiers_without_otherwise_in_store(scratch: Backends, backend: str) -> None:
    rules = lr.parse(SPEC_SCORING + "tiers t using engagement {\n  hot: score >= 1000\n}")
    store = scratch.load(MemoryStore([BASE_LEAD]))[backend]
    assert rules.tiers("t").assign(store, AS_OF).to_dicts() == [
        {"lead_id": "L1", "tier": None, "reason": "no tier matched"}]


# ------------------------------------------------------------------- funnels


@pytest.mark.parametrize("backend", BACKENDS)
def test_spec_funnel_in_store(stores: dict[str, Any], memory: MemoryStore,
                              backend: str) -> None:
    funnel = RULES.funnel("pipeline")
    got = funnel.report(stores[backend], AS_OF)
    assert got == funnel.report(memory, AS_OF)
    # qualified: keen (score >= 17.5: decay, once, capped, spec, hot) and retail,
    # which reaches it by winning; nurtured: those six (hot opened a mail).
    assert [s.count for s in got.stages] == [15, 6, 6, 1, 1]
    depths = stores[backend].depth_rows(RULES.program, "pipeline",
                                        RULES.time_context(AS_OF, None))
    assert depths == funnel.depths(memory, AS_OF)
    assert sorted(depths.values()).count(4) == 1  # the one lead that won


@pytest.mark.parametrize("backend", BACKENDS)
def test_pipe_funnel_counts_in_store(scratch: Backends, backend: str) -> None:
    store = scratch.load(pipe_store())[backend]
    report = lr.parse(PIPE).funnel("pipe").report(store, FUNNEL_AS_OF)
    assert [s.count for s in report.stages] == [6, 4, 3, 1]
    assert report["engaged"].reached == ("B", "C", "D", "E")


@pytest.mark.parametrize("backend", BACKENDS)
def test_ordered_funnel_on_a_sql_store_reads_one_query_per_stage(
        stores: dict[str, Any], memory: MemoryStore, backend: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    rules = lr.parse("funnel web ordered within 60 days {\n  seen: tracking exists\n"
                     "  applied: application { form = \"contact\" } exists\n}")
    funnel = rules.funnel("web")
    store = stores[backend]
    # The chains are searched in Python over each stage's event times, fetched in
    # one query per stage: never the records of each lead.
    monkeypatch.setattr(store, "events_of", None)
    got = funnel.report(store, AS_OF)
    assert got == funnel.report(memory, AS_OF)
    assert got.stages[0].count > got.stages[1].count > 0


# ---------------------------------------------------------------- leadrules sql


@pytest.fixture()
def models_file(tmp_path: Path) -> Path:
    path = tmp_path / "models.rules"
    path.write_text(MODELS, encoding="utf-8")
    return path


def _sql(path: Path, name: str, dialect: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["sql", str(path), name, "--dialect", dialect,
                 "--as-of", AS_OF.isoformat()]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("name", ["engagement", "fit", "follow_up", "pipeline"])
def test_sql_command_prints_models_in_every_dialect(models_file: Path, name: str, dialect: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    sql = _sql(models_file, name, dialect, capsys)
    tree = sqlglot.parse_one(sql.rstrip().rstrip(";"), read=dialect)
    assert tree.find(sqlglot.exp.Select) is not None


def test_printed_model_sql_runs_and_gives_the_scores_tiers_and_depths(
        models_file: Path, memory: MemoryStore, capsys: pytest.CaptureFixture[str]) -> None:
    want = RULES.scoring("engagement").score(memory, AS_OF)
    conn = sqlite3.connect(":memory:")
    lite.write(conn, memory)
    lite.prepare_connection(conn)
    duck_conn = duckdb.connect()
    duck.write(duck_conn, memory)
    for dialect, run in (("sqlite", conn.execute), ("duckdb", duck_conn.execute)):
        rows = sorted(run(_sql(models_file, "engagement", dialect, capsys)).fetchall())
        assert [r[0] for r in rows] == want.column("lead_id")
        for row, total in zip(rows, want.column("score"), strict=True):
            assert math.isclose(row[-1], total, rel_tol=1e-9, abs_tol=1e-9), dialect
        tiers = sorted(run(_sql(models_file, "follow_up", dialect, capsys)).fetchall())
        assert tuple(tiers) == RULES.tiers("follow_up").assign(memory, AS_OF).rows
        depths = dict(run(_sql(models_file, "pipeline", dialect, capsys)).fetchall())
        assert depths == RULES.funnel("pipeline").depths(memory, AS_OF)


def test_sql_command_suggests_a_name(models_file: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", str(models_file), "engagment", "--dialect", "trino"]) == 2
    assert "did you mean 'engagement'" in capsys.readouterr().err


def test_sql_command_refuses_an_ordered_funnel(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "o.rules"
    path.write_text("funnel web ordered within 7 days {\n  a: tracking exists\n"
                    "  b: application exists\n}", encoding="utf-8")
    assert main(["sql", str(path), "web", "--dialect", "postgres"]) == 2
    err = capsys.readouterr().err
    assert "ordered funnel 'web' has no single SQL query" in err
    assert "leadrules funnel" in err  # what runs it instead


def test_grading_sql_names_the_letter(models_file: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    sql = _sql(models_file, "fit", "postgres", capsys)
    assert "grade_index" in sql and "'A+'" in sql
