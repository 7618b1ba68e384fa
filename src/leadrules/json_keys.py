"""Keys that appear twice in one JSON object.

Python's :func:`json.loads` keeps the last of two equal keys and says nothing, so
``{"email": "a@x", "email": "b@x"}`` would silently lose a value.  Both JSON
readers refuse such a document instead: the rules form (:mod:`.json_form`) and
the JSON Lines data files (:mod:`.loaders`), which first ask :func:`may_repeat`,
a check cheap enough for every line, and scan only the lines it cannot clear.
"""

from __future__ import annotations

import json
import re

import attrs

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


@attrs.frozen
class Repeated:
    """A key met a second time in one object, at 1-based ``line`` and ``column``
    of its second occurrence."""

    key: str
    line: int
    column: int


def may_repeat(line: str, keys: int) -> bool:
    """Whether the JSON object ``line`` (one line, parsed into ``keys`` keys) could
    hold a key twice.  False is certain: when no ``"`` is followed by white space,
    every key is written ``"…":``, so at most as many keys were written as there
    are ``":`` in the line; equal to ``keys``, none repeats."""
    if '" ' in line or '"\t' in line or '"\r' in line:
        return True
    return line.count('":') != keys


def repeated(text: str) -> Repeated | None:
    """The first key that appears twice in one object of the JSON ``text`` (which
    :func:`json.loads` reads), or None."""
    objects: list[set[str] | None] = []  # None: an array
    pending: tuple[str, int] | None = None  # a string that may be a key, and where
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == ":":
            top = objects[-1] if objects else None
            if pending is not None and top is not None:
                key, start = pending
                if key in top:
                    line = text.count("\n", 0, start) + 1
                    return Repeated(key, line, start - text.rfind("\n", 0, start))
                top.add(key)
        elif token == "{":
            objects.append(set())
        elif token == "[":
            objects.append(None)
        elif token in ("}", "]") and objects:
            objects.pop()
        pending = (json.loads(token), match.start()) if token.startswith('"') else None
    return None
