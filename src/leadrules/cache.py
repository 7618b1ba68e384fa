"""The user cache: what a command would otherwise recompute on every start.

Three kinds of file live in :func:`cache_dir`, each named by a hash of all it
depends on, so a stale file is never read (it is only left behind, and the
oldest are removed):

* ``parser-KEY.lark``: the parser's LALR tables (:func:`leadrules.parse._parser`);
* ``tree-KEY.pickle``: the parsed tree of a rules file (:func:`parse_remembered`);
* ``sql-KEY.pickle``: a compiled query (:mod:`leadrules.sql.remembered`).

Every write goes to a temporary file renamed into place, and every failure
(a missing, corrupt, unreadable or unwritable cache) falls back to doing the
work, silently.  This module imports neither lark nor sqlglot: a command whose
rules and query are cached needs neither.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .schema import DEFAULT_SCHEMA

if TYPE_CHECKING:
    from . import ast

HERE = Path(__file__).resolve().parent

# Files of one kind kept at most; the oldest go first when a new one is written.
MAX_FILES = 256


def cache_dir() -> Path | None:
    """``$LEADRULES_CACHE_DIR``, else ``$XDG_CACHE_HOME/leadrules``, else
    ``~/.cache/leadrules`` (``%LOCALAPPDATA%\\leadrules`` on Windows).
    ``LEADRULES_CACHE_DIR=""`` turns the cache off."""
    explicit = os.environ.get("LEADRULES_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    try:
        return (Path(base) if base else Path.home() / ".cache") / "leadrules"
    except RuntimeError:  # no home directory
        return None


def grammar_text() -> str:
    packaged = HERE / "leadrules.lark"  # where the wheel puts it
    source = HERE.parents[1] / "grammar" / "leadrules.lark"  # a checkout / editable install
    return (packaged if packaged.is_file() else source).read_text(encoding="utf-8")


def source_bytes(module_file: str | os.PathLike[str] | None) -> bytes | None:
    """A module's source, for a cache key; None (no caching) when unreadable."""
    try:
        return Path(module_file).read_bytes() if module_file else None
    except OSError:
        return None


def lark_version() -> bytes | None:
    """lark's ``__init__.py`` (it holds the version), found without importing lark."""
    import importlib.util
    try:
        spec = importlib.util.find_spec("lark")
    except (ImportError, ValueError):
        return None
    return source_bytes(spec.origin) if spec is not None else None


def key_of(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in (sys.version.encode(), *parts):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def write_atomically(path: Path, write: Callable[[Any], object]) -> None:
    """Write beside, then rename: a reader never sees half a file.  Any failure
    (read-only disk, no permission) leaves the cache as it was."""
    import tempfile
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-",
                                         delete=False) as f:
            tmp = f.name
            write(f)
        os.replace(tmp, path)
        tmp = None
    except Exception:  # a cache that cannot be written is no cache
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def evict(folder: Path, pattern: str, keep: int | None = None) -> None:
    """Remove the oldest files matching ``pattern`` beyond ``keep`` (default
    :data:`MAX_FILES`; best effort)."""
    keep = MAX_FILES if keep is None else keep
    try:
        found = list(folder.glob(pattern))
        if len(found) <= keep:
            return
        found.sort(key=lambda f: f.stat().st_mtime)
        for old in found[:len(found) - keep]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def load_pickle(path: Path) -> Any:
    """The object pickled in ``path`` (marked recently used), or raises."""
    import gc
    import pickle
    # A big tree is millions of objects, none of them cyclic garbage: the cyclic
    # collector would scan them again and again while they are read.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as f:
            found = pickle.load(f)
    finally:
        if collecting:
            gc.enable()
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: evicted last
    return found


def save_pickle(path: Path, value: object, pattern: str, *, tree: bool = False) -> None:
    """``tree``: ``value`` is a tree (no object reachable twice by two paths, no
    cycle), pickled without the memo that would remember every object of it: for
    a file of 36,000 segments the memo takes more memory than the tree itself,
    both when writing and when reading."""
    import gc
    import pickle

    def write(f: Any) -> None:
        pickler = pickle.Pickler(f, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = tree  # no memo (a shared object is written once per use)
        pickler.dump(value)

    # As in load_pickle: the collector would rescan the tree while it is written.
    collecting = gc.isenabled()
    gc.disable()
    try:
        write_atomically(path, write)
    finally:
        if collecting:
            gc.enable()
    evict(path.parent, pattern)


Parse = Callable[..., "ast.RuleFile"]
""":func:`leadrules.parse.parse` (passed in: this module does not import the
parser, which would make an import cycle and load lark)."""


def parse_cached(path: Path, parse: Parse, *,
                 sources: Iterable[str] = DEFAULT_SCHEMA.source_names) -> ast.RuleFile:
    """:func:`parse_remembered` of a rules file that ships with leadrules
    (``default.rules``)."""
    return parse_remembered(path.read_text(encoding="utf-8"), parse, file=str(path),
                            sources=sources)


def parse_remembered(text: str, parse: Parse, *, file: str | None,
                     sources: Iterable[str] = DEFAULT_SCHEMA.source_names) -> ast.RuleFile:
    """``parse(text, file=file, sources=sources)``, the tree kept in the cache: a rules file read
    again unchanged is unpickled (under 1 ms, and lark is not even imported)
    instead of lexed and parsed (10-40 ms, most of it compiling the lexer's
    regular expressions, plus ~20 ms to load the parser).

    The key holds the text, the file name, the sources, the grammar, lark's and
    Python's versions and the sources of the modules that decide the tree
    (:mod:`leadrules.parse`, :mod:`leadrules.ast`, whose classes are pickled,
    and :mod:`leadrules.schema`), so any change parses again.  Only trees are
    kept: a text with a syntax error is parsed (and reported) every time.
    """
    sources = tuple(sources)
    folder = cache_dir()
    parts = [grammar_text().encode(), lark_version(), source_bytes(HERE / "parse.py"),
             source_bytes(HERE / "ast.py"), source_bytes(HERE / "schema.py"),
             text.encode(), (file or "").encode(), "\0".join(sorted(sources)).encode()]
    if folder is not None and all(p is not None for p in parts):
        from . import ast
        cached = folder / f"tree-{key_of(*(p for p in parts if p is not None))}.pickle"
        try:
            tree = load_pickle(cached)
            if isinstance(tree, ast.RuleFile):
                return tree
        except Exception:  # missing or corrupt: parse it
            pass
    tree = parse(text, file=file, sources=sources)
    if folder is not None and all(p is not None for p in parts):
        save_pickle(cached, tree, "tree-*.pickle", tree=True)
    return tree
