"""leadrules: lead-management rules as text, evaluated exactly and fast.

    import leadrules as lr
    rules = lr.load("marketing.rules")
    store = lr.MemoryStore.from_folder("data/")
    rules.segment("hot_leads").select(store, as_of="2026-11-20")
"""

import sys
import types
from typing import TYPE_CHECKING

from .api import Rules, SegmentRule, from_json, load, parse, to_json
from .errors import (
    CheckError,
    DataError,
    Diagnostic,
    LeadRulesError,
    ParseError,
    StoreError,
    UsageError,
)
from .schema import DEFAULT_SCHEMA, Field, FieldType, Schema


class _Package(types.ModuleType):
    """``leadrules.parse`` is the function: importing the module of that name
    (which the import system binds on its package) leaves it so.  The module is
    imported only when a rules text is not in the cache (:mod:`.cache`)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "parse" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

if TYPE_CHECKING:
    from .explain import Explanation
    from .memory import MemoryStore
    from .stores import DuckDBStore, PostgresStore, SparkStore, SQLiteStore, open_store

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
    "SparkStore",
    "StoreError",
    "UsageError",
    "from_json",
    "load",
    "open_store",
    "parse",
    "to_json",
]

__version__ = "0.1.0"

# The evaluator's and the stores' names are imported when first used (PEP 562),
# so ``import leadrules`` and the command line load only the modules a task
# needs: ``leadrules check`` imports neither the evaluator nor sqlglot.
_HOME = {
    "Explanation": "explain",
    "MemoryStore": "memory",
    "SQLiteStore": "stores", "PostgresStore": "stores", "DuckDBStore": "stores",
    "SparkStore": "stores",
    "open_store": "stores",
}


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'leadrules' has no attribute {name!r}")
    from importlib import import_module
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value  # the next look-up is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
