"""The profile form and the "Suggest a change" links, without a browser.

The form's fields, order, help and messages are made from the schema, the member template
and the CLI's validation; these tests hold each against its source (the real template,
the real ``community validate``), and check the GitHub links it and the record pages
make. The browser half (typing, the YAML the page writes, the link it opens) is in
``test_browser.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import FIXED_NOW, REPO, SiteFactory
from mkdocs_community.core import scaffold
from mkdocs_community.core.diagnostics import Diagnostics
from mkdocs_community.core.kinds import kind
from mkdocs_community.core.records.member import Affiliation
from mkdocs_community.core.schema import schema_for
from mkdocs_community.core.settings import Settings
from mkdocs_community.core.topics import load_vocabulary
from mkdocs_community.derive import pick_lists
from mkdocs_community.derive.validation_messages import template, with_value
from mkdocs_community.outputs.github_links import (
    GitHubRepo,
    github_repo,
    suggestion_url,
)
from mkdocs_community.sections import profile_form

EXAMPLE_TOPICS = REPO / "content" / "topics.yml"


def example_vocabulary():
    return load_vocabulary(EXAMPLE_TOPICS, REPO, "content/topics.yml", Diagnostics())


def fill(text: str, values: dict) -> str:
    """What the page's script does with a template (assets/profile-form.js, fill)."""
    def one(found: re.Match[str]) -> str:
        name, comma = found.group(1), found.group(2)
        if name is None:
            return found.group()[0]
        value = values[name]
        return f"{value:,}" if comma else str(value)

    return re.sub(r"\{\{|\}\}|\{(\w+)(:,)?\}", one, text)


# -- the form is the schema, in the template's order, with its help --------------------


def schema_field_names(vocabulary) -> set[str]:
    schema = schema_for(kind("member"), vocabulary)
    return {name for name, node in profile_form._schema_fields(schema, schema)
            if profile_form._resolve(schema, node).get("type") != "object"}


def test_every_schema_field_is_in_the_form_in_the_templates_order():
    vocabulary = example_vocabulary()
    template_text = profile_form.TEMPLATE_PATH.read_text(encoding="utf-8")
    modeline, blocks = profile_form.form_blocks(vocabulary, template_text)
    fields = profile_form.all_fields(blocks)
    names = [f.name for f in fields]
    assert len(names) == len(set(names))
    # Every field is in the form, or listed on the page with what to do instead (only
    # those left out on purpose). Lists of mappings are repeatable groups; the list of
    # places stands for 'location' too (one place is written as 'location').
    left = dict(profile_form.left_out(vocabulary, blocks, "members"))
    lists = {i.name for i in profile_form.file_items(blocks)
             if isinstance(i, profile_form.FieldList)}
    assert lists == {"affiliations", "roles", "locations"}
    as_one_place = {n.replace("locations.", "location.", 1) for n in names
                    if n.startswith("locations.")}
    assert set(names) | set(left) | lists | as_one_place == schema_field_names(vocabulary)
    assert set(left) == set(profile_form.LEFT_OUT) == {"avatar", "mentoring.mentors",
                                                       "memorial"}
    assert "members/avatars/" in left["avatar"]
    assert "written by the maintainers" in left["memorial"]
    assert modeline == template_text.splitlines()[0]
    assert modeline.startswith("# yaml-language-server: $schema=")

    # The order of `community new member`'s file, fields commented out or not.
    written = scaffold.render(kind("member"), "octocat", "members/octocat.yml",
                              dt.date(2026, 12, 1))
    in_template = []
    parents: list[tuple[int, str]] = []
    for line in written.splitlines()[1:]:
        text = line.lstrip("#")[1:] if line.startswith("#") else line
        found = re.match(r"^( *)([a-z_]+):", text)
        if not found:
            continue
        indent = len(found.group(1))
        parents = [(i, k) for i, k in parents if i < indent]
        name = ".".join([k for _, k in parents] + [found.group(2)])
        parents.append((indent, found.group(2)))
        if name in names:
            in_template.append(name)
    assert len(in_template) > 20
    assert [n for n in names if n in in_template] == in_template

    by_name = {f.name: f for f in fields}
    # Required in the file: the name; in each entry of a list, its own required field.
    assert [f.name for f in fields if f.required] == ["name", "affiliations.name",
                                                      "roles.role"]
    assert by_name["available_for"].widget == "choices"
    assert ("in-memoriam", "In memoriam") not in by_name["status"].options  # not for joining
    assert "Your name as you write it, in any script" in by_name["name"].help
    assert by_name["mentoring.capacity"].help == "How many mentees you can take at once"
    assert by_name["pronouns"].example == "she/her"
    assert by_name["links.website"].widget == "url"
    assert by_name["skills"].widget == by_name["mentoring.seeks"].widget == "topics"
    assert by_name["timezone"].widget == "timezone" and by_name["languages"].widget == \
        "languages"
    # A comment above several fields describes each of them.
    shared = next(b for b in blocks if "aliases work" in b.note)
    assert {i.name for i in shared.items} == {"skills", "interests"}
    assert all(i.note_id == shared.note_id for i in shared.items)


