"""The site in every shipped language: catalogs complete and current, CLDR dates, whole
recurrence phrases, the example community's generated pages free of English interface
words, and a real `mkdocs build` in Arabic that reads right to left.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import jinja2
import pytest
from babel.messages.pofile import read_po

from conftest import FIXED_NOW, build_here
from mkdocs_community.adapters.cli.main import load_settings
from mkdocs_community.core import i18n, recurrence_words
from mkdocs_community.core.community import load_community
from mkdocs_community.core.i18n import language
from mkdocs_community.core.records.event import Event
from mkdocs_community.core.settings import Settings
from mkdocs_community.outputs import charts
from mkdocs_community.outputs.render import Renderer, install_language, make_environment
from mkdocs_community.sections import insights
from mkdocs_community.sections.site import generate

REPO = Path(__file__).resolve().parent.parent
SHIPPED = ("ar", "de", "es", "fr", "pt_BR")
NOW = dt.datetime.fromisoformat(FIXED_NOW)
SETTINGS = Settings(root=Path("."), name="Test Community", timezone="Europe/Madrid")


def _messages(path: Path) -> dict[tuple[str, str | None], object]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {(m.id if isinstance(m.id, str) else m.id[0], m.context): m for m in catalog if m.id}


# -- catalogs ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fresh_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The strings the code and templates hold now, extracted as `make i18n` does."""
    out = tmp_path_factory.mktemp("pot") / "community.pot"
    command = re.search(r"pybabel --quiet extract (.*?) -o ", (REPO / "Makefile").read_text(),
                        re.S)
    assert command, "the Makefile has no 'pybabel extract' line"
    args = command.group(1).replace("\\\n", " ").split()
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "--quiet", "extract", *args,
                    "-o", str(out), "."], cwd=REPO, check=True, timeout=300)
    return out


def test_the_committed_template_is_current(fresh_template: Path):
    committed = _messages(i18n.LOCALES / "community.pot")
    fresh = _messages(fresh_template)
    assert sorted(fresh.keys() - committed.keys()) == [], "run `make i18n`"
    assert sorted(committed.keys() - fresh.keys()) == [], "run `make i18n`"
    assert len(fresh) > 400


