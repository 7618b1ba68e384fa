"""Syntax errors in the user's words: a golden table of broken inputs with their exact
messages (file:line:column, the line, the caret, the hint) and codes."""

from __future__ import annotations

import pytest

import leadrules as lr
from leadrules import ast
from leadrules.errors import CheckError, ParseError
from leadrules.parse import parse

# (input, the rendered error exactly, the code of each diagnostic)
GOLDEN: list[tuple[str, str, tuple[str, ...]]] = [
    ("""\
segment s {
  1: tracking { occurred_at within 30 dayz } exists
}
""", """\
t.rules:2:39: error: unexpected 'dayz'; expected 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'month', 'months', 'second', 'seconds', …
  2 |   1: tracking { occurred_at within 30 dayz } exists
                                            ^^^^
  did you mean 'days'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: tracking { occurred_at within 2 weeks2 }
}
""", """\
t.rules:2:38: error: unexpected 'weeks2'; expected 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'month', 'months', 'second', 'seconds', …
  2 |   1: tracking { occurred_at within 2 weeks2 }
                                           ^^^^^^
  did you mean 'weeks'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: email exists
  2: tracking exists
  match 1 andd 2
}
""", """\
t.rules:4:11: error: unexpected 'andd'; expected ')', ',', ';', '=>', 'and', 'or', '}', end of line
  4 |   match 1 andd 2
                ^^^^
  did you mean 'and'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: email exists
  mtch 1
}
""", """\
t.rules:3:3: error: unexpected 'mtch'
  3 |   mtch 1
        ^^^^
  did you mean 'match'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: tracking { path startwith "/pricing" }
}
""", """\
t.rules:2:22: error: unexpected 'startwith'; expected an operator (= != < > in contains exists within …), ')', ',', ';', '=>', 'all', 'and', 'any', 'count', 'exists', …
  2 |   1: tracking { path startwith "/pricing" }
                           ^^^^^^^^^
  did you mean 'starts with'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: tracking { path startswith "/pricing" }
}
""", """\
t.rules:2:22: error: unexpected 'startswith'; expected an operator (= != < > in contains exists within …), ')', ',', ';', '=>', 'all', 'and', 'any', 'count', 'exists', …
  2 |   1: tracking { path startswith "/pricing" }
                           ^^^^^^^^^^
  did you mean 'starts with'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: tracking { path endswith ".pdf" }
}
""", """\
t.rules:2:22: error: unexpected 'endswith'; expected an operator (= != < > in contains exists within …), ')', ',', ';', '=>', 'all', 'and', 'any', 'count', 'exists', …
  2 |   1: tracking { path endswith ".pdf" }
                           ^^^^^^^^
  did you mean 'ends with'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: lead { company contians "acme" }
}
""", """\
t.rules:2:21: error: unexpected 'contians'; expected an operator (= != < > in contains exists within …), ')', ',', ';', '=>', 'all', 'and', 'any', 'count', 'exists', …
  2 |   1: lead { company contians "acme" }
                          ^^^^^^^^
  did you mean 'contains'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: tracking cuont >= 3
}
""", """\
t.rules:2:15: error: unexpected 'cuont'; expected an operator (= != < > in contains exists within …), ')', ',', ';', '=>', 'all', 'and', 'any', 'count', 'exists', …
  2 |   1: tracking cuont >= 3
                    ^^^^^
  did you mean 'count'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: tracking { occurred_at within 3 dias }
}
""", """\
t.rules:2:38: error: unexpected 'dias'; expected 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'month', 'months', 'second', 'seconds', …
  2 |   1: tracking { occurred_at within 3 dias }
                                           ^^^^
  did you mean 'days'?
""", ('misspelled-keyword',)),
    ("""\
segmnt s {
  1: email exists
}
""", """\
t.rules:1:1: error: unexpected 'segmnt'; expected 'field', 'funnel', 'grading', 'scoring', 'segment', 'source', 'tiers', 'timezone', end of line
  1 | segmnt s {
      ^^^^^^
  did you mean 'segment'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: application exist
}
""", """\
t.rules:2:18: error: unexpected 'exist'; expected an operator (= != < > in contains exists within …), ')', ',', ';', '=>', 'all', 'and', 'any', 'count', 'exists', …
  2 |   1: application exist
                       ^^^^^
  did you mean 'exists'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: created_at olderthan 30 days
}
""", """\
t.rules:2:17: error: unexpected 'olderthan'; expected an operator (= != < > in contains exists within …), ')', ',', ';', '=>', 'all', 'and', 'any', 'count', 'exists', …
  2 |   1: created_at olderthan 30 days
                      ^^^^^^^^^
  did you mean 'older than'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: created_at older then 30 days
}
""", """\
t.rules:2:23: error: unexpected 'then'; expected 'than'
  2 |   1: created_at older then 30 days
                            ^^^^
  did you mean 'than'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: created_at withn 30 days
}
""", """\
t.rules:2:17: error: unexpected 'withn'; expected an operator (= != < > in contains exists within …), ')', ',', ';', '=>', 'all', 'and', 'any', 'count', 'exists', …
  2 |   1: created_at withn 30 days
                      ^^^^^
  did you mean 'within'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: created_at in lst month
}
""", """\
t.rules:2:20: error: unexpected 'lst'; expected '(', this/last/next
  2 |   1: created_at in lst month
                         ^^^
  did you mean 'last'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: created_at in last monht
}
""", """\
t.rules:2:25: error: unexpected 'monht'; expected 'month', 'quarter', 'week', 'year'
  2 |   1: created_at in last monht
                              ^^^^^
  did you mean 'month'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: email exists or2 tracking exists
}
""", """\
t.rules:2:19: error: unexpected 'or2'; expected ')', ',', ';', '=>', 'and', 'or', 'per', '}', end of line
  2 |   1: email exists or2 tracking exists
                        ^^^
  did you mean 'or'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: nott is_competitor
}
""", """\
t.rules:2:6: error: unexpected 'nott'
  2 |   1: nott is_competitor
           ^^^^
  did you mean 'not'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: tracking { path = "/" } count >= 3 pre session
}
""", """\
t.rules:2:41: error: unexpected 'pre'; expected ')', ',', ';', '=>', 'and', 'or', 'per', '}', end of line
  2 |   1: tracking { path = "/" } count >= 3 pre session
                                              ^^^
  did you mean 'per'?
""", ('misspelled-keyword',)),
    ("""\
scoring m {
  email exists => +5
  decay halflife 30 days
}
""", """\
t.rules:3:9: error: unexpected 'halflife'; expected 'half-life'
  3 |   decay halflife 30 days
              ^^^^^^^^
  did you mean 'half-life'?
""", ('misspelled-keyword',)),
    ("""\
scoring m {
  email exists => +5
  decay half-life 30 dys
}
""", """\
t.rules:3:22: error: unexpected 'dys'; expected 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'month', 'months', 'second', 'seconds', …
  3 |   decay half-life 30 dys
                           ^^^
  did you mean 'days'?
""", ('misspelled-keyword',)),
    ("""\
tiers t usng m {
  hot: otherwise
}
""", """\
t.rules:1:9: error: unexpected 'usng'; expected 'using', '{', a quoted string
  1 | tiers t usng m {
              ^^^^
  did you mean 'using'?
""", ('misspelled-keyword',)),
    ("""\
grading g {
  strat B
  email exists => +1
}
""", """\
t.rules:2:3: error: unexpected 'strat'
  2 |   strat B
        ^^^^^
  did you mean 'start'?
""", ('misspelled-keyword',)),
    ("""\
scoring m extend default {
  email exists => +1
}
""", """\
t.rules:1:11: error: unexpected 'extend'; expected 'extends', '{', a quoted string
  1 | scoring m extend default {
                ^^^^^^
  did you mean 'extends'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: lead al { email exists }
}
""", """\
t.rules:2:11: error: unexpected 'al'; expected 'all', 'any', '{'
  2 |   1: lead al { email exists }
                ^^
  did you mean 'all'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: tracking { path = "/" } cnt >= 3
}
""", """\
t.rules:2:30: error: unexpected 'cnt'; expected ')', ',', ';', '=>', 'and', 'count', 'exists', 'none', 'or', '}', …
  2 |   1: tracking { path = "/" } cnt >= 3
                                   ^^^
  did you mean 'count'?
""", ('misspelled-keyword',)),
    ("""\
segment s {
  1: lead { email exists }
""", """\
t.rules:1:11: error: '{' is never closed
  1 | segment s {
                ^
  add '}' at the end
""", ('unclosed-brace',)),
    ("""\
segment a {
  1: email exists

segment b {
  1: tracking exists
}
""", """\
t.rules:1:11: error: '{' is never closed
  1 | segment a {
                ^
  add '}' before line 4, where 'segment b' begins
""", ('unclosed-brace',)),
    ("""\
segment s {
  1: lead { email exists
  2: tracking exists
}
""", """\
t.rules:2:11: error: '{' is never closed
  2 |   1: lead { email exists
                ^
  add '}' before line 4: the '}' there closes the '{' of line 1
""", ('unclosed-brace',)),
    ("""\
segment s {
  1: lead { email exists
  match 1
}
segment t { 1: tracking exists }
""", """\
t.rules:2:11: error: '{' is never closed
  2 |   1: lead { email exists
                ^
  add '}' before line 4: the '}' there closes the '{' of line 1
""", ('unclosed-brace',)),
    ("""\
scoring m {
  tracking { path = "/" => +1
}
""", """\
t.rules:2:12: error: '{' is never closed
  2 |   tracking { path = "/" => +1
                 ^
  add '}' before line 3: the '}' there closes the '{' of line 1
""", ('unclosed-brace',)),
    ("""\
tiers t using default {
  hot: score >= 10
  cold: otherwise

grading g {
  start C
}
""", """\
t.rules:1:23: error: '{' is never closed
  1 | tiers t using default {
                            ^
  add '}' before line 5, where 'grading g' begins
""", ('unclosed-brace',)),
    ("""\
segment s {
  1: lead { email exists } }
}
""", """\
t.rules:3:1: error: unexpected '}'; expected 'field', 'funnel', 'grading', 'scoring', 'segment', 'source', 'tiers', 'timezone'
  3 | }
      ^
  this '}' closes no '{'
""", ('syntax-error',)),
    ("""\
segment s {
  1: tracking { path = "/" }
     count >=
}
""", """\
t.rules:3:14: error: unexpected end of line; expected 'false', 'true', a date, a number, a quoted string
  3 |      count >=
                   ^
""", ('syntax-error',)),
    ("""\
segment s {
  1: status = won
}
""", """\
t.rules:2:15: error: unexpected 'won'; expected 'false', 'true', a date, a number, a quoted string
  2 |   1: status = won
                    ^^^
  text is written in double quotes: "won"
""", ('syntax-error',)),
    ("""\
segment s {
  1: lead { status in (won, lost) }
}
""", """\
t.rules:2:24: error: unexpected 'won'; expected 'false', 'true', a date, a number, a quoted string, end of line
  2 |   1: lead { status in (won, lost) }
                             ^^^^^^^^^
  text is written in double quotes: ("won", "lost")
""", ('syntax-error',)),
    ("""\
segment s {
  1: created_at within last 30 days
}
""", """\
t.rules:2:24: error: unexpected 'last'; expected a whole number
  2 |   1: created_at within last 30 days
                             ^^^^
  drop 'last': 'within 30 days' already means the last 30 days
""", ('syntax-error',)),
    ("""\
segment s {
  1: created_at in last 30 days
}
""", """\
t.rules:2:17: error: unexpected '30'; expected 'month', 'quarter', 'week', 'year'
  2 |   1: created_at in last 30 days
                      ^^^^^^^^^^^^^^^
  'in last' takes a calendar period: in last week / month / quarter / year; for the last 30 days write 'within 30 days'
""", ('syntax-error',)),
    ("""\
segment s {
  1: created_at in next 2 weeks
}
""", """\
t.rules:2:17: error: unexpected '2'; expected 'month', 'quarter', 'week', 'year'
  2 |   1: created_at in next 2 weeks
                      ^^^^^^^^^^^^^^^
  'in next' takes a calendar period: in next week / month / quarter / year
""", ('syntax-error',)),
    ("""\
segment s {
  1: lead { industry == "software" }
}
""", """\
t.rules:2:23: error: unexpected '='; expected 'false', 'true', a date, a number, a quoted string
  2 |   1: lead { industry == "software" }
                            ^
  use '=' for equality
""", ('syntax-error',)),
    ("""\
segment s {
  1: email exists && tracking exists
}
""", """\
t.rules:2:19: error: unexpected character '&'
  2 |   1: email exists && tracking exists
                        ^
  use 'and' / 'or'
""", ('syntax-error',)),
    ("""\
segment s {
  1: email exists || tracking exists
}
""", """\
t.rules:2:19: error: unexpected character '|'
  2 |   1: email exists || tracking exists
                        ^
  use 'and' / 'or'
""", ('syntax-error',)),
    ("""\
segment s {
  1: lead { industry = 'software' }
}
""", """\
t.rules:2:24: error: unexpected character "'"
  2 |   1: lead { industry = 'software' }
                             ^
  strings are written in double quotes: "…"
""", ('syntax-error',)),
    ("""\
segment s {
  1: lead { industry = "software }
}
""", """\
t.rules:2:24: error: unclosed string
  2 |   1: lead { industry = "software }
                             ^
  this string is not closed: a string ends with " on the same line
""", ('unclosed-string',)),
    ("""\
segment s {
  1: lead { "industry" = "software" }
}
""", """\
t.rules:2:13: error: unexpected '"industry"'; expected '(', ',', ';', 'grade', 'in', 'lead', 'not', 'score', 'segment', '}', …
  2 |   1: lead { "industry" = "software" }
                  ^^^^^^^^^^
  names are written without quotes
""", ('syntax-error',)),
    ("""\
segment s {
  1: lead { !is_competitor }
}
""", """\
t.rules:2:13: error: unexpected character '!'
  2 |   1: lead { !is_competitor }
                  ^
  use 'not' or '!='
""", ('syntax-error',)),
    ("""\
segment s {
  1: lead { industry "software" }
}
""", """\
t.rules:2:22: error: unexpected '"software"'; expected an operator (= != < > in contains exists within …), ')', ',', ';', '=>', 'all', 'and', 'any', 'count', 'exists', …
  2 |   1: lead { industry "software" }
                           ^^^^^^^^^^
  after a field name comes an operator, e.g. = "x", in (…), contains, exists; separate conditions with a new line, ';' or ','
""", ('syntax-error',)),
    ("""\
segment s {
  1: lead { employees > }
}
""", """\
t.rules:2:25: error: unexpected '}'; expected 'false', 'true', a date, a number, a quoted string
  2 |   1: lead { employees > }
                              ^
""", ('syntax-error',)),
    ("""\
segment s {
  1: lead { employees between 10 }
}
""", """\
t.rules:2:34: error: unexpected '}'; expected 'and'
  2 |   1: lead { employees between 10 }
                                       ^
""", ('syntax-error',)),
    ("""\
segment s {
  1: lead { industry in ("a", "b" }
}
""", """\
t.rules:2:35: error: unexpected '}'; expected ')', ',', end of line
  2 |   1: lead { industry in ("a", "b" }
                                        ^
""", ('syntax-error',)),
    ("""\
segment s {
  1: email exists
  match 1 and
}
""", """\
t.rules:4:1: error: unexpected '}'; expected '(', 'grade', 'in', 'lead', 'not', 'score', 'segment', a name, a whole number
  4 | }
      ^
""", ('syntax-error',)),
    ("""\
segment s {
  1: email exists
  match (1 and 2
}
""", """\
t.rules:4:1: error: unexpected '}'; expected ')'
  4 | }
      ^
""", ('syntax-error',)),
    ("""\
segment s { 1: email exists } segment t { 1: email exists }
""", """\
t.rules:1:31: error: unexpected 'segment'; expected end of line
  1 | segment s { 1: email exists } segment t { 1: email exists }
                                    ^^^^^^^
  put each declaration on its own line
""", ('syntax-error',)),
    ("""\
segment {
  1: email exists
}
""", """\
t.rules:1:9: error: unexpected '{'; expected a name
  1 | segment {
              ^
""", ('syntax-error',)),
    ("""\
segment s
  1: email exists
}
""", """\
t.rules:1:10: error: unexpected end of line; expected '{', a quoted string
  1 | segment s
               ^
""", ('syntax-error',)),
    ("""\
segment s {
  1 email exists
}
""", """\
t.rules:2:5: error: unexpected 'email'; expected ':'
  2 |   1 email exists
          ^^^^^
  a block is LABEL: CONDITION, e.g. 1: application exists
""", ('syntax-error',)),
    ("""\
segment s {
  1: lead { x = 2026-02-30 }
}
""", """\
t.rules:2:17: error: '2026-02-30' is not a valid date (day is out of range for month)
  2 |   1: lead { x = 2026-02-30 }
                      ^^^^^^^^^^
""", ('invalid-literal',)),
    ("""\
segment s {
  1: lead { x = 1e999 }
}
""", """\
t.rules:2:17: error: number 1e999 is out of range
  2 |   1: lead { x = 1e999 }
                      ^^^^^
""", ('invalid-literal',)),
    ("""\
segment s {
  1: email exists
  match 1
  match 1
}
""", """\
t.rules:4:3: error: a segment has at most one 'match'
  4 |   match 1
        ^^^^^^^
  combine the conditions in one match with and/or
""", ('duplicate',)),
    ("""\
scoring m {
  email exists => five
}
""", """\
t.rules:2:19: error: unexpected 'five'; expected a number
  2 |   email exists => five
                        ^^^^
""", ('syntax-error',)),
    ("""\
scoring m {
  email exists +5
}
""", """\
t.rules:2:16: error: unexpected '+5'; expected ')', ',', ';', '=>', 'and', 'or', 'per', '}', end of line
  2 |   email exists +5
                     ^^
  the points come after '=>': … => +5
""", ('syntax-error',)),
    ("""\
grading g {
  start E
}
""", """\
t.rules:2:9: error: unexpected 'E'; expected a grade (A+ … F)
  2 |   start E
              ^
  grades are F, D-, D, D+, C-, C, C+, B-, B, B+, A-, A, A+
""", ('syntax-error',)),
    ("""\
field lead.renewal date
""", """\
t.rules:1:20: error: unexpected 'date'; expected 'bool', 'datetime', 'list', 'number', 'text'
  1 | field lead.renewal date
                         ^^^^
  did you mean 'datetime'?
""", ('misspelled-keyword',)),
    ("""\
source webinar { minutes integer }
""", """\
t.rules:1:26: error: unexpected 'integer'; expected 'bool', 'datetime', 'list', 'number', 'text'
  1 | source webinar { minutes integer }
                               ^^^^^^^
  did you mean 'number'?
""", ('misspelled-keyword',)),
    ("""\
timezone Asia/Tokyo
""", """\
t.rules:1:10: error: unexpected 'Asia'; expected a quoted string
  1 | timezone Asia/Tokyo
               ^^^^^^^^^^
  text is written in double quotes: "Asia/Tokyo"
""", ('syntax-error',)),
    ("""\
segment s {
  1: tracking { path = "/" } count >= 3
  2: email exists
  match 1 and 2 @
}
""", """\
t.rules:4:17: error: unexpected character '@'
  4 |   match 1 and 2 @
                      ^
""", ('syntax-error',)),
    ("""\
segment a {
  1: email exists andd tracking exists
}
segment b {
  1: created_at within 3 dayz
}
segment c {
  1: lead { x == 1 }
}
""", """\
t.rules:2:19: error: unexpected 'andd'; expected ')', ',', ';', '=>', 'and', 'or', 'per', '}', end of line
  2 |   1: email exists andd tracking exists
                        ^^^^
  did you mean 'and'?
t.rules:5:26: error: unexpected 'dayz'; expected 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'month', 'months', 'second', 'seconds', …
  5 |   1: created_at within 3 dayz
                               ^^^^
  did you mean 'days'?
t.rules:8:16: error: unexpected '='; expected 'false', 'true', a date, a number, a quoted string
  8 |   1: lead { x == 1 }
                     ^
  use '=' for equality
""", ('misspelled-keyword', 'misspelled-keyword', 'syntax-error',)),
]


