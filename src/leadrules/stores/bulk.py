"""Importing a CSV folder at engine speed: the files are loaded as text by DuckDB's
own CSV reader and normalised there, in SQL, exactly as :mod:`leadrules.values`
normalises them in Python (for a DuckDB store in the new file itself; for
PostgreSQL in an in-memory DuckDB whose rows are streamed to ``COPY``).

Exactness comes from refusing, before anything is written, every input on which
the engine could read or convert differently from the Python loaders; those
folders go through the Python path (:func:`leadrules.loaders.read_folder`) as
before, which also gives every error its file, row and column.  The engine path
takes a folder when:

* every file holds no NUL and ends its lines all with LF or all with CRLF outside
  quoted cells (a CR elsewhere, as Python's ``csv`` reads it, is a line end to
  Python only); bytes that are not UTF-8 DuckDB refuses, as Python's strict
  decoder does;
* every ``"`` opens a cell (after ``,`` or a line end), and the cell closes with
  ``"`` followed by ``,`` or a line end, quotes inside doubled (RFC 4180); the
  header holds none;
* the header is one the Python loader accepts (names, required columns);
* (checked in the engine, in the one pass that reads the text and converts it)
  numbers are plain decimal or exponent notation with no white space, bools are
  ``true`` / ``false`` in any
  case, datetimes are ``YYYY-MM-DD`` optionally followed by ``T`` or a space,
  ``HH:MM``, optional ``:SS`` and 1-6 fraction digits, then optionally ``Z`` or
  an offset ``±HH:MM`` up to 14 hours, in the years 1000-9998 (the ISO-8601
  forms on which Python's ``datetime.fromisoformat`` and the engines agree),
  tags hold no white space other than spaces, lead ids are present and unique,
  and every event has its ``lead_id`` and ``occurred_at`` -- and the engine
  raised no error converting a value.

Lower-case shadow columns (``x__lower``, :mod:`.layout`) are DuckDB's ``lower()``
except for the distinct non-ASCII values where it differs from Python's
``str.lower()``: those Python computes and DuckDB joins in.  A DuckDB store keeps
engine shadows (``Layout.engine_shadows``): only the values DuckDB lower-cases
otherwise than Python, NULL elsewhere.  The rows stored are exactly those of the
Python path, ``seq`` included (a test compares them).
"""

from __future__ import annotations

import mmap
import re
import threading
from pathlib import Path
from typing import Any

import attrs

from .. import values
from ..loaders import csv_header, detect_format, extend_schema, table_files
from ..schema import EVENT_LEAD_KEY, EVENT_TIME, LEAD, LEAD_KEY, FieldType, Schema, Table
from .dbapi import quote
from .layout import SEQ, TAG_SEPARATOR, physical_columns


@attrs.frozen
class CsvFile:
    """One CSV file of the folder: its table and the columns of its header."""

    table: Table
    path: Path
    columns: tuple[str, ...]
    crlf: bool | None
    """Whether the lines end with CRLF; None while the bytes are not scanned yet
    (``plan(..., scan=False)``: :meth:`Normalizer.load` scans them)."""

    @property
    def empty(self) -> bool:
        """Whether the file has no header (no columns, no rows)."""
        return not self.columns


@attrs.frozen
class BulkPlan:
    """A CSV folder the engine can read exactly: the schema extended by its
    files, and the files (the lead file first)."""

    schema: Schema
    files: tuple[CsvFile, ...]

    def file(self, table: str) -> CsvFile | None:
        return next((f for f in self.files if f.table.name == table), None)


