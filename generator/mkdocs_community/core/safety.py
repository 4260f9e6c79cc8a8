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
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import escape

from mkdocs_community.core.markdown_bounds import markdown_problem

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
    return _render(source, allow_images)


def _render(source: str, allow_images: bool) -> str:
    if markdown_problem(source) is not None:
        # Validation refuses such text; anything else that gets here (a site's own data,
        # a future caller) is shown as text rather than given to a renderer that would
        # take minutes or recurse too deeply.
        return f"<p>{escape(source)}</p>"
    return sanitise_html(_converter().reset().convert(source), allow_images=allow_images)


class RenderedTexts:
    """Contributor Markdown rendered (and sanitised) once per text, for one build.

    A bio is rendered for its profile, its description and its link preview: the result
    depends on the text alone, so it is kept. The build owns one (``Build.texts``);
    ``mkdocs serve`` hands the last build's to the next, so unchanged texts are not
    rendered again. Results worked out elsewhere (a helper process) are added with
    :meth:`add`.
    """

    def __init__(self, rendered: dict[tuple[str, bool], str] | None = None,
                 plain: dict[tuple[str, int], str] | None = None) -> None:
        self._html: dict[tuple[str, bool], str] = rendered or {}
        self._asked: set[tuple[str, bool]] = set()
        # Plain text too: removing the markup (nh3) costs as much as rendering it.
        self._plain: dict[tuple[str, int], str] = plain or {}
        self._plain_asked: set[tuple[str, int]] = set()

    def html(self, source: str, *, allow_images: bool = False) -> str:
        """``render_markdown(source)``, rendered once."""
        if not source or not source.strip():
            return ""
        key = (source, allow_images)
        self._asked.add(key)
        found = self._html.get(key)
        if found is None:
            found = self._html[key] = _render(source, allow_images)
        return found

    def used(self) -> RenderedTexts:
        """A new cache with what this one rendered and was asked for (the texts of the
        build that used it): the next ``mkdocs serve`` rebuild starts from it, and
        texts no longer in the community are forgotten."""
        return RenderedTexts({key: self._html[key] for key in self._asked
                              if key in self._html},
                             {key: self._plain[key] for key in self._plain_asked})

    def plain(self, text: str, limit: int = 0) -> str:
        """``plain_text(text, limit)``, worked out once (the Markdown in it too)."""
        key = (text, limit)
        self._plain_asked.add(key)
        found = self._plain.get(key)
        if found is None:
            found = self._plain[key] = plain_text(text, limit, render=self.html)
        else:
            self._asked.add((text, False))  # its rendering is still this build's
        return found

    def add(self, rendered: dict[str, str]) -> None:
        """Take ``render_all`` results worked out elsewhere (images dropped)."""
        for source, html in rendered.items():
            if source and source.strip():
                self._html[(source, False)] = html

    def __len__(self) -> int:
        return len(self._html)


def render_all(sources: Iterable[str]) -> dict[str, str]:
    """``render_markdown`` of each source (images dropped), as a mapping."""
    return {source: render_markdown(source) for source in sources}


def needs_rendering(text: str) -> bool:
    """Whether ``plain_text`` of ``text`` renders it as Markdown (see ``_inert``)."""
    return bool(text) and not _inert(text)


