"""Any text through the WHOLE pipeline — parse, check, compile, evaluate, explain,
format — either works or raises a LeadRulesError; never any other exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leadrules as lr
from leadrules import sample
from tests.test_parse_fuzz import SEEDS, TOKENS

HERE = Path(__file__).parent
VALID = (
    (HERE / "spec_examples.rules").read_text(encoding="utf-8"),
    (HERE.parent / "src" / "leadrules" / "demo.rules").read_text(encoding="utf-8"),
)
DATA = sample.generate(12, seed=3)
STORE = lr.MemoryStore(DATA.leads, DATA.events)


@st.composite
def mutate(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few small edits: most results still parse, many still check."""
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(text) - 1))
        j = draw(st.integers(i, min(len(text), i + 8)))
        action = draw(st.sampled_from(["delete", "duplicate", "insert"]))
        if action == "delete":
            text = text[:i] + text[j:]
        elif action == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i] + draw(st.sampled_from(TOKENS)) + text[i:]
    return text


def run_everything(text: str) -> None:
    try:
        rules = lr.parse(text)
    except lr.LeadRulesError:
        return
    rules.format()
    lead = DATA.leads[0]["id"]
    for name in rules.segment_names:
        seg = rules.segment(name)
        seg.select(STORE, DATA.as_of)
        seg.explain(lead, DATA.as_of, store=STORE)
    for model in rules.program.scorings:
        rules.scoring(model.name).score(STORE, DATA.as_of)
        rules.scoring(model.name).explain(lead, DATA.as_of, store=STORE)
    for profile in rules.program.gradings:
        rules.grading(profile.name).grade(STORE, DATA.as_of)
    for tiers in rules.program.tiers:
        rules.tiers(tiers.name).assign(STORE, DATA.as_of)
    for funnel in rules.program.funnels:
        rules.funnel(funnel.name).report(STORE, DATA.as_of)


def test_the_seeds_run_end_to_end() -> None:
    for seed in (*SEEDS, *VALID):
        run_everything(seed)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(VALID + SEEDS).flatmap(lambda text: mutate(text)))
def test_mutated_rules_run_or_fail_with_a_leadrules_error(text: str) -> None:
    run_everything(text)
