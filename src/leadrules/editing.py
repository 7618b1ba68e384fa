"""What an editor asks of a rules text: diagnostics, completion, hover, definitions,
formatting.  The language server (:mod:`leadrules.lsp`) is a thin layer over this.

Positions here are 0-based lines and 0-based columns counted in characters (code
points); the server converts them to the editor's units.

Completion and hover work on text that does not parse: they read the current
declaration up to the cursor with lark's interactive parser, which says which
terminals may come next (so only operators, units and keywords the grammar takes
there are offered), and track the braces to know whose fields are in scope.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import lark

from . import ast
from .check import BUILTIN_RULES, declared_schema
from .errors import Diagnostic, LeadRulesError
from .format import format_name, format_rules
from .parse import _DECLARATION_START, _parser
from .parse import parse as parse_text
from .schema import DEFAULT_SCHEMA, FieldType, Schema, Table

T, N, B, D, L = (FieldType.TEXT, FieldType.NUMBER, FieldType.BOOL, FieldType.DATETIME,
                 FieldType.TEXT_LIST)

# The operators each field type takes (the checker's table, SPEC 3.1); a test
# checks every entry against the checker.
OPERATORS: dict[FieldType, tuple[str, ...]] = {
    T: ("=", "!=", "in", "not in", "contains", "not contains", "starts with", "ends with",
        "matches", "exists", "not exists"),
    N: ("=", "!=", "<", "<=", ">", ">=", "in", "not in", "between", "exists", "not exists"),
    B: ("=", "!=", "exists", "not exists"),
    D: ("=", "!=", "<", "<=", ">", ">=", "between", "before", "after", "on", "within",
        "older than", "in this", "in last", "in next", "exists", "not exists"),
    L: ("contains", "not contains", "exists", "not exists"),
}

# The terminal each operator begins with, to keep only those the grammar takes.
_OPERATOR_TERMINAL = {
    "=": "CMP_OP", "!=": "CMP_OP", "<": "CMP_OP", "<=": "CMP_OP", ">": "CMP_OP",
    ">=": "CMP_OP", "in": "IN", "not in": "NOT_KW", "contains": "CONTAINS",
    "not contains": "NOT_KW", "starts with": "STARTS", "ends with": "ENDS",
    "matches": "MATCHES", "exists": "EXISTS", "not exists": "NOT_KW", "between": "BETWEEN",
    "before": "BEFORE", "after": "AFTER", "on": "ON", "within": "WITHIN",
    "older than": "OLDER", "in this": "IN", "in last": "IN", "in next": "IN",
}

# Keyword terminals that begin a phrase: offer the phrase.
_PHRASE_OF = {"STARTS": "starts with", "ENDS": "ends with", "OLDER": "older than"}

_DECLARATION = re.compile(
    r'(?im)^(segment|scoring|grading|tiers|funnel)[ \t]+(`[^`\n]+`|[^\W\d]\w*)'
    r'(?:[ \t]+"((?:[^"\\\n]|\\.)*)")?')
_WORD = re.compile(r"\w+|`[^`\n]*`?")
_KINDS = ("segment", "scoring", "grading", "tiers", "funnel")


@attrs.frozen
class Completion:
    """One thing that may stand at the cursor.

    ``insert`` is what replaces the name typed so far (:meth:`Document.typed`)
    when that is not ``label``: a name in backquotes where it needs them
    (`score`, `会社 名`), or just the name and its closing backquote after an
    opening one.
    """

    label: str
    kind: str  # keyword, operator, unit, field, source, segment, model, label
    detail: str | None = None
    insert: str | None = None


@attrs.frozen
class Location:
    """A span in a file (``file`` None: the text asked about)."""

    file: str | None
    line: int
    column: int
    end_column: int


@attrs.frozen
class Declared:
    kind: str
    name: str
    title: str | None
    line: int
    column: int


# ------------------------------------------------------------------ analysis


@attrs.define
class Document:
    """One open rules text and what is known about it.

    ``schema`` is the last schema the text declared that parsed (with the
    data's fields, when the server has data), so completion keeps working
    while the text is broken.
    """

    text: str
    file: str | None = None
    data: str | None = None
    schema: Schema = DEFAULT_SCHEMA
    diagnostics: tuple[Diagnostic, ...] = ()
    # The lead lists `in list NAME` names: a --state (what `leadrules check --state`
    # takes), else those the data's store keeps; None: no lists known.
    state: str | None = None
    lists: Any = attrs.field(default=None, eq=False, repr=False)
    # The mapping file (what `--map` takes) through which `data` is read as the
    # user's own tables; None: `data` is a leadrules store or folder.
    mapping: str | None = None

    def update(self, text: str) -> tuple[Diagnostic, ...]:
        """Set the text; parse and check it; return its diagnostics."""
        from .api import check_with_store
        from .check import check
        self.text = text
        found: Sequence[Diagnostic] = ()
        try:
            rule_file = parse_text(text, file=self.file)
        except LeadRulesError as exc:
            # Broken text: its declarations that parse still give the schema.
            found, rule_file = exc.diagnostics, None
        schema_file = rule_file or _schema_declarations(text, self.file)
        self.lists = None
        try:
            store: Any = None
            where, hint = "", None
            if self.data is not None:
                from .loaders import folder_sources
                store, where, hint = _open_data(
                    self.data, declared_schema(schema_file, sources=folder_sources(self.data)),
                    self.file, self.mapping)
            self.schema = declared_schema(schema_file,
                                          store.schema if store is not None else DEFAULT_SCHEMA)
            self.lists = self._lists(store)
            if rule_file is not None and store is None:
                names = None if self.lists is None else self.lists.names()
                found = check(rule_file, lists=names).warnings
            elif rule_file is not None:
                given = None if self.state is None else self.lists.repository
                found = check_with_store(text, rule_file, DEFAULT_SCHEMA, store, where,
                                         hint, lists=given).warnings
        except LeadRulesError as exc:
            found = (*found, *exc.diagnostics)
        self.diagnostics = tuple(found)
        return self.diagnostics

    def _lists(self, store: Any) -> Any:
        """The lists bound as ``check`` binds them: the state's, else the store's own."""
        from .memberships import binding, own_lists
        if self.state is not None:
            return binding(_open_state(self.state))
        return own_lists(store) if store is not None else None

    # -- the questions ----------------------------------------------------------
    def completions(self, line: int, column: int) -> list[Completion]:
        offset = _offset(self.text, line, column)
        typed = self.typed(line, column)
        start = offset - len(typed)
        quoted = _opened_backquote(self.text, offset) is not None
        # Inside backquotes the scope is read from before the opening one.
        scope = _Scope.at(self.text, start - 1 if quoted else start, self.schema)
        if scope.names_a_list():
            out = self._list_names()
        else:
            out = _dedupe(scope.completions(self.text, self.schema))
        if quoted:
            # Only names stand in backquotes; the opening one is written (and
            # the closing one too, if the editor paired it).
            closing = "" if self.text.startswith("`", offset) else "`"
            out = [attrs.evolve(c, insert=c.label + closing) for c in out
                   if c.kind in _NAME_KINDS]
        lowered = typed.lower()
        return [c for c in out if c.label.lower().startswith(lowered)] if typed else out

    def typed(self, line: int, column: int) -> str:
        """The part of the name before the cursor that a completion replaces:
        the word being typed, or all after an opening backquote."""
        offset = _offset(self.text, line, column)
        opened = _opened_backquote(self.text, offset)
        if opened is not None:
            return self.text[opened + 1:offset]
        prefix = re.search(r"\w*$", self.text[:offset])
        return prefix.group() if prefix else ""

    def hover(self, line: int, column: int) -> str | None:
        word = _word_at(self.text, line, column)
        if word is None:
            return None
        name, start, _ = word
        scope = _Scope.at(self.text, start, self.schema)
        if scope.names_a_list():
            return self._list_hover(name)
        kind = scope.reference_kind()
        declared = {(d.kind, d.name): d for d in declarations(self.text)}
        if kind is not None:
            for dk in _kinds_of(kind):
                d = declared.get((dk, name))
                if d is not None:
                    title = f' "{d.title}"' if d.title else ""
                    return f"{d.kind} **{name}**{title}"
            if kind in ("scoring", "model") and name == "default":
                return "scoring **default**: the model that ships with leadrules"
        if scope.in_declaration_head():
            d = declared.get((scope.head_kind(), name))
            if d is not None:
                return f"{d.kind} **{name}**" + (f' "{d.title}"' if d.title else "")
        table = scope.table(self.schema)
        if table is not None and scope.names_field():
            f = table.field(name)
            if f is not None:
                return f"field `{table.name}.{name}`: **{f.type}**"
        source = self.schema.source(name)
        if source is not None:
            fields = ", ".join(f"{f.name} {f.type}" for f in source.fields)
            return f"source **{name}**: {fields}"
        f = self.schema.lead.field(name)
        if f is not None:
            return f"field `lead.{name}`: **{f.type}**"
        return None

    def _list_names(self) -> list[Completion]:
        """The names of the bound lists (none without lists: never fields)."""
        if self.lists is None:
            return []
        with contextlib.suppress(LeadRulesError):
            return [Completion(n, "list", "lead list") for n in sorted(self.lists.names())]
        return []

    def _list_hover(self, name: str) -> str | None:
        if self.lists is None:
            return None
        with contextlib.suppress(LeadRulesError):
            found = self.lists.repository.get_list(name)
            if found is not None:
                count = len(self.lists.repository.members(name))
                members = "1 member" if count == 1 else f"{count} members"
                return f"list **{name}** ({found.kind}, {members})"
        return None

    def definition(self, line: int, column: int) -> Location | None:
        word = _word_at(self.text, line, column)
        if word is None:
            return None
        name, start, _ = word
        kind = _Scope.at(self.text, start, self.schema).reference_kind()
        if kind is None:
            return None
        for d in declarations(self.text):
            if d.kind in _kinds_of(kind) and d.name == name:
                return Location(None, d.line, d.column, d.column + len(name))
        if kind in ("scoring", "model") and name == "default":
            for d in declarations(BUILTIN_RULES.read_text(encoding="utf-8")):
                if d.kind == "scoring" and d.name == "default":
                    return Location(str(BUILTIN_RULES), d.line, d.column,
                                    d.column + len(name))
        return None

    def formatted(self) -> str | None:
        """The text in canonical form (``leadrules fmt``), or None if it does not parse."""
        try:
            return format_rules(parse_text(self.text, file=self.file))
        except LeadRulesError:
            return None


def _schema_declarations(text: str, file: str | None) -> ast.RuleFile:
    """The ``source`` and ``field`` declarations of ``text`` that parse, each
    read on its own."""
    found: list[ast.Declaration] = []
    at = 0
    while at < len(text):
        end = _declaration_end(text, at)
        chunk = text[at:end]
        if re.match(r"(?i)(source|field)\b", chunk.lstrip()):
            with contextlib.suppress(LeadRulesError):
                found.extend(parse_text(chunk).declarations)
        at = end
    return ast.RuleFile(tuple(found), file=file)


def declarations(text: str) -> list[Declared]:
    """The named declarations of ``text`` (read line by line, so a broken file
    still has them), with the position of each name."""
    out = []
    for m in _DECLARATION.finditer(text):
        name = m.group(2).strip("`")
        line = text.count("\n", 0, m.start())
        column = m.start(2) - (text.rfind("\n", 0, m.start()) + 1)
        column += 1 if m.group(2).startswith("`") else 0
        out.append(Declared(m.group(1).lower(), name, m.group(3), line, column))
    return out


@functools.lru_cache(maxsize=8)
def _open_data(spec: str, declared: Schema, file: str | None,
               mapping: str | None = None) -> tuple[Any, str, str | None]:
    # Opening a folder reads every file: once per declared schema, not per keystroke.
    from .api import open_data
    from .stores.mapping import load as load_mapping
    return open_data(spec, declared, file, None if mapping is None else load_mapping(mapping))


@functools.lru_cache(maxsize=8)
def _open_state(spec: str) -> Any:
    # Opened once (a JSON state is read again when it changes); never created.
    from .stores.open import open_lists
    return open_lists(spec, create=False)


# ------------------------------------------------------------- the scope


@attrs.frozen
class _Scope:
    """What stands before a position in its declaration: the tokens, the
    terminals the grammar takes next (None if the text before does not parse),
    and whose fields are in scope."""

    tokens: tuple[lark.Token, ...]
    accepts: frozenset[str] | None
    owners: tuple[str | None, ...]  # per open brace: 'lead', a source name or None
    last_source: str | None
    labels: tuple[str, ...]
    in_match: bool

    @classmethod
    def at(cls, text: str, offset: int, schema: Schema) -> _Scope:
        begin = _declaration_begin(text, offset)
        before = text[begin:offset]
        head_end = text.find("\n", begin, offset)
        line_start = text.rfind("\n", 0, offset) + 1
        tokens: list[lark.Token] = []
        accepts: frozenset[str] | None = None
        # The declaration up to the cursor; if an earlier line of it is broken,
        # its head line and the cursor's line alone.
        tries = [before]
        if head_end >= 0 and line_start > head_end:
            tries.append(text[begin:head_end + 1] + text[line_start:offset])
        for attempt in tries:
            try:
                ip = _parser().parse_interactive(attempt)
                tokens = list(ip.iter_parse())
                accepts = frozenset(ip.accepts())  # type: ignore[no-untyped-call]
                break
            except lark.exceptions.UnexpectedInput:
                continue
        if accepts is None:
            tokens = list(_loose_tokens(before))
        owners: list[str | None] = []
        last_source = None
        in_match = False
        for i, tok in enumerate(tokens):
            value = str(tok).lower()
            if tok.type == "LBRACE":
                # The first brace is the declaration's; inside it, a brace after
                # `lead` or a source name (and its mode) holds a record's fields.
                j = i - 1
                while j >= 0 and str(tokens[j]).lower() in ("all", "any"):
                    j -= 1
                prev = tokens[j] if j >= 0 else None
                owner = None
                if owners and prev is not None and prev.type == "LEAD":
                    owner = "lead"
                elif owners and prev is not None and prev.type == "NAME":
                    owner = str(prev)
                owners.append(owner)
            elif tok.type == "RBRACE" and owners:
                closed = owners.pop()
                if closed not in (None, "lead"):
                    last_source = closed
            elif tok.type == "NAME" and schema.source(str(tok)) is not None:
                last_source = str(tok)
            if value == "match" and len(owners) == 1:
                in_match = True
            elif tok.type in ("_NL", "SEMICOLON") and len(owners) == 1:
                in_match = False
        labels = tuple(dict.fromkeys(re.findall(r"(?m)^[ \t]*(\w+)[ \t]*:(?!:)",
                                                text[begin:_declaration_end(text, offset)])))
        return cls(tuple(tokens), accepts, tuple(owners), last_source, labels, in_match)

    # -- what the position is ----------------------------------------------------
    def last(self, k: int = 1) -> str | None:
        return str(self.tokens[-k]).lower() if len(self.tokens) >= k else None

    def names_a_list(self) -> bool:
        """After ``in list`` (or ``not in list``): a list's name stands here."""
        return (len(self.tokens) >= 2 and self.last() == "list" and self.last(2) == "in"
                and self.tokens[-1].type != "NAME")

    def in_declaration_head(self) -> bool:
        return not self.owners and len(self.tokens) <= 1

    def head_kind(self) -> str:
        return self.last() or ""

    def reference_kind(self) -> str | None:
        """'segment', 'scoring', 'grading' or 'model' (either) if a name here names
        a declaration; None otherwise."""
        last = self.last()
        if last == "segment" and self.owners:
            return "segment"
        if last == "score":
            return "scoring"
        if last == "grade":
            return "grading"
        if last == "extends":
            return "scoring"
        words = [str(t).lower() for t in self.tokens]
        if "using" in words and not self.owners and last in ("using", ","):
            return "model"
        return None

    def table(self, schema: Schema) -> Table | None:
        """The table whose fields a name here is: the innermost brace's owner,
        the block's source after a quantifier, else the lead."""
        last = self.last()
        if last in ("per", "distinct", "sum", "avg", "min", "max") and self.last_source:
            return schema.source(self.last_source)
        for owner in reversed(self.owners):
            if owner == "lead":
                return schema.lead
            if owner is not None:
                return schema.source(owner)
        return schema.lead

    def names_field(self) -> bool:
        return self.reference_kind() is None

    def field_before(self, schema: Schema) -> tuple[Table, str] | None:
        if not self.tokens or self.tokens[-1].type != "NAME":
            return None
        table = self.table(schema)
        return (table, str(self.tokens[-1])) if table is not None else None

    # -- the completions -----------------------------------------------------------
    def completions(self, text: str, schema: Schema) -> list[Completion]:
        accepts = self.accepts
        if accepts is None:
            return self._names(schema, fields=True)
        out: list[Completion] = []
        kind = self.reference_kind()
        if kind is not None and "NAME" in accepts:
            out += self._declared(text, kind)
        if "CMP_OP" in accepts and self.tokens and self.tokens[-1].type == "NAME":
            # After a name: a source's quantifiers, or a field's operators.
            in_record = any(o is not None for o in self.owners)
            if schema.source(str(self.tokens[-1])) is not None and not in_record:
                return [c for t in sorted(accepts & _BLOCK_TERMINALS)
                        for c in self._keywords(t)]
            return self._operators(schema)
        if "CMP_OP" in accepts:
            out += self._operators(schema)
        in_record = any(o is not None for o in self.owners)
        for name in sorted(accepts):
            if name == "CMP_OP" or (name in _OPERATOR_TERMINAL.values() and "CMP_OP" in accepts):
                continue
            if in_record and set(_keyword_words().get(name, ())) & _NOT_IN_RECORDS:
                continue  # grammatical, but the checker refuses them in braces
            out += self._keywords(name)
        if "NAME" in accepts and kind is None and "MATCH" not in accepts and not (
                self.in_declaration_head() or self._names_a_new_thing()):
            out += self._names(schema, fields=True)
        if "INT" in accepts and self.in_match:
            out += [Completion(lab, "label", "block") for lab in self.labels]
        return out

    def _names_a_new_thing(self) -> bool:
        # A declaration's name, a `field TABLE.NAME`, a tier or stage name.
        last = self.last()
        if last in ("field", ".", "source") or (last in _KINDS and not self.owners):
            return True
        if self._head() == "source":
            return True
        return bool(self.owners) and self.owners[0] is None and len(self.owners) == 1 and (
            self._item_start() and self._head() in ("tiers", "funnel"))

    def _item_start(self) -> bool:
        return bool(self.tokens) and self.tokens[-1].type in ("_NL", "SEMICOLON", "COMMA",
                                                              "LBRACE")

    def _head(self) -> str:
        return str(self.tokens[0]).lower() if self.tokens else ""

    def _names(self, schema: Schema, *, fields: bool) -> list[Completion]:
        table = self.table(schema)
        out: list[Completion] = []
        wanted = _AGGREGATED.get(self.last() or "")
        if fields and table is not None:
            out += [_named(f.name, "field", f"{table.name}.{f.name}: {f.type}")
                    for f in table.fields if f.name != "lead_id"
                    and (wanted is None or f.type in wanted)]
        if wanted is not None:
            return out  # `per`, `sum` … name a field of the block's source
        if not any(o is not None for o in self.owners):  # outside record braces
            out += [_named(s, "source", "event source") for s in schema.source_names]
            if self.in_match:
                out += [Completion(lab, "label", "block") for lab in self.labels]
        return out

    def _declared(self, text: str, kind: str) -> list[Completion]:
        kinds = _kinds_of(kind)
        out = [_named(d.name, "segment" if d.kind == "segment" else "model",
                      d.kind + (f' "{d.title}"' if d.title else ""))
               for d in declarations(text) if d.kind in kinds]
        if "scoring" in kinds:
            out.append(Completion("default", "model", "scoring (built in)"))
        return out

    def _operators(self, schema: Schema) -> list[Completion]:
        ftype = self._operand_type(schema)
        accepts = self.accepts or frozenset()
        ops = OPERATORS[ftype] if ftype is not None else tuple(_OPERATOR_TERMINAL)
        if self._after_score():
            # A score always exists (0 when no rule holds): check refuses both.
            ops = tuple(op for op in ops if op not in ("exists", "not exists"))
        return [Completion(op, "operator", f"{ftype}" if ftype else None) for op in ops
                if _OPERATOR_TERMINAL[op] in accepts]

    def _after_score(self) -> bool:
        """Whether the cursor follows ``score`` or ``score MODEL``."""
        if not self.tokens:
            return False
        last = self.tokens[-1]
        before = str(self.tokens[-2]).lower() if len(self.tokens) > 1 else ""
        return str(last).lower() == "score" or (last.type == "NAME" and before == "score")

    def _operand_type(self, schema: Schema) -> FieldType | None:
        """The type the operator after the cursor applies to: a field's, an
        aggregate's (count: number, first/last: datetime, sum F: F's)."""
        if not self.tokens:
            return None
        last = self.tokens[-1]
        before = str(self.tokens[-2]).lower() if len(self.tokens) > 1 else ""
        if str(last).lower() in ("count", "score"):
            return N
        if last.type == "NAME" and before == "score":
            return N
        if str(last).lower() in ("first", "last"):
            return D
        if last.type == "NAME" and before in ("sum", "avg"):
            return N
        if last.type == "NAME" and before in ("min", "max", "distinct") and self.last_source:
            src = schema.source(self.last_source)
            f = src.field(str(last)) if src else None
            if before == "distinct":
                return N
            return f.type if f else None
        if last.type == "NAME":
            found = self.field_before(schema)
            if found is not None:
                f = found[0].field(found[1])
                return f.type if f else None
        return None

    def _keywords(self, terminal: str) -> list[Completion]:
        if terminal in _PHRASE_OF:
            return [Completion(_PHRASE_OF[terminal], "keyword")]
        words = _keyword_words().get(terminal)
        if not words:
            return []
        kind = "unit" if terminal in _UNIT_TERMINALS else "keyword"
        return [Completion(w, kind) for w in words]


# What braces of a record's fields cannot hold (blocks, references, scores).
_NOT_IN_RECORDS = frozenset({"lead", "segment", "score", "grade"})

# The field types each aggregate (and `per`) takes.
_AGGREGATED = {"sum": (N,), "avg": (N,), "min": (N, D), "max": (N, D),
               "distinct": (T, N, B, D), "per": (T, N, B, D)}

# What may follow a source name: a mode, then the quantifiers.
_BLOCK_TERMINALS = frozenset({"ALL", "ANY", "EXISTS", "NONE", "COUNT", "AGG_FUNC",
                              "FIRST_LAST"})

_UNIT_TERMINALS = frozenset({"MINUTE", "MINUTES", "HOUR", "HOURS", "DAY", "DAYS", "WEEK",
                             "WEEKS", "MONTH", "MONTHS", "YEAR", "YEARS", "QUARTER"})


@functools.cache
def _keyword_words() -> dict[str, list[str]]:
    from .syntax_errors import keyword_words
    out = {t.name: keyword_words(t) for t in _parser().terminals}
    return {k: v for k, v in out.items() if v}


# The completions that are names (and so may be written in backquotes).
_NAME_KINDS = frozenset({"field", "source", "segment", "model", "list"})


def _named(name: str, kind: str, detail: str | None) -> Completion:
    """A name's completion, inserted as the formatter writes it: in backquotes
    where it is a keyword (`score`) or not an identifier (`会社 名`)."""
    written = format_name(name)
    return Completion(name, kind, detail, None if written == name else written)


def _opened_backquote(text: str, offset: int) -> int | None:
    """The offset of the backquote the cursor's line opens before it and does
    not close (the cursor is inside a quoted name), or None."""
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    if before.count("`") % 2 == 0:
        return None
    return line_start + before.rfind("`")


def _kinds_of(kind: str) -> tuple[str, ...]:
    return ("scoring", "grading") if kind == "model" else (kind,)


def _dedupe(items: Iterable[Completion]) -> list[Completion]:
    # By kind too: a field named `score` is offered beside the keyword score.
    seen: set[tuple[str, str]] = set()
    out = []
    for c in items:
        if (c.label, c.kind) not in seen:
            seen.add((c.label, c.kind))
            out.append(c)
    return out


def _loose_tokens(text: str) -> Iterable[lark.Token]:
    """Tokens of a text that does not parse, read word by word (for the braces
    and the last words)."""
    for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"?|#[^\n]*|[{}]|\w+|\S', text):
        value = m.group()
        if value.startswith("#"):
            continue
        kind = {"{": "LBRACE", "}": "RBRACE", "lead": "LEAD"}.get(value.lower(), "NAME")
        if not re.match(r"\w", value) and kind == "NAME":
            kind = "PUNCT"
        yield lark.Token(kind, value, start_pos=m.start())


def _declaration_begin(text: str, offset: int) -> int:
    at = text.rfind("\n", 0, offset) + 1
    while at > 0:
        if _DECLARATION_START.match(text[at:at + 12]):
            return at
        at = text.rfind("\n", 0, at - 1) + 1
    return 0


def _declaration_end(text: str, offset: int) -> int:
    nl = text.find("\n", offset)
    while nl >= 0:
        if _DECLARATION_START.match(text[nl + 1:nl + 13]):
            return nl + 1
        nl = text.find("\n", nl + 1)
    return len(text)


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    line = min(line, len(lines) - 1)
    return sum(len(x) + 1 for x in lines[:line]) + min(column, len(lines[line]))


def _word_at(text: str, line: int, column: int) -> tuple[str, int, int] | None:
    """The name under (or just before) the cursor, with its start and end offsets."""
    offset = _offset(text, line, column)
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_text = text[line_start:line_end if line_end >= 0 else len(text)]
    for m in _WORD.finditer(line_text):
        if m.start() <= offset - line_start <= m.end():
            return m.group().strip("`"), line_start + m.start(), line_start + m.end()
    return None
