"""The generic feed writers: Atom and JSON Feed that readers parse, escape and date correctly."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import feedparser
import pytest
from markupsafe import Markup

from mkdocs_community.core.records.event import EventStatus
from mkdocs_community.core.urls import absolute_url, link_from
from mkdocs_community.outputs.feeds import (
    ATOM_TYPE,
    JSON_FEED_TYPE,
    Feed,
    FeedEntry,
    Person,
    api_document,
    atom,
    discovery_links,
    dumps,
    feed_assets,
    json_feed,
    rfc3339,
    stable_id,
)

BERLIN = ZoneInfo("Europe/Berlin")
HOSTILE = 'Tom & Jerry </title><script>alert("x")</script> ]]> \x07bell'


def sample_feed() -> Feed:
    published = dt.datetime(2026, 3, 14, 18, 30, tzinfo=BERLIN)
    return Feed(
        id="https://example.org/spotlights/",
        title="Example: spotlights",
        subtitle="Celebrations",
        home_url="https://example.org/spotlights/",
        updated=dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC),
        authors=(Person("Example"),),
        entries=[
            FeedEntry(id="https://example.org/spotlights/a/", title=HOSTILE,
                      url="https://example.org/spotlights/a/", updated=published,
                      published=published, summary="Plain <b>not bold</b>",
                      content_html="<p>Hello <em>world</em> &amp; more</p>",
                      authors=(Person("Ada", "https://example.org/members/ada/"),),
                      categories=("award", "python")),
            FeedEntry(id="urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427", title="Second",
                      updated=dt.datetime(2025, 1, 2, tzinfo=dt.UTC)),
        ],
    )


def test_atom_parses_cleanly_with_ids_zones_and_escaping():
    data = atom(sample_feed(), "https://example.org/spotlights/feed.xml")
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Example: spotlights"
    first, second = parsed.entries
    assert first.id == "https://example.org/spotlights/a/"
    assert second.id == "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    # The hostile title is data, not markup (the bell character, invalid in XML, is dropped).
    assert first.title == 'Tom & Jerry </title><script>alert("x")</script> ]]> bell'
    assert "<script>" not in data.decode().replace("&lt;script&gt;", "")
    assert first.updated == "2026-03-14T18:30:00+01:00"
    assert first.published_parsed[:5] == (2026, 3, 14, 17, 30)  # normalised to UTC
    assert second.updated == "2025-01-02T00:00:00Z"
    assert first.summary == "Plain <b>not bold</b>"  # text summary stays text
    assert "<em>world</em>" in first.content[0].value
    assert [t.term for t in first.tags] == ["award", "python"]
    assert first.author == "Ada"
    assert parsed.feed.links[1].rel == "self"
    ET.fromstring(data)  # well-formed for a strict parser too


def test_json_feed_is_valid_and_deterministic():
    feed = sample_feed()
    data = json_feed(feed, "https://example.org/spotlights/feed.json")
    assert data == json_feed(feed, "https://example.org/spotlights/feed.json")
    document = json.loads(data)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == "https://example.org/spotlights/feed.json"
    first, second = document["items"]
    assert first["title"] == HOSTILE  # JSON carries it verbatim; consumers escape
    assert first["date_published"] == "2026-03-14T18:30:00+01:00"
    assert second["content_text"] == "Second"  # every item has content
    assert first["authors"] == [{"name": "Ada", "url": "https://example.org/members/ada/"}]
    # feedparser 6.0 has no JSON Feed support: check the spec's required members instead.
    assert_json_feed(document)


def assert_json_feed(document: dict) -> None:
    """The JSON Feed 1.1 rules a reader relies on."""
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(document["title"], str) and isinstance(document["items"], list)
    ids = [item["id"] for item in document["items"]]
    assert len(ids) == len(set(ids)) and all(isinstance(i, str) and i for i in ids)
    for item in document["items"]:
        assert "content_html" in item or "content_text" in item
        for key in ("date_published", "date_modified"):
            if key in item:
                assert dt.datetime.fromisoformat(item[key]).tzinfo is not None


def test_atom_output_is_byte_identical_across_runs():
    assert atom(sample_feed()) == atom(sample_feed())


def test_naive_dates_are_refused():
    with pytest.raises(ValueError, match="time zone"):
        rfc3339(dt.datetime(2026, 1, 1))
    assert rfc3339(dt.date(2026, 1, 1)) == "2026-01-01T00:00:00Z"


def test_entry_without_author_still_makes_a_valid_atom_feed():
    feed = Feed(id="urn:x", title="T", updated=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                entries=[FeedEntry(id="urn:y", title="E",
                                   updated=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))])
    root = ET.fromstring(atom(feed))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.find("a:entry/a:author/a:name", ns).text == "T"


def test_urls_and_ids():
    assert absolute_url("https://example.org/sub/", "spotlights/") == \
        "https://example.org/sub/spotlights/"
    assert absolute_url("", "spotlights/") == ""
    assert link_from("", "spotlights/feed.xml", "spotlights/a/") == "a/"
    assert link_from("", "spotlights/feed.xml", "members/ada/") == "../members/ada/"
    assert stable_id("https://example.org/", "a/") == "https://example.org/a/"
    urn = stable_id("", "spotlights/a/", "Example")
    assert urn.startswith("urn:uuid:") and urn == stable_id("", "spotlights/a/", "Example")
    assert urn != stable_id("", "spotlights/a/", "Other")


def test_feed_assets_are_discoverable():
    assets = list(feed_assets(sample_feed(), "spotlights/feed",
                              site_url="https://example.org/", title="Spotlights"))
    assert [a.path for a in assets] == ["spotlights/feed.xml", "spotlights/feed.json"]
    links = discovery_links(assets)
    assert [(link.media_type, link.title) for link in links] == [
        (ATOM_TYPE, "Spotlights"), (JSON_FEED_TYPE, "Spotlights (JSON Feed)")]
    assert discovery_links(feed_assets(sample_feed(), "x", title="")) == []


def test_api_document_envelope():
    data = json.loads(api_document("resources", [{"id": "a", "added": dt.date(2026, 1, 2)}],
                                   community="Example",
                                   generated=dt.datetime(2026, 1, 3, tzinfo=dt.UTC)))
    assert data == {"version": 1, "kind": "resources", "community": "Example",
                    "generated": "2026-01-03T00:00:00Z", "count": 1,
                    "items": [{"id": "a", "added": "2026-01-02"}]}


def test_api_json_is_what_the_standard_library_writes() -> None:
    """The data files are orjson's, byte for byte json.dumps(indent=2) with a newline:
    non-ASCII text, control characters, quotes, floats, empty containers, dates in the
    feeds' RFC 3339, sets sorted, str enums by value, Markup as text. (Only a float's
    negative exponent is written without a leading zero: 1e-7 for Python's 1e-07.)"""
    data = {
        "name": "Zoë 王 \u202e\t\n\"quoted\" \\ \x07 \x1f \x7f \u2028 😀 " + HOSTILE,
        "numbers": [0, -1, 2**53, 1.5, 0.1, 1e-4, 1e16, 48.8566, -122.41941],
        "empty": {"list": [], "map": {}, "text": ""},
        "nested": [{"a": [1, [2, []]]}, None, True, False],
        "when": dt.datetime(2026, 3, 29, 2, 30, tzinfo=BERLIN),
        "day": dt.date(2026, 12, 6),
        "tags": {"b", "a", "c"},
        "pair": ("x", 1),
        "status": EventStatus.CANCELLED,
        "html": Markup("<b>x</b>"),
    }
    expected = json.dumps(data, ensure_ascii=False, indent=2, default=lambda v: (
        rfc3339(v) if isinstance(v, dt.datetime) else v.isoformat()
        if isinstance(v, dt.date) else sorted(v)))
    assert dumps(data) == (expected + "\n").encode("utf-8")
    assert json.loads(dumps(data))["when"] == rfc3339(data["when"])
    assert dumps([1e-7]) == b"[\n  1e-7\n]\n" and json.loads(dumps([1e-7])) == [1e-7]
