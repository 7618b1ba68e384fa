"""Hints for slips the first round of syntax errors missed: malformed dates, a '}'
that closes nothing wherever it is, tabs under the caret, pasted curly quotes and
full-width signs, thousands separators, time zone abbreviations, and a data file's
misspelt required column.  Each message is asserted whole (line, caret, hint)."""
# ruff: noqa: E501 - the rendered messages are compared whole, as printed

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import leadrules as lr
from leadrules.errors import CheckError, DataError, Diagnostic, ParseError, UsageError
from leadrules.memory import MemoryStore
from leadrules.parse import parse

_FORMS = "dates are YYYY-MM-DD, instants YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|±HH:MM]"


def rendered(text: str) -> str:
    with pytest.raises(ParseError) as info:
        parse(text, file="t.rules")
    return info.value.render() + "\n"


def segment(condition: str) -> str:
    return f"segment s {{\n  match {condition}\n}}\n"


# ------------------------------------------------------------ malformed dates


@pytest.mark.parametrize(("written", "reason", "example", "what"), [
    ("2026-11-1", "month and day have 2 digits", "2026-11-01", "date"),
    ("2026-11-01T9:00", "hours, minutes and seconds have 2 digits", "2026-11-01T09:00",
     "time"),
    ("2026-11-01 09:00", "'T' joins the date and the time", "2026-11-01T09:00", "time"),
    ("2026-11-01T09:00+9", "an offset is Z or ±HH:MM", "2026-11-01T09:00+09:00", "time"),
    ("2026-11-01T09:00:00.1234567", "a fraction of a second has at most 6 digits",
     "2026-11-01T09:00:00+09:00", "time"),
    ("10000-01-01", "a year has 4 digits", "2026-11-01T09:00:00+09:00", "date"),
])
def test_a_malformed_date_in_a_segment_gets_the_date_forms(
        written: str, reason: str, example: str, what: str) -> None:
    caret = " " * 27 + "^" * len(written)
    assert rendered(segment(f"created_at > {written}")) == f"""\
t.rules:2:22: error: malformed {what} '{written}'
  2 |   match created_at > {written}
{caret}
  {reason}: {_FORMS}, e.g. {example}
"""


def test_a_malformed_date_carries_the_fixed_form() -> None:
    with pytest.raises(ParseError) as info:
        parse(segment("created_at > 2026-11-1"), file="t.rules")
    d = info.value.first
    assert (d.code, d.suggestion, d.column, d.end_column) == (
        "syntax-error", "2026-11-01", 22, 31)


def test_a_malformed_date_in_a_scoring_model_is_about_the_date_too() -> None:
    assert rendered("scoring m {\n  created_at > 2026-11-1 => 5\n}\n") == f"""\
t.rules:2:16: error: malformed date '2026-11-1'
  2 |   created_at > 2026-11-1 => 5
                     ^^^^^^^^^
  month and day have 2 digits: {_FORMS}, e.g. 2026-11-01
"""


def test_the_points_hint_stays_in_scoring_and_grading() -> None:
    assert rendered("scoring m {\n  email exists 10\n}\n") == """\
t.rules:2:16: error: unexpected '10'; expected ')', ',', ';', '=>', 'and', 'or', 'per', '}', end of line
  2 |   email exists 10
                     ^^
  the points come after '=>': … => 10
"""
    assert rendered("grading g {\n  email exists 10\n}\n").endswith(
        "  the points come after '=>': … => 10\n")


def test_a_number_after_a_segment_condition_gets_no_points_hint() -> None:
    assert rendered(segment("employees > 10 20")) == """\
t.rules:2:24: error: unexpected '20'; expected ')', ',', ';', '=>', 'and', 'or', '}', end of line
  2 |   match employees > 10 20
                             ^^
"""


def test_well_formed_dates_still_parse() -> None:
    for written in ("2026-11-01", "2026-11-01T09:00", "2026-11-01T09:00:00.123456+09:00",
                    "2026-11-01T09:00:00Z", "2026-11-01T09:00+0900"):
        parse(segment(f"created_at > {written}"))


# ------------------------------------------------------- a '}' that closes nothing


