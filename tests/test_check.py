"""The checker: every error names file:line:column, shows a caret, suggests a name."""

from __future__ import annotations

import pytest

import leadrules as lr


def errors_of(text: str) -> list[lr.Diagnostic]:
    with pytest.raises(lr.CheckError) as info:
        lr.parse(text, file="t.rules")
    return list(info.value.diagnostics)


def only_error(text: str) -> lr.Diagnostic:
    errs = errors_of(text)
    assert len(errs) == 1, [e.render() for e in errs]
    return errs[0]


def test_unknown_field_in_source_suggests_nearest_and_points_at_it() -> None:
    text = 'segment s {\n  1: tracking { pathh = "/" } exists\n}\n'
    err = only_error(text)
    assert err.message == "unknown field 'pathh' in source tracking"
    assert (err.file, err.line, err.column) == ("t.rules", 2, 17)
    assert err.hint == "did you mean 'path'?"
    rendered = err.render()
    assert rendered.splitlines()[0].startswith("t.rules:2:17: error:")
    caret_line = rendered.splitlines()[2]
    source_line = rendered.splitlines()[1]
    assert caret_line.index("^") == source_line.index("pathh")
    assert caret_line.count("^") == len("pathh")


def test_unknown_lead_field() -> None:
    err = only_error('segment s {\n  1: lead { industy = "x" }\n}')
    assert "unknown field 'industy' of the lead" in err.message
    assert err.hint == "did you mean 'industry'?"


def test_unknown_source_suggests() -> None:
    err = only_error("segment s {\n  1: trackin { path = \"/\" } exists\n}")
    assert err.message == "unknown source 'trackin'"
    assert err.hint == "did you mean 'tracking'?"


def test_unknown_label_suggests() -> None:
    err = only_error("segment s {\n  one: application exists\n  match onee\n}")
    # `onee` is not a label, so it is read as a bool lead field: unknown field.
    assert "onee" in err.message


def test_unknown_number_label() -> None:
    err = only_error("segment s {\n  1: application exists\n  match 1 and 2\n}")
    assert err.message == "unknown label '2'"
    assert (err.line, err.column) == (3, 15)


def test_label_outside_match_is_an_error() -> None:
    err = only_error("segment s {\n  1: application exists\n  2: 1\n}")
    assert "only be used in match" in err.message


def test_unknown_segment_reference_suggests() -> None:
    err = only_error("segment hot {\n  1: application exists\n}\n"
                     "segment s {\n  match segment hott\n}")
    assert err.message == "unknown segment 'hott'"
    assert err.hint == "did you mean 'hot'?"


def test_cycle_is_an_error() -> None:
    errs = errors_of("segment a {\n  match segment b\n}\nsegment b {\n  match segment a\n}\n")
    assert any("cycle" in e.message for e in errs)


def test_self_reference_is_a_cycle() -> None:
    errs = errors_of("segment a {\n  match segment a or application exists\n}")
    assert any("cycle of references: segment a -> segment a" in e.message for e in errs)


def test_ordering_text_is_an_error_with_hint() -> None:
    err = only_error('segment s {\n  1: lead { industry > "a" }\n}')
    assert "'>' does not apply" in err.message
    assert err.hint is not None and "no ordering" in err.hint


def test_string_compared_with_number() -> None:
    err = only_error('segment s {\n  1: lead { employees = "100" }\n}')
    assert "employees" in err.message and "number" in err.message
    assert err.hint == "write numbers without quotes"
    assert err.column == 25


def test_number_compared_with_text() -> None:
    err = only_error("segment s {\n  1: lead { industry = 5 }\n}")
    assert err.hint == "write text in double quotes"


def test_quoted_date_hint() -> None:
    err = only_error('segment s {\n  1: lead { created_at before "2026-01-01" }\n}')
    assert err.hint is not None and "without quotes" in err.hint


def test_bare_non_bool_field_suggests_exists() -> None:
    err = only_error("segment s {\n  1: lead { email }\n}")
    assert "not bool" in err.message
    assert err.hint == "did you mean 'email exists'?"


def test_date_operator_on_number() -> None:
    err = only_error("segment s {\n  1: lead { employees within 3 days }\n}")
    assert "applies to dates" in err.message


def test_sum_of_text_field() -> None:
    err = only_error("segment s {\n  1: tracking sum path > 3\n}")
    assert "sum needs a number field" in err.message


def test_unknown_aggregate_field_points_at_field() -> None:
    err = only_error("segment s {\n  1: tracking sum durration > 3\n}")
    assert err.hint == "did you mean 'duration'?"
    assert err.column == 19


def test_none_with_per_is_an_error() -> None:
    err = only_error("segment s {\n  1: tracking none per session\n}")
    assert "'none' cannot be used with 'per'" in err.message


def test_contains_on_number() -> None:
    err = only_error('segment s {\n  1: lead { employees contains "1" }\n}')
    assert "'contains' does not apply" in err.message


def test_event_block_inside_lead_braces() -> None:
    err = only_error("segment s {\n  1: lead { tracking { path = \"/\" } }\n}")
    assert "cannot stand inside the braces" in err.message


def test_source_field_inside_lead_braces_hints_source() -> None:
    err = only_error("segment s {\n  1: lead { tracking exists }\n}")
    assert err.hint is not None and "event source" in err.hint