@pytest.mark.parametrize(("text", "expected", "codes"), GOLDEN,
                         ids=[f"golden{i}" for i in range(len(GOLDEN))])
def test_golden_syntax_errors(text: str, expected: str, codes: tuple[str, ...]) -> None:
    with pytest.raises(ParseError) as info:
        parse(text, file="t.rules")
    assert info.value.render() + "\n" == expected
    assert tuple(d.code for d in info.value.diagnostics) == codes


def test_the_golden_table_is_large_enough() -> None:
    assert len(GOLDEN) >= 60


# ------------------------------------------------------- keywords as whole words


def first_error(text: str) -> lr.Diagnostic:
    with pytest.raises(ParseError) as info:
        parse(text, file="t.rules")
    return info.value.first


@pytest.mark.parametrize(("text", "word"), [
    ("segment s { 1: created_at within 30 dayz }", "dayz"),
    ("segment s { 1: created_at within 2 weeks2 }", "weeks2"),
    ("segment s { 1: email exists andd tracking exists }", "andd"),
    ("segment s { 1: email existsx }", "existsx"),
    ("segment s { 1: created_at in lastt month }", "lastt"),
])
def test_a_keyword_is_never_the_prefix_of_a_word(text: str, word: str) -> None:
    d = first_error(text)
    assert d.source_line is not None and d.column is not None and d.end_column is not None
    assert d.source_line[d.column - 1:d.end_column - 1] == word


