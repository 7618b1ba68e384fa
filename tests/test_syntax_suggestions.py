"""Syntax-error suggestions that work: ``suggestion`` is the text that replaces the
span (docs/cli.md), and the editor's quick fix writes it there, so each one is
applied here and the result must check.  Hints are asserted whole, as written by
hand."""

from __future__ import annotations

import pytest

import leadrules as lr
from leadrules.errors import Diagnostic, LeadRulesError


def first(text: str) -> Diagnostic:
    with pytest.raises(LeadRulesError) as info:
        lr.parse(text, file="t.rules")
    return info.value.diagnostics[0]


def applied(text: str, d: Diagnostic) -> str:
    """``text`` with the suggestion of ``d`` written over its span."""
    assert d.suggestion is not None and d.line is not None and d.end_line == d.line
    assert d.column is not None and d.end_column is not None
    lines = text.split("\n")
    line = lines[d.line - 1]
    lines[d.line - 1] = line[:d.column - 1] + d.suggestion + line[d.end_column - 1:]
    return "\n".join(lines)


def assert_checks(text: str) -> None:
    lr.parse(text, file="t.rules")  # raises if the text does not check


def segment(condition: str) -> str:
    return f"segment s {{\n  match {condition}\n}}\n"


# ------------------------------------------ a second value without its field


@pytest.mark.parametrize(("condition", "hint", "fixed"), [
    ('title contains "部長" or "課長"',
     'repeat the field: title contains "部長" or title contains "課長"',
     'title contains "部長" or title contains "課長"'),
    ('industry != "a" and "b"',
     'repeat the field: industry != "a" and industry != "b", '
     'or use not in: industry not in ("a", "b")',
     'industry != "a" and industry != "b"'),
    ('title starts with "a" or "b"',
     'repeat the field: title starts with "a" or title starts with "b"',
     'title starts with "a" or title starts with "b"'),
    ('title ends with "a" and "b"',
     'repeat the field: title ends with "a" and title ends with "b"',
     'title ends with "a" and title ends with "b"'),
    ('title not contains "a" or "b"',
     'repeat the field: title not contains "a" or title not contains "b"',
     'title not contains "a" or title not contains "b"'),
    ('industry = "a" or "b"',
     'repeat the field: industry = "a" or industry = "b", or use in: industry in ("a", "b")',
     'industry = "a" or industry = "b"'),
    ('employees > 5 and industry = "a" OR "b"',
     'repeat the field: industry = "a" or industry = "b", or use in: industry in ("a", "b")',
     'employees > 5 and industry = "a" OR industry = "b"'),
])
def test_a_value_without_its_field_repeats_the_field(condition: str, hint: str, fixed: str
                                                     ) -> None:
    text = segment(condition)
    d = first(text)
    assert d.hint == hint
    assert applied(text, d) == segment(fixed)
    assert_checks(applied(text, d))


def test_a_value_without_its_field_inside_braces() -> None:
    text = 'segment s {\n  1: tracking { path starts with "/a" or "/b" }\n}\n'
    d = first(text)
    assert (d.column, d.end_column, d.suggestion) == (42, 46, 'path starts with "/b"')
    assert_checks(applied(text, d))


def test_a_quoted_name_is_still_a_quoted_name() -> None:
    # Not after a comparison: the quotes are the mistake, not a missing field.
    assert first('segment s { 1: lead { "industry" = "x" } }').hint == (
        "names are written without quotes")


# ---------------------------------------- suggestions that fit where they go


def test_a_backquoted_value_is_quoted_without_its_backquotes() -> None:
    text = segment("industry = `software`")
    d = first(text)
    assert (d.hint, d.suggestion) == ('text is written in double quotes: "software"',
                                      '"software"')
    fixed = applied(text, d)
    assert fixed == segment('industry = "software"')
    rules = lr.parse(fixed)
    assert rules.segment("s").matches({"id": "L1", "industry": "software"},
                                      as_of="2026-01-01")


