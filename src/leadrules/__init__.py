"""leadrules: lead-management rules as text, evaluated exactly and fast.

    import leadrules as lr
    rules = lr.load("marketing.rules")
    store = lr.MemoryStore.from_folder("data/")
    rules.segment("hot_leads").select(store, as_of="2026-11-20")
"""

from .api import Rules, SegmentRule, load, parse
from .errors import (
    CheckError,
    DataError,
    Diagnostic,
    LeadRulesError,
    ParseError,
    StoreError,
    UsageError,
)
from .explain import Explanation
from .memory import MemoryStore
from .schema import DEFAULT_SCHEMA, Field, FieldType, Schema

__all__ = [
    "DEFAULT_SCHEMA",
    "CheckError",
    "DataError",
    "Diagnostic",
    "DuckDBStore",
    "Explanation",
    "Field",
    "FieldType",
    "LeadRulesError",
    "MemoryStore",
    "ParseError",
    "PostgresStore",
    "Rules",
    "SQLiteStore",
    "Schema",
    "SegmentRule",
    "StoreError",
    "UsageError",
    "load",
    "open_store",
    "parse",
]

__version__ = "0.1.0"

_STORES = ("SQLiteStore", "PostgresStore", "DuckDBStore", "open_store")


def __getattr__(name: str) -> object:
    # Database stores load the SQL toolkit and drivers only when first used.
    if name in _STORES:
        from . import stores
        return getattr(stores, name)
    raise AttributeError(f"module 'leadrules' has no attribute {name!r}")
