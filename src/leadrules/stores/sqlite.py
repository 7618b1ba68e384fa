"""SQLiteStore: the embedded default, on the standard library's ``sqlite3``.

Layout (see :mod:`.layout`): datetimes are integer microseconds (UTC), so a
``within 30 days`` filter is an integer range.  Each event table is a
``WITHOUT ROWID`` table whose primary key is ``(lead_id, occurred_at, seq)``:
the events of one lead are stored together, in time order, so both query
shapes — one correlated probe per lead, or one pass over a source — read
them sequentially, and ``events_of`` is a single range scan.

``matches`` runs Python's ``re`` (the evaluator's own
:func:`~leadrules.compile_python.regex`) through a registered ``REGEXP``
function, so regular expressions behave exactly as in memory.  ``POWER``
(score decay) is SQLite's built-in math function where the library has it
(it calls C ``pow``, as Python's ``**`` on floats does), else a registered
Python ``**``.
"""

from __future__ import annotations

import functools
import itertools
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..compile_python import regex
from ..errors import StoreError
from ..memory import MemoryStore
from ..schema import LEAD_KEY, Schema
from .dbapi import (
    Row,
    SqlStore,
    create_statements,
    layout_of,
    meta_rows,
    quote,
    schema_from_rows,
    schema_rows,
)
from .layout import FIELD_TABLE, META_TABLE, SEQ, check_names, row_encoder, sqlite_insert


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> Any:
    return regex(pattern)


def _regexp(pattern: str | None, value: str | None) -> bool | None:
    # SQLite calls REGEXP(pattern, value) for "value REGEXP pattern".
    if pattern is None or value is None:
        return None
    return _compiled(pattern).search(value) is not None


def _power(base: float | None, exponent: float | None) -> float | None:
    # Python's float power (C pow), the operator the evaluator's decay uses.
    if base is None or exponent is None:
        return None
    value: float = float(base) ** float(exponent)
    return value


def prepare_connection(connection: sqlite3.Connection) -> None:
    """Register the functions the compiled queries use: ``REGEXP``, and ``POWER``
    where SQLite lacks it (its math functions are a compile-time option, built
    in since 3.35; the built-in one is C ``pow``, which Python's float ``**``
    also calls, and is ten times faster than a Python callback)."""
    connection.create_function("regexp", 2, _regexp, deterministic=True)
    if not has_builtin_power(connection):
        connection.create_function("power", 2, _power, deterministic=True)


def has_builtin_power(connection: sqlite3.Connection) -> bool:
    """Whether this SQLite library has the built-in math function ``power``."""
    try:
        connection.execute("SELECT power(0.5, 2.0)").fetchone()
    except sqlite3.OperationalError:
        return False
    return True


class SQLiteStore(SqlStore):
    """Leads and events in a SQLite database file (or an open ``sqlite3`` connection).

    ``schema`` adds fields and sources the file lacks (they read as missing).
    """

    engine = "sqlite"
    shape = "correlated"

    def __init__(self, path_or_connection: str | os.PathLike[str] | sqlite3.Connection, *,
                 schema: Schema | None = None) -> None:
        if isinstance(path_or_connection, sqlite3.Connection):
            self._conn = path_or_connection
            self._owned = False
        else:
            path = Path(path_or_connection)
            if not path.is_file():
                raise StoreError(f"no SQLite store at {path}")
            try:
                # Read-only: selecting never writes; as_uri escapes '?' and '#'.
                self._conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                             check_same_thread=False)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open {path}: {exc}") from None
            self._owned = True
        prepare_connection(self._conn)
        stored = _read_schema(self._conn, str(path_or_connection))
        super().__init__(stored, layout_of(stored, datetime_as_micros=True), schema)

    def _fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        try:
            return self._conn.execute(sql, dict(params)).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite failed: {exc}") from None

    def close(self) -> None:
        if self._owned:
            self._conn.close()

    # -- writing -----------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike[str], data: MemoryStore) -> SQLiteStore:
        """Write ``data`` to a new SQLite file at ``path`` (which must not exist) and open it."""
        target = Path(path)
        if target.exists():
            raise StoreError(f"{target} already exists")
        conn = sqlite3.connect(target)
        try:
            write(conn, data)
        except BaseException:
            conn.close()
            target.unlink(missing_ok=True)
            raise
        conn.close()
        return cls(target)


def write(conn: sqlite3.Connection, data: MemoryStore) -> None:
    """Create the layout's tables in an empty database and load ``data`` into them.

    Built for speed (``docs/benchmarks.md`` has the figures): no journal, no
    syncing and a large page cache (the importer builds a new file and
    renames it into place, so a crash leaves only a temp file behind); one
    generated encoder per table whose rows bind no ``None`` (see
    :func:`~.layout.row_encoder`); rows streamed to ``executemany`` without
    intermediate lists; each ``WITHOUT ROWID`` event table filled in its
    primary-key order (lead id, then time) so every insert appends to the
    B-tree; the secondary index built after the load.
    """
    schema = data.schema
    check_names(schema)
    for pragma in _BUILD_PRAGMAS:
        conn.execute(pragma)
    conn.execute("BEGIN")
    for statement in create_statements(schema, "sqlite", clustered_events=True):
        conn.execute(statement)
    conn.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)", meta_rows())
    conn.executemany(f"INSERT INTO {FIELD_TABLE} VALUES (?, ?, ?, ?, ?)", schema_rows(schema))
    leads = data.leads()
    for table in schema.tables:
        encode = row_encoder(table, "sqlite", bind_nulls=False)
        insert = sqlite_insert(quote(table.name), table)
        records = leads if table.is_lead else _in_key_order(data, leads, table.name)
        conn.executemany(insert, map(encode, itertools.count(), records))
    conn.execute(f'CREATE INDEX "lead_{SEQ}" ON "lead" ("{SEQ}")')
    conn.execute("COMMIT")
    conn.execute(f"PRAGMA analysis_limit = {_ANALYSIS_LIMIT}")
    conn.execute("ANALYZE")


# Durability is not needed while the temporary file is built (see write).
_BUILD_PRAGMAS = ("PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF",
                  "PRAGMA locking_mode = EXCLUSIVE", "PRAGMA temp_store = MEMORY",
                  "PRAGMA cache_size = -1048576")  # KiB: up to 1 GiB of pages
# Rows ANALYZE samples per index: enough for the planner's choices, and it
# keeps ANALYZE of 20M events to a fraction of a second.
_ANALYSIS_LIMIT = 2000


def _in_key_order(data: MemoryStore, leads: Sequence[dict[str, Any]], source: str
                  ) -> Iterator[dict[str, Any]]:
    """The events of ``source`` ordered by the table's key ``(lead_id, occurred_at, seq)``.

    ``events_of`` gives each lead's events in time order (ties in stored
    order); leads are visited in id order (code-point order, which is
    SQLite's BINARY collation of UTF-8).  ``seq`` counts in this order, so
    events at the same instant keep their stored order.
    """
    ids = [lead[LEAD_KEY] for lead in leads]
    if any(a > b for a, b in itertools.pairwise(ids)):
        ids.sort()
    events_of = data.events_of
    for lead_id in ids:
        yield from events_of(lead_id)[source]


def _read_schema(conn: sqlite3.Connection, where: str) -> Schema:
    try:
        rows = conn.execute(f"SELECT tpos, tbl, pos, name, type FROM {FIELD_TABLE}").fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{where} is not a leadrules SQLite store ({exc}); "
                         "make one with 'leadrules import SRC --into FILE.db'") from None
    return schema_from_rows(rows)
