"""Topics beyond the curated vocabulary: the ``suggest`` and ``open`` topic modes.

In ``strict`` mode (the default) every topic must be in the topics file. A community that
moves in with years of free-text expertise (1,352 distinct strings for 700 people) cannot
start there, so:

- ``suggest``: a topic not in the file is kept, with a located warning that names the
  nearest curated topic; filters and aliases use the curated set only;
- ``open``: topics are free tags; the curated set still merges its aliases.

Records keep a free tag as written; :func:`settle_free_topics` then gives all spellings
of one tag ("Machine Learning", "machine  learning") one id and one label (the spelling
most people wrote) and adds them to the community's vocabulary as uncurated topics.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from mkdocs_community.core.records.common import Loc, Record
from mkdocs_community.core.topics import Topic, Vocabulary

STRICT, SUGGEST, OPEN = "strict", "suggest", "open"


def free_topic_id(text: str) -> str:
    """The id of a free tag: case, width and spacing folded, words joined by '-'."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "-".join(w for w in re.split(r"[\s_\-]+", folded) if w)


def topic_uses(record: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """(location, topic) for every topic a record holds, in field order."""
    for name, info in type(record).model_fields.items():
        value = getattr(record, name, None)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if extra.get("x-topics") and isinstance(value, list):
            for i, topic in enumerate(value):
                yield (*loc, name, i), topic
        elif isinstance(value, BaseModel):
            yield from topic_uses(value, (*loc, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from topic_uses(item, (*loc, name, i))


def _replace(record: Any, mapping: dict[str, str]) -> Any:
    """``record`` with every topic renamed through ``mapping`` (others unchanged)."""
    update: dict[str, Any] = {}
    for name, info in type(record).model_fields.items():
        value = getattr(record, name, None)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if extra.get("x-topics") and isinstance(value, list):
            renamed = list(dict.fromkeys(mapping.get(t, t) for t in value))
            if renamed != value:
                update[name] = renamed
        elif isinstance(value, BaseModel):
            new = _replace(value, mapping)
            if new is not value:
                update[name] = new
        elif isinstance(value, list) and any(isinstance(v, BaseModel) for v in value):
            items = [_replace(v, mapping) if isinstance(v, BaseModel) else v for v in value]
            if any(a is not b for a, b in zip(items, value, strict=True)):
                update[name] = items
    return record.model_copy(update=update) if update else record


def settle_free_topics(records: list[Record], vocabulary: Vocabulary
                       ) -> tuple[list[Record], Vocabulary, list[tuple[Record, Loc, str]]]:
    """Free tags given one id each; the vocabulary with them as uncurated topics; and
    (record, location, tag) for every free tag written, for ``suggest`` mode's warnings."""
    spellings: dict[str, Counter[str]] = {}
    written: list[tuple[Record, Loc, str]] = []
    for record in records:
        for loc, topic in topic_uses(record):
            if topic in vocabulary.topics:
                continue
            spellings.setdefault(free_topic_id(topic), Counter())[topic] += 1
            written.append((record, loc, topic))
    if not spellings:
        return records, vocabulary, []
    mapping: dict[str, str] = {}
    free: dict[str, Topic] = {}
    for topic_id, counts in spellings.items():
        if topic_id in vocabulary.topics:  # a width or spacing variant of a curated id
            mapping.update(dict.fromkeys(counts, topic_id))
            continue
        # The spelling most people used; ties go to the first in code-point order.
        label = min(counts, key=lambda s: (-counts[s], s))
        free[topic_id] = Topic(topic_id, label)
        for spelling in counts:
            mapping[spelling] = topic_id
    settled = [_replace(r, mapping) for r in records]
    return settled, vocabulary.with_free(free), written
