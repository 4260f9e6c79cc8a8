"""What `mkdocs serve` keeps between rebuilds (LoadCache, RenderMemo) never shows stale pages.

Each check renders every page body of the example community twice after an edit: once
through the caches filled by the build before the edit, once from scratch. They must be
the same, byte for byte, and the caches must actually have been used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import gc
import logging
import multiprocessing
import os
import re
import shutil
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jinja2
import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from conftest import REPO, build_here
from mkdocs_community.adapters.cli.main import load_settings
from mkdocs_community.adapters.mkdocs import speedups
from mkdocs_community.adapters.mkdocs.incremental import ASIDE
from mkdocs_community.core import community as community_module
from mkdocs_community.core import event_checks
from mkdocs_community.core.community import SETTLED_NS, LoadCache, load_community
from mkdocs_community.core.kept import KeptValues
from mkdocs_community.core.kinds import KINDS
from mkdocs_community.core.records.member import Member
from mkdocs_community.core.sources import read_text
from mkdocs_community.derive.matching import match
from mkdocs_community.outputs.render import (
    CompiledTemplates,
    Renderer,
    RenderMemo,
    make_environment,
)
from mkdocs_community.sections.site import generate

NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)


class Serve:
    """The example community in a folder, rebuilt as `mkdocs serve` would."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for folder in ("content", "members", "events", "overrides"):
            shutil.copytree(REPO / folder, root / folder)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        self.settings = load_settings(str(root / "mkdocs.yml"))
        self.cache, self.memo, self.kept = LoadCache(), RenderMemo(), KeptValues()
        self.assets: dict[str, bytes] = {}  # the last build's files (feeds, calendars, API)

    def bodies(self, *, cached: bool) -> dict[str, str]:
        """Every page body; through the caches, also the values the last build kept."""
        community, diagnostics = load_community(
            self.settings, cache=self.cache if cached else None)
        assert community is not None, [d.format_text() for d in diagnostics]
        kept = self.kept.used() if cached else KeptValues()
        site = generate(community, NOW, kept=kept)
        if cached:
            self.kept = kept
        self.assets = {asset.path: asset.content for asset in site.assets}
        env = make_environment([self.root / "overrides"])
        renderer = Renderer(env, site.build, self.memo if cached else None)
        return {spec.url: renderer.render(spec) for spec in site.pages}

    def rebuild_and_compare(self) -> dict[str, str]:
        """The bodies through the caches, checked against a build from scratch, and the
        files too (``assets`` is then the build's)."""
        through_caches = self.bodies(cached=True)
        files = self.assets
        assert through_caches == self.bodies(cached=False)
        assert files == self.assets
        return through_caches


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Serve:
    serve = Serve(tmp_path_factory.mktemp("serve"))
    serve.bodies(cached=True)
    return serve


def busiest_member(serve: Serve) -> str:
    """The listed member whose name appears on the most pages."""
    community, _ = load_community(serve.settings)
    bodies = serve.bodies(cached=False)
    return max((m for m in community.listed_members),
               key=lambda m: sum(m.name in body for body in bodies.values())).id


def test_a_renamed_member_shows_everywhere(serve: Serve) -> None:
    member_id = busiest_member(serve)
    path = serve.root / "members" / f"{member_id}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    old_name = data["name"]
    before = serve.bodies(cached=True)
    data["name"] = "Renamed Person"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    after = serve.rebuild_and_compare()
    changed = [url for url in after if after[url] != before[url]]
    assert f"members/{member_id}/" in changed
    assert len(changed) >= 3  # their profile, the directory, and pages naming them
    assert all(old_name not in after[url] for url in changed)
    assert 0 < serve.memo.hits < len(after)  # the other pages came from the memo
    # The directory is rendered again, but only the renamed member's card.
    listed = after["members/"].count('<li class="cm-card"')
    assert listed > 10 and after["members/"].count("Renamed Person") == 1
    assert serve.memo.fragment_hits >= listed - 1


def test_an_unchanged_rebuild_reuses_every_page_it_can(serve: Serve) -> None:
    first = serve.rebuild_and_compare()
    serve.bodies(cached=True)
    # All but the pages that show the whole community (mentoring, insights).
    assert serve.memo.hits >= len(first) - 2


