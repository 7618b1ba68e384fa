"""``matches`` patterns: one meaning, linear time, on every engine.

The meaning of a pattern is Python's ``re`` with ``re.ASCII`` over the
portable subset that :func:`leadrules.check.regex_problem` admits (no
look-around, back-references, inline flags, …).  No store runs Python's
``re`` itself: it backtracks, so ``(a+)+$`` on 31 characters takes minutes.
The in-memory evaluator and SQLite's ``REGEXP`` run RE2 (the ``google-re2``
package, :func:`compile_pattern`), the engine DuckDB has built in;
PostgreSQL runs its own (ARE, also not backtracking catastrophically on this
subset).  What differs between the engines, and how :func:`translate` closes
it:

==========  =======================  ==========================  ================
construct   Python (re.ASCII)        PostgreSQL (ARE)            RE2
==========  =======================  ==========================  ================
``\\d \\w``   ASCII                    locale classes (Unicode)    ASCII
``\\s``      ASCII incl. ``\\v``        locale class                no ``\\v``
``\\b \\B``   ASCII word boundary      ``\\b`` is backspace!         ASCII boundary
``.``       not ``\\n``                any character               not ``\\n``
``$``       end, or before a final   end only                    end only
            ``\\n``
``\\<space>`` a space                 a space                     an error
==========  =======================  ==========================  ================

So for PostgreSQL the classes become explicit ASCII sets, ``\\b`` a pair of
look-arounds (PostgreSQL has them; the *rules* may not use them), ``.``
``[^\\n]`` and ``$`` ``(?=\\n?$)``; for RE2 ``\\s`` gains ``\\v`` and ``$`` becomes
``(?:\\n?$)``.  RE2 has no look-ahead, so that ``$`` consumes the final line
break, and the rest of the pattern then starts after it where Python's starts
before it: ``$\\s`` matches ``"a\\n"`` in Python, not in RE2; ``$^`` and
``a$\\b`` differ the same way.  So :func:`end_problem` (which ``check``
applies) admits nothing after a ``$`` but another ``$``: the ``$`` ends the
pattern, its branch or a group that does not repeat.
The SQLite store's SQL carries the pattern as written; its ``REGEXP``
function translates and compiles it here.

Spark runs ``java.util.regex`` (``RLIKE`` searches), which differs again:
``$`` also matches before a final ``\\r``, ``\\r\\n``, ``\\x85``, ``\\u2028`` or
``\\u2029``; ``.`` excludes every one of those line terminators; ``\\b`` (Java 17)
counts Unicode letters and digits as word characters; ``\\v`` is any vertical
white space; inside ``[...]`` a ``[`` opens a nested class and ``&&``
intersects; a ``{`` that starts no quantifier is an error.  So for Spark
``$`` becomes ``(?=\\n?\\z)``, ``.`` ``[^\\n]``, ``\\b`` / ``\\B`` the ASCII
look-arounds, ``\\v`` ``\\x0B`` (``\\s`` the explicit ASCII set), and ``[``,
``&`` and a literal ``]`` inside a class and a literal ``{`` are escaped.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Protocol

from .errors import StoreError

_DIGIT = "0-9"
_WORD = "a-zA-Z0-9_"
_SPACE_PG = " \\t\\n\\r\\f\\v"
_SPACE_RE2 = "\\t\\n\\v\\f\\r "
_SPACE_JAVA = "\\t\\n\\x0B\\f\\r "
_OPEN_LOW_BOUND = re.compile(r"\{,[0-9]*\}")
_BOUND = re.compile(r"\{[0-9]+(,[0-9]*)?\}")
_META = set(".^$*+?()[]{}|\\/-")
_PG_BOUNDARY = (f"(?:(?<![{_WORD}])(?=[{_WORD}])|(?<=[{_WORD}])(?![{_WORD}]))")
_PG_NON_BOUNDARY = (f"(?:(?<=[{_WORD}])(?=[{_WORD}])|(?<![{_WORD}])(?![{_WORD}]))")


def translate(pattern: str, dialect: str) -> str:
    """``pattern`` for ``dialect``'s regex engine (``postgres``; ``spark``:
    java.util.regex; anything else: RE2)."""
    pg = dialect == "postgres"
    java = dialect == "spark"
    space = _SPACE_PG if pg else _SPACE_JAVA if java else _SPACE_RE2
    out: list[str] = []
    in_class = False
    first = -1  # where a "]" of the open class is a literal member
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(_escape(pattern[i + 1], in_class, pg, space, pattern, java))
            i += 2
            continue
        if in_class:
            if c == "]" and i != first:
                in_class = False
                out.append(c)
            elif java and c in "[&]":
                # Java: "[" nests a class, "&&" intersects, a leading "]" is not literal.
                out.append("\\" + c)
            else:
                out.append(c)
        elif c == "[":
            in_class = True
            # A "]" right after "[" or "[^" is a literal member, not the end.
            first = i + 2 if pattern[i + 1:i + 2] == "^" else i + 1
            out.append(c)
        elif c == "{" and _OPEN_LOW_BOUND.match(pattern, i):
            # Python reads {,n} as {0,n} (and {,} as *); RE2 and PostgreSQL
            # would take it literally.
            out.append("{0,")
            i += 2
            continue
        elif c == "{" and java and not _BOUND.match(pattern, i):
            out.append("\\{")  # a literal brace in Python, an error in Java
        elif c == "." and (pg or java):
            out.append("[^\\n]")
        elif c == "$":
            out.append("(?=\\n?$)" if pg else "(?=\\n?\\z)" if java else "(?:\\n?$)")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _escape(c: str, in_class: bool, pg: bool, space: str, pattern: str,
            java: bool = False) -> str:
    sets = {"d": _DIGIT, "w": _WORD, "s": space}
    if c in sets:
        if in_class:
            return sets[c]
        if c == "s" or pg:
            return f"[{sets[c]}]"
        return "\\" + c
    if c.lower() in sets and c.isupper():
        if in_class:
            raise StoreError(f"the regular expression {pattern!r} uses \\{c} inside [...], "
                             "which SQL engines cannot express; write the negated class "
                             "out, e.g. [^0-9] for \\D")
        if c == "S" or pg:
            return f"[^{sets[c.lower()]}]"
        return "\\" + c
    if c in "bB" and not in_class:
        if pg or java:
            return _PG_BOUNDARY if c == "b" else _PG_NON_BOUNDARY
        return "\\" + c
    if c == "v" and java:
        return "\\x0B"  # Java's \v is every vertical white space
    if c in "ntrfv":
        return "\\" + c
    if c.isalnum():
        raise StoreError(f"the regular expression {pattern!r} uses the escape \\{c}, "
                         "which is not in the portable subset")
    # An escaped punctuation mark or space is that character; keep the
    # backslash only where the character is special.
    if java and (c in _META or c in "&"):
        return "\\" + c
    return "\\" + c if c in _META else c


class Pattern(Protocol):
    """What the evaluator needs of a compiled pattern (an RE2 regex)."""

    def search(self, text: str) -> Any: ...


@functools.lru_cache(maxsize=1024)
def compile_pattern(pattern: str) -> Pattern:
    """``pattern`` (as written in the rules) compiled by RE2, searching exactly
    as Python's ``re.ASCII`` does, in time linear in the text.

    RE2 is imported here, when a rule first uses ``matches``, so that
    ``import leadrules`` stays quick.  Errors are RE2's (``re2.error``);
    ``check`` refuses the patterns that would raise them."""
    import re2

    compiled: Pattern = re2.compile(translate(pattern, "re2"), _options())
    return compiled


@functools.cache
def _options() -> Any:
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print its errors on stderr
    return options



# ------------------------------------------------------- what may follow $


def end_problem(pattern: str) -> tuple[str, int, int] | None:
    """Why the ``$`` of ``pattern`` (a pattern of the portable subset) would
    not mean Python's ``$`` on RE2, with the index and length of the part at
    fault, or None.

    Python's ``$`` also matches before a final line break, which a pattern
    may then go on to match (``$\\n``, ``$\\s``, ``(y$|\\n){2}`` on
    ``"y\\n"``); RE2's rewrite consumes that line break (see the module
    docstring).  So anything that can come after a ``$`` — a character, a
    class, ``^``, ``\\b``, ``\\B``, the start of a group repeated around
    it — is refused; another ``$`` is not."""
    whole: _Item = (0, len(pattern), _Tree(pattern).branches(), False)
    try:
        _follow([whole], None, pattern)
    except _AfterEnd as fault:
        return fault.args[0], fault.args[1], fault.args[2]
    return None


class _AfterEnd(Exception):
    pass


#: An item of a parsed pattern: (start, end, branches or None for an atom,
#: whether a quantifier lets it repeat).
_Item = tuple[int, int, "list[list[_Item]] | None", bool]


def _follow(items: list[_Item], pending: int | None, pattern: str) -> int | None:
    """Walk ``items`` with ``pending`` the index of a ``$`` already passed
    (or None); raise at the first item that can come after a ``$``; return
    the ``$`` still pending at the end."""
    for start, end, branches, repeats in items:
        if branches is None:
            if pattern[start] == "$":
                pending = start if pending is None else pending
                continue
            if pending is not None:
                _refuse_after_end(pattern, pending, start, end)
            continue
        after = [_follow(branch, pending, pattern) for branch in branches]
        out = next((p for p in after if p is not None), pending)
        if repeats and out is not None:
            for branch in branches:  # the next repetition follows the $
                _follow(branch, out, pattern)
        pending = out
    return pending


def _refuse_after_end(pattern: str, dollar: int, start: int, end: int) -> None:
    length = end - dollar if start > dollar else 1
    raise _AfterEnd(
        f"'{pattern[start:end]}' can come after the '$' at character {dollar + 1}: "
        "Python's '$' also matches before a final line break, which the rest of the "
        "pattern could then match; RE2 (memory, SQLite, DuckDB) cannot, so only another "
        "'$' may follow one", dollar, length)


class _Tree:
    """A pattern of the portable subset as nested lists of items."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def branches(self) -> list[list[_Item]]:
        out = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            out.append(self.sequence())
        return out

    def sequence(self) -> list[_Item]:
        items: list[_Item] = []
        p = self.p
        while self.i < len(p) and p[self.i] not in "|)":
            start, c = self.i, p[self.i]
            inner: list[list[_Item]] | None = None
            if c == "(":
                self.i += 3 if p.startswith("(?:", self.i) else 1
                inner = self.branches()
                self.i += 1  # ")"
            elif c == "[":
                self.i = _class_end(p, self.i)
            else:
                self.i += 2 if c == "\\" else 1
            end = self.i
            items.append((start, end, inner, self.quantifiers()))
        return items

    def quantifiers(self) -> bool:
        """Consume the quantifiers after an item: can it repeat?"""
        repeats = False
        while self.i < len(self.p):
            c = self.p[self.i]
            if c in "*+":
                repeats = True
                self.i += 1
                continue
            if c == "?":
                self.i += 1
                continue
            m = _COUNT.match(self.p, self.i) if c == "{" else None
            if m is None or not _is_count(m):
                break
            high = m.group(3) if m.group(2) else m.group(1)
            repeats = repeats or not high or int(high) > 1
            self.i = m.end()
        return repeats