def test_a_stray_brace_after_a_closing_brace_on_a_line_is_pointed_at() -> None:
    assert rendered("segment s {\n  1: lead { email exists }}\n  match 1\n}\n") == """\
t.rules:2:27: error: unexpected '}'
  2 |   1: lead { email exists }}
                                ^
  this '}' closes no '{'
"""


def test_a_stray_brace_after_the_closing_brace_is_pointed_at() -> None:
    assert rendered("segment s {\n  1: lead { email exists }\n  match 1\n}}\n") == """\
t.rules:4:2: error: unexpected '}'; expected end of line
  4 | }}
       ^
  this '}' closes no '{'
"""


def test_a_stray_brace_on_its_own_line_keeps_its_hint() -> None:
    assert rendered("segment s {\n  1: lead { email exists }\n  match 1\n}\n}\n") == """\
t.rules:5:1: error: unexpected '}'; expected 'field', 'funnel', 'grading', 'scoring', 'segment', 'source', 'tiers', 'timezone'
  5 | }
      ^
  this '}' closes no '{'
"""


def test_a_stray_brace_before_the_next_declaration() -> None:
    text = "segment a {\n  match email exists }}\n\nsegment b {\n  match email exists\n}\n"
    assert rendered(text) == """\
t.rules:2:23: error: unexpected '}'; expected end of line
  2 |   match email exists }}
                            ^
  this '}' closes no '{'
"""


# ----------------------------------------------------------- tabs under the caret


def test_the_caret_line_repeats_the_tabs_of_the_line() -> None:
    d = Diagnostic("unknown field 'industri' of the lead", "t.rules", 2, 12, 20,
                   source_line='\t1: lead {\tindustri = "x" }')
    assert d.render() == (
        "t.rules:2:12: error: unknown field 'industri' of the lead\n"
        '  2 | \t1: lead {\tindustri = "x" }\n'
        "      \t         \t^^^^^^^^")


def test_a_checked_line_with_tabs_puts_the_caret_under_the_field() -> None:
    with pytest.raises(CheckError) as info:
        lr.parse('segment s {\n\t1: lead {\tindustri = "x" }\n}\n', file="t.rules")
    d = info.value.first
    assert d.column == 12  # columns still count characters
    assert d.render().split("\n")[2] == "      \t         \t^^^^^^^^"


def test_a_caret_past_the_end_of_the_line_still_lines_up() -> None:
    d = Diagnostic("unexpected end of line", "t.rules", 1, 5, source_line="\tab")
    assert d.render().split("\n")[2] == "      \t   ^"


# ---------------------------------------------------- pasted quotes and signs


@pytest.mark.parametrize(("value", "char"), [("“software”", "“"), ("‘software’", "‘")])
def test_curly_quotes_say_to_use_straight_double_quotes(value: str, char: str) -> None:
    assert rendered(f"segment s {{\n  1: lead {{ industry = {value} }}\n}}\n") == f"""\
t.rules:2:24: error: unexpected character '{char}'
  2 |   1: lead {{ industry = {value} }}
                             ^^^^^^^^^^
  use straight double quotes: "software"
"""


def test_a_curly_quote_carries_the_straight_string() -> None:
    with pytest.raises(ParseError) as info:
        parse(segment("industry = “software”"))
    assert info.value.first.suggestion == '"software"'


def test_a_full_width_sign_says_to_use_the_ascii_one() -> None:
    assert rendered('segment s {\n  1: lead { industry ＝ "software" }\n}\n') == """\
t.rules:2:22: error: unexpected character '＝'
  2 |   1: lead { industry ＝ "software" }
                           ^^
  use the ASCII '=' in place of the full-width '＝'
"""
    assert rendered(segment("employees ＞＝ 10")).endswith(
        "  use the ASCII '>=' in place of the full-width '＞＝'\n")


def test_an_ascii_single_quote_keeps_its_hint() -> None:
    assert rendered(segment("industry = 'software'")).endswith(
        '  strings are written in double quotes: "…"\n')


def test_a_number_with_thousands_separators() -> None:
    assert rendered(segment("employees > 1,000")) == """\
t.rules:2:21: error: unexpected ',' in the number 1,000
  2 |   match employees > 1,000
                          ^^^^^
  numbers are written without thousands separators: 1000
"""
    with pytest.raises(ParseError) as info:
        parse(segment("employees > 1,000"))
    assert info.value.first.suggestion == "1000"


