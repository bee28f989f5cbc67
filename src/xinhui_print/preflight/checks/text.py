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


@rule("R0016")
def white_text_size(doc, settings):
    limit = float(settings["limit"])
    hits = [Hit(p.page, p.bbox, p.size) for p in doc.paints("text")
            if p.size < limit and is_white(p.colour)]
    return per_page("R0016", settings.severity, hits,
                    lambda v: f"white text {v:.2f} pt is smaller than {limit:g} pt", limit=limit)


@rule("R0017")
def multi_colorant_text_size(doc, settings):
    limit = float(settings["limit"])
    hits = [Hit(p.page, p.bbox, p.size) for p in doc.paints("text")
            if p.size < limit and colorant_count(p.colour) > 1]
    return per_page("R0017", settings.severity, hits,
                    lambda v: f"text in more than one colorant {v:.2f} pt is smaller than {limit:g} pt",
                    limit=limit)


@rule("R0018")
def white_line_width(doc, settings):
    limit = float(settings["limit"])
    hits = [Hit(p.page, p.bbox, p.size) for p in lines(doc) if p.size < limit and is_white(p.colour)]
    return per_page("R0018", settings.severity, hits,
                    lambda v: f"white line {v:.3f} pt is thinner than {limit:g} pt", limit=limit)


@rule("R0019")
def multi_colorant_line_width(doc, settings):
    limit = float(settings["limit"])
    hits = [Hit(p.page, p.bbox, p.size) for p in lines(doc)
            if p.size < limit and colorant_count(p.colour) > 1]
    return per_page("R0019", settings.severity, hits,
                    lambda v: f"line in more than one colorant {v:.3f} pt is thinner than {limit:g} pt",
                    limit=limit)


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
