"""Measure mentor matching on a synthetic community.

    .venv/bin/python benchmarks/matching.py                          # 10,000 members
    .venv/bin/python benchmarks/matching.py --shape mentoring-heavy  # a mentoring programme
    .venv/bin/python benchmarks/matching.py -n 2000 --repeat 5

Writes a deterministic synthetic community (``benchmarks/synthetic.py``) to a temporary
folder, loads it with the real loader, then times :func:`mkdocs_community.derive.matching.match`
(candidate pairs + the optimal assignment) and the per-profile "best few" queries the
site makes for every listed member, and measures the memory matching allocates (traced
in a separate run, so the timings are not slowed down). Exits 1 when matching takes
longer than ``--budget``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import SHAPES, TYPICAL, write_community
from mkdocs_community.core.community import load_community
from mkdocs_community.core.diagnostics import format_diagnostics
from mkdocs_community.core.records.member import Member
from mkdocs_community.core.settings import Settings
from mkdocs_community.derive.matching import Matching, match

ON = dt.date(2026, 12, 1)
MB = 1024 * 1024


@dataclass(frozen=True)
class MatchingFigures:
    """What one community's matching took, and the size of its market."""

    members: int
    taking_part: int  # members who offer or seek mentoring
    offering: int  # members who offer mentoring
    mentors: int  # of those, open with places left
    seekers: int  # members who still need a mentor for something
    pairs: int  # candidate pairs (they share a topic and can talk)
    suggestions: int
    unmatched: int
    total_score: int
    seconds: tuple[float, ...]  # match(), each timed run
    profiles: float  # the "who could mentor / learn from" queries for every listed member
    traced_mb: float  # the most memory match() held at once (tracemalloc)

    @property
    def best(self) -> float:
        return min(self.seconds)


def measure_matching(members: Sequence[Member], repeat: int = 1) -> MatchingFigures:
    """Time ``match`` ``repeat`` times and the profile queries once, then trace its memory."""
    times = []
    result: Matching | None = None
    for _ in range(max(repeat, 1)):
        started = time.perf_counter()
        result = match(members, ON)
        times.append(time.perf_counter() - started)
    assert result is not None
    started = time.perf_counter()
    for member in members:
        if member.listed:
            result.mentors_for(member.id)
            result.mentees_for(member.id)
    profiles = time.perf_counter() - started

    del result  # the traced run starts from what the loaded community holds
    tracemalloc.start()
    try:
        result = match(members, ON)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return MatchingFigures(
        members=len(members),
        taking_part=sum(1 for m in members if m.listed and m.mentoring
                        and (m.mentoring.offers or m.mentoring.seeks)),
        offering=len(result.mentors),
        mentors=sum(1 for m in result.mentors if m.available),
        seekers=sum(1 for s in result.seekers if s.needs),
        pairs=len(result._graph.rows),
        suggestions=len(result.suggestions),
        unmatched=len(result.unmatched),
        total_score=result.total_score,
        seconds=tuple(times),
        profiles=profiles,
        traced_mb=peak / MB,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--members", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shape", choices=sorted(SHAPES), default=TYPICAL.name,
                        help="how many members offer or seek mentoring (see synthetic.py)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best counts")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds allowed")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="cm-bench-") as folder:
        started = time.perf_counter()
        root = write_community(folder, args.members, args.seed, SHAPES[args.shape])
        written = time.perf_counter() - started
        started = time.perf_counter()
        community, diagnostics = load_community(Settings(root=root))
        loaded = time.perf_counter() - started
    if community is None:
        print(format_diagnostics(diagnostics), file=sys.stderr)
        return 2

    f = measure_matching(community.members, args.repeat)
    print(f"members            {f.members:>9,}  ({args.shape}; written {written:.1f} s, "
          f"loaded {loaded:.1f} s)")
    print(f"offer or seek      {f.taking_part:>9,}  (listed)")
    print(f"mentors with places{f.mentors:>9,}  of {f.offering:,} who offer")
    print(f"seekers            {f.seekers:>9,}")
    print(f"candidate pairs    {f.pairs:>9,}")
    print(f"suggested pairings {f.suggestions:>9,}  (total score {f.total_score:,})")
    print(f"left unmatched     {f.unmatched:>9,}")
    print(f"match()            {f.best:>9.2f} s best of {len(f.seconds)} "
          f"(median {statistics.median(f.seconds):.2f} s)")
    print(f"match() memory     {f.traced_mb:>9.0f} MB at most (traced)")
    print(f"profile queries    {f.profiles:>9.2f} s for the listed profiles")
    if f.best > args.budget:
        print(f"over budget: {f.best:.2f} s > {args.budget:.1f} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
