"""What ``community validate`` says about a value, as templates a browser can fill in.

The profile form checks values as people type and must say what the CLI would say. The
sentences are not typed again in JavaScript: each rule is run once, at build time, by the
CLI's own validation on a probe value, and the diagnostic it gives becomes a template in
which the probe's particulars (the value written, a count, a limit) are placeholders again.
When validation's wording changes, the form's changes with it.

A template holds ``{name}`` (or ``{name:,}`` for a number written with thousands
separators) placeholders; a literal brace is doubled. Probe values contain the marker
``zqx``: a template that still shows it after the placeholders were put in repeats the
value in a way a template cannot (say, capitalised), and that part is left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mkdocs_community.core.diagnostics import Diagnostics
from mkdocs_community.core.records.common import Loc, Record
from mkdocs_community.core.sources import Document
from mkdocs_community.core.validation import validate_record

MARKER = "zqx"  # in every probe value; no message of ours contains it
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
# Diagnostics that name the field inside their sentence rather than before it.
_WHOLE_SENTENCE = frozenset({"missing-field", "unknown-field"})


@dataclass(frozen=True)
class Message:
    """A message and its hint, with placeholders; ``code`` is the diagnostic's code."""

    code: str
    text: str
    hint: str

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "text": self.text, "hint": self.hint}


def with_value(data: Mapping[str, Any], loc: Loc, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with ``value`` at ``loc`` (mappings made on the way; a number
    in ``loc`` is an entry of the list that is there); ``value`` None removes the field."""
    result = dict(data)
    head, *rest = loc
    if rest and isinstance(rest[0], int):
        entries = list(result.get(head) or [])
        index, *inner = rest
        entries[index] = with_value(dict(entries[index]), tuple(inner), value) if inner \
            else value
        result[head] = entries
    elif rest:
        result[head] = with_value(dict(result.get(head) or {}), tuple(rest), value)
    elif value is None:
        result.pop(head, None)
    else:
        result[head] = value
    return result


def probe(model: type[Record], data: Mapping[str, Any], context: Mapping[str, Any], *,
          texts: Mapping[str, str] | None = None,
          numbers: Mapping[str, int] | None = None) -> Message | None:
    """The one diagnostic validation gives for ``data``, as a template; None when it gives
    none or several (the probe did not isolate one rule).

    ``texts`` maps what the probe wrote to placeholder names (``{"zqx y": "value"}``);
    ``numbers`` maps placeholder names to numbers the message may show.
    """
    diagnostics = Diagnostics()
    document = Document(path="probe.yml", data=dict(data))
    validate_record(model, document, {"id": "probe", "source": "probe.yml"}, dict(context),
                    diagnostics)
    found = list(diagnostics)
    if len(found) != 1:
        return None
    diagnostic = found[0]
    text = diagnostic.message
    if diagnostic.code not in _WHOLE_SENTENCE:
        # "<where in the record>: <what is wrong>": a form shows it at the field itself.
        text = text.partition(": ")[2] or text
    text = template(text, texts or {}, numbers or {})
    hint = template(diagnostic.hint, texts or {}, numbers or {})
    if MARKER in text.casefold():
        return None
    if MARKER in hint.casefold():
        hint = ""
    return Message(diagnostic.code, text, hint)


def template(text: str, texts: Mapping[str, str], numbers: Mapping[str, int]) -> str:
    """``text`` with the given texts and numbers turned into placeholders."""
    parts: list[str] = []
    pattern = "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True) if t)
    position = 0
    for found in re.finditer(pattern, text) if pattern else ():
        parts.append(_numbers(text[position:found.start()], numbers))
        parts.append("{" + texts[found.group()] + "}")
        position = found.end()
    parts.append(_numbers(text[position:], numbers))
    return "".join(parts)


def _numbers(text: str, numbers: Mapping[str, int]) -> str:
    by_value = {value: name for name, value in numbers.items()}

    def one(found: re.Match[str]) -> str:
        written = found.group()
        name = by_value.get(int(written.replace(",", "")))
        if name is None:
            return written
        return "{" + name + (":," if "," in written else "") + "}"

    return _NUMBER.sub(one, text.replace("{", "{{").replace("}", "}}"))
