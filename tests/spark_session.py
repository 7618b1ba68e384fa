"""One local Spark session for the whole test run, and data sets loaded into it.

The session (``local[2]``, two shuffle partitions, no UI) starts the first time
:func:`session` is called and is shared by every Spark test: start-up (10-40 s
on a loaded machine) is paid once.  Its time zone is ``America/Los_Angeles`` so
a query that depended on ``spark.sql.session.timeZone`` would give wrong
answers.  Nothing here skips: without pyspark or Java the tests fail.

:func:`load` puts a :class:`MemoryStore` into the session as temporary views
under other names (``<prefix>_contacts`` …, columns ``c_FIELD``), in a mix of
the column types applications keep in Spark, and opens a :class:`SparkStore`
through the mapping:

=================  ==========================
lead.created_at    TIMESTAMP (an instant)
tracking time      TIMESTAMP_NTZ (read as UTC)
application time   epoch seconds, DOUBLE
mail time          ISO text with a +02:00 offset
other sources      TIMESTAMP
tags               ARRAY<STRING>
event order        derived (no ``seq`` column)
=================  ==========================
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import sys
import time
from pathlib import Path
from typing import Any

from leadrules.memory import MemoryStore
from leadrules.schema import FieldType, Table
from leadrules.stores.spark import SparkStore
from tests import mapped

TIME_ZONE = "America/Los_Angeles"
_session: Any = None
_counter = itertools.count()
STARTED_IN: float | None = None
"""Seconds the session took to start (reported by the tests)."""


def session() -> Any:
    """The shared SparkSession (started on first use)."""
    global _session, STARTED_IN
    if _session is None:
        from pyspark.sql import SparkSession
        began = time.perf_counter()
        # The Python workers run this interpreter (leadrules importable there: an
        # ordered funnel's DataFrame searches its chains in a UDF), whatever
        # `python3` is on the PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        import leadrules
        here = str(Path(leadrules.__file__).resolve().parents[1])
        os.environ["PYTHONPATH"] = os.pathsep.join(
            p for p in (here, os.environ.get("PYTHONPATH")) if p)
        _session = (SparkSession.builder.master("local[2]").appName("leadrules-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.sql.caseSensitive", "true")
                    .config("spark.sql.session.timeZone", TIME_ZONE)
                    .config("spark.driver.memory", "1g")
                    # The JVM's quick compiler only and one GC thread: a short run of
                    # many small queries; measured on tests/test_spark.py, 213 -> 140
                    # busy core-seconds (the suite shares two cores), wall 124 -> 116 s.
                    .config("spark.driver.extraJavaOptions",
                            "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
                    .config("spark.sql.adaptive.enabled", "false")
                    # Tiny data, many distinct queries: planning and code generation
                    # are the cost, not execution (measured: 2-3x faster so).
                    .config("spark.sql.codegen.wholeStage", "false")
                    .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                    .config("spark.sql.optimizer.dynamicPartitionPruning.enabled", "false")
                    .config("spark.sql.optimizer.runtime.bloomFilter.enabled", "false")
                    .config("spark.sql.optimizer.runtimeFilter.semiJoinReduction.enabled",
                            "false")
                    .getOrCreate())
        _session.sparkContext.setLogLevel("ERROR")
        STARTED_IN = time.perf_counter() - began
    return _session


_connect: Any = None


def connect_session() -> Any:
    """A Spark Connect session to a Connect server started inside the shared
    session's JVM (no second JVM: ~0.3 s for the server, a few seconds for the
    client's first query).  Its temporary views are its own."""
    global _connect
    if _connect is None:
        import socket

        from pyspark.sql.connect.session import SparkSession as ConnectSession
        context = session().sparkContext
        with socket.socket() as probe:  # a free port (the default 15002 may be taken)
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        context._jsc.sc().conf().set("spark.connect.grpc.binding.port", str(port))
        context._jvm.org.apache.spark.sql.connect.service.SparkConnectService.start(
            context._jsc.sc())
        _connect = ConnectSession.builder.remote(f"sc://localhost:{port}").create()
    return _connect


_SPARK_KIND = {"lead": "tz", "tracking": "naive", "application": "epoch_s", "mail": "iso+2"}


def _kind(table: Table, ftype: FieldType) -> str:
    if ftype == FieldType.DATETIME:
        return _SPARK_KIND.get(table.name, "tz")
    return {FieldType.TEXT: "text", FieldType.NUMBER: "number", FieldType.BOOL: "bool",
            FieldType.TEXT_LIST: "tags"}[ftype]


