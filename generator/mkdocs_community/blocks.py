"""Blocks that site authors place in their own Markdown pages.

A hand-written page asks for a live block with an HTML comment on a line of its
own, e.g. ``<!-- community:newest-members count=4 -->``. Markdown passes comments
through untouched and the adapter swaps each for the rendered block, so a page
that is viewed without the generator (on GitHub, say) just shows nothing there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .directory import member_url
from .pages import Build

MARKER = re.compile(r"<!--\s*community:([a-z0-9-]+)((?:\s+[a-z_]+=[^\s>]+)*)\s*-->")


@dataclass(frozen=True)
class BlockRequest:
    name: str
    params: dict[str, str]


Render = Callable[..., str]  # (template name, **context) -> HTML, bound to the page
Block = Callable[[Build, Render, dict[str, str]], str]


def parse_params(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in text.split())


def int_param(params: Mapping[str, str], name: str, default: int) -> int:
    value = params.get(name, "")
    return int(value) if value.isdigit() else default


def expand(html: str, build: Build, render: Render,
           blocks: Mapping[str, Block]) -> tuple[str, list[str]]:
    """Replace every block marker in ``html``; also return the unknown block names."""
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        block = blocks.get(name)
        if block is None:
            unknown.append(name)
            return match.group(0)
        return block(build, render, parse_params(match.group(2)))

    return MARKER.sub(replace, html), unknown


def newest_members(build: Build, render: Render, params: dict[str, str]) -> str:
    """The people who joined most recently, welcomed on the home page."""
    count = int_param(params, "count", 6)
    members = sorted(build.community.listed_members, key=lambda m: (m.joined, m.id),
                     reverse=True)[:count]
    return render("community/blocks/newest-members.html", members=members,
                  member_url=member_url)
