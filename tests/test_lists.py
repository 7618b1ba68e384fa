"""Lead lists (SPEC 1): static lists, dynamic lists bound to a segment, change
history, event-driven updates and the JSON state of the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leadrules as lr
from leadrules.cli import main
from leadrules.errors import UsageError
from leadrules.lists import ListManager, MemoryListRepository

UTC = dt.UTC
MONDAY = dt.datetime(2026, 11, 16, 9, tzinfo=UTC)
FRIDAY = dt.datetime(2026, 11, 20, 9, tzinfo=UTC)
DAY = dt.timedelta(days=1)

RULES = lr.parse("""
segment hot "HOT" { match mail { kind = "click"; occurred_at within 7 days } count >= 2
                    and not activity exists }
segment big { match employees >= 100 or application exists }
""")


def lead(lead_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": lead_id, "created_at": dt.datetime(2026, 1, 1, tzinfo=UTC), **fields}


def clicks(lead_id: str, *times: dt.datetime) -> list[dict[str, Any]]:
    return [{"lead_id": lead_id, "occurred_at": t, "kind": "click"} for t in times]


def store() -> lr.MemoryStore:
    return lr.MemoryStore(
        [lead("A"), lead("B"), lead("C", employees=500)],
        {"mail": clicks("A", MONDAY, MONDAY) + clicks("B", MONDAY)})


# ------------------------------------------------------------------ static lists


def test_static_add_and_remove_keep_who_and_when() -> None:
    lists = ListManager(RULES)
    lists.create_static("expo", by="sato", at=MONDAY)
    change = lists.add("expo", ["L2", "L1", "L1"], by="sato", at=MONDAY)
    assert change.entered == ("L1", "L2") and change.left == ()
    again = lists.add("expo", ["L1", "L3"], by="suzuki", at=FRIDAY)
    assert again.entered == ("L3",)                  # L1 keeps its first entry
    details = {m.lead_id: (m.since, m.by) for m in lists.member_details("expo")}
    assert details == {"L1": (MONDAY, "sato"), "L2": (MONDAY, "sato"),
                       "L3": (FRIDAY, "suzuki")}
    removed = lists.remove("expo", ["L2", "nobody"], by="suzuki", at=FRIDAY)
    assert removed.left == ("L2",)
    assert lists.members("expo") == ["L1", "L3"]
    assert [(c.action, c.by) for c in lists.history("expo")] == [
        ("add", "sato"), ("add", "suzuki"), ("remove", "suzuki")]


def test_unknown_lists_and_duplicate_names_are_usage_errors() -> None:
    lists = ListManager(RULES)
    lists.create_static("expo")
    with pytest.raises(UsageError, match="already exists"):
        lists.create_static("expo")
    with pytest.raises(UsageError, match="no list named 'exp'") as info:
        lists.members("exp")
    assert info.value.hint == "did you mean 'expo'?"
    with pytest.raises(UsageError, match="no segment named 'hott'"):
        lists.create_dynamic("x", "hott")


def test_a_dynamic_list_cannot_be_edited_by_hand() -> None:
    lists = ListManager(RULES)
    lists.create_dynamic("hot", "hot")
    with pytest.raises(UsageError, match="dynamic list"):
        lists.add("hot", ["A"])


# ------------------------------------------------------------------ dynamic lists


def test_refresh_reports_who_entered_and_who_left_and_keeps_history() -> None:
    s = store()
    lists = ListManager(RULES)
    lists.create_dynamic("hot", "hot")
    first = lists.refresh(s, MONDAY)["hot"]
    assert (first.entered, first.left) == (("A",), ())
    s.add_events("mail", clicks("B", MONDAY + DAY))
    s.add_events("activity", [{"lead_id": "A", "occurred_at": MONDAY + DAY, "type": "phone"}])
    second = lists.refresh(s, FRIDAY)["hot"]
    assert (second.entered, second.left) == (("B",), ("A",))   # A was followed up
    assert lists.members("hot") == ["B"]
    assert [(c.at, c.entered, c.left) for c in lists.history("hot")] == [
        (MONDAY, ("A",), ()), (FRIDAY, ("B",), ("A",))]
    assert lists.get("hot").refreshed_at == FRIDAY


def test_nothing_sticks_a_lead_that_no_longer_matches_leaves() -> None:
    s = store()
    lists = ListManager(RULES)
    lists.create_dynamic("hot", "hot")
    lists.refresh(s, MONDAY)
    # Eight days later A's clicks are outside "within 7 days": it leaves, with no event.
    later = lists.refresh(s, MONDAY + 8 * DAY)["hot"]
    assert later.left == ("A",) and lists.members("hot") == []
    unchanged = lists.refresh(s, MONDAY + 9 * DAY)["hot"]
    assert not unchanged.changed and len(lists.history("hot")) == 3


def test_members_at_and_changes_since_replay_the_history() -> None:
    s = store()
    lists = ListManager(RULES)
    lists.create_dynamic("hot", "hot")
    lists.refresh(s, MONDAY)
    s.add_events("mail", clicks("B", MONDAY + DAY))
    lists.refresh(s, FRIDAY)
    assert lists.members_at("hot", MONDAY) == ["A"]
    assert lists.members_at("hot", MONDAY - DAY) == []
    since = lists.changes_since("hot", MONDAY)
    assert (since.entered, since.left) == (("B",), ())
    assert [c.at for c in lists.history("hot", since=MONDAY)] == [FRIDAY]


def test_refresh_of_one_named_list_leaves_the_others_alone() -> None:
    lists = ListManager(RULES)
    lists.create_dynamic("hot", "hot")
    lists.create_dynamic("big", "big")
    out = lists.refresh(store(), MONDAY, names=["big"])
    assert list(out) == ["big"] and lists.members("big") == ["C"]
    assert lists.members("hot") == []
    with pytest.raises(UsageError, match="static"):
        lists.create_static("s")
        lists.refresh(store(), MONDAY, names=["s"])


# ------------------------------------------------------------- event-driven updates


def test_on_events_reevaluates_only_the_given_leads() -> None:
    s = store()
    lists = ListManager(RULES)
    lists.create_dynamic("hot", "hot")
    lists.create_dynamic("big", "big")
    lists.refresh(s, MONDAY)
    s.add_events("mail", clicks("B", MONDAY))
    s.add_events("application", [{"lead_id": "A", "occurred_at": MONDAY, "form": "contact"}])
    out = lists.on_events(s, ["B"], MONDAY)
    assert (out["hot"].entered, out["big"].entered) == (("B",), ())
    assert lists.members("big") == ["C"]            # A was not re-evaluated
    assert [c.action for c in lists.history("hot")] == ["refresh", "events"]
    assert [c.action for c in lists.history("big")] == ["refresh"]   # no change, no entry


def test_on_events_for_a_lead_missing_from_the_store_removes_it() -> None:
    lists = ListManager(RULES)
    lists.create_dynamic("hot", "hot")
    lists.refresh(store(), MONDAY)
    out = lists.on_events(lr.MemoryStore([lead("B")]), ["A"], MONDAY)
    assert out["hot"].left == ("A",)


LEAD_IDS = [f"L{i}" for i in range(6)]
AS_OF = dt.datetime(2026, 11, 20, tzinfo=UTC)

event_st = st.fixed_dictionaries({
    "lead_id": st.sampled_from(LEAD_IDS),
    "source": st.sampled_from(["mail", "activity", "application"]),
    "days_ago": st.integers(0, 12),
})
lead_st = st.fixed_dictionaries({
    "employees": st.one_of(st.none(), st.sampled_from([10, 100, 500])),
    "created_days_ago": st.integers(-2, 30),
})


def as_event(e: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    record: dict[str, Any] = {"lead_id": e["lead_id"],
                              "occurred_at": AS_OF - e["days_ago"] * DAY}
    if e["source"] == "mail":
        record["kind"] = "click"
    return e["source"], record


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(lead_st, min_size=len(LEAD_IDS), max_size=len(LEAD_IDS)),
       st.lists(event_st, max_size=10),
       st.lists(st.lists(event_st, max_size=6), max_size=4))
def test_event_driven_updates_give_the_memberships_of_a_full_refresh(
        leads: list[dict[str, Any]], initial: list[dict[str, Any]],
        batches: list[list[dict[str, Any]]]) -> None:
    records = [lead(i, employees=x["employees"],
                    created_at=AS_OF - x["created_days_ago"] * DAY)
               for i, x in zip(LEAD_IDS, leads, strict=True)]
    s = lr.MemoryStore(records)
    for source, record in map(as_event, initial):
        s.add_events(source, [record])
    lists = ListManager(RULES)
    for name in ("hot", "big"):
        lists.create_dynamic(name, name)
    lists.refresh(s, AS_OF)
    for batch in batches:
        for source, record in map(as_event, batch):
            s.add_events(source, [record])
        lists.on_events(s, {e["lead_id"] for e in batch}, AS_OF)
    fresh = ListManager(RULES)
    for name in ("hot", "big"):
        fresh.create_dynamic(name, name)
    fresh.refresh(s, AS_OF)
    for name in ("hot", "big"):
        assert lists.members(name) == fresh.members(name)
        assert lists.members(name) == RULES.segment(name).select(s, AS_OF)


# ------------------------------------------------------------------- persistence


def test_the_json_state_round_trips(tmp_path: Path) -> None:
    repo = MemoryListRepository()
    lists = ListManager(RULES, repo)
    lists.create_dynamic("hot", "hot", title="HOTリード", by="tanaka", at=MONDAY)
    lists.create_static("expo")
    lists.add("expo", ["X"], by="佐藤", at=MONDAY)
    lists.refresh(store(), MONDAY)
    path = tmp_path / "lists.json"
    repo.save(path)
    again = MemoryListRepository.load(path)
    assert again.to_dict() == repo.to_dict()
    assert again.get_list("hot") == repo.get_list("hot")
    assert list(again.history("expo")) == list(repo.history("expo"))
    assert MemoryListRepository.load(tmp_path / "none.json").list_names() == ()


def test_a_broken_state_file_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(lr.errors.DataError, match="cannot read list state"):
        MemoryListRepository.load(path)


# ------------------------------------------------------------------------- CLI


def write_data(folder: Path, with_followup: bool) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "lead.csv").write_text(
        "id,created_at\nA,2026-01-01\nB,2026-01-01\n", encoding="utf-8")
    rows = ["lead_id,occurred_at,kind", "A,2026-11-16T09:00:00Z,click",
            "A,2026-11-16T09:00:00Z,click", "B,2026-11-18T09:00:00Z,click",
            "B,2026-11-19T09:00:00Z,click"]
    (folder / "mail.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    if with_followup:
        (folder / "activity.csv").write_text(
            "lead_id,occurred_at,type\nA,2026-11-17T09:00:00Z,phone\n", encoding="utf-8")


def test_cli_weekly_routine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "hot.rules"
    rules.write_text('segment hot { match mail { kind = "click"; occurred_at within 7 days } '
                     'count >= 2 and not activity exists }\n', encoding="utf-8")
    state = tmp_path / "state.json"
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    base = ["list", "refresh", str(rules), "hot", "--data", str(data), "--state", str(state),
            "--format", "json"]
    assert main([*base, "--as-of", "2026-11-16T12:00Z"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first[0]["entered"] == ["A"]
    write_data(data, with_followup=True)
    assert main([*base, "--as-of", "2026-11-20T09:00Z"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert (second[0]["entered"], second[0]["left"]) == (["B"], ["A"])
    assert main(["list", "show", str(state), "hot", "--format", "json"]) == 0
    assert [m["lead_id"] for m in json.loads(capsys.readouterr().out)] == ["B"]
    assert main(["list", "diff", str(rules), "hot", "--data", str(data), "--since",
                 "2026-11-16", "--as-of", "2026-11-20T09:00Z", "--format", "json"]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert (diff[0]["entered"], diff[0]["left"]) == (["B"], [])


def test_cli_static_list_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = str(tmp_path / "state.json")
    assert main(["list", "add", state, "called", "A", "B", "--by", "sato", "--force"]) == 0
    assert main(["list", "remove", state, "called", "A"]) == 0
    capsys.readouterr()
    assert main(["list", "show", state, "called", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("B,")
    assert main(["list", "show", state, "nope"]) == 2


def test_a_refresh_before_the_last_one_is_refused() -> None:
    """It made the list its members of an earlier time, recorded after later
    refreshes (members_at then answered from the out-of-order record)."""
    lists = ListManager(RULES)
    lists.create_dynamic("big_ones", "big")
    s = store()
    lists.refresh(s, FRIDAY)
    lists.refresh(s, FRIDAY)          # the same instant again: fine
    with pytest.raises(UsageError, match="would go before it") as info:
        lists.refresh(s, MONDAY)
    assert "members_at('big_ones', when)" in info.value.render()
    assert [c.at for c in lists.history("big_ones")] == [FRIDAY, FRIDAY]
    lists.refresh(s, FRIDAY + DAY)    # later: fine
