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
- within a body, one blank line where the source had one or more (none
  after ``{`` or before ``}``); the lines between blank lines form a group,
  in which labels (``top:``, ``hot:``) are padded to one width and the
  ``=>`` of rules and criteria to one column, as gofmt aligns — East Asian
  wide characters count as two columns, ``exclude:`` does not align with
  tier names, and a left side wider than ``ARROW_ALIGN_LIMIT`` is not padded;
- keywords lower case; ``all`` mode omitted, ``any`` printed; units plural
  (singular for 1);
- a lead or event block's conditions on one line, separated by ``; ``;
- event blocks always name their quantifiers (``application exists``), except
  that a scoring rule and an ordered funnel's stage leave out a braced
  block's implied ``exists``, as the spec writes them
  (``tracking { path = "/" } => +1 per event``);
- points and grade steps signed (``+3``, ``-1``, ``+2/3``);
- parentheses where precedence needs them (``not`` > ``and`` > ``or``), where
  an ``and`` / ``or`` sits directly inside one of its own kind (only written
  parentheses make that tree), wherever an ``and`` sits directly inside
  an ``or``: the canonical form never mixes them unparenthesised; around an
  ``or`` that is one of ``all`` braces' conditions and an ``and`` that is one
  of ``any`` braces' conditions (``check`` warns without them); and around
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
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, Literal, assert_never, cast

import attrs

from . import ast
from .output import width

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
    text = repr(float(value))
    # A whole float written with an exponent (`1e6`) stays so, not `1000000.0`:
    # the shortest digits, then the zeros as an exponent, where that is shorter.
    if text.endswith(".0") and "e" not in text:
        digits = text[:-2].lstrip("-")
        kept = digits.rstrip("0")
        if len(digits) - len(kept) >= 3:
            mantissa = kept[0] + (f".{kept[1:]}" if len(kept) > 1 else "")
            short = f"{'-' if value < 0 else ''}{mantissa}e{len(digits) - 1}"
            if len(short) < len(text) and float(short) == value:
                return short
    return re.sub(r"e\+?(-?)0*(?=\d)", r"e\1", text)  # 1e+16 -> 1e16, 1.5e-07 -> 1.5e-7


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
RESERVED = frozenset({"lead", "segment", "score", "grade", "not", "in", "match", "decay",
                      "window", "start", "otherwise", "all", "and", "or"})


def format_name(name: str) -> str:
    """A name as written in rules: in backquotes when it is not a plain
    identifier or could be read as a keyword (`score`, `会社 名`) or a number
    (`123`: a segment so named is written `` `123` ``, which reads back)."""
    if _IDENTIFIER.fullmatch(name) and name.lower() not in RESERVED:
        return name
    return f"`{name}`"


def format_label(name: str) -> str:
    """A block's or a score rule's label: digits as they are (``1:``), else as
    :func:`format_name`."""
    return name if name.isascii() and name.isdigit() else format_name(name)


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
        return f"lead{mode} {_braces(expr.conditions, expr.mode)}"
    if isinstance(expr, ast.EventBlock):
        return _event_block(expr)
    if isinstance(expr, ast.LabelRef):
        return format_label(expr.label)
    if isinstance(expr, ast.SegmentRef):
        return f"segment {format_name(expr.name)}"
    if isinstance(expr, ast.ListRef):
        return f"in list {format_name(expr.name)}"
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


def _braces(conditions: Iterable[ast.Expr], mode: str) -> str:
    # An `or` among `all` conditions (an `and` among `any` ones) is
    # parenthesised, as `check` asks: `lead { (a or b); c }`.
    mixed = ast.Or if mode == "all" else ast.And
    inner = "; ".join(f"({format_expr(c)})" if isinstance(c, mixed) else format_expr(c)
                      for c in conditions)
    return f"{{ {inner} }}" if inner else "{}"


def _event_block(block: ast.EventBlock, *, implicit_exists: bool = False) -> str:
    parts = [format_name(block.source)]
    if block.conditions is not None:
        # A mode is only written with braces: without them it has nothing to combine.
        if block.mode == "any":
            parts.append("any")
        parts.append(_braces(block.conditions, block.mode))
    implicit = (implicit_exists and block.conditions is not None and block.per is None
                and block.quantifiers == (ast.AnyEvent(),))
    quantifiers = "" if implicit else format_quantifiers(block.quantifiers, block.per)
    if quantifiers:
        parts.append(quantifiers)
    return " ".join(parts)


# ------------------------------------------------------------- declarations



# A rule or criterion whose left side is wider than this is not padded to the
# group's `=>` column and does not widen it, so one long condition does not
# push every arrow of its group far to the right.
ARROW_ALIGN_LIMIT = 60


