"""Community insights: figures from hand-checked fixtures, well-formed SVG, stale profiles."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import SiteFactory
from mkdocs_community.core.records.member import Member
from mkdocs_community.derive.stale import months_between, parse_log, stale_profiles
from mkdocs_community.outputs import charts
from mkdocs_community.sections import insights

UTC = dt.UTC
SVG = "{http://www.w3.org/2000/svg}"


def member(member_id: str, **fields) -> Member:
    data = {"id": member_id, "source": f"members/{member_id}.yml", "name": member_id.title(),
            "joined": "2025-01", **fields}
    return Member.model_validate(data)


MEMBERS = [
    member("a", joined="2025-01", location={"country": "KE"}, timezone="Africa/Nairobi",
           skills=["python", "sql"], mentoring={"offers": ["python"], "capacity": 2}),
    member("b", joined="2025-01", location={"country": "KE"}, timezone="Africa/Nairobi",
           skills=["python"], mentoring={"seeks": ["python", "rust"]}),
    member("c", joined="2025-03", location={"country": "DE"}, timezone="Europe/Berlin",
           skills=["sql"], mentoring={"seeks": ["rust"]}, status="alumni"),
    member("d", joined="2025-03", location={"country": "IN"}, timezone="Asia/Kolkata",
           cohort="2024", mentoring={"offers": ["rust"], "open": False}),
]


def test_growth_is_cumulative_by_month_and_counts_everyone() -> None:
    hidden = member("e", joined="2025-02", listed=False)
    chart = insights.members_over_time([*MEMBERS, hidden], dt.date(2025, 4, 10))
    assert [(b.key, b.values[0]) for b in chart.bars] == [
        ("2025-01", 2), ("2025-02", 3), ("2025-03", 5), ("2025-04", 5)]


def test_breakdowns_count_listed_members_by_country_region_and_offset() -> None:
    by_country = insights.members_by_country(MEMBERS)
    assert [(b.key, b.values[0]) for b in by_country.bars] == [("KE", 2), ("DE", 1), ("IN", 1)]
    by_region = insights.members_by_region(MEMBERS)
    assert {b.key: b.values[0] for b in by_region.bars} == {"Africa": 2, "Europe": 1, "Asia": 1}
    winter = insights.timezone_spread(MEMBERS, dt.datetime(2025, 1, 15, tzinfo=UTC))
    assert [(b.label, b.values[0]) for b in winter.bars] == [
        ("UTC+1", 1), ("UTC+3", 2), ("UTC+5:30", 1)]
    summer = insights.timezone_spread(MEMBERS, dt.datetime(2025, 7, 15, tzinfo=UTC))
    assert summer.bars[0].label == "UTC+2"  # Berlin on summer time


def test_region_of_uses_continents() -> None:
    assert [insights.region_of(c) for c in ("KE", "BR", "JP", "NO", "NZ", "IS", "MU")] == [
        "Africa", "Americas", "Asia", "Europe", "Oceania", "Europe", "Africa"]


def test_mentoring_supply_and_demand_only_counts_open_mentors() -> None:
    chart = insights.mentoring_supply_demand(MEMBERS, str)
    rows = {b.key: b.values for b in chart.bars}
    assert rows == {"python": (1, 1), "rust": (0, 2)}
    assert "rust" in chart.description


def test_alumni_by_status_or_ended_cohort() -> None:
    ends = {"2024": dt.date(2024, 11, 22)}
    assert MEMBERS[2].is_alumni(ends, dt.date(2025, 1, 1))
    assert MEMBERS[3].is_alumni(ends, dt.date(2025, 1, 1))
    assert not MEMBERS[3].is_alumni(ends, dt.date(2024, 11, 1))
    assert not MEMBERS[0].is_alumni(ends, dt.date(2025, 1, 1))


def test_events_by_month_places_each_occurrence_by_format() -> None:
    days = [(dt.date(2025, 3, 4), "online"), (dt.date(2025, 3, 18), "online"),
            (dt.date(2025, 4, 1), "hybrid"), (dt.date(2020, 1, 1), "online")]
    chart = insights.events_by_month(days, {"online": "Online", "hybrid": "Hybrid"},
                                     dt.date(2025, 4, 15), past_months=3, future_months=1)
    assert [(b.key, b.values) for b in chart.bars] == [
        ("2025-02", (0, 0)), ("2025-03", (2, 0)), ("2025-04", (0, 1)), ("2025-05", (0, 0))]


@pytest.mark.parametrize("kind", ["bar", "columns", "line"])
def test_svg_is_well_formed_and_labelled(kind: str) -> None:
    chart = insights.Chart("t", "Title & <more>", "A description.", ("One", "Two"),
                           (insights.Bar("x", "Ex <b>", (3, 1)),
                            insights.Bar("y", "Why", (5, 0))), kind)
    root = ET.fromstring(charts.svg(chart))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Title & <more>"
    assert root.find(f"{SVG}desc").text == "A description."
    assert root.get("aria-labelledby") == "cm-chart-t-title cm-chart-t-desc"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    if kind != "line":
        assert "Ex <b>" in texts


def test_stale_profiles_from_log() -> None:
    june = int(dt.datetime(2026, 6, 1, 10, tzinfo=UTC).timestamp())
    january = int(dt.datetime(2025, 1, 5, 10, tzinfo=UTC).timestamp())
    log = (f"\0{june}\n\nmembers/a.yml\nmembers/b.yml\n"
           f"\0{january}\n\nmembers/a.yml\nmembers/c.yml\n")
    changes = parse_log(log)
    assert changes["members/a.yml"] == dt.datetime(2026, 6, 1, 10, tzinfo=UTC)
    now = dt.datetime(2026, 12, 1, tzinfo=UTC)
    stale = stale_profiles(MEMBERS, changes, now, months=6)
    assert [(s.member_id, s.months) for s in stale] == [("c", 22), ("a", 6), ("b", 6)]
    assert months_between(dt.datetime(2026, 6, 2, tzinfo=UTC), now) == 5


def _git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PATH": "/usr/bin:/bin"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)


@pytest.mark.slow
def test_report_stale_on_a_real_repository_with_backdated_commits(site: SiteFactory) -> None:
    site.member("old-timer", name="Old Timer", github="Old-Timer")
    site.member("fresh", name="Fresh Face", github="fresh")
    site.member("hidden", name="Hidden", listed=False)
    site.run("true")
    _git(site.root, "init", "-q", "-b", "main")
    _git(site.root, "add", "-A")
    _git(site.root, "commit", "-qm", "everyone", date="2024-03-01T12:00:00+00:00")
    site.member("fresh", name="Fresh Face", github="fresh", role="Analyst")
    _git(site.root, "commit", "-qam", "refresh", date="2026-10-01T12:00:00+00:00")

    result = site.community("report", "stale", "--months", "12", "--format", "json", "--now",
                            "2026-12-01T00:00:00+00:00")
    assert result.returncode == 0, result.output
    stale = json.loads(result.stdout)
    assert [(s["id"], s["github"], s["months"]) for s in stale] == [("old-timer", "Old-Timer", 33)]
    text = site.community("report", "stale", "--months", "12", "--include-unlisted", "--now",
                          "2026-12-01T00:00:00+00:00", cli=True)
    assert "members/hidden.yml" in text.stdout and "@Old-Timer" in text.stdout


@pytest.mark.slow
def test_insights_page_tables_match_charts_and_hide_unlisted(site: SiteFactory) -> None:
    site.member("ada", name="Ada", joined="2025-01", location={"country": "KE"},
                timezone="Africa/Nairobi", skills=["python"])
    site.member("bo", name="Bo", joined="2025-02", location={"country": "KE"},
                timezone="Africa/Nairobi", skills=["python", "sql"])
    site.member("iris", name="Iris Hidden", joined="2025-02", location={"country": "IS"},
                timezone="Atlantic/Reykjavik", skills=["kubernetes"], listed=False)
    site.build()
    html = site.page("insights/")
    # Headline: the unlisted member counts in the total only.
    assert '<span class="cm-figure__value">3</span>' in html
    assert "Iceland" not in html and "Kubernetes" not in html and "Reykjavik" not in html
    start = html.index("<svg", html.index('id="cm-chart-countries-heading"'))
    svg = ET.fromstring(html[start:html.index("</svg>", start) + 6])
    tips = [t.text for t in svg.iter(f"{SVG}title")][1:]
    assert tips == ["Kenya: 2"]
    table = html[html.index("<table", start):html.index("</table>", start)]
    assert "<th scope=\"row\">Kenya</th><td>2</td>" in table


@pytest.mark.parametrize("kind", ["bar", "columns", "line"])
def test_each_chart_has_a_phone_drawing_readable_at_its_own_size(kind: str) -> None:
    """The phone layout is 360 units wide (about its size on a phone screen, so 12-unit
    text stays 12 px), with its own ids, and bar labels above their bars."""
    bars = tuple(insights.Bar(f"k{i}", f"Research software engineering {i}", (i + 1,))
                 for i in range(14))
    chart = insights.Chart("t", "Title", "Desc.", ("Members",), bars, kind)
    both = charts.drawings(chart)
    wide, narrow = (ET.fromstring(part) for part in
                    re.findall(r"<svg.*?</svg>", both, re.S))
    assert wide.get("width") == "640" and narrow.get("width") == "360"
    assert "cm-chart__svg--narrow" in narrow.get("class")
    assert narrow.get("aria-labelledby") == "cm-chart-t-narrow-title cm-chart-t-narrow-desc"
    xs = [float(t.get("x")) for t in narrow.iter(f"{SVG}text")]
    assert min(xs) >= 0 and max(xs) <= 360
    if kind == "bar":  # labels start at the left edge, above the bars
        labels = [t for t in narrow.iter(f"{SVG}text") if t.text.startswith("Research")]
        assert labels and all(t.get("x") == "0.0" and t.get("text-anchor") == "start"
                              for t in labels)