def test_repeatable_groups_follow_the_schema_and_the_template():
    vocabulary = example_vocabulary()
    template_text = profile_form.TEMPLATE_PATH.read_text(encoding="utf-8")
    blocks = profile_form.form_blocks(vocabulary, template_text)[1]
    lists = {i.name: i for i in profile_form.file_items(blocks)
             if isinstance(i, profile_form.FieldList)}
    schema = schema_for(kind("member"), vocabulary)
    member = kind("member").model
    for name, group in lists.items():
        assert group.max_items == schema["properties"][name]["maxItems"] == \
            member.model_fields[name].metadata[0].max_length
        item = schema["$defs"][schema["properties"][name]["items"]["$ref"].rsplit("/")[-1]]
        # Every field of an entry, required as the schema says.
        assert {f.name for f in group.fields} == {f"{name}.{k}" for k in item["properties"]}
        assert {f.name for f in group.fields if f.required} == \
            {f"{name}.{k}" for k in item.get("required", ())}
        assert all(f.in_list and f.path[:2] == (name, 0) for f in group.fields)

    affiliations, roles, places = lists["affiliations"], lists["roles"], lists["locations"]
    fields = {f.name: f for g in lists.values() for f in g.fields}
    # The template's order, help and examples ("- {name: University of Oxford, ror: ...}").
    assert [f.name.split(".")[1] for f in affiliations.fields] == \
        ["name", "ror", "role", "url", "current"]
    assert affiliations.help == "Organisations, now and before (a ROR id is optional)."
    assert fields["affiliations.name"].example == "University of Oxford"
    assert fields["affiliations.ror"].example == "052gg0110"
    assert fields["roles.role"].example == "mentor" and fields["roles.cohort"].example == "2026"
    assert fields["affiliations.current"].widget == "checkbox"
    assert fields["affiliations.current"].default is True
    assert fields["affiliations.url"].widget == "url"
    # The roles share the template's comment with available_for: shown once, above both.
    block = next(b for b in blocks if roles in b.items)
    assert block.note.startswith("What you did, and when.") and roles.help == ""
    assert roles.note_id == block.note_id
    # Rules from the schema, never typed again here.
    ror_schema = schema["$defs"]["Affiliation"]["properties"]["ror"]["anyOf"][0]
    assert fields["affiliations.ror"].widget == "ror"
    assert fields["affiliations.ror"].rules["pattern"] == ror_schema["pattern"]
    year = schema["$defs"]["Role"]["properties"]["year"]["anyOf"][0]
    assert fields["roles.year"].widget == "number"
    assert (fields["roles.year"].rules["minimum"], fields["roles.year"].rules["maximum"]) == \
        (year["minimum"], year["maximum"]) == (1900, 2200)
    # One place or several: the list is written as 'location' with one entry, and takes
    # the template's help for 'location'.
    assert places.single == "location" and places.help.startswith("City level at most")
    assert fields["locations.city"].example == "Nairobi"
    assert fields["locations.country"].widget == "country"
    latitude, longitude = fields["locations.latitude"], fields["locations.longitude"]
    assert latitude.widget == longitude.widget == "decimal"
    assert (latitude.rules["minimum"], latitude.rules["maximum"]) == (-90, 90)
    assert (longitude.rules["minimum"], longitude.rules["maximum"]) == (-180, 180)
    assert latitude.rules["pair"] == "locations.longitude"
    assert longitude.rules["pair"] == "locations.latitude"
    assert "about a kilometre" in latitude.help


