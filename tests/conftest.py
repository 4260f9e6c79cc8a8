"""Shared fixtures: small community sites written into a temporary folder.

``SiteFactory`` writes a minimal but complete site (mkdocs.yml, topics, pages) and
lets each test add the records it is about, then validates it with ``community
validate`` or builds it with ``mkdocs build --strict``. Both run in this process by
default (:func:`build_here`, :func:`community_here`: what the commands do, without
starting Python and importing MkDocs, Material and the plugin again for every run);
``cli=True`` runs the real command in a subprocess, for the tests about the command
line itself (exit status, what it prints). ``example_site`` is the example community
built once for every test that only reads it.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import jinja2
import mkdocs.structure.pages
import pytest
import yaml
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_community.adapters.cli.main import main as community_main

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FIXED_NOW = "2026-12-01T09:00:00+00:00"
# SOURCE_DATE_EPOCH of builds compared byte for byte (MkDocs writes the build date into
# the sitemap): 2025-12-01T09:00:00Z.
EPOCH = "1764579600"

TOPICS = {
    "python": {"label": "Python", "aliases": ["py", "python3"]},
    "javascript": {"label": "JavaScript", "aliases": ["js"]},
    "sql": {"label": "SQL"},
    "public-speaking": {"label": "Public speaking", "aliases": ["public speaking"]},
    "data-engineering": {"label": "Data engineering"},
    "career-growth": {"label": "Career growth"},
    "kubernetes": {"label": "Kubernetes", "aliases": ["k8s"]},
    "open-science": {"label": "Open science"},
}


def pytest_report_header() -> str:
    ahead = os.environ.get("FAKETIME")
    return f"clock: moved {ahead} (libfaketime)" if ahead else "clock: the machine's own"


def pytest_configure(config: pytest.Config) -> None:
    # CI proves that no test depends on today's date by running the whole suite a year
    # ahead (`make test` wraps pytest in faketime); a CI run without it proves nothing.
    if os.environ.get("CI") and not os.environ.get("FAKETIME"):
        raise pytest.UsageError("under CI the suite runs a year ahead: use `make test` "
                                "(faketime -f +365d pytest)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The long tests first (those that build whole sites, and the browser's): spread over
    # the workers (pytest-xdist) while the many quick ones fill the gaps, instead of one
    # long test ending the run.
    items.sort(key=lambda item: not any(item.get_closest_marker(mark)
                                        for mark in ("slow", "browser")))


def env(*, real_clock: bool = False) -> dict[str, str]:
    """The environment for a command the tests run.

    ``real_clock`` takes the command out of the suite's moved clock: libfaketime 0.9.10
    moves the monotonic clock too but not the deadline of a timed lock wait
    (``sem_clockwait``), so a timed wait in a thread lasts the whole offset, a year.
    Only for commands whose output cannot depend on the clock (the site pins ``now``).
    """
    result = dict(os.environ)
    if real_clock:
        result.pop("FAKETIME", None)
        preload = [p for p in result.pop("LD_PRELOAD", "").split() if "faketime" not in p]
        if preload:
            result["LD_PRELOAD"] = " ".join(preload)
    result["NO_MKDOCS_2_WARNING"] = "1"
    result["PATH"] = f"{BIN}{os.pathsep}{result.get('PATH', '')}"
    result.pop("SOURCE_DATE_EPOCH", None)
    return result


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


# -- commands in this process ---------------------------------------------------------


class _Printed(logging.Handler):
    """What a command line prints of the ``mkdocs`` logger's records (``LEVEL - text``)."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.lines: list[str] = []
        self.aborted = False  # the command stopped with an error: its process would end

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


def _replaceable() -> dict[str, object]:
    """What a build could replace in MkDocs and Jinja and must put back: MkDocs' build
    functions and page class, Jinja's template class."""
    return {f"{owner.__name__}.{name}": value
            for owner in (mkdocs_build, mkdocs.structure.pages, jinja2.Template)
            for name, value in vars(owner).items()}