@pytest.mark.parametrize("pattern, why", [
    ("(?=x)", "look-around"), ("(a)\\\\1", "back-references"), ("(?i)x", "look-around"),
    ("a*+", "possessive"), ("[[:alpha:]]", "POSIX"), ("(", "does not compile"),
])
def test_non_portable_regex_is_an_error(pattern: str, why: str) -> None:
    err = only_error(f'segment s {{\n  1: lead {{ email matches "{pattern}" }}\n}}')
    assert why in err.message


def test_portable_regex_is_fine() -> None:
    rules = lr.parse('segment s { 1: lead { email matches "^[a-z0-9._-]+@(foo|bar)\\.com$" } }')
    assert rules.warnings == ()
    segment = rules.segment("s")
    assert [segment.matches({"id": "L1", "email": email})
            for email in ("ann@foo.com", "ann@bar.com", "ann@baz.com", "ann@fooxcom")] == [
        True, True, False, False]


def test_all_errors_reported_in_one_run() -> None:
    text = ("segment a {\n  1: lead { industy = \"x\" }\n  2: trackin exists\n}\n"
            "segment b {\n  1: lead { employees > \"x\" }\n  match 1 and 3\n}\n")
    errs = errors_of(text)
    assert [e.line for e in errs] == [2, 3, 6, 7]


def test_duplicate_label_and_segment() -> None:
    errs = errors_of("segment a {\n  1: application exists\n  1: activity exists\n}\n"
                     "segment a {\n  1: application exists\n}\n")
    messages = " / ".join(e.message for e in errs)
    assert "label '1' is used twice" in messages
    assert "segment 'a' is declared twice" in messages


def test_unknown_timezone_suggests() -> None:
    err = only_error('timezone "Asia/Tokio"\nsegment s {\n  1: application exists\n}')
    assert err.hint == "did you mean 'Asia/Tokyo'?"


def test_empty_segment_is_an_error() -> None:
    assert "is empty" in only_error("segment s {\n}").message


def test_declared_field_and_source_are_usable() -> None:
    rules = lr.parse(
        "field lead.revenue number\n"
        "source webinar { title text; minutes number }\n"
        "segment s {\n  1: lead { revenue > 10 }\n"
        "  2: webinar { minutes >= 30; title contains \"AI\" } count >= 1\n}\n")
    assert rules.schema.lead.field("revenue") is not None
    assert rules.schema.source("webinar") is not None


def test_conflicting_declaration_is_an_error() -> None:
    err = only_error("field lead.employees text\nsegment s {\n  1: application exists\n}")
    assert "already declared as number" in err.message


def test_mixing_and_or_warns_unless_parenthesised() -> None:
    rules = lr.parse("segment s {\n  match application exists and activity exists or "
                     "mail exists\n}", file="t.rules")
    assert [w.severity for w in rules.warnings] == ["warning"]
    assert "mixed without parentheses" in rules.warnings[0].message
    clean = lr.parse("segment s {\n  match (application exists and activity exists) or "
                     "mail exists\n}")
    assert clean.warnings == ()


def test_unused_block_warns() -> None:
    rules = lr.parse("segment s {\n  1: application exists\n  2: mail exists\n  match 1\n}")
    assert any("block 2 is not used" in w.message for w in rules.warnings)


FUNNEL = """funnel f {mode} within 7 days {{
  visited: tracking {{ path = "/pricing" }}
  applied: application
  {exclusion}
}}"""


def test_an_exclusion_names_two_stages_in_order() -> None:
    err = only_error(FUNNEL.format(mode="ordered", exclusion='exclude: mail { kind = "open" } '
                                                            "between visited and aplied"))
    assert err.message == "funnel 'f' has no stage 'aplied'"
    assert err.hint == "did you mean 'applied'?" and err.code == "unknown-stage"
    err = only_error(FUNNEL.format(mode="strict",
                                   exclusion="exclude: mail between applied and visited"))
    assert "from an earlier stage to a later one" in err.message
    assert err.code == "invalid-value"


def test_an_exclusion_needs_steps_in_order() -> None:
    err = only_error(FUNNEL.format(mode="any order",
                                   exclusion="exclude: mail between visited and applied"))
    assert err.message.startswith("an exclusion needs an ordered or strict funnel")
    err = only_error("funnel p {\n  a: all\n  exclude: mail between a and a\n}")
    assert err.code == "invalid-construct"


def test_an_exclusions_braces_are_checked_like_a_segments() -> None:
    err = only_error(FUNNEL.format(mode="ordered", exclusion='exclude: mail { knd = "open" } '
                                                            "between visited and applied"))
    assert err.message == "unknown field 'knd' in source mail"
    assert err.hint == "did you mean 'kind'?"


def test_a_score_is_never_missing_so_not_exists_is_refused() -> None:
    """`score m not exists` would be false for every lead (each has a score, 0 when
    no rule holds); `score m exists` is a syntax error already."""
    err = only_error("scoring m {\n  a: tracking => +1\n}\n"
                     "segment s { match score m not exists }\n")
    assert err.message == ("'not exists' does not apply to the score: every lead has one "
                           "(0 when no rule gives it points)")
    assert (err.line, err.column, err.code) == (4, 27, "type-mismatch")
    assert err.hint == "compare it with a number, e.g. score m = 0 or score m > 0"
    tiers = only_error("tiers t using default {\n  hot: score not exists\n  cold: otherwise\n}\n")
    assert tiers.hint == "compare it with a number, e.g. score default = 0 or score default > 0"
