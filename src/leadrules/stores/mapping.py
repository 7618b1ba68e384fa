"""Mappings: rules over the user's own tables (``mapping=`` / ``--map FILE``).

A mapping names, per schema table (``lead`` and each event source), the
user's table or view and the column of each field::

    {"lead": {"table": "crm.contacts", "id": "contact_id", "email": "email_address"},
     "tracking": {"table": "web.page_views", "lead_id": "contact_id",
                  "occurred_at": "viewed_at", "path": "page_path"}}

A field's entry is a column name, or a table with ``column`` and one of
``separator`` (a list of text kept as delimited text) or ``epoch`` (``"s"``,
``"ms"``, ``"us"``: a datetime kept as a number).  ``seq`` names a column
ordering events at one instant (optional).  Unmapped fields are missing,
unmapped sources empty.  :func:`resolve` reads each column's type from the
database and decides how it is read (:class:`leadrules.sql.layout.Column`),
refusing a column whose type cannot hold the field's (docs/stores.md, "Your
own tables").
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from ..errors import Diagnostic, UsageError, near_miss, not_utf8
from ..schema import (
    DEFAULT_SCHEMA,
    EVENT_LEAD_KEY,
    EVENT_TIME,
    LEAD,
    LEAD_KEY,
    Field,
    FieldType,
    Schema,
    Table,
)
from ..sql.layout import LOWER_SUFFIX, Column, Layout, Read, Source, TableLayout
from ..toml_positions import decode_error, locate, positions, source_line
from .layout import FRAME_ROW

MappingSpec = Mapping[str, Mapping[str, Any]]
Describe = Callable[[tuple[str, ...]], Sequence[tuple[str, str]] | None]
"""The columns ``(name, engine type)`` of a table or view, or None if there is none."""
Tables = Callable[[], Sequence[str]]
"""The tables and views a mapping could name, as it would name them (``contacts``,
``crm.contacts``): asked only when a mapping names one that does not exist, to
suggest the one meant."""

Kind = Literal["text", "integer", "float", "bool", "timestamptz", "timestamp", "text_array",
               "uuid", "any", "null", "other", "enum", "date", "nanos",
               "timestamp_other"]

_EPOCHS = {"s": 1_000_000, "ms": 1_000, "us": 1}
_HINT = "see docs/stores.md, 'Your own tables'"


class MappingFile(dict[str, Any]):
    """A mapping read from a file: the dict, and where it came from, so that an
    error in its content names the file, line and column of the key at fault."""

    def __init__(self, content: dict[str, Any], file: str, text: str) -> None:
        super().__init__(content)
        self.file = file
        self.text = text

    def place(self, path: tuple[str, ...]) -> tuple[int, int] | None:
        return locate(positions(self.text), path)


class FrameColumns(dict[str, Any]):
    """The mapping leadrules makes of DataFrames' own columns (``open_store`` without
    ``mapping=``) for ``schema``: each key of an entry is a column of the frame, so one
    near a field (``mail``, ``Email``) is a field of its own, as a folder's extra
    column is, not a misspelt field."""

    def __init__(self, content: dict[str, Any], schema: Schema) -> None:
        super().__init__(content)
        self.schema = schema


class _MappingProblem(UsageError):
    """A mistake in a mapping, with the keys (table, field) it is about."""

    at: tuple[str, ...] | None = None


@contextlib.contextmanager
def _at(*path: str) -> Iterator[None]:
    """Mark a mapping problem raised inside as being about ``path`` (unless an inner
    block marked it more precisely)."""
    try:
        yield
    except _MappingProblem as problem:
        if problem.at is None:
            problem.at = path
        raise


def _placed(problem: _MappingProblem, mapping: Any) -> UsageError:
    """``problem`` with the file, line and column of its key, if ``mapping`` came
    from a file."""
    if not isinstance(mapping, MappingFile) or problem.at is None:
        return UsageError(problem.diagnostics)
    where = mapping.place(problem.at)
    if where is None:
        return UsageError(problem.diagnostics)
    line, column = where
    first, *rest = problem.diagnostics
    return UsageError([attrs.evolve(first, file=mapping.file, line=line, column=column,
                                    source_line=source_line(mapping.text, line)), *rest])


def load(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A mapping file (TOML) as the dict ``mapping=`` takes.  A UTF-8 byte order
    mark (as Windows editors write) is skipped; bytes that are not UTF-8 are an
    error naming the line and column of the first."""
    import tomllib
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError([Diagnostic(f"cannot read the mapping {path}: {exc.strerror}")]
                         ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError([not_utf8(raw, exc, str(path), what="the mapping file")]) from None
    text = text.removeprefix("\ufeff")
    try:
        return MappingFile(tomllib.loads(text), str(path), text)
    except tomllib.TOMLDecodeError as exc:
        message, line, column = decode_error(str(exc))
        raise UsageError([Diagnostic(
            f"not a valid TOML mapping: {message}", file=str(path), line=line, column=column,
            source_line=source_line(text, line),
            hint="a mapping file is TOML (https://toml.io): see docs/stores.md, "
                 "'Your own tables'")]) from None


@attrs.frozen
class _Words:
    """How an error names a place in the mapping: as a TOML file writes it
    (``[lead] email = 'x'``) or as a Python dict indexes it
    (``mapping["lead"]["email"] = 'x'``), so neither reader meets the other's syntax."""

    toml: bool
    # The mapping of the frames' own columns, when it is one (not the user's words).
    frames: FrameColumns | None = attrs.field(default=None, eq=False)

    @property
    def columns(self) -> bool:
        """Whether the mapping is the frames' own columns (no key is the user's)."""
        return self.frames is not None

    def declared(self, table: str, key: str, **options: str) -> str:
        """``key = { column = "x", epoch = "s" }``, or
        ``mapping["table"]["key"] = {"column": "x", "epoch": "s"}``; for frames
        without a mapping, the key inside ``mapping=``."""
        if self.frames is not None:
            return f"{_quoted(key)}: {self.inline(**options)} in mapping="
        return _declared(self, table, key, **options)

    def remapped(self, table: str, key: str, **options: str) -> str:
        """:meth:`declared`; for frames without a mapping, the whole ``open_store``
        call that reads them so: the frames' own columns as a mapping, with
        ``key`` read with ``options`` (a hint followed as written works)."""
        if self.frames is None:
            return _declared(self, table, key, **options)
        import json
        whole: dict[str, dict[str, Any]] = {}
        for name, entry in self.frames.items():
            kept = {k: v for k, v in entry.items() if v != FRAME_ROW}
            if name == table:
                kept[key] = dict(options)
            known = self.frames.schema.table(name)
            fields = (set(known.field_names) if known is not None
                      else {EVENT_LEAD_KEY, EVENT_TIME})
            unmapped = [f for f in fields if f not in kept]
            # A key of the user's mapping near a field it leaves out is refused
            # (_refuse_misspelt): such a column is left out of the one shown.
            whole[name] = {k: v for k, v in kept.items()
                           if k in fields or k in ("table", "seq")
                           or _misspelt_key(k, unmapped) is None}
        keys = [str(e["table"]) for e in self.frames.values()]
        given = "{" + json.dumps(keys[0]) + ": df}" if len(keys) == 1 else "frames"
        return f"lr.open_store({given}, mapping={json.dumps(whole, ensure_ascii=False)})"

    def at(self, table: str, key: str | None = None) -> str:
        """``mapping: [lead]`` / ``mapping: [lead] email``, or ``mapping["lead"]`` /
        ``mapping["lead"]["email"]``."""
        if self.toml:
            return f"mapping: [{table}]" + (f" {key}" if key is not None else "")
        return f"mapping[{_quoted(table)}]" + (f"[{_quoted(key)}]" if key is not None else "")

    def assign(self, table: str, key: str, value: Any) -> str:
        """``mapping: [lead] id = 'x'``, or ``mapping["lead"]["id"] = 'x'``."""
        return f"{self.at(table, key)} = {value!r}"

    def table_key(self, table: str) -> str:
        """The table ``table`` as a key of the mapping: ``[lead]`` / ``"lead"``."""
        return f"[{table}]" if self.toml else _quoted(table)

    def entry(self, key: str, value: str) -> str:
        """A key and a text value inside a table: ``id = "x"`` / ``"id": "x"``."""
        return f"{key} = {_quoted(value)}" if self.toml else f"{_quoted(key)}: {_quoted(value)}"

    def inline(self, **options: str) -> str:
        """An inline table: ``{ column = "x", epoch = "s" }`` / ``{"column": "x", …}``."""
        pairs = [self.entry(k, v) for k, v in options.items()]
        return "{ " + ", ".join(pairs) + " }" if self.toml else "{" + ", ".join(pairs) + "}"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _words(mapping: Any) -> _Words:
    return _Words(toml=isinstance(mapping, MappingFile),
                  frames=mapping if isinstance(mapping, FrameColumns) else None)


def _error(message: str, hint: str = _HINT) -> _MappingProblem:
    return _MappingProblem([Diagnostic(message, hint=hint)])


def _suggest(name: str, known: Sequence[str]) -> str:
    close = near_miss(name, known)
    return f"did you mean '{close}'?" if close else f"known: {', '.join(known)}"


def kind_of(engine: str, declared: str) -> Kind:
    """The family of an engine's column type (as the catalog spells it)."""
    t = declared.strip().strip('"').lower()
    if engine == "sqlite":
        # SQLite's affinity rules, plus the names applications give datetimes and bools.
        if not t:
            return "any"
        if "bool" in t:
            return "bool"
        if "int" in t:
            return "integer"
        if "char" in t or "clob" in t or "text" in t or "date" in t or "time" in t:
            return "text"
        if "real" in t or "floa" in t or "doub" in t or "num" in t or "dec" in t:
            return "float"
        return "other"
    if engine == "spark":
        return _spark_kind(t)
    # PostgreSQL spells a precision inside the name (timestamp(3) with time zone,
    # time(6) without time zone): the family is the same without it.
    t = re.sub(r"^(timestamp|time) ?\(\d+\)", r"\1", t)
    if t == "null":  # DuckDB's type of a frame column holding only missing values
        return "null"
    # A list (`text[]`, DuckDB's `VARCHAR[]`) or DuckDB's fixed-size array
    # (`VARCHAR[3]`), which its list functions take as they take a list.
    if array := re.fullmatch(r"(.+?)\[\d*\]", t):
        base = array.group(1)
        return "text_array" if base in ("text", "varchar") or base.startswith(
            ("character varying", "varchar", "character")) else "other"
    if t in ("text", "varchar", "string", "name", "bpchar") or t.startswith(
            ("character", "varchar", "char")):
        return "text"
    if t == "uuid":
        return "uuid"
    if t in ("smallint", "integer", "bigint", "int", "int2", "int4", "int8", "tinyint",
             "hugeint", "usmallint", "uinteger", "ubigint", "utinyint", "uhugeint"):
        return "integer"
    if t in ("real", "double precision", "double", "float", "float4", "float8") or \
            t.startswith(("numeric", "decimal")):
        return "float"
    if t in ("boolean", "bool"):
        return "bool"
    if t in ("timestamp with time zone", "timestamptz") or t.startswith(
            "timestamp with time zone"):
        return "timestamptz"
    if t in ("timestamptz_ns", "timestamp_ns"):  # DuckDB's times in ns (a frame's)
        return "nanos"
    if t in ("timestamp_ms", "timestamp_s"):  # DuckDB's other precisions
        return "timestamp_other"
    if t.startswith(("timestamp", "datetime")):
        return "timestamp"
    if t == "date":
        return "date"
    if t.startswith("enum("):  # DuckDB's type of a pandas category
        return "enum"
    return "other"


def _numeric_affinity(declared: str) -> bool:
    """Whether SQLite gives a column of this declared type NUMERIC affinity
    (its rule 5): ``TIMESTAMP``, ``DATETIME``, ``DATE``, which :func:`kind_of`
    reads as text for ISO-8601 values, hold numbers as numbers too (an epoch)."""
    t = declared.lower()
    return bool(t) and not any(k in t for k in ("int", "char", "clob", "text", "blob", "real",
                                                "floa", "doub"))


def _spark_kind(t: str) -> Kind:
    """The family of a Spark SQL type (``DataType.simpleString()``)."""
    if t in ("string", "char", "varchar") or t.startswith(("char(", "varchar(")):
        return "text"
    if t in ("tinyint", "smallint", "int", "bigint", "integer", "long", "short", "byte"):
        return "integer"
    if t in ("float", "double", "real") or t.startswith("decimal"):
        return "float"
    if t == "boolean":
        return "bool"
    if t in ("timestamp", "timestamp_ltz"):  # an instant
        return "timestamptz"
    if t == "timestamp_ntz":
        return "timestamp"
    if t == "date":
        return "date"
    if t.replace(" ", "") in ("array<string>", "array<varchar>"):
        return "text_array"
    if t == "void":
        return "null"
    return "other"


_NATURAL: dict[Kind, FieldType] = {
    "text": FieldType.TEXT, "uuid": FieldType.TEXT, "integer": FieldType.NUMBER,
    "float": FieldType.NUMBER, "bool": FieldType.BOOL, "timestamptz": FieldType.DATETIME,
    "timestamp": FieldType.DATETIME, "text_array": FieldType.TEXT_LIST,
    "enum": FieldType.TEXT, "date": FieldType.DATETIME, "nanos": FieldType.DATETIME,
    "timestamp_other": FieldType.DATETIME,
}


_NULL_TYPES = {FieldType.TEXT: "VARCHAR", FieldType.NUMBER: "DOUBLE",
               FieldType.BOOL: "BOOLEAN", FieldType.DATETIME: "TIMESTAMPTZ",
               FieldType.TEXT_LIST: "VARCHAR[]"}


def resolve(mapping: MappingSpec, schema: Schema, engine: str, describe: Describe, *,
            python_lower: bool = False, datetime_as_micros: bool = False,
            listing: Tables | None = None, namespace: str | None = None
            ) -> tuple[Schema, Layout]:
    """The schema of the mapped tables (the rules' types; a field ``schema`` lacks
    typed by its column) and the layout the SQL compiler reads them through.
    ``namespace``: the schema an unqualified table name is in (PostgreSQL's
    ``schema_name``), which the queries then name.  A mistake in a mapping read
    from a file (:func:`load`) names the file, line and column of its key."""
    try:
        return _resolve(mapping, schema, engine, describe, python_lower=python_lower,
                        datetime_as_micros=datetime_as_micros, listing=listing,
                        namespace=namespace, w=_words(mapping))
    except _MappingProblem as problem:
        raise _placed(problem, mapping) from None


def _resolve(mapping: MappingSpec, schema: Schema, engine: str, describe: Describe, *,
             python_lower: bool, datetime_as_micros: bool, listing: Tables | None,
             namespace: str | None, w: _Words) -> tuple[Schema, Layout]:
    if isinstance(mapping, str | os.PathLike):
        raise _error(f"mapping={str(mapping)!r} is a path, not a mapping: read the file "
                     f"first, mapping=leadrules.stores.mapping.load({str(mapping)!r})",
                     hint="a mapping is a dict, or a mapping file (TOML) read by "
                          "leadrules.stores.mapping.load(path); see docs/stores.md, "
                          "'Your own tables'")
    if not isinstance(mapping, Mapping):
        raise _error(f"a mapping is a dict with a dict per schema table, not a "
                     f"{type(mapping).__name__}: {{'lead': {{'table': …, …}}, …}}")
    for name in mapping:
        if not isinstance(name, str):
            raise _error(f"mapping[{name!r}]: the keys of a mapping are the names of schema "
                         f"tables as text ('lead', a source), not {type(name).__name__}")
    known = [t.name for t in schema.tables]
    if LEAD not in mapping:
        meant = near_miss(LEAD, [n for n in mapping if n not in known], cutoff=0.75)
        instead = (f" (did you mean {w.table_key(LEAD)}, not {w.table_key(meant)}?)"
                   if meant is not None else "")
        with _at(meant) if meant is not None else contextlib.nullcontext():
            raise _error(f"the mapping has no {w.table_key(LEAD)} "
                         f"{'table' if w.toml else 'key'}: it must name the table of the "
                         f"leads and its id column{instead}")
    tables: list[Table] = []
    layouts: dict[str, TableLayout] = {}
    for name, entry in mapping.items():
        with _at(name):
            stored, layout = _resolve_entry(name, entry, mapping, schema, known, engine,
                                            describe, listing, namespace, w)
        tables.append(stored)
        layouts[name] = layout
    lead = next(t for t in tables if t.name == LEAD)
    stored_schema = Schema(lead, tuple(t for t in tables if t.name != LEAD))
    return stored_schema, Layout(layouts, None, datetime_as_micros, python_lower)


def _resolve_entry(name: str, entry: Any, mapping: MappingSpec, schema: Schema,
                   known: Sequence[str], engine: str, describe: Describe,
                   listing: Tables | None, namespace: str | None, w: _Words
                   ) -> tuple[Table, TableLayout]:
    """The stored table and layout of the mapping's ``[name]`` table."""
    table = schema.table(name)
    if name != LEAD and table is None:
        _refuse_misspelt_source(name, [t.name for t in schema.sources
                                       if t.name not in mapping], w)
        # A source the rules do not declare: its fields are typed by their columns.
        table = Table(name, (Field(EVENT_LEAD_KEY, FieldType.TEXT),
                             Field(EVENT_TIME, FieldType.DATETIME)))
    if table is None:
        raise _error(f"{w.at(name)} is not a table of the schema "
                     f"({_suggest(name, known)})")
    if not isinstance(entry, Mapping):
        if w.toml:
            raise _error(f"mapping: {name} = {entry!r} is outside any header: a mapping's "
                         "keys go under [lead] or [SOURCE] ([lead], then table = \"…\" and "
                         "id = \"…\")")
        raise _error(f"{w.at(name)} = {entry!r} is not a dict: each key of a mapping is a "
                     "schema table (lead or a source) and its value a dict of that table's "
                     "keys ({\"lead\": {\"table\": \"…\", \"id\": \"…\"}, …})")
    for key in entry:
        if not isinstance(key, str):
            raise _error(f"mapping[{_quoted(name)}][{key!r}]: the keys of "
                         f"mapping[{_quoted(name)}] are 'table', 'seq' and field names, as "
                         f"text, not {type(key).__name__}")
    for key in entry:  # every key is text now
        if key.endswith(LOWER_SUFFIX):
            spec = entry[key]
            column = spec if isinstance(spec, str) else "…"
            with _at(name, key):
                raise _error(f"{w.at(name, key)}: a field cannot be named '{key}': names "
                             f"ending in '{LOWER_SUFFIX}' are leadrules' own columns (the "
                             "lower-cased text of a field), as import refuses them",
                             hint=f"map the column under another field name ("
                                  f"{w.entry(key[:-len(LOWER_SUFFIX)] + '_lower', column)}), "
                                  "or leave it out: comparisons of text ignore case already")
    if "table" in entry and not isinstance(entry["table"], str):
        with _at(name, "table"):
            raise _error(f"{w.assign(name, 'table', entry['table'])}: table must be text, "
                         f"the name of a table or view ({w.entry('table', 'schema.table')})")
    if not isinstance(entry.get("table"), str):
        close = [k for k in entry if near_miss(k, ["table"], cutoff=0.75)]
        table_word = "table" if w.toml else '"table"'
        meant = f" (did you mean {table_word}, not '{close[0]}'?)" if close else ""
        with _at(name, *close[:1]):
            raise _error(f"{w.at(name)} needs {w.entry('table', 'schema.table')} (a table "
                         f"or view){meant}")
    return _resolve_table(name, table, entry, engine, describe, listing, namespace, w)


# The parts of a table name each engine takes, where fewer than 3: (how many, the
# engine, the form, why).
_PARTS: dict[str, tuple[int, str, str, str]] = {
    "postgres": (2, "PostgreSQL", "schema.table",
                 "a query reads only the database the connection is to"),
    "sqlite": (2, "SQLite", "schema.table",
               "the schema is main or the name of an attached database"),
}


def _tables_meant(written: str, known: Sequence[str]) -> list[str]:
    """The tables or views of ``known`` closest to the name ``written``, compared
    without case on as many trailing parts as it has (``contacts`` finds
    ``crm.contacts``, ``Contacts`` ``contacts``): those of the closest name, up to 3,
    the ones named with the fewest parts."""
    import difflib
    parts = split_name(written)
    by_key: dict[str, list[str]] = {}
    for candidate in known:
        key = ".".join(split_name(candidate)[-len(parts):]).lower()
        by_key.setdefault(key, []).append(candidate)
    close = difflib.get_close_matches(".".join(parts).lower(), list(by_key), n=1, cutoff=0.6)
    if not close:
        return []
    # A name found as written beats one only another schema holds.
    group = by_key[close[0]]
    fewest = min(len(split_name(c)) for c in group)
    return [c for c in group if len(split_name(c)) == fewest][:3]


def written_name(*parts: str) -> str:
    """A table's name as a mapping writes it: the parts joined by dots, each quoted
    only where :func:`split_name` needs it."""
    return ".".join(p if re.fullmatch(r'[^."]+', p) else '"' + p.replace('"', '""') + '"'
                    for p in parts)


def split_name(qualified: str) -> tuple[str, ...]:
    """``"crm.contacts"`` -> ``("crm", "contacts")``; ``"a"."b.c"`` keeps quoted dots."""
    parts = [m.group(1).replace('""', '"') if m.group(1) is not None else m.group(2)
             for m in re.finditer(r'"((?:[^"]|"")*)"|([^."]+)', qualified)]
    if not parts or len(parts) > 3:
        raise _error(f"mapping: '{qualified}' is not a table name (table, schema.table or "
                     "catalog.schema.table)")
    return tuple(parts)


def _resolve_table(name: str, table: Table, entry: Mapping[str, Any], engine: str,
                   describe: Describe, listing: Tables | None, namespace: str | None,
                   w: _Words) -> tuple[Table, TableLayout]:
    qualified = entry["table"]
    with _at(name, "table"):
        parts = split_name(qualified)
        most = _PARTS.get(engine)
        if most is not None and len(parts) > most[0]:
            raise _error(f"{w.assign(name, 'table', qualified)}: {most[1]} names a table "
                         f"with at most {most[0]} parts ({most[2]}), not {len(parts)}",
                         hint=f"name it as {most[2]} ({most[3]})")
        described = describe(parts)
        if described is None:
            meant = _tables_meant(qualified, listing() if listing is not None else ())
            guess = " or ".join(f"'{m}'" for m in meant)
            raise _error(f"{w.at(name)} table '{qualified}' does not exist in the "
                         "database" + (f" (did you mean {guess}?)" if meant else ""),
                         hint="name an existing table or view (schema.table); PostgreSQL "
                              "and Spark find names case-sensitively as written, SQLite "
                              "and DuckDB in any case")
    types = dict(described)
    fields: list[Field] = []
    columns: dict[str, Column] = {}
    seq = entry.get("seq")
    with _at(name, "seq"):
        if seq is not None and name == LEAD:
            raise _error(f"{w.assign(name, 'seq', seq)}: seq orders the events of one "
                         "instant in a source; leads have no order to give")
        if seq is not None and (not isinstance(seq, str) or seq not in types):
            raise _error(f"{w.assign(name, 'seq', seq)} is not a column of {qualified}")
    field_names = table.field_names
    unmapped = [f for f in field_names if f not in entry]
    for key, spec in entry.items():
        if key in ("table", "seq"):
            continue
        with _at(name, key):
            column, field = _resolve_column(name, table, key, spec, types, unmapped, engine,
                                            qualified, w)
        columns[key] = column
        fields.append(field)
    required = [LEAD_KEY] if name == LEAD else [EVENT_LEAD_KEY, EVENT_TIME]
    for key in required:
        if key not in columns:
            raise _error(f"{w.at(name)} must map '{key}' (the column holding "
                         f"{'the lead id' if key != EVENT_TIME else 'the time of the event'})")
    order = {n: i for i, n in enumerate(field_names)}
    fields.sort(key=lambda f: order.get(f.name, len(order)))
    named = (namespace, *parts) if namespace and len(parts) == 1 else parts
    return (Table(name, tuple(fields)),
            TableLayout(name, frozenset(columns), Source(named, columns, seq)))


def _resolve_column(name: str, table: Table, key: str, spec: Any, types: Mapping[str, str],
                    unmapped: Sequence[str], engine: str, qualified: str, w: _Words
                    ) -> tuple[Column, Field]:
    """How the mapping's ``key = spec`` of ``[name]`` is read, and its field."""
    column_name, options = _column_spec(name, key, spec, w)
    field = table.field(key)
    if field is None and not w.columns:
        _refuse_misspelt(name, key, unmapped, w)
    if column_name not in types:
        raise _error(f"{w.assign(name, key, column_name)}: {qualified} has no "
                     f"column '{column_name}' "
                     f"({_suggest(column_name, [t for t in types if t != FRAME_ROW])})")
    declared = types[column_name]
    kind = kind_of(engine, declared)
    ftype = field.type if field is not None else _natural(name, key, kind, options,
                                                          qualified, column_name, declared,
                                                          engine)
    read, micros = _read(name, key, ftype, kind, options, engine, qualified, column_name,
                         declared, w)
    column = Column(column_name, read, options.get("separator"), micros,
                    text=ftype == FieldType.TEXT, null_type=_NULL_TYPES[ftype])
    return column, field if field is not None else Field(key, ftype)


def _refuse_misspelt(table: str, key: str, unmapped: Sequence[str], w: _Words) -> None:
    """A key the rules' schema does not declare is a new field, unless it is a
    near miss of a field the mapping leaves out (``pth`` for ``path``): that field
    would be missing on every record, and every rule reading it silently false."""
    close = _misspelt_key(key, unmapped)
    if close is not None:
        where = f"{w.at(table)} '{key}'" if w.toml else f"{w.at(table, key)}: '{key}'"
        raise _error(f"{where} is not a field of {table}: did you mean "
                     f"'{close}'?",
                     hint=f"to add a new field '{key}', declare it in the rules file "
                          f"(field {table}.{key} TYPE)")


def _misspelt_key(key: str, unmapped: Sequence[str]) -> str | None:
    """The field a mapping leaves out that its key ``key`` looks like misspelt."""
    import difflib
    close = difflib.get_close_matches(key, list(unmapped), n=1, cutoff=0.75)
    return close[0] if close else None


def _refuse_misspelt_source(name: str, unmapped: Sequence[str], w: _Words) -> None:
    """A table the rules' schema does not declare is a new source, unless it is a
    near miss (case aside) of a source the mapping leaves out (``trackng``): that
    source would have no events, and every rule on it would be silently false."""
    meant = near_miss(name, unmapped, cutoff=0.75)
    if meant is not None:
        raise _error(f"{w.at(name)} is not a source of the rules: did you mean "
                     f"{w.table_key(meant)}?",
                     hint=f"to add a new source '{name}', declare it in the rules file "
                          f"(source {name} {{ FIELD TYPE; … }})")


def _column_spec(table: str, key: str, spec: Any, w: _Words) -> tuple[str, dict[str, Any]]:
    if isinstance(spec, str):
        return spec, {}
    if isinstance(spec, Mapping) and isinstance(spec.get("column"), str):
        options = dict(spec)
        column = options.pop("column")
        unknown = set(options) - {"separator", "epoch"}
        if unknown:
            raise _error(f"{w.at(table, key)}: unknown option "
                         f"'{sorted(unknown)[0]}' (options: separator, epoch)")
        sep = options.get("separator")
        if sep is not None and (not isinstance(sep, str) or not sep):
            raise _error(f"{w.at(table, key)}: separator must be a non-empty string")
        epoch = options.get("epoch")
        if epoch is not None and epoch not in _EPOCHS:
            raise _error(f"{w.at(table, key)}: epoch = {epoch!r}: one of "
                         f"{', '.join(repr(e) for e in _EPOCHS)}")
        return column, options
    raise _error(f"{w.at(table, key)} must be a column name or "
                 f"{w.inline(column='…', separator='|')} / {w.inline(column='…', epoch='s')}")


def _natural(table: str, key: str, kind: Kind, options: Mapping[str, Any], qualified: str,
             column: str, declared: str, engine: str) -> FieldType:
    """The type of a field the rules' schema does not declare: its column's."""
    if options.get("epoch"):
        return FieldType.DATETIME
    if options.get("separator"):
        return FieldType.TEXT_LIST
    ftype = _NATURAL.get(kind)
    if ftype is None and kind == "any":
        raise _error(f"{qualified}.{column} is {declared or 'untyped'}: cannot tell the type "
                     f"of {table}.{key}", hint="declare the field in the rules file")
    if ftype is None:
        raise _error(f"{qualified}.{column} is {declared}: cannot tell the type of "
                     f"{table}.{key}",
                     hint=f"no field type reads {_a(declared)} column: map a view of the table "
                          f"that casts it: {_cast(engine, column, FieldType.TEXT)} "
                          "(docs/stores.md, 'Your own tables')")
    return ftype


def _blank_padded(declared: str) -> bool:
    """A PostgreSQL ``char(n)`` (``bpchar``): its text has trailing blanks."""
    t = declared.strip().lower()
    return t == "bpchar" or (t.startswith("character") and not t.startswith(
        "character varying") and not t.endswith("]"))


def _read(table: str, key: str, ftype: FieldType, kind: Kind, options: Mapping[str, Any],
          engine: str, qualified: str, column: str, declared: str, w: _Words
          ) -> tuple[Read, int]:
    """How column ``column`` of type ``declared`` is read as field type ``ftype``."""
    epoch, separator = options.get("epoch"), options.get("separator")

    def refuse(extra: str = "", hint: str | None = None) -> UsageError:
        return _error(f"{qualified}.{column} is {declared or 'untyped'} in the database but "
                      f"{table}.{key} is {ftype.value} in the rules{extra}",
                      hint=hint or _type_hint(table, key, ftype, kind, engine, column,
                                               declared))

    # An option the field's type has no use for: say so, not that the types differ
    # (a text column mapped to a text field matches; the option is what is wrong).
    if epoch is not None and ftype != FieldType.DATETIME:
        raise _misplaced_option(table, key, "epoch", "datetime", ftype, qualified, column, w)
    if separator is not None and ftype != FieldType.TEXT_LIST:
        raise _misplaced_option(table, key, "separator", "list of text", ftype, qualified,
                                column, w)
    sqlite = engine == "sqlite"
    if kind == "null":
        return "null", 1
    if ftype == FieldType.TEXT:
        if kind == "any":
            # A SQLite view's computed column (pid + 0, COALESCE(a, b)) has no declared
            # type, and may hold integers: read as their text, as an INTEGER column's
            # are (an id 1 is '1', and joins the events whose lead_id is '1').
            return "text_cast", 1
        if kind == "text":
            if engine == "spark" and declared.strip().lower().startswith("char("):
                return "unpadded", 1  # Spark reads CHAR(n) padded to n
            if engine == "spark" and key == (LEAD_KEY if table == LEAD else EVENT_LEAD_KEY):
                # As `leadrules sql --map` prints it, which cannot know the id's type
                # (Spark's optimizer drops a cast of a string to a string).
                return "text_cast", 1
            if engine == "postgres" and _blank_padded(declared):
                return "text_cast", 1  # CAST(x AS TEXT) drops char(n)'s padding
            return "as_is", 1
        if kind in ("integer", "uuid", "enum"):
            return "text_cast", 1
    elif ftype == FieldType.NUMBER:
        if engine == "postgres" and declared.strip().lower().startswith(("numeric", "decimal")):
            return "wide_number", 1
        if kind in ("integer", "float", "any"):
            return "number", 1
    elif ftype == FieldType.BOOL:
        if kind == "bool" and not sqlite:
            return "as_is", 1
        if kind in ("integer", "bool", "any"):
            return "bool_int", 1
    elif ftype == FieldType.DATETIME:
        if epoch is not None:
            if kind in ("integer", "float") or (sqlite and kind == "any") or (
                    sqlite and kind == "text" and _numeric_affinity(declared)):
                return "epoch", _EPOCHS[epoch]
            if _NATURAL.get(kind) == FieldType.DATETIME:
                raise refuse(" (epoch is for a number of seconds, and this column holds "
                             "datetimes already)",
                             hint=f"map it without epoch ({_plain(w, table, key, column)})")
            if kind == "text":
                raise refuse(" (epoch is for a number of seconds, and this column holds "
                             "text)",
                             hint="a text column is read as ISO-8601 datetimes (2026-11-18T"
                                  "09:00:00Z) without epoch: map it so "
                                  f"({_plain(w, table, key, column)})")
            raise refuse(" (epoch needs a numeric column)")
        if kind == "timestamptz":
            return "as_is", 1
        if kind == "timestamp":
            return "timestamp", 1
        if kind == "nanos":
            return "nanos", 1
        if kind in ("timestamp_other", "date"):  # a date: its midnight, UTC
            return "naive_cast", 1
        if kind in ("text", "any"):
            return "iso_text", 1
        if kind in ("integer", "float"):
            keep = w.declared(table, key, column=column, epoch='s')
            whole = w.remapped(table, key, column=column, epoch='s')
            raise refuse(f" (a number of seconds? declare it: {keep})",
                         hint=f"map a column of a matching type, or this one with epoch "
                              f"({whole}; \"ms\" or \"us\" for milliseconds or "
                              "microseconds)")
    elif ftype == FieldType.TEXT_LIST:
        if separator is not None:
            if kind in ("text", "any"):
                return "delimited", 1
            if kind == "text_array":
                raise refuse(" (separator is for delimited text, and this column is an "
                             "array already)",
                             hint=f"map it without separator ({_plain(w, table, key, column)})")
            raise refuse(" (separator needs a text column)")
        if kind == "text_array":
            return "array", 1
        if kind in ("text", "any"):
            keep = w.declared(table, key, column=column, separator='|')
            whole = w.remapped(table, key, column=column, separator='|')
            raise refuse(f" (delimited text? declare its separator: {keep})",
                         hint=f"map a column of a matching type, or this one with its "
                              f"separator ({whole})")
    raise refuse()


def _type_hint(table: str, key: str, ftype: FieldType, kind: Kind, engine: str,
               column: str, declared: str) -> str:
    """The fix for column ``column`` (``declared``, of family ``kind``) that cannot
    hold ``table.key`` (``ftype``): declaring the field with the column's type,
    where the rules may (not an id, an event's time or a field of the default
    schema, which keep their types) and a field can have the column's type; else
    a view casting the column."""
    fixed = (key == (LEAD_KEY if table == LEAD else EVENT_LEAD_KEY)
             or (table != LEAD and key == EVENT_TIME))
    default = DEFAULT_SCHEMA.table(table)
    natural = _NATURAL.get(kind)
    see = "(docs/stores.md, 'Your own tables')"
    if not fixed and (default is None or default.field(key) is None) and natural is not None:
        return (f"map a column of a matching type, or declare the field with the column's "
                f"type (field {table}.{key} {natural.value}) {see}")
    if fixed and key != EVENT_TIME:
        why, meant = "ids are read as text", "a text or integer column"
    elif "interval" in declared.lower() and ftype == FieldType.DATETIME:
        return (f"{_a(declared)} column is a duration, not a point in time, and no cast "
                "makes it one: map the column that holds the time itself, or a view that "
                f"computes it (such as start_column + {column}) {see}")
    elif natural is None:
        why, meant = (f"no field type reads {_a(declared or 'untyped')} column",
                      "a column of a matching type")
    else:
        why, meant = (f"{table}.{key} is {ftype.value} in every schema (the rules cannot "
                      "declare it otherwise)", "a column of a matching type")
    return (f"{why}: map {meant}, or a view of the table that casts it: "
            f"{_cast(engine, column, ftype, kind)} {see}")


def _cast(engine: str, column: str, ftype: FieldType, kind: Kind | None = None) -> str:
    """An expression that reads ``column`` (of family ``kind``) as ``ftype`` on
    ``engine``: ``CAST(column AS type)``, except where the engine has no such
    cast (PostgreSQL casts a boolean to a number only through an integer, and a
    numeric to a boolean not at all)."""
    catalog = _CATALOG.get(engine, "duckdb")
    target = NATURAL_TYPES[catalog][ftype]
    if catalog == "postgres" and ftype == FieldType.NUMBER and kind == "bool":
        return f"CAST(CAST({column} AS integer) AS {target})"
    if catalog == "postgres" and ftype == FieldType.BOOL and kind == "float":
        return f"({column} <> 0)"
    return f"CAST({column} AS {target})"


def _a(word: str) -> str:
    """``word`` with its indefinite article (``an interval``, ``a boolean``, ``a
    UUID``: a type name starting with u is said "you")."""
    return f"{'an' if word[:1].lower() in 'aeio' else 'a'} {word}"


def _plain(w: _Words, table: str, key: str, column: str) -> str:
    """``key = "column"``, or ``mapping["table"]["key"] = "column"``."""
    return f"{key} = {_quoted(column)}" if w.toml else f"{w.at(table, key)} = {_quoted(column)}"


def _declared(w: _Words, table: str, key: str, **options: str) -> str:
    """``key = { column = "x", epoch = "s" }``, or
    ``mapping["table"]["key"] = {"column": "x", "epoch": "s"}``."""
    inline = w.inline(**options)
    return f"{key} = {inline}" if w.toml else f"{w.at(table, key)} = {inline}"


def _misplaced_option(table: str, key: str, option: str, applies_to: str, ftype: FieldType,
                      qualified: str, column: str, w: _Words) -> _MappingProblem:
    """``separator`` on a field that is not a list of text, ``epoch`` on one that is
    not a datetime."""
    what = ("tags kept as delimited text" if option == "separator"
            else "a datetime kept as a number")
    plain = f"{key} = {_quoted(column)}" if w.toml else f"{w.at(table, key)} = {_quoted(column)}"
    return _error(f"{w.at(table, key)}: {option} applies only to {applies_to} fields, "
                  f"and {table}.{key} is {ftype.value} in the rules",
                  hint=f"to read {qualified}.{column} as {ftype.value}, map it without "
                       f"{option} ({plain}); for {what}, map a "
                       f"{applies_to} field (or declare one: field {table}.NAME "
                       f"{applies_to})")


# The type each engine's catalog gives a column holding a field in its natural
# form, for SQL rendered without a database (``leadrules sql --map``).
NATURAL_TYPES: dict[str, dict[FieldType, str]] = {
    "sqlite": {FieldType.TEXT: "TEXT", FieldType.NUMBER: "REAL", FieldType.BOOL: "BOOLEAN",
               FieldType.DATETIME: "TEXT", FieldType.TEXT_LIST: "TEXT"},
    "postgres": {FieldType.TEXT: "text", FieldType.NUMBER: "double precision",
                 FieldType.BOOL: "boolean", FieldType.DATETIME: "timestamptz",
                 FieldType.TEXT_LIST: "text[]"},
    "duckdb": {FieldType.TEXT: "VARCHAR", FieldType.NUMBER: "DOUBLE",
               FieldType.BOOL: "BOOLEAN", FieldType.DATETIME: "TIMESTAMPTZ",
               FieldType.TEXT_LIST: "VARCHAR[]"},
    "spark": {FieldType.TEXT: "string", FieldType.NUMBER: "double",
              FieldType.BOOL: "boolean", FieldType.DATETIME: "timestamp",
              FieldType.TEXT_LIST: "array<string>"},
}


def _offline_field(name: str, key: str, options: Mapping[str, Any], table: Table | None,
                   entry: Mapping[str, Any], w: _Words) -> Field | None:
    """The field ``key`` of ``[name]`` without a database: the rules' (or an id's, or
    a source's time); None for one kept as ``epoch`` / ``separator`` says.  A key
    the rules do not declare is refused: a near miss of a field the mapping leaves
    out as that field misspelt, any other because its column's type is unknown."""
    field = table.field(key) if table is not None else None
    if field is None and key in (EVENT_LEAD_KEY, LEAD_KEY):
        field = Field(key, FieldType.TEXT)
    if field is None and key == EVENT_TIME:
        field = Field(key, FieldType.DATETIME)
    if field is None and table is not None:
        _refuse_misspelt(name, key, [f for f in table.field_names if f not in entry], w)
    if field is None and not options:
        raise _error(f"{w.at(name, key)}: the rules do not declare this "
                     "field, and without a database its column's type is unknown",
                     hint=f"declare it in the rules file (field {name}.{key} "
                          "text / number / bool / datetime / list of text)")
    return field


# The warehouses' columns are read as DuckDB's type names say (the families match).
_CATALOG = {"sqlite": "sqlite", "postgres": "postgres", "duckdb": "duckdb", "spark": "spark"}


def offline(mapping: MappingSpec, schema: Schema, dialect: str) -> tuple[Schema, Layout]:
    """The schema and layout of ``mapping`` without a database to read the column
    types from: each mapped column is taken to hold its field in the natural type
    of ``dialect`` (:data:`NATURAL_TYPES`; SQLite: ISO-8601 text for datetimes),
    except where the mapping declares ``epoch`` (a number) or ``separator``
    (delimited text), and ids (``id``, ``lead_id``), read as text whatever they
    hold.  The layout is the one the store of that engine reads
    mapped tables through (SQLite: Python's lower-casing and µs, as
    :class:`~leadrules.stores.sqlite.SQLiteStore` registers them; Spark: µs)."""
    catalog = _CATALOG.get(dialect, "duckdb")
    natural = NATURAL_TYPES[catalog]
    w = _words(mapping)

    def describe(parts: tuple[str, ...]) -> list[tuple[str, str]] | None:
        for name, entry in mapping.items():
            if not isinstance(entry, Mapping) or not isinstance(entry.get("table"), str) \
                    or split_name(entry["table"]) != parts:
                continue
            table = schema.table(name)
            columns: list[tuple[str, str]] = []
            for key, spec in entry.items():
                if key == "table":
                    continue
                if key == "seq":
                    if isinstance(spec, str):
                        columns.append((spec, natural[FieldType.NUMBER]))
                    continue
                with _at(name, key):
                    column, options = _column_spec(name, key, spec, w)
                    field = _offline_field(name, key, options, table, entry, w)
                if options.get("epoch"):
                    declared = natural[FieldType.NUMBER]
                elif key == (LEAD_KEY if name == LEAD else EVENT_LEAD_KEY) and not options:
                    # Ids are as often integers as text: read as text either way
                    # (CAST(id AS TEXT) of a text is the text).
                    declared = "INTEGER" if catalog == "sqlite" else "bigint"
                elif options.get("separator"):
                    declared = natural[FieldType.TEXT]
                else:
                    assert field is not None
                    declared = natural[field.type]
                columns.append((column, declared))
            return columns
        return None
    return resolve(mapping, schema, catalog, describe, python_lower=catalog == "sqlite",
                   datetime_as_micros=catalog in ("sqlite", "spark"))
