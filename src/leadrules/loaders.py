"""Reading and writing data folders: CSV files or JSON Lines files, one per table.

A folder holds ``lead.csv`` plus one file per event source (``tracking.csv``,
``application.csv``, ``activity.csv``, ``mail.csv``, and any other
``NAME.csv``, which is a new source), or the same names ending in ``.jsonl``.
The format is decided by which lead file exists; a folder must not mix them.
(``import --append`` also takes a folder of event files alone: ``lead_file=False``.)

Rules shared by both formats:

* UTF-8, with or without a byte-order mark.
* A missing event file means no events of that source.
* Columns (CSV) or keys (JSON Lines) that the schema does not know become
  fields of type text; a new source's fields are all text except ``lead_id``
  and ``occurred_at``.
* Every lead needs a non-empty ``id``, unique in the file; every event needs
  ``lead_id`` and ``occurred_at``.
* Events whose ``lead_id`` names no lead in the lead file are ignored (after
  their values are checked): they cannot take part in any rule.
* Every bad value of every file is reported (up to 20 per file) in one
  :class:`~leadrules.errors.DataError`, each naming the file, the line where
  the record starts and the column.

CSV specifics: a header row (an empty file is an error); an empty cell is
missing; a row with fewer cells than the header is missing the rest, a row with
more is an error; rows whose cells are all empty are skipped; a header of one
column holding ';' or a tab is a file of another separator (an error).  JSON
Lines specifics: one object per line; blank lines are skipped; ``null`` or an
absent key is missing.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import attrs

from .errors import MAX_DIAGNOSTICS, DataError, Diagnostic, near_miss, nearest, not_utf8
from .json_keys import may_repeat, repeated
from .output import plural
from .schema import (
    DEFAULT_SCHEMA,
    EVENT_LEAD_KEY,
    EVENT_TIME,
    LEAD,
    LEAD_KEY,
    FieldType,
    Schema,
    Table,
)
from .values import NUL, NUL_HINT, RecordError, describe, normalizer

Format = Literal["csv", "jsonl"]
EXTENSIONS: dict[Format, str] = {"csv": ".csv", "jsonl": ".jsonl"}
_FORMAT_NAMES: dict[Format, str] = {"csv": "CSV", "jsonl": "JSON Lines"}
_SOURCE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

"""Plain records by table name: ``{"lead": [...], "tracking": [...], ...}``."""


# ---------------------------------------------------------------- the folder


def file_names(folder: Path) -> set[str]:
    # Listed rather than probed with is_file(), so "Lead.csv" is not taken for
    # "lead.csv" on case-insensitive file systems; dot files (editor backups,
    # macOS "._" files) are never data.
    return {p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


def folder_sources(path: str | PathLike[str]) -> set[str]:
    """The tables a data folder's files are named after (``purchase`` for
    ``purchase.csv``); nothing for a path that is not a folder."""
    folder = Path(path)
    if not folder.is_dir():
        return set()
    return {name.rsplit(".", 1)[0] for name in file_names(folder)
            if name.endswith(tuple(EXTENSIONS.values()))}


def detect_format(path: str | PathLike[str], *, lead_file: bool = True) -> Format:
    """``"csv"`` or ``"jsonl"``: which lead file the folder holds.

    A :class:`DataError` if ``path`` is not a folder, holds no lead file,
    holds both ``lead.csv`` and ``lead.jsonl``, or mixes the two formats.
    ``lead_file=False`` (``import --append``, whose leads may all be in the
    store already) takes a folder of event files alone, in their format.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise DataError([Diagnostic(f"{folder} is not a folder", file=str(folder),
                                    hint="give a folder holding lead.csv or lead.jsonl")])
    names = file_names(folder)
    found: list[Format] = [fmt for fmt, ext in EXTENSIONS.items() if LEAD + ext in names]
    if len(found) == 2:
        raise DataError([Diagnostic(
            f"{folder} holds both lead.csv and lead.jsonl", file=str(folder),
            hint="keep one format per folder")])
    if not found:
        found = _event_format(folder, names) if not lead_file else []
    if not found:
        raise _no_lead_file(folder, names, lead_file)
    fmt = found[0]
    other: Format = "jsonl" if fmt == "csv" else "csv"
    mixed = sorted(n for n in names if n.endswith(EXTENSIONS[other]))
    if mixed:
        raise DataError([Diagnostic(
            f"{folder} mixes {_FORMAT_NAMES[fmt]} and {_FORMAT_NAMES[other]} files "
            f"({', '.join(mixed)})", file=str(folder), hint="keep one format per folder")])
    return fmt


