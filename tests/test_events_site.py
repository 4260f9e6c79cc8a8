"""End to end: event files become pages, calendars, a feed and data; bad ones are located."""

from __future__ import annotations

import json
import re

import feedparser
import icalendar
import pytest
import recurring_ical_events

from conftest import SiteFactory, active_content

pytestmark = pytest.mark.slow


def _events(site) -> None:
    site.member("ada", name="Ada Lovelace")
    site.member("grace", name="Grace Hopper")
    site.member("secret-sam", name="Samira Secretname", listed=False)
    site.record("events/2026-11-03-python-office-hours.md", {
        "title": "Python office hours", "format": "online", "kind": "office-hours",
        "start": "2026-11-03 18:00", "duration": "1h", "timezone": "Europe/Berlin",
        "recurrence": {"rule": "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270126",
                       "exdates": ["2026-12-29"]},
        "hosts": ["ada", "secret-sam"], "topics": ["py"],
        "location": {"online_url": "https://meet.example.org/python"},
    }, "Bring *your* questions.\n")
    site.record("events/2026-12-10-meetup.md", {
        "title": "Data <b>meetup</b>", "format": "in-person", "kind": "meetup",
        "start": "2026-12-10 19:00", "end": "2026-12-10 21:00", "timezone": "America/New_York",
        "location": {"venue": "Library", "city": "New York", "country": "US"},
        "registration": {"url": "https://tickets.example.org/m", "deadline": "2026-11-30"},
        "hosts": ["grace"], "speakers": [{"name": "Guest Speaker", "affiliation": "Acme"}],
        "topics": ["sql"],
    }, "<script>alert(1)</script> An evening of talks.\n")
    site.record("events/2026-12-20-social.md", {
        "title": "Winter social", "format": "in-person", "kind": "social",
        "start": "2026-12-20 18:00", "duration": "3h", "status": "cancelled",
        "status_note": "The venue closed.", "location": {"city": "London", "country": "GB"},
    })
    site.write("events/2027-03-18-conference.yml", """
        title: Conference 2027
        format: hybrid
        kind: conference
        start: 2027-03-18
        end: 2027-03-20
        timezone: Europe/Madrid
        location: {venue: La Cartuja, city: Sevilla, country: ES}
        speakers: [ada, secret-sam]
        description: Three days in Sevilla.
    """)
    site.record("events/2026-05-14-past-workshop.md", {
        "title": "Chart clinic", "format": "online", "kind": "workshop",
        "start": "2026-05-14 18:30", "end": "2026-05-14 20:30", "timezone": "Europe/Berlin",
        "hosts": ["grace"], "recording": "https://video.example.org/chart",
        "slides": "https://slides.example.org/chart",
    })
    site.write("content/index.md", "# Home\n\n<!-- community:next-events count=2 -->\n")
    site.nav = [{"Home": "index.md"}, {"Members": "members/index.md"},
                {"Events": "events/index.md"}]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SiteFactory:
    """The events above, built once for every test that reads them."""
    site = SiteFactory(tmp_path_factory.mktemp("events") / "site-src")
    _events(site)
    site.build()
    return site


