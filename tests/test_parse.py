"""The parser: rules text to syntax tree, and syntax errors in the user's words."""

from __future__ import annotations

import datetime as dt

import pytest

from leadrules import ast
from leadrules.errors import ParseError
from leadrules.parse import MAX_NESTING, parse
from leadrules.schema import FieldType

JST = dt.timezone(dt.timedelta(hours=9))


def segment_of(text: str, **kwargs: object) -> ast.Segment:
    segments = parse(text, **kwargs).segments  # type: ignore[arg-type]
    assert len(segments) == 1
    return segments[0]


def expr_of(text: str) -> ast.Expr:
    return segment_of(f"segment s {{\n  1: {text}\n}}").blocks[0].expr


def op_test(text: str) -> ast.Test:
    e = expr_of(f"x {text}")
    assert isinstance(e, ast.FieldTest) and e.field == "x"
    return e.test


def match_of(text: str) -> ast.Expr:
    match = segment_of(text).match
    assert match is not None
    return match


def errors_of(text: str) -> tuple[ParseError, list[str]]:
    with pytest.raises(ParseError) as info:
        parse(text, file="t.rules")
    return info.value, [d.render() for d in info.value.diagnostics]


def f(name: str, test: ast.Test | None = None) -> ast.FieldTest:
    return ast.FieldTest(name, test if test is not None else ast.IsTrue())


def num(value: int | float) -> ast.Number:
    return ast.Number(value)


def ev(source: str, *quantifiers: ast.Quantifier, conditions: tuple[ast.Expr, ...] | None = None,
       mode: str = "all", per: str | None = None) -> ast.EventBlock:
    return ast.EventBlock(source, mode, conditions,  # type: ignore[arg-type]
                          quantifiers or (ast.AnyEvent(),), per)


def count(op: ast.CompareOp, n: int) -> ast.Aggregate:
    return ast.Aggregate("count", None, ast.Compare(op, num(n)))


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


# --------------------------------------------------------------- the spec


def test_hot_lead_segment_of_the_spec() -> None:
    seg = segment_of(HOT_LEADS)
    assert seg.name == "hot_leads"
    assert seg.title == "HOTリードリスト"
    assert seg.blocks == (
        ast.Block("1", ev("tracking", count(">=", 15),
                          conditions=(f("occurred_at", ast.Within(30, "days")),))),
        ast.Block("2", ev("application")),
        ast.Block("3", ev("activity")),
        ast.Block("4", ast.LeadBlock("all", (f("email", ast.Present()), ast.Not(f("is_competitor")),
                                            f("nurture_target")))),
    )
    assert seg.match == ast.And((ast.LabelRef("1"), ast.LabelRef("2"),
                                 ast.Not(ast.LabelRef("3")), ast.LabelRef("4")))


def test_nodes_carry_their_positions() -> None:
    seg = segment_of(HOT_LEADS)
    assert seg.pos is not None and (seg.pos.line, seg.pos.column) == (2, 9)
    block = seg.blocks[3]
    assert block.pos is not None and (block.pos.line, block.pos.column) == (6, 3)
    lead = block.expr
    assert isinstance(lead, ast.LeadBlock)
    email = lead.conditions[0]
    assert email.pos is not None and (email.pos.line, email.pos.column) == (6, 13)


# ---------------------------------------------------------------- lexical


def test_keywords_are_case_insensitive() -> None:
    upper = ('SEGMENT s { 1: tracking ANY { path STARTS WITH "/x"; duration BETWEEN 1 AND 2 } '
             "COUNT >= 3 AND LAST WITHIN 7 DAYS PER session\n"
             "  2: lead { x NOT IN (1) OR y IN THIS WEEK OR z = TRUE }\n  MATCH 1 AND NOT 2 }")
    assert parse(upper) == parse(upper.lower())
    assert parse("Segment s { 1: x WiThIn 3 Days }") == parse("segment s { 1: x within 3 days }")