def test_a_keyword_written_as_two_words_is_replaced_whole() -> None:
    text = "scoring m {\n  a: tracking => +1\n  decay half life 30 days\n}\n"
    d = first(text)
    # `half life` is columns 9 to 17: the suggestion replaces both words.
    assert (d.code, d.line, d.column, d.end_column, d.suggestion) == (
        "misspelled-keyword", 3, 9, 18, "half-life")
    assert applied(text, d) == "scoring m {\n  a: tracking => +1\n  decay half-life 30 days\n}\n"
    assert_checks(applied(text, d))


@pytest.mark.parametrize(("words", "sign"), [
    ("greater than", ">"),
    ("more than", ">"),
    ("less than", "<"),
    ("greater than or equal to", ">="),
    ("at least", ">="),
    ("less than or equal to", "<="),
    ("at most", "<="),
])
def test_an_english_comparison_suggests_its_sign(words: str, sign: str) -> None:
    text = segment(f"employees {words} 100")
    d = first(text)
    assert (d.column, d.end_column, d.suggestion) == (19, 19 + len(words), sign)
    assert applied(text, d) == segment(f"employees {sign} 100")
    assert_checks(applied(text, d))


def test_later_than_a_date_suggests_after() -> None:
    text = segment("created_at later than 2026-01-01")
    d = first(text)
    assert (d.column, d.end_column, d.suggestion) == (20, 30, "after")
    assert_checks(applied(text, d))


@pytest.mark.parametrize("text", [
    # `after` is near `greater` and parses, but it takes a date, not 100.
    segment("employees greater 100"),
    # `and` is near `end`, but nothing can follow it there.
    "segment s {\n  1: lead { email exists }\n  match 1\nend\n}\n",
])
def test_a_keyword_that_fits_only_itself_is_not_suggested(text: str) -> None:
    d = first(text)
    assert d.suggestion is None or _checks(applied(text, d))


def _checks(text: str) -> bool:
    try:
        lr.parse(text)
    except LeadRulesError:
        return False
    return True


# -------------------------------------------------- `end` in place of '}'


def test_end_closing_a_segment_is_named_and_replaced_by_a_brace() -> None:
    text = ("segment s {\n  1: lead { email exists }\n  match 1\nend\n\n"
            "segment t {\n  match application exists\n}\n")
    d = first(text)
    assert (d.line, d.column, d.end_column, d.message, d.hint, d.suggestion) == (
        4, 1, 4, "unexpected 'end'", "blocks are closed with '}', not 'end'", "}")
    assert_checks(applied(text, d))


def test_end_with_a_semicolon_is_replaced_whole() -> None:
    text = "segment s {\n  match application exists\nEND;\n"
    d = first(text)
    assert (d.line, d.column, d.end_column, d.suggestion) == (3, 1, 5, "}")
    assert applied(text, d) == "segment s {\n  match application exists\n}\n"
    assert_checks(applied(text, d))


def test_each_end_is_found_in_turn() -> None:
    text = ("segment s {\n  1: lead {\n    email exists\n  end\n  match 1\nend\n")
    d = first(text)
    assert (d.line, d.suggestion) == (4, "}")
    again = applied(text, d)
    d = first(again)
    assert (d.line, d.suggestion) == (6, "}")
    assert_checks(applied(again, d))


def test_end_beside_its_brace_is_to_be_removed() -> None:
    # The '}' was added as told, and the 'end' is left over: a '}' in its place
    # would close nothing.
    text = "segment s {\n  1: lead { email exists }\n  match 1\nend\n}\n"
    d = first(text)
    assert (d.line, d.column, d.suggestion) == (4, 1, None)
    assert d.hint == ("blocks are closed with '}', not 'end', and the braces here already "
                      "balance: remove 'end'")


# ------------------------------------------- what a grade or score test takes

