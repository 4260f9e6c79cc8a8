"""Rendering page bodies from Jinja2 templates, with autoescaping always on.

Templates live in ``templates/community/``. The loader searches the site's own
template folders first, so a community replaces any template by putting a file of
the same name under ``overrides/community/`` (Material's ``custom_dir``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from mkdocs_community import TEMPLATES
from mkdocs_community.core.build import Build, PageSpec
from mkdocs_community.core.i18n import Language, language
from mkdocs_community.core.records.common import Record, YearOnly
from mkdocs_community.core.records.event import STATUS_LABELS as EVENT_STATUS_LABELS
from mkdocs_community.core.records.goal import STATUS_LABELS as GOAL_STATUS_LABELS
from mkdocs_community.core.records.member import (
    AVAILABILITY_LABELS,
    LINK_LABELS,
    Member,
    country_name,
    language_name,
    member_links,
)
from mkdocs_community.core.records.member import STATUS_LABELS as MEMBER_STATUS_LABELS
from mkdocs_community.core.records.resource import OPEN_LABELS
from mkdocs_community.core.safety import is_safe_url, obfuscated_email, plain_text, render_markdown
from mkdocs_community.core.timezones import with_zone_labels, zone_label
from mkdocs_community.core.urls import member_url, relative_url
from mkdocs_community.outputs.github_links import github_repo, suggestion_url


class _ReadsContext(jinja2.runtime.Context):
    """A template context that notes each variable a template looks up (see RenderMemo)."""

    def resolve_or_missing(self, key: str) -> Any:
        reads = getattr(self.environment, "community_reads", None)
        if reads is not None:
            reads.add(key)
        return super().resolve_or_missing(key)


class CompiledTemplates:
    """Templates' compiled code, kept from one build to the next (``mkdocs serve``).

    Every build makes new Jinja environments, and compiling the hundred or so templates
    of a site again took about a second of each rebuild. This hands each environment a
    bytecode cache (Jinja's documented ``BytecodeCache``) that lives in memory: Jinja
    compiles a template again whenever its source differs from the one its code was
    made from. Code depends on the environment's syntax and compiler options too, so
    environments made differently get caches of their own, and one whose compiled code
    depends on functions (a callable ``autoescape`` or a ``finalize``) gets none.
    """

    def __init__(self) -> None:
        self._caches: dict[tuple[Any, ...], _InMemoryBytecode] = {}

    def cache_for(self, env: jinja2.Environment) -> jinja2.BytecodeCache | None:
        """The bytecode cache for environments made as ``env`` is (None: not cacheable)."""
        if callable(env.autoescape) or env.finalize is not None:
            return None
        options = (
            env.block_start_string, env.block_end_string, env.variable_start_string,
            env.variable_end_string, env.comment_start_string, env.comment_end_string,
            env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
            env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
            env.optimized, env.autoescape, env.is_async, tuple(sorted(env.extensions)),
            env.policies.get("ext.i18n.trimmed"), getattr(env, "newstyle_gettext", None),
            env.code_generator_class,
            env.lexer.__class__,
        )
        return self._caches.setdefault(options, _InMemoryBytecode())


class _InMemoryBytecode(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # checks the source's checksum

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def make_environment(search_path: Sequence[str | Path] = (),
                     compiled: CompiledTemplates | None = None) -> jinja2.Environment:
    """A Jinja2 environment over the site's template folders, then ours (``compiled``:
    templates compiled by earlier builds)."""
    loader = jinja2.FileSystemLoader([*map(str, search_path), str(TEMPLATES)])
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
        # Every template kept, not the last 400 (a few dozen files, looked up at every
        # include of every page: a dictionary, not an LRU list).
        cache_size=-1,
    )
    # {% trans %} blocks are written over several lines; their msgids are one line.
    env.policies["ext.i18n.trimmed"] = True
    if compiled is not None:
        env.bytecode_cache = compiled.cache_for(env)
    install_language(env, language())
    env.filters.update(
        url=_url,
        member_link=_member_link,
        markdown=lambda text, images=False: Markup(
            render_markdown(text or "", allow_images=images)),
        plain=plain_text,
        machine_month=machine_month,
        hue=hue,
        safe_url=lambda u: u if u and is_safe_url(u) else "",
        obfuscate_email=obfuscate_email,
        tojson_attr=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True),
        urlencode=_urlencode,
    )
    env.globals.update(link_labels=LINK_LABELS, member_links=member_links,
                       availability_labels=AVAILABILITY_LABELS,
                       status_labels=MEMBER_STATUS_LABELS,
                       event_status_labels=EVENT_STATUS_LABELS,
                       goal_status_labels=GOAL_STATUS_LABELS,
                       open_labels=OPEN_LABELS,
                       suggest_change_url=_suggest_change_url)
    return env


# What a page body can read beyond its page (the PageSpec and its context), the site's
# settings and topics: a render that looked at any of these is not remembered.
_WHOLE_COMMUNITY = frozenset({"community", "now", "today"})


@dataclass
class RenderMemo:
    """Page bodies kept from one build to the next (``mkdocs serve``).

    A body is a function of its PageSpec (template, URL, context, ...), the settings, the
    topics and the templates, unless its templates looked at the whole community or the
    time, which the memo sees as they render. A page whose spec compares equal to the
    last build's (records are immutable, and unchanged files give the very same record
    objects, see LoadCache) gets the body it had then. The templates' files are part of
    the key: editing one forgets everything.

    The same holds for the fragments a page renders with ``fragment()`` (a card in the
    member directory): a page that lists the whole community changes with any edit, but
    most of its cards do not.
    """

    templates: tuple[tuple[str, int, int], ...] = ()
    against: tuple[Any, ...] = ()
    bodies: dict[str, tuple[PageSpec, str]] = field(default_factory=dict)
    fragments: dict[Hashable, tuple[dict[str, Any], Markup]] = field(default_factory=dict)
    hits: int = 0
    fragment_hits: int = 0

    def use(self, env: jinja2.Environment, build: Build) -> None:
        templates = _template_files(env)
        against = (build.settings, build.community.topics)
        if templates != self.templates or against != self.against:
            self.templates, self.against = templates, against
            self.bodies, self.fragments = {}, {}
        self.hits = self.fragment_hits = 0


def _template_files(env: jinja2.Environment) -> tuple[tuple[str, int, int], ...]:
    """Every template file the environment can load, with its modification time and size."""
    found = []
    for folder in getattr(env.loader, "searchpath", ()):
        for path in sorted(Path(folder).rglob("*.html")):
            stat = path.stat()
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


class Renderer:
    """Renders :class:`PageSpec` bodies for one build."""

    def __init__(self, env: jinja2.Environment, build: Build,
                 memo: RenderMemo | None = None) -> None:
        self.env = env
        self.build = build
        texts = build.texts
        self.env.filters.update(
            topic=build.community.topics.label,
            # The build's rendered Markdown: a bio is rendered once, for all its uses.
            markdown=lambda text, images=False: Markup(
                texts.html(text or "", allow_images=images)),
            plain=texts.plain,
        )
        install_language(self.env, build.lang)
        self.env.globals["fragment"] = self._fragment
        # Thousands of profiles and events show the same few hundred months and days: each
        # formatted once for this build (CLDR's formatting is most of a date's cost).
        self.env.filters.update(month=_remembered(build.lang.month),
                                date=_remembered(build.lang.date))
        self.memo = memo
        if memo is not None:
            memo.use(env, build)
            self.env.context_class = _ReadsContext

    def render(self, page: PageSpec) -> str:
        if self.memo is None:
            return self.render_template(page.template, page.url, page=page, **page.context)
        known = self.memo.bodies.pop(page.url, None)
        if known is not None and known[0] == page:
            self.memo.hits += 1
            self.memo.bodies[page.url] = known
            return known[1]
        reads: set[str] = set()
        self.env.community_reads = reads  # type: ignore[attr-defined]
        try:
            body = self.render_template(page.template, page.url, page=page, **page.context)
        finally:
            self.env.community_reads = None  # type: ignore[attr-defined]
        if not reads & _WHOLE_COMMUNITY:
            self.memo.bodies[page.url] = (page, body)
        return body

    @jinja2.pass_context
    def _fragment(self, context: jinja2.runtime.Context, name: str, **variables: Any
                  ) -> Markup:
        """The template ``name`` rendered with ``variables`` alone (and what every
        template sees) for the page being rendered; under ``mkdocs serve``, kept from the
        last build while the variables compare equal (records by id, then equality)."""
        page_url = context["page_url"]
        if self.memo is None:
            return Markup(self.render_template(name, page_url, **variables))
        key = _fragment_key(name, page_url, variables)
        known = self.memo.fragments.get(key) if key is not None else None
        if known is not None and _same_values(known[0], variables):
            self.memo.fragment_hits += 1
            return known[1]
        outer = getattr(self.env, "community_reads", None)
        reads: set[str] = set()
        self.env.community_reads = reads  # type: ignore[attr-defined]
        try:
            html = Markup(self.render_template(name, page_url, **variables))
        finally:
            self.env.community_reads = outer  # type: ignore[attr-defined]
        if outer is not None:
            outer.update(reads)
        if key is not None and not reads & _WHOLE_COMMUNITY:
            self.memo.fragments[key] = (variables, html)
        return html

    def render_template(self, name: str, page_url: str, **context: Any) -> str:
        template = self.env.get_template(name)
        return template.render(
            page_url=page_url,
            community=self.build.community,
            settings=self.build.settings,
            now=self.build.now,
            today=self.build.now.date(),
            **context,
        )


def _fragment_key(name: str, page_url: str, variables: dict[str, Any]) -> Hashable | None:
    """Which fragment a call renders: records by kind and id (also in a tuple, such as a
    seeker's mentors), other values as they are (None: a value that cannot be a key)."""
    parts: list[Any] = [name, page_url]
    for key, value in sorted(variables.items()):
        parts.append(key)
        parts.append(tuple(map(_record_key, value)) if type(value) is tuple
                     else _record_key(value))
    try:
        hash(tuple(parts))
    except TypeError:
        return None
    return tuple(parts)


def _record_key(value: Any) -> Any:
    return (type(value).__name__, value.id) if isinstance(value, Record) else value


def _same_values(kept: dict[str, Any], variables: dict[str, Any]) -> bool:
    return kept.keys() == variables.keys() and all(
        kept[k] is v or (type(kept[k]) is type(v) and kept[k] == v)
        for k, v in variables.items())


def _remembered(format_date: Callable[..., str]) -> Callable[..., str]:
    """``format_date(value, ...)`` with its results kept: for date formats of one
    language. Equal values of another type (a ``YearOnly`` and the 1 January of its year)
    or in another zone (aware datetimes are equal at the same instant) are kept apart."""
    known: dict[tuple[Any, ...], str] = {}

    def remembered(value: Any, *args: Any, **kwargs: Any) -> str:
        key = (type(value), value, getattr(value, "tzinfo", None), args,
               tuple(sorted(kwargs.items())))
        found = known.get(key)
        if found is None:
            found = known[key] = format_date(value, *args, **kwargs)
        return found

    return remembered


def _urlencode(value: Any) -> str:
    """Jinja's ``urlencode``; a topic id in every chip's link is quoted once."""
    return _quoted(value) if isinstance(value, str) else jinja2.filters.do_urlencode(value)


@lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    return jinja2.filters.do_urlencode(text)


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: str) -> str:
    """Link to a site-relative ``target`` from the page being rendered."""
    return relative_url(context["page_url"], target)


