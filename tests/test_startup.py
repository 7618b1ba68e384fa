"""Start-up: the parser tables come from a cache, a bad cache is no failure, and
``leadrules check`` imports neither the evaluator's back ends nor the drivers.

No timing is asserted here; ``make bench`` measures the speed
(``benchmarks/startup.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import leadrules
import leadrules.parse
from leadrules import cache as lr_cache
from leadrules.check import BUILTIN_RULES

# `leadrules.parse` is the function; the module is reached through sys.modules.
parse_module = sys.modules["leadrules.parse"]
SPEC_EXAMPLES = Path(__file__).with_name("spec_examples.rules")

# Packages only some commands need: `check` must not import them.
HEAVY = ("sqlglot", "psycopg", "duckdb", "pygls", "pandas", "pyarrow", "numpy")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LEADRULES_CACHE_DIR", str(folder))
    return folder


def fresh_parser() -> object:
    """What `_parser()` returns in a new process (it is memoised in this one)."""
    return parse_module._parser.__wrapped__()


def same_parse(parser: object, text: str) -> None:
    """``parser`` gives the tree the process-wide parser gives (comments too)."""
    expected = leadrules.parse(text).program.file
    original = parse_module._parser
    parse_module._parser = lambda: parser
    try:
        got = leadrules.parse(text).program.file
    finally:
        parse_module._parser = original
    assert got == expected
    assert got.comments == expected.comments


def test_the_tables_are_cached_and_read_back(cache: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first = fresh_parser()
    files = sorted(cache.glob("parser-*.lark"))
    assert len(files) == 1 and files[0].stat().st_size > 10_000
    assert not list(cache.glob(".tmp-*"))  # written beside, then renamed

    def no_build(*args: object) -> object:
        raise AssertionError("the tables were built again instead of read from the cache")

    monkeypatch.setattr(parse_module, "_build_parser", no_build)
    second = fresh_parser()
    assert second is not first
    text = SPEC_EXAMPLES.read_text(encoding="utf-8")
    same_parse(second, text)  # the callbacks (comments, `quoted` names) came back too
    same_parse(second, "segment `odd name` {\n  1: lead { email exists }  # why\n}\n")


def test_a_corrupt_cache_is_rebuilt(cache: Path) -> None:
    fresh_parser()
    (path,) = cache.glob("parser-*.lark")
    for garbage in (b"", b"not a pickle at all", path.read_bytes()[:5000]):
        path.write_bytes(garbage)
        parser = fresh_parser()
        same_parse(parser, SPEC_EXAMPLES.read_text(encoding="utf-8"))
        assert path.stat().st_size > 10_000  # and written again, whole


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LEADRULES_CACHE_DIR", str(blocker / "leadrules"))
    same_parse(fresh_parser(), SPEC_EXAMPLES.read_text(encoding="utf-8"))
    assert blocker.read_text() == "not a folder"
    tree = lr_cache.parse_cached(BUILTIN_RULES, parse_module.parse)
    assert tree.declarations == parse_module.parse(
        BUILTIN_RULES.read_text(encoding="utf-8"), file=str(BUILTIN_RULES)).declarations


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEADRULES_CACHE_DIR", "")
    assert lr_cache.cache_dir() is None
    monkeypatch.delenv("LEADRULES_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert lr_cache.cache_dir() == Path("/somewhere/leadrules")


def test_the_key_covers_what_lark_leaves_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """lark's own cache key ignores ``edit_terminals``: ours hashes this module's
    source, so a change to ``_whole_words`` cannot load stale tables."""
    grammar = lr_cache.grammar_text()
    key = parse_module._cache_key(grammar)
    assert parse_module._cache_key(grammar) == key
    assert parse_module._cache_key(grammar + "\n") != key
    real = lr_cache.source_bytes
    monkeypatch.setattr(parse_module, "source_bytes",
                        lambda f: (real(f) or b"") + b"# _whole_words changed")
    assert parse_module._cache_key(grammar) not in (key, None)
    monkeypatch.setattr(parse_module, "source_bytes", lambda f: None)  # no source: no cache
    assert parse_module._cache_key(grammar) is None


def test_the_builtin_rules_tree_is_cached(cache: Path) -> None:
    expected = parse_module.parse(BUILTIN_RULES.read_text(encoding="utf-8"),
                                  file=str(BUILTIN_RULES))
    first = lr_cache.parse_cached(BUILTIN_RULES, parse_module.parse)
    (path,) = cache.glob("tree-*.pickle")
    second = lr_cache.parse_cached(BUILTIN_RULES, parse_module.parse)
    assert first == second == expected
    assert second.comments == expected.comments and second.text == expected.text
    path.write_bytes(b"\x80\x05garbage")
    assert lr_cache.parse_cached(BUILTIN_RULES, parse_module.parse) == expected
    assert lr_cache.parse_cached(BUILTIN_RULES, parse_module.parse, sources=("tracking",)) == (
        parse_module.parse(expected.text, file=str(BUILTIN_RULES), sources=("tracking",)))


def run_cli(args: list[str], env: dict[str, str], code: str = ""
            ) -> subprocess.CompletedProcess[str]:
    script = ("import json, sys\nfrom leadrules.cli import main\n"
              f"status = main({args!r})\n{code}\n")
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def test_check_twice_in_fresh_processes(tmp_path: Path) -> None:
    """Built (first run) and read from the cache (second), the command says the same,
    for good rules and for a syntax error."""
    env = {**os.environ, "LEADRULES_CACHE_DIR": str(tmp_path / "cache")}
    bad = tmp_path / "bad.rules"
    bad.write_text("segment a {\n  1: lead { age >= }\n}\n", encoding="utf-8")
    runs = []
    for _ in range(2):
        good = run_cli(["fmt", str(SPEC_EXAMPLES)], env)
        wrong = run_cli(["check", str(bad)], env, "sys.exit(status)")
        runs.append((good.returncode, good.stdout, good.stderr, wrong.returncode,
                     wrong.stdout, wrong.stderr))
    assert runs[0] == runs[1]
    assert runs[0][0] == 0 and "segment" in runs[0][1]
    assert runs[0][3] == 1 and "bad.rules:2" in runs[0][5]
    assert len(list((tmp_path / "cache").glob("parser-*.lark"))) == 1


def test_check_imports_no_back_end() -> None:
    out = run_cli(["check", str(SPEC_EXAMPLES)], dict(os.environ), (
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{HEAVY!r} or m.startswith(('leadrules.sql.query', 'leadrules.sql.expressions', "
        "'leadrules.stores.sqlite', 'leadrules.compile_python', 'leadrules.explain', "
        "'leadrules.memory', 'leadrules.funnel')))))"))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[-1]) == []


def test_import_leadrules_is_light() -> None:
    code = ("import sys, leadrules\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {(*HEAVY, 'lark')!r}))\n"
            "import leadrules.parse\n"  # the module does not hide the function
            "print(leadrules.MemoryStore.__name__, leadrules.Explanation.__name__, "
            "leadrules.parse.__name__, leadrules.SQLiteStore.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.splitlines() == ["[]", "MemoryStore Explanation parse SQLiteStore"]


def test_a_rules_file_read_again_is_not_parsed_again(cache: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "mine.rules"
    rules.write_text(SPEC_EXAMPLES.read_text(encoding="utf-8"), encoding="utf-8")
    first = leadrules.load(rules)
    assert len(list(cache.glob("tree-*.pickle"))) == 1

    def no_parse(*args: object, **kwargs: object) -> object:
        raise AssertionError("parsed again")

    monkeypatch.setattr(parse_module, "parse", no_parse)
    second = leadrules.load(rules)
    assert second.program.file == first.program.file
    assert second.program.file.comments == first.program.file.comments
    assert second.warnings == first.warnings
    # A changed text is parsed (and a bad one reported) as before.
    rules.write_text("segment a {\n  1: lead { age >= }\n}\n", encoding="utf-8")
    monkeypatch.undo()
    with pytest.raises(leadrules.ParseError) as caught:
        leadrules.load(rules)
    assert caught.value.diagnostics[0].line == 2
    assert len(list(cache.glob("tree-*.pickle"))) == 1


def test_old_trees_are_evicted(cache: Path, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lr_cache, "MAX_FILES", 3)
    for k in range(6):
        path = tmp_path / f"r{k}.rules"
        path.write_text(f"segment s{k} {{\n  1: lead {{ email exists }}\n}}\n", encoding="utf-8")
        leadrules.load(path)
    assert len(list(cache.glob("tree-*.pickle"))) == 3


def test_segment_again_imports_neither_lark_nor_sqlglot(tmp_path: Path) -> None:
    """The second `leadrules segment` on a SQLite store (another as_of even) takes
    the rules' tree and the compiled query from the cache, and answers the same."""
    from leadrules.sample import AS_OF, generate
    data = generate(60, as_of=AS_OF)
    memory = leadrules.MemoryStore(data.leads, data.events)
    store = tmp_path / "leads.db"
    leadrules.SQLiteStore.create(store, memory).close()
    env = {**os.environ, "LEADRULES_CACHE_DIR": str(tmp_path / "cache")}
    rules = leadrules.load(SPEC_EXAMPLES).segment("hot_leads")
    loaded = ("print(json.dumps(sorted({m.split('.')[0] for m in sys.modules "
              "if m.split('.')[0] in ('lark', 'sqlglot')})), file=sys.stderr)")
    for k, when in enumerate([AS_OF, AS_OF - dt.timedelta(days=9), AS_OF]):
        out = run_cli(["segment", str(SPEC_EXAMPLES), "hot_leads", "--data", str(store),
                       "--as-of", when.isoformat(), "--format", "ids"], env, loaded)
        assert out.returncode == 0, out.stderr
        assert out.stdout.split() == rules.select(memory, when)
        modules = json.loads(out.stderr.splitlines()[-1])
        assert modules == (["lark", "sqlglot"] if k == 0 else []), k