@contextlib.contextmanager
def _as_a_command(cwd: Path, level: int, *, epoch: str | None = None,
                  extra_env: dict[str, str] | None = None,
                  process_ends: bool = False) -> Iterator[_Printed]:
    """The process state a command starts in, for an in-process run, and checks after it.

    The run gets ``cwd``, the environment of :func:`env` (SOURCE_DATE_EPOCH only when
    given, and ``extra_env``) and the ``mkdocs`` logger at ``level``, all restored
    afterwards. Then nothing
    it changed may outlive it: MkDocs' and Jinja's functions, the ``mkdocs`` logger's
    handlers, and objects kept out of the garbage collector (``gc.freeze``). A command
    line process ends after its command (``process_ends``), and so does an aborted
    build, which hands such objects back; a finished build must do that itself, as
    `mkdocs serve` rebuilds in one process.
    """
    logger = logging.getLogger("mkdocs")
    printed = _Printed(level)
    handlers, old_level = list(logger.handlers), logger.level
    frozen, replaceable, old_cwd = gc.get_freeze_count(), _replaceable(), os.getcwd()
    environ = env()
    if epoch is not None:
        environ["SOURCE_DATE_EPOCH"] = epoch
    environ.update(extra_env or {})
    with mock.patch.dict(os.environ, environ, clear=True):
        logger.addHandler(printed)
        logger.setLevel(level)
        os.chdir(cwd)
        try:
            yield printed
        finally:
            os.chdir(old_cwd)
            logger.removeHandler(printed)
            logger.setLevel(old_level)
    if (process_ends or printed.aborted) and gc.get_freeze_count() > frozen:
        gc.unfreeze()
    left = [name for name, value in _replaceable().items() if replaceable.get(name) is not value]
    assert not left, f"the run left replaced: {left}"
    assert logger.handlers == handlers, "the run left handlers on the mkdocs logger"
    assert gc.get_freeze_count() <= frozen, "the run left objects frozen out of the collector"


def build_here(config_file: Path, *, site_dir: Path | None = None, strict: bool = True,
               verbose: bool = False, epoch: str | None = None,
               extra_env: dict[str, str] | None = None) -> Run:
    """``mkdocs build [--strict] [-v] [-d site_dir]``, in this process, with the
    environment variables ``extra_env`` set.

    As ``mkdocs/__main__.py`` runs it: a fresh configuration, the plugins' startup event
    for the ``build`` command, the build, the shutdown event. (MkDocs keeps one instance
    of a plugin with a startup event for the whole process; the community plugin starts
    afresh on that event, so nothing of an earlier build is carried over.) It prints the
    ``mkdocs`` logger's records (INFO and up; DEBUG too when ``verbose``) and why it
    aborted; an abort (strict mode counting warnings, a plugin error) is exit status 1,
    as on the command line.
    """
    # The command runs in a process of one thread, where the build may fork helpers; a
    # thread left running by a test would make this build unlike the command's.
    assert threading.active_count() == 1, f"threads still running: {threading.enumerate()}"
    level = logging.DEBUG if verbose else logging.INFO
    with _as_a_command(config_file.parent, level, epoch=epoch,
                       extra_env=extra_env) as printed:
        code = 0
        try:
            config = load_config(str(config_file), strict=strict,
                                 site_dir=str(site_dir) if site_dir else None)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build.build(config)
            finally:
                config.plugins.on_shutdown()
        except Abort as abort:
            code, printed.aborted = abort.code, True
            printed.lines.append(abort.format_message())
    return Run(code, "", "\n".join(printed.lines) + "\n")


def community_here(cwd: Path, *args: str) -> Run:
    """``community ARGS`` in this process, in ``cwd``: what it prints and its exit status."""
    out, err = io.StringIO(), io.StringIO()
    with _as_a_command(cwd, logging.WARNING, process_ends=True) as printed, \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = community_main(list(args))
        except SystemExit as stop:  # argparse, or a message as Python prints it
            code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr)
    logged = "".join(f"{line}\n" for line in printed.lines)
    return Run(code, out.getvalue(), err.getvalue() + logged)


