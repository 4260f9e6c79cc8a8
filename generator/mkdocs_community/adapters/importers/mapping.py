"""From source records to member files: the mapping, the files written and the loss report.

A *mapping* says which source field fills which member field (``location.country:
Country``), joins fields (``name: [first-name, last-name]``) and splits lists
(``skills: {from: Expertise, split: ";"}``). Presets (``presets.py``) are mappings
written as code for shapes that need more (OLS, GTN). Either way the result is a
:class:`Draft` per record, which knows which source fields it carried over; every other
non-empty field is in the :class:`LossReport`, with how many records had it.

Writing is idempotent: a file is written only when it does not exist yet; one that
exists with the same text is left alone, one that differs is reported (``overwrite``
replaces it). Output is deterministic: same source, same bytes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mkdocs_community.adapters.importers.sources import ImportProblem, SourceRecord
from mkdocs_community.core.records.member import GITHUB_HANDLE, MEMBER_ID, Member
from mkdocs_community.core.validation import fields_at

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/member.schema.json\n"
# Member fields that hold lists: a text value is split into items.
LIST_FIELDS = {"skills", "interests", "languages", "available_for", "mentoring.offers",
               "mentoring.seeks"}


def has_value(value: Any) -> bool:
    """Whether a source field holds something (empty text, lists and mappings do not)."""
    if isinstance(value, str):
        return bool(value.strip()) and value.strip() not in ("~", "null")
    if isinstance(value, list | dict):
        return any(has_value(v) for v in (value.values() if isinstance(value, dict)
                                          else value))
    return value is not None


@dataclass
class Draft:
    """One member file in the making, and what it made of its source record."""

    source: SourceRecord
    data: dict[str, Any] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # source fields carried over
    derivable: set[str] = field(default_factory=set)  # left out: follow from others
    login: str = ""  # the GitHub login, '' for someone without one
    key_id: str = ""  # without a login: the source's own key for them, as an id

    def put(self, target: str, value: Any, *sources: str) -> None:
        """Set a (dotted) member field, and mark ``sources`` as carried over."""
        if not has_value(value):
            return
        node, last = self._parent(target)
        node[last] = value
        self.used.update(sources)

    def _parent(self, target: str) -> tuple[dict[str, Any], str]:
        node = self.data
        *parents, last = target.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        return node, last

    def append(self, target: str, value: Any, *sources: str) -> None:
        """Add to a (dotted) list field."""
        if not has_value(value):
            return
        node, last = self._parent(target)
        items = node.setdefault(last, [])
        if value not in items:
            items.append(value)
        self.used.update(sources)


@dataclass
class LossReport:
    """What an import did not carry over."""

    total: int = 0
    lost: Counter[str] = field(default_factory=Counter)  # field -> records that lost it
    derivable: Counter[str] = field(default_factory=Counter)
    complete: int = 0  # records with nothing lost
    invalid: int = 0  # of those, records whose file validation refuses

    def add(self, draft: Draft) -> None:
        self.total += 1
        missing = [k for k, v in draft.source.fields.items()
                   if has_value(v) and k not in draft.used and k not in draft.derivable]
        self.lost.update(missing)
        self.derivable.update(k for k in draft.derivable if has_value(
            draft.source.fields.get(k)))
        self.complete += not missing

    def lines(self) -> list[str]:
        ready = self.complete - self.invalid
        share = f"{100 * ready / self.total:.1f}%" if self.total else "-"
        out = [f"{ready} of {self.total} records carried over with nothing lost and valid "
               f"({share}); {self.complete - ready} more carried over whole but need a fix "
               "by hand (below)"]
        if self.lost:
            out.append("Not carried over (source field: records that had it):")
            out.extend(f"  {name}: {count}" for name, count in sorted(
                self.lost.items(), key=lambda i: (-i[1], i[0])))
        if self.derivable:
            out.append("Left out because the site works them out (field: records):")
            out.extend(f"  {name}: {count}" for name, count in sorted(self.derivable.items()))
        return out


def slug(text: str, limit: int = 80) -> str:
    """A member id from a name: ASCII letters and digits, single hyphens ('José Núñez' ->
    'jose-nunez')."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", folded.lower())
    return "-".join(words)[:limit].strip("-") or "member"


def assign_ids(drafts: list[Draft]) -> dict[str, Draft]:
    """Each draft's file name: its login in lowercase, else a slug of its name with
    ``github: false``; a second record with the same id gets '-2', '-3', ..."""
    taken: dict[str, Draft] = {}
    for draft in drafts:
        login = draft.login if GITHUB_HANDLE.match(draft.login or "") else ""
        if login:
            base = login.lower()
            draft.data = {"github": login, **{k: v for k, v in draft.data.items()
                                             if k != "github"}}
        else:
            base = slug(draft.key_id or str(draft.data.get("name") or draft.source.key))
            draft.data = {"github": False, **{k: v for k, v in draft.data.items()
                                             if k != "github"}}
        member_id, n = base, 1
        while member_id in taken or not MEMBER_ID.match(member_id):
            n += 1
            member_id = f"{base[:75]}-{n}"
        taken[member_id] = draft
    return taken


