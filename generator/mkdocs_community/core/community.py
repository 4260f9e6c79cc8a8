"""The Community aggregate: every record, loaded, validated and linked.

``load_community`` is the one entry point that reads files. What it returns is
immutable and does no I/O, so everything downstream (pages, calendars, matching,
statistics) is a pure function of it.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any, Protocol, TypeVar, cast

from mkdocs_community.core.content_checks import check_placeholder, check_resource, check_spotlight
from mkdocs_community.core.diagnostics import Diagnostic, Diagnostics, did_you_mean
from mkdocs_community.core.event_checks import check_event
from mkdocs_community.core.foreign_markup import foreign_markup
from mkdocs_community.core.images import check_image
from mkdocs_community.core.kinds import KINDS, Kind
from mkdocs_community.core.records.common import Record
from mkdocs_community.core.records.event import Event
from mkdocs_community.core.records.goal import Goal
from mkdocs_community.core.records.group import Group
from mkdocs_community.core.records.member import MAX_LOGIN, PLACEHOLDER_HANDLE, Member
from mkdocs_community.core.records.resource import Resource
from mkdocs_community.core.records.spotlight import Spotlight
from mkdocs_community.core.settings import Settings
from mkdocs_community.core.sources import (
    Document,
    Locator,
    load_document,
    parse_document,
    read_text,
)
from mkdocs_community.core.topic_modes import STRICT, SUGGEST, settle_free_topics
from mkdocs_community.core.topics import Vocabulary, load_vocabulary
from mkdocs_community.core.validation import validate_record

R = TypeVar("R", bound=Record)
T = TypeVar("T")
U = TypeVar("U")
# Extra checks a kind needs beyond its model, e.g. that a referenced file exists.
RecordCheck = Callable[[Record, Locator, Settings, Diagnostics], None]


class WorkSharing(Protocol):
    """How an adapter spreads per-file work over processes (``adapters/parallel.py``):
    ``[here(item) for item in items]``, some of them computed elsewhere as ``there``."""

    def map(self, here: Callable[[T], U], items: Sequence[T], *,
            there: Callable[[T], U] | None = None,
            name: Callable[[T], str] = str) -> list[U]: ...


@dataclass(frozen=True, eq=False)
class Community:
    """The whole community. Records of each kind are in id order."""

    settings: Settings
    topics: Vocabulary
    records: dict[str, dict[str, Record]] = field(default_factory=dict)

    def all(self, plural: str) -> tuple[Record, ...]:
        """Every record of the kind named ``plural``; the typed properties below say more."""
        return tuple(self.records.get(plural, {}).values())

    def get(self, plural: str, record_id: str) -> Record | None:
        return self.records.get(plural, {}).get(record_id)

    def _typed(self, plural: str, model: type[R]) -> tuple[R, ...]:
        # The kind table (kinds.py) makes each folder's records with its model: ``model``
        # names that type for readers and type checkers, checked where records are made.
        return cast(tuple[R, ...], tuple(self.records.get(plural, {}).values()))

    @property
    def members(self) -> tuple[Member, ...]:
        """Every member, listed or not: use ``listed_members`` for anything published."""
        return self._typed("members", Member)

    @property
    def events(self) -> tuple[Event, ...]:
        return self._typed("events", Event)

    @property
    def resources(self) -> tuple[Resource, ...]:
        return self._typed("resources", Resource)

    @property
    def spotlights(self) -> tuple[Spotlight, ...]:
        return self._typed("spotlights", Spotlight)

    @property
    def groups(self) -> tuple[Group, ...]:
        return self._typed("groups", Group)

    @property
    def goals(self) -> tuple[Goal, ...]:
        return self._typed("goals", Goal)

    @property
    def listed_members(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.listed)

    def member(self, member_id: str) -> Member | None:
        member = self.get("members", member_id)
        return member if isinstance(member, Member) else None

    def public_member(self, member_id: str) -> Member | None:
        """The member if their profile is published, else None (never link to unlisted)."""
        member = self.member(member_id)
        return member if member and member.listed else None


@dataclass
class _Loaded:
    kind: Kind
    record: Record
    doc: Locator


@dataclass(frozen=True)
class _Job:
    kind: Kind
    folder: Path
    name: str
    display: str

    @property
    def file(self) -> Path:
        return self.folder / self.name

    @property
    def stem(self) -> str:
        """The name without its ending, as ``Path.stem`` (no Path for each of 10,000)."""
        dot = self.name.rfind(".")
        return self.name[:dot] if 0 < dot < len(self.name) - 1 else self.name

    @property
    def suffix(self) -> str:
        dot = self.name.rfind(".")
        return self.name[dot:] if 0 < dot < len(self.name) - 1 else ""


@dataclass
class _FileResult:
    record: Record | None
    diagnostics: list[Diagnostic]
    doc: Document | None = None


class _Reread:
    """A record's Document, read again only if a check has something to point at.

    Stands in for the Document of a record validated elsewhere (a helper process, or an
    earlier load through a :class:`LoadCache`); the file is the one that was validated.
    """

    def __init__(self, job: _Job, settings: Settings) -> None:
        self.path = job.display
        self._job, self._settings = job, settings
        self._doc: Document | None = None

    def _document(self) -> Document | None:
        if self._doc is None:
            self._doc = _read(self._job, self._settings, Diagnostics())
        return self._doc

    def locate(self, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        doc = self._document()
        return doc.locate(loc, key=key) if doc else (0, 0)

    @property
    def body_line(self) -> int:
        """The line the Markdown body starts on (0 when the file cannot be read)."""
        doc = self._document()
        return doc.body_line if doc else 0


# A file's state as the file system tells it: inode, size, modification and change
# times (ns). The change time is set by the system at every write and cannot be set back
# (on POSIX systems; Windows gives the creation time there, and then the modification
# time alone tells a write).
Stamp = tuple[int, int, int, int]
# How long before a read a file must have last changed for its stamp alone to vouch for
# its text later: file systems keep times to a coarse tick (a few ms; 2 s on FAT), and
# two writes of the same length within one tick leave the same stamp.
SETTLED_NS = 2_000_000_000


@dataclass
class _Known:
    """What loading made of one file's text, and the file's stamp when it was read."""

    text: str
    record: Record | None
    found: list[Diagnostic]
    stamp: Stamp | None
    trusted: bool  # whether the same stamp later means the same text
    checked: list[Diagnostic] | None = None  # what a FileCheck found in the record


@dataclass
class LoadCache:
    """What loading made of each file, kept from one load to the next (``mkdocs serve``).

    Validation is a pure function of a file's text, the settings and the topic
    vocabulary: a file whose text is unchanged is not parsed or validated again. Checks
    that look beyond the file (images, references) run every time.

    A regular file whose stamp is the one it had when it was read is not even read again
    (10,000 reads were a sixth of a rebuild), once that stamp is known to stand for the
    text: the file had not changed for :data:`SETTLED_NS` before the read, or two loads in
    a row found the same stamp and the same text (which holds whatever the clocks say).
    """

    against: tuple[Any, ...] = ()  # (settings, topics) the entries were validated with
    entries: dict[str, _Known] = field(default_factory=dict)

    def use(self, settings: Settings, topics: Vocabulary) -> None:
        if self.against != (settings, topics):
            self.against, self.entries = (settings, topics), {}

    def unchanged(self, display: str, stamp: Stamp | None) -> _Known | None:
        """What the file gave before, if its stamp vouches that its text is the same."""
        known = self.entries.get(display)
        if known is not None and stamp is not None and known.trusted and known.stamp == stamp:
            return known
        return None

    def remember(self, display: str, text: str, record: Record | None,
                 found: list[Diagnostic], stamp: Stamp | None, read_at: int) -> _Known:
        """What a file's ``text`` gave (the same as before, or new), read at ``read_at``
        (``time.time_ns()``) with ``stamp`` taken just before."""
        known = self.entries.get(display)
        # The later of the two times: Windows reports the creation time as st_ctime.
        settled = stamp is not None and max(stamp[2], stamp[3]) < read_at - SETTLED_NS
        if known is not None and known.text == text:
            known.trusted = settled or (stamp is not None and known.stamp == stamp)
            known.stamp = stamp
            return known
        known = _Known(text, record, found, stamp, settled)
        self.entries[display] = known
        return known


def load_community(
    settings: Settings,
    checks: dict[str, RecordCheck] | None = None,
    *,
    sharing: WorkSharing | None = None,
    cache: LoadCache | None = None,
) -> tuple[Community | None, Diagnostics]:
    """Read, validate and link every record; None when any error was found.

    ``sharing``: read half of the files in a helper process when it may (see
    ``adapters/parallel.py``); the adapters decide. ``cache``: reuse what an earlier load
    made of unchanged files.
    """
    diagnostics = Diagnostics()
    topics = load_vocabulary(settings.path(settings.topics_file), settings.root,
                             settings.topics_file, diagnostics,
                             required=not settings.topics_optional)
    context = {"topics": topics, "settings": settings}
    all_checks = {**default_checks(), **(checks or {})}
    if cache is not None:
        cache.use(settings, topics)
    jobs = [job for kind in KINDS for job in _jobs(kind, settings, diagnostics)]
    here = functools.partial(_load_file, settings=settings, context=context,
                             checks=all_checks, keep_doc=True, cache=cache)
    if sharing is not None:
        # The helper sends records and findings, not the documents: those cost more to
        # send than to read again, and are needed only to place a broken reference.
        there = functools.partial(here, keep_doc=False, cache=None)
        results = sharing.map(here, jobs, there=there, name=lambda job: job.display)
    else:
        results = [here(job) for job in jobs]
    loaded: list[_Loaded] = []
    for job, result in zip(jobs, results, strict=True):
        diagnostics.extend(result.diagnostics)
        if result.record is not None:
            loaded.append(_Loaded(job.kind, result.record,
                                  result.doc or _Reread(job, settings)))
    if settings.topic_mode != STRICT:
        topics = _settle_topics(loaded, topics, settings, diagnostics)
    index: dict[str, dict[str, _Loaded]] = {k.name: {} for k in KINDS}
    for item in loaded:
        index[item.kind.name][item.record.id] = item
    # A record whose file exists but has errors is not "unknown": its own file's errors
    # are reported, and saying "there is no members/x.yml" about it would mislead.
    broken = {(job.kind.name, job.stem) for job in jobs} - {
        (item.kind.name, item.record.id) for item in loaded}
    for item in loaded:
        _check_references(item, index, settings, diagnostics, broken)
    if diagnostics.has_errors:
        return None, diagnostics
    records = {
        k.plural: {rid: index[k.name][rid].record for rid in sorted(index[k.name])}
        for k in KINDS
    }
    return Community(settings, topics, records), diagnostics


def _settle_topics(loaded: list[_Loaded], topics: Vocabulary, settings: Settings,
                   diagnostics: Diagnostics) -> Vocabulary:
    """Free tags given their ids (topic_modes.py); in 'suggest' mode each is a warning."""
    settled, vocabulary, written = settle_free_topics([i.record for i in loaded], topics)
    docs = {}
    for item, record in zip(loaded, settled, strict=True):
        docs[id(item.record)] = item.doc
        item.record = record
    if settings.topic_mode == SUGGEST:
        for record, loc, tag in written:
            doc = docs[id(record)]
            line, col = doc.locate(loc)
            diagnostics.warning(doc.path, line, col, "unknown-topic",
                                f"'{tag}' is not in {settings.topics_file}; it is kept as a "
                                "tag that filters do not offer", topics.unknown_hint(tag))
    return vocabulary


def record_files(kind: Kind, settings: Settings) -> Iterator[Path]:
    """Every file in a kind's folder except templates (``_*``), hidden files and READMEs.

    Files with the wrong ending are yielded too, so that they are reported rather
    than silently ignored.
    """
    folder = settings.path(kind.folder(settings))
    return (folder / name for name in _record_names(folder))


def _record_names(folder: Path) -> list[str]:
    """The names :func:`record_files` yields, in path order (the file system's case rule),
    from the folder listing alone: no stat of each of 10,000 files."""
    if not folder.is_dir():
        return []
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: os.path.normcase(entry.name))
    return [entry.name for entry in entries
            if not (entry.name.startswith(("_", ".")) or entry.name.lower() == "readme.md")
            # a folder is skipped; a link to one is reported
            and not entry.is_dir(follow_symlinks=False)]


def _jobs(kind: Kind, settings: Settings, diagnostics: Diagnostics) -> Iterator[_Job]:
    """The files of a kind that are worth reading; reports those that are not."""
    seen: dict[str, str] = {}
    path = settings.path(kind.folder(settings))
    folder = Path(kind.folder(settings)).as_posix()  # inside the root (site_config.py)
    for name in _record_names(path):
        display = name if folder == "." else f"{folder}/{name}"
        job = _Job(kind, path, name, display)
        if job.suffix.lower() not in kind.suffixes:
            diagnostics.error(display, 0, 0, "not-a-record",
                              f"'{name}' is in {kind.folder(settings)}/ but is not a "
                              f"{' or '.join(kind.suffixes)} file",
                              f"rename it to end in {kind.suffixes[0]}, or move it elsewhere")
            continue
        record_id = job.stem
        if not kind.id_pattern.match(record_id):
            diagnostics.error(display, 0, 0, "bad-id",
                              f"file name '{name}' is not a valid {kind.name} id",
                              kind.id_hint)
            continue
        folded = record_id.casefold()
        if folded in seen:
            diagnostics.error(display, 0, 0, "duplicate-id",
                              f"{kind.name} '{record_id}' is also defined by {seen[folded]}",
                              "ids must be unique regardless of case and file ending")
            continue
        seen[folded] = display
        yield job


def _load_file(job: _Job, *, settings: Settings, context: dict[str, Any],
               checks: dict[str, RecordCheck], keep_doc: bool,
               cache: LoadCache | None) -> _FileResult:
    """One file read, validated and checked on its own (references come later)."""
    diagnostics = Diagnostics()
    doc: Document | None = None
    stamp = _stamp(os.path.join(job.folder, job.name)) if cache is not None else None
    known = cache.unchanged(job.display, stamp) if cache is not None else None
    if known is not None:
        record, found = known.record, known.found
    else:
        read_at = time.time_ns()
        folder = settings.path(job.kind.folder(settings))
        text = read_text(job.file, folder, job.display, diagnostics, settings.max_file_bytes)
        if text is None:
            return _FileResult(None, list(diagnostics))
        known = cache.entries.get(job.display) if cache is not None else None
        if known is not None and known.text == text:
            record, found = known.record, known.found
        else:
            found_here = Diagnostics()
            doc = parse_document(text, job.suffix.lower() == ".md", job.display,
                                 found_here)
            record = None
            if doc is not None:
                extra: dict[str, Any] = {"id": job.stem, "source": job.display}
                if job.kind.has_body:
                    extra["body"] = doc.body
                record = validate_record(job.kind.model, doc, extra, context, found_here)
                _check_markup(doc, text, found_here)
            found = list(found_here)
        if cache is not None:
            known = cache.remember(job.display, text, record, found, stamp, read_at)
    diagnostics.extend(found)
    check = checks.get(job.kind.name)
    if record is not None and check:
        if isinstance(check, FileCheck) and known is not None:
            # Found once per text (the cache starts again when the settings or the
            # topics change): an unchanged event's rules are not expanded at each load.
            if known.checked is None:
                checked = Diagnostics()
                check(record, doc or _Reread(job, settings), settings, checked)
                known.checked = list(checked)
            diagnostics.extend(known.checked)
        else:
            check(record, doc or _Reread(job, settings), settings, diagnostics)
    return _FileResult(record, list(diagnostics), doc if keep_doc else None)


def _stamp(file: str) -> Stamp | None:
    """A regular file's stamp; None for anything else (a symlink is read every time:
    where it leads is checked on reading)."""
    try:
        stat = os.lstat(file)
    except OSError:
        return None
    if not S_ISREG(stat.st_mode):
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


# Markdown fields of record files, besides the body of a Markdown record.
_MARKDOWN_FIELDS = ("bio", "memorial", "description")


def _check_markup(doc: Document, text: str, diagnostics: Diagnostics) -> None:
    """Warnings for Liquid tags, kramdown attribute lists and images (foreign_markup.py)
    in the body and the Markdown fields, each at its line in the file."""
    # (text, its first line in the file, the column its first line starts at)
    texts: list[tuple[str, int, int]] = [(doc.body, doc.body_line, 1)] if doc.body else []
    lines = text.split("\n")
    for name in _MARKDOWN_FIELDS:
        value = doc.data.get(name) if isinstance(doc.data, dict) else None
        if isinstance(value, str) and value.strip():
            line, col = doc.locate((name,))
            written = lines[line - 1] if 0 < line <= len(lines) else ""
            if written[col - 1:col] in ("|", ">"):  # a block: the text starts below
                texts.append((value, line + 1, 1))
            else:
                texts.append((value, line, col + (written[col - 1:col] in ("'", '"'))))
    for value, first, start in texts:
        for found in foreign_markup(value):
            col = found.col + (start - 1 if found.line == 1 else 0)
            diagnostics.warning(doc.path, first + found.line - 1, col, found.code,
                                found.message, found.hint)


def _read(job: _Job, settings: Settings, diagnostics: Diagnostics) -> Document | None:
    folder = settings.path(job.kind.folder(settings))
    return load_document(job.file, folder, job.display, diagnostics, settings.max_file_bytes)


def _check_references(
    item: _Loaded, index: dict[str, dict[str, _Loaded]], settings: Settings,
    diagnostics: Diagnostics, broken: set[tuple[str, str]],
) -> None:
    for loc, target_kind, target_id in item.record.references():
        targets = index.get(target_kind, {})
        if target_id in targets or (target_kind, target_id) in broken:
            continue
        line, col = item.doc.locate(loc)
        target = next((k for k in KINDS if k.name == target_kind), None)
        where = f" (there is no {target.folder(settings)}/{target_id}{target.suffixes[0]})" \
            if target else ""
        hint = did_you_mean(target_id, targets) or (
            f"check the spelling against the files in {target.folder(settings)}/"
            if target else "")
        diagnostics.error(item.record.source, line, col, "unknown-reference",
                          f"unknown {target_kind} '{target_id}'{where}", hint)


def _check_member(record: Record, doc: Locator, settings: Settings,
                  diagnostics: Diagnostics) -> None:
    assert isinstance(record, Member)
    _check_identity(record, doc, settings, diagnostics)
    if not record.avatar:
        return
    folder = settings.path(settings.members_dir) / "avatars"
    check_image(doc, ("avatar",), folder / record.avatar, folder,
                f"{settings.members_dir}/avatars", diagnostics, code="avatar",
                max_bytes=1024 * 1024, resize_hint="resize it to about 400x400 pixels")


def _check_identity(member: Member, doc: Locator, settings: Settings,
                    diagnostics: Diagnostics) -> None:
    """A profile's file is named after its owner's GitHub login, which ``github`` (when
    given) repeats: the pull-request check and this check agree on whose file it is."""
    if member.github is False:
        return  # no GitHub account: the file is named after the person, kept by maintainers
    if member.github is None and len(member.id) > MAX_LOGIN:
        diagnostics.error(doc.path, 0, 0, "bad-id",
                          f"file name '{member.id}.yml' is longer than a GitHub handle can be "
                          f"({MAX_LOGIN} characters)",
                          "name the file after your GitHub login in lowercase; for someone "
                          "without a GitHub account, add 'github: false' (maintainers keep "
                          "such profiles)")
        return
    handle = (member.github or "").casefold()
    placeholder = PLACEHOLDER_HANDLE in (member.id, handle)
    if not placeholder and handle in ("", member.id):
        return
    # Located only when there is something to say: finding a line in a file whose
    # record came from a LoadCache means reading the file again (see _Reread).
    line, col = doc.locate(("github",)) if member.github else (0, 0)
    if placeholder:
        diagnostics.error(doc.path, line, col, "placeholder-handle",
                          f"'{PLACEHOLDER_HANDLE}' is the template's placeholder",
                          "write your own GitHub login instead, and name the file after it "
                          f"in lowercase: {settings.members_dir}/<your-login>.yml")
    else:
        diagnostics.error(doc.path, line, col, "github-mismatch",
                          f"github '{member.github}' does not match the file name "
                          f"'{member.id}.yml'; a profile's file is named after its owner's "
                          "GitHub login",
                          f"if @{member.github} is you, rename the file to "
                          f"{settings.members_dir}/{member.github.lower()}.yml")


@dataclass(frozen=True)
class FileCheck:
    """A ``RecordCheck`` that reads nothing but the record, its file and the settings:
    what it finds is kept with the file's text by a :class:`LoadCache`, so an unchanged
    file is not checked again (``mkdocs serve``). Checks that look beyond the file
    (images, other records) are plain functions and run at every load."""

    check: RecordCheck

    def __call__(self, record: Record, doc: Locator, settings: Settings,
                 diagnostics: Diagnostics) -> None:
        self.check(record, doc, settings, diagnostics)


def default_checks() -> dict[str, RecordCheck]:
    checks: dict[str, RecordCheck] = {"member": _check_member, "resource": check_resource,
                                      "spotlight": check_spotlight, "event": check_event}
    for kind in KINDS:
        if kind.has_body:  # and every kind with a body: no template text published
            checks[kind.name] = _both(checks.get(kind.name),
                                      functools.partial(check_placeholder, kind.name))
    # Times, rules and exceptions of an event, and template text left in a body, are
    # the file's own business.
    for name in ("event", "group", "goal"):
        checks[name] = FileCheck(checks[name])
    return checks


def _both(first: RecordCheck | None, second: RecordCheck) -> RecordCheck:
    """One check that runs ``first`` (if any), then ``second``."""
    def check(record: Record, doc: Locator, settings: Settings,
              diagnostics: Diagnostics) -> None:
        if first is not None:
            first(record, doc, settings, diagnostics)
        second(record, doc, settings, diagnostics)
    return check
