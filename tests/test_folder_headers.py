"""A CSV file's header row: an empty file has none, and a header holding ';' or
tabs is a file exported with another separator (docs/data.md, "CSV")."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from leadrules.errors import DataError
from leadrules.memory import MemoryStore
from leadrules.stores.importer import import_data


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _error(folder: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        MemoryStore.from_folder(folder)
    return caught.value


# ------------------------------------------------------------- an empty file


def test_an_empty_lead_file_is_refused_naming_the_header_it_needs(tmp_path: Path) -> None:
    error = _error(_folder(tmp_path, {"lead.csv": ""}))
    assert len(error.diagnostics) == 1
    assert error.first.message == "lead.csv is empty: it has no header row"
    assert error.first.file == str(tmp_path / "data" / "lead.csv")
    assert error.first.line == 1
    assert error.first.hint is not None and "must hold 'id'" in error.first.hint


def test_an_empty_event_file_is_refused_as_well(tmp_path: Path) -> None:
    error = _error(_folder(tmp_path, {"lead.csv": "id\nL1\n", "tracking.csv": ""}))
    assert [d.message for d in error.diagnostics] == [
        "tracking.csv is empty: it has no header row"]
    assert error.first.hint is not None
    assert "must hold 'lead_id' and 'occurred_at'" in error.first.hint


@pytest.mark.parametrize("text", ["\n", "\nid,email\nL1,a@x\n", "\r\n\r\n"])
def test_a_blank_first_line_is_no_header_row(tmp_path: Path, text: str) -> None:
    error = _error(_folder(tmp_path, {"lead.csv": text}))
    assert [(d.message, d.line) for d in error.diagnostics] == [
        ("lead.csv has no header row: its first line is blank", 1)]
    assert error.first.hint is not None and "must hold 'id'" in error.first.hint


def test_a_header_alone_is_still_an_empty_table(tmp_path: Path) -> None:
    store = MemoryStore.from_folder(_folder(tmp_path, {"lead.csv": "id,email\n",
                                                       "tracking.csv": "lead_id,occurred_at\n"}))
    assert len(store) == 0


def test_an_empty_jsonl_file_is_an_empty_table(tmp_path: Path) -> None:
    """JSON Lines has no header row: an empty file is a table of no records."""
    assert len(MemoryStore.from_folder(_folder(tmp_path, {"lead.jsonl": ""}))) == 0


@pytest.mark.parametrize("target", ["out.db", "out.duckdb"])
def test_import_of_an_empty_lead_file_writes_no_store(tmp_path: Path, target: str) -> None:
    folder = _folder(tmp_path, {"lead.csv": ""})
    with pytest.raises(DataError, match=r"lead\.csv is empty"):
        import_data(folder, str(tmp_path / target))
    assert not (tmp_path / target).exists()


# ------------------------------------------------------- another separator


def test_a_semicolon_separated_file_is_named_as_such(tmp_path: Path) -> None:
    error = _error(_folder(tmp_path, {"lead.csv": "id;email;employees\nL1;a@x;3\n"}))
    assert len(error.diagnostics) == 1
    d = error.first
    assert d.message == ("lead.csv seems to be separated by ';', not commas: its header "
                         "'id;email;employees' is one column")
    assert (d.line, d.column, d.source_line) == (1, 3, "id;email;employees")
    assert d.hint is not None and "sep=';'" in d.hint and "misspelt" not in d.hint


def test_a_tab_separated_event_file_is_named_as_such(tmp_path: Path) -> None:
    error = _error(_folder(tmp_path, {
        "lead.csv": "id\nL1\n",
        "tracking.csv": "lead_id\toccurred_at\tpath\nL1\t2026-01-01\t/\n"}))
    assert [d.message for d in error.diagnostics] == [
        "tracking.csv seems to be separated by tabs, not commas: its header "
        "'lead_id\\toccurred_at\\tpath' is one column"]
    assert error.first.column == 8


def test_a_comma_separated_header_with_a_semicolon_in_a_name_is_read(tmp_path: Path) -> None:
    store = MemoryStore.from_folder(_folder(tmp_path, {"lead.csv": "id,note;x\nL1,a\n"}))
    assert store.leads()[0]["note;x"] == "a"


@pytest.mark.parametrize("text", ["id;email\nL1;a@x\n", "id\temail\nL1\ta@x\n"])
def test_the_conversion_in_the_hint_makes_a_file_that_loads(tmp_path: Path, text: str) -> None:
    """The hint's command, run by a POSIX shell as written (pandas is a test
    dependency), rewrites the file with commas."""
    folder = _folder(tmp_path, {"lead.csv": text})
    hint = _error(folder).first.hint
    assert hint is not None
    command = hint.split("convert it: ", 1)[1]
    assert command.startswith("python -c ")
    subprocess.run(["sh", "-c", shlex.quote(sys.executable) + command[len("python"):]],
                   check=True)
    store = MemoryStore.from_folder(folder)
    assert [(lead["id"], lead["email"]) for lead in store.leads()] == [("L1", "a@x")]
