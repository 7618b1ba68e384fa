"""Where each key and array element of a TOML document starts (line, column).

:mod:`tomllib` gives values but no positions; rule test files
(:mod:`leadrules.rule_tests`) name the line of a bad value or of a failing
expectation, so this scans the text once more.  The text must already be valid
TOML (``tomllib`` read it): the scanner then only needs to follow structure —
table headers, dotted keys, strings, arrays and inline tables — never to
report errors.

A path is a tuple of keys and array indices, as the parsed value is indexed:
``("test", 0, "expect", "score", "default")``.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.positions: dict[Path, Position] = {}
        # Arrays of tables: how many elements each has so far.
        self.table_arrays: dict[Path, int] = {}
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def position(self, offset: int) -> Position:
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:  # the last line start <= offset
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self.line_starts[lo] + 1

    def mark(self, path: Path, offset: int) -> None:
        self.positions.setdefault(path, self.position(offset))

    # ------------------------------------------------------------ characters

    def peek(self) -> str:
        return self.text[self.i] if self.i < len(self.text) else ""

    def skip_blank(self, newlines: bool) -> None:
        """Skip spaces, comments and (with ``newlines``) line breaks."""
        while self.i < len(self.text):
            c = self.text[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.i += 1
            elif c == "#":
                end = self.text.find("\n", self.i)
                self.i = len(self.text) if end < 0 else end
            else:
                return

    # ------------------------------------------------------------- documents

    def document(self) -> dict[Path, Position]:
        table: Path = ()
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.text):
                return self.positions
            start = self.i
            if self.text.startswith("[[", self.i):
                self.i += 2
                keys = self.keys("]")
                self.i += 2  # "]]"
                array = (*self.resolve(keys[:-1]), keys[-1])
                index = self.table_arrays.get(array, 0)
                self.table_arrays[array] = index + 1
                table = (*array, index)
                self.mark(array, start)
                self.mark(table, start)
            elif self.peek() == "[":
                self.i += 1
                keys = self.keys("]")
                self.i += 1
                table = self.resolve(keys)
                self.mark(table, start)
            else:
                self.key_value(table)

    def resolve(self, keys: list[str]) -> Path:
        """A header's keys as a path: arrays of tables on the way get their
        current (last) element's index."""
        path: Path = ()
        for key in keys:
            path = (*path, key)
            if path in self.table_arrays:
                path = (*path, self.table_arrays[path] - 1)
        return path

    def keys(self, end: str) -> list[str]:
        """A dotted key, up to (not including) ``end``."""
        out = []
        while True:
            self.skip_blank(newlines=False)
            out.append(self.key())
            self.skip_blank(newlines=False)
            if self.peek() == ".":
                self.i += 1
                continue
            assert self.peek() == end or self.text.startswith(end, self.i)
            return out

    def key(self) -> str:
        c = self.peek()
        if c == '"':
            return _unescape(self.string())
        if c == "'":
            return self.string()
        m = _BARE_KEY.match(self.text, self.i)
        assert m is not None
        self.i = m.end()
        return m.group()

    def key_value(self, table: Path) -> None:
        start = self.i
        path = (*table, *self.keys("="))
        self.i += 1  # "="
        self.mark(path, start)
        self.skip_blank(newlines=False)
        self.value(path)

    # ----------------------------------------------------------------- values

    def value(self, path: Path) -> None:
        c = self.peek()
        if c in "\"'":
            self.string()
        elif c == "[":
            self.array(path)
        elif c == "{":
            self.inline_table(path)
        else:  # a number, bool or date: up to a separator
            m = re.compile(r"[^,\]\}\n#]*").match(self.text, self.i)
            assert m is not None
            self.i = m.end()

    def array(self, path: Path) -> None:
        self.i += 1
        index = 0
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "]":
                self.i += 1
                return
            self.mark((*path, index), self.i)
            self.value((*path, index))
            index += 1
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.i += 1

    def inline_table(self, path: Path) -> None:
        self.i += 1
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "}":
                self.i += 1
                return
            self.key_value(path)
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.i += 1

    def string(self) -> str:
        """A basic, literal or multi-line string; its text (escapes kept raw,
        which is enough for keys)."""
        quote = self.peek()
        if self.text.startswith(quote * 3, self.i):
            end = self.text.find(quote * 3, self.i + 3)
            while quote == '"' and _escaped(self.text, end):
                end = self.text.find(quote * 3, end + 1)
            # A closing run may hold up to two more quotes (""""" ends with them).
            while self.text.startswith(quote, end + 3):
                end += 1
            body = self.text[self.i + 3:end]
            self.i = end + 3
            return body
        j = self.i + 1
        while self.text[j] != quote:
            j += 2 if quote == '"' and self.text[j] == "\\" else 1
        body = self.text[self.i + 1:j]
        self.i = j + 1
        return body


_ESCAPE = re.compile(r'\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))', re.S)
_SIMPLE = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"',
           "\\": "\\"}


def _unescape(body: str) -> str:
    """A basic string's text with its escapes decoded (as tomllib decodes keys)."""
    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        if code:
            return chr(int(code, 16))
        return _SIMPLE.get(m.group(3), m.group(0))
    return _ESCAPE.sub(one, body)


def _escaped(text: str, at: int) -> bool:
    """Whether the character at ``at`` follows an odd number of backslashes."""
    n = 0
    while at - n - 1 >= 0 and text[at - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def positions(text: str) -> dict[Path, Position]:
    """Every key's and array element's start in ``text`` (valid TOML)."""
    return _Scanner(text).document()


def locate(where: dict[Path, Position], path: Path) -> Position | None:
    """The position of ``path``, else of its nearest ancestor that has one."""
    for n in range(len(path), 0, -1):
        found = where.get(path[:n])
        if found is not None:
            return found
    return None


_DECODE_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


def source_line(text: str, line: int | None) -> str | None:
    """Line ``line`` of a TOML text: lines end at "\n" only (a U+2028 or U+0085
    inside a string is no line break, as :meth:`str.splitlines` would have it)."""
    lines = text.split("\n")
    if line is None or not 0 < line <= len(lines):
        return None
    return lines[line - 1].rstrip("\r")


def decode_error(message: str) -> tuple[str, int | None, int | None]:
    """A :class:`tomllib.TOMLDecodeError`'s message without its ``(at line L,
    column C)``, lower-cased first, and L and C (None when it names none)."""
    m = _DECODE_WHERE.search(message)
    line = column = None
    if m:
        line, column = int(m.group(1)), int(m.group(2))
        message = message[:m.start()].rstrip()
    return message[:1].lower() + message[1:], line, column
