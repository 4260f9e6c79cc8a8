"""``community check-pr``: who may change what, checked on real git repositories.

Each test makes a repository with a ``main`` branch holding a small community, then a
pull-request branch with the change under test, and runs the real command the
pull-request workflow runs (``community check-pr --author ... --base main``). Many tests
are attacks: a pull request that tries to run code, to change the rules, to take a name,
to attach people without their consent or to replace a file that is not its author's.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import BIN, SiteFactory, community_here, env
from mkdocs_community.adapters.pullrequest.ownership import (
    OWNER_FIELDS,
    Change,
    MemoryTree,
    approvals_from_reviews,
    check_changes,
    parse_name_status,
)
from mkdocs_community.core.kinds import KINDS
from mkdocs_community.core.settings import Settings

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")

# One existing, valid record per kind (owned by 'ada'), as it sits on main. A new kind is
# covered by adding its entry here (and its rule to ownership.OWNER_FIELDS).
OWNED_RECORDS: dict[str, tuple[str, dict]] = {
    "event": ("events/2026-05-01-meetup.md",
              {"title": "Meetup", "start": "2026-05-01 18:00", "duration": "2h",
               "format": "online", "hosts": ["ada"]}),
    "resource": ("content/resources/sql-guide.md",
                 {"title": "SQL guide", "summary": "A guide.", "type": "guide",
                  "contributed_by": "ada", "added": "2026-01-02"}),
    "spotlight": ("content/spotlights/2026-02-01-ada-talk.md",
                  {"title": "Ada's talk", "members": ["ada"], "kind": "talk",
                   "summary": "Ada spoke."}),
    "group": ("content/groups/sql-circle.md",
              {"name": "SQL circle", "summary": "We learn SQL.", "kind": "study-group",
               "status": "open", "facilitators": ["ada"], "members": ["grace"]}),
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
        self.commit_as_is(message)

    def commit_as_is(self, message: str = "change") -> None:
        """Commit the files as they are (without writing mkdocs.yml afresh)."""
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
    """main: ada (github: Ada), grace (no github field: @grace by her file name), bob,
    one record of each kind owned by ada, the topics and mkdocs.yml."""
    site.member("ada", github="Ada", role="Analyst", avatar="ada.png")
    site.write("members/avatars/ada.png", PNG)
    site.member("grace")
    site.member("bob", github="bob")
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
    rc, found, _ = repo.check("NewBie")
    assert (rc, found) == (0, [])
    rc, _, out = repo.check("newbie", fmt="text", subprocess_=True)  # the installed command
    assert rc == 0 and "members/newbie.yml: ok" in out
    assert "the change is @newbie's to make" in out


def test_a_profile_without_github_field_is_its_file_names(repo):
    repo.site.member("newbie")
    repo.commit()
    assert repo.check("newbie")[:2] == (0, [])
    repo.site.member("grace", role="Admiral")  # grace's file: @grace's to change
    repo.commit("grace")
    rc, found, _ = repo.check("grace")
    assert rc == 1 and codes(found) == [("members/newbie.yml", "profile-name")]


def test_changing_your_own_profile_is_allowed(repo):
    repo.site.member("ada", github="Ada", role="Data engineer", avatar="ada.png")
    repo.commit()
    assert repo.check("ada")[:2] == (0, [])


def test_a_profile_is_bound_to_its_file_name(repo):
    """Attack: 'members/torvalds.yml' with 'github: <me>' took the real person's name."""
    repo.site.member("torvalds", github="mallory")
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1 and set(codes(found)) == {("members/torvalds.yml", "github-mismatch"),
                                             ("members/torvalds.yml", "profile-name")}
    by_code = {d["code"]: d for d in found}
    assert "members/mallory.yml" in by_code["profile-name"]["message"]
    assert "members/mallory.yml" in by_code["github-mismatch"]["hint"]  # validate agrees


def test_adding_a_profile_for_someone_else_fails(repo):
    repo.site.member("mallory", github="torvalds")
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1
    assert ("members/mallory.yml", "profile-not-yours") in codes(found)
    problem = next(d for d in found if d["code"] == "profile-not-yours")
    assert problem["line"] == 3  # the github line, for the annotation
    assert "@torvalds" in problem["message"] and "@mallory" in problem["message"]


