"""Reviewing a rule change (`leadrules diff`, `Rules.diff`): who enters and leaves a
segment, changes tier, grade or stage, whose score moves; errors when the two
files do not declare the same thing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import leadrules as lr
from leadrules.cli import main
from tests.backends import BACKENDS, Backends, session_backends

AS_OF = "2026-11-20T09:00:00Z"

OLD = """\
segment pricing {
  match tracking { path starts with "/pricing" } count >= 2
}

scoring interest {
  tracking { path starts with "/pricing" } => +10 per event
  application { form = "contact" }         => +50 once
}

grading fit {
  start D
  employees >= 100 => +1
}

tiers follow_up using interest, fit {
  exclude: is_competitor
  hot:  score >= 50
  warm: score >= 20
  cold: otherwise
}

funnel pipeline {
  generated: all
  engaged:   segment pricing
  hot:       score interest >= 40
}
"""

# One view of pricing is enough; 15 points a view; fit from 50 employees; hot from 40.
NEW = (OLD.replace("count >= 2", "count >= 1").replace("+10 per event", "+15 per event")
       .replace("employees >= 100", "employees >= 50").replace("hot:  score >= 50",
                                                               "hot:  score >= 40"))

LEADS = ("id,employees,is_competitor,created_at\n"
         "L1,250,,\nL2,60,,\nL3,120,true,\nL4,10,,2026-12-01\n")
TRACKING = """\
lead_id,occurred_at,path
L1,2026-11-10,/pricing
L1,2026-11-15,/pricing/enterprise
L1,2026-11-18,/pricing
L2,2026-11-18,/pricing
L3,2026-11-12,/pricing
L3,2026-11-13,/pricing
L4,2026-11-13,/pricing
"""
APPLICATION = "lead_id,occurred_at,form\nL2,2026-11-19,contact\n"

# By hand, as of 2026-11-20T09:00Z (L4 is created later: it does not exist):
#   pricing   old: L1 (3 views), L3 (2)        new (>= 1): L1, L2, L3  -> L2 entered
#   interest  old: L1 30, L2 10+50=60, L3 20   new: L1 45, L2 65, L3 30
#   fit       old: L1 C, L2 D, L3 C            new: L1 C, L2 C (60 >= 50), L3 C
#   follow_up old: L1 warm, L2 hot, L3 -       new: L1 hot (45 >= 40), L2 hot, L3 -
#   pipeline  old: L1 engaged, L2 hot, L3 engaged
#             new: L1 hot (45 >= 40), L2 hot, L3 engaged


@pytest.fixture()
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("old.rules").write_text(OLD, encoding="utf-8")
    Path("new.rules").write_text(NEW, encoding="utf-8")
    Path("crm").mkdir()
    Path("crm/lead.csv").write_text(LEADS, encoding="utf-8")
    Path("crm/tracking.csv").write_text(TRACKING, encoding="utf-8")
    Path("crm/application.csv").write_text(APPLICATION, encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def diff_json(capsys: pytest.CaptureFixture[str], name: str, *more: str,
              data: str = "crm") -> dict[str, object]:
    code, out, err = run(capsys, "diff", "old.rules", "new.rules", name, "--data", data,
                         "--as-of", AS_OF, "--format", "json", *more)
    assert (code, err) == (0, "")
    result: dict[str, object] = json.loads(out)
    return result


def test_segment_entered_and_left(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    assert diff_json(capsys, "pricing") == {
        "kind": "segment", "name": "pricing", "as_of": "2026-11-20T09:00:00+00:00",
        "leads": 3, "counts": {"old": 2, "new": 3, "entered": 1, "left": 0},
        "entered": ["L2"], "left": []}
    # Back the other way: L2 leaves.
    _, out, _ = run(capsys, "diff", "new.rules", "old.rules", "pricing", "--data", "crm",
                       "--as-of", AS_OF, "--format", "json")
    assert (json.loads(out)["entered"], json.loads(out)["left"]) == ([], ["L2"])


def test_segment_text_gives_counts_first(capsys: pytest.CaptureFixture[str],
                                         files: Path) -> None:
    code, out, _ = run(capsys, "diff", "old.rules", "new.rules", "pricing", "--data", "crm",
                       "--as-of", AS_OF)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == ("segment pricing as of 2026-11-20T09:00:00+00:00: 2 -> 3 leads "
                        "(1 entered, 0 left)")
    assert lines[2] == "entered (1):"
    assert lines[-1].split() == ["L2"]


def test_scores_that_move_by_more_than_the_threshold(capsys: pytest.CaptureFixture[str],
                                                     files: Path) -> None:
    result = diff_json(capsys, "interest", "--threshold", "5")
    assert result["threshold"] == 5
    assert result["counts"] == {"moved": 2, "up": 2, "down": 0}
    # L2 moves by exactly 5: not more than the threshold.
    assert result["moved"] == [{"lead_id": "L1", "old": 30, "new": 45, "change": 15},
                               {"lead_id": "L3", "old": 20, "new": 30, "change": 10}]
    assert len(diff_json(capsys, "interest")["moved"]) == 3  # type: ignore[arg-type]
    code, out, _ = run(capsys, "diff", "old.rules", "new.rules", "interest", "--data", "crm",
                       "--as-of", AS_OF, "--threshold", "5")
    assert code == 0
    assert out.splitlines()[0] == ("scoring interest as of 2026-11-20T09:00:00+00:00: 2 of 3 "
                                   "leads move by more than 5 points (2 up, 0 down)")
    assert out.splitlines()[3].split() == ["L1", "30", "45", "+15"]


def test_tiers_grades_and_stages_that_change(capsys: pytest.CaptureFixture[str],
                                             files: Path) -> None:
    tiers = diff_json(capsys, "follow_up")
    assert tiers["changed"] == [{"lead_id": "L1", "old": "warm", "new": "hot"}]
    assert (tiers["entered"], tiers["left"]) == ({"hot": ["L1"]}, {"warm": ["L1"]})
    assert tiers["counts"] == {"changed": 1,
                               "old": {"hot": 1, "warm": 1, "cold": 0, "(none)": 1},
                               "new": {"hot": 2, "warm": 0, "cold": 0, "(none)": 1}}
    grades = diff_json(capsys, "fit")
    assert grades["changed"] == [{"lead_id": "L2", "old": "D", "new": "C"}]
    assert grades["counts"] == {"changed": 1, "old": {"C": 2, "D": 1}, "new": {"C": 3}}
    stages = diff_json(capsys, "pipeline")
    assert stages["changed"] == [{"lead_id": "L1", "old": "engaged", "new": "hot"}]
    assert stages["counts"] == {"changed": 1,
                                "old": {"generated": 0, "engaged": 2, "hot": 1},
                                "new": {"generated": 0, "engaged": 1, "hot": 2}}
    code, out, _ = run(capsys, "diff", "old.rules", "new.rules", "follow_up", "--data", "crm",
                       "--as-of", AS_OF)
    assert code == 0
    assert out.splitlines()[0] == ("tiers follow_up as of 2026-11-20T09:00:00+00:00: 1 of 3 "
                                   "leads change tier")
    assert "  warm -> hot: 1" in out.splitlines()


def test_a_database_store_gives_the_same_diff(capsys: pytest.CaptureFixture[str],
                                              files: Path) -> None:
    code, _, _ = run(capsys, "import", "crm", "--into", "crm.db")
    assert code == 0
    for name in ("pricing", "interest", "fit", "follow_up", "pipeline"):
        assert diff_json(capsys, name, data="crm.db") == diff_json(capsys, name)


def test_names_missing_or_of_another_kind_are_clear_errors(
        capsys: pytest.CaptureFixture[str], files: Path) -> None:
    Path("renamed.rules").write_text(
        NEW.replace("segment pricing {", "segment pricng {").replace(
            "engaged:   segment pricing", "engaged:   segment pricng"), encoding="utf-8")
    code, _, err = run(capsys, "diff", "old.rules", "renamed.rules", "pricing", "--data", "crm")
    assert code == 2
    assert err.splitlines() == ["leadrules: error: no segment named 'pricing' in renamed.rules",
                                "  did you mean 'pricng'?"]
    Path("kind.rules").write_text("tiers pricing using interest {\n  hot: score >= 1\n}\n\n"
                                  "scoring interest {\n  tracking => +1 per event\n}\n",
                                  encoding="utf-8")
    code, _, err = run(capsys, "diff", "old.rules", "kind.rules", "pricing", "--data", "crm")
    assert code == 2
    assert err.splitlines()[0] == ("leadrules: error: 'pricing' is a segment in old.rules but "
                                   "a tiers declaration in kind.rules")
    code, _, err = run(capsys, "diff", "old.rules", "new.rules", "nope", "--data", "crm")
    assert (code, err.splitlines()[0]) == (
        2, "leadrules: error: no declaration named 'nope' in old.rules or new.rules")


def test_a_schema_error_names_the_file(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    Path("typo.rules").write_text('segment pricing {\n  match ownr = "sato"\n}\n',
                                  encoding="utf-8")
    code, out, err = run(capsys, "diff", "old.rules", "typo.rules", "pricing", "--data", "crm")
    assert (code, out) == (1, "")
    assert err.startswith("typo.rules:2:9: error: unknown field 'ownr'")


def test_the_python_api(files: Path) -> None:
    old, new = lr.load("old.rules", data="crm"), lr.load("new.rules", data="crm")
    result = old.diff(new, "pricing", as_of=AS_OF)
    assert (result.entered, result.left, result.leads) == (["L2"], [], 3)
    store = lr.MemoryStore.from_folder("crm")
    moved = lr.load("old.rules").diff(lr.load("new.rules"), "interest", store, AS_OF,
                                      threshold=10)
    assert [(c.lead_id, c.old, c.new) for c in moved.changes] == [("L1", 30, 45)]
    assert moved.to_dict()["moved"] == [{"lead_id": "L1", "old": 30, "new": 45, "change": 15}]
    with pytest.raises(lr.UsageError, match="diff needs data"):
        lr.load("old.rules").diff(lr.load("new.rules"), "pricing")
    assert str(result).splitlines() == [
        "segment pricing as of 2026-11-20T09:00:00+00:00: 2 -> 3 leads (1 entered, 0 left)",
        "entered: L2"]


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


def test_every_store_gives_the_hand_made_diff(files: Path, backends: Backends) -> None:
    memory = lr.MemoryStore.from_folder("crm")
    old, new = lr.load("old.rules"), lr.load("new.rules")
    stores = backends.load(memory)
    for backend in BACKENDS:
        store = stores[backend]
        assert old.diff(new, "pricing", store, AS_OF).entered == ["L2"], backend
        moved = old.diff(new, "interest", store, AS_OF, threshold=5)
        assert [(c.lead_id, c.old, c.new) for c in moved.changes] == [
            ("L1", 30, 45), ("L3", 20, 30)], backend
        for name, change in (("follow_up", ("L1", "warm", "hot")), ("fit", ("L2", "D", "C")),
                             ("pipeline", ("L1", "engaged", "hot"))):
            found = [(c.lead_id, c.old, c.new) for c in old.diff(new, name, store, AS_OF).changes]
            assert found == [change], (backend, name)


def test_grades_are_listed_from_a_plus_down_whichever_side_has_them() -> None:
    store = lr.MemoryStore([{"id": f"L{i}", "employees": n} for i, n in
                            enumerate([5, 50, 500, 5000])], {})
    old = lr.parse("grading fit {\n  start C\n  employees >= 100 => +1\n}\n")
    new = lr.parse("grading fit {\n  start C+\n  employees >= 1000 => +1\n"
                   "  employees < 10 => -2/3\n}\n")
    found = old.diff(new, "fit", store, "2026-11-20")
    order = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F"]
    assert found.labels == sorted(found.labels, key=order.index)
    assert set(found.labels) >= {"B", "C", "C+"}
