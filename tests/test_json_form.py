"""The JSON form of rules (issue 11 item 6): ``leadrules export``, ``leadrules fmt
--from json``, ``lr.to_json`` / ``lr.from_json``, the shipped JSON Schema.

Round trip: any tree the parser makes, written as text, read, exported to JSON
(through ``json.dumps`` / ``json.loads``) and written as text again gives the
same text; the exported document validates against the shipped schema (checked
with the independent ``jsonschema`` validator); bad documents are errors naming
the JSON path, which the schema rejects too.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings

import leadrules as lr
from leadrules import ast, json_form
from leadrules.cli import main
from leadrules.errors import ParseError
from leadrules.format import format_rules
from leadrules.parse import parse
from strategies import rule_files

ROOT = Path(__file__).resolve().parent.parent
SPEC_RULES = ROOT / "tests" / "spec_examples.rules"
SHIPPED_RULES = sorted((ROOT / "src" / "leadrules").glob("*.rules"))
VALIDATOR = jsonschema.Draft202012Validator(json_form.shipped_schema())


def exported(text: str) -> dict[str, Any]:
    """The JSON document of rules text, through JSON text and back."""
    doc = json.loads(json.dumps(lr.to_json(parse(text))))
    assert isinstance(doc, dict)
    return doc


# ------------------------------------------------------------------ round trip


@settings(max_examples=80, deadline=None)
@given(rule_files())
def test_text_to_json_to_text_is_the_same_text(tree: ast.RuleFile) -> None:
    text = format_rules(tree)
    doc = exported(text)
    assert json_form.decode(doc) == parse(text)
    assert json_form.to_text(doc) == text
    assert json_form.to_text(json.dumps(doc)) == text


@settings(max_examples=60, deadline=None)
@given(rule_files())
def test_every_exported_document_validates_against_the_shipped_schema(
        tree: ast.RuleFile) -> None:
    VALIDATOR.validate(exported(format_rules(tree)))


@pytest.mark.parametrize("path", [SPEC_RULES, *SHIPPED_RULES], ids=lambda p: p.name)
def test_the_spec_examples_and_shipped_rules_round_trip_and_validate(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = exported(text)
    VALIDATOR.validate(doc)
    assert parse(json_form.to_text(doc)) == parse(text)


def test_the_shipped_schema_is_the_one_derived_from_the_tree() -> None:
    assert json_form.SCHEMA_PATH.read_text(encoding="utf-8") == json_form.schema_text(), (
        "ast.py changed: run `python -m leadrules.json_form` to rewrite rules.schema.json "
        "(and bump json_form.VERSION if old documents no longer read)")
    jsonschema.Draft202012Validator.check_schema(json_form.shipped_schema())


def test_every_node_class_of_the_tree_has_a_kind_in_the_form() -> None:
    classes = {v for v in vars(ast).values() if isinstance(v, type) and attrs.has(v)}
    outside = {ast.Pos, ast.Comment, ast.RuleFile}  # positions, comments, the document
    assert set(json_form.node_classes()) == classes - outside
    kinds = [json_form.kind_of(c) for c in json_form.node_classes()]
    assert len(set(kinds)) == len(kinds)
    assert set(json_form.shipped_schema()["$defs"]) >= set(kinds)


def test_the_form_of_a_small_segment() -> None:
    doc = exported('segment s "Fans" {\n  1: lead { employees >= 100 }\n}\n')
    assert doc == {"format": "leadrules.rules", "version": 1, "declarations": [{
        "kind": "segment", "name": "s", "title": "Fans", "match": None, "blocks": [{
            "kind": "block", "label": "1", "expr": {
                "kind": "lead_block", "mode": "all", "conditions": [{
                    "kind": "field_test", "field": "employees", "test": {
                        "kind": "compare", "op": ">=",
                        "value": {"kind": "number", "value": 100}}}]}}]}]}


def test_members_that_admit_null_or_have_defaults_may_be_left_out() -> None:
    doc = {"format": "leadrules.rules", "version": 1, "declarations": [{
        "kind": "segment", "name": "s", "blocks": [{
            "kind": "block", "label": "1", "expr": {
                "kind": "event_block", "source": "tracking", "mode": "all",
                "quantifiers": [{"kind": "any_event"}]}}]}]}
    VALIDATOR.validate(doc)
    assert json_form.to_text(doc) == "segment s {\n  1: tracking exists\n}\n"


# ------------------------------------------------------------------ bad documents

GOOD = exported('segment s {\n  1: lead { employees >= 100 }\n  match 1\n}\n'
                'grading g {\n  start C\n  employees >= 10 => +2/3\n}\n')


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


def _drop(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return change


EXPR = ("declarations", 0, "blocks", 0, "expr")
TEST = (*EXPR, "conditions", 0, "test")

BAD: list[tuple[str, Callable[[dict[str, Any]], None], str, str | None]] = [
    ("wrong version", _set(("version",), 2),
     "$.version: unsupported version 2", "this leadrules reads version 1: upgrade leadrules"),
    ("no version", _drop(("version",)), "$.version: unsupported no version", None),
    ("not this format", _set(("format",), "rules"),
     '$.format: not a leadrules rules document (format "rules")', None),
    ("unknown kind", _set((*EXPR, "kind"), "lead_blok"),
     "$.declarations[0].blocks[0].expr.kind: unknown kind \"lead_blok\"; expected one of "
     "field_test, lead_block, event_block, label_ref, segment_ref, list_ref, not, and, or, "
     "score_test, "
     "grade_test", "did you mean 'lead_block'?"),
    ("a kind out of place", _set((*EXPR, "kind"), "segment"),
     "$.declarations[0].blocks[0].expr.kind: a segment cannot stand here", None),
    ("missing kind", _drop((*EXPR, "kind")),
     "$.declarations[0].blocks[0].expr: missing member 'kind'", None),
    ("missing member", _drop((*TEST, "op")),
     "$.declarations[0].blocks[0].expr.conditions[0].test: missing member 'op' of compare",
     None),
    ("unknown member", _set((*EXPR, "modes"), "all"),
     "$.declarations[0].blocks[0].expr.modes: unknown member \"modes\"",
     "did you mean 'mode'?"),
    ("wrong operator", _set((*TEST, "op"), "=>"),
     "$.declarations[0].blocks[0].expr.conditions[0].test.op: expected one of \"=\", \"!=\", "
     "\"<\", \"<=\", \">\", \">=\", not \"=>\"", None),
    ("a string for a number", _set((*TEST, "value", "value"), "100"),
     "$.declarations[0].blocks[0].expr.conditions[0].test.value.value: expected a number, "
     "not the string \"100\"", None),
    ("a list for an object", _set((*TEST, "value"), [100]),
     "$.declarations[0].blocks[0].expr.conditions[0].test.value: expected an object", None),
    ("declarations not a list", _set(("declarations",), {}),
     "$.declarations: expected a list, not an object", None),
    ("an empty name", _set(("declarations", 0, "name"), ""),
     "$.declarations[0].name: a name cannot be empty", None),
    ("a name with a backquote", _set(("declarations", 0, "name"), "a`b"),
     "$.declarations[0].name: a name cannot hold a backquote", None),
    ("a bad grade", _set(("declarations", 1, "start"), "E"),
     "$.declarations[1].start: expected a grade (A+ … F), not \"E\"", None),
    ("a bad step", _set(("declarations", 1, "criteria", 0, "steps"), 0.5),
     "$.declarations[1].criteria[0].steps: expected a fraction as text", None),
    ("and of one item", _set(EXPR, {"kind": "and", "items": [{"kind": "label_ref",
                                                               "label": "1"}]}),
     "$.declarations[0].blocks[0].expr.items: expected at least 2 items, not 1", None),
    ("a bool for a number", _set((*TEST, "value", "value"), True),
     "$.declarations[0].blocks[0].expr.conditions[0].test.value.value: expected a number, "
     "not true", None),
]


@pytest.mark.parametrize(("change", "message", "hint"), [b[1:] for b in BAD],
                         ids=[b[0] for b in BAD])
def test_a_bad_document_names_its_json_path(change: Callable[[dict[str, Any]], None],
                                            message: str, hint: str | None) -> None:
    doc = copy.deepcopy(GOOD)
    change(doc)
    with pytest.raises(ParseError) as caught:
        json_form.decode(doc, file="ui.json")
    d = caught.value.first
    assert d.file == "ui.json" and d.code == "bad-json-rules"
    assert d.message.startswith(message), d.message
    if hint is not None:
        assert d.hint == hint
    # The schema says no to the same documents (a UI can validate before sending).
    assert not VALIDATOR.is_valid(doc)


def test_invalid_json_is_reported_at_its_line_and_column() -> None:
    with pytest.raises(ParseError) as caught:
        json_form.loads('{"format": "leadrules.rules",\n "version": 1,,}', file="ui.json")
    d = caught.value.first
    assert (d.file, d.line, d.column) == ("ui.json", 2, 15)
    assert d.message.startswith("not valid JSON: ")
    with pytest.raises(ParseError, match="NaN is not a JSON number"):
        json_form.loads('{"version": NaN}')
    with pytest.raises(ParseError, match=r"\$: expected an object, not a list"):
        json_form.loads("[]")


def test_a_tree_the_text_cannot_say_is_refused_at_the_path_where_it_differs() -> None:
    # Outside braces `tracking exists` is an event block, whatever the document
    # meant: a test of a lead field named as an event source reads back as a block.
    doc = copy.deepcopy(GOOD)
    doc["declarations"][0]["blocks"][0]["expr"] = {
        "kind": "field_test", "field": "tracking", "test": {"kind": "present"}}
    with pytest.raises(ParseError) as caught:
        json_form.to_text(doc, file="ui.json")
    d = caught.value.first
    assert d.message == ("$.declarations[0].blocks[0].expr: a field_test cannot be written as "
                         "rules text (its text reads back as an event_block)")
    assert d.hint is not None and "1: tracking exists" in d.hint
    # A label name in `match` is a label only if a block has it.
    doc = copy.deepcopy(GOOD)
    doc["declarations"][0]["match"] = {"kind": "label_ref", "label": "one"}
    with pytest.raises(ParseError) as caught:
        json_form.to_text(doc)
    assert caught.value.first.message.startswith(
        "$.declarations[0].match: a label_ref cannot be written as rules text")


# ------------------------------------------------------------------ Python API


def test_from_json_checks_the_rules_as_parse_does() -> None:
    text = SPEC_RULES.read_text(encoding="utf-8")
    rules = lr.from_json(lr.to_json(lr.parse(text)))
    assert rules.format() == format_rules(parse(text))
    assert lr.from_json(json.dumps(lr.to_json(rules))).format() == rules.format()
    bad = copy.deepcopy(GOOD)
    bad["declarations"][0]["blocks"][0]["expr"]["conditions"][0]["field"] = "employes"
    with pytest.raises(lr.CheckError) as caught:
        lr.from_json(bad, file="ui.json")
    d = caught.value.first
    assert d.file == "ui.json (as text)" and (d.line, d.column) == (2, 13)
    assert d.message == ("$.declarations[0].blocks[0].expr.conditions[0]: unknown field "
                         "'employes' of the lead")
    assert d.hint is not None and "employees" in d.hint


def test_rule_errors_of_a_document_name_the_json_path_of_the_node() -> None:
    doc = exported('scoring m {\n  1: tracking exists => +1\n}\n\n'
                   'tiers t using m {\n  hot: score >= 1 and segment s\n}\n\n'
                   'segment s {\n  1: lead { employees >= 1 }\n}\n')
    doc["declarations"][1]["using"] = ["mm"]
    doc["declarations"][1]["tiers"][0]["condition"]["items"][1]["name"] = "ss"
    with pytest.raises(lr.CheckError) as caught:
        lr.from_json(doc)
    messages = [d.message for d in caught.value.diagnostics]
    assert any(m.startswith("$.declarations[1].using[0]: unknown scoring model or grading "
                            "profile 'mm'") for m in messages), messages
    assert any(m.startswith("$.declarations[1].tiers[0].condition.items[1]: ")
               and "'ss'" in m for m in messages), messages


# ------------------------------------------------------------------ command line


def test_export_then_fmt_from_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SPEC_RULES), "--format", "json"]) == 0
    out = capsys.readouterr().out
    VALIDATOR.validate(json.loads(out))
    (tmp_path / "ui.json").write_text(out, encoding="utf-8")
    assert main(["fmt", "--from", "json", str(tmp_path / "ui.json")]) == 0
    assert capsys.readouterr().out == format_rules(parse(SPEC_RULES.read_text("utf-8")))
    assert main(["export", "--schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_form.shipped_schema()


def test_bad_json_on_the_command_line_is_an_error_not_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = copy.deepcopy(GOOD)
    doc["version"] = 7
    (tmp_path / "ui.json").write_text(json.dumps(doc), encoding="utf-8")
    assert main(["fmt", "--from", "json", str(tmp_path / "ui.json")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{tmp_path / 'ui.json'}: error: $.version: unsupported version 7")
    (tmp_path / "broken.json").write_text("{\n  oops\n}\n", encoding="utf-8")
    assert main(["fmt", "--from", "json", str(tmp_path / "broken.json")]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == (f"{tmp_path / 'broken.json'}:2:3: error: not valid JSON: "
                                   "Expecting property name enclosed in double quotes")
    assert main(["fmt", "--from", "json", str(tmp_path / "missing.json")]) == 2
    assert "cannot read JSON file" in capsys.readouterr().err
    assert main(["fmt", "--from", "json", "--write", str(tmp_path / "ui.json")]) == 2
    assert "--write works on rules text" in capsys.readouterr().err
    assert main(["export"]) == 2
    assert "export needs a rules file" in capsys.readouterr().err


def test_every_kind_is_documented_in_json_md() -> None:
    page = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    missing = [k for k in map(json_form.kind_of, json_form.node_classes())
               if f"`{k}`" not in page]
    assert not missing


def _nested_nots(depth: int) -> str:
    leaf = '{"kind": "field_test", "field": "x", "test": {"kind": "is_true"}}'
    expr = '{"kind": "not", "item": ' * depth + leaf + "}" * depth
    return ('{"format": "leadrules.rules", "version": 1, "declarations": [{"kind": "segment", '
            '"name": "s", "blocks": [{"kind": "block", "label": "1", "expr": ' + expr + "}]}]}")


def test_hostile_documents_are_errors_not_tracebacks() -> None:
    for text in (_nested_nots(5000), "[" * 100_000 + "]" * 100_000):
        # Too deep for Python's stack, or (with a raised recursion limit) for the text.
        with pytest.raises(ParseError, match=r"\$: the document is nested too deeply|"
                                             "cannot be written as rules text"):
            json_form.to_text(text)
    # Deeper than the text allows, not than JSON does: the text's own error, as a hint.
    with pytest.raises(ParseError) as caught:
        json_form.to_text(_nested_nots(100), file="ui.json")
    assert caught.value.first.message == ("$.declarations[0]: this declaration cannot be "
                                          "written as rules text")
    assert "nested more than" in (caught.value.first.hint or "")
    huge = json.dumps(GOOD).replace('"value": 100', '"value": 1e999')
    with pytest.raises(ParseError, match="expected a number, not an infinite number"):
        json_form.to_text(huge)


def test_fmt_from_json_reads_a_utf8_bom_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import io
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    assert main(["fmt", "--from", "json", str(tmp_path / "bom.json")]) == 0
    text = capsys.readouterr().out
    assert text == json_form.to_text(GOOD)
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(GOOD)))
    assert main(["fmt", "--from", "json", "-"]) == 0
    assert capsys.readouterr().out == text
