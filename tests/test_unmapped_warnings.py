"""A rule reading a field or source a mapping leaves out is warned about
(docs/stores.md, "Your own tables"): it reads as missing for every lead, which
is rarely what the author meant.  The warning names the field and where it is
read, once per field, and never for what the library's own models read."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import leadrules as lr
from leadrules.api import unmapped_fields

MAPPING = {
    "lead": {"table": "contacts", "id": "contact_id", "email": "email_address"},
    "tracking": {"table": "views", "lead_id": "contact_id", "occurred_at": "viewed_at",
                 "path": "page_path"},
}

MAP_TOML = """[lead]
table = "contacts"
id = "contact_id"
email = "email_address"

[tracking]
table = "views"
lead_id = "contact_id"
occurred_at = "viewed_at"
path = "page_path"
"""

RULES = """segment s {
  1: lead { company = "Acme" }
  2: tracking { title contains "x"; occurred_at within 30 days } exists
  3: lead { email exists }
  4: activity exists
  5: lead { company exists }
  match 1 or 2 or 3 or 4 or 5
}
"""


@pytest.fixture
def app(tmp_path: Path) -> Path:
    conn = sqlite3.connect(tmp_path / "app.db")
    conn.executescript("""
      CREATE TABLE contacts (contact_id TEXT, email_address TEXT);
      CREATE TABLE views (contact_id TEXT, viewed_at TEXT, page_path TEXT);
      INSERT INTO contacts VALUES ('C1', 'a@x.com'), ('C2', NULL);
      INSERT INTO views VALUES ('C1', '2026-11-01T10:00:00Z', '/pricing');
    """)
    conn.commit()
    conn.close()
    (tmp_path / "m.toml").write_text(MAP_TOML, encoding="utf-8")
    (tmp_path / "r.rules").write_text(RULES, encoding="utf-8")
    return tmp_path


def _warnings(rules: lr.Rules) -> list[tuple[int | None, int | None, str]]:
    return [(w.line, w.column, w.message) for w in rules.warnings]


def test_python_warns_each_unmapped_field_and_source_once(app: Path) -> None:
    rules = lr.load(app / "r.rules", data=app / "app.db", mapping=MAPPING)
    assert _warnings(rules) == [
        (2, 13, "lead field 'company' has no column in the data: it is missing for every lead"),
        (3, 17, "tracking field 'title' has no column in the data: it is missing for every "
                "tracking event"),
        (5, 6, "source 'activity' has no table in the data: it has no events for any lead"),
    ]
    assert {w.code for w in rules.warnings} == {"unmapped"}
    # The rules still run, with the unmapped field missing: only C1 has an email.
    assert rules.segment("s").select(rules.store, as_of="2026-11-10") == ["C1"]


def test_mapped_fields_and_imported_stores_get_no_warning(app: Path, tmp_path: Path,
                                                          cli: Any) -> None:
    text = ('segment ok {\n  1: lead { email exists }\n'
            '  2: tracking { path = "/pricing" } exists\n  match 1 or 2\n}\n')
    (app / "ok.rules").write_text(text, encoding="utf-8")
    assert lr.load(app / "ok.rules", data=app / "app.db", mapping=MAPPING).warnings == ()
    # An imported store holds every field of its schema, a folder is read in memory:
    # neither leaves a field out, whatever columns the files had.
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "lead.csv").write_text("id,email\nC1,a@x.com\n", encoding="utf-8")
    assert unmapped_fields(lr.open_store(str(folder))) is None
    assert lr.load(app / "r.rules", data=folder).warnings == ()
    code, _, err = cli("import", folder, "--into", tmp_path / "x.db")
    assert code == 0, err
    found = unmapped_fields(lr.open_store(str(tmp_path / "x.db")))
    assert found is not None and set(found.values()) == {frozenset()}
    assert lr.load(app / "r.rules", data=tmp_path / "x.db").warnings == ()


def test_builtin_models_are_not_warned_about(app: Path) -> None:
    # `scoring default` ships with the library and reads fields this mapping leaves
    # out; a file that does not name them hears nothing about them.
    (app / "e.rules").write_text("segment e {\n  match email exists\n}\n", encoding="utf-8")
    rules = lr.load(app / "e.rules", data=app / "app.db", mapping=MAPPING)
    assert rules.warnings == ()


def test_unmapped_fields_of_a_mapped_store(app: Path) -> None:
    store = lr.open_store(str(app / "app.db"), mapping=MAPPING)
    found = unmapped_fields(store)
    assert found is not None
    lead = set(lr.DEFAULT_SCHEMA.lead.field_names) - {"id", "email"}
    assert found["lead"] == lead
    assert found["tracking"] == set(lr.DEFAULT_SCHEMA.source("tracking").field_names) - {
        "lead_id", "occurred_at", "path"}
    assert found["activity"] is None and found["application"] is None


def test_frames_warn_about_a_column_they_lack(tmp_path: Path) -> None:
    frames = {"lead": pd.DataFrame({"id": ["L1", "L2"], "email": ["a@x", None]})}
    store = lr.open_store(frames)
    (tmp_path / "f.rules").write_text(
        'segment s {\n  match company = "Acme" or email exists\n}\n', encoding="utf-8")
    rules = lr.load(tmp_path / "f.rules", data=store)
    assert _warnings(rules) == [
        (2, 9, "lead field 'company' has no column in the data: it is missing for every lead")]
    assert rules.segment("s").select(store) == ["L1"]


def test_cli_check_prints_the_warnings_and_strict_fails(app: Path, cli: Any) -> None:
    code, out, err = cli("check", app / "r.rules", "--data", app / "app.db",
                         "--map", app / "m.toml")
    assert code == 0
    assert "r.rules: ok (1 segment, 3 warnings)" in out + err
    assert "r.rules:2:13: warning: lead field 'company' has no column in the data" in err
    assert '([lead] company = "COLUMN")' in err
    code, _, _ = cli("check", app / "r.rules", "--data", app / "app.db",
                     "--map", app / "m.toml", "--strict")
    assert code == 1
    code, out, _ = cli("check", app / "r.rules", "--data", app / "app.db",
                       "--map", app / "m.toml", "--format", "json")
    assert [d["code"] for d in json.loads(out)] == ["unmapped", "unmapped", "unmapped"]