# ------------------------------------------------------------------ time zones


def timezone_error(name: str) -> str:
    with pytest.raises(CheckError) as info:
        lr.parse(f'timezone "{name}"\n', file="t.rules")
    return info.value.render()


def test_a_zone_abbreviation_suggests_its_iana_zone() -> None:
    assert timezone_error("JST") == """\
t.rules:1:10: error: unknown time zone 'JST'
  1 | timezone "JST"
               ^^^^^
  did you mean 'Asia/Tokyo'? (JST is an abbreviation; a time zone is named as in the IANA database)"""
    assert timezone_error("PST").endswith("did you mean 'America/Los_Angeles'? (PST is an "
                                          "abbreviation; a time zone is named as in the IANA "
                                          "database)")


def test_an_ambiguous_abbreviation_names_each_zone_and_suggests_none() -> None:
    assert timezone_error("IST").endswith(
        "\n  IST is ambiguous: write the IANA name of the zone meant, 'Asia/Kolkata' (India), "
        "'Europe/Dublin' (Ireland), 'Asia/Jerusalem' (Israel)")
    with pytest.raises(CheckError) as info:
        lr.parse('timezone "IST"\n')
    assert info.value.first.suggestion is None


def test_a_misspelt_zone_name_is_still_suggested() -> None:
    assert timezone_error("Asia/Tokio").endswith("\n  did you mean 'Asia/Tokyo'?")


def test_the_timezone_option_gets_the_same_suggestion(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "lead.csv").write_text("id,email\nL1,a@x\n")
    (tmp_path / "s.rules").write_text("segment s {\n  match email exists\n}\n")
    for zone, hint in [("Asia/Tokio", "did you mean 'Asia/Tokyo'?"),
                       ("JST", "did you mean 'Asia/Tokyo'? (JST is an abbreviation; a time "
                               "zone is named as in the IANA database)")]:
        done = subprocess.run(
            [sys.executable, "-m", "leadrules", "segment", "s.rules", "s", "--data", "data",
             "--timezone", zone], cwd=tmp_path, capture_output=True, text=True, check=False)
        assert (done.returncode, done.stderr) == (
            2, f"leadrules: error: unknown time zone '{zone}'\n  {hint}\n")


def test_the_python_timezone_argument_gets_the_suggestion() -> None:
    rules = lr.parse("segment s {\n  match email exists\n}\n")
    with pytest.raises(UsageError) as info:
        rules.time_context(None, "Asia/Tokio")
    assert (info.value.first.message, info.value.hint) == (
        "unknown time zone 'Asia/Tokio'", "did you mean 'Asia/Tokyo'?")


# ----------------------------------------------------- a misspelt data column


def data_error(tmp_path: Path, files: dict[str, str]) -> DataError:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    with pytest.raises(DataError) as info:
        MemoryStore.from_folder(tmp_path)
    return info.value


def test_a_misspelt_csv_column_is_the_one_to_rename(tmp_path: Path) -> None:
    error = data_error(tmp_path, {
        "lead.csv": "id\nL1\n", "tracking.csv": "lead_id,occured_at,path\nL1,2026-01-01,/\n"})
    assert (error.first.message, error.first.line, error.first.hint) == (
        "tracking.csv has no 'occurred_at' column", 1,
        "the file's column 'occured_at' looks like 'occurred_at' misspelt: rename it to "
        "'occurred_at'")


def test_a_column_in_other_case_is_the_one_to_rename(tmp_path: Path) -> None:
    error = data_error(tmp_path, {"lead.csv": "ID,email\nL1,a@x\n"})
    assert error.first.hint == "column names are case-sensitive: rename the column 'ID' to 'id'"


def test_a_misspelt_json_lines_key_says_the_same(tmp_path: Path) -> None:
    error = data_error(tmp_path, {
        "lead.jsonl": '{"id": "L1"}\n',
        "tracking.jsonl": '{"lead_id": "L1", "occured_at": "2026-01-01", "path": "/"}\n'
                          '{"lead_id": "L1", "occured_at": "2026-01-02", "path": "/"}\n'})
    assert [(d.message, d.line, d.hint) for d in error.diagnostics] == [(
        "tracking.jsonl has no 'occurred_at' key in any line", 1,
        "the file's key 'occured_at' looks like 'occurred_at' misspelt: rename it to "
        "'occurred_at'")]


