"""Feed and data writers: Atom 1.0, JSON Feed 1.1 and the JSON data API.

Framework-free and deterministic: the same :class:`Feed` always serialises to the
same bytes, so two builds of the same data publish identical files. A section
describes its feed once and gets both formats::

    feed = Feed(
        id=absolute_url(settings.site_url, "spotlights/"),
        title="Open Pathways: spotlights",
        home_url=absolute_url(settings.site_url, "spotlights/"),
        updated=build.now,
        entries=[FeedEntry(id=..., title=..., url=..., updated=..., ...)],
    )
    yield from feed_assets(feed, "spotlights/feed", title="Spotlights")
    # -> Asset("spotlights/feed.json", ...), Asset("spotlights/feed.xml", ...)

Or call :func:`atom` / :func:`json_feed` directly for the bytes. The XML is built
with :mod:`xml.etree.ElementTree`, never by string formatting, so a hostile title
(``</title><script>``) is escaped as data. Dates are RFC 3339 with a zone; naive
datetimes are refused rather than guessed.

Identifiers: an entry's ``id`` must never change once published, or every reader
shows it again as new. Use the page's absolute URL (:func:`absolute_url`, stable as
long as the site does not move) or :func:`stable_id`, which gives the absolute URL
when the site URL is known and a name-based ``urn:uuid:`` otherwise.

Links are absolute when ``settings.site_url`` is set. Without it, :func:`link_from`
gives links relative to the feed file, which RFC 4287 resolves against the feed's
own address (feed readers do).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import orjson

from mkdocs_community.core.build import Asset, Build
from mkdocs_community.core.kept import Identical
from mkdocs_community.core.urls import absolute_url, link_from

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"
JSON_FEED_TYPE = "application/feed+json"
JSON_TYPE = "application/json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Person:
    """An author or contributor: a name and, optionally, their page (absolute URL)."""

    name: str
    url: str = ""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed.

    ``summary`` is plain text; ``content_html`` is HTML that has already been
    sanitised (e.g. by ``safety.render_markdown``). ``updated`` and ``published``
    must be aware datetimes.
    """

    id: str
    title: str
    updated: dt.datetime
    url: str = ""
    published: dt.datetime | None = None
    summary: str = ""
    content_html: str = ""
    authors: tuple[Person, ...] = ()
    categories: tuple[str, ...] = ()
    image: str = ""  # absolute (or feed-relative) URL of an image
    image_alt: str = ""
    external_url: str = ""  # for link posts: the thing the entry is about


@dataclass(frozen=True)
class Feed:
    """A feed: its identity, where it belongs, and its entries (newest first)."""

    id: str
    title: str
    updated: dt.datetime
    home_url: str = ""  # the HTML page the feed mirrors
    subtitle: str = ""
    authors: tuple[Person, ...] = ()
    entries: Sequence[FeedEntry] = field(default_factory=tuple)
    language: str = "en"
    icon: str = ""
    generator: str = "mkdocs-community"


@dataclass(frozen=True)
class FeedLink:
    """What a page head needs to advertise a feed: ``<link rel="alternate">``."""

    path: str  # site-relative, e.g. "spotlights/feed.xml"
    title: str
    media_type: str


# -- dates, ids and URLs -----------------------------------------------------------


def rfc3339(value: dt.datetime | dt.date) -> str:
    """``2026-03-14T18:30:00+01:00`` (``Z`` for UTC). A date alone is midnight UTC."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"feed dates need a time zone, got naive {value.isoformat()}")
    text = value.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def date_at(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """Midnight at the start of ``day`` in ``zone``: how a record's date becomes a time."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=zone)






def stable_id(site_url: str, path: str, namespace: str = "") -> str:
    """A permanent id for the thing at site-relative ``path``.

    The page's absolute URL when the site URL is known; otherwise a ``urn:uuid:``
    derived from ``namespace`` (e.g. the community's name) and the path, which is the
    same in every build.
    """
    if site_url:
        return absolute_url(site_url, path)
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{namespace}/{path.lstrip('/')}"))


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", value)


# -- Atom ------------------------------------------------------------------------


