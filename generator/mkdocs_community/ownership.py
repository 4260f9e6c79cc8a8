"""Who may change what: the ownership check on pull requests (``community check-pr``).

Framework-free and free of git: the adapter (``cli.py``) lists the changes of a pull
request and gives two :class:`Tree` views, the base (what the pull request is compared
against) and the head (the pull request). :func:`check_changes` returns one
:class:`Verdict` per changed file.

The rules, for an author who is not a maintainer:

- **Member files.** A contributor may add, change or delete only their own profile: the
  file whose ``github`` field is their GitHub login (case-insensitive). For a changed or
  deleted file the *base* version's ``github`` decides, so nobody takes over a profile by
  rewriting its ``github`` field; a changed file must also keep the author's handle, so
  nobody hands a profile (and its avatar) to someone else either.
- **Avatars** (``members/avatars/``). A contributor may add or replace an image that only
  their own profile names in its ``avatar`` field, and delete one that only their profile
  named before.
- **Other records** (events, resources, spotlights, groups, ...). Anyone may add a new
  record of a kind in :data:`OWNER_FIELDS` whose rule allows it (goals, the programme's
  stated aims, are the maintainers'). An existing record may be changed, renamed or deleted
  only by a person it names in its owner fields in the base version: an event's ``hosts``,
  a resource's ``contributed_by``, a spotlight's ``members``, a group's ``facilitators``.
  Being named is what makes a record yours; the base version decides, as for profiles.
- **Images that come with a record** (:data:`ATTACHMENTS`: a spotlight's ``image``) may
  be added along with a record the author adds, or one they own.
- **The topic vocabulary.** New topics and new aliases may be added (the contribution
  guide asks for a missing topic in the same pull request); removing, renaming or
  relabelling an existing topic is the maintainers'.
- **Everything else** (the generator, workflows, tests, ``mkdocs.yml``, the site's pages,
  templates such as ``members/_template.yml``) is the maintainers'.

Renames count as a delete of the old path plus an add of the new one. Maintainers (from
the *base* version of the plugin options, so a pull request cannot make its author one)
may change anything.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from .diagnostics import Diagnostics
from .kinds import KINDS, Kind
from .settings import Settings
from .sources import Document, parse_yaml, split_front_matter

GITHUB_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
AVATARS = "avatars"


@dataclass(frozen=True)
class Ownership:
    """How records of one kind are owned.

    ``fields``: the fields naming the member ids who own an existing record (may change or
    delete it). ``open_to_add``: whether any contributor may add a new record of the kind.
    """

    fields: tuple[str, ...]
    open_to_add: bool = True


# One entry per record kind that is not a member. A kind missing here is treated as
# maintainers-only for changes (and a test fails, so it is not forgotten).
OWNER_FIELDS: dict[str, Ownership] = {
    "event": Ownership(("hosts",)),
    "resource": Ownership(("contributed_by",)),
    "spotlight": Ownership(("members",)),
    "group": Ownership(("facilitators",)),
    "goal": Ownership((), open_to_add=False),
}


@dataclass(frozen=True)
class Change:
    """One line of ``git diff --name-status``: A(dded), M(odified), D(eleted), R(enamed),
    C(opied) or T(ype changed). ``old_path`` is set for renames and copies."""

    status: str
    path: str
    old_path: str = ""


@dataclass(frozen=True)
class FileVersion:
    data: bytes
    symlink: bool = False


class Tree(Protocol):
    """One version of the repository, with paths relative to the site's root."""

    def read(self, path: str) -> FileVersion | None:
        """The file at ``path``, or None when there is none."""

    def files(self, folder: str) -> list[str]:
        """Paths of the files directly inside ``folder``."""


@dataclass
class MemoryTree:
    """A tree held in memory: for tests and for callers that already hold the files."""

    contents: Mapping[str, bytes | str] = field(default_factory=dict)
    symlinks: frozenset[str] = frozenset()

    def read(self, path: str) -> FileVersion | None:
        if path in self.symlinks:
            return FileVersion(b"", symlink=True)
        value = self.contents.get(path)
        if value is None:
            return None
        return FileVersion(value.encode() if isinstance(value, str) else value)

    def files(self, folder: str) -> list[str]:
        names = [*self.contents, *self.symlinks]
        return sorted(p for p in set(names) if posixpath.dirname(p) == folder.rstrip("/"))


