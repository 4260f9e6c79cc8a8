"""Field types shared by every record kind.

Each type validates and normalises one kind of value (a topic, an https URL, a time
zone, a month) and fails with a message a contributor can act on. Validation that
needs the rest of the community (does this member id exist?) happens later, when
records are linked; these types need at most the topic vocabulary, passed in the
validation context.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from difflib import get_close_matches
from functools import lru_cache
from typing import Annotated, Any
from zoneinfo import ZoneInfo, available_timezones

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from mkdocs_community.core.markdown_bounds import markdown_problem
from mkdocs_community.core.safety import url_problem
from mkdocs_community.core.sources import CONTROL as _CONTROL
from mkdocs_community.core.sources import DECEPTIVE as _DECEPTIVE
from mkdocs_community.core.sources import Loc
from mkdocs_community.core.topics import Vocabulary
from mkdocs_community.core.unicode_rules import describe_character, hidden_character
from mkdocs_community.core.zone_hints import zone_hint

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _fail(code: str, message: str, hint: str = "", **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(code, message, {"hint": hint, **ctx})


def _clean_text(value: str, *, multiline: bool) -> str:
    if _DECEPTIVE.search(value):
        raise _fail("deceptive-text", "text contains invisible or direction-changing "
                    "Unicode characters", "retype the text without copying hidden characters")
    if _CONTROL.search(value if multiline else value.replace("\t", " ")):
        raise _fail("control-character", "text contains control characters")
    if not multiline and "\n" in value.strip():
        raise _fail("multiline", "this field must be a single line")
    hidden = None if multiline else hidden_character(value)
    if hidden is not None:
        # Names and short texts are what people tell each other apart by: an invisible
        # character makes two that look the same differ (U+2063, U+3164, tags, ...).
        raise _fail("deceptive-text", "text contains an invisible character ({char})",
                    "retype the text without it; invisible characters make names that "
                    "look the same differ", char=describe_character(value[hidden]))
    return unicodedata.normalize("NFC", value.strip())


def _line(value: str) -> str:
    return _clean_text(value, multiline=False)


def _multiline(value: str) -> str:
    value = _clean_text(value, multiline=True)
    problem = markdown_problem(value)
    if problem is not None:
        raise _fail(problem.code, "{problem} (line {line} of the text)", problem.hint,
                    problem=problem.message, line=problem.line)
    return value


def text(max_length: int) -> Any:
    """A single line of plain text of at most ``max_length`` characters."""
    return Annotated[str, AfterValidator(_line), Field(min_length=1, max_length=max_length)]


def markdown(max_length: int) -> Any:
    """Markdown source (rendered and sanitised at build time), length-limited."""
    return Annotated[str, AfterValidator(_multiline), Field(max_length=max_length)]


def _https_url(value: str) -> str:
    value = value.strip()
    problem = url_problem(value)
    if problem is not None:
        code, message, hint = problem
        # Through the context: braces in the address must stay text, not fields.
        raise _fail(code, "{detail}", "{advice}", detail=message, advice=hint)
    return value


HttpsUrl = Annotated[str, AfterValidator(_https_url),
                     Field(max_length=2000, json_schema_extra={"format": "uri",
                                                               "pattern": "^https://"})]


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _timezone(value: str) -> str:
    value = value.strip()
    if value in _zones():
        return value
    folded = {z.casefold(): z for z in _zones()}
    if value.casefold() in folded:
        raise _fail("timezone", "time zone '{tz}' is spelled with the wrong case",
                    "write '{exact}'", tz=value, exact=folded[value.casefold()])
    said = zone_hint(value)  # "GMT+1", "UTC-05:00", "PST": what people write instead
    if said:
        raise _fail("timezone", "'{tz}' is not a time zone name", said, tz=value)
    near = get_close_matches(value, sorted(_zones()), n=2)
    hint = ("did you mean " + " or ".join(f"'{z}'" for z in near) + "? ") if near else ""
    raise _fail("timezone", "unknown time zone '{tz}'",
                hint + "use an IANA name such as 'Europe/Berlin' or 'America/New_York'", tz=value)


TimeZone = Annotated[str, AfterValidator(_timezone),
                     Field(json_schema_extra={"examples": ["Europe/Berlin"]})]


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


# Every date a record holds lies in these years. Far enough either way for any real
# community (founding dates, memorials, plans), and near enough that arithmetic on a
# date (the day after, the zone's offset, a year of repeats) never leaves what
# Python's datetime can hold: "year 10000 is out of range" and OverflowError in
# Pacific/Kiritimati are refused here, with the file and line, instead of in the build.
MIN_YEAR = 1900
MAX_YEAR = 2200


def in_window(day: dt.date, written: str) -> dt.date:
    """``day``, or a located error when its year is outside MIN_YEAR..MAX_YEAR."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _fail("date-range", "'{value}' is outside the years {low} to {high}",
                    "check the year; dates are limited to {low}-{high}", value=written,
                    low=MIN_YEAR, high=MAX_YEAR)
    return day


