"""The ``community`` command: validate, scaffold and describe a community's files.

An adapter like the plugin: it reads the same options from ``mkdocs.yml`` and
calls the same core, so ``community validate`` and ``mkdocs build`` never disagree.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mkdocs_community.adapters.cli import importing as import_cli
from mkdocs_community.adapters.cli import mentoring as mentoring_cli
from mkdocs_community.adapters.cli.common import (
    community_at,
    load_all,
    load_settings,
    say,
    say_json,
)
from mkdocs_community.adapters.pullrequest import git as pullrequest
from mkdocs_community.core import fixes, scaffold, schema
from mkdocs_community.core.build import Build
from mkdocs_community.core.community import Community
from mkdocs_community.core.diagnostics import Diagnostics, format_diagnostics, plural, summary
from mkdocs_community.core.kinds import KINDS, kind
from mkdocs_community.core.neutralise import write_csv
from mkdocs_community.core.settings import Settings
from mkdocs_community.core.sources import read_text
from mkdocs_community.core.topics import load_vocabulary
from mkdocs_community.core.wording import counted, listing
from mkdocs_community.derive.stale import HistoryError, last_changes, stale_profiles
from mkdocs_community.outputs.blocks import source_problems
from mkdocs_community.sections import insights
from mkdocs_community.sections.site import BLOCKS


@dataclass(frozen=True)
class Command:
    """A subcommand: its name, one line of help, its arguments and what it runs."""

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def page_markers(settings: Settings, diagnostics: Diagnostics) -> None:
    """Block markers in the site's own pages: what the build would refuse, found now."""
    pages = settings.path(settings.content_dir)
    records = [settings.path(kind.folder(settings)) for kind in KINDS]
    if not pages.is_dir():
        return
    for file in sorted(pages.rglob("*.md")):
        if any(file.is_relative_to(folder) for folder in records):
            continue
        display = file.relative_to(settings.root).as_posix()
        text = read_text(file, pages, display, diagnostics, settings.max_file_bytes)
        if text is None or "community:" not in text:
            continue
        for line, col, problem in source_problems(text, BLOCKS):
            report = diagnostics.warning if problem.severity == "warning" else diagnostics.error
            report(display, line, col, problem.code, problem.message, problem.hint)


