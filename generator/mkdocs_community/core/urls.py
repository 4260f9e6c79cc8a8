"""Where things are on the site: one place for every URL the package makes.

Record pages keep stable, human-readable addresses (``/members/<id>/``, ``/events/<id>/``,
...: one function per kind below). Pages link to each other with relative links, so a built
site works under any sub-path and from any static host; feeds, calendars and link previews
need absolute ones, made from the site's ``site_url``.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache


def member_url(member_id: str) -> str:
    """A member's profile page."""
    return f"members/{member_id}/"


def event_url(event_id: str) -> str:
    """An event's page."""
    return f"events/{event_id}/"


def resource_url(resource_id: str) -> str:
    """A resource's page."""
    return f"resources/{resource_id}/"


def spotlight_url(spotlight_id: str) -> str:
    """A spotlight's page."""
    return f"spotlights/{spotlight_id}/"


def group_url(group_id: str) -> str:
    """A learning group's page."""
    return f"groups/{group_id}/"


def goal_url(goal_id: str) -> str:
    """A goal, on the goals page (goals have no page of their own)."""
    return f"goals/#{goal_id}"


def absolute_url(site_url: str, path: str) -> str:
    """Site-relative ``path`` under ``site_url``; '' without a usable (http or https)
    site URL. A ``path`` that is already absolute is returned as it is."""
    if "://" in path:
        return path
    if not site_url.startswith(("https://", "http://")):
        return ""
    path = "" if path in (".", "./") else path.lstrip("/")
    return site_url.rstrip("/") + "/" + path


# A profile links to the same few places (the directory, its topics' filters) dozens of
# times; a pure function of two strings, so remembered.
@lru_cache(maxsize=4096)
def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url``; both site-relative.

    Relative links are what let a built site work under any sub-path (a GitHub
    project page) and from any static host.
    """
    if "://" in to_url or to_url.startswith(("#", "mailto:")):
        return to_url
    to_path, hash_sep, fragment = to_url.partition("#")
    base = posixpath.dirname(from_url.rstrip("/")) if not from_url.endswith("/") else \
        from_url.rstrip("/")
    rel = _relpath(to_path or ".", base or ".")
    if to_path.endswith("/") or to_path == "":
        rel = rel.rstrip("/") + "/"
        if rel == "./":
            rel = "./"
    return rel + (hash_sep + fragment if hash_sep else "")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for site-relative paths, without asking the OS for the working
    directory on every link (profiles have dozens of links, sites thousands of profiles)."""
    if path.startswith("/") or start.startswith("/") or ".." in path.split("/") \
            or ".." in start.split("/"):
        return posixpath.relpath(path, start)
    to_parts = [p for p in path.split("/") if p and p != "."]
    from_parts = [p for p in start.split("/") if p and p != "."]
    common = 0
    for a, b in zip(to_parts, from_parts):  # noqa: B905 - lengths differ by design
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."


def link_from(site_url: str, file_path: str, path: str) -> str:
    """A link to ``path`` for a file at ``file_path`` that may be read anywhere (a feed):
    absolute when the site URL is known, else relative to the file."""
    return absolute_url(site_url, path) or relative_url(file_path, path)