def test_non_ascii_letters_that_case_fold_to_a_keyword_mean_that_keyword() -> None:
    # re.IGNORECASE matches 'ſ' (long s) to 's' and 'K' (Kelvin) to 'k'.
    assert op_test("within 3 dayſ") == ast.Within(3, "days")
    block = expr_of("tracking ſum duration > 3")
    assert isinstance(block, ast.EventBlock) and isinstance(block.quantifiers[0], ast.Aggregate)
    assert block.quantifiers[0].func == "sum"
    rule = parse("scoring e {\n  a => +1, mın 3\n}").scorings[0].rules[0]  # dotless ı
    assert (rule.max_total, rule.min_total) == (None, 3)


@pytest.mark.parametrize("separator", ["; ", ", ", "\n", " ;\n, "])
def test_conditions_are_separated_by_semicolons_commas_or_newlines(separator: str) -> None:
    e = expr_of(f"lead {{ a{separator}b{separator}c }}")
    assert e == ast.LeadBlock("all", (f("a"), f("b"), f("c")))


def test_segment_items_are_separated_by_semicolons_commas_or_newlines() -> None:
    seg = segment_of("segment s { 1: a; 2: b, match 1 or 2 }")
    assert [b.label for b in seg.blocks] == ["1", "2"]
    assert seg.match == ast.Or((ast.LabelRef("1"), ast.LabelRef("2")))


def test_a_line_starting_with_and_or_or_continues_the_previous_one() -> None:
    seg = segment_of("segment s {\n  1: a = 1\n     and b = 2\n     OR c\n  2: d\n}")
    assert seg.blocks[0].expr == ast.Or((
        ast.And((f("a", ast.Compare("=", num(1))), f("b", ast.Compare("=", num(2))))), f("c")))
    assert seg.blocks[1].expr == f("d")


def test_a_line_ending_in_and_or_not_or_an_open_bracket_continues() -> None:
    seg = segment_of("segment s {\n  1: a and\n  b or\n  not\n  c\n  2: lead {\n  x\n  }\n"
                     "  3: x in (\n  1,\n  2\n  )\n  4:\n  y\n}")
    assert seg.blocks[0].expr == ast.Or((ast.And((f("a"), f("b"))), ast.Not(f("c"))))
    assert seg.blocks[1].expr == ast.LeadBlock("all", (f("x"),))
    assert seg.blocks[2].expr == f("x", ast.InList((num(1), num(2))))
    assert seg.blocks[3].expr == f("y")


def test_a_name_merely_starting_with_and_or_or_does_not_continue() -> None:
    seg = segment_of("segment s {\n  1: a\n  android: b\n  order: c\n}")
    assert [b.label for b in seg.blocks] == ["1", "android", "order"]


def test_comments_may_stand_anywhere_a_space_or_line_break_may() -> None:
    text = """\
# leading comment
segment s "t" { # after the brace
  # own line
  1: lead {  # inside braces
    a   # after a condition
    # between conditions
    b
  }  # after a block

  2: x in (1, # inside a list
           2)
  3: tracking count >= 3 and # between quantifiers
     last within 7 days
  match 1  # before a continuation
    and 2 # end
    and 3
}
# trailing comment"""
    seg = segment_of(text)
    assert seg.blocks[0].expr == ast.LeadBlock("all", (f("a"), f("b")))
    assert seg.blocks[1].expr == f("x", ast.InList((num(1), num(2))))
    assert seg.blocks[2].expr == ev("tracking", count(">=", 3),
                                    ast.Aggregate("last", None, ast.Within(7, "days")))
    assert seg.match == ast.And((ast.LabelRef("1"), ast.LabelRef("2"), ast.LabelRef("3")))


def test_a_hash_inside_a_string_is_not_a_comment() -> None:
    assert op_test('= "#1 # not a comment"') == ast.Compare("=", ast.Text("#1 # not a comment"))


def test_strings_hold_japanese_and_escaped_quotes_and_backslashes() -> None:
    assert op_test('contains "部長"') == ast.Contains(ast.Text("部長"))
    assert op_test('= "say \\"hi\\""') == ast.Compare("=", ast.Text('say "hi"'))
    assert op_test('= "a\\\\b"') == ast.Compare("=", ast.Text("a\\b"))
    # Any other backslash is literal, so regular expressions need no doubling.
    assert op_test('matches "^\\d+\\.\\w$"') == ast.TextTest("matches", ast.Text("^\\d+\\.\\w$"))


