"""What the SQL stores share: reading records, the schema metadata, running segments.

A concrete store supplies its engine name, a way to run a query
(:meth:`SqlStore._fetch`) and, for writing, its bulk loader; everything else
— the queries for the record methods, decoding rows to normalised records,
the schema tables, compiling and running a segment — is here, once.
"""

from __future__ import annotations

import abc
import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

if TYPE_CHECKING:
    # sqlglot's base node class (named Expr since sqlglot 30).
    from sqlglot import exp
    from sqlglot.expressions import Expr as Node

    from ..handles import AsOf
    from ..lists import ListManager, ListRepository
    from ..sql.query import SqlQuery
    from ..sql.remembered import Memo
    from ..timeline import Timeline
    from .own_lists import StoreLists

from .. import ast
from ..chains import Event
from ..check import Program
from ..dates import TimeContext
from ..errors import DataError, Diagnostic, StoreError, suggest
from ..limits import check_timeout
from ..schema import EVENT_LEAD_KEY, EVENT_TIME, LEAD, LEAD_KEY, Field, FieldType, Schema, Table
from ..semantics import ScoreRow, score_arithmetic
from ..sql.dialects import Shape, default_shape
from ..sql.layout import Layout
from .base import Capability, DatabaseStore, Record, check_compatible
from .layout import (
    COLUMN_TYPES,
    FIELD_TABLE,
    FORMAT_VERSION,
    INTEGER_TYPES,
    META_TABLE,
    SEQ,
    Engine,
    physical_columns,
    row_encoder,
    value_decoder,
)

Row = Sequence[Any]


@attrs.frozen
class Writer:
    """One write transaction of a SQL store: statements with positional
    parameters written ``param`` (``?`` or ``%s``), values always bound."""

    execute: Callable[[str, Sequence[Any]], list[Row]]
    executemany: Callable[[str, Sequence[Sequence[Any]]], None]
    param: str

    def marks(self, count: int) -> str:
        return ", ".join([self.param] * count)


_IN_CHUNK = 500
"""Values bound per ``IN (…)`` list (SQLite allows 32766 parameters a statement)."""
_NEXT_SEQ = "next_seq."
"""``leadrules_meta`` key prefix: the next ``seq`` of a table written through the
write API (so a write does not scan the table for ``MAX(seq)``)."""


