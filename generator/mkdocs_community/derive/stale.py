"""Profiles nobody has touched for a while, from git history.

Programmes fade when profiles go stale after the programme ends. The last commit
that touched each member file says when its owner last looked at it; maintainers
use the list to ask people to refresh their profiles.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs_community.core.records.member import Member


@dataclass(frozen=True)
class StaleProfile:
    member_id: str
    path: str
    github: str
    last_change: dt.datetime
    months: int  # whole months since the last change


class HistoryError(Exception):
    """Git history cannot be read (not a repository, git missing, shallow clone)."""


def last_changes(root: Path, folder: str) -> dict[str, dt.datetime]:
    """When each file below ``folder`` was last changed, from one pass over ``git log``.

    Paths are relative to ``root`` (the repository's top level is found by git).
    """
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, check=True,
                             capture_output=True, text=True).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", folder],
            cwd=root, check=True, capture_output=True, text=True).stdout
    except FileNotFoundError:
        raise HistoryError("git is not installed") from None
    except subprocess.CalledProcessError as exc:
        raise HistoryError(exc.stderr.strip() or "not a git repository") from None
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    return parse_log(log, prefix)


def commit_time(stamp: str) -> dt.datetime:
    """A commit time from ``%ct`` (seconds since 1970, UTC), clamped to what datetime holds.

    The committer's time zone plays no part, so any commit git accepts reads (a zone of
    +9959, which git allows, made ``%cI`` unreadable); so does an absurd date.
    """
    try:
        return dt.datetime.fromtimestamp(int(stamp), dt.UTC)
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    except (OverflowError, OSError):
        return (dt.datetime.max if int(stamp) > 0 else dt.datetime.min).replace(tzinfo=dt.UTC)


def parse_log(log: str, prefix: str = "") -> dict[str, dt.datetime]:
    """The newest commit time per path in ``git log --format=%x00%ct --name-only`` output."""
    changes: dict[str, dt.datetime] = {}
    for entry in log.split("\0")[1:]:
        lines = [line for line in entry.splitlines() if line.strip()]
        if not lines:
            continue
        when = commit_time(lines[0].strip())
        for name in lines[1:]:
            path = name.removeprefix(prefix)
            changes.setdefault(path, when)  # the log is newest first
    return changes


def months_between(earlier: dt.datetime, later: dt.datetime) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def stale_profiles(
    members: Iterable[Member], changes: dict[str, dt.datetime], now: dt.datetime, months: int,
) -> list[StaleProfile]:
    """Members whose file was last changed ``months`` or more months before ``now``.

    Files with no commit yet (new in the working tree) are fresh by definition.
    Oldest first, then by id.
    """
    found = []
    for member in members:
        if member.in_memoriam:
            continue  # nobody is asked to update the profile of someone who has died
        changed = changes.get(member.source)
        if changed is None:
            continue
        age = months_between(changed, now)
        if age >= months:
            found.append(StaleProfile(member.id, member.source, member.github or "",
                                      changed, age))
    return sorted(found, key=lambda s: (s.last_change, s.member_id))