def plan(folder: Path, schema: Schema, *, scan: bool = True) -> BulkPlan | None:
    """The plan to import ``folder`` in the engine, or None when the Python path
    must read it (JSON Lines, or bytes on which the engines could differ; see the
    module's documentation).  Raises the loaders' :class:`DataError` for a folder
    that is not one (no lead file, mixed formats, misnamed files).

    ``scan=False`` leaves the scan of the files' bytes to :meth:`Normalizer.load`,
    which runs it in a thread while DuckDB reads the files (then ``load`` is False
    when the bytes decline the engine path)."""
    if detect_format(folder) != "csv":
        return None
    found: list[tuple[str, Path, list[str], bool | None]] = []
    for name, path in table_files(folder, schema):
        columns = csv_header(name, path)
        if columns is None:
            return None
        crlf = _scan(path) if scan else None
        if scan and crlf is None:
            return None
        schema = extend_schema(schema, name, columns)
        found.append((name, path, columns, crlf))
    files = []
    for name, path, columns, crlf in found:
        table = schema.table(name)
        assert table is not None
        files.append(CsvFile(table, path, tuple(columns), crlf))
    return BulkPlan(schema, tuple(files))


# ------------------------------------------------------------------ the bytes

_CHUNK = 1 << 24


def _scan(path: Path) -> bool | None:
    """Whether the file's lines end with CRLF (False: LF), or None when DuckDB
    could read the file differently from Python's ``csv`` module.  (DuckDB
    refuses bytes that are not UTF-8 as Python's strict decoder does, and lines
    ending in more than one way: the import then takes the Python path.)"""
    if path.stat().st_size == 0:
        return False
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        if mm.find(b"\x00") >= 0:
            return None
        first = mm.find(b"\n")
        if mm.find(b'"', 0, len(mm) if first < 0 else first) >= 0:
            return None
        quoted = _quoted_line_ends(mm)
        if quoted is None:
            return None
        if mm.find(b"\r") < 0:
            return False
        if quoted == (0, 0, 0):
            # No line break in a quoted cell (nearly every file): every CR is
            # followed by an LF (one search, no copy) and there are as many CRs
            # as LFs (counted in what is left when every other byte is deleted).
            if _LONE_RETURN.search(mm) is not None:
                return None
            returns = line_ends = 0
            for start in range(0, len(mm), _CHUNK):
                ends = mm[start:start + _CHUNK].translate(None, _NOT_LINE_ENDS)
                returns += ends.count(b"\r")
                line_ends += len(ends)  # CRs and LFs
            return True if 2 * returns == line_ends else None
        newlines, returns, pairs = (-n for n in quoted)
        for start in range(0, len(mm), _CHUNK):
            chunk = mm[start:start + _CHUNK]
            newlines += chunk.count(b"\n")
            returns += chunk.count(b"\r")
            pairs += chunk.count(b"\r\n")
            if chunk.endswith(b"\r") and mm[start + _CHUNK:start + _CHUNK + 1] == b"\n":
                pairs += 1
        # Outside quoted cells every line ends alike (inside, anything goes).
        return True if returns == pairs == newlines else None


_LONE_RETURN = re.compile(rb"\r(?!\n)")
_NOT_LINE_ENDS = bytes(b for b in range(256) if b not in b"\r\n")


_CELL_START = (ord(","), ord("\n"))
_CELL_END = (b"", b",", b"\r", b"\n")


def _quoted_line_ends(mm: mmap.mmap) -> tuple[int, int, int] | None:
    """The LFs, CRs and CRLFs inside quoted cells, or None unless every quoted
    cell is RFC 4180's (see the module's documentation)."""
    newlines = returns = pairs = 0
    pos = mm.find(b'"')
    while pos >= 0:
        if pos > 0 and mm[pos - 1] not in _CELL_START:
            return None
        close = pos + 1
        while True:
            close = mm.find(b'"', close)
            if close < 0:
                return None
            if mm[close + 1:close + 2] != b'"':
                break
            close += 2
        if mm[close + 1:close + 2] not in _CELL_END:
            return None
        cell = mm[pos:close]
        if b"\r" in cell or b"\n" in cell:
            newlines += cell.count(b"\n")
            returns += cell.count(b"\r")
            pairs += cell.count(b"\r\n")
        pos = mm.find(b'"', close + 1)
    return newlines, returns, pairs


