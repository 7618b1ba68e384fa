"""The in-memory store: normalised records, events by lead, errors from Python records."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from leadrules.errors import DataError
from leadrules.memory import (
    MemoryStore,
    normalize_event_map,
    normalize_events,
    normalize_lead,
)
from leadrules.schema import DEFAULT_SCHEMA

SOURCES = ["tracking", "application", "activity", "mail"]


def _at(day: int, hour: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, tzinfo=UTC)


def _store() -> MemoryStore:
    return MemoryStore(
        [{"id": "L1", "email": "a@example.com", "employees": "250", "tags": "vip|seminar",
          "is_competitor": "false", "created_at": "2025-12-01"},
         {"id": "L2", "employees": 12}],
        {"tracking": [
            {"lead_id": "L1", "occurred_at": "2026-01-03T00:00:00Z", "path": "/c"},
            {"lead_id": "L1", "occurred_at": "2026-01-01T09:00:00+09:00", "path": "/a"},
            {"lead_id": "L1", "occurred_at": _at(2), "path": "/b"},
         ],
         "mail": [{"lead_id": "L2", "occurred_at": _at(5), "kind": "open"}]},
    )


def test_a_lead_has_every_field_with_typed_values() -> None:
    lead = _store().lead("L1")
    assert lead is not None
    assert set(lead) == set(DEFAULT_SCHEMA.lead.field_names)
    assert lead["employees"] == 250
    assert lead["tags"] == ("vip", "seminar")
    assert lead["is_competitor"] is False
    assert lead["created_at"] == datetime(2025, 12, 1, tzinfo=UTC)
    assert lead["name"] is None


def test_leads_keep_insertion_order_and_len_counts_them() -> None:
    store = _store()
    assert [lead["id"] for lead in store.leads()] == ["L1", "L2"]
    assert len(store) == 2
    assert store.lead("nobody") is None


def test_events_of_has_every_source_sorted_by_time() -> None:
    events = _store().events_of("L1")
    assert list(events) == SOURCES
    assert [e["path"] for e in events["tracking"]] == ["/a", "/b", "/c"]
    assert events["tracking"][0]["occurred_at"] == datetime(2026, 1, 1, 0, tzinfo=UTC)
    assert events["mail"] == [] and events["application"] == []
    assert set(events["tracking"][0]) == {"lead_id", "occurred_at", "url", "path", "title",
                                          "duration", "session"}


def test_events_at_the_same_instant_keep_their_order() -> None:
    store = MemoryStore([{"id": "L1"}], {"mail": [
        {"lead_id": "L1", "occurred_at": _at(2), "kind": "click"},
        {"lead_id": "L1", "occurred_at": _at(1), "kind": "sent"},
        {"lead_id": "L1", "occurred_at": _at(2), "kind": "open"},
        {"lead_id": "L1", "occurred_at": _at(2), "kind": "bounce"},
    ]})
    assert [e["kind"] for e in store.events_of("L1")["mail"]] == ["sent", "click", "open",
                                                                  "bounce"]


def test_events_added_later_are_merged_in_time_order() -> None:
    store = _store()
    store.events_of("L1")
    store.add_events("tracking", [{"lead_id": "L1", "occurred_at": _at(1, 12), "path": "/mid"}])
    assert [e["path"] for e in store.events_of("L1")["tracking"]] == ["/a", "/mid", "/b", "/c"]


def test_an_unknown_lead_has_only_empty_event_lists() -> None:
    assert _store().events_of("nobody") == {s: [] for s in SOURCES}


def test_events_of_a_missing_lead_stay_hidden_until_the_lead_is_added() -> None:
    store = MemoryStore([], {"mail": [{"lead_id": "L9", "occurred_at": _at(1), "kind": "open"}]})
    assert store.events_of("L9")["mail"] == []
    store.add_leads([{"id": "L9"}])
    assert [e["kind"] for e in store.events_of("L9")["mail"]] == ["open"]


def test_events_iterates_one_source_by_lead_then_time() -> None:
    store = _store()
    assert [e["path"] for e in store.events("tracking")] == ["/a", "/b", "/c"]
    assert [e["lead_id"] for e in store.events("mail")] == ["L2"]


# ------------------------------------------------------------------ errors


def test_an_unknown_field_is_an_error_with_a_suggestion() -> None:
    with pytest.raises(DataError) as caught:
        MemoryStore([{"id": "L1", "emial": "a@example.com"}])
    assert "unknown field 'emial' for lead" in caught.value.first.message
    assert caught.value.hint == "did you mean 'email'?"


def test_an_unknown_source_is_an_error_with_a_suggestion() -> None:
    with pytest.raises(DataError) as caught:
        MemoryStore([{"id": "L1"}], {"trackin": []})
    assert caught.value.first.message == "unknown source 'trackin'"
    assert caught.value.hint == "did you mean 'tracking'?"


def test_a_field_declared_with_extend_is_accepted() -> None:
    schema = DEFAULT_SCHEMA.extend("lead", {"score_hint": "number"})
    schema = schema.extend("webinar", {"topic": "text"})
    store = MemoryStore([{"id": "L1", "score_hint": "3"}],
                        {"webinar": [{"lead_id": "L1", "occurred_at": _at(1), "topic": "AI"}]},
                        schema=schema)
    lead = store.lead("L1")
    assert lead is not None and lead["score_hint"] == 3
    assert store.events_of("L1")["webinar"][0]["topic"] == "AI"
    assert store.schema is schema


def test_a_bad_value_names_the_table_the_record_and_the_field() -> None:
    with pytest.raises(DataError) as caught:
        MemoryStore([{"id": "L1"}, {"id": "L2", "employees": "12a"}])
    diagnostic = caught.value.first
    assert diagnostic.message == ("lead record at index 1, field 'employees': "
                                  "'12a' is not a number")
    assert diagnostic.file is None and diagnostic.line is None


def test_every_bad_value_is_reported_up_to_twenty() -> None:
    leads = [{"id": f"L{i}", "age": "old"} for i in range(30)]
    with pytest.raises(DataError) as caught:
        MemoryStore(leads)
    messages = [d.message for d in caught.value.diagnostics]
    assert len(messages) == 21
    assert messages[-1] == "... and 10 more problems in the leads"


def test_an_event_without_occurred_at_is_an_error() -> None:
    store = _store()
    with pytest.raises(DataError) as caught:
        store.add_events("mail", [{"lead_id": "L1", "kind": "open"}])
    assert caught.value.first.message == (
        "mail event record at index 0, field 'occurred_at': no value")
    assert caught.value.hint == "every event needs the time it happened"


def test_a_lead_without_id_is_an_error() -> None:
    with pytest.raises(DataError, match="field 'id': no value"):
        MemoryStore([{"email": "a@example.com"}])


def test_a_record_that_is_not_a_mapping_is_an_error() -> None:
    with pytest.raises(DataError, match="lead record at index 0 is 'L1', not a mapping"):
        MemoryStore(["L1"])  # type: ignore[list-item]  # a str is no mapping


def test_duplicate_lead_ids_are_an_error() -> None:
    with pytest.raises(DataError, match=r"index 2: duplicate lead id 'L1' \(also at index 0\)"):
        MemoryStore([{"id": "L1"}, {"id": "L2"}, {"id": "L1"}])
    store = _store()
    with pytest.raises(DataError, match="lead id 'L2' is already in the store"):
        store.add_leads([{"id": "L2"}])


def test_a_failed_add_adds_nothing() -> None:
    store = _store()
    with pytest.raises(DataError):
        store.add_leads([{"id": "L3"}, {"id": "L4", "age": "x"}])
    assert store.lead("L3") is None
    with pytest.raises(DataError):
        store.add_events("tracking", [{"lead_id": "L1", "occurred_at": _at(9)},
                                      {"lead_id": "L1", "occurred_at": "soon"}])
    assert len(store.events_of("L1")["tracking"]) == 3


# ------------------------------------------------------------ one lead only


def test_normalize_lead_gives_the_store_form() -> None:
    assert normalize_lead(DEFAULT_SCHEMA, {"id": 7, "unsubscribed": "TRUE"}) == {
        **{name: None for name in DEFAULT_SCHEMA.lead.field_names},
        "id": "7", "unsubscribed": True,
    }


def test_normalize_events_sorts_and_may_fill_in_the_lead_id() -> None:
    events = normalize_events(DEFAULT_SCHEMA, "application", [
        {"occurred_at": "2026-01-02", "form": "trial"},
        {"occurred_at": "2026-01-01", "form": "contact", "lead_id": "L1"},
    ], lead_id="L1")
    assert [(e["lead_id"], e["form"]) for e in events] == [("L1", "contact"), ("L1", "trial")]


def test_normalize_events_refuses_another_leads_event() -> None:
    with pytest.raises(DataError, match="belongs to lead 'L2', not 'L1'"):
        normalize_events(DEFAULT_SCHEMA, "mail", [{"lead_id": "L2", "occurred_at": _at(1)}],
                         lead_id="L1")


def test_normalize_event_map_has_every_source() -> None:
    events = normalize_event_map(DEFAULT_SCHEMA, {"mail": [{"occurred_at": _at(1)}]}, lead_id="L1")
    assert list(events) == SOURCES
    assert events["mail"][0]["lead_id"] == "L1"


# ----------------------------------------------------------------- folders


def test_from_folder_loads_a_csv_folder(tmp_path: Path) -> None:
    (tmp_path / "lead.csv").write_text("id,employees\nL1,5\n", encoding="utf-8")
    store = MemoryStore.from_folder(tmp_path)
    assert [(lead["id"], lead["employees"]) for lead in store.leads()] == [("L1", 5)]


def test_many_records_load_in_one_pass() -> None:
    leads: list[dict[str, Any]] = [{"id": f"L{i}", "employees": i} for i in range(2000)]
    tracking = [{"lead_id": f"L{i % 2000}", "occurred_at": _at(1 + i % 28), "path": "/"}
                for i in range(20000)]
    store = MemoryStore(leads, {"tracking": tracking})
    assert len(store) == 2000
    assert sum(len(store.events_of(lead["id"])["tracking"]) for lead in store.leads()) == 20000
    times = [e["occurred_at"] for e in store.events_of("L0")["tracking"]]
    assert times == sorted(times)