@dataclass(frozen=True)
class Verdict:
    """Whether one changed file may be changed by the author, and why."""

    path: str
    allowed: bool
    code: str
    message: str
    hint: str = ""
    line: int = 0
    col: int = 0


def to_diagnostics(verdicts: Iterable[Verdict]) -> Diagnostics:
    """The refused changes as error diagnostics (for text, GitHub and JSON output)."""
    diagnostics = Diagnostics()
    for v in verdicts:
        if not v.allowed:
            diagnostics.error(v.path, v.line, v.col, v.code, v.message, v.hint)
    return diagnostics


def parse_name_status(output: str) -> list[Change]:
    """Changes from ``git diff --name-status -z`` output (NUL-separated, any file name)."""
    parts = output.split("\0")
    changes: list[Change] = []
    i = 0
    while i < len(parts) and parts[i]:
        status = parts[i][0]
        if status in "RC":
            changes.append(Change(status, parts[i + 2], parts[i + 1]))
            i += 3
        else:
            changes.append(Change(status, parts[i + 1]))
            i += 2
    return changes


def maintainers_from_config(text: str) -> tuple[str, ...]:
    """The ``maintainers`` option of the ``community`` plugin in an ``mkdocs.yml`` text.

    Read without MkDocs (the base version is not a file on disk): tags such as
    ``!ENV`` or ``!!python/name:`` are read as nothing rather than run.
    """

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/",
                                  lambda loader, suffix, node: None)
    try:
        config = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass: no tags run
    except yaml.YAMLError:
        return ()
    if not isinstance(config, dict):
        return ()
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("community"), dict):
            found = plugin["community"].get("maintainers") or []
            return tuple(str(m).strip().lstrip("@").casefold() for m in found
                         if isinstance(m, str))
    return ()


# Files a record names that a contributor may add with it: kind -> (field, the Settings
# attribute of the folder the field's path is written from). A spotlight's image.
ATTACHMENTS: dict[str, tuple[str, str]] = {
    "spotlight": ("image", "content_dir"),
}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif")


# -- the check -----------------------------------------------------------------------


def check_changes(
    changes: Sequence[Change],
    author: str,
    settings: Settings,
    base: Tree,
    head: Tree,
    maintainers: Iterable[str] | None = None,
) -> list[Verdict]:
    """One verdict per changed path (two for a rename: the old and the new path)."""
    maintainers = tuple(settings.maintainers if maintainers is None else maintainers)
    login = author.strip().lstrip("@")
    if login.casefold() in {m.casefold() for m in maintainers}:
        return [Verdict(path, True, "maintainer", f"@{login} is a maintainer and may change "
                        "anything") for path in _touched(changes)]
    return _Checker(login, settings, base, head).check(changes)


def _touched(changes: Sequence[Change]) -> list[str]:
    paths: list[str] = []
    for change in changes:
        if change.old_path and change.status == "R":
            paths.append(change.old_path)
        paths.append(change.path)
    return paths


