"""Pure computations the sections use: occurrences, matching, stale profiles."""