def validate(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    if args.fix:
        repairs = fixes.fix_files(settings, fixes.load_topics(settings))
        for r in repairs:
            shown = f"'{r.before}' -> '{r.after}'" if r.before or r.after else ""
            say(f"{r.path}:{r.line}:{r.col}: fixed {r.field}: {r.why}"
                + (f" ({shown})" if shown else ""), sys.stderr)
        say(f"community: {len(repairs)} repair{'s' if len(repairs) != 1 else ''} made",
            sys.stderr)
    community, diagnostics = load_all(settings)
    page_markers(settings, diagnostics)
    shown = _only_paths(diagnostics, args.paths, settings) if args.paths else diagnostics
    output = format_diagnostics(shown, args.format)
    if output:
        print(output)
    if args.format == "text":
        if args.paths:
            selected = Diagnostics()
            selected.extend(shown)
            say(f"community: {summary(selected)} in the given files", sys.stderr)
        elif community is not None:
            counts = listing((counted(len(records), *_record_nouns(plural))
                              for plural, records in community.records.items() if records),
                             empty="no records yet")
            say(f"community: {counts}; {summary(diagnostics)}", sys.stderr)
            if not any(community.records.values()):
                say("Start with 'community new member <your-github-handle>' (every kind: "
                    "'community new --help').", sys.stderr)
        else:
            say(f"community: {summary(diagnostics)}", sys.stderr)
    failed = any(d.severity == "error" for d in shown) or (not args.paths and community is None)
    return 1 if failed else 0


# Each kind's count as a message pair for ngettext (see wording.py).
RECORD_NOUNS = {
    "members": ("%(num)d member", "%(num)d members"),
    "events": ("%(num)d event", "%(num)d events"),
    "resources": ("%(num)d resource", "%(num)d resources"),
    "spotlights": ("%(num)d spotlight", "%(num)d spotlights"),
    "groups": ("%(num)d group", "%(num)d groups"),
    "goals": ("%(num)d goal", "%(num)d goals"),
}


def _record_nouns(plural: str) -> tuple[str, str]:
    """The count messages of a record kind, by its plural name."""
    if plural in RECORD_NOUNS:
        return RECORD_NOUNS[plural]
    found = kind(plural)
    return f"%(num)d {found.name}", f"%(num)d {found.plural}"


def _only_paths(diagnostics: Diagnostics, paths: Sequence[str], settings: Settings) -> list:
    wanted = set()
    for p in paths:
        resolved = Path(p).resolve()
        wanted.add(resolved.relative_to(settings.root).as_posix()
                   if resolved.is_relative_to(settings.root) else p)
    return [d for d in diagnostics if d.path in wanted]


def new(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    try:
        path = scaffold.write_new(settings, args.kind, args.name, today=dt.date.today())
    except scaffold.ScaffoldError as exc:
        say(f"community: {exc}", sys.stderr)
        return 1
    say(f"Created {path.relative_to(settings.root).as_posix()}: fill it in, then run "
        "'community validate'.")
    record_kind = kind(args.kind)
    if scaffold.uses_schema(record_kind) and \
            not settings.path(scaffold.SCHEMAS).joinpath(
                f"{record_kind.name}.schema.json").exists():
        # The new file names its JSON Schema for the editor: make sure it is there.
        try:
            schema.write_schemas(settings.path(scaffold.SCHEMAS), _vocabulary(settings),
                                 settings.root)
        except (schema.SchemaError, OSError) as exc:
            say(f"community: the JSON Schemas for editors were not written: {exc}",
                sys.stderr)
        else:
            say(f"Wrote the JSON Schemas your editor checks it with to {scaffold.SCHEMAS}/ "
                "('community schema' writes them again after topics change).")
    return 0


def write_schemas(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    community_topics = _vocabulary(settings)
    try:
        written = schema.write_schemas(settings.path(args.out), community_topics,
                                       settings.root)
    except (schema.SchemaError, OSError) as exc:
        say(f"community schema: {exc}", sys.stderr)
        return 1
    for path in written:
        say(path.relative_to(settings.root).as_posix()
            if path.is_relative_to(settings.root) else str(path))
    return 0


def _vocabulary(settings: Settings):
    diagnostics = Diagnostics()
    vocabulary = load_vocabulary(settings.path(settings.topics_file), settings.root,
                                 settings.topics_file, diagnostics,
                                 required=not settings.topics_optional)
    if diagnostics.has_errors:
        print(format_diagnostics(diagnostics), file=sys.stderr)  # escaped by format_text
    return vocabulary


def report(args: argparse.Namespace) -> int:
    """Figures for maintainers: community health (stats) or profiles gone stale."""
    loaded = community_at(args.config, args.now)
    if loaded is None:
        return 1
    community, now = loaded
    if args.report == "stats":
        return _report_stats(community, now, args.format)
    return _report_stale(community, now, args)


def _report_stats(community: Community, now: dt.datetime, fmt: str) -> int:
    build = Build(community, now)
    figures, charts = insights.figures(build), insights.charts(build)
    if fmt == "json":
        say_json({
            "as_of": now.isoformat(),
            "figures": {f.label: f.value for f in figures},
            "charts": {c.id: {"title": c.title, "series": list(c.series),
                              "rows": [{"key": b.key, "label": b.label, "values": list(b.values)}
                                       for b in c.bars]} for c in charts},
        })
        return 0
    rows = [["chart", "key", "label", "series", "value"]]
    rows.extend(["figure", "", f.label, "", str(f.value)] for f in figures)
    for chart in charts:
        for bar in chart.bars:
            rows.extend([chart.id, bar.key, bar.label, name, str(v)]
                        for name, v in zip(chart.series, bar.values, strict=True))
    if fmt == "csv":
        # Bar labels are topic labels and such: no spreadsheet formula (neutralise.py).
        write_csv(sys.stdout, rows[0], rows[1:])
        return 0
    lines = [f"{community.settings.name}, as of {now.date().isoformat()}"]
    width = max(len(f.label) for f in figures)
    lines.extend(f"  {figure.label:<{width}}  {figure.value:>7,}" for figure in figures)
    for chart in charts:
        lines.extend(["", chart.title])
        for bar in chart.bars:
            values = ", ".join(f"{name.lower()} {v}" if len(chart.series) > 1 else str(v)
                               for name, v in zip(chart.series, bar.values, strict=True))
            lines.append(f"  {bar.label}: {values}")
    say("\n".join(lines))
    return 0


def _report_stale(community: Community, now: dt.datetime, args: argparse.Namespace) -> int:
    settings = community.settings
    try:
        changes = last_changes(settings.root, settings.members_dir)
    except HistoryError as exc:
        say(f"community: cannot read git history: {exc}", sys.stderr)
        return 1
    members = community.members if args.include_unlisted else community.listed_members
    stale = stale_profiles(members, changes, now, args.months)
    if args.format == "json":
        say_json([{"id": s.member_id, "path": s.path, "github": s.github,
                   "last_change": s.last_change.isoformat(), "months": s.months}
                  for s in stale])
    elif args.format == "csv":
        write_csv(sys.stdout, ["id", "path", "github", "last_change", "months"],
                  ([s.member_id, s.path, s.github, s.last_change.date().isoformat(), s.months]
                   for s in stale))
    else:
        if not stale:
            say(f"No profile is {plural(args.months, 'month')} or more old.")
        for s in stale:
            owner = f"@{s.github}" if s.github else "(no GitHub handle)"
            say(f"{s.path}  {owner}  last changed {s.last_change.date().isoformat()} "
                f"({plural(s.months, 'month')} ago)")
        say(f"community: {len(stale):,} of {plural(len(members), 'profile')} not updated "
            f"in {plural(args.months, 'month')}", sys.stderr)
    return 0


def _report_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("report", choices=("stats", "stale"),
                   help="stats: the insights figures; stale: profiles not updated lately")
    p.add_argument("--months", type=int, default=12,
                   help="stale: how many months without a change make a profile stale")
    p.add_argument("--format", choices=("text", "csv", "json"), default="text")
    p.add_argument("--include-unlisted", action="store_true",
                   help="stale: include unlisted members (keep such a list private)")
    p.add_argument("--now", help="report as of this ISO date-time instead of today")


def _validate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="only report problems in these files")
    p.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text for people, github for pull-request annotations, json for tools")
    p.add_argument("--fix", action="store_true",
                   help="first make the safe, mechanical repairs (ORCID and country forms, "
                        "topic aliases, invisible characters, blanks) and report each")


def _new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=scaffold.kinds(), help="what to create")
    p.add_argument("name", help="the member's GitHub handle, or the new record's slug")


def _schema_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="schemas", help="folder for the *.schema.json files")


