"""The events section: ``/events/``, a page per event, calendars, a feed and the data API.

Pages show every time in the event's own zone (with its UTC offset and zone name);
the viewer's local time is added by ``assets/events.js`` where JavaScript runs. All
time arithmetic is in ``core/timezones.py`` and ``core/occurrences.py`` (the iCalendar
files in ``outputs/ics.py``); this module decides what each page shows.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from markupsafe import Markup

from mkdocs_community.core import occurrences, recurrence_words, timezones
from mkdocs_community.core.build import Asset, Build, PageSpec
from mkdocs_community.core.collation import sort_key
from mkdocs_community.core.i18n import Language, language
from mkdocs_community.core.kept import Identical
from mkdocs_community.core.records.common import Record
from mkdocs_community.core.records.event import (
    FORMAT_LABELS,
    KIND_LABELS,
    Event,
    EventFormat,
    EventStatus,
    Person,
)
from mkdocs_community.core.records.member import Member
from mkdocs_community.core.settings import Settings
from mkdocs_community.core.urls import absolute_url, event_url, link_from
from mkdocs_community.outputs import calendar_links, feeds, ics
from mkdocs_community.outputs.blocks import int_param
from mkdocs_community.sections.members import Facet, FacetOption, ProfileSection, member_url

ICS_TYPE = "text/calendar"
FEED_PATH = "events/feed"
CALENDAR_PATH = "events/calendar.ics"
SERIES_SHOWN = 12  # upcoming dates listed on a repeating event's page
SERIES_LISTED = 4  # dates of a repeating event in a listing: the next one and three more
MIN_TOPIC_EVENTS = 2  # a topic gets its own calendar from this many events




def event_ics_path(event_id: str) -> str:
    return f"events/{event_id}/{event_id}.ics"


def _slug(value: str) -> str:
    # Topic ids may hold '+', '#' or '.' (c++, c#, .net): not for file names in URLs.
    value = value.replace("+", "-plus").replace("#", "-sharp")
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "topic"


# -- formatting ---------------------------------------------------------------------
#
# Times in the event's zone, in the site's language: CLDR gives the day, month and
# weekday names, date ranges and the order of their parts; the catalogs the phrases.

def when_text(occ: occurrences.Occurrence, lang: Language | None = None) -> str:
    """'Tuesday, 10 March 2026, 18:00–19:30', '12–14 March 2026', ... in the event's zone."""
    lang = lang or language()
    start, end = occ.start, occ.end
    if occ.all_day:
        last = occ.last_day
        if last == start.date():
            return lang.gettext("%(day)s (all day)") % {"day": lang.date(start, "full")}
        return lang.day_range(start.date(), last)
    if occ.multi_day:
        return lang.gettext("%(start_day)s, %(start)s – %(end_day)s, %(end)s") % {
            "start_day": lang.date(start, "full"), "start": lang.time(start),
            "end_day": lang.date(end, "full"), "end": lang.time(end)}
    return lang.gettext("%(day)s, %(start)s–%(end)s") % {
        "day": lang.date(start, "full"), "start": lang.time(start), "end": lang.time(end)}


def short_when(occ: occurrences.Occurrence, year: bool = False,
               lang: Language | None = None) -> str:
    """'Tue, 10 Mar, 18:00–19:30 CET' for lists (with the year if asked)."""
    lang = lang or language()
    start = occ.start
    day = lang.short_day(start.date(), year)
    if occ.all_day:
        last = occ.last_day
        return day if last == start.date() else f"{day} – {lang.short_day(last, year)}"
    return lang.gettext("%(day)s, %(start)s–%(end)s %(zone)s") % {
        "day": day, "start": lang.time(start), "end": lang.time(occ.end),
        "zone": zone_short(start)}


def time_range(occ: occurrences.Occurrence, lang: Language | None = None) -> str:
    """'18:00–19:30 CET': the time of day of a (repeating) event, in its zone."""
    lang = lang or language()
    return f"{lang.time(occ.start)}–{lang.time(occ.end)} {zone_short(occ.start)}"


def short_day(occ: occurrences.Occurrence, lang: Language | None = None) -> str:
    """'Tue, 10 Mar' in the event's zone."""
    return (lang or language()).short_day(occ.start.date())


