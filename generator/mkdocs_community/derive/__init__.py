"""Pure computations the sections share: cross-links, matching, stale profiles, and the
profile form's lists and messages."""
