"""``community import``: bring a community's people in from the files they keep them in.

Reads a CSV table, a YAML/JSON list or mapping of people, an ``.all-contributorsrc``, or
the GTN and OLS shapes (``adapters/importers/presets.py``); maps each record to a member
file (``adapters/importers/mapping.py``), makes the ``--fix`` repairs, writes
``members/<id>.yml``, then validates what it wrote and prints the loss report: every
source field not carried over, with how many records had it. Importing the same source
again changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from mkdocs_community.adapters.importers.mapping import (
    Draft,
    LossReport,
    assign_ids,
    has_value,
    identity_mapping,
    parse_mapping,
    write_members,
)
from mkdocs_community.adapters.importers.presets import (
    all_contributors_drafts,
    gtn_drafts,
    ols_drafts,
    read_ols,
)
from mkdocs_community.adapters.importers.sources import (
    ImportProblem,
    Source,
    read_all_contributors,
    read_csv,
    read_data,
    read_people,
)
from mkdocs_community.adapters.parallel import Sharing
from mkdocs_community.core import fixes
from mkdocs_community.core.community import load_community
from mkdocs_community.core.diagnostics import format_diagnostics
from mkdocs_community.core.neutralise import safe_output
from mkdocs_community.core.settings import Settings

SHAPES = ("csv", "yaml", "json", "all-contributors", "gtn", "ols")


def _say(text: str) -> None:
    print(safe_output(text), file=sys.stderr)


def guess_shape(path: Path) -> str:
    name = path.name.lower()
    if name == ".all-contributorsrc":
        return "all-contributors"
    if name == "contributors.yaml":
        return "gtn"
    if name == "people.yaml" or (path / "_data" / "people.yaml").is_file():
        return "ols"
    if path.suffix.lower() in (".csv", ".tsv"):
        return "csv"
    return "json" if path.suffix.lower() == ".json" else "yaml"


def _checked(source: Source) -> Source:
    """The source, after saying which of its keys are given twice (YAML keeps the last
    entry: the earlier one's fields are not imported)."""
    for duplicate in source.duplicates:
        _say(f"community import: {source.path}: '{duplicate}' is given twice; only the "
             "later entry is imported: merge the two by hand")
    return source


def drafts_from(path: Path, shape: str, mapping_file: Path | None) -> list[Draft]:
    """The drafts a source makes, by its shape (and mapping file, for the generic ones)."""
    if shape == "gtn":
        return gtn_drafts(_checked(read_people(path)))
    if shape == "ols":
        source, roles = read_ols(path)
        _checked(source)
        drafts = ols_drafts(source, roles)
        missing = sorted(set(roles or {}) - {r.key for r in source.records})
        if missing:
            _say(f"community import: {len(missing)} people named in the cohort files are "
                 f"not in people.yaml (their roles are not imported): "
                 f"{', '.join(missing[:10])}{' ...' if len(missing) > 10 else ''}")
        return drafts
    if shape == "all-contributors":
        return all_contributors_drafts(read_all_contributors(path))
    source: Source = read_csv(path) if shape == "csv" else _checked(read_people(path))
    if mapping_file is not None:
        mapping = parse_mapping(read_data(mapping_file), mapping_file.name)
    else:
        mapping = identity_mapping(source.records)
    return [mapping.draft(r) for r in source.records]


def run_import(settings: Settings, path: Path, shape: str, mapping_file: Path | None,
               overwrite: bool = False) -> int:
    drafts = drafts_from(path, shape, mapping_file)
    by_id = assign_ids(drafts)
    vocabulary = fixes.load_topics(settings)
    repairs: list[fixes.Repair] = []

    def prepare(text: str, shown: str) -> str:
        fixed, found = fixes.repair_text(text, False, shown, vocabulary)
        repairs.extend(found)
        return fixed

    folder = settings.path(settings.members_dir)
    written = write_members(by_id, folder, settings.root, prepare=prepare,
                            overwrite=overwrite)
    for r in repairs:
        _say(f"{r.path}:{r.line}:{r.col}: fixed {r.field}: {r.why}")
    _say(f"community import: {len(drafts)} records from {path.name} ({shape}): "
         f"{len(written.created)} written, {len(written.replaced)} replaced, "
         f"{len(written.unchanged)} unchanged")
    if written.kept:
        _say(f"community import: {len(written.kept)} files exist with other content and "
             f"were kept (pass --overwrite to replace them): "
             f"{', '.join(written.kept[:5])}{' ...' if len(written.kept) > 5 else ''}")
    _, diagnostics = load_community(settings, sharing=Sharing())
    ours = set(written.created + written.replaced + written.unchanged)
    problems = [d for d in diagnostics if d.path in ours]
    refused = {d.path for d in problems if d.severity == "error"}
    folder_name = settings.members_dir
    report = LossReport()
    for member_id, draft in by_id.items():
        report.add(draft)
        lost = any(has_value(v) and k not in draft.used and k not in draft.derivable
                   for k, v in draft.source.fields.items())
        report.invalid += not lost and f"{folder_name}/{member_id}.yml" in refused
    for line in report.lines():
        _say(line)
    if problems:
        print(format_diagnostics(problems), file=sys.stderr)
        files = len({d.path for d in problems if d.severity == "error"})
        _say(f"community import: {files} imported files need a hand (see above); "
             "the rest are ready")
    return 1 if any(d.severity == "error" for d in problems) else 0


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", help="the file (or, for OLS, the site's folder) to import")
    p.add_argument("--from", dest="shape", choices=SHAPES,
                   help="the source's shape; guessed from its name when left out")
    p.add_argument("--mapping", type=Path,
                   help="for csv/yaml/json: a YAML file mapping member fields to source "
                        "fields (see README.md, 'Moving in')")
    p.add_argument("--overwrite", action="store_true",
                   help="replace member files that exist with other content")


def run(args: argparse.Namespace, load_settings: Callable[[str], Settings]) -> int:
    settings = load_settings(args.config)
    path = Path(args.source)
    try:
        return run_import(settings, path, args.shape or guess_shape(path), args.mapping,
                          args.overwrite)
    except ImportProblem as exc:
        _say(f"community import: {exc}")
        return 1
