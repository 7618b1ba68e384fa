"""AST -> canonical rules text.

``format_rules`` prints a whole file in the canonical style; ``format_expr``,
``format_test``, ``format_quantifier``, ``format_value`` and the
``format_<declaration>`` functions print pieces (the explainer and error
messages use them).  The law the tests hold it to: for
every tree ``t`` the parser produces, ``parse(format_rules(t)) == t``, and
formatting is idempotent.

The canonical style:

- two-space indentation, one block per line, ``match`` last, declarations
  separated by one blank line;
- keywords lower case; ``all`` mode omitted, ``any`` printed; units plural;
- a lead or event block's conditions on one line, separated by ``; ``;
- event blocks always name their quantifiers (``application exists``), except
  that a scoring rule leaves out a braced block's implied ``exists``, as the
  spec writes them (``tracking { path = "/" } => +1 per event``);
- points and grade steps signed (``+3``, ``-1``, ``+2/3``);
- parentheses where precedence needs them (``not`` > ``and`` > ``or``), where
  an ``and`` / ``or`` sits directly inside one of its own kind (only written
  parentheses make that tree), and wherever an ``and`` sits directly inside
  an ``or``: the canonical form never mixes them unparenthesised; and around
  an ``and`` item that starts with a quantifier word and follows quantifiers
  (``tracking exists and (count > 3)``, ``count`` being a field), which would
  otherwise join the quantifiers;
- strings in double quotes.  Only ``\\"`` and ``\\\\`` are escapes, and a
  backslash is doubled only where it would otherwise start one (before ``"``,
  before another backslash, or last), so a regular expression such as
  ``"\\d+"`` prints as written.  Strings cannot hold a line break;
- numbers so that they re-parse to the same value (``repr`` for floats);
  dates and instants in ISO 8601.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from fractions import Fraction
from typing import Literal, assert_never

from . import ast

INDENT = "  "

# Where an expression is printed: which operator, if any, holds it directly.
_Context = Literal["top", "or", "and", "not"]


# ------------------------------------------------------------------- values


def format_string(text: str) -> str:
    """``text`` as a double-quoted string literal."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == '"':
            out.append('\\"')
        elif ch == "\\" and (i + 1 == len(text) or text[i + 1] in '"\\'):
            out.append("\\\\")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def format_number(value: int | float) -> str:
    """A number literal that re-parses to ``value`` (ints as ints).

    The language has no literal for infinity or NaN (the parser never makes
    them); they print as Python's ``inf`` / ``nan``.
    """
    if isinstance(value, bool):  # a bool is an int to Python, not to us
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def format_datetime(value: dt.datetime) -> str:
    """ISO 8601 with seconds, and the offset when there is one."""
    return value.isoformat()


def format_value(value: ast.Value) -> str:
    """One literal: ``"text"``, ``42``, ``1.5``, ``true``, ``2026-01-31``, an instant."""
    if isinstance(value, ast.Text):
        return format_string(value.value)
    if isinstance(value, ast.Number):
        return format_number(value.value)
    if isinstance(value, ast.Bool):
        return "true" if value.value else "false"
    if isinstance(value, ast.Day):
        return value.value.isoformat()
    if isinstance(value, ast.Instant):
        return format_datetime(value.value)
    assert_never(value)


# -------------------------------------------------------------------- tests


def _negation(negated: bool) -> str:
    return "not " if negated else ""


_IDENTIFIER = re.compile(r"[^\W\d]\w*")
# Words that are keywords where a name can also stand (the start of a
# condition, of a segment/scoring/grading item, or after a tier or stage name).
RESERVED = frozenset({"lead", "segment", "score", "grade", "not", "match", "decay", "window",
                      "start", "otherwise", "all", "and", "or"})


def format_name(name: str) -> str:
    """A name as written in rules: in backquotes when it is not a plain
    identifier or could be read as a keyword (`score`, `会社 名`)."""
    if name.isdigit() or (_IDENTIFIER.fullmatch(name) and name.lower() not in RESERVED):
        return name
    return f"`{name}`"


def format_test(test: ast.Test, subject: str | None = None) -> str:
    """A test, after ``subject`` when given (``employees >= 100``).

    Without a subject, the operator and its operand alone (``>= 100``,
    ``within 30 days``, ``not exists``); a bare bool test (``IsTrue``) has
    no text of its own, so it gives the subject alone, or ``""``.
    """
    text = _test_text(test)
    if subject is None:
        return text
    return f"{subject} {text}" if text else subject


def _amount(amount: int, unit: str) -> str:
    """``1 day``, ``30 days``: units are plural in the AST."""
    return f"{amount} {unit[:-1] if amount == 1 else unit}"


