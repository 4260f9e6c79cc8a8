"""Calendar logic: occurrences in real time zones, recurrence, checks and iCalendar output.

Framework-free and pure: everything is a function of the records, the settings and
the build's "now". Times follow RFC 5545 to the letter so that what the site shows,
what ``/events/calendar.ics`` says and what a calendar application computes from it
agree to the minute:

- an event's times are local wall-clock times in its IANA zone; a repeating event
  repeats at the same local time, whatever daylight saving does in between;
- the rule is expanded in local time and each instance gets the offset in force on
  its day; a local time that does not exist or happens twice is refused when checked;
- all-day events are dates; their ``end`` is the last day (DTEND is the day after).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import heapq
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo, available_timezones

from babel.dates import get_timezone_location

from .i18n import N_, Language, language
from .records.common import MAX_YEAR, MIN_YEAR, file_name_date
from .records.event import Event, EventStatus, parse_rule, parse_until

if TYPE_CHECKING:
    from dateutil.rrule import rrule

    from .diagnostics import Diagnostics
    from .pages import Build
    from .records.common import Loc, Record
    from .settings import Settings
    from .sources import Locator

UTC = dt.UTC
HORIZON = dt.timedelta(days=365)  # how far ahead repeating events are listed
PAST_SPAN = dt.timedelta(days=3 * 366)  # how far back past sessions of a series are listed
MAX_OCCURRENCES = 5000  # a safety stop for any one expansion (windows hold far fewer)
CHECK_SPAN = dt.timedelta(days=3 * 366)  # how far ahead open-ended rules are checked
# No expansion goes past the last year a record may name, whatever the rule says: a
# rule without an end stops here instead of at the year 9999.
SERIES_END = dt.datetime(MAX_YEAR, 12, 31, 23, 59, 59)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


# -- time zones ----------------------------------------------------------------------

@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def localize(naive: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """An aware datetime for a wall-clock time, resolved as RFC 5545 says.

    A time in a gap takes the offset from before the gap, a repeated time its first
    instance; that is ``fold=0`` with zoneinfo.
    """
    return naive.replace(tzinfo=tz, fold=0)


def local_time_problem(naive: dt.datetime, tz: ZoneInfo) -> tuple[str, str] | None:
    """('nonexistent' | 'ambiguous', explanation) when a wall-clock time is not one instant."""
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    round_trip = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    when = f"{naive:%H:%M} on {naive.day} {naive:%B %Y}"
    if round_trip != naive:
        # The clocks jump over this time: before the gap and after it.
        before, after = sorted((first.utcoffset(), second.utcoffset()))
        return ("nonexistent",
                f"{when} does not exist in {tz.key}: the clocks go forward from "
                f"UTC{_offset(before)} to UTC{_offset(after)} and skip it")
    return ("ambiguous",
            f"{when} happens twice in {tz.key}: the clocks go back, so it is first "
            f"{first.tzname()} (UTC{_offset(first.utcoffset())}) and then "
            f"{second.tzname()} (UTC{_offset(second.utcoffset())})")


def _offset(delta: dt.timedelta | None) -> str:
    minutes = int((delta or dt.timedelta(0)).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def utc_offset(value: dt.datetime) -> str:
    """'UTC+05:30' for an aware datetime."""
    return "UTC" + _offset(value.utcoffset())


def offset_words(value: dt.datetime) -> str:
    """'UTC+1', 'UTC+5:30', 'UTC−3' (a minus sign), 'UTC' for an aware datetime."""
    delta = value.utcoffset() or dt.timedelta()
    minutes = int(delta.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else chr(0x2212)}{hours}" + (f":{rest:02d}" if rest else "")


# Zone names whose last part is not the place people name ("Etc/UTC" is "UTC").
_ZONE_LABELS = {"UTC": "UTC", "Etc/UTC": "UTC", "Etc/GMT": "UTC", "GMT": "UTC",
                "Etc/Universal": "UTC", "Universal": "UTC", "Zulu": "UTC", "Etc/Zulu": "UTC"}
_ZONE_NAME = re.compile(r"\b(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|"
                        r"Indian|Pacific|Etc)/[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)?")


def zone_label(name: str, lang: Language | None = None) -> str:
    """A time zone as people say it: 'Europe/Berlin' -> 'Berlin time', 'America/Argentina/
    Buenos_Aires' -> 'Buenos Aires time', 'Etc/GMT-1' -> 'UTC+1', 'UTC' -> 'UTC'; in another
    language the city as CLDR names it ('hora de Berlín')."""
    if name in _ZONE_LABELS:
        return _ZONE_LABELS[name]
    fixed = re.fullmatch(r"Etc/GMT([+-])(\d{1,2})", name)
    if fixed:  # POSIX sign: Etc/GMT-1 is an hour ahead of UTC
        return f"UTC{'+' if fixed.group(1) == '-' else chr(0x2212)}{int(fixed.group(2))}"
    city = name.rsplit("/", 1)[-1].replace("_", " ")
    if lang is None or lang.code == "en":
        return f"{city} time"
    with contextlib.suppress(LookupError, ValueError):
        city = get_timezone_location(name, locale=lang.locale, return_city=True) or city
    return lang.gettext("%(city)s time") % {"city": city}


def with_zone_labels(text: str, lang: Language | None = None) -> str:
    """``text`` with the IANA zone names in it said as people say them: 'Saturdays, 09:00
    Africa/Lagos' -> 'Saturdays, 09:00 Lagos time'. Only real zone names are changed."""
    return _ZONE_NAME.sub(
        lambda m: zone_label(m.group(), lang) if m.group() in _all_zones() else m.group(), text)


