"""YAML syntax errors in words a contributor who has never heard of YAML can act on.

The YAML reader reports what its grammar expected ("did not find expected key",
"found character that cannot start any token"), not what the author did (indented a
line with a tab, used three spaces instead of two, wrote a colon inside a value). This
module looks at the lines around the reported position, works out which of the common
mistakes it is, and says so, with the line to change and how.

Pure functions of the file's text and the reader's report: no YAML library here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "key: value" at the start of a line (after the indentation), with the key's text.
_KEY = re.compile(r"^(?P<indent>[ \t]*)(?:-[ \t]+)?(?P<key>[^\s#:'\"\[\]{}][^:#]*?):(?:[ \t]|$)")
_KEY_WITHOUT_SPACE = re.compile(r"^[ \t]*(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/:][^\n]*)$")
_BLOCK_SCALAR = re.compile(r":[ \t]*[|>][+-]?[0-9]?[ \t]*(?:#.*)?$")
_INDENTATION_PROBLEMS = ("did not find expected key", "expected <block end>",
                         "did not find expected '-' indicator", "block sequence entries")
_UNCLOSED = {"flow sequence": ("list", "[", "]"), "flow mapping": ("mapping", "{", "}")}


@dataclass(frozen=True)
class Explained:
    """Where the mistake is (1-based, within the text given), what it is and what to do."""

    line: int
    col: int
    message: str
    hint: str


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _previous_content(lines: list[str], index: int) -> int | None:
    """Index of the nearest line above ``index`` that holds YAML (not blank, not a comment)."""
    for i in range(min(index, len(lines)) - 1, -1, -1):
        if _is_content(lines[i]):
            return i
    return None


def _key_of(line: str) -> str:
    match = _KEY.match(line)
    return match.group("key").strip() if match else line.strip()[:30]


def _spaces(count: int) -> str:
    return "no spaces" if count == 0 else f"{count} space{'s' if count != 1 else ''}"


def _tab_line(lines: list[str], first: int, last: int) -> int | None:
    """The first line from ``first`` to ``last`` (indexes) whose indentation holds a tab."""
    for i in range(max(first, 0), min(last, len(lines) - 1) + 1):
        if "\t" in _indent(lines[i]):
            return i
    return None


def explain(problem: str, context: str, line: int, col: int, context_line: int,
            text: str) -> Explained:
    """The reader's ``problem`` (and ``context``) at ``line``:``col`` of ``text``, explained.

    ``line``/``col``/``context_line`` are 1-based positions the reader reported
    (``context_line`` 0 when it gave none).
    """
    lines = _lines(text)
    index = line - 1
    at = lines[index][col - 1] if 0 <= index < len(lines) and 0 < col <= len(lines[index]) \
        else ""
    tab = _tab_line(lines, (context_line or line) - 1, index)
    if "tab" in problem or at == "\t" or (tab is not None and "cannot start any token"
                                          in problem):
        tab = index if tab is None else tab
        key = _key_of(lines[tab]) if 0 <= tab < len(lines) else ""
        before = f" before '{key}'" if key else ""
        return Explained(
            tab + 1, len(_indent(lines[tab]).split("\t")[0]) + 1 if tab < len(lines) else 1,
            "this line is indented with a tab character; YAML files must be indented "
            "with spaces",
            f"delete the tab{before} and type spaces instead, lined up with the lines "
            "around it (2 spaces for each level); editors often show a tab as spaces, "
            "so delete the whole indentation and retype it")
    if "mapping values are not allowed" in problem:
        return _colon_problem(lines, index, col)
    if any(p in problem for p in _INDENTATION_PROBLEMS):
        return _indentation_problem(lines, index, context_line)
    for what, (noun, opening, closing) in _UNCLOSED.items():
        if what in context:
            opened = lines[context_line - 1] if 0 < context_line <= len(lines) else ""
            return Explained(
                context_line or line, opened.find(opening) + 1 if opening in opened else 1,
                f"the {noun} that starts with '{opening}' on line {context_line or line} is "
                f"not closed",
                f"end it with '{closing}' on the same line, and separate its items with "
                "commas, e.g. skills: [python, sql]")
    if "quoted scalar" in context:
        return Explained(context_line or line, 1,
                         f"the quotation mark on line {context_line or line} is never closed",
                         "add the closing quotation mark at the end of the value, or "
                         "remove the opening one")
    if "single document" in f"{problem} {context}":
        return Explained(line, col, "the file holds more than one YAML document",
                         "remove the extra '---' line")
    return Explained(line, col, f"the file is not valid YAML ({problem})",
                     "check the quotation marks and the indentation of this line and "
                     "the one above it")


def _colon_problem(lines: list[str], index: int, col: int) -> Explained:
    """'mapping values are not allowed': an unquoted ': ' in a value, a missing space after a
    colon on the line above, or a line indented deeper than the field before it."""
    previous = _previous_content(lines, index)
    current = lines[index] if 0 <= index < len(lines) else ""
    if previous is not None and index < len(lines):
        above = lines[previous]
        glued = _KEY_WITHOUT_SPACE.match(above)
        if glued and ": " not in above:
            return Explained(previous + 1, len(_indent(above)) + len(glued.group("key")) + 2,
                             f"'{glued.group('key')}:' needs a space after the colon",
                             f"write '{glued.group('key')}: {glued.group('value').strip()}'")
        deeper = len(_indent(current)) > len(_indent(above))
        above_has_value = _KEY.match(above) and not above.rstrip().endswith(":") \
            and not _BLOCK_SCALAR.search(above)
        if deeper and above_has_value:
            return Explained(
                index + 1, len(_indent(current)) + 1,
                f"line {index + 1} is indented further than line {previous + 1}, so it is "
                f"read as part of the value of '{_key_of(above)}'",
                f"start '{_key_of(current)}:' in the same column as '{_key_of(above)}:' "
                f"({_spaces(len(_indent(above)))} before it)")
    key = _key_of(current)
    value = current.split(":", 1)[1].strip() if ":" in current else ""
    example = f" e.g. {key}: \"{value}\"" if value and '"' not in value else ""
    return Explained(index + 1, col, "this value contains ': ', which YAML reads as the "
                     "start of another field",
                     f"put the whole value in quotation marks,{example}".rstrip(","))


def _block_scalar_above(lines: list[str], previous: int, indent: int) -> int | None:
    """The ``key: |`` line whose text block ``lines[previous]`` is in, when a line indented
    by ``indent`` (more than that key) would still belong to it."""
    for i in range(previous, -1, -1):
        line = lines[i]
        if not _is_content(line):
            continue
        if _BLOCK_SCALAR.search(line) and _KEY.match(line):
            return i if i != previous and indent > len(_indent(line)) else None
        if len(_indent(line)) <= indent:
            return None
    return None


def _indentation_problem(lines: list[str], index: int, context_line: int) -> Explained:
    """A line whose indentation matches no enclosing mapping or list."""
    if index >= len(lines) or not _is_content(lines[index]):
        index = _previous_content(lines, index + 1) or 0
    current = lines[index]
    previous = _previous_content(lines, index)
    mine = len(_indent(current))
    if previous is None:
        return Explained(index + 1, mine + 1, "this line is indented, but nothing above it "
                         "opens a section", "remove the spaces at the start of the line")
    above = lines[previous]
    theirs = len(_indent(above))
    scalar = _block_scalar_above(lines, previous, mine)
    if scalar is not None:
        depth = len(_indent(lines[previous]))
        return Explained(
            index + 1, mine + 1,
            f"line {index + 1} is part of the text of '{_key_of(lines[scalar])}' (which "
            f"starts on line {scalar + 1}) but is indented less than the text above it",
            f"start every line of that text with at least {_spaces(depth)}, like line "
            f"{previous + 1}")
    odd = [(n, count) for n, count in ((previous + 1, theirs), (index + 1, mine)) if count % 2]
    advice = "; use 2 spaces for each level" + (
        f" (line {odd[0][0]} has {odd[0][1]})" if odd else "")
    return Explained(
        index + 1, mine + 1,
        f"line {index + 1} is not lined up with the lines above it: it starts with "
        f"{_spaces(mine)}, line {previous + 1} with {_spaces(theirs)}",
        "the fields of one section, and the items of one list, must start in the same "
        f"column: line up '{_key_of(current)}' with the field it belongs with{advice}")


__all__ = ["Explained", "explain"]