def _event_format(folder: Path, names: set[str]) -> list[Format]:
    """The format of a folder without a lead file: that of its first data file."""
    return [fmt for fmt, ext in EXTENSIONS.items() for n in sorted(names) if n.endswith(ext)
            ][:1]


def _no_lead_file(folder: Path, names: set[str], lead_file: bool) -> DataError:
    # Upper-case extensions too (lead.CSV): not read, but what the user meant.
    data = sorted(n for n in names if n.lower().endswith(tuple(EXTENSIONS.values())))
    if not lead_file:
        return DataError([Diagnostic(
            f"no lead.csv, lead.jsonl or event file in {folder}", file=str(folder),
            hint="an appended folder holds lead.csv (or lead.jsonl), event files "
                 "(tracking.csv, …), or both")])
    stems = [n.rsplit(".", 1)[0] for n in data]
    if not data or near_miss(LEAD, stems, cutoff=NEAR) is not None:
        hint = "the lead file must be named lead.csv or lead.jsonl"
        if data:
            hint += f" (found {', '.join(data)})"
    else:
        # Event files alone: what is missing is the leads they belong to.
        hint = (f"a folder needs its leads' file, lead.csv or lead.jsonl, beside its "
                f"event files ({', '.join(data)}); to add events to the leads a store "
                "holds: leadrules import FOLDER --into STORE --append")
    return DataError([Diagnostic(f"no lead.csv or lead.jsonl in {folder}", file=str(folder),
                                 hint=hint)])


def _table_files(folder: Path, fmt: Format, schema: Schema) -> list[tuple[str, Path]]:
    """(table name, file) pairs: the lead file, known sources, then new sources by name."""
    ext = EXTENSIONS[fmt]
    names = file_names(folder)
    stems = sorted(n[: -len(ext)] for n in names if n.endswith(ext))
    bad = [s for s in stems if not _SOURCE_NAME.match(s)]
    if bad:
        raise DataError([Diagnostic(
            f"{folder / (bad[0] + ext)} is not named after a table",
            file=str(folder / (bad[0] + ext)),
            hint="a table name is a letter or '_' followed by letters, digits or '_'; "
                 "rename the file or move it out of the folder")])
    # No lead file: a folder appended as events alone (detect_format(lead_file=False)).
    lead = [LEAD] if LEAD in stems else []
    known = [*lead, *(s for s in schema.source_names if s in stems)]
    new = [s for s in stems if s not in known]
    return [(name, folder / (name + ext)) for name in (*known, *new)]


# ------------------------------------------------------------- reading files


@attrs.define
class _RawTable:
    """One file as read, before its values are converted."""

    name: str
    path: Path
    format: Format
    columns: list[str] = attrs.Factory(list)
    # CSV: each row's list of cells (as long as columns); JSON Lines: objects.
    records: list[Any] = attrs.Factory(list)
    lines: list[int] = attrs.Factory(list)  # where each record starts
    problems: list[Diagnostic] = attrs.Factory(list)
    # False when the file is broken beyond checking its values (bad header).
    usable: bool = True
    # Whether the file holds a NUL character anywhere (CSV: looked for in bytes).
    has_nul: bool = True

    def problem(self, message: str, line: int | None = None, hint: str | None = None,
                column: int | None = None, source_line: str | None = None) -> None:
        self.problems.append(Diagnostic(message, file=str(self.path), line=line, column=column,
                                        hint=hint, source_line=source_line))


CELL_LIMIT = 2**31 - 1
"""The longest CSV cell read, in characters.  Python's ``csv`` stops at 131,072 by
default; the whole file is held in memory anyway, so leadrules raises that
process-wide limit (``csv.field_size_limit``, never lowered) to this."""


