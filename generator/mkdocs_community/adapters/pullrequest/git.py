"""``community check-pr``: the git side of the ownership check.

An adapter: it asks git what a pull request changes and how each file looked before
and after, and hands that to :mod:`ownership`, which decides; then it runs the same
per-file checks as ``community validate`` on the changed files, so a green check means
the changes are the author's to make *and* valid.

The pull request is data. Its files are read from git objects (``ls-tree`` for names,
modes and sizes, ``cat-file`` for contents) and never checked out, imported or run.
Every rule comes from the **base**: its ``mkdocs.yml`` (read as data by
:mod:`site_config`, never by MkDocs) gives the record folders, the topics file and the
maintainers. Two ways to name the changes:

- ``--base REF [--head REV]``: every change from the merge base of ``REF`` and the head
  (``HEAD`` unless given, e.g. a pull request's commit fetched by SHA) to the head, as a
  pull request shows them. Settings come from ``REF``'s own ``mkdocs.yml``.
- ``--changed FILE...``: the given files as they are in the working tree, compared with
  the last commit (``HEAD``), whose ``mkdocs.yml`` gives the rules: for checking
  uncommitted work, or a list of files from elsewhere.

Members named by a record consent by approving the pull request: ``--approved-by LOGIN``
or ``--reviews FILE`` (the JSON of GitHub's reviews API, which the workflow saves).
"""

from __future__ import annotations

import argparse
import os
import posixpath
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from mkdocs_community.adapters.parallel import Sharing
from mkdocs_community.adapters.pullrequest.ownership import (
    GITHUB_LOGIN,
    Change,
    FileVersion,
    Verdict,
    approvals_from_reviews,
    check_changes,
    parse_name_status,
    to_diagnostics,
)
from mkdocs_community.core.community import load_community
from mkdocs_community.core.diagnostics import Diagnostic, format_diagnostics, plural
from mkdocs_community.core.neutralise import safe_output
from mkdocs_community.core.settings import Settings
from mkdocs_community.core.site_config import (
    MAX_CONFIG_BYTES,
    ConfigError,
    load_config,
    read_settings,
    settings_from_config,
)

_EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's well-known empty tree
# Larger files are not read (the checks refuse them by size); when a copy of the head's
# data is written for the per-file checks, they become empty files of the same size.
MAX_BLOB_BYTES = 8 * 1024 * 1024
_MODES = {"100644": "file", "100755": "file", "120000": "symlink", "160000": "submodule"}


class GitError(Exception):
    pass