@pytest.mark.parametrize("name", ["Mallory.yml", "mallory.yaml", "mallory.YML"])
def test_a_profile_file_name_is_the_exact_lowercase_login(repo, name):
    """Attack: case variants and other endings of a name passed check-pr."""
    repo.site.write(f"members/{name}", "name: M\njoined: 2025-01\n")
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1 and (f"members/{name}", "profile-name") in codes(found)


def test_look_alike_profile_names_are_refused(repo):
    """'rnallory' reads as 'mallory': the real rnallory must ask a maintainer."""
    repo.site.member("mallory", github="mallory")
    repo.commit("mallory")
    repo.git("checkout", "-q", "-B", "main")
    repo.branch("pr2")
    repo.site.member("rnallory")
    repo.commit()
    rc, found, _ = repo.check("rnallory")
    assert rc == 1 and codes(found) == [("members/rnallory.yml", "lookalike-id")]
    assert "members/mallory.yml" in found[0]["message"]


@pytest.mark.parametrize("name", ["SQL-Guide.md", "sql-guide.MD", "\u0455ql-guide.md"])
def test_look_alike_record_names_are_refused(repo, name):
    """Attack: case variants, other endings and Cyrillic look-alikes of a record's name."""
    _, data = OWNED_RECORDS["resource"]
    repo.site.write(f"content/resources/{name}", front_matter({**data, "contributed_by":
                                                                "mallory"}))
    repo.site.member("mallory")
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1
    assert (f"content/resources/{name}", "lookalike-id") in codes(found)


def test_changing_someone_elses_profile_fails(repo):
    repo.site.member("ada", github="Ada", role="Vandal", avatar="ada.png")
    repo.commit()
    rc, _, out = repo.check("mallory", fmt="text")
    assert rc == 1
    assert "members/ada.yml" in out and "profile of @Ada" in out
    assert "1 of 1 change needs a maintainer" in out


def test_deleting_someone_elses_profile_fails_and_your_own_is_allowed(repo):
    (repo.site.root / "members/bob.yml").unlink()
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1 and codes(found) == [("members/bob.yml", "profile-not-yours")]
    assert "delete" in found[0]["message"]
    assert repo.check("bob")[:2] == (0, [])


def test_taking_over_a_profile_by_changing_its_github_field_fails(repo):
    repo.site.member("ada", github="mallory", role="Analyst", avatar="ada.png")
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1 and ("members/ada.yml", "profile-not-yours") in codes(found)
    assert "@Ada" in found[0]["message"]  # the base version decides


def test_giving_your_profile_away_fails(repo):
    repo.site.member("ada", github="someone-else", avatar="ada.png")
    repo.commit()
    rc, found, _ = repo.check("Ada")
    assert rc == 1 and ("members/ada.yml", "profile-takeover") in codes(found)


def test_renames_count_as_delete_plus_add(repo):
    repo.git("mv", "members/ada.yml", "members/ada-l.yml")
    repo.site.member("ada-l", github="Ada-L", role="Analyst", avatar="ada.png")
    repo.commit()
    rc, found, _ = repo.check("ada-l")
    # The old file is Ada's (another login): a new name is a new person, by a maintainer.
    assert rc == 1 and ("members/ada.yml", "profile-not-yours") in codes(found)
    repo.git("checkout", "-q", "main")
    repo.branch("pr2")
    repo.git("mv", "members/bob.yml", "members/mallory.yml")
    repo.site.member("mallory", github="mallory")
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1
    assert ("members/bob.yml", "profile-not-yours") in codes(found)


# -- everything that is not a record --------------------------------------------------


@pytest.mark.parametrize("path", ["generator/thing.py", ".github/workflows/pull-request.yml",
                                  "tests/test_new.py", "mkdocs.yml", "content/index.md",
                                  "members/_template.yml"])
