"""The site's language: gettext catalogs for the generated pages' words, CLDR for the rest.

Every word a generated page, feed or calendar shows comes from a gettext catalog in
``locales/<locale>/LC_MESSAGES/community.po`` (English is the source language); dates,
times, month names, numbers and lists ("A, B and C") come from CLDR through Babel, for the
site's language (``theme.language``, or the plugin's ``language`` option). Catalogs are
read as ``.po`` and compiled in memory, so an editable install and a wheel behave alike
and no compiled file can fall out of date.

Python marks a string for extraction with :func:`N_` where it is defined (label tables)
and translates it with :meth:`Language.gettext` where it is shown; templates use Jinja's
i18n extension (``{% trans %}``, ``_()``, ``ngettext``), installed by ``outputs/render.py``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from mkdocs_community import LOCALES

DOMAIN = "community"
SOURCE_LANGUAGE = "en"
# Plain "en" formats dates as World English does ("6 December 2026"): day before month,
# unambiguous for readers on every continent, as the site always did. "en-US" and others
# get their own conventions.
_FORMAT_LOCALE = {"en": "en_001"}
# English as the site always wrote it, without CLDR's commas ("Tuesday 10 March 2026",
# "Tue 10 Mar"): the same CLDR fields in the house order, so English pages read as before.
_HOUSE_PATTERNS = {"en_001": {"full": "EEEE d MMMM y", "MMMEd": "EEE d MMM",
                              "yMMMEd": "EEE d MMM y"}}
# Every CLDR plural category of every language shows up among the numbers below 200
# (Arabic's 'many' starts at 11, its 'few' at 3).
_PLURAL_SAMPLES = 200


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message


def locale_name(code: str) -> str:
    """The catalog folder for a language tag: 'pt-BR' -> 'pt_BR', 'ES' -> 'es'."""
    return str(Locale.parse(code.strip().replace("-", "_")))


def language_problem(code: str) -> str:
    """Why ``code`` is not a language the site can be written in, or ''."""
    try:
        Locale.parse(code.strip().replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return f"'{code}' is not a language tag CLDR knows (e.g. 'en', 'es', 'pt-BR', 'ar')"
    return ""


def shipped_languages() -> tuple[str, ...]:
    """The locales with a catalog in the package, e.g. ('ar', 'de', 'es', ...)."""
    return tuple(sorted(p.parent.parent.name
                        for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def catalog_path(locale: str) -> Path:
    return LOCALES / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def _translations(locale: str) -> Translations:
    """The catalog for ``locale``, else for its language ('pt_PT' -> 'pt'), else none
    (English, the source language)."""
    for candidate in (locale, locale.split("_")[0]):
        path = catalog_path(candidate)
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=candidate, domain=DOMAIN)
            compiled = io.BytesIO()
            write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
            compiled.seek(0)
            return Translations(compiled, domain=DOMAIN)
    return Translations(domain=DOMAIN)


@dataclass(frozen=True, eq=False)
class Language:
    """One language's words and formats. Made by :func:`language`, shared by a build."""

    code: str  # the BCP 47 tag pages carry in lang="", e.g. "pt-BR"
    locale: Locale  # for CLDR formats
    translations: Translations

    @property
    def direction(self) -> str:
        """'rtl' for Arabic, Hebrew, Persian, ...; else 'ltr'."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    # -- words ---------------------------------------------------------------------

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a message for ``n`` (the catalog's plural rule decides which)."""
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """The message for each CLDR plural category of the language ('one', 'few',
        'other', ...), for scripts that count in the browser (``Intl.PluralRules``)."""
        forms: dict[str, str] = {}
        for n in range(_PLURAL_SAMPLES):
            category = self.locale.plural_form(n)
            if category not in forms:
                forms[category] = self.ngettext(singular, plural, n)
        return forms

    # -- CLDR formats ----------------------------------------------------------------

    def date(self, value: dt.date | dt.datetime | None, style: str = "long") -> str:
        """'6 December 2026' (long), '6 Dec 2026' (short), 'Sunday, 6 December 2026' (full)."""
        if value is None:
            return ""
        day = value.date() if isinstance(value, dt.datetime) else value
        if style == "full":
            return format_date(day, self._pattern("full") or "full", locale=self.locale)
        return format_skeleton("yMMMMd" if style == "long" else "yMMMd", day,
                               locale=self.locale)

    def day_month(self, value: dt.date, year: bool = False) -> str:
        """'6 December' ('6 de diciembre'), with the year if asked."""
        return format_skeleton("yMMMMd" if year else "MMMMd", value, locale=self.locale)

    def month(self, value: dt.date | None, style: str = "long") -> str:
        """'December 2026' (long) or 'Dec 2026' (short); just '2019' for a date of which
        only the year is known (``records.common.YearOnly``)."""
        if value is None:
            return ""
        if type(value).__name__ == "YearOnly":
            return str(value.year)
        return format_skeleton("yMMMM" if style == "long" else "yMMM", value,
                               locale=self.locale)

    def weekday(self, value: dt.date, style: str = "wide") -> str:
        """'Sunday' (wide) or 'Sun' (abbreviated), as a name stands on its own."""
        width = "wide" if style == "wide" else "abbreviated"
        return self.locale.days["stand-alone"][width][value.weekday()]

    def weekday_names(self) -> tuple[str, ...]:
        """Monday to Sunday, as used inside a phrase ('every Tuesday')."""
        days = self.locale.days["format"]["wide"]
        return tuple(days[i] for i in range(7))

    def time(self, value: dt.datetime | dt.time) -> str:
        """'18:30': a 24-hour clock in the locale's own notation."""
        return format_skeleton("Hm", value, locale=self.locale)

    def day_range(self, start: dt.date, end: dt.date, weekday: bool = False) -> str:
        """'12–14 March 2026', '30 March – 2 April 2026', ... as CLDR joins the two."""
        if str(self.locale) in _HOUSE_PATTERNS and not weekday:
            # CLDR's English interval abbreviates the month; the house style writes it out.
            last = format_date(end, "d MMMM y", locale=self.locale)
            if (start.year, start.month) == (end.year, end.month):
                return f"{start.day}–{last}"
            first = "d MMMM" if start.year == end.year else "d MMMM y"
            return f"{format_date(start, first, locale=self.locale)} – {last}"
        skeleton = "yMMMEd" if weekday else "yMMMMd"
        return format_interval(start, end, skeleton, locale=self.locale)

    def short_day(self, value: dt.date, year: bool = False) -> str:
        """'Tue 10 Mar' (with the year if asked), for lists of dates."""
        skeleton = "yMMMEd" if year else "MMMEd"
        pattern = self._pattern(skeleton)
        if pattern:
            return format_date(value, pattern, locale=self.locale)
        return format_skeleton(skeleton, value, locale=self.locale)

    def _pattern(self, name: str) -> str:
        return _HOUSE_PATTERNS.get(str(self.locale), {}).get(name, "")

    def list(self, items: Sequence[str], style: str = "standard") -> str:
        """'A, B and C' (standard) or 'A, B or C' ('or')."""
        return format_list(list(items), style=style, locale=self.locale) if items else ""

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)


@cache
def language(code: str = SOURCE_LANGUAGE) -> Language:
    """The :class:`Language` for a tag such as 'es', 'pt-BR' or 'ar'.

    Cached: a language is immutable data read from the package, the same for every build.
    An unknown tag falls back to English (the site's options are checked before a build).
    """
    try:
        parsed = Locale.parse(code.strip().replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        parsed = Locale.parse(SOURCE_LANGUAGE)
    name = str(parsed)
    formats = Locale.parse(_FORMAT_LOCALE.get(name, name))
    return Language(code=name.replace("_", "-"), locale=formats,
                    translations=_translations(name))


__all__ = [
    "DOMAIN",
    "LOCALES",
    "N_",
    "Language",
    "catalog_path",
    "language",
    "language_problem",
    "locale_name",
    "shipped_languages",
]
