"""The build shortcuts (speedups.py) change no byte, whatever the theme and plugins do.

Each site here is built twice, as ``mkdocs build`` builds it (in this process,
conftest.build_here): as is, and with ``COMMUNITY_SPEEDUPS=0`` (MkDocs and the theme
doing all the work). test_reproducible.py shows the real command in a fresh process
builds the same bytes. The two sites must be
the same file for file, byte for byte, and the log must say which shortcuts ran, or why
one switched itself off: with overrides of the theme's ``main.html``, ``base.html`` and
partials that print, measure and capture page data, with a plugin (a hooks file, MkDocs'
way to add local plugin code) that changes pages between renders, with a theme that reads
every page, and with a Markdown extension that adds a heading to every page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from test_reproducible import differences, full_site, tree

from conftest import EPOCH, SiteFactory, build_here

pytestmark = pytest.mark.slow

LONG_NAME = "Cyrus Longname-Wellington the Third"


def configure(site: SiteFactory, **changes: object) -> None:
    """Write the site's mkdocs.yml, then apply ``changes`` (theme keys go in ``theme``)."""
    full_site(site)
    site.member("cyrus", name=LONG_NAME, bio="Builds *bridges* & tunnels.")
    site.member("dee", name="Dee", bio="Short.")
    site._write_config()
    path = site.root / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if key.startswith("theme_"):
            config["theme"][key.removeprefix("theme_")] = value
        else:
            config[key] = value
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def both_ways(site: SiteFactory, tmp_path: Path) -> tuple[dict[str, bytes], str]:
    """Build with and without the shortcuts; they must agree. (The site, the fast log.)"""
    config = site.root / "mkdocs.yml"
    fast_build = build_here(config, site_dir=tmp_path / "fast", verbose=True, epoch=EPOCH)
    assert fast_build.returncode == 0, fast_build.output
    plain_build = build_here(config, site_dir=tmp_path / "plain", epoch=EPOCH,
                             extra_env={"COMMUNITY_SPEEDUPS": "0"})
    assert plain_build.returncode == 0, plain_build.output
    fast, plain = tree(tmp_path / "fast"), tree(tmp_path / "plain")
    assert len(fast) > 20
    assert differences(fast, plain) == []
    return fast, fast_build.output


def filled(log: str) -> int:
    found = re.search(r"community: (\d+) pages filled in from page skeletons", log)
    return int(found.group(1)) if found else 0


def test_overrides_that_measure_and_shorten_page_data(site: SiteFactory, tmp_path: Path
                                                      ) -> None:
    """The case of issue 16: `truncate(20)` of the title in an override of main.html."""
    site.write("overrides/main.html", """
        {% extends "base.html" %}
        {% block extrahead %}{% if page %}
          <meta name="short" content="{{ page.meta.title | truncate(20) }}">
          <meta name="size" content="{{ page.title | length }}
            {%- if page.title | length > 12 %} long{% endif %}">
          {% if page.meta.description %}<meta name="about"
            content="{{ page.meta.description | striptags | truncate(30, True) }}">{% endif %}
        {% endif %}{% endblock %}
        """)
    site.write("overrides/partials/copyright.html", """
        {% if page %}<div class="where">{{ page.url }} {{ page.edit_url | replace("edit", "blob") }}
        {% if "&amp;" in page.content %}ampersand{% endif %}</div>{% endif %}
        """)
    configure(site, theme_custom_dir="overrides")
    fast, log = both_ways(site, tmp_path)
    profile = fast["members/cyrus/index.html"].decode()
    assert '<meta name="short" content="Cyrus...">' in profile
    assert LONG_NAME in profile  # the untruncated title is still in <title>
    assert filled(log) > 0  # the overrides are traced, not given up on


def test_an_override_of_base_html_that_captures_page_data(site: SiteFactory,
                                                          tmp_path: Path) -> None:
    site.write("overrides/base.html", """
        <!doctype html><html><head>{% set heading %}{{ page.title if page }}{% endset %}
        <title>{{ heading | upper }} ({{ heading | length }})</title>
        {% block extrahead %}{% endblock %}</head>
        <body>{% block content %}{{ page.content if page }}{% endblock %}</body></html>
        """)
    configure(site, theme_custom_dir="overrides")
    fast, log = both_ways(site, tmp_path)
    assert f"<title>{LONG_NAME.upper()} (35)</title>" in fast["members/cyrus/index.html"].decode()
    assert "is rendered in full for every page (the template prints page data where " \
           "output is captured" in log
    assert filled(log) == 0


