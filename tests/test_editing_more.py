"""Completion at the end of a file and of names written in backquotes, in
process (``Document``) and through a real `leadrules lsp` session."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from leadrules.editing import Document
from tests.test_lsp import Session, run

DECLARATION_WORDS = ["field", "funnel", "grading", "scoring", "segment", "source", "tiers",
                     "timezone"]


def _document(text: str, data: str | None = None) -> Document:
    doc = Document(text, data=data)
    doc.update(text)
    return doc


def _at_end(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    return len(lines) - 1, len(lines[-1])


def _offered(doc: Document, line: int, column: int) -> list[tuple[str, str, str | None]]:
    return [(c.label, c.kind, c.insert) for c in doc.completions(line, column)]


# ------------------------------------------------------------- names in backquotes

SOURCES = "source w { `all` bool; order text; `会社 名` text }\n"


def test_a_reserved_field_is_inserted_in_backquotes_inside_lead_braces() -> None:
    text = "field lead.score number\nsegment r {\n  match lead { "
    offered = _offered(_document(text), *_at_end(text))
    assert ("score", "field", "`score`") in offered
    assert ("email", "field", None) in offered  # a plain name is inserted as it is
    assert ("score", "keyword", None) not in offered  # no score inside braces


def test_the_field_score_is_offered_beside_the_keyword_score() -> None:
    text = "field lead.score number\nsegment r {\n  match "
    offered = _offered(_document(text), *_at_end(text))
    assert ("score", "keyword", None) in offered
    assert ("score", "field", "`score`") in offered


def test_source_fields_all_and_a_spaced_name_are_quoted_order_is_not() -> None:
    text = SOURCES + "segment r {\n  match w { "
    offered = {c.label: c.insert for c in _document(text).completions(*_at_end(text))
               if c.kind == "field"}
    assert offered == {"all": "`all`", "order": None, "会社 名": "`会社 名`", "occurred_at": None}


def test_the_typed_part_of_a_name_is_replaced_by_the_quoted_name() -> None:
    text = SOURCES + "segment r {\n  match w { 会社"
    doc = _document(text)
    assert doc.typed(*_at_end(text)) == "会社"
    assert _offered(doc, *_at_end(text)) == [("会社 名", "field", "`会社 名`")]


def test_after_an_opening_backquote_only_names_are_offered_with_the_closing_one() -> None:
    text = SOURCES + "segment r {\n  match w { `会社 "
    doc = _document(text)
    assert doc.typed(*_at_end(text)) == "会社 "
    assert _offered(doc, *_at_end(text)) == [("会社 名", "field", "会社 名`")]
    text = SOURCES + "segment r {\n  match `"
    offered = _offered(_document(text), *_at_end(text))
    assert ("w", "source", "w`") in offered
    assert all(kind != "keyword" for _, kind, _ in offered)


def test_a_closing_backquote_the_editor_paired_is_not_doubled() -> None:
    text = SOURCES + "segment r {\n  match w { `al` }\n}\n"
    doc = _document(text)
    assert _offered(doc, 2, len("  match w { `al")) == [("all", "field", "all")]


def test_a_data_column_named_score_is_quoted(tmp_path: Path) -> None:
    folder = tmp_path / "crm"
    folder.mkdir()
    (folder / "lead.csv").write_text("id,email,score\nL1,a@x.jp,80\n", encoding="utf-8")
    text = "segment r {\n  match lead { sc"
    doc = _document(text, data=str(folder))
    assert [(c.label, c.kind, c.insert) for c in doc.completions(*_at_end(text))] == [
        ("score", "field", "`score`")]


def test_a_quoted_insert_reads_back_as_the_field() -> None:
    # What completion writes is what the checker takes: no "a score cannot
    # stand inside the braces of lead".
    text = "field lead.score number\nsegment r {\n  match lead { "
    (insert,) = [c.insert for c in _document(text).completions(*_at_end(text))
                 if c.label == "score" and c.kind == "field"]
    assert insert is not None
    done = text + insert + " > 3 }\n}\n"
    assert _document(done).diagnostics == ()


# ------------------------------------------------------------- the last line

def test_the_empty_line_after_a_final_newline_offers_the_declarations() -> None:
    for text, (line, column) in [
            ("segment a { match email exists }\n", (1, 0)),
            ("segment a {\n  match email exists\n}\n", (3, 0)),
            ("segment a {\n  match email exists\n}\n\nsegment b { match email exists }\n",
             (3, 0)),
            ("segment a {\n  match email exists\n}\n\nsegment b { match email exists }\n",
             (5, 0))]:
        labels = [c.label for c in _document(text).completions(line, column)]
        assert labels == DECLARATION_WORDS, (text, line)


def test_lsp_completion_on_the_last_empty_line_and_quoted_names(tmp_path: Path) -> None:
    run(_test_lsp_last_line_and_quoted_names, tmp_path)


async def _complete(session: Session, uri: str, line: int,
                    character: int) -> list[types.CompletionItem]:
    result = await session.client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line, character)))
    assert isinstance(result, types.CompletionList)
    return result.items


async def _test_lsp_last_line_and_quoted_names(session: Session, tmp_path: Path) -> None:
    uri = (tmp_path / "end.rules").as_uri()
    for text, line in [("segment a { match email exists }\n", 1),
                       ("segment a {\n  match email exists\n}\n\n"
                        "segment b { match email exists }\n", 5)]:
        await session.open(uri, text)
        items = await _complete(session, uri, line, 0)
        assert [i.label for i in items] == DECLARATION_WORDS
    # A CRLF file: its last line too.
    await session.open(uri, "segment a { match email exists }\r\n")
    assert [i.label for i in await _complete(session, uri, 1, 0)] == DECLARATION_WORDS
    # Hover on the last line of a file without a final newline still works.
    await session.open(uri, "segment a { match email exists }")
    hover = await session.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 20)))
    assert hover is not None and "lead.email" in str(hover.contents)

    text = "field lead.score number\nsegment r {\n  match lead { 😀 sc"
    await session.open(uri, text)
    # The cursor after `sc`: UTF-16 columns, the emoji counting two.
    items = await _complete(session, uri, 2, len("  match lead { ") + 2 + 1 + 2)
    (score,) = [i for i in items if i.label == "score"]
    assert isinstance(score.text_edit, types.TextEdit)
    assert score.text_edit.new_text == "`score`"
    start, end = score.text_edit.range.start, score.text_edit.range.end
    assert (start.line, start.character, end.line, end.character) == (2, 18, 2, 20)
    assert score.filter_text == "score"
    (email,) = [i for i in await _complete(session, uri, 2, 15) if i.label == "email"]
    assert email.text_edit is None  # a plain name: the client inserts the label


# ------------------------------------------------------------- syntax error messages

def _error(text: str) -> str:
    import leadrules as lr
    from leadrules.errors import LeadRulesError
    try:
        lr.parse(text, file="t.rules")
    except LeadRulesError as exc:
        return exc.render()
    raise AssertionError("no error")


@pytest.mark.parametrize(("condition", "column", "message", "hint"), [
    ("1 and and 2", 15, "'and' twice", "remove one 'and'"),
    ("1 or or 2", 14, "'or' twice", "remove one 'or'"),
    ("1 and or 2", 15, "'and' followed by 'or'", "keep one of them: 'and' or 'or'"),
    ("1 or and 2", 14, "'or' followed by 'and'", "keep one of them: 'or' or 'and'"),
])
def test_a_doubled_or_mixed_connective_is_named_at_the_second_word(
        condition: str, column: int, message: str, hint: str) -> None:
    text = f"segment s {{\n  1: email exists\n  2: mail exists\n  match {condition}\n}}\n"
    width = len(message.split("'")[-2])
    assert _error(text) == (
        f"t.rules:4:{column}: error: {message}\n"
        f"  4 |   match {condition}\n"
        f"      {' ' * (column - 1)}{'^' * width}\n"
        f"  {hint}")


def test_a_doubled_and_inside_braces_and_on_a_continued_line() -> None:
    assert _error("segment s {\n  1: lead { email exists and and industry exists }\n}\n") == (
        "t.rules:2:30: error: 'and' twice\n"
        "  2 |   1: lead { email exists and and industry exists }\n"
        "                                   ^^^\n"
        "  remove one 'and'")
    assert _error("segment s {\n  1: email exists\n  match 1 and\n    and 1\n}\n").startswith(
        "t.rules:4:5: error: 'and' twice\n")


def test_a_field_named_and_still_parses() -> None:
    import leadrules as lr
    lr.parse("field lead.`and` bool\nsegment s { 1: email exists\n match 1 and `and` }\n")


def test_using_inside_the_braces_of_tiers_says_it_comes_before_them() -> None:
    text = ("scoring eng { tracking exists => +1 }\ngrading fit { start D }\n"
            "tiers follow { using eng, fit\n  hot: score >= 1\n}\n")
    assert _error(text) == (
        "t.rules:3:16: error: unexpected 'using' inside the braces of tiers\n"
        "  3 | tiers follow { using eng, fit\n"
        "                     ^^^^^\n"
        "  'using' comes before the '{': tiers follow using eng, fit { … }")


def test_a_grade_with_two_signs_is_shown_whole() -> None:
    assert _error("grading fit {\n  start A++\n}\n") == (
        "t.rules:2:9: error: unexpected 'A++'; expected a grade (A+ … F)\n"
        "  2 |   start A++\n"
        "              ^^^\n"
        "  grades are F, D-, D, D+, C-, C, C+, B-, B, B+, A-, A, A+")


def test_thousands_separators_inside_braces_are_named_as_the_comma() -> None:
    assert _error("segment s {\n  1: lead { employees >= 1,000 }\n}\n") == (
        "t.rules:2:26: error: unexpected ',' in the number 1,000\n"
        "  2 |   1: lead { employees >= 1,000 }\n"
        "                               ^^^^^\n"
        "  numbers are written without thousands separators: 1000")
