"""`field SRC.NAME TYPE` on a source that only a folder's file names
(`purchase.csv`) types that file's column, as `source SRC { NAME TYPE }` does;
a `field` on a table neither the schema nor the folder has is still refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import leadrules as lr
from leadrules.errors import CheckError

RULES = "field purchase.amount number\nsegment s { match purchase sum amount >= 100 }\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "pu"
    path.mkdir()
    (path / "lead.csv").write_text("id\nU1\nU2\n", encoding="utf-8")
    (path / "purchase.csv").write_text(
        "lead_id,occurred_at,amount\nU1,2026-05-01T00:00:00Z,60\nU1,2026-05-02T00:00:00Z,40.5\n"
        "U2,2026-05-01T00:00:00Z,99.5\n", encoding="utf-8")
    return path


def test_the_folder_is_read_with_the_field_declaration(folder: Path) -> None:
    rules = lr.parse(RULES, data=folder)
    assert rules.segment("s").select(rules.store, "2026-05-31") == ["U1"]


def test_import_with_the_rules_stores_the_declared_type(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "r.rules").write_text(RULES, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "leadrules", "import", str(folder), "--into",
                    str(tmp_path / "s.db"), "--rules", str(tmp_path / "r.rules")],
                   check=True, capture_output=True)
    with lr.SQLiteStore(tmp_path / "s.db") as store:
        purchase = store.stored_schema.source("purchase")
        assert purchase is not None and purchase.field("amount") is not None
        assert purchase.field("amount").type == lr.FieldType.NUMBER  # type: ignore[union-attr]
        assert lr.parse(RULES, data=store).segment("s").select(store, "2026-05-31") == ["U1"]


def test_a_field_on_a_table_no_one_has_is_still_refused(folder: Path) -> None:
    with pytest.raises(CheckError, match="unknown table 'purchse'"):
        lr.parse("field purchse.amount number\nsegment s { match purchase exists }\n",
                data=folder)
