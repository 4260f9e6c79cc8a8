"""The mentoring section: ``/mentoring/`` and the mentoring matches on each profile.

Matching runs once per build (:func:`matching_for`) over listed members only, so an
unlisted person never appears on a page; their existing pairs still use up their
mentor's places. The computation itself is :mod:`~mkdocs_community.derive.matching`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from mkdocs_community.core.build import Build, PageSpec
from mkdocs_community.core.collation import sort_key
from mkdocs_community.core.kept import Identical
from mkdocs_community.core.records.member import Member, language_name
from mkdocs_community.core.settings import today_in
from mkdocs_community.core.wording import counted
from mkdocs_community.derive.matching import Matching, Pair, match
from mkdocs_community.sections.members import Facet, FacetOption, ProfileSection

PROFILE_MATCHES = 3  # how many matches a profile shows each way


def matching_for(build: Build) -> Matching:
    """The build's mentoring market and suggestions (listed members), computed once."""
    return build.once(_match)


def _match(build: Build) -> Matching:
    # Kept from the last build (mkdocs serve) while what matching reads of every member
    # is the same: a name, bio or role edit does not match everyone again.
    members = build.community.members
    on = today_in(build.settings, build.now)
    return build.kept.value("match", "", (on, tuple(map(_matched_fields, members))),
                            partial(match, members, on))


def _matched_fields(member: Member) -> tuple[Any, ...]:
    """Everything :func:`match` reads of a member."""
    return (member.id, member.listed, member.in_memoriam, member.timezone, member.languages,
            member.mentoring)


@dataclass(frozen=True)
class SeekerView:
    """One person looking for a mentor, as the page shows them."""

    member: Member
    needs: tuple[str, ...]
    covered: tuple[str, ...]  # sought topics their current mentors already cover
    mentors: tuple[Member, ...]  # current mentors who are listed
    suggestion: Pair | None
    suggested: Member | None  # the suggested mentor
    why: str  # why there is no suggestion, in words
    status: str  # "suggested", "waiting" or "mentored"


@dataclass(frozen=True)
class PairCard:
    """One suggested pairing as the page shows it: the pair, both people, its reasons."""

    pair: Pair
    mentor: Member
    mentee: Member
    reasons: tuple[str, ...]


def pair_facets(pair: Pair) -> dict[str, list[str]]:
    """The filter values of a pairing's card."""
    return {"topic": list(pair.topics), "language": list(pair.languages)}


def seeker_facets(member: Member, needs: Sequence[str], covered: Sequence[str], status: str
                  ) -> dict[str, list[str]]:
    """The filter values of a seeker's card."""
    return {"topic": list(needs or covered), "language": list(member.languages),
            "status": [status]}


def _facets(values: Sequence[dict[str, list[str]]],
            specs: Sequence[tuple[str, str, str, Callable[[str], str]]]) -> list[Facet]:
    """Facets from (name, label, any-label, option label) specs, labels translated."""
    counts: dict[str, Counter[str]] = {name: Counter() for name, *_ in specs}
    for item in values:
        for name, vals in item.items():
            counts.setdefault(name, Counter()).update(vals)
    facets = []
    for name, label, any_label, option_label in specs:
        items = counts[name]
        ordered = sorted(items, key=lambda v: (-items[v], sort_key(option_label(v))))
        options = tuple(FacetOption(v, option_label(v), items[v]) for v in ordered)
        if options:
            facets.append(Facet(name, label, options, any_label=any_label))
    return facets


