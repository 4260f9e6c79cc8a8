"""``/join/``: how to join, for a site that has no join page of its own.

Generated pages invite people to join ("Add your profile"); the link goes to the site's
own join page (the ``join_page`` option, or ``join.md``). A site without one, typically
an existing documentation site that adds the plugin, gets this page instead, so the
invitation never leads to a missing page. It is made from the site's own settings: the
members folder, the template to copy, the repository and the code of conduct.
"""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_community.core.build import Build, PageSpec
from mkdocs_community.core.kinds import kind


def pages(build: Build) -> Iterator[PageSpec]:
    settings = build.settings
    if not settings.join_page_generated:
        return
    members = kind("member").folder(settings)
    _ = build.lang.gettext
    yield PageSpec(
        url=settings.join_url,
        title=_("Join us"),
        template="community/join.html",
        context={"members_dir": members,
                 "new_profile_url": _new_file_url(settings.repo_url, members)},
        description=_("How to join %(name)s: add a short profile by pull request.") % {
            "name": settings.name},
        section=settings.join_url.strip("/"),
        hide=("toc",),
    )


def _new_file_url(repo_url: str, folder: str) -> str:
    """GitHub's "create a file" page in ``folder``, or '' for another host."""
    if not repo_url.startswith("https://github.com/"):
        return ""
    return f"{repo_url}/new/HEAD/{folder}"
