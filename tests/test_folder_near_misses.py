"""A data folder's file or column named near a source or field the folder lacks
(``trackng.csv``, ``Email``): read as a name of its own, so rules on the name
the folder lacks are warned about where they read it, as for a field a mapping
leaves out (docs/data.md, "Folders")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import leadrules as lr
from leadrules.cli import main
from leadrules.memory import MemoryStore

RULES = """\
segment hot { match tracking count >= 2 }
segment mail { match email exists }
segment big { match employees >= 100 }
segment forms { match application exists }
"""

LEAD = "id,email,employees\nL1,a@x,250\n"
VIEWS = "lead_id,occurred_at,path\nL1,2026-05-01,/pricing\nL1,2026-05-02,/pricing\n"
FORMS = "lead_id,occurred_at,form\nL1,2026-05-01,contact\n"


def _folder(tmp_path: Path, files: dict[str, str], name: str = "data") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def _rules(tmp_path: Path, text: str = RULES) -> Path:
    path = tmp_path / "t.rules"
    path.write_text(text, encoding="utf-8")
    return path


def _warnings(tmp_path: Path, files: dict[str, str], text: str = RULES) -> list[lr.Diagnostic]:
    return list(lr.load(_rules(tmp_path, text), data=_folder(tmp_path, files)).warnings)


def _segment(rules: lr.Rules, name: str) -> list[str]:
    return sorted(rules.segment(name).select(rules.store, as_of="2026-06-01"))


# ------------------------------------------------------------------ sources


@pytest.mark.parametrize("file", ["trackng.csv", "Tracking.csv"])
def test_a_file_near_a_source_without_a_file_is_warned_where_rules_read_it(
        tmp_path: Path, file: str) -> None:
    found = _warnings(tmp_path, {"lead.csv": LEAD, file: VIEWS, "application.csv": FORMS})
    assert len(found) == 1
    w = found[0]
    assert w.message == (f"source 'tracking' has no file in the folder {tmp_path / 'data'}: "
                         "it has no events for any lead")
    assert (w.severity, w.code, w.line, w.column) == ("warning", "unmapped", 1, 21)
    assert w.hint is not None and w.hint.startswith(
        f"the folder has {file}, read as a new source '{file[:-4]}': rename it to tracking.csv")
    assert w.suggestion is None  # the fix is in the folder, not in the rules


def test_a_plural_file_name_is_a_near_miss_too(tmp_path: Path) -> None:
    found = _warnings(tmp_path, {"lead.csv": LEAD, "tracking.csv": VIEWS,
                                 "applications.csv": FORMS})
    assert [(w.line, w.message.split(":")[0]) for w in found] == [
        (4, f"source 'application' has no file in the folder {tmp_path / 'data'}")]


def test_renaming_the_file_as_the_hint_says_reads_its_events(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"lead.csv": LEAD, "trackng.csv": VIEWS,
                                "application.csv": FORMS})
    rules = lr.load(_rules(tmp_path), data=folder)
    assert _segment(rules, "hot") == []
    (folder / "trackng.csv").rename(folder / "tracking.csv")
    rules = lr.load(_rules(tmp_path), data=folder)
    assert rules.warnings == ()
    assert _segment(rules, "hot") == ["L1"]


def test_no_warning_when_the_source_has_its_file_too(tmp_path: Path) -> None:
    assert _warnings(tmp_path, {"lead.csv": LEAD, "tracking.csv": VIEWS, "trackng.csv": VIEWS,
                                "application.csv": FORMS}) == []


def test_no_warning_when_the_rules_do_not_read_the_source(tmp_path: Path) -> None:
    assert _warnings(tmp_path, {"lead.csv": LEAD, "trackng.csv": VIEWS},
                     "segment mail { match email exists }\n") == []


def test_a_file_far_from_every_source_is_a_new_source_without_warning(tmp_path: Path) -> None:
    assert _warnings(tmp_path, {"lead.csv": LEAD, "tracking.csv": VIEWS,
                                "application.csv": FORMS, "webinar.csv": FORMS}) == []


# ------------------------------------------------------------------- fields


def test_columns_near_fields_the_file_lacks_are_warned_where_rules_read_them(
        tmp_path: Path) -> None:
    found = _warnings(tmp_path, {"lead.csv": "id,Email,employes,industy\nL1,a@x,250,it\n",
                                 "tracking.csv": VIEWS, "application.csv": FORMS})
    assert [(w.line, w.column, w.message, w.hint) for w in found] == [
        (2, 22, "lead field 'email' has no column in lead.csv: it is missing for every lead",
         "lead.csv has a column 'Email', read as a new text field: rename it to 'email' "
         "(column names are case-sensitive)"),
        (3, 21, "lead field 'employees' has no column in lead.csv: it is missing for every "
                "lead",
         "lead.csv has a column 'employes', read as a new text field: rename it to "
         "'employees'")]  # industry is read by no rule: no warning
    assert {w.code for w in found} == {"unmapped"}


def test_renaming_the_columns_as_the_hints_say_makes_the_rules_true(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"lead.csv": "id,Email,employes\nL1,a@x,250\n"})
    rules = lr.load(_rules(tmp_path), data=folder)
    assert _segment(rules, "mail") == _segment(rules, "big") == []
    (folder / "lead.csv").write_text("id,email,employees\nL1,a@x,250\n", encoding="utf-8")
    rules = lr.load(_rules(tmp_path, "segment mail { match email exists }\n"
                               "segment big { match employees >= 100 }\n"), data=folder)
    assert rules.warnings == ()
    assert _segment(rules, "mail") == _segment(rules, "big") == ["L1"]


def test_no_warning_when_the_field_has_its_column_too(tmp_path: Path) -> None:
    assert _warnings(tmp_path, {"lead.csv": "id,email,Email,employees\nL1,a,b,3\n",
                                "tracking.csv": VIEWS, "application.csv": FORMS}) == []


def test_an_event_files_column_near_a_field_is_warned(tmp_path: Path) -> None:
    found = _warnings(tmp_path, {"lead.csv": LEAD,
                                 "tracking.csv": "lead_id,occurred_at,Path\nL1,2026-05-01,/\n"},
                      'segment p { match tracking { path = "/" } exists }\n')
    assert [(w.message, w.column) for w in found] == [
        ("tracking field 'path' has no column in tracking.csv: it is missing for every "
         "tracking event", 30)]


def test_a_jsonl_key_near_a_field_is_warned(tmp_path: Path) -> None:
    lead = json.dumps({"id": "L1", "Email": "a@x"}) + "\n"
    found = _warnings(tmp_path, {"lead.jsonl": lead}, "segment mail { match email exists }\n")
    assert [(w.message, w.hint) for w in found] == [
        ("lead field 'email' has no key in lead.jsonl: it is missing for every lead",
         "lead.jsonl has a key 'Email', read as a new text field: rename it to 'email' "
         "(key names are case-sensitive)")]


def test_a_store_read_from_the_folder_warns_as_the_folder_does(tmp_path: Path) -> None:
    store = MemoryStore.from_folder(_folder(tmp_path, {"lead.csv": "id,Email\nL1,a\n"}))
    rules = lr.load(_rules(tmp_path, "segment mail { match email exists }\n"), data=store)
    assert [w.message for w in rules.warnings] == [
        "lead field 'email' has no column in lead.csv: it is missing for every lead"]


def test_a_parquet_folder_names_its_near_misses_as_a_csv_folder_does(tmp_path: Path) -> None:
    """Parquet columns keep their types: the hint says a new field, not a text one."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq
    folder = tmp_path / "pq"
    folder.mkdir()
    when = pa.array([dt.datetime(2026, 5, 1, tzinfo=dt.UTC)] * 2)
    pq.write_table(pa.table({"id": ["L1"], "Email": ["a@x"], "employes": [250.0]}),
                   folder / "lead.parquet")
    pq.write_table(pa.table({"lead_id": ["L1", "L1"], "occurred_at": when,
                             "path": ["/a", "/b"]}), folder / "Tracking.parquet")
    rules = lr.load(_rules(tmp_path), data=folder)
    assert [(w.line, w.message, w.hint, w.code) for w in rules.warnings] == [
        (1, f"source 'tracking' has no file in the folder {folder}: it has no events for "
            "any lead",
         "the folder has Tracking.parquet, read as a new source 'Tracking': rename it to "
         "tracking.parquet (file names are case-sensitive)", "unmapped"),
        (2, "lead field 'email' has no column in lead.parquet: it is missing for every lead",
         "lead.parquet has a column 'Email', read as a new field: rename it to 'email' "
         "(column names are case-sensitive)", "unmapped"),
        (3, "lead field 'employees' has no column in lead.parquet: it is missing for every "
            "lead",
         "lead.parquet has a column 'employes', read as a new field: rename it to "
         "'employees'", "unmapped")]
    assert _segment(rules, "big") == []


