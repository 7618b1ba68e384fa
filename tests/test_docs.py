"""The docs cannot drift: every example of README.md and docs/*.md runs and
prints what the page shows (docs/README.md says how blocks are marked)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from leadrules.cli import main as cli_main
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
