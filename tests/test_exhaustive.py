"""A new AST variant that some stage does not handle is a ``mypy --strict`` error.

Every chain over AST node kinds ends in ``typing.assert_never``.  This test
copies the package, adds a fake variant to each union of the AST (an
expression, a test, a quantifier, a value, a declaration) and to the literal
types of operators, runs mypy on the copy, and checks that mypy names an
unhandled site in every stage that dispatches over that union.  (That the
package itself passes ``mypy --strict`` is ``make lint``'s job.)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "leadrules"

FAKES = {
    # union in ast.py -> (fake class name, the stages that must report it)
    "Expr": ("FakeExpr", {"check", "compile_python", "explain", "format", "semantics",
                          "sql/expressions", "parse"}),
    "Test": ("FakeTest", {"check", "compile_python", "format", "semantics",
                          "sql/expressions"}),
    "Quantifier": ("FakeQuantifier", {"compile_python", "explain", "format",
                                      "sql/expressions"}),
    "Value": ("FakeValue", {"check", "format"}),
    "Declaration": ("FakeDeclaration", {"check", "format", "semantics", "parse"}),
}
LITERALS = {
    # literal type in ast.py -> (the fake member, the stages that must report it)
    "TextOp": ("fake op", {"compile_python", "sql/expressions"}),
    "CompareOp": ("~=", {"compile_python", "semantics", "sql/expressions"}),
    "AggregateFunc": ("median", {"check", "semantics", "sql/expressions"}),
    "DateOp": ("around", {"semantics"}),
}


def _planted(tmp: Path) -> Path:
    copy = tmp / "leadrules"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    ast_py = copy / "ast.py"
    text = ast_py.read_text(encoding="utf-8")
    classes = []
    for union, (fake, _) in FAKES.items():
        pattern = re.compile(rf"^{union} = (\(?)", re.M)
        assert pattern.search(text), union
        text = pattern.sub(rf"{union} = \g<1>{fake} | ", text, count=1)
        classes.append(f"@attrs.frozen\nclass {fake}:\n    pos: Pos | None = None\n")
    for literal, (member, _) in LITERALS.items():
        pattern = re.compile(rf"^{literal} = TypingLiteral\[", re.M)
        assert pattern.search(text), literal
        text = pattern.sub(f"{literal} = TypingLiteral[{member!r}, ", text, count=1)
    # The fake classes go before their first use in a union.
    first = min(text.index(f"{FAKES[u][0]} | ") for u in FAKES)
    head = text.rfind("\n\n", 0, first)
    text = text[:head] + "\n\n\n" + "\n\n".join(classes) + text[head:]
    ast_py.write_text(text, encoding="utf-8")
    return copy


def _mypy(path: Path, cache: Path) -> str:
    # The project's own mypy options (strict, Python 3.11), so that the cache ``make
    # lint`` left (the standard library's and the dependencies' types) is valid here:
    # started from a copy of it, mypy checks only the planted package (a quarter of the
    # time); without one it checks everything, with the same report.
    if (ROOT / ".mypy_cache").is_dir() and not cache.exists():
        shutil.copytree(ROOT / ".mypy_cache", cache)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--no-error-summary", "--cache-dir", str(cache), str(path)],
        capture_output=True, text=True, cwd=path.parent, check=False)
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("planted")
    return _mypy(_planted(tmp), tmp / ".mypy_cache")


def _sites(report: str, needle: str) -> set[str]:
    """The modules where mypy says ``needle`` reaches an ``assert_never``."""
    out = set()
    for line in report.splitlines():
        m = re.match(r"leadrules/(.+?)\.py:\d+: error: (.*)", line)
        if m and "assert_never" in m.group(2) and needle in m.group(2):
            out.add(m.group(1))
    return out


@pytest.mark.parametrize("union", sorted(FAKES))
def test_an_unhandled_ast_variant_is_a_type_error(report: str, union: str) -> None:
    fake, stages = FAKES[union]
    missing = stages - _sites(report, fake)
    assert not missing, f"no assert_never caught {fake} in {sorted(missing)}\n{report}"


@pytest.mark.parametrize("literal", sorted(LITERALS))
def test_an_unhandled_operator_literal_is_a_type_error(report: str, literal: str) -> None:
    member, stages = LITERALS[literal]
    missing = stages - _sites(report, repr(member).replace("'", '"'))
    missing &= stages - _sites(report, repr(member))
    assert not missing, f"no assert_never caught {member!r} in {sorted(missing)}\n{report}"