def _git(cwd: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return proc.stdout


class GitTree:
    """A commit's files, with paths relative to the site's root (``prefix`` in the repo)."""

    def __init__(self, top: Path, rev: str, prefix: str) -> None:
        self.top, self.rev, self.prefix = top, rev, prefix
        self._entries: dict[str, tuple[str, str, int]] | None = None
        self._batch: subprocess.Popen[bytes] | None = None

    def _all(self) -> dict[str, tuple[str, str, int]]:
        """path -> (kind, object id, size), from ``git ls-tree`` (modes and sizes)."""
        if self._entries is None:
            self._entries = {}
            if self.rev != _EMPTY_TREE:
                out = _git(self.top, "ls-tree", "-r", "-z", "-l", "--full-tree", self.rev)
                # A name that is not UTF-8 stays printable (and matches no record rule).
                for item in out.decode("utf-8", "backslashreplace").split("\0"):
                    if not item:
                        continue
                    meta, _, path = item.partition("\t")
                    mode, _type, sha, size = meta.split()
                    kind = _MODES.get(mode, "submodule" if _type == "commit" else "other")
                    self._entries[_site_path(path, self.prefix)] = (
                        kind, sha, int(size) if size.isdigit() else 0)
        return self._entries

    def read(self, path: str) -> FileVersion | None:
        entry = self._all().get(path)
        if entry is None:
            return None
        kind, sha, size = entry
        if kind != "file":
            return FileVersion(b"", kind if kind != "other" else "submodule")
        if size > MAX_BLOB_BYTES:
            return FileVersion(b"", "file", size)
        return FileVersion(self._blob(sha), "file", size)

    def files(self, folder: str) -> list[str]:
        folder = folder.rstrip("/")
        return sorted(p for p in self._all() if posixpath.dirname(p) == folder)

    def export(self, dest: Path, folders: Iterable[str], files: Iterable[str] = ()) -> None:
        """Write the regular files under ``folders`` (site paths), and ``files``, into
        ``dest``.

        Only plain files are written, by names checked here (no '..', no empty or '.'
        parts), into folders made here: nothing can land outside ``dest`` and no link is
        ever made. Files above the size limit become empty files of their size, which
        the checks then refuse by size.
        """
        prefixes = tuple(f.strip("/") + "/" for f in folders if f.strip("/"))
        wanted = set(files)
        for path, (kind, sha, size) in self._all().items():
            parts = path.split("/")
            if kind != "file" or not (path.startswith(prefixes) or path in wanted) or \
                    any(p in ("", ".", "..") for p in parts):
                continue
            target = dest.joinpath(*parts)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("xb") as handle:  # never over another entry
                    if size > MAX_BLOB_BYTES:
                        handle.truncate(size)
                    else:
                        handle.write(self._blob(sha))
            except OSError:
                continue  # two entries for one name, or a file where a folder must be

    def _blob(self, sha: str) -> bytes:
        # One long-lived 'git cat-file --batch' reads thousands of files quickly.
        if self._batch is None:
            self._batch = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.top,
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self._batch.stdin and self._batch.stdout
        self._batch.stdin.write(sha.encode() + b"\n")
        self._batch.stdin.flush()
        header = self._batch.stdout.readline().split()
        if len(header) != 3:
            return b""
        data = self._batch.stdout.read(int(header[2]))
        self._batch.stdout.read(1)  # the newline after the contents
        return data

    def close(self) -> None:
        if self._batch is not None:
            self._batch.communicate()
            self._batch = None


class WorkingTree:
    """The files on disk under the site's root; links are reported, never followed."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root, self.max_bytes = root, max_bytes

    def read(self, path: str) -> FileVersion | None:
        file = self.root / path
        if file.is_symlink():
            return FileVersion(b"", "symlink")
        if not file.is_file():
            return None
        with file.open("rb") as handle:
            return FileVersion(handle.read(self.max_bytes + 1))

    def files(self, folder: str) -> list[str]:
        directory = self.root / folder
        if not directory.is_dir():
            return []
        return sorted(f"{folder.rstrip('/')}/{p.name}" for p in directory.iterdir()
                      if p.is_symlink() or p.is_file())


def _site_path(repo_path: str, prefix: str) -> str:
    """A repository path as seen from the site's root ('../x' when outside it)."""
    if not prefix:
        return repo_path
    return posixpath.relpath(repo_path, prefix)


def _commit(top: Path, ref: str) -> str:
    if ref.startswith("-"):
        raise GitError(f"'{ref}' is not a git revision")
    return _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options",
                f"{ref}^{{commit}}").decode().strip()


def settings_at(top: Path, rev: str, prefix: str, config_name: str, root: Path) -> Settings:
    """The settings of the site as commit ``rev`` has them: its ``mkdocs.yml`` (and any
    file that ``INHERIT``s from), read from git objects as data."""
    tree = GitTree(top, rev, prefix)
    try:
        def read(site_path: str) -> tuple[str, str] | None:
            site_path = posixpath.normpath(site_path)
            if site_path.startswith("../") and not prefix:
                return None
            version = tree.read(site_path)
            if version is None or version.kind != "file" or version.length > MAX_CONFIG_BYTES:
                return None
            return site_path, version.data.decode("utf-8", "replace")

        first = read(config_name)
        if first is None:
            raise GitError(f"{config_name} is not a file in {rev[:12]}")
        doc = load_config(first[1], config_name, os.environ, read)

        def exists(site_path: str) -> bool:  # pages the settings link to, in that commit
            version = tree.read(posixpath.normpath(site_path))
            return version is not None and version.kind == "file"

        settings, diagnostics = settings_from_config(doc, root, exists)
    finally:
        tree.close()
    if settings is None:
        raise ConfigError(diagnostics)
    return settings


