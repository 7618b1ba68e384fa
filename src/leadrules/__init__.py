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
    "Explanation",
    "Field",
    "FieldType",
    "LeadRulesError",
    "MemoryStore",
    "ParseError",
    "Rules",
    "Schema",
    "SegmentRule",
    "StoreError",
    "UsageError",
    "load",
    "parse",
]

__version__ = "0.1.0"
