"""Reading record files safely: bytes, text, YAML with positions, front matter.

Contributor files are untrusted, so reading is defensive: a size limit, no symlinks
out of the data folder, strict UTF-8, and a YAML reader that refuses what PyYAML
would otherwise accept silently (duplicate keys, aliases that multiply a document,
language-specific tags). Every refusal is a located :class:`Diagnostic`.

Scalars are kept as the text the author wrote; the record models decide what type a
field has. This sidesteps YAML 1.1's surprises (``country: NO`` becoming ``False``,
``18:00`` becoming ``1080``) because the schema, not the YAML resolver, decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import yaml

from mkdocs_community.core import yaml_errors
from mkdocs_community.core.diagnostics import Diagnostics
from mkdocs_community.core.markdown_bounds import markdown_problem

try:  # libyaml makes composing 10,000 files an order of magnitude faster
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12
Loc = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_NULL_TAG = "tag:yaml.org,2002:null"
# Characters that reorder or hide text: used in "Trojan Source" tricks and to spoof
# names. Zero-width joiners stay allowed: several scripts and emoji need them.
DECEPTIVE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")
# Control characters other than tab and newline.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


@dataclass
class Document:
    """One record file: its data, where each value stands, and any Markdown body."""

    path: str
    data: Any
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    failed: bool = False

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """(line, col) of the value at ``loc`` (or its key), else of its nearest parent."""
        loc = tuple(loc)
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        while loc:
            if loc in self.marks:
                return self.marks[loc]
            loc = loc[:-1]
        return self.marks.get((), (1, 1))


class Locator(Protocol):
    """Where a record file's values stand: a :class:`Document`, or a stand-in that reads
    the file again only when asked (what checks need to report a problem)."""

    path: str

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]: ...


class _ReadError(Exception):
    def __init__(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message, self.hint = line, col, code, message, hint


def read_text(
    file: Path, root: Path, display: str, diagnostics: Diagnostics,
    max_bytes: int = MAX_FILE_BYTES,
) -> str | None:
    """The file's text, or None after reporting why it cannot be used.

    ``root`` is the folder the file must stay inside (symlinks are followed only
    when they do not lead out of it).
    """
    try:
        resolved = _resolve(file)
        if not resolved.is_relative_to(_resolved_dir(root)):
            diagnostics.error(
                display, 0, 0, "path-outside",
                f"'{display}' leads outside {root.name}/ (a symlink or '..')",
                "commit the file itself, not a link to somewhere else",
            )
            return None
        size = resolved.stat().st_size
        if size > max_bytes:
            diagnostics.error(
                display, 0, 0, "file-too-large",
                f"file is {size:,} bytes; the limit is {max_bytes:,}",
                "shorten long texts; a record file should be a few kilobytes",
            )
            return None
        raw = resolved.read_bytes()
    except OSError as exc:
        diagnostics.error(display, 0, 0, "unreadable", f"cannot read file: {exc.strerror}")
        return None
    except RuntimeError:  # Python < 3.13 raises this for a symlink that points at itself
        diagnostics.error(display, 0, 0, "unreadable", "cannot read file: a symlink loop",
                          "commit the file itself, not a link")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diagnostics.error(
            display, line, col, "encoding",
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8 in your editor",
        )
        return None
    # Editors on Windows add a byte-order mark and CRLF line ends; both are harmless.
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _resolve(file: Path) -> Path:
    """``file.resolve()``, without resolving its folder again for each of 10,000 files."""
    if file.name in ("", ".", "..") or file.is_symlink():
        return file.resolve()
    return _resolved_dir(file.parent) / file.name


@lru_cache(maxsize=64)
def _resolved_dir(folder: Path) -> Path:
    return folder.resolve()


def parse_yaml(text: str, display: str, diagnostics: Diagnostics, line_offset: int = 0) -> Document:
    """Parse one YAML document into plain data with positions; problems go to diagnostics.

    On any problem the returned document's ``data`` is None.
    """
    doc = Document(display, None)
    try:
        doc.data = _compose(text, doc, line_offset)
    except _ReadError as err:
        diagnostics.error(display, err.line, err.col, err.code, err.message, err.hint)
        doc.data, doc.failed = None, True
    return doc


def split_front_matter(
    text: str, display: str, diagnostics: Diagnostics
) -> tuple[str, str, int] | None:
    """Split ``---`` front matter from a Markdown body: (yaml, body, body's first line)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        diagnostics.error(
            display, 1, 1, "front-matter",
            "Markdown record has no front matter",
            "start the file with a line '---', the YAML fields, then another '---'",
        )
        return None
    yaml_text = match.group(1) or ""
    body_line = text.count("\n", 0, match.end()) + 1
    return yaml_text, text[match.end():], body_line


def load_document(
    file: Path, root: Path, display: str, diagnostics: Diagnostics,
    max_bytes: int = MAX_FILE_BYTES,
) -> Document | None:
    """Read a ``.yml``/``.yaml`` record or a Markdown record with front matter."""
    text = read_text(file, root, display, diagnostics, max_bytes)
    if text is None:
        return None
    return parse_document(text, file.suffix.lower() == ".md", display, diagnostics)


def text_problem(value: str, max_length: int) -> tuple[str, str, str] | None:
    """(code, message, hint) when ``value`` is not one line of plain text of at most
    ``max_length`` characters: the checks a record's text fields get."""
    if DECEPTIVE.search(value):
        return ("deceptive-text", "text contains invisible or direction-changing Unicode "
                "characters", "retype the text without copying hidden characters")
    if CONTROL.search(value.replace("\t", " ")) or "\n" in value.strip():
        return ("control-character", "text contains control characters or line breaks",
                "write it on one line")
    if len(value) > max_length:
        return ("too-long", f"has more than {max_length} characters", "shorten it")
    return None


