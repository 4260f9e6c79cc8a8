"""A repeating event's rule in words, in the site's language ("every second Tuesday").

In the core because checks quote it in their messages as pages show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mkdocs_community.core.i18n import N_, Language, language
from mkdocs_community.core.occurrences import (
    WEEKDAYS,
    exdates_local,
    last_occurrence,
    naive_start,
    rdates_local,
    until_local,
)
from mkdocs_community.core.records.event import Event

if TYPE_CHECKING:
    pass


#
# Each pattern is one whole phrase in the catalogs ("every other %(days)s", "on the
# %(nth)s of %(every)s"), so each language words and orders it its own way; day and month
# names and lists ("Monday and Wednesday") come from CLDR. Checks and the CLI call these
# without a language: English.

# "first Tuesday" and "last Tuesday" are whole phrases too: ordinals agree with the day.
_NTH_DAY = {
    1: N_("first %(day)s"), 2: N_("second %(day)s"), 3: N_("third %(day)s"),
    4: N_("fourth %(day)s"), 5: N_("fifth %(day)s"), -1: N_("last %(day)s"),
    -2: N_("second-to-last %(day)s"),
}


def join_words(words: Sequence[str]) -> str:
    return language().list(words)


def _ordinal_day(n: int, lang: Language) -> str:
    """'15th', 'last day': a day of the month. English ordinals are given to the catalog as
    %(ordinal)s; other languages write %(number)s their own way ('día 15', '15.')."""
    if n == -1:
        return lang.gettext("last day")
    if n == -2:
        return lang.gettext("second-to-last day")
    if n < 0:
        return lang.gettext("day %(number)s from the end") % {"number": -n}
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return lang.pgettext("day of the month", "%(ordinal)s") % {"ordinal": f"{n}{suffix}",
                                                              "number": n}


def _byday(value: str) -> list[tuple[int | None, str]]:
    result = []
    for item in value.split(","):
        code = item[-2:]
        number = item[:-2]
        result.append((int(number) if number not in ("", "+") else None, code))
    return result


def _every_months(interval: int, lang: Language) -> str:
    if interval == 1:
        return lang.gettext("every month")
    if interval == 2:
        return lang.gettext("every other month")
    return lang.ngettext("every %(num)s month", "every %(num)s months", interval) % {
        "num": interval}


def rule_in_words(event: Event, lang: Language | None = None) -> str:
    """'every Tuesday', 'on the first Thursday of every month', ... without the end."""
    assert event.recurrence is not None
    lang = lang or language()
    _ = lang.gettext
    if event.recurrence.rule is None:
        count = len(rdates_local(event)) + 1
        return lang.ngettext("in %(num)s session", "in %(num)s sessions", count) % {
            "num": count}
    day_names = dict(zip(WEEKDAYS, lang.weekday_names(), strict=True))
    parts = event.recurrence.parts
    start = naive_start(event)
    freq = parts["FREQ"]
    interval = int(parts.get("INTERVAL", "1"))
    simple = set(parts) <= {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY",
                            "WKST", "BYSETPOS", "BYMONTH"}
    byday = _byday(parts["BYDAY"]) if "BYDAY" in parts else []
    if freq == "DAILY" and simple and not byday and "BYMONTHDAY" not in parts:
        return _("every day") if interval == 1 else \
            lang.ngettext("every %(num)s day", "every %(num)s days", interval) % {"num": interval}
    if freq == "DAILY" and simple and byday and all(n is None for n, _n in byday):
        days = [d for _n, d in byday]
        if sorted(days, key=WEEKDAYS.index) == list(WEEKDAYS[:5]):
            return _("every weekday")
    if freq == "WEEKLY" and simple and all(n is None for n, _n in byday) and \
            "BYMONTHDAY" not in parts and "BYSETPOS" not in parts and "BYMONTH" not in parts:
        codes = [d for _n, d in byday] or [WEEKDAYS[start.weekday()]]
        names = lang.list([day_names[c] for c in sorted(codes, key=WEEKDAYS.index)])
        if interval == 1:
            return _("every %(days)s") % {"days": names}
        if interval == 2:
            return _("every other %(days)s") % {"days": names}
        return lang.ngettext("every %(num)s week on %(days)s", "every %(num)s weeks on %(days)s",
                             interval) % {"num": interval, "days": names}
    if freq == "MONTHLY" and simple and "BYMONTH" not in parts:
        every = _every_months(interval, lang)
        if byday and "BYMONTHDAY" not in parts:
            setpos = parts.get("BYSETPOS")
            number = (setpos or "").lstrip("-")
            if setpos and all(n is None for n, _n in byday) and len(byday) == 1 and \
                    number.isascii() and number.isdigit() and int(setpos) in _NTH_DAY:
                nth = _(_NTH_DAY[int(setpos)]) % {"day": day_names[byday[0][1]]}
                return _("on the %(nth)s of %(every)s") % {"nth": nth, "every": every}
            if not setpos and all(n in _NTH_DAY for n, _n in byday):
                words = [_(_NTH_DAY[n]) % {"day": day_names[d]} for n, d in byday if n]
                return _("on the %(nth)s of %(every)s") % {"nth": lang.list(words),
                                                           "every": every}
        if not byday and "BYSETPOS" not in parts:
            days = [int(d) for d in parts.get("BYMONTHDAY", str(start.day)).split(",")]
            return _("on the %(nth)s of %(every)s") % {
                "nth": lang.list([_ordinal_day(d, lang) for d in days]), "every": every}
    if freq == "YEARLY" and set(parts) <= {"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST"}:
        day = lang.day_month(start.date())
        if interval == 1:
            return _("every year on %(day)s") % {"day": day}
        return lang.ngettext("every %(num)s year on %(day)s", "every %(num)s years on %(day)s",
                             interval) % {"num": interval, "day": day}
    return _("repeats by the rule %(rule)s") % {"rule": event.recurrence.effective_rule}


def recurrence_in_words(event: Event, lang: Language | None = None) -> str:
    """'every Tuesday until 30 June 2026, except 14 April' (empty for one-off events)."""
    if event.recurrence is None:
        return ""
    lang = lang or language()
    parts = event.recurrence.parts
    text = rule_in_words(event, lang)
    end_year = None
    if event.recurrence.rule is None:
        last = last_occurrence(event)
        if last:
            text = lang.gettext("%(rule)s, the last on %(day)s") % {
                "rule": text, "day": lang.day_month(last.start.date(), year=True)}
    elif "COUNT" in parts:
        count = int(parts["COUNT"])
        text = lang.ngettext("%(rule)s, %(num)s time", "%(rule)s, %(num)s times", count) % {
            "rule": text, "num": count}
        last = last_occurrence(event)
        end_year = last.start.year if last else None
    elif "UNTIL" in parts:
        until = until_local(event)
        assert until is not None
        text = lang.gettext("%(rule)s until %(day)s") % {
            "rule": text, "day": lang.day_month(until.date(), True)}
        end_year = until.year
    start_year = naive_start(event).year
    skipped = sorted({d.date() for d in exdates_local(event)})
    if skipped:
        same_year = all(d.year == start_year and (end_year in (None, start_year)) for d in skipped)
        text = lang.gettext("%(rule)s, except %(days)s") % {
            "rule": text, "days": lang.list([lang.day_month(d, not same_year) for d in skipped])}
    return text