def member_yaml(data: dict[str, Any]) -> str:
    """The member file's text: fields in the order of the data, a schema comment first."""
    name_first = {"name": data["name"], **data} if "name" in data else data
    body = yaml.safe_dump(name_first, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=False)
    return SCHEMA_LINE + body


@dataclass
class Written:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # exist and differ; not overwritten


def write_members(drafts: dict[str, Draft], folder: Path, root: Path, *,
                  prepare: Callable[[str, str], str] = lambda text, path: text,
                  overwrite: bool = False) -> Written:
    """Write ``members/<id>.yml`` for each draft (see the module's note on idempotence).

    ``prepare(text, path)`` finishes a file's text before it is compared and written
    (the ``--fix`` repairs), so a second import of the same source compares equal."""
    result = Written()
    folder.mkdir(parents=True, exist_ok=True)
    if folder.is_symlink() or not folder.resolve().is_relative_to(root.resolve()):
        raise ImportProblem(f"{folder} leads outside the site's folder")
    for member_id, draft in sorted(drafts.items()):
        path = folder / f"{member_id}.yml"
        shown = path.relative_to(root).as_posix()
        text = prepare(member_yaml(draft.data), shown)
        if path.is_symlink():
            result.kept.append(shown)
            continue
        if path.exists():
            if path.read_text(encoding="utf-8") == text:
                result.unchanged.append(shown)
                continue
            if not overwrite:
                result.kept.append(shown)
                continue
            result.replaced.append(shown)
        else:
            result.created.append(shown)
        path.write_text(text, encoding="utf-8")
    return result


# -- mapping files ---------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    target: str
    sources: tuple[str, ...]
    split: str = ""
    joiner: str = " "


@dataclass(frozen=True)
class Mapping:
    """A mapping file: ``login`` names the source field with the GitHub login, and
    ``fields`` maps member fields to source fields."""

    rules: tuple[Rule, ...]
    login: str = ""
    ignore: frozenset[str] = frozenset()

    def draft(self, record: SourceRecord) -> Draft:
        draft = Draft(record)
        if self.login:
            login = str(record.fields.get(self.login) or "").strip().removeprefix("@")
            if login:
                draft.login = login
                draft.used.add(self.login)
        draft.derivable.update(self.ignore)
        for rule in self.rules:
            values = [record.fields.get(s) for s in rule.sources]
            present = [s for s, v in zip(rule.sources, values, strict=True) if has_value(v)]
            if not present:
                continue
            if rule.target in LIST_FIELDS or rule.split:
                items: list[str] = []
                for value in values:
                    items.extend(_items(value, rule.split or ";"))
                for item in items:
                    draft.append(rule.target, item, *present)
            elif len(values) == 1 and isinstance(values[0], dict | list):
                draft.put(rule.target, values[0], *present)  # nested, as the file has it
            else:
                text = rule.joiner.join(str(v).strip() for v in values if has_value(v))
                draft.put(rule.target, text, *present)
        return draft


def _items(value: Any, split: str) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if has_value(v)]
    if not has_value(value):
        return []
    return [p.strip() for p in str(value).split(split) if p.strip()]


def parse_mapping(data: Any, where: str) -> Mapping:
    """A mapping from a mapping file's data (see ``Mapping``); problems name the entry."""
    if not isinstance(data, dict):
        raise ImportProblem(f"{where}: a mapping file is a mapping with 'fields:'")
    unknown = set(data) - {"login", "fields", "ignore"}
    if unknown:
        raise ImportProblem(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
                            "allowed: login, fields, ignore")
    fields = data.get("fields") or {}
    if not isinstance(fields, dict):
        raise ImportProblem(f"{where}: 'fields' must map member fields to source fields")
    rules = []
    for target, spec in fields.items():
        split, joiner = "", " "
        if isinstance(spec, dict):
            split, joiner = str(spec.get("split", "")), str(spec.get("join", " "))
            spec = spec.get("from")
        sources = [spec] if isinstance(spec, str) else spec
        if not isinstance(sources, list) or not sources or \
                not all(isinstance(s, str) for s in sources):
            raise ImportProblem(f"{where}: fields.{target} must name a source field, or a "
                                "list of them")
        rules.append(Rule(str(target), tuple(sources), split, joiner))
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list):
        raise ImportProblem(f"{where}: 'ignore' is a list of source fields")
    return Mapping(tuple(rules), str(data.get("login") or ""), frozenset(map(str, ignore)))


def member_fields() -> set[str]:
    """Every (dotted) field a member file can have, as a mapping targets them."""
    found = set(fields_at(Member, ()))
    for name in fields_at(Member, ()):
        nested = fields_at(Member, (name,))
        if nested and name not in ("affiliations", "roles", "locations"):
            found.update(f"{name}.{n}" for n in nested)
        else:
            found.add(name)
    return found


def identity_mapping(records: Iterable[SourceRecord]) -> Mapping:
    """Without a mapping file: source fields named like member fields (``name``,
    ``location.country``, ``links.orcid``, ...) fill them; ``github`` is the login.
    Other fields are in the loss report."""
    names = sorted({k for r in records for k in r.fields})
    known = member_fields()
    rules = tuple(Rule(n, (n,)) for n in names if n != "github" and n in known)
    return Mapping(rules, "github" if "github" in names else "")
