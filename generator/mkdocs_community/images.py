"""Checks for image files that records point at (avatars, spotlight images)."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostics
from .safety import image_format, resolves_inside
from .sources import Document, Loc


def check_image(
    doc: Document, loc: Loc, file: Path, folder: Path, shown_folder: str,
    diagnostics: Diagnostics, *, code: str, max_bytes: int, resize_hint: str,
) -> None:
    """Report an image that leaves ``folder``, is missing, too large or not a raster image.

    ``code`` prefixes the diagnostic codes (``avatar`` gives ``avatar-missing``, ...).
    """
    line, col = doc.locate(loc)
    label = "avatar" if code == "avatar" else "image"
    if not resolves_inside(file, folder):  # also a symlink loop
        diagnostics.error(doc.path, line, col, f"{code}-path",
                          f"{label} leads outside {shown_folder}/ (a symlink?)",
                          f"commit the image itself into {shown_folder}/")
    elif not file.is_file():
        diagnostics.error(doc.path, line, col, f"{code}-missing",
                          f"{label} '{file.relative_to(folder).as_posix()}' not found in "
                          f"{shown_folder}/",
                          "add the image file to the same pull request, with its path "
                          f"written from {shown_folder}/")
    elif file.stat().st_size > max_bytes:
        diagnostics.error(doc.path, line, col, f"{code}-too-large",
                          f"{label} is larger than {max_bytes // (1024 * 1024)} MB", resize_hint)
    else:
        with file.open("rb") as handle:
            if image_format(handle.read(16)) is None:
                diagnostics.error(doc.path, line, col, f"{code}-content",
                                  f"{label} '{file.name}' is not a PNG, JPEG, GIF, WebP or AVIF "
                                  "image", "export the picture again as PNG or JPEG; SVG and "
                                  "other files are refused because they can carry scripts")