def test_a_plugin_that_changes_pages_between_renders(site: SiteFactory, tmp_path: Path
                                                     ) -> None:
    site.write("hooks/stamp.py", '''
        def on_page_context(context, page, config, nav):
            context["stamp"] = page.url.upper()
            return context

        def on_post_page(output, page, config):
            return output.replace("</body>", f"<!-- {page.title} --></body>")
        ''')
    site.write("overrides/main.html", """
        {% extends "base.html" %}
        {% block extrahead %}<meta name="stamp" content="{{ stamp }}">{% endblock %}
        """)
    configure(site, theme_custom_dir="overrides", hooks=["hooks/stamp.py"])
    fast, log = both_ways(site, tmp_path)
    profile = fast["members/cyrus/index.html"].decode()
    assert 'content="MEMBERS/CYRUS/"' in profile and f"<!-- {LONG_NAME} -->" in profile
    for shortcut in ("page skeletons", "search document first", "bodies released"):
        assert re.search(rf"community: {shortcut}[^\n]* off: other plugins run code while "
                         r"pages are built \([^)]*stamp", log), shortcut
    assert filled(log) == 0


def test_a_plugin_that_only_adds_page_data_keeps_the_shortcuts(site: SiteFactory,
                                                               tmp_path: Path) -> None:
    """Page data a plugin sets before pages are rendered is guarded like the rest."""
    site.write("hooks/initial.py", '''
        def on_page_markdown(markdown, page, config, files):
            page.meta["initial"] = "long" if len(page.title or "") > 10 else "short"
            return markdown
        ''')
    site.write("overrides/main.html", """
        {% extends "base.html" %}
        {% block extrahead %}
          <meta name="initial" content="{{ page.meta.initial if page }}">
        {% endblock %}
        """)
    configure(site, theme_custom_dir="overrides", hooks=["hooks/initial.py"])
    fast, log = both_ways(site, tmp_path)
    assert '<meta name="initial" content="long">' in fast["members/cyrus/index.html"].decode()
    assert '<meta name="initial" content="short">' in fast["members/dee/index.html"].decode()
    assert " off:" not in log
    assert filled(log) > 0


def test_a_theme_that_reads_every_page(site: SiteFactory, tmp_path: Path) -> None:
    site.write("overrides/main.html", """
        {% extends "base.html" %}
        {% block extrahead %}
          <meta name="pages" content="{{ pages | length }}
          {%- for file in pages if file.page and file.page.content %}
            {{- " " ~ file.page.content | length }}{% endfor %}">
        {% endblock %}
        """)
    configure(site, theme_custom_dir="overrides")
    _fast, log = both_ways(site, tmp_path)
    for shortcut in ("search document first", "bodies released after writing"):
        assert f"community: {shortcut} off: main.html reads the content of other pages" \
            in log
    # Skeletons stay on, but the theme's page (which reads every page) is not traced.
    assert "main.html is rendered in full for every page (the template reads 'pages'" in log


def test_a_plugin_that_adds_markdown_to_every_page(site: SiteFactory, tmp_path: Path
                                                   ) -> None:
    """Generated pages have an empty Markdown source, converted once for all of them;
    one that a plugin gave Markdown is converted for real (its heading is in the page's
    table of contents)."""
    site.write("hooks/appendix.py", '''
        def on_page_markdown(markdown, page, config, files):
            return markdown + "\\n\\n## Appendix\\n\\nSee also the handbook.\\n"
        ''')
    configure(site, hooks=["hooks/appendix.py"])
    fast, log = both_ways(site, tmp_path)
    assert 'href="#appendix"' in fast["members/cyrus/index.html"].decode()
    assert "community: 0 pages given the conversion of an empty Markdown source" in log
    assert " off:" not in log  # on_page_markdown runs before pages are built


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_other_themes(site: SiteFactory, tmp_path: Path, theme: str) -> None:
    """MkDocs' own themes (translated with Jinja's i18n extension) build the same too,
    with MkDocs' own search plugin, which indexes page bodies."""
    configure(site, theme={"name": theme})
    fast, log = both_ways(site, tmp_path)
    assert LONG_NAME in fast["members/cyrus/index.html"].decode()
    assert "community: search document first off: MkDocs' own search plugin indexes " \
           "page bodies" in log
    assert "is rendered in full" not in log  # {% trans %} is traced like the rest
    if theme == "mkdocs":
        assert filled(log) > 0
