"""iCalendar (RFC 5545) output: one event or a whole calendar, with the time zones they need."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from mkdocs_community.core.i18n import N_, Language, language
from mkdocs_community.core.occurrences import (
    HORIZON,
    PAST_SPAN,
    exdates_local,
    first_occurrence,
    last_occurrence,
    rdates_local,
    until_utc,
    wall_span,
)
from mkdocs_community.core.records.event import Event, EventStatus, parse_until
from mkdocs_community.core.records.member import country_name
from mkdocs_community.core.safety import plain_text
from mkdocs_community.core.timezones import UTC, localize, zone
from mkdocs_community.core.urls import absolute_url, event_url

if TYPE_CHECKING:
    from icalendar import Calendar

    from mkdocs_community.core.settings import Settings


def uid(event: Event, settings: Settings) -> str:
    """A UID that stays the same across builds for as long as the file keeps its name."""
    host = urlsplit(settings.site_url).hostname if settings.site_url else ""
    if not host:
        host = hashlib.sha1(settings.name.encode()).hexdigest()[:12] + ".community.invalid"
    return f"{event.id}@{host}"


def feed_id(event: Event, settings: Settings) -> str:
    """A stable ``urn:uuid:`` for feeds, derived from the calendar UID."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, uid(event, settings)))




def _transitions(tz: ZoneInfo, first: dt.datetime, last: dt.datetime) -> list[dt.datetime]:
    """UTC instants in [first, last) at which ``tz`` changes offset or name."""
    def state(moment: dt.datetime) -> tuple[Any, ...]:
        local = moment.astimezone(tz)
        return local.utcoffset(), local.tzname(), local.dst()

    found = []
    step = dt.timedelta(days=7)
    moment = first
    current = state(moment)
    while moment < last:
        following = min(moment + step, last)
        if state(following) != current:
            low, high = moment, following
            while high - low > dt.timedelta(minutes=1):
                middle = low + (high - low) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle <= low:
                    break
                if state(middle) == current:
                    low = middle
                else:
                    high = middle
            found.append(high)
            current = state(high)
        moment = following
    return found


def vtimezone(name: str, first: dt.date, last: dt.date,
              more: tuple[tuple[dt.date, dt.date], ...] = ()) -> Any:
    """A VTIMEZONE for ``name`` valid from ``first`` to ``last``, from the tz database.

    ``more`` adds further (first, last) spans, later than ``last`` and apart from each
    other: the zone's changes are listed in the spans only, so an event in 1950 and a
    series this year do not list every change of the 75 years between. Each
    component's DTSTART is the local time of the change as read before it (in
    TZOFFSETFROM), as RFC 5545 specifies.
    """
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    tz = zone(name)
    component = Timezone()
    component.add("tzid", name)

    def observance(moment: dt.datetime, before: dt.timedelta) -> Any:
        local = moment.astimezone(tz)
        daylight = bool(local.dst() and local.dst() > dt.timedelta(0))
        part = TimezoneDaylight() if daylight else TimezoneStandard()
        part.add("dtstart", (moment + before).replace(tzinfo=None))
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", local.utcoffset())
        if local.tzname():
            part.add("tzname", local.tzname())
        return part

    for low, high in ((first, last), *more):
        begin = dt.datetime.combine(low, dt.time(0), UTC)
        end = dt.datetime.combine(high, dt.time(0), UTC)
        initial = begin.astimezone(tz).utcoffset()
        assert initial is not None
        component.add_component(observance(begin, initial))
        for moment in _transitions(tz, begin, end):
            before = (moment - dt.timedelta(minutes=1)).astimezone(tz).utcoffset()
            assert before is not None
            component.add_component(observance(moment, before))
    return component


_STATUS_NOTICE = {EventStatus.CANCELLED: N_("CANCELLED."), EventStatus.POSTPONED: N_("POSTPONED.")}
STATUS_PREFIX = {EventStatus.CANCELLED: N_("Cancelled: %(event)s"),
                  EventStatus.POSTPONED: N_("Postponed: %(event)s")}


def ics_description(event: Event, settings: Settings, plain: Callable[..., str] | None = None
              ) -> str:
    """The description calendars show, in the site's language."""
    plain = plain or plain_text
    _ = language(settings.language).gettext
    lines = []
    if event.status is not EventStatus.SCHEDULED:
        note = f" {event.status_note}" if event.status_note else ""
        lines.append(_(_STATUS_NOTICE[event.status]) + note)
    if event.summary:
        lines.append(event.summary)
    body = plain(event.markdown_text, limit=1500) if event.markdown_text else ""
    if body and body != event.summary:
        lines.append(body)
    if event.location and event.location.online_url:
        lines.append(_("Join online: %(url)s") % {"url": event.location.online_url})
    if event.registration and event.registration.url:
        lines.append(_("Register: %(url)s") % {"url": event.registration.url})
    page = absolute_url(settings.site_url, event_url(event.id))
    if page:
        lines.append(_("Details: %(url)s") % {"url": page})
    return "\n\n".join(lines)


