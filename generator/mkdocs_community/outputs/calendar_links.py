"""'Add to calendar' links for web calendars (Google, Outlook) from an occurrence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from mkdocs_community.core.i18n import language
from mkdocs_community.core.occurrences import Occurrence, first_occurrence, until_utc
from mkdocs_community.core.timezones import UTC
from mkdocs_community.outputs.ics import ics_description, ics_summary, location_text

if TYPE_CHECKING:
    from mkdocs_community.core.settings import Settings


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
    params = {"action": "TEMPLATE", "text": ics_summary(event, settings), "dates": dates,
              "ctz": event.zone_name, "details": ics_description(event, settings, plain)[:1500],
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
              "subject": ics_summary(event, settings), "startdt": start, "enddt": end,
              "allday": "true" if occurrence.all_day else "false",
              "body": ics_description(event, settings, plain)[:1500],
              "location": location_text(event, language(settings.language))}
    return f"https://{host}/calendar/0/action/compose?" + urlencode(
        {k: v for k, v in params.items() if v})
