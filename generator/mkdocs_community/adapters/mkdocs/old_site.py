"""`mkdocs build`: the last build's output deleted beside the new build, not before it.

MkDocs empties ``site_dir`` right after ``on_pre_build``, but for hidden entries
(``mkdocs.utils.clean_directory``). A community of 10,000 members leaves 13,000 page
folders there: deleting them took 3 to 4 s of every repeated build, in which nothing else
happened. So the plugin's ``on_pre_build``, once the community has loaded and its pages
are made (a build that fails there leaves the last site untouched, as MkDocs does), moves
every entry MkDocs would delete into one hidden folder of ``site_dir`` (a rename each: a
few dozen), and a forked process (``parallel.Background``) deletes that folder while this
process reads the pages and builds them; MkDocs then finds nothing to clean.
``on_post_build`` waits for the deletion and removes whatever it left, so a build ends
with ``site_dir`` exactly as MkDocs' own cleaning and writing leave it. A folder left by
a build that was interrupted (hidden, so MkDocs never deletes it) is deleted by the next
one.

Only where the build may fork helpers anyway (``mkdocs build`` on more than one core, no
threads) and cleans (not ``--dirty``); elsewhere MkDocs cleans as usual. An entry that
cannot be moved is left for MkDocs to delete.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from functools import partial

from mkdocs_community.adapters import parallel

log = logging.getLogger("mkdocs.plugins.community")
# The hidden folders the last build's output waits in to be deleted.
PREFIX = ".mkdocs-community-old-site-"


def _delete(folders: Sequence[str]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)  # as MkDocs' cleaning does


class OldSite:
    """The last build's output, being deleted while this build runs."""

    def __init__(self) -> None:
        self._folders: list[str] = []
        self._deleting: parallel.Background | None = None

    def set_aside(self, site_dir: str) -> None:
        """Move what MkDocs would delete from ``site_dir`` into a hidden folder and start
        deleting it in a helper process (``on_pre_build``, before MkDocs cleans)."""
        self.finish()
        try:
            entries = os.listdir(site_dir)
        except OSError:  # no site_dir yet (a first build): nothing to clean
            return
        names = [name for name in entries if not name.startswith(".")]
        leftovers = [os.path.join(site_dir, name) for name in entries
                     if name.startswith(PREFIX)]
        if not names and not leftovers:
            return
        folder = ""
        if names:
            try:
                folder = tempfile.mkdtemp(prefix=PREFIX, dir=site_dir)
                for name in names:
                    os.rename(os.path.join(site_dir, name), os.path.join(folder, name))
            except OSError as error:  # MkDocs deletes whatever is still there
                log.debug(f"community: the last build's output stays for MkDocs to clean "
                          f"({error})")
        self._folders = [*leftovers, *([folder] if folder else [])]
        try:
            self._deleting = parallel.Background(partial(_delete, self._folders))
        except (OSError, RuntimeError) as error:  # no process to be had: deleted here
            log.debug(f"community: deleting the last build's output here ({error})")
            _delete(self._folders)
            self._folders = []
            return
        log.debug(f"community: the last build's output is deleted by a helper process "
                  f"(pid {self._deleting.pid}) while this build runs")

    def finish(self) -> None:
        """Wait for the deletion; delete here whatever it left (``on_post_build``, or a
        failed build)."""
        deleting, self._deleting = self._deleting, None
        if deleting is None:
            return
        if not deleting.finish():
            log.debug("community: the helper process deleting the last build's output "
                      "failed; deleting it here")
        _delete([folder for folder in self._folders if os.path.lexists(folder)])
        self._folders = []
