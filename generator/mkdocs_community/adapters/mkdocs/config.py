"""The plugin's options in ``mkdocs.yml``, typed, and their translation to core Settings."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError

from mkdocs_community.core.i18n import language_problem
from mkdocs_community.core.neutralise import terminal_text
from mkdocs_community.core.records.event import parse_duration
from mkdocs_community.core.safety import url_problem
from mkdocs_community.core.settings import TOPIC_MODES, Channel, Settings
from mkdocs_community.core.site_config import (
    CHANNEL_KINDS,
    LINKED_PAGES,
    edit_base,
    linked_page,
    normalise_maintainers,
    relative_folder_problem,
    timezone_problem,
)


class TimeZoneOption(c.Type):
    """An IANA time-zone name, checked when the config loads."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        problem = timezone_problem(name)
        if problem:
            raise ValidationError(problem)
        return name


class FolderOption(c.Type):
    """A path inside the site's folder (never absolute, never climbing out with '..')."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        path = super().run_validation(value)
        problem = relative_folder_problem(path)
        if problem:
            raise ValidationError(f"'{path}' {problem}")
        return path


class UrlOption(c.Type):
    """An https URL as records hold them (RFC 3986), or '' where that is allowed."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value)
        problem = url_problem(url) if url else None
        if problem is not None:
            raise ValidationError(f"'{url}': {problem[1]}")
        return url


class LanguageOption(c.Type):
    """A language tag CLDR knows ('es', 'pt-BR', 'ar'), or unset for the theme's."""

    def __init__(self) -> None:
        super().__init__(str, default=None)

    def run_validation(self, value: object) -> str:
        tag = super().run_validation(value)
        problem = language_problem(tag)
        if problem:
            raise ValidationError(problem)
        return tag.strip()


class CohortEndsOption(c.Type):
    """A mapping of cohort name to the date its programme ends."""

    def __init__(self) -> None:
        super().__init__(dict, default={})

    def run_validation(self, value: object) -> tuple[tuple[str, dt.date], ...]:
        ends = []
        for cohort, day in super().run_validation(value).items():
            try:
                ends.append((str(cohort), dt.date.fromisoformat(str(day))))
            except ValueError:
                raise ValidationError(f"'{terminal_text(day)}' for cohort "
                                      f"'{terminal_text(cohort)}' is not a date "
                                      "(write YYYY-MM-DD)") from None
        return tuple(sorted(ends))


