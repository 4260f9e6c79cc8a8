"""The composition root: every section of the site, in one place.

Adapters (the MkDocs plugin, the CLI) call :func:`generate` and get the pages and
files to publish; adding a section means adding its builders to the tuples below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from mkdocs_community.core.build import (
    Asset,
    AssetBuilder,
    Build,
    PageBuilder,
    PageSpec,
    all_assets,
    all_pages,
)
from mkdocs_community.core.community import Community
from mkdocs_community.core.kept import KeptValues
from mkdocs_community.core.safety import RenderedTexts
from mkdocs_community.outputs import blocks, data_api
from mkdocs_community.sections import (
    connect,
    events,
    goals,
    groups,
    insights,
    joining,
    members,
    mentoring,
    profile_form,
    resources,
    spotlights,
)

PROFILE_SECTIONS: tuple[members.ProfileSectionProvider, ...] = (
    spotlights.profile_section,
    groups.profile_section,
    resources.profile_section,
    events.profile_section,
    mentoring.mentors_section,
    mentoring.mentees_section,
)

PAGE_BUILDERS: tuple[PageBuilder, ...] = (
    partial(members.pages, profile_sections=PROFILE_SECTIONS),
    resources.pages,
    spotlights.pages,
    groups.pages,
    goals.pages,
    connect.pages,
    insights.pages,
    events.pages,
    mentoring.pages,
    joining.pages,
    profile_form.pages,
)

ASSET_BUILDERS: tuple[AssetBuilder, ...] = (
    data_api.assets,
    resources.assets,
    spotlights.assets,
    groups.assets,
    goals.assets,
    events.assets,
)

BLOCKS: dict[str, blocks.Block] = {
    "newest-members": members.newest_members,
    "recent-spotlights": spotlights.recent_spotlights,
    "milestones": spotlights.milestones_block,
    "newest-resources": resources.newest_resources,
    "open-groups": groups.open_groups,
    "next-events": events.next_events,
}


@dataclass(frozen=True)
class Site:
    build: Build
    pages: list[PageSpec]
    assets: list[Asset]


def generate(community: Community, now: dt.datetime,
             texts: RenderedTexts | None = None, kept: KeptValues | None = None) -> Site:
    """Everything the community publishes, as of ``now`` (an aware datetime).

    ``texts``: contributor Markdown already rendered; ``kept``: values worked out from the
    same inputs (``mkdocs serve`` passes the last build's of both, so what an edit did not
    touch is not worked out again).
    """
    build = new_build(community, now, texts, kept)
    return Site(build, all_pages(build, PAGE_BUILDERS), all_assets(build, ASSET_BUILDERS))


def new_build(community: Community, now: dt.datetime,
              texts: RenderedTexts | None = None, kept: KeptValues | None = None) -> Build:
    if now.tzinfo is None:
        raise ValueError("'now' must carry a time zone")
    return Build(community, now, texts if texts is not None else RenderedTexts(),
                 kept if kept is not None else KeptValues())
