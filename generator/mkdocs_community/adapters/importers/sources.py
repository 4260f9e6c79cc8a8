"""Reading the files a community keeps its people in before it moves in.

Three shapes: a CSV table (a spreadsheet or a form's export), a YAML or JSON list or
mapping of people (one big file), and all-contributors' ``.all-contributorsrc``. Each is
read as data and nothing else: YAML with PyYAML's ``BaseLoader``, so every scalar stays
the text that was written (``elixir_node: no`` is Norway, not ``False``; ``joined:
2019-06`` is text) and no tag is run; CSV as UTF-8 (a spreadsheet's byte-order mark
dropped). A problem with the file is an :class:`ImportError_` with the line to look at.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_SOURCE_BYTES = 64 * 1024 * 1024


@dataclass
class SourceRecord:
    """One person (or team) as the source holds them."""

    key: str  # the mapping key, the login, or the row number
    fields: dict[str, Any]
    where: str  # for messages: "people.yaml: ada", "members.csv, row 3"


@dataclass
class Source:
    path: str
    records: list[SourceRecord] = field(default_factory=list)
    # Keys a YAML mapping gives twice: YAML keeps the last, so the first is lost.
    duplicates: list[str] = field(default_factory=list)


def duplicate_keys(text: str) -> list[str]:
    """'key (lines 3 and 40)' for each key the top-level mapping of ``text`` repeats."""
    try:
        node = yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return []
    if isinstance(node, yaml.MappingNode) and len(node.value) == 1 and \
            node.value[0][0].value == "people":
        node = node.value[0][1]
    if not isinstance(node, yaml.MappingNode):
        return []
    first: dict[str, int] = {}
    found = []
    for key, _ in node.value:
        line = key.start_mark.line + 1
        if key.value in first:
            found.append(f"{key.value} (lines {first[key.value]} and {line})")
        first.setdefault(key.value, line)
    return found


class ImportProblem(Exception):
    """The source cannot be read; the message says where and why."""


def read_text(path: Path) -> str:
    if path.is_symlink() or not path.is_file():
        raise ImportProblem(f"{path}: not a regular file")
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise ImportProblem(f"{path}: larger than {MAX_SOURCE_BYTES:,} bytes")
    try:
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ImportProblem(f"{path}: not UTF-8 (byte {exc.start}); save it as UTF-8") \
            from None


def read_csv(path: Path) -> Source:
    """A table with a header row: one record per row, fields by column name."""
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        raise ImportProblem(f"{path}: no header row")
    source = Source(path.name)
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise ImportProblem(f"{path}, line {reader.line_num}: more cells than columns")
        fields = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if any(fields.values()):
            source.records.append(SourceRecord(str(number), fields,
                                               f"{path.name}, row {number}"))
    return source


def read_data(path: Path) -> Any:
    """A YAML or JSON file's data, every YAML scalar kept as text."""
    text = read_text(path)
    if path.suffix.lower() == ".json" or path.name == ".all-contributorsrc":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportProblem(f"{path}, line {exc.lineno}: not JSON ({exc.msg})") from None
    try:
        # BaseLoader: every scalar is the text as written, no tag is constructed.
        return yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f", line {mark.line + 1}" if mark else ""
        raise ImportProblem(f"{path}{where}: not YAML ({exc.problem})") from None
    except yaml.YAMLError as exc:
        raise ImportProblem(f"{path}: not YAML ({exc})") from None


def read_people(path: Path, key_field: str = "") -> Source:
    """A list of people, or a mapping of key to person (YAML or JSON)."""
    data = read_data(path)
    source = Source(path.name)
    if path.suffix.lower() != ".json":
        source.duplicates = duplicate_keys(read_text(path))
    if isinstance(data, dict) and isinstance(data.get("people"), list | dict):
        data = data["people"]
    if isinstance(data, dict):
        for key, fields in data.items():
            if isinstance(fields, dict):
                source.records.append(SourceRecord(str(key), fields, f"{path.name}: {key}"))
            else:
                raise ImportProblem(f"{path}: '{key}' is not a mapping of fields")
    elif isinstance(data, list):
        for i, fields in enumerate(data, start=1):
            if not isinstance(fields, dict):
                raise ImportProblem(f"{path}: item {i} is not a mapping of fields")
            key = str(fields.get(key_field) or i) if key_field else str(i)
            source.records.append(SourceRecord(key, fields, f"{path.name}: item {i}"))
    else:
        raise ImportProblem(f"{path}: holds neither a list nor a mapping of people")
    return source


def read_all_contributors(path: Path) -> Source:
    """all-contributors' ``.all-contributorsrc``: its ``contributors`` list."""
    data = read_data(path)
    if not isinstance(data, dict) or not isinstance(data.get("contributors"), list):
        raise ImportProblem(f"{path}: no 'contributors' list (is it an .all-contributorsrc?)")
    source = Source(path.name)
    project = str(data.get("projectName") or "")
    for i, fields in enumerate(data["contributors"], start=1):
        if not isinstance(fields, dict):
            raise ImportProblem(f"{path}: contributor {i} is not a mapping")
        fields = {**fields, "projectName": project} if project else dict(fields)
        source.records.append(SourceRecord(str(fields.get("login") or i), fields,
                                           f"{path.name}: contributor {i}"))
    return source
