"""Syntax errors in the user's words: a lark exception -> a :class:`Diagnostic`.

lark names terminals as the grammar does (``__ANON_1``, ``_NL``) and stops at
the first token it cannot take, which is often not where the mistake is.  This
module says what a user types (``'half-life'``, ``end of line``) and looks for
the mistake behind the error:

* a **misspelled keyword** — each keyword near the faulty word (or the word
  before it: ``mtch 1`` fails at the ``1``) is tried in its place, and the one
  the parser then accepts is suggested (``did you mean 'match'?``), with the
  caret under the misspelled word;
* an **unclosed brace** — the braces of the declaration are counted, and the
  ``{`` that is not closed is reported (the line indentation tells which one
  when a later ``}`` closes an outer brace), not the token where the parser
  noticed; a line ``end`` in place of the ``}`` is named;
* **common slips** — ``==``, ``&&``, single quotes, a value without its field
  (``title contains "a" or "b"``), an unquoted text value,
  ``within last 30 days``, ``in last 30 days``, a malformed date
  (``2026-11-1``), a ``}`` that closes nothing (wherever it is on its line),
  pasted curly quotes, full-width and math signs and odd spaces (``“x”``,
  ``＝``, ``≥``, U+2212, U+00A0), SQL's ``<>`` and ``--``, thousands
  separators (``1,000``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import lark
from lark import Token

from .errors import THOUSANDS, Diagnostic

Parse = Callable[[str], Any]
"""Parses a whole text with the rules grammar (raises lark's exceptions)."""

_TERMINAL_WORDS = {
    "_NL": "end of line", "_QNL": "end of line", "$END": "end of file", "NAME": "a name",
    "STRING": "a quoted string", "NUMBER": "a number", "INT": "a whole number",
    "DATE": "a date", "CMP_OP": "a comparison (= != < <= > >=)",
    "AGG_FUNC": "sum/avg/min/max", "CAP_KW": "max/min",
    "FIRST_LAST": "first/last", "PERIOD_WHICH": "this/last/next",
    "NOT_KW": "'not'", "_QAND": "'and'", "_AND": "'and'", "_OR": "'or'",
    "GRADE": "a grade (A+ … F)",
}

_OPERATOR_TERMINALS = frozenset({
    "CMP_OP", "IN", "CONTAINS", "STARTS", "ENDS", "MATCHES", "BETWEEN", "WITHIN", "OLDER",
    "BEFORE", "AFTER", "ON", "NOT_KW"})

# Keywords of two words, and how they are misspelled as one.
_PHRASES = ("starts with", "ends with", "older than", "count distinct", "not in",
            "not contains", "not exists")

# Phrases of other languages for a keyword, over all their words (longest first).
_PHRASE_SYNONYMS = {
    "greater than or equal to": ">=", "greater than or equal": ">=",
    "less than or equal to": "<=", "less than or equal": "<=",
    "greater than": ">", "more than": ">", "less than": "<", "fewer than": "<",
    "at least": ">=", "at most": "<=", "equal to": "=",
    "later than": "after", "earlier than": "before",
}

# At most this many keywords are tried for one word, the nearest first.
_TRIALS_PER_WORD = 6

# Words from other languages for a keyword (tried before the near spellings).
_SYNONYMS = {
    "integer": "number", "int": "number", "float": "number", "decimal": "number",
    "string": "text", "str": "text", "boolean": "bool", "date": "datetime",
    "timestamp": "datetime", "equals": "=", "startswith": "starts with",
    "endswith": "ends with", "elif": "or", "else": "otherwise",
}

_UNIT_FORMS = {w: (w, w + "s") for w in ("minute", "hour", "day", "week", "month", "year")}
_UNIT_FORMS.update({w + "s": (w, w + "s") for w in ("minute", "hour", "day", "week", "month",
                                                      "year")})


def keyword_words(term: Any) -> list[str]:
    """The words a keyword terminal matches (``["day"]``, ``["sum", "avg", …]``),
    whether lark keeps it as a string or :func:`parse._whole_words` made it a regex."""
    pattern = term.pattern
    if pattern.type == "str":
        return [pattern.value] if re.fullmatch(r"\w[\w-]*", pattern.value) else []
    value = pattern.value.removesuffix(r"(?!\w)")
    m = re.fullmatch(r"\(\?:(\w+(?:\|\w+)*)\)", value)
    if m:
        return m.group(1).split("|")
    if re.fullmatch(r"(?:\\.|\w)+", value) and value != pattern.value:
        return [re.sub(r"\\(.)", r"\1", value)]
    return []


class SyntaxErrors:
    """Turns lark's exceptions for one grammar into diagnostics."""

    def __init__(self, terminals: Iterable[Any], parse: Parse,
                 declaration_start: re.Pattern[str]) -> None:
        self.words: dict[str, list[str]] = {}
        for term in terminals:
            found = keyword_words(term)
            if found:
                self.words[term.name] = found
        self.vocabulary = sorted({w for ws in self.words.values() for w in ws} | set(_PHRASES))
        self.parse = parse
        # Matched at line starts inside a text, so `^` must match after "\n".
        self.declaration_start = re.compile(declaration_start.pattern,
                                            declaration_start.flags | re.MULTILINE)

    # -- the expected terminals, in words ----------------------------------------
    def describe(self, name: str) -> str:
        if name in _TERMINAL_WORDS:
            return _TERMINAL_WORDS[name]
        words = self.words.get(name)
        if words and len(words) == 1:
            return f"'{words[0]}'"
        if name in ("LBRACE", "RBRACE", "LPAR", "RPAR", "COMMA", "SEMICOLON", "COLON",
                    "DOT", "SLASH", "_ARROW"):
            return "'" + {"LBRACE": "{", "RBRACE": "}", "LPAR": "(", "RPAR": ")",
                          "COMMA": ",", "SEMICOLON": ";", "COLON": ":", "DOT": ".",
                          "SLASH": "/", "_ARROW": "=>"}[name] + "'"
        return name.lower()

    def expected(self, names: Iterable[str]) -> list[str]:
        names = set(names) - {"WS", "COMMENT", "_CONT"}
        first: list[str] = []
        if "CMP_OP" in names and names & (_OPERATOR_TERMINALS - {"CMP_OP"}):
            # After a field name every operator is possible: say so once, first
            # (`exists` only where it may come: not after `score m`).
            names -= _OPERATOR_TERMINALS
            exists = " exists" if "EXISTS" in names else ""
            first.append(f"an operator (= != < > in contains{exists} within …)")
        return first + sorted({self.describe(n) for n in names})

    # -- the diagnostic ---------------------------------------------------------
    def diagnostic(self, exc: lark.exceptions.UnexpectedInput, text: str, file: str | None
                   ) -> Diagnostic:
        """The diagnostic for ``exc``, raised parsing ``text`` (the text from one
        declaration on, line numbers those of the file)."""
        if isinstance(exc, lark.exceptions.UnexpectedToken):
            d = self._unexpected_token(exc, text)
        elif isinstance(exc, lark.exceptions.UnexpectedCharacters):
            d = self._unexpected_character(exc, text)
        else:  # pragma: no cover - lark raises only the two above for LALR
            d = _Found(str(exc), exc.pos_in_stream or 0, 1)
        brace = self._unclosed_brace(text, d.offset) if d.code != "unclosed-string" else None
        if brace is None and d.code != "unclosed-string":
            brace = self._stray_brace(text, d.offset)
            if brace is not None and brace.offset == d.offset:
                brace = attrs.evolve(d, hint=brace.hint)  # the parser's message says more
        if brace is not None:
            d = brace
        d = self._end_closer(text, d) or d
        line, column = _line_column(text, d.offset)
        return Diagnostic(d.message, file, line, column, column + d.width, d.hint,
                          source_line=_source_line(text, line), code=d.code, end_line=line,
                          suggestion=d.suggestion)

    def _unexpected_token(self, exc: lark.exceptions.UnexpectedToken, text: str) -> _Found:
        tok = exc.token
        expected = set(exc.expected)
        if tok.type == "$END":
            offset, width, what = _end_offset(text), 1, "end of file"
        elif tok.type in ("_NL", "_QNL"):
            offset, width, what = tok.start_pos or 0, 1, "end of line"
        else:
            offset, width, what = tok.start_pos or 0, max(1, len(str(tok))), f"'{tok}'"
        message = f"unexpected {what}"
        words = self.expected(expected)
        if words:
            shown = ", ".join(words[:10]) + (", …" if len(words) > 10 else "")
            message += f"; expected {shown}"
        found = _Found(message, offset, width)
        if "GRADE" in expected and tok.type == "NAME":
            # `A++`: the grade-like run, not the 'A' it begins with.
            run = re.match(r"\w[\w+-]*", text[offset:])
            word = run.group() if run else str(tok)
            message = message.replace(what, f"'{word}'", 1)
            return _Found(message, offset, len(word), _GRADES)
        return (_malformed_date(text, offset) or _slashed_date(text, offset)
                or _thousands(text, offset)
                or _value_without_field(tok, expected, text, found)
                or self._slip(tok, expected, text, found)
                or self._misspelled(tok, text, found)
                or self._unquoted(tok, expected, text, found)
                or attrs.evolve(found, hint=self._token_hint(tok, expected, text)))

    def _unexpected_character(self, exc: lark.exceptions.UnexpectedCharacters, text: str
                              ) -> _Found:
        at = exc.pos_in_stream or 0
        char = text[at] if at < len(text) else "?"
        if char == '"':
            return _Found("unclosed string", at, 1,
                          'this string is not closed: a string ends with " on the same line',
                          code="unclosed-string")
        if text.startswith("--", at):  # SQL's comment
            return _Found("unexpected '--'", at, 2, "comments start with #", suggestion="#")
        if char == "[":
            return _bracketed_list(text, at)
        return (_pasted(text, at)
                or _Found(f"unexpected character {char!r}", at, 1, _char_hint(text, at)))

    # -- common slips, recognised by the text around the fault -------------------
    def _slip(self, tok: Token, expected: set[str], text: str, found: _Found) -> _Found | None:
        at = found.offset
        before = text[:at]
        line_start = _line_span(text, at)[0]
        # `employees => 5`, `employees =< 5`: '>=' and '<=' with their signs swapped
        # (in a segment, where no '=>' gives points).
        if (str(tok) == "=>" and "_ARROW" not in expected and _VALUE_NEXT.match(text, at + 2)
                and "=>" not in text[line_start:at]):
            return _Found("unexpected '=>'", at, 2, "use '>=' for greater than or equal",
                          suggestion=">=")
        if str(tok) == "<" and before.endswith("=") and not before.endswith(("<=", ">=", "!=")):
            return _Found("unexpected '=<'", at - 1, 2, "use '<=' for less than or equal",
                          suggestion="<=")
        # `employees > = 5`: a two-sign operator is written without a space.
        m = re.search(r"([<>])[ \t]+$", before)
        if str(tok) == "=" and m:
            sign = m.group(1)
            return _Found(f"unexpected '=' after '{sign}' and a space", m.start(1),
                          at + 1 - m.start(1), f"write '{sign}=' without a space",
                          suggestion=f"{sign}=")
        # `employees <> 5`: SQL's "not equal" reads as '<' followed by '>'.
        if str(tok) == ">" and before.endswith("<"):
            return _Found("unexpected '<>'", at - 1, 2, "use '!=' for not equal",
                          suggestion="!=")
        # `1 and and 2`, `1 and or 2`: the second word reads as a field name, and
        # the parser stops only at what follows it.
        m = re.search(r"(?i)\b(and|or)\s+(and|or)\s+$", before)
        if m and tok.type != "$END" and "#" not in text[_line_span(text, m.start())[0]:m.start()]:
            first, second = m.group(1).lower(), m.group(2).lower()
            if first == second:
                message, hint = f"'{first}' twice", f"remove one '{first}'"
            else:
                message = f"'{first}' followed by '{second}'"
                hint = f"keep one of them: '{first}' or '{second}'"
            return _Found(message, m.start(2), len(second), hint)
        # `tiers t { using eng, fit`: the models are named before the '{'.
        m = re.search(r"(?im)^([ \t]*tiers[ \t]+(?:`[^`\n]*`|\w+)(?:[ \t]+\"(?:[^\"\\\n]|\\.)*\")?)"
                      r"[ \t]*\{[ \t]*(using)[ \t]+$", before)
        if m and "COLON" in expected:
            models = re.match(r"[^{}\n#]*", text[at:])
            named = models.group().strip() if models else ""
            return _Found("unexpected 'using' inside the braces of tiers", m.start(2), 5,
                          f"'using' comes before the '{{': "
                          f"{m.group(1).strip()} using {named or 'MODEL'} {{ … }}")
        # `within last 30 days`: `within` already means "in the last".
        if re.search(r"(?i)\bwithin\s+$", before) and re.match(r"(?i)last\b", text[at:]):
            return _Found(found.message, at, 4,
                          "drop 'last': 'within 30 days' already means the last 30 days")
        # `in last 30 days`: a calendar period takes no number.
        m = re.search(r"(?i)\bin\s+(last|this|next)\s+$", before)
        if m and tok.type in ("INT", "NUMBER"):
            n = re.match(r"(\d+)\s+(\w+)", text[at:])
            which = m.group(1).lower()
            hint = (f"'in {which}' takes a calendar period: in {which} week / month / "
                    "quarter / year")
            suggestion = None
            start = m.start()
            width = at - start + (n.end() if n else len(str(tok)))
            if which == "last" and n:
                hint += f"; for the last {n.group(1)} {n.group(2)} write 'within " \
                        f"{n.group(1)} {n.group(2)}'"
                suggestion = f"within {n.group(1)} {n.group(2)}"
            return _Found(found.message, start, width, hint, suggestion=suggestion)
        return None

    def _unquoted(self, tok: Token, expected: set[str], text: str, found: _Found
                  ) -> _Found | None:
        """`status = won`, `timezone Asia/Tokyo`: a text value is quoted."""
        value_expected = "NUMBER" in expected or expected == {"STRING"}
        if tok.type != "NAME" or "STRING" not in expected or not value_expected:
            return None
        # A backquoted value (MySQL's, JavaScript's) is quoted without its backquotes,
        # which would otherwise be part of the text (and it would match nothing).
        run = re.compile(r'`([^`\n]*)`|[^\s{}(),;"#]+').match(text, found.offset)
        width = run.end() - found.offset if run else len(str(tok))
        word = run.group(1) if run and run.group(1) is not None else text[
            found.offset:found.offset + width]
        quoted = _quote(word)
        whole = self._unquoted_list(text, found.offset)
        if whole is not None:
            start, end, fixed = whole
            # The carets and the fix span the list's items: one fix quotes them all.
            return attrs.evolve(found, offset=start, width=end - start,
                                hint=f"text is written in double quotes: ({fixed})",
                                suggestion=fixed)
        return attrs.evolve(found, width=width,
                            hint=f"text is written in double quotes: {quoted}",
                            suggestion=quoted)

    @staticmethod
    def _unquoted_list(text: str, offset: int) -> tuple[int, int, str] | None:
        """`status in (won, lost)`: the list's items from the first to the last
        (offsets) and the list with every unquoted text item quoted, so one fix
        quotes them all; None unless the fault is an item of a one-line list of
        plain words, numbers and quoted strings."""
        item = r'\s*(?:"(?:[^"\\\n]|\\.)*"|[^\s{}(),;"#`]+)\s*'
        line_start = text.rfind("\n", 0, offset) + 1
        line_end = text.find("\n", offset)
        line_end = len(text) if line_end < 0 else line_end
        opening = text.rfind("(", line_start, offset)
        closing = text.find(")", offset, line_end)
        if opening < 0 or closing < 0:
            return None
        inner = text[opening + 1:closing]
        if not re.fullmatch(f"{item}(?:,{item})*", inner):
            return None
        items = [part.strip() for part in inner.split(",")]
        if sum(1 for i in items if not i.startswith('"')) < 2:
            return None
        fixed = ", ".join(i if i.startswith('"') or re.fullmatch(r"[+-]?\d+(\.\d+)?", i)
                          else _quote(i) for i in items)
        start = opening + 1 + (len(inner) - len(inner.lstrip()))
        end = closing - (len(inner) - len(inner.rstrip()))
        return start, end, fixed

    # -- a misspelled keyword, found by trying the near ones -------------------
    def _misspelled(self, tok: Token, text: str, found: _Found) -> _Found | None:
        error_end = found.offset + (found.width if tok.type not in ("$END", "_NL", "_QNL")
                                    else 0)
        # Trials parse only the declaration holding the fault.
        begin = self._region_begin(text, found.offset)
        region = text[:self._region_end(text, found.offset)]
        # (start, end, the keywords to try there: None for the near ones)
        spans: list[tuple[int, int, list[str] | None]] = []
        if tok.type != "$END" and re.fullmatch(r"\w+", str(tok)):
            spans.extend(self._phrases_at(text, found.offset))
            spans.append((found.offset, found.offset + len(str(tok)), None))
        prev = re.search(r"(\w+)[ \t]*$", text[:found.offset])
        if prev:
            spans.append((prev.start(1), prev.end(1), None))
        for start, end, candidates in spans:
            word = " ".join(text[start:end].split())
            fix = self._repair(region, begin, start, end, error_end, candidates)
            if fix is None:
                continue
            hint = f"did you mean '{fix}'?"
            if start == found.offset:
                message = found.message.replace(f"'{tok}'", f"'{word}'", 1)
                return attrs.evolve(found, message=message, width=end - start, hint=hint,
                                    suggestion=fix, code="misspelled-keyword")
            return _Found(f"unexpected '{word}'", start, end - start, hint, suggestion=fix,
                          code="misspelled-keyword")
        return None

    def _phrases_at(self, text: str, at: int) -> list[tuple[int, int, list[str] | None]]:
        """Runs of words at ``at`` that stand for one keyword: another language's
        phrase (``greater than`` for '>') or a keyword split in two (``half life``)."""
        spans: list[tuple[int, int, list[str] | None]] = []
        for phrase, keyword in _PHRASE_SYNONYMS.items():
            m = re.compile(r"[ \t]+".join(phrase.split()) + r"(?!\w)", re.IGNORECASE
                           ).match(text, at)
            if m:
                spans.append((at, m.end(), [keyword]))
        m = re.compile(r"(\w+)[ \t]+(\w+)(?!\w)").match(text, at)
        if m:
            first, second = m.group(1).lower(), m.group(2).lower()
            joined = [k for k in (f"{first}-{second}", first + second) if k in self.vocabulary]
            if joined:
                spans.append((at, m.end(), joined))
        return spans

    def _repair(self, region: str, begin: int, start: int, end: int, error_end: int,
                candidates: list[str] | None = None) -> str | None:
        """The keyword that, written instead of ``region[start:end]``, lets the parse
        of ``region[begin:]`` go past ``error_end``, the rest of its line and the
        token after the word; None if no near keyword (or none of ``candidates``)
        does."""
        word = region[start:end].lower()
        if candidates is not None:
            scored = [(2.0, k) for k in candidates]
        elif word in self.vocabulary:
            return None
        else:
            scored = [(2.0, _SYNONYMS[word])] if word in _SYNONYMS else []
            for k in self.vocabulary:
                ratio = difflib.SequenceMatcher(None, word, k.replace(" ", "")).ratio()
                near = ratio >= 0.6 or (len(word) >= 3 and k.startswith(word))
                if near and k != _SYNONYMS.get(word):
                    scored.append((ratio, k))
        # The trial must take the rest of the line and the token after the word: a
        # keyword that fits only itself is no fix (`greater than` -> `after than`,
        # `later than 2026-01-01` -> `older than 2026…`, `end` -> `and` before '}').
        skipped = _SKIP.match(region, end)
        following = _NEXT_TOKEN.match(region, skipped.end() if skipped else end)
        line_end = region.find("\n", max(end, error_end))
        must_pass = max(error_end, following.end() if following else end,
                        line_end if line_end >= 0 else len(region))
        scored.sort(reverse=True)
        best: tuple[Any, ...] | None = None
        for ratio, k in scored[:_TRIALS_PER_WORD]:
            trial = region[begin:start] + k + region[end:]
            shift = len(k) - (end - start)
            try:
                self.parse(trial)
                reached = begin + len(trial) + 1
            except lark.exceptions.UnexpectedInput as exc:
                reached = begin + _offset_of(exc, trial)
            if reached <= must_pass + shift or not _fits(k, region, following):
                continue
            key = (-(reached - shift), abs(len(k) - len(word)), -ratio)
            if best is None or key < best[0]:
                best = (key, k)
        if best is None:
            return None
        fix = str(best[1])
        # A unit agrees with its number: `within 1 dayz` -> day, `30 dayz` -> days.
        if fix in _UNIT_FORMS:
            count = re.search(r"(\d+)[ \t]*$", region[:start])
            if count:
                fix = _UNIT_FORMS[fix][0 if int(count.group(1)) == 1 else 1]
        return fix

    def _region_begin(self, text: str, offset: int) -> int:
        """Where the declaration holding ``offset`` begins: the start of the last
        line at or before it that begins a declaration, else of the text's first
        line that is not blank."""
        first = len(text) - len(text.lstrip("\n"))
        at = text.rfind("\n", 0, offset) + 1
        while at > first:
            if self.declaration_start.match(text, at):
                return at
            at = text.rfind("\n", 0, at - 1) + 1
        return first

    def _region_end(self, text: str, offset: int) -> int:
        """Where the declaration holding ``offset`` ends: the start of the next
        line that begins a declaration, or the end of the text."""
        nl = text.find("\n", offset)
        while nl >= 0:
            if self.declaration_start.match(text, nl + 1):
                return nl + 1
            nl = text.find("\n", nl + 1)
        return len(text)

    # -- an unclosed brace -----------------------------------------------------
    def _unclosed_brace(self, text: str, error_at: int) -> _Found | None:
        """The '{' that is never closed, in the first declaration (from the text's
        start up to the fault) whose braces do not balance; None if they all do."""
        begin = len(text) - len(text.lstrip("\n"))
        while begin <= error_at and begin < len(text):
            first_nl = text.find("\n", begin)
            end = len(text) if first_nl < 0 else self._region_end(text, first_nl)
            found = self._unclosed_in(text, begin, end)
            if found is not None:
                return found if found.offset < error_at else None
            begin = end
        return None

    def _unclosed_in(self, text: str, begin: int, end: int) -> _Found | None:
        open_braces: list[tuple[int, int]] = []  # (offset, indentation of its line)
        suspects: list[tuple[int, int]] = []  # (offset of the unclosed '{', line of the '}')
        balance = 0
        for kind, at in _braces(text, begin, end):
            balance += 1 if kind == "{" else -1
            if kind == "{":
                open_braces.append((at, _indent(text, at)))
                continue
            if not open_braces:
                continue
            if _first_on_line(text, at):
                indent = _indent(text, at)
                # A '}' less indented than the innermost open brace's line, with an
                # outer brace that lines up with it, closes the outer one.
                while (len(open_braces) > 1 and open_braces[-1][1] > indent
                       and any(i <= indent for _, i in open_braces[:-1])):
                    suspects.append((open_braces.pop()[0], _line_column(text, at)[0]))
            open_braces.pop()
        if balance <= 0:
            return None  # balanced: a '}' in an odd column is no error
        if suspects:
            brace, closer_line = min(suspects)
            hint = (f"add '}}' before line {closer_line}: the '}}' there closes the '{{' of "
                    f"line {_line_column(text, _outer_of(text, begin, brace))[0]}")
        else:
            brace = open_braces[-1][0]
            if end < len(text):
                head = " ".join(text[end:].split("\n", 1)[0].split()[:2])
                hint = (f"add '}}' before line {_line_column(text, end)[0]}, where "
                        f"'{head}' begins")
            else:
                hint = "add '}' at the end"
        return _Found("'{' is never closed", brace, 1, hint, code="unclosed-brace")

    # -- `end` in place of '}' -------------------------------------------------
    def _end_closer(self, text: str, d: _Found) -> _Found | None:
        """A line ``end`` (SQL's CASE, Ruby, Lua) that was meant to close a block:
        the one the fault is on, or the first after a '{' that is never closed."""
        if d.code == "unclosed-brace":
            found = _END_LINE.search(text, d.offset, self._region_end(text, d.offset))
        else:
            line_start, line_end = _line_span(text, d.offset)
            found = _END_LINE.match(text, line_start, line_end)
        if found is None:
            return None
        at, width = found.start(1), len(found.group(1))
        message = f"unexpected '{found.group(1)}'"
        balance = sum(1 if kind == "{" else -1 for kind, _ in _braces(
            text, self._region_begin(text, at), self._region_end(text, at)))
        if balance > 0:
            return _Found(message, at, width, "blocks are closed with '}', not 'end'",
                          suggestion="}")
        return _Found(message, at, width, "blocks are closed with '}', not 'end', and the "
                      "braces here already balance: remove 'end'")

    # -- a '}' that closes nothing ----------------------------------------------
    def _stray_brace(self, text: str, error_at: int) -> _Found | None:
        """The '}' too many in the declaration holding the fault, when its braces
        close more than they open: the '}' after the one that closed the
        declaration, or that one itself when more of the declaration follows it
        (``1: lead { email exists }}`` then ``match 1``); None otherwise."""
        begin = self._region_begin(text, error_at)
        end = self._region_end(text, error_at)
        balance = 0
        closer: int | None = None
        for kind, at in _braces(text, begin, end):
            balance += 1 if kind == "{" else -1
            if balance == 0 and closer is None:
                closer = at
            if balance < 0:
                break
        if balance >= 0 or closer is None or closer > error_at:
            return None
        skipped = _SKIP.match(text, closer + 1)
        after = skipped.end() if skipped else closer + 1
        stray = after if text.startswith("}", after) else closer
        if stray > error_at:
            return None
        return _Found("unexpected '}'", stray, 1, "this '}' closes no '{'")

    # -- hints for the token itself ---------------------------------------------
    def _token_hint(self, tok: Token, expected: set[str], text: str) -> str | None:
        value = str(tok)
        start = tok.start_pos or 0
        if value == "=" and start > 0 and text[start - 1] == "=":
            return "use '=' for equality"
        grade = _GRADE_TEST.search(text[:start])
        if grade is not None and expected <= {"CMP_OP", "NAME"}:
            return _grade_hint(grade, text, start)
        score = _SCORE_TEST.search(text[:start])
        if score is not None and tok.type == "EXISTS":
            name = score["name"] or "m"
            return ("every lead has a score (0 when no rule gives it points): compare it "
                    f"with a number, e.g. score {name} = 0 or score {name} > 0")
        if "CMP_OP" in expected:
            return ("after a field name comes an operator, e.g. = \"x\", in (…), contains, "
                    "exists; separate conditions with a new line, ';' or ','")
        before = text[:start].rstrip()
        if tok.type == "STRING" and re.search(r"(?i)\bin$", before):
            return f'a list of values is written in parentheses: in ({value}, …)'
        if tok.type == "STRING" and "NAME" in expected:
            return "names are written without quotes"
        if value == "." and re.search(r"(?i)\blead$", before):
            return ("a lead field is written without 'lead.': email exists, or "
                    "lead { email exists }")
        if value.lower() == "within" and re.search(r"(?i)\b(count|sum|avg|min|max)\b[^{}\n]*$",
                                                   before):
            return ("a time limit goes inside the braces: tracking { occurred_at within 30 days } "
                    "count >= 15")
        if tok.type == "RBRACE" and "SCORING" in expected:
            return "this '}' closes no '{'"
        if tok.type in ("SEGMENT", "SOURCE", "FIELD", "TIMEZONE", "SCORING", "GRADING",
                        "TIERS", "FUNNEL") and expected <= {"_NL", "$END"}:
            return "put each declaration on its own line"
        if "GRADE" in expected:
            return _GRADES
        if tok.type == "NUMBER" and "_ARROW" in expected and self._in_points_body(text, start):
            return f"the points come after '=>': … => {tok}"
        if expected == {"COLON"}:
            return "a block is LABEL: CONDITION, e.g. 1: application exists"
        return None

    def _in_points_body(self, text: str, offset: int) -> bool:
        """Whether ``offset`` is in a scoring model or grading profile (where rules
        end in '=> POINTS'); other declarations' expressions merely share their
        parser states."""
        begin = self._region_begin(text, offset)
        return re.match(r"(?i)[ \t]*(scoring|grading)\b", text[begin:]) is not None


_GRADE_SCALE = ("F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+")
_GRADES = "grades are " + ", ".join(_GRADE_SCALE)

# Words that, after `grade`, are the operator the user meant, not the profile name.
_NOT_A_PROFILE = frozenset({"in", "between", "exists", "contains", "not", "starts", "ends",
                            "matches", "within", "before", "after", "on"})

_GRADE_TEST = re.compile(r"(?i)(?<![\w`])grade(?:[ \t]+(?P<name>`[^`\n]*`|\w+))?[ \t]*$")
"""``grade fit`` just before the token: a grade test, which takes a comparison."""

_SCORE_TEST = re.compile(r"(?i)(?<![\w`])score(?:[ \t]+(?P<name>`[^`\n]*`|\w+))?[ \t]*$")
"""``score m`` just before the token."""

_GRADE_WORD = r"(?i:[a-d][+-]?|f)(?![\w+-])"


def _grade_hint(test: re.Match[str], text: str, at: int) -> str:
    """What a grade test takes, in the words of the test written (``grade g in
    (A, B)``, ``grade g between C and A``)."""
    name = test["name"]
    g = "grade" if name is None or name.lower() in _NOT_A_PROFILE else f"grade {name}"
    hint = f"a grade test takes = != < <= > >= and a letter: {g} >= B"
    rest = text[test.start("name") if name is not None else at:]
    between = re.match(rf"(?i)\w*[ \t]*between[ \t]+({_GRADE_WORD})[ \t]+and[ \t]+"
                       rf"({_GRADE_WORD})", rest)
    listed = re.match(rf"(?i)\w*[ \t]*in[ \t]*\([ \t]*({_GRADE_WORD}(?:[ \t]*,[ \t]*"
                      rf"{_GRADE_WORD})*)[ \t]*\)", rest)
    if between is not None:
        low, high = sorted((between[1].upper(), between[2].upper()), key=_GRADE_SCALE.index)
        return hint + f"; for a range write {g} >= {low} and {g} <= {high}"
    if listed is not None:
        letters = [x.strip().upper() for x in listed[1].split(",")]
        return hint + "; for a list write " + " or ".join(f"{g} = {x}" for x in letters)
    return hint + f"; a range is {g} >= C and {g} <= A"

_COMPARED = re.compile(
    r'(?P<field>`[^`\n]*`|\w+)[ \t]*'
    r'(?P<op><=|>=|!=|=|<|>|not[ \t]+contains|contains|starts[ \t]+with|ends[ \t]+with|matches)'
    r'[ \t]*(?P<value>"(?:[^"\\\n]|\\.)*")[ \t]+(?P<connective>or|and)[ \t]*$', re.IGNORECASE)
"""``industry = "a" or``, ``title contains "x" and`` just before a string: the
field and its operator were meant again."""


def _value_without_field(tok: Token, expected: set[str], text: str, found: _Found
                         ) -> _Found | None:
    """``title contains "a" or "b"``: the second value needs its field and operator
    again (as a name, ``"b"`` would be an unknown field)."""
    if tok.type != "STRING" or "NAME" not in expected:
        return None
    m = _COMPARED.search(text[:found.offset].rstrip())
    if m is None:
        return None
    field, value, connective = m["field"], str(tok), m["connective"].lower()
    op = " ".join(m["op"].split())
    again = f"{field} {op} {value}"
    hint = f"repeat the field: {field} {op} {m['value']} {connective} {again}"
    listed = {("=", "or"): "in", ("!=", "and"): "not in"}.get((op, connective))
    if listed is not None:
        hint += f", or use {listed}: {field} {listed} ({m['value']}, {value})"
    return attrs.evolve(found, hint=hint, suggestion=again)


def _quote(word: str) -> str:
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


@attrs.frozen
class _Found:
    """A diagnostic in the making: message, offset in the text, width, hint."""

    message: str
    offset: int
    width: int
    hint: str | None = None
    suggestion: str | None = None
    code: str = "syntax-error"


def _fits(keyword: str, text: str, following: re.Match[str] | None) -> bool:
    """Whether ``keyword`` can take the token after it: a date operator takes a date
    (``employees greater 100`` is not ``after 100``, which only the checker refuses)."""
    if keyword in ("before", "after", "on"):
        return following is not None and re.compile(r'\d{4}-').match(
            text, following.start()) is not None
    return True


def _char_hint(text: str, pos: int) -> str | None:
    pair = text[pos:pos + 2]
    if pair == "==":
        return "use '=' for equality"
    if pair in ("&&", "||") or text[pos] in "&|":
        return "use 'and' / 'or'"
    if text[pos] == "'":
        return "strings are written in double quotes: \"…\""
    if text[pos] == "!":
        return "use 'not' or '!='"
    return None


# A line of its own `end` (`END;`), outside strings and comments.
_END_LINE = re.compile(r"(?im)^[ \t]*(end(?:[ \t]*;)?)[ \t]*(?:#[^\n]*)?$")

# White space and comments.
_SKIP = re.compile(r"(?:\s|#[^\n]*)*")

# The start of the next token, or all of it (a word, a string, a sign).
_NEXT_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"?|`[^`\n]*`?|\w+|\S')

# A run that looks like a date or an instant, well formed or not.
_DATE_LIKE = re.compile(
    r"(?<![\w.:+-])(?P<year>\d{4,})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?"
    r"(?:(?P<sep>T| (?=\d{1,2}:))(?P<hour>\d{1,2})(?::(?P<minute>\d{1,2}))?"
    r"(?::(?P<second>\d{1,2}))?(?:\.(?P<fraction>\d+))?)?"
    r"(?P<offset>Z|[+-]\d{1,2}(?::?\d{2})?)?(?![\w:.])")

_DATE_FORMS = "dates are YYYY-MM-DD, instants YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|±HH:MM]"


def _malformed_date(text: str, at: int) -> _Found | None:
    """A date or instant written in a form the language does not take, holding
    the fault at ``at`` (``2026-11-1``, ``2026-11-01 09:00``, ``…+9``)."""
    line_start, line_end = _line_span(text, at)
    for m in _DATE_LIKE.finditer(text, line_start, line_end):
        if not m.start() <= at < m.end():
            continue
        g = m.groupdict()
        what = "time" if g["sep"] else "date"
        fixed = None
        if len(g["year"]) != 4:
            reason = "a year has 4 digits"
        elif g["day"] is None:
            reason = "a date has year, month and day"
        elif len(g["month"]) != 2 or len(g["day"]) != 2:
            reason = "month and day have 2 digits"
        elif g["sep"] == " ":
            reason = "'T' joins the date and the time"
        elif any(g[k] is not None and len(g[k]) != 2 for k in ("hour", "minute", "second")):
            reason = "hours, minutes and seconds have 2 digits"
        elif g["sep"] and g["minute"] is None:
            reason = "a time has hours and minutes"
        elif g["fraction"] is not None and len(g["fraction"]) > 6:
            reason = "a fraction of a second has at most 6 digits"
        elif g["offset"] and not re.fullmatch(r"Z|[+-]\d{2}:?\d{2}", g["offset"]):
            reason = "an offset is Z or ±HH:MM"
        else:
            return None
        if len(g["year"]) == 4 and g["day"] is not None and (
                g["fraction"] is None or len(g["fraction"]) <= 6):
            fixed = _date_fixed(g)
        example = fixed if fixed is not None else "2026-11-01T09:00:00+09:00"
        hint = f"{reason}: {_DATE_FORMS}, e.g. {example}"
        return _Found(f"malformed {what} '{m.group()}'", m.start(), m.end() - m.start(),
                      hint, suggestion=fixed)
    return None


# A number or a string next (after `=>`, a swapped `>=`).
_VALUE_NEXT = re.compile(r'[ \t]*[-+]?(?:\d|")')

# A date of another country's form: 12/31/2026, 31/12/2026, 2026/12/31, 31.12.2026.
_SLASHED_DATE = re.compile(
    r"(?<![\w.])(?P<a>\d{1,4})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})(?![\w.])")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _slashed_date(text: str, at: int) -> _Found | None:
    """A date written with '/' or '.' (``12/31/2026``), holding the fault at ``at``:
    its ISO form, or both when day and month could be either."""
    line_start, line_end = _line_span(text, at)
    for m in _SLASHED_DATE.finditer(text, line_start, line_end):
        if not m.start() <= at < m.end():
            continue
        a, b, c = (int(m.group(k)) for k in "abc")
        if len(m.group("a")) == 4:
            readings = [(a, b, c)]
        elif len(m.group("c")) == 4:
            # Month first (US) or day first (most others; always with '.').
            readings = [(c, a, b), (c, b, a)] if m.group("sep") == "/" else [(c, b, a)]
        else:
            continue
        valid = []
        for year, month, day in readings:
            try:
                dt.date(year, month, day)
            except ValueError:
                continue
            if (year, month, day) not in valid:
                valid.append((year, month, day))
        forms = [f"{y:04d}-{mo:02d}-{d:02d}" for y, mo, d in valid]
        message = f"malformed date '{m.group()}'"
        if len(forms) == 1:
            return _Found(message, m.start(), m.end() - m.start(),
                          f"dates are written YYYY-MM-DD: {forms[0]}", suggestion=forms[0])
        if forms:
            either = " or ".join(f"{f} ({_MONTHS[mo - 1]} {d})"
                                 for f, (_, mo, d) in zip(forms, valid, strict=True))
            return _Found(message, m.start(), m.end() - m.start(),
                          f"dates are written YYYY-MM-DD: {either}")
        return _Found(message, m.start(), m.end() - m.start(),
                      f"{_DATE_FORMS}, e.g. 2026-11-01")
    return None


def _bracketed_list(text: str, at: int) -> _Found:
    """``status in ["won", "lost"]``: a list is written in parentheses."""
    line_end = _line_span(text, at)[1]
    close = text.find("]", at, line_end)
    if close < 0 or "[" in text[at + 1:close]:
        return _Found("unexpected character '['", at, 1,
                      'a list of values is written in parentheses: in ("a", "b")')
    fixed = "(" + text[at + 1:close] + ")"
    return _Found("unexpected character '['", at, close + 1 - at,
                  f"a list of values is written in parentheses: {fixed}", suggestion=fixed)


def _date_fixed(g: dict[str, str | None]) -> str | None:
    """The date or instant of the parts ``g``, each padded to its width."""
    out = f"{g['year']}-{int(g['month'] or 0):02d}-{int(g['day'] or 0):02d}"
    if g["sep"]:
        if g["minute"] is None:
            return None
        out += f"T{int(g['hour'] or 0):02d}:{int(g['minute']):02d}"
        if g["second"] is not None:
            out += f":{int(g['second']):02d}"
        if g["fraction"] is not None:
            out += "." + g["fraction"]
    offset = g["offset"]
    if offset:
        m = re.fullmatch(r"([+-])(\d{1,2})(?::?(\d{2}))?", offset)
        if m:
            offset = f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}"
        out += offset
    return out


