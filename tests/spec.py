"""The SPEC's example rules, from ``tests/spec_examples.rules`` (one copy for
every test and benchmark that runs them)."""

from __future__ import annotations

from pathlib import Path

SPEC_FILE = Path(__file__).with_name("spec_examples.rules")
SPEC_TEXT = SPEC_FILE.read_text(encoding="utf-8")


def spec_rules(*names: str) -> str:
    """The text of the named declarations of the SPEC examples, in file order,
    each followed by a blank line (all of them when no name is given)."""
    from leadrules.parse import parse
    lines = SPEC_TEXT.split("\n")
    found = []
    for decl in parse(SPEC_TEXT, file=str(SPEC_FILE)).declarations:
        if names and getattr(decl, "name", None) not in names:
            continue
        assert decl.pos is not None and decl.pos.end_line is not None
        found.append("\n".join(lines[decl.pos.line - 1:decl.pos.end_line]) + "\n")
    missing = set(names) - {text.split()[1] for text in found}
    assert not missing, f"no declaration {sorted(missing)} in {SPEC_FILE.name}"
    return "\n".join(found)
