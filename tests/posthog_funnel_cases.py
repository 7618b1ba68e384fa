"""Funnel cases translated by hand from PostHog's own funnel test suite
(``posthog/hogql_queries/insights/funnels/test/``: ``test_funnel.py``,
``conversion_time_cases.py``, ``test_funnel_strict.py``,
``test_funnel_unordered.py``), with the counts and times PostHog's tests
expect: an oracle independent of this library.

Translation: PostHog's events are rows of one custom source ``web`` whose
field ``event`` holds the event name (``browser``, ``key``: its properties);
a person is a lead.  PostHog tests that give no timestamps create their
events one after another: here one minute apart, in the order written.  Where
leadrules deliberately answers differently, ``posthog`` says what PostHog
expects and why (docs/funnels.md, "Compared with PostHog").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

UTC = dt.UTC
AS_OF = dt.datetime(2021, 6, 1, tzinfo=UTC)
START = dt.datetime(2021, 5, 1, 1, tzinfo=UTC)

SOURCE = "source web { event text; browser text; key text }\n"

Step = tuple[Any, ...]
"""``(event name)``, ``(event name, {property: value})``, ``(datetime, name)``
or ``(datetime, name, {property: value})``."""


@attrs.frozen
class FunnelCase:
    test: str                     # the PostHog test it is translated from
    funnel: str                   # funnel `f`, in leadrules' language
    journeys: dict[str, list[Step]]
    counts: tuple[int, ...]
    median_seconds: tuple[float | None, ...] | None = None
    mean_seconds: tuple[float | None, ...] | None = None
    posthog: str | None = None    # where PostHog expects something else, and why
    by: str | None = None         # an event-field breakdown (first-step attribution)
    groups: dict[str, tuple[int, ...]] | None = None   # its counts per group label

    def data(self) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
        leads = [{"id": person} for person in self.journeys]
        events = []
        for person, steps in self.journeys.items():
            for i, step in enumerate(steps):
                when = START + dt.timedelta(minutes=i)
                if isinstance(step[0], dt.datetime):
                    when, step = step[0], step[1:]
                props = step[1] if len(step) > 1 else {}
                events.append({"lead_id": person, "occurred_at": when, "event": step[0],
                               **props})
        return leads, {"web": events}


def _ev(name: str) -> str:
    return f'web {{ event = "{name}" }}'


def at(day: int, hour: int, minute: int = 0, year: int = 2021, month: int = 5
       ) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


PAGEVIEWS = "\n".join(f"  pageview{k}: {_ev('$pageview')}" for k in range(1, 5))

CASES = [
    FunnelCase(
        "test_funnel.py::test_basic_funnel_with_repeat_steps",
        f'funnel f ordered within 14 days {{\n  signup: {_ev("user signed up")}\n'
        f'  again: {_ev("user signed up")}\n}}',
        {"stopped_after_signup1": [("user signed up",), ("user signed up",)],
         "stopped_after_signup2": [("user signed up",)]},
        (2, 1)),
    FunnelCase(
        "test_funnel.py::test_advanced_funnel_with_repeat_steps",
        f'funnel f ordered within 14 days {{\n  signup: {_ev("user signed up")}\n'
        f'{PAGEVIEWS}\n}}',
        {"stopped_after_signup1": [("user signed up",)],
         "stopped_after_pageview1": [("user signed up",), ("$pageview",)],
         "stopped_after_pageview2": [("user signed up",), ("$pageview",), ("blaah blaa",),
                                     ("$pageview",)],
         "stopped_after_pageview3": [("user signed up",), ("$pageview",), ("blaah blaa",),
                                     ("$pageview",), ("$pageview",), ("blaah blaa",)],
         "stopped_after_pageview4": [("user signed up",), ("$pageview",), ("$pageview",),
                                     ("$pageview",), ("$pageview",)]},
        (5, 4, 3, 2, 1)),
    FunnelCase(
        "test_funnel.py::test_advanced_funnel_with_repeat_steps_out_of_order_events",
        f'funnel f ordered within 14 days {{\n  signup: {_ev("user signed up")}\n'
        f'{PAGEVIEWS}\n}}',
        {"person1": [("$pageview",), ("user signed up",)],
         "person2": [("user signed up",), ("$pageview",)],
         "person3": [("$pageview",), ("user signed up",), ("blaah blaa",), ("$pageview",)],
         "person4": [("blaah blaa",), ("$pageview",), ("blaah blaa",), ("$pageview",),
                     ("user signed up",), ("$pageview",)],
         "person5": [("user signed up",), ("$pageview",), ("blaah blaa",), ("$pageview",),
                     ("$pageview",), ("$pageview",)],
         "person6": [("$pageview",), ("blaah blaa",), ("$pageview",), ("$pageview",),
                     ("$pageview",)]},
        (5, 4, 1, 1, 1)),
    FunnelCase(
        "test_funnel.py::test_funnel_with_different_actions_at_same_time_count_as_converted",
        'funnel f ordered within 14 days {\n  signup: web { event = "sign up"; key = "val" }\n'
        f'  pageview: {_ev("$pageview")}\n}}',
        {"stopped_after_signup1": [(at(3, 0), "sign up", {"key": "val"}),
                                   (at(3, 0), "$pageview", {"key": "val"})],
         "stopped_after_signup2": [(at(3, 0), "sign up", {"key": "val"})]},
        (2, 1)),
    FunnelCase(
        "conversion_time_cases.py::test_funnel_step_conversion_times",
        f'funnel f ordered within 7 days {{\n  signup: {_ev("sign up")}\n'
        f'  play: {_ev("play movie")}\n  buy: {_ev("buy")}\n}}',
        {"person1": [(at(1, 12, year=2020, month=1), "sign up"),
                     (at(1, 13, year=2020, month=1), "play movie"),
                     (at(1, 15, year=2020, month=1), "buy")],
         "person2": [(at(2, 14, year=2020, month=1), "sign up"),
                     (at(2, 16, year=2020, month=1), "play movie")],
         "person3": [(at(2, 14, year=2020, month=1), "sign up"),
                     (at(2, 16, year=2020, month=1), "play movie"),
                     (at(2, 17, year=2020, month=1), "buy")]},
        (3, 3, 2), median_seconds=(None, 7200, 5400), mean_seconds=(None, 6000, 5400)),
    FunnelCase(
        "conversion_time_cases.py::test_funnel_times_with_different_conversion_windows",
        f'funnel f ordered within 14 days {{\n  signup: {_ev("user signed up")}\n'
        f'  pageview: {_ev("pageview")}\n}}',
        {"stopped_after_signup1": [(at(2, 14, year=2020, month=1), "user signed up"),
                                   (at(2, 14, 5, year=2020, month=1), "pageview")],
         "stopped_after_signup2": [(at(2, 14, 3, year=2020, month=1), "user signed up")],
         "stopped_after_signup3": [(at(2, 12, year=2020, month=1), "user signed up"),
                                   (at(2, 12, 15, year=2020, month=1), "pageview")]},
        (3, 2), mean_seconds=(None, 600)),
    FunnelCase(
        "conversion_time_cases.py::test_funnel_times_with_different_conversion_windows"
        " (5 minutes)",
        f'funnel f ordered within 5 minutes {{\n  signup: {_ev("user signed up")}\n'
        f'  pageview: {_ev("pageview")}\n}}',
        {"stopped_after_signup1": [(at(2, 14, year=2020, month=1), "user signed up"),
                                   (at(2, 14, 5, year=2020, month=1), "pageview")],
         "stopped_after_signup2": [(at(2, 14, 3, year=2020, month=1), "user signed up")],
         "stopped_after_signup3": [(at(2, 12, year=2020, month=1), "user signed up"),
                                   (at(2, 12, 15, year=2020, month=1), "pageview")]},
        (3, 1), mean_seconds=(None, 300)),
    FunnelCase(
        "conversion_time_cases.py::test_funnel_with_multiple_incomplete_tries",
        f'funnel f ordered within 1 day {{\n  signup: {_ev("user signed up")}\n'
        f'  pageview: {_ev("$pageview")}\n  other: {_ev("something else")}\n}}',
        {"person1": [(at(1, 1), "user signed up"), (at(1, 2), "$pageview"),
                     (at(1, 3), "something else"), (at(3, 4), "user signed up"),
                     (at(3, 5), "$pageview"), (at(4, 7), "user signed up"),
                     (at(4, 10), "$pageview")]},
        (1, 1, 1), median_seconds=(None, 3600, 3600), mean_seconds=(None, 3600, 3600)),
    FunnelCase(
        "test_funnel_strict.py::test_basic_strict_funnel",
        f'funnel f strict within 14 days {{\n  signup: {_ev("user signed up")}\n'
        f'  pageview: {_ev("$pageview")}\n  insight: {_ev("insight viewed")}\n}}',
        {"stopped_after_signup1": [("user signed up",)],
         "stopped_after_pageview1": [("$pageview",), ("user signed up",)],
         "stopped_after_insightview": [("user signed up",), ("$pageview",), ("blaah blaa",),
                                       ("insight viewed",)],
         "stopped_after_insightview2": [("insight viewed",), ("blaah blaa",), ("$pageview",),
                                        ("user signed up",)],
         "stopped_after_insightview3": [("$pageview",), ("user signed up",), ("blaah blaa",),
                                        ("$pageview",), ("insight viewed",)],
         "person6": [("blaah blaa",), ("user signed up",), ("blaah blaa",), ("$pageview",)],
         "person7": [("blaah blaa",), ("user signed up",), ("$pageview",), ("insight viewed",),
                     ("blaah blaa",)],
         "stopped_after_insightview6": [("insight viewed",), ("$pageview",)]},
        (7, 2, 1)),
    FunnelCase(
        "test_funnel_strict.py::test_strict_breakdown_events_with_multiple_properties",
        f'funnel f strict within 7 days {{\n  signup: {_ev("sign up")}\n'
        f'  play: {_ev("play movie")}\n}}',
        {"person1": [(at(1, 12, year=2020, month=1), "sign up", {"browser": "Chrome"}),
                     (at(1, 13, year=2020, month=1), "blah", {"browser": "Chrome"}),
                     (at(1, 14, year=2020, month=1), "play movie", {"browser": "Chrome"})],
         "person2": [(at(2, 13, year=2020, month=1), "sign up", {"browser": "Safari"}),
                     (at(2, 14, year=2020, month=1), "play movie", {"browser": "Safari"})]},
        (2, 1), median_seconds=(None, 3600), by="web.browser",
        groups={"Chrome": (1, 0), "Safari": (1, 1)}),
    FunnelCase(
        "test_funnel_unordered.py::test_basic_unordered_funnel",
        f'funnel f any order within 14 days {{\n  signup: {_ev("user signed up")}\n'
        f'  pageview: {_ev("$pageview")}\n  insight: {_ev("insight viewed")}\n}}',
        {"stopped_after_signup1": [("user signed up",)],
         "stopped_after_pageview1": [("$pageview",), ("user signed up",)],
         "stopped_after_insightview": [("user signed up",), ("$pageview",), ("blaah blaa",),
                                       ("insight viewed",)],
         "stopped_after_insightview2": [("insight viewed",), ("$pageview",),
                                        ("user signed up",)],
         "stopped_after_insightview3": [("$pageview",), ("user signed up",), ("blaah blaa",),
                                        ("insight viewed",)],
         "stopped_after_insightview4": [("blaah blaa",), ("insight viewed",)],
         "stopped_after_insightview5": [("$pageview",), ("blaah blaa",)],
         "stopped_after_insightview6": [("insight viewed",), ("$pageview",)]},
        (8, 5, 3)),
    FunnelCase(
        "test_funnel_unordered.py::test_big_multi_step_unordered_funnel",
        f'funnel f any order within 14 days {{\n  signup: {_ev("user signed up")}\n'
        f'  pageview: {_ev("$pageview")}\n  insight: {_ev("insight viewed")}\n'
        f'  crying: {_ev("crying")}\n}}',
        {"stopped_after_signup1": [("user signed up",)],
         "stopped_after_pageview1": [("$pageview",), ("crying",)],
         "stopped_after_insightview": [("user signed up",), ("$pageview",), ("blaah blaa",),
                                       ("insight viewed",)],
         "stopped_after_insightview2": [("insight viewed",), ("crying",), ("user signed up",)],
         "stopped_after_insightview3": [("$pageview",), ("user signed up",), ("crying",),
                                        ("insight viewed",)],
         "stopped_after_insightview4": [("blaah blaa",), ("insight viewed",)],
         "stopped_after_insightview5": [("$pageview",), ("blaah blaa",)],
         "stopped_after_insightview6": [("insight viewed",), ("$pageview",)]},
        (8, 5, 3, 1)),
    FunnelCase(
        "test_funnel.py::test_funnel_exclusions_full_window",
        f'funnel f ordered within 14 days {{\n  signup: {_ev("user signed up")}\n'
        f'  paid: {_ev("paid")}\n'
        f'  exclude: {_ev("x 1 name with numbers 2")} between signup and paid\n}}',
        {"person1": [(at(1, 1), "user signed up"), (at(1, 2), "paid")],
         "person2": [(at(1, 3), "user signed up"), (at(1, 3, 30), "x 1 name with numbers 2"),
                     (at(1, 4), "paid")],
         "person3": [(at(1, 5), "user signed up"), (at(1, 6), "paid")]},
        (3, 2),
        posthog="PostHog counts 2, 2: it drops person2 (excluded) from every step; leadrules "
                "keeps person2 at the step before the excluded event"),
    *(FunnelCase(
        f"test_funnel.py::test_advanced_funnel_exclusions_between_steps ({a} to {b})",
        f'funnel f ordered within 14 days {{\n  signup: {_ev("user signed up")}\n'
        f'  pageview: {_ev("$pageview")}\n  insight: {_ev("insight viewed")}\n'
        f'  invite: {_ev("invite teammate")}\n  pageview2: {_ev("pageview2")}\n'
        f'  exclude: {_ev("x")} between {a} and {b}\n}}',
        {"person1": [(at(1, 1), "user signed up"), (at(1, 2), "$pageview"), (at(1, 3), "x"),
                     (at(1, 4), "insight viewed"), (at(1, 4, 30), "x"),
                     (at(1, 5), "invite teammate"), (at(1, 5, 30), "x"),
                     (at(1, 6), "pageview2")],
         "person2": [(at(1, 1), "user signed up"), (at(1, 2), "$pageview"),
                     (at(1, 4), "insight viewed"), (at(1, 4, 30), "x"),
                     (at(1, 5), "invite teammate"), (at(1, 5, 30), "x"),
                     (at(1, 6), "pageview2")],
         "person3": [(at(1, 1), "user signed up"), (at(1, 1, 30), "x"),
                     (at(1, 2), "$pageview"), (at(1, 4), "insight viewed"),
                     (at(1, 5), "invite teammate"), (at(1, 5, 30), "x"),
                     (at(1, 6), "pageview2")]},
        counts, posthog=note)
      for a, b, counts, note in (
          ("signup", "pageview", (3, 2, 2, 2, 2),
           "PostHog counts 2 at every step: the excluded person3 is dropped from the funnel"),
          ("pageview", "insight", (3, 3, 2, 2, 2),
           "PostHog counts 2 at every step: the excluded person1 is dropped from the funnel"),
          ("insight", "invite", (3, 3, 3, 1, 1),
           "PostHog counts 1 at every step (only person3 stays)"))),
]
