"""A resource in the shared library: ``content/resources/<slug>.md``.

Either a link to something elsewhere (``url``) or an internal guide written in the
file's Markdown body. A linked resource may have a body too: the contributor's notes
on why and how to use it.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from .common import Date, HttpsUrl, Loc, Record, RecordId, Topics, text
from .member import LanguageTag


class ResourceType(StrEnum):
    ARTICLE = "article"
    GUIDE = "guide"
    VIDEO = "video"
    COURSE = "course"
    BOOK = "book"
    TOOL = "tool"
    TEMPLATE = "template"
    PODCAST = "podcast"
    TALK = "talk"
    PAPER = "paper"
    DATASET = "dataset"
    READING_LIST = "reading-list"
    OTHER = "other"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    ALL = "all-levels"


TYPE_LABELS = {t.value: t.value.replace("-", " ").capitalize() for t in ResourceType}
LEVEL_LABELS = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced",
                "all-levels": "All levels"}
LEVEL_ORDER = {level: i for i, level in enumerate(LEVEL_LABELS)}


class Resource(Record):
    """Something worth learning from: a link with a recommendation, or a guide written here."""

    title: text(160)
    summary: text(400) = Field(description="One or two sentences: what it is and who it helps")
    type: ResourceType
    url: HttpsUrl | None = Field(None, description="Where it lives; leave out for a guide "
                                 "written in this file's body")
    level: Level | None = None
    topics: Topics = Field(default_factory=list)
    goals: list[RecordId] = Field([], max_length=10, description="Ids of goals it serves")
    contributed_by: RecordId = Field(description="Member id of who added it")
    added: Date
    author: text(160) | None = Field(None, description="Who made it, if not the contributor")
    language: LanguageTag | None = None
    free: bool = Field(True, description="false when it costs money to use")
    body: SkipJsonSchema[str] = ""

    def references(self) -> Iterator[tuple[Loc, str, str]]:
        yield ("contributed_by",), "member", self.contributed_by
        for i, goal in enumerate(self.goals):
            yield ("goals", i), "goal", goal

    @property
    def is_guide(self) -> bool:
        """An internal guide: the text is here, not behind a link."""
        return self.url is None

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type.value]

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level.value] if self.level else ""
