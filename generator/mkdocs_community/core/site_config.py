"""Reading a site's ``mkdocs.yml`` as data, without MkDocs and without running anything.

The ``community`` command and the pull-request check need the plugin's options (record
folders, the topics file, maintainers, ...). MkDocs' own loader must not be used for
that: it builds Python objects from tags such as ``!!python/object/apply:os.system``,
and loading a configuration imports its ``hooks:`` files, its theme and its plugins. A
configuration file from a pull request would then run code in the check that judges it.

Here the file is only *composed* (PyYAML's safe composer: a tree of nodes, nothing
constructed), then turned into plain data by :func:`parse_config`:

- standard scalars, lists and mappings get their usual YAML types (so ``true`` is a
  bool and ``2024-11-22`` a date, as MkDocs reads them);
- ``!ENV NAME`` and ``!ENV [NAME, OTHER, default]`` are looked up in an environment
  the caller passes (MkDocs' meaning; reading a variable runs nothing);
- every other tag (``!relative``, ``!!python/name:``, ``!!python/object/apply:``,
  anything custom) stays an inert :class:`Tagged` value: its text, never its meaning.

:func:`settings_from_config` then checks the ``community`` plugin's options with located
diagnostics, as ``adapters/mkdocs/config.py`` does inside MkDocs, and makes the core's
:class:`~mkdocs_community.core.settings.Settings`. A test keeps both readings identical.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import available_timezones

import yaml

from mkdocs_community.core.diagnostics import Diagnostics, did_you_mean
from mkdocs_community.core.i18n import language_problem
from mkdocs_community.core.neutralise import terminal_text
from mkdocs_community.core.records.event import parse_duration
from mkdocs_community.core.safety import url_problem
from mkdocs_community.core.settings import TOPIC_MODES, Channel, Settings
from mkdocs_community.core.sources import Document, Loc

MAX_CONFIG_BYTES = 1024 * 1024
MAX_INHERIT_DEPTH = 8
_YAML = "tag:yaml.org,2002:"
_SCALARS = {_YAML + n for n in ("str", "int", "float", "bool", "null", "timestamp",
                                "binary")}
CHANNEL_KINDS = ("chat", "forum", "mailing-list", "social", "video", "other")
# The plugin's options and their defaults (config.CommunityConfig says the same to MkDocs).
DEFAULTS: dict[str, Any] = {
    "name": None, "timezone": "UTC", "members_dir": "members", "events_dir": "events",
    # None: topics.yml in the docs folder, beside the other record folders, and optional.
    "topics": None, "maintainers": [], "channels": [], "feedback_url": "",
    "require_recurrence_end": True, "cohort_ends": {}, "now": None, "enabled": True,
    "language": None,
    "default_duration": "", "topic_mode": "strict",
    "join_page": None, "code_of_conduct": None, "privacy_page": None,
    "nav_section": "Community",
}
# Pages of the site that generated pages link to, and where each is looked for when its
# option is unset (paths in the docs folder).
LINKED_PAGES: dict[str, tuple[str, ...]] = {
    "join_page": ("join.md", "join/index.md"),
    "code_of_conduct": ("code-of-conduct.md", "code-of-conduct/index.md"),
    "privacy_page": ("privacy.md", "privacy/index.md"),
}


@dataclass(frozen=True)
class Tagged:
    """A YAML value under a tag this reader does not run: ``!relative``,
    ``!!python/name:...`` and the like. Kept as data, never constructed."""

    tag: str
    value: Any


class ConfigError(Exception):
    """The configuration cannot be read at all (the diagnostics say why)."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        super().__init__("\n".join(d.format_text() for d in diagnostics))
        self.diagnostics = diagnostics


# -- YAML to data, tags inert -----------------------------------------------------------


