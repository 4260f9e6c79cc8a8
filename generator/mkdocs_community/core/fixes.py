"""``community validate --fix``: the safe, mechanical repairs, each one reported.

A repair changes how a value is written, never what it means: an ORCID iD to its
canonical form, a country name or ``UK`` to its ISO 3166 code, a topic alias to the
topic's id, invisible characters that carry nothing (zero-width spaces, word joiners,
byte-order marks; invisible characters at the ends of a text) removed, runs of blanks in
a one-line value made one. Everything else is left to the contributor, with the
validator's hint.

The file is edited in place, value by value: each scalar is found by its position in
the YAML source and only its text is replaced, so comments, order, quoting style and
the Markdown body stay as they were. Framework-free and pure: :func:`repair_text`
takes text and returns text; the CLI reads and writes the files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from mkdocs_community.core.community import record_files
from mkdocs_community.core.diagnostics import Diagnostics
from mkdocs_community.core.kinds import KINDS
from mkdocs_community.core.records.member import canonical_orcid, country_code
from mkdocs_community.core.settings import Settings
from mkdocs_community.core.sources import Loc, read_text, split_front_matter
from mkdocs_community.core.topics import Vocabulary, load_vocabulary
from mkdocs_community.core.unicode_rules import describe_character, hidden_character

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

# Characters that never carry meaning in a record's text (ZWJ/ZWNJ do, in some scripts).
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")
_BLANKS = re.compile(r"[ \t]{2,}")
# A value that reads back as the same text when written plainly in YAML.
_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.+/()-]*$")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
# 'https://http://example.org', as forms that prefix https:// make of a pasted address.
_DOUBLED_SCHEME = re.compile(r"^https?://https?://", re.I)
# Markdown fields: their blanks can matter (two at a line's end are a line break).
_MARKDOWN_FIELDS = {"bio", "memorial", "description", "body"}
_TOPIC_FIELDS = {("skills",), ("interests",), ("mentoring", "offers"),
                 ("mentoring", "seeks"), ("topics",)}


@dataclass(frozen=True)
class Repair:
    """One change ``--fix`` made: where, what it was, what it is now, and why."""

    path: str
    line: int
    col: int
    field: str
    before: str
    after: str
    why: str


def _yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as exactly this text."""
    if _PLAIN.match(value) and value.casefold() not in _YAML11_WORDS and \
            not re.fullmatch(r"[0-9._+-]+", value) and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)  # a double-quoted YAML scalar


def _clean(value: str, one_line: bool) -> tuple[str, list[str]]:
    """The text with characters that carry nothing removed, and what was done."""
    done = []
    found = _ZERO_WIDTH.findall(value)
    if found:
        value = _ZERO_WIDTH.sub("", value)
        done.append("removed " + ", ".join(sorted({describe_character(c) for c in found})))
    stripped = value.strip()
    while stripped:
        at = hidden_character(stripped)
        if at not in (0, len(stripped) - 1):
            break
        done.append(f"removed {describe_character(stripped[at])} at the "
                    f"{'start' if at == 0 else 'end'}")
        stripped = (stripped[1:] if at == 0 else stripped[:-1]).strip()
    if one_line and _BLANKS.search(stripped):
        stripped = _BLANKS.sub(" ", stripped)
        done.append("made runs of blanks one space")
    if one_line or done:
        value = stripped if one_line or stripped != value.strip() else value
    return value, done


def _field_repairs(loc: Loc, value: str, vocabulary: Vocabulary | None
                   ) -> tuple[str, list[str]]:
    keys = tuple(p for p in loc if isinstance(p, str))
    doubled = _DOUBLED_SCHEME.match(value)
    if doubled:
        return "https://" + value[doubled.end():], ["web address with its scheme written once"]
    if keys and keys[-1] == "orcid":
        canonical = canonical_orcid(value)
        if canonical and canonical != value:
            return canonical, ["ORCID iD in its canonical form"]
    if keys and keys[-1] == "country" and len(value) <= 60:
        code = country_code(value)
        if code and code != value:
            return code, [f"country as its ISO 3166 code ({code})"]
    if keys in _TOPIC_FIELDS and isinstance(loc[-1], int) and vocabulary is not None:
        topic_id = vocabulary.resolve(value)
        if topic_id and topic_id != value:
            return topic_id, [f"topic alias '{value}' as the topic's id"]
    return value, []