def test_japanese_names_and_titles() -> None:
    seg = segment_of('segment リード "日本語のタイトル" {\n'
                     '  ホット: 部署 = "営業"\n  match ホット\n}')
    assert seg.name == "リード" and seg.title == "日本語のタイトル"
    assert seg.blocks[0] == ast.Block("ホット", f("部署", ast.Compare("=", ast.Text("営業"))))
    assert seg.match == ast.LabelRef("ホット")


def test_a_byte_order_mark_and_windows_line_endings_are_accepted() -> None:
    assert parse("\ufeffsegment s {\r\n  1: a\r\n  2: b\r\n}\r\n") == parse(
        "segment s {\n  1: a\n  2: b\n}\n")


@pytest.mark.parametrize(("literal", "value"), [
    ("15", 15), ("-3", -3), ("+4", 4), ("1.5", 1.5), (".5", 0.5), ("2.", 2.0),
    ("1e3", 1000.0), ("1.5E-7", 1.5e-7), ("1e+16", 1e16), ("-0.0", -0.0),
])
def test_numbers(literal: str, value: int | float) -> None:
    t = op_test(f"= {literal}")
    assert isinstance(t, ast.Compare) and isinstance(t.value, ast.Number)
    assert t.value.value == value and type(t.value.value) is type(value)


def test_a_bare_date_is_a_day_and_a_date_with_a_time_an_instant() -> None:
    assert op_test("on 2026-01-31") == ast.DatePoint("on", ast.Day(dt.date(2026, 1, 31)))
    assert op_test("after 2026-01-31T09:00") == ast.DatePoint(
        "after", ast.Instant(dt.datetime(2026, 1, 31, 9, 0)))
    assert op_test("before 2026-01-31T09:00:00+09:00") == ast.DatePoint(
        "before", ast.Instant(dt.datetime(2026, 1, 31, 9, 0, tzinfo=JST)))


@pytest.mark.parametrize("literal", [
    "2026-01-31T09:00:00+09:00", "2026-01-31T09:00:00+0900", "2026-01-31T00:00:00Z",
    "2026-01-31t00:00:00z", "2026-01-31T09:00:00.5+09:00",
])
def test_instants_keep_their_offsets(literal: str) -> None:
    t = op_test(f"= {literal}")
    assert isinstance(t, ast.Compare) and isinstance(t.value, ast.Instant)
    instant = t.value.value
    assert instant.utcoffset() is not None
    assert instant == dt.datetime.fromisoformat(literal.upper())


# -------------------------------------------------------------- operators

@pytest.mark.parametrize(("text", "test"), [
    ('= "a"', ast.Compare("=", ast.Text("a"))),
    ("!= 1", ast.Compare("!=", num(1))),
    ("< 1", ast.Compare("<", num(1))),
    ("<= 1", ast.Compare("<=", num(1))),
    ("> 1", ast.Compare(">", num(1))),
    (">= -1", ast.Compare(">=", num(-1))),
    ("= true", ast.Compare("=", ast.Bool(True))),
    ("= false", ast.Compare("=", ast.Bool(False))),
    ('in ("a", "b")', ast.InList((ast.Text("a"), ast.Text("b")))),
    ("in (1,)", ast.InList((num(1),))),
    ('not in ("a")', ast.InList((ast.Text("a"),), negated=True)),
    ('contains "vip"', ast.Contains(ast.Text("vip"))),
    ('not contains "vip"', ast.Contains(ast.Text("vip"), negated=True)),
    ('starts with "/pricing"', ast.TextTest("starts with", ast.Text("/pricing"))),
    ('ends with ".pdf"', ast.TextTest("ends with", ast.Text(".pdf"))),
    ('matches "^a"', ast.TextTest("matches", ast.Text("^a"))),
    ("between 10 and 100", ast.Between(num(10), num(100))),
    ("between 2026-01-01 and 2026-03-31",
     ast.Between(ast.Day(dt.date(2026, 1, 1)), ast.Day(dt.date(2026, 3, 31)))),
    ("exists", ast.Present()),
    ("not exists", ast.Present(negated=True)),
    ("within 30 days", ast.Within(30, "days")),
    ("within 1 day", ast.Within(1, "days")),
    ("within 5 minutes", ast.Within(5, "minutes")),
    ("within 1 hour", ast.Within(1, "hours")),
    ("within 2 weeks", ast.Within(2, "weeks")),
    ("within 1 month", ast.Within(1, "months")),
    ("within 1 year", ast.Within(1, "years")),
    ("older than 6 months", ast.OlderThan(6, "months")),
    ("before 2026-01-31", ast.DatePoint("before", ast.Day(dt.date(2026, 1, 31)))),
    ("after 2026-01-31", ast.DatePoint("after", ast.Day(dt.date(2026, 1, 31)))),
    ("on 2026-01-31", ast.DatePoint("on", ast.Day(dt.date(2026, 1, 31)))),
    ("in this week", ast.InPeriod("this", "week")),
    ("in last month", ast.InPeriod("last", "month")),
    ("in next quarter", ast.InPeriod("next", "quarter")),
    ("in this year", ast.InPeriod("this", "year")),
])
def test_every_operator(text: str, test: ast.Test) -> None:
    assert op_test(text) == test


