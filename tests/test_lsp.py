"""The language server: a real client session with `leadrules lsp` over stdio."""

from __future__ import annotations

import asyncio
import contextlib
import re
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient

from leadrules.check import BUILTIN_RULES
from leadrules.editing import OPERATORS, Document

RULES = """\
field lead.renewal datetime

segment hot_leads "HOTリードリスト" {
  1: tracking { occurred_at within 30 days } count >= 15
  2: application exists
  match 1 and 2
}

scoring engagement "Engagement" {
  tracking { path starts with "/pricing" } => +5 per event
}

segment engaged {
  1: segment hot_leads
  2: score engagement >= 10
  match 1 or 2
}
"""


class Session:
    """One client talking to one `leadrules lsp` process."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.published: dict[str, list[types.Diagnostic]] = {}
        self.arrived = asyncio.Event()

    async def open(self, uri: str, text: str) -> list[types.Diagnostic]:
        self.arrived.clear()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="leadrules", version=1,
                                                 text=text)))
        return await self.diagnostics(uri)

    async def change(self, uri: str, version: int, text: str) -> list[types.Diagnostic]:
        self.arrived.clear()
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return await self.diagnostics(uri)

    async def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        await asyncio.wait_for(self.arrived.wait(), 30)
        return self.published[uri]

    async def complete(self, uri: str, line: int, character: int) -> list[str]:
        result = await self.client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line, character)))
        assert isinstance(result, types.CompletionList)
        return [i.label for i in result.items]


@contextlib.asynccontextmanager
async def started(tmp_path: Path, *args: str, **options: str) -> AsyncIterator[Session]:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "lead.csv").write_text("id,email,owner\nL1,a@x.jp,sato\n", encoding="utf-8")
    client = LanguageClient("leadrules-tests", "1")
    s = Session(client)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        s.published[params.uri] = list(params.diagnostics)
        s.arrived.set()

    await client.start_io(sys.executable, "-m", "leadrules", "lsp", *args)
    result = await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri(),
        initialization_options={"data": str(folder), **options}))
    assert result.server_info is not None and result.server_info.name == "leadrules"
    client.initialized(types.InitializedParams())
    try:
        yield s
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()


def run(body: Callable[[Session, Path], Awaitable[None]], tmp_path: Path, *args: str,
        **options: str) -> None:
    """Start `leadrules lsp ARGS…` (``options``: more initializationOptions), run
    ``body`` as the client, shut the server down."""
    async def main() -> None:
        async with started(tmp_path, *args, **options) as s:
            await asyncio.wait_for(body(s, tmp_path), 120)
    asyncio.run(main())


def where(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    """The 0-based line and column just after ``needle`` (its ``after``-th match)."""
    m = list(re.finditer(re.escape(needle), text))[after]
    line = text.count("\n", 0, m.end())
    return line, m.end() - (text.rfind("\n", 0, m.end()) + 1)


def test_diagnostics_as_you_type(tmp_path: Path) -> None:
    run(_test_diagnostics_as_you_type, tmp_path)


async def _test_diagnostics_as_you_type(session: Session, tmp_path: Path) -> None:
    uri = (tmp_path / "hot.rules").as_uri()
    assert await session.open(uri, RULES) == []
    broken = RULES.replace("within 30 days", "within 30 dayz")
    found = await session.change(uri, 2, broken)
    assert [(d.code, d.severity, d.range.start.line, d.range.start.character,
             d.range.end.character) for d in found] == [
        ("misspelled-keyword", types.DiagnosticSeverity.Error, 3, 38, 42)]
    assert found[0].message.endswith("\ndid you mean 'days'?")
    assert found[0].data == {"suggestion": "days"}
    warned = await session.change(uri, 3, RULES.replace("match 1 or 2", "match 1 and 2 or 1"))
    assert [(d.code, d.severity) for d in warned] == [
        ("mixed-and-or", types.DiagnosticSeverity.Warning)]
    # The data's extra column is a field: checked as `leadrules check --data` does.
    assert await session.change(uri, 4, RULES + 'segment mine { match owner = "sato" }\n') == []
    unknown = await session.change(uri, 5, RULES + 'segment mine { match ownr = "sato" }\n')
    assert [(d.code, d.message) for d in unknown] == [
        ("unknown-field", "unknown field 'ownr' of the lead\ndid you mean 'owner'?")]


def test_positions_count_utf16_units(tmp_path: Path) -> None:
    run(_test_positions_count_utf16_units, tmp_path)


async def _test_positions_count_utf16_units(session: Session, tmp_path: Path) -> None:
    uri = (tmp_path / "jp.rules").as_uri()
    text = 'segment s "😀" { 1: lead { company = "😀"; emial exists } }\n'
    found = await session.open(uri, text)
    # emial is the 42nd character but the 44th UTF-16 unit (two emoji of two units each).
    assert [(d.range.start.character, d.range.end.character) for d in found] == [(43, 48)]


def test_quick_fix_replaces_the_span(tmp_path: Path) -> None:
    run(_test_quick_fix_replaces_the_span, tmp_path)


async def _test_quick_fix_replaces_the_span(session: Session, tmp_path: Path) -> None:
    uri = (tmp_path / "fix.rules").as_uri()
    found = await session.open(uri, "segment s {\n  1: email exists\n  mtch 1\n}\n")
    actions = await session.client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=found[0].range,
        context=types.CodeActionContext(diagnostics=found)))
    assert actions is not None and len(actions) == 1
    action = actions[0]
    assert isinstance(action, types.CodeAction) and action.title == "Replace with 'match'"
    assert action.edit is not None and action.edit.changes is not None
    (edit,) = action.edit.changes[uri]
    assert (edit.range.start.line, edit.range.start.character, edit.range.end.character,
            edit.new_text) == (2, 2, 6, "match")


def test_completion(tmp_path: Path) -> None:
    run(_test_completion, tmp_path)


async def _test_completion(session: Session, tmp_path: Path) -> None:
    uri = (tmp_path / "c.rules").as_uri()
    text = RULES + (
        "segment typing {\n"
        "  1: tracking { pa }\n"               # fields of tracking
        "  2: lead { employees  }\n"           # operators for a number
        "  3: lead { email  }\n"               # operators for text
        "  4: lead { renewal  }\n"             # operators for a declared datetime
        "  5: tracking { occurred_at within 3  }\n"   # units
        "  6: segment \n"                      # segment names
        "  7: score  \n"                       # scoring models
        "  8: application { form = \"x\" } \n"  # quantifiers
        "  9: lead { ow }\n"                   # a field of the data
        "  match  \n"                          # labels, sources, lead fields
        "}\n")
    await session.open(uri, text)
    labels = await session.complete(uri, *where(text, "tracking { pa"))
    assert labels == ["path"]
    number = await session.complete(uri, *where(text, "employees "))
    assert set(number) == set(OPERATORS[next(t for t in OPERATORS if t.value == "number")])
    assert "contains" not in number and "between" in number
    email = await session.complete(uri, *where(text, "lead { email "))
    assert "starts with" in email and "<" not in email and "within" not in email
    renewal = await session.complete(uri, *where(text, "{ renewal "))
    assert {"within", "before", "older than", "in last"} <= set(renewal)
    assert "contains" not in renewal
    units = await session.complete(uri, *where(text, "within 3 "))
    assert {"day", "days", "weeks", "months"} <= set(units) and "quarter" not in units
    segments = await session.complete(uri, *where(text, "6: segment "))
    assert set(segments) == {"hot_leads", "engaged", "typing"}
    models = await session.complete(uri, *where(text, "7: score "))
    assert {"engagement", "default"} <= set(models) and "hot_leads" not in models
    assert set(models) - {"engagement", "default"} <= {"=", "!=", "<", "<=", ">", ">=", "in",
                                                      "not in", "between", "exists",
                                                      "not exists"}
    quantifiers = await session.complete(uri, *where(text, 'form = "x" } '))
    assert {"exists", "none", "count", "sum", "first", "last"} <= set(quantifiers)
    assert "application" not in quantifiers
    data_field = await session.complete(uri, *where(text, "lead { ow"))
    assert data_field == ["owner"]
    match = await session.complete(uri, *where(text, "  match ", 2))
    assert {"1", "9", "tracking", "application", "email", "owner", "lead", "segment",
            "not"} <= set(match)


def _state(tmp_path: Path) -> Path:
    from leadrules.cli import main
    path = tmp_path / "lists.json"
    with contextlib.redirect_stdout(None):
        assert main(["list", "add", str(path), "called", "L1", "--force"]) == 0
        assert main(["list", "add", str(path), "vip", "L2", "L3", "--force"]) == 0
    return path


LISTED = "segment to_call {\n  1: email exists\n  match 1 and not in list caled\n}\n"


@pytest.mark.parametrize("how", ["--state", "initializationOptions"])
def test_lead_lists_of_a_state_complete_check_and_hover(tmp_path: Path, how: str) -> None:
    state = str(_state(tmp_path))
    if how == "--state":
        run(_test_lead_lists, tmp_path, "--state", state)
    else:
        run(_test_lead_lists, tmp_path, state=state)


async def _test_lead_lists(session: Session, tmp_path: Path) -> None:
    uri = (tmp_path / "l.rules").as_uri()
    found = await session.open(uri, LISTED)
    assert [(d.code, d.range.start.line, d.range.start.character, d.range.end.character,
             d.message, d.data) for d in found] == [
        ("unknown-list", 2, 26, 31, "unknown list 'caled'\ndid you mean 'called'?",
         {"suggestion": "called"})]
    fixed = LISTED.replace("caled", "called")
    assert await session.change(uri, 2, fixed) == []
    assert await session.complete(uri, *where(fixed, "not in list ")) == ["called", "vip"]
    hover = await session.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(*where(fixed, "in list cal"))))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value == "list **called** (static, 1 member)"


def test_without_a_state_in_list_offers_nothing_and_names_are_not_checked(
        tmp_path: Path) -> None:
    run(_test_without_state, tmp_path)


async def _test_without_state(session: Session, tmp_path: Path) -> None:
    uri = (tmp_path / "l.rules").as_uri()
    assert await session.open(uri, LISTED) == []
    assert await session.complete(uri, *where(LISTED, "not in list ")) == []


def test_a_missing_state_is_a_diagnostic_not_a_crash(tmp_path: Path) -> None:
    run(_test_missing_state, tmp_path, "--state", str(tmp_path / "nope.json"))


async def _test_missing_state(session: Session, tmp_path: Path) -> None:
    uri = (tmp_path / "l.rules").as_uri()
    found = await session.open(uri, LISTED)
    assert [(d.code, d.range.start.line, d.message.splitlines()[0]) for d in found] == [
        ("usage", 0, f"no such list state file: {tmp_path / 'nope.json'}")]
    assert not (tmp_path / "nope.json").exists()
    assert await session.complete(uri, *where(LISTED, "not in list ")) == []


def _mapped_app(tmp_path: Path) -> tuple[str, str]:
    """An application's SQLite database (contacts with a column `seen`) and the
    mapping that reads it (docs/stores.md, "Your own tables")."""
    import sqlite3
    db, mapping = tmp_path / "app.db", tmp_path / "map.toml"
    conn = sqlite3.connect(db)
    conn.executescript("CREATE TABLE contacts (contact_id INTEGER, seen INTEGER);"
                       "INSERT INTO contacts VALUES (1, 1);")
    conn.commit()
    conn.close()
    mapping.write_text('[lead]\ntable = "contacts"\nid = "contact_id"\nseen = "seen"\n',
                       encoding="utf-8")
    return str(db), str(mapping)


@pytest.mark.parametrize("how", ["--map", "initializationOptions"])
def test_a_mapping_gives_the_fields_of_the_mapped_tables(tmp_path: Path, how: str) -> None:
    db, mapping = _mapped_app(tmp_path)
    if how == "--map":
        # The initializationOptions' data (always sent by `started`) is the same file.
        run(_test_mapped, tmp_path, "--data", db, "--map", mapping, data=db)
    else:
        run(_test_mapped, tmp_path, data=db, map=mapping)


async def _test_mapped(session: Session, tmp_path: Path) -> None:
    uri = (tmp_path / "m.rules").as_uri()
    # `seen` is a field only through the mapping (contacts.seen).
    assert await session.open(uri, "segment s {\n  match seen = 1\n}\n") == []
    found = await session.change(uri, 2, "segment s {\n  match seem = 1\n}\n")
    assert [(d.code, d.message) for d in found] == [
        ("unknown-field", "unknown field 'seem' of the lead\ndid you mean 'seen'?")]


def test_hover_and_definition(tmp_path: Path) -> None:
    run(_test_hover_and_definition, tmp_path)


async def _test_hover_and_definition(session: Session, tmp_path: Path) -> None:
    uri = (tmp_path / "h.rules").as_uri()
    await session.open(uri, RULES)

    async def hover(needle: str, after: int = 0) -> str | None:
        line, col = where(RULES, needle, after)
        result = await session.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line, col - 1)))
        if result is None:
            return None
        assert isinstance(result.contents, types.MarkupContent)
        return result.contents.value

    assert await hover("occurred_at") == "field `tracking.occurred_at`: **datetime**"
    assert await hover("segment hot_leads", 1) == 'segment **hot_leads** "HOTリードリスト"'
    assert await hover("score engagement") == 'scoring **engagement** "Engagement"'
    assert (await hover("application") or "").startswith("source **application**: lead_id text")
    assert await hover("count") is None

    async def definition(needle: str, after: int = 0) -> types.Location:
        line, col = where(RULES, needle, after)
        result = await session.client.text_document_definition_async(types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line, col - 2)))
        assert isinstance(result, types.Location)
        return result

    seg = await definition("segment hot_leads", 1)
    assert (seg.uri, seg.range.start.line, seg.range.start.character,
            seg.range.end.character) == (uri, 2, 8, 17)
    model = await definition("score engagement")
    assert (model.uri, model.range.start.line, model.range.start.character) == (uri, 8, 8)
    text = RULES + "segment d { 1: score default >= 1 }\n"
    await session.change(uri, 2, text)
    line, col = where(text, "score default")
    builtin = await session.client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, col)))
    assert isinstance(builtin, types.Location) and builtin.uri == BUILTIN_RULES.as_uri()


def test_formatting_is_fmt(tmp_path: Path) -> None:
    run(_test_formatting_is_fmt, tmp_path)


async def _test_formatting_is_fmt(session: Session, tmp_path: Path) -> None:
    uri = (tmp_path / "f.rules").as_uri()
    messy = "segment   s{1:email exists;2:tracking exists\n match 1   AND 2}\n"
    await session.open(uri, messy)
    edits = await session.client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert edits is not None and len(edits) == 1
    assert edits[0].new_text == Document(messy).formatted()
    assert edits[0].new_text.startswith("segment s {\n  1: email exists\n")
    assert (edits[0].range.end.line, edits[0].range.end.character) == (2, 0)
    await session.change(uri, 2, "segment s {")
    broken = await session.client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert broken is not None and len(broken) == 0


# ----------------------------------------------- the operator table is the checker's


@pytest.mark.parametrize("ftype", list(OPERATORS))
def test_the_offered_operators_are_exactly_those_the_checker_accepts(ftype: object) -> None:
    import leadrules as lr
    from leadrules.errors import CheckError
    operand = {"text": '"a"', "number": "1", "bool": "true", "datetime": "2026-01-01",
               "list of text": '"a"'}
    accepted = []
    candidates = ["=", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "not contains",
                  "starts with", "ends with", "matches", "between", "before", "after", "on",
                  "within", "older than", "in this", "in last", "in next", "exists",
                  "not exists"]
    value = operand[str(ftype)]
    for op in candidates:
        rest = {"in": f"({value})", "not in": f"({value})", "between": f"{value} and {value}",
                "within": "3 days", "older than": "3 days", "in this": "month",
                "in last": "month", "in next": "month", "exists": "",
                "not exists": ""}.get(op, value)
        text = f"field lead.x {ftype}\nsegment s {{ 1: lead {{ x {op} {rest} }} }}"
        try:
            lr.parse(text)
        except CheckError:
            continue
        accepted.append(op)
    assert tuple(accepted) == tuple(o for o in candidates if o in OPERATORS[ftype])  # type: ignore[index]


def test_lsp_without_pygls_is_a_clear_error(tmp_path: Path) -> None:
    # The command names the extra to install (simulated by hiding pygls).
    import subprocess
    code = ("import sys; sys.modules['pygls'] = None; sys.modules['pygls.lsp'] = None;"
            "sys.modules['pygls.lsp.server'] = None; from leadrules.cli import main;"
            "sys.exit(main(['lsp']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert "pip install 'leadrules[lsp]'" in done.stderr
