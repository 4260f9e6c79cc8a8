"""`mkdocs serve` rebuilds that leave unchanged generated pages out of MkDocs' page pipeline.

After an edit, MkDocs rebuilds the whole site: it cleans ``site_dir`` and runs every page
through its pipeline (read, convert, theme template, ``on_post_page``, write), 13,300 pages
at 10,000 members, though one member's edit changes a handful of them. This module lets a
rebuild skip the generated pages it can show to be unchanged, with MkDocs' plugin events
and public APIs only.

**What a generated page's HTML is made of.** A generated record page outside the nav (a
profile, an event, ...) has an empty Markdown source; everything MkDocs and the theme put
into it comes from

* its :class:`~mkdocs_community.core.build.PageSpec` (title, description, ``hide``,
  search options, source for the edit link, image and context for the link preview,
  section, URL) and its body, as the plugin's renderer gives it (which may read more
  than the spec: see ``render.RenderMemo``); the search document and keywords are
  functions of the spec, the settings, the topics and the language;
* what every page shares: the configuration (``mkdocs.yml`` and what it inherits, the
  loaded configuration's values, the plugins), the theme's templates (a ``custom_dir``
  by content, the installed theme by file size and time), the nav (checked in
  ``on_nav``), the hand-written pages (by content: the nav's titles come from them), the
  list of files and pages in order, the topics file, the plugin's settings and feed
  links, and the build date (``SOURCE_DATE_EPOCH``).

A page whose spec and body equal those of the last complete build, in a site whose shared
fingerprint is the same, gets the same bytes: the last build's file stays where it is, and
its search entries are put back into Material's index at their place in page order.
``sitemap.xml`` and ``sitemap.xml.gz``, which MkDocs makes from every page, are the last
complete build's (the same pages, URLs and date give the same sitemap).

**Keeping files without copying them.** MkDocs empties ``site_dir`` before every build
except for hidden entries (``mkdocs.utils.clean_directory``); deleting 13,300 page folders
and making them again took a third of a rebuild. So ``on_pre_build`` moves the last
build's output into a hidden folder of ``site_dir`` (a few renames), and once
``on_files`` knows which pages are kept, everything else of the last build is deleted
there and the rest moved back, before MkDocs writes anything. What MkDocs then writes is
what a fresh build writes; the folder after the build is byte for byte a fresh build's.
Should MkDocs one day clean hidden entries too, the last build is simply gone and the
rebuild is complete.

**Where it is off** (said once in the log): anything but ``mkdocs serve``; ``--dirty``;
another plugin or hook that handles file, nav, page or template events (it might read or
change what is skipped); a search plugin other than Material's (MkDocs' own writes its
index differently); theme templates beyond ``404.html`` and ``sitemap.xml`` rendered for
the site, or ``extra_templates`` (they may list every page); a template that reads the
variable ``pages`` or (without ``SOURCE_DATE_EPOCH``) ``build_date_utc``; page skeletons
off (a template that changes objects may make a page depend on those before it); and for
a build that shows the problems panel (``serve_errors.py``). A page a hand-written page
or ``mkdocs.yml`` may link to (its name appears in their text, or a hand-written page
lies in its folder) always goes through MkDocs, so that link validation stays as it is.
Anything else (a new or deleted member, a topics, template, configuration or
hand-written page edit) is a full rebuild, which refreshes the cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any
from urllib.parse import unquote

import jinja2
from jinja2 import meta
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_build_date

from mkdocs_community.adapters.mkdocs import speedups
from mkdocs_community.core.build import PageSpec

log = logging.getLogger("mkdocs.plugins.community")

# Events in which another plugin could see or change a page that is skipped, or the
# files and nav it is skipped from.
EVENTS = ("files", "nav", "env", "pre_page", "page_read_source", "page_markdown",
          "page_content", "page_context", "post_page", "pre_template", "template_context",
          "post_template", "post_build")
# Theme templates MkDocs renders once per build: the 404 page does not list pages, the
# sitemap is put back whole.
ONCE_PER_BUILD = frozenset({"404.html", "sitemap.xml"})
SITEMAP = ("sitemap.xml", "sitemap.xml.gz")
# Where the last build's output waits in site_dir while a rebuild decides what it keeps:
# a hidden name, which MkDocs' cleaning leaves alone.
ASIDE = ".mkdocs-community-last-build"
# Template variables that let a page see every page or the time of the build.
_EVERY_PAGE = re.compile(r"\b(?:pages|build_date_utc)\b")
_TEMPLATE_ENDINGS = (".html", ".xml", ".j2")
# What separates the parts of a link in Markdown or HTML text: what is left are the
# names a link can reach a page by.
_LINK_SEPARATORS = re.compile(r"[\s/\\()\[\]<>\"'`#?&=:;,|{}*!.]+")


@dataclass
class _Kept:
    """One generated page as the last complete build left it."""

    spec: PageSpec
    body: str
    url: str
    dest: str  # dest_uri in site_dir
    stat: tuple[int, int, int] | None = None  # inode, size, mtime of its file as written
    entries: list[Any] = field(default_factory=list)  # its search index documents


@dataclass
class _Snapshot:
    site_dir: Path
    site: str  # the shared fingerprint
    nav: str
    order: tuple[str, ...]  # page URLs in build order
    pages: dict[str, _Kept]  # src_uri -> page
    sitemap: dict[str, bytes]


class IncrementalServe:
    """The plugin's incremental `mkdocs serve` rebuilds (see the module's docstring).

    The plugin calls :meth:`begin` in ``on_pre_build``, :meth:`hold_back` at the end of
    ``on_files``, :meth:`check_nav` first in ``on_nav``, :meth:`body` for a page's body,
    :meth:`finish` last in ``on_post_build`` (with the search index already written),
    :meth:`abandon` on a build error and :meth:`close` on shutdown.
    """

    def __init__(self, say_once: Callable[[str], None]) -> None:
        self._say_once = say_once
        self._serve = False
        self._dirty = False
        self._last: _Snapshot | None = None
        self._aside: Path | None = None  # the last build's output, moved aside
        self._template_checks: dict[str, str | None] = {}
        # This build's.
        self._active = False
        self._site = ""
        self._nav = ""
        self._order: tuple[str, ...] = ()
        self._all_files: list[File] = []
        self._pages: Sequence[File] = []  # every page's file, in build order
        self._current: dict[str, _Kept] = {}
        self._bodies: dict[str, str] = {}
        self._held: dict[str, File] = {}
        self.reused = 0

    def start(self, command: str, dirty: bool) -> None:
        self._serve = command == "serve"
        self._dirty = dirty

    # -- on_files ----------------------------------------------------------------------

    def begin(self, site_dir: str) -> None:
        """A build starts (``on_pre_build``, before MkDocs cleans ``site_dir``): nothing
        of the last build's is held yet, and its output is moved out of the way of the
        cleaning."""
        self._reset()
        last = self._last
        if last is None or not self._serve or self._dirty \
                or Path(site_dir) != last.site_dir:
            self._discard_aside()
            self._last = None
            return
        aside = last.site_dir / ASIDE
        try:
            if aside.exists():  # a rebuild that stopped half way: its leftovers
                shutil.rmtree(aside)
            aside.mkdir()
            self._aside = aside
            for name in os.listdir(last.site_dir):
                if not name.startswith("."):
                    os.rename(last.site_dir / name, aside / name)
        except OSError as error:
            log.debug("community: the last build's files could not be moved aside (%s)",
                      error)
            self._drop()

    def _reset(self) -> None:
        self._active = False
        self._site = self._nav = ""
        self._order = ()
        self._all_files, self._current, self._bodies, self._held = [], {}, {}, {}
        self._pages = []
        self.reused = 0

    def hold_back(self, files: Files, config: MkDocsConfig, own: Any,
                  specs: Iterable[PageSpec], render: Callable[[PageSpec], str],
                  shared: Sequence[str], problems: bool) -> int:
        """Takes out of ``files`` the generated pages (``specs`` outside the nav) that the
        last complete build made from the same inputs; returns how many. ``shared``:
        the plugin's own site-wide inputs (settings, feed links, topics)."""
        self._reset()
        reason = self._reason_off(config, own)
        theme: dict[str, bytes] = {}
        if reason is None:
            theme = _theme_state(config)
            reason = self._template_check(config, theme)
        if reason is None and problems:
            log.debug("community: every page rebuilt (the problems panel is shown)")
            reason = ""
        if reason is None:
            try:
                self._site = _site_fingerprint(config, list(files), shared, theme)
            except (TypeError, ValueError, RecursionError) as error:
                reason = f"the configuration cannot be compared from build to build ({error})"
        if reason is not None:
            if reason:
                self._say_once(f"community: incremental serve rebuilds off: {reason}")
            self._drop()
            return 0
        site_dir = Path(config.site_dir)
        self._active = True
        self._all_files = list(files)
        self._pages = files.documentation_pages(inclusion=lambda _level: True)
        last, aside = self._last, self._aside
        same_site = last is not None and aside is not None and last.site == self._site
        generated: dict[str, File] = {}
        by_uri = files.src_uris  # a spec's src_uri is a POSIX path already
        for spec in specs:
            file = by_uri.get(spec.src_uri)
            if file is None or file.inclusion is not InclusionLevel.NOT_IN_NAV:
                continue
            generated[spec.src_uri] = file
            body = render(spec)
            self._bodies[spec.src_uri] = body
            before = last.pages.get(spec.src_uri) if same_site and last is not None else None
            # A file's URL and place in site_dir follow from its src_uri and the
            # configuration (the fingerprint): the last build's, if it had the page.
            url, dest = (before.url, before.dest) if before is not None else \
                (_page_url(file), file.dest_uri)
            self._current[spec.src_uri] = _Kept(spec, body, url, dest)
        if last is None or aside is None or not same_site:
            log.debug("community: every page rebuilt (%s)", "no complete build before"
                      if last is None or aside is None else "the pages' shared inputs changed")
            self._discard_aside()
            return 0
        linked = _linked_names(config, self._all_files)
        held: dict[str, File] = {}
        in_aside = os.path.join(aside, "")  # joined as text: 13,300 Paths cost more
        for uri, page in self._current.items():
            before = last.pages.get(uri)
            if before is None or before.stat is None or \
                    _stat(in_aside + before.dest) != before.stat:
                continue
            if page.spec != before.spec or page.body != before.body or \
                    _may_be_linked(page.url, linked):
                continue
            held[uri] = generated[uri]
        try:
            _bring_back(aside, site_dir, {last.pages[uri].dest for uri in held})
        except OSError as error:
            log.warning(f"community: the last build's files could not be kept in "
                        f"{site_dir} ({error}); every page is rebuilt")
            _clean(site_dir)
            self._discard_aside()
            return 0
        self._aside = None
        for uri, file in held.items():
            files.remove(file)
            self._current[uri] = last.pages[uri]
            del self._bodies[uri]
        self._held = held
        return len(held)

    def _reason_off(self, config: MkDocsConfig, own: Any) -> str | None:
        """Why this build cannot skip pages ('' for reasons not worth saying)."""
        if not self._serve or not speedups.enabled():
            return ""
        if self._dirty:
            return "mkdocs serve --dirty writes over the last build's files"
        others = speedups.unknown_handlers(config, EVENTS, speedups.known_plugins(config, own))
        if others:
            return f"other plugins handle pages or files ({', '.join(others)})"
        searches = [p for p in speedups.known_plugins(config, own)[1:]
                    if (type(p).__module__, type(p).__qualname__) != speedups.MATERIAL_SEARCH]
        if searches:
            return "only Material's search index can be put together again"
        templates = set(config.theme.static_templates) | set(config.extra_templates)
        if templates - ONCE_PER_BUILD:
            return (f"the site renders {', '.join(sorted(templates - ONCE_PER_BUILD))}, "
                    "which may list every page")
        return None

    def _template_check(self, config: MkDocsConfig, theme: dict[str, bytes]) -> str | None:
        """Why the theme's templates make a page depend on others (memoised by the
        theme's state)."""
        key = _digest([*(name.encode() + value for name, value in sorted(theme.items())),
                       (os.environ.get("SOURCE_DATE_EPOCH") or "").encode()])
        if key not in self._template_checks:
            self._template_checks.clear()  # only the latest templates matter
            self._template_checks[key] = _reads_every_page(config.theme.get_env(),
                                                           _theme_templates(config))
        return self._template_checks[key]

    @property
    def holding_back(self) -> bool:
        """Whether this build keeps generated pages out of MkDocs' page pipeline."""
        return self._active and bool(self._held)

    def body(self, spec: PageSpec) -> str | None:
        """The body :meth:`hold_back` rendered for ``spec`` in this build, if any."""
        return self._bodies.pop(spec.src_uri, None)

    # -- on_nav ------------------------------------------------------------------------

    def check_nav(self, nav: Any, files: Files, skeletons_off: str | None) -> None:
        """Puts every held-back page back if the nav differs from the last complete
        build's or the page skeletons are off for this site."""
        if not self._active:
            return
        self._nav = _nav_fingerprint(nav.items)
        if skeletons_off:
            self._say_once(f"community: incremental serve rebuilds off: page skeletons "
                           f"are off ({skeletons_off})")
            self._active = False
            self._drop()
        elif self._last is None or self._last.nav == self._nav or not self._held:
            return
        if self._held:  # back in their places, so pages are built in the same order
            for file in list(files):
                files.remove(file)
            for file in self._all_files:
                files.append(file)
            self._held = {}

    # -- on_post_build -----------------------------------------------------------------

    def finish(self, config: MkDocsConfig) -> None:
        """Puts the held-back pages, their search entries and the sitemap back, then
        keeps what this build made for the next one."""
        if not self._active:
            return
        site_dir = Path(config.site_dir)
        index = site_dir / "search" / "search_index.json"
        last = self._last
        docs: list[Any] | None = None
        self._order = tuple(self._current[f.src_uri].url if f.src_uri in self._current
                            else _page_url(f) for f in self._pages)
        if index.is_file():
            data = json.loads(index.read_text(encoding="utf-8"))
            docs = data.get("docs", [])
            if self._held and last is not None:
                docs = self._splice(docs, last)
                data["docs"] = docs
                index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        if self._held and last is not None:
            for name, data in last.sitemap.items():
                (site_dir / name).write_bytes(data)
            self.reused = len(self._held)
            log.info(f"community: {self.reused} unchanged generated pages taken from the "
                     f"last build, {len(self._current) - self.reused} rebuilt")
        self._keep(site_dir, docs)

    def _splice(self, docs: list[Any], last: _Snapshot) -> list[Any]:
        """Material's index documents with the held-back pages' put back at their place."""
        by_page: dict[str, list[Any]] = {}
        for doc in docs:
            by_page.setdefault(str(doc.get("location", "")).partition("#")[0], []).append(doc)
        held = {last.pages[uri].url: last.pages[uri].entries for uri in self._held}
        spliced: list[Any] = []
        for url in self._order:
            spliced.extend(held[url] if url in held else by_page.pop(url, ()))
        for url, rest in by_page.items():  # a document of no page: kept; all rebuilt next
            log.debug("community: search documents of an unknown page %r", url)
            spliced.extend(rest)
            self._active = False
        return spliced

    def _keep(self, site_dir: Path, docs: list[Any] | None) -> None:
        """What this build wrote, for the next one: its pages' files (where they are),
        their search documents, the sitemap."""
        self._last = None
        if not self._active:
            return
        entries: dict[str, list[Any]] = {}
        for doc in docs or ():
            entries.setdefault(str(doc.get("location", "")).partition("#")[0], []).append(doc)
        pages: dict[str, _Kept] = {}
        for uri, page in self._current.items():
            if uri not in self._held:
                page.stat = _stat(os.path.join(site_dir, page.dest))
                if page.stat is None:
                    continue  # MkDocs wrote nothing for it: never reused
                page.entries = entries.get(page.url, [])
            pages[uri] = page
        sitemap = {name: (site_dir / name).read_bytes() for name in SITEMAP
                   if (site_dir / name).is_file()}
        self._last = _Snapshot(site_dir, self._site, self._nav, self._order, pages, sitemap)

    def abandon(self) -> None:
        """After a failed build, or one with problems: the next one is complete."""
        self._reset()
        self._drop()

    def _drop(self) -> None:
        """The snapshot forgotten, and the last build's output if it is still aside."""
        self._last = None
        self._discard_aside()

    def _discard_aside(self) -> None:
        if self._aside is not None:
            shutil.rmtree(self._aside, ignore_errors=True)
            self._aside = None

    def close(self) -> None:
        """Forgets the last build (``mkdocs serve`` stops)."""
        self.abandon()