class _Checker:
    def __init__(self, login: str, settings: Settings, base: Tree, head: Tree) -> None:
        self.login = login
        self.me = login.casefold()
        self.settings = settings
        self.base = base
        self.head = head
        self.members = kind_by_name("member")
        self.members_dir = self.members.folder(settings) if self.members else ""
        self._my_ids: set[str] | None = None
        self.added: set[str] = set()

    # -- dispatch -------------------------------------------------------------

    def check(self, changes: Sequence[Change]) -> list[Verdict]:
        verdicts: list[Verdict] = []
        self.added = {c.path for c in changes if c.status in "ACR"}
        if not GITHUB_LOGIN.match(self.login):
            return [Verdict(p, False, "bad-author", f"'{self.login}' is not a GitHub login")
                    for p in _touched(changes)]
        for change in changes:
            if change.status == "R":  # a rename is a delete plus an add
                verdicts.append(self._one(change.old_path, "D"))
                verdicts.append(self._one(change.path, "A"))
            elif change.status == "C":
                verdicts.append(self._one(change.path, "A"))
            elif change.status in "AMDT":
                verdicts.append(self._one(change.path, "M" if change.status == "T"
                                          else change.status))
            else:
                verdicts.append(Verdict(change.path, False, "unknown-change",
                                        f"git reports an unexpected change '{change.status}'",
                                        "ask a maintainer to look at this pull request"))
        return verdicts

    def _one(self, path: str, status: str) -> Verdict:
        what, kind = classify(path, self.settings)
        if what == "member":
            return self._member(path, status)
        if what == "record":
            assert kind is not None
            return self._record(path, status, kind)
        if what == "avatar":
            return self._avatar(path, status)
        if what == "topics" and status == "M":
            return self._topics(path)
        if what == "other" and status == "A" and path.lower().endswith(IMAGE_SUFFIXES):
            verdict = self._attachment(path)
            if verdict is not None:
                return verdict
        return Verdict(path, False, "protected-file",
                       f"{path} is {describe(path, what, self.settings)}; only maintainers "
                       "may " + {"A": "add", "D": "delete"}.get(status, "change") + " it",
                       "contributors may change their own profile and avatar and add new "
                       "records; put other changes in a separate pull request for the "
                       "maintainers to review")

    # -- member profiles ------------------------------------------------------

    def _member(self, path: str, status: str) -> Verdict:
        you = f"@{self.login}"
        if status in "MD":
            doc, problem = read_record(self.base, path)
            owner = github_of(doc)
            if owner is None:
                reason = problem or "its base version has no 'github' field"
                return Verdict(path, False, "profile-not-yours",
                               f"{path} cannot be matched to {you}: {reason}",
                               "only maintainers may change a profile without an owner")
            if owner.casefold() != self.me:
                verb = "delete" if status == "D" else "change"
                return Verdict(path, False, "profile-not-yours",
                               f"{path} is the profile of @{owner}; {you} may {verb} only "
                               "their own profile",
                               "if this is your profile under an old GitHub name, ask a "
                               "maintainer")
            if status == "D":
                return Verdict(path, True, "own-profile", f"{you} deletes their own profile")
        doc, problem = read_record(self.head, path)
        owner = github_of(doc)
        line, col = doc.locate(("github",)) if doc else (1, 1)
        if owner is None:
            reason = problem or "it has no 'github' field"
            return Verdict(path, False, "github-missing",
                           f"{path} cannot be matched to {you}: {reason}",
                           f"add the line 'github: {self.login}' to your profile",
                           line if doc else 0, col if doc else 0)
        if owner.casefold() != self.me:
            if status == "M":
                return Verdict(path, False, "profile-takeover",
                               f"{path}: the github field changes from @{self.login} to "
                               f"@{owner}; a profile's owner can be changed only by a "
                               "maintainer", f"keep 'github: {self.login}'", line, col)
            return Verdict(path, False, "profile-not-yours",
                           f"{path} names @{owner} in its github field, but this pull request "
                           f"is by {you}; add only your own profile",
                           f"write 'github: {self.login}' if this is your profile",
                           line, col)
        verb = "adds" if status == "A" else "changes"
        return Verdict(path, True, "own-profile", f"{you} {verb} their own profile",
                       line=line, col=col)

    # -- other records --------------------------------------------------------

    def _record(self, path: str, status: str, kind: Kind) -> Verdict:
        rule = OWNER_FIELDS.get(kind.name)
        you = f"@{self.login}"
        if status == "A":
            if rule is not None and rule.open_to_add:
                return Verdict(path, True, "new-record", f"{you} adds a new {kind.name}")
            return Verdict(path, False, "protected-record",
                           f"{path}: only maintainers may add a {kind.name}",
                           f"propose the {kind.name} in an issue or discussion first")
        if rule is None or not rule.fields:
            return Verdict(path, False, "protected-record",
                           f"{path}: only maintainers may change or delete a {kind.name}")
        doc, problem = read_record(self.base, path)
        owners = named_ids(doc, rule.fields) if doc else []
        fields = " or ".join(f"'{f}'" for f in rule.fields)
        if set(owners) & self.my_member_ids():
            verb = "deletes" if status == "D" else "changes"
            return Verdict(path, True, "own-record",
                           f"{you} {verb} a {kind.name} that names them in {fields}")
        named = ", ".join(owners) if owners else "nobody"
        if problem:
            named = f"nobody readable ({problem})"
        verb = "delete" if status == "D" else "change"
        return Verdict(path, False, "not-your-record",
                       f"{path}: {you} may not {verb} this {kind.name}; only the people its "
                       f"{fields} names (in the base version: {named}) or a maintainer may",
                       "add a new record instead, or ask those people to make the change; "
                       "your profile's 'github' field must be your login for you to count "
                       "as one of them")

    def my_member_ids(self) -> set[str]:
        """The member ids whose profile (in the base version) belongs to the author."""
        if self._my_ids is None:
            self._my_ids = set()
            if self.members:
                for path in self.base.files(self.members_dir):
                    if classify(path, self.settings)[0] != "member":
                        continue
                    owner = github_of(read_record(self.base, path)[0])
                    if owner and owner.casefold() == self.me:
                        self._my_ids.add(posixpath.splitext(posixpath.basename(path))[0])
        return self._my_ids

    # -- images that come with a record -----------------------------------------

    def _attachment(self, path: str) -> Verdict | None:
        """An added image named by a record the author adds in this pull request, or owns."""
        for kind_name, (field_name, base_setting) in ATTACHMENTS.items():
            kind = kind_by_name(kind_name)
            base = str(getattr(self.settings, base_setting, "")).rstrip("/")
            if kind is None or not path.startswith(base + "/"):
                continue
            written = path[len(base) + 1:]
            for record_path in self.head.files(kind.folder(self.settings)):
                doc, _ = read_record(self.head, record_path)
                value = doc.data.get(field_name) if doc else None
                if not isinstance(value, str) or value.strip().replace("\\", "/") != written:
                    continue
                rule = OWNER_FIELDS.get(kind_name)
                mine = record_path in self.added and rule is not None and rule.open_to_add
                if not mine and rule is not None and rule.fields:
                    base_doc, _ = read_record(self.base, record_path)
                    mine = bool(base_doc and set(named_ids(base_doc, rule.fields))
                                & self.my_member_ids())
                if mine:
                    return Verdict(path, True, "record-image",
                                   f"@{self.login} adds the {field_name} of {record_path}")
        return None

    # -- avatars --------------------------------------------------------------

    def _avatar(self, path: str, status: str) -> Verdict:
        name = posixpath.basename(path)
        you = f"@{self.login}"
        versions = [("base", self.base)] if status == "D" else \
            [("base", self.base), ("head", self.head)] if status == "M" else [("head", self.head)]
        for label, tree in versions:
            owners = self._avatar_owners(tree, name)
            if not owners:
                where = "before this pull request" if label == "base" else "in this pull request"
                return Verdict(path, False, "avatar-not-yours",
                               f"{path} is not the avatar of any profile {where}",
                               f"set 'avatar: {name}' in your own profile in the same pull "
                               "request")
            others = sorted({o for o in owners if o.casefold() != self.me})
            if others:
                who = ", ".join(o if o.startswith(self.members_dir) else f"@{o}"
                                for o in others)
                return Verdict(path, False, "avatar-not-yours",
                               f"{path} is (also) the avatar of {who}; {you} may change only "
                               "their own avatar",
                               "give your image a file name of its own, e.g. "
                               f"'{self.login.lower()}.png'")
        verb = {"A": "adds", "D": "deletes"}.get(status, "changes")
        return Verdict(path, True, "own-avatar", f"{you} {verb} their own avatar")

    def _avatar_owners(self, tree: Tree, name: str) -> list[str]:
        """The github owner of every profile naming ``name`` as avatar (a path if none)."""
        owners = []
        for path in tree.files(self.members_dir):
            if classify(path, self.settings)[0] != "member":
                continue
            doc, _ = read_record(tree, path)
            if doc is None or not isinstance(doc.data.get("avatar"), str):
                continue
            avatar = doc.data["avatar"].strip().replace("\\", "/")
            if avatar == name:
                owners.append(github_of(doc) or path)
        return owners

    # -- topics ---------------------------------------------------------------

    def _topics(self, path: str) -> Verdict:
        base, problem = read_record(self.base, path)
        head, head_problem = read_record(self.head, path)
        if head is None or base is None:
            return Verdict(path, False, "topics-unreadable",
                           f"{path} cannot be compared: {head_problem or problem}",
                           "run 'community validate' and fix the file")
        for topic_id, spec in base.data.items():
            if topic_id not in head.data:
                return Verdict(path, False, "topic-removed",
                               f"{path}: topic '{topic_id}' is removed or renamed; only "
                               "maintainers may do that (records use it)",
                               "add new topics or aliases only; to rename, ask a maintainer",
                               1, 1)
            old, new = _topic_spec(spec), _topic_spec(head.data[topic_id])
            line, col = head.locate((topic_id,), key=True)
            if old[0] != new[0] or old[1] != new[1]:
                return Verdict(path, False, "topic-changed",
                               f"{path}: the label or description of topic '{topic_id}' "
                               "changes; only maintainers may do that",
                               "add new topics or aliases only", line, col)
            missing = [a for a in old[2] if a not in new[2]]
            if missing:
                return Verdict(path, False, "topic-changed",
                               f"{path}: alias '{missing[0]}' of topic '{topic_id}' is removed;"
                               " only maintainers may do that",
                               "add new topics or aliases only", line, col)
        added = [t for t in head.data if t not in base.data]
        what = ("adds topics " + ", ".join(added)) if added else "adds aliases"
        return Verdict(path, True, "topics-added", f"@{self.login} {what}")


