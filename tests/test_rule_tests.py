"""Rule tests written by users (`leadrules test`, `Rules.test`): the TOML format,
failures with their line and the lead's explanation, JUnit XML, bad files."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import leadrules as lr
from leadrules.cli import main
from leadrules.toml_positions import positions

RULES = """\
segment pricing "Looked at pricing" {
  match tracking { path starts with "/pricing"; occurred_at within 30 days } count >= 2
}

segment contacted {
  match activity exists
}

grading fit {
  start D
  employees >= 100         => +1
  title contains "manager" => +2/3
}

scoring interest {
  tracking { path starts with "/pricing" } => +10 per event, max 30
  application { form = "contact" }         => +50 once
}

tiers follow_up using interest, fit {
  exclude: is_competitor
  hot:  score >= 50 and grade >= C
  warm: score >= 20
  cold: otherwise
}

funnel pipeline {
  generated: all
  engaged:   segment pricing
  contacted: segment contacted
}
"""

# A1 by hand: two /pricing views in the last 30 days (in `pricing`; 2 x 10 = 20
# points) and a contact form (+50): interest 70.  Fit: D, +1 letter for 250
# employees = C, +2/3 for the manager title = two notches = B-.  Tier: 70 >= 50
# and B- >= C: hot.  Pipeline: in `pricing` (engaged), no activity (not contacted).
PASSING = """\
as_of = 2026-11-20T09:00:00Z

[[test]]
name = "a manager who looked at pricing and asked to be contacted is hot"
lead = { id = "A1", employees = 250, title = "Marketing manager" }
events.tracking = [
  { occurred_at = 2026-11-18T10:00:00Z, path = "/pricing" },
  { occurred_at = "2026-11-19T19:00:00+09:00", path = "/pricing/enterprise" },
]
events.application = [{ occurred_at = 2026-11-19, form = "contact" }]
expect.in = ["pricing"]
expect.not_in = ["contacted"]
expect.score = { interest = 70 }
expect.grade = { fit = "B-" }
expect.tier = { follow_up = "hot" }
expect.stage = { pipeline = "engaged" }

[[test]]
name = "a competitor gets no tier"
lead = { id = "C1", is_competitor = true }
expect.tier.follow_up = false
expect.score.interest = { max = 0 }
"""

# The same lead with three wrong expectations: grade (line 9), tier (line 10)
# and the segment (line 8, written first so reported first).
FAILING = """\
as_of = 2026-11-20T09:00:00Z

[[test]]
name = "wrong on purpose"
lead = { id = "A1", employees = 250, title = "Marketing manager" }
events.tracking = [{ occurred_at = 2026-11-18T10:00:00Z, path = "/pricing" }]
events.application = [{ occurred_at = 2026-11-19, form = "contact" }]
expect.in = ["pricing"]
expect.grade.fit = "C+"
expect.tier.follow_up = "warm"
expect.score.interest = 60

