"""MkDocs-side shortcuts for generated pages: work MkDocs and Material repeat per page.

Part of the MkDocs adapter (the core never imports this). Each shortcut keeps the built
site byte-identical; ``benchmarks/`` measures what they save.

* A generated page has no Markdown source, yet ``Page.render`` builds a new Markdown
  instance with every configured extension for it (about 0.4 ms a page).
  :func:`skip_markdown` gives the page what rendering an empty source gives.
* Material renders the whole navigation (``partials/nav.html``, ``partials/tabs.html``)
  for every page. For a page that is not in the nav the result is the same for every
  page in the same folder (nothing is active, links are relative to the folder), so
  :func:`memoize_partials` renders it once per folder. The search box
  (``partials/search.html``) is the same on every page and is rendered once.
* The rest of the theme's page is the same for thousands of profiles but for their
  title, description, links and body: :class:`PageSkeletons` renders it once per shape
  and fills each page in.
* The second core: for ``mkdocs build``, helper processes render half of the bios, make
  the feeds and calendars, and write generated pages from the last one back
  (:func:`generate_with_helper`, :class:`PageWriter`; see ``parallel.py``).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import posixpath
import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import parallel

log = logging.getLogger("mkdocs.plugins.community")
# COMMUNITY_SPEEDUPS=0 builds without any of these, to check that the output is the same.
ENABLED = os.environ.get("COMMUNITY_SPEEDUPS", "1") != "0"

# Material's partials whose output, for a page outside the nav, depends only on the nav,
# the configuration and the page's folder.
NAV_PARTIALS = ("partials/nav.html", "partials/tabs.html")
# Material's partials that depend only on the configuration and language, on any page.
CONSTANT_PARTIALS = ("partials/search.html",)


def same_for_all(page: Any) -> Hashable:
    return ""


def skip_markdown(page: Page) -> None:
    """Make ``page.render`` do what it does for an empty Markdown source, without Markdown."""

    def render(config: Any, files: Any) -> None:
        page.content = ""
        page.toc = get_toc([])
        page.present_anchor_ids = set()
        if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}

    page.render = render  # type: ignore[method-assign]


def folder_key(nav_urls: tuple[str, ...]) -> Callable[[Any], Hashable | None]:
    """The memo key of a page outside the nav: its folder (``members`` for members/ada/).

    None (render as usual) for pages in the nav, and for a page that some nav entry lies
    inside, since a link to it would be relative to the page itself.
    """
    in_nav = set(nav_urls)

    def key(page: Any) -> Hashable | None:
        url = getattr(page, "url", None)
        if not isinstance(url, str) or not url.endswith("/") or url in in_nav:
            return None
        if any(other.startswith(url) for other in nav_urls):
            return None
        return posixpath.dirname(url.rstrip("/"))

    return key


def memoize_partials(env: jinja2.Environment, names: tuple[str, ...],
                     key: Callable[[Any], Hashable | None],
                     only_from: Sequence[Path] | None = None) -> list[str]:
    """Render each named template once per ``key(page)``; a None key renders as usual.

    Only templates loaded from ``only_from`` (the theme's own folders) are touched: a site's
    override of a partial may show page-specific things. Returns the names memoized.
    The memo lives on the template object, which belongs to this build's environment.
    """
    done = []
    for name in names:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            continue
        if only_from is not None and not (template.filename and any(
                Path(template.filename).resolve().is_relative_to(folder.resolve())
                for folder in only_from)):
            continue
        original = template.root_render_func
        memo: dict[Hashable, str] = {}
        trusted: dict[Hashable, bool] = {}

        def render(context: Any, _original: Any = original, _memo: Any = memo,
                   _trusted: Any = trusted) -> Iterator[str]:
            page_key = key(context.get("page"))
            if page_key is None or _trusted.get(page_key) is False:
                yield from _original(context)
                return
            if page_key not in _memo:
                _memo[page_key] = "".join(_original(context))
            elif page_key not in _trusted:
                # The second page with this key is rendered for real and compared: a
                # site's override of an included partial could show page-specific text.
                _trusted[page_key] = "".join(_original(context)) == _memo[page_key]
                if not _trusted[page_key]:
                    yield from _original(context)
                    return
            yield _memo[page_key]

        template.root_render_func = render  # type: ignore[method-assign]
        done.append(name)
    return done


# -- whole pages -------------------------------------------------------------------------

# What MkDocs puts in a page's template context; a plugin that adds anything else (page-
# specific data the theme may show) turns the skeletons off for the page.
MKDOCS_CONTEXT = frozenset({"nav", "pages", "base_url", "extra_css", "extra_javascript",
                            "mkdocs_version", "build_date_utc", "config", "page"})
VERIFY = 2  # pages of each shape rendered for real and compared before the skeleton is used
_SENTINEL = "zqxCMsent"
_LITERAL_SAFE = re.compile(r"[&<>\"'\n\r\t]|  |^\s|\s$")


class _PageView:
    """The page as the theme sees it, with sentinel values where pages differ."""

    def __init__(self, page: Any, values: dict[str, Any]) -> None:
        self.__dict__["_page"] = page
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["_page"], name)


class PageSkeletons:
    """Render the theme's page template once per *shape* of generated page, then fill in.

    Thousands of profiles differ, as far as the theme is concerned, only in their title,
    description, edit link, canonical URL and body, all printed as they are: the theme
    renders one page with sentinel values for those (per folder, and per everything else
    it tests: hidden parts, which headings the body has, ...), and each further page is
    that skeleton with its own values put in. Safeguards, each falling back to a normal
    render: the first pages of every shape are rendered for real and must match; a
    sentinel that the theme transformed (a filter) disables its shape; values that a filter
    could change (``&``, quotes, surrounding spaces) are never filled in; and a context
    holding anything beyond what MkDocs itself provides is never skeletonised.
    """

    def __init__(self, eligible: Callable[[Any], bool],
                 folder: Callable[[Any], Hashable | None]) -> None:
        self.eligible = eligible
        self.folder = folder
        self.shapes: dict[Hashable, Any] = {}  # shape -> list of parts, or False
        self.verified: dict[Hashable, int] = {}
        self.filled = 0

    def wrap(self, env: jinja2.Environment, name: str = "main.html") -> bool:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            return False
        original = template.root_render_func
        allowed = MKDOCS_CONTEXT | set(env.globals)

        def render(context: Any) -> Iterator[str]:
            page = context.get("page")
            shape = self._shape(context, page, allowed) if page is not None else None
            if shape is None or self.shapes.get(shape) is False:
                yield from original(context)
                return
            values = self._values(page)
            if values is None:
                yield from original(context)
                return
            if shape not in self.shapes:
                self.shapes[shape] = self._skeleton(template, original, context, page, values)
            parts = self.shapes[shape]
            if parts is False:
                yield from original(context)
                return
            try:
                filled = "".join(values[p] if i % 2 else p for i, p in enumerate(parts))
            except KeyError:
                yield from original(context)
                return
            if self.verified.get(shape, 0) < VERIFY:
                real = "".join(original(context))
                if real != filled:
                    log.debug(f"community: page skeleton for {shape!r} differs; not used")
                    self.shapes[shape] = False
                    yield real
                    return
                self.verified[shape] = self.verified.get(shape, 0) + 1
            else:
                self.filled += 1
            yield filled

        template.root_render_func = render  # type: ignore[method-assign]
        return True

    def _shape(self, context: Any, page: Any, allowed: frozenset[str] | set[str]
               ) -> Hashable | None:
        if not self.eligible(page):
            return None
        folder = self.folder(page)
        if folder is None or not set(context.get_all()) <= allowed:
            return None
        meta = getattr(page, "meta", None)
        if not isinstance(meta, dict) or not meta.get("title") or page.title != meta["title"]:
            return None
        if getattr(page, "previous_page", None) or getattr(page, "next_page", None):
            return None
        rest = tuple(sorted((k, repr(v)) for k, v in meta.items()
                            if k not in ("title", "description")))
        content = page.content or ""
        edit_url = page.edit_url or ""
        return (folder, rest, bool(meta.get("description")), bool(edit_url),
                "/blob/" in edit_url, bool(page.canonical_url), "\u003ch1" in content,
                bool(page.toc), page.is_homepage)

    @staticmethod
    def _values(page: Any) -> dict[str, str] | None:
        """The page's own values, keyed by their sentinels; None if one is unsafe."""
        values = {}
        for field_name, value in _fields(page).items():
            if field_name != "content":
                if not value:
                    continue
                if not isinstance(value, str) or _LITERAL_SAFE.search(value):
                    return None
            values[_token(field_name, value)] = value
        return values

    def _skeleton(self, template: Any, original: Any, context: Any, page: Any,
                  values: dict[str, str]) -> list[str] | bool:
        """The page rendered with sentinels, split into [text, sentinel, text, ...]."""
        token = {f: _token(f, v) if v else None for f, v in _fields(page).items()}
        meta = dict(page.meta)
        meta["title"] = token["title"]
        if token["description"]:
            meta["description"] = token["description"]
        view = _PageView(page, {
            "meta": meta, "title": token["title"], "content": token["content"],
            "edit_url": token["edit_url"] or page.edit_url,
            "canonical_url": token["canonical_url"] or page.canonical_url,
        })
        variables = dict(context.get_all())
        variables["page"] = view
        try:
            html = "".join(original(template.new_context(variables)))
        except Exception:  # anything unexpected: no skeleton, normal rendering
            return False
        names = sorted((t for t in token.values() if t), key=len, reverse=True)
        parts = re.split("(" + "|".join(re.escape(t) for t in names) + ")", html)
        if any(_SENTINEL.lower() in text.lower() for text in parts[0::2]):
            return False  # a sentinel the theme changed (a filter): no skeleton
        return parts


def _fields(page: Any) -> dict[str, Any]:
    return {"title": page.meta["title"], "description": page.meta.get("description"),
            "edit_url": page.edit_url, "canonical_url": page.canonical_url,
            "content": page.content or ""}


def _token(field_name: str, value: str) -> str:
    """The sentinel standing for a field; it keeps what the theme tests about the value."""
    if field_name == "content":
        return f"{_SENTINEL}content{'h' if chr(60) + 'h1' in value else ''}zqx" + \
            ("\u003ch1" if "\u003ch1" in value else "")
    if field_name == "edit_url":
        return f"https://example.invalid/{_SENTINEL}edit_url{'b' if '/blob/' in value else ''}" \
            + ("/blob/" if "/blob/" in value else "/")
    return f"{_SENTINEL}{field_name}zqx"


# -- a second core -----------------------------------------------------------------------

class FromBothEnds:
    """Work out per-page results in a forked helper process, from the last page backwards.

    The build goes through pages front to back; the helper goes from the back and reports
    each result over a pipe, and the two meet in the middle (a shared counter tells the
    helper where the build is, so it stops there). A result that has not arrived is simply
    computed by the build itself, so nothing ever waits, and any failure in the helper
    (which exits silently) only costs the time it would have saved. A page whose work
    logged a warning is not reported, and the helper stops: the build then does that
    work itself and reports the warning (counted by ``--strict``) as it would without the
    helper. Only for ``mkdocs build``: ``serve`` runs threads, and forking a threaded
    process is unsafe.
    """

    def __init__(self, order: Sequence[str], compute: Callable[[str], Any]) -> None:
        self.order = list(order)
        self.position = {key: i for i, key in enumerate(self.order)}
        self.compute = compute
        self.ready: dict[str, Any] = {}
        self.used = 0
        self.pid = 0
        self._progress: Any = None
        self._reader: Any = None
        self._source: Any = None

    def start(self) -> bool:
        import mmap
        import threading

        if len(self.order) < 2 or not parallel.can_fork():
            return False
        self._progress = mmap.mmap(-1, 8)
        self._mark(0)
        self.pid, self._source = parallel.fork(self._helper)
        self._reader = threading.Thread(target=self._drain, name="community-helper",
                                        daemon=True)
        self._reader.start()
        return True

    def _mark(self, index: int) -> None:
        self._progress[:8] = index.to_bytes(8, "little")

    def _helper(self, out: Any) -> None:
        warned = _quiet_child()
        parent = os.getppid()
        for index in range(len(self.order) - 1, -1, -1):
            if index <= int.from_bytes(self._progress[:8], "little"):
                break
            if os.getppid() != parent:  # the build was stopped (Ctrl-C): stop too
                break
            key = self.order[index]
            value = self.compute(key)
            if warned:
                break
            parallel.send(out, (key, value))  # flushed: the build may reach it soon

    def _drain(self) -> None:
        try:
            with self._source as source:
                while True:
                    key, value = parallel.receive(source)
                    self.ready[key] = value
        except Exception:  # the end, or a broken stream: only loses what the helper did
            return

    def take(self, key: str) -> Any | None:
        """The helper's result for ``key``, if it has arrived; marks the build's progress."""
        index = self.position.get(key)
        if index is not None and self._progress is not None and \
                index > int.from_bytes(self._progress[:8], "little"):
            self._mark(index)
        value = self.ready.pop(key, None)
        if value is not None:
            self.used += 1
        return value

    def finish(self) -> None:
        """Let the helper end the page it is on, and wait for it (it may be writing)."""
        if self.pid and self._progress is not None:
            self._mark(len(self.order))
            parallel.reap(self.pid)
            self.pid = 0
        self.stop()

    def stop(self) -> None:
        """End the helper now (after a failed build: what it was doing does not matter)."""
        import signal

        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            parallel.reap(self.pid)
            self.pid = 0
        if self._reader is not None:
            self._reader.join(timeout=5)
            self._reader = None
        self.ready.clear()


# Plugins known to need nothing from a page's rendering beyond what PageWriter still does
# in the build process: Material's search plugin indexes ``page.content`` in
# on_page_context. With any other plugin (or hook) in the build, every page is rendered by
# the build itself, as MkDocs would.
PAGE_WRITER_PLUGINS = frozenset({"search", "material/search", "community"})


class PageWriter:
    """Generated pages written whole (theme, post-processing, file) by a helper process.

    MkDocs builds pages one after another in one process. For ``mkdocs build`` a forked
    helper (:class:`FromBothEnds`) runs MkDocs' own page building for generated pages from the
    last one back, while the build goes from the first; for a page the helper has written,
    the build does only what outlives the page: every plugin's ``on_page_context`` (the
    search plugin indexes the page there). The helper's copy of the build is the state
    at the fork, so each page comes out exactly as the build would write it.
    """

    def __init__(self, config: Any, nav: Any, doc_files: Sequence[Any],
                 env: jinja2.Environment, keys: set[str]) -> None:
        from mkdocs.commands import build as mkdocs_build

        self._module = mkdocs_build
        self._original = mkdocs_build._build_page
        pages = {f.src_uri: f.page for f in doc_files if f.src_uri in keys and f.page}
        self.skipped: set[str] = set()

        def write(key: str) -> bool:
            self._original(pages[key], config, doc_files, nav, env)
            return True

        self.helper = FromBothEnds(list(pages), write)

    @staticmethod
    def possible(config: Any) -> bool:
        return set(config.plugins) <= PAGE_WRITER_PLUGINS

    def start(self) -> bool:
        if not self.helper.start():
            return False
        self._module._build_page = self._build_page  # restored by finish() / stop()
        return True

    def written_elsewhere(self, key: str) -> bool:
        """True while the build is passing over a page the helper wrote."""
        return key in self.skipped

    def _build_page(self, page: Any, config: Any, doc_files: Sequence[Any], nav: Any,
                    env: Any, dirty: bool = False, excluded: bool = False) -> None:
        key = page.file.src_uri
        if excluded or dirty or not self.helper.take(key):
            self._original(page, config, doc_files, nav, env, dirty, excluded)
            return
        self.skipped.add(key)
        config._current_page, page.active = page, True
        try:
            context = self._module.get_context(nav, doc_files, config, page)
            config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        finally:
            config._current_page, page.active = None, False
            self.skipped.discard(key)

    def finish(self) -> None:
        self._module._build_page = self._original
        self.helper.finish()

    def stop(self) -> None:
        self._module._build_page = self._original
        self.helper.stop()


class Helper:
    """Compute ``fns`` one after another in a forked process while this one goes on.

    :meth:`next_result` gives their results in order, waiting for each. A result is None
    when the helper failed, or logged a warning while computing it: the caller then
    computes the value itself, so warnings are reported (and counted by ``--strict``)
    exactly as without the helper.
    """

    def __init__(self, *fns: Callable[[], Any]) -> None:
        self.pid = 0
        self._source: Any = None
        self._left = len(fns)
        if parallel.can_fork():
            self.pid, self._source = parallel.fork(lambda out: self._run(fns, out))

    @staticmethod
    def _run(fns: Sequence[Callable[[], Any]], out: Any) -> None:
        warned = _quiet_child()
        for fn in fns:
            warned.clear()
            value = fn()
            parallel.send(out, None if warned else value)

    def next_result(self) -> Any | None:
        """The result of the next function, or None (then compute it yourself)."""
        if not self.pid:
            return None
        self._left -= 1
        try:
            return parallel.receive(self._source)
        except Exception:
            return None
        finally:
            if self._left <= 0:
                self.close()

    def close(self) -> None:
        if self.pid:
            self._source.close()
            parallel.reap(self.pid)
            self.pid = 0


def generate_with_helper(community: Any, now: Any) -> Any:
    """``site.generate`` on two cores; the same Site either way.

    A helper process renders half of the bios (the slowest part of making profiles is
    rendering their Markdown, for descriptions and bodies), then makes the files
    (calendars, feeds, JSON), while this one renders the other half and makes the pages.
    """
    from . import safety
    from .pages import Build, all_assets, all_pages
    from .site import ASSET_BUILDERS, PAGE_BUILDERS, Site

    if now.tzinfo is None:
        raise ValueError("'now' must carry a time zone")
    build = Build(community, now)
    bios = sorted({m.bio for m in community.listed_members
                   if m.bio and safety.needs_rendering(m.bio)})
    mine, theirs = bios[: len(bios) // 2], bios[len(bios) // 2:]
    helper = Helper(lambda: safety.render_all(theirs),
                    lambda: all_assets(build, ASSET_BUILDERS))
    safety.render_all(mine)
    safety.remember_rendered(helper.next_result() or {})
    pages = all_pages(build, PAGE_BUILDERS)
    assets = helper.next_result()
    if assets is None:
        assets = all_assets(build, ASSET_BUILDERS)
    return Site(build, pages, assets)


def _quiet_child() -> list[logging.LogRecord]:
    """In a helper process: print nothing, and collect warnings in the list returned.

    The build process reports; a helper that warns gives up its result instead, so the
    build does the work again and reports the warning itself.
    """
    warned: list[logging.LogRecord] = []

    class _Watch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warned.append(record)

    watch = _Watch(logging.WARNING)
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(watch)
    return warned


def release_collector() -> None:
    """Hand the build's objects back to the garbage collector (see ``parallel.fork``)."""
    gc.unfreeze()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the garbage collector, then keep it off everything there is (``gc.freeze``):
    the build's data lives to the end of the build, and :func:`release_collector` hands
    it back then. See also ``parallel.fork``."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def collect_leftovers() -> None:
    """Collect what the last build left (``mkdocs serve``), before this one freezes again.

    Frozen garbage is never collected: without this, every rebuild's pages would stay in
    memory, and each rebuild would be slower than the one before.
    """
    gc.collect()