def _topic_spec(spec: Any) -> tuple[str, str, tuple[str, ...]]:
    if isinstance(spec, str):
        return spec, "", ()
    if not isinstance(spec, dict):
        return "", "", ()
    aliases = spec.get("aliases") or []
    aliases = [aliases] if isinstance(aliases, str) else aliases
    return (str(spec.get("label") or ""), str(spec.get("description") or ""),
            tuple(str(a) for a in aliases) if isinstance(aliases, list) else ())


# -- helpers shared with the adapter --------------------------------------------------


def kind_by_name(name: str) -> Kind | None:
    return next((k for k in KINDS if k.name == name), None)


def classify(path: str, settings: Settings) -> tuple[str, Kind | None]:
    """What a path is: member, record, avatar, topics, template or other."""
    folder, name = posixpath.split(path)
    if path == settings.topics_file:
        return "topics", None
    members = kind_by_name("member")
    if members and folder == f"{members.folder(settings)}/{AVATARS}":
        return "avatar", None
    for kind in KINDS:
        if folder != kind.folder(settings):
            continue
        if name.startswith(("_", ".")) or name.lower() == "readme.md":
            return "template", kind
        if posixpath.splitext(name)[1].lower() in kind.suffixes:
            return ("member" if kind.name == "member" else "record"), kind
        return "stray", kind
    return "other", None