@attrs.frozen
class BodyLine:
    """One line of a declaration's body, in the parts a group aligns.

    Printed as ``LABEL: TEXT => POINTS`` (label and points optional).  Within a
    group of consecutive lines (a blank line ends a group) the labels of the
    same ``kind`` are padded to one width, and the ``=>`` to one column.
    """

    text: str
    label: str | None = None
    kind: str = ""
    points: str | None = None
    node: object = None  # where the line came from (its ``pos`` gives the source line)


def format_block(block: ast.Block) -> str:
    """``LABEL: expression``."""
    return f"{format_label(block.label)}: {format_expr(block.expr)}"


def _head(keyword: str, name: str, title: str | None) -> str:
    head = f"{keyword} {format_name(name)}"
    return head + f" {format_string(title)}" if title is not None else head


def _signed(value: int | float) -> str:
    text = format_number(value)
    return text if text.startswith("-") else f"+{text}"


def _score_rule_line(rule: ast.ScoreRule) -> BodyLine:
    # An event block's implied `exists` is left out, as the spec writes scoring
    # rules (`tracking { path = "/" } => +1 per event`), also without braces
    # (`tracking => +1`): the parser reads a written `exists` as `once`.
    cond = rule.condition
    if isinstance(cond, ast.EventBlock) and cond.conditions is None and cond.per is None \
            and cond.quantifiers == (ast.AnyEvent(),):
        condition = format_name(cond.source)
    elif isinstance(cond, ast.EventBlock):
        condition = _event_block(cond, implicit_exists=True)
    else:
        condition = format_expr(rule.condition)
    points = _signed(rule.points)
    if rule.mode is not None:
        points += f" {rule.mode}"
    if rule.max_total is not None:
        points += f", max {format_number(rule.max_total)}"
    if rule.min_total is not None:
        points += f", min {format_number(rule.min_total)}"
    label = format_label(rule.label) if rule.label is not None else None
    return BodyLine(condition, label, "rule", points, rule)


def format_score_rule(rule: ast.ScoreRule) -> str:
    """``[LABEL:] CONDITION => POINTS [per event | once] [, max N] [, min N]``."""
    return align_lines([_score_rule_line(rule)])[0]


def format_steps(steps: Fraction) -> str:
    """Grade steps: ``+1``, ``-2``, ``+2/3``."""
    text = _signed(steps.numerator)
    return text if steps.denominator == 1 else f"{text}/{steps.denominator}"


def declaration_parts(decl: ast.Declaration) -> tuple[str, list[BodyLine] | None]:
    """The head of ``decl`` and the lines of its body (None: a one-line declaration)."""
    if isinstance(decl, ast.Segment):
        lines = [BodyLine(format_expr(b.expr), format_label(b.label), "block", node=b)
                 for b in decl.blocks]
        if decl.match is not None:
            lines.append(BodyLine(f"match {format_expr(decl.match)}", node=decl.match))
        return _head("segment", decl.name, decl.title), lines
    if isinstance(decl, ast.Scoring):
        head = _head("scoring", decl.name, decl.title)
        if decl.extends is not None:
            head += f" extends {format_name(decl.extends)}"
        lines = [_score_rule_line(r) for r in decl.rules]
        if decl.decay is not None:
            lines.append(BodyLine(
                f"decay half-life {_amount(decl.decay.amount, decl.decay.unit)}", node=decl.decay))
        if decl.window is not None:
            lines.append(BodyLine(
                f"window {_amount(decl.window.amount, decl.window.unit)}", node=decl.window))
        return head, lines
    if isinstance(decl, ast.Grading):
        lines = [BodyLine(f"start {decl.start}")] if decl.start is not None else []
        lines += [BodyLine(format_expr(c.condition), points=format_steps(c.steps), node=c)
                  for c in decl.criteria]
        return _head("grading", decl.name, decl.title), lines
    if isinstance(decl, ast.Tiers):
        head = _head("tiers", decl.name, decl.title)
        if decl.using:
            head += " using " + ", ".join(format_name(n) for n in decl.using)
        # `exclude:` is not a tier: tier names align with each other, not with it.
        lines = [BodyLine(format_expr(t.condition) if t.condition is not None else "otherwise",
                          format_name(t.name), "exclude" if t.name == "exclude" else "tier",
                          node=t)
                 for t in decl.tiers]
        return head, lines
    if isinstance(decl, ast.Funnel):
        head = _head("funnel", decl.name, decl.title)
        if decl.ordered_within is not None:
            head += f" {decl.order} {_test_text(decl.ordered_within)}"
        # An ordered funnel's stages are event blocks; their implied `exists` is
        # left out, as in scoring rules.  `exclude` is a keyword among the stages.
        lines = [BodyLine(_stage_text(s.condition, ordered=decl.ordered_within is not None),
                          "`exclude`" if s.name.lower() == "exclude" else format_name(s.name),
                          "stage", node=s)
                 for s in decl.stages]
        # Exclusions after the stages, whatever their place in the source; their
        # `exclude:` does not align with the stage names.
        lines += [BodyLine(f"{_exclusion_block(x.block)} between {format_name(x.start)} and "
                           f"{format_name(x.end)}", "exclude", "exclude", node=x)
                  for x in decl.exclusions]
        return head, lines
    if isinstance(decl, ast.SourceDecl):
        fields = "; ".join(f"{format_name(name)} {ftype}" for name, ftype in decl.fields)
        name = format_name(decl.name)
        return (f"source {name} {{ {fields} }}" if fields else f"source {name} {{}}"), None
    if isinstance(decl, ast.FieldDecl):
        table = decl.table if _IDENTIFIER.fullmatch(decl.table) else format_name(decl.table)
        return f"field {table}.{format_name(decl.name)} {decl.type}", None
    if isinstance(decl, ast.TimezoneDecl):
        return f"timezone {format_string(decl.name)}", None
    assert_never(decl)


