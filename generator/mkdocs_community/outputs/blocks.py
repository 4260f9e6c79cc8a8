"""Blocks that site authors place in their own Markdown pages.

A hand-written page asks for a live block with an HTML comment on a line of its
own, e.g. ``<!-- community:newest-members count=4 -->``. Markdown passes comments
through untouched and the adapter swaps each for the rendered block, so a page
that is viewed without the generator (on GitHub, say) just shows nothing there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from mkdocs_community.core.build import Build

# Never starting inside a run of spaces: linear even where it is searched for, not matched.
_MARKER = re.compile(r"(?<!\s)\s*+community:([a-z0-9-]+)((?:\s+[a-z_]+=\S+)*)\s*",
                     re.ASCII)
PARAMETERS = ("count",)  # what every block takes
MAX_COUNT = 50


@dataclass(frozen=True)
class BlockProblem:
    """A marker that was left as it is: ``marker`` is its text as written, to find it."""

    marker: str
    code: str
    message: str
    hint: str = ""
    severity: str = "error"


Render = Callable[..., str]  # (template name, **context) -> HTML, bound to the page
Block = Callable[[Build, Render, dict[str, str]], str]


def parse_params(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in text.split())


def int_param(params: Mapping[str, str], name: str, default: int) -> int:
    value = params.get(name, "")
    return int(value) if value.isascii() and value.isdigit() else default


def _param_problem(params: dict[str, str]) -> tuple[str, str, str] | None:
    for key, value in params.items():
        if key not in PARAMETERS:
            return ("block-parameter", f"unknown parameter '{key}'",
                    "blocks take " + ", ".join(PARAMETERS))
        if not (value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_COUNT):
            return ("block-parameter", f"{key}={value} must be a number from 1 to {MAX_COUNT}",
                    f"write e.g. {key}=3")
    return None


def _comments(html: str) -> list[tuple[int, int]]:
    """(start, end) of every HTML comment, end after its '-->', in one pass."""
    found, at = [], 0
    while (start := html.find("<!--", at)) != -1:
        close = html.find("-->", start + 4)
        if close == -1:
            break
        found.append((start, close + 3))
        at = close + 3
    return found


@dataclass(frozen=True)
class _Marker:
    start: int
    end: int
    name: str
    params: dict[str, str]


def _markers(html: str, known: Collection[str]) -> tuple[list[_Marker], list[BlockProblem]]:
    """The good markers of ``html`` (in order) and the problems of the others."""
    good: list[_Marker] = []
    problems: list[BlockProblem] = []
    for start, end in _comments(html):
        body = html[start + 4:end - 3]
        if "community:" not in body:
            continue
        marker = html[start:end]
        match = _MARKER.fullmatch(body)
        if "<!--" in body:
            problems.append(BlockProblem(marker, "block-nested",
                                         "a block marker inside another comment",
                                         "a comment cannot hold another; put each marker in "
                                         "its own <!-- ... -->"))
        elif match is None:
            problems.append(BlockProblem(marker, "block-syntax",
                                         "a block marker must read <!-- community:NAME -->, "
                                         "optionally with count=N",
                                         "e.g. <!-- community:newest-members count=4 -->"))
        elif match.group(1) not in known:
            problems.append(BlockProblem(marker, "block-unknown",
                                         f"unknown community block '{match.group(1)}'",
                                         "known blocks: " + ", ".join(sorted(known)),
                                         "warning"))
        else:
            params = parse_params(match.group(2))
            problem = _param_problem(params)
            if problem is not None:
                problems.append(BlockProblem(marker, *problem))
            else:
                good.append(_Marker(start, end, match.group(1), params))
    return good, problems


def expand(html: str, build: Build, render: Render,
           blocks: Mapping[str, Block]) -> tuple[str, list[BlockProblem]]:
    """Replace every block marker in ``html``; also return the markers left alone.

    A marker is a whole comment, ``<!-- community:NAME count=N -->``: the page is read
    comment by comment, so a marker inside another comment, or a comment opened inside
    a marker, is reported and left alone (replacing the inner one would leave the outer
    comment open, hiding the rest of the page). Parameters are checked before a block
    sees them.
    """
    good, problems = _markers(html, blocks)
    pieces, at = [], 0
    for marker in good:
        pieces.extend([html[at:marker.start], blocks[marker.name](build, render, marker.params)])
        at = marker.end
    pieces.append(html[at:])
    return "".join(pieces), problems


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"`[^`\n]*+`")


def source_problems(source: str, known: Collection[str]) -> list[tuple[int, int, BlockProblem]]:
    """(line, col, problem) of each bad marker in a page's Markdown source.

    What ``community validate`` reports before any build: code (fenced blocks, inline
    code) is skipped, as Markdown shows it as text rather than passing it through.
    """
    lines, fence = [], ""
    for line in source.split("\n"):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            lines.append(" " * len(line))
        elif opened:
            fence = opened.group(1)
            lines.append(" " * len(line))
        else:
            lines.append(_CODE_SPAN.sub(lambda m: " " * len(m.group()), line))
    masked = "\n".join(lines)
    _, problems = _markers(masked, known)
    found = []
    at = 0
    for problem in problems:
        where = masked.find(problem.marker, at)
        at = where + 1
        found.append((masked.count("\n", 0, where) + 1, where - masked.rfind("\n", 0, where),
                      problem))
    return found


def locate(source: str, marker: str) -> tuple[int, int]:
    """(line, col) of ``marker`` in a page's Markdown ``source``, else (0, 0)."""
    at = source.find(marker)
    if at == -1:
        return 0, 0
    return source.count("\n", 0, at) + 1, at - source.rfind("\n", 0, at)
