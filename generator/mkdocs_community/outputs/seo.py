"""Link previews: Open Graph and Twitter card tags for every page.

A profile, event, spotlight or resource shared in a chat or on social media should show
its title, a one-line description and (where there is one) its picture. The tags
(:func:`preview_tags`) go into each finished page (MkDocs' ``on_post_page``) beside the
feed links (``chrome.decorate`` adds both, reading the head once), and for the same
reasons as those: a theme partial shipped by the plugin (``main.html`` with
``{% block extrahead %}``) would clash with the site's own ``overrides/main.html``, which
many Material sites have, and would tie the tags to one theme. Inserting before
``</head>`` works with any theme and needs nothing from the site author. A page whose
head already carries ``og:`` tags (Material's social plugin, or a site's own override)
is left alone.

Every value is contributor text or derived from it, so every value is escaped here; the
tags never contain markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from mkdocs_community.core.build import PageSpec
from mkdocs_community.core.safety import shorten
from mkdocs_community.core.urls import absolute_url

DESCRIPTION_LIMIT = 200
# The kind of thing a page is about, per section, for og:type. Record pages of other
# sections (events, resources, groups) are plain "website" pages.
RECORD_TYPES = {"members": "profile", "spotlights": "article", "resources": "article"}
# The prefix of the Open Graph properties: a head with one of them has its preview already.
OPEN_GRAPH = "og:"


@dataclass(frozen=True)
class Preview:
    title: str
    description: str
    url: str = ""  # absolute; empty when the site has no site_url
    image: str = ""  # absolute
    image_alt: str = ""
    type: str = "website"
    site_name: str = ""




def _description(text: str) -> str:
    # Descriptions are plain text already (page builders make them so, and front matter
    # holds plain text): shortened, never read as Markdown a second time.
    return shorten(text, DESCRIPTION_LIMIT)


def preview_for_spec(spec: PageSpec, site_url: str, site_name: str) -> Preview:
    """The preview of a generated page: its own title, description and image."""
    is_record = bool(spec.section) and spec.url != spec.section + "/"
    image_alt = getattr(spec.record, "image_alt", None) or spec.title
    return Preview(
        title=spec.title,
        description=_description(spec.description),
        url=absolute_url(site_url, spec.url),
        image=absolute_url(site_url, spec.image) if spec.image else "",
        image_alt=image_alt if spec.image else "",
        type=RECORD_TYPES.get(spec.section, "website") if is_record else "website",
        site_name=site_name,
    )


def preview_for_page(title: str, description: str, url: str, site_url: str,
                     site_name: str) -> Preview:
    """The preview of an author's page (Markdown in the docs folder)."""
    return Preview(title=title or site_name, description=_description(description),
                   url=absolute_url(site_url, url), site_name=site_name)


def preview_tags(preview: Preview) -> str:
    """``<meta>`` tags for ``preview``, every value escaped."""
    tags: list[tuple[str, str, str]] = [
        ("property", "og:type", preview.type),
        ("property", "og:title", preview.title),
        ("property", "og:description", preview.description),
        ("property", "og:url", preview.url),
        ("property", "og:site_name", preview.site_name),
        ("property", "og:image", preview.image),
        ("property", "og:image:alt", preview.image_alt),
        # A profile's image is a small square avatar; a spotlight's is a banner.
        ("name", "twitter:card", "summary_large_image" if preview.image and
         preview.type != "profile" else "summary"),
        ("name", "twitter:title", preview.title),
        ("name", "twitter:description", preview.description),
        ("name", "twitter:image", preview.image),
    ]
    # escape() is what Markup.format applies to each value, at a fraction of the cost;
    # the attribute names and keys are the constants above, with nothing to escape.
    return "".join(f'<meta {attr}="{key}" content="{escape(value)}">\n'
                   for attr, key, value in tags if value)


__all__ = ["OPEN_GRAPH", "Preview", "preview_for_page",
           "preview_for_spec", "preview_tags"]
