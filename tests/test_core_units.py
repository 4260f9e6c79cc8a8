"""Focused tests of the core's small pure pieces."""

from __future__ import annotations

import pytest

from mkdocs_community.core.diagnostics import (
    Diagnostic,
    Diagnostics,
    did_you_mean,
    format_diagnostics,
)
from mkdocs_community.core.kept import Identical, KeptValues
from mkdocs_community.core.safety import is_safe_url, plain_text, render_markdown, safe_join
from mkdocs_community.core.topics import Topic, Vocabulary
from mkdocs_community.core.urls import relative_url


@pytest.mark.parametrize(
    ("src", "dst", "expected"),
    [
        ("", "members/", "members/"),
        ("members/", "members/ada/", "ada/"),
        ("members/ada/", "members/", "../"),
        ("members/ada/", "members/ada/", "./"),
        ("members/ada/", "events/calendar.ics", "../../events/calendar.ics"),
        ("members/ada/", "", "../../"),
        ("members/ada/", "events/#june", "../../events/#june"),
        ("members/ada/", "https://example.org/x", "https://example.org/x"),
    ],
)
def test_relative_url(src: str, dst: str, expected: str) -> None:
    assert relative_url(src, dst) == expected


def test_vocabulary_resolves_aliases_and_suggests() -> None:
    vocab = Vocabulary({
        "javascript": Topic("javascript", "JavaScript", aliases=("js",)),
        "public-speaking": Topic("public-speaking", "Public speaking"),
        "python": Topic("python", "Python"),
    }, "content/topics.yml")
    assert vocab.resolve("JS") == "javascript"
    assert vocab.resolve("Public Speaking") == "public-speaking"
    assert vocab.resolve("public_speaking") == "public-speaking"
    assert vocab.resolve("cobol") is None
    assert vocab.suggest("pyton") == ["python"]
    hint = vocab.unknown_hint("javascrpt")
    assert "did you mean 'javascript'?" in hint and "content/topics.yml" in hint


def test_diagnostics_sorted_deduplicated_and_formatted() -> None:
    diagnostics = Diagnostics()
    diagnostics.error("b.yml", 3, 1, "x", "second")
    diagnostics.error("a.yml", 10, 2, "y", "first, with: colon\nand newline", "a hint")
    diagnostics.error("b.yml", 3, 1, "x", "second")
    diagnostics.warning("a.yml", 1, 1, "w", "a warning")
    assert len(diagnostics) == 3
    assert [d.path for d in diagnostics] == ["a.yml", "a.yml", "b.yml"]
    assert diagnostics.has_errors and len(diagnostics.errors) == 2
    github = format_diagnostics(diagnostics, "github").splitlines()
    assert github[1] == ("::error file=a.yml,line=10,col=2,title=y::"
                         "first, with: colon%0Aand newline (hint: a hint)")
    assert github[0].startswith("::warning file=a.yml,line=1,col=1")
    text = Diagnostic("m.yml", 0, 0, "bad-id", "msg", "do this").format_text()
    assert text == "m.yml: error[bad-id]: msg\n  hint: do this"


def test_did_you_mean() -> None:
    assert did_you_mean("skils", ["skills", "interests"]) == "did you mean 'skills'?"
    assert did_you_mean("zzz", ["skills"]) == ""


def test_markdown_is_sanitised() -> None:
    html = render_markdown(
        "**hi** <script>alert(1)</script> [x](javascript:alert(1)) "
        "<a href='https://ok.example'>ok</a> ![img](https://tracker.example/p.gif) "
        "<iframe src=https://evil.example></iframe> <b onclick=alert(1)>b</b>")
    assert "<strong>hi</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "<iframe" not in html
    assert "onclick" not in html and "<img" not in html
    assert 'href="https://ok.example"' in html and "noopener" in html
    assert plain_text("Some *emphasis* & <b>bold</b>", limit=14) == "Some emphasis…"


def test_url_and_path_checks() -> None:
    assert is_safe_url("https://example.org")
    assert is_safe_url("members/ada/")
    assert not is_safe_url("javascript:alert(1)")
    assert not is_safe_url("data:text/html,hi")
    assert not is_safe_url("//evil.example/x")
    assert not is_safe_url("http://example.org")
    assert safe_join("members/avatars", "ada.png") == "members/avatars/ada.png"
    assert safe_join("members/avatars", "../secrets.png") is None
    assert safe_join("members/avatars", "/etc/passwd") is None


def test_kept_values_come_back_only_for_the_same_inputs_and_only_to_the_next_build() -> None:
    made: list[str] = []

    def compute(text: str) -> str:
        made.append(text)
        return text.upper()

    first = KeptValues()
    assert first.value("shout", "a", ("hi", 1), lambda: compute("hi")) == "HI"
    assert first.value("shout", "a", ("hi", 1), lambda: compute("hi")) == "HI"  # asked twice
    assert first.value("shout", "b", ("yo", 1), lambda: compute("yo")) == "YO"
    second = first.used()
    assert second.value("shout", "a", ("hi", 1), lambda: compute("hi")) == "HI"  # kept
    assert second.value("shout", "b", ("yo", 2), lambda: compute("yo!")) == "YO!"  # changed
    assert second.value("other", "a", ("hi", 1), lambda: compute("other")) == "OTHER"
    assert (made, second.reused, len(second)) == (["hi", "yo", "yo!", "other"], 1, 3)
    third = second.used().used()  # a build that asked for nothing: everything forgotten
    assert third.value("shout", "a", ("hi", 1), lambda: compute("hi")) == "HI"
    assert made[-1] == "hi" and third.reused == 0
    assert second.reused_by == {"shout": 1}


def test_kept_inputs_can_be_the_last_builds_equal_object_or_only_the_same_object() -> None:
    """``same`` hands back the last build's equal object (so that inputs holding it
    compare by identity); ``Identical`` equals only a wrapper of the very same object,
    for a value whose ``==`` does not see everything derived from it."""
    first = KeptValues()
    settings = {"name": "Open Pathways"}
    assert first.same("settings", settings) is settings
    second = first.used()
    again = {"name": "Open Pathways"}
    assert second.same("settings", again) is settings  # equal: the last build's object
    third = second.used()
    other = {"name": "Renamed"}
    assert third.same("settings", other) is other
    a, b = [1], [1]
    assert Identical(a) == Identical(a) and hash(Identical(a)) == hash(Identical(a))
    assert Identical(a) != Identical(b) and a == b
    assert Identical(a) != a
