"""Checks on content records that need more than their model: files on disk, cross-field rules.

Registered per kind in ``community.default_checks``; each reports located diagnostics
and never raises.
"""

from __future__ import annotations

from mkdocs_community.core.diagnostics import Diagnostics
from mkdocs_community.core.images import check_image
from mkdocs_community.core.kinds import KINDS
from mkdocs_community.core.records.common import MAX_YEAR, MIN_YEAR, Record, file_name_date
from mkdocs_community.core.records.resource import Resource
from mkdocs_community.core.records.spotlight import MAX_IMAGE_BYTES, SPOTLIGHT_ID, Spotlight
from mkdocs_community.core.safety import resolves_inside
from mkdocs_community.core.scaffold import placeholder_body
from mkdocs_community.core.settings import Settings
from mkdocs_community.core.sources import Locator


def check_resource(record: Record, doc: Locator, settings: Settings,
                   diagnostics: Diagnostics) -> None:
    assert isinstance(record, Resource)
    if record.url is None and not record.body.strip():
        line, col = doc.locate(("title",))
        diagnostics.error(doc.path, line, col, "resource-empty",
                          "a resource needs a 'url' or a guide written below the front matter",
                          "add 'url: https://...' for something elsewhere, or write the guide "
                          "in Markdown after the closing '---'")


def check_placeholder(kind_name: str, record: Record, doc: Locator, settings: Settings,
                      diagnostics: Diagnostics) -> None:
    """The body still holds the text ``community new`` wrote as a prompt: it would be
    published as the record's description, so it is an error, located at the body."""
    placeholder = placeholder_body(kind_name)
    body = " ".join(str(getattr(record, "body", "") or "").split())
    if not placeholder or placeholder not in body:
        return
    line = getattr(doc, "body_line", 0)
    shown = placeholder if len(placeholder) <= 60 else placeholder[:57] + "..."
    diagnostics.error(doc.path, line, 1 if line else 0, "placeholder-text",
                      f"the template's placeholder text is still here: '{shown}'",
                      f"write the {kind_name}'s own text in its place, or delete it")


def check_spotlight(record: Record, doc: Locator, settings: Settings,
                    diagnostics: Diagnostics) -> None:
    assert isinstance(record, Spotlight)
    match = SPOTLIGHT_ID.match(record.id)
    file_date = None
    if match:
        file_date = file_name_date(match.group(1))
        if file_date is None:
            diagnostics.error(doc.path, 0, 0, "bad-id",
                              f"'{match.group(1)}' at the start of the file name is not a date "
                              f"from {MIN_YEAR} to {MAX_YEAR}",
                              "name the file <yyyy-mm-dd>-<slug>.md with a real date")
    if record.date and file_date and record.date != file_date:
        line, col = doc.locate(("date",))
        diagnostics.warning(doc.path, line, col, "date-mismatch",
                            f"date {record.date} differs from the file name's {file_date}",
                            "rename the file or remove the 'date' line")
    if record.image is None:
        if record.image_alt:
            line, col = doc.locate(("image_alt",), key=True)
            diagnostics.warning(doc.path, line, col, "alt-without-image",
                                "image_alt is set but there is no image", "remove the line")
        return
    if not record.image_alt:
        line, col = doc.locate(("image",))
        diagnostics.error(doc.path, line, col, "image-alt-missing",
                          "an image needs 'image_alt': a description for people who cannot "
                          "see it", "add a line 'image_alt: ...' saying what the picture shows")
    folder = settings.path(settings.content_dir)
    file = folder / record.image
    record_folders = [settings.path(k.folder(settings)).resolve() for k in KINDS]
    if any(resolves_inside(file, f) for f in record_folders):
        line, col = doc.locate(("image",))
        diagnostics.error(doc.path, line, col, "image-path",
                          "images inside a record folder are not published",
                          f"move it to e.g. {settings.content_dir}/images/spotlights/ and "
                          "write 'images/spotlights/<name>'")
    else:
        check_image(doc, ("image",), file, folder, settings.content_dir, diagnostics,
                    code="image", max_bytes=MAX_IMAGE_BYTES,
                    resize_hint="resize it to about 1200 pixels wide")
