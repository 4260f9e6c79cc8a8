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

from markupsafe import Markup, escape

from mkdocs_community.core.i18n import Language, language


def body(site_name: str, sections: Sequence[tuple[str, str]], base: str = "/",
         lang: Language | None = None) -> str:
    """The 404 page's content. ``sections``: (title, site-relative URL) of the main nav."""
    _ = (lang or language()).gettext
    links = Markup("").join(
        Markup('<li><a href="{}">{}</a></li>').format(base + url.lstrip("/"), title)
        for title, url in sections if title and url.strip("/.") != "")  # not home again
    more = Markup('<h2 id="sections">{}</h2><ul class="cm-404__sections">{}'
                  '</ul>').format(_("The main sections"), links) if links else ""
    # The catalog's words are ours (trusted); the site's name is escaped into them.
    lead = Markup(escape(_("There is no page at this address on %(site)s. It may have moved, "
                           "or the address may have a typo.")).replace("%(site)s", "{}"))
    return str(Markup(
        '<h1 id="page-not-found">{}</h1>'
        '<p class="cm-lead">{}</p>'
        '<p class="cm-404__actions"><button type="button" class="md-button md-button--primary" '
        'data-cm-open-search hidden>{}</button> <a class="md-button" href="{}">'
        '{}</a></p>{}'
    ).format(_("Page not found"), lead.format(site_name), _("Search the site"), base,
             _("Go to the home page"), more))


def replace_heading(html: str, content: str, site_name: str,
                    lang: Language | None = None) -> str:
    """``html`` (Material's 404 page) with its "404 - Not found" heading replaced by
    ``content`` and a title that says what happened; unchanged when the heading is not
    there (another theme)."""
    heading = "<h1>404 - Not found</h1>"
    if heading not in html:
        return html
    html = html.replace(heading, content, 1)
    title = str(Markup("<title>{}</title>").format(site_name))
    better = str(Markup("<title>{} - {}</title>").format(
        (lang or language()).gettext("Page not found"), site_name))
    return html.replace(title, better, 1)


__all__ = ["body", "replace_heading"]