def test_touching_the_site_itself_fails_naming_the_file(repo, path):
    target = repo.site.root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    repo.commit_as_is("touch")
    rc, found, _ = repo.check("ada")
    assert rc == 1
    assert codes(found) == [(path, "protected-file")]
    assert "only maintainers" in found[0]["message"]


def test_github_annotations_name_the_file(repo):
    repo.site.write("generator/thing.py", "X = 2\n")
    repo.commit()
    rc, _, out = repo.check("ada", fmt="github", subprocess_=True)
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


# -- the pull request is data --------------------------------------------------------


def test_a_pull_request_mkdocs_yml_runs_nothing(repo, tmp_path):
    """Attack: YAML tags and hooks in the pull request's mkdocs.yml ran in the check,
    which then let it delete another member's profile and edit a workflow."""
    marker = tmp_path / "PWNED"
    hook = repo.site.write("hooks/evil.py", f"open({str(marker)!r}, 'w').write('hook')\n")
    config = (repo.site.root / "mkdocs.yml").read_text()
    config = config.replace("plugins:", f"hooks:\n- {hook}\nevil: !!python/object/apply:"
                            f"builtins.open [{str(marker)!r}, w]\nplugins:")
    (repo.site.root / "mkdocs.yml").write_text(config)
    (repo.site.root / "members/bob.yml").unlink()
    repo.site.write(".github/workflows/pull-request.yml", "name: Check\non: push\n")
    repo.commit_as_is("evil")
    rc, _, out = repo.check("mallory", fmt="github", subprocess_=True)
    assert not marker.exists(), "the pull request's configuration ran code"
    assert rc == 1
    for path in ("mkdocs.yml", "members/bob.yml", ".github/workflows/pull-request.yml",
                 "hooks/evil.py"):
        assert f"::error file={path}," in out
    # The same when the head is given by SHA, as the workflow does, from any checkout.
    head = repo.git("rev-parse", "HEAD").strip()
    repo.git("checkout", "-q", "main")
    rc, _, out = repo.check("mallory", "--base", "main", "--head", head, fmt="text",
                            subprocess_=True)
    assert rc == 1 and not marker.exists()
    assert "members/bob.yml: error[profile-not-yours]" in out


def test_the_base_mkdocs_yml_is_read_without_running_its_tags(repo, tmp_path):
    """The base may use MkDocs' tags (!ENV, !relative, !!python/name:): read as data."""
    marker = tmp_path / "RAN"
    config = (repo.site.root / "mkdocs.yml").read_text()
    config = config.replace("plugins:", "markdown_extensions:\n- pymdownx.emoji:\n"
                            "    emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                            "- pymdownx.snippets:\n    base_path: !relative $config_dir\n"
                            f"extra:\n  x: !!python/object/apply:builtins.open [{str(marker)!r},"
                            " w]\n  y: !ENV [NO_SUCH_VARIABLE, fallback]\nplugins:")
    (repo.site.root / "mkdocs.yml").write_text(config)
    repo.commit_as_is("tags on main")
    repo.git("checkout", "-q", "-B", "main")
    repo.branch("pr2")
    repo.site.member("ada", github="Ada", role="Data engineer", avatar="ada.png")
    repo.commit_as_is()
    assert repo.check("ada", subprocess_=True)[:2] == (0, [])
    assert not marker.exists()


def test_the_rules_come_from_the_base_branch(repo):
    """Attack: 'events_dir: .github/workflows' in the pull request's mkdocs.yml made a
    new workflow file 'a new event'."""
    repo.site.plugin_options["events_dir"] = ".github/workflows"
    repo.site.plugin_options["maintainers"] = ["mallory"]
    repo.site.write(".github/workflows/2026-01-01-evil.md", front_matter(
        {"title": "x", "start": "2026-01-01 10:00", "duration": "1h", "format": "online",
         "hosts": ["mallory"]}))
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1
    assert (".github/workflows/2026-01-01-evil.md", "protected-file") in codes(found)
    assert ("mkdocs.yml", "protected-file") in codes(found)


