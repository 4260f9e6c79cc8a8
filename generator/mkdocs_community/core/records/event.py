"""An event: ``events/<yyyy-mm-dd>-<slug>.md`` (front matter + description) or ``.yml``.

Times are written as the author thinks of them: local wall-clock times in the
event's own time zone (``start: 2026-03-10 18:00`` with ``timezone: Europe/Berlin``).
A date alone makes an all-day event; the ``end`` of an all-day event is its last day.
A repeating event carries an RFC 5545 rule (``FREQ=WEEKLY;BYDAY=TU;COUNT=10``) and
optional exception dates.

This module checks each field on its own. Checks that combine fields (end after
start, local times that fall into a daylight-saving gap, exception dates that are
not on the rule, ...) live in ``event_checks.event_problems`` so that each problem is
reported at the exact line of the field it is about.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    Field,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from mkdocs_community.core.diagnostics import did_you_mean
from mkdocs_community.core.i18n import N_, Language, language
from mkdocs_community.core.records.common import (
    MAX_YEAR,
    MIN_YEAR,
    HttpsUrl,
    Loc,
    Part,
    Record,
    RecordId,
    TimeZone,
    Topics,
    _fail,
    in_window,
    markdown,
    text,
)
from mkdocs_community.core.records.member import Country, LanguageTag, country_name

EVENT_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
EVENT_ID_HINT = ("name the file after the event's date and a short slug, "
                 "e.g. '2026-03-10-python-office-hours.md'")


class EventKind(StrEnum):
    WORKSHOP = "workshop"
    MEETUP = "meetup"
    WEBINAR = "webinar"
    TALK = "talk"
    PANEL = "panel"
    CONFERENCE = "conference"
    SOCIAL = "social"
    OFFICE_HOURS = "office-hours"
    STUDY_SESSION = "study-session"
    HACKATHON = "hackathon"
    AMA = "ama"
    SHOWCASE = "showcase"
    OTHER = "other"


# English labels, marked for the catalogs; pages show them through Language.gettext.
KIND_LABELS = {
    "workshop": N_("Workshop"), "meetup": N_("Meetup"), "webinar": N_("Webinar"),
    "talk": N_("Talk"), "panel": N_("Panel"), "conference": N_("Conference"),
    "social": N_("Social"), "office-hours": N_("Office hours"),
    "study-session": N_("Study session"), "hackathon": N_("Hackathon"),
    "ama": N_("Ask me anything"), "showcase": N_("Showcase"), "other": N_("Event"),
}


class EventFormat(StrEnum):
    ONLINE = "online"
    IN_PERSON = "in-person"
    HYBRID = "hybrid"


FORMAT_LABELS = {"online": N_("Online"), "in-person": N_("In person"), "hybrid": N_("Hybrid")}
STATUS_LABELS = {"scheduled": N_("Scheduled"), "cancelled": N_("Cancelled"),
                 "postponed": N_("Postponed")}


class EventStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


# -- local dates and times ---------------------------------------------------------

_LOCAL = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?)?"
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})?$", re.ASCII)


def _local_when(value: Any) -> dt.date | dt.datetime:
    """A date (all day) or a naive local date-time; the zone comes from ``timezone``."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise _offset_error(str(value))
        in_window(value.date(), str(value))
        return value.replace(second=0, microsecond=0) if value.microsecond else value
    if isinstance(value, dt.date):
        in_window(value, str(value))
        return value
    written = str(value).strip()
    match = _LOCAL.match(written)
    if not match:
        raise _fail("datetime", "'{value}' is not a date or a date and time",
                    "write 2026-03-10 for an all-day event or 2026-03-10 18:30 for a time "
                    "(24-hour clock, local time in the event's time zone)", value=written)
    if match.group("offset"):
        raise _offset_error(written)
    try:
        day = dt.date.fromisoformat(match.group("date"))
    except ValueError:
        raise _fail("datetime", "'{value}' is not a valid date", "check the month and day exist",
                    value=written) from None
    in_window(day, written)
    if match.group("h") is None:
        return day
    hour, minute, second = int(match.group("h")), int(match.group("m")), int(match.group("s") or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _fail("datetime", "'{value}' is not a valid time of day",
                    "use the 24-hour clock, 00:00 to 23:59", value=written)
    return dt.datetime.combine(day, dt.time(hour, minute, second))


def _offset_error(written: str) -> Exception:
    return _fail("datetime-offset", "'{value}' carries a UTC offset",
                 "write the local time without an offset and set 'timezone' to the event's "
                 "IANA zone; the site works out the offset, including daylight saving time",
                 value=written)


LocalWhen = Annotated[
    dt.date | dt.datetime, PlainValidator(_local_when),
    WithJsonSchema({"type": "string",
                    "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2})?)?$",
                    "examples": ["2026-03-10 18:30", "2026-06-12"]}),
]

_DURATION_ISO = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?)?$",
    re.I | re.ASCII)
