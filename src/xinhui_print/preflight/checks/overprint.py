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


def _small_paints_not_overprinting(rule_id, settings, paints, is_black, overprints, message):
    """R0009–R0012: black objects below ``below_pt`` (text size or line width) must overprint.

    ``message`` is formatted with the measured ``size``."""
    below = float(settings["below_pt"])
    hits = [
        Hit(p.page, p.bbox, p.size)
        for p in paints
        if p.size < below and is_black(p) and not overprints(p)
    ]
    return per_page(rule_id, settings.severity, hits, lambda v: message.format(size=v), limit=below)


def _gray_black(paint) -> bool:
    return is_gray_black(paint.colour)


def _overprints(paint) -> bool:
    return bool(paint.overprint)


@rule("R0009")
def black_text_overprint(doc, settings):
    return _small_paints_not_overprinting(
        "R0009", settings, doc.paints("text"), is_black_paint, overprints_black,
        "100% K text {size:.2f} pt does not overprint (needs overprint, OPM 1)",
    )


@rule("R0010")
def black_line_overprint(doc, settings):
    return _small_paints_not_overprinting(
        "R0010", settings, lines(doc), is_black_paint, overprints_black,
        "100% K line {size:.2f} pt does not overprint (needs overprint, OPM 1)",
    )


@rule("R0011")
def gray_black_text_overprint(doc, settings):
    return _small_paints_not_overprinting(
        "R0011", settings, doc.paints("text"), _gray_black, _overprints,
        "DeviceGray black text {size:.2f} pt does not overprint",
    )


@rule("R0012")
def gray_black_line_overprint(doc, settings):
    return _small_paints_not_overprinting(
        "R0012", settings, lines(doc), _gray_black, _overprints,
        "DeviceGray black line {size:.2f} pt does not overprint",
    )


@rule("R0013")
def gray_overprint(doc, settings):
    hits = [
        Hit(p.page, p.bbox)
        for p in doc.paints()
        if p.overprint and p.colour is not None and p.colour.space.family == "DeviceGray"
    ]
    return per_page("R0013", settings.severity, hits,
                    lambda _: "DeviceGray object set to overprint")