def test_names_that_begin_with_a_keyword_are_names() -> None:
    rules = parse("segment s { 1: lead { days_open > 3; notes exists; order_count > 1 } }")
    block = rules.segments[0].blocks[0].expr
    assert isinstance(block, ast.LeadBlock)
    assert [c.field for c in block.conditions  # type: ignore[union-attr]
            ] == ["days_open", "notes", "order_count"]


def test_a_unit_agrees_with_its_number() -> None:
    assert first_error("segment s { 1: created_at within 1 dayz }").suggestion == "day"
    assert first_error("segment s { 1: created_at within 2 dayz }").suggestion == "days"


def test_a_misspelled_keyword_carries_the_replacement() -> None:
    d = first_error("segment s {\n  1: email exists\n  mtch 1\n}\n")
    assert (d.code, d.line, d.column, d.end_column, d.suggestion) == (
        "misspelled-keyword", 3, 3, 7, "match")


# ------------------------------------------------------------ unclosed braces


def test_after_an_unclosed_brace_the_next_declarations_are_still_checked() -> None:
    with pytest.raises(ParseError) as info:
        parse("segment a {\n  1: email exists\n\nsegment b {\n  1: x within 3 dayz\n}\n",
              file="t.rules")
    assert [(d.code, d.line) for d in info.value.diagnostics] == [
        ("unclosed-brace", 1), ("misspelled-keyword", 5)]


