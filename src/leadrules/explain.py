"""Why one lead is (or is not) in a segment: the tree of blocks with evidence.

The explainer walks the segment's AST and evaluates each node on its own,
compiling every condition with the same :class:`~leadrules.compile_python.Codegen`
as the fast evaluator and computing aggregates with the same
:mod:`leadrules.runtime` functions, so an explanation never disagrees with
``select`` / ``matches`` (a property test holds them to that).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from . import ast, runtime
from .check import Program
from .compile_python import Codegen, Events, Record
from .dates import TimeContext
from .format import format_expr
from .schema import EVENT_TIME, LEAD

MAX_EVIDENCE = 20


@attrs.frozen
class Explanation:
    """One node of an explanation: a piece of the rule, whether it held, and why."""

    text: str
    result: bool
    detail: str | None = None
    label: str | None = None
    children: tuple[Explanation, ...] = ()
    events: tuple[Record, ...] = ()

    def render(self, indent: int = 0) -> str:
        """The tree as indented text, ✓ for true and ✗ for false."""
        mark = "✓" if self.result else "✗"
        head = f"{self.label}: " if self.label else ""
        line = f"{'  ' * indent}{mark} {head}{self.text}"
        if self.detail:
            line += f"  — {self.detail}"
        out = [line]
        for e in self.events:
            out.append(f"{'  ' * (indent + 2)}· {_event_summary(e)}")
        out.extend(c.render(indent + 1) for c in self.children)
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON): text, result, detail, label, children, events."""
        return {
            "text": self.text, "result": self.result, "detail": self.detail,
            "label": self.label, "children": [c.to_dict() for c in self.children],
            "events": [{k: _plain(v) for k, v in e.items()} for e in self.events],
        }

    def __str__(self) -> str:
        return self.render()


def _plain(v: Any) -> Any:
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, tuple):
        return list(v)
    return v


def _event_summary(e: Record) -> str:
    parts = [str(e.get(EVENT_TIME))]
    parts += [f"{k}={v!r}" for k, v in e.items()
              if k not in (EVENT_TIME, "lead_id") and v is not None]
    return " ".join(parts)


def _show(v: Any) -> str:
    if v is None:
        return "missing"
    if hasattr(v, "isoformat"):
        return str(v.isoformat())
    if isinstance(v, tuple):
        return "[" + ", ".join(repr(x) for x in v) + "]"
    return repr(v)


