"""The plugin's options in ``mkdocs.yml``, typed, and their translation to core Settings."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .i18n import language_problem
from .neutralise import terminal_text
from .safety import url_problem
from .settings import Channel, Settings
from .site_config import (
    CHANNEL_KINDS,
    edit_base,
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

    def __init__(self, default: str) -> None:
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
    topics = FolderOption(default="content/topics.yml")
    maintainers = c.ListOfItems(c.Type(str), default=[])
    channels = c.ListOfItems(c.SubConfig(ChannelConfig), default=[])
    feedback_url = UrlOption(default="")
    require_recurrence_end = c.Type(bool, default=True)
    # The generated pages' language; unset: the theme's (Material's ``theme.language``).
    language = c.Optional(LanguageOption())
    # When each cohort's programme ends ({"2024": 2024-12-13}); afterwards its members
    # are shown as alumni.
    cohort_ends = CohortEndsOption()
    # An ISO date-time to build "as of", for reproducible builds and tests. When unset,
    # SOURCE_DATE_EPOCH (the reproducible-builds convention) is used, else the clock.
    now = c.Optional(c.Type(str))
    enabled = c.Type(bool, default=True)


def to_settings(options: CommunityConfig, mkdocs_config: Any) -> Settings:
    """Core settings from the plugin options and the surrounding MkDocs config."""
    root = Path(mkdocs_config.config_file_path or ".").resolve().parent
    docs_dir = Path(mkdocs_config.docs_dir).resolve()
    content_dir = (docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root)
                   else "content")
    repo_url = (mkdocs_config.repo_url or "").rstrip("/")
    return Settings(
        root=root,
        name=options.name or mkdocs_config.site_name,
        timezone=options.timezone,
        members_dir=options.members_dir.strip("/"),
        events_dir=options.events_dir.strip("/"),
        content_dir=content_dir,
        topics_file=options.topics.strip("/"),
        repo_url=repo_url,
        edit_base=edit_base(repo_url, mkdocs_config.edit_uri or "", content_dir),
        site_url=mkdocs_config.site_url or "",
        maintainers=normalise_maintainers(options.maintainers),
        channels=tuple(Channel(ch.name, ch.url, ch.description, ch.kind)
                       for ch in options.channels),
        feedback_url=options.feedback_url,
        require_recurrence_end=options.require_recurrence_end,
        cohort_ends=options.cohort_ends,
        language=options.language or str(mkdocs_config.theme.get("language") or "en"),
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


def build_time(option: str | None, environ: dict[str, str] | None = None) -> dt.datetime:
    """The build's 'now': the ``now`` option, else SOURCE_DATE_EPOCH, else the clock."""
    environ = os.environ if environ is None else environ
    if option:
        value = dt.datetime.fromisoformat(option)
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return dt.datetime.fromtimestamp(int(environ["SOURCE_DATE_EPOCH"]), tz=dt.UTC)
    # Whole minutes: two builds in the same minute are byte-identical.
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