def zone_short(value: dt.datetime) -> str:
    return timezones.zone_abbreviation(value) or timezones.utc_offset(value)


def zone_text(occ: occurrences.Occurrence, lang: Language | None = None) -> str:
    """The event's zone as people say it: 'Berlin time (CET, UTC+1)', 'Kolkata time
    (IST, UTC+5:30)', 'São Paulo time (UTC−3)', or just 'UTC' (the place in ``lang``)."""
    start = occ.start
    name = timezones.zone_label(occ.event.zone_name, lang)
    details = [p for p in (timezones.zone_abbreviation(start), timezones.offset_words(start))
               if p and p != name]
    return f"{name} ({', '.join(dict.fromkeys(details))})" if details else name


def iso(value: dt.datetime) -> str:
    return value.isoformat()


def sentence(text: str) -> str:
    """'every Tuesday' -> 'Every Tuesday' (Jinja's capitalize would lower 'Tuesday')."""
    return text[:1].upper() + text[1:]


def series_text(event: Event, lang: Language | None = None) -> str:
    return sentence(recurrence_words.rule_in_words(event, lang)) if event.recurrence else ""


@cache
def _helpers(lang: Language) -> dict[str, Any]:
    """What event templates call, in ``lang``: the same objects for every build in a
    language, so that unchanged pages compare equal (see render.RenderMemo)."""
    return {"when_text": partial(when_text, lang=lang),
            "short_when": partial(short_when, lang=lang),
            "zone_text": partial(zone_text, lang=lang), "zone_short": zone_short, "iso": iso,
            "time_range": partial(time_range, lang=lang),
            "short_day": partial(short_day, lang=lang),
            "event_url": event_url, "member_url": member_url, "facet_values": facet_values,
            "sentence": sentence, "series_text": partial(series_text, lang=lang)}


# -- people ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PersonView:
    """A host or speaker as published: members link to their profile, guests to their site."""

    name: str
    member: Member | None = None
    url: str = ""  # a guest's own https page
    affiliation: str = ""


def people(build: Build, persons: Iterable[Person]) -> list[PersonView]:
    """The persons to show. Unlisted members are left out: they are never named."""
    shown: list[PersonView] = []
    seen: set[str] = set()
    for person in persons:
        if person.member:
            member = build.community.public_member(person.member)
            if member is None or member.id in seen:
                continue
            seen.add(member.id)
            shown.append(PersonView(member.name, member))
        elif person.name:
            shown.append(PersonView(person.name, None, person.url or "", person.affiliation or ""))
    return shown


# -- registration ----------------------------------------------------------------------

def registration_closes(event: Event) -> dt.datetime | None:
    """When registration closes: the deadline (a date means the end of that day, and
    never later than the start), else the start of the first occurrence."""
    first = occurrences.first_occurrence(event)
    registration = event.registration
    if registration is None or registration.deadline is None:
        return first.start
    tz = timezones.zone(event.zone_name)
    deadline = registration.deadline
    if isinstance(deadline, dt.datetime):
        return timezones.localize(deadline, tz)
    end_of_day = timezones.localize(dt.datetime.combine(deadline + dt.timedelta(days=1),
                                                       dt.time(0)), tz)
    return min(end_of_day, first.start)


def registration_state(build: Build, event: Event, next_occ: occurrences.Occurrence | None) -> str:
    """'open', 'closed', 'cancelled' or '' when the event takes no registration."""
    if event.registration is None or not event.registration.url:
        return ""
    if event.status is not EventStatus.SCHEDULED:
        return "cancelled"
    if next_occ is None:
        return "closed"
    closes = registration_closes(event)
    # A series without a deadline takes registrations for as long as it runs.
    if closes is not None and closes <= build.now and (
            event.registration.deadline is not None or not event.recurring):
        return "closed"
    return "open"


# -- facets ----------------------------------------------------------------------------

def facet_values(event: Event) -> dict[str, list[str]]:
    return {"kind": [event.kind.value], "format": [event.format_value] if event.format else [],
            "topic": list(event.topics)}


