"""``community check-pr``: the git side of the ownership check.

An adapter: it asks git what a pull request changes and how each file looked before
and after, and hands that to :mod:`ownership`, which decides. Two ways to name the
changes:

- ``--base REF``: every change from the merge base of ``REF`` and ``HEAD`` to ``HEAD``
  (``git diff --name-status -M REF...HEAD``, what a pull request shows). Base versions
  come from the merge base; the maintainers from ``REF``'s own ``mkdocs.yml``, so a
  pull request cannot add its author to them.
- ``--changed FILE...``: the given files as they are in the working tree, compared with
  the last commit (``HEAD``): for checking uncommitted work, or a list of files from
  elsewhere.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import subprocess
import sys
from pathlib import Path

from .diagnostics import format_diagnostics, plural
from .ownership import (
    Change,
    FileVersion,
    Verdict,
    check_changes,
    maintainers_from_config,
    parse_name_status,
    to_diagnostics,
)

_EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's well-known empty tree


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
        self._entries: dict[str, tuple[str, str]] | None = None
        self._batch: subprocess.Popen[bytes] | None = None

    def _all(self) -> dict[str, tuple[str, str]]:
        if self._entries is None:
            self._entries = {}
            if self.rev != _EMPTY_TREE:
                out = _git(self.top, "ls-tree", "-r", "-z", "--full-tree", self.rev)
                for item in out.decode("utf-8", "surrogateescape").split("\0"):
                    if not item:
                        continue
                    meta, _, path = item.partition("\t")
                    mode, _type, sha = meta.split()
                    self._entries[_site_path(path, self.prefix)] = (mode, sha)
        return self._entries

    def read(self, path: str) -> FileVersion | None:
        entry = self._all().get(path)
        if entry is None:
            return None
        mode, sha = entry
        if mode in ("120000", "160000"):  # a symbolic link, a submodule
            return FileVersion(b"", symlink=True)
        return FileVersion(self._blob(sha))

    def files(self, folder: str) -> list[str]:
        folder = folder.rstrip("/")
        return sorted(p for p in self._all() if posixpath.dirname(p) == folder)

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
            return FileVersion(b"", symlink=True)
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


def _config_maintainers(top: Path, rev: str, config_repo_path: str) -> tuple[str, ...]:
    try:
        text = _git(top, "cat-file", "blob", f"{rev}:{config_repo_path}")
    except GitError:
        return ()
    return maintainers_from_config(text.decode("utf-8", "replace"))


def check_pr(args: argparse.Namespace) -> int:
    from .cli import load_settings

    settings = load_settings(args.config)
    root = settings.root
    trees: list[GitTree] = []
    try:
        top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip()).resolve()
        prefix = root.relative_to(top).as_posix() if root != top else ""
        config_path = posixpath.join(prefix, Path(args.config).name)
        if args.base:
            base_tip = _commit(top, args.base)
            head = _commit(top, "HEAD")
            merge_base = _git(top, "merge-base", base_tip, head).decode().strip()
            output = _git(top, "diff", "--name-status", "-z", "-M", "--no-ext-diff",
                          "--no-textconv", merge_base, head, "--")
            changes = [Change(c.status, _site_path(c.path, prefix),
                              _site_path(c.old_path, prefix) if c.old_path else "")
                       for c in parse_name_status(output.decode("utf-8", "surrogateescape"))]
            base_tree, head_tree = GitTree(top, merge_base, prefix), GitTree(top, head, prefix)
            trees = [base_tree, head_tree]
            maintainers = _config_maintainers(top, base_tip, config_path)
        else:
            try:
                head_commit = _commit(top, "HEAD")
            except GitError:
                head_commit = _EMPTY_TREE  # a repository without commits yet
            base_tree = GitTree(top, head_commit, prefix)
            trees = [base_tree]
            head_tree = WorkingTree(root, settings.max_file_bytes)
            changes = []
            for name in args.changed:
                path = posixpath.normpath(
                    os.path.relpath(os.path.abspath(name), root).replace(os.sep, "/"))
                before, after = base_tree.read(path), head_tree.read(path)
                if before is None and after is None:
                    raise GitError(f"{name}: no such file in HEAD or in the working tree")
                changes.append(Change("A" if before is None else "D" if after is None
                                      else "M", path))
            maintainers = _config_maintainers(top, head_commit, config_path) \
                if head_commit != _EMPTY_TREE else ()
        verdicts = check_changes(changes, args.author, settings, base_tree, head_tree,
                                 maintainers)
    except GitError as exc:
        print(f"community check-pr: {exc}", file=sys.stderr)
        return 2
    finally:
        for tree in trees:
            tree.close()
    _report(verdicts, args)
    return 1 if any(not v.allowed for v in verdicts) else 0


def _report(verdicts: list[Verdict], args: argparse.Namespace) -> None:
    refused = [v for v in verdicts if not v.allowed]
    if args.format == "text":
        for v in verdicts:
            if v.allowed:
                print(f"{v.path}: ok: {v.message}")
    output = format_diagnostics(to_diagnostics(verdicts), args.format)
    if output:
        print(output)
    if args.format == "text":
        if not verdicts:
            line = "no changed files"
        elif refused:
            need = "needs" if len(refused) == 1 else "need"
            line = (f"{len(refused):,} of {plural(len(verdicts), 'change')} {need} a "
                    f"maintainer's review (@{args.author.lstrip('@')} may change only what "
                    "is theirs)")
        else:
            whose = "it is" if len(verdicts) == 1 else "all are"
            author = args.author.lstrip("@")
            line = f"{plural(len(verdicts), 'change')}; {whose} @{author}'s to make"
        print(f"community check-pr: {line}", file=sys.stderr)


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--author", required=True,
                   help="the pull request author's GitHub login")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--base", help="the branch the pull request goes into, e.g. "
                       "origin/main (changes since the merge base)")
    which.add_argument("--changed", nargs="+", metavar="FILE",
                       help="check these files in the working tree against HEAD")
    p.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text for people, github for pull-request annotations, json for tools")
