"""Every kind of bad member file gets a located, actionable diagnostic, all in one run.

One fixture site holds all the broken files at once: that is also the proof that a
run reports every problem together instead of stopping at the first.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import SiteFactory
from mkdocs_community.core.community import default_checks

GOOD = "name: Good Person\njoined: 2025-01\n"

# file name -> (content, expected line, expected code, text the message or hint must hold)
CASES: dict[str, tuple[str | bytes, int, str, str]] = {
    "malformed.yml": ("name: Bad\njoined: 2025-01\nskills: [python\n", 3, "yaml-syntax",
                      "the list that starts with '[' on line 3 is not closed"),
    "a-list.yml": ("- name: Bad\n- joined: 2025-01\n", 1, "not-a-mapping", "field: value"),
    "empty.yml": ("# just a comment\n", 1, "empty", "required fields"),
    "typo.yml": (GOOD + "skils: [python]\n", 3, "unknown-field", "did you mean 'skills'?"),
    "wrong-type.yml": (GOOD + "mentoring:\n  capacity: lots\n", 4, "wrong-type", "whole number"),
    "no-name.yml": ("joined: 2025-01\nrole: Analyst\n", 1, "missing-field", "name"),
    "bad-date.yml": ("name: Bad Date\njoined: 2025-13\n", 2, "date", "valid date"),
    "bad-zone.yml": (GOOD + "timezone: Europe/Berln\n", 3, "timezone",
                     "did you mean 'Europe/Berlin'"),
    "bad-topic.yml": (GOOD + "skills: [python, kubernets]\n", 3, "unknown-topic",
                      "the 2nd skill: unknown topic 'kubernets' did you mean 'kubernetes'? (a "
                      "topic that is truly new is added to content/topics.yml in the same "
                      "pull request)"),
    # What a newcomer writes by mistake, and reads back in words they can act on.
    "tab-indent.yml": (GOOD + "location:\n\tcity: Pune\n", 4, "yaml-syntax",
                       "this line is indented with a tab character; YAML files must be "
                       "indented with spaces delete the tab before 'city' and type spaces"),
    "three-spaces.yml": (GOOD + "location:\n   city: Pune\n  country: IN\n", 5, "yaml-syntax",
                         "line 5 is not lined up with the lines above it: it starts with 2 "
                         "spaces, line 4 with 3 spaces"),
    "deeper.yml": (GOOD + "location:\n  city: Pune\n   country: IN\n", 5, "yaml-syntax",
                   "line 5 is indented further than line 4, so it is read as part of the value "
                   "of 'city' start 'country:' in the same column as 'city:' (2 spaces before "
                   "it)"),
    "colon.yml": (GOOD + "role: Lead: data team\n", 3, "yaml-syntax",
                  "put the whole value in quotation marks, e.g. role: \"Lead: data team\""),
    "long-bio.yml": (GOOD + "bio: " + "x" * 5899 + "\n", 3, "too-long",
                     "bio: is 5,899 characters; the limit is 5,000 shorten it by 899 "
                     "characters"),
    "tableau.yml": (GOOD + "skills: [python, sql, Tableau]\n", 3, "unknown-topic",
                    "the 3rd skill: unknown topic 'Tableau' no topic is spelled like this; if "
                    "the community should have it, add a line 'tableau: Tableau' to "
                    "content/topics.yml in the same pull request"),
    "braces.yml": (GOOD + "interests: ['{x}']\n", 3, "unknown-topic",
                   "the 1st interest: unknown topic '{x}'"),
    "gmt.yml": (GOOD + "timezone: GMT+1\n", 3, "timezone",
                "'GMT+1' is not a time zone name write the zone of a city near you, e.g. "
                "'Europe/Berlin' or 'Africa/Lagos' for UTC+1"),
    "portuguese.yml": (GOOD + "languages: [en, Portuguese]\n", 3, "language",
                       "the 2nd language: 'Portuguese' is not a language code write 'pt', the "
                       "code for Portuguese"),
    "mentor-offers.yml": (GOOD + "mentoring:\n  offers: [python, pyhton, sql]\n", 4,
                          "unknown-topic", "the 2nd topic you offer in mentoring: unknown "
                          "topic 'pyhton' did you mean 'python'?"),
    # Names a member whose file is broken: that file's own errors say what is wrong.
    "mentee.yml": (GOOD + "mentoring:\n  mentors: [tab-indent]\n", -1, "", ""),
    "http-link.yml": (GOOD + "links:\n  website: http://example.org\n", 4, "url-scheme", "https"),
    "js-link.yml": (GOOD + "links:\n  blog: javascript:alert(1)\n", 4, "url-scheme", "javascript"),
    "bad-orcid.yml": (GOOD + "links:\n  orcid: 0000-0002-1825-0098\n", 4, "orcid", "check digit"),
    "dup-key.yml": ("name: One\njoined: 2025-01\nname: Two\n", 3, "duplicate-key",
                    "first given on line 1"),
    "Bad_Id.yml": (GOOD, 0, "bad-id", "lowercase"),
    "not-utf8.yml": ("name: Zoë\njoined: 2025-01\n".encode("latin-1"), 1, "encoding", "UTF-8"),
    "huge.yml": (GOOD + "bio: |\n" + "  lorem ipsum dolor sit amet\n" * 12000, 0,
                 "file-too-large", "limit"),
    "laughs.yml": ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
                   "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                   "name: Laughs\njoined: 2025-01\n", 2, "yaml-alias", "aliases"),
    "escape.yml": (GOOD + "avatar: ../../etc/passwd.png\n", 3, "avatar-path", "members/avatars/"),
    "python-tag.yml": (GOOD + "role: !!python/object/apply:os.system ['ls']\n", 3, "yaml-tag",
                       "not allowed"),
    "not-a-record.json": ('{"name": "x"}', 0, "not-a-record", ".yml"),
    "unknown-mentor.yml": (GOOD + "mentoring:\n  mentors: [nobody-here]\n", 4,
                           "unknown-reference", "members/nobody-here.yml"),
    # A profile's file is named after its owner's GitHub login: validate and the
    # pull-request check agree on whose it is (issue 14: this passed validate).
    "nina.yml": (GOOD + "github: nina-newcomer\n", 3, "github-mismatch",
                 "rename the file to members/nina-newcomer.yml"),
    "placeholder.yml": (GOOD + "github: your-github-handle\n", 3, "placeholder-handle",
                        "your own GitHub login"),
    "your-github-handle.yml": (GOOD, 0, "placeholder-handle", "template's placeholder"),
    "a-name-longer-than-any-github-login-can-be.yml": (GOOD, 0, "bad-id", "GitHub handle"),
    # Every stored URL is RFC 3986: nothing that ends an attribute or a JSON string.
    "quote-link.yml": (GOOD + 'links:\n  website: \'https://example.org/"><script>\'\n', 4,
                       "url-invalid", "'\"'"),
    "angle-link.yml": (GOOD + "links:\n  blog: https://example.org/<b>\n", 4, "url-invalid",
                       "percent-encoded"),
    "space-link.yml": (GOOD + "links:\n  blog: https://example.org/a b\n", 4, "url-invalid",
                       "a space"),
    "user-link.yml": (GOOD + "links:\n  blog: https://evil.example@example.org/\n", 4,
                      "url-invalid", "user name"),
    # One address, no mail headers for the site's mailto: link.
    "bcc-email.yml": (GOOD + "email: ada?bcc=x@evil.example.org\n", 3, "email", "Bcc"),
    "two-emails.yml": (GOOD + "email: ada@example.org, eve@example.org\n", 3, "email",
                       "one address"),
    "named-email.yml": (GOOD + "email: Ada <ada@example.org>\n", 3, "email", "one address"),
    # Invisible characters in names.
    "invisible-separator.yml": ("name: Ada\u2063Lovelace\njoined: 2025-01\n", 1,
                                "deceptive-text", "U+2063 INVISIBLE SEPARATOR"),
    "hangul-filler.yml": ("name: \u3164\njoined: 2025-01\n", 1, "deceptive-text",
                          "U+3164 HANGUL FILLER"),
}


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> SiteFactory:
    site = SiteFactory(tmp_path_factory.mktemp("broken") / "site")
    site.member("fine", name="Fine Person")
    for name, (content, *_rest) in CASES.items():
        site.write(f"members/{name}", content)
    # Two ids that differ only in case.
    site.write("members/twin.yml", GOOD)
    site.write("members/Twin.yaml", GOOD)
    # Enough files for `community validate` to read half of them in a helper process
    # (parallel.py): broken files are on both sides of the split.
    for number in range(70):
        site.member(f"pad-{number:02d}")
    return site


@pytest.fixture(scope="module")
def reported(broken_site: SiteFactory) -> list[dict]:
    result = broken_site.validate("--format", "json")
    assert result.returncode == 1, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", sorted(n for n, case in CASES.items() if case[2]))
def test_each_problem_is_located_with_a_hint(reported: list[dict], name: str) -> None:
    _content, line, code, words = CASES[name]
    matches = [d for d in reported if d["path"] == f"members/{name}" and d["code"] == code]
    assert matches, f"no {code} for {name}; got {[d for d in reported if name in d['path']]}"
    found = matches[0]
    assert found["line"] == line
    assert (line == 0) == (found["col"] == 0)
    assert words in found["message"] + " " + found["hint"]


def test_a_word_that_only_looks_like_a_topic_gets_no_suggestion(reported: list[dict]) -> None:
    tableau = next(d for d in reported if d["path"] == "members/tableau.yml")
    assert "did you mean" not in tableau["hint"]  # 'leadership' (alias 'team-lead') is no help
    gmt = next(d for d in reported if d["path"] == "members/gmt.yml")
    assert "GMT+0" not in gmt["hint"] and "(these names reverse the sign: 'Etc/GMT-1' is " \
        "UTC+1)" in gmt["hint"]


def test_a_reference_to_a_broken_file_is_not_called_missing(reported: list[dict]) -> None:
    assert [d for d in reported if d["path"] == "members/mentee.yml"] == []
    assert any(d["path"] == "members/tab-indent.yml" for d in reported)


def test_case_only_duplicate_ids(reported: list[dict]) -> None:
    twins = [d for d in reported if "twin" in d["path"].lower()]
    assert {d["code"] for d in twins} >= {"bad-id"} or \
        any(d["code"] == "duplicate-id" for d in twins)


def test_no_traceback_and_every_file_reported_in_text_mode(broken_site: SiteFactory) -> None:
    result = broken_site.validate(cli=True)  # the command as people run it
    assert result.returncode == 1
    assert "Traceback" not in result.output
    for name, (_c, line, code, _w) in CASES.items():
        if not code:
            continue
        where = f"members/{name}:{line}:" if line else f"members/{name}: "
        assert f"{where}" in result.stdout and f"error[{code}]" in result.stdout, name
    assert "members/fine.yml" not in result.stdout


def test_github_annotations_point_at_lines(broken_site: SiteFactory) -> None:
    result = broken_site.validate("--format", "github")
    lines = result.stdout.splitlines()
    typo = next(line for line in lines if "members/typo.yml" in line)
    assert typo.startswith("::error file=members/typo.yml,line=3,col=1,title=unknown-field::")
    assert "did you mean 'skills'?" in typo


def test_limiting_to_given_files(broken_site: SiteFactory) -> None:
    result = broken_site.validate("members/fine.yml")
    assert result.returncode == 0, result.output
    result = broken_site.validate("members/typo.yml")
    assert result.returncode == 1
    assert "typo.yml" in result.stdout and "malformed.yml" not in result.stdout


def _note_reader(record, doc, settings, diagnostics) -> None:
    """A record check that also says which process read the file (a finding of its own)."""
    default_checks()["member"](record, doc, settings, diagnostics)
    diagnostics.warning(record.source, 0, 0, "read-by", str(os.getpid()), "")


def test_reading_on_two_cores_finds_the_same(broken_site: SiteFactory) -> None:
    """With two cores, a helper process reads half of the files, and reports exactly
    what reading them all in this process does (including where a broken reference is);
    with one core, this process reads them all. A helper told to run whatever the cores
    (only_if_faster=False) finds the same too."""
    from mkdocs_community.adapters.cli.main import load_settings
    from mkdocs_community.adapters.parallel import Sharing
    from mkdocs_community.core.community import load_community

    broken_site._write_config()
    settings = load_settings(str(broken_site.root / "mkdocs.yml"))
    _, alone = load_community(settings)
    sharing = Sharing(only_if_faster=False)
    _, shared = load_community(settings, sharing=sharing)
    assert sharing.shared >= 40  # half of the files were read by the helper
    assert len(alone) >= len(CASES)
    assert list(shared) == list(alone)
    assert any(d.code == "unknown-reference" and d.line == 4 for d in alone)
    here = str(os.getpid())

    def read(cores: set[int], sharing: Sharing) -> tuple[set[str], list]:
        """Who read the member files, and the other findings, on ``cores`` only."""
        everywhere = os.sched_getaffinity(0)
        os.sched_setaffinity(0, cores)
        try:
            _, found = load_community(settings, {"member": _note_reader}, sharing=sharing)
        finally:
            os.sched_setaffinity(0, everywhere)
        return ({d.message for d in found if d.code == "read-by"},
                [d for d in found if d.code != "read-by"])

    cores = sorted(os.sched_getaffinity(0))
    readers, findings = read({cores[0]}, Sharing())  # one core: no helper
    assert readers == {here} and findings == list(alone)
    # Two cores, or (on a one-core machine) a helper told to run anyway: two readers.
    two = set(cores[:2])
    readers, findings = read(two, Sharing(only_if_faster=len(two) > 1))
    assert here in readers and len(readers) == 2  # this process and one helper
    assert findings == list(alone)


def test_valid_community_passes(site: SiteFactory) -> None:
    site.member("ada", name="Ada", skills=["JS", "public speaking"], timezone="Asia/Kolkata",
                location={"country": "NO"}, cohort=2024)
    result = site.validate()
    assert result.returncode == 0, result.output
    assert "community: 1 member; no errors" in result.stderr  # the count word agrees


def test_norway_and_times_stay_text(tmp_path: Path) -> None:
    """YAML 1.1 would read NO as false and 18:00 as 1080; the models decide types instead."""
    from mkdocs_community.core.diagnostics import Diagnostics
    from mkdocs_community.core.sources import parse_yaml

    doc = parse_yaml("country: NO\ntime: 18:00\nflag: yes\nempty:\n", "x.yml", Diagnostics())
    assert doc.data == {"country": "NO", "time": "18:00", "flag": "yes", "empty": None}
    assert doc.locate(("time",)) == (2, 7)
    assert doc.locate(("time",), key=True) == (2, 1)


def test_a_load_cache_reuses_only_what_is_unchanged(site: SiteFactory) -> None:
    """`mkdocs serve` keeps a LoadCache between rebuilds: unchanged files are not
    validated again, and everything that changed (a file, the topics, an image a
    record points at) is seen."""
    from test_seo import PNG

    from mkdocs_community.adapters.cli.main import load_settings
    from mkdocs_community.core.community import LoadCache, load_community

    site.write("members/avatars/ada.png", PNG)
    site.member("ada", name="Ada", avatar="ada.png", skills=["python"])
    site.member("grace", name="Grace", skills=["sql"])
    site._write_config()
    settings = load_settings(str(site.root / "mkdocs.yml"))
    cache = LoadCache()
    first, _ = load_community(settings, cache=cache)
    assert first is not None

    site.member("grace", name="Grace Hopper", skills=["sql"])
    second, _ = load_community(settings, cache=cache)
    assert second.member("ada") is first.member("ada")  # reused, not validated again
    assert second.member("grace").name == "Grace Hopper"

    (site.root / "members/avatars/ada.png").unlink()  # ada.yml itself is unchanged
    third, found = load_community(settings, cache=cache)
    assert third is None
    assert [(d.path, d.line, d.code) for d in found.errors] == \
        [("members/ada.yml", 3, "avatar-missing")]

    site.write("members/avatars/ada.png", PNG)
    del site.topics["sql"]  # grace.yml is unchanged, but no longer valid
    site._write_config()
    fourth, found = load_community(settings, cache=cache)
    assert fourth is None
    assert [(d.path, d.code) for d in found.errors] == [("members/grace.yml", "unknown-topic")]