def _read_csv(name: str, path: Path) -> _RawTable:
    raw = _RawTable(name, path, "csv", has_nul=_holds_nul(path))
    if csv.field_size_limit() < CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, strict=True)
        end = 0
        try:
            header = next(reader, None)
            if not header:  # no row, or a blank first line
                _no_header(raw, blank=header is not None)
                return raw
            raw.columns = [c.strip() for c in header]
            _check_header(raw, header)
            if not raw.usable:
                return raw
            width = len(raw.columns)
            add_record, add_line = raw.records.append, raw.lines.append
            end = reader.line_num
            for row in reader:
                # line_num counts physical lines, so a record spanning lines
                # (a quoted cell holding a newline) starts after the previous end.
                start = end + 1
                end = reader.line_num
                if len(row) != width or not row[0] or row[0].isspace():
                    # A blank line, or a row of empty cells or white space only (a
                    # line of spaces is no record).
                    if not any(c and not c.isspace() for c in row):
                        continue
                    if len(row) > width:
                        raw.problem(f"{path.name} row {start} has {len(row)} cells but the "
                                    f"header has {width} columns", line=start,
                                    hint="quote cells that contain commas")
                        continue
                    row += [""] * (width - len(row))
                add_record(row)
                add_line(start)
        except csv.Error as error:
            _malformed(raw, str(error), end + 1, reader.line_num)
        except UnicodeDecodeError:
            _not_utf8(raw)
    return raw


def _holds_nul(path: Path) -> bool:
    """Whether the file holds a NUL byte (a fast scan: only then are cells checked)."""
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            if b"\x00" in chunk:
                return True
    return False


def _malformed(raw: _RawTable, error: str, start: int, line: int) -> None:
    """A CSV syntax error in the record that starts on line ``start`` (found on ``line``)."""
    name = raw.path.name
    if "unexpected end of data" in error:
        raw.problem(f"{name} row {start}: malformed CSV: a quoted cell is never closed (the "
                    f"file ends inside it, on line {line})", line=start,
                    hint="a quoted cell must end with '\"' (write '\"\"' for a quote inside)")
    elif "field larger than field limit" in error:
        raw.problem(f"{name} row {start}: a cell is longer than {CELL_LIMIT:,} characters",
                    line=start, hint="split the value, or move it out of the file")
    else:
        where = f"row {start}" if start == line else f"row {start} (line {line})"
        raw.problem(f"{name} {where}: malformed CSV: {error}", line=line,
                    hint="a quoted cell must end with '\"' (write '\"\"' for a quote inside)")


def _not_utf8(raw: _RawTable) -> None:
    """The file's first byte that is not UTF-8, with its line and column and the
    encoding the bytes look like (the file is read again, whole: only on this error)."""
    data = raw.path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        save = "save it as UTF-8" + (" (in Excel: 'CSV UTF-8')" if raw.format == "csv" else "")
        raw.problems.append(not_utf8(data, exc, str(raw.path),
                                     what=f"{raw.path.name}", save=save))
    else:  # pragma: no cover - the streaming decoder saw a bad byte
        raw.problem(f"{raw.path.name} is not UTF-8 text", hint="save it as UTF-8")
    raw.usable = False


def _no_header(raw: _RawTable, *, blank: bool = False) -> None:
    """An empty CSV file (or one whose first line is ``blank``): the first row is
    the header, so a file without one is refused (a header alone is an empty
    table), not read as no records."""
    need = " and ".join(repr(c) for c in _required(raw))
    example = "id,email,company" if raw.name == LEAD else "lead_id,occurred_at,path"
    none = ("no leads is that header alone" if raw.name == LEAD
            else "no events is that header alone, or no file")
    message = (f"{raw.path.name} has no header row: its first line is blank" if blank
               else f"{raw.path.name} is empty: it has no header row")
    raw.problem(message, line=1,
                hint=f"the first row names the columns and must hold {need} (e.g. "
                     f"{example}); a table of {none}")
    raw.usable = False


