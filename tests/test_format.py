"""The formatter: canonical text, and the round trip parse(format(t)) == t."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadrules import ast
from leadrules.format import (
    format_expr,
    format_quantifier,
    format_rules,
    format_steps,
    format_string,
    format_test,
    format_value,
)
from leadrules.parse import parse
from strategies import exprs, rule_files, segments, values
from tests.spec import spec_rules

HOT_LEADS = """\
# HOT lead list: active on the site, applied, and nobody has called yet
segment hot_leads "HOTリードリスト" {
  1: tracking { occurred_at within 30 days } count >= 15
  2: application exists
  3: activity exists
  4: lead { email exists; not is_competitor; nurture_target }
  match 1 AND 2 AND NOT 3 AND 4
}
"""

HOT_LEADS_CANONICAL = spec_rules("hot_leads")


def canonical(text: str) -> str:
    return format_rules(parse(text))


def expr_of(text: str) -> ast.Expr:
    return parse(f"segment s {{\n  1: {text}\n}}").segments[0].blocks[0].expr


def reformat(expr_text: str) -> str:
    return format_expr(expr_of(expr_text))


# ------------------------------------------------------------------ golden


def test_hot_lead_segment_of_the_spec_formats_to_its_canonical_text() -> None:
    # The comment above the segment is kept, above it.
    assert canonical(HOT_LEADS) == (
        "# HOT lead list: active on the site, applied, and nobody has called yet\n"
        + HOT_LEADS_CANONICAL)


def test_canonical_text_is_a_fixed_point() -> None:
    assert canonical(HOT_LEADS_CANONICAL) == HOT_LEADS_CANONICAL


def test_declarations_are_separated_by_one_blank_line_and_end_with_a_newline() -> None:
    text = ('timezone "Asia/Tokyo"\nfield lead.score_x number\n'
            'source webinar { title text, attended bool\n  tags list of text }\n'
            'segment a { 1: x }\n')
    assert canonical(text) == (
        'timezone "Asia/Tokyo"\n\n'
        "field lead.score_x number\n\n"
        "source webinar { title text; attended bool; tags list of text }\n\n"
        "segment a {\n  1: x\n}\n")


def test_empty_file_and_empty_bodies() -> None:
    assert canonical("") == ""
    assert canonical("# only a comment\n\n") == "# only a comment\n"
    assert canonical("segment s {\n}\nsource w {}") == "segment s {}\n\nsource w {}\n"


def test_match_is_printed_last_and_segment_titles_are_kept() -> None:
    text = 'segment s "Title with \\"quotes\\"" {\n  match a or b\n  a: x\n  b: y\n}'
    assert canonical(text) == (
        'segment s "Title with \\"quotes\\"" {\n  a: x\n  b: y\n  match a or b\n}\n')


def test_keywords_are_lower_case_and_names_keep_their_case() -> None:
    text = ("SEGMENT S { 1: Tracking ANY { Path STARTS WITH \"/x\"; Path ENDS WITH \"y\" } "
            "COUNT >= 3 AND LAST WITHIN 1 DAY PER Session\n MATCH NOT 1 }")
    assert canonical(text) == (
        "segment S {\n"
        '  1: Tracking any { Path starts with "/x"; Path ends with "y" } count >= 3 and last '
        "within 1 day per Session\n"
        "  match not 1\n}\n")


@pytest.mark.parametrize(("text", "expected"), [
    ("application", "application exists"),
    ("application exists", "application exists"),
    ('application { form = "x" }', 'application { form = "x" } exists'),
    ('application all { form = "x" }', 'application { form = "x" } exists'),
    ('application ANY { a; b }', "application any { a; b } exists"),
    ("tracking {}", "tracking {} exists"),
    ("mail none", "mail none"),
    ("tracking exists per session", "tracking exists per session"),
    ("tracking count distinct session >= 2 and sum duration > 60 and avg duration < 9.5",
     "tracking count distinct session >= 2 and sum duration > 60 and avg duration < 9.5"),
    ("tracking min duration >= 1 and max duration <= 2 and first before 2026-01-01",
     "tracking min duration >= 1 and max duration <= 2 and first before 2026-01-01"),
    ("lead all { a }", "lead { a }"),
    ("lead any { a, b }", "lead any { a; b }"),
    ("lead {}", "lead {}"),
    ("email exists", "email exists"),
    ("email not exists", "email not exists"),
    ("is_competitor", "is_competitor"),
    ("segment other", "segment other"),
    ("x within 1 minutes", "x within 1 minute"),
    ("x older than 2 HOURS", "x older than 2 hours"),
    ("x in THIS quarter", "x in this quarter"),
    ("x in last week", "x in last week"),
    ("x not in (1, 2,)", "x not in (1, 2)"),
    ('x not contains "a"', 'x not contains "a"'),
    ('x matches "^\\d+$"', 'x matches "^\\d+$"'),
    ("x between 1 and 2", "x between 1 and 2"),
    ("x on 2026-01-31", "x on 2026-01-31"),
    ("x after 2026-01-31T09:00+09:00", "x after 2026-01-31T09:00:00+09:00"),
    ("x = TRUE", "x = true"),
])
def test_canonical_forms_of_expressions(text: str, expected: str) -> None:
    assert reformat(text) == expected


def test_scoring_grading_tiers_and_funnel_of_the_spec_format_canonically() -> None:
    text = """\