class SiteFactory:
    """A throwaway community site; write records, then validate or build it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.plugin_options: dict = {"timezone": "Europe/London", "now": FIXED_NOW,
                                     "maintainers": ["maint"]}
        self.topics: dict | None = dict(TOPICS)
        self.nav: list | None = None
        (root / "content").mkdir(parents=True, exist_ok=True)
        (root / "members").mkdir(exist_ok=True)
        (root / "events").mkdir(exist_ok=True)
        self.write("content/index.md", "# Test community\n\n<!-- community:newest-members -->\n")

    # -- writing ---------------------------------------------------------------

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def member(self, member_id: str, **fields) -> Path:
        data = {"name": member_id.replace("-", " ").title(), "joined": "2025-01", **fields}
        return self.write(f"members/{member_id}.yml",
                          yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    def record(self, relative: str, front_matter: dict, body: str = "") -> Path:
        """A Markdown record with front matter (event, resource, spotlight, ...)."""
        text = "---\n" + yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False) \
            + "---\n" + body
        return self.write(relative, text)

    def _write_config(self) -> None:
        if self.topics is not None:  # None: the site has no topics file
            self.write("content/topics.yml", yaml.safe_dump(self.topics, sort_keys=True))
        config = {
            "site_name": "Test Community",
            "site_url": "https://example.org/test/",
            "repo_url": "https://github.com/example/test",
            "edit_uri": "edit/main/content/",
            "docs_dir": "content",
            "theme": {"name": "material", "font": False},
            "plugins": ["search", {"community": self.plugin_options}],
        }
        if self.nav is not None:
            config["nav"] = self.nav
        self.write("mkdocs.yml", yaml.safe_dump(config, sort_keys=False))

    # -- running ---------------------------------------------------------------

    def run(self, *args: str) -> Run:
        self._write_config()
        proc = subprocess.run(list(args), cwd=self.root, env=env(), capture_output=True,
                              text=True, timeout=300)
        return Run(proc.returncode, proc.stdout, proc.stderr)

    def community(self, *args: str, cli: bool = False) -> Run:
        """``community ARGS`` in this process, or as the real command (``cli``)."""
        if cli:
            return self.run(str(BIN / "community"), *args)
        self._write_config()
        return community_here(self.root, *args)

    def validate(self, *args: str, cli: bool = False) -> Run:
        return self.community("validate", *args, cli=cli)

    def diagnostics(self, *args: str) -> list[dict]:
        result = self.validate("--format", "json", *args)
        return json.loads(result.stdout or "[]")

    def build(self, *extra: str, check: bool = True, cli: bool = False) -> Run:
        """``mkdocs build --strict``: in this process, or as the real command (``cli``,
        which also takes extra command-line arguments)."""
        if cli:
            result = self.run(str(BIN / "mkdocs"), "build", "--strict", *extra)
        else:
            assert not extra, "extra arguments are for the real command (cli=True)"
            self._write_config()
            result = build_here(self.root / "mkdocs.yml")
        if check:
            assert result.returncode == 0, result.output
        return result

    def page(self, url: str) -> str:
        """The built HTML at a site-relative URL such as 'members/ada/'."""
        return (self.root / "site" / url / "index.html").read_text(encoding="utf-8")

    def site_file(self, relative: str) -> Path:
        return self.root / "site" / relative

    def all_output(self, site_dir: Path | None = None) -> dict[str, bytes]:
        """Every file of the built site (or of another build of it, in ``site_dir``)."""
        site = site_dir or self.root / "site"
        return {p.relative_to(site).as_posix(): p.read_bytes()
                for p in sorted(site.rglob("*")) if p.is_file()}

    def build_again(self, site_dir: Path) -> dict[str, bytes]:
        """Another build of the same files into ``site_dir``: its output."""
        result = build_here(self.root / "mkdocs.yml", site_dir=site_dir)
        assert result.returncode == 0, result.output
        return self.all_output(site_dir)


@contextlib.contextmanager
def time_limit(seconds: float, what: str = "this") -> Iterator[None]:
    """Fail (instead of hanging) when the block runs longer than ``seconds``.

    A hang guard, not a speed test: limits are generous, speed is the benchmark's. The
    alarm interrupts pure-Python and regular-expression work alike.
    """
    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"{what} took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def wait_until(check: Callable[[], Any], seconds: float = 60, every: float = 0.5) -> Any:
    """What ``check()`` gives once it gives something true (an OSError counts as not yet:
    a server still starting); fails the test after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            found = check()
        except OSError:
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            pytest.fail("the development server did not get there in time")
        time.sleep(every)


@contextlib.contextmanager
def mkdocs_serve(site: SiteFactory, *, log: Path | None = None,
                 extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """The real development server (`mkdocs serve`) on a free port for ``site``; yields
    the site's address. ``log``: where its verbose output goes. On leaving, the server is
    stopped as a person stops it (Ctrl-C: plugins' on_shutdown runs), or killed if it
    does not stop."""
    site._write_config()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    output = log.open("wb") if log is not None else subprocess.DEVNULL
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", *(["-v"] if log else [])],
        cwd=site.root, env={**env(real_clock=True), **(extra_env or {})}, stdout=output,
        stderr=subprocess.STDOUT if log is not None else subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}/test/"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if log is not None:
            output.close()  # type: ignore[union-attr]


@pytest.fixture
def site(tmp_path: Path) -> SiteFactory:
    return SiteFactory(tmp_path / "site-src")


