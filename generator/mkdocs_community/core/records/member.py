"""A member profile: ``members/<id>.yml``."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from enum import StrEnum
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal
from urllib.parse import quote

import langcodes
import pycountry
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)

from mkdocs_community.core.i18n import N_, language
from mkdocs_community.core.records.common import (
    HttpsUrl,
    Loc,
    Part,
    Record,
    RecordId,
    TimeZone,
    Topics,
    YearMonth,
    YearOnly,
    _fail,
    markdown,
    text,
)
from mkdocs_community.core.records.social import (
    Bluesky,
    Codeberg,
    Fediverse,
    GitLab,
    LinkedIn,
    Matrix,
    SocialLink,
    Twitter,
    account_link,
)

AVATAR_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif")
GITHUB_HANDLE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
# A member's id is their file name: their GitHub login in lowercase, or for someone
# without a GitHub account (``github: false``) a slug of their name, up to 80 characters.
MEMBER_ID = re.compile(r"^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,79}$")
MAX_LOGIN = 39  # GitHub logins are at most 39 characters
# What the template (members/_template.yml) says until someone fills it in.
PLACEHOLDER_HANDLE = "your-github-handle"
# Every way people write an ORCID iD: with or without the address (http or https, www
# or not), hyphens or spaces, a lower-case x. Kept as 0000-0002-1825-0097.
_ORCID = re.compile(r"^(?:(?:https?://)?(?:www\.)?orcid\.org/)?(\d{4})[- ]?(\d{4})[- ]?"
                    r"(\d{4})[- ]?(\d{3}[\dXx])/?$", re.ASCII)
# ROR ids: '0', six characters of Crockford's base 32 and two check digits (ISO 7064
# MOD 97-10 of the number the first seven encode).
# Written with both cases rather than a flag, so that the schema's pattern (ECMA-262, which
# has no flags) is the same rule for editors and the profile form.
_ROR = re.compile(r"^(?:(?:[Hh][Tt][Tt][Pp][Ss]?://)?[Rr][Oo][Rr]\.[Oo][Rr][Gg]/)?"
                  r"(0[0-9a-hjkmnp-tv-zA-HJKMNP-TV-Z]{6})([0-9]{2})$")
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


class Status(StrEnum):
    ACTIVE = "active"
    ALUMNI = "alumni"
    ORGANISER = "organiser"
    IN_MEMORIAM = "in-memoriam"


STATUS_LABELS = {"active": N_("Active"), "alumni": N_("Alumni"), "organiser": N_("Organiser"),
                 "in-memoriam": N_("In memoriam")}


class MemberKind(StrEnum):
    """Who a profile is about: a person, or a team or organisation that contributes."""

    PERSON = "person"
    TEAM = "team"
    ORGANISATION = "organisation"


class Availability(StrEnum):
    """What someone is open to be asked for."""

    TEACHING = "teaching"
    MENTORING = "mentoring"
    SPEAKING = "speaking"
    REVIEWING = "reviewing"
    COLLABORATING = "collaborating"


AVAILABILITY_LABELS = {"teaching": N_("Teaching"), "mentoring": N_("Mentoring"),
                       "speaking": N_("Speaking"), "reviewing": N_("Reviewing"),
                       "collaborating": N_("Collaborating")}

# Codes people write that ISO 3166 does not assign (UK is only "exceptionally reserved").
COUNTRY_SYNONYMS = {"UK": "GB", "EL": "GR"}
# English names people still write that ISO 3166 no longer uses (or never did). Only
# exact names: a guess (a fuzzy match) is not a safe repair.
COUNTRY_NAMES = {
    "turkey": "TR", "ivory coast": "CI", "swaziland": "SZ", "cape verde": "CV",
    "democratic republic of the congo": "CD", "dr congo": "CD", "drc": "CD",
    "republic of the congo": "CG", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "great britain": "GB", "holland": "NL", "burma": "MM",
    "east timor": "TL", "the gambia": "GM", "vatican": "VA", "usa": "US", "u.s.a.": "US",
    "u.s.": "US", "united states of america": "US", "the netherlands": "NL",
}


def country_code(written: str) -> str | None:
    """The ISO 3166 alpha-2 code a country is written as (code, alpha-3, name), or None."""
    value = written.strip()
    code = value.upper()
    if code in COUNTRY_SYNONYMS:
        return COUNTRY_SYNONYMS[code]
    if len(code) == 2:
        country = pycountry.countries.get(alpha_2=code)
        return country.alpha_2 if country else None
    if value.casefold() in COUNTRY_NAMES:
        return COUNTRY_NAMES[value.casefold()]
    found = None
    with contextlib.suppress(LookupError):
        found = pycountry.countries.lookup(value)
    return found.alpha_2 if found else None


def _country(value: str) -> str:
    code = value.strip().upper()
    if pycountry.countries.get(alpha_2=code) is None:
        found = country_code(value) if len(value) <= 60 else None
        hint = f"write '{found}' for {country_name(found)} ('community validate --fix' " \
            "does it)" if found else \
            "use the two-letter ISO 3166 code, e.g. 'KE' for Kenya or 'DE' for Germany"
        raise _fail("country", "'{value}' is not a two-letter country code", hint,
                    value=value)
    return code


@lru_cache(maxsize=512)
def country_name(code: str, in_language: str = "en") -> str:
    """The short name of an ISO 3166 country code, as people say it: in English from
    pycountry's common names, in another language from CLDR."""
    if in_language != "en":
        found = language(in_language).locale.territories.get(code)
        if found:
            return found
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def _language(value: str) -> str:
    tag = value.strip()
    if not langcodes.tag_is_valid(tag):
        raise _fail("language", "'{value}' is not a language code",
                    language_hint(tag), value=value)
    return langcodes.standardize_tag(tag)