@lru_cache(maxsize=1)
def _all_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def zone_abbreviation(value: dt.datetime) -> str:
    """'CET', 'EDT', ... or '' where the zone has only a numeric name ('+03')."""
    name = value.tzname() or ""
    return name if name.isalpha() else ""


# -- occurrences ---------------------------------------------------------------------

@dataclass(frozen=True)
class Occurrence:
    """One time an event happens. ``start`` and ``end`` are aware, in the event's zone.

    For an all-day event they are midnights in that zone (``end`` is the midnight
    after the last day), and ``all_day`` is true.
    """

    event: Event
    start: dt.datetime
    end: dt.datetime
    all_day: bool = False

    @property
    def start_utc(self) -> dt.datetime:
        return self.start.astimezone(UTC)

    @property
    def end_utc(self) -> dt.datetime:
        return self.end.astimezone(UTC)

    @property
    def first_day(self) -> dt.date:
        return self.start.date()

    @property
    def last_day(self) -> dt.date:
        """The last calendar day the occurrence touches, in its zone."""
        if self.all_day or self.end.time() == dt.time(0):
            return max(self.start.date(), (self.end - dt.timedelta(days=1)).date())
        return self.end.date()

    @property
    def multi_day(self) -> bool:
        return self.last_day > self.first_day

    @property
    def key(self) -> str:
        """A stable anchor for this occurrence, e.g. '2026-03-10'."""
        return self.start.date().isoformat()

    def ended(self, now: dt.datetime) -> bool:
        return self.end <= now

    def happening(self, now: dt.datetime) -> bool:
        return self.start <= now < self.end


def wall_span(event: Event) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
    """The first occurrence as written: (start, end) as naive local values.

    For all-day events both are dates and ``end`` is exclusive (the day after the
    last day); for timed events both are naive datetimes.
    """
    start = event.start
    if event.all_day:
        assert not isinstance(start, dt.datetime)
        if event.duration is not None:
            days = max(1, event.duration.days + (1 if event.duration.seconds else 0))
            return start, start + dt.timedelta(days=days)
        last = event.end if event.end is not None else start
        last = last.date() if isinstance(last, dt.datetime) else last
        return start, max(start, last) + dt.timedelta(days=1)
    assert isinstance(start, dt.datetime)
    if event.duration is not None:
        return start, start + event.duration
    end = event.end
    if isinstance(end, dt.datetime):
        return start, end
    if isinstance(end, dt.date):  # a timed start with a date end: the end of that day
        return start, dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0))
    return start, start + dt.timedelta(hours=1)


def _naive_start(event: Event) -> dt.datetime:
    start = event.start
    return start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time(0))


def until_local(event: Event) -> dt.datetime | None:
    """The rule's UNTIL as a naive local datetime (inclusive), or None."""
    if event.recurrence is None or "UNTIL" not in event.recurrence.parts:
        return None
    value, in_utc = parse_until(event.recurrence.parts["UNTIL"])
    if event.all_day:
        return dt.datetime.combine(value if not isinstance(value, dt.datetime)
                                   else value.date(), dt.time(0))
    if isinstance(value, dt.datetime):
        if in_utc:
            return value.replace(tzinfo=UTC).astimezone(zone(event.zone_name)) \
                .replace(tzinfo=None)
        return value
    return dt.datetime.combine(value, dt.time(23, 59, 59))


def until_utc(event: Event) -> dt.datetime | None:
    local = until_local(event)
    return None if local is None else localize(local, zone(event.zone_name)).astimezone(UTC)


@lru_cache(maxsize=512)
def _rule_for(rule: str, start: dt.datetime, until: dt.datetime | None) -> rrule:
    from dateutil.rrule import rrulestr

    parts = parse_rule(rule)
    body = ";".join(f"{k}={v}" for k, v in parts.items() if k != "UNTIL")
    parsed = rrulestr("RRULE:" + body, dtstart=start)
    if "COUNT" in parts:  # at most MAX_COUNT dates; callers stop at SERIES_END
        return parsed
    return parsed.replace(until=min(until, SERIES_END) if until is not None else SERIES_END)


def rule_of(event: Event) -> rrule | None:
    """The event's rule over naive local datetimes, without its exception dates."""
    if event.recurrence is None:
        return None
    return _rule_for(event.recurrence.effective_rule, _naive_start(event), until_local(event))


