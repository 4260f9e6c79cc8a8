"""Page skeletons (skeletons.py) give exactly what the template gives, whatever it does.

Each template below is rendered for a row of pages twice: normally, and through
``Skeletons`` (a traced render, then skeletons filled in where the guards allow). The
outputs must be the same for every page. Templates that use page data in ways a skeleton
cannot replay must be refused (and say why); the others must really be filled in.
No MkDocs here: a plain Jinja environment and a page class like MkDocs' own.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_community.adapters.mkdocs.skeletons import Skeletons

HOLES = ("title", "content", "url", "abs_url", "canonical_url", "edit_url")


class Heading:
    def __init__(self, title: str, level: int) -> None:
        self.title, self.level, self.children = title, level, []


class Toc:
    """Like MkDocs' TableOfContents: iterable, with a length, not a list."""

    def __init__(self, items: list[Heading]) -> None:
        self.items = items

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class Page:
    def __init__(self, n: int, title: str, content: str, meta: dict[str, Any],
                 url: str = "", toc: Toc | None = None) -> None:
        self.title = title
        self.content = content
        self.meta = meta
        self.url = url or f"members/person-{n}/"
        self.abs_url = "/site/" + self.url
        self.canonical_url = "https://example.org/site/" + self.url
        self.edit_url = f"https://github.com/o/r/edit/main/members/person-{n}.yml"
        self.toc = toc if toc is not None else Toc([])
        self.parent = None
        self.previous_page = None
        self.next_page = None
        self.active = True

    @property
    def is_homepage(self) -> bool:
        return self.url == ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Page) and self.url == other.url

    __hash__ = None  # type: ignore[assignment]


TITLES = ["Ada Lovelace", "Grace Brewster Murray Hopper", "Zoë Müller & Sons", "A",
          "Cyrus Longname-Wellington the Third", "<b>not bold</b>", "  spaced  ",
          "Quote \"this\" 'that'", "x" * 40, "Émile"]


def pages(count: int = 24) -> list[Page]:
    made = []
    for n, title in zip(range(count), itertools.cycle(TITLES), strict=False):
        meta: dict[str, Any] = {"title": title, "description": f"About {title}" * (n % 3)}
        if n % 4 == 0:
            meta["hide"] = ["toc"]
        body = f"<p>Body {n} of {title}</p>" + ("<h1>Big</h1>" if n % 5 == 0 else "")
        made.append(Page(n, title, body, meta))
    return made


@jinja2.pass_context
def url_filter(context: Any, value: str) -> str:
    """Like MkDocs' url filter: relative to the page in the context."""
    depth = context["page"].url.count("/")
    return "../" * depth + value


calls = {"count": 0}


def counting(value: Any) -> str:
    calls["count"] += 1
    return f"{value}#{calls['count']}"


def check(templates: dict[str, str], pages_: list[Page], *, name: str = "main.html",
          shared: Callable[[Page], dict[str, Any]] = lambda page: {},
          key: Callable[[Page], Any] = lambda p: p.url.rsplit("/", 2)[0]) -> Skeletons:
    """Render every page both ways; they must agree. Returns the Skeletons used."""
    env = jinja2.Environment(loader=jinja2.DictLoader(templates),
                             autoescape=jinja2.select_autoescape(["xhtml"]))
    env.filters["url"] = url_filter
    env.filters["counting"] = counting
    env.globals["shared"] = jinja2.utils.Namespace(count=0)
    told: list[str] = []
    skeletons = Skeletons(env, hole_attributes=HOLES, hole_meta=("title", "description"),
                          context_filters=[url_filter], forbidden_variables=("pages",),
                          notify=lambda template, reason: told.append(reason))
    skeletons.told = told  # type: ignore[attr-defined]
    template = env.get_template(name)
    for page in pages_:
        variables = {"page": page, "config": {"site_name": "Site"}, "base_url": "../..",
                     "pages": pages_, **shared(page)}
        rendered: list[str] = []

        def render(v: dict[str, Any] = variables, out: list[str] = rendered) -> str:
            out.append(template.render(v))
            return out[-1]

        got = skeletons.render(name, variables, key(page), render,
                               lambda v: template.new_context(dict(v)))
        # A template with side effects (the counting filter) is rendered once per page.
        expected = rendered[-1] if rendered else template.render(variables)
        assert got == expected, (page.title, got, expected)
    return skeletons