@jinja2.pass_context
def _member_link(context: jinja2.runtime.Context, member: Member) -> Markup:
    """A link to ``member``'s profile with their name, isolated for bidirectional text
    (``<bdi>``): a filter, so that the mentoring page and its cards share it without
    importing a macro with their context for every card."""
    # Escaped and joined directly: Markup.format's formatter took a third of the
    # mentoring page's time, for the same text.
    return Markup(f'<a href="{escape(relative_url(context["page_url"], member_url(member.id)))}">'
                  f'<bdi>{escape(member.name)}</bdi></a>')


@jinja2.pass_context
def _suggest_change_url(context: jinja2.runtime.Context, record: Any, noun: str,
                        owners: Sequence[Member] = ()) -> str:
    """A new GitHub issue suggesting a change to ``record`` and mentioning its ``owners``
    (listed members), or '' when the site's repository is not on GitHub."""
    settings = context["settings"]
    repo = github_repo(settings)
    source = getattr(record, "source", "")
    if repo is None or not source:
        return ""
    page_url = settings.site_url.rstrip("/") + "/" + context["page_url"] \
        if settings.site_url else ""
    name = getattr(record, "name", None) or getattr(record, "title", None) or record.id
    return suggestion_url(repo, noun=noun, name=str(name), source=source, page_url=page_url,
                          owners=[member.github or member.id for member in owners])


