"""What validation accepts, the build builds (issue 20, item 2).

Hypothesis writes events and members anywhere inside what validation accepts: start
dates from 1900 to 2200 in zones with odd offsets and daylight saving, every rule shape
(frequencies, intervals, weekdays with and without ordinals, months, days of the month,
set positions, COUNT and UNTIL), exception dates, and Markdown bodies up to the nesting
and link limits. Whatever loads without an error must render every page and file
(calendars parse as iCalendar, feeds as XML, data as JSON) within a hang guard; whatever
is refused must be refused with diagnostics located in the generated files. Nothing
raises. The core runs in-process, so each example costs a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_hostile import base_site, check_outputs, render_everything, settings_for

from conftest import SiteFactory, time_limit
from mkdocs_community.core.community import load_community
from mkdocs_community.core.markdown_bounds import MAX_BRACKETS, MAX_INDENT, MAX_QUOTES
from mkdocs_community.core.records.common import MAX_YEAR, MIN_YEAR

ZONES = ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/New_York",
         "Australia/Lord_Howe", "Asia/Kathmandu", "Europe/London", "America/Santiago",
         "Pacific/Chatham", "Africa/Casablanca"]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

days = st.dates(dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31))
times = st.times(dt.time(0, 0), dt.time(23, 59)).map(lambda t: t.replace(second=0,
                                                                           microsecond=0))


@st.composite
def rules(draw: st.DrawFn) -> str:
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    parts = [f"FREQ={freq}"]
    interval = draw(st.sampled_from([1, 1, 2, 3, 7, 12, 366]))
    plain = draw(st.lists(st.sampled_from(WEEKDAYS), max_size=3, unique=True))
    if freq != "DAILY" or interval == 1:
        if plain and draw(st.booleans()):
            parts.append("BYDAY=" + ",".join(plain))
        if draw(st.booleans()):
            months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True))
            parts.append("BYMONTH=" + ",".join(map(str, months)))
    if interval != 1:
        parts.append(f"INTERVAL={interval}")
    if freq in ("MONTHLY", "YEARLY") and not any(p.startswith("BYDAY") for p in parts):
        if draw(st.booleans()):
            ordinal = draw(st.sampled_from([1, 2, 3, 4, 5, -1, -2]))
            parts.append(f"BYDAY={ordinal}{draw(st.sampled_from(WEEKDAYS))}")
        elif draw(st.booleans()):
            parts.append(f"BYMONTHDAY={draw(st.sampled_from([1, 15, 28, 29, 30, 31, -1]))}")
    if freq in ("MONTHLY", "YEARLY") and draw(st.booleans()):
        parts.append(f"BYSETPOS={draw(st.sampled_from([1, 2, -1]))}")
    end = draw(st.sampled_from(["count", "until", "until"]))
    if end == "count":
        parts.append(f"COUNT={draw(st.sampled_from([1, 2, 10, 520]))}")
    else:
        parts.append(f"UNTIL={draw(days):%Y%m%d}")
    return ";".join(parts)


@st.composite
def markdown_bodies(draw: st.DrawFn) -> str:
    """Prose up to the limits: deep lists, deep quotes, many links, long paragraphs."""
    pieces = []
    for kind in draw(st.lists(st.sampled_from(["list", "quote", "links", "text", "table"]),
                              max_size=4)):
        if kind == "list":
            depth = draw(st.integers(1, MAX_INDENT // 4))
            pieces.append("".join("    " * i + "- item\n" for i in range(depth)))
        elif kind == "quote":
            pieces.append("> " * draw(st.integers(1, MAX_QUOTES)) + "quoted\n")
        elif kind == "links":
            count = draw(st.integers(1, MAX_BRACKETS // 2))
            pieces.append(" ".join(f"[l{i}](https://example.org/{i})" for i in range(count)))
        elif kind == "table":
            cells = draw(st.integers(1, 40))
            pieces.append("|" + "a|" * cells + "\n|" + "-|" * cells + "\n|" + "1|" * cells)
        else:
            pieces.append(draw(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf",
                                                                             "Zl", "Zp")),
                                       max_size=200)))
    return "\n\n".join(pieces) + "\n"


@st.composite
def events(draw: st.DrawFn) -> tuple[str, dict, str]:
    day = draw(days)
    fields: dict = {"title": "Event", "format": "online",
                    "timezone": draw(st.sampled_from(ZONES))}
    if draw(st.booleans()):
        start = dt.datetime.combine(day, draw(times))
        fields["start"] = f"{start:%Y-%m-%d %H:%M}"
        fields["duration"] = draw(st.sampled_from(["30m", "1h", "2h30m", "1d", "31d"]))
    else:
        fields["start"] = day.isoformat()
        fields["end"] = min(day + dt.timedelta(days=draw(st.integers(0, 3))),
                            dt.date(MAX_YEAR, 12, 31)).isoformat()
    if draw(st.booleans()):
        recurrence: dict = {"rule": draw(rules())}
        if draw(st.booleans()):
            recurrence["exdates"] = [d.isoformat() for d in draw(st.lists(days, max_size=3))]
        fields["recurrence"] = recurrence
    return f"{day.isoformat()}-generated", fields, draw(markdown_bodies())


@st.composite
def members(draw: st.DrawFn) -> dict:
    joined = draw(days)
    return {"name": draw(st.text(st.characters(whitelist_categories=("L", "Zs")), min_size=1,
                                 max_size=100).filter(str.strip)),
            "joined": f"{joined:%Y-%m}", "listed": draw(st.booleans()),
            "bio": draw(markdown_bodies())[:1500]}


@pytest.fixture(scope="module")
def workdir():
    root = Path(tempfile.mkdtemp(prefix="accepted-builds-"))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _exercise(root: Path, event_list: list[tuple[str, dict, str]], member_list: list[dict]):
    if root.exists():
        shutil.rmtree(root)
    site = base_site(SiteFactory(root))
    written = set()
    for i, (slug, fields, body) in enumerate(event_list):
        path = f"events/{slug}{i}.md"
        site.record(path, fields, body)
        written.add(path)
    for i, fields in enumerate(member_list):
        path = f"members/generated-{i}.yml"
        site.member(f"generated-{i}", **fields)
        written.add(path)
    with time_limit(120, "loading and building"):
        community, diagnostics = load_community(settings_for(site))
        if diagnostics.has_errors:
            assert community is None
            for d in diagnostics.errors:
                assert d.path in written, d.format_text()
                assert d.code and d.message
            return
        diagnostics, outputs = render_everything(site)
    assert outputs is not None
    check_outputs(outputs)
    assert len(outputs["events/calendar.ics"]) < 2_000_000


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(events(), min_size=1, max_size=3), st.lists(members(), max_size=2))
@example([("1900-01-01-first", {"title": "E", "format": "online", "start": "1900-01-01 00:00",
                                "duration": "31d", "timezone": "Pacific/Kiritimati"}, ""),
          ("2200-12-31-last", {"title": "E", "format": "online", "start": "2200-12-31 23:59",
                               "duration": "31d", "timezone": "Pacific/Pago_Pago",
                               "recurrence": "FREQ=DAILY;UNTIL=22001231"}, ""),
          ("1900-01-01-series", {"title": "E", "format": "online", "start": "1900-01-01",
                                 "end": "1900-01-01", "timezone": "America/New_York",
                                 "recurrence": "FREQ=WEEKLY;UNTIL=21991231"}, "")],
         [{"name": "Old", "joined": "1900-01", "listed": False, "bio": "- x\n"}])
def test_whatever_validates_builds(workdir, event_list, member_list):
    _exercise(workdir / "site", event_list, member_list)
