"""Real communities moving in: sources shaped like Open Life Science's people.yaml (and
its cohort files), the Galaxy Training Network's CONTRIBUTORS.yaml, all-contributors and
a spreadsheet export, imported with ``community import`` (the installed command for
Open Life Science, the others in this process), repaired with ``validate --fix`` and
built as ``mkdocs build`` builds; US-RSE-shaped events (a start only, RDATE sessions,
no format). Every fixture is small and hand-written, with one of each case the real
files have."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import yaml

from conftest import Run, SiteFactory
from mkdocs_community.adapters.importers.mapping import Draft, LossReport, slug
from mkdocs_community.adapters.importers.sources import SourceRecord
from mkdocs_community.core.records.member import Member, canonical_orcid, country_code, member_links
from mkdocs_community.core.topic_modes import free_topic_id
from mkdocs_community.derive.stale import stale_profiles

LONG_BIO = ("I work on open research infrastructure. " * 45).strip()  # ~1,800 characters

OLS_PEOPLE = {
    "ada": {"first-name": "Ada", "last-name": "Lovelace", "pronouns": "she/her",
            "country": "UK", "city": "London", "country_3": "GBR", "continent": "Europe",
            "latitude": "51.5072178", "longitude": "-0.1275862",
            "expertise": ["Python", "Machine Learning", "Análisis de datos, R, SQL"],
            "orcid": "0000000218250097", "twitter": "ada_l",
            "mastodon": {"profile": "ada", "server": "scholar.social"},
            "affiliation": "An institute whose name is long " * 4,
            "bio": LONG_BIO + "\u200b", "title": "Director of Learning",
            "former-titles": ["OLS-SSI 2022 Fellow"]},
    "ailís-o'carroll": {"first-name": "Ailís", "last-name": "O'Carroll", "github": "false",
                        "country": "Ireland", "twitter": "ailis-ocarroll-1234ab/"},
    "olek": {"first-name": "Olek", "last-name": "K", "country": "United Kingdom / Ukraine",
             "website": "https://http://olek.example.org", "expertise": ["machine learning"],
             "twitter": "https://www.linkedin.com/in/olek-k"},
    "ngozi": {"first-name": "Ngozi", "last-name": "Eze", "country": "Turkey",
              "mastodon": "ngozi@hachyderm.io", "twitter": "N/A"},
}
OLS_COHORT = {"experts": ["ada"], "possible-mentors": ["ada", "ailís-o'carroll"],
              "organizers": ["olek"], "facilitators": ["ngozi"]}
OLS_PROJECTS = [{"name": "A project", "participants": ["ngozi"], "mentors": ["ada"]}]

GTN = textwrap.dedent("""\
    # valid tags: name, email, twitter, ...
    ---
    bebatut:
        name: Bérénice Batut
        email: berenice@example.org
        twitter: bebatut
        matrix: 'bebatut:matrix.org'
        orcid: 0000-0001-9852-1987
        joined: 2017-09
        elixir_node: "no"
        contact_for_training: true
        location:
          country: USA
          lat: 45.77
          lon: 3.08
        fediverse: https://piaille.fr/@bebatut
        fediverse_flavor: mastodon
        affiliations:
          - gallantries
          - ifb
        former_affiliations:
          - elixir-europe
    jxtx:
        name: James Taylor
        joined: 2018-06
        in_memoriam: |
            [James Taylor passed away on April 2, 2020.](https://galaxyproject.org/jxtx/)

            His impact on the Galaxy community is incredible.
    annatrigos:
        name: Anna Trigos
        github: false
        joined: 2018-09
    workflow4metabolomics:
        name: Workflow4Metabolomics core team
        joined: 2019-06
    stain:
        name: Stian Soiland-Reyes
        joined: 2023-04
        elixir_node: uk
        location:
            country: UK
    annatrigos:
        name: Anna Trigos
        github: false
        joined: 2018-09
    """)


def _write_ols(root: Path) -> Path:
    folder = root / "ols-site"
    data = folder / "_data"
    (data / "openseeds" / "ols-4").mkdir(parents=True)
    (data / "people.yaml").write_text(
        "# List of people\n---\n" + yaml.safe_dump(OLS_PEOPLE, allow_unicode=True),
        encoding="utf-8")
    cohort = data / "openseeds" / "ols-4"
    (cohort / "metadata.yaml").write_text(yaml.safe_dump(OLS_COHORT, allow_unicode=True),
                                          encoding="utf-8")
    (cohort / "projects.yaml").write_text(yaml.safe_dump(OLS_PROJECTS, allow_unicode=True),
                                          encoding="utf-8")
    (cohort / "schedule.yaml").write_text("timeline:\n- date: 2021-06-01\n", encoding="utf-8")
    return folder


def _import(site: SiteFactory, *args: str, cli: bool = False) -> Run:
    return site.community("import", *args, cli=cli)


@pytest.fixture
def open_site(site: SiteFactory) -> SiteFactory:
    site.plugin_options["topic_mode"] = "open"
    site._write_config()
    return site


def test_ols_imports_whole_and_builds(open_site: SiteFactory, tmp_path: Path) -> None:
    site = open_site
    source = _write_ols(tmp_path)
    run = _import(site, str(source), cli=True)
    assert run.returncode == 0, run.output
    assert "4 of 4 records carried over with nothing lost and valid (100.0%)" in run.output
    assert "country_3: 1" in run.output and "continent: 1" in run.output  # derivable
    # Non-ASCII key without GitHub: a name slug and github: false.
    ailis = yaml.safe_load((site.root / "members/ailis-o-carroll.yml").read_text())
    assert ailis["github"] is False and ailis["name"] == "Ailís O'Carroll"
    assert ailis["links"]["linkedin"] == "ailis-ocarroll-1234ab"
    assert {"role": "mentor", "cohort": "OLS-4", "programme": "Open Life Science",
            "year": 2021} in ailis["roles"]
    ada_text = (site.root / "members/ada.yml").read_text()
    ada = yaml.safe_load(ada_text)
    assert "\u200b" not in ada_text  # --fix ran before writing
    assert ada["links"]["orcid"] == "0000-0002-1825-0097"
    assert ada["location"]["country"] == "GB"
    assert ada["links"]["fediverse"] == "@ada@scholar.social"
    # A whole list in one entry, split ('SQL' is an alias of sql).
    assert "R" in ada["skills"] and "sql" in ada["skills"]
    olek = yaml.safe_load((site.root / "members/olek.yml").read_text())
    assert [p["country"] for p in olek["locations"]] == ["GB", "UA"]
    assert olek["links"]["website"] == "https://olek.example.org"
    assert olek["links"]["linkedin"] == "https://www.linkedin.com/in/olek-k"
    ngozi = yaml.safe_load((site.root / "members/ngozi.yml").read_text())
    assert ngozi["location"]["country"] == "TR" and "twitter" not in ngozi.get("links", {})
    # Importing the same source again changes nothing.
    before = {p.name: p.read_bytes() for p in (site.root / "members").iterdir()}
    again = _import(site, str(source))
    assert "0 written, 0 replaced, 4 unchanged" in again.output
    assert before == {p.name: p.read_bytes() for p in (site.root / "members").iterdir()}

    site.build()
    page = site.page("members/ada/")
    assert "Director of Learning" in page and "Mentor, Open Life Science, OLS-4 (2021)" in page
    assert "https://scholar.social/@ada" in page and "https://x.com/ada_l" in page
    assert "Machine Learning" in page  # the free tag's label as people wrote it
    ailis_page = site.page("members/ailis-o-carroll/")
    assert "GitHub:" not in ailis_page and "kept by the maintainers" in ailis_page
    assert "London" in page
    api = json.loads(site.site_file("api/members.json").read_text())
    items = {m["id"]: m for m in api["items"]} if isinstance(api, dict) else \
        {m["id"]: m for m in api}
    assert items["ada"]["location"]["latitude"] == 51.51  # city level: rounded
    assert items["olek"]["locations"][1]["country"] == "UA"
    listing = site.page("members/")
    # Both spellings are one filter value: an option and the two cards' facets.
    assert listing.count("machine-learning") == 3


def test_gtn_imports_with_memorials_teams_and_no_github(site: SiteFactory,
                                                        tmp_path: Path) -> None:
    site.plugin_options["topic_mode"] = "open"
    site._write_config()
    source = tmp_path / "CONTRIBUTORS.yaml"
    source.write_text(GTN, encoding="utf-8")
    run = _import(site, str(source))
    assert run.returncode == 0, run.output
    assert "5 of 5 records carried over with nothing lost and valid (100.0%)" in run.output
    assert "fediverse_flavor: 1" in run.output
    assert "'annatrigos (lines 30 and 43)' is given twice" in run.output
    bebatut = yaml.safe_load((site.root / "members/bebatut.yml").read_text())
    assert bebatut["links"]["matrix"] == "bebatut:matrix.org"  # as GTN writes it
    assert {"name": "ELIXIR Norway"} in bebatut["affiliations"]  # "no" is Norway
    assert {"name": "elixir-europe", "current": False} in bebatut["affiliations"]
    assert bebatut["available_for"] == ["teaching"] and bebatut["location"]["country"] == "US"
    assert yaml.safe_load((site.root / "members/annatrigos.yml").read_text())["github"] is False
    team = yaml.safe_load((site.root / "members/workflow4metabolomics.yml").read_text())
    assert team["kind"] == "team"
    stain = yaml.safe_load((site.root / "members/stain.yml").read_text())
    assert {"name": "ELIXIR United Kingdom"} in stain["affiliations"]
    site.build()
    memorial = site.page("members/jxtx/")
    assert "In memoriam" in memorial and "His impact on the Galaxy community" in memorial
    assert "Edit this profile" not in memorial and "change only your own" not in memorial
    assert "Edit this profile" in site.page("members/bebatut/")
    assert "kept by the maintainers" in site.page("members/annatrigos/")
    assert "ELIXIR Norway" in site.page("members/bebatut/")
    assert "Formerly" in site.page("members/bebatut/")
    assert "https://matrix.to/#/@bebatut:matrix.org" in site.page("members/bebatut/")


def test_all_contributors_and_csv_with_a_mapping(site: SiteFactory, tmp_path: Path) -> None:
    rc = tmp_path / ".all-contributorsrc"
    rc.write_text(json.dumps({"projectName": "widget", "contributors": [
        {"login": "Octo-Cat", "name": "Octo Cat", "avatar_url": "https://x.invalid/a.png",
         "profile": "https://octo.example.org", "contributions": ["code", "doc"]}]}))
    run = _import(site, str(rc))
    assert "0 of 1 records carried over with nothing lost" in run.output
    assert "avatar_url: 1" in run.output  # a remote avatar is not a file: reported
    octo = yaml.safe_load((site.root / "members/octo-cat.yml").read_text())
    assert octo["github"] == "Octo-Cat" and octo["roles"][0] == {"role": "code",
                                                                   "programme": "widget"}
    table = tmp_path / "form.csv"
    table.write_text("\ufeffGitHub,First,Last,Country,Skills,Shoe size\n"
                     "grace,Grace,Hopper,United States,python; sql,9\n"
                     ",José,Núñez,España,,\n", encoding="utf-8")
    mapping = tmp_path / "mapping.yml"
    mapping.write_text(yaml.safe_dump({"login": "GitHub", "fields": {
        "name": ["First", "Last"], "location.country": "Country",
        "skills": {"from": "Skills", "split": ";"}}}))
    run = _import(site, str(table), "--mapping", str(mapping))
    assert "Shoe size: 1" in run.output  # not mapped: in the loss report
    grace = yaml.safe_load((site.root / "members/grace.yml").read_text())
    assert grace["skills"] == ["python", "sql"] and grace["location"]["country"] == "US"
    jose = yaml.safe_load((site.root / "members/jose-nunez.yml").read_text())
    assert jose["github"] is False and jose["location"]["country"] == "España"
    assert "members/jose-nunez.yml" in run.output  # 'España' needs a hand: located
    assert run.returncode == 1


def test_validate_fix_makes_safe_repairs_and_reports_each(site: SiteFactory) -> None:
    site.write("members/ada.yml", """\
        # Ada's profile: comments stay
        name: "Ada  Lovelace"
        joined: 2019
        links:
          orcid: https://orcid.org/0000000218250097
        location:
          country: UK
        skills: [py, sql]
        bio: |
          Hello\u200b there.
        """)
    site.write("members/grace.yml", "name: Grace\nlocation:\n  country: Narnia\n")
    run = site.validate("--fix")
    for fixed in ("fixed links.orcid", "fixed location.country", "fixed skills.0",
                  "fixed bio", "fixed name"):
        assert fixed in run.output
    assert "5 repairs made" in run.output
    text = (site.root / "members/ada.yml").read_text()
    assert text.startswith("# Ada's profile: comments stay\n")
    assert "country: GB" in text and "[python, sql]" in text and "\u200b" not in text
    # What cannot be fixed stays an error, with its hint.
    assert run.returncode == 1 and "'Narnia' is not a two-letter country code" in run.output
    assert site.validate("--fix").output.count("fixed ") == 0  # nothing left to repair


def test_topic_modes(site: SiteFactory) -> None:
    site.member("ada", skills=["python", "Análisis de datos"])
    assert "unknown topic 'Análisis de datos'" in site.validate().output
    site.plugin_options["topic_mode"] = "suggest"
    site._write_config()
    found = site.diagnostics()
    assert [(d["severity"], d["code"], d["line"]) for d in found] == \
        [("warning", "unknown-topic", 5)]
    site.build()
    listing = site.page("members/")
    assert "Análisis de datos" in site.page("members/ada/")
    assert "análisis-de-datos" not in listing.split("cm-members")[0]  # not a filter option


def test_topic_filter_is_type_to_search_with_many_topics(site: SiteFactory) -> None:
    site.plugin_options["topic_mode"] = "open"
    site._write_config()
    for i in range(101):  # past 100 options, a select is no longer usable
        site.member(f"m{i}", skills=[f"Topic number {i}", f"Shared {i % 7}"])
    site.build()
    listing = site.page("members/")
    assert 'list="cm-members-topic-options"' in listing
    assert "<datalist" in listing and listing.count("<option") >= 108


def test_us_rse_shaped_events(site: SiteFactory) -> None:
    site.plugin_options["default_duration"] = "1h"
    site._write_config()
    site.record("events/2026-12-03-community-call.md", {
        "title": "Community Call", "start": "2026-12-03 12:00",
        "timezone": "America/New_York", "website": "https://us-rse.example.org/calls",
        "recurrence": {"rule": "FREQ=MONTHLY;BYDAY=1TH;UNTIL=20271231",
                       "rdates": ["2026-12-17 12:00"]}},
        "Monthly call, plus one extra session.\n")
    site.record("events/2026-12-14-virtual-workshop.md", {
        "title": "Virtual Workshop", "start": "2026-12-14 17:00", "end": "2026-12-14 20:00",
        "timezone": "UTC", "format": "online",
        "recurrence": {"rdates": ["2026-12-16 17:00"]}}, "Two sessions.\n")
    run = site.validate()
    assert run.returncode == 0, run.output
    site.build()
    calendar = icalendar.Calendar.from_ical(site.site_file("events/calendar.ics").read_bytes())
    found = recurring_ical_events.of(calendar).between(dt.datetime(2026, 12, 1),
                                                       dt.datetime(2027, 1, 10))
    starts = sorted((str(e["SUMMARY"]), e["DTSTART"].dt.astimezone(dt.UTC))
                    for e in found)
    call = [s for t, s in starts if t == "Community Call"]
    assert call[:3] == [dt.datetime(2026, 12, 3, 17, tzinfo=dt.UTC),
                        dt.datetime(2026, 12, 17, 17, tzinfo=dt.UTC),
                        dt.datetime(2027, 1, 7, 17, tzinfo=dt.UTC)]
    workshop = [e for e in found if str(e["SUMMARY"]) == "Virtual Workshop"]
    assert [e["DTEND"].dt - e["DTSTART"].dt for e in workshop] == [dt.timedelta(hours=3)] * 2
    page = site.page("events/2026-12-03-community-call/")
    assert "us-rse.example.org/calls" in page
    workshop_page = site.page("events/2026-12-14-virtual-workshop/")
    assert "In 2 sessions, the last on 16 December 2026" in workshop_page


def test_an_event_without_end_is_refused_without_a_default_duration(site: SiteFactory
                                                                      ) -> None:
    site.record("events/2026-12-03-call.md", {"title": "Call", "start": "2026-12-03 12:00"})
    found = site.diagnostics()
    assert [d["code"] for d in found] == ["missing-end"]
    assert "default_duration" in found[0]["hint"]


# -- units --------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "expected"), [
    ("0000-0002-1825-0097", "0000-0002-1825-0097"),
    ("0000000218250097", "0000-0002-1825-0097"),
    ("http://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
    ("https://www.orcid.org/0000-0001-5109-351x", "0000-0001-5109-351X"),
    ("0000 0002 1825 0097", "0000-0002-1825-0097"),
    ("orcid", None), ("0000-0002-1825-009", None),
])
def test_orcid_forms(written: str, expected: str | None) -> None:
    assert canonical_orcid(written) == expected


def test_countries_are_codes_from_exact_names_only() -> None:
    assert [country_code(c) for c in ("UK", "uk", "Turkey", "United States", "USA", "GB")] == \
        ["GB", "GB", "TR", "US", "US", "GB"]
    assert country_code("Kosovo") is None and country_code("Narnia") is None


def _member(**fields) -> Member:
    return Member.model_validate({"name": "Ada", "id": "ada", **fields})


def test_social_accounts_are_checked_and_linked() -> None:
    member = _member(links={
        "fediverse": "ada@Scholar.Social", "matrix": "ada:matrix.org",
        "bluesky": "https://bsky.app/profile/ada.bsky.social",
        "twitter": "https://x.com/ada_l", "gitlab": "https://gitlab.com/ada",
        "codeberg": "ada", "linkedin": "in/ada-lovelace"})
    links = {link.key: (link.text, link.href) for link in member_links(member)}
    assert links["fediverse"] == ("@ada@scholar.social", "https://scholar.social/@ada")
    assert links["matrix"] == ("@ada:matrix.org", "https://matrix.to/#/@ada:matrix.org")
    assert links["bluesky"] == ("@ada.bsky.social", "https://bsky.app/profile/ada.bsky.social")
    assert links["twitter"] == ("@ada_l", "https://x.com/ada_l")
    assert links["gitlab"][1] == "https://gitlab.com/ada"
    assert links["codeberg"][1] == "https://codeberg.org/ada"
    assert links["linkedin"][1] == "https://www.linkedin.com/in/ada-lovelace"
    for field, bad in (("fediverse", "ada"), ("matrix", "@ada"), ("twitter", "ada lovelace"),
                       ("bluesky", "not a handle"), ("linkedin", "https://evil.example/in/x")):
        with pytest.raises(ValueError, match=field.replace("twitter", "X")
                           .replace("linkedin", "LinkedIn").replace("bluesky", "Bluesky")
                           .replace("matrix", "Matrix").replace("fediverse", "fediverse")):
            _member(links={field: bad})


def test_affiliations_with_ror_and_memorials() -> None:
    member = _member(affiliations=[{"name": "Oxford", "ror": "https://ror.org/052gg0110"},
                                   {"name": "Old place", "current": False}])
    assert member.affiliations[0].ror == "052gg0110"
    assert member.organisations == ("Oxford",)
    with pytest.raises(ValueError, match="wrong check digits"):
        _member(affiliations=[{"name": "X", "ror": "052gg0111"}])
    with pytest.raises(ValueError, match="in-memoriam"):
        _member(memorial="A note")
    gone = _member(status="in-memoriam", memorial="Remembered.",
                   mentoring={"offers": ["python"], "seeks": ["sql"]})
    assert not gone.offers_mentoring and not gone.seeks_mentoring
    assert _member(joined="2019").joined_year_only
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    old = {gone.source: dt.datetime(2019, 1, 1, tzinfo=dt.UTC)}
    assert stale_profiles([gone], old, now, 12) == []


def test_loss_report_counts_fields_not_carried() -> None:
    report = LossReport()
    for fields, used in (({"a": "1", "b": "", "c": "x"}, {"a"}), ({"a": "1"}, {"a"})):
        draft = Draft(SourceRecord("k", fields, "here"))
        draft.used.update(used)
        report.add(draft)
    assert (report.total, report.complete, dict(report.lost)) == (2, 1, {"c": 1})
    assert slug("Ailís O'Carroll") == "ailis-o-carroll"
    assert free_topic_id("Machine  Learning") == free_topic_id("machine-learning")


def test_markup_from_other_generators_is_located(site: SiteFactory) -> None:
    site.record("events/2026-12-10-funder-talk.md", {
        "title": "Funder talk", "start": "2026-12-10", "format": "online"},
        "See [the slides]({{ site.baseurl }}/slides/).\n\n"
        "![Speaker](/assets/img/speaker.png)\n{: style=\"width: 40%\"}\n\n"
        "```\n{{ shown on purpose }}\n```\nAnd `{% raw %}` in code.\n")
    site.member("ada", bio="Hello {% include note.html %}\n\nSecond line\n")
    found = [(d["path"], d["line"], d["col"], d["code"], d["severity"])
             for d in site.diagnostics()]
    assert found == [
        ("events/2026-12-10-funder-talk.md", 6, 18, "liquid-tag", "warning"),
        ("events/2026-12-10-funder-talk.md", 8, 1, "image-dropped", "warning"),
        ("events/2026-12-10-funder-talk.md", 9, 1, "kramdown-attributes", "warning"),
        ("members/ada.yml", 3, 13, "liquid-tag", "warning"),
    ]
