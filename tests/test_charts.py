"""Charts (issue 12 item 3): the funnel with its back-calculation, the funnel
over time, the score distribution by tier and a segment's size over time.

Each SVG is parsed and its labels compared with the result's numbers; then all
of them are rendered in one headless Chromium run (``.ci/run`` installs
Debian's ``chromium``) and each picture must be non-blank and drawn in the
charts' colours.  Nothing here skips: no Chromium is a failure.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import leadrules as lr
from leadrules import charts, sample
from leadrules.cli import main
from leadrules.funnel_chart import PALETTE, chart
from leadrules.memory import MemoryStore

AS_OF = sample.AS_OF
DEMO = Path(lr.__file__).parent / "demo.rules"
RULES = lr.load(DEMO)
TARGETS = {"won": 10}
NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    data = sample.generate(400)
    return MemoryStore(data.leads, data.events)


@pytest.fixture(scope="module")
def results(store: MemoryStore) -> dict[str, Any]:
    funnel = RULES.funnel("pipeline")
    return {
        "funnel": funnel.report(store, AS_OF),
        "funnel_over_time": funnel.over_time(store, "month", "2026-06-01", AS_OF,
                                             progress=False),
        "distribution": RULES.tiers("follow_up").distribution(store, AS_OF),
        "segment_over_time": RULES.segment("hot_leads").over_time(
            store, "week", "2026-09-01", AS_OF, progress=False),
    }


def svgs(results: dict[str, Any]) -> dict[str, ET.Element]:
    return {
        "funnel": chart(results["funnel"], TARGETS),
        "funnel_over_time": chart(results["funnel_over_time"]),
        "distribution": results["distribution"].svg(),
        "segment_over_time": results["segment_over_time"].svg(),
    }


def texts(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{NS}text")]


def test_svg_labels_are_the_results_numbers(results: dict[str, Any], store: MemoryStore
                                            ) -> None:
    drawn = {k: ET.fromstring(ET.tostring(v)) for k, v in svgs(results).items()}  # parses
    report = results["funnel"]
    labels = texts(drawn["funnel"])
    need = report.required(**TARGETS)
    for k, stage in enumerate(report.stages):
        assert stage.name in labels
        detail = next(t for t in labels if t.startswith(f"{stage.count:,}"))
        assert f"need {need[stage.name]:,}" in detail
        if k:
            assert f"{float(stage.rate) * 100:.1f}% of previous" in detail
    assert need["won"] == 10 and all(isinstance(v, int) for v in need.values())

    over = results["funnel_over_time"]
    labels = texts(drawn["funnel_over_time"])
    for p in over.periods:
        assert f"{p.report.stages[0].count:,}" in labels

    dist = results["distribution"]
    labels = texts(drawn["distribution"])
    assert [t for t in labels if t.isdigit()][-sum(1 for b in dist.bins if b.total):] == \
        [str(b.total) for b in dist.bins if b.total]
    for tier in dist.tier_names:
        assert f"{tier} ({dist.total(tier):,})" in labels
    assert sum(b.total for b in dist.bins) == dist.population == len(
        RULES.tiers("follow_up").assign(store, AS_OF))

    seg = results["segment_over_time"]
    labels = texts(drawn["segment_over_time"])
    sizes = [t for t in labels if t.isdigit()]
    assert sizes[-len(seg.periods):] == [str(p.size) for p in seg.periods]
    assert [t for t in labels if t.startswith("+")] == [f"+{p.entered}" for p in seg.periods]
    assert seg.periods[-1].size == len(RULES.segment("hot_leads").select(
        store, AS_OF))


def test_segment_over_time_counts_agree_with_select(store: MemoryStore,
                                                    results: dict[str, Any]) -> None:
    seg = RULES.segment("hot_leads")
    previous: set[str] = set()
    first = True
    for p in results["segment_over_time"].periods:
        ids = set(seg.select(store, p.as_of))
        assert p.size == len(ids) and set(p.ids) == ids
        if not first:
            assert (p.entered, p.left) == (len(ids - previous), len(previous - ids))
        previous, first = ids, False


def test_charts_render_in_chromium(results: dict[str, Any], tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "no chromium: apt-get install -y chromium (.ci/run does)"
    drawn = svgs(results)
    y = 0
    boxes = {}
    parts = []
    for name, svg in drawn.items():
        w, h = float(svg.get("width", 0)), float(svg.get("height", 0))
        boxes[name] = (0, y, int(w), y + int(h))
        parts.append(f'<div style="position:absolute;left:0;top:{y}px">'
                     f"{charts.svg_element(svg)}</div>")
        y += int(h) + 10
    width = max(b[2] for b in boxes.values())
    page = tmp_path / "charts.html"
    page.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
                    '<body style="margin:0;background:#fff">' + "".join(parts)
                    + "</body></html>", encoding="utf-8")
    shot = tmp_path / "charts.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
                    f"--screenshot={shot}", f"--window-size={width},{y}", page.as_uri()],
                   check=True, capture_output=True, timeout=180)
    image = Image.open(shot).convert("RGB")
    assert image.size[0] >= width
    blue = tuple(int(PALETTE[0][i:i + 2], 16) for i in (1, 3, 5))
    for name, box in boxes.items():
        part = image.crop(box)
        colours = part.getcolors(maxcolors=1 << 20) or []
        ink = sum(n for n, c in colours if c != (255, 255, 255))
        assert ink > 0.02 * part.size[0] * part.size[1], f"{name} is blank"
        assert len(colours) > 8, f"{name} has no anti-aliased text or shapes"
        assert any(sum(abs(a - b) for a, b in zip(c, blue, strict=True)) < 12 and n > 50
                   for n, c in colours), f"{name}: no bar in the chart's first colour"
        # text is drawn: dark pixels in the title band
        title = part.crop((0, 0, part.size[0], 40))
        assert any(sum(c) < 200 for _, c in title.getcolors(maxcolors=1 << 20) or []), name


def test_cli_writes_the_charts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    sample.write_csv(sample.generate(400), data)
    base = ["--data", str(data), "--as-of", AS_OF.isoformat()]
    assert main(["segment", str(DEMO), "hot_leads", *base, "--every", "week", "--since",
                 "2026-10-01", "--chart", str(tmp_path / "hot.svg"), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "period_start,period_end,as_of,size,entered,left,complete"
    sizes = [line.split(",")[3] for line in out.splitlines()[1:]]
    svg = ET.parse(tmp_path / "hot.svg").getroot()
    assert svg.tag == f"{NS}svg"
    drawn = [t.text for t in svg.iter(f"{NS}text") if (t.text or "").isdigit()]
    assert drawn[-len(sizes):] == sizes
    assert main(["tiers", str(DEMO), "follow_up", *base, "--chart",
                 str(tmp_path / "tiers.html")]) == 0
    capsys.readouterr()
    page = (tmp_path / "tiers.html").read_text(encoding="utf-8")
    assert "<svg" in page and "score default by tiers follow_up" in page
    assert main(["funnel", str(DEMO), "pipeline", *base, "--target", "won=10", "--chart",
                 str(tmp_path / "f.svg")]) == 0
    capsys.readouterr()
    assert "need 10" in (tmp_path / "f.svg").read_text(encoding="utf-8")
    assert main(["segment", str(DEMO), "hot_leads", *base, "--since", "2026-10-01"]) == 2
    assert "--every, --since and --chart go together" in capsys.readouterr().err
