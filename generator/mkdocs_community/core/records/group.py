"""A learning group: ``content/groups/<slug>.md``.

Learning circles, study groups, working groups, book clubs and projects. ``meets``
is either free text ("every other Tuesday, 18:00 UTC") or the id of the recurring
event the group meets at (an id from ``events/``, which starts with its date).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic.json_schema import SkipJsonSchema

from mkdocs_community.core.i18n import N_
from mkdocs_community.core.records.common import (
    Loc,
    Record,
    RecordId,
    Topics,
    YearMonth,
    _fail,
    _https_url,
    markdown,
    text,
)
from mkdocs_community.core.records.member import LanguageTag
from mkdocs_community.core.safety import url_problem

EVENT_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")


class GroupKind(StrEnum):
    LEARNING_CIRCLE = "learning-circle"
    STUDY_GROUP = "study-group"
    PEER_GROUP = "peer-group"
    WORKING_GROUP = "working-group"
    BOOK_CLUB = "book-club"
    PROJECT = "project"
    PRACTICE_GROUP = "practice-group"


class GroupStatus(StrEnum):
    OPEN = "open"
    FULL = "full"
    COMPLETED = "completed"


# English labels, marked for the catalogs; pages show them through Language.gettext.
KIND_LABELS = {
    "learning-circle": N_("Learning circle"), "study-group": N_("Study group"),
    "peer-group": N_("Peer group"), "working-group": N_("Working group"),
    "book-club": N_("Book club"), "project": N_("Project"),
    "practice-group": N_("Practice group"),
}
STATUS_LABELS = {"open": N_("Open to new members"), "full": N_("Full"),
                 "completed": N_("Completed")}


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _join(value: str) -> str:
    """A https link alone, or short instructions (Markdown) on how to join."""
    text = value.strip()
    if not text:
        raise _fail("empty-value", "join must not be empty", "give a link or a sentence")
    first, *rest = text.split(maxsplit=1)
    if _SCHEME.match(first) and (not rest or "//" in first):
        if rest:
            raise _fail("join-link", "a join link must stand alone",
                        "give only the https:// address, or write a sentence with the "
                        "link in it as Markdown: [the sign-up form](https://...)")
        return _https_url(text)
    return value


Join = Annotated[markdown(600), AfterValidator(_join)]


class Group(Record):
    """A group of members learning or working on something together."""

    name: text(120)
    summary: text(400)
    kind: GroupKind
    status: GroupStatus
    facilitators: list[RecordId] = Field(min_length=1, max_length=6)
    members: list[RecordId] = Field([], max_length=100)
    topics: Topics = Field(default_factory=list)
    goals: list[RecordId] = Field([], max_length=10)
    meets: text(200) | None = Field(None, description="How often and when, or the id of the "
                                    "group's recurring event in events/")
    join: Join | None = Field(None, description="A https link, or how to join in a sentence")
    capacity: int | None = Field(None, ge=1, le=500, description="Most members the group takes")
    started: YearMonth | None = None
    ends: YearMonth | None = None
    language: LanguageTag | None = None
    body: SkipJsonSchema[str] = ""

    def references(self) -> Iterator[tuple[Loc, str, str]]:
        for i, member in enumerate(self.facilitators):
            yield ("facilitators", i), "member", member
        for i, member in enumerate(self.members):
            yield ("members", i), "member", member
        for i, goal in enumerate(self.goals):
            yield ("goals", i), "goal", goal
        if self.meets_event:
            yield ("meets",), "event", self.meets_event

    @property
    def meets_event(self) -> str | None:
        """The id of the recurring event the group meets at, if ``meets`` names one."""
        return self.meets if self.meets and EVENT_ID.match(self.meets) else None

    @property
    def meets_text(self) -> str:
        return "" if self.meets_event else (self.meets or "")

    @property
    def join_url(self) -> str:
        """The join link, when ``join`` is one (checked as every stored URL is)."""
        return self.join if self.join and url_problem(self.join) is None else ""

    @property
    def everyone(self) -> list[str]:
        """Facilitators then members, each once."""
        return list(dict.fromkeys([*self.facilitators, *self.members]))

    @property
    def is_open(self) -> bool:
        return self.status is GroupStatus.OPEN

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind.value]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status.value]
