"""Small queries the content sections share: people by id, upcoming events, event links.

Events and their calendar belong to the events section (``calendar.py``); these
helpers reach them lazily so resources, groups and goals work with or without it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mkdocs_community.core.build import Build
from mkdocs_community.core.community import Community
from mkdocs_community.core.records.member import Member


def public_people(community: Community, ids: Iterable[str]) -> tuple[list[Member], int]:
    """The listed members among ``ids`` (in order, each once) and how many others there are.

    Unlisted people are never named: pages show them, at most, as "and 2 others".
    """
    listed: list[Member] = []
    hidden = 0
    for member_id in dict.fromkeys(ids):
        member = community.public_member(member_id)
        if member is None:
            hidden += 1
        else:
            listed.append(member)
    return listed, hidden


def event_url(event_id: str) -> str:
    """The page of an event (the events section's URL scheme: ``/events/<id>/``)."""
    return f"events/{event_id}/"


def events(community: Community) -> tuple[Any, ...]:
    """Every event record, or none while the events kind is not installed."""
    return community.all("events")


def upcoming(build: Build, limit: int | None = None) -> list[Any]:
    """Upcoming occurrences (``.event``, ``.start``, ``.end``) from the events calendar.

    Empty when the calendar module is not there, so the sections that show a "next
    meeting" still build on a site without events.
    """
    try:
        from mkdocs_community.derive import schedule as calendar  # type: ignore[attr-defined]
    except ImportError:
        return []
    upcoming_fn = getattr(calendar, "upcoming", None)
    if upcoming_fn is None:
        return []
    return list(upcoming_fn(build, limit=limit))


def next_meeting(build: Build, group: Any) -> Any | None:
    """The group's next occurrence: of the event its ``meets`` names, or of any event
    that names the group in its ``group`` field."""
    by_event, by_group = build.once(_first_occurrences)
    found = [f for f in (by_event.get(group.meets_event), by_group.get(group.id)) if f]
    return min(found, key=lambda f: f[0])[1] if found else None


def _first_occurrences(build: Build) -> tuple[dict[str, tuple[int, Any]],
                                              dict[str, tuple[int, Any]]]:
    """The first upcoming occurrence (and its position) per event id and per group id.

    Every group asks for its next meeting: the calendar is expanded once per build, not
    once a group.
    """
    by_event: dict[str, tuple[int, Any]] = {}
    by_group: dict[str, tuple[int, Any]] = {}
    for position, occurrence in enumerate(upcoming(build)):
        event = occurrence.event
        by_event.setdefault(event.id, (position, occurrence))
        group_id = getattr(event, "group", None)
        if group_id:
            by_group.setdefault(group_id, (position, occurrence))
    return by_event, by_group
