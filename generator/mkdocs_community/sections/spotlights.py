"""Spotlights: ``/spotlights/``, a page per spotlight, automatic milestones and feeds.

Milestones come from the member data alone: people whose joining anniversary falls
in the build's month, and people who joined in the last 30 days, welcomed by name.
Only listed members are ever named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from mkdocs_community.core.build import Asset, Build, PageSpec
from mkdocs_community.core.records.member import Member
from mkdocs_community.core.records.spotlight import Spotlight
from mkdocs_community.core.settings import today_in
from mkdocs_community.core.urls import absolute_url, link_from, spotlight_url
from mkdocs_community.derive.crosslinks import public_people
from mkdocs_community.outputs import feeds
from mkdocs_community.outputs.blocks import int_param
from mkdocs_community.sections.members import ProfileSection, member_url

FEED_PATH = "spotlights/feed"
WELCOME_DAYS = 30




def published(build: Build) -> list[Spotlight]:
    """Spotlights dated on or before the build's day, newest first (future ones wait)."""
    today = today_in(build.settings, build.now)
    items = [s for s in build.community.spotlights if s.day <= today]
    return sorted(items, key=lambda s: (s.day, s.id), reverse=True)


@dataclass(frozen=True)
class Anniversary:
    member: Member
    years: int


@dataclass(frozen=True)
class Milestones:
    month: dt.date  # the first day of the build's month
    anniversaries: tuple[Anniversary, ...]
    newcomers: tuple[Member, ...]

    def __bool__(self) -> bool:
        return bool(self.anniversaries or self.newcomers)


def milestones(build: Build) -> Milestones:
    """This month's joining anniversaries and the last 30 days' newcomers (listed only)."""
    today = today_in(build.settings, build.now)
    # Milestones are for the living, and need the month someone joined.
    members = [m for m in build.community.listed_members
               if m.joined is not None and not m.joined_year_only and not m.in_memoriam]
    anniversaries = sorted(
        (Anniversary(m, today.year - m.joined.year) for m in members
         if m.joined.month == today.month and m.joined.year < today.year),
        key=lambda a: (-a.years, a.member.name.casefold(), a.member.id))
    since = today - dt.timedelta(days=WELCOME_DAYS)
    newcomers = sorted((m for m in members if since <= m.joined <= today),
                       key=lambda m: (m.joined, m.id), reverse=True)
    return Milestones(today.replace(day=1), tuple(anniversaries), tuple(newcomers))


def _people(build: Build, spotlight: Spotlight) -> list[Member]:
    return public_people(build.community, spotlight.members)[0]


def pages(build: Build) -> Iterator[PageSpec]:
    spotlights = published(build)
    yield PageSpec(
        url="spotlights/",
        title=build.lang.gettext("Spotlights"),
        template="community/spotlights.html",
        context={"spotlights": spotlights, "milestones": milestones(build),
                 "people": {s.id: _people(build, s) for s in spotlights},
                 "spotlight_url": spotlight_url, "member_url": member_url,
                 "feed": FEED_PATH},
        description=build.lang.gettext(
            "Achievements of the members of %(name)s: new roles, talks, papers, awards and "
            "first contributions, newest first.") % {"name": build.settings.name},
        section="spotlights",
        hide=("navigation", "toc"),
    )
    for spotlight in spotlights:
        yield PageSpec(
            url=spotlight_url(spotlight.id),
            record=spotlight,
            title=spotlight.title,
            template="community/spotlight.html",
            context={"spotlight": spotlight, "people": _people(build, spotlight),
                     "member_url": member_url},
            description=spotlight.summary,
            source=spotlight.source,
            section="spotlights",
            image=spotlight.image or "",
            hide=("toc",),
        )


def assets(build: Build) -> Iterator[Asset]:
    settings = build.settings
    spotlights = published(build)
    zone = ZoneInfo(settings.timezone)
    entries = []
    for spotlight in spotlights[:50]:
        path = spotlight_url(spotlight.id)
        when = feeds.date_at(spotlight.day, zone)
        people = _people(build, spotlight)
        entries.append(feeds.FeedEntry(
            id=feeds.stable_id(settings.site_url, path, settings.name),
            title=spotlight.title,
            url=link_from(settings.site_url, FEED_PATH, path),
            updated=when,
            published=when,
            summary=spotlight.summary,
            content_html=build.texts.html(spotlight.body) if spotlight.body else "",
            authors=tuple(feeds.Person(m.name, absolute_url(settings.site_url,
                                                                  member_url(m.id)))
                          for m in people),
            categories=(spotlight.kind.value,),
            image=link_from(settings.site_url, FEED_PATH, spotlight.image)
            if spotlight.image else "",
            image_alt=spotlight.image_alt or "",
            external_url=spotlight.url or "",
        ))
    yield from feeds.section_feed(
        build, "spotlights/", FEED_PATH,
        title=build.lang.gettext("%(site)s: spotlights") % {"site": settings.name},
        subtitle=build.lang.gettext("Celebrating the achievements of the members of "
                                    "%(site)s.") % {"site": settings.name},
        entries=entries)
    yield feeds.api_asset(build, "spotlights", [api_item(build, s) for s in spotlights])


def api_item(build: Build, spotlight: Spotlight) -> dict[str, Any]:
    return {
        "id": spotlight.id,
        "title": spotlight.title,
        "date": spotlight.day,
        "kind": spotlight.kind.value,
        "summary": spotlight.summary,
        "members": [m.id for m in _people(build, spotlight)],
        "image": spotlight.image,
        "image_alt": spotlight.image_alt,
        "url": spotlight.url,
        "page": spotlight_url(spotlight.id),
    }


def recent_spotlights(build: Build, render: Any, params: dict[str, str]) -> str:
    """Home-page block: the latest spotlights."""
    spotlights = published(build)[: int_param(params, "count", 3)]
    return render("community/blocks/recent-spotlights.html", spotlights=spotlights,
                  people={s.id: _people(build, s) for s in spotlights},
                  spotlight_url=spotlight_url, member_url=member_url)


def milestones_block(build: Build, render: Any, params: dict[str, str]) -> str:
    """Home-page block: this month's anniversaries and newcomers."""
    found = milestones(build)
    return render("community/blocks/milestones.html", milestones=found,
                  member_url=member_url, ends=month_end(found.month, build.settings.timezone))


def month_end(month: dt.date, zone: str) -> str:
    """The instant a month ends in the site's time zone (RFC 3339): a page built long ago
    stops showing that month's milestones then (see events.js)."""
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return dt.datetime.combine(following, dt.time(), ZoneInfo(zone)).isoformat()


def _by_member(build: Build) -> dict[str, list[Spotlight]]:
    """Published spotlights per member id, newest first: indexed once, not once a profile."""
    index: dict[str, list[Spotlight]] = {}
    for spotlight in published(build):
        for member_id in dict.fromkeys(spotlight.members):
            index.setdefault(member_id, []).append(spotlight)
    return index


def profile_section(build: Build, member: Member) -> ProfileSection | None:
    """'Celebrated': the spotlights a member appears in."""
    mine = build.once(_by_member).get(member.id, [])
    if not mine:
        return None
    return ProfileSection(build.lang.gettext("Celebrated"), "community/profile/spotlights.html",
                          {"spotlights": mine, "spotlight_url": spotlight_url}, order=40)