# Possessive (\s*+, \d++): the blanks between parts can be read only one way, so a
# long run of them is refused in linear time (it took seconds before).
_DURATION_SHORT = re.compile(
    r"^(?:(?P<d>\d++)\s*+d(?:ays?)?)?\s*+(?:(?P<h>\d++)\s*+h(?:ours?|rs?)?)?\s*+"
    r"(?:(?P<m>\d++)\s*+m(?:in(?:utes?|s)?)?)?$", re.I | re.ASCII)


def _duration(value: Any) -> dt.timedelta:
    if isinstance(value, dt.timedelta):
        return value
    written = str(value).strip()
    match = _DURATION_ISO.match(written) or _DURATION_SHORT.match(written)
    if written and match and any(match.groupdict().values()):
        parts = {k: int(v or 0) for k, v in match.groupdict().items()}
        delta = dt.timedelta(weeks=parts.get("w", 0), days=parts["d"], hours=parts["h"],
                             minutes=parts["m"])
        if delta > dt.timedelta(0):
            if delta > dt.timedelta(days=31):
                raise _fail("duration", "duration '{value}' is longer than 31 days",
                            "split a long programme into separate events", value=written)
            return delta
    raise _fail("duration", "'{value}' is not a duration",
                "write e.g. 90m, 1h30m, 2h or 3d (or ISO 8601: PT1H30M)", value=written)


def parse_duration(written: str) -> dt.timedelta | None:
    """A duration as events write it ('90m', '1h30m', 'PT2H'), or None if it is not one."""
    try:
        return _duration(written)
    except PydanticCustomError:
        return None


Duration = Annotated[dt.timedelta, PlainValidator(_duration),
                     WithJsonSchema({"type": "string", "examples": ["1h30m", "90m", "2d"]})]


# -- recurrence --------------------------------------------------------------------

_RULE_PARTS = ("FREQ", "UNTIL", "COUNT", "INTERVAL", "BYMONTH", "BYMONTHDAY", "BYDAY",
               "BYSETPOS", "WKST")
_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_UNTIL = re.compile(r"^(\d{8})(?:T(\d{6})(Z)?)?$", re.ASCII)
MAX_COUNT = 520


@lru_cache(maxsize=1024)
def parse_rule(rule: str) -> dict[str, str]:
    """The parts of a normalised rule, e.g. {'FREQ': 'WEEKLY', 'BYDAY': 'TU'}."""
    return dict(part.split("=", 1) for part in rule.split(";"))


def parse_until(value: str) -> tuple[dt.date | dt.datetime, bool]:
    """UNTIL as a date or naive date-time, and whether it was given in UTC ('Z')."""
    match = _UNTIL.match(value)
    assert match, value  # checked by _rule
    day = dt.datetime.strptime(match.group(1), "%Y%m%d").date()
    if not match.group(2):
        return day, False
    time = dt.datetime.strptime(match.group(2), "%H%M%S").time()
    return dt.datetime.combine(day, time), bool(match.group(3))


