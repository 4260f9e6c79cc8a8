"""Community health figures: pure functions of the Community and the build's date.

Every breakdown (by country, time zone, skill, ...) counts listed members only;
unlisted members appear in overall totals and nowhere else, so no figure can single
them out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from zoneinfo import ZoneInfo

from mkdocs_community.core import occurrences
from mkdocs_community.core.build import Build, PageSpec
from mkdocs_community.core.collation import sort_key
from mkdocs_community.core.community import Community
from mkdocs_community.core.i18n import N_, Language, language
from mkdocs_community.core.records.event import FORMAT_LABELS, EventStatus
from mkdocs_community.core.records.group import STATUS_LABELS as GROUP_STATUS_LABELS
from mkdocs_community.core.records.group import GroupStatus
from mkdocs_community.core.records.member import Member, country_name
from mkdocs_community.core.records.spotlight import KIND_LABELS
from mkdocs_community.outputs import charts as svg_charts
from mkdocs_community.outputs.charts import Bar, Chart

REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")
# Region names as shown; the keys stay English (the data and the CLI use them).
REGION_LABELS = {"Africa": N_("Africa"), "Americas": N_("Americas"), "Asia": N_("Asia"),
                 "Europe": N_("Europe"), "Oceania": N_("Oceania"), "Unknown": N_("Unknown")}
# The page shows the site's language; `community report stats` stays English.
ENGLISH = language()
# zone.tab files countries under an ocean for some islands; their continent by UN M49.
_OCEAN_REGIONS = {
    "IS": "Europe", "FO": "Europe", "PT": "Europe", "ES": "Europe", "GB": "Europe",
    "BM": "Americas", "FK": "Americas", "GS": "Americas", "CV": "Africa", "SH": "Africa",
    "MU": "Africa", "SC": "Africa", "KM": "Africa", "MG": "Africa", "RE": "Africa",
    "YT": "Africa", "TF": "Africa", "MV": "Asia", "IO": "Asia", "CX": "Oceania",
    "CC": "Oceania", "AQ": "Oceania", "BV": "Europe", "HM": "Oceania", "SJ": "Europe",
}
_AREA_REGIONS = {"Africa": "Africa", "America": "Americas", "Asia": "Asia", "Europe": "Europe",
                 "Australia": "Oceania", "Pacific": "Oceania", "Arctic": "Europe"}


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    note: str = ""


@lru_cache(maxsize=1)
def _country_regions() -> dict[str, str]:
    table = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    regions: dict[str, str] = {}
    for line in table.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, _coords, zone_name = line.split("\t")[:3]
        area = zone_name.split("/", 1)[0]
        regions.setdefault(code, _OCEAN_REGIONS.get(code) or _AREA_REGIONS.get(area, ""))
    return regions


def region_of(country: str) -> str:
    """The continent (UN M49 region) of an ISO 3166 country code, or ''."""
    return _OCEAN_REGIONS.get(country) or _country_regions().get(country, "")


def add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


MONTHLY_YEARS = 10  # up to this many years of history the growth chart has a point a month


def members_over_time(members: Sequence[Member], today: dt.date, lang: Language = ENGLISH) -> Chart:
    """Cumulative members by month joined (by year for a longer history): every member
    counts, listed or not. One point a month over centuries (``joined: 1900-01``) would
    make the page megabytes; a point a year keeps it to at most a few hundred."""
    _ = lang.gettext
    joined = Counter(m.joined.replace(day=1) for m in members
                     if m.joined is not None and m.joined <= today)
    if not joined:
        return Chart("growth", _("Members over time"), _("No members yet."), (_("Members"),),
                     (), "line")
    first_month = min(joined)
    yearly = (today.year - first_month.year) > MONTHLY_YEARS
    if yearly:
        points = [dt.date(year, 1, 1) for year in range(first_month.year, today.year + 1)]
        per_point = Counter(dt.date(month.year, 1, 1) for month in joined.elements())
    else:
        points, per_point = _months(first_month, today), joined
    total, bars = 0, []
    for point in points:
        total += per_point.get(point, 0)
        key, label = (str(point.year), str(point.year)) if yearly else \
            (point.isoformat()[:7], lang.month(point, "short"))
        bars.append(Bar(key, label, (total,)))
    first, last = bars[0], bars[-1]
    words = {"first": first.values[0], "start": first.label, "last": last.values[0],
             "end": last.label}
    description = (_("Total members by year, from %(first)s in %(start)s to %(last)s in "
                     "%(end)s.") if yearly else
                   _("Total members by month, from %(first)s in %(start)s to %(last)s in "
                     "%(end)s.")) % words
    return Chart("growth", _("Members over time"), description, (_("Members"),),
                 tuple(bars), "line", category=_("Year") if yearly else _("Month"))


def _ranked(
    counts: Counter[str], label: Callable[[str], str], limit: int, other: str = ""
) -> list[Bar]:
    """The ``limit`` largest counts, then (when ``other`` names it) the rest summed."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], sort_key(label(kv[0]))))
    bars = [Bar(key, label(key), (n,)) for key, n in ranked[:limit]]
    rest = sum(n for _k, n in ranked[limit:])
    if rest and other:
        bars.append(Bar("other", f"{other} ({len(ranked) - limit})", (rest,)))
    return bars


