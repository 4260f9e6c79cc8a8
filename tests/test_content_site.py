"""End to end: resources, spotlights, groups, goals, connect, feeds, API and home blocks."""

from __future__ import annotations

import json
import re

import feedparser
import pytest
from test_content_records import PNG

from conftest import SiteFactory, active_content, build_here

pytestmark = pytest.mark.slow

HOSTILE = 'Ada & <script>alert("t")</script> wins ]]>'


def community_site(site) -> None:
    site.plugin_options.update({
        "feedback_url": "https://forms.example.org/feedback",
        "channels": [{"name": "Chat <b>room</b>", "url": "https://chat.example.org",
                      "description": "Say hi", "kind": "chat"}],
    })
    site.member("ada", name="Ada Lovelace", joined="2023-12", email="ada.private@example.org")
    site.member("grace", name="Grace Hopper", joined="2026-11-20")
    site.member("secret-sam", name="Samira Secretname", joined="2025-12", listed=False)
    site.record("content/goals/ship.md", {"title": "Ship real things", "summary": "Ship.",
                                          "measures": ["Everyone ships one thing"]})
    site.record("content/resources/sql-guide.md", {
        "title": "SQL <em>guide</em>", "summary": "Window functions.", "type": "guide",
        "level": "intermediate", "topics": ["sql"], "goals": ["ship"],
        "contributed_by": "ada", "added": "2026-11-02"},
        "Use `lag()`.\n\n<script>alert(1)</script>\n")
    site.record("content/resources/book.md", {
        "title": "A book", "summary": "Read it.", "type": "book", "level": "beginner",
        "url": "https://books.example.org/x", "topics": ["python"],
        "contributed_by": "secret-sam", "added": "2025-05-01"})
    site.write("content/images/win.png", PNG)
    site.record("content/spotlights/2026-11-10-award.md", {
        "title": HOSTILE, "members": ["ada", "secret-sam"], "kind": "award",
        "summary": "An award.", "image": "images/win.png", "image_alt": "A trophy"},
        "The **story**.\n")
    site.record("content/spotlights/2025-03-01-talk.md", {
        "title": "First talk", "members": ["grace"], "kind": "talk", "summary": "A talk."})
    site.record("content/groups/circle.md", {
        "name": "SQL circle", "summary": "Learn SQL.", "kind": "learning-circle",
        "status": "open", "facilitators": ["ada"], "members": ["grace", "secret-sam"],
        "goals": ["ship"], "meets": "2026-12-02-circle", "join": "https://join.example.org"})
    site.record("content/groups/done.md", {
        "name": "Old book club", "summary": "Done.", "kind": "book-club",
        "status": "completed", "facilitators": ["grace"]})
    site.record("events/2026-12-02-circle.md", {
        "title": "SQL circle session", "start": "2026-12-02 18:00", "duration": "90m",
        "timezone": "Europe/Berlin", "format": "online", "group": "circle", "goals": ["ship"],
        "recurrence": "FREQ=WEEKLY;COUNT=4"})
    site.write("content/index.md", """
        # Home

        <!-- community:recent-spotlights count=1 -->

        <!-- community:open-groups -->

        <!-- community:newest-resources count=1 -->

        <!-- community:milestones -->
        """)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SiteFactory:
    """The community above, built once for every test that reads it."""
    site = SiteFactory(tmp_path_factory.mktemp("content") / "site-src")
    community_site(site)
    site.build()
    return site


def test_sections_pages_and_cross_links(built):
    site = built

    library = site.page("resources/")
    assert library.index("SQL &lt;em&gt;guide&lt;/em&gt;") < library.index("A book")  # newest first
    assert 'data-cm-filters="cm-resources"' in library and 'name="level"' in library
    assert '<a href="../members/ada/">Ada Lovelace</a>' in library
    guide = site.page("resources/sql-guide/")
    assert "<code>lag()</code>" in guide and active_content(guide) == []
    assert 'href="../../goals/#ship"' in guide
    assert "edit/main/content/resources/sql-guide.md" in guide
    book = site.page("resources/book/")
    assert 'href="https://books.example.org/x"' in book

    spotlight = site.page("spotlights/2026-11-10-award/")
    assert 'src="../../images/win.png" alt="A trophy"' in spotlight
    assert "<strong>story</strong>" in spotlight and active_content(spotlight) == []
    index = site.page("spotlights/")
    assert index.index("2026-11-10-award") < index.index("2025-03-01-talk")
    assert "Anniversaries in December 2026" in index and "Welcome" in index

    group = site.page("groups/circle/")
    assert "Next meeting" in group and "2 December 2026, 18:00 CET" in group
    assert 'href="../../events/2026-12-02-circle/"' in group
    assert "Grace Hopper" in group and "and 1 other" in group
    assert 'href="https://join.example.org"' in group
    groups = site.page("groups/")
    assert groups.index("SQL circle") < groups.index("Old book club")

    goals = site.page("goals/")
    assert 'id="ship"' in goals and "Everyone ships one thing" in goals
    counts = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", goals))
    assert "1 event · 1 resource · 1 group" in counts

    profile = site.page("members/ada/")
    for heading in ("Celebrated", "Groups", "Resources contributed"):
        assert f"<h2>{heading}</h2>" in profile
    assert 'href="../../spotlights/2026-11-10-award/"' in profile
    assert 'href="../../groups/circle/"' in profile

    connect = site.page("connect/")
    assert "Chat &lt;b&gt;room&lt;/b&gt;" in connect and "javascript:" not in connect
    assert 'href="https://forms.example.org/feedback"' in connect

    home = site.page("")
    assert 'href="spotlights/2026-11-10-award/"' in home
    assert 'href="groups/circle/"' in home and "Old book club" not in home
    assert 'href="resources/sql-guide/"' in home and "A book" not in home

    # The unlisted member is never named or linked, anywhere.
    for name, content in site.all_output().items():
        text = content.decode("utf-8", errors="replace")
        assert "Secretname" not in text and "secret-sam" not in text, name
        assert "ada.private@example.org" not in text, name


