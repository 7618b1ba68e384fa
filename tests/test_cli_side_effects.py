"""The command line as a new user meets it: a command that only reads lists never
writes (no state file created, no tables added to someone's database), mistakes in
arguments are usage errors (exit 2, no traceback), and what it writes is well formed."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from leadrules import sample

AS_OF = sample.AS_OF.isoformat()
RULES = """\
segment pricing "Looked at pricing" {
  match tracking { path starts with "/pricing" } count >= 1
}

segment vip "On the VIP list" {
  match in list vip
}
"""
LIST_TABLES = {"leadrules_lists", "leadrules_list_members", "leadrules_list_history"}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("side_effects")
    sample.write_csv(sample.generate(30, seed=3), root / "csv")
    return root / "csv"


@pytest.fixture()
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "r.rules"
    path.write_text(RULES.split("segment vip")[0], encoding="utf-8")
    return path


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def app_db(tmp_path: Path) -> Path:
    """An application's own database: no leadrules tables in it."""
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    return path


def read_commands(rules: Path, data: Path, state: Path) -> list[list[Any]]:
    """Every command that only reads lists, reading those of ``state``."""
    return [
        ["list", "show", state, "called"],
        ["list", "show", state, "called", "--history"],
        ["segment", rules, "pricing", "--data", data, "--state", state, "--as-of", AS_OF],
        ["list", "diff", rules, "pricing", "--data", data, "--since", "2026-10-01",
         "--as-of", AS_OF, "--state", state],
        ["timeline", data, "L000001", "--state", state],
        ["check", rules, "--state", state],
        ["diff", rules, rules, "pricing", "--data", data, "--state", state],
        ["funnel", rules, "pricing", "--data", data, "--state", state],
    ]


@pytest.mark.parametrize("name", ("nope.db", "nope.duckdb", "nope.json", "nope.sqlite"))
def test_reading_a_missing_state_is_a_usage_error_and_creates_nothing(
        tmp_path: Path, cli: Any, data: Path, rules: Path, name: str) -> None:
    missing = tmp_path / name
    for argv in read_commands(rules, data, missing):
        code, _, err = cli(*argv)
        assert code == 2, argv
        assert err.splitlines()[0] == f"leadrules: error: no such list state file: {missing}", argv
        assert "reading lists never creates one" in err and "Traceback" not in err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["r.rules"], argv  # no .lock


def test_reading_lists_of_an_application_database_adds_no_tables(
        tmp_path: Path, cli: Any, data: Path, rules: Path) -> None:
    app = app_db(tmp_path)
    before = app.read_bytes()
    code, out, err = cli("list", "show", app, "called")
    assert (code, out) == (2, "") and "no list named 'called'" in err
    code, out, err = cli("segment", rules, "pricing", "--data", data, "--state", app,
                         "--as-of", AS_OF, "--format", "ids")
    assert code == 0 and out and err == ""
    code, out, _ = cli("timeline", data, "L000001", "--state", app, "--format", "json")
    assert code == 0
    code, out, _ = cli("list", "diff", rules, "pricing", "--data", data, "--since",
                       "2026-10-01", "--as-of", AS_OF, "--state", app)
    assert code == 0
    assert tables(app) == {"customers"} and app.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.db", "r.rules"]


def test_an_empty_duckdb_file_reads_as_no_lists_and_is_not_written(
        tmp_path: Path, cli: Any) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "app.duckdb"
    with duckdb.connect(str(path)) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    before = path.read_bytes()
    code, _, err = cli("list", "show", path, "called")
    assert code == 2 and "no list named 'called'" in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.duckdb"]  # no .lock


@pytest.mark.parametrize("name", ("s.json", "s.db", "s.duckdb"))
def test_commands_that_write_lists_still_create_the_state(
        tmp_path: Path, cli: Any, data: Path, rules: Path, name: str) -> None:
    if name.endswith(".duckdb"):
        pytest.importorskip("duckdb")
    state = tmp_path / name
    code, out, err = cli("list", "add", state, "vip", "L000001", "--force")
    assert (code, out) == (0, "vip: 1 added, 0 removed\n"), err
    code, out, _ = cli("list", "show", state, "vip", "--format", "csv")
    assert code == 0 and out.splitlines()[1].startswith("L000001,")
    both = tmp_path / "both.rules"
    both.write_text(RULES, encoding="utf-8")
    code, out, err = cli("segment", both, "vip", "--data", data, "--state", state,
                         "--format", "ids")
    assert (code, out) == (0, "L000001\n"), err
    fresh = tmp_path / f"fresh{state.suffix}"
    code, out, err = cli("list", "refresh", rules, "pricing", "--data", data,
                         "--state", fresh, "--as-of", AS_OF, "--format", "json")
    assert code == 0 and fresh.is_file(), err
    code, out, err = cli("list", "refresh", both, "vip", "--data", data, "--state", state,
                         "--list", "vips", "--format", "json")  # now: vip's member since now
    assert code == 0 and '"L000001"' in out, err  # its in list read the state's list