# ------------------------------------------------------------ engine limits

#: The largest repetition count PostgreSQL accepts (``RE_DUPMAX``): ``x{256}``
#: is "invalid repetition count(s)" there.
MAX_REPEAT = 255
#: RE2 (DuckDB, memory, SQLite) refuses counted repetitions nested to a product
#: over 1000: ``(x{50}){50}`` is "bad repetition operator" there.
MAX_NESTED_REPEAT = 1000
#: The largest pattern, counted with its repetitions written out, that
#: ``check`` admits: PostgreSQL refuses ``a`` repeated 43,627 times ("regular
#: expression is too complex"), RE2 a few hundred thousand.
MAX_EXPANDED_SIZE = 10_000

_COUNT = re.compile(r"\{([0-9]*)(?:(,)([0-9]*))?\}")


@functools.lru_cache(maxsize=1024)
def limit_problem(pattern: str) -> tuple[str, int, int] | None:
    """Why some engine would refuse ``pattern`` (a pattern of the portable
    subset that Python compiles), with the index and length of the part at
    fault, or None.  The limits are the strictest of the engines', so a
    pattern ``check`` admits runs on every store."""
    parser = _LimitParser(pattern)
    size, _ = parser.alternation()
    if parser.problem is not None:
        return parser.problem
    if size > MAX_EXPANDED_SIZE:
        return (f"{size:,} characters once its repetitions are written "
                f"out, over {MAX_EXPANDED_SIZE:,} (PostgreSQL refuses patterns a few times "
                "larger as too complex)", 0, len(pattern))
    try:
        compile_pattern(pattern)
    except Exception as exc:  # re2.error: the program is over RE2's memory budget
        return (f"RE2 (DuckDB, memory, SQLite) cannot compile it: {exc}", 0, len(pattern))
    return None