def event_facets(build: Build, items: Sequence[occurrences.Occurrence]) -> list[Facet]:
    counts: dict[str, Counter[str]] = {}
    for occ in items:
        for name, values in facet_values(occ.event).items():
            counts.setdefault(name, Counter()).update(values)
    topics = build.community.topics
    _ = build.lang.gettext

    def options(name: str, label: Callable[[str], str], by_count: bool = False
                ) -> tuple[FacetOption, ...]:
        found = counts.get(name, Counter())
        ordered = sorted(found, key=(lambda v: (-found[v], sort_key(label(v)))) if by_count
                         else (lambda v: sort_key(label(v))))
        return tuple(FacetOption(v, label(v), found[v]) for v in ordered)

    facets = [
        Facet("kind", _("Kind"), options("kind", lambda k: _(KIND_LABELS.get(k, k))),
              any_label=_("Any kind")),
        Facet("format", _("Format"), options("format", lambda f: _(FORMAT_LABELS.get(f, f))),
              any_label=_("Any format")),
        Facet("topic", _("Topic"), options("topic", topics.label, by_count=True),
              any_label=_("Any topic")),
    ]
    return [f for f in facets if f.options]


# -- listings ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Group:
    label: str
    key: str
    items: tuple[Any, ...]


@dataclass(frozen=True)
class Listed:
    """One event in a listing: its next occurrence and, for a repeating event, the dates
    after it. A weekly series is one entry with its next dates, not a card per week."""

    occurrence: occurrences.Occurrence
    later: tuple[occurrences.Occurrence, ...] = ()
    more: int = 0  # further dates in the listing's horizon that are not shown

    @property
    def event(self) -> Event:
        return self.occurrence.event

    @property
    def end_utc(self) -> dt.datetime:
        """When the last date shown ends: the entry is over then."""
        return (self.later or (self.occurrence,))[-1].end_utc


def listed(occurrences: Iterable[occurrences.Occurrence], dates: int = SERIES_LISTED
           ) -> list[Listed]:
    """Occurrences (soonest first) as listing entries: each event once, at its first
    occurrence, with up to ``dates`` - 1 of its later ones."""
    entries: dict[str, tuple[occurrences.Occurrence, list[occurrences.Occurrence], list[int]]] = {}
    for occ in occurrences:
        entry = entries.get(occ.event.id)
        if entry is None:
            entries[occ.event.id] = (occ, [], [0])
        elif len(entry[1]) < dates - 1:
            entry[1].append(occ)
        else:
            entry[2][0] += 1
    return [Listed(first, tuple(later), more[0]) for first, later, more in entries.values()]


def by_month(build: Build, items: Sequence[Listed]) -> list[Group]:
    """Listing entries grouped by the month of their next date in the site's zone (the
    order they are sorted in)."""
    site_zone = timezones.zone(build.settings.timezone)
    groups: dict[str, list[Listed]] = {}
    labels: dict[str, str] = {}
    for item in items:
        local = item.occurrence.start.astimezone(site_zone)
        key = f"{local:%Y-%m}"
        groups.setdefault(key, []).append(item)
        labels[key] = build.lang.month(local.date())
    return [Group(labels[k], k, tuple(v)) for k, v in groups.items()]


@dataclass(frozen=True)
class PastEntry:
    occurrence: occurrences.Occurrence  # the latest past occurrence in that year
    sessions: int  # how many occurrences of the event took place that year


def past_by_year(build: Build) -> list[Group]:
    """Past events by year, newest first; a repeating event once per year (under
    ``mkdocs serve``, kept from the last build while the events and 'now' are the same)."""
    return list(build.kept.value("past-years", "", (build.community.events, build.now),
                                 partial(_past_by_year, build)))


def _past_by_year(build: Build) -> tuple[Group, ...]:
    """:func:`past_by_year`, from the events and 'now' alone."""
    years: dict[int, dict[str, PastEntry]] = {}
    for occ in occurrences.past(build):
        year = occ.start.year
        entries = years.setdefault(year, {})
        entry = entries.get(occ.event.id)
        entries[occ.event.id] = PastEntry(entry.occurrence if entry else occ,
                                          (entry.sessions if entry else 0) + 1)
    return tuple(Group(str(year), str(year), tuple(entries.values()))
                 for year, entries in sorted(years.items(), reverse=True))


# -- calendars offered ---------------------------------------------------------------------

@dataclass(frozen=True)
class CalendarFile:
    path: str
    title: str
    events: tuple[Event, ...]


