"""Checks for image files that records point at (avatars, spotlight images).

A small file can hold a huge picture (a 249 KB PNG of 16000x16000 pixels costs each
visitor's browser over a gigabyte to decode), so the pixel size is read from the file's
header (``imagesize``, which decodes nothing) and limited as well as the byte size.
"""

from __future__ import annotations

from pathlib import Path

import imagesize

from mkdocs_community.core.diagnostics import Diagnostics
from mkdocs_community.core.safety import image_format, resolves_inside
from mkdocs_community.core.sources import Loc, Locator

MAX_PIXELS = 4096 * 4096  # what a browser decodes: 4 bytes a pixel, 64 MB at most
MAX_SIDE = 8192


def check_image(
    doc: Locator, loc: Loc, file: Path, folder: Path, shown_folder: str,
    diagnostics: Diagnostics, *, code: str, max_bytes: int, resize_hint: str,
) -> None:
    """Report an image that leaves ``folder``, is missing, too large or not a raster image.

    ``code`` prefixes the diagnostic codes (``avatar`` gives ``avatar-missing``, ...).
    """
    label = "avatar" if code == "avatar" else "image"
    problem = _problem(file, folder, shown_folder, label, max_bytes, resize_hint)
    if problem is not None:
        suffix, message, hint = problem
        line, col = doc.locate(loc)
        diagnostics.error(doc.path, line, col, f"{code}-{suffix}", message, hint)


def _problem(file: Path, folder: Path, shown_folder: str, label: str, max_bytes: int,
             resize_hint: str) -> tuple[str, str, str] | None:
    """(code suffix, message, hint) of what is wrong with the image file, if anything."""
    if not resolves_inside(file, folder):  # also a symlink loop
        return ("path", f"{label} leads outside {shown_folder}/ (a symlink?)",
                f"commit the image itself into {shown_folder}/")
    if not file.is_file():
        return ("missing", f"{label} '{file.relative_to(folder).as_posix()}' not found in "
                f"{shown_folder}/", "add the image file to the same pull request, with its "
                f"path written from {shown_folder}/")
    if file.stat().st_size > max_bytes:
        return ("too-large", f"{label} is larger than {max_bytes // (1024 * 1024)} MB",
                resize_hint)
    with file.open("rb") as handle:
        if image_format(handle.read(16)) is None:
            return ("content", f"{label} '{file.name}' is not a PNG, JPEG, GIF, WebP or AVIF "
                    "image", "export the picture again as PNG or JPEG; SVG and other files "
                    "are refused because they can carry scripts")
    try:
        width, height = imagesize.get(str(file))
    except (OSError, ValueError):
        width = height = -1
    if width <= 0 or height <= 0:
        return ("content", f"{label} '{file.name}': its size cannot be read from the file",
                "export the picture again as PNG or JPEG")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        return ("pixels", f"{label} is {width}x{height} pixels; the limit is "
                f"{MAX_PIXELS:,} pixels and {MAX_SIDE} on a side", resize_hint)
    return None
