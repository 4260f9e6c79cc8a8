"""The build's "now", as every adapter decides it.

The core never reads the clock: it is handed "now" (``Build.now``). The adapters take it
from the site's ``now`` option or a command's ``--now``, else from ``SOURCE_DATE_EPOCH``
(reproducible builds), else from the clock.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping


def build_time(option: str | None, environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The build's 'now': the ``now`` option, else SOURCE_DATE_EPOCH, else the clock."""
    environ = os.environ if environ is None else environ
    if option:
        value = dt.datetime.fromisoformat(option)
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return dt.datetime.fromtimestamp(int(environ["SOURCE_DATE_EPOCH"]), tz=dt.UTC)
    # Whole minutes: two builds in the same minute are byte-identical.
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