def _other_separator(raw: _RawTable, header: list[str]) -> bool:
    """Whether the header is one cell holding ';' or a tab: a file exported with
    another separator (a European-locale Excel's ';', a TSV), refused as such
    rather than as a file lacking its required columns."""
    if len(header) != 1:
        return False
    cell = header[0]
    found = sorted((cell.index(sep), sep) for sep in (";", "\t") if sep in cell)
    if not found:
        return False
    column, sep = found[0]
    what, written = ("';'", ";") if sep == ";" else ("tabs", "\\t")
    path = repr(str(raw.path))
    convert = (f"python -c \"import pandas as pd; pd.read_csv({path}, sep='{written}', "
               f"dtype=str, keep_default_na=False, encoding='utf-8-sig')"
               f".to_csv({path}, index=False)\"")
    raw.problem(f"{raw.path.name} seems to be separated by {what}, not commas: its header "
                f"{cell.strip()!r} is one column", line=1, column=column + 1, source_line=cell,
                hint="export it again as comma-separated values (Excel: 'CSV UTF-8 (Comma "
                     f"delimited)'), or convert it: {convert}")
    raw.usable = False
    return True


def _check_header(raw: _RawTable, header: list[str] | None = None) -> None:
    name = raw.path.name
    if header is not None and _other_separator(raw, header):
        return
    seen: set[str] = set()
    for index, column in enumerate(raw.columns, 1):
        if NUL in column:
            raw.problem(f"{name} column {index} of the header contains a NUL character "
                        "(U+0000)", line=1, hint=NUL_HINT)
            raw.usable = False
        elif not column:
            raw.problem(f"{name} column {index} of the header has no name", line=1,
                        hint="name every column, or delete the empty one")
            raw.usable = False
        elif column in seen:
            raw.problem(f"{name} has two columns named {column!r}", line=1)
            raw.usable = False
        seen.add(column)
    for column in _required(raw):
        if column not in seen:
            hint = _misspelt(column, raw.columns, "column") or f"add a column named {column!r}"
            raw.problem(f"{name} has no {column!r} column", line=1, hint=hint)
            raw.usable = False


def _required(raw: _RawTable) -> list[str]:
    return [LEAD_KEY] if raw.name == LEAD else [EVENT_LEAD_KEY, EVENT_TIME]


def _misspelt(required: str, names: list[str], what: str) -> str | None:
    """The hint for a file whose column (key) looks like ``required`` misspelt: the
    file's name is the one to change, not the one leadrules asks for."""
    close = nearest(required, names)
    if close is None:
        return None
    if close.lower() == required.lower():
        return f"{what} names are case-sensitive: rename the {what} {close!r} to {required!r}"
    return (f"the file's {what} {close!r} looks like {required!r} misspelt: "
            f"rename it to {required!r}")


def _check_keys(raw: _RawTable) -> None:
    """A required key that no object has, where one of the keys looks like it
    misspelt: one error for the file (not one per line)."""
    for key in _required(raw):
        if raw.records and key not in raw.columns:
            hint = _misspelt(key, raw.columns, "key")
            if hint is not None:
                raw.problem(f"{raw.path.name} has no {key!r} key in any line", line=1, hint=hint)
                raw.usable = False


def json_lines(f: Iterable[str]) -> Iterator[tuple[int, str]]:
    """The lines of a JSON Lines file that hold something, with their numbers (from 1)."""
    for number, line in enumerate(f, 1):
        if line.strip():
            yield number, line


def _read_jsonl(name: str, path: Path) -> _RawTable:
    raw = _RawTable(name, path, "jsonl")
    columns: dict[str, None] = {}
    try:
        with path.open(encoding="utf-8-sig") as f:
            for number, line in json_lines(f):
                try:
                    value = json.loads(line, parse_int=_json_int)
                except json.JSONDecodeError as error:
                    raw.problem(f"{path.name} line {number}: invalid JSON: {error.msg}",
                                line=number, column=error.colno, source_line=_shown(line))
                    continue
                except RecursionError:
                    raw.problem(f"{path.name} line {number}: a JSON value is nested too deeply "
                                "(Python's JSON reader stops at about 1,000 levels)",
                                line=number, hint="a field holds a string, number, true / "
                                "false, null or (for tags) a flat list of strings")
                    continue
                if not isinstance(value, dict):
                    raw.problem(f"{path.name} line {number} is not a JSON object",
                                line=number, hint='write one object per line, e.g. {"id": "L1"}')
                    continue
                if may_repeat(line, len(value)) and (twice := repeated(line)) is not None:
                    raw.problem(f"{path.name} line {number}: the key {twice.key!r} appears "
                                "twice in one object", line=number, column=twice.column,
                                source_line=_shown(line),
                                hint="keep one of them (a JSON reader keeps only the last)")
                    continue
                if "\\u" in line and not _clean_json(raw, value, number):
                    continue
                columns.update(dict.fromkeys(value))
                raw.records.append(value)
                raw.lines.append(number)
    except UnicodeDecodeError:
        _not_utf8(raw)
    raw.columns = list(columns)
    _check_keys(raw)
    return raw