FILLED = {
    "plain": "<title>{{ page.meta.title }} - {{ config.site_name }}</title>{{ page.content }}",
    "truncate": '<meta content="{{ page.meta.title | truncate(20) }}">{{ page.title | upper }}',
    "tests": "{% if page.meta.description %}<p>{{ page.meta.description }}</p>{% endif %}"
             "{% if '<h1' not in page.content %}<h1>{{ page.title | d(config.site_name, true) }}"
             "</h1>{% endif %}",
    "length": "{{ page.title | length }} {% if page.title | length > 10 %}long{% endif %}",
    "compare": "{% if page.title == 'Ada Lovelace' %}first{% elif page.title < 'M' %}early"
               "{% endif %}",
    "hide": "{% if page.meta and page.meta.hide %}{% if 'toc' in page.meta.hide %}no toc"
            "{% endif %}{% endif %}",
    "toc": "{% if page.toc | first is defined %}has{% endif %}{% for h in page.toc %}"
           "{{ h.title }}{% endfor %}{{ page.toc | length }}",
    "edit": "{% if '/blob/' in page.edit_url %}b{% endif %}"
            "<a href=\"{{ page.edit_url | replace('edit', 'raw') }}\">",
    "urls": "<a href=\"{{ 'members/' | url }}\">{{ page.canonical_url }} {{ base_url }}",
    "include": "{% include 'part.html' %}",
    "set-expression": "{% set t = page.title %}{{ t }}{% if t %}!{% endif %}",
    "namespace": "{% set ns = namespace(n=0) %}{% for c in 'abc' %}{% set ns.n = ns.n + 1 %}"
                 "{% endfor %}{{ ns.n }}{{ page.title }}",
    "macro-constant": "{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m('const') }}{{ page.url }}",
    "escaped": "{% autoescape true %}{{ page.title }}{% endautoescape %}{{ page.title }}",
    "striptags": "{{ page.title | striptags }} {{ page.meta.title | e }}",
    "format-filter": "{{ '%s!' | format(page.title) }}",
    "meta-methods": "{{ page.meta.get('title') }}{{ page.meta.keys() | join(',') }}"
                    "{% for k, v in page.meta.items() %}{{ k }}={{ v }};{% endfor %}",
    "loop-helpers": "{% for c in 'abcd' %}{{ loop.cycle('odd', 'even') }}{{ loop.index }}"
                    "{% endfor %}{% set j = joiner(',') %}{{ j() }}a{{ j() }}{{ page.title }}",
    "self-block": "{% block t %}T{% endblock %}{{ self.t() }}{{ page.url }}",
    "parent": "{% if page.parent %}p{% endif %}{% if page.next_page %}n{% endif %}"
              "{% if page.is_homepage %}home{% endif %}",
}
REFUSED = {
    "concatenated": ("{{ page.title ~ '!' }}", "turns into text"),
    "macro-capture": ("{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(page.title) }}",
                      "captured"),
    "set-block": ("{% set t %}{{ page.title }}{% endset %}{{ t | length }}", "captured"),
    "filter-block": ("{% filter upper %}{{ page.title }}{% endfilter %}", "captured"),
    "call-block": ("{% macro m() %}{{ caller() }}{% endmacro %}"
                   "{% call m() %}{{ page.title }}{% endcall %}", "captured"),
    "import-with-context": ("{% import 'title.html' as t with context %}{{ t }}", "captured"),
    "tojson": ("{{ page.meta | tojson }}", "JSON"),
    "pages": ("{% for p in pages %}{{ p.title }}{% endfor %}", "every page"),
    "impure-filter": ("{{ page.title | counting }}", "not known to be pure"),
    "random": ("{{ [1, 2, 3] | random }}{{ page.title }}", "not known to be pure"),
    "mutation": ("{% set l = [] %}{{ l.append(page.url) }}{{ l }}", "not known to be pure"),
    "slice": ("{{ page.title[:5] }}", "indexes or slices"),
    "percent": ("{{ '%s!' % page.title }}", "turns into text"),
    "repr": ("{{ page }}", "representation"),
    "hash": ("{{ {page.title: 1} }}", "hashes"),
    "shared-namespace": ("{% set shared.count = shared.count + 1 %}{{ shared.count }}"
                         "{{ page.title }}", "shared namespace"),
    "include-in-macro": ("{% macro m() %}{% include 'title.html' %}{% endmacro %}{{ m() }}",
                         "captured"),
    "recursive-loop": ("{% for x in [[1], [2]] recursive %}{{ page.title }}{{ loop(x) if x is "
                       "iterable else '' }}{% endfor %}", "captured"),
    "self-block-with-page": ("{% block t %}{{ page.title }}{% endblock %}{{ self.t() }}",
                             "captured"),
}