# ------------------------------------------------------------------ the SQL

# The text forms DuckDB converts exactly as leadrules.values does (RE2 syntax).
NUMBER = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"
INTEGER = r"[+-]?[0-9]+"
BOOL = "[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]"
_YEAR = "(1[0-9]{3}|[2-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8])"
_DATE = _YEAR + "-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIME = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?"
_OFFSET = "(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])"
DATETIME = f"{_DATE}([T ]{_TIME}{_OFFSET}?)?"


WHITESPACE_BOUND = values.WHITESPACE_BOUND


def whitespace() -> str:
    """What Python's ``str.strip()`` removes besides ' ': a tag cell holding one
    goes the Python way (the engine's ``trim`` takes the characters it is given)."""
    return values.whitespace()[1:]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _full_match(value: str, pattern: str) -> str:
    return f"regexp_full_match({value}, {_literal(pattern)})"


def is_ascii(value: str) -> str:
    # Bytes = characters only when every character is one byte.
    return f"strlen({value}) = length({value})"


def staging_columns(file: CsvFile) -> list[str]:
    """The text columns the CSV is read as, one per CSV column: ``c0``, ``c1``, …"""
    return [f"c{i}" for i in range(len(file.columns))]


def _cell(file: CsvFile, field: str) -> str | None:
    """The staging column holding ``field``, or None when the file lacks it."""
    return f"c{file.columns.index(field)}" if field in file.columns else None


def _cast(ftype: FieldType, cell: str) -> str:
    # TRY_CAST, not CAST: the cells are converted in the pass that checks them
    # (a row that fails a check is counted, not converted); the same expression
    # in the check and the value is computed once (DuckDB's common
    # subexpression elimination).  An empty cell casts to NULL.
    return f"TRY_CAST({cell} AS {'DOUBLE' if ftype == FieldType.NUMBER else 'TIMESTAMPTZ'})"


def _value_check(ftype: FieldType, cell: str) -> str | None:
    """A condition true when the cell converts exactly in DuckDB."""
    present = f"{cell} IS NULL OR {cell} = '' OR "
    if ftype == FieldType.NUMBER:
        return (f"({present}({_full_match(cell, NUMBER)} "
                f"AND isfinite({_cast(ftype, cell)})))")
    if ftype == FieldType.BOOL:
        return f"({present}{_full_match(cell, BOOL)})"
    if ftype == FieldType.DATETIME:
        return (f"({present}({_full_match(cell, DATETIME)} "
                f"AND {_cast(ftype, cell)} IS NOT NULL))")
    if ftype == FieldType.TEXT_LIST:
        spaces = _literal("[" + whitespace() + "]")
        return f"({cell} IS NULL OR NOT regexp_matches({cell}, {spaces}))"
    return None


def _tags(cell: str) -> str:
    """The tags of a cell joined by ``|`` (as to_text_list splits and strips
    them), or NULL for none."""
    spaced = f"regexp_replace({cell}, ' *[|] *', '{TAG_SEPARATOR}', 'g')"
    runs = f"regexp_replace(trim({spaced}, ' '), '[|]+', '{TAG_SEPARATOR}', 'g')"
    return f"NULLIF(trim({runs}, '{TAG_SEPARATOR}'), '')"


def _value(ftype: FieldType, cell: str) -> str:
    """The normalised value of a cell that passes its check, typed as the DuckDB
    layout stores it."""
    text = f"NULLIF({cell}, '')"
    if ftype == FieldType.TEXT:
        return text
    if ftype == FieldType.NUMBER:
        # int("-0") is 0: an integer's zero is positive; a float's keeps its sign.
        number = _cast(ftype, cell)
        return (f"CASE WHEN {number} <> 0 THEN {number} "
                f"WHEN {_full_match(cell, INTEGER)} THEN 0.0 ELSE {number} END")
    if ftype == FieldType.BOOL:
        return f"lower({text}) = 'true'"
    if ftype == FieldType.DATETIME:
        return _cast(ftype, cell)
    if ftype == FieldType.TEXT_LIST:
        return _tags(cell)
    raise AssertionError(ftype)


