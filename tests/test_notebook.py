"""docs/notebooks/quickstart.ipynb runs (nbclient, a real IPython kernel) and
shows what leadrules computes: the HOT list with its lead columns, tiers and
grades as ordered categoricals, explanations and the funnel with its chart.

The oracle is this process: the same sample evaluated in memory.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

import leadrules as lr
from leadrules import ast, sample
from leadrules.memory import MemoryStore

NOTEBOOK = Path(__file__).parent.parent / "docs" / "notebooks" / "quickstart.ipynb"


@pytest.fixture(scope="module")
def cells(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The executed notebook's code cells by tag."""
    folder = tmp_path_factory.mktemp("notebook")
    shutil.copy(NOTEBOOK, folder / NOTEBOOK.name)
    nb = nbformat.read(folder / NOTEBOOK.name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    out = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
            for tag in cell.metadata.get("tags", []):
                out[tag] = cell
    return out


@pytest.fixture(scope="module")
def oracle() -> tuple[lr.Rules, MemoryStore]:
    data = sample.generate(400)
    return lr.load(Path(lr.__file__).parent / "demo.rules"), MemoryStore(data.leads,
                                                                         data.events)


def result(cell: Any, kind: str = "text/plain") -> str:
    found = [o["data"][kind] for o in cell.outputs
             if o.output_type == "execute_result" and kind in o["data"]]
    assert found, f"no {kind} result in {cell.source!r}"
    return str(found[0])


def test_the_notebook_has_no_unexecuted_outputs_checked_in() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    nbformat.validate(nb)


def test_hot_list_frame_has_the_segment_ids_and_lead_columns(
        cells: dict[str, Any], oracle: tuple[lr.Rules, MemoryStore]) -> None:
    rules, store = oracle
    html = result(cells["hot-list"], "text/html")
    headers = re.findall(r"<th>([a-z_]+)</th>", html)
    assert headers[:4] == ["lead_id", "email", "name", "company"]
    ids = re.findall(r"<td>(L\d{6})</td>", html)
    expected = rules.segment("hot_leads").select(store, sample.AS_OF)
    assert ids == expected and ids
    for lead_id in ids:
        lead = store.lead(lead_id) or {}
        assert str(lead["email"]) in html


def test_tiers_and_grades_are_ordered_categoricals(cells: dict[str, Any]) -> None:
    tier = result(cells["tier-dtype"])
    assert "categories=['hot', 'warm', 'cold'], ordered=True" in tier
    grade = re.sub(r"\s+", "", result(cells["grade-dtype"]))
    letters = re.search(r"categories=\[([^\]]*)\]", grade)
    assert letters is not None and "ordered=True" in grade
    assert letters.group(1).replace("'", "").split(",") == list(ast.GRADES)
    # sorted descending, the best grade is first; sorted by tier, hot is first
    assert re.findall(r"<td>([A-F][+-]?)</td>", result(cells["grades"], "text/html"))[0] \
        in ("A+", "A", "A-")
    assert re.findall(r"<td>(hot|warm|cold)</td>", result(cells["tiers"], "text/html"))[0] \
        == "hot"


def test_tables_explanations_and_funnels_show_as_html(
        cells: dict[str, Any], oracle: tuple[lr.Rules, MemoryStore]) -> None:
    rules, store = oracle
    assert result(cells["rules"]).startswith("<Rules ")
    assert "7 segments" in result(cells["rules"], "text/html")
    assert result(cells["segment"]) == '<SegmentRule hot_leads "HOTリードリスト">'
    assert "records" in result(cells["store"], "text/html")
    scores = result(cells["scores"], "text/html")
    assert "375 more rows (395 rows in all)" in scores
    assert len(result(cells["scores"])) < 200  # a short repr, not every row
    explain = result(cells["explain"], "text/html")
    assert "✓" in explain and "segment hot_leads" in explain
    funnel = result(cells["funnel"], "text/html")
    report = rules.funnel("pipeline").report(store, sample.AS_OF)
    assert funnel.startswith("<svg")
    for stage in report.stages:
        assert f">{stage.name}</text>" in funnel  # the chart's labels
        assert f"{float(stage.rate or 0) * 100:.1f}%" in funnel  # rates as percentages
    assert "<svg" in result(cells["funnel-over-time"], "text/html")
    assert "hot" in result(cells["polars"])


def test_charts_show_inline(cells: dict[str, Any], oracle: tuple[lr.Rules, MemoryStore]
                            ) -> None:
    rules, store = oracle
    target = result(cells["funnel-target"], "image/svg+xml")
    need = rules.funnel("pipeline").report(store, sample.AS_OF).required(won=10)
    for stage, n in need.items():
        assert f"need {n:,}" in target, stage
    dist = result(cells["distribution"], "text/html")
    expected = rules.tiers("follow_up").distribution(store, sample.AS_OF)
    assert dist.startswith("<svg")
    for tier in expected.tier_names:
        assert f">{tier} ({expected.total(tier):,})</text>" in dist
    weekly = result(cells["segment-over-time"], "text/html")
    over = rules.segment("hot_leads").over_time(store, "week", "2026-09-01", sample.AS_OF,
                                                progress=False)
    drawn = re.findall(r'font-size="11" text-anchor="middle" font-weight="normal" '
                       r'fill="#222" dominant-baseline="middle">(\d+)</text>', weekly)
    assert drawn == [str(p.size) for p in over.periods]
    assert over.periods[-1].size == len(rules.segment("hot_leads").select(store, sample.AS_OF))
