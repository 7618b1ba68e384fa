"""No input ends in a traceback (issue 15, items 5 and 6).

Table-driven: each hostile data folder is given to ``leadrules import`` on
every store (SQLite, DuckDB, PostgreSQL) and to ``leadrules segment --data``
(memory).  A refused folder must give exit code 1 and a ``file:line: error:``
message naming the file, the line (or row) and the field, and leave the
target exactly as it was; an accepted one must load on every store and give
the same answer as memory.  Hostile rules and ``--as-of`` values must give the
same output, or the same clear error, on every store.  Any exception escaping
``main`` fails the test (that is the traceback a user would see); one test runs
the real command in a subprocess and looks for ``Traceback`` in its stderr.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from leadrules.cli import main
from tests.backends import POSTGRES_URL, unique_name

LEAD_HEADER = "id,email,company,employees,is_competitor,created_at,tags"
LEADS = ["L1,a@x.jp,Acme,10,false,2025-01-01T00:00:00Z,vip|seminar",
         "L2,b@x.jp,Beta,2000,true,2025-02-01,",
         "L3,,Gamma,,false,,newsletter"]
TRACKING = "lead_id,occurred_at,path,duration\nL1,2026-11-01T00:00:00Z,/,5\n" \
           "L2,2026-11-02T00:00:00Z,/p,7\nL3,2025-01-01T00:00:00Z,/old,1\n"
RULES = """\
segment s {
  1: lead { employees >= 100 }
  2: tracking { occurred_at within 30 days } count >= 1
  match 1 or 2
}
"""
AS_OF = "2026-11-20T00:00:00Z"
STORES = ("sqlite", "duckdb", "postgres")


def _lead_csv(*rows: str, header: str = LEAD_HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def _jsonl(*records: str) -> str:
    return "".join(r + "\n" for r in records)


Files = dict[str, str | bytes]

# name -> (files, what the message must name).  Line 2 / row 2 is the bad record.
REFUSED: dict[str, tuple[Files, list[str]]] = {
    # CSV values
    "csv number with letters": ({"lead.csv": _lead_csv("L1,,A,12a,,,")}, ["row 2", "'employees'"]),
    "csv number of 400 digits": ({"lead.csv": _lead_csv("L1,,A," + "9" * 400 + ",,,")},
                                 ["row 2", "'employees'", "400 digits", "64-bit"]),
    "csv number of 5000 digits": ({"lead.csv": _lead_csv("L1,,A," + "9" * 5000 + ",,,")},
                                  ["row 2", "'employees'", "too many digits"]),
    "csv thousands separator": ({"lead.csv": _lead_csv('L1,,A,"1,234",,,')},
                                ["row 2", "'employees'", "thousands"]),
    "csv nan": ({"lead.csv": _lead_csv("L1,,A,nan,,,")}, ["row 2", "'employees'"]),
    "csv infinity": ({"lead.csv": _lead_csv("L1,,A,1e400,,,")}, ["row 2", "'employees'"]),
    "csv full-width digits": ({"lead.csv": _lead_csv("L1,,A,１２,,,")}, ["row 2", "'employees'"]),
    "csv bool yes": ({"lead.csv": _lead_csv("L1,,A,,yes,,")}, ["row 2", "'is_competitor'"]),
    "csv bool 1": ({"lead.csv": _lead_csv("L1,,A,,1,,")}, ["row 2", "'is_competitor'"]),
    "csv date not iso": ({"lead.csv": _lead_csv("L1,,A,,,31/01/2026,")},
                         ["row 2", "'created_at'", "ISO-8601"]),
    "csv date not real": ({"lead.csv": _lead_csv("L1,,A,,,2026-02-30,")},
                          ["row 2", "'created_at'"]),
    "csv year 1 east of utc": ({"lead.csv": _lead_csv("L1,,A,,,0001-01-01T00:00:00+05:00,")},
                               ["row 2", "'created_at'", "'0001-01-01T00:00:00+05:00'",
                                "0001-01-01T00:00:00Z"]),
    "csv year 9999 west of utc": ({"lead.csv": _lead_csv("L1,,A,,,9999-12-31T23:00:00-05:00,")},
                                  ["row 2", "'created_at'", "9999-12-31T23:59:59.999999Z"]),
    "csv year 10000": ({"lead.csv": _lead_csv("L1,,A,,,10000-01-01,")},
                       ["row 2", "'created_at'"]),
    # NUL (item 6: refused on every store, as PostgreSQL cannot hold it)
    "csv nul in text": ({"lead.csv": _lead_csv("L1,,Ac\x00me,,,,")},
                        ["row 2", "'company'", "NUL"]),
    "csv nul in id": ({"lead.csv": _lead_csv("L\x001,,A,,,,")}, ["row 2", "'id'", "NUL"]),
    "csv nul in tags": ({"lead.csv": _lead_csv("L1,,A,,,,vip|se\x00minar")},
                        ["row 2", "'tags'", "NUL"]),
    "csv nul in a new column": ({"lead.csv": _lead_csv("L1,\x00", header="id,note")},
                                ["row 2", "'note'", "NUL"]),
    "csv nul in header": ({"lead.csv": _lead_csv("L1,x", header="id,no\x00te")},
                          ["lead.csv:1", "header", "NUL"]),
    "csv nul in an event": ({"lead.csv": _lead_csv("L1,,A,,,,"),
                             "tracking.csv": "lead_id,occurred_at,path\nL1,2026-11-01,/a\x00\n"},
                            ["tracking.csv:2", "'path'", "NUL"]),
    # encodings and CSV syntax
    "csv utf-16 without bom": ({"lead.csv": _lead_csv("L1,,A,,,,").encode("utf-16-le")},
                               ["lead.csv:1", "NUL", "UTF-16"]),
    "csv utf-16 with bom": ({"lead.csv": _lead_csv("L1,,A,,,,").encode("utf-16")},
                            ["lead.csv", "not UTF-8"]),
    "csv latin-1": ({"lead.csv": _lead_csv("L1,,Café,,,,").encode("latin-1")},
                    ["lead.csv", "not UTF-8"]),
    "csv cp932": ({"lead.csv": _lead_csv("L1,,株式会社,,,,").encode("cp932")},
                  ["lead.csv", "not UTF-8"]),
    "csv two boms": ({"lead.csv": "\ufeff\ufeff" + _lead_csv("L1,,A,,,,")},
                     ["lead.csv:1", "'id'"]),
    "csv unclosed quote": ({"lead.csv": _lead_csv('L1,,"Acme,,,,', "L2,,B,,,,", "L3,,C,,,,")},
                           ["lead.csv:2", "row 2", "never closed"]),
    "csv text after a quote": ({"lead.csv": _lead_csv('L1,,"Acme"x,,,,')},
                               ["lead.csv:2", "malformed CSV"]),
    "csv too many cells": ({"lead.csv": _lead_csv("L1,,A,,,,,,extra")},
                           ["row 2", "cells but the header has"]),
    "csv duplicate id": ({"lead.csv": _lead_csv("L1,,A,,,,", "L1,,B,,,,")},
                         ["row 3", "duplicate lead id"]),
    "csv missing id": ({"lead.csv": _lead_csv(",x@y.jp,A,,,,")}, ["row 2", "'id'"]),
    "csv no id column": ({"lead.csv": "ID,company\nL1,A\n"}, ["lead.csv:1", "'id'"]),
    "csv duplicate column": ({"lead.csv": "id,company,company\nL1,A,B\n"},
                             ["lead.csv:1", "'company'"]),
    "csv unnamed column": ({"lead.csv": "id,,company\nL1,A,B\n"}, ["lead.csv:1", "column 2"]),
    "csv event without time": ({"lead.csv": _lead_csv("L1,,A,,,,"),
                                "tracking.csv": "lead_id,occurred_at,path\nL1,,/\n"},
                               ["tracking.csv:2", "'occurred_at'"]),
    "csv event bad time": ({"lead.csv": _lead_csv("L1,,A,,,,"),
                            "tracking.csv": "lead_id,occurred_at,path\nL1,yesterday,/\n"},
                           ["tracking.csv:2", "'occurred_at'"]),
    "csv event number": ({"lead.csv": _lead_csv("L1,,A,,,,"),
                          "tracking.csv": "lead_id,occurred_at,duration\nL1,2026-01-01,5s\n"},
                         ["tracking.csv:2", "'duration'"]),
    "csv bad file name": ({"lead.csv": _lead_csv("L1,,A,,,,"), "track-ing.csv": "a\n"},
                          ["track-ing.csv", "not named after a table"]),
    # JSON Lines
    "jsonl integer of 5000 digits": ({"lead.jsonl": _jsonl('{"id": "L1"}', '{"id": "L2", '
                                                           '"employees": ' + "9" * 5000 + "}")},
                                     ["lead.jsonl:2", "line 2", "'employees'", "digits"]),
    "jsonl integer of 400 digits": ({"lead.jsonl": _jsonl('{"id": "L1"}', '{"id": "L2", '
                                                          '"employees": ' + "9" * 400 + "}")},
                                    ["lead.jsonl:2", "'employees'", "400 digits"]),
    "jsonl nested 100000 deep": ({"lead.jsonl": _jsonl('{"id": "L1"}', '{"id": "L2", "x": '
                                                       + "[" * 100_000 + "]" * 100_000 + "}")},
                                 ["lead.jsonl:2", "line 2", "nested too deeply"]),
    "jsonl nested object deep": ({"lead.jsonl": _jsonl('{"id": "L1"}', '{"id": "L2", "x": '
                                                       + '{"a":' * 50_000 + "1"
                                                       + "}" * 50_000 + "}")},
                                 ["lead.jsonl:2", "nested too deeply"]),
    "jsonl nested value in a text field": ({"lead.jsonl": _jsonl(
        '{"id": "L1"}', '{"id": "L2", "company": ' + "[" * 200 + '"a"' + "]" * 200 + "}")},
        ["lead.jsonl:2", "'company'", "not text"]),
    "jsonl invalid": ({"lead.jsonl": _jsonl('{"id": "L1"}', '{"id": "L2"')},
                      ["lead.jsonl:2", "invalid JSON"]),
    "jsonl trailing comma": ({"lead.jsonl": _jsonl('{"id": "L1",}')},
                             ["lead.jsonl:1", "invalid JSON"]),
    "jsonl not an object": ({"lead.jsonl": _jsonl('{"id": "L1"}', '["L2"]')},
                            ["lead.jsonl:2", "not a JSON object"]),
    "jsonl raw nul": ({"lead.jsonl": _jsonl('{"id": "L1"}', '{"id": "L\x002"}')},
                      ["lead.jsonl:2", "invalid JSON"]),
    "jsonl escaped nul": ({"lead.jsonl": _jsonl('{"id": "L1"}', '{"id": "L2", '
                                                '"company": "A\\u0000B"}')},
                          ["lead.jsonl:2", "'company'", "NUL"]),
    "jsonl escaped nul in id": ({"lead.jsonl": _jsonl('{"id": "L\\u00001"}')},
                                ["lead.jsonl:1", "'id'", "NUL"]),
    "jsonl escaped nul in tags": ({"lead.jsonl": _jsonl('{"id": "L1", "tags": ["a\\u0000"]}')},
                                  ["lead.jsonl:1", "'tags'", "NUL"]),
    "jsonl escaped nul in a key": ({"lead.jsonl": _jsonl('{"id": "L1", "a\\u0000b": "x"}')},
                                   ["lead.jsonl:1", "NUL"]),
    "jsonl lone surrogate": ({"lead.jsonl": _jsonl('{"id": "L1", "company": "\\ud800"}')},
                             ["lead.jsonl:1", "'company'", "surrogate"]),
    "jsonl lone surrogate in id": ({"lead.jsonl": _jsonl('{"id": "\\udc00"}')},
                                   ["lead.jsonl:1", "'id'", "surrogate"]),
    "jsonl lone surrogate in a key": ({"lead.jsonl": _jsonl('{"id": "L1", "\\udc00": 1}')},
                                      ["lead.jsonl:1", "surrogate"]),
    "jsonl NaN": ({"lead.jsonl": _jsonl('{"id": "L1", "employees": NaN}')},
                  ["lead.jsonl:1", "'employees'"]),
    "jsonl Infinity": ({"lead.jsonl": _jsonl('{"id": "L1", "employees": -Infinity}')},
                       ["lead.jsonl:1", "'employees'"]),
    "jsonl 1e400": ({"lead.jsonl": _jsonl('{"id": "L1", "employees": 1e400}')},
                    ["lead.jsonl:1", "'employees'"]),
    "jsonl true as a number": ({"lead.jsonl": _jsonl('{"id": "L1", "employees": true}')},
                               ["lead.jsonl:1", "'employees'", "true/false"]),
    "jsonl object as text": ({"lead.jsonl": _jsonl('{"id": "L1", "company": {"a": 1}}')},
                             ["lead.jsonl:1", "'company'"]),
    "jsonl null id": ({"lead.jsonl": _jsonl('{"id": null}')}, ["lead.jsonl:1", "'id'"]),
    "jsonl year 1 east of utc": ({"lead.jsonl": _jsonl(
        '{"id": "L1", "created_at": "0001-01-01T03:00:00+04:00"}')},
        ["lead.jsonl:1", "'created_at'", "'0001-01-01T03:00:00+04:00'"]),
    "jsonl latin-1": ({"lead.jsonl": '{"id": "Café"}\n'.encode("latin-1")},
                      ["lead.jsonl", "not UTF-8"]),
    "jsonl mixed with csv": ({"lead.jsonl": _jsonl('{"id": "L1"}'), "tracking.csv": "a\n"},
                             ["mixes"]),
}

# Hostile but accepted, with a documented reading: every store answers as memory does.
ACCEPTED: dict[str, Files] = {
    "csv with bom": {"lead.csv": "\ufeff" + _lead_csv(*LEADS), "tracking.csv": TRACKING},
    "csv crlf": {"lead.csv": _lead_csv(*LEADS).replace("\n", "\r\n"),
                 "tracking.csv": TRACKING.replace("\n", "\r\n")},
    "csv cr only": {"lead.csv": _lead_csv(*LEADS).replace("\n", "\r"),
                    "tracking.csv": TRACKING},
    "csv cell of 200000 characters": {"lead.csv": _lead_csv(
        *LEADS, "L4,,\"" + "x" * 200_000 + "\",5000,,,")},
    "csv quoted newline": {"lead.csv": _lead_csv(*LEADS, 'L4,,"two\nlines",300,,,')},
    "csv blank and empty rows": {"lead.csv": _lead_csv(*LEADS, "", ",,,,,,", "")},
    "csv integers beyond 64 bits": {"lead.csv": _lead_csv(
        *LEADS, f"L4,,A,{2**63},,,", f"L5,,B,{-(2**63) - 1},,,", "L6,,C," + "9" * 299 + ",,,")},
    "csv extreme instants": {"lead.csv": _lead_csv(
        *LEADS, "L4,,A,,,0001-01-01T00:00:00Z,", "L5,,B,,,9999-12-31T23:59:59.999999Z,")},
    "csv unicode separators": {"lead.csv": _lead_csv(*LEADS, "L4,,a\u2028b\u0085c,,,,")},
    "jsonl surrogate pair and escapes": {"lead.jsonl": _jsonl(
        '{"id": "L1", "company": "\\ud83d\\ude00 \\u00e9\\\\u0000"}',
        '{"id": "L2", "employees": 9223372036854775808}')},
    "jsonl with bom and blank lines": {"lead.jsonl": "\ufeff" + _jsonl(
        '{"id": "L1", "employees": 500}', "", "   ", '{"id": 7}')},
    "jsonl big float": {"lead.jsonl": _jsonl('{"id": "L1", "employees": 1.7e308}')},
}


def _write(folder: Path, files: Files) -> Path:
    folder.mkdir()
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rules") / "s.rules"
    path.write_text(RULES, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("good") / "data",
                  {"lead.csv": _lead_csv(*LEADS), "tracking.csv": TRACKING})


@pytest.fixture(scope="module")
def pg_schema() -> Iterator[str]:
    schema = unique_name("lr_hardening")
    yield schema
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(scope="module")
def targets(tmp_path_factory: pytest.TempPathFactory, good: Path, pg_schema: str
            ) -> dict[str, str]:
    """One store of each kind holding the good data."""
    folder = tmp_path_factory.mktemp("targets")
    out = {"sqlite": str(folder / "leads.db"), "duckdb": str(folder / "leads.duckdb"),
           "postgres": f"{POSTGRES_URL}?schema={pg_schema}"}
    for target in out.values():
        assert main(["import", str(good), "--into", target]) == 0
    return out


def _snapshot(kind: str, target: str, pg_schema: str) -> Any:
    if kind != "postgres":
        path = Path(target)
        leftovers = sorted(p.name for p in path.parent.iterdir() if p.name != path.name)
        return hashlib.sha256(path.read_bytes()).hexdigest(), leftovers
    with psycopg.connect(POSTGRES_URL) as conn:
        tables = conn.execute("SELECT table_name FROM information_schema.tables WHERE "
                              "table_schema = %s ORDER BY 1", (pg_schema,)).fetchall()
        leads = conn.execute(f'SELECT id, company, employees FROM "{pg_schema}".lead '
                             "ORDER BY id").fetchall()
    return tables, leads


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)  # an exception escaping here is the traceback a user would see
    out, err = capsys.readouterr()
    return code, out, err


def _assert_clear(err: str, path: Path, expected: list[str]) -> None:
    assert "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith(str(path)) and ": error: " in first, err
    for part in expected:
        assert part in err, f"{part!r} not in {err!r}"


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_data_is_refused_in_memory(case: str, rules: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    files, expected = REFUSED[case]
    folder = _write(tmp_path / "data", files)
    code, out, err = _run(["segment", str(rules), "s", "--data", str(folder), "--as-of", AS_OF],
                          capsys)
    assert code == 1 and out == ""
    _assert_clear(err, folder, expected)


@pytest.mark.parametrize("kind", STORES)
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_data_is_refused_by_import_leaving_the_target(
        case: str, kind: str, targets: dict[str, str], pg_schema: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    files, expected = REFUSED[case]
    folder = _write(tmp_path / "data", files)
    before = _snapshot(kind, targets[kind], pg_schema)
    code, _out, err = _run(["import", str(folder), "--into", targets[kind]], capsys)
    assert code == 1
    _assert_clear(err, folder, expected)
    assert _snapshot(kind, targets[kind], pg_schema) == before


def _segment(rules: Path, data: str, capsys: pytest.CaptureFixture[str],
             *extra: str) -> tuple[int, str, str]:
    return _run(["segment", str(rules), "s", "--data", data, "--format", "ids", *extra], capsys)


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_hostile_but_valid_data_loads_the_same_on_every_store(
        case: str, rules: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _write(tmp_path / "data", ACCEPTED[case])
    code, expected, err = _segment(rules, str(folder), capsys, "--as-of", AS_OF)
    assert code == 0, err
    schema = unique_name("lr_hardening")
    stores = [str(tmp_path / "t.db"), str(tmp_path / "t.duckdb"),
              f"{POSTGRES_URL}?schema={schema}"]
    try:
        for target in stores:
            code, _out, err = _run(["import", str(folder), "--into", target], capsys)
            assert code == 0, err
            assert _segment(rules, target, capsys, "--as-of", AS_OF) == (0, expected, "")
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


# -------------------------------------------------------- rules and --as-of

HOSTILE_RULES: dict[str, str] = {
    "integer literal 2^63": "lead { employees >= 9223372036854775808 }",
    "integer literal below -2^63": "lead { employees > -9223372036854775809 }",
    "integer literal of 300 digits": "lead { employees < " + "9" * 300 + " }",
    "within 10^30 days": "tracking { occurred_at within 1000000000000000000000000000000 days }",
    "within 10000 years": "tracking { occurred_at within 10000 years }",
    "first and last dates": "lead { created_at >= 0001-01-01; created_at < 9999-12-31 }",
    "instants at the ends": "lead { created_at > 0001-01-01T00:00:00+05:00 or "
                            "created_at < 9999-12-31T23:59:59-05:00 }",
    "periods": "tracking { occurred_at in next month or occurred_at in last year }",
    "count beyond 64 bits": "tracking { path exists } count < 99999999999999999999",
}
REFUSED_RULES: dict[str, tuple[str, str]] = {
    "integer literal beyond a float": ("lead { employees < 1" + "0" * 400 + " }",
                                       "out of range"),
    "integer literal of 5000 digits": ("lead { employees < " + "9" * 5000 + " }",
                                       "too many digits"),
    "float literal beyond a float": ("lead { employees < 1e400 }", "out of range"),
    "text literal with a NUL": ('lead { company = "a\x00b" }', "NUL"),
}
AS_OFS = ["9999-12-31", "9999-12-31T23:59:59.999999Z", "0001-01-01", "0001-01-01T00:00:00Z",
          "0001-01-02", "2026-11-20"]
REFUSED_AS_OFS = ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00", "10000-01-01",
                  "0000-12-31"]


def _rules_file(folder: Path, condition: str) -> Path:
    path = folder / "h.rules"
    path.write_text(f"segment s {{\n  1: {condition}\n  match 1\n}}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE_RULES))
def test_hostile_rules_answer_the_same_on_every_store_at_every_as_of(
        case: str, targets: dict[str, str], good: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    rules = _rules_file(tmp_path, HOSTILE_RULES[case])
    assert _run(["check", str(rules)], capsys)[0] == 0
    for as_of in AS_OFS:
        for timezone in ("UTC", "Asia/Tokyo", "America/New_York"):
            extra = ("--as-of", as_of, "--timezone", timezone)
            expected = _segment(rules, str(good), capsys, *extra)
            # In UTC every as-of here is representable; elsewhere the ends of the range are
            # not always (9999-12-31 ends after the last instant in New York): then a usage
            # error, the same one on every store.
            assert expected[0] == 0 if timezone == "UTC" else expected[0] in (0, 2), expected
            for kind in STORES:
                assert _segment(rules, targets[kind], capsys, *extra) == expected, (
                    kind, as_of, timezone)


@pytest.mark.parametrize("case", sorted(REFUSED_RULES))
def test_out_of_range_literals_are_refused_by_check(case: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    condition, message = REFUSED_RULES[case]
    rules = _rules_file(tmp_path, condition)
    code, _out, err = _run(["check", str(rules)], capsys)
    assert code == 1
    assert err.startswith(f"{rules}:2:") and message in err and "Traceback" not in err


@pytest.mark.parametrize("as_of", REFUSED_AS_OFS)
def test_as_of_outside_the_representable_instants_is_a_usage_error(
        as_of: str, rules: Path, targets: dict[str, str], good: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    for data in (str(good), *targets.values()):
        code, out, err = _segment(rules, data, capsys, "--as-of", as_of)
        assert (code, out) == (2, "")
        assert err.startswith("leadrules: error: bad as-of time") and as_of in err, err
        # The error and its hint, nothing else (no traceback, no second error).
        lines = err.splitlines()
        assert len(lines) == 2 and lines[1].startswith("  e.g. 2026-11-20 or "), err


def test_as_of_in_a_zone_where_its_day_is_not_representable(
        rules: Path, good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The end of 9999-12-31 in Tokyo is representable, but not in Tokyo from UTC's last instant.
    code, _out, err = _segment(rules, str(good), capsys, "--as-of",
                               "9999-12-31T23:00:00Z", "--timezone", "Asia/Tokyo")
    assert code == 2 and "is not a date in Asia/Tokyo" in err


def test_the_command_prints_no_traceback(tmp_path: Path) -> None:
    """The real command line, in a subprocess: what a user sees."""
    files, _expected = REFUSED["jsonl nested 100000 deep"]
    folder = _write(tmp_path / "data", files)
    for argv in (["import", str(folder), "--into", str(tmp_path / "x.db")],
                 ["segment", str(_rules_file(tmp_path, HOSTILE_RULES["integer literal 2^63"])),
                  "s", "--data", str(folder)]):
        done = subprocess.run([sys.executable, "-m", "leadrules", *argv], capture_output=True,
                              text=True, timeout=60, check=False)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert done.stderr.startswith(f"{folder}/lead.jsonl:2: error: "), done.stderr
    assert not (tmp_path / "x.db").exists()


def test_json_lines_digits_too_long_for_a_number_are_text_in_a_text_field(tmp_path: Path
                                                                        ) -> None:
    """The documented reading: as in a CSV cell, digits beyond Python's integer
    conversion (4,300) stay text, so a text field keeps them and a number field
    reports them (above); integers beyond 64 bits stay exact in memory."""
    from leadrules.memory import MemoryStore
    digits = "7" * 5000
    folder = _write(tmp_path / "data", {"lead.jsonl": _jsonl(
        '{"id": "L1", "company": ' + digits + ', "employees": 9223372036854775808}')})
    lead = MemoryStore.from_folder(folder).leads()[0]
    assert lead["company"] == digits and lead["employees"] == 2**63


@pytest.mark.parametrize("content", ["garbage", "", "sqlite-as-duckdb", "duckdb-as-sqlite",
                                     "truncated"])
def test_store_files_that_are_not_what_their_name_says(
        content: str, targets: dict[str, str], rules: Path, good: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A broken or misnamed store file: a one-line error for reading and for
    importing into it (never DuckDB guessing the file is SQLite and fetching an
    extension), and the file unchanged."""
    sqlite_bytes = Path(targets["sqlite"]).read_bytes()
    data = {"garbage": b"garbage", "": b"", "truncated": sqlite_bytes[:20_000],
            "sqlite-as-duckdb": sqlite_bytes,
            "duckdb-as-sqlite": Path(targets["duckdb"]).read_bytes()}[content]
    name = "x.duckdb" if content == "sqlite-as-duckdb" else "x.db"
    store = tmp_path / name
    store.write_bytes(data)
    code, out, err = _segment(rules, str(store), capsys, "--as-of", AS_OF)
    assert code in (1, 2) and out == "" and "Traceback" not in err
    assert err.startswith("leadrules: error: ") and "extension" not in err, err
    if content.endswith("-as-sqlite") or content.endswith("-as-duckdb"):
        assert "file, not a" in err
    code, _out, err = _run(["import", str(good), "--into", str(store)], capsys)
    if content == "":  # an empty file is an empty SQLite database: replaced
        assert code == 0, err
        return
    assert code in (1, 2) and "Traceback" not in err and "extension" not in err, err
    assert store.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) in ([name], [name, name + ".lock"])
