"""Checked rules -> SQL: one sqlglot tree rendered for each dialect.

:mod:`.dialects` (the dialect names) and :mod:`.layout` (where a store keeps
its tables) need nothing but the standard library (``matches`` patterns are
rewritten per engine by :mod:`leadrules.regex`, shared with the evaluator).
The compiler needs sqlglot (an extra) and is imported
when first used; it is three layers: :mod:`.expressions` (conditions, event
blocks, quantifiers), :mod:`.models` (scores, grades, tiers, funnel depths)
and :mod:`.query` (query assembly and the ``compile_*`` entry points).
"""

from typing import Any

_COMPILER = ("SHAPES", "NotInSql", "ScoreRowsQuery", "Shape", "SqlQuery", "compile_depths",
             "compile_grading", "compile_score_rows", "compile_scoring", "compile_segment",
             "compile_segment_flags", "compile_stage_events", "compile_tiers")

__all__ = list(_COMPILER)


def __getattr__(name: str) -> Any:
    if name in _COMPILER:
        from .dialects import require_sqlglot
        require_sqlglot()
        from . import query
        return getattr(query, name)
    raise AttributeError(name)
