"""`mkdocs serve` rebuilds in one process, without the server: what a rebuild itself costs.

``run.py --serve-only`` times a real ``mkdocs serve`` (file watcher, HTTP server,
livereload) from saving a file to the page showing it. This script runs the builds
``mkdocs serve`` runs, the same way (the plugins' startup event for ``serve`` once, then
for each rebuild the configuration read again and a build with ``serve_url`` into one
folder), after successive edits of one member's name, ``--pause`` seconds apart (a person
saves, looks, edits again; the server uses the pause, see ``parallel.CollectorScope``),
and prints each rebuild's wall and CPU time and how many generated pages it took from the
last build::

    .venv/bin/python benchmarks/serve_rebuilds.py -n 10000 --edits 4
    .venv/bin/python benchmarks/serve_rebuilds.py --site /path/to/community --edits 3

Without ``--site`` it writes the benchmark community of ``-n`` members into a temporary
folder (the same files as ``run.py``'s). The member file it edits is restored at the end.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.community import write_full_community

TAKEN = re.compile(r"community: (\d+) unchanged generated pages taken from the last build")


class _Said(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def rebuilds(root: Path, edits: int, pause: float = 2.0) -> list[tuple[float, float, int]]:
    """(wall seconds, CPU seconds, pages taken from the last build) of each rebuild."""
    site_dir = tempfile.mkdtemp(prefix="serve-rebuilds-")
    cwd = os.getcwd()
    os.chdir(root)

    def config() -> MkDocsConfig:
        return load_config(str(root / "mkdocs.yml"), site_dir=site_dir)

    logger = logging.getLogger("mkdocs")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False
    said = _Said()
    logger.addHandler(said)
    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    member = next(p for p in sorted((root / "members").glob("*.yml"))
                  if not p.name.startswith("_") and "listed: false" not in p.read_text("utf-8"))
    original = member.read_text(encoding="utf-8")
    results = []
    try:
        build(config(), serve_url="http://127.0.0.1:8000/")
        for edit in range(edits):
            time.sleep(pause)
            data = yaml.safe_load(original)
            data["name"] = f"Edited Person {edit}"
            member.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                              encoding="utf-8")
            said.messages.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            build(config(), serve_url="http://127.0.0.1:8000/")
            taken = [int(m.group(1)) for m in map(TAKEN.search, said.messages) if m]
            results.append((time.perf_counter() - wall, time.process_time() - cpu,
                            taken[0] if taken else 0))
    finally:
        member.write_text(original, encoding="utf-8")
        first.plugins.on_shutdown()
        logger.removeHandler(said)
        logger.setLevel(level)
        logger.propagate = propagate
        os.chdir(cwd)
        shutil.rmtree(site_dir, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="members (default 10,000)")
    parser.add_argument("--site", type=Path, help="an existing community to rebuild")
    parser.add_argument("--edits", type=int, default=3, help="successive edits (default 3)")
    parser.add_argument("--pause", type=float, default=2.0,
                        help="seconds between a rebuild and the next edit (default 2)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="serve-rebuilds-site-") as work:
        root = args.site.resolve() if args.site else Path(work)
        if not args.site:
            write_full_community(root, args.n, args.seed)
        for number, (wall, cpu, taken) in enumerate(rebuilds(root, args.edits, args.pause), 1):
            print(f"rebuild {number}: {wall:.1f} s, CPU {cpu:.1f} s, "
                  f"{taken:,} generated pages taken from the last build", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