@pytest.mark.parametrize("name", sorted(FILLED))
def test_templates_that_print_page_data_are_filled_in_exactly(name: str) -> None:
    templates = {"main.html": FILLED[name], "part.html": "<i>{{ page.meta.title }}</i>"}
    skeletons = check(templates, pages())
    assert skeletons.told == []  # type: ignore[attr-defined]
    assert skeletons.hits >= 12, (skeletons.hits, skeletons.traced)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_templates_that_use_page_data_otherwise_are_rendered_normally(name: str) -> None:
    source, reason = REFUSED[name]
    templates = {"main.html": source, "title.html": "{{ page.title }}"}
    skeletons = check(templates, pages())
    assert skeletons.hits == 0
    told = skeletons.told  # type: ignore[attr-defined]
    assert len(told) == 1 and reason in told[0], told


def test_super_of_a_block_with_page_data_is_refused_and_without_is_filled() -> None:
    parent = "<h>{% block head %}{{ page.title }}{% endblock %}</h>{% block rest %}x{% endblock %}"
    refused = check({"base.html": parent, "main.html":
                     "{% extends 'base.html' %}{% block head %}<{{ super() }}>{% endblock %}"},
                    pages())
    assert refused.hits == 0
    filled = check({"base.html": parent, "main.html":
                    "{% extends 'base.html' %}{% block rest %}[{{ super() }}]{{ page.url }}"
                    "{% endblock %}"}, pages())
    assert filled.hits >= 12


def test_a_different_shared_value_is_a_different_shape() -> None:
    """Template variables other than the page must be the same to share a skeleton."""
    templates = {"main.html": "{{ base_url }} {{ extra }} {{ page.title }}"}
    two = check(templates, pages(12), shared=lambda page: {"extra": len(page.title) % 2})
    assert two.traced == 2 and two.hits == 10
    one = check(templates, pages(12), shared=lambda page: {"extra": ["a", "b"]})
    assert one.traced == 1 and one.hits == 11
    unread = check({"main.html": "{{ page.title }}"}, pages(12),
                   shared=lambda page: {"extra": len(page.title)})
    assert unread.traced == 1 and unread.hits == 11


def test_pages_in_other_folders_get_their_own_skeletons() -> None:
    """The url filter reads the page: its result is a guard, checked for each page."""
    mixed = pages(12)
    for n, page in enumerate(mixed):
        page.url = f"members/p{n}/" if n % 2 else f"events/deep/e{n}/"
    skeletons = check({"main.html": "<a href=\"{{ 'index.html' | url }}\">{{ page.title }}"},
                      mixed, key=lambda p: "all")  # one key for every page: guards decide
    assert skeletons.hits >= 8 and skeletons.traced == 2


