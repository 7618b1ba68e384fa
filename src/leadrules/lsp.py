"""``leadrules lsp``: a language server for rules files, over stdio.

Built on pygls (the optional extra ``lsp``), imported only when the server
starts.  Every answer comes from :mod:`leadrules.editing`; this module only
speaks the protocol: diagnostics as you type (the parser's and the checker's,
with their codes), completion, hover, go to definition, formatting (``fmt``)
and quick fixes for the diagnostics that carry a suggestion.

Positions: leadrules counts columns in characters; the protocol counts them in
the units the client chose (UTF-16 by default), converted here.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from . import __version__
from .editing import Completion, Document
from .errors import Diagnostic, UsageError, suggest

# lsprotocol CompletionItemKind values
_KINDS = {"keyword": 14, "operator": 24, "unit": 11, "field": 5, "source": 7,
          "segment": 18, "model": 3, "label": 21, "list": 12}


def serve(data: str | None = None, state: str | None = None,
          mapping: str | None = None) -> int:
    """Run the server on standard input and output until the client exits; Ctrl-C
    (SIGINT) stops it at once with exit code 130, as it stops every command (pygls
    would swallow the KeyboardInterrupt and wait for standard input to close).
    The server only reads files, so nothing is left half-written."""
    server = server_of(data, state, mapping)

    def interrupted(signum: int, frame: object) -> None:
        sys.stderr.write("leadrules: interrupted\n")
        sys.stderr.flush()
        os._exit(130)

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        server.start_io()
    finally:
        signal.signal(signal.SIGINT, previous)
    # Standard input closed without an ``exit`` notification (which exits in
    # pygls): 0 only after a ``shutdown`` request, as LSP's ``exit`` says; a
    # client that died or closed the pipe early gets 1.
    return 0 if getattr(server.protocol, "_shutdown", False) else 1


def server_of(data: str | None = None, state: str | None = None,
              mapping: str | None = None) -> Any:
    """The pygls server; ``data`` (what ``--data`` takes) adds its fields and
    types to the checks and completions (an ``initializationOptions`` entry
    ``data`` does the same), read as the user's own tables through the mapping
    file ``mapping`` (``--map``, or the entry ``map``); ``state`` (what ``--state``
    takes, or the entry ``state``) gives the lead lists whose names ``in list``
    completes and checks."""
    try:
        from lsprotocol import types
        from pygls.lsp.server import LanguageServer
    except ImportError:
        raise UsageError([Diagnostic("the language server needs pygls",
                                     hint="install it with: pip install 'leadrules[lsp]'")]
                         ) from None

    server = LanguageServer("leadrules", __version__)
    documents: dict[str, Document] = {}
    settings: dict[str, str | None] = {"data": data, "state": state, "map": mapping}

    def document(ls: Any, uri: str) -> tuple[Any, Document]:
        text_doc = ls.workspace.get_text_document(uri)
        doc = documents.get(uri)
        if doc is None:
            path = text_doc.path or uri
            doc = documents[uri] = Document(text_doc.source, file=path, data=settings["data"],
                                            state=settings["state"], mapping=settings["map"])
        return text_doc, doc

    def opened(ls: Any, uri: str) -> bool:
        """Whether the client opened ``uri``: a request about another document is
        answered with nothing (pygls would read it from disk, and fail on a file
        that does not exist there)."""
        return unquote(uri) in ls.workspace.text_documents

    def publish(ls: Any, uri: str) -> None:
        text_doc, doc = document(ls, uri)
        found = doc.update(text_doc.source)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=text_doc.version,
            diagnostics=[to_lsp(text_doc, doc, d) for d in found]))

    def to_lsp(text_doc: Any, doc: Document, d: Diagnostic) -> Any:
        if (d.file is not None and d.file != doc.file) or d.line is None:
            # A data file's error, or one without a place: the top of the file.
            start = end = types.Position(0, 0)
        else:
            line = d.line - 1
            column = (d.column or 1) - 1
            end_line = (d.end_line or d.line) - 1
            end_column = (d.end_column or (column + 2)) - 1
            start = position(text_doc, doc.text, line, column)
            end = position(text_doc, doc.text, end_line, end_column)
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        severity = (types.DiagnosticSeverity.Warning if d.severity == "warning"
                    else types.DiagnosticSeverity.Error)
        return types.Diagnostic(
            range=types.Range(start, end), message=message, severity=severity, code=d.code,
            source="leadrules",
            data={"suggestion": d.suggestion} if d.suggestion is not None else None)

    @server.feature(types.INITIALIZE)
    def initialize(ls: Any, params: types.InitializeParams) -> None:
        options = params.initialization_options
        for key in OPTIONS:
            if isinstance(options, dict) and isinstance(options.get(key), str):
                settings[key] = options[key]
        for problem in option_problems(options):
            # LSP lets a server show a message while it answers ``initialize``.
            ls.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning, message=f"leadrules: {problem}"))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Any, params: types.DidOpenTextDocumentParams) -> None:
        documents.pop(params.text_document.uri, None)
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Any, params: types.DidChangeTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Any, params: types.DidSaveTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Any, params: types.DidCloseTextDocumentParams) -> None:
        documents.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=[" ", "{", "(", ",", ":"]))
    def completion(ls: Any, params: types.CompletionParams) -> types.CompletionList:
        if not opened(ls, params.text_document.uri):
            return types.CompletionList(is_incomplete=False, items=[])
        text_doc, doc = document(ls, params.text_document.uri)
        doc.text = text_doc.source
        line, column = from_client(text_doc, doc.text, params.position)
        typed = types.Range(position(text_doc, doc.text, line,
                                     column - len(doc.typed(line, column))),
                            params.position)
        items = [item(c, typed) for c in doc.completions(line, column)]
        return types.CompletionList(is_incomplete=False, items=items)

    def item(c: Completion, typed: types.Range) -> types.CompletionItem:
        # A name that needs backquotes replaces what was typed of it.
        edit = None if c.insert is None else types.TextEdit(range=typed, new_text=c.insert)
        return types.CompletionItem(label=c.label, kind=types.CompletionItemKind(_KINDS[c.kind]),
                                    detail=c.detail, text_edit=edit,
                                    filter_text=None if edit is None else c.label)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: Any, params: types.HoverParams) -> types.Hover | None:
        if not opened(ls, params.text_document.uri):
            return None
        text_doc, doc = document(ls, params.text_document.uri)
        doc.text = text_doc.source
        shown = doc.hover(*from_client(text_doc, doc.text, params.position))
        if shown is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value=shown))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: Any, params: types.DefinitionParams) -> types.Location | None:
        if not opened(ls, params.text_document.uri):
            return None
        text_doc, doc = document(ls, params.text_document.uri)
        doc.text = text_doc.source
        found = doc.definition(*from_client(text_doc, doc.text, params.position))
        if found is None:
            return None
        if found.file is None:
            uri, text = params.text_document.uri, doc.text
        else:
            uri, text = Path(found.file).as_uri(), Path(found.file).read_text(encoding="utf-8")
        return types.Location(uri=uri, range=types.Range(
            position(text_doc, text, found.line, found.column),
            position(text_doc, text, found.line, found.end_column)))

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: Any, params: types.DocumentFormattingParams) -> list[types.TextEdit]:
        if not opened(ls, params.text_document.uri):
            return []
        text_doc, doc = document(ls, params.text_document.uri)
        doc.text = text_doc.source
        formatted = doc.formatted()
        if formatted is None or formatted == doc.text:
            return []
        lines = doc.text.split("\n")
        end = position(text_doc, doc.text, len(lines) - 1, len(lines[-1]))
        return [types.TextEdit(range=types.Range(types.Position(0, 0), end),
                               new_text=formatted)]

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: Any, params: types.CodeActionParams) -> list[types.CodeAction]:
        actions = []
        for d in params.context.diagnostics:
            suggestion = d.data.get("suggestion") if isinstance(d.data, dict) else None
            if not isinstance(suggestion, str):
                continue
            edit = types.TextEdit(range=d.range, new_text=suggestion)
            actions.append(types.CodeAction(
                title=f"Replace with '{suggestion}'", kind=types.CodeActionKind.QuickFix,
                diagnostics=[d], is_preferred=True,
                edit=types.WorkspaceEdit(changes={params.text_document.uri: [edit]})))
        return actions

    return server


OPTIONS = ("data", "state", "map")
"""The ``initializationOptions`` entries the server reads, each a path (text)."""


def option_problems(options: object) -> list[str]:
    """What is wrong with a client's ``initializationOptions``: an entry the server
    does not read (with the entry it probably means), or one that is not text.
    Such an entry would otherwise be ignored without a word, and the checks run
    without the data or lists the user meant to give."""
    if options is None:
        return []
    if not isinstance(options, dict):
        return [f"initializationOptions must be an object with the entries "
                f"{', '.join(OPTIONS)}; got {type(options).__name__}, ignored"]
    problems = []
    for key, value in options.items():
        if key not in OPTIONS:
            hint = suggest(str(key), OPTIONS) or f"the entries are {', '.join(OPTIONS)}"
            problems.append(f"unknown initializationOptions entry {key!r}, ignored ({hint})")
        elif value is not None and not isinstance(value, str):
            problems.append(f"initializationOptions entry {key!r} must be a path as text; "
                            f"got {json.dumps(value)}, ignored")
    return problems


def from_client(text_doc: Any, text: str, at: Any) -> tuple[int, int]:
    """The 0-based (line, character column) of ``text`` that a client's position is.

    pygls' own conversion has no line after a final newline (the line a file
    ending in "\\n" ends on) and moves a position there to the end of the
    line before; every line here is counted, the last one too.
    """
    lines = text.split("\n")
    if at.line >= len(lines):
        return len(lines) - 1, len(lines[-1])
    # Each line with its newline, as the codec expects them.
    line = lines[at.line] + "\n"
    return at.line, text_doc.position_codec.position_from_client_units(
        [line], type(at)(0, at.character)).character


def position(text_doc: Any, text: str, line: int, column: int) -> Any:
    """A 0-based (line, character column) of ``text`` in the client's units."""
    from lsprotocol import types
    lines = text.split("\n")
    line = max(0, min(line, len(lines) - 1))
    prefix = lines[line].rstrip("\r")[:max(0, column)]
    return types.Position(line, text_doc.position_codec.client_num_units(prefix))
