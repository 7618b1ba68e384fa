"""SparkStore: rules run inside a SparkSession, over the tables and views it has.

A Spark store is always a mapping onto the user's own tables
(:mod:`.mapping`): tables and temporary views of the session, or, without a
mapping, the tables named after the schema's (``lead``, ``tracking`` …) with
columns named after the fields.  Every query is the compiled SQL of
:mod:`leadrules.sql` in the ``spark`` dialect, run with
``spark.sql(query, args={…})`` (named ``:pN`` parameters, values never pasted
into the text), on a classic session or over Spark Connect.

Datetimes are integer microseconds in every query (``UNIX_MICROS`` of a
``TIMESTAMP``; the instants of the rules bound as integers): exact, and
independent of ``spark.sql.session.timeZone`` and ``spark.sql.timestampType``
(``collect()`` would return naive datetimes in the driver's zone).
docs/spark.md has the rest: case sensitivity, regex, lower(), plan shape,
results as a DataFrame.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, assert_never

from ..errors import Diagnostic, QueryTimeout, StoreError, UsageError
from ..schema import DEFAULT_SCHEMA, FieldType, Schema
from ..sql.layout import LOWER_SUFFIX, Layout
from .base import Capability, check_compatible
from .dbapi import Row, SqlStore, Writer
from .layout import SEQ, TAG_SEPARATOR
from .mapping import NATURAL_TYPES, offline, resolve, written_name

if TYPE_CHECKING:
    from ..api import SegmentRule
    from ..chains import Anchor
    from ..dates import TimeContext
    from ..funnel import FunnelRule
    from ..handles import AsOf, Declared
    from ..scoring import GradingRule, ScoringRule, TiersRule
    from ..semantics import FunnelSource
    from ..sql.query import SqlQuery
    from .own_lists import StoreLists

CASE_SENSITIVE = "spark.sql.caseSensitive"
SESSION_SETTINGS = {CASE_SENSITIVE: "true", "spark.sql.parser.escapedStringLiterals": "false"}
"""The settings the store's SQL needs, set on the session when a store opens:
fields differing only in case are two columns, and a backslash in a string (a
bound pattern's ``\\d``, which classic PySpark passes as literal text) is an
escape, as in every query the store and ``leadrules sql --dialect spark`` write."""

# The Spark type of each field type, as a table written by an application holds it.
SPARK_TYPES = NATURAL_TYPES["spark"]


def _errors() -> tuple[type[BaseException], ...]:
    """What a failed query raises: PySpark's errors, and on a classic session the
    JVM's errors PySpark does not convert (a cancelled job)."""
    try:
        from py4j.protocol import Py4JJavaError
        from pyspark.errors import PySparkException
    except ImportError:
        raise StoreError("Spark stores need pyspark: pip install 'leadrules[spark]'"
                         ) from None
    return (PySparkException, Py4JJavaError)


def _connect(spark: Any) -> bool:
    """Whether ``spark`` is a Spark Connect session (else a classic one)."""
    return type(spark).__module__.startswith("pyspark.sql.connect")


def _check_session(spark: Any) -> None:
    """Refuse what is not a SparkSession (its context, a DataFrame, None) before
    it fails as an AttributeError or a caseSensitive error deep in the store."""
    if any(c.__name__ == "SparkSession" and c.__module__.startswith("pyspark.sql")
           for c in type(spark).__mro__):
        return
    given = "None" if spark is None else f"a {type(spark).__name__}"
    hint = "pass the session: lr.SparkStore(spark), spark = SparkSession.builder…getOrCreate()"
    if type(spark).__name__ == "DataFrame":
        hint = ("pass its session (df.sparkSession) and name the DataFrame as a view: "
                "df.createOrReplaceTempView('tracking'), or in a mapping (docs/spark.md)")
    elif type(spark).__name__ == "SparkContext":
        hint = "pass the session, not its context: SparkSession.builder.getOrCreate()"
    raise UsageError([Diagnostic(
        f"SparkStore needs a SparkSession (classic or Spark Connect), not {given}", hint=hint)])


class SparkStore(SqlStore):
    """Rules evaluated by Spark SQL in ``spark`` (a ``SparkSession``, classic or
    Spark Connect) over its tables / views, read through ``mapping`` (the dict
    of a mapping file; docs/stores.md, "Your own tables").

    ``spark.sql.caseSensitive`` is set to ``true`` on the session (with Spark's
    default, fields differing only in case, ``Email`` beside ``email``, are one
    column) and ``spark.sql.parser.escapedStringLiterals`` to ``false`` (its
    default; with ``true`` a bound regex's backslashes reach ``RLIKE`` doubled).
    Read-only: leadrules never writes to the tables.
    """

    engine = "spark"
    capabilities = SqlStore.capabilities | {Capability.SEGMENT_BATCH}

    def __init__(self, spark: Any, *, mapping: Mapping[str, Mapping[str, Any]] | None = None,
                 schema: Schema | None = None, timeout: float | None = None) -> None:
        errors = _errors()
        _check_session(spark)
        self._spark = spark
        self.timeout = timeout
        for key, value in SESSION_SETTINGS.items():
            try:
                if str(spark.conf.get(key, value)).lower() != value:
                    spark.conf.set(key, value)
            except errors as exc:
                raise StoreError(f"SparkStore needs {key}={value} and could not set it: "
                                 f"{exc}") from None
        rules_schema = schema or DEFAULT_SCHEMA
        if mapping is None:
            mapping = self._default_mapping(rules_schema)
        stored, layout = resolve(mapping, rules_schema, "spark", self._describe,
                                 datetime_as_micros=True, listing=self._tables)
        super().__init__(stored, layout, rules_schema)

    @property
    def spark(self) -> Any:
        """The session the store runs its queries in."""
        return self._spark

    # -- the engine ------------------------------------------------------------
    def _describe(self, parts: tuple[str, ...]) -> list[tuple[str, str]] | None:
        """The columns ``(name, Spark type)`` of a table or view, None if there is none."""
        name = ".".join(_quote(p) for p in parts)
        try:
            fields = self._spark.table(name).schema.fields
        except _errors():
            return None
        return [(f.name, _declared(f)) for f in fields] or None

    def _tables(self) -> list[str]:
        """The tables and views of the session's current database and its temporary
        views, as a mapping names them (bare, as they are found)."""
        try:  # (catalog.listTables fails to decode its rows on Spark 4 here)
            found = self._spark.sql("SHOW TABLES").collect()
        except _errors():
            return []
        return [written_name(str(row["tableName"])) for row in found]

    def _default_mapping(self, schema: Schema) -> dict[str, dict[str, Any]]:
        """Tables named after the schema's, columns after the fields (``seq`` orders ties)."""
        out: dict[str, dict[str, Any]] = {}
        for table in schema.tables:
            described = self._describe((table.name,))
            if described is None:
                if table.is_lead:
                    raise StoreError("SparkStore: the session has no table or view 'lead'; "
                                     "name your tables with mapping= (docs/spark.md)")
                continue
            entry: dict[str, Any] = {"table": table.name}
            for column, _type in described:
                if column == SEQ:
                    entry["seq"] = column
                elif not column.endswith(LOWER_SUFFIX) and column != "table":
                    entry[column] = column
            out[table.name] = entry
        return out

    def _sql(self, text: str, params: Mapping[str, Any]) -> Any:
        """The DataFrame of one query: every query of the store is made here."""
        return self._spark.sql(text, args=dict(params) or None)

    def _text(self, query: SqlQuery) -> str:
        return query_text(query)

    def _fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        errors = _errors()
        if self.timeout is None:
            try:
                rows = self._sql(sql, params).collect()
            except errors as exc:
                raise StoreError(f"Spark failed: {exc}") from None
            return [tuple(r) for r in rows]
        # The query's jobs are tagged; past the limit a timer cancels the tag:
        # job tags (tasks interrupted) on a classic session, operation tags on
        # Spark Connect.
        import threading
        import uuid
        tag = f"leadrules-{uuid.uuid4().hex}"
        fired = threading.Event()
        done = threading.Event()
        remote = _connect(self._spark)
        context = None if remote else self._spark.sparkContext

        def interrupt() -> None:
            # Again and again until the query ends: a cancel reaches only the
            # jobs (operations) running when it is sent, and the limit may pass
            # between two of them (after spark.sql(), before collect()).
            fired.set()
            while not done.is_set():
                with contextlib.suppress(*errors):
                    if context is None:
                        self._spark.interruptTag(tag)
                    else:
                        context.cancelJobsWithTag(tag)
                done.wait(0.2)
        timer = threading.Timer(self.timeout, interrupt)
        if context is None:
            self._spark.addTag(tag)
        else:
            interrupting = context.getLocalProperty("spark.job.interruptOnCancel")
            context.addJobTag(tag)
            context.setInterruptOnCancel(True)
        try:
            timer.start()
            rows = self._sql(sql, params).collect()
        except errors as exc:
            if fired.is_set():
                raise QueryTimeout(self.timeout, "Spark") from None
            raise StoreError(f"Spark failed: {exc}") from None
        finally:
            done.set()
            timer.cancel()
            if context is None:
                self._spark.removeTag(tag)
            else:
                context.removeJobTag(tag)
                context.setLocalProperty("spark.job.interruptOnCancel", interrupting)
        return [tuple(r) for r in rows]

    def _bound_ids(self, lead_ids: Sequence[str]) -> Any:
        return list(lead_ids)  # an ARRAY<STRING>: ARRAY_CONTAINS(:lead_ids, id)

    def close(self) -> None:
        """Nothing to release: the session is the caller's."""

    def own_lists(self) -> StoreLists:
        """None: lists live beside a Spark store (``lists=`` / ``--state``), never in
        the session's tables."""
        from .own_lists import StoreLists

        class NoLists(StoreLists):
            def _has_tables(self) -> bool:
                return False
        return NoLists(self._fetch, "duckdb")

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Writer]:
        raise StoreError("SparkStore is read-only: leadrules never writes to your tables")
        yield  # pragma: no cover

    # -- results at warehouse scale ---------------------------------------------
    # Each is the DataFrame of exactly the query `leadrules sql --dialect spark
    # --params` prints, computed where the data is: nothing is collected on the
    # driver, nothing is finished in Python (docs/spark.md says what that means
    # for scores).
    def segment_dataframe(self, segment: SegmentRule, as_of: AsOf = None, *,
                          timezone: str | None = None) -> Any:
        """The leads in ``segment`` as a Spark DataFrame of one column ``id``:
        write it with ``.write.saveAsTable(…)``, join it, count it."""
        from ..sql.query import compile_segment
        _require_rule("segment_dataframe", "segment", segment)
        return self._dataframe(segment, as_of, timezone, compile_segment)

    def scores_dataframe(self, model: ScoringRule, as_of: AsOf = None, *,
                         timezone: str | None = None) -> Any:
        """Per lead existing as of ``as_of``: ``id``, each rule's points (a column
        per rule key, caps applied) and ``total``, all computed by Spark (in
        double arithmetic where the model has decay or fractional points)."""
        from ..sql.query import compile_scoring
        _require_rule("scores_dataframe", "scoring", model)
        return self._dataframe(model, as_of, timezone, compile_scoring)

    def grades_dataframe(self, profile: GradingRule, as_of: AsOf = None, *,
                         timezone: str | None = None) -> Any:
        """Per lead existing as of ``as_of``: ``id``, ``grade_index`` (0 = F …
        12 = A+) and ``grade`` (the letter)."""
        from ..sql.query import compile_grading
        _require_rule("grades_dataframe", "grading", profile)
        return self._dataframe(profile, as_of, timezone, compile_grading)

    def tiers_dataframe(self, tiers: TiersRule, as_of: AsOf = None, *,
                        timezone: str | None = None) -> Any:
        """Per lead existing as of ``as_of``: ``id``, ``tier`` (NULL when excluded
        or unmatched) and ``reason`` (why there is no tier)."""
        from ..sql.query import compile_tiers
        _require_rule("tiers_dataframe", "tiers", tiers)
        return self._dataframe(tiers, as_of, timezone, compile_tiers)

    def depths_dataframe(self, funnel: FunnelRule, as_of: AsOf = None, *,
                         timezone: str | None = None) -> Any:
        """Per lead existing as of ``as_of``: ``id`` and ``depth``, the index of
        the last stage of the funnel it satisfies, -1 for none --
        ``funnel.depths()``, whose counts make the report.

        An ordered funnel's chains are searched per lead by the chain search of
        :mod:`leadrules.chains`, as a Python UDF on the executors (leadrules must be
        importable there): Spark selects each source's events the funnel reads
        (the queries ``stage_events`` runs), groups them by lead, and the UDF gives
        the lead's depth; the ids never come to the driver."""
        _require_rule("depths_dataframe", "funnel", funnel)
        if funnel.ordered:
            from pyspark.sql.types import IntegerType
            tc = funnel.rules.time_context(as_of, timezone)
            found = self._per_lead(funnel, tc, funnel.chain_depth(tc), IntegerType())
            F = _functions(self._spark)
            return found.select("id", F.coalesce(F.col("found"), F.lit(-1)).alias("depth"))
        from ..sql.query import compile_depths
        return self._dataframe(funnel, as_of, timezone, compile_depths)

    def chains_dataframe(self, funnel: FunnelRule, as_of: AsOf = None, *,
                         timezone: str | None = None, anchor: Anchor = "first",
                         by: str | None = None, attribution: str = "first") -> Any:
        """Per lead existing as of ``as_of``, for an ordered funnel: ``id``,
        ``depth`` (as :meth:`depths_dataframe`), ``times`` (``array<timestamp>``:
        the times of the events of the chain ``report(anchor=…)`` measures, one
        per step filled, so ``depth + 1`` of them; empty for depth -1) and, with
        ``by="SOURCE.FIELD"``, ``value``: the field on the chain's event
        ``attribution`` names (``first``, ``last`` or a stage), the value
        ``report(by=…, attribution=…)`` groups the lead by (NULL for its
        ``(missing)`` group).  The chains are searched as for
        :meth:`depths_dataframe`, by a UDF on the executors."""
        _require_rule("chains_dataframe", "funnel", funnel)
        if not funnel.ordered:
            raise UsageError([Diagnostic(
                f"chains_dataframe: funnel '{funnel.name}' is not ordered, so it has no "
                "chains", hint="store.depths_dataframe(funnel) gives its depths")])
        from pyspark.sql.types import ArrayType, IntegerType, LongType, StructField, StructType
        tc = funnel.rules.time_context(as_of, timezone)
        chain = funnel.chain_of(tc, anchor, by=by, attribution=attribution)
        value: tuple[str, str] | None = None
        ftype = FieldType.TEXT
        if by is not None:  # checked by chain_of: an event field SOURCE.FIELD
            source, _, name = by.partition(".")
            value = (source, name)
            ftype = funnel.rules.program.field_type(source, name)
        carried = _carried(ftype)
        found = self._per_lead(funnel, tc, chain, StructType([
            StructField("depth", IntegerType()), StructField("times", ArrayType(LongType())),
            StructField("value", carried)]), value, carried)
        F = _functions(self._spark)
        columns = [F.coalesce(F.col("found.depth"), F.lit(-1)).alias("depth"),
                   F.coalesce(F.expr("transform(found.times, t -> timestamp_micros(t))"),
                              F.expr("CAST(array() AS array<timestamp>)")).alias("times")]
        if value is not None:
            picked = F.col("found.value")
            if ftype == FieldType.TEXT_LIST:
                # Carried as the store's joined text; an empty list is no value
                # (leadrules.values), as the report's (missing) has it.
                picked = F.expr(f"split(nullif(found.value, ''), '[{TAG_SEPARATOR}]')")
            columns.append(picked.alias("value"))
        try:
            return found.select("id", *columns)
        except _errors() as exc:
            raise StoreError(f"Spark failed: {exc}") from None

    def _per_lead(self, funnel: FunnelRule, tc: TimeContext,
                  per_lead: Callable[[list[Any]], Any], returns: Any,
                  value: tuple[str, str] | None = None, value_type: Any = None) -> Any:
        """``id`` of each lead existing as of ``tc`` and ``found``: ``per_lead`` of
        its events (:data:`leadrules.chains.Event`, ``value`` the field
        ``value`` names, as ``value_type``), a Python UDF returning ``returns``;
        NULL for a lead without events."""
        F = _functions(self._spark)
        from ..sql.query import compile_stage_events
        program = funnel.rules.program
        check_compatible(program.schema, self._stored)
        alive, sources = compile_stage_events(program, funnel.name, self._layout,
                                              self.engine, tc, value=value)
        columns = ["lead_id", "t", "seq", "mask", "xmask", "value"]

        def event(source: FunnelSource) -> Any:
            parts = [F.col("t"), F.lit(source.rank), F.col("seq"), F.col("mask"),
                     F.col("xmask")]
            if value is not None:  # the field on its source's events, NULL on the others
                parts.append(F.col("value").cast(value_type) if source.name == value[0]
                             else F.lit(None).cast(value_type))
            return F.struct(*parts).alias("e")
        try:
            ids = self._sql(self._text(alive), alive.params).toDF("id")
            frames = [self._sql(self._text(query), query.params).toDF(*columns)
                      .select("lead_id", event(source))
                      for source, query in sources if query is not None]
            if not frames:
                return ids.select("id", F.lit(None).cast(returns).alias("found"))
            events = frames[0]
            for frame in frames[1:]:
                events = events.unionAll(frame)
            # A plain (pickled) Python UDF: pyarrow need not be on the executors.
            udf = F.udf(functools.partial(_of_lead_events, per_lead), returns, useArrow=False)
            found = (events.groupBy("lead_id").agg(F.collect_list("e").alias("events"))
                     .select(F.col("lead_id").alias("id"), udf("events").alias("found")))
            return ids.join(found, "id", "left")
        except _errors() as exc:
            raise StoreError(f"Spark failed: {exc}") from None

    def _dataframe(self, rule: Declared[Any], as_of: AsOf, timezone: str | None,
                   compile_query: Callable[..., SqlQuery]) -> Any:
        program = rule.rules.program
        check_compatible(program.schema, self._stored)
        tc = rule.rules.time_context(as_of, timezone)
        query = compile_query(program, rule.name, self._layout, self.engine, tc,
                              shape=self.shape)
        try:
            return self._sql(self._text(query), query.params)
        except _errors() as exc:
            raise StoreError(f"Spark failed: {exc}") from None


