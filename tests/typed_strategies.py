"""Hypothesis strategies for *well-typed* segments over the default schema, and
small messy data sets to evaluate them on.

Unlike ``tests/strategies.py`` (syntax trees, types unchecked), every tree
here passes ``check``: each operator is applied to fields of the types it
accepts, each quantifier to fields it can aggregate.  Values come from small
pools chosen to hit the edges the backends could disagree on: case variants
(``ß``/``SS``, ``İ``, Japanese), the empty string, substrings that are tags'
prefixes, integers and halves (exact in binary, so float rounding cannot
differ), instants on day, week, month and window boundaries, ties in time,
events after ``as_of`` and leads created after it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from leadrules import ast
from leadrules.schema import DEFAULT_SCHEMA, EVENT_TIME, FieldType

T, N, B, D, L = (FieldType.TEXT, FieldType.NUMBER, FieldType.BOOL, FieldType.DATETIME,
                 FieldType.TEXT_LIST)
UTC = dt.UTC
AS_OF = dt.datetime(2026, 3, 31, 12, 0, tzinfo=UTC)  # a Tuesday

SOURCES = ("tracking", "application", "mail")
LEAD_FIELDS: dict[FieldType, tuple[str, ...]] = {
    T: ("industry", "title", "region"), N: ("employees", "age"),
    B: ("is_competitor", "nurture_target"), D: ("created_at",), L: ("tags",),
}
EVENT_FIELDS: dict[str, dict[FieldType, tuple[str, ...]]] = {
    "tracking": {T: ("path", "session"), N: ("duration",), D: (EVENT_TIME,)},
    "application": {T: ("form", "campaign"), D: (EVENT_TIME,)},
    "mail": {T: ("kind", "campaign"), D: (EVENT_TIME,)},
}

TEXTS = ("a", "A", "ab", "aB", "ba", "ß", "SS", "ss", "İ", "i̇", "東京", "東京都", "x_%", "a.b")
TAGS = ("vip", "VIP", "VIP-candidate", "news", "東京")
REGEXES = (r"^a", r"b$", r"\d", r"[A-Z]", r"東", r"a|S", r"\w\.", r"^\w+$", r"\bb")
NUMBERS = tuple(x / 2 for x in range(-4, 25))
# Instants around AS_OF: window edges (30 days, 1 month), day and week edges.
INSTANTS = (
    AS_OF, AS_OF - dt.timedelta(days=30), AS_OF - dt.timedelta(days=30, microseconds=1),
    dt.datetime(2026, 2, 28, 12, 0, tzinfo=UTC), dt.datetime(2026, 3, 30, tzinfo=UTC),
    dt.datetime(2026, 3, 29, 23, 59, tzinfo=UTC), dt.datetime(2026, 3, 1, tzinfo=UTC),
    dt.datetime(2026, 2, 28, 15, 0, tzinfo=UTC), dt.datetime(2025, 12, 31, 15, 0, tzinfo=UTC),
    dt.datetime(2026, 1, 1, tzinfo=UTC), AS_OF - dt.timedelta(hours=1),
    AS_OF + dt.timedelta(seconds=1), dt.datetime(2026, 4, 1, tzinfo=UTC),
    dt.datetime(2025, 3, 31, 12, 0, tzinfo=UTC),
)
DAYS = (dt.date(2026, 3, 31), dt.date(2026, 3, 30), dt.date(2026, 3, 1), dt.date(2026, 2, 28),
        dt.date(2026, 1, 1), dt.date(2025, 12, 31))
UNITS: tuple[ast.Unit, ...] = ("minutes", "hours", "days", "weeks", "months", "years")
PERIODS: tuple[ast.Period, ...] = ("week", "month", "quarter", "year")
WHICH: tuple[ast.Which, ...] = ("this", "last", "next")

# --------------------------------------------------------------------- values

texts = st.sampled_from(TEXTS)
numbers = st.sampled_from(NUMBERS)


def number_value(x: float) -> ast.Number:
    return ast.Number(int(x) if x == int(x) else x)


date_values: st.SearchStrategy[ast.Value] = st.one_of(
    st.sampled_from(DAYS).map(ast.Day),
    st.sampled_from(INSTANTS).map(ast.Instant),
    # A literal without an offset: in the evaluation time zone.
    st.sampled_from(INSTANTS).map(lambda i: ast.Instant(i.replace(tzinfo=None))),
)


def value_of(ftype: FieldType) -> st.SearchStrategy[ast.Value]:
    if ftype in (T, L):
        return st.one_of(texts, st.just("")).map(ast.Text)
    if ftype == N:
        return numbers.map(number_value)
    if ftype == B:
        return st.booleans().map(ast.Bool)
    return date_values


# ---------------------------------------------------------------------- tests

_ORDER_OPS: tuple[ast.CompareOp, ...] = ("=", "!=", "<", "<=", ">", ">=")


def tests_for(ftype: FieldType) -> st.SearchStrategy[ast.Test]:
    """Every test the checker accepts on a value of ``ftype``."""
    present = st.booleans().map(ast.Present)
    if ftype == T:
        return st.one_of(
            present,
            st.builds(ast.Compare, st.sampled_from(("=", "!=")), value_of(T)),
            st.builds(ast.InList, st.lists(value_of(T), min_size=1, max_size=3).map(tuple),
                      st.booleans()),
            st.builds(ast.Contains, value_of(T), st.booleans()),
            st.builds(ast.TextTest, st.sampled_from(("starts with", "ends with")), value_of(T)),
            st.builds(ast.TextTest, st.just("matches"), st.sampled_from(REGEXES).map(ast.Text)),
        )
    if ftype == L:
        return st.one_of(present, st.builds(ast.Contains, st.sampled_from((*TAGS, ""))
                                            .map(ast.Text), st.booleans()))
    if ftype == N:
        return st.one_of(
            present,
            st.builds(ast.Compare, st.sampled_from(_ORDER_OPS), value_of(N)),
            st.builds(ast.InList, st.lists(value_of(N), min_size=1, max_size=3).map(tuple),
                      st.booleans()),
            st.builds(ast.Between, value_of(N), value_of(N)),
        )
    if ftype == B:
        return st.one_of(present, st.just(ast.IsTrue()),
                         st.builds(ast.Compare, st.sampled_from(("=", "!=")), value_of(B)))
    return st.one_of(
        present,
        st.builds(ast.Compare, st.sampled_from(_ORDER_OPS), date_values),
        st.builds(ast.Between, date_values, date_values),
        st.builds(ast.Within, st.integers(1, 40), st.sampled_from(UNITS)),
        st.builds(ast.OlderThan, st.integers(1, 40), st.sampled_from(UNITS)),
        st.builds(ast.DatePoint, st.sampled_from(("before", "after", "on")), date_values),
        st.builds(ast.InPeriod, st.sampled_from(WHICH), st.sampled_from(PERIODS)),
    )


def field_test(fields: dict[FieldType, tuple[str, ...]]) -> st.SearchStrategy[ast.Expr]:
    return st.sampled_from(sorted(fields.items(), key=lambda kv: kv[0].value)).flatmap(
        lambda kv: st.builds(ast.FieldTest, st.sampled_from(kv[1]), tests_for(kv[0])))


def conditions(fields: dict[FieldType, tuple[str, ...]]) -> st.SearchStrategy[ast.Expr]:
    """Conditions on one record: field tests under not / and / or."""
    return st.recursive(
        field_test(fields),
        lambda inner: st.one_of(
            inner.map(ast.Not),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: ast.And(tuple(xs))),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: ast.Or(tuple(xs))),
        ),
        max_leaves=3,
    )


# ---------------------------------------------------------------- quantifiers


def aggregates(source: str) -> st.SearchStrategy[ast.Quantifier]:
    fields = EVENT_FIELDS[source]
    plain = [f for t, names in fields.items() for f in names]
    numeric = list(fields.get(N, ()))
    ordered = numeric + list(fields.get(D, ()))
    options = [
        st.just(ast.AnyEvent()),
        st.builds(ast.Aggregate, st.just("count"), st.none(), tests_for(N)),
        st.builds(ast.Aggregate, st.just("count distinct"), st.sampled_from(plain), tests_for(N)),
        st.builds(ast.Aggregate, st.sampled_from(("first", "last")), st.none(), tests_for(D)),
    ]
    if numeric:
        options.append(st.builds(ast.Aggregate, st.sampled_from(("sum", "avg")),
                                 st.sampled_from(numeric), tests_for(N)))
    options.append(st.sampled_from(ordered).flatmap(
        lambda f: st.builds(ast.Aggregate, st.sampled_from(("min", "max")), st.just(f),
                            tests_for(D if f == EVENT_TIME else N))))
    return st.one_of(*options)


@st.composite
def event_blocks(draw: st.DrawFn) -> ast.EventBlock:
    source = draw(st.sampled_from(SOURCES))
    fields = EVENT_FIELDS[source]
    conds = draw(st.none() | st.lists(conditions(fields), max_size=2).map(tuple))
    per = draw(st.none() | st.sampled_from([f for t, names in fields.items() if t != L
                                            for f in names]))
    quantifier = aggregates(source)
    if per is None:
        quantifier = st.one_of(quantifier, st.just(ast.NoEvent()))
    quantifiers = tuple(draw(st.lists(quantifier, min_size=1, max_size=2)))
    mode = draw(st.sampled_from(("all", "any")))
    return ast.EventBlock(source, mode, conds, quantifiers, per)


def segment_exprs(refs: tuple[str, ...]) -> st.SearchStrategy[ast.Expr]:
    """Segment-level expressions; ``refs`` are the segments that may be referenced."""
    leaves: list[st.SearchStrategy[ast.Expr]] = [
        field_test(LEAD_FIELDS),
        st.builds(ast.LeadBlock, st.sampled_from(("all", "any")),
                  st.lists(conditions(LEAD_FIELDS), max_size=3).map(tuple)),
        event_blocks(),
    ]
    if refs:
        leaves.append(st.sampled_from(refs).map(ast.SegmentRef))
    return st.recursive(
        st.one_of(*leaves),
        lambda inner: st.one_of(
            inner.map(ast.Not),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: ast.And(tuple(xs))),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: ast.Or(tuple(xs))),
        ),
        max_leaves=5,
    )


@st.composite
def rule_files(draw: st.DrawFn, segments: int = 3) -> ast.RuleFile:
    """A rules file of ``segments`` segments ``s0``…; later ones may reference earlier ones."""
    decls: list[ast.Declaration] = []
    if draw(st.booleans()):
        decls.append(ast.TimezoneDecl("Asia/Tokyo"))
    names: list[str] = []
    for i in range(segments):
        expr = draw(segment_exprs(tuple(names)))
        decls.append(ast.Segment(f"s{i}", None, (), expr))
        names.append(f"s{i}")
    return ast.RuleFile(tuple(decls))


# ----------------------------------------------------------------------- data

_maybe = st.none


def _lead_value(ftype: FieldType) -> st.SearchStrategy[Any]:
    if ftype == T:
        return _maybe() | texts
    if ftype == N:
        return _maybe() | numbers.map(lambda x: int(x) if x == int(x) else x)
    if ftype == B:
        return _maybe() | st.booleans()
    if ftype == D:
        return _maybe() | st.sampled_from(INSTANTS)
    return _maybe() | st.lists(st.sampled_from(TAGS), min_size=1, max_size=3).map(tuple)


@st.composite
def data_sets(draw: st.DrawFn) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """Up to 5 leads with up to 4 events per source each (plain records)."""
    leads = []
    events: dict[str, list[dict[str, Any]]] = {s: [] for s in SOURCES}
    for i in range(draw(st.integers(1, 5))):
        lead: dict[str, Any] = {"id": f"L{i}"}
        for ftype, names in LEAD_FIELDS.items():
            for name in names:
                lead[name] = draw(_lead_value(ftype))
        leads.append(lead)
        for source in SOURCES:
            for _ in range(draw(st.integers(0, 4))):
                event: dict[str, Any] = {"lead_id": lead["id"],
                                         EVENT_TIME: draw(st.sampled_from(INSTANTS))}
                table = DEFAULT_SCHEMA.source(source)
                assert table is not None
                for ftype, names in EVENT_FIELDS[source].items():
                    for name in names:
                        if name != EVENT_TIME:
                            event[name] = draw(_lead_value(ftype) if name != "session"
                                               else _maybe() | st.sampled_from(("s1", "S1",
                                                                                "s2")))
                events[source].append(event)
    return leads, events
