"""Hypothesis strategies for syntax trees of rules files.

They generate the trees the parser can produce (so the formatter's round trip
``parse(format_rules(t)) == t`` holds for every one of them), covering every
construct: all value kinds, every test, every quantifier, lead and event
blocks, ``not`` / ``and`` / ``or`` nesting, label, segment, score and grade
references, ``source`` / ``field`` / ``timezone`` declarations, and scoring,
grading, tiers and funnel declarations.  They are syntactic only: field names
are not checked against a schema and types need not fit, so a generated tree
may well fail ``check``.  Test modules import them as ``from strategies
import …`` (pytest puts ``tests/`` on the path).

The main entry points: ``rule_files()``, ``declarations()``, ``segments()``,
``exprs()``, ``quantifiers()``, ``tests_()``, ``values()``, and
``scorings()`` / ``gradings()`` / ``tiers_decls()`` / ``funnels()``.

Names come from small alphabets that never collide with each other or with a
keyword, because the parser decides what a bare name is by where it appears
and which names are in scope:

- ``FIELDS``: fields, never labels or sources (``x exists`` outside braces
  would otherwise become an event block, a bare ``x`` in ``match`` a label);
- ``SOURCES``: event sources known to ``parse`` by default, which a bare
  ``tracking exists`` needs; ``CUSTOM_SOURCES``: other sources, used with
  braces or quantifiers, or declared by a ``source`` declaration;
- ``LABEL_NAMES``: named block labels (one is also a source name, to check a
  label shadows a source in ``match``);
- ``SEGMENT_NAMES``, ``MODEL_NAMES``, ``TIER_NAMES``, ``STAGE_NAMES``;
- ``QUANTIFIER_WORD_FIELDS``: the exception, fields named ``count``, ``last``
  …, which the formatter must parenthesise after quantifiers.

Shapes follow the parser: ``And`` / ``Or`` have at least two items and hold
each other freely (an ``And`` directly in an ``And`` is what ``(a and b) and
c`` parses to); a named ``LabelRef`` only appears in ``match`` and only names
one of the segment's labels; number labels are canonical (``"7"``, not
``"007"``); strings hold no line break; floats are finite; instants have
whole-minute offsets.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ParamSpec, TypeVar, cast, get_args

import attrs
from hypothesis import strategies as st

from leadrules import ast
from leadrules.schema import FieldType

FIELDS: tuple[str, ...] = (
    "email", "industry", "employees", "is_competitor", "nurture_target", "path", "duration",
    "campaign", "kind", "created_at", "occurred_at", "tags", "Region", "部署", "年齢",
)
SOURCES: tuple[str, ...] = ("tracking", "application", "activity", "mail")
CUSTOM_SOURCES: tuple[str, ...] = ("webinar", "visits", "セミナー")
LABEL_NAMES: tuple[str, ...] = ("hot", "applied", "called", "ホット", "mail")
SEGMENT_NAMES: tuple[str, ...] = ("hot_leads", "warm", "s2", "リード")
MODEL_NAMES: tuple[str, ...] = ("engagement", "fit", "行動")
TIER_NAMES: tuple[str, ...] = ("exclude", "hot", "warm", "cold", "対象外")
STAGE_NAMES: tuple[str, ...] = ("generated", "nurtured", "qualified", "won", "商談")
# Fields named like quantifier words: after an event block's quantifiers,
# `and count …` would join a quantifier, so the formatter must parenthesise.
QUANTIFIER_WORD_FIELDS: tuple[str, ...] = ("count", "last", "Sum")
# Names in declarations stand where the parser takes any name, keywords included.
DECLARED_NAMES: tuple[str, ...] = (*FIELDS, "source", "type", "count", "text", "match", "lead")

MAX_DEPTH = 4

P = ParamSpec("P")
T = TypeVar("T")


def _cache(build: Callable[P, st.SearchStrategy[T]]) -> Callable[P, st.SearchStrategy[T]]:
    """Build a function's strategies once, and show them by their call.

    Strategies are immutable, so caching is safe; without it a composite that
    built fresh ones on every draw would spend most of a test building them.
    Drawing through a small composite keeps a strategy's repr the call that
    made it, instead of hundreds of kilobytes of nested ``one_of`` that
    hypothesis would render for every failure report.
    """
    built = functools.cache(build)

    def draw_from(draw: st.DrawFn, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]
                  ) -> T:
        return draw(built(*args, **dict(kwargs)))

    draw_from.__name__ = draw_from.__qualname__ = build.__name__
    drawing = st.composite(draw_from)

    @functools.wraps(build)
    def strategy(*args: P.args, **kwargs: P.kwargs) -> st.SearchStrategy[T]:
        return drawing(args, tuple(sorted(kwargs.items())))

    return strategy


# ------------------------------------------------------------------- values

_JAPANESE = st.sampled_from(["ホットリード", "製造業", "東京都", "部長", "資料請求", "ｶﾀｶﾅ", "🎉"])
_TRICKY = st.sampled_from(['"', "\\", '\\"', "\\\\", 'a"b', "a\\", "\\d+", "#", ";", ",",
                           "{", "}", "(", "and", "or", "not", "", " ", "\t", "\u2028"])
_ANY_TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\r\n\x00"), max_size=12)


@_cache
def text_values() -> st.SearchStrategy[str]:
    """Strings a quoted literal can hold: any text without a line break."""
    return st.one_of(
        _ANY_TEXT, _JAPANESE, _TRICKY,
        st.lists(st.one_of(_JAPANESE, _TRICKY, _ANY_TEXT), max_size=4).map("".join))


@_cache
def numbers() -> st.SearchStrategy[int | float]:
    return st.one_of(
        st.integers(-1000, 1000),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from([0.5, -2.25, 1e16, 1.5e-7, 1e300, -0.0, 100.0]),
    )


@_cache
def days() -> st.SearchStrategy[dt.date]:
    return st.dates()


@_cache
def _offsets() -> st.SearchStrategy[dt.tzinfo | None]:
    minutes = st.integers(-(24 * 60 - 1), 24 * 60 - 1)
    return st.one_of(
        st.none(),
        st.just(dt.UTC),
        st.sampled_from([9 * 60, -5 * 60, 5 * 60 + 30, 0]).map(
            lambda m: dt.timezone(dt.timedelta(minutes=m))),
        minutes.map(lambda m: dt.timezone(dt.timedelta(minutes=m))),
    )


@_cache
def instants() -> st.SearchStrategy[dt.datetime]:
    """Naive or with a whole-minute offset; years kept away from the edges so
    comparing instants at different offsets cannot overflow."""
    naive = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1))
    seconds = st.sampled_from([True, False])
    return st.builds(_instant, naive, _offsets(), seconds)


def _instant(naive: dt.datetime, tz: dt.tzinfo | None, keep_seconds: bool) -> dt.datetime:
    value = naive.replace(tzinfo=tz, fold=0)
    return value if keep_seconds else value.replace(second=0, microsecond=0)


@_cache
def values() -> st.SearchStrategy[ast.Value]:
    """Every kind of literal."""
    return st.one_of(
        text_values().map(ast.Text),
        numbers().map(ast.Number),
        st.booleans().map(ast.Bool),
        days().map(ast.Day),
        instants().map(ast.Instant),
    )


# -------------------------------------------------------------------- tests


def _literal_choices(alias: Any) -> tuple[str, ...]:
    return cast(tuple[str, ...], get_args(alias))


@_cache
def tests_(*, after_field: bool = True) -> st.SearchStrategy[ast.Test]:
    """Every test.  ``after_field=False`` gives those allowed after a
    quantifier (``count …``, ``sum x …``, ``last …``): not the bare bool test
    and not a positive ``exists``, which only a field can take."""
    units = st.sampled_from(_literal_choices(ast.Unit))
    amounts = st.integers(0, 10**6)
    options: list[st.SearchStrategy[ast.Test]] = [
        st.builds(ast.Compare, st.sampled_from(_literal_choices(ast.CompareOp)), values()),
        st.builds(ast.InList, st.lists(values(), min_size=1, max_size=4).map(tuple),
                  st.booleans()),
        st.builds(ast.Contains, values(), st.booleans()),
        st.builds(ast.TextTest, st.sampled_from(_literal_choices(ast.TextOp)), values()),
        st.builds(ast.Between, values(), values()),
        st.just(ast.Present(negated=True)),
        st.builds(ast.Within, amounts, units),
        st.builds(ast.OlderThan, amounts, units),
        st.builds(ast.DatePoint, st.sampled_from(_literal_choices(ast.DateOp)), values()),
        st.builds(ast.InPeriod, st.sampled_from(_literal_choices(ast.Which)),
                  st.sampled_from(_literal_choices(ast.Period))),
    ]
    if after_field:
        options += [st.just(ast.Present()), st.just(ast.IsTrue())]
    return st.one_of(options)


def field_tests(fields: Sequence[str] = FIELDS) -> st.SearchStrategy[ast.FieldTest]:
    return _field_tests(tuple(fields))


@_cache
def _field_tests(fields: tuple[str, ...]) -> st.SearchStrategy[ast.FieldTest]:
    return st.builds(ast.FieldTest, st.sampled_from(fields), tests_())


# -------------------------------------------------------------- quantifiers


def quantifiers(fields: Sequence[str] = FIELDS) -> st.SearchStrategy[ast.Quantifier]:
    """``exists``, ``none``, ``count``, ``count distinct``, sum/avg/min/max, first/last."""
    return _quantifiers(tuple(fields))


@_cache
def _quantifiers(fields: tuple[str, ...]) -> st.SearchStrategy[ast.Quantifier]:
    after = tests_(after_field=False)
    names = st.sampled_from(fields)
    return st.one_of(
        st.just(ast.AnyEvent()),
        st.just(ast.NoEvent()),
        st.builds(ast.Aggregate, st.just("count"), st.none(), after),
        st.builds(ast.Aggregate, st.just("count distinct"), names, after),
        st.builds(ast.Aggregate, st.sampled_from(["sum", "avg", "min", "max"]), names, after),
        st.builds(ast.Aggregate, st.sampled_from(["first", "last"]), st.none(), after),
    )


@_cache
def quantifier_lists() -> st.SearchStrategy[tuple[ast.Quantifier, ...]]:
    """One quantifier, or several joined with ``and``."""
    return st.lists(quantifiers(), min_size=1, max_size=3).map(tuple)


# -------------------------------------------------------------- expressions


def exprs(*, labels: Sequence[str] = (), in_braces: bool = False,
          sources: Sequence[str] = SOURCES, max_depth: int = MAX_DEPTH
          ) -> st.SearchStrategy[ast.Expr]:
    """Expressions, nested at most ``max_depth`` levels.

    ``labels`` are the block labels a ``match`` may name (empty elsewhere);
    ``in_braces`` generates a condition inside ``{ … }``, where every bare name
    is a field; ``sources`` are the sources ``parse`` knows, which alone may
    form a bare ``SOURCE exists`` block.
    """
    return _exprs(tuple(labels), in_braces, tuple(sources), max_depth)


@_cache
def _exprs(labels: tuple[str, ...], in_braces: bool, sources: tuple[str, ...], depth: int
           ) -> st.SearchStrategy[ast.Expr]:
    leaves: list[st.SearchStrategy[ast.Expr]] = [
        field_tests(),
        field_tests(QUANTIFIER_WORD_FIELDS),
        _event_blocks_without_braces(in_braces, sources),
        st.builds(ast.SegmentRef, st.sampled_from(SEGMENT_NAMES)),
        score_and_grade_tests(),
    ]
    if labels:
        # Twice: a `match` should mostly be about its labels.
        label_refs = st.builds(ast.LabelRef, st.sampled_from(labels))
        leaves += [label_refs, label_refs]
    if depth <= 0:
        return st.one_of(leaves)
    inner = st.deferred(lambda: _exprs(labels, in_braces, sources, depth - 1))
    conditions = st.deferred(lambda: _conditions(sources, depth - 1))
    items = st.lists(inner, min_size=2, max_size=3).map(tuple)
    return st.one_of(
        *leaves,
        st.builds(ast.Not, inner),
        st.builds(ast.And, items),
        st.builds(ast.Or, items),
        st.builds(ast.LeadBlock, st.sampled_from(["all", "any"]), conditions),
        st.builds(ast.EventBlock, st.sampled_from(SOURCES + CUSTOM_SOURCES),
                  st.sampled_from(["all", "any"]), conditions, quantifier_lists(),
                  st.none() | st.sampled_from(FIELDS)),
    )


@_cache
def score_and_grade_tests() -> st.SearchStrategy[ast.Expr]:
    """``score [MODEL] TEST`` and ``grade [MODEL] OP LETTER``."""
    models = st.none() | st.sampled_from(MODEL_NAMES)
    return st.one_of(
        st.builds(ast.ScoreTest, models, tests_(after_field=False)),
        st.builds(ast.GradeTest, models, st.sampled_from(_literal_choices(ast.CompareOp)),
                  st.sampled_from(ast.GRADES)),
    )


@_cache
def _conditions(sources: tuple[str, ...], depth: int
                ) -> st.SearchStrategy[tuple[ast.Expr, ...]]:
    return st.lists(_exprs((), True, sources, depth), max_size=3).map(tuple)


@_cache
def _event_blocks_without_braces(in_braces: bool, sources: tuple[str, ...]
                                 ) -> st.SearchStrategy[ast.Expr]:
    """``SOURCE quantifiers [per FIELD]``.  A bare ``SOURCE exists`` is an
    event block only outside braces and for a known source; elsewhere the
    parser reads it as the field test ``FIELD exists``."""
    per = st.none() | st.sampled_from(FIELDS)
    general = st.builds(ast.EventBlock, st.sampled_from(SOURCES + CUSTOM_SOURCES),
                        st.just("all"), st.none(), quantifier_lists(), per)
    if in_braces:
        return general.filter(lambda b: not _is_bare_exists(b))
    bare = st.builds(ast.EventBlock, st.sampled_from(sources), st.just("all"), st.none(),
                     st.just((ast.AnyEvent(),)), st.none())
    return st.one_of(
        bare, general.filter(lambda b: not _is_bare_exists(b) or b.source in sources))


def _is_bare_exists(block: ast.EventBlock) -> bool:
    return block.quantifiers == (ast.AnyEvent(),) and block.per is None


# ------------------------------------------------------------- declarations


@_cache
def _labels() -> st.SearchStrategy[list[str]]:
    label = st.one_of(st.integers(0, 30).map(str), st.sampled_from(LABEL_NAMES))
    return st.lists(label, max_size=4, unique=True)


# Stand-ins for a segment's labels while its `match` is drawn, so the cached
# expression strategies serve every set of labels; replaced afterwards.
_SLOTS = tuple(f"\x00label{i}" for i in range(4))


@st.composite
def segments(draw: st.DrawFn, sources: Sequence[str] = SOURCES,
             max_depth: int = MAX_DEPTH - 1) -> ast.Segment:
    """A segment: some labelled blocks, maybe a ``match`` over their labels."""
    known = tuple(sources)
    labels = draw(_labels())
    blocks = tuple(ast.Block(label, draw(_exprs((), False, known, max_depth)))
                   for label in labels)
    match = draw(st.none() | _exprs(_SLOTS[:len(labels)], False, known, max_depth))
    if match is not None:
        match = relabel(match, dict(zip(_SLOTS, labels, strict=False)))
    title = draw(st.none() | text_values())
    return ast.Segment(draw(st.sampled_from(SEGMENT_NAMES)), title, blocks, match)


def relabel(expr: ast.Expr, labels: Mapping[str, str]) -> ast.Expr:
    """``expr`` with its label references renamed by ``labels`` (outside braces)."""
    if isinstance(expr, ast.LabelRef):
        return attrs.evolve(expr, label=labels.get(expr.label, expr.label))
    if isinstance(expr, ast.Not):
        return attrs.evolve(expr, item=relabel(expr.item, labels))
    if isinstance(expr, ast.And | ast.Or):
        return attrs.evolve(expr, items=tuple(relabel(i, labels) for i in expr.items))
    return expr


@_cache
def field_types() -> st.SearchStrategy[FieldType]:
    return st.sampled_from(list(FieldType))


def source_decls(names: Sequence[str] = SOURCES + CUSTOM_SOURCES
                 ) -> st.SearchStrategy[ast.SourceDecl]:
    return _source_decls(tuple(names))


@_cache
def _source_decls(names: tuple[str, ...]) -> st.SearchStrategy[ast.SourceDecl]:
    spec = st.tuples(st.sampled_from(DECLARED_NAMES), field_types())
    return st.builds(ast.SourceDecl, st.sampled_from(names),
                     st.lists(spec, max_size=4).map(tuple))


@_cache
def field_decls() -> st.SearchStrategy[ast.FieldDecl]:
    tables = st.sampled_from(("lead", *SOURCES, *CUSTOM_SOURCES))
    return st.builds(ast.FieldDecl, tables, st.sampled_from(DECLARED_NAMES), field_types())


@_cache
def timezone_decls() -> st.SearchStrategy[ast.TimezoneDecl]:
    zones = st.sampled_from(["UTC", "Asia/Tokyo", "America/New_York", "Europe/Berlin"])
    return st.builds(ast.TimezoneDecl, zones | text_values())


@st.composite
def rule_files(draw: st.DrawFn, max_declarations: int = 4) -> ast.RuleFile:
    """A file of declarations in any order; sources it declares count as known."""
    declared = draw(st.lists(st.sampled_from(CUSTOM_SOURCES), max_size=2, unique=True))
    others = _other_declarations(SOURCES + tuple(sorted(declared)))
    decls: list[ast.Declaration] = [draw(source_decls((name,))) for name in declared]
    decls += draw(st.lists(others, max_size=max_declarations))
    return ast.RuleFile(tuple(draw(st.permutations(decls))))


@_cache
def _other_declarations(known: tuple[str, ...]) -> st.SearchStrategy[ast.Declaration]:
    return st.one_of(segments(known), field_decls(), timezone_decls(), source_decls(SOURCES),
                     scorings(known), gradings(known), tiers_decls(known), funnels(known))


def declarations() -> st.SearchStrategy[ast.Declaration]:
    return st.one_of(segments(), source_decls(), field_decls(), timezone_decls(), scorings(),
                     gradings(), tiers_decls(), funnels())


# ------------------------------------------- scoring, grading, tiers, funnels


def _conditions_at_top(sources: Sequence[str]) -> st.SearchStrategy[ast.Expr]:
    return _exprs((), False, tuple(sources), MAX_DEPTH - 2)


def _signed_numbers() -> st.SearchStrategy[int | float]:
    return st.one_of(st.integers(-1000, 1000), st.floats(-1e6, 1e6, allow_nan=False))


def _score_labels() -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(LABEL_NAMES) | st.integers(0, 30).map(str)


@_cache
def score_rules(sources: Sequence[str] = SOURCES) -> st.SearchStrategy[ast.ScoreRule]:
    """``[LABEL:] CONDITION => POINTS [per event | once] [, max N] [, min N]``."""
    caps = st.none() | _signed_numbers()
    return st.builds(ast.ScoreRule, _score_labels(), _conditions_at_top(sources),
                     _signed_numbers(), st.sampled_from([None, "per event", "once"]), caps, caps)


@_cache
def scorings(sources: Sequence[str] = SOURCES) -> st.SearchStrategy[ast.Scoring]:
    amounts = st.integers(0, 1000)
    units = st.sampled_from(_literal_choices(ast.Unit))
    return st.builds(
        ast.Scoring, st.sampled_from(MODEL_NAMES), st.none() | text_values(),
        st.none() | st.sampled_from(MODEL_NAMES),
        st.lists(score_rules(sources), max_size=4).map(tuple),
        # A half-life of 0 is a check error (docs/scoring.md): never generated.
        st.none() | st.builds(ast.Decay, st.integers(1, 1000), units),
        st.none() | st.builds(ast.Window, amounts, units))


@_cache
def gradings(sources: Sequence[str] = SOURCES) -> st.SearchStrategy[ast.Grading]:
    steps = st.fractions(max_denominator=12).filter(lambda x: abs(x) < 100)
    criterion = st.builds(ast.GradeCriterion, _conditions_at_top(sources), steps)
    return st.builds(ast.Grading, st.sampled_from(MODEL_NAMES), st.none() | text_values(),
                     st.none() | st.sampled_from(ast.GRADES),
                     st.lists(criterion, max_size=4).map(tuple))


@_cache
def tiers_decls(sources: Sequence[str] = SOURCES) -> st.SearchStrategy[ast.Tiers]:
    tier = st.builds(ast.Tier, st.sampled_from(TIER_NAMES),
                     st.none() | _conditions_at_top(sources))
    using = st.lists(st.sampled_from(MODEL_NAMES), max_size=2).map(tuple)
    return st.builds(ast.Tiers, st.sampled_from(("follow_up", "qualify")),
                     st.none() | text_values(), using, st.lists(tier, max_size=4).map(tuple))


@_cache
def funnels(sources: Sequence[str] = SOURCES) -> st.SearchStrategy[ast.Funnel]:
    stage = st.builds(ast.Stage, st.sampled_from(STAGE_NAMES),
                      st.none() | _conditions_at_top(sources))
    window = st.none() | st.builds(ast.Within, st.integers(0, 1000),
                                   st.sampled_from(_literal_choices(ast.Unit)))
    conditions = st.deferred(lambda: _conditions(tuple(sources), 1))
    block = st.builds(ast.EventBlock, st.sampled_from(SOURCES + CUSTOM_SOURCES),
                      st.sampled_from(["all", "any"]), st.none() | conditions,
                      st.just((ast.AnyEvent(),)))
    block = block.map(lambda b: b if b.conditions is not None else attrs.evolve(b, mode="all"))
    exclusion = st.builds(ast.Exclusion, block, st.sampled_from(STAGE_NAMES),
                          st.sampled_from(STAGE_NAMES))
    return st.builds(ast.Funnel, st.sampled_from(("pipeline", "web_to_deal")),
                     st.none() | text_values(), st.lists(stage, max_size=4).map(tuple), window,
                     st.sampled_from(_literal_choices(ast.FunnelOrder)),
                     st.lists(exclusion, max_size=2).map(tuple)).map(
        # The order is written with the window only.
        lambda f: f if f.ordered_within is not None else attrs.evolve(f, order="ordered"))
