"""The member directory (``/members/``) and one profile page per listed member."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from mkdocs_community.core.build import Build, PageSpec
from mkdocs_community.core.collation import sort_key
from mkdocs_community.core.i18n import N_
from mkdocs_community.core.records.member import STATUS_LABELS, Member, Status, country_name
from mkdocs_community.core.urls import member_url
from mkdocs_community.core.wording import counted
from mkdocs_community.outputs.blocks import Render, int_param
from mkdocs_community.outputs.render import member_summary


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    """One filter of a listing: a name (the URL parameter), a label and its options.

    Labels are in the site's language; ``any_label`` is the select's empty choice ("Any
    topic"), a whole phrase so that each language words it its own way."""

    name: str
    label: str
    options: tuple[FacetOption, ...]
    kind: str = "select"  # "select" or "toggle"
    any_label: str = ""


@dataclass(frozen=True)
class ProfileSection:
    """A block another part of the site adds to a profile (events, groups, ...)."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50


ProfileSectionProvider = Callable[[Build, Member], ProfileSection | None]




def member_topics(member: Member) -> list[str]:
    """Every topic a member can be found by: skills, interests, mentoring offers."""
    offers = member.mentoring.offers if member.mentoring else []
    return list(dict.fromkeys([*member.skills, *offers, *member.interests]))


def status_of(member: Member, build: Build) -> Status:
    """The status shown for a member: alumni once their cohort has ended."""
    if member.is_alumni(dict(build.settings.cohort_ends), build.now.date()):
        return Status.ALUMNI
    return member.status


def facet_values(member: Member, status: Status | None = None) -> dict[str, list[str]]:
    """The filter values a member's directory card carries, per facet name."""
    return {
        "topic": member_topics(member),
        "country": list(member.countries),
        "status": [(status or member.status).value],
        "cohort": list(member.cohorts),
        "role": list(member.role_names),
        "mentor": ["yes"] if member.offers_mentoring else [],
    }


def directory_facets(build: Build, members: Sequence[Member],
                     statuses: Mapping[str, Status] | None = None, *, kept_as: str = ""
                     ) -> list[Facet]:
    """The directory's filters over ``members``; ``statuses``: their statuses by id when
    the caller has them (see :func:`status_of`).

    ``kept_as``: under ``mkdocs serve``, the facets are kept under this name from the last
    build while every member's filter values (each kept while the member and their status
    are the same), the language and the topics are: a name or bio edit counts nothing
    again."""
    values = tuple(
        build.kept.value("facet-values", m.id, (m, status),
                         partial(facet_values, m, status))
        for m in members
        for status in (statuses[m.id] if statuses is not None else status_of(m, build),))
    if not kept_as:
        return _directory_facets(build, values)
    inputs = (values, build.lang, build.kept.same("topics", build.community.topics))
    return build.kept.value("directory-facets", kept_as, inputs,
                            partial(_directory_facets, build, values))


def _directory_facets(build: Build, values: Iterable[dict[str, list[str]]]) -> list[Facet]:
    """The facets from each member's filter values (:func:`facet_values`)."""
    counts: dict[str, Counter[str]] = {}
    for member_values in values:
        for name, found in member_values.items():
            counts.setdefault(name, Counter()).update(found)
    topics = build.community.topics
    _ = build.lang.gettext

    def options(name: str, label: Callable[[str], str], by_count: bool = False):
        items = counts.get(name, Counter())
        ordered = sorted(items, key=(lambda v: (-items[v], sort_key(label(v)))) if by_count
                         else (lambda v: sort_key(label(v))))
        return tuple(FacetOption(v, label(v), items[v]) for v in ordered)

    facets = [
        Facet("topic", _("Topic"), options("topic", topics.label, by_count=True),
              any_label=_("Any topic")),
        Facet("country", _("Country"),
              options("country", lambda c: country_name(c, build.lang.code)),
              any_label=_("Any country")),
        Facet("status", _("Status"), options("status", lambda s: _(STATUS_LABELS.get(s, s))),
              any_label=_("Any status")),
        Facet("cohort", _("Cohort"), options("cohort", str), any_label=_("Any cohort")),
        # Roles are the community's own words (data), shown as written.
        Facet("role", _("Role"), options("role", str.capitalize, by_count=True),
              any_label=_("Any role")),
        Facet("mentor", _("Offers mentoring"),
              options("mentor", lambda _v: _("Offers mentoring")), kind="toggle"),
    ]
    return [f for f in facets if f.options]


def pages(
    build: Build, profile_sections: Iterable[ProfileSectionProvider] = ()
) -> Iterable[PageSpec]:
    """The directory and every listed member's profile. Unlisted members get nothing."""
    community = build.community
    members = sorted(community.listed_members, key=lambda m: (sort_key(m.sort_name), m.id))
    # Kept from the last build (mkdocs serve) while the member, the settings (the cohorts'
    # ends) and the day are the same.
    inputs = (build.kept.same("settings", build.settings), build.now.date())
    statuses = {m.id: build.kept.value("status", m.id, (m, *inputs), partial(status_of, m, build))
                for m in members}
    providers = tuple(profile_sections)

    def listing(url: str, title: str, shown: list[Member], description: str) -> PageSpec:
        alumni_view = url != "members/"
        facets = directory_facets(build, shown, statuses, kept_as=url)
        return PageSpec(
            url=url, title=title, template="community/members.html",
            context={"members": shown, "statuses": statuses, "alumni_view": alumni_view,
                     "facets": [f for f in facets if not (alumni_view and f.name == "status")],
                     "facet_values": facet_values},
            description=description, section="members", search_boost=0.5,
            hide=("navigation", "toc"))

    lang = build.lang
    name = build.settings.name
    # Whole sentences per form: a translation is free to order the clauses.
    yield listing("members/", lang.gettext("Members"), members, counted(
        len(members),
        "The member of %(name)s: what they know, what they are learning, and who offers "
        "mentoring.",
        "The %(num)d people of %(name)s: what they know, what they are learning, and who "
        "offers mentoring.",
        zero=N_("The member directory of %(name)s: what they know, what they are learning, "
                "and who offers mentoring."),
        translations=lang.translations, name=name))
    alumni = [m for m in members if statuses[m.id] is Status.ALUMNI]
    yield listing("members/alumni/", lang.gettext("Alumni"), alumni, counted(
        len(alumni),
        "The alumnus or alumna of %(name)s: people who finished a programme and are still "
        "part of the network.",
        "The %(num)d alumni of %(name)s: people who finished a programme and are still part "
        "of the network.",
        zero=N_("The alumni of %(name)s: people who finished a programme and are still part "
                "of the network."),
        translations=lang.translations, name=name))
    for member in members:
        sections = tuple(sorted(
            (s for s in (provider(build, member) for provider in providers) if s),
            key=lambda s: (s.order, s.title),
        ))
        # Under mkdocs serve, kept from the last build while what it reads is the same
        # (kept sections are the very same objects, and so is an unchanged record).
        status = statuses[member.id]
        yield build.kept.value("member-page", member.id, (member, status, sections, lang, name),
                               partial(_profile, build, member, status, sections))


def _profile(build: Build, member: Member, status: Status,
             sections: Sequence[ProfileSection]) -> PageSpec:
    """A listed member's profile page, with the sections other parts of the site add."""
    lang = build.lang
    name = build.settings.name
    summary = member_summary(member, lang)
    bio = build.texts.plain(member.bio or "", limit=160)
    return PageSpec(
        url=member_url(member.id),
        record=member,
        title=member.name,
        template="community/member.html",
        context={"member": member, "sections": list(sections), "status": status},
        description=" — ".join(p for p in (summary, bio) if p) or
                    lang.gettext("%(member)s in %(name)s") % {"member": member.name,
                                                              "name": name},
        source=member.source,
        section="members",
        image=f"members/avatars/{member.avatar}" if member.avatar else "",
        hide=("toc",),
    )


def newest_members(build: Build, render: Render, params: dict[str, str]) -> str:
    """The people who joined most recently, welcomed on the home page."""
    count = int_param(params, "count", 6)
    members = sorted((m for m in build.community.listed_members
                      if m.joined is not None and not m.in_memoriam),
                     key=lambda m: (m.joined, m.id), reverse=True)[:count]
    return render("community/blocks/newest-members.html", members=members,
                  member_url=member_url)
