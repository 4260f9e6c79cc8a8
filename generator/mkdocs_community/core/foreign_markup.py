"""Markup from other site generators in contributor Markdown, and images that vanish.

Texts moved over from a Jekyll site keep Liquid tags (``{{ site.baseurl }}``,
``{% include %}``) and kramdown attribute lists (``{: style="..."}``): Python-Markdown
publishes them as literal text, or as links that lead nowhere. Images in contributor
text are dropped by the sanitiser (a remote image lets its host track every reader). Each
is a located warning, so a migration does not publish them unnoticed. Code (fenced
blocks, inline code spans) is left alone: it may show such tags on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_LIQUID = re.compile(r"\{\{[^{}\n]{0,200}\}\}|\{%[^%\n]{0,200}%\}")
_IAL = re.compile(r"\{:[^{}\n]{0,300}\}")
_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\(|<img\b", re.I)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"`[^`\n]{1,500}`")


@dataclass(frozen=True)
class Found:
    line: int  # 1-based, within the text
    col: int
    code: str
    message: str
    hint: str


def _prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) outside fenced code, with inline code blanked out."""
    fence = ""
    for number, line in enumerate(text.split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and \
                    len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        yield number, _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)


def foreign_markup(text: str) -> list[Found]:
    """Liquid tags, kramdown attribute lists and images in Markdown ``text``."""
    found = []
    for number, line in _prose_lines(text):
        for match in _LIQUID.finditer(line):
            found.append(Found(number, match.start() + 1, "liquid-tag",
                               f"the Jekyll/Liquid tag '{match.group()}' would be published "
                               "as it is written",
                               "write what it stands for: a full link (e.g. "
                               "https://example.org/page) or the text itself"))
        for match in _IAL.finditer(line):
            found.append(Found(number, match.start() + 1, "kramdown-attributes",
                               f"the kramdown attribute list '{match.group()}' would be "
                               "published as text", "remove it; the theme styles the page"))
        for match in _IMAGE.finditer(line):
            found.append(Found(number, match.start() + 1, "image-dropped",
                               "this image is left out: pages publish no images from "
                               "contributed text (a remote image lets its host follow "
                               "every reader)",
                               "link to it instead, e.g. [the poster](https://...)"))
    return found
