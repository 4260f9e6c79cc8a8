"""The plugin's stylesheets and scripts, one file of each kind (outputs/bundles.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs_community import ASSETS
from mkdocs_community.outputs.bundles import BUNDLES, bundle


def test_each_bundle_holds_its_sources_in_name_order_and_scripts_stay_apart(tmp_path):
    (tmp_path / "b.js").write_text("(function () { window.b = 2; })()\n")
    (tmp_path / "a.js").write_text("(function () { window.a = 1; })()")
    (tmp_path / "a.css").write_text(".a { color: red; }\n")
    (tmp_path / "notes.md").write_text("not published")
    script = bundle(tmp_path, "community.js")
    # Without the ';' the second function expression would be called with the first's
    # result as its argument.
    assert script == ("/* a.js */\n(function () { window.a = 1; })()\n\n;\n"
                      "/* b.js */\n(function () { window.b = 2; })()\n")
    assert bundle(tmp_path, "community.css") == "/* a.css */\n.a { color: red; }\n"


def test_every_shipped_asset_is_in_a_bundle():
    shipped = {p.name for p in Path(ASSETS).iterdir() if p.suffix in (".css", ".js")}
    bundled = {name for bundle_name in BUNDLES
               for name in shipped if f"/* {name} */" in bundle(ASSETS, bundle_name)}
    assert bundled == shipped and len(shipped) > 2
