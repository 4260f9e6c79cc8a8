"""Hostile input: every text field of every record kind, and every trick a file can play.

Each hostile value either builds safely (the produced HTML has no active content, no
resource from another host, and the text is escaped or sanitised) or fails validation
with a diagnostic located in the file that holds it. Nothing raises.

The core runs directly (load, generate, render every page and file) for speed; a few
real ``mkdocs build`` runs check the whole pipeline, theme included.

A record kind is covered by adding its entry to ``RECORDS``; its text fields are found
in its model, so a new field is covered without touching this file.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import os
import re
import types
import typing
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import icalendar
import jinja2
import pytest
import yaml
from pydantic import BaseModel

from conftest import FIXED_NOW, SiteFactory, active_content
from mkdocs_community.core.community import load_community
from mkdocs_community.core.kinds import KINDS, Kind
from mkdocs_community.core.records import common
from mkdocs_community.core.safety import plain_text
from mkdocs_community.core.settings import Settings
from mkdocs_community.outputs.render import Renderer, make_environment
from mkdocs_community.sections.site import generate

NOW = dt.datetime.fromisoformat(FIXED_NOW)


@dataclass(frozen=True)
class Sample:
    """A valid record of one kind: its id and fields (and Markdown body)."""

    record_id: str
    data: dict[str, Any]
    body: str = ""


# One valid record per kind, naming the base members 'ada' and 'grace'. A new kind is
# covered by one entry here.
RECORDS: dict[str, Sample] = {
    # No 'github': each hostile copy has its own file name, which is its owner's login.
    "member": Sample("pat", {"name": "Pat Doe", "joined": "2025-01",
                             "role": "Analyst", "bio": "Hello.",
                             "location": {"city": "Leeds", "country": "GB"},
                             "mentoring": {"offers": ["python"], "note": "Ask me."}}),
    "event": Sample("2026-12-10-meetup", {
        "title": "Winter meetup", "start": "2026-12-10 18:00", "duration": "2h",
        "format": "hybrid", "summary": "We meet.", "hosts": ["ada"],
        "speakers": [{"name": "Guest Speaker", "affiliation": "Uni"}],
        "location": {"venue": "Hall", "address": "1 Road", "city": "Leeds", "country": "GB",
                     "notes": "Door B", "online_url": "https://meet.example.org/x"},
        "topics": ["python"], "status": "postponed", "status_note": "New date soon"},
        "Come along.\n"),
    "resource": Sample("sql-guide", {"title": "SQL guide", "summary": "A guide.",
                                     "type": "guide", "contributed_by": "ada",
                                     "added": "2026-01-02", "author": "Someone"},
                       "Step one.\n"),
    "spotlight": Sample("2026-11-01-talk", {"title": "A talk", "members": ["ada"],
                                            "kind": "talk", "summary": "Ada spoke."},
                        "Well done.\n"),
    "group": Sample("sql-circle", {"name": "SQL circle", "summary": "We learn SQL.",
                                   "kind": "study-group", "status": "open",
                                   "facilitators": ["ada"], "members": ["grace"],
                                   "meets": "Tuesdays", "join": "Write to Ada."}, "Join us.\n"),
    "goal": Sample("first-contribution", {"title": "First contribution",
                                          "summary": "Everyone contributes.",
                                          "measures": ["One PR each"]}, "Why.\n"),
}
KIND_NAMES = [k.name for k in KINDS]

SCRIPT_MARK = "alert(1)"
PAYLOADS: dict[str, str] = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "attr-breakout": "\" onmouseover=\"alert(1)\" x=\"",
    "single-breakout": "'><script>alert(1)</script>",
    "js-url": "javascript:alert(1)",
    "data-url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "svg-onload": "<svg onload=alert(1)>",
    "mxss": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "comment": "<!--<script>alert(1)//-->",
    "comment-close": "--><script>alert(1)</script><!--",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "md-js-link": "[click](javascript:alert(1))",
    "md-js-link-case": "[click]( JaVaScRiPt:alert(1) )",
    "md-entity-link": "[click](&#106;avascript:alert(1))",
    "md-ref-link": "[click][r]\n\n[r]: javascript:alert(1)",
    "md-autolink": "<javascript:alert(1)>",
    "md-image": "![x](https://tracker.example.com/pixel.png)",
    "md-image-onerror": "![x\" onerror=\"alert(1)](x.png)",
    "md-data-link": "[x](data:text/html,<script>alert(1)</script>)",
    "md-attr-list": "text\n{: onclick=\"alert(1)\" }",
    "raw-anchor": "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "iframe": "<iframe src=\"https://evil.example.com\"></iframe>",
    "style": "<style>@import 'https://evil.example.com/x.css';</style>",
    "base": "<base href=\"https://evil.example.com/\">",
    "meta-refresh": "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example.com\">",
    "form": "<form action=\"https://evil.example.com\"><input name=q></form>",
    "jinja-expr": "{{ 'evaluated-marker' | upper }}",
    "jinja-stmt": "{% for x in range(3) %}pwn{% endfor %}",
    "jinja-config": "{{ config.__class__.__init__.__globals__ }}",
    "bidi": "Ada\u202eevil\u202c",
    "zero-width": "Ad\u200ba",
    "zwj-emoji": "Ada \U0001F469\u200D\U0001F4BB",
    "long": "x" * 30_000,
    "long-words": "word " * 4_000,
    "nul": "a\x00b",
    "control": "a\x1bb",
    "newlines": "line one\nline two\n\n# Heading\n",
    "unicode": "Zoë Ñandú 山田 محمد",
    "percent-workflow": "%0A::error::injected",
    # Invisible characters that make two names that look the same differ.
    "invisible-separator": "Ada\u2063Lovelace",
    "hangul-filler": "\u3164",
    "soft-hyphen": "Ada\u00adLovelace",
    "tag-characters": "Ada\U000e0041\U000e0042",
    "lrm": "\u200eAda",
    "letter-variation-selector": "A\ufe0fda",
}
# Refused in every single-line text field (names, titles, short texts).
INVISIBLE = {"invisible-separator", "hangul-filler", "soft-hyphen", "tag-characters", "lrm",
             "letter-variation-selector"}


# -- finding the text fields of a model ---------------------------------------------


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation, metadata = args[0], [*metadata, *args[1:]]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation, metadata
            annotation = options[0]
        else:
            return annotation, metadata


TEXT = (common._line, common._multiline)


def _is_a(metadata: list[Any], checks: tuple) -> bool:
    return any(getattr(m, "func", None) in checks for m in metadata)


def text_fields(model: type[BaseModel], prefix: tuple = (), checks: tuple = TEXT
                ) -> list[tuple]:
    """Paths of every field checked by one of ``checks`` (by default: free text, single
    line or Markdown), lists and parts included."""
    found: list[tuple] = []
    for name, info in model.model_fields.items():
        if name in ("id", "source", "body"):
            continue
        annotation, metadata = _unwrap(info.annotation)
        metadata = [*metadata, *info.metadata]
        if _is_a(metadata, checks):
            found.append((*prefix, name))
        elif typing.get_origin(annotation) is list:
            item, item_meta = _unwrap(typing.get_args(annotation)[0])
            if _is_a(item_meta, checks):
                found.append((*prefix, name, 0))
            elif isinstance(item, type) and issubclass(item, BaseModel):
                found.extend(text_fields(item, (*prefix, name, 0), checks))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found.extend(text_fields(annotation, (*prefix, name), checks))
    return found


def with_value(data: Any, path: tuple, value: str) -> Any:
    """A copy of ``data`` with ``value`` at ``path`` (creating mappings and lists)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = list(data) if isinstance(data, list) else []
        base = items[0] if items and isinstance(items[0], dict) else {}
        if rest and not base:
            base = {"name": "Guest"} if rest[0] != "name" else {}
        return [with_value(base, rest, value)]
    copy = dict(data) if isinstance(data, dict) else {}
    copy[head] = with_value(copy.get(head), rest, value)
    return copy