def test_the_ror_pattern_in_the_schema_is_the_clis_rule():
    """The schema's pattern (for editors and the form) is the rule `_ror` applies, in
    both cases, without a flag JSON Schema cannot carry."""
    pattern = re.compile(Affiliation.model_json_schema()["properties"]["ror"]["anyOf"][0]
                         ["pattern"])
    for written in ("052gg0110", "052GG0110", "https://ror.org/052gg0110",
                    "HTTP://ROR.ORG/052gg0110", "ror.org/052gg0110"):
        assert pattern.match(written), written
        assert Affiliation(name="X", ror=written).ror == "052gg0110"
    for written in ("52gg0110", "052gg011", "052gi0110", "https://ror.org/052gg0110/",
                    "x052gg0110", "052gg0110 x", "０52gg0110", "052gg011٠"):
        assert not pattern.match(written), written


def test_read_template_finds_commented_fields_and_their_comments():
    text = ("# yaml-language-server: $schema=x.json\n"
            "# A header: not a field.\n\n"
            "# Who you are.\nname:\n"
            "# Both optional.\n# role: Analyst\n# pronouns: she/her   # as you like\n\n"
            "# Where.\n# location:\n#   city: Nairobi\n#   country: KE\n"
            "# note: prose that looks like a field\n\n"
            "# Roles.\n# roles:\n#   - {role: mentor, cohort: \"2026\"}\n"
            "#   - {role: speaker, year: 2024, unknown: x}\n")
    known = {("name",), ("role",), ("pronouns",), ("location",), ("location", "city"),
             ("location", "country"), ("roles",), ("roles", "role"), ("roles", "cohort"),
             ("roles", "year")}
    modeline, entries = profile_form.read_template(text, known)
    assert modeline == "# yaml-language-server: $schema=x.json"
    assert [e.path for e in entries] == [("name",), ("role",), ("pronouns",), ("location",),
                                         ("location", "city"), ("location", "country"),
                                         ("roles",), ("roles", "role"), ("roles", "cohort"),
                                         ("roles", "year")]
    # A list's entries give examples of its fields, the first that has one.
    assert [e.example for e in entries[-3:]] == ["mentor", "2026", "2024"]
    assert entries[-1].run == entries[-4].run and entries[-4].note == "Roles."
    name, role, pronouns, location, city, *_ = entries
    assert name.note == "Who you are." and name.run != role.run
    assert role.note == pronouns.note == "Both optional." and role.run == pronouns.run
    assert pronouns.help == "as you like" and pronouns.example == "she/her"
    assert location.note == "Where." and city.example == "Nairobi"


