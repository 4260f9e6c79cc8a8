"""Search: one concise, accent-folded search document per generated page, nothing private.

The browser suite (test_browser.py) proves the same documents are found by typing into
Material's search box; these tests pin down what goes into the index, and its size.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import REPO
from mkdocs_community.outputs.search import fold, folded_variants, index_body, with_folded


@pytest.mark.parametrize(("text", "folded"), [
    ("José Álvarez Núñez", "Jose Alvarez Nunez"),
    ("Zoë Müller", "Zoe Muller"),
    ("Łukasz Wiśniewski", "Lukasz Wisniewski"),
    ("Nguyễn Thị Lan", "Nguyen Thi Lan"),
    ("Siobhán Ní Bhriain", "Siobhan Ni Bhriain"),
    ("Søren Ærø Straße", "Soren Aero Strasse"),
    ("Ada Lovelace", "Ada Lovelace"),
])
def test_fold_spells_names_in_ascii(text, folded):
    assert fold(text) == folded


def test_folded_variants_add_only_new_spellings():
    assert folded_variants("Zoë Müller") == ["Zoe", "Muller", "Mueller"]
    assert folded_variants("Ada Lovelace, London") == []
    # Scripts without an ASCII spelling are left as they are (no empty words).
    assert folded_variants("김서연") == []
    assert with_folded("José and Jose") == "José and Jose"


def test_index_body_hides_headings_and_escapes_text():
    body = '<h1>Ada</h1><h2 id="skills">Skills</h2><div><h3 id="x" data-search-exclude>X</h3></div>'
    html = index_body(body, 'Ada <script>alert(1)</script> & co')
    assert html.startswith('<div class="cm-search-doc" hidden>Ada &lt;script&gt;')
    assert '<h2 data-search-exclude id="skills">' in html
    assert html.count("data-search-exclude") == 3  # wrapper + two headings, none doubled
    assert html.endswith("</cm-page>")


def _docs(site) -> list[dict]:
    return json.loads(site.site_file("search/search_index.json").read_text())["docs"]


@pytest.mark.slow
def test_one_concise_document_per_profile(site):
    site.member("jose", name="José Álvarez Núñez", role="Research Software Engineer",
                organisation="Centro de Investigación", skills=["python", "sql"],
                location={"city": "Sevilla", "country": "ES"},
                mentoring={"offers": ["kubernetes"], "seeks": ["public-speaking"]},
                bio="I rescue *Fortran* scripts. " * 20, interests=["open-science"])
    site.member("zoe", name="Zoë Müller", location={"city": "Berlin", "country": "DE"},
                skills=["javascript"], links={"website": "https://zoe.example.org"})
    site.member("hidden-hana", name="Hana Hiddenname", listed=False, skills=["python"],
                role="Secret Agent")
    site.build()
    docs = _docs(site)

    jose = [d for d in docs if d["location"].startswith("members/jose/")]
    assert len(jose) == 1, jose  # not one entry per heading (skills, mentoring, links...)
    doc = jose[0]
    assert doc["title"] == "José Álvarez Núñez"
    text = doc["text"]
    for wanted in ("Research Software Engineer", "Centro de Investigación", "Sevilla",
                   "Spain", "Python", "SQL", "Mentors in: Kubernetes",
                   "Looking for a mentor in: Public speaking"):
        assert wanted in text, wanted
    # The folded spellings are matched but never shown: they are in a field of their own
    # that the index declares and a result does not display.
    # First the login (the file name, as no `github:` is given), then the folded words.
    assert doc["keywords"].split() == ["jose", "Jose", "Alvarez", "Nunez", "Investigacion"]
    assert not {"Jose", "Alvarez", "Nunez", "Investigacion"} & set(re.findall(r"\w+", text))
    config = json.loads(site.site_file("search/search_index.json").read_text())["config"]
    assert config["fields"]["keywords"] == {"boost": 100.0}
    assert {"title", "text", "tags"} <= set(config["fields"])
    # Bios, link labels and boilerplate stay out: they make the index big, not better.
    assert "Fortran" not in text and "Edit this profile" not in text
    assert "Member since" not in text

    zoe = next(d for d in docs if d["location"] == "members/zoe/")
    assert {"Muller", "Mueller", "Zoe"} <= set(zoe["keywords"].split())
    assert "Mueller" not in zoe["text"]

    # The directory is found by its description, not by every card on it.
    directory = next(d for d in docs if d["location"] == "members/")
    assert "José" not in directory["text"] and "Python" not in directory["text"]
    # Only pages, never page sections, for generated pages.
    generated = [d for d in docs if d["location"].startswith("members/")]
    assert all("#" not in d["location"] for d in generated)

    raw = site.site_file("search/search_index.json").read_text()
    assert "Hiddenname" not in raw and "hidden-hana" not in raw and "Secret Agent" not in raw

    # The visible page is unchanged for people: the search text is hidden.
    html = site.page("members/jose/")
    assert '<div class="cm-search-doc" hidden>' in html
    assert re.search(r"<h1[^>]*>José Álvarez Núñez</h1>", html)


@pytest.mark.slow
def test_names_in_other_scripts_are_found_by_their_romanised_form_and_handle(site):
    site.member("seoyeon-k", name="김서연", name_romanised="Kim Seo-yeon",
                github="Seoyeon-K", name_pronunciation="kim suh-YUHN")
    site.member("ananya", name="अनन्या शर्मा", name_romanised="Ananya Sharma")
    site.member("host", name="Ada Host")
    site.record("events/2026-12-10-meetup.md", {
        "title": "Meetup", "start": "2026-12-10 18:00", "duration": "1h", "format": "online",
        "hosts": ["ananya"]})
    site.build()
    docs = {d["location"]: d for d in _docs(site)}
    kim = docs["members/seoyeon-k/"]
    assert kim["title"] == "김서연"
    assert kim["text"].startswith("Kim Seo-yeon")  # shown: readers of Latin script see it
    assert {"Seoyeon-K", "Seoyeon", "suh-YUHN"} <= set(kim["keywords"].split())
    assert docs["members/ananya/"]["text"].startswith("Ananya Sharma")
    assert "ananya" in docs["members/ananya/"]["keywords"].split()  # the file name is the login
    # Where she is named on other pages, her romanised name comes along.
    assert "Hosted by: अनन्या शर्मा (Ananya Sharma)" in \
        docs["events/2026-12-10-meetup/"]["text"]
    profile = site.page("members/seoyeon-k/")
    assert '<p class="cm-profile__romanised">Kim Seo-yeon</p>' in profile
    members = json.loads(site.site_file("api/members.json").read_text())["items"]
    assert next(m for m in members if m["id"] == "seoyeon-k")["name_romanised"] == \
        "Kim Seo-yeon"


def test_add_keywords_declares_the_field_and_fills_matching_documents():
    from mkdocs_community.outputs.search import add_keywords

    index = {"config": {"lang": ["en"], "fields": {"title": {"boost": 1000.0}}},
             "docs": [{"location": "members/zoe/", "title": "Zoë", "text": "x"},
                      {"location": "about/", "title": "About", "text": "y"},
                      {"location": "members/zoe/#x", "title": "X", "text": "z"}]}
    out = json.loads(add_keywords(json.dumps(index), {"members/zoe/": "Zoe Mueller"}))
    assert out["config"]["fields"] == {"title": {"boost": 1000.0},
                                       "keywords": {"boost": 100.0}}
    assert [d.get("keywords") for d in out["docs"]] == ["Zoe Mueller", None, None]
    assert add_keywords(json.dumps(index), {}) == add_keywords(json.dumps(index), {})


def test_example_site_index_stays_small(example_site):
    """One document per profile, ~0.3 KB each: 10,000 members stay far below 5 MB."""
    out = example_site.site
    index = json.loads((out / "search" / "search_index.json").read_text())
    profiles = [d for d in index["docs"]
                if re.fullmatch(r"members/[^/]+/", d["location"])]
    members = [p.stem for p in (REPO / "members").glob("*.yml") if not p.stem.startswith("_")]
    assert 0 < len(profiles) <= len(members)
    assert len({d["location"] for d in profiles}) == len(profiles)  # one per profile
    sizes = [len(json.dumps(d, separators=(",", ":"))) for d in profiles]
    assert max(sizes) < 1000, max(sizes)
    mean = sum(sizes) / len(sizes)
    assert mean * 10_000 < 5_000_000, f"{mean:.0f} bytes per profile"
    # Record pages of every section are single documents too.
    for doc in index["docs"]:
        section = doc["location"].split("/")[0]
        if section in {"members", "events", "resources", "spotlights", "groups"}:
            assert "#" not in doc["location"], doc["location"]
