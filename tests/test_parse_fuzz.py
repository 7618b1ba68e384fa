"""Whatever the text, ``parse`` returns a tree or raises a LeadRulesError.

Never an IndexError, a RecursionError, a lark exception or a hang: a rules
editor calls the parser on every keystroke.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from leadrules import ast
from leadrules.errors import LeadRulesError, ParseError
from leadrules.format import format_rules
from leadrules.parse import parse
from strategies import rule_files

SEEDS = (
    """\
# HOT lead list
segment hot_leads "HOTリードリスト" {
  1: tracking { occurred_at within 30 days } count >= 15 per session
  2: application exists
  3: activity { type in ("phone", "visit") } none
  4: lead any { email exists; not is_competitor, nurture_target }
  match 1 AND 2 AND NOT 3
    and (4 or segment other)
}
""",
    """\
timezone "Asia/Tokyo"
field lead.score_x number
source webinar { title text; attended bool; tags list of text }
segment s {
  a: x between 2026-01-01 and 2026-03-31T09:00:00+09:00 and y older than 3 months
  b: mail { kind = "click"; link matches "^https?://\\d+" } count distinct campaign >= 2
     and last in this week
  match a or b
}
""",
    """\
scoring engagement "Behaviour score" {
  tracking { path = "/" } => +1 per event
  tracking { path starts with "/products/" } => +3 per event, max 30
  lead { is_competitor } => -100
  decay half-life 30 days
}
grading fit {
  start C
  employees >= 100 => +2/3
}
tiers follow_up using engagement, fit {
  hot: score >= 100 and grade >= B
  cold: otherwise
}
funnel pipeline ordered within 30 days {
  generated: all
  won: status = "won"
}
""",
)

# Pieces worth dropping into a text: brackets, quotes, escapes, separators,
# keywords in the wrong place, broken literals, and non-ASCII look-alikes.
TOKENS = (
    "(", ")", "{", "}", '"', "\\", "\\\"", "\n", "\r", "\r\n", "\t", "\f", ";", ",", ":", ".",
    "#", "# c\n", "=", "==", "!=", "<=", ">", "=>", "/", "+", "-", "&&", "'", "and", "or",
    "not", "AND ", " and\n", "\nor ", "count", "exists", "none", "per", "in", "between",
    "within", "segment", "lead", "match", "source", "field", "timezone", "scoring", "grading",
    "tiers", "funnel", "all", "any", "otherwise", "1", "-1", "007", "1e999", "1.5e-7",
    "9" * 5000, "2026-13-45", "2026-01-31T25:00", "2026-01-31T09:00+99:99", "2026-02-30",
    "days", "dayſ", "ſum", "K", "ı", "İ", "ホット", "部長", "\u2028", "\x85", "\x00", "\ufeff",
    "😀", " ", "   ",
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A valid text with characters and tokens deleted, duplicated or inserted."""
    text = draw(st.sampled_from(SEEDS) | rule_files().map(format_rules))
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            text = draw(st.sampled_from(TOKENS))
            continue
        i = draw(st.integers(0, len(text) - 1))
        j = draw(st.integers(i, min(len(text), i + 12)))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "insert-text"]))
        if action == "delete":
            text = text[:i] + text[j:]
        elif action == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif action == "insert":
            text = text[:i] + draw(st.sampled_from(TOKENS)) + text[i:]
        else:
            text = text[:i] + draw(st.text(max_size=4)) + text[i:]
    return text


def parses_or_fails_cleanly(text: str) -> None:
    try:
        result = parse(text, file="fuzz.rules")
    except ParseError as exc:
        assert exc.diagnostics
        line_count = text.count("\n") + 1
        for d in exc.diagnostics:
            assert d.file == "fuzz.rules"
            assert d.line is not None and 1 <= d.line <= line_count, (d, line_count)
            assert d.column is not None and d.column >= 1
        assert str(exc)  # renders
    except LeadRulesError:
        pass
    else:
        assert isinstance(result, ast.RuleFile)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_or_raises_a_leadrules_error(text: str) -> None:
    parses_or_fails_cleanly(text)


@settings(max_examples=300, deadline=None)
@given(mutated())
def test_mutated_rules_parse_or_raise_a_leadrules_error(text: str) -> None:
    parses_or_fails_cleanly(text)


def test_the_seeds_parse() -> None:
    for seed in SEEDS:
        parse(seed)


# Texts that once escaped as other exceptions (each a ValueError, KeyError or
# lark VisitError inside the tree builder).
CRASHERS = (
    "segment s { 1: x = " + "1" * 5000 + " }",
    "segment s { " + "1" * 5000 + ": x }",
    "segment s { 1: x within " + "1" * 5000 + " days }",
    "segment s { 1: x within 3 dayſ }",
    "segment s { 1: tracking ſum x > 1 }",
    "source s { a liſt of text }",
    "scoring e {\n  a => +1\n  decay half-life " + "9" * 5000 + " days\n}",
    "scoring e {\n  a => +1\n  window " + "9" * 5000 + " days\n}",
    "grading g {\n  a => +1/" + "9" * 5000 + "\n}",
    "funnel f ordered within " + "9" * 5000 + " days {\n  a: all\n}",
    "segment a {\n  1: x ==\n}\nsegment b {\n  1: y 'q'\n}",
)


def test_former_crashers_parse_or_fail_cleanly() -> None:
    for text in CRASHERS:
        parses_or_fails_cleanly(text)
