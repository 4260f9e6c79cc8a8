"""The helper process (parallel.py): same results, failures named, logs kept, bounded.

These fork real helper processes (the standard library's ProcessPoolExecutor with the
fork start method), also on a machine with one core (``only_if_faster=False``).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import subprocess
import sys
import threading
import time
import weakref

import pytest

from conftest import SiteFactory, env
from mkdocs_community.adapters import parallel
from mkdocs_community.adapters.parallel import (
    CollectorScope,
    Helper,
    HelperError,
    Prefetch,
    Sharing,
)

# Only where forking is unsafe (macOS), and never under CI, where a skip would hide that
# the helper processes went untested.
pytestmark = pytest.mark.skipif(parallel.fork_unsafe_reason() is not None
                                and not os.environ.get("CI"),
                                reason="this platform cannot fork")


def square_or_fail(n: int) -> int:
    if n == 77:
        raise ValueError("seventy-seven is not allowed")
    return n * n


def test_shared_work_gives_what_one_process_gives() -> None:
    sharing = Sharing(minimum=2, only_if_faster=False)
    items = list(range(200))
    assert sharing.map(lambda n: (n, os.getpid()), items)[:100] == [
        (n, os.getpid()) for n in range(100)]
    assert sharing.shared == 100
    results = sharing.map(lambda n: n * n, items)
    assert results == [n * n for n in items] and sharing.shared == 200
    far = sharing.map(lambda n: ("here", n), items, there=lambda n: ("there", n))
    assert far == [("here", n) for n in range(100)] + [("there", n) for n in range(100, 200)]


def test_a_failure_in_the_helper_names_the_item_and_keeps_its_traceback() -> None:
    sharing = Sharing(minimum=2, only_if_faster=False)
    with pytest.raises(HelperError) as raised:
        sharing.map(square_or_fail, list(range(100)), name=lambda n: f"item {n}")
    assert "item 77: ValueError: seventy-seven is not allowed" in str(raised.value)
    assert "square_or_fail" in str(raised.value.__cause__)  # the helper's traceback
    with pytest.raises(ValueError):  # the caller's own half fails as it would alone
        sharing.map(square_or_fail, list(range(200)))


def test_what_the_helper_logs_is_logged_by_the_caller(caplog: pytest.LogCaptureFixture
                                                       ) -> None:
    def warn() -> int:
        logging.getLogger("mkdocs.plugins.community").warning("from pid %s", os.getpid())
        return os.getpid()

    with caplog.at_level(logging.INFO), Helper([("warning", warn)]) as helper:
        pid = helper.result(0)
    assert pid != os.getpid()
    assert [r.getMessage() for r in caplog.records] == [f"from pid {pid}"]
    assert caplog.records[0].levelno == logging.WARNING
    assert caplog.records[0].name == "mkdocs.plugins.community"


def test_no_helper_in_a_process_that_runs_threads() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.fork_unsafe_reason() == "this process runs several threads"
        sharing = Sharing(minimum=2, only_if_faster=False)
        assert sharing.map(lambda n: os.getpid(), list(range(100))) == [os.getpid()] * 100
        assert sharing.shared == 0
        with pytest.raises(RuntimeError, match="several threads"):
            Helper([("nothing", lambda: None)])
    finally:
        stop.set()
        thread.join()


def test_prefetch_works_ahead_by_a_bounded_number_of_chunks() -> None:
    """The caller here takes 2 ms a key (as MkDocs does a page), the helper nothing: it
    keeps ahead, never by more than ``ahead`` chunks."""
    keys = [f"page-{n}" for n in range(300)]
    prefetch = Prefetch(keys, lambda key: (os.getpid(), key), chunk=10, ahead=3)
    try:
        found = []
        for key in keys:
            assert prefetch.waiting <= 3
            found.append(prefetch.take(key))
            time.sleep(0.002)
    finally:
        prefetch.close()
    assert found[:10] == [None] * 10  # the caller's own first chunk
    by_helper = [f for f in found if f is not None]
    assert len(by_helper) == prefetch.taken >= 250
    assert all(pid != os.getpid() for pid, _ in by_helper)
    assert [key for _, key in by_helper] == [k for k, f in zip(keys, found, strict=True) if f]


def test_prefetch_failure_names_the_key() -> None:
    # Set in the helper when it reaches the failing key: its chunk is then under way, and
    # the caller can no longer take it back to do itself (which it does with a chunk the
    # helper has not started, and which would make this test pass or fail by timing).
    reached = multiprocessing.get_context("fork").Event()

    def render(key: str) -> str:
        if key == "page-55":
            reached.set()
            raise KeyError("no template")
        return key

    keys = [f"page-{n}" for n in range(100)]
    prefetch = Prefetch(keys, render, chunk=10, ahead=8)
    try:
        deadline = time.monotonic() + 60
        while not reached.is_set():  # polled: a timed wait lasts a year under faketime
            assert time.monotonic() < deadline, "the helper never reached page-55"
            time.sleep(0.01)
        with pytest.raises(HelperError, match="page-55: KeyError"):
            for key in keys:
                prefetch.take(key)
    finally:
        prefetch.close()


def test_the_collector_is_handed_back_when_the_build_ends() -> None:
    """Paused while the data is made; then young collections only, of new objects; at
    the end, everything as it was."""
    assert gc.isenabled() and gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    scope = CollectorScope()
    scope.pause()
    assert not gc.isenabled()
    scope.keep_off_existing()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    young, middle, full = gc.get_threshold()
    assert (young, middle) == thresholds[:2] and full >= 1_000_000
    scope.end()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds


def test_serve_frees_what_a_build_left_while_it_waits_not_when_the_next_build_starts(
        ) -> None:
    full: list[str] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(phase)

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    gc.disable()  # only the collections the scope asks for
    gc.callbacks.append(count)
    try:
        scope = CollectorScope()
        left = weakref.ref(Cycle())
        scope.collect_when_idle(delay=0.01)
        deadline = time.monotonic() + 10
        while left() is not None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert left() is None and len(full) == 1  # freed while nothing was building
        scope.pause(collect_first=True)
        assert len(full) == 1  # the next build does not collect again
        scope.end()

        # An edit before the server was idle: the next build collects, once.
        scope.collect_when_idle(delay=60)
        scope.pause(collect_first=True)
        assert len(full) == 2
        scope.end()
        scope.close()
        assert len(full) == 2
    finally:
        gc.callbacks.remove(count)
        gc.enable()


# Run as `mkdocs build` runs, with an exit handler registered before the build's: exit
# handlers run last-registered first, so this one sees what the build left for the exit.
_BUILD_THEN_REPORT = """
import atexit, gc, sys
atexit.register(lambda: print(f"frozen at exit: {gc.get_freeze_count()}"))
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--quiet"]
cli()
"""


@pytest.mark.parametrize("speedups", ["1", "0"])
def test_a_build_leaves_its_objects_to_the_process_exit(site: SiteFactory, speedups: str
                                                        ) -> None:
    """CPython's collector walks and frees the build's objects as the process shuts down
    (a million at 10,000 members: 4 s); after `mkdocs build` they are left to the
    operating system."""
    site.member("ada", bio="Writes *compilers*.")
    site._write_config()
    proc = subprocess.run([sys.executable, "-c", _BUILD_THEN_REPORT], cwd=site.root,
                          env={**env(), "COMMUNITY_SPEEDUPS": speedups},
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (site.root / "site" / "members" / "ada" / "index.html").is_file()
    frozen = int(proc.stdout.rsplit("frozen at exit: ", 1)[1])
    if speedups == "1":
        assert frozen > 10_000
    else:
        assert frozen == 0