def test_a_bare_name_is_a_bool_field_and_not_negates_it() -> None:
    assert expr_of("is_competitor") == f("is_competitor")
    assert expr_of("not is_competitor") == ast.Not(f("is_competitor"))


# ------------------------------------------------------------ quantifiers

@pytest.mark.parametrize(("text", "quantifiers"), [
    ("exists", (ast.AnyEvent(),)),
    ("none", (ast.NoEvent(),)),
    ("count >= 15", (count(">=", 15),)),
    ("count distinct session >= 2",
     (ast.Aggregate("count distinct", "session", ast.Compare(">=", num(2))),)),
    ("sum duration > 60", (ast.Aggregate("sum", "duration", ast.Compare(">", num(60))),)),
    ("avg duration < 9.5", (ast.Aggregate("avg", "duration", ast.Compare("<", num(9.5))),)),
    ("min duration >= 1", (ast.Aggregate("min", "duration", ast.Compare(">=", num(1))),)),
    ("max duration between 1 and 5",
     (ast.Aggregate("max", "duration", ast.Between(num(1), num(5))),)),
    ("first before 2026-01-01",
     (ast.Aggregate("first", None, ast.DatePoint("before", ast.Day(dt.date(2026, 1, 1)))),)),
    ("last within 7 days", (ast.Aggregate("last", None, ast.Within(7, "days")),)),
    ("last in this month", (ast.Aggregate("last", None, ast.InPeriod("this", "month")),)),
    ("count >= 3 and last within 7 days",
     (count(">=", 3), ast.Aggregate("last", None, ast.Within(7, "days")))),
    ("exists and none and count = 0", (ast.AnyEvent(), ast.NoEvent(), count("=", 0))),
])
def test_every_quantifier(text: str, quantifiers: tuple[ast.Quantifier, ...]) -> None:
    block = expr_of(f'tracking {{ path = "/" }} {text}')
    assert isinstance(block, ast.EventBlock)
    assert block.quantifiers == quantifiers
    bare = expr_of(f"tracking {text}")
    assert isinstance(bare, ast.EventBlock) and bare.conditions is None
    assert bare.quantifiers == quantifiers


def test_per_groups_the_quantifiers() -> None:
    assert expr_of("tracking { occurred_at within 30 days } count >= 15 per session") == ev(
        "tracking", count(">=", 15), conditions=(f("occurred_at", ast.Within(30, "days")),),
        per="session")
    assert expr_of("tracking exists per session") == ev("tracking", per="session")


def test_event_block_modes_and_empty_braces() -> None:
    assert expr_of("tracking any { a; b } none") == ev(
        "tracking", ast.NoEvent(), conditions=(f("a"), f("b")), mode="any")
    assert expr_of("tracking {}") == ev("tracking", conditions=())
    assert expr_of("lead any { a, b }") == ast.LeadBlock("any", (f("a"), f("b")))
    assert expr_of("lead {}") == ast.LeadBlock("all", ())


