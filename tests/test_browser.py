"""The example site in a real browser: search, filters, local times, accessibility.

Debian's Chromium (``/usr/bin/chromium``, installed by ``.ci/browser-deps``) is driven by
Playwright against the example site, built once and served from a local ``http.server``
under a sub-path (``/community/``), as a GitHub project page would be. The server's thread
and Playwright last as long as this module's tests, not the whole session: the other
tests build sites in the test process, and a build forks helper processes only in a
process running one thread.
Every browser context fails the test on any request that leaves 127.0.0.1 and on any
script error. axe-core comes from the npm registry (``package.json``, ``npm ci``).

Screenshots of every page kind at 390 px and 1280 px are written to ``test-artifacts/``.
These tests skip only when not under CI and Chromium is absent; under CI that fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import BIN, FIXED_NOW, REPO, env

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SUB_PATH = "community"
ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
BUILD_NOW = dt.datetime.fromisoformat(FIXED_NOW)
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOT_WIDTHS = ({"width": 390, "height": 844}, DESKTOP)  # a phone, a laptop
# Sections whose index page is a filterable listing, when the site has them.
LISTINGS = ("members/", "events/", "resources/", "mentoring/")


def _require(what: str, hint: str) -> None:
    message = f"{what} is not available, so the browser tests cannot run ({hint})"
    if os.environ.get("CI"):
        pytest.fail(message + "; under CI this is a failure")
    pytest.skip(message + "; they are skipped outside CI")


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


# -- session fixtures: one build, one server, one browser ----------------------------------


@dataclass
class Served:
    root: Path  # the built site
    base: str  # http://127.0.0.1:PORT/community/

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    def exists(self, path: str) -> bool:
        return (self.root / path / "index.html").is_file()

    def html(self, path: str) -> str:
        return (self.root / path / "index.html").read_text(encoding="utf-8")

    def records(self, section: str) -> list[str]:
        """Site paths of the record pages under ``section`` ('resources/x/', ...)."""
        folder = self.root / section
        if not folder.is_dir():
            return []
        return sorted(f"{section}{p.parent.name}/" for p in folder.glob("*/index.html"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def build_example(source: Path, site_dir: Path) -> None:
    """``mkdocs build --strict`` of the example in ``source``, "as of" the tests' fixed
    moment, so upcoming events are the same on every run."""
    build_env = env()
    build_env["SOURCE_DATE_EPOCH"] = str(int(BUILD_NOW.timestamp()))
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(site_dir)],
                            cwd=source, env=build_env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


@contextlib.contextmanager
def serving(directory: Path, handler: type = _QuietHandler) -> Iterator[int]:
    """A local HTTP server for ``directory``; yields its port. On leaving, the server
    thread has ended: in-process builds after these tests refuse to run beside threads."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("served")
    site_dir = root / SUB_PATH
    build_example(REPO, site_dir)
    with serving(root) as port:
        yield Served(site_dir, f"http://127.0.0.1:{port}/{SUB_PATH}/")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        _require("Chromium", "install Debian's chromium: `sudo make browser-deps`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require("Playwright", "pip install -e '.[test]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Browsing:
    """Opens pages in fresh contexts that refuse to leave localhost and record errors."""

    browser: Any
    served: Served
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    contexts: list[Any] = field(default_factory=list)

    def page(self, path: str | None = "", *, viewport: dict | None = None,
             timezone_id: str | None = None, color_scheme: str = "light",
             javascript: bool = True, wait: bool = True,
             clock: dt.datetime | None = None) -> Any:
        """A page in a fresh context, at ``path`` (None: not navigated yet)."""
        context = self.browser.new_context(
            viewport=viewport or DESKTOP, timezone_id=timezone_id, locale="en-GB",
            color_scheme=color_scheme, java_script_enabled=javascript,
            accept_downloads=True, service_workers="block")
        context.set_default_timeout(10_000)
        # The site was built "as of" FIXED_NOW; the page scripts (past events, closed
        # registrations) must see the same moment, whatever the machine's clock says.
        # The clock starts there and runs (a clock stopped for good stalls the theme's
        # debounced handlers, and its search box never opens).
        context.clock.install(time=clock or BUILD_NOW)
        context.route("**/*", self._guard)
        context.on("request", self._watch)
        context.on("response", lambda r: r.status == 404 and self.missing.append(r.url))
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        if path is not None:
            page.goto(self.served.url(path))
            if wait and javascript:
                page.wait_for_load_state("load")
        return page

    def _guard(self, route: Any) -> None:
        url = route.request.url
        if urlparse(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def _watch(self, request: Any) -> None:
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS:
            self.external.append(request.url)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(browser: Any, served: Served) -> Iterator[Browsing]:
    session = Browsing(browser, served)
    yield session
    session.close()
    assert session.external == [], f"requests left localhost: {sorted(set(session.external))}"
    assert session.errors == [], f"script errors: {session.errors}"
    # Nothing the site links or loads may be missing (e.g. a theme script misreading
    # feed links as translations and fetching their sitemaps).
    assert session.missing == [], f"not found: {sorted(set(session.missing))}"


# -- helpers ------------------------------------------------------------------------------


def result_paths(results: Any) -> list[str]:
    """Site paths of search results ('members/ada/'), without Material's ?h= query."""
    prefix = f"/{SUB_PATH}/"
    return [urlparse(a.get_attribute("href")).path.removeprefix(prefix) for a in results.all()]


def search(page: Any, query: str) -> Any:
    """Type ``query`` into Material's search box; return the result links."""
    box = page.locator("input.md-search__input")
    # Below 60em the header shows a search button, and the field is in the overlay it opens.
    narrow = (page.viewport_size or DESKTOP)["width"] < 960
    if narrow and not page.evaluate("document.getElementById('__search').checked"):
        page.locator('label.md-header__button[for="__search"]').click()
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=15)
    results = page.locator("li.md-search-result__item > a.md-search-result__link")
    results.first.wait_for()
    return results


def facets_of(page: Any, list_id: str) -> list[dict[str, list[str]]]:
    return page.eval_on_selector_all(
        f"#{list_id} > [data-facets]", "els => els.map(e => JSON.parse(e.dataset.facets))")


def visible_items(page: Any, list_id: str) -> int:
    return page.eval_on_selector_all(
        f"#{list_id} > [data-facets]", "els => els.filter(e => !e.hidden && e.offsetParent).length")


def expected_matches(items: list[dict[str, list[str]]], wanted: dict[str, str]) -> int:
    return sum(all(v in item.get(k, []) for k, v in wanted.items()) for item in items)


def query_of(page: Any) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def choose_filters(page: Any, form: Any, items: list[dict], max_filters: int = 2) -> dict[str, str]:
    """Pick values for up to ``max_filters`` selects that still leave some items shown."""
    wanted: dict[str, str] = {}
    for select in form.locator("select").all():
        name = select.get_attribute("name")
        values = [v for v in select.locator("option").evaluate_all(
            "os => os.map(o => o.value)") if v]
        for value in values:
            trial = {**wanted, name: value}
            if 0 < expected_matches(items, trial) < len(items):
                wanted = trial
                break
        if len(wanted) >= max_filters:
            break
    return wanted


# -- search -------------------------------------------------------------------------------


def test_search_finds_members_by_skill_and_by_name_without_accents(browsing: Browsing):
    page = browsing.page("")
    results = search(page, "kubernetes")
    paths = result_paths(results)
    assert "members/lukasz-wisniewski/" in paths, paths
    results.nth(paths.index("members/lukasz-wisniewski/")).click()
    page.wait_for_url(re.compile(r"/community/members/lukasz-wisniewski/"))
    assert page.locator("h1").first.inner_text() == "Łukasz Wiśniewski"

    # "jose" (no accent) finds José; the keyboard alone opens it: type, arrow, Enter.
    page = browsing.page("about/")
    results = search(page, "jose")
    first = results.first
    assert "José Álvarez Núñez" in first.inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/community/members/jose-alvarez/"))
    assert page.locator("h1").first.inner_text() == "José Álvarez Núñez"

    for query, name in (("muller", "Zoë Müller"), ("mueller", "Zoë Müller"),
                        ("wisniewski", "Łukasz Wiśniewski"), ("Müller", "Zoë Müller")):
        results = search(page, query)
        assert name in results.first.inner_text(), query

    # Unlisted members are never found, by name or by what they do.
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially("Karlsson", delay=15)
    page.wait_for_function("""() => /no matching/i.test(
        document.querySelector('.md-search-result__meta')?.textContent || '')""")
    assert page.locator("li.md-search-result__item").count() == 0
    assert "Karlsson" not in page.locator(".md-search-result").inner_text()


def test_search_finds_names_in_other_scripts_and_handles_and_never_shows_folded_words(
        browsing: Browsing):
    """Names written in another script are found by their romanised form and by the
    member's GitHub handle; the accent-folded spellings used for matching are never
    shown in a result."""
    page = browsing.page("")
    for query, path in (("Ananya", "members/ananya-sharma/"),
                        ("Sharma", "members/ananya-sharma/"),
                        ("Seoyeon", "members/seoyeon-kim/"),
                        ("Matsumoto", "members/aya-matsumoto/"),
                        ("Layla", "members/layla-haddad/"),
                        ("Eleni", "members/eleni-pappa/"),
                        ("Olena", "members/olena-kovalchuk/"),
                        ("khoffmann", "members/khoffmann/"),
                        ("botieno254", "members/botieno254/")):
        results = search(page, query)
        assert path in result_paths(results)[:3], (query, result_paths(results))
    results = search(page, "Seoyeon")
    kim = results.nth(result_paths(results).index("members/seoyeon-kim/"))
    assert "김서연" in kim.inner_text() and "Kim Seo-yeon" in kim.inner_text()

    results = search(page, "jose")
    shown = results.first.inner_text()
    assert "José Álvarez Núñez" in shown
    for folded in ("Nunez", "Investigacion", "Andalucia", "Jose Alvarez"):
        assert folded not in shown, shown  # matched, never displayed
    every = page.locator(".md-search-result").inner_text()
    assert "Investigacion" not in every and "Mueller" not in every


def test_search_finds_other_records(browsing: Browsing, served: Served):
    page = browsing.page("")
    for path in served.records("resources/")[:1] + served.records("spotlights/")[:1] + \
            served.records("groups/")[:1] + served.records("events/")[:1]:
        title = re.search(r"<title>(.*?) - ", served.html(path)).group(1)
        import html as html_module

        title = html_module.unescape(title)
        query = " ".join(re.findall(r"[^\W_]{4,}", title)[:2]) or title
        results = search(page, query)
        assert path in result_paths(results), (query, path)


# -- listings and filters ------------------------------------------------------------------


def test_member_filters_combine_show_counts_sync_the_url_and_restore(browsing: Browsing):
    page = browsing.page("members/")
    form = page.locator('form[data-cm-filters="cm-members"]')
    assert form.is_visible()
    items = facets_of(page, "cm-members")
    total = len(items)
    count = page.locator('[data-cm-count="cm-members"]')
    assert count.inner_text() == f"{total} members"
    assert count.get_attribute("role") == "status"  # a polite live region: counts are read out

    page.get_by_label("Topic", exact=True).select_option("python")
    page.get_by_label("Country", exact=True).select_option("IN")
    expected = expected_matches(items, {"topic": "python", "country": "IN"})
    assert 0 < expected < total
    assert visible_items(page, "cm-members") == expected
    assert count.inner_text() == f"{expected} of {total} members match these filters"
    assert query_of(page) == {"topic": "python", "country": "IN"}
    assert "(2 active)" in page.locator("[data-cm-active]").inner_text()

    page.reload()
    assert page.get_by_label("Topic", exact=True).input_value() == "python"
    assert page.get_by_label("Country", exact=True).input_value() == "IN"
    assert visible_items(page, "cm-members") == expected
    assert count.inner_text() == f"{expected} of {total} members match these filters"

    # A third filter narrows further (AND), and clearing brings everyone back.
    page.get_by_label("Topic", exact=True).select_option("kubernetes")
    page.get_by_label("Country", exact=True).select_option("")
    page.locator('form[data-cm-filters="cm-members"] input[name="mentor"]').check()
    expected = expected_matches(items, {"topic": "kubernetes", "mentor": "yes"})
    assert visible_items(page, "cm-members") == expected
    assert query_of(page) == {"topic": "kubernetes", "mentor": "yes"}
    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function("() => !location.search")
    assert visible_items(page, "cm-members") == total
    assert count.inner_text() == f"{total} members"

    # A topic chip on a profile links to the filtered directory.
    page = browsing.page("members/?topic=python&country=KE&bogus=1")
    expected = expected_matches(items, {"topic": "python", "country": "KE"})
    assert visible_items(page, "cm-members") == expected
    if expected == 0:
        assert page.locator('[data-cm-empty="cm-members"]').is_visible()


def test_filter_counts_follow_the_other_filters(browsing: Browsing):
    """With a country chosen, each topic says how many members that country has in it,
    so a choice that would empty the list says so before it is made."""
    page = browsing.page("members/")
    items = facets_of(page, "cm-members")
    form = page.locator('form[data-cm-filters="cm-members"]')
    page.get_by_label("Country", exact=True).select_option("JP")

    def options(name: str) -> list[dict]:
        return form.locator(f'select[name="{name}"] option').evaluate_all(
            "os => os.filter(o => o.value).map(o => "
            "({value: o.value, text: o.textContent, disabled: o.disabled}))")

    topics = options("topic")
    assert topics
    counts = {}
    for option in topics:
        counts[option["value"]] = expected_matches(
            items, {"country": "JP", "topic": option["value"]})
        assert option["text"].endswith(f"({counts[option['value']]})"), option
        assert not option["disabled"]  # still choosable: see community.js
    assert 0 in counts.values() and any(counts.values())
    # The chosen facet's own options count what each would show with the others chosen.
    chosen_topic = next(v for v, n in counts.items() if n)
    page.get_by_label("Topic", exact=True).select_option(chosen_topic)
    for option in options("country"):
        expected = expected_matches(items, {"topic": chosen_topic, "country": option["value"]})
        assert option["text"].endswith(f"({expected})"), option
    mentor = form.locator('label[for="cm-members-mentor"]').inner_text()
    expected = expected_matches(items, {"topic": chosen_topic, "country": "JP", "mentor": "yes"})
    assert mentor == f"Offers mentoring ({expected})"
    # Clearing brings back the counts of the whole list.
    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function("() => !location.search")
    for option in options("country"):
        assert option["text"].endswith(f"({expected_matches(items, {'country': option['value']})})")
        assert not option["disabled"]


def test_filters_by_keyboard_on_a_phone(browsing: Browsing):
    page = browsing.page("members/", viewport=PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    summary = page.locator('form[data-cm-filters="cm-members"] summary')
    assert summary.is_visible()
    topic = page.get_by_label("Topic", exact=True)
    assert not topic.is_visible(), "filters start folded on a phone"
    for _ in range(60):  # Tab until the disclosure has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    else:
        pytest.fail("the filter disclosure is not reachable with Tab")
    page.keyboard.press("Enter")
    assert topic.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "cm-members-topic"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "focus must be visible"
    page.keyboard.press("ArrowDown")  # changes a closed <select> on Linux and Windows
    page.wait_for_function("() => new URLSearchParams(location.search).has('topic')")
    items = facets_of(page, "cm-members")
    chosen = topic.input_value()
    assert visible_items(page, "cm-members") == expected_matches(items, {"topic": chosen})

    # Opened from a shared link, the disclosure is open and shows the active filter.
    page = browsing.page("members/?topic=python", viewport=PHONE)
    assert page.get_by_label("Topic", exact=True).is_visible()
    assert page.locator('form[data-cm-filters="cm-members"] [data-cm-active]').inner_text() \
        == "(1 active)"


def test_listings_are_complete_without_javascript(browsing: Browsing, served: Served):
    for path in LISTINGS:
        if not served.exists(path):
            continue
        html = served.html(path)
        page = browsing.page(path, javascript=False)
        assert page.locator("form[data-cm-filters]").count() >= 1, path
        assert not page.locator("form[data-cm-filters]").first.is_visible(), path
        shown = page.locator("[data-facets]").evaluate_all(
            "els => els.filter(e => e.offsetParent !== null).length")
        assert shown == html.count("data-facets=") > 0, path


@pytest.mark.parametrize("path", [p for p in LISTINGS if p != "members/"])
def test_other_listings_filter_and_restore(browsing: Browsing, served: Served, path: str):
    assert served.exists(path), f"the example site has no /{path} page"
    page = browsing.page(path)
    forms = page.locator("form[data-cm-filters]")
    assert forms.count() >= 1, f"/{path} has no filters"
    form = forms.first
    list_id = form.get_attribute("data-cm-filters")
    items = facets_of(page, list_id)
    wanted = choose_filters(page, form, items)
    assert wanted, f"no filter on /{path} narrows its list"
    for name, value in wanted.items():
        form.locator(f'select[name="{name}"]').select_option(value)
    expected = expected_matches(items, wanted)
    assert visible_items(page, list_id) == expected
    assert query_of(page) == wanted
    count = page.locator(f'[data-cm-count="{list_id}"]').inner_text()
    assert count.startswith(f"{expected} of {len(items)} ")
    page.reload()
    assert visible_items(page, list_id) == expected
    for name, value in wanted.items():
        assert form.locator(f'select[name="{name}"]').input_value() == value


# -- events: local times and calendar files -------------------------------------------------


def _upcoming_event(served: Served) -> str | None:
    if not served.exists("events/"):
        return None
    links = re.findall(r'href="([^"#?]+/)"', served.html("events/"))
    for link in links:
        path = urlparse(link).path
        match = re.search(r"(?:^|/)([a-z0-9][a-z0-9-]*)/$", path)
        if match and served.exists(f"events/{match.group(1)}/"):
            return f"events/{match.group(1)}/"
    return None


@pytest.mark.parametrize("timezone_id", ["America/New_York", "Asia/Tokyo"])
def test_event_shows_local_time_and_downloads_ics(browsing: Browsing, served: Served,
                                                  timezone_id: str):
    path = _upcoming_event(served)
    assert path is not None, "the example site has no upcoming event"
    page = browsing.page(path, timezone_id=timezone_id)
    times = page.locator("time[datetime]")
    assert times.count() > 0
    local = page.locator(".cm-local-time")
    local.first.wait_for()
    text = local.first.inner_text()
    stamp = page.locator("[data-cm-start], time[datetime]").first
    iso = stamp.get_attribute("data-cm-start") or stamp.get_attribute("datetime")
    start = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    from zoneinfo import ZoneInfo

    if start.tzinfo is not None:
        there = start.astimezone(ZoneInfo(timezone_id))
        hour12 = str(int(there.strftime("%I")))
        assert (there.strftime("%H:%M") in text or f"{hour12}:{there:%M}" in text), (text, there)

    slug = path.rstrip("/").rsplit("/", 1)[-1]
    ics = page.locator(f'a[href$="{slug}.ics"]').first
    with page.expect_download() as info:
        ics.click()
    download = info.value
    assert download.suggested_filename == f"{slug}.ics"
    content = Path(download.path()).read_text(encoding="utf-8")
    assert content.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in content


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_events_listing_shows_your_time_and_each_series_once(browsing: Browsing,
                                                            viewport: dict):
    """In Tokyo, every timed event in the listing says when it is there, in words on the
    page (phones have no tooltips), with the zone's name; a weekly series is one entry
    with its next dates; Subscribe is reachable from the top of the page."""
    page = browsing.page("events/", timezone_id="Asia/Tokyo", viewport=viewport)
    entries = page.locator("#cm-upcoming > li.cm-event")
    titles = entries.locator(".cm-event__title a").all_inner_texts()
    assert len(titles) == len(set(titles)), titles  # each event once
    local = entries.locator(".cm-local-time")
    shown = [t for t in local.all_inner_texts() if t]
    assert shown and all(t.startswith("Your time: ") and t.endswith("(Japan Standard Time)")
                         for t in shown), shown
    assert local.first.is_visible()
    # The first entry's local time is its next date, converted.
    first = entries.first.locator("time[data-cm-start]").first
    start = dt.datetime.fromisoformat(first.get_attribute("data-cm-start"))
    from zoneinfo import ZoneInfo

    there = start.astimezone(ZoneInfo("Asia/Tokyo"))
    assert f"{there:%H:%M}" in entries.first.locator(".cm-local-time").inner_text()
    series = entries.filter(has=page.locator(".cm-event__dates"))
    assert series.count() >= 1
    dates = series.first.locator(".cm-event__dates time").all_inner_texts()
    assert len(dates) == len(set(dates)) > 1
    assert "UTC (UTC" not in page.locator("main").inner_text()
    # Subscribe: linked from the first screen, and the link gets there.
    jump = page.locator('.cm-jump a[href="#subscribe"]')
    assert jump.is_visible() and jump.bounding_box()["y"] < viewport["height"]
    jump.click()
    page.wait_for_function("() => location.hash === '#subscribe'")
    heading = page.locator("#subscribe").bounding_box()
    assert 0 <= heading["y"] < viewport["height"]


def test_home_next_events_are_different_events(browsing: Browsing):
    page = browsing.page("", timezone_id="America/Sao_Paulo")
    assert page.title() == "Open Pathways"  # not "Open Pathways - Open Pathways"
    titles = page.locator(".cm-events--compact .cm-event__title a").all_inner_texts()
    assert len(titles) >= 2 and len(titles) == len(set(titles)), titles
    local = [t for t in page.locator(".cm-events--compact .cm-local-time").all_inner_texts() if t]
    assert local and all(t.endswith("(Brasilia Standard Time)") for t in local), local


# -- the page-not-found page, and the development server's error page ------------------------


class _NotFoundHandler(_QuietHandler):
    """Serves the site's 404.html for a missing page, with status 404 (as static hosts do)."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _visit_not_found(browser: Any, served: Served, base: str) -> Browsing:
    session = Browsing(browser, Served(served.root, base))
    try:
        page = session.page("members/no-such-person/")
        assert page.title() == "Page not found - Open Pathways"
        assert page.locator("h1").first.inner_text() == "Page not found"
        sections = page.locator(".cm-404__sections a")
        assert {"Members", "Events", "Resources"} <= set(sections.all_inner_texts())
        button = page.get_by_role("button", name="Search the site")
        assert button.is_visible()
        button.click()
        box = page.locator("input.md-search__input")
        page.wait_for_function("() => document.activeElement && "
                               "document.activeElement.matches('input.md-search__input')")
        box.press_sequentially("jose", delay=15)
        results = page.locator("li.md-search-result__item > a.md-search-result__link")
        results.first.wait_for()
        assert "José" in results.first.inner_text()
        page.keyboard.press("Escape")
        sections.filter(has_text="Members").first.click()
        page.wait_for_url(base + "members/")
        assert page.locator("h1").first.inner_text() == "Members"
        phone = session.page("events/gone/", viewport=SCREENSHOT_WIDTHS[0])
        assert phone.get_by_role("button", name="Search the site").is_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        shots = ARTIFACTS / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(shots / "not-found-390.png"), full_page=True)
        desktop = session.page("gone/")
        desktop.screenshot(path=str(shots / "not-found-1280.png"), full_page=True)
    finally:
        session.close()
    return session


def test_not_found_page_offers_search_and_the_main_sections(browser: Any, served: Served):
    """The 404 page links with absolute paths (it is served at any address), so it is
    served here from the site's root, as a host serves a site at its domain."""
    with serving(served.root, _NotFoundHandler) as port:
        base = f"http://127.0.0.1:{port}/"
        session = _visit_not_found(browser, served, base)
    assert session.external == [] and session.errors == []
    assert {urlparse(u).path for u in session.missing} <= {"/members/no-such-person/",
                                                           "/events/gone/", "/gone/"}


def test_serve_shows_a_broken_file_in_the_browser_and_reloads_when_fixed(
        browser: Any, tmp_path: Path):
    """`mkdocs serve` with a tab in a member file: the page lists the problem (file, line,
    hint) instead of hanging, and reloads by itself once the file is fixed."""
    from conftest import SiteFactory, mkdocs_serve

    site = SiteFactory(tmp_path / "serve")
    site.member("ada", name="Ada Lovelace")
    site.write("members/nina.yml", "name: Nina\njoined: 2025-01\nlocation:\n\tcity: Pune\n")
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(60_000)
    with mkdocs_serve(site) as base:
        try:
            page = context.new_page()
            for _ in range(120):
                try:
                    page.goto(base, timeout=5_000)
                    break
                except Exception:  # the server is still starting
                    page.wait_for_timeout(500)
            panel = page.locator("[data-cm-build-errors]")
            assert panel.is_visible()
            text = panel.inner_text()
            assert "members/nina.yml:4:1" in text and "indented with a tab" in text
            assert "Hint: delete the tab before 'city'" in text
            site.write("members/nina.yml",
                       "name: Nina\njoined: 2025-01\nlocation:\n  city: Pune\n")
            panel.wait_for(state="detached")  # live reload after the rebuild
            assert page.locator("h1").first.is_visible()
        finally:
            context.close()


def test_fonts_cover_every_script_the_example_names_use():
    """Every script a member writes their name in has a font (.ci/browser-deps installs
    them), so no name is drawn as empty boxes in the browser or the screenshots."""
    import unicodedata

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        _require("fontconfig (fc-list)", "install Debian's fontconfig")
    languages = {"HANGUL": "ko", "CJK": "ja", "HIRAGANA": "ja", "KATAKANA": "ja",
                 "DEVANAGARI": "hi", "BENGALI": "bn", "ARABIC": "ar", "GREEK": "el",
                 "CYRILLIC": "uk"}
    wanted: dict[str, set[str]] = {}
    for file in (REPO / "members").glob("*.yml"):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.startswith("name:"):
                for char in line[5:]:
                    script = unicodedata.name(char, "").split(" ")[0]
                    if script in languages:
                        wanted.setdefault(languages[script], set()).add(file.stem)
    assert {"ko", "ja", "hi", "bn", "ar", "el", "uk"} <= set(wanted), wanted
    missing = [lang for lang in sorted(wanted)
               if not subprocess.run([fc_list, f":lang={lang}", "family"], capture_output=True,
                                     text=True).stdout.strip()]
    if missing and not os.environ.get("CI"):
        pytest.skip(f"no font for {missing} on this machine: run `make browser-deps`")
    assert missing == [], f"no font for {missing}: add its package to .ci/browser-deps"


def test_a_home_page_built_long_ago_shows_no_past_event_as_upcoming(browsing: Browsing):
    """The daily build stopped (a disabled schedule): a year later, the home page's next
    events and this month's milestones are over, and say so instead of listing them."""
    fresh = browsing.page("")
    listed = fresh.locator(".cm-events--compact > li.cm-event:visible")
    assert listed.count() > 0, "the example's home page lists upcoming events"
    assert fresh.locator("[data-cm-instead]:visible").count() == 0
    later = browsing.page("", clock=BUILD_NOW + dt.timedelta(days=400))
    assert later.locator(".cm-events--compact > li.cm-event:visible").count() == 0
    notes = later.locator("[data-cm-instead]:visible")
    assert notes.count() >= 1
    assert "have taken place" in later.locator(".cm-events--compact + [data-cm-instead]"
                                               ).inner_text()
    if later.locator("div.cm-milestones[data-cm-ends]").count():
        assert later.locator("div.cm-milestones[data-cm-ends]:visible").count() == 0
        assert "are over" in later.locator(
            "div.cm-milestones[data-cm-ends] + [data-cm-instead]").inner_text()


# -- accessibility, network and screenshots ---------------------------------------------------


def page_kinds(served: Served) -> list[str]:
    """The home page, every hand-written page, every section index and one record of each."""
    paths = [""]
    for folder in sorted(p for p in served.root.iterdir() if p.is_dir()):
        name = folder.name
        if name in {"assets", "search", "api", "images"} or not served.exists(name):
            continue
        paths.append(f"{name}/")
        records = [r for r in served.records(f"{name}/") if "avatars" not in r]
        if records:
            paths.append(records[0])
    return paths


def run_axe(page: Any) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' +
                (n.failureSummary || '').split('\\n').slice(1, 2).join(''))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def test_no_serious_accessibility_violations_on_any_page_kind(browsing: Browsing,
                                                            served: Served):
    if not AXE.is_file():
        _require("axe-core", "run `npm ci` (make browser-deps)")
    paths = page_kinds(served)
    assert {"", "members/"} <= set(paths) and any(p.startswith("members/") and p != "members/"
                                                    for p in paths)
    # Every page kind in the light scheme on a laptop; the dark scheme and the phone
    # layout (folded filters, drawer navigation) on the main pages.
    main = ["", "members/", "members/jose-alvarez/", *(p for p in LISTINGS[1:]
                                                         if served.exists(p))]
    runs = [("light", DESKTOP, paths), ("dark", DESKTOP, main[:4]), ("light", PHONE, main[:4])]
    problems: dict[str, list[dict]] = {}
    for scheme, viewport, group in runs:
        page = browsing.page(None, color_scheme=scheme, viewport=viewport)
        for path in group:
            page.goto(served.url(path))
            violations = run_axe(page)
            if violations:
                problems[f"/{path} ({scheme}, {viewport['width']}px)"] = violations
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)


