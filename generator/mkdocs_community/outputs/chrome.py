"""What every finished HTML page gets, whatever the theme: feed discovery, the feedback
and privacy links.

The adapter calls :func:`decorate` on each page's final HTML (MkDocs' ``on_post_page``).
Working on the output rather than through a theme partial is deliberate: a partial
shipped by the plugin would be replaced by any site that overrides the same partial
(Material sites often override ``partials/footer.html`` or ``copyright.html``), and it
would work only with the one theme it was written for. A ``<link>`` before ``</head>``
and a block at the end of the page's ``<footer>`` work with Material, MkDocs' own
themes and custom themes alike, need no action from the site author, and can still be
placed by hand: a page that already contains an element with ``data-cm-feedback``
(e.g. from the site's own footer override) is left alone. Where things are is read from
the page's tags (html_scan.py), never from a search of its text.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from functools import lru_cache

from markupsafe import Markup

from mkdocs_community.core.i18n import Language, language
from mkdocs_community.core.safety import is_safe_url
from mkdocs_community.core.urls import relative_url
from mkdocs_community.outputs.feeds import FeedLink
from mkdocs_community.outputs.html_scan import head as head_scan
from mkdocs_community.outputs.html_scan import landmarks
from mkdocs_community.outputs.seo import OPEN_GRAPH, Preview, preview_tags

FEEDBACK_MARK = "data-cm-feedback"


def _href(page_url: str, target: str, base: str) -> str:
    """A link to site-relative ``target``: relative to the page, or under ``base`` (an
    absolute path, for a page served at any URL such as the 404 page)."""
    return base + target if base else relative_url(page_url, target)


def head_links(page_url: str, links: Sequence[FeedLink], base: str = "") -> str:
    links = tuple(links)
    if base:
        return _head_links(page_url, links, base)
    if page_url.endswith("/") and not page_url.startswith(("/", ".")) and \
            not any(link.path.startswith(page_url) for link in links):
        # Links to files outside a page's own folder read the same from every page beside
        # it (members/ada/ and members/bo/ both say ../../spotlights/feed.xml): made once
        # per folder, not once for each of thousands of profiles.
        folder = posixpath.dirname(page_url.rstrip("/"))
        page_url = (folder + "/" if folder else "") + "\0/"
    return _head_links(page_url, links, "")


@lru_cache(maxsize=1024)
def _head_links(page_url: str, links: tuple[FeedLink, ...], base: str) -> str:
    return "".join(
        # "alternate feed", not the bare "alternate": feed readers read rel as a token
        # list, while Material takes every link[rel=alternate] for a translation of the
        # site and fetches a sitemap.xml beside it.
        str(Markup('<link rel="alternate feed" type="{}" title="{}" href="{}">\n').format(
            link.media_type, link.title, _href(page_url, link.path, base)))
        for link in links)


def feedback_block(feedback_url: str, page_url: str, connect: bool = True,
                   base: str = "", privacy_url: str = "",
                   lang: Language | None = None) -> str:
    """The footer line: the feedback link (with the connect page), and the privacy page.

    ``privacy_url`` is site-relative (linked relative to the page, so the link works on
    every page and under any sub-path, which a link in MkDocs' ``copyright`` cannot) or
    an https URL. The words are in ``lang``, the site's language (English by default).
    """
    _ = (lang or language()).gettext
    parts = []
    if feedback_url and is_safe_url(feedback_url) and "://" in feedback_url:
        parts.append(Markup(_('How can we make this community better? '
                              '<a href="%(url)s" rel="noopener">Share your feedback</a>')
                            ) % {"url": feedback_url})
        if connect:
            parts.append(Markup(_('<a href="%(url)s">All the ways to reach us</a>')) % {
                "url": _href(page_url, "connect/", base)})
    if privacy_url and ("://" not in privacy_url or is_safe_url(privacy_url)):
        href = privacy_url if "://" in privacy_url else _href(page_url, privacy_url, base)
        parts.append(Markup(_('<a href="%(url)s">Privacy</a>')) % {"url": href})
    if not parts:
        return ""
    # str(): plain strings from here on, so joining with the page never escapes it.
    return str(Markup('<div class="cm-feedback md-grid" {}><p>{}</p></div>\n').format(
        Markup(FEEDBACK_MARK), Markup(" · ").join(parts)))


def decorate(html: str, page_url: str, links: Sequence[FeedLink], feedback_url: str = "",
             connect: bool = True, base: str = "", privacy_url: str = "",
             lang: Language | None = None, preview: Preview | None = None) -> str:
    """``html`` with feed ``<link>`` tags in its head, and the feedback and privacy links
    in its footer.

    ``base``: link with absolute paths under it instead of relative to ``page_url``.
    ``preview``: the page's link preview (``seo.preview_tags``), whose tags follow the
    feed links unless the head has Open Graph tags already (Material's social plugin, a
    site's override). The head's tags are read (html_scan.py), so text in the page that
    looks like a tag (a bio quoting ``property="og:``) neither removes nor moves them.
    """
    head = head_links(page_url, links, base)
    if head or preview is not None:
        at, tagged = head_scan(html, OPEN_GRAPH if preview is not None else "")
        if preview is not None and not tagged:
            head += preview_tags(preview)
        if head and at != -1:
            html = html[:at] + head + html[at:]
    block = feedback_block(feedback_url, page_url, connect, base, privacy_url, lang)
    if block:
        # Read from the page's tags: text that looks like the mark or a tag (a bio
        # quoting 'data-cm-feedback' or '</footer>') decides nothing.
        found = landmarks(html, FEEDBACK_MARK, after="</article>")
        at = found.footer_end
        if at == -1 and found.body_end != -1:
            at = found.body_end
            block = f'<footer class="cm-footer">{block}</footer>\n'
        if at != -1 and not found.marked:
            html = html[:at] + block + html[at:]
    return html
