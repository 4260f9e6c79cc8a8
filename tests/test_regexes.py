"""Every regular expression in the package, against strings made to make it backtrack.

The topic id pattern took a minute on 'a' and 44 '+' and days on 64: a pattern that can
read the same characters in many ways is exponential (or quadratic) on a near-miss.
This test finds every pattern in the package (module-level compiled patterns, and every
literal passed to a ``re`` function, read from the source), builds near-misses from the
characters each pattern names, and runs search, match and fullmatch on each under a
generous time limit. Short strings catch exponential patterns, long ones quadratic.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import re
from pathlib import Path

import pytest

from conftest import REPO, time_limit
from mkdocs_community.core.records.event import _DURATION_SHORT
from mkdocs_community.core.topics import TOPIC_ID
from mkdocs_community.outputs import html_scan

PACKAGE = REPO / "generator" / "mkdocs_community"
FILLERS = "aZ09 -_.+#:/<>\"'=!\n\t[]()*@%&;,|\\`{}$^~?"


def _module(path: Path) -> str:
    return "mkdocs_community." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def package_patterns() -> dict[str, re.Pattern[str]]:
    """Every pattern in the package, by where it is."""
    found: dict[str, re.Pattern[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = importlib.import_module(_module(path))
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{path.name}:{name}"] = value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr != "escape" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found[f"{path.name}:{node.lineno}"] = re.compile(node.args[0].value)
    # Built by functions, for a given attribute.
    found["html_scan.py:landmarks"] = html_scan._landmark_scanner("data-cm-feedback")
    return found


PATTERNS = package_patterns()
# Each distinct pattern (source and flags) once, under the first of its places: a module
# that imports another's pattern, or compiles the same literal, holds the same matcher.
DISTINCT: dict[str, re.Pattern[str]] = {}
for _where, _pattern in sorted(PATTERNS.items()):
    if all((p.pattern, p.flags) != (_pattern.pattern, _pattern.flags)
           for p in DISTINCT.values()):
        DISTINCT[_where] = _pattern


def _literals(pattern: re.Pattern[str]) -> set[str]:
    """The characters a pattern's source names (literals, class members, range ends)."""
    return {c for c in pattern.pattern if c.isprintable() or c in "\n\t"}


def near_misses(pattern: re.Pattern[str], repeat: int) -> list[str]:
    """Runs of every pair of interesting characters, after a likely start, then a stop."""
    alphabet = sorted(_literals(pattern) | set(FILLERS))
    strings = []
    for a, b in itertools.product(alphabet, repeat=2):
        body = (a + b) * repeat
        strings.extend(head + body + tail for head in ("", "a", "1", "<")
                       for tail in ("", "\x00", "!"))
    return strings


def test_the_package_patterns_are_found():
    assert len(PATTERNS) > 40
    assert any(p is TOPIC_ID for p in PATTERNS.values())
    assert any(p is _DURATION_SHORT for p in PATTERNS.values())


def test_each_distinct_pattern_is_tried():
    assert {(p.pattern, p.flags) for p in DISTINCT.values()} == \
        {(p.pattern, p.flags) for p in PATTERNS.values()}


@pytest.mark.parametrize("where", sorted(DISTINCT))
def test_no_pattern_backtracks_catastrophically(where: str):
    pattern = DISTINCT[where]
    # A quadratic pattern takes four times as long on runs twice as long: 10,000
    # characters and 7.5 s refuse the same patterns as 20,000 and 30 s did (the slowest
    # pattern here, '\s*community:' on a run of spaces, takes about 1.3 s).
    with time_limit(7.5, f"pattern {where}"):
        for text in near_misses(pattern, 32):  # exponential patterns hang on these
            pattern.search(text)
            pattern.match(text)
            pattern.fullmatch(text)
        for char in sorted(_literals(pattern) | set(FILLERS)):  # quadratic ones on these
            for text in ("a" + char * 10_000 + "\x00", char * 10_000 + "!"):
                pattern.search(text)
                pattern.fullmatch(text)


@pytest.mark.parametrize("text", [
    "a" + "+" * 64 + "!",  # the report: days with the old pattern
    "a" + "+#" * 5000 + "!",
    "a" + "-a" * 20000 + "-",
    "c" + "+" * 20000 + "-",
])
def test_topic_ids_are_refused_in_linear_time(text: str):
    with time_limit(2, "the topic id pattern"):
        assert TOPIC_ID.match(text) is None


@pytest.mark.parametrize("topic_id", ["python", "c++", "c#", "f#", "node.js", "c++-tools",
                                      "c++17", "data-engineering", "web3", "asp.net"])
def test_topic_ids_people_use_still_match(topic_id: str):
    assert TOPIC_ID.match(topic_id)


@pytest.mark.parametrize("topic_id", ["Python", "-python", "python-", "a--b", "a..b", "a b",
                                      "+a", "a.", "x_y"])
def test_topic_ids_that_are_not_ids(topic_id: str):
    assert TOPIC_ID.match(topic_id) is None


def test_duration_blanks_are_refused_in_linear_time():
    with time_limit(2, "the duration pattern"):
        assert _DURATION_SHORT.match("1 " + " " * 100_000 + "x") is None
    assert _DURATION_SHORT.match("1 h 30 min")
