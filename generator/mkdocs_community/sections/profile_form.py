"""``/join/profile/`` (beside the join page): "Create your profile", a form that writes
a new member's file in the browser and opens it on GitHub, ready to become a pull request.

Everything the form knows is made at build time from what the CLI uses, so the two cannot
drift apart:

* the member JSON Schema (``schema.py``): which fields exist, their types and limits, the
  topic vocabulary;
* the member template (``templates/new/member.yml``, what ``community new member`` writes):
  the order of the fields in the file, each field's help text and example, and the
  schema modeline the file starts with;
* the CLI's validation (``validation_messages.py``): the message and hint of every rule the
  browser checks, and whether the CLI has that rule for the field at all;
* real lists for the pickers (``pick_lists.py``): countries, time zones by country, and
  languages, named in the site's language.

A list of mappings (affiliations, roles, places) is a repeatable group (``FieldList``):
its entries' fields come from the schema as any other's, their examples from the
template's example entries, and the list's limit from the schema's ``maxItems``.

The form's own words are in the site's language (gettext, as every page's); the template's
help and the CLI's messages are English, as the template and the CLI are (and marked so
on a page in another language).

The page's script (``assets/profile-form.js``) checks values as they are typed, writes the
YAML, shows the directory card, and builds the GitHub link. The file is named after the
GitHub login in lowercase (``members/<login>.yml``), the identity rule ``check-pr`` applies.
Without JavaScript the page shows the manual route: the template and the contribution guide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from mkdocs_community.core import scaffold
from mkdocs_community.core.build import Build, PageSpec
from mkdocs_community.core.i18n import N_
from mkdocs_community.core.kinds import kind as kind_named
from mkdocs_community.core.member_template import TemplateEntry, read_template
from mkdocs_community.core.records.common import MAX_YEAR, MIN_YEAR
from mkdocs_community.core.records.member import AVAILABILITY_LABELS, LINK_LABELS, STATUS_LABELS
from mkdocs_community.core.schema import schema_for
from mkdocs_community.core.sources import CONTROL, DECEPTIVE
from mkdocs_community.core.topics import SUGGEST_CUTOFF, TOPIC_ID, Vocabulary, topic_id_for
from mkdocs_community.core.validation import ordinal
from mkdocs_community.derive import pick_lists
from mkdocs_community.derive.validation_messages import MARKER, Message, probe, with_value
from mkdocs_community.outputs.github_links import MAX_URL_LENGTH, GitHubRepo, github_repo

TEMPLATE_PATH = scaffold.TEMPLATES / "member.yml"
# Fields the form leaves out on purpose, and what the page tells people about each. Any
# other field the form has no input for (a kind of value it has no widget for, should the
# schema grow one) is left out too, and listed with LATER.
LEFT_OUT = {
    "avatar": N_("a photo is an image file of its own: add it to %(folder)s/avatars/ and "
                 "an 'avatar:' line in a later pull request. Until then your initials are "
                 "shown."),
    "mentoring.mentors": N_("recorded once you are matched with a mentor."),
    "memorial": N_("written by the maintainers, in memory of someone: not part of a "
                   "profile anyone fills in for themselves."),
}
LATER = N_("add it to your file in a later pull request; the template below shows how.")
# A list whose single entry the template writes as a mapping of its own: one place is
# 'location', several are 'locations' (the model takes one or the other). The form shows
# the list, and takes the template's help for its fields from the mapping's.
ONE_OR_MANY = {"locations": "location"}
# Fields of one mapping that the model wants both or neither of (Location's check).
PAIRED = (("latitude", "longitude"),)
# Choices a form for joining does not offer (they are set by the maintainers).
NOT_OFFERED = {"status": frozenset({"in-memoriam"})}
# Every field's label (a field missing here is labelled from its schema title).
LABELS = {
    "name": N_("Name"), "kind": N_("This profile is about"), "joined": N_("Month you joined"),
    "pronouns": N_("Pronouns"), "name_pronunciation": N_("How to say your name"),
    "name_romanised": N_("Name in Latin letters"), "github": N_("GitHub login"),
    "role": N_("Role"), "organisation": N_("Organisation"), "location": N_("Location"),
    "location.city": N_("City"), "location.region": N_("Region"),
    "location.country": N_("Country"), "timezone": N_("Time zone"),
    "languages": N_("Languages"), "bio": N_("About you"), "skills": N_("Skills"),
    "interests": N_("Interests"), "mentoring": N_("Mentoring"),
    "mentoring.offers": N_("Topics you can mentor in"),
    "mentoring.seeks": N_("Topics you would like a mentor for"),
    "mentoring.capacity": N_("Mentees at a time"),
    "mentoring.open": N_("Accepting new mentees now"),
    "mentoring.note": N_("A note for mentees"), "links": N_("Links"),
    "available_for": N_("People may ask me for"), "email": N_("Email"),
    "email_public": N_("Show my email on the site"), "cohort": N_("Cohort"),
    "status": N_("Status"), "listed": N_("Show my profile on the site"),
    **{f"links.{key}": label for key, label in LINK_LABELS.items()},
    "locations": N_("Location"), "locations.city": N_("City"),
    "locations.region": N_("Region"), "locations.country": N_("Country"),
    "locations.latitude": N_("Latitude"), "locations.longitude": N_("Longitude"),
    "affiliations": N_("Affiliations"), "affiliations.name": N_("Organisation name"),
    "affiliations.ror": N_("ROR id"), "affiliations.role": N_("Your role there"),
    "affiliations.url": N_("Organisation's website"),
    "affiliations.current": N_("Current affiliation"),
    "roles": N_("Roles"), "roles.role": N_("Role held"), "roles.cohort": N_("In cohort"),
    "roles.year": N_("Year"), "roles.programme": N_("Programme"),
}
# What one entry of a repeatable group is called (%(num)s: its place in the list), and
# the button that adds one.
ENTRY_WORDS = {
    "affiliations": (N_("Affiliation %(num)s"), N_("Add an affiliation")),
    "roles": (N_("Role %(num)s"), N_("Add a role")),
    "locations": (N_("Place %(num)s"), N_("Add another place")),
}
ENTRY_FALLBACK = (N_("Entry %(num)s"), N_("Add an entry"))
# Labels of the choices of a field (else the value, capitalised).
OPTION_LABELS = {"status": STATUS_LABELS, "available_for": AVAILABILITY_LABELS,
                 "kind": {"person": N_("A person"), "team": N_("A team"),
                          "organisation": N_("An organisation")}}
# Fields whose value has a picker or format of its own (others follow their schema type).
WIDGETS = {
    "github": "handle", "joined": "month", "timezone": "timezone",
    "location.country": "country", "languages": "languages", "email": "email",
    "links.orcid": "orcid", "locations.country": "country", "affiliations.ror": "ror",
}
AUTOCOMPLETE = {
    "name": "name", "github": "username", "organisation": "organization",
    "role": "organization-title", "location.city": "address-level2",
    "location.region": "address-level1", "location.country": "country", "email": "email",
    "links.website": "url", "locations.city": "address-level2",
    "locations.region": "address-level1", "locations.country": "country",
    "affiliations.name": "organization",
}
# Help for fields the template says nothing about, where the form needs to.
HELP = {
    "github": N_("The login you sign in to GitHub with. Your file is named after it, in "
                 "lowercase, and only you may change it."),
}
CHOICES = frozenset({"select", "choices", "country", "timezone", "checkbox"})
PROBE_NAME = "Probe"  # a valid text for a required field of a probe's record


# -- the fields ------------------------------------------------------------------------


def html_id(name: str) -> str:
    """The id of a field's element in the page: ``links.website`` -> ``cm-pf-links-website``."""
    return "cm-pf-" + re.sub(r"[^a-z0-9]+", "-", name)


