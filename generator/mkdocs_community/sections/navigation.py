"""The community's sections in a site's navigation, read and written as data.

A site that lists its pages in ``nav`` (most existing documentation sites do) does not
list pages that did not exist when it was written: the member directory, the events,
and the other sections the plugin adds. MkDocs would only note them at INFO level, so
a maintainer sees a site whose new sections cannot be reached from the menu. Here the
site's ``nav`` (the list of ``mkdocs.yml``, plain data) is compared with the section
pages; the adapter then adds the missing ones under one nav section, or warns with the
lines to paste.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mkdocs_community.core.build import PageSpec

# The order of the sections in the navigation (others follow in URL order).
ORDER = ("members", "events", "mentoring", "groups", "resources", "spotlights", "goals",
         "connect", "insights", "join")


def section_pages(pages: Iterable[PageSpec]) -> list[PageSpec]:
    """The index page of every section (``members/``, ``events/``, ...), in nav order."""
    found = [p for p in pages if p.section and p.url == p.section + "/"]
    rank = {name: i for i, name in enumerate(ORDER)}
    return sorted(found, key=lambda p: (rank.get(p.section, len(ORDER)), p.url))


def _normalise(path: str) -> str:
    """A nav entry's page as a folder URL: ``members/index.md``, ``members/`` and
    ``/members`` all name ``members/``."""
    path = path.strip().lstrip("/")
    if path.endswith(".md"):
        path = path[:-3]
        path = "" if path == "index" else path.removesuffix("/index")
    return path.rstrip("/") + "/" if path else ""


def listed_pages(nav: Any) -> set[str]:
    """Every page a ``nav`` configuration names, as folder URLs (see ``_normalise``)."""
    found: set[str] = set()
    stack = [nav]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "://" not in item:
                found.add(_normalise(item))
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def missing_sections(nav: Any, pages: Iterable[PageSpec]) -> list[PageSpec]:
    """The section index pages an explicit ``nav`` leaves out (none without a ``nav``:
    MkDocs then lists every page itself)."""
    if not nav:
        return []
    listed = listed_pages(nav)
    return [p for p in section_pages(pages) if p.url not in listed]


def with_sections(nav: list[Any], title: str, missing: Iterable[PageSpec]) -> list[Any]:
    """``nav`` with the ``missing`` sections added under the top-level section ``title``
    (appended to it when the site already has one of that name)."""
    entries = [{page.title: page.src_uri} for page in missing]
    result = list(nav)
    for i, item in enumerate(result):
        if isinstance(item, dict) and len(item) == 1 and isinstance(item.get(title), list):
            result[i] = {title: [*item[title], *entries]}
            return result
    return [*result, {title: entries}]


def snippet(missing: Iterable[PageSpec], title: str = "Community") -> str:
    """The lines to add under ``nav:`` in ``mkdocs.yml`` for the ``missing`` sections."""
    lines = [f"  - {title}:"]
    lines.extend(f"      - {page.title}: {page.src_uri}" for page in missing)
    return "\n".join(lines)