def test_unchanged_files_are_not_read_again_but_every_edit_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serve = Serve(tmp_path)
    reads: list[str] = []

    def counted(file: Path, *args: Any, **kwargs: Any) -> str | None:
        reads.append(file.name)
        return read_text(file, *args, **kwargs)

    monkeypatch.setattr(community_module, "read_text", counted)

    def load() -> Any:
        reads.clear()
        community, diagnostics = load_community(serve.settings, cache=serve.cache)
        assert community is not None, [d.format_text() for d in diagnostics]
        return community

    first = load()
    assert len(reads) == sum(len(first.all(kind.plural)) for kind in KINDS)
    load()  # files written just now are read until their stamp is known to hold
    assert load() is not None and reads == []

    # An edit of the same length, its modification time put back as some tools do: the
    # change time, which no tool can set, still tells it.
    member = first.listed_members[0]
    path = serve.root / member.source
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    new_name = "".join(reversed(member.name))
    assert new_name != member.name and f"name: {member.name}" in text
    path.write_text(text.replace(f"name: {member.name}", f"name: {new_name}", 1),
                    encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    assert load().get("members", member.id).name == new_name
    assert reads == [path.name]


def test_an_unchanged_event_is_not_checked_again_but_its_problems_are_still_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An event's own checks (times, rules, exceptions) read nothing but its file and the
    settings: what they found is kept with the file's text (LoadCache), reported at every
    load, and found again when the file changes."""
    serve = Serve(tmp_path)
    checked: list[str] = []

    def counted(event: Any, settings: Any) -> Any:
        checked.append(event.id)
        return problems(event, settings)

    problems = event_checks.event_problems
    monkeypatch.setattr(event_checks, "event_problems", counted)
    path = serve.root / "events" / "2026-03-05-research-software-clinic.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("exdates: [2026-08-06]", "exdates: [2026-08-07]"),
                    encoding="utf-8")

    def load() -> list[str]:
        checked.clear()
        _community, diagnostics = load_community(serve.settings, cache=serve.cache)
        return [d.format_text() for d in diagnostics.errors]

    first = load()
    events = len(checked)
    assert events == len(list((serve.root / "events").iterdir())) > 3
    assert [e for e in first if "2026-03-05-research-software-clinic.yml:12:" in e
            and "exdate-not-on-rule" in e], first  # at the exception that matches nothing
    assert load() == first and checked == []  # reported again, not checked again
    path.write_text(text, encoding="utf-8")  # fixed
    assert load() == [] and checked == ["2026-03-05-research-software-clinic"]
    # Other settings: every event is checked again (the cache starts afresh).
    serve.settings = dataclasses.replace(serve.settings, default_duration=dt.timedelta(hours=2))
    assert load() == [] and len(checked) == events


def test_a_stamp_vouches_for_a_text_only_once_it_has_settled() -> None:
    cache = LoadCache()
    read_at = 10 * SETTLED_NS
    recent, old = (1, 100, read_at - 1, read_at - 1), (1, 100, 0, 0)
    cache.remember("members/a.yml", "name: A", None, [], recent, read_at)
    # Written just before it was read: a write of the same length in the same clock
    # tick would leave the same stamp, so the text is read again.
    assert cache.unchanged("members/a.yml", recent) is None
    cache.remember("members/a.yml", "name: A", None, [], recent, read_at + SETTLED_NS)
    assert cache.unchanged("members/a.yml", recent) is not None  # seen twice: it holds
    assert cache.unchanged("members/a.yml", (1, 100, read_at, read_at)) is None
    cache.remember("members/b.yml", "name: B", None, [], old, read_at)
    assert cache.unchanged("members/b.yml", old) is not None  # long unchanged
    assert cache.unchanged("members/b.yml", None) is None  # not a regular file
    cache.remember("members/b.yml", "name: C", None, [], recent, read_at)
    assert cache.unchanged("members/b.yml", recent) is None  # a new text starts over


def test_a_new_topic_label_shows_everywhere(serve: Serve) -> None:
    topics_file = serve.root / "content" / "topics.yml"
    topics = yaml.safe_load(topics_file.read_text(encoding="utf-8"))
    topic = next(iter(topics))
    topics[topic]["label"] = "Relabelled Topic"
    topics_file.write_text(yaml.safe_dump(topics, allow_unicode=True), encoding="utf-8")
    after = serve.rebuild_and_compare()
    assert any("Relabelled Topic" in body for body in after.values())


def test_an_edited_template_override_shows_everywhere(serve: Serve) -> None:
    override = serve.root / "overrides" / "community" / "partials" / "avatar.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text('<span class="cm-test-avatar">{{ member.name }}</span>',
                        encoding="utf-8")
    try:
        after = serve.rebuild_and_compare()
        assert sum("cm-test-avatar" in body for body in after.values()) > 10
    finally:  # the other tests of the sequence count names in cards (xdist may run them later)
        override.unlink()
    assert not any("cm-test-avatar" in body for body in serve.rebuild_and_compare().values())


def test_values_kept_between_rebuilds_follow_every_edit_they_read(tmp_path: Path) -> None:
    """What a rebuild takes from the last one (the matching, each profile's matches, each
    event's page and API entry, kept.py) is taken when nothing it reads changed, and made
    again after an edit of anything it reads: pages and files equal a build from scratch."""
    serve = Serve(tmp_path / "site")
    serve.bodies(cached=True)
    community, _ = load_community(serve.settings)
    events = len(community.events)
    before = serve.rebuild_and_compare()  # nothing edited: every kept value taken
    reused = serve.kept.reused_by
    assert reused["match"] == 1 and reused["event-page"] == reused["event-item"] == events
    assert reused["mentors-section"] > 0 and reused["mentees-section"] > 0
    listed = len(community.listed_members)
    assert reused["member-page"] == reused["member-item"] == listed
    assert reused["zone-years"] == sum(1 for e in community.events if not e.all_day)
    assert reused["feed-entry"] > 0 and reused["directory-facets"] == 2
    assert reused["events-chart"] == reused["events-held"] == 1
    # The calendar expanded once (upcoming and past), each event's own calendar file,
    # the events on profiles, the member charts and figures, the profile form.
    assert reused["upcoming"] == reused["past-years"] == reused["events-by-member"] == 1
    assert reused["event-ics"] == events
    with_events = {p.member for e in community.events for p in (*e.hosts, *e.speakers)
                   if p.member and community.public_member(p.member)}
    assert reused["events-section"] == len(with_events) > 0
    assert reused["member-charts"] == reused["headline"] == reused["profile-form"] == 1
    assert reused["counted"] == len(community.members)
    assert reused["chart-drawing"] == before["insights/"].count("<svg") // 2 > 5
    # The files made of kept entries: the members and events APIs, the events feed; and
    # every listed member's status.
    assert reused["api"] == 2 and reused["feed"] == 1
    assert reused["status"] == len(community.listed_members)

    # A speaker's name: their events' pages (the JSON-LD names performers) and the events
    # API; matching does not read names, and the other events are taken as they were.
    event = next(e for e in community.events
                 if any(p.member and community.public_member(p.member) for p in e.speakers))
    speaker = next(p.member for p in event.speakers
                   if p.member and community.public_member(p.member))
    edit_yaml(serve.root / "members" / f"{speaker}.yml", lambda d: d.update(name="Zed Speaker"))
    after = serve.rebuild_and_compare()
    ld = after[f"events/{event.id}/"].split('type="application/ld+json"')[1]
    assert "Zed Speaker" in ld.split("</script>")[0]
    assert b"Zed Speaker" in serve.assets["api/events.json"]
    naming = sum(1 for e in community.events
                 if speaker in {p.member for p in (*e.hosts, *e.speakers)})
    assert serve.kept.reused_by["event-page"] == events - naming
    assert serve.kept.reused_by["match"] == 1
    assert serve.kept.reused_by["member-item"] == listed - 1
    # The listing without the speaker keeps its filters (the other one is counted again:
    # the new name moved the speaker in its order).
    assert serve.kept.reused_by["directory-facets"] == 1
    assert b"Zed Speaker" in serve.assets["api/members.json"]
    # Nothing counted on the insights page, the form, the calendars or any event's
    # occurrences reads a name: all taken as they were.
    assert serve.kept.reused_by["counted"] == len(community.members) - 1
    assert serve.kept.reused_by["member-charts"] == serve.kept.reused_by["headline"] == 1
    assert serve.kept.reused_by["profile-form"] == serve.kept.reused_by["upcoming"] == 1
    assert serve.kept.reused_by["events-by-member"] == 1
    assert serve.kept.reused_by["event-ics"] == events
    assert serve.kept.reused_by["status"] == listed - 1
    assert serve.kept.reused_by["api"] == 0  # a new entry in both
    assert serve.kept.reused_by["feed"] == 1

    # A mentor offers the one topic a seeker still needs, which fewer than three open
    # mentors offer: the matching is made again, the seeker's profile shows the mentor
    # among their matches, and the mentoring page changes.
    result = match(community.members, NOW.date())
    mentors = [m for m in community.listed_members if m.offers_mentoring
               and result.mentor(m.id) and result.mentor(m.id).available]

    def speak(a: Member, b: Member) -> bool:
        return not (a.languages and b.languages) or bool(set(a.languages) & set(b.languages))

    seeker, topic, mentor = next(
        (community.member(s.id), s.needs[0], m) for s in result.seekers if len(s.needs) == 1
        for m in mentors
        if len(result.mentors_for(s.id)) < 3 and s.needs[0] not in m.mentoring.offers
        and m.id != s.id and m.id not in s.mentors and speak(m, community.member(s.id)))
    before = after
    edit_yaml(serve.root / "members" / f"{mentor.id}.yml",
              lambda d: d["mentoring"].update(offers=[*d["mentoring"]["offers"], topic]))
    after = serve.rebuild_and_compare()
    assert serve.kept.reused_by["match"] == 0
    # What a mentor offers is counted (supply and demand): the member charts again.
    assert serve.kept.reused_by["member-charts"] == serve.kept.reused_by["headline"] == 0
    changed = {url for url in after if after[url] != before[url]}
    assert {f"members/{seeker.id}/", "mentoring/"} <= changed
    assert f'href="../{mentor.id}/"' in after[f"members/{seeker.id}/"]
    # The cards (directory, pairings, people looking) that neither changed nor name the
    # mentor were taken from the last build, those on /mentoring/ too.
    kept_cards = {url: [card for card in cards(after[url]) if card in cards(before[url])
                        and f"{mentor.id}/" not in card]
                  for url in ("members/", "members/alumni/", "mentoring/")}
    assert kept_cards["mentoring/"]
    assert serve.memo.fragment_hits >= sum(map(len, kept_cards.values()))

    # A topic's label: every match that names it is worded again.
    edit_yaml(serve.root / "content" / "topics.yml",
              lambda d: d[topic].update(label="Relabelled Mentoring Topic"))
    after = serve.rebuild_and_compare()
    assert "Relabelled Mentoring Topic" in after[f"members/{seeker.id}/"]
    assert "Relabelled Mentoring Topic" in after["mentoring/"]
    assert serve.kept.reused_by["match"] == 1  # labels are not matched on
    # The charts and the form show topic labels.
    assert serve.kept.reused_by["member-charts"] == serve.kept.reused_by["profile-form"] == 0
    assert serve.kept.reused_by["headline"] == 1  # no label in it

    # An upcoming event's time: its page, calendar, feed entry and API entry.
    timed = next(e for e in community.events if not e.recurring and not e.all_day
                 and e.start.date() > NOW.date()
                 and not (e.registration and e.registration.deadline)
                 and e.status.value == "scheduled")
    path = serve.root / timed.source
    text = path.read_text(encoding="utf-8")
    start = re.search(r"^start: (\d{4}-\d\d-\d\d) \d\d:\d\d$", text, re.M)
    assert start is not None, text
    path.write_text(text.replace(start.group(0), f"start: {start.group(1)} 06:45"),
                    encoding="utf-8")
    before = after
    after = serve.rebuild_and_compare()
    assert after[f"events/{timed.id}/"] != before[f"events/{timed.id}/"]
    assert serve.kept.reused_by["event-page"] == events - 1
    assert serve.kept.reused_by["event-ics"] == events - 1
    assert serve.kept.reused_by["upcoming"] == serve.kept.reused_by["past-years"] == 0
    assert serve.kept.reused_by["events-by-member"] == 0
    assert serve.kept.reused_by["feed"] == 0 and serve.kept.reused_by["api"] == 1  # members
    assert "06:45" in serve.assets["api/events.json"].decode()
    assert "06:45" in serve.assets["events/feed.xml"].decode()
    assert serve.kept.reused_by["feed-entry"] > 0

    # The event cancelled: it is no longer counted on the insights page.
    before = after
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle: ", "\nstatus: cancelled\ntitle: ", 1),
                    encoding="utf-8")
    after = serve.rebuild_and_compare()
    assert serve.kept.reused_by["events-chart"] == 0
    assert after["insights/"] != before["insights/"]


def cards(body: str) -> list[str]:
    """The cards of a page, each up to the next."""
    return body.split('<li class="cm-card')[1:]


def test_serve_rebuilds_do_not_pile_up(serve: Serve, tmp_path: Path) -> None:
    """Each `mkdocs serve` rebuild frees what the one before it made (the build keeps
    the garbage collector off its own data, see parallel.CollectorScope)."""
    session = ServeSession(serve.root, tmp_path / "site")
    pages = []
    try:
        for _ in range(3):
            session.rebuild()
            pages.append(sum(isinstance(o, Page) for o in gc.get_objects()))
    finally:
        session.stop()
    assert pages[0] > 50
    assert pages[2] <= pages[0] * 1.2, pages


def test_a_serve_rebuild_writes_what_a_full_build_writes(
        serve: Serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` rebuilds after an edit, through every cache it keeps (records of
    unchanged files, rendered Markdown, page bodies; the first build's page skeletons):
    the site it writes is byte for byte the one a fresh `mkdocs build` of the edited files
    writes."""
    epoch = str(int(NOW.timestamp()))  # both builds are "as of" the same moment
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    renderers: list[speedups.PageRenderer] = []
    real = speedups.PageRenderer

    def page_renderer(*args: Any, **kwargs: Any) -> speedups.PageRenderer:
        renderers.append(real(*args, **kwargs))
        return renderers[-1]

    monkeypatch.setattr(speedups, "PageRenderer", page_renderer)
    session = ServeSession(serve.root, tmp_path / "served")
    plugin = session.config().plugins["community"]
    try:
        session.rebuild()
        assert len(renderers) == 1 and renderers[0].skeletons.hits > 10
        member_id = busiest_member(serve)
        path = serve.root / "members" / f"{member_id}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["name"], data["role"] = "Edited Person", "Edited role"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        session.rebuild()
        assert plugin._render_memo.hits > 10  # unchanged bodies came from the memo
        # Every event's calendar entry came from the last build (kept.py), and the
        # pages of the events that do not name the edited member.
        assert plugin._kept.reused_by["vevent"] == len(plugin.site.build.community.events) > 0
        assert plugin._kept.reused_by["event-page"] > 0
        # The few generated pages the edit changed went through MkDocs rendered in full:
        # learning page skeletons for them would have cost more than it saved.
        assert plugin._incremental.reused > 0 and len(renderers) == 1
    finally:
        session.stop()
    # The serve session has ended: a build in this process starts the plugin afresh.
    fresh = build_here(serve.root / "mkdocs.yml", site_dir=tmp_path / "built", epoch=epoch)
    assert fresh.returncode == 0, fresh.output
    served, built = tree(tmp_path / "served"), tree(tmp_path / "built")
    assert b"Edited Person" in served[f"members/{member_id}/index.html"]
    assert sorted(served) == sorted(built)
    assert [p for p in served if served[p] != built[p]] == []


def test_each_command_in_one_process_starts_the_plugin_afresh(serve: Serve) -> None:
    """MkDocs keeps one instance of a plugin with a startup event for every command a
    process runs (the tests' builds in this process, a program that builds several
    sites): what one command kept (caches, what the log said once) is not the next's."""
    config = load_config(str(serve.root / "mkdocs.yml"))
    plugin = config.plugins["community"]
    plugin.on_startup(command="serve", dirty=False)
    memo, cache = plugin._render_memo, plugin._load_cache
    plugin._say_once("community: said once")
    assert load_config(str(serve.root / "mkdocs.yml")).plugins["community"] is plugin
    plugin.on_startup(command="build", dirty=False)
    assert plugin._single_build and not plugin._told
    assert plugin._render_memo is not memo and plugin._load_cache is not cache
    plugin.on_shutdown()


def test_rendered_markdown_is_kept_for_the_texts_the_last_build_used() -> None:
    """`mkdocs serve` hands each rebuild the Markdown the last one rendered, and only the
    texts it used: a text edited away is forgotten."""
    from mkdocs_community.core.safety import RenderedTexts, render_markdown

    first = RenderedTexts()
    assert first.html("*old* bio") == render_markdown("*old* bio")
    first.plain("**other** text", 20)
    second = first.used()
    assert len(second) == 2
    assert second.html("*new* bio") == render_markdown("*new* bio")
    second.plain("**other** text", 20)
    assert len(second) == 3 and len(second.used()) == 2


# -- incremental rebuilds: unchanged generated pages skip MkDocs' page pipeline ----------

REUSED = re.compile(r"community: (\d+) unchanged generated pages taken from the last "
                    r"build, (\d+) rebuilt")


class _Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class ServeSession:
    """`mkdocs serve` in this process, as MkDocs runs it: the plugins' startup event for
    the ``serve`` command once, then for each rebuild the configuration read again and a
    build with ``serve_url`` into the same folder. What MkDocs and the plugins logged
    (INFO and up) is kept per rebuild."""

    def __init__(self, root: Path, site_dir: Path) -> None:
        self.root, self.site_dir = root, site_dir
        self.config().plugins.on_startup(command="serve", dirty=False)
        self.log = ""

    def config(self) -> MkDocsConfig:
        return load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir))

    def rebuild(self) -> str:
        logger, said = logging.getLogger("mkdocs"), _Messages()
        level = logger.level
        logger.addHandler(said)
        logger.setLevel(logging.INFO)
        try:
            build(self.config(), serve_url="http://127.0.0.1:8000/")
        finally:
            logger.removeHandler(said)
            logger.setLevel(level)
        self.log = "\n".join(said.messages)
        return self.log

    def reused(self) -> tuple[int, int]:
        """(pages taken from the last build, generated pages rebuilt) in the last rebuild."""
        return reused_in(self.log)

    def stop(self) -> None:
        self.config().plugins.on_shutdown()