def test_pickers_offer_real_lists_in_the_sites_language():
    countries = dict(pick_lists.countries("en"))
    assert countries["KE"] == "Kenya" and countries["NO"] == "Norway" and len(countries) > 240
    zones = dict(pick_lists.time_zones("en"))
    assert next(iter(zones)) == "UTC"
    assert zones["Africa/Nairobi"] == "Kenya — Nairobi"
    assert zones["America/Argentina/Buenos_Aires"] == "Argentina — Buenos Aires"
    # Canonical names only: the old ones map to them for "use my time zone".
    assert "Asia/Kolkata" in zones and "Asia/Calcutta" not in zones
    assert pick_lists.zone_aliases()["Asia/Calcutta"] == "Asia/Kolkata"
    from zoneinfo import available_timezones

    assert set(zones) <= available_timezones()
    languages = dict(pick_lists.languages("en"))
    assert languages["sw"] == "Swahili" and languages["de"] == "German" and len(languages) > 180
    # In German: German names, sorted as German readers expect.
    assert dict(pick_lists.countries("de"))["DE"] == "Deutschland"
    assert dict(pick_lists.languages("de"))["fr"] == "Französisch"
    german_zones = pick_lists.time_zones("de", "UTC (Koordinierte Weltzeit)")
    assert german_zones[0] == ("UTC", "UTC (Koordinierte Weltzeit)")
    assert dict(german_zones)["Europe/Vienna"] == "Österreich — Wien"
    names = [name for _, name in pick_lists.countries("de")]
    assert names.index("Österreich") < names.index("Polen")


# -- the form says what the CLI says ------------------------------------------------------


MISTAKES = {
    # field: (value written in the file, the placeholders the form fills in)
    "name": ("N" * 101, {"count": 101, "limit": 100, "extra": 1}),
    "pronouns": ("she\u200bher", {}),
    "github": ("https://github.com/ada", {"value": "https://github.com/ada"}),
    "joined": ("2026-13", {"value": "2026-13"}),
    "links.website": ("http://ada.example.org", {"scheme": "http",
                                                 "value": "http://ada.example.org"}),
    "links.blog": ("https://localhost/blog", {"value": "https://localhost/blog"}),
    "links.orcid": ("0000-0002-1825-0098", {"value": "0000-0002-1825-0098"}),
    "links.mastodon": ("https://social.example.org/@ada me",
                       {"value": "https://social.example.org/@ada me"}),
    "email": ("ada.example.org", {"value": "ada.example.org"}),
    "mentoring.capacity": ("25", {}),
    "skills": (["kubernets"], {"value": "kubernets", "suggestions": "'kubernetes'"}),
    "languages": (["zz-!!"], {"value": "zz-!!"}),
}
KEYS = {"name": "too-long", "pronouns": "deceptive", "github": "format", "joined": "invalid",
        "links.website": "url-scheme", "links.blog": "url-host", "links.orcid": "checksum",
        "links.mastodon": "url-spaces", "email": "no-at", "mentoring.capacity": "high",
        "skills": "unknown-near", "languages": "unknown"}


@pytest.mark.slow
def test_the_forms_messages_are_what_validate_says(site: SiteFactory):
    """Each mistake in a file of its own, checked by the real CLI, against the message
    the form made at build time for the same rule."""
    site.write("content/topics.yml", EXAMPLE_TOPICS.read_text(encoding="utf-8"))
    site.topics = yaml.safe_load(EXAMPLE_TOPICS.read_text(encoding="utf-8"))
    files = {}
    for i, (name, (value, _)) in enumerate(MISTAKES.items()):
        data: dict = {"name": "Probe Person", "joined": "2026-01"}
        cursor = data
        *parents, last = name.split(".")
        for part in parents:
            cursor = cursor.setdefault(part, {})
        cursor[last] = value
        member_id = f"mistake-{i}"
        site.write(f"members/{member_id}.yml", yaml.safe_dump(data, allow_unicode=True))
        files[f"members/{member_id}.yml"] = name
    found = {d["path"]: d for d in site.diagnostics()}
    assert set(found) == set(files), found

    settings = Settings(root=site.root, topics_file="content/topics.yml")
    vocabulary = site_vocabulary(site)
    context = {"topics": vocabulary, "settings": settings}
    blocks = profile_form.form_blocks(vocabulary, profile_form.TEMPLATE_PATH.read_text())[1]
    fields = {f.name: f for f in profile_form.all_fields(blocks)}
    for path, name in files.items():
        messages = profile_form.field_messages(fields[name], vocabulary, context)
        message = messages[KEYS[name]]
        if "one" in message:
            message = message["one"]
        values = MISTAKES[name][1]
        said = found[path]
        what = said["message"].partition(": ")[2]
        assert fill(message["text"], values) == what, (name, said)
        assert fill(message["hint"], values) == said["hint"], (name, said)
        assert message["code"] == said["code"]


