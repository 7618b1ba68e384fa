"""The Python API: load rules, then ask questions of leads in a store.

    rules = leadrules.load("rules/marketing.rules")
    store = leadrules.MemoryStore.from_folder("data/")
    rules.segment("hot_leads").select(store, as_of="2026-11-20")
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import ast
from .cache import parse_remembered
from .check import Program, check, check_lists, declared_schema
from .dates import TimeContext, as_written, zone_hint
from .errors import Diagnostic, ParseError, UsageError, nearest, not_text, not_utf8
from .handles import AsOf, Declared, LeadSource, exists_as_of, given_ids, unknown
from .limits import Deadline, timeout_of
from .memberships import ListBinding, Lists, binding, own_lists, require_lists
from .schema import DEFAULT_SCHEMA, EVENT_LEAD_KEY, LEAD, LEAD_KEY, Schema
from .semantics import declaration_expressions, list_references
from .stores.base import (
    Capability,
    DatabaseStore,
    Store,
    frame_library,
    pushdown_for,
    require_store,
)

if TYPE_CHECKING:
    # Imported where used: `leadrules check` needs neither the evaluator nor
    # the explainer, and each costs start-up time.
    from .compile_python import CompiledProgram, Events, Functions, Record, SegmentFunction
    from .dates import Period
    from .explain import Explanation
    from .funnel import FunnelRule
    from .results import SegmentOverTime, Table
    from .rule_diff import RuleDiff
    from .rule_tests import TestReport
    from .scoring import GradingRule, ScoringRule, TiersRule

Data = str | os.PathLike[str] | LeadSource | Mapping[str, Any]
"""What ``data=`` takes: a store, what ``--data`` takes (a folder, a file, a URL),
or a dict of DataFrames keyed by table (opened as ``lr.open_store(frames)``)."""


def parse(text: str, *, file: str | None = None, schema: Schema = DEFAULT_SCHEMA,
          data: Data | None = None, mapping: Mapping[str, Any] | None = None,
          lists: Lists | None = None) -> Rules:
    """Parse and check rules text against ``schema`` (plus the text's declarations).

    With ``data``, check against the data's schema instead, as the command line
    does (see :func:`load`); ``lists`` as :func:`load` takes it.
    """
    from .parse import parse as parse_text
    rule_file = parse_text(text, file=file, sources=schema.source_names)
    if data is None:
        return _checked(rule_file, schema, lists)
    return _checked_with_data(text, rule_file, schema, data, mapping, lists)


def load(path: str | Path, *, schema: Schema = DEFAULT_SCHEMA,
         data: Data | None = None, mapping: Mapping[str, Any] | None = None,
         lists: Lists | None = None) -> Rules:
    """Read, parse and check a rules file (UTF-8).

    ``data`` checks the rules against the data they will run on, exactly as
    ``leadrules check --data`` and ``leadrules segment`` do: a folder, a store
    file or a ``postgresql://`` URL is opened with the file's own ``source`` /
    ``field`` declarations (so a declared ``field lead.renewal datetime`` reads
    that column as dates, and other extra columns as text); a store object is
    used as it is.  The rules are then checked against the store's schema with
    the declarations added, and the store is ``rules.store``.  ``mapping`` reads
    a database ``data`` names as the user's own tables (docs/stores.md, "Your
    own tables"), as ``--map FILE`` does.

    ``lists``: the lead lists ``in list NAME`` reads -- a
    :class:`~leadrules.lists.ListManager`, a list repository, or a mapping from
    list name to lead ids; their names are checked (an unknown one is an error
    with the nearest name).  Without it, rules checked against a SQL store read
    the lists kept in that store (docs/lists.md, "Lists as conditions").
    """
    if isinstance(path, str) and _looks_like_rules(path):
        raise UsageError([Diagnostic(
            f"load() reads a rules file, and {_shown(path)} looks like rules text, "
            "not a file's path", code="unreadable-file",
            hint="for rules held in a string, use lr.parse(text)")])
    p = Path(path)
    text = read_rules(p)
    # A file read again unchanged is not parsed again (its tree is in the cache).
    rule_file = parse_remembered(text, _parse, file=str(p), sources=schema.source_names)
    if data is None:
        return _checked(rule_file, schema, lists)
    return _checked_with_data(text, rule_file, schema, data, mapping, lists)


_DECLARATION_WORDS = frozenset({"segment", "scoring", "grading", "tiers", "funnel", "field",
                                "source", "timezone"})


def _looks_like_rules(text: str) -> bool:
    """Whether ``text`` given as a path is rules text: it has a line break, or it
    names no file and has a brace or starts with a declaration keyword and a
    space (``segment x { … }``, ``field lead.x number``)."""
    if "\n" in text:
        return True
    words = text.split(maxsplit=1)
    return (("{" in text or (len(words) == 2 and words[0].lower() in _DECLARATION_WORDS))
            and not Path(text).exists())


def _shown(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


def to_json(rules: Rules | ast.RuleFile) -> dict[str, Any]:
    """The JSON form of rules (docs/json.md): ``{"format": "leadrules.rules",
    "version": 1, "declarations": [...]}`` as plain dicts and lists, ready for
    ``json.dumps``.  Comments are not part of it."""
    from .json_form import encode
    return encode(rules.program.file if isinstance(rules, Rules) else rules)


def from_json(document: Mapping[str, Any] | str, *, file: str | None = None,
              schema: Schema = DEFAULT_SCHEMA, data: Data | None = None) -> Rules:
    """Rules from their JSON form (a parsed document, or its JSON text), checked
    as :func:`parse` checks text: the document is written as rules text (what
    ``leadrules fmt --from json`` prints, ``rules.format()``), which is parsed and
    checked.  A bad document is a :class:`ParseError` naming the JSON path
    (``$.declarations[0].blocks[1].expr``); a rule error (an unknown field) is a
    :class:`CheckError` on that text, its message led by the JSON path of the
    node."""
    from .errors import CheckError
    from .json_form import text_and_tree, with_json_paths
    text, tree = text_and_tree(document, file=file, sources=schema.source_names)
    try:
        return parse(text, file=tree.file, schema=schema, data=data)
    except CheckError as exc:
        raise CheckError(with_json_paths(exc.diagnostics, tree)) from None


def _parse(text: str, *, file: str | None, sources: Iterable[str]) -> ast.RuleFile:
    """The parser, imported when a text is not in the cache (:mod:`.cache`)."""
    from .parse import parse as parse_text
    return parse_text(text, file=file, sources=sources)


def _checked(rule_file: ast.RuleFile, schema: Schema, lists: Lists | None) -> Rules:
    bound = None if lists is None else binding(lists)
    return Rules(_bound(check(rule_file, schema, lists=_names(bound)), bound))


def _reads_lists(rule_file: ast.RuleFile) -> bool:
    return bool(list_references(e for d in rule_file.declarations
                                for e in declaration_expressions(d)))


def _names(bound: ListBinding | None) -> tuple[str, ...] | None:
    return None if bound is None else bound.names()


def _bound(program: Program, bound: ListBinding | None) -> Program:
    return program if bound is None else attrs.evolve(program, lists=bound)


def _checked_with_data(text: str, rule_file: ast.RuleFile, schema: Schema, data: Data,
                       mapping: Mapping[str, Any] | None = None,
                       lists: Lists | None = None) -> Rules:
    sources: set[str] = set()
    if isinstance(data, str | os.PathLike):
        from .loaders import folder_sources
        sources = folder_sources(data)
    opened = open_data(data, declared_schema(rule_file, schema, sources=sources),
                       rule_file.file, mapping)
    return check_with_store(text, rule_file, schema, *opened, lists=lists)


def open_data(data: Data, declared: Schema, rules_file: str | None,
              mapping: Mapping[str, Any] | None = None) -> tuple[LeadSource, str, str | None]:
    """The store of ``data`` (a spec is opened with the ``declared`` schema of the
    rules file ``rules_file``), what to call it in errors, and how to fix a
    declaration it contradicts."""
    if isinstance(data, str | os.PathLike):
        from .stores.open import is_postgres_url, open_store
        spec = os.fspath(data)
        store = open_store(spec, declared, mapping=mapping)
        if mapping is not None:
            return store, f"the tables the mapping names in {spec}", (
                "map a column of the declared type, or change the declaration")
        rebuilt = ("import it again with the declarations: leadrules import SRC --into "
                   f"{spec} --rules {rules_file or 'RULES'}")
        persistent = is_postgres_url(spec) or not Path(spec).is_dir()
        return store, f"the store {spec}", rebuilt if persistent else None
    if isinstance(data, Mapping):
        # A dict of DataFrames is opened as lr.open_store(frames) opens it, with the
        # rules file's declarations (and mapping=, naming the frames' tables).
        from .stores.open import open_store
        store = open_store(data, declared, mapping=mapping)
        return store, "the frames", ("give the frame's column the declared type, or "
                                     "change the declaration")
    if frame_library(data) is not None:
        raise UsageError([Diagnostic(
            f"data= takes a dict of DataFrames keyed by table, not one {type(data).__name__}",
            hint="data={'lead': leads_df, 'tracking': tracking_df}")])
    require_store(data)
    from .memory import MemoryStore
    hint = ("the store was read without this declaration: pass the folder itself as "
            "data= (it is then read with the file's declarations)")
    if getattr(data, "mapped", False):
        hint = ("the store reads your tables through a mapping without this declaration: "
                "open it with the rules' schema (schema=rules.schema), or pass the "
                "database itself as data= with mapping=")
    elif not isinstance(data, MemoryStore):
        hint = ("the store was imported without this declaration: import it again with "
                "the declarations (leadrules import SRC --into TARGET --rules FILE)")
    return data, "the store", hint


def check_with_store(text: str, rule_file: ast.RuleFile, schema: Schema, store: LeadSource,
                     where: str, hint: str | None, *, lists: Lists | None = None) -> Rules:
    """``rule_file`` (parsed from ``text``) checked against ``store``'s schema, reading
    ``lists`` (default: the lists the store keeps, if it keeps any)."""
    known = set(schema.source_names) | {d.name for d in rule_file.declarations
                                        if isinstance(d, ast.SourceDecl)}
    if not set(store.schema.source_names) <= known:
        # The store holds sources the file does not declare: bare names of them
        # are event blocks, so read the text again knowing them.
        rule_file = parse_remembered(text, _parse, file=rule_file.file,
                                     sources=store.schema.source_names)
    bound = (binding(lists) if lists is not None
             else own_lists(store) if _reads_lists(rule_file) else None)
    program = check(rule_file, store.schema, data=where, data_hint=hint, lists=_names(bound),
                    unmapped=unmapped_fields(store),
                    near_misses=getattr(store, "near_misses", None),
                    left_out=getattr(store, "left_out", None))
    return Rules(_bound(program, bound), store=store)


def unmapped_fields(store: LeadSource) -> dict[str, frozenset[str] | None] | None:
    """Per table of the store's schema, the fields none of its columns holds
    (None: no table holds the source), for a SQL store over the user's tables or
    frames; None for the in-memory store, which keeps no layout, and for a store
    over a folder of Parquet files (``is_folder``), where a file or column left out
    is as normal as in a CSV folder and only a name near one it lacks is warned about."""
    layout: Any = getattr(store, "layout", None)
    if layout is None or getattr(store, "is_folder", False):
        return None
    found: dict[str, frozenset[str] | None] = {}
    for table in store.schema.tables:
        held = layout.table(table.name)
        found[table.name] = (None if held is None
                             else frozenset(table.field_names) - held.fields)
    return found


def read_rules(path: str | Path) -> str:
    """The text of a rules file; a file that is not UTF-8 is a :class:`ParseError`
    naming the first bad byte's line and column (and the encoding it looks like)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise UsageError([Diagnostic(f"cannot read rules file: {exc.strerror or exc}", str(p),
                                     code="unreadable-file")]) from None
    binary = not_text(raw, str(p))
    if binary is not None:
        raise ParseError([binary])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError([not_utf8(raw, exc, str(p))]) from None