def install_language(env: jinja2.Environment, lang: Language) -> None:
    """Templates' words (``_``, ``ngettext``, ``{% trans %}``) and formats in ``lang``.

    New-style gettext: ``_('%(n)s members', n=3)`` fills placeholders itself and escapes
    the values, so a translation may reorder them.
    """
    env.install_gettext_translations(lang.translations, newstyle=True)  # type: ignore[attr-defined]
    # The same words, said faster: a profile asks for twenty of them.
    gettext, ngettext = template_words(lang.translations.gettext, lang.translations.ngettext)
    env.globals.update(gettext=gettext, _=gettext, ngettext=ngettext)
    env.filters.update(
        date=lang.date, month=lang.month, time=lang.time, weekday=lang.weekday,
        number=lang.number, join_words=lang.list,
        country=lambda code: country_name(code, lang.code),
        language=lambda tag: language_name(tag, lang.code),
        place=lambda member: member.place_in(lang.code),
        zones=lambda text: with_zone_labels(text, lang),  # "09:00 Africa/Lagos" -> "… Lagos time"
        zone_label=lambda name: zone_label(name, lang))  # "Asia/Seoul" -> "Seoul time"
    env.globals.update(event_place=lambda event: event.place_in(lang))
    # script_text: a message with its placeholders left for a script to fill.
    env.globals.update(lang=lang, plural_forms=lang.plural_forms, script_text=lang.gettext)


