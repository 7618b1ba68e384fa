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

import difflib
from collections.abc import Iterable, Sequence

import attrs

MAX_DIAGNOSTICS = 20
"""At most this many diagnostics are reported per file or batch of records."""


@attrs.frozen
class Diagnostic:
    """One message about one place in one input."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    end_column: int | None = None
    hint: str | None = None
    severity: str = "error"
    source_line: str | None = None

    def render(self) -> str:
        where = self.file or ("<rules>" if self.line is not None else "")
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        prefix = f"{where}: " if where else "leadrules: "
        out = [f"{prefix}{self.severity}: {self.message}"]
        if self.source_line is not None and self.column is not None:
            width = 1
            if self.end_column is not None and self.end_column > self.column:
                width = self.end_column - self.column
            gutter = f"{self.line} | "
            out.append(f"  {gutter}{self.source_line.rstrip()}")
            out.append("  " + " " * (len(gutter) + self.column - 1) + "^" * width)
        if self.hint:
            out.append(f"  {self.hint}")
        return "\n".join(out)


class LeadRulesError(Exception):
    """Base of every error leadrules raises for bad input."""

    def __init__(self, diagnostics: Sequence[Diagnostic] | str) -> None:
        if isinstance(diagnostics, str):
            diagnostics = [Diagnostic(diagnostics)]
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
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


class CheckError(LeadRulesError):
    """The rules are well formed but wrong: unknown names, type errors, cycles."""


class DataError(LeadRulesError):
    """A data file or record does not fit the schema."""


class UsageError(LeadRulesError):
    """An API or command-line call is wrong (unknown rule name, bad option)."""


class StoreError(LeadRulesError):
    """A storage backend could not do what was asked."""


def suggest(name: str, candidates: Iterable[str]) -> str | None:
    """The 'did you mean' hint for ``name`` among ``candidates``, or None."""
    pool = sorted(set(candidates))
    lowered = {c.lower(): c for c in pool}
    if name.lower() in lowered and lowered[name.lower()] != name:
        return f"did you mean '{lowered[name.lower()]}'?"
    close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    if not close:
        close = [c for c in pool if c.startswith(name) or name.startswith(c)][:1]
    return f"did you mean '{close[0]}'?" if close else None


def line_of(text: str | None, line: int | None) -> str | None:
    """The 1-based ``line`` of ``text``, for showing under a diagnostic."""
    if text is None or line is None:
        return None
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else None
