"""JSON Schemas for every record kind, so editors validate and complete as people type.

Member files start with ``# yaml-language-server: $schema=../schemas/member.schema.json``;
the YAML language server (VS Code, Neovim, JetBrains) then flags unknown fields and
offers the community's own topic list.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .kinds import KINDS, Kind
from .topics import Vocabulary


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
        if node.pop("x-topic", False) and topics:
            node["enum"] = topics
        for value in node.values():
            _mark_topics(value, topics)
    elif isinstance(node, list):
        for value in node:
            _mark_topics(value, topics)


def write_schemas(folder: Path, vocabulary: Vocabulary) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind.name}.schema.json"
        text = json.dumps(schema_for(kind, vocabulary), indent=2, ensure_ascii=False,
                          sort_keys=False) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
