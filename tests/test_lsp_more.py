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


def _session_over_pipes(tmp_path: Path, options: object, *, shut_down: bool
                        ) -> tuple[int, list[dict[str, object]]]:
    """Initialize a `leadrules lsp` process with ``options``, optionally send
    ``shutdown``, then close standard input without ``exit``: its exit code and
    the messages it sent."""
    proc = subprocess.Popen([sys.executable, "-m", "leadrules", "lsp"], cwd=tmp_path,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    messages = [{"jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": {"capabilities": {}, "initializationOptions": options}},
                {"jsonrpc": "2.0", "method": "initialized", "params": {}}]
    if shut_down:
        messages.append({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    try:
        out, _ = proc.communicate(b"".join(_message(m) for m in messages), timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    sent = [json.loads(body) for body in out.split(b"\r\n\r\n")[1:]
            for body in [body.split(b"Content-Length:")[0]]]
    return proc.returncode, sent


def _shown(sent: list[dict[str, object]]) -> list[str]:
    return [str(m["params"]["message"])  # type: ignore[index]
            for m in sent if m.get("method") == "window/showMessage"]


def test_unknown_or_mistyped_initialization_options_are_shown_not_ignored(
        tmp_path: Path) -> None:
    _, sent = _session_over_pipes(tmp_path, {"dta": "mini", "state": 123}, shut_down=True)
    shown = _shown(sent)
    assert any("unknown initializationOptions entry 'dta'" in m and "did you mean 'data'?" in m
               for m in shown), shown
    assert any("'state' must be a path as text; got 123" in m for m in shown), shown
    # The server still answered initialize.
    assert any(m.get("id") == 1 and "result" in m for m in sent)
    _, sent = _session_over_pipes(tmp_path, ["data"], shut_down=True)
    assert any("must be an object" in m for m in _shown(sent))
    # Good options show nothing.
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "lead.csv").write_text("id\nL1\n", encoding="utf-8")
    _, sent = _session_over_pipes(tmp_path, {"data": str(tmp_path / "d")}, shut_down=True)
    assert _shown(sent) == []


def test_standard_input_closed_without_shutdown_exits_1(tmp_path: Path) -> None:
    code, _ = _session_over_pipes(tmp_path, None, shut_down=False)
    assert code == 1
    code, _ = _session_over_pipes(tmp_path, None, shut_down=True)
    assert code == 0
