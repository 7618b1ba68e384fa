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
``(?:\\n?$)``, which consumes the final line break: the same answer for a
search, since nothing but another zero-width test can follow ``$`` usefully.
The SQLite store's SQL carries the pattern as written; its ``REGEXP``
function translates and compiles it here.
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
_OPEN_LOW_BOUND = re.compile(r"\{,[0-9]*\}")
_META = set(".^$*+?()[]{}|\\/-")
_PG_BOUNDARY = (f"(?:(?<![{_WORD}])(?=[{_WORD}])|(?<=[{_WORD}])(?![{_WORD}]))")
_PG_NON_BOUNDARY = (f"(?:(?<=[{_WORD}])(?=[{_WORD}])|(?<![{_WORD}])(?![{_WORD}]))")


def translate(pattern: str, dialect: str) -> str:
    """``pattern`` for ``dialect``'s regex engine (``postgres``; anything else: RE2)."""
    pg = dialect == "postgres"
    space = _SPACE_PG if pg else _SPACE_RE2
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(_escape(pattern[i + 1], in_class, pg, space, pattern))
            i += 2
            continue
        if in_class:
            if c == "]" and not _class_opening(pattern, i):
                in_class = False
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
        elif c == "{" and _OPEN_LOW_BOUND.match(pattern, i):
            # Python reads {,n} as {0,n} (and {,} as *); RE2 and PostgreSQL
            # would take it literally.
            out.append("{0,")
            i += 2
            continue
        elif c == "." and pg:
            out.append("[^\\n]")
        elif c == "$":
            out.append("(?=\\n?$)" if pg else "(?:\\n?$)")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _class_opening(pattern: str, i: int) -> bool:
    # A "]" right after "[" or "[^" is a literal member, not the end of the class.
    before = pattern[:i]
    return before.endswith("[") or before.endswith("[^")


def _escape(c: str, in_class: bool, pg: bool, space: str, pattern: str) -> str:
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
        if pg:
            return _PG_BOUNDARY if c == "b" else _PG_NON_BOUNDARY
        return "\\" + c
    if c in "ntrfv":
        return "\\" + c
    if c.isalnum():
        raise StoreError(f"the regular expression {pattern!r} uses the escape \\{c}, "
                         "which is not in the portable subset")
    # An escaped punctuation mark or space is that character; keep the
    # backslash only where the character is special.
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
