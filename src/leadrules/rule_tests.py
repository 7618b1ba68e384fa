"""Rule tests written by users: TOML files of leads and what the rules must
say about them (``leadrules test``, :meth:`leadrules.Rules.test`).

A test file (docs/testing.md) holds ``[[test]]`` tables, each one lead with
its events, an ``as_of`` and the expected segments, scores, grades, tiers and
funnel stages.  The lead and its events are normalised with the rules' schema
exactly as a data folder or ``MemoryStore`` is (:mod:`leadrules.values`), then
evaluated through the public handles on a one-lead :class:`MemoryStore`, so a
test sees what ``leadrules segment`` / ``score`` / … would see.  Every problem
of a test file is reported at once, with its file, line and column; a failing
expectation is reported with its line and the explanation of the lead.
"""

from __future__ import annotations

import math
import os
import re
import time
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import ast
from .errors import (
    MAX_DIAGNOSTICS,
    DataError,
    Diagnostic,
    LeadRulesError,
    UsageError,
    not_text,
    not_utf8,
    suggest,
)
from .explain import Explainer
from .memory import MemoryStore
from .output import plural, terminal_text
from .rule_diff import SCORE_TOLERANCE, same_score
from .schema import EVENT_LEAD_KEY, LEAD_KEY
from .toml_positions import Path as KeyPath
from .toml_positions import Position, decode_error, locate, positions, source_line
from .values import describe, normalizer

if TYPE_CHECKING:
    from .api import Rules
    from .dates import TimeContext

KINDS = ("in", "not_in", "score", "grade", "tier", "stage")
"""The keys of a test's ``expect`` table."""

_FILE_KEYS = ("as_of", "timezone", "test")
_TEST_KEYS = ("name", "as_of", "timezone", "lead", "events", "expect")
# ------------------------------------------------------------------ results


@attrs.frozen
class Expectation:
    """One expected answer of a test: ``kind`` (one of :data:`KINDS`), the
    declaration ``name`` and the ``expected`` value, with where it is written.

    ``expected`` is True for ``in`` / ``not_in``; a number or a ``(min, max)``
    pair (either may be None) for ``score``; a letter for ``grade``; a tier or
    stage name, or None for "none", for ``tier`` and ``stage``."""

    kind: str
    name: str
    expected: Any
    file: str
    line: int | None = None
    column: int | None = None

    def describe(self) -> str:
        """The expectation in words: ``tier follow_up = hot``."""
        if self.kind == "in":
            return f"in segment {self.name}"
        if self.kind == "not_in":
            return f"not in segment {self.name}"
        if self.kind == "score":
            if isinstance(self.expected, tuple):
                low, high = self.expected
                if high is None:
                    return f"score {self.name} >= {number_text(low)}"
                if low is None:
                    return f"score {self.name} <= {number_text(high)}"
                return f"score {self.name} between {number_text(low)} and {number_text(high)}"
            return f"score {self.name} = {number_text(self.expected)}"
        none = {"tier": "no tier", "stage": "no stage"}
        if self.expected is None:
            return f"{none[self.kind]} in {self.name}"
        return f"{self.kind} {self.name} = {self.expected}"

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


@attrs.frozen
class Failure:
    """An expectation that did not hold: what came instead, and why."""

    expectation: Expectation
    got: str
    explanation: str

    @property
    def message(self) -> str:
        return f"expected {self.expectation.describe()}, got {self.got}"

    def to_dict(self) -> dict[str, Any]:
        e = self.expectation
        return {"kind": e.kind, "name": e.name, "expected": e.describe(), "got": self.got,
                "message": self.message, "file": e.file, "line": e.line,
                "explanation": self.explanation}


