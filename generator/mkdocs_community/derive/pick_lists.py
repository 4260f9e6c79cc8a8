"""Real lists for the profile form's pickers, in the site's language.

Countries are ISO 3166 (pycountry), named as the rest of the site names them; time zones
are the IANA names CLDR calls canonical, each under its country and city (people know
where they live, not what a region's zone is called); languages are ISO 639-1, named by
CLDR. Names come from CLDR through Babel, in the language given (a BCP 47 tag such as
"pt-BR"), and each list is sorted as people of any script expect (collation.py).
"""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

import langcodes
import pycountry
from babel.core import Locale, get_global

from mkdocs_community.core.collation import sort_key
from mkdocs_community.core.records.member import country_name

UTC = "UTC"


def _locale(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


def _sorted(items: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(items, key=lambda item: (sort_key(item[1]), item[0])))


@lru_cache(maxsize=8)
def countries(language: str = "en") -> tuple[tuple[str, str], ...]:
    """(ISO 3166 code, name), by name."""
    return _sorted([(c.alpha_2, country_name(c.alpha_2, language))
                    for c in pycountry.countries])


@lru_cache(maxsize=8)
def time_zones(language: str = "en", utc_label: str = UTC) -> tuple[tuple[str, str], ...]:
    """(IANA name, "Country — City") for every canonical zone, ``utc_label`` first.

    CLDR maps each zone to its country, and does not offer old names (Asia/Calcutta)
    beside new ones (Asia/Kolkata); every name offered is one ``zoneinfo`` knows.
    """
    known = available_timezones()
    cities = _locale(language).time_zones  # CLDR's city names, where they differ
    zones = []
    for zone, territory in get_global("zone_territories").items():
        if zone not in known or "/" not in zone or zone.startswith("Etc/"):
            continue
        country = country_name(territory, language) \
            if pycountry.countries.get(alpha_2=territory) else zone.split("/", 1)[0]
        city = cities.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        zones.append((zone, f"{country} — {city}"))
    return ((UTC, utc_label), *_sorted(zones))


@lru_cache(maxsize=1)
def zone_aliases() -> dict[str, str]:
    """Old or linked zone names a browser may report -> the name the form offers."""
    offered = {zone for zone, _ in time_zones()}
    aliases = {old: new for old, new in get_global("zone_aliases").items() if new in offered}
    aliases.update({"Etc/UTC": UTC, "Etc/GMT": UTC, "GMT": UTC, "Etc/Universal": UTC})
    return dict(sorted(aliases.items()))


@lru_cache(maxsize=8)
def languages(language: str = "en") -> tuple[tuple[str, str], ...]:
    """(ISO 639-1 code, name), by name. The page's script adds each language's name in
    itself ("Deutsch"), so people find a language as they call it."""
    names = _locale(language).languages
    english = Locale("en").languages
    return _sorted([(code, names.get(code) or english[code]) for code in english
                    if len(code) == 2 and code.isalpha() and langcodes.tag_is_valid(code)])
