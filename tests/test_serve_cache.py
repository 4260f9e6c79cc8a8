"""What `mkdocs serve` keeps between rebuilds (LoadCache, RenderMemo) never shows stale pages.

Each check renders every page body of the example community twice after an edit: once
through the caches filled by the build before the edit, once from scratch. They must be
the same, byte for byte, and the caches must actually have been used.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from mkdocs_community.adapters.cli.main import load_settings
from mkdocs_community.core.community import LoadCache, load_community
from mkdocs_community.outputs.render import Renderer, RenderMemo, make_environment
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
        self.cache, self.memo = LoadCache(), RenderMemo()

    def bodies(self, *, cached: bool) -> dict[str, str]:
        community, diagnostics = load_community(
            self.settings, cache=self.cache if cached else None)
        assert community is not None, [d.format_text() for d in diagnostics]
        site = generate(community, NOW)
        env = make_environment([self.root / "overrides"])
        renderer = Renderer(env, site.build, self.memo if cached else None)
        return {spec.url: renderer.render(spec) for spec in site.pages}

    def rebuild_and_compare(self) -> dict[str, str]:
        through_caches = self.bodies(cached=True)
        assert through_caches == self.bodies(cached=False)
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


def test_an_unchanged_rebuild_reuses_every_page_it_can(serve: Serve) -> None:
    first = serve.rebuild_and_compare()
    serve.bodies(cached=True)
    # All but the pages that show the whole community (mentoring, insights).
    assert serve.memo.hits >= len(first) - 2


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
    after = serve.rebuild_and_compare()
    assert sum("cm-test-avatar" in body for body in after.values()) > 10


def test_serve_rebuilds_do_not_pile_up(serve: Serve, tmp_path: Path) -> None:
    """Each `mkdocs serve` rebuild frees what the one before it made (the build keeps
    the garbage collector off its own data, see parallel.CollectorScope)."""
    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    def config():  # as `mkdocs serve` does: the configuration read again each time
        return load_config(str(serve.root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))

    config().plugins.on_startup(command="serve", dirty=False)
    pages = []
    for _ in range(3):
        build(config(), serve_url="http://127.0.0.1:8000/")
        pages.append(sum(isinstance(o, Page) for o in gc.get_objects()))
    assert pages[0] > 50
    assert pages[2] <= pages[0] * 1.2, pages


def test_a_serve_rebuild_writes_what_a_full_build_writes(
        serve: Serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` rebuilds after an edit, through every cache it keeps (records of
    unchanged files, rendered Markdown, page bodies) and the page skeletons: the site it
    writes is byte for byte the one a fresh `mkdocs build` of the edited files writes."""
    import subprocess

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from conftest import BIN, env

    epoch = str(int(NOW.timestamp()))  # both builds are "as of" the same moment
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)

    def config():  # as `mkdocs serve` does: the configuration read again each time
        return load_config(str(serve.root / "mkdocs.yml"), site_dir=str(tmp_path / "served"))

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    plugin = first.plugins["community"]
    build(config(), serve_url="http://127.0.0.1:8000/")
    member_id = busiest_member(serve)
    path = serve.root / "members" / f"{member_id}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["name"], data["role"] = "Edited Person", "Edited role"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    build(config(), serve_url="http://127.0.0.1:8000/")
    assert plugin._render_memo.hits > 10  # unchanged bodies came from the memo
    fresh = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d",
                            str(tmp_path / "built")], cwd=serve.root,
                           env={**env(), "SOURCE_DATE_EPOCH": epoch},
                           capture_output=True, text=True, timeout=600)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    served, built = files(tmp_path / "served"), files(tmp_path / "built")
    assert b"Edited Person" in served[f"members/{member_id}/index.html"]
    assert sorted(served) == sorted(built)
    assert [p for p in served if served[p] != built[p]] == []


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
