"""Writing data folders: a store (or plain records) as CSV or JSON Lines files,
one per table, which :meth:`leadrules.MemoryStore.from_folder` reads back to
equal records (see docs/data.md, "Writing")."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from .errors import Diagnostic, UsageError
from .loaders import EXTENSIONS, Format, file_names
from .memory import MemoryStore
from .schema import DEFAULT_SCHEMA, LEAD, Schema
from .values import csv_formatter, json_formatter

Records = Mapping[str, Iterable[Mapping[str, Any]]]
"""Plain records by table name: ``{"lead": [...], "tracking": [...]}``."""



def _as_store(data: MemoryStore | Records, schema: Schema | None) -> MemoryStore:
    if isinstance(data, MemoryStore):
        if schema is not None and schema != data.schema:
            raise UsageError("give a schema only with plain records; a store has its own")
        return data
    events = {name: records for name, records in data.items() if name != LEAD}
    return MemoryStore(data.get(LEAD, ()), events, schema=schema or DEFAULT_SCHEMA)


def _prepare_folder(folder: Path, fmt: Format) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    other = EXTENSIONS["jsonl" if fmt == "csv" else "csv"]
    clash = sorted(n for n in file_names(folder) if n.endswith(other))
    if clash:
        raise UsageError([Diagnostic(
            f"{folder} already holds other data files ({', '.join(clash)})", file=str(folder),
            hint="write to an empty folder")])


def write_csv_folder(data: MemoryStore | Records, path: str | PathLike[str], *,
                     schema: Schema | None = None, bom: bool = False) -> None:
    """Write a store (or plain records by table name) as a CSV folder.

    One file per table of the schema, every field a column; :meth:`MemoryStore.from_folder`
    reads it back to equal records.  ``bom=True`` starts each file with a
    byte-order mark, which Excel needs to recognise UTF-8.
    """
    store = _as_store(data, schema)
    folder = Path(path)
    _prepare_folder(folder, "csv")
    encoding = "utf-8-sig" if bom else "utf-8"
    for table in store.schema.tables:
        rows = store.leads() if table.is_lead else store.events(table.name)
        formatters = [(f.name, csv_formatter(f.type)) for f in table.fields]
        with (folder / f"{table.name}.csv").open("w", encoding=encoding, newline="") as f:
            # The default "\r\n" line ending also makes the writer quote cells
            # holding a lone "\r"; with "\n" such a cell would split the row.
            writer = csv.writer(f)
            writer.writerow(table.field_names)
            writer.writerows([fmt(rec[name]) for name, fmt in formatters] for rec in rows)


def write_jsonl_folder(data: MemoryStore | Records, path: str | PathLike[str], *,
                       schema: Schema | None = None) -> None:
    """Write a store (or plain records by table name) as a JSON Lines folder.

    One file per table of the schema, every field a key (missing is ``null``,
    so the columns survive even when empty); :meth:`MemoryStore.from_folder` reads it back
    to equal records.
    """
    store = _as_store(data, schema)
    folder = Path(path)
    _prepare_folder(folder, "jsonl")
    for table in store.schema.tables:
        rows = store.leads() if table.is_lead else store.events(table.name)
        formatters = [(f.name, json_formatter(f.type)) for f in table.fields]
        with (folder / f"{table.name}.jsonl").open("w", encoding="utf-8", newline="\n") as f:
            for rec in rows:
                obj = {name: fmt(rec[name]) for name, fmt in formatters}
                f.write(json.dumps(obj, ensure_ascii=False, allow_nan=False) + "\n")
