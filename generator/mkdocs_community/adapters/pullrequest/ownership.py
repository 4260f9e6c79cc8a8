"""Who may change what: the ownership check on pull requests (``community check-pr``).

Framework-free and free of git: the adapter (``git.py``) lists the changes of a
pull request and gives two :class:`Tree` views, the base (what the pull request is
compared against) and the head (the pull request). :func:`check_changes` returns one
:class:`Verdict` per changed file. The head is data: its files are read and parsed,
never imported or run, and every rule (folders, topics file, maintainers) comes from the
base version's settings, which the caller passes.

The rules, for an author who is not a maintainer:

- **Files only.** A symbolic link or a git submodule (gitlink) is refused wherever it is,
  with a message of its own: records and images are plain files.
- **Member profiles.** A profile's file is named after its owner's GitHub login, in
  lowercase (``members/<login>.yml``); its ``github`` field, when given, repeats that
  login. A contributor may add only ``members/<their login>.yml`` and change or delete
  only the profile they own: for a changed or deleted file the *base* version decides
  (its ``github`` field, else its file name), so nobody takes over a profile by rewriting
  it, and the changed file must still name its owner. A profile that says
  ``github: false`` is of someone without a GitHub account: its file is named after the
  person, and only maintainers add, change or delete it.
- **Look-alike names.** A new file whose name differs from an existing record's only by
  case, file ending or characters that look alike (``Ada.yml``, ``ada.yaml``, Cyrillic
  ``аda.yml``, ``rnallory`` for ``mallory``: the UTS #39 confusables skeleton) is
  refused: it would pass for the other.
- **Avatars** (``members/avatars/``). A contributor may add or replace an image that only
  their own profile names in its ``avatar`` field, and delete one that only their profile
  named before.
- **Other records** (events, resources, spotlights, groups, ...). Anyone may add a new
  record of a kind in :data:`OWNER_FIELDS` whose rule allows it (goals, the programme's
  stated aims, are the maintainers'). An existing record may be changed, renamed or deleted
  only by a person it names in its owner fields in the base version: an event's ``hosts``,
  a resource's ``contributed_by``, a spotlight's ``members``, a group's ``facilitators``.
- **Leaving.** Anyone named in a record (a group's member, an event's speaker, someone's
  mentor, ...) may remove *themselves* from it: a change that does nothing else passes.
- **Consent.** A new or changed record that names *another* member (as host, speaker,
  facilitator, group member, spotlight subject, contributor or mentor) who was not named
  there before gets the verdict ``needs-approval``: it passes once that member, or a
  maintainer, approves the pull request (``approvers``, e.g. from GitHub's reviews).
- **Images that come with a record** (:data:`ATTACHMENTS`: a spotlight's ``image``) may be
  added, in the kind's own image folder only, with a record the author adds or owns; an
  existing image may be replaced or deleted only if every record naming it is theirs.
- **The topic vocabulary.** New topics and new aliases may be added (the contribution
  guide asks for a missing topic in the same pull request); removing, renaming or
  relabelling an existing topic is the maintainers'.
- **Everything else** (the generator, workflows, tests, ``mkdocs.yml``, the site's pages,
  templates such as ``members/_template.yml``) is the maintainers'.

Renames count as a delete of the old path plus an add of the new one. Maintainers (from
the *base* version of the settings, so a pull request cannot make its author one) may
change anything.
"""

from __future__ import annotations

import copy
import json
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from mkdocs_community.core.diagnostics import Diagnostics
from mkdocs_community.core.kinds import KINDS, Kind
from mkdocs_community.core.records.common import Loc, Record
from mkdocs_community.core.settings import Settings
from mkdocs_community.core.sources import Document, parse_document
from mkdocs_community.core.unicode_rules import lookalike_key
from mkdocs_community.core.validation import validate_record

