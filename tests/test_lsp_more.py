"""The language server's edges: Ctrl-C stops it with exit code 130 (docs/cli.md:
Ctrl-C stops any command), and a request about a document the client never
opened is answered with nothing, not an internal error."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from lsprotocol import types

from tests.test_lsp import Session, run


def _message(body: dict[str, object]) -> bytes:
    raw = json.dumps(body).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(raw) + raw


def test_ctrl_c_stops_the_server_with_130(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "leadrules", "lsp"], cwd=tmp_path,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write(_message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                   "params": {"capabilities": {}}}))
        proc.stdin.flush()
        header = proc.stdout.readline()  # the server is up and answering
        assert header.startswith(b"Content-Length:"), header
        proc.send_signal(signal.SIGINT)
        began = time.monotonic()
        code = proc.wait(timeout=20)
        assert code == 130
        assert time.monotonic() - began < 20
        assert b"leadrules: interrupted" in (proc.stderr.read() if proc.stderr else b"")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_requests_about_a_document_never_opened_get_nothing(tmp_path: Path) -> None:
    run(_never_opened, tmp_path)


async def _never_opened(session: Session, tmp_path: Path) -> None:
    uri = (tmp_path / "not-there.rules").as_uri()
    doc = types.TextDocumentIdentifier(uri=uri)
    at = types.Position(0, 0)
    client = session.client
    completion = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc, position=at))
    assert isinstance(completion, types.CompletionList) and not completion.items
    assert await client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=at)) is None
    assert await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=at)) is None
    assert await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=doc, options=types.FormattingOptions(tab_size=2, insert_spaces=True))
    ) in ([], (), None)
    # The server still serves an opened document afterwards.
    opened = (tmp_path / "o.rules").as_uri()
    await session.open(opened, "segment s {\n  match email exists\n}\n")
    await asyncio.sleep(0)
    assert "segment" in await session.complete(opened, 3, 0)
