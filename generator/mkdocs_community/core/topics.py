"""The community's one shared vocabulary of topics, with aliases.

Skills, interests, mentoring topics and the topics of events and resources all
resolve through here, so "JS", "js" and "javascript" are one filter value and one
matching key, and a typo is caught instead of becoming a new topic.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_community.core.diagnostics import Diagnostics, did_you_mean
from mkdocs_community.core.sources import Document, load_document, text_problem

# Words of letters and digits joined by '-' or '.', marks '+' and '#' after a word
# (c++, c#, c++-tools, node.js). Written so that each character can be read only one
# way: the earlier pattern let '+' belong to a separator or to a word, and an id of
# 'a' and 44 '+' took a minute to refuse.
TOPIC_ID = re.compile(r"^[a-z0-9]+(?:(?:[-.]|[+#]+[-.]?)[a-z0-9]+)*[+#]*$")
MAX_ID = 100  # as the topic fields of records (records/common.py TopicId)
MAX_LABEL = 80
MAX_DESCRIPTION = 300
MAX_ALIASES = 20
# How alike a word and a topic must be (difflib's ratio) to be suggested: 0.75 lets one
# or two typos through ("pyhton", "kubernets") and keeps out look-alikes ("Tableau").
SUGGEST_CUTOFF = 0.75
# A label YAML reads as plain text without quotes.
_PLAIN_LABEL = re.compile(r"\w[\w .+#/()-]*")


def topic_id_for(text: str) -> str:
    """The id a new topic named ``text`` would get ("Grant Writing" -> "grant-writing"),
    or "" when ``text`` has no letters an id can hold."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    candidate = re.sub(r"[^a-z0-9+#.]+", "-", ascii_text.casefold()).strip("-.")
    return candidate if TOPIC_ID.match(candidate) else ""


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    description: str = ""
    aliases: tuple[str, ...] = ()


def _fold(text: str) -> str:
    # Aliases match regardless of case, spacing and separators: "Public Speaking",
    # "public_speaking" and "public-speaking" are the same topic.
    return re.sub(r"[\s_\-]+", "-", text.strip().casefold())


@dataclass(frozen=True)
class Vocabulary:
    """Topics by id, and a lookup from every spelling (id, label, alias) to its id."""

    topics: dict[str, Topic] = field(default_factory=dict)
    source: str = "topics.yml"
    # Topics written in records but not in the file ('suggest' and 'open' topic modes).
    free: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        lookup: dict[str, str] = {}
        for topic in self.topics.values():
            for spelling in (topic.id, topic.label, *topic.aliases):
                lookup.setdefault(_fold(spelling), topic.id)
        object.__setattr__(self, "_lookup", lookup)

    def resolve(self, text: str) -> str | None:
        """The topic id that ``text`` names, or None."""
        return self._lookup.get(_fold(text))  # type: ignore[attr-defined]

    def suggest(self, text: str) -> list[str]:
        """The known topic ids spelled like ``text``, for a did-you-mean hint.

        Only near misses: a typo ("kubernets"), or the start of a longer name ("bioinfo").
        A word that merely shares letters with a topic ("Tableau", "team-lead") gets no
        suggestion, because a wrong one sends people off to use a topic they did not mean.
        """
        folded = _fold(text)
        lookup: dict[str, str] = self._lookup  # type: ignore[attr-defined]
        close = difflib.get_close_matches(folded, list(lookup), n=6, cutoff=SUGGEST_CUTOFF)
        if len(folded) >= 4:
            close += sorted(k for k in lookup if k.startswith(folded))
        ids = [lookup[c] for c in close]
        return list(dict.fromkeys(ids))[:3]

    def unknown_hint(self, text: str) -> str:
        """Close matches, then how to add the topic: in this file, by the same pull request."""
        near = self.suggest(text)
        hint = ("did you mean " + " or ".join(f"'{t}'" for t in near) + "? ") if near else ""
        if not self.topics:
            new_id = topic_id_for(text) or "my-topic"
            return hint + (f"the community has no topics yet: create {self.source} (a line "
                           f"'{new_id}: {text.strip()}' is a topic) in the same pull request")
        if near:
            return hint + f"(a topic that is truly new is added to {self.source} in the same " \
                "pull request)"
        label = text.strip()
        label = label if label != label.casefold() else label[:1].upper() + label[1:]
        new_id = topic_id_for(label)
        if not _PLAIN_LABEL.fullmatch(label):
            label = json.dumps(label, ensure_ascii=False)  # quoted, as YAML needs it
        where = f"add a line '{new_id}: {label}' to {self.source}" if new_id else \
            f"add it to {self.source}"
        return f"no topic is spelled like this; if the community should have it, {where} " \
            "in the same pull request"

    def with_free(self, free: dict[str, Topic]) -> Vocabulary:
        """This vocabulary and the free tags records use, marked as not curated."""
        merged = dict(sorted({**free, **self.topics}.items()))
        return Vocabulary(merged, self.source, self.free | frozenset(free))

    def curated(self, topic_id: str) -> bool:
        """Whether the topic comes from the topics file (not a free tag)."""
        return topic_id in self.topics and topic_id not in self.free

    def label(self, topic_id: str) -> str:
        topic = self.topics.get(topic_id)
        return topic.label if topic else topic_id

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self.topics

    def __len__(self) -> int:
        return len(self.topics)


def _texts_ok(doc: Document, topic_id: str, spec: dict, aliases: list[str],
              diagnostics: Diagnostics) -> bool:
    """The record text checks for a topic's label, description and aliases: labels land
    on every page that shows the topic, and in terminal output."""
    ok = True
    if len(aliases) > MAX_ALIASES:
        line, col = doc.locate((topic_id, "aliases"))
        diagnostics.error(doc.path, line, col, "too-long",
                          f"topic '{topic_id}' has more than {MAX_ALIASES} aliases",
                          "keep the spellings people really use")
        ok = False
    fields: list[tuple[tuple[str | int, ...], object, int]] = [
        (("label",), spec.get("label"), MAX_LABEL),
        (("description",), spec.get("description"), MAX_DESCRIPTION),
        *((("aliases", i), alias, MAX_ID) for i, alias in enumerate(aliases))]
    for loc, value, limit in fields:
        if value is None:
            continue
        line, col = doc.locate((topic_id, *loc))
        name = ".".join(str(p) for p in loc)
        if not isinstance(value, str):
            diagnostics.error(doc.path, line, col, "wrong-type",
                              f"topic '{topic_id}': {name} must be text")
            ok = False
            continue
        problem = text_problem(value, limit)
        if problem is not None:
            code, message, hint = problem
            diagnostics.error(doc.path, line, col, code, f"topic '{topic_id}': {name}: {message}",
                              hint)
            ok = False
    return ok


def load_vocabulary(
    file: Path, root: Path, display: str, diagnostics: Diagnostics, *, required: bool = True
) -> Vocabulary:
    """Read the topics file: a mapping of topic id to label, aliases and description.

    Without ``required`` (the site did not name a topics file), a missing file is an
    empty vocabulary: a new community starts without topics, and the first record that
    names one is told where to add it.
    """
    if not file.is_file():
        if required or file.exists():
            diagnostics.error(display, 0, 0, "topics-missing",
                              f"topic vocabulary '{display}' not found",
                              "create it, or point the plugin's 'topics' option at it")
        return Vocabulary(source=display)
    doc = load_document(file, root, display, diagnostics)
    if doc is None:
        return Vocabulary(source=display)
    topics: dict[str, Topic] = {}
    owner: dict[str, str] = {}
    for topic_id, spec in doc.data.items():
        line, col = doc.locate((topic_id,), key=True)
        if len(topic_id) > MAX_ID or not TOPIC_ID.match(topic_id):
            diagnostics.error(display, line, col, "topic-id",
                              f"topic id '{topic_id[:MAX_ID + 1]}' must be lowercase letters, "
                              f"digits and hyphens, at most {MAX_ID} characters",
                              f"e.g. '{_fold(topic_id)[:MAX_ID]}'")
            continue
        spec = {} if spec is None else spec
        if isinstance(spec, str):
            spec = {"label": spec}
        if not isinstance(spec, dict):
            diagnostics.error(display, line, col, "wrong-type",
                              f"topic '{topic_id}' must be a mapping with 'label' and 'aliases'")
            continue
        unknown = set(spec) - {"label", "aliases", "description"}
        for key in sorted(unknown):
            kl, kc = doc.locate((topic_id, key), key=True)
            diagnostics.error(display, kl, kc, "unknown-field", f"unknown field '{key}' in topic",
                              did_you_mean(key, ["label", "aliases", "description"]))
        aliases = spec.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            al, ac = doc.locate((topic_id, "aliases"))
            diagnostics.error(display, al, ac, "wrong-type", "aliases must be a list of text")
            aliases = []
        if not _texts_ok(doc, topic_id, spec, aliases, diagnostics):
            continue
        for i, alias in enumerate([topic_id, *aliases]):
            folded = _fold(alias)
            if owner.get(folded, topic_id) != topic_id:
                al, ac = doc.locate((topic_id, "aliases", i - 1)) if i else (line, col)
                diagnostics.error(display, al, ac, "duplicate-alias",
                                  f"'{alias}' already names topic '{owner[folded]}'")
            owner.setdefault(folded, topic_id)
        label = spec.get("label") or topic_id.replace("-", " ").capitalize()
        topics[topic_id] = Topic(topic_id, str(label), str(spec.get("description") or ""),
                                 tuple(str(a) for a in aliases))
    return Vocabulary(dict(sorted(topics.items())), display)
