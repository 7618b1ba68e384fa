"""Check a parsed rules file against a schema: names, types, labels, cycles.

The checker is the only stage that decides types.  It reports every error of
a file in one :class:`CheckError` (each with file, line, column, caret and a
suggestion), collects warnings (``and`` mixed with ``or`` without
parentheses, unused blocks), and returns a :class:`Program` that the
compilers trust without checking again.
"""

from __future__ import annotations

import functools
import gc
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_never

import attrs

from . import ast
from .dates import zone, zone_caveat, zone_hint
from .errors import (
    THOUSANDS,
    CheckError,
    Diagnostic,
    line_of,
    nearest,
    suggest,
    suggestion_in,
)
from .regex import end_problem, limit_problem
from .schema import DEFAULT_SCHEMA, LEAD, Field, FieldType, Schema, Table
from .semantics import (
    Reference,
    aggregate_type,
    declaration_expressions,
    is_plain_event_block,
    list_references,
    using_map,
    walk,
    windowed,
)
from .semantics import references as expression_references

if TYPE_CHECKING:
    from .memberships import ListBinding

T, N, B, D, L = (FieldType.TEXT, FieldType.NUMBER, FieldType.BOOL, FieldType.DATETIME,
                 FieldType.TEXT_LIST)



@attrs.frozen
class Program:
    """A checked rules file: the schema it was checked against and its segments
    in dependency order (a segment comes after every segment it references)."""

    schema: Schema
    timezone: str | None
    segments: tuple[ast.Segment, ...]
    warnings: tuple[Diagnostic, ...]
    file: ast.RuleFile
    # Scoring models with `extends` resolved (rules flattened), gradings,
    # tiers and funnels; segments, scorings and gradings in dependency order.
    scorings: tuple[ast.Scoring, ...] = ()
    gradings: tuple[ast.Grading, ...] = ()
    tiers: tuple[ast.Tiers, ...] = ()
    funnels: tuple[ast.Funnel, ...] = ()
    order: tuple[tuple[str, str], ...] = ()
    # The lead lists `in list NAME` reads (bound by the API: `load(…, lists=…)`,
    # or a SQL store's own); None when none are bound.  Not part of the value.
    lists: ListBinding | None = attrs.field(default=None, eq=False, repr=False)

    @functools.cached_property
    def _by_name(self) -> dict[str, dict[str, Any]]:
        # The first declaration of each name wins, as a linear search would find it.
        index: dict[str, dict[str, Any]] = {}
        for kind, group in (("segment", self.segments), ("scoring", self.scorings),
                            ("grading", self.gradings), ("tiers", self.tiers),
                            ("funnel", self.funnels)):
            names: dict[str, Any] = {}
            for decl in group:
                names.setdefault(decl.name, decl)
            index[kind] = names
        return index

    @functools.cached_property
    def list_references(self) -> dict[str, ast.Pos | None]:
        """The lead lists the program reads (``in list NAME``), each with where it
        is first named."""
        decls: list[ast.Declaration] = [*self.segments, *self.scorings, *self.gradings,
                                        *self.tiers, *self.funnels]
        return list_references(e for d in decls for e in declaration_expressions(d))

    def segment(self, name: str) -> ast.Segment | None:
        found: ast.Segment | None = self._by_name["segment"].get(name)
        return found

    def scoring(self, name: str) -> ast.Scoring | None:
        found: ast.Scoring | None = self._by_name["scoring"].get(name)
        return found

    def grading(self, name: str) -> ast.Grading | None:
        found: ast.Grading | None = self._by_name["grading"].get(name)
        return found

    def tiers_named(self, name: str) -> ast.Tiers | None:
        found: ast.Tiers | None = self._by_name["tiers"].get(name)
        return found

    def funnel(self, name: str) -> ast.Funnel | None:
        found: ast.Funnel | None = self._by_name["funnel"].get(name)
        return found

    def only(self, kind: str, name: str) -> Program:
        """The program cut down to declaration ``kind`` ``name`` (``segment``,
        ``scoring``, ``grading``, ``tiers`` or ``funnel``) and what it refers to,
        directly or not: a command about one declaration of a 20,000-segment file
        compiles a handful.  The same program when nothing can be left out."""
        root = {"segment": self.segment, "scoring": self.scoring, "grading": self.grading,
                "tiers": self.tiers_named, "funnel": self.funnel}[kind](name)
        if root is None:
            return self
        using = (using_map(self.scoring, root) if isinstance(root, ast.Tiers) else None)
        found: set[Reference] = set()
        stack = [ref for e in declaration_expressions(root)
                 for ref, _ in expression_references(e, using)]
        if kind in ("segment", "scoring", "grading"):
            stack.append((kind, name))
        while stack:
            ref = stack.pop()
            if ref not in found:
                found.add(ref)
                stack.extend(r for e in declaration_expressions(self.referenced(ref))
                             for r, _ in expression_references(e))
        return attrs.evolve(
            self,
            segments=tuple(d for d in self.segments if ("segment", d.name) in found),
            scorings=tuple(d for d in self.scorings if ("scoring", d.name) in found),
            gradings=tuple(d for d in self.gradings if ("grading", d.name) in found),
            tiers=(root,) if isinstance(root, ast.Tiers) else (),
            funnels=(root,) if isinstance(root, ast.Funnel) else (),
            order=tuple(ref for ref in self.order if ref in found))

    def referenced(self, ref: Reference) -> ast.Segment | ast.Scoring | ast.Grading:
        """The declaration a checked reference names (``segment s``, ``score m …``)."""
        kind, name = ref
        decl: ast.Segment | ast.Scoring | ast.Grading | None
        match kind:
            case "segment":
                decl = self.segment(name)
            case "scoring":
                decl = self.scoring(name)
            case "grading":
                decl = self.grading(name)
            case _:
                raise AssertionError(ref)
        assert decl is not None, ref
        return decl

    def field_type(self, table: str, name: str) -> FieldType:
        tbl = self.schema.table(table)
        assert tbl is not None, table
        f = tbl.field(name)
        assert f is not None, (table, name)
        return f.type


def _known(name: str, names: Iterable[str], what: str) -> str:
    """The did-you-mean for ``name``, else the names there are (``the labels of
    this segment are 1, 2``), else that there are none."""
    pool = sorted(set(names))
    near = suggest(name, pool)
    if near is not None:
        return near
    if not pool:
        return f"there are no {what}"
    shown = ", ".join(pool[:12]) + (", …" if len(pool) > 12 else "")
    return f"the {what} are {shown}"


