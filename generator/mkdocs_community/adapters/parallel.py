"""A second core for the adapters: work shared with one forked helper process.

Python runs one thread of Python code at a time, so a build on a two-core machine leaves
the second core idle. The adapters (``community`` commands, ``mkdocs build``) hand a
share of their work to a helper process made with the standard library's
``ProcessPoolExecutor`` and the *fork* start method, and do the rest themselves. Fork,
chosen explicitly, because the helper's work reads the build's own objects (10,000 validated
records, the settings, the site being made): a forked child starts with all of them, where
``spawn`` or ``forkserver`` would pickle them over, which costs about what the helper saves.

What the helper computes comes back pickled, or its exception comes back with the name of
what failed and the helper's traceback: nothing is dropped, and nothing is recomputed
behind the caller's back. What the helper logs comes back too, and is logged here, so that
warnings show (and count for ``mkdocs build --strict``) as if this process had done the work.

Forking is only safe in a process that runs one thread (a forked child gets one copy of
one thread; a lock held by another thread stays locked forever): :func:`fork_unsafe_reason`
says when not to, :func:`helper_unhelpful_reason` also when a helper would not be faster
(one core), and callers then do everything themselves. ``mkdocs serve`` runs threads.
"""

from __future__ import annotations

import atexit
import gc
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
# Fewer items than this are done in the calling process: a helper costs ~20 ms to start.
MIN_SHARED = 64


class HelperError(RuntimeError):
    """Work done in the helper process failed; says what, with the helper's traceback as
    the ``__cause__``."""


def cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fork_unsafe_reason() -> str | None:
    """Why this process must not fork a helper now, or None when it may."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return "this platform cannot fork"
    if sys.platform == "darwin":  # Python's documentation: macOS libraries may use threads
        return "forking is unsafe on macOS"
    if threading.active_count() > 1:
        return "this process runs several threads"
    return None


def helper_unhelpful_reason() -> str | None:
    """Why a helper process would not make work faster now (or be unsafe), or None."""
    if cores() < 2:
        return "this process may use one core only"
    return fork_unsafe_reason()


@dataclass(frozen=True)
class _Logged:
    """A log record made in the helper, sent back to be logged by the caller."""

    name: str
    level: int
    message: str


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[_Logged] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(_Logged(record.name, record.levelno, record.getMessage()))


class _Adopted:
    """The helper's tasks and its log capture. Each helper process makes one, in its
    initializer; the tasks reach the helper by fork, never pickled."""

    tasks: Sequence[tuple[str, Callable[[], Any]]] = ()
    capture: _Capture | None = None


def _adopt(tasks: Sequence[tuple[str, Callable[[], Any]]]) -> None:
    """Initializer of the helper process."""
    gc.enable()  # the parent paused its collector; its objects are frozen (see Helper)
    capture = _Capture()
    # Everything logged is sent back and logged by the parent: nothing prints twice, and
    # the parent's handlers (MkDocs' warning counter for --strict among them) see it.
    # Every logger's handlers go (ProperDocs hangs "mkdocs" under its own logger, which
    # does not propagate), and every record reaches the root's capture.
    loggers = [logging.getLogger(), *(logger for logger in logging.Logger.manager.loggerDict
                                      .values() if isinstance(logger, logging.Logger))]
    for logger in loggers:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.propagate = True
    logging.getLogger().addHandler(capture)
    _Adopted.tasks, _Adopted.capture = tasks, capture


def _run(index: int) -> tuple[Any, list[_Logged]]:
    """Run task ``index`` in the helper: (its value, what it logged)."""
    label, task = _Adopted.tasks[index]
    capture = _Adopted.capture
    assert capture is not None
    capture.records = []
    try:
        value = task()
    except Exception as error:
        raise HelperError(f"{label}: {type(error).__name__}: {error}") from error
    return value, capture.records


class Helper:
    """One forked helper process that runs ``tasks`` one after another, in order, while
    the caller goes on with its own share of the work.

    Use it as a context manager; :meth:`result` gives each task's value (waiting for it).
    """

    def __init__(self, tasks: Sequence[tuple[str, Callable[[], Any]]], *,
                 start: bool = True) -> None:
        reason = fork_unsafe_reason()
        if reason is not None:
            raise RuntimeError(f"cannot start a helper process: {reason}")
        self.labels = [label for label, _ in tasks]
        # Everything made so far is moved out of the collector's sight before the fork: a
        # collection in either process would otherwise touch every shared object and copy
        # the whole heap (Python's documented use of gc.freeze). Thawed by `close`.
        gc.freeze()
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("fork"),
            initializer=_adopt, initargs=(tasks,))
        self._futures: list[Future[tuple[Any, list[_Logged]]] | None] = [
            self.submit(index) if start else None for index in range(len(tasks))]

    def submit(self, index: int) -> Future[tuple[Any, list[_Logged]]]:
        """Queue task ``index`` (all are queued at the start unless ``start=False``)."""
        return self._pool.submit(_run, index)

    def result(self, index: int) -> Any:
        """The value of task ``index``; raises :class:`HelperError` if it failed."""
        future = self._futures[index]
        assert future is not None, "task not submitted"
        return self.value(future, index)

    def value(self, future: Future[tuple[Any, list[_Logged]]], index: int) -> Any:
        """The value a submitted task gave, its log records logged here."""
        try:
            value, logged = future.result()
        except HelperError:
            raise
        except BrokenProcessPool as error:
            raise HelperError(f"{self.labels[index]}: the helper process ended unexpectedly"
                              ) from error
        for record in logged:
            logging.getLogger(record.name).log(record.level, record.message)
        return value

    def close(self) -> None:
        """Stop the helper (a task still running is finished first) and thaw the heap."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()

    def __enter__(self) -> Helper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _share(there: Callable[[T], R], items: Sequence[T], name: Callable[[T], str]
           ) -> list[R]:
    results = []
    for item in items:
        try:
            results.append(there(item))
        except Exception as error:
            raise HelperError(f"{name(item)}: {type(error).__name__}: {error}") from error
    return results


