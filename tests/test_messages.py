"""Messages a contributor who is not a programmer can act on: the words themselves.

The end-to-end wording is in test_validation.py (a real `community validate`); these
are the pieces, each read with the mistakes people actually make.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from mkdocs_community.core.diagnostics import Diagnostics, plural
from mkdocs_community.core.records.member import language_hint
from mkdocs_community.core.sources import parse_document
from mkdocs_community.core.topics import Topic, Vocabulary, topic_id_for
from mkdocs_community.core.validation import describe_place, ordinal
from mkdocs_community.core.zone_hints import ABBREVIATIONS, CITY_ZONES, offset_minutes, zone_hint


def _problem(text: str) -> tuple[int, int, str, str]:
    diagnostics = Diagnostics()
    parse_document(text, False, "members/x.yml", diagnostics)
    (found,) = list(diagnostics)
    return found.line, found.col, found.message, found.hint


@pytest.mark.parametrize(("text", "line", "col", "words"), [
    # A tab before a key: libyaml says "found character that cannot start any token".
    ("name: A\nlocation:\n\tcity: Pune\n  country: IN\n", 3, 1, "indented with a tab"),
    ("name: A\nlocation:\n  city: Pune\n\tcountry: IN\n", 4, 1, "tab before 'country'"),
    ("name: A\nlocation:\n  \tcity: Pune\n", 3, 3, "tab before 'city'"),
    # Three spaces, then two: indentation, not quoting.
    ("name: A\nlocation:\n   city: Pune\n  country: IN\n", 4, 3,
     "use 2 spaces for each level (line 3 has 3)"),
    ("name: A\nlocation:\n  city: Pune\n   country: IN\n", 4, 4,
     "start 'country:' in the same column as 'city:'"),
    ("mentoring:\n  offers:\n    - python\n   seeks: [x]\n", 4, 4, "(line 4 has 3)"),
    # A line of a bio indented less than the bio.
    ("name: A\nbio: |\n  Line one\n Line two\n", 4, 2,
     "part of the text of 'bio' (which starts on line 2)"),
    # Real quoting problems still get quoting advice.
    ("name: A\nrole: Lead: data team\n", 2, 11, 'e.g. role: "Lead: data team"'),
    ("name:A\njoined: 2025-01\n", 1, 6, "'name:' needs a space after the colon"),
    ("name: A\nskills: [python\njoined: 2025-01\n", 2, 9, "end it with ']'"),
    ('name: "A\njoined: 2025-01\n', 1, 1, "the quotation mark on line 1 is never closed"),
])
def test_yaml_mistakes_are_named(text: str, line: int, col: int, words: str) -> None:
    found_line, found_col, message, hint = _problem(text)
    assert (found_line, found_col) == (line, col)
    assert words in f"{message} {hint}"
    assert "cannot start any token" not in message and "expected key" not in message


def test_indentation_is_not_blamed_on_quotes() -> None:
    _, _, message, hint = _problem("name: A\nlocation:\n   city: Pune\n  country: IN\n")
    assert "quot" not in message + hint
    _, _, message, hint = _problem("name: A\nlocation:\n  city: Pune\n   country: IN\n")
    assert "quot" not in message + hint


def test_a_markdown_record_reports_lines_of_the_file() -> None:
    diagnostics = Diagnostics()
    parse_document("---\ntitle: A\n\tkind: x\n---\nbody\n", True, "events/x.md", diagnostics)
    assert [(d.line, d.col) for d in diagnostics] == [(3, 1)]


@pytest.mark.parametrize(("number", "words"), [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
    (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th"), (1002, "1,002nd")])
def test_ordinals(number: int, words: str) -> None:
    assert ordinal(number) == words


@pytest.mark.parametrize(("loc", "words"), [
    (("skills", 2), "the 3rd skill"),
    (("bio",), "bio"),
    (("location", "country"), "country in location"),
    (("mentoring", "offers", 0), "the 1st topic you offer in mentoring"),
    (("hosts", 1, "url"), "url in the 2nd host"),
    (("widgets", 0), "the 1st entry of 'widgets'"),
    ((), "the file"),
])
def test_positions_read_as_words(loc: tuple, words: str) -> None:
    assert describe_place(loc) == words


def test_count_words_agree() -> None:
    assert [plural(n, "change") for n in (0, 1, 2, 1500)] == \
        ["0 changes", "1 change", "2 changes", "1,500 changes"]
    assert plural(1, "person", "people") == "1 person"
    assert plural(3, "person", "people") == "3 people"


def test_language_names_get_their_code() -> None:
    assert language_hint("Portuguese").startswith("write 'pt', the code for Portuguese")
    assert language_hint("Brazilian Portuguese").startswith("write 'pt-BR'")
    assert language_hint("español").startswith("write 'es', the code for Spanish")
    assert "write the language's short code" in language_hint("xqzv wibble")


@pytest.mark.parametrize(("written", "minutes"), [
    ("GMT+1", 60), ("UTC-5", -300), ("UTC+05:30", 330), ("+0100", 60), ("GMT\u22123", -180),
    ("utc +9", 540), ("Europe/Berlin", None), ("GMT+25", None), ("UTC+1:75", None)])
def test_offsets_people_write(written: str, minutes: int | None) -> None:
    assert offset_minutes(written) == minutes


def test_gmt_plus_one_gets_a_city_and_the_inverted_etc_name() -> None:
    hint = zone_hint("GMT+1")
    assert "'Europe/Berlin'" in hint and "'Etc/GMT-1'" in hint
    assert "reverse the sign" in hint
    # The Etc name given really is an hour ahead of UTC.
    assert ZoneInfo("Etc/GMT-1").utcoffset(dt.datetime(2026, 1, 1)) == dt.timedelta(hours=1)
    assert "Etc/" not in zone_hint("UTC+05:30")  # no whole-hour Etc zone for it
    assert "'America/Los_Angeles'" in zone_hint("PST")
    assert zone_hint("Europe/Berln") == ""


@pytest.mark.parametrize("minutes", sorted(CITY_ZONES))
def test_city_zones_have_the_offset_they_are_suggested_for(minutes: int) -> None:
    """Each suggested city keeps that offset as its standard time (January in the north,
    July in the south), per the time-zone database installed."""
    for name in CITY_ZONES[minutes]:
        tz = ZoneInfo(name)
        standard = {
            int(((tz.utcoffset(d) or dt.timedelta()) - (tz.dst(d) or dt.timedelta()))
                .total_seconds() // 60)
            for d in (dt.datetime(2026, 1, 15), dt.datetime(2026, 7, 15))}
        assert minutes in standard, name


def test_abbreviations_point_at_real_zones() -> None:
    for zones in ABBREVIATIONS.values():
        for name in zones:
            ZoneInfo(name)


def _vocabulary() -> Vocabulary:
    return Vocabulary({
        "kubernetes": Topic("kubernetes", "Kubernetes", aliases=("k8s",)),
        "leadership": Topic("leadership", "Leadership", aliases=("team-lead",)),
        "bioinformatics": Topic("bioinformatics", "Bioinformatics"),
        "python": Topic("python", "Python"),
    }, "content/topics.yml")


def test_only_close_topics_are_suggested() -> None:
    vocabulary = _vocabulary()
    assert vocabulary.suggest("kubernets") == ["kubernetes"]
    assert vocabulary.suggest("pyhton") == ["python"]
    assert vocabulary.suggest("bioinfo") == ["bioinformatics"]  # the start of a longer name
    assert vocabulary.suggest("Tableau") == []  # shares letters with 'team-lead' only
    assert vocabulary.suggest("Docker") == []


def test_an_unknown_topic_says_how_to_add_it() -> None:
    hint = _vocabulary().unknown_hint("Tableau")
    assert hint == ("no topic is spelled like this; if the community should have it, add a "
                    "line 'tableau: Tableau' to content/topics.yml in the same pull request")
    assert "'grant-writing: Grant writing'" in _vocabulary().unknown_hint("grant writing")
    assert "'a-b: \"A: b\"'" in _vocabulary().unknown_hint("A: b")  # quoted for YAML
    assert topic_id_for("Análise de dados") == "analise-de-dados"
    assert topic_id_for("日本語") == ""


def test_plugin_options_cut_at_a_hash_are_found() -> None:
    from mkdocs_community.adapters.mkdocs.config import options_cut_by_comments

    text = (
        "site_name: X\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n"
        "  - search\n"
        "  - community:\n"
        "      timezone: Europe/London           # the site's default time zone\n"
        "      feedback_url: https://forms.example.org/#feedback\n"
        "      channels:\n"
        "        - name: Chat\n"
        "          description: Questions, introductions and #wins. Welcome!\n"
        "        - name: Forum #general\n"
        '          description: "Quoted, so #kept"\n'
        "extra:\n"
        "  note: not ours #skipped\n")
    assert options_cut_by_comments(text) == [
        (12, "description", "Questions, introductions and", "#wins. Welcome!"),
        (13, "name", "Forum", "#general"),
    ]
    assert options_cut_by_comments("plugins: [: broken") == []