def declared_schema(rule_file: ast.RuleFile, base: Schema = DEFAULT_SCHEMA, *,
                    sources: Iterable[str] = ()) -> Schema:
    """``base`` extended with the file's ``source`` and ``field`` declarations.

    ``sources``: the event sources the data will hold that ``base`` lacks (a
    folder's ``purchase.csv``): a ``field purchase.amount number`` types that
    file's column as ``source purchase { amount number }`` would.  A ``field``
    on any other unknown table is left for :func:`check` to refuse.
    Conflicting declarations are left for :func:`check` to report; here the
    first declaration wins, so data can be loaded before checking.
    """
    schema = base
    files = set(sources)
    for decl in rule_file.declarations:
        try:
            if isinstance(decl, ast.SourceDecl):
                schema = schema.extend(decl.name, [Field(n, t) for n, t in decl.fields])
            elif isinstance(decl, ast.FieldDecl) and (schema.table(decl.table) is not None
                                                      or decl.table in files):
                schema = schema.extend(decl.table, [Field(decl.name, decl.type)])
        except Exception:
            continue
    return schema


def check(rule_file: ast.RuleFile, schema: Schema = DEFAULT_SCHEMA, *,
          data: str | None = None, data_hint: str | None = None,
          lists: Iterable[str] | None = None,
          unmapped: Mapping[str, frozenset[str] | None] | None = None,
          near_misses: Mapping[tuple[str, str | None], tuple[str, str]] | None = None,
          left_out: Mapping[tuple[str, str], tuple[str, str]] | None = None
          ) -> Program:
    """Check ``rule_file``; raise :class:`CheckError` with every error found.

    ``data`` names where ``schema`` comes from ("the store leads.db"), for the
    errors where a declaration of the file contradicts it; ``data_hint`` says
    how to fix those.  ``lists``: the names of the lead lists the rules will
    read; an ``in list NAME`` naming another is an error (with the nearest
    name).  Without it list names are not checked here: evaluation refuses an
    unknown one (docs/lists.md, "Lists as conditions").

    ``unmapped``: per table of a SQL store (a mapping, frames), the fields no
    column holds (None: no table holds the source); a rule of the file reading
    one is warned about, since it is missing for every lead (docs/stores.md,
    "Your own tables").  ``near_misses``: per (table, field) -- (source, None) --
    that a folder lacks while a file or column looks like it misspelt, the
    message and hint of the warning (code ``unmapped``) a rule reading it gets
    (docs/data.md, "Folders").  ``left_out``: per (table, column) that the data
    had but the store left out (a DataFrame column DuckDB cannot read), why and
    the fix: a rule reading it is told so, not that there is no such field.
    """
    # No cyclic garbage is made here, but a big file's tree is millions of
    # objects the collector would rescan each time it runs (as in parse()).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Checker(rule_file, schema, data, data_hint,
                        None if lists is None else frozenset(lists), unmapped,
                        near_misses, left_out).run()
    finally:
        if collecting:
            gc.enable()