@attrs.frozen
class CaseResult:
    """One ``[[test]]`` of a test file, run."""

    file: str
    name: str
    line: int | None
    lead_id: str
    as_of: datetime
    expectations: int
    failures: tuple[Failure, ...]
    seconds: float

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "name": self.name,
                "lead_id": self.lead_id, "as_of": self.as_of.isoformat(),
                "passed": self.passed, "expectations": self.expectations,
                "failures": [f.to_dict() for f in self.failures]}


@attrs.frozen
class TestReport:
    """Every test case run, in file order; ``ok`` when none failed."""

    __test__ = False  # not a pytest test class, despite the name

    cases: tuple[CaseResult, ...]

    @property
    def passed(self) -> int:
        return sum(1 for c in self.cases if c.passed)

    @property
    def failed(self) -> int:
        return len(self.cases) - self.passed

    @property
    def ok(self) -> bool:
        return self.failed == 0

    @property
    def failures(self) -> list[Failure]:
        return [f for c in self.cases for f in c.failures]

    def summary(self) -> str:
        return f"{plural(len(self.cases), 'test')}: {self.passed} passed, {self.failed} failed"

    def render(self) -> str:
        """One line per test (``ok`` / ``FAIL``), each failure with its line and
        the explanation of the lead, then the counts."""
        out: list[str] = []
        for case in self.cases:
            if case.passed:
                out.append(f"ok    {case.where}: {case.name}")
                continue
            out.append(f"FAIL  {case.where}: {case.name} (lead {case.lead_id}, "
                       f"as of {case.as_of.isoformat()})")
            for failure in case.failures:
                out.append(f"  {failure.expectation.where}: {failure.message}")
                out.extend("      " + line for line in failure.explanation.splitlines())
        out.append(self.summary())
        # Test names, lead ids and the values in messages come from the test files
        # and the data: shown escaped, as every text renderer shows data.
        return "\n".join(terminal_text(line) for line in out)

    def __str__(self) -> str:
        return self.render()

    def to_dict(self) -> dict[str, Any]:
        return {"tests": len(self.cases), "passed": self.passed, "failed": self.failed,
                "cases": [c.to_dict() for c in self.cases]}

    def to_junit(self) -> str:
        """JUnit XML (one ``testsuite`` per file, one ``testcase`` per test; a
        ``failure`` per failing test holding every failed expectation), as CI
        systems read it."""
        root = ET.Element("testsuites", name="leadrules", tests=str(len(self.cases)),
                          failures=str(self.failed), errors="0",
                          time=_seconds(sum(c.seconds for c in self.cases)))
        files: dict[str, list[CaseResult]] = {}
        for case in self.cases:
            files.setdefault(case.file, []).append(case)
        for file, cases in files.items():
            suite = ET.SubElement(root, "testsuite", name=file, tests=str(len(cases)),
                                  failures=str(sum(1 for c in cases if not c.passed)),
                                  errors="0", skipped="0",
                                  time=_seconds(sum(c.seconds for c in cases)))
            for case in cases:
                element = ET.SubElement(suite, "testcase", name=case.name,
                                        classname=Path(file).stem, file=file,
                                        time=_seconds(case.seconds))
                if case.line is not None:
                    element.set("line", str(case.line))
                if case.failures:
                    first = case.failures[0]
                    failure = ET.SubElement(element, "failure", type="expectation",
                                            message=f"{first.expectation.where}: {first.message}")
                    failure.text = "\n".join(
                        f"{f.expectation.where}: {f.message}\n{f.explanation}"
                        for f in case.failures)
        for node in root.iter():  # a test's name or a value may hold any character
            node.attrib = {k: _xml_text(v) for k, v in node.attrib.items()}
            if node.text:
                node.text = _xml_text(node.text)
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
            root, encoding="unicode") + "\n"


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""The characters XML 1.0 cannot hold, even as a character reference."""


def _xml_text(text: str) -> str:
    """``text`` with each character XML 1.0 cannot hold written as its ``\\uXXXX``
    escape (a JUnit file with one is not XML: CI systems refuse it)."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _seconds(value: float) -> str:
    return f"{value:.3f}"


