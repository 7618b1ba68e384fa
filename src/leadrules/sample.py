"""A deterministic, realistic and deliberately messy B2B lead data set.

``generate`` builds leads and events for :data:`~leadrules.schema.DEFAULT_SCHEMA`
as typed Python values, exactly as the in-memory store holds them: text is a
non-empty ``str`` or ``None``, numbers ``int`` or ``None``, bools ``bool`` or
``None``, datetimes timezone-aware UTC or ``None``, tags a ``tuple`` of ``str``
or ``None``.  ``leadrules demo``, the tests and the benchmarks all use it.

The data is messy on purpose, the way exports from a marketing-automation tool
are: Japanese and English names and titles, case variants (``Software``,
``software``, ``SOFTWARE``), missing values, a few leads created after
``as_of`` and events after ``as_of`` (they must not exist as of ``as_of``),
tracking from before a lead was identified (cookie history), sales notes with
commas, quotes and line breaks.  Activity is heavy-tailed: a minority of
leads is engaged right now, so the HOT-lead segment of SPEC 3.1 matches a
handful (about 1.5-2.5 %) of leads.

Everything comes from one ``random.Random(seed)``; the same arguments always
give the same data.  Generation uses cheap arithmetic over precomputed
tables, so 100k leads with 2M events take a few seconds.

``write_csv`` and ``write_jsonl`` write the data as the CSV / JSON Lines
folders of SPEC section 5, with a mix of datetime spellings (``Z``,
``+00:00``, ``+09:00`` and no offset) to exercise loaders.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

import attrs

from .schema import DEFAULT_SCHEMA, FieldType, Table

__all__ = ["AS_OF", "SampleData", "generate", "write_csv", "write_jsonl"]

AS_OF = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
"""The default ``as_of`` of the sample: the instant the data set describes."""

_T = TypeVar("_T")
_DAY = 86_400
_JST = timezone(timedelta(hours=9))
_occurred_at = itemgetter("occurred_at")


@attrs.frozen(eq=False)
class SampleData:
    """Leads and events (by source name) as typed Python values."""

    leads: list[dict[str, Any]]
    events: dict[str, list[dict[str, Any]]]
    as_of: datetime

    @property
    def event_count(self) -> int:
        return sum(len(rows) for rows in self.events.values())


def _table(pairs: Iterable[tuple[_T, int]]) -> tuple[_T, ...]:
    """A weighted choice as a flat table: pick with ``t[int(random() * len(t))]``."""
    return tuple(value for value, weight in pairs for _ in range(weight))


# -- lead attributes -----------------------------------------------------------

_JP_FAMILY = (("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"),
              ("伊藤", "ito"), ("渡辺", "watanabe"), ("山本", "yamamoto"), ("中村", "nakamura"),
              ("小林", "kobayashi"), ("加藤", "kato"), ("吉田", "yoshida"), ("山田", "yamada"),
              ("佐々木", "sasaki"), ("山口", "yamaguchi"), ("松本", "matsumoto"),
              ("井上", "inoue"), ("木村", "kimura"), ("林", "hayashi"), ("斎藤", "saito"),
              ("清水", "shimizu"))
_JP_GIVEN = (("太郎", "taro"), ("花子", "hanako"), ("健一", "kenichi"), ("美咲", "misaki"),
             ("翔太", "shota"), ("陽子", "yoko"), ("大輔", "daisuke"), ("由美", "yumi"),
             ("誠", "makoto"), ("恵", "megumi"), ("拓也", "takuya"), ("直子", "naoko"),
             ("蓮", "ren"), ("結衣", "yui"))
_EN_FIRST = ("John", "Emily", "Michael", "Sarah", "David", "Laura", "James", "Anna", "Robert",
             "Olivia", "Wei", "Priya", "Carlos", "Sophie")
_EN_LAST = ("Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Taylor",
            "Anderson", "Lee", "Chen", "Patel", "Müller", "O'Brien")

# (company name, email domain); the same company is sometimes spelled two ways.
_JP_COMPANIES = (
    ("株式会社サンライズ", "sunrise.co.jp"), ("日本テクノ株式会社", "nihon-techno.co.jp"),
    ("東和精機(株)", "towa-seiki.co.jp"), ("株式会社みらいラボ", "mirai-lab.jp"),
    ("北斗システム株式会社", "hokuto-sys.co.jp"), ("大和物産株式会社", "yamato-b.co.jp"),
    ("青葉ソフト株式会社", "aoba-soft.jp"), ("富士ロジスティクス株式会社", "fuji-logi.co.jp"),
    ("光電工業株式会社", "koden.co.jp"), ("株式会社さくらデータ", "sakura-data.jp"),
    ("株式会社 東和精機", "towa-seiki.co.jp"), ("医療法人 青葉会", "aobakai.or.jp"))
_EN_COMPANIES = (("Acme Corp", "acme.com"), ("Globex, Inc.", "globex.com"),
                 ("Initech", "initech.com"), ("Umbrella Ltd", "umbrella.co.uk"),
                 ("Northwind Traders", "northwind.com"), ("Contoso", "contoso.com"),
                 ("Fabrikam Inc", "fabrikam.com"), ("Tailspin Toys", "tailspin.com"),
                 ("ACME CORP", "acme.com"), ("Zenith \"Z\" Systems", "zenith.io"))
_FREE_MAIL = ("gmail.com", "yahoo.co.jp", "outlook.com")

_INDUSTRIES = _table([
    ("Software", 8), ("software", 5), ("SOFTWARE", 2), ("ソフトウェア", 4), ("製造業", 10),
    ("manufacturing", 5), ("Manufacturing", 5), ("金融", 4), ("Finance", 3), ("小売", 3),
    ("retail", 3), ("Retail", 2), ("医療", 2), ("Healthcare", 2), ("教育", 2), ("Education", 1),
    ("IT", 5), ("情報通信", 4), (None, 12)])
_DEPARTMENTS = _table([
    ("マーケティング部", 8), ("Marketing", 6), ("marketing", 3), ("営業部", 8), ("Sales", 5),
    ("情報システム部", 5), ("IT", 3), ("経営企画部", 4), ("総務部", 3), ("Engineering", 3),
    ("開発部", 3), (None, 15)])
_TITLES = _table([
    ("部長", 8), ("課長", 8), ("主任", 6), ("担当", 6), ("マネージャー", 6), ("部長代理", 2),
    ("取締役", 2), ("代表取締役", 2), ("Manager", 6), ("manager", 3), ("MANAGER", 1),
    ("Director", 4), ("director", 2), ("Marketing Manager", 5), ("Sales Director", 2),
    ("Engineer", 4), ("Staff", 3), ("CEO", 2), ("VP Marketing", 2), (None, 14)])
_REGIONS = _table([
    ("東京都", 20), ("大阪府", 8), ("愛知県", 5), ("神奈川県", 5), ("福岡県", 3), ("北海道", 2),
    ("Tokyo", 4), ("tokyo", 1), ("Osaka", 2), ("Kanagawa", 1), ("APAC", 2),
    ("North America", 2), ("EMEA", 1), (None, 10)])
_LEAD_SOURCES = _table([
    ("web_form", 30), ("exhibition", 20), ("business_card", 18), ("seminar", 15),
    ("telemarketing", 10), ("referral", 3), ("Web_Form", 1), ("Exhibition", 1), (None, 4)])
# A funnel: most leads are open or being nurtured, few reach a deal.
_STATUSES = _table([
    ("open", 45), ("nurturing", 28), ("opportunity", 12), ("won", 6), ("lost", 8), (None, 1)])
_TAGS = _table([
    ("vip", 5), ("VIP-candidate", 6), ("newsletter", 20), ("Newsletter", 4), ("key-account", 3),
    ("partner", 3), ("展示会2026", 8), ("要フォロー", 5), ("seminar-2026", 6), ("既存顧客", 3)])

# -- events --------------------------------------------------------------------

_SITE = "https://www.leadcloud.example"
_PAGES = (
    ("/", "ホーム | LeadCloud", 20), ("/products/", "製品一覧 | LeadCloud", 8),
    ("/products/ma-suite", "MA Suite | 製品", 8), ("/products/analytics", "Analytics | 製品", 5),
    ("/products/crm-connector", "CRM連携 | 製品", 4), ("/Products/MA-Suite", "MA Suite | 製品", 1),
    ("/pricing", "料金プラン | LeadCloud", 6), ("/pricing/enterprise", "Enterprise pricing", 2),
    ("/case-studies/", "導入事例 | LeadCloud", 4),
    ("/case-studies/manufacturing-towa", "導入事例: 東和精機様", 2),
    ("/case-studies/software-globex", "Case study: Globex", 2), ("/faq", "よくあるご質問", 4),
    ("/careers", "採用情報", 2), ("/blog/", "ブログ", 5),
    ("/blog/lead-scoring-101", "リードスコアリング入門", 4),
    ("/blog/hot-lead-follow-up", "HOTリードのフォロー方法", 3),
    ("/blog/marketing-funnel", "Marketing funnel basics", 3),
    ("/seminar/2026-12-webinar", "セミナー申込 | LeadCloud", 2),
    ("/download/whitepaper-dx", "資料ダウンロード", 3), ("/contact", "お問い合わせ", 2),
)
_QUERIES = (("", 16), ("?utm_source=newsletter&utm_medium=email", 2),
            ("?utm_source=google&utm_medium=cpc", 2))
# (path, url, title) in one pick; a few page titles are missing.
_PAGE_VIEWS = _table(
    ((path, _SITE + path + query, title if i else None), weight * qw * (20 if i else 1))
    for path, title, weight in _PAGES
    for query, qw in _QUERIES
    for i in range(2)
)
# Pages per session: mostly short visits, a long tail of deep ones.
_SESSION_SIZES = _table([(1, 30), (2, 20), (3, 14), (4, 10), (5, 7), (6, 5), (7, 4), (8, 3),
                         (10, 3), (12, 2), (15, 1), (20, 1)])

_FORMS = _table([("document_request", 30), ("contact", 15), ("seminar", 25), ("whitepaper", 25),
                 ("trial", 5)])
_APP_CAMPAIGNS = _table([
    ("2026_Spring_Webinar", 6), ("2026_spring_webinar", 3), ("EXPO2026", 5), ("expo2026", 2),
    ("WP-DX-Guide", 6), ("wp-dx-guide", 2), ("秋のDXセミナー", 4), ("Trial-2026", 2), (None, 8)])

_ACTIVITY_TYPES = _table([("email", 35), ("phone", 40), ("visit", 10), ("web_meeting", 15)])
_ACTIVITY_RESULTS = _table([("follow_up", 60), ("archive", 25), ("opportunity", 15)])
_ACTIVITY_SOURCES = _table([("whitepaper", 20), ("document_request", 25), ("seminar", 20),
                            ("hot_list", 20), ("dig_up_list", 15), (None, 5)])
_ACTORS = _table([("山田 一郎", 5), ("鈴木 花子", 5), ("Tanaka", 3), ("John Smith", 2),
                  ("佐藤(インサイドセールス)", 4), (None, 2)])
_CONTENTS = _table([
    ("初回架電、不在。再架電予定", 6), ("資料送付済み", 5), ("Called, left a message", 4),
    ("Demo scheduled for next week", 3), ('Customer said "call back in Q1"', 2),
    ("商談化: 予算あり\n決裁者は部長", 2), ("ウェビナー参加のお礼メール", 4), (None, 6)])

_MAIL_CAMPAIGNS = _table([
    ("2026-11 Newsletter", 6), ("2026-10 newsletter", 4), ("Seminar_Invite_Nov", 4),
    ("seminar_invite_nov", 2), ("WP-DX-Guide", 3), ("製品アップデートのお知らせ", 4),
    ("Year-end campaign", 2)])
_MAIL_LINKS = _table([
    (_SITE + "/pricing?utm_source=mail", 3), (_SITE + "/products/ma-suite?utm_source=mail", 4),
    (_SITE + "/seminar/2026-12-webinar", 3), (_SITE + "/download/whitepaper-dx", 3)])


def generate(n_leads: int = 400, *, seed: int = 7, as_of: datetime = AS_OF,
             events_per_lead: float = 20.0) -> SampleData:
    """A sample of ``n_leads`` leads with about ``events_per_lead`` events each.

    Leads are created over the two years before ``as_of`` (about 1.5 % in the
    month after it); events run to two weeks after ``as_of`` (later for leads
    created after it), and about 9 % of them lie after ``as_of``.  Each source's list is
    grouped by lead, each lead's events in time order.
    """
    if n_leads < 0 or events_per_lead < 0:
        raise ValueError("n_leads and events_per_lead must not be negative")
    if as_of.tzinfo is None:
        as_of = as_of.replace(tzinfo=UTC)
    return _Generator(random.Random(seed), as_of.astimezone(UTC), events_per_lead).run(n_leads)


class _Generator:
    """One generation run; holds the random source and the output lists."""

    def __init__(self, rng: random.Random, as_of: datetime, events_per_lead: float) -> None:
        self.rng = rng
        self.rnd = rng.random
        self.as_of = as_of
        self.now = int(as_of.timestamp())
        # The share of each source in the event volume: mostly page views.
        self.tracking_per_lead = events_per_lead * 0.83
        self.mail_sends_per_lead = events_per_lead * 0.065
        self.activity_scale = min(1.0, events_per_lead / 20.0) if events_per_lead else 0.0
        self.tracking: list[dict[str, Any]] = []
        self.application: list[dict[str, Any]] = []
        self.activity: list[dict[str, Any]] = []
        self.mail: list[dict[str, Any]] = []
        self.sessions = 0
        self.applications = 0
        self.activities = 0
        # Page durations: 10 % missing, the rest heavy-tailed (a few long reads).
        rnd = self.rnd
        self.durations: tuple[int | None, ...] = tuple(
            None if rnd() < 0.1 else int(3 + 600 * rnd() ** 3) for _ in range(4096))

    def run(self, n_leads: int) -> SampleData:
        width = max(6, len(str(n_leads)))
        leads = [self.lead(f"L{i:0{width}d}") for i in range(1, n_leads + 1)]
        events = {"tracking": self.tracking, "application": self.application,
                  "activity": self.activity, "mail": self.mail}
        return SampleData(leads=leads, events=events, as_of=self.as_of)

    def at(self, seconds: float) -> datetime:
        return datetime.fromtimestamp(int(seconds), UTC)

    def lead(self, lead_id: str) -> dict[str, Any]:
        rnd = self.rnd
        now = self.now
        name, email = self.person()
        # About 1.5 % are created after as_of: they do not exist as of as_of.
        created = (now + int(rnd() * 30 * _DAY) if rnd() < 0.015
                   else now - int(rnd() * 730 * _DAY))
        created_at = None if rnd() < 0.004 else self.at(created)
        employees = None
        if rnd() >= 0.15:
            employees = int(10 ** (0.5 + 4.5 * rnd() ** 1.3))
            if rnd() < 0.4 and employees > 100:
                employees = round(employees, 1 - len(str(employees)) + 1)
        age = None if rnd() < 0.2 else 22 + int((rnd() + rnd()) * 21)
        is_competitor: bool | None = rnd() < 0.03
        if rnd() < 0.01:
            is_competitor = None
        unsubscribed: bool | None = rnd() < 0.08
        if rnd() < 0.02:
            unsubscribed = None
        r = rnd()
        nurture_target: bool | None = r < 0.82 and not is_competitor and not unsubscribed
        if r > 0.97:
            nurture_target = None
        status = _STATUSES[int(rnd() * len(_STATUSES))]
        lead = {
            "id": lead_id,
            "email": email,
            "name": name,
            "company": None,
            "industry": _INDUSTRIES[int(rnd() * len(_INDUSTRIES))],
            "department": _DEPARTMENTS[int(rnd() * len(_DEPARTMENTS))],
            "title": _TITLES[int(rnd() * len(_TITLES))],
            "region": _REGIONS[int(rnd() * len(_REGIONS))],
            "lead_source": _LEAD_SOURCES[int(rnd() * len(_LEAD_SOURCES))],
            "status": status,
            "employees": employees,
            "age": age,
            "is_competitor": is_competitor,
            "nurture_target": nurture_target,
            "unsubscribed": unsubscribed,
            "created_at": created_at,
            "tags": self.tags(),
        }
        lead["company"], domain = self.company()
        if email is not None and "@" not in email:
            lead["email"] = email + "@" + domain
        self.events_of(lead_id, created, status, email is not None, bool(unsubscribed))
        return lead

    def person(self) -> tuple[str, str | None]:
        """A name and an email local part (or a full free-mail address, or None)."""
        rnd = self.rnd
        if rnd() < 0.65:
            family, fam_r = _JP_FAMILY[int(rnd() * len(_JP_FAMILY))]
            given, giv_r = _JP_GIVEN[int(rnd() * len(_JP_GIVEN))]
            r = rnd()
            if r < 0.6:
                name = f"{family} {given}"
            elif r < 0.8:
                name = family + given
            elif r < 0.93:
                name = f"{giv_r.title()} {fam_r.title()}"
            else:
                name = f"{fam_r.upper()} {giv_r.title()}"
            first, last = giv_r, fam_r
        else:
            first = _EN_FIRST[int(rnd() * len(_EN_FIRST))]
            last = _EN_LAST[int(rnd() * len(_EN_LAST))]
            name = f"{last}, {first}" if rnd() < 0.1 else f"{first} {last}"
            first, last = first.lower(), last.lower().replace("'", "").replace("ü", "ue")
        r = rnd()
        if r < 0.12:
            return name, None
        local = f"{first}.{last}" if r < 0.6 else f"{first[0]}-{last}{int(rnd() * 100)}"
        if rnd() < 0.1:
            local = local.title()
        if rnd() < 0.1:
            return name, f"{local}@{_FREE_MAIL[int(rnd() * len(_FREE_MAIL))]}"
        return name, local

    def company(self) -> tuple[str | None, str]:
        rnd = self.rnd
        pool = _JP_COMPANIES if rnd() < 0.7 else _EN_COMPANIES
        name, domain = pool[int(rnd() * len(pool))]
        return (None if rnd() < 0.03 else name), domain

    def tags(self) -> tuple[str, ...] | None:
        rnd = self.rnd
        if rnd() < 0.45:
            return None
        picked = [_TAGS[int(rnd() * len(_TAGS))] for _ in range(1 + int(rnd() * rnd() * 4))]
        return tuple(dict.fromkeys(picked))

    # -- events ----------------------------------------------------------------

    def events_of(self, lead_id: str, created: int, status: str | None, has_email: bool,
                  unsubscribed: bool) -> None:
        rnd = self.rnd
        now = self.now
        # Data was exported two weeks after as_of, so later events exist too.
        end = max(now + 14 * _DAY, created + 20 * _DAY)
        # A minority is engaged right now; activity is heavy-tailed (Pareto).
        engaged = rnd() < 0.17
        level = min(40.0, (1.0 - rnd()) ** (-1 / 1.6)) / 2.6
        level *= 2.2 if engaged else 0.8
        if engaged:
            recent_lo = max(created, now - 31 * _DAY)
            recent_hi = max(recent_lo + 3 * _DAY, now + 2 * _DAY)
        else:
            recent_lo = recent_hi = 0
        # Tracking may predate the lead: the cookie's history joins on identification.
        start = created - (int(rnd() * 60 * _DAY) if rnd() < 0.3 else 0)
        self.page_views(lead_id, int(self.tracking_per_lead * level + rnd()), start, end,
                        0.8 if engaged else 0.0, recent_lo, recent_hi)
        applied_at = self.applications_of(lead_id, created, end, engaged, level, recent_lo,
                                          recent_hi)
        self.activities_of(lead_id, created, end, status, applied_at)
        if has_email:
            self.mails(lead_id, created, end, level, unsubscribed)

    def page_views(self, lead_id: str, count: int, lo: int, hi: int, recent_share: float,
                   recent_lo: int, recent_hi: int) -> None:
        if count <= 0:
            return
        rnd = self.rnd
        fromtimestamp = datetime.fromtimestamp
        pages = _PAGE_VIEWS
        n_pages = len(pages)
        sizes = _SESSION_SIZES
        durations = self.durations
        rows: list[dict[str, Any]] = []
        span = hi - lo
        recent_span = recent_hi - recent_lo
        while count > 0:
            size = min(count, sizes[int(rnd() * len(sizes))])
            count -= size
            t = recent_lo + rnd() * recent_span if rnd() < recent_share else lo + rnd() * span
            self.sessions += 1
            session = f"s{self.sessions:08x}"
            for _ in range(size):
                path, url, title = pages[int(rnd() * n_pages)]
                duration = durations[int(rnd() * 4096)]
                rows.append({"lead_id": lead_id, "occurred_at": fromtimestamp(int(t), UTC),
                             "url": url, "path": path, "title": title, "duration": duration,
                             "session": session})
                t += (duration or 15) + 2 + rnd() * 20
        rows.sort(key=_occurred_at)
        self.tracking += rows

    def applications_of(self, lead_id: str, created: int, end: int, engaged: bool,
                        level: float, recent_lo: int, recent_hi: int) -> int | None:
        """Form submissions; returns the time of the first one, if any."""
        rnd = self.rnd
        if self.activity_scale == 0.0:
            return None
        chance = 0.6 if engaged else min(0.5, 0.12 + 0.05 * level)
        if rnd() >= chance:
            return None
        times = []
        for _ in range(1 + int(rnd() * rnd() * 4)):
            if engaged and rnd() < 0.5:
                times.append(recent_lo + int(rnd() * (recent_hi - recent_lo)))
            else:
                times.append(created + int(rnd() * (end - created)))
        times.sort()
        for t in times:
            self.applications += 1
            self.application.append({
                "lead_id": lead_id, "occurred_at": self.at(t),
                "id": f"F{self.applications:07d}",
                "form": _FORMS[int(rnd() * len(_FORMS))],
                "campaign": _APP_CAMPAIGNS[int(rnd() * len(_APP_CAMPAIGNS))],
            })
        return times[0]

    def activities_of(self, lead_id: str, created: int, end: int, status: str | None,
                      applied_at: int | None) -> None:
        """Sales activity: likely for deals, often after an application, rare otherwise."""
        rnd = self.rnd
        if status in ("opportunity", "won", "lost"):
            chance = 0.95
        elif status == "nurturing":
            chance = 0.35
        else:
            chance = 0.35 if applied_at is not None else 0.06
        if rnd() >= chance * self.activity_scale:
            return
        # Sales follows up within a week of the first application, or whenever.
        t = (applied_at + int(rnd() * 7 * _DAY) if applied_at is not None
             else created + int(rnd() * (end - created)))
        for _ in range(1 + int(rnd() * rnd() * 5)):
            self.activities += 1
            result = "opportunity" if status in ("opportunity", "won") and rnd() < 0.5 else (
                _ACTIVITY_RESULTS[int(rnd() * len(_ACTIVITY_RESULTS))])
            self.activity.append({
                "lead_id": lead_id, "occurred_at": self.at(t),
                "id": f"A{self.activities:07d}",
                "type": _ACTIVITY_TYPES[int(rnd() * len(_ACTIVITY_TYPES))],
                "content": _CONTENTS[int(rnd() * len(_CONTENTS))],
                "actor": _ACTORS[int(rnd() * len(_ACTORS))],
                "result": result,
                "source": _ACTIVITY_SOURCES[int(rnd() * len(_ACTIVITY_SOURCES))],
            })
            t += int(rnd() * 20 * _DAY) + 600

    def mails(self, lead_id: str, created: int, end: int, level: float,
              unsubscribed: bool) -> None:
        """Sends, with opens, clicks, bounces and (for unsubscribed leads) the opt-out."""
        rnd = self.rnd
        at = self.at
        sends = int(self.mail_sends_per_lead * (0.5 + level) + rnd())
        if sends <= 0:
            return
        times = sorted(created + int(rnd() * (end - created)) for _ in range(sends))
        rows: list[dict[str, Any]] = []
        for t in times:
            campaign = _MAIL_CAMPAIGNS[int(rnd() * len(_MAIL_CAMPAIGNS))]
            rows.append({"lead_id": lead_id, "occurred_at": at(t), "campaign": campaign,
                         "kind": "sent", "link": None})
            r = rnd()
            if r < 0.03:
                rows.append({"lead_id": lead_id, "occurred_at": at(t + 30), "campaign": campaign,
                             "kind": "bounce", "link": None})
            elif r < 0.40:
                t += 300 + int(rnd() * 3 * _DAY)
                rows.append({"lead_id": lead_id, "occurred_at": at(t), "campaign": campaign,
                             "kind": "open", "link": None})
                if rnd() < 0.3:
                    rows.append({"lead_id": lead_id, "occurred_at": at(t + 20 + rnd() * 600),
                                 "campaign": campaign, "kind": "click",
                                 "link": _MAIL_LINKS[int(rnd() * len(_MAIL_LINKS))]})
        if unsubscribed:
            t = times[-1] + 60 + int(rnd() * _DAY)
            rows.append({"lead_id": lead_id, "occurred_at": at(t), "campaign": rows[-1]["campaign"],
                         "kind": "unsubscribe", "link": None})
        rows.sort(key=_occurred_at)
        self.mail += rows


# -- writing -------------------------------------------------------------------

def _iso(value: datetime, variant: int) -> str:
    """The same instant spelled four ways, so loaders must parse them all."""
    if variant < 4:
        return value.isoformat()[:-6] + "Z"
    if variant < 7:
        return value.isoformat()
    if variant < 9:
        return value.astimezone(_JST).isoformat()
    return value.replace(tzinfo=None).isoformat()      # no offset: read as UTC


def _tables(data: SampleData) -> Iterator[tuple[Table, Sequence[dict[str, Any]]]]:
    yield DEFAULT_SCHEMA.lead, data.leads
    for source in DEFAULT_SCHEMA.sources:
        yield source, data.events.get(source.name, [])


def _tags_text(tags: tuple[str, ...], _variant: int) -> str:
    return "|".join(tags)


def _tags_list(tags: tuple[str, ...], _variant: int) -> list[str]:
    return list(tags)


def _bool_text(value: bool, _variant: int) -> str:
    return "true" if value else "false"


_Converter = Callable[[Any, int], Any]


def _converters(table: Table, as_text: bool) -> list[tuple[int, str, _Converter]]:
    """(column, field, converter) for the fields whose values need converting."""
    out: list[tuple[int, str, _Converter]] = []
    for j, f in enumerate(table.fields):
        if f.type is FieldType.DATETIME:
            out.append((j, f.name, _iso))
        elif f.type is FieldType.BOOL and as_text:
            out.append((j, f.name, _bool_text))
        elif f.type is FieldType.TEXT_LIST:
            out.append((j, f.name, _tags_text if as_text else _tags_list))
    return out


def write_csv(data: SampleData, folder: str | Path) -> list[Path]:
    """Write ``lead.csv``, ``tracking.csv``, … (SPEC section 5) into ``folder``.

    Header row, empty cell for a missing value, ``true``/``false``, tags joined
    by ``|``, datetimes as ISO-8601 with ``Z``, ``+00:00``, ``+09:00`` or (one
    in ten) no offset.  Returns the files written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, rows in _tables(data):
        path = folder / f"{table.name}.csv"
        converters = _converters(table, as_text=True)
        cells_of = itemgetter(*table.field_names)
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)          # writes None as an empty cell
            writer.writerow(table.field_names)
            for i, row in enumerate(rows):
                cells = list(cells_of(row))
                for j, _name, convert in converters:
                    if (value := cells[j]) is not None:
                        cells[j] = convert(value, (i + j) % 10)
                writer.writerow(cells)
        written.append(path)
    return written


def write_jsonl(data: SampleData, folder: str | Path) -> list[Path]:
    """Write ``lead.jsonl``, ``tracking.jsonl``, … (SPEC section 5) into ``folder``.

    One JSON object per line with typed values: numbers, ``true``/``false``,
    tags as arrays, datetimes as ISO-8601 strings (mixed offsets as in
    :func:`write_csv`); a missing value is ``null`` on even rows and omitted
    on odd rows.  Returns the files written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    for table, rows in _tables(data):
        path = folder / f"{table.name}.jsonl"
        converters = _converters(table, as_text=False)
        with path.open("w", encoding="utf-8", newline="\n") as out:
            for i, row in enumerate(rows):
                obj = dict(row) if i % 2 == 0 else {k: v for k, v in row.items() if v is not None}
                for j, name, convert in converters:
                    if (value := obj.get(name)) is not None:
                        obj[name] = convert(value, (i + j) % 10)
                out.write(dumps(obj))
                out.write("\n")
        written.append(path)
    return written

