"""Learning groups: ``/groups/`` (open ones first, with how to join) and a page per group.

A group's next meeting comes from the events calendar: the occurrence of the event
its ``meets`` names, or of any event that names the group.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mkdocs_community.core.build import Asset, Build, PageSpec
from mkdocs_community.core.collation import sort_key
from mkdocs_community.core.records.group import Group, GroupStatus
from mkdocs_community.core.records.member import Member
from mkdocs_community.core.urls import event_url, group_url
from mkdocs_community.derive.crosslinks import next_meeting, public_people
from mkdocs_community.outputs import feeds
from mkdocs_community.outputs.blocks import int_param
from mkdocs_community.sections.members import ProfileSection, member_url

STATUS_ORDER = {GroupStatus.OPEN: 0, GroupStatus.FULL: 1, GroupStatus.COMPLETED: 2}




def ordered(groups: tuple[Group, ...] | list[Group]) -> list[Group]:
    """Open groups first, then full, then completed; by name within each."""
    return sorted(groups, key=lambda g: (STATUS_ORDER[g.status], sort_key(g.name), g.id))


def _view(build: Build, group: Group) -> dict[str, Any]:
    """What a group's card and page show, with unlisted people left unnamed."""
    community = build.community
    facilitators, hidden_facilitators = public_people(community, group.facilitators)
    members, hidden_members = public_people(
        community, [m for m in group.members if m not in group.facilitators])
    event = community.get("events", group.meets_event) if group.meets_event else None
    return {
        "group": group,
        "facilitators": facilitators,
        "members": members,
        "others": hidden_facilitators + hidden_members,
        "size": len(group.everyone),
        "next": next_meeting(build, group),
        "event": event,
        "goals": [g for g in (community.get("goals", gid) for gid in group.goals) if g],
    }


def pages(build: Build) -> Iterator[PageSpec]:
    groups = ordered(build.community.groups)
    views = [_view(build, g) for g in groups]
    yield PageSpec(
        url="groups/",
        title=build.lang.gettext("Groups"),
        template="community/groups.html",
        context={"views": views, "group_url": group_url, "member_url": member_url,
                 "event_url": event_url,
                 "open_count": sum(1 for g in groups if g.is_open)},
        description=build.lang.gettext(
            "Learning circles, study groups and projects in %(name)s: open groups first, "
            "with how to join.") % {"name": build.settings.name},
        section="groups",
        hide=("navigation", "toc"),
    )
    for view in views:
        group: Group = view["group"]
        yield PageSpec(
            url=group_url(group.id),
            record=group,
            title=group.name,
            template="community/group.html",
            context={**view, "member_url": member_url, "event_url": event_url,
                     "ended": bool(group.ends and group.ends < build.now.date())},
            description=group.summary,
            source=group.source,
            section="groups",
            hide=("toc",),
        )


def assets(build: Build) -> Iterator[Asset]:
    items = [api_item(build, g) for g in ordered(build.community.groups)]
    yield feeds.api_asset(build, "groups", items)


def api_item(build: Build, group: Group) -> dict[str, Any]:
    community = build.community
    facilitators = public_people(community, group.facilitators)[0]
    members = public_people(community, group.members)[0]
    upcoming = next_meeting(build, group)
    return {
        "id": group.id,
        "name": group.name,
        "summary": group.summary,
        "kind": group.kind.value,
        "status": group.status.value,
        "facilitators": [m.id for m in facilitators],
        "members": [m.id for m in members],
        "size": len(group.everyone),
        "capacity": group.capacity,
        "topics": list(group.topics),
        "goals": list(group.goals),
        "meets": group.meets_text or None,
        "meets_event": group.meets_event,
        "next_meeting": feeds.rfc3339(upcoming.start) if upcoming else None,
        "join_url": group.join_url or None,
        "started": group.started,
        "ends": group.ends,
        "language": group.language,
        "page": group_url(group.id),
    }


def open_groups(build: Build, render: Any, params: dict[str, str]) -> str:
    """Home-page block: groups taking new members, with their next meeting."""
    groups = [g for g in ordered(build.community.groups) if g.is_open]
    views = [_view(build, g) for g in groups[: int_param(params, "count", 3)]]
    return render("community/blocks/open-groups.html", views=views, group_url=group_url,
                  member_url=member_url, total=len(groups))


def _by_member(build: Build) -> dict[str, tuple[list[Group], list[Group]]]:
    """Per member id: the groups they facilitate, and those they only belong to (in order)."""
    index: dict[str, tuple[list[Group], list[Group]]] = {}
    for group in ordered(build.community.groups):
        for member_id in dict.fromkeys(group.facilitators):
            index.setdefault(member_id, ([], []))[0].append(group)
        for member_id in dict.fromkeys(group.members):
            if member_id not in group.facilitators:
                index.setdefault(member_id, ([], []))[1].append(group)
    return index


def profile_section(build: Build, member: Member) -> ProfileSection | None:
    """'Groups': what a member facilitates and belongs to."""
    facilitates, belongs = build.once(_by_member).get(member.id, ([], []))
    if not facilitates and not belongs:
        return None
    return ProfileSection(build.lang.gettext("Groups"), "community/profile/groups.html",
                          {"facilitates": facilitates, "belongs": belongs,
                           "group_url": group_url}, order=45)
