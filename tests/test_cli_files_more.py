"""Files the command line writes and shows: `fmt --write` rewrites a file in place
(its permission bits kept, a symlink's target rewritten), `test --junit` into a path
that cannot be written is a usage error before any test runs, a lead created after
as_of has no tier and no stage, source lines are shown as the parser counts lines
and without raw control characters, a binary file is "not a text file", and the
language server answers a document it never opened, stops on Ctrl-C with 130 and
names the initializationOptions it does not know."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from leadrules.cli import main

UNFORMATTED = "segment s {  match mail exists }\n"
FORMATTED = "segment s {\n  match mail exists\n}\n"


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------- fmt --write


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.parametrize("mode", [0o664, 0o640, 0o755])
def test_fmt_write_keeps_the_permission_bits(tmp_path: Path, mode: int,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "perm.rules"
    path.write_text(UNFORMATTED, encoding="utf-8")
    path.chmod(mode)
    assert run(capsys, "fmt", "--write", path) == (0, "", "")
    assert path.read_text(encoding="utf-8") == FORMATTED
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_fmt_write_rewrites_a_symlinks_target(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "real.rules"
    target.write_text(UNFORMATTED, encoding="utf-8")
    link = tmp_path / "link.rules"
    link.symlink_to(target.name)
    assert run(capsys, "fmt", "--write", link)[0] == 0
    assert link.is_symlink() and os.readlink(link) == "real.rules"
    assert target.read_text(encoding="utf-8") == FORMATTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.rules", "real.rules"]


def test_fmt_write_leaves_a_canonical_file_untouched(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "done.rules"
    path.write_text(FORMATTED, encoding="utf-8")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    inode = path.stat().st_ino
    assert run(capsys, "fmt", "--write", path)[0] == 0
    assert path.stat().st_mtime == 1_000_000_000 and path.stat().st_ino == inode


def test_fmt_write_into_a_read_only_folder_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "r.rules"
    path.write_text(UNFORMATTED, encoding="utf-8")
    # The folder refuses new files, as a read-only folder does for a user (root,
    # as CI runs, writes there anyway): the temporary file cannot be created.
    real_open = os.open

    def refusing_open(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(name).parent == folder and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    code, _, err = run(capsys, "fmt", "--write", path)
    monkeypatch.undo()
    assert code == 2
    assert err.startswith(f"leadrules: error: cannot write the formatted rules to {path}: ")
    assert path.read_text(encoding="utf-8") == UNFORMATTED
    assert [p.name for p in folder.iterdir()] == ["r.rules"]


# --------------------------------------------------------------- test --junit

SEGMENT = "segment s { match mail exists }\n"
A_TEST = """\
as_of = 2026-03-31
[[test]]
name = "t"
lead = { id = "A" }
expect.not_in = ["s"]
"""


@pytest.fixture()
def suite(tmp_path: Path) -> Path:
    (tmp_path / "s.rules").write_text(SEGMENT, encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "a.toml").write_text(A_TEST, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("junit", "expected"), [
    ("missing-dir/report.xml",
     "leadrules: error: cannot write the JUnit report to missing-dir/report.xml: there is no "
     "folder missing-dir\n  create it first (mkdir -p missing-dir), or name a file in a "
     "folder that exists\n"),
    ("tests",
     "leadrules: error: cannot write the JUnit report to tests: it is a folder\n"
     "  name a file, e.g. tests/report.xml\n"),
    ("s.rules/report.xml",
     "leadrules: error: cannot write the JUnit report to s.rules/report.xml: s.rules is a "
     "file, not a folder\n  name a file in a folder that exists\n"),
])
def test_a_junit_path_that_cannot_be_written_is_a_usage_error_before_the_tests_run(
        suite: Path, junit: str, expected: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(suite)
    before = sorted(p.relative_to(suite) for p in suite.rglob("*"))
    # No test ran: nothing on standard output.
    assert run(capsys, "test", "s.rules", "tests", "--junit", junit) == (2, "", expected)
    assert sorted(p.relative_to(suite) for p in suite.rglob("*")) == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_junit_replaces_a_report_keeping_its_mode(suite: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(suite)
    report = suite / "report.xml"
    report.write_text("old", encoding="utf-8")
    report.chmod(0o644)
    code, out, _ = run(capsys, "test", "s.rules", "tests", "--junit", "report.xml")
    assert code == 0 and out.endswith("1 test: 1 passed, 0 failed\n")
    text = report.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and text.count("<testcase") == 1
    assert stat.S_IMODE(report.stat().st_mode) == 0o644


# ------------------------------------------------- a lead created after as_of

FUTURE_RULES = """\
segment s { match application exists }
scoring m { application exists => +1 }
grading g { start D }
tiers t using m {
  hot: score >= 1
  cold: otherwise
}
funnel f {
  a: all
  b: application exists
}
"""


@pytest.mark.parametrize(("expect", "passes", "got"), [
    ("expect.tier.t = false", True, None),
    ("expect.stage.f = false", True, None),
    ("expect.not_in = ['s']", True, None),
    ('expect.tier.t = "cold"', False, "nothing (the lead was created after as_of)"),
    ('expect.stage.f = "a"', False, "nothing (the lead was created after as_of)"),
    ("expect.score.m = 0", False, "nothing (the lead was created after as_of)"),
    ("expect.score.m = { max = 0 }", False, "nothing (the lead was created after as_of)"),
    ('expect.grade.g = "D"', False, "nothing (the lead was created after as_of)"),
    ("expect.in = ['s']", False, "not in the segment"),
])
def test_a_lead_created_after_as_of_has_no_tier_stage_score_or_grade(
        tmp_path: Path, expect: str, passes: bool, got: str | None) -> None:
    import leadrules as lr
    rules = tmp_path / "fut.rules"
    rules.write_text(FUTURE_RULES, encoding="utf-8")
    test = tmp_path / "fut.toml"
    test.write_text(f'as_of = 2026-03-31\n[[test]]\nlead = {{ id = "F1", created_at = '
                    f'2026-12-01 }}\nevents.application = [{{ occurred_at = 2026-03-01 }}]\n'
                    f'{expect}\n', encoding="utf-8")
    report = lr.load(rules).test(test)
    assert (report.passed, report.failed) == ((1, 0) if passes else (0, 1))
    assert [f.got for f in report.failures] == ([] if passes else [got])


# ------------------------------------------------------- the line shown under an error

TYPO = "  2: lead { emplyees > 1 }"


@pytest.mark.parametrize("separator", ["\f", "\u2028", "\x85", "\x0b", "\u2029"])
def test_the_shown_line_is_the_line_the_number_names(
        tmp_path: Path, separator: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sep.rules"
    # Only "\n" ends a line: the separator sits inside line 2, the typo is on line 3.
    path.write_text(f'segment s {{\n  1: tracking {{ path = "a{separator}b" }}\n{TYPO}\n'
                    "  match 1 and 2\n}\n", encoding="utf-8")
    code, _, err = run(capsys, "check", path)
    assert code == 1
    assert err.splitlines()[:3] == [
        f"{path}:3:13: error: unknown field 'emplyees' of the lead",
        f"  3 | {TYPO}",
        "      " + " " * 12 + "^" * 8]


def test_a_syntax_error_and_a_check_error_show_the_same_line(tmp_path: Path) -> None:
    import leadrules as lr
    from leadrules.errors import LeadRulesError
    head = 'segment s {\f\n  1: tracking { path = "a\u2028b" }\n'
    shown = []
    for body in ("  2: lead { emplyees > 1 }\n", "  2: lead { employees > }\n"):
        path = tmp_path / "x.rules"
        path.write_text(head + body + "  match 1 and 2\n}\n", encoding="utf-8")
        with pytest.raises(LeadRulesError) as info:
            lr.load(path)
        shown.append((info.value.line, info.value.first.source_line))
    assert shown == [(3, body.rstrip("\n")) for body in
                     ("  2: lead { emplyees > 1 }", "  2: lead { employees > }")]


@pytest.mark.parametrize(("raw", "shown", "caret"), [
    ("\x1b[31m", "\\x1b[31m", "^^^^"),
    ("\x07", "\\x07", "^^^^"),
    ("\x7f", "\\x7f", "^^^^"),
    ("\x9b", "\\x9b", "^^^^"),
    ("\u202e", "\\u202e", "^^^^^^"),
    ("\u2028", "\\u2028", "^^^^^^"),
])
def test_control_characters_are_shown_escaped_with_the_caret_under_the_escape(
        tmp_path: Path, raw: str, shown: str, caret: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ctl.rules"
    path.write_text(f"segment s {{\n  match {raw}email exists\n}}\n", encoding="utf-8")
    code, _, err = run(capsys, "check", path)
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(f"{path}:2:9: error: ")
    assert lines[1] == f"  2 |   match {shown}email exists"
    assert lines[2] == "      " + " " * 8 + caret
    assert raw[0] not in err


def test_an_escape_before_the_fault_moves_the_caret_by_its_width() -> None:
    from leadrules.errors import Diagnostic
    d = Diagnostic("m", "f.rules", 1, 4, 9, source_line='"\x1b" emial')
    # Shown: `"\x1b" emial`; the fault starts at character 4 (`e`), 3 columns later.
    assert d.render() == 'f.rules:1:4: error: m\n  1 | "\\x1b" emial\n' + " " * 12 + "^^^^^"


def test_a_tab_stays_a_tab_under_the_caret() -> None:
    from leadrules.errors import Diagnostic
    d = Diagnostic("m", None, 2, 3, source_line="\t\tx")
    assert d.render().splitlines()[1:] == ["  2 | \t\tx", "      \t\t^"]


# --------------------------------------------------------- files that are not text

BINARY_HEAD = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\xd0a\x1b"


def test_a_binary_rules_file_is_not_a_text_file(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "binary.rules"
    path.write_bytes(BINARY_HEAD)
    code, out, err = run(capsys, "check", path)
    assert (code, out) == (1, "")
    assert err == (f"{path}:1:8: error: the rules file is not a text file: it holds a NUL byte "
                   "(0x00), as a program, an archive or a database does\n"
                   "  name a text file saved as UTF-8\n")


def test_a_nul_in_otherwise_utf8_rules_is_not_a_text_file(tmp_path: Path) -> None:
    import leadrules as lr
    from leadrules.errors import ParseError
    path = tmp_path / "nul.rules"
    path.write_bytes(b'segment s {\n  match email = "a\x00"\n}\n')
    with pytest.raises(ParseError) as info:
        lr.load(path)
    d = info.value.first
    assert (d.code, d.line, d.column, d.source_line) == ("not-utf8", 2, 19, None)
    assert "not a text file" in d.message


@pytest.mark.parametrize(("codec", "name"), [("utf-16-le", "UTF-16LE"),
                                              ("utf-16-be", "UTF-16BE")])
def test_utf16_without_a_byte_order_mark_is_named(tmp_path: Path, codec: str, name: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "u16.rules"
    path.write_bytes("segment s { match email exists }\n".encode(codec))
    code, _, err = run(capsys, "check", path)
    assert code == 1
    assert f"error: the rules file is {name} text, not UTF-8\n" in err
    assert err.endswith(f"  save the file as UTF-8 (e.g. iconv -f {name} -t UTF-8 {path})\n")


def test_a_binary_test_file_is_a_bad_test_file(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "s.rules").write_text(SEGMENT, encoding="utf-8")
    test = tmp_path / "t.toml"
    test.write_bytes(BINARY_HEAD)
    code, _, err = run(capsys, "test", tmp_path / "s.rules", test)
    assert code == 1
    assert err.startswith(f"{test}:1:8: error: the test file is not a text file")
    assert "\x00" not in err and "\x1b" not in err


@pytest.mark.parametrize(("head", "newline", "kept"), [
    ("\ufeff", "\r\n", "\r\n"), ("", "\r\n", "\r\n"), ("\ufeff", "\n", "\n"),
])
def test_fmt_write_keeps_the_byte_order_mark_and_crlf_line_ends(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], head: str, newline: str,
        kept: str) -> None:
    path = tmp_path / "r.rules"
    messy = head + newline.join(["segment s {", "  1:   email exists", "}", ""])
    path.write_bytes(messy.encode("utf-8"))
    assert main(["fmt", "--check", str(path)]) == 1
    assert main(["fmt", "--write", str(path)]) == 0
    canonical = "segment s {\n  1: email exists\n}\n"
    assert path.read_bytes().decode("utf-8") == head + canonical.replace("\n", kept)
    assert main(["fmt", "--check", str(path)]) == 0
    capsys.readouterr()
    assert main(["fmt", str(path)]) == 0
    assert capsys.readouterr().out == canonical


def test_fmt_write_gives_lines_ending_both_ways_lf(tmp_path: Path) -> None:
    path = tmp_path / "r.rules"
    path.write_bytes(b"segment s {\r\n  1: email exists\n}\n")
    assert main(["fmt", "--write", str(path)]) == 0
    assert path.read_bytes() == b"segment s {\n  1: email exists\n}\n"
