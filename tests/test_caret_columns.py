"""The caret sits under the fault as a terminal shows the line: a Japanese or
full-width character takes two columns (it was placed by character count, so
it landed columns early); a full-width field name is suggested as written."""

from __future__ import annotations

import pytest

import leadrules as lr
from leadrules.errors import CheckError


def rendered(text: str) -> list[str]:
    with pytest.raises(CheckError) as info:
        lr.parse(text, file="jp.rules")
    return info.value.render().splitlines()


def test_the_caret_is_under_the_name_after_wide_characters() -> None:
    lines = rendered('segment s {\n  1: lead { company = "株式会社"; 部暑 exists }\n}\n')
    shown, caret = lines[1], lines[2]
    assert shown.endswith('1: lead { company = "株式会社"; 部暑 exists }')
    # In terminal columns: 部暑 starts 4 columns later than its character index.
    start = caret.index("^")
    prefix = shown[:shown.index("部暑")]
    assert start == len(prefix) + sum(1 for c in prefix if c in "株式会社")
    assert caret[start:] == "^^^^"  # two wide characters


def test_a_full_width_field_name_is_suggested_in_ascii() -> None:
    lines = rendered("segment t {\n  1: lead { ＥＭＡＩＬ exists }\n}\n")
    assert lines[2].strip() == "^" * 10
    assert lines[3].strip() == "did you mean 'email'?"
