"""Rules text -> :class:`~leadrules.ast.RuleFile`.

One LALR parser is built lazily from ``leadrules.lark`` and shared.  A
non-recursive lark ``Transformer`` turns the parse tree into AST nodes, so
nothing downstream sees a lark type.  Syntax errors become :class:`ParseError`
in the words a user typed, with every declaration's first error reported.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import gc
import hashlib
import math
import operator
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_never, cast

import attrs
import lark
from lark import Token, Transformer_NonRecursive, Tree, v_args

from . import ast
from .cache import cache_dir, grammar_text, source_bytes, write_atomically
from .errors import Diagnostic, ParseError, line_of
from .schema import DEFAULT_SCHEMA, FieldType

if TYPE_CHECKING:
    from .syntax_errors import SyntaxErrors

# Nesting beyond this (parentheses, `not`, braces) is refused with a clear
# error instead of exhausting the recursion of later stages.
MAX_NESTING = 32

_DECLARATION_START = re.compile(
    r"^(segment|source|field|timezone|scoring|grading|tiers|funnel)\b", re.IGNORECASE)


# The comment tokens of the text being parsed (lexer callbacks append to it).
_COMMENTS: contextvars.ContextVar[list[Token]] = contextvars.ContextVar("_COMMENTS")


def _collect(tok: Token) -> Token:
    found = _COMMENTS.get(None)
    if found is not None and "#" in tok:
        found.append(tok)
    return tok


def _unquote_name(tok: Token) -> Token:
    if tok.startswith("`"):
        return Token.new_borrow_pos(tok.type, tok[1:-1], tok)
    return tok


_LARK_OPTIONS: dict[str, Any] = {
    "parser": "lalr", "lexer": "contextual", "propagate_positions": True,
    "maybe_placeholders": False, "g_regex_flags": re.IGNORECASE}


@functools.cache
def _parser() -> lark.Lark:
    """The parser, from the table cache when it holds this grammar's tables.

    Building the LALR tables takes 0.2-0.7 s; loading them takes ~20 ms.  The
    cache file's name is a hash of everything that decides the tables (see
    :func:`_cache_key`); a missing, stale, corrupt or unwritable cache is
    silently rebuilt or skipped.
    """
    text = grammar_text()
    callbacks: dict[str, Callable[[Token], Token]] = {
        "COMMENT": _collect, "_NL": _collect, "_CONT": _collect, "_QNL": _collect,
        "NAME": _unquote_name}
    path = _cache_path(text)
    if path is not None:
        try:
            with path.open("rb") as f:
                # What lark's own cache= does (Lark.load takes no callbacks); any
                # failure, a change in lark included, falls back to building.
                cached = lark.Lark.__new__(lark.Lark)
                return cached._load(f, lexer_callbacks=callbacks)
        except Exception:  # missing, corrupt, or from another lark: build it
            pass
    parser = _build_parser(text, callbacks)
    if path is not None:
        write_atomically(path, parser.save)
    return parser


def _build_parser(text: str, callbacks: dict[str, Callable[[Token], Token]]) -> lark.Lark:
    return lark.Lark(text, cache=False, edit_terminals=_whole_words,
                     lexer_callbacks=callbacks, **_LARK_OPTIONS)


def _cache_key(grammar: str, *more: bytes) -> str | None:
    """A hash of what decides the tables: the grammar, lark's and Python's
    versions, the options, and this module's source (``_whole_words`` edits the
    terminals, which lark's own cache key leaves out); plus ``more``.  None
    (no caching) when the source cannot be read."""
    here = source_bytes(__file__)
    if here is None:
        return None
    digest = hashlib.sha256()
    for part in (grammar.encode(), lark.__version__.encode(), sys.version.encode(),
                 repr(sorted(_LARK_OPTIONS.items())).encode(), here, *more):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _cache_path(grammar: str) -> Path | None:
    folder = cache_dir()
    key = _cache_key(grammar) if folder is not None else None
    return None if folder is None or key is None else folder / f"parser-{key}.lark"


def _whole_words(term: lark.lexer.TerminalDef) -> None:
    """Keywords and units match whole words only, so `dayz` is one unknown word,
    not the unit `day` and a stray `z`.

    A keyword lark keeps as a plain string would match a word's prefix where no
    NAME may stand; as a regex with a look-ahead for a non-word character it
    cannot.  Priority 1 puts
    it before NAME where both may stand, which is what lark's own keyword
    matching (a NAME that spells a keyword is that keyword) did.
    """
    pattern = term.pattern
    if pattern.type == "str" and _WORD.fullmatch(pattern.value):
        term.pattern = lark.lexer.PatternRE(re.escape(pattern.value) + _WORD_END,
                                            pattern.flags, pattern.raw)
        term.priority = max(term.priority, 1)
    elif pattern.type == "re" and _WORD_ALTERNATIVES.fullmatch(pattern.value):
        term.pattern = lark.lexer.PatternRE(pattern.value + _WORD_END, pattern.flags,
                                            pattern.raw)


_WORD = re.compile(r"\w(.*\w)?")
_WORD_END = r"(?!\w)"
_WORD_ALTERNATIVES = re.compile(r"\(\?:\w+(\|\w+)*\)")


# ----------------------------------------------------------------- helpers


def _tok_pos(tok: Token) -> ast.Pos:
    return ast.Pos(tok.line or 1, tok.column or 1, tok.end_line, tok.end_column)


def _decl_pos(name: Token, meta: Any) -> ast.Pos:
    """A declaration's position: its name, and where the whole declaration ends
    (the formatter puts comments before the closing brace by it)."""
    end = _meta_pos(meta)
    return ast.Pos(name.line or 1, name.column or 1, end.end_line if end else None,
                   end.end_column if end else None)


def _meta_pos(meta: Any) -> ast.Pos | None:
    # A lark Meta (``empty`` when the rule matched no text), or from the fast
    # path a Token or :class:`_Span` (None when the rule matched no text).
    if meta is None or getattr(meta, "empty", False):
        return None
    return ast.Pos(meta.line, meta.column, meta.end_line, meta.end_column)


def _unquote(tok: Token) -> str:
    # Only \" and \\ are escapes; any other backslash is literal, so regular
    # expressions such as "\d+" need no doubling.
    return re.sub(r'\\(["\\])', r"\1", tok[1:-1])


_UNITS: dict[str, ast.Unit] = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
    "month": "months", "year": "years",
}


def _keyword(tok: Token, words: Iterable[str]) -> str:
    """The keyword among ``words`` that ``tok`` spells, in lower case.

    The lexer matches keywords with re.IGNORECASE, which also folds a few
    non-ASCII letters ('ſ' for 's', 'K' for 'k', 'ı' for 'i'), so
    ``str.lower()`` of the token is not always the keyword.
    """
    text = str(tok)
    for word in words:
        if re.fullmatch(re.escape(word), text, re.IGNORECASE):
            return word
    raise _Fault(tok, f"unknown word '{text}'")


_FLOAT_MAX = 2**1024 - 2**970  # the smallest integer float() refuses


def _int(tok: Token) -> int:
    try:
        return int(tok)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        raise _Fault(tok, f"number {str(tok)[:20]}… has too many digits") from None


_UNIT_WORDS = (*_UNITS, *_UNITS.values())
_PERIODS: tuple[ast.Period, ...] = ("week", "month", "quarter", "year")
_DATE_OPS: tuple[ast.DateOp, ...] = ("before", "after", "on")
_WHICH: tuple[ast.Which, ...] = ("this", "last", "next")
_AGG_FUNCS: tuple[ast.AggregateFunc, ...] = ("sum", "avg", "min", "max", "first", "last")
_TYPE_WORDS = ("text", "number", "bool", "datetime", "list", "of")


@attrs.frozen
class _Named:
    """A bare name, maybe with quantifiers: a label, an event block or a field.

    Which one depends on the names in scope, so it is resolved after the
    whole file is read (see ``_Resolver``).
    """

    name: str
    quantifiers: tuple[ast.Quantifier, ...]
    per: str | None
    pos: ast.Pos | None
    per_pos: ast.Pos | None = None


@attrs.frozen
class _Per:
    name: str
    pos: ast.Pos | None = None


@attrs.frozen
class _Quantifiers:
    items: tuple[ast.Quantifier, ...]
    per: str | None
    per_pos: ast.Pos | None = None


@attrs.frozen
class _Braces:
    conditions: tuple[Any, ...]


@attrs.frozen
class _Extends:
    name: str
    pos: ast.Pos | None = None


@attrs.frozen
class _Start:
    letter: str
    pos: ast.Pos | None


@attrs.frozen
class _Ordered:
    order: ast.FunnelOrder
    within: ast.Within


@attrs.frozen
class _Using:
    names: tuple[str, ...]
    positions: tuple[ast.Pos, ...] = ()


@attrs.frozen
class _Match:
    expr: Any
    pos: ast.Pos | None


# ---------------------------------------------------------------- transformer


@v_args(meta=True)
class _Builder(Transformer_NonRecursive[Token, Any]):
    """Parse tree -> AST nodes (with _Named placeholders still to resolve)."""

    # values ---------------------------------------------------------------
    def string(self, meta: Any, c: list[Token]) -> ast.Text:
        text = _unquote(c[0])
        if "\x00" in text:  # no store holds it (docs/data.md), and PostgreSQL cannot bind it
            raise _Fault(c[0], "text contains a NUL character (U+0000), which no data can hold")
        return ast.Text(text, pos=_tok_pos(c[0]))

    def number(self, meta: Any, c: list[Token]) -> ast.Number:
        raw = str(c[0])
        value: int | float
        if re.fullmatch(r"[+-]?\d+", raw):
            value = _int(c[0])
            if not -_FLOAT_MAX < value < _FLOAT_MAX:
                raise _Fault(c[0], f"number {raw[:20]}{'…' if len(raw) > 20 else ''} is out "
                             "of range (numbers are 64-bit floating point: at most about "
                             "1.8e308)")
        else:
            value = float(raw)
            if not math.isfinite(value):
                raise _Fault(c[0], f"number {raw} is out of range")
        return ast.Number(value, pos=_tok_pos(c[0]))

    def date(self, meta: Any, c: list[Token]) -> ast.Day | ast.Instant:
        raw = str(c[0]).upper()
        try:
            if "T" in raw:
                return ast.Instant(dt.datetime.fromisoformat(raw), pos=_tok_pos(c[0]))
            return ast.Day(dt.date.fromisoformat(raw), pos=_tok_pos(c[0]))
        except ValueError as exc:
            raise _Fault(c[0], f"'{c[0]}' is not a valid date ({exc})") from None

    def true(self, meta: Any, c: list[Token]) -> ast.Bool:
        return ast.Bool(True, pos=_meta_pos(meta))

    def false(self, meta: Any, c: list[Token]) -> ast.Bool:
        return ast.Bool(False, pos=_meta_pos(meta))

    # tests ----------------------------------------------------------------
    def compare(self, meta: Any, c: list[Any]) -> ast.Compare:
        return ast.Compare(cast(ast.CompareOp, str(c[0])), c[1], pos=_tok_pos(c[0]))

    def in_list(self, meta: Any, c: list[Any]) -> ast.InList:
        negated = isinstance(c[0], Token) and c[0].type == "NOT_KW"
        values = tuple(v for v in c if not isinstance(v, Token))
        return ast.InList(values, negated, pos=_meta_pos(meta))

    def contains(self, meta: Any, c: list[Any]) -> ast.Contains:
        negated = isinstance(c[0], Token) and c[0].type == "NOT_KW"
        return ast.Contains(c[-1], negated, pos=_meta_pos(meta))

    def starts_with(self, meta: Any, c: list[Any]) -> ast.TextTest:
        return ast.TextTest("starts with", c[0], pos=_meta_pos(meta))

    def ends_with(self, meta: Any, c: list[Any]) -> ast.TextTest:
        return ast.TextTest("ends with", c[0], pos=_meta_pos(meta))

    def matches(self, meta: Any, c: list[Any]) -> ast.TextTest:
        return ast.TextTest("matches", c[0], pos=_meta_pos(meta))

    def between(self, meta: Any, c: list[Any]) -> ast.Between:
        return ast.Between(c[0], c[1], pos=_meta_pos(meta))

    def not_exists(self, meta: Any, c: list[Any]) -> ast.Present:
        return ast.Present(True, pos=_meta_pos(meta))

    def q_present(self, meta: Any, c: list[Any]) -> ast.Present:
        return ast.Present(pos=_meta_pos(meta))

    def unit(self, meta: Any, c: list[Token]) -> ast.Unit:
        word = _keyword(c[0], _UNIT_WORDS)
        return _UNITS.get(word) or cast(ast.Unit, word)

    def period(self, meta: Any, c: list[Token]) -> ast.Period:
        return cast(ast.Period, _keyword(c[0], _PERIODS))

    def within(self, meta: Any, c: list[Any]) -> ast.Within:
        return ast.Within(_int(c[0]), c[1], pos=_meta_pos(meta))

    def older_than(self, meta: Any, c: list[Any]) -> ast.OlderThan:
        return ast.OlderThan(_int(c[0]), c[1], pos=_meta_pos(meta))

    def date_point(self, meta: Any, c: list[Any]) -> ast.DatePoint:
        op = cast(ast.DateOp, _keyword(c[0], _DATE_OPS))
        return ast.DatePoint(op, c[1], pos=_tok_pos(c[0]))

    def in_period(self, meta: Any, c: list[Any]) -> ast.InPeriod:
        which = cast(ast.Which, _keyword(c[0], _WHICH))
        return ast.InPeriod(which, c[1], pos=_meta_pos(meta))

    # quantifiers ------------------------------------------------------------
    def q_exists(self, meta: Any, c: list[Any]) -> ast.AnyEvent:
        return ast.AnyEvent(pos=_meta_pos(meta))

    def q_none(self, meta: Any, c: list[Any]) -> ast.NoEvent:
        return ast.NoEvent(pos=_meta_pos(meta))

    def q_count(self, meta: Any, c: list[Any]) -> ast.Aggregate:
        return ast.Aggregate("count", None, c[0], pos=_meta_pos(meta))

    def q_count_distinct(self, meta: Any, c: list[Any]) -> ast.Aggregate:
        return ast.Aggregate("count distinct", str(c[0]), c[1], pos=_meta_pos(meta),
                             field_pos=_tok_pos(c[0]))

    def q_aggregate(self, meta: Any, c: list[Any]) -> ast.Aggregate:
        func = cast(ast.AggregateFunc, _keyword(c[0], _AGG_FUNCS))
        return ast.Aggregate(func, str(c[1]), c[2], pos=_meta_pos(meta),
                             field_pos=_tok_pos(c[1]))

    def q_first_last(self, meta: Any, c: list[Any]) -> ast.Aggregate:
        func = cast(ast.AggregateFunc, _keyword(c[0], _AGG_FUNCS))
        return ast.Aggregate(func, None, c[1], pos=_meta_pos(meta))

    def per(self, meta: Any, c: list[Token]) -> _Per:
        return _Per(str(c[0]), _tok_pos(c[0]))

    def quantifiers(self, meta: Any, c: list[Any]) -> _Quantifiers:
        per = next((x for x in c if isinstance(x, _Per)), None)
        return _Quantifiers(tuple(x for x in c if not isinstance(x, _Per)),
                            per.name if per else None, per.pos if per else None)

    # expressions ------------------------------------------------------------
    def mode(self, meta: Any, c: list[Token]) -> str:
        return _keyword(c[0], ("all", "any"))

    def braces(self, meta: Any, c: list[Any]) -> _Braces:
        return _Braces(tuple(c))

    def field_test(self, meta: Any, c: list[Any]) -> ast.FieldTest:
        return ast.FieldTest(str(c[0]), c[1], pos=_tok_pos(c[0]))

    def bare_name(self, meta: Any, c: list[Token]) -> _Named:
        return _Named(str(c[0]), (), None, _tok_pos(c[0]))

    def event_block(self, meta: Any, c: list[Any]) -> ast.EventBlock | _Named:
        name = c[0]
        mode = next((x for x in c[1:] if isinstance(x, str)), "all")
        braces = next((x for x in c if isinstance(x, _Braces)), None)
        quants = next((x for x in c if isinstance(x, _Quantifiers)), None)
        if braces is None:
            assert quants is not None
            return _Named(str(name), quants.items, quants.per, _tok_pos(name), quants.per_pos)
        return ast.EventBlock(
            str(name), cast(Any, mode), braces.conditions,
            quants.items if quants else (ast.AnyEvent(),), quants.per if quants else None,
            pos=_tok_pos(name), per_pos=quants.per_pos if quants else None)

    def lead_block(self, meta: Any, c: list[Any]) -> ast.LeadBlock:
        mode = c[0] if isinstance(c[0], str) else "all"
        braces = c[-1]
        return ast.LeadBlock(cast(Any, mode), braces.conditions, pos=_meta_pos(meta))

    def label_ref(self, meta: Any, c: list[Token]) -> ast.LabelRef:
        return ast.LabelRef(str(_int(c[0])), pos=_tok_pos(c[0]))

    def segment_ref(self, meta: Any, c: list[Token]) -> ast.SegmentRef:
        return ast.SegmentRef(str(c[0]), pos=_tok_pos(c[0]))

    def list_ref(self, meta: Any, c: list[Token]) -> ast.ListRef:
        return ast.ListRef(str(c[0]), pos=_tok_pos(c[0]))

    def not_(self, meta: Any, c: list[Any]) -> ast.Not:
        return ast.Not(c[-1], pos=_meta_pos(meta))

    def and_expr(self, meta: Any, c: list[Any]) -> ast.And:
        return ast.And(tuple(c), pos=_meta_pos(meta))

    def or_expr(self, meta: Any, c: list[Any]) -> ast.Or:
        return ast.Or(tuple(c), pos=_meta_pos(meta))

    def paren(self, meta: Any, c: list[Any]) -> Any:
        inner = c[0]
        if isinstance(inner, ast.And | ast.Or):
            return attrs.evolve(inner, parenthesized=True)
        return inner

    # declarations -------------------------------------------------------------
    def label(self, meta: Any, c: list[Token]) -> Token:
        return c[0]

    def block(self, meta: Any, c: list[Any]) -> ast.Block:
        tok = c[0]
        label = str(_int(tok)) if tok.type == "INT" else str(tok)
        return ast.Block(label, c[-1], pos=_tok_pos(tok))

    def match(self, meta: Any, c: list[Any]) -> _Match:
        return _Match(c[-1], _meta_pos(meta))

    def segment(self, meta: Any, c: list[Any]) -> ast.Segment:
        name = c[0]
        title = _unquote(c[1]) if len(c) > 1 and isinstance(c[1], Token) else None
        blocks = tuple(x for x in c if isinstance(x, ast.Block))
        matches = [x for x in c if isinstance(x, _Match)]
        if len(matches) > 1:
            p = matches[1].pos
            raise _Fault(None, "a segment has at most one 'match'", pos=p, code="duplicate",
                         hint="combine the conditions in one match with and/or")
        return ast.Segment(str(name), title, blocks, matches[0].expr if matches else None,
                           pos=_decl_pos(name, meta))

    # scoring, grading, tiers, funnels -----------------------------------------------
    def extends(self, meta: Any, c: list[Token]) -> _Extends:
        return _Extends(str(c[0]), _tok_pos(c[0]))

    def score_mode(self, meta: Any, c: list[Token]) -> str:
        return " ".join(str(t).lower() for t in c)

    def cap(self, meta: Any, c: list[Token]) -> tuple[str, int | float, Token]:
        return (_keyword(c[0], ("max", "min")), self.number(meta, [c[1]]).value, c[0])

    def decay(self, meta: Any, c: list[Any]) -> ast.Decay:
        return ast.Decay(_int(c[0]), c[1], pos=_meta_pos(meta))

    def window(self, meta: Any, c: list[Any]) -> ast.Window:
        return ast.Window(_int(c[0]), c[1], pos=_meta_pos(meta))

    def score_rule(self, meta: Any, c: list[Any]) -> ast.ScoreRule:
        label = None
        if isinstance(c[0], Token) and c[0].type in ("INT", "NAME"):
            label, c = c[0], c[1:]
        condition, points = c[0], self.number(meta, [c[1]]).value
        mode = next((x for x in c[2:] if isinstance(x, str)), None)
        caps: dict[str, int | float] = {}
        for kind, value, tok in (x for x in c[2:] if isinstance(x, tuple)):
            if kind in caps:
                raise _Fault(tok, f"'{kind}' is given twice for one rule",
                             hint=f"keep one: '{kind} {_number_text(caps[kind])}' or "
                                  f"'{kind} {_number_text(value)}'", code="duplicate")
            caps[kind] = value
        pos = _tok_pos(label) if label is not None else _meta_pos(meta)
        return ast.ScoreRule(None if label is None else str(label), condition, points,
                             cast(Any, mode), caps.get("max"), caps.get("min"), pos=pos)

    def scoring(self, meta: Any, c: list[Any]) -> ast.Scoring:
        name = c[0]
        title = _unquote(c[1]) if len(c) > 1 and isinstance(c[1], Token) else None
        extends = next((x for x in c if isinstance(x, _Extends)), None)
        decay = [x for x in c if isinstance(x, ast.Decay)]
        window = [x for x in c if isinstance(x, ast.Window)]
        for extra in (decay[1:], window[1:]):
            if extra:
                raise _Fault(None, "a scoring model has at most one decay and one window",
                             pos=extra[0].pos, code="duplicate")
        return ast.Scoring(str(name), title, extends.name if extends else None,
                           tuple(x for x in c if isinstance(x, ast.ScoreRule)),
                           decay[0] if decay else None, window[0] if window else None,
                           pos=_decl_pos(name, meta),
                           extends_pos=extends.pos if extends else None)

    def grade_start(self, meta: Any, c: list[Token]) -> _Start:
        return _Start(str(c[0]).upper(), _tok_pos(c[0]))

    def criterion(self, meta: Any, c: list[Any]) -> ast.GradeCriterion:
        steps = Fraction(str(c[1]))
        if len(c) > 2:
            if _int(c[2]) == 0:
                raise _Fault(c[2], "division by zero in a grade step")
            steps /= _int(c[2])
        return ast.GradeCriterion(c[0], steps, pos=_meta_pos(meta))

    def grading(self, meta: Any, c: list[Any]) -> ast.Grading:
        name = c[0]
        title = _unquote(c[1]) if len(c) > 1 and isinstance(c[1], Token) else None
        starts = [x for x in c if isinstance(x, _Start)]
        if len(starts) > 1:
            raise _Fault(None, "a grading profile has one start", pos=starts[1].pos,
                         code="duplicate")
        return ast.Grading(str(name), title, starts[0].letter if starts else None,
                           tuple(x for x in c if isinstance(x, ast.GradeCriterion)),
                           pos=_decl_pos(name, meta),
                           start_pos=starts[0].pos if starts else None)

    def using(self, meta: Any, c: list[Token]) -> _Using:
        return _Using(tuple(str(t) for t in c), tuple(_tok_pos(t) for t in c))

    def tier(self, meta: Any, c: list[Any]) -> ast.Tier:
        condition = c[1] if len(c) > 1 else None
        return ast.Tier(str(c[0]), condition, pos=_tok_pos(c[0]))

    def tiers(self, meta: Any, c: list[Any]) -> ast.Tiers:
        name = c[0]
        title = _unquote(c[1]) if len(c) > 1 and isinstance(c[1], Token) else None
        using = next((x for x in c if isinstance(x, _Using)), _Using(()))
        return ast.Tiers(str(name), title, using.names,
                         tuple(x for x in c if isinstance(x, ast.Tier)),
                         pos=_decl_pos(name, meta), using_pos=using.positions)

    def order_mode(self, meta: Any, c: list[Token]) -> ast.FunnelOrder:
        words = " ".join(_keyword(t, ("ordered", "strict", "any", "order")) for t in c)
        return cast(ast.FunnelOrder, words)

    def ordered(self, meta: Any, c: list[Any]) -> _Ordered:
        return _Ordered(c[0], ast.Within(_int(c[1]), c[2], pos=_meta_pos(meta)))

    def stage(self, meta: Any, c: list[Any]) -> ast.Stage:
        return ast.Stage(str(c[0]), c[1] if len(c) > 1 else None, pos=_tok_pos(c[0]))

    def exclusion(self, meta: Any, c: list[Any]) -> ast.Exclusion:
        source, *rest, start, end = c
        mode = next((x for x in rest if isinstance(x, str)), "all")
        braces = next((x for x in rest if isinstance(x, _Braces)), None)
        block = ast.EventBlock(str(source), cast(Any, mode),
                               None if braces is None else braces.conditions,
                               (ast.AnyEvent(),), None, pos=_tok_pos(source))
        return ast.Exclusion(block, str(start), str(end), pos=_meta_pos(meta))

    def funnel(self, meta: Any, c: list[Any]) -> ast.Funnel:
        name = c[0]
        title = _unquote(c[1]) if len(c) > 1 and isinstance(c[1], Token) else None
        ordered = next((x for x in c if isinstance(x, _Ordered)), None)
        return ast.Funnel(str(name), title, tuple(x for x in c if isinstance(x, ast.Stage)),
                          None if ordered is None else ordered.within,
                          "ordered" if ordered is None else ordered.order,
                          tuple(x for x in c if isinstance(x, ast.Exclusion)),
                          pos=_decl_pos(name, meta))

    def score_test(self, meta: Any, c: list[Any]) -> ast.ScoreTest:
        model = c[0] if isinstance(c[0], Token) else None
        return ast.ScoreTest(None if model is None else str(model), c[-1], pos=_meta_pos(meta),
                             model_pos=None if model is None else _tok_pos(model))

    def grade_test(self, meta: Any, c: list[Token]) -> ast.GradeTest:
        model = c[0] if len(c) == 3 else None
        return ast.GradeTest(None if model is None else str(model),
                             cast(ast.CompareOp, str(c[-2])), str(c[-1]).upper(),
                             pos=_meta_pos(meta),
                             model_pos=None if model is None else _tok_pos(model),
                             letter_pos=_tok_pos(c[-1]))

    def type_name(self, meta: Any, c: list[Token]) -> FieldType:
        return FieldType.parse(" ".join(_keyword(t, _TYPE_WORDS) for t in c))

    def field_spec(self, meta: Any, c: list[Any]) -> tuple[str, FieldType, ast.Pos]:
        return (str(c[0]), c[1], _tok_pos(c[0]))

    def source_decl(self, meta: Any, c: list[Any]) -> ast.SourceDecl:
        return ast.SourceDecl(str(c[0]), tuple((n, t) for n, t, _ in c[1:]),
                              pos=_decl_pos(c[0], meta),
                              field_pos=tuple(p for _, _, p in c[1:]))

    def field_decl(self, meta: Any, c: list[Any]) -> ast.FieldDecl:
        # The position spans TABLE.NAME, so a caret underlines both.
        return ast.FieldDecl(str(c[0]), str(c[1]), c[2],
                             pos=ast.Pos(c[0].line or 1, c[0].column or 1, c[1].end_line,
                                         c[1].end_column))

    def timezone_decl(self, meta: Any, c: list[Token]) -> ast.TimezoneDecl:
        return ast.TimezoneDecl(_unquote(c[0]), pos=_tok_pos(c[0]))

    def start(self, meta: Any, c: list[Any]) -> list[Any]:
        return list(c)


def _number_text(value: int | float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


class _Fault(Exception):
    """A problem found while building the AST from a well-formed parse tree."""

    def __init__(self, tok: Token | None, message: str, *, pos: ast.Pos | None = None,
                 hint: str | None = None, code: str = "invalid-literal") -> None:
        super().__init__(message)
        self.pos = _tok_pos(tok) if tok is not None else pos
        self.message = message
        self.hint = hint
        self.code = code


# ----------------------------------------------------------------- resolution


class _Resolver:
    """Decides what each bare name means, given the names in scope.

    In `match`, a name that is a block label of the segment is that label;
    everywhere outside braces, a source name begins an event block; anything
    else is a field of the lead.  Inside braces a name is always a field.
    """

    # A node with nothing to resolve inside is kept, not copied: a big file's
    # tree is then built once, not twice.

    def __init__(self, sources: frozenset[str]) -> None:
        self.sources = sources

    def segment(self, seg: ast.Segment) -> ast.Segment:
        labels = frozenset(b.label for b in seg.blocks)
        blocks = self.blocks(seg.blocks)
        match = self.expr(seg.match, labels, False) if seg.match is not None else None
        if blocks is seg.blocks and match is seg.match:
            return seg
        return attrs.evolve(seg, blocks=blocks, match=match)

    def blocks(self, blocks: tuple[ast.Block, ...]) -> tuple[ast.Block, ...]:
        out = []
        changed = False
        for b in blocks:
            expr = self.expr(b.expr, frozenset(), False)
            if expr is not b.expr:
                b = attrs.evolve(b, expr=expr)
                changed = True
            out.append(b)
        return tuple(out) if changed else blocks

    def declaration(self, d: ast.Declaration) -> ast.Declaration:
        if isinstance(d, ast.Segment):
            return self.segment(d)
        if isinstance(d, ast.Scoring):
            return attrs.evolve(d, rules=tuple(self.score_rule(r) for r in d.rules))
        if isinstance(d, ast.Grading):
            return attrs.evolve(d, criteria=tuple(
                attrs.evolve(c, condition=self.top(c.condition)) for c in d.criteria))
        if isinstance(d, ast.Tiers):
            return attrs.evolve(d, tiers=tuple(attrs.evolve(t, condition=self.top(t.condition))
                                               for t in d.tiers))
        if isinstance(d, ast.Funnel):
            return attrs.evolve(d, stages=tuple(
                attrs.evolve(st, condition=self.top(st.condition)) for st in d.stages),
                exclusions=tuple(attrs.evolve(x, block=self.top(x.block))
                                 for x in d.exclusions))
        if isinstance(d, ast.FieldDecl | ast.SourceDecl | ast.TimezoneDecl):
            return d  # no expressions inside
        assert_never(d)

    def score_rule(self, rule: ast.ScoreRule) -> ast.ScoreRule:
        """A rule whose left side is an event block with ``exists`` written out
        scores ``once`` unless it says otherwise: ``BLOCK exists`` is a test of
        the lead, as every other quantifier is (the bare ``BLOCK`` scores per
        event).  The tree keeps what it means, ``mode="once"``, so ``fmt`` writes
        ``BLOCK => N once``."""
        condition = self.top(rule.condition)
        mode = rule.mode
        if mode is None and isinstance(condition, ast.EventBlock) \
                and _says_exists(rule.condition):
            mode = "once"
        return attrs.evolve(rule, condition=condition, mode=mode)

    def top(self, e: Any) -> Any:
        return None if e is None else self.expr(e, frozenset(), False)

    def expr(self, e: ast.Expr | _Named, labels: frozenset[str], in_braces: bool
             ) -> ast.Expr:
        if type(e) in _RESOLVED:
            return cast(ast.Expr, e)  # nothing unresolved inside
        if isinstance(e, _Named):
            return self.named(e, labels, in_braces)
        if isinstance(e, ast.And | ast.Or):
            items = self.items(e.items, labels, in_braces)
            return e if items is e.items else attrs.evolve(e, items=items)
        if isinstance(e, ast.Not):
            item = self.expr(e.item, labels, in_braces)
            return e if item is e.item else attrs.evolve(e, item=item)
        if isinstance(e, ast.LeadBlock):
            conditions = self.conditions(e.conditions)
            return e if conditions is e.conditions else attrs.evolve(e, conditions=conditions)
        if isinstance(e, ast.EventBlock):
            if e.conditions is None:
                return e
            conditions = self.conditions(e.conditions)
            return e if conditions is e.conditions else attrs.evolve(e, conditions=conditions)
        if isinstance(e, ast.FieldTest | ast.LabelRef | ast.SegmentRef | ast.ListRef
                      | ast.ScoreTest | ast.GradeTest):
            return e  # nothing unresolved inside
        assert_never(e)

    def items(self, items: tuple[Any, ...], labels: frozenset[str], in_braces: bool
              ) -> tuple[ast.Expr, ...]:
        out = None
        for k, item in enumerate(items):
            if type(item) in _RESOLVED:
                continue
            new = self.expr(item, labels, in_braces)
            if new is not item:
                if out is None:
                    out = list(items)
                out[k] = new
        return items if out is None else tuple(out)

    def conditions(self, conds: tuple[Any, ...]) -> tuple[ast.Expr, ...]:
        return self.items(conds, frozenset(), True)

    def named(self, n: _Named, labels: frozenset[str], in_braces: bool) -> ast.Expr:
        only_exists = n.quantifiers == (ast.AnyEvent(),) and n.per is None
        if not n.quantifiers and n.name in labels:
            return ast.LabelRef(n.name, pos=n.pos)
        if in_braces or n.name not in self.sources:
            if not n.quantifiers:
                return ast.FieldTest(n.name, ast.IsTrue(pos=n.pos), pos=n.pos)
            if only_exists:
                return ast.FieldTest(n.name, ast.Present(pos=n.quantifiers[0].pos), pos=n.pos)
        return ast.EventBlock(n.name, "all", None, n.quantifiers or (ast.AnyEvent(),), n.per,
                              pos=n.pos, per_pos=n.per_pos)


def _says_exists(e: Any) -> bool:
    """Whether an event block (resolved or not) has ``exists`` written as its
    only quantifier: the implied one of a bare block has no position."""
    if not isinstance(e, ast.EventBlock | _Named) or e.per is not None:
        return False
    return e.quantifiers == (ast.AnyEvent(),) and e.quantifiers[0].pos is not None


_RESOLVED = frozenset({ast.FieldTest, ast.LabelRef, ast.SegmentRef, ast.ListRef, ast.ScoreTest,
                       ast.GradeTest})


# ------------------------------------------------------------------- errors


@functools.cache
def _syntax_errors() -> SyntaxErrors:
    from .syntax_errors import SyntaxErrors  # only when there is an error to explain
    return SyntaxErrors(_parser().terminals, _parser().parse, _DECLARATION_START)


def _check_nesting(tree: Tree[Any], text: str, file: str | None) -> None:
    stack: list[tuple[Tree[Any], int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if node.data in ("paren", "not_", "braces"):
            depth += 1
            if depth > MAX_NESTING:
                pos = _meta_pos(node.meta)
                line = pos.line if pos else None
                raise ParseError([Diagnostic(
                    f"expression nested more than {MAX_NESTING} levels deep", file, line,
                    pos.column if pos else None, hint="split it into blocks or segments",
                    source_line=line_of(text, line), code="too-deep")])
        stack.extend((c, depth) for c in node.children if isinstance(c, Tree))


# ---------------------------------------------------------------------- API


def parse(text: str, *, file: str | None = None,
          sources: Iterable[str] = DEFAULT_SCHEMA.source_names) -> ast.RuleFile:
    """Parse rules text into a :class:`RuleFile`.

    ``sources`` are the event sources known besides those the text declares;
    they decide whether a bare name such as ``application`` is an event block.
    Raises :class:`ParseError` listing the first syntax error of every
    declaration that has one.
    """
    if not isinstance(text, str):
        raise ParseError([Diagnostic("rules text must be a string", file)])
    text = text.lstrip("\ufeff")
    found: list[Token] = []
    reset = _COMMENTS.set(found)
    # The parse allocates millions of objects that are never cyclic garbage: the
    # cyclic collector would rescan them again and again (5x the time of a 3 MB file).
    collecting = gc.isenabled()
    gc.disable()
    try:
        parts = _parse_in_parts(text, file)
        if parts is None:
            found.clear()
            items, diagnostics = _parse_all(text, file)
        else:
            items, diagnostics = parts, []
        _COMMENTS.reset(reset)
        if diagnostics:
            raise ParseError(diagnostics)
        known = frozenset(sources) | {d.name for d in items if isinstance(d, ast.SourceDecl)}
        resolver = _Resolver(known)
        decls = tuple(resolver.declaration(d) for d in items)
        return ast.RuleFile(decls, file=file, text=text, comments=_comments(found, text))
    finally:
        if collecting:
            gc.enable()
        if _COMMENTS.get(None) is found:
            _COMMENTS.reset(reset)


def _comments(tokens: Sequence[Token], text: str) -> tuple[ast.Comment, ...]:
    """The comments of the text, from the COMMENT tokens and the comment lines
    that newline tokens (_NL, _CONT) swallow."""
    lines = text.split("\n")
    out: dict[int, ast.Comment] = {}
    for tok in tokens:
        parts = [(tok.line or 1, tok.column or 1, str(tok))] if tok.type == "COMMENT" else [
            (( tok.line or 1) + k, None, part) for k, part in enumerate(str(tok).split("\n"))
            if k > 0]
        for line, column, part in parts:
            body = part.strip()
            if not body.startswith("#"):
                continue
            if column is None:
                column = len(part) - len(part.lstrip()) + 1
            before = lines[line - 1][:column - 1] if line <= len(lines) else ""
            out[line] = ast.Comment(line, column, body.rstrip("\r"), bool(before.strip()))
    return tuple(out[k] for k in sorted(out))


# ------------------------------------------------------------------ fast path
#
# lark's own LALR loop builds a parse tree, a Meta per node and then walks the
# tree again to transform it: two thirds of the time of a big file.  The fast
# path drives the same tables and lexer with its own loop, calling the
# _Builder methods as each rule is reduced (lark's child filters and inlining
# are reused as they are) and keeping the span of every value beside it, so
# each method gets the Meta lark would have given it.  It only handles text
# that parses: any syntax error, fault or deep nesting makes it give up, and
# the tree path above parses the same text again to report it in its words.


class _GiveUp(Exception):
    """The fast path cannot parse the text; the tree path will say why."""


class _Span(tuple[int, int, int, int]):
    """What a method reads of lark's Meta: where its rule's text starts and ends.

    A tuple made by ``tuple.__new__`` and read through ``itemgetter``: both C,
    so the million spans of a big file cost no Python call each."""

    __slots__ = ()
    line = property(operator.itemgetter(0))
    column = property(operator.itemgetter(1))
    end_line = property(operator.itemgetter(2))
    end_column = property(operator.itemgetter(3))


_new_tuple = tuple.__new__


# The tokens that open a level of nesting as _check_nesting counts it (paren,
# `not`, braces), and others that share their terminal ("(" of `in (…)`, "{"
# of a segment, `not` of `not in`): their number on the parser's stack is at
# least the nesting depth, so below MAX_NESTING it cannot be too deep.
_OPENERS = frozenset({"LPAR", "LBRACE", "NOT_KW"})


@attrs.frozen
class _Tables:
    states: dict[int, dict[str, tuple[Any, Any]]]
    start: int
    end: int
    lexers: dict[int, Any]  # lark's contextual lexer: a basic lexer per parser state
    builder: _Builder
    spaces: re.Pattern[str]  # the WS terminal's regular expression
    scanners: dict[int, tuple[Any, ...]] = attrs.field(factory=dict)


@functools.cache
def _tables() -> _Tables:
    """lark's LALR tables with each reduce action made what the loop needs:
    ``(size, how, name, openers)`` -- how many values the rule takes off the
    stack, how it makes its value (None: a rule such as ``?expr`` passing its
    one child on), the rule's name and how many nesting openers it holds.  How
    is ``(keep, single, method)``: lark's child filter (which children to keep,
    and which are inlined ``_rule`` lists to splice in), whether one kept child
    is passed on as it is (``?rule``), and the _Builder method (None: an
    inlined rule, whose value is its list of children)."""
    from lark.parse_tree_builder import (
        ChildFilterLALR_NoPlaceholders,
        ExpandSingleChild,
        ParseTreeBuilder,
    )
    from lark.parsers.lalr_analysis import Shift

    parser = _parser()
    frontend = parser.parser
    table = frontend.parser._parse_table
    trees = ParseTreeBuilder(parser.rules, Tree, False, False, False)  # type: ignore[no-untyped-call]
    how: dict[int, Any] = {}
    for rule, chain in trees.rule_builders:
        keep = None
        single = False
        for wrapper in chain:
            if wrapper is ExpandSingleChild:
                single = True
            elif (isinstance(wrapper, functools.partial)
                  and wrapper.func is ChildFilterLALR_NoPlaceholders):
                keep = tuple(wrapper.args[0])
            else:
                raise AssertionError(f"unexpected lark tree builder {wrapper!r}")
        name = rule.alias or rule.options.template_source or rule.origin.name
        method = getattr(_Builder.__dict__.get(name), "base_func", None)
        if len(rule.expansion) == 1 and single and keep is None:
            how[id(rule)] = None
        elif method is None and not name.startswith("_"):
            raise AssertionError(f"no _Builder method for rule {name}")
        else:
            how[id(rule)] = (keep, single, method)
    # The loop skips spaces itself: it must be what lark's lexer does.
    spaces = [t for t in parser.terminals if t.name == "WS"]
    if (len(spaces) != 1 or "WS" not in parser.lexer_conf.ignore
            or "WS" in parser.options.lexer_callbacks
            or any(re.match(t.pattern.to_regexp(), c, re.IGNORECASE)
                   for t in parser.terminals if t.name != "WS" for c in " \t")):
        raise AssertionError("the WS terminal is not what the fast path skips")
    states: dict[int, dict[str, tuple[Any, Any]]] = {}
    for state, actions in table.states.items():
        row: dict[str, tuple[Any, Any]] = {}
        for symbol, (action, arg) in actions.items():
            if action is Shift:
                row[symbol] = (True, arg)
                continue
            opens = sum(1 for sym in arg.expansion if sym.name in _OPENERS)
            row[symbol] = (False, (len(arg.expansion), how[id(arg)], arg.origin.name, opens))
        states[state] = row
    return _Tables(states, table.start_states["start"], table.end_states["start"],
                   frontend.lexer.lexers, _Builder(),
                   re.compile(spaces[0].pattern.to_regexp(), parser.lexer_conf.g_regex_flags))


def _scanner(tables: _Tables, state: int) -> tuple[Any, ...]:
    """What the loop needs of the basic lexer of a parser state (built on first
    use, as lark builds it): its regular expressions, token callbacks, ignored
    and newline token types."""
    found = tables.scanners.get(state)
    if found is None:
        lexer = tables.lexers[state]
        scanner = lexer.scanner  # builds lexer.callback too
        found = (tuple(scanner._mres), lexer.callback, lexer.ignore_types, lexer.newline_types)
        tables.scanners[state] = found
    return found


_new_str = str.__new__
_END = Token("$END", "")


def _fast_items(chunk: str, first_line: int = 1) -> list[Any]:
    """The declarations of ``chunk``, whose first line is line ``first_line`` of
    the text, built as it is parsed; raises _GiveUp.

    Lexing is lark's contextual lexer's ``next_token`` written into the loop
    (the same regular expressions, callbacks and token fields), and parsing its
    LALR loop (the same tables)."""
    tables = _tables()
    states, end, scanners, builder = tables.states, tables.end, tables.scanners, tables.builder
    spaces = tables.spaces
    stack = [tables.start]
    values: list[Any] = []
    spans: list[Any] = []
    opened = 0
    # Counting from first_line, where the tree path puts blank lines in front:
    # the regular expression of a newline token takes memory for each line of
    # a long run (~700 bytes a line, 130 MB in front of a 5 MB file's last part).
    line, line_start, pos, size_of_text = first_line, 0, 0, len(chunk)
    try:
        while True:
            # The next token, as lark's BasicLexer.next_token makes it.  Spaces
            # first: only the ignored WS can match at a space or tab (checked
            # in _tables), so skipping them is what the scanner would do.
            if pos < size_of_text and chunk[pos] in " \t":
                pos = spaces.match(chunk, pos).end()  # type: ignore[union-attr]
            if pos >= size_of_text:
                tok, kind = _END, "$END"
            else:
                state = stack[-1]
                scanner = scanners.get(state) or _scanner(tables, state)
                mres, callbacks, ignore, newlines = scanner
                for mre in mres:
                    m = mre.match(chunk, pos)
                    if m:
                        break
                else:
                    raise _GiveUp
                value = m.group(0)
                kind = m.lastgroup
                ignored = kind in ignore
                if ignored and kind not in callbacks:
                    if kind in newlines and "\n" in value:
                        line += value.count("\n")
                        line_start = pos + value.rindex("\n") + 1
                    pos += len(value)
                    continue
                tok = _new_str(Token, value)
                tok.type = kind
                tok.start_pos = pos
                tok.value = value
                tok.line = line
                tok.column = pos - line_start + 1
                if kind in newlines and "\n" in value:
                    line += value.count("\n")
                    line_start = pos + value.rindex("\n") + 1
                pos += len(value)
                tok.end_line = line
                tok.end_column = pos - line_start + 1
                tok.end_pos = pos
                if kind in callbacks:
                    tok = callbacks[kind](tok)
                if ignored:
                    continue
                if kind in _OPENERS:
                    opened += 1
                    if opened > MAX_NESTING:
                        raise _GiveUp
            # Shift it, after the reductions it completes.
            while True:
                shift, arg = states[stack[-1]][kind]
                if shift:
                    if tok is _END:
                        raise _GiveUp
                    stack.append(arg)
                    values.append(tok)
                    spans.append(tok)
                    break
                size, how, origin, opens = arg
                if how is None:
                    del stack[-1]
                else:
                    opened -= opens
                    if size:
                        raw = values[-size:]
                        inside = spans[-size:]
                        del stack[-size:], values[-size:], spans[-size:]
                        first = last = None
                        for span in inside:
                            if span is not None:
                                first = span
                                break
                        for span in reversed(inside):
                            if span is not None:
                                last = span
                                break
                        if first is None or last is None:
                            here = None
                        elif first is last:
                            here = first
                        else:
                            here = _new_tuple(_Span, (first.line, first.column,
                                                      last.end_line, last.end_column))
                    else:
                        raw, here = [], None
                    keep, single, method = how
                    if keep is None:
                        children = raw
                    else:  # lark's ChildFilterLALR_NoPlaceholders
                        children = []
                        for i, splice in keep:
                            if not splice:
                                children.append(raw[i])
                            elif children:
                                children += raw[i]
                            else:
                                children = raw[i]
                    if single and len(children) == 1:
                        values.append(children[0])
                    elif method is None:
                        values.append(children)
                    else:
                        values.append(method(builder, here, children))
                    spans.append(here)
                stack.append(states[stack[-1]][origin][1])
                if tok is _END and stack[-1] == end:
                    return cast(list[Any], values[-1])
    except (KeyError, _Fault, lark.exceptions.LarkError):
        raise _GiveUp from None


def _items(lines: Sequence[str], start: int, text: str, file: str | None) -> list[Any]:
    """The declarations of ``lines[start:]`` (the lines of ``text``): the fast
    path, else the tree path, whose exceptions report what is wrong."""
    try:
        return _fast_items("\n".join(lines[start:]), start + 1)
    except _GiveUp:
        pass
    # Blank lines in front keep line numbers those of the whole text.
    chunk = "\n" * start + "\n".join(lines[start:])
    tree = _parser().parse(chunk)
    _check_nesting(tree, text, file)
    return cast(list[Any], _Builder().transform(tree))


# A text longer than this is parsed in parts of about this size, each a run of
# whole declarations, so that only one part's parse tree is in memory at a time.
_PART_SIZE = 256 * 1024


def _parse_in_parts(text: str, file: str | None) -> list[Any] | None:
    """The declarations of a long text parsed part by part, split before lines
    that start a declaration; None for a short text, and None when any part
    fails to parse (a split inside a declaration leaves a part with an unclosed
    brace): the whole text is then parsed at once, errors reported as usual."""
    if len(text) <= _PART_SIZE:
        return None
    lines = text.split("\n")
    items: list[Any] = []
    start = size = 0
    for i, line in enumerate(lines):
        size += len(line) + 1
        last = i == len(lines) - 1
        if not last and (size < _PART_SIZE or not _DECLARATION_START.match(lines[i + 1])):
            continue
        try:
            items.extend(_items(lines[:i + 1], start, text, file))
        except (ParseError, lark.exceptions.LarkError):
            return None
        start, size = i + 1, 0
    return items


def _parse_all(text: str, file: str | None) -> tuple[list[Any], list[Diagnostic]]:
    """Parse; after a syntax error, go on from the next declaration to find more."""
    items: list[Any] = []
    diagnostics: list[Diagnostic] = []
    lines = text.split("\n")
    start_line = 1
    while True:
        try:
            items.extend(_items(lines, start_line - 1, text, file))
            return items, diagnostics
        except ParseError as exc:
            diagnostics.extend(exc.diagnostics)
            return items, diagnostics
        except lark.exceptions.UnexpectedInput as exc:
            # The chunk, not the text: lark's offsets count from the chunk's start
            # (the text the tree path parsed, with blank lines in front).
            chunk = "\n" * (start_line - 1) + "\n".join(lines[start_line - 1:])
            diagnostic = _syntax_errors().diagnostic(exc, chunk, file)
            diagnostics.append(diagnostic)
            fault_line = diagnostic.line or len(lines)
        except lark.exceptions.VisitError as exc:
            fault = exc.orig_exc
            if not isinstance(fault, _Fault):
                raise
            line = fault.pos.line if fault.pos else None
            diagnostics.append(Diagnostic(
                fault.message, file, line, fault.pos.column if fault.pos else None,
                fault.pos.end_column if fault.pos else None, fault.hint,
                source_line=line_of(text, line), code=fault.code,
                end_line=fault.pos.end_line if fault.pos else None))
            fault_line = line or len(lines)
        nxt = next((i + 1 for i in range(fault_line, len(lines))
                    if _DECLARATION_START.match(lines[i])), None)
        if nxt is None:
            return items, diagnostics
        start_line = nxt