def _walk(node: yaml.Node, loc: Loc, found: list[tuple[Loc, yaml.ScalarNode]]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _walk(value, (*loc, key.value), found)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*loc, i), found)
    elif isinstance(node, yaml.ScalarNode):
        found.append((loc, node))


def _repair_yaml(source: str, display: str, line_offset: int, vocabulary: Vocabulary | None
                 ) -> tuple[str, list[Repair]]:
    try:
        node = yaml.compose(source, Loader=_Loader)
    except yaml.YAMLError:
        return source, []  # validation reports why it cannot be read
    if node is None:
        return source, []
    scalars: list[tuple[Loc, yaml.ScalarNode]] = []
    _walk(node, (), scalars)
    edits: list[tuple[int, int, str]] = []
    repairs = []
    for loc, scalar in scalars:
        written = scalar.value
        block = scalar.style in ("|", ">")
        markdown = bool(loc) and loc[-1] in _MARKDOWN_FIELDS
        value, done = _clean(written, one_line=not block and not markdown and
                             "\n" not in written)
        value, more = _field_repairs(loc, value, vocabulary)
        done += more
        if not done or value == written:
            continue
        start, end = scalar.start_mark.index, scalar.end_mark.index
        if block:
            # Block text has no escapes: take the characters out where they stand.
            raw = _ZERO_WIDTH.sub("", source[start:end])
            edits.append((start, end, raw))
        else:
            edits.append((start, end, _yaml_scalar(value)))
        repairs.append(Repair(display, scalar.start_mark.line + 1 + line_offset,
                              scalar.start_mark.column + 1,
                              ".".join(str(p) for p in loc), written, value, "; ".join(done)))
    for start, end, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    return source, repairs


def repair_text(text: str, markdown: bool, display: str, vocabulary: Vocabulary | None = None
                ) -> tuple[str, list[Repair]]:
    """A record file's text with the safe repairs made, and each repair."""
    if not markdown:
        return _repair_yaml(text, display, 0, vocabulary)
    parts = split_front_matter(text, display, Diagnostics())
    if parts is None:
        return text, []
    yaml_text, body, body_line = parts
    head = text.index("\n") + 1
    fixed_yaml, repairs = _repair_yaml(yaml_text, display, 1, vocabulary)
    fixed_body = body
    found = _ZERO_WIDTH.search(body)
    if found:
        fixed_body = _ZERO_WIDTH.sub("", body)
        line = body_line + body.count("\n", 0, found.start())
        repairs.append(Repair(display, line, found.start() - body.rfind("\n", 0, found.start()),
                              "body", "", "", "removed zero-width characters from the text"))
    middle = text[head + len(yaml_text):len(text) - len(body)]
    return text[:head] + fixed_yaml + middle + fixed_body, repairs


def load_topics(settings: Settings) -> Vocabulary:
    """The topics file's vocabulary (its own problems are reported by validation)."""
    return load_vocabulary(settings.path(settings.topics_file), settings.root,
                           settings.topics_file, Diagnostics())


def fix_files(settings: Settings, vocabulary: Vocabulary) -> list[Repair]:
    """Make the safe repairs in every record file of the community; what was done.

    A file is written only when a repair changed it, and never through a symbolic link
    or outside its folder (``read_text`` refuses those, and validation reports them).
    """
    repairs: list[Repair] = []
    for kind in KINDS:
        folder = settings.path(kind.folder(settings))
        for file in record_files(kind, settings):
            if file.is_symlink() or file.suffix.lower() not in kind.suffixes:
                continue
            display = file.relative_to(settings.root).as_posix()
            text = read_text(file, folder, display, Diagnostics(), settings.max_file_bytes)
            if text is None:
                continue
            fixed, found = repair_text(text, file.suffix.lower() == ".md", display, vocabulary)
            if found and fixed != text:
                file.write_text(fixed, encoding="utf-8")
                repairs.extend(found)
    return repairs