def parse_file_ast(path: str | Path, *, schema: Schema = DEFAULT_SCHEMA) -> ast.RuleFile:
    """Only parse a rules file (no check), e.g. to learn its declared schema first."""
    p = Path(path)
    return parse_remembered(read_rules(p), _parse, file=str(p),
                            sources=schema.source_names)


_KIND_WORDS = {"segment": "segment", "scoring": "scoring model", "grading": "grading profile",
               "tiers": "tiers", "funnel": "funnel"}
"""What each kind of declaration is called in messages."""
_A_KIND = {**_KIND_WORDS, "tiers": "tiers declaration"}


class Rules:
    """A checked rules file: its segments, scoring models, grading profiles, tiers
    and funnels, each asked for by name."""

    def __init__(self, program: Program, *, store: LeadSource | None = None) -> None:
        self.program = program
        # The store the rules were checked against (`load(…, data=…)`), else None.
        self.store = store
        # The functions bound for the last evaluation time, per root declaration
        # (None: all): calling `matches` or `score_of` lead after lead at one
        # as_of binds them once, not per call.
        self._bound: dict[tuple[str, str] | None, tuple[Any, Functions]] = {}
        self._roots: dict[tuple[str, str], CompiledProgram] = {}

    @property
    def schema(self) -> Schema:
        return self.program.schema

    def _declarations(self) -> list[tuple[str, str, str | None]]:
        p = self.program.file
        return [(kind, d.name, d.title) for kind, group in (
            ("segment", p.segments), ("scoring", p.scorings), ("grading", p.gradings),
            ("tiers", p.tiers), ("funnel", p.funnels)) for d in group]

    def __repr__(self) -> str:
        from .output import plural
        where = f" {self.program.file.file}" if self.program.file.file else ""
        found = self._declarations()
        counts: dict[str, int] = {}
        for kind, _, _ in found:
            counts[kind] = counts.get(kind, 0) + 1
        words = {"segment": "segment", "scoring": "scoring model",
                 "grading": "grading profile", "tiers": "tiers", "funnel": "funnel"}
        parts = [plural(n, words[k], "tiers" if k == "tiers" else None)
                 for k, n in counts.items()]
        return f"<Rules{where}: {', '.join(parts) or 'no declarations'}>"

    def _repr_html_(self) -> str:
        from .display import html_block, html_table
        rows = [(k, n, t or "") for k, n, t in self._declarations()]
        warn = "".join(f"<pre>{w.render()}</pre>" for w in self.warnings)
        return html_block(repr(self).strip("<>"),
                          html_table(("kind", "name", "title"), rows, limit=len(rows)) + warn)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return self.program.warnings

    @property
    def segment_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.program.file.segments)

    def segment(self, name: str) -> SegmentRule:
        seg = self.program.segment(self._name(name, "segment"))
        if seg is None:
            raise self._not_declared("segment", name, self.segment_names)
        return SegmentRule(self, seg)

    def scoring(self, name: str = "default") -> ScoringRule:
        """A scoring model; ``default`` is the model that ships with leadrules."""
        from .scoring import ScoringRule
        model = self.program.scoring(self._name(name, "scoring"))
        if model is None:
            raise self._not_declared("scoring", name, [m.name for m in self.program.scorings])
        return ScoringRule(self, model)

    def grading(self, name: str) -> GradingRule:
        from .scoring import GradingRule
        profile = self.program.grading(self._name(name, "grading"))
        if profile is None:
            raise self._not_declared("grading", name, [g.name for g in self.program.gradings])
        return GradingRule(self, profile)

    def tiers(self, name: str) -> TiersRule:
        from .scoring import TiersRule
        decl = self.program.tiers_named(self._name(name, "tiers"))
        if decl is None:
            raise self._not_declared("tiers", name, [t.name for t in self.program.tiers])
        return TiersRule(self, decl)

    def funnel(self, name: str) -> FunnelRule:
        """A funnel (see :mod:`leadrules.funnel`): report, back-calculation, over time."""
        from .funnel import FunnelRule
        decl = self.program.funnel(self._name(name, "funnel"))
        if decl is None:
            raise self._not_declared("funnel", name, [f.name for f in self.program.funnels])
        return FunnelRule(self, decl)

    def _name(self, name: object, kind: str) -> str:
        """``name`` given to ``rules.segment(…)`` (``kind``) and the like, which
        must be text: anything else is a :class:`UsageError`, not a crash in the
        did-you-mean search."""
        if isinstance(name, str):
            return name
        some = next((n for n in self.names if self.kind_of(n) == kind), "NAME")
        raise UsageError([Diagnostic(
            f"rules.{kind}() takes the name of a {_A_KIND[kind]}, not {name!r}",
            hint=f"e.g. rules.{kind}({some!r}); rules.names lists the declared names")])

    def _not_declared(self, kind: str, name: str, known: Iterable[str]) -> UsageError:
        """No ``kind`` is named ``name``: when another kind of declaration is, say
        which and how to ask for it; else the nearest name of that kind."""
        other = self.kind_of(name)
        if other is not None and other != kind:
            return UsageError([Diagnostic(
                f"'{name}' is a {_A_KIND[other]}, not a {_A_KIND[kind]}",
                hint=f"use rules.{other}({name!r})", code="wrong-kind")])
        return UsageError(unknown(_KIND_WORDS[kind], name, known))

    def kind_of(self, name: str) -> str | None:
        """'segment', 'scoring', 'grading', 'tiers' or 'funnel', or None if unknown."""
        if not isinstance(name, str):
            return None
        for kind, finder in (("segment", self.program.segment),
                             ("scoring", self.program.scoring),
                             ("grading", self.program.grading),
                             ("tiers", self.program.tiers_named),
                             ("funnel", self.program.funnel)):
            if finder(name) is not None:
                return kind
        return None

    @property
    def names(self) -> tuple[str, ...]:
        """Every named declaration a command can be asked about."""
        p = self.program
        return tuple(x.name for group in (p.segments, p.scorings, p.gradings, p.tiers,
                                          p.funnels) for x in group)

    def functions(self, tc: TimeContext, root: tuple[str, str] | None = None) -> Functions:
        """The compiled functions for evaluation time ``tc``: of every declaration,
        or (``root=(kind, name)``) of that declaration and what it refers to only,
        compiled once per root."""
        compiled = self.compiled if root is None else self._compiled_for(root)
        members = self.members(compiled.list_names, tc)
        bound = self._bound.get(root)
        if bound is None or bound[0] != (tc, members):
            bound = self._bound[root] = ((tc, members), compiled.bind(tc, members))
        return bound[1]

    def members(self, names: Iterable[str], tc: TimeContext) -> dict[str, frozenset[str]]:
        """The lead ids on each list of ``names`` as of ``tc`` (read from the bound
        lists on every call: a list may change between two evaluations)."""
        wanted = {n: self.program.list_references.get(n) for n in names}
        if not wanted:
            return {}
        lists = self.program.lists
        require_lists(lists, wanted, self.program.file.file, self.program.file.text)
        assert lists is not None
        return {n: lists.members(n, tc.as_of) for n in wanted}

    def with_lists(self, lists: Lists, *, check: bool = True) -> Rules:
        """These rules reading ``lists`` in ``in list NAME`` (a ListManager, a list
        repository or ``{name: ids}``); an unknown list name is a :class:`CheckError`
        (``check=False``: refused only when evaluated)."""
        bound = binding(lists)
        if check:
            check_lists(self.program, bound.names())
        return Rules(_bound(self.program, bound), store=self.store)

    def _compiled_for(self, root: tuple[str, str]) -> CompiledProgram:
        compiled = self._roots.get(root)
        if compiled is None:
            from .compile_python import compile_program
            compiled = self._roots[root] = compile_program(self.program.only(*root), root)
        return compiled

    def each_lead(self, store: LeadSource, tc: TimeContext
                  ) -> Iterator[tuple[Record, Events]]:
        """The leads that exist as of ``tc``, with their events; under the
        store's ``timeout`` (checked before each lead: the evaluation of the one
        before is counted) a :class:`~leadrules.errors.QueryTimeout` once it has
        passed."""
        self.check_store(store)
        events_of = store.events_of
        limit = timeout_of(store)
        if limit is None:
            for lead in store.leads():
                created = lead.get("created_at")
                if created is not None and created > tc.as_of:
                    continue
                yield lead, events_of(lead[LEAD_KEY])
            return
        deadline = Deadline(limit, "the in-memory evaluator")
        passed = deadline.passed
        for lead in store.leads():
            if passed():
                raise deadline.error()
            created = lead.get("created_at")
            if created is not None and created > tc.as_of:
                continue
            yield lead, events_of(lead[LEAD_KEY])

    def given_leads(self, store: LeadSource, tc: TimeContext, lead_ids: Iterable[str]
                    ) -> Iterator[tuple[Record, Events]]:
        """Of ``lead_ids``, the leads that exist as of ``tc``, with their events, by
        id (ids the store lacks are left out)."""
        self.check_store(store)
        for lead_id in lead_ids:
            lead = store.lead(lead_id)
            if lead is not None and exists_as_of(lead, tc):
                yield lead, store.events_of(lead_id)

    def existing_lead(self, lead: Mapping[str, Any] | str,
                      events: Mapping[str, Iterable[Mapping[str, Any]]] | None,
                      store: LeadSource | None, tc: TimeContext) -> tuple[Record, Events]:
        """Like :meth:`one_lead`, but a lead created after as_of is a usage error:
        it does not exist for that evaluation, so it has no score or grade."""
        record, evs = self.one_lead(lead, events, store)
        if not exists_as_of(record, tc):
            raise UsageError([Diagnostic(
                f"lead {record[LEAD_KEY]} was created {record['created_at'].isoformat()}, "
                f"after as_of {tc.as_of.isoformat()}: it does not exist yet",
                hint="choose a later as_of (--as-of on the command line)")])
        return record, evs

    def one_lead(self, lead: Mapping[str, Any] | str,
                 events: Mapping[str, Iterable[Mapping[str, Any]]] | None,
                 store: LeadSource | None) -> tuple[Record, Events]:
        """One lead from a mapping (with ``events``) or from an id in ``store``."""
        if store is not None:
            require_store(store)
        if isinstance(lead, Store):
            raise UsageError([Diagnostic(
                f"expected a lead first, got the store ({type(lead).__name__})",
                hint="the lead comes first, the store as store=: "
                     "explain('L000001', as_of, store=store)")])
        if isinstance(lead, str):
            if store is None:
                raise UsageError([Diagnostic(
                    f"lead {lead!r} is an id: which store is it in?",
                    hint=f"pass the store it is in, e.g. rule.explain({lead!r}, as_of, "
                         "store=store), or the lead's record as a dict")])
            record = store.lead(lead)
            if record is None:
                ids = [str(x[LEAD_KEY]) for x in store.leads()]
                raise UsageError(unknown("lead", lead, ids))
            return record, store.events_of(lead)
        if not isinstance(lead, Mapping):
            raise UsageError([Diagnostic(
                f"expected a lead, got {type(lead).__name__}",
                hint="a lead is its id (with store=) or its record, a dict of its fields")])
        from .memory import normalize_events, normalize_lead
        fields = dict(lead)
        raw_events = events if events is not None else fields.pop("events", None) or {}
        fields.pop("events", None)
        _check_events(raw_events)
        record = normalize_lead(self.schema, fields)
        evs: dict[str, list[Record]] = {s: [] for s in self.schema.source_names}
        for source, recs in raw_events.items():
            with_id = [{EVENT_LEAD_KEY: record[LEAD_KEY], **r} for r in recs]
            evs[source] = normalize_events(self.schema, source, with_id)
        return record, evs

    def format(self) -> str:
        from .format import format_rules
        return format_rules(self.program.file)

    def test(self, *paths: str | os.PathLike[str]) -> TestReport:
        """Run rule test files (TOML, docs/testing.md; a folder means its ``*.toml``
        files): each test's lead is read with these rules' schema and checked
        against its expectations.  A bad test file raises :class:`DataError`
        naming its file, line and column; failures are in the report."""
        from .rule_tests import run_tests
        return run_tests(self, paths)

    def diff(self, new: Rules, name: str, store: LeadSource | None = None, as_of: AsOf = None,
             *, timezone: str | None = None, threshold: float = 0) -> RuleDiff:
        """What changes if declaration ``name`` of these rules is replaced by ``new``'s:
        who enters and leaves a segment, changes tier, grade or funnel stage, or
        whose score moves by more than ``threshold``.  ``store`` defaults to each
        version's own (``load(…, data=…)``)."""
        from .rule_diff import diff
        return diff(self, new, name, store, as_of, timezone=timezone, threshold=threshold)

    @functools.cached_property
    def compiled(self) -> CompiledProgram:
        from .compile_python import compile_program
        return compile_program(self.program)

    def time_context(self, as_of: AsOf, timezone: str | None) -> TimeContext:
        try:
            return TimeContext.make(as_of, timezone or self.program.timezone)
        except KeyError as exc:
            raise UsageError([Diagnostic(f"unknown time zone {exc}",
                                         hint=zone_hint(str(exc.args[0])))]) from None
        except ValueError as exc:
            # datetime's own message quotes the text as it was normalised (upper
            # case): quote what the user wrote instead.
            why = ("not an ISO-8601 date or instant" if "isoformat" in str(exc)
                   else "its offset is not between -24:00 and +24:00 (time zones are "
                   "at most 14 hours from UTC)" if "offset must be a timedelta" in str(exc)
                   else str(exc))
            raise UsageError([Diagnostic(f"bad as-of time {as_of!r}: {why}",
                                         hint="e.g. 2026-11-20 or 2026-11-20T09:00:00Z "
                                              "(--as-of on the command line, as_of= in "
                                              "Python)")]) from None

    def check_store(self, store: LeadSource, *, types: bool = True) -> None:
        """Every lead field the rules know must be a field of the store's schema
        (with the same type, unless ``types=False``: a SQL store compares the
        types itself, with its own hint).

        A lead field the store's schema lacks would read as missing for every
        lead, on every store alike, so it is refused.  A field the schema has
        but no column holds (a mapping or the frames leave it out) is the
        documented "missing on every record", warned about by ``load(…, data=…)``
        (code ``unmapped``)."""
        problems = []
        for table in self.schema.tables:
            theirs = store.schema.table(table.name)
            for f in table.fields:
                other = theirs.field(f.name) if theirs else None
                if other is None and theirs is not None and table.is_lead:
                    problems.append(f"the store has no field lead.{f.name}")
                elif types and other is not None and other.type != f.type:
                    problems.append(f"{table.name}.{f.name} is {other.type} in the store but "
                                    f"{f.type} in the rules")
        diagnostics = [Diagnostic(p, hint="build the store with schema=rules.schema")
                       for p in problems]
        diagnostics += self._declared_without_column(store)
        if diagnostics:
            raise UsageError(diagnostics)

    def _declared_without_column(self, store: LeadSource) -> list[Diagnostic]:
        """A lead field the rules file declares (``field lead.revenue number``) that
        the store's schema has but none of its columns holds: the declaration says
        the data has it, so reading it as missing for every lead is refused (the
        built-in fields a mapping or the frames leave out stay missing)."""
        held = unmapped_fields(store)
        lacking = held.get(LEAD) if held is not None else None
        if not lacking:
            return []
        columns = sorted(set(store.schema.lead.field_names) - lacking)
        out = []
        for d in self.program.file.declarations:
            if isinstance(d, ast.FieldDecl) and d.table == LEAD and d.name in lacking:
                near = nearest(d.name, columns)
                out.append(Diagnostic(
                    f"the rules declare field lead.{d.name}, and the store has no column "
                    "for it: it would be missing for every lead",
                    hint=f"give the data a column {d.name}, or map one to it (mapping=)"
                         + (f"; the store has a column '{near}'" if near else ""),
                    code="unmapped"))
        return out

    def database(self, store: LeadSource, capability: Capability,
                 lead_ids: list[str] | None = None) -> DatabaseStore | None:
        """``store`` when it evaluates ``capability`` inside its database (for the
        leads ``lead_ids`` only, when given), its schema checked to hold every
        lead field of the rules (:meth:`check_store`); else None."""
        db = pushdown_for(store, capability, lead_ids)
        if db is not None:
            self.check_store(db, types=False)
        return db


