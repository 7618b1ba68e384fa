"""The command line: exit codes, stable machine formats, errors with carets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from leadrules import sample
from leadrules.cli import main
from tests.spec import spec_rules

ROOT = Path(__file__).resolve().parents[1]

AS_OF = sample.AS_OF.isoformat()
RULES = spec_rules("hot_leads") + """
grading fit {
  start D
  industry in ("manufacturing", "software") => +1
  employees >= 100 => +2/3
}

tiers follow_up using default, fit {
  exclude: is_competitor or email not exists or unsubscribed
  hot: score >= 100 and grade >= C
  warm: score >= 30
  cold: otherwise
}
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("cli")
    generated = sample.generate(300, seed=11)
    sample.write_csv(generated, root / "csv")
    sample.write_jsonl(generated, root / "jsonl")
    rules = root / "hot.rules"
    rules.write_text(RULES, encoding="utf-8")
    return {"csv": root / "csv", "jsonl": root / "jsonl", "rules": rules}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_segment_ids_are_sorted_one_per_line(capsys: pytest.CaptureFixture[str],
                                            data: dict[str, Path]) -> None:
    code, out, _ = run(capsys, "segment", data["rules"], "hot_leads", "--data", data["csv"],
                       "--as-of", AS_OF, "--format", "ids")
    assert code == 0
    ids = out.splitlines()
    assert ids and ids == sorted(ids)


def test_segment_formats_agree_and_csv_equals_jsonl(capsys: pytest.CaptureFixture[str],
                                                   data: dict[str, Path]) -> None:
    outputs = {}
    for fmt in ("ids", "json", "csv"):
        for folder in ("csv", "jsonl"):
            code, out, _ = run(capsys, "segment", data["rules"], "hot_leads", "--data",
                               data[folder], "--as-of", AS_OF, "--format", fmt)
            assert code == 0
            outputs[(fmt, folder)] = out
    ids = outputs[("ids", "csv")].splitlines()
    assert json.loads(outputs[("json", "csv")]) == ids
    assert outputs[("csv", "csv")].splitlines() == ["lead_id", *ids]
    for fmt in ("ids", "json", "csv"):
        assert outputs[(fmt, "csv")] == outputs[(fmt, "jsonl")]


def test_score_grade_tiers_json_shapes(capsys: pytest.CaptureFixture[str],
                                      data: dict[str, Path]) -> None:
    common = ["--data", data["csv"], "--as-of", AS_OF, "--format", "json"]
    code, out, _ = run(capsys, "score", data["rules"], "default", *common)
    scores = json.loads(out)
    assert code == 0 and all(set(r) == {"lead_id", "score"} for r in scores)
    assert all(isinstance(r["score"], int | float) for r in scores)
    code, out, _ = run(capsys, "grade", data["rules"], "fit", *common)
    grades = json.loads(out)
    assert {r["grade"] for r in grades} <= {"F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B",
                                            "B+", "A-", "A", "A+"}
    code, out, _ = run(capsys, "tiers", data["rules"], "follow_up", *common)
    tiers = json.loads(out)
    assert [r["lead_id"] for r in tiers] == [r["lead_id"] for r in scores]
    excluded = [r for r in tiers if r["tier"] is None]
    assert excluded and all(r["reason"] for r in excluded)
    assert all(r["reason"] is None for r in tiers if r["tier"] is not None)


def test_leads_created_after_as_of_are_not_listed(capsys: pytest.CaptureFixture[str],
                                                 data: dict[str, Path]) -> None:
    _, out, _ = run(capsys, "score", data["rules"], "default", "--data", data["csv"],
                       "--as-of", AS_OF, "--format", "csv")
    listed = {line.split(",")[0] for line in out.splitlines()[1:]}
    generated = sample.generate(300, seed=11)
    future = {lead["id"] for lead in generated.leads
              if lead["created_at"] is not None and lead["created_at"] > sample.AS_OF}
    assert future and not (future & listed)


def test_explain_segment_and_score(capsys: pytest.CaptureFixture[str],
                                  data: dict[str, Path]) -> None:
    _, out, _ = run(capsys, "segment", data["rules"], "hot_leads", "--data", data["csv"],
                    "--as-of", AS_OF, "--format", "ids")
    lead = out.split()[0]
    code, out, _ = run(capsys, "explain", data["rules"], "hot_leads", lead, "--data",
                       data["csv"], "--as-of", AS_OF)
    assert code == 0 and out.startswith("✓ segment hot_leads")
    code, out, _ = run(capsys, "explain", data["rules"], "default", lead, "--data",
                       data["csv"], "--as-of", AS_OF)
    assert code == 0 and out.startswith(f"score default for {lead}:")
    code, out, _ = run(capsys, "explain", data["rules"], "hot_leads", lead, "--data",
                       data["csv"], "--as-of", AS_OF, "--format", "json")
    assert json.loads(out)["result"] is True