def test_a_json_lines_file_missing_a_key_without_a_near_one_is_reported_per_line(
        tmp_path: Path) -> None:
    error = data_error(tmp_path, {
        "lead.jsonl": '{"id": "L1"}\n',
        "tracking.jsonl": '{"lead_id": "L1", "path": "/"}\n'})
    assert error.first.message == "tracking.jsonl line 1, field 'occurred_at': no value"


def test_a_number_with_thousands_separators_inside_braces() -> None:
    with pytest.raises(CheckError) as info:
        lr.parse("segment s {\n  1: lead { employees > 1,000 }\n}\n", file="t.rules")
    assert info.value.render() == """\
t.rules:2:25: error: unexpected ',' in the number 1,000
  2 |   1: lead { employees > 1,000 }
                              ^^^^^
  numbers are written without thousands separators: 1000"""


def test_a_label_in_braces_without_a_separator_keeps_its_hint() -> None:
    with pytest.raises(CheckError) as info:
        lr.parse("segment s {\n  1: lead { employees > 1, 2 }\n}\n")
    assert info.value.hint == "braces hold conditions on the fields of one record"


def test_a_zone_suggestion_replaces_the_quoted_span_with_a_quoted_name() -> None:
    with pytest.raises(CheckError) as info:
        lr.parse('timezone "JST"\n')
    d = info.value.first
    assert (d.column, d.end_column, d.suggestion) == (10, 15, '"Asia/Tokyo"')


@pytest.mark.parametrize(("name", "message", "hint"), [
    ("EST", "time zone 'EST' is UTC-05:00 all year, without daylight saving time",
     "write 'America/New_York'"),
    ("MST", "time zone 'MST' is UTC-07:00 all year", "write 'America/Denver'"),
    ("HST", "time zone 'HST' is UTC-10:00 all year", "write 'Pacific/Honolulu'"),
    ("Etc/GMT+9", "time zone 'Etc/GMT+9' is UTC-09:00: the Etc/GMT names invert the sign",
     "for UTC+09:00 write 'Etc/GMT-9'"),
    ("Etc/GMT-5", "time zone 'Etc/GMT-5' is UTC+05:00", "for UTC-05:00 write 'Etc/GMT+5'"),
    ("Etc/GMT-14", "time zone 'Etc/GMT-14' is UTC+14:00", "'Pacific/Kiritimati'"),
])
def test_a_fixed_offset_zone_people_misread_is_warned(name: str, message: str,
                                                     hint: str) -> None:
    rules = lr.parse(f'timezone "{name}"\nsegment s {{\n  1: email exists\n}}\n')
    (warning,) = [w for w in rules.warnings if w.code == "timezone-offset"]
    assert warning.message.startswith(message) and hint in (warning.hint or "")
    assert (warning.line, warning.column) == (1, 10)


@pytest.mark.parametrize("name", ["UTC", "Asia/Tokyo", "America/New_York", "CET", "Etc/GMT",
                                  "Etc/GMT+0", "EST5EDT"])
def test_zones_with_their_summer_time_or_no_offset_are_not_warned(name: str) -> None:
    rules = lr.parse(f'timezone "{name}"\nsegment s {{\n  1: email exists\n}}\n')
    assert not [w for w in rules.warnings if w.code == "timezone-offset"]


def test_an_inverted_etc_gmt_name_without_a_counterpart_suggests_none() -> None:
    rules = lr.parse('timezone "Etc/GMT-14"\nsegment s {\n  1: email exists\n}\n')
    (warning,) = [w for w in rules.warnings if w.code == "timezone-offset"]
    assert "UTC+14:00" in warning.message and "Etc/GMT+14" not in (warning.hint or "")


@pytest.mark.parametrize(("block", "hint"), [
    ('application { path = "/x" } exists', "'path' is a field of tracking: tracking { path … }"),
    ('tracking { form = "contact" } exists',
     "'form' is a field of application: application { form … }"),
    ('tracking { industry = "a" } exists',
     "'industry' is a field of the lead: test it outside the event block"),
])
def test_a_field_of_another_table_names_it(block: str, hint: str) -> None:
    with pytest.raises(CheckError) as info:
        lr.parse(f"segment s {{\n  1: {block}\n}}\n")
    assert hint in (info.value.first.hint or "")