# -- files -----------------------------------------------------------------------------

def _bring_back(aside: Path, site_dir: Path, keep: set[str]) -> None:
    """The files of ``aside`` (``site_dir``'s last output) named in ``keep`` (paths
    relative to it) moved back into ``site_dir``; every other file deleted, and every
    folder left empty (MkDocs makes a folder only to write a file in it)."""
    def prune(folder: str, prefix: str) -> bool:  # whether anything is left in folder
        left = False
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if prune(entry.path, f"{prefix}{entry.name}/"):
                        left = True
                    else:
                        os.rmdir(entry.path)
                elif prefix + entry.name in keep:
                    left = True
                else:
                    os.unlink(entry.path)
        return left

    prune(str(aside), "")
    for name in os.listdir(aside):
        os.rename(aside / name, site_dir / name)
    os.rmdir(aside)


def _clean(site_dir: Path) -> None:
    """``site_dir`` emptied but for hidden entries, as MkDocs cleans it."""
    for name in os.listdir(site_dir):
        path = site_dir / name
        if name.startswith("."):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


# -- fingerprints ----------------------------------------------------------------------

def _digest(parts: Iterable[bytes]) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


def _page_url(file: File) -> str:
    """The URL of the file's page as search documents name it (MkDocs' ``Page.url``)."""
    return "" if file.url in (".", "./") else file.url