def test_the_page_compared_with_a_navigation_item_is_guarded() -> None:
    """Themes mark the current page in the navigation (``page == item``): each comparison
    is a guard, so only the pages that compare as the traced one did share its skeleton."""
    row = pages(12)
    nav = [row[0], row[5], row[9]]
    skeletons = check({"main.html": "{% for item in nav %}{% if page == item %}<b>{% endif %}"
                                    "{{ item.title }}{% endfor %}{{ page.title }}"},
                      row, shared=lambda page: {"nav": nav})
    # Pages 0, 5 and 9 are each in the navigation; page 1 is the first that is not.
    assert skeletons.traced == 4 and skeletons.hits == 8


def test_a_toc_with_headings_is_guarded() -> None:
    with_toc = pages(10)
    for n, page in enumerate(with_toc):
        page.toc = Toc([Heading(f"Part {n % 2}", 2)])
    skeletons = check({"main.html": "{% for h in page.toc %}{{ h.title }}{% endfor %}"
                                    "{{ page.title }}"}, with_toc)
    assert skeletons.hits >= 6 and skeletons.traced == 2


def test_a_page_attribute_that_is_missing_on_some_pages() -> None:
    varied = pages(10)
    for page in varied[::2]:
        page.subtitle = "Sub"  # type: ignore[attr-defined]
    skeletons = check({"main.html": "{% if page.subtitle is defined %}{{ page.subtitle }}"
                                    "{% endif %}{{ page.title }}"}, varied)
    assert skeletons.hits >= 6


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.text(max_size=30), min_size=2, max_size=6))
def test_any_title_is_filled_in_as_rendered(titles: list[str]) -> None:
    made = []
    for n, title in enumerate(titles):
        made.append(Page(n, title, f"<p>{title}</p>", {"title": title, "description": title}))
    check({"main.html": "<title>{{ page.meta.title }}</title>"
                        "{% if page.meta.description %}{{ page.meta.description | truncate(9) }}"
                        "{% endif %}{{ page.title | e }}{{ page.title | striptags | title }}"
                        "{% autoescape true %}{{ page.content }}{% endautoescape %}"}, made)


# -- what the theme's templates allow (speedups.TemplateFacts) ---------------------------

def facts(templates: dict[str, str], page_templates: tuple[str, ...] = ()) -> Any:
    from mkdocs_community.adapters.mkdocs.speedups import TemplateFacts

    env = jinja2.Environment(loader=jinja2.DictLoader(templates))
    return TemplateFacts.of(env, ("404.html", "sitemap.xml"), page_templates)


def test_templates_that_change_objects_or_read_other_bodies_are_found() -> None:
    theme = {"main.html": "{% extends 'base.html' %}",
             "base.html": "{% include 'partials/' ~ name ~ '.html' %}{{ page.content }}",
             "partials/nav.html": "{{ nav_item.title }}",
             "sitemap.xml": "{% for f in pages %}{{ f.page.abs_url }}{% endfor %}",
             "fragments/tags.html": "{{ post.content }}"}
    found = facts(theme)  # a plugin's fragment is no page template
    assert (found.changes_objects, found.reads_other_content) == (None, None)
    mutating = {**theme, "partials/nav.html": "{% set _ = classes.append('x') %}"}
    assert facts(mutating).changes_objects == "partials/nav.html calls .append()"
    reading = {**theme, "partials/nav.html": "{{ nav_item.content | length }}"}
    assert facts(reading).reads_other_content == \
        "partials/nav.html reads the content of other pages"
    mapped = {**theme, "partials/nav.html": "{{ pages | map(attribute='content') | list }}"}
    assert facts(mapped).reads_other_content is not None
    # A template a page names in its metadata is a page template too.
    assert facts(theme, ("fragments/tags.html",)).reads_other_content is not None


def test_templates_rendered_before_pages_may_change_objects() -> None:
    """404.html and sitemap.xml render before any page: what they change is the same for
    every page, unless a page template includes them."""
    theme = {"main.html": "{{ page.title }}", "404.html": "{% set _ = x.update(a=1) %}"}
    assert facts(theme).changes_objects is None
    included = {**theme, "main.html": "{% include '404.html' %}"}
    assert facts(included).changes_objects == "404.html calls .update()"