class _Checker:
    def __init__(self, rule_file: ast.RuleFile, schema: Schema, data: str | None = None,
                 data_hint: str | None = None, lists: frozenset[str] | None = None,
                 unmapped: Mapping[str, frozenset[str] | None] | None = None,
                 near_misses: Mapping[tuple[str, str | None], tuple[str, str]] | None = None,
                 left_out: Mapping[tuple[str, str], tuple[str, str]] | None = None
                 ) -> None:
        self.file = rule_file
        self.left_out = left_out or {}
        self.lists = lists
        self.unmapped = unmapped or {}
        self.near_misses = near_misses or {}
        self.warned_unmapped: set[tuple[str, str | None]] = set()
        # Whether the declaration being checked ships with the library (no
        # warning about what it reads: the file did not write it).
        self.builtin = False
        self.base = schema
        self.schema = schema
        self.data = data
        self.data_hint = data_hint
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.segments: dict[str, ast.Segment] = {}
        self.scorings: dict[str, ast.Scoring] = {}
        self.gradings: dict[str, ast.Grading] = {}
        self.named: dict[str, dict[str, Any]] = {
            "segment": self.segments, "scoring": self.scorings, "grading": self.gradings,
            "tiers": {}, "funnel": {}}
        # Inside `tiers … using A, B`: the models `score` / `grade` mean.
        self.using: dict[str, str] = {}
        self.using_unknown = False

    # -- reporting -----------------------------------------------------------
    def _diag(self, message: str, pos: ast.Pos | None, hint: str | None, severity: str,
              width: int | None, code: str) -> Diagnostic:
        line = pos.line if pos else None
        column = pos.column if pos else None
        end = end_line = None
        if pos is not None and width is not None:
            end, end_line = pos.column + width, pos.line
        elif pos is not None and pos.end_column is not None:
            end, end_line = pos.end_column, pos.end_line
        return Diagnostic(message, self.file.file, line, column, end, hint, severity,
                          line_of(self.file.text, line), code=code, end_line=end_line,
                          suggestion=suggestion_in(hint))

    def error(self, message: str, pos: ast.Pos | None, hint: str | None = None,
              width: int | None = None, *, code: str) -> None:
        self.errors.append(self._diag(message, pos, hint, "error", width, code))

    def warn(self, message: str, pos: ast.Pos | None, hint: str | None = None, *,
             code: str) -> None:
        self.warnings.append(self._diag(message, pos, hint, "warning", None, code))

    # -- driver --------------------------------------------------------------
    def run(self) -> Program:
        timezone = self.declarations()
        user = self.file.declarations
        names = {(kind, d.name) for d in user if (kind := declaration_kind(d))}
        builtin = [d for d in builtin_declarations() if (declaration_kind(d), d.name) not in names]
        for decl in (*builtin, *user):
            kind = declaration_kind(decl)
            if kind is None:
                continue
            table = self.named[kind]
            if decl.name in table:
                self.error(f"{kind} '{decl.name}' is declared twice", decl.pos,
                           width=len(decl.name), code="duplicate")
                continue
            table[decl.name] = decl
        shipped = {id(d) for d in builtin}
        for seg in self.segments.values():
            self.builtin = id(seg) in shipped
            self.segment(seg)
        for model in self.scorings.values():
            self.builtin = id(model) in shipped
            self.scoring(model)
        for profile in self.gradings.values():
            self.builtin = id(profile) in shipped
            self.grading(profile)
        self.builtin = False
        for decl in user:
            if isinstance(decl, ast.Tiers):
                self.tiers(decl)
            elif isinstance(decl, ast.Funnel):
                self.funnel(decl)
        order = self.dependency_order()
        self.errors.sort(key=lambda d: (d.line or 0, d.column or 0))
        if self.errors:
            raise CheckError(self.errors)
        return Program(
            self.schema, timezone,
            tuple(self.segments[n] for k, n in order if k == "segment"),
            tuple(self.warnings), self.file,
            scorings=tuple(windowed(self.flatten(self.scorings[n]))
                          for k, n in order if k == "scoring"),
            gradings=tuple(self.gradings[n] for k, n in order if k == "grading"),
            tiers=tuple(d for d in user if isinstance(d, ast.Tiers)),
            funnels=tuple(d for d in user if isinstance(d, ast.Funnel)),
            order=tuple(order))

    def declarations(self) -> str | None:
        timezone: str | None = None
        for decl in self.file.declarations:
            if isinstance(decl, ast.TimezoneDecl):
                if timezone is not None:
                    self.error("the time zone is set twice", decl.pos, code="duplicate")
                try:
                    zone(decl.name)
                    timezone = decl.name
                    caveat = zone_caveat(decl.name)
                    if caveat is not None:
                        self.warn(caveat[0], decl.pos, caveat[1], code="timezone-offset")
                except KeyError:
                    self.error(f"unknown time zone '{decl.name}'", decl.pos,
                               zone_hint(decl.name), width=len(decl.name) + 2,
                               code="unknown-timezone")
                    # The span holds the quotes: so does its replacement.
                    d = self.errors[-1]
                    if d.suggestion is not None:
                        self.errors[-1] = attrs.evolve(d, suggestion=f'"{d.suggestion}"')
            elif isinstance(decl, ast.SourceDecl):
                if decl.name == LEAD:
                    self.error("'lead' is not an event source; declare lead fields with "
                               "'field lead.NAME TYPE'", decl.pos, width=len(decl.name),
                               code="unknown-source")
                    continue
                if not decl.fields:
                    self.extend(decl.name, [], decl.pos)
                for i, (n, t) in enumerate(decl.fields):
                    at = decl.field_pos[i] if i < len(decl.field_pos) else decl.pos
                    self.extend(decl.name, [Field(n, t)], at)
            elif isinstance(decl, ast.FieldDecl):
                if self.schema.table(decl.table) is None:
                    self.error(f"unknown table '{decl.table}'", decl.pos,
                               suggest(decl.table, [LEAD, *self.schema.source_names]),
                               width=len(decl.table), code="unknown-source")
                    continue
                self.extend(decl.table, [Field(decl.name, decl.type)], decl.pos)
        return timezone

    def extend(self, table: str, fields: Sequence[Field], pos: ast.Pos | None) -> None:
        try:
            self.schema = self.schema.extend(table, fields)
        except Exception as exc:
            stored = self.base.table(table)
            for f in fields:
                old = stored.field(f.name) if stored is not None else None
                if self.data is not None and old is not None and old.type != f.type:
                    # The store was built without this declaration: say so, and how to fix it.
                    self.error(f"field '{table}.{f.name}' is {old.type} in {self.data}, not "
                               f"{f.type}", pos, self.data_hint, code="field-conflict")
                    # Go on with the declared type: the uses of the field then
                    # raise no second error about the same cause.
                    tbl = self.schema.table(table)
                    assert tbl is not None
                    retyped = Table(table, tuple(f if g.name == f.name else g for g in tbl.fields))
                    self.schema = Schema(
                        retyped if retyped.is_lead else self.schema.lead,
                        tuple(retyped if t.name == table else t for t in self.schema.sources))
                    return
            self.error(str(exc).split(": error: ", 1)[-1], pos, code="field-conflict")

    # -- segments ------------------------------------------------------------
    def segment(self, seg: ast.Segment) -> None:
        if not seg.blocks and seg.match is None:
            self.error(f"segment '{seg.name}' is empty", seg.pos, width=len(seg.name),
                       hint="add blocks such as '1: application exists'", code="empty-declaration")
        labels: dict[str, ast.Block] = {}
        for block in seg.blocks:
            if block.label in labels:
                self.error(f"label '{block.label}' is used twice in segment '{seg.name}'",
                           block.pos, width=len(block.label), code="duplicate")
            labels[block.label] = block
            self.expr(block.expr, "body", None)
        if seg.match is not None:
            self.expr(seg.match, "match", labels)
            used = {r.label for r in walk(seg.match) if isinstance(r, ast.LabelRef)}
            for label, block in labels.items():
                if label not in used:
                    self.warn(f"block {label} is not used in match", block.pos,
                              "a block outside match does not affect the segment",
                              code="unused-block")

    def dependency_order(self) -> list[tuple[str, str]]:
        """Segments, scorings and gradings, each after what it refers to; a cycle
        (through any of them) is an error."""
        deps: dict[tuple[str, str], list[tuple[tuple[str, str], ast.Pos | None]]] = {}
        for kind in ("segment", "scoring", "grading"):
            for name, decl in self.named[kind].items():
                deps[(kind, name)] = [r for r in references(decl) if r[0] in deps or
                                      r[0][1] in self.named[r[0][0]]]
        order: list[tuple[str, str]] = []
        state: dict[tuple[str, str], int] = {}
        for root in deps:
            if state.get(root):
                continue
            # Iterative depth-first search, so long chains cannot overflow.
            stack = [(root, iter(deps[root]))]
            path = [root]
            state[root] = 1
            while stack:
                node, it = stack[-1]
                nxt = next(it, None)
                if nxt is None:
                    stack.pop()
                    path.pop()
                    state[node] = 2
                    order.append(node)
                    continue
                ref, pos = nxt
                if state.get(ref) == 1:
                    cycle = [f"{k} {n}" for k, n in [*path[path.index(ref):], ref]]
                    self.error("a cycle of references: " + " -> ".join(cycle), pos,
                               width=len(ref[1]), code="cycle")
                    continue
                if not state.get(ref):
                    state[ref] = 1
                    path.append(ref)
                    stack.append((ref, iter(deps[ref])))
        return order

    # -- scoring, grading, tiers, funnels ---------------------------------------
    def scoring(self, model: ast.Scoring) -> None:
        if model.extends is not None and model.extends not in self.scorings:
            self.error(f"unknown scoring model '{model.extends}'",
                       model.extends_pos or model.pos, suggest(model.extends, self.scorings),
                       width=len(model.extends), code="unknown-model")
        labels: set[str] = set()
        for rule in model.rules:
            if rule.label is not None:
                if rule.label in labels:
                    self.error(f"rule label '{rule.label}' is used twice in scoring "
                               f"'{model.name}'", rule.pos, width=len(rule.label), code="duplicate")
                labels.add(rule.label)
            self.expr(rule.condition, "body", None)
            if rule.mode == "per event" and not is_plain_event_block(rule.condition):
                self.error("'per event' needs an event block without quantifiers on the left",
                           rule.pos, "write e.g. 'tracking { path = \"/\" } => +1 per event', "
                           "or use 'once'", code="invalid-construct")
            if (rule.max_total is not None and rule.min_total is not None
                    and rule.min_total > rule.max_total):
                self.error("the rule's min is above its max", rule.pos, code="invalid-value")
            # A rule's total is clamped to [min, max], a lead it does not hold for
            # too (its total is 0): a cap on the wrong side of 0 gives every lead points.
            if rule.max_total is not None and rule.max_total < 0:
                self.warn(f"'max {rule.max_total}' is below 0, so every lead gets at most "
                          f"{rule.max_total} from this rule, also a lead it does not hold for",
                          rule.pos, f"to cap what the rule gives, write 'max {-rule.max_total}'; "
                                    "a floor of a negative rule is 'min' below 0",
                          code="cap-gives-points")
            if rule.min_total is not None and rule.min_total > 0:
                self.warn(f"'min {rule.min_total}' is above 0, so every lead gets at least "
                          f"{rule.min_total} from this rule, also a lead it does not hold for",
                          rule.pos, f"to limit what the rule takes away, write "
                                    f"'min {-rule.min_total}'",
                          code="cap-gives-points")
        if model.decay is not None and model.decay.amount == 0:
            self.error("a half-life of 0 would halve every point at once: no event could count",
                       model.decay.pos or model.pos,
                       "give a half-life of at least 1 (decay half-life 30 days), or drop decay",
                       code="invalid-value")

    def flatten(self, model: ast.Scoring) -> ast.Scoring:
        """``extends`` resolved: the base's rules, a same-labelled rule replaced."""
        if model.extends is None or model.extends not in self.scorings:
            return model
        base = self.flatten(self.scorings[model.extends])
        own = {r.label: r for r in model.rules if r.label is not None}
        rules = [own.pop(r.label, r) if r.label is not None else r for r in base.rules]
        rules += [r for r in model.rules if r.label is None or r.label in own]
        return attrs.evolve(model, extends=None, rules=tuple(rules),
                            decay=model.decay or base.decay, window=model.window or base.window)

    def grading(self, profile: ast.Grading) -> None:
        if profile.start is not None and profile.start not in ast.GRADES:
            self.error(f"unknown grade '{profile.start}'", profile.start_pos or profile.pos,
                       "grades are " + " ".join(ast.GRADES), code="unknown-grade")
        for c in profile.criteria:
            self.expr(c.condition, "body", None)
            if (c.steps * 3).denominator != 1:
                self.error(f"a grade step must be a multiple of 1/3, not {c.steps}", c.pos,
                           "1/3 moves one notch (B to B+), 1 moves one letter (B to A)",
                           code="invalid-value")

    def tiers(self, decl: ast.Tiers) -> None:
        self.using = {}
        self.using_unknown = False
        for i, name in enumerate(decl.using):
            kind = ("scoring" if name in self.scorings else
                    "grading" if name in self.gradings else None)
            at = decl.using_pos[i] if i < len(decl.using_pos) else decl.pos
            if kind is None:
                self.using_unknown = True
                self.error(f"unknown scoring model or grading profile '{name}'", at,
                           _known(name, [*self.scorings, *self.gradings],
                                  "scoring models and grading profiles"), width=len(name),
                           code="unknown-model")
            elif kind in self.using:
                self.error(f"'using' names two {kind} models", at, width=len(name),
                           code="invalid-construct")
            else:
                self.using[kind] = name
        seen: set[str] = set()
        after_otherwise = False
        for tier in decl.tiers:
            if tier.name in seen and tier.name != "exclude":
                self.error(f"tier '{tier.name}' is declared twice", tier.pos,
                           width=len(tier.name), code="duplicate")
            seen.add(tier.name)
            if after_otherwise and tier.name != "exclude":
                self.warn(f"tier '{tier.name}' comes after 'otherwise' and is never assigned",
                          tier.pos, code="unreachable-tier")
            if tier.condition is None:
                if tier.name == "exclude":
                    self.error("'exclude' needs a condition", tier.pos, code="invalid-construct")
                after_otherwise = True
            elif not self.keyword_as_field(tier.condition, "otherwise"):
                self.expr(tier.condition, "body", None)
        self.using = {}
        self.using_unknown = False

    def funnel(self, decl: ast.Funnel) -> None:
        seen: set[str] = set()
        if not decl.stages:
            self.error(f"funnel '{decl.name}' has no stages", decl.pos, code="empty-declaration")
        for stage in decl.stages:
            if stage.name in seen:
                self.error(f"stage '{stage.name}' is declared twice", stage.pos,
                           width=len(stage.name), code="duplicate")
            seen.add(stage.name)
            if stage.condition is not None and not self.keyword_as_field(stage.condition, "all"):
                self.expr(stage.condition, "body", None)
            if decl.ordered_within is not None and not is_plain_event_block(stage.condition):
                self.error("every stage of an ordered funnel is an event block without "
                           "quantifiers", stage.pos,
                           "e.g. 'visited: tracking { path starts with \"/pricing\" }'",
                           code="invalid-construct")
        for x in decl.exclusions:
            self.exclusion(decl, x)

    def exclusion(self, decl: ast.Funnel, x: ast.Exclusion) -> None:
        """``exclude: BLOCK between START and END`` of an ordered or strict funnel."""
        self.expr(x.block, "body", None)
        if decl.ordered_within is None or decl.order == "any order":
            self.error("an exclusion needs an ordered or strict funnel (steps in order)",
                       x.pos, "write 'funnel NAME ordered within N UNIT { … }'",
                       code="invalid-construct")
            return
        names = [s.name for s in decl.stages]
        for name in (x.start, x.end):
            if name not in names:
                self.error(f"funnel '{decl.name}' has no stage '{name}'", x.pos,
                           suggest(name, names), code="unknown-stage")
        if x.start in names and x.end in names and names.index(x.start) >= names.index(x.end):
            self.error(f"an exclusion runs from an earlier stage to a later one, not from "
                       f"'{x.start}' to '{x.end}'", x.pos, code="invalid-value")

    def keyword_as_field(self, e: ast.Expr, keyword: str) -> bool:
        """Report a bare unknown name that misspells ``keyword`` (`otherwse`)."""
        if not (isinstance(e, ast.FieldTest) and isinstance(e.test, ast.IsTrue)):
            return False
        if self.schema.lead.field(e.field) is not None or nearest(e.field, [keyword]) is None:
            return False
        self.error(f"unknown field '{e.field}' of the lead", e.pos, f"did you mean '{keyword}'?",
                   width=len(e.field), code="unknown-field")
        return True

    def score_test(self, e: ast.ScoreTest) -> None:
        model = e.model or self.using.get("scoring")
        if model is None:
            if not self.using_unknown:  # the unknown name in `using` is the error
                self.error("'score' needs a model name here", e.pos,
                           "write 'score MODEL >= N', or use it in tiers with 'using MODEL'",
                           width=len("score"), code="missing-model")
        elif model not in self.scorings:
            self.error(f"unknown scoring model '{model}'", e.model_pos or e.pos,
                       _known(model, self.scorings, "scoring models"), width=len(model),
                       code="unknown-model")
        if isinstance(e.test, ast.Present):
            # Every lead has a score (0 when no rule holds): `not exists` would be
            # false for all of them, `exists` true.
            op = "not exists" if e.test.negated else "exists"
            name = model or "m"
            self.error(f"'{op}' does not apply to the score: every lead has one (0 when no "
                       "rule gives it points)", e.test.pos or e.pos,
                       f"compare it with a number, e.g. score {name} = 0 or score {name} > 0",
                       width=len(op), code="type-mismatch")
            return
        self.test(e.test, N, "the score", e.pos)

    def grade_test(self, e: ast.GradeTest) -> None:
        profile = e.model or self.using.get("grading")
        if profile is None:
            if not self.using_unknown:
                self.error("'grade' needs a grading profile name here", e.pos,
                           "write 'grade PROFILE >= B', or use it in tiers with "
                           "'using PROFILE'", width=len("grade"), code="missing-model")
        elif profile not in self.gradings:
            self.error(f"unknown grading profile '{profile}'", e.model_pos or e.pos,
                       _known(profile, self.gradings, "grading profiles"), width=len(profile),
                       code="unknown-model")
        if e.letter not in ast.GRADES:
            self.error(f"unknown grade '{e.letter}'", e.letter_pos or e.pos,
                       "grades are " + " ".join(ast.GRADES), width=len(e.letter),
                       code="unknown-grade")

    # -- expressions ---------------------------------------------------------
    def expr(self, e: ast.Expr, context: str, labels: dict[str, ast.Block] | None,
             table: Table | None = None) -> None:
        """Check ``e``.  ``context`` is 'match', 'body' (a block) or 'braces'
        (conditions of ``table`` inside braces)."""
        if context == "braces" and not isinstance(e, ast.And | ast.Or | ast.Not
                                                   | ast.FieldTest):
            assert table is not None
            number = _thousands(self.file.text, e)
            if number is not None:  # the parser's words for `employees > 1,000` outside
                self.error(f"unexpected ',' in the number {number[1]}", number[0],
                           "numbers are written without thousands separators: "
                           f"{number[1].replace(',', '')}", len(number[1]),
                           code="syntax-error")
                return
            self.error(f"{_what(e)} cannot stand inside the braces of "
                       f"{'lead' if table.is_lead else table.name}", e.pos,
                       "braces hold conditions on the fields of one record",
                       code="invalid-construct")
            return
        if isinstance(e, ast.And | ast.Or):
            self.mixing(e)
            for item in e.items:
                self.expr(item, context, labels, table)
        elif isinstance(e, ast.Not):
            self.expr(e.item, context, labels, table)
        elif isinstance(e, ast.FieldTest):
            self.field_test(e, table or self.schema.lead)
        elif isinstance(e, ast.LabelRef):
            if labels is None:
                self.error(f"label {e.label} can only be used in match", e.pos,
                           width=len(e.label), code="invalid-construct")
            elif e.label not in labels:
                self.error(f"unknown label '{e.label}'", e.pos,
                           _known(e.label, labels, "labels of this segment"),
                           width=len(e.label), code="unknown-label")
        elif isinstance(e, ast.SegmentRef):
            if e.name not in self.segments:
                self.error(f"unknown segment '{e.name}'", e.pos, suggest(e.name, self.segments),
                           width=len(e.name), code="unknown-segment")
        elif isinstance(e, ast.ListRef):
            if self.lists is not None and e.name not in self.lists:
                self.errors.append(_unknown_list(e, self.lists, self.file))
        elif isinstance(e, ast.LeadBlock):
            self.braces(e.conditions, self.schema.lead, e.mode)
        elif isinstance(e, ast.EventBlock):
            self.event_block(e)
        elif isinstance(e, ast.ScoreTest):
            self.score_test(e)
        elif isinstance(e, ast.GradeTest):
            self.grade_test(e)
        else:
            assert_never(e)

    def braces(self, conditions: Sequence[ast.Expr], table: Table, mode: str) -> None:
        for cond in conditions:
            self.expr(cond, "braces", None, table)
            inner = ast.Or if mode == "all" else ast.And
            if isinstance(cond, inner) and not cond.parenthesized:
                self.warn(f"'{'or' if mode == 'all' else 'and'}' inside '{mode}' braces without "
                          "parentheses", cond.pos, "add parentheses to show what is meant",
                          code="mixed-and-or")

    def mixing(self, e: ast.And | ast.Or) -> None:
        if isinstance(e, ast.Or):
            for item in e.items:
                if isinstance(item, ast.And) and not item.parenthesized:
                    self.warn("'and' and 'or' mixed without parentheses", item.pos,
                              "'and' binds tighter than 'or'; add parentheses to show what "
                              "is meant", code="mixed-and-or")

    def event_block(self, e: ast.EventBlock) -> None:
        source = self.schema.source(e.source)
        if source is None:
            hint = suggest(e.source, self.schema.source_names)
            if self.schema.lead.field(e.source) is not None and not e.conditions:
                hint = f"'{e.source}' is a lead field, not an event source"
            self.error(f"unknown source '{e.source}'", e.pos, hint, width=len(e.source),
                       code="unknown-source")
            return
        self.mapped_or_warn(e.source, None, e.pos)
        if e.conditions is not None:
            self.braces(e.conditions, source, e.mode)
        kinds = [type(q) for q in e.quantifiers]
        if e.per is not None:
            per = self.field_of(source, e.per, e.per_pos or e.pos)
            if per is not None and per.type == L:
                self.error(f"cannot group by '{e.per}': it is a list", e.per_pos or e.pos,
                           width=len(e.per), code="type-mismatch")
            if ast.NoEvent in kinds:
                self.error("'none' cannot be used with 'per' (a group always has events)",
                           e.pos, "use 'not' on the block instead", code="invalid-construct")
        for q in e.quantifiers:
            if isinstance(q, ast.Aggregate):
                self.aggregate(q, source)
        for q in e.quantifiers[1:]:
            word = q.func.split()[0] if isinstance(q, ast.Aggregate) else None
            if word is not None and self.schema.lead.field(word) is not None:
                self.warn(f"'and {word}' joins a quantifier of {e.source}, not the lead field "
                          f"'{word}'", q.pos, f"write ({word} …) in parentheses for the lead "
                          "field", code="ambiguous-and")

    def aggregate(self, q: ast.Aggregate, source: Table) -> None:
        ftype: FieldType | None = None
        if q.field is not None:
            if q.field_pos is not None:
                f = self.field_of(source, q.field, q.field_pos)
            else:
                f = self.field_of(source, q.field, q.pos, offset=len(q.func) + 1)
            if f is None:
                return
            ftype = f.type
            problem = None
            match q.func:
                case "count distinct":
                    if f.type == L:
                        self.error(f"cannot count distinct values of the list '{f.name}'",
                                   q.pos, code="type-mismatch")
                case "sum" | "avg":
                    if f.type != N:
                        problem = f"{q.func} needs a number field; '{f.name}' is {f.type}"
                case "min" | "max":
                    if f.type not in (N, D):
                        problem = (f"{q.func} needs a number or datetime field; '{f.name}' "
                                   f"is {f.type}")
                case "count" | "first" | "last":
                    raise AssertionError(q)  # the parser gives these no field
                case _:
                    assert_never(q.func)
            if problem is not None:
                self.error(problem, q.pos, code="type-mismatch")
                return
        self.test(q.test, aggregate_type(q.func, ftype), f"{q.func}", q.pos)

    def field_of(self, table: Table, name: str, pos: ast.Pos | None, offset: int = 0
                 ) -> Field | None:
        f = table.field(name)
        if f is not None:
            self.mapped_or_warn(table.name, name, pos, offset)
        else:
            where = "of the lead" if table.is_lead else f"in source {table.name}"
            at = attrs.evolve(pos, column=pos.column + offset) if pos is not None else None
            gone = self.left_out.get((table.name, name))
            if gone is not None:  # the data had it: say why it is not a field
                self.error(f"unknown field '{name}' {where}: {gone[0]}", at, gone[1],
                           width=len(name), code="unknown-field")
                return None
            hint = suggest(name, table.field_names)
            if table.is_lead and name in self.schema.source_names:
                hint = f"'{name}' is an event source; use it outside lead braces"
            elif table.is_lead and hint is None:
                # `aplication exists` reads as a lead field; the user meant a source.
                near = suggest(name, self.schema.source_names)
                if near is not None:
                    hint = near.replace("did you mean '", "did you mean the source '")
            if hint is None:
                # `application { path = "/x" }`: the field of another table.
                owners = [t.name for t in self.schema.tables
                          if t.name != table.name and t.field(name) is not None]
                if LEAD in owners:
                    hint = (f"'{name}' is a field of the lead: test it outside the event "
                            f"block (lead {{ {name} … }})")
                elif owners:
                    hint = (f"'{name}' is a field of {' and of '.join(owners)}: "
                            f"{owners[0]} {{ {name} … }}")
            if hint is None and self.data is None:
                # An extra column of the data is a field only when checked against the data.
                hint = (f"declare it ('field {table.name}.{name} text') or check with the data "
                        "(--data DATA, or data= in Python)")
            self.error(f"unknown field '{name}' {where}", at, hint, width=len(name),
                       code="unknown-field")
        return f

    def mapped_or_warn(self, table: str, name: str | None, pos: ast.Pos | None,
                       offset: int = 0) -> None:
        """Warn, once, that a field (``name``) or a whole source (None) the file
        reads is held by no column or table of the store (or file of a folder,
        where a name near it is): it reads as missing."""
        near = self.near_misses.get((table, name))
        if near is not None and not self.builtin and (table, name) not in self.warned_unmapped:
            self.warned_unmapped.add((table, name))
            at = (attrs.evolve(pos, column=pos.column + offset)
                  if pos is not None and name is not None else pos)
            self.warn(near[0], at, near[1], code="unmapped")
            return
        if table not in self.unmapped or self.builtin or (table, name) in self.warned_unmapped:
            return
        fields = self.unmapped[table]
        if name is None and fields is not None:
            return
        if name is not None and (fields is None or name not in fields):
            return  # an unmapped source: warned once for the source
        self.warned_unmapped.add((table, name))
        if name is None:
            self.warn(f"source '{table}' has no table in the data: it has no events for any "
                      "lead", pos, f"map a table to it in the mapping ([{table}] table = "
                      f"\"TABLE\"), or give the data such a table", code="unmapped")
            return
        at = attrs.evolve(pos, column=pos.column + offset) if pos is not None else None
        what = "lead field" if table == LEAD else f"{table} field"
        every = "every lead" if table == LEAD else f"every {table} event"
        self.warn(f"{what} '{name}' has no column in the data: it is missing for {every}", at,
                  f"map a column to it in the mapping ([{table}] {name} = \"COLUMN\"), or "
                  "give the data such a column", code="unmapped")

    def field_test(self, e: ast.FieldTest, table: Table) -> None:
        f = self.field_of(table, e.field, e.pos)
        if f is None:
            return
        if isinstance(e.test, ast.IsTrue) and f.type != B:
            hint = f"did you mean '{e.field} exists'?"
            self.error(f"'{e.field}' is {f.type}, not bool: a bare name tests a bool field",
                       e.pos, hint, width=len(e.field), code="type-mismatch")
            return
        self.test(e.test, f.type, f"'{e.field}'", e.pos)

    # -- tests: the operator/type table of SPEC 3.1 ---------------------------
    def test(self, t: ast.Test, ftype: FieldType, what: str, pos: ast.Pos | None) -> None:
        at = t.pos or pos
        if isinstance(t, ast.Present | ast.IsTrue):
            return
        if isinstance(t, ast.Compare):
            if t.op in ("<", "<=", ">", ">=") and ftype not in (N, D):
                hint = ("text has no ordering; use =, in, contains, starts with"
                        if ftype == T else None)
                self.error(f"'{t.op}' does not apply to {what}, which is {ftype}", at, hint,
                           width=len(t.op), code="type-mismatch")
                return
            if ftype == L:
                self.error(f"'{t.op}' does not apply to {what}, which is a list", at,
                           "use contains / not contains", width=len(t.op), code="type-mismatch")
                return
            self.operand(t.value, ftype, what)
        elif isinstance(t, ast.InList):
            if ftype not in (N, T):
                self.error(f"'in' does not apply to {what}, which is {ftype}", at,
                           "contains" if ftype == L else None, code="type-mismatch")
                return
            for v in t.values:
                self.operand(v, ftype, what)
        elif isinstance(t, ast.Contains):
            if ftype not in (T, L):
                self.error(f"'contains' does not apply to {what}, which is {ftype}", at,
                           code="type-mismatch")
                return
            self.operand(t.value, T, what)
        elif isinstance(t, ast.TextTest):
            if ftype != T:
                self.error(f"'{t.op}' does not apply to {what}, which is {ftype}", at,
                           code="type-mismatch")
                return
            if self.operand(t.value, T, what) and t.op == "matches":
                assert isinstance(t.value, ast.Text)
                problem = regex_problem(t.value.value)
                if problem:
                    self.error(f"regular expression not allowed: {problem}", t.value.pos,
                               "leadrules accepts the portable subset shared by Python, "
                               "PostgreSQL and DuckDB (see docs/language.md)",
                               code="regex-not-portable")
                elif end := end_problem(t.value.value):
                    self.regex_error(t.value, end, "regular expression not allowed",
                                     "end the pattern, its branch or a group that does not "
                                     "repeat with the '$' (write '\\s$', not '$\\s')",
                                     "regex-not-portable")
                elif limit := limit_problem(t.value.value):
                    self.regex_error(t.value, limit, "regular expression over an engine's "
                                     "limit", "the limits are the strictest of PostgreSQL's "
                                     "and RE2's, so that a pattern runs on every store (see "
                                     "docs/reliability.md)", "regex-limit")
        elif isinstance(t, ast.Between):
            if ftype not in (N, D):
                self.error(f"'between' does not apply to {what}, which is {ftype}", at,
                           code="type-mismatch")
                return
            self.operand(t.low, ftype, what)
            self.operand(t.high, ftype, what)
        elif isinstance(t, ast.Within | ast.OlderThan | ast.InPeriod | ast.DatePoint):
            if ftype != D:
                word = (t.op if isinstance(t, ast.DatePoint) else "within"
                        if isinstance(t, ast.Within) else "older than"
                        if isinstance(t, ast.OlderThan) else "in this/last/next")
                self.error(f"'{word}' applies to dates; {what} is {ftype}", at,
                           code="type-mismatch")
                return
            if isinstance(t, ast.DatePoint):
                self.operand(t.value, D, what)
            if isinstance(t, ast.Within) and t.amount == 0:
                self.warn("'within 0 …' only matches as_of itself", at, code="within-zero")
        else:
            assert_never(t)

    def regex_error(self, pattern: ast.Text, problem: tuple[str, int, int], what: str,
                    hint: str, code: str) -> None:
        """An error about the part ``problem`` names (message, index, length) of a
        ``matches`` pattern, the caret under that part of the string literal."""
        message, index, length = problem
        self.error(f"{what}: {message}", _inside_string(pattern, index), hint,
                   width=_source_width(pattern.value, index, length), code=code)

    def operand(self, v: ast.Value, ftype: FieldType, what: str) -> bool:
        want = T if ftype == L else ftype
        got = _literal_type(v)
        if got != want:
            hint = None
            if want == T and got == N:
                hint = "write text in double quotes"
            elif want == D and got == T:
                hint = "write dates bare, without quotes: 2026-01-31"
            elif want == N and got == T:
                hint = "write numbers without quotes"
            self.error(f"{what} is {ftype} but {_describe(v)} is {got}", v.pos, hint,
                       code="type-mismatch")
            return False
        return True