@dataclass(frozen=True)
class Built:
    """A site built once: where it went, and what the build printed."""

    site: Path
    log: str


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example community, built once (``--strict``, verbose, SOURCE_DATE_EPOCH set)
    for every test that only reads the result."""
    site = tmp_path_factory.mktemp("example") / "site"
    result = build_here(REPO / "mkdocs.yml", site_dir=site, verbose=True, epoch=EPOCH)
    assert result.returncode == 0, result.output[-3000:]
    return Built(site, result.output)


class _ActiveContent(__import__("html.parser").parser.HTMLParser):
    """Collects everything in a page that could run code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action", "formaction", "xlink:href"} and value and \
                    value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in {"iframe", "object", "embed", "form"} and not dict(attrs).get("class", "") \
                .startswith(("md-", "cm-")):
            self.problems.append(f"<{tag}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert" in data:
            self.problems.append(f"script: {data[:60]!r}")


def active_content(html: str) -> list[str]:
    """Event handlers, script URLs, embedded frames or injected scripts in ``html``."""
    parser = _ActiveContent()
    parser.feed(html)
    return parser.problems


# -- link check of a built site ---------------------------------------------------------

# Attributes that point at another URL, by tag ('*': any tag).
_LINK_ATTRIBUTES = {"href": "*", "src": "*", "action": "form", "poster": "video",
                    "data": "object", "cite": "*"}


class _Links(__import__("html.parser").parser.HTMLParser):
    """Every URL a page points at (href, src, srcset, ...) with its line, and its ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str, str]] = []  # (line, "tag attr", url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and tag != "meta":
                self.ids.add(value)
            wanted = _LINK_ATTRIBUTES.get(name)
            if wanted in ("*", tag):
                self.links.append((line, f"{tag} {name}", value.strip()))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append((line, f"{tag} srcset", candidate.split()[0]))
        if tag == "meta" and dict(attrs).get("property") in ("og:url", "og:image"):
            self.links.append((line, "meta content", (dict(attrs).get("content") or "")))

    handle_startendtag = handle_starttag


@dataclass(frozen=True)
class BrokenLink:
    page: str  # the page's path in the site folder
    line: int
    where: str  # "a href"
    url: str  # as written
    problem: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: <{self.where}={self.url!r}>: {self.problem}"


def broken_links(site_dir: Path, site_url: str) -> list[BrokenLink]:
    """Every internal link of every page of a built site that does not resolve.

    The site is read as a web server would serve it from ``site_url`` (which may hold a
    sub-path, e.g. ``https://example.org/community/``): each ``href``/``src``/``srcset``
    of each HTML page is resolved against the page's own address; a link inside the
    site (relative, root-relative, or absolute on the site's host) must name a file, or
    a folder with an ``index.html``, and its ``#fragment`` an id on the target page.
    Links leaving the site (another host, ``mailto:``) are not followed.
    """
    from urllib.parse import unquote, urljoin, urlsplit

    base = urlsplit(site_url)
    prefix = base.path if base.path.endswith("/") else base.path + "/"
    parsed: dict[Path, _Links] = {}

    def parse(path: Path) -> _Links:
        if path not in parsed:
            parser = _Links()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    def target(url: str) -> tuple[Path | None, str]:
        """The file a site URL names, and why not when it names none."""
        path = unquote(urlsplit(url).path)
        if not path.startswith(prefix):
            return None, f"outside the site's path {prefix}"
        local = site_dir / path[len(prefix):]
        if path.endswith("/") or local.is_dir():
            if not path.endswith("/"):
                return None, "a folder linked without its closing '/'"
            local = local / "index.html"
        if ".." in Path(path).parts or not local.is_file():
            return None, "no such file"
        return local, ""

    broken = []
    pages = sorted(site_dir.rglob("*.html"))
    for page in pages:
        relative = page.relative_to(site_dir).as_posix()
        # The 404 page is served at any address: its links must not depend on where.
        address = f"{base.scheme}://{base.netloc}{prefix}{relative}"
        if relative.endswith("index.html"):
            address = address[:-len("index.html")]
        for line, where, url in parse(page).links:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "webcal":
                url = "https" + url[len("webcal"):]
                scheme = "https"
            if scheme not in ("", "http", "https"):
                continue  # mailto:, tel:, data: ...
            absolute = urljoin(address, url)
            parts = urlsplit(absolute)
            if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
                continue  # another site
            local, problem = target(absolute)
            if local is None:
                broken.append(BrokenLink(relative, line, where, url, problem))
                continue
            fragment = unquote(parts.fragment)
            if fragment and local.suffix == ".html" and fragment not in parse(local).ids:
                broken.append(BrokenLink(relative, line, where, url,
                                         f"no id '{fragment}' on {local.relative_to(site_dir)}"))
    return broken