def calendar_files(build: Build) -> list[CalendarFile]:
    """The whole calendar, then one per topic with several events and one per group.

    The whole calendar exists from the first build on, events or not: people can
    subscribe before the first event, and the events page always links to it.
    """
    events = build.community.events
    name = build.settings.name
    _ = build.lang.gettext
    files = [CalendarFile(CALENDAR_PATH, _("%(site)s: all events") % {"site": name},
                          tuple(events))]
    topics = build.community.topics
    by_topic: dict[str, list[Event]] = {}
    for event in events:
        for topic in event.topics:
            by_topic.setdefault(topic, []).append(event)
    used: set[str] = set()
    for topic, chosen in sorted(by_topic.items()):
        if len(chosen) >= MIN_TOPIC_EVENTS:
            slug = _slug(topic)
            if slug in used:
                continue
            used.add(slug)
            files.append(CalendarFile(f"events/topics/{slug}.ics",
                                      _("%(site)s: %(topic)s events") % {
                                          "site": name, "topic": topics.label(topic)},
                                      tuple(chosen)))
    by_group: dict[str, list[Event]] = {}
    for event in events:
        if event.group and build.community.get("groups", event.group) is not None:
            by_group.setdefault(event.group, []).append(event)
    for group_id, chosen in sorted(by_group.items()):
        group = build.community.get("groups", group_id)
        label = getattr(group, "name", None) or getattr(group, "title", None) or group_id
        files.append(CalendarFile(f"events/groups/{group_id}.ics", f"{name}: {label}",
                                  tuple(chosen)))
    return files


def webcal_url(build: Build, path: str) -> str:
    """``webcal://`` for one-click subscription in calendar applications, or ''."""
    absolute = absolute_url(build.settings.site_url, path)
    return re.sub(r"^https?://", "webcal://", absolute) if absolute else ""


# -- structured data ---------------------------------------------------------------------

_STATUS_SCHEMA = {EventStatus.SCHEDULED: "EventScheduled",
                  EventStatus.CANCELLED: "EventCancelled",
                  EventStatus.POSTPONED: "EventPostponed"}
_MODE_SCHEMA = {EventFormat.ONLINE: "OnlineEventAttendanceMode",
                EventFormat.IN_PERSON: "OfflineEventAttendanceMode",
                EventFormat.HYBRID: "MixedEventAttendanceMode"}


def json_ld(build: Build, event: Event, occ: occurrences.Occurrence,
            speakers: Sequence[PersonView] | None = None) -> Markup:
    """schema.org ``Event`` as a ``<script type="application/ld+json">`` element
    (``speakers``: the event's, as :func:`people` gives them, if the caller has them)."""
    settings = build.settings
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": occ.start.date().isoformat() if occ.all_day else iso(occ.start),
        "endDate": occ.last_day.isoformat() if occ.all_day else iso(occ.end),
        "eventStatus": "https://schema.org/" + _STATUS_SCHEMA[event.status],
    }
    if event.format is not None:
        data["eventAttendanceMode"] = "https://schema.org/" + _MODE_SCHEMA[event.format]
    description = event.summary or build.texts.plain(event.markdown_text, limit=300)
    if description:
        data["description"] = description
    page = absolute_url(settings.site_url, event_url(event.id))
    if page:
        data["url"] = page
    locations: list[dict[str, Any]] = []
    place = event.location
    if (event.format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and place) or \
            (event.format is None and place and (place.venue or place.city)):
        address = {k: v for k, v in (("streetAddress", place.address),
                                     ("addressLocality", place.city),
                                     ("addressCountry", place.country)) if v}
        venue: dict[str, Any] = {"@type": "Place",
                                 "name": place.venue or place.city or event.title}
        if address:
            venue["address"] = {"@type": "PostalAddress", **address}
        locations.append(venue)
    if event.format in (EventFormat.ONLINE, EventFormat.HYBRID) or \
            (event.format is None and place and place.online_url):
        virtual: dict[str, Any] = {"@type": "VirtualLocation"}
        join = place.online_url if place and place.online_url else page
        if join:
            virtual["url"] = join
        locations.append(virtual)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organizer: dict[str, Any] = {"@type": "Organization", "name": settings.name}
    if settings.site_url:
        organizer["url"] = settings.site_url
    data["organizer"] = organizer
    performers = [_person_ld(build, p) for p in (
        people(build, event.speakers) if speakers is None else speakers)]
    if performers:
        data["performer"] = performers
    if event.registration and event.registration.url:
        offer: dict[str, Any] = {"@type": "Offer", "url": event.registration.url,
                                 "price": "0", "priceCurrency": "USD",
                                 "availability": "https://schema.org/InStock"}
        closes = registration_closes(event)
        if closes:
            offer["validThrough"] = iso(closes)
        data["offers"] = offer
        data["isAccessibleForFree"] = True
    if event.language:
        data["inLanguage"] = event.language
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # Inside <script>, '</' would end the element: escape the characters that matter.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup('<script type="application/ld+json">\n') + Markup(text) + \
        Markup("\n</script>")