def location_text(event: Event, lang: Language | None = None) -> str:
    """'Venue, Address, City, Country', 'Online' or both, for calendars and links."""
    lang = lang or language()
    place = event.location
    physical = ""
    if place and event.format_value != "online":
        physical = ", ".join(p for p in (place.venue, place.address, place.city,
                                         country_name(place.country, lang.code)
                                         if place.country else None)
                             if p)
    if event.format_value == "in-person" or (not event.format_value and not (
            place and place.online_url)):
        return physical
    online = place.online_url if place and place.online_url else ""
    if physical:
        both = lang.gettext("%(place)s and online") % {"place": physical}
        return both + (f" ({online})" if online else "")
    return online or lang.gettext("Online")


def ics_summary(event: Event, settings: Settings) -> str:
    if event.status not in STATUS_PREFIX:
        return event.title
    return language(settings.language).gettext(STATUS_PREFIX[event.status]) % {
        "event": event.title}


def vevent(event: Event, settings: Settings, stamp: dt.datetime, topic_label: Callable[[str], str],
           plain: Callable[..., str] | None = None) -> Any:
    """One event as a VEVENT. ``plain``: Markdown to plain text (``safety.plain_text``;
    a build passes its ``RenderedTexts.plain``, which renders each text once)."""
    from icalendar import Event as VEvent
    from icalendar import vRecur

    tz = zone(event.zone_name)
    component = VEvent()
    component.add("uid", uid(event, settings))
    component.add("dtstamp", stamp.astimezone(UTC).replace(microsecond=0))
    start, end = wall_span(event)
    if event.all_day:
        component.add("dtstart", start)
        component.add("dtend", end)
    else:
        component.add("dtstart", localize(start, tz))  # type: ignore[arg-type]
        component.add("dtend", localize(end, tz))  # type: ignore[arg-type]
    component.add("summary", ics_summary(event, settings))
    description = ics_description(event, settings, plain)
    if description:
        component.add("description", description)
    where = location_text(event, language(settings.language))
    if where:
        component.add("location", where)
    page = absolute_url(settings.site_url, event_url(event.id))
    if page:
        component.add("url", page)
    component.add("status", {EventStatus.SCHEDULED: "CONFIRMED",
                             EventStatus.CANCELLED: "CANCELLED",
                             EventStatus.POSTPONED: "TENTATIVE"}[event.status])
    categories = [event.kind_label, *(topic_label(t) for t in event.topics)]
    component.add("categories", categories)
    component.add("class", "PUBLIC")
    if event.recurrence is not None:
        parts = dict(event.recurrence.parts)
        if "UNTIL" in parts:
            value, _ = parse_until(parts["UNTIL"])
            if event.all_day:
                parts["UNTIL"] = (value.date() if isinstance(value, dt.datetime) else value) \
                    .strftime("%Y%m%d")
            else:
                limit = until_utc(event)
                assert limit is not None
                parts["UNTIL"] = limit.strftime("%Y%m%dT%H%M%SZ")
        if event.recurrence.rule is not None:
            component.add("rrule", vRecur.from_ical(
                ";".join(f"{k}={v}" for k, v in parts.items())))
        for value in rdates_local(event):
            component.add("rdate", value.date() if event.all_day else localize(value, tz))
        for value in exdates_local(event):
            if event.all_day:
                component.add("exdate", value.date())
            else:
                component.add("exdate", localize(value, tz))
    return component


SPAN_GAP = 10  # years


def event_years(event: Event, now: dt.datetime) -> frozenset[int]:
    """The years a calendar with ``event`` made at ``now`` must cover in its zone's
    VTIMEZONE (none for an all-day event, which has no zone): see :func:`_zone_spans`."""
    if event.all_day:
        return frozenset()
    first = first_occurrence(event)
    wanted = set(range(first.start.year, first.end.year + 1))
    if event.recurring:
        low = max(first.start, now - PAST_SPAN)
        last = last_occurrence(event)
        high = min(last.end if last else now + HORIZON, now + HORIZON)
        if low <= high:
            wanted.update(range(low.year, high.year + 1))
    return frozenset(wanted)