def test_gitlinks_and_symlinks_are_refused_with_their_own_message(repo):
    """Attack: a submodule entry inside a record folder passed as a new record."""
    commit = repo.git("rev-parse", "HEAD").strip()
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{commit},events/2026-06-01-sub.md")
    os.symlink("../members/ada.yml", repo.site.root / "members/mallory.yml")
    repo.git("add", "members/mallory.yml")
    repo.git("commit", "-q", "-m", "links")
    rc, found, _ = repo.check("mallory")
    assert rc == 1
    assert sorted(codes(found)) == [("events/2026-06-01-sub.md", "submodule"),
                                    ("members/mallory.yml", "symlink")]


def test_a_green_check_means_the_changed_files_are_valid(repo):
    """check-pr runs validate's per-file checks on the files it lets through."""
    repo.site.member("newbie", skills=["no-such-topic"], links={"website": "http://x.org"})
    repo.commit()
    rc, found, _ = repo.check("newbie")
    assert rc == 1
    assert {d["code"] for d in found} == {"unknown-topic", "url-scheme"}
    assert all(d["path"] == "members/newbie.yml" and d["line"] > 0 for d in found)
    rc, _, out = repo.check("newbie", fmt="text")
    assert "members/newbie.yml: ok" not in out
    assert "1 changed file has problems to fix" in out


def test_new_topics_may_be_used_in_the_same_pull_request(repo):
    repo.site.topics["rust"] = {"label": "Rust"}
    repo.site.member("newbie", skills=["rust"])
    repo.commit()
    assert repo.check("newbie")[:2] == (0, [])


def test_topics_may_gain_entries_but_not_lose_them(repo):
    repo.site.topics["rust"] = {"label": "Rust"}
    repo.site.topics["python"] = {"label": "Python", "aliases": ["py", "python3", "cpython"]}
    repo.commit()
    assert repo.check("ada")[:2] == (0, [])
    del repo.site.topics["sql"]
    repo.commit("remove")
    rc, found, _ = repo.check("ada")
    assert rc == 1 and codes(found) == [("content/topics.yml", "topic-removed")]
    assert "'sql'" in found[0]["message"]


# -- avatars and images -------------------------------------------------------------------


def test_avatars_only_for_your_own_profile(repo):
    repo.site.member("newbie", avatar="newbie.png")
    repo.site.write("members/avatars/newbie.png", PNG)
    repo.commit()
    assert repo.check("newbie")[:2] == (0, [])
    # Replacing Ada's image is refused, even when the new profile names it too.
    repo.site.member("newbie", avatar="ada.png")
    repo.site.write("members/avatars/ada.png", PNG + b"EVIL")
    repo.commit("swap")
    rc, found, _ = repo.check("newbie")
    assert rc == 1
    assert ("members/avatars/ada.png", "avatar-not-yours") in codes(found)


def test_an_avatar_no_profile_uses_is_refused(repo):
    repo.site.write("members/avatars/random.png", PNG)
    repo.commit()
    rc, found, _ = repo.check("ada")
    assert rc == 1 and codes(found) == [("members/avatars/random.png", "avatar-not-yours")]


def test_replacing_your_own_avatar_is_allowed(repo):
    repo.site.write("members/avatars/ada.png", PNG + b"new")
    repo.commit()
    assert repo.check("ada")[:2] == (0, [])


def spotlight(image: str, members: list[str], title: str = "New") -> str:
    _, data = OWNED_RECORDS["spotlight"]
    return front_matter({**data, "title": title, "members": members, "image": image,
                         "image_alt": "A cup"})


def test_a_new_spotlight_brings_its_image_in_the_spotlight_image_folder(repo):
    repo.site.member("newbie")
    repo.site.write("content/spotlights/2026-03-01-new.md",
                    spotlight("images/spotlights/new.png", ["newbie"]))
    repo.site.write("content/images/spotlights/new.png", PNG)
    repo.site.write("content/images/spotlights/stray.png", PNG)
    repo.commit()
    rc, _, out = repo.check("newbie", fmt="text")
    assert rc == 1, out
    assert "content/images/spotlights/new.png: ok" in out
    assert "content/images/spotlights/stray.png: error[protected-file]" in out


