"""Resources, spotlights, groups and goals: validation, references and the derived views."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import SiteFactory
from mkdocs_community.core.build import Build
from mkdocs_community.core.community import load_community
from mkdocs_community.core.settings import Settings
from mkdocs_community.outputs.data_api import member_item
from mkdocs_community.sections import goals, groups, resources, spotlights

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def load(site: SiteFactory):
    site._write_config()
    settings = Settings(root=site.root, timezone="Europe/London", site_url="https://example.org/")
    return load_community(settings)


def codes(diagnostics) -> list[tuple[str, int, str]]:
    return [(d.path, d.line, d.code) for d in diagnostics]


def base(site: SiteFactory) -> None:
    site.member("ada", name="Ada Lovelace", joined="2023-12")
    site.member("grace", name="Grace Hopper", joined="2026-11-15")
    site.member("hidden", name="Hidden Person", joined="2024-12", listed=False)
    site.record("content/goals/ship.md", {"title": "Ship", "summary": "Ship things.",
                                          "measures": ["one thing each"]})


def test_valid_records_load_and_link(site):
    base(site)
    site.record("content/resources/guide.md", {
        "title": "A guide", "summary": "How to.", "type": "guide", "level": "beginner",
        "topics": ["py"], "goals": ["ship"], "contributed_by": "ada", "added": "2026-01-02"},
        "Step one.\n")
    site.record("content/spotlights/2026-05-01-award.md", {
        "title": "Award", "members": ["ada"], "kind": "award", "summary": "Won."})
    site.record("content/groups/circle.md", {
        "name": "Circle", "summary": "Learn.", "kind": "learning-circle", "status": "open",
        "facilitators": ["ada"], "members": ["grace", "hidden"], "goals": ["ship"],
        "meets": "Tuesdays", "join": "https://example.org/join", "started": "2026-10"})
    community, diagnostics = load(site)
    assert community is not None, [d.format_text() for d in diagnostics]
    resource = community.get("resources", "guide")
    assert resource.is_guide and resource.topics == ["python"]
    assert resource.body.strip() == "Step one."
    spotlight = community.get("spotlights", "2026-05-01-award")
    assert spotlight.day == dt.date(2026, 5, 1)  # from the file name
    group = community.get("groups", "circle")
    assert group.meets_text == "Tuesdays" and group.meets_event is None
    assert group.join_url == "https://example.org/join"
    assert group.started == dt.date(2026, 10, 1)


@pytest.mark.parametrize(
    ("relative", "front", "body", "expected"),
    [
        ("content/resources/empty.md",
         {"title": "Nothing", "summary": "s", "type": "article", "contributed_by": "ada",
          "added": "2026-01-01"}, "", ("content/resources/empty.md", 2, "resource-empty")),
        ("content/resources/http.md",
         {"title": "Plain", "summary": "s", "type": "article", "url": "http://x.example.org",
          "contributed_by": "ada", "added": "2026-01-01"}, "",
         ("content/resources/http.md", 5, "url-scheme")),
        ("content/resources/ghost.md",
         {"title": "T", "summary": "s", "type": "video", "url": "https://x.example.org",
          "contributed_by": "nobody", "added": "2026-01-01", "goals": ["shipp"]}, "",
         ("content/resources/ghost.md", 6, "unknown-reference")),
        ("content/resources/level.md",
         {"title": "T", "summary": "s", "type": "vidoe", "url": "https://x.example.org",
          "contributed_by": "ada", "added": "2026-01-01"}, "",
         ("content/resources/level.md", 4, "invalid-value")),
        ("content/spotlights/2026-01-01-up.md",
         {"title": "T", "members": ["ada"], "kind": "award", "summary": "s",
          "image": "../../members/secret.png", "image_alt": "x"}, "",
         ("content/spotlights/2026-01-01-up.md", 7, "image-path")),
        ("content/spotlights/2026-01-01-abs.md",
         {"title": "T", "members": ["ada"], "kind": "award", "summary": "s",
          "image": "/etc/passwd.png", "image_alt": "x"}, "",
         ("content/spotlights/2026-01-01-abs.md", 7, "image-path")),
        ("content/spotlights/2026-01-01-svg.md",
         {"title": "T", "members": ["ada"], "kind": "award", "summary": "s",
          "image": "images/x.svg", "image_alt": "x"}, "",
         ("content/spotlights/2026-01-01-svg.md", 7, "image-type")),
        ("content/spotlights/2026-01-01-noalt.md",
         {"title": "T", "members": ["ada"], "kind": "award", "summary": "s",
          "image": "images/ok.png"}, "",
         ("content/spotlights/2026-01-01-noalt.md", 7, "image-alt-missing")),
        ("content/spotlights/2026-01-01-missing.md",
         {"title": "T", "members": ["ada"], "kind": "award", "summary": "s",
          "image": "images/nope.png", "image_alt": "x"}, "",
         ("content/spotlights/2026-01-01-missing.md", 7, "image-missing")),
        ("content/spotlights/award.md",
         {"title": "T", "members": ["ada"], "kind": "award", "summary": "s"}, "",
         ("content/spotlights/award.md", 0, "bad-id")),
        ("content/spotlights/2026-02-30-bad.md",
         {"title": "T", "members": ["ada"], "kind": "award", "summary": "s"}, "",
         ("content/spotlights/2026-02-30-bad.md", 0, "bad-id")),
        ("content/groups/g.md",
         {"name": "G", "summary": "s", "kind": "book-club", "status": "open",
          "facilitators": ["graec"]}, "", ("content/groups/g.md", 7, "unknown-reference")),
        ("content/groups/m.md",
         {"name": "G", "summary": "s", "kind": "book-club", "status": "open",
          "facilitators": ["ada"], "meets": "2026-01-06-weekly-circle"}, "",
         ("content/groups/m.md", 8, "unknown-reference")),
        ("content/groups/j.md",
         {"name": "G", "summary": "s", "kind": "book-club", "status": "paused",
          "facilitators": ["ada"], "join": "javascript:alert(1)"}, "",
         ("content/groups/j.md", 5, "invalid-value")),
        ("content/goals/g.md", {"title": "G", "summary": "s", "colour": "red"}, "",
         ("content/goals/g.md", 4, "unknown-field")),
    ],
)
def test_invalid_records_are_located(site, relative, front, body, expected):
    base(site)
    site.write("content/images/ok.png", PNG)
    site.record(relative, front, body)
    community, diagnostics = load(site)
    assert community is None
    assert expected in codes(diagnostics), [d.format_text() for d in diagnostics]


def test_unknown_reference_names_both_files_and_suggests(site):
    base(site)
    site.record("content/groups/g.md", {"name": "G", "summary": "s", "kind": "project",
                                        "status": "open", "facilitators": ["adaa"]})
    _, diagnostics = load(site)
    (problem,) = [d for d in diagnostics if d.code == "unknown-reference"]
    assert "members/adaa.yml" in problem.message and "did you mean 'ada'" in problem.hint


def test_join_javascript_url_refused(site):
    base(site)
    site.record("content/groups/j.md", {"name": "G", "summary": "s", "kind": "project",
                                        "status": "open", "facilitators": ["ada"],
                                        "join": "javascript:alert(1)"})
    _, diagnostics = load(site)
    assert ("content/groups/j.md", 8, "url-scheme") in codes(diagnostics)


def test_image_inside_record_folder_is_refused(site):
    base(site)
    site.write("content/spotlights/img/a.png", PNG)
    site.record("content/spotlights/2026-01-01-a.md", {
        "title": "T", "members": ["ada"], "kind": "award", "summary": "s",
        "image": "spotlights/img/a.png", "image_alt": "A"})
    _, diagnostics = load(site)
    assert any(d.code == "image-path" and "not published" in d.message for d in diagnostics)


def build_of(site: SiteFactory) -> Build:
    community, diagnostics = load(site)
    assert community is not None, [d.format_text() for d in diagnostics]
    return Build(community, NOW)


def test_milestones_anniversaries_and_newcomers_listed_only(site):
    base(site)
    site.member("old", name="Old Timer", joined="2020-12-05")
    site.member("future", name="Not Yet", joined="2026-12-20")
    site.member("long-ago", name="Long Ago", joined="2026-10-31")
    result = spotlights.milestones(build_of(site))
    assert [(a.member.id, a.years) for a in result.anniversaries] == [("old", 6), ("ada", 3)]
    assert [m.id for m in result.newcomers] == ["grace"]  # hidden (Dec 2024) never named
    assert result.month == dt.date(2026, 12, 1)


def test_library_newest_first_facets_and_future_items_wait(site):
    base(site)
    for rid, added, kind, level in [("a", "2026-01-01", "book", "advanced"),
                                    ("b", "2026-11-30", "video", "beginner"),
                                    ("c", "2027-01-01", "tool", None)]:
        front = {"title": rid.upper(), "summary": "s", "type": kind,
                 "url": "https://x.example.org", "contributed_by": "hidden", "added": added}
        if level:
            front["level"] = level
        site.record(f"content/resources/{rid}.md", front)
    build = build_of(site)
    published = resources.published(build)
    assert [r.id for r in published] == ["b", "a"]
    facets = {f.name: [o.value for o in f.options]
              for f in resources.library_facets(build, published)}
    assert facets["type"] == ["book", "video"] and facets["level"] == ["beginner", "advanced"]
    assert resources.contributor(build, published[0]) is None  # unlisted: not credited by name
    assert json.loads(json.dumps(resources.api_item(build, published[0]),
                                 default=str))["contributed_by"] is None


def test_groups_open_first_and_unlisted_people_unnamed(site):
    base(site)
    for gid, status in [("z-open", "open"), ("a-done", "completed"), ("m-full", "full")]:
        site.record(f"content/groups/{gid}.md", {
            "name": gid, "summary": "s", "kind": "project", "status": status,
            "facilitators": ["ada"], "members": ["grace", "hidden", "ada"], "goals": ["ship"]})
    build = build_of(site)
    ordered = groups.ordered(build.community.all("groups"))
    assert [g.id for g in ordered] == ["z-open", "m-full", "a-done"]
    view = groups._view(build, ordered[0])
    assert [m.id for m in view["facilitators"]] == ["ada"]
    assert [m.id for m in view["members"]] == ["grace"] and view["others"] == 1
    assert view["size"] == 3
    item = groups.api_item(build, ordered[0])
    assert "hidden" not in json.dumps(item, default=str)
    ada = build.community.member("ada")
    section = groups.profile_section(build, ada)
    assert [g.id for g in section.context["facilitates"]] == ["z-open", "m-full", "a-done"]
    assert groups.profile_section(build, build.community.member("grace")).context["belongs"]


def test_goal_views_count_events_resources_and_groups(site):
    base(site)
    site.record("content/resources/r.md", {"title": "R", "summary": "s", "type": "tool",
                                           "url": "https://x.example.org", "goals": ["ship"],
                                           "contributed_by": "ada", "added": "2026-01-01"})
    site.record("content/groups/g.md", {"name": "G", "summary": "s", "kind": "project",
                                        "status": "open", "facilitators": ["ada"],
                                        "goals": ["ship"]})
    site.record("events/2026-12-10-kickoff.md", {
        "title": "Kick-off", "start": "2026-12-10 18:00", "duration": "1h",
        "format": "online", "goals": ["ship"], "group": "g"})
    (view,) = goals.goal_views(build_of(site))
    assert (len(view.events), len(view.resources), len(view.groups)) == (1, 1, 1)
    assert view.total == 3


def test_member_api_item_has_public_fields_only(site):
    site.member("ada", name="Ada", email="ada@example.org", joined="2024-03-15",
                mentoring={"offers": ["python"], "mentors": ["bob"]})
    site.member("bob", name="Bob", email="bob@example.org", email_public=True)
    community, _ = load(site)
    ada = member_item(community.member("ada"))
    assert ada["email"] is None and ada["joined"] == "2024-03"
    assert "mentors" not in ada["mentoring"]
    assert member_item(community.member("bob"))["email"] == "bob [at] example [dot] org"
