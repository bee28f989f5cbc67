"""Overprint rules on painted objects: white must not overprint (R0007/R0008),
100 % black text and thin lines must overprint (R0009–R0012), DeviceGray must
not overprint (R0013)."""

from __future__ import annotations

from ..colour import is_cmyk_black, is_gray_black, is_white
from ..findings import Hit, per_page
from . import rule


def is_black_paint(paint) -> bool:
    """GWG black: exactly 0/0/0/1 (or Separation Black 1), opaque, Normal blend."""
    return is_cmyk_black(paint.colour) and paint.alpha == 1 and paint.blend in ("Normal", "Compatible")


def overprints_black(paint) -> bool:
    """Does this black keep the inks below? DeviceCMYK black needs OPM 1 as well."""
    if not paint.overprint:
        return False
    return paint.colour.space.family in ("Separation", "DeviceN") or paint.opm == 1


def line_width(paint) -> float | None:
    """Effective width of a stroke, or of a filled rectangle that reads as a line (I00004)."""
    if paint.kind in ("stroke", "fill"):
        return paint.size
    return None


def lines(doc):
    for paint in doc.paints("stroke", "fill"):
        if paint.size is not None and paint.colour is not None:
            yield paint


@rule("R0007")
def white_text_overprint(doc, settings):
    hits = [Hit(p.page, p.bbox) for p in doc.paints("text") if p.overprint and is_white(p.colour)]
    return per_page("R0007", settings.severity, hits, lambda _: "white text set to overprint")


@rule("R0008")
def white_path_overprint(doc, settings):
    hits = [
        Hit(p.page, p.bbox)
        for p in doc.paints("stroke", "fill")
        if p.overprint and p.colour is not None and is_white(p.colour)
    ]
    return per_page("R0008", settings.severity, hits, lambda _: "white path set to overprint")


@rule("R0009")
def black_text_overprint(doc, settings):
    below = float(settings["below_pt"])
    hits = [
        Hit(p.page, p.bbox, p.size)
        for p in doc.paints("text")
        if p.size < below and is_black_paint(p) and not overprints_black(p)
    ]
    return per_page("R0009", settings.severity, hits,
                    lambda v: f"100% K text {v:.2f} pt does not overprint (needs overprint, OPM 1)",
                    limit=below)


@rule("R0010")
def black_line_overprint(doc, settings):
    below = float(settings["below_pt"])
    hits = [
        Hit(p.page, p.bbox, p.size)
        for p in lines(doc)
        if p.size < below and is_black_paint(p) and not overprints_black(p)
    ]
    return per_page("R0010", settings.severity, hits,
                    lambda v: f"100% K line {v:.2f} pt does not overprint (needs overprint, OPM 1)",
                    limit=below)


@rule("R0011")
def gray_black_text_overprint(doc, settings):
    below = float(settings["below_pt"])
    hits = [
        Hit(p.page, p.bbox, p.size)
        for p in doc.paints("text")
        if p.size < below and is_gray_black(p.colour) and not p.overprint
    ]
    return per_page("R0011", settings.severity, hits,
                    lambda v: f"DeviceGray black text {v:.2f} pt does not overprint", limit=below)


@rule("R0012")
def gray_black_line_overprint(doc, settings):
    below = float(settings["below_pt"])
    hits = [
        Hit(p.page, p.bbox, p.size)
        for p in lines(doc)
        if p.size < below and is_gray_black(p.colour) and not p.overprint
    ]
    return per_page("R0012", settings.severity, hits,
                    lambda v: f"DeviceGray black line {v:.2f} pt does not overprint", limit=below)


@rule("R0013")
def gray_overprint(doc, settings):
    hits = [
        Hit(p.page, p.bbox)
        for p in doc.paints()
        if p.overprint and p.colour is not None and p.colour.space.family == "DeviceGray"
    ]
    return per_page("R0013", settings.severity, hits,
                    lambda _: "DeviceGray object set to overprint")
