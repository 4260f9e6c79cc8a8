"""Turning a document into a typed record, and pydantic's errors into diagnostics."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from mkdocs_community.core.diagnostics import Diagnostics, did_you_mean
from mkdocs_community.core.records.common import Loc, Record
from mkdocs_community.core.sources import Document


def validate_record(
    model: type[Record], doc: Document, extra: dict[str, Any], context: dict[str, Any],
    diagnostics: Diagnostics,
) -> Record | None:
    """Validate ``doc`` as ``model``; report every problem and return None on any error.

    ``extra`` holds fields the file does not spell out (its id, its Markdown body).
    """
    for key in extra:
        if key in doc.data:
            line, col = doc.locate((key,), key=True)
            diagnostics.error(doc.path, line, col, "reserved-field",
                              f"'{key}' is set from the file itself and cannot be written here",
                              "remove this line" + ("; the id is the file name" if key == "id"
                                                    else ""))
    try:
        return model.model_validate({**doc.data, **extra}, context=context)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            _report(model, doc, error, diagnostics)
        return None


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\w+)\}")


def fill_in(template: str, values: dict[str, Any]) -> str:
    """``template`` with ``{name}`` replaced by ``values[name]`` and ``{{``/``}}`` unescaped.

    Not ``str.format``: a hint can quote what the contributor wrote ("unknown topic
    '{x}'"), and their braces must come out as written, not raise or be filled in.
    """
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group()[0]
        return str(values[name]) if name in values else match.group()

    return _PLACEHOLDER.sub(one, template)


def _report(model: type[BaseModel], doc: Document, error: Any, diagnostics: Diagnostics) -> None:
    loc: Loc = tuple(error["loc"])
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    hint = fill_in(str(ctx.get("hint") or ""), ctx)
    value = error.get("input")
    if kind == "missing":
        line, col = doc.locate(loc[:-1])
        diagnostics.error(doc.path, line, col, "missing-field",
                          f"required field '{describe_place(loc)}' is missing",
                          f"add a line '{loc[-1]}: ...'")
        return
    if kind == "extra_forbidden":
        line, col = doc.locate(loc, key=True)
        allowed = fields_at(model, loc[:-1])
        suggestion = did_you_mean(str(loc[-1]), allowed)
        diagnostics.error(doc.path, line, col, "unknown-field",
                          f"unknown field '{describe_place(loc)}'",
                          suggestion or "allowed here: " + ", ".join(allowed))
        return
    line, col = doc.locate(loc)
    code, message, default_hint = _describe(kind, error, value, ctx)
    diagnostics.error(doc.path, line, col, code, f"{describe_place(loc)}: {message}",
                      hint or default_hint)


# What one entry of a list field is called, for "the 3rd skill" rather than "skills.2".
_ENTRY_NAMES = {
    "skills": "skill", "interests": "interest", "languages": "language", "topics": "topic",
    "offers": "topic you offer", "seeks": "topic you seek", "mentors": "mentor",
    "hosts": "host", "speakers": "speaker", "members": "member",
    "facilitators": "facilitator", "goals": "goal", "measures": "measure",
    "exdates": "skipped date", "aliases": "alias", "events": "event", "resources": "resource",
    "groups": "group", "affiliations": "affiliation", "roles": "role", "locations": "place",
}


def ordinal(number: int) -> str:
    """``1`` -> ``1st``, ``2`` -> ``2nd``, ``13`` -> ``13th``, ``22`` -> ``22nd``."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"{number:,}{suffix}"


def describe_place(loc: Loc) -> str:
    """Where in a record a value is, in words: ``('skills', 2)`` -> ``the 3rd skill``,
    ``('location', 'country')`` -> ``country in location``, innermost first."""
    parts: list[str] = []
    items = [p for p in loc if isinstance(p, int | str)]
    i = 0
    while i < len(items):
        part = items[i]
        following = items[i + 1] if i + 1 < len(items) else None
        if isinstance(part, str) and isinstance(following, int):
            entry = _ENTRY_NAMES.get(part)
            parts.append(f"the {ordinal(following + 1)} {entry}" if entry
                         else f"the {ordinal(following + 1)} entry of '{part}'")
            i += 2
        elif isinstance(part, int):
            parts.append(f"the {ordinal(part + 1)} entry")
            i += 1
        else:
            parts.append(part)
            i += 1
    return " in ".join(reversed(parts)) or "the file"


def _describe(kind: str, error: Any, value: Any, ctx: dict[str, Any]) -> tuple[str, str, str]:
    shown = repr(value) if isinstance(value, str) else ""
    if kind in {"string_type", "int_type", "bool_type", "float_type", "date_type"}:
        wanted = {"string_type": "text", "int_type": "a whole number", "bool_type": "true or false",
                  "float_type": "a number", "date_type": "a date"}[kind]
        return "wrong-type", f"expected {wanted}, found {_shape(value)}", ""
    if kind in {"int_parsing", "int_from_float"}:
        return "wrong-type", f"expected a whole number, found {shown}", ""
    if kind == "bool_parsing":
        return "wrong-type", f"expected true or false, found {shown}", ""
    if kind in {"list_type", "model_type", "model_attributes_type", "dict_type"}:
        wanted = "a list" if kind == "list_type" else "a mapping of fields"
        hint = "write a list like [python, sql]" if kind == "list_type" else \
            "indent the fields below this line"
        return "wrong-type", f"expected {wanted}, found {_shape(value)}", hint
    if kind == "enum":
        expected = str(ctx.get("expected", ""))
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip()]
        return ("invalid-value", f"{shown} is not one of {expected}",
                did_you_mean(str(value), options))
    if kind in {"string_too_long", "too_long"}:
        limit = int(ctx.get("max_length") or 0)
        count = ctx.get("actual_length")
        if count is None and isinstance(value, str | list):
            count = len(value.strip() if isinstance(value, str) else value)
        unit = "characters" if kind == "string_too_long" or isinstance(value, str) else "entries"
        if count is None:
            return "too-long", f"has more than {limit:,} {unit}", "shorten it"
        extra = int(count) - limit
        if unit == "entries":
            return ("too-long", f"has {int(count):,} entries; the limit is {limit:,}",
                    f"remove {extra:,} of them")
        return ("too-long", f"is {int(count):,} characters; the limit is {limit:,}",
                f"shorten it by {extra:,} character{'s' if extra != 1 else ''}")
    if kind in {"string_too_short", "too_short"}:
        return "empty-value", "must not be empty", ""
    if kind.startswith(("greater_than", "less_than")):
        return "out-of-range", error["msg"].lower(), ""
    return kind.replace("_", "-"), error["msg"], ""


def _shape(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed in the (nested) mapping at ``loc`` of ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            current = _item_type(current)
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _unwrap(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [name for name, f in current.model_fields.items()
                if name not in {"id", "source", "body"}]
    return []


def _unwrap(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(options[0]) if len(options) == 1 else annotation
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


def _item_type(annotation: Any) -> Any:
    args = typing.get_args(_unwrap(annotation))
    return _unwrap(args[0]) if args else None
