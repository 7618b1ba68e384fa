"""Running the examples of README.md and docs/*.md (the convention is in docs/README.md).

Every fenced block says what it is in its info string: a language word, then
markers (``rules file=first.rules``, ``console``, ``python``, ``csv
file=mini/lead.csv``, ``text output``).  ``rules`` blocks are parsed, checked
and compared with ``leadrules fmt``; ``console`` blocks run their ``$``
commands and compare what they print; ``python`` blocks run (``>>>`` ones as
doctests) and ``output`` blocks compare what the block before printed; blocks
with ``file=`` are written into the folder every page runs in.

A page runs in a fresh folder of its own holding every ``file=`` of every
page and ``demo-data/`` (the sample ``leadrules demo --out demo-data``
writes), its blocks in order, ``python`` blocks sharing one namespace.
"""

from __future__ import annotations

import contextlib
import difflib
import doctest
import functools
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import attrs
from markdown_it import MarkdownIt

import leadrules as lr
from leadrules.cli import main as cli_main
from leadrules.errors import LeadRulesError
from leadrules.format import format_rules
from leadrules.parse import parse

ROOT = Path(__file__).resolve().parent.parent
CONVENTION = "docs/README.md#examples-are-executed"

# The first word of an info string: these run; any other language is shown only.
RUN = {"rules", "console", "python"}
MARKERS = {
    "rules": {"file", "synopsis", "error", "warnings", "unformatted", "fragment", "excerpt-of",
              "data"},
    "console": {"synopsis"},
    "python": {"synopsis"},
}
SHOWN_MARKERS = {"file", "output"}


