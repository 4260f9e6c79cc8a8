"""The benchmark keeps working: its synthetic community validates and builds (tiny N).

Speed is measured by ``make benchmark``, never here; this only runs the same code at
30 members so that a change to a record format or to the runner breaks a test, not the
next benchmark run.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import run
from benchmarks.community import sizes, write_baseline, write_full_community
from benchmarks.synthetic import MENTORING_HEAVY, TYPICAL

pytestmark = pytest.mark.slow

N = 30


def test_synthetic_community_is_deterministic(tmp_path: Path) -> None:
    first = write_full_community(tmp_path / "a", N)
    second = write_full_community(tmp_path / "b", N)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    counts = sizes(N)
    assert len(list((first / "members").glob("*.yml"))) == N
    assert len(list((first / "events").iterdir())) == counts["events"]
    assert len(list((first / "content" / "resources").iterdir())) == counts["resources"]


def test_benchmark_runs_at_tiny_size(tmp_path: Path) -> None:
    row = run.bench_size(N, tmp_path, seed=0)
    assert not row.notes, row.notes  # validate, our build and the baseline all succeeded
    assert row.validate.returncode == 0 and row.ours.returncode == 0
    site = tmp_path / f"community-{N}" / "site"
    members = [p for p in (tmp_path / f"community-{N}" / "members").glob("*.yml")]
    profile = site / "members" / sorted(members)[0].stem / "index.html"
    assert profile.exists() or "listed: false" in sorted(members)[0].read_text()
    # Every section the benchmark is meant to exercise has pages.
    for section in ("events", "resources", "spotlights", "groups", "goals", "mentoring"):
        assert (site / section / "index.html").exists(), section
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("members/member-") for doc in index["docs"])
    assert row.pages > N and row.baseline_pages >= N
    assert row.ours.rss_mb > 0 and row.ratio > 0
    table = run.table([row], [], N)
    assert f"| {N} |" in table

    # Mentoring, measured on the community just written (the shapes differ only in data).
    mentoring = run.bench_mentoring(N, tmp_path, 0, TYPICAL)
    assert mentoring.notes == [] and mentoring.command.rss_mb > 0
    assert mentoring.command.output.rstrip().endswith("}")  # the end of the command's JSON
    assert '"mentors_wanted"' in mentoring.command.output
    assert mentoring.match.members == N and mentoring.match.seconds
    readme = tmp_path / "README.md"
    readme.write_text(f"a\n{run.MENTORING_START}\nold\n{run.MENTORING_END}\nb\n")
    assert run.write_figures(readme, run.mentoring_table([mentoring]), run.MENTORING_START,
                             run.MENTORING_END)
    text = readme.read_text()
    assert "old" not in text and f"| typical | {N} |" in text
    assert text.startswith("a\n") and text.endswith("b\n")
    assert run._folder(tmp_path, "community", N, MENTORING_HEAVY).name == \
        f"community-mentoring-heavy-{N}"


def test_baseline_has_every_listed_profile(tmp_path: Path) -> None:
    root = write_baseline(tmp_path / "base", N)
    pages = list((root / "content" / "members").glob("*/index.md"))
    listed = sum(1 for p in write_full_community(tmp_path / "ours", N).joinpath(
        "members").glob("*.yml") if "listed: false" not in p.read_text(encoding="utf-8"))
    assert len(pages) == listed


def test_serve_rebuild_benchmark_takes_unchanged_pages_from_the_last_build(
        tmp_path: Path) -> None:
    root = write_full_community(tmp_path / "site", N)
    script = Path(run.__file__).with_name("serve_rebuilds.py")
    result = subprocess.run([sys.executable, str(script), "--site", str(root), "--edits", "2",
                             "--pause", "0.2"],
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    taken = [int(t.replace(",", "")) for t in re.findall(
        r"^rebuild \d: [\d.]+ s, CPU [\d.]+ s, ([\d,]+) generated pages", result.stdout, re.M)]
    assert len(taken) == 2 and all(t >= N for t in taken), result.stdout
