"""OldSite (adapters/mkdocs/old_site.py): a build written over the last one's output ends
with exactly what MkDocs' cleaning and writing would have left. Driven here step by step
as MkDocs drives it; tests/test_reproducible.py builds real sites over earlier ones."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.utils import write_file

from mkdocs_community.adapters.mkdocs.old_site import PREFIX, OldSite

LAST_BUILD = 1_600_000_000  # the last build's files were written long before this one's


def last_build(site: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        os.utime(target, (LAST_BUILD, LAST_BUILD))


def everything(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): ("" if p.is_dir() else p.read_text())
            for p in sorted(site.rglob("*"))}


def test_the_last_output_is_written_over_and_what_this_build_did_not_write_goes(tmp_path):
    site = tmp_path / "site"
    last_build(site, {
        "index.html": "old home",
        "gone.html": "a page no longer made",
        "members/ada/index.html": "old ada",
        "members/bo/index.html": "bo's page, which this build skips (empty output)",
        "members/bo/photo.png": "a file of bo's folder no build makes now",
        "members/avatars/ada.png": "old avatar",
        "old-section/page/index.html": "a section no longer made",
        ".nojekyll": "",
        PREFIX + "interrupted/events/index.html": "left by an interrupted build",
    })
    (site / "members" / "cy" / "index.html").mkdir(parents=True)  # a folder in the way
    (site / "members" / "cy" / "index.html" / "x").write_text("")
    # Written over, these would change files outside the site (MkDocs deletes them).
    outside, snapshot = tmp_path / "outside.txt", tmp_path / "snapshot.html"
    outside.write_text("not the site's")
    (site / "members" / "dee").mkdir()
    (site / "members" / "dee" / "index.html").symlink_to(outside)
    snapshot.write_text("a snapshot of eve's page")
    (site / "members" / "eve").mkdir()
    os.link(snapshot, site / "members" / "eve" / "index.html")
    old = OldSite()

    old.set_aside(str(site))  # end of on_pre_build
    assert [p.name for p in site.iterdir() if not p.name.startswith(PREFIX)] == [".nojekyll"]
    assert len([p for p in site.iterdir() if p.name.startswith(PREFIX)]) == 1

    # MkDocs cleans (nothing left to clean); a plugin writes a file before on_env.
    old.cleaned()
    write_file(b"new avatar", str(site / "members/avatars/ada.png"))
    written = ["index.html", "members/ada/index.html", "members/cy/index.html",
               "members/dee/index.html", "members/eve/index.html"]
    outputs = [*written, "members/bo/index.html", "members/avatars/ada.png"]
    old.restore(outputs)  # on_env
    restored = (site / "members/ada/index.html").stat().st_ino
    for path in written:
        write_file(f"new {path}".encode(), str(site / path))  # as MkDocs writes pages
    old.restore(outputs)  # once is all
    old.finish()  # on_post_build

    assert everything(site) == {
        ".nojekyll": "",
        "index.html": "new index.html",
        "members": "",
        "members/ada": "",
        "members/ada/index.html": "new members/ada/index.html",
        "members/avatars": "",
        "members/avatars/ada.png": "new avatar",
        "members/cy": "",
        "members/cy/index.html": "new members/cy/index.html",
        "members/dee": "",
        "members/dee/index.html": "new members/dee/index.html",
        "members/eve": "",
        "members/eve/index.html": "new members/eve/index.html",
    }
    assert (site / "members/ada/index.html").stat().st_ino == restored  # written over
    assert outside.read_text() == "not the site's"
    assert snapshot.read_text() == "a snapshot of eve's page"


def test_a_build_that_fails_leaves_what_mkdocs_would(tmp_path):
    """MkDocs cleans right after on_pre_build. A build that fails before (another
    plugin's on_pre_build) leaves the last output where it was; one that fails after
    MkDocs cleaned leaves what it wrote and nothing of the last output but what it
    wrote over."""
    site = tmp_path / "site"
    files = {"index.html": "old", "members/ada/index.html": "old ada", ".nojekyll": ""}
    last_build(site, files)
    before = everything(site)
    old = OldSite()
    old.set_aside(str(site))
    old.finish()  # on_build_error, before cleaning
    assert everything(site) == before

    old.set_aside(str(site))
    old.cleaned()
    old.finish()  # on_build_error in another plugin's on_nav: cleaned, nothing written
    assert everything(site) == {".nojekyll": ""}

    last_build(site, files)
    old.set_aside(str(site))
    old.cleaned()
    old.restore(["index.html", "members/ada/index.html", "assets/x.css"])
    write_file(b"asset", str(site / "assets/x.css"))  # static files
    write_file(b"new", str(site / "index.html"))
    old.finish()  # on_build_error, while pages were written
    assert everything(site) == {".nojekyll": "", "assets": "", "assets/x.css": "asset",
                                "index.html": "new"}


def test_nothing_to_set_aside_in_a_first_build(tmp_path):
    old = OldSite()
    old.set_aside(str(tmp_path / "no-site-yet"))
    old.cleaned()
    old.restore(["index.html"])
    old.finish()
    assert not (tmp_path / "no-site-yet").exists()