def reused_in(log: str) -> tuple[int, int]:
    """(pages taken from the last build, generated pages rebuilt) that a rebuild logged."""
    found = REUSED.findall(log)
    assert len(found) <= 1, found
    return (int(found[0][0]), int(found[0][1])) if found else (0, 0)


def _serve_in_child(connection: Connection, root: Path, site_dir: Path) -> None:
    """A :class:`ServeSession` answering "rebuild" (with its log) and "stop"."""
    session = ServeSession(root, site_dir)
    while True:
        command = connection.recv()
        try:
            answer = session.rebuild() if command == "rebuild" else session.stop()
        except BaseException:  # handed to the test, which fails with it
            connection.send((False, traceback.format_exc()))
        else:
            connection.send((True, answer))
        if command == "stop":
            return


class ServeProcess:
    """A :class:`ServeSession` in a process of its own (forked from this one), so that
    this process can make the fresh builds it is compared with: MkDocs keeps one
    instance of a plugin per process, and the plugin starts afresh at every command's
    startup event (a build's here would end the serve session's)."""

    def __init__(self, root: Path, site_dir: Path) -> None:
        self.root, self.site_dir = root, site_dir
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_serve_in_child, args=(theirs, root, site_dir),
                                        daemon=True)
        self._process.start()
        theirs.close()
        self.log = ""

    def _ask(self, command: str) -> str | None:
        self._connection.send(command)
        if not self._connection.poll(600):
            raise TimeoutError(f"the serve session did not answer {command!r}")
        done, answer = self._connection.recv()
        assert done, f"the serve session failed to {command}:\n{answer}"
        return answer

    def rebuild(self) -> str:
        self.log = self._ask("rebuild") or ""
        return self.log

    def reused(self) -> tuple[int, int]:
        return reused_in(self.log)

    def stop(self) -> None:
        try:
            self._ask("stop")
        finally:
            self._process.join(30)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def folders(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir())