COMMANDS: tuple[Command, ...] = (
    Command("validate", "check every record (or report only on the given files)",
            _validate_arguments, validate),
    Command("new", "write a commented template for a new record", _new_arguments, new),
    Command("report", "figures for maintainers: health statistics, or stale profiles",
            _report_arguments, report),
    Command("schema", "write JSON Schemas for every record kind", _schema_arguments,
            write_schemas),
    Command("check-pr", "check that a pull request changes only what its author may",
            pullrequest.arguments, pullrequest.check_pr),
    Command("mentoring", "suggested mentoring pairings, and who is left without one and why",
            mentoring_cli.arguments, mentoring_cli.run),
    Command("import", "bring people in from a CSV, YAML/JSON, .all-contributorsrc, GTN or "
            "OLS file, with a report of what was not carried over",
            import_cli.arguments, lambda args: import_cli.run(args, load_settings)),
)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="community", description=__doc__.splitlines()[0])
    top.add_argument("--config", "-f", default="mkdocs.yml", help="the site's mkdocs.yml")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for cmd in COMMANDS:
        cmd.arguments(sub.add_parser(cmd.name, help=cmd.help, description=cmd.help))
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    run = next(cmd.run for cmd in COMMANDS if cmd.name == args.command)
    try:
        return run(args)
    except BrokenPipeError:
        # The reader went away (e.g. '| head'): stop quietly, as Unix tools do.
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
