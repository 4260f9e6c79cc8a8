"""`mkdocs serve` with a broken record file: the problems in the browser, not a hung page.

The end-to-end test runs the real development server on a free port, asks for pages
while a member file is broken, fixes the file, and waits for the site to come back.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from conftest import SiteFactory, mkdocs_serve, wait_until
from mkdocs_community.core.diagnostics import Diagnostic, Severity
from mkdocs_community.outputs.serve_errors import PANEL_MARK, panel, with_panel

BROKEN = "name: Nina\njoined: 2025-01\nlocation:\n\tcity: Pune\n"
FIXED = "name: Nina\njoined: 2025-01\nlocation:\n  city: Pune\n"


def test_panel_lists_each_problem_with_its_place_and_hint_escaped() -> None:
    block = panel([
        Diagnostic("members/a.yml", 4, 1, "yaml-syntax", "a tab <b>here</b>", "use spaces"),
        Diagnostic("members/b.yml", 0, 0, "x", "whole file", ""),
        Diagnostic("members/c.yml", 2, 3, "w", "odd", "", Severity.WARNING),
    ], stale=False)
    assert "The community's files have 2 errors" in block
    assert "<code>members/a.yml:4:1</code> a tab &lt;b&gt;here&lt;/b&gt;" in block
    assert "Hint: use spaces" in block
    assert "<code>members/b.yml</code> whole file" in block
    assert ">warning</span> <code>members/c.yml:2:3</code>" in block
    assert "are not built until they are fixed" in block
    one = panel([Diagnostic("m.yml", 1, 1, "x", "y")], stale=True)
    assert "have 1 error<" in one and "last version that built without errors" in one


def test_panel_goes_first_in_the_body_once() -> None:
    block = panel([Diagnostic("m.yml", 1, 1, "x", "y")], stale=False)
    page = '<html><head></head><body class="x"><main>page</main></body></html>'
    shown = with_panel(page, block)
    assert shown.index(PANEL_MARK) > shown.index('<body class="x">') and \
        shown.index(PANEL_MARK) < shown.index("<main>")
    assert with_panel(shown, block) == shown
    assert "location.reload" not in shown
    assert "location.reload" in with_panel(page, block, reload_when_found=True)
    assert with_panel(page, "") == page


def _get(url: str, timeout: float = 20) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture
def serving(site: SiteFactory) -> Iterator[tuple[SiteFactory, str]]:
    site.member("ada", name="Ada Lovelace")
    site.write("members/nina.yml", BROKEN)
    with mkdocs_serve(site) as base:
        yield site, base


@pytest.mark.slow
def test_serve_shows_the_problems_and_recovers_when_fixed(serving) -> None:
    site, base = serving
    status, home = wait_until(lambda: _get(base, timeout=5))
    # Answered at once (no build that never finishes), with the problem and its hint.
    assert status == 200
    assert PANEL_MARK in home
    assert "<code>members/nina.yml:4:1</code> this line is indented with a tab" in home
    assert "Hint: delete the tab before &#39;city&#39;" in home
    # A generated page that could not be built: the not-found page says why, and waits.
    status, missing = _get(base + "members/")
    assert status == 404 and PANEL_MARK in missing and "location.reload" in missing

    site.write("members/nina.yml", FIXED)
    status, directory = wait_until(lambda: (r := _get(base + "members/")) and r[0] == 200 and r)
    assert PANEL_MARK not in directory and "Nina" in directory

    # Broken again: the last good pages stay, under the panel.
    site.write("members/nina.yml", "name: Nina\njoined: 2025-13\n")
    status, directory = wait_until(
        lambda: (r := _get(base + "members/")) and PANEL_MARK in r[1] and r)
    assert status == 200 and "last version that built without errors" in directory
    assert "<code>members/nina.yml:2:9</code>" in directory


@pytest.mark.slow
def test_build_still_fails_on_the_same_problem(site: SiteFactory) -> None:
    site.member("ada", name="Ada Lovelace")
    site.write("members/nina.yml", BROKEN)
    result = site.build(check=False)
    assert result.returncode != 0
    assert "members/nina.yml:4:1" in result.output