def _person_ld(build: Build, person: PersonView) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person", "name": person.name}
    if person.member:
        url = absolute_url(build.settings.site_url, member_url(person.member.id))
        if url:
            data["url"] = url
    elif person.url:
        data["url"] = person.url
    return data


# -- pages -------------------------------------------------------------------------------



def pages(build: Build) -> Iterable[PageSpec]:
    community = build.community
    events = community.events
    upcoming = listed(occurrences.upcoming(build, include_cancelled=True))
    months = by_month(build, upcoming)
    files = calendar_files(build)
    yield PageSpec(
        url="events/",
        title=build.lang.gettext("Events"),
        template="community/events.html",
        context={"upcoming": upcoming, "months": months, "past_years": past_by_year(build),
                 "facets": event_facets(build, [item.occurrence for item in upcoming]),
                 "calendars": files,
                 "webcal": {f.path: webcal_url(build, f.path) for f in files},
                 "horizon_days": occurrences.HORIZON.days, "has_events": bool(events),
                 **_helpers(build.lang)},
        description=build.lang.gettext(
            "What is coming up at %(name)s: meetups, workshops, office hours and socials, in "
            "your time zone, with a calendar to subscribe to.") % {"name": build.settings.name},
        section="events",
        search_boost=0.5,
        hide=("navigation", "toc"),
    )
    for event in events:
        yield _event_page(build, event)


def _shown_occurrences(build: Build
                       ) -> dict[str, tuple[occurrences.Occurrence | None, occurrences.Occurrence]]:
    """Per event id: the occurrence happening now or next (None when the event is over),
    and the one its page and its people's profiles show (the next, else the last, else
    the first). Worked out once per build: finding a series' last occurrence means
    expanding it."""
    # Kept from the last build (mkdocs serve) while the event and 'now' are the same.
    return {event.id: build.kept.value("shown", event.id, (event, build.now),
                                       partial(_shown, event, build.now))
            for event in build.community.events}


def _shown(event: Event, now: dt.datetime
           ) -> tuple[occurrences.Occurrence | None, occurrences.Occurrence]:
    next_occ = occurrences.next_occurrence(event, now)
    return next_occ, (next_occ or occurrences.last_occurrence(event)
                      or occurrences.first_occurrence(event))


def _event_inputs(build: Build, event: Event) -> tuple[Any, ...]:
    """Everything an event's page and API entry read besides the event: 'now', the
    settings (the language among them) and the people they name, as published."""
    return (event, build.now, build.kept.same("settings", build.settings),
            tuple(people(build, event.hosts)), tuple(people(build, event.speakers)))


def _event_page(build: Build, event: Event) -> PageSpec:
    # Under mkdocs serve, kept from the last build while everything it reads is the same
    # (records are immutable: an unchanged file gives the very same objects).
    group = build.community.get("groups", event.group) if event.group else None
    goals = tuple(g for g in (build.community.get("goals", gid) for gid in event.goals) if g)
    inputs = _event_inputs(build, event)
    return build.kept.value("event-page", event.id, (inputs, group, goals),
                            partial(_make_event_page, build, event, inputs, group, goals))


