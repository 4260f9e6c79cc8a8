"""Counted nouns in text the package writes: "1 member", "2 members", by plural rule.

Wording is written for gettext from the start: a count and its noun are one message
with a singular and a plural form (``"%(num)d member"``, ``"%(num)d members"``), and
the form is chosen by ``ngettext`` for the count, never by appending an "s". The
templates do the same through Jinja's i18n extension (see ``outputs/render.py``).

Text that reaches a page, feed or calendar passes the site's catalog,
``translations=build.lang.translations``; `make i18n` extracts a ``counted`` call's
singular and plural (``-k counted:2,3``), and a ``zero`` text is marked with ``N_``.
The CLI's text stays English: the default, ``gettext.NullTranslations`` (the singular
for 1, the plural otherwise).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable

ENGLISH = gettext.NullTranslations()


def counted(count: int, singular: str, plural: str, zero: str = "", *,
            translations: gettext.NullTranslations = ENGLISH, **values: object) -> str:
    """``"%(num)d member"`` / ``"%(num)d members"`` filled in for ``count``.

    ``zero``: the text for none at all, when "0 members" is not what a reader should see
    (an empty state is its own sentence, not a number). ``values`` fill the message's
    other ``%(name)s`` fields; data never becomes part of a message (a '%' in it would).
    """
    message = translations.gettext(zero) if count == 0 and zero else \
        translations.ngettext(singular, plural, count)
    return message % {"num": count, **values}


def listing(parts: Iterable[str], empty: str) -> str:
    """Parts joined with commas, or ``empty`` when there are none."""
    found = [part for part in parts if part]
    return ", ".join(found) if found else empty
