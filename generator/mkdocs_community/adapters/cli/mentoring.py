"""``community mentoring``: the suggested pairings for programme organisers.

The same computation as the site's ``/mentoring/`` page (same members, same date), as
text for reading, CSV for a spreadsheet, or JSON for tools, including everyone left
without a suggestion and why.

By default only listed members take part, exactly as on the site, so the output can be
shared as freely as the page. ``--include-unlisted`` adds the members who keep their
profile out of the site: organisers can read every file anyway and may want to pair
them too, but that output names people who chose not to be published, so keep it
private. Unlisted people are marked as such in every format.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from mkdocs_community.adapters.cli.common import community_at
from mkdocs_community.core.community import Community
from mkdocs_community.core.neutralise import safe_json, safe_output, write_csv
from mkdocs_community.core.settings import today_in
from mkdocs_community.core.wording import counted
from mkdocs_community.derive.matching import Matching, Pair, Unmatched, match

CSV_FIELDS = ("status", "mentee", "mentee_name", "mentor", "mentor_name", "score", "topics",
              "hours_apart", "shared_languages", "reasons", "codes", "unlisted")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "csv", "json"), default="text",
                   help="text for reading, csv for a spreadsheet, json for tools")
    p.add_argument("--include-unlisted", action="store_true",
                   help="also pair members whose profiles are unlisted (keep the output private)")
    p.add_argument("--now", help="match as of this ISO date-time (default: the site's 'now' "
                                 "option, else today); it fixes summer time for time zones")


def run(args: argparse.Namespace) -> int:
    loaded = community_at(args.config, args.now)
    if loaded is None:
        return 1
    community, now = loaded
    on = today_in(community.settings, now)
    result = match(community.members, on, include_unlisted=args.include_unlisted)
    # Names, notes and topic labels are contributor text: every format escapes them for
    # terminals, CI logs and spreadsheets (neutralise.py).
    if args.format == "json":
        print(safe_json(json.dumps(as_json(community, result, args.include_unlisted), indent=2,
                                   ensure_ascii=False)))
    elif args.format == "csv":
        write_csv(sys.stdout, CSV_FIELDS,
                  ([row[f] for f in CSV_FIELDS] for row in csv_rows(community, result)))
    else:
        print(safe_output(as_text(community, result, args.include_unlisted)))
    return 0


def _name(community: Community, member_id: str) -> str:
    member = community.member(member_id)
    return member.name if member else member_id


def _unlisted(community: Community, *ids: str) -> list[str]:
    return [i for i in ids if (m := community.member(i)) is not None and not m.listed]


def _pair_json(community: Community, pair: Pair) -> dict[str, Any]:
    label = community.topics.label
    return {
        "mentor": pair.mentor, "mentor_name": _name(community, pair.mentor),
        "mentee": pair.mentee, "mentee_name": _name(community, pair.mentee),
        "score": pair.score, "topics": list(pair.topics),
        "hours_apart": pair.hours_apart, "shared_working_hours": pair.shared_hours,
        "shared_languages": list(pair.languages), "reasons": pair.reasons(label),
        "unlisted": _unlisted(community, pair.mentor, pair.mentee),
    }


def _unmatched_json(community: Community, left: Unmatched) -> dict[str, Any]:
    label = community.topics.label
    return {
        "mentee": left.mentee, "mentee_name": _name(community, left.mentee),
        "needs": list(left.needs),
        "why": [{"code": w.code, "topics": list(w.topics), "text": w.explain(label)}
                for w in left.why],
        "unlisted": _unlisted(community, left.mentee),
    }


def as_json(community: Community, result: Matching, include_unlisted: bool) -> dict[str, Any]:
    return {
        "date": result.on.isoformat(),
        "include_unlisted": include_unlisted,
        "total_score": result.total_score,
        "suggestions": [_pair_json(community, p) for p in result.suggestions],
        "unmatched": [_unmatched_json(community, u) for u in result.unmatched],
        "mentors_wanted": [{"topic": t.topic, "looking": len(t.seekers), "places": t.places}
                           for t in result.call_for_mentors],
    }


def csv_rows(community: Community, result: Matching) -> list[dict[str, Any]]:
    label = community.topics.label
    rows = []
    for pair in result.suggestions:
        rows.append({
            "status": "suggested", "mentee": pair.mentee,
            "mentee_name": _name(community, pair.mentee), "mentor": pair.mentor,
            "mentor_name": _name(community, pair.mentor), "score": pair.score,
            "topics": " ".join(pair.topics),
            "hours_apart": "" if pair.hours_apart is None else f"{pair.hours_apart:g}",
            "shared_languages": " ".join(pair.languages), "reasons": pair.explain(label),
            "codes": "", "unlisted": " ".join(_unlisted(community, pair.mentor, pair.mentee)),
        })
    for left in result.unmatched:
        rows.append({
            "status": "unmatched", "mentee": left.mentee,
            "mentee_name": _name(community, left.mentee), "mentor": "", "mentor_name": "",
            "score": "", "topics": " ".join(left.needs), "hours_apart": "",
            "shared_languages": "", "reasons": left.explain(label),
            "codes": " ".join(left.codes), "unlisted": " ".join(_unlisted(community, left.mentee)),
        })
    return rows


def as_text(community: Community, result: Matching, include_unlisted: bool) -> str:
    label = community.topics.label

    def who(member_id: str) -> str:
        mark = " [unlisted]" if _unlisted(community, member_id) else ""
        return f"{_name(community, member_id)} ({member_id}){mark}"

    scope = "every member, unlisted included: keep this private" if include_unlisted \
        else "listed members only, as on the site"
    lines = [f"{community.settings.name}: mentoring on {result.on.isoformat()} ({scope})", ""]
    count = len(result.suggestions)
    lines.append(counted(count, "%(num)d suggested pairing", "%(num)d suggested pairings")
                 + f" (total score {result.total_score:,}):")
    for pair in result.suggestions:
        lines.append(f"  {who(pair.mentor)} could mentor {who(pair.mentee)}  [{pair.score}]")
        lines.append(f"      {pair.explain(label)}")
    if not result.suggestions:
        lines.append("  none")
    lines.append("")
    count = len(result.unmatched)
    lines.append(f"{count} still looking:" if count else "Everyone looking has a suggestion.")
    for left in result.unmatched:
        lines.append(f"  {who(left.mentee)} seeks {', '.join(label(t) for t in left.needs)}")
        lines.append(f"      {left.explain(label)}")
    wanted = result.call_for_mentors
    if wanted:
        lines.append("")
        lines.append("Mentors wanted: " + "; ".join(
            f"{label(t.topic)} ({len(t.seekers)} looking, "
            + counted(t.places, "%(num)d open place", "%(num)d open places") + ")"
            for t in wanted))
    mentors = [m for m in result.mentors if m.available]
    if mentors:
        lines.append("Open places: " + ", ".join(
            f"{_name(community, m.id)} {m.remaining}" for m in mentors))
    return "\n".join(lines)


__all__ = ["arguments", "as_json", "as_text", "csv_rows", "run"]