def _make_event_page(build: Build, event: Event, inputs: tuple[Any, ...],
                     group: Record | None, goals: tuple[Record, ...]) -> PageSpec:
    """An event's page from what :func:`_event_page` gathered."""
    hosts, speakers = list(inputs[3]), list(inputs[4])
    next_occ, shown = build.once(_shown_occurrences)[event.id]
    first = occurrences.first_occurrence(event)
    series = occurrences.occurrences(event, build.now + occurrences.HORIZON, since=build.now
                                  )[:SERIES_SHOWN] if event.recurring else []
    over = next_occ is None
    started = first.start <= build.now
    links = None
    if not over and event.status is EventStatus.SCHEDULED:
        plain = build.texts.plain  # the description rendered once, for all three
        links = {"google": calendar_links.google_calendar_url(shown, build.settings,
                                                              plain=plain),
                 "outlook": calendar_links.outlook_calendar_url(shown, build.settings,
                                                                plain=plain),
                 "office": calendar_links.outlook_calendar_url(
                     shown, build.settings, "outlook.office.com", plain=plain)}
    summary = event.summary or build.texts.plain(event.markdown_text, limit=160)
    lang = build.lang
    when = when_text(shown, lang=lang)
    return PageSpec(
        url=event_url(event.id),
        title=event.title,
        record=event,
        template="community/event.html",
        context={"event": event, "occurrence": shown, "next_occurrence": next_occ,
                 "series": series, "over": over, "started": started,
                 "hosts": hosts, "speakers": speakers,
                 "recurrence_text": recurrence_words.recurrence_in_words(event, lang),
                 "registration": registration_state(build, event, next_occ),
                 "registration_closes": registration_closes(event)
                 if event.registration else None,
                 "calendar_links": links, "ics_path": event_ics_path(event.id),
                 "json_ld": json_ld(build, event, shown, speakers), "group": group,
                 "goals": list(goals),
                 "location_text": ics.location_text(event, lang), **_helpers(lang)},
        description=f"{when} ({lang.gettext('all day') if shown.all_day else zone_short(shown.start)})"  # noqa: E501
                    f" · {event.place_in(lang)}" + (f" — {summary}" if summary else ""),
        source=event.source,
        section="events",
        hide=("toc",),
    )


# -- profiles and the home page ---------------------------------------------------------------

@dataclass(frozen=True)
class ProfileEvent:
    event: Event
    occurrence: occurrences.Occurrence
    role: str
    upcoming: bool


def _events_by_member(build: Build) -> dict[str, list[ProfileEvent]]:
    """Per member id, the events they host or speak at, in event order: indexed once per
    build (and each event's occurrence worked out once), not once a profile; under
    ``mkdocs serve``, kept from the last build while the events, 'now' and the language
    are the same (the roles are worded), so each member's list is the very same object."""
    return build.kept.value("events-by-member", "", (build.community.events, build.now,
                                                     build.lang),
                            partial(_index_events_by_member, build))


def _index_events_by_member(build: Build) -> dict[str, list[ProfileEvent]]:
    index: dict[str, list[ProfileEvent]] = {}
    for event in build.community.events:
        hosts = {p.member for p in event.hosts if p.member}
        speakers = {p.member for p in event.speakers if p.member}
        if not hosts and not speakers:
            continue
        next_occ, occ = build.once(_shown_occurrences)[event.id]
        for member_id in sorted(hosts | speakers):
            role = (build.lang.gettext("Host and speaker") if member_id in hosts & speakers
                    else build.lang.gettext("Host") if member_id in hosts
                    else build.lang.gettext("Speaker"))
            index.setdefault(member_id, []).append(
                ProfileEvent(event, occ, role, next_occ is not None))
    return index


def member_events(build: Build, member: Member) -> list[ProfileEvent]:
    """Events a member hosts or speaks at: upcoming (soonest first), then past (latest first)."""
    return _ordered(build.once(_events_by_member).get(member.id, []))


def _ordered(found: Sequence[ProfileEvent]) -> list[ProfileEvent]:
    coming = sorted((e for e in found if e.upcoming), key=lambda e: e.occurrence.start_utc)
    gone = sorted((e for e in found if not e.upcoming), key=lambda e: e.occurrence.start_utc,
                  reverse=True)
    return coming + gone


def profile_section(build: Build, member: Member) -> ProfileSection | None:
    found = build.once(_events_by_member).get(member.id)
    if not found:  # most members: nothing to sort
        return None
    # Kept from the last build (mkdocs serve) while the member's events are the very same
    # list (see _events_by_member) and the language is the same.
    return build.kept.value("events-section", member.id, (Identical(found), build.lang),
                            partial(_events_section, build.lang, found))


