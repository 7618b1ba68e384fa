"""What Spark SQL needs beyond sqlglot's ``spark`` dialect.

Spark plans ``NOT (x IN (SELECT …))`` as a null-aware anti join, which it can
only run as a broadcast hash join: at warehouse scale the whole subquery would
be broadcast to every executor.  A correlated ``NOT EXISTS`` (and ``EXISTS``)
on an equality is planned as an ordinary anti (semi) join, sort-merge when
both sides are large.  :func:`exists_probes` rewrites every ``x IN
(subquery)`` of a tree into::

    EXISTS (SELECT 1 FROM (subquery) AS lr_probe_N(lr_k) WHERE lr_probe_N.lr_k = x)

The test is the same for the ids the compiler probes (a lead id is never
NULL); where the subquery yields a NULL (an event whose lead id is missing),
``EXISTS`` is exactly the membership the in-memory evaluator tests, where
``IN`` would be NULL.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from sqlglot import exp

if TYPE_CHECKING:
    from sqlglot.expressions import Expr as Node

PROBE_KEY = "lr_k"


def exists_probes(tree: Node) -> Node:
    """``tree`` with each ``x IN (subquery)`` an ``EXISTS`` probe (see the module)."""
    counter = itertools.count(1)

    def rewrite(node: Node) -> Node:
        if not isinstance(node, exp.In):
            return node
        query = node.args.get("query")
        if query is None:
            return node
        inner = query.this if isinstance(query, exp.Subquery) else query
        alias = f"lr_probe_{next(counter)}"
        derived = exp.Subquery(this=inner, alias=exp.TableAlias(
            this=exp.to_identifier(alias),
            columns=[exp.to_identifier(PROBE_KEY)]))
        probe = (exp.select(exp.Literal.number(1), copy=False).from_(derived, copy=False)
                 .where(exp.EQ(this=exp.column(PROBE_KEY, table=alias),
                               expression=node.this), copy=False))
        return exp.Exists(this=probe)

    # A copy: the compiler shares nodes between parents (its builders do not copy),
    # which an in-place rewrite through parent links would corrupt.
    return tree.transform(rewrite)
