"""The resource library: ``/resources/``, a page per resource, feeds and ``/api/resources.json``.

Every resource gets a page, not only internal guides: it is where the contributor's
notes, the goals it serves and the credit live, and what feeds and profiles link to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from mkdocs_community.core.build import Asset, Build, PageSpec
from mkdocs_community.core.records.member import Member
from mkdocs_community.core.records.resource import LEVEL_LABELS, LEVEL_ORDER, TYPE_LABELS, Resource
from mkdocs_community.core.settings import today_in
from mkdocs_community.core.urls import absolute_url, link_from, resource_url
from mkdocs_community.outputs import feeds
from mkdocs_community.outputs.blocks import int_param
from mkdocs_community.sections.members import Facet, FacetOption, ProfileSection, member_url

FEED_PATH = "resources/feed"




def newest_first(resources: Iterable[Resource]) -> list[Resource]:
    return sorted(resources, key=lambda r: (r.added, r.id), reverse=True)


def published(build: Build) -> list[Resource]:
    """Resources added on or before the build's day, newest first (future dates wait)."""
    today = today_in(build.settings, build.now)
    return newest_first(r for r in build.community.resources if r.added <= today)


def facet_values(resource: Resource) -> dict[str, list[str]]:
    return {
        "type": [resource.type.value],
        "level": [resource.level.value] if resource.level else [],
        "topic": list(resource.topics),
        "free": ["yes"] if resource.free else [],
    }


def library_facets(build: Build, resources: Sequence[Resource]) -> list[Facet]:
    counts: dict[str, Counter[str]] = {}
    for resource in resources:
        for name, values in facet_values(resource).items():
            counts.setdefault(name, Counter()).update(values)

    def options(name: str, label: Any, key: Any) -> tuple[FacetOption, ...]:
        items = counts.get(name, Counter())
        return tuple(FacetOption(v, label(v), items[v]) for v in sorted(items, key=key))

    topics = build.community.topics
    topic_counts = counts.get("topic", Counter())
    _ = build.lang.gettext
    facets = [
        Facet("type", _("Type"), options("type", lambda v: _(TYPE_LABELS[v]),
                                         lambda v: _(TYPE_LABELS[v]).casefold()),
              any_label=_("Any type")),
        Facet("level", _("Level"), options("level", lambda v: _(LEVEL_LABELS[v]),
                                           LEVEL_ORDER.get),
              any_label=_("Any level")),
        Facet("topic", _("Topic"), options(
            "topic", topics.label, lambda v: (-topic_counts[v], topics.label(v).casefold())),
            any_label=_("Any topic")),
        Facet("free", _("Free only"), options("free", lambda _v: _("Free"), str),
              kind="toggle"),
    ]
    return [f for f in facets if f.options]


def contributor(build: Build, resource: Resource) -> Member | None:
    """Who to credit, if their profile is public (an unlisted contributor stays unnamed)."""
    return build.community.public_member(resource.contributed_by)


def pages(build: Build) -> Iterator[PageSpec]:
    resources = published(build)
    community = build.community
    yield PageSpec(
        url="resources/",
        title=build.lang.gettext("Resources"),
        template="community/resources.html",
        context={"resources": resources, "facets": library_facets(build, resources),
                 "facet_values": facet_values, "resource_url": resource_url,
                 "member_url": member_url,
                 "contributors": {r.id: contributor(build, r) for r in resources}},
        description=build.lang.gettext(
            "Guides, courses, tools and reading recommended by the members of %(name)s, "
            "filterable by type, level and topic.") % {"name": build.settings.name},
        section="resources",
        hide=("navigation", "toc"),
    )
    for resource in resources:
        goals = [g for g in (community.get("goals", gid) for gid in resource.goals) if g]
        yield PageSpec(
            url=resource_url(resource.id),
            record=resource,
            title=resource.title,
            template="community/resource.html",
            context={"resource": resource, "contributor": contributor(build, resource),
                     "goals": goals, "member_url": member_url},
            description=resource.summary,
            source=resource.source,
            section="resources",
            hide=("toc",) if not resource.is_guide else (),
        )


def _credit(build: Build, resource: Resource) -> tuple[feeds.Person, ...]:
    member = contributor(build, resource)
    if member is None:
        return ()
    return (feeds.Person(member.name, absolute_url(build.settings.site_url,
                                                         member_url(member.id))),)


def assets(build: Build) -> Iterator[Asset]:
    settings = build.settings
    resources = published(build)
    zone = ZoneInfo(settings.timezone)
    entries = []
    for resource in resources[:50]:
        link = link_from(settings.site_url, FEED_PATH, resource_url(resource.id))
        added = feeds.date_at(resource.added, zone)
        entries.append(feeds.FeedEntry(
            id=feeds.stable_id(settings.site_url, resource_url(resource.id), settings.name),
            title=resource.title,
            url=link,
            updated=added,
            published=added,
            summary=resource.summary,
            content_html=build.texts.html(resource.body) if resource.body else "",
            authors=_credit(build, resource),
            categories=(resource.type.value, *resource.topics),
            external_url=resource.url or "",
        ))
    yield from feeds.section_feed(
        build, "resources/", FEED_PATH,
        title=build.lang.gettext("%(site)s: new resources") % {"site": settings.name},
        subtitle=build.lang.gettext("Guides, courses and tools recommended by the members of "
                                    "%(site)s.") % {"site": settings.name},
        entries=entries)
    yield feeds.api_asset(build, "resources", [api_item(build, r) for r in resources])


def api_item(build: Build, resource: Resource) -> dict[str, Any]:
    member = contributor(build, resource)
    return {
        "id": resource.id,
        "title": resource.title,
        "summary": resource.summary,
        "type": resource.type.value,
        "level": resource.level.value if resource.level else None,
        "topics": list(resource.topics),
        "goals": list(resource.goals),
        "url": resource.url,
        "guide": resource.is_guide,
        "page": resource_url(resource.id),
        "author": resource.author,
        "language": resource.language,
        "free": resource.free,
        "added": resource.added,
        "contributed_by": member.id if member else None,
    }


def newest_resources(build: Build, render: Any, params: dict[str, str]) -> str:
    """Home-page block: the latest additions to the library."""
    resources = published(build)[: int_param(params, "count", 4)]
    return render("community/blocks/newest-resources.html", resources=resources,
                  resource_url=resource_url, member_url=member_url,
                  contributors={r.id: contributor(build, r) for r in resources})


def _by_contributor(build: Build) -> dict[str, list[Resource]]:
    """Published resources per contributor id, newest first: indexed once per build."""
    index: dict[str, list[Resource]] = {}
    for resource in published(build):
        index.setdefault(resource.contributed_by, []).append(resource)
    return index


def profile_section(build: Build, member: Member) -> ProfileSection | None:
    """'Contributed': the resources a member added to the library."""
    mine = build.once(_by_contributor).get(member.id, [])
    if not mine:
        return None
    return ProfileSection(build.lang.gettext("Resources contributed"),
                          "community/profile/resources.html",
                          {"resources": mine, "resource_url": resource_url}, order=60)