def _check_events(events: object) -> None:
    """``events=`` of one lead: a mapping from source to a list of records (dicts);
    anything else (a DataFrame per source, one record) is a :class:`UsageError`."""
    example = "events={'tracking': [{'occurred_at': '2026-11-01', 'path': '/pricing'}]}"
    if not isinstance(events, Mapping):
        raise UsageError([Diagnostic(
            f"events= maps each source to its records, not a {type(events).__name__}",
            hint=example)])
    for source, records in events.items():
        library = frame_library(records)
        if library is not None or isinstance(records, Mapping | str | bytes) or not isinstance(
                records, Iterable):
            hint = example
            if library in ("pandas", "polars"):
                rows = "df.to_dicts()" if library == "polars" else "df.to_dict('records')"
                hint = f"pass the frame's records: events={{{source!r}: {rows}}}"
            raise UsageError([Diagnostic(
                f"events[{source!r}] is a {type(records).__name__}, not a list of records",
                hint=hint)])


class SegmentRule(Declared[ast.Segment]):
    """One segment of a rules file, ready to evaluate."""

    def compiled(self, as_of: AsOf = None, *, timezone: str | None = None) -> SegmentFunction:
        """The plain function ``f(lead, events) -> bool`` for one evaluation time.

        ``lead`` and ``events`` must be normalised records (as stores hold them);
        the caller checks that the lead exists as of ``as_of``.
        """
        tc = self.rules.time_context(as_of, timezone)
        return self.rules.functions(tc, ("segment", self.name)).segments[self.name]

    def select(self, store: LeadSource, as_of: AsOf = None, *,
               timezone: str | None = None, lead_ids: Iterable[str] | None = None
               ) -> list[str]:
        """The ids of the leads in the segment, sorted.

        ``lead_ids`` evaluates those leads only (an application's leads whose
        events just arrived): the answer is the full one's among them, ids the
        store lacks simply absent -- inside the database when the store can
        (:attr:`~leadrules.stores.base.Capability.SEGMENT_BATCH`), else lead by lead.
        """
        tc = self.rules.time_context(as_of, timezone)
        if lead_ids is not None:
            ids = given_ids(lead_ids)
            db = self.rules.database(store, Capability.SEGMENT_BATCH)
            if db is not None:
                return db.select_segment(self.rules.program, self.name, tc, lead_ids=ids)
            leads = self.rules.given_leads(store, tc, ids)
        else:
            db = self.rules.database(store, Capability.SEGMENTS)
            if db is not None:
                return db.select_segment(self.rules.program, self.name, tc)
            leads = self.rules.each_lead(store, tc)
        fn = self.rules.functions(tc, ("segment", self.name)).segments[self.name]
        out = [lead[LEAD_KEY] for lead, events in leads if fn(lead, events)]
        out.sort()
        return out

    def leads(self, store: LeadSource, as_of: AsOf = None, *,
              columns: Iterable[str] | None = None, timezone: str | None = None) -> Table:
        """The segment's leads with their fields: a :class:`~leadrules.results.Table`
        of ``lead_id`` and the lead fields ``columns`` (default: every lead field),
        sorted by id -- ``.to_pandas()`` / ``.to_polars()`` make it a DataFrame.

        A SQL store answers with one query (the segment as a subquery, values
        bound); other stores from their records.
        """
        from .lead_fields import check_columns, lead_rows
        from .results import Table
        require_store(store)
        names = check_columns(store.schema, columns)
        tc = self.rules.time_context(as_of, timezone)
        if self.rules.database(store, Capability.LEAD_ROWS) is not None:
            rows = lead_rows(store, names, segment=(self.rules.program, self.name, tc))
        else:
            rows = lead_rows(store, names, ids=self.select(store, tc.as_of, timezone=timezone))
        lead = store.schema.table(LEAD)
        kinds = {} if lead is None else {f.name: f.type for f in lead.fields}
        return Table(("lead_id", *names), tuple(rows),
                     types=tuple((n, kinds[n]) for n in names if n in kinds))

    def over_time(self, store: LeadSource, every: Period = "week", since: AsOf = None,
                  until: AsOf = None, *, timezone: str | None = None,
                  progress: bool | None = None) -> SegmentOverTime:
        """The segment's size as of the end of each period (``week`` — weeks start on
        Monday —, ``month`` or ``quarter``) from the one containing ``since`` to
        the one containing ``until`` (default now), with how many leads entered
        and left since the end of the period before.  The last period ends at
        ``until`` when that is earlier (``complete`` is then False).  Each period
        is one :meth:`select` (inside the database on a SQL store); ``progress``
        shows a tqdm bar over the periods (see :func:`leadrules.display.progress`)."""
        import datetime as dt

        from .dates import PERIODS
        from .display import progress as bar
        from .funnel import period_starts
        from .results import SegmentOverTime, SegmentPeriod
        if every not in PERIODS:
            raise UsageError([Diagnostic(f"unknown period {every!r}",
                                         hint="use week, month or quarter")])
        if since is None:
            raise UsageError([Diagnostic("over_time needs since=, the first period",
                                         hint="e.g. since='2026-09-01'")])
        end_tc = self.rules.time_context(until, timezone)
        start_tc = self.rules.time_context(since, timezone)
        if start_tc.as_of > end_tc.as_of:
            raise UsageError(f"since ({as_written(since)}) is after until "
                             f"({as_written(until)})")
        bounds = period_starts(start_tc, end_tc, every)
        tick = dt.timedelta(microseconds=1)
        previous = set(self.select(store, bounds[0][0] - tick, timezone=timezone))
        periods = []
        for start, end in bar(bounds, total=len(bounds), desc=f"segment {self.name}",
                              enabled=progress):
            complete = end <= end_tc.as_of
            at = end - tick if complete else end_tc.as_of
            ids = self.select(store, at, timezone=timezone)
            now = set(ids)
            periods.append(SegmentPeriod(start, end, at, len(ids), len(now - previous),
                                         len(previous - now), complete, tuple(ids)))
            previous = now
        return SegmentOverTime(self.name, self.title, every, tuple(periods), end_tc.tz)

    def matches(self, lead: Mapping[str, Any] | str, as_of: AsOf = None, *,
                events: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
                store: LeadSource | None = None, timezone: str | None = None) -> bool:
        """Whether one lead is in the segment.

        ``lead`` is a mapping of lead fields (which may hold its events under
        ``"events"``, a mapping from source to records), or a lead id with
        ``store=``.
        """
        record, evs = self.rules.one_lead(lead, events, store)
        tc = self.rules.time_context(as_of, timezone)
        if not exists_as_of(record, tc):
            return False
        fn = self.rules.functions(tc, ("segment", self.name)).segments[self.name]
        return bool(fn(record, evs))

    def next_change(self, lead: Mapping[str, Any] | str, as_of: AsOf = None, *,
                    events: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
                    store: LeadSource | None = None, timezone: str | None = None,
                    until: AsOf = None) -> dt.datetime | None:
        """The first instant after ``as_of`` at which :meth:`matches` changes for this
        lead if no new event arrives (a window lets an event go, a period ends, a
        decaying score crosses a threshold, an event or the lead dated later
        starts to count), or None if it never does (or not by ``until``).

        ``lead`` as :meth:`matches` takes it.  At ``next_change - 1µs`` the answer
        is the answer at ``as_of``; at ``next_change`` it differs.  A SQL store's
        lead is read with its events and searched in Python (docs/lists.md,
        "Time-driven changes")."""
        record, evs = self.rules.one_lead(lead, events, store)
        tc = self.rules.time_context(as_of, timezone)
        end = None if until is None else self.rules.time_context(until, timezone).as_of
        return self.next_change_of(record, evs, tc, end)

    def next_change_of(self, record: Record, events: Events, tc: TimeContext,
                       until: dt.datetime | None = None) -> dt.datetime | None:
        """:meth:`next_change` of a normalised lead record and its events (as a
        store's ``lead(id)`` and ``events_of(id)`` return them)."""
        from .next_change import Evaluations, lead_search, next_change
        name = self.name

        def answer(ev: Evaluations, a: dt.datetime) -> bool:
            return (exists_as_of(record, ev.context(a))
                    and bool(ev.at(a).segments[name](record, events)))
        search = lead_search(self.rules, ("segment", name), record, events, tc, answer)
        return next_change(search, tc.as_of, until)

    def explain(self, lead: Mapping[str, Any] | str, as_of: AsOf = None, *,
                events: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
                store: LeadSource | None = None, timezone: str | None = None) -> Explanation:
        """Which blocks held for this lead, and the evidence for each."""
        from .explain import Explainer, Explanation
        record, evs = self.rules.one_lead(lead, events, store)
        tc = self.rules.time_context(as_of, timezone)
        explanation = Explainer(self.rules.program, tc).segment(self.ast, record, evs)
        if not exists_as_of(record, tc):
            return Explanation(explanation.text, False,
                               f"lead created {record['created_at'].isoformat()}, after as_of",
                               None, explanation.children)
        return explanation
