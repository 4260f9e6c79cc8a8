"""Presets: the mappings for shapes that need more than renaming fields.

- ``gtn``: the Galaxy Training Network's ``CONTRIBUTORS.yaml`` (a mapping of GitHub login
  to fields; ``github: false`` for people without one; organisation ids in
  ``affiliations``, ``former_affiliations``, an ELIXIR node, ``in_memoriam`` notes,
  ``contact_for_training``, coordinates).
- ``ols``: Open Life Science's ``_data/people.yaml`` (first and last names, free-text
  ``expertise``, country names, ``twitter``, ``mastodon`` as ``user@server`` or
  ``{profile, server}``, staff ``title`` and ``former-titles``). Given the site's folder
  instead of the file, the roles per cohort come along from
  ``_data/<programme>/<cohort>/metadata.yaml`` (experts, possible mentors, organisers,
  facilitators, speakers) and ``projects.yaml`` (participants, mentors).
- ``all-contributors``: ``.all-contributorsrc`` (login, name, profile, contribution types).

Each returns one :class:`Draft` per source record; what a preset does not carry over
is in the loss report like any other field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from mkdocs_community.adapters.importers.mapping import Draft, has_value
from mkdocs_community.adapters.importers.sources import (
    ImportProblem,
    Source,
    SourceRecord,
    read_people,
    read_text,
)
from mkdocs_community.core.records.member import country_code, country_name

# Words that mark a contributor entry as a team or organisation, not a person.
_TEAM_WORDS = re.compile(r"\b(group|team|unit|lab|core team|consortium|network|project|"
                         r"initiative|community|institute)\b", re.I)


def _text(value: Any) -> str:
    return str(value).strip() if has_value(value) else ""


def _is_false(value: Any) -> bool:
    return isinstance(value, str) and value.strip().casefold() in ("false", "no")


def _country(draft: Draft, written: str, source_field: str) -> None:
    """A country as its code where it can be told; someone in two countries ('United
    Kingdom / Ukraine') gets two places; else as written (validation says what to do)."""
    code = country_code(written) if written else None
    parts = [p.strip() for p in re.split(r"[/;]|(?<=\s)and(?=\s)", written) if p.strip()]
    codes = [country_code(p) for p in parts]
    if not code and len(parts) > 1 and all(codes):
        first = draft.data.pop("location", {})
        draft.put("locations", [{**first, "country": codes[0]},
                                *({"country": c} for c in codes[1:])], source_field)
        return
    draft.put("location.country", code or written, source_field)


_PLACEHOLDERS = {"n/a", "na", "none", "-", "no", "nil", "tbd"}
_FEDIVERSE_HOSTS = re.compile(r"(mastodon|fosstodon|\.social|hachyderm|digipres\.club|"
                              r"mstdn|scholar\.social|genomic\.social)", re.I)
_LINKEDIN_SLUG = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+/?$")


def _account(draft: Draft, written: str, source_field: str) -> None:
    """What people typed into a 'Twitter' box: their X handle, or (as the OLS form's
    answers show) a LinkedIn name, a fediverse address or another profile's address."""
    text = re.sub(r"^(twitter|x)\s*:\s*", "", written.strip(), flags=re.I)
    if text.casefold() in _PLACEHOLDERS:
        draft.used.add(source_field)  # "N/A": nothing to carry
        return
    bare = re.sub(r"^https?://", "", text, flags=re.I)
    if "linkedin.com" in bare.lower():
        draft.put("links.linkedin", "https://" + bare.rstrip("/"), source_field)
    elif "gitlab.com" in bare.lower():
        draft.put("links.gitlab", "https://" + bare.rstrip("/"), source_field)
    elif "/" in bare and _FEDIVERSE_HOSTS.search(bare.split("/")[0]):
        draft.put("links.fediverse", "https://" + bare.rstrip("/"), source_field)
    elif _LINKEDIN_SLUG.match(text) and "-" in text:  # X handles have no '-'
        draft.put("links.linkedin", text.rstrip("/"), source_field)
    elif bare != text and not draft.data.get("links", {}).get("website"):
        draft.put("links.website", "https://" + bare, source_field)  # another profile
    else:
        draft.put("links.twitter", text.rstrip("/"), source_field)


def _keyed_by_login(record: SourceRecord) -> Draft:
    """A draft for a source keyed by GitHub login, with ``github: false`` for the people
    who have none (GTN and OLS both do so)."""
    draft = Draft(record)
    if not _is_false(record.fields.get("github")):
        draft.login = record.key
    # Without GitHub the key is still how the source's other files name the person.
    draft.key_id = record.key
    draft.used.add("github")
    return draft


# -- GTN --------------------------------------------------------------------------------

def gtn_drafts(source: Source) -> list[Draft]:
    drafts = []
    for record in source.records:
        f = record.fields
        draft = _keyed_by_login(record)
        name = _text(f.get("name"))
        draft.put("name", name, "name")
        if name and _TEAM_WORDS.search(name) and not _text(f.get("orcid")):
            draft.put("kind", "team")
        draft.put("joined", _text(f.get("joined")), "joined")
        draft.put("email", _text(f.get("email")), "email")
        draft.put("bio", _text(f.get("bio")), "bio")
        for key in ("twitter", "linkedin", "matrix", "orcid", "fediverse"):
            draft.put(f"links.{key}", _text(f.get(key)), key)
        draft.put("links.website", _text(f.get("homepage")), "homepage")
        # Which server software a fediverse account runs changes nothing about its link.
        draft.derivable.add("fediverse_flavor")
        for org in f.get("affiliations") or []:
            draft.append("affiliations", {"name": _text(org)}, "affiliations")
        for org in f.get("former_affiliations") or []:
            draft.append("affiliations", {"name": _text(org), "current": False},
                         "former_affiliations")
        node = _text(f.get("elixir_node"))
        if node:
            code = country_code(node) or node.upper()
            draft.append("affiliations", {"name": f"ELIXIR {country_name(code)}"},
                         "elixir_node")
        if _text(f.get("contact_for_training")).casefold() == "true":
            draft.append("available_for", "teaching", "contact_for_training")
        elif has_value(f.get("contact_for_training")):
            draft.used.add("contact_for_training")  # false: nothing to say
        location = f.get("location")
        if isinstance(location, dict):
            _country(draft, _text(location.get("country")), "location")
            if has_value(location.get("lat")) and has_value(location.get("lon")):
                draft.put("location.latitude", _text(location["lat"]), "location")
                draft.put("location.longitude", _text(location["lon"]), "location")
        memorial = _text(f.get("in_memoriam"))
        if memorial:
            draft.put("status", "in-memoriam", "in_memoriam")
            draft.put("memorial", memorial, "in_memoriam")
        if _text(f.get("halloffame")).casefold() == "no":
            draft.put("listed", False, "halloffame")  # GTN leaves these off its lists
        elif has_value(f.get("halloffame")):
            draft.used.add("halloffame")
        drafts.append(draft)
    return drafts


# -- OLS --------------------------------------------------------------------------------

_COHORT_ROLES = {"experts": "expert", "possible-mentors": "mentor", "organizers": "organiser",
                 "organisers": "organiser", "facilitators": "facilitator",
                 "speakers": "speaker"}
_PROJECT_ROLES = {"participants": "participant", "mentors": "mentor"}
_PROGRAMMES = {"openseeds": "Open Life Science", "nebula": "Nebula"}


def _expertise(value: Any) -> list[str]:
    """Free-text expertise as topics: an entry holding a whole list ('Python, R; SQL')
    becomes its items when each is short; long phrases stay whole."""
    items = []
    for entry in value if isinstance(value, list) else [value]:
        text = " ".join(_text(entry).split())
        if not text:
            continue
        parts = [p.strip() for p in re.split(r";|,\s", text) if p.strip()]
        if len(parts) > 1 and (all(len(p.split()) <= 3 for p in parts) or len(text) > 100):
            items.extend(parts)
        else:
            items.append(text)
    return list(dict.fromkeys(items))


def _mastodon(value: Any) -> str:
    if isinstance(value, dict):
        user, server = _text(value.get("profile")), _text(value.get("server"))
        return f"@{user.lstrip('@')}@{server}" if user and server else ""
    text = _text(value)
    if text and not text.startswith(("http://", "https://")) and "@" in text.lstrip("@"):
        return "@" + text.lstrip("@")
    return text


def _cohort_roles(root: Path) -> dict[str, list[dict[str, Any]]]:
    """Roles per person (by their key in people.yaml) from the cohorts' files."""
    roles: dict[str, list[dict[str, Any]]] = {}
    data_dir = root / "_data"
    for programme_dir in sorted(p for p in data_dir.iterdir() if p.is_dir()):
        programme = _PROGRAMMES.get(programme_dir.name)
        if programme is None:
            continue
        for cohort_dir in sorted(p for p in programme_dir.iterdir() if p.is_dir()):
            cohort = cohort_dir.name.upper()
            year = _cohort_year(cohort_dir)
            for key, role in _cohort_people(cohort_dir):
                entry = {"role": role, "cohort": cohort, "programme": programme}
                if year:
                    entry["year"] = year
                if entry not in roles.setdefault(key, []):
                    roles[key].append(entry)
    return roles


def _load(path: Path) -> Any:
    """A cohort file's data as text values (BaseLoader), or None when it is absent."""
    if not path.is_file():
        return None
    try:
        return yaml.load(read_text(path), Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        raise ImportProblem(f"{path}: not YAML ({exc})") from None


def _cohort_people(cohort_dir: Path) -> Iterator[tuple[str, str]]:
    metadata = _load(cohort_dir / "metadata.yaml") or {}
    if isinstance(metadata, dict):
        for field, role in _COHORT_ROLES.items():
            for key in metadata.get(field) or []:
                if isinstance(key, str):
                    yield key, role
    projects = _load(cohort_dir / "projects.yaml") or []
    for project in projects if isinstance(projects, list) else []:
        if not isinstance(project, dict):
            continue
        for field, role in _PROJECT_ROLES.items():
            for key in project.get(field) or []:
                if isinstance(key, str):
                    yield key, role


def _cohort_year(cohort_dir: Path) -> int | None:
    schedule = _load(cohort_dir / "schedule.yaml")
    if not isinstance(schedule, dict):
        return None
    found = re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", str(schedule.get("timeline") or
                                                      schedule.get("weeks") or ""))
    return int(found.group()[:4]) if found else None