def test_a_spotlight_image_cannot_replace_the_site_favicon(repo):
    """Attack: a new spotlight whose image path was the site's favicon replaced it."""
    repo.site.member("newbie")
    repo.site.write("content/spotlights/2026-03-01-new.md",
                    spotlight("assets/images/favicon.png", ["newbie"]))
    repo.site.write("content/assets/images/favicon.png", PNG)
    repo.commit()
    rc, found, _ = repo.check("newbie")
    assert rc == 1
    assert ("content/assets/images/favicon.png", "protected-file") in codes(found)
    problem = next(d for d in found if d["path"].endswith("favicon.png"))
    assert "content/images/spotlights/" in problem["hint"]


def test_a_spotlight_image_is_replaced_only_by_those_its_spotlight_names(repo):
    repo.site.write("content/spotlights/2026-03-01-ada.md",
                    spotlight("images/spotlights/ada.png", ["ada"]))
    repo.site.write("content/images/spotlights/ada.png", PNG)
    repo.commit("main")
    repo.git("checkout", "-q", "-B", "main")
    repo.branch("pr2")
    repo.site.write("content/images/spotlights/ada.png", PNG + b"defaced")
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1 and codes(found) == [("content/images/spotlights/ada.png",
                                         "image-not-yours")]
    assert repo.check("ada")[:2] == (0, [])


# -- other records ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", [k for k in PRESENT if OWNER_FIELDS.get(k) and
                                  OWNER_FIELDS[k].open_to_add and k in OWNED_RECORDS])
def test_anyone_may_add_a_new_record_naming_themselves(repo, kind):
    path, data = OWNED_RECORDS[kind]
    new_path = path.replace(Path(path).stem, Path(path).stem + "-two")
    field = OWNER_FIELDS[kind].fields[0]
    mine = {**data, field: "newcomer" if isinstance(data[field], str) else ["newcomer"]}
    mine.pop("members", None) if kind == "group" else None
    repo.site.member("newcomer")
    repo.site.write(new_path, front_matter(mine))
    repo.commit()
    rc, _, out = repo.check("newcomer", fmt="text")
    assert rc == 0, out
    assert f"adds a new {kind}" in out


@pytest.mark.parametrize("kind", [k for k in PRESENT if OWNER_FIELDS.get(k) and
                                  OWNER_FIELDS[k].fields and k in OWNED_RECORDS])
def test_existing_records_belong_to_the_people_they_name(repo, kind):
    path, data = OWNED_RECORDS[kind]
    field = OWNER_FIELDS[kind].fields[0]
    changed = {**data, field: "bob" if isinstance(data[field], str) else ["bob"]}
    repo.site.write(path, front_matter(changed, "Rewritten.\n"))
    repo.commit()
    rc, found, _ = repo.check("mallory")
    assert rc == 1 and codes(found) == [(path, "not-your-record")]
    assert "ada" in found[0]["message"]  # who may change it, from the base version
    rc, found, _ = repo.check("Ada")  # Ada is named: her record, but bob must consent
    assert rc == 1 and codes(found) == [(path, "needs-approval")]
    assert repo.check("Ada", "--base", "main", "--approved-by", "bob")[:2] == (0, [])


def test_goals_are_the_maintainers(repo):
    repo.site.write("content/goals/new-goal.md", front_matter({"title": "G", "summary": "S"}))
    repo.commit()
    rc, found, _ = repo.check("ada")
    assert rc == 1 and codes(found) == [("content/goals/new-goal.md", "protected-record")]
    assert repo.check("maint")[:2] == (0, [])


# -- consent and leaving -------------------------------------------------------------


