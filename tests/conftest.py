"""The suite's own cache folder (parser tables, rules trees, compiled queries):
tests and the commands they run leave the user's cache alone, and every run
starts cold once."""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

import pytest

_MADE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    if "LEADRULES_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="leadrules-test-cache-")
        _MADE.append(folder)
        os.environ["LEADRULES_CACHE_DIR"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _MADE:
        shutil.rmtree(folder, ignore_errors=True)


# The files that take longest, started first: ``make test`` runs one file per
# worker (pytest-xdist ``--dist loadfile``) in collection order, and a long file
# started last leaves the other core idle at the end.  Measured with
# ``pytest --durations=0`` (summed per file, 2026-12-07); within a file the order is
# unchanged.
_LONGEST_FIRST = (
    "test_spark.py",
    "test_differential_events.py",
    "test_hostile_inputs.py",
    "test_big_rules.py",
    "test_differential.py",
    "test_differential_models.py",
    "test_list_concurrency.py",
    "test_docs.py",
    "test_stores.py",
    "test_lsp.py",
    "test_write_api.py",
    "test_import_bulk.py",
    "test_json_form_agreement.py",
    "test_mapped_values.py",
    "test_next_change.py",
    "test_differential_funnels.py",
    "test_differential_explain.py",
    "test_regex_reliability.py",
    "test_typed_round_trip.py",
    "test_timeline.py",
    "test_append_concurrency.py",
    "test_format.py",
    "test_import_crash.py",
    "test_explain_tiers.py",
    "test_query_timeouts.py",
    "test_differential_lists.py",
    "test_mapping.py",
    "test_startup.py",
    "test_import_sqlite_bulk.py",
    "test_lsp_more.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(_LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.fixture()
def cli(capsys: pytest.CaptureFixture[str]) -> Any:
    """``cli(*argv) -> (exit code, stdout, stderr)`` of ``leadrules`` run in process."""
    from leadrules.cli import main

    def run(*argv: Any) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run
