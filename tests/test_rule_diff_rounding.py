"""`leadrules diff` on scores compares within rounding (docs/testing.md, "Reviewing
a change"): a float sum depends on the order of its terms, so a reorder or a
refactor that changes nobody's score must report no move, while a real change
just above the tolerance (1e-6 points, as `leadrules test` allows) is a move."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import leadrules as lr
from leadrules.cli import main

AS_OF = "2026-02-01"


def rules(*lines: str) -> str:
    return "scoring m {\n" + "".join(f"  {line}\n" for line in lines) + "}\n"


@pytest.fixture()
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "lead.csv").write_text("id\nX\n", encoding="utf-8")
    (folder / "mail.csv").write_text("lead_id,occurred_at,kind\nX,2026-01-01T00:00:00Z,open\n",
                                     encoding="utf-8")
    (folder / "tracking.csv").write_text(
        "lead_id,occurred_at,path\nX,2026-01-02T00:00:00Z,/pricing\n", encoding="utf-8")
    return folder


def diff_json(capsys: pytest.CaptureFixture[str], old: str, new: str,
              *extra: str) -> dict[str, object]:
    Path("old.rules").write_text(old, encoding="utf-8")
    Path("new.rules").write_text(new, encoding="utf-8")
    code = main(["diff", "old.rules", "new.rules", "m", "--data", "d", "--as-of", AS_OF,
                 "--format", "json", *extra])
    assert code == 0
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    return result


RULES = ("a: tracking => +0.1 per event", "b: mail => +0.2 per event",
         "c: lead { id exists } => +0.3")


def test_reordering_scoring_rules_moves_no_score(data: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    # X scores 0.1 + 0.2 + 0.3 = 0.6 points in either order; the floats differ in
    # their last bit (0.6000000000000001 and 0.6), which is not a move.
    old, new = rules(*RULES), rules(*reversed(RULES))
    store = lr.MemoryStore.from_folder(str(data))
    scores = [lr.load(_write(path, text)).scoring("m").score(store, AS_OF).rows[0][1]
              for path, text in (("o.rules", old), ("n.rules", new))]
    assert scores[0] != scores[1]  # the case this test is about
    result = diff_json(capsys, old, new)
    assert result["counts"] == {"moved": 0, "up": 0, "down": 0}
    assert result["moved"] == []
    assert main(["diff", "old.rules", "new.rules", "m", "--data", "d", "--as-of", AS_OF]) == 0
    out = capsys.readouterr().out
    assert out == f"scoring m as of {AS_OF}T23:59:59.999999+00:00: 0 of 1 lead move " \
                  "(0 up, 0 down)\n"


def test_reordering_decayed_rules_moves_no_score(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # Many decayed events per lead: summed in another order, some scores change
    # in their last bits; nobody's score changes.
    monkeypatch.chdir(tmp_path)
    Path("d").mkdir()
    ids = [f"L{i}" for i in range(30)]
    Path("d/lead.csv").write_text("id\n" + "".join(f"{i}\n" for i in ids), encoding="utf-8")
    tracking = ["lead_id,occurred_at,path"]
    mail = ["lead_id,occurred_at,kind"]
    for n, lead in enumerate(ids):
        for k in range(n % 7 + 1):
            day = 1 + (n * 3 + k * 5) % 28
            tracking.append(f"{lead},2026-10-{day:02d}T{k:02d}:00:00Z,"
                            f"{'/pricing' if k % 2 else '/blog'}")
            mail.append(f"{lead},2026-09-{day:02d}T10:00:00Z,open")
    Path("d/tracking.csv").write_text("\n".join(tracking) + "\n", encoding="utf-8")
    Path("d/mail.csv").write_text("\n".join(mail) + "\n", encoding="utf-8")
    body = ('a: tracking { path starts with "/pricing" } => +10 per event, max 50',
            "c: tracking => +0.1 per event", 'd: mail { kind = "open" } => +0.3 per event')
    old = lr.load(_write("old.rules", rules(*body, "decay half-life 30 days")), data="d")
    new = lr.load(_write("new.rules", rules(*reversed(body), "decay half-life 30 days")),
                  data="d")
    as_of = "2026-11-20"
    before = {row[0]: row[1] for row in old.scoring("m").score(old.store, as_of).rows}
    after = {row[0]: row[1] for row in new.scoring("m").score(old.store, as_of).rows}
    assert any(before[i] != after[i] for i in ids)  # rounding differs somewhere
    result = old.diff(new, "m", as_of=as_of)
    assert result.changes == () and (result.up, result.down) == (0, 0)


@pytest.mark.parametrize(("new_points", "moved"), [
    ("+1.000002", True),    # 2e-6 points: above the 1e-6 tolerance, a move
    ("+1.0000005", False),  # 5e-7 points: rounding, by the documented tolerance
])
def test_a_real_change_just_above_the_tolerance_is_a_move(
        data: Path, capsys: pytest.CaptureFixture[str], new_points: str, moved: bool) -> None:
    result = diff_json(capsys, rules("c: lead { id exists } => +1"),
                       rules("c: lead { id exists } => " + new_points))
    if not moved:
        assert result["counts"] == {"moved": 0, "up": 0, "down": 0}
        return
    assert result["counts"] == {"moved": 1, "up": 1, "down": 0}
    [row] = result["moved"]  # type: ignore[misc]
    assert row["lead_id"] == "X" and row["old"] == 1
    assert row["change"] == pytest.approx(2e-6, rel=1e-6)
    # The text shows the move's size, not "+0".
    assert main(["diff", "old.rules", "new.rules", "m", "--data", "d", "--as-of", AS_OF]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("1 of 1 lead move (1 up, 0 down)")
    assert out[-1].split() == ["X", "1", "1", "+2e-06"]


def test_a_move_of_exactly_the_threshold_is_not_more_than_it(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 0.2 + 1.1 = 1.3 points before, 5.2 + 1.1 = 6.3 after: a move of exactly 5,
    # which floats compute as 5.000000000000001. "--threshold 5" lists moves of
    # more than 5; a move of 7 is listed.
    old = rules("a: lead { id exists } => +0.2", "b: tracking => +1.1 per event")
    new = rules("a: lead { id exists } => +5.2", "b: tracking => +1.1 per event")
    assert diff_json(capsys, old, new, "--threshold", "5")["counts"] == {
        "moved": 0, "up": 0, "down": 0}
    assert diff_json(capsys, old, new, "--threshold", "4.9")["counts"] == {
        "moved": 1, "up": 1, "down": 0}


def _write(path: str, text: str) -> str:
    Path(path).write_text(text, encoding="utf-8")
    return path