_MODELS = ("grading g {\n  employees > 1 => +1\n}\n\n"
           "scoring m {\n  a: tracking => +1\n}\n\n")


def models_and(condition: str) -> str:
    return _MODELS + segment(condition)


@pytest.mark.parametrize(("condition", "written", "rest"), [
    ("grade g in (A, B)", "in",
     "; for a list write grade g = A or grade g = B"),
    ("grade g between C and A", "between",
     "; for a range write grade g >= C and grade g <= A"),
    ("grade g between A and C-", "between",
     "; for a range write grade g >= C- and grade g <= A"),
    ("grade g exists", "exists", "; a range is grade g >= C and grade g <= A"),
    ('grade g contains "A"', "contains", "; a range is grade g >= C and grade g <= A"),
])
def test_a_grade_test_says_it_takes_a_comparison_and_a_letter(condition: str, written: str,
                                                             rest: str) -> None:
    d = first(models_and(condition))
    assert d.message == f"unexpected '{written}'; expected a comparison (= != < <= > >=)"
    assert d.hint == ("a grade test takes = != < <= > >= and a letter: grade g >= B" + rest)
    # What the hint says to write checks.
    assert_checks(models_and(rest.split(" write ")[-1].split(" is ")[-1]))
    assert_checks(models_and("grade g >= B"))


def test_a_score_test_says_a_score_is_compared_with_a_number() -> None:
    d = first(models_and("score m exists"))
    # `exists` is not offered where it is refused.
    assert d.message == ("unexpected 'exists'; expected an operator "
                         "(= != < > in contains within …)")
    assert d.hint == ("every lead has a score (0 when no rule gives it points): compare it "
                      "with a number, e.g. score m = 0 or score m > 0")
    assert_checks(models_and("score m = 0 or score m > 0"))


def test_after_a_field_name_exists_is_still_listed() -> None:
    d = first(segment("employees foo"))
    assert d.message.startswith(
        "unexpected 'foo'; expected an operator (= != < > in contains exists within …), ")


# --------------------------------------------- pasted and habitual characters


@pytest.mark.parametrize(("condition", "message", "hint", "fixed"), [
    ('industry = "a" and employees <> 5', "unexpected '<>'", "use '!=' for not equal",
     'industry = "a" and employees != 5'),
    ('industry = "a" -- the main one', "unexpected '--'", "comments start with #",
     'industry = "a" # the main one'),
    ("employees ≥ 100", "unexpected character '≥'", "use the ASCII '>=' in place of '≥'",
     "employees >= 100"),
    ("employees ≤ 100", "unexpected character '≤'", "use the ASCII '<=' in place of '≤'",
     "employees <= 100"),
    ("employees ≠ 100", "unexpected character '≠'", "use the ASCII '!=' in place of '≠'",
     "employees != 100"),
    ("employees ≧ 100", "unexpected character '≧'", "use the ASCII '>=' in place of '≧'",
     "employees >= 100"),
    ("employees > \u22125", "unexpected character '\u2212'",
     "use the ASCII '-' in place of '\u2212'", "employees > -5"),
    ('industry =\u00a0"a"', "unexpected character '\\xa0' (a no-break space)",
     "use an ordinary space", 'industry = "a"'),
    ('industry =\u00a0\u00a0"a"', "unexpected character '\\xa0' (a no-break space)",
     "use an ordinary space", 'industry =  "a"'),
    ("employees >\u202f5", "unexpected character '\\u202f' (a narrow no-break space)",
     "use an ordinary space", "employees > 5"),
])
def test_a_pasted_or_habitual_sign_gets_its_ascii_form(condition: str, message: str,
                                                       hint: str, fixed: str) -> None:
    text = segment(condition)
    d = first(text)
    assert (d.message, d.hint) == (message, hint)
    assert applied(text, d) == segment(fixed)
    assert_checks(applied(text, d))
