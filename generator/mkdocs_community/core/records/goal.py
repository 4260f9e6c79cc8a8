"""One of the programme's stated goals: ``content/goals/<slug>.md``."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from mkdocs_community.core.i18n import N_
from mkdocs_community.core.records.common import Record, text


class GoalStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    RETIRED = "retired"


STATUS_LABELS = {"active": N_("Active"), "achieved": N_("Achieved"), "retired": N_("Retired")}


class Goal(Record):
    """What the programme sets out to do; events, resources and groups name the goals they serve."""

    title: text(120)
    summary: text(400)
    measures: list[text(240)] = Field([], max_length=12,
                                      description="What success looks like, one per line")
    status: GoalStatus = GoalStatus.ACTIVE
    order: int = Field(100, ge=0, le=1000, description="Position on the goals page (lower first)")
    body: SkipJsonSchema[str] = ""