def pages() -> list[Path]:
    """README.md and every page of docs/, in a fixed order."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def page_name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


@attrs.frozen
class Block:
    page: str
    line: int  # of the opening fence, 1-based
    lang: str
    words: frozenset[str]
    options: dict[str, str] = attrs.field(hash=False)
    text: str

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    def has(self, marker: str) -> bool:
        return marker in self.words or marker in self.options


class ConventionError(Exception):
    """A block whose info string does not follow the convention."""


_MARKDOWN = MarkdownIt("commonmark").enable("table")


@functools.cache
def markdown_tokens(page: Path) -> list:  # type: ignore[type-arg]
    return _MARKDOWN.parse(page.read_text(encoding="utf-8"))


def blocks_of(page: Path) -> tuple[list[Block], list[str]]:
    """The fenced blocks of ``page``, and the problems of those that break the convention."""
    out, problems = [], []
    for token in markdown_tokens(page):
        if token.type not in ("fence", "code_block"):
            continue
        line = token.map[0] + 1
        where = f"{page_name(page)}:{line}"
        try:
            if token.type == "code_block":
                raise ConventionError(f"{where}: an indented code block; use a fenced block "
                                      f"with an info string ({CONVENTION})")
            out.append(_block(page_name(page), line, token.info, token.content, where))
        except ConventionError as exc:
            problems.append(str(exc))
    return out, problems


def _block(page: str, line: int, info: str, text: str, where: str) -> Block:
    try:
        parts = shlex.split(info)
    except ValueError as exc:
        raise ConventionError(f"{where}: unreadable info string {info!r}: {exc}") from None
    if not parts:
        raise ConventionError(
            f"{where}: a fenced block without an info string; say what it is "
            f"(rules, console, python, text, …: {CONVENTION})")
    lang, words, options = parts[0], set(), {}
    for part in parts[1:]:
        key, eq, value = part.partition("=")
        if eq:
            options[key] = value
        else:
            words.add(key)
    allowed = MARKERS.get(lang, SHOWN_MARKERS)
    near = difflib.get_close_matches(lang, sorted(RUN), n=1, cutoff=0.6)
    if lang not in RUN and near:
        # Any other language is shown only; a misspelt `rules`/`console`/`python`
        # would silently never run.
        raise ConventionError(f"{where}: unknown block kind {lang!r}; did you mean "
                              f"{near[0]!r}? ({CONVENTION})")
    unknown = sorted((words | set(options)) - allowed)
    if unknown:
        raise ConventionError(f"{where}: unknown marker {', '.join(unknown)} for a {lang} "
                              f"block (allowed: {', '.join(sorted(allowed))}: {CONVENTION})")
    if lang not in ("rules", "console", "python") and "file" not in options:
        shown_commands = [t for t in text.splitlines() if t.startswith("$ leadrules")]
        if shown_commands:
            raise ConventionError(f"{where}: '$ leadrules …' in a {lang} block is never run; "
                                  f"make it a console block ({CONVENTION})")
    return Block(page, line, lang, frozenset(words), options, text)


def all_blocks() -> dict[str, tuple[list[Block], list[str]]]:
    return {page_name(p): blocks_of(p) for p in pages()}


def example_files(blocks: list[Block]) -> tuple[dict[str, Block], list[str]]:
    """Every ``file=`` of the docs (one name is one file across the pages), and
    the problems: names defined twice differently, paths outside the folder."""
    files: dict[str, Block] = {}
    problems = []
    for block in blocks:
        name = block.options.get("file")
        if name is None:
            continue
        if Path(name).is_absolute() or ".." in Path(name).parts:
            problems.append(f"{block.where}: file={name} must be a relative path inside the "
                            "example folder")
        elif name in files and files[name].text != block.text:
            problems.append(
                f"{block.where}: file={name} is already defined differently at "
                f"{files[name].where}; a name means one file across the docs — name one "
                "of them differently")
        else:
            files.setdefault(name, block)
    return files, problems


def write_files(folder: Path, files: dict[str, Block]) -> None:
    for name, block in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(block.text, encoding="utf-8")


# ------------------------------------------------------------------ comparing


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(shown: str, real: str) -> bool:
    """Whether ``real`` output is what the docs show; a line ``…`` alone stands
    for any number of lines, and trailing spaces do not count."""
    want, got = _lines(shown), _lines(real)

    @functools.cache
    def match(i: int, j: int) -> bool:
        if i == len(want):
            return j == len(got)
        if want[i] == "…":
            return any(match(i + 1, k) for k in range(j, len(got) + 1))
        return j < len(got) and want[i] == got[j] and match(i + 1, j + 1)

    return match(0, 0)


def diff(shown: str, real: str) -> str:
    return "\n".join(difflib.unified_diff(_lines(shown), _lines(real), "shown in the docs",
                                          "real output", lineterm=""))


# ------------------------------------------------------------------- running


@attrs.define
class PageRun:
    """The examples of one page, run in order in ``folder``."""

    folder: Path
    failures: list[str] = attrs.Factory(list)
    namespace: dict[str, object] = attrs.Factory(lambda: {"__name__": "__docs__"})
    last_status: int = 0
    last_output: tuple[Block, str] | None = None  # a python block and what it printed
    checked_by_console: set[str] = attrs.Factory(set)
    # Every command run: its block, the command and what it printed.
    commands: list[tuple[Block, str, str]] = attrs.Factory(list)

    def fail(self, block: Block, message: str) -> None:
        self.failures.append(f"{block.where}: {message}")

    def run(self, blocks: list[Block]) -> None:
        error_files: list[Block] = []
        for block in blocks:
            if block.has("synopsis"):
                continue
            if block.lang == "rules":
                self.rules(block)
                if block.has("error") and "error" in block.words:
                    error_files.append(block)
            elif block.lang == "console":
                self.console(block)
            elif block.lang == "python":
                self.python(block)
            if block.has("output"):
                self.output(block)
            if block.lang != "python":
                self.last_output = None
        for block in error_files:
            if block.options.get("file") not in self.checked_by_console:
                self.fail(block, "a rules block marked error needs error=\"MESSAGE\" or a "
                                 "console block below that runs a command on its file=")

    # rules ------------------------------------------------------------

    def rules(self, block: Block) -> None:
        texts = ([f"segment s {{\n  {line.strip()}\n}}\n" for line in block.text.splitlines()
                  if line.strip() and not line.strip().startswith("#")]
                 if block.has("fragment") else [block.text])
        for text in texts:
            self._check_rules(block, text)
            if not block.has("unformatted"):
                self._check_format(block, text)
        source = block.options.get("excerpt-of")
        if source is not None:
            path = ROOT / source
            if not path.is_file():
                self.fail(block, f"excerpt-of={source}: no such file in the repository")
            elif block.text not in path.read_text(encoding="utf-8"):
                self.fail(block, f"not a verbatim part of {source} (copy it from there)")

    def _check_rules(self, block: Block, text: str) -> None:
        name = block.options.get("file", "example.rules")
        # With data=, checked as `leadrules check --data` checks: the folder read
        # with the file's declarations, its other columns as text fields.
        data = str(self.folder / block.options["data"]) if "data" in block.options else None
        try:
            rules = lr.parse(text, file=name, data=data)
        except LeadRulesError as exc:
            if not block.has("error"):
                self.fail(block, f"the rules do not check (mark the block `error` if that "
                                 f"is the point):\n{exc.render()}")
            elif "error" in block.options and block.options["error"] not in exc.render():
                self.fail(block, f"expected the error {block.options['error']!r}, got:\n"
                                 f"{exc.render()}")
            return
        if block.has("error"):
            self.fail(block, "marked error, but the rules check")
        elif rules.warnings and not block.has("warnings"):
            shown = "\n".join(w.render() for w in rules.warnings)
            self.fail(block, f"the rules check with warnings (mark the block `warnings` if "
                             f"that is the point):\n{shown}")
        elif block.has("warnings") and not rules.warnings:
            self.fail(block, "marked warnings, but the rules check without any")

    def _check_format(self, block: Block, text: str) -> None:
        try:
            canonical = format_rules(parse(text))
        except LeadRulesError:
            return  # a syntax error, reported by the check
        if canonical != text:
            self.fail(block, "not in `leadrules fmt` style (mark the block `unformatted` "
                             f"if that is the point):\n{diff(text, canonical)}")

    # console ----------------------------------------------------------

    def console(self, block: Block) -> None:
        for command, shown in _commands(block.text):
            real = self.shell(command)
            self.commands.append((block, command, real))
            if not matches(shown, real):
                self.fail(block, f"$ {command}\n{diff(shown, real)}")
            for word in shlex.split(command, comments=True):
                self.checked_by_console.add(word)

    def shell(self, command: str) -> str:
        words = shlex.split(command, comments=True)
        if words == ["echo", "$?"]:
            return f"{self.last_status}\n"
        if words and words[0] == "cat" and len(words) > 1 and not _SHELL.search(command):
            texts = []
            for name in words[1:]:
                try:
                    texts.append((self.folder / name).read_text(encoding="utf-8"))
                except OSError as exc:
                    texts.append(f"cat: {name}: {exc.strerror}\n")
            return "".join(texts)
        if words and words[0] == "leadrules" and not _SHELL.search(command.split("#")[0]):
            return self._leadrules(words[1:])
        env = dict(os.environ, PYTHONUNBUFFERED="1",
                   PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
        done = subprocess.run(["bash", "-c", command], cwd=self.folder, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120,
                              check=False)
        self.last_status = done.returncode
        return done.stdout

    def _leadrules(self, argv: list[str]) -> str:
        """``leadrules ARGV`` in this process (as the console script calls it), its
        standard output and error in one stream, in the order written."""
        buffer = io.BytesIO()
        stream = io.TextIOWrapper(buffer, encoding="utf-8", write_through=True)
        with contextlib.chdir(self.folder), contextlib.redirect_stdout(stream), \
                contextlib.redirect_stderr(stream), _stdin():
            try:
                self.last_status = cli_main(argv)
            except SystemExit as exc:
                self.last_status = int(exc.code or 0)
        stream.flush()
        return buffer.getvalue().decode("utf-8")

    # python -----------------------------------------------------------

    def python(self, block: Block) -> None:
        if any(line.startswith(">>> ") for line in block.text.splitlines()):
            self._doctest(block)
            self.last_output = None
            return
        out = io.StringIO()
        code = compile(block.text, f"{block.page}:{block.line}", "exec")
        with contextlib.chdir(self.folder), contextlib.redirect_stdout(out):
            try:
                exec(code, self.namespace)
            except Exception:
                self.fail(block, f"raised:\n{traceback.format_exc(limit=-3)}")
        self.last_output = (block, out.getvalue())

    def _doctest(self, block: Block) -> None:
        parser = doctest.DocTestParser()
        test = parser.get_doctest(block.text, self.namespace, block.where, block.page,
                                  block.line)
        report = io.StringIO()
        runner = doctest.DocTestRunner(checker=_Checker(), optionflags=doctest.ELLIPSIS)
        with contextlib.chdir(self.folder):
            runner.run(test, out=report.write, clear_globs=False)
        self.namespace.update(test.globs)  # a DocTest runs in a copy of the namespace
        if runner.failures:
            self.fail(block, report.getvalue())

    def output(self, block: Block) -> None:
        if self.last_output is None:
            self.fail(block, "an output block must follow a python block (no >>>)")
            return
        source, real = self.last_output
        if not matches(block.text, real):
            self.fail(block, f"the output of {source.where}:\n{diff(block.text, real)}")


_SHELL = re.compile(r"[|<>;&$`*]")


def _commands(text: str) -> Iterator[tuple[str, str]]:
    command: str | None = None
    shown: list[str] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            if command is not None:
                yield command, "\n".join(shown)
            command, shown = line[2:], []
        elif command is not None:
            shown.append(line)
    if command is not None:
        yield command, "\n".join(shown)


@contextlib.contextmanager
def _stdin() -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.StringIO("")
    try:
        yield
    finally:
        sys.stdin = saved


class _Checker(doctest.OutputChecker):
    """Trailing spaces do not count (a doc page cannot show them)."""

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        return super().check_output(_strip(want), _strip(got), optionflags)


def _strip(text: str) -> str:
    lines = _lines(text)
    return "\n".join(lines) + "\n" if lines else ""


def fresh_folder(base: Path, files: dict[str, Block], demo_data: Path) -> Path:
    base.mkdir(parents=True, exist_ok=True)
    write_files(base, files)
    shutil.copytree(demo_data, base / "demo-data")
    return base


# ------------------------------------------------------------- links, paths


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped,
    spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    tokens = markdown_tokens(page)
    seen: dict[str, int] = {}
    out = set()
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            text = "".join(child.content for child in tokens[i + 1].children or ()
                           if child.type in ("text", "code_inline"))
            base = slug(text)
            n = seen.get(base, 0)
            seen[base] = n + 1
            out.add(base if n == 0 else f"{base}-{n}")
    return out


def _inline(page: Path) -> Iterator[tuple[int, object]]:
    for token in markdown_tokens(page):
        if token.type == "inline":
            for child in token.children or ():
                yield token.map[0] + 1, child


def broken_links(page: Path) -> list[str]:
    """Relative links of ``page`` to files or anchors that do not exist."""
    problems = []
    for line, child in _inline(page):
        if child.type != "link_open":  # type: ignore[attr-defined]
            continue
        href = str(child.attrs.get("href", ""))  # type: ignore[attr-defined]
        if re.match(r"[a-z]+:", href):
            continue
        target, _, anchor = href.partition("#")
        path = (page.parent / target).resolve() if target else page
        where = f"{page_name(page)}:{line}"
        if not path.exists():
            problems.append(f"{where}: link to {href}: no such file")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            problems.append(f"{where}: link to {href}: {path.name} has no heading with "
                            f"the anchor #{anchor}")
    return problems


_PATH = re.compile(r"([\w.-]+(?:/[\w.-]+)+\.(?:py|md|rules|lark|toml|ipynb))(?:::[\w*\[\]-]+)?")
# A page still being written may name files to come: it says so with this line.
DRAFT = "<!-- draft: names files still to be written -->"


def missing_paths(page: Path, example_names: set[str]) -> list[str]:
    """Repository paths named in ``code`` that do not exist (``stores/sql.py``
    after the compiler moved to ``sql/``): looked up from the repository root,
    ``src/leadrules`` and ``docs``."""
    problems: list[str] = []
    if DRAFT in page.read_text(encoding="utf-8"):
        return problems
    for line, child in _inline(page):
        if child.type != "code_inline":  # type: ignore[attr-defined]
            continue
        found = _PATH.fullmatch(str(child.content))  # type: ignore[attr-defined]
        if found is None or found[1] in example_names:
            continue
        text = found[1]
        if not any((base / text).exists() for base in (ROOT, ROOT / "src" / "leadrules",
                                                       ROOT / "docs")):
            problems.append(f"{page_name(page)}:{line}: `{text}` names no file of the "
                            "repository")
    return problems


# ---------------------------------------------------------------- the schema


def documented_schema(page: Path, section: str = "The default schema"
                      ) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The tables of ``section``: each ``### `name` `` heading and the rows
    (field, type, meaning) of the first table under it."""
    tokens = markdown_tokens(page)
    out: list[tuple[str, list[tuple[str, str, str]]]] = []
    inside = False
    table: list[tuple[str, str, str]] | None = None
    row: list[str] = []
    in_head = False
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            title = tokens[i + 1].content
            if token.tag == "h2":
                inside = title == section
            elif token.tag == "h3" and inside:
                out.append((title.strip("`"), []))
                table = out[-1][1]
        elif not inside or table is None:
            continue
        elif token.type == "table_close":
            table = None  # only the first table under a heading
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and tokens[i - 1].type in ("td_open", "th_open"):
            row.append(token.content.replace("\\|", "|"))
        elif token.type in ("thead_open", "thead_close"):
            in_head = token.type == "thead_open"
        elif token.type == "tr_close" and not in_head and len(row) == 3:
            name, ftype, meaning = row
            table.append((name.strip("`"), ftype, meaning))
    return out