def test_an_unknown_label_or_model_without_a_near_name_lists_the_names() -> None:
    with pytest.raises(CheckError) as info:
        lr.parse("scoring default {\n  email exists => +1\n}\nsegment s {\n  1: email exists\n"
                 "  2: mail exists\n  match 1 and 3 or score nosuch >= 3\n}\n")
    hints = [d.hint for d in info.value.diagnostics]
    assert "the labels of this segment are 1, 2" in hints
    assert "the scoring models are default" in hints


@pytest.mark.parametrize("sign", ["&", "|"])
def test_a_single_ampersand_or_bar_says_and_or(sign: str) -> None:
    with pytest.raises(Exception) as info:
        lr.parse(f"segment s {{\n  1: email exists\n  2: mail exists\n  match 1 {sign} 2\n}}\n")
    assert "use 'and' / 'or'" in str(info.value)


def test_the_timezone_option_est_is_warned_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "lead.csv").write_text("id,email\nL1,a@x.jp\n", encoding="utf-8")
    (tmp_path / "r.rules").write_text("segment s {\n  1: email exists\n}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "leadrules", "segment", "r.rules", "s",
                           "--data", "d", "--as-of", "2026-11-20", "--timezone", "EST"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "L1\n"
    assert "warning: --timezone: time zone 'EST' is UTC-05:00 all year" in done.stderr


@pytest.mark.parametrize(("block", "hint"), [
    ("tracking count >= 15 within 30 days", "a time limit goes inside the braces"),
    ("lead.email exists", "a lead field is written without 'lead.'"),
    ('path in "/a", "/b"', 'a list of values is written in parentheses: in ("/a", …)'),
    ('industry = "a" or "b"', 'or use in: industry in ("a", "b")'),
])
def test_common_slips_get_a_hint(block: str, hint: str) -> None:
    with pytest.raises(ParseError) as info:
        lr.parse(f"segment s {{\n  1: {block}\n}}\n")
    assert hint in (info.value.first.hint or "")


@pytest.mark.parametrize(("written", "fixed"), [
    ("(won, lost)", '("won", "lost")'),
    ('("won", lost, other)', '("won", "lost", "other")'),
    ("( won ,lost, 3 )", '( "won", "lost", 3 )'),
])
def test_unquoted_list_values_are_quoted_by_one_fix(written: str, fixed: str) -> None:
    # The fix quoted one value at a time: applied, the next error was the next value.
    text = f"segment s {{\n  1: lead {{ status in {written} }}\n}}\n"
    with pytest.raises(ParseError) as info:
        parse(text)
    d = info.value.first
    assert d.line == 2 and d.end_line in (None, 2) and d.suggestion is not None
    line = text.splitlines()[1]
    applied = line[:d.column - 1] + d.suggestion + line[d.end_column - 1:]
    assert applied == f"  1: lead {{ status in {fixed} }}"
    parse(text.replace(line, applied))  # parses now


def test_the_files_zone_caveat_is_not_shown_when_the_timezone_option_replaces_it(
        tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``timezone "EST"`` in the file is warned about (a fixed offset) unless
    ``--timezone`` replaces it; ``--timezone EST`` is, on every command that takes it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "lead.csv").write_text("id,email\nL1,a@x.jp\n", encoding="utf-8")
    (tmp_path / "r.rules").write_text('timezone "EST"\nsegment s {\n  1: email exists\n}\n',
                                      encoding="utf-8")
    file_caveat = "r.rules:1:10: warning: time zone 'EST' is UTC-05:00"
    option_caveat = "warning: --timezone: time zone 'EST' is UTC-05:00"
    commands = [["segment", "r.rules", "s", "--data", "d", "--as-of", "2026-11-20"],
                ["explain", "r.rules", "s", "L1", "--data", "d", "--as-of", "2026-11-20"],
                ["diff", "r.rules", "r.rules", "s", "--data", "d", "--as-of", "2026-11-20"],
                ["timeline", "d", "L1", "--rules", "r.rules"]]
    for argv in commands:
        code, _, err = cli(*argv)
        assert code == 0 and file_caveat in err and option_caveat not in err, argv
        code, _, err = cli(*argv, "--timezone", "Asia/Tokyo")
        assert code == 0 and "warning" not in err, argv
        code, _, err = cli(*argv, "--timezone", "EST")
        assert code == 0 and file_caveat not in err and option_caveat in err, argv
    code, _, err = cli("timeline", "d", "L1", "--timezone", "EST")
    assert code == 0 and option_caveat in err
    code, _, err = cli("sql", "r.rules", "s", "--dialect", "duckdb", "--timezone", "EST")
    assert code == 0 and option_caveat in err


def test_a_name_of_another_kind_is_pointed_at_the_command_that_takes_it(
        tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "lead.csv").write_text("id,email\nL1,a@x.jp\n", encoding="utf-8")
    (tmp_path / "r.rules").write_text("scoring interest {\n  email exists => +1\n}\n"
                                      "segment s {\n  1: email exists\n}\n", encoding="utf-8")
    code, out, err = cli("segment", "r.rules", "interest", "--data", "d", "--as-of", "2026-11-20")
    assert (code, out) == (2, "")
    assert err == ("leadrules: error: 'interest' is a scoring model, not a segment\n"
                   "  use leadrules score r.rules interest …\n")
    code, _, err = cli("score", "r.rules", "s", "--data", "d", "--as-of", "2026-11-20")
    assert code == 2 and "  use leadrules segment r.rules s …\n" in err
    with pytest.raises(UsageError, match=r"use rules\.scoring\('interest'\)"):
        lr.load(tmp_path / "r.rules").segment("interest")


def test_an_as_of_offset_beyond_a_day_is_said_so(tmp_path: Path, cli: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "lead.csv").write_text("id,email\nL1,a@x.jp\n", encoding="utf-8")
    (tmp_path / "r.rules").write_text("segment s {\n  1: email exists\n}\n", encoding="utf-8")
    code, _, err = cli("segment", "r.rules", "s", "--data", "d",
                       "--as-of", "2026-03-31T09:00:00+25:00")
    assert code == 2 and "timedelta" not in err
    assert "its offset is not between -24:00 and +24:00" in err


@pytest.mark.parametrize("into", ["s.duckdb", "s.db"])
def test_import_warns_of_files_and_columns_named_near_what_the_folder_lacks(
        tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch, into: str) -> None:
    """``trackng.csv`` and ``compnay`` are imported under their own names; the
    import says so at once, on the engine path and the Python one alike."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "lead.csv").write_text("id,compnay\nL1,Acme\n", encoding="utf-8")
    (tmp_path / "d" / "trackng.csv").write_text(
        "lead_id,occurred_at,path\nL1,2026-01-01T00:00:00Z,/p\n", encoding="utf-8")
    code, out, err = cli("import", "d", "--into", into)
    assert (code, out) == (0, "")
    assert err.count("warning:") == 2, err
    assert "the folder has trackng.csv, read as a new source 'trackng': rename it to " \
           "tracking.csv" in err
    assert "lead.csv has a column 'compnay', read as a new text field: rename it to " \
           "'company'" in err
    assert err.endswith(f"imported 1 lead into {into}\n")
    (tmp_path / "d" / "trackng.csv").rename(tmp_path / "d" / "tracking.csv")
    (tmp_path / "d" / "lead.csv").write_text("id,company\nL1,Acme\n", encoding="utf-8")
    code, _, err = cli("import", "d", "--into", into)
    assert (code, err) == (0, f"imported 1 lead into {into}\n")


@pytest.mark.parametrize(("condition", "span", "hint", "fixed"), [
    ("created_at > 12/31/2026", "12/31/2026", "dates are written YYYY-MM-DD: 2026-12-31",
     "2026-12-31"),
    ("created_at < 31.12.2026", "31.12.2026", "dates are written YYYY-MM-DD: 2026-12-31",
     "2026-12-31"),
    ("created_at > 2026/1/5", "2026/1/5", "dates are written YYYY-MM-DD: 2026-01-05",
     "2026-01-05"),
    ("created_at > 03/04/2026", "03/04/2026",
     "dates are written YYYY-MM-DD: 2026-03-04 (March 4) or 2026-04-03 (April 3)", None),
    ("created_at > 13/13/2026", "13/13/2026", _FORMS, None),
    ("employees => 5", "=>", "use '>=' for greater than or equal", ">="),
    ("employees =< 5", "=<", "use '<=' for less than or equal", "<="),
    ("employees > = 5", "> =", "write '>=' without a space", ">="),
    ("employees <  = 5", "<  =", "write '<=' without a space", "<="),
    ('status in ["won", "lost"]', '["won", "lost"]',
     'a list of values is written in parentheses: ("won", "lost")', '("won", "lost")'),
    ('status in ["won"', "[", 'a list of values is written in parentheses: in ("a", "b")',
     None),
])
def test_slips_of_other_languages_point_at_the_whole_slip_and_fix_it(
        condition: str, span: str, hint: str, fixed: str | None) -> None:
    text = f"segment s {{\n  1: {condition}\n}}\n"
    with pytest.raises(ParseError) as info:
        parse(text)
    d = info.value.first
    line = text.splitlines()[1]
    assert d.line == 2 and d.column is not None and d.end_column is not None
    assert line[d.column - 1:d.end_column - 1] == span
    assert hint in (d.hint or ""), d.hint
    assert d.suggestion == fixed
    if fixed is not None:  # the fix, applied, parses
        parse(text.replace(line, line[:d.column - 1] + fixed + line[d.end_column - 1:]))


def test_a_scoring_arrow_is_not_taken_for_a_swapped_sign() -> None:
    parse("scoring m {\n  email exists => 5\n}\n")
    with pytest.raises(ParseError) as info:
        parse("scoring m {\n  email exists => 5 => +3\n}\n")
    assert "'>='" not in (info.value.first.hint or "")


@pytest.mark.parametrize("command", [
    ["segment", "r.rules", "s", "--data", "d"],
    ["sql", "r.rules", "s", "--dialect", "duckdb"],
    ["timeline", "L1", "--data", "d"],
])
def test_an_empty_timezone_option_is_refused_not_replaced_by_utc(
        tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    # `--timezone "$TZ"` with TZ unset was read as no option: the file's zone, or UTC.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "lead.csv").write_text("id,email\nL1,a@x.jp\n", encoding="utf-8")
    (tmp_path / "r.rules").write_text('timezone "Asia/Tokyo"\nsegment s {\n  1: email exists\n}\n',
                                      encoding="utf-8")
    code, out, err = cli(*command, "--timezone", " ")
    assert (code, out) == (2, "")
    assert "argument --timezone: an empty time zone name" in err
    code, out, _ = cli(*command, "--timezone", "UTC")
    assert code == 0 and out


@pytest.mark.parametrize(("cell", "fixed"), [
    ("2026-11-01T00:00:00z", "2026-11-01T00:00:00Z"),
    ("2026-11-01t09:00:00.5z", "2026-11-01T09:00:00.5Z"),
])
def test_a_lower_case_t_or_z_in_a_data_time_gets_the_upper_case_form(
        tmp_path: Path, cell: str, fixed: str) -> None:
    (tmp_path / "lead.csv").write_text("id\nL1\n", encoding="utf-8")
    (tmp_path / "tracking.csv").write_text(f"lead_id,occurred_at\nL1,{cell}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        MemoryStore.from_folder(tmp_path)
    assert info.value.diagnostics[0].hint == f"write 'T' and 'Z' in upper case: {fixed}"
    (tmp_path / "tracking.csv").write_text(f"lead_id,occurred_at\nL1,{fixed}\n", encoding="utf-8")
    assert len(MemoryStore.from_folder(tmp_path).events_of("L1")["tracking"]) == 1


def test_other_bad_times_keep_the_general_hint(tmp_path: Path) -> None:
    (tmp_path / "lead.csv").write_text("id\nL1\n", encoding="utf-8")
    (tmp_path / "tracking.csv").write_text("lead_id,occurred_at\nL1,tomorrow\n",
                                           encoding="utf-8")
    with pytest.raises(DataError) as info:
        MemoryStore.from_folder(tmp_path)
    assert (info.value.diagnostics[0].hint or "").startswith("write an ISO-8601 date")
