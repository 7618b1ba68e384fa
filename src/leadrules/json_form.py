"""The JSON form of a rules file: the syntax tree as plain data, for UI builders.

A document is ``{"format": "leadrules.rules", "version": 1, "declarations":
[...]}``; every node of :mod:`leadrules.ast` is an object with a ``kind`` (the
class name in snake case: ``field_test``, ``event_block``) and one member per
field of the class, named as the field.  The form is derived from the attrs
classes and their type annotations, so every node class is covered by
construction (``tests/test_json_form.py`` also checks that every class of
:mod:`leadrules.ast` is reached from the document).  Positions, comments and
other fields that take no part in a node's equality are not part of it.

:func:`encode` gives the document of a tree, :func:`decode` the tree of a
document (a bad document raises :class:`~leadrules.errors.ParseError` naming
the JSON path, e.g. ``$.declarations[0].blocks[1].expr``), :func:`json_schema`
the JSON Schema of version 1, shipped as ``rules.schema.json`` beside this
module.  docs/json.md documents the form.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import math
import re
import sys
import textwrap
import types
import typing
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, Union

import attrs

from . import ast
from .errors import Diagnostic, ParseError, nearest
from .format import format_rules
from .json_keys import repeated
from .parse import parse
from .schema import DEFAULT_SCHEMA, FieldType

FORMAT = "leadrules.rules"
"""The ``format`` member of every document."""

VERSION = 1
"""The version of the form this leadrules writes and reads."""

SCHEMA_PATH = Path(__file__).with_name("rules.schema.json")
"""The JSON Schema of the form, shipped with the package."""

SCHEMA_ID = "urn:leadrules:rules:1"

NodeClass = type[Any]

# The unions of ast.py that get a name in the schema ("$defs").
_UNIONS: tuple[tuple[str, object], ...] = (
    ("declaration", ast.Declaration), ("expr", ast.Expr), ("test", ast.Test),
    ("quantifier", ast.Quantifier), ("value", ast.Value))

# Strings that are free text (anything without a line break); block labels
# (digits without leading zeros, as the text reads them back, or a name); score
# rule labels (digits or a name); grade letters.  Every other string field of
# the tree is a name: non-empty, not digits only (the text reads digits as a
# number), no backquote or line break (the text writes any other name, in
# backquotes when it needs them).  No string holds a NUL character (no rules
# file does: it would not be a text file) or a lone surrogate (not Unicode text,
# and not writable as UTF-8).
_FREE_TEXT = frozenset({("Text", "value"), ("TimezoneDecl", "name"), ("*", "title")})
_BLOCK_LABELS = frozenset({("Block", "label"), ("LabelRef", "label")})
_RULE_LABELS = frozenset({("ScoreRule", "label")})
_GRADE_FIELDS = frozenset({("GradeTest", "letter"), ("Grading", "start")})
# Lists the language cannot write shorter.
_MIN_ITEMS = {("And", "items"): 2, ("Or", "items"): 2, ("EventBlock", "quantifiers"): 1,
              ("InList", "values"): 1}

# What no string may hold, what no name may hold, and what no name or block label
# may be (the patterns are the schema's too, so they are written for both
# Python's re and ECMA 262: no \A, \Z or possessive forms).
_NOT_TEXT = r"[\r\n\x00\ud800-\udfff]"
_NOT_NAME = r"[`\r\n\x00\ud800-\udfff]"
_DIGITS = r"^[0-9]+$"
_LEADING_ZERO = r"^0[0-9]+$"
# A day of the Gregorian calendar, 0001-01-01 to 9999-12-31 (29 February of leap
# years only), as Python's date reads it.
_LEAP = "0[48]|[2468][048]|[13579][26]"
_DAY_OF_YEAR = (r"(?!0000)[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
                r"|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
                f"|(?:[0-9]{{2}}(?:{_LEAP})|(?:{_LEAP})00)-02-29")
_FRACTION = re.compile(r"[+-]?[0-9]+(/0*[1-9][0-9]*)?")
_DATE = re.compile(f"(?:{_DAY_OF_YEAR})")
_DATETIME = re.compile(f"(?:{_DAY_OF_YEAR})T(?:[01][0-9]|2[0-3]):[0-5][0-9]"
                       r"(:[0-5][0-9](\.[0-9]+)?)?(Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?")
_FLOAT_MAX = sys.float_info.max  # a bigger JSON number is no 64-bit float: the text refuses it


def kind_of(cls: NodeClass) -> str:
    """The ``kind`` of a node class: its name in snake case (``EventBlock`` ->
    ``event_block``)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


# ------------------------------------------------------------ the node classes


@attrs.frozen
class _Member:
    name: str
    hint: Any
    required: bool
    owner: str
    default: Any


