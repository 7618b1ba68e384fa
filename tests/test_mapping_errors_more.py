"""Bad mapping files and dicts: each gives a clear error -- the file, line, column
and caret of the key at fault and a fix that works -- never a traceback nor a
place elsewhere in the file (issue 14; docs/stores.md, "Your own tables")."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadrules.cli import main
from leadrules.errors import UsageError
from leadrules.stores.mapping import load as load_mapping

RULES = "segment hot {\n  match email exists\n}\n"


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _sql(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str | bytes,
         dialect: str = "spark") -> tuple[int, list[str]]:
    """``leadrules sql t.rules hot --map bad.toml`` (no database): exit code, stderr."""
    (tmp_path / "t.rules").write_text(RULES, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    if isinstance(text, bytes):
        bad.write_bytes(text)
    else:
        bad.write_text(text, encoding="utf-8")
    code, _, err = _run(capsys, "sql", tmp_path / "t.rules", "hot", "--dialect", dialect,
                        "--map", bad)
    return code, err.splitlines()


# -- 1. the line of the key at fault, and the field meant ---------------------------


def test_an_undeclared_field_without_a_database_is_placed_on_its_line_with_the_one_meant(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _sql(tmp_path, capsys,
                     '[lead]\ntable = "contacts"\nid = "contact_id"\nemial = "email_address"\n')
    assert code == 2
    assert err == [
        f"{tmp_path / 'bad.toml'}:4:1: error: mapping: [lead] 'emial' is not a field of "
        "lead: did you mean 'email'?",
        '  4 | emial = "email_address"',
        "      ^",
        "  to add a new field 'emial', declare it in the rules file (field lead.emial TYPE)"]
    # A key near no field: still its own line.
    code, err = _sql(tmp_path, capsys,
                     '[lead]\ntable = "contacts"\nid = "contact_id"\nwhatever = "w"\n')
    assert code == 2
    assert err[0] == (f"{tmp_path / 'bad.toml'}:4:1: error: mapping: [lead] whatever: the "
                      "rules do not declare this field, and without a database its "
                      "column's type is unknown")


def test_a_bad_epoch_without_a_database_is_placed_on_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _sql(tmp_path, capsys,
                     '[lead]\ntable = "contacts"\nid = "contact_id"\n\n[tracking]\n'
                     'table = "pv"\nlead_id = "cid"\noccurred_at = {column="t", epoch="sec"}\n')
    assert code == 2
    assert err[:3] == [
        f"{tmp_path / 'bad.toml'}:8:1: error: mapping: [tracking] occurred_at: "
        "epoch = 'sec': one of 's', 'ms', 'us'",
        '  8 | occurred_at = {column="t", epoch="sec"}',
        "      ^"]


# -- 2. a file that is not UTF-8, a byte order mark -----------------------------------


def test_a_mapping_file_not_utf8_names_the_first_bad_byte(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _sql(tmp_path, capsys, b'[lead]\ntable = "contacts"\nid = "contact_id"\n'
                                       b'company="\x89\xef"\n')
    assert code == 2
    assert err[:3] == [
        f"{tmp_path / 'bad.toml'}:4:10: error: the mapping file is not UTF-8: byte 0x89 "
        "cannot be decoded",
        '  4 | company="\ufffd\ufffd"',
        "               ^"]
    assert "Traceback" not in "\n".join(err)
    # From Python: the documented reader says the same.
    with pytest.raises(UsageError) as raised:
        load_mapping(tmp_path / "bad.toml")
    [d] = raised.value.diagnostics
    assert (d.file, d.line, d.column) == (str(tmp_path / "bad.toml"), 4, 10)


def test_a_mapping_file_with_a_byte_order_mark_is_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _sql(tmp_path, capsys,
                     b'\xef\xbb\xbf[lead]\ntable = "contacts"\nid = "contact_id"\n'
                     b'emial = "e"\n')
    # Read: the next mistake is the one reported, on its line.
    assert code == 2
    assert err[0].startswith(f"{tmp_path / 'bad.toml'}:4:1: error: mapping: [lead] 'emial'")
    (tmp_path / "bom.toml").write_bytes(b'\xef\xbb\xbf[lead]\ntable = "contacts"\n'
                                        b'id = "contact_id"\n')
    assert load_mapping(tmp_path / "bom.toml") == {
        "lead": {"table": "contacts", "id": "contact_id"}}
