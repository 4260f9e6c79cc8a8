"""A celebration of members' achievements: ``content/spotlights/<yyyy-mm-dd>-<slug>.md``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic.json_schema import SkipJsonSchema

from mkdocs_community.core.i18n import N_
from mkdocs_community.core.records.common import Date, HttpsUrl, Loc, Record, RecordId, _fail, text

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif")
SPOTLIGHT_ID = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_IMAGE_BYTES = 2 * 1024 * 1024


class SpotlightKind(StrEnum):
    AWARD = "award"
    NEW_ROLE = "new-role"
    PROMOTION = "promotion"
    PUBLICATION = "publication"
    TALK = "talk"
    CERTIFICATION = "certification"
    GRADUATION = "graduation"
    OPEN_SOURCE = "open-source"
    PROJECT = "project"
    MILESTONE = "milestone"
    OTHER = "other"


# English labels, marked for the catalogs; pages show them through Language.gettext.
KIND_LABELS = {
    "award": N_("Award"), "new-role": N_("New role"), "promotion": N_("Promotion"),
    "publication": N_("Publication"), "talk": N_("Talk"),
    "certification": N_("Certification"), "graduation": N_("Graduation"),
    "open-source": N_("Open source"), "project": N_("Project"),
    "milestone": N_("Milestone"), "other": N_("Other"),
}


def _image(value: str) -> str:
    path = PurePosixPath(value.strip().replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or "://" in value or not path.parts:
        raise _fail("image-path", "image '{value}' must be a path inside the content folder",
                    "put the image under content/ (e.g. content/images/spotlights/) and write "
                    "its path from there: 'images/spotlights/award.png'", value=value)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise _fail("image-type", "image must be a {types} file",
                    "SVG is not accepted because it can carry scripts",
                    types="/".join(s.lstrip(".") for s in IMAGE_SUFFIXES))
    return path.as_posix()


ImagePath = Annotated[str, AfterValidator(_image), Field(max_length=300)]


class Spotlight(Record):
    """An achievement worth celebrating: a new job, a talk, a paper, a first pull request."""

    title: text(160)
    date: Date | None = Field(None, description="Defaults to the date in the file name")
    members: list[RecordId] = Field(min_length=1, max_length=30,
                                    description="Member ids of the people celebrated")
    kind: SpotlightKind
    summary: text(400)
    image: ImagePath | None = Field(None, description="Path of an image inside the content "
                                    "folder, e.g. images/spotlights/award.png")
    image_alt: text(300) | None = Field(None, description="What the image shows; required "
                                        "with an image")
    url: HttpsUrl | None = Field(None, description="Where to read or watch more")
    body: SkipJsonSchema[str] = ""

    def references(self) -> Iterator[tuple[Loc, str, str]]:
        for i, member in enumerate(self.members):
            yield ("members", i), "member", member

    @property
    def day(self) -> dt.date:
        """The spotlight's date: the field, else the date its file name starts with."""
        if self.date:
            return self.date
        match = SPOTLIGHT_ID.match(self.id)
        return dt.date.fromisoformat(match.group(1)) if match else dt.date.min

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind.value]