@dataclass
class Sharing:
    """When :meth:`map` hands half of the items to a helper process, and how often it did.

    ``minimum``: fewer items are done here (a helper costs ~20 ms to start).
    ``only_if_faster``: not on a machine (or CPU affinity) with a single core, where a
    helper only adds work; tests turn it off to exercise the helper anywhere.
    """

    minimum: int = MIN_SHARED
    only_if_faster: bool = True
    shared: int = 0  # items the helper computed

    def why_not(self, count: int) -> str | None:
        if count < max(self.minimum, 2):
            return "too few items"
        return helper_unhelpful_reason() if self.only_if_faster else fork_unsafe_reason()

    def map(self, here: Callable[[T], R], items: Sequence[T], *,
            there: Callable[[T], R] | None = None,
            name: Callable[[T], str] = str) -> list[R]:
        """``[here(item) for item in items]``, the second half computed by a helper.

        ``there`` is what the helper computes instead of ``here`` (for example, results
        without what costs more to send back than to make again); the caller must be able
        to use them in place of ``here``'s. A failing item raises :class:`HelperError`
        naming it (``name(item)``).
        """
        if self.why_not(len(items)) is not None:
            return [here(item) for item in items]
        half = len(items) // 2
        theirs = items[half:]
        far = there or here
        with Helper([(f"{len(theirs)} items", lambda: _share(far, theirs, name))]) as helper:
            mine = [here(item) for item in items[:half]]
            result = mine + helper.result(0)
        self.shared += len(theirs)
        return result


def _compute_all(compute: Callable[[str], T], keys: Sequence[str]) -> dict[str, T]:
    results = {}
    for key in keys:
        try:
            results[key] = compute(key)
        except Exception as error:
            raise HelperError(f"{key}: {type(error).__name__}: {error}") from error
    return results


class Prefetch(Generic[T]):
    """``compute(key)`` for keys the caller will ask for in order, worked out ahead by a
    helper process, at most ``ahead`` chunks of ``chunk`` keys ahead of the caller.

    :meth:`take` gives the helper's value for a key when the helper has it (waiting if
    the helper is working on it), or None when the caller should compute it: the helper
    never got to it. The bound keeps what waits to be taken small.
    """

    def __init__(self, keys: Sequence[str], compute: Callable[[str], T], *,
                 chunk: int = 64, ahead: int = 4) -> None:
        self._chunks = [list(keys[i:i + chunk]) for i in range(0, len(keys), chunk)]
        self._chunk_of = {key: n for n, part in enumerate(self._chunks) for key in part}
        self._ahead = ahead
        self._futures: dict[int, Any] = {}
        self._results: dict[int, dict[str, T]] = {}
        self.taken = 0
        self.waited = 0.0  # seconds the caller waited for the helper
        self._helper = Helper([(f"{part[0]} and {len(part) - 1} more",
                                partial(_compute_all, compute, part))
                               for part in self._chunks], start=False)
        self._submitted = 0  # the caller does the first chunk itself
        self._submit_up_to(self._ahead)

    def _submit_up_to(self, last: int) -> None:
        while self._submitted < min(last, len(self._chunks) - 1):
            self._submitted += 1
            self._futures[self._submitted] = self._helper.submit(self._submitted)

    def take(self, key: str) -> T | None:
        number = self._chunk_of.get(key)
        if number is None:
            return None
        self._submit_up_to(number + self._ahead)
        if number not in self._results:
            future = self._futures.pop(number, None)
            if future is None or future.cancel():
                self._results[number] = {}
            else:
                started = time.perf_counter()
                self._results[number] = self._helper.value(future, number)
                self.waited += time.perf_counter() - started
        found = self._results[number].pop(key, None)
        if not self._results[number]:
            del self._results[number]
        if found is not None:
            self.taken += 1
        return found

    @property
    def waiting(self) -> int:
        """Chunks handed to the helper that the caller has not reached (at most
        ``ahead``)."""
        return len(self._futures)

    def close(self) -> None:
        self._helper.close()


