"""Hints for a time zone written the way people say it ("GMT+1", "UTC-05:00", "PST").

A record's time zone must be an IANA name, because only those follow daylight saving
time. People write an offset or an abbreviation instead; this module turns what they
wrote into the zone names that mean it: a city zone for the offset or abbreviation, and
for a whole-hour offset the fixed ``Etc/GMT`` zone, whose sign is the opposite of the
usual one (POSIX), which is the trap worth explaining.
"""

from __future__ import annotations

import re

# Written offsets: "GMT+1", "UTC -5", "UTC+05:30", "+0100", "GMT−3" (a minus sign).
_OFFSET = re.compile(r"^(?:GMT|UTC|UT)?\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?$", re.I)

# One or two well-known city zones per standard offset (minutes east of UTC). A test
# checks each zone's standard offset against the time-zone database.
CITY_ZONES: dict[int, tuple[str, ...]] = {
    -600: ("Pacific/Honolulu",),
    -540: ("America/Anchorage",),
    -480: ("America/Los_Angeles", "America/Vancouver"),
    -420: ("America/Denver", "America/Phoenix"),
    -360: ("America/Chicago", "America/Mexico_City"),
    -300: ("America/New_York", "America/Bogota"),
    -240: ("America/Halifax", "America/Caracas"),
    -180: ("America/Sao_Paulo", "America/Argentina/Buenos_Aires"),
    -60: ("Atlantic/Azores", "Atlantic/Cape_Verde"),
    0: ("Europe/London", "Africa/Accra"),
    60: ("Europe/Berlin", "Africa/Lagos"),
    120: ("Europe/Athens", "Africa/Johannesburg"),
    180: ("Europe/Istanbul", "Africa/Nairobi"),
    210: ("Asia/Tehran",),
    240: ("Asia/Dubai",),
    270: ("Asia/Kabul",),
    300: ("Asia/Karachi", "Asia/Tashkent"),
    330: ("Asia/Kolkata", "Asia/Colombo"),
    345: ("Asia/Kathmandu",),
    360: ("Asia/Dhaka", "Asia/Bishkek"),
    390: ("Asia/Yangon",),
    420: ("Asia/Bangkok", "Asia/Jakarta"),
    480: ("Asia/Singapore", "Australia/Perth"),
    540: ("Asia/Tokyo", "Asia/Seoul"),
    570: ("Australia/Adelaide", "Australia/Darwin"),
    600: ("Australia/Sydney", "Australia/Brisbane"),
    660: ("Pacific/Noumea",),
    720: ("Pacific/Auckland", "Pacific/Fiji"),
    780: ("Pacific/Tongatapu",),
    840: ("Pacific/Kiritimati",),
}

# Abbreviations people write that are not zone names themselves (EST, CET and a few
# others are, and are accepted as written).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "PST": ("America/Los_Angeles",), "PDT": ("America/Los_Angeles",),
    "MDT": ("America/Denver",), "CST": ("America/Chicago",), "CDT": ("America/Chicago",),
    "EDT": ("America/New_York",), "AKST": ("America/Anchorage",),
    "BRT": ("America/Sao_Paulo",), "ART": ("America/Argentina/Buenos_Aires",),
    "BST": ("Europe/London",), "IST": ("Asia/Kolkata", "Europe/Dublin"),
    "CEST": ("Europe/Berlin",), "EEST": ("Europe/Athens",), "WEST": ("Europe/Lisbon",),
    "MSK": ("Europe/Moscow",), "WAT": ("Africa/Lagos",), "CAT": ("Africa/Maputo",),
    "EAT": ("Africa/Nairobi",), "SAST": ("Africa/Johannesburg",), "PKT": ("Asia/Karachi",),
    "SGT": ("Asia/Singapore",), "JST": ("Asia/Tokyo",), "KST": ("Asia/Seoul",),
    "AEST": ("Australia/Sydney",), "AEDT": ("Australia/Sydney",),
    "ACST": ("Australia/Adelaide",), "AWST": ("Australia/Perth",),
    "NZST": ("Pacific/Auckland",), "NZDT": ("Pacific/Auckland",),
}


def _quoted(zones: tuple[str, ...]) -> str:
    return " or ".join(f"'{z}'" for z in zones)


def _offset_words(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def offset_minutes(written: str) -> int | None:
    """Minutes east of UTC that ``written`` states ("GMT+1" -> 60), or None."""
    match = _OFFSET.match(written.strip())
    if not match:
        return None
    sign, hours, minutes = match.groups()
    total = int(hours) * 60 + int(minutes or 0)
    if total > 14 * 60 or int(minutes or 0) >= 60:
        return None
    return -total if sign in "-\u2212" else total


def zone_hint(written: str) -> str:
    """What to write instead of ``written``, when it is an offset or an abbreviation;
    otherwise ""."""
    cities = ABBREVIATIONS.get(written.strip().upper())
    if cities:
        return (f"write the zone of a city instead of an abbreviation, e.g. {_quoted(cities)} "
                "(a city's zone switches to and from daylight saving time by itself)")
    minutes = offset_minutes(written)
    if minutes is None:
        return ""
    offset = _offset_words(minutes)
    cities = CITY_ZONES.get(minutes, ())
    city = (f"write the zone of a city near you, e.g. {_quoted(cities)} for {offset} (a "
            "city's zone also keeps its daylight saving time, if it has one)") if cities else \
        "write the zone of a city near you, e.g. 'Europe/Berlin'"
    if minutes % 60 or not -12 * 60 <= minutes <= 14 * 60:
        return city
    hours = minutes // 60
    if hours == 0:
        return f"{city}; or 'UTC' for UTC all year"
    fixed = f"Etc/GMT{-hours:+d}"
    return (f"{city}; or, for a fixed {offset} all year, '{fixed}' (these names reverse "
            f"the sign: '{fixed}' is {offset})")


__all__ = ["ABBREVIATIONS", "CITY_ZONES", "offset_minutes", "zone_hint"]