def _rebased(event: Event, at: dt.datetime) -> rrule:
    """The event's rule, started again at the beginning of the period that holds ``at``.

    It gives exactly the original dates from that period on, without expanding the years
    between the start and ``at`` one by one (a daily rule from 1900 is not walked for
    45,000 days to list next week). The new start is a whole number of INTERVALs after
    the original, so the periods line up; the defaults RFC 5545 takes from the start
    (its day of the month, its month) are written out. A rule with COUNT counts from
    its start and is never rebased; it has at most ``MAX_COUNT`` dates.
    """
    rule = rule_of(event)
    assert rule is not None and event.recurrence is not None
    parts = dict(event.recurrence.parts)
    start = _naive_start(event)
    if "COUNT" in parts or at <= start:
        return rule
    freq, step = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    if freq in ("DAILY", "WEEKLY"):
        days = step * (7 if freq == "WEEKLY" else 1)
        moved = start + dt.timedelta(days=(at.date() - start.date()).days // days * days)
    else:
        unit = 12 if freq == "YEARLY" else 1
        months = (at.year - start.year) * 12 + at.month - start.month
        months -= months % (step * unit)
        if months <= 0:
            return rule
        year, month = divmod(start.month - 1 + months, 12)
        moved = start.replace(year=start.year + year, month=month + 1 if unit == 1 else 1,
                              day=1)
        if "BYDAY" not in parts and "BYMONTHDAY" not in parts:
            parts["BYMONTHDAY"] = str(start.day)
            if freq == "YEARLY":
                parts.setdefault("BYMONTH", str(start.month))
    if moved <= start:
        return rule
    rebased = ";".join(f"{k}={v}" for k, v in parts.items() if k != "UNTIL")
    return _rule_for(rebased, moved, until_local(event))


def exdates_local(event: Event) -> list[dt.datetime]:
    """Exception dates as the naive local start times of the occurrences they remove."""
    if event.recurrence is None:
        return []
    start = _naive_start(event)
    result = []
    for value in event.recurrence.exdates:
        if isinstance(value, dt.datetime):
            result.append(value)
        else:
            result.append(dt.datetime.combine(value, start.time()))
    return result


def rdates_local(event: Event) -> list[dt.datetime]:
    """The extra dates (RDATE) as naive local start times, in order."""
    if event.recurrence is None:
        return []
    start = _naive_start(event)
    return sorted({value if isinstance(value, dt.datetime) else
                   dt.datetime.combine(value, start.time())
                   for value in event.recurrence.rdates})


def _local_window(event: Event, low: dt.datetime, high: dt.datetime) -> list[dt.datetime]:
    """The local start times from ``low`` to ``high`` (exception dates included), worked
    out from the period of ``low`` on, so it costs the window, not the years before."""
    found = []
    for i, value in enumerate(_rebased(event, low)):
        if i >= MAX_OCCURRENCES or value > min(high, SERIES_END):
            break
        if value >= low:
            found.append(value)
    extra = [v for v in rdates_local(event) if low <= v <= high]
    return sorted(set(found) | set(extra)) if extra else found


def _local_starts(event: Event, until: dt.datetime | None,
                  since: dt.datetime | None = None) -> Iterator[dt.datetime]:
    """Naive local start times of the occurrences from about ``since`` (local) up to
    ``until`` (local), in order; from the first one without ``since``."""
    rule = rule_of(event)
    if rule is None:
        yield _naive_start(event)
        return
    if since is not None:
        rule = _rebased(event, since)
    skipped = set(exdates_local(event))
    limit = min(until, SERIES_END) if until is not None else SERIES_END
    extra = [v for v in rdates_local(event) if since is None or v >= since]
    yielded = 0
    for value in heapq.merge(rule, extra):
        if yielded >= MAX_OCCURRENCES or value > limit:
            return
        if value in skipped:
            continue
        skipped.add(value)  # a date both the rule and RDATE give happens once
        yielded += 1
        yield value


def occurrences(event: Event, until: dt.datetime, since: dt.datetime | None = None
                ) -> list[Occurrence]:
    """Every occurrence that starts before ``until`` and ends after ``since`` (aware).

    A one-off event is returned whenever it overlaps the window, however far ahead;
    ``until`` bounds only how far a repeating event is expanded, and ``since`` where the
    expansion begins (so a long-running series costs only its window).
    """
    tz = zone(event.zone_name)
    first_start, first_end = wall_span(event)
    all_day = event.all_day
    span: dt.timedelta = first_end - first_start  # type: ignore[operator]
    local_until = until.astimezone(tz).replace(tzinfo=None) if event.recurring else None
    local_since = None
    if since is not None and event.recurring:
        # An occurrence that began up to its length (and a day, for offsets) before
        # `since` may still be under way.
        local_since = since.astimezone(tz).replace(tzinfo=None) - span - dt.timedelta(days=1)
    result = []
    for local in _local_starts(event, local_until, local_since):
        start = localize(local, tz)
        end = localize(local + span, tz)
        if since is not None and end <= since:
            continue
        if event.recurring and start >= until:
            break
        result.append(Occurrence(event, start, end, all_day))
    return result


def first_occurrence(event: Event) -> Occurrence:
    tz = zone(event.zone_name)
    start, end = wall_span(event)
    if event.all_day:
        start = dt.datetime.combine(start, dt.time(0))  # type: ignore[arg-type]
        end = dt.datetime.combine(end, dt.time(0))  # type: ignore[arg-type]
    return Occurrence(event, localize(start, tz), localize(end, tz),  # type: ignore[arg-type]
                      event.all_day)


def last_occurrence(event: Event) -> Occurrence | None:
    """The final occurrence of a bounded series (or the event itself); None if open-ended."""
    rule = rule_of(event)
    if rule is None:
        return first_occurrence(event)
    if "COUNT" not in event.recurrence.parts and "UNTIL" not in event.recurrence.parts:
        return None
    end = dt.datetime(MAX_YEAR, 12, 31, tzinfo=UTC)
    if "COUNT" in event.recurrence.parts:
        found = occurrences(event, end)
        return found[-1] if found else None
    limit = until_utc(event)
    assert limit is not None
    # Look back from UNTIL, further each time, rather than expand the whole series.
    for back in (dt.timedelta(days=400), dt.timedelta(days=10 * 366), None):
        since = limit - back if back is not None else None
        found = occurrences(event, end, since=since)
        if found:
            return found[-1]
    return None


def next_occurrence(event: Event, now: dt.datetime) -> Occurrence | None:
    """The occurrence happening now or next, or None when the event is over."""
    if not event.recurring:
        occ = first_occurrence(event)
        return None if occ.ended(now) else occ
    found = _window(event, now)
    return found[0] if found else None


def _window(event: Event, now: dt.datetime, horizon: dt.timedelta = HORIZON) -> list[Occurrence]:
    return occurrences(event, now + horizon, since=now)


def _visible(event: Event, include_cancelled: bool) -> bool:
    return include_cancelled or event.status is EventStatus.SCHEDULED


def upcoming(
    build: Build, limit: int | None = None, *, events: Iterable[Event] | None = None,
    include_cancelled: bool = False, horizon: dt.timedelta = HORIZON,
) -> list[Occurrence]:
    """Occurrences that have not ended by ``build.now``, soonest first.

    Repeating events are expanded up to ``horizon`` ahead, each occurrence once.
    Cancelled and postponed events are left out unless ``include_cancelled``.
    ``events`` narrows the search (e.g. to one group's events).
    """
    pool = build.community.all("events") if events is None else events
    found = [occ for event in pool if _visible(event, include_cancelled)
             for occ in occurrences(event, build.now + horizon, since=build.now)]
    found.sort(key=lambda o: (o.start_utc, o.end_utc, o.event.id))
    return found[:limit] if limit is not None else found


def past(build: Build, *, events: Iterable[Event] | None = None) -> list[Occurrence]:
    """Occurrences that ended by ``build.now``, most recent first (cancelled ones too).

    A series lists its sessions of the last ``PAST_SPAN`` only; a one-off event is
    listed however long ago it was.
    """
    pool = build.community.all("events") if events is None else events
    since = build.now - PAST_SPAN
    found = [occ for event in pool
             for occ in occurrences(event, build.now, since=since if event.recurring else None)
             if occ.ended(build.now)]
    found.sort(key=lambda o: (o.start_utc, o.event.id), reverse=True)
    return found


# -- recurrence in words ---------------------------------------------------------------
#
# Each pattern is one whole phrase in the catalogs ("every other %(days)s", "on the
# %(nth)s of %(every)s"), so each language words and orders it its own way; day and month
# names and lists ("Monday and Wednesday") come from CLDR. Checks and the CLI call these
# without a language: English.

# "first Tuesday" and "last Tuesday" are whole phrases too: ordinals agree with the day.
_NTH_DAY = {
    1: N_("first %(day)s"), 2: N_("second %(day)s"), 3: N_("third %(day)s"),
    4: N_("fourth %(day)s"), 5: N_("fifth %(day)s"), -1: N_("last %(day)s"),
    -2: N_("second-to-last %(day)s"),
}


def _join(words: Sequence[str]) -> str:
    return language().list(words)


def _ordinal_day(n: int, lang: Language) -> str:
    """'15th', 'last day': a day of the month. English ordinals are given to the catalog as
    %(ordinal)s; other languages write %(number)s their own way ('día 15', '15.')."""
    if n == -1:
        return lang.gettext("last day")
    if n == -2:
        return lang.gettext("second-to-last day")
    if n < 0:
        return lang.gettext("day %(number)s from the end") % {"number": -n}
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return lang.pgettext("day of the month", "%(ordinal)s") % {"ordinal": f"{n}{suffix}",
                                                              "number": n}


def _byday(value: str) -> list[tuple[int | None, str]]:
    result = []
    for item in value.split(","):
        code = item[-2:]
        number = item[:-2]
        result.append((int(number) if number not in ("", "+") else None, code))
    return result


def _every_months(interval: int, lang: Language) -> str:
    if interval == 1:
        return lang.gettext("every month")
    if interval == 2:
        return lang.gettext("every other month")
    return lang.ngettext("every %(num)s month", "every %(num)s months", interval) % {
        "num": interval}


def rule_in_words(event: Event, lang: Language | None = None) -> str:
    """'every Tuesday', 'on the first Thursday of every month', ... without the end."""
    assert event.recurrence is not None
    lang = lang or language()
    _ = lang.gettext
    if event.recurrence.rule is None:
        count = len(rdates_local(event)) + 1
        return lang.ngettext("in %(num)s session", "in %(num)s sessions", count) % {
            "num": count}
    day_names = dict(zip(_WEEKDAYS, lang.weekday_names(), strict=True))
    parts = event.recurrence.parts
    start = _naive_start(event)
    freq = parts["FREQ"]
    interval = int(parts.get("INTERVAL", "1"))
    simple = set(parts) <= {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY",
                            "WKST", "BYSETPOS", "BYMONTH"}
    byday = _byday(parts["BYDAY"]) if "BYDAY" in parts else []
    if freq == "DAILY" and simple and not byday and "BYMONTHDAY" not in parts:
        return _("every day") if interval == 1 else \
            lang.ngettext("every %(num)s day", "every %(num)s days", interval) % {"num": interval}
    if freq == "DAILY" and simple and byday and all(n is None for n, _n in byday):
        days = [d for _n, d in byday]
        if sorted(days, key=_WEEKDAYS.index) == list(_WEEKDAYS[:5]):
            return _("every weekday")
    if freq == "WEEKLY" and simple and all(n is None for n, _n in byday) and \
            "BYMONTHDAY" not in parts and "BYSETPOS" not in parts and "BYMONTH" not in parts:
        codes = [d for _n, d in byday] or [_WEEKDAYS[start.weekday()]]
        names = lang.list([day_names[c] for c in sorted(codes, key=_WEEKDAYS.index)])
        if interval == 1:
            return _("every %(days)s") % {"days": names}
        if interval == 2:
            return _("every other %(days)s") % {"days": names}
        return lang.ngettext("every %(num)s week on %(days)s", "every %(num)s weeks on %(days)s",
                             interval) % {"num": interval, "days": names}
    if freq == "MONTHLY" and simple and "BYMONTH" not in parts:
        every = _every_months(interval, lang)
        if byday and "BYMONTHDAY" not in parts:
            setpos = parts.get("BYSETPOS")
            number = (setpos or "").lstrip("-")
            if setpos and all(n is None for n, _n in byday) and len(byday) == 1 and \
                    number.isascii() and number.isdigit() and int(setpos) in _NTH_DAY:
                nth = _(_NTH_DAY[int(setpos)]) % {"day": day_names[byday[0][1]]}
                return _("on the %(nth)s of %(every)s") % {"nth": nth, "every": every}
            if not setpos and all(n in _NTH_DAY for n, _n in byday):
                words = [_(_NTH_DAY[n]) % {"day": day_names[d]} for n, d in byday if n]
                return _("on the %(nth)s of %(every)s") % {"nth": lang.list(words),
                                                           "every": every}
        if not byday and "BYSETPOS" not in parts:
            days = [int(d) for d in parts.get("BYMONTHDAY", str(start.day)).split(",")]
            return _("on the %(nth)s of %(every)s") % {
                "nth": lang.list([_ordinal_day(d, lang) for d in days]), "every": every}
    if freq == "YEARLY" and set(parts) <= {"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST"}:
        day = lang.day_month(start.date())
        if interval == 1:
            return _("every year on %(day)s") % {"day": day}
        return lang.ngettext("every %(num)s year on %(day)s", "every %(num)s years on %(day)s",
                             interval) % {"num": interval, "day": day}
    return _("repeats by the rule %(rule)s") % {"rule": event.recurrence.effective_rule}


def recurrence_in_words(event: Event, lang: Language | None = None) -> str:
    """'every Tuesday until 30 June 2026, except 14 April' (empty for one-off events)."""
    if event.recurrence is None:
        return ""
    lang = lang or language()
    parts = event.recurrence.parts
    text = rule_in_words(event, lang)
    end_year = None
    if event.recurrence.rule is None:
        last = last_occurrence(event)
        if last:
            text = lang.gettext("%(rule)s, the last on %(day)s") % {
                "rule": text, "day": lang.day_month(last.start.date(), year=True)}
    elif "COUNT" in parts:
        count = int(parts["COUNT"])
        text = lang.ngettext("%(rule)s, %(num)s time", "%(rule)s, %(num)s times", count) % {
            "rule": text, "num": count}
        last = last_occurrence(event)
        end_year = last.start.year if last else None
    elif "UNTIL" in parts:
        until = until_local(event)
        assert until is not None
        text = lang.gettext("%(rule)s until %(day)s") % {
            "rule": text, "day": lang.day_month(until.date(), True)}
        end_year = until.year
    start_year = _naive_start(event).year
    skipped = sorted({d.date() for d in exdates_local(event)})
    if skipped:
        same_year = all(d.year == start_year and (end_year in (None, start_year)) for d in skipped)
        text = lang.gettext("%(rule)s, except %(days)s") % {
            "rule": text, "days": lang.list([lang.day_month(d, not same_year) for d in skipped])}
    return text


# -- checks ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    loc: Loc
    code: str
    message: str
    hint: str = ""


def _describe_day(value: dt.datetime | dt.date) -> str:
    day = value.date() if isinstance(value, dt.datetime) else value
    text = f"{day:%A} {day.day} {day:%B %Y}"
    if isinstance(value, dt.datetime):
        text += f" {value:%H:%M}"
    return text


def event_problems(event: Event, settings: Settings) -> list[Problem]:
    """What is wrong with an event beyond its single fields, each at its field."""
    problems: list[Problem] = []
    add = problems.append
    tz = zone(event.zone_name)
    start, end = event.start, event.end
    timed = isinstance(start, dt.datetime)

    if event.body.strip() and event.description:
        add(Problem(("description",), "description-twice",
                    "the description is given both here and below the front matter",
                    "keep one: the Markdown after the closing '---' is the usual place"))
    if end is not None and event.duration is not None:
        add(Problem(("duration",), "end-and-duration", "give either 'end' or 'duration', "
                    "not both", "remove one of them"))
    if timed and end is None and event.duration is None:
        add(Problem(("start",), "missing-end", "a timed event needs an 'end' or a 'duration'",
                    "add e.g. 'end: " + f"{start + dt.timedelta(hours=1):%Y-%m-%d %H:%M}'"
                    " or 'duration: 1h' (or set the site's 'default_duration')"))
    if end is not None:
        if not timed and isinstance(end, dt.datetime):
            add(Problem(("end",), "end-type", "start is a date (all day) but end has a time",
                        f"write 'end: {end.date().isoformat()}' (the last day), or give start "
                        "a time too"))
        elif timed and not isinstance(end, dt.datetime) and end < start.date():
            add(Problem(("end",), "end-before-start",
                        f"the event ends ({end.isoformat()}) before it starts "
                        f"({_describe_day(start)})", "check the dates"))
        elif isinstance(end, dt.datetime) and timed and end <= start:
            what = "at the moment it starts" if end == start else "before it starts"
            add(Problem(("end",), "end-before-start",
                        f"the event ends {what}: end {_describe_day(end)} is not after start "
                        f"{_describe_day(start)}",
                        "for an event that runs past midnight, give the end's date too"))
        elif not timed and not isinstance(end, dt.datetime) and end < start:
            add(Problem(("end",), "end-before-start",
                        f"the last day ({end.isoformat()}) is before the first "
                        f"({start.isoformat()})", "for an all-day event, 'end' is its last day"))
    if not timed and event.duration is not None and event.duration.seconds:
        add(Problem(("duration",), "duration-days", "an all-day event lasts whole days",
                    "write e.g. 'duration: 3d', or give start a time"))

    # Local times that are not exactly one instant (daylight-saving gaps and overlaps).
    for loc, value in (("start",), start), (("end",), end):
        if isinstance(value, dt.datetime):
            _add_dst(problems, loc, value, tz, "")
    if timed and event.duration is not None:
        naive_end = start + event.duration
        _add_dst(problems, ("duration",), naive_end, tz, "the end: ")
    if event.registration and isinstance(event.registration.deadline, dt.datetime):
        _add_dst(problems, ("registration", "deadline"), event.registration.deadline, tz, "")

    if event.registration and event.registration.deadline is not None:
        deadline = event.registration.deadline
        if isinstance(deadline, dt.datetime):
            late = deadline > _naive_start(event)
        else:
            late = deadline > (start.date() if timed else start)
        if late:
            add(Problem(("registration", "deadline"), "deadline-after-start",
                        f"registration closes ({_describe_day(deadline)}) after the event "
                        f"starts ({_describe_day(start)})",
                        "set the deadline on or before the start"))

    if event.recurrence is not None:
        problems.extend(_recurrence_problems(event, settings, tz))

    if event.format_value in ("in-person", "hybrid") and not (
            event.location and (event.location.venue or event.location.city)):
        add(Problem(("location",) if event.location else ("format",), "missing-venue",
                    f"an {event.format_value} event needs a place",
                    "add 'location:' with at least 'venue:' or 'city:'"))
    if event.status is EventStatus.SCHEDULED and event.status_note:
        add(Problem(("status_note",), "status-note",
                    "'status_note' explains a cancellation or postponement",
                    "set 'status: cancelled' or 'status: postponed', or remove the note"))
    return problems


def _add_dst(problems: list[Problem], loc: Loc, value: dt.datetime, tz: ZoneInfo,
             what: str) -> None:
    found = local_time_problem(value, tz)
    if found is None:
        return
    kind, explanation = found
    if kind == "nonexistent":
        after = localize(value, tz).astimezone(UTC).astimezone(tz)
        hint = f"move it out of the skipped hour, e.g. to {after:%H:%M}"
    else:
        hint = "move it out of the repeated hour so the time means one moment"
    problems.append(Problem(loc, f"{kind}-local-time", what + explanation, hint))


def _listed_dates(event: Event, field: str, code: str, words: str, problems: list[Problem]
                  ) -> Iterator[tuple[Loc, dt.date | dt.datetime, dt.datetime]]:
    """(location, value, naive local start) of each date in ``recurrence.<field>``; a
    date-time in an all-day event is a problem instead."""
    assert event.recurrence is not None
    start = _naive_start(event)
    for i, value in enumerate(getattr(event.recurrence, field)):
        loc = ("recurrence", field, i)
        if event.all_day and isinstance(value, dt.datetime):
            problems.append(Problem(loc, code, f"an all-day event's {words} dates are dates",
                                    f"write {value.date().isoformat()}"))
            continue
        yield loc, value, (value if isinstance(value, dt.datetime) else
                           dt.datetime.combine(value, start.time()))


def _recurrence_problems(event: Event, settings: Settings, tz: ZoneInfo) -> list[Problem]:
    problems: list[Problem] = []
    add = problems.append
    assert event.recurrence is not None
    parts = event.recurrence.parts
    rule = rule_of(event)
    assert rule is not None
    start = _naive_start(event)
    if "COUNT" not in parts and "UNTIL" not in parts and settings.require_recurrence_end:
        add(Problem(("recurrence", "rule"), "recurrence-end",
                    "the recurrence has neither UNTIL nor COUNT, and this site requires "
                    "repeating events to end",
                    "add e.g. ';UNTIL=" + f"{start.year}1231" + "' (the last day) or "
                    "';COUNT=10' to the rule"))
    if "UNTIL" in parts:
        value, in_utc = parse_until(parts["UNTIL"])
        if event.all_day and isinstance(value, dt.datetime):
            add(Problem(("recurrence", "rule"), "rrule-until",
                        "an all-day event's UNTIL is a date",
                        f"write UNTIL={value:%Y%m%d}"))
        until = until_local(event)
        if until is not None and until < start:
            add(Problem(("recurrence", "rule"), "rrule-until",
                        f"the recurrence ends ({until:%d %B %Y}) before the event starts "
                        f"({_describe_day(event.start)})", "check UNTIL"))
            return problems
        if isinstance(value, dt.datetime) and not in_utc and not event.all_day:
            _add_dst(problems, ("recurrence", "rule"), value, tz, "UNTIL: ")
    first = next(iter(rule), None)
    if first is None:
        add(Problem(("recurrence", "rule"), "rrule-empty", "the recurrence rule produces no dates",
                    "check BYDAY, BYMONTHDAY and BYMONTH against each other"))
        return problems
    if first != start:
        shown = (start, first) if not event.all_day else (start.date(), first.date())
        add(Problem(("start",), "start-not-on-rule",
                    f"the start ({_describe_day(shown[0])}) is not one of the dates the rule "
                    f"gives ({rule_in_words(event)})",
                    f"start on the first occurrence, {_describe_day(shown[1])}, "
                    "or change the rule"))
    if "COUNT" in parts:
        dates = [v for _, v in zip(range(int(parts["COUNT"])), _local_starts(event, None),
                                   strict=False)]
        if len(dates) + len(exdates_local(event)) < int(parts["COUNT"]):
            add(Problem(("recurrence", "rule"), "date-range",
                        f"the {parts['COUNT']} dates of the series run past the year {MAX_YEAR}",
                        "lower COUNT, or give an UNTIL within the years events are limited to"))
    horizon = start + CHECK_SPAN
    occurrences_seen = []
    for i, value in enumerate(rule):
        if i >= MAX_OCCURRENCES or value > horizon:
            break
        occurrences_seen.append(value)
    for loc, value, local in _listed_dates(event, "rdates", "rdate", "extra", problems):
        if local <= start:
            add(Problem(loc, "rdate", f"extra date {_describe_day(value)} is not after the "
                        f"start ({_describe_day(event.start)})",
                        "list only later sessions; the start is the first"))
        elif not event.all_day:
            _add_dst(problems, loc, local, tz, "")
    for loc, value, local in _listed_dates(event, "exdates", "exdate", "exception", problems):
        week = dt.timedelta(days=7)
        around = _local_window(event, local - week, local + week)
        if local in around:
            continue
        near = [d if not event.all_day else d.date() for d in around]
        hint = ("the nearest occurrences are " + _join([_describe_day(d) for d in near[:2]])
                if near else "exception dates must be dates the rule produces")
        add(Problem(loc, "exdate-not-on-rule",
                    f"exception date {_describe_day(value)} is not an occurrence "
                    f"({rule_in_words(event)})", hint))
    if not event.all_day:
        skipped = set(exdates_local(event))
        for value in occurrences_seen[1:]:
            found = local_time_problem(value, tz)
            if found and value not in skipped:
                kind, explanation = found
                add(Problem(("recurrence", "rule"), f"{kind}-local-time",
                            f"the occurrence at {explanation}",
                            f"add {value.date().isoformat()} to 'exdates', or move the event "
                            "out of the hour the clocks change"))
                break
    return problems


def check_event(record: Record, doc: Locator, settings: Settings,
                diagnostics: Diagnostics) -> None:
    """The ``RecordCheck`` for events: each problem at the line of its field."""
    assert isinstance(record, Event)
    if file_name_date(record.id[:10]) is None:
        diagnostics.error(doc.path, 0, 0, "bad-id",
                          f"file name '{record.id}' does not start with a real date "
                          f"from {MIN_YEAR} to {MAX_YEAR}",
                          "name the file YYYY-MM-DD-slug after the event's (first) date")
    for problem in event_problems(record, settings):
        line, col = doc.locate(problem.loc)
        field_name = ".".join(str(p) for p in problem.loc)
        diagnostics.error(doc.path, line, col, problem.code, f"{field_name}: {problem.message}",
                          problem.hint)


# -- iCalendar ------------------------------------------------------------------------

def uid(event: Event, settings: Settings) -> str:
    """A UID that stays the same across builds for as long as the file keeps its name."""
    host = urlsplit(settings.site_url).hostname if settings.site_url else ""
    if not host:
        host = hashlib.sha1(settings.name.encode()).hexdigest()[:12] + ".community.invalid"
    return f"{event.id}@{host}"


def feed_id(event: Event, settings: Settings) -> str:
    """A stable ``urn:uuid:`` for feeds, derived from the calendar UID."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, uid(event, settings)))


def absolute_url(settings: Settings, path: str) -> str:
    return settings.site_url.rstrip("/") + "/" + path if settings.site_url else ""


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


def _ics_text(event: Event, settings: Settings, plain: Callable[..., str] | None = None
              ) -> str:
    """The description calendars show, in the site's language."""
    from .safety import plain_text

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
    page = absolute_url(settings, f"events/{event.id}/")
    if page:
        lines.append(_("Details: %(url)s") % {"url": page})
    return "\n\n".join(lines)


def location_text(event: Event, lang: Language | None = None) -> str:
    """'Venue, Address, City, Country', 'Online' or both, for calendars and links."""
    from .records.member import country_name

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


def _summary(event: Event, settings: Settings) -> str:
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
    component.add("summary", _summary(event, settings))
    description = _ics_text(event, settings, plain)
    if description:
        component.add("description", description)
    where = location_text(event, language(settings.language))
    if where:
        component.add("location", where)
    page = absolute_url(settings, f"events/{event.id}/")
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


def _zone_spans(events: Sequence[Event], now: dt.datetime
                ) -> dict[str, tuple[tuple[dt.date, dt.date], ...]]:
    """Per zone, the spans of whole years a calendar's VTIMEZONE must cover.

    Each timed event needs the year(s) of its first occurrence (its DTSTART); a series
    also needs the years it is listed in, from ``PAST_SPAN`` before the build to
    ``HORIZON`` after it (as calendar applications expand repeating events near
    today). So a series ending in 2200 or an event in 1900 adds a few years, not
    centuries of daylight-saving changes to every subscriber's download. Spans less than
    ``SPAN_GAP`` years apart are joined, so a series that began a few years ago is
    covered from its first session on.
    """
    years: dict[str, set[int]] = {}
    for event in events:
        if event.all_day:
            continue
        first = first_occurrence(event)
        wanted = years.setdefault(event.zone_name, set())
        wanted.update(range(first.start.year, first.end.year + 1))
        if event.recurring:
            low = max(first.start, now - PAST_SPAN)
            last = last_occurrence(event)
            high = min(last.end if last else now + HORIZON, now + HORIZON)
            if low <= high:
                wanted.update(range(low.year, high.year + 1))
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
) -> bytes:
    """An iCalendar file of ``events``: one VEVENT each, rules kept, zones included.

    ``parts`` (event id -> serialised VEVENT), shared by the calls that make one build's
    calendars, serialises each event once however many calendars it is in; the file is
    byte for byte the same (a component's lines do not depend on the file around it).
    """
    from icalendar import Calendar

    chosen = sorted(events, key=lambda e: e.id)
    calendar = Calendar()
    calendar.add("prodid", "-//mkdocs-community//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.timezone)
    if description:
        calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    stamp = now.astimezone(UTC).replace(second=0, microsecond=0)
    # RFC 5545 wants at least one component: a calendar with no events yet holds the
    # site's time zone (this year's rules), and stays valid for every reader.
    spans = _zone_spans(chosen, now) if chosen else {settings.timezone: (
        (dt.date(now.year, 1, 1), dt.date(now.year, 12, 31)),)}
    if parts is not None:
        end = b"END:VCALENDAR\r\n"
        head = calendar.to_ical()
        assert head.endswith(end)
        zones = [_vtimezone_ical(zone_name, zone_spans)
                 for zone_name, zone_spans in spans.items()]
        for event in chosen:
            if event.id not in parts:
                parts[event.id] = vevent(event, settings, stamp, topic_label, plain).to_ical()
        return b"".join([head[:-len(end)], *zones, *(parts[e.id] for e in chosen), end])
    for zone_name, zone_spans in spans.items():
        calendar.add_component(vtimezone(zone_name, *zone_spans[0], more=zone_spans[1:]))
    for event in chosen:
        calendar.add_component(vevent(event, settings, stamp, topic_label, plain))
    return calendar.to_ical()


@lru_cache(maxsize=1024)
def _vtimezone_ical(name: str, spans: tuple[tuple[dt.date, dt.date], ...]) -> bytes:
    return vtimezone(name, *spans[0], more=spans[1:]).to_ical()


# -- web calendar links --------------------------------------------------------------

def _utc_stamp(value: dt.datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def google_calendar_url(occurrence: Occurrence, settings: Settings, series: bool = True,
                        plain: Callable[..., str] | None = None) -> str:
    """A Google Calendar 'create event' link; for a series it carries the rule.
    ``plain``: the build's ``texts.plain`` (the description rendered once)."""
    event = occurrence.event
    if occurrence.all_day:
        dates = f"{occurrence.start:%Y%m%d}/{occurrence.end:%Y%m%d}"
    else:
        dates = f"{_utc_stamp(occurrence.start)}/{_utc_stamp(occurrence.end)}"
    params = {"action": "TEMPLATE", "text": _summary(event, settings), "dates": dates,
              "ctz": event.zone_name, "details": _ics_text(event, settings, plain)[:1500],
              "location": location_text(event, language(settings.language))}
    if series and event.recurrence is not None:
        first = first_occurrence(event)
        params["dates"] = (f"{first.start:%Y%m%d}/{first.end:%Y%m%d}" if first.all_day else
                           f"{_utc_stamp(first.start)}/{_utc_stamp(first.end)}")
        parts = dict(event.recurrence.parts)
        if "UNTIL" in parts:
            limit = until_utc(event)
            assert limit is not None
            parts["UNTIL"] = limit.strftime("%Y%m%d") if event.all_day else \
                limit.strftime("%Y%m%dT%H%M%SZ")
        params["recur"] = "RRULE:" + ";".join(f"{k}={v}" for k, v in parts.items())
    return "https://calendar.google.com/calendar/render?" + urlencode(
        {k: v for k, v in params.items() if v})


def outlook_calendar_url(occurrence: Occurrence, settings: Settings,
                         host: str = "outlook.live.com",
                         plain: Callable[..., str] | None = None) -> str:
    """An Outlook on the web 'new event' link for one occurrence (``plain`` as for
    :func:`google_calendar_url`)."""
    event = occurrence.event
    if occurrence.all_day:
        start, end = occurrence.start.date().isoformat(), occurrence.end.date().isoformat()
    else:
        start = occurrence.start_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
        end = occurrence.end_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    params = {"path": "/calendar/action/compose", "rru": "addevent",
              "subject": _summary(event, settings), "startdt": start, "enddt": end,
              "allday": "true" if occurrence.all_day else "false",
              "body": _ics_text(event, settings, plain)[:1500],
              "location": location_text(event, language(settings.language))}
    return f"https://{host}/calendar/0/action/compose?" + urlencode(
        {k: v for k, v in params.items() if v})