def _check_body(body: str, first_line: int, display: str, diagnostics: Diagnostics) -> None:
    """The Markdown body gets the checks that the fields' text gets (records/common.py)."""
    for pattern, code, message, hint in (
        (DECEPTIVE, "deceptive-text",
         "text contains invisible or direction-changing Unicode characters",
         "retype the text without copying hidden characters"),
        (CONTROL, "control-character", "text contains control characters",
         "delete the character; an editor may show it as a box or a question mark"),
    ):
        found = pattern.search(body)
        if found:
            line = first_line + body.count("\n", 0, found.start())
            col = found.start() - body.rfind("\n", 0, found.start())
            diagnostics.error(display, line, col, code,
                              f"{message} (U+{ord(found.group()):04X})", hint)
    # Bounded before any renderer sees it (see markdown_bounds.py).
    problem = markdown_problem(body)
    if problem is not None:
        diagnostics.error(display, first_line + problem.line - 1, problem.col, problem.code,
                          problem.message, problem.hint)


def parse_document(text: str, markdown: bool, display: str, diagnostics: Diagnostics
                   ) -> Document | None:
    """A record file's text as a Document (``markdown``: front matter and a body)."""
    if markdown:
        parts = split_front_matter(text, display, diagnostics)
        if parts is None:
            return None
        yaml_text, body, body_line = parts
        doc = parse_yaml(yaml_text, display, diagnostics, line_offset=1)
        doc.body, doc.body_line = body, body_line
        _check_body(body, body_line, display, diagnostics)
    else:
        doc = parse_yaml(text, display, diagnostics)
    if doc.data is None and not doc.failed:
        diagnostics.error(
            display, 1, 1, "empty", "file has no fields",
            "fill in at least the required fields; see the template",
        )
        return None
    if doc.data is None:
        return None
    if not isinstance(doc.data, dict):
        line, col = doc.locate(())
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        diagnostics.error(
            display, line, col, "not-a-mapping",
            f"the file holds {kind}; a record must be a mapping of 'field: value' lines",
            "write one field per line, e.g. 'name: Ada Lovelace'",
        )
        return None
    return doc


def _compose(text: str, doc: Document, line_offset: int) -> Any:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        context_mark = exc.context_mark if exc.problem_mark else None
        explained = yaml_errors.explain(
            exc.problem or exc.context or "invalid YAML", exc.context or "",
            mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
            context_mark.line + 1 if context_mark else 0, text)
        raise _ReadError(explained.line + line_offset, explained.col, "yaml-syntax",
                         explained.message, explained.hint) from None
    except yaml.YAMLError as exc:
        raise _ReadError(1, 1, "yaml-syntax", f"invalid YAML: {exc}") from None
    except RecursionError:
        raise _ReadError(1, 1, "yaml-too-deep", "YAML is nested too deeply") from None
    finally:
        loader.dispose()
    if node is None:
        return None
    try:
        return _build(node, (), doc, line_offset, set())
    except _ReadError as err:
        if err.code == "yaml-alias" and not err.message.startswith("YAML merge"):
            err.line, err.col = _first_alias(text, line_offset) or (err.line, err.col)
        raise


def _first_alias(text: str, line_offset: int) -> tuple[int, int] | None:
    # Composed nodes forget where an alias was written; the event stream remembers.
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1 + line_offset, event.start_mark.column + 1
    return None


def _mark(node: yaml.Node, line_offset: int) -> tuple[int, int]:
    return node.start_mark.line + 1 + line_offset, node.start_mark.column + 1


def _build(node: yaml.Node, loc: Loc, doc: Document, line_offset: int, seen: set[int]) -> Any:
    where = _mark(node, line_offset)
    if id(node) in seen:
        # The composer hands back the anchored node again for every alias; refusing
        # the second visit is what stops "billion laughs" documents from expanding.
        raise _ReadError(*where, "yaml-alias", "YAML anchors and aliases (&name / *name) "
                         "are not allowed in record files", "write the value out in full")
    seen.add(id(node))
    if len(loc) > MAX_DEPTH:
        raise _ReadError(*where, "yaml-too-deep", f"YAML is nested more than {MAX_DEPTH} levels")
    if node.tag not in _PLAIN_TAGS:
        raise _ReadError(*where, "yaml-tag", f"YAML tag '{node.tag}' is not allowed",
                         "remove the '!' tag; records hold only text, numbers, lists "
                         "and mappings")
    doc.marks[loc] = where
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_where = _mark(key_node, line_offset)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise _ReadError(*key_where, "yaml-key", "field names must be plain text")
            key = key_node.value
            if key == "<<":
                raise _ReadError(*key_where, "yaml-alias",
                                 "YAML merge keys ('<<') are not allowed in record files",
                                 "write the fields out in full")
            if key in first_seen:
                raise _ReadError(*key_where, "duplicate-key",
                                 f"field '{key}' appears twice in this mapping",
                                 f"it was first given on line {first_seen[key]}; keep one")
            first_seen[key] = key_where[0]
            doc.key_marks[(*loc, key)] = key_where
            result[key] = _build(value_node, (*loc, key), doc, line_offset, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*loc, i), doc, line_offset, seen)
                for i, item in enumerate(node.value)]
    if node.tag == _NULL_TAG and not node.style:  # plain style: None (Python) or "" (libyaml)
        return None
    return node.value