class _Builder:
    """Plain data with positions from a composed node tree.

    Every node is built once (an alias is the same node again), so a document of
    nested aliases ("billion laughs") costs what its text costs, and a recursive alias
    gives a recursive list rather than a hang.
    """

    def __init__(self, doc: Document, loader: yaml.SafeLoader, environ: Mapping[str, str],
                 diagnostics: Diagnostics) -> None:
        self.doc, self.loader, self.environ = doc, loader, environ
        self.diagnostics = diagnostics
        self.memo: dict[int, Any] = {}

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if id(node) in self.memo:
            return self.memo[id(node)]
        mark = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.doc.marks.setdefault(loc, mark)
        if node.tag == "!ENV":
            value = self._env(node, loc)
        elif isinstance(node, yaml.ScalarNode):
            value = self._scalar(node, loc)
        elif isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            self.memo[id(node)] = items
            items.extend(self.build(item, (*loc, i)) for i, item in enumerate(node.value))
            value = items if node.tag == _YAML + "seq" else Tagged(node.tag, items)
        else:
            mapping: dict[Any, Any] = {}
            self.memo[id(node)] = mapping
            self._fill(mapping, node, loc)
            value = mapping if node.tag == _YAML + "map" else Tagged(node.tag, mapping)
        self.memo[id(node)] = value
        return value

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        if node.tag not in _SCALARS:
            return Tagged(node.tag, node.value)
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            line, col = self.doc.locate(loc)
            self.diagnostics.error(self.doc.path, line, col, "config-value",
                                   f"'{node.value}' is not a valid {node.tag[len(_YAML):]}",
                                   "quote the value to make it text")
            return node.value

    def _fill(self, mapping: dict[Any, Any], node: yaml.MappingNode, loc: Loc) -> None:
        for key_node, value_node in node.value:
            if key_node.tag == _YAML + "merge":  # '<<: *defaults', as PyYAML reads it
                merged = self.build(value_node, (*loc, "<<"))
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for key, value in part.items():
                            mapping.setdefault(key, value)
                continue
            key = self.build(key_node, (*loc, "<key>"))
            if isinstance(key, (list, dict, Tagged)):
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                self.diagnostics.error(self.doc.path, line, col, "config-key",
                                       "a key must be plain text")
                continue
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            self.doc.key_marks[(*loc, key)] = where
            mapping[key] = self.build(value_node, (*loc, key))

    def _env(self, node: yaml.Node, loc: Loc) -> Any:
        """``!ENV``: the first variable set in the environment, else the default."""
        if isinstance(node, yaml.ScalarNode):
            names, default = [node.value], None
        elif isinstance(node, yaml.SequenceNode) and node.value and all(
                isinstance(n, yaml.ScalarNode) for n in node.value):
            names = [n.value for n in node.value[:-1]] or [node.value[0].value]
            default = self.build(node.value[-1], (*loc, "default")) \
                if len(node.value) > 1 else None
        else:
            line, col = self.doc.locate(loc)
            self.diagnostics.error(self.doc.path, line, col, "config-env",
                                   "!ENV takes a variable name or a list of names and a "
                                   "default", "write e.g. !ENV [SITE_URL, 'https://...']")
            return None
        for name in names:
            if name in self.environ:
                text = self.environ[name]
                tag = self.loader.resolve(yaml.ScalarNode, text, (True, False))
                return self._scalar(yaml.ScalarNode(tag, text, node.start_mark,
                                                    node.end_mark), loc)
        return default


def parse_config(text: str, display: str, environ: Mapping[str, str],
                 diagnostics: Diagnostics) -> Document | None:
    """A ``mkdocs.yml`` text as a Document (data + positions), no tag run; None if broken."""
    doc = Document(display, None)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_CONFIG_BYTES:
        diagnostics.error(display, 0, 0, "config-too-large",
                          f"the configuration is larger than {MAX_CONFIG_BYTES:,} bytes")
        return None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        doc.data = _Builder(doc, loader, environ, diagnostics).build(node, ()) \
            if node is not None else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        diagnostics.error(display, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0,
                          "config-syntax", f"invalid YAML: {exc.problem or exc.context}",
                          "check quotes and indentation on this line and the one above")
        return None
    except yaml.YAMLError as exc:
        diagnostics.error(display, 1, 1, "config-syntax", f"invalid YAML: {exc}")
        return None
    except RecursionError:
        diagnostics.error(display, 1, 1, "config-syntax", "the YAML is nested too deeply")
        return None
    finally:
        loader.dispose()
    if not isinstance(doc.data, dict):
        diagnostics.error(display, 1, 1, "config-syntax",
                          "the configuration must be a mapping of 'key: value' lines")
        return None
    return doc