def _test_text(test: ast.Test) -> str:
    if isinstance(test, ast.Compare):
        return f"{test.op} {format_value(test.value)}"
    if isinstance(test, ast.InList):
        values = ", ".join(format_value(v) for v in test.values)
        return f"{_negation(test.negated)}in ({values})"
    if isinstance(test, ast.Contains):
        return f"{_negation(test.negated)}contains {format_value(test.value)}"
    if isinstance(test, ast.TextTest):
        return f"{test.op} {format_value(test.value)}"
    if isinstance(test, ast.Between):
        return f"between {format_value(test.low)} and {format_value(test.high)}"
    if isinstance(test, ast.Present):
        return f"{_negation(test.negated)}exists"
    if isinstance(test, ast.IsTrue):
        return ""
    if isinstance(test, ast.Within):
        return f"within {_amount(test.amount, test.unit)}"
    if isinstance(test, ast.OlderThan):
        return f"older than {_amount(test.amount, test.unit)}"
    if isinstance(test, ast.DatePoint):
        return f"{test.op} {format_value(test.value)}"
    if isinstance(test, ast.InPeriod):
        return f"in {test.which} {test.period}"
    assert_never(test)


# -------------------------------------------------------------- quantifiers


def format_quantifier(quantifier: ast.Quantifier) -> str:
    """``exists``, ``none``, ``count >= 15``, ``sum duration > 60``, ``last within 7 days``."""
    if isinstance(quantifier, ast.AnyEvent):
        return "exists"
    if isinstance(quantifier, ast.NoEvent):
        return "none"
    if isinstance(quantifier, ast.Aggregate):
        head: str = quantifier.func
        if quantifier.field is not None:
            head += f" {format_name(quantifier.field)}"
        return f"{head} {_test_text(quantifier.test)}"
    assert_never(quantifier)


def format_quantifiers(quantifiers: Iterable[ast.Quantifier], per: str | None = None) -> str:
    """Quantifiers joined with ``and``, then ``per FIELD`` when given."""
    text = " and ".join(format_quantifier(q) for q in quantifiers)
    return f"{text} per {format_name(per)}" if per is not None else text


# -------------------------------------------------------------- expressions


def format_expr(expr: ast.Expr) -> str:
    """An expression on one line, parenthesised only where the canonical form needs it."""
    return _expr(expr, "top")


def _needs_parens(expr: ast.Expr, context: _Context) -> bool:
    # An `and` / `or` is parenthesised everywhere but at the top: inside `not`
    # (and an `or` inside `and`) precedence needs it; inside its own kind only
    # written parentheses make that tree; and an `and` inside an `or` so that
    # the reader never has to remember that `and` binds tighter.
    return isinstance(expr, ast.And | ast.Or) and context != "top"


def _expr(expr: ast.Expr, context: _Context) -> str:
    text = _bare_expr(expr)
    return f"({text})" if _needs_parens(expr, context) else text


def _bare_expr(expr: ast.Expr) -> str:
    if isinstance(expr, ast.Or):
        return " or ".join(_expr(item, "or") for item in expr.items)
    if isinstance(expr, ast.And):
        return _and_items(expr.items)
    if isinstance(expr, ast.Not):
        return f"not {_expr(expr.item, 'not')}"
    if isinstance(expr, ast.FieldTest):
        return format_test(expr.test, format_name(expr.field))
    if isinstance(expr, ast.LeadBlock):
        mode = " any" if expr.mode == "any" else ""
        return f"lead{mode} {_braces(expr.conditions)}"
    if isinstance(expr, ast.EventBlock):
        return _event_block(expr)
    if isinstance(expr, ast.LabelRef):
        return format_name(expr.label)
    if isinstance(expr, ast.SegmentRef):
        return f"segment {format_name(expr.name)}"
    if isinstance(expr, ast.ScoreTest):
        model = f" {format_name(expr.model)}" if expr.model is not None else ""
        return f"score{model} {_test_text(expr.test)}"
    if isinstance(expr, ast.GradeTest):
        model = f" {format_name(expr.model)}" if expr.model is not None else ""
        return f"grade{model} {expr.op} {expr.letter}"
    assert_never(expr)


# After quantifiers, `and` followed by one of these words joins another
# quantifier (the grammar's _QAND), so an item that begins with one (a field
# named `count`, say) must be parenthesised to stay an item of the `and`.
_QUANTIFIER_WORD = re.compile(r"(count|sum|avg|min|max|first|last|exists|none)(?!\w)",
                              re.IGNORECASE)


