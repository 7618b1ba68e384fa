"""The exception family of leadrules and the diagnostics it carries.

Every failure caused by input — rules text, data files, a command line — is a
``LeadRulesError``.  Each carries structured :class:`Diagnostic` records (file,
line, column, message, hint), so a UI can underline the fault without parsing
the rendered message, and ``str(error)`` renders them the way a compiler does::

    rules/hot.rules:3:18: error: unknown field 'pathh' in source tracking
      2:   tracking {
      3:     occurred_at within 30 days; pathh = "/"
                                         ^^^^^
      did you mean 'path'?
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

import attrs

MAX_DIAGNOSTICS = 20
"""At most this many diagnostics are reported per file or batch of records."""


@attrs.frozen
class Diagnostic:
    """One message about one place in one input.

    Lines and columns are 1-based and count characters (code points); the span
    runs from (``line``, ``column``) to (``end_line``, ``end_column``), the end
    excluded.  ``code`` is a stable name of the kind of problem (the table in
    docs/cli.md); ``suggestion`` is the text that would replace the span, when
    there is one ("path" for a misspelled "pathh").
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    end_column: int | None = None
    hint: str | None = None
    severity: str = "error"
    source_line: str | None = None
    code: str | None = None
    end_line: int | None = None
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (``leadrules check --format json``): the span is
        always complete where the position is known (one character by default)."""
        end_line = self.end_line if self.end_line is not None else self.line
        end_column = self.end_column
        if end_column is None and self.column is not None:
            end_column = self.column + 1
        return {"severity": self.severity, "code": self.code, "message": self.message,
                "file": self.file, "line": self.line, "column": self.column,
                "end_line": end_line if self.line is not None else None,
                "end_column": end_column, "hint": self.hint, "suggestion": self.suggestion}

    def render(self) -> str:
        where = self.file or ("<rules>" if self.line is not None else "")
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        prefix = f"{where}: " if where else "leadrules: "
        out = [f"{prefix}{self.severity}: {self.message}"]
        if self.source_line is not None and self.column is not None:
            line = self.source_line.rstrip()
            start = self.column - 1
            end = start + 1
            if self.end_line is not None and self.line is not None and self.end_line > self.line:
                end = max(end, len(line))
            elif self.end_column is not None and self.end_column > self.column:
                end = self.end_column - 1
            gutter = f"{self.line} | "
            out.append(f"  {gutter}{shown_line(line)}")
            # The same white space as the line (a tab under a tab), so that the
            # caret sits under the fault however wide the terminal shows a tab;
            # an escaped control character is as wide as its escape.
            # Columns as a terminal shows them: a wide (CJK, full-width) character
            # takes two, a combining mark none.
            pad = "".join(c if c == "\t" else " " * _columns(shown_line(c)) for c in line[:start])
            pad += " " * (start - len(line)) if start > len(line) else ""
            width = max(1, _columns(shown_line(line[start:end]))
                        + max(0, end - max(start, len(line))))
            out.append("  " + " " * len(gutter) + pad + "^" * width)
        if self.hint:
            out.append(f"  {self.hint}")
        return "\n".join(out)


def _columns(text: str) -> int:
    """How many terminal columns ``text`` takes (East Asian wide and full-width
    characters two, combining marks none)."""
    import unicodedata
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class LeadRulesError(Exception):
    """Base of every error leadrules raises for bad input."""

    code: ClassVar[str] = "error"
    """The code a diagnostic of this error gets when it names none."""

    def __init__(self, diagnostics: Sequence[Diagnostic] | str) -> None:
        if isinstance(diagnostics, str):
            diagnostics = [Diagnostic(diagnostics)]
        self.diagnostics: tuple[Diagnostic, ...] = tuple(
            d if d.code is not None else attrs.evolve(d, code=self.code) for d in diagnostics)
        super().__init__(self.render())

    @property
    def first(self) -> Diagnostic:
        return self.diagnostics[0]

    @property
    def file(self) -> str | None:
        return self.first.file

    @property
    def line(self) -> int | None:
        return self.first.line

    @property
    def column(self) -> int | None:
        return self.first.column

    @property
    def hint(self) -> str | None:
        return self.first.hint

    def render(self) -> str:
        return "\n".join(d.render() for d in self.diagnostics)


class ParseError(LeadRulesError):
    """The rules text is not well formed."""

    code = "syntax-error"


class CheckError(LeadRulesError):
    """The rules are well formed but wrong: unknown names, type errors, cycles."""

    code = "invalid-rules"


class DataError(LeadRulesError):
    """A data file or record does not fit the schema."""

    code = "bad-data"


class UsageError(LeadRulesError):
    """An API or command-line call is wrong (unknown rule name, bad option)."""

    code = "usage"


class StoreError(LeadRulesError):
    """A storage backend could not do what was asked."""

    code = "store"


class BusyError(StoreError):
    """Another writer held a lock (a list state, a store file) longer than the
    caller was willing to wait; nothing was changed."""


class QueryTimeout(StoreError):
    """A query (or an in-memory evaluation) ran longer than the store's
    ``timeout`` and was stopped; ``limit`` is that timeout in seconds and
    ``engine`` the store that ran it."""

    code = "timeout"

    def __init__(self, limit: float, engine: str) -> None:
        self.limit = limit
        self.engine = engine
        super().__init__([Diagnostic(
            f"the query ran longer than its time limit of {limit:g} s on {engine} "
            "and was stopped",
            hint="allow more time with --timeout SECONDS (timeout= on the store in "
                 "Python), or ask for less: fewer leads, a narrower segment")])

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.limit, self.engine))


def nearest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``name`` most likely misspells, or None."""
    pool = sorted(set(candidates))
    lowered = {c.lower(): c for c in pool}
    if name.lower() in lowered and lowered[name.lower()] != name:
        return lowered[name.lower()]
    import unicodedata
    folded = unicodedata.normalize("NFKC", name).lower()  # full-width ＥＭＡＩＬ: email
    if folded != name.lower() and folded in lowered:
        return lowered[folded]
    import difflib
    close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    if not close:
        close = [c for c in pool if c.startswith(name) or name.startswith(c)][:1]
    return close[0] if close else None