def template_words(gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str]
                   ) -> tuple[Callable[..., str], Callable[..., str]]:
    """``gettext`` and ``ngettext`` for templates, as Jinja's i18n extension makes them
    with ``newstyle=True``: placeholders filled by the function, values escaped, the
    message always read as a format string ('100%%' is '100%').

    Jinja's own go through three template calls for each word (``_`` looks ``gettext`` up
    and calls it, which calls the translation), and most words on a page are plain
    labels: a message without placeholders is translated and formatted once.
    """
    plain: dict[str, Markup] = {}

    @jinja2.pass_eval_context
    def template_gettext(eval_ctx: jinja2.nodes.EvalContext, string: str, /,
                         **variables: Any) -> str:
        if not eval_ctx.autoescape:
            return gettext(string) % variables  # type: ignore[no-any-return]
        if variables:
            return Markup(gettext(string)) % variables
        found = plain.get(string)
        if found is None:
            found = plain[string] = Markup(gettext(string)) % variables
        return found

    @jinja2.pass_eval_context
    def template_ngettext(eval_ctx: jinja2.nodes.EvalContext, singular: str, plural: str,
                          num: int, /, **variables: Any) -> str:
        variables.setdefault("num", num)
        words = ngettext(singular, plural, num)
        return (Markup(words) if eval_ctx.autoescape else words) % variables

    return template_gettext, template_ngettext


def machine_month(value: dt.date | None) -> str:
    """The ``datetime`` attribute of a <time> for the ``month`` filter: '2025-03' or '2019'."""
    if value is None:
        return ""
    # Formatted directly, a third of strftime's cost (years lie between MIN_YEAR and
    # MAX_YEAR: four digits).
    return str(value.year) if isinstance(value, YearOnly) else f"{value.year}-{value.month:02d}"


def hue(text: str) -> int:
    """A stable colour hue for an initials avatar, so a person keeps their colour."""
    return int(hashlib.sha1(text.encode()).hexdigest()[:4], 16) % 360


def obfuscate_email(address: str) -> Markup:
    """An email link that simple harvesters do not read, and people still can.

    Without JavaScript it reads 'name [at] example [dot] org'; the site's script turns
    it into a mailto link from the reversed data attribute.
    """
    shown = obfuscated_email(address)
    reversed_address = address[::-1]
    return Markup('<span class="cm-email" data-reversed="{}">{}</span>').format(
        reversed_address, shown)


def member_summary(member: Member, lang: Language | None = None) -> str:
    """One line about a member for search results and link previews."""
    lang = lang or language()
    organisations = lang.list(list(member.organisations))
    if member.role and organisations:
        line = lang.gettext("%(role)s at %(organisation)s") % {
            "role": member.role, "organisation": organisations}
    else:
        line = member.role or organisations or ""
    place = member.place_in(lang.code)
    if place:
        line += (", " if line else "") + place
    return line


__all__ = ["Markup", "RenderMemo", "Renderer", "escape", "make_environment", "member_summary",
           "template_words"]