class _LimitParser:
    """A walk over a pattern of the portable subset, measuring it: its size
    with repetitions written out, and its counted repetitions (each, and the
    product of those nested in each other)."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0
        self.problem: tuple[str, int, int] | None = None

    def alternation(self) -> tuple[int, int]:
        """(size, the largest product of nested counts) of the branches here."""
        size, nested = self.sequence()
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            more, deeper = self.sequence()
            size, nested = size + more, max(nested, deeper)
        return size, nested

    def sequence(self) -> tuple[int, int]:
        size, nested = 0, 1
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            atom, inner = self.atom()
            times, inner = self.quantifiers(inner)
            size, nested = size + atom * times, max(nested, inner)
        return size, nested

    def atom(self) -> tuple[int, int]:
        p, c = self.p, self.p[self.i]
        if c == "(":
            self.i += 3 if p.startswith("(?:", self.i) else 1
            size, nested = self.alternation()
            self.i += 1  # ")"
            return max(size, 1), nested
        if c == "[":
            self.i = _class_end(p, self.i)
            return 1, 1
        self.i += 2 if c == "\\" else 1
        return 1, 1

    def quantifiers(self, nested: int) -> tuple[int, int]:
        """Consume the quantifiers after an atom whose nested counts multiply
        to ``nested``: (the atom's multiplicity, the product with them)."""
        times = 1
        while self.i < len(self.p):
            c = self.p[self.i]
            if c in "*+?":
                self.i += 1
                continue
            m = _COUNT.match(self.p, self.i) if c == "{" else None
            if m is None or not _is_count(m):
                break
            for number in (m.group(1), m.group(3)):
                if number and int(number) > MAX_REPEAT:
                    self._refuse(f"the repetition count {int(number)} in {m.group(0)} is "
                                 f"over {MAX_REPEAT}, the most PostgreSQL allows", m)
            arg = _count_arg(m)
            if arg:
                nested *= arg
                if nested > MAX_NESTED_REPEAT:
                    self._refuse(f"repetitions nested to {nested:,} (the product of the "
                                 f"counts up to {m.group(0)}), over {MAX_NESTED_REPEAT}, "
                                 "the most RE2 (DuckDB) allows", m)
            times *= max(1, arg)
            self.i = m.end()
        return times, nested

    def _refuse(self, message: str, m: re.Match[str]) -> None:
        if self.problem is None:
            self.problem = (message, m.start(), len(m.group(0)))


def _class_end(p: str, i: int) -> int:
    """Where the class ``[...]`` opening at ``p[i]`` ends (just after its ``]``; a
    ``]`` right after ``[`` or ``[^`` is a member)."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1
    while j < len(p) and p[j] != "]":
        j += 2 if p[j] == "\\" else 1
    return j + 1


def _is_count(m: re.Match[str]) -> bool:
    # Python reads {n}, {n,}, {n,m}, {,m} and {,} as counts; {} is literal.
    return bool(m.group(1) or m.group(2))


def _count_arg(m: re.Match[str]) -> int:
    """What RE2 counts for a repetition: its maximum, else its minimum."""
    high, low = m.group(3), m.group(1)
    return int(high) if high else int(low) if low else 0