def near_miss(name: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate ``name`` is closest to with case set aside (difflib's ratio of
    the lower-cased names at least ``cutoff``), as the candidate spells it, or None:
    for refusing a near miss (``trackng``, ``Tracking``), where :func:`nearest`'s
    prefix fallback would refuse a new name that merely starts alike."""
    import difflib
    folded: dict[str, str] = {}
    for c in candidates:
        folded.setdefault(c.lower(), c)
    close = difflib.get_close_matches(name.lower(), list(folded), n=1, cutoff=cutoff)
    return folded[close[0]] if close else None


def suggest(name: str, candidates: Iterable[str]) -> str | None:
    """The 'did you mean' hint for ``name`` among ``candidates``, or None."""
    close = nearest(name, candidates)
    return f"did you mean '{close}'?" if close is not None else None


THOUSANDS = re.compile(r"(?<![\w.,])[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w.,])")
"""A number written with thousands separators (``1,000``), which the language
does not take: the parser's and the checker's hints find it."""

_DID_YOU_MEAN = re.compile(r"did you mean (?:the \w+ )?'([^']+)'\?")


def suggestion_in(hint: str | None) -> str | None:
    """The replacement text a 'did you mean' ``hint`` proposes, or None."""
    m = _DID_YOU_MEAN.search(hint or "")
    return m.group(1) if m else None


def line_of(text: str | None, line: int | None) -> str | None:
    """The 1-based ``line`` of ``text`` as the parser counts lines: only "\\n" ends
    one (a "\\r" before it is dropped), for showing under a diagnostic.

    (``str.splitlines`` would also split at form feeds, lone "\\r", U+0085,
    U+2028, … and show another line than the one the line number names.)
    """
    if text is None or line is None:
        return None
    lines = text.split("\n")
    return lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else None


# Shown escaped under a diagnostic: C0 and C1 control characters but the tab, and the
# characters a terminal may take as a line break or a change of direction.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                          "\u2066-\u2069]")


def shown_line(text: str) -> str:
    """``text`` as a diagnostic shows it: each control character (but the tab) and
    each line or paragraph separator or bidirectional control as its escape,
    ``\\x1b``, ``\\x00``, ``\\u2028``, so that nothing reaches the terminal raw."""
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# Encodings a rules file that is not UTF-8 is most likely in, for the hint.
_LIKELY_ENCODINGS = (("shift_jis", "Shift_JIS"), ("cp932", "Shift_JIS (Windows-31J)"),
                     ("euc_jp", "EUC-JP"), ("gb18030", "GB18030"), ("cp1252", "Windows-1252"))


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
"""Hiragana, katakana or a kanji: what text decoded as Shift_JIS / EUC-JP holds."""


def not_text(raw: bytes, file: str | None, *, what: str = "the rules file",
             code: str = "not-utf8") -> Diagnostic | None:
    """The diagnostic for bytes of ``what`` that hold a NUL byte — a binary file
    (a program, an archive, a database), which no text file holds — or None.
    UTF-16 text without a byte order mark (NUL bytes beside ASCII ones) is told
    apart, to be saved as UTF-8."""
    at = raw.find(b"\0")
    if at < 0 or raw.startswith(_UTF16_BOMS):  # UTF-16 with its mark: not_utf8 names it
        return None
    line = raw.count(b"\n", 0, at) + 1
    column = len(raw[raw.rfind(b"\n", 0, at) + 1:at].decode("utf-8", errors="replace")) + 1
    utf16 = _utf16_kind(raw)
    if utf16 is not None:
        return Diagnostic(f"{what} is {utf16} text, not UTF-8", file, line, column, column + 1,
                          f"save the file as UTF-8 (e.g. iconv -f {utf16} -t UTF-8 "
                          f"{file or 'FILE'})", code=code)
    return Diagnostic(f"{what} is not a text file: it holds a NUL byte (0x00), as a "
                      "program, an archive or a database does", file, line, column, column + 1,
                      "name a text file saved as UTF-8", code=code)


def _utf16_kind(raw: bytes) -> str | None:
    """``UTF-16LE`` or ``UTF-16BE`` if ``raw`` looks like ASCII text in UTF-16 without
    a byte order mark (every other byte NUL), else None."""
    head = raw[:4096]
    head = head[:len(head) - len(head) % 2]
    if len(head) < 2:
        return None
    if head[1::2].count(0) == len(head) // 2:
        return "UTF-16LE"
    if head[0::2].count(0) == len(head) // 2:
        return "UTF-16BE"
    return None


def not_utf8(raw: bytes, exc: UnicodeDecodeError, file: str | None, *,
             what: str = "the rules file", save: str = "save the file as UTF-8"
             ) -> Diagnostic:
    """The diagnostic for bytes of ``what`` (a rules file, a data file) that are not
    UTF-8: where the first bad byte is, and the encoding the bytes look like; a
    file that holds a NUL byte is not a text file (:func:`not_text`)."""
    binary = not_text(raw, file, what=what)
    if binary is not None:
        return binary
    start = exc.start
    line_start = raw.rfind(b"\n", 0, start) + 1
    line_end = raw.find(b"\n", start)
    line = raw.count(b"\n", 0, start) + 1
    column = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
    shown = raw[line_start:line_end if line_end >= 0 else len(raw)]
    message = f"{what} is not UTF-8: byte 0x{raw[start]:02x} cannot be decoded"
    looks = None
    if raw.startswith(_UTF16_BOMS):
        looks = "UTF-16"
    elif exc.end == len(raw) and exc.reason == "unexpected end of data":
        # Valid UTF-8 up to a character cut off at the very end: a truncated file.
        return Diagnostic(f"{what} ends inside a UTF-8 character (byte 0x{raw[start]:02x} "
                          "starts one that is cut off)", file, line, column, column + 1,
                          "the file was cut short (a copy or download that stopped?): "
                          "restore its end", source_line=shown.decode(
                              "utf-8", errors="replace").rstrip("\r"), code="not-utf8")
    else:
        for codec, name in _LIKELY_ENCODINGS:
            try:
                decoded = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            if codec in ("shift_jis", "cp932", "euc_jp") and not _JAPANESE.search(decoded):
                continue  # bytes that decode, but to no Japanese text: not a guess to make
            looks = name
            break
    hint = save
    if looks is not None:
        hint = f"it looks like {looks}; {save}"
        if looks.startswith("Shift_JIS"):
            hint += f" (e.g. iconv -f CP932 -t UTF-8 {file or 'FILE'})"
    return Diagnostic(message, file, line, column, column + 1, hint,
                      source_line=shown.decode("utf-8", errors="replace").rstrip("\r"),
                      code="not-utf8")
