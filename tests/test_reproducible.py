"""Build integrity: identical input builds identical bytes; a broken build replaces nothing.

Builds compared here are made both ways: by the real ``mkdocs build`` command, and in
this process as the rest of the tests make them (conftest.build_here), which must give
the same bytes. Also the pre-commit hook that lets contributors validate before they push.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from test_hostile import RECORDS, record_path, record_text
from test_seo import PNG

from conftest import BIN, EPOCH, REPO, Built, Run, SiteFactory, build_here, env
from mkdocs_community.adapters import parallel
from mkdocs_community.adapters.mkdocs.old_site import PREFIX
from mkdocs_community.core.kinds import KINDS
from mkdocs_community.core.settings import Settings

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build_into(root: Path, out: Path, *, verbose: bool = False, **extra_env: str) -> str:
    """The real ``mkdocs build --strict`` of ``root`` into ``out``; what it printed."""
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


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SiteFactory:
    """The fixture site, built once in this process (every shortcut on) into ``site/``."""
    site = full_site(SiteFactory(tmp_path_factory.mktemp("fixture") / "site-src"))
    site._write_config()
    result = build_here(site.root / "mkdocs.yml", site_dir=site.root / "site", epoch=EPOCH)
    assert result.returncode == 0, result.output
    return site


def test_builds_in_one_process_are_byte_identical(built, tmp_path):
    """Nothing a build leaves behind in its process changes the next build."""
    again = build_here(built.root / "mkdocs.yml", site_dir=tmp_path / "again", epoch=EPOCH)
    assert again.returncode == 0, again.output
    first = tree(built.root / "site")
    assert len(first) > 20
    assert differences(first, tree(tmp_path / "again")) == []


def test_a_build_into_an_earlier_one_leaves_what_a_fresh_build_leaves(built, tmp_path):
    """``mkdocs build`` over an earlier build writes its pages over the earlier ones
    (old_site.py) and deletes what MkDocs' cleaning would have (a page no longer made, an
    old folder where a page now is, the leftovers of an interrupted build); hidden files
    stay, as MkDocs keeps them; the folder ends byte for byte, folder for folder, as a
    fresh build. With a plugin that is not known to write every file, MkDocs cleans."""
    site_dir = tmp_path / "site"
    shutil.copytree(built.root / "site", site_dir)
    (site_dir / "members" / "gone").mkdir()
    (site_dir / "members" / "gone" / "index.html").write_text("a page no longer made")
    grace = site_dir / "members" / "grace" / "index.html"
    grace.unlink()
    (grace / "old").mkdir(parents=True)  # a folder where the build writes a page
    (site_dir / ".nojekyll").write_text("")
    (site_dir / (PREFIX + "interrupted") / "events").mkdir(parents=True)
    (site_dir / (PREFIX + "interrupted") / "events" / "index.html").write_text("old")
    # Held open: whether the build wrote over these files or deleted them. A static
    # file (the plugin's stylesheets), copied before the first page, is written over too.
    ada = os.open(site_dir / "members" / "ada" / "index.html", os.O_RDONLY)
    css = os.open(site_dir / "assets" / "community" / "community.css", os.O_RDONLY)
    try:
        result = build_here(built.root / "mkdocs.yml", site_dir=site_dir, epoch=EPOCH,
                            verbose=True)
        assert result.returncode == 0, result.output
        after = tree(site_dir)
        assert after.pop(".nojekyll") == b""
        assert differences(after, tree(built.root / "site")) == []
        assert folder_names(site_dir) == folder_names(built.root / "site")
        for held, path in ((ada, "members/ada/index.html"),
                           (css, "assets/community/community.css")):
            assert os.fstat(held).st_nlink == 1, path  # written over
            assert os.fstat(held).st_ino == (site_dir / path).stat().st_ino, path
        assert "files of the last build put back, to be written over" in result.output
        result = build_with_a_hook(built, site_dir)
        assert os.fstat(ada).st_nlink == 0  # deleted: MkDocs cleaned
    finally:
        os.close(ada)
        os.close(css)
    assert "put back" not in result.output
    assert differences(tree(site_dir), {**tree(built.root / "site"), ".nojekyll": b""}) == []


def build_with_a_hook(built: SiteFactory, site_dir: Path) -> Run:
    """The fixture site built into ``site_dir`` with a `hooks:` plugin, which could write
    files after MkDocs cleans."""
    hook = built.root / "hook.py"
    hook.write_text("def on_post_page(output, page, config):\n    return output\n")
    config = yaml.safe_load((built.root / "mkdocs.yml").read_text())
    config["hooks"] = [str(hook)]
    (built.root / "hooked.yml").write_text(yaml.safe_dump(config))
    try:
        result = build_here(built.root / "hooked.yml", site_dir=site_dir, epoch=EPOCH,
                            verbose=True)
    finally:
        (built.root / "hooked.yml").unlink()
        hook.unlink()
    assert result.returncode == 0, result.output
    return result


def folder_names(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir())


def test_the_command_without_shortcuts_builds_the_same_bytes(built, example_site: Built,
                                                             tmp_path):
    """The real ``mkdocs build`` with speedups.py switched off (``COMMUNITY_SPEEDUPS=0``:
    MkDocs and Material doing everything themselves, in a fresh process) gives exactly
    the site that the tests' in-process builds give with every shortcut (page skeletons,
    the search document first, bodies rendered ahead by a helper process, helpers that
    read files and make calendars and feeds): the shortcuts change no byte, and building
    in this process is building. More themes and plugins in test_speedups.py."""
    build_into(built.root, tmp_path / "plain", COMMUNITY_SPEEDUPS="0")
    build_into(REPO, tmp_path / "example-plain", COMMUNITY_SPEEDUPS="0")
    # The shortcuts really ran on the example site.
    log = example_site.log
    filled = re.search(r"community: (\d+) pages filled in from page skeletons", log)
    assert filled and int(filled.group(1)) > 20, log[-3000:]
    assert " off:" not in log
    helped = re.search(r"community: (\d+) page bodies rendered ahead by the helper", log)
    if parallel.helper_unhelpful_reason() is None:
        assert helped and int(helped.group(1)) > 0, log[-3000:]
    else:  # one core: the helper would only add work
        assert helped is None
    assert differences(tree(built.root / "site"), tree(tmp_path / "plain")) == []
    assert differences(tree(example_site.site), tree(tmp_path / "example-plain")) == []


def good_site(site: SiteFactory, built: SiteFactory) -> dict[str, bytes]:
    """``site`` holding the fixture site's files and its last good build; that build."""
    full_site(site)._write_config()
    shutil.copytree(built.root / "site", site.root / "site")
    return tree(site.root / "site")


def test_a_broken_build_leaves_the_last_good_site_untouched(site, built):
    good = good_site(site, built)
    for kind in KINDS:  # one broken record of every kind at once
        sample = RECORDS.get(kind.name)
        if sample is None:
            continue
        site.write(record_path(site, kind, sample.record_id + "-broken"),
                   record_text(kind, {**sample.data, "no_such_field": 1}, sample.body))
    result = site.build(check=False)
    assert result.returncode != 0
    assert "nothing was built" in result.output  # in this process: no exception escaped
    for kind in KINDS:
        if kind.name in RECORDS:
            path = record_path(site, kind, RECORDS[kind.name].record_id + "-broken")
            assert f"{path}:" in result.output
    assert tree(site.root / "site") == good


def test_a_broken_topics_file_leaves_the_last_good_site_untouched(site, built):
    good = good_site(site, built)
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
    for other in ("mkdocs.yml", "generator/mkdocs_community/adapters/cli/main.py",
                  "tests/conftest.py", "content/index.md", "members/avatars/ada.png",
                  "README.md"):
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
