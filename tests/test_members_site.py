"""End to end: member records become a directory and profiles, and nothing private leaks."""

from __future__ import annotations

import json

import pytest

from conftest import active_content

pytestmark = pytest.mark.slow


def test_profiles_directory_and_privacy(site):
    site.member("ada", name="Ada Lovelace", pronouns="she/her", role="Analyst",
                organisation="Engine Works", location={"city": "London", "country": "GB"},
                timezone="Europe/London", skills=["py", "sql"], bio="I like *engines*.",
                email="ada.private@example.org", mentoring={"offers": ["python"], "capacity": 2},
                links={"website": "https://ada.example.org", "orcid": "0000-0002-1825-0097"})
    site.member("grace", name="Grace Hopper", email="grace@example.org", email_public=True,
                location={"city": "Nairobi", "country": "KE"}, skills=["kubernetes"])
    site.member("secret-sam", name="Samira Secretname", email="sam@example.org",
                listed=False, skills=["python"])
    site.build()

    profile = site.page("members/ada/")
    assert "Ada Lovelace" in profile and "she/her" in profile
    assert "Analyst" in profile and "Engine Works" in profile
    assert "London, United Kingdom" in profile
    assert 'data-cm-timezone="Europe/London">London time</span>' in profile  # said, not coded
    assert "<em>engines</em>" in profile
    assert 'href="https://ada.example.org"' in profile
    assert "https://orcid.org/0000-0002-1825-0097" in profile
    assert "edit/main/members/ada.yml" in profile
    assert "Python" in profile and "SQL" in profile  # alias 'py' resolved to the topic

    directory = site.page("members/")
    assert directory.count('class="cm-card"') == 2
    assert "Offers mentoring" in directory

    # Privacy: a private email appears nowhere; a public one only obfuscated.
    outputs = site.all_output()
    for name, content in outputs.items():
        text = content.decode("utf-8", errors="replace")
        assert "ada.private@example.org" not in text, name
        assert "grace@example.org" not in text, name
        # The unlisted member is absent everywhere, including the search index.
        assert "Secretname" not in text, name
        assert "secret-sam" not in text, name
    assert "grace [at] example [dot] org" in site.page("members/grace/")
    assert not site.site_file("members/secret-sam").exists()
    index = json.loads(site.site_file("search/search_index.json").read_text())
    assert any(doc["location"].startswith("members/ada/") for doc in index["docs"])


def test_bio_xss_is_inert(site):
    site.member("mallory", name="<script>alert(1)</script>Mallory",
                bio="Hi <img src=x onerror=alert(1)> [click](javascript:alert(2)) "
                    "<script>alert(3)</script>{{ config }}",
                role='"><svg onload=alert(4)>')
    site.build()
    html = site.page("members/mallory/")
    assert active_content(html) == []
    assert active_content(site.page("members/")) == []
    assert "<script>alert" not in html and "<svg onload" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Mallory" in html
    assert "{{ config }}" in html  # template syntax stays literal text


def test_build_fails_on_invalid_data_and_keeps_last_site(site):
    site.member("ada", name="Ada")
    site.build()
    marker = site.site_file("members/ada/index.html")
    assert marker.exists()
    site.member("bob", name="Bob", skils=["python"])
    result = site.build(check=False, cli=True)  # the command: its exit status and output
    assert result.returncode != 0
    assert "members/bob.yml:3:1: error[unknown-field]" in result.output
    assert "did you mean 'skills'?" in result.output
    assert marker.exists(), "a failed build must not wipe the last good site"


def test_directory_sorts_names_alphabetically_in_any_script(site):
    """Unicode collation, not code points: Łukasz before Zoë, Ángel with the A's, and a
    name in another script by its romanised form when the member gives one. Avatars
    beside a name are decorative (alt=""), so screen readers say each name once."""
    from test_seo import PNG

    site.write("members/avatars/zoe.png", PNG)
    for member_id, fields in {
        "zoe": {"name": "Zoë Müller", "avatar": "zoe.png"},
        "lukasz": {"name": "Łukasz Wiśniewski"},
        "angel": {"name": "Ángel Ruiz"},
        "ana": {"name": "ana Costa"},
        "seoyeon": {"name": "김서연", "name_romanised": "Kim Seo-yeon"},
        "eleni": {"name": "Ελένη Παππά"},
        "bob": {"name": "Bob Brown"},
    }.items():
        site.member(member_id, **fields)
    site.build()
    directory = site.page("members/")
    order = [directory.index(f'href="{m}/"') for m in
             ("ana", "angel", "bob", "seoyeon", "lukasz", "zoe", "eleni")]
    assert order == sorted(order)
    assert '<p class="cm-card__romanised">Kim Seo-yeon</p>' in directory
    assert 'alt=""' in directory and 'alt="Zoë Müller"' not in directory
    assert 'aria-label="Bob Brown"' not in directory  # the initials too


def test_alumni_wording_reads_for_any_community_name(site):
    site.member("ada", name="Ada Lovelace", status="alumni")
    site.plugin_options["name"] = "Open Pathways"
    site.build()
    alumni = site.page("members/alumni/")
    assert "1 person who finished a programme with Open Pathways" in alumni
    assert "a Open" not in alumni and "1 people" not in alumni


def test_member_since_reads_a_year_or_a_month(site):
    """A year alone reads "2019", the month "January 2019", in one build: the build
    formats each date once, and a year-only date is kept apart from the 1 January it
    equals."""
    site.member("ada", name="Ada Lovelace", joined="2019")
    site.member("alan", name="Alan Turing", joined="2019")
    site.member("grace", name="Grace Hopper", joined="2019-01")
    site.build()
    assert '<time datetime="2019">2019</time>' in site.page("members/ada/")
    assert '<time datetime="2019">2019</time>' in site.page("members/alan/")
    assert '<time datetime="2019-01">January 2019</time>' in site.page("members/grace/")
