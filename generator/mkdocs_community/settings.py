"""Site-wide settings the core needs, free of any framework.

The MkDocs adapter fills this from the plugin's options in ``mkdocs.yml``; the CLI
reads the same options from the same file, so both see one community.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Channel:
    """A place where the community talks: chat, forum, mailing list, social account."""

    name: str
    url: str
    description: str = ""
    kind: str = "chat"


@dataclass(frozen=True)
class Settings:
    root: Path
    name: str = "Our community"
    timezone: str = "UTC"
    members_dir: str = "members"
    events_dir: str = "events"
    content_dir: str = "content"
    topics_file: str = "content/topics.yml"
    repo_url: str = ""
    edit_base: str = ""  # URL prefix that, joined with a repo path, opens it for editing
    site_url: str = ""
    maintainers: tuple[str, ...] = ()
    channels: tuple[Channel, ...] = ()
    feedback_url: str = ""
    require_recurrence_end: bool = True
    max_file_bytes: int = 256 * 1024
    features: frozenset[str] = field(default_factory=frozenset)
    # When each cohort's programme ends: its members count as alumni after that day.
    cohort_ends: tuple[tuple[str, dt.date], ...] = ()
    # The language generated pages are written in (a BCP 47 tag: "es", "pt-BR", "ar"):
    # the plugin's ``language`` option, else ``theme.language``.
    language: str = "en"

    def path(self, relative: str) -> Path:
        return self.root / relative

    def edit_url(self, repo_path: str) -> str:
        """The repository URL at which a contributor edits ``repo_path``, or ''."""
        return self.edit_base.rstrip("/") + "/" + repo_path if self.edit_base else ""


def today_in(settings: Settings, now: dt.datetime) -> dt.date:
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(settings.timezone)).date()