[[test]]
name = "passes"
lead = { id = "B1" }
expect.not_in = ["pricing", "contacted"]
"""


@pytest.fixture()
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hot.rules").write_text(RULES, encoding="utf-8")
    (tmp_path / "passing.toml").write_text(PASSING, encoding="utf-8")
    (tmp_path / "failing.toml").write_text(FAILING, encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write(name: str, text: str) -> str:
    Path(name).write_text(textwrap.dedent(text), encoding="utf-8")
    return name


# ------------------------------------------------------------------ the CLI


def test_passing_tests_exit_0_with_one_line_each(capsys: pytest.CaptureFixture[str],
                                                 files: Path) -> None:
    code, out, err = run(capsys, "test", "hot.rules", "passing.toml")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "ok    passing.toml:3: a manager who looked at pricing and asked to be contacted is hot",
        "ok    passing.toml:18: a competitor gets no tier",
        "2 tests: 2 passed, 0 failed",
    ]


def test_failures_name_the_line_and_explain_the_lead(capsys: pytest.CaptureFixture[str],
                                                     files: Path) -> None:
    code, out, _ = run(capsys, "test", "hot.rules", "failing.toml")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == ("FAIL  failing.toml:3: wrong on purpose (lead A1, as of "
                        "2026-11-20T09:00:00+00:00)")
    # One /pricing view: not in `pricing` (needs 2); 10 + 50 = 60 points; grade B-;
    # 60 >= 50 and B- >= C: hot.
    failures = [line for line in lines if line.startswith("  failing.toml:")]
    assert failures == [
        "  failing.toml:8: expected in segment pricing, got not in the segment",
        "  failing.toml:9: expected grade fit = C+, got B-",
        "  failing.toml:10: expected tier follow_up = warm, got hot",
    ]
    # The explanations, indented under each failure.
    assert "      ✗ segment pricing \"Looked at pricing\"  — not in the segment" in lines
    assert "      grade fit for A1: B- (start D)" in lines
    assert "      tiers follow_up for A1: hot" in lines
    assert "        ✓ hot: score >= 50 and grade >= C" in lines
    assert "ok    failing.toml:13: passes" in lines
    assert lines[-1] == "2 tests: 1 passed, 1 failed"


def test_junit_xml_for_ci(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, out, _ = run(capsys, "test", "hot.rules", "passing.toml", "failing.toml",
                       "--junit", "report.xml")
    assert code == 1
    assert "4 tests: 3 passed, 1 failed" in out
    root = ET.parse("report.xml").getroot()
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "4", "1")
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert sorted(suites) == ["failing.toml", "passing.toml"]
    cases = suites["failing.toml"].findall("testcase")
    assert [(c.get("name"), c.get("line")) for c in cases] == [("wrong on purpose", "3"),
                                                               ("passes", "13")]
    failure = cases[0].find("failure")
    assert failure is not None and cases[1].find("failure") is None
    assert failure.get("message") == ("failing.toml:8: expected in segment pricing, "
                                      "got not in the segment")
    assert "failing.toml:10: expected tier follow_up = warm, got hot" in (failure.text or "")
    code, out, _ = run(capsys, "test", "hot.rules", "failing.toml", "--format", "junit")
    assert code == 1
    assert ET.fromstring(out).get("failures") == "1"


def test_a_folder_runs_its_toml_files(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    (files / "suite").mkdir()
    (files / "suite" / "b.toml").write_text(PASSING, encoding="utf-8")
    (files / "suite" / "nested").mkdir()
    (files / "suite" / "nested" / "a.toml").write_text(PASSING, encoding="utf-8")
    code, out, _ = run(capsys, "test", "hot.rules", "suite")
    assert code == 0
    assert out.splitlines()[-1] == "4 tests: 4 passed, 0 failed"
    assert out.index("suite/b.toml:3") < out.index("suite/nested/a.toml:3")


def test_a_bad_test_file_names_every_problem(capsys: pytest.CaptureFixture[str],
                                             files: Path) -> None:
    write("bad.toml", """\
        as_of = 2026-11-20
        [[test]]
        lead = { id = "B1", employes = 250, created_at = "yesterday" }
        events.trackin = [{ occurred_at = 2026-11-18 }]
        events.mail = [{ kind = "open" }]
        expect.in = ["pricng"]
        expect.grade = { fit = "Z" }
        expect.tier = { follow_up = "hott", pipeline = "x" }
        expect.stag = {}
        """)
    code, out, err = run(capsys, "test", "hot.rules", "bad.toml")
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    heads = [line for line in err.splitlines() if line.startswith("bad.toml:")]
    assert heads == [
        "bad.toml:3:21: error: unknown field 'employes' for lead",
        "bad.toml:3:37: error: lead field 'created_at': 'yesterday' is not an ISO-8601 date "
        "or datetime",
        "bad.toml:4:1: error: unknown source 'trackin'",
        "bad.toml:5:16: error: mail event field 'occurred_at': no value",
        "bad.toml:6:14: error: no segment named 'pricng' in the rules",
        "bad.toml:7:18: error: 'Z' is not a grade",
        "bad.toml:8:17: error: 'hott' is not a tier of follow_up",
        "bad.toml:8:37: error: 'pipeline' is a funnel, not a tiers declaration",
        "bad.toml:9:1: error: unknown key 'stag' in expect",
    ]
    for hint in ("did you mean 'employees'?", "did you mean 'tracking'?",
                 "did you mean 'pricing'?", "did you mean 'hot'? (or false for none)",
                 "did you mean 'stage'?", "expect.stage tests a funnel"):
        assert f"  {hint}" in err.splitlines()
    # The caret sits under the key.
    assert "  3 | lead = { id = \"B1\", employes = 250, created_at = \"yesterday\" }" in err
    assert "                          ^" in err.splitlines()


def test_not_toml_and_not_utf8(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    write("broken.toml", """\
        as_of = 2026-11-20
        [[test]
        """)
    code, _, err = run(capsys, "test", "hot.rules", "broken.toml")
    assert code == 1
    assert err.splitlines()[0] == ("broken.toml:2:7: error: not valid TOML: expected ']]' at "
                                   "the end of an array declaration")
    Path("sjis.toml").write_bytes('[[test]]\nname = "見込み客"\n'.encode("shift_jis"))
    code, _, err = run(capsys, "test", "hot.rules", "sjis.toml")
    assert code == 1
    assert err.startswith("sjis.toml:2:9: error: the test file is not UTF-8")
    code, _, err = run(capsys, "test", "hot.rules", "missing.toml")
    assert code == 2
    assert "cannot read test file" in err


def test_every_test_needs_an_as_of_and_an_expectation(capsys: pytest.CaptureFixture[str],
                                                      files: Path) -> None:
    write("vague.toml", """\
        [[test]]
        name = "no time"
        expect.in = ["pricing"]

        [[test]]
        name = "no expectation"
        as_of = "next tuesday"
        """)
    code, _, err = run(capsys, "test", "hot.rules", "vague.toml")
    assert code == 1
    heads = [line for line in err.splitlines() if line.startswith("vague.toml:")]
    assert heads == ["vague.toml:1:1: error: test 'no time' has no as_of",
                     "vague.toml:5:1: error: test 'no expectation' expects nothing",
                     "vague.toml:7:1: error: as_of 'next tuesday' is not an ISO-8601 date or "
                     "date-time"]


def test_events_belong_to_the_tests_lead(capsys: pytest.CaptureFixture[str],
                                         files: Path) -> None:
    write("other.toml", """\
        as_of = 2026-11-20
        [[test]]
        lead = { id = "A1" }
        events.activity = [{ lead_id = "Z9", occurred_at = 2026-11-01 }]
        expect.in = ["contacted"]
        """)
    code, _, err = run(capsys, "test", "hot.rules", "other.toml")
    assert code == 1
    assert err.splitlines()[0] == ("other.toml:4:22: error: activity event 1 belongs to lead "
                                   "'Z9', not to this test's lead 'A1'")


def test_data_gives_the_schema_of_extra_columns(capsys: pytest.CaptureFixture[str],
                                                files: Path) -> None:
    (files / "crm").mkdir()
    (files / "crm" / "lead.csv").write_text("id,owner\nL1,sato\n", encoding="utf-8")
    write("owner.rules", """\
        segment satos {
          match owner = "sato"
        }
        """)
    write("owner.toml", """\
        as_of = 2026-11-20
        [[test]]
        lead = { id = "X", owner = "sato" }
        expect.in = ["satos"]
        """)
    code, out, _ = run(capsys, "test", "owner.rules", "owner.toml", "--data", "crm")
    assert (code, out.splitlines()[-1]) == (0, "1 test: 1 passed, 0 failed")
    # Without the data the rules do not check: `owner` is not a field.
    code, _, err = run(capsys, "test", "owner.rules", "owner.toml")
    assert code == 1
    assert "unknown field 'owner'" in err


# ------------------------------------------------------------------ the API


def test_rules_test_returns_a_report(files: Path) -> None:
    rules = lr.load("hot.rules")
    report = rules.test("passing.toml", "failing.toml")
    assert (report.ok, report.passed, report.failed) == (False, 3, 1)
    [case] = [c for c in report.cases if not c.passed]
    assert (case.name, case.lead_id, case.line, case.expectations) == (
        "wrong on purpose", "A1", 3, 4)
    got = [(f.expectation.kind, f.expectation.name, f.expectation.line, f.got)
           for f in case.failures]
    assert got == [("in", "pricing", 8, "not in the segment"), ("grade", "fit", 9, "B-"),
                   ("tier", "follow_up", 10, "hot")]
    assert report.to_dict()["failed"] == 1
    assert str(report).endswith("4 tests: 3 passed, 1 failed")


def test_a_bad_file_is_a_data_error_with_positions(files: Path) -> None:
    write("bad.toml", """\
        as_of = 2026-11-20
        [[test]]
        lead = { id = "B1", employees = "many" }
        expect.in = ["pricing"]
        """)
    with pytest.raises(lr.DataError) as caught:
        lr.load("hot.rules").test("bad.toml")
    d = caught.value.first
    assert (d.file, d.line, d.column, d.message) == (
        "bad.toml", 3, 21, "lead field 'employees': 'many' is not a number")


def test_values_are_read_as_data_files_read_them(files: Path) -> None:
    # Text dates with offsets, bare dates, tags as "a|b" or as a list, numbers as
    # text: the same conversions as a CSV / JSON Lines folder.
    write("values.rules", """\
        segment tagged {
          match tags contains "vip" and employees >= 100 and created_at < 2026-11-01
        }
        """)
    write("values.toml", """\
        as_of = 2026-11-20
        [[test]]
        name = "text forms"
        expect.in = ["tagged"]
        [test.lead]
        id = "T1"
        tags = "partner|vip"
        employees = "120"
        created_at = "2026-10-31T23:30:00+09:00"

        [[test]]
        name = "an offset moves the instant"
        lead = { id = "T0", tags = "vip", employees = 120, created_at = "2026-10-31T23:30-01:00" }
        expect.not_in = ["tagged"]

        [[test]]
        name = "TOML forms"
        lead = { id = "T2", tags = ["vip"], employees = 120.0, created_at = 2026-10-31 }
        expect.in = ["tagged"]

        [[test]]
        name = "created after as_of: it does not exist"
        lead = { id = "T3", created_at = 2026-12-01T00:00:00Z }
        expect.not_in = ["tagged"]
        expect.score.default = 0
        """)
    report = lr.load("values.rules").test("values.toml")
    # T0 was created 2026-11-01T00:30Z (not before November): not in.
    assert [c.passed for c in report.cases] == [True, True, True, False]
    [failure] = report.cases[3].failures
    assert failure.got == "nothing (the lead was created after as_of)"


def test_scores_with_bounds_and_tolerance(files: Path) -> None:
    write("bounds.toml", """\
        as_of = 2026-11-20T09:00:00Z
        [[test]]
        lead = { id = "A1" }
        events.tracking = [{ occurred_at = 2026-11-18, path = "/pricing" }]
        expect.score.interest = 10.0000000001
        [[test]]
        lead = { id = "A2" }
        events.tracking = [{ occurred_at = 2026-11-18, path = "/pricing" }]
        expect.score.interest = { min = 5, max = 10 }
        [[test]]
        lead = { id = "A3" }
        events.tracking = [{ occurred_at = 2026-11-18, path = "/pricing" }]
        expect.score.interest = { min = 11 }
        """)
    report = lr.load("hot.rules").test("bounds.toml")
    assert [c.passed for c in report.cases] == [True, True, False]
    assert report.cases[2].failures[0].message == "expected score interest >= 11, got 10"


def test_stage_and_no_stage(files: Path) -> None:
    write("stages.toml", """\
        as_of = 2026-11-20
        [[test]]
        lead = { id = "S1" }
        events.activity = [{ occurred_at = 2026-11-01 }]
        expect.stage.pipeline = "contacted"
        [[test]]
        lead = { id = "S2" }
        expect.stage.pipeline = "engaged"
        """)
    report = lr.load("hot.rules").test("stages.toml")
    assert [c.passed for c in report.cases] == [True, False]
    failure = report.cases[1].failures[0]
    assert failure.message == "expected stage pipeline = engaged, got generated"
    assert "✗ engaged: segment pricing" in failure.explanation.splitlines()


# ----------------------------------------------------------- TOML positions


def test_positions_of_keys_tables_and_array_elements() -> None:
    text = textwrap.dedent("""\
        a = 1  # comment
        [[test]]
        name = "has # and ]"
        events.x = [
          { at = 1, s = '''multi
        line''' },
          { at = 2 },
        ]
        [test.expect]
        score.m = 3
        [[test]]
        "quoted key" = 1
        [[test.events.y]]
        k = 1
        [[test.events.y]]
        k = 2
        """)
    where = positions(text)
    assert where[("a",)] == (1, 1)
    assert where[("test", 0)] == (2, 1)
    assert where[("test", 0, "name")] == (3, 1)
    assert where[("test", 0, "events", "x", 0, "s")] == (5, 13)
    assert where[("test", 0, "events", "x", 1)] == (7, 3)
    assert where[("test", 0, "expect", "score", "m")] == (10, 1)
    assert where[("test", 1, "quoted key")] == (12, 1)
    assert where[("test", 1, "events", "y", 1, "k")] == (16, 1)


def test_common_slips_get_a_hint(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, _, err = run(capsys, "test", "passing.toml", "hot.rules")
    assert code == 2
    assert err.splitlines() == ["leadrules: error: passing.toml looks like a test file, not rules",
                                "  the rules file comes first: leadrules test RULES TESTS…"]
    write("slips.toml", """\
        as_of = 2026-11-20
        [[test]]
        expect.segment = ["pricing"]
        [[test]]
        expect.in = []
        """)
    code, _, err = run(capsys, "test", "hot.rules", "slips.toml")
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "slips.toml:3:1: error: unknown key 'segment' in expect"
    assert lines[3] == ('  segments go in expect.in (or expect.not_in): '
                        'expect.in = ["hot_leads"]')
    assert "slips.toml:4:1: error: test 'test 2' expects nothing" in lines


def test_a_data_folder_as_a_test_file_gives_the_folders_answers(tmp_path: Path) -> None:
    # The sample's CSV cells (datetimes with and without offsets, '|' tags,
    # true/false, Japanese text) copied verbatim into a test file as TOML
    # strings: every lead must get, through the test file, exactly the answers
    # the folder gives through the loaders — the two paths read values alike.
    import csv
    import json

    from leadrules import sample
    from leadrules.cli.rules import DEMO_RULES

    generated = sample.generate(60, seed=5)
    folder = tmp_path / "data"
    sample.write_csv(generated, folder)
    rules = lr.load(DEMO_RULES)
    store = lr.MemoryStore.from_folder(folder, rules.schema)
    as_of = sample.AS_OF

    def rows(name: str) -> list[dict[str, str]]:
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            return [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(f)]

    events: dict[str, dict[str, list[dict[str, str]]]] = {}
    for source in rules.schema.source_names:
        if (folder / f"{source}.csv").exists():
            for row in rows(source):
                lead_id = row.pop("lead_id")
                events.setdefault(lead_id, {}).setdefault(source, []).append(row)

    def inline(record: dict[str, str]) -> str:
        return "{ " + ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}"
                                for k, v in record.items()) + " }"

    segments = rules.segment_names
    inside = {name: set(rules.segment(name).select(store, as_of)) for name in segments}
    scores = {r[0]: r[1] for r in rules.scoring("default").score(store, as_of).rows}
    grades = {r[0]: r[1] for r in rules.grading("fit").grade(store, as_of).rows}
    tiers = {r[0]: r[1] for r in rules.tiers("follow_up").assign(store, as_of).rows}
    pipeline = rules.funnel("pipeline")
    depths = pipeline.depths(store, as_of)
    text = [f"as_of = {as_of.isoformat()}"]
    for lead in rows("lead"):
        lead_id = lead["id"]
        if lead_id not in scores:  # created after as_of: nothing to expect but absence
            continue
        text.append(f"\n[[test]]\nname = {json.dumps(lead_id)}\nlead = {inline(lead)}")
        for source, records in events.get(lead_id, {}).items():
            text.append(f"events.{source} = [\n" + "".join(
                f"  {inline(r)},\n" for r in records) + "]")
        member = [s for s in segments if lead_id in inside[s]]
        text.append(f"expect.in = {json.dumps(member)}")
        text.append(f"expect.not_in = {json.dumps([s for s in segments if s not in member])}")
        text.append(f"expect.score.default = {scores[lead_id]!r}")
        text.append(f"expect.grade.fit = {json.dumps(grades[lead_id])}")
        tier = tiers[lead_id]
        text.append(f"expect.tier.follow_up = {json.dumps(tier) if tier else 'false'}")
        depth = depths[lead_id]
        stage = json.dumps(pipeline.stage_names[depth]) if depth >= 0 else "false"
        text.append(f"expect.stage.pipeline = {stage}")
    (tmp_path / "sample.toml").write_text("\n".join(text) + "\n", encoding="utf-8")
    report = rules.test(tmp_path / "sample.toml")
    assert len(report.cases) == len(scores) > 40
    assert [f.message for f in report.failures] == []
    # And the answers are not all alike: the comparison has teeth.
    assert len(set(scores.values())) > 10 and any(inside.values())


def test_an_ordered_funnel_stage(files: Path) -> None:
    write("ordered.rules", """\
        funnel web ordered within 7 days {
          visited: tracking { path starts with "/pricing" }
          applied: application { form = "contact" }
        }
        """)
    # Applied before visiting: the visit starts the chain, the earlier form does
    # not follow it.  Then applied 3 days after the visit: both stages.
    write("ordered.toml", """\
        as_of = 2026-11-20
        [[test]]
        name = "form first"
        lead = { id = "O1" }
        events.application = [{ occurred_at = 2026-11-10, form = "contact" }]
        events.tracking = [{ occurred_at = 2026-11-12, path = "/pricing" }]
        expect.stage.web = "applied"
        [[test]]
        name = "visit first"
        lead = { id = "O2" }
        events.tracking = [{ occurred_at = 2026-11-12, path = "/pricing" }]
        events.application = [{ occurred_at = 2026-11-15, form = "contact" }]
        expect.stage.web = "applied"
        """)
    report = lr.load("ordered.rules").test("ordered.toml")
    assert [c.passed for c in report.cases] == [False, True]
    [failure] = report.failures
    assert failure.got == "visited"
    lines = failure.explanation.splitlines()
    assert lines[0].startswith("ordered within 7 days: a stage counts with its own event")
    assert lines[1].startswith('✓ visited: tracking { path starts with "/pricing" }')
    assert lines[3].startswith('✓ applied: application { form = "contact" }')


def test_a_timezone_moves_a_bare_date_as_of(files: Path) -> None:
    # as_of = 2026-11-20 is the end of that day in the evaluation time zone: in
    # Tokyo 2026-11-20T14:59:59.999999Z, before the 16:00Z event; in UTC after it.
    write("seen.rules", """\
        segment seen {
          match tracking exists
        }
        """)
    write("tz.toml", """\
        as_of = 2026-11-20
        timezone = "Asia/Tokyo"
        [[test]]
        name = "Tokyo"
        lead = { id = "Z1" }
        events.tracking = [{ occurred_at = 2026-11-20T16:00:00Z }]
        expect.not_in = ["seen"]
        [[test]]
        name = "UTC"
        timezone = "UTC"
        lead = { id = "Z2" }
        events.tracking = [{ occurred_at = 2026-11-20T16:00:00Z }]
        expect.in = ["seen"]
        [[test]]
        name = "nowhere"
        timezone = "Mars/Olympus"
        expect.in = ["seen"]
        """)
    with pytest.raises(lr.DataError) as caught:
        lr.load("seen.rules").test("tz.toml")
    [d] = caught.value.diagnostics
    assert (d.line, d.column, d.message) == (16, 1, "unknown time zone 'Mars/Olympus'")
    Path("tz.toml").write_text(Path("tz.toml").read_text().split('[[test]]\nname = "nowhere"')[0])
    report = lr.load("seen.rules").test("tz.toml")
    assert [c.passed for c in report.cases] == [True, True]
    assert [c.as_of.isoformat() for c in report.cases] == [
        "2026-11-20T14:59:59.999999+00:00", "2026-11-20T23:59:59.999999+00:00"]


def test_expectations_that_can_never_pass_are_problems_of_the_file(files: Path) -> None:
    write("never.toml", """\
        as_of = 2026-11-20
        [[test]]
        lead = { id = "N1" }
        expect.in = ["pricing"]
        expect.not_in = ["pricing"]
        [[test]]
        lead = { id = "N2" }
        expect.score = { interest = { min = 10, max = 5 } }
        """)
    with pytest.raises(lr.DataError) as caught:
        lr.load("hot.rules").test("never.toml")
    messages = [d.message for d in caught.value.diagnostics]
    assert any("'pricing' is in both expect.in and expect.not_in" in m for m in messages)
    assert any("min 10 is above max 5" in m for m in messages)
