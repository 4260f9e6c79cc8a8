"""Contributor text on its way out to terminals, CI logs and spreadsheets: never a command.

Record values reach more than web pages. ``community validate`` quotes them in error
messages, ``community mentoring`` and ``report`` print names and topic labels, and
``mkdocs build`` logs diagnostics. Each of those channels reads some characters as
commands:

- a terminal runs escape sequences (ESC, CSI, OSC: erase the line, set the title) and
  shows text reordered by bidirectional controls;
- a GitHub Actions log runs a line that starts with ``::`` (after blanks) and any line
  that contains ``##[`` as a workflow command (``::add-mask::``, ``::warning``, ...);
- a spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@`` (OWASP's CSV
  injection).

So every value is escaped where it leaves: control, format (bidi, invisible) and
separator characters become visible escapes such as ``\\x1b`` (a value then never holds
a line break of its own), a line never starts a workflow command, and CSV cells go
through ``defusedcsv``. Our own text never needs any of this, so it reads as before.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from defusedcsv import csv as defused_csv

# Characters a terminal or log viewer may act on, or that hide or reorder text: C0 and
# C1 controls, DEL, line and paragraph separators, lone surrogates (from file names
# that are not UTF-8) and format characters (Unicode category Cf: bidi controls,
# zero-width spaces, tags), except the two joiners that emoji and several scripts need.
# As ranges, so that escaping is one linear scan; tests check the list against the
# running Python's Unicode database.
DANGEROUS_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x0600, 0x0605),
    (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891),
    (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200B), (0x200E, 0x200F),
    (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xD800, 0xDFFF),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
_KEEP_FORMAT = frozenset("\u200c\u200d")


def dangerous(char: str) -> bool:
    """Whether a terminal or log should see ``char`` escaped (see DANGEROUS_RANGES)."""
    category = unicodedata.category(char)
    if category == "Cf":
        return char not in _KEEP_FORMAT
    return category in ("Cc", "Cs", "Zl", "Zp")


_DANGEROUS = re.compile("[" + "".join(
    re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
    for a, b in DANGEROUS_RANGES) + "]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# GitHub's runner reads '##[name]' anywhere in a line as a (legacy) workflow command.
_LEGACY_COMMAND = "##["


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def terminal_text(value: Any) -> str:
    """``value`` as text that a terminal shows as it is: dangerous characters escaped.

    ``'a\\x1b[2Kb'`` becomes ``'a\\\\x1b[2Kb'`` (a visible backslash), a newline ``\\\\n``,
    a right-to-left override ``\\\\u202e``. The result is always one line.
    """
    text = str(value)
    return _DANGEROUS.sub(lambda m: _escape(m.group()), text)


def safe_line(line: str) -> str:
    """One output line that cannot start a GitHub workflow command."""
    line = line.replace(_LEGACY_COMMAND, "#\\x23[")
    stripped = line.lstrip()
    if stripped.startswith("::"):
        at = len(line) - len(stripped)
        line = line[:at] + "\\x3a" + line[at + 1:]
    return line


def safe_output(text: str) -> str:
    """Text for a terminal or CI log: every value escaped, no line a workflow command.

    For output assembled from our own words and values: each line goes through
    :func:`safe_line`, and anything between the line breaks through
    :func:`terminal_text`, so a value can neither act on the terminal nor start a line.
    """
    return "\n".join(safe_line(terminal_text(line)) for line in text.split("\n"))


def safe_json(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) safe to print.

    Dangerous characters can only stand inside JSON strings, where ``\\uXXXX`` means the
    same character: tools read the same data, a terminal shows escapes.
    """
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char < " ":  # json.dumps escapes these in strings: here they are layout
            return char
        return json.dumps(char, ensure_ascii=True)[1:-1]

    escaped = _DANGEROUS.sub(escape, text)
    return escaped.replace(_LEGACY_COMMAND, "#\\u0023[")


def csv_cell(value: Any) -> Any:
    """A value for a CSV cell: numbers as they are, text escaped (see ``write_csv``)."""
    if value is None or isinstance(value, (int, float)):
        return value
    return safe_line(terminal_text(value))


def write_csv(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """CSV rows whose cells no spreadsheet runs as a formula and no terminal as a command.

    Control characters (tab and carriage return included) are escaped first, then
    ``defusedcsv`` prefixes a cell starting with ``=``, ``+``, ``-``, ``@``, ``|`` or
    ``%`` with an apostrophe (a plain negative number stays a number).
    """
    writer = defused_csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in header])
    writer.writerows([csv_cell(v) for v in row] for row in rows)


__all__ = ["csv_cell", "safe_json", "safe_line", "safe_output", "terminal_text", "write_csv"]
