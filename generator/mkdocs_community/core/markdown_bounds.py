"""Limits on contributor Markdown, checked before Python-Markdown sees the text.

Python-Markdown is quadratic on some inputs and recursive on others: a 20 KB event
body of ``[`` took a minute to build, 60 KB nine minutes, and a list nested 300 levels
deep raised ``RecursionError``. Such text is never needed to write a bio or an event
description, so it is refused with a located error instead, by one linear pass over
the text:

- length: a body holds at most ``MAX_CHARS`` characters;
- nesting: at most ``MAX_INDENT`` columns of indentation (about 16 list levels) and
  ``MAX_QUOTES`` levels of ``>`` quoting;
- what the parser scans again and again: per paragraph at most ``MAX_BRACKETS``
  ``[`` (links, images, footnotes) and per text ``MAX_BRACKETS_TOTAL``; per text at most
  ``MAX_TAGS`` ``<`` that start a tag (raw HTML, autolinks: an unclosed one is looked
  for again in all that follows); per line at most ``MAX_PIPES`` ``|`` (table cells).

The limits are far above what prose uses (a paragraph with 100 links is unreadable)
and keep the worst case of one body to a fraction of a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 50_000
MAX_INDENT = 64
MAX_QUOTES = 16
MAX_BRACKETS = 100
MAX_BRACKETS_TOTAL = 2_000
MAX_TAGS = 400
MAX_PIPES = 100


_TAG_START = re.compile(r"<[A-Za-z/!?]")


@dataclass(frozen=True)
class MarkdownProblem:
    """What is wrong, where: ``line`` and ``col`` are 1-based within the text."""

    line: int
    col: int
    code: str
    message: str
    hint: str


def _indent(line: str) -> int:
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _quotes(line: str) -> int:
    depth = 0
    for char in line:
        if char == ">":
            depth += 1
        elif char not in " \t":
            break
    return depth


def markdown_problem(text: str, max_chars: int = MAX_CHARS) -> MarkdownProblem | None:
    """The first limit ``text`` breaks, or None. Linear in the length of ``text``."""
    brackets = total = 0
    tags = len(_TAG_START.findall(text))
    if tags > MAX_TAGS:
        at = [m.start() for m in _TAG_START.finditer(text)][MAX_TAGS]
        line = text.count("\n", 0, at) + 1
        return MarkdownProblem(line, at - text.rfind("\n", 0, at), "markdown-too-complex",
                               f"the text has more than {MAX_TAGS} HTML tags ('<')",
                               "write it in Markdown, or write '<' as '&lt;' where it is "
                               "not a tag")
    block_line = 1
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            brackets = 0
            block_line = number + 1
            continue
        if _indent(line) > MAX_INDENT:
            return MarkdownProblem(number, 1, "markdown-too-deep",
                                   f"the line is indented by more than {MAX_INDENT} columns",
                                   "lists and quotes may nest about 16 levels; flatten them")
        if _quotes(line) > MAX_QUOTES:
            return MarkdownProblem(number, 1, "markdown-too-deep",
                                   f"the line is quoted more than {MAX_QUOTES} levels deep "
                                   "('>')", "flatten the quotes")
        if line.count("|") > MAX_PIPES:
            return MarkdownProblem(number, line.index("|") + 1, "markdown-too-complex",
                                   f"the line has more than {MAX_PIPES} '|' (table cells)",
                                   "split the table, or write the values as a list")
        opened = line.count("[") - line.count("\\[")  # '\[' is plain text to the parser
        brackets += opened
        total += opened
        if brackets > MAX_BRACKETS or total > MAX_BRACKETS_TOTAL:
            limit = (f"{MAX_BRACKETS} in one paragraph" if brackets > MAX_BRACKETS
                     else f"{MAX_BRACKETS_TOTAL} in all")
            return MarkdownProblem(block_line, 1, "markdown-too-complex",
                                   f"the text has more than {limit} '[' (links, images)",
                                   "split long lists of links into paragraphs, or write "
                                   "'[' as '\\[' where it is not a link")
    if len(text) > max_chars:  # after the lines: a deep list is told as too deep
        return MarkdownProblem(1, 1, "markdown-too-long",
                               f"the text is {len(text):,} characters long; the limit is "
                               f"{max_chars:,}",
                               "shorten it, or link to a longer document elsewhere")
    return None


__all__ = ["MAX_CHARS", "MarkdownProblem", "markdown_problem"]
