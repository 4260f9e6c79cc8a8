"""Build integrity: identical input builds identical bytes; a broken build replaces nothing.

Also the pre-commit hook that lets contributors validate before they push.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from test_hostile import RECORDS, record_path, record_text
from test_seo import PNG

from conftest import BIN, REPO, SiteFactory, env
from mkdocs_community import parallel
from mkdocs_community.kinds import KINDS
from mkdocs_community.settings import Settings

pytestmark = pytest.mark.slow

EPOCH = "1764579600"  # 2025-12-01T09:00:00Z: the build date MkDocs itself writes (sitemap)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build_into(root: Path, out: Path, *, verbose: bool = False, **extra_env: str) -> str:
    environ = {**env(), "SOURCE_DATE_EPOCH": EPOCH, **extra_env}
    proc = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-v" if verbose else "-q",
                           "-d", str(out)], cwd=root, env=environ,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(set(first) ^ set(second)) + sorted(
        p for p in set(first) & set(second) if first[p] != second[p])


def full_site(site: SiteFactory) -> SiteFactory:
    site.write("members/avatars/ada.png", PNG)
    site.member("ada", name="Ada Lovelace", github="ada", avatar="ada.png", skills=["python"],
                mentoring={"offers": ["python", "sql"], "capacity": 2})
    site.member("grace", name="Grace Hopper", skills=["sql", "python"],
                mentoring={"seeks": ["python"]}, joined="2026-11")
    site.member("zoe", name="Zoë Müller", email="zoe@example.org", email_public=True)
    for kind in KINDS:
        if kind.name != "member" and kind.name in RECORDS:
            sample = RECORDS[kind.name]
            site.write(record_path(site, kind, sample.record_id),
                       record_text(kind, sample.data, sample.body))
    return site


def test_two_builds_of_a_fixture_site_are_byte_identical(site, tmp_path):
    full_site(site)._write_config()
    build_into(site.root, tmp_path / "one")
    build_into(site.root, tmp_path / "two")
    first, second = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert len(first) > 20
    assert differences(first, second) == []


def test_two_builds_of_the_example_site_are_byte_identical(tmp_path):
    build_into(REPO, tmp_path / "one")
    build_into(REPO, tmp_path / "two")
    assert differences(tree(tmp_path / "one"), tree(tmp_path / "two")) == []


def test_build_shortcuts_change_no_byte(site, tmp_path):
    """speedups.py (page skeletons, the search document first, bodies rendered ahead by a
    helper process) and the helpers that read files and make the calendars and feeds must
    give exactly the site MkDocs and Material build without them. More themes and plugins
    in test_speedups.py."""
    full_site(site)._write_config()
    build_into(site.root, tmp_path / "fast")
    build_into(site.root, tmp_path / "plain", COMMUNITY_SPEEDUPS="0")
    log = build_into(REPO, tmp_path / "example-fast", verbose=True)
    build_into(REPO, tmp_path / "example-plain", COMMUNITY_SPEEDUPS="0")
    # The shortcuts really ran on the example site.
    filled = re.search(r"community: (\d+) pages filled in from page skeletons", log)
    assert filled and int(filled.group(1)) > 20, log[-3000:]
    assert " off:" not in log
    helped = re.search(r"community: (\d+) page bodies rendered ahead by the helper", log)
    if parallel.helper_unhelpful_reason() is None:
        assert helped and int(helped.group(1)) > 0, log[-3000:]
    else:  # one core: the helper would only add work
        assert helped is None
    assert differences(tree(tmp_path / "fast"), tree(tmp_path / "plain")) == []
    assert differences(tree(tmp_path / "example-fast"), tree(tmp_path / "example-plain")) == []


def test_a_broken_build_leaves_the_last_good_site_untouched(site):
    full_site(site)
    site.build()
    good = tree(site.root / "site")
    for kind in KINDS:  # one broken record of every kind at once
        sample = RECORDS.get(kind.name)
        if sample is None:
            continue
        site.write(record_path(site, kind, sample.record_id + "-broken"),
                   record_text(kind, {**sample.data, "no_such_field": 1}, sample.body))
    result = site.build(check=False)
    assert result.returncode != 0
    assert "nothing was built" in result.output and "Traceback" not in result.output
    for kind in KINDS:
        if kind.name in RECORDS:
            path = record_path(site, kind, RECORDS[kind.name].record_id + "-broken")
            assert f"{path}:" in result.output
    assert tree(site.root / "site") == good


def test_a_broken_topics_file_leaves_the_last_good_site_untouched(site):
    full_site(site)
    site.build()
    good = tree(site.root / "site")
    site.topics["python"] = {"label": "Python", "aliases": ["py"], "colour": "blue"}
    result = site.build(check=False)
    assert result.returncode != 0 and "content/topics.yml" in result.output
    assert tree(site.root / "site") == good


# -- pre-commit -----------------------------------------------------------------------


def hook() -> dict:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    found = [h for h in hooks if h.get("id") == "community-validate"]
    assert len(found) == 1
    return found[0]


def test_pre_commit_hook_is_declared():
    h = hook()
    assert {"id", "name", "entry", "language"} <= set(h)
    assert h["language"] == "python" and h["entry"] == "community validate"
    assert h["pass_filenames"] is True
    files = re.compile(h["files"])
    settings = Settings(root=REPO)
    for kind in KINDS:
        sample = f"{kind.folder(settings)}/x{kind.suffixes[0]}"
        assert files.search(sample), f"the hook misses {kind.name} files ({sample})"
    assert files.search(settings.topics_file)
    for other in ("mkdocs.yml", "generator/mkdocs_community/cli.py", "tests/conftest.py",
                  "content/index.md", "members/avatars/ada.png", "README.md"):
        assert not files.search(other), other


def test_pre_commit_hook_entry_runs_on_the_given_files(site):
    h = hook()
    site.member("good", name="Good Person")
    site.member("bad", name="Bad Person", skils=["python"])
    command = h["entry"].split()

    good = site.run(*command, "members/good.yml")
    assert good.returncode == 0, good.output
    bad = site.run(*command, "members/good.yml", "members/bad.yml")
    assert bad.returncode == 1
    assert "members/bad.yml:3:1: error[unknown-field]" in bad.output
    assert "Traceback" not in bad.output