# How each kind travels from Python (a DDL type) and becomes the column's type.
_RAW = {"text": "STRING", "number": "DOUBLE", "bool": "BOOLEAN", "tags": "ARRAY<STRING>",
        "tz": "BIGINT", "naive": "STRING", "epoch_s": "DOUBLE", "iso+2": "STRING"}


def _micros(when: dt.datetime) -> int:
    return (when - mapped.EPOCH) // dt.timedelta(microseconds=1)


def _encode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    match kind:
        case "tz":
            return _micros(value)
        case "naive":
            return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
        case "epoch_s":
            return _micros(value) / 1_000_000
        case "iso+2":
            return value.astimezone(mapped.PLUS2).isoformat()
        case "tags":
            return list(value)
        case "number":
            return float(value)
        case _:
            return value


def _column_sql(kind: str, name: str) -> str:
    q = f"`{name}`"
    if kind == "tz":
        return f"timestamp_micros({q}) AS {q}"
    if kind == "naive":
        return f"CAST({q} AS TIMESTAMP_NTZ) AS {q}"
    return q


def views(memory: MemoryStore, prefix: str | None = None, spark: Any = None
          ) -> tuple[str, dict[str, Any]]:
    """``memory`` as temporary views (of ``spark``, by default the shared session);
    the prefix and the mapping onto them."""
    spark = spark or session()
    prefix = prefix or f"t{next(_counter)}"
    mapping: dict[str, Any] = {}
    for table in memory.schema.tables:
        name = f"{prefix}_{mapped.table_name(table.name)}"
        kinds = [_kind(table, f.type) for f in table.fields]
        cols = [mapped.column(f.name) for f in table.fields]
        ddl = ", ".join(f"`{c}` {_RAW[k]}" for c, k in zip(cols, kinds, strict=True))
        rows = [tuple(_encode(k, r[f.name]) for k, f in zip(kinds, table.fields, strict=True))
                for r in mapped._records(memory, table)]
        frame = spark.createDataFrame(rows, ddl)
        frame.selectExpr(*(_column_sql(k, c) for c, k in zip(cols, kinds, strict=True))
                         ).createOrReplaceTempView(name)
        entry: dict[str, Any] = {"table": name}
        for f, k, c in zip(table.fields, kinds, cols, strict=True):
            entry[f.name] = {"column": c, "epoch": "s"} if k == "epoch_s" else c
        mapping[table.name] = entry
    return prefix, mapping


def load(memory: MemoryStore, prefix: str | None = None, spark: Any = None
         ) -> tuple[SparkStore, MemoryStore]:
    """``memory`` in the session through a mapping: the store and the memory store
    it must agree with (events at one instant in the derived order; text whose
    Spark ``lower()`` is not Python's spelled in ASCII: tests/mapped.py)."""
    spark = spark or session()
    _prefix, mapping = views(memory, prefix, spark)
    store = SparkStore(spark, mapping=mapping, schema=memory.schema)
    return store, mapped.oracle("spark", memory, spark_lower)


def spark_lower(texts: list[str]) -> list[str]:
    """Spark's ``lower()`` of each text (one query)."""
    row = session().sql("SELECT transform(:t, x -> lower(x))", args={"t": texts}).collect()[0]
    return list(row[0])


def natural_views(memory: MemoryStore) -> None:
    """``memory`` as temporary views named after the schema's tables, every field a
    column of its natural Spark type (:data:`leadrules.stores.spark.SPARK_TYPES`):
    what ``SparkStore(spark)`` reads without a mapping."""
    from leadrules.stores.spark import SPARK_TYPES
    spark = session()
    for table in memory.schema.tables:
        ddl = ", ".join(f"`{f.name}` {'BIGINT' if f.type == FieldType.DATETIME else t}"
                        for f in table.fields for t in [SPARK_TYPES[f.type]])
        rows = [tuple(_encode("tz" if f.type == FieldType.DATETIME else "tags"
                              if f.type == FieldType.TEXT_LIST else "number"
                              if f.type == FieldType.NUMBER else "text", r[f.name])
                      for f in table.fields) for r in mapped._records(memory, table)]
        columns = [f"timestamp_micros(`{f.name}`) AS `{f.name}`"
                   if f.type == FieldType.DATETIME else f"`{f.name}`" for f in table.fields]
        spark.createDataFrame(rows, ddl).selectExpr(*columns).createOrReplaceTempView(
            table.name)
