"""The "page not found" page: a way on, not a dead end.

Material's own 404 page says "404 - Not found" and nothing else. Someone who followed an
old link to a profile or an event wants to look for it, or to start from a section.
:func:`body` is the page's content (the adapter puts it in place of the theme's heading):
what happened in words, a button that opens the site's search (the page script shows it;
without JavaScript the header's search field is there anyway), the home page, and the
site's main sections. Links are absolute paths, since the page is served at any address.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup


def body(site_name: str, sections: Sequence[tuple[str, str]], base: str = "/") -> str:
    """The 404 page's content. ``sections``: (title, site-relative URL) of the main nav."""
    links = Markup("").join(
        Markup('<li><a href="{}">{}</a></li>').format(base + url.lstrip("/"), title)
        for title, url in sections if title and url.strip("/.") != "")  # not home again
    more = Markup('<h2 id="sections">The main sections</h2><ul class="cm-404__sections">{}'
                  '</ul>').format(links) if links else ""
    return str(Markup(
        '<h1 id="page-not-found">Page not found</h1>'
        '<p class="cm-lead">There is no page at this address on {}. It may have moved, or '
        'the address may have a typo.</p>'
        '<p class="cm-404__actions"><button type="button" class="md-button md-button--primary" '
        'data-cm-open-search hidden>Search the site</button> <a class="md-button" href="{}">'
        'Go to the home page</a></p>{}'
    ).format(site_name, base, more))


def replace_heading(html: str, content: str, site_name: str) -> str:
    """``html`` (Material's 404 page) with its "404 - Not found" heading replaced by
    ``content`` and a title that says what happened; unchanged when the heading is not
    there (another theme)."""
    heading = "<h1>404 - Not found</h1>"
    if heading not in html:
        return html
    html = html.replace(heading, content, 1)
    title = str(Markup("<title>{}</title>").format(site_name))
    better = str(Markup("<title>Page not found - {}</title>").format(site_name))
    return html.replace(title, better, 1)


__all__ = ["body", "replace_heading"]