def load_config(
    text: str, display: str, environ: Mapping[str, str],
    read_parent: Callable[[str], tuple[str, str] | None] | None = None,
) -> Document:
    """``mkdocs.yml`` with the file it ``INHERIT``s merged in, as MkDocs merges it.

    ``read_parent(relative_path)`` gives (display path, text) of an inherited file, or
    None when there is none. Raises :class:`ConfigError` when a file cannot be read.
    """
    diagnostics = Diagnostics()
    chain: list[Document] = []
    current: tuple[str, str] | None = (display, text)
    while current is not None:
        doc = parse_config(current[1], current[0], environ, diagnostics)
        if doc is None:
            raise ConfigError(diagnostics)
        chain.append(doc)
        parent = doc.data.pop("INHERIT", None)
        if parent is None:
            break
        line, col = doc.locate(("INHERIT",))
        if not isinstance(parent, str) or read_parent is None or \
                len(chain) > MAX_INHERIT_DEPTH:
            diagnostics.error(doc.path, line, col, "config-inherit",
                              "INHERIT must name a YAML file (at most "
                              f"{MAX_INHERIT_DEPTH} levels)")
            raise ConfigError(diagnostics)
        current = read_parent(posixpath.join(posixpath.dirname(current[0]), parent))
        if current is None:
            diagnostics.error(doc.path, line, col, "config-inherit",
                              f"the inherited file '{parent}' does not exist",
                              "INHERIT takes a path relative to this file")
            raise ConfigError(diagnostics)
    merged = chain[-1]
    for child in reversed(chain[:-1]):
        merged = Document(child.path, _merge(merged.data, child.data),
                          {**merged.marks, **child.marks},
                          {**merged.key_marks, **child.key_marks})
    if diagnostics.has_errors:
        raise ConfigError(diagnostics)
    return merged


def _merge(parent: Any, child: Any) -> Any:
    """A deep merge in which the child wins, lists included (``mergedeep``'s default,
    which MkDocs uses for ``INHERIT``)."""
    if not (isinstance(parent, dict) and isinstance(child, dict)):
        return child
    merged = dict(parent)
    for key, value in child.items():
        merged[key] = _merge(parent[key], value) if key in parent else value
    return merged


# -- the plugin's options -----------------------------------------------------------


def plugin_options(doc: Document) -> tuple[dict[str, Any], Loc] | None:
    """The ``community`` plugin's options and where they stand, or None if not enabled."""
    plugins = doc.data.get("plugins")
    if isinstance(plugins, dict):  # MkDocs also takes {name: options}
        entries = [((("plugins", name)), {name: value}) for name, value in plugins.items()]
    elif isinstance(plugins, list):
        entries = [(("plugins", i), item) for i, item in enumerate(plugins)]
    else:
        return None
    for loc, entry in entries:
        if entry == "community":
            return {}, loc
        if isinstance(entry, dict) and "community" in entry:
            options = entry["community"]
            where = loc if loc[-1] == "community" else (*loc, "community")
            return (options if isinstance(options, dict) else {}), where
    return None


def relative_folder_problem(value: str) -> str:
    """Why ``value`` is not a path inside the site (absolute, or climbing out), or ''."""
    path = value.strip().replace("\\", "/")
    if not path or path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return "must be a path relative to mkdocs.yml"
    if ".." in path.split("/"):
        return "must stay inside the site's folder (no '..')"
    return ""


def timezone_problem(name: str) -> str:
    """Why ``name`` is not an IANA time zone, with the nearest one, or ''."""
    zones = available_timezones()
    if name in zones:
        return ""
    near = did_you_mean(name, sorted(zones), n=1)
    return f"unknown time zone '{terminal_text(name)}'" + (f"; {near}" if near else "") + \
        " Use an IANA name such as 'Europe/London'."


def page_url(src_path: str) -> str:
    """The site-relative URL MkDocs gives the page ``src_path`` (directory URLs):
    ``join.md`` -> ``join/``, ``about/index.md`` -> ``about/``, ``index.md`` -> ``''``."""
    stem = src_path.strip("/").removesuffix(".md")
    if stem == "index" or stem.endswith("/index") or stem.lower() == "readme" or \
            stem.lower().endswith("/readme"):
        stem = stem.rpartition("/")[0]
    return stem + "/" if stem else ""


