"""The synthetic community generator behind the benchmarks: valid, deterministic, a market."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from mkdocs_community.core.community import load_community
from mkdocs_community.core.settings import Settings
from mkdocs_community.derive.matching import match

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.synthetic import MENTORING_HEAVY, write_community


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_synthetic_community_is_valid_deterministic_and_a_market(tmp_path):
    a = write_community(tmp_path / "a", 150, seed=7)
    b = write_community(tmp_path / "b", 150, seed=7)
    assert _files(a) == _files(b)
    assert len(list((a / "members").glob("*.yml"))) == 150
    assert _files(write_community(tmp_path / "c", 150, seed=8)) != _files(a)
    community, diagnostics = load_community(Settings(root=a))
    assert community is not None, [d.format_text() for d in diagnostics]
    assert any(not m.listed for m in community.members)
    assert len({m.timezone for m in community.members}) > 10
    result = match(community.members, dt.date(2026, 12, 1))
    assert result.suggestions and result.unmatched and result.call_for_mentors
    assert any(m.taken for m in result.mentors)  # some existing pairs


def test_the_mentoring_heavy_shape_is_a_mentoring_programme(tmp_path):
    typical = write_community(tmp_path / "typical", 600, seed=3)
    heavy = write_community(tmp_path / "heavy", 600, seed=3, shape=MENTORING_HEAVY)
    shares = {}
    results = {}
    for name, root in (("typical", typical), ("heavy", heavy)):
        community, diagnostics = load_community(Settings(root=root))
        assert community is not None, [d.format_text() for d in diagnostics]
        members = community.members
        shares[name] = sum(1 for m in members if m.mentoring and (
            m.mentoring.offers or m.mentoring.seeks)) / len(members)
        results[name] = match(members, dt.date(2026, 12, 1))
    assert 0.35 < shares["typical"] < 0.45
    assert 0.62 < shares["heavy"] < 0.72  # two thirds offer or seek
    # Seekers want what mentors know: far more candidate pairs per seeker.
    per_seeker = {name: len(r._graph.rows) / max(len(r._graph.seekers), 1)
                  for name, r in results.items()}
    assert per_seeker["heavy"] > 3 * per_seeker["typical"]
    assert len(results["heavy"].suggestions) > 2 * len(results["typical"].suggestions)
