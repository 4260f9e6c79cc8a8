"""The plugin under ProperDocs, the maintained drop-in fork of MkDocs 1.x.

ProperDocs (``properdocs`` on PyPI, in the test extra) runs plugins written for MkDocs:
``mkdocs.*`` imports resolve to its own modules. The example site must build with it,
strict, and every file must be the one MkDocs builds, but for the generator version that
Material prints in each page's ``<meta name="generator">``.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from test_reproducible import EPOCH, differences, tree

from conftest import BIN, REPO, Built, env

pytestmark = pytest.mark.slow
GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-[^"]*"')


def test_the_example_site_builds_the_same_under_properdocs(tmp_path: Path,
                                                          example_site: Built) -> None:
    properdocs = BIN / "properdocs"
    assert properdocs.exists(), "ProperDocs is part of the test extra: make install-test"
    proc = subprocess.run(
        [str(properdocs), "build", "--strict", "-v", "-f", "mkdocs.yml", "-d",
         str(tmp_path / "properdocs")], cwd=REPO, env={**env(), "SOURCE_DATE_EPOCH": EPOCH},
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    log = proc.stdout + proc.stderr
    # MkDocs' build of the same files (test_reproducible: the same bytes as the command's).
    under_properdocs, under_mkdocs = tree(tmp_path / "properdocs"), tree(example_site.site)
    # It really ran under ProperDocs, with the plugin's shortcuts.
    about = under_properdocs["about/index.html"]
    assert b'content="mkdocs-ProperDocs 1.' in about, GENERATOR.search(about)
    assert re.search(r"community: \d+ pages filled in from page skeletons", log)
    assert " off:" not in log

    def same_but_generator(files: dict[str, bytes]) -> dict[str, bytes]:
        return {path: GENERATOR.sub(b"", data) for path, data in files.items()}

    assert differences(same_but_generator(under_properdocs),
                       same_but_generator(under_mkdocs)) == []