def test_a_frames_column_near_a_field_it_lacks_is_named_with_the_rename(
        tmp_path: Path) -> None:
    """A frame's near-miss column is named (the rename that fixes it, which works);
    a source without a frame keeps the mapping's warning (frames take mapping=)."""
    import pandas as pd
    leads = pd.DataFrame({"id": ["L1"], "Email": ["a@x"], "employes": [250.0]})
    store = lr.open_store({"lead": leads})
    rules = lr.load(_rules(tmp_path), data=store)
    found = [(w.line, w.message, w.hint) for w in rules.warnings]
    assert found == [
        (1, "source 'tracking' has no table in the data: it has no events for any lead",
         'map a table to it in the mapping ([tracking] table = "TABLE"), or give the data '
         "such a table"),
        (2, "lead field 'email' has no column in the 'lead' frame: it is missing for every "
            "lead",
         "the 'lead' frame has a column 'Email', read as a new field: rename it "
         "(df.rename(columns={'Email': 'email'})) (column names are case-sensitive)"),
        (3, "lead field 'employees' has no column in the 'lead' frame: it is missing for "
            "every lead",
         "the 'lead' frame has a column 'employes', read as a new field: rename it "
         "(df.rename(columns={'employes': 'employees'}))"),
        (4, "source 'application' has no table in the data: it has no events for any lead",
         'map a table to it in the mapping ([application] table = "TABLE"), or give the '
         "data such a table")]
    renamed = lr.open_store({"lead": leads.rename(columns={"Email": "email",
                                                           "employes": "employees"})})
    rules = lr.load(_rules(tmp_path, "segment mail { match email exists }\n"
                                     "segment big { match employees >= 100 }\n"), data=renamed)
    assert rules.warnings == ()
    assert _segment(rules, "mail") == _segment(rules, "big") == ["L1"]