def number_text(value: float) -> str:
    """A score as people write it: ``65``, ``47.3612``."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


# ------------------------------------------------------------------ reading


@attrs.frozen
class _Case:
    file: str
    name: str
    line: int | None
    as_of: Any
    timezone: str | None
    lead: dict[str, Any]
    events: dict[str, list[dict[str, Any]]]
    expectations: tuple[Expectation, ...]


class _FileReader:
    """One test file read and checked against the rules; problems collected."""

    def __init__(self, rules: Rules, path: Path) -> None:
        self.rules = rules
        self.path = path
        self.file = str(path)
        self.text = ""
        self.where: dict[KeyPath, Position] = {}
        self.problems: list[Diagnostic] = []

    # -- problems --------------------------------------------------------------
    def problem(self, at: KeyPath, message: str, hint: str | None = None) -> None:
        if len(self.problems) >= MAX_DIAGNOSTICS:
            return
        line, column = locate(self.where, at) or (None, None)
        self.problems.append(Diagnostic(message, file=self.file, line=line, column=column,
                                        hint=hint, source_line=source_line(self.text, line),
                                        code="bad-test-file"))

    def position(self, at: KeyPath) -> tuple[int | None, int | None]:
        found = locate(self.where, at)
        return found if found is not None else (None, None)

    # -- the file --------------------------------------------------------------
    def read(self) -> list[_Case]:
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            raise UsageError([Diagnostic(f"cannot read test file: {exc.strerror or exc}",
                                         self.file, code="unreadable-file")]) from None
        binary = not_text(raw, self.file, what="the test file", code="bad-test-file")
        if binary is not None:
            self.problems.append(binary)
            return []
        try:
            self.text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            d = not_utf8(raw, exc, self.file)
            self.problems.append(attrs.evolve(
                d, message=d.message.replace("the rules file", "the test file"),
                code="bad-test-file"))
            return []
        try:
            data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            self._toml_error(exc)
            return []
        self.where = positions(self.text)
        cases = self._document(data)
        self.problems.sort(key=lambda d: (d.line or 0, d.column or 0))
        return cases

    def _toml_error(self, exc: tomllib.TOMLDecodeError) -> None:
        message, line, column = decode_error(str(exc))
        self.problems.append(Diagnostic(
            f"not valid TOML: {message}", file=self.file, line=line,
            column=column, source_line=source_line(self.text, line), code="bad-test-file",
            hint="a test file is TOML (https://toml.io): see docs/testing.md"))

    def _unknown_keys(self, table: Mapping[str, Any], allowed: Sequence[str], at: KeyPath,
                      what: str) -> None:
        for key in table:
            if key not in allowed:
                hint = _KEY_HINTS.get(key) if what == "expect" else None
                self.problem((*at, key), f"unknown key {key!r} in {what}",
                             hint or suggest(key, allowed)
                             or f"the keys are {', '.join(allowed)}")

    def _document(self, data: dict[str, Any]) -> list[_Case]:
        self._unknown_keys(data, _FILE_KEYS, (), "a test file")
        tests = data.get("test")
        if tests is None:
            self.problem((), "no tests in the file",
                         "write each test as a [[test]] table (docs/testing.md)")
            return []
        if not isinstance(tests, list) or not all(isinstance(t, dict) for t in tests):
            self.problem(("test",), "'test' must be an array of tables",
                         "write each test as a [[test]] table")
            return []
        timezone = self._known_timezone(self._timezone(data, ()), ("timezone",))
        cases = []
        for index, test in enumerate(tests):
            case = self._case(index, test, data.get("as_of"), timezone)
            if case is not None:
                cases.append(case)
        return cases

    def _timezone(self, table: Mapping[str, Any], at: KeyPath) -> str | None:
        tz = table.get("timezone")
        if tz is None:
            return None
        if not isinstance(tz, str):
            self.problem((*at, "timezone"), f"timezone must be text, not {describe(tz)}",
                         'e.g. timezone = "Asia/Tokyo"')
            return None
        return tz

    def _case(self, index: int, test: dict[str, Any], file_as_of: Any,
              file_timezone: str | None) -> _Case | None:
        at: KeyPath = ("test", index)
        before = len(self.problems)
        self._unknown_keys(test, _TEST_KEYS, at, "a test")
        name = test.get("name", f"test {index + 1}")
        if not isinstance(name, str) or not name:
            self.problem((*at, "name"), f"a test's name must be text, not {describe(name)}")
            name = f"test {index + 1}"
        timezone = self._timezone(test, at)
        if timezone is not None:
            timezone = self._known_timezone(timezone, (*at, "timezone"))
        elif file_timezone is not None:
            timezone = file_timezone
        as_of_at: KeyPath = (*at, "as_of") if "as_of" in test else ("as_of",)
        as_of = test.get("as_of", file_as_of)
        if as_of is None:
            self.problem(at, f"test {name!r} has no as_of",
                         "give as_of at the top of the file or in the test (a test must not "
                         "depend on the time it runs), e.g. as_of = 2026-11-20T09:00:00Z")
        else:
            self._check_as_of(as_of, as_of_at, timezone)
        raw_lead = test.get("lead", {})
        lead = self._lead(raw_lead, (*at, "lead"), name)
        lead_id = lead[LEAD_KEY] if lead else (
            raw_lead.get(LEAD_KEY) if isinstance(raw_lead, dict) else None) or name
        events = self._events(test.get("events", {}), (*at, "events"), str(lead_id))
        expectations = self._expectations(test.get("expect"), (*at, "expect"), name)
        if len(self.problems) > before or lead is None or events is None:
            return None
        line, _ = self.position(at)
        return _Case(self.file, name, line, as_of, timezone, lead, events, expectations)

    def _check_as_of(self, as_of: Any, at: KeyPath, timezone: str | None) -> None:
        if not isinstance(as_of, str | datetime | date):
            self.problem(at, f"as_of must be a date or a date-time, not {describe(as_of)}",
                         "e.g. as_of = 2026-11-20T09:00:00Z")
            return
        try:
            self.rules.time_context(as_of, timezone)
        except UsageError:
            self.problem(at, f"as_of {describe(as_of)} is not an ISO-8601 date or date-time",
                         "e.g. as_of = 2026-11-20T09:00:00Z (a TOML date-time)")

    def _known_timezone(self, timezone: str | None, at: KeyPath) -> str | None:
        """``timezone`` if the evaluation can use it, else None (and a problem)."""
        if timezone is None:
            return None
        try:
            self.rules.time_context("2026-01-01", timezone)
        except UsageError:
            self.problem(at, f"unknown time zone {timezone!r}",
                         'give an IANA time zone name, e.g. timezone = "Asia/Tokyo"')
            return None
        return timezone

    # -- the lead and its events -------------------------------------------------
    def _lead(self, lead: Any, at: KeyPath, name: str) -> dict[str, Any] | None:
        if not isinstance(lead, dict):
            self.problem(at, f"lead must be a table of lead fields, not {describe(lead)}",
                         'e.g. lead = { id = "L1", employees = 250 }')
            return None
        record = {LEAD_KEY: name, **lead}
        return self._normalize(self.rules.schema.lead, record, at, "lead")

    def _normalize(self, table: Any, record: dict[str, Any], at: KeyPath, what: str
                   ) -> dict[str, Any] | None:
        checker = normalizer(table)
        bad = False
        for key in checker.unknown_fields(record):
            bad = True
            hint = suggest(key, checker.field_names) or (
                f"declare it in the rules file (field {table.name}.{key} text), or run the "
                "tests with --data (data=) to use that data's fields")
            self.problem((*at, key), f"unknown field {key!r} for {what}", hint)
        for key, problem in checker.problems(record):
            bad = True
            self.problem((*at, key), f"{what} field {key!r}: {problem.message}", problem.hint)
        return None if bad else checker.normalize(record)

    def _events(self, events: Any, at: KeyPath, lead_id: str
                ) -> dict[str, list[dict[str, Any]]] | None:
        if not isinstance(events, dict):
            self.problem(at, f"events must be a table of sources, not {describe(events)}",
                         'e.g. events.tracking = [{ occurred_at = 2026-11-18, path = "/" }]')
            return None
        schema = self.rules.schema
        out: dict[str, list[dict[str, Any]]] = {s: [] for s in schema.source_names}
        ok = True
        for source, records in events.items():
            table = schema.source(source)
            if table is None:
                self.problem((*at, source), f"unknown source {source!r}",
                             suggest(source, schema.source_names) or (
                                 f"declare it in the rules file (source {source} {{ … }})"))
                ok = False
                continue
            if not isinstance(records, list):
                self.problem((*at, source), f"events.{source} must be an array of tables, "
                             f"not {describe(records)}",
                             f"e.g. events.{source} = [{{ occurred_at = 2026-11-18 }}]")
                ok = False
                continue
            for index, event in enumerate(records):
                here = (*at, source, index)
                if not isinstance(event, dict):
                    self.problem(here, f"{source} event {index + 1} is {describe(event)}, "
                                 "not a table of fields")
                    ok = False
                    continue
                given = event.get(EVENT_LEAD_KEY)
                if given is not None and given != lead_id:
                    self.problem((*here, EVENT_LEAD_KEY), f"{source} event {index + 1} "
                                 f"belongs to lead {given!r}, not to this test's lead "
                                 f"{lead_id!r}", "leave lead_id out: events are the lead's")
                    ok = False
                    continue
                record = {EVENT_LEAD_KEY: lead_id, **event}
                normalized = self._normalize(table, record, here, f"{source} event")
                if normalized is None:
                    ok = False
                else:
                    out[source].append(normalized)
        return out if ok else None

    # -- expectations -------------------------------------------------------------
    def _expectations(self, expect: Any, at: KeyPath, name: str) -> tuple[Expectation, ...]:
        if expect is None:
            self.problem(at[:-1], f"test {name!r} expects nothing",
                         'add an expect table, e.g. expect.in = ["hot_leads"]')
            return ()
        if not isinstance(expect, dict):
            self.problem(at, f"expect must be a table, not {describe(expect)}")
            return ()
        before = len(self.problems)
        self._unknown_keys(expect, KINDS, at, "expect")
        out: list[Expectation] = []
        for kind in KINDS:
            if kind not in expect:
                continue
            value = expect[kind]
            if kind in ("in", "not_in"):
                out.extend(self._segments(kind, value, (*at, kind)))
                continue
            if not isinstance(value, dict):
                self.problem((*at, kind), f"expect.{kind} must be a table from names to "
                             f"values, not {describe(value)}",
                             f"e.g. expect.{kind} = {_EXAMPLES[kind]}")
                continue
            for decl, wanted in value.items():
                here = (*at, kind, decl)
                checked = self._value(kind, decl, wanted, here)
                if checked is not _BAD:
                    out.append(self._expectation(kind, decl, checked, here))
        both = ({e.name for e in out if e.kind == "in"}
                & {e.name for e in out if e.kind == "not_in"})
        for segment in sorted(both):  # a test that can never pass
            self.problem((*at, "not_in"), f"segment {segment!r} is in both expect.in and "
                         "expect.not_in: the test can never pass",
                         "keep it in the one the lead should be")
        if not out and len(self.problems) == before:
            self.problem(at, f"test {name!r} expects nothing",
                         'e.g. expect.in = ["hot_leads"]')
        # In the order they are written, so failures read top to bottom.
        return tuple(sorted(out, key=lambda e: (e.line or 0, e.column or 0)))

    def _expectation(self, kind: str, name: str, expected: Any, at: KeyPath) -> Expectation:
        line, column = self.position(at)
        return Expectation(kind, name, expected, self.file, line, column)

    def _segments(self, kind: str, value: Any, at: KeyPath) -> Iterator[Expectation]:
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list):
            self.problem(at, f"expect.{kind} must be a list of segment names, "
                         f"not {describe(value)}", f'e.g. expect.{kind} = ["hot_leads"]')
            return
        for index, segment in enumerate(names):
            here = at if isinstance(value, str) else (*at, index)
            if self._declared("segment", segment, here):
                yield self._expectation(kind, segment, True, here)

    def _declared(self, kind: str, name: Any, at: KeyPath) -> bool:
        """Whether ``name`` is a declaration of ``kind`` in the rules (else a problem)."""
        if not isinstance(name, str):
            self.problem(at, f"a {kind} name is text, not {describe(name)}")
            return False
        found = self.rules.kind_of(name)
        if found == kind or (kind == "scoring" and name == "default"):
            return True
        names = [n for n in self.rules.names if self.rules.kind_of(n) == kind]
        if found is not None:
            self.problem(at, f"{name!r} is {_A[found]}, not {_A[kind]}",
                         f"expect.{_KIND_KEYS[found]} tests {_A[found]}")
        else:
            hint = suggest(name, names) or (
                f"the rules have {', '.join(names)}" if names else f"the rules have no {kind}")
            self.problem(at, f"no {_NAMED[kind]} named {name!r} in the rules", hint)
        return False

    def _value(self, kind: str, name: str, wanted: Any, at: KeyPath) -> Any:
        if kind == "score":
            if not self._declared("scoring", name, at):
                return _BAD
            return self._score(wanted, at)
        if kind == "grade":
            if not self._declared("grading", name, at):
                return _BAD
            if wanted not in ast.GRADES:
                self.problem(at, f"{describe(wanted)} is not a grade",
                             suggest(str(wanted), ast.GRADES)
                             or f"grades are {' '.join(ast.GRADES)}")
                return _BAD
            return wanted
        if kind == "tier":
            if not self._declared("tiers", name, at):
                return _BAD
            decl = self.rules.program.tiers_named(name)
            assert decl is not None
            labels = [t.name for t in decl.tiers if t.name != "exclude"]
            return self._label(wanted, labels, f"a tier of {name}", at)
        if not self._declared("funnel", name, at):
            return _BAD
        return self._label(wanted, list(self.rules.funnel(name).stage_names),
                           f"a stage of {name}", at)

    def _label(self, wanted: Any, labels: Sequence[str], what: str, at: KeyPath) -> Any:
        if wanted is False:
            return None
        if wanted not in labels:
            self.problem(at, f"{describe(wanted)} is not {what}",
                         (suggest(str(wanted), labels) or f"write one of {', '.join(labels)}")
                         + " (or false for none)")
            return _BAD
        return wanted

    def _score(self, wanted: Any, at: KeyPath) -> Any:
        if _is_number(wanted):
            return wanted
        if isinstance(wanted, dict) and wanted and set(wanted) <= {"min", "max"} and all(
                _is_number(v) for v in wanted.values()):
            low, high = wanted.get("min"), wanted.get("max")
            if low is not None and high is not None and low > high:
                self.problem(at, f"min {low} is above max {high}: no score is between them",
                             f"e.g. {{ min = {high}, max = {low} }}")
                return _BAD
            return (low, high)
        self.problem(at, f"an expected score is a number or {{ min = …, max = … }}, "
                     f"not {describe(wanted)}", "e.g. 65, or { min = 50 }")
        return _BAD


_BAD = object()
# Words people reach for in an expect table, and where they belong.
_KEY_HINTS = {
    "segment": "segments go in expect.in (or expect.not_in): expect.in = [\"hot_leads\"]",
    "segments": "segments go in expect.in (or expect.not_in): expect.in = [\"hot_leads\"]",
    "out": "did you mean 'not_in'?",
    "not": "did you mean 'not_in'?",
    "funnel": "did you mean 'stage'? (expect.stage.FUNNEL = \"STAGE\")",
    "scoring": "did you mean 'score'? (expect.score.MODEL = 65)",
    "grading": "did you mean 'grade'? (expect.grade.PROFILE = \"B\")",
}
_EXAMPLES = {"score": "{ default = 65 }", "grade": '{ fit = "B" }',
             "tier": '{ follow_up = "hot" }', "stage": '{ pipeline = "qualified" }'}
_NAMED = {"segment": "segment", "scoring": "scoring model", "grading": "grading profile",
          "tiers": "tiers", "funnel": "funnel"}
_A = {"segment": "a segment", "scoring": "a scoring model", "grading": "a grading profile",
      "tiers": "a tiers declaration", "funnel": "a funnel"}
_KIND_KEYS = {"segment": "in", "scoring": "score", "grading": "grade", "tiers": "tier",
              "funnel": "stage"}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(
        value)


def test_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The test files: each path itself, or a folder's ``*.toml`` files (recursively,
    sorted)."""
    out: list[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(p.rglob("*.toml"))
            if not found:
                raise UsageError([Diagnostic(f"no *.toml test files in {p}", str(p),
                                             code="unreadable-file")])
            out.extend(found)
        else:
            out.append(p)
    if not out:
        raise UsageError("no test files given")
    return out


test_files.__test__ = False  # type: ignore[attr-defined]


# ------------------------------------------------------------------ running


def run_tests(rules: Rules, paths: Iterable[str | os.PathLike[str]]) -> TestReport:
    """Read every test file (all problems of all files raise one :class:`DataError`),
    then run every test."""
    cases: list[_Case] = []
    problems: list[Diagnostic] = []
    for path in test_files(paths):
        reader = _FileReader(rules, path)
        cases.extend(reader.read())
        problems.extend(reader.problems)
    if problems:
        raise DataError(problems)
    return TestReport(tuple(_run(rules, case) for case in cases))


run_tests.__test__ = False  # type: ignore[attr-defined]


def _run(rules: Rules, case: _Case) -> CaseResult:
    started = time.perf_counter()
    tc = rules.time_context(case.as_of, case.timezone)
    lead_id = case.lead[LEAD_KEY]
    store = MemoryStore.from_normalized(rules.schema, [case.lead], case.events)
    runner = _CaseRunner(rules, store, tc, case)
    failures = tuple(f for e in case.expectations if (f := runner.check(e)) is not None)
    return CaseResult(case.file, case.name, case.line, lead_id, tc.as_of,
                      len(case.expectations), failures, time.perf_counter() - started)


class _CaseRunner:
    """Evaluates one test's lead through the public handles, as the commands do."""

    def __init__(self, rules: Rules, store: MemoryStore, tc: TimeContext, case: _Case) -> None:
        self.rules = rules
        self.store = store
        self.tc = tc
        self.lead = case.lead
        self.lead_id: str = case.lead[LEAD_KEY]
        self.events = store.events_of(self.lead_id)
        self.exists = not (case.lead.get("created_at") is not None
                           and case.lead["created_at"] > tc.as_of)

    def check(self, e: Expectation) -> Failure | None:
        got, ok = self.answer(e)
        if ok:
            return None
        return Failure(e, got, self.explain(e))

    def answer(self, e: Expectation) -> tuple[str, bool]:
        as_of = self.tc.as_of
        tz = self.tc.tz
        timezone = getattr(tz, "key", None) or str(tz)
        # A lead created after as_of does not exist yet: it has no score, grade, tier
        # or stage, so `false` (no tier, no stage) holds and any score or grade fails.
        missing = "nothing (the lead was created after as_of)"
        if e.kind in ("in", "not_in"):
            inside = self.lead_id in self.rules.segment(e.name).select(
                self.store, as_of, timezone=timezone)
            got = "in the segment" if inside else "not in the segment"
            return got, inside == (e.kind == "in")
        if e.kind == "score":
            table = self.rules.scoring(e.name).score(self.store, as_of, timezone=timezone)
            if not table.rows:
                return missing, False
            score = float(table.rows[0][1])
            return number_text(score), _score_ok(score, e.expected)
        if e.kind == "grade":
            table = self.rules.grading(e.name).grade(self.store, as_of, timezone=timezone)
            if not table.rows:
                return missing, False
            return str(table.rows[0][1]), table.rows[0][1] == e.expected
        if e.kind == "tier":
            table = self.rules.tiers(e.name).assign(self.store, as_of, timezone=timezone)
            if not table.rows:
                return missing, e.expected is None
            _, tier, reason = table.rows[0]
            return (str(tier) if tier is not None else f"no tier ({reason})"), tier == e.expected
        if e.kind == "stage":
            depths = self.rules.funnel(e.name).depths(self.store, as_of, timezone=timezone)
            if self.lead_id not in depths:
                return missing, e.expected is None
            depth = depths[self.lead_id]
            stage = self.rules.funnel(e.name).stage_names[depth] if depth >= 0 else None
            return (stage or "no stage"), stage == e.expected
        raise AssertionError(e.kind)

    def explain(self, e: Expectation) -> str:
        """The explanation of the lead for the expectation's declaration."""
        as_of = self.tc.as_of
        try:
            if e.kind in ("in", "not_in"):
                return self.rules.segment(e.name).explain(
                    self.lead, as_of, events=self.events).render()
            if not self.exists:
                return f"lead {self.lead_id} was created {self.lead['created_at'].isoformat()}"
            if e.kind == "score":
                return self.rules.scoring(e.name).explain(
                    self.lead, as_of, events=self.events).render()
            if e.kind == "grade":
                return self.rules.grading(e.name).explain(
                    self.lead, as_of, events=self.events).render()
            if e.kind == "tier":
                return self._tiers(e.name)
            return self._stages(e.name)
        except LeadRulesError as exc:  # pragma: no cover - the answer was computed above
            return exc.render()

    def _tiers(self, name: str) -> str:
        """``explain`` of the tiers, then of the models it uses."""
        decl = self.rules.program.tiers_named(name)
        assert decl is not None
        as_of = self.tc.as_of
        parts = [self.rules.tiers(name).explain(self.lead, as_of, events=self.events).render()]
        for model in decl.using:
            if self.rules.program.scoring(model) is None:
                parts.append(self.rules.grading(model).explain(
                    self.lead, as_of, events=self.events).render())
            else:
                parts.append(self.rules.scoring(model).explain(
                    self.lead, as_of, events=self.events).render())
        return "\n".join(parts)

    def _stages(self, name: str) -> str:
        funnel = self.rules.funnel(name)
        explainer = Explainer(self.rules.program, self.tc)
        parts = []
        window = funnel.ast.ordered_within
        if window is not None:
            # The events each stage's block selects; the chain search (order,
            # window, exclusions) decides which of them count.
            parts.append(f"{funnel.ast.order} within {window.amount} {window.unit}: a stage "
                         "counts with its own event after the previous stage's, inside the "
                         "window from the first; each stage's events:")
        for stage in funnel.ast.stages:
            if stage.condition is None:
                parts.append(f"✓ {stage.name}: all")
                continue
            why = explainer.expr(stage.condition, self.lead, self.events)
            parts.append(attrs.evolve(why, label=stage.name).render())
        return "\n".join(parts)


def _score_ok(score: float, expected: Any) -> bool:
    if isinstance(expected, tuple):
        low, high = expected
        return (low is None or score >= low - SCORE_TOLERANCE) and (
            high is None or score <= high + SCORE_TOLERANCE)
    return same_score(score, expected)
