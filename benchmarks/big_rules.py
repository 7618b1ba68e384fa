"""Big rule files on every store (issue 15, item 4), timed as whole processes.

Usage: ``.venv/bin/python benchmarks/big_rules.py [--leads N] [--output FILE]``
(``make bench`` runs it).

- ``leadrules segment`` of the last segment of a 500-segment chain (each
  ``segment previous and lead { company != "xI" }``), of a 40-segment diamond
  (each using the previous one twice) and of a 20,000-way ``or`` of literals, on
  N sample leads (default 50,000) in memory (a CSV folder), SQLite, DuckDB and
  PostgreSQL.  Target: under 10 s each.  Every store's ids are checked equal to
  memory's before a time is reported.
- ``leadrules check`` of a 5 MB file of 36,000 segments: seconds and peak
  memory (max RSS).  Target: under 10 s and 300 MB.

The data and stores are built once into ``benchmarks/data/`` and reused.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
LEADRULES = [sys.executable, "-m", "leadrules"]
PG = os.environ.get("LEADRULES_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def chain(n: int) -> str:
    out = ['segment s0 {\n  1: lead { status != "lost" }\n  match 1\n}']
    out += [f'segment s{i} {{\n  1: segment s{i - 1}\n  2: lead {{ company != "x{i}" }}\n'
            "  match 1 and 2\n}" for i in range(1, n)]
    return "\n".join(out) + "\n"


def diamond(n: int) -> str:
    out = ['segment d0 {\n  1: lead { status != "lost" }\n  match 1\n}']
    out += [f'segment d{i} {{\n  1: segment d{i - 1}\n  2: lead {{ company != "x{i}" }}\n'
            f'  3: lead {{ company = "y{i}" }}\n  match (1 and 2) or (1 and 3)\n}}'
            for i in range(1, n)]
    return "\n".join(out) + "\n"


def big_or(n: int) -> str:
    values = " or ".join(f'company = "c{i}"' for i in range(n))
    return f"segment big {{\n  1: lead {{ {values} }}\n  match 1\n}}\n"


def huge(n: int) -> str:
    return "\n".join(
        f'segment s{i} {{\n  1: lead {{ company != "x{i}" and status != "lost" }}\n'
        f'  2: tracking {{ path starts with "/p{i}" }} count >= 2\n  match 1 and 2\n}}'
        for i in range(n)) + "\n"


def run(args: list[str]) -> tuple[float, float, str]:
    """Seconds, peak MB (max RSS) of the child and a digest of its output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"failed: {' '.join(args)}\n{err.read().decode()}")
        return seconds, usage.ru_maxrss / 1024, hashlib.sha256(out.read()).hexdigest()[:12]


def stores(leads: int) -> dict[str, str]:
    DATA.mkdir(parents=True, exist_ok=True)
    folder = DATA / f"big_{leads}"
    if not folder.is_dir():
        sys.path.insert(0, str(ROOT / "src"))
        from leadrules.sample import generate, write_csv
        write_csv(generate(leads), folder)
    out = {"memory": str(folder)}
    for name, target in (("sqlite", DATA / f"big_{leads}.db"),
                         ("duckdb", DATA / f"big_{leads}.duckdb")):
        if not target.exists():
            subprocess.run([*LEADRULES, "import", str(folder), "--into", str(target)],
                           check=True, capture_output=True)
        out[name] = str(target)
    url = f"{PG}?schema=bench_big_{leads}"
    subprocess.run([*LEADRULES, "import", str(folder), "--into", url], check=True,
                   capture_output=True)
    out["postgres"] = url
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=50_000)
    parser.add_argument("--output", type=Path)
    opts = parser.parse_args()
    # Not under the repository: the docs tests check every .rules file there.
    rules_dir = Path(tempfile.mkdtemp(prefix="leadrules-big-rules-"))
    files = {"chain of 500": (chain(500), "s499"), "diamond of 40": (diamond(40), "d39"),
             "20,000-way or": (big_or(20_000), "big")}
    paths = {}
    for label, (text, _) in files.items():
        path = rules_dir / (label.replace(" ", "_").replace(",", "") + ".rules")
        path.write_text(text)
        paths[label] = path
    where = stores(opts.leads)
    lines = [f"# Big rule files, {datetime.now():%Y-%m-%d}, {platform.node()}, "
             f"{os.cpu_count()} cores, {opts.leads} leads", "",
             "| rules | store | seconds | peak MB |", "| --- | --- | --- | --- |"]
    for label, (_, name) in files.items():
        digests = {}
        for store, spec in where.items():
            seconds, mb, digest = run([*LEADRULES, "segment", str(paths[label]), name,
                                       "--data", spec])
            digests[store] = digest
            lines.append(f"| {label} | {store} | {seconds:.2f} | {mb:.0f} |")
        if len(set(digests.values())) != 1:
            raise SystemExit(f"{label}: the stores disagree: {digests}")
    big = rules_dir / "huge_5mb.rules"
    big.write_text(huge(36_000))
    size = big.stat().st_size / 1e6
    seconds, mb, _ = run([*LEADRULES, "check", str(big)])
    lines += ["", f"`leadrules check` of a {size:.1f} MB file of 36,000 segments: "
              f"{seconds:.1f} s, peak {mb:.0f} MB (targets: 10 s, 300 MB)"]
    text = "\n".join(lines) + "\n"
    print(text)
    if opts.output:
        opts.output.write_text(text)


if __name__ == "__main__":
    main()