# The DataFrame method of each kind of rule, in the words of the accessor that
# gives the rule (rules.segment("hot")).
DATAFRAME_METHODS = {"segment": "segment_dataframe", "scoring": "scores_dataframe",
                     "grading": "grades_dataframe", "tiers": "tiers_dataframe",
                     "funnel": "depths_dataframe"}


def _rule_kind(given: object) -> tuple[str, str] | None:
    """The accessor that gives a rule of ``given``'s kind (``segment``,
    ``scoring``, ``grading``, ``tiers`` or ``funnel``) and its name; None for
    anything else."""
    # By the declaration each holds: the rule classes' modules reach every back end.
    from ..check import declaration_kind
    from ..handles import Declared
    if not isinstance(given, Declared):
        return None
    kind = declaration_kind(given.ast)
    return None if kind is None else (kind, given.name)


def _require_rule(method: str, kind: str, given: object) -> None:
    """A UsageError unless ``given`` is a rule of ``kind`` (what ``rules.KIND(name)``
    returns): a name, or another kind of rule, says what ``method`` takes."""
    found = _rule_kind(given)
    if found is not None and found[0] == kind:
        return
    wanted = f"store.{method}(rules.{kind}({{name!r}}), as_of)"
    if found is not None:
        given_kind, name = found
        shown = f"the {given_kind} '{name}'"
        hint = (f"a {given_kind} has its own method: store.{DATAFRAME_METHODS[given_kind]}"
                f"(rules.{given_kind}({name!r}), as_of); this one takes "
                + wanted.format(name="NAME"))
    elif isinstance(given, str):
        shown = f"the text {given!r}"
        hint = "pass the rule, not its name: " + wanted.format(name=given)
    else:
        name = type(given).__name__
        shown = "None" if given is None else f"{'an' if name[0] in 'aeiouAEIOU' else 'a'} {name}"
        hint = "write " + wanted.format(name="NAME")
    raise UsageError([Diagnostic(f"{method} takes a {kind} rule, got {shown}",
                                 hint=hint)])


