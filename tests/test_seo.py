"""Link previews: meta description, Open Graph and Twitter card tags, always escaped."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser

import pytest

from mkdocs_community.core.urls import absolute_url
from mkdocs_community.outputs.chrome import decorate
from mkdocs_community.outputs.seo import Preview, preview_tags

# A 1x1 PNG: avatars must be real files in members/avatars/.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAD"
                       "hgGAWjR9awAAAABJRU5ErkJggg==")


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "meta" and self.in_head:
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content") or "")

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def head_meta(html: str) -> dict[str, str]:
    parser = _Head()
    parser.feed(html)
    for key, values in parser.meta.items():
        assert len(values) == 1, f"{key} appears {len(values)} times"
    return {k: v[0] for k, v in parser.meta.items()}


def test_preview_tags_escape_everything():
    hostile = '"><script>alert(1)</script>'
    tags = preview_tags(Preview(title=hostile, description=hostile,
                                url="https://example.org/a/", site_name="S & T"))
    assert "<script>" not in tags
    meta = head_meta(f"<html><head>{tags}</head></html>")
    assert meta["og:title"] == hostile and meta["twitter:description"] == hostile
    assert meta["og:site_name"] == "S & T"
    assert "og:image" not in meta  # no image, no empty tag


def test_existing_open_graph_tags_are_kept():
    html = '<html><head><meta property="og:title" content="Mine"></head></html>'
    assert decorate(html, "", [], preview=Preview(title="Ours", description="")) == html
    plain = "<html><head><title>Mine</title></head></html>"
    tagged = decorate(plain, "", [], preview=Preview(title="Ours", description=""))
    assert head_meta(tagged)["og:title"] == "Ours" and tagged.count("og:title") == 1


@pytest.mark.parametrize(("site_url", "path", "expected"), [
    ("https://example.org/test/", "members/ada/", "https://example.org/test/members/ada/"),
    ("https://example.org", "", "https://example.org/"),
    ("", "members/ada/", ""),
])
def test_absolute_url(site_url, path, expected):
    assert absolute_url(site_url, path) == expected


@pytest.mark.slow
def test_profile_and_pages_carry_previews(site):
    site.write("members/avatars/ada.png", PNG)
    site.member("ada", name='Ada "The Countess" <Lovelace>', role="Analyst",
                organisation="Engine Works", avatar="ada.png",
                bio="I like *engines* & <b>numbers</b>.")
    site.member("bob", name="Bob Builder")
    site.build()

    meta = head_meta(site.page("members/ada/"))
    assert meta["og:type"] == "profile"
    assert meta["og:title"] == 'Ada "The Countess" <Lovelace>'
    assert meta["og:url"] == "https://example.org/test/members/ada/"
    assert meta["og:image"] == "https://example.org/test/members/avatars/ada.png"
    assert meta["og:image:alt"] == 'Ada "The Countess" <Lovelace>'
    assert meta["og:site_name"] == "Test Community"
    assert meta["twitter:card"] == "summary"
    assert meta["description"].startswith("Analyst at Engine Works")
    assert "engines" in meta["og:description"] and "<b>" not in meta["og:description"]
    # One description: the link preview says what the page's meta description says.
    assert meta["og:description"] == meta["twitter:description"] == meta["description"]
    assert site.site_file("members/avatars/ada.png").exists()

    bob = head_meta(site.page("members/bob/"))
    assert "og:image" not in bob and bob["og:title"] == "Bob Builder"

    directory = head_meta(site.page("members/"))
    assert directory["og:type"] == "website"
    assert directory["og:url"] == "https://example.org/test/members/"

    home = head_meta(site.site_file("index.html").read_text())
    assert home["og:title"] == "Test Community"
    assert home["og:url"] == "https://example.org/test/"
    # The whole page is still HTML (nothing escaped the document by accident).
    assert re.search(r"<html[^>]*>", site.page("members/ada/"))


def test_a_plain_text_description_is_not_read_as_markdown():
    from mkdocs_community.core.build import PageSpec
    from mkdocs_community.outputs.seo import preview_for_spec

    summary = "Use *args and **kwargs, C# & F#'s   \"tools\" - see <this>"
    spec = PageSpec(url="resources/x/", title="X", template="t.html", description=summary)
    preview = preview_for_spec(spec, "https://example.org/", "Site")
    assert preview.description == " ".join(summary.split())
    long = preview_for_spec(PageSpec(url="x/", title="X", template="t.html",
                                     description="word " * 100), "", "Site").description
    assert len(long) <= 200 and long.endswith("word…")
