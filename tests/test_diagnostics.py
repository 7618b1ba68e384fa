"""Diagnostics for tools: `check --data / --format json / --strict`, `lr.load(…, data=)`,
stable codes, and rules files that cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import leadrules as lr
from leadrules.cli import main
from leadrules.errors import CheckError, Diagnostic, ParseError, UsageError

LEADS = """\
id,email,created_at,owner,renewal
L1,a@x.jp,2026-01-01,sato,2026-06-01
L2,b@x.jp,2026-01-01,tanaka,2027-06-01
"""
OWNER = 'segment mine { match owner = "sato" }\n'
RENEWAL = ('field lead.renewal datetime\n'
           'segment soon { match renewal before 2026-12-31 and owner = "sato" }\n')
MIXED = "segment s {\n  match application exists and mail exists or activity exists\n}\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "custom"
    folder.mkdir()
    (folder / "lead.csv").write_text(LEADS, encoding="utf-8")
    out = {"folder": folder}
    for name, text in (("owner", OWNER), ("renewal", RENEWAL), ("mixed", MIXED)):
        out[name] = tmp_path / f"{name}.rules"
        out[name].write_text(text, encoding="utf-8")
    return out


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------ lr.load(data=)


def test_an_extra_column_is_a_field_when_loaded_with_the_data(files: dict[str, Path]) -> None:
    with pytest.raises(CheckError) as info:
        lr.load(files["owner"])
    assert info.value.first.code == "unknown-field"
    assert "--data" in (info.value.hint or "")  # the way out is named
    rules = lr.load(files["owner"], data=files["folder"])
    assert rules.segment("mine").select(rules.store) == ["L1"]


def test_a_declared_field_reads_the_column_with_its_type(files: dict[str, Path]) -> None:
    rules = lr.load(files["renewal"], data=str(files["folder"]))
    assert rules.schema.lead.field("renewal").type == lr.FieldType.DATETIME
    assert rules.schema.lead.field("owner").type == lr.FieldType.TEXT
    assert rules.segment("soon").select(rules.store, as_of="2026-03-01") == ["L1"]


def test_a_store_read_without_the_declaration_says_how_to_fix_it(
        files: dict[str, Path]) -> None:
    store = lr.MemoryStore.from_folder(files["folder"])  # renewal read as text
    with pytest.raises(CheckError) as info:
        lr.load(files["renewal"], data=store)
    d = info.value.first
    assert (d.code, d.line, d.column, d.end_column) == ("field-conflict", 1, 7, 19)
    assert d.message == "field 'lead.renewal' is text in the store, not datetime"
    assert "pass the folder itself as data=" in (d.hint or "")


def test_a_sqlite_store_imported_without_rules_names_the_import(
        files: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert main(["import", str(files["folder"]), "--into", str(db)]) == 0
    with pytest.raises(CheckError) as info:
        lr.load(files["renewal"], data=db)
    d = info.value.first
    assert d.message == f"field 'lead.renewal' is text in the store {db}, not datetime"
    assert d.hint == ("import it again with the declarations: leadrules import SRC --into "
                      f"{db} --rules {files['renewal']}")
    assert main(["import", str(files["folder"]), "--into", str(db),
                 "--rules", str(files["renewal"])]) == 0
    rules = lr.load(files["renewal"], data=db)
    assert rules.segment("soon").select(rules.store, as_of="2026-03-01") == ["L1"]
    rules.store.close()


def test_parse_takes_data_too(files: dict[str, Path]) -> None:
    rules = lr.parse(OWNER, data=files["folder"])
    assert rules.segment("mine").select(rules.store) == ["L1"]
    assert lr.parse(OWNER.replace("owner", "email"), schema=lr.DEFAULT_SCHEMA).store is None


def test_sources_of_the_store_are_event_blocks(tmp_path: Path) -> None:
    # A store made with `source webinar {…}` knows the source; rules that use it
    # without declaring it read `webinar exists` as an event block.
    folder = tmp_path / "w"
    folder.mkdir()
    (folder / "lead.csv").write_text("id\nL1\nL2\n", encoding="utf-8")
    (folder / "webinar.csv").write_text("lead_id,occurred_at,minutes\nL1,2026-01-02,40\n",
                                        encoding="utf-8")
    declared = tmp_path / "declared.rules"
    declared.write_text("source webinar { minutes number }\n", encoding="utf-8")
    db = tmp_path / "w.db"
    assert main(["import", str(folder), "--into", str(db), "--rules", str(declared)]) == 0
    rules = lr.parse("segment s { match webinar exists }", data=db)
    assert rules.segment("s").select(rules.store, as_of="2026-02-01") == ["L1"]
    rules.store.close()


# ------------------------------------------------------------- the command


def test_check_with_data_accepts_what_segment_runs(capsys: pytest.CaptureFixture[str],
                                                   files: dict[str, Path]) -> None:
    code, _, err = run(capsys, "check", files["owner"])
    assert code == 1 and "unknown field 'owner'" in err
    code, out, _ = run(capsys, "check", files["owner"], files["renewal"],
                       "--data", files["folder"])
    assert code == 0
    assert out.splitlines() == [f"{files['owner']}: ok (1 segment, 0 warnings)",
                                f"{files['renewal']}: ok (1 segment, 0 warnings)"]
    code, out, _ = run(capsys, "segment", files["renewal"], "soon", "--data", files["folder"],
                       "--as-of", "2026-03-01", "--format", "ids")
    assert (code, out) == (0, "L1\n")


def test_check_json_gives_every_field_of_every_diagnostic(
        capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.rules"
    bad.write_text('segment s {\n  1: tracking { pathh = "/" } exists\n}\n', encoding="utf-8")
    code, out, err = run(capsys, "check", bad, files["mixed"], "--format", "json")
    assert code == 1 and err == ""
    found = json.loads(out)
    assert found == [
        {"severity": "error", "code": "unknown-field",
         "message": "unknown field 'pathh' in source tracking", "file": str(bad),
         "line": 2, "column": 17, "end_line": 2, "end_column": 22,
         "hint": "did you mean 'path'?", "suggestion": "path"},
        {"severity": "warning", "code": "mixed-and-or",
         "message": "'and' and 'or' mixed without parentheses", "file": str(files["mixed"]),
         "line": 2, "column": 9, "end_line": 2, "end_column": 43,
         "hint": "'and' binds tighter than 'or'; add parentheses to show what is meant",
         "suggestion": None},
    ]


def test_check_json_of_a_clean_file_is_an_empty_list(capsys: pytest.CaptureFixture[str],
                                                     files: dict[str, Path]) -> None:
    code, out, _ = run(capsys, "check", files["owner"], "--data", files["folder"],
                       "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_strict_makes_warnings_errors(capsys: pytest.CaptureFixture[str],
                                      files: dict[str, Path]) -> None:
    code, out, err = run(capsys, "check", files["mixed"])
    assert code == 0 and "warning:" in err and "ok" in out
    code, out, err = run(capsys, "check", files["mixed"], "--strict")
    assert code == 1 and out == ""
    assert "error: 'and' and 'or' mixed without parentheses" in err
    code, out, _ = run(capsys, "check", files["mixed"], "--strict", "--format", "json")
    assert code == 1 and [d["severity"] for d in json.loads(out)] == ["error"]


def test_check_goes_on_after_an_unreadable_file(capsys: pytest.CaptureFixture[str],
                                                files: dict[str, Path], tmp_path: Path) -> None:
    missing = tmp_path / "missing.rules"
    code, out, _ = run(capsys, "check", missing, files["mixed"], "--format", "json")
    assert code == 2
    assert [(d["code"], d["file"]) for d in json.loads(out)] == [
        ("unreadable-file", str(missing)), ("mixed-and-or", str(files["mixed"]))]


def test_check_with_bad_data_exits_2(capsys: pytest.CaptureFixture[str],
                                     files: dict[str, Path]) -> None:
    code, _, err = run(capsys, "check", files["owner"], "--data", "/no/such/folder")
    assert code == 2 and "no such data folder" in err


# ------------------------------------------------------- codes and fields


def test_every_diagnostic_of_an_error_has_a_code() -> None:
    assert UsageError("x").first.code == "usage"
    assert ParseError([Diagnostic("x")]).first.code == "syntax-error"
    assert ParseError([Diagnostic("x", code="unclosed-brace")]).first.code == "unclosed-brace"


def test_old_positional_diagnostics_still_work() -> None:
    d = Diagnostic("m", "f.rules", 3, 5, 8, "h", "warning", "abc")
    assert (d.code, d.end_line, d.suggestion) == (None, None, None)
    assert d.to_dict()["end_line"] == 3 and d.to_dict()["end_column"] == 8
    assert Diagnostic("m", "f", 1, 4).to_dict()["end_column"] == 5


@pytest.mark.parametrize(("text", "code"), [
    ("segment s { 1: x }", "unknown-field"),
    ("segment s { 1: tracking exists\n 2: tracking exists\n match 1 and 3 }", "unknown-label"),
    ("segment s { 1: segment t }", "unknown-segment"),
    ("segment s { 1: trackin { x = 1 } }", "unknown-source"),
    ('segment s { 1: employees = "x" }', "type-mismatch"),
    ("segment s { 1: segment s }", "cycle"),
    ("segment s { 1: email exists }\nsegment s { 1: email exists }", "duplicate"),
    ('timezone "Mars/Base"', "unknown-timezone"),
    ("segment s { 1: score nope >= 1 }", "unknown-model"),
    ('segment s { 1: email matches "(?=a)" }', "regex-not-portable"),
    ("field lead.email number", "field-conflict"),
    ("segment s { }", "empty-declaration"),
])
def test_check_errors_have_stable_codes(text: str, code: str) -> None:
    with pytest.raises(CheckError) as info:
        lr.parse(text)
    assert info.value.first.code == code


def test_a_caret_sits_under_each_faulty_name() -> None:
    text = ("scoring m extends nope { email exists => 1 }\n"
            "tiers t using nope, fitt {\n  hot: score >= 3\n}\n"
            "segment s { 1: tracking count >= 2 per sesion\n 2: grade fit >= B }\n")
    with pytest.raises(CheckError) as info:
        lr.parse(text)
    spans = [(d.line, d.column, d.end_column, d.message) for d in info.value.diagnostics]
    assert spans == [
        (1, 19, 23, "unknown scoring model 'nope'"),
        (2, 15, 19, "unknown scoring model or grading profile 'nope'"),
        (2, 21, 25, "unknown scoring model or grading profile 'fitt'"),
        (5, 40, 46, "unknown field 'sesion' in source tracking"),
        (6, 11, 14, "unknown grading profile 'fit'"),
    ]


# ------------------------------------------------------------ encodings


def test_a_shift_jis_file_names_the_file_and_the_encoding(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "sjis.rules"
    path.write_bytes('segment s {\n  1: lead { name = "テスト" }\n}\n'.encode("shift_jis"))
    with pytest.raises(ParseError) as info:
        lr.load(path)
    d = info.value.first
    assert (d.code, d.file, d.line, d.column) == ("not-utf8", str(path), 2, 21)
    assert d.message == "the rules file is not UTF-8: byte 0x83 cannot be decoded"
    assert d.hint == ("it looks like Shift_JIS; save the file as UTF-8 "
                      f"(e.g. iconv -f CP932 -t UTF-8 {path})")
    code, _, err = run(capsys, "check", path)
    assert code == 1 and err.startswith(f"{path}:2:21: error: the rules file is not UTF-8")
    assert "Traceback" not in err


def test_a_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "u16.rules"
    path.write_bytes("segment s { 1: email exists }".encode("utf-16"))
    with pytest.raises(ParseError) as info:
        lr.load(path)
    assert info.value.hint == "it looks like UTF-16; save the file as UTF-8"
