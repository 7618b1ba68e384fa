"""Checked rules -> SQL: one sqlglot tree rendered for each dialect.

:mod:`.dialects` (the dialect names), :mod:`.layout` (where a store keeps its
tables) and :mod:`.regex` (``matches`` patterns per engine) need nothing but
the standard library; the compiler itself needs sqlglot (an extra) and is
imported when first used.
"""

from typing import Any

_COMPILER = ("SHAPES", "NotInSql", "Shape", "SqlQuery", "compile_depths", "compile_grading",
             "compile_score_rows", "compile_scoring", "compile_segment", "compile_stage_events",
             "compile_tiers")

__all__ = list(_COMPILER)


def __getattr__(name: str) -> Any:
    if name in _COMPILER:
        from .dialects import require_sqlglot
        require_sqlglot()
        from . import compiler
        return getattr(compiler, name)
    raise AttributeError(name)
