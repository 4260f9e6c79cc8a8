"""The example site in a real browser: search, filters, local times, accessibility.

Debian's Chromium (``/usr/bin/chromium``, installed by ``.ci/browser-deps``) is driven by
Playwright against the example site, built once and served from a local ``http.server``
under a sub-path (``/community/``), as a GitHub project page would be. The server's thread
and Playwright last as long as this module's tests, not the whole session: the other
tests build sites in the test process, and a build forks helper processes only in a
process running one thread.
Every browser context fails the test on any request that leaves 127.0.0.1 and on any
script error. axe-core comes from the npm registry (``package.json``, ``npm ci``).

Screenshots of the main pages at 360 px and 1280 px are written to ``test-artifacts/``.
These tests skip only when not under CI and Chromium is absent; under CI that fails.
"""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("served")
    site_dir = root / SUB_PATH
    build_env = env()
    # The example site builds "as of" the tests' fixed moment, so upcoming events are
    # the same on every run.
    build_env["SOURCE_DATE_EPOCH"] = str(int(BUILD_NOW.timestamp()))
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(site_dir)],
                            cwd=REPO, env=build_env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(site_dir, f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/")
    finally:
        server.shutdown()
        server.server_close()


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
             javascript: bool = True, wait: bool = True) -> Any:
        """A page in a fresh context, at ``path`` (None: not navigated yet)."""
        context = self.browser.new_context(
            viewport=viewport or DESKTOP, timezone_id=timezone_id, locale="en-GB",
            color_scheme=color_scheme, java_script_enabled=javascript,
            accept_downloads=True, service_workers="block")
        context.set_default_timeout(10_000)
        # The site was built "as of" FIXED_NOW; the page scripts (past events, closed
        # registrations) must see the same moment, whatever the machine's clock says.
        context.clock.set_fixed_time(BUILD_NOW)
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
    if not box.is_visible():  # phones: the search button opens the search overlay
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


def test_screenshots_of_the_main_pages(browsing: Browsing, served: Served):
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    pages = {"home": "", "members": "members/", "profile": "members/jose-alvarez/",
             "members-filtered": "members/?topic=python&country=IN"}
    for name in ("events", "resources", "mentoring", "spotlights", "groups"):
        if served.exists(f"{name}/"):
            pages[name] = f"{name}/"
    event = _upcoming_event(served)
    if event:
        pages["event"] = event
    for viewport in (PHONE, DESKTOP):
        page = browsing.page(None, viewport=viewport)
        for name, path in pages.items():
            page.goto(served.url(path))
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"/{path} scrolls sideways at {viewport}"
            page.screenshot(path=str(out / f"{name}-{viewport['width']}.png"), full_page=True,
                            animations="disabled", caret="hide")
    assert len(list(out.glob("*.png"))) == 2 * len(pages)