# ------------------------------------------------------------------ helpers


def _describe(v: ast.Value) -> str:
    if isinstance(v, ast.Text):
        return f'"{v.value}"'
    if isinstance(v, ast.Bool):
        return "true" if v.value else "false"
    if isinstance(v, ast.Day | ast.Instant):
        return v.value.isoformat()
    if isinstance(v, ast.Number):
        return str(v.value)
    assert_never(v)


def _literal_type(v: ast.Value) -> FieldType:
    if isinstance(v, ast.Text):
        return T
    if isinstance(v, ast.Number):
        return N
    if isinstance(v, ast.Bool):
        return B
    if isinstance(v, ast.Day | ast.Instant):
        return D
    assert_never(v)


def _thousands(text: str | None, e: ast.Expr) -> tuple[ast.Pos, str] | None:
    """``employees > 1,000`` reads as ``employees > 1`` and a label ``000``: where
    the number with thousands separators starts, and the number, when the label is
    such a group."""
    if not isinstance(e, ast.LabelRef) or e.pos is None:
        return None
    line = line_of(text, e.pos.line) or ""
    at = e.pos.column - 1
    for m in THOUSANDS.finditer(line):
        if m.start() < at < m.end():
            return ast.Pos(e.pos.line, m.start() + 1), m.group()
    return None