def _strip_none(hint: Any) -> tuple[Any, bool]:
    """``X | None`` -> (X, True); ``X`` -> (X, False)."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = typing.get_args(hint)
        if type(None) in args:
            rest = tuple(a for a in args if a is not type(None))
            return (rest[0] if len(rest) == 1 else Union[rest]), True  # noqa: UP007
    return hint, False


_MEMBERS: dict[NodeClass, tuple[_Member, ...]] = {}


def members(cls: NodeClass) -> tuple[_Member, ...]:
    """The JSON members of a node class: its fields that take part in equality."""
    known = _MEMBERS.get(cls)
    if known is None:
        known = _MEMBERS[cls] = _members(cls)
    return known


def _members(cls: NodeClass) -> tuple[_Member, ...]:
    hints = typing.get_type_hints(cls)
    out = []
    for f in attrs.fields(cls):
        if not f.eq:
            continue  # positions, `parenthesized`, comments: not part of the value
        _, nullable = _strip_none(hints[f.name])
        required = f.default is attrs.NOTHING and not nullable
        out.append(_Member(f.name, hints[f.name], required, cls.__name__, f.default))
    return tuple(out)


def _union_classes(hint: Any) -> tuple[NodeClass, ...] | None:
    """The node classes of a union of node classes (None for other hints)."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = typing.get_args(hint)
        if all(attrs.has(a) for a in args):
            return tuple(args)
    return None


def node_classes() -> tuple[NodeClass, ...]:
    """Every node class a document can hold, reached from the declarations."""
    seen: dict[NodeClass, None] = {}

    def visit(hint: Any) -> None:
        hint, _ = _strip_none(hint)
        classes = _union_classes(hint)
        if classes is not None:
            for c in classes:
                visit(c)
        elif attrs.has(hint):
            if hint in seen:
                return
            seen[hint] = None
            for m in members(hint):
                visit(m.hint)
        else:
            for arg in typing.get_args(hint):
                if arg is not Ellipsis:
                    visit(arg)

    visit(ast.Declaration)
    return tuple(seen)


@functools.cache
def _by_kind() -> dict[str, NodeClass]:
    return {kind_of(c): c for c in node_classes()}


# ------------------------------------------------------------------- encoding


def encode(rule_file: ast.RuleFile) -> dict[str, Any]:
    """The JSON document (plain dicts, lists, strings, numbers) of a tree."""
    return {"format": FORMAT, "version": VERSION,
            "declarations": [_encode(d) for d in rule_file.declarations]}


def _encode(value: Any) -> Any:
    if attrs.has(type(value)):
        out: dict[str, Any] = {"kind": kind_of(type(value))}
        for m in members(type(value)):
            out[m.name] = _encode(getattr(value, m.name))
        return out
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, dt.date):  # a datetime too
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"no JSON form for {value!r}")  # pragma: no cover - every field type


# ------------------------------------------------------------------- decoding