def _clean_json(raw: _RawTable, record: dict[str, Any], line: int) -> bool:
    """Whether the text of a record (read from a line holding a ``\\u`` escape)
    holds no NUL character and no lone surrogate (no store can keep either);
    a problem is recorded for each that does."""
    clean = True
    for key, value in record.items():
        where = f"{raw.path.name} line {line}, field {key!r}"
        for text in (key, *(value if isinstance(value, list) else (value,))):
            if not isinstance(text, str):
                continue
            if NUL in text:
                what = "its name" if text is key else describe(text)
                raw.problem(f"{where}: {what} contains a NUL character (U+0000)", line=line,
                            hint=NUL_HINT)
            elif not _encodes(text):
                what = "its name" if text is key else describe(text)
                raw.problem(f"{where}: {what} holds a lone surrogate (\\ud800-\\udfff), "
                            "which is not Unicode text", line=line,
                            hint="write a character outside the BMP as its surrogate pair, "
                                 "or as the character itself")
            else:
                continue
            clean = False
            break
    return clean


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_int(digits: str) -> int | str:
    """A JSON integer; more digits than Python converts (4,300) stay text, as in
    a CSV cell, so a number field reports it by file, line and field."""
    try:
        return int(digits)
    except ValueError:
        return digits


def _shown(line: str) -> str:
    """A source line short enough to show under an error."""
    return line if len(line) <= 200 else line[:200] + "…"


def _extend_schema(schema: Schema, raw: _RawTable) -> Schema:
    """The schema with the file's unknown columns added as text (and its source, if new)."""
    table = schema.table(raw.name)
    base = (EVENT_LEAD_KEY, EVENT_TIME)
    columns = raw.columns if raw.usable else []
    extra = [c for c in columns
             if (table.field(c) is None if table is not None else c not in base)]
    if table is not None and not extra:
        return schema
    return schema.extend(raw.name, {c: FieldType.TEXT for c in extra})


# ------------------------------------------------------------ for bulk loaders


def table_files(folder: Path, schema: Schema) -> list[tuple[str, Path]]:
    """The ``(table name, CSV file)`` pairs of a CSV folder, in the order
    :func:`read_folder` reads them (a :class:`DataError` for a misnamed file)."""
    return _table_files(folder, "csv", schema)


def csv_header(name: str, path: Path) -> list[str] | None:
    """The columns of a CSV file's header, stripped, as :func:`read_folder` reads
    them; None if the file has no header row, the header has a problem (which
    :func:`read_folder` reports) or is not plain UTF-8 text."""
    raw = _RawTable(name, path, "csv", has_nul=False)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f, strict=True), None)
    except (csv.Error, UnicodeDecodeError):
        return None
    if not header:
        return None
    raw.columns = [c.strip() for c in header]
    _check_header(raw, header)
    return raw.columns if raw.usable and not raw.problems else None


def extend_schema(schema: Schema, name: str, columns: list[str]) -> Schema:
    """``schema`` with a file's unknown columns as text fields (and its source, if new)."""
    return _extend_schema(schema, _RawTable(name, Path(name), "csv", columns=columns))


# --------------------------------------------------------- converting values


class _FileProblems:
    """The diagnostics of one file, capped at :data:`~leadrules.errors.MAX_DIAGNOSTICS`."""

    def __init__(self, raw: _RawTable) -> None:
        self.raw = raw
        self.found: list[Diagnostic] = list(raw.problems)
        self.more = 0

    def add(self, message: str, line: int, hint: str | None = None) -> None:
        if len(self.found) < MAX_DIAGNOSTICS:
            self.found.append(Diagnostic(message, file=str(self.raw.path), line=line, hint=hint))
        else:
            self.more += 1

    def all(self) -> list[Diagnostic]:
        if not self.more:
            return self.found
        return [*self.found, Diagnostic(f"... and {plural(self.more, 'more problem')} in "
                                        f"{self.raw.path.name}", file=str(self.raw.path))]


