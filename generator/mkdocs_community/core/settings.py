"""Site-wide settings the core needs, free of any framework.

The MkDocs adapter fills this from the plugin's options in ``mkdocs.yml``; the CLI
reads the same options from the same file, so both see one community.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
    # The topics option was left unset: a missing file is an empty vocabulary, not an error.
    topics_optional: bool = False
    repo_url: str = ""
    edit_base: str = ""  # URL prefix that, joined with a repo path, opens it for editing
    site_url: str = ""
    maintainers: tuple[str, ...] = ()
    channels: tuple[Channel, ...] = ()
    feedback_url: str = ""
    require_recurrence_end: bool = True
    # How a timed event without an end or duration lasts; None: one of them is required.
    default_duration: dt.timedelta | None = None
    # "strict": topics come from the topics file only; "suggest": others are warned about
    # and kept (the file is the curated set filters offer); "open": free tags.
    topic_mode: str = "strict"
    max_file_bytes: int = 256 * 1024
    # When each cohort's programme ends: its members count as alumni after that day.
    cohort_ends: tuple[tuple[str, dt.date], ...] = ()
    # The language generated pages are written in (a BCP 47 tag: "es", "pt-BR", "ar"):
    # the plugin's ``language`` option, else ``theme.language``.
    language: str = "en"
    # Pages the generated pages link to: a site-relative URL ("join/"), an https URL, or
    # '' where the site has no such page (the links are then left out).
    join_url: str = "join/"
    join_page_generated: bool = False  # the site has no join page: the generator writes one
    code_of_conduct_url: str = "code-of-conduct/"
    privacy_url: str = ""
    # The plugin's ``now`` option (an ISO date-time): the build's "now" when set (tests,
    # previews of a future date); '' for SOURCE_DATE_EPOCH or the clock.
    now: str = ""

    def path(self, relative: str) -> Path:
        return self.root / relative

    @property
    def profile_form_url(self) -> str:
        """The "Create your profile" page (profile_form.py), beside the join page whose URL
        it extends ("join/" -> "join/profile/"); at join/profile/ when that page is on
        another site."""
        join = self.join_url
        if join and "://" not in join and join.endswith("/"):
            return join + "profile/"
        return "join/profile/"

    def edit_url(self, repo_path: str) -> str:
        """The repository URL at which a contributor edits ``repo_path``, or ''."""
        return self.edit_base.rstrip("/") + "/" + repo_path if self.edit_base else ""


TOPIC_MODES = ("strict", "suggest", "open")


def today_in(settings: Settings, now: dt.datetime) -> dt.date:
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(settings.timezone)).date()
