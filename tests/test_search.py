"""Search: one concise, accent-folded search document per generated page, nothing private.

The browser suite (test_browser.py) proves the same documents are found by typing into
Material's search box; these tests pin down what goes into the index, and its size.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import REPO
from mkdocs_community.search import fold, folded_variants, index_body, with_folded


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
                   "Looking for a mentor in: Public speaking",
                   "Jose", "Alvarez", "Nunez", "Investigacion"):
        assert wanted in text, wanted
    # Bios, link labels and boilerplate stay out: they make the index big, not better.
    assert "Fortran" not in text and "Edit this profile" not in text
    assert "Member since" not in text

    zoe = next(d for d in docs if d["location"] == "members/zoe/")
    assert {"Muller", "Mueller", "Zoe"} <= set(zoe["text"].split())

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