def _events_section(lang: Language, found: Sequence[ProfileEvent]) -> ProfileSection:
    return ProfileSection(lang.gettext("Events"), "community/profile/events.html",
                          {"items": _ordered(found), **_helpers(lang)}, order=30)


def next_events(build: Build, render: Callable[..., str], params: dict[str, str]) -> str:
    """Home-page block: the next few events (``<!-- community:next-events count=3 -->``)."""
    count = int_param(params, "count", 3)
    # Each event once: a weekly office hour is one entry with its next dates, so it does
    # not fill the block.
    items = listed(occurrences.upcoming(build))[:count]
    return render("community/blocks/next-events.html", items=items, **_helpers(build.lang))


# -- files ------------------------------------------------------------------------------------

def event_item(build: Build, event: Event) -> dict[str, Any]:
    """One event in ``/api/events.json``: what its page publishes, as data (under
    ``mkdocs serve``, kept from the last build while what it reads is the same)."""
    inputs = _event_inputs(build, event)
    return build.kept.value("event-item", event.id, inputs,
                            partial(_make_event_item, build, event, inputs))


def _make_event_item(build: Build, event: Event, inputs: tuple[Any, ...]) -> dict[str, Any]:
    settings = build.settings
    hosts, speakers = inputs[3], inputs[4]
    first = occurrences.first_occurrence(event)
    coming = occurrences.occurrences(event, build.now + occurrences.HORIZON, since=build.now)
    place = event.location

    def person(view: PersonView) -> dict[str, Any]:
        if view.member:
            return {"name": view.member.name, "member": view.member.id,
                    "page": member_url(view.member.id)}
        return {k: v for k, v in (("name", view.name), ("url", view.url),
                                  ("affiliation", view.affiliation)) if v}

    def stamp(occ: occurrences.Occurrence) -> dict[str, str]:
        if occ.all_day:
            return {"start": occ.start.date().isoformat(), "end": occ.last_day.isoformat()}
        return {"start": iso(occ.start), "end": iso(occ.end)}

    return {
        "id": event.id,
        "title": event.title,
        "summary": event.summary,
        "description": event.markdown_text or None,
        "kind": event.kind.value,
        "format": event.format_value or None,
        "website": event.website,
        "status": event.status.value,
        "status_note": event.status_note,
        "timezone": event.zone_name,
        "all_day": event.all_day,
        **stamp(first),
        "recurrence": {
            "rule": event.recurrence.rule,
            "exdates": [d.isoformat() for d in event.recurrence.exdates],
            "rdates": [d.isoformat() for d in event.recurrence.rdates],
            "text": recurrence_words.recurrence_in_words(event, build.lang),
        } if event.recurrence else None,
        "next_occurrences": [stamp(o) for o in coming[:SERIES_SHOWN]],
        "location": {
            "venue": place.venue, "address": place.address, "city": place.city,
            "country": place.country, "online_url": place.online_url, "notes": place.notes,
        } if place else None,
        "registration": {
            "url": event.registration.url, "capacity": event.registration.capacity,
            "closes": iso(c) if (c := registration_closes(event)) else None,
        } if event.registration else None,
        "hosts": [person(p) for p in hosts],
        "speakers": [person(p) for p in speakers],
        "topics": list(event.topics),
        "goals": list(event.goals),
        "group": event.group,
        "language": event.language,
        "recording": event.recording,
        "slides": event.slides,
        "feedback": event.feedback,
        "page": event_url(event.id),
        "ics": event_ics_path(event.id),
        "uid": ics.uid(event, settings),
    }


