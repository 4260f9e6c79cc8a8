"""Turning a document into a typed record, and pydantic's errors into diagnostics."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostics, did_you_mean
from .records.common import Loc, Record
from .sources import Document


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


def _report(model: type[BaseModel], doc: Document, error: Any, diagnostics: Diagnostics) -> None:
    loc: Loc = tuple(error["loc"])
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    field_name = ".".join(str(p) for p in loc) or "file"
    hint = str(ctx.get("hint", "")).format(**ctx) if ctx.get("hint") else ""
    value = error.get("input")
    if kind == "missing":
        line, col = doc.locate(loc[:-1])
        diagnostics.error(doc.path, line, col, "missing-field",
                          f"required field '{field_name}' is missing",
                          f"add a line '{loc[-1]}: ...'")
        return
    if kind == "extra_forbidden":
        line, col = doc.locate(loc, key=True)
        allowed = fields_at(model, loc[:-1])
        suggestion = did_you_mean(str(loc[-1]), allowed)
        diagnostics.error(doc.path, line, col, "unknown-field", f"unknown field '{field_name}'",
                          suggestion or "allowed here: " + ", ".join(allowed))
        return
    line, col = doc.locate(loc)
    code, message, default_hint = _describe(kind, error, value, ctx)
    diagnostics.error(doc.path, line, col, code, f"{field_name}: {message}", hint or default_hint)


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
        limit = ctx.get("max_length")
        text = kind == "string_too_long" or ctx.get("field_type") == "Value"
        unit = "characters" if text else "entries"
        return "too-long", f"has more than {limit} {unit}", "shorten it"
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
