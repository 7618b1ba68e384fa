"""Funnels (SPEC 3.5): counts, yields, back-calculation, breakdown, over time,
ordered funnels, JSON (SPEC 5), the CLI and charts."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import leadrules as lr
from leadrules import sample
from leadrules.cli import main
from leadrules.cli.common import load_rules_and_data
from leadrules.errors import UsageError
from leadrules.funnel import (
    FunnelBreakdown,
    FunnelReport,
    build_report,
)
from tests.spec import spec_rules

UTC = dt.UTC
AS_OF = dt.datetime(2026, 6, 30, 12, tzinfo=UTC)
T0 = dt.datetime(2026, 6, 1, 9, tzinfo=UTC)
DAY = dt.timedelta(days=1)

PIPE = """
funnel pipe "Pipe" {
  generated: all
  engaged:   mail { kind = "open" } exists
  qualified: application exists
  won:       status = "won"
}
"""


def lead(lead_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": lead_id, "created_at": dt.datetime(2026, 1, 1, tzinfo=UTC), **fields}


def pipe_store() -> lr.MemoryStore:
    leads = [lead("A"), lead("B"), lead("C"), lead("D", status="won"), lead("E"),
             lead("F", created_at=AS_OF + DAY), lead("G")]
    events = {
        "mail": [{"lead_id": "B", "occurred_at": T0, "kind": "open"},
                 {"lead_id": "E", "occurred_at": T0, "kind": "open"},
                 {"lead_id": "F", "occurred_at": T0, "kind": "open"},
                 {"lead_id": "G", "occurred_at": AS_OF + DAY, "kind": "open"},
                 {"lead_id": "A", "occurred_at": T0, "kind": "sent"}],
        "application": [{"lead_id": "C", "occurred_at": T0, "form": "contact"},
                        {"lead_id": "E", "occurred_at": T0, "form": "seminar"}],
    }
    return lr.MemoryStore(leads, events)


@pytest.fixture
def pipe() -> FunnelReport:
    return lr.parse(PIPE).funnel("pipe").report(pipe_store(), AS_OF)


# ------------------------------------------------------------------ the report


def test_a_lead_reaches_a_stage_when_it_meets_it_or_any_later_stage(pipe: FunnelReport
                                                                     ) -> None:
    # C applied and D won without opening a mail: both still reached "engaged".
    assert [s.count for s in pipe.stages] == [6, 4, 3, 1]
    assert pipe["engaged"].reached == ("B", "C", "D", "E")
    assert pipe["won"].reached == ("D",)


def test_leads_and_events_after_as_of_do_not_exist(pipe: FunnelReport) -> None:
    assert "F" not in pipe["generated"].reached      # created after as_of
    assert "G" in pipe["engaged"].dropped            # opened the mail after as_of
    assert pipe.population == 6


def test_step_rates_overall_rates_and_drop_off_are_exact(pipe: FunnelReport) -> None:
    assert [s.rate for s in pipe.stages] == [1, Fraction(2, 3), Fraction(3, 4), Fraction(1, 3)]
    assert [s.overall for s in pipe.stages] == [1, Fraction(2, 3), Fraction(1, 2),
                                                Fraction(1, 6)]
    assert [s.drop_off for s in pipe.stages] == [0, 2, 1, 2]


def test_dropped_are_the_leads_that_reached_the_stage_before_but_not_this_one(
        pipe: FunnelReport) -> None:
    assert pipe["generated"].dropped == ()
    assert pipe["engaged"].dropped == ("A", "G")
    assert pipe["qualified"].dropped == ("B",)
    assert pipe["won"].dropped == ("C", "E")


def test_rates_are_none_where_the_base_is_zero() -> None:
    rules = lr.parse('funnel f { applied: application exists\n won: status = "won" }')
    report = rules.funnel("f").report(lr.MemoryStore([lead("A")]), AS_OF)
    assert [(s.count, s.rate, s.overall) for s in report.stages] == [(0, None, None),
                                                                     (0, None, None)]
    assert report.to_dict()["stages"][1]["rate"] is None


def test_an_unknown_stage_is_a_usage_error_with_a_suggestion(pipe: FunnelReport) -> None:
    with pytest.raises(UsageError, match="no stage 'wom'") as info:
        pipe.required(wom=3)
    assert info.value.hint == "did you mean 'won'?"


# ---------------------------------------------------------- back-calculation


def synthetic(counts: list[int]) -> FunnelReport:
    """A report whose stage k is reached by the first counts[k] leads."""
    rules = lr.parse("funnel f {\n" + "\n".join(f"  s{k}: all" for k in range(len(counts)))
                     + "\n}")
    depths = {f"L{i}": max(k for k, c in enumerate(counts) if i < c)
              for i in range(counts[0])}
    return build_report(rules.funnel("f").ast, depths, {}, AS_OF)


def test_back_calculation_of_whole_numbers_is_never_rounded_up() -> None:
    report = synthetic([10, 2, 1])                     # rates 1/5 then 1/2
    assert report.required(s2=10) == {"s0": 100, "s1": 20, "s2": 10}
    # Rates 4/6 and 3/4 with 5 at the end: 10 exactly, where floats give 10.000000000000002.
    assert 5 / (3 / 4) / (4 / 6) > 10
    assert synthetic([6, 4, 3]).required(s2=5) == {"s0": 10, "s1": 7, "s2": 5}


def test_back_calculation_on_the_pipe_is_exact(pipe: FunnelReport) -> None:
    assert pipe.required(won=2) == {"generated": 12, "engaged": 8, "qualified": 6, "won": 2}


def test_back_calculation_rounds_up_once_from_the_exact_fraction() -> None:
    report = synthetic([9, 6, 4])                      # rates 2/3, 2/3
    # won 5: 7.5 at s1 -> 8; s0 needs 5 / (4/9) = 11.25 -> 12 (not ceil(8 / (2/3)) = 12 by
    # luck: the point is each stage is rounded from its own exact value).
    assert report.required(s2=5) == {"s0": 12, "s1": 8, "s2": 5}
    assert report.required_for("s1", 3) == {"s0": 5, "s1": 3}


def test_several_targets_need_the_largest_requirement_at_each_stage() -> None:
    report = synthetic([10, 2, 1])
    assert report.required(s2=1, s1=6) == {"s0": 30, "s1": 6, "s2": 1}


def test_a_zero_rate_on_the_way_makes_the_requirement_undefined() -> None:
    report = synthetic([10, 0, 0])
    assert report.required(s2=3) == {"s0": None, "s1": None, "s2": 3}
    assert report.required(s1=3) == {"s0": None, "s1": 3}
    # A target of 0 needs 0 leads at every stage, whatever the rates.
    assert report.required(s2=0) == {"s0": 0, "s1": 0, "s2": 0}
    assert synthetic([6, 4, 3]).required(s2=0) == {"s0": 0, "s1": 0, "s2": 0}


def test_a_target_must_be_a_whole_number_of_leads(pipe: FunnelReport) -> None:
    with pytest.raises(UsageError):
        pipe.required(won=-1)
    with pytest.raises(UsageError):
        pipe.required(won=2.5)  # type: ignore[arg-type]


# -------------------------------------------------------------------- breakdown


def test_breakdown_groups_text_case_insensitively_with_missing_last() -> None:
    leads = [lead("A", lead_source="Web_form"), lead("B", lead_source="web_form"),
             lead("C", lead_source="web_form", status="won"), lead("D", lead_source="seminar"),
             lead("E")]
    breakdown = lr.parse(PIPE).funnel("pipe").report(lr.MemoryStore(leads), AS_OF,
                                                     by="lead_source")
    assert isinstance(breakdown, FunnelBreakdown)
    assert [(g.label, g.report.population) for g in breakdown.groups] == [
        ("seminar", 1), ("web_form", 3), ("(missing)", 1)]
    web = breakdown.groups[1].report
    assert [s.count for s in web.stages] == [3, 1, 1, 1]
    assert web["won"].overall == Fraction(1, 3)
    assert breakdown.total.population == 5
    data = breakdown.to_dict({"won": 1})
    assert data["by"] == "lead_source" and data["groups"][2]["value"] is None
    assert data["groups"][0]["required"]["generated"] is None   # no won seminar lead


def test_breakdown_by_tags_puts_a_lead_in_each_of_its_tags() -> None:
    leads = [lead("A", tags=["vip", "expo"]), lead("B", tags=["VIP"]), lead("C")]
    breakdown = lr.parse(PIPE).funnel("pipe").report(lr.MemoryStore(leads), AS_OF, by="tags")
    assert [(g.label, g.report.population) for g in breakdown.groups] == [
        ("expo", 1), ("VIP", 2), ("(missing)", 1)]  # a tie: the first spelling in sort order


def test_breakdown_by_an_unknown_or_datetime_field_is_a_usage_error() -> None:
    funnel = lr.parse(PIPE).funnel("pipe")
    with pytest.raises(UsageError, match="no lead field named 'lead_sorce'"):
        funnel.report(pipe_store(), AS_OF, by="lead_sorce")
    with pytest.raises(UsageError, match="datetime"):
        funnel.report(pipe_store(), AS_OF, by="created_at")


# -------------------------------------------------------------------- over time


def lifecycle_store() -> lr.MemoryStore:
    leads = [lead("A", created_at=dt.datetime(2026, 1, 10, tzinfo=UTC)),
             lead("B", created_at=dt.datetime(2026, 2, 15, tzinfo=UTC)),
             lead("C", created_at=dt.datetime(2026, 3, 1, tzinfo=UTC), status="won"),
             lead("D", created_at=dt.datetime(2026, 1, 31, 20, tzinfo=UTC))]
    events = {"mail": [{"lead_id": "A", "occurred_at": dt.datetime(2026, 2, 5, tzinfo=UTC),
                        "kind": "open"}],
              "application": [{"lead_id": "A", "form": "contact",
                               "occurred_at": dt.datetime(2026, 3, 20, tzinfo=UTC)}]}
    return lr.MemoryStore(leads, events)


def test_over_time_counts_and_entered_per_month_by_hand() -> None:
    over = lr.parse(PIPE).funnel("pipe").over_time(lifecycle_store(), "month", "2026-01-01",
                                                   "2026-03-31")
    got = [([s.count for s in p.report.stages], list(p.entered)) for p in over.periods]
    assert got == [([2, 0, 0, 0], [2, 0, 0, 0]),        # A, D created in January
                   ([3, 1, 0, 0], [1, 1, 0, 0]),        # B created, A opened a mail
                   ([4, 2, 2, 1], [1, 1, 2, 1])]        # C (won) created, A applied
    assert [p.start.date() for p in over.periods] == [dt.date(2026, 1, 1),
                                                      dt.date(2026, 2, 1),
                                                      dt.date(2026, 3, 1)]


def test_over_time_equals_as_of_evaluation_at_each_period_end() -> None:
    data = sample.generate(150)
    store = lr.MemoryStore(data.leads, data.events)
    funnel = lr.parse(SPEC_RULES).funnel("pipeline")
    over = funnel.over_time(store, "week", "2026-09-20", data.as_of)
    assert over.periods[-1].complete is False
    assert over.periods[-1].report.as_of == data.as_of
    for p in over.periods:
        expected = funnel.report(store, p.report.as_of)
        if p.complete:
            assert p.report.as_of == p.end - dt.timedelta(microseconds=1)
        assert p.report.stages == expected.stages
        assert p.start.weekday() == 0                  # weeks start on Monday


def test_period_boundaries_are_in_the_evaluation_time_zone() -> None:
    funnel = lr.parse(PIPE).funnel("pipe")
    store = lifecycle_store()                          # D: 2026-01-31 20:00 UTC = Feb 1 JST
    utc = funnel.over_time(store, "month", "2026-01-01", "2026-02-28")
    tokyo = funnel.over_time(store, "month", "2026-01-01", "2026-02-28",
                             timezone="Asia/Tokyo")
    assert utc.periods[0].report.stages[0].count == 2
    assert tokyo.periods[0].report.stages[0].count == 1
    assert tokyo.periods[0].end == dt.datetime(2026, 1, 31, 15, tzinfo=UTC)


def test_over_time_rejects_since_after_until_and_unknown_periods() -> None:
    funnel = lr.parse(PIPE).funnel("pipe")
    with pytest.raises(UsageError, match="after"):
        funnel.over_time(pipe_store(), "month", "2026-05-01", "2026-04-01")
    with pytest.raises(UsageError, match="unknown period"):
        funnel.over_time(pipe_store(), "year", "2026-01-01", "2026-04-01")  # type: ignore[arg-type]


# The SPEC's segment and funnels, with a smaller engagement model.
SPEC_RULES = spec_rules("hot_leads", "pipeline", "web_to_deal") + """
scoring engagement {
  tracking { path starts with "/pricing" }    => +10 per event
  application { form = "contact" }            => +50 once
  decay half-life 30 days
}
"""


# ------------------------------------------------------------------ ordered funnels

ORDERED = """
funnel od ordered within 7 days {
  visited: tracking { path starts with "/pricing" }
  applied: application { form = "contact" }
  met:     activity { type = "visit" }
}
"""


def ordered_store() -> lr.MemoryStore:
    def visit(i: str, t: dt.datetime, path: str = "/pricing/a") -> dict[str, Any]:
        return {"lead_id": i, "occurred_at": t, "path": path}

    def apply(i: str, t: dt.datetime) -> dict[str, Any]:
        return {"lead_id": i, "occurred_at": t, "form": "contact"}

    def meet(i: str, t: dt.datetime) -> dict[str, Any]:
        return {"lead_id": i, "occurred_at": t, "type": "visit"}

    tracking = [visit("O1", T0), visit("O2", T0), visit("O3", T0 + DAY), visit("O4", T0),
                visit("O5", T0), visit("O5", T0 + 5 * DAY), visit("O6", T0, "/"),
                visit("O7", T0), visit("O8", T0)]
    application = [apply("O1", T0 + DAY), apply("O2", T0), apply("O3", T0),
                   apply("O4", T0 + 8 * DAY), apply("O5", T0 + 10 * DAY),
                   apply("O6", T0 + DAY), apply("O7", T0 + 7 * DAY), apply("O8", AS_OF + DAY)]
    activity = [meet("O1", T0 + 3 * DAY), meet("O5", T0 + 11 * DAY)]
    leads = [lead(f"O{i}") for i in range(1, 9)]
    return lr.MemoryStore(leads, {"tracking": tracking, "application": application,
                                  "activity": activity})


@pytest.fixture
def ordered() -> FunnelReport:
    return lr.parse(ORDERED).funnel("od").report(ordered_store(), AS_OF)


def test_ordered_funnel_follows_events_in_time_inside_the_window(ordered: FunnelReport
                                                                  ) -> None:
    assert ordered["visited"].reached == ("O1", "O2", "O3", "O4", "O5", "O7", "O8")
    # O2 applied at the same instant as its visit (in order); O7 exactly at the window's
    # end (inclusive); O5 from its second visit.  O3 applied before visiting, O4 after
    # the window, O8 after as_of.
    assert ordered["applied"].reached == ("O1", "O2", "O5", "O7")
    assert ordered["met"].reached == ("O1", "O5")


def test_time_to_convert_median_and_mean_per_step(ordered: FunnelReport) -> None:
    applied = ordered["applied"].time_to_convert
    met = ordered["met"].time_to_convert
    assert applied is not None and met is not None
    # gaps 0, 1, 5 and 7 days
    assert applied.median == 3 * DAY and applied.mean == dt.timedelta(days=3, hours=6)
    # O1: 2 days, O5: 1 day
    assert met.median == met.mean == dt.timedelta(days=1, hours=12)
    assert ordered["visited"].time_to_convert is None
    stage = ordered.to_dict()["stages"][1]
    assert stage["time_to_convert"] == {"median_seconds": 3 * 86400.0,
                                        "mean_seconds": 3.25 * 86400, "leads": 4,
                                        # 4 leads: 4 bins of 1.75 days over 0 … 7 days
                                        "histogram": [
                                            {"from_seconds": 0, "to_seconds": 151200,
                                             "leads": 2},
                                            {"from_seconds": 151200, "to_seconds": 302400,
                                             "leads": 0},
                                            {"from_seconds": 302400, "to_seconds": 453600,
                                             "leads": 1},
                                            {"from_seconds": 453600, "to_seconds": 604800,
                                             "leads": 1}]}


def test_ordered_stage_selection_uses_the_evaluators_conditions() -> None:
    # The stage's braces are compiled by the evaluator's code generator: case-insensitive
    # prefix and as_of-relative dates behave exactly as in a segment.
    rules = lr.parse(ORDERED.replace('path starts with "/pricing"',
                                     'path starts with "/PRICING"; occurred_at within 28 days')
                     + '\nsegment s { match tracking { path starts with "/PRICING"; '
                       'occurred_at within 28 days } exists }')
    store = ordered_store()
    report = rules.funnel("od").report(store, AS_OF)
    assert list(report["visited"].reached) == rules.segment("s").select(store, AS_OF)


TWO_VISITS = """
funnel tv ordered within 7 days {
  visited: tracking { path starts with "/pricing" }
  applied: application { form = "contact" }
}
"""


def two_visits_store() -> lr.MemoryStore:
    return lr.MemoryStore([lead("V")], {
        "tracking": [{"lead_id": "V", "occurred_at": T0, "path": "/pricing"},
                     {"lead_id": "V", "occurred_at": T0 + 2 * DAY, "path": "/pricing"}],
        "application": [{"lead_id": "V", "occurred_at": T0 + 3 * DAY, "form": "contact"}]})


def test_the_anchor_decides_which_chain_is_measured_not_the_counts() -> None:
    funnel = lr.parse(TWO_VISITS).funnel("tv")
    first = funnel.report(two_visits_store(), AS_OF)
    last = funnel.report(two_visits_store(), AS_OF, anchor="last")
    assert [s.count for s in first.stages] == [s.count for s in last.stages] == [1, 1]
    ttc_first, ttc_last = first["applied"].time_to_convert, last["applied"].time_to_convert
    assert ttc_first is not None and ttc_first.median == 3 * DAY
    assert ttc_last is not None and ttc_last.median == DAY
    with pytest.raises(UsageError, match="unknown anchor"):
        funnel.report(two_visits_store(), AS_OF, anchor="latest")  # type: ignore[call-overload]


def test_a_step_never_reuses_the_previous_steps_event() -> None:
    rules = lr.parse("""