# --------------------------------------------------------------------- CLI


def test_check_data_warns_and_strict_refuses(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    rules = _rules(tmp_path)
    folder = _folder(tmp_path, {"lead.csv": "id,Email,employees\nL1,a,3\n",
                                "trackng.csv": VIEWS, "application.csv": FORMS})
    assert main(["check", str(rules), "--data", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "t.rules: ok (4 segments, 2 warnings)" in out
    assert "t.rules:1:21: warning: source 'tracking' has no file in the folder" in err
    assert "rename it to tracking.csv" in err
    assert "t.rules:2:22: warning: lead field 'email' has no column in lead.csv" in err
    assert main(["check", str(rules), "--data", str(folder), "--strict"]) == 1
    capsys.readouterr()
    assert main(["check", str(rules), "--data", str(folder), "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(d["code"], d["line"]) for d in found] == [("unmapped", 1), ("unmapped", 2)]


def test_segment_prints_the_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = _rules(tmp_path)
    folder = _folder(tmp_path, {"lead.csv": LEAD, "Tracking.csv": VIEWS,
                                "application.csv": FORMS})
    assert main(["segment", str(rules), "hot", "--data", str(folder), "--as-of", "2026-06-01",
                 "--format", "ids"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == ""
    assert "warning: source 'tracking' has no file in the folder" in err
    assert "the folder has Tracking.csv" in err


@pytest.mark.parametrize("file", ["tracking.CSV", "Tracking.Csv", "trackng.CSV"])
def test_an_upper_case_extension_is_not_read_and_is_warned_about(
        tmp_path: Path, file: str) -> None:
    """``tracking.CSV`` is no data file (extensions are case-sensitive, as names are):
    every rule on tracking would be silently false, so the rules reading it say why."""
    found = _warnings(tmp_path, {"lead.csv": LEAD, file: VIEWS, "application.csv": FORMS})
    assert [(w.message, w.hint) for w in found] == [(
        f"source 'tracking' has no file in the folder {tmp_path / 'data'}: it has no events "
        "for any lead", f"the folder has {file}, which is not read (extensions are "
        "case-sensitive): rename it to tracking.csv")]
    assert _segment(lr.load(_rules(tmp_path), data=tmp_path / "data"), "hot") == []


def test_an_upper_case_lead_file_extension_is_named_in_the_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"lead.CSV": LEAD, "tracking.csv": VIEWS})
    with pytest.raises(lr.LeadRulesError) as info:
        MemoryStore.from_folder(folder)
    (d,) = info.value.diagnostics
    assert d.message == f"no lead.csv or lead.jsonl in {folder}"
    assert d.hint == ("the lead file must be named lead.csv or lead.jsonl "
                      "(found lead.CSV, tracking.csv)")