def language_hint(written: str) -> str:
    """How to write the language someone named ("Portuguese" -> write 'pt')."""
    found = None
    with contextlib.suppress(LookupError, ValueError):
        found = langcodes.find(written[:60])
    if found is not None:
        return (f"write '{found}', the code for {language_name(str(found))}; languages are "
                "written as short codes (BCP 47), e.g. 'en', 'es', 'pt-BR' or 'sw'")
    return "write the language's short code (BCP 47), e.g. 'en', 'es', 'pt-BR' or 'sw'"


@lru_cache(maxsize=256)
def language_name(tag: str, in_language: str = "en") -> str:
    """A language's display name, e.g. 'Portuguese (Brazil)', 'portugués (Brasil)'."""
    return langcodes.Language.get(tag).display_name(in_language)


def _github(value: str) -> str:
    handle = value.strip().removeprefix("@")
    if not GITHUB_HANDLE.match(handle):
        raise _fail("github", "'{value}' is not a GitHub user name",
                    "write only the handle, e.g. 'octocat', not a URL", value=value)
    return handle


# In a mailto: link these start headers ('?cc=', '&bcc=') or change what follows.
_MAILTO_SPECIAL = re.compile(r"[?&%#]")


def _email(value: str) -> str:
    address = value.strip()
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        raise _fail("email", "'{value}' is not an email address: {reason}",
                    "write one address only, e.g. ada@example.org", value=value,
                    reason=str(exc)) from None
    local = address.rpartition("@")[0]
    special = _MAILTO_SPECIAL.search(local)
    if special:
        raise _fail("email", "email address holds '{char}', which would add mail headers "
                    "(such as a hidden Bcc) to the site's mailto: link",
                    "write one plain address, e.g. ada@example.org",
                    char=special.group())
    return address


def canonical_orcid(value: str) -> str | None:
    """An ORCID iD in its canonical form, from any of the ways people write it."""
    match = _ORCID.match(value.strip())
    return "-".join(match.groups()).upper() if match else None


