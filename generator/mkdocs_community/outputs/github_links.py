"""Links into the community's GitHub repository that start a contribution without git.

GitHub's web interface makes a new file from a link
(``/new/<branch>?filename=<path>&value=<content>``; people without write access get a
fork made for them and are offered the pull request) and opens a new issue prefilled from
``/issues/new?title=...&body=...``. These are the routes of the profile form and of the
"Suggest a change" links on record pages. Everything here is pure: nothing is fetched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlencode, urlsplit

from mkdocs_community.core.settings import Settings

GITHUB_HOSTS = frozenset({"github.com", "www.github.com"})
# GitHub answers "414 URI Too Long" when the request line passes 8,191 bytes (github/docs
# pull request 4537); a link stays below this, with room for "GET " and " HTTP/1.1".
MAX_URL_LENGTH = 8000
# The branch when the site's edit_uri does not name one (MkDocs' own default for GitHub
# names "master"; a repository made today starts with "main").
DEFAULT_BRANCH = "main"
_OWNER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
_REPO = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
_LOGIN = _OWNER


@dataclass(frozen=True)
class GitHubRepo:
    """A repository on github.com and the branch that contributions go to."""

    owner: str
    name: str
    branch: str = DEFAULT_BRANCH

    @property
    def url(self) -> str:
        return f"https://github.com/{self.owner}/{self.name}"

    def _at(self, action: str, path: str = "") -> str:
        tail = f"/{quote(path)}" if path else ""
        return f"{self.url}/{action}/{quote(self.branch, safe='/')}{tail}"

    def file_url(self, path: str) -> str:
        """The page that shows ``path`` on the branch."""
        return self._at("blob", path)

    def edit_url(self, path: str) -> str:
        """GitHub's editor for the existing file ``path``."""
        return self._at("edit", path)

    @property
    def new_file_page(self) -> str:
        """GitHub's page for a new file on the branch, without anything filled in."""
        return self._at("new")

    def new_file_in(self, folder: str) -> str:
        """GitHub's new-file page in ``folder``: the name is left to the contributor."""
        return self._at("new", folder)

    def new_file_url(self, path: str, content: str | None = None) -> str:
        """GitHub's new-file page with the file name (and, if given, its content) filled in."""
        query = {"filename": path} if content is None else {"filename": path, "value": content}
        return self.new_file_page + "?" + urlencode(query, safe="/", quote_via=quote)

    def new_issue_url(self, title: str, body: str) -> str:
        # What urlencode(..., quote_via=quote) gives, line by line: every record page has
        # one, and all but a few lines of the body are the same on every page.
        encoded = "%0A".join(_quoted_line(line) for line in body.split("\n"))
        return f"{self.url}/issues/new?title={quote(title, safe='')}&body={encoded}"


@lru_cache(maxsize=64)
def _quoted_line(line: str) -> str:
    return quote(line, safe="")


@lru_cache(maxsize=8)  # asked once for each record page
def github_repo(settings: Settings) -> GitHubRepo | None:
    """The site's repository when ``repo_url`` is a repository on github.com, else None.

    The branch is the one the site's edit links open (``edit_uri: edit/main/docs/``).
    """
    parts = urlsplit(settings.repo_url.strip())
    if parts.scheme != "https" or (parts.hostname or "").lower() not in GITHUB_HOSTS \
            or parts.username or parts.password or parts.port:
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) != 2:
        return None
    owner, name = segments[0], segments[1].removesuffix(".git")
    if not _OWNER.match(owner) or not _REPO.match(name) or name in (".", ".."):
        return None
    return GitHubRepo(owner, name, _branch(settings.edit_base, owner, name))


def _branch(edit_base: str, owner: str, name: str) -> str:
    # edit_base is "<repo_url>/edit/<branch>" (the docs folder already taken off).
    segments = [s for s in urlsplit(edit_base).path.split("/") if s]
    if len(segments) >= 4 and segments[:2] == [owner, name] and \
            segments[2] in ("edit", "blob", "tree"):
        return "/".join(segments[3:])
    return DEFAULT_BRANCH


def _code_span(text: str) -> str:
    """``text`` as a Markdown code span: shown as written, never as a link or a mention."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def suggestion_url(repo: GitHubRepo, *, noun: str, name: str, source: str, page_url: str,
                   owners: Sequence[str]) -> str:
    """A new issue proposing a change to someone else's record.

    The issue names the record and its file, asks what should change and why, and
    mentions the record's owners (GitHub logins), so the suggestion reaches the people
    who may make it: only they (and the maintainers) may change the file.
    """
    logins = [login for login in dict.fromkeys(owners) if _LOGIN.match(login)]
    lines = [
        f"A suggested change to the {noun} {_code_span(name)}.",
        "",
        f"- File: [{source}]({repo.file_url(source)})",
    ]
    if page_url:
        lines.append(f"- Page: {page_url}")
    lines += [
        "",
        "### What should change?",
        "",
        "",
        "",
        "### Why, or where is this from?",
        "",
        "",
        "",
        "---",
    ]
    if logins:
        mentions = " ".join(f"@{login}" for login in logins)
        lines.append(f"{mentions}: this {noun} is yours to change. You can edit the file, "
                     "or answer here.")
    else:
        lines.append(f"A maintainer will pass this on to whoever looks after this {noun}.")
    title = f"Suggested change to the {noun} “{name}” ({source})"
    return repo.new_issue_url(title, "\n".join(lines) + "\n")
