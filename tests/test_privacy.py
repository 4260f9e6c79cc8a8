"""Privacy: what people did not choose to publish appears in no output file at all.

One real build of a fixture site holding private values: emails without
``email_public``, an unlisted member with distinctive strings named by records of every
kind, and an attempt at a street address. Every file the build writes (pages, search
index, sitemap, JSON API, feeds, calendars) is scanned. The built pages also must not
load anything from another host.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from test_hostile import RECORDS, record_path, record_text
from test_seo import PNG

from conftest import SiteFactory
from mkdocs_community.core.kinds import KINDS

pytestmark = pytest.mark.slow

HIDDEN = "hidden-zzyzx"
# Strings that belong to the unlisted member or to private fields; none may be published.
SECRETS = ["zzyzx", "Qwertyville", "private-ada@example.org", "private-ada",
           "gro.elpmaxe@ada-etavirp",  # the reversed form an obfuscated address would use
           "Hidden-Zzyzx", "hana-secret@example.net", "ten.elpmaxe@terces-anah"]


# For each kind, how a record names a member: the unlisted one goes in next to Ada.
def naming_hidden(kind_name: str) -> dict:
    data = dict(RECORDS[kind_name].data)
    if kind_name == "event":
        data["hosts"] = ["ada", HIDDEN]
        data["speakers"] = [HIDDEN]
    elif kind_name == "resource":
        data["contributed_by"] = HIDDEN
    elif kind_name == "spotlight":
        data["members"] = ["ada", HIDDEN]
    elif kind_name == "group":
        data["facilitators"] = ["ada"]
        data["members"] = [HIDDEN, "grace"]
    return data


@pytest.fixture(scope="module")
def private_site(tmp_path_factory: pytest.TempPathFactory) -> SiteFactory:
    site = SiteFactory(tmp_path_factory.mktemp("privacy") / "site")
    site.member("ada", name="Ada Lovelace", github="ada", email="private-ada@example.org",
                skills=["python"], location={"city": "London", "country": "GB"},
                mentoring={"offers": ["python"], "capacity": 2})
    site.member("grace", name="Grace Hopper", email="grace@example.org", email_public=True,
                mentoring={"seeks": ["python"]})
    site.write("members/avatars/zzyzx.png", PNG)
    site.member(HIDDEN, name="Hana Zzyzx", listed=False, github="Hidden-Zzyzx",
                email="hana-secret@example.net", email_public=True, role="Zzyzx analyst",
                organisation="Zzyzx Corp", bio="Zzyzx bio", avatar="zzyzx.png",
                location={"city": "Qwertyville", "country": "NZ"}, skills=["sql"],
                mentoring={"offers": ["sql"], "seeks": ["python"], "capacity": 3,
                           "mentors": ["ada"]}, cohort="2025", joined="2026-11")
    for kind in KINDS:
        if kind.name != "member" and kind.name in RECORDS:
            sample = RECORDS[kind.name]
            site.write(record_path(site, kind, sample.record_id),
                       record_text(kind, naming_hidden(kind.name), sample.body))
    site.build()
    return site


def test_no_private_value_in_any_output_file(private_site):
    outputs = private_site.all_output()
    assert any(p.endswith(".json") for p in outputs) and "sitemap.xml" in outputs
    leaks = []
    for path, content in outputs.items():
        text = content.decode("utf-8", errors="replace").casefold()
        leaks += [f"{path}: {secret}" for secret in SECRETS if secret.casefold() in text]
        if path.endswith(".gz"):
            import gzip

            unpacked = gzip.decompress(content).decode("utf-8", "replace").casefold()
            leaks += [f"{path}: {s}" for s in SECRETS if s.casefold() in unpacked]
    assert leaks == []
    # The unlisted member has no page and no avatar, so the sitemap cannot list them.
    assert not any(HIDDEN in path or "zzyzx" in path for path in outputs)
    assert f"members/{HIDDEN}/" not in outputs["sitemap.xml"].decode()
    # A public email is published, and only obfuscated.
    grace = private_site.page("members/grace/")
    assert "grace [at] example [dot] org" in grace
    assert not any(b"grace@example.org" in c for c in outputs.values())


def test_an_address_has_nowhere_to_go(site):
    site.member("ada", location={"city": "London", "street": "221B Baker Street",
                                 "postcode": "NW1 6XE"})
    site.member("bob", address="221B Baker Street", phone="+44 20 7946 0000")
    found = {(d["path"], d["code"]) for d in site.diagnostics()}
    assert found == {("members/ada.yml", "unknown-field"), ("members/bob.yml", "unknown-field")}


class _Requests(HTMLParser):
    """Every URL a page would fetch by itself (not links a visitor may follow)."""

    FETCHING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch",
                     "icon", "modulepreload", "manifest", "apple-touch-icon"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in ("script", "img", "iframe", "video", "audio", "source", "track", "embed"):
            self.urls += [values.get("src", ""), *values.get("srcset", "").split(",")]
        if tag == "link" and set(values.get("rel", "").lower().split()) & self.FETCHING_RELS:
            self.urls.append(values.get("href", ""))
        if tag == "object":
            self.urls.append(values.get("data", ""))
        self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", values.get("style", ""))


def external_requests(html: str) -> list[str]:
    parser = _Requests()
    parser.feed(html)
    return [u.strip() for u in parser.urls
            if re.match(r"\s*(?:[a-z][a-z0-9+.-]*:|//)", u.strip(), re.I)
            and not u.strip().startswith("data:")]


def test_pages_request_nothing_from_other_hosts(private_site):
    problems = []
    for path, content in private_site.all_output().items():
        text = content.decode("utf-8", errors="replace")
        if path.endswith(".html"):
            problems += [f"{path}: {u}" for u in external_requests(text)]
        elif path.endswith(".css"):
            problems += [f"{path}: {u}" for u in re.findall(
                r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", text)]
    assert problems == []