def screenshot_name(path: str) -> str:
    return path.strip("/").replace("/", "--").replace("?", "-").replace("&", "-") or "home"


def test_screenshots_of_every_page_kind(browsing: Browsing, served: Served):
    """A full-page screenshot of every page kind at 390 px (a phone) and 1280 px, kept in
    test-artifacts/screenshots/ to be looked at; plus the search results and a filtered
    directory. Nothing may scroll sideways."""
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        if not old.name.startswith("not-found-"):  # test_not_found_page_... writes those
            old.unlink()
    paths = [*page_kinds(served), "members/?topic=python&country=IN", "members/seoyeon-kim/"]
    for extra in ("members/alumni/", "events/2026-09-08-python-office-hours-apac/"):
        if served.exists(extra.split("?")[0]):
            paths.append(extra)
    paths = list(dict.fromkeys(paths))
    for viewport in SCREENSHOT_WIDTHS:
        page = browsing.page(None, viewport=viewport, timezone_id="America/New_York")
        for path in paths:
            page.goto(served.url(path))
            page.wait_for_load_state("load")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"/{path} scrolls sideways at {viewport}"
            # Lazy images load as they come into view, as they would for a reader.
            page.evaluate("""async () => {
                for (const img of document.querySelectorAll('img[loading=lazy]')) {
                    img.loading = 'eager';
                }
                await Promise.all([...document.images].filter(i => !i.complete).map(
                    i => new Promise(done => { i.onload = i.onerror = done; })));
            }""")
            page.screenshot(path=str(out / f"{screenshot_name(path)}-{viewport['width']}.png"),
                            full_page=True, animations="disabled", caret="hide")
        page.goto(served.url(""))
        search(page, "Seoyeon")
        page.screenshot(path=str(out / f"search-results-{viewport['width']}.png"),
                        animations="disabled", caret="hide")
    page = browsing.page(None, viewport=PHONE)  # the narrowest phone we support
    for path in paths:
        page.goto(served.url(path))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    written = [p for p in out.glob("*.png") if not p.name.startswith("not-found-")]
    assert len(written) == 2 * (len(paths) + 1)


