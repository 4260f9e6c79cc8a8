"""`mkdocs serve` watches the record folders through the operating system (watching.py).

MkDocs' own watcher polls every path a plugin hands it; the plugin hands it one signal
file instead, and rewrites it when a record file changes. It takes the docs folder over
from MkDocs' polling too. The end-to-end test runs the real development server, reads
which paths MkDocs says it watches, edits records and a hand-written page and waits for
the served pages to change; the fallback is tested with observers that fail.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from conftest import SiteFactory, mkdocs_serve, wait_until
from mkdocs_community.adapters.mkdocs.watching import RecordWatcher


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


@pytest.mark.slow
def test_record_edits_reach_the_served_site_without_mkdocs_polling_the_records(
        site: SiteFactory, tmp_path: Path) -> None:
    site.member("ada", name="Ada Lovelace")
    site.member("grace", name="Grace Hopper")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    log = tmp_path / "serve.log"
    site.write("content/about.md", "# About\n\nWe meet on Tuesdays.\n")
    with mkdocs_serve(site, log=log, extra_env={"TMPDIR": str(temporary)}) as base:
        assert "Ada Lovelace" in wait_until(lambda: _page(base + "members/ada/"))
        # What MkDocs polls, as it says when it starts serving.
        polled = re.findall(r"'([^']+)'", wait_until(lambda: re.search(
            r"Watching paths for changes: (.*)", log.read_text(encoding="utf-8"))).group(1))
        signals = [Path(p) for p in polled if p.endswith("records-changed")]
        assert len(signals) == 1 and signals[0].parent.parent == temporary
        assert sorted(p for p in polled if not p.endswith("records-changed")) == \
            ["mkdocs.yml"], polled  # neither the record folders nor the docs folder

        site.write("content/about.md", "# About\n\nWe meet on Thursdays.\n")
        assert "Thursdays" in wait_until(lambda: "Thursdays" in (p := _page(base + "about/"))
                                         and p)

        site.member("ada", name="Ada King")  # an edit
        assert "Ada King" in wait_until(lambda: "Ada King" in (p := _page(base + "members/ada/"))
                                    and p)
        site.member("alan", name="Alan Turing")  # a new file
        assert "Alan Turing" in wait_until(lambda: _page(base + "members/alan/"))
        (site.root / "members" / "grace.yml").unlink()  # a deleted one
        wait_until(lambda: "Grace Hopper" not in _page(base + "members/"))
        assert signals[0].exists()
    # Stopped as a person stops it (Ctrl-C): the signal file's folder is gone.
    assert not list(temporary.glob("mkdocs_community_watch_*"))


class _Server:
    """What the watcher needs of MkDocs' LiveReloadServer: the paths it is asked to watch."""

    def __init__(self, *watched: Path) -> None:
        self.watched: list[str] = [str(p) for p in watched]

    def watch(self, path: str) -> None:
        self.watched.append(path)

    def unwatch(self, path: str) -> None:
        self.watched.remove(path)  # a KeyError in MkDocs; a ValueError here would fail


class _FailingObserver:
    """An observer that cannot start, as inotify cannot past its watch limit."""

    def schedule(self, *args: Any, **kwargs: Any) -> None:
        raise OSError(28, "inotify watch limit reached")


def test_without_a_working_observer_mkdocs_watches_the_folders_as_before(
        tmp_path: Path) -> None:
    folders = [tmp_path / "members", tmp_path / "events"]
    for folder in folders:
        folder.mkdir()
    topics = tmp_path / "content" / "topics.yml"
    docs = tmp_path / "content"
    watcher = RecordWatcher(signal_dir=str(tmp_path), observer=_FailingObserver)
    server = _Server(docs)  # MkDocs watches the docs folder before plugins are asked
    watcher.watch(server, folders, [topics], take_over=[docs])
    assert server.watched == [str(docs), str(folders[0]), str(folders[1]), str(topics)]
    assert watcher.signal is None
    assert not list(tmp_path.glob("mkdocs_community_watch_*"))  # nothing left behind
