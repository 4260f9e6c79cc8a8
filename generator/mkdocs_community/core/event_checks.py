"""Checks of event records beyond their model: times that do not exist or happen twice,
rules that never or too often occur, exceptions that match no occurrence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mkdocs_community.core.occurrences import (
    CHECK_SPAN,
    MAX_OCCURRENCES,
    exdates_local,
    local_starts,
    local_window,
    naive_start,
    rule_of,
    until_local,
)
from mkdocs_community.core.records.common import MAX_YEAR, MIN_YEAR, file_name_date
from mkdocs_community.core.records.event import Event, EventStatus, parse_until
from mkdocs_community.core.recurrence_words import join_words, rule_in_words
from mkdocs_community.core.timezones import UTC, local_time_problem, localize, zone

if TYPE_CHECKING:
    from mkdocs_community.core.diagnostics import Diagnostics
    from mkdocs_community.core.records.common import Loc, Record
    from mkdocs_community.core.settings import Settings
    from mkdocs_community.core.sources import Locator


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
            late = deadline > naive_start(event)
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
    start = naive_start(event)
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
    start = naive_start(event)
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
        dates = [v for _, v in zip(range(int(parts["COUNT"])), local_starts(event, None),
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
        around = local_window(event, local - week, local + week)
        if local in around:
            continue
        near = [d if not event.all_day else d.date() for d in around]
        hint = ("the nearest occurrences are " + join_words([_describe_day(d) for d in near[:2]])
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
