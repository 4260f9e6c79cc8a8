"""The kinds of record a community holds, and where each lives.

Adding a record kind means writing its model in ``records/`` and adding one
:class:`Kind` here; loading, validation, reference checks, ``community new`` and
``community schema`` pick it up from this table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mkdocs_community.core.records.common import Record
from mkdocs_community.core.records.event import EVENT_ID, EVENT_ID_HINT, Event
from mkdocs_community.core.records.goal import Goal
from mkdocs_community.core.records.group import Group
from mkdocs_community.core.records.member import MEMBER_ID, Member
from mkdocs_community.core.records.resource import Resource
from mkdocs_community.core.records.spotlight import SPOTLIGHT_ID, Spotlight

if TYPE_CHECKING:
    from mkdocs_community.core.settings import Settings


@dataclass(frozen=True)
class Kind:
    name: str  # "member": used in references and messages
    plural: str  # "members": the Community attribute and the URL section
    model: type[Record]
    folder_setting: str  # attribute of Settings naming the folder, or "content_dir"
    subfolder: str = ""  # below that folder, e.g. "resources" in content/
    suffixes: tuple[str, ...] = (".yml", ".yaml")
    has_body: bool = False  # Markdown records: the text after the front matter
    id_pattern: re.Pattern[str] = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    id_hint: str = "use lowercase letters, digits and hyphens, e.g. 'ada-lovelace'"

    def folder(self, settings: Settings) -> str:
        base = getattr(settings, self.folder_setting)
        return f"{base}/{self.subfolder}".rstrip("/") if self.subfolder else base


KINDS: tuple[Kind, ...] = (
    Kind("member", "members", Member, "members_dir", id_pattern=MEMBER_ID,
         id_hint="name the file after your GitHub handle in lowercase, e.g. 'octocat.yml'"),
    Kind("resource", "resources", Resource, "content_dir", "resources", (".md",), has_body=True,
         id_hint="name the file after the resource, e.g. 'sql-window-functions.md'"),
    Kind("spotlight", "spotlights", Spotlight, "content_dir", "spotlights", (".md",),
         has_body=True, id_pattern=SPOTLIGHT_ID,
         id_hint="name the file <yyyy-mm-dd>-<slug>.md, e.g. '2026-03-14-first-talk.md'"),
    Kind("group", "groups", Group, "content_dir", "groups", (".md",), has_body=True,
         id_hint="name the file after the group, e.g. 'sql-study-circle.md'"),
    Kind("goal", "goals", Goal, "content_dir", "goals", (".md",), has_body=True,
         id_hint="name the file after the goal, e.g. 'first-contribution.md'"),
    Kind("event", "events", Event, "events_dir", suffixes=(".md", ".yml", ".yaml"),
         has_body=True, id_pattern=EVENT_ID, id_hint=EVENT_ID_HINT),
)


def kind(name: str) -> Kind:
    for k in KINDS:
        if name in (k.name, k.plural):
            return k
    raise KeyError(name)
