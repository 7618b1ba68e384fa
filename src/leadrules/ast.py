"""The typed syntax tree of a rules file.

Nodes are frozen attrs values: hashable, comparable and printable.  Source
positions ride along (``pos``) but take no part in equality, so
``parse(format(tree)) == tree`` holds for the formatter's round trip.

The tree is purely syntactic.  Types are decided by :mod:`leadrules.check`,
which returns a checked program that later stages compile.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from fractions import Fraction
from typing import Literal as TypingLiteral

import attrs

from .schema import FieldType


@attrs.frozen
class Pos:
    """Where a node starts (and ends) in its text; lines and columns are 1-based."""

    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None


def _pos() -> Pos | None:
    return attrs.field(default=None, eq=False, repr=False, kw_only=True)  # type: ignore[no-any-return]


def _positions() -> tuple[Pos, ...]:
    # Where each name of a list is, for carets under the faulty one.
    return attrs.field(default=(), eq=False, repr=False, kw_only=True)


# ------------------------------------------------------------------- values


@attrs.frozen
class Text:
    value: str
    pos: Pos | None = _pos()


@attrs.frozen
class Number:
    value: int | float
    pos: Pos | None = _pos()


@attrs.frozen
class Bool:
    value: bool
    pos: Pos | None = _pos()


@attrs.frozen
class Day:
    """A bare date: the whole day, in the evaluation time zone."""

    value: dt.date
    pos: Pos | None = _pos()


@attrs.frozen
class Instant:
    """A date with a time.  Without an offset it is in the evaluation time zone."""

    value: dt.datetime
    pos: Pos | None = _pos()


Value = Text | Number | Bool | Day | Instant

# -------------------------------------------------------------------- tests
# A test is an operator with its operand(s).  It is applied to a field of the
# lead or of an event (FieldTest) or to an aggregate of events (Aggregate).

CompareOp = TypingLiteral["=", "!=", "<", "<=", ">", ">="]
TextOp = TypingLiteral["starts with", "ends with", "matches"]
DateOp = TypingLiteral["before", "after", "on"]
Unit = TypingLiteral["seconds", "minutes", "hours", "days", "weeks", "months", "years"]
Period = TypingLiteral["week", "month", "quarter", "year"]
Which = TypingLiteral["this", "last", "next"]


@attrs.frozen
class Compare:
    op: CompareOp
    value: Value
    pos: Pos | None = _pos()


@attrs.frozen
class InList:
    values: tuple[Value, ...]
    negated: bool = False
    pos: Pos | None = _pos()


@attrs.frozen
class Contains:
    value: Value
    negated: bool = False
    pos: Pos | None = _pos()


@attrs.frozen
class TextTest:
    """``starts with``, ``ends with`` and ``matches``."""

    op: TextOp
    value: Value
    pos: Pos | None = _pos()


@attrs.frozen
class Between:
    low: Value
    high: Value
    pos: Pos | None = _pos()


@attrs.frozen
class Present:
    """``exists`` (or, negated, ``not exists``)."""

    negated: bool = False
    pos: Pos | None = _pos()


@attrs.frozen
class IsTrue:
    """A bare bool field used as a condition."""

    pos: Pos | None = _pos()


@attrs.frozen
class Within:
    amount: int
    unit: Unit
    pos: Pos | None = _pos()


@attrs.frozen
class OlderThan:
    amount: int
    unit: Unit
    pos: Pos | None = _pos()


@attrs.frozen
class DatePoint:
    op: DateOp
    value: Value
    pos: Pos | None = _pos()


@attrs.frozen
class InPeriod:
    which: Which
    period: Period
    pos: Pos | None = _pos()


Test = (Compare | InList | Contains | TextTest | Between | Present | IsTrue | Within
        | OlderThan | DatePoint | InPeriod)

# -------------------------------------------------------------- quantifiers


@attrs.frozen
class AnyEvent:
    """``exists``: at least one selected event."""

    pos: Pos | None = _pos()


@attrs.frozen
class NoEvent:
    """``none``: no selected event."""

    pos: Pos | None = _pos()


AggregateFunc = TypingLiteral["count", "count distinct", "sum", "avg", "min", "max",
                              "first", "last"]


@attrs.frozen
class Aggregate:
    """``count >= 15``, ``sum duration > 60``, ``last within 7 days``, …

    ``field`` is None for ``count``, ``first`` and ``last`` (the latter two
    aggregate ``occurred_at``).
    """

    func: AggregateFunc
    field: str | None
    test: Test
    pos: Pos | None = _pos()
    field_pos: Pos | None = _pos()


Quantifier = AnyEvent | NoEvent | Aggregate

# -------------------------------------------------------------- expressions


@attrs.frozen
class FieldTest:
    field: str
    test: Test
    pos: Pos | None = _pos()


@attrs.frozen
class LeadBlock:
    """``lead [all|any] { conditions }``."""

    mode: TypingLiteral["all", "any"]
    conditions: tuple[Expr, ...]
    pos: Pos | None = _pos()


@attrs.frozen
class EventBlock:
    """``SOURCE [all|any] [{ conditions }] [quantifiers] [per FIELD]``.

    ``conditions`` is None when the block has no braces (every event is
    selected).  ``quantifiers`` is never empty: a bare block means ``exists``.
    """

    source: str
    mode: TypingLiteral["all", "any"]
    conditions: tuple[Expr, ...] | None
    quantifiers: tuple[Quantifier, ...]
    per: str | None = None
    pos: Pos | None = _pos()
    per_pos: Pos | None = _pos()


@attrs.frozen
class LabelRef:
    label: str
    pos: Pos | None = _pos()


@attrs.frozen
class SegmentRef:
    name: str
    pos: Pos | None = _pos()


@attrs.frozen
class ListRef:
    """``in list NAME``: the lead is a member of lead list ``NAME`` as of the
    evaluation's as_of (``not in list NAME`` is :class:`Not` of it)."""

    name: str
    pos: Pos | None = _pos()