def atom(feed: Feed, self_url: str = "") -> bytes:
    """The feed as an Atom 1.0 document (RFC 4287), UTF-8, with an XML declaration."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}",
                                {k: _xml_text(v) for k, v in attrs.items()})
        if text is not None:
            element.text = _xml_text(text)
        return element

    def people(parent: ET.Element, tag: str, persons: Iterable[Person]) -> None:
        for person in persons:
            element = sub(parent, tag)
            sub(element, "name", person.name)
            if person.url:
                sub(element, "uri", person.url)

    root = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": feed.language} if feed.language else {})
    sub(root, "id", feed.id)
    sub(root, "title", feed.title, type="text")
    if feed.subtitle:
        sub(root, "subtitle", feed.subtitle, type="text")
    sub(root, "updated", rfc3339(feed.updated))
    if feed.home_url:
        sub(root, "link", rel="alternate", type="text/html", href=feed.home_url)
    if self_url:
        sub(root, "link", rel="self", type=ATOM_TYPE, href=self_url)
    people(root, "author", feed.authors)
    if feed.icon:
        sub(root, "icon", feed.icon)
    sub(root, "generator", feed.generator)
    for entry in feed.entries:
        item = sub(root, "entry")
        sub(item, "id", entry.id)
        sub(item, "title", entry.title, type="text")
        sub(item, "updated", rfc3339(entry.updated))
        if entry.published:
            sub(item, "published", rfc3339(entry.published))
        if entry.url:
            sub(item, "link", rel="alternate", type="text/html", href=entry.url)
        if entry.external_url and entry.external_url != entry.url:
            sub(item, "link", rel="related", href=entry.external_url)
        if entry.image:
            sub(item, "link", rel="enclosure", href=entry.image, type=_image_type(entry.image),
                title=entry.image_alt)
        # RFC 4287: an entry without an author inherits the feed's; without either,
        # the feed is invalid, so fall back to the feed's title as the author.
        people(item, "author", entry.authors or (() if feed.authors else
                                                 (Person(feed.title),)))
        for category in entry.categories:
            sub(item, "category", term=category)
        if entry.summary:
            sub(item, "summary", entry.summary, type="text")
        if entry.content_html:
            sub(item, "content", entry.content_html, type="html")
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _image_type(url: str) -> str:
    suffix = url.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
            "webp": "image/webp", "gif": "image/gif", "avif": "image/avif"}.get(
        suffix, "application/octet-stream")


# -- JSON Feed ---------------------------------------------------------------------


def json_feed(feed: Feed, self_url: str = "") -> bytes:
    """The feed as JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    document: dict[str, Any] = {"version": JSON_FEED_VERSION, "title": feed.title}
    if feed.home_url:
        document["home_page_url"] = feed.home_url
    if self_url:
        document["feed_url"] = self_url
    if feed.subtitle:
        document["description"] = feed.subtitle
    if feed.icon:
        document["icon"] = feed.icon
    if feed.language:
        document["language"] = feed.language
    if feed.authors:
        document["authors"] = [_person(p) for p in feed.authors]
    items = []
    for entry in feed.entries:
        item: dict[str, Any] = {"id": entry.id}
        if entry.url:
            item["url"] = entry.url
        if entry.external_url and entry.external_url != entry.url:
            item["external_url"] = entry.external_url
        item["title"] = entry.title
        # JSON Feed needs content_html or content_text on every item.
        if entry.content_html:
            item["content_html"] = entry.content_html
        else:
            item["content_text"] = entry.summary or entry.title
        if entry.summary:
            item["summary"] = entry.summary
        if entry.image:
            item["image"] = entry.image
        item["date_published"] = rfc3339(entry.published or entry.updated)
        item["date_modified"] = rfc3339(entry.updated)
        if entry.authors:
            item["authors"] = [_person(p) for p in entry.authors]
        if entry.categories:
            item["tags"] = list(entry.categories)
        items.append(item)
    document["items"] = items
    return dumps(document)


def _person(person: Person) -> dict[str, str]:
    return {"name": person.name, **({"url": person.url} if person.url else {})}


# -- JSON data ---------------------------------------------------------------------


def dumps(data: Any) -> bytes:
    """Deterministic, readable UTF-8 JSON (dates as ISO 8601) for API files.

    The bytes ``json.dumps(data, ensure_ascii=False, indent=2)`` gives, and a newline,
    but for the exponent of very small floats (``1e-7``, not ``1e-07``: the same number);
    orjson writes them ten times faster (the standard library's indented output is pure
    Python, and the member API of a large community is 10 MB).
    """
    return orjson.dumps(data, default=_json_default, option=_JSON_OPTIONS)


