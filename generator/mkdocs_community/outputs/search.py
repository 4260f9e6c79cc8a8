"""What the site's search finds: one concise search document per generated page.

Material's search plugin (lunr in the browser) splits a page's HTML into one search
entry per heading that has an ``id``, with every word under it. For a profile that is
five entries (bio, skills, interests, mentoring, links) and all the boilerplate; at
10,000 members the index passes 12 MB, and an index page that lists every member is one
entry holding every name in the community. So a generated page is indexed as exactly one
document, which this module writes:

* the page's visible body is wrapped in ``<cm-page data-search-exclude>`` (Material's
  documented way to keep markup out of the index), and so is every heading with an
  ``id`` inside it, because the indexer starts a new, otherwise empty, entry at each;
* a hidden ``<div class="cm-search-doc">`` before it carries the search text: for a
  record page the fields people search by (a member's role, organisation, place, skills
  and mentoring topics; an event's or resource's title, topics, type and people), for an
  index page its description. It is also the summary shown under the result.
* lunr matches words exactly as written, so "jose" does not find "José", "muller" does
  not find "Müller", and a name written in another script ("김서연") is not found by
  "Seoyeon". Each page also gets *keywords*: an ASCII-folded copy of every word that
  folding changes ("Jose Alvarez Nunez Muller Mueller"), the member's GitHub handle and
  the words of their pronunciation guide. The visible text carries the romanised name
  ("Kim Seo-yeon"), which the member gives in ``name_romanised``. Keywords are for
  matching only and are never shown: they go into a search field of their own
  (:func:`add_keywords`), one Material indexes (its ``fields`` setting) but never
  renders, since a result shows only a document's title, text and tags.

Nothing here knows MkDocs; the convention (``data-search-exclude``) is the one lunr-based
static-site search uses, and the text is reusable by any other search backend.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from mkdocs_community.core.build import Build, PageSpec
from mkdocs_community.core.records.common import Record
from mkdocs_community.core.records.member import Member

# Letters that Unicode does not decompose into a base letter plus accents.
_SPECIAL = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ø": "o", "Ø": "O", "ł": "l",
    "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i",
    "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "Ng", "ʻ": "", "’": "'",
})
# German-style transliteration, so "mueller" finds "Müller" as well as "muller".
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# Longest search text of one record page. A member with every field filled stays
# well under it; it bounds the index at ~0.5 KB per page whatever people write.
MAX_TEXT = 700
SEPARATOR = " · "
# Starts only where a word starts, and each part is read once: linear on a long word.
_HYPHENATED = re.compile(r"(?<![^\W_])[^\W_]++(?:-[^\W_]++)+")


def fold(text: str) -> str:
    """``text`` with accents removed and special letters spelled in ASCII where possible.

    >>> fold("José Álvarez Núñez, Łódź, Zoë")
    'Jose Alvarez Nunez, Lodz, Zoe'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def folded_variants(text: str) -> list[str]:
    """Every spelling of the words of ``text`` that folding adds, each once, in order."""
    words = _WORD.findall(text)
    seen = {w.casefold() for w in words}
    extra: list[str] = []
    for word in words:
        if word.isascii():  # folds to itself (most words): nothing to add
            continue
        for variant in (fold(word), fold(word.translate(_GERMAN))):
            key = variant.casefold()
            if key not in seen:
                seen.add(key)
                extra.append(variant)
    return extra


def with_folded(text: str) -> str:
    """``text`` followed by the folded spellings of its words that differ."""
    extra = folded_variants(text)
    return f"{text}{SEPARATOR}{' '.join(extra)}" if extra else text


def _clip(text: str, limit: int = MAX_TEXT) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ·,;:") + "…"


def _words(parts: Iterable[str | None]) -> list[str]:
    """The folded spellings of the words of ``parts`` that differ from how they are written."""
    return folded_variants(_join(parts))


def _join(parts: Iterable[str | None]) -> str:
    return SEPARATOR.join(p.strip() for p in parts if p and p.strip())


def _labelled(label: str, values: Iterable[str]) -> str:
    values = [v for v in values if v]
    return f"{label}: {', '.join(values)}" if values else ""


def member_text(build: Build, member: Member) -> str:
    """What a member is found by, and what their search result shows: the name in Latin
    letters (if they write it in another script), role, organisation, place, skills and
    mentoring topics."""
    topic = build.community.topics.label
    mentoring = member.mentoring
    offers = mentoring.offers if mentoring and member.offers_mentoring else []
    seeks = mentoring.seeks if mentoring else []
    lang = build.lang
    _ = lang.gettext
    organisations = ", ".join(member.organisations)
    role = _("%(role)s at %(organisation)s") % {
        "role": member.role, "organisation": organisations} \
        if member.role and organisations else member.role or organisations
    return _clip(_join([
        member.name_romanised if member.name_romanised != member.name else "",
        role,
        member.place_in(lang.code),
        _labelled(_("Roles"), (r.words for r in member.roles)),
        _labelled(_("Skills"), map(topic, member.skills)),
        _labelled(_("Mentors in"), map(topic, offers)),
        _labelled(_("Looking for a mentor in"), map(topic, seeks)),
    ]))


