"""Property-based: random member and event files either build or are reported, never crash.

Hypothesis writes random records (random fields, random values of every YAML shape,
random Unicode, random bytes) next to a valid base community. For every example the core
must either load the community and render every page and file with nothing active in
it, or report diagnostics located in the random files and publish nothing at all.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile import (
    RECORDS,
    base_site,
    check_outputs,
    kind_of,
    record_path,
    record_text,
    render_everything,
    settings_for,
    text_fields,
    with_value,
)

from conftest import SiteFactory
from mkdocs_community.core.community import load_community
from mkdocs_community.core.kinds import KINDS

PROPERTY_SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.too_slow])

# Text that mixes the ordinary with the awkward: markup, template syntax, control and
# invisible characters, surrogate-free Unicode of every category.
ODD = st.sampled_from(["<script>alert(1)</script>", "{{ x }}", "{% if %}", "javascript:",
                       "\u202e", "\u200b", "\x00", "\x1b", "\r\n", "---", "&amp;", "]]>",
                       "<!--", "*", "[a](b)", "#", "python", "2026-13-45", "NO", "~", ""])
TEXT = st.one_of(st.text(max_size=60), ODD,
                 st.lists(st.one_of(st.text(max_size=8), ODD), max_size=5).map("".join))
SCALAR = st.one_of(TEXT, st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                   st.booleans(), st.none(), st.dates().map(str))
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)


def fields_of(kind_name: str) -> list[str]:
    model = kind_of(kind_name).model
    return [name for name in model.model_fields if name not in ("id", "source", "body")]


def record_strategy(kind_name: str) -> st.SearchStrategy[dict]:
    """A sample record with some fields replaced, removed or added at random."""
    sample = RECORDS[kind_name].data
    known = st.sampled_from(fields_of(kind_name))
    return st.tuples(
        st.dictionaries(known, VALUE, max_size=4),
        st.lists(st.sampled_from(sorted(sample)), max_size=3),
        st.dictionaries(TEXT, VALUE, max_size=2),
    ).map(lambda t: {**{k: v for k, v in sample.items() if k not in t[1]}, **t[0], **t[2]})


def files_strategy(kind_name: str) -> st.SearchStrategy[list[bytes]]:
    kind = kind_of(kind_name)

    def dump(data: dict, body: str) -> bytes:
        try:
            return record_text(kind, data, body).encode("utf-8", "surrogatepass")
        except (yaml.YAMLError, TypeError):  # pragma: no cover - Hypothesis finds odd keys
            return b"name: x\n"

    plausible = st.lists(st.builds(dump, plausible_strategy(kind_name), PRINTABLE),
                         min_size=1, max_size=3)
    wild = st.one_of(st.builds(dump, record_strategy(kind_name), TEXT),
                     st.binary(max_size=300),
                     st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
    # Half the examples hold only plausible files (they mostly build), half add wild ones.
    return st.tuples(plausible, st.one_of(st.just([]), st.lists(wild, min_size=1,
                                                                  max_size=2))
                     ).map(lambda t: [*t[0], *t[1]])


# Text a validator should accept, markup and template syntax included: these records
# mostly load, so rendering gets exercised as much as validation.
PRINTABLE = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), min_size=1,
            max_size=40),
    st.sampled_from(["<script>alert(1)</script>", "{{ x }}", "{% if %}", "<b>x</b>",
                     "[a](javascript:alert(1))", "&amp;", "]]>", "<!--", "\"'><svg>"]))


def plausible_strategy(kind_name: str) -> st.SearchStrategy[dict]:
    """The sample record with some of its text fields set to random printable text."""
    sample = RECORDS[kind_name].data
    fields = text_fields(kind_of(kind_name).model)

    def apply(choices: list[tuple[tuple, str]]) -> dict:
        data = sample
        for field, value in choices:
            data = with_value(data, field, value)
        return data

    return st.lists(st.tuples(st.sampled_from(fields), PRINTABLE), min_size=1,
                    max_size=6).map(apply)


@pytest.fixture(scope="module")
def workdir():
    root = Path(tempfile.mkdtemp(prefix="hostile-properties-"))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _exercise(root: Path, kind_name: str, files: list[bytes]) -> None:
    if root.exists():
        shutil.rmtree(root)
    site = base_site(SiteFactory(root))
    kind = kind_of(kind_name)
    sample = RECORDS[kind_name]
    written = set()
    for i, content in enumerate(files):
        path = record_path(site, kind, f"{sample.record_id}-p{i}")
        site.write(path, content)
        written.add(path)
    community, diagnostics = load_community(settings_for(site))
    if diagnostics.has_errors:
        assert community is None  # nothing is published from a community with errors
        for d in diagnostics.errors:
            assert d.path in written, d.format_text()
            assert d.message and d.code
        return
    diagnostics, outputs = render_everything(site)
    assert outputs is not None
    check_outputs(outputs)


@pytest.mark.parametrize("kind_name", [k for k in ("member", "event")
                                       if k in {kind.name for kind in KINDS}])
def test_random_records_build_or_are_reported(workdir, kind_name):
    @PROPERTY_SETTINGS
    @given(files_strategy(kind_name))
    def run(files: list[bytes]) -> None:
        _exercise(workdir / kind_name, kind_name, files)

    run()