def check_pr(args: argparse.Namespace) -> int:
    config = Path(args.config).absolute()
    root = config.parent.resolve()
    trees: list[GitTree] = []
    try:
        if not root.is_dir():
            raise GitError(f"{config.parent} is not a folder")
        top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip()).resolve()
        prefix = root.relative_to(top).as_posix() if root != top else ""
        approvers = _approvers(args)
        if args.base:
            base_tip = _commit(top, args.base)
            head = _commit(top, args.head)
            settings = settings_at(top, base_tip, prefix, config.name, root)
            merge_base = _git(top, "merge-base", base_tip, head).decode().strip()
            output = _git(top, "diff", "--name-status", "-z", "-M", "--no-ext-diff",
                          "--no-textconv", merge_base, head, "--")
            changes = [Change(c.status, _site_path(c.path, prefix),
                              _site_path(c.old_path, prefix) if c.old_path else "")
                       for c in parse_name_status(output.decode("utf-8", "backslashreplace"))]
            base_tree, head_tree = GitTree(top, merge_base, prefix), GitTree(top, head, prefix)
            trees = [base_tree, head_tree]
            if args.reviews:
                approvers += _reviews(args.reviews, head)
            verdicts = check_changes(changes, args.author, settings, base_tree, head_tree,
                                     approvers=approvers)
            problems = _check_files(changes, settings, head_tree)
        else:
            try:
                head_commit = _commit(top, "HEAD")
            except GitError:
                head_commit = _EMPTY_TREE  # a repository without commits yet
            settings = settings_at(top, head_commit, prefix, config.name, root) \
                if head_commit != _EMPTY_TREE else _settings_on_disk(config)
            base_tree = GitTree(top, head_commit, prefix)
            trees = [base_tree]
            working = WorkingTree(root, settings.max_file_bytes)
            changes = []
            for name in args.changed:
                path = posixpath.normpath(
                    os.path.relpath(os.path.abspath(name), root).replace(os.sep, "/"))
                before, after = base_tree.read(path), working.read(path)
                if before is None and after is None:
                    raise GitError(f"{name}: no such file in HEAD or in the working tree")
                changes.append(Change("A" if before is None else "D" if after is None
                                      else "M", path))
            verdicts = check_changes(changes, args.author, settings, base_tree, working,
                                     approvers=approvers)
            problems = _check_files(changes, settings, None)
    except ConfigError as exc:
        print(format_diagnostics(exc.diagnostics), file=sys.stderr)
        print("community check-pr: the base branch's settings cannot be read",
              file=sys.stderr)
        return 2
    except GitError as exc:
        print(safe_output(f"community check-pr: {exc}"), file=sys.stderr)
        return 2
    finally:
        for tree in trees:
            tree.close()
    _report(verdicts, problems, args)
    failed = any(not v.allowed for v in verdicts) or any(
        d.severity == "error" for d in problems)
    return 1 if failed else 0


def _settings_on_disk(config: Path) -> Settings:
    settings, diagnostics = read_settings(config, os.environ)
    if settings is None:
        raise ConfigError(diagnostics)
    return settings


def _approvers(args: argparse.Namespace) -> list[str]:
    logins = [login.lstrip("@") for value in args.approved_by or []
              for login in value.replace(",", " ").split()]
    bad = [login for login in logins if not GITHUB_LOGIN.match(login)]
    if bad:
        raise GitError(f"--approved-by: '{bad[0]}' is not a GitHub login")
    return logins