def member_keywords(member: Member) -> str:
    """Words a member is also found by, never shown: the ASCII spellings of their name,
    organisation and place ("Jose", "Sevilla"), their GitHub handle and the words of their
    pronunciation guide ("Matsumoto Aya (mah-tsoo-MOH-toh AH-yah)")."""
    # Names and places are what people type without accents; fold them, not topic labels.
    words = _words([member.name, member.name_romanised, *member.organisations, member.place])
    # Search splits words at hyphens: "Seo-yeon" is found by "seo" and "yeon", and the
    # joined spelling people also type ("Seoyeon") is added here.
    joined = [w.replace("-", "") for w in _HYPHENATED.findall(member.name_romanised or "")]
    extra = [member.handle, *joined, member.name_pronunciation or ""]
    return _clip(" ".join([*extra, *words]).strip(), MAX_TEXT // 2)


# How the people a record names are introduced in its search text, by field name.
PEOPLE_LABELS = {
    "hosts": "Hosted by", "host": "Hosted by", "speakers": "Speakers",
    "facilitators": "Facilitated by", "members": "With", "contributed_by": "Shared by",
    "organisers": "Organised by", "mentors": "Mentors", "mentor": "Mentor",
}


def _people(build: Build, record: Record) -> dict[str, list[str]]:
    """Names of the listed members a record names, grouped by how they are introduced.

    Unlisted members are never named: their names must not be findable.
    """
    groups: dict[str, list[str]] = {}
    seen: set[str] = set()
    for loc, kind, record_id in record.references():
        if kind != "member" or record_id in seen:
            continue
        member = build.community.public_member(record_id)
        if member is None:
            continue
        seen.add(record_id)
        field = str(loc[0]) if loc else ""
        name = f"{member.name} ({member.name_romanised})" \
            if member.name_romanised and member.name_romanised != member.name else member.name
        groups.setdefault(PEOPLE_LABELS.get(field, "People"), []).append(name)
    return groups


def record_text(build: Build, record: Record, description: str = "") -> str:
    """Search text for any other record: its kind, topics, people and summary.

    Works by the fields records share (``type_label``/``kind_label``, ``level_label``,
    ``topics``, ``summary``, and the member ids in ``references()``), so a new kind of
    record is searchable by its title, topics and people without a change here.
    """
    topic = build.community.topics.label
    kind = getattr(record, "type_label", "") or getattr(record, "kind_label", "")
    level = getattr(record, "level_label", "")
    topics = getattr(record, "topics", None) or []
    people = _people(build, record)
    summary = getattr(record, "summary", "") or description
    place = getattr(record, "place", "") or getattr(record, "location", "")
    return _clip(_join([
        " · ".join(p for p in (kind, level) if p),
        _labelled("Topics", map(topic, topics)) if isinstance(topics, list | tuple) else "",
        *(_labelled(label, group) for label, group in people.items()),
        place if isinstance(place, str) else "",
        summary if isinstance(summary, str) else "",
    ]))


def record_keywords(record: Record) -> str:
    """The folded spellings of a record's own title (never shown).

    Only the title: folding the people's names too would make "jose" rank every event
    José hosts above José's own profile.
    """
    title = getattr(record, "title", "") or getattr(record, "name", "")
    return " ".join(_words([title if isinstance(title, str) else ""]))


def search_text(build: Build, spec: PageSpec) -> str:
    """The one search document's text for a generated page (empty: not indexed)."""
    if not spec.search:
        return ""
    own: Any = getattr(spec, "search_text", "")
    if own:
        return _clip(own)
    record = spec.record
    if isinstance(record, Member):
        return member_text(build, record)
    if record is not None:
        return record_text(build, record, spec.description)
    # Index pages (directories, listings): their description, not every card on them.
    return _clip(spec.description or spec.title)


def search_keywords(build: Build, spec: PageSpec) -> str:
    """The words a generated page is also found by but that its result never shows."""
    if not spec.search:
        return ""
    own: Any = getattr(spec, "search_text", "")
    record = None if own else spec.record
    if isinstance(record, Member):
        return member_keywords(record)
    if record is not None:
        return record_keywords(record)
    return " ".join(_words([own or spec.description or spec.title]))


# The search index field the keywords go into, and its weight: below a title match (1000),
# far above a word of the text (1).
KEYWORDS_FIELD = "keywords"
KEYWORDS_BOOST = 100.0


def add_keywords(index_json: str, keywords: dict[str, str]) -> str:
    """Material's ``search_index.json`` with each page's keywords in a field of their own.

    ``keywords`` maps a page's URL (a document's ``location``) to its keywords. The field
    is declared in the index's ``fields``, so the browser indexes it; a search result
    shows only a document's title, text and tags, so the keywords are matched, never shown.
    """
    index = json.loads(index_json)
    fields = index.setdefault("config", {}).setdefault("fields", {})
    fields.setdefault(KEYWORDS_FIELD, {"boost": KEYWORDS_BOOST})
    for doc in index.get("docs", ()):
        words = keywords.get(doc.get("location", ""))
        if words:
            doc[KEYWORDS_FIELD] = words
    return json.dumps(index, separators=(",", ":"))  # as Material writes it


_HEADING_WITH_ID = re.compile(r"<h([1-6])(?=[^>]*\sid=)(?![^>]*data-search-exclude)", re.I)


def index_body(body: str, text: str) -> str:
    """A page body indexed as one search document with ``text`` (see the module doc)."""
    return search_document(text) + excluded_body(body)


def search_document(text: str) -> str:
    """The page's one search document, the part of :func:`index_body` before the body."""
    return str(Markup('<div class="cm-search-doc" hidden>{}</div>\n').format(escape(text)))


def excluded_body(body: str) -> str:
    """The body, kept out of the search index: the part of :func:`index_body` after the
    search document."""
    body = _HEADING_WITH_ID.sub(r"<h\1 data-search-exclude", body)
    # A custom element, not a <div>: Material's indexer compares elements by tag name,
    # so the first </div> inside a <div data-search-exclude> would end the exclusion.
    return f"<cm-page data-search-exclude>\n{body}\n</cm-page>"


__all__ = ["add_keywords", "excluded_body", "fold", "folded_variants", "index_body",
           "member_keywords", "member_text", "record_keywords", "record_text",
           "search_document", "search_keywords", "search_text", "with_folded"]