def _zone_spans(events: Sequence[Event], now: dt.datetime,
                known: dict[str, frozenset[int]] | None = None
                ) -> dict[str, tuple[tuple[dt.date, dt.date], ...]]:
    """Per zone, the spans of whole years a calendar's VTIMEZONE must cover.

    Each timed event needs the year(s) of its first occurrence (its DTSTART); a series
    also needs the years it is listed in, from ``PAST_SPAN`` before the build to
    ``HORIZON`` after it (as calendar applications expand repeating events near
    today). So a series ending in 2200 or an event in 1900 adds a few years, not
    centuries of daylight-saving changes to every subscriber's download. Spans less than
    ``SPAN_GAP`` years apart are joined, so a series that began a few years ago is
    covered from its first session on.

    ``known``: each event's years (:func:`event_years`) by event id, shared by the
    calendars of one build and filled in here: an event is in several calendars, and
    finding a series' last occurrence means expanding it.
    """
    years: dict[str, set[int]] = {}
    for event in events:
        if event.all_day:
            continue
        found = known.get(event.id) if known is not None else None
        if found is None:
            found = event_years(event, now)
            if known is not None:
                known[event.id] = found
        years.setdefault(event.zone_name, set()).update(found)
    spans: dict[str, tuple[tuple[dt.date, dt.date], ...]] = {}
    for name in sorted(years):
        runs: list[list[int]] = []
        for year in sorted(years[name]):
            if runs and year <= runs[-1][1] + 1 + SPAN_GAP:
                runs[-1][1] = year
            else:
                runs.append([year, year])
        spans[name] = tuple((dt.date(a, 1, 1), dt.date(b + 1, 1, 1)) for a, b in runs)
    return spans


def calendar_ics(
    events: Iterable[Event], settings: Settings, now: dt.datetime, name: str,
    topic_label: Callable[[str], str] = str, description: str = "",
    parts: dict[str, bytes] | None = None, plain: Callable[..., str] | None = None,
    years: dict[str, frozenset[int]] | None = None,
) -> bytes:
    """An iCalendar file of ``events``: one VEVENT each, rules kept, zones included.

    ``parts`` (event id -> serialised VEVENT), shared by the calls that make one build's
    calendars, serialises each event once however many calendars it is in; the file is
    byte for byte the same (a content line does not depend on the file around it).
    ``years`` (event id -> :func:`event_years`), shared the same way, works out once
    which years of its zone each event needs.
    """
    chosen = sorted(events, key=lambda e: e.id)
    stamp = dtstamp(now)
    # RFC 5545 wants at least one component: a calendar with no events yet holds the
    # site's time zone (this year's rules), and stays valid for every reader.
    spans = _zone_spans(chosen, now, years) if chosen else {settings.timezone: (
        (dt.date(now.year, 1, 1), dt.date(now.year, 12, 31)),)}
    if parts is not None:
        zones = [_vtimezone_ical(zone_name, zone_spans)
                 for zone_name, zone_spans in spans.items()]
        for event in chosen:
            if event.id not in parts:
                parts[event.id] = vevent(event, settings, stamp, topic_label, plain).to_ical()
        return b"".join([_head(settings, name, description), *zones,
                         *(parts[e.id] for e in chosen), _END])
    calendar = _calendar(settings.timezone, name, description)
    for zone_name, zone_spans in spans.items():
        calendar.add_component(vtimezone(zone_name, *zone_spans[0], more=zone_spans[1:]))
    for event in chosen:
        calendar.add_component(vevent(event, settings, stamp, topic_label, plain))
    return calendar.to_ical()


def dtstamp(now: dt.datetime) -> dt.datetime:
    """Every VEVENT's DTSTAMP in a calendar made at ``now``: the minute, in UTC."""
    return now.astimezone(UTC).replace(second=0, microsecond=0)


def _calendar(timezone: str, name: str, description: str) -> Calendar:
    """A calendar's own properties, before its components (``timezone``: the site's)."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//mkdocs-community//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone)
    if description:
        calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    return calendar


_END = b"END:VCALENDAR\r\n"
# Stand-ins for a calendar's name and description in the head serialised once per build.
_NAME, _DESCRIPTION = "cm-calendar-name", "cm-calendar-description"


def _head(settings: Settings, name: str, description: str) -> bytes:
    """``_calendar(...).to_ical()`` without its last line. Every calendar of a build has
    the same head but for its name and description (2,000 per-event files): the head is
    serialised once with stand-ins, and each calendar's own two lines put in their place,
    wherever the library orders them."""
    template, name_line, description_line = _head_template(settings.timezone,
                                                           bool(description))
    head = template.replace(name_line, _line("x-wr-calname", name), 1)
    if description:
        head = head.replace(description_line, _line("x-wr-caldesc", description), 1)
    return head


@lru_cache(maxsize=16)
def _head_template(timezone: str, described: bool) -> tuple[bytes, bytes, bytes]:
    """The head with stand-ins for the name and description, and the stand-ins' lines."""
    head = _calendar(timezone, _NAME, _DESCRIPTION if described else "").to_ical()
    return (head[:-len(_END)], _line("x-wr-calname", _NAME),
            _line("x-wr-caldesc", _DESCRIPTION))


@lru_cache(maxsize=8192)  # every calendar's name and description, again at each serve rebuild
def _line(name: str, value: str) -> bytes:
    """One property's content line(s), as a calendar writes it (folded, escaped)."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add(name, value)
    return calendar.to_ical()[len(b"BEGIN:VCALENDAR\r\n"):-len(_END)]


@lru_cache(maxsize=1024)
def _vtimezone_ical(name: str, spans: tuple[tuple[dt.date, dt.date], ...]) -> bytes:
    return vtimezone(name, *spans[0], more=spans[1:]).to_ical()