@pytest.mark.parametrize("name", ("s.json", "s.db"))
def test_a_list_edit_that_is_refused_makes_no_state(
        tmp_path: Path, cli: Any, data: Path, name: str) -> None:
    state = tmp_path / name
    code, _, err = cli("list", "add", state, "vip", "L999999", "--data", data)
    assert code != 0 and "L999999" in err and "Traceback" not in err
    code, _, err = cli("list", "remove", state, "vip", "L000001")
    assert code == 2 and f"no such list state file: {state}" in err
    assert not state.exists() and not list(tmp_path.glob("*.lock"))
    # The same add of a lead the data has makes the state.
    code, out, err = cli("list", "add", state, "vip", "L000001", "--data", data)
    assert (code, out) == (0, "vip: 1 added, 0 removed\n"), err
    assert state.is_file()


def test_refresh_into_an_application_database_adds_the_list_tables(
        tmp_path: Path, cli: Any, data: Path, rules: Path) -> None:
    app = app_db(tmp_path)
    code, _, err = cli("list", "refresh", rules, "pricing", "--data", data, "--state", app,
                       "--as-of", AS_OF, "--format", "json")
    assert code == 0, err
    assert tables(app) == {"customers"} | LIST_TABLES


@pytest.mark.parametrize(("argv", "message"), [
    (["--leads", "-1"], "argument --leads: a number of leads, 1 or more, not -1"),
    (["--leads", "0"], "argument --leads: a number of leads, 1 or more, not 0"),
    (["--leads", "many"], "argument --leads: a whole number of leads, not 'many'"),
])
def test_demo_bad_lead_count_is_a_usage_error(cli: Any, argv: list[str], message: str) -> None:
    code, out, err = cli("demo", *argv)
    assert (code, out) == (2, "") and err.splitlines()[-1] == f"leadrules: error: {message}"


def test_demo_out_on_a_file_is_a_usage_error_and_leaves_it(tmp_path: Path, cli: Any) -> None:
    taken = tmp_path / "lead.csv"
    taken.write_text("id\n", encoding="utf-8")
    code, out, err = cli("demo", "--out", taken)
    assert (code, out) == (2, "") and "Traceback" not in err
    assert err.splitlines()[0] == f"leadrules: error: --out {taken} is a file, not a folder"
    code, _, err = cli("demo", "--out", taken / "sub")
    assert code == 2
    assert err.splitlines()[0] == (f"leadrules: error: --out {taken / 'sub'}: {taken} is a "
                                   "file, not a folder")
    assert taken.read_text(encoding="utf-8") == "id\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lead.csv"]



JUNIT_TESTS = '''\
as_of = 2026-11-20T09:00:00Z
[[test]]
name = "<b>&\\"ホット\\"</b> \\u0001 ctrl \\u001f"
lead = { id = "A\\u0002", title = "man\\u0007ager" }
events.tracking = [{ occurred_at = 2026-11-18T10:00:00Z, path = "/pricing\\u0008" }]
expect.in = ["pricing"]

[[test]]
name = "fails \\u000b here"
lead = { id = "B\\u0003" }
expect.in = ["pricing"]
'''


def test_junit_is_xml_whatever_the_test_names_and_values_hold(
        tmp_path: Path, cli: Any, rules: Path) -> None:
    import xml.etree.ElementTree as ET
    tests = tmp_path / "t.toml"
    tests.write_text(JUNIT_TESTS, encoding="utf-8")
    report = tmp_path / "report.xml"
    code, out, err = cli("test", rules, tests, "--format", "junit", "--junit", report)
    assert code == 1, err  # the second test fails
    for text in (out, report.read_text(encoding="utf-8")):
        root = ET.fromstring(text)
        names = [c.get("name") for c in root.iter("testcase")]
        assert names == ['<b>&"ホット"</b> \\u0001 ctrl \\u001f', "fails \\u000b here"]
        (failure,) = root.iter("failure")
        assert not any(ch < " " and ch not in "\t\n\r"
                       for ch in (failure.get("message") or "") + (failure.text or ""))
    assert "\x01" not in out and "\x0b" not in out


