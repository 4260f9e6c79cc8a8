"""Accounts elsewhere: each network's handle checked in its own form and linked properly.

People write an account the way the network shows it (``@ada@scholar.social``,
``@ada:matrix.org``, ``ada.bsky.social``, ``@ada`` on X) or paste the address of their
profile. Each type here accepts both, keeps one normal form (a handle where the network
has one, else the https address) and knows the address a link opens. Anything else is a
located error that says which form to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote, urlsplit

from pydantic import AfterValidator, Field

from mkdocs_community.core.records.common import _fail
from mkdocs_community.core.safety import url_problem

# Fediverse: @user@server (Mastodon, Akkoma, Misskey, ...). User names are letters,
# digits, '_', '.', '-' (ActivityPub servers differ; this is what they have in common).
_FEDI_HANDLE = re.compile(r"^@?([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?)@"
                          r"([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)$", re.ASCII)
# Matrix user ids: @localpart:server (the spec's historical character set).
_MATRIX = re.compile(r"^@?([a-z0-9._=/+-]{1,200}):([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+"
                     r"(?::\d{1,5})?)$", re.ASCII)
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.ASCII)
_TWITTER = re.compile(r"^@?([A-Za-z0-9_]{1,15})$", re.ASCII)
_FORGE_USER = re.compile(r"^@?([A-Za-z0-9](?:[A-Za-z0-9._-]{0,253}[A-Za-z0-9])?)$", re.ASCII)
_LINKEDIN_SLUG = re.compile(r"^(?:in/)?([A-Za-z0-9À-ɏ-]{3,100})/?$")


def _https(value: str, field: str, example: str) -> str:
    problem = url_problem(value)
    if problem is not None:
        raise _fail(field, "'{value}' is neither a {what} nor an https address: {detail}",
                    "write e.g. {example}", value=value, what=_WHAT[field], detail=problem[1],
                    example=example)
    return value


_WHAT = {
    "fediverse": "fediverse handle", "matrix": "Matrix id", "bluesky": "Bluesky handle",
    "twitter": "X (Twitter) handle", "linkedin": "LinkedIn profile name",
    "gitlab": "GitLab user name", "codeberg": "Codeberg user name",
}


def _host_path(value: str, hosts: tuple[str, ...], *, country_subdomains: bool = False
               ) -> str | None:
    """The path of an https address on one of ``hosts`` (with or without www., or a
    two-letter country subdomain such as ca.linkedin.com)."""
    if not value.lower().startswith(("https://", "http://")):
        return None
    parts = urlsplit(value)
    host = (parts.hostname or "").removeprefix("www.")
    if country_subdomains and re.match(r"^[a-z]{2}\.", host):
        host = host[3:]
    return parts.path.strip("/") if host in hosts else None


def _fediverse(value: str) -> str:
    written = value.strip()
    match = _FEDI_HANDLE.match(written)
    if match:
        return f"@{match.group(1)}@{match.group(2).lower()}"
    if written.lower().startswith(("https://", "http://")):
        written = "https://" + written.split("://", 1)[1]
        return _https(written, "fediverse", "@ada@scholar.social")
    raise _fail("fediverse", "'{value}' is not a fediverse handle",
                "write it as @name@server, e.g. @ada@scholar.social, or paste the "
                "https address of your profile", value=value)


def _matrix(value: str) -> str:
    match = _MATRIX.match(value.strip())
    if not match:
        raise _fail("matrix", "'{value}' is not a Matrix id",
                    "write it as @name:server, e.g. @ada:matrix.org", value=value)
    return f"@{match.group(1)}:{match.group(2).lower()}"


def _bluesky(value: str) -> str:
    written = value.strip()
    path = _host_path(written, ("bsky.app",))
    if path is not None and path.startswith("profile/"):
        written = path.removeprefix("profile/")
    handle = written.removeprefix("@").lower()
    if _DOMAIN.match(handle):
        return handle
    raise _fail("bluesky", "'{value}' is not a Bluesky handle",
                "write the handle, e.g. ada.bsky.social, or your own domain", value=value)


def _twitter(value: str) -> str:
    written = value.strip()
    path = _host_path(written, ("twitter.com", "x.com", "mobile.twitter.com"))
    if path is not None:
        written = path.split("/")[0]
    match = _TWITTER.match(written)
    if not match:
        raise _fail("twitter", "'{value}' is not an X (Twitter) handle",
                    "write the handle: up to 15 letters, digits or '_', e.g. @ada_l",
                    value=value)
    return match.group(1)


def _linkedin(value: str) -> str:
    written = value.strip()
    if written.lower().startswith(("https://", "http://")):
        path = _host_path(written, ("linkedin.com",), country_subdomains=True)
        if path is None:
            raise _fail("linkedin", "'{value}' is not a LinkedIn address",
                        "paste the address of your profile, e.g. "
                        "https://www.linkedin.com/in/ada-lovelace", value=value)
        return _https("https://www.linkedin.com/" + path, "linkedin",
                      "https://www.linkedin.com/in/ada-lovelace")
    match = _LINKEDIN_SLUG.match(written)
    if not match:
        raise _fail("linkedin", "'{value}' is not a LinkedIn profile name",
                    "write the part after linkedin.com/in/, e.g. ada-lovelace", value=value)
    return "https://www.linkedin.com/in/" + match.group(1)


def _forge(host: str, field: str) -> object:
    def check(value: str) -> str:
        written = value.strip()
        path = _host_path(written, (host,))
        if path is not None:
            written = path.split("/")[0]
        elif written.lower().startswith("https://"):  # a self-hosted instance
            return _https(written, field, f"https://{host}/ada")
        match = _FORGE_USER.match(written)
        if not match or ".." in written:
            raise _fail(field, "'{value}' is not a {what}",
                        "write the user name, e.g. ada, or https://{host}/ada", value=value,
                        what=_WHAT[field], host=host)
        return match.group(1)
    return check


Fediverse = Annotated[str, AfterValidator(_fediverse), Field(
    max_length=300, json_schema_extra={"examples": ["@ada@scholar.social"]})]
Matrix = Annotated[str, AfterValidator(_matrix), Field(
    max_length=260, json_schema_extra={"examples": ["@ada:matrix.org"]})]
Bluesky = Annotated[str, AfterValidator(_bluesky), Field(
    max_length=300, json_schema_extra={"examples": ["ada.bsky.social"]})]
Twitter = Annotated[str, AfterValidator(_twitter), Field(
    max_length=60, json_schema_extra={"examples": ["ada_l"]})]
LinkedIn = Annotated[str, AfterValidator(_linkedin), Field(
    max_length=300, json_schema_extra={"examples": ["ada-lovelace"]})]
GitLab = Annotated[str, AfterValidator(_forge("gitlab.com", "gitlab")), Field(max_length=300)]
Codeberg = Annotated[str, AfterValidator(_forge("codeberg.org", "codeberg")),
                     Field(max_length=300)]


@dataclass(frozen=True)
class SocialLink:
    """One account as a profile shows it: the network, the text and where it links."""

    key: str
    label: str
    text: str
    href: str


def account_link(key: str, value: str) -> SocialLink | None:
    """The link for an account in its normal form (as the types above leave it)."""
    if key == "fediverse":
        match = _FEDI_HANDLE.match(value)
        if match:
            user, server = match.groups()
            return SocialLink(key, "Fediverse", value, f"https://{server}/@{quote(user)}")
        return SocialLink(key, "Fediverse", value, value)
    if key == "matrix":
        return SocialLink(key, "Matrix", value, "https://matrix.to/#/" + quote(value, safe="@:"))
    if key == "bluesky":
        if value.startswith("https://"):  # written before handles were accepted
            return SocialLink(key, "Bluesky", value, value)
        return SocialLink(key, "Bluesky", "@" + value, f"https://bsky.app/profile/{value}")
    if key == "twitter":
        return SocialLink(key, "X (Twitter)", "@" + value, f"https://x.com/{quote(value)}")
    if key == "gitlab" and not value.startswith("https://"):
        return SocialLink(key, "GitLab", value, f"https://gitlab.com/{quote(value)}")
    if key == "codeberg" and not value.startswith("https://"):
        return SocialLink(key, "Codeberg", value, f"https://codeberg.org/{quote(value)}")
    return None