scoring engagement "Behaviour score" {
  tracking { path = "/" }                     => +1 per event
  tracking { path starts with "/products/" }  => +3 per event, max 30
  application { form = "contact" }            => +50 once
  lead { is_competitor }                      => -100
  decay half-life 30 days
}
grading fit "Ideal customer profile" {
  start C
  employees >= 100                            => +2/3
  title contains "manager" or title contains "部長" => +2/3
  is_competitor                               => -2
}
tiers follow_up using engagement, fit {
  exclude: is_competitor or email not exists or unsubscribed
  hot:  score >= 100 and grade >= B
  cold: otherwise
}
funnel pipeline ordered within 30 days {
  generated:   all
  qualified:   segment hot_leads or score engagement >= 100
}
"""
    assert canonical(text) == """\
scoring engagement "Behaviour score" {
  tracking { path = "/" }                    => +1 per event
  tracking { path starts with "/products/" } => +3 per event, max 30
  application { form = "contact" }           => +50 once
  lead { is_competitor }                     => -100
  decay half-life 30 days
}

grading fit "Ideal customer profile" {
  start C
  employees >= 100                                  => +2/3
  title contains "manager" or title contains "部長" => +2/3
  is_competitor                                     => -2
}

tiers follow_up using engagement, fit {
  exclude: is_competitor or email not exists or unsubscribed
  hot:  score >= 100 and grade >= B
  cold: otherwise
}

