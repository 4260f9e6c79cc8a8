"""Small queries the content sections share: people by id, upcoming events, event links.

Resources, groups and goals show the events that concern them; the occurrences come from
``core.occurrences``, expanded once per build.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mkdocs_community.core.build import Build
from mkdocs_community.core.community import Community
from mkdocs_community.core.occurrences import Occurrence
from mkdocs_community.core.occurrences import upcoming as upcoming_occurrences
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


def upcoming(build: Build, limit: int | None = None) -> list[Occurrence]:
    """Upcoming occurrences of every event, soonest first."""
    return list(upcoming_occurrences(build, limit=limit))


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
