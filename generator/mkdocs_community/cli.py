"""The ``community`` command: validate, scaffold and describe a community's files.

An adapter like the plugin: it reads the same options from ``mkdocs.yml`` and
calls the same core, so ``community validate`` and ``mkdocs build`` never disagree.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import mentoring_cli, pullrequest, scaffold, schema
from .community import Community, load_community
from .diagnostics import Diagnostics, format_diagnostics, summary
from .parallel import CollectorScope, Sharing
from .settings import Settings


@dataclass(frozen=True)
class Command:
    """A subcommand: its name, one line of help, its arguments and what it runs."""

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def load_settings(config_file: str) -> Settings:
    """Settings from the ``community`` plugin's options in ``mkdocs.yml``."""
    from mkdocs.config import load_config

    from .config import to_settings

    path = Path(config_file)
    if not path.is_file():
        raise SystemExit(f"community: {config_file} not found (use --config to name it)")
    config = load_config(str(path))
    plugin = config.plugins.get("community")
    if plugin is None:
        raise SystemExit(f"community: {config_file} does not enable the 'community' plugin")
    return to_settings(plugin.config, config)  # type: ignore[attr-defined]


def _load(settings: Settings) -> tuple[Community | None, Diagnostics]:
    """Every record, half of the files read by a helper process where that is faster,
    with the garbage collector paused while the records are made (see parallel.py)."""
    with CollectorScope():
        return load_community(settings, sharing=Sharing())


def validate(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    community, diagnostics = _load(settings)
    shown = _only_paths(diagnostics, args.paths, settings) if args.paths else diagnostics
    output = format_diagnostics(shown, args.format)
    if output:
        print(output)
    if args.format == "text":
        if args.paths:
            selected = Diagnostics()
            selected.extend(shown)
            print(f"community: {summary(selected)} in the given files", file=sys.stderr)
        elif community is not None:
            counts = ", ".join(f"{len(records)} {plural}"
                               for plural, records in community.records.items() if records)
            print(f"community: {counts}; {summary(diagnostics)}", file=sys.stderr)
        else:
            print(f"community: {summary(diagnostics)}", file=sys.stderr)
    failed = any(d.severity == "error" for d in shown) or (not args.paths and community is None)
    return 1 if failed else 0


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
        print(f"community: {exc}", file=sys.stderr)
        return 1
    print(f"Created {path.relative_to(settings.root).as_posix()}: fill it in, then run "
          "'community validate'.")
    return 0


def write_schemas(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    community_topics = _vocabulary(settings)
    written = schema.write_schemas(settings.path(args.out), community_topics)
    for path in written:
        print(path.relative_to(settings.root).as_posix()
              if path.is_relative_to(settings.root) else path)
    return 0


def _vocabulary(settings: Settings):
    from .topics import load_vocabulary

    diagnostics = Diagnostics()
    vocabulary = load_vocabulary(settings.path(settings.topics_file), settings.root,
                                 settings.topics_file, diagnostics)
    if diagnostics.has_errors:
        print(format_diagnostics(diagnostics), file=sys.stderr)
    return vocabulary


def load_or_report(settings: Settings) -> Community | None:
    """The community, or None after printing what is wrong with it."""
    community, diagnostics = _load(settings)
    if community is None:
        print(format_diagnostics(diagnostics), file=sys.stderr)
        print(f"community: {summary(diagnostics)}; fix them first ('community validate')",
              file=sys.stderr)
    return community


def report(args: argparse.Namespace) -> int:
    """Figures for maintainers: community health (stats) or profiles gone stale."""
    from .config import build_time

    settings = load_settings(args.config)
    community = load_or_report(settings)
    if community is None:
        return 1
    now = build_time(args.now)
    if args.report == "stats":
        return _report_stats(community, now, args.format)
    return _report_stale(community, now, args)


def _report_stats(community: Community, now: dt.datetime, fmt: str) -> int:
    from . import insights
    from .pages import Build

    build = Build(community, now)
    figures, charts = insights.figures(build), insights.charts(build)
    if fmt == "json":
        print(json.dumps({
            "as_of": now.isoformat(),
            "figures": {f.label: f.value for f in figures},
            "charts": {c.id: {"title": c.title, "series": list(c.series),
                              "rows": [{"key": b.key, "label": b.label, "values": list(b.values)}
                                       for b in c.bars]} for c in charts},
        }, indent=2, ensure_ascii=False))
        return 0
    rows = [["chart", "key", "label", "series", "value"]]
    rows.extend(["figure", "", f.label, "", str(f.value)] for f in figures)
    for chart in charts:
        for bar in chart.bars:
            rows.extend([chart.id, bar.key, bar.label, name, str(v)]
                        for name, v in zip(chart.series, bar.values, strict=True))
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows(rows)
        return 0
    print(f"{community.settings.name}, as of {now.date().isoformat()}")
    width = max(len(f.label) for f in figures)
    for figure in figures:
        print(f"  {figure.label:<{width}}  {figure.value:>7,}")
    for chart in charts:
        print(f"\n{chart.title}")
        for bar in chart.bars:
            values = ", ".join(f"{name.lower()} {v}" if len(chart.series) > 1 else str(v)
                               for name, v in zip(chart.series, bar.values, strict=True))
            print(f"  {bar.label}: {values}")
    return 0


def _report_stale(community: Community, now: dt.datetime, args: argparse.Namespace) -> int:
    from .stale import HistoryError, last_changes, stale_profiles

    settings = community.settings
    try:
        changes = last_changes(settings.root, settings.members_dir)
    except HistoryError as exc:
        print(f"community: cannot read git history: {exc}", file=sys.stderr)
        return 1
    members = community.members if args.include_unlisted else community.listed_members
    stale = stale_profiles(members, changes, now, args.months)
    if args.format == "json":
        print(json.dumps([{"id": s.member_id, "path": s.path, "github": s.github,
                           "last_change": s.last_change.isoformat(), "months": s.months}
                          for s in stale], indent=2))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["id", "path", "github", "last_change", "months"])
        writer.writerows([s.member_id, s.path, s.github, s.last_change.date().isoformat(),
                          s.months] for s in stale)
    else:
        if not stale:
            print(f"No profile is {args.months} or more months old.")
        for s in stale:
            owner = f"@{s.github}" if s.github else "(no GitHub handle)"
            print(f"{s.path}  {owner}  last changed {s.last_change.date().isoformat()} "
                  f"({s.months} months ago)")
        print(f"community: {len(stale)} of {len(members)} profiles not updated in "
              f"{args.months} months", file=sys.stderr)
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
