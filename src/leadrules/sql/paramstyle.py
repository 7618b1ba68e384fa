"""A query's placeholders in the parameter style of the engine's Python client.

sqlglot writes one placeholder form per dialect (``:p1`` for Spark, Snowflake
and Trino, ``@p1`` for BigQuery, ``%(p1)s`` for PostgreSQL).  The clients
people run that SQL through do not all read it: Trino's ``trino`` package and
DB-API drivers with ``paramstyle = "qmark"`` take ``?`` with the values in
order, the Snowflake connector's default is ``pyformat`` (``%(p1)s``, with
every other ``%`` doubled), BigQuery's DB-API is ``pyformat`` too.  PEP 249
names five styles; :func:`bind` renders any of them:

========== ============ ===========================================
style      placeholder  values
========== ============ ===========================================
named      ``:p1``      a dict
qmark      ``?``        a list, in the order the placeholders appear
numeric    ``:1``       a list; ``:N`` is its N-th value (1-based)
format     ``%s``       a list, in order; other ``%`` doubled
pyformat   ``%(p1)s``   a dict; other ``%`` doubled
========== ============ ===========================================

Only placeholders are rewritten, never values: each placeholder of the tree
is first renamed to a token no SQL text can hold by chance (a random tag),
the tree is rendered by sqlglot for the dialect, and those tokens -- and only
they, all of them, checked by count -- are replaced by the style's marks.
"""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING, Any, Literal

from sqlglot import exp

if TYPE_CHECKING:
    from .query import SqlQuery

Style = Literal["named", "qmark", "numeric", "format", "pyformat"]
STYLES: tuple[Style, ...] = ("named", "qmark", "numeric", "format", "pyformat")

CLIENT_STYLES: dict[str, Style] = {
    "sqlite": "named",      # sqlite3 accepts named (:p1) and qmark
    "postgres": "pyformat",  # psycopg
    "duckdb": "qmark",      # duckdb's Python API: ? or $1
    "spark": "named",       # spark.sql(query, args={...})
    "bigquery": "pyformat",  # google.cloud.bigquery.dbapi
    "snowflake": "pyformat",  # snowflake-connector-python's default
    "trino": "qmark",       # the trino package's DB-API
}
"""The style each dialect's usual Python client reads by default."""


def tagged_sql(tree: exp.Expr, dialect: str, *, pretty: bool = False
               ) -> tuple[str, str, int]:
    """``tree`` rendered for ``dialect`` with each placeholder renamed ``TAG_NAME``
    (a random tag no SQL text holds by chance), the tag, and how many
    placeholders the tree has.  Renamed in place and put back however rendering
    ends (a sqlglot ``transform`` copies the tree node by node: minutes for a
    20,000-way ``or``)."""
    tag = f"lrp{secrets.token_hex(6)}"
    placeholders = [(n, n.this) for n in tree.find_all(exp.Placeholder)]
    try:
        for node, this in placeholders:
            node.set("this", f"{tag}_{this or ''}")
        text = tree.sql(dialect=dialect, pretty=pretty, copy=False)
    finally:
        for node, this in placeholders:
            node.set("this", this)
    return text, tag, len(placeholders)


def bind(query: SqlQuery, style: Style, *, pretty: bool = False
         ) -> tuple[str, dict[str, Any] | list[Any]]:
    """The query's text with ``style`` placeholders, and the values to pass with it."""
    text, tag, count = tagged_sql(query.tree, query.dialect, pretty=pretty)
    token = re.compile(rf"[:@$]?{tag}_(\w+?)\b|%\({tag}_(\w+?)\)s|\?{tag}_(\w+?)\b")
    found = list(token.finditer(text))
    if len(found) != count or tag in token.sub("", text):
        raise AssertionError(f"placeholders of the {query.dialect} query not all found")
    escape = style in ("format", "pyformat")
    out: list[str] = []
    values: list[Any] = []
    at = 0
    for match in found:
        name = next(g for g in match.groups() if g is not None)
        out.append(text[at:match.start()].replace("%", "%%") if escape
                   else text[at:match.start()])
        if style == "named":
            out.append(f":{name}")
        elif style == "pyformat":
            out.append(f"%({name})s")
        elif style == "numeric":
            names = list(query.params)
            out.append(f":{names.index(name) + 1}")
        else:  # qmark, format: the values in order of appearance, repeats included
            out.append("?" if style == "qmark" else "%s")
            values.append(query.params[name])
        at = match.end()
    out.append(text[at:].replace("%", "%%") if escape else text[at:])
    if style in ("named", "pyformat"):
        return "".join(out), dict(query.params)
    if style == "numeric":
        return "".join(out), list(query.params.values())
    return "".join(out), values