funnel pipeline ordered within 30 days {
  generated: all
  qualified: segment hot_leads or score engagement >= 100
}
"""
    assert parse(canonical(text)) == parse(text)


# ---------------------------------------------------------- parenthesising


@pytest.mark.parametrize(("text", "expected"), [
    ("a or b and c", "a or (b and c)"),
    ("a and b or c", "(a and b) or c"),
    ("(a or b) and c", "(a or b) and c"),
    ("a and (b or c)", "a and (b or c)"),
    ("(a and b) or (c and d)", "(a and b) or (c and d)"),
    ("not a and b", "not a and b"),
    ("not (a and b)", "not (a and b)"),
    ("not (a or b)", "not (a or b)"),
    ("not not a", "not not a"),
    ("((a))", "a"),
    ("(not a)", "not a"),
    ("a or b or c", "a or b or c"),
    ("a and b and c", "a and b and c"),
    # Parentheses that make a different tree are kept.
    ("(a and b) and c", "(a and b) and c"),
    ("a or (b or c)", "a or (b or c)"),
    ("a and not (b or c) and d", "a and not (b or c) and d"),
    ("lead { a or b and c; d }", "lead { (a or (b and c)); d }"),
    # An `or` among `all` braces, an `and` among `any` braces: `check` asks for them.
    ("lead { a or b }", "lead { (a or b) }"),
    ("lead any { a and b; c }", "lead any { (a and b); c }"),
    ("tracking any { a and b; c or d }", "tracking any { (a and b); c or d } exists"),
    ("tracking { a or b; c and d }", "tracking { (a or b); c and d } exists"),
    ("lead { (a and b) }", "lead { a and b }"),
    ("x between 1 and 2 and y", "x between 1 and 2 and y"),
    ("not tracking count > 3 and 2", "not tracking count > 3 and 2"),
    # An item starting with a quantifier word after quantifiers: without the
    # parentheses `and count` would join the quantifiers.
    ("tracking exists and (count > 3)", "tracking exists and (count > 3)"),
    ("not tracking exists and (last)", "not tracking exists and (last)"),
    ("email exists and (count not exists)", "email exists and (count not exists)"),
    ("(count > 3) and tracking exists", "count > 3 and tracking exists"),
    ("x = 1 and (count > 3)", "x = 1 and count > 3"),
    ("tracking exists or count > 3", "tracking exists or count > 3"),
])
def test_parentheses_exactly_where_precedence_or_clarity_needs_them(text: str,
                                                                    expected: str) -> None:
    assert reformat(text) == expected
    assert expr_of(expected) == expr_of(text)


# ------------------------------------------------------------------ pieces


@pytest.mark.parametrize(("value", "expected"), [
    (ast.Text("plain"), '"plain"'),
    (ast.Text('say "hi"'), '"say \\"hi\\""'),
    (ast.Text("a\\d+"), '"a\\d+"'),           # a lone backslash needs no doubling
    (ast.Text("ends\\"), '"ends\\\\"'),       # ... except last
    (ast.Text('\\"'), '"\\\\\\""'),           # ... or before a quote
    (ast.Text("a\\\\b"), '"a\\\\\\b"'),       # ... or before another backslash
    (ast.Text("ホットリード"), '"ホットリード"'),
    (ast.Number(15), "15"),
    (ast.Number(-3), "-3"),
    (ast.Number(1.5), "1.5"),
    (ast.Number(2.0), "2.0"),
    (ast.Number(1e16), "1e16"),
    (ast.Number(1e6), "1e6"),
    (ast.Number(-2.5e9), "-2.5e9"),
    (ast.Number(1000.0), "1e3"),
    (ast.Number(100.0), "100.0"),
    (ast.Number(1.5e-7), "1.5e-7"),
    (ast.Bool(True), "true"),
    (ast.Bool(False), "false"),
    (ast.Day(dt.date(2026, 1, 31)), "2026-01-31"),
    (ast.Instant(dt.datetime(2026, 1, 31, 9, 0)), "2026-01-31T09:00:00"),
    (ast.Instant(dt.datetime(2026, 1, 31, 9, 0, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=9)))),
     "2026-01-31T09:00:00.000005+09:00"),
    (ast.Instant(dt.datetime(2026, 1, 31, tzinfo=dt.UTC)), "2026-01-31T00:00:00+00:00"),
])
def test_values_print_as_literals_that_parse_back_to_them(value: ast.Value,
                                                          expected: str) -> None:
    assert format_value(value) == expected
    parsed = expr_of(f"x = {expected}")
    assert isinstance(parsed, ast.FieldTest) and isinstance(parsed.test, ast.Compare)
    assert parsed.test.value == value
    assert type(parsed.test.value.value) is type(value.value)


def test_format_test_with_and_without_a_subject() -> None:
    assert format_test(ast.Compare(">=", ast.Number(15))) == ">= 15"
    assert format_test(ast.Compare(">=", ast.Number(15)), "employees") == "employees >= 15"
    assert format_test(ast.Present()) == "exists"
    assert format_test(ast.Present(negated=True), "email") == "email not exists"
    assert format_test(ast.IsTrue(), "is_competitor") == "is_competitor"
    assert format_test(ast.IsTrue()) == ""
    assert format_test(ast.InList((ast.Text("a"), ast.Number(1)), negated=True)) == \
        'not in ("a", 1)'


def test_format_quantifier() -> None:
    assert format_quantifier(ast.AnyEvent()) == "exists"
    assert format_quantifier(ast.NoEvent()) == "none"
    assert format_quantifier(ast.Aggregate("count distinct", "session",
                                           ast.Compare(">", ast.Number(2)))) == \
        "count distinct session > 2"
    assert format_quantifier(ast.Aggregate("last", None, ast.Within(7, "days"))) == \
        "last within 7 days"


def test_format_string_and_steps() -> None:
    assert format_string("") == '""'
    assert format_string("#;{}") == '"#;{}"'
    assert format_steps(Fraction(2, 3)) == "+2/3"
    assert format_steps(Fraction(-2)) == "-2"
    assert format_steps(Fraction(0)) == "+0"


# ------------------------------------------------------------------ laws


@settings(max_examples=150, deadline=None)
@given(rule_files())
def test_parse_of_format_gives_the_tree_back(tree: ast.RuleFile) -> None:
    text = format_rules(tree)
    assert parse(text) == tree, text


@settings(max_examples=150, deadline=None)
@given(rule_files())
def test_formatting_is_idempotent(tree: ast.RuleFile) -> None:
    text = format_rules(tree)
    assert format_rules(parse(text)) == text


@settings(max_examples=100, deadline=None)
@given(segments())
def test_a_segment_is_one_line_per_block(segment: ast.Segment) -> None:
    text = format_rules(ast.RuleFile((segment,)))
    body = text.split("\n")[1:-2]
    expected = len(segment.blocks) + (segment.match is not None)
    assert len(body) == expected
    assert all(line.startswith("  ") and not line.startswith("   ") for line in body)


@settings(max_examples=100, deadline=None)
@given(exprs())
def test_format_expr_is_one_line_that_parses_back(expr: ast.Expr) -> None:
    text = format_expr(expr)
    assert "\n" not in text
    assert expr_of(text) == expr


@settings(max_examples=100, deadline=None)
@given(values())
def test_every_value_round_trips(value: ast.Value) -> None:
    parsed = expr_of(f"x = {format_value(value)}")
    assert isinstance(parsed, ast.FieldTest) and isinstance(parsed.test, ast.Compare)
    assert parsed.test.value == value


# ------------------------------------------------------ alignment, blank lines


def test_labels_and_arrows_align_within_a_group_and_a_blank_line_ends_the_group() -> None:
    text = """\
