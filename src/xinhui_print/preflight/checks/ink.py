"""Rules measured on the rendered separations: empty pages (R0005) and total
area coverage over any square (R0026)."""

from __future__ import annotations

from ..findings import Finding
from . import rule


@rule("R0005")
def no_empty_page(doc, settings):
    dpi, square_mm = doc.coverage_settings
    return [
        Finding.of("R0005", settings.severity, "page is empty (no ink)", page=c.page,
                bbox=doc.boxes[c.page - 1].trim, measured=0.0, limit="> 0")
        for c in doc.coverage(dpi, square_mm)
        if c.total_ink == 0
    ]


@rule("R0026")
def total_area_coverage(doc, settings):
    limit = float(settings["limit"])
    dpi, square_mm = doc.coverage_settings
    return [
        Finding.of("R0026", settings.severity,
                f"total ink {c.max_mean:.1f}% over a {square_mm:g} mm square exceeds {limit:g}%"
                + (f" (measured at {c.dpi:.0f} dpi: the page is too large for {dpi:g})" if c.dpi < dpi else ""),
                page=c.page, bbox=c.square, measured=c.max_mean, limit=limit)
        for c in doc.coverage(dpi, square_mm)
        if c.max_mean > limit
    ]
