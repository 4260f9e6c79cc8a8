"""Unicode rules for what people type: invisible characters, and names that look alike.

Two ways a name can deceive a reader, and the standards that answer them:

- **Invisible characters** (Unicode's *default-ignorable* code points and *format*
  characters: U+2063 INVISIBLE SEPARATOR, U+3164 HANGUL FILLER, the soft hyphen, tag
  characters, LRM/RLM, variation selectors, ...) make two names that look the same
  differ, or hide text. :func:`hidden_character` finds them, except where a writing
  system needs them: ZWNJ and ZWJ in the contexts of RFC 5892 (after a virama, or
  between joining letters of Arabic, Persian, Syriac, N'Ko, ...), ZWJ and emoji
  variation selectors inside emoji sequences (UTS #51), ideographic variation
  sequences after CJK ideographs (Japanese names), Mongolian free variation selectors
  after Mongolian letters, and tag characters in an emoji tag sequence (the flags of
  Scotland, Wales, England).
- **Confusable names**: ``ada``, ``Ada``, ``аda`` (Cyrillic a) and ``ada.yaml`` name
  different files that a reader cannot tell apart. :func:`lookalike_key` is the UTS #39
  confusables *skeleton* of a case-folded name (ICU's ``SpoofChecker``): two names with
  the same key look alike.

The Unicode data comes from ICU (PyICU), not from a hand-made list.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

ZWNJ, ZWJ = "\u200c", "\u200d"
_VIRAMA = 9  # Canonical_Combining_Class of a virama
# Joining_Type values (ICU's UJoiningType)
_JT_DUAL, _JT_LEFT, _JT_RIGHT, _JT_TRANSPARENT = 2, 3, 4, 5
_EMOJI_VS = "\ufe0e\ufe0f"  # text and emoji presentation selectors
_MONGOLIAN_FVS = "\u180b\u180c\u180d\u180f"
_KEYCAP = "\u20e3"
_BLACK_FLAG, _CANCEL_TAG = "\U0001f3f4", "\U000e007f"


@lru_cache(maxsize=1)
def _invisible() -> re.Pattern[str]:
    """A character class of every default-ignorable or format character (ICU's data)."""
    chars = icu.UnicodeSet("[[:Default_Ignorable_Code_Point:][:Cf:]]")
    ranges = "".join(f"{re.escape(a)}-{re.escape(b)}" if a != b else re.escape(a)
                     for a, b in chars.ranges())
    return re.compile(f"[{ranges}]")


def _has(char: str, prop: int) -> bool:
    return bool(icu.Char.hasBinaryProperty(ord(char), prop))


def _joining(char: str) -> int:
    return int(icu.Char.getIntPropertyValue(ord(char), icu.UProperty.JOINING_TYPE))


def _after_virama(text: str, i: int) -> bool:
    return i > 0 and unicodedata.combining(text[i - 1]) == _VIRAMA


def _joins(text: str, i: int) -> bool:
    """RFC 5892 A.1: (L|D) T* ZWNJ T* (R|D), by Unicode's joining types."""
    before = i - 1
    while before >= 0 and _joining(text[before]) == _JT_TRANSPARENT:
        before -= 1
    after = i + 1
    while after < len(text) and _joining(text[after]) == _JT_TRANSPARENT:
        after += 1
    return (before >= 0 and after < len(text)
            and _joining(text[before]) in (_JT_LEFT, _JT_DUAL)
            and _joining(text[after]) in (_JT_RIGHT, _JT_DUAL))


def _emoji_before(text: str, i: int) -> bool:
    """An emoji ends just before ``i`` (with its presentation selector or skin tone)."""
    j = i - 1
    if j >= 0 and (text[j] in _EMOJI_VS or _has(text[j], icu.UProperty.EMOJI_MODIFIER)):
        j -= 1
    return j >= 0 and _has(text[j], icu.UProperty.EXTENDED_PICTOGRAPHIC)


def _in_emoji_zwj_sequence(text: str, i: int) -> bool:
    return (_emoji_before(text, i) and i + 1 < len(text)
            and _has(text[i + 1], icu.UProperty.EXTENDED_PICTOGRAPHIC))


def _in_tag_sequence(text: str, i: int) -> bool:
    """UTS #51 emoji tag sequence: U+1F3F4, tag characters, CANCEL TAG."""
    start = i
    while start > 0 and "\U000e0020" <= text[start - 1] <= "\U000e007e":
        start -= 1
    end = i
    while end < len(text) and "\U000e0020" <= text[end] <= "\U000e007e":
        end += 1
    return (start > 0 and text[start - 1] == _BLACK_FLAG and end < len(text)
            and text[end] == _CANCEL_TAG and end > start)


def _needed(text: str, i: int) -> bool:
    """Whether the invisible character at ``i`` is one its script needs there."""
    char = text[i]
    before = text[i - 1] if i > 0 else ""
    if char == ZWNJ:
        return _after_virama(text, i) or _joins(text, i)
    if char == ZWJ:
        return _after_virama(text, i) or _in_emoji_zwj_sequence(text, i)
    if char in _EMOJI_VS:
        if before.isascii():  # '1', '#' and '*' are emoji only as keycaps: 1 FE0F 20E3
            return bool(before) and text[i + 1:i + 2] == _KEYCAP
        return _has(before, icu.UProperty.EMOJI)
    if "\ufe00" <= char <= "\ufe0d" or "\U000e0100" <= char <= "\U000e01ef":
        # Ideographic variation sequences pick a glyph of a CJK ideograph: Japanese
        # family names use them.
        return bool(before) and _has(before, icu.UProperty.IDEOGRAPHIC)
    if char in _MONGOLIAN_FVS:
        return bool(before) and icu.Script.getScript(before).getScriptCode() == \
            icu.UScriptCode.MONGOLIAN
    if "\U000e0020" <= char <= "\U000e007e":
        return _in_tag_sequence(text, i)
    if char == _CANCEL_TAG:
        return i > 0 and _in_tag_sequence(text, i - 1)
    return False


def hidden_character(text: str) -> int | None:
    """The index of the first invisible character that no script needs there, or None."""
    for found in _invisible().finditer(text):
        if not _needed(text, found.start()):
            return found.start()
    return None


def describe_character(char: str) -> str:
    """'U+2063 INVISIBLE SEPARATOR': a character nobody can see, named."""
    name = unicodedata.name(char, "") or icu.Char.charName(char) or "unnamed"
    return f"U+{ord(char):04X} {name}"


@lru_cache(maxsize=1)
def _spoof_checker() -> icu.SpoofChecker:
    return icu.SpoofChecker()


@lru_cache(maxsize=8192)
def lookalike_key(name: str) -> str:
    """The UTS #39 skeleton of ``name`` with case folded: equal keys look alike.

    ``Ada``, ``ada`` and ``аda`` (Cyrillic) share a key; so do ``rn`` and ``m``, and
    ``0`` and ``o``, which is the point.
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    return str(_spoof_checker().getSkeleton(0, folded)).casefold()
