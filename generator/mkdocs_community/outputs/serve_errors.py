"""The problems in the community's files, shown in the browser while `mkdocs serve` runs.

A failed build leaves MkDocs' development server waiting for a build that succeeds, so
the browser spins for as long as a file stays broken, and the only report is in the
terminal. Under `mkdocs serve` the adapter therefore lets the build go on without the
community's pages (or with the last ones that built) and puts :func:`panel` at the top
of every page: each problem with its file, line, column and hint, the way the best
development servers show a compile error. Pages reload by themselves when the fix is
saved: MkDocs' live-reload script does it on the pages it serves, and the panel's own
small script does it on its "not found" page, which the server sends without one.

`mkdocs build` still fails on the same problems: a broken pull request never publishes.
Nothing here knows MkDocs; it turns diagnostics into HTML and places it in a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup

from mkdocs_community.core.diagnostics import Diagnostic, Severity, plural

PANEL_MARK = "data-cm-build-errors"
_BODY = re.compile(r"<body\b[^>]*>", re.I)

# Self-contained: the panel must look right on a page whose stylesheets did not build.
_STYLE = """<style>
.cm-build-errors{font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff4f4;
border-bottom:4px solid #b3261e;padding:1rem 1.25rem;margin:0;position:relative;z-index:10}
.cm-build-errors h2{font-size:1.15rem;margin:0 0 .25rem;color:#8c1d18}
.cm-build-errors p{margin:.25rem 0}
.cm-build-errors ol{margin:.5rem 0 0;padding-left:1.4rem}
.cm-build-errors li{margin:.5rem 0}
.cm-build-errors code{font:13px/1.4 ui-monospace,monospace;background:#fff;padding:0 .2rem;
border:1px solid #e6caca;border-radius:3px;overflow-wrap:anywhere}
.cm-build-errors .cm-build-errors__hint{color:#444}
.cm-build-errors .cm-build-errors__severity{font-weight:700;text-transform:uppercase;
font-size:.75rem;letter-spacing:.04em}
</style>"""

# On the "not found" page (a page the broken build could not make), which the server sends
# without its live-reload script: ask for the page again until it exists.
_RELOAD_WHEN_FOUND = """<script>
(function(){var wait=function(){fetch(location.href,{cache:"no-store"}).then(function(r){
if(r.ok){location.reload();}else{setTimeout(wait,1500);}},function(){setTimeout(wait,3000);});};
setTimeout(wait,1500);})();
</script>"""


def _where(diagnostic: Diagnostic) -> str:
    if not diagnostic.line:
        return diagnostic.path
    return f"{diagnostic.path}:{diagnostic.line}:{diagnostic.col or 1}"


def panel(diagnostics: Iterable[Diagnostic], *, stale: bool) -> str:
    """The problems as an HTML block (``stale``: the pages below are from the last build
    without errors). Every text in it is escaped: it quotes contributors' files."""
    items = list(diagnostics)
    errors = sum(d.severity is Severity.ERROR for d in items)
    rows = Markup("").join(
        Markup('<li><span class="cm-build-errors__severity">{}</span> <code>{}</code> {}{}</li>')
        .format(d.severity.value, _where(d), d.message,
                Markup('<br><span class="cm-build-errors__hint">Hint: {}</span>').format(d.hint)
                if d.hint else "")
        for d in items)
    below = ("The pages below are from the last version that built without errors."
             if stale else "The community's pages are not built until they are fixed.")
    return str(Markup(
        '{}<section class="cm-build-errors" role="alert" aria-labelledby="cm-build-errors" {}>'
        '<h2 id="cm-build-errors">The community\'s files have {}</h2>'
        '<p>{} This page reloads by itself when you save a fix. '
        '<code>community validate</code> prints the same list.</p><ol>{}</ol></section>'
    ).format(Markup(_STYLE), Markup(PANEL_MARK), plural(errors, "error"), below, rows))


def with_panel(html: str, block: str, *, reload_when_found: bool = False) -> str:
    """``html`` with ``block`` first in its body (once), and, for a "not found" page, the
    script that reloads it when the page it stands for has been built."""
    if not block or PANEL_MARK in html:
        return html
    if reload_when_found:
        block += _RELOAD_WHEN_FOUND
    body = _BODY.search(html)
    if body is None:
        return block + html
    return html[:body.end()] + block + html[body.end():]


__all__ = ["PANEL_MARK", "panel", "with_panel"]