class DurationOption(c.Type):
    """A duration as events write it ('1h', '90m'), or unset."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> dt.timedelta | None:
        written = super().run_validation(value)
        if not written:
            return None
        duration = parse_duration(written)
        if duration is None:
            raise ValidationError(f"'{terminal_text(written)}' is not a duration "
                                  "(write e.g. 1h or 90m)")
        return duration


class NavSectionOption(c.Type):
    """The title of the nav section that receives missing sections, or false for none."""

    def __init__(self, default: str) -> None:
        super().__init__((str, bool), default=default)

    def run_validation(self, value: object) -> str:
        title = super().run_validation(value)
        if title is True:
            raise ValidationError("a section title, or false (e.g. nav_section: Community)")
        return title or ""


class ChannelConfig(base.Config):
    name = c.Type(str)
    url = UrlOption()
    description = c.Type(str, default="")
    kind = c.Choice(CHANNEL_KINDS, default="chat")


class CommunityConfig(base.Config):
    """Options of the ``community`` plugin; paths are relative to ``mkdocs.yml``."""

    name = c.Optional(c.Type(str))  # defaults to site_name
    timezone = TimeZoneOption(default="UTC")
    members_dir = FolderOption(default="members")
    events_dir = FolderOption(default="events")
    # Unset: topics.yml in the docs folder, and a site without one has no topics yet.
    topics = c.Optional(FolderOption())
    maintainers = c.ListOfItems(c.Type(str), default=[])
    channels = c.ListOfItems(c.SubConfig(ChannelConfig), default=[])
    feedback_url = UrlOption(default="")
    require_recurrence_end = c.Type(bool, default=True)
    # The generated pages' language; unset: the theme's (Material's ``theme.language``).
    language = c.Optional(LanguageOption())
    # When each cohort's programme ends ({"2024": 2024-12-13}); afterwards its members
    # are shown as alumni.
    cohort_ends = CohortEndsOption()
    # How long a timed event without an end lasts ("1h"); unset: an end is required.
    default_duration = DurationOption()
    # strict (topics from the topics file only), suggest (others warned about and
    # kept) or open (free tags).
    topic_mode = c.Choice(TOPIC_MODES, default="strict")
    # An ISO date-time to build "as of", for reproducible builds and tests. When unset,
    # SOURCE_DATE_EPOCH (the reproducible-builds convention) is used, else the clock.
    now = c.Optional(c.Type(str))
    enabled = c.Type(bool, default=True)
    # Pages the generated pages link to: a page in the docs folder or an https URL.
    # Unset, the usual page (join.md, code-of-conduct.md, privacy.md) is used when the
    # site has it; without a join page the plugin writes one, the other links are left out.
    join_page = c.Optional(c.Type(str))
    code_of_conduct = c.Optional(c.Type(str))
    privacy_page = c.Optional(c.Type(str))
    # The nav section that receives the community's sections the site's `nav` leaves
    # out; false: add none (a warning then lists them).
    nav_section = NavSectionOption(default="Community")


def to_settings(options: CommunityConfig, mkdocs_config: Any) -> Settings:
    """Core settings from the plugin options and the surrounding MkDocs config."""
    root = Path(mkdocs_config.config_file_path or ".").resolve().parent
    docs_dir = Path(mkdocs_config.docs_dir).resolve()
    content_dir = (docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root)
                   else "content")
    repo_url = (mkdocs_config.repo_url or "").rstrip("/")
    links = {}
    for name in LINKED_PAGES:
        links[name], problem = linked_page(
            name, options[name], ".", lambda path: (docs_dir / path).is_file())
        if problem:
            raise PluginError(f"community plugin option {name}: {terminal_text(problem)}")
    return Settings(
        root=root,
        name=options.name or mkdocs_config.site_name,
        timezone=options.timezone,
        members_dir=options.members_dir.strip("/"),
        events_dir=options.events_dir.strip("/"),
        content_dir=content_dir,
        topics_file=(options.topics or "").strip("/") or f"{content_dir}/topics.yml",
        topics_optional=not (options.topics or "").strip("/"),
        repo_url=repo_url,
        edit_base=edit_base(repo_url, mkdocs_config.edit_uri or "", content_dir),
        site_url=mkdocs_config.site_url or "",
        maintainers=normalise_maintainers(options.maintainers),
        channels=tuple(Channel(ch.name, ch.url, ch.description, ch.kind)
                       for ch in options.channels),
        feedback_url=options.feedback_url,
        require_recurrence_end=options.require_recurrence_end,
        cohort_ends=options.cohort_ends,
        now=options.now or "",
        language=options.language or str(mkdocs_config.theme.get("language") or "en"),
        default_duration=options.default_duration,
        topic_mode=options.topic_mode,
        join_url=links["join_page"] or "join/",
        join_page_generated=not links["join_page"],
        code_of_conduct_url=links["code_of_conduct"],
        privacy_url=links["privacy_page"],
    )


# A value followed on its line by " #" and a word: YAML ends the value there and reads the
# rest as a comment ("introductions and #wins" keeps "introductions and"). Comments people
# mean to write have a space after the "#".
_CUT_AT_COMMENT = re.compile(r"[ \t]+#(?P<word>\S.*)$")


def options_cut_by_comments(config_text: str, plugin: str = "community"
                            ) -> list[tuple[int, str, str, str]]:
    """Plain string options of ``plugin`` in ``mkdocs.yml`` that a ``#`` cut short:
    (line, option, the value as read, the text left out), in file order."""
    try:
        root = yaml.compose(config_text, Loader=_ComposeLoader)
    except yaml.YAMLError:
        return []  # MkDocs reports a broken mkdocs.yml itself
    lines = config_text.split("\n")
    found: list[tuple[int, str, str, str]] = []

    def visit(node: yaml.Node, key: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                visit(value, str(getattr(key_node, "value", key)))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                visit(item, key)
        elif isinstance(node, yaml.ScalarNode) and node.style is None:
            end = node.end_mark
            rest = lines[end.line][end.column:] if end.line < len(lines) else ""
            cut = _CUT_AT_COMMENT.match(rest)
            if cut:
                found.append((end.line + 1, key, node.value, "#" + cut.group("word")))

    for options in _plugin_options(root, plugin):
        visit(options, plugin)
    return found


def cut_options(config_file: str | None) -> list[tuple[int, str, str, str]]:
    """:func:`options_cut_by_comments` of the ``mkdocs.yml`` at ``config_file``."""
    path = Path(config_file or "")
    if not path.is_file():
        return []
    return options_cut_by_comments(path.read_text(encoding="utf-8", errors="replace"))


class _ComposeLoader(yaml.SafeLoader):
    """Composes any tag (``!ENV``, ``!!python/name:``) without constructing it."""


def _plugin_options(root: yaml.Node | None, plugin: str) -> list[yaml.Node]:
    if not isinstance(root, yaml.MappingNode):
        return []
    plugins = next((v for k, v in root.value if getattr(k, "value", None) == "plugins"), None)
    items = plugins.value if isinstance(plugins, yaml.SequenceNode | yaml.MappingNode) else []
    found = []
    for item in items:
        pairs = item.value if isinstance(item, yaml.MappingNode) else \
            [item] if isinstance(item, tuple) else []
        for key, value in pairs:
            if getattr(key, "value", None) == plugin:
                found.append(value)
    return found


