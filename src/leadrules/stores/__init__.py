"""Storage backends: where leads and events live, and where rules run.

See ``docs/stores.md`` for the interface, the table layout and the query shapes.
PostgreSQL, DuckDB and Spark need their drivers (extras ``postgres``, ``duckdb``, ``spark``);
they are imported only when such a store is opened.
"""

from typing import TYPE_CHECKING, Any

from .base import DatabaseStore, Store

if TYPE_CHECKING:
    from .duckdb import DuckDBStore
    from .importer import import_data
    from .open import open_store
    from .postgres import PostgresStore
    from .spark import SparkStore
    from .sqlite import SQLiteStore

__all__ = ["DatabaseStore", "DuckDBStore", "PostgresStore", "SQLiteStore", "SparkStore", "Store",
           "import_data", "open_store"]

_LAZY = {"SQLiteStore": "sqlite", "PostgresStore": "postgres", "DuckDBStore": "duckdb",
         "SparkStore": "spark"}
_LIGHT = {"import_data": "importer", "open_store": "open"}
# The modules, reached as attributes as the docs write them
# (``leadrules.stores.mapping.load(path)`` after ``import leadrules``).
_MODULES = frozenset({"base", "bulk", "dbapi", "duckdb", "importer", "layout", "lists",
                      "mapping", "open", "own_lists", "postgres", "replace", "spark",
                      "sqlite", "sqlite_bulk"})


def __getattr__(name: str) -> Any:
    # The SQL stores need sqlglot (an extra); import them only when asked for.
    # import_data and open_store read folders (the loaders): also when asked for.
    from importlib import import_module
    if name in _LAZY:
        from ..sql.dialects import require_sqlglot
        require_sqlglot()
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    if name in _LIGHT:
        return getattr(import_module(f".{_LIGHT[name]}", __name__), name)
    if name in _MODULES:
        return import_module(f".{name}", __name__)
    raise AttributeError(name)
