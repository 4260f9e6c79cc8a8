"""Turning contributor Markdown into HTML that is safe to publish.

Contributors write bios, descriptions and guides in Markdown. The Markdown is
rendered with raw HTML allowed (people paste it), then everything goes through an
allow-list sanitiser (nh3, the Rust ``ammonia`` library): no scripts, no event
handlers, no styles, no iframes, and links only to http(s), mailto and relative
targets. Sanitising after rendering is what makes Markdown link tricks
(``[x](javascript:...)``) harmless too.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import urlsplit

import markdown
import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "mark", "ol", "p", "pre",
    "q", "s", "small", "strong", "sub", "summary", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}
_URL_SCHEMES = {"https", "http", "mailto"}
_EXTENSIONS = ["extra", "sane_lists", "smarty"]


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


def render_markdown(source: str, *, allow_images: bool = False) -> str:
    """Render untrusted Markdown to sanitised HTML.

    Images are dropped unless allowed: a remote image in a bio would let its host
    track every visitor of the profile.
    """
    if not source or not source.strip():
        return ""
    converter = _converter()
    html = converter.reset().convert(source)
    return sanitise_html(html, allow_images=allow_images)


def sanitise_html(html: str, *, allow_images: bool = False) -> str:
    tags = set(_TAGS) if allow_images else _TAGS - {"img"}
    return nh3.clean(
        html,
        tags=tags,
        attributes={k: v for k, v in _ATTRIBUTES.items() if k in tags},
        url_schemes=_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )


def plain_text(html_or_markdown: str, limit: int = 0) -> str:
    """Text with all markup removed, collapsed to one line, optionally shortened."""
    rendered = render_markdown(html_or_markdown) if html_or_markdown else ""
    text = nh3.clean(rendered, tags=set())
    # nh3 keeps entities escaped; undo the common ones for plain-text uses.
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    text = text.replace("&quot;", '"').replace("&#39;", "'")
    text = " ".join(text.split())
    if limit and len(text) > limit:
        cut = text[: limit - 1]
        if text[limit - 1] != " ":  # do not end on half a word
            cut = cut.rsplit(" ", 1)[0]
        text = cut.rstrip(",.;:& ") + "…"
    return text


def is_safe_url(url: str) -> bool:
    """True for absolute https URLs and for relative paths that stay on the site."""
    parts = urlsplit(url.strip())
    if parts.scheme:
        return parts.scheme.lower() == "https" and bool(parts.netloc)
    return not url.strip().startswith("//")


def safe_join(folder: str, name: str) -> str | None:
    """``folder/name`` if ``name`` stays inside ``folder``, else None."""
    joined = posixpath.normpath(posixpath.join(folder, name.replace("\\", "/")))
    if joined == folder or not joined.startswith(folder.rstrip("/") + "/"):
        return None
    return joined
