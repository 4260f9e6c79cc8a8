"""End to end: /mentoring/, the profile matches and `community mentoring`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from conftest import FIXED_NOW, active_content
from mkdocs_community.adapters.cli.main import load_settings
from mkdocs_community.core.community import LoadCache, load_community
from mkdocs_community.core.kept import KeptValues
from mkdocs_community.sections.site import generate

FIXED_NOW_DT = dt.datetime.fromisoformat(FIXED_NOW)

pytestmark = pytest.mark.slow


def _market(site) -> None:
    site.member("ada", name="Ada Lovelace", timezone="Europe/Madrid", languages=["es", "en"],
                mentoring={"offers": ["python", "public-speaking"], "capacity": 2})
    site.member("grace", name="Grace Hopper", timezone="America/New_York", languages=["en"],
                mentoring={"offers": ["sql", "python"], "capacity": 2, "open": True})
    site.member("paused", name="Paula Paused", languages=["en"],
                mentoring={"offers": ["kubernetes"], "open": False})
    site.member("bob", name="Bob Bautista", timezone="Europe/London", languages=["es"],
                mentoring={"seeks": ["python", "public-speaking"]})
    site.member("cleo", name="Cleo <b>Bold</b>", timezone="Asia/Kolkata", languages=["en"],
                mentoring={"seeks": ["sql", "open-science"]})
    site.member("dev", name="Dev Kubernetes", languages=["en"],
                mentoring={"seeks": ["kubernetes"]})
    site.member("fay", name="Fay Français", languages=["fr"], mentoring={"seeks": ["sql"]})
    site.member("mentored", name="Mo Mentored", languages=["en"],
                mentoring={"seeks": ["python"], "mentors": ["grace"]})
    site.member("hidden-hal", name="Halvard Hiddenname", listed=False, languages=["en"],
                mentoring={"seeks": ["python"], "mentors": ["ada"]})
    site.member("secret-sue", name="Sue Secretsurname", listed=False, languages=["en"],
                mentoring={"seeks": ["public-speaking"]})


def test_mentoring_page_profiles_and_privacy(site):
    _market(site)
    site.nav = [{"Home": "index.md"}, {"Members": "members/index.md"},
                {"Mentoring": "mentoring/index.md"}]
    site.build()
    page = site.page("mentoring/")
    assert active_content(page) == []
    assert "How mentoring works here" in page
    # Suggested pairings with their reasons, filterable by topic and language.
    assert re.search(r"Ada Lovelace</bdi></a> <span[^>]*>could mentor</span> "
                     r"<a [^>]*><bdi>Bob Bautista", page)
    assert "both: Python, Public speaking" in page and "both speak Spanish" in page
    assert "1 hour apart (7 hours of working day in common)" in page
    assert 'data-cm-filters="cm-pairings"' in page and 'data-cm-filters="cm-seekers"' in page
    facets = [json.loads(m.replace("&#34;", '"').replace("&quot;", '"'))
              for m in re.findall(r'data-facets="([^"]*)"', page)]
    assert {"topic": ["python", "public-speaking"], "language": ["es"]} in facets
    # Who is still looking, and why; where mentors are wanted.
    assert "Dev Kubernetes</bdi></a>: the mentors for Kubernetes are not taking mentees now" \
        in page
    assert "no open mentor for SQL shares a language" in page  # Fay speaks only French
    assert "Mentors wanted" in page and "Open science" in page
    # Mentors by topic, with places left; the unlisted mentee holds one of Ada's places.
    assert re.search(r"Ada Lovelace</bdi></a> \(1\)", page)
    assert "Paula Paused</bdi></a> (paused)" in page
    # Contributor text is escaped; links are relative.
    assert "Cleo &lt;b&gt;Bold&lt;/b&gt;" in page
    assert 'href="../members/ada/"' in page

    bob = site.page("members/bob/")
    assert "Who could mentor Bob Bautista" in bob
    assert "Suggested pairing" in bob and "both speak Spanish" in bob
    ada = site.page("members/ada/")
    assert "Who could learn from Ada Lovelace" in ada and "Bob Bautista" in ada
    grace = site.page("members/grace/")
    assert "Mentoring now" in grace and "Mo Mentored" in grace
    assert "Mentored now by" in site.page("members/mentored/")

    # The unlisted member appears nowhere, not even by name in a reason.
    for name, content in site.all_output().items():
        text = content.decode("utf-8", errors="replace")
        assert "Hiddenname" not in text and "hidden-hal" not in text, name
        assert "Secretsurname" not in text and "secret-sue" not in text, name


def test_mentoring_page_without_any_mentoring(site):
    site.member("ada", name="Ada")
    site.build()
    page = site.page("mentoring/")
    assert "No one offers mentoring yet" in page
    assert "No pairings to suggest right now" in page


def test_cli_text_csv_json_and_unlisted(site):
    _market(site)
    result = site.community("mentoring")
    assert result.returncode == 0, result.output
    out = result.stdout
    assert "listed members only" in out
    assert "Ada Lovelace (ada) could mentor Bob Bautista (bob)" in out
    assert "both speak Spanish" in out
    assert "Fay Français (fay) seeks SQL" in out and "shares a language" in out
    assert "Hiddenname" not in out and "Secretsurname" not in out

    rows = list(csv.DictReader(io.StringIO(site.community("mentoring", "--format",
                                                          "csv").stdout)))
    by_mentee = {r["mentee"]: r for r in rows}
    assert by_mentee["bob"]["status"] == "suggested" and by_mentee["bob"]["mentor"] == "ada"
    assert by_mentee["dev"]["status"] == "unmatched"
    assert by_mentee["dev"]["codes"] == "mentors-closed"
    assert by_mentee["fay"]["codes"] == "no-shared-language"

    data = json.loads(site.community("mentoring", "--format", "json",
                                     "--include-unlisted").stdout)
    assert data["include_unlisted"] is True and data["date"] == "2026-12-01"
    people = {p["mentee"] for p in data["suggestions"]} | {u["mentee"] for u in data["unmatched"]}
    assert "secret-sue" in people
    sue = next(p for p in data["suggestions"] + data["unmatched"] if p["mentee"] == "secret-sue")
    assert sue["unlisted"] == ["secret-sue"]
    listed = json.loads(site.community("mentoring", "--format", "json").stdout)
    assert all(p["unlisted"] == [] for p in listed["suggestions"])
    assert {w["code"] for u in listed["unmatched"] for w in u["why"]} >= {
        "mentors-closed", "no-shared-language"}


def test_a_profiles_matches_kept_between_rebuilds_follow_the_matching(site):
    """Under `mkdocs serve` a profile's matches are kept while the matching is the very
    same: here the people shown, their records and the topic labels stay as they were,
    but a newcomer who fits the mentor better takes the only place, so the pairing that
    was suggested no longer is."""
    site.member("mona", name="Mona Mentor", timezone="Europe/Berlin", languages=["en"],
                mentoring={"offers": ["python"], "capacity": 1})
    site.member("ada", name="Ada Far", timezone="Pacific/Auckland", languages=["en"],
                mentoring={"seeks": ["python"]})
    site.validate()  # writes mkdocs.yml
    settings = load_settings(str(site.root / "mkdocs.yml"))
    cache = LoadCache()

    def matches(kept: KeptValues) -> list[dict]:
        community, _ = load_community(settings, cache=cache)
        page = next(p for p in generate(community, FIXED_NOW_DT, kept=kept).pages
                    if p.url == "members/ada/")
        return next(s for s in page.context["sections"]
                    if s.template == "community/profile/mentoring.html").context["matches"]

    first = KeptValues()
    assert [(m["member"].id, m["chosen"]) for m in matches(first)] == [("mona", True)]
    site.member("bea", name="Bea Near", timezone="Europe/Berlin", languages=["en"],
                mentoring={"seeks": ["python"]})
    second = first.used()
    assert [(m["member"].id, m["chosen"]) for m in matches(second)] == [("mona", False)]
    assert second.reused_by["match"] == 0 and second.reused_by["mentors-section"] == 0
    third = second.used()  # nothing edited: kept
    assert [(m["member"].id, m["chosen"]) for m in matches(third)] == [("mona", False)]
    assert third.reused_by["mentors-section"] == 2  # Ada's and Bea's