class _Bad(Exception):
    def __init__(self, path: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.path, self.message, self.hint = path, message, hint


def decode(document: Any, *, file: str | None = None) -> ast.RuleFile:
    """The tree of a JSON document (parsed JSON: dicts, lists, …).

    Raises :class:`ParseError` naming the JSON path of the first problem: not a
    document of this form, a version this leadrules does not read, an unknown
    ``kind`` or member, a missing member, a value of the wrong type.
    """
    try:
        return _document(document)
    except _Bad as bad:
        raise ParseError([Diagnostic(f"{bad.path}: {bad.message}", file, hint=bad.hint,
                                     code="bad-json-rules")]) from None
    except RecursionError:
        raise ParseError([_too_deep(file)]) from None


def _too_deep(file: str | None) -> Diagnostic:
    return Diagnostic("$: the document is nested too deeply", file,
                      hint="split a deep condition into blocks or segments",
                      code="bad-json-rules")


def loads(text: str, *, file: str | None = None) -> ast.RuleFile:
    """The tree of a JSON document given as text; invalid JSON is a
    :class:`ParseError` at its line and column."""
    try:
        twice: list[bool] = []
        document = json.loads(text, parse_constant=_no_constant,
                              object_pairs_hook=functools.partial(_object, twice))
    except json.JSONDecodeError as exc:
        line = text.split("\n")[exc.lineno - 1] if text else ""
        raise ParseError([Diagnostic(f"not valid JSON: {exc.msg}", file, exc.lineno,
                                     exc.colno, source_line=line, code="bad-json")]) from None
    except RecursionError:
        raise ParseError([_too_deep(file)]) from None
    except ValueError as exc:
        raise ParseError([Diagnostic(f"not valid JSON: {exc}", file,
                                     code="bad-json")]) from None
    if twice and (found := repeated(text)) is not None:
        line = text.split("\n")[found.line - 1]
        raise ParseError([Diagnostic(
            f"the key {json.dumps(found.key, ensure_ascii=False)} appears twice in one object",
            file, found.line, found.column, source_line=line, code="bad-json",
            hint="keep one of them (a JSON reader keeps only the last)")])
    return decode(document, file=file)


def _object(twice: list[bool], pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, noting in ``twice`` when a key came twice."""
    out = dict(pairs)
    if len(out) < len(pairs):
        twice.append(True)
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _document(doc: Any) -> ast.RuleFile:
    if not isinstance(doc, Mapping):
        raise _Bad("$", f"expected an object, not {_what(doc)}",
                   f'a rules document is {{"format": "{FORMAT}", "version": {VERSION}, '
                   '"declarations": [...]}')
    if doc.get("format") != FORMAT:
        got = "no 'format'" if "format" not in doc else f"format {_show(doc['format'])}"
        raise _Bad("$.format", f"not a leadrules rules document ({got})",
                   f'a rules document has "format": "{FORMAT}"')
    version = doc.get("version")
    if version != VERSION or isinstance(version, bool):
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            hint = f"this leadrules reads version {VERSION}: upgrade leadrules"
        else:
            hint = f"this leadrules reads version {VERSION}"
        got = "no version" if "version" not in doc else f"version {_show(version)}"
        raise _Bad("$.version", f"unsupported {got}", hint)
    _unknown_members(doc, ("format", "version", "declarations"), "$")
    if "declarations" not in doc:
        raise _Bad("$", "missing member 'declarations'")
    decls = _list(doc["declarations"], "$.declarations")
    return ast.RuleFile(tuple(_value(d, ast.Declaration, f"$.declarations[{i}]", None)
                              for i, d in enumerate(decls)))


def _value(obj: Any, hint: Any, path: str, where: tuple[str, str] | None) -> Any:
    """``obj`` as a value of type ``hint``; ``where`` = (class, field) it is in."""
    inner, nullable = _strip_none(hint)
    if nullable:
        return None if obj is None else _value(obj, inner, path, where)
    classes = _union_classes(hint)
    if classes is not None:
        return _node(obj, classes, path)
    if attrs.has(hint):
        return _node(obj, (hint,), path)
    origin = typing.get_origin(hint)
    if origin is Literal:
        allowed = typing.get_args(hint)
        if obj not in allowed or not isinstance(obj, str):
            raise _Bad(path, f"expected one of {', '.join(map(_show, allowed))}, "
                       f"not {_show(obj)}", _did_you_mean(obj, allowed))
        return obj
    if origin is tuple:
        args = typing.get_args(hint)
        items = _list(obj, path)
        if len(args) == 2 and args[1] is Ellipsis:
            least = _MIN_ITEMS.get(where) if where else None
            if least is not None and len(items) < least:
                raise _Bad(path, f"expected at least {least} items, not {len(items)}")
            return tuple(_value(x, args[0], f"{path}[{i}]", None) for i, x in enumerate(items))
        if len(items) != len(args):
            raise _Bad(path, f"expected a list of {len(args)} items, not {len(items)}")
        return tuple(_value(x, a, f"{path}[{i}]", None)
                     for i, (x, a) in enumerate(zip(items, args, strict=True)))
    if hint is str:
        return _string(obj, path, where)
    if hint is bool:
        if not isinstance(obj, bool):
            raise _Bad(path, f"expected true or false, not {_what(obj)}")
        return obj
    if hint is int:  # an amount of units: the text writes 0 or more
        if isinstance(obj, float) and obj.is_integer():
            obj = int(obj)  # 3.0 is the integer 3 to JSON Schema too
        if not isinstance(obj, int) or isinstance(obj, bool) or obj < 0:
            raise _Bad(path, f"expected a whole number (0 or more), not {_what(obj)}")
        return obj
    if set(typing.get_args(hint)) == {int, float}:
        if not isinstance(obj, int | float) or isinstance(obj, bool) or (
                isinstance(obj, float) and not math.isfinite(obj)):
            raise _Bad(path, f"expected a number, not {_what(obj)}")
        if abs(obj) > _FLOAT_MAX:
            raise _Bad(path, f"the number {_digits(obj)} is out of range (numbers are 64-bit "
                       "floating point: at most about 1.8e308)")
        return obj
    if hint is Fraction:
        if not isinstance(obj, str) or not _FRACTION.fullmatch(obj):
            raise _Bad(path, f"expected a fraction as text (\"1\", \"-2/3\"), not {_what(obj)}")
        try:
            return Fraction(obj)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            raise _Bad(path, f"the fraction {_digits(obj)} has too many digits") from None
    if hint is dt.datetime:
        if not isinstance(obj, str) or not _DATETIME.fullmatch(obj):
            raise _Bad(path, f"expected a date and time (\"2026-03-31T09:00:00+09:00\"), "
                       f"not {_what(obj)}")
        try:
            return dt.datetime.fromisoformat(obj)
        except ValueError as exc:
            raise _Bad(path, f"not a date and time: {exc}") from None
    if hint is dt.date:
        if not isinstance(obj, str) or not _DATE.fullmatch(obj):
            raise _Bad(path, f"expected a date (\"2026-03-31\"), not {_what(obj)}")
        try:
            return dt.date.fromisoformat(obj)
        except ValueError as exc:
            raise _Bad(path, f"not a date: {exc}") from None
    if hint is FieldType:
        names = [t.value for t in FieldType]
        if obj not in names:
            raise _Bad(path, f"expected a field type ({', '.join(names)}), not {_show(obj)}",
                       _did_you_mean(obj, names))
        return FieldType(obj)
    raise TypeError(f"no JSON form for {hint!r}")  # pragma: no cover - every field type


def _string(obj: Any, path: str, where: tuple[str, str] | None) -> str:
    if not isinstance(obj, str):
        raise _Bad(path, f"expected a string, not {_what(obj)}")
    kind = _string_kind(where)
    if kind == "grade":
        if obj not in ast.GRADES:
            raise _Bad(path, f"expected a grade (A+ … F), not {_show(obj)}",
                       _did_you_mean(obj.upper(), ast.GRADES))
        return obj
    found = re.search(_NOT_TEXT if kind == "text" else _NOT_NAME, obj)
    if found is not None:
        what = "a string" if kind == "text" else "a name"
        raise _Bad(path, f"{what} cannot hold {_forbidden(found.group())}",
                   _NUL_HINT if found.group() == "\x00" else None)
    if kind == "text":
        return obj
    if not obj:
        raise _Bad(path, "a name cannot be empty")
    if kind == "name" and re.search(_DIGITS, obj):
        raise _Bad(path, f"a name cannot be digits only ({_show(obj)}): the text reads "
                   "digits as a number", f"rename it (e.g. {_show('n' + obj)})")
    if kind == "block label" and re.search(_LEADING_ZERO, obj):
        plain = obj.lstrip("0") or "0"
        raise _Bad(path, f"a label of digits has no leading zeros: the text reads "
                   f"{_show(obj)} as {_show(plain)}", f"write {_show(plain)}")
    return obj


def _forbidden(char: str) -> str:
    if char == "`":
        return "a backquote"
    if char in "\r\n":
        return "a line break"
    if char == "\x00":
        return "a NUL character (U+0000)"
    return f"a lone surrogate (U+{ord(char):04X}), which is not Unicode text"


_NUL_HINT = "no rules file holds one (it would not be a text file), nor does any data"


def _string_kind(where: tuple[str, str] | None) -> str:
    if where is None:
        return "name"
    if where in _GRADE_FIELDS:
        return "grade"
    if where in _FREE_TEXT or ("*", where[1]) in _FREE_TEXT:
        return "text"
    if where in _BLOCK_LABELS:
        return "block label"
    if where in _RULE_LABELS:
        return "rule label"
    return "name"


def _node(obj: Any, classes: tuple[NodeClass, ...], path: str) -> Any:
    kinds = [kind_of(c) for c in classes]
    if not isinstance(obj, Mapping):
        raise _Bad(path, f"expected an object ({_kinds(kinds)}), not {_what(obj)}")
    if "kind" not in obj:
        raise _Bad(path, f"missing member 'kind' ({_kinds(kinds)})")
    kind = obj["kind"]
    if kind not in kinds:
        known = _by_kind()
        if isinstance(kind, str) and kind in known:
            raise _Bad(f"{path}.kind", f"a {kind} cannot stand here; expected "
                       f"{_kinds(kinds)}")
        raise _Bad(f"{path}.kind", f"unknown kind {_show(kind)}; expected {_kinds(kinds)}",
                   _did_you_mean(kind, kinds))
    cls = classes[kinds.index(kind)]
    fields = members(cls)
    _unknown_members(obj, ("kind", *(m.name for m in fields)), path)
    args: dict[str, Any] = {}
    for m in fields:
        if m.name not in obj:
            if m.required:
                raise _Bad(path, f"missing member '{m.name}' of {kind}")
            if m.default is attrs.NOTHING:
                args[m.name] = None  # a member that admits null, left out
            continue
        args[m.name] = _value(obj[m.name], m.hint, f"{path}.{m.name}", (m.owner, m.name))
    node = cls(**args)
    _refuse_unwritable(node, path)
    return node


# Where the text has no words for a tree the classes allow.  json_schema() says
# the same in _REFINEMENTS; tests/test_json_form_agreement.py holds them together.
_FIELDLESS = ("count", "first", "last")  # `count >= 3`, `last within 7 days`: no field


def _refuse_unwritable(node: Any, path: str) -> None:
    if isinstance(node, ast.EventBlock) and node.conditions is None and node.mode == "any":
        raise _Bad(f"{path}.mode", 'an event block without conditions has mode "all" '
                   '(the text writes "any" only before braces)',
                   'give it "conditions" (a list, [] for none) or make the mode "all"')
    if isinstance(node, ast.LeadBlock | ast.EventBlock):
        for i, cond in enumerate(node.conditions or ()):
            _no_bare_exists(cond, f"{path}.conditions[{i}]")
    elif isinstance(node, ast.Exclusion):
        _exclusion_block(node.block, f"{path}.block")
    elif isinstance(node, ast.Aggregate):
        _aggregate(node, path)
    elif isinstance(node, ast.ScoreTest) and (isinstance(node.test, ast.IsTrue)
                                              or node.test == ast.Present()):
        raise _Bad(f"{path}.test", f"a score is compared, not {kind_of(type(node.test))}: "
                   "the text has no such test", "e.g. `score >= 50`: a compare test")
    elif isinstance(node, ast.Funnel) and node.ordered_within is None \
            and node.order != "ordered":
        raise _Bad(f"{path}.order", f"a funnel {node.order} needs 'ordered_within' (the "
                   f"text writes `{node.order} within N UNIT`)")


def _exclusion_block(block: ast.EventBlock, path: str) -> None:
    if block.quantifiers != (ast.AnyEvent(),):
        raise _Bad(f"{path}.quantifiers", "the block of an exclusion has no quantifiers: "
                   'they are [{"kind": "any_event"}]',
                   "an exclusion selects events; `exclude: BLOCK between A and B`")
    if block.per is not None:
        raise _Bad(f"{path}.per", "the block of an exclusion has no 'per'")


def _aggregate(node: ast.Aggregate, path: str) -> None:
    if (node.field is None) != (node.func in _FIELDLESS):
        raise _Bad(f"{path}.field", f"{node.func} takes no field (`{node.func} >= 3`)"
                   if node.func in _FIELDLESS else
                   f"{node.func} takes a field (`{node.func} duration > 60`)")
    if isinstance(node.test, ast.IsTrue):
        raise _Bad(f"{path}.test", "an aggregate is compared, not true or false: "
                   "is_true cannot stand here", "e.g. `count >= 3`: a compare test")


def _no_bare_exists(expr: Any, path: str) -> None:
    """Refuse ``SOURCE exists`` (a bare event block) inside braces, where the
    text reads it as a test that the field SOURCE exists (not/and/or too)."""
    if isinstance(expr, ast.EventBlock) and expr.conditions is None \
            and expr.quantifiers == (ast.AnyEvent(),) and expr.per is None:
        raise _Bad(path, f"an event block `{expr.source} exists` cannot stand inside braces: "
                   f"the text reads it as a test that the field '{expr.source}' exists",
                   f'for that field, write {{"kind": "field_test", "field": '
                   f'{_show(expr.source)}, "test": {{"kind": "present"}}}}; for events, '
                   "put the block outside the braces")
    if isinstance(expr, ast.Not):
        _no_bare_exists(expr.item, f"{path}.item")
    elif isinstance(expr, ast.And | ast.Or):
        for i, item in enumerate(expr.items):
            _no_bare_exists(item, f"{path}.items[{i}]")


def _kinds(kinds: list[str]) -> str:
    return kinds[0] if len(kinds) == 1 else "one of " + ", ".join(kinds)


def _unknown_members(obj: Mapping[str, Any], allowed: tuple[str, ...], path: str) -> None:
    for key in obj:
        if key not in allowed:
            raise _Bad(f"{path}.{key}", f"unknown member {_show(key)}",
                       _did_you_mean(key, allowed))


def _list(obj: Any, path: str) -> list[Any]:
    if not isinstance(obj, list):
        raise _Bad(path, f"expected a list, not {_what(obj)}")
    return obj


def _did_you_mean(got: Any, choices: typing.Iterable[str]) -> str | None:
    if not isinstance(got, str):
        return None
    near = nearest(got, choices)
    return f"did you mean '{near}'?" if near else None


def _show(v: Any) -> str:
    if isinstance(v, int) and not isinstance(v, bool):
        return _digits(v)
    return json.dumps(v, ensure_ascii=False) if isinstance(v, str | float | bool) or \
        v is None else _what(v)


def _digits(v: int | float | str) -> str:
    """A number as JSON writes it, cut short after 20 characters."""
    try:
        text = str(v)
    except ValueError:  # more digits than Python converts
        return "of thousands of digits"
    return text if len(text) <= 20 else text[:20] + "…"


def _what(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return f"the string {json.dumps(v, ensure_ascii=False)}"
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if math.isnan(v) else "an infinite number (out of range)"
    if isinstance(v, int | float):
        return f"the number {_digits(v)}"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, Mapping):
        return "an object"
    return type(v).__name__  # pragma: no cover - not from JSON


# ------------------------------------------------------------------ as text


def to_text(document: Any, *, file: str | None = None,
            sources: typing.Iterable[str] = ()) -> str:
    """The rules text (as ``leadrules fmt`` prints it) of a JSON document; see
    :func:`text_and_tree`."""
    return text_and_tree(document, file=file, sources=sources)[0]


def text_and_tree(document: Any, *, file: str | None = None,
                  sources: typing.Iterable[str] = ()) -> tuple[str, ast.RuleFile]:
    """The rules text (as ``leadrules fmt`` prints it) of a JSON document: a
    parsed document, or its JSON text.

    The text is read back and must give the same tree, so what a UI built is
    what the text says; a tree the text cannot say (it would read back
    differently) is a :class:`ParseError` naming the JSON path where the two
    first differ.  ``sources``:
    event sources besides those of the default schema and the document's own.
    Also gives the tree read back from the text, with its positions, named
    ``FILE (as text)``.
    """
    tree = loads(document, file=file) if isinstance(document, str) else decode(
        document, file=file)
    try:
        text = format_rules(tree)
    except RecursionError:
        raise ParseError([_too_deep(file)]) from None
    known = sorted({*DEFAULT_SCHEMA.source_names, *sources, *_event_sources(tree)})
    try:
        again = parse(text, file=f"{file or '<json>'} (as text)", sources=known)
    except ParseError as exc:
        where = _unreadable_declaration(tree, known)
        raise ParseError([Diagnostic(f"{where}: this declaration cannot be written as rules "
                                     "text", file, hint=exc.render(),
                                     code="bad-json-rules")]) from None
    for i, (mine, read) in enumerate(zip(tree.declarations, again.declarations,
                                         strict=False)):
        if mine != read:
            path, wrote, got = _first_difference(mine, read, f"$.declarations[{i}]")
            raise ParseError([Diagnostic(
                f"{path}: {_as_written(wrote)} cannot be written as rules text (its text "
                f"reads back as {_as_written(got)})", file,
                hint="the text reads:\n" + textwrap.indent(
                    format_rules(ast.RuleFile((mine,))).rstrip(), "  "),
                code="bad-json-rules")])
    if len(again.declarations) != len(tree.declarations):  # pragma: no cover - defensive
        raise ParseError([Diagnostic("$.declarations: the rules text reads back differently",
                                     file, code="bad-json-rules")])
    return text, again


def _unreadable_declaration(tree: ast.RuleFile, sources: list[str]) -> str:
    """The JSON path of the first declaration whose text alone does not parse."""
    for i, decl in enumerate(tree.declarations):
        try:
            parse(format_rules(ast.RuleFile((decl,))), sources=sources)
        except ParseError:
            return f"$.declarations[{i}]"
    return "$.declarations"  # pragma: no cover - each parses alone, not together


def _first_difference(wrote: Any, read: Any, path: str) -> tuple[str, Any, Any]:
    """The JSON path of the deepest node or member where two trees first differ,
    and the two values there."""
    if type(wrote) is type(read) and attrs.has(type(wrote)):
        for m in members(type(wrote)):
            mine, theirs = getattr(wrote, m.name), getattr(read, m.name)
            if mine != theirs:
                return _first_difference(mine, theirs, f"{path}.{m.name}")
    if isinstance(wrote, tuple) and isinstance(read, tuple) and len(wrote) == len(read):
        for i, (mine, theirs) in enumerate(zip(wrote, read, strict=True)):
            if mine != theirs:
                return _first_difference(mine, theirs, f"{path}[{i}]")
    return path, wrote, read


def _as_written(value: Any) -> str:
    """A part of a tree, as an error names it: a node by its kind."""
    if attrs.has(type(value)):
        kind = kind_of(type(value))
        return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
    if isinstance(value, tuple):
        return f"a list of {len(value)}"
    return _show(_encode(value))


def json_paths(tree: ast.RuleFile) -> dict[tuple[int, int], str]:
    """Where each node of a parsed tree starts in its text -> its JSON path, the
    deepest node for a place where several start (``$.declarations[0].blocks[1]
    .expr``); a name's own position (``using``, ``extends``, ``per`` …) gives the
    member's path."""
    out: dict[tuple[int, int], str] = {}

    def visit(node: Any, path: str) -> None:
        if isinstance(node, tuple):
            for i, item in enumerate(node):
                visit(item, f"{path}[{i}]")
            return
        if not attrs.has(type(node)):
            return
        fields = attrs.fields(type(node))
        names = {f.name for f in fields if f.eq}
        for f in fields:  # the node's own positions first: its parts overwrite them
            value = getattr(node, f.name)
            if isinstance(value, ast.Pos):
                member = f.name.removesuffix("_pos")
                inside = f.name != "pos" and member in names
                out[(value.line, value.column)] = f"{path}.{member}" if inside else path
            elif f.name.endswith("_pos") and isinstance(value, tuple):
                member = f.name.removesuffix("_pos")
                member = member if member in names else member + "s"
                for i, p in enumerate(value):
                    if isinstance(p, ast.Pos):
                        out[(p.line, p.column)] = f"{path}.{member}[{i}]"
        for f in fields:
            if f.eq:
                visit(getattr(node, f.name), f"{path}.{f.name}")

    for i, decl in enumerate(tree.declarations):
        visit(decl, f"$.declarations[{i}]")
    return out


def with_json_paths(diagnostics: typing.Iterable[Diagnostic], tree: ast.RuleFile
                    ) -> list[Diagnostic]:
    """Diagnostics about the text of a JSON document (``tree``, as
    :func:`text_and_tree` reads it back) with the JSON path of the node they
    point at before the message: the node that starts there, or else the
    declaration of the line."""
    paths = json_paths(tree)
    starts = [(d.pos.line if d.pos else 0, i) for i, d in enumerate(tree.declarations)]
    out = []
    for d in diagnostics:
        if d.file != tree.file or d.line is None:
            out.append(d)
            continue
        path = paths.get((d.line, d.column or 0))
        if path is None:
            before = [i for line, i in starts if line <= d.line]
            path = f"$.declarations[{before[-1]}]" if before else "$"
        out.append(attrs.evolve(d, message=f"{path}: {d.message}"))
    return out


def _event_sources(node: Any) -> set[str]:
    """The sources of every event block in a tree."""
    found: set[str] = set()
    if isinstance(node, ast.EventBlock):
        found.add(node.source)
    if isinstance(node, ast.SourceDecl):
        found.add(node.name)
    if attrs.has(type(node)):
        for f in attrs.fields(type(node)):
            if f.eq:
                found |= _event_sources(getattr(node, f.name))
    elif isinstance(node, tuple):
        for item in node:
            found |= _event_sources(item)
    return found


# --------------------------------------------------------------- JSON Schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of version 1 of the form, derived from the
    node classes as :func:`decode` reads them (``rules.schema.json`` is this)."""
    defs: dict[str, Any] = {}
    for name, union in _UNIONS:
        classes = _union_classes(union)
        assert classes is not None
        defs[name] = _one_by_kind(classes)
    for cls in node_classes():
        props: dict[str, Any] = {"kind": {"const": kind_of(cls)}}
        required = ["kind"]
        for m in members(cls):
            props[m.name] = _schema(m.hint, (m.owner, m.name))
            if m.required:
                required.append(m.name)
        entry: dict[str, Any] = {"type": "object"}
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        if doc and not doc.startswith(cls.__name__ + "("):  # not attrs' generated signature
            entry["description"] = " ".join(doc.split()).replace("``", "`")
        entry.update({"properties": props, "required": required,
                      "additionalProperties": False})
        if kind_of(cls) in _REFINEMENTS:
            entry["allOf"] = _REFINEMENTS[kind_of(cls)]
        defs[kind_of(cls)] = entry
    defs[_BARE_EXISTS] = _bare_exists()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "leadrules rules, JSON form version 1",
        "description": "A rules file as its syntax tree (docs/json.md).",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "declarations": {"type": "array", "items": {"$ref": "#/$defs/declaration"}},
        },
        "required": ["format", "version", "declarations"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def _one_by_kind(classes: Sequence[NodeClass]) -> dict[str, Any]:
    """One of the node classes, chosen by ``kind``: the same documents as a
    ``oneOf`` of their definitions (each requires its own ``kind``), but a
    validator checks the node against the one definition its kind names, not
    against every one (a ``oneOf`` tries them all, at every level of the tree;
    ``jsonschema`` on the spec's example rules: 0.19 s so, 0.10 s this way), and
    reports that one's error, not "is not valid under any of the given schemas"."""
    kinds = [kind_of(c) for c in classes]
    return {"type": "object", "required": ["kind"], "properties": {"kind": {"enum": kinds}},
            "allOf": [{"if": {"required": ["kind"], "properties": {"kind": {"const": k}}},
                       "then": {"$ref": f"#/$defs/{k}"}} for k in kinds]}


def _schema(hint: Any, where: tuple[str, str] | None) -> dict[str, Any]:
    inner, nullable = _strip_none(hint)
    if nullable:
        return {"anyOf": [_schema(inner, where), {"type": "null"}]}
    for name, union in _UNIONS:
        if hint == union:
            return {"$ref": f"#/$defs/{name}"}
    classes = _union_classes(hint)
    if classes is not None:
        return _one_by_kind(classes)
    if attrs.has(hint):
        return {"$ref": f"#/$defs/{kind_of(hint)}"}
    origin = typing.get_origin(hint)
    if origin is Literal:
        return {"enum": list(typing.get_args(hint))}
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            out: dict[str, Any] = {"type": "array", "items": _schema(args[0], None)}
            least = _MIN_ITEMS.get(where) if where else None
            if least is not None:
                out["minItems"] = least
            return out
        return {"type": "array", "prefixItems": [_schema(a, None) for a in args],
                "minItems": len(args), "maxItems": len(args)}
    if hint is str:
        kind = _string_kind(where)
        if kind == "grade":
            return {"enum": list(ast.GRADES)}
        if kind == "text":
            return {"type": "string", "not": {"pattern": _NOT_TEXT}}
        refused = {"name": [_NOT_NAME, _DIGITS], "block label": [_NOT_NAME, _LEADING_ZERO],
                   "rule label": [_NOT_NAME]}[kind]
        return {"type": "string", "minLength": 1,
                "not": {"anyOf": [{"pattern": p} for p in refused]}}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer", "minimum": 0}
    if set(typing.get_args(hint)) == {int, float}:
        return {"type": "number", "minimum": -_FLOAT_MAX, "maximum": _FLOAT_MAX}
    if hint is Fraction:
        return {"type": "string", "pattern": _whole(_FRACTION)}
    if hint is dt.datetime:
        return {"type": "string", "pattern": _whole(_DATETIME)}
    if hint is dt.date:
        return {"type": "string", "pattern": _whole(_DATE)}
    if hint is FieldType:
        return {"enum": [t.value for t in FieldType]}
    raise TypeError(f"no JSON form for {hint!r}")  # pragma: no cover - every field type


def _whole(pattern: re.Pattern[str]) -> str:
    """A schema pattern for the whole string: Python's ``$`` (jsonschema's) also
    matches before a final line break, which ``(?!\\n)`` refuses."""
    return f"^(?:{pattern.pattern})$(?!\\n)"


def _kind_is(*kinds: str, **members: dict[str, Any]) -> dict[str, Any]:
    """The schema of a node of one of ``kinds`` whose ``members`` (if given)
    match these schemas."""
    kind = {"enum": list(kinds)} if len(kinds) > 1 else {"const": kinds[0]}
    return {"type": "object", "properties": {"kind": kind, **members}, "required": ["kind"]}


_NULL = {"type": "null"}


def _if_then(when: dict[str, Any], then: dict[str, Any]) -> dict[str, Any]:
    return {"if": {"properties": when}, "then": {"properties": then}}


_ANY_EVENT = [{"kind": "any_event"}]
_BARE_EXISTS = "bare_exists_inside_braces"
_NO_BARE_EXISTS = {"not": {"type": "array", "contains": {"$ref": f"#/$defs/{_BARE_EXISTS}"}}}

# What _refuse_unwritable() refuses, for the schema: by kind, more conditions
# on its members (an omitted member that may be null is null).
_REFINEMENTS: dict[str, list[dict[str, Any]]] = {
    "event_block": [
        _if_then({"conditions": _NULL}, {"mode": {"const": "all"}}),
        {"properties": {"conditions": _NO_BARE_EXISTS}}],
    "lead_block": [{"properties": {"conditions": _NO_BARE_EXISTS}}],
    "exclusion": [{"properties": {"block": {"properties": {
        "quantifiers": {"const": _ANY_EVENT}, "per": _NULL}}}}],
    "aggregate": [
        {"if": {"properties": {"func": {"enum": list(_FIELDLESS)}}},
         "then": {"properties": {"field": _NULL}},
         "else": {"properties": {"field": {"type": "string"}}, "required": ["field"]}},
        {"properties": {"test": {"not": _kind_is("is_true")}}}],
    "score_test": [{"properties": {"test": {"not": {"anyOf": [
        _kind_is("is_true"), _kind_is("present", negated={"const": False})]}}}}],
    "funnel": [_if_then({"ordered_within": _NULL}, {"order": {"const": "ordered"}})],
}


def _bare_exists() -> dict[str, Any]:
    """``SOURCE exists`` inside braces, alone or under not/and/or (the text reads
    it as a test that the field SOURCE exists)."""
    inside = {"$ref": f"#/$defs/{_BARE_EXISTS}"}
    return {"description": "`SOURCE exists` (an event block without conditions, quantifiers "
                           "but `exists`, or `per`), alone or under not, and, or: inside "
                           "braces the text reads it as a test that the field SOURCE exists, "
                           "so braces cannot hold it.",
            "anyOf": [_kind_is("event_block", conditions=_NULL,
                               quantifiers={"const": _ANY_EVENT}, per=_NULL),
                      _kind_is("not", item=inside),
                      _kind_is("and", "or", items={"contains": inside})]}


def shipped_schema() -> dict[str, Any]:
    """``rules.schema.json`` as shipped with the package."""
    result: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return result


def schema_text() -> str:
    """The text of ``rules.schema.json`` (what ``json_schema()`` gives, indented)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - `python -m leadrules.json_form` rewrites it
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