@attrs.frozen
class Not:
    item: Expr
    pos: Pos | None = _pos()


@attrs.frozen
class And:
    items: tuple[Expr, ...]
    pos: Pos | None = _pos()
    # Whether the source wrote parentheses around it: `check` warns where
    # `and` sits unparenthesised directly inside `or`.
    parenthesized: bool = attrs.field(default=False, eq=False, repr=False, kw_only=True)


@attrs.frozen
class Or:
    items: tuple[Expr, ...]
    pos: Pos | None = _pos()
    parenthesized: bool = attrs.field(default=False, eq=False, repr=False, kw_only=True)


@attrs.frozen
class ScoreTest:
    """``score [MODEL] TEST``: a lead's score in a scoring model, as a condition.

    ``model`` is None inside ``tiers``, where it means the model in ``using``.
    """

    model: str | None
    test: Test
    pos: Pos | None = _pos()
    model_pos: Pos | None = _pos()


GRADES = ("F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+")


@attrs.frozen
class GradeTest:
    """``grade [MODEL] OP LETTER``, e.g. ``grade fit >= B``."""

    model: str | None
    op: CompareOp
    letter: str
    pos: Pos | None = _pos()
    model_pos: Pos | None = _pos()
    letter_pos: Pos | None = _pos()


Expr = (FieldTest | LeadBlock | EventBlock | LabelRef | SegmentRef | ListRef | Not | And | Or
        | ScoreTest | GradeTest)

# ------------------------------------------------------------- declarations


@attrs.frozen
class Block:
    label: str
    expr: Expr
    pos: Pos | None = _pos()


@attrs.frozen
class Segment:
    name: str
    title: str | None
    blocks: tuple[Block, ...]
    match: Expr | None = None
    pos: Pos | None = _pos()


@attrs.frozen
class FieldDecl:
    """``field TABLE.NAME TYPE``."""

    table: str
    name: str
    type: FieldType
    pos: Pos | None = _pos()


@attrs.frozen
class SourceDecl:
    """``source NAME { field type … }``: a new event source (or fields for one)."""

    name: str
    fields: tuple[tuple[str, FieldType], ...]
    pos: Pos | None = _pos()
    field_pos: tuple[Pos, ...] = _positions()


@attrs.frozen
class TimezoneDecl:
    name: str
    pos: Pos | None = _pos()


# ------------------------------------------------------------------ scoring


@attrs.frozen
class ScoreRule:
    """``[LABEL:] CONDITION => POINTS [per event | once] [, max N] [, min N]``.

    ``mode`` None means the default: ``per event`` for an event block without
    quantifiers, ``once`` for anything else.
    """

    label: str | None
    condition: Expr
    points: int | float
    mode: TypingLiteral["per event", "once"] | None = None
    max_total: int | float | None = None
    min_total: int | float | None = None
    pos: Pos | None = _pos()


@attrs.frozen
class Decay:
    """``decay half-life N UNIT``."""

    amount: int
    unit: Unit
    pos: Pos | None = _pos()


@attrs.frozen
class Window:
    """``window N UNIT``: only events within the window count."""

    amount: int
    unit: Unit
    pos: Pos | None = _pos()


@attrs.frozen
class Scoring:
    name: str
    title: str | None
    extends: str | None
    rules: tuple[ScoreRule, ...]
    decay: Decay | None = None
    window: Window | None = None
    pos: Pos | None = _pos()
    extends_pos: Pos | None = _pos()


@attrs.frozen
class GradeCriterion:
    """``CONDITION => STEPS``; steps are exact fractions (1/3 = one notch)."""

    condition: Expr
    steps: Fraction
    pos: Pos | None = _pos()


