"""A PDF path → :class:`Inspection`: the opened file, its page boxes and lazy scans.

Rules read everything through an :class:`Inspection`, so each expensive step
(content-stream walk, ink rendering) runs at most once per file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pikepdf

from ..errors import PdfReadError
from . import coverage
from .geometry import Box, normalise
from .interpreter import DocumentCaches, PageScan, scan_page
from .profiles import Profile


@dataclass(frozen=True)
class PageBoxes:
    """The page boxes with the PDF fallbacks applied (crop → media, bleed/trim → crop)."""

    number: int
    media: Box
    crop: Box
    bleed: Box
    trim: Box
    has_crop: bool
    has_bleed: bool
    has_trim: bool
    has_art: bool
    rotate: int
    user_unit: float | None


def open_for_inspection(path: Path) -> pikepdf.Pdf:
    """Open a PDF for reading or raise :class:`PdfReadError` naming the file and cause."""
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise PdfReadError(f"{path}: cannot read PDF (encrypted with a password)") from None
    except FileNotFoundError:
        raise PdfReadError(f"{path}: cannot read PDF (no such file)") from None
    except (IsADirectoryError, PermissionError) as error:
        raise PdfReadError(f"{path}: cannot read PDF ({error.strerror.lower()})") from None
    except pikepdf.PdfError as error:
        cause = str(error).replace(f"{path}: ", "")
        raise PdfReadError(f"{path}: cannot read PDF (damaged or not a PDF: {cause})") from None
    if pdf.is_encrypted:
        pdf.close()
        raise PdfReadError(f"{path}: cannot read PDF (encrypted; PDF/X forbids encryption)")
    return pdf


def _inherited(page: pikepdf.Dictionary, key: str):
    node = page
    for _ in range(64):
        if key in node:
            return node[key]
        node = node.get("/Parent")
        if node is None:
            return None
    return None


def read_boxes(number: int, page: pikepdf.Page) -> PageBoxes:
    obj = page.obj
    media = normalise(_inherited(obj, "/MediaBox") or [0, 0, 612, 792])
    crop_obj = _inherited(obj, "/CropBox")
    crop = normalise(crop_obj) if crop_obj is not None else media
    bleed = normalise(obj.BleedBox) if "/BleedBox" in obj else crop
    trim = normalise(obj.TrimBox) if "/TrimBox" in obj else (
        normalise(obj.ArtBox) if "/ArtBox" in obj else crop
    )
    unit = obj.get("/UserUnit")
    return PageBoxes(
        number=number, media=media, crop=crop, bleed=bleed, trim=trim,
        has_crop=crop_obj is not None, has_bleed="/BleedBox" in obj,
        has_trim="/TrimBox" in obj, has_art="/ArtBox" in obj,
        rotate=int(_inherited(obj, "/Rotate") or 0) % 360,
        user_unit=float(unit) if unit is not None else None,
    )


class Inspection:
    """One PDF under preflight: the open file, its boxes, and cached measurements."""

    def __init__(self, path: str | Path, profile: Profile):
        self.path = Path(path)
        self.profile = profile
        self._renders: dict[tuple[float, float], coverage.InkRender] = {}
        self.pdf = open_for_inspection(self.path)
        try:
            self.boxes = [read_boxes(i + 1, p) for i, p in enumerate(self.pdf.pages)]
        except (pikepdf.PdfError, ValueError, TypeError) as error:
            self.close()
            raise PdfReadError(f"{self.path}: cannot read PDF (damaged page tree: {error})") from None

    def close(self) -> None:
        for render in self._renders.values():
            render.close()
        self.pdf.close()

    @cached_property
    def sha256(self) -> str:
        digest = hashlib.sha256()
        with self.path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()

    @cached_property
    def scans(self) -> list[PageScan]:
        caches = DocumentCaches(self.pdf)
        try:
            return [scan_page(caches, i + 1, p) for i, p in enumerate(self.pdf.pages)]
        except pikepdf.PdfError as error:
            raise PdfReadError(f"{self.path}: cannot read PDF (damaged content: {error})") from None

    def paints(self, *kinds: str):
        """All painted objects, optionally only of the given kinds, page by page."""
        for scan in self.scans:
            for paint in scan.paints:
                if not kinds or paint.kind in kinds:
                    yield paint

    def start_coverage(self, dpi: float, square_mm: float) -> None:
        """Start rendering the inks (Ghostscript runs while the content streams are read)."""
        key = (dpi, square_mm)
        if key not in self._renders and self.boxes:
            self._renders[key] = coverage.InkRender(
                self.path, [b.media for b in self.boxes], dpi, square_mm,
                [b.user_unit or 1.0 for b in self.boxes])

    def coverage(self, dpi: float, square_mm: float) -> list[coverage.PageCoverage]:
        """Per-page ink coverage, from the one render of these settings."""
        if not self.boxes:
            return []
        self.start_coverage(dpi, square_mm)
        return self._renders[(dpi, square_mm)].result()

    @property
    def coverage_settings(self) -> tuple[float, float]:
        """Resolution and square size of the profile's R0026 (defaults when R0026 is off)."""
        rule = self.profile.rules.get("R0026")
        params = rule.params if rule else {}
        return float(params.get("dpi", 72)), float(params.get("square_mm", 15.0))
