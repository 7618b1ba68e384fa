"""The store interface: what every backend provides.

A store holds leads and their events for one :class:`~leadrules.schema.Schema`.

* **Required of every store: the record methods** (:class:`Store`) --
  :meth:`~Store.leads`, :meth:`~Store.lead`, :meth:`~Store.events_of` give
  **normalised records**: dicts with every field of the table as a key, typed
  values as :mod:`leadrules.values` defines them (missing is ``None``,
  datetimes aware UTC, tags a tuple), each source's events sorted by
  ``occurred_at`` (ties in the order the data gave them) -- exactly what
  :class:`~leadrules.MemoryStore` returns.  With them the in-memory evaluator
  and ``explain`` answer every rule on any store.
* **Optional: evaluating inside the database**, declared explicitly.  A
  :class:`DatabaseStore` names in :attr:`DatabaseStore.capabilities` the
  :class:`Capability` values it serves and implements the method of each
  (checked when the class is defined); the API asks :func:`pushdown` and
  falls back to the record methods for everything else.

Every store also has ``timeline(lead_id, since=…)`` (:func:`leadrules.timeline.timeline`
over the record methods: a lead's events and recorded list changes in time order).

A new backend is one module: a :class:`DatabaseStore` subclass with the record
methods and the capabilities it can serve (:class:`~.dbapi.SqlStore` gives all
of them to any DB-API engine), plus one line in the differential tests' list
of backends.  Lists and their history are kept by a
:class:`leadrules.lists.ListRepository` beside the store
(:class:`.lists.SqlListRepository` for SQLite, DuckDB and PostgreSQL).
"""

from __future__ import annotations

import abc
import enum
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from ..check import Program
from ..dates import TimeContext
from ..errors import Diagnostic, UsageError
from ..schema import Schema

if TYPE_CHECKING:
    from ..chains import Event

Record = dict[str, Any]


@runtime_checkable
class Store(Protocol):
    """The record methods: what every store provides (MemoryStore included)."""

    @property
    def schema(self) -> Schema:
        """The schema of the stored data (fields and sources)."""

    def leads(self) -> Sequence[Record]:
        """Every lead, normalised, in the order they were stored."""

    def lead(self, lead_id: str) -> Record | None:
        """The lead with this id, or ``None``."""

    def events_of(self, lead_id: str) -> dict[str, list[Record]]:
        """The lead's events by source; every source a key; sorted by ``occurred_at``."""


@runtime_checkable
class WritableStore(Store, Protocol):
    """The write API: what an application uses to keep a store current.

    Every store has it (MemoryStore, SQLite, PostgreSQL, DuckDB; a DuckDB
    store over Parquet files is read-only and says so).  Each call is one
    transaction: records are normalised and validated exactly as ``leadrules
    import`` does (:mod:`leadrules.values`), and a bad record raises
    :class:`~leadrules.errors.DataError` naming the record (by index) and the
    field, with nothing written.  Reads after the call see the new data.
    """

    def upsert_leads(self, records: Iterable[Mapping[str, Any]]) -> int:
        """Add leads, or replace the whole record of the lead with the same id
        (its events are kept).  Returns how many records were written."""

    def delete_leads(self, ids: Iterable[str]) -> int:
        """Remove these leads and all their events (unknown ids are ignored).
        Returns how many leads were removed."""

    def add_events(self, source: str, records: Iterable[Mapping[str, Any]], *,
                   key: str | None = None) -> int:
        """Add events of ``source``.  ``key`` names the field that identifies an
        event (e.g. ``event_id``): an event whose key value the source already
        holds, or that the batch gave before, is skipped, so a re-sent event is
        not counted twice.  Events may name a lead not stored yet (they count
        once it is).  Returns how many events were added."""