def _ends_with_quantifiers(expr: ast.Expr) -> bool:
    while isinstance(expr, ast.Not):
        expr = expr.item
    # `x exists` is read as a bare name with the quantifier `exists` (and only
    # then resolved to a field test), so it ends with a quantifier too.
    return isinstance(expr, ast.EventBlock) or (
        isinstance(expr, ast.FieldTest) and expr.test == ast.Present())


def _and_items(items: Iterable[ast.Expr]) -> str:
    out: list[str] = []
    previous: ast.Expr | None = None
    for item in items:
        text = _expr(item, "and")
        if (previous is not None and _ends_with_quantifiers(previous)
                and _QUANTIFIER_WORD.match(text)):
            text = f"({text})"
        out.append(text)
        previous = item
    return " and ".join(out)


def _braces(conditions: Iterable[ast.Expr]) -> str:
    inner = "; ".join(format_expr(c) for c in conditions)
    return f"{{ {inner} }}" if inner else "{}"


def _event_block(block: ast.EventBlock, *, implicit_exists: bool = False) -> str:
    parts = [format_name(block.source)]
    if block.conditions is not None:
        # A mode is only written with braces: without them it has nothing to combine.
        if block.mode == "any":
            parts.append("any")
        parts.append(_braces(block.conditions))
    implicit = (implicit_exists and block.conditions is not None and block.per is None
                and block.quantifiers == (ast.AnyEvent(),))
    quantifiers = "" if implicit else format_quantifiers(block.quantifiers, block.per)
    if quantifiers:
        parts.append(quantifiers)
    return " ".join(parts)


# ------------------------------------------------------------- declarations


def format_block(block: ast.Block) -> str:
    """``LABEL: expression``."""
    return f"{format_name(block.label)}: {format_expr(block.expr)}"


def _body(head: str, lines: Iterable[str]) -> str:
    lines = [f"{INDENT}{line}" for line in lines]
    if not lines:
        return f"{head} {{}}"
    return "\n".join([f"{head} {{", *lines, "}"])


def _head(keyword: str, name: str, title: str | None) -> str:
    head = f"{keyword} {format_name(name)}"
    return head + f" {format_string(title)}" if title is not None else head


def format_segment(segment: ast.Segment) -> str:
    """A whole segment: header, one block per line, ``match`` last."""
    lines = [format_block(b) for b in segment.blocks]
    if segment.match is not None:
        lines.append(f"match {format_expr(segment.match)}")
    return _body(_head("segment", segment.name, segment.title), lines)


def _signed(value: int | float) -> str:
    text = format_number(value)
    return text if text.startswith("-") else f"+{text}"


def format_score_rule(rule: ast.ScoreRule) -> str:
    """``[LABEL:] CONDITION => POINTS [per event | once] [, max N] [, min N]``.

    An event block's implied ``exists`` is left out here, as the spec writes
    scoring rules (``tracking { path = "/" } => +1 per event``).
    """
    if isinstance(rule.condition, ast.EventBlock):
        condition = _event_block(rule.condition, implicit_exists=True)
    else:
        condition = format_expr(rule.condition)
    text = f"{format_name(rule.label)}: {condition}" if rule.label is not None else condition
    text += f" => {_signed(rule.points)}"
    if rule.mode is not None:
        text += f" {rule.mode}"
    if rule.max_total is not None:
        text += f", max {format_number(rule.max_total)}"
    if rule.min_total is not None:
        text += f", min {format_number(rule.min_total)}"
    return text


def format_scoring(scoring: ast.Scoring) -> str:
    head = _head("scoring", scoring.name, scoring.title)
    if scoring.extends is not None:
        head += f" extends {format_name(scoring.extends)}"
    lines = [format_score_rule(r) for r in scoring.rules]
    if scoring.decay is not None:
        lines.append(f"decay half-life {_amount(scoring.decay.amount, scoring.decay.unit)}")
    if scoring.window is not None:
        lines.append(f"window {_amount(scoring.window.amount, scoring.window.unit)}")
    return _body(head, lines)


def format_steps(steps: Fraction) -> str:
    """Grade steps: ``+1``, ``-2``, ``+2/3``."""
    text = _signed(steps.numerator)
    return text if steps.denominator == 1 else f"{text}/{steps.denominator}"


def format_grading(grading: ast.Grading) -> str:
    lines = [f"start {grading.start}"] if grading.start is not None else []
    lines += [f"{format_expr(c.condition)} => {format_steps(c.steps)}" for c in grading.criteria]
    return _body(_head("grading", grading.name, grading.title), lines)


