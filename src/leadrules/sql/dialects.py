"""The SQL dialects leadrules renders (names as sqlglot spells them).

Kept apart from :mod:`leadrules.stores.sql` so the command line can list them
without importing the SQL toolkit.
"""

EXECUTABLE_DIALECTS = ("sqlite", "postgres", "duckdb")
WAREHOUSE_DIALECTS = ("spark", "bigquery", "snowflake", "trino")
DIALECTS = EXECUTABLE_DIALECTS + WAREHOUSE_DIALECTS


def require_sqlglot() -> None:
    """Fail with a clear message when the SQL toolkit (an extra) is missing."""
    try:
        import sqlglot  # noqa: F401
    except ImportError:
        from ..errors import UsageError
        raise UsageError("database stores and `leadrules sql` need sqlglot: "
                         "pip install 'leadrules[sqlite]' (or [postgres], [duckdb])") from None
