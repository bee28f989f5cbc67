"""Image resolution rules: contone (R0031), 1-bit (R0032) and single full-trim
image pages (R0033), measured in page space on the smaller axis."""

from __future__ import annotations

from ..findings import Hit, per_page
from ..geometry import contains
from . import rule


def graded(rule_id: str, settings, hits: list[Hit], what: str):
    """Split hits by the profile's error/warning thresholds."""
    error_below, warning_below = float(settings["error_below"]), float(settings["warning_below"])
    errors = [h for h in hits if h.measured < error_below]
    warnings = [h for h in hits if error_below <= h.measured < warning_below]
    return [
        *per_page(rule_id, "error", errors,
                  lambda v: f"{what} at {v:.0f} ppi (minimum {error_below:g})", limit=error_below),
        *per_page(rule_id, "warning", warnings,
                  lambda v: f"{what} at {v:.0f} ppi (recommended {warning_below:g})", limit=warning_below),
    ]


def _checked(paint, min_pixels: int) -> bool:
    image = paint.image
    return image.width > min_pixels or image.height > min_pixels


@rule("R0031")
def contone_resolution(doc, settings):
    min_pixels = int(settings.get("min_pixels", 16))
    hits = [Hit(p.page, p.bbox, p.image.ppi) for p in doc.paints("image")
            if p.image.bits > 1 and not p.image.is_mask and _checked(p, min_pixels)]
    return graded("R0031", settings, hits, "contone image")


@rule("R0032")
def bitmap_resolution(doc, settings):
    min_pixels = int(settings.get("min_pixels", 16))
    hits = [Hit(p.page, p.bbox, p.image.ppi) for p in doc.paints("image")
            if (p.image.bits == 1 or p.image.is_mask) and _checked(p, min_pixels)]
    return graded("R0032", settings, hits, "1-bit image")


@rule("R0033")
def single_image_page(doc, settings):
    hits = []
    for scan, boxes in zip(doc.scans, doc.boxes, strict=True):
        images = [p for p in scan.paints if p.kind == "image"]
        if len(scan.paints) == 1 and len(images) == 1 and contains(images[0].bbox, boxes.trim):
            hits.append(Hit(scan.page, images[0].bbox, images[0].image.ppi))
    return graded("R0033", settings, hits, "single full-page image")