def test_explain_prints_the_rules_warnings(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "lead.csv").write_text("id,email\nL1,a@x.jp\n", encoding="utf-8")
    rules = tmp_path / "w.rules"
    rules.write_text("segment s {\n  1: email exists\n  2: mail exists\n  match 1\n}\n",
                     encoding="utf-8")
    code, out, err = run(capsys, "explain", rules, "s", "L1", "--data", tmp_path / "d",
                         "--as-of", AS_OF)
    assert code == 0 and out.startswith("✓ segment s")
    assert "warning: block 2 is not used in match" in err


def test_check_ok_and_error_with_caret(capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path, data: dict[str, Path]) -> None:
    code, out, _ = run(capsys, "check", data["rules"])
    assert code == 0 and "ok" in out
    bad = tmp_path / "bad.rules"
    bad.write_text('segment s {\n  1: tracking { pathh = "/" } exists\n}\n', encoding="utf-8")
    code, _, err = run(capsys, "check", bad)
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == f"{bad}:2:17: error: unknown field 'pathh' in source tracking"
    assert lines[2].index("^") == lines[1].index("pathh")
    assert "did you mean 'path'?" in err


def test_check_warns_about_and_or_mixing(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    f = tmp_path / "mix.rules"
    f.write_text("segment s {\n  match application exists and mail exists or activity "
                 "exists\n}\n", encoding="utf-8")
    code, _, err = run(capsys, "check", f)
    assert code == 0 and "warning: 'and' and 'or' mixed without parentheses" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str],
                             data: dict[str, Path]) -> None:
    code, _, err = run(capsys, "segment", data["rules"], "hot_lead", "--data", data["csv"])
    assert code == 2 and "did you mean 'hot_leads'?" in err
    code, _, _ = run(capsys, "segment", data["rules"])
    assert code == 2
    code, _, err = run(capsys, "segment", data["rules"], "hot_leads", "--data", "/nope")
    assert code == 2 and "no such data folder" in err
    code, _, err = run(capsys, "segment", data["rules"], "hot_leads", "--data", data["csv"],
                       "--as-of", "yesterday")
    assert code == 2 and "bad as-of" in err


def test_bad_data_exits_1_with_file_row_column(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path, data: dict[str, Path]) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "lead.csv").write_text("id,employees\nL1,12a\n", encoding="utf-8")
    code, _, err = run(capsys, "segment", data["rules"], "hot_leads", "--data", folder)
    assert code == 1
    assert "lead.csv row 2, column 'employees'" in err


