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

from . import scaffold, schema
from .community import load_community
from .diagnostics import Diagnostics, format_diagnostics, summary
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


def validate(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    community, diagnostics = load_community(settings)
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
    Command("schema", "write JSON Schemas for every record kind", _schema_arguments,
            write_schemas),
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
    return run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
