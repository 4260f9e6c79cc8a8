"""Which generated pages exist: their URLs, titles, templates and data.

A :class:`PageSpec` says everything a site generator needs to place a page; the
HTML body comes from rendering its template (see ``render.py``). Each section
(members, events, ...) contributes its pages through a function registered in
``site.py``, so the adapters never need to know which sections exist.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from mkdocs_community.core.community import Community
from mkdocs_community.core.i18n import Language, language
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


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url``; both site-relative.

    Relative links are what let a built site work under any sub-path (a GitHub
    project page) and from any static host.
    """
    if "://" in to_url or to_url.startswith(("#", "mailto:")):
        return to_url
    to_path, hash_sep, fragment = to_url.partition("#")
    base = posixpath.dirname(from_url.rstrip("/")) if not from_url.endswith("/") else \
        from_url.rstrip("/")
    rel = _relpath(to_path or ".", base or ".")
    if to_path.endswith("/") or to_path == "":
        rel = rel.rstrip("/") + "/"
        if rel == "./":
            rel = "./"
    return rel + (hash_sep + fragment if hash_sep else "")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for site-relative paths, without asking the OS for the working
    directory on every link (profiles have dozens of links, sites thousands of profiles)."""
    if path.startswith("/") or start.startswith("/") or ".." in path.split("/") \
            or ".." in start.split("/"):
        return posixpath.relpath(path, start)
    to_parts = [p for p in path.split("/") if p and p != "."]
    from_parts = [p for p in start.split("/") if p and p != "."]
    common = 0
    for a, b in zip(to_parts, from_parts):  # noqa: B905 - lengths differ by design
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."


def all_pages(build: Build, builders: Iterable[PageBuilder]) -> list[PageSpec]:
    pages = [page for builder in builders for page in builder(build)]
    return sorted(pages, key=lambda p: p.url)


def all_assets(build: Build, builders: Iterable[AssetBuilder]) -> list[Asset]:
    assets = [asset for builder in builders for asset in builder(build)]
    return sorted(assets, key=lambda a: a.path)
