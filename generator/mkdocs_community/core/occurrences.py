"""When events happen: occurrences in real time zones, recurrence expanded over a window.

Times follow RFC 5545 to the letter, so that what the site shows, what the calendar feeds
say and what a calendar application computes from them agree to the minute:

- an event's times are local wall-clock times in its IANA zone; a repeating event
  repeats at the same local time, whatever daylight saving does in between;
- the rule is expanded in local time and each instance gets the offset in force on
  its day (a local time that does not exist or happens twice is refused by
  ``event_checks``);
- all-day events are dates; their ``end`` is the last day (DTEND is the day after).

Pure: a function of the records, the settings and the build's "now".
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from mkdocs_community.core.records.common import MAX_YEAR
from mkdocs_community.core.records.event import Event, EventStatus, parse_rule, parse_until
from mkdocs_community.core.timezones import UTC, localize, zone

if TYPE_CHECKING:
    from dateutil.rrule import rrule

    from mkdocs_community.core.build import Build


HORIZON = dt.timedelta(days=365)  # how far ahead repeating events are listed
PAST_SPAN = dt.timedelta(days=3 * 366)  # how far back past sessions of a series are listed
MAX_OCCURRENCES = 5000  # a safety stop for any one expansion (windows hold far fewer)
CHECK_SPAN = dt.timedelta(days=3 * 366)  # how far ahead open-ended rules are checked
# No expansion goes past the last year a record may name, whatever the rule says: a
# rule without an end stops here instead of at the year 9999.
SERIES_END = dt.datetime(MAX_YEAR, 12, 31, 23, 59, 59)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


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


def naive_start(event: Event) -> dt.datetime:
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
    return _rule_for(event.recurrence.effective_rule, naive_start(event), until_local(event))


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
    start = naive_start(event)
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
    start = naive_start(event)
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
    start = naive_start(event)
    return sorted({value if isinstance(value, dt.datetime) else
                   dt.datetime.combine(value, start.time())
                   for value in event.recurrence.rdates})


def local_window(event: Event, low: dt.datetime, high: dt.datetime) -> list[dt.datetime]:
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


def local_starts(event: Event, until: dt.datetime | None,
                  since: dt.datetime | None = None) -> Iterator[dt.datetime]:
    """Naive local start times of the occurrences from about ``since`` (local) up to
    ``until`` (local), in order; from the first one without ``since``."""
    rule = rule_of(event)
    if rule is None:
        yield naive_start(event)
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
    for local in local_starts(event, local_until, local_since):
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
    if events is None and horizon == HORIZON:
        # The whole calendar, which the events page, its feed, the home page and the
        # groups all show: expanded once per build, the visible ones picked from it.
        found = [occ for occ in build.once(_every_upcoming)
                 if _visible(occ.event, include_cancelled)]
    else:
        found = _upcoming(events, build.now, horizon, include_cancelled)
    return found[:limit] if limit is not None else found


def _every_upcoming(build: Build) -> list[Occurrence]:
    # Kept from the last build (mkdocs serve) while the events and 'now' are the same: a
    # member's edit does not expand every series again.
    events = build.community.events
    return build.kept.value("upcoming", "", (events, build.now),
                            partial(_upcoming, events, build.now, HORIZON, True))


def _upcoming(pool: Iterable[Event], now: dt.datetime, horizon: dt.timedelta,
              include_cancelled: bool) -> list[Occurrence]:
    found = [occ for event in pool if _visible(event, include_cancelled)
             for occ in occurrences(event, now + horizon, since=now)]
    found.sort(key=lambda o: (o.start_utc, o.end_utc, o.event.id))
    return found


def past(build: Build, *, events: Iterable[Event] | None = None) -> list[Occurrence]:
    """Occurrences that ended by ``build.now``, most recent first (cancelled ones too).

    A series lists its sessions of the last ``PAST_SPAN`` only; a one-off event is
    listed however long ago it was.
    """
    pool = build.community.events if events is None else events
    since = build.now - PAST_SPAN
    found = [occ for event in pool
             for occ in occurrences(event, build.now, since=since if event.recurring else None)
             if occ.ended(build.now)]
    found.sort(key=lambda o: (o.start_utc, o.event.id), reverse=True)
    return found