def _orcid(value: str) -> str:
    canonical = canonical_orcid(value)
    if canonical is None:
        raise _fail("orcid", "'{value}' is not an ORCID iD",
                    "write it as 0000-0002-1825-0097", value=value)
    digits = canonical.replace("-", "")
    total = 0
    for digit in digits[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    if digits[-1] != ("X" if check == 10 else str(check)):
        raise _fail("orcid", "ORCID iD '{value}' has a wrong check digit",
                    "copy it again from your ORCID record; a digit is probably mistyped",
                    value=value)
    return canonical


def _ror(value: str) -> str:
    match = _ROR.match(value.strip())
    if not match:
        raise _fail("ror", "'{value}' is not a ROR id",
                    "write the id from ror.org, e.g. 052gg0110 or https://ror.org/052gg0110",
                    value=value)
    body, check = match.group(1).lower(), int(match.group(2))
    number = 0
    for char in body:
        number = number * 32 + _CROCKFORD.index(char)
    if 98 - (number * 100) % 97 != check:
        raise _fail("ror", "ROR id '{value}' has wrong check digits",
                    "copy it again from the organisation's page on ror.org", value=value)
    return body + match.group(2)


def _github_account(value: Any) -> str | Literal[False]:
    # `github: false` (OLS and GTN write it so): this person has no GitHub account.
    # One function rather than a union of the two, so that a mistyped login gets one
    # error (the login's), not one for each branch of the union, named after pydantic's.
    if value is False or (isinstance(value, str) and value.strip().casefold() == "false"):
        return False
    if not isinstance(value, str):
        raise _fail("github", "'{value}' is not a GitHub user name",
                    "write only the handle, e.g. 'octocat', or false", value=str(value))
    return _github(value)


def _avatar(value: str) -> str:
    path = PurePosixPath(value.strip().replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or len(path.parts) != 1:
        raise _fail("avatar-path", "avatar '{value}' must be a file name inside members/avatars/",
                    "put the image in members/avatars/ and give just its name", value=value)
    if path.suffix.lower() not in AVATAR_SUFFIXES:
        raise _fail("avatar-type", "avatar must be a {types} image",
                    "SVG is not accepted because it can carry scripts",
                    types="/".join(s.lstrip(".") for s in AVATAR_SUFFIXES))
    return str(path)


Country = Annotated[str, AfterValidator(_country), Field(min_length=2, max_length=60)]
LanguageTag = Annotated[str, AfterValidator(_language)]
GithubHandle = Annotated[str, AfterValidator(_github)]
# The patterns let editors (and the profile form) check as people type.
Email = Annotated[str, AfterValidator(_email),
                  Field(max_length=254, json_schema_extra={"format": "email"})]
Orcid = Annotated[str, AfterValidator(_orcid), Field(json_schema_extra={
    "pattern": _ORCID.pattern})]
Ror = Annotated[str, AfterValidator(_ror), Field(json_schema_extra={
    "examples": ["052gg0110"], "pattern": _ROR.pattern})]
Avatar = Annotated[str, AfterValidator(_avatar)]
GithubAccount = Annotated[
    str | Literal[False], PlainValidator(_github_account),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": GITHUB_HANDLE.pattern},
                              {"const": False}],
                    "description": "Your GitHub login; false for someone without a GitHub "
                                   "account (their profile is kept by the maintainers)"})]


def _coordinate(limit: float) -> Any:
    def check(value: Any) -> float:
        try:
            number = float(str(value).strip())
        except ValueError:
            raise _fail("coordinate", "'{value}' is not a number", "write e.g. 52.37",
                        value=str(value)) from None
        if not -limit <= number <= limit:
            raise _fail("coordinate", "{value} is outside -{limit} to {limit}",
                        "check the sign and the order of latitude and longitude",
                        value=str(value), limit=limit)
        # City level at most, as the rest of a location: about a kilometre.
        return round(number, 2)
    # The bounds are checked above, in the CLI's words; the schema states them for editors
    # and the profile form.
    return Annotated[float, BeforeValidator(check),
                     Field(json_schema_extra={"minimum": -limit, "maximum": limit})]


class Location(Part):
    """Where someone is, at city level at most: never a street address."""

    city: text(80) | None = None
    region: text(80) | None = None
    country: Country | None = None
    latitude: _coordinate(90) | None = Field(  # type: ignore[valid-type]
        None, description="Rounded to 2 decimals (about a kilometre): city level at most")
    longitude: _coordinate(180) | None = None  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _both(self) -> Location:
        if (self.latitude is None) != (self.longitude is None):
            raise _fail("coordinate", "give both latitude and longitude, or neither")
        return self


class Role(Part):
    """A role someone had: mentor in cohort 4, speaker in 2023, organiser of a programme."""

    role: text(60)
    cohort: text(40) | None = None
    year: int | None = Field(None, ge=1900, le=2200)
    programme: text(100) | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        # "roles: [organiser]" is short for "roles: [{role: organiser}]".
        return {"role": data} if isinstance(data, str) else data

    @property
    def words(self) -> str:
        """'Mentor, OLS-4 (2021)' as far as it is known."""
        when = ", ".join(str(p) for p in (self.programme, self.cohort) if p)
        text = self.role.capitalize() + (f", {when}" if when else "")
        return text + (f" ({self.year})" if self.year else "")


