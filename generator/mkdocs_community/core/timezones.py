"""Time zones as the site uses them: IANA zones, local times that do not exist or happen
twice, offsets, and zones named as people say them ("Berlin time").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, available_timezones

from babel.dates import get_timezone_location

from mkdocs_community.core.i18n import Language

if TYPE_CHECKING:
    pass


UTC = dt.UTC


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