def test_import_rules_with_a_conflicting_declaration_is_refused_as_check_does(
        tmp_path: Path, cli: Any, data: Path) -> None:
    rules = tmp_path / "d.rules"
    rules.write_text('field lead.company number\n\nsegment big "Big" {\n'
                     '  match employees >= 100\n}\n', encoding="utf-8")
    code, _, check_err = cli("check", rules)
    assert code == 1 and "already declared as text, not number" in check_err
    target = tmp_path / "d.db"
    code, out, err = cli("import", data, "--into", target, "--rules", rules)
    assert (code, out, err) == (1, "", check_err)
    assert not target.exists()
    rules.write_text('field lead.owner text\n\nsegment mine "Mine" {\n'
                     '  match owner = "sato" and nickname = "x"\n}\n', encoding="utf-8")
    code, _, err = cli("import", data, "--into", target, "--rules", rules)
    assert code == 0, err  # a field only the data has (nickname) is no reason to refuse


@pytest.mark.parametrize("src", ("nope", "file.txt"))
def test_import_of_no_folder_is_a_usage_error(tmp_path: Path, cli: Any, src: str) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    what = "no such data folder" if src == "nope" else "not a folder"
    code, _, err = cli("import", tmp_path / src, "--into", tmp_path / "x.db")
    assert code == 2 and err.splitlines()[0] == f"leadrules: error: {what}: {tmp_path / src}"
    assert not (tmp_path / "x.db").exists()


@pytest.fixture()
def appendable(tmp_path: Path, cli: Any, data: Path) -> Path:
    target = tmp_path / "a.db"
    assert cli("import", data, "--into", target)[0] == 0
    return target


def copy_folder(data: Path, to: Path, edit: Any) -> Path:
    import csv
    import shutil
    shutil.copytree(data, to)
    path = to / "application.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(edit(rows))
    return to


def test_append_key_mistakes_suggest_and_name_the_file(
        tmp_path: Path, cli: Any, data: Path, appendable: Path) -> None:
    before = appendable.read_bytes()
    code, _, err = cli("import", data, "--into", appendable, "--append",
                       "--key", "application.idd")
    assert code == 2
    assert err.splitlines() == [
        f"{data / 'application.csv'}: error: --key application.idd: no column 'idd' in "
        "application.csv", "  did you mean 'id'?"]
    code, _, err = cli("import", data, "--into", appendable, "--append", "--key", "aplication.id")
    assert code == 2 and err.splitlines()[1] == "  did you mean 'application'?"
    no_column = copy_folder(data, tmp_path / "nokey",
                            lambda rows: [r[:2] + r[3:] for r in rows])  # drop "id"
    code, _, err = cli("import", no_column, "--into", appendable, "--append",
                       "--key", "application.id")
    assert code == 2 and "no column 'id' in application.csv" in err.splitlines()[0]
    assert err.splitlines()[0].startswith(f"{no_column / 'application.csv'}: error:")

    def blank(rows: list[list[str]]) -> list[list[str]]:
        rows[3][rows[0].index("id")] = ""
        return rows
    one_blank = copy_folder(data, tmp_path / "blank", blank)
    code, _, err = cli("import", one_blank, "--into", appendable, "--append",
                       "--key", "application.id")
    assert code == 1 and "index" not in err
    assert err.splitlines()[0] == (f"{one_blank / 'application.csv'}:4: error: application.csv "
                                   "row 4, column 'id': no value")
    assert appendable.read_bytes() == before  # nothing appended
    code, _, err = cli("import", data, "--into", appendable, "--append",
                       "--key", "application.id")
    assert code == 0 and err.startswith("appended"), err


def test_append_key_missing_in_json_lines_names_the_file_and_line(
        tmp_path: Path, cli: Any, data: Path, appendable: Path) -> None:
    import csv
    import json
    import shutil
    folder = tmp_path / "jsonl"
    shutil.copytree(data, folder)
    with (folder / "application.csv").open(encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    (folder / "application.csv").unlink()
    records[2]["id"] = ""
    del records[4]["id"]
    with (folder / "application.jsonl").open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in records)
    before = appendable.read_bytes()
    code, _, err = cli("import", folder, "--into", appendable, "--append",
                       "--key", "application.id")
    path = folder / "application.jsonl"
    assert code == 1 and "index" not in err
    assert err.splitlines()[0] == (f"{path}:3: error: application.jsonl line 3: "
                                   "no value for 'id'")
    assert f"{path}:5: error: application.jsonl line 5: no value for 'id'" in err
    assert appendable.read_bytes() == before  # nothing appended