# A mistake in an entry of a list: (the form's field, its message, the file's list, the
# placeholders the form fills in).
LIST_MISTAKES = [
    ("affiliations.name", "required",
     {"affiliations": [{"name": "Uni"}, {"ror": "052gg0110"}]}, {"nth": "2nd"}),
    ("affiliations.ror", "format", {"affiliations": [{"name": "Uni", "ror": "ror-123"}]},
     {"value": "ror-123"}),
    ("affiliations.ror", "checksum", {"affiliations": [{"name": "Uni", "ror": "052gg0111"}]},
     {"value": "052gg0111"}),
    ("affiliations.url", "url-scheme",
     {"affiliations": [{"name": "Uni", "url": "http://uni.example.org"}]},
     {"scheme": "http", "value": "http://uni.example.org"}),
    ("affiliations.name", "too-long", {"affiliations": [{"name": "U" * 252}]},
     {"count": 252, "limit": 250, "extra": 2}),
    ("roles.role", "required", {"roles": [{"cohort": "2026"}]}, {"nth": "1st"}),
    ("roles.year", "low", {"roles": [{"role": "mentor", "year": 1899}]}, {}),
    ("roles.year", "high", {"roles": [{"role": "mentor", "year": 2201}]}, {}),
    ("roles.year", "whole", {"roles": [{"role": "mentor", "year": "2021.5"}]},
     {"value": "2021.5"}),
    ("locations.latitude", "range",
     {"locations": [{"city": "Quito", "latitude": "-91", "longitude": "-78.5"}]},
     {"value": "-91"}),
    ("locations.longitude", "not-number",
     {"locations": [{"city": "Quito", "latitude": "-0.18", "longitude": "west"}]},
     {"value": "west"}),
    ("locations.longitude", "pair", {"locations": [{"city": "Quito", "latitude": "-0.18"}]},
     {}),
    ("locations", "too-long", {"locations": [{"city": c} for c in "ABCD"]},
     {"count": 4, "limit": 3, "extra": 1}),
    ("affiliations", "too-long", {"affiliations": [{"name": f"U{i}"} for i in range(22)]},
     {"count": 22, "limit": 20, "extra": 2}),
]


@pytest.mark.slow
def test_the_messages_of_repeatable_groups_are_what_validate_says(site: SiteFactory):
    for i, (_, _, data, _) in enumerate(LIST_MISTAKES):
        site.write(f"members/mistake-{i}.yml", yaml.safe_dump(
            {"name": "Probe Person", "joined": "2026-01", **data}, allow_unicode=True))
    found = {d["path"]: d for d in site.diagnostics()}
    assert set(found) == {f"members/mistake-{i}.yml" for i in range(len(LIST_MISTAKES))}, \
        found

    settings = Settings(root=site.root, topics_file="content/topics.yml")
    vocabulary = site_vocabulary(site)
    context = {"topics": vocabulary, "settings": settings}
    blocks = profile_form.form_blocks(vocabulary, profile_form.TEMPLATE_PATH.read_text())[1]
    messages = {}
    for group in profile_form.file_items(blocks):
        if isinstance(group, profile_form.FieldList):
            messages[group.name] = profile_form.list_messages(group, vocabulary, context)
            for f in group.fields:
                messages[f.name] = profile_form.field_messages(
                    f, vocabulary, context, profile_form.entry_required(group))
    for i, (name, key, _, values) in enumerate(LIST_MISTAKES):
        said = found[f"members/mistake-{i}.yml"]
        message = messages[name][key]
        if "one" in message:
            message = message["one" if values["extra"] == 1 else "other"]
        what = said["message"] if said["code"] == "missing-field" else \
            said["message"].partition(": ")[2]
        assert fill(message["text"], values) == what, (name, key, said)
        assert fill(message["hint"], values) == said["hint"] or key == "required", said
        assert message["code"] == said["code"]
    # Where the entry is named, the form fills in its place as the CLI writes it.
    assert messages["roles.role"]["required"]["text"] == \
        "required field 'role in the {nth} role' is missing"