def linked_page(option: str, value: str | None, content_dir: str,
                exists: Callable[[str], bool]) -> tuple[str, str]:
    """(link, problem) for a page the generated pages link to (``LINKED_PAGES``).

    ``value`` is the option as written: a page in the docs folder (``join.md``) or an
    https URL. Unset, the page is looked for under its usual names; the link is ''
    when the site has none. A page named but missing is a problem, never a broken link.
    ``exists(path)`` says whether a file is there (a path from the site's folder: on
    disk, or in a commit for the pull-request check).
    """
    if value:
        if "://" in value:
            problem = url_problem(value)
            return ("", problem[1]) if problem else (value, "")
        path = value.strip().lstrip("/")
        if relative_folder_problem(path):
            return "", f"'{value}' {relative_folder_problem(path)}"
        if not path.endswith(".md") or not exists(f"{content_dir}/{path}"):
            return "", (f"'{value}' is not a page of the site: name a Markdown file in the "
                        f"docs folder ('{LINKED_PAGES[option][0]}') or an https URL")
        return page_url(path), ""
    for candidate in LINKED_PAGES[option]:
        if exists(f"{content_dir}/{candidate}"):
            return page_url(candidate), ""
    return "", ""


def edit_base(repo_url: str, edit_uri: str, content_dir: str) -> str:
    """The URL prefix that, joined with a repository path, opens it for editing.

    ``edit_uri`` points into the docs folder (e.g. ``edit/main/content/``); records live
    at the repository root, so the docs folder is taken off the end.
    """
    repo_url = repo_url.rstrip("/")
    if not repo_url or not edit_uri:
        return ""
    uri = edit_uri.strip("/")
    suffix = "/" + content_dir
    return repo_url + "/" + (uri[: -len(suffix)] if uri.endswith(suffix) else uri)


def default_edit_uri(repo_url: str | None, edit_uri: str | None) -> str:
    """``edit_uri`` as MkDocs completes it: guessed for GitHub, GitLab and Bitbucket."""
    if edit_uri is None and repo_url:
        host = urlsplit(repo_url).netloc.lower()
        edit_uri = {"github.com": "edit/master/docs/", "gitlab.com": "edit/master/docs/",
                    "bitbucket.org": "src/default/docs/"}.get(host)
    if edit_uri and not edit_uri.endswith("/"):
        edit_uri += "/"
    return edit_uri or ""


_DEFAULT: Any = object()


class _Options:
    """Reads option values with located diagnostics, falling back to the default."""

    def __init__(self, doc: Document, values: dict[str, Any], loc: Loc,
                 diagnostics: Diagnostics) -> None:
        self.doc, self.values, self.loc, self.diagnostics = doc, values, loc, diagnostics

    def error(self, loc: Loc, message: str, hint: str = "") -> None:
        line, col = self.doc.locate(loc)
        self.diagnostics.error(self.doc.path, line, col, "config-option", message, hint)

    def check_url(self, loc: Loc, name: str, url: str) -> bool:
        """Whether ``url`` is empty or an https URL as records hold them (RFC 3986)."""
        problem = url_problem(url) if url else None
        if problem is not None:
            self.error(loc, f"{name}: {problem[1]}", problem[2])
        return problem is None

    def get(self, name: str, kind: type | tuple[type, ...], *, loc: Loc | None = None,
            values: Mapping[Any, Any] | None = None, default: Any = _DEFAULT) -> Any:
        """``values[name]`` if it is a ``kind``; else its default (``DEFAULTS`` for a
        plugin option), after reporting a wrong value."""
        if default is _DEFAULT:
            default = DEFAULTS.get(name)
        values = self.values if values is None else values
        loc = (*self.loc, name) if loc is None else loc
        value = values.get(name)
        if value is None:
            return default
        if isinstance(value, Tagged):
            self.error(loc, f"'{name}' uses the YAML tag '{value.tag}', which is not read "
                       "here", "write the value itself")
            return default
        if not isinstance(value, kind):
            wanted = {str: "text", bool: "true or false", list: "a list",
                      dict: "a mapping"}.get(kind, "text or false")
            self.error(loc, f"'{name}' must be {wanted}")
            return default
        return value