def _what(e: ast.Expr) -> str:
    """What an expression is, in words."""
    if isinstance(e, ast.LeadBlock):
        return "a lead block"
    if isinstance(e, ast.EventBlock):
        return "an event block"
    if isinstance(e, ast.SegmentRef):
        return "a segment reference"
    if isinstance(e, ast.ListRef):
        return "a list membership"
    if isinstance(e, ast.LabelRef):
        return "a label"
    if isinstance(e, ast.ScoreTest):
        return "a score"
    if isinstance(e, ast.GradeTest):
        return "a grade"
    if isinstance(e, ast.FieldTest):
        return "a condition"
    if isinstance(e, ast.Not | ast.And | ast.Or):
        return "an expression"
    assert_never(e)


def _unknown_list(e: ast.ListRef, names: frozenset[str], file: ast.RuleFile) -> Diagnostic:
    hint = suggest(e.name, names)
    if hint is None and not names:
        hint = "there are no lists yet: create one (leadrules list add STATE NAME IDS…)"
    elif hint is None:
        hint = "the lists are " + ", ".join(sorted(names)[:10]) + (
            ", …" if len(names) > 10 else "")
    line = e.pos.line if e.pos else None
    return Diagnostic(f"unknown list '{e.name}'", file.file, line,
                      e.pos.column if e.pos else None,
                      e.pos.column + len(e.name) if e.pos else None, hint, "error",
                      line_of(file.text, line), code="unknown-list", end_line=line,
                      suggestion=suggestion_in(hint))


