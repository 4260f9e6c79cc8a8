"""`mkdocs serve`: the record folders watched by the operating system, not by polling.

MkDocs 1.6 watches every path a plugin hands to ``server.watch`` with watchdog's
*polling* observer, which lists and stats every file under it twice a second, in the
serving process. For a community of 10,000 member files that is about a third of a core,
all the time the server runs, and it competes with every rebuild for the interpreter.

So the plugin watches its record folders itself, with the observer watchdog picks for
the platform (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows),
and hands MkDocs a single *signal file* to watch instead: any change to a record file
rewrites the signal file, and MkDocs' own watcher sees that one file change and rebuilds
as before. Where the platform has no such observer, or it cannot start (the inotify watch
limit reached), the folders are handed to MkDocs as they were.

The docs folder is taken over the same way: MkDocs watches it before plugins are asked,
and polling its files (hand-written pages and, in most communities, the resource,
spotlight, group and goal records: 1,600 files at 10,000 members) slowed every rebuild by
a quarter. Reading thousands of small files makes the build release and take back the
interpreter lock at each read, and each time the polling thread may hold it for the
switch interval. So once the native observer watches the docs folder, MkDocs is asked to
stop polling it (``LiveReloadServer.unwatch``); where the observer cannot start, MkDocs
keeps watching it as before.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.community")


class _Forward(FileSystemEventHandler):
    """Tells ``changed`` about each change of a file under a watched path."""

    def __init__(self, wanted: Callable[[str], bool], changed: Callable[[], None]) -> None:
        super().__init__()
        self._wanted = wanted
        self._changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed", "closed_no_write"):
            return  # opening and closing are not changes ("modified" says a file was)
        paths = (event.src_path, getattr(event, "dest_path", "") or "")
        if any(self._wanted(str(path)) for path in paths if path):
            self._changed()


class RecordWatcher:
    """Watches record folders and files; ``watch(server)`` hands MkDocs what to watch.

    ``signal_dir``: where the signal file's folder goes (the system's temporary folder by
    default).
    ``observer``: the observer class (the platform's by default; tests pass others).
    """

    def __init__(self, *, signal_dir: str | None = None,
                 observer: Callable[[], Any] = Observer) -> None:
        self._signal_dir = signal_dir
        self._observer_class = observer
        self._observer: Any = None
        self._folder: Path | None = None
        self._lock = threading.Lock()
        self.changes = 0
        self.signal: Path | None = None

    def watch(self, server: Any, folders: Sequence[Path], files: Sequence[Path], *,
              take_over: Sequence[Path] = ()) -> None:
        """Watch ``folders`` (with everything under them) and ``files`` for ``server``
        (MkDocs' LiveReloadServer), through the signal file where the platform allows.
        ``take_over``: folders MkDocs watches already, watched here instead when the
        platform allows, else left to MkDocs."""
        self.close()
        if self._start([*folders, *take_over], files):
            assert self.signal is not None
            server.watch(str(self.signal))
            for folder in take_over:
                # KeyError: MkDocs was not watching it (another plugin's doing).
                with contextlib.suppress(KeyError):
                    server.unwatch(str(folder))
            return
        for path in (*folders, *files):
            server.watch(str(path))

    def _start(self, folders: Sequence[Path], files: Sequence[Path]) -> bool:
        if self._observer_class is Observer and Observer is PollingObserver:
            return False  # no native observer here: MkDocs' own polling does the same
        self._folder = Path(tempfile.mkdtemp(prefix="mkdocs_community_watch_",
                                             dir=self._signal_dir))
        self.signal = self._folder / "records-changed"
        self.signal.write_text("x", encoding="utf-8")
        observer = self._observer_class()
        try:
            for folder in folders:
                observer.schedule(_Forward(lambda _path: True, self._changed), str(folder),
                                  recursive=True)
            # A single file is watched through its folder, other files there ignored.
            by_folder: dict[Path, set[str]] = {}
            for file in files:
                by_folder.setdefault(file.parent, set()).add(str(file))
            for folder, names in by_folder.items():
                observer.schedule(_Forward(names.__contains__, self._changed), str(folder),
                                  recursive=False)
            observer.start()
        except OSError as error:  # the inotify watch limit, a folder just deleted
            log.debug(f"community: watching record files by polling ({error})")
            self._remove_signal()
            return False
        self._observer = observer
        return True

    def _changed(self) -> None:
        """A record file changed: rewrite the signal file, so that MkDocs rebuilds."""
        with self._lock:
            self.changes += 1
            if self.signal is None:
                return
            try:
                # A new length each time: MkDocs' watcher compares size and time, and
                # two writes may fall within the file system's time resolution.
                self.signal.write_text("x" * (1 + self.changes % 2), encoding="utf-8")
            except OSError as error:  # a full disk, the temporary folder cleaned away
                log.warning(f"community: a record file changed, but the site cannot be "
                            f"told to rebuild ({error}); restart 'mkdocs serve'")

    def close(self) -> None:
        """Stop watching and remove the signal file (``mkdocs serve`` stops)."""
        if self._observer is not None:
            self._observer.stop()
            self._observer.join()
            self._observer = None
        self._remove_signal()

    def _remove_signal(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self._folder = self.signal = None