def test_naming_another_member_needs_their_approval(repo):
    """Attack: a new event named any member as host; it showed on their profile."""
    repo.site.member("newcomer")
    repo.site.write("events/2026-07-01-party.md", front_matter(
        {"title": "Party", "start": "2026-07-01 18:00", "duration": "1h", "format": "online",
         "hosts": ["newcomer", "bob"], "speakers": [{"member": "ada"}]}))
    repo.commit()
    rc, _, out = repo.check("newcomer", fmt="text")
    assert rc == 1
    assert "events/2026-07-01-party.md:8:3:" in out  # bob's line, as an annotation would say
    assert "needs approval from each of them or a maintainer" in out
    assert "@bob and @Ada" in out and "as host, as speaker" in out
    assert "1 change needs the approval of the members named" in out
    rc, _, out = repo.check("newcomer", fmt="github")
    assert "::error file=events/2026-07-01-party.md,line=8,col=3,title=needs-approval::" in out
    # Approval by each person named (as GitHub logins, any case), or by a maintainer.
    assert repo.check("newcomer", "--base", "main", "--approved-by", "bob")[0] == 1
    assert repo.check("newcomer", "--base", "main", "--approved-by", "BOB,ada")[:2] == (0, [])
    assert repo.check("newcomer", "--base", "main", "--approved-by", "maint")[:2] == (0, [])


def test_approvals_come_from_reviews_of_the_head_commit(repo, tmp_path):
    _, data = OWNED_RECORDS["spotlight"]
    repo.site.write("content/spotlights/2026-07-01-bob.md",
                    front_matter({**data, "title": "Bob's award", "members": ["bob"]}))
    repo.commit()
    head = repo.git("rev-parse", "HEAD").strip()
    reviews = [{"user": {"login": "bob"}, "state": "APPROVED", "commit_id": "0" * 40},
               {"user": {"login": "mallory"}, "state": "APPROVED", "commit_id": head}]
    file = tmp_path / "reviews.json"
    file.write_text(json.dumps(reviews))
    rc, found, _ = repo.check("mallory", "--base", "main", "--reviews", str(file))
    assert rc == 1 and [d["code"] for d in found] == ["needs-approval"]  # an older commit
    reviews.append({"user": {"login": "bob"}, "state": "APPROVED", "commit_id": head})
    file.write_text(json.dumps(reviews[:2]) + json.dumps(reviews[2:]))  # two pages
    assert repo.check("mallory", "--base", "main", "--reviews", str(file))[:2] == (0, [])


def test_members_may_always_remove_themselves(repo):
    """Attack (on members): someone who wanted to leave a group or an event was blocked."""
    path, data = OWNED_RECORDS["group"]
    repo.site.write(path, front_matter({**data, "members": []}))
    repo.commit()
    rc, _, out = repo.check("grace", fmt="text")
    assert rc == 0 and "removes themselves from this group" in out
    # ... but only themselves, and nothing else with it.
    repo.site.write(path, front_matter({**data, "members": [], "summary": "Mine now."}))
    repo.commit("more")
    rc, found, _ = repo.check("grace")
    assert rc == 1 and codes(found) == [(path, "not-your-record")]


def test_a_speaker_leaves_an_event_and_a_mentor_a_profile(repo):
    event, data = OWNED_RECORDS["event"]
    repo.site.write(event, front_matter({**data, "speakers": ["bob", "grace"]}))
    repo.site.member("mentee", mentoring={"mentors": ["bob"]})
    repo.commit("main")
    repo.git("checkout", "-q", "-B", "main")
    repo.branch("pr2")
    repo.site.write(event, front_matter({**data, "speakers": ["grace"]}))
    repo.site.member("mentee", mentoring={"mentors": []})
    repo.commit()
    rc, _, out = repo.check("bob", fmt="text")
    assert rc == 0, out
    assert out.count("removes themselves") == 2


# -- the --changed mode and odd repositories -------------------------------------------


def test_changed_mode_checks_uncommitted_files_against_head(repo):
    repo.site.member("ada", github="Ada", role="Vandal", avatar="ada.png")
    rc, found, _ = repo.check("mallory", "--changed", "members/ada.yml")
    assert rc == 1 and codes(found) == [("members/ada.yml", "profile-not-yours")]
    assert repo.check("ada", "--changed", "members/ada.yml")[:2] == (0, [])


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
    rc, _, out = repo.check("ada", "--base", "no-such-branch", fmt="text")
    assert rc == 2 and "community check-pr:" in out and "Traceback" not in out
    rc, _, out = repo.check("ada", "--base", "main", "--approved-by", "-rf /", fmt="text")
    assert rc == 2 and "not a GitHub login" in out


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


