"""JSON Schemas for every record kind, so editors validate and complete as people type.

Member files start with ``# yaml-language-server: $schema=../schemas/member.schema.json``;
the YAML language server (VS Code, Neovim, JetBrains) then flags unknown fields and
offers the community's own topic list.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from mkdocs_community.core.kinds import KINDS, Kind
from mkdocs_community.core.topics import Vocabulary


def schema_for(kind: Kind, vocabulary: Vocabulary) -> dict[str, Any]:
    """The JSON Schema of one kind, with topic fields limited to the vocabulary."""
    schema = kind.model.model_json_schema(mode="validation")
    topics = sorted({*vocabulary.topics, *(a for t in vocabulary.topics.values()
                                            for a in t.aliases)})
    _mark_topics(schema, topics)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind.name}.schema.json",
        **schema,
        "title": f"{kind.name.capitalize()} record",
        "description": (kind.model.__doc__ or "").strip().splitlines()[0],
    }


def _mark_topics(node: Any, topics: list[str]) -> None:
    # TopicId marks itself with "x-topic"; swap that for the actual list of topics.
    if isinstance(node, dict):
        node.pop("x-topics", None)
        if node.pop("x-topic", False) and topics:
            node["enum"] = topics
        for value in node.values():
            _mark_topics(value, topics)
    elif isinstance(node, list):
        for value in node:
            _mark_topics(value, topics)


class SchemaError(Exception):
    """The schemas cannot be written safely (a symbolic link on the way)."""


def _no_links(folder: Path, root: Path) -> None:
    # A branch under review may commit 'schemas' (or a folder above it) as a link to
    # anywhere; writing through it would overwrite what it points at.
    current = folder
    while True:
        if current.is_symlink():
            raise SchemaError(f"{current} is a symbolic link; refusing to write through it")
        if current == root or current.parent == current or not current.is_relative_to(root):
            return  # the folders above the site are the machine's, not the branch's
        current = current.parent


def _write(path: Path, text: str) -> None:
    """Write ``path`` as a new file: a link standing there is replaced, never followed."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_schemas(folder: Path, vocabulary: Vocabulary, root: Path | None = None) -> list[Path]:
    """Write every kind's schema into ``folder`` (below ``root``), never through a link."""
    _no_links(folder, root or folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind.name}.schema.json"
        text = json.dumps(schema_for(kind, vocabulary), indent=2, ensure_ascii=False,
                          sort_keys=False) + "\n"
        _write(path, text)
        written.append(path)
    return written
