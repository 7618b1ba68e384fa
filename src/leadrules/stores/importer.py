"""``import_data``: a CSV / JSON Lines folder into a store, all or nothing.

The whole folder is read and checked first (every problem reported with
file, row and column, as :meth:`MemoryStore.from_folder` does); only
then is anything written.  A SQLite or DuckDB file is built beside the
target under a temporary name and renamed over it (``os.replace`` is
atomic), so the target is either the old file, untouched, or the complete
new one.  PostgreSQL is written in one transaction that replaces a previous
leadrules store in the same schema; any error rolls it back.

``mode="append"`` adds the folder's records to the target's through the
stores' write API (one transaction).  ``mode="replace"`` swaps only the data
tables: the lists and their history,
and any other table the target holds, are kept (on SQLite and DuckDB copied
into the new file under the old file's lock, see :mod:`.replace`; on
PostgreSQL never touched).

Crash hygiene (docs/reliability.md): the temporary files live in one scratch
folder beside the target, removed on any failure and, after a ``kill -9``, by
the next import into the same folder; helper processes die with the import;
a PostgreSQL import is rolled back by the server within a second of its
client dying.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, assert_never

import attrs

from ..errors import DataError, Diagnostic, StoreError, UsageError, nearest
from ..files import DEFAULT_TIMEOUT, ScratchFolder, database_kind
from ..loaders import EXTENSIONS, NearMisses, detect_format, near_misses, read_folder
from ..memory import MemoryStore
from ..output import plural
from ..schema import DEFAULT_SCHEMA, EVENT_LEAD_KEY, LEAD, Schema
from .open import DUCKDB_SUFFIXES, SQLITE_SUFFIXES, is_postgres_url

if TYPE_CHECKING:
    from .bulk import BulkPlan

ImportMode = Literal["replace", "append"]
"""How an import treats the target's data: ``replace`` swaps the data tables whole;
``append`` adds the folder's records to them through the stores' write API."""

_HINT = "--into takes a SQLite file (.db, .sqlite), a DuckDB file (.duckdb) or a postgresql:// URL"


@attrs.frozen
class Imported:
    """What an import stored: the schema (the given one extended by the files'
    columns and sources), the number of leads and of events per source, and
    whether the engine converted the files itself (``"engine"``, see
    :mod:`.bulk`) or Python did (``"python"``)."""

    schema: Schema
    leads: int
    events: Mapping[str, int]
    path: Literal["engine", "python"]
    near_misses: NearMisses = attrs.field(factory=dict, kw_only=True)
    """Files and columns named near a source or field the folder lacks
    (:func:`leadrules.loaders.near_misses`): each was imported under its own name."""

    def __len__(self) -> int:
        """The number of leads."""
        return self.leads

    @classmethod
    def of(cls, data: MemoryStore) -> Imported:
        counts = {source: sum(1 for _ in data.events(source))
                  for source in data.schema.source_names}
        return cls(data.schema, len(data), counts, "python", near_misses=data.near_misses)

    @classmethod
    def of_plan(cls, schema: Schema, bulk: BulkPlan, counts: Mapping[str, int]) -> Imported:
        """What the engine stored of ``bulk`` (planned with ``schema``)."""
        misses = near_misses(schema, [(f.table.name, f.path, f.columns, "column")
                                      for f in bulk.files])
        return cls(bulk.schema, counts.get(LEAD, 0),
                   {t.name: counts.get(t.name, 0) for t in bulk.schema.sources}, "engine",
                   near_misses=misses)


def import_data(src_folder: str | os.PathLike[str], target: str,
                schema: Schema = DEFAULT_SCHEMA, *, mode: ImportMode = "replace",
                timeout: float = DEFAULT_TIMEOUT, keys: Mapping[str, str] | None = None
                ) -> Imported:
    """Load ``src_folder`` (validated completely) and put it into ``target``.

    ``mode="replace"`` swaps the target's data tables for the new data, keeping its
    lists and their history and any table it does not own.  ``mode="append"`` adds
    the folder's records to the store already at ``target`` in one transaction
    (:meth:`~.dbapi.SqlStore.transaction`): leads are upserted (a lead already
    there is replaced by the folder's record, keeping its events), events added
    -- those of leads the target holds too, not only the folder's -- and
    ``keys`` (source -> key field) skips events the target already has.
    ``timeout``: seconds to wait for a process writing the target's lists (or,
    appending to SQLite, for another writer).  Returns the loaded data.  Raises
    :class:`~leadrules.errors.DataError` for bad data and
    :class:`~leadrules.errors.StoreError` if writing fails; in both cases the target
    is as it was.

    A CSV folder imported into DuckDB or PostgreSQL is read and converted by DuckDB
    (:mod:`.bulk`) unless it holds values DuckDB could read differently from
    Python; those folders, JSON Lines folders and SQLite go through Python's
    loaders (:func:`~leadrules.loaders.read_folder`).
    """
    from ..sql.dialects import require_sqlglot
    require_sqlglot()
    kind = _target_kind(target)
    if mode == "append":
        return _append(src_folder, target, kind, schema, dict(keys or {}))
    if keys:
        raise UsageError([Diagnostic("event keys are for appending",
                                     hint="a replacing import writes the folder as it is")])
    if mode != "replace":
        assert_never(mode)
    if kind == "postgres":
        from .bulk import plan
        from .postgres import import_into, import_plan
        bulk = plan(Path(src_folder), schema, scan=False)
        counts = None if bulk is None else import_plan(target, bulk)
        if bulk is not None and counts is not None:
            return Imported.of_plan(schema, bulk, counts)
    if kind == "postgres":
        import_into(target, data := MemoryStore.from_folder(src_folder, schema))
        return Imported.of(data)
    return _replace_file(Path(src_folder), schema, Path(target), kind, timeout)


def _append(src_folder: str | os.PathLike[str], target: str, kind: str, schema: Schema,
            keys: dict[str, str]) -> Imported:
    if kind == "duckdb" and Path(target).exists():
        # (A missing file is refused by the store itself, before any lock file is
        # made beside it.)  DuckDB lets one process open a file for writing and then no other open
        # it at all: appends (and list writers, on the same lock) take turns on
        # the store's lock file instead of failing with DuckDB's "Could not set
        # lock".  PostgreSQL's writers take turns on an advisory lock.
        from ..files import DEFAULT_TIMEOUT, FileLock, lock_path, retry_until
        with FileLock(lock_path(target), what=f"the store {target}"):
            # Another program (not leadrules) may hold the file open: wait for it,
            # with back-off, as list writers do, instead of failing at once.
            def attempt() -> Imported | None:
                try:
                    return _append_to(src_folder, target, kind, schema, keys)
                except StoreError as exc:
                    if "Could not set lock" in str(exc):
                        return None
                    raise
            return retry_until(attempt, DEFAULT_TIMEOUT, lambda: (
                f"{target} is held open by another process: waited {DEFAULT_TIMEOUT:g} s "
                "for it to close (DuckDB lets one process write a file, and then no other "
                "open it)"))
    return _append_to(src_folder, target, kind, schema, keys)


def _append_to(src_folder: str | os.PathLike[str], target: str, kind: str, schema: Schema,
               keys: dict[str, str]) -> Imported:
    from .dbapi import SqlStore
    store: SqlStore
    if kind == "postgres":
        from .postgres import PostgresStore
        store = PostgresStore(target)
    elif kind == "sqlite":
        from .sqlite import SQLiteStore
        store = SQLiteStore(target)
    else:
        from .duckdb import DuckDBStore
        store = DuckDBStore(target)
    with store:
        stored = store.stored_schema
        # The store's field types read the files (plus --rules declarations it lacks).
        # No lead file is needed: the events may all be of leads the store holds.
        folder = read_folder(src_folder, _merge_types(stored, schema), keep_all_events=True,
                             lead_file=False)
        ext = EXTENSIONS[detect_format(src_folder, lead_file=False)]
        _check_fits(folder.schema, stored, target, ext)
        if not (Path(src_folder) / (LEAD + ext)).is_file():
            _refuse_unknown_leads(folder.events, {row[0] for row in store.lead_rows([])},
                                  target, ext)
        for source, field in keys.items():
            table = stored.source(source)
            if table is None or table.field(field) is None:
                raise UsageError([Diagnostic(f"--key {source}.{field}: the store has no such "
                                             "source field")])
        with store.transaction():
            store.upsert_leads(folder.leads)
            for source, records in folder.events.items():
                store.add_events(source, records, key=keys.get(source))
    return attrs.evolve(
        Imported.of(MemoryStore.from_normalized(folder.schema, folder.leads, folder.events)),
        near_misses=folder.near_misses)


def _refuse_unknown_leads(events: Mapping[str, list[dict[str, Any]]], stored: set[str],
                          target: str, ext: str) -> None:
    """A folder of events alone appends events of leads the store holds: an event
    of another lead would be kept, out of sight, until that lead is upserted (the
    write API's rule), so a forgotten lead file or a wrong ``lead_id`` is refused."""
    problems = []
    for source, records in events.items():
        unknown = sorted({e[EVENT_LEAD_KEY] for e in records} - stored)
        if unknown:
            shown = ", ".join(unknown[:10]) + (f" and {len(unknown) - 10} more"
                                               if len(unknown) > 10 else "")
            problems.append(Diagnostic(
                f"{source}{ext} has events of {plural(len(unknown), 'lead')} {target} does "
                f"not hold: {shown}",
                hint=f"the folder has no lead{ext}: its events must be of leads the store "
                     f"holds; add the new leads' lead{ext} to append them with their events"))
    if problems:
        raise DataError(problems)


def _merge_types(stored: Schema, declared: Schema) -> Schema:
    """``stored`` plus the fields and sources of ``declared`` it lacks."""
    out = stored
    for table in declared.tables:
        mine = out.table(table.name)
        new = [f for f in table.fields if mine is None or mine.field(f.name) is None]
        if new:
            out = out.extend(table.name, new)
    return out


def _check_fits(folder: Schema, stored: Schema, target: str, ext: str) -> None:
    """Refuse a source or field the store does not hold, naming the file (``ext``:
    its extension) and, first, the name it most likely misspells.  A store's
    sources and fields are those it was imported with; adding one takes a
    replacing import, which replaces every lead and event of the store, so
    the hint says so: following it for a typo would lose the store's data."""
    problems = []
    column = "key" if ext == ".jsonl" else "column"
    replacing = (f"a replacing import (--replace) replaces every lead and event in "
                 f"{target} with the folder's alone: to add a {{what}}, import a folder "
                 "holding all the data that way")
    for table in folder.tables:
        theirs = stored.table(table.name)
        if theirs is None:
            if table.is_lead:
                continue
            file = table.name + ext
            near = nearest(table.name, stored.source_names)
            problems.append(Diagnostic(
                f"the folder has {file}, a source '{table.name}' {target} does not hold",
                hint=f"did you mean '{near}'? (rename {file} to {near}{ext})" if near
                else replacing.format(what="source")))
            continue
        file = (LEAD if table.is_lead else table.name) + ext
        for f in table.fields:
            if theirs.field(f.name) is None:
                near = nearest(f.name, theirs.field_names)
                problems.append(Diagnostic(
                    f"{file} has a {column} '{f.name}', a field {target}'s {table.name} "
                    "does not hold",
                    hint=f"did you mean '{near}'? (rename the {column} to '{near}')" if near
                    else replacing.format(what="field")))
    if problems:
        raise UsageError(problems)


def _target_kind(target: str) -> str:
    if is_postgres_url(target):
        return "postgres"
    suffix = Path(target).suffix.lower()
    if suffix in SQLITE_SUFFIXES:
        return "sqlite"
    if suffix in DUCKDB_SUFFIXES:
        return "duckdb"
    raise UsageError([Diagnostic(f"cannot import into {target}", hint=_HINT)])


def _replace_file(src_folder: Path, schema: Schema, target: Path, kind: str,
                  timeout: float) -> Imported:
    if target.is_dir():
        raise UsageError([Diagnostic(f"{target} is a folder", hint=_HINT)])
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError([Diagnostic(f"no such folder: {folder}", hint=_HINT)])
    found = database_kind(target)
    if found is not None and found != kind:
        names = {"sqlite": "SQLite", "duckdb": "DuckDB"}
        raise UsageError([Diagnostic(
            f"{target} is a {names[found]} file, but its name says {names[kind]}",
            hint=f"import into a {names[kind]} file, or give this one the right name")])
    bulk = None
    if kind == "duckdb":
        from .bulk import plan
        bulk = plan(src_folder, schema, scan=False)
    elif kind == "sqlite":
        from .sqlite_bulk import available
        if available():
            from .bulk import plan
            bulk = plan(src_folder, schema, scan=False)
    data = None if bulk is not None else MemoryStore.from_folder(src_folder, schema)
    # Every pair of columns one file of the folder holds that the engine's names
    # cannot tell apart, each named by its file (before any file is written).
    from .layout import check_names
    if bulk is not None:
        check_names(bulk.schema, ignore_case=True, folder=src_folder)
    elif data is not None:
        check_names(data.schema, ignore_case=True, folder=src_folder)
    # Every temporary file of the import (the new store, the helpers' parts,
    # DuckDB's CSV files, journals) lives in one scratch folder beside the
    # target: on the same file system, so the finished store is renamed into
    # place; removed when the import ends however it ends, and by the next
    # import here if this one is killed (see files.ScratchFolder).
    with ScratchFolder(folder) as scratch:
        tmp = scratch / target.name
        if kind == "sqlite":
            from .replace import replace_sqlite
            from .sqlite import SQLiteStore, default_processes
            if bulk is not None:
                from .sqlite_bulk import create_from_plan, engine_processes
                counts = create_from_plan(tmp, bulk, processes=engine_processes())
                if counts is not None:
                    replace_sqlite(tmp, target, timeout)
                    return Imported.of_plan(schema, bulk, counts)
                data = MemoryStore.from_folder(src_folder, schema)
            assert data is not None
            # The command owns its process: it may fork helpers to write faster.
            SQLiteStore.create(tmp, data, processes=default_processes(data)).close()
            replace_sqlite(tmp, target, timeout)
            return Imported.of(data)
        from .duckdb import DuckDBStore
        from .replace import replace_duckdb
        counts = None if bulk is None else DuckDBStore.create_from_plan(tmp, bulk)
        if bulk is not None and counts is not None:
            replace_duckdb(tmp, target, timeout)
            return Imported.of_plan(schema, bulk, counts)
        if data is None:
            data = MemoryStore.from_folder(src_folder, schema)
        DuckDBStore.create(tmp, data, scratch=scratch).close()
        replace_duckdb(tmp, target, timeout)
        return Imported.of(data)
