"""``community new``: commented templates for new records.

Each kind's template lives in ``templates/new/`` and is the single source of the
copy-me files in the repository (``members/_template.yml``), which a test keeps
identical to what this module writes.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from functools import cache
from pathlib import Path

from mkdocs_community import TEMPLATES as PACKAGE_TEMPLATES
from mkdocs_community.core.kinds import KINDS, Kind
from mkdocs_community.core.records.common import ID_PATTERN
from mkdocs_community.core.records.member import GITHUB_HANDLE
from mkdocs_community.core.settings import Settings

MAX_NAME = 80  # as a record id

TEMPLATES = PACKAGE_TEMPLATES / "new"


class ScaffoldError(Exception):
    """A new record cannot be written (bad name, file exists, unknown kind)."""


def kinds() -> list[str]:
    return [k.name for k in KINDS if (TEMPLATES / _template_name(k)).is_file()]


def _template_name(kind: Kind) -> str:
    return kind.name + kind.suffixes[0]


@cache  # the package's own files: every record file's check asks
def placeholder_body(kind_name: str) -> str:
    """The text below a template's front matter (``Describe the event in Markdown...``),
    whitespace folded; '' for a kind without a template or a body."""
    kind = next((k for k in KINDS if k.name == kind_name), None)
    if kind is None or not kind.has_body or not (TEMPLATES / _template_name(kind)).is_file():
        return ""
    text = (TEMPLATES / _template_name(kind)).read_text(encoding="utf-8")
    _, _, body = text.partition("\n---\n")
    return " ".join(body.split())


def name_date(name: str) -> dt.date | None:
    """The date a record's name starts with (``2027-01-20-first-meetup``), if real."""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:-|$)", name.strip())
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def record_id(kind: Kind, name: str, today: dt.date) -> str:
    """The id a new record gets: a member's handle lowercased, else a slug of the name."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")
    if kind.name in ("event", "spotlight") and not re.match(r"^\d{4}-\d{2}-\d{2}-", slug):
        slug = f"{today.isoformat()}-{slug}"
    return slug


SCHEMAS = "schemas"  # where `community schema` writes by default, beside mkdocs.yml


def schema_path(kind: Kind, record_path: str) -> str:
    """The kind's JSON Schema as a path relative to a record file (for the editor's
    ``$schema`` modeline): ``../schemas/member.schema.json`` from ``members/``."""
    return posixpath.relpath(f"{SCHEMAS}/{kind.name}.schema.json",
                             posixpath.dirname(record_path) or ".")


def uses_schema(kind: Kind) -> bool:
    """Whether the kind's template names its JSON Schema (YAML records do)."""
    return "{schema}" in (TEMPLATES / _template_name(kind)).read_text(encoding="utf-8")


def render(kind: Kind, name: str, path: str, today: dt.date) -> str:
    text = (TEMPLATES / _template_name(kind)).read_text(encoding="utf-8")
    values = {"handle": name, "month": today.strftime("%Y-%m"), "date": today.isoformat(),
              "path": path, "slug": name, "schema": schema_path(kind, path)}
    return re.sub(r"\{(handle|month|date|path|slug|schema)\}", lambda m: values[m.group(1)],
                  text)


def check_name(kind: Kind, name: str) -> None:
    """Refuse a name that is not a handle or a title: it is written into the new file.

    A member's name is their GitHub handle, written as ``github:``; anything else is a
    title turned into the file's slug. Neither may hold path separators, line breaks or
    control characters, or be longer than an id.
    """
    if len(name) > MAX_NAME:
        raise ScaffoldError(f"the name is {len(name):,} characters long; at most {MAX_NAME}")
    if any(c in name for c in "/\\") or ".." in name:
        raise ScaffoldError("the name must not contain '/', '\\' or '..': it names a record, "
                            "not a path")
    if any(not c.isprintable() for c in name):
        raise ScaffoldError("the name must not contain line breaks or control characters")
    if kind.name == "member" and not GITHUB_HANDLE.match(name.strip().removeprefix("@")):
        raise ScaffoldError(f"'{name}' is not a GitHub user name: letters, digits and single "
                            "hyphens, at most 39 characters (e.g. 'octocat')")


def write_new(settings: Settings, kind_name: str, name: str, today: dt.date) -> Path:
    kind = next((k for k in KINDS if k.name == kind_name), None)
    if kind is None or kind_name not in kinds():
        raise ScaffoldError(f"cannot create a '{kind_name}'; choose one of {', '.join(kinds())}")
    check_name(kind, name)
    new_id = record_id(kind, name, today)
    if not ID_PATTERN.match(new_id) or not kind.id_pattern.match(new_id):
        raise ScaffoldError(f"'{name}' does not make a valid id; {kind.id_hint}")
    folder = settings.path(kind.folder(settings))
    target = folder / (new_id + kind.suffixes[0])
    clash = [f for f in folder.glob("*") if f.stem.casefold() == new_id.casefold()] \
        if folder.is_dir() else []
    if clash:
        raise ScaffoldError(f"{clash[0].relative_to(settings.root).as_posix()} already exists")
    folder.mkdir(parents=True, exist_ok=True)
    display = target.relative_to(settings.root).as_posix()
    handle = name.strip().removeprefix("@") if kind.name == "member" else new_id
    # An event named 2027-01-20-first-meetup is on that day, not on the day it was written.
    day = (name_date(new_id) or today) if kind.name in ("event", "spotlight") else today
    target.write_text(render(kind, handle, display, day), encoding="utf-8")
    return target
