"""``leadrules import``: atomic loads into SQLite and PostgreSQL; ``--data`` reads them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from leadrules import sample
from leadrules.cli import main
from tests.backends import POSTGRES_URL, unique_name

RULES = Path(__file__).parents[1] / "src" / "leadrules" / "demo.rules"
AS_OF = sample.AS_OF.isoformat()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("data")
    sample.write_csv(sample.generate(120), path)
    return path


@pytest.fixture()
def bad_folder(folder: Path, tmp_path: Path) -> Path:
    bad = tmp_path / "bad"
    shutil.copytree(folder, bad)
    lines = (bad / "lead.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[3].split(",")
    row[header.index("employees")] = "12a"
    lines[3] = ",".join(row)
    (bad / "lead.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bad


@pytest.fixture()
def pg_url() -> Iterator[str]:
    schema = unique_name("lr_import")
    yield f"{POSTGRES_URL}?schema={schema}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _segment(data: str, capsys: pytest.CaptureFixture[str], name: str = "hot_leads") -> str:
    assert main(["segment", str(RULES), name, "--data", data, "--as-of", AS_OF,
                 "--format", "ids"]) == 0
    return capsys.readouterr().out


def test_import_into_sqlite_then_segment_equals_folder(folder: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    target = tmp_path / "leads.db"
    assert main(["import", str(folder), "--into", str(target)]) == 0
    capsys.readouterr()
    for name in ("hot_leads",):
        from_folder = _segment(str(folder), capsys, name)
        assert from_folder.strip()
        assert _segment(str(target), capsys, name) == from_folder


def test_import_into_postgres_then_segment_equals_folder(folder: Path, pg_url: str,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    assert main(["import", str(folder), "--into", pg_url]) == 0
    capsys.readouterr()
    assert _segment(pg_url, capsys) == _segment(str(folder), capsys)


def test_bad_data_leaves_the_sqlite_file_byte_identical(folder: Path, bad_folder: Path,
                                                        tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    target = tmp_path / "leads.db"
    assert main(["import", str(folder), "--into", str(target)]) == 0
    before = target.read_bytes()
    capsys.readouterr()
    assert main(["import", str(bad_folder), "--into", str(target)]) == 1
    err = capsys.readouterr().err
    assert "lead.csv" in err and "row 4" in err and "'employees'" in err
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "leads.db"]


def test_bad_data_leaves_postgres_unchanged(folder: Path, bad_folder: Path, pg_url: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(folder), "--into", pg_url]) == 0
    capsys.readouterr()
    before = _segment(pg_url, capsys)
    schema = pg_url.split("schema=")[1]
    with psycopg.connect(POSTGRES_URL) as conn:
        snapshot = conn.execute(f'SELECT count(*), max("seq") FROM "{schema}"."tracking"'
                                ).fetchall()
    assert main(["import", str(bad_folder), "--into", pg_url]) == 1
    assert "'employees'" in capsys.readouterr().err
    with psycopg.connect(POSTGRES_URL) as conn:
        assert conn.execute(f'SELECT count(*), max("seq") FROM "{schema}"."tracking"'
                            ).fetchall() == snapshot
    assert _segment(pg_url, capsys) == before


def test_a_failed_postgres_write_rolls_back(folder: Path, pg_url: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(folder), "--into", pg_url]) == 0
    capsys.readouterr()
    before = _segment(pg_url, capsys)
    schema = pg_url.split("schema=")[1]
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        # A table that is not ours, with a name the import needs: it must fail
        # and leave the previous store in place.
        conn.execute(f'CREATE TABLE "{schema}"."webinar" (x int)')
    extra = folder.parent / "with_webinar"
    shutil.copytree(folder, extra, dirs_exist_ok=True)
    (extra / "webinar.csv").write_text("lead_id,occurred_at\n", encoding="utf-8")
    assert main(["import", str(extra), "--into", pg_url]) == 1
    assert "not part of a leadrules store" in capsys.readouterr().err
    assert _segment(pg_url, capsys) == before


def test_import_replaces_an_existing_store(folder: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    small = tmp_path / "small"
    sample.write_csv(sample.generate(5), small)
    target = tmp_path / "leads.db"
    assert main(["import", str(folder), "--into", str(target)]) == 0
    assert main(["import", str(small), "--into", str(target)]) == 0
    capsys.readouterr()
    assert main(["segment", str(RULES), "hot_leads", "--data", str(target), "--as-of", AS_OF,
                 "--format", "json"]) == 0


def test_usage_errors(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
                      ) -> None:
    assert main(["import", str(folder), "--into", str(tmp_path / "x.csv")]) == 2
    assert "cannot import into" in capsys.readouterr().err
    assert main(["segment", str(RULES), "hot_leads", "--data", str(tmp_path / "nope.db")]) == 2
    assert main(["segment", str(RULES), "hot_leads", "--data", str(tmp_path / "x.txt")]) == 2


def test_explain_on_an_imported_store(folder: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "leads.db"
    assert main(["import", str(folder), "--into", str(target)]) == 0
    lead_id = _segment(str(folder), capsys).split()[0]
    args = ["explain", str(RULES), "hot_leads", lead_id, "--as-of", AS_OF]
    assert main([*args, "--data", str(folder)]) == 0
    want = capsys.readouterr().out
    assert main([*args, "--data", str(target)]) == 0
    assert capsys.readouterr().out == want
