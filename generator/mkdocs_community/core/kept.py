"""Values a build worked out that the next build may use again (``mkdocs serve``).

``mkdocs serve`` rebuilds the whole site after every edit. Most of what a rebuild works
out comes from records the edit did not touch: an event's calendar entry is the same
bytes as long as the event, the settings and the time stamp are. A build asks its
:class:`KeptValues` for such a value with the exact inputs it is worked out from, and
gets the last build's when those compare equal (records are immutable, and unchanged
files give the very same record objects, see ``LoadCache``), else the value worked out
now. What one build asked for is all the next one starts from, so values of records that
are gone are forgotten.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
Slot = tuple[str, Hashable]


class KeptValues:
    """Values of pure functions, each under a name and key with the inputs it came from."""

    def __init__(self, last: dict[Slot, tuple[Any, Any]] | None = None) -> None:
        self._last = last or {}
        self._asked: dict[Slot, tuple[Any, Any]] = {}
        self.reused = 0  # values this build took from the last one
        self.reused_by: Counter[str] = Counter()  # the same, by name

    def value(self, name: str, key: Hashable, inputs: Any, compute: Callable[[], T]) -> T:
        """``compute()``, a pure function of ``inputs`` (everything it reads, compared
        with ``==``), or the value kept for ``(name, key)`` from the same inputs."""
        slot = (name, key)
        found = self._asked.get(slot)
        if found is None or found[0] != inputs:
            found = self._last.get(slot)
            if found is not None and found[0] == inputs:
                self.reused += 1
                self.reused_by[name] += 1
            else:
                found = (inputs, compute())
            self._asked[slot] = found
        return found[1]  # type: ignore[no-any-return]

    def same(self, name: str, value: T) -> T:
        """``value``, or the equal object the last build had under ``name``: inputs that
        hold it then compare by identity, which is immediate (the build's settings, a new
        object every rebuild, are compared field by field once, not once a record)."""
        return self.value("same", name, value, lambda: value)

    def used(self) -> KeptValues:
        """What the next build starts from: the values this one asked for."""
        return KeptValues(self._asked)

    def __len__(self) -> int:
        return len(self._asked)


@dataclass(frozen=True, eq=False)
class Identical:
    """An input that equals only an ``Identical`` of the very same object.

    For a value kept by :meth:`KeptValues.value` (the same object as long as its inputs
    are) whose own ``==`` does not see everything a value made from it reads: a
    ``Matching`` compares its pairings, not the scores behind each profile's matches.
    Holding the object keeps its ``id`` from being reused while it is compared.
    """

    value: Any

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Identical) and other.value is self.value

    def __hash__(self) -> int:
        return id(self.value)