def _stage_text(condition: ast.Expr | None, *, ordered: bool) -> str:
    if condition is None:
        return "all"
    if ordered and isinstance(condition, ast.EventBlock):
        return _event_block(condition, implicit_exists=True)
    return format_expr(condition)


def _pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def align_lines(lines: Sequence[BodyLine]) -> list[str]:
    """The text of one group of body lines, labels and ``=>`` aligned."""
    label_width: dict[str, int] = {}
    for line in lines:
        if line.label is not None:
            label_width[line.kind] = max(label_width.get(line.kind, 0), width(line.label) + 1)
    lefts = [line.text if line.label is None
             else f"{_pad(line.label + ':', label_width[line.kind])} {line.text}"
             for line in lines]
    arrow = max((width(left) for left, line in zip(lefts, lines, strict=True)
                 if line.points is not None and width(left) <= ARROW_ALIGN_LIMIT), default=0)
    return [left if line.points is None else f"{_pad(left, arrow)} => {line.points}"
            for left, line in zip(lefts, lines, strict=True)]


def _assemble(head: str, body: list[BodyLine] | None) -> str:
    if body is None:
        return head
    if not body:
        return f"{head} {{}}"
    return "\n".join([f"{head} {{", *(INDENT + line for line in align_lines(body)), "}"])


def _exclusion_block(block: ast.EventBlock) -> str:
    # No quantifier after an exclusion's block: braces, or the source alone.
    if block.conditions is None:
        return format_name(block.source)
    return _event_block(block, implicit_exists=True)


def format_declaration(decl: ast.Declaration) -> str:
    """One declaration in canonical form (a segment spans several lines)."""
    return _assemble(*declaration_parts(decl))


def format_segment(segment: ast.Segment) -> str:
    """A whole segment: header, one block per line, ``match`` last."""
    return format_declaration(segment)


def format_scoring(scoring: ast.Scoring) -> str:
    return format_declaration(scoring)


def format_grading(grading: ast.Grading) -> str:
    return format_declaration(grading)


def format_tiers(tiers: ast.Tiers) -> str:
    return format_declaration(tiers)


def format_funnel(funnel: ast.Funnel) -> str:
    return format_declaration(funnel)


# ----------------------------------------------------------------- whole files


def format_rules(rule_file: ast.RuleFile) -> str:
    """The canonical text of a whole rules file (empty for no declarations).

    Comments are kept: one on a line of its own stays above the item (block,
    rule, tier, stage or declaration) that follows it; one after code stays at
    the end of that item's line.  A comment inside an item that spans lines
    moves above that item (one at the end of its last line stays at its end).
    Where the source had blank lines between two items of a body (or between
    comments), one blank line is kept; it also ends a group of aligned lines.
    Declarations are separated by one blank line.
    """
    comments = list(rule_file.comments)
    # Lines as the parser counts them (split at "\n" only, not at every
    # character str.splitlines knows).
    source = rule_file.text.split("\n") if rule_file.text is not None else None
    if not rule_file.declarations:
        return "".join(f"{c.text}\n" for c in comments)
    blocks = [_Layout(source, comments).declaration(d) for d in rule_file.declarations]
    tail = _Layout(source, comments).tail()
    return "\n\n".join(blocks) + "\n" + (f"\n{tail}\n" if tail else "")


