"""The package's shape: imports flow one way, back ends do not import each other.

Every import that runs is counted -- at module level or inside a function --
except those under ``if TYPE_CHECKING:``, which only the type checker reads.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "leadrules"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The package modules ``path`` imports at run time."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def resolve(level: int, module: str | None) -> str:
        if level == 0:
            return module or ""
        base = package.split(".")
        base = base[:len(base) - (level - 1)]
        return ".".join([*base, module] if module else base)

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names if a.name.startswith("leadrules"))
            elif isinstance(child, ast.ImportFrom):
                target = resolve(child.level, child.module)
                if not target.startswith("leadrules"):
                    continue
                for alias in child.names:  # `from . import x` imports the module x
                    sub = f"{target}.{alias.name}"
                    found.add(sub if sub in modules else target)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(name)
    return {m for m in found if m in modules}


@functools.cache
def _graph() -> dict[str, set[str]]:
    """Each module's imports of the package's modules (read once a run: the tests
    only read it)."""
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(p) for p in paths}
    return {_module_name(p): _imports(p, modules) for p in paths}


def _is_parent(a: str, b: str) -> bool:
    return b.startswith(a + ".")


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module; a
    package importing its own submodules (and them importing nothing back but
    siblings) is not a cycle."""
    edges = {m: {t for t in ts if not _is_parent(m, t)} for m, ts in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(edges.get(nxt, ())))))
                elif nxt in on:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    m = stack.pop()
                    on.discard(m)
                    component.append(m)
                    if m == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def test_the_import_walker_sees_function_level_imports_and_skips_type_checking() -> None:
    graph = _graph()
    # cli/__init__ imports its command modules; api imports the funnel handle.
    assert "leadrules.cli.rules" in graph["leadrules.cli"]
    assert "leadrules.funnel" in graph["leadrules.api"]
    # handles only names Rules for the type checker.
    assert "leadrules.api" not in graph["leadrules.handles"]
    # and a planted cycle is found
    planted = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert _cycles(planted) == [["a", "b", "c"]]


def test_there_is_no_import_cycle() -> None:
    assert _cycles(_graph()) == []


def _reach(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        m = todo.pop()
        for t in graph.get(m, ()):
            if t not in seen:
                seen.add(t)
                todo.append(t)
    return seen


# Each back end, and the modules it must not import (directly or through others).
BACK_ENDS = {
    "leadrules.compile_python": ("leadrules.sql", "leadrules.stores.sqlite",
                                 "leadrules.stores.postgres", "leadrules.stores.duckdb"),
    "leadrules.explain": ("leadrules.sql", "leadrules.stores.sqlite",
                          "leadrules.stores.postgres", "leadrules.stores.duckdb"),
    "leadrules.sql.query": ("leadrules.compile_python", "leadrules.explain",
                            "leadrules.stores.sqlite", "leadrules.stores.postgres",
                            "leadrules.stores.duckdb", "leadrules.runtime"),
    "leadrules.stores.sqlite": ("leadrules.compile_python", "leadrules.explain",
                                "leadrules.stores.postgres", "leadrules.stores.duckdb"),
    "leadrules.stores.postgres": ("leadrules.compile_python", "leadrules.explain",
                                  "leadrules.stores.sqlite", "leadrules.stores.duckdb"),
    # The SQLite import through DuckDB uses bulk.py's normaliser, not the DuckDB store.
    "leadrules.stores.sqlite_bulk": ("leadrules.compile_python", "leadrules.explain",
                                     "leadrules.stores.postgres", "leadrules.stores.duckdb"),
    "leadrules.stores.duckdb": ("leadrules.compile_python", "leadrules.explain",
                                "leadrules.stores.sqlite", "leadrules.stores.postgres",
                                "leadrules.stores.spark"),
    "leadrules.stores.spark": ("leadrules.compile_python", "leadrules.explain",
                               "leadrules.stores.sqlite", "leadrules.stores.postgres",
                               "leadrules.stores.duckdb"),
}


@pytest.mark.parametrize("back_end", sorted(BACK_ENDS))
def test_no_back_end_imports_another(back_end: str) -> None:
    graph = _graph()
    reached = _reach(graph, back_end)
    banned = {m for m in reached for b in BACK_ENDS[back_end]
              if m == b or m.startswith(b + ".")}
    assert banned == set(), f"{back_end} reaches {sorted(banned)}"


def test_later_stages_do_not_reach_into_the_parser() -> None:
    graph = _graph()
    for module in ("leadrules.compile_python", "leadrules.sql.query", "leadrules.explain"):
        assert "leadrules.parse" not in graph[module]