def settings_from_config(doc: Document, root: Path,
                         exists: Callable[[str], bool] | None = None,
                         ) -> tuple[Settings | None, Diagnostics]:
    """Core settings from a parsed ``mkdocs.yml`` (see :func:`load_config`).

    ``exists(path)``: whether the site has a file (a path from its folder); by default,
    on disk under ``root``.
    """
    if exists is None:
        def exists(path: str) -> bool:
            return (root / path).is_file()
    diagnostics = Diagnostics()
    found = plugin_options(doc)
    if found is None:
        diagnostics.error(doc.path, 1, 1, "config-plugin",
                          f"{doc.path} does not enable the 'community' plugin",
                          "add '- community' under 'plugins:'")
        return None, diagnostics
    values, loc = found
    site = _Options(doc, doc.data, (), diagnostics)
    options = _Options(doc, values, loc, diagnostics)
    for name in values:
        if name not in DEFAULTS:
            line, col = doc.locate((*loc, name), key=True)
            diagnostics.warning(doc.path, line, col, "config-option",
                                f"the community plugin has no option '{name}'",
                                did_you_mean(str(name), DEFAULTS) or
                                "allowed: " + ", ".join(DEFAULTS))
    site_name = site.get("site_name", str, default="")
    if not site_name:
        diagnostics.error(doc.path, 1, 1, "config-option", "'site_name' is required",
                          "add a line 'site_name: ...'")
    folders = {}
    for name in ("members_dir", "events_dir", "topics"):
        folders[name] = (options.get(name, str) or "").strip().strip("/") or DEFAULTS[name]
        problem = relative_folder_problem(folders[name]) if folders[name] else ""
        if problem:
            options.error((*loc, name), f"'{name}' {problem}")
            folders[name] = DEFAULTS[name]
    timezone = options.get("timezone", str)
    problem = timezone_problem(timezone)
    if problem:
        options.error((*loc, "timezone"), problem)
        timezone = "UTC"
    docs_dir = posixpath.normpath(site.get("docs_dir", str, default="docs").strip() or ".")
    content_dir = docs_dir if not relative_folder_problem(docs_dir) else "content"
    repo_url = site.get("repo_url", str, default="") or ""
    edit_uri = site.get("edit_uri", str, default=None)
    maintainers = [m for i, m in enumerate(options.get("maintainers", list))
                   if _is_text(options, (*loc, "maintainers", i), m, "maintainers")]
    feedback_url = options.get("feedback_url", str)
    if not options.check_url((*loc, "feedback_url"), "feedback_url", feedback_url):
        feedback_url = ""
    links = {}
    for name in LINKED_PAGES:
        links[name], problem = linked_page(name, options.get(name, str), content_dir,
                                           exists)
        if problem:
            options.error((*loc, name), f"{name}: {problem}")
    nav_section = options.get("nav_section", (str, bool))
    if nav_section is True:
        options.error((*loc, "nav_section"), "nav_section: a section title, or false",
                      "e.g. nav_section: Community")
    settings = Settings(
        root=root,
        name=options.get("name", str) or site_name,
        timezone=timezone,
        members_dir=folders["members_dir"],
        events_dir=folders["events_dir"],
        content_dir=content_dir,
        topics_file=folders["topics"] or f"{content_dir}/topics.yml",
        topics_optional=not folders["topics"],
        repo_url=repo_url.rstrip("/"),
        edit_base=edit_base(repo_url, default_edit_uri(repo_url, edit_uri), content_dir),
        site_url=_directory_url(site.get("site_url", str, default="")),
        maintainers=normalise_maintainers(maintainers),
        channels=_channels(options, loc),
        feedback_url=feedback_url,
        require_recurrence_end=options.get("require_recurrence_end", bool),
        cohort_ends=_cohort_ends(options, loc),
        now=_now(options, loc),
        language=_language(site, options, loc),
        default_duration=_default_duration(options, loc),
        topic_mode=_topic_mode(options, loc),
        join_url=links["join_page"] or "join/",
        join_page_generated=not links["join_page"],
        code_of_conduct_url=links["code_of_conduct"],
        privacy_url=links["privacy_page"],
    )
    return (None if diagnostics.has_errors else settings), diagnostics


def _directory_url(url: str) -> str:
    """MkDocs ends ``site_url`` with a '/' (it is a folder)."""
    return url + "/" if url and not url.endswith("/") else url


def normalise_maintainers(names: list[str]) -> tuple[str, ...]:
    """GitHub logins as compared: no '@', lowercase."""
    return tuple(n.strip().removeprefix("@").lower() for n in names if n.strip())


def _is_text(options: _Options, loc: Loc, value: Any, name: str) -> bool:
    if isinstance(value, str):
        return True
    options.error(loc, f"each entry of '{name}' must be text")
    return False