def _convert(raw: _RawTable, table: Table,
             problems: _FileProblems) -> tuple[list[dict[str, Any]], list[int]]:
    """The file's converted records and the line each starts on."""
    checker = normalizer(table)
    normalize: Callable[[Any], dict[str, Any]]
    if raw.format == "csv":
        normalize = checker.row_normalizer(raw.columns, refuse_nul=raw.has_nul)
        unit, part = "row", "column"  # a record is a spreadsheet row
    else:
        normalize = checker.normalize
        unit, part = "line", "field"
    out: list[dict[str, Any]] = []
    append = out.append
    try:
        # The fast path: every record converts.
        for record in raw.records:
            append(normalize(record))
        return out, raw.lines
    except RecordError:
        pass
    out, lines = [], []
    for line, record in zip(raw.lines, raw.records, strict=True):
        try:
            out.append(normalize(record))
        except RecordError as error:
            for name, problem in error.problems:
                problems.add(f"{raw.path.name} {unit} {line}, {part} {name!r}: {problem.message}",
                             line=line, hint=problem.hint)
        else:
            lines.append(line)
    return out, lines


def _check_unique_ids(raw: _RawTable, leads: list[dict[str, Any]], lines: list[int],
                      problems: _FileProblems) -> None:
    unit = "row" if raw.format == "csv" else "line"
    first: dict[str, int] = {}
    for line, lead in zip(lines, leads, strict=True):
        lead_id = lead[LEAD_KEY]
        if lead_id in first:
            problems.add(f"{raw.path.name} {unit} {line}: duplicate lead id {lead_id!r} "
                         f"(first on {unit} {first[lead_id]})", line=line,
                         hint="every lead needs its own id")
        else:
            first[lead_id] = line


NearMisses = dict[tuple[str, str | None], tuple[str, str]]
"""What a folder lacks while one of its names looks like it misspelt: per
``(table, field)`` (``(source, None)`` for a source without a file), the
warning's message and hint.  The rules checker warns where a rule reads it
(code ``unmapped``), as for a field a mapping leaves out."""

NEAR = 0.75
"""How close (difflib's ratio, case aside) a file's or column's name must be to
a name the folder lacks to be taken for it misspelt, as for a mapping's keys."""


@attrs.frozen
class FolderData:
    """A folder's records, normalised for ``schema`` (the given schema extended
    with the files' unknown columns and new sources), and its near misses."""

    schema: Schema
    leads: list[dict[str, Any]]
    events: dict[str, list[dict[str, Any]]]
    near_misses: NearMisses = attrs.Factory(dict)


def _near_misses(schema: Schema, raws: list[_RawTable]) -> NearMisses:
    return near_misses(schema, [(raw.name, raw.path, raw.columns,
                                 "column" if raw.format == "csv" else "key") for raw in raws])


