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
from fractions import Fraction
from typing import Any, Literal

import attrs
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
UNITS: tuple[ast.Unit, ...] = ("seconds", "minutes", "hours", "days", "weeks", "months", "years")
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
    mode: Literal["all", "any"] = draw(st.sampled_from(("all", "any")))
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


# ------------------------------------------- scoring, grading, tiers, funnels

POINTS = (1, 2, 3, 5, 10, -1, -5, 0.5, 2.5, -1.5)
DECAYS: tuple[tuple[int, ast.Unit], ...] = (
    (1, "days"), (7, "days"), (30, "days"), (12, "hours"), (1, "months"))


def plain_event_blocks() -> st.SearchStrategy[ast.EventBlock]:
    """Event blocks that only select events (the left side of ``per event`` rules)."""
    def block(source: str) -> st.SearchStrategy[ast.EventBlock]:
        conds = st.none() | st.lists(conditions(EVENT_FIELDS[source]), max_size=2).map(tuple)
        return st.builds(ast.EventBlock, st.just(source), st.sampled_from(("all", "any")),
                         conds, st.just((ast.AnyEvent(),)))
    return st.sampled_from(SOURCES).flatmap(block)


@st.composite
def score_rules(draw: st.DrawFn, refs: tuple[str, ...] = ()) -> ast.ScoreRule:
    """A rule of every kind: per event, once on an event block (with quantifiers or
    ``per``), once on a lead condition or segment expression; caps either side."""
    kind = draw(st.sampled_from(("per event", "once block", "once")))
    mode: Literal["per event", "once"] | None = None
    condition: ast.Expr
    if kind == "per event":
        condition = draw(plain_event_blocks())
        mode = draw(st.sampled_from((None, "per event")))
    elif kind == "once block":
        condition = draw(st.one_of(event_blocks(), plain_event_blocks()))
        mode = "once" if condition.quantifiers == (ast.AnyEvent(),) else None
    else:
        condition = draw(segment_exprs(refs).filter(
            lambda e: not isinstance(e, ast.EventBlock)))
    points = draw(st.sampled_from(POINTS))
    high = draw(st.none() | st.sampled_from((0, 1.5, 4, 10)))
    low = draw(st.none() | st.sampled_from((-4, -1.5, 0, 2)))
    if high is not None and low is not None and low > high:
        low = None
    return ast.ScoreRule(None, condition, points, mode, high, low)


@st.composite
def scoring_models(draw: st.DrawFn, name: str, refs: tuple[str, ...] = ()) -> ast.Scoring:
    rules = tuple(draw(st.lists(score_rules(refs), min_size=1, max_size=4)))
    decay = draw(st.none() | st.sampled_from(DECAYS).map(lambda d: ast.Decay(d[0], d[1])))
    window = draw(st.none() | st.sampled_from(DECAYS).map(lambda d: ast.Window(d[0], d[1])))
    return ast.Scoring(name, None, None, rules, decay, window)


@st.composite
def gradings(draw: st.DrawFn, name: str, refs: tuple[str, ...] = ()) -> ast.Grading:
    """Criteria in thirds (one notch) up to two letters either way; clamping is hit
    from starts near F and A+."""
    start = draw(st.none() | st.sampled_from(ast.GRADES))
    steps = st.integers(-6, 6).map(lambda n: Fraction(n, 3))
    criteria = draw(st.lists(st.builds(ast.GradeCriterion, segment_exprs(refs), steps),
                             min_size=1, max_size=4))
    return ast.Grading(name, None, start, tuple(criteria))


def score_tests(model: str | None) -> st.SearchStrategy[ast.Expr]:
    return st.builds(ast.ScoreTest, st.just(model), st.one_of(
        st.builds(ast.Compare, st.sampled_from(_ORDER_OPS), numbers.map(number_value)),
        st.builds(ast.Between, numbers.map(number_value), numbers.map(number_value))))