# -- writing and building -------------------------------------------------------------


def kind_of(name: str) -> Kind:
    return next(k for k in KINDS if k.name == name)


def record_path(site: SiteFactory, kind: Kind, record_id: str, suffix: str = "") -> str:
    settings = Settings(root=site.root)
    return f"{kind.folder(settings)}/{record_id}{suffix or kind.suffixes[0]}"


def record_text(kind: Kind, data: dict, body: str) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{text}---\n{body}" if kind.has_body else text


def base_site(site: SiteFactory) -> SiteFactory:
    site.member("ada", name="Ada Lovelace", github="ada", skills=["python"])
    site.member("grace", name="Grace Hopper", github="grace")
    site._write_config()
    return site


def settings_for(site: SiteFactory) -> Settings:
    return Settings(root=site.root, name="Test Community", timezone="Europe/London",
                    site_url="https://example.org/test/", maintainers=("maint",),
                    repo_url="https://github.com/example/test",
                    edit_base="https://github.com/example/test/edit/main")


@functools.cache
def _environment() -> jinja2.Environment:
    """One template environment for every render here, so each template is compiled once
    (a Renderer gives it its own build's topic labels)."""
    return make_environment()


def render_everything(site: SiteFactory):
    """Load, generate and render every page and file; (diagnostics, {path: text})."""
    community, diagnostics = load_community(settings_for(site))
    if community is None:
        return diagnostics, None
    built = generate(community, NOW)
    renderer = Renderer(_environment(), built.build)
    outputs = {spec.url + "index.html": renderer.render(spec) for spec in built.pages}
    for asset in built.assets:
        outputs[asset.path] = asset.content.decode("utf-8")
    return diagnostics, outputs


