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

from mkdocs_community.core.i18n import N_
from mkdocs_community.core.records.common import Date, HttpsUrl, Loc, Record, RecordId, Topics, text
from mkdocs_community.core.records.member import LanguageTag


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


# English labels, marked for the catalogs; pages show them through Language.gettext.
TYPE_LABELS = {
    "article": N_("Article"), "guide": N_("Guide"), "course": N_("Course"),
    "video": N_("Video"), "book": N_("Book"), "tool": N_("Tool"),
    "template": N_("Template"), "podcast": N_("Podcast"), "talk": N_("Talk"),
    "paper": N_("Paper"), "dataset": N_("Dataset"), "reading-list": N_("Reading list"),
    "other": N_("Other"),
}
# The link to the resource itself, one whole phrase per type (articles and genders differ).
OPEN_LABELS = {
    "article": N_("Open the article"), "guide": N_("Open the guide"),
    "course": N_("Open the course"), "video": N_("Open the video"),
    "book": N_("Open the book"), "tool": N_("Open the tool"),
    "template": N_("Open the template"), "podcast": N_("Open the podcast"),
    "talk": N_("Open the talk"), "paper": N_("Open the paper"),
    "dataset": N_("Open the dataset"), "reading-list": N_("Open the reading list"),
    "other": N_("Open the resource"),
}
LEVEL_LABELS = {"beginner": N_("Beginner"), "intermediate": N_("Intermediate"),
                "advanced": N_("Advanced"), "all-levels": N_("All levels")}
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
