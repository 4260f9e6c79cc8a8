"""Finding places in a finished HTML page by reading its tags, not by searching text.

The adapter adds feed links and link-preview tags to each page's head and a feedback
block to its footer. Deciding where (the real ``</head>``) and whether (a page that
already has ``og:`` tags, or a ``data-cm-feedback`` element) by substring search let
contributor text decide: a bio reading ``property="og:`` removed a profile's preview
tags, and ``data-cm-feedback`` its footer. Here the page is read as a sequence of
tokens (comments, script and style elements, tags with their quoted attributes), so
text and attribute values are skipped as what they are.

One compiled regular expression does the reading, each alternative starting with a
different character and quoted values matched as a whole, so it runs in linear time
(a page of 30 KB in well under a millisecond).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# Possessive, and ending at the end of the text when nothing closes them (as HTML reads
# an unclosed comment or tag): a token, once started, is never read again.
_ATTRS = r"""(?:[^>"']++|"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z))*+"""
_TOKEN = re.compile(
    r"<!--(?:.*?-->|.*+)"  # a comment
    rf"|<(?P<raw>script|style)\b{_ATTRS}(?:>(?:.*?</(?P=raw)\s*>|.*+)|\Z)"  # not markup
    rf"|<(?P<end>/?)(?P<name>[a-zA-Z][a-zA-Z0-9:-]*+)(?P<attrs>{_ATTRS})(?:>|\Z)",
    re.S | re.I)
_ATTRIBUTE = re.compile(
    r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): next((v for v in m.group(2, 3, 4) if v is not None), "")
            for m in _ATTRIBUTE.finditer(text)}


@dataclass(frozen=True)
class Tag:
    """A start or end tag: where it stands in the page, its name and attributes."""

    start: int
    end: int
    name: str
    closing: bool
    attributes: dict[str, str]


def _tokens(html: str, start: int = 0) -> Iterator[re.Match[str]]:
    """The tag tokens of ``html`` (comments, scripts and styles skipped)."""
    for match in _TOKEN.finditer(html, start):
        if match.group("name") is not None:
            yield match


def tags(html: str, start: int = 0) -> Iterator[Tag]:
    """The tags of ``html`` from ``start`` on, in order."""
    for match in _tokens(html, start):
        yield Tag(match.start(), match.end(), match.group("name").lower(),
                  bool(match.group("end")), _attributes(match.group("attrs")))


# The head holds no contributor text but titles and descriptions, which are escaped;
# it is still read as tags, skipping all but <meta> and </head> inside the engine.
_HEAD = re.compile(
    r"(?:[^<]++|<!--(?:.*?-->|.*+)"
    rf"|<script\b{_ATTRS}(?:>(?:.*?</script\s*>|.*+)|\Z)"
    rf"|<style\b{_ATTRS}(?:>(?:.*?</style\s*>|.*+)|\Z)"
    rf"|</(?!head\b)[^>]*+(?:>|\Z)|<(?!meta\b)[a-zA-Z][a-zA-Z0-9:-]*+{_ATTRS}(?:>|\Z)"
    r"|<!(?!--)[^>]*+(?:>|\Z)|<(?![a-zA-Z/!]))*+"
    rf"(?:(?P<end></head\b)|<meta\b(?P<attrs>{_ATTRS})(?:>|\Z)|\Z)", re.S | re.I)


def head(html: str, meta_prefix: str) -> tuple[int, bool]:
    """Where ``</head>`` starts (-1 without one), and whether the head has a
    ``<meta property="{meta_prefix}...">`` tag."""
    found = False
    for match in _HEAD.finditer(html):
        if match.group("end") is not None:
            return match.start("end"), found
        attrs = match.group("attrs")
        if attrs is not None and meta_prefix and not found and meta_prefix in attrs:
            found = _attributes(attrs).get("property", "").startswith(meta_prefix)
        elif match.end() == len(html):
            break
    return -1, found


@dataclass(frozen=True)
class Landmarks:
    """What the footer decoration needs to know about a page."""

    marked: bool  # some element carries the attribute asked about
    footer_end: int  # where the last </footer> starts, or -1
    body_end: int  # where </body> starts, or -1


@lru_cache(maxsize=8)
def _landmark_scanner(attribute: str) -> re.Pattern[str]:
    """Skips, inside the regular expression engine, everything but ``</footer>``,
    ``</body>`` and start tags that name ``attribute``: a page is then a handful of
    matches instead of a thousand tokens. Each alternative of the skipped part begins
    differently and is possessive, and a match always succeeds (at the latest at the
    end of the text), so the scan is linear."""
    head, rest = re.escape(attribute[0]), re.escape(attribute[1:])
    plain_attrs = rf"""(?:[^>"'{head}]++|{head}(?!{rest})|"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z))*+"""
    skip = (r"[^<]++"
            r"|<!--(?:.*?-->|.*+)"
            rf"|<script\b{_ATTRS}(?:>(?:.*?</script\s*>|.*+)|\Z)"
            rf"|<style\b{_ATTRS}(?:>(?:.*?</style\s*>|.*+)|\Z)"
            r"|</(?!(?:footer|body)\b)[^>]*+(?:>|\Z)"
            rf"|<[a-zA-Z][a-zA-Z0-9:-]*+{plain_attrs}(?:>|\Z)"
            r"|<!(?!--)[^>]*+(?:>|\Z)"
            r"|<(?![a-zA-Z/!])")
    found = (r"(?:</(?P<end>footer|body)\b[^>]*+(?:>|\Z)"
             rf"|(?P<tag><[a-zA-Z][a-zA-Z0-9:-]*+)(?P<attrs>{_ATTRS})(?:>|\Z)|\Z)")
    return re.compile(rf"(?:{skip})*+{found}", re.S | re.I)


def landmarks(html: str, attribute: str, after: str = "") -> Landmarks:
    """The last ``</footer>``, the ``</body>`` and whether an element has ``attribute``.

    ``after`` names an end tag (e.g. ``</article>``) after whose last occurrence the
    page holds no contributor text: the scan starts there (a page's footer is a small
    part of it). Contributor text is only ever inside the content: where it could look
    like that end tag (an attribute value), it stands before the real one.
    """
    marked, footer_end, body_end = False, -1, -1
    start = max(html.rfind(after), 0) if after else 0
    if html.find(attribute, 0, start) != -1:  # a mark placed before the content: read all
        start = 0
    for match in _landmark_scanner(attribute).finditer(html, start):
        end = match.group("end")
        if end is not None:
            if end.lower() == "footer":
                footer_end = match.start("end") - 2
            else:
                body_end = match.start("end") - 2
        elif match.group("tag") is not None and not marked:
            marked = attribute in _attributes(match.group("attrs"))
        elif match.end() == len(html):
            break
    return Landmarks(marked, footer_end, body_end)


__all__ = ["Landmarks", "Tag", "head", "landmarks", "tags"]
