"""Text and line rules: Courier (R0014), rich black (R0015), minimum sizes of
white and multi-colorant text and lines (R0016–R0019), embedded fonts
(PDFX-FONTS)."""

from __future__ import annotations

from ..colour import colorant_count, inks, is_white
from ..findings import Hit, per_page
from . import rule
from .overprint import lines


@rule("R0014")
def no_courier(doc, settings):
    hits = [Hit(p.page, p.bbox) for p in doc.paints("text") if p.font.base_name == "Courier"]
    return per_page("R0014", settings.severity, hits, lambda _: "text uses the font Courier")


def rich_black_total(paint, min_black: float) -> float | None:
    """C+M+Y+K in percent for CMYK text with K ≥ ``min_black`` %, else None."""
    tints = inks(paint.colour)
    if tints is None or paint.colour.space.process_family != "CMYK":
        return None
    if tints["Black"] * 100 < min_black:
        return None
    return sum(tints.values()) * 100


@rule("R0015")
def rich_black_text(doc, settings):
    limit, min_black = float(settings["limit"]), float(settings["min_black"])
    hits = []
    for paint in doc.paints("text"):
        total = rich_black_total(paint, min_black)
        if total is not None and total > limit:
            hits.append(Hit(paint.page, paint.bbox, total))
    return per_page("R0015", settings.severity, hits,
                    lambda v: f"rich black text with {v:.1f}% total ink", limit=limit, worst=max)


def _smaller_than_limit(rule_id, settings, paints, colour_test, message):
    """Paints of a colour ``colour_test`` accepts, smaller (text) or thinner (lines) than
    the profile's limit: one finding per page; ``message`` is formatted with the
    worst ``size`` and the ``limit``."""
    limit = float(settings["limit"])
    hits = [Hit(p.page, p.bbox, p.size) for p in paints if p.size < limit and colour_test(p.colour)]
    return per_page(rule_id, settings.severity, hits, lambda v: message.format(size=v, limit=limit), limit=limit)


def _multi_colorant(colour) -> bool:
    return colorant_count(colour) > 1


@rule("R0016")
def white_text_size(doc, settings):
    return _smaller_than_limit("R0016", settings, doc.paints("text"), is_white,
                               "white text {size:.2f} pt is smaller than {limit:g} pt")


@rule("R0017")
def multi_colorant_text_size(doc, settings):
    return _smaller_than_limit("R0017", settings, doc.paints("text"), _multi_colorant,
                               "text in more than one colorant {size:.2f} pt is smaller than {limit:g} pt")


@rule("R0018")
def white_line_width(doc, settings):
    return _smaller_than_limit("R0018", settings, lines(doc), is_white,
                               "white line {size:.3f} pt is thinner than {limit:g} pt")


@rule("R0019")
def multi_colorant_line_width(doc, settings):
    return _smaller_than_limit("R0019", settings, lines(doc), _multi_colorant,
                               "line in more than one colorant {size:.3f} pt is thinner than {limit:g} pt")


@rule("PDFX-FONTS")
def fonts_embedded(doc, settings):
    findings = []
    by_font: dict[str, list[Hit]] = {}
    for paint in doc.paints("text"):
        if not paint.font.embedded:
            by_font.setdefault(paint.font.base_name, []).append(Hit(paint.page, paint.bbox))
    for name, hits in sorted(by_font.items()):
        findings += per_page("PDFX-FONTS", settings.severity, hits,
                             lambda _, name=name: f"font {name} is not embedded")
    return findings
