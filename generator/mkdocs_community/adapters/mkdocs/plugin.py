"""The MkDocs adapter: hooks that translate between MkDocs and the core, and decide nothing.

Hook order in a build: ``on_config`` (options) -> ``on_pre_build`` (load and
validate; fail before MkDocs cleans the output folder, so a broken pull request
never replaces the last good site) -> ``on_files`` (generated pages and files) ->
``on_nav`` (generated pages outside the nav) -> ``on_env`` (which shortcuts of
``speedups.py`` this site allows) -> ``on_page_markdown`` / ``on_page_content`` (page
bodies from templates) -> ``on_page_context`` -> ``on_post_page`` (head tags).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from mkdocs_community import ASSETS
from mkdocs_community.adapters import parallel
from mkdocs_community.adapters.clock import build_time
from mkdocs_community.adapters.mkdocs import speedups
from mkdocs_community.adapters.mkdocs.config import (
    CommunityConfig,
    cut_options,
    to_settings,
)
from mkdocs_community.adapters.mkdocs.incremental import IncrementalServe
from mkdocs_community.adapters.mkdocs.old_site import AFTER_PUT_BACK, OldSite
from mkdocs_community.adapters.mkdocs.watching import RecordWatcher
from mkdocs_community.core.build import PageSpec
from mkdocs_community.core.community import Community, LoadCache, load_community
from mkdocs_community.core.diagnostics import ADVISORY_CODES, Diagnostic, Severity, summary
from mkdocs_community.core.kept import KeptValues
from mkdocs_community.core.kinds import KINDS
from mkdocs_community.core.safety import RenderedTexts
from mkdocs_community.outputs import blocks as blocks_module
from mkdocs_community.outputs import bundles, chrome, notfound, search, seo, serve_errors
from mkdocs_community.outputs.feeds import discovery_links
from mkdocs_community.outputs.render import (
    CompiledTemplates,
    Renderer,
    RenderMemo,
    make_environment,
)
from mkdocs_community.sections import navigation
from mkdocs_community.sections.site import BLOCKS, Site, generate

log = logging.getLogger("mkdocs.plugins.community")
# Fewer generated pages than this rendered by a serve rebuild: no page skeletons (on_env).
FEW_PAGES = 64


class CommunityPlugin(BasePlugin[CommunityConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._start_fresh()

    def _start_fresh(self) -> None:
        """Nothing of an earlier command's: MkDocs keeps one instance of a plugin with a
        startup event for every command that one process runs (a program or test suite
        that builds several sites), so each command starts as a new process would."""
        self.site: Site | None = None
        self.renderer: Renderer | None = None
        self.specs: dict[str, PageSpec] = {}
        self._unindexed: dict[str, PageSpec] = {}  # see on_page_content
        self._search_keywords: dict[str, str] = {}  # page URL -> words (search.add_keywords)
        self._feed_links: list[Any] | None = None
        self._nav: Any = None
        self._shortcuts = speedups.Shortcuts()
        self._pages: speedups.PageRenderer | None = None
        self._empty: speedups.EmptyMarkdown | None = None
        self._ahead: parallel.Prefetch[str] | None = None  # page bodies, see on_nav
        self._collector = parallel.CollectorScope()
        # Kept between `mkdocs serve` rebuilds: what unchanged files and pages gave.
        self._load_cache = LoadCache()
        self._render_memo = RenderMemo()
        self._compiled = CompiledTemplates()
        self._texts = RenderedTexts()
        self._kept = KeptValues()
        self._template_facts: dict[Any, speedups.TemplateFacts] = {}
        self._told: set[str] = set()  # what the log has said once
        self._command = ""
        self._problems = ""  # `mkdocs serve` with broken files: see serve_errors.py
        # `mkdocs serve`: unchanged generated pages kept out of MkDocs' page pipeline.
        self._incremental = IncrementalServe(self._say_once)
        # `mkdocs serve`: record files watched by the operating system (watching.py).
        self._watcher = RecordWatcher()
        # `mkdocs build`: the last build's output written over (old_site.py).
        self._old_site = OldSite()
        self._dirty = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # An earlier `mkdocs serve` in this process that stopped without shutting down.
        self._incremental.close()
        self._watcher.close()
        self._collector.close()
        self._start_fresh()
        self._command, self._dirty = command, dirty
        self._incremental.start(command, dirty)

    def on_shutdown(self) -> None:
        self._old_site.finish()
        self._incremental.close()
        self._watcher.close()
        self._collector.close()
        if self._single_build and speedups.enabled():
            # MkDocs' last event before the command line process exits (see parallel.py).
            self._collector.leave_to_exit()

    @property
    def _single_build(self) -> bool:
        """`mkdocs build` or `gh-deploy`: one build, whose process may fork a helper
        (see parallel.py). `mkdocs serve` rebuilds, from threads."""
        return self._command in ("build", "gh-deploy")

    def _say_once(self, message: str) -> None:
        if message not in self._told:
            self._told.add(message)
            log.info(message)

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
        for name in bundles.BUNDLES:  # all of assets/*.css, all of *.js: a file each, every page
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if f"assets/community/{name}" not in target:
                target.append(f"assets/community/{name}")
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        # The garbage collector pauses while the records and pages are made, and then
        # leaves them alone to the end of the build (on_post_build hands them back).
        self._collector.pause(collect_first=not self._single_build)
        self._incremental.begin(config.site_dir)
        helper = self._helper_allowed()
        community, diagnostics = load_community(
            self.settings, sharing=parallel.Sharing() if helper else None,
            cache=None if self._single_build else self._load_cache)
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
                self._incremental.abandon()
                self._problems = serve_errors.panel(diagnostics, stale=self.site is not None)
                return
            raise PluginError(f"community data has {summary(diagnostics)}; nothing was "
                              "built. Run 'community validate' for the same report.")
        now = build_time(self.config.now)
        # `mkdocs serve` keeps the rendered Markdown of the texts the last build used.
        texts = RenderedTexts() if self._single_build else self._texts.used()
        if helper:
            self.site = speedups.generate_on_two_cores(community, now, texts)
        else:
            # `mkdocs serve` also hands on what the last build worked out (kept.py).
            kept = KeptValues() if self._single_build else self._kept.used()
            self.site = generate(community, now, texts, kept)
            self._kept = kept
        self._texts = texts
        self._collector.keep_off_existing()
        if self._may_write_over_last_output(config):
            # Last: MkDocs cleans site_dir only once every pre_build event succeeded.
            self._old_site.set_aside(config.site_dir)

    def _may_write_over_last_output(self, config: MkDocsConfig) -> bool:
        """Whether this build writes its pages over the last build's (old_site.py):
        `mkdocs build` that cleans, with no plugin but known ones running once the last
        output is back (another might write a file only where none is)."""
        return (self._single_build and not self._dirty and speedups.enabled()
                and not speedups.unknown_handlers(config, AFTER_PUT_BACK,
                                                  speedups.known_plugins(config, self)))

    def _helper_allowed(self) -> bool:
        """Whether this build may hand work to a helper process (parallel.py)."""
        if not (self._single_build and speedups.enabled()):
            return False
        unsafe = parallel.fork_unsafe_reason()
        if unsafe is not None:  # a plugin started threads, say: worth knowing
            self._say_once(f"community: building in one process ({unsafe})")
            return False
        return parallel.cores() > 1

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        self._old_site.cleaned()  # MkDocs cleans site_dir between on_pre_build and on_files
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
        for name in bundles.BUNDLES:
            self._replace(files, File.generated(config, f"assets/community/{name}",
                                                content=bundles.bundle(ASSETS, name)))
        avatars = self.settings.path(self.settings.members_dir) / "avatars"
        for member in community.listed_members:  # unlisted people's images stay unpublished
            if member.avatar:
                self._replace(files, File.generated(
                    config, f"members/avatars/{member.avatar}",
                    abs_src_path=str(avatars / member.avatar)))
        self._add_sections_to_nav(config)
        # `mkdocs serve`: pages the last build made from the same inputs are put back in
        # on_post_build instead of going through MkDocs' page pipeline (incremental.py).
        self._incremental.hold_back(files, config, self, self.site.pages,
                                    lambda spec: self._renderer(config).render(spec),
                                    self._site_inputs(), bool(self._problems))
        return files

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        self._nav = nav  # the 404 page lists its top-level sections
        if self.site is None:
            return nav
        # Which shortcuts this site allows, decided before pages are read (speedups.py).
        self._shortcuts = speedups.Shortcuts.decide(config, self, _named_templates(files),
                                                    self._template_facts)
        for name, reason in self._shortcuts.off().items():
            if reason != "COMMUNITY_SPEEDUPS=0":
                self._say_once(f"community: {name} off: {reason}")
        self._incremental.check_nav(nav, files, self._shortcuts.skeletons)
        # A generated page outside the nav is a GeneratedPage, whether or not the
        # shortcuts run, so the theme sees the same objects either way.
        in_nav = {id(page) for page in nav.pages}
        self._empty = speedups.EmptyMarkdown(allowed=self._shortcuts.convert_once is None)
        by_uri = files.src_uris  # our src_uris are POSIX paths already
        for spec in self.site.pages:
            file = by_uri.get(spec.src_uri)
            if file is not None and id(file.page) not in in_nav:
                speedups.GeneratedPage(file, config, self._empty)
        if self._shortcuts.search_first is None and self._helper_allowed():
            # Bodies are rendered as pages are written (on_page_context): a helper process
            # renders them ahead of MkDocs (parallel.Prefetch), from now on, while MkDocs
            # reads the pages. (It could render whole pages, theme and all, but on two
            # cores it then falls behind MkDocs and the work is done twice: measured, it
            # saved nothing.) Up to 6,000 bodies ahead: the helper starts while MkDocs
            # reads the pages and copies the static files, 2 s at 10,000 members, in
            # which a bound of 2,000 left it idle and then behind MkDocs; about 30 MB.
            self._renderer(config)
            order = [f.src_uri for f in files.documentation_pages()
                     if f.src_uri in self.specs and self.specs[f.src_uri].search]
            self._ahead = parallel.Prefetch(order, self._excluded_body, ahead=96)
        return nav

    @event_priority(-100)  # last: the environment as every other plugin left it
    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        self._pages = None
        # MkDocs has cleaned site_dir and writes nothing before this (old_site.py).
        self._old_site.restore([*(f.dest_uri for f in files), *config.theme.static_templates])
        if not self._single_build and env.bytecode_cache is None:
            # `mkdocs serve`: the theme's templates compiled once, not at every rebuild.
            env.bytecode_cache = self._compiled.cache_for(env)
        if self.site is None:
            return env
        specs = self.specs
        if self._shortcuts.skeletons is not None:
            return env
        if self._incremental.holding_back and sum(
                1 for f in files.documentation_pages() if f.src_uri in specs) < FEW_PAGES:
            # A `mkdocs serve` rebuild that renders a handful of generated pages, the rest
            # kept (incremental.py): learning skeletons, a traced render of the theme's page
            # for each folder (three for one edited member), costs more than it saves.
            return env
        # Thousands of profiles differ, as far as the theme is concerned, only in their
        # own title, description, links and body: each is rendered from a skeleton of
        # the theme's page that it provably fits (see skeletons.py).
        self._pages = speedups.PageRenderer(
            env, lambda page: isinstance(page, speedups.GeneratedPage)
            and page.file.src_uri in specs, self._say_once)
        return speedups.page_environment(env, self._pages)

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
        # The body is rendered straight to HTML in on_page_content; MkDocs converts an
        # empty Markdown source (once, see speedups.EmptyMarkdown).
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
            if text and self._shortcuts.search_first is None:
                # The search plugin parses page.content in on_page_context, and all but
                # the search document is excluded from the index anyway: until then the
                # page holds only that document, and on_page_context adds the body. Same
                # index, without parsing thousands of full pages; and the body is made
                # when the page is written, not held for the whole build.
                document = search.search_document(text)
                self._unindexed[page.file.src_uri] = spec
                return document
            body = self._body(spec)
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
        uri = page.file.src_uri
        if self._unindexed.pop(uri, None) is None:
            return context
        body = (self._ahead.take(uri) if self._ahead else None) or self._excluded_body(uri)
        # After the search document on_page_content left (or what became of it).
        page.content = (page.content or "") + body
        return context

    def _excluded_body(self, uri: str) -> str:
        """The body of the page made from ``uri``, kept out of the search index (see
        on_page_content); in a helper process too (parallel.Prefetch)."""
        return search.excluded_body(self._body(self.specs[uri]))

    def _body(self, spec: PageSpec) -> str:
        """The page's body: the one rendered in on_files to compare (incremental.py),
        or rendered now."""
        body = self._incremental.body(spec)
        if body is not None:
            return body
        assert self.renderer is not None
        return self.renderer.render(spec)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        # Feed discovery in <head> and the feedback link in the footer, on every page and
        # with any theme (see chrome.py for why not a theme partial).
        output = serve_errors.with_panel(output, self._problems)
        if self.site is None:
            return output
        # Link previews (Open Graph, Twitter card): see seo.py for why not a theme partial.
        output = chrome.decorate(output, page.file.url, self._discovery_links(),
                                 self.settings.feedback_url,
                                 privacy_url=self.settings.privacy_url,
                                 lang=self.site.build.lang,
                                 preview=self._preview(page, config))
        if self._shortcuts.release_bodies is None and page.file.src_uri in self.specs \
                and page.content:
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
            folders = [self.settings.path(folder) for folder in
                       (self.settings.members_dir, self.settings.events_dir)]
            topics = self.settings.path(self.settings.topics_file)
            # An optional topics file not written yet cannot be watched.
            # MkDocs has just begun polling the docs folder: the observer takes it over.
            self._watcher.watch(server, [f for f in folders if f.is_dir()],
                                [topics] if topics.exists() else [],
                                take_over=[Path(config.docs_dir)])
        return server

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self._search_keywords and index.is_file():
            index.write_text(search.add_keywords(index.read_text(encoding="utf-8"),
                                                 self._search_keywords), encoding="utf-8")
        if self._ahead is not None:
            log.debug(f"community: {self._ahead.taken} page bodies rendered ahead by the "
                      f"helper (waited for {self._ahead.waited:.1f} s)")
            self._ahead.close()
            self._ahead = None
        if self._pages is not None:
            skeletons = self._pages.skeletons
            log.debug(f"community: {skeletons.hits} pages filled in from page skeletons, "
                      f"{skeletons.traced} traced renders")
            self._pages = None
        if self._empty is not None:
            log.debug(f"community: {self._empty.reused} pages given the conversion of an "
                      "empty Markdown source made once")
        # Last: the skipped pages, their search documents and the sitemap put back.
        self._incremental.finish(config)
        self._old_site.finish()
        self._collector.end()
        if self._command == "serve":  # what this build leaves, freed while serve waits
            self._collector.collect_when_idle()

    def on_build_error(self, *, error: Exception) -> None:
        self._incremental.abandon()
        self._old_site.finish()
        if self._ahead is not None:
            self._ahead.close()
            self._ahead = None
        self._pages = None
        self._collector.end()

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

    def _site_inputs(self) -> list[str]:
        """What the plugin puts into every generated page besides its spec and body:
        the settings, the feed links, the topics (incremental.py)."""
        topics = self.settings.path(self.settings.topics_file)
        return [repr(self.settings), repr(self._discovery_links()),
                topics.read_text(encoding="utf-8") if topics.is_file() else ""]

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
            serve = not self._single_build
            env = make_environment(config.theme.dirs, self._compiled if serve else None)
            memo = self._render_memo if serve else None
            self.renderer = Renderer(env, self.site.build, memo)
        return self.renderer

    def _remove_record_sources(self, files: Files, config: MkDocsConfig) -> None:
        """Record folders inside docs_dir hold data, not pages: keep them out of the site."""
        docs_dir = Path(config.docs_dir).resolve()
        folders = [self.settings.path(kind.folder(self.settings)).resolve() for kind in KINDS]
        inside = tuple(os.path.join(f, "") for f in folders
                       if f.is_relative_to(docs_dir) and f != docs_dir)
        topics = str(self.settings.path(self.settings.topics_file).resolve())
        real_dirs: dict[str, str] = {}  # resolved once per folder, not once per file
        for file in list(files):
            if not file.abs_src_path:
                continue
            folder, name = os.path.split(file.abs_src_path)
            if os.path.islink(file.abs_src_path):
                path = os.path.realpath(file.abs_src_path)
            else:
                if folder not in real_dirs:
                    real_dirs[folder] = os.path.realpath(folder)
                path = os.path.join(real_dirs[folder], name)
            if path == topics or path.startswith(inside):
                files.remove(file)

    @staticmethod
    def _replace(files: Files, file: File) -> None:
        existing = files.src_uris.get(file.src_uri)  # a File's src_uri is a POSIX path
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


def _named_templates(files: Files) -> set[str]:
    """The templates the site's own Markdown pages name in their metadata."""
    named = set()
    for file in files.documentation_pages():
        if file.generated_by is None and file.abs_src_path:
            _body, meta = get_data(file.content_string)
            if isinstance(meta.get("template"), str):
                named.add(meta["template"])
    return named


__all__ = ["Community", "CommunityPlugin"]
