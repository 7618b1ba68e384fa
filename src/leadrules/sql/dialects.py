"""The SQL dialects leadrules renders (names as sqlglot spells them).

Kept apart from :mod:`leadrules.stores.sql` so the command line can list them
without importing the SQL toolkit.
"""

from typing import Literal

Shape = Literal["semijoin", "correlated", "hybrid"]
"""How an event block is tested (``docs/stores.md``, "Query shapes")."""
SHAPES: tuple[Shape, ...] = ("semijoin", "correlated", "hybrid")

LEAD_IDS = "lead_ids"
"""The parameter holding the ids of a query restricted to some leads (here: the
stores bind it without importing the compiler)."""

EXECUTABLE_DIALECTS = ("sqlite", "postgres", "duckdb")
WAREHOUSE_DIALECTS = ("spark", "bigquery", "snowflake", "trino")
DIALECTS = EXECUTABLE_DIALECTS + WAREHOUSE_DIALECTS

_SHAPES: dict[str, Shape] = {"sqlite": "correlated"}


def default_shape(dialect: str) -> Shape:
    """The query shape a dialect's store uses (what docs/stores.md measured):
    correlated ``EXISTS`` on SQLite, uncorrelated ``IN`` semijoins elsewhere."""
    return _SHAPES.get(dialect, "semijoin")


def require_sqlglot() -> None:
    """Fail with a clear message when the SQL toolkit (an extra) is missing.

    It is found, not imported (importing it takes ~0.1 s, and a store whose
    query is in the cache never needs it: :mod:`leadrules.sql.remembered`)."""
    import importlib.util
    try:
        found = importlib.util.find_spec("sqlglot") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        from ..errors import UsageError
        raise UsageError("database stores and `leadrules sql` need sqlglot: "
                         "pip install 'leadrules[sqlite]' (or [postgres], [duckdb])") from None
