"""Results in notebooks (issue 12 item 1): short reprs, HTML with rounded
numbers and percentages, DataFrames (pandas and polars) with grades and tiers
as ordered categoricals, progress bars only when asked or watched."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pytest

import leadrules as lr
from leadrules import ast, display, sample
from leadrules.lists import ListManager
from leadrules.memory import MemoryStore
from leadrules.results import Table
from tests.backends import Backends, session_backends

AS_OF = sample.AS_OF
RULES = lr.load(Path(lr.__file__).parent / "demo.rules")


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    data = sample.generate(120, seed=9)
    return MemoryStore(data.leads, data.events)


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


def test_every_public_object_has_a_short_repr_and_html(store: MemoryStore) -> None:
    lead = RULES.segment("hot_leads").select(store, AS_OF)[0]
    funnel = RULES.funnel("pipeline")
    objects: list[Any] = [
        RULES, RULES.segment("hot_leads"), RULES.scoring("default"), RULES.grading("fit"),
        RULES.tiers("follow_up"), store,
        RULES.scoring("default").score(store, AS_OF),
        RULES.segment("hot_leads").explain(lead, AS_OF, store=store),
        RULES.scoring("default").explain(lead, AS_OF, store=store),
        RULES.grading("fit").explain(lead, AS_OF, store=store),
        RULES.tiers("follow_up").explain(lead, AS_OF, store=store),
        funnel.report(store, AS_OF),
        funnel.report(store, AS_OF, by="industry"),
        funnel.over_time(store, "month", "2026-08-01", AS_OF, progress=False),
        RULES.tiers("follow_up").explain(lead, AS_OF, store=store),
        RULES.segment("hot_leads").over_time(store, "week", "2026-10-01", AS_OF),
        RULES.tiers("follow_up").distribution(store, AS_OF),
    ]
    for obj in objects:
        text = repr(obj)
        assert text.startswith("<") and " at 0x" not in text and len(text) < 200, text
        assert obj._repr_html_().startswith("<")
    assert repr(RULES.segment("hot_leads")) == '<SegmentRule hot_leads "HOTリードリスト">'
    assert repr(RULES.segment("hot_leads").explain(lead, AS_OF, store=store)) == \
        '<Explanation ✓ segment hot_leads "HOTリードリスト" — in the segment>'
    html = RULES.segment("hot_leads")._repr_html_()
    assert "1: tracking { occurred_at within 30 days } count &gt;= 15" in html


def test_html_tables_are_cut_with_a_row_count_and_numbers_rounded() -> None:
    rows = tuple((f"L{i:03d}", i / 3, 1234567) for i in range(45))
    html = Table(("lead_id", "score", "n"), rows)._repr_html_()
    assert html.count("<tr>") == 1 + display.HTML_ROWS
    assert "… 25 more rows (45 rows in all)" in html
    assert ">0.33<" in html and ">1,234,567<" in html and "0.3333" not in html
    assert repr(Table(("lead_id", "score"), rows)) == "<Table: 45 rows × lead_id, score>"
    one = Table(("rate",), ((0.123456,),), rates=("rate",))._repr_html_()
    assert ">12.3%<" in one


def test_funnel_html_has_the_chart_inline_and_rates_as_percentages(store: MemoryStore
                                                                   ) -> None:
    report = RULES.funnel("pipeline").report(store, AS_OF)
    html = report._repr_html_()
    assert html.startswith("<svg") and "</svg><table" in html
    for s in report.stages:
        assert f">{display.rate(s.rate)}<" in html
    table = html.split("</svg>", 1)[1]
    assert not re.search(r">\d+\.\d{3,}<", table)  # no 16-digit floats


def test_frames_of_every_result(store: MemoryStore) -> None:
    lead = RULES.segment("hot_leads").select(store, AS_OF)[0]
    funnel = RULES.funnel("pipeline")
    manager = ListManager(RULES)
    manager.create_dynamic("hot", "hot_leads", at="2026-11-01")
    manager.refresh(store, "2026-11-10")
    manager.refresh(store, AS_OF)
    results: list[Any] = [
        RULES.scoring("default").score(store, AS_OF),
        RULES.segment("hot_leads").leads(store, AS_OF, columns=["email"]),
        funnel.report(store, AS_OF), funnel.report(store, AS_OF, by="industry"),
        funnel.over_time(store, "month", "2026-08-01", AS_OF, progress=False),
        manager.history("hot"),
        RULES.segment("hot_leads").explain(lead, AS_OF, store=store),
        RULES.scoring("default").explain(lead, AS_OF, store=store),
        RULES.grading("fit").explain(lead, AS_OF, store=store),
        RULES.tiers("follow_up").explain(lead, AS_OF, store=store),
        RULES.segment("hot_leads").over_time(store, "week", "2026-10-01", AS_OF),
        RULES.tiers("follow_up").distribution(store, AS_OF),
    ]
    for r in results:
        table = r.to_table() if hasattr(r, "to_table") else r
        frame = r.to_pandas()
        assert isinstance(frame, pd.DataFrame)
        assert list(frame.columns) == list(table.columns) and len(frame) == len(table.rows)
        polars = r.to_polars()
        assert isinstance(polars, pl.DataFrame)
        assert polars.columns == list(table.columns) and polars.height == len(table.rows)
    history = manager.history("hot").to_pandas()
    assert history["entered"].map(len).sum() >= 1


def test_grades_and_tiers_are_ordered_categoricals(store: MemoryStore) -> None:
    grades = RULES.grading("fit").grade(store, AS_OF)
    frame = grades.to_pandas()
    assert frame["grade"].cat.ordered and list(frame["grade"].cat.categories) == list(ast.GRADES)
    best = frame.sort_values("grade", ascending=False)["grade"].iloc[0]
    letters = set(grades.column("grade"))
    assert best == max(letters, key=ast.GRADES.index)
    assert (frame["grade"] > "B").sum() == sum(ast.GRADES.index(g) > ast.GRADES.index("B")
                                               for g in grades.column("grade"))
    tiers = RULES.tiers("follow_up").assign(store, AS_OF)
    names = RULES.tiers("follow_up").tier_names
    assert names == ("hot", "warm", "cold")
    frame = tiers.to_pandas()
    assert frame["tier"].cat.ordered and list(frame["tier"].cat.categories) == list(names)
    polars = tiers.to_polars()
    assert polars.schema["tier"] == pl.Enum(list(names))
    ranked = polars.drop_nulls("tier").sort("tier")["tier"].to_list()
    assert ranked == sorted(ranked, key=names.index)
    # the categories survive with_leads and column selection
    assert tiers.with_leads(store, ["company"]).to_pandas(["lead_id", "tier"])["tier"] \
        .cat.ordered


@pytest.mark.parametrize("backend", ["sqlite", "duckdb", "postgres"])
def test_sql_store_repr_and_html_count_records(backends: Backends, store: MemoryStore,
                                               backend: str) -> None:
    db = backends.load(store)[backend]
    assert repr(db).startswith(f"<{type(db).__name__}") and "lead" in repr(db)
    html = db._repr_html_()
    assert f"<td style=\"text-align:right;padding:2px 8px\">{len(store)}</td>" in html


def test_to_pandas_unknown_column_is_a_usage_error(store: MemoryStore) -> None:
    with pytest.raises(lr.UsageError, match="did you mean 'score'"):
        RULES.scoring("default").score(store, AS_OF).to_pandas(["lead_id", "scor"])


def test_progress_only_when_asked_or_watched(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(display.progress(range(3))) == [0, 1, 2]  # pytest captures: not watched
    assert capsys.readouterr().err == ""
    assert list(display.progress(range(3), enabled=True, desc="work")) == [0, 1, 2]
    assert "work" in capsys.readouterr().err
    assert list(display.progress(range(3), enabled=False)) == [0, 1, 2]