class Capability(enum.Enum):
    """What a store can evaluate inside its database, and the method serving it."""

    SEGMENTS = "select_segment"
    """:meth:`DatabaseStore.select_segment` (``SegmentRule.select``)."""
    SCORES = "score_rows"
    """:meth:`DatabaseStore.score_rows` (``ScoringRule.score``)."""
    GRADES = "grade_rows"
    """:meth:`DatabaseStore.grade_rows` (``GradingRule.grade``)."""
    TIERS = "tier_rows"
    """:meth:`DatabaseStore.tier_rows` (``TiersRule.assign``)."""
    FUNNEL_DEPTHS = "depth_rows"
    """:meth:`DatabaseStore.depth_rows` (reports of funnels that are not ordered)."""
    FUNNEL_EVENTS = "stage_events"
    """:meth:`DatabaseStore.stage_events` (the events an ordered funnel reads)."""
    LEAD_ROWS = "lead_rows"
    """:meth:`DatabaseStore.lead_rows` (lead fields beside ids: ``--columns``,
    ``SegmentRule.leads``)."""
    SEGMENT_BATCH = "segment_members"
    """Some leads only, inside the database: :meth:`DatabaseStore.segment_members`
    (``ListManager.on_events``: every dynamic list's segment for a batch of
    leads, one query), and ``lead_ids=`` taken by :meth:`~DatabaseStore.select_segment`,
    :meth:`~DatabaseStore.score_rows`, :meth:`~DatabaseStore.grade_rows`,
    :meth:`~DatabaseStore.tier_rows`, :meth:`~DatabaseStore.depth_rows` and
    :meth:`~DatabaseStore.stage_events` (``SegmentRule.select(…, lead_ids=…)``,
    ``FunnelRule.report(…, lead_ids=…)`` and the like).  A store without it is
    asked for every lead and filtered, or evaluated lead by lead over its record
    methods."""