def _describe_top(bars: Sequence[Bar], nothing: str, lang: Language) -> str:
    """'Largest: Kenya 4, Germany 3, Brazil 2.', or ``nothing`` when there are no bars."""
    if not bars:
        return nothing
    top = ", ".join(f"{b.label} {b.values[0]}" for b in bars[:3])
    return lang.gettext("Largest: %(top)s.") % {"top": top}


def members_by_country(listed: Sequence[Member], limit: int = 12,
                       lang: Language = ENGLISH) -> Chart:
    _ = lang.gettext
    counts = Counter(m.country for m in listed if m.country)
    bars = _ranked(counts, lambda c: country_name(c, lang.code), limit, _("Other countries"))
    return Chart("countries", _("Members by country"),
                 _describe_top(bars, _("No countries yet."), lang),
                 (_("Members"),), tuple(bars), category=_("Country"))


def members_by_region(listed: Sequence[Member], lang: Language = ENGLISH) -> Chart:
    _ = lang.gettext
    counts = Counter(region_of(m.country) or "Unknown" for m in listed if m.country)
    bars = [Bar(r, _(REGION_LABELS[r]), (counts[r],)) for r in (*REGIONS, "Unknown")
            if counts.get(r)]
    return Chart("regions", _("Members by region"), _describe_top(
        sorted(bars, key=lambda b: -b.values[0]), _("No regions yet."), lang),
        (_("Members"),), tuple(bars), category=_("Region"))


def timezone_spread(listed: Sequence[Member], now: dt.datetime, lang: Language = ENGLISH) -> Chart:
    """Members by their UTC offset at the build's date (DST as it is that day)."""
    offsets: Counter[float] = Counter()
    for member in listed:
        if member.timezone:
            delta = now.astimezone(ZoneInfo(member.timezone)).utcoffset() or dt.timedelta()
            offsets[delta.total_seconds() / 3600] += 1
    bars = tuple(Bar(f"{h:+g}", _offset_label(h), (offsets[h],)) for h in sorted(offsets))
    _ = lang.gettext
    if not bars:
        description = _("No member has given a time zone yet.")
    elif len(bars) == 1:
        description = _("Members by UTC offset on the build date: all at %(offset)s.") % {
            "offset": bars[0].label}
    else:
        description = _("Members by UTC offset on the build date.") + " " + lang.ngettext(
            "Members span %(num)s offset from %(first)s to %(last)s.",
            "Members span %(num)s offsets from %(first)s to %(last)s.", len(bars)) % {
            "num": len(bars), "first": bars[0].label, "last": bars[-1].label}
    return Chart("timezones", _("Time-zone spread"), description, (_("Members"),), bars,
                 "columns", category=_("UTC offset"))


def _offset_label(hours: float) -> str:
    whole = int(hours)
    minutes = round(abs(hours - whole) * 60)
    sign = "+" if hours >= 0 else "−"
    return f"UTC{sign}{abs(whole)}" + (f":{minutes:02d}" if minutes else "")


def top_skills(listed: Sequence[Member], label: Callable[[str], str], limit: int = 12,
               lang: Language = ENGLISH) -> Chart:
    counts = Counter(skill for m in listed for skill in m.skills)
    # No "other" bar: a sum of many different skills says nothing about any of them.
    bars = _ranked(counts, label, limit)
    _ = lang.gettext
    return Chart("skills", _("Top skills"), _describe_top(bars, _("No skills yet."), lang),
                 (_("Members"),), tuple(bars), category=_("Skill"))