def grade_tests(profile: str | None) -> st.SearchStrategy[ast.Expr]:
    return st.builds(ast.GradeTest, st.just(profile), st.sampled_from(_ORDER_OPS),
                     st.sampled_from(ast.GRADES))


def model_exprs(refs: tuple[str, ...], model: str | None, profile: str | None
                ) -> st.SearchStrategy[ast.Expr]:
    """Segment expressions that may also test a score and a grade."""
    leaf = st.one_of(segment_exprs(refs), score_tests(model), grade_tests(profile))
    return st.one_of(
        leaf, st.lists(leaf, min_size=2, max_size=3).map(lambda xs: ast.And(tuple(xs))),
        st.lists(leaf, min_size=2, max_size=3).map(lambda xs: ast.Or(tuple(xs))),
        leaf.map(ast.Not))


@st.composite
def tiers_decls(draw: st.DrawFn, model: str, profile: str) -> ast.Tiers:
    tiers = []
    if draw(st.booleans()):
        parts = draw(st.lists(st.one_of(field_test(LEAD_FIELDS), score_tests(None)),
                              min_size=1, max_size=3))
        tiers.append(ast.Tier("exclude", parts[0] if len(parts) == 1 else ast.Or(tuple(parts))))
    for name in ("hot", "warm"):
        tiers.append(ast.Tier(name, draw(model_exprs((), None, None))))
    if draw(st.booleans()):
        tiers.append(ast.Tier("cold", None))
    return ast.Tiers("t0", None, (model, profile), tuple(tiers))


@st.composite
def model_files(draw: st.DrawFn) -> ast.RuleFile:
    """Segment s0; scoring m0 and grading g0 (which may use s0, g0 also m0);
    segment s1 testing them; tiers t0 using m0, g0; funnel f0 over all of it;
    ordered funnel f1."""
    decls: list[ast.Declaration] = []
    if draw(st.booleans()):
        decls.append(ast.TimezoneDecl("Asia/Tokyo"))
    decls.append(ast.Segment("s0", None, (), draw(segment_exprs(()))))
    decls.append(draw(scoring_models("m0", ("s0",))))
    profile = draw(gradings("g0", ("s0",)))
    extra = draw(st.lists(st.builds(ast.GradeCriterion, score_tests("m0"),
                                    st.sampled_from((Fraction(1, 3), Fraction(-1)))),
                          max_size=1))
    decls.append(attrs.evolve(profile, criteria=profile.criteria + tuple(extra)))
    decls.append(ast.Segment("s1", None, (), draw(model_exprs(("s0",), "m0", "g0"))))
    decls.append(draw(tiers_decls("m0", "g0")))
    stages = [ast.Stage("all", None) if draw(st.booleans()) else
              ast.Stage("first", draw(model_exprs(("s0",), "m0", "g0")))]
    stages += [ast.Stage(f"k{i}", draw(model_exprs(("s0", "s1"), "m0", "g0")))
               for i in range(draw(st.integers(1, 3)))]
    decls.append(ast.Funnel("f0", None, tuple(stages)))
    decls.append(draw(ordered_funnels("f1")))
    return ast.RuleFile(tuple(decls))


@st.composite
def ordered_funnels(draw: st.DrawFn, name: str) -> ast.Funnel:
    """An ordered funnel: 1-3 stages, each a plain event block (braces, ``exists``)."""
    stages = []
    for i in range(draw(st.integers(1, 3))):
        source = draw(st.sampled_from(SOURCES))
        conds = draw(st.none() | st.lists(conditions(EVENT_FIELDS[source]), min_size=1,
                                           max_size=2).map(tuple))
        mode: Literal["all", "any"] = draw(st.sampled_from(("all", "any")))
        stages.append(ast.Stage(f"o{i}", ast.EventBlock(source, mode, conds,
                                                        (ast.AnyEvent(),), None)))
    window = draw(st.builds(ast.Within, st.integers(1, 40), st.sampled_from(UNITS)))
    return ast.Funnel(name, None, tuple(stages), window)