class DatabaseStore(abc.ABC):
    """A store that evaluates (some) rules inside its database.

    Subclasses implement the record methods and ``close``, and list in
    ``capabilities`` what they evaluate in the database, implementing each
    capability's method; this base adds the context manager.
    """

    capabilities: ClassVar[frozenset[Capability]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for capability in cls.capabilities:
            if getattr(cls, capability.value) is getattr(DatabaseStore, capability.value):
                raise TypeError(f"{cls.__name__} declares {capability} but does not "
                                f"implement {capability.value}()")

    @property
    @abc.abstractmethod
    def schema(self) -> Schema:
        """The schema of the stored data."""

    @abc.abstractmethod
    def leads(self) -> Sequence[Record]:
        """Every lead, normalised, in the order they were stored."""

    @abc.abstractmethod
    def lead(self, lead_id: str) -> Record | None:
        """The lead with this id, or ``None``."""

    @abc.abstractmethod
    def events_of(self, lead_id: str) -> dict[str, list[Record]]:
        """The lead's events by source, like :meth:`MemoryStore.events_of`."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connection (a connection passed in by the caller is left open)."""

    # -- capabilities: each implemented by the stores that declare it ----------
    # ``lead_ids`` (a list of distinct ids) is passed only to a store declaring
    # SEGMENT_BATCH: the rows of those leads alone (ids the store lacks, or of
    # leads created after as_of, give no row).
    def select_segment(self, program: Program, name: str, tc: TimeContext, *,
                       lead_ids: Sequence[str] | None = None) -> list[str]:
        """The sorted ids of the leads in segment ``name``, evaluated in the database."""
        raise _undeclared(self, Capability.SEGMENTS)

    def score_rows(self, program: Program, name: str, tc: TimeContext, *,
                   lead_ids: Sequence[str] | None = None) -> list[tuple[Any, ...]]:
        """``(lead_id, total, points of rule 1, points of rule 2, …)`` per lead
        existing as of ``tc``, sorted by id -- the rows of ``ScoringRule.score``'s
        table: scoring model ``name``, evaluated in the database."""
        raise _undeclared(self, Capability.SCORES)

    def grade_rows(self, program: Program, name: str, tc: TimeContext, *,
                   lead_ids: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """``(lead_id, grade letter)`` per existing lead, sorted by id."""
        raise _undeclared(self, Capability.GRADES)

    def tier_rows(self, program: Program, name: str, tc: TimeContext, *,
                  lead_ids: Sequence[str] | None = None
                  ) -> list[tuple[str, str | None, str | None]]:
        """``(lead_id, tier or None, reason or None)`` per existing lead, sorted by id."""
        raise _undeclared(self, Capability.TIERS)

    def segment_members(self, program: Program, names: Sequence[str], tc: TimeContext,
                        lead_ids: Sequence[str]) -> dict[str, set[str]]:
        """Per segment of ``names``, which of ``lead_ids`` are in it as of ``tc``:
        every segment in one query."""
        raise _undeclared(self, Capability.SEGMENT_BATCH)

    def depth_rows(self, program: Program, name: str, tc: TimeContext, *,
                   lead_ids: Sequence[str] | None = None) -> dict[str, int]:
        """Per existing lead, its depth in the (not ordered) funnel ``name``: the
        index of the last stage whose condition it satisfies (``all`` holds for
        everyone), -1 when it satisfies none."""
        raise _undeclared(self, Capability.FUNNEL_DEPTHS)

    def stage_events(self, program: Program, name: str, tc: TimeContext,
                     value: tuple[str, str] | None = None, *,
                     lead_ids: Sequence[str] | None = None
                     ) -> tuple[list[str], dict[str, list[Event]]]:
        """For ordered funnel ``name``: the ids of the leads existing as of ``tc``
        and each lead's events the funnel reads, as :mod:`leadrules.chains` takes
        them (unsorted)."""
        raise _undeclared(self, Capability.FUNNEL_EVENTS)

    def lead_rows(self, columns: Sequence[str],
                  segment: tuple[Program, str, TimeContext] | None = None
                  ) -> list[tuple[Any, ...]]:
        """``(id, value of each lead field in columns…)`` sorted by id, of every
        lead or (``segment``: program, segment name, time) of the leads in that
        segment -- read in one query, the segment evaluated in the database."""
        raise _undeclared(self, Capability.LEAD_ROWS)

    def __enter__(self) -> DatabaseStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _undeclared(store: DatabaseStore, capability: Capability) -> NotImplementedError:
    return NotImplementedError(f"{type(store).__name__} does not evaluate {capability.name} "
                               "in its database (see its capabilities)")


def require_store(store: object) -> None:
    """A :class:`~leadrules.errors.UsageError` unless ``store`` is a store (has the
    record methods): what a rule's ``select``, ``score``, ``report``… read from,
    and ``store=`` names.  The mistakes people make are named: the data's path or
    the DataFrames themselves instead of the store opened on them."""
    # Spark's objects before the protocol's check: a DataFrame answers each attribute
    # it lacks by asking Spark for its columns.
    spark = spark_hint(store)
    if spark is not None:
        kind = type(store).__name__
        raise UsageError([Diagnostic(
            f"expected a store, got a {'Spark ' if kind == 'DataFrame' else ''}{kind}",
            hint=spark)])
    # A database store first: its record methods may be replaced (a test that
    # proves they are not called sets them to None), which the protocol's check sees.
    if isinstance(store, DatabaseStore | Store):
        return
    if isinstance(store, str | bytes) or hasattr(store, "__fspath__"):
        shown = store.decode(errors="replace") if isinstance(store, bytes) else str(store)
        message = f"expected a store, got the text {shown!r}"
        hint = (f"open it first: store = lr.open_store({shown!r}), then pass the store "
                "(a rule's select(store, as_of), explain(lead_id, as_of, store=store))")
    else:
        kind = type(store).__name__
        message = f"expected a store, got {'None' if store is None else 'a ' + kind}"
        if frame_library(store) is not None:
            hint = ("DataFrames are read by the store opened on them: "
                    "store = lr.open_store({'lead': leads_df, 'tracking': tracking_df})")
        elif isinstance(store, Mapping):
            spark = next((h for h in map(spark_hint, store.values()) if h is not None), None)
            hint = spark or ("a dict of DataFrames is opened as a store: "
                             "store = lr.open_store(that_dict)")
        else:
            hint = ("open one with lr.open_store(...): a CSV / JSON Lines folder, a database "
                    "file or URL, or DataFrames (docs/api.md)")
    raise UsageError([Diagnostic(message, hint=hint)])


def frame_library(value: object) -> str | None:
    """``pandas``, ``polars`` or ``pyarrow`` for a frame or table of that library
    (the libraries :func:`open_store` reads frames of), None for anything else."""
    library = type(value).__module__.split(".")[0]
    return library if library in ("pandas", "polars", "pyarrow") else None


def spark_hint(value: object) -> str | None:
    """What to write for a Spark session or DataFrame given where leadrules takes a
    store or a frame (pandas, Polars, Arrow), None for anything else: Spark data is
    read by a SparkStore, where it is, through the session's tables and views."""
    kind = type(value)
    if kind.__module__.split(".")[0] != "pyspark":
        return None
    if kind.__name__ == "SparkSession":
        return ("open a store on the session: store = lr.SparkStore(spark) reads its tables "
                "or views lead, tracking, …; lr.SparkStore(spark, mapping={...}) reads your "
                "own (docs/spark.md)")
    if kind.__name__ == "SparkContext":
        return ("open a store on its session: "
                "store = lr.SparkStore(SparkSession.builder.getOrCreate()) (docs/spark.md)")
    if kind.__name__ != "DataFrame":
        return None
    return ("Spark DataFrames are read by a SparkStore, through views of the session: "
            "df.createOrReplaceTempView('lead') (and one per event source), then "
            "store = lr.SparkStore(spark), or lr.SparkStore(spark, mapping={...}) to name "
            "your own views and columns (docs/spark.md); a small one can come to pandas: "
            "lr.open_store({'lead': df.toPandas(), ...})")


def pushdown(store: object, capability: Capability) -> DatabaseStore | None:
    """``store`` when it evaluates ``capability`` inside its database, else None
    (the caller then evaluates over the record methods).  Anything that is no
    store is a :class:`~leadrules.errors.UsageError` (:func:`require_store`)."""
    require_store(store)
    if isinstance(store, DatabaseStore) and capability in store.capabilities:
        return store
    return None


def pushdown_for(store: object, capability: Capability, lead_ids: Sequence[str] | None
                 ) -> DatabaseStore | None:
    """:func:`pushdown` for a question of every lead (``lead_ids`` None) or of some
    leads only: then ``store`` only when it evaluates :attr:`Capability.SEGMENT_BATCH`
    too (it takes ``lead_ids=``)."""
    db = pushdown(store, capability)
    if db is None or lead_ids is None:
        return db
    return db if Capability.SEGMENT_BATCH in db.capabilities else None


def check_compatible(rules: Schema, stored: Schema) -> None:
    """Every field both schemas know must have the same type in each.

    Fields and sources the rules know but the store lacks are allowed: they
    read as missing values and empty sources.
    """
    problems = []
    for table in rules.tables:
        theirs = stored.table(table.name)
        if theirs is None:
            continue
        for f in table.fields:
            other = theirs.field(f.name)
            if other is not None and other.type != f.type:
                problems.append(f"{table.name}.{f.name} is {other.type} in the store but "
                                f"{f.type} in the rules")
    if problems:
        raise UsageError([Diagnostic(p, hint="open the store with the rules' schema "
                                             "(schema=rules.schema, which reads each column "
                                             "as the rules type it), or declare the field "
                                             "with the store's type")
                          for p in problems])