def test_feeds_discovery_footer_and_api(built):
    site = built

    atom = feedparser.parse(site.site_file("spotlights/feed.xml").read_bytes())
    assert not atom.bozo, atom.get("bozo_exception")
    first = atom.entries[0]
    assert first.title == HOSTILE
    assert first.id == "https://example.org/test/spotlights/2026-11-10-award/"
    assert first.link == first.id
    assert first.updated == "2026-11-10T00:00:00Z"  # midnight in Europe/London (GMT)
    assert [a.name for a in first.authors] == ["Ada Lovelace"]
    assert atom.feed.links[-1].href == "https://example.org/test/spotlights/feed.xml"
    resources = feedparser.parse(site.site_file("resources/feed.xml").read_bytes())
    assert not resources.bozo and [e.title for e in resources.entries] == [
        "SQL <em>guide</em>", "A book"]
    assert "<script>" not in resources.entries[0].content[0].value
    json_feed = json.loads(site.site_file("spotlights/feed.json").read_text())
    assert json_feed["version"] == "https://jsonfeed.org/version/1.1"
    assert json_feed["items"][0]["image"] == "https://example.org/test/images/win.png"

    for url, prefix in (("", ""), ("members/ada/", "../../")):
        page = site.page(url)
        links = re.findall(r'<link rel="alternate feed" type="([^"]+)" title="([^"]+)" '
                           r'href="([^"]+)">', page)
        assert ("application/atom+xml", "Test Community: spotlights",
                prefix + "spotlights/feed.xml") in links
        assert ("application/feed+json", "Test Community: new resources (JSON Feed)",
                prefix + "resources/feed.json") in links
        footer = page[page.rindex("<footer"):]
        assert 'href="https://forms.example.org/feedback"' in footer
        assert page.count("data-cm-feedback") == 1
    # The 404 page too, which is served at any URL: links under the site's own path.
    missing = site.site_file("404.html").read_text()
    assert '<link rel="alternate feed" type="application/atom+xml" title="Test Community: ' \
        'spotlights" href="/test/spotlights/feed.xml">' in missing
    footer = missing[missing.rindex("<footer"):]
    assert 'href="https://forms.example.org/feedback"' in footer
    assert 'href="/test/connect/"' in footer

    members = json.loads(site.site_file("api/members.json").read_text())
    assert members["count"] == 2 and [m["id"] for m in members["items"]] == ["ada", "grace"]
    assert members["items"][0]["email"] is None
    spot = json.loads(site.site_file("api/spotlights.json").read_text())
    assert spot["items"][0]["members"] == ["ada"]
    groups = json.loads(site.site_file("api/groups.json").read_text())
    circle = groups["items"][0]
    assert circle["members"] == ["grace"] and circle["size"] == 3
    assert circle["next_meeting"] == "2026-12-02T18:00:00+01:00"
    goals = json.loads(site.site_file("api/goals.json").read_text())
    assert goals["items"][0]["counts"] == {"events": 1, "resources": 1, "groups": 1}
    res = json.loads(site.site_file("api/resources.json").read_text())
    assert [r["contributed_by"] for r in res["items"]] == ["ada", None]


def test_build_is_reproducible(built, tmp_path):
    first = {k: v for k, v in built.all_output().items()
             if k.endswith((".xml", ".json")) and not k.startswith("search/")}
    second = {k: v for k, v in built.build_again(tmp_path / "again").items() if k in first}
    assert first == second and "spotlights/feed.xml" in first


def test_an_option_cut_at_a_hash_is_warned_about(site):
    """YAML reads ' #wins' as a comment: the build says so (and --strict stops)."""
    site.plugin_options["channels"] = [{"name": "Chat", "url": "https://chat.example.org"}]
    site._write_config()
    config = site.root / "mkdocs.yml"
    text = config.read_text()
    config.write_text(text.replace("  url: https://chat.example.org",
                                   "  url: https://chat.example.org\n"
                                   "      description: Questions and #wins. Welcome!"))
    strict = build_here(config)
    assert strict.returncode != 0
    assert "the community option 'description' reads 'Questions and': YAML took " \
        "' #wins. Welcome!' for a comment" in strict.stderr
    assert "Put the value in quotes" in strict.stderr