def same_as_a_fresh_build(session: ServeProcess, tmp_path: Path, epoch: str
                          ) -> dict[str, bytes]:
    """The served folder, after checking it against a fresh `mkdocs build --strict` of
    the same files without the shortcuts (``COMMUNITY_SPEEDUPS=0``: MkDocs and the theme
    doing all the work; in this process, while the serve session runs in its own), file
    for file and byte for byte (sitemap.xml.gz and the search index too)."""
    fresh = tmp_path / "built"
    shutil.rmtree(fresh, ignore_errors=True)
    run = build_here(session.root / "mkdocs.yml", site_dir=fresh, epoch=epoch,
                     extra_env={"COMMUNITY_SPEEDUPS": "0"})
    assert run.returncode == 0, run.output
    served, built = tree(session.site_dir), tree(fresh)
    assert sorted(served) == sorted(built)
    # No folder left empty (a deleted member's) and nothing hidden left in the folder.
    assert folders(session.site_dir) == folders(fresh)
    assert [p for p in served if served[p] != built[p]] == []
    assert "sitemap.xml.gz" in served and "search/search_index.json" in served
    return served


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


@pytest.mark.slow
def test_serve_rebuilds_skip_unchanged_pages_and_write_what_a_full_build_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through a sequence of edits under `mkdocs serve`, each rebuild's folder is byte for
    byte a fresh `mkdocs build` of the same files. A member or event edit rebuilds only
    the pages it changes (the rest are taken from the last build); anything else (topics,
    a hand-written page, a theme override, a new or deleted member) rebuilds everything."""
    epoch = str(int(NOW.timestamp()))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    serve = Serve(tmp_path / "site")
    root = serve.root
    monkeypatch.chdir(root)
    session = ServeProcess(root, tmp_path / "served")
    try:
        session.rebuild()
        assert session.reused() == (0, 0)  # the first build is complete
        pages = len(list((root / "members").glob("*.yml")))
        community, _ = load_community(serve.settings)
        members = [m for m in community.listed_members if not m.mentoring]
        mentor = next(m for m in community.listed_members
                      if m.mentoring and m.offers_mentoring)
        first, second = members[0].id, members[1].id

        def member_edit(member_id: str, change, shows: str, *, rebuilt: int = 1) -> None:
            edit_yaml(root / "members" / f"{member_id}.yml", change)
            session.rebuild()
            taken, made = session.reused()
            assert taken > pages and made >= rebuilt, session.log
            served = same_as_a_fresh_build(session, tmp_path, epoch)
            assert shows.encode() in served[f"members/{member_id}/index.html"]

        # A bio: the profile, and the pages that quote it.
        member_edit(first, lambda d: d.update(bio="An *edited* bio, one of a kind."),
                    "one of a kind")
        # A name shows on more pages (directory cards, groups, events): all rebuilt.
        member_edit(second, lambda d: d.update(name="Renamed Person"), "Renamed Person",
                    rebuilt=1)
        # A mentoring offer (a topic more, and a note): the profile, the mentoring pages,
        # the matches of the people it pairs them with.
        topic = next(t for t in community.topics.topics if t not in mentor.mentoring.offers)
        member_edit(mentor.id, lambda d: d["mentoring"].update(
            offers=[*d["mentoring"]["offers"], topic], note="Edited note about mentoring."),
            "Edited note about mentoring.")

        # An event.
        event = next(p for p in sorted((root / "events").glob("*.md")))
        text = event.read_text(encoding="utf-8")
        event.write_text(text.replace("\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")
        session.rebuild()
        assert session.reused()[0] > pages, session.log
        served = same_as_a_fresh_build(session, tmp_path, epoch)
        assert b"Edited " in served[f"events/{event.stem}/index.html"]

        # Everything else is a complete rebuild, and the one after it is incremental again.
        def full(edit) -> None:
            edit()
            session.rebuild()
            assert session.reused() == (0, 0), session.log
            same_as_a_fresh_build(session, tmp_path, epoch)

        topics = root / "content" / "topics.yml"
        full(lambda: edit_yaml(topics, lambda d: d[next(iter(d))].update(
            label="Relabelled Topic")))
        about = root / "content" / "about.md"
        # A hand-written page that links to a profile: that profile always goes through
        # MkDocs, whose link validation then says what a full build says.
        full(lambda: about.write_text(
            about.read_text(encoding="utf-8")
            + f"\n\nSee [a profile](members/{first}/index.md#about).\n", encoding="utf-8"))
        override = root / "overrides" / "partials" / "source.html"
        full(lambda: override.write_text(override.read_text(encoding="utf-8")
                                         + "<!-- edited override -->", encoding="utf-8"))
        newcomer = root / "members" / "new-person.yml"
        full(lambda: newcomer.write_text(
            (root / "members" / f"{first}.yml").read_text(encoding="utf-8")
            .replace(f"github: {first}", "github: new-person"), encoding="utf-8"))
        full(lambda: newcomer.unlink())

        # What a rebuild that stopped half way would leave in the served folder (the last
        # build's files, moved aside under a hidden name) is gone after the next one.
        leftover = session.site_dir / ".mkdocs-community-last-build" / "members" / "gone"
        leftover.mkdir(parents=True)
        (leftover / "index.html").write_text("stale", encoding="utf-8")
        # Another member's edit: incremental again; the linked profile is rebuilt too, and
        # MkDocs validates the link (and its anchor) as a full build does.
        member_edit(members[2].id, lambda d: d.update(bio="Another edit."), "Another edit.",
                    rebuilt=2)
        assert "not found among documentation files" not in session.log
        assert f"members/{first}/index.md#about" in session.log  # no such anchor: said
        # The last build's files are kept where they are: nothing beside the served
        # folder, and nothing hidden in it (same_as_a_fresh_build compares folders too).
        assert sorted(p.name for p in tmp_path.iterdir()) == ["built", "served", "site"]
    finally:
        session.stop()


def test_incremental_rebuilds_are_off_with_a_plugin_that_handles_page_events(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A third-party-style plugin (a hooks file) that handles page events might read or
    change what is skipped: every page goes through MkDocs, and the log says why, once."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    serve = Serve(tmp_path / "site")
    root = serve.root
    (root / "hooks.py").write_text(
        "def on_post_page(output, page, config):\n"
        "    return output.replace('</body>', '<!-- stamped --></body>')\n", encoding="utf-8")
    assert "hooks:" not in (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text(encoding="utf-8") + "\nhooks:\n  - hooks.py\n",
        encoding="utf-8")
    monkeypatch.chdir(root)
    session = ServeSession(root, tmp_path / "served")
    logs = []
    try:
        for bio in ("A first bio.", "A second bio."):
            member = next(p for p in sorted((root / "members").glob("*.yml"))
                          if not p.name.startswith("_"))
            edit_yaml(member, lambda d, bio=bio: d.update(bio=bio))
            logs.append(session.rebuild())
            assert session.reused() == (0, 0)
    finally:
        session.stop()
    said = "community: incremental serve rebuilds off: other plugins handle pages or files"
    assert said in logs[0] and "hooks" in logs[0].split(said)[1].splitlines()[0]
    assert said not in logs[1]  # once
    assert b"<!-- stamped -->" in (tmp_path / "served" / "index.html").read_bytes()


def test_what_keeps_a_generated_page_in_mkdocs_pipeline(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    """A page a hand-written page may link to (by any name of its path, or from inside its
    folder) is never skipped; templates that list every page or print the build's time
    switch the incremental rebuilds off."""
    import jinja2

    from mkdocs_community.adapters.mkdocs.incremental import (
        _LINK_SEPARATORS,
        _Linked,
        _may_be_linked,
        _reads_every_page,
    )

    words = "see [her](../members/ada-lovelace/index.md#talks) and <a href='/events/x%2Dy/'>"
    linked = _Linked(frozenset(_LINK_SEPARATORS.split(unquote(words).lower())),
                     frozenset({"members/bo/", "members/"}))
    assert _may_be_linked("members/ada-lovelace/", linked)
    assert _may_be_linked("events/x-y/", linked)
    assert _may_be_linked("members/bo/", linked)  # a hand-written page lies in its folder
    assert not _may_be_linked("members/ada/", linked)
    assert not _may_be_linked("members/cy/", linked)

    env = jinja2.Environment()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert _reads_every_page(env, {"sitemap.xml": "{% for f in pages %}{% endfor %}"}) is None
    assert _reads_every_page(env, {"nav.html": "{{ nav_item.pages }}"}) is None
    assert "pages" in _reads_every_page(env, {"main.html": "{{ pages | length }}"})
    stamped = {"base.html": "<!-- {{ build_date_utc }} -->"}
    assert "build_date_utc" in _reads_every_page(env, stamped)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764579600")
    assert _reads_every_page(env, stamped) is None  # the same time in every build


def test_templates_compiled_by_a_rebuild_are_reused_until_their_source_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` makes new Jinja environments at every rebuild; a template is
    compiled again only when its source differs from the one its code was made from."""
    folder = tmp_path / "overrides"
    (folder / "community").mkdir(parents=True)
    page = folder / "community" / "page.html"
    page.write_text("<p>{{ 1 + 1 }} first</p>", encoding="utf-8")
    compiled = CompiledTemplates()
    compiles: list[str | None] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: str | None = None,
                 *args: Any, **kwargs: Any) -> Any:
        compiles.append(name)
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)

    def render() -> str:
        return make_environment([folder], compiled).get_template(
            "community/page.html").render()

    assert render() == "<p>2 first</p>"
    assert render() == "<p>2 first</p>"  # a new environment, the same code
    assert compiles == ["community/page.html"]
    page.write_text("<p>{{ 2 + 2 }} second</p>", encoding="utf-8")
    assert render() == "<p>4 second</p>"
    assert compiles == ["community/page.html"] * 2
    # Environments made differently never share code; one whose code depends on a
    # function gets no cache.
    plain = jinja2.Environment()
    assert compiled.cache_for(plain) is compiled.cache_for(jinja2.Environment())
    assert compiled.cache_for(jinja2.Environment(trim_blocks=True)) \
        is not compiled.cache_for(plain)
    assert compiled.cache_for(jinja2.Environment(
        autoescape=jinja2.select_autoescape())) is None