class SqlStore(DatabaseStore):
    """A store over a DB-API connection holding the layout of :mod:`.layout`:
    every capability, compiled by :mod:`leadrules.sql`."""

    # SEGMENT_BATCH needs a way to bind a list of ids (:meth:`_bound_ids`): the
    # stores that have one add it.
    capabilities = frozenset(Capability) - {Capability.SEGMENT_BATCH}

    engine: ClassVar[Engine]
    _active: Writer | None = None  # the open transaction() of this store
    _timeout: float | None = None

    @property
    def timeout(self) -> float | None:
        """Seconds each query may run before the engine stops it and
        :class:`~leadrules.errors.QueryTimeout` is raised (``None``: no limit);
        a constructor keyword, and settable."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: float | None) -> None:
        self._timeout = check_timeout(value)

    def __init__(self, stored: Schema, layout: Layout, extra: Schema | None = None) -> None:
        self._stored = stored
        self._layout = layout
        # How event blocks are tested (docs/stores.md, "Query shapes"); settable.
        self.shape: Shape = default_shape(self.engine)
        self._schema = _merge(stored, extra) if extra is not None else stored
        self._decoders = {t.name: [value_decoder(f.type, self.engine) for f in t.fields]
                          for t in stored.tables}
        # Compiled queries kept for this store (sql.remembered): asked again, a
        # query costs a replay of its time parameters, no sqlglot.
        self._memo: Memo = {}

    # -- the engine ------------------------------------------------------------
    @abc.abstractmethod
    def _fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        """Run one query with named parameters; all rows."""

    def _run(self, query: SqlQuery) -> list[Row]:
        """The rows of a compiled query (a store may stage its CTEs first)."""
        return self._fetch(self._text(query), query.params)

    def _text(self, query: SqlQuery) -> str:
        """The text the store runs for a compiled query."""
        return query.render()

    def _stages(self, query: SqlQuery) -> bool:
        """Whether :meth:`_run` runs ``query`` as more than its one statement."""
        return False

    def _bound_ids(self, lead_ids: Sequence[str]) -> Any:
        """The value bound to the ``lead_ids`` parameter of a query restricted to
        some leads (:meth:`leadrules.sql.expressions.ExpressionCompiler.given`)."""
        raise NotImplementedError(f"{type(self).__name__} cannot bind a list of lead ids")

    def _bound(self, lead_ids: Sequence[str] | None) -> Any:
        """:meth:`_bound_ids` of ``lead_ids``, or None (every lead) without them."""
        return None if lead_ids is None else self._bound_ids(lead_ids)

    def _render(self, tree: Node) -> str:
        return tree.sql(dialect=self.engine)

    # -- the interface ---------------------------------------------------------
    @property
    def schema(self) -> Schema:
        return self._schema

    @property
    def stored_schema(self) -> Schema:
        """The tables and fields the database holds (``schema`` may add more,
        which read as missing and cannot be written)."""
        return self._stored

    @property
    def layout(self) -> Layout:
        """Where the tables are, for the SQL compiler."""
        return self._layout

    def leads(self) -> list[Record]:
        return self._records(LEAD, None)

    def lead(self, lead_id: str) -> Record | None:
        found = self._records(LEAD, (LEAD_KEY, lead_id))
        return found[0] if found else None

    def events_of(self, lead_id: str) -> dict[str, list[Record]]:
        out: dict[str, list[Record]] = {name: [] for name in self._schema.source_names}
        if self.lead(lead_id) is None:
            return out
        for source in self._stored.sources:
            out[source.name] = self._records(source.name, (EVENT_LEAD_KEY, lead_id))
        return out

    def timeline(self, lead_id: str, since: AsOf = None, *, as_of: AsOf = None,
                 timezone: str | dt.tzinfo | None = None,
                 lists: ListRepository | ListManager | None = None) -> Timeline:
        """Every event of the lead and its recorded list changes, in time order
        (:func:`leadrules.timeline.timeline`); list changes from ``lists``, else
        from the lists kept in this store's database (:meth:`own_lists`)."""
        from ..timeline import timeline
        return timeline(self, lead_id, since, as_of=as_of, timezone=timezone, lists=lists)

    def __repr__(self) -> str:
        names = [t.name for t in self._stored.tables]
        where = f" {self._layout.namespace}" if self._layout.namespace else ""
        return f"<{type(self).__name__}{where}: {', '.join(names)}>"

    def _repr_html_(self) -> str:
        """The tables with their fields and record counts (one query per table)."""
        from sqlglot import exp

        from ..display import store_html
        counts = {}
        for table in self._stored.tables:
            rows = self._fetch(self._render(exp.select(exp.func("count", exp.Star())).from_(
                self._table_expr(table.name))), {})
            counts[table.name] = int(rows[0][0])
        return store_html(repr(self), self._stored, counts)

    def own_lists(self) -> StoreLists:
        """The lead lists kept in this store's database (``leadrules_*`` tables,
        read-only here): what ``in list NAME`` reads when no lists are given."""
        from .own_lists import StoreLists
        assert self.engine != "spark"  # SparkStore has its own
        return StoreLists(self._fetch, self.engine, self._layout.namespace)

    def sql_for(self, program: Program, name: str, tc: TimeContext) -> SqlQuery:
        """The compiled query of segment ``name`` for this store (for inspection)."""
        from ..sql.query import compile_segment  # sqlglot: imported when first compiling
        return compile_segment(program, name, self._layout, self.engine, tc, shape=self.shape)

    def select_segment(self, program: Program, name: str, tc: TimeContext, *,
                       lead_ids: Sequence[str] | None = None) -> list[str]:
        check_compatible(program.schema, self._stored)

        def compile_query(at: TimeContext, ids: Any) -> SqlQuery:
            # sqlglot is imported only when a query is not in the cache.
            from ..sql.query import compile_segment
            return compile_segment(program, name, self._layout, self.engine, at,
                                   shape=self.shape, lead_ids=ids)
        rows = self._remembered("segment", name, program, tc, compile_query, lead_ids)
        # Sorted in Python: SQL ORDER BY follows the database's collation.
        return sorted(str(r[0]) for r in rows)

    def segment_members(self, program: Program, names: Sequence[str], tc: TimeContext,
                        lead_ids: Sequence[str]) -> dict[str, set[str]]:
        """Per segment of ``names``, which of ``lead_ids`` are in it: one query
        with a column per segment."""
        check_compatible(program.schema, self._stored)
        wanted = list(dict.fromkeys(names))

        def compile_query(at: TimeContext, ids: Any) -> SqlQuery:
            from ..sql.query import compile_segment_flags
            return compile_segment_flags(program, wanted, self._layout, self.engine, at,
                                         shape=self.shape, lead_ids=ids)
        out: dict[str, set[str]] = {n: set() for n in wanted}
        if not wanted:
            return out
        rows = self._remembered("segments", "\n".join(wanted), program, tc, compile_query,
                                lead_ids)
        for row in rows:
            for name, held in zip(wanted, row[1:], strict=True):
                if held:
                    out[name].add(str(row[0]))
        return out

    def _remembered(self, kind: str, name: str, program: Program, tc: TimeContext,
                    compile_query: Callable[[TimeContext, Any], SqlQuery],
                    lead_ids: Sequence[str] | None) -> list[Row]:
        """The rows of ``compile_query``'s query for ``tc`` (restricted to
        ``lead_ids`` when given), its text and parameters kept in the store and
        the user cache (:mod:`leadrules.sql.remembered`): asked again, it needs
        neither sqlglot nor the compiler; the ids are bound afresh every time."""
        from ..sql.dialects import LEAD_IDS
        from ..sql.remembered import remembered
        staged: list[SqlQuery] = []
        bound = None if lead_ids is None else self._bound_ids(lead_ids)
        # Compiled with a stand-in for the ids: the kept text serves every batch.
        stand_in = None if lead_ids is None else ""

        def compile_text(at: TimeContext) -> tuple[str, dict[str, Any]] | None:
            query = compile_query(at, stand_in)
            if self._stages(query):  # several statements: compiled every time
                staged.append(attrs.evolve(query, params={**query.params, LEAD_IDS: bound})
                              if lead_ids is not None else query)
                return None
            return self._text(query), dict(query.params)

        found = remembered(kind if lead_ids is None else f"{kind} of some leads", name,
                           program, self._layout, self.engine, self.shape, tc, compile_text,
                           memo=self._memo)
        if found is None:
            return self._run(staged[-1])
        text, params = found
        if lead_ids is not None:
            params = {**params, LEAD_IDS: bound}
        return self._fetch(text, params)

    def score_rows(self, program: Program, name: str, tc: TimeContext, *,
                   lead_ids: Sequence[str] | None = None) -> list[ScoreRow]:
        """``(lead_id, total, points of each rule…)`` per lead existing as of
        ``tc`` (of ``lead_ids`` only, when given), sorted by id, scoring model
        ``name`` evaluated in the database; the query kept like a segment's, so
        an application scoring the leads of each event compiles it once."""
        check_compatible(program.schema, self._stored)

        def compile_query(at: TimeContext, ids: Any) -> SqlQuery:
            from ..sql.query import compile_score_rows
            return compile_score_rows(program, name, self._layout, self.engine, at,
                                      shape=self.shape, lead_ids=ids).query
        rows = self._remembered("score", name, program, tc, compile_query, lead_ids)
        model = program.scoring(name)
        assert model is not None  # compile_score_rows refused an unknown name
        row_of = score_arithmetic(model, tc).finish
        return sorted((row_of(row) for row in rows), key=lambda r: r[0])

    def grade_rows(self, program: Program, name: str, tc: TimeContext, *,
                   lead_ids: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """``(lead_id, grade letter)`` per existing lead, sorted by id."""
        check_compatible(program.schema, self._stored)

        def compile_query(at: TimeContext, ids: Any) -> SqlQuery:
            from ..sql.expressions import GRADE_INDEX
            from ..sql.query import compile_grading
            query = compile_grading(program, name, self._layout, self.engine, at,
                                    shape=self.shape, lead_ids=ids)
            assert query.columns.index(GRADE_INDEX) == 1  # id, grade_index, grade
            return query
        rows = self._remembered("grade", name, program, tc, compile_query, lead_ids)
        return sorted((str(r[0]), ast.GRADES[int(r[1])]) for r in rows)

    def tier_rows(self, program: Program, name: str, tc: TimeContext, *,
                  lead_ids: Sequence[str] | None = None
                  ) -> list[tuple[str, str | None, str | None]]:
        """``(lead_id, tier or None, reason or None)`` per existing lead, sorted by id."""
        check_compatible(program.schema, self._stored)

        def compile_query(at: TimeContext, ids: Any) -> SqlQuery:
            from ..sql.query import compile_tiers
            return compile_tiers(program, name, self._layout, self.engine, at,
                                 shape=self.shape, lead_ids=ids)
        rows = self._remembered("tiers", name, program, tc, compile_query, lead_ids)
        return sorted((str(r[0]), r[1], r[2]) for r in rows)

    def depth_rows(self, program: Program, name: str, tc: TimeContext, *,
                   lead_ids: Sequence[str] | None = None) -> dict[str, int]:
        """Each existing lead's depth in funnel ``name`` (not an ordered one):
        the index of the last stage it satisfies, -1 for none; of ``lead_ids``
        only, when given (bound as one parameter, the query kept compiled as a
        segment's: asked for each batch of leads, it is compiled once)."""
        check_compatible(program.schema, self._stored)

        def compile_query(at: TimeContext, ids: Any) -> SqlQuery:
            from ..sql.query import compile_depths
            return compile_depths(program, name, self._layout, self.engine, at,
                                  shape=self.shape, lead_ids=ids)
        if lead_ids is None:
            rows = self._run(compile_query(tc, None))
        else:
            rows = self._remembered("depths", name, program, tc, compile_query, lead_ids)
        # Ids are TEXT and depths integer literals in every engine: no conversion.
        return dict(rows)  # type: ignore[arg-type]

    def stage_events(self, program: Program, name: str, tc: TimeContext,
                     value: tuple[str, str] | None = None, *,
                     lead_ids: Sequence[str] | None = None
                     ) -> tuple[list[str], dict[str, list[Event]]]:
        """For ordered funnel ``name``: the ids of the leads existing as of ``tc``,
        and each lead's events that the funnel reads, as the chain search takes
        them (:data:`leadrules.chains.Event`, unsorted): time in µs, source rank,
        ``seq``, step and exclusion masks, and the field ``value`` names; of
        ``lead_ids`` only, when given."""
        check_compatible(program.schema, self._stored)
        from ..sql.query import compile_stage_events
        alive, sources = compile_stage_events(program, name, self._layout, self.engine, tc,
                                              value=value, lead_ids=self._bound(lead_ids))
        ids = [str(r[0]) for r in self._run(alive)]
        decode = None
        if value is not None:
            ftype = program.field_type(*value)
            decode = value_decoder(ftype, self.engine)
        out: dict[str, list[Event]] = {}
        for source, query in sources:
            if query is None:
                continue
            rank = source.rank
            rows = self._run(query)
            if decode is not None and value is not None and value[0] == source.name:
                for lead_id, when, seq, mask, xmask, raw in rows:
                    out.setdefault(lead_id, []).append(
                        (when, rank, seq, mask, xmask, decode(raw)))
            else:
                for lead_id, when, seq, mask, xmask, _ in rows:
                    out.setdefault(lead_id, []).append((when, rank, seq, mask, xmask, None))
        return ids, out

    # -- the write API (stores/base.py WritableStore) ----------------------------
    @abc.abstractmethod
    def _writing(self) -> contextlib.AbstractContextManager[Writer]:
        """One write transaction: committed when the block ends, rolled back
        (nothing written) when it raises."""

    @property
    def mapped(self) -> bool:
        """Whether the store reads the user's own tables through a mapping (read-only)."""
        return any(t.source is not None for t in self._layout.tables.values())

    #: Why the store takes no writes whatever its tables are (a store of DataFrames).
    _read_only: str | None = None

    def _refuse_mapped(self) -> None:
        if self._read_only is not None:
            raise StoreError(self._read_only)
        if self.mapped:
            raise StoreError("this store reads your own tables through a mapping: leadrules "
                             "never writes to them (write to your tables yourself, or "
                             "import the data into a store of its own)")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Make every write inside the block one transaction (all or nothing):
        ``with store.transaction(): store.upsert_leads(…); store.add_events(…)``."""
        self._refuse_mapped()
        if self._active is not None:
            yield
            return
        with self._writing() as w:
            self._active = w
            try:
                yield
            finally:
                self._active = None

    def _write(self) -> contextlib.AbstractContextManager[Writer]:
        self._refuse_mapped()
        if self._active is not None:
            return contextlib.nullcontext(self._active)
        return self._writing()

    def upsert_leads(self, records: Iterable[Mapping[str, Any]]) -> int:
        from ..memory import prepare_leads
        table = self._stored.lead
        normalized = prepare_leads(table, records)
        if not normalized:
            return 0
        encode = row_encoder(table, self.engine)
        # Encoding problems before any write.
        rows = self._shadowed(table, [encode(0, r) for r in normalized])
        columns = [c for c, _ in physical_columns(table)]
        key_at = columns.index(LEAD_KEY)
        with self._write() as w:
            ids = [r[key_at] for r in rows]
            existing = self._present(w, LEAD, LEAD_KEY, ids)
            old = [r for r in rows if r[key_at] in existing]
            new = [r for r in rows if r[key_at] not in existing]
            if old:
                kept = [i for i, c in enumerate(columns) if c not in (SEQ, LEAD_KEY)]
                sets = ", ".join(f"{_quote(columns[i])} = {w.param}" for i in kept)
                w.executemany(f"UPDATE {self._table_sql(LEAD)} SET {sets} WHERE "
                              f"{_quote(LEAD_KEY)} = {w.param}",
                              [[r[i] for i in kept] + [r[key_at]] for r in old])
            self._insert(w, table, new)
        return len(normalized)

    def delete_leads(self, ids: Iterable[str]) -> int:
        from ..memory import prepare_ids
        wanted = prepare_ids(ids)
        if not wanted:
            return 0
        with self._write() as w:
            present = self._present(w, LEAD, LEAD_KEY, wanted)
            for chunk in _chunks(wanted):
                w.execute(f"DELETE FROM {self._table_sql(LEAD)} WHERE {_quote(LEAD_KEY)} "
                          f"IN ({w.marks(len(chunk))})", chunk)
                for source in self._stored.sources:
                    w.execute(f"DELETE FROM {self._table_sql(source.name)} WHERE "
                              f"{_quote(EVENT_LEAD_KEY)} IN ({w.marks(len(chunk))})", chunk)
        return len(present)

    def add_events(self, source: str, records: Iterable[Mapping[str, Any]], *,
                   key: str | None = None) -> int:
        self._refuse_mapped()  # before naming a source it could not take anyway
        table = self._stored.source(source)
        if table is None:
            hint = suggest(source, self._stored.source_names) or (
                "a store holds the sources it was imported with: import the data again "
                f"with a {source}.csv (or {source}.jsonl) file in the folder to add it")
            raise DataError([Diagnostic(f"the store has no source {source!r}", hint=hint)])
        from ..memory import prepare_events
        normalized = prepare_events(table, records, key)
        if not normalized:
            return 0
        encode = row_encoder(table, self.engine)
        rows = self._shadowed(table, [encode(0, r) for r in normalized])
        with self._write() as w:
            if key is not None:
                at = [c for c, _ in physical_columns(table)].index(key)
                w.execute(f"CREATE INDEX IF NOT EXISTS {_quote(f'{source}__key_{key}')} ON "
                          f"{self._table_sql(source)} ({_quote(key)})", [])
                stored = self._present(w, source, key, [r[at] for r in rows])
                rows = [r for r in rows if r[at] not in stored]
            self._insert(w, table, rows)
        return len(rows)

    def _shadowed(self, table: Table, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """Encoded rows as the store keeps its shadows (by default as encoded)."""
        return rows

    def _present(self, w: Writer, table: str, column: str, values: Sequence[Any]) -> set[Any]:
        """Which of ``values`` the column holds (as stored)."""
        found: set[Any] = set()
        for chunk in _chunks(list(values)):
            found.update(r[0] for r in w.execute(
                f"SELECT {_quote(column)} FROM {self._table_sql(table)} WHERE {_quote(column)} "
                f"IN ({w.marks(len(chunk))})", chunk))
        return found

    def _insert(self, w: Writer, table: Table, rows: Sequence[Sequence[Any]]) -> None:
        """Insert encoded rows (their ``seq`` replaced by the table's next ones)."""
        if not rows:
            return
        meta = self._table_sql(META_TABLE)
        counter = _NEXT_SEQ + table.name
        found = w.execute(f"SELECT value FROM {meta} WHERE key = {w.param}", [counter])
        if found:
            first = int(found[0][0])
        else:
            first = int(w.execute(f"SELECT COALESCE(MAX({_quote(SEQ)}), -1) + 1 FROM "
                                  f"{self._table_sql(table.name)}", [])[0][0])
        columns = [c for c, _ in physical_columns(table)]
        w.executemany(
            f"INSERT INTO {self._table_sql(table.name)} ({', '.join(map(_quote, columns))}) "
            f"VALUES ({w.marks(len(columns))})",
            [(first + i, *row[1:]) for i, row in enumerate(rows)])
        w.execute(f"DELETE FROM {meta} WHERE key = {w.param}", [counter])
        w.execute(f"INSERT INTO {meta} VALUES ({w.marks(2)})", [counter, str(first + len(rows))])

    def _table_sql(self, name: str) -> str:
        db = self._layout.namespace
        return _quote(name) if db is None else f"{_quote(db)}.{_quote(name)}"

    def lead_rows(self, columns: Sequence[str],
                  segment: tuple[Program, str, TimeContext] | None = None
                  ) -> list[tuple[Any, ...]]:
        """``(id, lead fields…)`` sorted by id, of every lead or of the leads in
        ``segment``: one query, the segment's query nested as a subquery (its
        values stay bound parameters)."""
        from sqlglot import exp
        stored = self._stored.table(LEAD)
        assert stored is not None
        present = [c for c in columns if stored.field(c) is not None]
        decoders = dict(zip(stored.field_names, self._decoders[LEAD], strict=True))
        names = [LEAD_KEY, *present]
        query = exp.select(*(exp.column(n, quoted=True) for n in names)).from_(
            self._table_expr(LEAD))
        params: Mapping[str, Any] = {}
        if segment is not None:
            program, name, tc = segment
            check_compatible(program.schema, self._stored)
            inner = self.sql_for(program, name, tc)
            query = query.where(exp.In(this=exp.column(LEAD_KEY, quoted=True),
                                       query=exp.Subquery(this=inner.tree.copy())))
            params = inner.params
        rows = []
        for row in self._fetch(self._render(query), params):
            values = {n: decoders[n](v) for n, v in zip(names, row, strict=True)}
            rows.append((str(values[LEAD_KEY]), *(values.get(c) for c in columns)))
        rows.sort(key=lambda r: str(r[0]))
        return rows

    # -- records -----------------------------------------------------------------
    def _records(self, table_name: str, where: tuple[str, Any] | None) -> list[Record]:
        from sqlglot import exp
        stored = self._stored.table(table_name)
        full = self._schema.table(table_name)
        assert stored is not None and full is not None
        query = exp.select(*(exp.column(f.name, quoted=True) for f in stored.fields)).from_(
            self._table_expr(table_name))
        params: dict[str, Any] = {}
        if where is not None:
            query = query.where(exp.EQ(this=exp.column(where[0], quoted=True),
                                       expression=exp.Placeholder(this="key")))
            params["key"] = where[1]
        order = [EVENT_TIME, SEQ] if table_name != LEAD else [SEQ]
        query = query.order_by(*(exp.column(c, quoted=True) for c in order))
        names = stored.field_names
        decoders = self._decoders[table_name]
        missing = {f.name: None for f in full.fields if f.name not in names}
        out = []
        for row in self._fetch(self._render(query), params):
            record = {n: d(v) for n, d, v in zip(names, decoders, row, strict=True)}
            record.update(missing)
            out.append(record)
        return out

    def _refuse_repeated_ids(self) -> None:
        """Refuse a mapped lead table that holds a lead id on two rows: every answer
        would count that lead twice (two score rows, a segment's blocks true on
        different rows).  One ``GROUP BY`` over the table's ids, read as every
        query reads them, when the store opens."""
        from sqlglot import exp
        t = self._layout.table(LEAD)
        if t is None or t.source is None:
            return
        # As text, as records read it: SQLite keeps 1 and '1' apart in an untyped column.
        ids = exp.Cast(this=exp.column(LEAD_KEY, "t", quoted=True),
                       to=exp.DataType.build("TEXT"))
        query = (exp.select(ids, exp.Count(this=exp.Star()))
                 .from_(self._table_expr(LEAD))
                 .group_by(ids.copy())
                 .having(exp.GT(this=exp.Count(this=exp.Star()), expression=exp.Literal.number(1)))
                 .limit(1))
        found = self._fetch(self._render(query), {})
        if not found:
            return
        value, count = found[0]
        table = ".".join(t.source.parts)
        column = t.source.columns[LEAD_KEY].name
        raise DataError([Diagnostic(
            f"the lead table {table} holds the lead id {value!r} on {count} rows (column "
            f"{column!r}): every lead needs one row, or each answer counts it twice",
            hint=f"find them with SELECT {column}, count(*) FROM {table} GROUP BY {column} "
                 "HAVING count(*) > 1; a view that joins the leads to another table often "
                 "repeats them: map a table or view with one row per lead")])

    def _table_expr(self, name: str) -> exp.Table | exp.Subquery:
        from sqlglot import exp

        from ..sql import mapped
        stored = self._layout.table(name)
        if stored is not None and stored.source is not None:
            return mapped.derived(stored, self._layout, self.engine, "t", seq=True,
                                  lead=name == LEAD)
        db = self._layout.namespace
        return exp.Table(this=exp.to_identifier(name, quoted=True),
                         db=exp.to_identifier(db, quoted=True) if db else None)


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start:start + _IN_CHUNK]


@contextlib.contextmanager
def write_errors(engine: str, error: type[BaseException]) -> Iterator[None]:
    """Turn the driver's ``error`` into a :class:`StoreError` naming ``engine``."""
    try:
        yield
    except error as exc:
        raise StoreError(f"{engine} failed to write: {exc}".strip()) from None


def _merge(stored: Schema, extra: Schema) -> Schema:
    """``stored`` plus the fields and sources of ``extra`` it lacks (read as missing)."""
    schema = stored
    for table in extra.tables:
        mine = schema.table(table.name)
        new = [f for f in table.fields if mine is None or mine.field(f.name) is None]
        if new or mine is None:
            schema = schema.extend(table.name, new)
    return schema


def layout_of(schema: Schema, *, namespace: str | None = None,
              datetime_as_micros: bool = False, engine_shadows: bool = False) -> Layout:
    """The layout of a store holding exactly ``schema``'s tables and fields."""
    return Layout.for_schema(schema, namespace=namespace, datetime_as_micros=datetime_as_micros,
                             engine_shadows=engine_shadows)


# ----------------------------------------------------------------- metadata


def schema_from_rows(rows: Iterable[Row]) -> Schema:
    """The schema described by ``leadrules_field`` rows ``(tpos, tbl, pos, name, type)``."""
    tables: dict[str, list[Field]] = {}
    for _tpos, tbl, _pos, name, ftype in sorted(rows, key=lambda r: (r[0], r[2])):
        tables.setdefault(str(tbl), []).append(Field(str(name), FieldType(str(ftype))))
    lead = Table(LEAD, tuple(tables.pop(LEAD, [])))
    return Schema(lead, tuple(Table(n, tuple(fs)) for n, fs in tables.items()))


def schema_rows(schema: Schema) -> list[tuple[int, str, int, str, str]]:
    return [(tpos, t.name, pos, f.name, f.type.value)
            for tpos, t in enumerate(schema.tables) for pos, f in enumerate(t.fields)]


def create_statements(schema: Schema, engine: Engine, namespace: str | None = None, *,
                      clustered_events: bool = False) -> list[str]:
    """DDL for the metadata and data tables.

    The lead table's key is ``id``.  ``clustered_events`` (SQLite) makes each
    event table a ``WITHOUT ROWID`` table keyed by ``(lead_id, occurred_at,
    seq)``; other engines get their indexes after the load.
    """
    types = COLUMN_TYPES[engine]

    def name(table: str) -> str:
        return _quote(table) if namespace is None else f"{_quote(namespace)}.{_quote(table)}"

    text, integer = types[FieldType.TEXT], INTEGER_TYPES[engine]
    out = [
        f"CREATE TABLE {name(META_TABLE)} (key {text} PRIMARY KEY, value {text})",
        f"CREATE TABLE {name(FIELD_TABLE)} (tpos {integer}, tbl {text}, pos {integer}, "
        f"name {text}, type {text})",
    ]
    for table in schema.tables:
        columns = []
        for column, ftype in physical_columns(table):
            sql_type = integer if ftype is None else types[ftype]
            required = column in (SEQ, EVENT_LEAD_KEY, EVENT_TIME) or (
                table.is_lead and column == LEAD_KEY)
            columns.append(f"{_quote(column)} {sql_type}{' NOT NULL' if required else ''}")
        suffix = ""
        if table.is_lead:
            columns.append(f"PRIMARY KEY ({_quote(LEAD_KEY)})")
        elif clustered_events:
            keys = ", ".join(_quote(c) for c in (EVENT_LEAD_KEY, EVENT_TIME, SEQ))
            columns.append(f"PRIMARY KEY ({keys})")
            suffix = " WITHOUT ROWID"
        out.append(f"CREATE TABLE {name(table.name)} ({', '.join(columns)}){suffix}")
    return out


def meta_rows() -> list[tuple[str, str]]:
    return [("format", FORMAT_VERSION)]


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def quote(identifier: str) -> str:
    """``identifier`` as a double-quoted SQL identifier."""
    return _quote(identifier)