def pages(build: Build) -> Iterable[PageSpec]:
    community = build.community
    topics = community.topics
    result = matching_for(build)
    person = community.public_member

    # The cards are fragments (see render.Renderer): each a function of its variables.
    suggestions = [PairCard(p, mentor, mentee, tuple(p.reasons(topics.label, build.lang)))
                   for p in result.suggestions
                   if (mentor := person(p.mentor)) and (mentee := person(p.mentee))]
    suggestions.sort(key=lambda c: (sort_key(c.mentee.sort_name), c.pair.mentee))

    unmatched = {u.mentee: u for u in result.unmatched}
    seekers = []
    for status in result.seekers:
        member = person(status.id)
        if member is None:
            continue
        suggestion = result.suggestion_for(status.id)
        left = unmatched.get(status.id)
        seekers.append(SeekerView(
            member, status.needs,
            tuple(t for t in status.seeks if t not in status.needs),
            tuple(m for m in map(person, status.mentors) if m is not None),
            suggestion, person(suggestion.mentor) if suggestion else None,
            left.explain(topics.label, build.lang) if left else "",
            "suggested" if suggestion else ("waiting" if status.needs else "mentored")))
    seekers.sort(key=lambda s: (sort_key(s.member.sort_name), s.member.id))

    _ = build.lang.gettext
    status_labels = {"suggested": _("Has a suggested mentor"), "waiting": _("Still looking"),
                     "mentored": _("Already mentored")}

    def language_label(tag: str) -> str:
        return language_name(tag, build.lang.code)
    mentors = {m.id: m for m in result.mentors}
    market = [t for t in result.topics if t.mentors or t.unavailable]
    market.sort(key=lambda t: topics.label(t.topic).casefold())
    open_places = sum(m.remaining for m in result.mentors)
    context: dict[str, Any] = {
        "matching": result,
        "person": person,
        "suggestions": suggestions,
        "pair_facets": pair_facets,
        "suggestion_filters": _facets(
            [pair_facets(c.pair) for c in suggestions],
            [("topic", _("Topic"), _("Any topic"), topics.label),
             ("language", _("Language"), _("Any language"), language_label)]),
        "seekers": seekers,
        "waiting": [s for s in seekers if s.status == "waiting"],
        "seeker_facets": seeker_facets,
        "seeker_filters": _facets(
            [seeker_facets(s.member, s.needs, s.covered, s.status) for s in seekers],
            [("topic", _("Topic"), _("Any topic"), topics.label),
             ("language", _("Language"), _("Any language"), language_label),
             ("status", _("Status"), _("Any status"), lambda v: status_labels.get(v, v))]),
        "market": market,
        "mentors": mentors,
        "call": result.call_for_mentors,
        "open_places": open_places,
        "open_mentors": sum(1 for m in result.mentors if m.available),
    }
    yield PageSpec(
        url="mentoring/",
        title=_("Mentoring"),
        template="community/mentoring.html",
        context=context,
        description=_("Peer mentoring in %(name)s: %(numbers)s, with their reasons.") % {
            "name": build.settings.name, "numbers": build.lang.list([
                counted(context["open_mentors"], "%(num)d mentor", "%(num)d mentors",
                        translations=build.lang.translations),
                counted(open_places, "%(num)d open place", "%(num)d open places",
                        translations=build.lang.translations),
                counted(len(seekers), "%(num)d person looking", "%(num)d people looking",
                        translations=build.lang.translations),
                counted(len(suggestions), "%(num)d suggested pairing",
                        "%(num)d suggested pairings", translations=build.lang.translations),
            ])},
        section="mentoring",
        hide=("navigation", "toc"),
    )


def _current(build: Build, ids: Iterable[str]) -> tuple[Member, ...]:
    return tuple(m for m in map(build.community.public_member, ids) if m is not None)


def mentors_section(build: Build, member: Member) -> ProfileSection | None:
    """'Who could mentor <name>': the best open mentors for what they still seek."""
    if not member.listed or not member.seeks_mentoring:
        return None
    result = matching_for(build)
    status = result.seeker(member.id)
    return _pairs_section(
        build, member, "mentor", status.mentors if status else (),
        needs=status.needs if status else ())


def mentees_section(build: Build, member: Member) -> ProfileSection | None:
    """'Who could learn from <name>': the seekers this mentor could help most."""
    if not member.listed or not (member.mentoring and member.mentoring.offers):
        return None
    status = matching_for(build).mentor(member.id)
    return _pairs_section(build, member, "mentee", status.mentees if status else ())


def _pairs_section(build: Build, member: Member, other: str, current_ids: Iterable[str],
                   needs: tuple[str, ...] = ()) -> ProfileSection | None:
    """A profile's mentoring section: current pairings and the best possible ones.

    Under ``mkdocs serve``, kept from the last build while the matching is the very same
    (see :func:`_match`) and so are the records and topic labels the section shows."""
    result = matching_for(build)
    same = Identical(result)
    pairs = build.kept.value(
        f"{other}s-for", member.id, same,
        partial(result.mentors_for if other == "mentor" else result.mentees_for, member.id,
                PROFILE_MATCHES))
    shown = tuple(build.community.public_member(p.mentor if other == "mentor" else p.mentee)
                  for p in pairs)
    current = _current(build, current_ids)
    label = build.community.topics.label
    labels = tuple(label(t) for p in pairs for t in p.topics)
    return build.kept.value(
        f"{other}s-section", member.id, (same, member, build.lang, shown, current, labels),
        partial(_make_pairs_section, build, member, other, pairs, shown, current, needs))


def _make_pairs_section(build: Build, member: Member, other: str, pairs: Sequence[Pair],
                        shown: Sequence[Member | None], current: Sequence[Member],
                        needs: tuple[str, ...]) -> ProfileSection | None:
    """The section from what :func:`_pairs_section` gathered; reads nothing else of the
    build but its language and topic labels."""
    if not pairs and not current:
        return None
    result = matching_for(build)
    lang = build.lang
    if other == "mentor":
        suggested = result.suggestion_for(member.id)
        chosen = (suggested,) if suggested else ()
        title = lang.gettext("Who could mentor %(name)s") % {"name": member.name}
        current_label, order = lang.gettext("Mentored now by"), 60
    else:
        chosen = result.suggested_mentees(member.id)
        title = lang.gettext("Who could learn from %(name)s") % {"name": member.name}
        current_label, order = lang.gettext("Mentoring now"), 61
    # What a profile shows of each pair: the other person (if public), whether it is the
    # suggested pairing, and why they match. Everything the template shows is in here, so
    # the rendered section depends on nothing else (see Renderer's memo).
    label = build.community.topics.label
    matches = [{"member": person, "chosen": pair in chosen, "reasons": pair.explain(label, lang)}
               for pair, person in zip(pairs, shown, strict=True) if person is not None]
    return ProfileSection(
        title=title,
        template="community/profile/mentoring.html",
        context={"matches": matches, "current": list(current),
                 "current_label": current_label, "needs": needs},
        order=order,
    )
