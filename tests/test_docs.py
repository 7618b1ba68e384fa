"""The docs cannot drift: every example of README.md and docs/*.md runs and
prints what the page shows (docs/README.md says how blocks are marked)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from leadrules.cli import main as cli_main
from leadrules.schema import DEFAULT_SCHEMA
from tests import docs_examples as dx

BLOCKS = dx.all_blocks()
FILES, FILE_PROBLEMS = dx.example_files([b for blocks, _ in BLOCKS.values() for b in blocks])


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data `leadrules demo --out demo-data` writes, made once."""
    folder = tmp_path_factory.mktemp("demo") / "demo-data"
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli_main(["demo", "--out", str(folder)]) == 0
    return folder


@pytest.mark.parametrize("page", sorted(BLOCKS))
def test_the_examples_of_the_page_run_as_shown(page: str, tmp_path: Path,
                                               demo_data: Path) -> None:
    blocks, problems = BLOCKS[page]
    run = dx.PageRun(dx.fresh_folder(tmp_path / "examples", FILES, demo_data))
    run.run(blocks)
    failures = problems + run.failures
    assert not failures, "\n\n".join(failures)


def test_a_file_name_means_one_file_across_the_docs() -> None:
    assert not FILE_PROBLEMS, "\n".join(FILE_PROBLEMS)


@pytest.mark.parametrize("page", sorted(BLOCKS))
def test_relative_links_and_anchors_resolve(page: str) -> None:
    problems = dx.broken_links(dx.ROOT / page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", sorted(BLOCKS))
def test_files_named_in_the_page_exist(page: str) -> None:
    problems = dx.missing_paths(dx.ROOT / page, set(FILES))
    assert not problems, "\n".join(problems)


def test_the_default_schema_is_documented_field_by_field() -> None:
    """data.md documents every table and field of DEFAULT_SCHEMA, in order,
    with its type and a meaning, and nothing else."""
    documented = dx.documented_schema(dx.ROOT / "docs" / "data.md")
    actual = [(t.name, [(f.name, str(f.type)) for f in t.fields])
              for t in DEFAULT_SCHEMA.tables]
    assert [(name, [(f, t) for f, t, _ in rows]) for name, rows in documented] == actual
    for name, rows in documented:
        for field, _, meaning in rows:
            assert meaning.strip(), f"data.md: {name}.{field} has no meaning"


RULES_FILES = sorted(p.relative_to(dx.ROOT).as_posix() for p in dx.ROOT.rglob("*.rules")
                     if ".venv" not in p.parts and ".git" not in p.parts)


@pytest.mark.parametrize("path", RULES_FILES)
def test_every_rules_file_of_the_repository_is_in_fmt_style(path: str) -> None:
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert cli_main(["fmt", "--check", str(dx.ROOT / path)]) == 0, err.getvalue()


def test_every_diagnostic_code_is_in_the_cli_table() -> None:
    """docs/cli.md "Diagnostic codes" lists every code a Diagnostic is given in src/."""
    import re
    root = Path(__file__).resolve().parents[1]
    used = set()
    for path in (root / "src" / "leadrules").rglob("*.py"):
        used |= set(re.findall(r'code="([a-z-]+)"', path.read_text(encoding="utf-8")))
    table = (root / "docs" / "cli.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z-]+)`", table, flags=re.M))
    assert used and not (used - listed), sorted(used - listed)


def test_the_methods_the_docs_name_exist() -> None:
    """Every `Class.method` of the public classes a docs page names exists (a
    page named MemoryStore.from_records, which never did)."""
    import re

    import leadrules as lr
    from leadrules.lists import ListManager
    classes = {"MemoryStore": lr.MemoryStore, "SQLiteStore": lr.SQLiteStore,
               "DuckDBStore": lr.DuckDBStore, "PostgresStore": lr.PostgresStore,
               "SparkStore": lr.SparkStore, "Rules": lr.Rules, "ListManager": ListManager}
    pattern = re.compile(r"\b(" + "|".join(classes) + r")\.([a-z_][a-z0-9_]*)\b")
    root = Path(__file__).resolve().parents[1]
    missing = {f"{page.name}: {m[1]}.{m[2]}"
               for page in [root / "README.md", *sorted((root / "docs").glob("*.md"))]
               for m in pattern.finditer(page.read_text(encoding="utf-8"))
               if not hasattr(classes[m[1]], m[2])}
    assert not missing, sorted(missing)
