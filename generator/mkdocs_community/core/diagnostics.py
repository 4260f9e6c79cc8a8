"""Problems found in a community's files, and how they are shown.

Every check in the core reports through a :class:`Diagnostics` collector instead of
raising, so one run reports every problem at once, each pinned to a file, line and
column with a hint on how to fix it.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from enum import StrEnum

from mkdocs_community.core.neutralise import safe_json, safe_line, terminal_text
from mkdocs_community.core.wording import counted

# Warnings that advise contributors but describe a site the maintainers chose to accept:
# topics kept by 'topic_mode: suggest', markup from another site generator in a text
# (foreign_markup.py). 'community validate' shows them; a strict build does not fail.
ADVISORY_CODES = frozenset({"unknown-topic", "liquid-tag", "kramdown-attributes",
                            "image-dropped"})


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one place. ``line`` and ``col`` are 1-based; 0 means unknown."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def format_text(self) -> str:
        """``path:line:col: error[code]: message`` and an indented hint line.

        Messages quote contributor values: each part is escaped for terminals and CI
        logs (see neutralise.py), so a value can neither act on the terminal nor start
        a line of its own.
        """
        where = terminal_text(self.path)
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        text = safe_line(f"{where}: {self.severity}[{terminal_text(self.code)}]: "
                         f"{terminal_text(self.message)}")
        if self.hint:
            text += "\n" + safe_line(f"  hint: {terminal_text(self.hint)}")
        return text

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown on the pull request's diff line."""
        props = [f"file={_escape_property(self.path)}"]
        if self.line:
            props.append(f"line={self.line}")
            props.append(f"col={self.col or 1}")
        props.append(f"title={_escape_property(self.code)}")
        message = self.message + (f" (hint: {self.hint})" if self.hint else "")
        return f"::{self.severity} {','.join(props)}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    # The workflow-command escaping GitHub's own toolkit applies.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Diagnostics:
    """An ordered, de-duplicated collection of diagnostics for one run."""

    def __init__(self) -> None:
        self._items: dict[Diagnostic, None] = {}

    def add(self, diagnostic: Diagnostic) -> None:
        self._items.setdefault(diagnostic, None)

    def error(
        self, path: str, line: int, col: int, code: str, message: str, hint: str = ""
    ) -> None:
        self.add(Diagnostic(path, line, col, code, message, hint))

    def warning(
        self, path: str, line: int, col: int, code: str, message: str, hint: str = ""
    ) -> None:
        self.add(Diagnostic(path, line, col, code, message, hint, Severity.WARNING))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.add(diagnostic)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(self._items))

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.ERROR]

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self._items)


def format_diagnostics(diagnostics: Iterable[Diagnostic], fmt: str = "text") -> str:
    """Render diagnostics as ``text``, ``github`` annotations or ``json``."""
    items = list(diagnostics)
    if fmt == "json":
        return safe_json(json.dumps([asdict(d) for d in items], indent=2, ensure_ascii=False))
    if fmt == "github":
        return "\n".join(d.format_github() for d in items)
    return "\n".join(d.format_text() for d in items)


def plural(count: int, singular: str, plural_form: str = "") -> str:
    """``count`` and the noun that agrees with it: "1 change", "2 changes", "0 changes"."""
    noun = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {noun}"


def summary(diagnostics: Diagnostics) -> str:
    errors = len(diagnostics.errors)
    warnings = len(diagnostics) - errors
    parts = [counted(errors, "%(num)d error", "%(num)d errors", zero="no errors")]
    if warnings:
        parts.append(counted(warnings, "%(num)d warning", "%(num)d warnings"))
    return ", ".join(parts)


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str:
    """A ``did you mean 'x'?`` hint, or an empty string when nothing is close."""
    matches = difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)
    if not matches:
        return ""
    return "did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"