def file_name_date(written: str) -> dt.date | None:
    """The date a file name starts with, if it is real and within the years records hold."""
    try:
        day = dt.date.fromisoformat(written)
    except ValueError:
        return None
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


class YearOnly(dt.date):
    """A date of which only the year is known (``joined: 2019``): 1 January, marked so
    that pages say "2019", not "January 2019"."""

    __slots__ = ()


def _month_or_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return in_window(value, str(value))
    text_value = str(value).strip()
    if re.fullmatch(r"\d{4}", text_value):
        return in_window(YearOnly(int(text_value), 1, 1), text_value)
    if not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", text_value):
        raise _fail("date", "'{value}' is not a date",
                    "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-03", value=text_value)
    try:
        day = dt.date.fromisoformat(text_value if len(text_value) > 7 else text_value + "-01")
    except ValueError:
        raise _fail("date", "'{value}' is not a valid date", "check the month and day exist",
                    value=text_value) from None
    return in_window(day, text_value)


YearMonth = Annotated[dt.date, BeforeValidator(_month_or_date),
                      Field(json_schema_extra={"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"})]


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return in_window(value, str(value))
    try:
        day = dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise _fail("date", "'{value}' is not a valid date", "write YYYY-MM-DD, e.g. 2025-03-14",
                    value=str(value)) from None
    return in_window(day, str(value).strip())


Date = Annotated[dt.date, BeforeValidator(_date)]


def _topic(value: str, info: ValidationInfo) -> str:
    context = info.context or {}
    vocabulary: Vocabulary | None = context.get("topics")
    if vocabulary is None:
        return value
    topic_id = vocabulary.resolve(value)
    if topic_id is not None:
        return topic_id
    settings = context.get("settings")
    if settings is None or getattr(settings, "topic_mode", "strict") == "strict":
        # The hint quotes the contributor's text: braces in it are not placeholders.
        hint = vocabulary.unknown_hint(value).replace("{", "{{").replace("}", "}}")
        raise _fail("unknown-topic", "unknown topic '{topic}'", hint, topic=value)
    # 'suggest' and 'open': a free tag, kept as written (one line of plain text);
    # loading gives every spelling of it one id (topic_modes.py).
    return " ".join(_line(value).split())


TopicId = Annotated[str, AfterValidator(_topic),
                    Field(min_length=1, max_length=100, json_schema_extra={"x-topic": True})]


def _unique(values: list[Any]) -> list[Any]:
    # Aliases can make two entries the same topic; keep the first, in order.
    return list(dict.fromkeys(values))


Topics = Annotated[list[TopicId], AfterValidator(_unique),
                   Field(max_length=30, json_schema_extra={"x-topics": True})]


def _record_id(value: str) -> str:
    value = value.strip()
    if not ID_PATTERN.match(value):
        raise _fail("id", "'{value}' is not a record id", "ids are lowercase letters, digits "
                    "and single hyphens, e.g. 'ada-lovelace'", value=value)
    return value


RecordId = Annotated[str, AfterValidator(_record_id), Field(max_length=80)]
"""A reference to another record by id; whether it exists is checked when linking."""


class Record(BaseModel):
    """Base of every record: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              validate_default=False, hide_input_in_errors=True)

    id: SkipJsonSchema[str] = ""
    source: SkipJsonSchema[str] = ""

    def references(self) -> Iterator[tuple[Loc, str, str]]:
        """(field location, kind, id) for every id this record names in another record."""
        return iter(())


class Part(BaseModel):
    """Base of nested mappings inside a record."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              hide_input_in_errors=True)