def ols_drafts(source: Source, roles: dict[str, list[dict[str, Any]]] | None = None
               ) -> list[Draft]:
    drafts = []
    for record in source.records:
        f = record.fields
        draft = _keyed_by_login(record)
        name = " ".join(_text(f.get(k)) for k in ("first-name", "last-name") if _text(f.get(k)))
        draft.put("name", name, "first-name", "last-name")
        draft.put("pronouns", _text(f.get("pronouns")), "pronouns")
        draft.put("role", _text(f.get("title")), "title")
        draft.put("organisation", _text(f.get("affiliation")), "affiliation")
        draft.put("location.city", _text(f.get("city")), "city")
        _country(draft, _text(f.get("country")), "country")
        if has_value(f.get("latitude")) and has_value(f.get("longitude")):
            draft.put("location.latitude", _text(f["latitude"]), "latitude")
            draft.put("location.longitude", _text(f["longitude"]), "longitude")
        # The site works these out from the country.
        draft.derivable.update({"country_3", "continent"})
        draft.put("bio", _text(f.get("bio")), "bio")
        for topic in _expertise(f.get("expertise")):
            draft.append("skills", topic, "expertise")
        draft.put("links.website", _text(f.get("website")), "website")
        if _text(f.get("twitter")):
            _account(draft, _text(f.get("twitter")), "twitter")
        draft.put("links.orcid", _text(f.get("orcid")), "orcid")
        draft.put("links.linkedin", _text(f.get("linkedin")).rstrip("/"), "linkedin")
        draft.put("links.fediverse", _mastodon(f.get("mastodon")), "mastodon")
        for title in f.get("former-titles") or []:
            draft.append("roles", {"role": _text(title), "programme": "Open Life Science"},
                         "former-titles")
        for entry in (roles or {}).get(record.key, []):
            draft.append("roles", entry)
        drafts.append(draft)
    return drafts