def check_lists(program: Program, names: Iterable[str]) -> None:
    """A :class:`CheckError` for every ``in list NAME`` of ``program`` naming a list
    not among ``names``."""
    known = frozenset(names)
    decls: list[ast.Declaration] = [*program.segments, *program.scorings, *program.gradings,
                                    *program.tiers, *program.funnels]
    errors = [_unknown_list(node, known, program.file) for d in decls
              for e in declaration_expressions(d) for node in walk(e)
              if isinstance(node, ast.ListRef) and node.name not in known]
    if errors:
        raise CheckError(sorted(errors, key=lambda d: (d.line or 0, d.column or 0)))


def references(decl: ast.Declaration) -> list[tuple[tuple[str, str], ast.Pos | None]]:
    """What ``decl`` refers to by name: ((kind, name), where), in order of appearance."""
    out: list[tuple[tuple[str, str], ast.Pos | None]] = []
    if isinstance(decl, ast.Scoring) and decl.extends:
        out.append((("scoring", decl.extends), decl.pos))
    for e in declaration_expressions(decl):
        out.extend(expression_references(e))
    return out


def declaration_kind(decl: ast.Declaration) -> str | None:
    """The kind of a named declaration a command can ask for, or None."""
    if isinstance(decl, ast.Segment):
        return "segment"
    if isinstance(decl, ast.Scoring):
        return "scoring"
    if isinstance(decl, ast.Grading):
        return "grading"
    if isinstance(decl, ast.Tiers):
        return "tiers"
    if isinstance(decl, ast.Funnel):
        return "funnel"
    if isinstance(decl, ast.FieldDecl | ast.SourceDecl | ast.TimezoneDecl):
        return None
    assert_never(decl)