_RFC_NOT_WITH = {  # RFC 5545, 3.3.10: rule parts that do not go with a frequency
    "BYMONTHDAY": ("WEEKLY",),
}
_WEEKDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$", re.ASCII)
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _numbers(parts: dict[str, str], key: str, low: int, high: int) -> list[int]:
    """The comma-separated whole numbers of a rule part, each within ±low..high."""
    values = []
    for item in parts[key].split(","):
        number = item.lstrip("+-")
        if not (number.isascii() and number.isdigit() and low <= int(number) <= high):
            raise _fail("rrule", "{key}={value} must list numbers from {low} to {high}",
                        "e.g. {key}={low}", key=key, value=parts[key], low=low, high=high)
        values.append(-int(number) if item.startswith("-") else int(number))
    return values


def _check_shape(parts: dict[str, str]) -> None:
    """Refuse rules that never (or only in centuries) give a date.

    A rule that gives no date makes every expansion search to the year 9999 (seconds
    to minutes per event, whatever UNTIL says). Each refusal names the part to change.
    """
    freq = parts["FREQ"]
    for key, freqs in _RFC_NOT_WITH.items():
        if key in parts and freq in freqs:
            raise _fail("rrule", "{key} does not go with FREQ={freq}",
                        "use FREQ=MONTHLY for days of the month", key=key, freq=freq)
    weekdays = []
    for item in parts.get("BYDAY", "").split(",") if "BYDAY" in parts else []:
        match = _WEEKDAY.match(item)
        if not match:
            raise _fail("rrule", "BYDAY={value} is not a list of weekdays",
                        "write e.g. BYDAY=MO,WE or BYDAY=1TU (the first Tuesday)",
                        value=parts["BYDAY"])
        ordinal = int(match.group(1)) if match.group(1) else None
        if ordinal is not None and (freq not in ("MONTHLY", "YEARLY") or ordinal == 0 or
                                    abs(ordinal) > (5 if freq == "MONTHLY" or "BYMONTH" in parts
                                                    else 53)):
            raise _fail("rrule", "BYDAY={value}: '{item}' is not a weekday this rule can have",
                        "numbered weekdays (1MO = the first Monday, -1FR = the last Friday) "
                        "go with FREQ=MONTHLY (1 to 5) or FREQ=YEARLY", value=parts["BYDAY"],
                        item=item)
        weekdays.append(ordinal)
    months = _numbers(parts, "BYMONTH", 1, 12) if "BYMONTH" in parts else list(range(1, 13))
    if freq == "DAILY" and ("BYMONTHDAY" in parts or "BYSETPOS" in parts):
        raise _fail("rrule", "FREQ=DAILY does not take BYMONTHDAY or BYSETPOS",
                    "for days of the month use FREQ=MONTHLY, e.g. FREQ=MONTHLY;BYMONTHDAY=15")
    if freq == "DAILY" and parts.get("INTERVAL", "1") != "1" and (
            "BYDAY" in parts or "BYMONTH" in parts):
        raise _fail("rrule", "FREQ=DAILY with an INTERVAL takes no BYDAY or BYMONTH",
                    "for some weekdays every other week use FREQ=WEEKLY;INTERVAL=2;BYDAY=...")
    if freq == "WEEKLY" and "BYSETPOS" in parts:
        raise _fail("rrule", "FREQ=WEEKLY does not take BYSETPOS",
                    "list the weekdays in BYDAY, or use FREQ=MONTHLY with BYSETPOS")
    if "BYMONTHDAY" in parts:
        days = _numbers(parts, "BYMONTHDAY", 1, 31)
        if not any(abs(d) <= _MONTH_DAYS[m - 1] for d in days for m in months):
            raise _fail("rrule", "BYMONTHDAY={days} never falls in BYMONTH={months}",
                        "check the days against the length of the months",
                        days=parts["BYMONTHDAY"], months=parts.get("BYMONTH", ""))
        if any(w is not None for w in weekdays):
            raise _fail("rrule", "BYMONTHDAY does not go with numbered weekdays in BYDAY",
                        "use plain weekdays (BYDAY=FR;BYMONTHDAY=13), or BYDAY alone")
    if "BYSETPOS" in parts:
        # An upper bound on the days one period (a month, a year) can hold.
        if not weekdays and "BYMONTHDAY" not in parts:
            per_month = 1  # the start's day of the month
        else:
            per_month = 31
            if "BYMONTHDAY" in parts:
                per_month = min(per_month, len(parts["BYMONTHDAY"].split(",")))
            if weekdays:
                per_month = min(per_month, sum(1 if w is not None else 5 for w in weekdays))
        most = per_month if freq == "MONTHLY" else min(366, per_month * len(months))
        _numbers(parts, "BYSETPOS", 1, most)


