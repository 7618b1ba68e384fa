"""Reviewing a rule change before it ships (``leadrules diff``, :meth:`Rules.diff`):
who enters and who leaves a segment, who changes tier, grade or funnel stage,
and whose score moves by more than a threshold, between two versions of a
rules file on the same data at the same ``as_of``.  Scores are compared within
:data:`SCORE_TOLERANCE`, as ``leadrules test`` compares them: a float sum
depends on the order of its terms, so reordering rules changes a score in its
last bits, and that is no move.

Both versions are evaluated through the public handles (so a database store
evaluates them inside the database); the diff only compares the answers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from .errors import Diagnostic, UsageError, suggest
from .output import plural, to_table
from .schema import LEAD_KEY

if TYPE_CHECKING:
    from .api import Rules
    from .handles import AsOf, LeadSource

KINDS = ("segment", "scoring", "grading", "tiers", "funnel")
NONE_LABEL = "(none)"
_NAMED = {"segment": "segment", "scoring": "scoring model", "grading": "grading profile",
          "tiers": "tiers", "funnel": "funnel"}
_A = {"segment": "a segment", "scoring": "a scoring model", "grading": "a grading profile",
      "tiers": "a tiers declaration", "funnel": "a funnel"}

SCORE_TOLERANCE = 1e-6
"""Two scores within this many points of each other (or within
:data:`SCORE_RELATIVE_TOLERANCE` of the larger) are the same score: what
``leadrules test`` allows an expected score and ``leadrules diff`` a move (a
reorder of rules moves a float sum by ~1e-16, and large sums by more)."""
SCORE_RELATIVE_TOLERANCE = 1e-9


def same_score(a: float, b: float) -> bool:
    """``a`` and ``b`` differ by no more than rounding (:data:`SCORE_TOLERANCE`)."""
    return math.isclose(a, b, rel_tol=SCORE_RELATIVE_TOLERANCE, abs_tol=SCORE_TOLERANCE)


def moves(old: float, new: float, threshold: float = 0) -> bool:
    """A score ``old`` -> ``new`` moves by more than ``threshold`` points, beyond
    rounding: with threshold 0, exactly when they are not :func:`same_score`."""
    slack = max(SCORE_TOLERANCE, SCORE_RELATIVE_TOLERANCE * max(abs(old), abs(new)))
    return abs(new - old) > threshold + slack


@attrs.frozen
class Change:
    """One lead's answer before and after: in the segment (bool), its score,
    grade, tier or furthest stage (None: no tier / no stage)."""

    lead_id: str
    old: Any
    new: Any

    def to_dict(self, kind: str) -> dict[str, Any]:
        if kind == "scoring":
            return {"lead_id": self.lead_id, "old": self.old, "new": self.new,
                    "change": self.new - self.old}
        return {"lead_id": self.lead_id, "old": self.old, "new": self.new}


@attrs.frozen
class RuleDiff:
    """The leads whose answer differs between two versions of a declaration.

    ``changes`` is sorted by lead id (scores: by the size of the move, largest
    first).  ``leads`` is how many leads exist as of ``as_of``; ``before`` and
    ``after`` count the leads in the segment (or per tier, grade or stage)."""

    kind: str
    name: str
    as_of: datetime
    leads: int
    changes: tuple[Change, ...]
    before: dict[str, int]
    after: dict[str, int]
    threshold: float = 0

    @property
    def entered(self) -> list[str] | dict[str, list[str]]:
        """Segment: the ids now in it that were not.  Tiers, grading, funnel:
        for each tier / grade / stage, the ids now there that were not."""
        if self.kind == "segment":
            return [c.lead_id for c in self.changes if c.new]
        return self._by_label(lambda c: c.new)

    @property
    def left(self) -> list[str] | dict[str, list[str]]:
        """Segment: the ids no longer in it.  Tiers, grading, funnel: for each
        tier / grade / stage, the ids no longer there."""
        if self.kind == "segment":
            return [c.lead_id for c in self.changes if not c.new]
        return self._by_label(lambda c: c.old)

    def _by_label(self, pick: Any) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for c in self.changes:
            label = pick(c)
            if label is not None:
                out.setdefault(str(label), []).append(c.lead_id)
        labels = self.labels
        return {k: sorted(out[k]) for k in sorted(
            out, key=lambda k: (labels.index(k) if k in labels else len(labels), k))}

    @property
    def up(self) -> int:
        """Scoring: how many moved up."""
        return sum(1 for c in self.changes if self.kind == "scoring" and c.new > c.old)

    @property
    def down(self) -> int:
        """Scoring: how many moved down."""
        return sum(1 for c in self.changes if self.kind == "scoring" and c.new < c.old)

    @property
    def labels(self) -> list[str]:
        """Tiers, grades or stages in the order the counts list them (grades from
        A+ down, whichever side has them)."""
        found = list(self.before) + [x for x in self.after if x not in self.before]
        if self.kind == "grading":
            from .ast import GRADES
            order = {g: i for i, g in enumerate(reversed(GRADES))}
            found.sort(key=lambda g: order.get(g, len(order)))
        return found

    def summary(self) -> str:
        """The counts, in one line."""
        head = f"{self.kind} {self.name} as of {self.as_of.isoformat()}: "
        if self.kind == "segment":
            old, new = self.before.get("in", 0), self.after.get("in", 0)
            return head + (f"{old} -> {plural(new, 'lead')} ({len(self.entered)} entered, "
                           f"{len(self.left)} left)")
        if self.kind == "scoring":
            by = (f"by more than {_number(self.threshold)} "
                  f"point{'' if self.threshold == 1 else 's'}") if self.threshold else ""
            return head + (f"{len(self.changes)} of {plural(self.leads, 'lead')} move"
                           f"{' ' + by if by else ''} ({self.up} up, {self.down} down)")
        what = {"tiers": "tier", "grading": "grade", "funnel": "stage"}[self.kind]
        return head + f"{len(self.changes)} of {plural(self.leads, 'lead')} change {what}"

    def transitions(self) -> list[tuple[str, str, int]]:
        """Tiers, grading, funnel: (old, new, how many leads) for each move, most first."""
        counts: dict[tuple[str, str], int] = {}
        for c in self.changes:
            key = (_label(c.old), _label(c.new))
            counts[key] = counts.get(key, 0) + 1
        return sorted(((o, n, k) for (o, n), k in counts.items()), key=lambda t: (-t[2], t[0],
                                                                                 t[1]))

    def render(self) -> str:
        """Counts first, then the leads."""
        out = [self.summary()]
        if self.kind == "segment":
            for word, ids in (("entered", self.entered), ("left", self.left)):
                if ids:
                    out.append(f"{word}: {' '.join(ids)}")
            return "\n".join(out)
        if self.kind != "scoring":
            what = {"tiers": "tier", "grading": "grade", "funnel": "furthest stage"}[self.kind]
            counts = [[label, self.before.get(label, 0), self.after.get(label, 0)]
                      for label in self.labels]
            out.append(to_table([what, "old", "new"], counts).rstrip("\n"))
            out.append("moves:" if self.changes else "no moves")
            for old, new, n in self.transitions():
                out.append(f"  {old} -> {new}: {n}")
        if self.changes:
            columns = ["lead_id", "old", "new"] + (["change"] if self.kind == "scoring" else [])
            rows = [[c.lead_id, *self._cells(c)] for c in self.changes]
            out.append(to_table(columns, rows).rstrip("\n"))
        return "\n".join(out)

    def _cells(self, c: Change) -> list[str]:
        if self.kind == "scoring":
            change = c.new - c.old
            return [_number(c.old), _number(c.new), ("+" if change > 0 else "") + _number(change)]
        return [_label(c.old), _label(c.new)]

    def __str__(self) -> str:
        return self.render()

    def to_dict(self) -> dict[str, Any]:
        """Plain data: ``kind``, ``name``, ``as_of``, ``leads``, ``counts``, and
        ``entered`` / ``left`` (segments: id lists; tiers, grading, funnel: per
        label), ``changed`` (tiers, grading, funnel) or ``moved`` and
        ``threshold`` (scoring)."""
        out: dict[str, Any] = {"kind": self.kind, "name": self.name,
                               "as_of": self.as_of.isoformat(), "leads": self.leads}
        if self.kind == "segment":
            out["counts"] = {"old": self.before.get("in", 0), "new": self.after.get("in", 0),
                             "entered": len(self.entered), "left": len(self.left)}
            out["entered"] = self.entered
            out["left"] = self.left
            return out
        if self.kind == "scoring":
            out["threshold"] = (int(self.threshold) if float(self.threshold).is_integer()
                                else self.threshold)
            out["counts"] = {"moved": len(self.changes), "up": self.up, "down": self.down}
            out["moved"] = [c.to_dict(self.kind) for c in self.changes]
            return out
        out["counts"] = {"changed": len(self.changes), "old": self.before, "new": self.after}
        out["entered"] = self.entered
        out["left"] = self.left
        out["changed"] = [c.to_dict(self.kind) for c in self.changes]
        return out


def _label(value: Any) -> str:
    return NONE_LABEL if value is None else str(value)


def _number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    if abs(value) < 0.00005:
        # A move smaller than 4 decimals is still a move (it is above the
        # tolerance): show its size, not "+0".
        return f"{value:.2g}"
    return f"{value:.4f}".rstrip("0").rstrip(".")


# ------------------------------------------------------------------ computing


def _file(rules: Rules) -> str:
    return rules.program.file.file or "the rules"


def kind_in_both(old: Rules, new: Rules, name: str) -> str:
    """The kind of ``name`` in both versions, or a :class:`UsageError` saying
    which file lacks it (with the nearest name) or how the kinds differ."""
    old_kind, new_kind = old.kind_of(name), new.kind_of(name)
    if old_kind is None and new_kind is None:
        raise UsageError([Diagnostic(
            f"no declaration named '{name}' in {_file(old)} or {_file(new)}",
            hint=suggest(name, [*old.names, *new.names]))])
    for kind, rules in ((old_kind, old), (new_kind, new)):
        if kind is None:
            other = str(old_kind or new_kind)
            raise UsageError([Diagnostic(
                f"no {_NAMED[other]} named '{name}' in {_file(rules)}",
                hint=suggest(name, [n for n in rules.names if rules.kind_of(n) == other])
                or f"a diff compares {_A[other]} of the same name in both files")])
    assert old_kind is not None and new_kind is not None
    if old_kind != new_kind:
        raise UsageError([Diagnostic(
            f"'{name}' is {_A[old_kind]} in {_file(old)} but {_A[new_kind]} in {_file(new)}",
            hint="a diff compares one declaration of the same kind in both files")])
    return old_kind


def diff(old: Rules, new: Rules, name: str, store: LeadSource | None = None,
         as_of: AsOf = None, *, timezone: str | None = None, threshold: float = 0
         ) -> RuleDiff:
    """Compare declaration ``name`` of ``old`` and ``new`` on ``store`` (default:
    each version's own ``rules.store``, from ``load(…, data=…)``) at ``as_of``.

    ``threshold`` (scoring): only scores that move by more than this count, and
    by more than rounding (:func:`moves`): with 0, every real change."""
    kind = kind_in_both(old, new, name)
    if threshold < 0:
        raise UsageError(f"the threshold must not be negative, not {threshold}")
    old_store, new_store = (store, store) if store is not None else (old.store, new.store)
    if old_store is None or new_store is None:
        raise UsageError("diff needs data: pass store=, or load both files with data=")
    tc = new.time_context(as_of, timezone)
    before = _answers(old, kind, name, old_store, tc.as_of, timezone)
    after = _answers(new, kind, name, new_store, tc.as_of, timezone)
    ids = sorted(set(before) | set(after))
    changes = []
    for lead_id in ids:
        a, b = before.get(lead_id), after.get(lead_id)
        if kind == "scoring":
            a, b = a or 0, b or 0
            if moves(a, b, threshold):
                changes.append(Change(lead_id, a, b))
        elif a != b:
            changes.append(Change(lead_id, a, b))
    if kind == "scoring":
        changes.sort(key=lambda c: (-abs(c.new - c.old), c.lead_id))
    labels = _labels(old, new, kind, name)
    return RuleDiff(kind, name, tc.as_of, len(ids), tuple(changes),
                    _counts(before.values(), kind, labels),
                    _counts(after.values(), kind, labels), threshold)


def _answers(rules: Rules, kind: str, name: str, store: LeadSource, as_of: datetime,
             timezone: str | None) -> dict[str, Any]:
    """Each existing lead's answer: in (bool), score, grade, tier or stage."""
    if kind == "segment":
        inside = set(rules.segment(name).select(store, as_of, timezone=timezone))
        every = _existing(rules, store, as_of, timezone)
        return {i: i in inside for i in every}
    if kind == "scoring":
        table = rules.scoring(name).score(store, as_of, timezone=timezone)
        return {row[0]: row[1] for row in table.rows}
    if kind == "grading":
        table = rules.grading(name).grade(store, as_of, timezone=timezone)
        return {row[0]: row[1] for row in table.rows}
    if kind == "tiers":
        table = rules.tiers(name).assign(store, as_of, timezone=timezone)
        return {row[0]: row[1] for row in table.rows}
    funnel = rules.funnel(name)
    stages = funnel.stage_names
    return {i: (stages[d] if d >= 0 else None)
            for i, d in funnel.depths(store, as_of, timezone=timezone).items()}


def _existing(rules: Rules, store: LeadSource, as_of: datetime, timezone: str | None
              ) -> list[str]:
    """The ids of the leads that exist as of ``as_of``."""
    tc = rules.time_context(as_of, timezone)
    return [lead[LEAD_KEY] for lead in store.leads()
            if lead.get("created_at") is None or lead["created_at"] <= tc.as_of]


def _labels(old: Rules, new: Rules, kind: str, name: str) -> list[str]:
    """Tiers, grades or stages in their order (the new file's, then any the old
    file alone has)."""
    from .ast import GRADES
    out: list[str] = []
    for rules in (new, old):
        if kind == "tiers":
            decl = rules.program.tiers_named(name)
            assert decl is not None
            found = [t.name for t in decl.tiers if t.name != "exclude"]
        elif kind == "funnel":
            found = list(rules.funnel(name).stage_names)
        elif kind == "grading":
            found = list(reversed(GRADES))
        else:
            found = []
        out.extend(x for x in found if x not in out)
    return out


def _counts(values: Iterable[Any], kind: str, labels: list[str]) -> dict[str, int]:
    values = list(values)
    if kind == "segment":
        return {"in": sum(1 for v in values if v)}
    if kind == "scoring":
        return {}
    counts = {label: sum(1 for v in values if v == label) for label in labels}
    counts = {k: n for k, n in counts.items() if n or kind != "grading"}
    none = sum(1 for v in values if v is None)
    if none:
        counts[NONE_LABEL] = none
    return counts