def _reviews(file: str, head: str) -> list[str]:
    try:
        with open(file, encoding="utf-8", errors="replace") as handle:
            return list(approvals_from_reviews(handle.read(4 * 1024 * 1024), head))
    except OSError as exc:
        raise GitError(f"--reviews: cannot read {file}: {exc.strerror}") from None


def _check_files(changes: list[Change], settings: Settings, head: GitTree | None
                 ) -> list[Diagnostic]:
    """What ``community validate`` reports about the changed files, in the head version.

    The head's data folders are written to a temporary folder (plain files only, see
    :meth:`GitTree.export`) and loaded as the build loads them; with no git tree, the
    working tree is checked where it is.
    """
    changed = {c.path for c in changes if c.status != "D"}
    if not changed:
        return []
    if head is None:
        _, diagnostics = load_community(settings, sharing=Sharing())
    else:
        with tempfile.TemporaryDirectory(prefix="community-check-pr-") as folder:
            head.export(Path(folder), [settings.members_dir, settings.events_dir,
                                       settings.content_dir], [settings.topics_file])
            _, diagnostics = load_community(replace(settings, root=Path(folder)),
                                            sharing=Sharing())
    return [d for d in diagnostics if d.path in changed]


def _need(count: int) -> str:
    return "needs" if count == 1 else "need"


def _report(verdicts: list[Verdict], problems: list[Diagnostic],
            args: argparse.Namespace) -> None:
    invalid = {d.path for d in problems if d.severity == "error"}
    refused = [v for v in verdicts if not v.allowed and not v.needs_approval]
    waiting = [v for v in verdicts if v.needs_approval]
    if args.format == "text":
        for v in verdicts:
            if v.allowed and v.path not in invalid:
                print(safe_output(f"{v.path}: ok: {v.message}"))
    found = to_diagnostics(verdicts)
    found.extend(problems)
    output = format_diagnostics(found, args.format)
    if output:
        print(output)
    if args.format != "text":
        return
    you = f"@{args.author.lstrip('@')}"
    lines = []
    if refused:
        lines.append(f"{len(refused)} of {plural(len(verdicts), 'change')} "
                     f"{_need(len(refused))} a maintainer's review ({you} may change only "
                     "what is theirs)")
    if waiting:
        lines.append(f"{plural(len(waiting), 'change')} {_need(len(waiting))} the approval "
                     "of the members named, or of a maintainer")
    if invalid:
        lines.append(f"{plural(len(invalid), 'changed file')} "
                     f"{'has' if len(invalid) == 1 else 'have'} problems to fix (as "
                     "'community validate' reports them)")
    if not verdicts:
        lines.append("no changed files")
    elif not lines:
        lines.append(f"all {len(verdicts)} changes are {you}'s to make" if len(verdicts) > 1
                     else f"the change is {you}'s to make")
    for line in lines:
        print(safe_output(f"community check-pr: {line}"), file=sys.stderr)


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--author", required=True,
                   help="the pull request author's GitHub login")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--base", help="the branch the pull request goes into, e.g. "
                       "origin/main (changes since the merge base)")
    which.add_argument("--changed", nargs="+", metavar="FILE",
                       help="check these files in the working tree against HEAD")
    p.add_argument("--head", default="HEAD",
                   help="with --base: the pull request's commit (default HEAD); it is read "
                   "as data and never checked out")
    p.add_argument("--approved-by", action="append", metavar="LOGIN",
                   help="GitHub logins who approved the pull request (repeat, or separate "
                   "with commas or spaces)")
    p.add_argument("--reviews", metavar="FILE",
                   help="JSON of GitHub's reviews API for the pull request: approvals of "
                   "the head commit count as --approved-by")
    p.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text for people, github for pull-request annotations, json for tools")