def read_ols(path: Path) -> tuple[Source, dict[str, list[dict[str, Any]]] | None]:
    """OLS people, from ``people.yaml`` or the site's folder (then with cohort roles)."""
    if path.is_dir():
        people = path / "_data" / "people.yaml"
        if not people.is_file():
            raise ImportProblem(f"{path}: no _data/people.yaml (is it an OLS site?)")
        return read_people(people), _cohort_roles(path)
    return read_people(path), None


# -- all-contributors -------------------------------------------------------------------

def all_contributors_drafts(source: Source) -> list[Draft]:
    drafts = []
    for record in source.records:
        f = record.fields
        draft = Draft(record)
        draft.login = _text(f.get("login"))
        draft.used.add("login")
        draft.put("name", _text(f.get("name")) or draft.login, "name")
        profile = _text(f.get("profile"))
        if profile and not re.match(r"^https?://(www\.)?github\.com/", profile, re.I):
            draft.put("links.website", profile, "profile")
        elif profile:
            draft.used.add("profile")  # the GitHub profile the login already links
        project = _text(f.get("projectName"))
        draft.used.add("projectName")
        for kind in f.get("contributions") or []:
            role = {"role": _text(kind)}
            if project:
                role["programme"] = project
            draft.append("roles", role, "contributions")
        drafts.append(draft)
    return drafts