def describe(path: str, what: str, settings: Settings) -> str:
    """What a protected path is, in words, for the refusal message."""
    if what == "template":
        return "a template or guide of a record folder"
    if what == "stray":
        return "not a record file (wrong file ending)"
    if what == "topics":
        return "the topic vocabulary"
    top = path.split("/", 1)[0]
    if path.startswith(".github/"):
        return "part of the CI workflows and repository settings"
    if top in ("generator", "src") or path.endswith(".py"):
        return "part of the generator"
    if top == "tests":
        return "part of the tests"
    if path == "mkdocs.yml" or path.startswith("overrides/") or path in (
            "pyproject.toml", ".pre-commit-hooks.yaml", "Makefile"):
        return "part of the site's settings and build"
    if path.startswith(settings.content_dir.rstrip("/") + "/"):
        return "a page of the site"
    return "outside the record folders"


def decode(raw: bytes) -> str | None:
    """Text as the loader reads it (UTF-8, BOM and CRLF tolerated), or None."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_record(tree: Tree, path: str, max_bytes: int = 256 * 1024) -> tuple[Document | None, str]:
    """The record at ``path`` in ``tree`` as a document, or None and why not."""
    version = tree.read(path)
    if version is None:
        return None, "the file does not exist"
    if version.symlink:
        return None, "it is a symbolic link"
    if len(version.data) > max_bytes:
        return None, "the file is too large"
    text = decode(version.data)
    if text is None:
        return None, "the file is not valid UTF-8"
    diagnostics = Diagnostics()
    if path.lower().endswith(".md"):
        parts = split_front_matter(text, path, diagnostics)
        if parts is None:
            return None, "the file has no front matter"
        text = parts[0]
    doc = parse_yaml(text, path, diagnostics)
    if doc.data is None or not isinstance(doc.data, dict):
        return None, "the file is not valid YAML (run 'community validate')"
    return doc, ""


def github_of(doc: Document | None) -> str | None:
    """A profile's GitHub login as written (without '@'), or None."""
    if doc is None:
        return None
    value = doc.data.get("github")
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().removeprefix("@")


def named_ids(doc: Document, fields: Iterable[str]) -> list[str]:
    """The member ids in ``fields`` of a record: an id, a list of ids, or a list of
    people given as ``{member: id}`` (an event's hosts); guests named by ``name`` own
    nothing, as they have no profile."""
    ids: list[str] = []
    for name in fields:
        value = doc.data.get(name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                item = item.get("member")
            if isinstance(item, str) and item.strip():
                ids.append(item.strip())
    return list(dict.fromkeys(ids))

