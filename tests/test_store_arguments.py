"""A store where a lead belongs, a path or DataFrames where a store belongs, an id
without its store: each is a UsageError saying what was given and what to write,
never an AttributeError or TypeError from inside the library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import leadrules as lr
from leadrules.errors import UsageError

RULES = lr.parse("""
segment big { match employees >= 100 }
scoring size { employees >= 100 => +5 }
grading fit { start C
  employees >= 100 => +1 }
tiers t using size { hot: score >= 5
  cold: otherwise }
funnel f { seen: all
  big: employees >= 100 }
""")
AS_OF = "2026-11-20T00:00:00Z"


@pytest.fixture(scope="module")
def store() -> lr.MemoryStore:
    return lr.MemoryStore([{"id": "a", "employees": 10}, {"id": "b", "employees": 500}])


def test_the_store_itself_answers(store: lr.MemoryStore) -> None:
    # The oracle for the mistakes below: the right calls' answers.
    assert RULES.segment("big").select(store, AS_OF) == ["b"]
    assert RULES.segment("big").matches("b", AS_OF, store=store)


@pytest.mark.parametrize("call", [
    lambda: RULES.segment("big").select("demo-data", AS_OF),
    lambda: RULES.segment("big").leads("demo-data", AS_OF),
    lambda: RULES.segment("big").over_time("demo-data", since="2026-01-01"),
    lambda: RULES.scoring("size").score("demo-data", AS_OF),
    lambda: RULES.grading("fit").grade("demo-data", AS_OF),
    lambda: RULES.tiers("t").assign("demo-data", AS_OF),
    lambda: RULES.funnel("f").report("demo-data", AS_OF),
    lambda: RULES.funnel("f").depths("demo-data", AS_OF),
])
def test_a_path_where_the_store_belongs_says_open_it(call: Any) -> None:
    with pytest.raises(UsageError) as info:
        call()
    text = str(info.value)
    assert "expected a store, got the text 'demo-data'" in text
    assert "lr.open_store('demo-data')" in text


def test_none_and_dataframes_where_the_store_belongs() -> None:
    segment = RULES.segment("big")
    with pytest.raises(UsageError, match="expected a store, got None"):
        segment.select(None, AS_OF)  # type: ignore[arg-type]
    import pandas
    frame = pandas.DataFrame({"id": ["a"], "employees": [500]})
    with pytest.raises(UsageError, match="got a DataFrame") as info:
        segment.select(frame, AS_OF)
    assert "lr.open_store({'lead': " in str(info.value)
    with pytest.raises(UsageError, match="got a dict") as info:
        segment.select({"lead": frame}, AS_OF)  # type: ignore[arg-type]
    assert "lr.open_store(that_dict)" in str(info.value)
    # What the hint says works.
    assert segment.select(lr.open_store({"lead": frame}), AS_OF) == ["a"]


def test_the_store_where_the_lead_belongs(store: lr.MemoryStore) -> None:
    with pytest.raises(UsageError, match=r"expected a lead first, got the store \(MemoryStore\)"
                       ) as info:
        RULES.segment("big").explain(store, AS_OF)  # type: ignore[arg-type]
    assert "store=store" in str(info.value)
    with pytest.raises(UsageError, match="expected a lead first"):
        RULES.scoring("size").explain(store, AS_OF)  # type: ignore[arg-type]


def test_an_id_without_its_store_and_a_lead_of_no_kind(store: lr.MemoryStore) -> None:
    with pytest.raises(UsageError, match="lead 'b' is an id: which store is it in") as info:
        RULES.segment("big").explain("b", AS_OF)
    assert "store=store" in str(info.value)
    with pytest.raises(UsageError, match="expected a lead, got int"):
        RULES.segment("big").matches(3, AS_OF, store=store)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="expected a store, got the text 'demo-data'"):
        RULES.segment("big").matches("b", AS_OF, store="demo-data")  # type: ignore[arg-type]


def test_rules_text_given_to_load_names_parse(tmp_path: Any) -> None:
    text = "segment big {\n  match employees >= 100\n}\n"
    with pytest.raises(UsageError) as info:
        lr.load(text)
    message = str(info.value)
    assert "looks like rules text" in message and "lr.parse(text)" in message
    assert len(message) < 300  # the text itself is not echoed as a file name
    # A real file of the same text loads.
    path = tmp_path / "big.rules"
    path.write_text(text, encoding="utf-8")
    assert lr.load(path).segment("big").select(
        lr.MemoryStore([{"id": "x", "employees": 100}]), AS_OF) == ["x"]


def test_the_stores_modules_are_attributes_after_import_leadrules(tmp_path: Path) -> None:
    """``leadrules.stores.mapping.load(path)``, as the docs write it, in a fresh
    interpreter that imported only ``leadrules``."""
    import subprocess
    import sys

    from leadrules import stores
    folder = Path(stores.__file__).parent
    assert {p.stem for p in folder.glob("*.py")} - {"__init__"} == stores._MODULES
    (tmp_path / "m.toml").write_text('[lead]\ntable = "contacts"\nid = "cid"\n',
                                     encoding="utf-8")
    code = ("import leadrules as lr, sys; m = lr.stores.mapping.load(sys.argv[1]); "
            "print(sorted(m)); print(hasattr(lr.stores, 'nope'))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "m.toml")],
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, "['lead']\nFalse\n"), done.stderr
