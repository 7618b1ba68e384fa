"""The suite's own cache folder (parser tables, rules trees, compiled queries):
tests and the commands they run leave the user's cache alone, and every run
starts cold once."""

from __future__ import annotations

import os
import shutil
import tempfile

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