funnel again ordered within 30 days {
  signed_up: application { form = "trial" }
  again:     application { form = "trial" }
}""")
    once = {"lead_id": "A", "occurred_at": T0, "form": "trial"}
    store = lr.MemoryStore([lead("A"), lead("B")], {"application": [
        once, {**once, "lead_id": "B"}, {**once, "lead_id": "B", "occurred_at": T0 + DAY}]})
    report = rules.funnel("again").report(store, AS_OF)
    assert report["signed_up"].reached == ("A", "B")
    assert report["again"].reached == ("B",)
    ttc = report["again"].time_to_convert
    assert ttc is not None and ttc.median == DAY


# ------------------------------------------------------------------------ output


def test_json_has_exactly_the_spec_keys_first(pipe: FunnelReport) -> None:
    data = json.loads(pipe.to_json({"won": 2}))
    assert list(data)[:2] == ["stages", "required"]
    assert data["stages"][1] == {"name": "engaged", "count": 4, "rate": 2 / 3,
                                 "overall": 2 / 3, "drop_off": 2}
    assert data["required"] == {"generated": 12, "engaged": 8, "qualified": 6, "won": 2}
    assert "required" not in pipe.to_dict()


def test_table_and_csv_use_the_json_columns(pipe: FunnelReport) -> None:
    csv = pipe.to_csv({"won": 2}).splitlines()
    assert csv[0] == "name,count,rate,overall,drop_off,required"
    assert csv[-1] == "won,1,0.3333333333333333,0.16666666666666666,2,2"
    assert "66.7%" in pipe.to_text()


# --------------------------------------------------------------------------- CLI


@pytest.fixture(scope="module")
def cli_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("funnel")
    data = sample.generate(120)
    sample.write_csv(data, folder / "data")
    rules = folder / "spec.rules"
    rules.write_text(SPEC_RULES, encoding="utf-8")
    return rules, folder / "data", data.as_of.isoformat()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_with_a_target_matches_the_api(cli_data: tuple[Path, Path, str],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    rules, data, as_of = cli_data
    code, out, _ = run(capsys, "funnel", str(rules), "pipeline", "--data", str(data),
                       "--as-of", as_of, "--target", "won=10", "--format", "json")
    assert code == 0
    got = json.loads(out)
    api_rules, store = load_rules_and_data(str(rules), str(data))
    report = api_rules.funnel("pipeline").report(store, as_of)
    assert got["stages"] == report.to_dict()["stages"]
    assert got["required"] == report.required(won=10)
    assert list(got["required"]) == ["generated", "nurtured", "qualified", "opportunity",
                                     "won"]


def test_cli_by_every_and_who(cli_data: tuple[Path, Path, str],
                              capsys: pytest.CaptureFixture[str]) -> None:
    rules, data, as_of = cli_data
    base = ["funnel", str(rules), "pipeline", "--data", str(data), "--as-of", as_of]
    code, out, _ = run(capsys, *base, "--by", "lead_source", "--format", "json")
    by = json.loads(out)
    assert code == 0 and by["by"] == "lead_source"
    assert sum(g["stages"][0]["count"] for g in by["groups"]) == by["stages"][0]["count"]
    code, out, _ = run(capsys, *base, "--every", "month", "--since", "2026-08-01",
                       "--format", "json")
    periods = json.loads(out)["periods"]
    assert code == 0 and len(periods) == 4
    assert periods[0]["stages"][0]["name"] == "generated"
    assert "entered" in periods[0]["stages"][0]
    code, out, _ = run(capsys, *base, "--who", "won")
    assert code == 0 and out.split() == sorted(out.split())


def test_cli_chart_writes_a_valid_svg(cli_data: tuple[Path, Path, str], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    rules, data, as_of = cli_data
    target = tmp_path / "funnel.svg"
    code, _, _ = run(capsys, "funnel", str(rules), "pipeline", "--data", str(data),
                     "--as-of", as_of, "--chart", str(target), "--format", "csv")
    assert code == 0
    root = ET.parse(target).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "won" in texts and any("Lead pipeline" in (t or "") for t in texts)
    over = tmp_path / "over.html"
    code, _, _ = run(capsys, "funnel", str(rules), "pipeline", "--data", str(data),
                     "--as-of", as_of, "--every", "month", "--since", "2026-09-01",
                     "--chart", str(over), "--format", "json")
    assert code == 0 and "<svg" in over.read_text(encoding="utf-8")


def test_chart_escapes_labels_and_keeps_japanese(tmp_path: Path) -> None:
    from leadrules.funnel_chart import write_chart
    rules = lr.parse('funnel f "見込み <&> 案件" { 獲得: all\n 受注: status = "won" }')
    report = rules.funnel("f").report(pipe_store(), AS_OF)
    target = write_chart(tmp_path / "f.svg", report)
    texts = [t.text or "" for t in ET.parse(target).getroot().iter(
        "{http://www.w3.org/2000/svg}text")]
    assert any("見込み <&> 案件" in t for t in texts) and "受注" in texts


@pytest.mark.parametrize("extra, message", [
    (["--target", "won"], "bad --target"),
    (["--target", "wom=3"], "did you mean 'won'"),
    (["--every", "month"], "--every needs --since"),
    (["--since", "2026-01-01"], "need --every"),
    (["--chart", "x.png"], "FILE.svg"),
])
def test_cli_usage_errors_exit_2(cli_data: tuple[Path, Path, str], extra: list[str],
                                 message: str, capsys: pytest.CaptureFixture[str]) -> None:
    rules, data, as_of = cli_data
    code, _, err = run(capsys, "funnel", str(rules), "pipeline", "--data", str(data),
                       "--as-of", as_of, *extra)
    assert code == 2 and message in err


def test_cli_event_field_breakdown_with_attribution_matches_the_api(
        cli_data: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    rules, data, as_of = cli_data
    code, out, _ = run(capsys, "funnel", str(rules), "web_to_deal", "--data", str(data),
                       "--as-of", as_of, "--by", "application.campaign",
                       "--attribution", "applied", "--format", "json")
    assert code == 0
    got = json.loads(out)
    assert got["by"] == "application.campaign" and got["attribution"] == "applied"
    loaded, store = load_rules_and_data(str(rules), str(data))
    api = loaded.funnel("web_to_deal").report(store, as_of, by="application.campaign",
                                              attribution="applied")
    assert got == json.loads(json.dumps(api.to_dict()))
    # Leads that never applied have no campaign: (missing), with nobody past `visited`.
    missing = next(g for g in api.groups if g.value is None)
    assert missing.report["applied"].count == 0
    assert sum(g.report["applied"].count for g in api.groups) == api.total["applied"].count


def test_cli_csv_gives_times_in_seconds(cli_data: tuple[Path, Path, str],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    rules, data, as_of = cli_data
    code, out, _ = run(capsys, "funnel", str(rules), "web_to_deal", "--data", str(data),
                       "--as-of", as_of, "--format", "csv")
    assert code == 0
    header, first, second, *_ = out.splitlines()
    assert header == "name,count,rate,overall,drop_off,median_seconds,mean_seconds"
    assert first.endswith(",,")  # no time-to-convert into the first step
    loaded, store = load_rules_and_data(str(rules), str(data))
    ttc = loaded.funnel("web_to_deal").report(store, as_of)["applied"].time_to_convert
    assert ttc is not None
    assert second.split(",")[5:] == [str(ttc.median.total_seconds()),
                                     str(ttc.mean.total_seconds())]


@pytest.mark.parametrize("extra, message", [
    (["--by", "application.campain"], "did you mean 'campaign'"),
    (["--by", "aplication.campaign"], "did you mean 'application'"),
    (["--by", "mail.campaign"], "no stage of funnel 'web_to_deal' reads mail events"),
    (["--by", "application.campaign", "--attribution", "first"], "first stage"),
    (["--by", "application.campaign", "--attribution", "met"], "reads no application"),
    (["--by", "application.campaign", "--attribution", "aplied"], "did you mean 'applied'"),
    (["--by", "application.occurred_at"], "datetime field"),
    (["--attribution", "last"], "--attribution needs --by"),
])
def test_cli_event_breakdown_mistakes_exit_2(cli_data: tuple[Path, Path, str],
                                             extra: list[str], message: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    rules, data, as_of = cli_data
    code, _, err = run(capsys, "funnel", str(rules), "web_to_deal", "--data", str(data),
                       "--as-of", as_of, *extra)
    assert code == 2 and message in err, err


def test_a_plain_funnel_cannot_break_down_by_an_event_field(cli_data: tuple[Path, Path, str],
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    rules, data, as_of = cli_data
    code, _, err = run(capsys, "funnel", str(rules), "pipeline", "--data", str(data),
                       "--as-of", as_of, "--by", "mail.campaign")
    assert code == 2 and "needs an ordered funnel" in err


def test_histogram_bins_are_whole_seconds_and_hold_every_lead() -> None:
    from leadrules.funnel import Bin, histogram
    second = 10**6
    assert histogram([]) == ()
    assert histogram([5 * second]) == (Bin(5, 6, 1),)
    assert histogram([1500000, 1500000]) == (Bin(1, 2, 2),)
    # 0 … 95 s over 20 leads: 10 bins of 10 s, the last holding 95.
    bins = histogram(sorted(k * 5 * second for k in range(20)))
    assert [(b.start, b.end) for b in bins] == [(10 * i, 10 * i + 10) for i in range(10)]
    assert [b.leads for b in bins] == [2] * 10
    # The longest time on the last edge belongs to the last bin.
    assert histogram([0, 10 * second]) == (Bin(0, 5, 1), Bin(5, 10, 1))


def test_windows_in_seconds() -> None:
    rules = lr.parse("""
