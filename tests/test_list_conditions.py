"""``in list NAME`` / ``not in list NAME``: lead lists as conditions (issue 13 item 5).

The case table below is written by hand from the list's history (the oracle):
who is on each list at each instant.  Every store must give those answers, in
segments, tiers, scoring and funnels, with the lists bound from a repository
(the member ids bound as a parameter on a SQL store).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

import pytest

import leadrules as lr
from leadrules.errors import CheckError, UsageError
from leadrules.format import format_rules
from leadrules.json_form import decode, encode
from leadrules.lists import ListManager, MemoryListRepository
from leadrules.memory import MemoryStore
from leadrules.parse import parse
from tests.backends import Backends, session_backends

RULES = """\
segment on_vip {
  1: in list vip
}

segment off_vip {
  1: not in list vip
}

segment vip_or_dnc {
  match in list vip or in list dnc
}

segment vip_in_tokyo {
  1: in list vip
  2: region = "tokyo"
  match 1 and 2
}

segment reused {
  match segment on_vip and not in list dnc
}

scoring points {
  in list vip => +10
  region = "tokyo" => +1
}

tiers follow_up using points {
  exclude: in list dnc
  hot: in list vip
  cold: otherwise
}

funnel pipeline {
  everyone: all
  listed: in list vip
  tokyo: region = "tokyo"
}
"""

LEADS = [
    {"id": "a", "region": "tokyo"},
    {"id": "b", "region": "osaka"},
    {"id": "c", "region": "tokyo"},
    {"id": "d", "region": "tokyo", "created_at": "2026-03-01T00:00:00Z"},
]

# The lists' history: vip gets a (Jan 10) and b (Jan 20), loses a (Feb 1),
# gets d (Mar 10, a lead created on Mar 1); dnc gets c (Jan 15).
HISTORY = [
    ("vip", "add", ["a"], "2026-01-10T09:00:00Z"),
    ("dnc", "add", ["c"], "2026-01-15T09:00:00Z"),
    ("vip", "add", ["b"], "2026-01-20T09:00:00Z"),
    ("vip", "remove", ["a"], "2026-02-01T09:00:00Z"),
    ("vip", "add", ["d"], "2026-03-10T09:00:00Z"),
]

# as_of -> the members of vip and dnc then, by hand.
VIP = {
    "2026-01-01T00:00:00Z": set(),
    "2026-01-10T09:00:00Z": {"a"},  # at the instant of the change: counted
    "2026-01-16T00:00:00Z": {"a"},
    "2026-01-25T00:00:00Z": {"a", "b"},
    "2026-02-15T00:00:00Z": {"b"},
    "2026-03-20T00:00:00Z": {"b", "d"},
}
DNC = {
    "2026-01-01T00:00:00Z": set(),
    "2026-01-10T09:00:00Z": set(),
    "2026-01-16T00:00:00Z": {"c"},
    "2026-01-25T00:00:00Z": {"c"},
    "2026-02-15T00:00:00Z": {"c"},
    "2026-03-20T00:00:00Z": {"c"},
}
TOKYO = {"a", "c", "d"}


def _alive(as_of: str) -> set[str]:
    return {"a", "b", "c"} | ({"d"} if as_of >= "2026-03-01" else set())


def expected_segment(name: str, as_of: str) -> list[str]:
    vip, dnc, alive = VIP[as_of], DNC[as_of], _alive(as_of)
    found = {"on_vip": vip, "off_vip": alive - vip, "vip_or_dnc": vip | dnc,
             "vip_in_tokyo": vip & TOKYO, "reused": vip - dnc}[name]
    return sorted(found & alive)


def manager() -> ListManager:
    lists = ListManager(None, MemoryListRepository())
    lists.create_static("vip", at="2026-01-01T00:00:00Z")
    lists.create_static("dnc", at="2026-01-01T00:00:00Z")
    for name, action, ids, at in HISTORY:
        if action == "add":
            lists.add(name, ids, at=at)
        else:
            lists.remove(name, ids, at=at)
    return lists


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


@pytest.fixture(scope="module")
def stores(backends: Backends) -> dict[str, Any]:
    memory = MemoryStore(LEADS)
    return {"memory": memory, **backends.load(memory)}


@pytest.fixture(scope="module")
def rules() -> lr.Rules:
    return lr.parse(RULES, lists=manager())


STORES = ("memory", "sqlite", "postgres", "duckdb")


@pytest.mark.parametrize("store_name", STORES)
@pytest.mark.parametrize("as_of", sorted(VIP))
def test_segments_read_the_members_as_of_the_evaluation(
        rules: lr.Rules, stores: dict[str, Any], store_name: str, as_of: str) -> None:
    store = stores[store_name]
    for name in ("on_vip", "off_vip", "vip_or_dnc", "vip_in_tokyo", "reused"):
        assert rules.segment(name).select(store, as_of) == expected_segment(name, as_of), name


@pytest.mark.parametrize("store_name", STORES)
@pytest.mark.parametrize("as_of", sorted(VIP))
def test_tiers_scores_and_funnels_read_lists(
        rules: lr.Rules, stores: dict[str, Any], store_name: str, as_of: str) -> None:
    store = stores[store_name]
    vip, dnc, alive = VIP[as_of], DNC[as_of], _alive(as_of)
    tiers = dict(rules.tiers("follow_up").assign(store, as_of).rows_of("lead_id", "tier"))
    assert tiers == {i: None if i in dnc else "hot" if i in vip else "cold" for i in alive}
    scores = dict(rules.scoring("points").score(store, as_of).rows_of("lead_id", "score"))
    assert scores == {i: (10 if i in vip else 0) + (1 if i in TOKYO else 0) for i in alive}
    report = rules.funnel("pipeline").report(store, as_of)
    # A lead reaches a stage when it satisfies it or a later one.
    assert report.stage("tokyo").count == len(alive & TOKYO)
    assert report.stage("listed").count == len(alive & (vip | TOKYO))
    assert report.stage("everyone").count == len(alive)


@pytest.mark.parametrize("as_of", sorted(VIP))
def test_matches_and_explain_agree_with_select(rules: lr.Rules, stores: dict[str, Any],
                                               as_of: str) -> None:
    store = stores["memory"]
    for name in ("on_vip", "off_vip", "reused"):
        want = expected_segment(name, as_of)
        for lead in _alive(as_of):
            assert rules.segment(name).matches(lead, as_of, store=store) == (lead in want)
            assert rules.segment(name).explain(lead, as_of, store=store).result == (
                lead in want)


def test_explain_says_whether_the_lead_is_on_the_list(rules: lr.Rules,
                                                      stores: dict[str, Any]) -> None:
    text = rules.segment("off_vip").explain("a", "2026-01-16", store=stores["memory"]).render()
    assert "on list vip as of 2026-01-16" in text
    assert "✗ 1: not in list vip" in text


def test_a_list_changed_after_loading_is_read_again(stores: dict[str, Any]) -> None:
    lists = manager()
    rules = lr.parse(RULES, lists=lists)
    store = stores["memory"]
    assert rules.segment("on_vip").select(store, "2026-03-20") == ["b", "d"]
    lists.add("vip", ["c"], at="2026-03-15")
    assert rules.segment("on_vip").select(store, "2026-03-20") == ["b", "c", "d"]
    assert rules.segment("on_vip").select(stores["sqlite"], "2026-03-20") == ["b", "c", "d"]


def test_a_mapping_of_ids_is_a_list_at_every_instant(stores: dict[str, Any]) -> None:
    rules = lr.parse(RULES, lists={"vip": ["a"], "dnc": []})
    for name in ("memory", "sqlite"):
        assert rules.segment("on_vip").select(stores[name], "2026-01-01") == ["a"]
        assert rules.segment("off_vip").select(stores[name], "2026-01-01") == ["b", "c"]


def test_with_lists_binds_lists_to_rules_checked_without_them(stores: dict[str, Any]) -> None:
    rules = lr.parse(RULES).with_lists(manager())
    assert rules.segment("on_vip").select(stores["memory"], "2026-01-25") == ["a", "b"]


# --------------------------------------------------------------- checking


def test_an_unknown_list_is_an_error_with_caret_and_suggestion() -> None:
    with pytest.raises(CheckError) as info:
        lr.parse("segment s {\n  1: in list vipp\n}\n", file="s.rules",
                 lists={"vip": [], "dnc": []})
    d = info.value.diagnostics[0]
    assert (d.message, d.file, d.line, d.column, d.end_column, d.code) == (
        "unknown list 'vipp'", "s.rules", 2, 14, 18, "unknown-list")
    assert d.hint == "did you mean 'vip'?" and d.suggestion == "vip"
    assert info.value.render() == (
        "s.rules:2:14: error: unknown list 'vipp'\n"
        "  2 |   1: in list vipp\n"
        "                   ^^^^\n"
        "  did you mean 'vip'?")


def test_an_unknown_list_far_from_every_name_lists_the_names() -> None:
    with pytest.raises(CheckError) as info:
        lr.parse("segment s {\n  1: not in list zzzzzz\n}\n", lists={"vip": [], "dnc": []})
    assert info.value.diagnostics[0].hint == "the lists are dnc, vip"
    with pytest.raises(CheckError) as info:
        lr.parse("segment s {\n  1: in list vip\n}\n", lists={})
    assert "there are no lists yet" in (info.value.diagnostics[0].hint or "")


def test_with_lists_checks_the_names() -> None:
    with pytest.raises(CheckError, match="unknown list 'dnc'"):
        lr.parse(RULES).with_lists({"vip": []})


def test_without_lists_rules_check_and_evaluation_says_what_is_missing() -> None:
    rules = lr.parse(RULES, file="r.rules")  # list names unknown here: not checked
    with pytest.raises(UsageError) as info:
        rules.segment("on_vip").select(MemoryStore(LEADS))
    d = info.value.diagnostics[0]
    assert d.code == "no-lists" and (d.file, d.line, d.column) == ("r.rules", 2, 14)
    assert "lists=" in (d.hint or "") and "--state" not in (d.hint or "")  # the CLI names its own


def test_evaluation_refuses_a_list_the_repository_lacks() -> None:
    # Checked with both lists; by evaluation, dnc is gone from the repository.
    lists = ListManager(None, MemoryListRepository())
    lists.create_static("vip")
    lists.create_static("dnc")
    rules = lr.parse(RULES, lists=lists)
    lists.delete("dnc")
    with pytest.raises(UsageError) as info:
        rules.segment("vip_or_dnc").select(MemoryStore(LEADS))
    d = info.value.diagnostics[0]
    assert (d.message, d.code, d.line) == ("no list named 'dnc'", "unknown-list", 10)


def test_list_conditions_cannot_stand_inside_braces() -> None:
    with pytest.raises(CheckError, match="a list membership cannot stand inside the braces "
                                         "of lead"):
        lr.parse("segment s {\n  1: lead { in list vip }\n}\n", lists={"vip": []})


# ------------------------------------------------------- syntax, format, JSON


def test_in_list_parses_to_a_list_reference_and_not_in_list_to_its_negation() -> None:
    from leadrules import ast
    tree = parse("segment s {\n  1: in list vip\n  2: NOT IN LIST `a list`\n}\n")
    seg = tree.segments[0]
    assert seg.blocks[0].expr == ast.ListRef("vip")
    assert seg.blocks[1].expr == ast.Not(ast.ListRef("a list"))


def test_format_and_json_round_trip() -> None:
    tree = parse(RULES)
    text = format_rules(tree)
    assert "in list vip" in text and "not in list vip" in text
    assert parse(text) == tree
    assert format_rules(parse(text)) == text
    document = encode(tree)
    assert decode(json.loads(json.dumps(document))) == tree
    blocks = document["declarations"][0]["blocks"]
    assert blocks[0]["expr"] == {"kind": "list_ref", "name": "vip"}


def test_a_field_named_in_is_written_in_backquotes() -> None:
    tree = parse("field lead.in text\nsegment s {\n  1: `in` = \"x\"\n}\n")
    text = format_rules(tree)
    assert "`in` = \"x\"" in text
    assert parse(text) == tree


# ------------------------------------------------- the lists kept in a store


def _fill(repo: Any) -> None:
    lists = ListManager(None, repo)
    lists.create_static("vip", at="2026-01-01T00:00:00Z")
    lists.create_static("dnc", at="2026-01-01T00:00:00Z")
    for name, action, ids, at in HISTORY:
        (lists.add if action == "add" else lists.remove)(name, ids, at=at)


@pytest.fixture(scope="module")
def stores_with_lists(backends: Backends) -> dict[str, Any]:
    """Every SQL store with the lists kept in its own database (the same connection)."""
    import psycopg

    from leadrules.stores.lists import SqlListRepository
    from tests.backends import POSTGRES_URL
    found = backends.load(MemoryStore(LEADS))
    _fill(SqlListRepository(found["sqlite"]._conn, "sqlite"))
    _fill(SqlListRepository(found["duckdb"]._conn, "duckdb"))
    conn = psycopg.connect(POSTGRES_URL, autocommit=True)
    conn.execute(f'SET search_path TO "{backends.pg_schema}"')
    _fill(SqlListRepository(conn, "postgres"))
    conn.close()
    return found


@pytest.mark.parametrize("store_name", ("sqlite", "postgres", "duckdb"))
def test_without_lists_a_sql_store_reads_the_lists_it_keeps(
        stores_with_lists: dict[str, Any], store_name: str) -> None:
    store = stores_with_lists[store_name]
    rules = lr.parse(RULES, data=store)
    for as_of in sorted(VIP):
        for name in ("on_vip", "off_vip", "vip_or_dnc", "reused"):
            assert rules.segment(name).select(store, as_of) == expected_segment(name, as_of)
    # Evaluated inside the database, from the list's history table.
    sql = store.sql_for(rules.program, "off_vip", rules.time_context(None, None)).render()
    assert "leadrules_list_history" in sql
    with pytest.raises(CheckError) as info:
        lr.parse("segment s {\n  1: in list vipp\n}\n", data=store)
    assert info.value.diagnostics[0].hint == "did you mean 'vip'?"


def test_a_store_without_list_tables_has_no_lists(stores: dict[str, Any]) -> None:
    with pytest.raises(CheckError) as info:
        lr.parse(RULES, data=stores["sqlite"])
    assert "there are no lists yet" in (info.value.diagnostics[0].hint or "")
    lr.parse("segment s {\n  1: region = \"tokyo\"\n}\n", data=stores["sqlite"])  # no lists read


def test_the_lists_of_a_store_are_read_only_there(stores_with_lists: dict[str, Any]) -> None:
    from leadrules.errors import StoreError
    with pytest.raises(StoreError, match="read here"):
        ListManager(None, stores_with_lists["sqlite"].own_lists()).add("vip", ["c"])


# ------------------------------------------------------------ the command line


def test_the_cli_reads_the_lists_of_the_store_or_of_state(
        tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from leadrules.cli import main
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "lead.csv").write_text("id,region\na,tokyo\nb,osaka\nc,tokyo\n", encoding="utf-8")
    rules = tmp_path / "r.rules"
    rules.write_text(RULES, encoding="utf-8")
    db = tmp_path / "leads.db"
    assert main(["import", str(folder), "--into", str(db)]) == 0
    capsys.readouterr()

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    code, _, err = run("segment", str(rules), "on_vip", "--data", str(db))
    assert code == 1 and "unknown list 'vip'" in err and "^^^" in err
    for name, action, ids, _ in HISTORY:
        if name == "vip" and "d" not in ids:
            assert run("list", action, str(db), "vip", *ids)[0] == 0
    assert run("list", "add", str(db), "dnc", "c")[0] == 0
    # b added, a added then removed: b now.
    assert run("segment", str(rules), "on_vip", "--data", str(db), "--format", "ids")[1] == "b\n"
    code, out, _ = run("tiers", str(rules), "follow_up", "--data", str(db), "--format", "csv")
    assert out.splitlines()[1:] == ["a,cold,", "b,hot,", "c,,in list dnc"]
    # --state: another state's lists instead.
    state = tmp_path / "lists.json"
    assert run("list", "add", str(state), "vip", "a", "c", "--force")[0] == 0
    assert run("list", "add", str(state), "dnc", "x", "--force")[0] == 0
    code, out, _ = run("segment", str(rules), "on_vip", "--data", str(db), "--state", str(state),
                       "--format", "ids")
    assert (code, out) == (0, "a\nc\n")
    code, out, _ = run("explain", str(rules), "off_vip", "a", "--data", str(db),
                       "--state", str(state))
    assert code == 0 and "on list vip" in out
    code, out, _ = run("funnel", str(rules), "pipeline", "--data", str(folder), "--state",
                       str(state), "--format", "json")
    assert code == 0 and json.loads(out)["stages"][1]["count"] == 2
    # list add refuses ids the store lacks; --force adds them.
    code, _, err = run("list", "add", str(db), "vip", "NOPE")
    assert code != 0 and "not in the data: NOPE" in err
    assert run("list", "add", str(db), "vip", "NOPE", "--force")[0] == 0


# ------------------------------------------- `leadrules check` and the lists

MISSPELT = "segment to_call {\n  1: region = \"tokyo\"\n  match 1 and not in list caled\n}\n"


@pytest.fixture()
def state(tmp_path: Any, cli: Any) -> Any:
    """A JSON state made as a user makes it: with `leadrules list add`."""
    path = tmp_path / "lists.json"
    assert cli("list", "add", path, "called", "a", "--force")[0] == 0
    assert cli("list", "add", path, "vip", "b", "--force")[0] == 0
    return path


def test_check_state_checks_list_names_exactly_as_load_with_lists(
        tmp_path: Any, cli: Any, state: Any) -> None:
    from leadrules.lists import JsonListRepository
    rules = tmp_path / "r.rules"
    rules.write_text(MISSPELT, encoding="utf-8")
    with pytest.raises(CheckError) as info:
        lr.load(rules, lists=JsonListRepository(state))
    code, out, err = cli("check", rules, "--state", state)
    assert (code, out, err) == (1, "", info.value.render() + "\n")
    assert err.splitlines()[0] == f"{rules}:3:27: error: unknown list 'caled'"
    assert err.splitlines()[-1] == "  did you mean 'called'?"
    code, out, _ = cli("check", rules, "--state", state, "--format", "json")
    assert code == 1
    assert json.loads(out) == [d.to_dict() for d in info.value.diagnostics]
    assert [(d["code"], d["line"], d["column"], d["suggestion"]) for d in json.loads(out)] == [
        ("unknown-list", 3, 27, "called")]
    # Without a state the names cannot be checked: the rules still check.
    assert cli("check", rules)[0] == 0
    rules.write_text(MISSPELT.replace("caled", "called"), encoding="utf-8")
    code, out, _ = cli("check", rules, "--state", state)
    assert code == 0 and out == f"{rules}: ok (1 segment, 0 warnings)\n"


@pytest.mark.parametrize("name", ("nope.json", "nope.db", "nope.duckdb"))
def test_check_a_missing_state_is_a_usage_error_and_is_not_created(
        tmp_path: Any, cli: Any, name: str) -> None:
    rules = tmp_path / "r.rules"
    rules.write_text(MISSPELT, encoding="utf-8")
    missing = tmp_path / name
    code, out, err = cli("check", rules, "--state", missing)
    assert code == 2 and out == ""
    assert err.splitlines()[0] == f"leadrules: error: no such list state file: {missing}"
    assert "leadrules list add STATE NAME IDS" in err and "Traceback" not in err
    code, out, _ = cli("check", rules, "--state", missing, "--format", "json")
    assert code == 2 and [d["code"] for d in json.loads(out)] == ["usage"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.rules"]  # nothing created
    code, _, err = cli("check", rules, "--state", tmp_path)  # a folder is no state
    assert code == 2 and "not a list state file" in err


def test_check_a_state_without_lists_or_unreadable(tmp_path: Any, cli: Any) -> None:
    rules = tmp_path / "r.rules"
    rules.write_text(MISSPELT, encoding="utf-8")
    empty = tmp_path / "empty.json"
    MemoryListRepository().save(empty)
    code, _, err = cli("check", rules, "--state", empty)
    assert code == 1 and "unknown list 'caled'" in err
    assert "there are no lists yet: create one (leadrules list add STATE NAME IDS…)" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    code, _, err = cli("check", rules, "--state", broken)
    assert code == 1 and "cannot read list state" in err and "Traceback" not in err


def test_check_data_reads_the_lists_the_store_keeps_unless_state(
        tmp_path: Any, cli: Any, state: Any) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "lead.csv").write_text("id,region\na,tokyo\nb,osaka\n", encoding="utf-8")
    db = tmp_path / "leads.db"
    assert cli("import", folder, "--into", db)[0] == 0
    rules = tmp_path / "r.rules"
    rules.write_text(MISSPELT, encoding="utf-8")
    code, _, err = cli("check", rules, "--data", db)  # no list tables yet
    assert code == 1 and "there are no lists yet" in err
    assert cli("list", "add", db, "calls", "a")[0] == 0
    code, out, _ = cli("check", rules, "--data", db, "--format", "json")
    assert code == 1 and [(d["code"], d["suggestion"]) for d in json.loads(out)] == [
        ("unknown-list", "calls")]
    # --state wins over the store's own lists, as in `segment`.
    code, _, err = cli("check", rules, "--data", db, "--state", state)
    assert code == 1 and "did you mean 'called'?" in err
    # A folder keeps no lists: nothing to check the names against.
    assert cli("check", rules, "--data", folder)[0] == 0


def _table_names(db: Any) -> list[str]:
    """The tables of a SQLite or DuckDB file, read without changing it."""
    if db.suffix == ".duckdb":
        import duckdb
        with duckdb.connect(str(db), read_only=True) as conn:
            return sorted(r[0] for r in conn.execute(
                "SELECT table_name FROM information_schema.tables").fetchall())
    import sqlite3
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return sorted(r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"))


@pytest.mark.parametrize("suffix", [".db", ".duckdb"])
def test_check_a_sqlite_or_duckdb_state_is_only_read(tmp_path: Any, cli: Any,
                                                     suffix: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "lead.csv").write_text("id,region\na,tokyo\n", encoding="utf-8")
    db = tmp_path / f"other{suffix}"
    assert cli("import", folder, "--into", db)[0] == 0
    rules = tmp_path / "r.rules"
    rules.write_text(MISSPELT, encoding="utf-8")
    before = _table_names(db)
    code, _, err = cli("check", rules, "--state", db)
    assert code == 1 and "there are no lists yet" in err
    assert _table_names(db) == before  # no list tables added by check
    # (A DuckDB state is kept beside the store, not in it: --force, not the file's leads.)
    assert cli("list", "add", db, "called", "a", "--force")[0] == 0
    code, _, err = cli("check", rules, "--state", db)
    assert code == 1 and "did you mean 'called'?" in err


def test_check_a_postgres_state_is_only_read(tmp_path: Any, cli: Any) -> None:
    import psycopg

    from leadrules.stores.open import open_lists
    from tests.backends import POSTGRES_URL, unique_name
    schema = unique_name("lr_readonly")
    url = f"{POSTGRES_URL}?schema={schema}"
    rules = tmp_path / "r.rules"
    rules.write_text(MISSPELT, encoding="utf-8")

    def tables() -> list[str]:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            return sorted(r[0] for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                (schema,)))
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        code, _, err = cli("check", rules, "--state", url)
        assert code == 1 and "there are no lists yet" in err
        assert tables() == []  # no list tables added by check
        # The connection cannot write, whatever is sent through it.
        lists = open_lists(url, create=False)
        with pytest.raises(UsageError, match="read-only transaction"):
            lists._fetch(f'CREATE TABLE "{schema}".t (a int)', {})
        assert tables() == []
        assert cli("list", "add", url, "called", "a", "--force")[0] == 0
        code, _, err = cli("check", rules, "--state", url)
        assert code == 1 and "did you mean 'called'?" in err
        code, _, err = cli("check", rules, "--state",
                           "postgresql://postgres@127.0.0.1:1/none?schema=x")
        assert code == 2 and "Traceback" not in err
        assert err.startswith("leadrules: error: cannot connect to PostgreSQL")
        assert err.count("leadrules: error:") == 1
        # `list add` into a schema that does not exist yet makes it (as import does).
        assert cli("list", "add", f"{POSTGRES_URL}?schema={schema}_new", "called", "a",
                   "--force")[0] == 0
        code, _, err = cli("check", rules, "--state", f"{POSTGRES_URL}?schema={schema}_new")
        assert code == 1 and "did you mean 'called'?" in err
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}_new" CASCADE')
