"""The encoding a non-UTF-8 file is said to look like: Shift_JIS only when the
bytes read as Japanese; a file cut inside a UTF-8 character is named as cut."""

from __future__ import annotations

from pathlib import Path

import pytest

import leadrules as lr
from leadrules.errors import LeadRulesError

HEAD = b"segment s {\n  1: email exists\n}\n"


def message(tmp_path: Path, tail: bytes) -> str:
    (tmp_path / "r.rules").write_bytes(HEAD + tail)
    with pytest.raises(LeadRulesError) as info:
        lr.load(tmp_path / "r.rules")
    return info.value.render()


def test_a_file_cut_inside_a_character_is_named_as_cut(tmp_path: Path) -> None:
    text = message(tmp_path, "# 日本".encode()[:-1])
    assert "ends inside a UTF-8 character" in text and "Shift_JIS" not in text


def test_shift_jis_is_guessed_only_for_japanese_text(tmp_path: Path) -> None:
    assert "looks like Shift_JIS" in message(tmp_path, "# あい\n".encode("cp932"))
    assert "Shift_JIS" not in message(tmp_path, b"# \xff\xfe x\n")