def _rule(value: Any) -> str:
    """Normalise and check an RRULE: known parts only, valid values, no sub-daily repeats."""
    written = " ".join(str(value).split())
    body = re.sub(r"^RRULE:", "", written.strip(), flags=re.I).strip().rstrip(";")
    if not body:
        raise _fail("rrule", "the recurrence rule is empty",
                    "write e.g. FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630")
    parts: dict[str, str] = {}
    for piece in body.split(";"):
        key, sep, val = piece.partition("=")
        key, val = key.strip().upper(), val.strip().upper()
        if not sep or not key or not val:
            raise _fail("rrule", "'{piece}' in the recurrence rule is not NAME=VALUE",
                        "separate parts with ';', e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=10",
                        piece=piece.strip())
        if key in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            raise _fail("rrule", "{key} is not supported: an event repeats at its start time",
                        "for a second time of day, add a second event", key=key)
        if key in ("BYWEEKNO", "BYYEARDAY"):
            raise _fail("rrule", "{key} is not supported",
                        "repeat by weekday or day of the month (BYDAY, BYMONTHDAY), as "
                        "calendar apps offer", key=key)
        if key not in _RULE_PARTS:
            raise _fail("rrule", "unknown recurrence rule part '{key}'",
                        did_you_mean(key, _RULE_PARTS) or
                        "allowed: " + ", ".join(_RULE_PARTS), key=key)
        if key in parts:
            raise _fail("rrule", "{key} appears twice in the recurrence rule", "keep one", key=key)
        parts[key] = val
    if "FREQ" not in parts:
        raise _fail("rrule", "the recurrence rule has no FREQ",
                    "start it with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY")
    if parts["FREQ"] not in _FREQS:
        raise _fail("rrule", "FREQ={freq} is not supported",
                    "use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY", freq=parts["FREQ"])
    if "COUNT" in parts and "UNTIL" in parts:
        raise _fail("rrule", "the recurrence rule has both COUNT and UNTIL",
                    "RFC 5545 allows one or the other; keep the one you mean")
    count = parts.get("COUNT", "1")
    if not (count.isascii() and count.isdigit() and 1 <= int(count) <= MAX_COUNT):
        raise _fail("rrule", "COUNT={count} must be a number from 1 to {max}",
                    "COUNT is how many times the event happens in all", count=parts["COUNT"],
                    max=MAX_COUNT)
    interval = parts.get("INTERVAL", "1")
    if not (interval.isascii() and interval.isdigit() and 1 <= int(interval) <= 366):
        raise _fail("rrule", "INTERVAL={interval} must be a whole number from 1",
                    "INTERVAL=2 with FREQ=WEEKLY means every other week",
                    interval=parts["INTERVAL"])
    if "UNTIL" in parts:
        match = _UNTIL.match(parts["UNTIL"])
        valid = bool(match)
        if match:
            try:
                parse_until(parts["UNTIL"])
            except ValueError:
                valid = False
        if not valid:
            raise _fail("rrule", "UNTIL={until} is not an RFC 5545 date",
                        "write the last day as UNTIL=20260630 (YYYYMMDD, no dashes)",
                        until=parts["UNTIL"])
        until_day = parse_until(parts["UNTIL"])[0]
        if not MIN_YEAR <= until_day.year <= MAX_YEAR - 1:
            raise _fail("date-range", "UNTIL={until} is outside the years {low} to {high}",
                        "end the series within the years events are limited to",
                        until=parts["UNTIL"], low=MIN_YEAR, high=MAX_YEAR - 1)
    _check_shape(parts)
    normalised = ";".join(f"{k}={v}" for k, v in parts.items())
    # dateutil knows every value's grammar (BYDAY=1MO, BYSETPOS=-1, WKST=SU, ...).
    from dateutil.rrule import rrulestr

    probe = ";".join(f"{k}={v}" for k, v in parts.items() if k != "UNTIL")
    try:
        rrulestr("RRULE:" + probe, dtstart=dt.datetime(2000, 1, 1))
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise _fail("rrule", "the recurrence rule is malformed: {problem}",
                    "check each part against RFC 5545, e.g. BYDAY=MO,WE or BYDAY=1TU "
                    "(the first Tuesday)", problem=str(exc) or type(exc).__name__) from None
    return normalised


