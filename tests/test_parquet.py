"""DuckDB over a folder of Parquet files in place (issue 5): the same answers as
the in-memory evaluator, reached through `open_store` and the CLI's --data."""

from __future__ import annotations

from pathlib import Path

import duckdb

import leadrules as lr
from leadrules import sample
from leadrules.cli import main
from leadrules.stores import duckdb as duck
from leadrules.stores.duckdb import DuckDBStore

DATA = sample.generate(150, seed=5)
SPEC = (Path(__file__).parent / "spec_examples.rules").read_text(encoding="utf-8")


def parquet_folder(tmp: Path) -> Path:
    conn = duckdb.connect()
    memory = lr.MemoryStore(DATA.leads, DATA.events)
    duck.write(conn, memory)
    folder = tmp / "parquet"
    DuckDBStore(conn).write_parquet(folder)
    return folder


def test_rules_over_parquet_files_give_the_in_memory_answers(tmp_path: Path) -> None:
    folder = parquet_folder(tmp_path)
    assert (folder / "lead.parquet").is_file() and (folder / "tracking.parquet").is_file()
    rules = lr.parse(SPEC)
    memory = lr.MemoryStore(DATA.leads, DATA.events)
    store = lr.open_store(str(folder), rules.schema)
    assert isinstance(store, DuckDBStore)
    segment = rules.segment("hot_leads")
    assert segment.select(store, DATA.as_of) == segment.select(memory, DATA.as_of)
    grades = rules.grading("fit").grade(store, DATA.as_of)
    assert grades.to_dicts() == rules.grading("fit").grade(memory, DATA.as_of).to_dicts()
    assert list(store.leads()) == list(memory.leads())


def test_cli_reads_a_parquet_folder(tmp_path: Path, capsys: object) -> None:
    folder = parquet_folder(tmp_path)
    rules_file = tmp_path / "spec.rules"
    rules_file.write_text(SPEC, encoding="utf-8")
    memory_ids = lr.parse(SPEC).segment("hot_leads").select(
        lr.MemoryStore(DATA.leads, DATA.events), DATA.as_of)
    assert main(["segment", str(rules_file), "hot_leads", "--data", str(folder),
                 "--as-of", DATA.as_of.isoformat(), "--format", "ids"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert out.split() == memory_ids