def mentoring_supply_demand(
    listed: Sequence[Member], label: Callable[[str], str], limit: int = 12,
    lang: Language = ENGLISH,
) -> Chart:
    """Per topic: members offering mentoring (open) and members seeking it."""
    _ = lang.gettext
    supply = Counter(t for m in listed if m.offers_mentoring for t in m.mentoring.offers)
    demand = Counter(t for m in listed if m.seeks_mentoring for t in m.mentoring.seeks)
    topics = sorted(set(supply) | set(demand),
                    key=lambda t: (-(supply[t] + demand[t]), label(t).casefold()))[:limit]
    bars = tuple(Bar(t, label(t), (supply[t], demand[t])) for t in topics)
    short = [b.label for b in bars if b.values[1] > b.values[0]]
    if not bars:
        description = _("No one offers or seeks mentoring yet.")
    elif short:
        description = _("Topics where more people seek a mentor than offer: %(topics)s.") % {
            "topics": lang.list(short)}
    else:
        description = _("Every sought topic has at least as many mentors.")
    return Chart("mentoring", _("Mentoring supply and demand"), description,
                 (_("Mentors offering"), _("Members seeking")), bars, unit="people",
                 category=_("Topic"))


def count_chart(chart_id: str, title: str, values: Iterable[str], order: Sequence[str],
                labels: dict[str, str], unit: str, category: str = "", *,
                series: str = "", nothing: str = "", lang: Language = ENGLISH) -> Chart:
    """A simple count per category, in a fixed category order. ``labels`` are English
    catalog entries; ``title``, ``category``, ``series`` and ``nothing`` are shown as
    given (already in ``lang``)."""
    counts = Counter(values)
    bars = tuple(Bar(k, lang.gettext(labels.get(k, k)), (counts[k],)) for k in order
                 if counts.get(k))
    return Chart(chart_id, title, _describe_top(sorted(bars, key=lambda b: -b.values[0]),
                                                nothing or f"No {unit} yet.", lang),
                 (series or unit.capitalize(),), bars, unit=unit, category=category)


def events_by_month(
    occurrences: Iterable[tuple[dt.date, str]], formats: dict[str, str], today: dt.date,
    past_months: int = 12, future_months: int = 6, lang: Language = ENGLISH,
) -> Chart:
    """Event occurrences per month, by format, around the build date. ``formats`` maps
    each format to its English label (a catalog entry)."""
    first = add_months(today.replace(day=1), -(past_months - 1))
    last_month = add_months(today.replace(day=1), future_months)
    months = _months(first, last_month)
    counts: Counter[tuple[dt.date, str]] = Counter()
    for day, fmt in occurrences:
        month = day.replace(day=1)
        if first <= month <= last_month:
            counts[(month, fmt)] += 1
    bars = tuple(Bar(m.isoformat()[:7], lang.month(m, "short"),
                     tuple(counts[(m, f)] for f in formats)) for m in months)
    held = sum(sum(b.values) for b in bars if b.key <= today.isoformat()[:7])
    series = tuple(lang.gettext(f) for f in formats.values())
    if not any(sum(b.values) for b in bars):  # an empty chart of 18 months says nothing
        return Chart("events", lang.gettext("Events per month"), lang.ngettext(
            "No event sessions in the last %(num)s month or scheduled ahead yet.",
            "No event sessions in the last %(num)s months or scheduled ahead yet.",
            past_months) % {"num": past_months}, series, (), "columns", unit="events",
            category=lang.gettext("Month"))
    description = lang.ngettext(
        "%(num)s event session in the last %(months)s months; scheduled ones ahead are "
        "included.",
        "%(num)s event sessions in the last %(months)s months; scheduled ones ahead are "
        "included.", held) % {"num": held, "months": past_months}
    return Chart("events", lang.gettext("Events per month"), description, series, bars,
                 "columns", unit="events", category=lang.gettext("Month"))


def headline(community: Community, today: dt.date, events_this_year: int,
             cohort_ends: dict[str, dt.date], lang: Language = ENGLISH) -> list[Figure]:
    members = community.members
    listed = community.listed_members
    alumni = sum(m.is_alumni(cohort_ends, today) for m in members)
    pairs = sum(len(m.mentoring.mentors) for m in members if m.mentoring)
    countries = len({m.country for m in listed if m.country})
    _ = lang.gettext
    return [
        Figure(_("Members"), len(members)),
        Figure(_("Active"), len(members) - alumni,
               _("members in a current programme or organising")),
        Figure(_("Alumni"), alumni, _("still part of the network")),
        Figure(_("Countries"), countries),
        Figure(_("Events in %(year)s") % {"year": today.year}, events_this_year,
               _("sessions held so far this year")),
        Figure(_("Mentoring pairs"), pairs, _("recorded mentor–mentee pairs")),
        Figure(_("Resources shared"), len(community.resources)),
    ]


def _event_days(
    build: Build, since: dt.datetime, until: dt.datetime
) -> Iterator[tuple[dt.date, str]]:
    """(day, format) of every scheduled event occurrence between two instants."""
    for event in build.community.events:
        if event.status is not EventStatus.SCHEDULED:
            continue
        for occurrence in occurrences.occurrences(event, until, since=since):
            if occurrence.start < until:
                yield occurrence.start.date(), event.format_value or "unspecified"