def test_events_pages_calendars_feed_and_privacy(built):
    site = built
    outputs = site.all_output()
    for name, content in outputs.items():
        text = content.decode("utf-8", errors="replace")
        assert "Secretname" not in text and "secret-sam" not in text, name

    index = site.page("events/")
    upcoming = index.split('id="past"')[0]
    # Upcoming: grouped by month, a repeating event listed once at its next date with the
    # dates after it (not a card per week), cancelled shown as such.
    assert upcoming.index("December 2026") < upcoming.index("March 2027")
    assert "January 2027" not in upcoming  # the series is listed in its next month only
    assert upcoming.count("Python office hours") == 1
    series = upcoming.split("Python office hours")[1].split("</li>\n  \n")[0]
    assert "Every Tuesday, 18:00–19:00 CET" in re.sub(r"<[^>]+>", "", series)
    dates = re.findall(r'data-cm-start="[^"]+" data-cm-end="[^"]+" '
                       r'data-cm-zone="Europe/Berlin">([^<]+)</time>', series)
    assert dates == ["Tue 1 Dec", "Tue 8 Dec", "Tue 15 Dec", "Tue 22 Dec"]
    assert "4 more dates" in series  # 5 .. 26 January; 29 December is skipped
    assert "Tue 29 Dec" not in upcoming
    assert upcoming.count('class="cm-local-time" data-cm-local hidden') == 3  # timed events
    assert "Cancelled" in upcoming
    assert 'data-cm-filters="cm-upcoming"' in index
    assert '"format": ["online"]' in index.replace("&#34;", '"') or \
        "&#34;format&#34;: [&#34;online&#34;]" in index
    past = index.split('id="past"')[1]
    assert "Chart clinic" in past and "Python office hours" in past and "2026" in past
    assert active_content(index) == []

    page = site.page("events/2026-11-03-python-office-hours/")
    assert "Every Tuesday until 26 January 2027, except 29 December" in page
    assert "Berlin time (CET, UTC+1)" in page  # the zone as people say it
    assert 'href="../../members/ada/"' in page  # hosts link to profiles, relatively
    assert "<em>your</em>" in page
    assert 'href="2026-11-03-python-office-hours.ics"' in page
    assert "calendar.google.com" in page and "outlook.live.com" in page

    meetup = site.page("events/2026-12-10-meetup/")
    assert "Data &lt;b&gt;meetup&lt;/b&gt;" in meetup
    assert "Registration closed" in meetup and 'href="https://tickets.example.org/m"' not in meetup
    assert "Guest Speaker" in meetup and "Acme" in meetup
    assert "New York time (EST, UTC\u22125)" in meetup
    assert "<script>alert" not in meetup
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', meetup,
                              re.S).group(1))
    assert ld["@type"] == "Event" and ld["startDate"] == "2026-12-10T19:00:00-05:00"
    assert ld["eventStatus"] == "https://schema.org/EventScheduled"
    assert ld["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert ld["location"]["@type"] == "Place" and ld["organizer"]["name"] == "Test Community"

    social = site.page("events/2026-12-20-social/")
    assert "This event is cancelled" in social and "The venue closed." in social
    assert "EventCancelled" in social

    conference = site.page("events/2027-03-18-conference/")
    assert "18–20 March 2027" in conference and "Three days in Sevilla." in conference
    assert "MixedEventAttendanceMode" in conference

    workshop = site.page("events/2026-05-14-past-workshop/")
    assert "This event is over" in workshop
    assert "video.example.org/chart" in workshop and "slides.example.org/chart" in workshop

    # Profiles list the events people host or speak at; the home page the next ones.
    profile = site.page("members/ada/")
    assert "Python office hours" in profile and "Conference 2027" in profile
    assert profile.index("Python office hours") < profile.index("Conference 2027")
    home = site.site_file("index.html").read_text()
    assert "Python office hours" in home and "All events and calendars" in home
    # Two events, not the weekly office hour twice.
    assert home.count("Python office hours") == 1 and "Data &lt;b&gt;meetup" in home
    assert "Winter social" not in home  # cancelled events are not "next"

    # The whole calendar: every event once, rules kept, cancelled marked.
    cal = icalendar.Calendar.from_ical(site.site_file("events/calendar.ics").read_bytes())
    vevents = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert len(vevents) == 5
    assert vevents["2026-12-20-social"]["STATUS"] == "CANCELLED"
    assert "RRULE" in vevents["2026-11-03-python-office-hours"]
    assert {str(t["TZID"]) for t in cal.walk("VTIMEZONE")} == {
        "Europe/Berlin", "America/New_York", "Europe/London"}
    instances = recurring_ical_events.of(cal).between((2026, 12, 1), (2027, 2, 1))
    office = sorted(e["DTSTART"].dt for e in instances
                    if str(e["UID"]).startswith("2026-11-03-python"))
    assert len(office) == 8 and all(d.hour == 18 for d in office)
    single = icalendar.Calendar.from_ical(site.site_file(
        "events/2026-12-10-meetup/2026-12-10-meetup.ics").read_bytes())
    assert [str(e["SUMMARY"]) for e in single.walk("VEVENT")] == ["Data <b>meetup</b>"]
    assert site.site_file("events/topics/python.ics").exists() is False  # one event only

    data = json.loads(site.site_file("api/events.json").read_text())
    assert data["count"] == 5
    office_item = next(i for i in data["items"] if i["id"].endswith("python-office-hours"))
    assert office_item["hosts"] == [{"name": "Ada Lovelace", "member": "ada",
                                     "page": "members/ada/"}]
    assert office_item["recurrence"]["exdates"] == ["2026-12-29"]

    feed = feedparser.parse(site.site_file("events/feed.xml").read_bytes())
    assert not feed.bozo
    titles = [e.title for e in feed.entries]
    assert titles[0].startswith("Python office hours")
    assert any(t.startswith("Cancelled: Winter social") for t in titles)
    assert all(e.link.startswith("https://example.org/test/events/") for e in feed.entries)


def test_builds_are_byte_identical(built, tmp_path):
    first = built.all_output()
    second = built.build_again(tmp_path / "again")
    changed = [name for name in first if first[name] != second.get(name)]
    assert changed == []


def test_bad_events_are_located_with_hints(site):
    site.member("ada", name="Ada")
    site.write("events/2026-03-29-bad.md", """
        ---
        title: Bad
        format: online
        start: 2026-03-29 02:30
        end: 2026-03-29 01:00
        timezone: Europe/Berlin
        hosts: [ada, adda]
        topics: [python]
        recurrence:
          rule: FREQ=WEEKLY;BYDAY=SU
          exdates: [2026-04-01]
        registration:
          deadline: 2026-04-02
        ---
        Body.
    """)
    site.write("events/2026-05-01-rule.yml", """
        title: Bad rule
        format: online
        start: 2026-05-01 10:00
        duration: 1h
        timezone: Mars/Olympus
        recurrence: FREQ=WEEKLY;BYDAI=FR
        topics: [pyton]
    """)
    site.write("events/not-dated.md", "---\ntitle: x\nformat: online\nstart: 2026-01-01\n---\n")
    found = {(d["path"], d["line"], d["code"]) for d in site.diagnostics()}
    bad = "events/2026-03-29-bad.md"
    assert (bad, 7, "unknown-reference") in found  # adda
    assert (bad, 4, "nonexistent-local-time") in found
    assert (bad, 5, "end-before-start") in found
    assert (bad, 10, "recurrence-end") in found
    assert (bad, 11, "exdate-not-on-rule") in found
    assert (bad, 13, "deadline-after-start") in found
    rule = "events/2026-05-01-rule.yml"
    assert (rule, 5, "timezone") in found and (rule, 6, "rrule") in found
    assert (rule, 7, "unknown-topic") in found
    assert ("events/not-dated.md", 0, "bad-id") in found
    messages = {d["code"]: d for d in site.diagnostics() if d["path"] == bad}
    assert "did you mean 'ada'" in messages["unknown-reference"]["hint"]
    assert "does not exist in Europe/Berlin" in messages["nonexistent-local-time"]["message"]
    result = site.build(check=False)  # in this process: an exception would fail the test
    assert result.returncode != 0 and "nothing was built" in result.output
    assert f"{bad}:" in result.output