def test_and_before_a_quantifier_word_joins_quantifiers_otherwise_it_is_boolean() -> None:
    assert expr_of("tracking count >= 3 and last within 7 days") == ev(
        "tracking", count(">=", 3), ast.Aggregate("last", None, ast.Within(7, "days")))
    assert expr_of("tracking count >= 3 and email exists") == ast.And((
        ev("tracking", count(">=", 3)), f("email", ast.Present())))
    assert expr_of("tracking count >= 3\n     and last within 7 days") == expr_of(
        "tracking count >= 3 and last within 7 days")
    assert expr_of("tracking count >= 3 and\n     last within 7 days") == expr_of(
        "tracking count >= 3 and last within 7 days")


def test_and_after_a_field_test_is_boolean_even_before_a_quantifier_word() -> None:
    # A field may be named like a quantifier (a declared `count`, say).
    assert expr_of("x = 1 and count > 2") == ast.And((
        f("x", ast.Compare("=", num(1))), f("count", ast.Compare(">", num(2)))))
    assert expr_of("lead { x between 1 and 2 and last = 3 }") == ast.LeadBlock("all", (ast.And((
        f("x", ast.Between(num(1), num(2))), f("last", ast.Compare("=", num(3))))),))


# ----------------------------------------------------------- precedence

def test_not_binds_tighter_than_and_and_and_tighter_than_or() -> None:
    assert expr_of("a or b and not c") == ast.Or((f("a"), ast.And((f("b"), ast.Not(f("c"))))))
    assert expr_of("not a and b") == ast.And((ast.Not(f("a")), f("b")))
    assert expr_of("a and b or c and d") == ast.Or((
        ast.And((f("a"), f("b"))), ast.And((f("c"), f("d")))))
    assert expr_of("(a or b) and c") == ast.And((ast.Or((f("a"), f("b"))), f("c")))
    assert expr_of("not (a or b)") == ast.Not(ast.Or((f("a"), f("b"))))
    assert expr_of("not not a") == ast.Not(ast.Not(f("a")))


def test_and_or_chains_are_flat_but_parentheses_nest() -> None:
    assert expr_of("a and b and c") == ast.And((f("a"), f("b"), f("c")))
    assert expr_of("(a and b) and c") == ast.And((ast.And((f("a"), f("b"))), f("c")))
    assert expr_of("(a)") == f("a")


def test_parenthesised_and_or_are_marked() -> None:
    e = expr_of("a or (b and c)")
    assert isinstance(e, ast.Or) and not e.parenthesized
    inner = e.items[1]
    assert isinstance(inner, ast.And) and inner.parenthesized
    mixed = expr_of("a or b and c")
    assert isinstance(mixed, ast.Or)
    assert isinstance(mixed.items[1], ast.And) and not mixed.items[1].parenthesized


def test_not_applies_to_a_whole_field_test_or_event_block() -> None:
    assert expr_of("not x = 1") == ast.Not(f("x", ast.Compare("=", num(1))))
    assert expr_of('not application { campaign = "A" }') == ast.Not(ev(
        "application", conditions=(f("campaign", ast.Compare("=", ast.Text("A"))),)))


# ------------------------------------------------------ what a name means

def test_named_labels_in_match_are_label_refs() -> None:
    seg = segment_of("segment s {\n  hot: a\n  cold: b\n  match hot and not cold and c\n}")
    assert seg.match == ast.And((ast.LabelRef("hot"), ast.Not(ast.LabelRef("cold")), f("c")))


def test_a_label_shadows_a_source_in_match_but_not_in_blocks() -> None:
    seg = segment_of("segment s {\n  mail: mail\n  match mail and mail exists\n}")
    assert seg.blocks[0].expr == ev("mail")
    assert seg.match == ast.And((ast.LabelRef("mail"), ev("mail")))


def test_number_labels_are_canonical() -> None:
    seg = segment_of("segment s {\n  007: a\n  match 007 or 7\n}")
    assert seg.blocks[0].label == "7"
    assert seg.match == ast.Or((ast.LabelRef("7"), ast.LabelRef("7")))


def test_a_source_name_is_an_event_block() -> None:
    assert expr_of("application") == ev("application")
    assert expr_of("application exists") == ev("application")
    assert expr_of("activity none") == ev("activity", ast.NoEvent())


def test_a_lead_field_with_exists_is_a_field_test() -> None:
    assert expr_of("email exists") == f("email", ast.Present())
    assert expr_of("email not exists") == f("email", ast.Present(negated=True))