def near_misses(schema: Schema, files: Sequence[tuple[str, Path, Sequence[str], str]]
                ) -> NearMisses:
    """A file named near a source of ``schema`` that has no file (``trackng.csv``,
    ``Tracking.csv``), a column named near a field its file lacks (``Email``,
    ``employes``): each is read as a name of its own, so every rule on the name
    the folder lacks would be silently false.  ``files``: each file's table name
    (its stem), path, column names and what a column is called in it
    (``column``, or ``key`` for JSON Lines)."""
    found: NearMisses = {}
    lacking = [s for s in schema.source_names if s not in {name for name, *_ in files}]
    suffixes = {path.suffix for _, path, _, _ in files}
    for folder in sorted({path.parent for _, path, _, _ in files}):
        # tracking.CSV: not a data file (extensions are case-sensitive), but meant as one.
        for other in sorted(file_names(folder)):
            stem, _, ext = other.rpartition(".")
            ext = "." + ext
            if not stem or ext in suffixes or ext.lower() not in suffixes:
                continue
            meant = stem if stem in lacking else near_miss(stem, lacking, cutoff=NEAR)
            if meant is not None:
                found.setdefault((meant, None), (
                    f"source '{meant}' has no file in the folder {folder}: it has no "
                    "events for any lead",
                    f"the folder has {other}, which is not read (extensions are "
                    f"case-sensitive): rename it to {meant}{ext.lower()}"))
    for name, path, columns, what in files:
        table = schema.table(name)
        if table is None:
            meant = near_miss(name, lacking, cutoff=NEAR)
            if meant is not None:
                found.setdefault((meant, None), (
                    f"source '{meant}' has no file in the folder {path.parent}: it has "
                    "no events for any lead",
                    f"the folder has {path.name}, read as a new source '{name}': "
                    f"rename it to {meant}{path.suffix}"
                    + _case_note(name, meant, "file")))
            continue
        present = set(columns)
        missing = [f for f in table.field_names if f not in present]
        for column in columns:
            meant = None if table.field(column) is not None else near_miss(
                column, missing, cutoff=NEAR)
            if meant is None:
                continue
            every = "every lead" if table.is_lead else f"every {table.name} event"
            kind = "lead field" if table.is_lead else f"{table.name} field"
            # A Parquet column keeps its type; a CSV cell is text.
            new = "field" if path.suffix == ".parquet" else "text field"
            found.setdefault((table.name, meant), (
                f"{kind} '{meant}' has no {what} in {path.name}: it is missing for {every}",
                f"{path.name} has a {what} '{column}', read as a new {new}: rename "
                f"it to '{meant}'" + _case_note(column, meant, what)))
    return found


def _case_note(name: str, meant: str, what: str) -> str:
    return f" ({what} names are case-sensitive)" if name.lower() == meant.lower() else ""


def read_folder(path: str | PathLike[str], schema: Schema = DEFAULT_SCHEMA, *,
                keep_all_events: bool = False, lead_file: bool = True) -> FolderData:
    """Read a folder of CSV or JSON Lines files
    (:meth:`leadrules.MemoryStore.from_folder` makes a store of it).

    The store's schema is ``schema`` extended with the files' unknown columns
    (as text) and new sources.  Events whose ``lead_id`` is not the id of a
    lead in the lead file are ignored.  Every problem found in every file
    (up to 20 per file) is raised as one :class:`DataError`.
    ``keep_all_events`` keeps those events too (``import --append``: their leads
    may be in the target already), and ``lead_file=False`` reads a folder of event
    files alone (no leads).
    """
    with collector_paused():
        return _read_folder(Path(path), schema, keep_all_events, lead_file)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the garbage collector: loading (or bulk-writing) creates millions of
    lists, tuples and dicts that all stay alive or die young, so its rounds find
    nothing, and they cost 40 % of the time of reading a large CSV folder."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _read_folder(folder: Path, schema: Schema, keep_all_events: bool = False,
                 lead_file: bool = True) -> FolderData:
    fmt = detect_format(folder, lead_file=lead_file)
    read = _read_csv if fmt == "csv" else _read_jsonl
    raws = [read(name, file) for name, file in _table_files(folder, fmt, schema)]
    near_misses = _near_misses(schema, raws)
    for raw in raws:
        schema = _extend_schema(schema, raw)

    diagnostics: list[Diagnostic] = []
    leads: list[dict[str, Any]] = []
    events: dict[str, list[dict[str, Any]]] = {}
    for raw in raws:
        problems = _FileProblems(raw)
        records: list[dict[str, Any]]
        lines: list[int]
        table = schema.table(raw.name)
        if table is None or not raw.usable:  # a broken header: values were not read
            records, lines = [], []
        else:
            records, lines = _convert(raw, table, problems)
        if raw.name == LEAD:
            _check_unique_ids(raw, records, lines, problems)
            leads = records
        else:
            events[raw.name] = records
        diagnostics.extend(problems.all())
    if diagnostics:
        raise DataError(diagnostics)

    if keep_all_events:
        return FolderData(schema, leads, events, near_misses)
    ids = {lead[LEAD_KEY] for lead in leads}
    visible = {source: [e for e in records if e[EVENT_LEAD_KEY] in ids]
               for source, records in events.items()}
    return FolderData(schema, leads, visible, near_misses)