def _stat(path: str) -> tuple[int, int, int] | None:
    """A file's identity and state (None: no such file)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns) if S_ISREG(stat.st_mode) else None


def _site_fingerprint(config: MkDocsConfig, files: Sequence[File], shared: Sequence[str],
                      theme: dict[str, bytes]) -> str:
    """What every generated page depends on besides its own spec and body."""
    def parts() -> Iterable[bytes]:
        yield from (text.encode() for text in shared)
        yield from _config_files(config.config_file_path)
        yield json.dumps(_plain(dict(config))).encode()
        for name, value in sorted(theme.items()):
            yield name.encode()
            yield value
        for file in files:
            # Where a file goes and its URL follow from these and the configuration
            # (MkDocs' File; another plugin that could change them turns this off).
            yield repr((file.src_uri, file.inclusion.name, file.generated_by,
                        file.abs_src_path)).encode()
            if file.generated_by is None and file.is_documentation_page() \
                    and file.abs_src_path:
                yield Path(file.abs_src_path).read_bytes()
        yield get_build_date().encode()
        yield (os.environ.get("SOURCE_DATE_EPOCH") or "").encode()
    return _digest(parts())


def _config_files(path: str | None) -> Iterable[bytes]:
    """``mkdocs.yml`` and the files it INHERITs from."""
    seen: set[Path] = set()
    current = Path(path) if path else None
    while current is not None and current.is_file() and current not in seen:
        seen.add(current)
        text = current.read_bytes()
        yield text
        parent = re.search(rb"^INHERIT:\s*['\"]?([^'\"\r\n#]+?)['\"]?\s*(?:#.*)?$", text, re.M)
        current = (current.parent / parent.group(1).decode()).resolve() if parent else None


def _plain(value: Any, depth: int = 0) -> Any:
    """A configuration value as JSON data: every value that could change a page is in
    it (dates, paths, plugins' options), never an address in memory."""
    if depth > 30:
        raise ValueError("the configuration nests too deeply")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    if isinstance(value, (list, tuple)):
        return [_plain(item, depth + 1) for item in value]
    if hasattr(value, "config") and hasattr(value, "on_config"):  # a plugin
        return [type(value).__module__, type(value).__qualname__,
                _plain(dict(value.config), depth + 1)]
    if hasattr(value, "items") and callable(value.items):  # dicts, configs, the theme
        return [[repr(k), _plain(v, depth + 1)] for k, v in value.items()]
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    name = getattr(value, "__qualname__", None)
    if name:  # a function or class (a !!python/name tag)
        return f"{getattr(value, '__module__', '')}.{name}"
    text = repr(value)
    return type(value).__qualname__ if " at 0x" in text else text


def _theme_state(config: MkDocsConfig) -> dict[str, bytes]:
    """Every file of the theme's ``custom_dir`` by content; the installed theme's
    templates by size and modification time."""
    custom = config.theme.custom_dir
    state: dict[str, bytes] = {"dirs": repr(config.theme.dirs).encode(),
                               "theme": json.dumps(_plain(dict(config.theme))).encode()}
    for folder in config.theme.dirs:
        own = custom is not None and os.path.abspath(folder) == os.path.abspath(custom)
        for root, _dirs, names in os.walk(folder):
            for name in names:
                path = os.path.join(root, name)
                if own:
                    state[path] = Path(path).read_bytes()
                elif name.endswith(_TEMPLATE_ENDINGS):
                    stat = os.stat(path)
                    state[path] = f"{stat.st_size} {stat.st_mtime_ns}".encode()
    return state


def _theme_templates(config: MkDocsConfig) -> dict[str, str]:
    """The theme's templates that mention a variable of :data:`_EVERY_PAGE` (name ->
    source), as the theme's environment finds them."""
    found: dict[str, str] = {}
    for folder in reversed(config.theme.dirs):  # the first folder wins, as in Jinja
        for path in Path(folder).rglob("*"):
            if path.name.endswith(_TEMPLATE_ENDINGS) and path.is_file():
                name = path.relative_to(folder).as_posix()
                try:
                    source = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
                if _EVERY_PAGE.search(source):
                    found[name] = source
                else:
                    found.pop(name, None)
    return found


def _reads_every_page(env: jinja2.Environment, sources: dict[str, str]) -> str | None:
    """Why a template other than the sitemap makes pages depend on other pages or the
    time of the build (None: none does)."""
    for name, source in sorted(sources.items()):
        if name == "sitemap.xml":
            continue  # put back whole
        try:
            names = meta.find_undeclared_variables(env.parse(source))
        except jinja2.TemplateError:
            continue  # never renders
        if "pages" in names:
            return f"{name} reads every page ('pages')"
        if "build_date_utc" in names and not os.environ.get("SOURCE_DATE_EPOCH"):
            return f"{name} prints the time of the build ('build_date_utc')"
    return None


def _nav_fingerprint(items: Iterable[Any]) -> str:
    def walk(nodes: Iterable[Any]) -> Iterable[bytes]:
        for item in nodes:
            file = getattr(item, "file", None)
            yield repr((type(item).__name__, str(getattr(item, "title", "")),
                        getattr(item, "url", None) if file is None else file.src_uri,
                        bool(getattr(item, "is_section", False)))).encode()
            yield from walk(getattr(item, "children", None) or ())
            yield b")"
    return _digest(walk(items))


# -- links from hand-written pages -----------------------------------------------------

@dataclass(frozen=True)
class _Linked:
    names: frozenset[str]  # every name a link in a hand-written page or mkdocs.yml uses
    folders: frozenset[str]  # the folders of hand-written pages, as URLs


def _linked_names(config: MkDocsConfig, files: Sequence[File]) -> _Linked:
    texts = [b"".join(_config_files(config.config_file_path)).decode("utf-8", "replace")]
    folders: set[str] = set()
    for file in files:
        if file.generated_by is None and file.is_documentation_page():
            texts.append(file.src_uri)
            if file.abs_src_path:
                texts.append(Path(file.abs_src_path).read_text(encoding="utf-8",
                                                               errors="replace"))
            parts = file.src_uri.split("/")[:-1]
            folders.update("/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1))
    names = set()
    for text in texts:
        names.update(_LINK_SEPARATORS.split(unquote(text).lower()))
    return _Linked(frozenset(names), frozenset(folders))


def _may_be_linked(url: str, linked: _Linked) -> bool:
    """Whether a hand-written page or ``mkdocs.yml`` may link to the page at ``url``:
    a word of its last name appears in them, or a hand-written page lies in its folder
    (whose relative links could name it as ``./`` or ``../``)."""
    if url in linked.folders:
        return True
    path = url.removesuffix("index.html").removesuffix(".html").rstrip("/")
    words = [w for w in _LINK_SEPARATORS.split(unquote(path.rpartition("/")[2]).lower()) if w]
    return not words or any(word in linked.names for word in words)