def test_inside_braces_every_name_is_a_field() -> None:
    assert expr_of('activity { source = "x"; type = "email" }') == ev("activity", conditions=(
        f("source", ast.Compare("=", ast.Text("x"))),
        f("type", ast.Compare("=", ast.Text("email")))))
    assert expr_of("lead { tracking exists; count > 3 }") == ast.LeadBlock("all", (
        f("tracking", ast.Present()), f("count", ast.Compare(">", num(3)))))
    # `match` is a keyword only where a segment item may start.
    assert expr_of("lead { a; match = 1 }") == ast.LeadBlock("all", (
        f("a"), f("match", ast.Compare("=", num(1)))))


def test_declared_and_passed_in_sources_are_event_sources() -> None:
    rules = parse("source webinar { title text }\nsegment s { 1: webinar }")
    assert rules.segments[0].blocks[0].expr == ev("webinar")
    seg = segment_of("segment s { 1: visits exists }", sources=["visits"])
    assert seg.blocks[0].expr == ev("visits")
    assert segment_of("segment s { 1: tracking }", sources=[]).blocks[0].expr == f("tracking")


def test_a_date_operator_after_score_is_the_operator_not_a_model_name() -> None:
    tiers = parse("tiers t {\n  a: score on 3\n  b: score fit before 2026-01-01\n}").tiers[0]
    assert [t.condition for t in tiers.tiers] == [
        ast.ScoreTest(None, ast.DatePoint("on", num(3))),
        ast.ScoreTest("fit", ast.DatePoint("before", ast.Day(dt.date(2026, 1, 1)))),
    ]


def test_segment_references() -> None:
    assert expr_of("segment other and not segment third") == ast.And((
        ast.SegmentRef("other"), ast.Not(ast.SegmentRef("third"))))


def test_conditions_inline_in_match_without_labels() -> None:
    match = match_of('segment s {\n  match industry = "software" and tracking '
                     '{ path starts with "/pricing" } count >= 3\n}')
    assert match == ast.And((
        f("industry", ast.Compare("=", ast.Text("software"))),
        ev("tracking", count(">=", 3),
           conditions=(f("path", ast.TextTest("starts with", ast.Text("/pricing"))),))))


# --------------------------------------------------------- declarations

def test_schema_declarations() -> None:
    rules = parse('timezone "Asia/Tokyo"\n\nfield lead.score_x number\nfield tracking.tags '
                  "LIST OF TEXT\nsource webinar {\n  title text; attended bool, minutes number\n"
                  "  at datetime\n}\n")
    assert rules.declarations == (
        ast.TimezoneDecl("Asia/Tokyo"),
        ast.FieldDecl("lead", "score_x", FieldType.NUMBER),
        ast.FieldDecl("tracking", "tags", FieldType.TEXT_LIST),
        ast.SourceDecl("webinar", (("title", FieldType.TEXT), ("attended", FieldType.BOOL),
                                   ("minutes", FieldType.NUMBER), ("at", FieldType.DATETIME))),
    )


def test_declared_fields_may_be_named_like_keywords() -> None:
    rules = parse("source s { match text; lead text, segment number\n not bool; source text }\n"
                  "field lead.count number")
    assert rules.declarations[0] == ast.SourceDecl("s", (
        ("match", FieldType.TEXT), ("lead", FieldType.TEXT), ("segment", FieldType.NUMBER),
        ("not", FieldType.BOOL), ("source", FieldType.TEXT)))
    assert rules.declarations[1] == ast.FieldDecl("lead", "count", FieldType.NUMBER)


def test_several_segments() -> None:
    rules = parse("segment a { 1: x }\n\n\nsegment b {\n  1: y\n}\n")
    assert [s.name for s in rules.segments] == ["a", "b"]


def test_an_empty_text_has_no_declarations() -> None:
    assert parse("").declarations == ()
    assert parse("\n# nothing\n\n").declarations == ()


# ---------------------------------------------------------------- errors


