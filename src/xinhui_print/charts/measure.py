"""Text widths for chart labels, from the very font files the PDF embeds (Pillow / FreeType).

A label's box is its advance width by the ideographic em's top (0.88 em above the
baseline) down to the font's descent (0.29 em below it): every glyph's ink lies in it,
and so does the box a PDF reader (pdfminer) gives each character, so labels laid out
apart stay apart in the PDF too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PIL import ImageFont

from ..fonts import FontRole

UNITS_PER_EM = 1000
ASCENT = 0.88  # the ideographic em box above the baseline, in em
DESCENT = 0.29


@dataclass(frozen=True)
class TextStyle:
    """The chart's family and the font files that set it, regular and bold."""

    family: str
    regular: str
    bold: str

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """The advance width of ``text`` at ``size`` px."""
        return _advance(self.bold if bold else self.regular, text) * size / UNITS_PER_EM


def text_style(role: FontRole) -> TextStyle:
    """The role's regular (400) and bold (700) files."""
    regular = min(role.files, key=lambda f: abs(f.weight - 400))
    bold = min(role.files, key=lambda f: abs(f.weight - 700))
    return TextStyle(role.family, str(regular.path), str(bold.path))


@cache
def _font(path: str) -> ImageFont.FreeTypeFont:
    index = 2 if path.endswith(".ttc") else 0  # Noto CJK collections: 2 = SC (same advances in every face)
    return ImageFont.truetype(path, UNITS_PER_EM, index=index, layout_engine=ImageFont.Layout.BASIC)


@cache
def _advance(path: str, text: str) -> float:
    return _font(path).getlength(text)
