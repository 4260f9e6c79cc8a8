"""Measure mentor matching on a synthetic community.

    .venv/bin/python benchmarks/matching.py              # 10,000 members
    .venv/bin/python benchmarks/matching.py -n 2000 --repeat 5

Writes a deterministic synthetic community (``benchmarks/synthetic.py``) to a temporary
folder, loads it with the real loader, then times :func:`mkdocs_community.matching.match`
(candidate pairs + the optimal assignment) and the per-profile "best few" queries the
site makes for every listed member. Exits 1 when matching takes longer than ``--budget``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import write_community
from mkdocs_community.community import load_community
from mkdocs_community.diagnostics import format_diagnostics
from mkdocs_community.matching import match
from mkdocs_community.settings import Settings

ON = dt.date(2026, 12, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--members", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best counts")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds allowed")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="cm-bench-") as folder:
        started = time.perf_counter()
        root = write_community(folder, args.members, args.seed)
        written = time.perf_counter() - started
        started = time.perf_counter()
        community, diagnostics = load_community(Settings(root=root))
        loaded = time.perf_counter() - started
    if community is None:
        print(format_diagnostics(diagnostics), file=sys.stderr)
        return 2

    times = []
    result = None
    for _ in range(args.repeat):
        started = time.perf_counter()
        result = match(community.members, ON)
        times.append(time.perf_counter() - started)
    assert result is not None
    started = time.perf_counter()
    for member in community.listed_members:
        result.mentors_for(member.id)
        result.mentees_for(member.id)
    profiles = time.perf_counter() - started

    graph = result._graph
    best = min(times)
    print(f"members            {len(community.members):>9,}  (written {written:.1f} s, "
          f"loaded {loaded:.1f} s)")
    print(f"mentors with places{sum(1 for m in result.mentors if m.available):>9,}  "
          f"of {len(result.mentors):,} who offer")
    print(f"seekers            {sum(1 for s in result.seekers if s.needs):>9,}")
    print(f"candidate pairs    {len(graph.rows):>9,}")
    print(f"suggested pairings {len(result.suggestions):>9,}  "
          f"(total score {result.total_score:,})")
    print(f"left unmatched     {len(result.unmatched):>9,}")
    print(f"match()            {best:>9.2f} s best of {len(times)} "
          f"(median {statistics.median(times):.2f} s)")
    print(f"profile queries    {profiles:>9.2f} s for {len(community.listed_members):,} profiles")
    if best > args.budget:
        print(f"over budget: {best:.2f} s > {args.budget:.1f} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