# -- the profile form (/join/profile/) ------------------------------------------------------

FORM = "join/profile/"
FORM_PHONE = {"width": 390, "height": 844}
EXAMPLE_REPO = ("open-pathways", "community", "main")


def form_error(page: Any, name: str) -> tuple[str, str]:
    """The message and hint shown at a field ('' when none)."""
    return shown_error(page.locator(f'[data-cm-pf-field="{name}"] [data-cm-pf-error]'))


def shown_error(box: Any) -> tuple[str, str]:
    if not box.is_visible():
        return "", ""
    hint = box.locator(".cm-pf__error-hint")
    return (box.locator(".cm-pf__error-text").inner_text(),
            hint.inner_text().removeprefix("hint: ") if hint.count() else "")


def pick(page: Any, field_label: str, typed: str, arrow: bool = False) -> None:
    """Type into a topic or language box, then Enter (after ArrowDown: the first match)."""
    box = page.get_by_role("combobox", name=field_label, exact=True)
    box.fill(typed)
    if arrow:
        box.press("ArrowDown")
    box.press("Enter")


def form_yaml(page: Any) -> str:
    return page.locator("[data-cm-pf-yaml]").text_content()


def entry_error(entry: Any, name: str) -> tuple[str, str]:
    """The message and hint shown at a field of one entry of a repeatable group."""
    return shown_error(entry.locator(f'[data-cm-pf-field="{name}"] [data-cm-pf-error]'))