def _line_of(node: object) -> int | None:
    pos = getattr(node, "pos", None)
    return pos.line if isinstance(pos, ast.Pos) else None


def _last_line(node: object) -> int | None:
    """The last source line any part of ``node`` is on (None: no positions)."""
    best = 0
    if isinstance(node, ast.Pos):
        return node.end_line or node.line
    parts: Sequence[object]
    if isinstance(node, (tuple, list)):
        parts = node
    elif attrs.has(type(node)):
        parts = [getattr(node, f.name) for f in attrs.fields(cast(Any, type(node)))]
    else:
        return None
    for part in parts:
        best = max(best, _last_line(part) or 0)
    return best or None


@attrs.define
class _Slot:
    """One printed line of a declaration with what goes before and after it."""

    before: list[str] = attrs.Factory(list)   # comment lines and "" for blank lines
    blank: bool = False                        # a blank line somewhere in ``before``
    trailing: str | None = None


class _Layout:
    """Places the comments (taken in order from a shared list) and blank lines
    of the source around the lines of one declaration."""

    def __init__(self, source: list[str] | None, comments: list[ast.Comment]) -> None:
        self.source = source
        self.comments = comments
        self.previous = 0      # the last source line placed
        self.fresh = True      # nothing placed yet in this declaration or body

    def _blank_before(self, line: int) -> bool:
        return (self.source is not None and not self.fresh and line - 1 > self.previous
                and 2 <= line <= len(self.source) + 1 and not self.source[line - 2].strip())

    def _slot(self, line: int | None, indent: str, *, blank_line: bool = True,
              last: int | None = None) -> _Slot:
        """The comments before ``line`` (and at its end, and inside the item up to
        its ``last`` line), and whether a blank line goes before it (never before
        a closing brace: ``blank_line``)."""
        slot = _Slot()
        if line is None:
            return slot
        comments = self.comments
        while comments and (comments[0].line < line or
                            (comments[0].line == line and not comments[0].trailing)):
            comment = comments.pop(0)
            if self._blank_before(comment.line):
                slot.before.append("")
                slot.blank = True
            slot.before.append(indent + comment.text)
            self.previous, self.fresh = max(self.previous, comment.line), False
        if blank_line and self._blank_before(line):
            slot.before.append("")
            slot.blank = True
        if comments and comments[0].line == line:
            slot.trailing = comments.pop(0).text
        # Comments inside an item that spans lines describe that item: they go
        # above it, except one at the end of its last line, which becomes its
        # end-of-line comment when its first line has none.
        inner: list[ast.Comment] = []
        while comments and last is not None and comments[0].line <= last:
            inner.append(comments.pop(0))
        if inner and slot.trailing is None and inner[-1].line == last and inner[-1].trailing:
            slot.trailing = inner.pop().text
        slot.before += [indent + c.text for c in inner]
        self.previous, self.fresh = max(self.previous, line, last or 0), False
        return slot

    def tail(self) -> str:
        out: list[str] = []
        for comment in self.comments:
            if self._blank_before(comment.line):
                out.append("")
            out.append(comment.text)
            self.previous, self.fresh = comment.line, False
        self.comments.clear()
        return "\n".join(out)

    def declaration(self, decl: ast.Declaration) -> str:
        head, body = declaration_parts(decl)
        head_line = _line_of(decl)
        if head_line is None:  # a tree built in code: no comments or blank lines to place
            return _assemble(head, body)
        out: list[str] = []
        head_slot = self._slot(head_line, "", last=None if body else _last_line(decl))
        out += head_slot.before
        if not body:
            out.append(_trail(_assemble(head, body), head_slot.trailing))
            self.fresh = True
            return "\n".join(out)
        out.append(_trail(f"{head} {{", head_slot.trailing))
        self.fresh = True
        slots = [self._slot(_line_of(line.node), INDENT, last=_last_line(line.node))
                 for line in body]
        groups: list[list[BodyLine]] = []
        for line, slot in zip(body, slots, strict=True):
            if not groups or slot.blank:
                groups.append([])
            groups[-1].append(line)
        texts = [text for group in groups for text in align_lines(group)]
        for slot, text in zip(slots, texts, strict=True):
            out += slot.before
            out.append(_trail(INDENT + text, slot.trailing))
        end_slot = self._slot(decl.pos.end_line if decl.pos is not None else None, INDENT,
                              blank_line=False)
        out += end_slot.before
        out.append(_trail("}", end_slot.trailing))
        self.fresh = True
        return "\n".join(out)


def _trail(text: str, comment: str | None) -> str:
    return f"{text}  {comment}" if comment is not None else text


