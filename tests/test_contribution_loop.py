"""The newcomer's path: scaffold a profile, see validation catch mistakes, see it built."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import BIN, REPO, Built, SiteFactory, community_here

pytestmark = pytest.mark.slow


def test_new_member_to_published_profile(site: SiteFactory) -> None:
    site.member("existing", name="Existing Member")
    # The commands a newcomer types, as they type them; then the same in this process.
    created = site.community("new", "member", "Octo-Cat", cli=True)
    assert created.returncode == 0, created.output
    path = site.root / "members/octo-cat.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/member.schema.json")
    assert "github: Octo-Cat" in text

    # Left unfilled, the template fails with a located error, not a traceback.
    result = site.validate("members/octo-cat.yml", cli=True)
    assert result.returncode == 1
    name_line = text.splitlines().index("name:") + 1
    assert f"members/octo-cat.yml:{name_line}:" in result.stdout
    assert "name" in result.stdout

    # A newcomer's typical mistakes are each pinned to their line.
    path.write_text(text.replace("name:\n", "name: Octo Cat\n")
                        .replace("skills: []", "skills: [pythn]"))
    result = site.validate("members/octo-cat.yml")
    skills_line = next(i for i, line in enumerate(path.read_text().splitlines(), 1)
                       if line.startswith("skills:"))
    assert f"members/octo-cat.yml:{skills_line}:" in result.stdout
    assert "did you mean 'python'?" in result.stdout

    path.write_text(path.read_text().replace("skills: [pythn]", "skills: [python]"))
    assert site.validate().returncode == 0
    site.build()
    assert "Octo Cat" in site.page("members/octo-cat/")
    assert "Octo Cat" in site.page("members/")

    again = site.community("new", "member", "octo-cat")
    assert again.returncode == 1 and "already exists" in again.output


def test_schemas_in_repository_are_current(tmp_path: Path) -> None:
    """Editors validate against schemas/; they must match the models and topics."""
    proc = community_here(REPO, "schema", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    for generated in sorted(tmp_path.glob("*.schema.json")):
        committed = REPO / "schemas" / generated.name
        assert committed.exists(), f"run 'community schema' to add {generated.name}"
        assert json.loads(committed.read_text()) == json.loads(generated.read_text()), \
            f"schemas/{generated.name} is stale: run 'community schema'"
    member = json.loads((tmp_path / "member.schema.json").read_text())
    assert member["additionalProperties"] is False
    assert "skils" not in member["properties"] and "skills" in member["properties"]
    assert set(member["required"]) == {"name"}  # joined is optional (year or month)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.urls.append(value)


def test_example_site_works_from_any_sub_path(example_site: Built) -> None:
    """No page links to the site root: the site must work under /<repo>/ on any host."""
    out = example_site.site
    # 404.html is the exception by design: a host serves it at whatever URL was missing,
    # so MkDocs links it from site_url's path.
    pages = [p for p in out.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 30
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        rooted = [u for u in parser.urls if u.startswith("/") and not u.startswith("//")]
        assert not rooted, f"{page.relative_to(out)} links to the site root: {rooted[:3]}"
    # And every member file produced exactly one published profile, except unlisted ones.
    members = {p.stem: yaml.safe_load(p.read_text()) for p in (REPO / "members").glob("*.yml")
               if not p.name.startswith("_")}
    for member_id, data in members.items():
        published = (out / "members" / member_id / "index.html").exists()
        assert published == data.get("listed", True), member_id
    home = (out / "index.html").read_text()
    assert re.search(r'href="members/[a-z0-9-]+/"', home), "home page lists newest members"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_rebuilds_when_a_member_file_changes(site: SiteFactory) -> None:
    import subprocess
    import time
    import urllib.request

    from conftest import env

    site.member("ada", name="Ada Lovelace", role="Analyst")
    site.run("true")  # writes mkdocs.yml and topics
    port = _free_port()
    server = subprocess.Popen(
        # mkdocs serve's file watcher waits on a lock with a timeout, which libfaketime
        # turns into a year; the site pins `now`, so the real clock changes nothing here.
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], cwd=site.root,
        env=env(real_clock=True),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def fetch() -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/test/members/ada/",
                                    timeout=5) as response:
            return response.read().decode()

    def wait_for(text: str, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if text in fetch():
                    return True
            except OSError:
                pass
            time.sleep(0.3)
        return False

    try:
        assert wait_for("Analyst"), "the served profile never appeared"
        site.member("ada", name="Ada Lovelace", role="Chief Engine Officer")
        assert wait_for("Chief Engine Officer"), "editing members/ada.yml did not rebuild"
    finally:
        server.terminate()
        server.wait(timeout=10)