class Affiliation(Part):
    """An organisation someone belongs (or belonged) to."""

    name: text(250)
    ror: Ror | None = None
    role: text(200) | None = None
    url: HttpsUrl | None = None
    current: bool = Field(True, description="Whether you belong to it now (false for a "
                                            "former affiliation)")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data


class Mentoring(Part):
    offers: Topics = []
    seeks: Topics = []
    capacity: int = Field(1, ge=0, le=20, description="How many mentees you can take at once")
    open: bool = Field(True, description="Whether you accept new mentees now")
    mentors: list[RecordId] = Field([], description="Member ids of your current mentors")
    note: text(300) | None = None


class Links(Part):
    website: HttpsUrl | None = None
    blog: HttpsUrl | None = None
    linkedin: LinkedIn | None = None
    mastodon: HttpsUrl | None = None
    fediverse: Fediverse | None = None
    matrix: Matrix | None = None
    bluesky: Bluesky | None = None
    twitter: Twitter | None = None
    gitlab: GitLab | None = None
    codeberg: Codeberg | None = None
    scholar: HttpsUrl | None = None
    youtube: HttpsUrl | None = None
    orcid: Orcid | None = None


LINK_LABELS = {
    "website": N_("Website"), "blog": N_("Blog"), "linkedin": "LinkedIn",
    "mastodon": "Mastodon", "fediverse": "Fediverse", "matrix": "Matrix", "bluesky": "Bluesky",
    "twitter": "X (Twitter)", "gitlab": "GitLab", "codeberg": "Codeberg",
    "scholar": "Google Scholar", "youtube": "YouTube", "orcid": "ORCID",
}


