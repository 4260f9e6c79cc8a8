"""The CLI on an untrusted branch, and block markers in authors' pages (issue 20, item 4).

The commands (run in this process as conftest.community_here and build_here run them;
tests/test_contribution_loop.py runs the installed ones) in throwaway sites: ``community
schema`` next to committed symbolic links, ``community new`` with names that are paths or
hold line breaks, ``community report stale`` on a commit whose time zone only git
accepts, and ``mkdocs build`` on pages with broken block markers.
"""

from __future__ import annotations

import json
import os
import subprocess
from html.parser import HTMLParser

import pytest
from test_hostile import base_site

from conftest import Run, SiteFactory, build_here


def community(site: SiteFactory, *args: str) -> Run:
    return site.community(*args)


# -- community schema ----------------------------------------------------------------------

def test_schema_refuses_a_folder_that_is_a_link(site, tmp_path):
    base_site(site)
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, site.root / "schemas")
    result = community(site, "schema")
    assert result.returncode == 1
    assert "schemas is a symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert list(outside.iterdir()) == []


def test_schema_replaces_a_file_link_instead_of_writing_through_it(site, tmp_path):
    base_site(site)
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    (site.root / "schemas").mkdir()
    os.symlink(target, site.root / "schemas" / "member.schema.json")
    result = community(site, "schema")
    assert result.returncode == 0, result.output
    assert target.read_text() == "keep me\n"
    written = site.root / "schemas" / "member.schema.json"
    assert not written.is_symlink() and '"$id": "member.schema.json"' in written.read_text()
    assert [p.name for p in (site.root / "schemas").iterdir() if p.name.startswith(".")] == []


# -- community new -------------------------------------------------------------------------

@pytest.mark.parametrize("kind, name, says", [
    ("member", "../../etc/x", "must not contain '/'"),
    ("member", "ada\nlisted: false", "line breaks or control characters"),
    ("member", "x" * 5000, "characters long"),
    ("member", "not a handle", "not a GitHub user name"),
    ("event", "../escape", "must not contain '/'"),
    ("resource", "a\\b", "must not contain '/'"),
    ("group", "tab\there", "line breaks or control characters"),
])
def test_new_refuses_names_that_are_not_names(site, kind, name, says):
    base_site(site)
    before = sorted(p for p in site.root.rglob("*") if p.is_file())
    result = community(site, "new", kind, name)
    assert result.returncode == 1 and says in result.stderr, result.output
    assert "Traceback" not in result.output
    site._write_config()
    assert sorted(p for p in site.root.rglob("*") if p.is_file()) == before


def test_new_still_writes_a_member_from_a_handle(site):
    base_site(site)
    result = community(site, "new", "member", "@Octo-Cat")
    assert result.returncode == 0, result.output
    assert "github: Octo-Cat\n" in (site.root / "members/octo-cat.yml").read_text()


# -- community report stale ----------------------------------------------------------------

def _git(cwd, *args: str, stdin: bytes | None = None) -> bytes:
    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PATH": "/usr/bin:/bin", "HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, env=env, input=stdin, check=True,
                          capture_output=True).stdout


@pytest.mark.slow
def test_report_stale_reads_a_commit_in_zone_plus_9959(site):
    base_site(site)
    site._write_config()
    _git(site.root, "init", "-q")
    _git(site.root, "add", "-A")
    tree = _git(site.root, "write-tree").strip().decode()
    # git accepts the zone in a commit it reads; %cI then prints '+99:59'.
    commit = (f"tree {tree}\nauthor T <t@example.org> 1577836800 +9959\n"
              f"committer T <t@example.org> 1577836800 +9959\n\nOdd zone\n").encode()
    sha = _git(site.root, "hash-object", "-t", "commit", "-w", "--stdin", "--literally",
               stdin=commit).strip().decode()
    _git(site.root, "update-ref", "HEAD", sha)
    assert b"+99:59" in _git(site.root, "log", "-1", "--format=%cI")
    result = community(site, "report", "stale", "--months", "6")
    assert result.returncode == 0, result.output
    assert "members/ada.yml" in result.stdout and "last changed 2020-01-01" in result.stdout


# -- block markers -------------------------------------------------------------------------

@pytest.mark.slow
def test_bad_block_markers_are_located_errors_and_swallow_nothing(site):
    base_site(site)
    site.write("content/index.md", """
        # Home

        <!-- community:newest-members count=² -->

        <!-- community:newest-members <!-- community:newest-members count=2 -->

        <!-- community:newest-members size=big -->

        <!-- community:newest-members count=2 -->

        Still here after the markers.

        Authors document a marker as code: `<!-- community:newest-members count=0 -->`

        ```html
        <!-- community:newest-members count=-1 -->
        ```
        """)
    # community validate finds them before any build, at their lines; code is skipped.
    found = json.loads(community(site, "validate", "--format", "json").stdout)
    assert [(d["path"], d["line"], d["col"], d["code"]) for d in found] == [
        ("content/index.md", 3, 1, "block-parameter"), ("content/index.md", 5, 1, "block-nested"),
        ("content/index.md", 7, 1, "block-parameter")]
    strict = site.build(check=False)
    assert strict.returncode != 0
    log = strict.stderr
    assert "content/index.md:3:1: error[block-parameter]: count=² must be a number" in log
    assert "content/index.md:5:1: error[block-nested]" in log
    assert "content/index.md:7:1: error[block-parameter]: unknown parameter 'size'" in log
    assert "Traceback" not in log
    relaxed = build_here(site.root / "mkdocs.yml", strict=False)
    assert relaxed.returncode == 0, relaxed.output
    # The good marker became the block; the rest of the page is text, not in a comment
    # (the old marker pattern replaced the inner marker and left the outer one open).
    reader = _Text()
    reader.feed(site.page(""))
    assert "Still here after the markers." in reader.text
    assert "Ada Lovelace" in reader.text
    assert not any("Still here" in c for c in reader.comments)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text, self.comments = "", []

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)
