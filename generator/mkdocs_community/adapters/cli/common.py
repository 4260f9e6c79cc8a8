"""What every ``community`` command starts with: the site's settings, its records, and
output that is safe to print (contributor text escaped for terminals and CI logs)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from mkdocs_community.adapters.clock import build_time
from mkdocs_community.adapters.parallel import CollectorScope, Sharing
from mkdocs_community.core.community import Community, load_community
from mkdocs_community.core.diagnostics import Diagnostics, format_diagnostics, summary
from mkdocs_community.core.neutralise import safe_json, safe_output
from mkdocs_community.core.settings import Settings
from mkdocs_community.core.site_config import read_settings


def say(text: str, file: TextIO | None = None) -> None:
    """Print text that may quote contributor data: escaped for terminals and CI logs."""
    print(safe_output(text), file=file or sys.stdout)


def say_json(data: Any) -> None:
    """Print ``data`` as JSON, with what a terminal would act on escaped."""
    print(safe_json(json.dumps(data, indent=2, ensure_ascii=False)))


def load_settings(config_file: str) -> Settings:
    """Settings from the ``community`` plugin's options in ``mkdocs.yml``.

    Read as data (:mod:`site_config`): no YAML tag is run and no hook, theme or plugin
    is imported, so the command is safe on a branch nobody has reviewed yet.
    """
    settings, diagnostics = read_settings(Path(config_file), os.environ)
    if diagnostics:
        print(format_diagnostics(diagnostics), file=sys.stderr)
    if settings is None:
        raise SystemExit(f"community: {config_file} cannot be used ({summary(diagnostics)})")
    return settings


def load_all(settings: Settings) -> tuple[Community | None, Diagnostics]:
    """Every record, half of the files read by a helper process where that is faster,
    with the garbage collector paused while the records are made (see parallel.py)."""
    with CollectorScope():
        return load_community(settings, sharing=Sharing())


def load_or_report(settings: Settings) -> Community | None:
    """The community, or None after printing what is wrong with it."""
    community, diagnostics = load_all(settings)
    if community is None:
        print(format_diagnostics(diagnostics), file=sys.stderr)
        say(f"community: {summary(diagnostics)}; fix them first ('community validate')",
            sys.stderr)
    return community


def community_at(config_file: str, now_option: str | None
                 ) -> tuple[Community, dt.datetime] | None:
    """The community and the command's "now" (``--now``, else the site's ``now`` option,
    else SOURCE_DATE_EPOCH or the clock); None after printing what is wrong."""
    settings = load_settings(config_file)
    community = load_or_report(settings)
    if community is None:
        return None
    return community, build_time(now_option or settings.now)