def site_vocabulary(site: SiteFactory):
    return load_vocabulary(site.root / "content/topics.yml", site.root, "content/topics.yml",
                           Diagnostics())


def test_probe_values_reach_entries_of_lists():
    data = {"name": "P", "roles": [{"role": "a"}, {"role": "b"}]}
    assert with_value(data, ("roles", 1, "year"), 2021) == \
        {"name": "P", "roles": [{"role": "a"}, {"role": "b", "year": 2021}]}
    assert with_value(data, ("roles", 0, "role"), None)["roles"] == [{}, {"role": "b"}]
    assert data == {"name": "P", "roles": [{"role": "a"}, {"role": "b"}]}  # a copy


def test_message_templates_keep_braces_and_numbers_apart():
    assert template("has 1,501 characters; the limit is 1,500 {x}", {},
                    {"count": 1501, "limit": 1500}) == \
        "has {count:,} characters; the limit is {limit:,} {{x}}"
    assert template("'zqx y' is not it (got 'zqx')", {"zqx y": "value", "zqx": "scheme"},
                    {}) == "'{value}' is not it (got '{scheme}')"
    assert fill("{{a}} {n:,} {n}", {"n": 1500}) == "{a} 1,500 1500"


# -- links into GitHub -------------------------------------------------------------------


@pytest.mark.parametrize(("repo_url", "edit_base", "expected"), [
    ("https://github.com/open-pathways/community", "https://github.com/open-pathways/"
     "community/edit/main", GitHubRepo("open-pathways", "community", "main")),
    ("https://github.com/o/r.git/", "", GitHubRepo("o", "r", "main")),
    ("https://www.github.com/o/r", "https://www.github.com/o/r/blob/release/2027",
     GitHubRepo("o", "r", "release/2027")),
    ("https://gitlab.com/o/r", "https://gitlab.com/o/r/-/edit/main", None),
    ("http://github.com/o/r", "", None),
    ("https://github.com/o", "", None),
    ("https://github.com/o/r/tree/main", "", None),
    ("https://user@github.com/o/r", "", None),
    ("https://github.com/-o/r", "", None),
    ("", "", None),
])
def test_which_repositories_are_on_github(repo_url, edit_base, expected):
    settings = Settings(root=Path("."), repo_url=repo_url, edit_base=edit_base)
    assert github_repo(settings) == expected


def test_new_file_link_carries_name_and_content():
    repo = GitHubRepo("o", "r", "main")
    content = "# yaml-language-server: $schema=../schemas/member.schema.json\nname: Zoë & Co\n" \
              "bio: |\n  100% *yes* #1 ?x=y\n"
    url = repo.new_file_url("members/zoe.yml", content)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/o/r/new/main")
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query == {"filename": ["members/zoe.yml"], "value": [content]}
    assert parse_qs(urlsplit(repo.new_file_url("members/zoe.yml")).query) == \
        {"filename": ["members/zoe.yml"]}
    assert repo.new_file_in("members") == "https://github.com/o/r/new/main/members"
    assert repo.edit_url("members/zoe.yml") == "https://github.com/o/r/edit/main/members/zoe.yml"


