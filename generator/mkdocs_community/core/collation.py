"""Alphabetical order for people's names and other labels, by the Unicode Collation
Algorithm (UCA) rather than by code point.

Sorting by code point puts "Łukasz" after "Zoë" (U+0141 > "Z") and "Ángel" after every
plain Latin name. The UCA orders letters with their accents beside their base letters
("Ana", "Ángel", "Eve", "Lukas", "Łukasz", "Zoë") and groups scripts (Latin, Greek,
Cyrillic, Arabic, Devanagari, Bengali, Hangul, Han).

``pyuca`` implements the UCA with the Default Unicode Collation Element Table in pure
Python. Chosen over PyICU because (1) it needs no system library or compiler, so
``pip install`` works on any machine, and (2) its table ships inside the package, so the
order (and so the built site, byte for byte) does not change with the machine's ICU
version. The default (root) order, not a language's tailoring, fits a site whose
members write in many languages.
"""

from __future__ import annotations

from functools import lru_cache

from pyuca import Collator


@lru_cache(maxsize=1)
def _collator() -> Collator:
    # Reading the table takes a fifth of a second: once per process, and only if needed.
    return Collator()


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[int, ...]:
    """A key that sorts ``text`` alphabetically, the way people expect in any script."""
    return tuple(_collator().sort_key(text))


__all__ = ["sort_key"]
