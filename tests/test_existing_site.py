"""The README's "Add the plugin to an existing site", followed step by step.

A fresh Material site with its blog and tags plugins (and a ``nav`` of its own, served
under a sub-path) gets the README's plugin lines, exactly as the README writes them, then
its first records through ``community new``. It must validate, build with ``--strict``,
keep the blog working, reach every section from its menu, and have no broken link.
The ``community`` commands run in this process (conftest.community_here; the installed
command is tests/test_contribution_loop.py's); the walkthrough's build is the real
``mkdocs build``, the other checks' run in this process too (conftest.build_here).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import BIN, FIXED_NOW, REPO, Run, broken_links, build_here, community_here, env

pytestmark = pytest.mark.slow

SITE_URL = "https://docs.example.org/handbook/"


def readme_plugins() -> list:
    """The plugins block the README gives for an existing site."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- existing-site:plugins -->\s*```yaml\n(.*?)```", readme, re.S)
    assert block, "the README's existing-site plugins block is missing"
    return yaml.safe_load(block.group(1))["plugins"]


class ExistingSite:
    def __init__(self, root: Path, *, real_build: bool = False) -> None:
        self.root = root
        self.real_build = real_build  # the real `mkdocs build`, or the same in this process
        self.plugins = readme_plugins()
        for entry in self.plugins:  # the tests' fixed "now", for dates that never move
            if isinstance(entry, dict) and "community" in entry:
                entry["community"]["now"] = FIXED_NOW
        self.write("docs/index.md", "# Handbook\n\nOur team's handbook.\n")
        self.write("docs/blog/index.md", "# Blog\n")
        self.write("docs/blog/posts/hello.md",
                   "---\ndate: 2026-11-02\ntags: [news]\n---\n\n# Hello\n\nFirst post.\n")

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def config(self, **community: object) -> None:
        plugins = [{"community": {**entry["community"], **community}}
                   if isinstance(entry, dict) and "community" in entry else entry
                   for entry in self.plugins]
        self.write("mkdocs.yml", yaml.safe_dump({
            "site_name": "Team handbook", "site_url": SITE_URL,
            "repo_url": "https://github.com/example/handbook",
            "theme": {"name": "material", "font": False},
            "nav": [{"Home": "index.md"}, {"Blog": "blog/index.md"}],
            "plugins": plugins,
        }, sort_keys=False))

    def run(self, *args: str) -> Run:
        proc = subprocess.run(list(args), cwd=self.root, env=env(), capture_output=True,
                              text=True, timeout=600)
        return Run(proc.returncode, proc.stdout, proc.stderr)

    def community(self, *args: str) -> Run:
        return community_here(self.root, *args)

    def build(self, *extra: str) -> Run:
        """``mkdocs build``, with ``--strict`` if given (the only option used here)."""
        assert set(extra) <= {"--strict"}
        if self.real_build:
            return self.run(str(BIN / "mkdocs"), "build", *extra)
        return build_here(self.root / "mkdocs.yml", strict="--strict" in extra)


@pytest.fixture
def existing(tmp_path: Path) -> ExistingSite:
    site = ExistingSite(tmp_path / "handbook")
    site.config()
    return site


@pytest.fixture
def existing_built_for_real(tmp_path: Path) -> ExistingSite:
    site = ExistingSite(tmp_path / "handbook", real_build=True)
    site.config()
    return site


def fill(path: Path, **values: str) -> None:
    """Fill a template's empty 'key:' lines (and replace its body) as a person would."""
    text = path.read_text(encoding="utf-8")
    body = values.pop("body", None)
    for key, value in values.items():
        text, count = re.subn(rf"(?m)^{key}:.*$", f"{key}: {value}", text, count=1)
        assert count, key
    if body is not None:
        head, _, _ = text.rpartition("\n---\n")
        text = head + "\n---\n" + body
    path.write_text(text, encoding="utf-8")