def test_suggestion_names_the_record_and_reaches_its_owners():
    repo = GitHubRepo("o", "r", "main")
    url = suggestion_url(repo, noun="event", name="Data `meetup` @everyone [x](https://evil)",
                         source="events/2026-12-10-meetup.md",
                         page_url="https://example.org/events/2026-12-10-meetup/",
                         owners=["grace", "ada", "grace", "not a login"])
    parts = urlsplit(url)
    assert parts.path == "/o/r/issues/new"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query["title"] == ("Suggested change to the event “Data `meetup` @everyone "
                              "[x](https://evil)” (events/2026-12-10-meetup.md)")
    body = query["body"]
    # The name is a code span: shown as written, never a mention or a link.
    assert "the event ``Data `meetup` @everyone [x](https://evil)``." in body
    assert "[events/2026-12-10-meetup.md](https://github.com/o/r/blob/main/events/" \
           "2026-12-10-meetup.md)" in body
    assert "- Page: https://example.org/events/2026-12-10-meetup/" in body
    assert "### What should change?" in body and "### Why, or where is this from?" in body
    assert body.rstrip().endswith("@grace @ada: this event is yours to change. You can edit "
                                  "the file, or answer here.")
    assert "not a login" not in body
    nobody = suggestion_url(repo, noun="resource", name="R", source="content/resources/r.md",
                            page_url="", owners=[])
    body = parse_qs(urlsplit(nobody).query)["body"][0]
    assert "Page:" not in body and "@" not in body and "A maintainer will pass" in body


# -- in a built site ---------------------------------------------------------------------


