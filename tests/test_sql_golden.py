"""Every construct family compiles to the SQL pinned in ``tests/golden_sql/``, per dialect.

A failure shows the section that changed.  If the change is intended, run
``make golden`` and review ``git diff tests/golden_sql/`` (see
``tests/golden_sql.py``).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from leadrules.sql.dialects import DIALECTS
from tests import golden_sql
from tests.golden_sql import FAMILIES, path_of, read, sections

HINT = "regenerate with `make golden` (python -m tests.golden_sql) and review the diff"


Sections = dict[tuple[str, str], str]


class Golden(NamedTuple):
    name: str
    expected: Sections  # read from the golden file
    actual: Sections  # compiled now

    def __repr__(self) -> str:  # not the whole SQL in a failure's report
        return f"<golden SQL of {self.name}>"


@pytest.fixture(scope="module", params=sorted(FAMILIES))
def family(request: pytest.FixtureRequest) -> Golden:
    name: str = request.param
    path = path_of(name)
    assert path.exists(), f"{path} is missing: {HINT}"
    return Golden(name, read(path), sections(name))


@pytest.mark.parametrize("dialect", DIALECTS)
def test_sql_matches_the_golden_file(
        family: Golden, dialect: str) -> None:
    name, expected, actual = family
    for key, text in actual.items():
        if key[1] != dialect:
            continue
        assert key in expected, f"{name}: no golden SQL for {key[0]} · {dialect}: {HINT}"
        assert text == expected[key], f"{name}: {key[0]} · {dialect} changed: {HINT}"


def test_golden_files_hold_nothing_else(
        family: Golden) -> None:
    name, expected, actual = family
    assert sorted(expected) == sorted(actual), f"{name}: stale sections: {HINT}"
    assert path_of(name).read_text(encoding="utf-8") == golden_sql.render(name, actual), HINT


def test_every_dialect_and_family_is_pinned() -> None:
    assert {path.stem for path in golden_sql.GOLDEN_DIR.glob("*.sql")} == set(FAMILIES)
    for name in FAMILIES:
        assert {dialect for _, dialect in read(path_of(name))} == set(DIALECTS)