Rule = Annotated[str, AfterValidator(_rule),
                 Field(max_length=300, json_schema_extra={"examples": [
                     "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630", "FREQ=MONTHLY;BYDAY=1TH;COUNT=6"]})]


# What a series of extra dates alone (``rdates`` without a rule) repeats by: its start.
ONLY_START = "FREQ=DAILY;COUNT=1"


class Recurrence(Part):
    """How an event repeats: an RFC 5545 rule, extra dates (RDATE) and the dates it skips.

    ``rdates`` alone make a multi-session event: the start, then each extra date, each
    lasting as long as the first session.
    """

    rule: Rule | None = None
    rdates: list[LocalWhen] = Field(
        [], max_length=200,
        description="Further dates (or local date-times) the event happens on, beyond the "
                    "rule: the later sessions of a multi-session event")
    exdates: list[LocalWhen] = Field(
        [], max_length=200,
        description="Occurrences that do not happen: dates, or local date-times")

    @model_validator(mode="after")
    def _something(self) -> Recurrence:
        if self.rule is None and not self.rdates:
            raise _fail("rrule", "the recurrence has neither a rule nor rdates",
                        "write e.g. 'rule: FREQ=WEEKLY;BYDAY=TU;COUNT=10', or list the "
                        "sessions' dates under 'rdates'")
        return self

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        # "recurrence: FREQ=WEEKLY;BYDAY=TU" is short for "recurrence: {rule: ...}".
        return {"rule": data} if isinstance(data, str) else data

    @property
    def effective_rule(self) -> str:
        return self.rule or ONLY_START

    @property
    def parts(self) -> dict[str, str]:
        return parse_rule(self.effective_rule)


# -- people, places, registration ------------------------------------------------------