def test_an_existing_material_site_with_blog_and_tags_gets_the_community(
        existing_built_for_real):
    existing = existing_built_for_real
    assert {"blog", "tags"} <= {p if isinstance(p, str) else next(iter(p))
                                for p in existing.plugins}
    # An empty community validates and builds: no topics file, no records yet.
    checked = existing.community("validate")
    assert checked.returncode == 0, checked.stderr
    assert "no records yet; no errors" in checked.stderr

    # The first records, from the templates.
    made = existing.community("new", "member", "alice")
    assert made.returncode == 0, made.stderr
    member = existing.root / "members" / "alice.yml"
    modeline = member.read_text(encoding="utf-8").splitlines()[0]
    schema = modeline.split("$schema=")[1]
    assert (member.parent / schema).resolve().is_file(), "the editor's schema is there"
    json.loads((member.parent / schema).read_text(encoding="utf-8"))
    fill(member, name="Alice Example", joined="2026-10")

    assert existing.community("new", "event", "2027-01-20-first-meetup").returncode == 0
    event = existing.root / "events" / "2027-01-20-first-meetup.md"
    assert "start: 2027-01-20 18:00" in event.read_text(encoding="utf-8")
    fill(event, title="First meetup", hosts="[alice]")
    # The template's placeholder body is refused, on its line, until it is replaced.
    refused = existing.community("validate", "--format", "json")
    problems = json.loads(refused.stdout)
    assert refused.returncode == 1
    assert [(p["path"], p["code"]) for p in problems] == [
        ("events/2027-01-20-first-meetup.md", "placeholder-text")]
    body_line = event.read_text(encoding="utf-8").splitlines().index(
        "Describe the event in Markdown: who it is for, what to prepare, how to take part.")
    assert problems[0]["line"] == body_line + 1
    fill(event, body="Meet the team and the handbook's first members.\n")

    assert existing.community("new", "resource", "first-steps").returncode == 0
    resource = existing.root / "docs" / "resources" / "first-steps.md"  # in docs_dir
    fill(resource, title="First steps", summary="Where to start.",
         url="https://learn.example.net/start", contributed_by="alice",
         added="2026-11-20", body="The page we send every newcomer to.\n")

    checked = existing.community("validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "1 member, 1 resource, 1 event; no errors" in checked.stderr

    built = existing.build("--strict")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "WARNING" not in built.stderr
    site = existing.root / "site"
    # The blog and the tags still work beside the community.
    assert (site / "blog" / "2026" / "11" / "02" / "hello" / "index.html").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    # Every section is in the menu, under "Community", after the site's own entries.
    nav = home[home.index('class="md-nav md-nav--primary"'):]
    for title, url in (("Members", "members/"), ("Events", "events/"),
                       ("Resources", "resources/"), ("Join us", "join/")):
        assert re.search(rf'href="{re.escape(url)}"[^>]*>\s*(<[^>]+>\s*)*{title}', nav), title
    assert re.search(r">\s*Blog\s*<", nav).start() < re.search(r">\s*Community\s*<",
                                                                  nav).start()
    # The record folders in docs/ are data: the resource's page is the generated one,
    # and the record file itself is not published.
    assert "First steps" in (site / "resources" / "index.html").read_text(encoding="utf-8")
    page = (site / "resources" / "first-steps" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://learn.example.net/start"' in page
    assert not list(site.rglob("*.md")) and not list(site.rglob("*.yml"))
    assert "Alice Example" in (site / "members" / "alice" / "index.html").read_text("utf-8")
    # A join page is written (the site has none), and every link resolves.
    assert "members/&lt;your-github-login&gt;.yml" in (site / "join" / "index.html"
                                                      ).read_text(encoding="utf-8")
    broken = broken_links(site, SITE_URL)
    assert not broken, "\n".join(map(str, broken[:30]))


def test_sections_left_out_of_the_nav_are_a_warning_with_the_lines_to_paste(existing):
    existing.config(nav_section=False)
    built = existing.build()
    assert built.returncode == 0, built.stderr
    warning = built.stderr[built.stderr.index("WARNING"):]
    assert "these sections are not in the site's nav" in warning
    assert "      - Members: members/index.md" in warning
    assert existing.build("--strict").returncode == 1
    # Listed by hand, they are no longer missing.
    config = yaml.safe_load((existing.root / "mkdocs.yml").read_text(encoding="utf-8"))
    pasted = yaml.safe_load(warning[warning.index("  - Community:"):].split("\n\n")[0]
                            .split("\nINFO")[0])
    config["nav"].extend(pasted)
    existing.write("mkdocs.yml", yaml.safe_dump(config, sort_keys=False))
    again = existing.build("--strict")
    assert again.returncode == 0, again.stderr
    assert "not in the site's nav" not in again.stderr


def test_a_topic_before_the_topics_file_says_how_to_start_one(existing):
    assert existing.community("new", "member", "bo").returncode == 0
    fill(existing.root / "members" / "bo.yml", name="Bo", skills="[python]")
    result = existing.community("validate")
    assert result.returncode == 1
    assert "unknown topic 'python'" in result.stdout
    assert "no topics yet: create docs/topics.yml" in result.stdout
    existing.write("docs/topics.yml", "python: Python\n")
    assert existing.community("validate").returncode == 0
    # The topics file in docs/ is data, not a page.
    built = existing.build("--strict")
    assert built.returncode == 0, built.stderr
    assert not (existing.root / "site" / "topics.yml").exists()


def test_a_topics_file_the_options_name_must_exist(existing_built_for_real):
    """Optional only when unset: a file the site names and does not have is an error.

    The real build: Material's blog plugin makes its temporary folder once per process
    and removes it at every shutdown, so a build that stops before the blog has written
    anything fails at shutdown in a process that ran a build before it."""
    existing = existing_built_for_real
    existing.config(topics="docs/vocabulary.yml")
    result = existing.community("validate")
    assert result.returncode == 1
    assert "docs/vocabulary.yml: error[topics-missing]" in result.stdout + result.stderr
    assert existing.build("--strict").returncode == 1