scoring s {
  # the site
  top: tracking { path = "/" } => +1 per event
  pricing: tracking { path starts with "/pricing" } => +10 per event, max 50


  # forms
  contact: application { form = "contact" } => +50 once
  application { form = "seminar" } => +15
}
"""
    assert canonical(text) == """\
scoring s {
  # the site
  top:     tracking { path = "/" }                  => +1 per event
  pricing: tracking { path starts with "/pricing" } => +10 per event, max 50

  # forms
  contact: application { form = "contact" } => +50 once
  application { form = "seminar" }          => +15
}
"""


def test_no_blank_line_after_an_opening_or_before_a_closing_brace() -> None:
    text = "segment s {\n\n  1: application exists\n\n  22: mail exists\n\n}\n"
    assert canonical(text) == "segment s {\n  1: application exists\n\n  22: mail exists\n}\n"
    text = "segment s {\n\n  1: application exists\n  22: mail exists\n\n  # last\n}\n"
    assert canonical(text) == (
        "segment s {\n  1:  application exists\n  22: mail exists\n\n  # last\n}\n")


def test_comments_inside_an_item_over_several_lines_go_above_that_item() -> None:
    text = ("segment s {\n"
            "  1: tracking {\n"
            "       path starts with \"/pricing\"  # pricing pages\n"
            "       and title contains \"plan\"    # plan titles\n"
            "     } count >= 2   # twice\n"
            "  2: email exists\n"
            "  match 1 and 2  # both\n"
            "}\n")
    assert canonical(text) == (
        "segment s {\n"
        "  # pricing pages\n"
        "  # plan titles\n"
        "  1: tracking { path starts with \"/pricing\" and title contains \"plan\" }"
        " count >= 2  # twice\n"
        "  2: email exists\n"
        "  match 1 and 2  # both\n"
        "}\n")
    # A comment on the item's first line stays its end-of-line comment; the last
    # line's then goes above, as the others do.
    text = ("scoring m {\n  tracking {  # pages\n    path = \"/a\"  # home\n  } => +5  # five\n"
            "  application => +1\n}\n")
    assert canonical(text) == (
        "scoring m {\n  # home\n  # five\n  tracking { path = \"/a\" } => +5  # pages\n"
        "  application              => +1\n}\n")
    # A one-line declaration written over lines keeps its inner comment above it.
    text = "source web {  # one\n  path text,  # two\n  n number\n}\nfield lead.x text\n"
    assert canonical(text) == (
        "# two\nsource web { path text; n number }  # one\n\nfield lead.x text\n")


def test_blank_lines_between_comments_above_a_declaration_are_kept() -> None:
    text = "# file\n\n\n# about a\nsegment a { 1: x }\nsegment b { 1: y }\n\n# end\n"
    assert canonical(text) == (
        "# file\n\n# about a\nsegment a {\n  1: x\n}\n\nsegment b {\n  1: y\n}\n\n# end\n")


def test_items_written_on_one_line_get_no_blank_lines() -> None:
    text = "\n\nsegment s { 1: application exists; 2: mail exists; match 1 or 2 }\n"
    assert canonical(text) == (
        "segment s {\n  1: application exists\n  2: mail exists\n  match 1 or 2\n}\n")


def test_tier_names_align_with_each_other_not_with_exclude() -> None:
    text = ("tiers t using default {\n  exclude: unsubscribed\n  hot: score >= 100\n"
            "  warm: score >= 30\n  cold: otherwise\n}\n")
    assert canonical(text) == ("tiers t using default {\n  exclude: unsubscribed\n"
                               "  hot:  score >= 100\n  warm: score >= 30\n  cold: otherwise\n}\n")


def test_wide_characters_count_twice_and_long_left_sides_are_not_aligned() -> None:
    long = " or ".join(f'title contains "{w}"' for w in ("manager", "部長", "課長", "director"))
    text = ('grading g {\n  start D\n  department in ("マーケティング部") => +1/3\n'
            f"  employees >= 100 => +2/3\n  {long} => +2/3\n}}\n")
    assert canonical(text) == (
        'grading g {\n  start D\n  department in ("マーケティング部") => +1/3\n'
        f"  employees >= 100                   => +2/3\n  {long} => +2/3\n}}\n")


def _with_layout(text: str, choices: list[int]) -> str:
    """``text`` with blank lines and own-line comments inserted between its lines."""
    out: list[str] = []
    for i, line in enumerate(text.split("\n")[:-1]):
        choice = choices[i % len(choices)]
        if choice == 1:
            out.append("")
        elif choice == 2:
            out += ["", "", f"# note {i}"]
        elif choice == 3:
            out.append(f"  # note {i}")
        out.append(line)
    return "\n".join(out) + "\n"


@settings(max_examples=100, deadline=None)
@given(rule_files(), st.lists(st.integers(0, 3), min_size=1, max_size=12))
def test_blank_lines_and_comments_keep_the_laws(tree: ast.RuleFile, choices: list[int]) -> None:
    text = _with_layout(format_rules(tree), choices)
    assert parse(text) == tree
    formatted = format_rules(parse(text))
    assert parse(formatted) == tree, formatted
    assert format_rules(parse(formatted)) == formatted
    for line in text.splitlines():
        if line.strip().startswith("#"):
            assert line.strip() in formatted
    assert "\n\n\n" not in formatted and "{\n\n" not in formatted


def test_funnel_modes_and_exclusions_format_canonically() -> None:
    text = ('funnel f STRICT within 30 Seconds {\n'
            '  exclude: mail any {kind="bounce";kind="unsubscribe"} between a and `exclude`\n'
            '  a: tracking {path="/a"}\n  `exclude`: tracking\n}\n'
            'funnel g any   order within 1 second { a: tracking; b: mail }\n')
    assert canonical(text) == (
        'funnel f strict within 30 seconds {\n'
        '  a:         tracking { path = "/a" }\n'
        '  `exclude`: tracking exists\n'
        '  exclude: mail any { kind = "bounce"; kind = "unsubscribe" } between a and exclude\n'
        '}\n\n'
        'funnel g any order within 1 second {\n  a: tracking exists\n  b: mail exists\n}\n')


def test_a_name_of_digits_is_backquoted_and_reads_back() -> None:
    text = "segment `123` {\n  1: email exists\n}\n\nsegment s {\n  1: segment `123`\n}\n"
    assert canonical(text) == text
    assert parse(canonical(text)) == parse(text)
