"""Print-shop rules outside GWG (press.md §6): bleed size, K-only black text,
safe margin inside the trim, page count, and bleed wherever artwork touches
the trim (BLEED-AT-TRIM)."""

from __future__ import annotations

from ..colour import effective, inks, is_white
from ..findings import Finding, Hit, per_page
from ..geometry import MM, contains, inset, intersect
from . import rule

SIDES = ("left", "bottom", "right", "top")
TOUCH_TOLERANCE = 0.05  # pt: how close to the trim line counts as touching it


def bleed_per_side(boxes) -> tuple[float, ...]:
    """Bleed (pt) on each side: the BleedBox, clipped to the MediaBox, beyond the TrimBox."""
    bleed = intersect(boxes.bleed, boxes.media) or boxes.trim
    trim = boxes.trim
    return trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]


@rule("SHOP-BLEED")
def minimum_bleed(doc, settings):
    need = float(settings["min_mm"])
    findings = []
    for boxes in doc.boxes:
        sides = [s / MM for s in bleed_per_side(boxes)]
        if min(sides) < need - 0.01:
            short = ", ".join(f"{name} {mm:.2f}" for name, mm in zip(SIDES, sides, strict=True)
                              if mm < need - 0.01)
            findings.append(Finding.of("SHOP-BLEED", settings.severity,
                                    f"bleed under {need:g} mm ({short} mm)", page=boxes.number,
                                    bbox=boxes.bleed, measured=min(sides), limit=need))
    return findings


def looks_black(colour) -> bool:
    """Dark enough to read as black: K ≥ 85 %, or C, M, Y each ≥ 85 %, or RGB/Gray ≤ 15 %."""
    tints = inks(colour)
    if tints is not None and colour.space.process_family == "CMYK":
        return tints["Black"] >= 0.85 or min(tints["Cyan"], tints["Magenta"], tints["Yellow"]) >= 0.85
    colour = effective(colour)
    family = colour.space.process_family
    if family in ("RGB", "Gray") and colour.values:
        return max(colour.values) <= 0.15
    if family == "Lab" and colour.values:
        return colour.values[0] <= 15
    return False


def is_k_only(colour) -> bool:
    """Black made of the K plate only: CMYK with C=M=Y=0, DeviceGray, or Separation Black."""
    colour = effective(colour)
    space = colour.space
    if space.family == "DeviceGray" or space.names == ("Black",):
        return True
    tints = inks(colour)
    return space.process_family == "CMYK" and tints is not None and not any(
        tints[n] for n in ("Cyan", "Magenta", "Yellow")
    )


@rule("SHOP-K-ONLY")
def k_only_black_text(doc, settings):
    hits = [Hit(p.page, p.bbox) for p in doc.paints("text")
            if looks_black(p.colour) and not is_k_only(p.colour)]
    return per_page("SHOP-K-ONLY", settings.severity, hits,
                    lambda _: "black text is not K-only (单黑 K100 wanted)")


@rule("SHOP-SAFE-MARGIN")
def text_inside_safe_area(doc, settings):
    margin_mm = float(settings["min_mm"])
    hits = []
    for paint in doc.paints("text"):
        trim = doc.boxes[paint.page - 1].trim
        if not contains(inset(trim, margin_mm * MM), paint.bbox, tolerance=0.01):
            hits.append(Hit(paint.page, paint.bbox, _distance_inside(trim, paint.bbox) / MM))
    return per_page("SHOP-SAFE-MARGIN", settings.severity, hits,
                    lambda v: f"text {v:.2f} mm from the trim, under {margin_mm:g} mm",
                    limit=margin_mm)


def _distance_inside(trim, box) -> float:
    return min(box[0] - trim[0], box[1] - trim[1], trim[2] - box[2], trim[3] - box[3])


@rule("SHOP-PAGES")
def page_count_multiple(doc, settings):
    multiple, count = int(settings["multiple"]), len(doc.boxes)
    if count % multiple == 0 or count == 1:  # one page is a flat sheet (poster), not a bound booklet
        return []
    return [Finding.of("SHOP-PAGES", settings.severity,
                    f"{count} pages is not a multiple of {multiple} (saddle stitch)",
                    measured=count, limit=multiple)]


@rule("BLEED-AT-TRIM")
def bleed_where_artwork_touches_trim(doc, settings):
    need = float(settings["min_mm"]) * MM
    hits = []
    for paint in doc.paints():
        if paint.colour is not None and paint.kind != "image" and is_white(paint.colour):
            continue
        shortfall = _bleed_shortfall(doc.boxes[paint.page - 1].trim, paint.bbox, need)
        if shortfall is not None:
            hits.append(Hit(paint.page, paint.bbox, shortfall / MM))
    return per_page("BLEED-AT-TRIM", settings.severity, hits,
                    lambda v: f"artwork touches the trim but bleeds only {v:.2f} mm "
                              f"(needs {need / MM:g} mm)", limit=need / MM)


def _bleed_shortfall(trim, box, need: float) -> float | None:
    """Smallest bleed (pt) on a trim edge the object touches, when under ``need``."""
    if intersect(trim, box) is None:
        return None
    beyond = (trim[0] - box[0], trim[1] - box[1], box[2] - trim[2], box[3] - trim[3])
    touching = [b for b in beyond if b >= -TOUCH_TOLERANCE]
    short = [max(b, 0.0) for b in touching if b < need - 0.01]
    return min(short) if short else None
