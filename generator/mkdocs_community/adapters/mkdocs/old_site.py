"""`mkdocs build` over an earlier build: the last output written over, not deleted.

MkDocs empties ``site_dir`` right after ``on_pre_build`` (``mkdocs.utils.clean_directory``,
which keeps hidden entries) and, from the end of ``on_env``, writes every file anew: at
10,000 members, 13,000 page folders deleted and as many folders and files created again.
On ext4, creating files where many were just deleted is slow (the file system passes
over the recently freed inodes one by one): measured on the benchmark's machine, creating
the 13,300 pages after such a deletion took 4 to 7 s of system time, writing them over
the last ones 0.5 to 0.7 s; deleting the last output in a helper process while the pages
were written (this module's first version) made it worse, up to 9 s.

So, for a build that cleans (not ``--dirty``):

1. ``on_pre_build`` ends with :meth:`OldSite.set_aside`: every entry MkDocs would delete
   is moved into one hidden folder of ``site_dir`` (a rename each), so MkDocs finds
   nothing to clean. ``on_files`` tells it MkDocs has cleaned (:meth:`OldSite.cleaned`).
2. ``on_env``, the last event before MkDocs writes (it copies the static files, then
   renders the theme's templates and the pages), calls :meth:`OldSite.restore` with
   every file the build writes: those files and their folders are moved back wherever
   nothing was written yet, so MkDocs writes over the last ones, static files and pages
   alike. Each file moved back is remembered as it was written.
3. ``on_post_build`` (or a failed build) calls :meth:`OldSite.finish`: every file moved
   back that this build did not write (its modification time, size and inode as they
   were) is deleted, then the folders that left empty, then the hidden folder. A build
   that failed before MkDocs cleaned gets the last output back where it was; one that
   failed after leaves what MkDocs' cleaning and writing would.

The folder ends exactly as MkDocs' cleaning and writing leave it (tests/test_old_site.py,
tests/test_reproducible.py). An entry that cannot be moved is left for MkDocs to delete.
Only where no plugin but known ones runs after cleaning (this one, the search plugins,
which write their files every build): another could write a file only where none is,
find the last one and have it deleted in step 3.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable

log = logging.getLogger("mkdocs.plugins.community")
# The hidden folder the last build's output waits in while MkDocs cleans.
PREFIX = ".mkdocs-community-old-site-"
# Plugin events after the last output is put back (on_env), in which a plugin could
# write to site_dir.
AFTER_PUT_BACK = ("pre_template", "template_context", "post_template", "page_context",
                  "post_page", "post_build")


class OldSite:
    """The last build's output, set aside while MkDocs cleans and written over after."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._site_dir = ""
        self._aside = ""
        # Each file (or link) put back, and how it was written (a rename keeps that).
        self._files: dict[str, tuple[int, int, int]] = {}
        self._folders: list[str] = []  # the restored folders, parents first
        self._restored = False
        self._cleaned = False

    def set_aside(self, site_dir: str) -> None:
        """Move what MkDocs would delete from ``site_dir`` into a hidden folder
        (the end of ``on_pre_build``; MkDocs cleans right after)."""
        self.finish()
        try:
            entries = os.listdir(site_dir)
        except OSError:  # no site_dir yet (a first build): nothing to clean
            return
        # A folder an interrupted build left (hidden, so MkDocs never deletes it).
        _delete(os.path.join(site_dir, name) for name in entries if name.startswith(PREFIX))
        names = [name for name in entries if not name.startswith(".")]
        if not names:
            return
        try:
            self._aside = tempfile.mkdtemp(prefix=PREFIX, dir=site_dir)
        except OSError as error:
            log.debug(f"community: the last build's output stays for MkDocs to clean ({error})")
            return
        self._site_dir = site_dir
        for name in names:
            try:
                os.rename(os.path.join(site_dir, name), os.path.join(self._aside, name))
            except OSError as error:  # MkDocs deletes whatever is still there
                log.debug(f"community: {name} stays for MkDocs to clean ({error})")

    def cleaned(self) -> None:
        """MkDocs has cleaned ``site_dir``: a build that fails from now on leaves what
        its cleaning left, not the last output."""
        self._cleaned = True

    def restore(self, outputs: Iterable[str]) -> None:
        """Move the last output back where this build writes and has written nothing yet
        (``on_env``). ``outputs``: the paths of the files this build writes, relative to
        ``site_dir`` with ``/``. Everything else stays aside, to be deleted: an old file
        where a folder is needed, say, would stop MkDocs."""
        if self._restored or not self._aside:
            return
        self._restored = True
        files = set(outputs)
        folders = {path[:i] for path in files for i, c in enumerate(path) if c == "/"}
        try:
            self._merge(self._aside, self._site_dir, "", files, folders)
        except OSError as error:  # what is still aside is deleted at the end
            log.debug(f"community: the last build's output only partly put back ({error})")
        log.debug(f"community: {len(self._files)} files of the last build put back, to be "
                  "written over")

    def _merge(self, source: str, target: str, relative: str, files: set[str],
               folders: set[str]) -> None:
        with os.scandir(source) as entries:
            for entry in entries:
                path = relative + entry.name
                kind = _kind(entry)
                if path not in (folders if kind is FOLDER else files if kind is FILE else ()):
                    continue  # not written by this build: deleted with the hidden folder
                there = os.path.join(target, entry.name)
                if os.path.lexists(there):  # written already (static files, say)
                    if kind is FOLDER and os.path.isdir(there) and not os.path.islink(there):
                        self._merge(entry.path, there, path + "/", files, folders)
                    continue
                try:
                    os.rename(entry.path, there)
                except OSError:
                    continue
                if kind is FOLDER:
                    self._record(there, path + "/", files, folders)
                else:
                    self._files[there] = _written(os.lstat(there))

    def _record(self, folder: str, relative: str, files: set[str], folders: set[str]
                ) -> None:
        """Remember the files ``folder`` (put back whole) holds. What MkDocs must not
        write over is deleted, as its cleaning would have: what is in the build's way
        (a file where it needs a folder, or the other way round), and a file that is not
        one file of its own (a link, which MkDocs would write through, or a hard link,
        whose other names would change too) or that MkDocs may not write."""
        self._folders.append(folder)
        try:
            listed = list(os.scandir(folder))
        except OSError:  # unreadable: deleted, as MkDocs' cleaning would
            _delete([folder])
            return
        for entry in listed:
            path = relative + entry.name
            kind = _kind(entry)
            if kind is FOLDER and path not in files:
                self._record(entry.path, path + "/", files, folders)
            elif kind is FILE and path not in folders:
                self._files[entry.path] = _written(entry.stat(follow_symlinks=False))
            elif kind is FOLDER:
                _delete([entry.path])
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)

    def finish(self) -> None:
        """Delete what this build did not write of the last output (``on_post_build``,
        or a failed build), and the hidden folder. A build that failed before MkDocs
        cleaned leaves the last output where it was, as MkDocs does."""
        if self._aside and not self._restored and not self._cleaned:
            for name in _listed(self._aside):
                with contextlib.suppress(OSError):
                    if not os.path.lexists(os.path.join(self._site_dir, name)):
                        os.rename(os.path.join(self._aside, name),
                                  os.path.join(self._site_dir, name))
        for path, before in self._files.items():
            with contextlib.suppress(OSError):
                if _written(os.lstat(path)) == before:  # not written by this build
                    os.unlink(path)
        for folder in reversed(self._folders):  # children before their parents
            with contextlib.suppress(OSError):
                os.rmdir(folder)  # left empty: a build makes no empty folder
        if self._aside:
            _delete([self._aside])
        self._reset()


FOLDER, FILE, OTHER = "folder", "file", "other"


def _kind(entry: os.DirEntry[str]) -> str:
    """A folder, a file MkDocs may write over, or anything else (see ``_record``)."""
    if entry.is_dir(follow_symlinks=False):
        return FOLDER
    if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_nlink == 1 \
            and os.access(entry.path, os.W_OK):
        return FILE
    return OTHER


def _listed(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _written(status: os.stat_result) -> tuple[int, int, int]:
    """What writing a file changes: its modification time (to the time of writing, long
    after the last build wrote it), and its size, most often. Its inode only if replaced."""
    return status.st_ino, status.st_size, status.st_mtime_ns


def _delete(folders: Iterable[str]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)  # as MkDocs' cleaning does