BUILTIN_RULES = Path(__file__).with_name("default.rules")


@functools.cache
def builtin_declarations() -> tuple[ast.Declaration, ...]:
    """The models that ship with the library (``scoring default``); a file
    that declares the same name overrides them."""
    from .cache import parse_cached

    def parse(text: str, **options: Any) -> ast.RuleFile:  # imported only if not cached
        from .parse import parse as parse_text
        return parse_text(text, **options)
    return parse_cached(BUILTIN_RULES, parse).declarations


_ALLOWED_ESCAPES = set("dDwWsSbB.\\()[]{}*+?|^$/-ntrfv\"'#&~:,=!<>% ")
_QUANTIFIER_CHARS = set("*+?}")


def _source_width(value: str, index: int, length: int) -> int:
    """How many characters of source ``value[index:index + length]`` takes in a
    string literal (where ``\\`` and ``"`` are written with a backslash)."""
    part = value[index:index + length]
    return len(part) + part.count("\\") + part.count('"')


def _inside_string(text: ast.Text, index: int) -> ast.Pos | None:
    """Where ``text.value[index]`` is written, if the literal is on one line."""
    pos = text.pos
    if pos is None or "\n" in text.value[:index]:
        return pos
    return ast.Pos(pos.line, pos.column + 1 + _source_width(text.value, 0, index))


