"""Every well-typed rule file the differential tests draw can be written as text and
read back: the formatter and the grammar cover the same language as the checker
(an aggregate tested with ``exists``, ``min duration exists``, was once checkable
and formattable but not parseable)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from leadrules import ast
from leadrules.format import format_rules
from leadrules.parse import parse
from tests.typed_strategies import rule_files


@settings(max_examples=70, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rule_file=rule_files())
def test_typed_rule_files_read_back_from_their_text(rule_file: ast.RuleFile) -> None:
    text = format_rules(rule_file)
    assert format_rules(parse(text)) == text


def test_an_aggregate_may_be_tested_with_exists() -> None:
    rule_file = parse("segment s { match tracking min duration exists and count exists }\n")
    block = rule_file.segments[0].match
    assert isinstance(block, ast.EventBlock)
    assert [q.test for q in block.quantifiers] == [ast.Present(), ast.Present()]