@dataclass(frozen=True)
class FormField:
    """One input of the form."""

    name: str  # its place in the file: "links.website"
    label: str
    widget: str  # text, markdown, url, email, handle, orcid, month, number, checkbox,
    #              select, country, timezone, topics, languages
    help: str = ""
    example: str = ""
    required: bool = False
    rules: Mapping[str, Any] = field(default_factory=dict)
    default: Any = None
    options: tuple[tuple[str, str], ...] = ()
    autocomplete: str = ""
    note_id: str = ""  # the comment above a run of fields, which describes each of them
    in_list: bool = False  # a field of each entry of a repeatable group ("affiliations.ror")

    @property
    def path(self) -> tuple[str | int, ...]:
        """Where the field is in a record; in a list, in its first entry."""
        parts = tuple(self.name.split("."))
        return (parts[0], 0, *parts[1:]) if self.in_list else parts

    @property
    def html_id(self) -> str:
        return html_id(self.name)

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "widget": self.widget,
                "required": self.required, "rules": dict(self.rules),
                "default": self.default, "id": self.html_id}


@dataclass(frozen=True)
class FieldGroup:
    """A nested mapping of the file (location, mentoring, links): a fieldset."""

    name: str
    label: str
    help: str
    fields: tuple[FormField, ...]

    @property
    def html_id(self) -> str:
        return html_id(self.name)


