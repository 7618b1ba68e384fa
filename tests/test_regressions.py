"""Bugs found while documenting the language; each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

import leadrules as lr
from leadrules.lists import ListManager
from leadrules.stores.open import open_lists
from tests.cases import AS_OF, BASE_LEAD


@pytest.mark.parametrize("between", ["    # note\n", "#x\n", "# a\n\n  # b\n"])
def test_comment_lines_do_not_break_a_continued_match(between: str) -> None:
    rules = lr.parse(f"segment s {{\n  1: application exists\n  2: mail exists\n"
                     f"  match 1\n{between}    and 2\n}}")
    assert rules.program.segments[0].match == lr.ast.And((lr.ast.LabelRef("1"),
                                                           lr.ast.LabelRef("2")))


def test_score_and_grade_of_a_lead_created_after_as_of_is_a_usage_error() -> None:
    rules = lr.parse("scoring s {\n  lead { is_competitor } => -100\n}\n"
                     "grading g {\n  is_competitor => -1\n}")
    store = lr.MemoryStore([{**BASE_LEAD, "is_competitor": True,
                             "created_at": "2026-06-01T00:00:00Z"}])
    assert rules.scoring("s").score(store, AS_OF).to_dicts() == []
    for call in (lambda: rules.scoring("s").score_of("L1", AS_OF, store=store),
                 lambda: rules.scoring("s").explain("L1", AS_OF, store=store),
                 lambda: rules.grading("g").explain("L1", AS_OF, store=store)):
        with pytest.raises(lr.UsageError, match="does not exist yet"):
            call()


@pytest.mark.parametrize("pattern, why", [
    ("[a[:alpha:]]", "POSIX classes"), ("[\\\\D]", "inside [...]"), ("[x\\\\W]", "inside [...]"),
])
def test_regex_constructs_the_engines_read_differently_are_refused(pattern: str,
                                                                   why: str) -> None:
    with pytest.raises(lr.CheckError, match="regular expression not allowed") as info:
        lr.parse(f'segment s {{\n  1: lead {{ email matches "{pattern}" }}\n}}')
    assert why in info.value.render()


def test_control_escapes_are_allowed() -> None:
    rules = lr.parse('segment s {\n  1: lead { name matches "a\\\\r\\\\f\\\\v\\\\t" }\n}')
    assert rules.warnings == ()
    segment = rules.segment("s")
    assert segment.matches({"id": "L1", "name": "xa\r\f\v\tz"})  # the control characters
    assert not segment.matches({"id": "L1", "name": "ar f v t"})


def test_misspelled_source_suggests_the_source() -> None:
    with pytest.raises(lr.CheckError) as info:
        lr.parse("segment s {\n  1: aplication exists\n}")
    assert info.value.hint == "did you mean the source 'application'?"


def test_and_before_a_quantifier_word_that_is_a_lead_field_warns() -> None:
    rules = lr.parse("field lead.count number\n"
                     "segment s {\n  1: application exists and count > 3\n}")
    assert any("joins a quantifier of application" in w.message for w in rules.warnings)


def test_unterminated_string_has_a_hint() -> None:
    with pytest.raises(lr.ParseError) as info:
        lr.parse('segment s {\n  1: lead { name = "abc }\n}')
    assert info.value.hint is not None and "not closed" in info.value.hint


COMMENTED = """\
# head
segment s {  # trailing
  # own
  1: application exists  # t2
  match 1
    # mid
    and 1
  # before close
}  # after
# between
scoring x {
  lead { nurture_target } => +1  # one
  decay half-life 3 days
}
# end
"""


def test_fmt_keeps_every_comment_and_is_idempotent() -> None:
    from leadrules.format import format_rules
    from leadrules.parse import parse
    text = format_rules(parse(COMMENTED))
    for comment in ("# head", "# trailing", "# own", "# t2", "# mid", "# before close",
                    "# after", "# between", "# one", "# end"):
        assert comment in text
    assert "  1: application exists  # t2" in text.splitlines()
    assert format_rules(parse(text)) == text


def test_fmt_write_keeps_the_demo_rules_comments(tmp_path: object) -> None:
    from pathlib import Path

    from leadrules.cli import main
    demo = Path(lr.__file__).with_name("demo.rules").read_text(encoding="utf-8")
    target = Path(str(tmp_path)) / "demo.rules"
    target.write_text(demo, encoding="utf-8")
    assert main(["fmt", str(target), "--write"]) == 0
    written = target.read_text(encoding="utf-8")
    assert [line.strip() for line in written.splitlines() if line.strip().startswith("#")] \
        == [line.strip() for line in demo.splitlines() if line.strip().startswith("#")]


def test_backquoted_names_reach_fields_named_like_keywords() -> None:
    from leadrules.format import format_rules
    text = ("field lead.score text\nfield lead.`会社 名` text\n"
            "segment s {\n  1: lead { `score` = \"80\"; `会社 名` exists }\n}\n")
    rules = lr.parse(text)
    lead = {**BASE_LEAD, "score": "80", "会社 名": "Acme"}
    assert rules.segment("s").matches(lead, AS_OF)
    assert not rules.segment("s").matches({**lead, "score": "81"}, AS_OF)
    canonical = format_rules(rules.program.file)
    assert "`score` = \"80\"" in canonical and "field lead.`score` text" in canonical
    assert lr.parse(canonical).program.file == rules.program.file


def test_a_csv_column_named_like_a_keyword_is_usable(tmp_path: object) -> None:
    from pathlib import Path
    folder = Path(str(tmp_path))
    (folder / "lead.csv").write_text("id,score\nL1,80\nL2,30\n", encoding="utf-8")
    store = lr.MemoryStore.from_folder(folder)
    rules = lr.parse('segment s {\n  1: lead { `score` = "80" }\n}', schema=store.schema)
    assert rules.segment("s").select(store) == ["L1"]


def test_changing_as_of_or_timezone_never_reuses_stale_functions() -> None:
    import datetime as dt
    rules = lr.parse("segment s {\n  match created_at within 1 day\n}")
    created = dt.datetime(2026, 3, 30, 12, tzinfo=dt.UTC)
    lead = {**BASE_LEAD, "created_at": created}
    seg = rules.segment("s")
    for as_of, expected in [("2026-03-31T11:00:00Z", True), ("2026-04-02T00:00:00Z", False),
                            ("2026-03-31T11:00:00Z", True)]:
        assert seg.matches(lead, as_of) is expected
    # Same instant, another zone: `within 1 day` is calendar arithmetic there.
    assert seg.matches(lead, "2026-03-31T12:00:00Z", timezone="Asia/Tokyo") is True
    assert seg.matches(lead, "2026-03-31T12:00:01Z") is False


def test_open_store_and_open_lists_take_a_path(tmp_path: Path) -> None:
    # Both raised AttributeError ('PosixPath' object has no attribute 'startswith').
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "lead.csv").write_text("id,email\nL1,a@x\n", encoding="utf-8")
    store = lr.open_store(tmp_path / "data")
    assert [lead["id"] for lead in store.leads()] == ["L1"]
    for name in ("lists.json", "lists.db", "lists.duckdb"):
        ListManager(None, open_lists(tmp_path / name)).create_static("called")
        again = ListManager(None, open_lists(tmp_path / name, create=False))
        assert again.names == ("called",)