def _thousands(text: str, at: int) -> _Found | None:
    """``employees > 1,000``: the fault is in, or just after, a number written
    with thousands separators."""
    line_start, line_end = _line_span(text, at)
    for m in THOUSANDS.finditer(text, line_start, line_end):
        if m.start() <= at and not text[m.end():at].strip() and re.search(
                r"(=|<|>|\bbetween|\band|=>)\s*$", text[line_start:m.start()]):
            plain = m.group().replace(",", "")
            return _Found(f"unexpected ',' in the number {m.group()}", m.start(),
                          m.end() - m.start(),
                          f"numbers are written without thousands separators: {plain}",
                          suggestion=plain)
    return None


# Signs that math fonts, Japanese input methods and word processors put in place of
# the ASCII ones (a word processor turns a '-' into an en dash).
_MATH_SIGNS = {"≥": ">=", "≤": "<=", "≧": ">=", "≦": "<=", "≠": "!=", "\u2212": "-",
               "\u2013": "-"}

# Quotes that word processors and chat tools put in place of '"'.
_CURLY_QUOTES = "“”„‟″‘’‚‛′«»"


def _pasted(text: str, at: int) -> _Found | None:
    """A curly quote, a full-width or math sign or a space other than ' ' pasted in
    place of its ASCII form."""
    char = text[at]
    if char in _CURLY_QUOTES:
        m = re.compile(f"[{_CURLY_QUOTES}\"']([^\n{_CURLY_QUOTES}\"']*)[{_CURLY_QUOTES}\"']"
                       ).match(text, at)
        if m:
            fixed = '"' + m.group(1) + '"'
            return _Found(f"unexpected character {char!r}", at, m.end() - at,
                          f"use straight double quotes: {fixed}", suggestion=fixed)
        return _Found(f"unexpected character {char!r}", at, 1,
                      'use straight double quotes: "…"', suggestion='"')
    if char == "\u3000":
        return _Found("unexpected character '\\u3000' (a full-width space)", at, 1,
                      "use an ordinary space", suggestion=" ")
    if unicodedata.category(char) == "Zs":  # a no-break space (U+00A0), a thin one, …
        spaces = re.compile(f"{re.escape(char)}+").match(text, at)
        width = spaces.end() - at if spaces else 1
        what = unicodedata.name(char, "space").lower()
        return _Found(f"unexpected character {char!r} (a {what})", at, width,
                      "use an ordinary space", suggestion=" " * width)
    if char in _MATH_SIGNS:
        fixed = _MATH_SIGNS[char]
        return _Found(f"unexpected character {char!r}", at, 1,
                      f"use the ASCII '{fixed}' in place of '{char}'", suggestion=fixed)
    if unicodedata.east_asian_width(char) == "F" and unicodedata.normalize(
            "NFKC", char).isascii():
        run = at + 1  # `＞＝` is one operator
        while (run < len(text) and unicodedata.east_asian_width(text[run]) == "F"
               and unicodedata.normalize("NFKC", text[run]) in "=<>!"):
            run += 1
        wide = text[at:run]
        fixed = unicodedata.normalize("NFKC", wide)
        return _Found(f"unexpected character {char!r}", at, run - at,
                      f"use the ASCII '{fixed}' in place of the full-width '{wide}'",
                      suggestion=fixed)
    return None


