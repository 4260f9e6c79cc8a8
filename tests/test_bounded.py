"""One small file cannot stall, crash or bloat the site: each finding of issue 20.

Every file here was accepted by ``community validate`` (or crashed it) and then hung,
crashed or bloated the build. Now each is either refused with a located diagnostic or
builds within bounds. The core runs in-process (as test_hostile.py does); time limits are
hang guards, generous on purpose: speed is the benchmark's business.
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from dataclasses import replace

import icalendar
import pytest
from test_hostile import NOW, base_site, render_everything, settings_for

from conftest import SiteFactory, time_limit
from mkdocs_community.core import occurrences
from mkdocs_community.core.community import load_community
from mkdocs_community.core.diagnostics import Diagnostics
from mkdocs_community.core.markdown_bounds import markdown_problem
from mkdocs_community.core.safety import render_markdown
from mkdocs_community.core.topics import load_vocabulary


def event(site: SiteFactory, slug: str, body: str = "", **fields) -> str:
    data = {k: v for k, v in {"title": "Meetup", "format": "online", "duration": "1h",
                              **fields}.items() if v is not None}
    path = f"events/{slug}.md"
    site.record(path, data, body)
    return path


def problems(site: SiteFactory, seconds: float = 60, **options) -> list[tuple[str, int, str]]:
    """(path, line, code) of every error, loading in-process under a hang guard."""
    site._write_config()
    with time_limit(seconds, "loading the community"):
        community, diagnostics = load_community(replace(settings_for(site), **options))
    found = [(d.path, d.line, d.code) for d in diagnostics.errors]
    assert (community is None) == bool(found)
    return found


def builds(site: SiteFactory, seconds: float = 120) -> dict[str, str]:
    """Every page and file of the site, rendered in-process under a hang guard."""
    site._write_config()
    with time_limit(seconds, "building the site"):
        diagnostics, outputs = render_everything(site)
    assert outputs is not None, [d.format_text() for d in diagnostics]
    return outputs


# -- unbounded work ----------------------------------------------------------------------

def test_a_backtracking_topic_id_is_refused_at_once(site):
    base_site(site)
    site.topics["a" + "+" * 64 + "!"] = {"label": "Boom"}
    site._write_config()
    diagnostics = Diagnostics()
    with time_limit(5, "reading the topics"):
        load_vocabulary(site.root / "content/topics.yml", site.root, "content/topics.yml",
                        diagnostics)
    assert [(d.code, d.line > 0) for d in diagnostics.errors] == [("topic-id", True)]


def test_exdates_far_away_cost_their_window_not_the_years_between(site):
    base_site(site)
    days = [(dt.date(2199, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(200)]
    event(site, "2026-01-05-daily", start="2026-01-05 09:00",
          recurrence={"rule": "FREQ=DAILY", "exdates": days})
    assert problems(site, 30, require_recurrence_end=False) == []
    # Year 9999 itself is outside the years a record may name: refused, at its line.
    event(site, "2026-01-06-far", start="2026-01-06 09:00",
          recurrence={"rule": "FREQ=DAILY", "exdates": ["9999-12-30", "9999-12-31"]})
    found = problems(site, 30, require_recurrence_end=False)
    assert {(p, c) for p, _, c in found} == {("events/2026-01-06-far.md", "date-range")}
    assert all(line > 1 for _, line, _ in found)


def test_a_body_of_brackets_is_refused_before_the_renderer(site):
    base_site(site)
    path = event(site, "2026-12-10-brackets", "Intro.\n\n" + "[" * 20_000 + "\n",
                 start="2026-12-10 18:00")
    found = problems(site, 10)
    assert found == [(path, 9, "markdown-too-complex")]  # the paragraph's first line


@pytest.mark.parametrize("text", [
    "[" * 20_000,
    "[a " * 7_000,
    "<a " * 5_000,
    "".join("    " * i + "- x\n" for i in range(300)),
    "> " * 300 + "x",
    "x" * 60_000,
    "|a" * 1000 + "\n" + "|-" * 1000,
])
def test_pathological_markdown_never_reaches_the_renderer(text):
    assert markdown_problem(text) is not None
    with time_limit(5, "rendering"):
        html = render_markdown(text)  # shown as text, never parsed
    assert html.startswith("<p>")


def test_a_series_to_2199_keeps_the_calendar_small(site):
    base_site(site)
    zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "America/Santiago",
             "Europe/London", "America/Chicago", "Pacific/Auckland", "Europe/Paris",
             "America/Denver", "Asia/Tehran", "Europe/Athens", "America/Halifax",
             "Europe/Dublin", "Africa/Cairo", "America/Havana", "Europe/Lisbon",
             "Australia/Adelaide", "America/Los_Angeles", "Europe/Helsinki", "Chile/EasterIsland"]
    for i, name in enumerate(zones):
        event(site, f"2026-01-{i + 5:02d}-weekly", start=f"2026-01-{i + 5:02d} 18:00",
              timezone=name, recurrence="FREQ=WEEKLY;UNTIL=21991231")
    event(site, "1901-06-01-old", start="1901-06-01 12:00", timezone="America/New_York")
    outputs = builds(site)
    ics = outputs["events/calendar.ics"]
    parsed = icalendar.Calendar.from_ical(ics)
    assert len(parsed.walk("VEVENT")) == 21
    assert len(ics) < 200_000, len(ics)  # was 1.6 MB for one zone, 32 MB for twenty
    # Changes are listed for the years events need: 1901, and around the build.
    years = {part["DTSTART"].dt.year for tz in parsed.walk("VTIMEZONE")
             for part in tz.subcomponents}
    # (The first change of 1901 reads as 31 December 1900, local time in New York.)
    assert years <= {1900, 1901, *range(NOW.year - 4, NOW.year + 3)}, sorted(years)
    new_york = next(tz for tz in parsed.walk("VTIMEZONE") if tz["TZID"] == "America/New_York")
    assert {p["DTSTART"].dt.year for p in new_york.subcomponents} >= {1900, NOW.year}


def test_daily_series_do_not_flood_the_events_listing(site):
    base_site(site)
    for i in range(10):
        event(site, f"2026-11-{i + 1:02d}-daily{i}", start=f"2026-11-{i + 1:02d} 1{i}:00",
              recurrence="FREQ=DAILY;COUNT=520")
    outputs = builds(site)
    listing = outputs["events/index.html"]
    for i in range(10):
        assert 1 <= listing.count(f'href="2026-11-{i + 1:02d}-daily{i}/"') <= 12 + 2
    assert len(listing) < 400_000, len(listing)  # was 2.4 MB


def test_a_member_who_joined_in_1900_does_not_bloat_insights(site):
    base_site(site)
    site.member("ancient", joined="1900-01", listed=False)
    outputs = builds(site)
    page = outputs["insights/index.html"]
    assert len(page) < 300_000, len(page)  # was 2.0 MB with 'joined: 0001-01'
    assert "1900" in page


@pytest.mark.parametrize("joined", ["0001-01", "1899-12", "2201-01", "9999-12"])
def test_joined_outside_the_years_is_refused_at_its_line(site, joined):
    base_site(site)
    site.member("odd", joined=joined)
    assert problems(site) == [("members/odd.yml", 2, "date-range")]


def _png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)) + b"\0" * 64)


def _gif(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\0" * 64


def _jpeg(width: int, height: int) -> bytes:
    return (b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0" + b"\0" * 9
            + b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\0" * 9)


def _webp(width: int, height: int) -> bytes:
    chunk = b"VP8X" + struct.pack("<I", 10) + b"\0" * 4 + (width - 1).to_bytes(3, "little") \
        + (height - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk + b"\0" * 32


@pytest.mark.parametrize("suffix, make", [("png", _png), ("gif", _gif), ("jpg", _jpeg),
                                          ("webp", _webp)])
def test_every_format_is_measured_from_its_header(site, suffix, make):
    base_site(site)
    site.write(f"members/avatars/bomb.{suffix}", make(20_000, 9_000))
    site.write(f"members/avatars/fine.{suffix}", make(400, 300))
    site.member("bomb", avatar=f"bomb.{suffix}")
    site.member("fine", avatar=f"fine.{suffix}")
    assert problems(site) == [("members/bomb.yml", 3, "avatar-pixels")]


def test_a_huge_picture_in_a_small_file_is_refused_by_its_header(site):
    base_site(site)
    site.write("members/avatars/bomb.png", _png(16_000, 16_000))
    site.write("members/avatars/fine.png", _png(400, 400))
    site.member("bomb", avatar="bomb.png")
    site.member("fine", avatar="fine.png")
    assert problems(site) == [("members/bomb.yml", 3, "avatar-pixels")]


# -- accepted by validate, fatal to the build --------------------------------------------

@pytest.mark.parametrize("fields, code", [
    ({"start": "0001-01-01 10:00", "timezone": "Pacific/Kiritimati"}, "date-range"),
    ({"start": "9999-06-01 10:00"}, "date-range"),
    ({"start": "9999-12-31 23:30"}, "date-range"),
    ({"start": "2026-03-03 18:00", "timezone": "America/New_York",
      "recurrence": "FREQ=WEEKLY;UNTIL=99991231"}, "date-range"),
    ({"start": "2026-03-03 18:00", "recurrence": "FREQ=WEEKLY;COUNT=²"}, "rrule"),
    ({"start": "2026-03-03 18:00", "recurrence": "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30"},
     "rrule"),
    ({"start": "2026-03-03 18:00", "recurrence": "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=9"}, "rrule"),
    ({"start": "2026-03-03 18:00", "recurrence": "FREQ=WEEKLY;BYDAY=TU;BYSETPOS=2"}, "rrule"),
    ({"start": "2026-03-03 18:00", "recurrence": "FREQ=DAILY;BYMONTHDAY=31"}, "rrule"),
    ({"start": "2026-03-03 18:00", "recurrence": "FREQ=YEARLY;BYYEARDAY=366"}, "rrule"),
    ({"start": "2026-03-03 18:00", "registration": {"deadline": "0001-01-01"}}, "date-range"),
])
def test_what_crashed_the_build_is_a_located_error(site, fields, code):
    base_site(site)
    path = event(site, "2026-03-03-odd", **fields)
    found = problems(site, 30)
    assert found and {(p, c) for p, _, c in found} == {(path, code)}, found
    assert all(line > 1 for _, line, _ in found)


def test_a_list_nested_300_levels_is_a_located_error(site):
    base_site(site)
    nested = "".join("    " * i + "- x\n" for i in range(300))
    path = event(site, "2026-12-10-nested", "Intro.\n\n" + nested, start="2026-12-10 18:00")
    # Line 9 is the list's first; the 18th item is indented by 68 columns.
    assert problems(site) == [(path, 9 + 17, "markdown-too-deep")]
    site.member("deep", bio="".join("    " * i + "- x\n" for i in range(20)))
    assert ("members/deep.yml", 3, "markdown-too-deep") in problems(site)


def test_the_extremes_of_the_years_build(site):
    base_site(site)
    event(site, "1900-01-01-first", start="1900-01-01 00:00", timezone="Pacific/Kiritimati")
    event(site, "2200-12-31-last", start="2200-12-31 23:30", timezone="Pacific/Kiritimati",
          end="2200-12-31 23:59", duration=None)
    event(site, "2200-12-30-allday", start="2200-12-30", end="2200-12-31", duration=None)
    event(site, "2199-01-25-series", start="2199-01-25 10:00", timezone="America/New_York",
          recurrence="FREQ=MONTHLY;BYDAY=-1FR;UNTIL=21991231")
    event(site, "1900-01-05-open", start="1900-01-05 10:00", timezone="Europe/London",
          recurrence="FREQ=WEEKLY;COUNT=520")
    site.member("founder", joined="1900-01")
    outputs = builds(site)
    icalendar.Calendar.from_ical(outputs["events/calendar.ics"])
    assert "2200" in outputs["events/2200-12-31-last/index.html"]


def test_a_series_whose_count_runs_past_the_last_year_is_refused(site):
    base_site(site)
    path = event(site, "2190-01-01-long", start="2190-01-01 10:00",
                 recurrence="FREQ=YEARLY;COUNT=20")
    assert problems(site) == [(path, 6, "date-range")]


def test_a_long_running_series_is_listed_from_its_window():
    """A daily series since 1900 lists next week without walking 46,000 days."""
    from test_calendar import build_of
    from test_calendar import event as make_event

    old = make_event("1900-01-01-daily", start="1900-01-01 09:00", duration="1h",
                     recurrence="FREQ=DAILY;UNTIL=21991231")
    build = build_of(old)
    with time_limit(5, "listing"):
        coming = occurrences.upcoming(build)
        gone = occurrences.past(build)
        last = occurrences.last_occurrence(old)
    # The session of 09:00 today is under way at 09:00: upcoming, not past.
    assert coming[0].start.date() == NOW.date() and len(coming) == 365
    assert gone[0].start.date() == NOW.date() - dt.timedelta(days=1)
    assert gone[-1].start.date() >= (NOW - occurrences.PAST_SPAN).date() - dt.timedelta(days=2)
    assert last is not None and last.start.date() == dt.date(2199, 12, 31)


def test_the_rebased_rule_gives_the_same_dates():
    """Starting a rule again near a window changes none of the dates in it."""
    from test_calendar import event as make_event

    rules = ["FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=DAILY;BYDAY=MO,WE;BYMONTH=2,7",
             "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,MO",
             "FREQ=MONTHLY", "FREQ=MONTHLY;INTERVAL=5", "FREQ=MONTHLY;BYDAY=-1FR",
             "FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1", "FREQ=MONTHLY;BYMONTHDAY=31",
             "FREQ=MONTHLY;INTERVAL=2;BYMONTH=1,5,9", "FREQ=YEARLY", "FREQ=YEARLY;INTERVAL=3",
             "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=3,9",
             "FREQ=YEARLY;BYDAY=20MO", "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"]
    for rule in rules:
        for start in ("1999-01-31 09:00", "2000-02-29 18:30", "2003-07-15 07:00"):
            ev = make_event("2000-01-01-r", start=start, duration="1h",
                            recurrence=f"{rule};UNTIL=20301231")
            full = [v for v in occurrences.rule_of(ev) if v.year >= 2020]
            window = occurrences.local_window(ev, dt.datetime(2020, 1, 1),
                                            dt.datetime(2030, 12, 31, 23, 59))
            assert window == full, (rule, start)