class _Config(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.config: dict | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "data-cm-profile-form" in values:
            self.config = json.loads(values["data-cm-profile-form"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def parsed(html: str) -> _Config:
    parser = _Config()
    parser.feed(html)
    return parser


def suggestion_in(html: str) -> dict[str, str]:
    links = [u for u in parsed(html).links if "/issues/new?" in u]
    assert len(links) == 1, links
    return {k: v[0] for k, v in parse_qs(urlsplit(links[0]).query).items()}


@pytest.mark.slow
def test_form_page_and_suggestions_in_a_site(site: SiteFactory):
    site.member("adal", name="Ada Lovelace", github="AdaL")
    site.member("secret-sam", name="Samira Secretname", listed=False)
    site.record("events/2026-12-10-meetup.md", {
        "title": "Data meetup", "format": "online", "kind": "meetup",
        "start": "2026-12-10 19:00", "duration": "2h", "hosts": ["adal", "secret-sam"],
        "location": {"online_url": "https://meet.example.org/m"}}, "Talks.\n")
    site.record("content/resources/sql.md", {
        "title": "SQL guide", "summary": "Queries.", "type": "guide", "level": "beginner",
        "topics": ["sql"],
        "contributed_by": "secret-sam", "added": "2026-01-02"}, "A guide.\n")
    site.build()

    page = site.page("join/profile/")
    config = parsed(page).config
    assert config is not None
    assert config["newFile"] == "https://github.com/example/test/new/main"
    assert config["editFile"] == "https://github.com/example/test/edit/main/members/"
    assert config["membersDir"] == "members" and config["today"] == FIXED_NOW[:7]
    assert config["existing"] == ["adal"]  # listed members only
    assert config["modeline"] == "# yaml-language-server: $schema=../schemas/member.schema.json"
    assert {f["name"] for f in config["fields"]} >= {"name", "github", "skills", "links.orcid"}
    assert config["messages"]["name"]["required"]["text"] == "required field 'name' is missing"
    assert "required" not in config["messages"]["joined"]
    assert [t[0] for t in config["topics"]] == sorted(site.topics)
    # Lists of mappings are repeatable groups, in file order, with the schema's limits.
    groups = {f["name"]: f for f in config["fields"] if f["widget"] == "list"}
    assert {name: (g["rules"]["maxItems"], g["single"]) for name, g in groups.items()} == \
        {"locations": (3, "location"), "affiliations": (20, ""), "roles": (60, "")}
    assert [f["name"] for f in groups["roles"]["fields"]] == \
        ["roles.role", "roles.cohort", "roles.year", "roles.programme"]
    assert config["messages"]["affiliations.ror"]["checksum"]["text"] == \
        "ROR id '{value}' has wrong check digits"
    assert 'data-cm-pf-list="affiliations"' in page and "Add an affiliation" in page
    # Memorial is the maintainers' to write: not in the form, and the page says so.
    assert "<code>memorial</code>: written by the maintainers" in page
    assert 'name="memorial"' not in page
    # Without JavaScript: the manual route, with the template and the guide.
    assert "members/&lt;your-github-handle&gt;.yml" in page
    assert "github: your-github-handle" in page
    assert "https://github.com/example/test/blob/main/CONTRIBUTING.md" in page
    assert "https://github.com/example/test/new/main/members" in page
    assert "Secretname" not in page and "secret-sam" not in page

    profile = suggestion_in(site.page("members/adal/"))
    assert profile["title"] == "Suggested change to the profile “Ada Lovelace” " \
                               "(members/adal.yml)"
    assert "@AdaL: this profile is yours to change" in profile["body"]
    assert "- Page: https://example.org/test/members/adal/" in profile["body"]
    assert "edit/main/members/adal.yml" in site.page("members/adal/")  # the edit link stays
    event = suggestion_in(site.page("events/2026-12-10-meetup/"))
    assert "@AdaL: this event is yours" in event["body"]
    assert "secret" not in event["body"].casefold()  # unlisted hosts are never named
    resource = suggestion_in(site.page("resources/sql/"))
    assert "A maintainer will pass this on" in resource["body"]
    assert "secret" not in json.dumps(resource).casefold()

    assert 'href="../join/profile/"' in site.page("members/")


def with_config(site: SiteFactory, **changes) -> None:
    """Change mkdocs.yml options of ``site`` (None removes one) for its next runs."""
    write = site._write_config

    def changed() -> None:
        write()
        config = yaml.safe_load((site.root / "mkdocs.yml").read_text(encoding="utf-8"))
        for key, value in changes.items():
            if value is None:
                config.pop(key, None)
            else:
                config[key] = value
        site.write("mkdocs.yml", yaml.safe_dump(config, sort_keys=False))

    site._write_config = changed  # type: ignore[method-assign]


@pytest.mark.slow
@pytest.mark.parametrize("repo_url", ["https://codeberg.org/example/test", ""])
def test_a_repository_elsewhere_is_explained(site: SiteFactory, repo_url: str):
    site.member("ada", name="Ada Lovelace")
    with_config(site, repo_url=repo_url, edit_uri=None if not repo_url else "edit/main/content/")
    site.build()
    page = site.page("join/profile/")
    form = parsed(page).config
    assert form["newFile"] == "" and form["editFile"] == ""
    assert "data-cm-pf-open" not in page
    if repo_url:
        assert "repository is not on GitHub" in page and repo_url in page
    else:
        assert "does not say where its repository is" in page
    assert "/issues/new" not in site.page("members/ada/")


@pytest.mark.parametrize(("title", "body"), [
    ("Suggest a change: Zoë & co", "A suggested change to `Zoë`.\n\n- File: [m](x?y=1#z)\n\n"
                                   "### What should change?\n\n\n@ada %20 +plus\u200b\n---"),
    ("", ""),
    ("t", "\n\n\n"),
])
def test_new_issue_links_are_the_query_parse_qs_reads_back(title: str, body: str) -> None:
    """Each line of the body is encoded once and reused; the link still carries exactly
    the title and body given, newlines and all."""
    url = GitHubRepo("owner", "repo", "main").new_issue_url(title, body)
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    assert query == {"title": [title], "body": [body]}
