"""A second core: work done by a forked helper process, its results sent back pickled.

Python runs one thread of Python code at a time, and a build on a two-core machine has
the second core idle. Forking a helper is the cheapest way to use it: the helper starts
with everything the parent has made so far (nothing is copied until written), computes
its share, and sends the results over a pipe. Whatever the helper does not deliver, the
caller computes itself, so a failed helper costs time, never correctness.

Forking is safe only in a process with a single thread: callers decide (``mkdocs serve``
runs threads and never forks).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork") and cores() > 1


def fork(work: Callable[[IO[bytes]], None]) -> tuple[int, IO[bytes]]:
    """Run ``work(out)`` in a forked helper that then exits; (its pid, the reading end).

    Everything made so far is first moved out of the garbage collector's sight: a
    collection walks (and so writes to) every tracked object, which after a fork would
    copy the whole shared heap into both processes. ``gc.unfreeze()`` hands it back.
    """
    read_fd, write_fd = os.pipe()
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # the helper
        os.close(read_fd)
        try:
            with os.fdopen(write_fd, "wb", buffering=1 << 16) as out:
                work(out)
        except BaseException:  # the caller computes whatever is missing
            pass
        finally:
            os._exit(0)
    os.close(write_fd)
    return pid, os.fdopen(read_fd, "rb", buffering=1 << 16)


def send(out: IO[bytes], value: Any) -> None:
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    out.write(len(data).to_bytes(8, "little"))
    out.write(data)
    out.flush()


def receive(source: IO[bytes]) -> Any:
    """The next value sent; EOFError when the helper sent no more."""
    head = source.read(8)
    if len(head) < 8:
        raise EOFError
    data = source.read(int.from_bytes(head, "little"))
    if len(data) < int.from_bytes(head, "little"):
        raise EOFError
    return pickle.loads(data)


def reap(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def map_on_two_cores(fn: Callable[[T], R], items: Sequence[T],
                     remote: Callable[[T], R] | None = None) -> list[R]:
    """``[fn(item) for item in items]``, the second half computed by a helper process.

    ``remote`` is what the helper computes instead of ``fn`` (for example, results
    without what is costly to send back); it must give what the caller can use in place
    of ``fn``'s result.
    """
    if len(items) < 64 or not can_fork():
        return [fn(item) for item in items]
    half = len(items) // 2
    far = remote or fn
    pid, source = fork(lambda out: send(out, [far(item) for item in items[half:]]))
    results = [fn(item) for item in items[:half]]
    try:
        with source:
            theirs = receive(source)
    except Exception:
        theirs = None
    finally:
        reap(pid)
    if not isinstance(theirs, list) or len(theirs) != len(items) - half:
        theirs = [fn(item) for item in items[half:]]
    return results + theirs