GITHUB_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
AVATARS = "avatars"
NEEDS_APPROVAL = "needs-approval"


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
class Attachment:
    """A file a record names that a contributor may add with it: the record's ``field``
    holds a path written from the Settings folder ``written_from``, and new files of the
    kind go in ``folder`` below that (so they never replace a page, a theme file or the
    site's favicon)."""

    field: str
    written_from: str
    folder: str


ATTACHMENTS: dict[str, Attachment] = {
    "spotlight": Attachment("image", "content_dir", "images/spotlights"),
}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif")


@dataclass(frozen=True)
class Change:
    """One line of ``git diff --name-status``: A(dded), M(odified), D(eleted), R(enamed),
    C(opied) or T(ype changed). ``old_path`` is set for renames and copies."""

    status: str
    path: str
    old_path: str = ""


@dataclass(frozen=True)
class FileVersion:
    """One version of a file. ``kind`` is "file", "symlink" or "submodule" (a gitlink);
    ``data`` is empty when the file is larger than the reader's limit (``size`` says)."""

    data: bytes
    kind: str = "file"
    size: int = -1

    @property
    def length(self) -> int:
        return self.size if self.size >= 0 else len(self.data)


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
    submodules: frozenset[str] = frozenset()

    def read(self, path: str) -> FileVersion | None:
        if path in self.symlinks:
            return FileVersion(b"", "symlink")
        if path in self.submodules:
            return FileVersion(b"", "submodule")
        value = self.contents.get(path)
        if value is None:
            return None
        return FileVersion(value.encode() if isinstance(value, str) else value)

    def files(self, folder: str) -> list[str]:
        names = {*self.contents, *self.symlinks, *self.submodules}
        return sorted(p for p in names if posixpath.dirname(p) == folder.rstrip("/"))


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

    @property
    def needs_approval(self) -> bool:
        return self.code == NEEDS_APPROVAL


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


def approvals_from_reviews(text: str, head_sha: str) -> tuple[str, ...]:
    """The logins whose latest review of a pull request approves its head commit.

    ``text`` is what GitHub's reviews API returns (``GET /repos/{o}/{r}/pulls/{n}/reviews``),
    one page or several pages as written by ``gh api --paginate`` (arrays one after the
    other, or an array of arrays). Data only: anything that is not a well-formed review
    is ignored. An approval of an earlier commit does not count: the pull request may
    have changed since.
    """
    decoder = json.JSONDecoder()
    reviews: list[Any] = []
    position, text = 0, text.strip()
    while position < len(text):
        try:
            page, position = decoder.raw_decode(text, position)
        except ValueError:
            break
        while position < len(text) and text[position].isspace():
            position += 1
        items = page if isinstance(page, list) else [page]
        for item in items:
            reviews.extend(item if isinstance(item, list) else [item])
    latest: dict[str, dict[str, Any]] = {}
    for review in reviews:
        if not isinstance(review, dict) or not isinstance(review.get("user"), dict):
            continue
        login = review["user"].get("login")
        state = review.get("state")
        if not isinstance(login, str) or not GITHUB_LOGIN.match(login) or \
                state not in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
            continue  # comments neither give nor take an approval
        latest[login.casefold()] = review  # the API lists reviews oldest first
    return tuple(sorted(login for login, review in latest.items()
                        if review.get("state") == "APPROVED"
                        and review.get("commit_id") == head_sha))


# -- the check -----------------------------------------------------------------------


def check_changes(
    changes: Sequence[Change],
    author: str,
    settings: Settings,
    base: Tree,
    head: Tree,
    maintainers: Iterable[str] | None = None,
    approvers: Iterable[str] = (),
) -> list[Verdict]:
    """One verdict per changed path (two for a rename: the old and the new path).

    ``approvers``: the GitHub logins who approved the pull request; a member named by a
    record without having been named before consents by being one of them.
    """
    maintainers = {m.casefold() for m in (settings.maintainers if maintainers is None
                                          else maintainers)}
    login = author.strip().lstrip("@")
    if login.casefold() in maintainers:
        return [Verdict(path, True, "maintainer", f"@{login} is a maintainer and may change "
                        "anything") for path in _touched(changes)]
    approved = {a.strip().lstrip("@").casefold() for a in approvers}
    return _Checker(login, settings, base, head, maintainers, approved).check(changes)