class Explainer(Codegen):
    """Evaluates one lead node by node, recording evidence."""

    def __init__(self, program: Program, tc: TimeContext) -> None:
        super().__init__(program)
        self.tc = tc
        self.namespace: dict[str, Any] = {}

    def predicate(self, source: str) -> Callable[..., Any]:
        """Compile ``lambda r: <source>`` with the constants generated so far."""
        self.namespace.update(self.fixed)
        self.namespace.update({k: fn(self.tc) for k, fn in self.timed.items()
                               if k not in self.namespace})
        fn: Callable[..., Any] = eval(
            compile(f"lambda r: {source}", "<leadrules-explain>", "eval"), self.namespace)
        return fn

    def segment(self, seg: ast.Segment, lead: Record, events: Events) -> Explanation:
        blocks = {b.label: self.expr(b.expr, lead, events) for b in seg.blocks}
        labelled = tuple(attrs.evolve(x, label=label) for label, x in blocks.items())
        if seg.match is not None:
            match = self.expr(seg.match, lead, events, blocks)
            children = (attrs.evolve(match, text=f"match {match.text}"), *labelled)
            result = match.result
        else:
            children = labelled
            result = all(x.result for x in labelled)
        title = f' "{seg.title}"' if seg.title else ""
        verdict = "in the segment" if result else "not in the segment"
        return Explanation(f"segment {seg.name}{title}", result, verdict, None, children)

    def expr(self, e: ast.Expr, lead: Record, events: Events,
             blocks: Mapping[str, Explanation] | None = None) -> Explanation:
        text = format_expr(e)
        if isinstance(e, ast.LabelRef):
            assert blocks is not None
            return Explanation(text, blocks[e.label].result, "see block " + e.label)
        if isinstance(e, ast.SegmentRef):
            seg = self.program.segment(e.name)
            assert seg is not None
            inner = self.segment(seg, lead, events)
            return Explanation(text, inner.result, None, None, (inner,))
        if isinstance(e, ast.Not):
            child = self.expr(e.item, lead, events, blocks)
            return Explanation(text, not child.result, None, None, (child,))
        if isinstance(e, ast.And | ast.Or):
            children = tuple(self.expr(i, lead, events, blocks) for i in e.items)
            combine = all if isinstance(e, ast.And) else any
            return Explanation(text, combine(c.result for c in children), None, None, children)
        if isinstance(e, ast.FieldTest):
            return self.field_test(e, LEAD, lead)
        if isinstance(e, ast.LeadBlock):
            children = tuple(self.condition_tree(c, LEAD, lead) for c in e.conditions)
            combine = all if e.mode == "all" else any
            return Explanation(text, combine(c.result for c in children), None, None, children)
        assert isinstance(e, ast.EventBlock)
        return self.event_block(e, events)

    def field_test(self, e: ast.FieldTest, table: str, record: Record) -> Explanation:
        ftype = self.program.field_type(table, e.field)
        held = bool(self.predicate(self.test(e.test, ftype, f"r[{e.field!r}]"))(record))
        return Explanation(format_expr(e), held, f"{e.field} is {_show(record[e.field])}")

    def condition_tree(self, e: ast.Expr, table: str, record: Record) -> Explanation:
        if isinstance(e, ast.FieldTest):
            return self.field_test(e, table, record)
        if isinstance(e, ast.Not):
            child = self.condition_tree(e.item, table, record)
            return Explanation(format_expr(e), not child.result, None, None, (child,))
        assert isinstance(e, ast.And | ast.Or)
        children = tuple(self.condition_tree(i, table, record) for i in e.items)
        combine = all if isinstance(e, ast.And) else any
        return Explanation(format_expr(e), combine(c.result for c in children), None, None,
                           children)

    def event_block(self, e: ast.EventBlock, events: Events) -> Explanation:
        existing = [x for x in events.get(e.source, ()) if x[EVENT_TIME] <= self.tc.as_of]
        if e.conditions is None:
            selected = existing
        else:
            keep = self.predicate(self.conditions(e.conditions, e.mode, e.source, "r"))
            selected = [x for x in existing if keep(x)]
        base = f"{len(selected)} of {len(existing)} {e.source} events matched"
        if e.per is None:
            held, facts = self.quantifiers(e.quantifiers, e.source, selected)
            detail = "; ".join([base, *facts])
            evidence = selected
        else:
            held, detail, evidence = False, base + f"; no {e.per} group satisfies it", []
            for group in runtime.groups(selected, e.per):
                ok, facts = self.quantifiers(e.quantifiers, e.source, group)
                if ok:
                    key = _show(group[0][e.per])
                    held, evidence = True, group
                    detail = "; ".join([base, f"{e.per} {key}: " + ", ".join(facts)])
                    break
        return Explanation(format_expr(e), held, detail, None, (),
                           tuple(evidence[:MAX_EVIDENCE]))

    def quantifiers(self, qs: Sequence[ast.Quantifier], source: str, selected: list[Record]
                    ) -> tuple[bool, list[str]]:
        held, facts = True, []
        for q in qs:
            if isinstance(q, ast.AnyEvent):
                ok = len(selected) > 0
                facts.append(f"exists: {'yes' if ok else 'no'}")
            elif isinstance(q, ast.NoEvent):
                ok = len(selected) == 0
                facts.append(f"none: {'yes' if ok else 'no'}")
            else:
                value = runtime.aggregate(q.func, q.field, selected)
                check = self.predicate(self.test(q.test, self.aggregate_type(q, source), "r"))
                ok = bool(check(value))
                name = q.func + (f" {q.field}" if q.field else "")
                facts.append(f"{name} = {_show(value)} ({'holds' if ok else 'fails'})")
            held = held and ok
        return held, facts