funnel quick ordered within 30 seconds {
  visited: tracking { path starts with "/pricing" }
  applied: application
}
segment recent { 1: tracking { occurred_at within 90 seconds } exists }""")
    at = AS_OF - dt.timedelta(seconds=60)
    store = lr.MemoryStore([lead("A"), lead("B")], {
        "tracking": [{"lead_id": "A", "occurred_at": at, "path": "/pricing"},
                     {"lead_id": "B", "occurred_at": at - DAY, "path": "/pricing"}],
        "application": [{"lead_id": "A", "occurred_at": at + dt.timedelta(seconds=30)},
                        {"lead_id": "B", "occurred_at": at - DAY + dt.timedelta(seconds=31)}]})
    assert rules.funnel("quick").report(store, AS_OF)["applied"].reached == ("A",)
    assert rules.segment("recent").select(store, AS_OF) == ["A"]


def test_any_order_reports_completed_steps() -> None:
    rules = lr.parse("""
funnel anyway any order within 7 days {
  visited: tracking { path starts with "/pricing" }
  applied: application { form = "contact" }
  met:     activity { type = "visit" }
}""")
    report = rules.funnel("anyway").report(ordered_store(), AS_OF)
    assert report.stage_names == ("completed_1", "completed_2", "completed_3")
    assert report.to_dict()["order"] == "any order"
    # O3 applied before visiting: in any order that is two steps.  O4 applied 8 days
    # after its visit (outside the window); O6's visit is not a pricing page.
    assert report["completed_1"].count == 8
    assert report["completed_2"].reached == ("O1", "O2", "O3", "O5", "O7")
    assert report["completed_3"].reached == ("O1", "O5")
    assert report.required(completed_3=2)["completed_1"] == 8


def test_days_are_calendar_days_in_the_time_zone_hours_are_exact() -> None:
    # docs/funnels.md, "Windows": across the end of summer time in Berlin.
    from leadrules import ast
    from leadrules.funnel import add_window
    berlin = ZoneInfo("Europe/Berlin")
    start = dt.datetime(2026, 10, 20, 12, tzinfo=berlin)
    days = add_window(start, ast.Within(14, "days"), berlin)
    hours = add_window(start, ast.Within(336, "hours"), berlin)
    assert days.astimezone(berlin) == dt.datetime(2026, 11, 3, 12, tzinfo=berlin)
    assert days - start == dt.timedelta(hours=337) and hours - start == dt.timedelta(hours=336)
