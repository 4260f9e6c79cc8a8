"""The MkDocs adapter: hooks that translate between MkDocs and the core, and decide nothing.

Hook order in a build: ``on_config`` (options) -> ``on_pre_build`` (load and
validate; fail before MkDocs cleans the output folder, so a broken pull request
never replaces the last good site) -> ``on_files`` (generated pages and files) ->
``on_page_markdown`` / ``on_page_content`` (page bodies from templates) ->
``on_post_page`` (head tags).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import blocks as blocks_module
from . import chrome, navigation, notfound, search, seo, serve_errors, speedups
from .community import Community, LoadCache, load_community
from .config import CommunityConfig, build_time, cut_options, to_settings
from .diagnostics import ADVISORY_CODES, Diagnostic, Severity, summary
from .feeds import discovery_links
from .kinds import KINDS
from .pages import PageSpec
from .render import Renderer, RenderMemo, make_environment
from .site import BLOCKS, Site, generate

log = logging.getLogger("mkdocs.plugins.community")
ASSETS = Path(__file__).parent / "assets"
# Every stylesheet and script in assets/ is published and linked from every page.
ASSET_FILES = tuple(sorted(p.name for p in ASSETS.iterdir() if p.suffix in (".css", ".js")))


class CommunityPlugin(BasePlugin[CommunityConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        self.renderer: Renderer | None = None
        self.specs: dict[str, PageSpec] = {}
        self._nav_urls: tuple[str, ...] = ()
        self._unindexed: dict[str, Any] = {}  # see on_page_content
        self._search_keywords: dict[str, str] = {}  # page URL -> words (search.add_keywords)
        self._feed_links: list[Any] | None = None
        self._nav: Any = None
        self._skeletons: speedups.PageSkeletons | None = None
        self._writer: speedups.PageWriter | None = None
        # Kept between `mkdocs serve` rebuilds: what unchanged files and pages gave.
        self._load_cache = LoadCache()
        self._render_memo = RenderMemo()
        self._command = ""
        self._problems = ""  # `mkdocs serve` with broken files: see serve_errors.py

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    @property
    def _single_build(self) -> bool:
        """`mkdocs build` or `gh-deploy`: one build, in a process running one thread (so
        helper processes may be forked). `mkdocs serve` rebuilds, from threads."""
        return self._command in ("build", "gh-deploy")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.settings = to_settings(self.config, config)
        theme_language = str(config.theme.get("language") or "")
        if self.config.language and theme_language and \
                self.config.language.lower() != theme_language.lower():
            # Material writes <html lang> from its own setting: the generated pages would be
            # announced in the theme's language. Said, not refused: it may be deliberate.
            log.info(f"the community pages are in '{self.config.language}', the theme in "
                     f"'{theme_language}' (<html lang>); set theme.language to match")
        for line, option, value, left_out in cut_options(config.config_file_path):
            log.warning(f"mkdocs.yml:{line}: the community option '{option}' reads '{value}': "
                        f"YAML took ' {left_out}' for a comment. Put the value in quotes to "
                        "keep it whole.")
        for name in ASSET_FILES:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if f"assets/community/{name}" not in target:
                target.append(f"assets/community/{name}")
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self._stop_writer()
        if not self.config.enabled:
            return
        if speedups.ENABLED and not self._single_build:
            speedups.collect_leftovers()  # of the last `mkdocs serve` rebuild
        # `mkdocs build` reads half of the files in a helper process; `mkdocs serve` runs
        # threads (no forking), and re-reads only the files that changed since its last build.
        building = self._single_build
        community, diagnostics = load_community(
            self.settings, parallel=speedups.ENABLED and building,
            cache=None if building else self._load_cache)
        for diagnostic in diagnostics:
            if diagnostic.severity is Severity.ERROR:
                emit = log.error
            elif diagnostic.code in ADVISORY_CODES:
                # Advice for contributors ('community validate' shows it as a warning):
                # a topic the site's 'suggest' mode keeps, markup from another generator.
                # The build says it, but a strict build does not fail on it.
                emit = log.info
            else:
                emit = log.warning
            emit(diagnostic.format_text())
        self._problems = ""
        if community is None:
            if self._command == "serve":  # in the browser instead of a build that hangs it
                self._problems = serve_errors.panel(diagnostics, stale=self.site is not None)
                return
            raise PluginError(f"community data has {summary(diagnostics)}; nothing was "
                              "built. Run 'community validate' for the same report.")
        now = build_time(self.config.now)
        if not speedups.ENABLED:
            self.site = generate(community, now)
            return
        # The garbage collector paused while the site is made, and then kept off what it
        # made (it lives to the end of the build; on_post_build hands it back).
        with speedups.collector_paused():
            if building:  # same Site, on two cores
                self.site = speedups.generate_with_helper(community, now)
            else:  # `mkdocs serve` runs threads: no helper processes
                self.site = generate(community, now)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if self.site is None:
            if self._problems:  # `mkdocs serve`, broken files: no record becomes a page
                self._remove_record_sources(files, config)
            return files
        community = self.site.build.community
        self._remove_record_sources(files, config)
        self.specs = {}
        self._unindexed = {}
        self._feed_links = None
        for spec in self.site.pages:
            inclusion = InclusionLevel.UNDEFINED if spec.url == spec.section + "/" \
                else InclusionLevel.NOT_IN_NAV
            self._replace(files, File.generated(config, spec.src_uri, content="",
                                                inclusion=inclusion))
            self.specs[spec.src_uri] = spec
        for asset in self.site.assets:
            self._replace(files, File.generated(config, asset.path, content=asset.content))
        for name in ASSET_FILES:
            self._replace(files, File.generated(config, f"assets/community/{name}",
                                                abs_src_path=str(ASSETS / name)))
        avatars = self.settings.path(self.settings.members_dir) / "avatars"
        for member in community.listed_members:  # unlisted people's images stay unpublished
            if member.avatar:
                self._replace(files, File.generated(
                    config, f"members/avatars/{member.avatar}",
                    abs_src_path=str(avatars / member.avatar)))
        self._add_sections_to_nav(config)
        return files

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        self._nav_urls = tuple(_nav_urls(nav.items))
        self._nav = nav
        return nav

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.site is not None and speedups.ENABLED:
            # Material renders the whole navigation for each of thousands of profiles; for
            # pages outside the nav it is the same per folder (see speedups.py).
            theme_dirs = [Path(d) for d in config.theme.dirs
                          if d != config.theme.custom_dir and Path(d).is_dir()]
            speedups.memoize_partials(env, speedups.NAV_PARTIALS,
                                      speedups.folder_key(self._nav_urls), theme_dirs)
            speedups.memoize_partials(env, speedups.CONSTANT_PARTIALS,
                                      speedups.same_for_all, theme_dirs)
            # Then each profile is the theme's page for its folder with its own title,
            # description, links and body put in (checked against real renders).
            specs = self.specs
            self._skeletons = speedups.PageSkeletons(
                lambda page: page.file.src_uri in specs, speedups.folder_key(self._nav_urls))
            self._skeletons.wrap(env)
            if self._single_build and speedups.PageWriter.possible(config):
                # And a second process writes pages from the last one back.
                self._writer = speedups.PageWriter(
                    config, self._nav, files.documentation_pages(), env, set(specs))
                if not self._writer.start():
                    self._writer = None
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        # MkDocs themes insert titles and descriptions into HTML unescaped (they are
        # normally written by the site author); ours carry contributor text.
        page.meta = {"title": str(escape(spec.title)),
                     "description": str(escape(spec.description))}
        if spec.hide:
            page.meta["hide"] = list(spec.hide)
        if not spec.search:
            page.meta["search"] = {"exclude": True}
        elif spec.search_boost != 1.0:
            page.meta["search"] = {"boost": spec.search_boost}
        page.edit_url = self.settings.edit_url(spec.source) if spec.source else None
        # The body is rendered straight to HTML in on_page_content; an empty Markdown
        # source keeps MkDocs from converting pages that need no conversion, and
        # skip_markdown keeps it from even setting up a converter for them.
        if speedups.ENABLED:
            speedups.skip_markdown(page)
        return ""

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        if self.site is None:
            return html
        renderer = self._renderer(config)
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            # One concise search document per generated page (see search.py).
            text = search.search_text(self.site.build, spec)
            self._search_keywords[page.url] = search.search_keywords(self.site.build, spec)
            if text and speedups.ENABLED:
                # The search plugin parses page.content in on_page_context, and all but
                # the search document is excluded from the index anyway: until then the
                # page holds only that document, and on_page_context adds the body. Same
                # index, without parsing thousands of full pages; and the body is made
                # when the page is written, not held for the whole build.
                document, start, _ = search.index_body("", text).partition("<cm-page ")
                if start:
                    self._unindexed[page.file.src_uri] = (spec, text, document)
                    return document
            body = renderer.render(spec)
            return search.index_body(body, text) if text else body
        page_url = page.file.url if page.file.url not in ("./", ".") else ""

        def render(template: str, **context: Any) -> str:
            return renderer.render_template(template, page_url, **context)

        html, problems = blocks_module.expand(html, self.site.build, render, BLOCKS)
        for problem in problems:
            # Located in the page's source; the message escaped (see neutralise.py).
            line, col = blocks_module.locate(page.markdown or "", problem.marker)
            diagnostic = Diagnostic(self._page_path(page, config), line, col, problem.code,
                                    problem.message, problem.hint, Severity(problem.severity))
            emit = log.error if diagnostic.severity is Severity.ERROR else log.warning
            emit(diagnostic.format_text())
        return html

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig,
                        nav: Any) -> Any:
        pending = self._unindexed.pop(page.file.src_uri, None)
        if pending is not None and not (
                self._writer and self._writer.written_elsewhere(page.file.src_uri)):
            spec, text, document = pending
            body = self._renderer(config).render(spec)
            indexed = search.index_body(body, text)
            page.content = (page.content or "") + indexed[len(document):] \
                if indexed.startswith(document) else indexed
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        # Feed discovery in <head> and the feedback link in the footer, on every page and
        # with any theme (see chrome.py for why not a theme partial).
        output = serve_errors.with_panel(output, self._problems)
        if self.site is None:
            return output
        output = chrome.decorate(output, page.file.url, self._discovery_links(),
                                 self.settings.feedback_url,
                                 privacy_url=self.settings.privacy_url,
                                 lang=self.site.build.lang)
        # Link previews (Open Graph, Twitter card): see seo.py for why not a theme partial.
        output = seo.add_preview_tags(output, self._preview(page, config))
        if speedups.ENABLED and page.file.src_uri in self.specs and page.content:
            # Written out: MkDocs needs the body no more, and 10,000 of them held to the
            # end of the build are half its memory. The search document stays.
            end = page.content.find("<cm-page ")
            page.content = page.content[:end] if end > 0 else page.content
        return output

    def on_post_template(self, output_content: str, *, template_name: str,
                         config: MkDocsConfig) -> str | None:
        # The 404 page is a theme template, not a page: on_post_page never sees it. It is
        # served at any URL, so its links are absolute paths, as MkDocs makes its own.
        if template_name == "404.html":
            output_content = serve_errors.with_panel(output_content, self._problems,
                                                     reload_when_found=True)
        if self.site is None or template_name != "404.html":
            return output_content
        base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        lang = self.site.build.lang
        output_content = notfound.replace_heading(output_content, notfound.body(
            self.settings.name, _nav_sections(self._nav.items if self._nav else ()), base,
            lang), self.settings.name, lang)
        return chrome.decorate(output_content, "404.html", self._discovery_links(),
                               self.settings.feedback_url, base=base,
                               privacy_url=self.settings.privacy_url, lang=lang)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled:
            for folder in (self.settings.members_dir, self.settings.events_dir):
                if self.settings.path(folder).is_dir():
                    server.watch(str(self.settings.path(folder)))
            topics = self.settings.path(self.settings.topics_file)
            if topics.exists():  # an optional one not written yet cannot be watched
                server.watch(str(topics))
        return server

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self._search_keywords and index.is_file():
            index.write_text(search.add_keywords(index.read_text(encoding="utf-8"),
                                                 self._search_keywords), encoding="utf-8")
        if self._writer is not None:
            log.debug(f"community: {self._writer.helper.used} pages written by the helper")
            self._writer.finish()
            self._writer = None
        if speedups.ENABLED:
            speedups.release_collector()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_writer()

    # -- helpers -------------------------------------------------------------

    def _add_sections_to_nav(self, config: MkDocsConfig) -> None:
        """Sections the site's ``nav`` leaves out go under ``nav_section`` (MkDocs reads
        ``nav`` after on_files); with ``nav_section: false``, a warning says what to add."""
        missing = navigation.missing_sections(config.nav, self.site.pages)
        if not missing:
            return
        title = self.config.nav_section
        if title:
            config.nav = navigation.with_sections(config.nav, title, missing)
            log.info(f"community: added to the nav under '{title}': "
                     + ", ".join(page.title for page in missing))
        else:
            log.warning("community: these sections are not in the site's nav, so no menu "
                        "leads to them; add them to 'nav' in mkdocs.yml (or remove "
                        "'nav_section: false'):\n" + navigation.snippet(missing))

    def _page_path(self, page: Page, config: MkDocsConfig) -> str:
        """The page's source file as the site's repository names it."""
        path = Path(config.docs_dir, page.file.src_uri).resolve()
        root = self.settings.root.resolve()
        return path.relative_to(root).as_posix() if path.is_relative_to(root) \
            else page.file.src_uri

    def _discovery_links(self) -> list[Any]:
        if self._feed_links is None:  # once per build, not once a page
            self._feed_links = discovery_links(self.site.assets)
        return self._feed_links

    def _preview(self, page: Page, config: MkDocsConfig) -> seo.Preview:
        site_url, site_name = config.site_url or "", self.settings.name
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            return seo.preview_for_spec(spec, site_url, site_name)
        description = (page.meta or {}).get("description") or config.site_description or ""
        title = site_name if page.is_homepage else (page.title or "")
        return seo.preview_for_page(str(title), str(description), page.url, site_url,
                                    site_name)

    def _renderer(self, config: MkDocsConfig) -> Renderer:
        if self.renderer is None or self.renderer.build is not self.site.build:
            # The theme's folders come first, so overrides/community/*.html wins.
            env = make_environment(config.theme.dirs)
            memo = None if self._single_build else self._render_memo
            self.renderer = Renderer(env, self.site.build, memo)
        return self.renderer

    def _stop_writer(self) -> None:
        if self._writer is not None:
            self._writer.stop()
            self._writer = None

    def _remove_record_sources(self, files: Files, config: MkDocsConfig) -> None:
        """Record folders inside docs_dir hold data, not pages: keep them out of the site."""
        docs_dir = Path(config.docs_dir).resolve()
        folders = [self.settings.path(kind.folder(self.settings)).resolve() for kind in KINDS]
        folders = [f for f in folders if f.is_relative_to(docs_dir) and f != docs_dir]
        topics = self.settings.path(self.settings.topics_file).resolve()
        for file in list(files):
            if not file.abs_src_path:
                continue
            path = Path(file.abs_src_path).resolve()
            if path == topics or any(path.is_relative_to(folder) for folder in folders):
                files.remove(file)

    @staticmethod
    def _replace(files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(file)


def _nav_sections(items: Any) -> list[tuple[str, str]]:
    """(title, URL) of each top-level nav entry: a page, or a section's first page."""
    found = []
    for item in items:
        url, first = getattr(item, "url", None), item
        while not isinstance(url, str) and getattr(first, "children", None):
            first = first.children[0]
            url = getattr(first, "url", None)
        if isinstance(url, str) and "://" not in url:
            found.append((str(item.title or ""), url))
    return found


def _nav_urls(items: Any) -> Any:
    """Every URL in the nav (pages and links), depth first."""
    for item in items:
        url = getattr(item, "url", None)
        if isinstance(url, str):
            yield url
        yield from _nav_urls(getattr(item, "children", None) or ())


__all__ = ["Community", "CommunityPlugin"]
