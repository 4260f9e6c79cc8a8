"""The programme's goals: ``/goals/``, each with the events, resources and groups serving it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mkdocs_community.core.build import Asset, Build, PageSpec
from mkdocs_community.core.collation import sort_key
from mkdocs_community.core.records.goal import Goal
from mkdocs_community.core.records.group import Group
from mkdocs_community.core.records.resource import Resource
from mkdocs_community.core.urls import event_url, goal_url
from mkdocs_community.outputs import feeds
from mkdocs_community.sections.groups import group_url, ordered
from mkdocs_community.sections.resources import published as published_resources
from mkdocs_community.sections.resources import resource_url


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    events: tuple[Any, ...]  # event records, newest first
    resources: tuple[Resource, ...]
    groups: tuple[Group, ...]

    @property
    def total(self) -> int:
        return len(self.events) + len(self.resources) + len(self.groups)




def _event_key(event: Any) -> Any:
    return (str(getattr(event, "start", "")), event.id)


def goal_views(build: Build) -> list[GoalView]:
    community = build.community
    goals = sorted(community.goals, key=lambda g: (g.order, sort_key(g.title), g.id))
    all_events = community.events
    resources = published_resources(build)
    groups = ordered(community.groups)
    return [
        GoalView(
            goal,
            tuple(sorted((e for e in all_events if goal.id in (getattr(e, "goals", ()) or ())),
                         key=_event_key, reverse=True)),
            tuple(r for r in resources if goal.id in r.goals),
            tuple(g for g in groups if goal.id in g.goals),
        )
        for goal in goals
    ]


def pages(build: Build) -> Iterator[PageSpec]:
    views = goal_views(build)
    yield PageSpec(
        url="goals/",
        title=build.lang.gettext("Goals"),
        template="community/goals.html",
        context={"views": views, "event_url": event_url, "resource_url": resource_url,
                 "group_url": group_url},
        description=build.lang.gettext(
            "What %(name)s sets out to do, and the events, resources and groups working "
            "towards each goal.") % {"name": build.settings.name},
        section="goals",
    )


def assets(build: Build) -> Iterator[Asset]:
    items = [
        {
            "id": view.goal.id,
            "title": view.goal.title,
            "summary": view.goal.summary,
            "status": view.goal.status.value,
            "measures": list(view.goal.measures),
            "events": [e.id for e in view.events],
            "resources": [r.id for r in view.resources],
            "groups": [g.id for g in view.groups],
            "counts": {"events": len(view.events), "resources": len(view.resources),
                       "groups": len(view.groups)},
            "page": goal_url(view.goal.id),
        }
        for view in goal_views(build)
    ]
    yield feeds.api_asset(build, "goals", items)
