"""Storage backends: where leads and events live, and where rules run.

See ``docs/stores.md`` for the interface, the table layout and the query shapes.
PostgreSQL and DuckDB need their drivers (extras ``postgres`` and ``duckdb``);
they are imported only when such a store is opened.
"""

from typing import Any

from .base import DatabaseStore, Store
from .importer import import_data
from .open import open_store

__all__ = ["DatabaseStore", "DuckDBStore", "PostgresStore", "SQLiteStore", "Store",
           "import_data", "open_store"]

_LAZY = {"SQLiteStore": "sqlite", "PostgresStore": "postgres", "DuckDBStore": "duckdb"}


def __getattr__(name: str) -> Any:
    # The SQL stores need sqlglot (an extra); import them only when asked for.
    if name in _LAZY:
        from importlib import import_module

        from ..sql.dialects import require_sqlglot
        require_sqlglot()
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)
