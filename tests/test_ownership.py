"""``community check-pr``: who may change what, checked on real git repositories.

Each test makes a repository with a ``main`` branch holding a small community, then a
pull-request branch with the change under test, and runs the real command the
pull-request workflow runs (``community check-pr --author ... --base main``).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import BIN, SiteFactory, community_here, env
from mkdocs_community.kinds import KINDS
from mkdocs_community.ownership import (
    OWNER_FIELDS,
    Change,
    MemoryTree,
    check_changes,
    maintainers_from_config,
    parse_name_status,
)
from mkdocs_community.settings import Settings

# One existing record per kind (owned by 'ada'), as it sits on main. A new kind is
# covered by adding its entry here (and its rule to ownership.OWNER_FIELDS).
OWNED_RECORDS: dict[str, tuple[str, dict]] = {
    "event": ("events/2026-05-01-meetup.md",
              {"title": "Meetup", "start": "2026-05-01T18:00", "hosts": ["ada"]}),
    "resource": ("content/resources/sql-guide.md",
                 {"title": "SQL guide", "summary": "A guide.", "type": "guide",
                  "contributed_by": "ada", "added": "2026-01-02"}),
    "spotlight": ("content/spotlights/2026-02-01-ada-talk.md",
                  {"title": "Ada's talk", "members": ["ada"], "kind": "talk",
                   "summary": "Ada spoke."}),
    "group": ("content/groups/sql-circle.md",
              {"name": "SQL circle", "summary": "We learn SQL.", "kind": "study-group",
               "status": "open", "facilitators": ["ada"]}),
    "goal": ("content/goals/first-contribution.md",
             {"title": "First contribution", "summary": "Everyone contributes once."}),
}
PRESENT = [k.name for k in KINDS if k.name != "member"]


def git_env() -> dict[str, str]:
    result = env()
    result.update(GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.org",
                  GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.org",
                  GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    return result


class Repo:
    """A git repository around a SiteFactory site: main, then a pull-request branch."""

    def __init__(self, site: SiteFactory, top: Path | None = None) -> None:
        self.site = site
        self.top = top or site.root
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        proc = subprocess.run(["git", *args], cwd=self.top, env=git_env(), capture_output=True,
                              text=True, check=True)
        return proc.stdout

    def commit(self, message: str = "change") -> None:
        self.site._write_config()
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)

    def branch(self, name: str = "pr") -> None:
        self.git("checkout", "-q", "-b", name)

    def check(self, author: str, *args: str, fmt: str = "json",
              subprocess_: bool = False) -> tuple[int, list[dict], str]:
        """Run check-pr: in this process (fast), or as the real command."""
        options = ["check-pr", "--author", author, *(args or ("--base", "main")),
                   "--format", fmt]
        if subprocess_:
            proc = subprocess.run([str(BIN / "community"), *options], cwd=self.site.root,
                                  env=git_env(), capture_output=True, text=True, timeout=120)
            code, out, err = proc.returncode, proc.stdout, proc.stderr
        else:
            run = community_here(self.site.root, *options)
            code, out, err = run.returncode, run.stdout, run.stderr
        found = json.loads(out or "[]") if fmt == "json" else []
        return code, found, out + err


def front_matter(data: dict, body: str = "Text.\n") -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n" + body


@pytest.fixture
def repo(site: SiteFactory) -> Repo:
    """main: ada (github Ada-L), grace (no github field), the topics and mkdocs.yml."""
    site.member("ada", github="Ada-L", role="Analyst", avatar="ada.png")
    site.write("members/avatars/ada.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    site.member("grace")
    site.write("generator/thing.py", "X = 1\n")
    site.write(".github/workflows/pull-request.yml", "name: Check\n")
    for name in PRESENT:
        if name in OWNED_RECORDS:
            path, data = OWNED_RECORDS[name]
            site.write(path, front_matter(data))
    r = Repo(site)
    r.commit("main")
    r.branch()
    return r


def codes(found: list[dict]) -> list[tuple[str, str]]:
    return [(d["path"], d["code"]) for d in found]


# -- member profiles ----------------------------------------------------------------


def test_adding_your_own_profile_is_allowed_case_insensitively(repo):
    repo.site.member("newbie", github="NewBie")
    repo.commit()
    rc, found, _ = repo.check("newbie")
    assert (rc, found) == (0, [])
    rc, _, out = repo.check("newbie", fmt="text", subprocess_=True)  # the installed command
    assert rc == 0 and "members/newbie.yml: ok" in out


def test_changing_your_own_profile_is_allowed(repo):
    repo.site.member("ada", github="Ada-L", role="Data engineer", avatar="ada.png")
    repo.commit()
    assert repo.check("ada-l")[:2] == (0, [])


def test_adding_a_profile_for_someone_else_fails(repo):
    repo.site.member("linus", github="torvalds")
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1
    assert codes(found) == [("members/linus.yml", "profile-not-yours")]
    assert found[0]["line"] == 3  # the github line, for the annotation
    assert "@torvalds" in found[0]["message"] and "@mallory" in found[0]["message"]


def test_adding_a_profile_without_github_field_fails_with_a_hint(repo):
    repo.site.member("newbie")
    repo.commit()
    rc, found, _ = repo.check("newbie")
    assert rc == 1 and codes(found) == [("members/newbie.yml", "github-missing")]
    assert "github: newbie" in found[0]["hint"]


def test_changing_someone_elses_profile_fails(repo):
    repo.site.member("ada", github="Ada-L", role="Vandal", avatar="ada.png")
    repo.commit()
    rc, _, out = repo.check("mallory", fmt="text")
    assert rc == 1
    assert "members/ada.yml" in out and "profile of @Ada-L" in out
    assert "1 of 1 changes need a maintainer" in out


def test_deleting_someone_elses_profile_fails_and_your_own_is_allowed(repo):
    (repo.site.root / "members/ada.yml").unlink()
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1 and codes(found) == [("members/ada.yml", "profile-not-yours")]
    assert "delete" in found[0]["message"]
    assert repo.check("ada-l")[:2] == (0, [])


def test_taking_over_a_profile_by_changing_its_github_field_fails(repo):
    repo.site.member("ada", github="mallory", role="Analyst", avatar="ada.png")
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1 and codes(found) == [("members/ada.yml", "profile-not-yours")]
    assert "@Ada-L" in found[0]["message"]  # the base version decides


def test_giving_your_profile_away_fails(repo):
    repo.site.member("ada", github="someone-else", avatar="ada.png")
    repo.commit()
    rc, found, _ = repo.check("Ada-L")
    assert rc == 1 and codes(found) == [("members/ada.yml", "profile-takeover")]


def test_a_profile_without_owner_can_be_changed_only_by_maintainers(repo):
    repo.site.member("grace", github="grace", role="Admiral")
    repo.commit()
    rc, found, _ = repo.check("grace")
    assert rc == 1 and codes(found) == [("members/grace.yml", "profile-not-yours")]
    assert "no 'github' field" in found[0]["message"]
    assert repo.check("maint")[:2] == (0, [])


def test_renames_count_as_delete_plus_add(repo):
    repo.git("mv", "members/ada.yml", "members/ada-l.yml")
    repo.commit()
    assert repo.check("ada-l")[:2] == (0, [])
    # Someone else renaming (taking over) Ada's file fails on the old path.
    repo.git("checkout", "-q", "main")
    repo.branch("pr2")
    repo.git("mv", "members/ada.yml", "members/mallory.yml")
    repo.site.member("mallory", github="mallory", role="Analyst", avatar="ada.png")
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1
    assert ("members/ada.yml", "profile-not-yours") in codes(found)


# -- everything that is not a record --------------------------------------------------


@pytest.mark.parametrize("path", ["generator/thing.py", ".github/workflows/pull-request.yml",
                                  "tests/test_new.py", "mkdocs.yml", "content/index.md",
                                  "members/_template.yml"])
def test_touching_the_site_itself_fails_naming_the_file(repo, path):
    target = repo.site.root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    repo.git("add", "-A")  # not commit(): it would write mkdocs.yml afresh
    repo.git("commit", "-q", "-m", "touch")
    rc, found, _ = repo.check("ada-l")
    assert rc == 1
    assert codes(found) == [(path, "protected-file")]
    assert "only maintainers" in found[0]["message"]


def test_github_annotations_name_the_file(repo):
    repo.site.write("generator/thing.py", "X = 2\n")
    repo.commit()
    rc, _, out = repo.check("ada-l", fmt="github", subprocess_=True)
    assert rc == 1
    assert out.startswith("::error file=generator/thing.py,title=protected-file::")


def test_maintainers_may_change_anything(repo):
    repo.site.write("generator/thing.py", "X = 2\n")
    (repo.site.root / "members/ada.yml").unlink()
    repo.commit()
    assert repo.check("Maint")[:2] == (0, [])


def test_a_pull_request_cannot_make_its_author_a_maintainer(repo):
    repo.site.plugin_options["maintainers"] = ["maint", "mallory"]
    repo.site.write("generator/thing.py", "X = 666\n")
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1
    assert {p for p, _ in codes(found)} == {"mkdocs.yml", "generator/thing.py"}


def test_topics_may_gain_entries_but_not_lose_them(repo):
    repo.site.topics["rust"] = {"label": "Rust"}
    repo.site.topics["python"] = {"label": "Python", "aliases": ["py", "python3", "cpython"]}
    repo.commit()
    assert repo.check("ada-l")[:2] == (0, [])
    del repo.site.topics["sql"]
    repo.commit("remove")
    rc, found, _ = repo.check("ada-l")
    assert rc == 1 and codes(found) == [("content/topics.yml", "topic-removed")]
    assert "'sql'" in found[0]["message"]


# -- avatars ----------------------------------------------------------------------------


def test_avatars_only_for_your_own_profile(repo):
    repo.site.member("newbie", github="newbie", avatar="newbie.png")
    repo.site.write("members/avatars/newbie.png", b"\x89PNG\r\n\x1a\n")
    repo.commit()
    assert repo.check("newbie")[:2] == (0, [])
    # Replacing Ada's image is refused, even when the new profile names it too.
    repo.site.member("newbie", github="newbie", avatar="ada.png")
    repo.site.write("members/avatars/ada.png", b"\x89PNG\r\n\x1a\nEVIL")
    repo.commit("swap")
    rc, found, _ = repo.check("newbie")
    assert rc == 1
    assert ("members/avatars/ada.png", "avatar-not-yours") in codes(found)


def test_an_avatar_no_profile_uses_is_refused(repo):
    repo.site.write("members/avatars/random.png", b"\x89PNG\r\n\x1a\n")
    repo.commit()
    rc, found, _ = repo.check("ada-l")
    assert rc == 1 and codes(found) == [("members/avatars/random.png", "avatar-not-yours")]


def test_replacing_your_own_avatar_is_allowed(repo):
    repo.site.write("members/avatars/ada.png", b"\x89PNG\r\n\x1a\nnew")
    repo.commit()
    assert repo.check("ada-l")[:2] == (0, [])


# -- other records ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", [k for k in PRESENT if OWNER_FIELDS.get(k) and
                                  OWNER_FIELDS[k].open_to_add and k in OWNED_RECORDS])
def test_anyone_may_add_a_new_record(repo, kind):
    path, data = OWNED_RECORDS[kind]
    new_path = path.replace(Path(path).stem, Path(path).stem + "-two")
    repo.site.write(new_path, front_matter(data))
    repo.commit()
    rc, _, out = repo.check("newcomer", fmt="text")
    assert rc == 0, out
    assert f"adds a new {kind}" in out


@pytest.mark.parametrize("kind", [k for k in PRESENT if OWNER_FIELDS.get(k) and
                                  OWNER_FIELDS[k].fields and k in OWNED_RECORDS])
def test_existing_records_belong_to_the_people_they_name(repo, kind):
    path, data = OWNED_RECORDS[kind]
    field = OWNER_FIELDS[kind].fields[0]
    changed = {**data, field: "mallory" if isinstance(data[field], str) else ["mallory"]}
    repo.site.write(path, front_matter(changed, "Rewritten.\n"))
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1 and codes(found) == [(path, "not-your-record")]
    assert "ada" in found[0]["message"]  # who may change it, from the base version
    assert repo.check("Ada-L")[:2] == (0, [])  # Ada is named: her record


def test_a_new_spotlight_may_bring_its_image_but_images_alone_are_protected(repo):
    _, data = OWNED_RECORDS["spotlight"]
    repo.site.write("content/spotlights/2026-03-01-new.md",
                    front_matter({**data, "image": "images/new.png", "image_alt": "A cup"}))
    repo.site.write("content/images/new.png", b"\x89PNG\r\n\x1a\n")
    repo.site.write("content/images/stray.png", b"\x89PNG\r\n\x1a\n")
    repo.commit()
    rc, _, out = repo.check("newcomer", fmt="text")
    assert rc == 1, out
    assert "content/images/new.png: ok" in out
    assert "content/images/stray.png: error[protected-file]" in out


def test_goals_are_the_maintainers(repo):
    repo.site.write("content/goals/new-goal.md", front_matter({"title": "G", "summary": "S"}))
    repo.commit()
    rc, found, _ = repo.check("ada-l")
    assert rc == 1 and codes(found) == [("content/goals/new-goal.md", "protected-record")]
    assert repo.check("maint")[:2] == (0, [])


# -- the --changed mode and odd repositories -------------------------------------------


def test_changed_mode_checks_uncommitted_files_against_head(repo):
    repo.site.member("ada", github="Ada-L", role="Vandal", avatar="ada.png")
    rc, found, _ = repo.check("mallory", "--changed", "members/ada.yml")
    assert rc == 1 and codes(found) == [("members/ada.yml", "profile-not-yours")]
    assert repo.check("ada-l", "--changed", "members/ada.yml")[:2] == (0, [])


def test_site_in_a_subfolder_of_the_repository(tmp_path):
    site = SiteFactory(tmp_path / "repo" / "site")
    site.member("ada", github="ada")
    site.write("../.github/workflows/x.yml", "name: x\n")
    r = Repo(site, top=tmp_path / "repo")
    r.commit()
    r.branch()
    site.member("ada", github="ada", role="Analyst")
    site.write("../.github/workflows/x.yml", "name: y\n")
    site.write("../members/evil.yml", "name: x\n")  # not a record: outside the site
    r.commit()
    rc, found, _ = r.check("ada")
    assert rc == 1
    assert sorted(codes(found)) == [("../.github/workflows/x.yml", "protected-file"),
                                    ("../members/evil.yml", "protected-file")]


def test_an_unknown_base_is_a_clear_error(repo):
    rc, _, out = repo.check("ada-l", "--base", "no-such-branch", fmt="text")
    assert rc == 2 and "community check-pr:" in out and "Traceback" not in out


# -- the core, without git ------------------------------------------------------------


def test_name_status_parsing_keeps_odd_file_names():
    output = "M\0members/a b.yml\0R087\0members/old.yml\0members/new\nline.yml\0D\0x\0"
    assert parse_name_status(output) == [
        Change("M", "members/a b.yml"), Change("R", "members/new\nline.yml", "members/old.yml"),
        Change("D", "x")]


def test_every_record_kind_has_an_ownership_rule():
    for kind in KINDS:
        if kind.name == "member":
            continue
        assert kind.name in OWNER_FIELDS, f"add '{kind.name}' to ownership.OWNER_FIELDS"
        for name in OWNER_FIELDS[kind.name].fields:
            assert name in kind.model.model_fields, f"{kind.name} has no field '{name}'"


def test_maintainers_are_read_without_running_tags():
    text = ("site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
            "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
            "plugins:\n  - search\n  - community:\n      maintainers: [Alice, '@bob']\n"
            "extra:\n  key: !ENV [HOME, x]\n")
    assert maintainers_from_config(text) == ("alice", "bob")
    assert maintainers_from_config("::: not yaml [") == ()


def test_symlinked_and_unreadable_profiles_are_refused(tmp_path):
    settings = Settings(root=tmp_path)
    base = MemoryTree({"members/ada.yml": "name: A\ngithub: ada\n"})
    head = MemoryTree({"members/ada.yml": b"\xff\xfe"}, symlinks=frozenset({"members/b.yml"}))
    verdicts = check_changes([Change("M", "members/ada.yml"), Change("A", "members/b.yml")],
                             "ada", settings, base, head)
    assert [(v.allowed, v.code) for v in verdicts] == [(False, "github-missing"),
                                                      (False, "github-missing")]
    assert "UTF-8" in verdicts[0].message and "symbolic link" in verdicts[1].message


def test_a_bad_author_login_is_refused(tmp_path):
    verdicts = check_changes([Change("A", "members/x.yml")], "-rf /", Settings(root=tmp_path),
                             MemoryTree(), MemoryTree())
    assert [v.code for v in verdicts] == ["bad-author"]


def test_event_hosts_given_as_people_count_but_guests_own_nothing(tmp_path):
    settings = Settings(root=tmp_path)
    event = "events/2026-05-01-meetup.md"
    base = MemoryTree({
        "members/ada.yml": "name: Ada\ngithub: ada\n",
        "members/bob.yml": "name: Bob\ngithub: bob\n",
        event: "---\ntitle: x\nhosts:\n  - member: ada\n  - name: bob\n---\nText\n"})
    head = MemoryTree({**base.contents, event: "---\ntitle: y\n---\n"})
    change = [Change("M", event)]
    assert [v.allowed for v in check_changes(change, "ADA", settings, base, head)] == [True]
    assert [v.code for v in check_changes(change, "bob", settings, base, head)] == \
        ["not-your-record"]