class Member(Record):
    """A person in the community, as they chose to present themselves."""

    name: text(100)
    kind: MemberKind = MemberKind.PERSON
    joined: YearMonth | None = None
    pronouns: text(40) | None = None
    name_pronunciation: text(100) | None = None
    name_romanised: text(100) | None = Field(
        None, description="Your name in Latin letters, if you write it in another script "
        "(e.g. 'Kim Seo-yeon' for 김서연): shown beside your name, and people can search "
        "for it")
    github: GithubAccount | None = None
    role: text(200) | None = None
    organisation: text(250) | None = None
    affiliations: list[Affiliation] = Field([], max_length=20)
    location: Location | None = None
    locations: list[Location] = Field(
        [], max_length=3, description="For someone who lives in more than one place "
                                      "(instead of 'location')")
    timezone: TimeZone | None = None
    languages: list[LanguageTag] = Field([], max_length=10)
    bio: markdown(5000) | None = None
    skills: Topics = []
    interests: Topics = []
    mentoring: Mentoring | None = None
    available_for: list[Availability] = Field([], max_length=5)
    links: Links | None = None
    email: Email | None = None
    email_public: bool = False
    avatar: Avatar | None = None
    cohort: text(40) | None = None
    roles: list[Role] = Field([], max_length=60)
    status: Status = Status.ACTIVE
    memorial: markdown(3000) | None = Field(
        None, description="With status: in-memoriam, a few words in their memory")
    listed: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> Member:
        if self.location is not None and self.locations:
            raise _fail("locations", "give either 'location' or 'locations', not both",
                        "move the one place into the list 'locations'")
        if self.memorial and self.status is not Status.IN_MEMORIAM:
            raise _fail("memorial", "a memorial note goes with 'status: in-memoriam'",
                        "set 'status: in-memoriam', or remove the note")
        return self

    def references(self) -> Iterator[tuple[Loc, str, str]]:
        if self.mentoring:
            for i, mentor in enumerate(self.mentoring.mentors):
                yield ("mentoring", "mentors", i), "member", mentor

    @property
    def has_github(self) -> bool:
        """False for someone marked ``github: false``: the maintainers keep their file."""
        return self.github is not False

    @property
    def handle(self) -> str:
        """The member's GitHub login: ``github`` as written, else the file name; '' for
        someone without a GitHub account."""
        if self.github is False:
            return ""
        return self.github or self.id

    @property
    def sort_name(self) -> str:
        """What the directory sorts by: the name in Latin letters when the member gave it,
        so that 'अनन्या शर्मा (Ananya Sharma)' is among the A's for the site's readers."""
        return self.name_romanised or self.name

    @property
    def github_login(self) -> str | None:
        """The GitHub login the profile shows, or None."""
        return self.github or None

    @property
    def in_memoriam(self) -> bool:
        return self.status is Status.IN_MEMORIAM

    @property
    def places(self) -> tuple[Location, ...]:
        return (self.location,) if self.location else tuple(self.locations)

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.country for p in self.places if p.country))

    @property
    def country(self) -> str | None:
        """The first place's country: ``countries[0]``, found without making the tuple
        (the directory's filters and the insights charts ask 10,000 members each)."""
        if self.location is not None:
            return self.location.country or None
        return next((p.country for p in self.locations if p.country), None)

    @property
    def country_name(self) -> str | None:
        return country_name(self.country) if self.country else None

    @property
    def place(self) -> str:
        """"City, Country" as far as the member gave it; places joined by ' and '."""
        return self.place_in("en")

    def place_in(self, in_language: str) -> str:
        """:attr:`place` with the countries named in ``in_language``."""
        texts = []
        for where in self.places:
            name = country_name(where.country, in_language) if where.country else None
            texts.append(", ".join(p for p in (where.city, where.region, name) if p))
        texts = [t for t in texts if t]
        if in_language == "en":
            return " and ".join(texts)
        return language(in_language).list(texts)

    @property
    def current_affiliations(self) -> tuple[Affiliation, ...]:
        return tuple(a for a in self.affiliations if a.current)

    @property
    def former_affiliations(self) -> tuple[Affiliation, ...]:
        return tuple(a for a in self.affiliations if not a.current)

    @property
    def organisations(self) -> tuple[str, ...]:
        """Where someone is now: ``organisation`` and their current affiliations."""
        names = [self.organisation] if self.organisation else []
        names.extend(a.name for a in self.current_affiliations)
        return tuple(dict.fromkeys(names))

    @property
    def cohorts(self) -> tuple[str, ...]:
        """Every cohort the member was part of: ``cohort`` and their roles'."""
        found = [self.cohort] if self.cohort else []
        found.extend(r.cohort for r in self.roles if r.cohort)
        return tuple(dict.fromkeys(found))

    @property
    def role_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.role.casefold() for r in self.roles))

    @property
    def offers_mentoring(self) -> bool:
        return bool(self.mentoring and self.mentoring.offers and self.mentoring.open
                    and self.mentoring.capacity > 0 and not self.in_memoriam)

    @property
    def seeks_mentoring(self) -> bool:
        return bool(self.mentoring and self.mentoring.seeks and not self.in_memoriam)

    @property
    def joined_year_only(self) -> bool:
        return isinstance(self.joined, YearOnly)

    @property
    def initials(self) -> str:
        words = [w for w in re_words(self.name) if w]
        if not words:
            return "?"
        if len(words) == 1:
            return words[0][:2].upper() if words[0].isascii() else words[0][:1]
        return (words[0][:1] + words[-1][:1]).upper()

    def is_alumni(self, cohort_ends: dict[str, dt.date], today: dt.date) -> bool:
        """Alumni by their own word, or because every programme they were in has ended."""
        if self.status is Status.ALUMNI:
            return True
        if self.status is not Status.ACTIVE or not self.cohorts:
            return False
        ends = [cohort_ends.get(c) for c in self.cohorts]
        return all(end is not None and end < today for end in ends)


def member_links(member: Member) -> list[SocialLink]:
    """Every link a profile shows, in the order of LINK_LABELS (GitHub first)."""
    found = []
    if member.github:
        found.append(SocialLink("github", "GitHub", member.github,
                                "https://github.com/" + quote(member.github)))
    if member.links is None:
        return found
    for key, label in LINK_LABELS.items():
        value = getattr(member.links, key)
        if not value:
            continue
        if key == "orcid":
            found.append(SocialLink(key, label, value, f"https://orcid.org/{value}"))
            continue
        found.append(account_link(key, value) or SocialLink(key, label, "", value))
    return found


def re_words(name: str) -> list[str]:
    return re.split(r"[\s\-\u00b7\u30fb]+", name.strip())