def _feed(build: Build) -> feeds.Feed:
    settings = build.settings
    lang = build.lang
    label = build.community.topics.label
    same = build.kept.same("settings", settings)
    entries = []
    seen: set[str] = set()
    for occ in occurrences.upcoming(build, include_cancelled=True):
        event = occ.event
        if event.id in seen:
            continue
        seen.add(event.id)
        # Kept from the last build (mkdocs serve) while the occurrence (and so the event),
        # the settings, 'now' and its topics' labels are the same.
        entries.append(build.kept.value(
            "feed-entry", event.id, (occ, same, build.now, tuple(map(label, event.topics))),
            partial(_feed_entry, build, occ)))
    return feeds.Feed(
        id=feeds.stable_id(settings.site_url, "events/", settings.name),
        title=lang.gettext("%(site)s: upcoming events") % {"site": settings.name},
        subtitle=lang.gettext("Meetups, workshops and socials coming up, soonest first."),
        updated=build.now,
        home_url=link_from(settings.site_url, FEED_PATH + ".xml", "events/"),
        entries=entries,
    )


def _feed_entry(build: Build, occ: occurrences.Occurrence) -> feeds.FeedEntry:
    """An upcoming event in the events feed, at its next occurrence ``occ``."""
    settings = build.settings
    lang = build.lang
    event = occ.event
    title = lang.gettext("%(title)s (%(when)s)") % {
        "title": event.title, "when": short_when(occ, lang=lang)}
    if event.status in ics.STATUS_PREFIX:
        title = lang.gettext(ics.STATUS_PREFIX[event.status]) % {"event": title}
    when = when_text(occ, lang) + ("" if occ.all_day else f" {zone_short(occ.start)}")
    recurrence = recurrence_words.recurrence_in_words(event, lang)
    lines = [f"{when}", event.place_in(lang)]
    if recurrence:
        lines.append(sentence(recurrence))
    summary = " · ".join(lines)
    body = build.texts.html(event.markdown_text) if event.markdown_text else ""
    return feeds.FeedEntry(
        id=ics.feed_id(event, settings),
        title=title,
        updated=build.now,
        url=link_from(settings.site_url, FEED_PATH + ".xml", event_url(event.id)),
        summary=(event.summary + " — " if event.summary else "") + summary,
        content_html=body,
        categories=(lang.gettext(event.kind_label), *(build.community.topics.label(t)
                                                      for t in event.topics)),
    )


def _vevent_bytes(event: Event, settings: Settings, stamp: dt.datetime,
                  label: Callable[[str], str], plain: Callable[..., str]) -> bytes:
    return ics.vevent(event, settings, stamp, label, plain).to_ical()


def assets(build: Build) -> Iterator[Asset]:
    settings = build.settings
    events = build.community.events
    label = build.community.topics.label
    # Each event serialised once for every calendar it is in, and under `mkdocs serve`
    # kept for the next rebuild: its bytes come from the event, the settings, the stamp
    # and its topics' labels (the description's plain text is the event's own).
    stamp = ics.dtstamp(build.now)
    parts = {event.id: build.kept.value(
        "vevent", event.id, (event, settings, stamp, tuple(map(label, event.topics))),
        partial(_vevent_bytes, event, settings, stamp, label, build.texts.plain))
        for event in events}
    # The zone years each event needs, once (kept like its VEVENT: from the event and now).
    years = {event.id: build.kept.value("zone-years", event.id, (event, build.now),
                                        partial(ics.event_years, event, build.now))
             for event in events if not event.all_day}
    for file in calendar_files(build):
        yield Asset(file.path, ics.calendar_ics(file.events, settings, build.now, file.title,
                                                     label, parts=parts, years=years,
                                                     plain=build.texts.plain), ICS_TYPE)
    same = build.kept.same("settings", settings)
    for event in events:
        # An event's own calendar is its VEVENT and zone years (the very same objects
        # while they are kept) between a head and a tail made from the event, the
        # settings and 'now': kept from the last build while those are the same.
        inputs = (event, parts[event.id], years.get(event.id), same, build.now)
        yield Asset(event_ics_path(event.id), build.kept.value(
            "event-ics", event.id, inputs, partial(
                ics.calendar_ics, [event], settings, build.now, event.title, label,
                parts=parts, years=years, plain=build.texts.plain)), ICS_TYPE)
    yield feeds.api_asset(build, "events", [event_item(build, e) for e in events])
    # Published with no entries too: the events page links to it from the first build.
    # Kept from the last build (mkdocs serve) while its entries are (see _feed).
    yield from feeds.kept_feed_assets(build, _feed(build), FEED_PATH,
                                      site_url=settings.site_url,
                                      title=build.lang.gettext("Upcoming events"))
