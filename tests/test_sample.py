"""The sample data generator: deterministic, schema-shaped, realistic and messy."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from leadrules.sample import AS_OF, SampleData, generate, write_csv, write_jsonl
from leadrules.schema import DEFAULT_SCHEMA, FieldType, Table

SOURCES = ("tracking", "application", "activity", "mail")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _load_hand_written() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "hand_written.py"
    spec = importlib.util.spec_from_file_location("hand_written", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data() -> SampleData:
    return generate()


def _is_typed(value: Any, kind: FieldType) -> bool:
    if value is None:
        return True
    if kind is FieldType.TEXT:
        return isinstance(value, str) and value != ""
    if kind is FieldType.NUMBER:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is FieldType.BOOL:
        return isinstance(value, bool)
    if kind is FieldType.DATETIME:
        return isinstance(value, datetime) and value.tzinfo is UTC
    return (isinstance(value, tuple) and len(value) > 0
            and all(isinstance(v, str) and v for v in value))


def _assert_shaped(table: Table, rows: list[dict[str, Any]]) -> None:
    names = set(table.field_names)
    for row in rows:
        assert set(row) == names, (table.name, row)
        for f in table.fields:
            assert _is_typed(row[f.name], f.type), (table.name, f.name, row[f.name])


def test_same_seed_gives_the_same_data() -> None:
    a, b = generate(60, seed=3), generate(60, seed=3)
    assert a.leads == b.leads
    assert a.events == b.events
    assert generate(60, seed=4).leads != a.leads


def test_every_record_has_exactly_the_schema_fields_with_typed_values(data: SampleData) -> None:
    _assert_shaped(DEFAULT_SCHEMA.lead, data.leads)
    assert set(data.events) == set(SOURCES)
    for source in DEFAULT_SCHEMA.sources:
        rows = data.events[source.name]
        assert rows, source.name
        _assert_shaped(source, rows)
        assert all(r["lead_id"] is not None and r["occurred_at"] is not None for r in rows)


def test_events_belong_to_known_leads_in_time_order(data: SampleData) -> None:
    ids = {lead["id"] for lead in data.leads}
    assert len(ids) == len(data.leads)
    for rows in data.events.values():
        last: dict[str, datetime] = {}
        for row in rows:
            assert row["lead_id"] in ids
            assert row["occurred_at"] >= last.get(row["lead_id"], row["occurred_at"])
            last[row["lead_id"]] = row["occurred_at"]


def test_some_leads_and_events_do_not_exist_yet_as_of(data: SampleData) -> None:
    assert data.as_of == AS_OF
    assert any(lead["created_at"] is not None and lead["created_at"] > AS_OF
               for lead in data.leads)
    for source in SOURCES:
        assert any(e["occurred_at"] > AS_OF for e in data.events[source]), source


def test_data_is_messy_like_a_real_export(data: SampleData) -> None:
    def values(field: str) -> set[Any]:
        return {lead[field] for lead in data.leads}

    industries = {v for v in values("industry") if v}
    assert {"Software", "software"} <= industries
    assert "製造業" in industries and "manufacturing" in industries
    assert any(JAPANESE.search(v) for v in values("name") if v)
    assert any(not JAPANESE.search(v) for v in values("name") if v)
    assert {"部長", "Manager", "manager", "Marketing Manager"} <= values("title")
    assert {"business_card", "exhibition", "seminar", "telemarketing", "web_form"} <= (
        values("lead_source"))
    assert {"open", "nurturing", "opportunity", "won", "lost"} <= values("status")
    for field in ("email", "employees", "age", "title", "industry"):
        missing = sum(lead[field] is None for lead in data.leads) / len(data.leads)
        assert 0.05 <= missing <= 0.25, (field, missing)
    tags = {t for lead in data.leads for t in lead["tags"] or ()}
    assert {"vip", "VIP-candidate", "newsletter"} <= tags
    assert any(lead["is_competitor"] for lead in data.leads)
    assert any(lead["unsubscribed"] for lead in data.leads)


def test_events_look_like_marketing_data(data: SampleData) -> None:
    tracking = data.events["tracking"]
    paths = {e["path"] for e in tracking}
    assert {"/", "/pricing", "/faq", "/careers"} <= paths
    assert any(p.startswith("/products/") for p in paths)
    assert any(p.startswith("/blog/") for p in paths)
    assert len({e["session"] for e in tracking}) < len(tracking) / 2
    assert any(e["duration"] is None for e in tracking)
    assert {e["form"] for e in data.events["application"]} == {
        "contact", "document_request", "seminar", "whitepaper", "trial"}
    assert {e["type"] for e in data.events["activity"]} == {
        "email", "phone", "visit", "web_meeting"}
    assert {e["kind"] for e in data.events["mail"]} >= {"sent", "open", "click"}


def test_hot_leads_are_a_handful_at_the_default_size(data: SampleData) -> None:
    hand_written = _load_hand_written()
    by_lead = hand_written.group_events_by_lead(data.events)
    hot = hand_written.hot_leads(data.leads, by_lead, AS_OF)
    assert 0.01 * len(data.leads) <= len(hot) <= 0.05 * len(data.leads)
    assert hot == sorted(hot)


def test_no_events_when_asked_for_none() -> None:
    sample = generate(30, events_per_lead=0)
    assert len(sample.leads) == 30
    assert sample.event_count == 0


def _parse_csv_value(text: str, kind: FieldType) -> Any:
    if text == "":
        return None
    if kind is FieldType.NUMBER:
        return float(text) if "." in text else int(text)
    if kind is FieldType.BOOL:
        assert text in ("true", "false")
        return text == "true"
    if kind is FieldType.DATETIME:
        return _parse_instant(text)
    if kind is FieldType.TEXT_LIST:
        return tuple(text.split("|"))
    return text


def _parse_instant(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def test_write_csv_writes_spec_files_that_read_back_the_same(tmp_path: Path) -> None:
    sample = generate(80, seed=5)
    written = write_csv(sample, tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{t.name}.csv" for t in DEFAULT_SCHEMA.tables)
    stamps: list[str] = []
    for table in DEFAULT_SCHEMA.tables:
        with (tmp_path / f"{table.name}.csv").open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            assert next(reader) == list(table.field_names)
            rows = list(reader)
        original = sample.leads if table.name == "lead" else sample.events[table.name]
        assert len(rows) == len(original)
        for cells, row in zip(rows, original, strict=True):
            for cell, field in zip(cells, table.fields, strict=True):
                assert _parse_csv_value(cell, field.type) == row[field.name]
                if field.type is FieldType.DATETIME and cell:
                    stamps.append(cell)
    assert any(s.endswith("Z") for s in stamps)
    assert any(s.endswith("+00:00") for s in stamps)
    assert any(s.endswith("+09:00") for s in stamps)
    assert any(re.fullmatch(r"[\d\-T:]+", s) for s in stamps)


def test_write_jsonl_writes_typed_json_that_reads_back_the_same(tmp_path: Path) -> None:
    sample = generate(80, seed=5)
    written = write_jsonl(sample, tmp_path)
    assert sorted(p.name for p in written) == sorted(
        f"{t.name}.jsonl" for t in DEFAULT_SCHEMA.tables)
    omitted = 0
    for table in DEFAULT_SCHEMA.tables:
        lines = (tmp_path / f"{table.name}.jsonl").read_text(encoding="utf-8").splitlines()
        original = sample.leads if table.name == "lead" else sample.events[table.name]
        assert len(lines) == len(original)
        for line, row in zip(lines, original, strict=True):
            obj = json.loads(line)
            assert set(obj) <= set(table.field_names)
            omitted += len(table.fields) - len(obj)
            for field in table.fields:
                value = obj.get(field.name)
                if value is not None and field.type is FieldType.DATETIME:
                    value = _parse_instant(value)
                elif value is not None and field.type is FieldType.TEXT_LIST:
                    assert isinstance(value, list)
                    value = tuple(value)
                assert value == row[field.name], (table.name, field.name)
    assert omitted > 0