@dataclass(frozen=True)
class FieldList:
    """A list of mappings of the file (affiliations, roles, places): a repeatable group,
    one fieldset per entry, added and removed by the person filling in the form."""

    name: str
    label: str
    help: str
    fields: tuple[FormField, ...]  # the fields of one entry
    max_items: int
    entry_label: str  # "Affiliation %(num)s"
    add_label: str
    single: str = ""  # the mapping one entry is written as ('location'), if any
    note_id: str = ""

    @property
    def html_id(self) -> str:
        return html_id(self.name)

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "widget": "list", "required": False,
                "rules": {"maxItems": self.max_items}, "default": None, "id": self.html_id,
                "entry": self.entry_label, "single": self.single,
                "fields": [f.as_json() for f in self.fields]}


Item = FormField | FieldGroup | FieldList


@dataclass(frozen=True)
class Block:
    """Fields that one comment of the template introduces, in file order."""

    note: str
    note_id: str
    items: tuple[Item, ...]


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> dict[str, Any]:
    """``node`` with its ``$ref`` followed and an optional ``anyOf [X, null]`` flattened."""
    node = dict(node)
    ref = node.pop("$ref", None)
    if ref:
        node = {**_resolve(schema, schema["$defs"][ref.rsplit("/", 1)[-1]]), **node}
    options = [o for o in node.pop("anyOf", []) if o.get("type") != "null"]
    texts = [o for o in options if o.get("type") == "string"]
    # A form writes text: of "a login or false" it offers the login (false is the
    # maintainers' to write, for someone without GitHub).
    chosen = options if len(options) == 1 else texts if len(texts) == 1 else []
    if chosen:
        node = {**_resolve(schema, chosen[0]), **node}
    return node


@dataclass(frozen=True)
class Words:
    """The form's words in one language: a gettext function and the language's tag."""

    gettext: Callable[[str], str] = str
    language: str = "en"


ENGLISH = Words()


def _widget(name: str, node: Mapping[str, Any], topic_fields: set[str],
            schema: Mapping[str, Any]) -> str | None:
    """The kind of input for a field, or None when the form has none for it."""
    if name in WIDGETS:
        return WIDGETS[name]
    if name in topic_fields:
        return "topics"
    kind = node.get("type")
    if "enum" in node:
        return "select"
    if kind == "array" and "enum" in _resolve(schema, node.get("items", {})):
        return "choices"
    if kind == "boolean":
        return "checkbox"
    if kind == "integer":
        return "number"
    if kind == "number":
        return "decimal"
    if node.get("format") == "uri":
        return "url"
    if kind == "string":
        return "markdown" if "minLength" not in node and node.get("maxLength", 0) > 300 \
            else "text"
    return None


_RULES = {"maxLength": "maxLength", "maxItems": "maxItems", "minimum": "minimum",
          "maximum": "maximum", "pattern": "pattern"}


@lru_cache(maxsize=1)
def _topic_fields() -> frozenset[str]:
    """The member fields that hold topics: the model marks them ("x-topic"), and
    ``schema_for`` turns the mark into the vocabulary's list."""
    raw = kind_named("member").model.model_json_schema(mode="validation")
    return frozenset(name for name, node in _schema_fields(raw, raw)
                     if _resolve(raw, node).get("items", {}).get("x-topic"))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _in_template_order(names: list[str], order: Mapping[str, int]) -> list[str]:
    """``names`` (schema order) sorted by the template; a name the template lacks comes
    right after the one before it in the schema."""
    result = sorted((n for n in names if n in order), key=lambda n: order[n])
    for i, name in enumerate(names):
        if name not in order:
            before = names[i - 1] if i else None
            result.insert(result.index(before) + 1 if before in result else 0, name)
    return result