def test_reviews_are_data():
    head = "a" * 40
    text = json.dumps([
        {"user": {"login": "ada"}, "state": "APPROVED", "commit_id": head},
        {"user": {"login": "bob"}, "state": "APPROVED", "commit_id": head},
        {"user": {"login": "bob"}, "state": "CHANGES_REQUESTED", "commit_id": head},
        {"user": {"login": "cy"}, "state": "APPROVED", "commit_id": head},
        {"user": {"login": "cy"}, "state": "COMMENTED", "commit_id": head},
        {"user": {"login": "-rf /"}, "state": "APPROVED", "commit_id": head},
        {"user": "x", "state": "APPROVED"}, "junk", 7])
    assert approvals_from_reviews(text, head) == ("ada", "cy")
    assert approvals_from_reviews("[" + text + "]", head) == ("ada", "cy")  # --slurp
    assert approvals_from_reviews("not json", head) == ()


def test_symlinked_and_unreadable_profiles_are_refused(tmp_path):
    settings = Settings(root=tmp_path)
    base = MemoryTree({"members/ada.yml": "name: A\ngithub: ada\n"})
    head = MemoryTree({"members/ada.yml": b"\xff\xfe"}, symlinks=frozenset({"members/b.yml"}),
                      submodules=frozenset({"members/ada2.yml"}))
    verdicts = check_changes([Change("M", "members/ada.yml"), Change("A", "members/b.yml"),
                              Change("A", "members/ada2.yml")], "ada", settings, base, head)
    assert [(v.allowed, v.code) for v in verdicts] == [
        (False, "unreadable"), (False, "symlink"), (False, "submodule")]
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


# -- members without a GitHub account (github: false) ------------------------------------

def test_a_profile_without_github_is_the_maintainers(repo):
    """`github: false`: the file is named after the person and nobody's login binds it,
    not even one spelled like the file name; only maintainers add or change it."""
    repo.git("checkout", "-q", "main")
    repo.site.member("ada-lovelace", github=False, name="Ada Lovelace")
    repo.commit("no-github profile on main")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")
    repo.site.member("ada-lovelace", github=False, name="Ada Lovelace", role="Countess")
    repo.commit("edit")
    rc, found, _ = repo.check("ada-lovelace")  # a GitHub user named like the file
    assert rc == 1 and codes(found) == [("members/ada-lovelace.yml", "maintainer-profile")]
    assert repo.check("maint")[:2] == (0, [])
    repo.git("rm", "-q", "members/ada-lovelace.yml")
    repo.commit_as_is("delete")
    rc, found, _ = repo.check("ada-lovelace")
    assert rc == 1 and codes(found) == [("members/ada-lovelace.yml", "maintainer-profile")]


def test_a_new_profile_cannot_give_up_its_github_binding(repo):
    repo.site.member("newbie", github=False)
    repo.commit()
    rc, found, _ = repo.check("newbie")
    assert rc == 1 and codes(found) == [("members/newbie.yml", "maintainer-profile")]
    repo.site.member("grace", github=False)  # grace's own file, made maintainer-only
    repo.commit("grace")
    rc, found, _ = repo.check("grace")
    assert ("members/grace.yml", "maintainer-profile") in codes(found)


def test_naming_a_member_without_github_needs_a_maintainers_approval(repo):
    repo.git("checkout", "-q", "main")
    repo.site.member("ada-lovelace", github=False, name="Ada Lovelace")
    repo.commit("no-github profile on main")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")
    repo.site.record("events/2026-12-10-talk.md", {
        "title": "Talk", "start": "2026-12-10 18:00", "duration": "1h", "format": "online",
        "hosts": ["bob"], "speakers": ["ada-lovelace"]})
    repo.commit("event")
    rc, found, _ = repo.check("bob")
    assert rc == 1 and found[0]["code"] == "needs-approval"
    assert "no GitHub account: a maintainer approves" in found[0]["message"]
    assert repo.check("bob", "--base", "main", "--approved-by", "maint")[:2] == (0, [])