def _functions(spark: Any) -> Any:
    """``pyspark.sql.functions`` for ``spark``: a Connect session's, or a classic one's."""
    if _connect(spark):
        from pyspark.sql.connect import functions as connect_functions
        return connect_functions
    from pyspark.sql import functions as classic_functions
    return classic_functions


def _carried(ftype: FieldType) -> Any:
    """The Spark type a breakdown field's value travels in through the UDF: a list
    of text as the store's joined text, split after it."""
    from pyspark.sql import types
    match ftype:
        case FieldType.TEXT | FieldType.TEXT_LIST:
            return types.StringType()
        case FieldType.NUMBER:
            return types.DoubleType()
        case FieldType.BOOL:
            return types.BooleanType()
        case FieldType.DATETIME:  # FunnelRule.chain_of refuses a datetime breakdown
            raise UsageError("cannot break a funnel down by a datetime field")
        case _:
            assert_never(ftype)


def _of_lead_events(per_lead: Callable[[list[Any]], Any], events: Sequence[Any]) -> Any:
    """``per_lead`` of a lead's events as ``collect_list`` gives them (rows of time
    µs, source rank, seq, step and exclusion masks[, value]) as the chain search
    takes them (:data:`leadrules.chains.Event`)."""
    return per_lead([(e[0], e[1], e[2], e[3], e[4], e[5] if len(e) > 5 else None)
                     for e in events])


def query_text(query: SqlQuery) -> str:
    """The text :class:`SparkStore` runs for a compiled query (pretty-printed, its
    values ``:pN`` parameters): what ``leadrules sql --dialect spark --params``
    prints, character for character."""
    return query.render(pretty=True)


def _quote(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"


def spark_layout(schema: Schema) -> tuple[Schema, Layout]:
    """The schema and layout of :class:`SparkStore` without a mapping over tables
    holding every field of ``schema`` in its natural Spark type
    (:data:`SPARK_TYPES`): what ``leadrules sql --dialect spark`` compiles for."""
    mapping = {t.name: {"table": t.name, **{f.name: f.name for f in t.fields}}
               for t in schema.tables}
    return offline(mapping, schema, "spark")


_CHAR_TYPE = "__CHAR_VARCHAR_TYPE_STRING"


def _declared(field: Any) -> str:
    """A column's Spark type as declared: a table's ``CHAR(n)`` / ``VARCHAR(n)``
    column is a ``string`` in the schema, its declaration kept in the field's
    metadata (``char(6)``), and a ``CHAR(n)`` reads padded with blanks."""
    declared = (field.metadata or {}).get(_CHAR_TYPE)
    return str(declared) if declared else str(field.dataType.simpleString())