# Dates go through _json_default (RFC 3339 as the feeds write them), not orjson's format.
_JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_DATETIME


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return rfc3339(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def api_document(kind: str, items: list[dict[str, Any]], *, community: str,
                 generated: dt.datetime, site_url: str = "") -> bytes:
    """An ``/api/<kind>.json`` file: a small envelope around the list of records."""
    envelope: dict[str, Any] = {
        "version": 1,
        "kind": kind,
        "community": community,
        "generated": rfc3339(generated),
    }
    if site_url:
        envelope["home_page_url"] = site_url
    envelope["count"] = len(items)
    envelope["items"] = items
    return dumps(envelope)


# -- both formats as site files ------------------------------------------------------


def feed_assets(feed: Feed, base_path: str, *, site_url: str = "",
                title: str | None = None) -> Iterator[Asset]:
    """``<base_path>.xml`` (Atom) and ``<base_path>.json`` (JSON Feed) as assets.

    Each file names itself as ``self``/``feed_url`` when the site URL is known. The
    assets carry ``title`` (default: the feed's), which makes the adapter advertise
    them in every page's head; pass ``title=""`` for a feed that should not be.
    """
    title = feed.title if title is None else title
    xml_path, json_path = base_path + ".xml", base_path + ".json"
    yield Asset(xml_path, atom(feed, absolute_url(site_url, xml_path)), ATOM_TYPE, title)
    yield Asset(json_path, json_feed(feed, absolute_url(site_url, json_path)), JSON_FEED_TYPE,
                title + " (JSON Feed)" if title else "")


def kept_feed_assets(build: Build, feed: Feed, base_path: str, *, site_url: str = "",
                     title: str | None = None) -> tuple[Asset, ...]:
    """:func:`feed_assets`, kept from the last build (``mkdocs serve``) while the feed is
    equal but for its entries, which must be the very same objects (entries kept by
    ``build.kept``: equal entries may still be written differently, a time in another
    zone)."""
    inputs = (replace(feed, entries=tuple(map(Identical, feed.entries))), site_url, title)
    return build.kept.value("feed", base_path, inputs, lambda: tuple(
        feed_assets(feed, base_path, site_url=site_url, title=title)))


def section_feed(
    build: Build, section: str, base_path: str, *, title: str, subtitle: str,
    entries: Sequence[FeedEntry], updated: dt.datetime | None = None,
    link_title: str | None = None,
) -> Iterator[Asset]:
    """A section's Atom and JSON feeds (``<base_path>.xml``/``.json``), site-branded.

    ``updated`` defaults to the newest entry (else the build's now), so an unchanged
    section keeps an unchanged feed.
    """
    settings = build.settings
    feed = Feed(
        id=stable_id(settings.site_url, section, settings.name),
        title=title,
        subtitle=subtitle,
        home_url=link_from(settings.site_url, base_path, section),
        updated=updated or max((e.updated for e in entries), default=build.now),
        authors=(Person(settings.name),),
        entries=tuple(entries),
    )
    yield from feed_assets(feed, base_path, site_url=settings.site_url,
                           title=title if link_title is None else link_title)


def api_asset(build: Build, kind: str, items: list[dict[str, Any]]) -> Asset:
    """``/api/<kind>.json`` for this build; under ``mkdocs serve``, kept from the last
    build while every item is the very same object (an item kept by ``build.kept``), and
    the site's name and URL and 'now' are the same."""
    settings = build.settings
    inputs = (tuple(map(Identical, items)), settings.name, settings.site_url, build.now)
    return build.kept.value("api", kind, inputs, partial(
        _api_asset, kind, items, settings.name, build.now, settings.site_url))


def _api_asset(kind: str, items: list[dict[str, Any]], name: str, now: dt.datetime,
               site_url: str) -> Asset:
    return Asset(f"api/{kind}.json", api_document(kind, items, community=name, generated=now,
                                                  site_url=site_url), JSON_TYPE)


def discovery_links(assets: Iterable[Asset]) -> list[FeedLink]:
    """Every titled feed among ``assets``: what page heads advertise."""
    links = [FeedLink(a.path, a.title, a.media_type) for a in assets
             if a.title and a.media_type in (ATOM_TYPE, JSON_FEED_TYPE)]
    # Atom before JSON Feed for each feed: readers that take the first link get Atom.
    return sorted(links, key=lambda link: (link.path.rsplit(".", 1)[0],
                                           link.media_type != ATOM_TYPE))


__all__ = [
    "ATOM_TYPE", "JSON_FEED_TYPE", "JSON_TYPE", "Feed", "FeedEntry", "FeedLink", "Person",
    "api_document", "atom", "date_at", "discovery_links", "dumps", "feed_assets",
    "json_feed", "kept_feed_assets", "rfc3339", "stable_id",
]