def _offset_of(exc: lark.exceptions.UnexpectedInput, text: str) -> int:
    if isinstance(exc, lark.exceptions.UnexpectedToken) and exc.token.type == "$END":
        return len(text)
    return exc.pos_in_stream or 0


def _line_span(text: str, at: int) -> tuple[int, int]:
    """Where the line holding ``at`` starts and ends (its "\\n" excluded)."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``; only "\\n" ends a line, as for lark."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _end_offset(text: str) -> int:
    """Just after the last character that is not white space (where a missing
    end would go)."""
    stripped = text.rstrip()
    return len(stripped)


def _source_line(text: str, line: int) -> str | None:
    lines = text.split("\n")
    return lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else None


def _indent(text: str, at: int) -> int:
    start = text.rfind("\n", 0, at) + 1
    line = text[start:at + 1]
    return len(line) - len(line.lstrip(" \t"))


def _first_on_line(text: str, at: int) -> bool:
    start = text.rfind("\n", 0, at) + 1
    return not text[start:at].strip()


def _outer_of(text: str, begin: int, brace: int) -> int:
    """The brace that encloses the brace at ``brace``."""
    stack: list[int] = []
    for kind, at in _braces(text, begin, brace):
        if kind == "{":
            stack.append(at)
        elif stack:
            stack.pop()
    return stack[-1] if stack else brace


_LEXEMES = re.compile(r'"(?:[^"\\\r\n]|\\.)*"?|`[^`\r\n]*`?|#[^\n]*|[{}]')


def _braces(text: str, begin: int, end: int) -> Iterable[tuple[str, int]]:
    """The braces of ``text[begin:end]`` outside strings, comments and backquotes."""
    for m in _LEXEMES.finditer(text, begin, end):
        if m.group() in ("{", "}"):
            yield m.group(), m.start()