@dataclass
class _Maker:
    """What making the form's fields needs: the schema, the template's entries, words."""

    schema: Mapping[str, Any]
    nodes: Mapping[str, Any]
    entries: Mapping[str, TemplateEntry]
    order: Mapping[str, int]
    words: Words

    def label(self, name: str, node: Mapping[str, Any]) -> str:
        if name in LABELS:
            return self.words.gettext(LABELS[name])
        title = str(node.get("title") or name.rsplit(".", 1)[-1].replace("_", " "))
        return title[:1].upper() + title[1:].lower()

    def options(self, name: str, widget: str, node: Mapping[str, Any]
                ) -> tuple[tuple[str, str], ...]:
        language = self.words.language
        if widget == "country":
            return pick_lists.countries(language)
        if widget == "timezone":
            return pick_lists.time_zones(language, self.words.gettext(
                N_("UTC (Coordinated Universal Time)")))
        if widget not in ("select", "choices"):
            return ()
        values = node["enum"] if widget == "select" else \
            _resolve(self.schema, node["items"])["enum"]
        labels = OPTION_LABELS.get(name, {})
        return tuple((str(v), self.words.gettext(labels[str(v)]) if str(v) in labels
                      else str(v).capitalize())
                     for v in values if str(v) not in NOT_OFFERED.get(name, ()))

    def field(self, name: str, required: bool, in_list: bool = False) -> FormField | None:
        node = _resolve(self.schema, self.nodes[name])
        widget = _widget(name, node, _topic_fields(), self.schema)
        if widget is None:
            return None
        entry = self.entries.get(name)
        help_text = (entry.help if entry else "") or str(node.get("description") or "") or \
            (self.words.gettext(HELP[name]) if name in HELP else "")
        return FormField(
            name=name, label=self.label(name, node), widget=widget, help=_sentence(help_text),
            example=entry.example if entry and widget not in CHOICES else "",
            required=required, rules={**{ours: node[theirs] for theirs, ours in _RULES.items()
                                         if theirs in node}, **_pair(name)},
            default=node.get("default"), options=self.options(name, widget, node),
            autocomplete=AUTOCOMPLETE.get(name, ""), in_list=in_list)

    def entries_of(self, name: str, node: Mapping[str, Any]) -> FieldList | None:
        """A list of mappings as a repeatable group; None for any other list."""
        item = _resolve(self.schema, node.get("items", {}))
        if item.get("type") != "object" or "properties" not in item:
            return None
        children = [f"{name}.{child}" for child in item["properties"]
                    if f"{name}.{child}" not in LEFT_OUT]
        made = (self.field(child, child.rsplit(".", 1)[-1] in item.get("required", ()),
                           in_list=True)
                for child in _in_template_order(children, self.order))
        entry = self.entries.get(name)
        entry_label, add_label = ENTRY_WORDS.get(name, ENTRY_FALLBACK)
        help_text = (entry.note if entry else "") or str(node.get("description") or "")
        return FieldList(name, self.label(name, node), _sentence(help_text),
                         tuple(f for f in made if f is not None), int(node.get("maxItems", 0)),
                         self.words.gettext(entry_label), self.words.gettext(add_label),
                         ONE_OR_MANY.get(name, ""))

    def item(self, name: str, required: bool) -> Item | None:
        node = _resolve(self.schema, self.nodes[name])
        entries = self.entries_of(name, node) if node.get("type") == "array" else None
        if entries is not None:
            return entries
        if node.get("type") != "object" or "properties" not in node:
            return self.field(name, required)
        children = [f"{name}.{child}" for child in node["properties"]
                    if f"{name}.{child}" not in LEFT_OUT]
        made = (self.field(child, child.rsplit(".", 1)[-1] in node.get("required", ()))
                for child in _in_template_order(children, self.order))
        entry = self.entries.get(name)
        return FieldGroup(name, self.label(name, node), entry.note if entry else "",
                          tuple(f for f in made if f is not None))


def _pair(name: str) -> dict[str, str]:
    """The field ``name`` goes with (PAIRED), in the same mapping, as a rule."""
    head, _, last = name.rpartition(".")
    for pair in PAIRED:
        if last in pair:
            other = pair[1 - pair.index(last)]
            return {"pair": f"{head}.{other}" if head else other}
    return {}


def _with_aliases(found: Mapping[str, Any]) -> dict[str, Any]:
    """What the template says of a mapping (``location.city``) said of the list that
    holds several of them (``locations.city``), where it says nothing of the list."""
    result = dict(found)
    for many, one in ONE_OR_MANY.items():
        for name, value in found.items():
            if name == one or name.startswith(one + "."):
                result.setdefault(many + name[len(one):], value)
    return result


def form_blocks(vocabulary: Vocabulary, template: str,
                words: Words = ENGLISH) -> tuple[str, list[Block]]:
    """The template's modeline and the form's blocks: every field of the member schema
    the form has an input for, in the order, and with the help, of the member template."""
    schema = schema_for(kind_named("member"), vocabulary)
    nodes = dict(_schema_fields(schema, schema))
    modeline, entries = read_template(template, {tuple(n.split(".")) for n in nodes})
    maker = _Maker(schema, nodes, _with_aliases({".".join(e.path): e for e in entries}),
                   _with_aliases({".".join(e.path): i for i, e in enumerate(entries)}), words)
    required = set(schema.get("required", ()))
    # A mapping that a list of them stands for is shown by the list.
    shown_by_list = set(ONE_OR_MANY.values())
    top = [n for n in schema["properties"] if n not in LEFT_OUT and n not in shown_by_list]
    blocks: list[Block] = []
    for name in _in_template_order(top, maker.order):
        entry = maker.entries.get(name)
        run = entry.run if entry else -1 - len(blocks)
        made = maker.item(name, name in required)
        if made is None:
            continue
        if blocks and entry and blocks[-1].note_id == f"cm-pf-note-{run}":
            blocks[-1] = Block(blocks[-1].note, blocks[-1].note_id, (*blocks[-1].items, made))
        else:
            blocks.append(Block(entry.note if entry else "", f"cm-pf-note-{run}", (made,)))
    return modeline, [_settle_notes(block) for block in blocks]