def test_a_brace_in_a_string_or_comment_does_not_count() -> None:
    d = first_error('segment s {\n  1: lead { name = "{" # {\n  }\n  2: x = \n}\n')
    assert d.code == "syntax-error" and d.line == 4


# ------------------------------------------- quantifiers on the next line


def test_a_quantifier_may_start_the_line_after_its_braces() -> None:
    one_line = parse('segment s {\n  1: tracking { path = "/" } count >= 3 and last within 7 '
                     'days\n}\n')
    two_lines = parse('segment s {\n  1: tracking { path = "/" }\n     count >= 3\n'
                      '     and last within 7 days\n}\n')
    with_comment = parse('segment s {\n  1: tracking { path = "/" }  # pages\n'
                         '     # three or more\n     count >= 3 and last within 7 days\n}\n')
    assert one_line == two_lines == with_comment
    assert [c.text for c in with_comment.comments] == ["# pages", "# three or more"]


def test_a_label_named_like_a_quantifier_is_still_a_label() -> None:
    rules = parse('segment s {\n  1: tracking { path = "/" }\n  count: lead { email exists }\n'
                  '  match 1 and count\n}\n')
    assert [b.label for b in rules.segments[0].blocks] == ["1", "count"]
    assert rules.segments[0].blocks[0].expr.quantifiers == (  # type: ignore[union-attr]
        ast.AnyEvent(),)


def test_a_tier_named_none_after_an_event_block_is_a_tier() -> None:
    rules = lr.parse('tiers t {\n  hot: tracking { path = "/pricing" }\n  none: otherwise\n}\n')
    assert [t.name for t in rules.program.tiers[0].tiers] == ["hot", "none"]


# ----------------------------------------- misspelled keywords the checker sees


@pytest.mark.parametrize(("text", "hint"), [
    ("tiers t using default {\n  hot: score >= 10\n  cold: otherwse\n}\n",
     "did you mean 'otherwise'?"),
    ('funnel f {\n  all_leads: al\n  won: status = "won"\n}\n', "did you mean 'all'?"),
])
def test_a_keyword_misspelled_as_a_field_is_named(text: str, hint: str) -> None:
    with pytest.raises(CheckError) as info:
        lr.parse(text)
    assert info.value.hint == hint and info.value.first.code == "unknown-field"
