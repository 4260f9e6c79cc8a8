"""The member template (``templates/new/member.yml``) read as data: its fields in order,
commented out or not, with the comments that explain them and the examples they show.

It is the file ``community new member`` writes and the copy-me file of the repository, so
the profile form takes from it the order a profile's fields are written in, and their
help text, rather than keeping a second copy of either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_KEY = re.compile(r"^([a-z][a-z0-9_]*):(?:[ \t]+(\S.*))?$")


@dataclass(frozen=True)
class TemplateEntry:
    """A field as the template shows it: where, after which comment, with which example."""

    path: tuple[str, ...]
    run: int  # entries introduced by the same comment share a run
    note: str  # that comment
    help: str  # the comment at the end of the field's own line
    example: str


def read_template(text: str, known: set[tuple[str, ...]]) -> tuple[str, list[TemplateEntry]]:
    """The template's modeline and its fields (commented out or not), in file order.

    A line ``key: value`` or ``# key: value`` is a field when ``key`` is one of ``known``
    at that indentation; other comments are help text for the fields that follow them.
    """
    lines = text.splitlines()
    modeline = lines[0] if lines and lines[0].startswith("# yaml-language-server:") else ""
    entries: list[TemplateEntry] = []
    prose: list[str] = []
    note, run = "", 0
    stack: list[tuple[int, str]] = []
    for raw in lines[1 if modeline else 0:]:
        if not raw.strip():
            prose, note, stack = [], "", []
            run += 1
            continue
        content = raw
        if raw.lstrip().startswith("#"):
            content = raw.lstrip()[1:]
            content = content[1:] if content.startswith(" ") else content
        indent = len(content) - len(content.lstrip(" "))
        match = _KEY.fullmatch(content.strip())
        path: tuple[str, ...] = ()
        if match:
            while stack and stack[-1][0] >= indent:
                stack.pop()
            path = (*(k for _, k in stack), match.group(1))
        if not match or path not in known:
            # An indented line or a list item ("#   - {name: ...}") is the example of the
            # field above it, not a comment on what follows; a list item's fields are
            # examples of the fields of the list's entries.
            if entries and content.strip().startswith("- "):
                entries.extend(_item_examples(content.strip()[2:], entries, known))
            if raw.lstrip().startswith("#") and not content.startswith((" ", "-")):
                if not prose:
                    run += 1
                prose.append(content.strip())
                note = ""
            continue
        if prose:
            note, prose = " ".join(prose), []
        stack.append((indent, match.group(1)))
        value, _, trailing = (match.group(2) or "").partition(" #")
        entries.append(TemplateEntry(path, run, note, trailing.strip(), _example(value)))
    return modeline, entries


def _item_examples(item: str, entries: list[TemplateEntry],
                   known: set[tuple[str, ...]]) -> list[TemplateEntry]:
    """The fields of a list's entry (``{name: University of Oxford, ror: 052gg0110}``) as
    examples of the list's fields, where no earlier entry gave one."""
    owner = next(e for e in reversed(entries) if len(e.path) == 1)
    try:
        parsed = yaml.safe_load(item)
    except yaml.YAMLError:
        return []
    if not isinstance(parsed, dict):
        return []
    had = {e.path for e in entries}
    return [TemplateEntry((*owner.path, key), owner.run, "", "", _scalar(value))
            for key, value in parsed.items()
            if (*owner.path, key) in known and (*owner.path, key) not in had]


def _scalar(value: object) -> str:
    return "" if isinstance(value, bool) or not isinstance(value, str | int) else str(value)


def _example(value: str) -> str:
    value = value.strip()
    if not value or value[0] in "[{|>" or "{" in value:
        return ""  # lists have pickers; "{handle}" is filled in by `community new`
    try:
        parsed = yaml.safe_load(value)
    except yaml.YAMLError:
        return ""
    return _scalar(parsed)