def test_fmt_prints_canonical_form_and_check_mode(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    f = tmp_path / "x.rules"
    f.write_text("SEGMENT s {1: Application EXISTS\n MATCH 1}", encoding="utf-8")
    code, out, _ = run(capsys, "fmt", f)
    assert code == 0 and "segment s {" in out and "match 1" in out
    code, _, _ = run(capsys, "fmt", f, "--check")
    assert code == 1
    code, _, _ = run(capsys, "fmt", f, "--write")
    assert code == 0 and f.read_text(encoding="utf-8") == out
    code, _, _ = run(capsys, "fmt", f, "--check")
    assert code == 0


def test_demo_runs_the_field_scenarios(capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    code, out, _ = run(capsys, "demo", "--out", tmp_path / "demo", "--leads", "200")
    assert code == 0
    assert out.index("== segment hot_leads") < out.index("== segment deep_visit")
    assert (tmp_path / "demo" / "lead.csv").exists()


def test_counts_in_messages_are_singular_for_one(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    from leadrules.output import plural
    assert [plural(n, "lead") for n in (0, 1, 2)] == ["0 leads", "1 lead", "2 leads"]
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "lead.csv").write_text("id,email\nL1,a@x.jp\nL2,\n", encoding="utf-8")
    (tmp_path / "d" / "tracking.csv").write_text(
        "lead_id,occurred_at,path\nL1,2026-03-01T00:00:00Z,/\n", encoding="utf-8")
    rules = tmp_path / "one.rules"
    rules.write_text("segment one {\n  match email exists\n}\n\nscoring s {\n"
                     "  tracking { path = \"/\" } => +1 per event\n}\n", encoding="utf-8")
    code, out, _ = run(capsys, "segment", rules, "one", "--data", tmp_path / "d",
                       "--as-of", "2026-03-31", "--format", "table")
    assert code == 0 and out.endswith("1 lead in one\n")
    code, out, _ = run(capsys, "explain", rules, "s", "L1", "--data", tmp_path / "d",
                       "--as-of", "2026-03-01T00:00:00Z")
    assert code == 0 and out.splitlines()[:2] == [
        "score s for L1: 1 point", '  +1 rule 1: tracking { path = "/" } => +1 per event, 1 event']
    code, out, _ = run(capsys, "check", rules)
    assert out == f"{rules}: ok (1 segment, 1 scoring model, 0 warnings)\n"


def test_the_command_table_names_each_command_s_group() -> None:
    # cli.COMMANDS lets a run build only its own group's parsers: it must be exactly
    # what the groups register, or a command would be missing from its own parser.
    import argparse

    from leadrules import cli
    registered: dict[str, str] = {}
    for group in cli.GROUPS:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        cli._register(group, sub)
        for name in sub.choices:
            registered[name] = group
    assert registered == cli.COMMANDS


def test_every_command_that_takes_data_takes_map() -> None:
    # docs/cli.md: "Every command that takes --data also takes --map"; DATA is
    # --data, or timeline's positional DATA. Subcommands (list add) are walked too.
    import argparse

    from leadrules import cli

    def commands(parser: argparse.ArgumentParser,
                 path: str) -> list[tuple[str, argparse.ArgumentParser]]:
        found = [(path, parser)]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    found += commands(child, f"{path} {name}".strip())
        return found

    taking_data, lacking = [], []
    for path, parser in commands(cli._build_parser(), ""):
        options = {a.dest: a for a in parser._actions}
        if "data" in options:
            taking_data.append(path)
            given = options.get("map")
            if given is None or given.option_strings != ["--map"] or given.nargs is not None:
                lacking.append(path)
    assert lacking == []
    # The walk found them all (a parser change that hid them would pass vacuously).
    assert set(taking_data) >= {"check", "explain", "test", "lsp", "segment", "score",
                                "grade", "tiers", "funnel", "list refresh", "list diff",
                                "list add", "diff", "timeline"}


def test_a_misspelt_command_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["segmnet", "x.rules"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'segmnet'" in err
    assert all(name in err for name in ("segment", "import", "funnel", "list", "lsp", "diff"))


def test_ctrl_c_is_one_line_and_exit_130(data: dict[str, Path], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C in a long command (here while the import writes) prints one line, no
    traceback, and exits 130 as a shell does; the target was never made."""
    from leadrules.stores import importer

    for signal in (KeyboardInterrupt(), RuntimeError("Query interrupted")):
        def interrupted(*args: object, signal: BaseException = signal, **kwargs: object
                        ) -> None:
            raise signal

        # DuckDB turns Ctrl-C during its query into RuntimeError("Query interrupted").
        monkeypatch.setattr(importer, "_replace_file", interrupted)
        target = tmp_path / "x.db"
        assert main(["import", str(data["csv"]), "--into", str(target)]) == 130
        captured = capsys.readouterr()
        assert captured.err == "leadrules: interrupted\n" and captured.out == ""
        assert not target.exists()
    monkeypatch.setattr(importer, "_replace_file", lambda *a, **k: (_ for _ in ()).throw(
        RuntimeError("another")))
    with pytest.raises(RuntimeError, match="another"):
        main(["import", str(data["csv"]), "--into", str(tmp_path / "y.db")])


def test_ctrl_c_while_the_parsers_are_built_is_one_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import leadrules.cli as cli

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "_build_parser", interrupted)
    assert main(["check", "x.rules"]) == 130
    assert capsys.readouterr().err == "leadrules: interrupted\n"


def test_ctrl_c_while_the_command_line_is_imported_is_one_line() -> None:
    # The console script (leadrules._launch:run) is armed before leadrules.cli is
    # imported: a Ctrl-C there printed Python's traceback.
    code = (
        "import sys\n"
        "class Stop:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'leadrules.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Stop())\n"
        "from leadrules._launch import run\n"
        "run()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert (done.returncode, done.stderr, done.stdout) == (130, "leadrules: interrupted\n", "")