def sanitise_html(html: str, *, allow_images: bool = False) -> str:
    tags = set(_TAGS) if allow_images else _TAGS - {"img"}
    return nh3.clean(
        html,
        tags=tags,
        attributes={k: v for k, v in _ATTRIBUTES.items() if k in tags},
        attribute_filter=_local_images_only,
        url_schemes=_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    # An image from another host would let that host see every visitor of the page:
    # images come from the site itself or not at all.
    if tag == "img" and attribute == "src" and not is_local_url(value):
        return None
    return value


# Text Markdown leaves as it is: letters, digits and punctuation that no Markdown (or
# SmartyPants) rule reads, each line starting with a letter (so never a list, heading,
# quote or table). Most descriptions are such text and need no rendering to be plain.
_INERT = re.compile(r"(?:[^\W_]|[ \t\n,.;:()/?!\u2014\u2013\u2026-])*")


def _inert(text: str) -> bool:
    if not _INERT.fullmatch(text) or ".." in text or "--" in text:
        return False
    return all(line.lstrip()[:1].isalpha() for line in text.split("\n") if line.strip())


def plain_text(html_or_markdown: str, limit: int = 0, *,
               render: Callable[[str], str] = render_markdown) -> str:
    """Text with all markup removed, collapsed to one line, optionally shortened.

    ``render`` turns Markdown into sanitised HTML (``RenderedTexts.html`` keeps results).
    """
    if _inert(html_or_markdown):
        text = html_or_markdown
    else:
        rendered = render(html_or_markdown) if html_or_markdown else ""
        # nh3 keeps the text's entities escaped; decoded exactly once, the text is what
        # the author wrote ("&amp;lt;" stays "&lt;", never becomes "<").
        text = unescape(nh3.clean(rendered, tags=set()))
    return shorten(text, limit)


def shorten(text: str, limit: int = 0) -> str:
    """Plain ``text`` on one line, cut at a word to at most ``limit`` characters."""
    text = " ".join(text.split())
    if limit and len(text) > limit:
        cut = text[: limit - 1]
        if text[limit - 1] != " ":  # do not end on half a word
            cut = cut.rsplit(" ", 1)[0]
        text = cut.rstrip(",.;:& ") + "…"
    return text


_URL_TRICKS = re.compile(r"[\x00-\x20\x7f\\]")


def obfuscated_email(address: str) -> str:
    """'ada [at] example [dot] org': readable by people, skipped by address harvesters."""
    user, _, domain = address.partition("@")
    return f"{user} [at] {domain.replace('.', ' [dot] ')}"


# RFC 3986, appendix A: the characters a URI holds (unreserved, reserved, '%'). Anything
# else (space, '"', '<', '>', '\\', '{', '|', '^', '`', controls, non-ASCII) is read
# differently by browsers, feed readers and JSON consumers, or ends an attribute.
_NOT_URI = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
URL_HINT = ("copy the address again from the browser's address bar; a space is written "
            "%20 and other special characters are percent-encoded too")


def url_problem(url: str) -> tuple[str, str, str] | None:
    """(code, message, hint) of why ``url`` is not an absolute https URL as RFC 3986
    writes one, or None when it is.

    Such a URL reads the same in a browser, a feed reader and a JSON consumer, and goes
    into HTML attributes, JSON, Atom and iCalendar without changing meaning.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() != "https":
        scheme = parts.scheme or "no scheme"
        return ("url-scheme", f"link must start with https:// (got '{scheme}')",
                "only https links are published; http, javascript: and data: are refused")
    bad = _NOT_URI.search(url)
    if bad:
        char = bad.group()
        shown = "a space" if char == " " else f"'{char}'" if char.isprintable() \
            else f"the hidden character U+{ord(char):04X}"
        return ("url-invalid", f"web address contains {shown}, which a URL cannot hold "
                "as it is", URL_HINT)
    if _BAD_ESCAPE.search(url):
        return ("url-invalid", "web address has a '%' that does not start an escape like %20",
                "write a literal '%' as %25")
    if "[" in url or "]" in url or url.count("#") > 1:
        return ("url-invalid", "web address holds '[', ']' or a second '#'", URL_HINT)
    host = parts.hostname or ""
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return ("url-invalid", f"'{url}' has an invalid port", "")
    if parts.username is not None or parts.password is not None:
        return ("url-invalid", "web address holds a user name or password ('user@host')",
                "remove the part before '@' in the address")
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels) \
            or labels[-1].isdigit():
        return ("url-invalid", f"'{url}' is not a valid web address (no host name)",
                "write the full address, e.g. https://example.org/page")
    return None


def is_safe_url(url: str) -> bool:
    """True for absolute https URLs and for relative paths that stay on the site."""
    if _URL_TRICKS.search(url.strip()):
        # Browsers drop control characters, tabs and newlines from URLs and read '\' as
        # '/', so "\x01javascript:" or "/\\evil.example" would mean something other
        # than what this check sees.
        return False
    parts = urlsplit(url.strip())
    if parts.scheme:
        return parts.scheme.lower() == "https" and bool(parts.netloc)
    return not url.strip().startswith("//")


def is_local_url(url: str) -> bool:
    """True for a relative URL that stays on the site (no scheme, no other host)."""
    return is_safe_url(url) and not urlsplit(url.strip()).scheme


def resolves_inside(path: Path, folder: Path) -> bool:
    """True if ``path``, with every symlink followed, is inside ``folder``."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
        return False


_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


def image_format(head: bytes) -> str | None:
    """The raster format the first bytes of a file show (png, jpeg, gif, webp, avif).

    None for anything else, notably SVG or HTML saved under an image name: those can
    carry scripts, and a browser opening the file directly might run them.
    """
    for magic, name in _IMAGE_MAGIC:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "avif"
    return None


def safe_join(folder: str, name: str) -> str | None:
    """``folder/name`` if ``name`` stays inside ``folder``, else None."""
    joined = posixpath.normpath(posixpath.join(folder, name.replace("\\", "/")))
    if joined == folder or not joined.startswith(folder.rstrip("/") + "/"):
        return None
    return joined
