"""Every kind of bad member file gets a located, actionable diagnostic, all in one run.

One fixture site holds all the broken files at once: that is also the proof that a
run reports every problem together instead of stopping at the first.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SiteFactory

GOOD = "name: Good Person\njoined: 2025-01\n"

# file name -> (content, expected line, expected code, text the message or hint must hold)
CASES: dict[str, tuple[str | bytes, int, str, str]] = {
    "malformed.yml": ("name: Bad\njoined: 2025-01\nskills: [python\n", 4, "yaml-syntax", ""),
    "a-list.yml": ("- name: Bad\n- joined: 2025-01\n", 1, "not-a-mapping", "field: value"),
    "empty.yml": ("# just a comment\n", 1, "empty", "required fields"),
    "typo.yml": (GOOD + "skils: [python]\n", 3, "unknown-field", "did you mean 'skills'?"),
    "wrong-type.yml": (GOOD + "mentoring:\n  capacity: lots\n", 4, "wrong-type", "whole number"),
    "no-name.yml": ("joined: 2025-01\nrole: Analyst\n", 1, "missing-field", "name"),
    "bad-date.yml": ("name: Bad Date\njoined: 2025-13\n", 2, "date", "valid date"),
    "bad-zone.yml": (GOOD + "timezone: Europe/Berln\n", 3, "timezone",
                     "did you mean 'Europe/Berlin'"),
    "bad-topic.yml": (GOOD + "skills: [python, kubernets]\n", 3, "unknown-topic",
                      "did you mean 'kubernetes'? a new topic is added to content/topics.yml"),
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


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_problem_is_located_with_a_hint(reported: list[dict], name: str) -> None:
    _content, line, code, words = CASES[name]
    matches = [d for d in reported if d["path"] == f"members/{name}" and d["code"] == code]
    assert matches, f"no {code} for {name}; got {[d for d in reported if name in d['path']]}"
    found = matches[0]
    assert found["line"] == line
    assert (line == 0) == (found["col"] == 0)
    assert words in found["message"] + " " + found["hint"]


def test_case_only_duplicate_ids(reported: list[dict]) -> None:
    twins = [d for d in reported if "twin" in d["path"].lower()]
    assert {d["code"] for d in twins} >= {"bad-id"} or \
        any(d["code"] == "duplicate-id" for d in twins)


def test_no_traceback_and_every_file_reported_in_text_mode(broken_site: SiteFactory) -> None:
    result = broken_site.validate()
    assert result.returncode == 1
    assert "Traceback" not in result.output
    for name, (_c, line, code, _w) in CASES.items():
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


def test_reading_on_two_cores_finds_the_same(broken_site: SiteFactory) -> None:
    """The helper process that reads half of the files reports exactly what reading
    them all in one process does (including where a broken reference is). The helper
    runs even on a machine with one core (only_if_faster=False), and really read files."""
    from mkdocs_community.cli import load_settings
    from mkdocs_community.community import load_community
    from mkdocs_community.parallel import Sharing

    broken_site._write_config()
    settings = load_settings(str(broken_site.root / "mkdocs.yml"))
    _, alone = load_community(settings)
    sharing = Sharing(only_if_faster=False)
    _, shared = load_community(settings, sharing=sharing)
    assert sharing.shared >= 40  # half of the files were read by the helper
    assert len(alone) >= len(CASES)
    assert list(shared) == list(alone)
    assert any(d.code == "unknown-reference" and d.line == 4 for d in shared)


def test_valid_community_passes(site: SiteFactory) -> None:
    site.member("ada", name="Ada", skills=["JS", "public speaking"], timezone="Asia/Kolkata",
                location={"country": "NO"}, cohort=2024)
    result = site.validate()
    assert result.returncode == 0, result.output
    assert "1 members" in result.stderr or "1 member" in result.stderr


def test_norway_and_times_stay_text(tmp_path: Path) -> None:
    """YAML 1.1 would read NO as false and 18:00 as 1080; the models decide types instead."""
    from mkdocs_community.diagnostics import Diagnostics
    from mkdocs_community.sources import parse_yaml

    doc = parse_yaml("country: NO\ntime: 18:00\nflag: yes\nempty:\n", "x.yml", Diagnostics())
    assert doc.data == {"country": "NO", "time": "18:00", "flag": "yes", "empty": None}
    assert doc.locate(("time",)) == (2, 7)
    assert doc.locate(("time",), key=True) == (2, 1)


def test_a_load_cache_reuses_only_what_is_unchanged(site: SiteFactory) -> None:
    """`mkdocs serve` keeps a LoadCache between rebuilds: unchanged files are not
    validated again, and everything that changed (a file, the topics, an image a
    record points at) is seen."""
    from test_seo import PNG

    from mkdocs_community.cli import load_settings
    from mkdocs_community.community import LoadCache, load_community

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
