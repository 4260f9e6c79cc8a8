"""Build a community's site from plain files in git.

The sub-packages follow the data flow: ``core`` reads and validates the files into a
``Community``; ``derive`` computes from it; ``outputs`` write pages, feeds, calendars and
data; ``sections`` turn the community into the site's pages; ``adapters`` connect all that
to MkDocs, the command line and pull requests.
"""

from pathlib import Path

# Packaged files, found beside the code (package-data in pyproject.toml).
PACKAGE = Path(__file__).parent
TEMPLATES = PACKAGE / "templates"
ASSETS = PACKAGE / "assets"
LOCALES = PACKAGE / "locales"