@attrs.frozen
class Grading:
    name: str
    title: str | None
    start: str | None
    criteria: tuple[GradeCriterion, ...]
    pos: Pos | None = _pos()
    start_pos: Pos | None = _pos()


@attrs.frozen
class Tier:
    """``NAME: CONDITION`` or ``NAME: otherwise`` (condition None).

    A tier named ``exclude`` excludes the leads it matches from every tier.
    """

    name: str
    condition: Expr | None
    pos: Pos | None = _pos()


@attrs.frozen
class Tiers:
    name: str
    title: str | None
    using: tuple[str, ...]
    tiers: tuple[Tier, ...]
    pos: Pos | None = _pos()
    using_pos: tuple[Pos, ...] = _positions()


# ------------------------------------------------------------------- funnel


@attrs.frozen
class Stage:
    """``NAME: CONDITION`` or ``NAME: all`` (condition None)."""

    name: str
    condition: Expr | None
    pos: Pos | None = _pos()


FunnelOrder = TypingLiteral["ordered", "strict", "any order"]


@attrs.frozen
class Exclusion:
    """``exclude: BLOCK between START and END`` (stage names) in an ordered or
    strict funnel: a chain with an event the block selects strictly between
    those steps' events does not go past START."""

    block: EventBlock
    start: str
    end: str
    pos: Pos | None = _pos()


@attrs.frozen
class Funnel:
    """Stages in order.  Ordered funnels (``ordered within N UNIT``, ``strict
    within …``, ``any order within …``: ``ordered_within`` set, ``order`` the
    mode) need every stage to be an event block and follow events in time."""

    name: str
    title: str | None
    stages: tuple[Stage, ...]
    ordered_within: Within | None = None
    order: FunnelOrder = "ordered"
    exclusions: tuple[Exclusion, ...] = ()
    pos: Pos | None = _pos()


Declaration = (Segment | FieldDecl | SourceDecl | TimezoneDecl | Scoring | Grading | Tiers
               | Funnel)


@attrs.frozen
class Comment:
    """A ``#`` comment, kept so the formatter can put it back.

    ``trailing`` comments follow code on their line; the others stand alone.
    """

    line: int
    column: int
    text: str
    trailing: bool


@attrs.frozen
class RuleFile:
    declarations: tuple[Declaration, ...]
    # Where the text came from, and its comments; not part of the value.
    file: str | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    text: str | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    comments: tuple[Comment, ...] = attrs.field(default=(), eq=False, repr=False,
                                                kw_only=True)

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(d for d in self.declarations if isinstance(d, Segment))

    @property
    def scorings(self) -> tuple[Scoring, ...]:
        return tuple(d for d in self.declarations if isinstance(d, Scoring))

    @property
    def gradings(self) -> tuple[Grading, ...]:
        return tuple(d for d in self.declarations if isinstance(d, Grading))

    @property
    def tiers(self) -> tuple[Tiers, ...]:
        return tuple(d for d in self.declarations if isinstance(d, Tiers))

    @property
    def funnels(self) -> tuple[Funnel, ...]:
        return tuple(d for d in self.declarations if isinstance(d, Funnel))


def text_value(v: Value) -> str:
    """The text of a value the checker typed as text."""
    assert isinstance(v, Text)
    return v.value


def number_value(v: Value) -> int | float:
    """The number of a value the checker typed as a number."""
    assert isinstance(v, Number)
    return v.value


# ------------------------------------------------------------------ pickling
# The user cache keeps parsed trees as pickles (leadrules.cache), a big file's
# tree millions of nodes.  attrs pickles a node by calling a Python function
# that builds a dict of its fields; here the state is the tuple of the fields'
# values, made by C code alone (operator.attrgetter, reached through a
# property and functools.partial), so writing a tree costs no Python call per
# node and the pickle holds no field names (36,000 segments: 2.8 s and 106 MB
# to 1.9 s and 61 MB).  Reading sets the fields back in order.


def _tuple_state(cls: type) -> None:
    names = tuple(f.name for f in attrs.fields(cls))
    # attrgetter of one name returns the value itself, not a 1-tuple: asking
    # for it twice gives a pair, whose extra item zip() below leaves out.
    getter = operator.attrgetter(*names) if len(names) > 1 else operator.attrgetter(
        names[0], names[0])
    cls.__getstate__ = property(functools.partial(functools.partial, getter))  # type: ignore[method-assign,assignment]

    def __setstate__(self: object, state: tuple[object, ...]) -> None:
        for name, value in zip(names, state):  # noqa: B905 (a 1-field state is a pair)
            object.__setattr__(self, name, value)

    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]


for _cls in list(globals().values()):
    if isinstance(_cls, type) and attrs.has(_cls) and _cls.__module__ == __name__:
        _tuple_state(_cls)
del _cls
