"""Reading ``mkdocs.yml`` as data: the same settings as MkDocs, and nothing ever run.

The ``community`` command and the pull-request check read the plugin's options without
MkDocs (whose loader runs YAML tags and imports hooks). These tests hold that reading
to MkDocs' own, and show that tags and hooks stay inert.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from conftest import REPO, SiteFactory
from mkdocs_community.adapters.mkdocs.config import to_settings
from mkdocs_community.core.diagnostics import Diagnostics
from mkdocs_community.core.site_config import (
    ConfigError,
    Tagged,
    parse_config,
    read_settings,
)
from mkdocs_community.core.site_config import (
    load_config as load_as_data,
)


def mkdocs_settings(config_file: Path):
    config = load_config(str(config_file))
    return to_settings(config.plugins["community"].config, config)


def test_the_example_site_reads_as_mkdocs_reads_it():
    settings, diagnostics = read_settings(REPO / "mkdocs.yml", {})
    assert settings is not None and not diagnostics.has_errors, list(diagnostics)
    assert settings == mkdocs_settings(REPO / "mkdocs.yml")
    assert settings.maintainers and settings.channels and settings.cohort_ends


def test_a_test_site_reads_as_mkdocs_reads_it(site: SiteFactory):
    site.plugin_options.update({"maintainers": ["@Maint", "other"], "members_dir": "people/",
                                "require_recurrence_end": False,
                                "channels": [{"name": "Chat", "url": "https://chat.example.org",
                                              "kind": "forum"}]})
    site._write_config()
    config = yaml.safe_load((site.root / "mkdocs.yml").read_text())
    config.pop("edit_uri")  # MkDocs guesses it from a github.com repo_url
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(config))
    settings, _ = read_settings(site.root / "mkdocs.yml", {})
    assert settings == mkdocs_settings(site.root / "mkdocs.yml")
    assert settings.maintainers == ("maint", "other")
    assert settings.edit_base == "https://github.com/example/test/edit/master/docs"


def write(folder: Path, text: str) -> Path:
    path = folder / "mkdocs.yml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_tags_and_hooks_are_never_run(tmp_path: Path):
    marker = tmp_path / "RAN"
    (tmp_path / "hook.py").write_text(f"open({str(marker)!r}, 'w')\n")
    config = write(tmp_path, f"""
        site_name: Tagged
        hooks: [hook.py]
        theme: {{name: material}}
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
          - pymdownx.snippets:
              base_path: !relative $config_dir
        extra:
          run: !!python/object/apply:builtins.open [{str(marker)!r}, w]
          new: !!python/object/new:builtins.open [{str(marker)!r}, w]
          include: !include other.yml
        plugins:
          - community:
              maintainers: [ada]
        """)
    settings, _ = read_settings(config, {})
    assert not marker.exists()
    assert settings is not None and settings.maintainers == ("ada",)
    doc = parse_config(config.read_text(), "mkdocs.yml", {}, Diagnostics())
    assert doc is not None
    assert doc.data["extra"]["run"] == Tagged("tag:yaml.org,2002:python/object/apply:"
                                              "builtins.open", [str(marker), "w"])
    assert doc.data["extra"]["include"] == Tagged("!include", "other.yml")


def test_the_command_line_runs_nothing_from_mkdocs_yml(site: SiteFactory, tmp_path: Path):
    """Attack: 'community validate' loaded mkdocs.yml through MkDocs, running its tags."""
    marker = tmp_path / "RAN"
    site.member("ada")
    site._write_config()
    text = (site.root / "mkdocs.yml").read_text()
    (site.root / "mkdocs.yml").write_text(
        text + f"extra:\n  x: !!python/object/apply:builtins.open [{str(marker)!r}, w]\n")
    result = site.run(str(Path(__import__("sys").executable).parent / "community"), "validate")
    assert result.returncode == 0, result.output
    assert not marker.exists()


def test_env_tags_are_read_from_the_given_environment(tmp_path: Path):
    config = write(tmp_path, """
        site_name: !ENV [SITE_NAME, Fallback]
        site_url: !ENV SITE_URL
        plugins:
          - community:
              timezone: !ENV [ZONE, UTC]
              require_recurrence_end: !ENV [STRICT, true]
        """)
    settings, _ = read_settings(config, {"SITE_URL": "https://example.org/x",
                                         "ZONE": "Asia/Tokyo", "STRICT": "false"})
    assert settings is not None
    assert (settings.name, settings.site_url, settings.timezone) == \
        ("Fallback", "https://example.org/x/", "Asia/Tokyo")
    assert settings.require_recurrence_end is False  # YAML's types, as MkDocs reads them


def test_inherit_merges_the_parent_as_mkdocs_does(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "base.yml").write_text(textwrap.dedent("""
        site_name: Parent
        repo_url: https://github.com/example/x
        plugins:
          - community:
              maintainers: [parent]
        """))
    config = write(tmp_path, """
        INHERIT: base.yml
        site_name: Child
        """)
    settings, _ = read_settings(config, {})
    assert settings is not None
    assert (settings.name, settings.repo_url, settings.maintainers) == \
        ("Child", "https://github.com/example/x", ("parent",))
    assert settings == mkdocs_settings(config)
    missing = write(tmp_path, "INHERIT: nowhere.yml\nsite_name: x\n")
    with pytest.raises(ConfigError) as failure:
        load_as_data(missing.read_text(), "mkdocs.yml", {}, lambda path: None)
    (problem,) = failure.value.diagnostics
    assert (problem.line, problem.code) == (1, "config-inherit")


def test_option_problems_are_located_with_hints(tmp_path: Path):
    config = write(tmp_path, """
        site_name: Problems
        plugins:
          - search
          - community:
              timezone: Europe/Londn
              members_dir: ../outside
              maintainer: [typo]
              feedback_url: https://example.org/"x
              channels:
                - {name: Chat, url: "javascript:alert(1)"}
        """)
    settings, diagnostics = read_settings(config, {})
    assert settings is None
    lines = {d.line: d for d in diagnostics}
    assert set(lines) == {5, 6, 7, 8, 10}
    assert "did you mean 'Europe/London'" in lines[5].message
    assert "inside the site" in lines[6].message
    assert lines[7].severity == "warning" and "maintainers" in lines[7].hint
    assert "'\"'" in lines[8].message and "https" in lines[10].message


def test_aliases_cannot_blow_up_and_syntax_errors_are_located(tmp_path: Path):
    laughs = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n"
                     for i in range(1, 40))
    config = write(tmp_path, "l0: &l0 [lol]\n" + laughs + "site_name: x\nplugins: [community]\n")
    settings, _ = read_settings(config, {})
    assert settings is not None and settings.name == "x"
    broken = write(tmp_path, "site_name: x\nplugins: [community\n")
    settings, diagnostics = read_settings(broken, {})
    assert settings is None and [d.line for d in diagnostics] == [3]


def test_both_readers_refuse_a_channel_that_is_not_an_https_url(site: SiteFactory):
    """Channels and the feedback form are stored URLs too: checked as records' URLs are."""
    site.member("ada")
    site.plugin_options["channels"] = [{"name": "Bad", "url": "javascript:alert(1)"}]
    build = site.build(check=False)
    assert build.returncode != 0 and "link must start with https://" in build.output
    validate = site.validate()
    assert validate.returncode != 0 and "Traceback" not in validate.output
    assert "mkdocs.yml:" in validate.stderr and "link must start with https://" in validate.stderr


def test_the_now_option_is_read_as_data_and_checked(tmp_path: Path):
    """The commands take the site's "now" from mkdocs.yml without MkDocs' loader (a
    preview of a future date, tests); a value that is not a date-time is located."""
    (tmp_path / "docs").mkdir()
    good = write(tmp_path, """
        site_name: Later
        plugins:
          - community:
              now: "2027-03-01T09:00:00+01:00"
        """)
    settings, diagnostics = read_settings(good, {})
    assert settings is not None and not diagnostics.has_errors
    assert settings.now == "2027-03-01T09:00:00+01:00"
    assert settings == mkdocs_settings(good)
    bad = write(tmp_path, """
        site_name: Later
        plugins:
          - community:
              now: "next tuesday"
        """)
    settings, diagnostics = read_settings(bad, {})
    assert settings is None
    [problem] = [d for d in diagnostics if d.code == "config-option"]
    assert problem.line == 4 and "not an ISO date-time" in problem.message