def format_tiers(tiers: ast.Tiers) -> str:
    head = _head("tiers", tiers.name, tiers.title)
    if tiers.using:
        head += " using " + ", ".join(format_name(n) for n in tiers.using)
    lines = [f"{format_name(t.name)}: "
             f"{format_expr(t.condition) if t.condition is not None else 'otherwise'}"
             for t in tiers.tiers]
    return _body(head, lines)


def format_funnel(funnel: ast.Funnel) -> str:
    head = _head("funnel", funnel.name, funnel.title)
    if funnel.ordered_within is not None:
        head += f" ordered {_test_text(funnel.ordered_within)}"
    lines = [f"{format_name(s.name)}: "
             f"{format_expr(s.condition) if s.condition is not None else 'all'}"
             for s in funnel.stages]
    return _body(head, lines)


def format_declaration(decl: ast.Declaration) -> str:
    """One declaration in canonical form (a segment spans several lines)."""
    if isinstance(decl, ast.Segment):
        return format_segment(decl)
    if isinstance(decl, ast.SourceDecl):
        fields = "; ".join(f"{format_name(name)} {ftype}" for name, ftype in decl.fields)
        name = format_name(decl.name)
        return f"source {name} {{ {fields} }}" if fields else f"source {name} {{}}"
    if isinstance(decl, ast.FieldDecl):
        table = decl.table if _IDENTIFIER.fullmatch(decl.table) else format_name(decl.table)
        return f"field {table}.{format_name(decl.name)} {decl.type}"
    if isinstance(decl, ast.TimezoneDecl):
        return f"timezone {format_string(decl.name)}"
    if isinstance(decl, ast.Scoring):
        return format_scoring(decl)
    if isinstance(decl, ast.Grading):
        return format_grading(decl)
    if isinstance(decl, ast.Tiers):
        return format_tiers(decl)
    if isinstance(decl, ast.Funnel):
        return format_funnel(decl)
    assert_never(decl)


def format_rules(rule_file: ast.RuleFile) -> str:
    """The canonical text of a whole rules file (empty for no declarations).

    Comments are kept: one on a line of its own stays above the item (block,
    rule, tier, stage or declaration) that follows it; one after code stays at
    the end of that item's line.  A comment inside a multi-line expression
    moves above the next item.
    """
    comments = list(rule_file.comments)
    if not rule_file.declarations:
        return "".join(f"{c.text}\n" for c in comments)
    blocks = [_with_comments(d, comments) for d in rule_file.declarations]
    tail = "".join(f"{c.text}\n" for c in comments)
    return "\n\n".join(blocks) + "\n" + (f"\n{tail}" if tail else "")


def _with_comments(decl: ast.Declaration, comments: list[ast.Comment]) -> str:
    """``decl`` formatted, taking from ``comments`` (sorted) those that belong
    before or on its lines."""
    text_lines = format_declaration(decl).split("\n")
    sources = _source_lines(decl)
    if len(sources) != len(text_lines):
        sources = [decl.pos.line if decl.pos else None] + [None] * (len(text_lines) - 1)
    out: list[str] = []
    for text, line in zip(text_lines, sources, strict=True):
        if line is not None:
            indent = INDENT if text == "}" else text[:len(text) - len(text.lstrip())]
            while comments and (comments[0].line < line or
                                (comments[0].line == line and not comments[0].trailing)):
                out.append(indent + comments.pop(0).text)
            if comments and comments[0].line == line:
                text += "  " + comments.pop(0).text
        out.append(text)
    return "\n".join(out)


def _source_lines(decl: ast.Declaration) -> list[int | None]:
    """The source line of each line :func:`format_declaration` prints for ``decl``
    (None where the AST keeps no position)."""
    def at(node: object) -> int | None:
        pos = getattr(node, "pos", None)
        return pos.line if isinstance(pos, ast.Pos) else None

    items: list[int | None]
    if isinstance(decl, ast.Segment):
        items = [at(b) for b in decl.blocks] + ([at(decl.match)] if decl.match else [])
    elif isinstance(decl, ast.Scoring):
        items = [at(r) for r in decl.rules] + [at(x) for x in (decl.decay, decl.window) if x]
    elif isinstance(decl, ast.Grading):
        start: list[int | None] = [None] if decl.start is not None else []
        items = start + [at(c) for c in decl.criteria]
    elif isinstance(decl, ast.Tiers):
        items = [at(t) for t in decl.tiers]
    elif isinstance(decl, ast.Funnel):
        items = [at(st) for st in decl.stages]
    else:
        return [at(decl)]
    if not items:
        return [at(decl)]
    end = decl.pos.end_line if decl.pos is not None else None
    return [at(decl), *items, end]