def _counted(member: Member) -> tuple[object, ...]:
    """Everything the charts and figures read of a member (see :func:`_members_counted`)."""
    mentoring = member.mentoring
    return (member.listed, member.joined, type(member.joined), member.country,
            member.timezone, member.skills, member.status, member.cohorts,
            member.in_memoriam, member.offers_mentoring, member.seeks_mentoring,
            (mentoring.offers, mentoring.seeks, len(mentoring.mentors)) if mentoring else None)


def _members_counted(build: Build) -> tuple[tuple[object, ...], ...]:
    """What the insights page reads of every member, each kept from the last build while
    the member is the same (an edited member whose counted fields did not change gives
    an equal tuple): the inputs that keep the member charts and the headline figures."""
    return tuple(build.kept.value("counted", m.id, (m,), partial(_counted, m))
                 for m in build.community.members)


def _member_charts(build: Build, lang: Language) -> list[Chart]:
    community, now = build.community, build.now
    listed = community.listed_members
    label = community.topics.label
    return [
        members_over_time(community.members, now.date(), lang),
        members_by_region(listed, lang),
        members_by_country(listed, lang=lang),
        timezone_spread(listed, now, lang),
        top_skills(listed, label, lang=lang),
        mentoring_supply_demand(listed, label, lang=lang),
    ]


def charts(build: Build, lang: Language = ENGLISH) -> list[Chart]:
    """Every chart of the insights page, in page order."""
    _ = lang.gettext
    community, now = build.community, build.now
    today = now.date()
    year_ago = now - dt.timedelta(days=366)
    ahead = now + dt.timedelta(days=190)
    # The member charts are kept from the last build (mkdocs serve) while what they read
    # of every member, 'now', the language and the topics' labels are the same: a name or
    # bio edit counts nobody again.
    by_members = build.kept.value(
        "member-charts", "",
        (build.once(_members_counted), now, lang, build.kept.same("topics", community.topics)),
        partial(_member_charts, build, lang))
    return [
        *by_members[:4],
        # Kept from the last build (mkdocs serve) while the events, 'now' and the
        # language are: a member's edit does not expand every series again.
        build.kept.value("events-chart", "", (community.events, now, lang), partial(
            events_by_month, _event_days(build, year_ago, ahead),
            {**FORMAT_LABELS, "unspecified": N_("Format not given")}, today, lang=lang)),
        *by_members[4:],
        count_chart("spotlights", _("Spotlights by kind"),
                    (s.kind.value for s in community.spotlights),
                    list(KIND_LABELS), KIND_LABELS, "spotlights", _("Kind"),
                    series=_("Spotlights"), nothing=_("No spotlights yet."), lang=lang),
        count_chart("groups", _("Learning groups by status"),
                    (g.status.value for g in community.groups),
                    [s.value for s in GroupStatus], GROUP_STATUS_LABELS, "groups", _("Status"),
                    series=_("Groups"), nothing=_("No groups yet."), lang=lang),
    ]


def figures(build: Build, lang: Language = ENGLISH) -> list[Figure]:
    """The headline figures, as of the build."""
    now = build.now
    start_of_year = now.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    held = build.kept.value("events-held", "", (build.community.events, now), partial(
        sum, (1 for _ in _event_days(build, start_of_year, now))))
    cohort_ends = dict(build.settings.cohort_ends)
    # Kept like the member charts, while the resources' number is the same too.
    inputs = (build.once(_members_counted), now.date(), held, cohort_ends, lang,
              len(build.community.resources))
    return build.kept.value("headline", "", inputs, partial(
        headline, build.community, now.date(), held, cohort_ends, lang))


def _drawn(build: Build, chart: Chart, direction: str) -> str:
    """The chart's drawings (kept from the last build while the chart is equal)."""
    return build.kept.value("chart-drawing", chart.id, (chart, direction),
                            partial(svg_charts.drawings, chart, direction))


def pages(build: Build) -> Iterable[PageSpec]:
    lang = build.lang
    drawn = [(chart, _drawn(build, chart, lang.direction)) for chart in charts(build, lang)]
    yield PageSpec(
        url="insights/",
        title=lang.gettext("Community insights"),
        template="community/insights.html",
        context={"figures": figures(build, lang), "charts": drawn},
        description=lang.gettext(
            "How %(name)s is doing: members, countries, events, mentoring and more, from the "
            "community's own data.") % {"name": build.settings.name},
        section="insights",
        hide=("navigation",),
    )
