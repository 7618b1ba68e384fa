"""``import_data``: a CSV / JSON Lines folder into a store, all or nothing.

The whole folder is read and checked first (every problem reported with
file, row and column, as :meth:`MemoryStore.from_folder` does); only
then is anything written.  A SQLite or DuckDB file is built beside the
target under a temporary name and renamed over it (``os.replace`` is
atomic), so the target is either the old file, untouched, or the complete
new one.  PostgreSQL is written in one transaction that replaces a previous
leadrules store in the same schema; any error rolls it back.

``mode="replace"`` swaps only the data tables: the lists and their history,
and any other table the target holds, are kept (on SQLite and DuckDB copied
into the new file under the old file's lock, see :mod:`.replace`; on
PostgreSQL never touched).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Literal, assert_never

from ..errors import Diagnostic, UsageError
from ..files import DEFAULT_TIMEOUT
from ..memory import MemoryStore
from ..schema import DEFAULT_SCHEMA, Schema
from .open import DUCKDB_SUFFIXES, SQLITE_SUFFIXES, is_postgres_url

ImportMode = Literal["replace"]
"""How an import treats the target's data: ``replace`` swaps the data tables whole
(``append``, through the stores' write API, is to come)."""

_HINT = "--into takes a SQLite file (.db, .sqlite), a DuckDB file (.duckdb) or a postgresql:// URL"


def import_data(src_folder: str | os.PathLike[str], target: str,
                schema: Schema = DEFAULT_SCHEMA, *, mode: ImportMode = "replace",
                timeout: float = DEFAULT_TIMEOUT) -> MemoryStore:
    """Load ``src_folder`` (validated completely) and put it into ``target``.

    ``mode="replace"`` swaps the target's data tables for the new data, keeping its
    lists and their history and any table it does not own.  ``timeout``: seconds to
    wait for a process writing the target's lists.  Returns the loaded data.  Raises
    :class:`~leadrules.errors.DataError` for bad data and
    :class:`~leadrules.errors.StoreError` if writing fails; in both cases the target
    is as it was.
    """
    from ..sql.dialects import require_sqlglot
    require_sqlglot()
    kind = _target_kind(target)
    data = MemoryStore.from_folder(src_folder, schema)
    if mode == "replace":
        if kind == "postgres":
            from .postgres import import_into
            import_into(target, data)
        else:
            _replace_file(Path(target), data, kind, timeout)
    else:
        assert_never(mode)
    return data


def _target_kind(target: str) -> str:
    if is_postgres_url(target):
        return "postgres"
    suffix = Path(target).suffix.lower()
    if suffix in SQLITE_SUFFIXES:
        return "sqlite"
    if suffix in DUCKDB_SUFFIXES:
        return "duckdb"
    raise UsageError([Diagnostic(f"cannot import into {target}", hint=_HINT)])


def _replace_file(target: Path, data: MemoryStore, kind: str, timeout: float) -> None:
    if target.is_dir():
        raise UsageError([Diagnostic(f"{target} is a folder", hint=_HINT)])
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError([Diagnostic(f"no such folder: {folder}", hint=_HINT)])
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # the stores create their file themselves
    try:
        if kind == "sqlite":
            from .replace import replace_sqlite
            from .sqlite import SQLiteStore, default_processes
            # The command owns its process: it may fork helpers to write faster.
            SQLiteStore.create(tmp, data, processes=default_processes(data)).close()
            replace_sqlite(tmp, target, timeout)
        else:
            from .duckdb import DuckDBStore
            from .replace import replace_duckdb
            DuckDBStore.create(tmp, data).close()
            replace_duckdb(tmp, target, timeout)
    finally:
        tmp.unlink(missing_ok=True)
