"""The MkDocs adapter's shortcuts for sites with thousands of generated pages.

Each shortcut gives byte for byte the site MkDocs and the theme would build without it,
uses only MkDocs' plugin events and public APIs, and switches itself off (saying why, once)
for a site where that cannot be shown. ``COMMUNITY_SPEEDUPS=0`` builds without any of them;
the tests compare the two. ``benchmarks/`` measures what they save.

* **Page skeletons** (``skeletons.py``): Material renders its whole page template (navigation,
  header, footer) for each of 10,000 profiles. The plugin returns from ``on_env`` an overlay
  of the theme's environment whose templates render a generated page from a skeleton it
  provably fits, learned from a traced render of an earlier page.
* **The search document first**: Material's search plugin parses the HTML of every page in
  ``on_page_context``. A generated page's body is kept out of its index anyway (see
  ``search.py``), so until the search plugin has run, the page holds only its search
  document; the body is added in the plugin's own ``on_page_context``, which runs last.
  (MkDocs' own search plugin indexes bodies: with it, this shortcut is off.)
* **Bodies released**: after a generated page is written, its body is dropped from
  ``page.content`` (10,000 of them held to the end of the build are half its memory).
* **Empty Markdown converted once**: a generated page has no Markdown source, yet MkDocs
  would build a Markdown converter with every configured extension for each one.
* **A second core** (``parallel.py``; ``mkdocs build`` only, never in a process running
  threads such as ``mkdocs serve``): helper processes read half of the record files,
  render half of the bios and make the calendars, feeds and data files
  (:func:`generate_on_two_cores`), and render page bodies a few dozen pages ahead of
  MkDocs (the plugin's ``on_env``). Their results are the values this process would
  compute, made from a forked copy of its objects.

The first three run only while every plugin (or hook) that runs code as pages are built
(``on_env``, ``on_page_content``, ``on_page_context``, ``on_post_page``, ``on_post_build``)
is known: Material's or MkDocs' search plugin, and this one. The search plugin only adds
each page to its index. Any other plugin might read or change what these shortcuts skip.
The theme's templates are read too (:class:`TemplateFacts`): skeletons need templates
that change no object, the search-first and release shortcuts templates that read no
page's body but the current page's.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from mkdocs_community.adapters.mkdocs.skeletons import Skeletons
from mkdocs_community.adapters.parallel import Helper
from mkdocs_community.core.build import all_assets, all_pages
from mkdocs_community.core.community import Community
from mkdocs_community.core.safety import RenderedTexts, needs_rendering, render_all
from mkdocs_community.sections import members
from mkdocs_community.sections.site import ASSET_BUILDERS, PAGE_BUILDERS, Site, new_build

# Search plugins known to do nothing in page events but add the page to their index.
MATERIAL_SEARCH = ("material.plugins.search.plugin", "SearchPlugin")
KNOWN_PLUGINS = frozenset({
    ("mkdocs.contrib.search", "SearchPlugin"),
    ("properdocs.contrib.search", "SearchPlugin"),  # ProperDocs, MkDocs' maintained fork
    MATERIAL_SEARCH,
})
# Events in which plugins run code while pages are built, after their Markdown is read.
PAGE_EVENTS = ("env", "page_content", "page_context", "post_page", "post_build")
# The page's own values, printed by themes but not branched on (see skeletons.py).
PAGE_VALUES = ("title", "content", "url", "abs_url", "canonical_url", "edit_url")
META_VALUES = ("title", "description")
# Template variables from which any page can be reached: a template that reads one could
# see another page's state, so it is never skeletonised (and bodies are kept).
EVERY_PAGE = ("pages",)
# Method names that change the object they are called on.
MUTATING = frozenset({"append", "extend", "insert", "pop", "remove", "clear", "update",
                      "setdefault", "popitem", "add", "discard", "sort", "reverse"})
# Text a template that calls one of those must contain (a cheap first pass before
# parsing); and one that names a template in any way but a quoted name.
_MUTATING_CALL = re.compile("|".join(rf"\.{m}\s*\(" for m in MUTATING))
# Text a template that reads ``content`` of anything must contain (as an attribute, an
# item, or the attribute a filter reads).
_CONTENT_READ = re.compile(r"\.content\b|\[\s*[\"']content[\"']\s*\]|"
                           r"(?:attribute\s*=|attr\s*\()\s*[\"']content[\"']")
_CONSTANT_NAME = re.compile(r"\{%[-+]?\s*(?:extends|include|import|from)\s+([\"'])([^\"']+)\1"
                            r"\s*(?=[%+-]|as\b|import\b|ignore\b|with\b|without\b)")
_COMPUTED_NAME = re.compile(r"\{%[-+]?\s*(?:extends|include|import|from)\s+"
                            r"(?:[^\s\"']|[\"'][^\"']*[\"']\s*[~+(\[])")


def enabled() -> bool:
    """Whether the shortcuts may run (``COMMUNITY_SPEEDUPS=0`` turns them all off)."""
    return os.environ.get("COMMUNITY_SPEEDUPS", "1") != "0"


def unknown_handlers(config: Any, events: Iterable[str], known: Collection[Any]) -> list[str]:
    """Plugins and hooks other than ``known`` (instances) handling any of ``events``."""
    found: list[str] = []
    for event in events:
        for method in config.plugins.events.get(event, ()):
            owner = getattr(method, "__self__", None)
            if owner is not None and any(owner is k for k in known):
                continue
            name = next((n for n, p in config.plugins.items()
                         if owner is p or getattr(p, f"on_{event}", None) == method),
                        getattr(method, "__module__", repr(method)))
            if name not in found:
                found.append(name)
    return found


def known_plugins(config: Any, own: Any) -> list[Any]:
    """This plugin and the search plugins in ``config``."""
    return [own] + [p for p in config.plugins.values()
                    if (type(p).__module__, type(p).__qualname__) in KNOWN_PLUGINS]


@dataclass(frozen=True)
class Shortcuts:
    """Which shortcuts this build may take; each reason is why one is off (None: on)."""

    skeletons: str | None = "not decided"
    search_first: str | None = "not decided"
    release_bodies: str | None = "not decided"
    convert_once: str | None = "not decided"

    @classmethod
    def decide(cls, config: Any, own: Any, page_templates: Collection[str] = (),
               memo: dict[Any, TemplateFacts] | None = None) -> Shortcuts:
        """What ``config`` (its plugins and its theme's templates) allows.
        ``page_templates``: templates the site's pages name in their metadata; ``memo``
        keeps what unchanged templates gave (``mkdocs serve`` rebuilds)."""
        if not enabled():
            off = "COMMUNITY_SPEEDUPS=0"
            return cls(off, off, off, off)
        others = unknown_handlers(config, PAGE_EVENTS, known_plugins(config, own))
        plugins = (f"other plugins run code while pages are built ({', '.join(others)})"
                   if others else None)
        templates = TemplateFacts.of(config.theme.get_env(), config.theme.static_templates,
                                     page_templates, memo)
        content = templates.reads_other_content
        # Only Material's search plugin leaves out what is marked data-search-exclude (a
        # generated page's body); MkDocs' own indexes the body too, so it must see it.
        searches = [p for p in known_plugins(config, own)[1:]
                    if (type(p).__module__, type(p).__qualname__) != MATERIAL_SEARCH]
        whole_body = ("MkDocs' own search plugin indexes page bodies" if searches else None)
        return cls(skeletons=plugins or templates.changes_objects,
                   search_first=plugins or content or whole_body,
                   release_bodies=plugins or content,
                   convert_once=None)

    def off(self) -> dict[str, str]:
        names = {"skeletons": "page skeletons", "search_first": "search document first",
                 "release_bodies": "bodies released after writing",
                 "convert_once": "empty Markdown converted once"}
        return {names[k]: v for k, v in vars(self).items() if v}


@dataclass(frozen=True)
class TemplateFacts:
    """What the theme's templates do that rules shortcuts out (None: nothing).

    Read with Jinja's parser, never rendered. ``changes_objects``: a template that may
    render while pages are built calls a method that changes an object, so a page's
    output could depend on the pages rendered before it (``404.html`` and
    ``sitemap.xml``, rendered before any page, are left out unless another template
    uses them). ``reads_other_content``: a template reads the ``content`` of something
    other than the page being rendered (another page's body, which the search-first and
    release shortcuts change while pages are built).
    """

    changes_objects: str | None
    reads_other_content: str | None

    @classmethod
    def of(cls, env: jinja2.Environment, before_pages: Collection[str],
           page_templates: Collection[str] = (),
           memo: dict[Any, TemplateFacts] | None = None) -> TemplateFacts:
        try:
            names = _template_names(env)
        except TypeError:  # a loader that cannot list its templates
            unknown = "the theme's templates cannot be listed"
            return cls(unknown, unknown)
        sources: dict[str, str] = {}
        for name in names:
            try:
                sources[name] = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
            except (jinja2.TemplateError, OSError, UnicodeDecodeError):
                continue  # a template that cannot be read is never rendered
        key = (tuple(sorted(sources.items())), tuple(sorted(before_pages)),
               tuple(sorted(page_templates)))
        if memo is not None and key in memo:
            return memo[key]
        facts = cls._read(env, sources, before_pages, page_templates)
        if memo is not None:
            memo.clear()  # only the latest templates are worth keeping
            memo[key] = facts
        return facts

    @classmethod
    def _read(cls, env: jinja2.Environment, sources: Mapping[str, str],
              before_pages: Collection[str], page_templates: Collection[str]
              ) -> TemplateFacts:
        parsed: dict[str, nodes.Template] = {}  # each template parsed at most once
        # Templates named in another template, or by a name worked out while rendering.
        used: list[str | None] = []
        for source in sources.values():
            if _COMPUTED_NAME.search(source):
                used.extend(_references(_parse(env, source, parsed)))
        before = {name for name in before_pages
                  if not any(f'"{name}"' in t or f"'{name}'" in t for t in sources.values())
                  and not any(ref is None or name.startswith(ref) for ref in used)}
        reached = _reachable(env, sources, {"main.html", *before_pages, *page_templates},
                             parsed)
        changes = content = None
        # Only the templates whose text could do either are parsed (Material has
        # hundreds; almost none do).
        for name, source in sources.items():
            if name not in reached:
                continue
            if not _CONTENT_READ.search(source) and not _MUTATING_CALL.search(source):
                continue
            ast = _parse(env, source, parsed)
            if content is None and _reads_other_content(ast):
                content = f"{name} reads the content of other pages"
            if changes is None and name not in before:
                called = next((c.node.attr for c in ast.find_all(nodes.Call)  # type: ignore[attr-defined]
                               if isinstance(c.node, nodes.Getattr)
                               and c.node.attr in MUTATING), None)
                if called:
                    changes = f"{name} calls .{called}()"
        return cls(changes, content)


def _reachable(env: jinja2.Environment, sources: Mapping[str, str],
               roots: Collection[str], parsed: dict[str, nodes.Template]) -> set[str]:
    """``roots`` and every template they may use.

    MkDocs renders ``main.html``, the templates pages name in their ``template``
    metadata, ``404.html`` and ``sitemap.xml``; any other template renders only where
    one of these names it, or where a plugin renders it itself (Material's blog and
    tags templates; no plugin but known ones runs while the shortcuts do).
    """
    reached: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in reached or name not in sources:
            continue
        reached.add(name)
        source = sources[name]
        refs: list[str | None] = [m.group(2) for m in _CONSTANT_NAME.finditer(source)]
        if _COMPUTED_NAME.search(source):  # parsed only where a name is worked out
            refs.extend(_references(_parse(env, source, parsed)))
        for ref in refs:
            todo.extend(n for n in sources if ref is None or n == ref or
                        (ref.endswith("/") and n.startswith(ref)) or
                        (not ref.endswith((".html", ".xml", ".svg")) and n.startswith(ref)))
    return reached


def _reads_other_content(ast: nodes.Template) -> bool:
    """Whether ``ast`` reads ``content`` of anything but the variable ``page`` (by
    attribute, by item or by name, as the ``map(attribute=...)`` filter does)."""
    for node in ast.find_all((nodes.Getattr, nodes.Const)):
        if isinstance(node, nodes.Getattr):
            if node.attr == "content" and not (
                    isinstance(node.node, nodes.Name) and node.node.name == "page"):
                return True
        elif node.value == "content":
            return True
    return False


_TEMPLATE_ENDINGS = (".html", ".xml", ".j2")


def _template_names(env: jinja2.Environment) -> list[str]:
    """The names of the environment's page templates (HTML, XML), as Jinja lists them.

    For MkDocs' own loader (folders) the folders are walked here, looking only at names
    with those endings: Material's folders also hold thousands of icons.
    """
    loader = env.loader
    if not isinstance(loader, jinja2.FileSystemLoader):
        return [n for n in env.list_templates() if n.endswith(_TEMPLATE_ENDINGS)]
    found = set()
    for folder in loader.searchpath:
        for root, _dirs, files in os.walk(folder, followlinks=loader.followlinks):
            relative = os.path.relpath(root, folder).replace(os.sep, "/")
            prefix = "" if relative == "." else relative + "/"
            found.update(prefix + f for f in files if f.endswith(_TEMPLATE_ENDINGS))
    return sorted(found)


def _parse(env: jinja2.Environment, source: str, parsed: dict[str, nodes.Template]
           ) -> nodes.Template:
    found = parsed.get(source)
    if found is None:
        try:
            found = env.parse(source)
        except jinja2.TemplateError:
            found = nodes.Template([], lineno=1)  # never rendered: names nothing
        parsed[source] = found
    return found


def _references(ast: nodes.Template) -> Iterable[str | None]:
    """The names (or name prefixes) of the templates ``ast`` extends, includes or imports;
    None for a name worked out in a way that gives no prefix."""
    for node in ast.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = node.template
        if isinstance(target, nodes.Const) and isinstance(target.value, str):
            yield target.value
        elif isinstance(target, (nodes.Tuple, nodes.List)) and all(
                isinstance(i, nodes.Const) and isinstance(i.value, str) for i in target.items):
            yield from (i.value for i in target.items)  # type: ignore[attr-defined]
        elif isinstance(target, nodes.Concat) and isinstance(target.nodes[0], nodes.Const):
            yield str(target.nodes[0].value)
        else:
            yield None


# -- empty Markdown ----------------------------------------------------------------------

class EmptyMarkdown:
    """What MkDocs' conversion of an empty Markdown source gives, worked out once.

    The first page with an empty source is converted for real; if that gives an empty
    body, no table of contents and no anchors, every later page with an empty source gets
    the same (MkDocs' per-page processing of links, anchors and titles has nothing to work
    on in an empty document, and Python-Markdown returns at once for one). A page keeps
    the title it had (a conversion that gives no body finds no heading to take one from).
    """

    _SET_BY_RENDER = ("present_anchor_ids", "links_to_anchors")

    def __init__(self, allowed: bool) -> None:
        self.allowed = allowed
        self._result: dict[str, Any] | bool | None = None  # False: convert every page
        self.reused = 0

    def render(self, page: GeneratedPage, config: Any, files: Any) -> None:
        if not self.allowed or page.markdown != "" or self._result is False:
            Page.render(page, config, files)
            return
        if self._result is None:
            Page.render(page, config, files)
            empty = (page.content == "" and not list(page.toc)
                     and not page.present_anchor_ids and not page.links_to_anchors)
            self._result = {name: getattr(page, name) for name in self._SET_BY_RENDER
                            if name in vars(page)} if empty else False
            return
        page.content = ""
        page.toc = get_toc([])
        for name, value in self._result.items():  # type: ignore[union-attr]
            setattr(page, name, type(value)())  # empty, like the first page's
        self.reused += 1


class GeneratedPage(Page):
    """A page the plugin generates (a profile, an event, ...), outside the nav."""

    def __init__(self, file: Any, config: Any, empty: EmptyMarkdown) -> None:
        super().__init__(None, file, config)
        self._community_empty = empty

    def render(self, config: Any, files: Any) -> None:
        self._community_empty.render(self, config, files)


# -- the theme's page template, with skeletons -------------------------------------------

class PageRenderer:
    """Renders the theme's page template for generated pages from skeletons.

    Installed by :func:`page_environment`; every other render goes through unchanged.
    """

    def __init__(self, env: jinja2.Environment, eligible: Callable[[Any], bool],
                 notify: Callable[[str], None]) -> None:
        self.eligible = eligible
        context_filters = [env.filters[n] for n in ("url", "script_tag") if n in env.filters]
        self.skeletons = Skeletons(
            env, hole_attributes=PAGE_VALUES, hole_meta=META_VALUES,
            context_filters=context_filters, forbidden_variables=EVERY_PAGE,
            notify=lambda template, reason: notify(
                f"community: the theme's {template} is rendered in full for every page "
                f"({reason})"))

    def render(self, template: jinja2.Template, variables: Mapping[str, Any],
               render: Callable[[], str]) -> str:
        page = variables.get("page")
        if page is None or not self.eligible(page) or template.name is None:
            return render()
        url = str(page.url)
        return self.skeletons.render(template.name, variables,
                                     posixpath.dirname(url.rstrip("/")), render,
                                     lambda v: template.new_context(dict(v)))


def page_environment(env: jinja2.Environment, renderer: PageRenderer) -> jinja2.Environment:
    """An overlay of the theme's environment whose templates render pages through
    ``renderer`` (Jinja's documented ``template_class`` hook); the original stays as it is.
    """
    base = env.template_class

    class CommunityTemplate(base):  # type: ignore[misc, valid-type]
        def render(self, *args: Any, **kwargs: Any) -> str:
            variables = dict(*args, **kwargs)
            return renderer.render(self, variables,
                                   lambda: base.render(self, variables))

    overlay = env.overlay(cache_size=400)
    overlay.template_class = CommunityTemplate
    return overlay


# -- a second core -----------------------------------------------------------------------

def generate_on_two_cores(community: Community, now: dt.datetime,
                          texts: RenderedTexts | None = None) -> Site:
    """``site.generate``, with a helper process (see ``parallel.py``) rendering the bios
    and then making the files (calendars, feeds, JSON) while this process makes the
    pages. The same Site either way.

    The slowest part of making profiles is rendering their bios' Markdown (for the
    description and the body): the helper renders them while this process makes every
    other section's pages (the mentor matching among them) before the profiles, which
    need them; measured at 10,000 members, the helper is done with both jobs before this
    process is with its own. (A bio asked for before the helper's arrive is rendered
    here: the result is the same.)
    """
    build = new_build(community, now, texts)
    bios = sorted({m.bio for m in community.listed_members if m.bio and needs_rendering(m.bio)})
    profiles = [b for b in PAGE_BUILDERS if getattr(b, "func", b) is members.pages]
    others = [b for b in PAGE_BUILDERS if b not in profiles]
    with Helper([("rendering bios", lambda: render_all(bios)),
                 ("making the calendars, feeds and data files",
                  lambda: all_assets(build, ASSET_BUILDERS))]) as helper:
        pages = all_pages(build, others)
        build.texts.add(helper.result(0))
        pages = sorted([*pages, *all_pages(build, profiles)], key=lambda p: p.url)
        assets = helper.result(1)
    return Site(build, pages, assets)
