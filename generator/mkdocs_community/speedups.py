"""MkDocs-side shortcuts for generated pages: work MkDocs and Material repeat per page.

Part of the MkDocs adapter (the core never imports this). Each shortcut keeps the built
site byte-identical; ``benchmarks/`` measures what they save.

* A generated page has no Markdown source, yet ``Page.render`` builds a new Markdown
  instance with every configured extension for it (about 0.4 ms a page).
  :func:`skip_markdown` gives the page what rendering an empty source gives.
* Material renders the whole navigation (``partials/nav.html``, ``partials/tabs.html``)
  for every page. For a page that is not in the nav the result is the same for every
  page in the same folder (nothing is active, links are relative to the folder), so
  :func:`memoize_partials` renders it once per folder. The search box
  (``partials/search.html``) is the same on every page and is rendered once.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable, Hashable, Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.plugins.community")

# Material's partials whose output, for a page outside the nav, depends only on the nav,
# the configuration and the page's folder.
NAV_PARTIALS = ("partials/nav.html", "partials/tabs.html")
# Material's partials that depend only on the configuration and language, on any page.
CONSTANT_PARTIALS = ("partials/search.html",)


def same_for_all(page: Any) -> Hashable:
    return ""


def skip_markdown(page: Page) -> None:
    """Make ``page.render`` do what it does for an empty Markdown source, without Markdown."""

    def render(config: Any, files: Any) -> None:
        page.content = ""
        page.toc = get_toc([])
        page.present_anchor_ids = set()
        if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}

    page.render = render  # type: ignore[method-assign]


def folder_key(nav_urls: tuple[str, ...]) -> Callable[[Any], Hashable | None]:
    """The memo key of a page outside the nav: its folder (``members`` for members/ada/).

    None (render as usual) for pages in the nav, and for a page that some nav entry lies
    inside, since a link to it would be relative to the page itself.
    """
    in_nav = set(nav_urls)

    def key(page: Any) -> Hashable | None:
        url = getattr(page, "url", None)
        if not isinstance(url, str) or not url.endswith("/") or url in in_nav:
            return None
        if any(other.startswith(url) for other in nav_urls):
            return None
        return posixpath.dirname(url.rstrip("/"))

    return key


def memoize_partials(env: jinja2.Environment, names: tuple[str, ...],
                     key: Callable[[Any], Hashable | None],
                     only_from: Sequence[Path] | None = None) -> list[str]:
    """Render each named template once per ``key(page)``; a None key renders as usual.

    Only templates loaded from ``only_from`` (the theme's own folders) are touched: a site's
    override of a partial may show page-specific things. Returns the names memoized.
    The memo lives on the template object, which belongs to this build's environment.
    """
    done = []
    for name in names:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            continue
        if only_from is not None and not (template.filename and any(
                Path(template.filename).resolve().is_relative_to(folder.resolve())
                for folder in only_from)):
            continue
        original = template.root_render_func
        memo: dict[Hashable, str] = {}

        def render(context: Any, _original: Any = original, _memo: Any = memo
                   ) -> Iterator[str]:
            page_key = key(context.get("page"))
            if page_key is None:
                yield from _original(context)
                return
            if page_key not in _memo:
                _memo[page_key] = "".join(_original(context))
            yield _memo[page_key]

        template.root_render_func = render  # type: ignore[method-assign]
        done.append(name)
    return done