def regex_problem(pattern: str) -> str | None:
    """Why ``pattern`` is outside the portable regex subset, or None if it is fine.

    The subset is what Python ``re``, PostgreSQL (ARE) and DuckDB (RE2) agree
    on: no look-around, no back-references, no named or conditional groups,
    no inline flags, no possessive quantifiers or atomic groups, and only the
    escapes listed in ``_ALLOWED_ESCAPES``.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # FutureWarning about "[[" is ours to report
            re.compile(pattern)
    except re.error as exc:
        return f"it does not compile ({exc})"
    i = 0
    prev = ""
    in_class = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1:i + 2]
            if nxt.isdigit():
                return "back-references (\\1 …)"
            if nxt not in _ALLOWED_ESCAPES:
                return f"the escape \\{nxt}"
            if in_class and nxt in "DWS":
                return f"\\{nxt} inside [...] (write the class out, e.g. [^0-9])"
            if in_class and nxt in "bB":
                return f"\\{nxt} inside [...] (a word boundary is not a character)"
            i += 2
            prev = "x"
            continue
        if in_class:
            if c == "]":
                in_class = False
            elif c == "[" and pattern[i + 1:i + 2] in (":", "=", "."):
                return "POSIX classes ([:alpha:]) and [. .] / [= =] inside [...]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 3] == "[:" or pattern[i + 1:i + 2] == ":":
                return "POSIX classes ([:alpha:])"
        elif c == "(" and pattern[i + 1:i + 2] == "?":
            if pattern[i + 2:i + 3] != ":":
                return "look-around, named or flag groups '(?…)' (only '(?:' is allowed)"
        elif c == "+" and prev in _QUANTIFIER_CHARS:
            return "possessive quantifiers"
        prev = c
        i += 1
    return None
