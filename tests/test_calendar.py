"""Calendar logic: occurrences across daylight-saving changes, checks, words and iCalendar.

Every .ics produced here is parsed with ``icalendar`` and expanded with
``recurring-ical-events``, and the instants are compared with UTC times worked out by
hand from each zone's rules, so the site, the file and a calendar application agree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from pydantic import ValidationError

from mkdocs_community.core import event_checks, occurrences, recurrence_words, timezones
from mkdocs_community.core.build import Build
from mkdocs_community.core.community import Community
from mkdocs_community.core.records.event import Event
from mkdocs_community.core.settings import Settings
from mkdocs_community.core.topics import Vocabulary
from mkdocs_community.outputs import calendar_links
from mkdocs_community.outputs import ics as ics_output

UTC = dt.UTC
SETTINGS = Settings(root=Path("."), name="Test Community", timezone="Europe/London",
                    site_url="https://example.org/test/")
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def event(event_id: str = "2026-03-17-x", settings: Settings = SETTINGS, **fields) -> Event:
    data = {"title": "Meetup", "format": "online", **fields}
    return Event.model_validate({**data, "id": event_id}, context={"settings": settings})


def z(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def ics(*events: Event, now: dt.datetime = NOW) -> icalendar.Calendar:
    data = ics_output.calendar_ics(events, SETTINGS, now, "Test")
    return icalendar.Calendar.from_ical(data)


def expanded(cal: icalendar.Calendar, start: dt.datetime, end: dt.datetime) -> list:
    return sorted(recurring_ical_events.of(cal).between(start, end),
                  key=lambda e: _utc(e["DTSTART"].dt))


def _utc(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.astimezone(UTC)
    return dt.datetime.combine(value, dt.time(0), UTC)


# -- recurrence across daylight-saving changes, checked against a real expander -------------

DST_CASES = [
    # zone, start (local), rule, expected UTC starts (worked out from the zone's rules)
    ("Europe/Berlin", "2026-03-17 18:00", "FREQ=WEEKLY;BYDAY=TU;COUNT=3",
     [z(2026, 3, 17, 17), z(2026, 3, 24, 17), z(2026, 3, 31, 16)]),  # CEST from 29 March
    ("America/New_York", "2026-10-25 10:00", "FREQ=WEEKLY;BYDAY=SU;COUNT=3",
     [z(2026, 10, 25, 14), z(2026, 11, 1, 15), z(2026, 11, 8, 15)]),  # EST from 1 November
    ("Asia/Kolkata", "2026-03-28 09:30", "FREQ=DAILY;COUNT=3",
     [z(2026, 3, 28, 4), z(2026, 3, 29, 4), z(2026, 3, 30, 4)]),  # no DST, +05:30
    ("Australia/Sydney", "2026-09-29 19:00", "FREQ=WEEKLY;BYDAY=TU;COUNT=2",
     [z(2026, 9, 29, 9), z(2026, 10, 6, 8)]),  # AEDT from 4 October
    ("Pacific/Auckland", "2026-03-02 12:00", "FREQ=MONTHLY;BYDAY=1MO;COUNT=2",
     [z(2026, 3, 1, 23), z(2026, 4, 6, 0)]),  # NZST from 5 April
]


@pytest.mark.parametrize(("zone", "start", "rule", "expected"), DST_CASES,
                         ids=[c[0] for c in DST_CASES])
def test_recurrence_across_dst_matches_real_expander(zone, start, rule, expected):
    ev = event(start=start, duration="1h30m", timezone=zone, recurrence=rule)
    assert event_checks.event_problems(ev, SETTINGS) == []
    # The site's own expansion
    ours = occurrences.occurrences(ev, z(2028, 1, 1))
    assert [o.start_utc for o in ours] == expected
    assert all(o.end_utc - o.start_utc == dt.timedelta(hours=1, minutes=30) for o in ours)
    # What a calendar application computes from the published file
    cal = ics(ev)
    vevent = cal.walk("VEVENT")[0]
    assert "RRULE" in vevent  # the rule is published, not pre-expanded
    assert vevent["DTSTART"].params["TZID"] == zone
    instances = expanded(cal, z(2025, 1, 1), z(2028, 1, 1))
    assert [_utc(e["DTSTART"].dt) for e in instances] == expected
    assert [_utc(e["DTEND"].dt) for e in instances] == [o.end_utc for o in ours]
    assert {e["UID"] for e in instances} == {ics_output.uid(ev, SETTINGS)}


def test_until_is_inclusive_and_published_in_utc_with_exdates():
    ev = event(start="2026-03-03 18:00", end="2026-03-03 19:30", timezone="Europe/Berlin",
               recurrence={"rule": "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630",
                           "exdates": ["2026-04-14", "2026-05-26 18:00"]})
    assert event_checks.event_problems(ev, SETTINGS) == []
    ours = [o.start_utc for o in occurrences.occurrences(ev, z(2027, 1, 1))]
    assert ours[0] == z(2026, 3, 3, 17) and ours[-1] == z(2026, 6, 30, 16)
    assert z(2026, 4, 14, 16) not in ours and z(2026, 5, 26, 16) not in ours
    assert len(ours) == 18 - 2  # 18 Tuesdays from 3 March to 30 June
    cal = ics(ev)
    vevent = cal.walk("VEVENT")[0]
    until = vevent["RRULE"]["UNTIL"][0]
    assert until.tzinfo is not None and until.utcoffset() == dt.timedelta(0)
    exdates = [d.dt for prop in ([vevent["EXDATE"]] if not isinstance(vevent["EXDATE"], list)
                                 else vevent["EXDATE"]) for d in prop.dts]
    assert sorted(d.astimezone(UTC) for d in exdates) == [z(2026, 4, 14, 16), z(2026, 5, 26, 16)]
    theirs = [_utc(e["DTSTART"].dt) for e in expanded(cal, z(2026, 1, 1), z(2027, 1, 1))]
    assert theirs == ours


def test_all_day_and_multi_day_events():
    conference = event("2027-03-18-conf", start="2027-03-18", end="2027-03-20",
                       timezone="Europe/Madrid", kind="conference")
    single = event("2027-01-05-day", start="2027-01-05", timezone="Pacific/Auckland")
    timed_multi = event("2027-02-01-retreat", start="2027-02-01 09:00", end="2027-02-03 16:00",
                        timezone="America/New_York")
    (occ,) = occurrences.occurrences(conference, z(2028, 1, 1))
    assert occ.all_day and occ.multi_day and occ.last_day == dt.date(2027, 3, 20)
    assert occ.start == dt.datetime(2027, 3, 18, tzinfo=ZoneInfo("Europe/Madrid"))
    cal = ics(conference, single, timed_multi)
    by_uid = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    conf = by_uid["2027-03-18-conf"]
    assert conf["DTSTART"].dt == dt.date(2027, 3, 18)
    assert conf["DTEND"].dt == dt.date(2027, 3, 21)  # DTEND is exclusive
    assert conf["DTSTART"].params.get("VALUE") == "DATE"
    assert by_uid["2027-01-05-day"]["DTEND"].dt == dt.date(2027, 1, 6)
    instances = expanded(cal, z(2027, 1, 1), z(2027, 12, 31))
    dates = {(str(e["UID"]).split("@")[0]): (e["DTSTART"].dt, e["DTEND"].dt) for e in instances}
    assert dates["2027-03-18-conf"] == (dt.date(2027, 3, 18), dt.date(2027, 3, 21))
    start, end = dates["2027-02-01-retreat"]
    assert _utc(start) == z(2027, 2, 1, 14) and _utc(end) == z(2027, 2, 3, 21)


def test_recurring_all_day_event_with_exdate():
    ev = event(start="2026-06-01", recurrence={"rule": "FREQ=MONTHLY;BYMONTHDAY=1;COUNT=4",
                                               "exdates": ["2026-07-01"]})
    assert event_checks.event_problems(ev, SETTINGS) == []
    cal = ics(ev)
    days = [e["DTSTART"].dt for e in expanded(cal, z(2026, 1, 1), z(2027, 1, 1))]
    assert days == [dt.date(2026, 6, 1), dt.date(2026, 8, 1), dt.date(2026, 9, 1)]
    ours = [o.start.date() for o in occurrences.occurrences(ev, z(2027, 1, 1))]
    assert ours == days


# -- the iCalendar file itself ---------------------------------------------------------------

def test_ics_status_uid_stamp_escaping_and_folding():
    description = ("Bring a laptop; we cover commas, semicolons; back\\slashes and more. " * 8)
    cancelled = event("2026-12-17-social", title="Winter social, London; indoors",
                      start="2026-12-17 18:30", end="2026-12-17 22:00", status="cancelled",
                      status_note="The venue closed.", description=description)
    data = ics_output.calendar_ics([cancelled], SETTINGS, NOW, "Test")
    assert data == ics_output.calendar_ics([cancelled], SETTINGS, NOW, "Test")  # deterministic
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    assert b"SUMMARY:Cancelled: Winter social\\, London\\; indoors" in data
    cal = icalendar.Calendar.from_ical(data)
    (vevent,) = cal.walk("VEVENT")
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["UID"] == "2026-12-17-social@example.org"
    assert vevent["DTSTAMP"].dt == NOW
    assert "back\\slashes" in str(vevent["DESCRIPTION"])
    assert str(vevent["URL"]) == "https://example.org/test/events/2026-12-17-social/"
    # A later build changes nothing but the stamp; the UID stays.
    later = icalendar.Calendar.from_ical(ics_output.calendar_ics([cancelled], SETTINGS,
                                                               NOW + dt.timedelta(days=3), "T"))
    assert later.walk("VEVENT")[0]["UID"] == vevent["UID"]


def test_vtimezone_for_every_zone_with_rfc_onsets():
    events = [event(f"2026-0{i + 1}-10-e{i}", start=f"2026-0{i + 1}-10 12:00", duration="1h",
                    timezone=name)
              for i, name in enumerate(["Europe/Berlin", "America/New_York", "Asia/Kolkata",
                                        "Australia/Sydney", "Pacific/Auckland"])]
    cal = ics(*events)
    zones = {str(tz["TZID"]): tz for tz in cal.walk("VTIMEZONE")}
    assert set(zones) == {e.zone_name for e in events}
    for name, component in zones.items():
        tz = ZoneInfo(name)
        observances = component.subcomponents
        assert observances
        for part in observances[1:]:
            # RFC 5545: DTSTART is the local time of the change, read in TZOFFSETFROM.
            onset = part["DTSTART"].dt.replace(tzinfo=UTC) - part["TZOFFSETFROM"].td
            before = (onset - dt.timedelta(minutes=1)).astimezone(tz).utcoffset()
            after = onset.astimezone(tz).utcoffset()
            assert before == part["TZOFFSETFROM"].td and after == part["TZOFFSETTO"].td, name
            assert before != after
    assert len(zones["Asia/Kolkata"].subcomponents) == 1
    # Summer and winter offsets of each DST zone are covered for the year of its event.
    assert len(zones["Europe/Berlin"].subcomponents) >= 3


def test_web_calendar_links():
    ev = event(start="2026-03-03 18:00", duration="1h", timezone="Europe/Berlin",
               recurrence="FREQ=WEEKLY;BYDAY=TU;COUNT=4")
    occ = occurrences.occurrences(ev, z(2027, 1, 1))[1]
    google = calendar_links.google_calendar_url(occ, SETTINGS)
    assert google.startswith("https://calendar.google.com/calendar/render?")
    assert "dates=20260303T170000Z%2F20260303T180000Z" in google  # the series' first
    assert "recur=RRULE%3AFREQ%3DWEEKLY%3BBYDAY%3DTU%3BCOUNT%3D4" in google
    outlook = calendar_links.outlook_calendar_url(occ, SETTINGS)
    assert "startdt=2026-03-10T17%3A00%3A00Z" in outlook


# -- checks ------------------------------------------------------------------------------------

def codes(ev: Event, settings: Settings = SETTINGS) -> dict[str, tuple]:
    return {p.code: p.loc for p in event_checks.event_problems(ev, settings)}


def test_end_before_start_and_deadline_after_start():
    assert codes(event(start="2026-05-01 18:00", end="2026-05-01 17:00")) == {
        "end-before-start": ("end",)}
    assert "end-before-start" in codes(event(start="2026-05-03", end="2026-05-01"))
    assert codes(event(start="2026-05-01 18:00", duration="1h",
                       registration={"deadline": "2026-05-02"})) == {
        "deadline-after-start": ("registration", "deadline")}
    assert codes(event(start="2026-05-01 18:00", duration="1h",
                       registration={"deadline": "2026-05-01"})) == {}
    assert "missing-end" in codes(event(start="2026-05-01 18:00"))


def test_dst_gap_and_overlap_are_named():
    gap = event_checks.event_problems(event(start="2026-03-29 02:30", duration="1h",
                                        timezone="Europe/Berlin"), SETTINGS)
    assert [p.code for p in gap] == ["nonexistent-local-time"]
    assert "does not exist" in gap[0].message and "03:30" in gap[0].hint
    overlap = event_checks.event_problems(event(start="2026-11-01 01:30", duration="1h",
                                            timezone="America/New_York"), SETTINGS)
    assert [p.code for p in overlap] == ["ambiguous-local-time"]
    assert "happens twice" in overlap[0].message and "EDT" in overlap[0].message
    # A weekly event whose later occurrence falls into a gap is caught too.
    series = codes(event(start="2026-03-22 02:30", duration="1h", timezone="Europe/Berlin",
                         recurrence="FREQ=WEEKLY;COUNT=3"))
    assert series == {"nonexistent-local-time": ("recurrence", "rule")}


def test_recurrence_checks():
    assert codes(event(start="2026-03-03 18:00", duration="1h",
                       recurrence="FREQ=WEEKLY;BYDAY=TU")) == {
        "recurrence-end": ("recurrence", "rule")}
    relaxed = Settings(root=Path("."), timezone="Europe/London", require_recurrence_end=False)
    assert codes(event(start="2026-03-03 18:00", duration="1h", settings=relaxed,
                       recurrence="FREQ=WEEKLY;BYDAY=TU"), relaxed) == {}
    assert codes(event(start="2026-03-02 18:00", duration="1h",
                       recurrence="FREQ=WEEKLY;BYDAY=TU;COUNT=3")) == {
        "start-not-on-rule": ("start",)}
    problems = event_checks.event_problems(event(
        start="2026-03-03 18:00", duration="1h",
        recurrence={"rule": "FREQ=WEEKLY;BYDAY=TU;COUNT=5", "exdates": ["2026-03-12"]}),
        SETTINGS)
    assert [(p.code, p.loc) for p in problems] == [
        ("exdate-not-on-rule", ("recurrence", "exdates", 0))]
    assert "10 March" in problems[0].hint


@pytest.mark.parametrize("rule", ["FREQ=WEEKLY;BYDAY=XX", "FREQ=FORTNIGHTLY", "BYDAY=TU",
                                  "FREQ=WEEKLY;COUNT=3;UNTIL=20260101", "FREQ=HOURLY",
                                  "FREQ=WEEKLY;BYDAI=TU", "FREQ=WEEKLY;UNTIL=2026-06-30",
                                  "FREQ=WEEKLY;COUNT=0"])
def test_malformed_rules_are_refused(rule):
    with pytest.raises(ValidationError) as info:
        event(start="2026-03-03 18:00", duration="1h", recurrence=rule)
    (error,) = info.value.errors()
    assert error["type"] == "rrule" and error["loc"][0] == "recurrence"
    assert error["ctx"]["hint"] or "FREQ" in error["msg"] or "rule" in error["msg"]


@pytest.mark.parametrize(("field", "value", "code"), [
    ("timezone", "Europe/Berln", "timezone"),
    ("start", "2026-03-03 18:00+01:00", "datetime-offset"),
    ("start", "2026-02-30 18:00", "datetime"),
    ("start", "next tuesday", "datetime"),
    ("duration", "a while", "duration"),
])
def test_field_errors(field, value, code):
    fields = {"start": "2026-03-03 18:00", "duration": "1h", field: value}
    with pytest.raises(ValidationError) as info:
        event(**fields)
    assert [e["type"] for e in info.value.errors()] == [code]


def test_hosts_are_members_or_named_guests():
    ev = event(start="2026-03-03 18:00", duration="1h",
               hosts=["ada", {"name": "Grace Guest", "url": "https://grace.example.org"}],
               speakers=[{"member": "bob"}], goals=["g1"], group="circle")
    assert list(ev.references()) == [(("hosts", 0), "member", "ada"),
                                     (("speakers", 0), "member", "bob"),
                                     (("goals", 0), "goal", "g1"), (("group",), "group", "circle")]
    with pytest.raises(ValidationError):
        event(start="2026-03-03 18:00", duration="1h", hosts=[{"url": "https://x.example.org"}])


def test_site_timezone_is_the_default():
    ev = event(start="2026-07-01 10:00", duration="1h")
    assert ev.timezone == "Europe/London"
    assert occurrences.first_occurrence(ev).start_utc == z(2026, 7, 1, 9)


# -- words -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "rule", "exdates", "words"), [
    ("2026-03-03 18:00", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630", ["2026-04-14"],
     "every Tuesday until 30 June 2026, except 14 April"),
    ("2026-03-05 14:00", "FREQ=MONTHLY;BYDAY=1TH;COUNT=6", [],
     "on the first Thursday of every month, 6 times"),
    ("2026-03-31 17:00", "FREQ=MONTHLY;BYDAY=-1TU;COUNT=2", [],
     "on the last Tuesday of every month, 2 times"),
    ("2026-03-02 09:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=4", [],
     "every other Monday and Wednesday, 4 times"),
    ("2026-03-15 09:00", "FREQ=MONTHLY;COUNT=3", [], "on the 15th of every month, 3 times"),
    ("2026-03-02 09:00", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20260313", [],
     "every weekday until 13 March 2026"),
])
def test_recurrence_in_words(start, rule, exdates, words):
    ev = event(start=start, duration="1h", recurrence={"rule": rule, "exdates": exdates})
    assert recurrence_words.recurrence_in_words(ev) == words


# -- upcoming and past -----------------------------------------------------------------------

def build_of(*events: Event, now: dt.datetime = NOW) -> Build:
    community = Community(SETTINGS, Vocabulary(), {"events": {e.id: e for e in events}})
    return Build(community, now)


def test_upcoming_and_past_relative_to_build_now():
    weekly = event("2026-11-03-weekly", start="2026-11-03 18:00", duration="1h",
                   recurrence={"rule": "FREQ=WEEKLY;BYDAY=TU;COUNT=7", "exdates": ["2026-12-08"]})
    gone = event("2026-06-01-gone", start="2026-06-01 10:00", duration="1h")
    cancelled = event("2026-12-20-off", start="2026-12-20 10:00", duration="1h",
                      status="cancelled")
    far = event("2028-01-10-far", start="2028-01-10 10:00", duration="1h")
    build = build_of(weekly, gone, cancelled, far)
    coming = occurrences.upcoming(build)
    assert [o.start_utc for o in coming] == [z(2026, 12, 1, 18), z(2026, 12, 15, 18),
                                             z(2028, 1, 10, 10)]
    assert [o.event.id for o in occurrences.upcoming(build, include_cancelled=True)].count(
        "2026-12-20-off") == 1
    assert occurrences.upcoming(build, limit=1)[0].start_utc == z(2026, 12, 1, 18)
    assert [o.start_utc for o in occurrences.past(build)] == [
        z(2026, 11, 24, 18), z(2026, 11, 17, 18), z(2026, 11, 10, 18), z(2026, 11, 3, 18),
        z(2026, 6, 1, 9)]
    # An event in progress is still upcoming; one that just ended is past.
    during = build_of(gone, now=z(2026, 6, 1, 9, 30))
    assert [o.event.id for o in occurrences.upcoming(during)] == ["2026-06-01-gone"]
    after = build_of(gone, now=z(2026, 6, 1, 10))
    assert occurrences.upcoming(after) == [] and len(occurrences.past(after)) == 1


def test_a_series_is_listed_once_with_its_next_dates():
    from mkdocs_community.sections.events import listed

    weekly = event("2026-11-03-weekly", start="2026-11-03 18:00", duration="1h",
                   recurrence={"rule": "FREQ=WEEKLY;BYDAY=TU;COUNT=9"})
    once = event("2026-12-10-once", start="2026-12-10 10:00", duration="1h")
    build = build_of(weekly, once)
    entries = listed(occurrences.upcoming(build), dates=3)
    assert [e.event.id for e in entries] == ["2026-11-03-weekly", "2026-12-10-once"]
    series, single = entries
    assert series.occurrence.start_utc == z(2026, 12, 1, 18)
    assert [o.start_utc for o in series.later] == [z(2026, 12, 8, 18), z(2026, 12, 15, 18)]
    assert series.more == 2  # 22 and 29 December
    assert series.end_utc == z(2026, 12, 15, 19)  # over once its last listed date is
    assert single.later == () and single.more == 0 and single.end_utc == z(2026, 12, 10, 11)


@pytest.mark.parametrize(("name", "label"), [
    ("Europe/Berlin", "Berlin time"), ("America/Argentina/Buenos_Aires", "Buenos Aires time"),
    ("America/Port_of_Spain", "Port of Spain time"), ("UTC", "UTC"), ("Etc/UTC", "UTC"),
    ("Etc/GMT-1", "UTC+1"), ("Etc/GMT+5", "UTC\u22125")])
def test_zones_as_people_say_them(name, label):
    assert timezones.zone_label(name) == label


def test_zone_names_in_free_text_and_offsets_in_words():
    assert timezones.with_zone_labels("Saturdays, 09:00 Africa/Lagos, or Europe/Nowhere") == \
        "Saturdays, 09:00 Lagos time, or Europe/Nowhere"
    assert timezones.offset_words(dt.datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Kolkata"))) \
        == "UTC+5:30"
    assert timezones.offset_words(dt.datetime(2026, 1, 1, tzinfo=ZoneInfo("America/New_York"))) \
        == "UTC\u22125"
    assert timezones.offset_words(dt.datetime(2026, 1, 1, tzinfo=UTC)) == "UTC"
    from mkdocs_community.sections.events import zone_text

    utc = event("2026-12-03-u", start="2026-12-03 14:00", duration="1h", timezone="UTC")
    assert zone_text(occurrences.first_occurrence(utc)) == "UTC"  # never "UTC (UTC)"
    sao = event("2026-12-03-s", start="2026-12-03 14:00", duration="1h",
                timezone="America/Sao_Paulo")
    assert zone_text(occurrences.first_occurrence(sao)) == "Sao Paulo time (UTC\u22123)"


def test_calendars_sharing_their_parts_are_the_files_made_alone() -> None:
    """A build's calendars share serialised events and one head (``parts``) and each
    event's zone years (``years``): every file is byte for byte the one made on its own,
    whatever its name and description hold."""
    first = event("2026-03-17-x", title="Meetup; with, commas \\ and a backslash",
                  start="2026-03-17T18:00", timezone="Europe/Madrid")
    second = event("2026-04-02-y", title="Atelier à Paris", start="2026-04-02T09:30",
                   timezone="America/Toronto")
    # A bounded series (its last session found by expanding it) that runs into 2027, in
    # the zone of the first event, and an all-day event (no zone).
    series = event("2026-05-05-z", start="2026-05-05 18:00", timezone="Europe/Madrid",
                   recurrence="FREQ=MONTHLY;BYDAY=1TU;COUNT=14")
    all_day = event("2026-06-01-w", start="2026-06-01",
                    recurrence={"rule": "FREQ=MONTHLY;BYMONTHDAY=1;COUNT=4"})
    names = [("Test", ""), ("Ünïcode 日本語 " * 9, "A description, long enough to be folded "
                                                 "over several lines of the file; twice. " * 3),
             ("cm-calendar-name", "cm-calendar-description"), ("Short", "Short; too")]
    parts: dict[str, bytes] = {}
    years: dict[str, frozenset[int]] = {}
    for chosen in ([first], [second], [series], [first, second], [all_day, series, first],
                   []):
        for name, description in names:
            shared = ics_output.calendar_ics(chosen, SETTINGS, NOW, name,
                                             description=description, parts=parts,
                                             years=years)
            alone = ics_output.calendar_ics(chosen, SETTINGS, NOW, name,
                                            description=description)
            assert shared == alone
            parsed = icalendar.Calendar.from_ical(shared)
            assert str(parsed["X-WR-CALNAME"]) == name
            assert str(parsed.get("X-WR-CALDESC", "")) == description
