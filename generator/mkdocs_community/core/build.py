"""Which generated pages exist: their URLs, titles, templates and data.

A :class:`PageSpec` says everything a site generator needs to place a page; the
HTML body comes from rendering its template (see ``outputs/render.py``). Each section
(members, events, ...) contributes its pages through a function registered in
``sections/site.py``, so the adapters never need to know which sections exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from mkdocs_community.core.community import Community
from mkdocs_community.core.i18n import Language, language
from mkdocs_community.core.kept import KeptValues
from mkdocs_community.core.records.common import Record
from mkdocs_community.core.safety import RenderedTexts
from mkdocs_community.core.settings import Settings

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Build:
    """What every page builder receives: the community and the build's 'now'.

    It also owns what the build works out once and many pages share: indexes
    (:meth:`once`) and rendered contributor Markdown (``texts``). Compared and hashed by
    identity.
    """

    community: Community
    now: dt.datetime
    texts: RenderedTexts = field(default_factory=RenderedTexts, repr=False)
    # Values the last build worked out from the same inputs (`mkdocs serve`; see kept.py).
    kept: KeptValues = field(default_factory=KeptValues, repr=False)
    _derived: dict[Callable[[Build], Any], Any] = field(default_factory=dict, repr=False)

    @property
    def settings(self) -> Settings:
        return self.community.settings

    @property
    def lang(self) -> Language:
        """The words and formats of the site's language."""
        return language(self.community.settings.language)

    def once(self, compute: Callable[[Build], T]) -> T:
        """``compute(self)``, worked out once for this build.

        For indexes that thousands of pages read (a member's groups, events, ...):
        ``build.once(groups_by_member)`` instead of scanning every group per profile.
        ``compute`` must be a pure function of the build.
        """
        try:
            return self._derived[compute]  # type: ignore[no-any-return]
        except KeyError:
            value = self._derived[compute] = compute(self)
            return value


@dataclass
class PageSpec:
    """One generated page.

    ``url`` is site-relative with a trailing slash (``members/ada/``); the page is
    written to ``<url>index.html``. ``source`` is the repository file the page is
    made from, for the "edit this page" link.
    """

    url: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    # The record a record's page is about (None for index pages): what its link preview,
    # search document and "edit" link describe.
    record: Record | None = None
    description: str = ""
    source: str = ""
    search: bool = True
    search_boost: float = 1.0
    # The page's one search document (see search.py); empty: derived from its record.
    search_text: str = ""
    image: str = ""  # site-relative path of a preview image, for Open Graph
    section: str = ""  # the nav section this page belongs to ("members")
    hide: tuple[str, ...] = ()  # Material page parts to hide, e.g. ("toc",)

    @property
    def src_uri(self) -> str:
        """The virtual Markdown source path that produces ``url`` with directory URLs."""
        return (self.url + "index.md") if self.url else "index.md"


@dataclass(frozen=True)
class Asset:
    """A generated non-page file (feed, calendar, JSON), written as is."""

    path: str  # site-relative, e.g. "events/calendar.ics"
    content: bytes
    media_type: str = "application/octet-stream"
    # A feed with a title is advertised on every page with <link rel="alternate">.
    title: str = ""


PageBuilder = Callable[[Build], Iterable[PageSpec]]
AssetBuilder = Callable[[Build], Iterable[Asset]]


def all_pages(build: Build, builders: Iterable[PageBuilder]) -> list[PageSpec]:
    pages = [page for builder in builders for page in builder(build)]
    return sorted(pages, key=lambda p: p.url)


def all_assets(build: Build, builders: Iterable[AssetBuilder]) -> list[Asset]:
    assets = [asset for builder in builders for asset in builder(build)]
    return sorted(assets, key=lambda a: a.path)