def test_an_error_names_file_line_and_column_and_shows_a_caret() -> None:
    err, rendered = errors_of("segment s {\n  1: tracking cuont >= 3\n}\n")
    d = err.diagnostics[0]
    assert (d.file, d.line, d.column) == ("t.rules", 2, 15)
    lines = rendered[0].splitlines()
    assert lines[0].startswith("t.rules:2:15: error: unexpected 'cuont'")
    assert lines[1].endswith("1: tracking cuont >= 3")
    assert lines[2].index("^") == lines[1].index("cuont")
    assert lines[2].count("^") == len("cuont")
    assert d.hint == "did you mean 'count'?"


def test_double_equals_suggests_a_single_one() -> None:
    err, _ = errors_of("segment s {\n  1: x == 3\n}")
    assert (err.line, err.column) == (2, 9)
    assert err.hint == "use '=' for equality"


def test_an_unclosed_brace_is_named_at_the_brace() -> None:
    err, _ = errors_of("segment s {\n  1: lead { x = 3 }\n")
    assert err.first.message == "'{' is never closed"
    assert err.hint == "add '}' at the end"
    assert (err.line, err.column, err.first.code) == (1, 11, "unclosed-brace")


@pytest.mark.parametrize(("text", "hint"), [
    ("segment s { 1: x && y }", "use 'and' / 'or'"),
    ("segment s { 1: x = 'a' }", 'strings are written in double quotes: "…"'),
    ('segment s { 1: "x" = 1 }', "names are written without quotes"),
    ("segmnt s { 1: x }", "did you mean 'segment'?"),
    ('segment s { 1: x contians "a" }', "did you mean 'contains'?"),
    ("segment s { 1: x within 3 dias }", "did you mean 'days'?"),
])
def test_hints(text: str, hint: str) -> None:
    err, _ = errors_of(text)
    assert err.hint == hint


def test_a_misplaced_keyword_gets_no_spelling_hint() -> None:
    err, _ = errors_of("segment s { 1: x = 1 or or y }")
    assert err.hint is None or "did you mean 'or'" not in err.hint


def test_every_declaration_with_an_error_gives_one_diagnostic() -> None:
    text = ("segment a {\n  1: x ==\n}\n"
            "segment b {\n  1: y 'q'\n}\n"
            "segment c { 1: z }\n"
            "segment d {\n  1: lead { w = }\n}\n")
    err, rendered = errors_of(text)
    assert [(d.line, d.column) for d in err.diagnostics] == [(2, 9), (5, 8), (9, 17)]
    assert err.diagnostics[1].message == "unexpected character \"'\""
    assert err.diagnostics[1].source_line == "  1: y 'q'"
    assert len(rendered) == 3


def test_semantic_faults_found_while_building_are_parse_errors() -> None:
    err, _ = errors_of("segment s { 1: x = 2026-02-30 }")
    assert "not a valid date" in err.first.message
    err, _ = errors_of("segment s { 1: x = 1e999 }")
    assert "out of range" in err.first.message
    err, _ = errors_of("segment s { 1: x = " + "1" * 5000 + " }")
    assert "too many digits" in err.first.message
    err, _ = errors_of("segment s {\n  1: a\n  match 1\n  match 1\n}")
    assert err.first.message == "a segment has at most one 'match'"
    assert err.line == 4


@pytest.mark.parametrize("text", [
    "segment s { 1: " + "(" * 5000 + "a" + ")" * 5000 + " }",
    "segment s { 1: " + "not " * 5000 + "a }",
    "segment s { 1: " + "lead { " * 2000 + "a" + " }" * 2000 + " }",
    "segment s { 1: " + "(" * 5000 + " }",
])
def test_deep_nesting_is_a_parse_error_not_a_recursion_error(text: str) -> None:
    with pytest.raises(ParseError):
        parse(text)


def test_nesting_up_to_the_limit_is_fine() -> None:
    depth = MAX_NESTING - 1
    e = expr_of("(" * depth + "a" + ")" * depth)
    assert e == f("a")


def test_the_line_under_an_error_is_the_line_lark_counts() -> None:
    # A form feed is white space to the grammar, not a line break.
    err, _ = errors_of("segment s {\n  1: a \f b == 2\n}")
    assert err.line == 2
    assert err.first.source_line == "  1: a \f b == 2"


def test_only_text_can_be_parsed() -> None:
    with pytest.raises(ParseError):
        parse(b"segment s {}")  # type: ignore[arg-type]