def _lower(ftype: FieldType, value: str) -> str:
    """The shadow column of a normalised text or tags ``value`` by DuckDB's
    ``lower``: Python's ``str.lower()`` for ASCII, and for most other text."""
    if ftype == FieldType.TEXT:
        return f"NULLIF(lower({value}), {value})"
    return f"'{TAG_SEPARATOR}' || lower({value}) || '{TAG_SEPARATOR}'"


def _engine_lower(ftype: FieldType, value: str) -> str:
    """DuckDB's lower case of a text or tags ``value`` (tags as ``|a|b|``)."""
    if ftype == FieldType.TEXT:
        return f"lower({value})"
    return f"'{TAG_SEPARATOR}' || lower({value}) || '{TAG_SEPARATOR}'"


def python_lower(ftype: FieldType, value: str) -> str:
    """Python's lower case of a normalised text or tags value (tags as ``|a|b|``)."""
    if ftype == FieldType.TEXT_LIST:
        return TAG_SEPARATOR + TAG_SEPARATOR.join(
            t.lower() for t in value.split(TAG_SEPARATOR)) + TAG_SEPARATOR
    return value.lower()


def _not_blank(file: CsvFile) -> str:
    """Rows with a cell neither empty nor white space only (the loaders skip the
    others)."""
    spaces = _literal(values.whitespace())
    columns = staging_columns(file)
    trims = " OR ".join(f"trim({c}, {spaces}) <> ''" for c in columns)
    # Nearly every row starts with a printable ASCII character: only the
    # others pay for the trims.
    return f"(CASE WHEN ord({columns[0]}) BETWEEN 33 AND 126 THEN true ELSE ({trims}) END)"


def python_shadow(ftype: FieldType, value: str) -> str | None:
    """The shadow column of a normalised text or tags value, as :mod:`.layout`
    defines it (Python's ``str.lower()``)."""
    sep = TAG_SEPARATOR
    if ftype == FieldType.TEXT_LIST:
        return sep + sep.join(t.lower() for t in value.split(sep)) + sep
    low = value.lower()
    return None if low == value else low