class Person(Part):
    """A host or speaker: a member id, or a guest given by name."""

    member: RecordId | None = None
    name: text(100) | None = None
    url: HttpsUrl | None = None
    affiliation: text(250) | None = None

    @model_validator(mode="before")
    @classmethod
    def _member_shorthand(cls, data: Any) -> Any:
        # A plain string in a list of hosts is a member id.
        return {"member": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _one_of(self) -> Person:
        if (self.member is None) == (self.name is None):
            raise _fail("person", "give either a member id or a guest's name",
                        "write a member id (e.g. 'ada-lovelace') for members, or "
                        "'{{name: Ada Lovelace, url: https://...}}' for a guest")
        if self.member and (self.url or self.affiliation):
            raise _fail("person", "'url' and 'affiliation' are for guests only",
                        "a member's profile already has their links")
        return self


class Place(Part):
    """Where an in-person event happens; ``online_url`` is the join link."""

    venue: text(150) | None = None
    address: text(200) | None = None
    city: text(80) | None = None
    country: Country | None = None
    online_url: HttpsUrl | None = None
    notes: text(300) | None = None


class Registration(Part):
    url: HttpsUrl | None = None
    deadline: LocalWhen | None = None
    capacity: int | None = Field(None, ge=1, le=100_000)
    required: bool = True


# -- the event -------------------------------------------------------------------------

class Event(Record):
    """A community event: a meetup, workshop, webinar, conference, social, ..."""

    title: text(150)
    start: LocalWhen
    end: LocalWhen | None = None
    duration: Duration | None = None
    timezone: TimeZone | None = Field(
        None, description="IANA time zone of start and end; defaults to the site's")
    kind: EventKind = EventKind.MEETUP
    format: EventFormat | None = Field(
        None, description="online, in-person or hybrid; unknown when left out")
    summary: text(300) | None = None
    website: HttpsUrl | None = Field(None, description="The event's own web page")
    description: markdown(20_000) | None = None
    location: Place | None = None
    registration: Registration | None = None
    hosts: list[Person] = Field([], max_length=20)
    speakers: list[Person] = Field([], max_length=50)
    topics: Topics = []
    goals: list[RecordId] = Field([], max_length=20)
    group: RecordId | None = None
    language: LanguageTag | None = None
    recurrence: Recurrence | None = None
    status: EventStatus = EventStatus.SCHEDULED
    status_note: text(300) | None = None
    recording: HttpsUrl | None = None
    slides: HttpsUrl | None = None
    feedback: HttpsUrl | None = None
    body: SkipJsonSchema[str] = ""

    @model_validator(mode="before")
    @classmethod
    def _site_timezone(cls, data: Any, info: ValidationInfo) -> Any:
        # Times are in the site's zone unless the event names its own.
        settings = (info.context or {}).get("settings")
        if not isinstance(data, dict) or settings is None:
            return data
        if data.get("timezone") is None:
            data = {**data, "timezone": settings.timezone}
        default = getattr(settings, "default_duration", None)
        if default is not None and data.get("end") is None and data.get("duration") is None:
            # A timed event without an end lasts the site's default duration.
            try:
                timed = isinstance(_local_when(data.get("start")), dt.datetime)
            except (PydanticCustomError, TypeError):
                timed = False  # the start itself is reported by its own field
            if timed:
                data = {**data, "duration": default}
        return data

    def references(self) -> Iterator[tuple[Loc, str, str]]:
        for field_name in ("hosts", "speakers"):
            for i, person in enumerate(getattr(self, field_name)):
                if person.member:
                    yield (field_name, i), "member", person.member
        for i, goal in enumerate(self.goals):
            yield ("goals", i), "goal", goal
        if self.group:
            yield ("group",), "group", self.group

    @property
    def zone_name(self) -> str:
        return self.timezone or "UTC"

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def recurring(self) -> bool:
        return self.recurrence is not None

    @property
    def markdown_text(self) -> str:
        """The Markdown description: the file's body, or the ``description`` field."""
        return self.body.strip() or (self.description or "").strip()

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind.value, self.kind.value)

    @property
    def format_label(self) -> str:
        return FORMAT_LABELS.get(self.format.value, self.format.value) if self.format else ""

    @property
    def format_value(self) -> str:
        """'online', 'in-person', 'hybrid', or '' when the event does not say."""
        return self.format.value if self.format else ""

    @property
    def place(self) -> str:
        """'Venue, City, Country', 'Online', or both for a hybrid event."""
        return self.place_in(language())

    def place_in(self, lang: Language) -> str:
        """:attr:`place` in ``lang``."""
        where = ""
        if self.location and self.format is not EventFormat.ONLINE:
            country = country_name(self.location.country, lang.code) \
                if self.location.country else None
            where = ", ".join(p for p in (self.location.venue, self.location.city, country) if p)
        if self.format is EventFormat.ONLINE:
            return lang.gettext("Online")
        if self.format is EventFormat.HYBRID:
            return lang.gettext("%(place)s and online") % {"place": where} if where \
                else lang.gettext("Online")
        if self.format is None and not where and self.location and self.location.online_url:
            return lang.gettext("Online")
        return where

    @property
    def member_ids(self) -> tuple[str, ...]:
        """Every member who hosts or speaks, hosts first, each once."""
        people = [*self.hosts, *self.speakers]
        return tuple(dict.fromkeys(p.member for p in people if p.member))