def _channels(options: _Options, loc: Loc) -> tuple[Channel, ...]:
    channels = []
    for i, entry in enumerate(options.get("channels", list)):
        where = (*loc, "channels", i)
        if not isinstance(entry, dict):
            options.error(where, "each channel must be a mapping with 'name' and 'url'")
            continue
        fields = {}
        for key in ("name", "url", "description", "kind"):
            fields[key] = options.get(key, str, loc=(*where, key), values=entry,
                                      default={"kind": "chat"}.get(key, ""))
        for key in entry:
            if key not in fields:
                options.error((*where, key), f"a channel has no field '{key}'",
                              did_you_mean(str(key), fields))
        if not fields["name"] or not fields["url"]:
            options.error(where, "a channel needs a 'name' and a 'url'")
            continue
        if not options.check_url((*where, "url"), "a channel's url", fields["url"]):
            continue
        if fields["kind"] not in CHANNEL_KINDS:
            options.error((*where, "kind"), f"unknown channel kind '{fields['kind']}'",
                          did_you_mean(fields["kind"], CHANNEL_KINDS) or
                          "one of " + ", ".join(CHANNEL_KINDS))
            continue
        channels.append(Channel(fields["name"], fields["url"], fields["description"],
                                fields["kind"]))
    return tuple(channels)


def _language(site: _Options, options: _Options, loc: Loc) -> str:
    """The pages' language: the plugin's ``language``, else ``theme.language``, else 'en'."""
    chosen = options.get("language", str)
    where: Loc = (*loc, "language")
    if chosen is None:
        theme = site.values.get("theme")
        if isinstance(theme, dict):
            chosen = site.get("language", str, loc=("theme", "language"), values=theme)
            where = ("theme", "language")
    if not chosen:
        return "en"
    problem = language_problem(chosen)
    if problem:
        options.error(where, problem, "see https://cldr.unicode.org for the language tags")
        return "en"
    return chosen.strip()


def _default_duration(options: _Options, loc: Loc) -> dt.timedelta | None:
    written = options.get("default_duration", str)
    if not written:
        return None
    duration = parse_duration(written)
    if duration is None:
        options.error((*loc, "default_duration"),
                      f"'default_duration' '{written}' is not a duration (write e.g. 1h or 90m)")
    return duration


def _topic_mode(options: _Options, loc: Loc) -> str:
    mode = options.get("topic_mode", str) or "strict"
    if mode not in TOPIC_MODES:
        options.error((*loc, "topic_mode"), f"'topic_mode' must be one of "
                      f"{', '.join(TOPIC_MODES)}, not '{mode}'")
        return "strict"
    return mode


def _cohort_ends(options: _Options, loc: Loc) -> tuple[tuple[str, dt.date], ...]:
    ends = []
    for cohort, day in options.get("cohort_ends", dict).items():
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            try:
                day = dt.date.fromisoformat(str(day))
            except ValueError:
                options.error((*loc, "cohort_ends", cohort),
                              f"'{day}' for cohort '{cohort}' is not a date (write "
                              "YYYY-MM-DD)")
                continue
        ends.append((str(cohort), day))
    return tuple(sorted(ends))


def _now(options: _Options, loc: Loc) -> str:
    value = (options.get("now", str) or "").strip()
    try:
        if value:
            dt.datetime.fromisoformat(value)
    except ValueError:
        options.error((*loc, "now"), f"now: '{terminal_text(value)}' is not an ISO date-time",
                      "e.g. now: '2026-03-01T09:00:00+00:00' (quoted), or leave it out")
        return ""
    return value


def read_settings(config_file: Path, environ: Mapping[str, str]
                  ) -> tuple[Settings | None, Diagnostics]:
    """Settings from a ``mkdocs.yml`` on disk (the ``community`` command's way)."""
    display = config_file.name

    def read(path: Path, shown: str) -> tuple[str, str] | None:
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_CONFIG_BYTES + 1)
        except OSError:
            return None
        return shown, raw.decode("utf-8", "replace")

    def read_parent(relative: str) -> tuple[str, str] | None:
        if Path(relative).is_absolute():
            return None
        return read(config_file.parent / relative, relative)

    first = read(config_file, display)
    if first is None:
        diagnostics = Diagnostics()
        diagnostics.error(display, 0, 0, "config-missing", f"{config_file} not found",
                          "run the command in the site's folder, or name the file with "
                          "--config")
        return None, diagnostics
    try:
        doc = load_config(first[1], display, environ, read_parent)
    except ConfigError as exc:
        return None, exc.diagnostics
    return settings_from_config(doc, config_file.resolve().parent)