# A full collection's threshold that a build never reaches (young collections, each
# counted once towards it, happen a few hundred times in a 10,000-member build).
NO_FULL_COLLECTION = 1_000_000_000
# How soon an idle collection that has not started yet gives way to a new build.
IDLE_STEP = 0.05


class CollectorScope:
    """The cyclic garbage collector's settings for one build, restored when it ends.

    Loading and generating make hundreds of thousands of small objects and no garbage
    cycles; the collector would walk all of them again and again as they pile up (a
    quarter of the time of loading 10,000 members), and again throughout MkDocs' page
    building, where they all live to the end. So: the collector is paused while the data
    is made (:meth:`pause`), then runs for new objects only (:meth:`keep_off_existing`),
    and :meth:`end` hands everything back to it.
    """

    def __init__(self) -> None:
        self._was_enabled: bool | None = None
        self._thresholds: tuple[int, int, int] | None = None
        self._idle: threading.Thread | None = None
        self._called_off = threading.Event()
        self._idle_done = threading.Event()

    def pause(self, *, collect_first: bool = False) -> None:
        """Stop collecting; ``collect_first``: free what an earlier build left first
        (``mkdocs serve`` runs one build after another in one process), unless that was
        done while the server waited (:meth:`collect_when_idle`)."""
        if self._was_enabled is None:
            if not self._wait_for_idle_collection() and collect_first:
                gc.collect()
            self._was_enabled = gc.isenabled()
            gc.disable()

    def collect_when_idle(self, delay: float = 0.5) -> None:
        """Free what this build left behind ``delay`` seconds after it ended, in a thread,
        rather than at the start of the next rebuild: the full collection of a large
        site's objects takes about a second (1.25 million objects at 10,000 members),
        which `mkdocs serve` otherwise adds to the next edit's wait. The delay lets the
        browsers load the rebuilt page first (a local request: milliseconds); a longer
        one (a second, measured) ran the collection into an edit saved two seconds after
        the last, which then waited for it."""
        self._wait_for_idle_collection()
        self._called_off.clear()
        self._idle_done.clear()
        self._idle = threading.Thread(target=self._collect_idle, args=(delay,), daemon=True,
                                      name="community-idle-collection")
        self._idle.start()

    def _collect_idle(self, delay: float) -> None:
        # Short sleeps, not a timed wait: a wait's deadline is taken from a clock that a
        # shifted clock (libfaketime, in the tests) moves, a sleep's length is not.
        end = time.monotonic() + delay
        while time.monotonic() < end:
            if self._called_off.is_set():
                return
            time.sleep(IDLE_STEP)
        if not self._called_off.is_set():
            gc.collect()
            self._idle_done.set()

    def _wait_for_idle_collection(self) -> bool:
        """Whether an idle collection ran since the last build; one still to come is
        called off (within :data:`IDLE_STEP`), one under way is waited for."""
        thread, self._idle = self._idle, None
        if thread is None:
            return False
        self._called_off.set()
        thread.join()
        return self._idle_done.is_set()

    def close(self) -> None:
        """No collection left to come and no thread left (the server stops), and the
        collector as it was (a build that never reached its end, interrupted say)."""
        self._wait_for_idle_collection()
        self.end()

    def keep_off_existing(self) -> None:
        """Collect again, but only objects made from now on (each page's HTML), and only
        the young ones: what outlives two young collections mostly lives to the end of
        the build (pages' tables of contents, search entries), and a full collection of
        it found 68,000 objects and took 0.8 s in a 10,000-member build."""
        if self._was_enabled is not None:
            gc.freeze()
            self._thresholds = gc.get_threshold()
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, NO_FULL_COLLECTION)
            gc.enable()

    @staticmethod
    def leave_to_exit() -> None:
        """At the interpreter's exit, leave every object to the operating system instead
        of collecting them first: for a process that ends after one build.

        While CPython shuts down, its collector walks every object still alive and,
        as the modules are cleared, finds the build's objects (about a million at
        10,000 members, most of them in reference cycles) and frees them one by one:
        4 s of a 25 s `mkdocs build`, 0.15 s with this. The objects are moved out of the
        collector's sight (``gc.freeze``) by an exit handler, so a program that goes on
        after the build is not affected until it ends. What is skipped is only the
        finalizing of reference cycles still alive at exit, which Python does not
        promise either ("It is not guaranteed that __del__() methods are called for
        objects that still exist when the interpreter exits"); exit handlers, logging's
        among them, and ``weakref.finalize`` callbacks run as before.
        """
        atexit.unregister(gc.freeze)  # once, however many builds the process runs
        atexit.register(gc.freeze)

    def end(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
        if self._was_enabled is not None:
            gc.unfreeze()
            if self._was_enabled:
                gc.enable()
            else:
                gc.disable()
            self._was_enabled = None

    def __enter__(self) -> CollectorScope:
        self.pause()
        return self

    def __exit__(self, *exc: object) -> None:
        self.end()