class _Tags(HTMLParser):
    """Every element and attribute that could run code or load from another host."""

    FORBIDDEN = {"script", "style", "iframe", "object", "embed", "base", "meta", "link",
                 "math", "frame", "frameset", "applet", "portal"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("type") == "application/ld+json":
            return
        if tag in self.FORBIDDEN:
            self.problems.append(f"<{tag}>")
        if tag == "form" and not (values.get("class") or "").startswith("cm-"):
            self.problems.append("<form>")
        for name, value in attrs:
            value = value or ""
            if name in ("src", "srcset", "poster", "data", "background") and \
                    re.match(r"\s*(?:[a-z][a-z0-9+.-]*:|//)", value, re.I):
                self.problems.append(f"<{tag} {name}={value!r}> (another host)")
            if name == "style" and re.search(r"url\(|expression|@import", value, re.I):
                self.problems.append(f"<{tag} style={value!r}>")


_JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def scripted(html: str) -> list[str]:
    """Active content in a whole page (theme included); JSON-LD blocks must hold no '<'."""
    problems = [f"'<' inside JSON-LD: {m[:60]!r}" for m in _JSON_LD.findall(html) if "<" in m]
    return problems + active_content(_JSON_LD.sub("", html))


def unsafe(html: str) -> list[str]:
    """Active content, and anything loaded from another host, in a page body."""
    problems = [f"'<' inside JSON-LD: {m[:60]!r}" for m in _JSON_LD.findall(html) if "<" in m]
    html = _JSON_LD.sub("", html)  # data, not script: checked just above
    parser = _Tags()
    parser.feed(html)
    return problems + active_content(html) + parser.problems


def check_outputs(outputs: dict[str, str]) -> None:
    for path, text in outputs.items():
        assert "EVALUATED-MARKER" not in text, f"{path}: template syntax was evaluated"
        assert "pwnpwnpwn" not in text, f"{path}: template statement was run"
        if path.endswith(".html"):
            assert unsafe(text) == [], path
        elif path.endswith(".xml"):
            ET.fromstring(text)  # well-formed: hostile text was escaped as data
        elif path.endswith(".json"):
            json.loads(text)
        elif path.endswith(".ics"):
            icalendar.Calendar.from_ical(text)


# -- every text field of every kind ---------------------------------------------------


def field_cases(kind_name: str) -> list[tuple]:
    return text_fields(kind_of(kind_name).model)


@pytest.mark.parametrize("kind_name", [k for k in KIND_NAMES if k in RECORDS])
def test_hostile_text_in_every_field(site, kind_name):
    base_site(site)
    kind = kind_of(kind_name)
    sample = RECORDS[kind_name]
    fields = field_cases(kind_name)
    assert fields, f"no text fields found in {kind.model.__name__}"
    written: dict[str, tuple[str, tuple]] = {}
    for p, (payload_name, payload) in enumerate(PAYLOADS.items()):
        # First the payload in every text field of one record, and as the body.
        file = record_path(site, kind, f"{sample.record_id}-h{p}-all")
        data = sample.data
        for field in fields:
            data = with_value(data, field, payload)
        site.write(file, record_text(kind, data, sample.body))
        written[file] = (payload_name, ("*",))
        if kind.has_body:
            file = record_path(site, kind, f"{sample.record_id}-h{p}-body")
            site.write(file, record_text(kind, sample.data, payload + "\n"))
            written[file] = (payload_name, ("body",))
    # Where a field refused it, every field gets a record of its own, so that each field
    # that accepts the payload is shown to render it safely.
    _, diagnostics = load_community(settings_for(site))
    for refused in {d.path for d in diagnostics.errors if d.path.endswith(tuple(
            f"-all{s}" for s in kind.suffixes))}:
        payload_name, _ = written.pop(refused)
        (site.root / refused).unlink()
        p = list(PAYLOADS).index(payload_name)
        for i, field in enumerate(fields):
            file = record_path(site, kind, f"{sample.record_id}-h{p}-{i}")
            site.write(file, record_text(kind, with_value(sample.data, field,
                                                          PAYLOADS[payload_name]), sample.body))
            written[file] = (payload_name, field)
    _check_round(site, written, text_fields(kind.model, checks=(common._line,)))


def _check_round(site: SiteFactory, written: dict[str, tuple[str, tuple]],
                 line_fields: list[tuple]) -> None:
    _, diagnostics = load_community(settings_for(site))
    refused = set()
    for d in diagnostics.errors:
        assert d.path in written, f"error outside the hostile files: {d.format_text()}"
        assert d.line >= 1, f"error without a line: {d.format_text()}"
        refused.add(d.path)
    # Take out the refused records; everything else must build and be inert.
    for file in refused:
        (site.root / file).unlink()
    diagnostics_after, outputs = render_everything(site)
    assert outputs is not None, [d.format_text() for d in diagnostics_after.errors]
    check_outputs(outputs)
    everything = "\n".join(outputs.values())
    for file, (payload_name, field) in written.items():
        if file in refused:
            continue
        if payload_name in ("bidi", "zero-width", "nul", "control") and field != ("body",):
            pytest.fail(f"{file}: {payload_name} in {field} was accepted")
        if payload_name in INVISIBLE and (field == ("*",) or field in line_fields):
            pytest.fail(f"{file}: {payload_name} in the single-line field {field} was accepted")
        if payload_name == "jinja-expr" and field[-1] in ("name", "title"):
            assert PAYLOADS["jinja-expr"] in html.unescape(everything)  # literal text


def test_text_fields_are_found_for_every_kind():
    for kind in KINDS:
        assert kind.name in RECORDS, f"add a sample '{kind.name}' record to RECORDS"
        assert text_fields(kind.model), kind.name
    assert ("name",) in text_fields(kind_of("member").model)
    assert ("location", "city") in text_fields(kind_of("member").model)


def test_deceptive_names_are_refused_with_a_location(site):
    base_site(site)
    site.member("bidi", name="Ada\u202eecnalevoL")
    site.member("zw", name="Ad\u200ba")
    site.member("emoji", name="Ada \U0001F469\u200D\U0001F4BB")  # ZWJ in emoji is fine
    _, diagnostics = load_community(settings_for(site))
    found = {(d.path, d.line, d.code) for d in diagnostics.errors}
    assert found == {("members/bidi.yml", 1, "deceptive-text"),
                     ("members/zw.yml", 1, "deceptive-text")}


@pytest.mark.parametrize("kind_name", sorted(k.name for k in KINDS if k.has_body))
def test_hidden_characters_in_a_body_are_refused_with_a_location(site, kind_name):
    """The Markdown after the front matter gets the checks the fields get ("Trojan
    Source" reordering, zero-width spaces, control characters), at its line."""
    base_site(site)
    kind = next(k for k in KINDS if k.name == kind_name)
    sample = RECORDS[kind_name]
    front = record_text(kind, sample.data, "")
    first = front.count("\n") + 1  # the body's first line
    body = ("Fine text.\n\nSafe \U0001F469\u200D\U0001F4BB emoji.\n"
            "Sneaky ab\u202ecd here.\nA bell\x07.\n")
    site.write(record_path(site, kind, sample.record_id), front + body)
    _, diagnostics = load_community(settings_for(site))
    found = {(d.path, d.line, d.col, d.code) for d in diagnostics.errors}
    path = record_path(site, kind, sample.record_id)
    assert found == {(path, first + 3, 10, "deceptive-text"),
                     (path, first + 4, 7, "control-character")}


# What some writing systems need, and must keep working: ZWNJ between Persian letters,
# ZWJ in an Indic conjunct, emoji sequences, a flag tag sequence, a Japanese family name
# written with an ideographic variation sequence.
SCRIPTS_NEED = {
    "persian": "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    "hindi": "\u0915\u094d\u200d\u0937\u093e",
    "emoji": "Ada \U0001F469\U0001F3FD\u200D\U0001F4BB \u2764\ufe0f",
    "scotland": "Ada \U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
    "japanese": "\u845b\U000E0100\u57ce \u771f\u7406",
}


def test_names_keep_what_scripts_need_and_lose_what_hides(site):
    base_site(site)
    for label, name in SCRIPTS_NEED.items():
        site.member(f"needs-{label}", name=name)
    hidden = [p for p in PAYLOADS if p in INVISIBLE]
    for i, payload in enumerate(hidden):
        site.member(f"hides-{i}", name=PAYLOADS[payload])
    _, diagnostics = load_community(settings_for(site))
    refused = {(d.path, d.line, d.code) for d in diagnostics.errors}
    assert refused == {(f"members/hides-{i}.yml", 1, "deceptive-text")
                       for i in range(len(hidden))}
    assert all("U+" in d.message for d in diagnostics.errors)  # the character is named


HOSTILE_URLS = {
    "quote": 'https://example.org/"onmouseover="alert(1)',
    "angle": "https://example.org/<script>alert(1)</script>",
    "space": "https://example.org/a b",
    "backslash": "https://example.org\\@evil.example.com/",
    "control": "https://example.org/\x01x",
    "userinfo": "https://example.org@evil.example.com/",
    "lookalike-host": "https://ex\u0430mple.org/",
    "js": "javascript:alert(1)",
    "brace": "https://example.org/{{7*7}}",
}


def url_fields(kind: Kind) -> list[tuple]:
    """Every field that stores a URL: https links, and a group's join link."""
    found = text_fields(kind.model, checks=(common._https_url,))
    return found + ([("join",)] if kind.name == "group" else [])


@pytest.mark.parametrize("kind_name", [k for k in KIND_NAMES if url_fields(kind_of(k))])
def test_every_stored_url_is_rfc_3986(site, kind_name):
    """Attack: URLs with quotes and angle brackets reached /api/*.json and the feeds, and
    a group's join link was not checked at all."""
    base_site(site)
    kind, sample = kind_of(kind_name), RECORDS[kind_name]
    written = {}
    for f, field in enumerate(url_fields(kind)):
        for u, url in enumerate(HOSTILE_URLS.values()):
            file = record_path(site, kind, f"{sample.record_id}-u{f}-{u}")
            site.write(file, record_text(kind, with_value(sample.data, field, url),
                                         sample.body))
            written[file] = field
    _, diagnostics = load_community(settings_for(site))
    refused = {d.path for d in diagnostics.errors if d.line >= 1}
    assert set(written) - refused == set(), "accepted: " + ", ".join(
        f"{written[f]}" for f in set(written) - refused)


def test_plain_text_decodes_entities_once():
    assert plain_text("Use &amp;lt;b&amp;gt; for bold") == "Use &lt;b&gt; for bold"
    assert plain_text("AT&amp;T **loves** x &lt; y") == "AT&T loves x < y"


def test_member_text_is_escaped_not_dropped(site):
    base_site(site)
    site.member("mallory", name="<b>Mal</b> {{ 7*191 }}", role="<script>alert(1)</script>",
                bio="<img src=x onerror=alert(1)> **bold** [x](javascript:alert(1))")
    _, outputs = render_everything(site)
    page = outputs["members/mallory/index.html"]
    assert "&lt;b&gt;Mal&lt;/b&gt; {{ 7*191 }}" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<strong>bold</strong>" in page and "javascript:" not in page
    assert unsafe(page) == []


def test_topic_vocabulary_text_is_escaped(site):
    base_site(site)
    site.topics["evil"] = {"label": "<img src=x onerror=alert(1)>{{ 7*191 }}",
                           "description": "<script>alert(1)</script>",
                           "aliases": ["<svg onload=alert(1)>"]}
    site.member("pat", skills=["evil"], interests=["<svg onload=alert(1)>"])
    site._write_config()
    _, outputs = render_everything(site)
    assert outputs is not None
    check_outputs(outputs)
    assert "&lt;img src=x onerror=alert(1)&gt;" in outputs["members/pat/index.html"]


# -- tricks at the level of the file --------------------------------------------------


def _yaml_of(kind: Kind, sample: Sample) -> str:
    return yaml.safe_dump(sample.data, allow_unicode=True, sort_keys=False)


def _insert(raw: bytes, line: bytes, kind: Kind) -> bytes:
    at = raw.index(b"\n") + 1 if kind.has_body else 0
    return raw[:at] + line + raw[at:]


def file_tricks(kind: Kind, sample: Sample) -> dict[str, tuple[bytes, set[str] | None]]:
    """suffix -> (file bytes, error codes expected; None means it must load cleanly)."""
    fields = _yaml_of(kind, sample)

    def wrap(text: str) -> str:
        return f"---\n{text}---\n{sample.body}" if kind.has_body else text

    laughs = ('a1: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
              "a2: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\na3: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n")
    deep_map = "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v: 1\n"
    return {
        "bom": (("\ufeff" + wrap(fields)).encode(), None),
        "crlf": (wrap(fields).replace("\n", "\r\n").encode(), None),
        "bad-utf8": (_insert(wrap(fields).encode(), b"x: caf\xe9\n", kind), {"encoding"}),
        "dupkey": (wrap(fields + fields.splitlines()[0] + "\n").encode(), {"duplicate-key"}),
        "pytag": (wrap(fields + 'x: !!python/object/apply:os.system ["echo pwned"]\n')
                  .encode(), {"yaml-tag"}),
        "pyname": (wrap(fields + "x: !!python/name:os.system\n").encode(), {"yaml-tag"}),
        "custom-tag": (wrap(fields + "x: !include /etc/passwd\n").encode(), {"yaml-tag"}),
        "laughs": (wrap(laughs + fields).encode(), {"yaml-alias"}),
        "merge": (wrap("base: &b {x: 1}\n" + fields + "<<: *b\n").encode(),
                  {"yaml-alias", "yaml-key"}),
        "deep-flow": (wrap(fields + "x: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
                      {"yaml-syntax", "yaml-too-deep"}),
        "deep-map": (wrap(fields + deep_map).encode(), {"yaml-too-deep"}),
        "nul": (wrap(fields + "x: a\x00b\n").encode(), {"yaml-syntax"}),
        "two-docs": (wrap(fields + "---\n" + fields).encode() if not kind.has_body else
                     ("---\n" + fields).encode(), {"yaml-syntax", "front-matter"}),
        "a-list": (wrap("- a\n- b\n").encode(), {"not-a-mapping"}),
        "huge": (wrap(fields + "x: '" + "y" * 300_000 + "'\n").encode(), {"file-too-large"}),
    }


def test_file_level_tricks_in_every_kind(site, tmp_path):
    base_site(site)
    outside = tmp_path / "outside-secret.yml"
    outside.write_text("name: Secret\njoined: 2025-01\n")
    expected: dict[str, set[str] | None] = {}
    for kind in KINDS:
        sample = RECORDS[kind.name]
        if kind.name == "member":
            expected["members/ada.yml"] = None  # the base members load too
        for trick, (content, codes) in file_tricks(kind, sample).items():
            file = record_path(site, kind, f"{sample.record_id}-{trick}")
            site.write(file, content)
            expected[file] = codes
        folder = site.root / record_path(site, kind, "x").rsplit("/", 1)[0]
        link = folder / f"{sample.record_id}-link{kind.suffixes[0]}"
        os.symlink(outside, link)
        expected[link.relative_to(site.root).as_posix()] = {"path-outside"}
        loop = folder / f"{sample.record_id}-loop{kind.suffixes[0]}"
        os.symlink(loop.name, loop)
        expected[loop.relative_to(site.root).as_posix()] = {"unreadable", "path-outside"}
        for odd in (f"{sample.record_id} copy{kind.suffixes[0]}",
                    f"{sample.record_id}..x{kind.suffixes[0]}",
                    f"{sample.record_id}.{kind.suffixes[0].lstrip('.')}.exe"):
            (folder / odd).write_text("x")
            expected[(folder / odd).relative_to(site.root).as_posix()] = \
                {"bad-id", "not-a-record"}
    _, diagnostics = load_community(settings_for(site))
    by_path: dict[str, set[str]] = {}
    for d in diagnostics.errors:
        by_path.setdefault(d.path, set()).add(d.code)
        if d.code not in ("path-outside", "unreadable", "bad-id", "not-a-record",
                          "file-too-large", "duplicate-id"):
            assert d.line >= 1, d.format_text()
    for file, codes in expected.items():
        if codes is None:
            assert file not in by_path, f"{file} should load: {by_path.get(file)}"
        else:
            assert by_path.get(file, set()) & codes, f"{file}: {by_path.get(file)} not {codes}"
    # The CLI and a real build report the same, without a traceback and without a site
    # (both run in this process: an exception would fail the test).
    result = site.validate("--format", "json")
    assert result.returncode == 1
    assert {d["path"] for d in json.loads(result.stdout)} >= {f for f, c in expected.items()
                                                               if c}
    build = site.build(check=False)
    assert build.returncode != 0 and "nothing was built" in build.output
    assert not (site.root / "site").exists()
    assert "Secret" not in result.stdout  # the linked file outside was never read


def test_avatar_tricks_are_refused(site, tmp_path):
    base_site(site)
    site.write("members/avatars/evil.png", '<svg xmlns="http://www.w3.org/2000/svg">'
               '<script>alert(1)</script></svg>')
    site.member("svg-in-png", avatar="evil.png")
    site.member("svg", avatar="evil.svg")
    (tmp_path / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    os.symlink(tmp_path / "x.png", site.root / "members/avatars/out.png")
    site.member("linked", avatar="out.png")
    os.symlink("loop.png", site.root / "members/avatars/loop.png")
    site.member("looped", avatar="loop.png")
    site.member("dotdot", avatar="../ada.yml")
    _, diagnostics = load_community(settings_for(site))
    found = {(d.path, d.code) for d in diagnostics.errors}
    assert found == {("members/svg-in-png.yml", "avatar-content"),
                     ("members/svg.yml", "avatar-type"),
                     ("members/linked.yml", "avatar-path"),
                     ("members/looped.yml", "avatar-path"),
                     ("members/dotdot.yml", "avatar-path")}


def test_spotlight_image_tricks_are_refused(site, tmp_path):
    assert "spotlight" in KIND_NAMES
    base_site(site)
    kind, sample = kind_of("spotlight"), RECORDS["spotlight"]
    (tmp_path / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    images = site.root / "content/images"
    images.mkdir(parents=True)
    os.symlink(tmp_path / "x.png", images / "out.png")
    os.symlink("loop.png", images / "loop.png")
    cases = {"out": "images/out.png", "loop": "images/loop.png", "up": "../x.png",
             "svg": "images/x.svg", "remote": "https://tracker.example.com/x.png"}
    for name, image in cases.items():
        site.write(record_path(site, kind, f"{sample.record_id}-{name}"),
                   record_text(kind, {**sample.data, "image": image, "image_alt": "x"}, ""))
    _, diagnostics = load_community(settings_for(site))
    found = {d.path for d in diagnostics.errors if d.line >= 1}
    assert found == {record_path(site, kind, f"{sample.record_id}-{n}") for n in cases}


def test_real_build_with_hostile_but_valid_records(site):
    """The theme around our pages: titles, descriptions, search index, previews."""
    base_site(site)
    evil = ("<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
            "{{ 'evaluated-marker' | upper }}")
    site.member("mallory", name=evil[:100], role=evil, organisation=evil,
                bio=evil + "\n\n[x](javascript:alert(1)) ![t](https://tracker.example.com/p.png)",
                location={"city": evil[:80]}, mentoring={"offers": ["python"], "note": evil})
    for kind in KINDS:
        if kind.name == "member":
            continue
        sample = RECORDS[kind.name]
        data = dict(sample.data)
        for field in text_fields(kind.model):
            if len(field) == 1 and isinstance(data.get(field[0]), str):
                data = with_value(data, field, evil[:100])
        site.write(record_path(site, kind, sample.record_id),
                   record_text(kind, data, evil + "\n"))
    site.build()
    outputs = site.all_output()
    seen_evil = 0
    for path, content in outputs.items():
        text = content.decode("utf-8", errors="replace")
        assert "EVALUATED-MARKER" not in text, path
        if path.endswith(".html"):
            assert scripted(text) == [], path
            seen_evil += "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        elif path.endswith(".xml"):
            ET.fromstring(content)
        elif path.endswith(".json"):
            json.loads(content)
    assert seen_evil >= len(KINDS)  # the text is there, escaped, on every kind's page
    index = site.site_file("search/search_index.json").read_text()
    assert "<script>alert(1)</script>" not in index