def _settle_notes(block: Block) -> Block:
    """A note above one field is that field's help; above several, each field's
    description points at it."""
    if len(block.items) == 1:
        only = block.items[0]
        if isinstance(only, FieldGroup | FieldList):
            return Block("", block.note_id, (only,))
        help_text = " ".join(t for t in (block.note, only.help) if t)
        return Block("", block.note_id, (_replace(only, help=help_text),))
    if not block.note:
        return block
    # A list's help is the note above it: here the block's, shown once, above all.
    items = tuple(_replace(i, note_id=block.note_id) if isinstance(i, FormField) else
                  _replace(i, note_id=block.note_id, help="") if isinstance(i, FieldList)
                  else i for i in block.items)
    return Block(block.note, block.note_id, items)


def _replace(item: Any, **changes: Any) -> Any:
    return type(item)(**{**item.__dict__, **changes})


def _schema_fields(schema: Mapping[str, Any], node: Mapping[str, Any],
                   prefix: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every field of ``node``, nested ones as ``location.city``; the fields of the
    entries of a list of mappings as ``affiliations.name``."""
    for name, child in node.get("properties", {}).items():
        full = f"{prefix}{name}"
        yield full, child
        resolved = _resolve(schema, child)
        if resolved.get("type") == "array":
            resolved = _resolve(schema, resolved.get("items", {}))
        if resolved.get("type") == "object":
            yield from _schema_fields(schema, resolved, full + ".")


def left_out(vocabulary: Vocabulary, blocks: Iterable[Block], members_dir: str,
             words: Words = ENGLISH) -> list[tuple[str, str]]:
    """(field, what to do instead) for every field of the schema the form has no input
    for, in schema order."""
    schema = schema_for(kind_named("member"), vocabulary)
    shown = {f.name for f in all_fields(blocks)}
    groups = {i.name for b in blocks for i in b.items if not isinstance(i, FormField)}
    singles = {i.single for b in blocks for i in b.items
               if isinstance(i, FieldList) and i.single}
    found: list[tuple[str, str]] = []
    for name, _ in _schema_fields(schema, schema):
        head = name.split(".")[0]
        if name in shown or name in groups or head in singles or \
                any(name.startswith(n + ".") for n, _ in found):
            continue
        found.append((name, words.gettext(LEFT_OUT.get(name, LATER)) % {"folder": members_dir}))
    return found


def all_fields(blocks: Iterable[Block]) -> list[FormField]:
    """Every input of the form, in file order (those of a repeatable group's entry once)."""
    found: list[FormField] = []
    for block in blocks:
        for item in block.items:
            found.extend((item,) if isinstance(item, FormField) else item.fields)
    return found


def file_items(blocks: Iterable[Block]) -> list[FormField | FieldList]:
    """What the script writes, in file order: inputs, and repeatable groups."""
    found: list[FormField | FieldList] = []
    for block in blocks:
        for item in block.items:
            found.extend(item.fields if isinstance(item, FieldGroup) else (item,))
    return found


# -- what the CLI says ----------------------------------------------------------------


def field_messages(form_field: FormField, vocabulary: Vocabulary,
                   context: Mapping[str, Any], entry_required: Iterable[str] = ()
                   ) -> dict[str, Any]:
    """The CLI's message for each rule the browser checks on ``form_field``.

    A rule is checked in the browser only when the CLI has it for the field, which the
    probe shows: no message, no check. Each rule is probed with two values; a message
    that changes with the value in a way its placeholders do not cover (an email
    validator's reason, say) is left out, and that rule to the CLI.
    """
    model = kind_named("member").model
    placed = _placer(form_field, entry_required)
    found: dict[str, Any] = {}

    def run(key: str, *tries: tuple[Any, Mapping[str, str]], code: str = "",
            entries: tuple[int, ...] = ()) -> None:
        """Probe each try (in entry ``entries[i]`` of a list, else the first)."""
        made = {probe(model, placed(value, entries[i] if entries else 0), context,
                      texts=texts) for i, (value, texts) in enumerate(tries)}
        message = made.pop() if len(made) == 1 else None
        if message is not None and (not code or message.code == code):
            found[key] = message.as_json()

    def typed(*values: Any) -> list[tuple[Any, Mapping[str, str]]]:
        """Probe values whose text the message may quote ('{value}')."""
        return [(v, {(v[0] if isinstance(v, list) else v): "value"}) for v in values]

    if form_field.required:
        # In a list, the message names the entry ("the 2nd affiliation"): {nth}.
        run("required", *[(None, {ordinal(n + 1): "nth"} if form_field.in_list else {})
                          for n in (0, 1)], entries=(0, 1))
        if "required" in found:
            found["required"]["hint"] = ""  # "add a line 'name: ...'" is for the file
    too_long = _too_long_messages(form_field.rules, form_field.widget, vocabulary, model,
                                  lambda value: placed(value, 0), context)
    if too_long:
        found["too-long"] = too_long
    m = MARKER
    widget = form_field.widget
    if widget in ("text", "markdown"):
        # Only where these are the rule that fails (a field with a format of its own
        # may refuse the probe for that first).
        run("control", *typed(f"{m}\x01{m}", f"{m}\x02{m}{m}"), code="control-character")
        run("deceptive", *typed(f"{m}\u200b{m}", f"{m}\u2066{m}{m}"), code="deceptive-text")
    elif widget == "url":
        run("url-scheme", *[(f"{scheme}://example.org/",
                             {f"{scheme}://example.org/": "value", scheme: "scheme"})
                            for scheme in (f"{m}s", f"{m}t")])
        run("url-no-scheme", *typed(f"{m}.example.org", f"{m}{m}.example.org"))
        run("url-host", *typed(f"https://{m}", f"https://{m}{m}"))
        run("url-spaces", *typed(f"https://example.org/{m} {m}", f"https://example.org/ {m}"))
    elif widget == "handle":
        run("format", *typed(f"{m} {m}", f"{m}!{m}"))
    elif widget == "email":
        run("no-at", *typed(m, m + m))
    elif widget == "orcid":
        run("format", *typed(m, f"{m} {m}"))
        run("checksum", *typed("0000-0002-1825-0098", "0000-0002-1825-0099"))
    elif widget == "ror":
        run("format", *typed(m, f"{m} {m}"))
        run("checksum", *typed("052gg0111", "052gg0112"))
    elif widget == "decimal":
        run("not-number", *typed(m, m + m))
        if "minimum" in form_field.rules and "maximum" in form_field.rules:
            run("range", *typed(str(form_field.rules["maximum"] + 1),
                                str(form_field.rules["minimum"] - 2)))
    elif widget == "month":
        run("format", *typed(m, m + m))
        run("invalid", *typed("2026-13", "2026-14"))
        run("range", *typed(f"{MIN_YEAR - 1}-12", f"{MIN_YEAR - 2}-01"))
    elif widget == "number":
        run("whole", *typed("2.5", "3.5"))
        for key, bound, step in (("low", "minimum", -1), ("high", "maximum", 1)):
            if bound in form_field.rules:
                run(key, *[(str(form_field.rules[bound] + step * n), {}) for n in (1, 2)])
    elif widget == "topics":
        # A topic nobody has: the hint may propose its line for the topics file, with the
        # label capitalised and the id made from it ("zqx zqx" -> "zqx-zqx: Zqx zqx").
        run("unknown", *[([text], {text: "value", _new_label(text): "label",
                                   topic_id_for(_new_label(text)): "newid"})
                         for text in (f"{m} {m}", f"{m} {m}{m}")])
        run("unknown-noid", *typed(["文字"], ["漢字"]))
        near = _near_misses(vocabulary)
        run("unknown-near", *[([text], {text: "value", " or ".join(
            f"'{t}'" for t in vocabulary.suggest(text)): "suggestions"}) for text in near])
    elif widget == "languages":
        run("unknown", *typed([f"{m}-!!"], [f"{m}-??"]))
    if "pair" in form_field.rules:
        # The other of the pair given and this one not: the message shows at this one.
        other = _placer(_replace(form_field, name=form_field.rules["pair"]), entry_required)
        made = {probe(model, other(value, 0), context) for value in ("1", "2")}
        if len(made) == 1 and None not in made:
            found["pair"] = made.pop().as_json()  # type: ignore[union-attr]
    return found


_BASE = {"name": PROBE_NAME, "joined": "2026-01"}  # a probe's record, valid as it is


def _placer(form_field: FormField, entry_required: Iterable[str] = ()
            ) -> Callable[[Any, int], dict[str, Any]]:
    """A probe's record with ``value`` at the field (None: without it); for a field of a
    list's entries, in entry ``entry``, after entries that hold only what is required."""
    if not form_field.in_list:
        return lambda value, entry=0: with_value(_BASE, form_field.path, value)
    fine = dict.fromkeys(entry_required, PROBE_NAME)
    head, _, *rest = form_field.path

    def placed(value: Any, entry: int = 0) -> dict[str, Any]:
        data = {**_BASE, head: [dict(fine) for _ in range(entry + 1)]}
        return with_value(data, (head, entry, *rest), value)
    return placed


def entry_required(field_list: FieldList) -> tuple[str, ...]:
    """The fields every entry of ``field_list`` must have."""
    return tuple(f.name.rsplit(".", 1)[-1] for f in field_list.fields if f.required)


def list_messages(field_list: FieldList, vocabulary: Vocabulary,
                  context: Mapping[str, Any]) -> dict[str, Any]:
    """The CLI's message for a repeatable group with an entry too many (the form adds
    none past the limit, and says so in these words)."""
    fine = dict.fromkeys(entry_required(field_list), PROBE_NAME)
    found = _too_long_messages(
        {"maxItems": field_list.max_items}, "list", vocabulary, kind_named("member").model,
        lambda value, entry=0: with_value(_BASE, (field_list.name,), value), context,
        item=fine)
    return {"too-long": found} if found else {}

def _new_label(text: str) -> str:
    """How the CLI writes a topic it has not got: as typed, capitalised when lowercase."""
    label = text.strip()
    return label if label != label.casefold() else label[:1].upper() + label[1:]


def _too_long_messages(rules: Mapping[str, Any], widget: str, vocabulary: Vocabulary,
                       model: Any, placed: Callable[[Any], dict[str, Any]],
                       context: Mapping[str, Any], item: Any = None) -> dict[str, Any]:
    """The length rule's message, for one character (or entry) too many and for more.

    The probe is a value that is fine but for its length (``placed`` puts it in a
    record; a list of ``item`` for a repeatable group). Where the CLI checks a field's
    format before its length, the probe meets that first (a different code): the length
    is then left to the CLI.
    """
    limit = rules.get("maxLength") or rules.get("maxItems")
    if not limit or widget in CHOICES:
        return {}
    if widget == "list":
        def grow(n: int) -> Any:
            return [dict(item) for _ in range(n)]
    elif widget == "topics":
        ids = list(vocabulary.topics)
        if len(ids) < limit + 2:
            return {}  # nobody can choose too many

        def grow(n: int) -> Any:
            return ids[:n]
    elif widget == "languages":
        def grow(n: int) -> Any:
            return [tag for tag, _ in pick_lists.languages()][:n]
    elif widget == "url":
        def grow(n: int) -> Any:
            return "https://example.org/" + "x" * (n - len("https://example.org/"))
    else:
        def grow(n: int) -> Any:
            return "x" * n
    counts = {}
    for plural, extra in (("one", 1), ("other", 2)):
        message = probe(model, placed(grow(limit + extra)), context,
                        numbers={"count": limit + extra, "limit": limit, "extra": extra})
        if message is None or message.code != "too-long":
            return {}
        counts[plural] = message.as_json()
    return counts


def _near_misses(vocabulary: Vocabulary) -> list[str]:
    """Two misspellings of known topics that the vocabulary suggests topics for."""
    found = []
    for topic_id in vocabulary.topics:
        near = topic_id + "q"
        if len(topic_id) >= 5 and vocabulary.resolve(near) is None and vocabulary.suggest(near):
            found.append(near)
        if len(found) == 2:
            break
    return found


def form_messages(members_dir: str, words: Words = ENGLISH) -> dict[str, dict[str, str]]:
    """Messages of the form's own rules (the CLI has no form to fill in). ``{file}`` is
    filled in by the script."""
    _ = words.gettext
    return {
        "github-required": Message(
            "missing-field", _("your GitHub login is needed: your file is named after it"),
            _("write the login you sign in to GitHub with, e.g. 'octocat'")).as_json(),
        "exists": Message(
            "exists", _("%(path)s already exists") % {"path": f"{members_dir}/{{file}}"},
            _("if it is your profile, edit it on GitHub instead")).as_json(),
    }


# The script's words, in the site's language (placeholders as %(name)s).
SCRIPT_TEXT = {
    "yourName": N_("Your name"),
    "also": N_("also “%(alias)s”"),
    "remove": N_("Remove %(label)s from %(field)s"),
    "added": N_("%(label)s added to %(field)s."),
    "removed": N_("%(label)s removed from %(field)s."),
    "error": N_("Error:"),
    "editOnGitHub": N_("Edit %(file)s on GitHub"),
    "copied": N_("Copied %(file)s. Paste it into GitHub's new-file page."),
    "copyByHand": N_("Your browser did not let this page copy: the file is selected; press "
                     "Ctrl+C (or ⌘C) to copy it."),
    "downloaded": N_("Downloaded %(file)s: add it to the %(folder)s/ folder of the "
                     "repository."),
    "myZone": N_("Use my time zone: %(zone)s"),
    "zoneSet": N_("Time zone set to %(zone)s."),
    "clear": N_("Clear everything you typed in this form?"),
    "mentor": N_("Offers mentoring"),
    "cohort": N_("Cohort %(cohort)s"),
    "removeEntry": N_("Remove %(entry)s"),
    "entryAdded": N_("%(entry)s added."),
    "entryRemoved": N_("%(entry)s removed."),
    "inEntry": N_("%(field)s (%(entry)s)"),
}


# -- the page -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileForm:
    """Everything the form's template shows, and the script's configuration."""

    blocks: tuple[Block, ...]
    config: Mapping[str, Any]
    repo: GitHubRepo | None
    repo_url: str
    members_dir: str
    template_text: str  # the template as `community new member <your-login>` writes it
    left_out: tuple[tuple[str, str], ...]  # (field, what to do instead)


def build_form(build: Build) -> ProfileForm:
    """The form, from the settings, the topics, the language, the member template, the
    build's day and the listed members' ids; under ``mkdocs serve``, kept from the last
    build while those are the same (a member's edit does not probe every rule again)."""
    template = TEMPLATE_PATH.read_text(encoding="utf-8")
    inputs = (build.kept.same("settings", build.settings),
              build.kept.same("topics", build.community.topics), build.lang, template,
              build.now.date(), tuple(m.id for m in build.community.listed_members))
    return build.kept.value("profile-form", "", inputs, partial(_build_form, build, template))


def _build_form(build: Build, template: str) -> ProfileForm:
    settings = build.settings
    vocabulary = build.community.topics
    lang = build.lang
    words = Words(lang.gettext, lang.code)
    blocks = form_blocks(vocabulary, template, words)[1]
    # The placeholder of the repository's copy-me file (members/_template.yml).
    example_path = f"{settings.members_dir}/your-github-handle.yml"
    template_text = scaffold.render(kind_named("member"), "your-github-handle", example_path,
                                    build.now.date())
    # The modeline as `community new` writes it, with the schema's path from the folder.
    first = template_text.splitlines()[0] if template_text else ""
    modeline = first if first.startswith("# yaml-language-server:") else ""
    context = {"topics": vocabulary, "settings": settings}
    repo = github_repo(settings)
    members_dir = settings.members_dir
    messages = {}
    for item in file_items(blocks):
        if isinstance(item, FieldList):
            messages[item.name] = list_messages(item, vocabulary, context)
            required = entry_required(item)
            messages.update({f.name: field_messages(f, vocabulary, context, required)
                             for f in item.fields})
        else:
            messages[item.name] = field_messages(item, vocabulary, context)
    config = {
        "fields": [item.as_json() if isinstance(item, FieldList) else
                   {**item.as_json(), "group": item.path[0] if len(item.path) > 1 else ""}
                   for item in file_items(blocks)],
        "messages": messages,
        "formMessages": form_messages(members_dir, words),
        "text": {key: lang.gettext(text) for key, text in SCRIPT_TEXT.items()},
        "plurals": {
            "problems": lang.plural_forms("Please fix %(num)s problem before sending",
                                          "Please fix these %(num)s problems before sending"),
            "characters": lang.plural_forms("%(num)s of %(limit)s character",
                                            "%(num)s of %(limit)s characters"),
        },
        "lang": lang.code,
        "patterns": {"control": CONTROL.pattern, "deceptive": DECEPTIVE.pattern,
                     "topicId": TOPIC_ID.pattern},
        "suggestCutoff": SUGGEST_CUTOFF,
        "topics": [[t.id, t.label, list(t.aliases)] for t in vocabulary.topics.values()],
        "languages": [list(item) for item in pick_lists.languages(lang.code)],
        "zoneAliases": pick_lists.zone_aliases(),
        "existing": sorted(m.id for m in build.community.listed_members),
        "modeline": modeline,
        "membersDir": members_dir,
        "newFile": repo.new_file_page if repo else "",
        "editFile": repo.edit_url(members_dir) + "/" if repo else "",
        "maxUrl": MAX_URL_LENGTH,
        "years": [MIN_YEAR, MAX_YEAR],
        "today": build.now.strftime("%Y-%m"),
    }
    return ProfileForm(
        blocks=tuple(blocks), config=config, repo=repo, repo_url=settings.repo_url,
        members_dir=members_dir, template_text=template_text,
        left_out=tuple(left_out(vocabulary, blocks, members_dir, words)))


def pages(build: Build) -> Iterator[PageSpec]:
    _ = build.lang.gettext
    form = build_form(build)
    yield PageSpec(
        url=build.settings.profile_form_url,
        title=_("Create your profile"),
        template="community/profile-form.html",
        context={"form": form},
        description=_("Join %(name)s from your browser: fill in your profile, see it as the "
                      "directory will show it, and open it on GitHub as a pull request. No "
                      "git or terminal needed.") % {"name": build.settings.name},
        section=build.settings.profile_form_url.removesuffix("profile/").strip("/"),
        hide=("navigation", "toc"),
    )
