"""``/api/members.json``: the public member directory as data.

Exactly what the profile pages publish, no more: unlisted members are absent, email
appears only when the member set ``email_public`` (and then obfuscated, as on the page),
and the ids of someone's mentors (shown on no page) are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from mkdocs_community.core.build import Asset, Build
from mkdocs_community.core.records.member import Location, Member, country_name
from mkdocs_community.core.safety import obfuscated_email
from mkdocs_community.core.urls import member_url
from mkdocs_community.outputs import feeds
from mkdocs_community.outputs.render import machine_month


def _place(location: Location) -> dict[str, Any]:
    return {"city": location.city, "region": location.region, "country": location.country,
            "country_name": country_name(location.country) if location.country else None,
            "latitude": location.latitude, "longitude": location.longitude}


def member_item(member: Member) -> dict[str, Any]:
    location = member.location
    mentoring = member.mentoring
    links = member.links.model_dump(exclude_none=True) if member.links else {}
    return {
        "id": member.id,
        "name": member.name,
        "pronouns": member.pronouns,
        "name_pronunciation": member.name_pronunciation,
        "name_romanised": member.name_romanised,
        "role": member.role,
        "organisation": member.organisation,
        "kind": member.kind.value,
        "affiliations": [a.model_dump(exclude_none=True) for a in member.affiliations],
        "location": _place(location) if location else None,
        "locations": [_place(p) for p in member.locations],
        "timezone": member.timezone,
        "languages": list(member.languages),
        "bio": member.bio,
        "skills": list(member.skills),
        "interests": list(member.interests),
        "mentoring": {
            "offers": list(mentoring.offers), "seeks": list(mentoring.seeks),
            "open": member.offers_mentoring, "capacity": mentoring.capacity,
            "note": mentoring.note,
        } if mentoring else None,
        "links": links,
        "github": member.github or None,
        "available_for": [a.value for a in member.available_for],
        # Public addresses are published as the profile shows them: obfuscated.
        "email": obfuscated_email(member.email) if member.email and member.email_public
        else None,
        "avatar": f"members/avatars/{member.avatar}" if member.avatar else None,
        "joined": machine_month(member.joined) or None,
        "cohort": member.cohort,
        "roles": [r.model_dump(exclude_none=True) for r in member.roles],
        "status": member.status.value,
        "memorial": member.memorial,
        "page": member_url(member.id),
    }


def assets(build: Build) -> Iterator[Asset]:
    members = build.community.listed_members
    # Under mkdocs serve, each entry is kept from the last build while its record is the
    # same object (an unchanged file): it reads nothing else.
    yield feeds.api_asset(build, "members", [
        build.kept.value("member-item", m.id, (m,), partial(member_item, m)) for m in members])