class Normalizer:
    """A plan's files loaded as text into temporary tables of a DuckDB connection,
    checked, and turned into the layout's rows by :meth:`select`."""

    def __init__(self, conn: Any, plan: BulkPlan) -> None:
        self.conn = conn
        self.plan = plan
        self.staged: dict[str, str] = {}
        # (table, field) -> the table of the values DuckDB's lower() lower-cases
        # otherwise than Python's str.lower(), with Python's (``python_lower``).
        self.shadows: dict[tuple[str, str], str] = {}
        self._scanner: threading.Thread | None = None
        self._outcome: list[bool | BaseException] = []
        self._set = False

    def load(self) -> bool:
        """Read every file into a temporary table and check it; False when some
        value is not one DuckDB converts exactly (the Python path must read the
        folder) or DuckDB's reader refused the file."""
        self.start_scan()
        try:
            loaded = all(self.load_table(f.table.name) for f in self.plan.files)
        finally:
            scanned = self.scanned()
        return loaded and scanned

    def start_scan(self) -> None:
        """Start scanning the bytes of the files ``plan(..., scan=False)`` left
        unscanned, in a thread (Python, holding the GIL) that runs while DuckDB
        reads the files (its own threads, without it)."""
        pending = [f.path for f in self.plan.files if f.crlf is None]
        if not pending or self._scanner is not None:
            return
        outcome = self._outcome

        def scan() -> None:
            try:
                outcome.append(all(_scan(path) is not None for path in pending))
            except BaseException as exc:  # re-raised in the caller's thread
                outcome.append(exc)

        self._scanner = threading.Thread(target=scan, name="leadrules-scan", daemon=True)
        self._scanner.start()

    def scanned(self) -> bool:
        """Whether the bytes of every file allow the engine path (waits for the scan)."""
        if self._scanner is None:
            return True
        self._scanner.join()
        if isinstance(self._outcome[0], BaseException):
            raise self._outcome[0]
        return self._outcome[0]

    def load_table(self, table: str) -> bool:
        """Read the file of ``table`` into a temporary table and check it (the lead
        file first: the events' checks do not need it, their rows do); False as
        for :meth:`load`.  A table without a file is loaded trivially."""
        import duckdb
        conn = self.conn
        if not self._set:
            conn.execute("SET TimeZone = 'UTC'")
            # select() numbers rows in the order of an ordered subquery.
            conn.execute("SET preserve_insertion_order = true")
            self._set = True
        file = self.plan.file(table)
        if file is None or file.empty:
            return True
        index = self.plan.files.index(file)
        try:
            name = self.staged[table] = f"leadrules_stage_{index}"
            columns = ", ".join(f"'{c}': 'VARCHAR'" for c in staging_columns(file))
            path = _literal(str(file.path))
            conn.execute(
                f"CREATE TEMP TABLE {name} AS SELECT {self._staged(file)} FROM read_csv("
                f"{path}, header = true, columns = {{{columns}}}, delim = ',', quote = '\"', "
                f"escape = '\"', auto_detect = false, strict_mode = true) "
                f"WHERE {_not_blank(file)}")
            if conn.execute(self._check(file, name)).fetchone() != (0,):
                return False
        except duckdb.Error:
            return False
        self._fix_shadows(file, name)
        return True

    def drop(self) -> None:
        """Drop the temporary tables."""
        for name in [*self.staged.values(), *self.shadows.values()]:
            self.conn.execute(f"DROP TABLE IF EXISTS {name}")

    def _fix_shadows(self, file: CsvFile, staging: str) -> None:
        """Find, per text and tags field, the distinct non-ASCII values that
        DuckDB's ``lower()`` lower-cases otherwise than Python's (ASCII ones it
        cannot), and keep Python's lower case of them in a table of their own."""
        fields = {i: f for i, f in enumerate(file.table.fields)
                  if _cell(file, f.name) is not None
                  and f.type in (FieldType.TEXT, FieldType.TEXT_LIST)}
        if not fields:
            return
        # One statement for the table's fields; each takes its distinct values
        # first, so the ASCII test and lower() run once a value, not once a row.
        parts = [f"SELECT {i} AS f, v{i} AS v, {_engine_lower(f.type, f'v{i}')} AS l "
                 f"FROM (SELECT DISTINCT v{i} FROM {staging}) "
                 f"WHERE v{i} IS NOT NULL AND NOT {is_ascii(f'v{i}')}"
                 for i, f in fields.items()]
        wrong: dict[int, list[tuple[str, str | None]]] = {}
        for i, v, engine in self.conn.execute(" UNION ALL ".join(parts)).fetchall():
            python = python_lower(fields[i].type, v)
            if python != engine:
                wrong.setdefault(i, []).append((v, python))
        for i in sorted(wrong):
            name = f"leadrules_shadow_{len(self.shadows)}"
            self.shadows[(file.table.name, fields[i].name)] = name
            # Two list parameters: executemany binds row by row, slowly.
            self.conn.execute(f"CREATE TEMP TABLE {name} AS SELECT unnest(?::VARCHAR[]) AS v, "
                              "unnest(?::VARCHAR[]) AS l",
                              [[v for v, _ in wrong[i]], [low for _, low in wrong[i]]])

    def _staged(self, file: CsvFile) -> str:
        """The staging table's columns, from the file's text cells in one pass: ``ok``,
        whether DuckDB converts every cell of the row exactly and the row has its
        required cells, then ``v{i}``, the normalised value of the table's field
        ``i`` (for the fields the file has)."""
        conditions = []
        values = []
        for i, f in enumerate(file.table.fields):
            cell = _cell(file, f.name)
            if cell is None:
                continue
            values.append(f"{_value(f.type, cell)} AS v{i}")
            check = _value_check(f.type, cell)
            if check is not None:
                conditions.append(check)
        required = [LEAD_KEY] if file.table.is_lead else [EVENT_LEAD_KEY, EVENT_TIME]
        for name in required:
            cell = _cell(file, name)
            assert cell is not None  # the header check saw it
            conditions.append(f"{cell} <> ''")
        return f"COALESCE({' AND '.join(conditions)}, false) AS ok, {', '.join(values)}"

    def _check(self, file: CsvFile, staging: str) -> str:
        """A query counting the rows DuckDB cannot convert exactly (0: all can),
        for the lead file plus the duplicate ids."""
        query = "SELECT count(*) FILTER (WHERE NOT ok)"
        if file.table.is_lead:
            key = f"v{file.table.field_names.index(LEAD_KEY)}"
            query += f" + count(*) - count(DISTINCT {key})"
        return f"{query} FROM {staging}"

    def lead_count(self) -> int:
        """The number of leads staged (0 before the lead file is loaded)."""
        staging = self.staged.get(LEAD)
        if staging is None:
            return 0
        ((count,),) = self.conn.execute(f"SELECT count(*) FROM {staging}").fetchall()
        return int(count)

    def select(self, table: Table, *, by_lead_position: bool = False,
               as_text: bool = False, numbered: bool = True,
               lead_range: bool = False, engine_shadows: bool = False) -> str | None:
        """The query of ``table``'s rows in the layout (:func:`.layout.physical_columns`),
        in ``seq`` order; None when the folder has no rows for it.  Events are
        numbered by lead id, then time, ties in file order (the order SQLite
        and DuckDB stores number them), or with ``by_lead_position`` by the
        lead's place in the lead file first (PostgreSQL's).  ``as_text``: every
        value as text (numbers shortest round trip, times ``…+00``).

        ``numbered=False``: the rows in the same order with ``seq`` 0, for an
        ``INSERT`` into a new DuckDB table followed by :func:`number_rows`.
        Numbering as the rows come out of the sort is a streaming window, which
        DuckDB runs on one thread (with everything after it); without it the
        shadow columns are computed after the sort (fewer bytes sorted) and the
        sorted rows are inserted in parallel, in order.

        ``lead_range`` (events, with ``by_lead_position``): the rows of the leads
        whose place in the lead file lies between the parameters ``$low`` and
        ``$high`` only, their ``seq`` counted from ``$first``.

        ``engine_shadows``: the shadow columns as a DuckDB store of engine shadows
        keeps them (``Layout.engine_shadows``): Python's lower case only of the
        values DuckDB's ``lower()`` lower-cases otherwise, NULL elsewhere."""
        file = self.plan.file(table.name)
        staging = self.staged.get(table.name)
        lead_staging = self.staged.get(LEAD)
        if file is None or staging is None or lead_staging is None:
            return None
        inner = ["rowid AS rn"]
        for i, f in enumerate(table.fields):
            inner.append(f"v{i}" if _cell(file, f.name) is not None else f"NULL AS v{i}")
        source = f"(SELECT {', '.join(inner)} FROM {staging}) r"
        joined = ["r.*"]
        joins = []
        lead_shadow = None
        if table.is_lead:
            order = ["r.rn"]
        else:
            key = f"v{self.plan.schema.lead.field_names.index(LEAD_KEY)}"
            lead_id = table.field_names.index(EVENT_LEAD_KEY)
            time = table.field_names.index(EVENT_TIME)
            # The event's lead_id equals its lead's id (the join drops the others), so
            # its shadow is the lead id's, lower-cased once per lead, not per event.
            low = "NULL::VARCHAR" if engine_shadows else _lower(FieldType.TEXT, f"k.{key}")
            fixed = self.shadows.get((LEAD, LEAD_KEY))
            fix_join = ""
            if fixed is not None:
                fix_join = f" LEFT JOIN {fixed} kf ON kf.v = k.{key}"
                low = ("kf.l" if engine_shadows else
                       f"CASE WHEN kf.v IS NULL THEN {low} ELSE NULLIF(kf.l, k.{key}) END")
            part = " WHERE k.rowid BETWEEN $low AND $high" if lead_range else ""
            joins.append(f"JOIN (SELECT k.rowid AS lead_rn, k.{key} AS lead_key, "
                         f"{low} AS lead_low FROM {lead_staging} k{fix_join}{part}) l "
                         f"ON l.lead_key = r.v{lead_id}")
            joined += ["l.lead_rn", "l.lead_low"]
            lead_shadow = "j.lead_low"
            order = ["l.lead_rn" if by_lead_position else f"r.v{lead_id}", f"r.v{time}", "r.rn"]
        select = []
        for i, f in enumerate(table.fields):
            select.append(f"j.v{i}")
            if f.type in (FieldType.TEXT, FieldType.TEXT_LIST):
                shadow = "NULL::VARCHAR" if engine_shadows else _lower(f.type, f"j.v{i}")
                fixed = self.shadows.get((table.name, f.name))
                if lead_shadow is not None and f.name == EVENT_LEAD_KEY:
                    shadow = lead_shadow
                elif fixed is not None:
                    joins.append(f"LEFT JOIN {fixed} m{i} ON m{i}.v = r.v{i}")
                    joined += [f"m{i}.v IS NOT NULL AS h{i}", f"m{i}.l AS f{i}"]
                    python = (f"NULLIF(j.f{i}, j.v{i})" if f.type == FieldType.TEXT
                              else f"j.f{i}")
                    shadow = (f"j.f{i}" if engine_shadows else
                              f"CASE WHEN j.h{i} THEN {python} ELSE {shadow} END")
                select.append(shadow)
        seq = "row_number() OVER () - 1" + (" + $first" if lead_range else "")
        if as_text:
            select = [f"CAST({s} AS VARCHAR)" for s in select]
            seq = f"CAST({seq} AS VARCHAR)"
        columns = [quote(c) for c, _ in physical_columns(table)]
        named = ", ".join(f"{s} AS {c}" for s, c in zip(select, columns[1:], strict=True))
        rows = f"SELECT {', '.join(joined)} FROM {source} {' '.join(joins)}"
        if not numbered:
            if table.is_lead and not joins:
                # The staging table's rows in rowid order: a plain scan keeps it
                # (preserve_insertion_order), without sorting 200,000 wide rows.
                return f"SELECT 0 AS {columns[0]}, {named} FROM ({rows}) j"
            return (f"SELECT 0 AS {columns[0]}, {named} FROM ({rows} "
                    f"ORDER BY {', '.join(order)}) j")
        # One sort: the rows in key order, then numbered as they come (a streaming
        # window over an ordered subquery keeps its order: DuckDB preserves the
        # order of an ORDER BY through it, preserve_insertion_order being on).
        # (The sort keys by the columns' names in the joined rows, which no field's
        # name can shadow: ``j.`` + the part after ``r.`` / ``l.``.)
        by = ", ".join("j." + o.split(".")[1] for o in order)
        ordered = f"SELECT {named} FROM ({rows}) j ORDER BY {by}"
        return f"SELECT {seq} AS {columns[0]}, s.* FROM ({ordered}) s"


def number_rows(conn: Any, table: Table) -> None:
    """Set ``seq`` of a new DuckDB table filled by ``select(…, numbered=False)`` to
    each row's position: the ``rowid`` of a table's rows counts them in insertion
    order, which an ``INSERT … ORDER BY`` keeps (``preserve_insertion_order``), from
    an offset while the transaction that inserted them is open."""
    name = quote(table.name)
    conn.execute(f"UPDATE {name} SET {quote(SEQ)} = rowid - (SELECT min(rowid) FROM {name})")