def _touched(changes: Sequence[Change]) -> list[str]:
    paths: list[str] = []
    for change in changes:
        if change.old_path and change.status == "R":
            paths.append(change.old_path)
        paths.append(change.path)
    return paths


class _Checker:
    def __init__(self, login: str, settings: Settings, base: Tree, head: Tree,
                 maintainers: set[str], approved: set[str]) -> None:
        self.login = login
        self.me = login.casefold()
        self.settings = settings
        self.base = base
        self.head = head
        self.maintainers = maintainers
        self.approved = approved
        self.members = kind_by_name("member")
        self.members_dir = self.members.folder(settings) if self.members else ""
        self._my_ids: set[str] | None = None
        self._keys: dict[str, dict[str, str]] = {}
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
                verdicts.append(self._one(change.path, "A", change.old_path))
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

    def _one(self, path: str, status: str, renamed_from: str = "") -> Verdict:
        if status != "D":
            version = self.head.read(path)
            if version is not None and version.kind != "file":
                return _not_a_file(path, version.kind)
        what, kind = classify(path, self.settings)
        if what == "member":
            return self._member(path, status, renamed_from)
        if what == "record":
            assert kind is not None
            return self._record(path, status, kind, renamed_from)
        if what == "avatar":
            return self._avatar(path, status)
        if what == "topics" and status == "M":
            return self._topics(path)
        if what == "other" and path.lower().endswith(IMAGE_SUFFIXES):
            verdict = self._attachment(path, status)
            if verdict is not None:
                return verdict
        return Verdict(path, False, "protected-file",
                       f"{path} is {describe(path, what, self.settings)}; only maintainers "
                       "may " + {"A": "add", "D": "delete"}.get(status, "change") + " it",
                       self._protected_hint(path))

    def _protected_hint(self, path: str) -> str:
        if path.lower().endswith(IMAGE_SUFFIXES):
            folders = [f"{self._attachment_folder(a)}/ (a {k}'s {a.field})"
                       for k, a in ATTACHMENTS.items()]
            return ("images come with a record, in their own folder: "
                    f"{self.members_dir}/{AVATARS}/ (your avatar), " + ", ".join(folders))
        return ("contributors may change their own profile and avatar and add new records; "
                "put other changes in a separate pull request for the maintainers to "
                "review")

    # -- member profiles ------------------------------------------------------

    def _member(self, path: str, status: str, renamed_from: str) -> Verdict:
        you = f"@{self.login}"
        if status in "MD":
            # Whose it is: its github field, else (also when it cannot be read, so that
            # its owner can mend it) the login its file name is.
            doc, _ = read_record(self.base, path)
            owner = owner_of(doc, path)
            if owner.casefold() != self.me:
                if status == "M" and self._leaves(path, self.members):
                    return self._left(path, "profile")
                if not owner:
                    return Verdict(path, False, "maintainer-profile",
                                   f"{path} is the profile of someone without a GitHub "
                                   "account ('github: false'); only maintainers change it",
                                   "ask a maintainer to make the change (CONTRIBUTING.md: "
                                   "members without GitHub)")
                verb = "delete" if status == "D" else "change"
                return Verdict(path, False, "profile-not-yours",
                               f"{path} is the profile of @{owner}; {you} may {verb} only "
                               "their own profile",
                               "if this is your profile under an old GitHub name, ask a "
                               "maintainer")
            if status == "D":
                return Verdict(path, True, "own-profile", f"{you} deletes their own profile")
        else:
            expected = f"{self.members_dir}/{self.login.lower()}.yml"
            if path != expected:
                return Verdict(path, False, "profile-name",
                               f"{path}: a profile's file is named after its owner's GitHub "
                               f"login in lowercase; {you}'s is {expected}",
                               f"name the file {expected}; only the person whose login a "
                               "file name is may add it")
            lookalike = self._lookalike(path, renamed_from)
            if lookalike is not None:
                return lookalike
        doc, problem = read_record(self.head, path)
        if doc is None:
            return Verdict(path, False, "unreadable",
                           f"{path} cannot be read: {problem}",
                           f"run 'community validate {path}' and fix the file")
        written = github_of(doc)
        line, col = doc.locate(("github",))
        if without_github(doc):
            return Verdict(path, False, "maintainer-profile",
                           f"{path} says 'github: false'; a profile without a GitHub account "
                           "is added and kept by the maintainers",
                           f"write 'github: {self.login}' for your own profile, or ask a "
                           "maintainer to add someone who has no GitHub account",
                           line, col)
        if written is not None and written.casefold() != self.me:
            if status == "M":
                return Verdict(path, False, "profile-takeover",
                               f"{path}: the github field changes from @{self.login} to "
                               f"@{written}; a profile's owner can be changed only by a "
                               "maintainer", f"keep 'github: {self.login}'", line, col)
            return Verdict(path, False, "profile-not-yours",
                           f"{path} names @{written} in its github field, but this pull "
                           f"request is by {you}; add only your own profile",
                           f"write 'github: {self.login}' (or leave the line out)",
                           line, col)
        consent = self._consent(path, self.members, renamed_from or path)
        if consent is not None:
            return consent
        verb = "adds" if status == "A" else "changes"
        return Verdict(path, True, "own-profile", f"{you} {verb} their own profile",
                       line=line if written else 0, col=col if written else 0)

    # -- other records --------------------------------------------------------

    def _record(self, path: str, status: str, kind: Kind, renamed_from: str) -> Verdict:
        rule = OWNER_FIELDS.get(kind.name)
        you = f"@{self.login}"
        if status == "A":
            if rule is None or not rule.open_to_add:
                return Verdict(path, False, "protected-record",
                               f"{path}: only maintainers may add a {kind.name}",
                               f"propose the {kind.name} in an issue or discussion first")
            lookalike = self._lookalike(path, renamed_from, kind)
            if lookalike is not None:
                return lookalike
            consent = self._consent(path, kind, renamed_from)
            return consent or Verdict(path, True, "new-record", f"{you} adds a new {kind.name}")
        if rule is None or not rule.fields:
            return Verdict(path, False, "protected-record",
                           f"{path}: only maintainers may change or delete a {kind.name}")
        doc, problem = read_record(self.base, path)
        owners = named_ids(doc, rule.fields) if doc else []
        fields = " or ".join(f"'{f}'" for f in rule.fields)
        if set(owners) & self.my_member_ids():
            consent = self._consent(path, kind, path) if status == "M" else None
            verb = "deletes" if status == "D" else "changes"
            return consent or Verdict(path, True, "own-record",
                                      f"{you} {verb} a {kind.name} that names them in {fields}")
        if status == "M" and self._leaves(path, kind):
            return self._left(path, kind.name)
        named = ", ".join(owners) if owners else "nobody"
        if problem:
            named = f"nobody readable ({problem})"
        verb = "delete" if status == "D" else "change"
        return Verdict(path, False, "not-your-record",
                       f"{path}: {you} may not {verb} this {kind.name}; only the people its "
                       f"{fields} names (in the base version: {named}) or a maintainer may",
                       "add a new record instead, or ask those people to make the change; "
                       "to leave it, remove only your own id and change nothing else")

    def my_member_ids(self) -> set[str]:
        """The member ids whose profile (in the base version) belongs to the author."""
        if self._my_ids is None:
            self._my_ids = set()
            if self.members:
                for path in self.base.files(self.members_dir):
                    if classify(path, self.settings)[0] != "member":
                        continue
                    doc, _ = read_record(self.base, path)
                    if doc is not None and owner_of(doc, path).casefold() == self.me:
                        self._my_ids.add(_stem(path))
        return self._my_ids

    def _ids_now(self) -> set[str]:
        """The author's member ids, counting the profile this pull request adds."""
        own = f"{self.members_dir}/{self.login.lower()}.yml"
        return self.my_member_ids() | ({self.login.lower()} if own in self.added else set())

    # -- names that look alike --------------------------------------------------

    def _lookalike(self, path: str, renamed_from: str, kind: Kind | None = None
                   ) -> Verdict | None:
        """A new file whose name passes for an existing record's in the same folder."""
        folder = posixpath.dirname(path)
        if folder not in self._keys:
            self._keys[folder] = {}
            for other in self.base.files(folder):
                if classify(other, self.settings)[0] in ("member", "record"):
                    self._keys[folder].setdefault(lookalike_key(_stem(other)), other)
        other = self._keys[folder].get(lookalike_key(_stem(path)))
        if other is None or other in (path, renamed_from) or self.head.read(other) is None:
            return None
        if kind is None:  # a profile: its name is its owner's login, not a choice
            return Verdict(path, False, "lookalike-id",
                           f"{path} looks like the existing profile {other}: the two logins "
                           "can be read alike", "a maintainer adds such a profile, after "
                           "checking that it does not pass for the other person")
        return Verdict(path, False, "lookalike-id",
                       f"{path} looks like the existing {kind.name} {other}: the names differ "
                       "only in letter case, file ending or characters that look alike",
                       "choose a name that is clearly different; if this is the same record, "
                       f"change {other} instead")

    # -- consent and leaving ------------------------------------------------------

    def _consent(self, path: str, kind: Kind | None, base_path: str) -> Verdict | None:
        """``needs-approval`` if the head version names members it did not name before
        (other than the author) who have not approved, nor has a maintainer."""
        if kind is None:
            return None
        head_doc, _ = read_record(self.head, path)
        head_record = self._validated(head_doc, path, kind)
        if head_record is None:
            return None  # invalid: the per-file checks report why
        before: set[str] = set()
        if base_path:
            base_doc, _ = read_record(self.base, base_path)
            base_record = self._validated(base_doc, base_path, kind)
            before = {i for _, k, i in base_record.references() if k == "member"} \
                if base_record else set()
        if self.approved & self.maintainers:
            return None
        mine = self._ids_now()
        pending: dict[str, Loc] = {}
        for loc, target, member_id in head_record.references():
            if target != "member" or member_id in before or member_id in mine:
                continue
            handle = self._handle_of(member_id).casefold()
            if not handle or handle not in self.approved:
                pending.setdefault(member_id, loc)
        if not pending or head_doc is None:
            return None
        handles = [f"@{self._handle_of(i)}" if self._handle_of(i) else
                   f"'{i}' (no GitHub account: a maintainer approves for them)"
                   for i in pending]
        where = ", ".join(sorted({_field_words(loc) for loc in pending.values()}))
        line, col = head_doc.locate(next(iter(pending.values())))
        who = " or ".join(handles[:1]) if len(handles) == 1 else \
            ", ".join(handles[:-1]) + " and " + handles[-1]
        return Verdict(path, False, NEEDS_APPROVAL,
                       f"{path} names {who} ({where}); it needs approval from "
                       f"{'each of them' if len(handles) > 1 else who} or a maintainer",
                       f"ask {who} to approve this pull request on GitHub (Review changes "
                       "> Approve), then comment '/recheck'; people are named on the site "
                       "only with their consent", line, col)

    def _handle_of(self, member_id: str) -> str:
        """The GitHub login of member ``member_id``: their base profile's owner."""
        path = f"{self.members_dir}/{member_id}.yml"
        doc, _ = read_record(self.base, path)
        return owner_of(doc, path) if doc is not None else member_id

    def _validated(self, doc: Document | None, path: str, kind: Kind) -> Record | None:
        if doc is None:
            return None
        extra: dict[str, Any] = {"id": _stem(path), "source": path}
        if kind.has_body:
            extra["body"] = doc.body
        return validate_record(kind.model, doc, extra, {"settings": self.settings},
                               Diagnostics())

    def _leaves(self, path: str, kind: Kind | None) -> bool:
        """Whether the only change is the author taking their own id out of lists."""
        if kind is None:
            return False
        base_doc, _ = read_record(self.base, path)
        head_doc, _ = read_record(self.head, path)
        base_record = self._validated(base_doc, path, kind)
        if base_doc is None or head_doc is None or base_record is None:
            return False
        mine = self.my_member_ids()
        locs = [loc for loc, target, member_id in base_record.references()
                if target == "member" and member_id in mine]
        if not locs or not all(isinstance(loc[-1], int) for loc in locs):
            return False
        expected = copy.deepcopy(base_doc.data)
        for loc in sorted(locs, key=lambda loc: loc[-1], reverse=True):
            container = expected
            for step in loc[:-1]:
                container = container[step]
            del container[loc[-1]]
        return _pruned(expected) == _pruned(head_doc.data) and base_doc.body == head_doc.body

    def _left(self, path: str, what: str) -> Verdict:
        return Verdict(path, True, "leaves", f"@{self.login} removes themselves from this "
                       f"{what}")

    # -- images that come with a record -----------------------------------------

    def _attachment_folder(self, attachment: Attachment) -> str:
        base = str(getattr(self.settings, attachment.written_from, "")).rstrip("/")
        return f"{base}/{attachment.folder}"

    def _attachment(self, path: str, status: str) -> Verdict | None:
        """An image in a kind's own image folder, named by records that are the author's:
        added in this pull request, or owned in the base version."""
        for kind_name, attachment in ATTACHMENTS.items():
            kind = kind_by_name(kind_name)
            if kind is None or not path.startswith(self._attachment_folder(attachment) + "/"):
                continue
            written = path[len(str(getattr(self.settings, attachment.written_from))) + 1:]
            users = {label: self._naming(tree, kind, attachment.field, written)
                     for label, tree in (("base", self.base), ("head", self.head))}
            if status == "A":
                mine = bool(users["head"]) and any(self._owns(p, kind) for p in users["head"])
            else:  # replacing or deleting: every record that names it must be theirs
                mine = bool(users["base"]) and all(self._owns(p, kind) for p in
                                                   users["base"] + users["head"])
            if mine:
                verb = {"A": "adds", "D": "deletes"}.get(status, "replaces")
                return Verdict(path, True, "record-image",
                               f"@{self.login} {verb} the {attachment.field} of "
                               f"{(users['head'] or users['base'])[0]}")
            if status != "A" and users["base"]:
                verb = "delete" if status == "D" else "replace"
                return Verdict(path, False, "image-not-yours",
                               f"{path} is the {attachment.field} of "
                               f"{', '.join(users['base'])}; only the people those records "
                               f"name may {verb} it",
                               "give your image a file name of its own in "
                               f"{self._attachment_folder(attachment)}/")
        return None

    def _naming(self, tree: Tree, kind: Kind, field_name: str, written: str) -> list[str]:
        found = []
        for record_path in tree.files(kind.folder(self.settings)):
            doc, _ = read_record(tree, record_path)
            value = doc.data.get(field_name) if doc else None
            if isinstance(value, str) and value.strip().replace("\\", "/") == written:
                found.append(record_path)
        return found

    def _owns(self, record_path: str, kind: Kind) -> bool:
        rule = OWNER_FIELDS.get(kind.name)
        if rule is None:
            return False
        if record_path in self.added and rule.open_to_add:
            return True
        base_doc, _ = read_record(self.base, record_path)
        return bool(base_doc and set(named_ids(base_doc, rule.fields)) & self.my_member_ids())

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
                who = ", ".join(f"@{o}" for o in others)
                return Verdict(path, False, "avatar-not-yours",
                               f"{path} is (also) the avatar of {who}; {you} may change only "
                               "their own avatar",
                               "give your image a file name of its own, e.g. "
                               f"'{self.login.lower()}.png'")
        verb = {"A": "adds", "D": "deletes"}.get(status, "changes")
        return Verdict(path, True, "own-avatar", f"{you} {verb} their own avatar")

    def _avatar_owners(self, tree: Tree, name: str) -> list[str]:
        """The owner of every profile naming ``name`` as avatar."""
        owners = []
        for path in tree.files(self.members_dir):
            if classify(path, self.settings)[0] != "member":
                continue
            doc, _ = read_record(tree, path)
            if doc is None or not isinstance(doc.data.get("avatar"), str):
                continue
            avatar = doc.data["avatar"].strip().replace("\\", "/")
            if avatar == name:
                owners.append(owner_of(doc, path))
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


