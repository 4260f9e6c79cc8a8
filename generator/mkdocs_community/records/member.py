"""A member profile: ``members/<id>.yml``."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from enum import StrEnum
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Annotated

import langcodes
import pycountry
from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, Field

from ..i18n import N_, language
from .common import (
    HttpsUrl,
    Loc,
    Part,
    Record,
    RecordId,
    TimeZone,
    Topics,
    YearMonth,
    _fail,
    markdown,
    text,
)

AVATAR_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif")
GITHUB_HANDLE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
# A member's id is their file name: their GitHub login in lowercase.
MEMBER_ID = re.compile(r"^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$")
# What the template (members/_template.yml) says until someone fills it in.
PLACEHOLDER_HANDLE = "your-github-handle"
_ORCID = re.compile(r"^(?:https://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")


class Status(StrEnum):
    ACTIVE = "active"
    ALUMNI = "alumni"
    ORGANISER = "organiser"


STATUS_LABELS = {"active": N_("Active"), "alumni": N_("Alumni"), "organiser": N_("Organiser")}


def _country(value: str) -> str:
    code = value.strip().upper()
    if pycountry.countries.get(alpha_2=code) is None:
        found = None
        with contextlib.suppress(LookupError):
            found = pycountry.countries.lookup(value.strip())
        hint = f"write '{found.alpha_2}' for {country_name(found.alpha_2)}" if found else \
            "use the two-letter ISO 3166 code, e.g. 'KE' for Kenya or 'DE' for Germany"
        raise _fail("country", "unknown country code '{value}'", hint, value=value)
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


def _orcid(value: str) -> str:
    match = _ORCID.match(value.strip())
    if not match:
        raise _fail("orcid", "'{value}' is not an ORCID iD",
                    "write it as 0000-0002-1825-0097", value=value)
    digits = match.group(1).replace("-", "")
    total = 0
    for digit in digits[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    if digits[-1] != ("X" if check == 10 else str(check)):
        raise _fail("orcid", "ORCID iD '{value}' has a wrong check digit",
                    "copy it again from your ORCID record; a digit is probably mistyped",
                    value=value)
    return match.group(1)


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
Email = Annotated[str, AfterValidator(_email), Field(max_length=254)]
Orcid = Annotated[str, AfterValidator(_orcid)]
Avatar = Annotated[str, AfterValidator(_avatar)]


class Location(Part):
    """Where someone is, at city level at most: never a street address."""

    city: text(80) | None = None
    region: text(80) | None = None
    country: Country | None = None


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
    linkedin: HttpsUrl | None = None
    mastodon: HttpsUrl | None = None
    bluesky: HttpsUrl | None = None
    gitlab: HttpsUrl | None = None
    scholar: HttpsUrl | None = None
    youtube: HttpsUrl | None = None
    orcid: Orcid | None = None


LINK_LABELS = {
    "website": N_("Website"), "blog": N_("Blog"), "linkedin": "LinkedIn", "mastodon": "Mastodon",
    "bluesky": "Bluesky", "gitlab": "GitLab", "scholar": "Google Scholar",
    "youtube": "YouTube", "orcid": "ORCID",
}


class Member(Record):
    """A person in the community, as they chose to present themselves."""

    name: text(100)
    joined: YearMonth
    pronouns: text(40) | None = None
    name_pronunciation: text(100) | None = None
    name_romanised: text(100) | None = Field(
        None, description="Your name in Latin letters, if you write it in another script "
        "(e.g. 'Kim Seo-yeon' for 김서연): shown beside your name, and people can search "
        "for it")
    github: GithubHandle | None = None
    role: text(120) | None = None
    organisation: text(120) | None = None
    location: Location | None = None
    timezone: TimeZone | None = None
    languages: list[LanguageTag] = Field([], max_length=10)
    bio: markdown(1500) | None = None
    skills: Topics = []
    interests: Topics = []
    mentoring: Mentoring | None = None
    links: Links | None = None
    email: Email | None = None
    email_public: bool = False
    avatar: Avatar | None = None
    cohort: text(40) | None = None
    status: Status = Status.ACTIVE
    listed: bool = True

    def references(self) -> Iterator[tuple[Loc, str, str]]:
        if self.mentoring:
            for i, mentor in enumerate(self.mentoring.mentors):
                yield ("mentoring", "mentors", i), "member", mentor

    @property
    def handle(self) -> str:
        """The member's GitHub login: ``github`` as written, else the file name."""
        return self.github or self.id

    @property
    def sort_name(self) -> str:
        """What the directory sorts by: the name in Latin letters when the member gave it,
        so that 'अनन्या शर्मा (Ananya Sharma)' is among the A's for the site's readers."""
        return self.name_romanised or self.name

    @property
    def country(self) -> str | None:
        return self.location.country if self.location else None

    @property
    def country_name(self) -> str | None:
        return country_name(self.country) if self.country else None

    @property
    def place(self) -> str:
        """"City, Country" as far as the member gave it."""
        return self.place_in("en")

    def place_in(self, in_language: str) -> str:
        """"City, Country" with the country named in ``in_language``."""
        if not self.location:
            return ""
        country = country_name(self.country, in_language) if self.country else None
        parts = [self.location.city, self.location.region, country]
        return ", ".join(p for p in parts if p)

    @property
    def offers_mentoring(self) -> bool:
        return bool(self.mentoring and self.mentoring.offers and self.mentoring.open
                    and self.mentoring.capacity > 0)

    @property
    def seeks_mentoring(self) -> bool:
        return bool(self.mentoring and self.mentoring.seeks)

    @property
    def initials(self) -> str:
        words = [w for w in re_words(self.name) if w]
        if not words:
            return "?"
        if len(words) == 1:
            return words[0][:2].upper() if words[0].isascii() else words[0][:1]
        return (words[0][:1] + words[-1][:1]).upper()

    def is_alumni(self, cohort_ends: dict[str, dt.date], today: dt.date) -> bool:
        """Alumni by their own word, or because their cohort's programme has ended."""
        if self.status is Status.ALUMNI:
            return True
        if self.status is Status.ORGANISER or not self.cohort:
            return False
        end = cohort_ends.get(self.cohort)
        return end is not None and end < today

    @property
    def joined_month(self) -> dt.date:
        return self.joined.replace(day=1)


def re_words(name: str) -> list[str]:
    return re.split(r"[\s\-\u00b7\u30fb]+", name.strip())
