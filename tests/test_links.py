"""A link check of built sites: every internal href/src of every page resolves.

``mkdocs build --strict`` checks the links written in Markdown pages, not the links in
templates, the theme's footer (``copyright``) or generated pages. These tests read the
finished HTML as a web server serves it: the example site at the root of its host and
under a sub-path (a GitHub project page), and a community with no records at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml
from test_empty_states import HOME

from conftest import EPOCH, REPO, SiteFactory, broken_links, build_here

pytestmark = pytest.mark.slow

EXAMPLE_PARTS = ("mkdocs.yml", "content", "members", "events", "overrides")


def example_copy(folder: Path, site_url: str) -> Path:
    """The example community, with its ``site_url`` set to ``site_url``."""
    for part in EXAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, folder / part)
        else:
            shutil.copy2(source, folder / part)
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old = yaml.safe_load(text)["site_url"]
    config.write_text(text.replace(f"site_url: {old}", f"site_url: {site_url}", 1),
                      encoding="utf-8")
    return folder


def build(folder: Path) -> Path:
    """``mkdocs build --strict`` of ``folder`` (in this process); the built site."""
    result = build_here(folder / "mkdocs.yml", epoch=EPOCH)
    assert result.returncode == 0, result.output
    return folder / "site"


@pytest.mark.parametrize("site_url", ["https://open-pathways.example.org/",
                                      "https://open-pathways.github.io/community/"],
                         ids=["root", "sub-path"])
def test_every_link_of_the_example_site_resolves(tmp_path, site_url):
    built = build(example_copy(tmp_path, site_url))
    pages = list(built.rglob("*.html"))
    assert len(pages) > 60
    broken = broken_links(built, site_url)
    assert not broken, "\n".join(map(str, broken[:40]))
    # The footer's privacy link is relative to each page (not the copyright line's).
    profile = (built / "members" / "amaraokafor" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../privacy/">Privacy</a>' in profile


def test_every_link_of_an_empty_community_resolves(site: SiteFactory):
    """No records at all, no topics file, no join, privacy or code-of-conduct page."""
    site.write("content/index.md", HOME)
    site.topics = None
    site.build()
    built = site.root / "site"
    broken = broken_links(built, "https://example.org/test/")
    assert not broken, "\n".join(map(str, broken))
    # What the pages link to exists: the whole calendar (valid, with no events yet), the
    # events feed, and a generated join page.
    calendar = icalendar.Calendar.from_ical((built / "events/calendar.ics").read_bytes())
    assert not calendar.walk("VEVENT") and calendar.walk("VTIMEZONE")
    feed = feedparser.parse((built / "events/feed.xml").read_bytes())
    assert not feed.bozo and feed.entries == []
    join = site.page("join")
    assert "members/&lt;your-github-login&gt;.yml" in join
    assert "code of conduct" not in site.page("connect")


def test_a_site_with_its_own_pages_links_to_them(site: SiteFactory):
    site.plugin_options.update({"join_page": "about/joining.md",
                                "code_of_conduct": "https://conduct.example.net/",
                                "privacy_page": "legal/privacy.md"})
    site.write("content/about/joining.md", "# Joining\n")
    site.write("content/legal/privacy.md", "# Privacy\n")
    site.member("ada")
    site.build()
    assert not (site.root / "site" / "join").exists()  # theirs, not a generated one
    assert 'href="../about/joining/"' in site.page("members")
    assert 'href="https://conduct.example.net/"' in site.page("connect")
    assert 'href="../../legal/privacy/">Privacy</a>' in site.page("members/ada")
    assert not broken_links(site.root / "site", "https://example.org/test/")


def test_a_page_option_naming_a_missing_page_stops_the_build(site: SiteFactory):
    site.plugin_options["code_of_conduct"] = "conduct.md"
    result = site.build(check=False)
    assert result.returncode != 0
    assert "code_of_conduct" in result.output and "'conduct.md' is not a page" in result.output
    checked = site.validate()
    assert checked.returncode == 1 and "mkdocs.yml:" in checked.output
    assert "code_of_conduct: 'conduct.md' is not a page" in checked.output


def test_the_link_check_finds_what_it_should(tmp_path):
    """The checker itself: a broken relative link, a missing fragment, a folder link
    without its '/', and a link above the site's sub-path are found; others are not."""
    site_dir = tmp_path / "site"
    (site_dir / "a").mkdir(parents=True)
    (site_dir / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#top">ok</a><a href="#here" id="here">ok</a>'
        '<a href="https://elsewhere.example/x">other site</a><a href="mailto:x@y.z">m</a>'
        '<img src="missing.png"><a href="a/#nowhere">x</a><a href="a">x</a>'
        '<a href="/other/">x</a><a href="https://example.org/sub/a/">ok</a>',
        encoding="utf-8")
    (site_dir / "a" / "index.html").write_text('<h1 id="top">A</h1><a href="privacy/">p</a>',
                                                encoding="utf-8")
    found = {(b.page, b.url) for b in broken_links(site_dir, "https://example.org/sub/")}
    assert found == {("index.html", "missing.png"), ("index.html", "a/#nowhere"),
                     ("index.html", "a"), ("index.html", "/other/"),
                     ("a/index.html", "privacy/")}