def _not_a_file(path: str, kind: str) -> Verdict:
    if kind == "submodule":
        return Verdict(path, False, "submodule",
                       f"{path} is a git submodule (a link to another repository), not a "
                       "file", "commit the file itself; submodules are added only by "
                       "maintainers")
    return Verdict(path, False, "symlink",
                   f"{path} is a symbolic link, not a file",
                   "commit the file itself; a link could point anywhere, even outside the "
                   "repository")


def _field_words(loc: Loc) -> str:
    words = {"hosts": "host", "speakers": "speaker", "facilitators": "facilitator",
             "members": "member", "contributed_by": "contributor", "mentoring": "mentor"}
    return "as " + words.get(str(loc[0]), str(loc[0]))


def _pruned(value: Any) -> Any:
    """Data with empty lists, mappings and missing values left out (``members: []`` and
    no ``members`` line say the same)."""
    if isinstance(value, dict):
        pruned = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def _stem(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path))[0]


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
        return "a page or file of the site"
    return "outside the record folders"


def decode(raw: bytes) -> str | None:
    """Text as the loader reads it (UTF-8, BOM and CRLF tolerated), or None."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_record(tree: Tree, path: str, max_bytes: int = 256 * 1024) -> tuple[Document | None, str]:
    """The record at ``path`` in ``tree`` as a document (with its Markdown body), or None
    and why not."""
    version = tree.read(path)
    if version is None:
        return None, "the file does not exist"
    if version.kind != "file":
        return None, f"it is a {'symbolic link' if version.kind == 'symlink' else 'submodule'}"
    if version.length > max_bytes:
        return None, "the file is too large"
    text = decode(version.data)
    if text is None:
        return None, "the file is not valid UTF-8"
    doc = parse_document(text, path.lower().endswith(".md"), path, Diagnostics())
    if doc is None:
        return None, "the file is not a valid record (run 'community validate')"
    return doc, ""


def github_of(doc: Document | None) -> str | None:
    """A profile's ``github`` field as written (without '@'), or None."""
    if doc is None:
        return None
    value = doc.data.get("github")
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().removeprefix("@")


def without_github(doc: Document | None) -> bool:
    """Whether a profile says ``github: false``: its person has no GitHub account, its
    file is named after them, and only maintainers add or change it."""
    return (github_of(doc) or "").casefold() == "false"


def owner_of(doc: Document | None, path: str) -> str:
    """Whose profile this is: its ``github`` field, else the login its file name is;
    '' for a profile without a GitHub account (nobody's but the maintainers')."""
    if without_github(doc):
        return ""
    return github_of(doc) or _stem(path)


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
