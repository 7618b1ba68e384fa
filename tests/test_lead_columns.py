"""Lead fields beside ids (issue 12 items 1 and 4): ``SegmentRule.leads``,
``Table.with_leads`` and the command line's ``--columns``, ``--bom``, ``--count``.

The oracle is the MemoryStore: every SQL store must give the same rows, read
in one query with the segment's values bound, never pasted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import leadrules as lr
from leadrules import sample
from leadrules.cli import main
from leadrules.errors import UsageError
from leadrules.memory import MemoryStore
from tests.backends import BACKENDS, Backends, session_backends

AS_OF = sample.AS_OF
RULES = lr.load(Path(lr.__file__).parent / "demo.rules")


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


@pytest.fixture(scope="module")
def data() -> MemoryStore:
    generated = sample.generate(150, seed=5)
    return MemoryStore(generated.leads, generated.events)


@pytest.fixture(scope="module")
def stores(backends: Backends, data: MemoryStore) -> dict[str, Any]:
    return backends.load(data)


def expected(data: MemoryStore, columns: list[str]) -> list[tuple[Any, ...]]:
    ids = RULES.segment("hot_leads").select(data, AS_OF)
    return [(i, *((data.lead(i) or {})[c] for c in columns)) for i in ids]


@pytest.mark.parametrize("backend", BACKENDS)
def test_segment_leads_are_one_query_with_bound_values(
        stores: dict[str, Any], data: MemoryStore, backend: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = stores[backend]
    columns = ["email", "name", "company", "created_at", "employees"]
    seen: list[tuple[str, Any]] = []
    fetch = store._fetch

    def counting(sql: str, params: Any) -> Any:
        seen.append((sql, dict(params)))
        return fetch(sql, params)

    monkeypatch.setattr(store, "_fetch", counting)
    table = RULES.segment("hot_leads").leads(store, AS_OF, columns=columns)
    assert table.columns == ("lead_id", *columns)
    assert list(table.rows) == expected(data, columns)
    assert len(table) > 0
    assert len(seen) == 1
    sql, params = seen[0]
    assert params and "2026-" not in sql  # times and counts are bound, not pasted


def test_default_columns_are_every_lead_field(data: MemoryStore) -> None:
    table = RULES.segment("hot_leads").leads(data, AS_OF)
    lead_table = data.schema.table("lead")
    assert lead_table is not None
    assert table.columns == ("lead_id", *(f.name for f in lead_table.fields if f.name != "id"))


def test_unknown_column_is_a_usage_error_with_a_suggestion(data: MemoryStore) -> None:
    with pytest.raises(UsageError) as info:
        RULES.segment("hot_leads").leads(data, AS_OF, columns=["emial"])
    d = info.value.diagnostics[0]
    assert d.message == "no lead field named 'emial'" and d.hint == "did you mean 'email'?"


@pytest.mark.parametrize("backend", BACKENDS)
def test_with_leads_puts_fields_after_lead_id(stores: dict[str, Any], data: MemoryStore,
                                              backend: str) -> None:
    tiers = RULES.tiers("follow_up").assign(data, AS_OF)
    joined = tiers.with_leads(stores[backend], ["email", "company"])
    assert joined.columns == ("lead_id", "email", "company", "tier", "reason")
    for row, base in zip(joined.rows, tiers.rows, strict=True):
        lead = data.lead(row[0]) or {}
        assert row == (base[0], lead["email"], lead["company"], *base[1:])


# -- the command line ---------------------------------------------------------------

@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, data: MemoryStore) -> Path:
    root = tmp_path_factory.mktemp("columns")
    sample.write_csv(sample.generate(150, seed=5), root)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: Any) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


DEMO = Path(lr.__file__).parent / "demo.rules"


def test_segment_columns_csv_json_and_count(capsys: pytest.CaptureFixture[str], folder: Path,
                                            data: MemoryStore) -> None:
    base = ("segment", DEMO, "hot_leads", "--data", folder, "--as-of", AS_OF.isoformat())
    rows = expected(data, ["email", "name", "company"])
    code, out, _ = run(capsys, *base, "--columns", "email,name,company", "--format", "json")
    assert code == 0
    assert json.loads(out) == [dict(zip(("lead_id", "email", "name", "company"), r,
                                        strict=True)) for r in rows]
    code, out, _ = run(capsys, *base, "--columns", "email,name,company")  # a pipe: CSV
    assert out.splitlines()[0] == "lead_id,email,name,company" and len(out.splitlines()) == \
        len(rows) + 1
    code, out, _ = run(capsys, *base, "--count")
    assert (code, out) == (0, f"{len(rows)}\n")
    code, out, _ = run(capsys, *base, "--columns", "email", "--format", "table")
    assert out.endswith(f"{len(rows)} leads in hot_leads\n") and "email" in out


def test_bom_starts_csv_with_the_byte_order_mark(capsys: pytest.CaptureFixture[str],
                                                 folder: Path) -> None:
    base = ("--data", folder, "--as-of", AS_OF.isoformat())
    code, out, _ = run(capsys, "tiers", DEMO, "follow_up", *base, "--bom",
                       "--columns", "company")
    assert code == 0 and out.startswith("\ufefflead_id,company,tier,reason\n")
    assert "東" in out or "株" in out  # Japanese company names, as UTF-8 after the mark
    code, out, _ = run(capsys, "segment", DEMO, "hot_leads", *base, "--bom")
    assert out.startswith("\ufefflead_id\n")
    code, _, err = run(capsys, "segment", DEMO, "hot_leads", *base, "--bom", "--format", "json")
    assert code == 2 and "--bom is for CSV output" in err


def test_bad_columns_exit_2_with_a_suggestion(capsys: pytest.CaptureFixture[str],
                                              folder: Path) -> None:
    base = ("--data", folder, "--as-of", AS_OF.isoformat())
    code, _, err = run(capsys, "tiers", DEMO, "follow_up", *base, "--columns", "email,compny")
    assert code == 2 and "no lead field named 'compny'" in err and "did you mean 'company'" in err
    code, _, err = run(capsys, "segment", DEMO, "hot_leads", *base, "--columns", "email",
                       "--format", "ids")
    assert code == 2 and "--columns needs --format table, csv or json" in err


def test_store_repr_counts_are_singular_for_one() -> None:
    store = MemoryStore([{"id": "L1"}], {"tracking": [
        {"lead_id": "L1", "occurred_at": "2026-01-01T00:00:00Z", "path": "/"}]})
    assert repr(store) == "<MemoryStore: 1 lead, 1 event>"
