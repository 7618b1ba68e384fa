"""DuckDB stores keep engine shadows (``Layout.engine_shadows``): ``x__lower`` holds
Python's ``str.lower()`` only where DuckDB's ``lower()`` gives something else (``İ``,
a final ``Σ``), NULL elsewhere, and queries compare ``COALESCE(x__lower, lower(x))``.

Checked against Python itself (the shadows, value by value) and against the
in-memory evaluator (the answers), for every way a DuckDB store is written: the
engine import of a CSV folder, the Python path (JSON Lines), writes through the API,
a store of the earlier format (shadows wherever lower-casing changes the value) with
writes into it, and the Parquet files ``write_parquet`` makes."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import leadrules as lr
from leadrules.memory import MemoryStore
from leadrules.stores.duckdb import DuckDBStore
from leadrules.stores.importer import import_data

AS_OF = "2026-12-01T00:00:00Z"
NAMES = ["İstanbul", "ODOS ΟΔΟΣ", "Straße", "K\u212aelvin", "plain", "MiXeD", "ǅemal",
         "aΣ b", "ΣΑΣ", "istanbul"]
TAGS = ["VIP|Ünï", "ΣΟΦΙΑ|x", "İ|vip", "plain"]
LEADS = [{"id": f"L{i}" if i % 3 else f"İd{i}", "name": NAMES[i % len(NAMES)],
          "tags": TAGS[i % len(TAGS)].split("|")} for i in range(12)]
PATHS = ["/Pricing", "/İndex", "/odos ΟΔΟΣ", "/pricing", "/ΣΑΣ", "/x"]
VIEWS = [{"lead_id": LEADS[k % len(LEADS)]["id"],
          "occurred_at": f"2026-11-{1 + k % 28:02d}T09:00:00Z", "path": PATHS[k % len(PATHS)]}
         for k in range(40)]

RULES = lr.parse("""
segment a { match name = "istanbul" }
segment b { match name = "i̇stanbul" }
segment c { match name contains "ος" }
segment d { match name ends with "ας" }
segment e { match name in ("straße", "kkelvin", "ǆemal", "aς b") }
segment f { match tags contains "ünï" or tags contains "σοφια" }
segment g { match tags contains "i̇" }
segment h { match id starts with "i̇d" }
segment i {
  1: tracking { path = "/pricing" } count >= 1
  2: tracking { path starts with "/i̇n" or path ends with "ος" or path contains "σας" } exists
  match 1 or 2
}
segment j { match tracking { lead_id starts with "i̇" } exists }
""")
SEGMENTS = "abcdefghij"


def _memory() -> MemoryStore:
    return MemoryStore(leads=[dict(lead) for lead in LEADS],
                       events={"tracking": [dict(e) for e in VIEWS]})


def _answers(store: object) -> dict[str, list[str]]:
    return {s: RULES.segment(s).select(store, AS_OF) for s in SEGMENTS}


def _csv_folder(folder: Path) -> Path:
    folder.mkdir()
    rows = ["id,name,tags"] + [f"{d['id']},{d['name']},{'|'.join(d['tags'])}" for d in LEADS]
    (folder / "lead.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["lead_id,occurred_at,path"] + [f"{e['lead_id']},{e['occurred_at']},{e['path']}"
                                           for e in VIEWS]
    (folder / "tracking.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _jsonl_folder(folder: Path) -> Path:
    folder.mkdir()
    for name, records in (("lead", LEADS), ("tracking", VIEWS)):
        (folder / f"{name}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
            encoding="utf-8")
    return folder


def _shadows_are_engine_shadows(path: Path) -> int:
    """Assert every text and tags value's shadow: Python's lower case where DuckDB's
    lower() is not it, else NULL; the number of shadows stored."""
    conn = duckdb.connect(str(path), read_only=True)
    stored = 0
    try:
        assert conn.execute("SELECT value FROM leadrules_meta WHERE key = 'shadows'"
                            ).fetchall() == [("engine",)]
        for table, fields in (("lead", ("id", "name", "tags")),
                              ("tracking", ("lead_id", "path"))):
            for field in fields:
                rows = conn.execute(f'SELECT "{field}", lower("{field}"), "{field}__lower" '
                                    f'FROM "{table}"').fetchall()
                for value, engine, shadow in rows:
                    if field == "tags":
                        python = "|" + "|".join(t.lower() for t in value.split("|")) + "|"
                        engine = f"|{engine}|"
                    else:
                        python = value.lower()
                    assert shadow == (None if engine == python else python), (table, value)
                    stored += shadow is not None
    finally:
        conn.close()
    return stored


def test_every_way_of_writing_a_duckdb_store_keeps_engine_shadows(tmp_path: Path) -> None:
    want = _answers(_memory())
    assert all(want.values()) and want["a"] != want["b"]  # the data exercise each test
    made = {}
    made["engine"] = tmp_path / "engine.duckdb"
    assert import_data(_csv_folder(tmp_path / "csv"), str(made["engine"])).path == "engine"
    made["python"] = tmp_path / "python.duckdb"
    assert import_data(_jsonl_folder(tmp_path / "jsonl"), str(made["python"])).path != "engine"
    made["api"] = tmp_path / "api.duckdb"
    DuckDBStore.create(made["api"], MemoryStore(leads=[{"id": "seed"}])).close()
    store = DuckDBStore(made["api"])
    store.delete_leads(["seed"])
    store.upsert_leads(LEADS[:6])
    store.upsert_leads([{**lead, "name": lead["name"].upper()} for lead in LEADS[6:]])
    store.upsert_leads(LEADS[6:])  # updated rows get engine shadows too
    store.add_events("tracking", VIEWS)
    store.close()
    for how, path in made.items():
        assert _shadows_are_engine_shadows(path) > 0, how
        with DuckDBStore(path) as store:
            assert _answers(store) == want, how


def _as_format_1(path: Path) -> None:
    """Rewrite a store's shadows as the earlier format stored them (Python's lower
    case wherever it is not the value) and drop the metadata row saying otherwise."""
    conn = duckdb.connect(str(path))
    conn.execute("DELETE FROM leadrules_meta WHERE key = 'shadows'")
    for table, fields in (("lead", ("id", "name")), ("tracking", ("lead_id", "path"))):
        for f in fields:
            values = [v for (v,) in conn.execute(f'SELECT DISTINCT "{f}" FROM "{table}"'
                                                 ).fetchall()]
            conn.execute(f'UPDATE "{table}" SET "{f}__lower" = m.l FROM (SELECT '
                         "unnest(?::VARCHAR[]) AS v, unnest(?::VARCHAR[]) AS l) m "
                         f'WHERE "{table}"."{f}" = m.v',
                         [values, [None if v.lower() == v else v.lower() for v in values]])
    tags = [t for (t,) in conn.execute("SELECT DISTINCT tags FROM lead").fetchall()]
    conn.execute("UPDATE lead SET tags__lower = m.l FROM (SELECT unnest(?::VARCHAR[]) AS v, "
                 "unnest(?::VARCHAR[]) AS l) m WHERE lead.tags = m.v",
                 [tags, ["|" + "|".join(x.lower() for x in t.split("|")) + "|" for t in tags]])
    conn.close()


def test_stores_of_the_earlier_format_still_answer_and_take_writes(tmp_path: Path) -> None:
    want = _answers(_memory())
    path = tmp_path / "old.duckdb"
    assert import_data(_csv_folder(tmp_path / "csv"), str(path)).path == "engine"
    _as_format_1(path)
    conn = duckdb.connect(str(path), read_only=True)
    # Shadows as the earlier format kept them: "Pricing"'s is stored.
    assert conn.execute("SELECT DISTINCT path__lower FROM tracking WHERE path = '/Pricing'"
                        ).fetchall() == [("/pricing",)]
    conn.close()
    with DuckDBStore(path) as store:
        assert not store.layout.engine_shadows
        assert _answers(store) == want
    store = DuckDBStore(path)
    more = [{"lead_id": LEADS[1]["id"], "occurred_at": "2026-11-30T09:00:00Z",
             "path": "/PRICING"}]
    store.add_events("tracking", more)
    store.close()
    memory = _memory()
    memory.add_events("tracking", more)
    with DuckDBStore(path) as store:
        assert _answers(store) == _answers(memory)
    conn = duckdb.connect(str(path), read_only=True)
    assert conn.execute("SELECT path__lower FROM tracking WHERE path = '/PRICING'"
                        ).fetchall() == [("/pricing",)]  # written in the file's own format
    conn.close()


@pytest.mark.parametrize("how", ["engine", "old"])
def test_parquet_files_of_a_store_answer_as_the_store(how: str, tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    assert import_data(_csv_folder(tmp_path / "csv"), str(path)).path == "engine"
    if how == "old":
        _as_format_1(path)
    with DuckDBStore(path) as store:
        store.write_parquet(tmp_path / "pq")
    with DuckDBStore.from_parquet(tmp_path / "pq") as store:
        assert _answers(store) == _answers(_memory())


def test_duckdb_lower_changes_no_character_that_pythons_leaves() -> None:
    """What reading the earlier stores' NULL shadows (the value is its own lower case,
    by Python) with ``COALESCE(x__lower, lower(x))`` rests on, for every code point;
    and the characters where the two lower-case differently are the documented ones."""
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    conn = duckdb.connect()
    engine = [low for (low,) in conn.execute(
        "SELECT lower(v) FROM (SELECT unnest(?::VARCHAR[]) AS v)", [chars]).fetchall()]
    differ = [c for c, low in zip(chars, engine, strict=True) if c.lower() != low]
    assert [c for c in differ if c.lower() == c] == []
    assert differ == ["İ"]  # and a word-final Σ, by its context (below)
    assert conn.execute("SELECT lower('ΟΔΟΣ')").fetchall() == [("οδοσ",)] != [("ΟΔΟΣ".lower(),)]
