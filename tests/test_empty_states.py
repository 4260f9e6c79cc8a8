"""Empty and first-record states: every page and block says something designed, and
every count agrees with its noun (plural rules through ngettext, never an appended "s")."""

from __future__ import annotations

import re
from html import unescape

import pytest

from conftest import SiteFactory
from mkdocs_community.core.build import PageSpec
from mkdocs_community.core.scaffold import name_date, placeholder_body
from mkdocs_community.core.wording import counted
from mkdocs_community.sections import navigation

HOME = """
# Welcome

## Next events

<!-- community:next-events -->

## Recent spotlights

<!-- community:recent-spotlights -->

## This month

<!-- community:milestones -->

## Newest members

<!-- community:newest-members -->

## Open groups

<!-- community:open-groups -->

## Resources

<!-- community:newest-resources -->
"""

# A number followed by a plural noun (or a singular after another number): "1 people".
DISAGREE = re.compile(r"(?<![\d.,])(?:1 (?:people|members|guides|events|resources|offsets|"
                      r"years|places|mentors|mentees|pairings|spotlights|groups|errors|"
                      r"others|times)\b|(?:0|[2-9]|\d{2,}) (?:person|member|guide|event|"
                      r"resource|offset|year|place|mentor|mentee|pairing|spotlight|group|"
                      r"error|other|time)\b(?!-))")


def text_of(html: str) -> str:
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


def article(html: str) -> str:
    start = html.find("<article")
    return html[start:html.find("</article>", start)]


def test_counted_chooses_the_form_by_count_and_keeps_data_out_of_the_message():
    assert counted(1, "%(num)d member", "%(num)d members") == "1 member"
    assert counted(2, "%(num)d member", "%(num)d members") == "2 members"
    assert counted(0, "%(num)d member", "%(num)d members", zero="no members") == "no members"
    # A '%' in a value is data, not a format.
    assert counted(3, "%(num)d person of %(name)s", "%(num)d people of %(name)s",
                   name="100% Data") == "3 people of 100% Data"


def test_the_nav_lists_what_is_missing_and_adds_it_once():
    pages = [PageSpec(url, title, "t.html", section=url.strip("/"))
             for url, title in (("members/", "Members"), ("events/", "Events"),
                                ("insights/", "Community insights"))]
    pages.append(PageSpec("members/ada/", "Ada", "t.html", section="members"))
    nav = [{"Home": "index.md"}, {"People": "/members/"}, "https://example.org/x"]
    missing = navigation.missing_sections(nav, pages)
    assert [p.url for p in missing] == ["events/", "insights/"]  # in nav order
    assert navigation.missing_sections(None, pages) == []  # MkDocs lists every page
    added = navigation.with_sections(nav, "Community", missing)
    assert added[-1] == {"Community": [{"Events": "events/index.md"},
                                       {"Community insights": "insights/index.md"}]}
    assert navigation.missing_sections(added, pages) == []
    # A section of that name already in the nav receives them.
    own = [{"Community": [{"About": "about.md"}]}]
    assert navigation.with_sections(own, "Community", missing) == [{"Community": [
        {"About": "about.md"}, {"Events": "events/index.md"},
        {"Community insights": "insights/index.md"}]}]
    assert "      - Events: events/index.md" in navigation.snippet(missing)


def test_a_record_name_gives_its_date_only_when_it_is_one():
    assert str(name_date("2027-01-20-first-meetup")) == "2027-01-20"
    assert name_date("2027-02-30-nope") is None and name_date("first-meetup") is None
    assert placeholder_body("event").startswith("Describe the event in Markdown")
    assert placeholder_body("member") == ""


@pytest.mark.slow
def test_an_empty_community_has_a_designed_state_everywhere(site: SiteFactory):
    site.write("content/index.md", HOME)
    site.build()
    home = text_of(article(site.page("")))
    for expected in ("No events are scheduled right now", "No spotlights yet",
                     "no membership anniversary falls this month",
                     "No one has added a profile yet", "No group is taking new members",
                     "The resource library is empty so far"):
        assert expected in home, expected
    members = site.page("members")
    assert "data-cm-filters" not in members and "No member matches" not in members
    assert "No one has added a profile to Test Community yet" in text_of(article(members))
    insights = site.page("insights")
    assert "cm-figure" not in insights and "cm-chart" not in insights
    assert "Nothing to count yet" in text_of(article(insights))
    assert "No one offers or seeks mentoring yet" in text_of(article(site.page("mentoring")))
    assert "There are no groups yet" in text_of(article(site.page("groups")))
    for url in ("", "members", "members/alumni", "events", "mentoring", "groups",
                "resources", "spotlights", "goals", "connect", "insights", "join"):
        found = DISAGREE.findall(text_of(site.page(url)))
        assert not found, (url, found)
    result = site.validate()
    assert result.returncode == 0
    assert "community: no records yet; no errors" in result.stderr
    assert "community new member" in result.stderr


@pytest.mark.slow
def test_one_of_everything_reads_in_the_singular(site: SiteFactory):
    site.write("content/index.md", HOME)
    site.member("ada", name="Ada Lovelace", joined="2024-12", timezone="Europe/London",
                skills=["python"], mentoring={"offers": ["python"], "capacity": 1})
    site.record("content/resources/guide.md", {
        "title": "A guide", "summary": "Read it.", "type": "guide", "level": "beginner",
        "contributed_by": "ada", "added": "2026-11-02"}, "The guide.\n")
    site.record("content/groups/circle.md", {
        "name": "Circle", "summary": "We meet.", "kind": "learning-circle", "status": "open",
        "facilitators": ["ada"], "capacity": 1})
    site.build()
    members = text_of(article(site.page("members")))
    assert "1 person learning and growing together" in members
    assert "1 guide, course, tool or reading recommended" in text_of(
        article(site.page("resources")))
    insights = text_of(article(site.page("insights")))
    assert "all at UTC+0" in insights and "span 1" not in insights
    assert "1 is open to new members" in text_of(article(site.page("groups")))
    assert "Can take up to 1 mentee." in text_of(article(site.page("members/ada")))
    for url in ("", "members", "members/ada", "events", "mentoring", "groups", "groups/circle",
                "resources", "spotlights", "goals", "insights"):
        found = DISAGREE.findall(text_of(site.page(url)))
        assert not found, (url, found)
    result = site.validate()
    assert "community: 1 member, 1 resource, 1 group; no errors" in result.stderr