@pytest.mark.slow
def test_a_rebuild_that_cannot_keep_the_last_files_builds_everything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving the last build's files back into the served folder fails half way (a file
    system that refuses, say): the rebuild says so, cleans the folder as MkDocs would
    and builds every page, and the folder is a fresh build's."""
    epoch = str(int(NOW.timestamp()))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    root = Serve(tmp_path / "site").root
    monkeypatch.chdir(root)
    rename = os.rename

    def refusing(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        if ASIDE in str(source) and Path(target).name == "members":
            raise OSError(errno.EXDEV, "refused for the test", str(target))
        rename(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "rename", refusing)  # inherited by the forked session
    session = ServeProcess(root, tmp_path / "served")
    try:
        session.rebuild()
        member = next(p for p in sorted((root / "members").glob("*.yml"))
                      if not p.name.startswith("_") and "listed: false" not in p.read_text())
        edit_yaml(member, lambda d: d.update(bio="Edited while the folder refuses."))
        session.rebuild()
        assert "could not be kept" in session.log and "every page is rebuilt" in session.log
        assert session.reused() == (0, 0)
        served = same_as_a_fresh_build(session, tmp_path, epoch)
        assert b"the folder refuses" in served[f"members/{member.stem}/index.html"]
    finally:
        session.stop()