def announced(page: Any) -> str:
    return page.locator("[data-cm-pf-announce]").text_content()


def focused_label(page: Any) -> str:
    """The accessible name of the focused element, as the label or text that gives it."""
    return page.evaluate("""() => { const e = document.activeElement;
        return (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent).trim(); }""")


def example_site(site: Any) -> Any:
    """A test site with the example community's topics (the form offers those)."""
    import yaml

    site.topics = yaml.safe_load((REPO / "content" / "topics.yml").read_text(encoding="utf-8"))
    return site


def strip_place(message: str) -> str:
    return message.partition(": ")[2] if not message.startswith("required field") else message


def test_profile_form_from_mistakes_to_a_file_that_validates(browsing: Browsing, site: Any):
    from mkdocs_community.outputs.github_links import GitHubRepo

    page = browsing.page(FORM, viewport=FORM_PHONE, timezone_id="Africa/Nairobi")
    for width in (FORM_PHONE["width"], PHONE["width"]):
        page.set_viewport_size({"width": width, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not page.locator("[data-cm-pf-nojs]").is_visible()
    opener = page.locator("[data-cm-pf-open]")

    # Sending an empty form sends nothing: the problems are listed and shown at the fields.
    opener.click()
    summary = page.locator("[data-cm-pf-summary]")
    assert summary.is_visible() and summary.evaluate("s => s === document.activeElement")
    assert page.url.endswith(FORM) or page.url.endswith(FORM + "#cm-pf-form")
    assert form_error(page, "name")[0] == "required field 'name' is missing"
    assert form_error(page, "github")[0].startswith("your GitHub login is needed")
    assert "Name: required field 'name' is missing" in summary.inner_text()

    # A newcomer's mistakes, each shown at its field as `community validate` says it.
    mistakes = {
        "name": ("Name (required)", "W" * 101),
        "github": ("GitHub login", "https://github.com/wanjiru-n"),
        "links.website": ("Website", "http://wanjiru.example.org"),
        "links.orcid": ("ORCID", "0000-0002-1825-0098"),
        "mentoring.capacity": ("Mentees at a time", "25"),
        "email": ("Email", "wanjiru.example.org"),
        "links.mastodon": ("Mastodon", "https://social.example.org/@wanjiru n"),
    }
    for name, (label, value) in mistakes.items():
        box = page.get_by_label(label, exact=True)
        box.fill(value)
        box.blur()
        assert form_error(page, name)[0], name
        assert box.get_attribute("aria-invalid") == "true"
    pick(page, "Skills", "kubernets")
    shown = {name: form_error(page, name) for name in [*mistakes, "skills"]}
    assert shown["skills"][0] == "unknown topic 'kubernets'"
    for scheme in ("light", "dark"):  # errors on screen, at phone width
        page.emulate_media(color_scheme=scheme)
        problems = run_axe(page)
        assert problems == [], json.dumps(problems, indent=1)

    # The same mistakes in files of their own, checked by the real CLI.
    import yaml

    example_site(site)
    files = {}
    for i, (name, (_, value)) in enumerate([*mistakes.items(), ("skills", ("", ["kubernets"]))]):
        data: dict[str, Any] = {"name": "Wanjiru Njoroge", "joined": "2026-12"}
        *parents, last = name.split(".")
        cursor = data
        for part in parents:
            cursor = cursor.setdefault(part, {})
        cursor[last] = value
        site.write(f"members/mistake-{i}.yml", yaml.safe_dump(data, allow_unicode=True))
        files[f"members/mistake-{i}.yml"] = name
    checked = site.validate("--format", "json", cli=True)
    said = {files[d["path"]]: (strip_place(d["message"]), d["hint"])
            for d in json.loads(checked.stdout)}
    assert shown == said

    # Put right, and filled in the way people write.
    answers = {
        "Name (required)": "Wanjiru Njoroge",
        "How to say your name": "wah-JEE-roo",
        "GitHub login": "@Wanjiru-N",
        "Pronouns": "she/her",
        "Role": "Data analyst: health records",
        "City": "Nakuru",
        "Website": "https://wanjiru.example.org/about?lang=en#me",
        "ORCID": "0000-0002-1825-0097",
        "Mentees at a time": "2",
        "Cohort": "2026",
        "Email": "",
        "Mastodon": "https://social.example.org/@wanjiru",
    }
    for label, value in answers.items():
        page.get_by_label(label, exact=True).fill(value)
        page.get_by_label(label, exact=True).blur()
    page.get_by_role("combobox", name="Skills", exact=True).fill("")
    pick(page, "Skills", "k8s")  # an alias
    pick(page, "Skills", "pyth", arrow=True)  # the first match
    pick(page, "Topics you can mentor in", "Python")
    pick(page, "Languages", "swahi", arrow=True)
    pick(page, "Languages", "pt-br")
    page.get_by_label("Speaking", exact=True).check()
    page.get_by_label("Teaching", exact=True).check()
    page.get_by_label("Country", exact=True).select_option("KE")
    page.locator("[data-cm-pf-my-zone]").click()
    page.get_by_label("About you", exact=True).fill(
        "I turned a spreadsheet habit into a data career.\n\n"
        "# What I do\n- dashboards: *Excel to Python*  \n- 100% open #wins\n")

    # Lists of mappings: repeatable groups, by keyboard. "Add" opens a numbered fieldset
    # and takes the focus to its first field; the page says what happened.
    add_affiliation = page.get_by_role("button", name="Add an affiliation", exact=True)
    add_affiliation.focus()
    page.keyboard.press("Enter")
    first = page.get_by_role("group", name="Affiliation 1", exact=True)
    assert focused_label(page).startswith("Organisation name")
    assert announced(page) == "Affiliation 1 added."
    page.keyboard.type("Nakuru County Health Records: data unit")
    page.keyboard.press("Tab")
    ror = first.get_by_label("ROR id", exact=True)
    assert ror.evaluate("e => e === document.activeElement")
    page.keyboard.type("052gg0111")  # a digit mistyped: shown at the field, as the CLI says
    page.keyboard.press("Tab")
    assert entry_error(first, "affiliations.ror") == (
        "ROR id '052gg0111' has wrong check digits",
        "copy it again from the organisation's page on ror.org")
    assert ror.get_attribute("aria-invalid") == "true"
    shown_at = first.locator('[data-cm-pf-field="affiliations.ror"] [data-cm-pf-error]')
    assert ror.get_attribute("aria-describedby").split()[-1] == shown_at.get_attribute("id")
    problems = run_axe(page)  # an entry, with a problem on screen
    assert problems == [], json.dumps(problems, indent=1)
    ror.fill("")
    ror.blur()
    assert entry_error(first, "affiliations.ror") == ("", "")
    first.get_by_label("Organisation's website", exact=True).fill(
        "https://health.nakuru.example.org/data?unit=1")
    add_affiliation.click()
    second = page.get_by_role("group", name="Affiliation 2", exact=True)
    second.get_by_label("ROR id", exact=True).fill("052gg0110")
    second.get_by_label("Current affiliation", exact=True).uncheck()
    # An entry without its required field: said at the field when the file is sent.
    opener.click()
    assert entry_error(second, "affiliations.name") == (
        "required field 'name in the 2nd affiliation' is missing", "")
    assert "Organisation name (Affiliation 2): required field 'name in the 2nd affiliation' " \
        "is missing" in summary.inner_text()
    second.get_by_label("Organisation name (required)", exact=True).fill("University of Oxford")
    # A third, removed again: the focus goes back to "Add", and the page says so.
    add_affiliation.click()
    third = page.get_by_role("group", name="Affiliation 3", exact=True)
    third.get_by_label("Organisation name (required)", exact=True).fill("Typo Org")
    third.get_by_role("button", name="Remove Affiliation 3", exact=True).press("Enter")
    assert page.get_by_role("group", name="Affiliation 3").count() == 0
    assert add_affiliation.evaluate("e => e === document.activeElement")
    assert announced(page) == "Affiliation 3 removed."

    page.get_by_role("button", name="Add a role", exact=True).click()
    role = page.get_by_role("group", name="Role 1", exact=True)
    role.get_by_label("In cohort", exact=True).fill("2026")
    year = role.get_by_label("Year", exact=True)
    year.fill("1899")
    year.blur()
    assert entry_error(role, "roles.year") == ("input should be greater than or equal to 1900",
                                               "")
    year.fill("2026")
    year.blur()
    assert entry_error(role, "roles.year") == ("", "")
    opener.click()
    assert entry_error(role, "roles.role") == (
        "required field 'role in the 1st role' is missing", "")
    role.get_by_label("Role held (required)", exact=True).fill("mentor")

    # A second place: one place is 'location', two are the list 'locations'. A map pin
    # needs both coordinates, and is written rounded to city level.
    add_place = page.get_by_role("button", name="Add another place", exact=True)
    add_place.click()
    berlin = page.get_by_role("group", name="Place 2", exact=True)
    berlin.get_by_label("City", exact=True).fill("Berlin")
    berlin.get_by_label("Country", exact=True).select_option("DE")
    latitude = berlin.get_by_label("Latitude", exact=True)
    for typed, said in (("252.5", ("252.5 is outside -90 to 90",
                                   "check the sign and the order of latitude and longitude")),
                        ("52,52", ("'52,52' is not a number", "write e.g. 52.37"))):
        latitude.fill(typed)
        latitude.blur()
        assert entry_error(berlin, "locations.latitude") == said
    latitude.fill("52.520008")
    longitude = berlin.get_by_label("Longitude", exact=True)
    longitude.focus()
    longitude.blur()
    assert entry_error(berlin, "locations.longitude") == (
        "give both latitude and longitude, or neither", "")
    longitude.fill("13.404954")
    assert entry_error(berlin, "locations.longitude") == ("", "")  # it followed the fix
    # At most three places (the schema's limit), in the CLI's words.
    add_place.click()
    add_place.click()
    assert page.get_by_role("group", name="Place 4").count() == 0
    places_error = page.locator("#cm-pf-locations-error")
    assert places_error.locator(".cm-pf__error-text").inner_text() == \
        "has 4 entries; the limit is 3"
    assert announced(page) == "has 4 entries; the limit is 3"
    page.get_by_role("button", name="Remove Place 3", exact=True).click()
    assert not places_error.is_visible()
    for width in (FORM_PHONE["width"], PHONE["width"]):
        page.set_viewport_size({"width": width, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        problems = run_axe(page)
        assert problems == [], json.dumps(problems, indent=1)
    page.set_viewport_size(FORM_PHONE)

    for name in [*mistakes, "skills"]:
        assert form_error(page, name) == ("", ""), name
    assert not summary.is_visible()  # it followed the fixes
    expected_yaml = (
        "# yaml-language-server: $schema=../schemas/member.schema.json\n"
        "name: Wanjiru Njoroge\n"
        "name_pronunciation: wah-JEE-roo\n"
        "pronouns: she/her\n"
        "github: Wanjiru-N\n"
        "joined: 2026-12\n"
        'role: "Data analyst: health records"\n'
        "locations:\n"
        "  - {city: Nakuru, country: KE}\n"
        "  - {city: Berlin, country: DE, latitude: 52.52, longitude: 13.4}\n"
        "timezone: Africa/Nairobi\n"
        "languages: [sw, pt-BR]\n"
        "bio: |\n"
        "  I turned a spreadsheet habit into a data career.\n"
        "\n"
        "  # What I do\n"
        "  - dashboards: *Excel to Python*  \n"
        "  - 100% open #wins\n"
        "skills: [kubernetes, python]\n"
        "mentoring:\n"
        "  offers: [python]\n"
        "  capacity: 2\n"
        "links:\n"
        "  website: https://wanjiru.example.org/about?lang=en#me\n"
        "  mastodon: https://social.example.org/@wanjiru\n"
        "  orcid: 0000-0002-1825-0097\n"
        "affiliations:\n"
        '  - {name: "Nakuru County Health Records: data unit", '
        'url: "https://health.nakuru.example.org/data?unit=1"}\n'
        "  - {name: University of Oxford, ror: 052gg0110, current: false}\n"
        "roles:\n"
        '  - {role: mentor, cohort: "2026", year: 2026}\n'
        "available_for: [teaching, speaking]\n"
        'cohort: "2026"\n')
    text = form_yaml(page)
    assert text == expected_yaml
    assert page.locator("[data-cm-pf-filename]").first.inner_text() == "members/wanjiru-n.yml"
    card = page.locator(".cm-pf__card").inner_text()
    for shown_text in ("Wanjiru Njoroge", "(she/her)",
                       "Data analyst: health records · Nakuru County Health Records: data unit",
                       "Nakuru, Kenya and Berlin, Germany", "Kubernetes", "Python",
                       "Offers mentoring", "Cohort 2026"):
        assert shown_text in card, shown_text
    assert page.locator("[data-cm-pf-avatar]").inner_text() == "WN"

    # The link: GitHub's new-file page for members/wanjiru-n.yml with the file in it,
    # exactly as github_links.py makes it. It is checked here, never followed.
    href = opener.get_attribute("href")
    assert href == GitHubRepo(*EXAMPLE_REPO).new_file_url("members/wanjiru-n.yml", text)
    link = urlparse(href)
    assert (link.netloc, link.path) == ("github.com", "/open-pathways/community/new/main")
    assert parse_qs(link.query) == {"filename": ["members/wanjiru-n.yml"], "value": [text]}
    assert opener.get_attribute("target") == "_blank"

    # The file, byte for byte, is valid for `community validate` and builds a profile.
    with page.expect_download() as info:
        page.locator("[data-cm-pf-download]").click()
    assert info.value.suggested_filename == "wanjiru-n.yml"
    downloaded = Path(info.value.path()).read_bytes()
    assert downloaded == text.encode("utf-8")
    from test_ownership import Repo

    for mistake in files:
        site.root.joinpath(mistake).unlink()
    repo = Repo(site)
    repo.commit("main")
    repo.branch()
    site.write("members/wanjiru-n.yml", downloaded)
    result = site.validate("members/wanjiru-n.yml", "--format", "json", cli=True)
    assert result.returncode == 0 and json.loads(result.stdout) == [], result.output
    # The pull request it makes passes the ownership check for its author, and only them.
    repo.commit("Create wanjiru-n.yml")
    assert repo.check("wanjiru-n", subprocess_=True)[0] == 0
    assert repo.check("someone-else", subprocess_=True)[0] != 0
    site.build(cli=True)  # the browser's threads run here: the real command
    profile = site.page("members/wanjiru-n/")
    assert "Wanjiru Njoroge" in profile and "Nakuru, Kenya" in profile
    assert "Berlin, Germany" in profile and "University of Oxford" in profile
    assert "Nakuru County Health Records: data unit" in profile and "Mentor" in profile

    # What was typed survives a reload of the tab.
    page.reload()
    assert form_yaml(page) == expected_yaml

    # A login that already has a profile: edit it instead.
    github = page.get_by_label("GitHub login", exact=True)
    github.fill("AmaraOkafor")
    github.blur()
    assert form_error(page, "github") == ("members/amaraokafor.yml already exists",
                                          "if it is your profile, edit it on GitHub instead")
    edit = page.locator('[data-cm-pf-field="github"] [data-cm-pf-error] a')
    assert edit.get_attribute("href") == \
        "https://github.com/open-pathways/community/edit/main/members/amaraokafor.yml"
    assert opener.get_attribute("href") == "#cm-pf-form"


def test_profile_form_offers_copy_when_the_file_is_too_long_for_a_link(browsing: Browsing):
    from mkdocs_community.outputs.github_links import GitHubRepo

    page = browsing.page(FORM, viewport=FORM_PHONE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=browsing.served.base.split("/community/")[0])
    page.get_by_label("Name (required)", exact=True).fill("林 美玲")
    page.get_by_label("GitHub login", exact=True).fill("meiling-lin")
    page.get_by_label("About you", exact=True).fill("学" * 1400)  # 9 bytes each in a link
    assert page.locator("[data-cm-pf-long-route]").is_visible()
    assert not page.locator("[data-cm-pf-link-route]").is_visible()
    empty = page.locator("[data-cm-pf-open-empty]").get_attribute("href")
    assert empty == GitHubRepo(*EXAMPLE_REPO).new_file_url("members/meiling-lin.yml")
    assert page.locator("[data-cm-pf-long-route] [data-cm-pf-filename]").inner_text() == \
        "members/meiling-lin.yml"
    page.locator("[data-cm-pf-long-route] [data-cm-pf-copy]").click()
    page.wait_for_function("() => /Copied/.test(document.querySelector("
                           "'[data-cm-pf-status]').textContent)")
    assert page.evaluate("navigator.clipboard.readText()") == form_yaml(page)
    assert "bio: |\n  " + "学" * 1400 + "\n" in form_yaml(page)

    # "Start again" asks first, then forgets everything (this tab kept a copy).
    start_again = page.get_by_role("button", name="Start again")
    page.once("dialog", lambda dialog: dialog.dismiss())
    start_again.click()
    assert "name: 林 美玲\n" in form_yaml(page)
    page.once("dialog", lambda dialog: dialog.accept())
    start_again.click()
    page.wait_for_function("() => !document.querySelector('[data-cm-pf-yaml]')"
                           ".textContent.includes('name:')")
    page.reload()
    assert form_yaml(page) == ("# yaml-language-server: $schema=../schemas/member.schema.json\n"
                               "joined: 2026-12\n")


def test_profile_form_without_javascript_shows_the_manual_route(browsing: Browsing):
    page = browsing.page(FORM, javascript=False, viewport=FORM_PHONE)
    assert page.locator("[data-cm-pf-nojs]").is_visible()
    assert not page.locator("[data-cm-pf-app]").is_visible()
    manual = page.locator("#manual")
    assert manual.is_visible()
    text = manual.inner_text()
    assert "members/<your-github-handle>.yml" in text
    assert "# yaml-language-server: $schema=../schemas/member.schema.json" in text
    assert manual.get_by_role("link", name="CONTRIBUTING.md").get_attribute("href") == \
        "https://github.com/open-pathways/community/blob/main/CONTRIBUTING.md"
    assert page.evaluate("document.documentElement.scrollWidth") <= FORM_PHONE["width"]


def test_profile_form_agrees_with_the_cli_on_topics_and_writes_yaml_any_reader_reads(
        browsing: Browsing):
    import yaml

    from mkdocs_community.core.diagnostics import Diagnostics
    from mkdocs_community.core.sources import parse_document
    from mkdocs_community.core.topics import load_vocabulary

    page = browsing.page(FORM)
    vocabulary = load_vocabulary(REPO / "content/topics.yml", REPO, "content/topics.yml",
                                 Diagnostics())
    # The did-you-mean of a misspelt topic is the CLI's (a port of difflib's matcher).
    for typed in ("kubernets", "pyhton", "javascrpt", "public speking", "data-vis",
                  "machine lerning", "Tableau", "zzz", "sq", "carrer growth", "bioinfo",
                  "quilting for beginners", "C++ for kids", "Ünïcode: yes", "文字"):
        pick(page, "Interests", typed)
        message, hint = form_error(page, "interests")
        assert message == f"unknown topic '{typed}'", typed
        assert hint == vocabulary.unknown_hint(typed), typed
    page.get_by_role("combobox", name="Interests", exact=True).fill("")

    # Text that YAML would read as something else is quoted; any reader gets it back.
    page.get_by_label("GitHub login", exact=True).fill("octocat")
    tricky = ["NO", "yes", "null", "~", "2026", "1e3", "0x1F", "12:30", ".5", "+1", "- dash",
              "a: b", "a #b", "#hash", "'quoted'", '"double"', "O'Brien", "x, y", "[b]",
              "{c}", "&anchor", "*alias", "!tag", "%pct", "@at", "`tick`", "ends:",
              "<<", "=", "? q", "Zoë Müller", "李美玲", "emoji 🎉 ok", "back\\slash",
              "100% sure", "a|b > c"]
    role = page.get_by_label("Role", exact=True)
    for value in tricky:
        role.fill(value)
        document = parse_document(form_yaml(page), False, "x.yml", Diagnostics())
        assert document.data["role"] == value, (value, form_yaml(page))
        assert yaml.safe_load(form_yaml(page))["role"] == value, value
    role.fill("")
    # The same in a flow mapping ("- {name: ...}"), where ',', '?', ':' and brackets end
    # a plain scalar.
    page.get_by_role("button", name="Add an affiliation", exact=True).click()
    name = page.get_by_label("Organisation name (required)", exact=True)
    for value in [*tricky, "a:b", "https://example.org/?q=1", "what?", "end,"]:
        name.fill(value)
        document = parse_document(form_yaml(page), False, "x.yml", Diagnostics())
        assert document.data["affiliations"] == [{"name": value}], (value, form_yaml(page))
        assert yaml.safe_load(form_yaml(page))["affiliations"] == [{"name": value}], value
    bio = "line one  \n\n    code, indented\n\t- tab\n#heading: yes\n\"quoted\" 'too'"
    page.get_by_label("About you", exact=True).fill(bio)
    document = parse_document(form_yaml(page), False, "x.yml", Diagnostics())
    assert document.data["bio"].strip() == bio


# -- another language: Arabic, right to left --------------------------------------------------


@pytest.fixture(scope="module")
def served_arabic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The example site with `theme.language: ar`, served like the English one."""
    source = tmp_path_factory.mktemp("arabic-source")
    for folder in ("content", "members", "events", "overrides"):
        shutil.copytree(REPO / folder, source / folder)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  language: en\n" in config
    (source / "mkdocs.yml").write_text(config.replace("\n  language: en\n",
                                                      "\n  language: ar\n"), encoding="utf-8")
    root = tmp_path_factory.mktemp("served-arabic")
    site_dir = root / SUB_PATH
    build_example(source, site_dir)
    with serving(root) as port:
        yield Served(site_dir, f"http://127.0.0.1:{port}/{SUB_PATH}/")


def test_arabic_pages_read_right_to_left_filter_in_arabic_and_stay_accessible(
        browser: Any, served_arabic: Served):
    if not AXE.is_file():
        _require("axe-core", "run `npm ci` (make browser-deps)")
    session = Browsing(browser, served_arabic)
    try:
        phone = {"width": 390, "height": 844}
        page = session.page("members/", viewport=phone)
        assert page.evaluate("getComputedStyle(document.querySelector('.cm-card')).direction") \
            == "rtl"
        # Mirrored: a card's avatar (first in the source) sits at the right.
        card = page.locator("#cm-members > li").first
        avatar, body = card.locator(".cm-avatar").bounding_box(), \
            card.locator(".cm-card__body").bounding_box()
        assert avatar["x"] > body["x"]
        items = facets_of(page, "cm-members")
        total = len(items)
        count = page.locator('[data-cm-count="cm-members"]')
        # Arabic counts 11 to 99 with the 'many' form ("27 عضوًا"), from the page's words.
        assert 11 <= total % 100 <= 99
        assert count.inner_text() == f"{total} عضوًا"
        page.locator("summary.cm-filters__summary").click()
        page.locator('form[data-cm-filters="cm-members"] select[name="topic"]') \
            .select_option("python")
        expected = expected_matches(items, {"topic": "python"})
        assert visible_items(page, "cm-members") == expected
        text = count.inner_text()
        assert text.startswith(f"{expected} من ") and "هذا المرشح" in text, text
        assert "match" not in text and "members" not in text
        assert "مرشح" in page.locator("[data-cm-active]").inner_text()
        # Page kinds with filters, cards, charts and badges: none scrolls sideways on a
        # phone, and axe finds nothing serious in either layout.
        paths = ["", "members/", "members/jose-alvarez/", "events/", "insights/",
                 "resources/", "mentoring/", "groups/", "spotlights/", "join/profile/"]
        problems: dict[str, list[dict]] = {}
        for viewport in (phone, DESKTOP):
            page = session.page(None, viewport=viewport)
            for path in [p for p in paths if served_arabic.exists(p)]:
                page.goto(served_arabic.url(path))
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], f"/{path} scrolls sideways at {viewport}"
                violations = run_axe(page)
                if violations:
                    problems[f"/{path} ({viewport['width']}px)"] = violations
        assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)

        # The profile form: entries named and numbered in Arabic; coordinates typed in
        # Arabic-Indic digits read as the CLI reads them (Python's float), written rounded.
        from mkdocs_community.core.records.member import Location

        page = session.page("join/profile/", viewport=phone)
        page.get_by_role("button", name="إضافة انتماء", exact=True).click()
        assert page.get_by_role("group", name="الانتماء 1", exact=True).is_visible()
        assert announced(page) == "تمت إضافة الانتماء 1."
        place = page.get_by_role("group", name="المكان 1", exact=True)
        place.get_by_label("خط العرض", exact=True).fill("-١.٢٩١")
        place.get_by_label("خط الطول", exact=True).fill("٣٦.٨٢١٩")
        place.get_by_label("خط الطول", exact=True).blur()
        assert entry_error(place, "locations.latitude") == ("", "")
        assert entry_error(place, "locations.longitude") == ("", "")
        assert "location:\n  latitude: -1.29\n  longitude: 36.82\n" in form_yaml(page)
        read = Location(latitude="-١.٢٩١", longitude="٣٦.٨٢١٩")
        assert (read.latitude, read.longitude) == (-1.29, 36.82)
    finally:
        session.close()
    assert session.external == [] and session.errors == [] and session.missing == []