def _gaps(path: Path, locale: str, template: Path) -> dict[str, list]:
    """What a catalog lacks against the template: missing, empty or fuzzy messages, and
    placeholders or plural forms that differ from the English (Babel's checkers)."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    wanted = _messages(template)
    found = {(m.id if isinstance(m.id, str) else m.id[0], m.context): m for m in catalog if m.id}
    return {
        "missing": [key for key in wanted if key not in found],
        "untranslated": [key[0] for key, m in found.items() if key in wanted and (
            m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,)))],
        "checks": [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()
                   if m.context != "day of the month"],
    }


@pytest.mark.parametrize("locale", SHIPPED)
def test_every_shipped_catalog_translates_every_string(fresh_template: Path, locale: str):
    assert _gaps(i18n.catalog_path(locale), locale, fresh_template) == {
        "missing": [], "untranslated": [], "checks": []}, \
        f"{locale}: run `make i18n`, then translate what it added (see CONTRIBUTING)"


def test_a_missing_or_broken_translation_is_caught(tmp_path: Path, fresh_template: Path):
    original = i18n.catalog_path("es").read_text(encoding="utf-8")
    broken = original.replace('msgstr "Cualquier cohorte"', 'msgstr ""', 1) \
        .replace('msgstr "Sobre %(name)s"', 'msgstr "Sobre %(nombre)s"', 1)
    assert broken.count("msgstr") == original.count("msgstr") and broken != original
    (tmp_path / "es.po").write_text(broken, encoding="utf-8")
    gaps = _gaps(tmp_path / "es.po", "es", fresh_template)
    assert gaps["untranslated"] == ["Any cohort"]
    assert [message for message, _ in gaps["checks"]] == ["About %(name)s"]


# -- CLDR formats and phrases ---------------------------------------------------------------


@pytest.mark.parametrize(("code", "long", "month", "listed"), [
    ("en", "6 December 2026", "December 2026", "Ana, Bo and Cy"),
    ("es", "6 de diciembre de 2026", "diciembre de 2026", "Ana, Bo y Cy"),
    ("fr", "6 décembre 2026", "décembre 2026", "Ana, Bo et Cy"),
    ("de", "6. Dezember 2026", "Dezember 2026", "Ana, Bo und Cy"),
    ("pt-BR", "6 de dezembro de 2026", "dezembro de 2026", "Ana, Bo e Cy"),
    ("ar", "6 ديسمبر 2026", "ديسمبر 2026", "Ana وBo وCy"),
])
def test_dates_months_and_lists_follow_cldr(code, long, month, listed):
    lang = language(code)
    day = dt.date(2026, 12, 6)
    assert lang.date(day) == long
    assert lang.month(day) == month
    assert lang.list(["Ana", "Bo", "Cy"]) == listed


def test_direction_and_plural_categories():
    assert language("ar").direction == "rtl"
    assert language("es").direction == language("en").direction == "ltr"
    forms = language("ar").plural_forms("%(num)s member", "%(num)s members")
    assert set(forms) == {"zero", "one", "two", "few", "many", "other"}
    assert forms["two"] == "عضوان" and forms["few"] == "%(num)s أعضاء"
    assert language("en").plural_forms("%(num)s member", "%(num)s members") == {
        "one": "%(num)s member", "other": "%(num)s members"}


def test_unknown_language_falls_back_to_english_and_is_reported():
    assert language("xx-nope").code == "en"
    assert i18n.language_problem("xx-nope")
    assert i18n.language_problem("pt-BR") == ""


def _event(start: str, rule: str, exdates: tuple[str, ...] = ()) -> Event:
    return Event.model_validate(
        {"id": "2026-03-03-x", "title": "Meetup", "format": "online", "start": start,
         "duration": "1h", "recurrence": {"rule": rule, "exdates": list(exdates)}},
        context={"settings": SETTINGS})


@pytest.mark.parametrize(("code", "words"), [
    ("es", "cada martes hasta el 30 de junio de 2026, excepto el 14 de abril"),
    ("fr", "chaque mardi jusqu’au 30 juin 2026, sauf le 14 avril"),
    ("de", "jeden Dienstag bis zum 30. Juni 2026, außer am 14. April"),
    ("ar", "أسبوعيًا يوم الثلاثاء حتى 30 يونيو 2026، باستثناء 14 أبريل"),
])
def test_weekly_recurrence_is_one_phrase_per_language(code, words):
    ev = _event("2026-03-03 18:00", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630", ("2026-04-14",))
    assert recurrence_words.recurrence_in_words(ev, language(code)) == words


@pytest.mark.parametrize(("code", "rule", "start", "words"), [
    ("es", "FREQ=MONTHLY;BYDAY=-1TU;COUNT=2", "2026-03-31 17:00",
     "el último martes de cada mes, 2 veces"),
    ("de", "FREQ=MONTHLY;BYDAY=1TH;COUNT=6", "2026-03-05 14:00",
     "am ersten Donnerstag jedes Monats, 6 Mal"),
    ("fr", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=4", "2026-03-02 09:00",
     "un lundi et mercredi sur deux, 4 fois"),
    ("de", "FREQ=MONTHLY;COUNT=3", "2026-03-15 09:00", "am 15. jedes Monats, 3 Mal"),
    ("ar", "FREQ=MONTHLY;BYDAY=1TH;COUNT=11", "2026-03-05 14:00",
     "يوم الخميس الأول من كل شهر، 11 مرة"),
    ("ar", "FREQ=WEEKLY;BYDAY=TU;COUNT=3", "2026-03-03 18:00",
     "أسبوعيًا يوم الثلاثاء، 3 مرات"),
])
def test_recurrence_patterns_and_plurals(code, rule, start, words):
    assert recurrence_words.recurrence_in_words(_event(start, rule), language(code)) == words


def test_english_stays_the_default_for_checks_and_the_cli():
    ev = _event("2026-03-03 18:00", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630", ("2026-04-14",))
    assert recurrence_words.recurrence_in_words(ev) == \
        "every Tuesday until 30 June 2026, except 14 April"


def test_charts_mirror_for_right_to_left_pages():
    chart = insights.Chart("c", "Title", "Description", ("Members",),
                           (insights.Bar("a", "Kenya", (4,)), insights.Bar("b", "Peru", (2,))))
    ltr, rtl = charts.svg(chart), charts.svg(chart, direction="rtl")
    # Labels at the left edge of the bars in ltr, at the right edge (mirrored) in rtl.
    assert '<text x="182.0"' in ltr and 'text-anchor="end"' in ltr
    assert f'<text x="{charts.WIDTH - 182:.1f}"' in rtl
    assert re.search(r'<rect x="([\d.]+)"', ltr).group(1) == f"{charts.LABEL_WIDTH:.1f}"
    first_bar = re.search(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', rtl)
    assert float(first_bar.group(1)) + float(first_bar.group(2)) == \
        pytest.approx(charts.WIDTH - charts.LABEL_WIDTH)
    assert 'direction="ltr"' in rtl  # coordinates are absolute: the drawing's own direction


# -- the example community's generated pages -------------------------------------------------


class _Text(HTMLParser):
    """Visible text of a page body, and the text of its interface elements."""

    LABELS = {"dt", "label", "option", "summary", "button", "th", "h1", "h2", "h3", "caption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.labels: list[str] = []
        self.attributes: list[str] = []
        self._open: list[tuple[str, list[str]]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("aria-label", "title", "alt") and value:
                self.attributes.append(value)
        if tag in ("script", "style", "svg"):
            self._skip += 1
        if tag in self.LABELS:
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "svg"):
            self._skip -= 1
        if self._open and self._open[-1][0] == tag:
            self.labels.append(" ".join("".join(self._open.pop()[1]).split()))

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.chunks.append(data)
        for _, parts in self._open:
            parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, str]:
    """The example community in a folder, and every word its own files contain."""
    root = tmp_path_factory.mktemp("example")
    for folder in ("content", "members", "events", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    authored = " ".join(p.read_text(encoding="utf-8") for folder in ("content", "members",
                                                                       "events")
                        for p in sorted((root / folder).rglob("*")) if p.suffix in
                        (".md", ".yml", ".yaml"))
    return load_settings(str(root / "mkdocs.yml")), " ".join(authored.split())


def _interface_words(locale: str) -> tuple[set[str], list[str]]:
    """English labels the catalog translates differently, and longer English phrases
    (three words or more between placeholders and tags) from every message."""
    catalog = _messages(i18n.catalog_path(locale))
    labels, phrases = set(), []
    for (msgid, _), message in catalog.items():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        english = (msgid, message.id[1]) if isinstance(message.id, tuple) else (msgid,)
        for text in english:
            if text not in forms and "%(" not in text and "<" not in text:
                labels.add(text)
            for part in re.split(r"%\(\w+\)s|<[^>]+>", text):
                part = part.strip(" .,:;()·→←—")
                if len(part.split()) >= 3 and not any(part in f for f in forms):
                    phrases.append(part)
    # A word both languages write alike ("Promotion" is French for a cohort) is not English.
    translated = {f for m in catalog.values()
                  for f in (m.string if isinstance(m.string, tuple) else (m.string,))}
    return labels - translated, phrases


def _english_on_pages(settings: Settings, authored: str, shown: str, locale: str
                      ) -> tuple[dict[str, list[str]], str]:
    """Per page, the English interface words (by ``locale``'s catalog) left on the example
    community's generated pages when written in ``shown``; and the events page's text."""
    settings = dataclasses.replace(settings, language=shown)
    community, diagnostics = load_community(settings)
    assert community is not None, [d.format_text() for d in diagnostics]
    site = generate(community, NOW)
    renderer = Renderer(make_environment([settings.root / "overrides"]), site.build)
    labels, phrases = _interface_words(locale)
    # Member content is excepted: words the community wrote in its own files.
    phrases = [p for p in phrases if p not in authored]
    found: dict[str, list[str]] = {}
    for spec in site.pages:
        parser = _Text()
        parser.feed(renderer.render(spec))
        text = " ".join([parser.text, spec.title, spec.description])
        hits = [p for p in phrases if p in text]
        hits += [label for label in parser.labels + parser.attributes + [spec.title]
                 if label in labels and label not in authored]
        if hits:
            found[spec.url] = sorted(set(hits))
    events = _Text()
    events.feed(renderer.render(next(s for s in site.pages if s.url == "events/")))
    return found, events.text


@pytest.mark.parametrize("locale", SHIPPED)
def test_generated_pages_have_no_english_interface_words(example, locale):
    settings, authored = example
    found, events = _english_on_pages(settings, authored, locale.replace("_", "-"), locale)
    assert found == {}
    english = language("en").locale.months["format"]["wide"].values()
    own = set(language(locale).locale.months["format"]["wide"].values())  # "April" in German
    assert [m for m in english if m not in own and m in events] == []


def test_the_english_words_check_bites(example):
    """Pages left in English are caught, label by label and phrase by phrase."""
    settings, authored = example
    found, events = _english_on_pages(settings, authored, "en", "es")
    assert {"Filter members", "Member since", "Upcoming dates"} <= \
        {hit for hits in found.values() for hit in hits}
    assert "December" in events


def test_dates_read_naturally_in_spanish_pages(example):
    settings, _ = example
    community, _ = load_community(dataclasses.replace(settings, language="es"))
    site = generate(community, NOW)
    renderer = Renderer(make_environment(), site.build)
    page = next(s for s in site.pages if s.url.startswith("events/") and s.url != "events/"
                and s.context["event"].recurring)
    text = _Text()
    text.feed(renderer.render(page))
    assert re.search(r"\b\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
                     r"septiembre|octubre|noviembre|diciembre) de 20\d\d\b", text.text)
    assert "Se repite" in text.labels


# -- a real build in Arabic -------------------------------------------------------------------


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ar")
    for folder in ("content", "members", "events", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    # The same configuration with Material's interface language set to Arabic: the
    # generated pages follow theme.language.
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  language: en\n" in text
    (root / "mkdocs.yml").write_text(text.replace("\n  language: en\n", "\n  language: ar\n"),
                                     encoding="utf-8")
    result = build_here(root / "mkdocs.yml", epoch=str(int(NOW.timestamp())))
    assert result.returncode == 0, result.output
    return root / "site"


def test_arabic_build_reads_right_to_left(arabic_site: Path):
    page = (arabic_site / "members" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*\blang="ar"', page)
    assert re.search(r'<body[^>]*\bdir="rtl"', page)  # where Material sets it
    parser = _Text()
    parser.feed(page[page.index("<article"):page.index("</article>")])
    assert "صفِّ الأعضاء" in parser.labels or "صفِّ الأعضاء" in parser.text
    count = re.search(r'data-cm-messages="([^"]+)"', page)
    messages = json.loads(html.unescape(count.group(1)))
    assert set(messages["count"]) == {"zero", "one", "two", "few", "many", "other"}
    insights_page = (arabic_site / "insights" / "index.html").read_text(encoding="utf-8")
    assert "الأعضاء حسب البلد" in insights_page


def test_arabic_calendars_and_feeds(arabic_site: Path):
    calendar_file = icalendar.Calendar.from_ical((arabic_site / "events" / "calendar.ics")
                                                 .read_bytes())
    descriptions = [str(e.get("description", "")) for e in calendar_file.walk("VEVENT")]
    assert any("التفاصيل: https://" in d for d in descriptions)
    assert not any("Details: " in d for d in descriptions)
    feed = feedparser.parse((arabic_site / "events" / "feed.xml").read_bytes())
    assert feed.feed.title.endswith("الفعاليات القادمة")


# -- the language option -------------------------------------------------------------------------


def test_the_plugin_option_sets_the_pages_language(site):
    site.plugin_options["language"] = "es"
    site.member("ana", name="Ana Pérez", joined="2025-03")
    result = site.build()
    page = site.page("members/")
    assert "Filtrar miembros" in page and "Filter members" not in page
    assert "Miembro desde" in site.page("members/ana/")
    assert "marzo de 2025" in site.page("members/ana/")
    assert "community pages are in 'es'" in result.output  # the theme stays English


def test_an_unknown_language_is_a_located_diagnostic(site):
    site.plugin_options["language"] = "klingon-xx"
    site.member("ana")
    checked = site.validate()
    assert checked.returncode != 0
    assert re.search(r"mkdocs\.yml:\d+:\d+: error\[config-option\]: 'klingon-xx' is not a "
                     r"language tag", checked.output), checked.output
    result = site.build(check=False)
    assert result.returncode != 0 and "klingon-xx" in result.output


@pytest.mark.parametrize("code", ["en", "fr", "ar"])
def test_template_words_say_what_jinjas_own_gettext_says(code: str) -> None:
    """render.template_words stands in for Jinja's newstyle gettext: the same text for
    plain labels, placeholders (escaped values), '%%', plurals, and autoescape off."""
    source = (
        "{{ _('Skills') }}|{{ _('Skills') }}|{{ _('About %(name)s', name=who) }}|"
        "{{ _('100%% sure') }}|{{ gettext('Location') }}|"
        "{{ ngettext('%(num)s member', '%(num)s members', n) }}|"
        "{{ ngettext('%(num)s member', '%(num)s members', 1) }}|"
        "{% trans name=who %}Edit {{ name }}{% endtrans %}|"
        "{% trans count=n %}{{ count }} event{% pluralize %}{{ count }} events{% endtrans %}|"
        "{% autoescape false %}{{ _('About %(name)s', name=who) }}{% endautoescape %}")
    lang = language(code)
    ours = make_environment()
    install_language(ours, lang)
    from_jinja = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    from_jinja.policies["ext.i18n.trimmed"] = True
    from_jinja.install_gettext_translations(lang.translations, newstyle=True)
    values = {"who": "<b>Ada</b> & co", "n": 3}
    said = ours.from_string(source).render(**values)
    assert said == from_jinja.from_string(source).render(**values)
    assert "&lt;b&gt;Ada&lt;/b&gt; &amp; co" in said and "<b>Ada</b> & co" in said
    assert ours.globals["_"] is not from_jinja.globals["_"]  # ours is the one used
